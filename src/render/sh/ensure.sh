if ! {{unless}}; then
{{run}}  echo {{report}}
  changed=1
fi
