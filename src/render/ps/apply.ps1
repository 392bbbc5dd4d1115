$null = Get-NetAdapter -Name $alias

# The persistent store: what survives a reboot. The active store can still
# hold a DHCP address that is being torn down, or lack one not yet applied.
# An IPv6 address to add ($secondaries6): Test-Address $ip 'IPv6' $prefix6.
function Test-Address([string]$ip, [string]$family = 'IPv4', [int]$len = $prefix) {
    $a = Get-NetIPAddress -InterfaceAlias $alias -AddressFamily $family -IPAddress $ip -PolicyStore PersistentStore -ErrorAction SilentlyContinue
    return [bool]($a | Where-Object { $_.PrefixLength -eq $len })
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
$missing6 = @($secondaries6 | Where-Object { -not (Test-Address $_ 'IPv6' $prefix6) })
$needPrimary = $dhcp -or -not (Test-Address $primary) -or -not (Test-Route) -or (($currentDns -join ',') -ne ($dns -join ','))
$ipIf = Get-NetIPInterface -InterfaceAlias $alias -AddressFamily IPv4
$needMetric = ($null -ne $metric) -and (($ipIf.InterfaceMetric -ne $metric) -or ($ipIf.AutomaticMetric -eq 'Enabled'))

# What this run changed, newest first: the commands that take it back,
# kept in a file as they are added (the safety net's task reads it).
$revert = @()
$revertFile = $null
$armed = $false
$a = Quote $alias
function Add-Revert([string]$line) {
    $script:revert = @($line) + $script:revert
    if ($script:revertFile) {
        Set-Content -Path $script:revertFile -Value ($script:revert -join "`r`n")
    }
}

# What the safety net checks after the change, as it is before it.
function Get-DefaultHop {
    return @(Get-NetRoute -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -PolicyStore ActiveStore -ErrorAction SilentlyContinue |
        ForEach-Object { "$($_.NextHop)@$($_.InterfaceAlias)" } | Sort-Object -Unique)
}
function Test-Metadata {
    try {
        $null = Invoke-WebRequest -UseBasicParsing -TimeoutSec 3 -Uri 'http://100.100.100.200/latest/meta-data/'
        return $true
    } catch {
        # An HTTP error (a token demand) is an answer too.
        return $null -ne $_.Exception.Response
    }
}

if (-not $needPrimary -and -not $needMetric -and $missing.Count -eq 0 -and $missing6.Count -eq 0) {
    Write-Output "unchanged: every address is already on $alias"
} else {
    $dir = Join-Path $env:ProgramData 'SecondaryIpWizard'
    $null = New-Item -ItemType Directory -Force -Path $dir
    $stamp = Get-Date -Format 'yyyyMMdd-HHmmss'
    $backup = Join-Path $dir "backup-$stamp.xml"
    [pscustomobject]@{
        Interface = Get-NetIPInterface -InterfaceAlias $alias -AddressFamily IPv4
        Addresses = @(Get-NetIPAddress -InterfaceAlias $alias -AddressFamily IPv4)
        Addresses6 = @(Get-NetIPAddress -InterfaceAlias $alias -AddressFamily IPv6)
        Routes = @(Get-NetRoute -InterfaceAlias $alias -AddressFamily IPv4)
        Dns = $currentDns
    } | Export-Clixml -Path $backup
    ipconfig /all | Out-File -FilePath (Join-Path $dir "ipconfig-$stamp.txt")
    Write-Output "backed up: $backup"
    $revertFile = Join-Path $dir "revert-$stamp.ps1"
    Set-Content -Path $revertFile -Value ''

    # The safety net (-NoRollback turns it off): a one-shot scheduled task,
    # armed before the first change, takes everything back after -Window
    # seconds unless the change is kept; it fires even if this session
    # drops, and after a reboot if the time passed while the instance was down.
    $task = "SecondaryIpWizard-Rollback-$stamp"
    $decided = Join-Path $dir "decided-$stamp"
    if (-not $NoRollback) {
        $hopBefore = Get-DefaultHop
        $mdBefore = Test-Metadata
        $rollbackFile = Join-Path $dir "rollback-$stamp.ps1"
        Set-Content -Path $rollbackFile -Value @(
            "# The safety net of run ${stamp}: takes back what it changed, unless it was kept.",
            "try { `$null = New-Item -ItemType Directory -Path '$decided' -ErrorAction Stop } catch { exit 0 }",
            "foreach (`$line in Get-Content -Path '$revertFile') { if (`$line) { try { Invoke-Expression `$line } catch { Write-Warning `"could not run: `$line`" } } }",
            "Unregister-ScheduledTask -TaskName '$task' -Confirm:`$false -ErrorAction SilentlyContinue",
            "Write-Output 'rolled back: what run $stamp changed is taken back'"
        )
        $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument "-NoProfile -ExecutionPolicy Bypass -File `"$rollbackFile`""
        $trigger = New-ScheduledTaskTrigger -Once -At (Get-Date).AddSeconds($Window)
        $settings = New-ScheduledTaskSettingsSet -StartWhenAvailable
        $null = Register-ScheduledTask -TaskName $task -Action $action -Trigger $trigger -Settings $settings -User 'SYSTEM' -RunLevel Highest -Force
        $armed = $true
        Write-Output "armed: the scheduled task $task takes the change back in $Window s unless it is kept"
    }

    try {
        if ($needPrimary) {
            if ($dns.Count -eq 0) {
                Write-Warning 'no DNS server known: the interface will have none'
            }
            if ($dhcp) {
                Set-NetIPInterface -InterfaceAlias $alias -AddressFamily IPv4 -Dhcp Disabled
                Add-Revert ("Set-NetIPInterface -InterfaceAlias $a -AddressFamily IPv4 -Dhcp Enabled")
            }
            if (-not (Test-Address $primary)) {
                $null = New-NetIPAddress -InterfaceAlias $alias -AddressFamily IPv4 -IPAddress $primary -PrefixLength $prefix
                Add-Revert ("Remove-NetIPAddress -InterfaceAlias $a -AddressFamily IPv4 -IPAddress '$primary' -Confirm:`$false")
            }
            if (-not (Test-Route)) {
                $null = New-NetRoute -InterfaceAlias $alias -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -NextHop $gateway
                Add-Revert ("Remove-NetRoute -InterfaceAlias $a -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -NextHop '$gateway' -Confirm:`$false")
            }
            if ($dns.Count -gt 0 -and (($currentDns -join ',') -ne ($dns -join ','))) {
                Set-DnsClientServerAddress -InterfaceAlias $alias -ServerAddresses $dns
                if ($dhcp) {
                    Add-Revert ("Set-DnsClientServerAddress -InterfaceAlias $a -ResetServerAddresses")
                } elseif ($currentDns.Count -gt 0) {
                    Add-Revert ("Set-DnsClientServerAddress -InterfaceAlias $a -ServerAddresses @(" + (($currentDns | ForEach-Object { "'$_'" }) -join ', ') + ")")
                } else {
                    Add-Revert ("Set-DnsClientServerAddress -InterfaceAlias $a -ResetServerAddresses")
                }
            }
            Write-Output "static primary: $primary/$prefix via $gateway"
        }
        if ($needMetric) {
            Set-NetIPInterface -InterfaceAlias $alias -AddressFamily IPv4 -InterfaceMetric $metric
            if ($ipIf.AutomaticMetric -eq 'Enabled') {
                Add-Revert ("Set-NetIPInterface -InterfaceAlias $a -AddressFamily IPv4 -AutomaticMetric Enabled")
            } else {
                Add-Revert ("Set-NetIPInterface -InterfaceAlias $a -AddressFamily IPv4 -InterfaceMetric $($ipIf.InterfaceMetric)")
            }
            Write-Output "interface metric: $metric"
        }
        # Each secondary of $family that is missing, never used as the source.
        function Add-Secondary([string]$family, [string]$ip, [int]$len) {
            if (Test-Address $ip $family $len) {
                Write-Output "unchanged: $ip"
            } else {
                $null = New-NetIPAddress -InterfaceAlias $alias -AddressFamily $family -IPAddress $ip -PrefixLength $len -SkipAsSource $true
                Add-Revert ("Remove-NetIPAddress -InterfaceAlias $a -AddressFamily $family -IPAddress '$ip' -Confirm:`$false")
                Write-Output "added: $ip/$len"
            }
        }
        foreach ($ip in $secondaries) { Add-Secondary 'IPv4' $ip $prefix }
        # The IPv6 addresses; the interface's own IPv6 settings (DHCPv6,
        # router advertisements) stay as they are.
        foreach ($ip in $secondaries6) { Add-Secondary 'IPv6' $ip $prefix6 }
    } catch {
        Write-Warning "failed: $_"
        Write-Warning 'taking back what this run changed'
        if ($armed) {
            & $rollbackFile
        } else {
            foreach ($line in $revert) {
                try {
                    Invoke-Expression $line
                } catch {
                    Write-Warning "could not run: $line"
                }
            }
        }
        exit 1
    }
}

# Check that every planned address is present.
$bad = 0
foreach ($ip in $planned) {
    if (-not (Test-Address $ip)) {
        Write-Warning "missing: $ip/$prefix on $alias"
        $bad = 1
    }
}
foreach ($ip in @($secondaries6 | Where-Object { -not (Test-Address $_ 'IPv6' $prefix6) })) {
    Write-Warning "missing: $ip/$prefix6 on $alias"
    $bad = 1
}
if ($bad -ne 0) {
    Write-Warning 'some addresses are missing: see above'
    if ($armed) {
        & $rollbackFile
    }
    exit 1
}

# The safety net: check on its own that the instance can still be reached,
# then keep the change only when it is confirmed.
if ($armed) {
    $ok = $true
    if (Test-Connection -ComputerName $gateway -Count 2 -Quiet) {
        Write-Output "ok: the gateway $gateway answers ping"
    } elseif (Get-NetNeighbor -IPAddress $gateway -State Reachable -ErrorAction SilentlyContinue) {
        Write-Output "ok: the gateway $gateway answers ARP (not ping)"
    } else {
        Write-Warning "failed: the gateway $gateway does not answer"
        $ok = $false
    }
    # Every default route there was is still there (on the primary ENI:
    # and no other); a secondary ENI adds its own behind a higher metric.
    $hopNow = Get-DefaultHop
    $lost = @($hopBefore | Where-Object { $hopNow -notcontains $_ })
    $new = @($hopNow | Where-Object { $hopBefore -notcontains $_ })
    if ($lost.Count -gt 0 -or ($null -eq $metric -and $new.Count -gt 0)) {
        Write-Warning "failed: the default routes were $($hopBefore -join ', ') and are now $($hopNow -join ', ')"
        $ok = $false
    } else {
        Write-Output "ok: the default routes are unchanged ($($hopBefore -join ', '))"
    }
    if ($mdBefore -and -not (Test-Metadata)) {
        Write-Warning 'failed: the metadata server answered before the change and does not now'
        $ok = $false
    }
    if (-not $ok) {
        Write-Warning 'the checks failed: taking back what this run changed, now'
        & $rollbackFile
        exit 1
    }
    if ($Yes) {
        Write-Output '-Yes: the checks pass, so the change is kept'
    } else {
        Write-Output 'Check now that you can still reach this instance (open a new RDP or VNC session).'
        Write-Output "Without a yes, the task $task takes everything back $Window s after it was armed; to give it more time: Set-ScheduledTask -TaskName '$task' -Trigger (New-ScheduledTaskTrigger -Once -At (Get-Date).AddSeconds($Window))"
        $answer = Read-Host 'Type yes to keep the change (anything else takes it back now)'
        if ($answer -ne 'yes') {
            & $rollbackFile
            exit 1
        }
    }
    try {
        $null = New-Item -ItemType Directory -Path $decided -ErrorAction Stop
    } catch {
        Write-Warning 'too late: the task had already taken the change back'
        exit 1
    }
    Unregister-ScheduledTask -TaskName $task -Confirm:$false -ErrorAction SilentlyContinue
    Write-Output 'kept: the change stays, and the safety net is stopped'
}
Write-Output 'all planned addresses are present'
