#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh all), then runs every test layer in
# order and stops at the first failure. Each step prints a header and its time.
#
#   scripts/test.sh            every step
#   scripts/test.sh STEP...    only these steps, in the order given (ids below)
#   scripts/test.sh --list     list the steps
#
# Environment: CI=true makes a step that cannot run (real-tool tests when not
# root) fail instead of skipping. E2E_PORT (default 8731) is the port the
# end-to-end tests serve dist/ on.

# shellcheck source=scripts/setup.sh
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

# Test files (tests/NAME.rs) that drive real network tools and namespaces:
# they need root and run in their own step, not among the native tests.
REAL_TOOL_TESTS=(real_tools namespaces hostile pwsh readers doctor udhcpc)
# Booted guests (systemd-nspawn): root too, in a step of their own after them.
BOOTED_TESTS=(booted)

# ---------------------------------------------------------------- steps

# The steps, in order: `add_step ID "title" FUNCTION`. A new layer is one line.
STEP_IDS=()
declare -A STEP_TITLE STEP_FN
add_step() {
    STEP_IDS+=("$1")
    STEP_TITLE[$1]=$2
    STEP_FN[$1]=$3
}

add_step fmt "cargo fmt --check" step_fmt
add_step shellcheck "shellcheck scripts/ and .ci/run" step_shellcheck
add_step clippy "cargo clippy (host) -D warnings" step_clippy_host
add_step clippy-wasm "cargo clippy (wasm32) -D warnings" step_clippy_wasm
add_step native "native tests: unit, doc, golden, property" step_native
add_step browser "browser component tests (wasm-bindgen-test, chromedriver)" step_browser
add_step real-tools "real-tool tests (root, network namespaces)" step_real_tools
add_step booted "booted guests: every Linux method applied, rebooted, renewed, redone, undone (root, systemd-nspawn)" step_booted
add_step fuzz "fuzzing: each cargo-fuzz target for a bounded time (nightly)" step_fuzz
add_step build "release build: trunk build --release --offline (pinned nightly, lib.sh)" step_build
add_step size "size budget: gzip and brotli of dist/ (scripts/size-report.sh)" step_size
add_step e2e "end-to-end tests (Playwright, Chromium, dist/ under a sub-path)" step_e2e

# A step that returns SKIP (and says why) counts as skipped, not passed.
SKIP=99

step_fmt() {
    local color=never
    if [ -t 1 ]; then color=auto; fi
    cargo fmt --all -- --check --color "$color"
    # The fuzz crate is a workspace of its own (fuzz/Cargo.toml), which
    # `cargo fmt --all` does not reach; rustfmt finds rustfmt.toml above it.
    rustfmt --edition 2021 --check --color "$color" fuzz/fuzz_targets/*.rs
}

step_shellcheck() { shellcheck -x scripts/*.sh .ci/run; }

step_clippy_host() { cargo clippy --locked --all-targets -- -D warnings; }

step_clippy_wasm() { cargo clippy --locked --all-targets --target "$WASM_TARGET" -- -D warnings; }

# test_names: the integration tests (tests/*.rs and tests/*/main.rs), by name.
test_names() {
    local f
    for f in "$ROOT"/tests/*.rs "$ROOT"/tests/*/main.rs; do
        [ -e "$f" ] || continue
        case "$f" in
            */main.rs) basename "$(dirname "$f")" ;;
            *) basename "$f" .rs ;;
        esac
    done
}

is_real_tool_test() {
    local t
    for t in "${REAL_TOOL_TESTS[@]}" "${BOOTED_TESTS[@]}"; do
        [ "$1" = "$t" ] && return 0
    done
    return 1
}

# wasm_test_names: the integration tests that run in the browser.
wasm_test_names() {
    local f
    for f in "$ROOT"/tests/*.rs; do
        [ -e "$f" ] || continue
        if grep -q 'wasm_bindgen_test' "$f"; then basename "$f" .rs; fi
    done
    return 0
}

step_native() {
    local args=(--lib --bins) t
    while read -r t; do
        if ! is_real_tool_test "$t"; then args+=(--test "$t"); fi
    done < <(test_names)
    cargo test --locked "${args[@]}"
    cargo test --locked --doc
}

step_browser() {
    local args=() t
    while read -r t; do
        args+=(--test "$t")
    done < <(wasm_test_names)
    if [ ${#args[@]} -eq 0 ]; then
        echo "no browser tests yet: no tests/*.rs uses wasm_bindgen_test"
        return $SKIP
    fi
    # .cargo/config.toml makes wasm-bindgen-test-runner the wasm32 runner; it
    # starts Debian's chromedriver, which starts Chromium as webdriver.json says.
    CHROMEDRIVER=/usr/bin/chromedriver \
        WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/webdriver.json" \
        WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}" \
        cargo test --locked --target "$WASM_TARGET" "${args[@]}"
}

step_real_tools() {
    local args=() t
    while read -r t; do
        if is_real_tool_test "$t" && ! is_booted_test "$t"; then args+=(--test "$t"); fi
    done < <(test_names)
    if [ ${#args[@]} -eq 0 ]; then
        echo "no real-tool tests yet (tests/${REAL_TOOL_TESTS[0]}.rs, ...)"
        return $SKIP
    fi
    if ! is_root; then
        if is_ci; then
            die "the real-tool tests need root (network namespaces) and CI must not skip them"
        fi
        warn "**************************************************************"
        warn "SKIPPED: the real-tool tests need root (network namespaces)."
        warn "Run as root to check the configs with the real tools:"
        warn "  sudo -E scripts/test.sh real-tools"
        warn "**************************************************************"
        return $SKIP
    fi
    SIW_REAL_TOOLS=1 cargo test --locked --no-fail-fast "${args[@]}"
}

is_booted_test() {
    local t
    for t in "${BOOTED_TESTS[@]}"; do
        [ "$1" = "$t" ] && return 0
    done
    return 1
}

# The booted guests (tests/booted.rs, README "Booted guests"); the guest's
# root file system comes from the set-up part `booted`. Prints each case's
# phases and the time per stack.
step_booted() {
    if ! is_root; then
        if is_ci; then
            die "the booted tests need root (systemd-nspawn, network namespaces) and CI must not skip them"
        fi
        warn "**************************************************************"
        warn "SKIPPED: the booted tests need root (systemd-nspawn)."
        warn "  sudo -E scripts/test.sh booted"
        warn "**************************************************************"
        return $SKIP
    fi
    SIW_REAL_TOOLS=1 cargo test --locked --test booted -- --nocapture
}

step_build() {
    release_build
    local wasm
    wasm=$(find "$ROOT/dist" -maxdepth 1 -name '*_bg.wasm' -print -quit)
    [ -n "$wasm" ] || die "trunk build left no .wasm in dist/"
    if grep -Eq '(href|src)="/' "$ROOT/dist/index.html"; then
        die "dist/index.html has an absolute asset URL: it would break under a sub-path"
    fi
    echo "dist/: $(basename "$wasm") $(wc -c <"$wasm") bytes ($(gzip -9c <"$wasm" | wc -c) gzipped)"
}

step_fuzz() {
    # Installs the nightly toolchain and cargo-fuzz when missing.
    "$ROOT/scripts/fuzz.sh" --install "${FUZZ_SECONDS:-15}"
}

step_size() {
    "$ROOT/scripts/size-report.sh" "$ROOT/dist"
}

step_e2e() {
    [ -f "$ROOT/dist/index.html" ] || die "no dist/index.html: run the build step first (scripts/test.sh build e2e)"
    (cd "$ROOT/tests/e2e" && WIZARD_DIST="$ROOT/dist" npx --no-install playwright test </dev/null)
}

# ---------------------------------------------------------------- runner

# The failures of a step, at the very end: what its tests panicked with
# (12 lines each, the backtrace left out, 30 in all), so that a log cut to
# its head and tail still shows which case failed and why. The whole log
# stays in $LOG_DIR.
failure_digest() {
    printf '\n%s==> what failed (from %s)%s\n' "$C_RED" "$1" "$C_OFF"
    awk '/panicked at/ { p = 1; n = 0 }
         p && /^stack backtrace:|^note: run with/ { p = 0 }
         p { print; n++; if (n >= 12) { print "  [...]"; p = 0 } }' "$1" | tail -n 30
}

# The cases a step passed only on their second run (SIW-FLAKE lines of
# the namespace harness), repeated after the step, each cut to 400 bytes.
flake_lines() {
    local n
    n=$(grep -c 'SIW-FLAKE' "$1" || true)
    [ "$n" -gt 0 ] || return 0
    printf '%s==> %s case(s) passed only on a second run:%s\n' "$C_YELLOW" "$n" "$C_OFF"
    grep 'SIW-FLAKE' "$1" | cut -c 1-400
}

run_steps() {
    local ids=("$@") total=$# i=0 id start rc passed=0 skipped=0 summary=()
    LOG_DIR="$ROOT/target/test-logs"
    mkdir -p "$LOG_DIR"
    for id in "${ids[@]}"; do
        [ -n "${STEP_FN[$id]:-}" ] || die "unknown step '$id' (try: scripts/test.sh --list)"
    done
    for id in "${ids[@]}"; do
        i=$((i + 1))
        printf '\n%s==> [%d/%d] %s%s\n' "$C_BOLD" "$i" "$total" "${STEP_TITLE[$id]}" "$C_OFF"
        start=$(now)
        # Not `fn || rc=$?`: bash ignores set -e inside a function called
        # from a condition, so a step's first failing command would not stop it.
        set +e
        (
            set -e
            cd "$ROOT"
            "${STEP_FN[$id]}"
        ) 2>&1 | tee "$LOG_DIR/$id.log"
        rc=${PIPESTATUS[0]}
        set -e
        local t
        t=$(elapsed "$start")
        if [ "$rc" -eq 0 ]; then
            passed=$((passed + 1))
            flake_lines "$LOG_DIR/$id.log"
            summary+=("$(printf '  ok       %7s s  %s' "$t" "$id")")
            printf '%s==> [%d/%d] %s: ok in %s s%s\n' "$C_BOLD" "$i" "$total" "$id" "$t" "$C_OFF"
        elif [ "$rc" -eq "$SKIP" ]; then
            skipped=$((skipped + 1))
            summary+=("$(printf '  SKIPPED  %7s s  %s' "$t" "$id")")
            printf '%s==> [%d/%d] %s: SKIPPED%s\n' "$C_YELLOW" "$i" "$total" "$id" "$C_OFF"
        else
            summary+=("$(printf '  FAILED   %7s s  %s' "$t" "$id")")
            printf '\n'; printf '%s\n' "${summary[@]}"
            printf '%s==> [%d/%d] %s FAILED (exit %d) after %s s%s\n' "$C_RED" "$i" "$total" "$id" "$rc" "$t" "$C_OFF"
            echo "steps: $passed passed, 1 failed, $skipped skipped"
            flake_lines "$LOG_DIR/$id.log"
            failure_digest "$LOG_DIR/$id.log"
            return 1
        fi
    done
    printf '\n'; printf '%s\n' "${summary[@]}"
    echo "steps: $passed passed, 0 failed, $skipped skipped"
}

test_main() {
    case "${1:-}" in
        --list)
            local id
            for id in "${STEP_IDS[@]}"; do printf '%-12s %s\n' "$id" "${STEP_TITLE[$id]}"; done
            return 0
            ;;
        -h | --help)
            sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            return 0
            ;;
    esac
    local start id
    for id in "$@"; do
        [ -n "${STEP_FN[$id]:-}" ] || die "unknown step '$id' (try: scripts/test.sh --list)"
    done
    start=$(now)
    printf '%s==> set-up%s\n' "$C_BOLD" "$C_OFF"
    main all
    if [ $# -eq 0 ]; then
        set -- "${STEP_IDS[@]}"
    fi
    run_steps "$@"
    log "all done in $(elapsed "$start") s"
}

test_main "$@"
