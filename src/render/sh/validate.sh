  if ! {{validate}}; then
    echo "{{what}} rejected the configuration: restoring the files" >&2
    eval "$restore"
    exit 1
  fi
