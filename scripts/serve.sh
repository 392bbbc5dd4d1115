#!/usr/bin/env bash
# Sets up what building needs (scripts/setup.sh build), builds the release
# app into dist/ offline, and serves it on http://127.0.0.1:PORT/ until Ctrl-C.
#
#   scripts/serve.sh           release build, served by python3 -m http.server
#   scripts/serve.sh --dev     trunk serve: debug build, rebuilds on change
#
# Environment: PORT (default 8080), BIND (default 127.0.0.1).

# shellcheck source=scripts/setup.sh
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

PORT=${PORT:-8080}
BIND=${BIND:-127.0.0.1}

serve_main() {
    local mode=release
    case "${1:-}" in
        "") ;;
        --dev) mode=dev ;;
        -h | --help)
            sed -n '2,/^$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            return 0
            ;;
        *) die "unknown option '$1' (try: scripts/serve.sh --help)" ;;
    esac
    main build
    cd "$ROOT"
    log "cargo fetch"
    cargo fetch --locked
    if [ "$mode" = dev ]; then
        log "trunk serve on http://$BIND:$PORT/"
        exec trunk serve --offline --address "$BIND" --port "$PORT"
    fi
    log "trunk build --release --offline ($NIGHTLY_CHANNEL)"
    release_build
    log "serving dist/ on http://$BIND:$PORT/ (Ctrl-C stops)"
    exec python3 -m http.server --bind "$BIND" --directory "$ROOT/dist" "$PORT"
}

serve_main "$@"
