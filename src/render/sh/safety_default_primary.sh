    if [ "$(siw_main)" = "$(cat "$r/main")" ]; then
      echo "ok: the main table's default route is unchanged ($(tr '\n' ' ' < "$r/main"))"
    elif [ ! -s "$r/main" ] && [ "$(siw_main)" = "via $gw dev $dev" ]; then
      echo "ok: the main table's default route is the planned one (via $gw dev $dev; there was none)"
    else
      echo "failed: the main table's default route was $(tr '\n' ' ' < "$r/main")and is now $(siw_main | tr '\n' ' ')" >&2
      ok=0
    fi
