//! The cloud side: the Assign and Undo artifacts (golden files, shellcheck),
//! and the "start from the instance" commands, the Linux one run for real
//! against a fake metadata server on 127.0.0.1.
//!
//! Golden files live in `tests/golden_cloud/<scenario>/`, one per artifact
//! (`<id>.<ext>`) plus `notes.txt`; `UPDATE_GOLDEN=1 cargo test --test cloud`
//! rewrites them.

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use wizard::net6::{Addr6, Subnet6};
use wizard::plan::{
    form::split_list, validate, EniLimit, EniState, Form, Ipv6Part, LimitSource, Plan,
};
use wizard::render::{cloud, doctor, prefill, render_all, Artifact, Lang, StepKind};
use wizard::share::from_query;
use wizard::wording::Locale;

// ---------------------------------------------------------------- helpers

/// A fresh directory under the system temp dir, unique per call.
fn temp_dir(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "wizard-cloud-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, content: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, content).unwrap();
}

fn write_exec(path: &Path, content: &str) {
    use std::os::unix::fs::PermissionsExt;
    write(path, content);
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// `shellcheck -s sh` findings for a script (empty: clean).
fn shellcheck(name: &str, script: &str) -> String {
    let dir = temp_dir("sc");
    let file = dir.join(format!("{name}.sh"));
    write(&file, script);
    let out = Command::new("shellcheck")
        .args(["-s", "sh", "-f", "gcc"])
        .arg(&file)
        .output()
        .expect("shellcheck is installed (Debian package shellcheck)");
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

// ---------------------------------------------------------------- scenarios

const REGION: &str = "cn-hangzhou";
const ENI_ID: &str = "eni-bp1d66qjxb3qoin3xyz";

/// A plan for the guide's example with a mode, an ENI kind and optionally
/// the region and ENI ids. The ids are set on the plan directly, so these
/// tests do not depend on how validation treats them.
fn plan(mode: &str, eni: &str, ids: bool) -> Plan {
    let form = Form { mode: mode.into(), eni_kind: eni.into(), ..Form::guide_example() };
    let mut plan = validate(&form).unwrap();
    // One limit source per combination, so the limit note is covered too.
    plan.limit = match (mode, eni) {
        (_, "secondary") => {
            plan.eni_state = EniState::Available;
            EniLimit { per_eni: 10, source: LimitSource::Available }
        }
        ("keep", _) => {
            EniLimit { per_eni: 6, source: LimitSource::InstanceType("ecs.g7.large".into()) }
        }
        _ => EniLimit { per_eni: 20, source: LimitSource::Typed },
    };
    if ids {
        plan.region = Some(REGION.into());
        plan.eni_id = Some(ENI_ID.into());
    } else {
        plan.region = None;
        plan.eni_id = None;
    }
    plan
}

/// The golden scenarios: keep/static × primary/secondary × with/without ids.
fn scenarios() -> Vec<(String, Plan)> {
    let mut out = Vec::new();
    for mode in ["keep", "static"] {
        for eni in ["primary", "secondary"] {
            for ids in [true, false] {
                let name = format!("{mode}-{eni}-{}", if ids { "ids" } else { "no-ids" });
                out.push((name, plan(mode, eni, ids)));
            }
        }
    }
    // Only the region known: the ENI id alone is a placeholder.
    let mut p = plan("keep", "primary", false);
    p.region = Some(REGION.into());
    out.push(("keep-primary-region-only".into(), p));
    // IPv6: dual stack on a secondary ENI (Terraform's ipv6_addresses
    // holds the ENI's own IPv6 address too), and IPv6 only on a primary
    // ENI (no IPv4 call at all; Terraform leaves alicloud_instance alone).
    out.push(("ipv6-dual-secondary-ids".into(), with_ipv6(plan("keep", "secondary", true))));
    let mut p = with_ipv6(plan("static", "primary", false));
    p.secondaries.clear();
    out.push(("ipv6-only-primary-no-ids".into(), p));
    out
}

fn addr6(s: &str) -> Addr6 {
    s.parse().unwrap()
}

/// `plan` with an IPv6 part: the vSwitch's /64, the ENI's own IPv6
/// address and two to add.
fn with_ipv6(mut plan: Plan) -> Plan {
    plan.ipv6 = Some(Ipv6Part {
        subnet: "2408:4005:3cd:7d00::/64".parse::<Subnet6>().unwrap(),
        primary: Some(addr6("2408:4005:3cd:7d00::10")),
        secondaries: vec![addr6("2408:4005:3cd:7d00::a"), addr6("2408:4005:3cd:7d00::b")],
    });
    plan
}

fn extension(a: &Artifact) -> &'static str {
    match a.lang {
        Lang::Sh => "sh",
        Lang::PowerShell => "ps1",
        Lang::Cmd => "cmd",
        Lang::Yaml => "yaml",
        Lang::Ini => "ini",
        Lang::Hcl => "tf",
        Lang::Text => "txt",
    }
}

/// Every cloud artifact of a plan: the Assign step's, then the Undo ones.
fn cloud_artifacts(plan: &Plan) -> Vec<Artifact> {
    let mut all = cloud::assign_step(plan, Locale::En).artifacts;
    all.extend(cloud::undo_artifacts(plan, Locale::En));
    all
}

/// Compares (or with UPDATE_GOLDEN=1 rewrites) every file of `files` under
/// `dir`; returns one line per difference.
fn check_golden(dir: &Path, files: &[(String, String)]) -> Vec<String> {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut diffs = Vec::new();
    for (name, content) in files {
        let path = dir.join(name);
        if update {
            write(&path, content);
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(expected) if &expected == content => {}
            Ok(expected) => diffs.push(format!(
                "{} differs (UPDATE_GOLDEN=1 to accept):\n--- expected\n{expected}--- got\n{content}",
                path.display()
            )),
            Err(_) => diffs.push(format!("{} missing (UPDATE_GOLDEN=1 to write it)", path.display())),
        }
    }
    // A stale file is a golden nobody checks any more.
    if let Ok(entries) = std::fs::read_dir(dir) {
        let names: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if !names.contains(n.as_str()) {
                if update {
                    let _ = std::fs::remove_file(e.path());
                } else {
                    diffs.push(format!("{} is not produced any more", e.path().display()));
                }
            }
        }
    }
    diffs
}

fn golden_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden_cloud")
}

// ---------------------------------------------------------------- golden files

#[test]
fn assign_and_undo_artifacts_match_golden_files() {
    let mut diffs = Vec::new();
    for (name, plan) in scenarios() {
        let step = cloud::assign_step(&plan, Locale::En);
        let mut files: Vec<(String, String)> = cloud_artifacts(&plan)
            .iter()
            .map(|a| (format!("{}.{}", a.id, extension(a)), a.content.clone()))
            .collect();
        let notes: String =
            step.notes.iter().map(|n| format!("{:?}: {}\n", n.level, n.text)).collect();
        files.push(("notes.txt".into(), notes));
        diffs.extend(check_golden(&golden_root().join(&name), &files));
    }
    let files = vec![
        (
            "linux.sh".to_owned(),
            prefill::linux_command("https://wizard.example/secondary-ip/") + "\n",
        ),
        (
            "powershell.ps1".to_owned(),
            prefill::powershell_command("https://wizard.example/secondary-ip/") + "\n",
        ),
    ];
    diffs.extend(check_golden(&golden_root().join("prefill"), &files));
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

#[test]
fn artifact_ids_and_order_are_the_same_for_every_plan() {
    for (name, plan) in scenarios() {
        let ids: Vec<String> = cloud_artifacts(&plan).into_iter().map(|a| a.id).collect();
        assert_eq!(
            ids,
            [
                "assign.console",
                "assign.aliyun",
                "assign.api",
                "assign.terraform",
                "undo.aliyun",
                "undo.console"
            ],
            "{name}"
        );
    }
}

#[test]
fn every_rendering_carries_the_cloud_artifacts() {
    let plan = plan("keep", "primary", true);
    for r in render_all(&plan) {
        let assign = r.step(StepKind::Assign).expect("every rendering has an Assign step");
        assert!(assign.artifacts.iter().any(|a| a.id == "assign.aliyun"), "{}", r.method);
    }
}

#[test]
fn every_undo_step_ends_with_the_cloud_side() {
    // The OS removal comes first: unassigning an address the OS still uses
    // breaks it. Checked for every method of every OS.
    for os in wizard::catalog::Os::ALL {
        let form = Form { os: os.as_str().into(), ..Form::guide_example() };
        let plan = validate(&form).unwrap_or_else(|e| panic!("{os}: {e:?}"));
        for r in render_all(&plan) {
            let undo = r.step(StepKind::Undo).expect("every rendering has an Undo step");
            let ids: Vec<&str> = undo.artifacts.iter().map(|a| a.id.as_str()).collect();
            assert!(
                ids.len() > 2,
                "{os} {}: no OS-side removal before the cloud side: {ids:?}",
                r.method
            );
            assert_eq!(ids[ids.len() - 2..], ["undo.aliyun", "undo.console"], "{os} {}", r.method);
        }
    }
}

// ---------------------------------------------------------------- content

#[test]
fn aliyun_calls_name_every_secondary_and_never_the_primary() {
    for (name, plan) in scenarios() {
        let a = &cloud::assign_artifacts(&plan, Locale::En)[1];
        let u = &cloud::undo_artifacts(&plan, Locale::En)[0];
        for (content, action) in
            [(&a.content, "AssignPrivateIpAddresses"), (&u.content, "UnassignPrivateIpAddresses")]
        {
            // An IPv6-only plan makes no IPv4 call (no empty one).
            assert_eq!(
                content.contains(&format!("aliyun ecs {action} \\\n")),
                !plan.secondaries.is_empty(),
                "{name}: {content}"
            );
            for (n, ip) in plan.secondaries.iter().enumerate() {
                assert!(
                    content.contains(&format!("--PrivateIpAddress.{} {ip}", n + 1)),
                    "{name}: {content}"
                );
            }
            assert!(!content.contains(&format!("PrivateIpAddress.{} ", plan.secondaries.len() + 1)));
            // The primary appears only in the comment, never as an argument.
            assert!(
                !content
                    .lines()
                    .filter(|l| !l.starts_with('#'))
                    .any(|l| l.contains(&plan.primary.to_string())),
                "{name}: {content}"
            );
        }
        match (&plan.region, &plan.eni_id) {
            (Some(r), Some(e)) => {
                assert!(a.content.contains(&format!("--RegionId {r} ")), "{name}");
                assert!(a.content.contains(&format!("--NetworkInterfaceId {e} ")), "{name}");
                assert!(!a.content.contains(":?"), "{name}");
            }
            _ => assert!(a.content.contains(":?fill in"), "{name}"),
        }
    }
}

#[test]
fn terraform_uses_the_resource_for_the_eni_kind() {
    let primary = &cloud::assign_artifacts(&plan("keep", "primary", true), Locale::En)[3];
    assert!(primary.content.contains("resource \"alicloud_instance\""));
    assert!(primary
        .content
        .contains("secondary_private_ips = [\"192.168.1.202\", \"192.168.1.203\"]"));
    assert!(!primary.content.contains("alicloud_ecs_network_interface\" "));
    let secondary = &cloud::assign_artifacts(&plan("keep", "secondary", true), Locale::En)[3];
    assert!(secondary.content.contains("resource \"alicloud_ecs_network_interface\""));
    assert!(secondary
        .content
        .contains("private_ip_addresses = [\"192.168.1.202\", \"192.168.1.203\"]"));
    assert!(secondary.content.contains("bound to the instance first"));
    assert!(primary.content.contains(
        "secondary_private_ips and secondary_private_ip_address_count exclude each other"
    ));
    assert!(secondary.content.contains(
        "private_ip_addresses and secondary_private_ip_address_count exclude each other"
    ));
    for a in [primary, secondary] {
        assert_eq!(a.lang, Lang::Hcl);
    }
}

// A "merge these arguments" block that also held `private_ip` (changing
// it reboots the instance) or `primary_ip_address` (ForceNew: a new ENI)
// invited a replacement; and the list is authoritative, so it must hold
// every secondary or Terraform unassigns the others.
#[test]
fn terraform_sets_only_the_authoritative_list_and_says_so() {
    for kind in ["primary", "secondary"] {
        let a = &cloud::assign_artifacts(&plan("keep", kind, true), Locale::En)[3];
        let args: Vec<&str> = a
            .content
            .lines()
            .filter(|l| !l.trim_start().starts_with('#') && l.contains(" = "))
            .map(|l| l.split(" = ").next().unwrap_or("").trim())
            .collect();
        let list = if kind == "primary" { "secondary_private_ips" } else { "private_ip_addresses" };
        assert_eq!(args, ["region", list], "{kind}: {}", a.content);
        assert!(a.content.contains("every secondary"), "{}", a.content);
        assert!(a.content.contains("terraform plan"), "{}", a.content);
        assert!(a.content.contains("in-place"), "{}", a.content);
    }
}

#[test]
fn undo_says_the_os_comes_first_and_the_primary_stays() {
    let plan = plan("static", "secondary", false);
    let undo = cloud::undo_artifacts(&plan, Locale::En);
    for a in &undo {
        assert!(a.content.contains("192.168.1.201 can't be unassigned"), "{}", a.id);
    }
    assert!(undo[0]
        .content
        .starts_with("# Run this only after the addresses are removed from the OS"));
    assert!(undo[1].content.starts_with("1. First remove the addresses from the OS"));
}

#[test]
fn notes_report_the_limit_checked_and_the_binding() {
    let p = plan("keep", "secondary", true);
    let text: Vec<String> =
        cloud::assign_notes(&p, Locale::En).into_iter().map(|n| n.text).collect();
    assert!(
        text.iter()
            .any(|t| t.contains(&format!("{} private IPv4 addresses per ENI", p.limit.per_eni))),
        "{text:?}"
    );
    assert!(text.iter().any(|t| t.contains("this plan uses 3")), "{text:?}");
    assert!(
        text.iter().any(|t| t.contains("bind eni-bp1d66qjxb3qoin3xyz to the instance first")),
        "{text:?}"
    );
    let p = plan("keep", "primary", false);
    let text: Vec<String> =
        cloud::assign_notes(&p, Locale::En).into_iter().map(|n| n.text).collect();
    assert!(
        text.iter().any(|t| t.contains("Fill in the region id and the ENI id first")),
        "{text:?}"
    );
    assert!(!text.iter().any(|t| t.contains("bind")), "{text:?}");
}

#[test]
fn placeholders_in_commands_stop_with_a_message() {
    // A command pasted without filling in the ids must not reach the API:
    // run it with a fake `aliyun` that records being called.
    let dir = temp_dir("placeholder");
    let called = dir.join("called");
    write_exec(&dir.join("aliyun"), &format!("#!/bin/sh\necho \"$@\" > {}\n", called.display()));
    let path = format!("{}:{}", dir.display(), std::env::var("PATH").unwrap_or_default());
    for p in [plan("keep", "primary", false), plan("static", "secondary", false)] {
        for a in
            [&cloud::assign_artifacts(&p, Locale::En)[1], &cloud::undo_artifacts(&p, Locale::En)[0]]
        {
            let out =
                Command::new("sh").arg("-c").arg(&a.content).env("PATH", &path).output().unwrap();
            assert!(!out.status.success(), "{}", a.content);
            assert!(String::from_utf8_lossy(&out.stderr).contains("fill in REGION"), "{:?}", out);
            assert!(!called.exists(), "aliyun ran with a placeholder:\n{}", a.content);
        }
    }
    // Filled in, the same command reaches aliyun with exactly the planned arguments.
    let p = plan("keep", "primary", true);
    let out = Command::new("sh")
        .arg("-c")
        .arg(&cloud::assign_artifacts(&p, Locale::En)[1].content)
        .env("PATH", &path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        std::fs::read_to_string(&called).unwrap(),
        format!("ecs AssignPrivateIpAddresses --RegionId {REGION} --NetworkInterfaceId {ENI_ID} --PrivateIpAddress.1 192.168.1.202 --PrivateIpAddress.2 192.168.1.203\n")
    );
}

// ---------------------------------------------------------------- IPv6

#[test]
fn an_ipv6_only_plan_makes_no_ipv4_call_and_names_every_ipv6_address() {
    let mut p = with_ipv6(plan("keep", "primary", true));
    p.secondaries.clear();
    assert_eq!(cloud::actions(&p, false), ["AssignIpv6Addresses"]);
    assert_eq!(cloud::actions(&p, true), ["UnassignIpv6Addresses"]);
    let all: Vec<Artifact> = cloud_artifacts(&p);
    for a in &all {
        assert!(!a.content.contains("PrivateIpAddress"), "{}: {}", a.id, a.content);
        assert!(!a.content.contains("0 secondary"), "{}: {}", a.id, a.content);
    }
    let notes: Vec<String> =
        cloud::assign_notes(&p, Locale::En).into_iter().map(|n| n.text).collect();
    assert!(!notes.iter().any(|t| t.contains("private IPv4 addresses per ENI")), "{notes:?}");
    assert!(notes.iter().any(|t| t.contains("ModifyVSwitchAttribute")), "{notes:?}");
    // The ENI's own IPv6 address is never an argument.
    for a in [&all[1], &all[4]] {
        assert!(a.content.contains("--Ipv6Address.1 2408:4005:3cd:7d00::a \\\n"), "{}", a.content);
        assert!(a.content.contains("--Ipv6Address.2 2408:4005:3cd:7d00::b\n"), "{}", a.content);
        assert!(!a.content.contains("Ipv6Address.3"), "{}", a.content);
        assert!(
            !a.content.lines().filter(|l| !l.starts_with('#')).any(|l| l.contains("::10")),
            "{}",
            a.content
        );
    }
    // Terraform on a primary ENI: alicloud_instance's ipv6_addresses is
    // ForceNew, so no resource block at all for an IPv6-only plan.
    assert!(!all[3].content.contains("resource "), "{}", all[3].content);
    assert!(all[3].content.contains("ForceNew"), "{}", all[3].content);
}

#[test]
fn terraform_lists_every_ipv6_address_of_a_secondary_eni() {
    let p = with_ipv6(plan("keep", "secondary", true));
    let tf = &cloud::assign_artifacts(&p, Locale::En)[3].content;
    assert!(
        tf.contains("  ipv6_addresses       = [\"2408:4005:3cd:7d00::10\", \"2408:4005:3cd:7d00::a\", \"2408:4005:3cd:7d00::b\"]\n"),
        "{tf}"
    );
    assert!(
        tf.contains("ipv6_addresses (provider 1.193.0+) and ipv6_address_count exclude each other"),
        "{tf}"
    );
}

#[test]
fn ipv6_commands_reach_aliyun_with_the_planned_arguments() {
    // A fake aliyun that appends each call: both families, in order, and
    // with the placeholders filled in; without ids nothing is called.
    let dir = temp_dir("ipv6");
    let calls = dir.join("calls");
    write_exec(&dir.join("aliyun"), &format!("#!/bin/sh\necho \"$@\" >> {}\n", calls.display()));
    let path = format!("{}:{}", dir.display(), std::env::var("PATH").unwrap_or_default());
    let p = with_ipv6(plan("keep", "secondary", true));
    let run = |content: &str| {
        let _ = std::fs::remove_file(&calls);
        let out = Command::new("sh").arg("-c").arg(content).env("PATH", &path).output().unwrap();
        (out.status.success(), std::fs::read_to_string(&calls).unwrap_or_default())
    };
    let (ok, got) = run(&cloud::assign_artifacts(&p, Locale::En)[1].content);
    assert!(ok);
    assert_eq!(
        got,
        format!(
            "ecs AssignPrivateIpAddresses --RegionId {REGION} --NetworkInterfaceId {ENI_ID} --PrivateIpAddress.1 192.168.1.202 --PrivateIpAddress.2 192.168.1.203\n\
             ecs AssignIpv6Addresses --RegionId {REGION} --NetworkInterfaceId {ENI_ID} --Ipv6Address.1 2408:4005:3cd:7d00::a --Ipv6Address.2 2408:4005:3cd:7d00::b\n"
        )
    );
    let (ok, got) = run(&cloud::undo_artifacts(&p, Locale::En)[0].content);
    assert!(ok);
    assert!(got.ends_with(&format!("ecs UnassignIpv6Addresses --RegionId {REGION} --NetworkInterfaceId {ENI_ID} --Ipv6Address.1 2408:4005:3cd:7d00::a --Ipv6Address.2 2408:4005:3cd:7d00::b\n")), "{got}");
    let mut p = with_ipv6(plan("keep", "primary", false));
    p.secondaries.clear();
    let (ok, got) = run(&cloud::assign_artifacts(&p, Locale::En)[1].content);
    assert!(!ok && got.is_empty(), "{got}");
}

// ---------------------------------------------------------------- real checkers

#[test]
fn every_shell_artifact_passes_shellcheck() {
    let mut findings = Vec::new();
    for (name, plan) in scenarios() {
        for a in cloud_artifacts(&plan).iter().filter(|a| a.lang == Lang::Sh) {
            let f = shellcheck(&format!("{name}-{}", a.id), &a.content);
            if !f.is_empty() {
                findings.push(format!("{name} {}:\n{f}", a.id));
            }
        }
    }
    for base in ["https://wizard.example/", "https://x.example/a b'c/?q=1#f"] {
        for page in [&[][..], &[("lang", "zh")][..]] {
            let cmd = prefill::linux_command_with(base, page);
            let f = shellcheck("prefill-command", &format!("{cmd}\n"));
            if !f.is_empty() {
                findings.push(format!("prefill command for {base} {page:?}:\n{f}"));
            }
        }
    }
    let f = shellcheck("prefill-script", &format!("{}\n", prefill::linux_script()));
    if !f.is_empty() {
        findings.push(format!("prefill script:\n{f}"));
    }
    for base in ["https://wizard.example/", "https://x.example/a b'c/?q=1#f"] {
        let f = shellcheck("doctor", &doctor::linux_script(base));
        if !f.is_empty() {
            findings.push(format!("doctor script for {base}:\n{f}"));
        }
    }
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}

/// The doctor is POSIX sh: dash and BusyBox ash (and bash) parse it, and
/// shellcheck finds nothing for dash either.
#[test]
fn the_doctor_parses_in_every_shell() {
    let dir = temp_dir("doctor-sh");
    let file = dir.join("doctor.sh");
    write(&file, &doctor::linux_script("https://x.example/a b'c/"));
    let mut shells = vec![vec!["dash", "-n"], vec!["bash", "-n"]];
    if Command::new("busybox").arg("true").output().is_ok_and(|o| o.status.success()) {
        shells.push(vec!["busybox", "sh", "-n"]);
    } else {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "busybox is missing (scripts/setup.sh net-tools)"
        );
        eprintln!("SKIPPED busybox ash: busybox is not installed (scripts/setup.sh net-tools)");
    }
    for sh in shells {
        let out = Command::new(sh[0]).args(&sh[1..]).arg(&file).output().unwrap();
        assert!(out.status.success(), "{sh:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let out =
        Command::new("shellcheck").args(["-s", "dash", "-f", "gcc"]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn powershell_prefill_parses_with_tree_sitter_pwsh() {
    let dir = temp_dir("pwsh");
    let file = dir.join("prefill.ps1");
    write(&file, &(prefill::powershell_command("https://x.example/a b'c/") + "\n"));
    // The doctor too, in the same run of the checker.
    let doctor_file = dir.join("doctor.ps1");
    write(&doctor_file, &doctor::powershell_script("https://x.example/a b'c/"));
    let with_lang = dir.join("prefill-lang.ps1");
    let cmd = prefill::powershell_command_with("https://x.example/a b'c/", &[("lang", "zh")]);
    write(&with_lang, &(cmd + "\n"));
    let checker = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/cloud_pwsh_check.py");
    let probe =
        Command::new("python3").args(["-c", "import tree_sitter, tree_sitter_pwsh"]).output();
    if !matches!(&probe, Ok(o) if o.status.success()) {
        // CI has the set-up's venv on PATH: a skip there would hide a broken set-up.
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "tree-sitter-pwsh is missing and CI=true forbids skipping (scripts/setup.sh python)"
        );
        eprintln!("SKIPPED powershell_prefill_parses_with_tree_sitter_pwsh: python3 with tree-sitter and tree-sitter-pwsh is not available (pip install -r tests/requirements.txt)");
        return;
    }
    for f in [&file, &doctor_file, &with_lang] {
        let out = Command::new("python3").arg(&checker).arg(f).output().unwrap();
        assert!(
            out.status.success(),
            "{}: {}{}",
            f.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The checker itself must reject broken PowerShell.
    let bad = dir.join("bad.ps1");
    write(&bad, "if ($x) { 'unclosed\n");
    let out = Command::new("python3").arg(&checker).arg(&bad).output().unwrap();
    assert!(!out.status.success(), "the checker accepted broken PowerShell");
}

// ---------------------------------------------------------------- the pre-fill, run for real

const MAC1: &str = "00:16:3e:0a:bb:01";
const MAC2: &str = "00:16:3e:0a:bb:02";

/// A metadata server on 127.0.0.1 for an instance with two NICs; returns its URL.
fn fake_metadata_server() -> String {
    metadata_server(true, Tokens::Optional)
}

/// What the fake metadata server does with session tokens.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tokens {
    /// It hands them out (`PUT /latest/api/token`) and answers without one too.
    Optional,
    /// Hardened mode (`HttpTokens=required`): every GET needs the token.
    Required,
    /// An older server: no token endpoint at all.
    Unknown,
}

/// The token the fake server hands out.
const TOKEN: &str = "AQAEAFake-Token_0123==";

/// The same, serving the instance type only when `with_type`.
fn metadata_server(with_type: bool, tokens: Tokens) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let md = "/latest/meta-data";
    let mut paths: HashMap<String, String> = HashMap::new();
    paths.insert(format!("{md}/mac"), MAC1.into());
    paths.insert(format!("{md}/region-id"), "cn-hangzhou".into());
    paths.insert(format!("{md}/instance-id"), "i-bp1prefill000000001".into());
    if with_type {
        paths.insert(format!("{md}/instance/instance-type"), "ecs.g7.large".into());
    }
    paths.insert(format!("{md}/dns-conf/nameservers"), "100.100.2.136\n100.100.2.138".into());
    paths.insert(format!("{md}/network/interfaces/macs/"), format!("{MAC1}/\n{MAC2}/"));
    let nics = [
        (
            MAC1,
            "192.168.1.0/24",
            "192.168.1.253",
            "192.168.1.201",
            "[\"192.168.1.201\",\"192.168.1.202\",\"192.168.1.203\"]",
            "eni-bp1primary0000001",
        ),
        (
            MAC2,
            "192.168.2.0/24",
            "192.168.2.253",
            "192.168.2.10",
            "[\"192.168.2.10\", \"192.168.2.11\", \"192.168.2.12\"]",
            "eni-bp1second0000002",
        ),
    ];
    // IPv6 on the primary NIC only (the server answers 404 for the other's
    // keys, as for an ENI without IPv6); upper case, as a server might.
    let n1 = format!("{md}/network/interfaces/macs/{MAC1}");
    paths.insert(format!("{n1}/vswitch-ipv6-cidr-block"), "2408:4005:3CD:7d00::/64".into());
    paths.insert(format!("{n1}/ipv6s"), "[2408:4005:3cd:7d00::10, 2408:4005:3CD:7D00::A]".into());
    paths.insert(format!("{n1}/ipv6-gateway"), "2408:4005:3cd:7d00:ffff:ffff:ffff:fff7".into());
    for (mac, cidr, gw, ip, ips, eni) in nics {
        let n = format!("{md}/network/interfaces/macs/{mac}");
        paths.insert(format!("{n}/vswitch-cidr-block"), cidr.into());
        paths.insert(format!("{n}/netmask"), "255.255.255.0".into());
        paths.insert(format!("{n}/gateway"), gw.into());
        paths.insert(format!("{n}/primary-ip-address"), ip.into());
        paths.insert(format!("{n}/private-ipv4s"), ips.into());
        paths.insert(format!("{n}/network-interface-id"), eni.into());
    }
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut req = Vec::new();
            let mut buf = [0u8; 1024];
            while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => req.extend_from_slice(&buf[..n]),
                }
            }
            let req = String::from_utf8_lossy(&req);
            let method = req.split_whitespace().next().unwrap_or("").to_owned();
            let path = req.split_whitespace().nth(1).unwrap_or("").to_owned();
            let header = |name: &str| {
                req.lines().find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
                })
            };
            let has_token = header("X-aliyun-ecs-metadata-token").as_deref() == Some(TOKEN);
            let (status, body) = match (method.as_str(), path.as_str(), tokens) {
                ("PUT", "/latest/api/token", Tokens::Optional | Tokens::Required)
                    if header("X-aliyun-ecs-metadata-token-ttl-seconds").is_some() =>
                {
                    ("200 OK", TOKEN.to_owned())
                }
                ("PUT", _, _) => ("405 Method Not Allowed", "no".to_owned()),
                (_, _, Tokens::Required) if !has_token => {
                    ("403 Forbidden", "token required".to_owned())
                }
                _ => match paths.get(&path) {
                    Some(b) => ("200 OK", b.clone()),
                    None => ("404 Not Found", "not found".to_owned()),
                },
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

/// A fake host: /sys/class/net with eth0 (MAC1) and eth1 (MAC2), an
/// os-release, and an `ip` that prints fixed `ip -4 -o addr` lines (eth0
/// already has .202; eth1 only its primary).
fn fake_host() -> PathBuf {
    let dir = temp_dir("host");
    write(&dir.join("net/lo/address"), "00:00:00:00:00:00\n");
    write(&dir.join("net/eth0/address"), &format!("{MAC1}\n"));
    write(&dir.join("net/eth1/address"), &format!("{MAC2}\n"));
    write(&dir.join("os-release"), "NAME=\"Ubuntu\"\nID=ubuntu\nVERSION_ID=\"22.04\"\n");
    write_exec(
        &dir.join("bin/ip"),
        "#!/bin/sh\n\
         for a; do dev=$a; done\n\
         case \"$dev\" in\n\
         eth0)\n\
         echo '2: eth0    inet 192.168.1.201/24 metric 100 brd 192.168.1.255 scope global dynamic eth0\\       valid_lft 315359994sec preferred_lft 315359994sec'\n\
         echo '2: eth0    inet 192.168.1.202/24 scope global secondary eth0\\       valid_lft forever preferred_lft forever' ;;\n\
         eth1)\n\
         echo '3: eth1    inet 192.168.2.10/24 brd 192.168.2.255 scope global eth1\\       valid_lft forever preferred_lft forever' ;;\n\
         *) echo \"Device \\\"$dev\\\" does not exist.\" >&2; exit 1 ;;\n\
         esac\n",
    );
    // nmcli -g escapes `:` and `\\` in values.
    write_exec(
        &dir.join("bin/nmcli"),
        "#!/bin/sh\n\
         for a; do dev=$a; done\n\
         case \"$dev\" in\n\
         eth0) printf '%s\\n' 'cloud-init eth0' ;;\n\
         eth1) printf '%s\\n' 'Wired\\: 2\\\\x' '(second line)' ;;\n\
         *) echo 'Error: Device not found.' >&2; exit 10 ;;\n\
         esac\n",
    );
    dir
}

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// Runs the Linux pre-fill command (plus extra words) on the fake host.
fn run_prefill(metadata: &str, host: &Path, base: &str, extra: &str, path: Option<String>) -> Run {
    run_prefill_with(metadata, host, base, &[], extra, path)
}

/// [`run_prefill`] with the page's own parameters in the link.
fn run_prefill_with(
    metadata: &str,
    host: &Path,
    base: &str,
    page: &[(&str, &str)],
    extra: &str,
    path: Option<String>,
) -> Run {
    let cmd = format!("{}{extra}", prefill::linux_command_with(base, page));
    let path = path.unwrap_or_else(|| {
        format!("{}:{}", host.join("bin").display(), std::env::var("PATH").unwrap_or_default())
    });
    let out = Command::new("/bin/sh")
        .arg("-c")
        .arg(&cmd)
        .env("PATH", path)
        .env("WIZARD_METADATA_URL", metadata)
        .env("WIZARD_SYS_CLASS_NET", host.join("net"))
        .env("WIZARD_OS_RELEASE", host.join("os-release"))
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .output()
        .unwrap();
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The form the printed link carries.
fn link_form(run: &Run, base: &str) -> Form {
    assert!(run.ok, "pre-fill failed:\n{}{}", run.stdout, run.stderr);
    let link = run.stdout.trim_end();
    assert_eq!(run.stdout.lines().count(), 1, "stdout holds only the link: {}", run.stdout);
    let query = link
        .strip_prefix(&format!("{base}?"))
        .unwrap_or_else(|| panic!("{link} does not start with {base}?"));
    let shared = from_query(query);
    assert!(shared.unknown.is_empty(), "{:?}", shared.unknown);
    shared.form
}

fn secondaries(form: &Form) -> Vec<String> {
    form.secondary_items().into_iter().map(|(_, s)| s.to_owned()).collect()
}

#[test]
fn prefill_reads_the_primary_nic() {
    let md = fake_metadata_server();
    let host = fake_host();
    let base = "https://wizard.example/secondary-ip/";
    let run = run_prefill(&md, &host, "https://wizard.example/secondary-ip/?old=1#x", "", None);
    let form = link_form(&run, base);
    assert_eq!(form.os, "ubuntu22");
    assert_eq!(form.instance_type, "ecs.g7.large");
    assert_eq!(form.eni_kind, "primary");
    assert_eq!(form.interface, "eth0");
    assert_eq!(form.connection, "cloud-init eth0");
    assert_eq!(form.mac, MAC1);
    assert_eq!(form.cidr, "192.168.1.0/24");
    assert_eq!(form.gateway, "192.168.1.253");
    assert_eq!(form.primary, "192.168.1.201");
    // Every secondary assigned in the cloud, the one already on eth0
    // (.202) too: the form lists every address the interface should have,
    // so a method that rewrites its file keeps the earlier ones.
    assert_eq!(secondaries(&form), ["192.168.1.202", "192.168.1.203"]);
    assert_eq!(split_list(&form.dns), ["100.100.2.136", "100.100.2.138"]);
    assert_eq!(form.region, "cn-hangzhou");
    assert_eq!(form.eni_id, "eni-bp1primary0000001");
    // The instance id too, for the Cloud Assistant blocks.
    assert_eq!(form.instance_id, "i-bp1prefill000000001");
    // The IPv6 part: the vSwitch's block, the ENI's first IPv6 address as
    // its own and the others to keep, in canonical lower case.
    assert_eq!(form.cidr6, "2408:4005:3cd:7d00::/64");
    assert_eq!(form.primary6, "2408:4005:3cd:7d00::10");
    assert_eq!(form.secondary6_items(), ["2408:4005:3cd:7d00::a"]);
    assert!(
        run.stderr.contains(
            "IPv6 addresses assigned in the cloud: 2408:4005:3cd:7d00::10,2408:4005:3cd:7d00::a"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "2 secondary IPs assigned in the cloud (all in the link); already on the interface: 192.168.1.202; not yet: 192.168.1.203"
        ),
        "{}",
        run.stderr
    );
    // The filled-in form is a plan the renderers accept.
    assert!(validate(&form).is_ok(), "{:?}", validate(&form).err());
}

#[test]
fn prefill_reads_a_secondary_nic_given_by_mac() {
    let md = fake_metadata_server();
    let host = fake_host();
    let base = "https://wizard.example/";
    // Upper case with dashes, as Windows and some consoles show it.
    let run = run_prefill(&md, &host, base, " 00-16-3E-0A-BB-02", None);
    let form = link_form(&run, base);
    assert_eq!(form.eni_kind, "secondary");
    assert_eq!(form.interface, "eth1");
    assert_eq!(form.connection, "Wired: 2\\x");
    assert_eq!(form.mac, MAC2);
    assert_eq!(form.cidr, "192.168.2.0/24");
    assert_eq!(form.gateway, "192.168.2.253");
    assert_eq!(form.primary, "192.168.2.10");
    assert_eq!(secondaries(&form), ["192.168.2.11", "192.168.2.12"]);
    assert_eq!(form.eni_id, "eni-bp1second0000002");
    // No IPv6 keys for this NIC: no IPv6 in the link.
    assert_eq!((form.cidr6.as_str(), form.primary6.as_str()), ("", ""));
    assert!(form.secondary6_items().is_empty());
    assert!(validate(&form).is_ok(), "{:?}", validate(&form).err());
}

#[test]
fn prefill_works_with_wget_when_curl_is_missing() {
    // Also an instance whose metadata has no instance type: the link has none.
    let md = metadata_server(false, Tokens::Required);
    let host = fake_host();
    // A PATH with only what the command needs, and no curl.
    let bin = temp_dir("nocurl");
    for tool in ["sh", "wget", "tr", "sed", "od", "grep", "cat"] {
        let real =
            ["/usr/bin", "/bin"].iter().map(|d| Path::new(d).join(tool)).find(|p| p.exists());
        let real = real.unwrap_or_else(|| panic!("{tool} is installed"));
        std::os::unix::fs::symlink(real, bin.join(tool)).unwrap();
    }
    std::fs::copy(host.join("bin/ip"), bin.join("ip")).unwrap();
    let base = "https://wizard.example/";
    let run = run_prefill(&md, &host, base, "", Some(bin.display().to_string()));
    let form = link_form(&run, base);
    assert_eq!(form.primary, "192.168.1.201");
    assert_eq!(form.instance_type, "");
    assert_eq!(secondaries(&form), ["192.168.1.202", "192.168.1.203"]);
}

// On an instance with HttpTokens=required every metadata read needs a
// session token; a one-liner that never asked for one failed there and
// blamed the network.
#[test]
fn prefill_reads_metadata_in_hardened_mode() {
    for tokens in [Tokens::Required, Tokens::Unknown] {
        let md = metadata_server(true, tokens);
        let host = fake_host();
        let base = "https://wizard.example/";
        let form = link_form(&run_prefill(&md, &host, base, "", None), base);
        assert_eq!(form.primary, "192.168.1.201");
        assert_eq!(form.eni_id, "eni-bp1primary0000001");
        assert_eq!(form.instance_id, "i-bp1prefill000000001");
    }
}

#[test]
fn prefill_names_hardened_mode_when_it_cannot_read() {
    // A server that wants a token and hands none out: a read with no token is refused.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 2048];
            let _ = stream.read(&mut buf);
            let _ = write!(
                stream,
                "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    let host = fake_host();
    let run = run_prefill(&url, &host, "https://w.example/", "", None);
    assert!(!run.ok);
    assert!(run.stderr.contains("hardened mode"), "{}", run.stderr);
    assert!(run.stderr.contains("HttpTokens=required"), "{}", run.stderr);
}

#[test]
fn prefill_link_carries_the_page_language_first() {
    let md = fake_metadata_server();
    let host = fake_host();
    let base = "https://wizard.example/secondary-ip/";
    let run = run_prefill_with(&md, &host, base, &[("lang", "zh")], "", None);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let link = run.stdout.trim_end();
    assert!(link.starts_with(&format!("{base}?lang=zh&os=ubuntu22&")), "{link}");
    let query = link.strip_prefix(base).unwrap_or_default();
    assert_eq!(wizard::share::page(query).lang, Some(Locale::Zh));
    // The form is the same as without the language.
    let plain = link_form(&run_prefill(&md, &host, base, "", None), base);
    let shared = from_query(query);
    assert!(shared.unknown.is_empty(), "{:?}", shared.unknown);
    assert_eq!(shared.form, plain);
}

#[test]
fn prefill_percent_encodes_an_odd_interface_name() {
    let md = fake_metadata_server();
    let host = fake_host();
    std::fs::rename(host.join("net/eth0"), host.join("net/en p&1")).unwrap();
    let base = "https://wizard.example/";
    let run = run_prefill(&md, &host, base, "", None);
    assert!(run.stdout.contains("if=%65%6e%20%70%26%31&"), "{}", run.stdout);
    let form = link_form(&run, base);
    assert_eq!(form.interface, "en p&1");
    // The fake `ip` knows no such device: nothing configured, both are left.
    assert_eq!(secondaries(&form), ["192.168.1.202", "192.168.1.203"]);
}

#[test]
fn prefill_without_the_interface_still_prints_the_cloud_side() {
    let md = fake_metadata_server();
    let host = fake_host();
    std::fs::remove_dir_all(host.join("net/eth1")).unwrap();
    let base = "https://wizard.example/";
    let run = run_prefill(&md, &host, base, &format!(" {MAC2}"), None);
    let form = link_form(&run, base);
    assert_eq!(form.interface, Form::default().interface);
    assert_eq!(secondaries(&form), ["192.168.2.11", "192.168.2.12"]);
    assert!(run.stderr.contains("no interface here has MAC 00:16:3e:0a:bb:02"), "{}", run.stderr);
}

#[test]
fn prefill_fails_clearly_off_alibaba_cloud() {
    // A port nobody listens on: connection refused, as off the cloud.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let host = fake_host();
    let run =
        run_prefill(&format!("http://127.0.0.1:{port}"), &host, "https://w.example/", "", None);
    assert!(!run.ok);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("cannot read the ECS metadata server"), "{}", run.stderr);
    assert!(
        run.stderr.contains("run this on the Alibaba Cloud ECS instance itself"),
        "{}",
        run.stderr
    );
}

#[test]
fn prefill_fails_clearly_for_an_unknown_mac() {
    let md = fake_metadata_server();
    let host = fake_host();
    let run = run_prefill(&md, &host, "https://w.example/", " 00:16:3e:ff:ff:ff", None);
    assert!(!run.ok);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("no ENI with MAC 00:16:3e:ff:ff:ff on this instance"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(MAC2), "{}", run.stderr);
}

#[test]
fn hostile_ids_reach_aliyun_as_exactly_one_word_each() {
    // Validation rejects such ids; the commands must still be safe if one
    // ever got through, as every renderer quotes what it did not build.
    let dir = temp_dir("hostile");
    let args = dir.join("args");
    write_exec(
        &dir.join("aliyun"),
        &format!("#!/bin/sh\nprintf '%s\\000' \"$@\" > {}\n", args.display()),
    );
    let path = format!("{}:{}", dir.display(), std::env::var("PATH").unwrap_or_default());
    let mut p = plan("keep", "secondary", true);
    p.region = Some("cn-hang zhou'$(touch pwned)`id`".into());
    p.eni_id = Some("eni-x; rm -rf /tmp/nothing\"*\nid".into());
    for a in
        [&cloud::assign_artifacts(&p, Locale::En)[1], &cloud::undo_artifacts(&p, Locale::En)[0]]
    {
        // (shellcheck rightly notes the literal $( ) here: it is meant literally.)
        let out = Command::new("sh")
            .arg("-c")
            .arg(&a.content)
            .current_dir(&dir)
            .env("PATH", &path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let got = std::fs::read_to_string(&args).unwrap();
        let got: Vec<&str> = got.split('\0').collect();
        assert_eq!(
            &got[2..6],
            [
                "--RegionId",
                p.region.as_deref().unwrap(),
                "--NetworkInterfaceId",
                p.eni_id.as_deref().unwrap()
            ],
            "{}",
            a.content
        );
        assert!(!dir.join("pwned").exists());
    }
    let tf = &cloud::assign_artifacts(&p, Locale::En)[3].content;
    assert!(tf.contains(r#"region = "cn-hang zhou'$(touch pwned)`id`""#), "{tf}");
}
