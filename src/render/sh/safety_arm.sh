
# Arm the safety net before the first change: keep the kernel's state
# (addresses, default routes, rules), write what puts it all back, and
# start the timer (in systemd, out of this session's reach, when systemd
# runs this network namespace; else a detached sleeper).
if [ "$rollback" -eq 1 ]; then
  r=$SIW_RUN
  dev={{dev}}
  cat > "$r/state.sh" <<'SIW_STATE'
dev={{dev}}
# The kernel's state that the rollback compares: one item per line.
siw_addrs() { ip -4 -o addr show dev "$dev" | awk '{print $4}'; }
# The same, each with "dynamic" (a lease) or "forever".
siw_leases() {
  ip -4 -o addr show dev "$dev" | awk '{ k = "forever"; for (i = 5; i <= NF; i++) if ($i == "dynamic") k = "dynamic"; print $4 " " k }'
}
siw_routes() { ip -4 route show table all | grep '^default ' | sed 's/ linkdown//g; s/[[:space:]]*$//' || true; }
siw_rules() {
  ip -4 rule show | sed 's/^\([0-9]*\):[[:space:]]*/pref \1 /; s/[[:space:]]*$//' \
    | grep -v -e '^pref 0 from all lookup local$' -e '^pref 32766 from all lookup main$' \
      -e '^pref 32767 from all lookup default$' || true
}
# siw_sync route|rule BEFORE NOW: deletes each item of NOW not in BEFORE,
# then adds back each item of BEFORE not in NOW (one item per line).
siw_sync() {
  while read -r line; do
    # shellcheck disable=SC2086 # the item's words
    grep -qxF "$line" "$2" || { ip "$1" del $line && echo "removed: $line"; }
  done < "$3"
  while read -r line; do
    # shellcheck disable=SC2086
    grep -qxF "$line" "$3" || { ip "$1" add $line && echo "added back: $line"; }
  done < "$2"
}
# siw_unboot: the boot-time rollback unit goes (the change was decided).
siw_unboot() {
  for u in $(cat "$r/boot-unit" 2>/dev/null); do
    rm -f "/etc/systemd/system/$u" "/etc/systemd/system/multi-user.target.wants/$u"
  done
}
# The main table's default routes, as "via GATEWAY dev DEVICE".
siw_main() { ip -4 route show default | sed -n 's/^default via \([0-9.]*\) dev \([^ ]*\).*/via \1 dev \2/p'; }
# Whether the metadata server answers (any HTTP answer, a token demand too).
siw_md() {
  if command -v curl >/dev/null 2>&1; then
    [ "$(curl -s -m 3 -o /dev/null -w '%{http_code}' http://100.100.100.200/latest/meta-data/ 2>/dev/null)" != 000 ]
  elif command -v wget >/dev/null 2>&1; then
    rc=0
    wget -q -T 3 -O /dev/null http://100.100.100.200/latest/meta-data/ 2>/dev/null || rc=$?
    [ "$rc" -eq 0 ] || [ "$rc" -eq 8 ]
  else
    return 1
  fi
}
SIW_STATE
  # shellcheck source=/dev/null # written just above
  . "$r/state.sh"
  siw_addrs > "$r/addrs"
  siw_leases > "$r/leases"
  siw_routes > "$r/routes"
  siw_rules > "$r/rules"
  siw_main > "$r/main"
  if siw_md; then echo yes > "$r/md"; else echo no > "$r/md"; fi
  cat /proc/sys/net/ipv4/conf/"$dev"/promote_secondaries > "$r/promote" 2>/dev/null || echo 0 > "$r/promote"
  : > "$r/restore"
  cat > "$r/rollback.sh" <<'SIW_ROLLBACK'
#!/bin/sh
# The safety net of one run of the Secondary IP Wizard's script: puts back
# what it changed (the files, then the stack, then the kernel's state).
r=$(cd "$(dirname "$0")" && pwd)
. "$r/state.sh"
siw_unboot
if ! mkdir "$r/decided" 2>/dev/null; then
  echo "nothing to roll back: the change was kept, or already rolled back"
  exit 0
fi
echo "rolling back (${1:-by hand}): putting back what this run changed"
{{first}}sh "$r/restore"
{{put_back}}
# The addresses: wait (up to 60 s) for the stack to bring back those that
# were there as they were (a lease as a lease: DHCP takes a moment), then
# remove the others and add back any still missing.
i=0
while [ "$i" -lt 60 ]; do
  siw_leases > "$r/leases.now"
  if [ -z "$(grep -vxF -f "$r/leases.now" "$r/leases")" ]; then break; fi
  sleep 1
  i=$((i + 1))
done
sysctl -qw "net.ipv4.conf.$dev.promote_secondaries=1" 2>/dev/null || true
for a in $(siw_addrs); do
  grep -qxF "$a" "$r/addrs" || { ip addr del "$a" dev "$dev" && echo "removed: $a"; }
done
for a in $(cat "$r/addrs"); do
  siw_addrs | grep -qxF "$a" || { ip addr add "$a" dev "$dev" && echo "added back: $a"; }
done
sysctl -qw "net.ipv4.conf.$dev.promote_secondaries=$(cat "$r/promote")" 2>/dev/null || true
# The default routes and the rules: those that were not there go, those
# that went come back.
siw_routes > "$r/routes.now"
siw_sync route "$r/routes" "$r/routes.now"
siw_rules > "$r/rules.now"
siw_sync rule "$r/rules" "$r/rules.now"
date > "$r/rolled-back"
echo "rolled back: the files, addresses, routes and rules are as before this run"
SIW_ROLLBACK
  cat > "$r/timer.sh" <<'SIW_TIMER'
#!/bin/sh
# The safety net's timer: it counts while the run is not asking (the run
# itself may take a while), then gives the window; touch extend for more.
r=$(cd "$(dirname "$0")" && pwd)
exec >> "$r.log" 2>&1
w=$1
end=$(($(date +%s) + w))
while :; do
  if [ -d "$r/decided" ]; then exit 0; fi
  now=$(date +%s)
  if [ ! -f "$r/asking" ] && kill -0 "$(cat "$r/pid" 2>/dev/null)" 2>/dev/null; then end=$((now + w)); fi
  if [ -f "$r/extend" ]; then
    rm -f "$r/extend"
    end=$((end + w))
    echo "extended: $w s more"
  fi
  if [ "$now" -ge "$end" ]; then break; fi
  sleep 1
done
sh "$r/rollback.sh" "the window closed without a yes"
SIW_TIMER
  if [ -d /run/systemd/system ] && command -v systemd-run >/dev/null 2>&1 \
    && [ "$(readlink /proc/1/ns/net)" = "$(readlink /proc/self/ns/net)" ]; then
    systemd-run --quiet --collect --unit="siw-rollback-${r##*/run-}" sh "$r/timer.sh" "$window"
    # A reboot ends that timer: a unit that runs once at the next boot puts
    # everything back then, unless the change was kept before.
    u=siw-rollback-boot-${r##*/run-}.service
    cat > "/etc/systemd/system/$u" <<SIW_BOOT
[Unit]
Description=Secondary IP Wizard: put back a change that was not kept before a reboot
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
ExecStart=/bin/sh -c 'exec sh $r/rollback.sh "the instance rebooted before the change was kept" >> $r.log 2>&1'
SIW_BOOT
    mkdir -p /etc/systemd/system/multi-user.target.wants
    ln -sf "../$u" "/etc/systemd/system/multi-user.target.wants/$u"
    echo "$u" > "$r/boot-unit"
    echo "armed: the unit siw-rollback-${r##*/run-} puts everything back unless the change is kept (after a reboot: $u)"
  else
    if command -v setsid >/dev/null 2>&1; then
      setsid nohup sh "$r/timer.sh" "$window" </dev/null >/dev/null 2>&1 &
    else
      nohup sh "$r/timer.sh" "$window" </dev/null >/dev/null 2>&1 &
    fi
    echo "armed: process $! puts everything back unless the change is kept"
  fi
  armed=1
fi
