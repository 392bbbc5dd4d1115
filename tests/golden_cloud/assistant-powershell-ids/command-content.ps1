# Secondary IP Wizard through Cloud Assistant: the all-in-one script below, unchanged,
# written to a file and run with -Yes; its exit code is this command's.
$f = Join-Path $env:TEMP ('secondary-ip-wizard-' + [guid]::NewGuid().ToString('N') + '.ps1')
$script = @'
<SCRIPT>
'@
Set-Content -LiteralPath $f -Value $script -Encoding UTF8
try {
    powershell -NoProfile -ExecutionPolicy Bypass -File $f -Yes
    $rc = $LASTEXITCODE
} finally {
    Remove-Item -LiteralPath $f -ErrorAction SilentlyContinue
}
exit $rc
