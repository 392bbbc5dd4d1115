command -v {{cmd}} >/dev/null || { echo "{{what}} is not installed" >&2; exit 1; }
