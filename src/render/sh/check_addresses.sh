
# Check that every planned address is present.
missing=0
for a in{{addrs}}; do
  if ! ip -4 -o addr show dev {{dev}} | grep -q " inet $a "; then
    echo "missing: $a on "{{dev}} >&2
    missing=1
  fi
done
if [ "$missing" -ne 0 ]; then
  echo "some addresses are missing: see above" >&2
  exit 1
fi
