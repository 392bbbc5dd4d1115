  if [ "$tries" -eq 10 ]; then
    {{command}}
  fi
