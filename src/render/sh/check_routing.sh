
# Check the ENI's routing: a source rule per address, its table, and no
# default route through it in the main table.
dev={{dev}}
{{one}}for a in{{addrs}}; do
  if ! ip -4 rule show | grep -F "from $a lookup {{table}}" | grep -q "^{{priority}}:"; then
    echo "missing: rule from $a lookup {{table}}" >&2
    exit 1
  fi
done
if ! ip -4 route show table {{table}} | grep -q "^default via {{gateway}} "; then
  echo "missing: default via {{gateway}} in table {{table}}" >&2
  exit 1
fi
if ip -4 route show default dev "$dev" | grep -q .; then
  echo "a default route through $dev is in the main table: it competes with the primary ENI's" >&2
  exit 1
fi
