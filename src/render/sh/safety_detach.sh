
# ---- The safety net (--no-rollback turns it off). This run goes on
# detached from the terminal, its output in a log that this terminal
# follows, so that a dropped session cannot stop it halfway; a timer armed
# before the first change puts everything back unless the change is kept.
if [ "$rollback" -eq 1 ] && [ -z "${SIW_RUN:-}" ]; then
  SIW_RUN={{dir}}/run-$(date +%Y%m%d-%H%M%S)-$$
  SIW_LOG=$SIW_RUN.log
  mkdir -p "$SIW_RUN"
  export SIW_RUN SIW_LOG
  if [ -f "$0" ] && [ -r "$0" ]; then
    cp "$0" "$SIW_RUN/script.sh"
    : >> "$SIW_LOG"
    echo "log: $SIW_LOG (the change goes on if this session drops)"
    if command -v setsid >/dev/null 2>&1; then
      setsid nohup sh "$SIW_RUN/script.sh" "$@" </dev/null >>"$SIW_LOG" 2>&1 &
    else
      nohup sh "$SIW_RUN/script.sh" "$@" </dev/null >>"$SIW_LOG" 2>&1 &
    fi
    # Follow the log until the run ends; answer its question from here.
    shown=0
    reader=
    gone=0
    while [ ! -f "$SIW_RUN/status" ]; do
      sleep 1
      n=$(wc -l < "$SIW_LOG")
      if [ "$n" -gt "$shown" ]; then
        sed -n "$((shown + 1)),${n}p" "$SIW_LOG"
        shown=$n
      fi
      if [ -z "$reader" ] && [ -f "$SIW_RUN/asking" ] && [ -t 0 ]; then
        (
          answer=
          read -r answer </dev/tty || true
          if [ "$answer" = yes ]; then : > "$SIW_RUN/confirm"; else : > "$SIW_RUN/abort"; fi
        ) &
        reader=$!
      fi
      if [ -f "$SIW_RUN/pid" ] && ! kill -0 "$(cat "$SIW_RUN/pid")" 2>/dev/null; then
        gone=$((gone + 1))
        if [ "$gone" -gt 5 ] && [ ! -f "$SIW_RUN/status" ]; then
          echo "the run stopped without a result: see $SIW_LOG (the timer still puts everything back)" >&2
          exit 1
        fi
      fi
    done
    sed -n "$((shown + 1)),\$p" "$SIW_LOG"
    if [ -n "$reader" ]; then kill "$reader" 2>/dev/null || true; fi
    exit "$(cat "$SIW_RUN/status")"
  fi
  echo "warning: not run from a file, so it cannot detach from this terminal: if the session drops halfway, the timer still puts everything back" >&2
fi
if [ -n "${SIW_RUN:-}" ]; then
  echo $$ > "$SIW_RUN/pid"
  # The result for the terminal that follows; a failed run after the first
  # change puts everything back at once.
  # A TERM, as at a shutdown, leaves it to the timer and to the boot-time
  # unit: rolling back while the system goes down could stop halfway.
  siw_term=0
  siw_end() {
    rc=$?
    if [ "$armed" -eq 1 ] && [ ! -d "$SIW_RUN/decided" ]; then
      if [ "$rc" -eq 0 ]; then rc=1; fi
      if [ "$siw_term" -eq 1 ] && [ -s "$SIW_RUN/boot-unit" ]; then
        echo "stopped by TERM before the change was kept: the timer puts everything back, or after a reboot the boot-time unit" || true
      else
        echo "the run stopped before the change was kept: putting back what it changed" || true
        sh "$SIW_RUN/rollback.sh" "the run failed" >>"$SIW_LOG" 2>&1 || true
      fi
    fi
    echo "$rc" > "$SIW_RUN/status"
  }
  trap siw_end EXIT
  trap 'exit 1' HUP INT
  trap 'siw_term=1; exit 1' TERM
fi
