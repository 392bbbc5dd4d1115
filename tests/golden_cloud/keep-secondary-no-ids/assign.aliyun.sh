# Assign 2 secondary private IPs to ENI <eni-id> (aliyun CLI, set up with: aliyun configure).
# This secondary ENI must already be bound to the instance (the guide's step 2).
REGION=''  # fill in: the region id, e.g. cn-hangzhou
ENI=''  # fill in: the ENI id, eni-...
aliyun ecs AssignPrivateIpAddresses \
  --RegionId "${REGION:?fill in REGION: the region id, e.g. cn-hangzhou}" \
  --NetworkInterfaceId "${ENI:?fill in ENI: the ENI id, eni-...}" \
  --PrivateIpAddress.1 192.168.1.202 \
  --PrivateIpAddress.2 192.168.1.203
