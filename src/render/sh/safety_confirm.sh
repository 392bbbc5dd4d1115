
# ---- The safety net: check on its own that the instance can still be
# reached, then keep the change only when it is confirmed.
if [ "$armed" -eq 1 ]; then
  r=$SIW_RUN
  if [ "$changed" -eq 0 ]; then
    mkdir "$r/decided" && echo "nothing changed: the safety net is stopped"
    siw_unboot
  else
    ok=1
    gw={{gateway}}
    if command -v ping >/dev/null 2>&1; then
      if ping -c 2 -W 2 -I "$dev" "$gw" >/dev/null 2>&1; then
        echo "ok: the gateway $gw answers ping on $dev"
      elif sleep 2 && ip neigh show "$gw" dev "$dev" | grep -q REACHABLE; then
        echo "ok: the gateway $gw answers ARP on $dev (not ping)"
      else
        echo "failed: the gateway $gw does not answer on $dev" >&2
        ok=0
      fi
    else
      echo "not checked: ping is not installed, so the gateway $gw was not asked"
    fi
{{default_check}}{{source_check}}    if [ "$(cat "$r/md")" = yes ]; then
      if siw_md; then
        echo "ok: the metadata server answers"
      else
        echo "failed: the metadata server answered before the change and does not now" >&2
        ok=0
      fi
    else
      echo "not checked: the metadata server did not answer before the change either"
    fi
    if [ "$ok" -ne 1 ]; then
      echo "the checks failed: putting back what this run changed, now" >&2
      exit 1
    fi
    if [ "$yes" -eq 1 ]; then
      echo "--yes: the checks pass, so the change is kept"
    else
      : > "$r/asking"
      echo "Check now that you can still reach this instance (open a new SSH or console session)."
      echo "Type yes and Enter within $window s to keep the change; any other answer puts everything back now, and so does no answer when the $window s are over."
      echo "From another session: touch $r/confirm keeps it, touch $r/extend gives $window s more, sh $r/rollback.sh puts everything back now."
      while [ ! -f "$r/confirm" ]; do
        if [ -d "$r/decided" ]; then
          echo "not kept: the window closed without a yes, and everything was put back" >&2
          exit 1
        fi
        if [ -f "$r/abort" ]; then
          echo "not kept: the answer was not yes" >&2
          exit 1
        fi
        sleep 1
      done
    fi
    if mkdir "$r/decided" 2>/dev/null; then
      siw_unboot
      echo "kept: the change stays, and the safety net is stopped"
    else
      echo "too late: everything had already been put back" >&2
      exit 1
    fi
  fi
fi
