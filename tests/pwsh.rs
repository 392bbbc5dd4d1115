//! Windows artifacts, checked without Windows (VALIDATORS.md):
//! - every PowerShell artifact parses with the PyPI `tree-sitter` +
//!   `tree-sitter-pwsh` (no ERROR or MISSING node); the Configure commands
//!   and the script add every secondary with `-SkipAsSource $true` and set
//!   the primary, the default gateway and DNS before any secondary
//!   (`tests/tools/pwsh_check.py`);
//! - every netsh line of every cmd artifact is one of the netsh forms the
//!   project renders, with the names quoted, and the Configure commands and
//!   the script add every secondary once with `skipassource=true`
//!   (`tests/tools/netsh_check.py`).
//!
//! Runs over the Windows golden scenarios plus hostile interface aliases.
//! Needs python3 with `tests/requirements.txt` installed (the set-up does it).

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::net::Ipv4Addr;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use support::{par_cases, report, run, scenarios, TempDir};
use wizard::catalog::Method;
use wizard::plan::{validate, Form, Plan};
use wizard::render::{render, Artifact, Lang, StepKind};
use wizard::wording::Locale;

const LIMIT: Duration = Duration::from_secs(60);

fn tool(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools").join(name).display().to_string()
}

/// Whether the artifact is the method's own Configure commands or its script
/// (where the content checks apply; the other artifacts are only parsed).
/// Whether an artifact must add every secondary: the script, and the
/// Configure block that adds them (netsh's `add` block: its first block
/// only turns DHCP off, the first time).
fn adds_addresses(plan_method: Method, a: &Artifact) -> bool {
    let adds = match plan_method {
        Method::Netsh => "configure.add",
        _ => "configure.commands",
    };
    a.id == format!("{plan_method}.{adds}") || a.id == format!("{plan_method}.script")
}

fn mask(plan: &Plan) -> Ipv4Addr {
    Ipv4Addr::from(u32::MAX.checked_shl(32 - u32::from(plan.prefix())).unwrap_or(0))
}

fn secondaries(plan: &Plan) -> String {
    plan.secondaries.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(",")
}

/// The IPv6 addresses `m` adds (none where it adds none), comma-separated.
fn secondaries6(plan: &Plan, m: Method) -> String {
    if !wizard::render::configures_ipv6(plan, m) {
        return String::new();
    }
    plan.ipv6_to_add().iter().map(|a| a.to_string()).collect::<Vec<_>>().join(",")
}

fn check_artifact(name: &str, plan: &Plan, m: Method, a: &Artifact) -> Result<(), String> {
    let dir = TempDir::new("win");
    let f = dir.write(a.download_name(), &a.content, 0o644);
    let mut cmd = Command::new("python3");
    match a.lang {
        Lang::PowerShell => {
            cmd.arg(tool("pwsh_check.py"))
                .arg(&f)
                .arg("--primary")
                .arg(plan.primary.to_string())
                .arg("--secondaries")
                // The IPv6 addresses are secondaries too: added with
                // -SkipAsSource $true, after the primary, gateway and DNS.
                .arg([secondaries(plan), secondaries6(plan, m)].join(",").trim_matches(','));
            if adds_addresses(m, a) {
                cmd.arg("--order");
            } else {
                cmd.arg("--parse-only");
            }
        }
        Lang::Cmd => {
            cmd.arg(tool("netsh_check.py"))
                .arg(&f)
                .arg("--secondaries")
                .arg(secondaries(plan))
                .arg("--mask")
                .arg(mask(plan).to_string())
                .arg("--secondaries6")
                .arg(secondaries6(plan, m))
                .arg("--prefix6")
                .arg(plan.prefix6().to_string());
            // An alias cmd.exe cannot carry gets no netsh commands at all
            // (the renderer points to PowerShell instead).
            // An alias cmd.exe cannot carry, or no DNS servers to set, gets
            // no netsh commands at all (the renderer says why instead).
            let netsh_renders =
                wizard::render::quote::cmd(&plan.windows_alias).is_some() && !plan.dns.is_empty();
            if adds_addresses(m, a) && netsh_renders {
                cmd.arg("--adds");
            }
        }
        _ => return Ok(()),
    }
    let ran = run(&mut cmd, LIMIT);
    if ran.ok() {
        return Ok(());
    }
    if ran.stderr.contains("ModuleNotFoundError") {
        panic!(
            "python3 lacks tree-sitter/tree-sitter-pwsh: run `pip install -r tests/requirements.txt` (the set-up does)\n{}",
            ran.stderr
        );
    }
    Err(format!(
        "{name} method {m} artifact {}: {}\n--- artifact\n{}",
        a.id,
        ran.output(),
        support::head(&a.content, 40)
    ))
}

/// Windows golden scenarios plus hostile aliases on the guide's example.
fn windows_plans() -> Vec<(String, Plan)> {
    let mut out: Vec<(String, Plan)> = scenarios()
        .into_iter()
        .filter(|s| s.plan.os.is_windows())
        .map(|s| (format!("scenario {}", s.name), s.plan))
        .collect();
    for (i, alias) in [
        "Ethernet 2",
        "it's \"eth\"",
        "$(Remove-Item x)",
        "a`b; c",
        "Ethernet\u{2019}3 ä",
        "50%OFF%",
    ]
    .iter()
    .enumerate()
    {
        let form = Form {
            os: "win2022".into(),
            windows_alias: (*alias).into(),
            dns: if i % 2 == 0 { "100.100.2.136,100.100.2.138".into() } else { String::new() },
            mode: if i % 2 == 0 { "static".into() } else { "keep".into() },
            ..Form::guide_example()
        };
        match validate(&form) {
            Ok(plan) => out.push((format!("alias {alias:?}"), plan)),
            Err(p) => eprintln!("note: alias {alias:?} does not validate, not checked: {p:?}"),
        }
    }
    out
}

#[test]
fn windows_artifacts_parse_and_add_secondaries_safely() {
    if !support::real_tools_enabled("pwsh") {
        return;
    }
    let plans = windows_plans();
    assert!(plans.iter().any(|(n, _)| n.starts_with("scenario")), "no Windows golden scenario");
    let mut cases = Vec::new();
    for (name, plan) in &plans {
        for m in [Method::PowerShell, Method::Netsh] {
            let r = render(plan, m);
            // The at-launch user data is a PowerShell script too.
            for a in r.artifacts().chain(&r.launch(plan, Locale::En).artifacts[..1]) {
                if matches!(a.lang, Lang::PowerShell | Lang::Cmd) {
                    cases.push((name.clone(), plan.clone(), m, a.clone()));
                }
            }
            let configure = r.step(StepKind::Configure).map(|s| s.artifacts.len()).unwrap_or(0);
            let cmd_ok = wizard::render::quote::cmd(&plan.windows_alias).is_some();
            if configure == 0 && (m == Method::PowerShell || cmd_ok) {
                cases.push((name.clone(), plan.clone(), m, Artifact::text("missing", "", "")));
            }
        }
    }
    let failures = par_cases(&cases, 2, |(name, plan, m, a)| {
        if a.id == "missing" {
            return Err(format!("{name} method {m}: no Configure artifact"));
        }
        check_artifact(name, plan, *m, a)
    });
    report("pwsh/netsh", cases.len(), failures);
}

#[test]
fn the_windows_checkers_reject_broken_input() {
    if !support::real_tools_enabled("pwsh self-test") {
        return;
    }
    let plan = match validate(&Form { os: "win2022".into(), ..Form::guide_example() }) {
        Ok(p) => p,
        Err(p) => panic!("the guide's example on win2022 does not validate: {p:?}"),
    };
    let bad = |lang: Lang, id: &str, text: &str| {
        let a = Artifact::commands(id, "t", lang, text);
        check_artifact("self-test", &plan, Method::PowerShell, &a).is_err()
            && check_artifact("self-test", &plan, Method::Netsh, &a).is_err()
    };
    // Unclosed block, a secondary without SkipAsSource, a secondary before the gateway.
    assert!(bad(Lang::PowerShell, "x.verify.commands", "if ($true) { Write-Output 'a'\n"));
    let no_skip = "New-NetIPAddress -InterfaceAlias 'Ethernet' -IPAddress '192.168.1.201' -PrefixLength 24 -DefaultGateway '192.168.1.253'\nSet-DnsClientServerAddress -InterfaceAlias 'Ethernet' -ServerAddresses '1.1.1.1'\nNew-NetIPAddress -InterfaceAlias 'Ethernet' -IPAddress '192.168.1.202' -PrefixLength 24\nNew-NetIPAddress -InterfaceAlias 'Ethernet' -IPAddress '192.168.1.203' -PrefixLength 24 -SkipAsSource $true\n";
    let a = Artifact::commands("powershell.configure.commands", "t", Lang::PowerShell, no_skip);
    assert!(check_artifact("self-test", &plan, Method::PowerShell, &a).is_err());
    let late = "New-NetIPAddress -InterfaceAlias 'Ethernet' -IPAddress '192.168.1.202' -PrefixLength 24 -SkipAsSource $true\nNew-NetIPAddress -InterfaceAlias 'Ethernet' -IPAddress '192.168.1.203' -PrefixLength 24 -SkipAsSource $true\nNew-NetIPAddress -InterfaceAlias 'Ethernet' -IPAddress '192.168.1.201' -PrefixLength 24 -DefaultGateway '192.168.1.253'\nSet-DnsClientServerAddress -InterfaceAlias 'Ethernet' -ServerAddresses '1.1.1.1'\n";
    let a = Artifact::commands("powershell.configure.commands", "t", Lang::PowerShell, late);
    assert!(check_artifact("self-test", &plan, Method::PowerShell, &a).is_err());
    // netsh: an unquoted name, an unknown verb, a missing skipassource.
    for line in [
        "netsh interface ipv4 add address name=Ethernet 192.168.1.202 255.255.255.0 skipassource=true",
        "netsh interface ipv4 add adress name=\"Ethernet\" 192.168.1.202 255.255.255.0",
        "netsh interface ipv4 add address name=\"Ethernet\" 192.168.1.202 255.255.255.0",
    ] {
        let a = Artifact::commands("netsh.verify.commands", "t", Lang::Cmd, line);
        assert!(check_artifact("self-test", &plan, Method::Netsh, &a).is_err(), "{line} passed");
    }
    let good = "netsh interface ipv4 add address name=\"Ethernet\" 192.168.1.202 255.255.255.0 skipassource=true\nnetsh interface ipv4 add address name=\"Ethernet\" 192.168.1.203 255.255.255.0 skipassource=true\n";
    let a = Artifact::commands("netsh.configure.commands", "t", Lang::Cmd, good);
    assert_eq!(check_artifact("self-test", &plan, Method::Netsh, &a), Ok(()));
}
