# shellcheck shell=bash
# The set-up part `booted` (scripts/setup.sh booted): what tests/booted.rs
# needs to boot a Debian 12 guest under systemd-nspawn (README "Booted
# containers"; VALIDATORS.md "Booted systemd in a container"):
#   - Debian's systemd-container (systemd-nspawn) and mmdebstrap;
#   - Debian's isc-dhcp-server, unpacked (never installed, so no DHCP
#     service is ever enabled on this machine) into the cache: its dhcpd
#     serves the guest leases as short as the test wants (dnsmasq's
#     shortest is 2 minutes);
#   - the guest's root file system, built by mmdebstrap from the machine's
#     configured apt sources (Debian 12, bookworm) into the per-machine
#     cache (SIW_CACHE, default /var/cache/secondary-ip-wizard as root), in
#     a folder named by the hash of its package list and recipe, so a fresh
#     clone on the same machine reuses it and a change of the list builds a
#     new one.
# Both are linked from .tools/booted/{rootfs,dhcpd}. Needs root (mmdebstrap
# --mode=root); not root: a loud skip, a failure when CI=true.
# Sourced by setup.sh (needs its apt_ensure); not run on its own.

BOOTED_HOST_PKGS=(systemd-container mmdebstrap)
BOOTED_SUITE=bookworm
# The guest: systemd as PID 1, the four network stacks the wizard writes for
# (netplan -> networkd, networkd, NetworkManager, ifupdown with dhclient),
# cloud-init (it writes the image's network files and re-renders them on
# every boot, as on Alibaba), sudo (the steps are run as a user pastes them).
BOOTED_GUEST_PKGS=(systemd systemd-sysv dbus iproute2 netplan.io isc-dhcp-client
    network-manager ifupdown cloud-init sudo procps iputils-ping)
# Bump when the hook below changes.
BOOTED_RECIPE_VERSION=2

# The customize hook, run by mmdebstrap with the root as $1.
# - a persistent journal, so every boot's log is there after a reboot;
# - no unit that waits for hardware, time or the network beyond the stacks.
booted_hook() {
    cat <<'EOF'
set -e
r=$1
mkdir -p "$r/var/log/journal"
echo siw-guest > "$r/etc/hostname"
: > "$r/etc/machine-id"
rm -f "$r/var/lib/dbus/machine-id"
for u in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer \
         systemd-timesyncd.service dpkg-db-backup.timer; do
  ln -sfn /dev/null "$r/etc/systemd/system/$u"
done
EOF
}

# booted_cache_dir: the per-machine cache (SIW_CACHE overrides).
booted_cache_dir() {
    if [ -n "${SIW_CACHE:-}" ]; then
        printf '%s\n' "$SIW_CACHE"
    elif is_root; then
        printf '%s\n' /var/cache/secondary-ip-wizard
    else
        printf '%s\n' "${XDG_CACHE_HOME:-$HOME/.cache}/secondary-ip-wizard"
    fi
}

# booted_key: the rootfs folder name, from the suite, the package list and the recipe.
booted_key() {
    local h
    h=$({
        printf '%s\n' "$BOOTED_SUITE" "$BOOTED_RECIPE_VERSION" "$(dpkg --print-architecture)"
        printf '%s\n' "${BOOTED_GUEST_PKGS[@]}"
        booted_hook
    } | sha256sum | cut -c1-16)
    printf 'rootfs-%s-%s\n' "$BOOTED_SUITE" "$h"
}

booted_link() {
    mkdir -p "$TOOLS/booted"
    ln -sfn "$2" "$TOOLS/booted/$1"
}

# The dhcpd of Debian's isc-dhcp-server, unpacked into the cache.
setup_booted_dhcpd() {
    local cache=$1 version dir work
    version=$(apt-cache policy isc-dhcp-server 2>/dev/null | sed -n 's/^ *Candidate: //p')
    if [ -z "$version" ] || [ "$version" = "(none)" ]; then
        as_root apt-get update -q </dev/null
        # shellcheck disable=SC2034 # setup.sh's apt_ensure reads it
        APT_UPDATED=1
        version=$(apt-cache policy isc-dhcp-server | sed -n 's/^ *Candidate: //p')
    fi
    if [ -z "$version" ] || [ "$version" = "(none)" ]; then die "apt knows no isc-dhcp-server"; fi
    dir="$cache/isc-dhcp-server-$version"
    if [ ! -x "$dir/usr/sbin/dhcpd" ]; then
        log "apt-get download isc-dhcp-server=$version (unpacked into $dir, not installed)"
        work=$(mktemp -d)
        chmod 755 "$work"
        (cd "$work" && apt-get download -q "isc-dhcp-server=$version" </dev/null)
        rm -rf "$dir.tmp"
        mkdir -p "$dir.tmp"
        dpkg-deb -x "$work"/isc-dhcp-server_*.deb "$dir.tmp"
        rm -rf "$work" "$dir"
        mv "$dir.tmp" "$dir"
    fi
    "$dir/usr/sbin/dhcpd" --version >/dev/null 2>&1 || die "$dir/usr/sbin/dhcpd does not run"
    booted_link dhcpd "$dir/usr/sbin/dhcpd"
}

setup_booted_rootfs() {
    local cache=$1 key dir start hook sources
    key=$(booted_key)
    dir="$cache/$key"
    if [ -f "$dir/complete" ] && [ -x "$dir/root/lib/systemd/systemd" ]; then
        booted_link rootfs "$dir/root"
        return 0
    fi
    sources=/etc/apt/sources.list.d/debian.sources
    [ -f "$sources" ] || sources=/etc/apt/sources.list
    [ -f "$sources" ] || die "no apt sources to build the guest from ($sources)"
    log "mmdebstrap $BOOTED_SUITE into $dir (about 3 min, once per machine and package list)"
    start=$(now)
    rm -rf "$dir.tmp"
    mkdir -p "$dir.tmp"
    hook="$dir.tmp/hook.sh"
    booted_hook >"$hook"
    # The configured mirror may be a dated snapshot: its Release files are
    # past Valid-Until (VALIDATORS.md).
    as_root mmdebstrap --mode=root --variant=minbase --quiet \
        --aptopt='Acquire::Check-Valid-Until "false"' \
        --aptopt='Acquire::Check-Date "false"' \
        --include="$(
            IFS=,
            echo "${BOOTED_GUEST_PKGS[*]}"
        )" \
        --customize-hook="sh $hook \"\$1\"" \
        "$BOOTED_SUITE" "$dir.tmp/root" "$sources" </dev/null
    # shellcheck disable=SC2016 # dpkg-query's own format
    chroot "$dir.tmp/root" dpkg-query -W -f='${Package} ${Version}\n' >"$dir.tmp/packages.txt"
    {
        echo "suite: $BOOTED_SUITE"
        echo "key: $key"
        echo "packages asked: ${BOOTED_GUEST_PKGS[*]}"
        echo "packages installed: $(wc -l <"$dir.tmp/packages.txt")"
        echo "size: $(du -sh "$dir.tmp/root" | cut -f1)"
        echo "built: $(date -u +%FT%TZ) in $(elapsed "$start") s"
    } >"$dir.tmp/info.txt"
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
    touch "$dir/complete"
    log "guest root file system: $(tr '\n' ';' <"$dir/info.txt")"
    booted_link rootfs "$dir/root"
}

setup_booted() {
    if ! is_root; then
        if is_ci; then
            die "the booted part needs root (mmdebstrap --mode=root, systemd-nspawn) and CI must not skip it"
        fi
        warn "SKIPPED the booted set-up: not root (tests/booted.rs will skip loudly too)"
        return 0
    fi
    apt_ensure "${BOOTED_HOST_PKGS[@]}"
    local cache
    cache="$(booted_cache_dir)/booted"
    mkdir -p "$cache"
    setup_booted_dhcpd "$cache"
    setup_booted_rootfs "$cache"
}
