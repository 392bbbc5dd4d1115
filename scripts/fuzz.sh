#!/usr/bin/env bash
# Fuzzing (issue 8, item 5): runs each cargo-fuzz target in fuzz/ for a
# bounded time and fails on any crash, panic, timeout or leak.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   default: 20 s for each target
#   scripts/fuzz.sh --install [SECONDS] [TARGET...]   installs the nightly
#       toolchain (minimal profile) and cargo-fuzz first, when missing
#
# New inputs found during a run go to a scratch directory: the committed
# seed corpus fuzz/corpus/<target>/ is only read. A crashing input is saved
# under fuzz/artifacts/<target>/ and printed; reproduce it with
#   cargo +NIGHTLY_CHANNEL fuzz run <target> fuzz/artifacts/<target>/<file>   (scripts/lib.sh)
set -euo pipefail

# The pinned nightly of scripts/lib.sh (the release build's, too).
TOOLCHAIN=${FUZZ_TOOLCHAIN:-$(sed -n 's/^NIGHTLY_CHANNEL=//p' "$(dirname "${BASH_SOURCE[0]}")/lib.sh")}
CARGO_FUZZ_VERSION=0.13.1
TARGETS=(form query render paste)

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

install=0
if [ "${1:-}" = --install ]; then
    install=1
    shift
fi
seconds=${1:-20}
case $seconds in '' | *[!0-9]*) echo "error: SECONDS must be a number, not '$seconds'" >&2; exit 2 ;; esac
[ $# -gt 0 ] && shift
if [ $# -gt 0 ]; then TARGETS=("$@"); fi

have_nightly() { rustup run "$TOOLCHAIN" rustc --version > /dev/null 2>&1; }
have_fuzz() { cargo fuzz --version 2> /dev/null | grep -qF "$CARGO_FUZZ_VERSION"; }

if [ "$install" = 1 ]; then
    have_nightly || rustup toolchain install "$TOOLCHAIN" --profile minimal
    have_fuzz || cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi
have_nightly || { echo "error: no $TOOLCHAIN toolchain: run scripts/fuzz.sh --install" >&2; exit 2; }
have_fuzz || { echo "error: cargo-fuzz $CARGO_FUZZ_VERSION is not installed: run scripts/fuzz.sh --install" >&2; exit 2; }

cd "$root"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

for t in "${TARGETS[@]}"; do
    [ -d "fuzz/corpus/$t" ] || { echo "error: no seed corpus fuzz/corpus/$t" >&2; exit 2; }
    mkdir -p "$scratch/$t"
    echo "==> building fuzz target $t ($TOOLCHAIN)"
    cargo "+$TOOLCHAIN" fuzz build --fuzz-dir fuzz "$t"
    echo "==> fuzzing $t for ${seconds}s"
    if ! cargo "+$TOOLCHAIN" fuzz run --fuzz-dir fuzz "$t" "$scratch/$t" "fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -print_final_stats=1 > "$scratch/$t.log" 2>&1; then
        tail -n 40 "$scratch/$t.log" >&2
        echo "error: fuzz target $t crashed: the input is under fuzz/artifacts/$t/" >&2
        exit 1
    fi
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|^Done' "$scratch/$t.log" || true
done
echo "fuzz: ${#TARGETS[@]} targets, ${seconds}s each, no crash"
