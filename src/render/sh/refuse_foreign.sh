
# {{what_comment}} must hold no address of the subnet that the form does not
# list: the form is the whole set. --replace removes them.
extra=$({ {{list}}; } 2>/dev/null | {{foreign}} | tr '\n' ' ')
extra=${extra% }
if [ -n "$extra" ]; then
  if [ "$replace" -eq 1 ]; then
    printf 'replacing: %s loses %s\n' {{what}} "$extra"
  else
    printf '%s holds %s, which the form does not list. The form is the whole set of addresses: add them to the form to keep them, or run this script again with --replace to remove them. Nothing was changed.\n' {{what}} "$extra" >&2
    exit 1
  fi
fi
