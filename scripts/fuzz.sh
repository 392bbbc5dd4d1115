#!/usr/bin/env bash
# Fuzzing (issue 8, item 5; issue 19, item 3): the cargo-fuzz targets in
# fuzz/, either for a bounded time each (the test step) or as a campaign of
# a number of executions each whose new inputs are merged into the corpus.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   default: 20 s for each target;
#       fails on any crash, panic, timeout or leak
#   scripts/fuzz.sh campaign [EXECS] [TARGET...]   default: 10,000,000
#       executions of each target (libFuzzer -runs=EXECS); then merges the
#       inputs that add coverage into fuzz/corpus/<target>/ (-merge=1, so
#       only those) and prints one table: executions, exec/s, coverage,
#       corpus size before and after, crashes. Fails if any target crashed.
#   --install before either installs the nightly toolchain (minimal
#       profile) and cargo-fuzz first, when missing
#
# Environment:
#   FUZZ_SANITIZER   none (default) or address: the build's sanitizer. The
#       code (src/) has no `unsafe`, so AddressSanitizer has nothing of its
#       own to watch and costs 5-6x the executions (README, Fuzzing)
#   FUZZ_CAMPAIGN_SECONDS   a campaign's time cap per target (0, default:
#       none); the table says how many executions each target ran
#   FUZZ_FORK   a campaign's worker processes per target (1, default: the
#       target runs in this process); N > 1 runs libFuzzer's -fork=N, whose
#       workers share one corpus and whose executions count together toward
#       EXECS
#   FUZZ_TARGET_DIR  where the fuzz builds go (default: $CARGO_TARGET_DIR/fuzz
#       when CARGO_TARGET_DIR is set, otherwise fuzz/target)
#
# The builds keep debug assertions and overflow checks (cargo-fuzz -a): an
# address computed with an overflow panics instead of wrapping silently.
#
# In the time mode new inputs go to a scratch directory: the committed seed
# corpus fuzz/corpus/<target>/ is only read. A crashing input is saved under
# fuzz/artifacts/<target>/ and printed; reproduce it with
#   cargo +NIGHTLY_CHANNEL fuzz run -a -s none <target> fuzz/artifacts/<target>/<file>
# (NIGHTLY_CHANNEL: scripts/lib.sh).
set -euo pipefail

# The pinned nightly of scripts/lib.sh (the release build's, too).
TOOLCHAIN=${FUZZ_TOOLCHAIN:-$(sed -n 's/^NIGHTLY_CHANNEL=//p' "$(dirname "${BASH_SOURCE[0]}")/lib.sh")}
CARGO_FUZZ_VERSION=0.13.1
TARGETS=(form query render paste)
# libFuzzer options of both modes.
OPTS=(-timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1)

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

install=0
if [ "${1:-}" = --install ]; then
    install=1
    shift
fi
mode=timed
if [ "${1:-}" = campaign ]; then
    mode=campaign
    shift
fi
if [ "$mode" = campaign ]; then count=${1:-10000000}; else count=${1:-20}; fi
case $count in '' | *[!0-9]*) echo "error: SECONDS / EXECS must be a number, not '$count'" >&2; exit 2 ;; esac
[ $# -gt 0 ] && shift
if [ $# -gt 0 ]; then TARGETS=("$@"); fi
sanitizer=${FUZZ_SANITIZER:-none}
cap=${FUZZ_CAMPAIGN_SECONDS:-0}
fork=${FUZZ_FORK:-1}
case $fork in '' | *[!0-9]* | 0) echo "error: FUZZ_FORK must be a number of processes, not '$fork'" >&2; exit 2 ;; esac
target_dir=${FUZZ_TARGET_DIR:-${CARGO_TARGET_DIR:+$CARGO_TARGET_DIR/fuzz}}
target_dir=${target_dir:-$root/fuzz/target}
FLAGS=(--fuzz-dir fuzz --target-dir "$target_dir" -a -s "$sanitizer")

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

# stat NAME LOG: a libFuzzer final statistic (-print_final_stats).
stat() { sed -n "s/^stat::$1: *//p" "$2" | tail -n 1; }
# last_status LOG: libFuzzer's last status line ("#N: cov: ... ft: ...").
last_status() { grep -E '^#[0-9]+' "$1" | tail -n 1; }
# coverage LOG: "cov ft" of that line.
coverage() { last_status "$1" | sed -nE 's/.* cov: ([0-9]+) ft: ([0-9]+).*/\1 \2/p'; }
# files DIR: how many files DIR holds (0 when it is missing).
files() { if [ -d "$1" ]; then find "$1" -type f | wc -l; else echo 0; fi; }

for t in "${TARGETS[@]}"; do
    [ -d "fuzz/corpus/$t" ] || { echo "error: no seed corpus fuzz/corpus/$t" >&2; exit 2; }
done
echo "==> building fuzz targets ${TARGETS[*]} ($TOOLCHAIN, sanitizer $sanitizer, debug assertions)"
for t in "${TARGETS[@]}"; do cargo "+$TOOLCHAIN" fuzz build "${FLAGS[@]}" "$t"; done

if [ "$mode" = timed ]; then
    for t in "${TARGETS[@]}"; do
        mkdir -p "$scratch/$t"
        echo "==> fuzzing $t for ${count}s"
        if ! cargo "+$TOOLCHAIN" fuzz run "${FLAGS[@]}" "$t" "$scratch/$t" "fuzz/corpus/$t" -- \
            -max_total_time="$count" "${OPTS[@]}" > "$scratch/$t.log" 2>&1; then
            tail -n 40 "$scratch/$t.log" >&2
            echo "error: fuzz target $t crashed: the input is under fuzz/artifacts/$t/" >&2
            exit 1
        fi
        runs=$(stat number_of_executed_units "$scratch/$t.log")
        echo "$t: $runs executions in ${count}s ($((${runs:-0} / (count > 0 ? count : 1)))/s), cov ft: $(coverage "$scratch/$t.log"), peak RSS $(stat peak_rss_mb "$scratch/$t.log") MB"
    done
    echo "fuzz: ${#TARGETS[@]} targets, ${count}s each, no crash"
    exit 0
fi

# The campaign.
limit=()
capnote=
if [ "$cap" -gt 0 ]; then
    limit=(-max_total_time="$cap")
    capnote=" (at most ${cap}s each)"
fi
if [ "$fork" -gt 1 ]; then
    limit+=(-fork="$fork")
    capnote+=", $fork processes each (-fork=$fork)"
fi
rows=()
crashed=0
for t in "${TARGETS[@]}"; do
    mkdir -p "$scratch/$t" "fuzz/artifacts/$t"
    before=$(files "fuzz/corpus/$t")
    touch "$scratch/$t.start"
    echo "==> $t: $count executions$capnote"
    start=$(date +%s)
    status=0
    cargo "+$TOOLCHAIN" fuzz run "${FLAGS[@]}" "$t" "$scratch/$t" "fuzz/corpus/$t" -- \
        -runs="$count" "${limit[@]}" "${OPTS[@]}" > "$scratch/$t.log" 2>&1 || status=$?
    seconds=$(($(date +%s) - start))
    # The inputs libFuzzer saved during this run (crash-, leak-, timeout-...).
    crashes=$(find "fuzz/artifacts/$t" -type f -newer "$scratch/$t.start" 2> /dev/null | wc -l)
    if [ "$status" != 0 ]; then
        tail -n 40 "$scratch/$t.log" >&2
        echo "error: fuzz target $t failed (exit $status): the input is under fuzz/artifacts/$t/" >&2
        crashed=1
        [ "$crashes" -gt 0 ] || crashes="exit $status"
    fi
    runs=$(stat number_of_executed_units "$scratch/$t.log")
    rate=$(stat average_exec_per_sec "$scratch/$t.log")
    if [ "$fork" -gt 1 ]; then
        # The -fork parent runs no input itself, so it prints no final
        # statistics: its last status line counts its workers' executions.
        runs=$(last_status "$scratch/$t.log" | sed -nE 's/^#([0-9]+):.*/\1/p')
        [ -n "$runs" ] && rate=$((runs / (seconds > 0 ? seconds : 1)))
    fi
    read -r cov ft <<< "$(coverage "$scratch/$t.log")"
    echo "==> $t: merging $(files "$scratch/$t") new inputs into fuzz/corpus/$t"
    cargo "+$TOOLCHAIN" fuzz run "${FLAGS[@]}" "$t" "fuzz/corpus/$t" "$scratch/$t" -- \
        -merge=1 "${OPTS[@]}" > "$scratch/$t.merge.log" 2>&1 || {
        tail -n 20 "$scratch/$t.merge.log" >&2
        echo "error: merging the corpus of $t failed" >&2
        crashed=1
    }
    rows+=("$t|${runs:-?}|${seconds}|${rate:-?}|${cov:-?}|${ft:-?}|$before|$(files "fuzz/corpus/$t")|$crashes")
done

echo
echo "campaign: $count executions per target$capnote, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), sanitizer $sanitizer"
echo "| target | executions | seconds | exec/s | cov | ft | corpus before | corpus after | crashes |"
echo "|---|---|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
exit "$crashed"
