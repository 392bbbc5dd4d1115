# shellcheck shell=bash
# The set-up part `ifupdown-ng` (scripts/setup.sh ifupdown-ng): Debian 12's
# ifupdown-ng, the reader of the Alpine method (README "IPv6", "Real
# readers"), unpacked under .tools/ifupdown-ng and never installed: it
# conflicts with Debian's ifupdown, which the other tests run. The .deb is
# fetched with `apt-get download` into the per-machine cache (SIW_CACHE,
# default /var/cache/secondary-ip-wizard as root), checked against the
# sha256 pinned here, and unpacked with `dpkg-deb -x`; tests/namespaces.rs
# runs its ifup, ifdown and ifquery from there (-i, -S and -E name the
# interfaces file, the state file and the executor folder).
#
# Debian packages 0.11.4~rc1 (its binary says 0.11.3: a snapshot of
# October 2021); Alpine ships a newer release. Against upstream's tag
# ifupdown-ng-0.12.1, for what the wizard writes (several `address` lines
# of both families in one `inet dhcp` or `inet static` stanza, `gateway`),
# the static, link and dhcp executors are the same scripts except that
# 0.12.1's dhcp executor ignores a failure to stop the client (b9fdef8);
# 0.12.0 fails an ifup whose executor fails (6f52157), which 0.11.4~rc1
# ignores, and adds executor timeouts (941d7c5) (README "Which proof each
# method has").
# Sourced by setup.sh (needs its apt_ensure and as_root); not run on its own.

IFUPDOWN_NG_VERSION='0.11.4~rc1-1+b2'
IFUPDOWN_NG_ARCH=amd64
IFUPDOWN_NG_SHA256=a7d07cfa7e50c9965a971a42d94ef49a99a06fde72650763ceb20b0bf8555af1
# What `ifup --version` prints first (the snapshot's own version).
IFUPDOWN_NG_SAYS='ifupdown-ng 0.11.3'
# Its run-time libraries (the .deb's Depends that a binary needs).
IFUPDOWN_NG_PKGS=(libbsd0 iproute2)

# ifupdown_ng_deb: the .deb's file name, as apt-get download writes it.
ifupdown_ng_deb() {
    printf 'ifupdown-ng_%s_%s.deb\n' "${IFUPDOWN_NG_VERSION//:/%3a}" "$IFUPDOWN_NG_ARCH"
}

# ifupdown_ng_runs DIR: the unpacked ifup starts and names the pinned version.
ifupdown_ng_runs() {
    [ "$("$1/sbin/ifup" --version 2>/dev/null | head -n 1)" = "$IFUPDOWN_NG_SAYS" ] &&
        [ -x "$1/usr/libexec/ifupdown-ng/static" ] && [ -x "$1/usr/libexec/ifupdown-ng/dhcp" ]
}

setup_ifupdown_ng() {
    local dir="$TOOLS/ifupdown-ng" stamp want cache deb got work
    stamp="$dir/.siw-deb"
    want="$(ifupdown_ng_deb) sha256=$IFUPDOWN_NG_SHA256"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && ifupdown_ng_runs "$dir"; then
        return 0
    fi
    if [ "$(dpkg --print-architecture 2>/dev/null)" != "$IFUPDOWN_NG_ARCH" ]; then
        is_ci && die "the ifupdown-ng part pins the $IFUPDOWN_NG_ARCH .deb; this machine is $(dpkg --print-architecture 2>/dev/null || echo 'not Debian')"
        warn "SKIPPED the ifupdown-ng part: it pins the $IFUPDOWN_NG_ARCH .deb (tests/namespaces.rs skips its cases loudly)"
        return 0
    fi
    apt_ensure "${IFUPDOWN_NG_PKGS[@]}"
    cache="$(siw_cache)/debs"
    deb="$cache/$(ifupdown_ng_deb)"
    if [ ! -f "$deb" ] || [ "$(sha256sum "$deb" | cut -d' ' -f1)" != "$IFUPDOWN_NG_SHA256" ]; then
        if ! apt-cache show "ifupdown-ng=$IFUPDOWN_NG_VERSION" >/dev/null 2>&1; then
            as_root apt-get -o DPkg::Lock::Timeout=900 update -q </dev/null
            # shellcheck disable=SC2034 # setup.sh's apt_ensure reads it
            APT_UPDATED=1
        fi
        log "apt-get download ifupdown-ng=$IFUPDOWN_NG_VERSION into $cache (unpacked into .tools/ifupdown-ng, not installed)"
        mkdir -p "$cache"
        work=$(mktemp -d "$cache/.download-XXXXXX")
        # apt's sandbox user must be able to write there.
        chmod 755 "$work"
        (cd "$work" && apt-get download -q "ifupdown-ng=$IFUPDOWN_NG_VERSION" </dev/null)
        mv "$work/$(ifupdown_ng_deb)" "$deb"
        rm -rf "$work"
    fi
    got=$(sha256sum "$deb" | cut -d' ' -f1)
    [ "$got" = "$IFUPDOWN_NG_SHA256" ] ||
        die "$deb has sha256 $got, scripts/ifupdown-ng.sh pins $IFUPDOWN_NG_SHA256: not the package the tests were written for"
    rm -rf "$dir.tmp"
    mkdir -p "$dir.tmp"
    dpkg-deb -x "$deb" "$dir.tmp"
    ifupdown_ng_runs "$dir.tmp" ||
        die "the ifup unpacked from $deb does not start or does not say '$IFUPDOWN_NG_SAYS'"
    printf '%s\n' "$want" >"$dir.tmp/.siw-deb"
    rm -rf "$dir"
    mv "$dir.tmp" "$dir"
    log "ifupdown-ng $IFUPDOWN_NG_VERSION unpacked into $dir"
}
