# Run this only after the addresses are removed from the OS and the change is applied (the steps above):
# an address the OS still uses stops working as soon as it is unassigned.
# The primary IP 192.168.1.201 can't be unassigned; only the secondaries are listed.
# The ENI's own IPv6 address 2408:4005:3cd:7d00::10 stays: only the IPv6 addresses this plan added are listed.
aliyun ecs UnassignPrivateIpAddresses \
  --RegionId cn-hangzhou \
  --NetworkInterfaceId eni-bp1d66qjxb3qoin3xyz \
  --PrivateIpAddress.1 192.168.1.202 \
  --PrivateIpAddress.2 192.168.1.203
aliyun ecs UnassignIpv6Addresses \
  --RegionId cn-hangzhou \
  --NetworkInterfaceId eni-bp1d66qjxb3qoin3xyz \
  --Ipv6Address.1 2408:4005:3cd:7d00::a \
  --Ipv6Address.2 2408:4005:3cd:7d00::b
