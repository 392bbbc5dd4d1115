# Run this only after the addresses are removed from the OS and the change is applied (the steps above):
# an address the OS still uses stops working as soon as it is unassigned.
# The primary IP 192.168.1.201 can't be unassigned; only the secondaries are listed.
aliyun ecs UnassignPrivateIpAddresses \
  --RegionId cn-hangzhou \
  --NetworkInterfaceId eni-bp1d66qjxb3qoin3xyz \
  --PrivateIpAddress.1 192.168.1.202 \
  --PrivateIpAddress.2 192.168.1.203
