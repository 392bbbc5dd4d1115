# Create a new instance whose first boot configures the secondaries with the netplan all-in-one
# script (the user data above, Base64-encoded in --UserData), then assign them to its
# primary ENI once it runs. aliyun CLI, set up with: aliyun configure. Stops at the first failure.
IMAGE=''  # fill in: the image id, e.g. ubuntu_22_04_x64_20G_alibase_20240101.vhd
TYPE=''  # fill in: the instance type, e.g. ecs.g7.large
SG=''  # fill in: the security group id, sg-...
VSWITCH=''  # fill in: the id of the vSwitch 172.20.8.0/22, vsw-...
(
  set -e
  region=cn-hangzhou
  out=$(aliyun ecs RunInstances \
    --RegionId "$region" \
    --ImageId "${IMAGE:?fill in IMAGE: the image id}" \
    --InstanceType "${TYPE:?fill in TYPE: the instance type}" \
    --SecurityGroupId "${SG:?fill in SG: the security group id}" \
    --VSwitchId "${VSWITCH:?fill in VSWITCH: the vSwitch id}" \
    --PrivateIpAddress 172.20.8.15 \
    --UserData <USER_DATA_BASE64>
  )
  created=$(printf '%s\n' "$out" | tr -d ' \n' | sed -n 's/.*"InstanceIdSet":\[*"\([^"]*\)".*/\1/p' | head -n 1)
  [ -n "$created" ] || { printf 'RunInstances gave no instance id:\n%s\n' "$out" >&2; exit 1; }
  echo "instance $created: waiting until it is Running"
  ids="[\"$created\"]"
  n=0
  until aliyun ecs DescribeInstances --RegionId "$region" --InstanceIds "$ids" | grep -q '"Status": *"Running"'; do
    n=$((n + 1))
    if [ "$n" -ge 60 ]; then echo "$created is not Running after 5 minutes" >&2; exit 1; fi
    sleep 5
  done
  eni=$(aliyun ecs DescribeNetworkInterfaces --RegionId "$region" --InstanceId "$created" --Type Primary | tr -d ' \n' | sed -n 's/.*"NetworkInterfaceId":\[*"\([^"]*\)".*/\1/p' | head -n 1)
  [ -n "$eni" ] || { echo "no primary ENI found for $created" >&2; exit 1; }
  echo "assigning the secondaries to $eni: the first boot waits for them, then configures them"
  aliyun ecs AssignPrivateIpAddresses \
    --RegionId cn-hangzhou \
    --NetworkInterfaceId "$eni" \
    --PrivateIpAddress.1 172.20.9.100
  echo "done: the first boot's output is in /var/log/cloud-init-output.log on $created"
)
