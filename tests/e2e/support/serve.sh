#!/usr/bin/env bash
# Playwright's webServer: serves a copy of dist/ under a sub-path, the way a
# static host would, to prove the build uses relative asset URLs.
#
#   support/serve.sh PORT [SUB_PATH]
#
# The copy lives in target/e2e-www/SUB_PATH (default `wizard`), and
# python3 -m http.server serves target/e2e-www on 127.0.0.1:PORT.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
port=${1:?usage: serve.sh PORT [SUB_PATH]}
sub=${2:-wizard}
dist=${WIZARD_DIST:-$root/dist}
www=$root/target/e2e-www

[ -f "$dist/index.html" ] || {
    echo "error: no $dist/index.html: build first (trunk build --offline --release)" >&2
    exit 1
}
rm -rf "$www"
mkdir -p "$www/$sub"
cp -R "$dist/." "$www/$sub/"
# http.server logs every request on stderr: keep only what is not a success.
exec python3 -m http.server --bind 127.0.0.1 --directory "$www" "$port" \
    2> >(grep --line-buffered -v '" [23][0-9][0-9] -$' >&2)
