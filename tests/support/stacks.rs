//! What a namespace needs to run a real network stack: a private system
//! D-Bus and NetworkManager configuration, the driver prelude (an overlay
//! over `/etc`, tmpfs over `/run`, `/var/lib` and `/var/backups`, the
//! helper functions), and wrappers that stand in for systemd. Shared by
//! `tests/namespaces.rs` and `tests/doctor.rs`.

use super::TempDir;

/// A system bus that lets everyone do everything (the namespace's own).
pub const DBUS_CONF: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=/run/dbus/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow receive_sender="*"/>
    <allow send_type="method_call"/>
  </policy>
</busconfig>
"#;

/// NetworkManager with keyfiles only, no DNS handling, eth0-peer and lo unmanaged.
pub const NM_CONF: &str = "[main]\nplugins=keyfile\ndns=none\nrc-manager=unmanaged\nauth-polkit=false\nno-auto-default=*\n\n[keyfile]\npath=/etc/NetworkManager/system-connections\nunmanaged-devices=interface-name:eth0-peer;interface-name:lo\n\n[logging]\nlevel=INFO\n";

/// Shell functions and wrappers every driver starts with. `$W` is the work
/// dir; `$SIW_DEV` the plan's interface (default eth0); `$SIW_PROBE` an
/// address beyond every subnet of the case (default 198.51.100.1); with
/// `$SIW_NETNS` set (two-NIC cases), the host's `/run/netns` stays reachable
/// as `$W/netns` (for `nsenter --net`) and `$G0 $R0 $R1 $C0 $C1` name the
/// other namespaces.
pub const PRELUDE: &str = r#"
set -u
export PATH="$W/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
DEV=${SIW_DEV:-eth0}
fail() {
  echo "SIW-FAIL $*"
  # Two NICs: the kernel's state and eth0's files at the failure, for the report.
  if [ -n "${SIW_NETNS:-}" ] && [ -n "${SIW_BASE_DONE:-}" ]; then
    dump fail 2>/dev/null
    if [ -f "$W/eth0-files.sum" ]; then
      sha256sum -c "$W/eth0-files.sum" > "$W/fail.eth0-files" 2>&1; echo "rc=$?" >> "$W/fail.eth0-files"
    fi
  fi
  exit 3
}
if [ -n "${SIW_NETNS:-}" ]; then
  mkdir -p "$W/netns"
  mount --rbind /run/netns "$W/netns" || fail "setup: bind /run/netns"
fi
mount -t tmpfs tmpfs "$W/ov" || fail "setup: tmpfs"
mkdir -p "$W/ov/up" "$W/ov/work"
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$W/ov/up,workdir=$W/ov/work" /etc || fail "setup: overlay /etc"
mount -t tmpfs tmpfs /run || fail "setup: tmpfs /run"
mount -t tmpfs tmpfs /var/lib || fail "setup: tmpfs /var/lib"
mkdir -p /var/backups && mount -t tmpfs tmpfs /var/backups || fail "setup: tmpfs /var/backups"
mount -o remount,ro /sys || fail "setup: ro /sys"
for d in /etc/netplan /etc/systemd/network /etc/NetworkManager/system-connections \
         /etc/NetworkManager/conf.d /etc/network /etc/cloud/cloud.cfg.d /etc/sysconfig /lib/systemd/network/siw; do
  rm -rf "$d"; mkdir -p "$d"
done
mkdir -p /etc/network/if-up.d /etc/network/if-down.d /etc/network/if-pre-up.d /etc/network/if-post-down.d \
  /etc/network/interfaces.d /run/network /var/lib/dhcp /run/dbus /var/lib/NetworkManager \
  /run/systemd/netif/links /run/systemd/netif/leases /run/systemd/netif/lldp /etc/dhcp
chown -R systemd-network:systemd-network /run/systemd/netif 2>/dev/null
printf 'timeout 5;\nretry 1;\n' > /etc/dhcp/dhclient.conf
printf 'source /etc/network/interfaces.d/*\n\nauto lo\niface lo inet loopback\n' > /etc/network/interfaces
for l in eth0 eth1; do
  if ip link show dev "$l" >/dev/null 2>&1; then ip link set dev "$l" up; fi
done
dump() {
  ip -j addr show dev "$DEV" > "$W/$1.addr.json"
  ip -j -4 route show table main > "$W/$1.route.json"
  # The source the kernel picks for traffic leaving the subnet (no packet is sent).
  ip -4 -o route get "${SIW_PROBE:-198.51.100.1}" 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p' > "$W/$1.src"
  ip -j addr show > "$W/$1.all-addr.json"
  ip -j -4 route show table all > "$W/$1.routes-all.json"
  ip -j -4 rule show > "$W/$1.rule.json"
  ip -j -6 addr show dev "$DEV" > "$W/$1.addr6.json" 2>/dev/null
  ip -j -6 route show default > "$W/$1.route6.json" 2>/dev/null
  ip -6 rule show > "$W/$1.rule6.txt" 2>/dev/null
  ip -6 route show table all 2>/dev/null | grep -v '^local \|^multicast \|^anycast ' > "$W/$1.routes6-all.txt"
  {
    echo "\$ ip -4 -br addr"; ip -4 -br addr
    echo "\$ ip -4 rule"; ip -4 rule
    echo "\$ ip -4 route show table all (no local/broadcast)"; ip -4 route show table all | grep -v '^local \|^broadcast '
    echo "\$ ip -6 rule"; ip -6 rule
    echo "\$ ip -6 route show table all (no local/multicast/anycast)"; cat "$W/$1.routes6-all.txt"
    echo "\$ rp_filter (all eth0 eth1)"
    for l in all eth0 eth1; do printf '%s=%s ' "$l" "$(cat /proc/sys/net/ipv4/conf/$l/rp_filter 2>/dev/null)"; done; echo
  } > "$W/$1.evidence.txt" 2>&1
}
# rp_drops: the reverse-path-filter drop counter of the namespace whose
# /proc/net/netstat is read (stdin).
rp_drops() { awk '/^TcpExt:/ { if (!h) { for (i = 1; i <= NF; i++) n[i] = $i; h = 1 } else { for (i = 1; i <= NF; i++) if (n[i] == "IPReversePathFilter") print $i } }'; }
# siw_ping TAG LABEL CLIENT-NS ADDR...: pings each address from that namespace
# (python3 ICMP, 3 tries of 1 s) into $W/TAG.ping.LABEL, with how many
# packets each namespace dropped by reverse-path filtering meanwhile.
siw_ping() {
  tag=$1; label=$2; from=$3; shift 3
  g=$(rp_drops < /proc/net/netstat); a=$(nsenter --net="$W/netns/$R0" cat /proc/net/netstat | rp_drops); b=$(nsenter --net="$W/netns/$R1" cat /proc/net/netstat | rp_drops)
  nsenter --net="$W/netns/$from" python3 "$W/ping.py" 3 1 "$@" > "$W/$tag.ping.$label" 2>&1
  g2=$(rp_drops < /proc/net/netstat); a2=$(nsenter --net="$W/netns/$R0" cat /proc/net/netstat | rp_drops); b2=$(nsenter --net="$W/netns/$R1" cat /proc/net/netstat | rp_drops)
  echo "rp_filter drops meanwhile: guest +$((g2 - g)), r0 (eth0's router) +$((a2 - a)), r1 (eth1's router) +$((b2 - b))" >> "$W/$tag.ping.$label"
}
# wait_addrs SECONDS present|absent ADDR/P...: on $DEV
wait_addrs() {
  secs=$1; want=$2; shift 2
  end=$(( $(date +%s) + secs ))
  while :; do
    ok=1
    for a; do
      if ip -4 -o addr show dev "$DEV" | grep -q " inet $a "; then
        [ "$want" = present ] || ok=0
      else
        [ "$want" = absent ] || ok=0
      fi
    done
    [ "$ok" = 1 ] && return 0
    [ "$(date +%s)" -ge "$end" ] && return 1
    sleep 0.1
  done
}
# wait_default SECONDS [DEV [TABLE]]: a default route via a gateway (on DEV,
# in TABLE: main unless given; `all` for any table).
wait_default() {
  end=$(( $(date +%s) + $1 ))
  until ip -4 route show table "${3:-main}" default ${2:+dev "$2"} 2>/dev/null | grep -q via; do
    [ "$(date +%s)" -ge "$end" ] && return 1
    sleep 0.1
  done
}
# step ID FILE: runs a commands artifact with sh -e; names it on failure.
step() {
  echo "== $1"
  start=$(date +%s.%N)
  sh -e "$2"; rc=$?
  echo "== $1 rc=$rc took $(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo ?)s"
  [ "$rc" = 0 ] || [ -n "${SIW_TOLERATE:-}" ] || fail "artifact=$1 rc=$rc"
}
"#;

/// `siw-alive PID`: true while the process runs. A zombie is not alive:
/// an orphan is reparented to PID 1, and `kill -0` holds for it for ever
/// when that PID 1 does not reap (cargo under `unshare -fp`; a CI
/// container's init). Seen: a dhclient killed by ifupdown-ng's `dhcp down`
/// "still runs" on a CI machine.
pub fn alive_wrapper(dir: &TempDir) {
    dir.write(
        "bin/siw-alive",
        "#!/bin/sh\n# siw-alive PID: the process runs and is not a zombie\n[ -n \"${1:-}\" ] && kill -0 \"$1\" 2>/dev/null && [ \"$(cut -d' ' -f3 \"/proc/$1/stat\" 2>/dev/null)\" != Z ]\n",
        0o755,
    );
}

/// Executable wrappers that stand in for systemd in the namespace.
pub fn wrappers(dir: &TempDir) {
    alive_wrapper(dir);
    let bin = |name: &str, text: &str| {
        dir.write(format!("bin/{name}"), &format!("#!/bin/sh\n{text}"), 0o755);
    };
    bin(
        "siw-networkd",
        r#"# siw-networkd start|stop|restart: the systemd-networkd of this namespace
stop() {
  if [ -f "$W/networkd.pid" ]; then
    kill "$(cat "$W/networkd.pid")" 2>/dev/null
    p=$(cat "$W/networkd.pid")
    while siw-alive "$p"; do sleep 0.05; done
    rm -f "$W/networkd.pid"
  fi
}
start() {
  siw-mac-match
  # SIW_NETWORKD_LOG=debug: networkd's debug log (keep it with SIW_KEEP_TMP=1).
  SYSTEMD_LOG_TARGET=console SYSTEMD_LOG_TIME=1 SYSTEMD_LOG_LEVEL=${SIW_NETWORKD_LOG:-info} /lib/systemd/systemd-networkd >> "$W/networkd.log" 2>&1 &
  echo $! > "$W/networkd.pid"
  i=0; until [ -S /run/systemd/netif/io.systemd.Network ] || networkctl list >/dev/null 2>&1 || [ $i -ge 50 ]; do sleep 0.1; i=$((i+1)); done
}
case $1 in start) start;; stop) stop;; restart) stop; start;; esac
"#,
    );
    bin(
        "siw-nm",
        r#"# siw-nm start|stop|restart: the NetworkManager of this namespace
stop() {
  if [ -f "$W/nm.pid" ]; then
    kill "$(cat "$W/nm.pid")" 2>/dev/null
    p=$(cat "$W/nm.pid")
    while siw-alive "$p"; do sleep 0.05; done
    rm -f "$W/nm.pid"
  fi
}
start() {
  NetworkManager --debug --config="$W/nm.conf" >> "$W/nm.log" 2>&1 &
  echo $! > "$W/nm.pid"
  # Wait until NetworkManager answers on the bus (not for a connection:
  # in static mode the base DHCP profile never completes).
  i=0; until nmcli -t -g RUNNING general 2>/dev/null | grep -q running || [ $i -ge 100 ]; do sleep 0.1; i=$((i+1)); done
}
case $1 in start) start;; stop) stop;; restart) stop; start;; esac
"#,
    );
    let restart = r#"unit=""
for a in "$@"; do case $a in -*) ;; *) unit=${a%.service};; esac; done
case "$verb:$unit" in
  restart:systemd-networkd|reload:systemd-networkd|start:systemd-networkd|reload-or-restart:systemd-networkd) exec siw-networkd restart;;
  restart:NetworkManager|reload:NetworkManager|start:NetworkManager|reload-or-restart:NetworkManager) exec siw-nm restart;;
  restart:networking|reload:networking|start:networking) ifdown -a --force; exec ifup -a;;
  enable:*|is-active:*|is-enabled:*|status:*|daemon-reload:*) exit 0;;
  *) echo "siw: '$verb $unit' is not emulated in the test namespace" >&2; exit 1;;
esac
"#;
    bin(
        "systemctl",
        &format!("# stands in for systemctl in the test namespace\nverb=$1; shift\n{restart}"),
    );
    bin(
        "siw-mac-match",
        r#"# netplan matches a MAC with PermanentMACAddress=, which is all zeros on a
# veth (VALIDATORS.md): match the current MAC instead in the test.
sed -i 's/^PermanentMACAddress=/MACAddress=/' /run/systemd/network/*.network /etc/systemd/network/*.network 2>/dev/null
exit 0
"#,
    );
    bin(
        "service",
        &format!("# stands in for service(8) in the test namespace\nunit=$1; verb=$2; shift 2; set -- \"$unit\"\n{restart}"),
    );
    bin(
        "netplan",
        r#"# netplan apply/try in the test namespace: generate, then restart this namespace's networkd
case ${1:-} in
  apply|try) /usr/sbin/netplan generate && exec siw-networkd restart;;
  generate) /usr/sbin/netplan "$@" && exec siw-mac-match;;
  *) exec /usr/sbin/netplan "$@";;
esac
"#,
    );
}

/// Where the set-up part `ifupdown-ng` (scripts/ifupdown-ng.sh) unpacked
/// Debian 12's ifupdown-ng 0.11.4~rc1 (`sbin/ifup`,
/// `usr/libexec/ifupdown-ng/*`); `SIW_IFUPDOWN_NG_DIR` overrides.
pub fn ifupdown_ng_root() -> std::path::PathBuf {
    std::env::var_os("SIW_IFUPDOWN_NG_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| super::readers::root().join(".tools/ifupdown-ng"))
}

/// Whether the unpacked ifupdown-ng is there. Not there: a loud skip of
/// its cases, or a failure when `CI=true` (CI always runs the set-up first).
pub fn ifupdown_ng_present(test: &str) -> bool {
    let dir = ifupdown_ng_root();
    if dir.join("sbin/ifupdown").is_file() && dir.join("usr/libexec/ifupdown-ng/static").is_file() {
        return true;
    }
    let why = format!(
        "no ifupdown-ng in {} (sbin/ifupdown, usr/libexec/ifupdown-ng/): run scripts/setup.sh ifupdown-ng",
        dir.display()
    );
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{test}: {why}; CI=true forbids skipping its cases");
    }
    // Straight to stderr: the test harness swallows eprintln! in a passing test.
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "\n!!!!!!!! SKIPPED the ifupdown-ng cases of {test}: {why}; the Alpine method was NOT applied !!!!!!!!\n"
    );
    false
}

/// ifupdown-ng's `ifup`, `ifdown` and `ifquery` (the multicall binary
/// under `ng`) ahead of Debian's ifupdown on the driver's PATH, each given
/// the interfaces file, the state file and (ifup, ifdown) the executor
/// folder: `/etc/network/interfaces` and `/run/ifstate` are its compiled-in
/// defaults, named anyway; its executors are not under /usr/libexec here.
/// Each call and its exit code go to `$W/ifupdown-ng.log`. And
/// `rc-service networking start|stop|restart` as ifupdown-ng's OpenRC
/// service does it (upstream dist/openrc/networking.initd): start brings up
/// every `auto` interface, forcing down one that fails; stop takes down
/// every `auto` interface the state file lists as running.
pub fn ifupdown_ng_wrappers(dir: &TempDir, ng: &std::path::Path) {
    let q = |p: std::path::PathBuf| wizard::render::quote::sh(&p.display().to_string());
    let exec = q(ng.join("usr/libexec/ifupdown-ng"));
    for (applet, extra) in [("ifup", true), ("ifdown", true), ("ifquery", false)] {
        let e = if extra { format!(" -E {exec}") } else { String::new() };
        dir.write(
            format!("bin/{applet}"),
            &format!(
                "#!/bin/sh\n# ifupdown-ng's {applet} (Debian 12's 0.11.4~rc1, unpacked by the set-up)\necho \"$(date +%T.%N) {applet} $*\" >> \"$W/ifupdown-ng.log\"\n{bin} -i /etc/network/interfaces -S /run/ifstate{e} \"$@\"\nrc=$?\necho \"$(date +%T.%N) {applet} $* rc=$rc\" >> \"$W/ifupdown-ng.log\"\nexit $rc\n",
                bin = q(ng.join("sbin").join(applet)),
            ),
            0o755,
        );
    }
    dir.write(
        "bin/rc-service",
        r#"#!/bin/sh
# rc-service networking start|stop|restart: ifupdown-ng's OpenRC service in the test namespace
[ "${1:-}" = networking ] || { echo "siw: 'rc-service $*' is not emulated in the test namespace" >&2; exit 1; }
stop() {
  for i in $(ifquery --auto --running); do ifdown "$i"; done
  return 0
}
start() {
  ok=1
  for i in $(ifquery --auto --list); do
    if ifup "$i"; then ok=0; else ifdown --force "$i" > /dev/null 2>&1; fi
  done
  return $ok
}
case ${2:-} in
  start) start;;
  stop) stop;;
  restart) stop; start;;
  *) echo "siw: 'rc-service $*' is not emulated in the test namespace" >&2; exit 1;;
esac
"#,
        0o755,
    );
}
