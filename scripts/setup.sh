#!/usr/bin/env bash
# Installs what building and testing need, and only what is missing.
# Idempotent: every part checks the exact version first and skips what is there.
#
#   scripts/setup.sh [PART...]
#
# Parts (default: all):
#   rust          the toolchain of rust-toolchain.toml with rustfmt, clippy, wasm32,
#                 and the pinned nightly (lib.sh) with rust-src, wasm32
#   trunk         Trunk (version from Trunk.toml), built without downloads
#   wasm-bindgen  wasm-bindgen-cli at the wasm-bindgen version in Cargo.lock
#   wasm-opt      binaryen's wasm-opt from npm into .tools/node (version from Trunk.toml)
#   wasm-split    wasm_split_cli (crate wasm_split_cli_support, version in lib.sh),
#                 which the release build's post_build hook runs
#   browser       Debian's chromium and chromium-driver
#   net-tools     Debian's real network tools the real-tool tests run
#   python        .tools/venv with tests/requirements.txt
#   e2e           npm ci in tests/e2e (Playwright, no browser download)
#   readers       wicked and NetworkManager (ifcfg-rh) built from the tarballs in
#                 ../shared/src (SIW_SHARED_SRC), cached per machine (SIW_CACHE),
#                 linked from .tools/readers; absent tarballs: a loud skip
#   ifupdown-ng   Debian's ifupdown-ng .deb (pinned sha256), apt-get download into the
#                 cache (SIW_CACHE), unpacked (never installed) into .tools/ifupdown-ng
#   booted        systemd-nspawn, mmdebstrap, an unpacked dhcpd and the Debian 12
#                 guest root file system tests/booted.rs boots, cached per machine
#                 (SIW_CACHE) by its package list, linked from .tools/booted
#   build         rust trunk wasm-bindgen wasm-opt wasm-split (what the builds need)
#   all           everything above
#   versions      print what is installed

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/readers.sh
. "$(dirname "${BASH_SOURCE[0]}")/readers.sh"
# shellcheck source=scripts/booted.sh
. "$(dirname "${BASH_SOURCE[0]}")/booted.sh"
# shellcheck source=scripts/ifupdown-ng.sh
. "$(dirname "${BASH_SOURCE[0]}")/ifupdown-ng.sh"

# fonts-noto-cjk: headless Chromium draws the Chinese page (and its screenshots)
# with Noto Sans CJK instead of empty boxes.
BROWSER_PKGS=(chromium chromium-driver fonts-noto-cjk)
NET_TOOL_PKGS=(shellcheck netplan.io ifupdown network-manager dnsmasq-base busybox
    isc-dhcp-client cloud-init yamllint python3-yaml dbus iproute2 brotli iputils-ping)

# ---------------------------------------------------------------- apt

APT_UPDATED=0

pkg_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

# as_root CMD...: run CMD as root (directly, or with sudo that needs no password).
as_root() {
    if is_root; then
        "$@"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo -n -E "$@"
    else
        die "need root to run: $* (run this script as root, or install it yourself)"
    fi
}

# apt_ensure PKG...: install the packages that are not installed (apt-get update once).
apt_ensure() {
    command -v dpkg-query >/dev/null || die "not a Debian system: install $* yourself"
    local missing=() p
    for p in "$@"; do
        pkg_installed "$p" || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    log "apt-get install ${missing[*]}"
    if [ "$APT_UPDATED" = 0 ]; then
        as_root apt-get -o DPkg::Lock::Timeout=900 update -q </dev/null
        APT_UPDATED=1
    fi
    # Waits for another apt (a second set-up part, unattended-upgrades) to finish.
    as_root apt-get -o DPkg::Lock::Timeout=900 install -y -q "${missing[@]}" </dev/null
}

# ---------------------------------------------------------------- parts

setup_rust() {
    command -v rustup >/dev/null || die "rustup not found: install it (https://rustup.rs), then rerun"
    setup_stable
    setup_nightly
}

# The release build's toolchain (lib.sh, release_build): NIGHTLY_CHANNEL
# with the std sources and the wasm32 target. The fuzzer uses it too.
setup_nightly() {
    local comps
    if ! rustup toolchain list 2>/dev/null | grep -q "^$NIGHTLY_CHANNEL-"; then
        log "rustup toolchain install $NIGHTLY_CHANNEL"
        rustup toolchain install "$NIGHTLY_CHANNEL" --profile minimal \
            --component rust-src --target "$WASM_TARGET"
        return 0
    fi
    comps=$(rustup component list --installed --toolchain "$NIGHTLY_CHANNEL")
    if ! grep -q "^rust-src" <<<"$comps"; then
        log "rustup component add rust-src --toolchain $NIGHTLY_CHANNEL"
        rustup component add rust-src --toolchain "$NIGHTLY_CHANNEL"
    fi
    if ! grep -q "^rust-std-$WASM_TARGET\$" <<<"$comps"; then
        log "rustup target add $WASM_TARGET --toolchain $NIGHTLY_CHANNEL"
        rustup target add "$WASM_TARGET" --toolchain "$NIGHTLY_CHANNEL"
    fi
}

setup_stable() {
    local installed
    installed=$(rustup toolchain list 2>/dev/null || true)
    if ! grep -q "^$RUST_CHANNEL-" <<<"$installed"; then
        log "rustup toolchain install $RUST_CHANNEL"
        rustup toolchain install "$RUST_CHANNEL" --profile minimal \
            --component rustfmt --component clippy --target "$WASM_TARGET"
        return 0
    fi
    local comps
    comps=$(rustup component list --installed --toolchain "$RUST_CHANNEL")
    for c in rustfmt clippy; do
        if ! grep -q "^$c" <<<"$comps"; then
            log "rustup component add $c"
            rustup component add "$c" --toolchain "$RUST_CHANNEL"
        fi
    done
    if ! grep -q "^rust-std-$WASM_TARGET\$" <<<"$comps"; then
        log "rustup target add $WASM_TARGET"
        rustup target add "$WASM_TARGET" --toolchain "$RUST_CHANNEL"
    fi
}

# tool_version CMD: the first line CMD --version prints, or nothing.
tool_version() { "$1" --version 2>/dev/null | head -n 1 || true; }

setup_trunk() {
    if [ "$(tool_version trunk)" = "trunk $TRUNK_VERSION" ]; then
        return 0
    fi
    log "cargo install trunk $TRUNK_VERSION (about 7-9 min the first time)"
    # No default features: this Trunk cannot download tools, which is what we want.
    run_in_root cargo install trunk --version "=$TRUNK_VERSION" --locked --no-default-features --force
}

setup_wasm_bindgen() {
    local pinned
    pinned=$(toml_value "$ROOT/Trunk.toml" wasm_bindgen)
    [ "$pinned" = "$WASM_BINDGEN_VERSION" ] ||
        die "Trunk.toml [tools] wasm_bindgen = \"$pinned\" but Cargo.lock has wasm-bindgen $WASM_BINDGEN_VERSION: make them equal"
    if [ "$(tool_version wasm-bindgen)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ] &&
        [ "$(tool_version wasm-bindgen-test-runner)" = "wasm-bindgen-test-runner $WASM_BINDGEN_VERSION" ]; then
        return 0
    fi
    log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 min the first time)"
    # Not --locked: its lock names a crate version the registry no longer serves.
    run_in_root cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
}

# The wasm splitter (issue 19): run by scripts/split-wasm.sh, Trunk's
# post_build hook in the release build. `cargo install --list` is the only
# place its version shows (the binary has no --version).
setup_wasm_split() {
    if cargo install --list 2>/dev/null | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
        return 0
    fi
    log "cargo install wasm_split_cli_support $WASM_SPLIT_VERSION (2-7 min the first time)"
    run_in_root cargo install wasm_split_cli_support --version "=$WASM_SPLIT_VERSION" --locked \
        --features build-binary --force
}

setup_node() {
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        apt_ensure nodejs npm
    fi
    local major
    major=$(node -p 'process.versions.node.split(".")[0]')
    [ "$major" -ge 18 ] || die "Node.js $(node --version) is too old: Playwright and binaryen need 18 or later"
}

# npm_ci_into DIR SRC: `npm ci` in DIR from SRC's package.json and lock, unless
# DIR already holds exactly that lock (a stamp remembers it).
npm_ci_into() {
    local dir=$1 src=$2 want stamp="$1/node_modules/.setup-stamp"
    want="$(cat "$src/package.json" "$src/package-lock.json" | sha256sum | cut -d' ' -f1) node-$(node --version)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    mkdir -p "$dir"
    if [ "$dir" != "$src" ]; then
        cp "$src/package.json" "$src/package-lock.json" "$dir/"
    fi
    log "npm ci in ${dir#"$ROOT"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error </dev/null)
    printf '%s\n' "$want" >"$stamp"
}

setup_wasm_opt() {
    setup_node
    local n=${WASM_OPT_VERSION#version_}
    grep -q "\"binaryen\": \"$n.0.0\"" "$ROOT/scripts/tools/package.json" ||
        die "Trunk.toml wants wasm-opt $WASM_OPT_VERSION but scripts/tools/package.json does not pin binaryen $n.0.0"
    npm_ci_into "$TOOLS/node" "$ROOT/scripts/tools"
    local path version
    path=$(command -v wasm-opt || true)
    version=$(tool_version wasm-opt)
    [ "$path" = "$TOOLS/node/node_modules/.bin/wasm-opt" ] ||
        die "wasm-opt on PATH is $path, not the one in .tools/node"
    case "$version" in
        *"$WASM_OPT_VERSION"*) ;;
        *) die "wasm-opt --version says '$version', Trunk.toml wants $WASM_OPT_VERSION" ;;
    esac
}

setup_browser() {
    apt_ensure "${BROWSER_PKGS[@]}"
}

setup_net_tools() {
    apt_ensure "${NET_TOOL_PKGS[@]}"
}

setup_python() {
    local req="$ROOT/tests/requirements.txt" venv="$TOOLS/venv" want stamp
    stamp="$venv/.setup-stamp"
    if ! command -v python3 >/dev/null; then
        apt_ensure python3
    fi
    want=$(sha256sum <"$req" | cut -d' ' -f1)
    if [ -x "$venv/bin/python3" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    if [ ! -x "$venv/bin/python3" ]; then
        log "python3 -m venv .tools/venv"
        local py
        py=$(command -v python3)
        if ! "$py" -m venv "$venv" 2>/dev/null; then
            rm -rf "$venv"
            apt_ensure python3-venv
            "$py" -m venv "$venv"
        fi
    fi
    log "pip install -r tests/requirements.txt"
    "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check -r "$req" </dev/null
    printf '%s\n' "$want" >"$stamp"
}

setup_e2e() {
    setup_node
    npm_ci_into "$ROOT/tests/e2e" "$ROOT/tests/e2e"
}

print_versions() {
    printf '%-26s %s\n' \
        "rustc ($RUST_CHANNEL)" "$(run_in_root rustc --version 2>/dev/null || echo missing)" \
        "rustc ($NIGHTLY_CHANNEL)" "$(rustup run "$NIGHTLY_CHANNEL" rustc --version 2>/dev/null || echo missing)" \
        "trunk (=$TRUNK_VERSION)" "$(tool_version trunk || true)" \
        "wasm-bindgen (=$WASM_BINDGEN_VERSION)" "$(tool_version wasm-bindgen || true)" \
        "wasm-opt ($WASM_OPT_VERSION)" "$(tool_version wasm-opt || true)" \
        "wasm_split_cli (=$WASM_SPLIT_VERSION)" "$(cargo install --list 2>/dev/null | grep '^wasm_split_cli_support ' || echo missing)" \
        "node" "$(tool_version node || true)" \
        "chromium" "$(tool_version chromium || true)" \
        "chromedriver" "$(tool_version chromedriver || true)" \
        "python3" "$(tool_version python3 || true)"
}

run_part() {
    case "$1" in
        rust) setup_rust ;;
        trunk) setup_trunk ;;
        wasm-bindgen) setup_wasm_bindgen ;;
        wasm-opt) setup_wasm_opt ;;
        wasm-split) setup_wasm_split ;;
        browser) setup_browser ;;
        net-tools) setup_net_tools ;;
        python) setup_python ;;
        e2e) setup_e2e ;;
        readers) setup_readers ;;
        ifupdown-ng) setup_ifupdown_ng ;;
        booted) setup_booted ;;
        build) for p in rust trunk wasm-bindgen wasm-opt wasm-split; do run_part "$p"; done ;;
        all) for p in build browser net-tools python e2e readers ifupdown-ng booted; do run_part "$p"; done ;;
        versions) print_versions ;;
        -h | --help | help) sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
        *) die "unknown part '$1' (try: scripts/setup.sh --help)" ;;
    esac
}

main() {
    [ $# -gt 0 ] || set -- all
    case "$1" in
        -h | --help | help | versions)
            run_part "$1"
            return 0
            ;;
    esac
    local start part
    start=$(now)
    for part in "$@"; do
        run_part "$part"
    done
    log "setup ($*) done in $(elapsed "$start") s"
}

# Run only when executed, so other scripts can source this file for its functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
