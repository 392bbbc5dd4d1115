#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml): splits the release wasm at its
# split points (issue 19: `wasm_split_helpers`, the crate under Leptos's
# `#[lazy]`) so that the first load leaves them out.
#
# Trunk 0.21 has no split step of its own, and its wasm-bindgen call cannot
# be given `--keep-lld-exports`, which the split chunks need (they import the
# main module's memory, table, stack pointer and functions). So this hook
# redoes the last steps the way cargo-leptos does with `--split`
# (src/compile/front.rs and src/wasm_split_tools/mod.rs of cargo-leptos 0.3):
#
#   1. wasm_split_cli (crate wasm_split_cli_support, pinned in scripts/lib.sh)
#      splits the linker's own output, linked with --emit-relocs
#      (release_build in scripts/lib.sh), into main.wasm, one .wasm per
#      split point (and shared chunks) and __wasm_split.js, the loader
#      the main module imports its chunk loaders from;
#   2. wasm-bindgen --keep-lld-exports on main.wasm;
#   3. wasm-opt -Oz on the main module and on every chunk (as Trunk does);
#   4. the results replace Trunk's .js and _bg.wasm in the staging dir, all
#      named NAME-HASH with the hash of what this hook wrote (below: why not
#      Trunk's), and index.html's links and integrity hashes are redone.
#
# Runs only when release_build sets SIW_SPLIT=1; any other Trunk build
# (trunk serve) is not split and has no split point (cfg siw_split).
set -euo pipefail

[ "${SIW_SPLIT:-}" = 1 ] || exit 0

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stage=${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}
name=secondary-ip-wizard
target_dir=${CARGO_TARGET_DIR:-$ROOT/target}
raw=$target_dir/$WASM_TARGET/release/$name.wasm
work=$target_dir/wasm-split
[ -f "$raw" ] || die "split: no $raw"

# The same pinned tools Trunk runs (scripts/lib.sh, Trunk.toml).
command -v wasm_split_cli > /dev/null || die "split: no wasm_split_cli (scripts/setup.sh wasm-split)"
[ "$(wasm-bindgen --version 2> /dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ] ||
    die "split: wasm-bindgen is not $WASM_BINDGEN_VERSION (scripts/setup.sh wasm-bindgen)"
case $(wasm-opt --version 2> /dev/null) in
"wasm-opt version ${WASM_OPT_VERSION#version_} "*) ;;
*) die "split: wasm-opt is not $WASM_OPT_VERSION (scripts/setup.sh wasm-opt)" ;;
esac

shopt -s nullglob
js_files=()
for f in "$stage/$name"-*.js; do
    [[ $(basename "$f") =~ ^$name-[0-9a-f]+\.js$ ]] && js_files+=("$f")
done
[ "${#js_files[@]}" = 1 ] || die "split: expected one $name-HASH.js in $stage, found ${#js_files[@]}"
js=${js_files[0]}
base=$(basename "${js%.js}")
wasm=$stage/${base}_bg.wasm
[ -f "$wasm" ] || die "split: no $wasm"

rm -rf "$work"
mkdir -p "$work/split" "$work/bindgen"
wasm_split_cli "$raw" "$work/split"
chunks=("$work"/split/split_*.wasm "$work"/split/chunk_*.wasm)
[ "${#chunks[@]}" -gt 0 ] || die "split: wasm_split_cli found no split point in $raw"

wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript \
    --out-dir "$work/bindgen" --out-name main "$work/split/main.wasm"

mkdir -p "$work/opt"
wasm-opt -Oz "$work/bindgen/main_bg.wasm" -o "$work/opt/main_bg.wasm"
for c in "${chunks[@]}"; do
    wasm-opt -Oz "$c" -o "$work/opt/$(basename "$c")"
done

# The splitter does not write the same bytes twice from the same input
# (the order of its shared exports varies), so Trunk's hash, that of the
# linker's output, cannot name these files: a cached loader from one build
# does not fit the main module of another. Every name gets the hash of
# what this hook wrote instead (the names are substituted into it below).
hash=$(cat "$work/bindgen/main.js" "$work/split/__wasm_split.js" "$work/opt"/*.wasm | sha256sum | cut -c1-16)
new=$name-$hash
rm -f "$js" "$wasm"
js=$stage/$new.js
wasm=$stage/${new}_bg.wasm
cp "$work/opt/main_bg.wasm" "$wasm"
for c in "${chunks[@]}"; do
    cp "$work/opt/$(basename "$c")" "$stage/$new-$(basename "$c")"
done

# The loader: imports initSync from the main module; fetches the chunks
# relative to itself (new URL("./split_x.wasm", import.meta.url)).
link=$new-split.js
sed -e "s|\"\\./main\\.js\"|\"./$new.js\"|" \
    -e "s|\"\\./\\(split_[A-Za-z0-9_]*\\.wasm\\)\"|\"./$new-\\1\"|g" \
    -e "s|\"\\./\\(chunk_[0-9]*\\.wasm\\)\"|\"./$new-\\1\"|g" \
    "$work/split/__wasm_split.js" > "$stage/$link"
grep -q "\"./$new.js\"" "$stage/$link" || die "split: the loader does not import ./main.js"
# The main module imports its loaders from ./__wasm_split.js: the ES import
# names the file, the key of the wasm's imports object stays.
grep -q "^import \\* as [a-z0-9_]* from ['\"]\\./__wasm_split\\.js['\"]" "$work/bindgen/main.js" ||
    die "split: main.js does not import ./__wasm_split.js"
sed -e "/^import /s|\\(['\"]\\)\\./__wasm_split\\.js\\1|\\1./$link\\1|" "$work/bindgen/main.js" > "$js"

# index.html: Trunk's names become these, and the integrity hashes (Trunk's
# SRI) are redone.
sed -i -e "s|\"\\./$base\\.js\"|\"./$new.js\"|" -e "s|\"\\./${base}_bg\\.wasm\"|\"./${new}_bg.wasm\"|" "$stage/index.html"
# The Chinese wording's chunk, named for src/ui/boot.js, which asks for it
# beside the main module when the page will be in Chinese.
[ -f "$work/split/split_chinese.wasm" ] || die "split: no split_chinese.wasm (src/ui/text.rs)"
grep -q '</head>' "$stage/index.html" || die "split: no </head> in $stage/index.html"
sed -i -e "s|</head>|  <meta name=\"siw-chinese\" content=\"$new-split_chinese.wasm\" />\n  </head>|" "$stage/index.html"
python3 - "$stage/index.html" "$stage" "$(basename "$js")" "$(basename "$wasm")" << 'EOF'
import base64, hashlib, pathlib, re, sys
html, stage, *files = sys.argv[1:]
page = pathlib.Path(html).read_text()
for f in files:
    digest = base64.b64encode(hashlib.sha384((pathlib.Path(stage) / f).read_bytes()).digest()).decode()
    pattern = re.compile(r'(<link[^>]*href="[^"]*' + re.escape(f) + r'"[^>]*integrity=")sha384-[^"]*(")')
    page, n = pattern.subn(lambda m: m.group(1) + "sha384-" + digest + m.group(2), page)
    if n != 1:
        sys.exit(f"split: {n} links with an integrity for {f} in {html}")
pathlib.Path(html).write_text(page)
EOF
log "split: $(basename "$wasm") + ${#chunks[@]} lazy chunk(s), loader $link"
