f={{path_q}}
bak="{{backups}}/$stamp$f"
mkdir -p "$(dirname "$bak")"
cp -p "$f" "$bak"
echo "backed up: $bak"
remember "  cp -p $(q "$bak") $(q "$f")
"
