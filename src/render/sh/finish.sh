if [ "$changed" -eq 0 ]; then
  echo "nothing changed: the system already matched the plan"
fi
if [ -n "$restore" ]; then
  echo "to restore the files this run changed:"
  printf '%s' "$restore"
fi
