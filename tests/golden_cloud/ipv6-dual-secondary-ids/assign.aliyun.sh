# Assign 2 secondary private IPs and 2 IPv6 addresses to ENI eni-bp1d66qjxb3qoin3xyz (aliyun CLI, set up with: aliyun configure).
# AssignIpv6Addresses needs IPv6 enabled on the VPC and on the vSwitch first (see the notes).
# This secondary ENI must already be bound to the instance (the guide's step 2).
aliyun ecs AssignPrivateIpAddresses \
  --RegionId cn-hangzhou \
  --NetworkInterfaceId eni-bp1d66qjxb3qoin3xyz \
  --PrivateIpAddress.1 192.168.1.202 \
  --PrivateIpAddress.2 192.168.1.203
aliyun ecs AssignIpv6Addresses \
  --RegionId cn-hangzhou \
  --NetworkInterfaceId eni-bp1d66qjxb3qoin3xyz \
  --Ipv6Address.1 2408:4005:3cd:7d00::a \
  --Ipv6Address.2 2408:4005:3cd:7d00::b
