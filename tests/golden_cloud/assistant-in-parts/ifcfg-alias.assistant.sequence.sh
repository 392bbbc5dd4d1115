# 1. Assign the secondaries in the cloud, 2. configure the OS with the ifcfg-alias all-in-one script
# through Cloud Assistant, 3. verify: the script's own checks, its output printed at the end.
# aliyun CLI, set up with: aliyun configure. Stops at the first step that fails.
(
  set -e
  echo '1. assigning the secondary private IPs in the cloud'
  aliyun ecs AssignPrivateIpAddresses \
    --RegionId cn-hangzhou \
    --NetworkInterfaceId eni-bp1d66qjxb3qoin3xyz \
    --PrivateIpAddress.1 198.51.100.11 \
    --PrivateIpAddress.2 198.51.100.12
  echo '2. configuring the OS with Cloud Assistant; 3. the script checks every address'
  region=cn-hangzhou
  instance=i-bp1d66qjxb3qoin3xyz0
  # siw_run CONTENT: one RunCommand, polled until it is over ($status, $res).
  siw_run() {
    out=$(aliyun ecs RunCommand \
      --RegionId "$region" \
      --InstanceId.1 "$instance" \
      --Type RunShellScript \
      --Name secondary-ip-wizard-ifcfg-alias \
      --Timeout 600 \
      --ContentEncoding Base64 \
      --CommandContent "$1") || exit 1
    invoke=$(printf '%s\n' "$out" | sed -n 's/.*"InvokeId": *"\([^"]*\)".*/\1/p' | head -n 1)
    [ -n "$invoke" ] || { printf 'RunCommand gave no InvokeId:\n%s\n' "$out" >&2; exit 1; }
    echo "Cloud Assistant invocation $invoke: waiting for the result (every 5 s, up to 12 min)"
    n=0
    while :; do
      res=$(aliyun ecs DescribeInvocationResults --RegionId "$region" --InvokeId "$invoke") || exit 1
      status=$(printf '%s\n' "$res" | sed -n 's/.*"InvocationStatus": *"\([^"]*\)".*/\1/p' | head -n 1)
      case $status in
        ''|Pending|Scheduled|Running|Stopping) ;;
        *) break ;;
      esac
      n=$((n + 1))
      if [ "$n" -ge 144 ]; then
        echo "no result yet: look up $invoke under Cloud Assistant in the ECS console" >&2
        exit 1
      fi
      sleep 5
    done
  }
  echo 'sending the script in parts: part 1 of 5'
  siw_run <PART_1_OF_6>
  [ "$status" = Success ] || { echo "Cloud Assistant: $status" >&2; exit 1; }
  echo 'sending the script in parts: part 2 of 5'
  siw_run <PART_2_OF_6>
  [ "$status" = Success ] || { echo "Cloud Assistant: $status" >&2; exit 1; }
  echo 'sending the script in parts: part 3 of 5'
  siw_run <PART_3_OF_6>
  [ "$status" = Success ] || { echo "Cloud Assistant: $status" >&2; exit 1; }
  echo 'sending the script in parts: part 4 of 5'
  siw_run <PART_4_OF_6>
  [ "$status" = Success ] || { echo "Cloud Assistant: $status" >&2; exit 1; }
  echo 'sending the script in parts: part 5 of 5'
  siw_run <PART_5_OF_6>
  [ "$status" = Success ] || { echo "Cloud Assistant: $status" >&2; exit 1; }
  siw_run <PART_6_OF_6>
  printf '%s\n' "$res" | sed -n 's/.*"Output": *"\([^"]*\)".*/\1/p' | head -n 1 | base64 -d || echo '(the output could not be decoded)' >&2
  code=$(printf '%s\n' "$res" | sed -n 's/.*"ExitCode": *\(-\{0,1\}[0-9]*\).*/\1/p' | head -n 1)
  echo "Cloud Assistant: $status, exit code ${code:-unknown}"
  [ "$status" = Success ] || exit 1
)
