    # A secondary ENI: the main table keeps every default route of the other
    # interfaces, and holds none through this one (the wizard removes it).
    if [ "$(siw_main | grep -v " dev $dev\$")" = "$(grep -v " dev $dev\$" "$r/main")" ] \
      && ! siw_main | grep -q " dev $dev\$"; then
      echo "ok: the main table's default route is the primary ENI's, as before ($(siw_main | tr '\n' ' '))"
    else
      echo "failed: the main table's default routes were $(tr '\n' ' ' < "$r/main")and are now $(siw_main | tr '\n' ' ')" >&2
      ok=0
    fi
