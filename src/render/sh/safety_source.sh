    src=$(ip -4 route get 100.100.100.200 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p')
    if [ "$src" = {{primary}} ]; then
      echo "ok: traffic to the metadata server leaves from the primary {{primary}}"
    else
      echo "failed: traffic to the metadata server leaves from ${src:-nowhere}, not the primary {{primary}}" >&2
      ok=0
    fi
