# Secondary IP Wizard doctor (Windows): reads how this instance's network is
# set up and changes nothing. It prints a short report and a link to the
# wizard with the form filled in. Set $Mac to check another NIC than the
# primary one.
$Base = {{base}}
$Meta = {{meta}}
$Mac = ''

# The metadata server (hardened mode's session token first).
{{reader}}

$md = 'none'; $pm = ''; $e = ''; $c = ''; $gw = ''; $ip = ''; $all = @(); $r = ''; $iid = ''; $it = ''; $d = ''; $c6 = ''; $p6 = ''; $s6 = ''
$warnings = @()
try { $pm = (g 'mac').ToLower(); $md = 'ok' } catch { }
$x = if ($Mac) { $Mac.ToLower().Replace('-', ':') } else { $pm }
if ($md -eq 'ok') {
    $n = 'network/interfaces/macs/' + $x
    try {
        $e = g ($n + '/network-interface-id')
        $c = g ($n + '/vswitch-cidr-block')
        $gw = (ips (g ($n + '/gateway'))) -join ','
        $ip = (ips (g ($n + '/primary-ip-address'))) -join ','
        $all = @(ips (g ($n + '/private-ipv4s')))
        {{ipv6}}
    } catch { $e = ''; $warnings += "the metadata server knows no ENI with MAC $x" }
    $r = try { g 'region-id' } catch { '' }
    $iid = try { g 'instance-id' } catch { '' }
    $it = try { g 'instance/instance-type' } catch { '' }
    $d = try { (ips (g 'dns-conf/nameservers')) -join ',' } catch { '' }
}

# The adapter: the one with that MAC, else the default route's.
$ad = $null
if ($x) { $ad = Get-NetAdapter | Where-Object { ($_.MacAddress -replace '-', ':').ToLower() -eq $x } | Select-Object -First 1 }
$defaults = @(Get-NetRoute -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -ErrorAction SilentlyContinue)
if (-not $ad -and -not $x -and $defaults.Count -gt 0) {
    $ad = Get-NetAdapter -InterfaceIndex ($defaults | Sort-Object RouteMetric | Select-Object -First 1).ifIndex -ErrorAction SilentlyContinue
}
$alias = ''; $addrs = @(); $dhcp = ''
if ($ad) {
    $alias = $ad.Name
    if (-not $x) { $x = ($ad.MacAddress -replace '-', ':').ToLower() }
    $addrs = @(Get-NetIPAddress -InterfaceIndex $ad.ifIndex -AddressFamily IPv4 -ErrorAction SilentlyContinue)
    $dhcp = [string](Get-NetIPInterface -InterfaceIndex $ad.ifIndex -AddressFamily IPv4 -ErrorAction SilentlyContinue).Dhcp
}
if ($md -ne 'ok') { $pm = $x }
$h = @($addrs | ForEach-Object { $_.IPAddress })
$on = @($addrs | ForEach-Object { $_.IPAddress + '/' + $_.PrefixLength }) -join ','
$dynList = @($addrs | Where-Object { [string]$_.PrefixOrigin -eq 'Dhcp' } | ForEach-Object { $_.IPAddress })
$dyn = $dynList -join ','
if (-not $ip) {
    $ip = if ($dynList.Count -gt 0) { $dynList[0] } else { @($addrs | Where-Object { -not $_.SkipAsSource } | ForEach-Object { $_.IPAddress } | Select-Object -First 1) -join '' }
}
$prim = $addrs | Where-Object { $_.IPAddress -eq $ip } | Select-Object -First 1
if (-not $c -and $prim) {
    # The network of the primary: each byte masked (PowerShell 4 has no [ipaddress]::new).
    $len = [int]$prim.PrefixLength
    $o = ([ipaddress]$ip).GetAddressBytes()
    for ($i = 0; $i -lt 4; $i++) {
        $keep = [math]::Min(8, [math]::Max(0, $len - 8 * $i))
        $o[$i] = $o[$i] -band [int](256 - [math]::Pow(2, 8 - $keep))
    }
    $c = (New-Object System.Net.IPAddress (, $o)).ToString() + '/' + $len
}
if (-not $gw -and $ad) {
    $gw = [string]($defaults | Where-Object { $_.ifIndex -eq $ad.ifIndex } | Sort-Object RouteMetric | Select-Object -First 1).NextHop
}
$mode = if ($dhcp -eq 'Enabled') { 'keep' } else { 'static' }

# The secondaries: every address the cloud assigns but the primary; without
# the metadata, the adapter's others of the primary's prefix length.
if ($all.Count -gt 0) {
    $cloud = @($all | Where-Object { $_ -ne $ip })
    $notyet = @($cloud | Where-Object { $h -notcontains $_ }) -join ','
    $notcloud = @($h | Where-Object { $_ -ne $ip -and $all -notcontains $_ }) -join ','
} else {
    $cloud = @($addrs | Where-Object { $_.IPAddress -ne $ip -and $prim -and $_.PrefixLength -eq $prim.PrefixLength } | ForEach-Object { $_.IPAddress })
    $notyet = ''; $notcloud = ''
}
$sec = $cloud -join ','
$sdyn = @($dynList | Where-Object { $_ -ne $ip }) -join ','
$noSkip = @($addrs | Where-Object { $_.IPAddress -ne $ip -and -not $_.SkipAsSource } | ForEach-Object { $_.IPAddress }) -join ','
{{os}}

# The report.
Write-Output 'Secondary IP Wizard doctor: read-only, nothing was changed.'
Write-Output ('OS:               {0} (wizard: {1})' -f $cap, $(if ($os) { $os } else { 'not in its list' }))
Write-Output ('Adapter:          {0} ({1}) ENI {2} {3}' -f $alias, $x, $e, $it)
Write-Output ('DHCP:             {0}' -f $dhcp)
if ($md -eq 'ok') {
    Write-Output ('Metadata:         read{0}; the cloud assigns {1} (primary {2})' -f $(if ($tk) { ' (with a session token)' } else { '' }), ($all -join ','), $ip)
} else {
    Write-Output 'Metadata:         not reachable (run it on the ECS instance): the addresses below are the adapter''s own'
}
Write-Output ('On the adapter:   {0}' -f $on)
if ($notyet) { Write-Output ('                  assigned, not yet on the adapter: {0}' -f $notyet) }
if ($notcloud) { $warnings += "on $alias but not assigned to the ENI in the cloud: $notcloud" }
if ($sdyn) { $warnings += "secondary addresses from DHCP: $sdyn" }
if ($noSkip) { $warnings += "secondary addresses without SkipAsSource (Windows may use them as the source): $noSkip" }
$routeList = @()
foreach ($rt in $defaults) {
    $ra = [string](Get-NetAdapter -InterfaceIndex $rt.ifIndex -ErrorAction SilentlyContinue).Name
    $hop = if ($rt.NextHop -and $rt.NextHop -ne '0.0.0.0') { $rt.NextHop } else { '-' }
    Write-Output ('Default route:    via {0} on {1} metric {2}' -f $hop, $ra, $rt.RouteMetric)
    $routeList += ('{0},{1},main,{2}' -f $hop, $rt.RouteMetric, $ra)
}
if ($defaults.Count -gt 1) { $warnings += ('{0} default routes: replies may leave by the wrong adapter' -f $defaults.Count) }
if ($defaults.Count -eq 0) { $warnings += 'no default route' }
if ($warnings.Count -gt 0) { Write-Output 'Warnings:'; $warnings | ForEach-Object { Write-Output ('  ! ' + $_) } }

# The link: the form, then what the doctor found.
$ek = if ($x -and $pm -and $x -ne $pm) { 'secondary' } else { '' }
$pairs = @({{form_pairs}}, ({{p_mode}}, $mode){{doctor_pairs}})
foreach ($rl in ($routeList | Select-Object -First 16)) { $pairs += ,({{p_route}}, $rl) }
{{query}}
Write-Output ''
Write-Output 'Open this link in the wizard (it holds everything above):'
Write-Output ($Base + '?' + $q)
