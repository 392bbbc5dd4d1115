#!/usr/bin/env bash
# The drivers below are single-quoted on purpose: they expand in the namespace.
# shellcheck disable=SC2016
# Captures the real tool outputs in tests/paste/captured/ (issue 17, the
# "paste what the instance shows" reader): each scenario brings up a veth
# `eth0` (MAC 00:16:3e:12:34:56, Alibaba's OUI) in network namespaces this
# script creates and deletes, configures it the way an ECS image would, and
# saves what `ip`, `route`, `netstat`, `nmcli`, `networkctl` and BusyBox
# print. Only TEST-NET addresses are used (192.0.2.0/24, 198.51.100.0/24,
# 203.0.113.0/24); nothing leaves the namespaces.
#
#   tests/paste/capture.sh              every scenario
#   tests/paste/capture.sh NAME...      only those: host dhclient nm networkd static busybox
#
# Needs root. Each file starts with a header (its command, the tool's
# version, the set-up) ending in a `#---` line; the output follows verbatim.
# After a re-capture review `git diff tests/paste/captured`, then refresh
# the expected findings with `UPDATE_PASTE=1 cargo test --test paste` and
# review those too.
set -euo pipefail

[ "$(id -u)" = 0 ] || { echo "capture.sh: needs root (it creates network namespaces)" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$here/captured
mkdir -p "$out"

MAC0=00:16:3e:12:34:56
MAC1=00:16:3e:12:34:57
tag=siwp$$
work=$(mktemp -d)
namespaces=()

cleanup() {
    for ns in "${namespaces[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            pids=$(ip netns pids "$ns" 2> /dev/null || true)
            [ -z "$pids" ] && break
            # shellcheck disable=SC2086 # one pid per word
            kill -KILL $pids 2> /dev/null || true
            sleep 0.1
        done
        ip netns del "$ns" 2> /dev/null || true
    done
    if [ -n "${KEEP:-}" ]; then echo "capture: kept $work (KEEP is set)" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT INT TERM

newns() {
    ip netns add "$1"
    namespaces+=("$1")
    ip -n "$1" link set lo up
}

# A client namespace with eth0; its peer in a server namespace (dnsmasq)
# or, without one, beside it and up.
pair() { # pair NS SERVER|-
    local ns=$1 srv=$2
    newns "$ns"
    if [ "$srv" != - ]; then
        newns "$srv"
        ip -n "$ns" link add eth0 address "$MAC0" type veth peer name eth0-peer netns "$srv"
        ip -n "$srv" link set eth0-peer up
    else
        ip -n "$ns" link add eth0 address "$MAC0" type veth peer name eth0-peer
        ip -n "$ns" link set eth0-peer up
    fi
}

# dnsmasq in the server namespace: leases exactly LEASE with router .253
# and two DNS servers from TEST-NET-2.
dnsmasq_in() { # dnsmasq_in SRV LEASE
    local srv=$1 lease=$2
    ip -n "$srv" addr add 192.0.2.253/24 dev eth0-peer
    ip netns exec "$srv" dnsmasq --conf-file=/dev/null --interface=eth0-peer --bind-interfaces \
        --dhcp-range="$lease,$lease,255.255.255.0,12h" --dhcp-option=3,192.0.2.253 \
        --dhcp-option=6,198.51.100.53,198.51.100.54 --dhcp-authoritative --port=0 --no-ping \
        --dhcp-leasefile="$work/$srv.leases" --pid-file="$work/$srv.pid" --log-facility="$work/$srv.log"
}

# The start of every driver: a private /etc (overlay), /run and /var/lib,
# so that daemons and DHCP clients write nothing on the host; and the
# `sample` function that writes one file of the corpus.
PRELUDE='
set -eu
mount -t tmpfs tmpfs "$W/ov"
mkdir -p "$W/ov/up" "$W/ov/work"
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$W/ov/up,workdir=$W/ov/work" /etc
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /var/lib
# A read-only /sys tells NetworkManager it runs in a container, where it
# manages devices without waiting for udev.
mount -o remount,ro /sys
mkdir -p /run/dbus /var/lib/dhcp /var/lib/NetworkManager /run/systemd/netif/links \
  /run/systemd/netif/leases /run/systemd/netif/lldp
chown -R systemd-network:systemd-network /run/systemd/netif
ip link set eth0 up
sample() { # sample FILE TOOL COMMAND...
  f=$1; tool=$2; shift 2
  {
    echo "# Captured by tests/paste/capture.sh, scenario $SCENARIO, on Debian 12."
    echo "# command: $*"
    echo "# tool: $tool"
    echo "# setup: $SETUP"
    echo "#---"
    "$@"
  } > "$OUT/$f" 2>&1
}
wait_for() { # wait_for SECONDS COMMAND...: until the command succeeds
  n=$(( $1 * 10 )); shift
  until "$@" > /dev/null 2>&1; do
    n=$((n - 1))
    if [ "$n" -le 0 ]; then
      echo "capture: timed out waiting for: $*" >&2
      for l in "$W"/*.log; do [ -f "$l" ] && { echo "== $l" >&2; tail -n 30 "$l" >&2; }; done
      exit 1
    fi
    sleep 0.1
  done
}
no_tentative() { [ -z "$(ip -6 addr show dev eth0 tentative)" ]; }
IPV=$(ip -V)
NETTOOLS=$(route --version 2>&1 | head -n 1)
'

drive() { # drive NS SCENARIO SETUP SCRIPT
    local ns=$1
    mkdir -p "$work/$2/ov"
    ip netns exec "$ns" unshare -m --propagation private env W="$work/$2" OUT="$out" \
        SCENARIO="$2" SETUP="$3" bash -c "$PRELUDE$4"
}

scenario_host() {
    {
        echo "# Captured by tests/paste/capture.sh, scenario host: this machine's own file."
        echo "# command: cat /etc/os-release"
        echo "# tool: Debian 12 base-files $(dpkg-query -W -f '${Version}' base-files)"
        echo "# setup: none"
        echo "#---"
        cat /etc/os-release
    } > "$out/host.os-release.txt"
}

# Debian's ifupdown way: dhclient holds the primary (a lease with a
# lifetime, so `dynamic`), two secondaries added with `ip addr add`, one
# with a label (eth0:0, as the guide's alias files give).
scenario_dhclient() {
    pair "$tag-d" "$tag-ds"
    dnsmasq_in "$tag-ds" 192.0.2.201
    drive "$tag-d" dhclient "dhclient -4 on eth0 (lease 192.0.2.201/24, router 192.0.2.253, DNS 198.51.100.53 198.51.100.54 from dnsmasq); ip addr add 192.0.2.202/24 dev eth0; ip addr add 192.0.2.203/24 dev eth0 label eth0:0" '
printf "timeout 10;\nretry 1;\n" > /etc/dhcp/dhclient.conf
dhclient -4 -1 -lf /var/lib/dhcp/eth0.leases -pf /run/dhclient.pid eth0
ip addr add 192.0.2.202/24 dev eth0
ip addr add 192.0.2.203/24 dev eth0 label eth0:0
wait_for 10 no_tentative
sample dhclient.ip-addr.txt "$IPV" ip addr
sample dhclient.ip-4-addr.txt "$IPV" ip -4 addr
sample dhclient.ip-color-addr.txt "$IPV" ip -c=always addr
sample dhclient.ip-o-4-addr.txt "$IPV" ip -o -4 addr
sample dhclient.ip-br-addr.txt "$IPV" ip -br addr
sample dhclient.ip-br-link.txt "$IPV" ip -br link
sample dhclient.ip-route.txt "$IPV" ip route
sample dhclient.route-n.txt "$NETTOOLS" route -n
sample dhclient.netstat-rn.txt "$NETTOOLS" netstat -rn
sample dhclient.resolv-conf.txt "$(dhclient --version 2>&1) dhclient-script" cat /etc/resolv.conf
'
}

# NetworkManager 1.42 with a private D-Bus: the RHEL-family profile
# "System eth0" on DHCP plus one static secondary (what `nmcli con mod
# "System eth0" +ipv4.addresses 192.0.2.202/24` leaves), and an inactive
# second profile, as cloud images often carry.
scenario_nm() {
    pair "$tag-n" "$tag-ns"
    dnsmasq_in "$tag-ns" 192.0.2.201
    drive "$tag-n" nm "NetworkManager 1.42 with a private dbus-daemon; keyfile profile \"System eth0\" (ipv4.method auto, address1=192.0.2.202/24) and an inactive \"Wired connection 1\"; dnsmasq leases 192.0.2.201/24, router 192.0.2.253, DNS 198.51.100.53 198.51.100.54" '
cat > "$W/dbus.conf" << EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=/run/dbus/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/><allow own="*"/><allow send_destination="*" eavesdrop="true"/>
    <allow receive_sender="*"/><allow send_type="method_call"/>
  </policy>
</busconfig>
EOF
printf "[main]\nplugins=keyfile\ndns=none\nrc-manager=unmanaged\nauth-polkit=false\nno-auto-default=*\n\n[keyfile]\npath=/etc/NetworkManager/system-connections\nunmanaged-devices=interface-name:eth0-peer;interface-name:lo\n" > "$W/nm.conf"
rm -rf /etc/NetworkManager/system-connections /etc/NetworkManager/conf.d
mkdir -p /etc/NetworkManager/system-connections
printf "[connection]\nid=System eth0\nuuid=5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03\ntype=ethernet\nautoconnect=true\ninterface-name=eth0\n\n[ethernet]\n\n[ipv4]\nmethod=auto\naddress1=192.0.2.202/24\n\n[ipv6]\nmethod=ignore\n" > "/etc/NetworkManager/system-connections/System eth0.nmconnection"
printf "[connection]\nid=Wired connection 1\nuuid=0b3e1a0c-7f2e-4d3c-9a51-3c2f6b8e4d21\ntype=ethernet\nautoconnect=false\n\n[ethernet]\n\n[ipv4]\nmethod=auto\n\n[ipv6]\nmethod=ignore\n" > "/etc/NetworkManager/system-connections/Wired connection 1.nmconnection"
chmod 600 /etc/NetworkManager/system-connections/*
dbus-daemon --config-file="$W/dbus.conf" --fork
NetworkManager --debug --config="$W/nm.conf" > "$W/nm.log" 2>&1 &
wait_for 20 sh -c "nmcli -t -g GENERAL.STATE con show \"System eth0\" | grep -qx activated"
wait_for 10 sh -c "ip -4 route show default | grep -q via"
wait_for 10 no_tentative
NMV=$(nmcli --version)
sample nm.nmcli-con-show.txt "$NMV" nmcli con show
sample nm.nmcli-color-con-show.txt "$NMV" nmcli --colors yes con show
sample nm.nmcli-t-con-show.txt "$NMV" nmcli -t con show
sample nm.nmcli-dev.txt "$NMV" nmcli dev
sample nm.nmcli-dev-show.txt "$NMV" nmcli dev show
sample nm.nmcli-con-show-name.txt "$NMV" nmcli con show "System eth0"
sample nm.ip-addr.txt "$IPV" ip addr
sample nm.ip-route.txt "$IPV" ip route
sample nm.route-n.txt "$NETTOOLS" route -n
'
}

# systemd-networkd 252 (Arch, Debian 13, Flatcar-like images): a .network
# with DHCP=ipv4 and one static Address=.
scenario_networkd() {
    pair "$tag-w" "$tag-ws"
    dnsmasq_in "$tag-ws" 192.0.2.201
    drive "$tag-w" networkd "systemd-networkd 252 with a private dbus-daemon; /etc/systemd/network/10-eth0.network: DHCP=ipv4, Address=192.0.2.202/24; dnsmasq leases 192.0.2.201/24, router 192.0.2.253, DNS 198.51.100.53 198.51.100.54" '
cat > "$W/dbus.conf" << EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=/run/dbus/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/><allow own="*"/><allow send_destination="*" eavesdrop="true"/>
    <allow receive_sender="*"/><allow send_type="method_call"/>
  </policy>
</busconfig>
EOF
rm -rf /etc/systemd/network
mkdir -p /etc/systemd/network
printf "[Match]\nName=eth0\n\n[Network]\nDHCP=ipv4\nAddress=192.0.2.202/24\n" > /etc/systemd/network/10-eth0.network
dbus-daemon --config-file="$W/dbus.conf" --fork
SYSTEMD_LOG_TARGET=console /lib/systemd/systemd-networkd > "$W/networkd.log" 2>&1 &
wait_for 20 sh -c "ip -4 route show default | grep -q via"
wait_for 20 sh -c "networkctl status eth0 | grep -q \"State: routable\""
wait_for 10 no_tentative
NDV=$(networkctl --version | head -n 1)
sample networkd.networkctl-status.txt "$NDV" networkctl status
sample networkd.networkctl-status-eth0.txt "$NDV" networkctl status eth0
sample networkd.ip-addr.txt "$IPV" ip addr
sample networkd.ip-route.txt "$IPV" ip route
'
}

# Everything static, and the conflicts the reader must flag: two subnets on
# eth0, a second interface with its own default route.
scenario_static() {
    pair "$tag-s" "$tag-ss"
    ip -n "$tag-s" link add eth1 address "$MAC1" type veth peer name eth1-peer netns "$tag-ss"
    ip -n "$tag-ss" link set eth1-peer up
    drive "$tag-s" static "static: eth0 192.0.2.10/24, 192.0.2.11/24 and 198.51.100.10/24; eth1 203.0.113.5/24; default via 192.0.2.1 dev eth0 and default via 203.0.113.1 dev eth1 metric 200" '
ip link set eth1 up
ip addr add 192.0.2.10/24 dev eth0
ip addr add 192.0.2.11/24 dev eth0
ip addr add 198.51.100.10/24 dev eth0
ip addr add 203.0.113.5/24 dev eth1
ip route add default via 192.0.2.1 dev eth0
ip route add default via 203.0.113.1 dev eth1 metric 200
wait_for 10 no_tentative
sample static.ip-addr.txt "$IPV" ip addr
sample static.ip-br-addr.txt "$IPV" ip -br addr
sample static.ip-route.txt "$IPV" ip route
sample static.route-n.txt "$NETTOOLS" route -n
sample static.netstat-rn.txt "$NETTOOLS" netstat -rn
'
}

# BusyBox (Alpine's ip, route and netstat): udhcpc leases the primary
# through a script that adds it with `ip addr add` and the default route
# with metric 202, the way Alpine's udhcpc script does; two secondaries
# added by hand, one labelled.
scenario_busybox() {
    pair "$tag-b" "$tag-bs"
    dnsmasq_in "$tag-bs" 192.0.2.201
    drive "$tag-b" busybox "busybox udhcpc on eth0 with a script doing busybox ip addr add \$ip/\$mask and ip route add default via \$router metric 202 (dnsmasq leases 192.0.2.201/24, router 192.0.2.253); busybox ip addr add 192.0.2.202/24 dev eth0; busybox ip addr add 192.0.2.203/24 dev eth0 label eth0:1" '
cat > "$W/udhcpc.sh" << "EOF"
#!/bin/sh
case $1 in
  bound|renew)
    busybox ip addr add "$ip/$mask" dev "$interface"
    for r in $router; do busybox ip route add default via "$r" dev "$interface" metric 202; done
    ;;
esac
EOF
chmod +x "$W/udhcpc.sh"
busybox udhcpc -i eth0 -f -q -n -t 5 -s "$W/udhcpc.sh" > "$W/udhcpc.log" 2>&1
busybox ip addr add 192.0.2.202/24 dev eth0
busybox ip addr add 192.0.2.203/24 dev eth0 label eth0:1
wait_for 10 no_tentative
BBV=$(busybox | head -n 1)
sample busybox.ip-addr.txt "$BBV" busybox ip addr
sample busybox.ip-route.txt "$BBV" busybox ip route
sample busybox.route-n.txt "$BBV" busybox route -n
sample busybox.netstat-rn.txt "$BBV" busybox netstat -rn
'
}

all=(host dhclient nm networkd static busybox)
[ $# -gt 0 ] && all=("$@")
for s in "${all[@]}"; do
    echo "capture: $s"
    "scenario_$s"
done
echo "capture: $(find "$out" -name '*.txt' | wc -l) files in $out"
