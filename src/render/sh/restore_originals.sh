b={{before}}
if [ -d "$b" ]; then
  (cd "$b" && find . -type f) | while read -r p; do
    f=${p#.}
    case $f in
      *.absent) rm -f "${f%.absent}" && echo "removed: ${f%.absent}" ;;
      *) cp -p "$b$f" "$f" && echo "put back: $f" ;;
    esac
  done
  mv "$b" "$b.restored-$(date +%Y%m%d-%H%M%S)"
else
  echo "nothing to put back: $b is missing (the Configure step's first block makes it)"
fi
