# Assign 2 secondary private IPs to ENI <eni-id> (aliyun CLI, set up with: aliyun configure).
ENI=''  # fill in: the ENI id, eni-...
aliyun ecs AssignPrivateIpAddresses \
  --RegionId cn-hangzhou \
  --NetworkInterfaceId "${ENI:?fill in ENI: the ENI id, eni-...}" \
  --PrivateIpAddress.1 192.168.1.202 \
  --PrivateIpAddress.2 192.168.1.203
