$null = Get-NetAdapter -Name $alias

# The persistent store: what survives a reboot. The active store can still
# hold a DHCP address that is being torn down, or lack one not yet applied.
function Test-Address([string]$ip) {
    $a = Get-NetIPAddress -InterfaceAlias $alias -AddressFamily IPv4 -IPAddress $ip -PolicyStore PersistentStore -ErrorAction SilentlyContinue
    return [bool]($a | Where-Object { $_.PrefixLength -eq $prefix })
}

function Test-Route {
    $r = Get-NetRoute -InterfaceAlias $alias -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -PolicyStore PersistentStore -ErrorAction SilentlyContinue
    return [bool]($r | Where-Object { $_.NextHop -eq $gateway })
}

# Quote WORD: WORD as a PowerShell single-quoted string, to print commands that can be pasted back.
function Quote([string]$s) {
    return "'" + ($s -replace "['\u2018\u2019\u201A\u201B]", '$0$0') + "'"
}

$dhcp = (Get-NetIPInterface -InterfaceAlias $alias -AddressFamily IPv4).Dhcp -eq 'Enabled'
$currentDns = @((Get-DnsClientServerAddress -InterfaceAlias $alias -AddressFamily IPv4).ServerAddresses)
$missing = @($secondaries | Where-Object { -not (Test-Address $_) })
$needPrimary = $dhcp -or -not (Test-Address $primary) -or -not (Test-Route) -or (($currentDns -join ',') -ne ($dns -join ','))
$ipIf = Get-NetIPInterface -InterfaceAlias $alias -AddressFamily IPv4
$needMetric = ($null -ne $metric) -and (($ipIf.InterfaceMetric -ne $metric) -or ($ipIf.AutomaticMetric -eq 'Enabled'))

# What this run changed, newest first: the commands that take it back.
$revert = @()
$a = Quote $alias

if (-not $needPrimary -and -not $needMetric -and $missing.Count -eq 0) {
    Write-Output "unchanged: every address is already on $alias"
} else {
    $dir = Join-Path $env:ProgramData 'SecondaryIpWizard'
    $null = New-Item -ItemType Directory -Force -Path $dir
    $stamp = Get-Date -Format 'yyyyMMdd-HHmmss'
    $backup = Join-Path $dir "backup-$stamp.xml"
    [pscustomobject]@{
        Interface = Get-NetIPInterface -InterfaceAlias $alias -AddressFamily IPv4
        Addresses = @(Get-NetIPAddress -InterfaceAlias $alias -AddressFamily IPv4)
        Routes = @(Get-NetRoute -InterfaceAlias $alias -AddressFamily IPv4)
        Dns = $currentDns
    } | Export-Clixml -Path $backup
    ipconfig /all | Out-File -FilePath (Join-Path $dir "ipconfig-$stamp.txt")
    Write-Output "backed up: $backup"

    try {
        if ($needPrimary) {
            if ($dns.Count -eq 0) {
                Write-Warning 'no DNS server known: the interface will have none'
            }
            if ($dhcp) {
                Set-NetIPInterface -InterfaceAlias $alias -AddressFamily IPv4 -Dhcp Disabled
                $revert = @("Set-NetIPInterface -InterfaceAlias $a -AddressFamily IPv4 -Dhcp Enabled") + $revert
            }
            if (-not (Test-Address $primary)) {
                $null = New-NetIPAddress -InterfaceAlias $alias -AddressFamily IPv4 -IPAddress $primary -PrefixLength $prefix
                $revert = @("Remove-NetIPAddress -InterfaceAlias $a -AddressFamily IPv4 -IPAddress '$primary' -Confirm:`$false") + $revert
            }
            if (-not (Test-Route)) {
                $null = New-NetRoute -InterfaceAlias $alias -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -NextHop $gateway
                $revert = @("Remove-NetRoute -InterfaceAlias $a -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -NextHop '$gateway' -Confirm:`$false") + $revert
            }
            if ($dns.Count -gt 0 -and (($currentDns -join ',') -ne ($dns -join ','))) {
                Set-DnsClientServerAddress -InterfaceAlias $alias -ServerAddresses $dns
                if ($dhcp) {
                    $revert = @("Set-DnsClientServerAddress -InterfaceAlias $a -ResetServerAddresses") + $revert
                } elseif ($currentDns.Count -gt 0) {
                    $revert = @("Set-DnsClientServerAddress -InterfaceAlias $a -ServerAddresses @(" + (($currentDns | ForEach-Object { "'$_'" }) -join ', ') + ")") + $revert
                } else {
                    $revert = @("Set-DnsClientServerAddress -InterfaceAlias $a -ResetServerAddresses") + $revert
                }
            }
            Write-Output "static primary: $primary/$prefix via $gateway"
        }
        if ($needMetric) {
            Set-NetIPInterface -InterfaceAlias $alias -AddressFamily IPv4 -InterfaceMetric $metric
            if ($ipIf.AutomaticMetric -eq 'Enabled') {
                $revert = @("Set-NetIPInterface -InterfaceAlias $a -AddressFamily IPv4 -AutomaticMetric Enabled") + $revert
            } else {
                $revert = @("Set-NetIPInterface -InterfaceAlias $a -AddressFamily IPv4 -InterfaceMetric $($ipIf.InterfaceMetric)") + $revert
            }
            Write-Output "interface metric: $metric"
        }
        foreach ($ip in $secondaries) {
            if (Test-Address $ip) {
                Write-Output "unchanged: $ip"
            } else {
                $null = New-NetIPAddress -InterfaceAlias $alias -AddressFamily IPv4 -IPAddress $ip -PrefixLength $prefix -SkipAsSource $true
                $revert = @("Remove-NetIPAddress -InterfaceAlias $a -AddressFamily IPv4 -IPAddress '$ip' -Confirm:`$false") + $revert
                Write-Output "added: $ip/$prefix"
            }
        }
    } catch {
        Write-Warning "failed: $_"
        Write-Warning 'taking back what this run changed'
        foreach ($line in $revert) {
            try {
                Invoke-Expression $line
            } catch {
                Write-Warning "could not run: $line"
            }
        }
        exit 1
    }
    $revertFile = Join-Path $dir "revert-$stamp.ps1"
    Set-Content -Path $revertFile -Value ($revert -join "`r`n")
}

# Check that every planned address is present.
$bad = 0
foreach ($ip in $planned) {
    if (-not (Test-Address $ip)) {
        Write-Warning "missing: $ip/$prefix on $alias"
        $bad = 1
    }
}
if ($bad -ne 0) {
    Write-Warning 'some addresses are missing: see above'
    exit 1
}
Write-Output 'all planned addresses are present'
