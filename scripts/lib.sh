# shellcheck shell=bash
# Shared by scripts/*.sh: the repo root, the pinned versions (each read from
# the one file that pins it), PATH, and small helpers. Source it; don't run it.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOOLS="$ROOT/.tools"
CARGO_BIN="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin"

# Project-local tools first: .tools/node (wasm-opt from npm's binaryen, never
# Debian's binaryen), .tools/venv (python3 with the test packages), then
# cargo's bin (trunk, wasm-bindgen, wasm-bindgen-test-runner).
export PATH="$TOOLS/node/node_modules/.bin:$TOOLS/venv/bin:$CARGO_BIN:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
# Never let an npm package download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DEBIAN_FRONTEND=noninteractive
# Work without stdin and without a terminal (CI).
export CARGO_TERM_PROGRESS_WHEN=never

if [ -t 2 ]; then
    C_BOLD=$'\033[1m' C_RED=$'\033[31m' C_YELLOW=$'\033[33m' C_OFF=$'\033[0m'
else
    C_BOLD='' C_RED='' C_YELLOW='' C_OFF=''
fi

log() { printf '%s==>%s %s\n' "$C_BOLD" "$C_OFF" "$*" >&2; }
warn() { printf '%swarning:%s %s\n' "$C_YELLOW" "$C_OFF" "$*" >&2; }
die() {
    printf '%serror:%s %s\n' "$C_RED" "$C_OFF" "$*" >&2
    exit 1
}

# is_ci: true when CI=true (or 1); CI must never skip a test layer.
is_ci() { case "${CI:-}" in true | TRUE | 1 | yes) return 0 ;; *) return 1 ;; esac; }

is_root() { [ "$(id -u)" = 0 ]; }

# now: seconds since the epoch with milliseconds.
now() { date +%s.%3N; }
# elapsed START: seconds since START, one decimal.
elapsed() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }

# toml_value FILE KEY: the first `KEY = "value"` in FILE (flat, quoted values).
toml_value() {
    sed -n -E "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*\"([^\"]*)\".*/\\1/p" "$1" | head -n 1
}

# lock_version CRATE: the version of CRATE in Cargo.lock.
lock_version() {
    awk -v name="$1" '
        $0 == "name = \"" name "\"" { found = 1; next }
        found && /^version = / { gsub(/"/, "", $3); print $3; exit }
        /^\[\[package\]\]/ { found = 0 }
    ' "$ROOT/Cargo.lock"
}

# The pinned versions. Each is written in exactly one place:
#   Rust            rust-toolchain.toml  channel
#   Rust nightly    scripts/lib.sh       NIGHTLY_CHANNEL (release build, fuzzing)
#   Trunk           Trunk.toml           trunk-version = "=X"
#   wasm-bindgen    Cargo.lock           (Cargo.toml pins "=X"; Trunk.toml must agree)
#   wasm-opt        Trunk.toml           [tools] wasm_opt = "version_N" (scripts/tools/package.json: binaryen N.0.0)
#   Playwright      tests/e2e/package.json and its lock
#   Python packages tests/requirements.txt
RUST_CHANNEL=$(toml_value "$ROOT/rust-toolchain.toml" channel)
# The release build (release_build below) and the fuzzer need nightly; a
# dated one, so every machine builds the same bytes.
NIGHTLY_CHANNEL=nightly-2026-10-30
# The wasm splitter (issue 19): crate wasm_split_cli_support, binary
# wasm_split_cli, run by scripts/split-wasm.sh. The version cargo-leptos
# 0.3.6 builds against; it must read what Cargo.lock's wasm_split_helpers
# (through leptos's #[lazy]) writes.
# shellcheck disable=SC2034 # used by scripts/setup.sh
WASM_SPLIT_VERSION=0.2.2
TRUNK_VERSION=$(toml_value "$ROOT/Trunk.toml" trunk-version)
TRUNK_VERSION=${TRUNK_VERSION#=}
WASM_BINDGEN_VERSION=$(lock_version wasm-bindgen)
WASM_OPT_VERSION=$(toml_value "$ROOT/Trunk.toml" wasm_opt)
# shellcheck disable=SC2034 # used by the scripts that source this file
WASM_TARGET=wasm32-unknown-unknown

[ -n "$RUST_CHANNEL" ] || die "no channel in rust-toolchain.toml"
[ -n "$TRUNK_VERSION" ] || die "no trunk-version = \"=X.Y.Z\" in Trunk.toml"
[ -n "$WASM_BINDGEN_VERSION" ] || die "no wasm-bindgen package in Cargo.lock (run cargo generate-lockfile)"
[ -n "$WASM_OPT_VERSION" ] || die "no [tools] wasm_opt = \"version_N\" in Trunk.toml"

# run_in_root CMD...: run CMD from the repo root, whatever the caller's cwd.
run_in_root() { (cd "$ROOT" && "$@"); }

# release_build: `trunk build --release` into dist/, offline. The shipped
# bundle is built with NIGHTLY_CHANNEL and std rebuilt from source with
# panic=immediate-abort: a panic traps at once, so no panic message, file
# location or the formatting code behind them is in the .wasm (about 22 KB
# of its gzip size; README, "Size"). Everything else (tests, clippy, the
# `trunk serve` dev build) uses the stable toolchain of rust-toolchain.toml.
# `--cfg erase_components` (a Leptos 0.8 switch) makes every component
# return a type-erased AnyView: 9 KB more raw wasm but 5.8 KB less gzip,
# since far fewer nested view types are monomorphized. RUSTFLAGS for the
# wasm32 target only: build scripts and proc macros are host code and keep
# unwinding.
release_build() {
    (
        cd "$ROOT"
        export RUSTUP_TOOLCHAIN=$NIGHTLY_CHANNEL
        export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
        # --cfg siw_split turns on the UI's split points, -Clink-args=
        # --emit-relocs keeps the relocations scripts/split-wasm.sh (Trunk's
        # post_build hook, run when SIW_SPLIT=1) splits the wasm by.
        # SIW_NO_SPLIT=1 (the benchmark's minimal app, which has no split
        # point and no hook): without them, or wasm-opt refuses the
        # relocations and the wasm ships unoptimized (741 KB measured).
        local flags="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none --cfg erase_components"
        if [ -z "${SIW_NO_SPLIT:-}" ]; then
            flags="$flags --cfg siw_split -Clink-args=--emit-relocs"
            export SIW_SPLIT=1
        fi
        export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags"
        # The crates std is built from, too, before the offline build.
        cargo fetch --locked --target "$WASM_TARGET"
        trunk build --offline --locked --release
    )
}
