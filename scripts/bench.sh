#!/usr/bin/env bash
# The figures users feel, in one run, side by side (issue 19, item 2):
# benchmarks that print figures, never timed assertions.
#
#   scripts/bench.sh            every part, then one table
#   scripts/bench.sh PART...    only these parts (browser, native), then the table
#
# browser  builds the app (release, as the test step `build`) and a minimal
#          Leptos 0.8 CSR app (benches/minimal-leptos) with the same
#          toolchain, Trunk.toml and flags, then runs
#          tests/e2e/bench/figures.mjs: first-load bytes and navigation →
#          first field usable (unthrottled and as a slow phone) for the app,
#          the minimal app and a static page of the app's visible content;
#          Event Timing input latency with 1, 10 and 49 secondaries;
#          Lighthouse's mobile scores.
# native   benches/versus.rs (parse + validate + render, this crate) and
#          tests/tools/cloudinit_bench.py (cloud-init 22.4's own renderers,
#          in process, on the same network config).
#
# Writes target/bench/{browser,native,cloud-init}.json and prints the table
# (tests/tools/bench_table.py), also saved as target/bench/figures.md.
# Environment: LOADS, INTERACTIONS (figures.mjs), as there.

# shellcheck source=scripts/setup.sh
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

OUT="$ROOT/target/bench"
MINIMAL_STAGE="$TOOLS/bench/minimal"

# Lighthouse, pinned in tests/e2e/bench/package.json and its lock.
setup_bench() {
    run_part build
    run_part browser
    run_part e2e
    npm_ci_into "$ROOT/tests/e2e/bench" "$ROOT/tests/e2e/bench"
    if ! /usr/bin/python3 -c 'import cloudinit' 2>/dev/null; then
        apt_ensure cloud-init
    fi
}

# The minimal app, staged with the app's Trunk.toml and loader (boot.js),
# built by lib.sh's release_build (the same nightly, build-std and flags).
build_minimal() {
    mkdir -p "$MINIMAL_STAGE"
    cp -r "$ROOT/benches/minimal-leptos/." "$MINIMAL_STAGE/"
    # The app's Trunk.toml without its hooks (the wasm split: the minimal
    # app has no split point, and no scripts/ to run).
    awk '/^\[\[hooks\]\]/ { skip = 1; next } /^\[/ { skip = 0 } !skip' \
        "$ROOT/Trunk.toml" >"$MINIMAL_STAGE/Trunk.toml"
    cp "$ROOT/src/ui/boot.js" "$MINIMAL_STAGE/boot.js"
    (ROOT=$MINIMAL_STAGE SIW_NO_SPLIT=1 release_build)
}

part_browser() {
    local start
    start=$(now)
    log "release build of the app (dist/)"
    release_build
    log "release build of the minimal Leptos app ($MINIMAL_STAGE/dist)"
    build_minimal
    log "browser figures (tests/e2e/bench/figures.mjs)"
    node "$ROOT/tests/e2e/bench/figures.mjs" "$ROOT/dist" "$MINIMAL_STAGE/dist" "$OUT/browser.json"
    log "browser part done in $(elapsed "$start") s"
}

part_native() {
    local start
    start=$(now)
    log "native: cargo bench --bench versus"
    run_in_root cargo bench --locked --bench versus -- --bench >"$OUT/native.json"
    log "native: cloud-init 22.4's renderers (tests/tools/cloudinit_bench.py)"
    /usr/bin/python3 "$ROOT/tests/tools/cloudinit_bench.py" 1 10 49 >"$OUT/cloud-init.json"
    log "native part done in $(elapsed "$start") s"
}

main() {
    local parts=("$@") p
    [ ${#parts[@]} -gt 0 ] || parts=(browser native)
    for p in "${parts[@]}"; do
        case "$p" in
            browser | native) ;;
            *) die "unknown part '$p' (browser, native)" ;;
        esac
    done
    setup_bench
    mkdir -p "$OUT"
    for p in "${parts[@]}"; do
        "part_$p"
    done
    python3 "$ROOT/tests/tools/bench_table.py" "$OUT" | tee "$OUT/figures.md"
}

main "$@"
