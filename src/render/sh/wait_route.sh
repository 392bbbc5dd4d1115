  if ! ip -4 route show default | grep -q "via {{gateway}} "; then
    all=0
  fi
