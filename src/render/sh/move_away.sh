if [ -f {{path}} ]; then
  mkdir -p {{backups}}
  mv {{path}} "{{backups}}/{{name}}.$stamp"
  remember "  mv $(q {{backups}}/{{name}}."$stamp") $(q {{path}})
"
  changed=1
  echo "moved: {{path}} to {{backups}}/{{name}}.$stamp"
fi
