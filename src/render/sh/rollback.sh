echo "{{heading}}"
cat <<'{{delim}}'
{{lines}}{{delim}}
