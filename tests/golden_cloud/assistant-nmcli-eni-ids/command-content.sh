# Secondary IP Wizard through Cloud Assistant: the all-in-one script below, unchanged,
# written to a file and run as: sh FILE --yes; its exit status is this command's.
f=$(mktemp /tmp/secondary-ip-wizard.XXXXXX) || exit 1
cat > "$f" <<'SECONDARY_IP_WIZARD_SCRIPT_END'
<SCRIPT>
SECONDARY_IP_WIZARD_SCRIPT_END
sh "$f" --yes
rc=$?
rm -f "$f"
exit "$rc"
