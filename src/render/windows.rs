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

use super::quote::{cmd, findstr_addr, pwsh, pwsh_list};
use super::{cloud, Artifact, Lang, Note, Rendering, Step, StepKind};
use crate::catalog::Method;
use crate::plan::{Mode, Plan};
use crate::wording::render::{NoteText as N, TitleText as T};
use crate::wording::{self, Locale};

/// Words a typed note.
fn say(locale: Locale, level: fn(String) -> Note, n: N) -> Note {
    level(wording::note(locale, &n))
}

/// Notes shared by both Windows methods.
fn windows_notes(plan: &Plan, locale: Locale) -> Vec<Note> {
    let mut notes = vec![say(locale, Note::warning, N::WindowsVnc)];
    if plan.mode == Mode::KeepDhcp {
        notes.push(say(locale, Note::info, N::WindowsNoKeepDhcp));
    }
    notes
}

/// The Undo step: the OS side, then the cloud side.
fn undo_step(plan: &Plan, locale: Locale, os_side: Vec<Artifact>, notes: Vec<Note>) -> Step {
    let mut artifacts = os_side;
    artifacts.extend(cloud::undo_artifacts(plan, locale));
    Step::new(StepKind::Undo, artifacts).with_notes(notes)
}

/// One Windows step: its first block of commands (named `commands`), what
/// its output must show, more blocks if any (name, heading, commands), and
/// its notes (worded).
struct WinStep {
    title: T,
    commands: String,
    expect: Vec<String>,
    more: Vec<(&'static str, T, String)>,
    notes: Vec<Note>,
}

/// A Windows method's rendering: the cloud side's Assign step, then
/// Configure, Apply, Verify and Undo (each one block `METHOD.STEP.commands`
/// in `lang`, Undo followed by the cloud side's), and the script.
fn rendering(
    plan: &Plan,
    locale: Locale,
    method: Method,
    lang: Lang,
    steps: [WinStep; 4],
    notes: Vec<Note>,
    script: (T, String),
) -> Rendering {
    let id = method.as_str();
    let [configure, apply, verify, undo] = steps;
    let block = |kind: StepKind, s: WinStep| {
        let mut blocks = vec![Artifact::commands(
            format!("{id}.{}.commands", kind.as_str()),
            wording::title(locale, &s.title),
            lang,
            s.commands,
        )
        .expecting(s.expect)];
        blocks.extend(s.more.into_iter().map(|(name, title, commands)| {
            Artifact::commands(
                format!("{id}.{}.{name}", kind.as_str()),
                wording::title(locale, &title),
                lang,
                commands,
            )
        }));
        (blocks, s.notes)
    };
    let step = |kind: StepKind, s: WinStep| {
        let (blocks, notes) = block(kind, s);
        Step::new(kind, blocks).with_notes(notes)
    };
    let (undo_blocks, undo_notes) = block(StepKind::Undo, undo);
    Rendering {
        method,
        steps: vec![
            cloud::assign_step(plan, locale),
            step(StepKind::Configure, configure),
            step(StepKind::Apply, apply),
            step(StepKind::Verify, verify),
            undo_step(plan, locale, undo_blocks, undo_notes),
        ],
        notes,
        script: Artifact::commands(
            format!("{id}.script"),
            wording::title(locale, &script.0),
            lang,
            script.1,
        ),
    }
}

/// The interface metric of a secondary ENI: above any automatic metric
/// Windows gives an Ethernet adapter, so the primary ENI's default route
/// wins for new connections, and (strong host model) traffic from the
/// secondary ENI's own addresses still leaves through it.
const ENI_METRIC: u32 = 100;

/// A secondary ENI's notes: its metric, and (`six`: IPv6 addresses are
/// added) why its IPv6 addresses need no routing of their own.
fn eni_notes(plan: &Plan, locale: Locale, six: bool, notes: &mut Vec<Note>) {
    if plan.table.is_some() {
        notes.push(say(locale, Note::info, N::WindowsEniMetric { metric: ENI_METRIC }));
        if six {
            let alias = plan.windows_alias.clone();
            notes.push(say(locale, Note::info, N::WindowsEniIpv6 { alias }));
        }
    }
}

/// Whether Verify shows the interface's own IPv6 default route: a
/// secondary ENI's IPv6 addresses answer through it alone.
fn shows_route6(plan: &Plan) -> bool {
    plan.table.is_some() && !six(plan).is_empty()
}

/// The line Verify prints when the interface has an IPv6 default route.
const ROUTE6_YES: &str = "IPv6 default route: yes";

/// The PowerShell that prints [`ROUTE6_YES`] or that there is none, for
/// the interface `alias` (quoted for PowerShell, no `"` in it).
fn route6_check(alias: &str) -> String {
    format!("if (Get-NetRoute -InterfaceAlias {alias} -AddressFamily IPv6 -DestinationPrefix '::/0' -ErrorAction SilentlyContinue) {{ '{ROUTE6_YES}' }} else {{ 'IPv6 default route: none' }}")
}

/// What a script's first line says it adds: the IPv4 secondaries and the
/// IPv6 addresses, each list only where there is one.
fn header_addrs(plan: &Plan) -> String {
    let join = |v: Vec<String>| v.join(", ");
    let four = join(plan.secondaries.iter().map(|&a| crate::net::dotted(a)).collect());
    let six = join(six(plan));
    match (four.is_empty(), six.is_empty()) {
        (false, false) => format!("secondary private IPs {four} and IPv6 addresses {six}"),
        (true, false) => format!("IPv6 addresses {six}"),
        _ => format!("secondary private IPs {four}"),
    }
}

/// The lines `verify` prints, one per address, then the default route.
fn ps_expect(plan: &Plan) -> Vec<String> {
    let p = plan.prefix();
    let mut expect = vec![format!("{}/{p} SkipAsSource=False", plan.primary)];
    expect.extend(
        plan.secondaries
            .iter()
            .map(|&a| format!("{}/{p} SkipAsSource=True", crate::net::Dotted(a))),
    );
    let p6 = plan.prefix6();
    expect.extend(six(plan).iter().map(|a| format!("{a}/{p6} SkipAsSource=True")));
    expect.push(format!("default via {}", plan.gateway));
    if plan.table.is_some() {
        expect.push(format!("metric {ENI_METRIC}"));
    }
    if shows_route6(plan) {
        expect.push(ROUTE6_YES.into());
    }
    expect
}

/// The `Remove-NetIPAddress` line for one secondary, of `family` (`IPv4`
/// or `IPv6`).
fn ps_remove(alias: &str, family: &str, ip: &dyn std::fmt::Display) -> String {
    format!("Remove-NetIPAddress -InterfaceAlias {alias} -AddressFamily {family} -IPAddress '{ip}' -Confirm:$false")
}

/// The IPv6 addresses to add ([`super::v6::addrs`] of either Windows
/// method; on a secondary ENI too: [`super::v6::configured`]), as text. The interface's own IPv6 settings (DHCPv6, router
/// advertisements: `Set-NetIPInterface -AddressFamily IPv6`) are never
/// changed: they give the ENI's own IPv6 address and default route.
fn six(plan: &Plan) -> Vec<String> {
    super::v6::addrs(plan, Method::PowerShell).iter().map(|a| a.to_string()).collect()
}

/// Every `Remove-NetIPAddress` line of Undo: the IPv4 secondaries, then the
/// IPv6 addresses.
fn ps_removes(plan: &Plan, alias: &str) -> Vec<String> {
    let v4 = plan.secondaries.iter().map(|ip| ps_remove(alias, "IPv4", ip));
    v4.chain(six(plan).iter().map(|ip| ps_remove(alias, "IPv6", ip))).collect()
}

/// Renders [`Method::PowerShell`], its prose in `locale`.
pub fn render_powershell(plan: &Plan, locale: Locale) -> Rendering {
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
    let _ = writeln!(c, "if (-not (Get-NetIPAddress -InterfaceAlias {a} -AddressFamily IPv4 -IPAddress '{primary}' -PolicyStore PersistentStore -ErrorAction SilentlyContinue)) {{ New-NetIPAddress -InterfaceAlias {a} -AddressFamily IPv4 -IPAddress '{primary}' -PrefixLength {p} }}");
    let _ = writeln!(c, "if (-not (Get-NetRoute -InterfaceAlias {a} -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -PolicyStore PersistentStore -ErrorAction SilentlyContinue)) {{ New-NetRoute -InterfaceAlias {a} -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' -NextHop '{gw}' }}");
    if plan.dns.is_empty() {
        let _ = writeln!(c, "Set-DnsClientServerAddress -InterfaceAlias {a} -ServerAddresses $dns");
    } else {
        let _ = writeln!(
            c,
            "Set-DnsClientServerAddress -InterfaceAlias {a} -ServerAddresses {}",
            pwsh_list(&plan.dns)
        );
    }
    if plan.table.is_some() {
        let _ = writeln!(c, "# A secondary ENI: a higher metric than the primary ENI's, so its default route is used only by its own addresses.");
        let _ = writeln!(c, "Set-NetIPInterface -InterfaceAlias {a} -AddressFamily IPv4 -InterfaceMetric {ENI_METRIC}");
    }
    let _ = writeln!(c, "# 2. Each secondary not there yet, never used as the source address.");
    for ip in &plan.secondaries {
        let _ = writeln!(c, "if (-not (Get-NetIPAddress -InterfaceAlias {a} -AddressFamily IPv4 -IPAddress '{ip}' -PolicyStore PersistentStore -ErrorAction SilentlyContinue)) {{ New-NetIPAddress -InterfaceAlias {a} -AddressFamily IPv4 -IPAddress '{ip}' -PrefixLength {p} -SkipAsSource $true }}");
    }
    let six = six(plan);
    let p6 = plan.prefix6();
    if !six.is_empty() {
        let _ = writeln!(c, "# 3. Each IPv6 address not there yet, never used as the source address (the interface's own IPv6 settings stay as they are).");
    }
    for ip in &six {
        let _ = writeln!(c, "if (-not (Get-NetIPAddress -InterfaceAlias {a} -AddressFamily IPv6 -IPAddress '{ip}' -PolicyStore PersistentStore -ErrorAction SilentlyContinue)) {{ New-NetIPAddress -InterfaceAlias {a} -AddressFamily IPv6 -IPAddress '{ip}' -PrefixLength {p6} -SkipAsSource $true }}");
    }
    let mut configure_notes = windows_notes(plan, locale);
    configure_notes.push(say(locale, Note::info, N::WindowsSkipAsSource { flag: "SkipAsSource" }));
    if !six.is_empty() {
        configure_notes.push(say(
            locale,
            Note::info,
            N::WindowsIpv6 { prefix: p6, flag: "-SkipAsSource $true" },
        ));
    }
    eni_notes(plan, locale, !six.is_empty(), &mut configure_notes);
    if plan.dns.is_empty() {
        configure_notes.push(say(locale, Note::info, N::PowerShellKeepsDns));
    }
    let mut verify = format!(
        "Get-NetIPAddress -InterfaceAlias {a} -AddressFamily IPv4 | ForEach-Object {{ \"$($_.IPAddress)/$($_.PrefixLength) SkipAsSource=$($_.SkipAsSource)\" }}\nGet-NetRoute -InterfaceAlias {a} -AddressFamily IPv4 -DestinationPrefix '0.0.0.0/0' | ForEach-Object {{ \"default via $($_.NextHop)\" }}\n"
    );
    if !six.is_empty() {
        let _ = writeln!(verify, "Get-NetIPAddress -InterfaceAlias {a} -AddressFamily IPv6 | ForEach-Object {{ \"$($_.IPAddress)/$($_.PrefixLength) SkipAsSource=$($_.SkipAsSource)\" }}");
    }
    if plan.table.is_some() {
        let _ = writeln!(verify, "Get-NetIPInterface -InterfaceAlias {a} -AddressFamily IPv4 | ForEach-Object {{ \"metric $($_.InterfaceMetric)\" }}");
    }
    if shows_route6(plan) {
        let _ = writeln!(verify, "{}", route6_check(&a));
    }
    let undo: String = ps_removes(plan, &a).iter().map(|l| format!("{l}\n")).collect();
    let info = |n: N| say(locale, Note::info, n);
    rendering(
        plan,
        locale,
        Method::PowerShell,
        Lang::PowerShell,
        [
            WinStep {
                title: T::WindowsPrimaryThenSecondaries,
                commands: c,
                expect: Vec::new(),
                more: Vec::new(),
                notes: configure_notes,
            },
            WinStep {
                title: T::RestartAdapterIfMissing,
                commands: format!("Restart-NetAdapter -Name {a}\n"),
                expect: Vec::new(),
                more: Vec::new(),
                notes: vec![info(N::PowerShellApply)],
            },
            WinStep {
                title: T::CheckAddressesAndRoute,
                commands: verify,
                expect: ps_expect(plan),
                more: Vec::new(),
                notes: vec![info(N::PowerShellVerify { prefix: p })],
            },
            WinStep {
                title: T::RemoveFromWindows,
                commands: undo,
                expect: Vec::new(),
                more: Vec::new(),
                notes: vec![info(N::PowerShellUndo)],
            },
        ],
        vec![say(
            locale,
            Note::info,
            N::SafetyNetPowerShell { window: super::script::SAFETY_WINDOW },
        )],
        (T::AllInOnePowerShell, powershell_script(plan)),
    )
}

/// The body of the all-in-one PowerShell script (`src/render/ps/apply.ps1`),
/// after the variables: checks against the persistent store, the backup, the
/// change inside `try` (a failure takes back what the run changed), the
/// revert file, and the final check.
const APPLY_PS: &str = include_str!("ps/apply.ps1");

/// The PowerShell script's parameters (its first statement).
const PARAMS_PS: &str = include_str!("ps/params.ps1");

/// The all-in-one PowerShell script: admin check, a timestamped backup,
/// the static primary (only what differs), each missing secondary, a check
/// of every address in the persistent store, and the rollback printed at
/// the end: the secondaries' removal, and the exact revert of this run.
fn powershell_script(plan: &Plan) -> String {
    let p = plan.prefix();
    let all: Vec<Ipv4Addr> = plan.all_addresses().collect();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Windows PowerShell: {} on {}.",
        header_addrs(plan),
        plan.windows_alias.replace(['\r', '\n'], " ")
    );
    s.push_str("# Generated by the Secondary IP Wizard. Review before running.\n");
    s.push_str("# Run from the VNC console in an elevated PowerShell: RDP may drop while the primary becomes static.\n");
    s.push_str(PARAMS_PS);
    s.push_str("$ErrorActionPreference = 'Stop'\n\n");
    s.push_str("$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())\n");
    s.push_str("if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {\n    Write-Warning 'run this script as Administrator'\n    exit 1\n}\n\n");
    let _ = writeln!(s, "$alias = {}", pwsh(&plan.windows_alias));
    let _ = writeln!(s, "$primary = '{}'", plan.primary);
    let _ = writeln!(s, "$prefix = {p}");
    let _ = writeln!(s, "$gateway = '{}'", plan.gateway);
    let _ = writeln!(s, "$secondaries = {}", pwsh_list(&plan.secondaries));
    // The IPv6 addresses to add, each with -SkipAsSource (none: @()).
    let six: Vec<String> = six(plan).iter().map(|a| pwsh(a)).collect();
    let _ = writeln!(s, "$secondaries6 = @({})", six.join(", "));
    let _ = writeln!(s, "$prefix6 = {}", plan.prefix6());
    if plan.dns.is_empty() {
        s.push_str("# No DNS server given: keep the ones the interface has now (DHCP's).\n");
        s.push_str("$dns = @((Get-DnsClientServerAddress -InterfaceAlias $alias -AddressFamily IPv4).ServerAddresses)\n");
    } else {
        let _ = writeln!(s, "$dns = {}", pwsh_list(&plan.dns));
    }
    let _ = writeln!(s, "$planned = {}", pwsh_list(&all));
    match plan.table {
        Some(_) => {
            let _ = writeln!(
                s,
                "# A secondary ENI: its metric above the primary ENI's.\n$metric = {ENI_METRIC}"
            );
        }
        None => s.push_str("$metric = $null\n"),
    }
    s.push_str(APPLY_PS);
    s.push_str("Write-Output 'to remove these secondary addresses again, run:'\n");
    let a = pwsh(&plan.windows_alias);
    for line in ps_removes(plan, &a) {
        let _ = writeln!(s, "Write-Output {}", pwsh(&format!("  {line}")));
    }
    s.push_str("if ($revert.Count -gt 0) {\n    Write-Output \"to take back exactly what this run changed: powershell -File $revertFile\"\n    Write-Output ('  ' + ($revert -join '; '))\n}\n");
    s.push_str("if ($backup) {\n    Write-Output \"the settings before this run are in $backup (Import-Clixml)\"\n}\n");
    s
}

/// Renders [`Method::Netsh`], its prose in `locale`.
pub fn render_netsh(plan: &Plan, locale: Locale) -> Rendering {
    let Some(name) = cmd(&plan.windows_alias) else {
        return netsh_refused(plan, locale, N::NetshRefused);
    };
    // `set address … static` turns DHCP off, and its DNS with it; netsh
    // cannot carry over the servers DHCP gave, so without them: no commands.
    let Some((first_dns, more_dns)) = plan.dns.split_first() else {
        return netsh_refused(plan, locale, N::NetshNoDns);
    };
    let mask = plan.subnet.mask();
    let notes = windows_notes(plan, locale);

    // The first time only: DHCP to static. `set address` replaces every
    // address of the interface, so it never runs once the interface is static.
    let mut first = format!(
        "netsh interface ipv4 set address name={name} static {} {mask} {}\n",
        plan.primary, plan.gateway
    );
    let _ = writeln!(
        first,
        "netsh interface ipv4 set dnsservers name={name} static {first_dns} primary validate=no"
    );
    for (k, d) in more_dns.iter().enumerate() {
        let _ = writeln!(
            first,
            "netsh interface ipv4 add dnsservers name={name} {d} index={} validate=no",
            k + 2
        );
    }
    if plan.table.is_some() {
        let _ = writeln!(
            first,
            "netsh interface ipv4 set interface interface={name} metric={ENI_METRIC}"
        );
    }
    let adds: Vec<String> = plan
        .secondaries
        .iter()
        .map(|ip| {
            format!("netsh interface ipv4 add address name={name} {ip} {mask} skipassource=true")
        })
        .collect();
    // The IPv6 addresses: `netsh interface ipv6 add address
    // [interface=]IF [address=]A[/prefix] … [skipassource=true]` (the
    // IPv4 `set address` never touches them).
    let six = six(plan);
    let p6 = plan.prefix6();
    let adds6: Vec<String> = six
        .iter()
        .map(|ip| {
            format!("netsh interface ipv6 add address interface={name} address={ip}/{p6} skipassource=true")
        })
        .collect();
    let mut configure_notes = notes;
    configure_notes.push(say(
        locale,
        Note::info,
        N::WindowsSkipAsSource { flag: "skipassource=true" },
    ));
    if !six.is_empty() {
        configure_notes.push(say(
            locale,
            Note::info,
            N::WindowsIpv6 { prefix: p6, flag: "skipassource=true" },
        ));
    }
    configure_notes.push(say(locale, Note::info, N::NetshFirstTimeOnly));
    eni_notes(plan, locale, !six.is_empty(), &mut configure_notes);
    let mut expect: Vec<String> =
        plan.all_addresses().map(|ip| format!("IP Address: {ip}")).collect();
    expect.push(format!("Default Gateway: {}", plan.gateway));
    expect.extend(six.iter().cloned());
    let mut verify = format!("netsh interface ipv4 show addresses name={name}\n");
    if !six.is_empty() {
        let _ = writeln!(verify, "netsh interface ipv6 show addresses interface={name}");
    }
    if shows_route6(plan) {
        // netsh's `show route` names no interface by alias: PowerShell's
        // Get-NetRoute does (the alias has no `"`: [`cmd`]).
        let check = route6_check(&pwsh(&plan.windows_alias));
        let _ = writeln!(verify, "powershell -NoProfile -Command \"{check}\"");
        expect.push(ROUTE6_YES.into());
    }
    let mut undo: String = plan
        .secondaries
        .iter()
        .map(|ip| format!("netsh interface ipv4 delete address name={name} addr={ip}\n"))
        .collect();
    for ip in &six {
        let _ = writeln!(undo, "netsh interface ipv6 delete address interface={name} address={ip}");
    }
    let script = netsh_script(plan, &name, &first, (&adds, &adds6), &undo);
    let all_adds: Vec<String> = adds.into_iter().chain(adds6).collect();
    rendering(
        plan,
        locale,
        Method::Netsh,
        Lang::Cmd,
        [
            WinStep {
                title: T::NetshFirstTime,
                commands: first,
                expect: Vec::new(),
                more: vec![("add", T::NetshAddSecondaries, all_adds.join("\n"))],
                notes: configure_notes,
            },
            WinStep {
                title: T::RestartAdapterIfMissing,
                commands: format!("netsh interface set interface name={name} admin=disabled\nnetsh interface set interface name={name} admin=enabled\n"),
                expect: Vec::new(),
                more: Vec::new(),
                notes: vec![say(locale, Note::info, N::NetshApply)],
            },
            WinStep {
                title: T::CheckAddressesAndGateway,
                commands: verify,
                expect,
                more: Vec::new(),
                notes: vec![say(locale, Note::info, N::NetshVerify { prefix: plan.prefix() })],
            },
            WinStep {
                title: T::RemoveFromWindows,
                commands: undo,
                expect: Vec::new(),
                more: Vec::new(),
                notes: Vec::new(),
            },
        ],
        vec![say(locale, Note::info, N::SafetyNetNetsh { window: NETSH_WINDOW })],
        (T::AllInOneBatch, script),
    )
}

/// The findstr test that `ip` is on the interface: the address ends a line
/// of `netsh interface ipv4 show addresses`.
fn findstr_has(name: &str, ip: Ipv4Addr) -> String {
    format!(
        "netsh interface ipv4 show addresses name={name} | findstr /r /c:\"[^0-9.]{} *$\" >nul",
        findstr_addr(ip)
    )
}

/// The findstr test that the IPv6 address `ip` is on the interface: in
/// `netsh interface ipv6 show addresses`, set off by anything that is not
/// part of an address (or the end of the line).
fn findstr_has6(name: &str, ip: &str) -> String {
    format!(
        "netsh interface ipv6 show addresses interface={name} | findstr /r /c:\"[^0-9a-f:]{ip}[^0-9a-f:]\" /c:\"[^0-9a-f:]{ip}$\" >nul"
    )
}

/// How long the `.cmd` script's safety net waits for a yes (seconds).
const NETSH_WINDOW: u32 = 120;

/// The `.cmd` script's safety net, armed before the first change: a
/// one-shot scheduled task (registered through PowerShell's ScheduledTasks
/// module, as cmd cannot count seconds) that puts the backup back with
/// `netsh -f` after [`NETSH_WINDOW`] seconds unless the change is kept.
/// `/yes` keeps it when the checks pass; `/norollback` turns it off.
fn netsh_arm() -> String {
    format!(
        "rem The safety net (/norollback turns it off): a one-shot scheduled task, armed before the first change,
         rem puts the backup back (netsh -f) after {w} s unless the change is kept (/yes keeps it when the checks pass).
         set yes=0
set norollback=0
set armed=0
         for %%a in (%*) do if /i \"%%a\"==\"/yes\" set yes=1
         for %%a in (%*) do if /i \"%%a\"==\"/norollback\" set norollback=1
         if \"%missing%\"==\"1\" if \"%norollback%\"==\"0\" set armed=1
         set task=SecondaryIpWizard-Rollback-%stamp%
         if \"%armed%\"==\"1\" powershell -NoProfile -Command \"$a = New-ScheduledTaskAction -Execute 'netsh.exe' -Argument ('-f ' + [char]34 + $env:backup + [char]34); $t = New-ScheduledTaskTrigger -Once -At (Get-Date).AddSeconds({w}); $null = Register-ScheduledTask -TaskName $env:task -Action $a -Trigger $t -Settings (New-ScheduledTaskSettingsSet -StartWhenAvailable) -User 'SYSTEM' -RunLevel Highest -Force\" || (>&2 echo could not arm the safety net: nothing was changed& exit /b 1)
         if \"%armed%\"==\"1\" echo armed: the scheduled task %task% puts back \"%backup%\" in {w} s unless the change is kept

",
        w = NETSH_WINDOW
    )
}

/// The `.cmd` script's safety net after the address check: the gateway
/// must answer ping, then the change is kept only on a yes (or `/yes`);
/// anything else puts the backup back at once, no answer lets the task do it.
fn netsh_confirm(plan: &Plan) -> String {
    let gw = plan.gateway;
    format!(
        "\nrem The safety net: the gateway must answer, then the change is kept only when confirmed.\n\
         set back=0\n\
         set answer=\n\
         if \"%armed%\"==\"1\" ping -n 2 -w 2000 {gw} >nul || set back=1\n\
         if \"%back%\"==\"1\" >&2 echo failed: the gateway {gw} does not answer: the backup is put back now\n\
         if \"%armed%\"==\"1\" if \"%back%\"==\"0\" if \"%yes%\"==\"1\" echo /yes: the checks pass, so the change is kept\n\
         if \"%armed%\"==\"1\" if \"%back%\"==\"0\" if \"%yes%\"==\"0\" echo Check now that you can still reach this instance (open a new RDP or VNC session). Without a yes, the task %task% puts the backup back {w} s after it was armed.\n\
         if \"%armed%\"==\"1\" if \"%back%\"==\"0\" if \"%yes%\"==\"0\" set /p answer=Type yes and Enter to keep the change (anything else puts the backup back now): \n\
         if \"%armed%\"==\"1\" if \"%back%\"==\"0\" if \"%yes%\"==\"0\" if /i not \"%answer%\"==\"yes\" set back=1\n\
         if \"%back%\"==\"1\" netsh -f \"%backup%\"\n\
         if \"%armed%\"==\"1\" schtasks /delete /tn \"%task%\" /f >nul\n\
         if \"%back%\"==\"1\" (>&2 echo not kept: the backup is put back& exit /b 1)\n\
         if \"%armed%\"==\"1\" echo kept: the change stays, and the safety net is stopped\n",
        w = NETSH_WINDOW
    )
}

/// The all-in-one `.cmd` batch file. It uses no labels or `goto` (cmd.exe
/// mis-finds labels in files with `\n` line endings) and no parenthesised
/// block around a `%variable%` set inside it; every `%` is a variable
/// (`%%t` in the `for`). The alias has no `"`, `%` or `!` (else no script).
/// `set address` (DHCP to static) runs only while DHCP is on or the primary
/// is missing: it replaces every address, the earlier secondaries too;
/// each secondary is added only where it is missing.
fn netsh_script(
    plan: &Plan,
    name: &str,
    first: &str,
    (adds, adds6): (&[String], &[String]),
    undo: &str,
) -> String {
    let six = six(plan);
    let mut s = String::new();
    s.push_str("@echo off\n");
    s.push_str("setlocal DisableDelayedExpansion\n");
    let _ = writeln!(
        s,
        "rem netsh: {} (generated by the Secondary IP Wizard; review before running).",
        header_addrs(plan)
    );
    s.push_str("rem Run from the VNC console in a Command Prompt opened as Administrator: RDP may drop.\n\n");
    s.push_str("net session >nul 2>&1 || (>&2 echo run this script from a Command Prompt opened as Administrator& exit /b 1)\n\n");
    s.push_str("rem Which planned addresses are missing (m0 the primary), and whether DHCP is on.\nset missing=0\n");
    for (k, ip) in plan.all_addresses().enumerate() {
        let _ = writeln!(s, "set m{k}=0\n{} || (set m{k}=1& set missing=1)", findstr_has(name, ip));
    }
    // n0, n1, …: which IPv6 addresses are missing.
    for (k, ip) in six.iter().enumerate() {
        let _ =
            writeln!(s, "set n{k}=0\n{} || (set n{k}=1& set missing=1)", findstr_has6(name, ip));
    }
    let _ = writeln!(
        s,
        "set dhcp=Enabled\nfor /f %%d in ('powershell -NoProfile -Command \"(Get-NetIPInterface -InterfaceAlias {} -AddressFamily IPv4).Dhcp\"') do set dhcp=%%d",
        pwsh(&plan.windows_alias)
    );
    s.push_str("set first=0\nif \"%dhcp%\"==\"Enabled\" set first=1\nif \"%m0%\"==\"1\" set first=1\nif \"%first%\"==\"1\" set missing=1\n");
    // `set address` drops every other address: then each secondary is added again.
    for k in 1..=plan.secondaries.len() {
        let _ = writeln!(s, "if \"%first%\"==\"1\" set m{k}=1");
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
    // An IPv4 dump puts back no IPv6 address: the backup also deletes each
    // IPv6 address this run adds (netsh -f runs it from the top context).
    for (k, ip) in six.iter().enumerate() {
        let _ = writeln!(s, "if \"%n{k}%\"==\"1\" echo interface ipv6 delete address interface={name} address={ip}>> \"%backup%\"");
    }
    s.push_str("if \"%missing%\"==\"1\" echo backed up: \"%backup%\"\n\n");
    s.push_str(&netsh_arm());
    s.push_str("rem The first time only (DHCP on, or the primary missing): the primary, gateway and DNS statically.\n");
    for line in first.lines() {
        let _ = writeln!(s, "if \"%first%\"==\"1\" {line}");
    }
    s.push_str("rem Each secondary that is missing.\n");
    for (k, line) in adds.iter().enumerate() {
        let _ = writeln!(s, "if \"%m{}%\"==\"1\" {line}", k + 1);
    }
    if !adds6.is_empty() {
        s.push_str("rem Each IPv6 address that is missing.\n");
    }
    for (k, line) in adds6.iter().enumerate() {
        let _ = writeln!(s, "if \"%n{k}%\"==\"1\" {line}");
    }
    s.push_str("\nrem Check that every planned address is present.\nset missing=0\n");
    for ip in plan.all_addresses() {
        let _ = writeln!(s, "{} || (>&2 echo missing: {ip}& set missing=1)", findstr_has(name, ip));
    }
    for ip in &six {
        let _ =
            writeln!(s, "{} || (>&2 echo missing: {ip}& set missing=1)", findstr_has6(name, ip));
    }
    s.push_str(
        "if not \"%missing%\"==\"0\" (>&2 echo some addresses are missing: see above& exit /b 1)\n",
    );
    s.push_str(&netsh_confirm(plan));
    s.push_str("echo all planned addresses are present\necho to remove these secondary addresses again, run:\n");
    for line in undo.lines() {
        let _ = writeln!(s, "echo   {line}");
    }
    s.push_str(
        "if defined backup echo the settings before this run are in \"%backup%\"\nexit /b 0\n",
    );
    s
}

/// The netsh rendering that cannot be given (an alias cmd.exe cannot
/// carry, or no DNS servers to set): no commands, a warning saying why,
/// and a batch file that only says so.
fn netsh_refused(plan: &Plan, locale: Locale, reason: N) -> Rendering {
    let id = Method::Netsh.as_str();
    let title = match reason {
        N::NetshNoDns => T::NotAvailableWithoutDns,
        _ => T::NotAvailableForAlias,
    };
    let why = wording::note(locale, &reason);
    let text = |step: &str| {
        Artifact::text(format!("{id}.{step}.text"), wording::title(locale, &title), why.clone())
    };
    Rendering {
        method: Method::Netsh,
        steps: vec![
            cloud::assign_step(plan, locale),
            Step::new(StepKind::Configure, vec![text("configure")]),
            Step::new(StepKind::Apply, vec![text("apply")]),
            Step::new(StepKind::Verify, vec![text("verify")]),
            undo_step(plan, locale, vec![text("undo")], vec![]),
        ],
        notes: vec![Note::warning(why.clone())],
        script: Artifact::commands(
            format!("{id}.script"),
            wording::title(locale, &T::AllInOneBatch),
            Lang::Cmd,
            match reason {
                N::NetshNoDns => "@echo off\nrem netsh cannot keep the DNS servers DHCP gave: add them to the wizard's form, or use the PowerShell script.\n>&2 echo no DNS servers in the plan: add them in the wizard, or use the PowerShell script\nexit /b 1\n",
                _ => "@echo off\nrem The interface alias cannot be passed to netsh safely: use the PowerShell script.\n>&2 echo this interface alias cannot be used with netsh: use the PowerShell script\nexit /b 1\n",
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{artifact, plan_with};

    fn render_powershell_en(p: &Plan) -> Rendering {
        render_powershell(p, Locale::En)
    }

    fn render_netsh_en(p: &Plan) -> Rendering {
        render_netsh(p, Locale::En)
    }

    fn plan(alias: &str, mode: &str, dns: &str) -> Plan {
        plan_with(|f| {
            (f.os, f.mode) = ("win2019".into(), mode.into());
            (f.windows_alias, f.dns) = (alias.into(), dns.into());
        })
    }

    #[test]
    fn powershell_sets_the_primary_first_then_secondaries_with_skip_as_source() {
        for mode in ["keep", "static"] {
            let r = render_powershell_en(&plan("Ethernet 2", mode, "100.100.2.136,100.100.2.138"));
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
        let r = render_powershell_en(&plan("Ethernet", "keep", ""));
        let s = &r.script.content;
        assert_eq!(r.script.id, "powershell.script");
        assert_eq!(r.script.lang, Lang::PowerShell);
        assert!(s.contains("$ErrorActionPreference = 'Stop'\n"));
        assert!(s.contains("IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)"));
        assert!(s.contains("-ErrorAction SilentlyContinue"));
        assert!(s.contains("Export-Clixml"));
        assert!(s.contains("$planned = @('192.168.1.201', '192.168.1.202', '192.168.1.203')\n"));
        assert!(s.contains("foreach ($ip in $planned) {"));
        assert!(s.contains("$dns = @((Get-DnsClientServerAddress"));
        assert!(s.contains("Write-Output '  Remove-NetIPAddress -InterfaceAlias ''Ethernet'' -AddressFamily IPv4 -IPAddress ''192.168.1.202'' -Confirm:$false'\n"));
    }

    #[test]
    fn powershell_quotes_hostile_aliases() {
        let r = render_powershell_en(&plan("it's $(evil) `x`", "static", ""));
        for a in r.artifacts() {
            assert!(!a.content.contains("-InterfaceAlias it's"), "{}", a.id);
        }
        assert!(r.script.content.contains("$alias = 'it''s $(evil) `x`'\n"));
        let undo = &artifact(&r, "powershell.undo.commands").content;
        assert!(undo.starts_with("Remove-NetIPAddress -InterfaceAlias 'it''s $(evil) `x`' -AddressFamily IPv4 -IPAddress '192.168.1.202' -Confirm:$false\n"));
    }

    #[test]
    fn powershell_verify_expects_one_row_per_address() {
        let r = render_powershell_en(&plan("Ethernet", "static", "100.100.2.136"));
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
        let r = render_netsh_en(&plan("Ethernet 2", "static", "100.100.2.136 100.100.2.138"));
        let c = &artifact(&r, "netsh.configure.commands").content;
        assert_eq!(
            c,
            "netsh interface ipv4 set address name=\"Ethernet 2\" static 192.168.1.201 255.255.255.0 192.168.1.253\n\
             netsh interface ipv4 set dnsservers name=\"Ethernet 2\" static 100.100.2.136 primary validate=no\n\
             netsh interface ipv4 add dnsservers name=\"Ethernet 2\" 100.100.2.138 index=2 validate=no\n"
        );
        assert_eq!(
            artifact(&r, "netsh.configure.add").content,
            "netsh interface ipv4 add address name=\"Ethernet 2\" 192.168.1.202 255.255.255.0 skipassource=true\n\
             netsh interface ipv4 add address name=\"Ethernet 2\" 192.168.1.203 255.255.255.0 skipassource=true\n"
        );
        assert_eq!(r.script.lang, Lang::Cmd);
        assert!(r.script.content.contains(" for /f %%t in "));
        assert!(!r.script.content.contains("goto"));
        assert!(r.script.content.contains("findstr /r /c:\"[^0-9.]192\\.168\\.1\\.202 *$\""));
    }

    // `set address … static` replaces every address: run again to add a
    // secondary later, it used to drop the ones added before.
    #[test]
    fn netsh_sets_the_primary_only_the_first_time_and_adds_each_missing_secondary() {
        let r = render_netsh_en(&plan("Ethernet", "keep", "100.100.2.136"));
        let s = &r.script.content;
        assert!(s.contains(
            "if \"%first%\"==\"1\" netsh interface ipv4 set address name=\"Ethernet\" static"
        ));
        assert!(
            s.contains("if \"%dhcp%\"==\"Enabled\" set first=1\nif \"%m0%\"==\"1\" set first=1\n")
        );
        assert!(s.contains(
            "if \"%m1%\"==\"1\" netsh interface ipv4 add address name=\"Ethernet\" 192.168.1.202 "
        ));
        assert!(s.contains(
            "if \"%m2%\"==\"1\" netsh interface ipv4 add address name=\"Ethernet\" 192.168.1.203 "
        ));
        assert!(!s.contains("if \"%missing%\"==\"1\" netsh interface ipv4 set address"));
    }

    // With no DNS server in the plan, netsh turned DHCP off and left the
    // server with none: activation and updates failed.
    #[test]
    fn netsh_without_dns_servers_gives_no_commands() {
        let r = render_netsh_en(&plan("Ethernet", "keep", ""));
        for a in r.artifacts() {
            assert!(!a.content.contains("set address"), "{}", a.id);
        }
        assert!(r.notes.iter().any(|n| n.text.contains("activation")));
        assert!(r.script.content.contains("exit /b 1"));
    }

    // The checks read the active store, where a DHCP address being torn
    // down can still show: the persistent store is what a reboot keeps.
    #[test]
    fn powershell_checks_the_persistent_store_and_can_take_the_run_back() {
        let r = render_powershell_en(&plan("Ethernet", "keep", "100.100.2.136"));
        let s = &r.script.content;
        assert!(
            s.contains("-IPAddress $ip -PolicyStore PersistentStore -ErrorAction SilentlyContinue")
        );
        assert!(s.contains("-DestinationPrefix '0.0.0.0/0' -PolicyStore PersistentStore"));
        assert!(s.contains("    try {\n"));
        assert!(s.contains("    } catch {\n        Write-Warning \"failed: $_\""));
        assert!(
            s.contains("Set-NetIPInterface -InterfaceAlias $a -AddressFamily IPv4 -Dhcp Enabled")
        );
        assert!(s.contains("to take back exactly what this run changed"));
        let c = &artifact(&r, "powershell.configure.commands").content;
        assert_eq!(c.matches("-PolicyStore PersistentStore").count(), 4, "{c}");
    }

    #[test]
    fn netsh_refuses_aliases_cmd_cannot_carry() {
        for alias in ["50%OFF", "say \"hi\"", "wow!"] {
            let r = render_netsh_en(&plan(alias, "keep", ""));
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

    fn dual(only: bool) -> Plan {
        crate::render::v6::test_plan("win2022", "static", only)
    }

    #[test]
    fn powershell_adds_each_ipv6_address_skipped_as_source_and_removes_it() {
        for only in [false, true] {
            let r = render_powershell_en(&dual(only));
            let c = &artifact(&r, "powershell.configure.commands").content;
            assert!(c.contains("if (-not (Get-NetIPAddress -InterfaceAlias 'Ethernet' -AddressFamily IPv6 -IPAddress '2001:db8:1:2::a' -PolicyStore PersistentStore -ErrorAction SilentlyContinue)) { New-NetIPAddress -InterfaceAlias 'Ethernet' -AddressFamily IPv6 -IPAddress '2001:db8:1:2::a' -PrefixLength 64 -SkipAsSource $true }\n"), "{c}");
            assert!(
                !c.contains("Set-NetIPInterface -InterfaceAlias 'Ethernet' -AddressFamily IPv6")
            );
            let v = artifact(&r, "powershell.verify.commands");
            assert!(v.content.contains("-AddressFamily IPv6 | ForEach-Object"));
            assert!(v.expect.contains(&"2001:db8:1:2::b/64 SkipAsSource=True".to_owned()));
            let u = &artifact(&r, "powershell.undo.commands").content;
            assert!(u.contains("Remove-NetIPAddress -InterfaceAlias 'Ethernet' -AddressFamily IPv6 -IPAddress '2001:db8:1:2::b' -Confirm:$false\n"));
            let s = &r.script.content;
            assert!(s.contains(
                "$secondaries6 = @('2001:db8:1:2::a', '2001:db8:1:2::b')\n$prefix6 = 64\n"
            ));
            assert!(s.contains("Write-Output '  Remove-NetIPAddress -InterfaceAlias ''Ethernet'' -AddressFamily IPv6 -IPAddress ''2001:db8:1:2::a'' -Confirm:$false'\n"));
            assert!(r.notes.iter().all(|n| !n.text.contains("does not configure IPv6")));
        }
    }

    #[test]
    fn netsh_adds_checks_and_deletes_each_ipv6_address() {
        let r = render_netsh_en(&plan("Ethernet", "static", "100.100.2.136"));
        assert!(r.artifacts().all(|a| !a.content.contains("ipv6")));
        let mut p = dual(false);
        p.dns = vec![Ipv4Addr::new(100, 100, 2, 136)];
        let r = render_netsh_en(&p);
        let add = &artifact(&r, "netsh.configure.add").content;
        assert!(add.ends_with("netsh interface ipv6 add address interface=\"Ethernet\" address=2001:db8:1:2::a/64 skipassource=true\nnetsh interface ipv6 add address interface=\"Ethernet\" address=2001:db8:1:2::b/64 skipassource=true\n"), "{add}");
        let v = artifact(&r, "netsh.verify.commands");
        assert!(v
            .content
            .ends_with("netsh interface ipv6 show addresses interface=\"Ethernet\"\n"));
        assert!(v.expect.contains(&"2001:db8:1:2::a".to_owned()));
        let u = &artifact(&r, "netsh.undo.commands").content;
        assert!(u.ends_with(
            "netsh interface ipv6 delete address interface=\"Ethernet\" address=2001:db8:1:2::b\n"
        ));
        let s = &r.script.content;
        assert!(s.contains("set n1=0\nnetsh interface ipv6 show addresses interface=\"Ethernet\" | findstr /r /c:\"[^0-9a-f:]2001:db8:1:2::b[^0-9a-f:]\" /c:\"[^0-9a-f:]2001:db8:1:2::b$\" >nul || (set n1=1& set missing=1)\n"));
        assert!(s.contains("if \"%n0%\"==\"1\" netsh interface ipv6 add address "));
        assert!(s.contains("if \"%n0%\"==\"1\" echo interface ipv6 delete address interface=\"Ethernet\" address=2001:db8:1:2::a>> \"%backup%\"\n"));
        assert!(s.contains("|| (>&2 echo missing: 2001:db8:1:2::b& set missing=1)\n"));
    }

    #[test]
    fn nothing_ipv6_without_ipv6() {
        let r = render_powershell_en(&plan("Ethernet", "static", ""));
        let steps = r.steps.iter().flat_map(|s| &s.artifacts);
        assert!(steps.clone().all(|a| !a.content.contains("AddressFamily IPv6")), "{steps:?}");
        assert!(r.script.content.contains("$secondaries6 = @()\n"));
    }

    /// A secondary ENI's IPv6 addresses are added by both methods (the
    /// strong host model sends their replies through the ENI), with the
    /// note that says so, and Verify shows the ENI's IPv6 default route;
    /// no IPv6 metric, route or setting is changed.
    #[test]
    fn a_secondary_enis_ipv6_is_added_and_its_default_route_shown() {
        let mut p = crate::render::v6::test_plan("win2022", "static", false);
        p.table = crate::plan::routing::PolicyTable::new(1001);
        p.dns = vec!["100.100.2.136".parse().unwrap()];
        let ps = crate::render::render(&p, Method::PowerShell);
        let c = &artifact(&ps, "powershell.configure.commands").content;
        assert!(c.contains("-AddressFamily IPv6 -IPAddress '2001:db8:1:2::a' -PrefixLength 64 -SkipAsSource $true"), "{c}");
        assert!(!c.contains("-AddressFamily IPv6 -InterfaceMetric"), "{c}");
        assert!(
            !c.contains("NetRoute -InterfaceAlias 'Ethernet' -AddressFamily IPv6 -Dest"),
            "{c}"
        );
        let v = artifact(&ps, "powershell.verify.commands");
        assert!(v.content.contains("-AddressFamily IPv6 -DestinationPrefix '::/0' -ErrorAction SilentlyContinue) { 'IPv6 default route: yes' }"), "{}", v.content);
        assert!(v.expect.iter().any(|e| e == "IPv6 default route: yes"), "{:?}", v.expect);
        assert!(ps.script.content.contains("$secondaries6 = @('2001:db8:1:2::a', "));
        let netsh = crate::render::render(&p, Method::Netsh);
        let add = &artifact(&netsh, "netsh.configure.add").content;
        assert!(add.contains("netsh interface ipv6 add address interface=\"Ethernet\" address=2001:db8:1:2::a/64 skipassource=true"), "{add}");
        let v = artifact(&netsh, "netsh.verify.commands");
        assert!(v.content.contains("powershell -NoProfile -Command \"if (Get-NetRoute -InterfaceAlias 'Ethernet' -AddressFamily IPv6 -DestinationPrefix '::/0'"), "{}", v.content);
        for r in [&ps, &netsh] {
            let all: Vec<&str> = r
                .steps
                .iter()
                .flat_map(|s| &s.notes)
                .chain(&r.notes)
                .map(|n| n.text.as_str())
                .collect();
            assert!(
                all.iter().any(|n| n.contains("strong host model, Windows' default for IPv6")),
                "{all:?}"
            );
            assert!(!all.iter().any(|n| n.contains("ip -6 rule")), "{all:?}");
        }
    }
}
