# shellcheck shell=bash
# The set-up part `readers` (scripts/setup.sh readers): the real readers of
# the two formats no Debian package reads, built from the upstream tarballs
# in ../shared/src (README "Real readers"):
#   wicked 0.6.80             SUSE /etc/sysconfig/network/ifcfg-*, routes
#   NetworkManager 1.42.4     RHEL ifcfg-* and alias files (ifcfg-rh plugin)
# Each tarball is checked against the hash pinned here and against the
# SHA256SUMS beside it, built once per machine into the cache
# (SIW_CACHE, default /var/cache/secondary-ip-wizard as root), in a folder
# named by the tarball's hash and the hash of the build recipe below, and
# linked from .tools/readers/{wicked,nm}. No tarballs: a loud skip (the
# test tests/readers.rs skips loudly too), never a failure of the set-up.
# Sourced by setup.sh (needs its apt_ensure); not run on its own.

# The tarballs, each with the sha256 of its release (SHA256SUMS must agree).
READER_WICKED_TARBALL=wicked-0.6.80.tar.xz
READER_WICKED_SHA256=69a85ff683626a8e17da7285caf6405e6b3d0c409291dd4ec2ee230d0cfd8565
READER_NM_TARBALL=NetworkManager-1.42.4.tar.xz
READER_NM_SHA256=ae51a58d2703f9a880b34246110ccb867a926bf236dbeb4729f2821450b6a3f2

# Build dependencies, Debian packages by name (no deb-src is configured).
READER_WICKED_PKGS=(gcc make pkg-config autoconf automake libtool gawk xz-utils
    libnl-3-dev libnl-route-3-dev libnl-genl-3-dev libdbus-1-dev libgcrypt20-dev)
READER_NM_PKGS=(gcc pkg-config meson ninja-build xz-utils libglib2.0-dev libudev-dev
    libndp-dev xsltproc uuid-dev libgnutls28-dev libreadline-dev libdbus-1-dev
    dbus-daemon)

# The wicked recipe (P is the install prefix, the cache folder itself: the
# paths are compiled in). autogen.sh needs rpm: autoreconf instead.
# LIBS=-ldbus-1: without it the link fails on dbus_message_get_member.
# Its own XML configs and schema live under P; its run-time state goes to
# /run/wicked and /var/lib/wicked, which the test's namespaces put on tmpfs
# (the ifcfg directory, /etc/sysconfig/network, is compiled in as is).
READER_WICKED_CFLAGS="-std=gnu89 -O1"
READER_WICKED_LIBS="-ldbus-1"
reader_wicked_configure_args() {
    local p=$1
    printf '%s\n' --prefix="$p" --sysconfdir="$p/etc" --localstatedir=/var \
        --with-statedir=/run/wicked --with-compat=suse --disable-systemd \
        --disable-nbft --disable-pandoc
}

# The NetworkManager recipe: the ifcfg-rh plugin on, ifupdown off, every
# optional feature off, -O1 (measured: 149 CPU seconds against 199 for the
# release build's -O3, on 2 cores under load 7 to 15). sysconfdir=/etc and localstatedir=/var, so the
# ifcfg directory compiled in is the real /etc/sysconfig/network-scripts
# (the test runs the daemon only in a namespace with an overlay over /etc
# and tmpfs over /run and /var/lib, where the rendered files and scripts
# write their real paths).
reader_nm_meson_args() {
    local p=$1
    printf '%s\n' --prefix="$p" --sysconfdir=/etc --localstatedir=/var \
        --buildtype=release -Doptimization=1 -Difcfg_rh=true -Difupdown=false \
        -Dconfig_plugins_default=ifcfg-rh -Dtests=no -Dcrypto=gnutls \
        -Dintrospection=false -Dvapi=false -Ddocs=false -Dqt=false -Dppp=false \
        -Dmodem_manager=false -Dofono=false -Dnmtui=false -Dovs=false \
        -Dwifi=false -Dwext=false -Diwd=false -Dteamdctl=false \
        -Dbluez5_dun=false -Debpf=false -Dconcheck=false -Dnm_cloud_setup=false \
        -Dselinux=false -Dlibaudit=no -Dlibpsl=false -Dpolkit=false \
        -Dsession_tracking=no -Dsession_tracking_consolekit=false \
        -Dsystemd_journal=false -Dfirewalld_zone=false -Dsystemdsystemunitdir=no \
        -Dudev_dir=no -Ddhclient=no -Ddhcpcd=no -Dresolvconf=no -Dnetconfig=no \
        -Ddbus_conf_dir="$p/share/dbus-1/system.d"
}

# nm-cloud-setup 1.42.4 (the method "let nm-cloud-setup do it"; Debian does
# not package it): the same tarball, configured like the reader above but
# with nm_cloud_setup on (it needs libcurl) and for the real paths (/usr,
# /usr/lib/systemd/system), and only its own targets built (the binary and
# its service unit: a fraction of the daemon's build). The cache folder
# holds them under their real paths (usr/libexec/nm-cloud-setup,
# usr/lib/systemd/system/nm-cloud-setup.{service,timer}, the dispatcher
# script); tests/booted.rs copies them into the Debian 12 guest, whose
# NetworkManager, libnm0 and libcurl3-gnutls are the same 1.42.4 / Debian
# 12 libraries it is built against.
READER_NMCS_PKGS=("${READER_NM_PKGS[@]}" libcurl4-gnutls-dev)
reader_nmcs_meson_args() {
    reader_nm_meson_args /usr | sed \
        -e 's|^-Dnm_cloud_setup=false$|-Dnm_cloud_setup=true|' \
        -e 's|^-Dsystemdsystemunitdir=no$|-Dsystemdsystemunitdir=/usr/lib/systemd/system|' \
        -e 's|^-Ddbus_conf_dir=.*|-Ddbus_conf_dir=/usr/share/dbus-1/system.d|'
}

# Bump when a recipe changes in a way its arguments do not show.
READER_RECIPE_VERSION=1

# reader_src_dirs: where the tarballs may be, in order: SIW_SHARED_SRC, the
# repo's ../shared/src, and (in a git worktree) the main checkout's ../shared/src.
reader_src_dirs() {
    if [ -n "${SIW_SHARED_SRC:-}" ]; then
        printf '%s\n' "$SIW_SHARED_SRC"
        return 0
    fi
    printf '%s\n' "$ROOT/../shared/src"
    local common
    common=$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
    if [ -n "$common" ] && [ "$(dirname "$common")" != "$ROOT" ]; then
        printf '%s\n' "$(dirname "$common")/../shared/src"
    fi
}

# reader_src_dir: the first of reader_src_dirs holding both tarballs, or nothing.
reader_src_dir() {
    local d
    while read -r d; do
        if [ -f "$d/$READER_WICKED_TARBALL" ] && [ -f "$d/$READER_NM_TARBALL" ]; then
            (cd "$d" && pwd)
            return 0
        fi
    done < <(reader_src_dirs)
}

# siw_cache: the per-machine cache (SIW_CACHE overrides).
siw_cache() {
    if [ -n "${SIW_CACHE:-}" ]; then
        printf '%s\n' "$SIW_CACHE"
    elif is_root; then
        printf '%s\n' /var/cache/secondary-ip-wizard
    else
        printf '%s\n' "${XDG_CACHE_HOME:-$HOME/.cache}/secondary-ip-wizard"
    fi
}

# reader_check_tarball DIR FILE SHA: the file's hash is the pinned one, and
# DIR/SHA256SUMS says the same.
reader_check_tarball() {
    local dir=$1 file=$2 want=$3 got listed
    got=$(sha256sum "$dir/$file" | cut -d' ' -f1)
    [ "$got" = "$want" ] ||
        die "$dir/$file has sha256 $got, scripts/readers.sh pins $want: not the release the tests were written for"
    if [ -f "$dir/SHA256SUMS" ]; then
        listed=$(awk -v f="$file" '$2 == f || $2 == "*" f { print $1 }' "$dir/SHA256SUMS")
        [ "$listed" = "$want" ] ||
            die "$dir/SHA256SUMS lists '${listed:-nothing}' for $file, the file and scripts/readers.sh have $want"
    else
        warn "no $dir/SHA256SUMS: $file checked against the hash pinned in scripts/readers.sh only"
    fi
}

# reader_key NAME SHA RECIPE: the cache folder name, NAME-<tarball hash>-<recipe hash>.
reader_key() {
    local recipe_hash
    recipe_hash=$(printf '%s\n' "$READER_RECIPE_VERSION" "$3" | sha256sum | cut -c1-12)
    printf '%s-%s-%s\n' "$1" "$(printf '%s' "$2" | cut -c1-12)" "$recipe_hash"
}

# reader_link NAME DIR: .tools/readers/NAME -> DIR.
reader_link() {
    mkdir -p "$TOOLS/readers"
    ln -sfn "$2" "$TOOLS/readers/$1"
}

build_wicked() {
    local src=$1 p=$2 work=$3
    tar -xf "$src/$READER_WICKED_TARBALL" -C "$work"
    local dir
    dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'wicked-*' -print -quit)
    local args=()
    mapfile -t args < <(reader_wicked_configure_args "$p")
    (
        cd "$dir"
        autoreconf --force --install
        CFLAGS="$READER_WICKED_CFLAGS" LIBS="$READER_WICKED_LIBS" ./configure "${args[@]}"
        make -j"$(nproc)"
        make install DESTDIR="$work/stage"
    ) >"$work/build.log" 2>&1 || {
        tail -n 40 "$work/build.log" >&2
        die "building wicked failed (log above; the whole log: $work/build.log)"
    }
}

# nm_unpack SRC WORK: the NetworkManager tarball unpacked into WORK; prints its folder.
nm_unpack() {
    tar -xf "$1/$READER_NM_TARBALL" -C "$2"
    find "$2" -mindepth 1 -maxdepth 1 -type d -name 'NetworkManager-*' -print -quit
}

build_nm() {
    local src=$1 p=$2 work=$3
    local dir
    dir=$(nm_unpack "$src" "$work")
    local args=()
    mapfile -t args < <(reader_nm_meson_args "$p")
    (
        cd "$dir"
        meson setup build "${args[@]}"
        ninja -C build -j"$(nproc)"
        DESTDIR="$work/stage" meson install -C build --no-rebuild
    ) >"$work/build.log" 2>&1 || {
        tail -n 40 "$work/build.log" >&2
        die "building NetworkManager failed (log above; the whole log: $work/build.log)"
    }
}

build_nmcs() {
    local src=$1 p=$2 work=$3
    local dir
    dir=$(nm_unpack "$src" "$work")
    local args=()
    mapfile -t args < <(reader_nmcs_meson_args)
    (
        cd "$dir"
        meson setup build "${args[@]}"
        # The unit is written by meson setup (configure_file).
        ninja -C build -j"$(nproc)" src/nm-cloud-setup/nm-cloud-setup
        local s="$work/stage$p"
        install -D -m 755 build/src/nm-cloud-setup/nm-cloud-setup "$s/usr/libexec/nm-cloud-setup"
        install -D -m 644 build/src/nm-cloud-setup/nm-cloud-setup.service \
            "$s/usr/lib/systemd/system/nm-cloud-setup.service"
        install -D -m 644 src/nm-cloud-setup/nm-cloud-setup.timer \
            "$s/usr/lib/systemd/system/nm-cloud-setup.timer"
        install -D -m 755 src/nm-cloud-setup/90-nm-cloud-setup.sh \
            "$s/usr/lib/NetworkManager/dispatcher.d/no-wait.d/90-nm-cloud-setup.sh"
    ) >"$work/build.log" 2>&1 || {
        tail -n 40 "$work/build.log" >&2
        die "building nm-cloud-setup failed (log above; the whole log: $work/build.log)"
    }
}

# reader_build NAME TARBALL SHA RECIPE BUILDER SRC: the cached build of one
# reader, built when missing; prints its folder.
reader_build() {
    local name=$1 tarball=$2 sha=$3 recipe=$4 builder=$5 src=$6 cache key p work start lock
    cache=$(siw_cache)/readers
    key=$(reader_key "$name" "$sha" "$recipe")
    p="$cache/$key"
    if [ -f "$p/.siw-build" ]; then
        printf '%s\n' "$p"
        return 0
    fi
    reader_check_tarball "$src" "$tarball" "$sha"
    mkdir -p "$cache"
    # One builder at a time per machine (two clones may set up at once).
    exec {lock}>"$cache/.lock"
    flock "$lock"
    if [ ! -f "$p/.siw-build" ]; then
        work=$(mktemp -d "$cache/.build-$name-XXXXXX")
        log "building $name from $src/$tarball into $p (uses all $(nproc) cores)"
        start=$(now)
        "$builder" "$src" "$p" "$work"
        rm -rf "$p"
        mv "$work/stage$p" "$p"
        local took size
        took=$(elapsed "$start")
        size=$(du -sm "$p" | cut -f1)
        printf 'key=%s\ntarball=%s\nsha256=%s\nbuilt=%s\nseconds=%s\nsize_mb=%s\nrecipe:\n%s\n' \
            "$key" "$tarball" "$sha" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$took" "$size" "$recipe" \
            >"$p/.siw-build"
        rm -rf "$work"
        log "built $name in $took s ($size MB installed): $p"
    fi
    flock -u "$lock"
    exec {lock}>&-
    printf '%s\n' "$p"
}

# reader_runs NAME DIR: the build starts and names its version (its shared
# libraries are Debian's, installed with the -dev packages).
reader_runs() {
    case $1 in
        wicked) [ "$("$2/sbin/wicked" --version 2>/dev/null)" = "wicked 0.6.80" ] ;;
        nm)
            [ "$("$2/sbin/NetworkManager" --version 2>/dev/null)" = "1.42.4" ] &&
                LD_LIBRARY_PATH="$2/lib/x86_64-linux-gnu" "$2/bin/nmcli" --version >/dev/null 2>&1
            ;;
        # It has no --version and runs only in the guest: its libraries other
        # than libnm.so.0 (Debian's libnm0, in the guest with network-manager,
        # not on this machine) resolve here (glib, libcurl3-gnutls).
        nm-cloud-setup)
            [ -x "$2/usr/libexec/nm-cloud-setup" ] &&
                ! ldd "$2/usr/libexec/nm-cloud-setup" | grep 'not found' | grep -qv '^[[:space:]]*libnm\.so\.0 ' &&
                grep -q '^ExecStart=/usr/libexec/nm-cloud-setup$' \
                    "$2/usr/lib/systemd/system/nm-cloud-setup.service"
            ;;
    esac
}

# reader_part NAME TARBALL SHA RECIPE BUILDER SRC PKG...: one reader, its
# build dependencies installed only when it must be built (or its cached
# build no longer starts), built or found in the cache, linked.
reader_part() {
    local name=$1 tarball=$2 sha=$3 recipe=$4 builder=$5 src=$6 p
    shift 6
    p="$(siw_cache)/readers/$(reader_key "$name" "$sha" "$recipe")"
    if [ ! -f "$p/.siw-build" ] || ! reader_runs "$name" "$p"; then
        apt_ensure "$@"
    fi
    p=$(reader_build "$name" "$tarball" "$sha" "$recipe" "$builder" "$src")
    reader_runs "$name" "$p" || die "the $name build in $p does not start (or is not the version expected): remove that folder and run scripts/setup.sh readers again"
    reader_link "$name" "$p"
}

setup_readers() {
    local src
    src=$(reader_src_dir)
    if [ -z "$src" ]; then
        warn "**************************************************************"
        warn "SKIPPED the readers part: no $READER_WICKED_TARBALL and $READER_NM_TARBALL in"
        local d
        while read -r d; do warn "  $d"; done < <(reader_src_dirs)
        warn "(set SIW_SHARED_SRC to their folder); tests/readers.rs will skip loudly."
        warn "**************************************************************"
        rm -f "$TOOLS/readers/wicked" "$TOOLS/readers/nm" "$TOOLS/readers/nm-cloud-setup"
        return 0
    fi
    if ! is_root; then
        warn "the readers part needs root for apt (and the test for namespaces): skipped"
        return 0
    fi
    local wicked_recipe nm_recipe nmcs_recipe
    wicked_recipe="$(reader_wicked_configure_args P) CFLAGS=$READER_WICKED_CFLAGS LIBS=$READER_WICKED_LIBS"
    nm_recipe="$(reader_nm_meson_args P)"
    nmcs_recipe="$(reader_nmcs_meson_args) target: src/nm-cloud-setup/nm-cloud-setup"
    reader_part wicked "$READER_WICKED_TARBALL" "$READER_WICKED_SHA256" "$wicked_recipe" build_wicked "$src" \
        "${READER_WICKED_PKGS[@]}"
    reader_part nm "$READER_NM_TARBALL" "$READER_NM_SHA256" "$nm_recipe" build_nm "$src" \
        "${READER_NM_PKGS[@]}"
    reader_part nm-cloud-setup "$READER_NM_TARBALL" "$READER_NM_SHA256" "$nmcs_recipe" build_nmcs "$src" \
        "${READER_NMCS_PKGS[@]}"
}
