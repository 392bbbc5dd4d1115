# back_up FILE: before FILE's first change in this run, a copy under the
# backups folder and how to put it back; for a FILE that is not there yet,
# that the rollback removes it.
back_up() {
  if [ -e "$1" ]; then
    bak="{{backups}}/$stamp$1"
    mkdir -p "$(dirname "$bak")"
    cp -p "$1" "$bak"
    echo "backed up: $bak"
    remember "  cp -p $(q "$bak") $(q "$1")
"
  else
    remember "  rm -f $(q "$1")
"
  fi
}
