
# Wait up to {{secs}} s for the {{what}} to come up.
tries=0
while [ "$tries" -lt {{secs}} ]; do
  all=1
{{one}}  for a in{{addrs}}; do
    if ! ip -o addr show dev {{dev}} | grep -e " inet $a " -e " inet6 $a " | grep -qv -e tentative -e dadfailed; then
      all=0
    fi
  done
{{route}}  if [ "$all" -eq 1 ]; then
    break
  fi
{{retry}}  sleep 1
  tries=$((tries + 1))
done
