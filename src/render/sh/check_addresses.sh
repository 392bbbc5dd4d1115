
# Check that every planned address is present.
# (An IPv6 one past duplicate address detection: one still tentative, as
# after a stack re-adds it, gets up to 10 s more; dadfailed never passes.)
missing=0
{{one}}for a in{{addrs}}; do
  t=0
  while [ "$t" -lt 10 ] && ip -o addr show dev {{dev}} | grep " inet6 $a " | grep -q tentative; do
    sleep 1
    t=$((t + 1))
  done
  if ! ip -o addr show dev {{dev}} | grep -e " inet $a " -e " inet6 $a " | grep -qv -e tentative -e dadfailed; then
    echo "missing: $a on "{{dev}} >&2
    missing=1
  fi
done
if [ "$missing" -ne 0 ]; then
  echo "some addresses are missing: see above" >&2
  exit 1
fi
