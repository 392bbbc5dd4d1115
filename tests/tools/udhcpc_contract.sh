#!/bin/sh
# A stand-in for Alpine's /usr/share/udhcpc/default.script, written for the
# tests from what that script does (alpinelinux/aports main/busybox/
# default.script, read 2026-12-02 and 2026-12-07): it reads
# $UDHCPC/udhcpc.conf when there is one (NO_GATEWAY names interfaces whose
# lease's router gets no route); for deconfig, renew and bound it runs
# every file of $UDHCPC/pre-EVENT, then the event, then every file of
# $UDHCPC/post-EVENT; deconfig flushes every IPv4 address of the interface
# (which takes the secondaries with it); bound adds the lease and, unless
# NO_GATEWAY names the interface, replaces the interface's default routes
# with one via each router, metric IF_METRIC (ifupdown-ng's `metric`) or
# 200 + the interface's index; renew flushes and adds the lease again when
# its address is missing, and sets the routes again when no default route
# goes via the router.
# $SIW_UDHCPC stands for /etc/udhcpc (the default, where Debian's BusyBox
# looks for its default script: the namespaces harness installs this file
# as /etc/udhcpc/default.script).
UDHCPC=${SIW_UDHCPC:-/etc/udhcpc}
# shellcheck source=/dev/null
if [ -f "$UDHCPC/udhcpc.conf" ]; then . "$UDHCPC/udhcpc.conf"; fi
export interface ip mask router IF_METRIC
hooks() {
  if [ -d "$1" ]; then
    for i in "$1"/*; do
      if [ -f "$i" ]; then "$i"; fi
    done
  fi
}
routes() {
  [ -n "${router:-}" ] || return 0
  for n in ${NO_GATEWAY:-}; do
    [ "$n" = "$interface" ] && return 0
  done
  while ip -4 route del default dev "$interface" 2>/dev/null; do :; done
  base=${IF_METRIC:-$((200 + $(cat "/sys/class/net/$interface/ifindex")))}
  k=0
  for r in $router; do
    ip -4 route add default via "$r" dev "$interface" metric $((base + k)) && k=$((k + 1))
  done
}
case "$1" in
  deconfig|renew|bound)
    hooks "$UDHCPC/pre-$1"
    case "$1" in
      deconfig) ip -4 addr flush dev "$interface" ;;
      bound)
        ip -4 addr add "$ip/$mask" dev "$interface"
        ip -4 link set dev "$interface" up
        routes
        ;;
      renew)
        if ! ip -4 addr show dev "$interface" | grep -q " $ip/$mask "; then
          ip -4 addr flush dev "$interface"
          ip -4 addr add "$ip/$mask" dev "$interface"
        fi
        for r in ${router:-}; do
          if ! ip -4 route show default | grep -q " via $r "; then
            routes
            break
          fi
        done
        ;;
    esac
    hooks "$UDHCPC/post-$1"
    ;;
esac
exit 0
