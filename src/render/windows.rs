//! Windows Server: PowerShell (`New-NetIPAddress`) and `netsh interface ipv4`.
//!
//! Adding a static address to a DHCP interface turns DHCP off, so both modes
//! set the primary statically first, with its gateway and DNS servers, and
//! then add each secondary with SkipAsSource (so Windows keeps the primary as
//! the source address). The interface alias is quoted with
//! [`quote::pwsh`](super::quote::pwsh) or [`quote::cmd`](super::quote::cmd);
//! an alias that cmd.exe cannot carry gets no netsh commands at all.

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::quote::{cmd, pwsh};
use super::{common, Artifact, Lang, Note, Rendering, Step, StepKind};
use crate::catalog::Method;
use crate::plan::{Mode, Plan};

/// The warning every Windows rendering carries.
const VNC_NOTE: &str = "Run this from the VNC console (ECS console > Connect > VNC), not over RDP: switching the primary from DHCP to static interrupts the network for a moment and RDP may drop.";

/// The note on keep-DHCP mode, which Windows cannot do.
const KEEP_NOTE: &str = "Windows has no way to keep DHCP for the primary while adding static addresses: adding a static address turns DHCP off. So both modes set the primary, gateway and DNS statically first (read the current values with `ipconfig /all`).";

/// A PowerShell array literal of addresses: `@('a', 'b')`.
fn ps_list(addrs: &[Ipv4Addr]) -> String {
    let items: Vec<String> = addrs.iter().map(|a| format!("'{a}'")).collect();
    format!("@({})", items.join(", "))
}

/// Notes shared by both Windows methods.
fn windows_notes(plan: &Plan) -> Vec<Note> {
    let mut notes = vec![Note::warning(VNC_NOTE)];
    if plan.mode == Mode::KeepDhcp {
        notes.push(Note::info(KEEP_NOTE));
    }
    notes
}

/// The lines `verify` prints, one per address, then the default route.
fn ps_expect(plan: &Plan) -> Vec<String> {
    let p = plan.prefix();
    let mut expect = vec![format!("{}/{p} SkipAsSource=False", plan.primary)];
    expect.extend(plan.secondaries.iter().map(|a| format!("{a}/{p} SkipAsSource=True")));
    expect.push(format!("default via {}", plan.gateway));
    expect
}

/// The `Remove-NetIPAddress` line for one secondary.
fn ps_remove(alias: &str, ip: Ipv4Addr) -> String {
    format!("Remove-NetIPAddress -InterfaceAlias {alias} -AddressFamily IPv4 -IPAddress '{ip}' -Confirm:$false")
}

/// Renders [`Method::PowerShell`].
pub fn render_powershell(plan: &Plan) -> Rendering {
    let id = Method::PowerShell.as_str();
    let a = pwsh(&plan.windows_alias);
    let p = plan.prefix();
    let gw = plan.gateway;
    let primary = plan.primary;

    // Configure: the commands a person pastes, in order.
    let mut c = String::new();
    let _ =
        writeln!(c, "# 0. Read the current settings first (address, mask, gateway, DNS servers).");
    let _ = writeln!(c, "ipconfig /all");
    if plan.dns.is_empty() {
        let _ = writeln!(c, "# Keep the DNS servers DHCP gave (they go away with DHCP).");
        let _ = writeln!(c, "$dns = (Get-DnsClientServerAddress -InterfaceAlias {a} -AddressFamily IPv4).ServerAddresses");
    }
    let _ = writeln!(c, "# 1. The primary, statically, with gateway and DNS (adding a static address turns DHCP off).");
    let _ =
        writeln!(c, "Set-NetIPInterface -InterfaceAlias {a} -AddressFamily IPv4 -Dhcp Disabled");
    let _ = writeln!(c, "if (-not (Get-NetIPAddress -InterfaceAlias {a} -AddressFamily IPv4 -IPAddress '{primary}' -ErrorAction SilentlyContinue)) {{ New-NetIPAddress -InterfaceAlias {a} -AddressFamily IPv4 -IPAddress '{primary}' -PrefixLength {p} }}");
    let _ = writeln!(c, "if (-not (Get-NetRoute -InterfaceAlias {a} -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -ErrorAction SilentlyContinue)) {{ New-NetRoute -InterfaceAlias {a} -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -NextHop '{gw}' }}");
    if plan.dns.is_empty() {
        let _ = writeln!(c, "Set-DnsClientServerAddress -InterfaceAlias {a} -ServerAddresses $dns");
    } else {
        let _ = writeln!(
            c,
            "Set-DnsClientServerAddress -InterfaceAlias {a} -ServerAddresses {}",
            ps_list(&plan.dns)
        );
    }
    let _ = writeln!(c, "# 2. Each secondary, never used as the source address.");
    for ip in &plan.secondaries {
        let _ = writeln!(c, "New-NetIPAddress -InterfaceAlias {a} -AddressFamily IPv4 -IPAddress '{ip}' -PrefixLength {p} -SkipAsSource $true");
    }
    let mut configure_notes = windows_notes(plan);
    configure_notes.push(Note::info("SkipAsSource keeps the primary as the source of outgoing traffic (Alibaba's network FAQ: otherwise outbound traffic may break)."));
    if plan.dns.is_empty() {
        configure_notes.push(Note::info("No DNS server is given: the commands keep the ones DHCP gave (`$dns`), read before DHCP is turned off. Run them in the same PowerShell window."));
    }
    let configure = Step::new(
        StepKind::Configure,
        vec![Artifact::commands(
            format!("{id}.configure.commands"),
            "Set the primary statically, then add the secondaries",
            Lang::PowerShell,
            &c,
        )],
    )
    .with_notes(configure_notes);

    let apply = Step::new(
        StepKind::Apply,
        vec![Artifact::commands(
            format!("{id}.apply.commands"),
            "Only if an address does not show up: restart the adapter",
            Lang::PowerShell,
            format!("Restart-NetAdapter -Name {a}\n"),
        )],
    )
    .with_notes(vec![Note::info("New-NetIPAddress takes effect at once and persists across reboots: nothing needs restarting. Restarting the adapter drops RDP for a moment.")]);

    let verify = Step::new(
        StepKind::Verify,
        vec![Artifact::commands(
            format!("{id}.verify.commands"),
            "Check the addresses and the default route",
            Lang::PowerShell,
            format!(
                "Get-NetIPAddress -InterfaceAlias {a} -AddressFamily IPv4 | ForEach-Object {{ \"$($_.IPAddress)/$($_.PrefixLength) SkipAsSource=$($_.SkipAsSource)\" }}\nGet-NetRoute -InterfaceAlias {a} -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' | ForEach-Object {{ \"default via $($_.NextHop)\" }}\n"
            ),
        )
        .expecting(ps_expect(plan))],
    )
    .with_notes(vec![Note::info(format!(
        "Each planned address must show as a row with /{p}; the secondaries with SkipAsSource=True, the primary with False. `ipconfig` lists them too."
    ))]);

    let undo_cmds: String =
        plan.secondaries.iter().map(|ip| format!("{}\n", ps_remove(&a, *ip))).collect();
    let undo = common::undo_step(
        plan,
        vec![Artifact::commands(format!("{id}.undo.commands"), "Remove the secondaries from Windows (before unassigning them in the cloud)", Lang::PowerShell, &undo_cmds)],
        vec![Note::info("Removing a secondary takes effect at once; the primary stays static (turn DHCP back on with `Set-NetIPInterface -Dhcp Enabled` and `Set-DnsClientServerAddress -ResetServerAddresses` if you want).")],
    );

    Rendering {
        method: Method::PowerShell,
        steps: vec![common::assign_step(plan), configure, apply, verify, undo],
        notes: Vec::new(),
        script: Artifact::commands(
            format!("{id}.script"),
            "All-in-one PowerShell script",
            Lang::PowerShell,
            powershell_script(plan),
        ),
    }
}

/// The all-in-one PowerShell script: admin check, a timestamped backup,
/// the static primary (only what differs), each missing secondary, a check
/// of every address, and the rollback printed at the end.
fn powershell_script(plan: &Plan) -> String {
    let p = plan.prefix();
    let all: Vec<Ipv4Addr> = plan.all_addresses().collect();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Windows PowerShell: secondary private IPs {} on {}.",
        plan.secondaries.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(", "),
        plan.windows_alias.replace(['\r', '\n'], " ")
    );
    s.push_str("# Generated by the Secondary IP Wizard. Review before running.\n");
    s.push_str("# Run from the VNC console in an elevated PowerShell: RDP may drop while the primary becomes static.\n");
    s.push_str("$ErrorActionPreference = 'Stop'\n\n");
    s.push_str("$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())\n");
    s.push_str("if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {\n    Write-Warning 'run this script as Administrator'\n    exit 1\n}\n\n");
    let _ = writeln!(s, "$alias = {}", pwsh(&plan.windows_alias));
    let _ = writeln!(s, "$primary = '{}'", plan.primary);
    let _ = writeln!(s, "$prefix = {p}");
    let _ = writeln!(s, "$gateway = '{}'", plan.gateway);
    let _ = writeln!(s, "$secondaries = {}", ps_list(&plan.secondaries));
    if plan.dns.is_empty() {
        s.push_str("# No DNS server given: keep the ones the interface has now (DHCP's).\n");
        s.push_str("$dns = @((Get-DnsClientServerAddress -InterfaceAlias $alias -AddressFamily IPv4).ServerAddresses)\n");
    } else {
        let _ = writeln!(s, "$dns = {}", ps_list(&plan.dns));
    }
    s.push_str(
        r#"$null = Get-NetAdapter -Name $alias

function Test-Address([string]$ip) {
    $a = Get-NetIPAddress -InterfaceAlias $alias -AddressFamily IPv4 -IPAddress $ip -ErrorAction SilentlyContinue
    return [bool]($a | Where-Object { $_.PrefixLength -eq $prefix })
}

function Test-Route {
    $r = Get-NetRoute -InterfaceAlias $alias -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -ErrorAction SilentlyContinue
    return [bool]($r | Where-Object { $_.NextHop -eq $gateway })
}

$dhcp = (Get-NetIPInterface -InterfaceAlias $alias -AddressFamily IPv4).Dhcp -eq 'Enabled'
$currentDns = @((Get-DnsClientServerAddress -InterfaceAlias $alias -AddressFamily IPv4).ServerAddresses)
$missing = @($secondaries | Where-Object { -not (Test-Address $_) })
$needPrimary = $dhcp -or -not (Test-Address $primary) -or -not (Test-Route) -or (($currentDns -join ',') -ne ($dns -join ','))

if (-not $needPrimary -and $missing.Count -eq 0) {
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

    if ($needPrimary) {
        if ($dns.Count -eq 0) {
            Write-Warning 'no DNS server known: the interface will have none'
        }
        if ($dhcp) {
            Set-NetIPInterface -InterfaceAlias $alias -AddressFamily IPv4 -Dhcp Disabled
        }
        if (-not (Test-Address $primary)) {
            $null = New-NetIPAddress -InterfaceAlias $alias -AddressFamily IPv4 -IPAddress $primary -PrefixLength $prefix
        }
        if (-not (Test-Route)) {
            $null = New-NetRoute -InterfaceAlias $alias -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -NextHop $gateway
        }
        if ($dns.Count -gt 0) {
            Set-DnsClientServerAddress -InterfaceAlias $alias -ServerAddresses $dns
        }
        Write-Output "static primary: $primary/$prefix via $gateway"
    }
    foreach ($ip in $secondaries) {
        if (Test-Address $ip) {
            Write-Output "unchanged: $ip"
        } else {
            $null = New-NetIPAddress -InterfaceAlias $alias -AddressFamily IPv4 -IPAddress $ip -PrefixLength $prefix -SkipAsSource $true
            Write-Output "added: $ip/$prefix"
        }
    }
}

# Check that every planned address is present.
$bad = 0
"#,
    );
    let _ = writeln!(s, "foreach ($ip in {}) {{", ps_list(&all));
    s.push_str(
        r#"    if (-not (Test-Address $ip)) {
        Write-Warning "missing: $ip/$prefix on $alias"
        $bad = 1
    }
}
if ($bad -ne 0) {
    Write-Warning 'some addresses are missing: see above'
    exit 1
}
Write-Output 'all planned addresses are present'
Write-Output 'to remove these secondary addresses again, run:'
"#,
    );
    let a = pwsh(&plan.windows_alias);
    for ip in &plan.secondaries {
        let _ = writeln!(s, "Write-Output {}", pwsh(&format!("  {}", ps_remove(&a, *ip))));
    }
    s.push_str("if ($backup) {\n    Write-Output \"the settings before this run are in $backup (Import-Clixml)\"\n}\n");
    s
}

/// Renders [`Method::Netsh`].
pub fn render_netsh(plan: &Plan) -> Rendering {
    let id = Method::Netsh.as_str();
    let Some(name) = cmd(&plan.windows_alias) else {
        return netsh_refused(plan);
    };
    let mask = plan.subnet.mask();
    let mut notes = windows_notes(plan);

    let mut c = String::new();
    let _ = writeln!(
        c,
        "netsh interface ipv4 set address name={name} static {} {mask} {}",
        plan.primary, plan.gateway
    );
    match plan.dns.split_first() {
        Some((first, rest)) => {
            let _ = writeln!(c, "netsh interface ipv4 set dnsservers name={name} static {first} primary validate=no");
            for (k, d) in rest.iter().enumerate() {
                let _ = writeln!(c, "netsh interface ipv4 add dnsservers name={name} {d} index={} validate=no", k + 2);
            }
        }
        None => notes.push(Note::warning("No DNS server is given: netsh cannot carry over the ones DHCP gave, so the interface will have none. Add them to the form (`ipconfig /all` shows them) or use the PowerShell tab, which keeps them.")),
    }
    for ip in &plan.secondaries {
        let _ = writeln!(
            c,
            "netsh interface ipv4 add address name={name} {ip} {mask} skipassource=true"
        );
    }
    let configure = Step::new(
        StepKind::Configure,
        vec![Artifact::commands(format!("{id}.configure.commands"), "Set the primary statically, then add the secondaries (Command Prompt as Administrator)", Lang::Cmd, &c)],
    )
    .with_notes({
        let mut n = notes.clone();
        n.push(Note::info("skipassource=true keeps the primary as the source of outgoing traffic (Alibaba's network FAQ: otherwise outbound traffic may break)."));
        n
    });
    notes.clear();

    let apply = Step::new(
        StepKind::Apply,
        vec![Artifact::commands(
            format!("{id}.apply.commands"),
            "Only if an address does not show up: restart the adapter",
            Lang::Cmd,
            format!("netsh interface set interface name={name} admin=disabled\nnetsh interface set interface name={name} admin=enabled\n"),
        )],
    )
    .with_notes(vec![Note::info("netsh changes take effect at once and persist across reboots: nothing needs restarting. Disabling the adapter cuts the network until it is enabled again: only from the VNC console.")]);

    let mut expect: Vec<String> =
        plan.all_addresses().map(|ip| format!("IP Address: {ip}")).collect();
    expect.push(format!("Default Gateway: {}", plan.gateway));
    let verify = Step::new(
        StepKind::Verify,
        vec![Artifact::commands(format!("{id}.verify.commands"), "Check the addresses and the default gateway", Lang::Cmd, format!("netsh interface ipv4 show addresses name={name}\n")).expecting(expect)],
    )
    .with_notes(vec![Note::info(format!("Each planned address must show as an IP Address line, with the subnet prefix /{} (the spacing and, on a localised Windows, the labels differ).", plan.prefix()))]);

    let undo_cmds: String = plan
        .secondaries
        .iter()
        .map(|ip| format!("netsh interface ipv4 delete address name={name} addr={ip}\n"))
        .collect();
    let undo = common::undo_step(
        plan,
        vec![Artifact::commands(
            format!("{id}.undo.commands"),
            "Remove the secondaries from Windows (before unassigning them in the cloud)",
            Lang::Cmd,
            &undo_cmds,
        )],
        vec![],
    );

    Rendering {
        method: Method::Netsh,
        steps: vec![common::assign_step(plan), configure, apply, verify, undo],
        notes,
        script: Artifact::commands(
            format!("{id}.script"),
            "All-in-one batch file (.cmd)",
            Lang::Cmd,
            netsh_script(plan, &name, &c, &undo_cmds),
        ),
    }
}

/// The findstr test that `ip` is on the interface: the address ends a line
/// of `netsh interface ipv4 show addresses`.
fn findstr_has(name: &str, ip: Ipv4Addr) -> String {
    format!(
        "netsh interface ipv4 show addresses name={name} | findstr /r /c:\"[^0-9.]{} *$\" >nul",
        ip.to_string().replace('.', "\\.")
    )
}

/// The all-in-one `.cmd` batch file. It uses no labels or `goto` (cmd.exe
/// mis-finds labels in files with `\n` line endings) and no parenthesised
/// block around a `%variable%` set inside it; every `%` is a variable
/// (`%%t` in the `for`). The alias has no `"`, `%` or `!` (else no script).
fn netsh_script(plan: &Plan, name: &str, configure: &str, undo: &str) -> String {
    let mut s = String::new();
    s.push_str("@echo off\n");
    s.push_str("setlocal DisableDelayedExpansion\n");
    let _ = writeln!(s, "rem netsh: secondary private IPs {} (generated by the Secondary IP Wizard; review before running).", plan.secondaries.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(", "));
    s.push_str("rem Run from the VNC console in a Command Prompt opened as Administrator: RDP may drop.\n\n");
    s.push_str("net session >nul 2>&1 || (>&2 echo run this script from a Command Prompt opened as Administrator& exit /b 1)\n\n");
    s.push_str("rem Nothing to do when every planned address is already there.\nset missing=0\n");
    for ip in plan.all_addresses() {
        let _ = writeln!(s, "{} || set missing=1", findstr_has(name, ip));
    }
    s.push_str(
        "if \"%missing%\"==\"0\" echo unchanged: every planned address is already there\n\n",
    );
    s.push_str("rem Back up the current configuration (restore with: netsh -f FILE).\n");
    s.push_str("set backup=\n");
    s.push_str("if \"%missing%\"==\"1\" for /f %%t in ('powershell -NoProfile -Command \"Get-Date -Format yyyyMMdd-HHmmss\"') do set stamp=%%t\n");
    s.push_str("if \"%missing%\"==\"1\" if not exist \"%ProgramData%\\SecondaryIpWizard\" mkdir \"%ProgramData%\\SecondaryIpWizard\"\n");
    s.push_str("if \"%missing%\"==\"1\" set \"backup=%ProgramData%\\SecondaryIpWizard\\netsh-%stamp%.txt\"\n");
    s.push_str("if \"%missing%\"==\"1\" netsh interface ipv4 dump > \"%backup%\"\n");
    s.push_str("if \"%missing%\"==\"1\" ipconfig /all > \"%ProgramData%\\SecondaryIpWizard\\ipconfig-%stamp%.txt\"\n");
    s.push_str("if \"%missing%\"==\"1\" echo backed up: \"%backup%\"\n\n");
    s.push_str("rem The primary statically first, then each secondary (one that exists only reports so).\n");
    for line in configure.lines() {
        let _ = writeln!(s, "if \"%missing%\"==\"1\" {line}");
    }
    s.push_str("\nrem Check that every planned address is present.\nset missing=0\n");
    for ip in plan.all_addresses() {
        let _ = writeln!(s, "{} || (>&2 echo missing: {ip}& set missing=1)", findstr_has(name, ip));
    }
    s.push_str(
        "if not \"%missing%\"==\"0\" (>&2 echo some addresses are missing: see above& exit /b 1)\n",
    );
    s.push_str("echo all planned addresses are present\necho to remove these secondary addresses again, run:\n");
    for line in undo.lines() {
        let _ = writeln!(s, "echo   {line}");
    }
    s.push_str(
        "if defined backup echo the settings before this run are in \"%backup%\"\nexit /b 0\n",
    );
    s
}

/// The netsh rendering for an alias cmd.exe cannot carry: no commands, a
/// warning, and a batch file that only says so.
fn netsh_refused(plan: &Plan) -> Rendering {
    let id = Method::Netsh.as_str();
    let why = "The interface alias holds a character (\", % or !) that cmd.exe cannot pass to netsh safely: rename the interface (Rename-NetAdapter) or use the PowerShell tab.";
    let text = |step: &str| {
        Artifact::text(format!("{id}.{step}.text"), "Not available for this alias", why)
    };
    Rendering {
        method: Method::Netsh,
        steps: vec![
            common::assign_step(plan),
            Step::new(StepKind::Configure, vec![text("configure")]),
            Step::new(StepKind::Apply, vec![text("apply")]),
            Step::new(StepKind::Verify, vec![text("verify")]),
            common::undo_step(plan, vec![text("undo")], vec![]),
        ],
        notes: vec![Note::warning(why)],
        script: Artifact::commands(
            format!("{id}.script"),
            "All-in-one batch file (.cmd)",
            Lang::Cmd,
            "@echo off\nrem The interface alias cannot be passed to netsh safely: use the PowerShell script.\n>&2 echo this interface alias cannot be used with netsh: use the PowerShell script\nexit /b 1\n",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{artifact, plan_with};

    fn plan(alias: &str, mode: &str, dns: &str) -> Plan {
        plan_with(|f| {
            (f.os, f.mode) = ("win2019".into(), mode.into());
            (f.windows_alias, f.dns) = (alias.into(), dns.into());
        })
    }

    #[test]
    fn powershell_sets_the_primary_first_then_secondaries_with_skip_as_source() {
        for mode in ["keep", "static"] {
            let r = render_powershell(&plan("Ethernet 2", mode, "100.100.2.136,100.100.2.138"));
            let c = &artifact(&r, "powershell.configure.commands").content;
            let primary = c.find("-IPAddress '192.168.1.201' -PrefixLength 24 }").unwrap();
            assert!(c.contains("-DestinationPrefix '0.0.0.0/0' -NextHop '192.168.1.253' }"));
            let dns = c.find("-ServerAddresses @('100.100.2.136', '100.100.2.138')").unwrap();
            let sec =
                c.find("-IPAddress '192.168.1.202' -PrefixLength 24 -SkipAsSource $true").unwrap();
            assert!(primary < dns && dns < sec);
            assert!(c.contains("-InterfaceAlias 'Ethernet 2' "));
            assert!(r.steps[1].notes.iter().any(|n| n.text.contains("VNC")));
            assert_eq!(
                mode == "keep",
                r.steps[1].notes.iter().any(|n| n.text.starts_with("Windows has no way"))
            );
        }
    }

    #[test]
    fn powershell_script_is_idempotent_and_checks_every_address() {
        let r = render_powershell(&plan("Ethernet", "keep", ""));
        let s = &r.script.content;
        assert_eq!(r.script.id, "powershell.script");
        assert_eq!(r.script.lang, Lang::PowerShell);
        assert!(s.contains("$ErrorActionPreference = 'Stop'\n"));
        assert!(s.contains("IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)"));
        assert!(s.contains("-ErrorAction SilentlyContinue"));
        assert!(s.contains("Export-Clixml"));
        assert!(
            s.contains("foreach ($ip in @('192.168.1.201', '192.168.1.202', '192.168.1.203')) {")
        );
        assert!(s.contains("$dns = @((Get-DnsClientServerAddress"));
        assert!(s.contains("Write-Output '  Remove-NetIPAddress -InterfaceAlias ''Ethernet'' -AddressFamily IPv4 -IPAddress ''192.168.1.202'' -Confirm:$false'\n"));
    }

    #[test]
    fn powershell_quotes_hostile_aliases() {
        let r = render_powershell(&plan("it's $(evil) `x`", "static", ""));
        for a in r.artifacts() {
            assert!(!a.content.contains("-InterfaceAlias it's"), "{}", a.id);
        }
        assert!(r.script.content.contains("$alias = 'it''s $(evil) `x`'\n"));
        let undo = &artifact(&r, "powershell.undo.commands").content;
        assert!(undo.starts_with("Remove-NetIPAddress -InterfaceAlias 'it''s $(evil) `x`' -AddressFamily IPv4 -IPAddress '192.168.1.202' -Confirm:$false\n"));
    }

    #[test]
    fn powershell_verify_expects_one_row_per_address() {
        let r = render_powershell(&plan("Ethernet", "static", "100.100.2.136"));
        let v = artifact(&r, "powershell.verify.commands");
        assert_eq!(
            v.expect,
            [
                "192.168.1.201/24 SkipAsSource=False",
                "192.168.1.202/24 SkipAsSource=True",
                "192.168.1.203/24 SkipAsSource=True",
                "default via 192.168.1.253"
            ]
        );
    }

    #[test]
    fn netsh_sets_primary_dns_then_secondaries() {
        let r = render_netsh(&plan("Ethernet 2", "static", "100.100.2.136 100.100.2.138"));
        let c = &artifact(&r, "netsh.configure.commands").content;
        assert_eq!(
            c,
            "netsh interface ipv4 set address name=\"Ethernet 2\" static 192.168.1.201 255.255.255.0 192.168.1.253\n\
             netsh interface ipv4 set dnsservers name=\"Ethernet 2\" static 100.100.2.136 primary validate=no\n\
             netsh interface ipv4 add dnsservers name=\"Ethernet 2\" 100.100.2.138 index=2 validate=no\n\
             netsh interface ipv4 add address name=\"Ethernet 2\" 192.168.1.202 255.255.255.0 skipassource=true\n\
             netsh interface ipv4 add address name=\"Ethernet 2\" 192.168.1.203 255.255.255.0 skipassource=true\n"
        );
        assert_eq!(r.script.lang, Lang::Cmd);
        assert!(r.script.content.contains(" for /f %%t in "));
        assert!(!r.script.content.contains("goto"));
        assert!(r.script.content.contains("findstr /r /c:\"[^0-9.]192\\.168\\.1\\.202 *$\""));
    }

    #[test]
    fn netsh_refuses_aliases_cmd_cannot_carry() {
        for alias in ["50%OFF", "say \"hi\"", "wow!"] {
            let r = render_netsh(&plan(alias, "keep", ""));
            assert!(r
                .notes
                .iter()
                .any(|n| n.level == crate::render::NoteLevel::Warning
                    && n.text.contains("PowerShell")));
            for a in r.artifacts() {
                assert!(!a.content.contains("netsh interface"), "{alias}: {}", a.id);
                assert!(!a.content.contains(alias), "{alias}: {}", a.id);
            }
        }
    }
}
