
# Apply also when a planned address is not on the interface yet.
{{one}}for a in{{addrs}}; do
  if ! ip -o addr show dev {{dev}} | grep -q -e " inet $a " -e " inet6 $a "; then
    changed=1
  fi
done
