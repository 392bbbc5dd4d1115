f={{path_q}}
if [ -e "$f" ]; then
  bak="{{backups}}/$stamp$f"
  mkdir -p "$(dirname "$bak")"
  cp -p "$f" "$bak"
  echo "backed up: $bak"
  remember "  cp -p $(q "$bak") $(q "$f")
"
else
  remember "  rm -f $(q "$f")
"
fi
