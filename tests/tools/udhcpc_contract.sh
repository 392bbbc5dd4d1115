#!/bin/sh
# A stand-in for Alpine's /usr/share/udhcpc/default.script, written for the
# tests from what that script does (alpinelinux/aports main/busybox/
# default.script, read 2026-12-02): for deconfig, renew and bound it runs
# every file of $UDHCPC/pre-EVENT, then the event, then every file of
# $UDHCPC/post-EVENT; deconfig flushes every IPv4 address of the interface
# (which takes the secondaries with it); bound adds the lease; renew
# flushes and adds it again when the lease's address is missing.
# $SIW_UDHCPC stands for /etc/udhcpc.
UDHCPC=${SIW_UDHCPC:?}
export interface ip mask router
hooks() {
  if [ -d "$1" ]; then
    for i in "$1"/*; do
      if [ -f "$i" ]; then "$i"; fi
    done
  fi
}
case "$1" in
  deconfig|renew|bound)
    hooks "$UDHCPC/pre-$1"
    case "$1" in
      deconfig) ip -4 addr flush dev "$interface" ;;
      bound) ip -4 addr add "$ip/$mask" dev "$interface" ;;
      renew)
        if ! ip -4 addr show dev "$interface" | grep -q " $ip/$mask "; then
          ip -4 addr flush dev "$interface"
          ip -4 addr add "$ip/$mask" dev "$interface"
        fi
        ;;
    esac
    hooks "$UDHCPC/post-$1"
    ;;
esac
exit 0
