echo "to remove these secondary addresses again, run:"
cat <<'{{delim}}'
{{lines}}{{delim}}
