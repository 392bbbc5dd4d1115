#!/bin/sh
# Secondary IP Wizard doctor: reads how this instance's network is set up
# and changes nothing (no file, no setting, no address is written). It
# prints a short report and a link to the wizard with the form filled in.
#
#   sh doctor.sh [MAC]    MAC: check another NIC than the primary one
#
# Run it as root to read every configuration file (some are mode 600); as
# another user it reports what it can read. For tests and unusual hosts:
# WIZARD_METADATA_URL, WIZARD_SYS_CLASS_NET, WIZARD_OS_RELEASE.

b={{base}}

# ---- the metadata server (hardened mode's session token first)
{{reader}}
else g() { return 1; }; fi
{{ips}}
{{ips6}}
{{encode}}

nl='
'
warnings=
warn() { warnings="$warnings$nl  ! $*"; }
say() { printf '%-18s %s\n' "$1" "$2"; }
# netof ADDR PREFIX: the network address of ADDR/PREFIX.
netof() {
  na=$1; np=$2
  n1=${na%%.*}; na=${na#*.}; n2=${na%%.*}; na=${na#*.}; n3=${na%%.*}; n4=${na#*.}
  nn=$(( (n1 << 24) | (n2 << 16) | (n3 << 8) | n4 ))
  nm=$(( np == 0 ? 0 : (4294967295 << (32 - np)) & 4294967295 ))
  nn=$(( nn & nm ))
  printf '%s.%s.%s.%s' $(( (nn >> 24) & 255 )) $(( (nn >> 16) & 255 )) $(( (nn >> 8) & 255 )) $(( nn & 255 ))
}

md=none; pm=; e=; c=; gw=; ip=; all=; r=; iid=; it=; d=; c6=; a6=; p6=; s6=
x=$(printf %s "${1:-}" | tr "[:upper:]" "[:lower:]" | sed "s/-/:/g")
if w=$(g mac 2>/dev/null) && [ -n "$w" ]; then
  md=ok
  pm=$(printf %s "$w" | tr -d " \r\n" | tr "[:upper:]" "[:lower:]")
  [ -n "$x" ] || x=$pm
  n=network/interfaces/macs/$x
  if e=$(g "$n/network-interface-id" 2>/dev/null); then
    e=$(printf %s "$e" | tr -d " \r\n")
    c=$(g "$n/vswitch-cidr-block" | tr -d " \r\n")
    gw=$(g "$n/gateway" | j)
    ip=$(g "$n/primary-ip-address" | j)
    all=$(g "$n/private-ipv4s" | j)
    {{ipv6}}
  else
    e=
    warn "the metadata server knows no ENI with MAC $x (its MACs: $(g network/interfaces/macs/ | tr -c "0-9a-f:" " "))"
  fi
  r=$(g region-id 2>/dev/null | tr -d " \r\n")
  iid=$(g instance-id 2>/dev/null | tr -d " \r\n")
  it=$(g instance/instance-type 2>/dev/null | tr -d " \r\n")
  d=$(g dns-conf/nameservers 2>/dev/null | j)
fi

# ---- the interface: the one with that MAC, else the default route's
{{by_mac}}
if [ -z "$x" ]; then
  f=$(ip -4 route show default 2>/dev/null | sed -n "s/.* dev \([^ ]*\).*/\1/p" | head -n 1)
  if [ -z "$f" ]; then
    for q in "$s"/*; do
      if [ -z "$f" ] && [ "${q##*/}" != lo ] && [ -r "$q/address" ]; then f=${q##*/}; fi
    done
  fi
  if [ -n "$f" ]; then x=$(cat "$s/$f/address" 2>/dev/null); fi
fi
[ "$md" = ok ] || pm=$x
{{nm_connection}}

# ---- its addresses: ADDR/PREFIX:dynamic (a finite lifetime) or :forever
addrs=
if [ -n "$f" ]; then
  addrs=$(ip -4 addr show dev "$f" 2>/dev/null | awk '
    $1 == "inet" { if (a != "") print a ":" life; a = $2; life = "forever"; for (i = 3; i <= NF; i++) if ($i == "dynamic") life = "dynamic"; next }
    $1 == "valid_lft" && a != "" { if ($2 != "forever") life = "dynamic" }
    END { if (a != "") print a ":" life }')
fi
on=; h=; dyn=
for w in $addrs; do
  a=${w%%:*}
  on=$on${on:+,}$a; h=$h${h:+,}${a%/*}
  if [ "${w#*:}" = dynamic ]; then dyn=$dyn${dyn:+,}${a%/*}; fi
done
# The primary: the cloud's, else the one from DHCP, else the default route's source, else the first.
if [ -z "$ip" ]; then
  ip=${dyn%%,*}
  if [ -z "$ip" ] && [ -n "$f" ]; then
    ip=$(ip -4 route show default dev "$f" 2>/dev/null | sed -n "s/.* src \([0-9.]*\).*/\1/p" | head -n 1)
  fi
  [ -n "$ip" ] || ip=${h%%,*}
fi
pp=
for a in $(printf %s "$on" | tr , " "); do
  if [ "${a%/*}" = "$ip" ]; then pp=${a#*/}; fi
done
if [ -z "$c" ] && [ -n "$pp" ]; then c=$(netof "$ip" "$pp")/$pp; fi
if [ -z "$gw" ] && [ -n "$f" ]; then
  gw=$(ip -4 route show default dev "$f" 2>/dev/null | sed -n "s/.*via \([0-9.]*\).*/\1/p" | head -n 1)
fi
mode=static
case ,$dyn, in *,"$ip",*) mode=keep ;; esac

# The secondaries: every address the cloud assigns but the primary (the
# form is the whole set); without the metadata, those of the primary's
# subnet on the interface.
sec=; notcloud=; notyet=
if [ -n "$all" ]; then
  for a in $(printf %s "$all" | tr , " "); do
    [ "$a" = "$ip" ] && continue
    sec=$sec${sec:+,}$a
    case ,$h, in *,"$a",*) ;; *) notyet=$notyet${notyet:+,}$a ;; esac
  done
  for a in $(printf %s "$h" | tr , " "); do
    [ "$a" = "$ip" ] && continue
    case ,$all, in *,"$a",*) ;; *) notcloud=$notcloud${notcloud:+,}$a ;; esac
  done
elif [ -n "$pp" ]; then
  pn=$(netof "$ip" "$pp")
  for a in $(printf %s "$on" | tr , " "); do
    ai=${a%/*}; ap=${a#*/}
    [ "$ai" = "$ip" ] && continue
    if [ "$ap" = "$pp" ] && [ "$(netof "$ai" "$ap")" = "$pn" ]; then sec=$sec${sec:+,}$ai; fi
  done
fi
sdyn=
for a in $(printf %s "$dyn" | tr , " "); do
  [ "$a" = "$ip" ] || sdyn=$sdyn${sdyn:+,}$a
done

# ---- the stack in charge of the interface
st=none; sf=
ix=; [ -n "$f" ] && ix=$(cat "$s/$f/ifindex" 2>/dev/null)
nms=
if [ -n "$f" ] && command -v nmcli >/dev/null 2>&1; then
  nms=$(nmcli -g GENERAL.STATE device show "$f" 2>/dev/null | sed -n "1s/ .*//p")
fi
nd=/run/systemd/netif/links/$ix
if [ -n "$nms" ] && [ "$nms" != 10 ]; then
  st="nm"
  sf=$cn
  for q in /run/NetworkManager/system-connections/netplan-*; do
    if [ -e "$q" ]; then st=netplan-nm; fi
  done
elif [ -n "$ix" ] && [ -r "$nd" ] && grep -q "^ADMIN_STATE=config" "$nd"; then
  st=networkd
  sf=$(sed -n "s/^NETWORK_FILE=//p" "$nd")
  case $sf in /run/systemd/network/10-netplan-*) st=netplan ;; esac
elif [ -n "$f" ] && command -v wicked >/dev/null 2>&1 && wicked ifstatus --brief "$f" 2>/dev/null | grep -qw up; then
  st=wicked
  sf=/etc/sysconfig/network/ifcfg-$f
elif [ -n "$f" ] && { [ -e "/run/network/ifstate.$f" ] || grep -qs "^$f=" /run/network/ifstate; }; then
  st=ifupdown
  sf=/etc/network/interfaces
elif [ -n "$f" ] && grep -qs "^$f=" /run/ifstate; then
  st=ifupdown
  if ifup --version 2>&1 | grep -q ifupdown-ng; then st=ifupdown-ng; fi
  sf=/etc/network/interfaces
elif [ -n "$f" ] && [ -f "/etc/sysconfig/network-scripts/ifcfg-$f" ]; then
  st=network-scripts
  sf=/etc/sysconfig/network-scripts/ifcfg-$f
elif [ -n "$f" ] && [ -f "/etc/sysconfig/network/ifcfg-$f" ] && command -v wicked >/dev/null 2>&1; then
  st=wicked
  sf=/etc/sysconfig/network/ifcfg-$f
fi
case $st in
{{stack_labels}}
esac

# ---- cloud-init: enabled or not for the network, the file it wrote
ci=absent; cif=
if command -v cloud-init >/dev/null 2>&1 || [ -e /etc/cloud/cloud.cfg ]; then
  ci=enabled
  if [ -e /etc/cloud/cloud-init.disabled ] || grep -qs "cloud-init=disabled" /proc/cmdline; then
    ci=off
  elif grep -qs "network-config=disabled" /proc/cmdline \
    || cat /etc/cloud/cloud.cfg /etc/cloud/cloud.cfg.d/*.cfg 2>/dev/null | grep -q "config: *disabled"; then
    ci=disabled
  fi
  for q in /etc/netplan/50-cloud-init.yaml "/etc/NetworkManager/system-connections/cloud-init-$f.nmconnection" \
    "/etc/systemd/network/10-cloud-init-$f.network" /etc/network/interfaces.d/50-cloud-init \
    /etc/network/interfaces.d/50-cloud-init.cfg "/etc/sysconfig/network-scripts/ifcfg-$f" \
    "/etc/sysconfig/network/ifcfg-$f" /etc/network/interfaces; do
    if [ -n "$cif" ] || [ ! -f "$q" ]; then continue; fi
    case $q in
      *cloud-init*) cif=$q ;;
      *) if grep -qs -e "cloud-init" -e "cloud-config" "$q"; then cif=$q; fi ;;
    esac
  done
fi

# ---- agents that add and remove addresses by themselves
ncs=absent
for q in /usr/libexec/nm-cloud-setup /usr/lib/NetworkManager/nm-cloud-setup \
  /usr/lib/systemd/system/nm-cloud-setup.service /lib/systemd/system/nm-cloud-setup.service \
  /etc/systemd/system/nm-cloud-setup.service; do
  if [ -e "$q" ]; then ncs=off; fi
done
if [ "$ncs" = off ]; then
  en=
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    for q in nm-cloud-setup.timer nm-cloud-setup.service; do
      if [ "$(systemctl is-enabled "$q" 2>/dev/null)" = enabled ]; then en=1; fi
    done
  fi
  for q in /etc/systemd/system/*.wants/nm-cloud-setup.timer /etc/systemd/system/*.wants/nm-cloud-setup.service; do
    if [ -e "$q" ] || [ -L "$q" ]; then en=1; fi
  done
  if [ -n "$en" ]; then
    ncs=on
    env=$(cat /etc/systemd/system/nm-cloud-setup.service.d/*.conf /run/systemd/system/nm-cloud-setup.service.d/*.conf \
      /usr/lib/systemd/system/nm-cloud-setup.service /lib/systemd/system/nm-cloud-setup.service \
      /etc/systemd/system/nm-cloud-setup.service 2>/dev/null)
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
      env="$env$nl$(systemctl show -p Environment nm-cloud-setup.service 2>/dev/null)"
    fi
    if printf '%s\n' "$env" | grep -Eq "NM_CLOUD_SETUP_ALIYUN=(yes|true|1|on)"; then ncs=aliyun; fi
  fi
fi
cnc=absent
for q in /usr/sbin/cloud-netconfig /etc/netconfig.d/cloud-netconfig; do
  if [ -e "$q" ]; then cnc=on; fi
done
if [ "$cnc" = on ]; then
  v=$(sed -n "s/^CLOUD_NETCONFIG_MANAGE=//p" "/etc/sysconfig/network/ifcfg-$f" 2>/dev/null | tr -d "\"' ")
  case $v in no | NO | No) cnc=off ;; esac
fi

# ---- routing: default routes in every table, rules, rp_filter
routes=$({ ip -4 route show table all 2>/dev/null || ip -4 route show 2>/dev/null; } | awk '
  $1 == "default" { gw = "-"; dev = "-"; m = 0; t = "main"
    for (i = 2; i < NF; i++) { if ($i == "via") gw = $(i + 1); if ($i == "dev") dev = $(i + 1); if ($i == "metric") m = $(i + 1); if ($i == "table") t = $(i + 1) }
    print gw " " m " " t " " dev }')
rules=$(ip -4 rule show 2>/dev/null | sed "s/[[:space:]][[:space:]]*/ /g" \
  | grep -v -e "^0: from all lookup local" -e "^32766: from all lookup main" -e "^32767: from all lookup default")
ra=$(cat /proc/sys/net/ipv4/conf/all/rp_filter 2>/dev/null)
ri=; [ -n "$f" ] && ri=$(cat "/proc/sys/net/ipv4/conf/$f/rp_filter" 2>/dev/null)

# ---- the report
{{os}}
pn=; [ -r "$R" ] && pn=$(sed -n "s/^PRETTY_NAME=//p" "$R" | tr -d "\"")
echo "Secondary IP Wizard doctor: read-only, nothing was changed."
say "OS:" "${pn:-unknown} (wizard: ${o:-not in its list})"
say "Interface:" "${f:-none found} ${x:+($x)}${e:+ ENI $e}${it:+ on $it}"
say "Stack in charge:" "$st ($sl${sf:+: $sf})"
case $ci in
  enabled) say "cloud-init:" "enabled for the network${cif:+; it wrote $cif}" ;;
  disabled) say "cloud-init:" "installed, its network configuration disabled" ;;
  off) say "cloud-init:" "installed, turned off" ;;
  *) say "cloud-init:" "not installed" ;;
esac
case $ncs in
  aliyun) say "nm-cloud-setup:" "enabled with the Aliyun provider ($ncs)" ;;
  on) say "nm-cloud-setup:" "enabled, without the Aliyun provider ($ncs)" ;;
  off) say "nm-cloud-setup:" "installed, not enabled ($ncs)" ;;
  *) say "nm-cloud-setup:" "not installed ($ncs)" ;;
esac
case $cnc in
  on) say "cloud-netconfig:" "manages ${f:-the interface} ($cnc)" ;;
  off) say "cloud-netconfig:" "installed, told to leave ${f:-the interface} alone ($cnc)" ;;
  *) say "cloud-netconfig:" "not installed ($cnc)" ;;
esac
if [ "$md" = ok ]; then
  say "Metadata:" "read${tk:+ (with a session token)}; the cloud assigns ${all:-nothing} (primary ${ip:-?})"
else
  say "Metadata:" "not reachable (run it on the ECS instance): the addresses below are the interface's own"
fi
say "On ${f:-the interface}:" "${on:-no IPv4 address}${dyn:+ (dynamic: $dyn)}"
[ -n "$notyet" ] && say "" "assigned, not yet on ${f:-it}: $notyet"
[ -n "$notcloud" ] && warn "on $f but not assigned to the ENI in the cloud: $notcloud"
[ -n "$sdyn" ] && warn "secondary addresses with a lifetime (DHCP): $sdyn"
nd=0
while read -r rg rm rt rd; do
  [ -n "$rg" ] || continue
  say "Default route:" "via $rg dev $rd metric $rm${rt:+ table $rt}"
  [ "$rt" = main ] && nd=$((nd + 1))
done <<EOF
$routes
EOF
[ "$nd" -gt 1 ] && warn "$nd default routes in the main table: replies may leave by the wrong interface"
[ "$nd" -eq 0 ] && warn "no default route in the main table"
say "Policy rules:" "$(printf '%s\n' "$rules" | grep -c .) beyond the kernel's own"
say "rp_filter:" "all=${ra:-?} ${f:-if}=${ri:-?}"
[ "$ncs" = aliyun ] && warn "nm-cloud-setup runs with the Aliyun provider: it adds and removes the secondaries itself"
[ "$cnc" = on ] && warn "cloud-netconfig manages the addresses of $f"
if [ -n "$warnings" ]; then echo "Warnings:$warnings"; fi

# ---- the link: the form, then what the doctor found (a route's and a
# rule's words joined by commas, which stay as they are in a link)
{{form_link}}
k {{p_mode}} "$mode"
{{doctor_link}}
n=0
while read -r rg rm rt rd; do
  if [ -z "$rg" ] || [ "$n" -ge 16 ]; then continue; fi
  n=$((n + 1)); k {{p_route}} "$rg,$rm,$rt,$rd"
done <<EOF
$routes
EOF
n=0
while read -r line; do
  if [ -z "$line" ] || [ "$n" -ge 16 ]; then continue; fi
  n=$((n + 1)); k {{p_rule}} "$(printf %s "$line" | tr " " ",")"
done <<EOF
$rules
EOF
if [ -n "$ra" ] && [ -n "$ri" ]; then k {{p_rpf}} "$ra,$ri"; fi
echo
echo "Open this link in the wizard (it holds everything above):"
printf '%s?%s\n' "$b" "$l"
