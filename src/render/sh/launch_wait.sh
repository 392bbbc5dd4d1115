#!/bin/sh
# Secondary IP Wizard, at the first boot (run once by cloud-init's runcmd):
# waits until the metadata server lists every planned secondary of
# {{interface_text}} (the cloud assigns them once the instance is running), at
# most {{limit}} s, then runs the all-in-one script beside this file.
iface={{interface}}
want={{want}}
mac=$(tr 'A-F' 'a-f' < /sys/class/net/"$iface"/address 2>/dev/null) || mac=
md=http://100.100.100.200/latest
# siw_ips: the addresses the metadata server lists for the MAC, one a line
# (with a token when the server hands one out: hardened mode needs it);
# curl, else the python3 that cloud-init runs on.
siw_ips() {
  if command -v curl >/dev/null 2>&1; then
    tok=$(curl -fs -m 3 -X PUT -H 'X-aliyun-ecs-metadata-token-ttl-seconds: 300' "$md/api/token" 2>/dev/null) || tok=
    curl -fs -m 3 ${tok:+-H "X-aliyun-ecs-metadata-token: $tok"} "$md/meta-data/network/interfaces/macs/$mac/private-ipv4s" 2>/dev/null
  else
    python3 - "$md" "$mac" <<'PY' 2>/dev/null
import sys, urllib.request as u
md, mac = sys.argv[1], sys.argv[2]
h = {}
try:
    t = u.Request(md + "/api/token", method="PUT", headers={"X-aliyun-ecs-metadata-token-ttl-seconds": "300"})
    h["X-aliyun-ecs-metadata-token"] = u.urlopen(t, timeout=3).read().decode()
except Exception:
    pass
try:
    p = md + "/meta-data/network/interfaces/macs/" + mac + "/private-ipv4s"
    print(u.urlopen(u.Request(p, headers=h), timeout=3).read().decode())
except Exception:
    pass
PY
  fi | tr -c '0-9.' '\n'
}
start=$(date +%s)
while :; do
  have=" $(siw_ips | tr '\n' ' ') "
  missing=
  for a in $want; do
    case $have in
      *" $a "*) ;;
      *) missing="$missing $a" ;;
    esac
  done
  if [ -z "$missing" ]; then
    echo "the metadata server lists every planned secondary: configuring $iface"
    break
  fi
  if [ $(($(date +%s) - start)) -ge {{limit}} ]; then
    echo "warning: after {{limit}} s the metadata server still does not list$missing: configuring anyway (assign them to the ENI in the cloud)" >&2
    break
  fi
  sleep 5
done
exec sh {{script}} {{confirm}}
