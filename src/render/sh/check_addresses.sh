
# Check that every planned address is present.
# (An IPv6 one past duplicate address detection: not tentative.)
missing=0
{{one}}for a in{{addrs}}; do
  if ! ip -o addr show dev {{dev}} | grep -e " inet $a " -e " inet6 $a " | grep -qv -e tentative -e dadfailed; then
    echo "missing: $a on "{{dev}} >&2
    missing=1
  fi
done
if [ "$missing" -ne 0 ]; then
  echo "some addresses are missing: see above" >&2
  exit 1
fi
