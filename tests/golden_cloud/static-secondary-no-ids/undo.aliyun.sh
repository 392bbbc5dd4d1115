# Run this only after the addresses are removed from the OS and the change is applied (the steps above):
# an address the OS still uses stops working as soon as it is unassigned.
# The primary IP 192.168.1.201 can't be unassigned; only the secondaries are listed.
REGION=''  # fill in: the region id, e.g. cn-hangzhou
ENI=''  # fill in: the ENI id, eni-...
aliyun ecs UnassignPrivateIpAddresses \
  --RegionId "${REGION:?fill in REGION: the region id, e.g. cn-hangzhou}" \
  --NetworkInterfaceId "${ENI:?fill in ENI: the ENI id, eni-...}" \
  --PrivateIpAddress.1 192.168.1.202 \
  --PrivateIpAddress.2 192.168.1.203
