
if [ "$changed" -eq 1 ]; then
  if [ "$files_changed" -eq 1 ]; then
{{files}}  else
{{addresses}}  fi
fi
