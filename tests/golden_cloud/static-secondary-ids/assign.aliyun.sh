# Assign 2 secondary private IPs to ENI eni-bp1d66qjxb3qoin3xyz (aliyun CLI, set up with: aliyun configure).
# This secondary ENI must already be bound to the instance (the guide's step 2).
aliyun ecs AssignPrivateIpAddresses \
  --RegionId cn-hangzhou \
  --NetworkInterfaceId eni-bp1d66qjxb3qoin3xyz \
  --PrivateIpAddress.1 192.168.1.202 \
  --PrivateIpAddress.2 192.168.1.203
