
# Apply also when a planned address is not on the interface yet.
for a in{{addrs}}; do
  if ! ip -4 -o addr show dev {{dev}} | grep -q " inet $a "; then
    changed=1
  fi
done
