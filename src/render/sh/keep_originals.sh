b={{before}}
siw_keep() {
  for f in "$@"; do
    case $f in ''|*'*'*) continue ;; esac
    [ -e "$b$f" ] || [ -e "$b$f.absent" ] || {
      mkdir -p "$b$(dirname "$f")"
      if [ -e "$f" ]; then cp -p "$f" "$b$f"; else : > "$b$f.absent"; fi
    }
  done
}
siw_keep {{paths}}
