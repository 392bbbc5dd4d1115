
# Check that every planned address is present.
# (An IPv6 one past duplicate address detection: one still tentative, as
# after a stack re-adds it, gets up to 10 s more, one gone for an instant
# 1 s; dadfailed never passes. Each is judged on one look.)
missing=0
{{one}}for a in{{addrs}}; do
  t=0
  while :; do
    s=$(ip -o addr show dev {{dev}} | grep -e " inet $a " -e " inet6 $a " || true)
    case $s in
      *dadfailed*) break ;;
      *tentative*) [ "$t" -lt 10 ] || break ;;
      "") case $a in *:*) [ "$t" -lt 1 ] || break ;; *) break ;; esac ;;
      *) break ;;
    esac
    sleep 1
    t=$((t + 1))
  done
  case $s in
    "" | *tentative* | *dadfailed*)
      echo "missing: $a on "{{dev}} >&2
      missing=1
      ;;
  esac
done
if [ "$missing" -ne 0 ]; then
  echo "some addresses are missing: see above" >&2
  exit 1
fi
