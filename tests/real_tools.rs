//! The real-tool checks, static and fast: every golden scenario ×
//! every Linux method of its OS, each artifact handed to the program that
//! reads it (VALIDATORS.md):
//! - netplan files → `netplan generate --root-dir` (rc 0, no warning for
//!   `netplan` output; keep mode merged with a cloud-init 50-cloud-init.yaml
//!   and the networkd file holding `DHCP=ipv4` plus exactly the planned
//!   addresses);
//! - shell (commands blocks as a script, and the all-in-one scripts) →
//!   `bash -n` and `shellcheck -s sh`, no findings;
//! - ifcfg and wicked files → `bash -n`, `shellcheck -s sh -e SC2034` and a
//!   key=value check of every address and prefix;
//! - ifupdown files → `ifup --no-act`.
//!
//! Needs root (CI runs as root): skipped loudly otherwise, failed when CI=true.

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeSet;
use std::net::Ipv4Addr;
use std::process::Command;
use std::time::Duration;

use support::{
    head, linux_cases, mode_of, par_cases, report, require_root, run, step_files, Scenario, TempDir,
};
use wizard::catalog::Method;
use wizard::plan::{Mode, Plan};
use wizard::render::{render, Artifact, ArtifactKind, Lang, StepKind};

const LIMIT: Duration = Duration::from_secs(30);

fn case_name(s: &Scenario, m: Method, a: &Artifact) -> String {
    format!("scenario {} method {} artifact {}", s.name, m, a.id)
}

/// The MAC cloud-init's file matches on (the plan's, or a made-up one).
fn mac_of(plan: &Plan) -> String {
    plan.mac.map(|m| m.to_string()).unwrap_or_else(|| "00:16:3e:12:34:56".into())
}

/// A realistic cloud-init `50-cloud-init.yaml` for the interface.
pub fn cloud_init_netplan(plan: &Plan) -> String {
    format!(
        "# This file is generated from information provided by the datasource.  Changes\n\
         # to it will not persist across an instance reboot.\n\
         network:\n    ethernets:\n        {i}:\n            dhcp4: true\n            match:\n                macaddress: {mac}\n            set-name: {i}\n    version: 2\n",
        i = plan.interface,
        mac = mac_of(plan)
    )
}

fn is_netplan_file(a: &Artifact) -> bool {
    a.path().is_some_and(|p| p.starts_with("/etc/netplan/"))
}

fn is_ifcfg_file(a: &Artifact) -> bool {
    a.path().is_some_and(|p| {
        let name = p.rsplit('/').next().unwrap_or("");
        name.starts_with("ifcfg-")
    })
}

fn is_interfaces_file(a: &Artifact) -> bool {
    a.path().is_some_and(|p| {
        p == "/etc/network/interfaces" || p.starts_with("/etc/network/interfaces.d/")
    })
}

/// The values of `Key=` lines in a networkd file, in order.
fn networkd_values(text: &str, key: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix(key)?.strip_prefix('=').map(|v| v.trim().to_owned()))
        .collect()
}

/// The planned addresses as `a/p`, each with the prefix it is configured with.
fn planned(plan: &Plan, with_primary: bool) -> BTreeSet<String> {
    let mut set: BTreeSet<String> =
        plan.secondaries.iter().map(|a| format!("{a}/{}", plan.prefix_of(*a))).collect();
    if with_primary {
        set.insert(format!("{}/{}", plan.primary, plan.prefix()));
    }
    set
}

/// [`planned`] and the IPv6 addresses with /64 where `m` adds them.
fn planned_by(plan: &Plan, m: Method, with_primary: bool) -> BTreeSet<String> {
    let mut set = planned(plan, with_primary);
    if wizard::render::configures_ipv6(plan, m) {
        set.extend(plan.ipv6_to_add().iter().map(|a| format!("{a}/{}", plan.prefix6())));
    }
    set
}

fn check_netplan(s: &Scenario, m: Method, a: &Artifact) -> Result<(), String> {
    let plan = &s.plan;
    let name = case_name(s, m, a);
    let path = a.path().unwrap_or_default();
    if mode_of(a) != 0o600 {
        return Err(format!("{name}: {path} has mode {:o}, netplan wants 600", mode_of(a)));
    }
    let dir = TempDir::new("netplan");
    let keep = plan.mode == Mode::KeepDhcp;
    if keep {
        dir.write("etc/netplan/50-cloud-init.yaml", &cloud_init_netplan(plan), 0o600);
    }
    dir.write(path, &a.content, 0o600);
    let ran = run(Command::new("netplan").arg("generate").arg("--root-dir").arg(dir.path()), LIMIT);
    if !ran.ok() {
        return Err(format!(
            "{name}: netplan generate failed:\n{}\n--- file\n{}",
            ran.output(),
            a.content
        ));
    }
    let warned = ran.stderr.lines().any(|l| !l.trim().is_empty());
    if m == Method::Netplan && warned {
        return Err(format!(
            "{name}: netplan generate warned (22.04+ output must not):\n{}",
            ran.stderr
        ));
    }
    // netplan 0.99 output uses `gateway4` on purpose (0.99 has no `to:
    // default`): its deprecation warning, and only that, is accepted.
    let other: Vec<&str> = ran
        .stderr
        .lines()
        .filter(|l| {
            !l.trim().is_empty()
                && !l.contains("`gateway4` has been deprecated, use default routes instead.")
                && !l.starts_with("See the 'Default routes' section of the documentation")
        })
        .collect();
    if m == Method::NetplanLegacy && !other.is_empty() {
        return Err(format!(
            "{name}: netplan generate warned beyond gateway4's deprecation:\n{}",
            ran.stderr
        ));
    }
    // Only the configure file is checked for content; other netplan files
    // (e.g. an undo version) must still generate.
    if !a.id.contains(".configure.") {
        return Ok(());
    }
    let net = dir.join(format!("run/systemd/network/10-netplan-{}.network", plan.interface));
    let text = std::fs::read_to_string(&net)
        .map_err(|e| format!("{name}: netplan generate wrote no {}: {e}", net.display()))?;
    let addrs: BTreeSet<String> = networkd_values(&text, "Address").into_iter().collect();
    let dhcp = networkd_values(&text, "DHCP");
    let want = planned_by(plan, m, !keep);
    if addrs != want {
        return Err(format!(
            "{name}: generated networkd file holds Address= {addrs:?}, the plan is {want:?}\n{text}"
        ));
    }
    if text.lines().filter(|l| l.trim() == "[Address]").count() > 0 {
        // [Address] sections are fine, but then Address= lines are inside them: counted above.
    }
    if keep && !dhcp.iter().any(|v| v == "ipv4" || v == "yes") {
        return Err(format!(
            "{name}: keep mode but the merged networkd file has no DHCP=ipv4:\n{text}"
        ));
    }
    if !keep {
        if dhcp.iter().any(|v| v == "ipv4" || v == "yes") {
            return Err(format!(
                "{name}: static mode but the networkd file turns DHCP on:\n{text}"
            ));
        }
        let gw = networkd_values(&text, "Gateway");
        if gw != [plan.gateway.to_string()] {
            return Err(format!(
                "{name}: static mode wants exactly one Gateway={}, got {gw:?}\n{text}",
                plan.gateway
            ));
        }
    }
    Ok(())
}

/// `bash -n` and shellcheck over a shell text; `extra` are more shellcheck args.
fn check_shell(name: &str, text: &str, extra: &[&str]) -> Result<(), String> {
    let dir = TempDir::new("sh");
    let f = dir.write("artifact.sh", text, 0o644);
    let b = run(Command::new("bash").arg("-n").arg(&f), LIMIT);
    if !b.ok() {
        return Err(format!("{name}: bash -n: {}\n--- text\n{}", b.output(), head(text, 60)));
    }
    // SC2016 ("expressions don't expand in single quotes") is excluded: the
    // renderers single-quote every user value on purpose, and the hostile
    // golden names hold a literal `$(x)` that must not expand.
    let sc = run(
        Command::new("shellcheck")
            .args(["-s", "sh", "-f", "gcc", "-e", "SC2016"])
            .args(extra)
            .arg(&f),
        LIMIT,
    );
    if !sc.ok() || !sc.stdout.trim().is_empty() {
        return Err(format!(
            "{name}: shellcheck -s sh -e SC2016 {}: {}\n--- text\n{}",
            extra.join(" "),
            sc.output(),
            head(text, 60)
        ));
    }
    Ok(())
}

/// `KEY=VALUE` pairs of a shell-sourced ifcfg file (quotes removed).
fn keyvals(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (k, v) = l.trim().split_once('=')?;
            let v = v.trim();
            let v = v
                .strip_prefix('\'')
                .and_then(|v| v.strip_suffix('\''))
                .or_else(|| v.strip_prefix('"').and_then(|v| v.strip_suffix('"')))
                .unwrap_or(v);
            Some((k.to_owned(), v.to_owned()))
        })
        .collect()
}

fn mask_to_prefix(mask: &str) -> Option<u8> {
    let m: Ipv4Addr = mask.parse().ok()?;
    let bits = u32::from(m);
    (bits.leading_ones() + bits.trailing_zeros() == 32).then_some(bits.leading_ones() as u8)
}

/// Every address with its prefix that a set of ifcfg files sets, checking
/// that each `IPADDR*` has a prefix (in the value, or a matching
/// `PREFIX*`/`NETMASK*`/`PREFIXLEN*`).
fn ifcfg_addresses(name: &str, files: &[&Artifact]) -> Result<BTreeSet<String>, String> {
    let mut out = BTreeSet::new();
    for f in files {
        let kv = keyvals(&f.content);
        let get = |k: &str| kv.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
        for (k, v) in &kv {
            // RHEL's IPv6 keys: `A/P` words, as both readers take them.
            if k == "IPV6ADDR" || k == "IPV6ADDR_SECONDARIES" {
                out.extend(v.split_whitespace().map(str::to_owned));
                continue;
            }
            let Some(suffix) = k.strip_prefix("IPADDR") else { continue };
            if v.is_empty() {
                continue;
            }
            let (ip, inline) = match v.split_once('/') {
                Some((ip, p)) => (ip, Some(p.to_owned())),
                None => (v.as_str(), None),
            };
            // SUSE's IPv6 entries: `IPADDR_x='A/P'`, the prefix inline.
            if let (Ok(ip6), Some(p)) = (ip.parse::<std::net::Ipv6Addr>(), &inline) {
                out.insert(format!("{ip6}/{p}"));
                continue;
            }
            let ip: Ipv4Addr = ip
                .parse()
                .map_err(|_| format!("{name}: {} sets {k}={v:?}, not an IPv4 address", f.id))?;
            let prefix = inline
                .or_else(|| get(&format!("PREFIX{suffix}")))
                .or_else(|| get(&format!("PREFIXLEN{suffix}")))
                .or_else(|| {
                    // NETMASK is a dotted mask: wicked reads a bare length
                    // such as '24' as 24.0.0.0 and falls back to /32, so
                    // one is no prefix at all here.
                    let m = get(&format!("NETMASK{suffix}"))?;
                    mask_to_prefix(&m).map(|p| p.to_string())
                })
                .ok_or_else(|| {
                    format!(
                        "{name}: {} sets {k}={v} with no prefix or netmask for it\n{}",
                        f.id, f.content
                    )
                })?;
            let prefix: u8 = prefix
                .parse()
                .map_err(|_| format!("{name}: {} gives {k} the prefix {prefix:?}", f.id))?;
            out.insert(format!("{ip}/{prefix}"));
        }
    }
    Ok(out)
}

fn check_ifcfg_set(s: &Scenario, m: Method, files: &[&Artifact]) -> Result<(), String> {
    let name = format!("scenario {} method {m}", s.name);
    for f in files {
        check_shell(&case_name(s, m, f), &f.content, &["-e", "SC2034"])?;
    }
    let got = ifcfg_addresses(&name, files)?;
    let keep = s.plan.mode == Mode::KeepDhcp;
    let all = planned_by(&s.plan, m, true);
    let secs = planned_by(&s.plan, m, false);
    let ok = if keep { got == secs || got == all } else { got == all };
    if !ok {
        let ids: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
        return Err(format!(
            "{name}: ifcfg files {ids:?} set the addresses {got:?}; the plan ({} mode) is {:?}",
            s.plan.mode,
            if keep { secs } else { all }
        ));
    }
    Ok(())
}

fn check_ifupdown(s: &Scenario, m: Method, a: &Artifact) -> Result<(), String> {
    let name = case_name(s, m, a);
    let dir = TempDir::new("ifup");
    let f = dir.write("interfaces", &a.content, 0o644);
    std::fs::create_dir_all(dir.join("state")).map_err(|e| e.to_string())?;
    let ran = run(
        Command::new("ifup")
            .args(["--no-act", "-a", "--no-scripts", "--no-loopback", "-i"])
            .arg(&f)
            .arg("--state-dir")
            .arg(dir.join("state")),
        LIMIT,
    );
    if !ran.ok() || ran.stderr.to_lowercase().contains("error") {
        return Err(format!("{name}: ifup --no-act: {}\n--- file\n{}", ran.output(), a.content));
    }
    Ok(())
}

fn check_case(s: &Scenario, m: Method) -> Result<(), String> {
    let r = render(&s.plan, m);
    let mut errors = Vec::new();
    let mut push = |r: Result<(), String>| {
        if let Err(e) = r {
            errors.push(e);
        }
    };
    for a in r.artifacts() {
        if is_netplan_file(a) {
            push(check_netplan(s, m, a));
        } else if is_interfaces_file(a) && m == Method::Ifupdown {
            push(check_ifupdown(s, m, a));
        } else if a.lang == Lang::Sh && !is_ifcfg_file(a) {
            let text = match a.kind {
                ArtifactKind::Commands if !a.content.starts_with("#!") => {
                    format!("#!/bin/sh\n{}", a.content)
                }
                _ => a.content.clone(),
            };
            push(check_shell(&case_name(s, m, a), &text, &[]));
        }
    }
    for kind in [StepKind::Configure, StepKind::Undo] {
        let files: Vec<&Artifact> =
            step_files(&r, kind).into_iter().filter(|a| is_ifcfg_file(a)).collect();
        if !files.is_empty() && kind == StepKind::Configure {
            push(check_ifcfg_set(s, m, &files));
        } else {
            for f in files {
                push(check_shell(&case_name(s, m, f), &f.content, &["-e", "SC2034"]));
            }
        }
    }
    if matches!(m, Method::Ifcfg | Method::IfcfgAlias | Method::Wicked)
        && !step_files(&r, StepKind::Configure).iter().any(|a| is_ifcfg_file(a))
    {
        push(Err(format!("scenario {} method {m}: no ifcfg file in the Configure step", s.name)));
    }
    if matches!(m, Method::Netplan | Method::NetplanLegacy)
        && !step_files(&r, StepKind::Configure).iter().any(|a| is_netplan_file(a))
    {
        push(Err(format!(
            "scenario {} method {m}: no /etc/netplan file in the Configure step",
            s.name
        )));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n\n"))
    }
}

#[test]
fn every_linux_artifact_passes_its_real_checker() {
    if !require_root("real_tools") {
        return;
    }
    let cases = linux_cases(&[]);
    let failures = par_cases(&cases, 2, |(s, m)| check_case(s, *m));
    report("real_tools", cases.len(), failures);
}

#[test]
fn the_checkers_reject_broken_input() {
    if !require_root("real_tools (self-test)") {
        return;
    }
    // A checker that accepts everything proves nothing: feed each a broken text.
    assert!(check_shell("self-test", "#!/bin/sh\nif true; then\n", &[]).is_err());
    assert!(check_shell("self-test", "#!/bin/sh\nx=$1\necho $x\n", &[]).is_err());
    let bad = TempDir::new("np");
    bad.write(
        "etc/netplan/60.yaml",
        "network:\n  version: 2\n  ethernets:\n    eth0:\n      addresses: [192.168.1.300/24]\n",
        0o600,
    );
    let ran = run(Command::new("netplan").arg("generate").arg("--root-dir").arg(bad.path()), LIMIT);
    assert!(!ran.ok(), "netplan generate accepted a bad address");
    let text = "IPADDR1='192.168.1.202'\nPREFIX1=24\nIPADDR_2='10.0.0.5/16'\nNETMASK=255.255.255.0\nIPADDR=192.168.1.9\n";
    let a = Artifact::file(
        "x.configure.file",
        "t",
        "/etc/sysconfig/network-scripts/ifcfg-eth0",
        0o644,
        Lang::Sh,
        text,
    );
    let got = ifcfg_addresses("self-test", &[&a]).unwrap_or_default();
    let want: BTreeSet<String> = ["192.168.1.202/24", "10.0.0.5/16", "192.168.1.9/24"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(got, want);
    let b = Artifact::file(
        "x.configure.file",
        "t",
        "/etc/x/ifcfg-eth0",
        0o644,
        Lang::Sh,
        "IPADDR2=10.0.0.7\n",
    );
    assert!(ifcfg_addresses("self-test", &[&b]).is_err(), "an address without prefix passed");
    // wicked reads a bare length in NETMASK as a dotted mask (24.0.0.0).
    let c = Artifact::file(
        "x.configure.file",
        "t",
        "/etc/x/ifcfg-eth0",
        0o644,
        Lang::Sh,
        "IPADDR_1='10.0.0.7'\nNETMASK_1='24'\n",
    );
    assert!(ifcfg_addresses("self-test", &[&c]).is_err(), "NETMASK='24' passed");
    assert_eq!(mask_to_prefix("255.255.255.0"), Some(24));
    assert_eq!(mask_to_prefix("255.0.255.0"), None);
}
