if ! {{unless}}; then
  echo {{message}} >&2
  exit 1
fi
