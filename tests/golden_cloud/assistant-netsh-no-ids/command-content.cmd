@echo off
rem Secondary IP Wizard through Cloud Assistant: the all-in-one batch file after the label, unchanged, run with /yes.
call :script /yes
exit /b %errorlevel%
:script
<SCRIPT>
