
# {{path}}
f={{path_q}}
new="{{backups}}/new-$stamp/$(basename "$f")"
mkdir -p "$(dirname "$f")" "$(dirname "$new")"
cat > "$new" <<'{{delim}}'
{{content}}{{delim}}
if [ -f "$f" ] && cmp -s "$new" "$f"; then
  rm -f "$new"
  chmod {{mode}} "$f"
  echo "unchanged: $f"
else
  back_up "$f"
  cp "$new" "$f"
  rm -f "$new"
  chmod {{mode}} "$f"
  changed=1
  echo "wrote: $f"
fi
rmdir "$(dirname "$new")" 2>/dev/null || true
