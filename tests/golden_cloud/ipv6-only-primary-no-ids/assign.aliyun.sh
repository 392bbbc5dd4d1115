# Assign 2 IPv6 addresses to ENI <eni-id> (aliyun CLI, set up with: aliyun configure).
# AssignIpv6Addresses needs IPv6 enabled on the VPC and on the vSwitch first (see the notes).
REGION=''  # fill in: the region id, e.g. cn-hangzhou
ENI=''  # fill in: the ENI id, eni-...
aliyun ecs AssignIpv6Addresses \
  --RegionId "${REGION:?fill in REGION: the region id, e.g. cn-hangzhou}" \
  --NetworkInterfaceId "${ENI:?fill in ENI: the ENI id, eni-...}" \
  --Ipv6Address.1 2408:4005:3cd:7d00::a \
  --Ipv6Address.2 2408:4005:3cd:7d00::b
