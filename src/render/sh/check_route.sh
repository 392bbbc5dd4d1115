
# Check the default route.
if ! ip -4 route show default | grep -q "via {{gateway}} "; then
  echo "missing: default route via {{gateway}}" >&2
  exit 1
fi
