[powershell]
# Secondary IP Wizard, at the first boot (Alibaba Cloud runs user data whose
# first line is [powershell] as a PowerShell script): waits until the
# metadata server lists every planned secondary of {{alias_text}} (the cloud
# assigns them once the instance is running), at most {{limit}} s, then runs
# the all-in-one script. A marker makes a second run do nothing.
$marker = Join-Path $env:ProgramData 'secondary-ip-wizard\launch.done'
if (Test-Path -LiteralPath $marker) { exit 0 }
New-Item -ItemType Directory -Force -Path (Split-Path $marker) | Out-Null
Start-Transcript -LiteralPath (Join-Path (Split-Path $marker) 'launch.log') -Append | Out-Null
$alias = {{alias}}
$want = {{want}}
$md = 'http://100.100.100.200/latest'
$start = Get-Date
while ($true) {
    $have = @()
    try {
        $mac = (Get-NetAdapter -Name $alias -ErrorAction Stop).MacAddress.Replace('-', ':').ToLower()
        $headers = @{}
        try {
            $tok = Invoke-RestMethod -Method Put -Uri "$md/api/token" -TimeoutSec 3 -Headers @{ 'X-aliyun-ecs-metadata-token-ttl-seconds' = '300' }
            $headers['X-aliyun-ecs-metadata-token'] = "$tok"
        } catch { }
        $text = Invoke-WebRequest -UseBasicParsing -Uri "$md/meta-data/network/interfaces/macs/$mac/private-ipv4s" -TimeoutSec 3 -Headers $headers
        $have = [regex]::Matches([string]$text.Content, '[0-9.]+') | ForEach-Object { $_.Value }
    } catch { }
    $missing = @($want | Where-Object { $have -notcontains $_ })
    if ($missing.Count -eq 0) {
        Write-Output "the metadata server lists every planned secondary: configuring $alias"
        break
    }
    if (((Get-Date) - $start).TotalSeconds -ge {{limit}}) {
        Write-Warning ("after {{limit}} s the metadata server still does not list " + ($missing -join ', ') + ': configuring anyway (assign them to the ENI in the cloud)')
        break
    }
    Start-Sleep -Seconds 5
}
Set-Content -LiteralPath $marker -Value (Get-Date -Format o)
