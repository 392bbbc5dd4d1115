//! Delivery through Cloud Assistant (`src/render/assistant.rs`): golden
//! files, a parser of the aliyun argument lists against the documented
//! parameters of each action, the Base64 round trip, shellcheck, and the
//! run and sequence blocks run with `sh` against a fake `aliyun` on PATH.
//!
//! Golden files live in `tests/golden_cloud/assistant-<scenario>/`: each
//! block with the Base64 of its command content replaced by
//! `<COMMAND_CONTENT_BASE64>`, and `command-content.<ext>` (what Cloud
//! Assistant runs) with the script replaced by `<SCRIPT>`, so a change to
//! the all-in-one scripts alone does not change them; the round-trip test
//! proves that the Base64 is exactly the command content around the
//! script. `UPDATE_GOLDEN=1 cargo test --test assistant` rewrites them.

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use wizard::catalog::Method;
use wizard::plan::{validate, Plan};
use wizard::render::assistant::{self, command_content, CONTENT_LIMIT};
use wizard::render::launch;
use wizard::render::{render, render_all, Artifact, Lang, Rendering};
use wizard::share::from_lines;
use wizard::wording::Locale;

const REGION: &str = "cn-hangzhou";
const INSTANCE: &str = "i-bp1d66qjxb3qoin3xyz0";
const ENI_ID: &str = "eni-bp1d66qjxb3qoin3xyz";
const MARK_B64: &str = "<COMMAND_CONTENT_BASE64>";
const MARK_SCRIPT: &str = "<SCRIPT>";

// ---------------------------------------------------------------- helpers

fn temp_dir(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "wizard-assistant-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_exec(path: &Path, content: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, content).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// The plan of a golden scenario's form, with or without the three ids.
fn plan_of(scenario: &str, ids: bool) -> Plan {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(scenario);
    let text = std::fs::read_to_string(dir.join("form.txt")).unwrap();
    let mut form = from_lines(&text).form;
    if ids {
        form.region = REGION.into();
        form.eni_id = ENI_ID.into();
        form.instance_id = INSTANCE.into();
    } else {
        form.region.clear();
        form.eni_id.clear();
        form.instance_id.clear();
    }
    validate(&form).unwrap_or_else(|e| panic!("{scenario}: {e:?}"))
}

/// Every golden scenario's plan (with the ids when `ids`).
fn every_plan(ids: bool) -> Vec<(String, Plan)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.into_iter().map(|n| (n.clone(), plan_of(&n, ids))).collect()
}

/// Standard Base64 decoding (strict: the alphabet and `=` padding only).
fn b64_decode(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    if !s.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::new();
    for chunk in s.as_bytes().chunks(4) {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || chunk[..4 - pad].contains(&b'=') {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = (n << 6) | val(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

/// A rendering with its Cloud Assistant and at-launch blocks, which
/// `render` leaves to [`Rendering::assistant`] and [`Rendering::launch`].
struct Delivered {
    r: Rendering,
    assistant: assistant::Delivery,
    launch: launch::Launch,
}

impl std::ops::Deref for Delivered {
    type Target = Rendering;
    fn deref(&self) -> &Rendering {
        &self.r
    }
}

/// `method` rendered for `plan`, with its deliveries (in English).
fn delivered(plan: &Plan, method: Method) -> Delivered {
    let r = render(plan, method);
    Delivered { assistant: r.assistant(plan, Locale::En), launch: r.launch(plan, Locale::En), r }
}

/// Every method of the plan's OS, as [`delivered`] (as `render_all`).
fn delivered_all(plan: &Plan) -> Vec<Delivered> {
    plan.os.methods().iter().map(|&m| delivered(plan, m)).collect()
}

fn run_block(r: &Delivered) -> &Artifact {
    &r.assistant.artifacts[0]
}

fn refused(a: &Artifact) -> bool {
    a.content.lines().all(|l| l.starts_with('#'))
}

// ---------------------------------------------------------------- the argument parser

/// The shell words of `line` (single and double quotes, no expansion):
/// enough for the aliyun lines, whose values are quoted words or `$var`.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut any = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                any = true;
                for d in chars.by_ref() {
                    if d == '\'' {
                        break;
                    }
                    cur.push(d);
                }
            }
            '"' => {
                any = true;
                for d in chars.by_ref() {
                    if d == '"' {
                        break;
                    }
                    cur.push(d);
                }
            }
            c if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                any = false;
            }
            c => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Every `aliyun ecs ACTION` call of a block: its action and its
/// `(--Param, value)` pairs, continuation lines joined; `$region` and
/// `$instance` resolved from the block's own assignments.
fn aliyun_calls(block: &str) -> Vec<(String, Vec<(String, String)>)> {
    let joined = block.replace("\\\n", " ");
    let mut vars = std::collections::HashMap::new();
    for line in joined.lines() {
        let t = line.trim();
        for var in ["region", "instance"] {
            if let Some(v) = t.strip_prefix(&format!("{var}=")) {
                vars.insert(format!("${var}"), words(v).concat());
            }
        }
    }
    let mut calls = Vec::new();
    for line in joined.lines() {
        let Some(at) = line.find("aliyun ecs ") else { continue };
        if line.trim_start().starts_with('#') {
            continue;
        }
        let rest = &line[at..];
        let rest = rest.split(") ||").next().unwrap_or(rest);
        let rest = rest.split(" | ").next().unwrap_or(rest);
        let w = words(rest);
        let action = w[2].clone();
        let mut params = Vec::new();
        let mut i = 3;
        while i < w.len() {
            let name = w[i].strip_prefix("--").unwrap_or_else(|| panic!("not a --Param: {}", w[i]));
            let value = w.get(i + 1).cloned().unwrap_or_default();
            let value = vars.get(&value).cloned().unwrap_or(value);
            params.push((name.to_owned(), value));
            i += 2;
        }
        calls.push((action, params));
    }
    calls
}

/// The documented request parameters of each action used (the API pages
/// cited in `src/render/assistant.rs` and `src/render/cloud.rs`); `.N`
/// stands for a RepeatList index.
fn documented(action: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match action {
        "RunCommand" => (
            &[
                "RegionId",
                "Type",
                "CommandContent",
                "InstanceId.N",
                "Name",
                "Description",
                "WorkingDir",
                "Timeout",
                "ContentEncoding",
                "EnableParameter",
                "Parameters",
                "KeepCommand",
                "RepeatMode",
                "Frequency",
                "Username",
                "WindowsPasswordName",
                "ResourceGroupId",
                "ClientToken",
                "Launcher",
                "Tag.N.Key",
                "Tag.N.Value",
            ],
            &["RegionId", "Type", "CommandContent", "InstanceId.N"],
        ),
        "DescribeInvocationResults" => (
            &[
                "RegionId",
                "InvokeId",
                "InstanceId",
                "CommandId",
                "InvokeRecordStatus",
                "IncludeHistory",
                "ContentEncoding",
                "PageNumber",
                "PageSize",
                "MaxResults",
                "NextToken",
                "ResourceGroupId",
            ],
            &["RegionId", "InvokeId"],
        ),
        "AssignPrivateIpAddresses" => (
            &[
                "RegionId",
                "NetworkInterfaceId",
                "PrivateIpAddress.N",
                "SecondaryPrivateIpAddressCount",
                "Ipv4Prefix.N",
                "Ipv4PrefixCount",
                "ClientToken",
            ],
            &["RegionId", "NetworkInterfaceId"],
        ),
        // UnassignPrivateIpAddresses (the Undo step, tests/cloud.rs):
        // https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-unassignprivateipaddresses
        "UnassignPrivateIpAddresses" => (
            &["RegionId", "NetworkInterfaceId", "PrivateIpAddress.N", "Ipv4Prefix.N"],
            &["RegionId", "NetworkInterfaceId"],
        ),
        // IPv6 (src/render/cloud.rs): AssignIpv6Addresses,
        // https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-assignipv6addresses
        // (Ipv6Address.N or Ipv6AddressCount, N 1 to 10), and
        // UnassignIpv6Addresses, https://www.alibabacloud.com/help/en/ecs/api-unassignipv6addresses
        // (Ipv6Address.N or Ipv6Prefix.N).
        "AssignIpv6Addresses" => (
            &[
                "RegionId",
                "NetworkInterfaceId",
                "Ipv6Address.N",
                "Ipv6AddressCount",
                "Ipv6Prefix.N",
                "Ipv6PrefixCount",
                "ClientToken",
            ],
            &["RegionId", "NetworkInterfaceId"],
        ),
        "UnassignIpv6Addresses" => (
            &["RegionId", "NetworkInterfaceId", "Ipv6Address.N", "Ipv6Prefix.N"],
            &["RegionId", "NetworkInterfaceId"],
        ),
        "RunInstances" => (
            &[
                "RegionId",
                "ImageId",
                "InstanceType",
                "SecurityGroupId",
                "SecurityGroupIds.N",
                "VSwitchId",
                "PrivateIpAddress",
                "UserData",
                "InstanceName",
                "HostName",
                "KeyPairName",
                "Password",
                "InternetMaxBandwidthOut",
                "InstanceChargeType",
                "Amount",
                "ZoneId",
                "ClientToken",
                "DryRun",
            ],
            &["RegionId", "ImageId", "InstanceType", "SecurityGroupId", "VSwitchId"],
        ),
        "DescribeInstances" => (
            &["RegionId", "InstanceIds", "VpcId", "VSwitchId", "Status", "PageNumber", "PageSize"],
            &["RegionId"],
        ),
        "DescribeNetworkInterfaces" => (
            &[
                "RegionId",
                "InstanceId",
                "Type",
                "NetworkInterfaceId.N",
                "VSwitchId",
                "VpcId",
                "PrimaryIpAddress",
                "PrivateIpAddress.N",
                "Status",
                "PageNumber",
                "PageSize",
                "MaxResults",
                "NextToken",
            ],
            &["RegionId"],
        ),
        other => panic!("undocumented action {other}"),
    }
}

/// The assign actions a plan needs: IPv4 when it has IPv4 secondaries,
/// IPv6 when it has IPv6 addresses to add.
fn assigns(plan: &Plan) -> Vec<&'static str> {
    let mut out = Vec::new();
    if !plan.secondaries.is_empty() {
        out.push("AssignPrivateIpAddresses");
    }
    if !plan.ipv6_to_add().is_empty() {
        out.push("AssignIpv6Addresses");
    }
    out
}

/// The cloud side's own aliyun blocks (the Assign and Undo steps) use
/// only documented parameters too, and call each family's action only
/// when the plan has addresses of it: an IPv6-only plan has no
/// AssignPrivateIpAddresses or UnassignPrivateIpAddresses.
#[test]
fn every_cloud_step_call_uses_only_documented_parameters_with_good_values() {
    use wizard::render::cloud;
    use wizard::wording::Locale;
    let mut bad = Vec::new();
    let mut v6_seen = 0;
    for ids in [true, false] {
        for (name, plan) in every_plan(ids) {
            let assign = &cloud::assign_artifacts(&plan, Locale::En)[1];
            let undo = &cloud::undo_artifacts(&plan, Locale::En)[0];
            let want: Vec<String> = assigns(&plan).iter().map(|a| a.to_string()).collect();
            // AssignX → UnassignX.
            let unwant: Vec<String> = want.iter().map(|a| format!("Una{}", &a[1..])).collect();
            for (a, want) in [(assign, want), (undo, unwant)] {
                let calls = aliyun_calls(&a.content);
                let actions: Vec<String> = calls.iter().map(|c| c.0.clone()).collect();
                if actions != want {
                    bad.push(format!("{name} {}: calls {actions:?}, want {want:?}", a.id));
                }
                for (action, params) in &calls {
                    if action.contains("Ipv6") {
                        v6_seen += 1;
                    }
                    bad.extend(
                        check_call(action, params, &plan)
                            .into_iter()
                            .map(|b| format!("{name} {}: {b}", a.id)),
                    );
                }
            }
        }
    }
    assert!(v6_seen >= 10, "only {v6_seen} IPv6 calls checked");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// `InstanceId.3` → `InstanceId.N`.
fn generic(name: &str) -> String {
    name.split('.')
        .map(|p| if p.chars().all(|c| c.is_ascii_digit()) { "N" } else { p })
        .collect::<Vec<_>>()
        .join(".")
}

/// Every problem with one call: unknown or repeated parameters, missing
/// required ones, malformed values.
fn check_call(action: &str, params: &[(String, String)], plan: &Plan) -> Vec<String> {
    let (known, required) = documented(action);
    let mut bad = Vec::new();
    let mut seen = BTreeSet::new();
    for (name, value) in params {
        let g = generic(name);
        if !known.contains(&g.as_str()) {
            bad.push(format!("{action}: --{name} is not a documented parameter"));
        }
        if !seen.insert(name.clone()) {
            bad.push(format!("{action}: --{name} given twice"));
        }
        let placeholder = |var: &str| value.starts_with(&format!("${{{var}:?fill in {var}: "));
        let ok = match (action, g.as_str()) {
            // At launch: the new instance and its primary ENI, from the
            // block's own variables; the values the form does not hold.
            ("RunInstances", "ImageId") => placeholder("IMAGE"),
            ("RunInstances", "SecurityGroupId") => placeholder("SG"),
            ("RunInstances", "VSwitchId") => placeholder("VSWITCH"),
            ("RunInstances", "InstanceType") => {
                plan.instance_type.as_deref() == Some(value.as_str())
                    || (plan.instance_type.is_none() && placeholder("TYPE"))
            }
            ("RunInstances", "PrivateIpAddress") => value == &plan.primary.to_string(),
            ("RunInstances", "UserData") => b64_decode(value).is_some_and(|d| {
                d.starts_with(b"#cloud-config\n") || d.starts_with(b"[powershell]\n")
            }),
            ("DescribeInstances", "InstanceIds") => value == "$ids",
            ("DescribeNetworkInterfaces", "InstanceId") => value == "$created",
            ("DescribeNetworkInterfaces", "Type") => value == "Primary",
            (_, g) => match g {
                "RegionId" => {
                    plan.region.as_deref() == Some(value.as_str())
                        || (plan.region.is_none() && placeholder("REGION"))
                }
                "InstanceId.N" => {
                    name == "InstanceId.1"
                        && (plan.instance_id.as_deref() == Some(value.as_str())
                            || (plan.instance_id.is_none() && placeholder("INSTANCE")))
                }
                "NetworkInterfaceId" => {
                    plan.eni_id.as_deref() == Some(value.as_str())
                        || (plan.eni_id.is_none() && placeholder("ENI"))
                }
                "Type" => ["RunShellScript", "RunPowerShellScript", "RunBatScript"]
                    .contains(&value.as_str()),
                "Timeout" => value.parse::<u32>().is_ok_and(|t| (10..=86400).contains(&t)),
                "ContentEncoding" => value == "Base64",
                // The content is siw_run's argument (each checked in `contents`).
                "CommandContent" => value == "$1",
                "Name" => (1..=128).contains(&value.chars().count()),
                "InvokeId" => value == "$invoke",
                "PrivateIpAddress.N" => {
                    value.parse::<std::net::Ipv4Addr>().is_ok_and(|a| plan.secondaries.contains(&a))
                }
                // At most 10 a call, each a planned IPv6 address in its
                // canonical text (the form the API lists them in).
                "Ipv6Address.N" => {
                    name.trim_start_matches("Ipv6Address.").parse::<usize>().is_ok_and(|n| n <= 10)
                        && value.parse::<wizard::net6::Addr6>().is_ok_and(|a| {
                            plan.ipv6_to_add().contains(&a) && a.to_string() == *value
                        })
                }
                _ => true,
            },
        };
        if !ok {
            bad.push(format!("{action}: --{name} {value:?} is not well-formed"));
        }
    }
    for r in required {
        if !params.iter().any(|(n, _)| generic(n) == *r) {
            bad.push(format!("{action}: the required --{r} is missing"));
        }
    }
    bad
}

#[test]
fn every_aliyun_call_uses_only_documented_parameters_with_good_values() {
    let mut bad = Vec::new();
    let mut calls_seen = 0;
    for ids in [true, false] {
        for (name, plan) in every_plan(ids) {
            for r in delivered_all(&plan) {
                for a in &r.assistant.artifacts[..2] {
                    if refused(a) {
                        continue;
                    }
                    let calls = aliyun_calls(&a.content);
                    let actions: Vec<&str> = calls.iter().map(|c| c.0.as_str()).collect();
                    // The sequence assigns each family the plan has, and
                    // only those (no empty AssignPrivateIpAddresses).
                    let mut want = Vec::new();
                    if a.id.ends_with(".sequence") {
                        want.extend(assigns(&plan));
                    }
                    want.extend(["RunCommand", "DescribeInvocationResults"]);
                    if actions != want {
                        bad.push(format!("{name} {}: calls {actions:?}", a.id));
                    }
                    for (action, params) in &calls {
                        calls_seen += 1;
                        for b in check_call(action, params, &plan) {
                            bad.push(format!("{name} {}: {b}", a.id));
                        }
                    }
                    let expected_type = assistant::command_type(r.script.lang);
                    let run = &calls.iter().find(|c| c.0 == "RunCommand").unwrap().1;
                    if !run.iter().any(|(n, v)| n == "Type" && v == expected_type) {
                        bad.push(format!("{name} {}: not --Type {expected_type}", a.id));
                    }
                }
            }
        }
    }
    assert!(calls_seen > 500, "only {calls_seen} calls checked");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_parser_catches_what_it_should() {
    let plan = plan_of("one-secondary", true);
    let bad = check_call(
        "RunCommand",
        &[
            ("RegionId".into(), "cn-hangzhou".into()),
            ("InstanceIds".into(), INSTANCE.into()),
            ("Type".into(), "RunBashScript".into()),
            ("Timeout".into(), "ten".into()),
        ],
        &plan,
    );
    assert_eq!(bad.len(), 5, "{bad:?}"); // unknown, 2 malformed, 2 required missing
    assert_eq!(words("a 'b c' \"${X:?d e}\" f"), ["a", "b c", "${X:?d e}", "f"]);
}

// ---------------------------------------------------------------- the Base64 round trip

/// What a block hands RunCommand, in order: every `siw_run 'BASE64'`.
fn contents(block: &str) -> Vec<String> {
    block
        .lines()
        .filter_map(|l| l.trim().strip_prefix("siw_run "))
        .map(|w| words(w).concat())
        .collect()
}

/// The command the invocations carry, put together again: one whole, or
/// the parts' Base64 (each in its `printf` or `Add-Content` line) joined
/// and decoded; with the last invocation (the runner of the parts).
fn reassemble(parts: &[String]) -> (String, Option<String>) {
    let text = |b: &str| String::from_utf8(b64_decode(b).expect("Base64")).expect("UTF-8");
    if parts.len() == 1 {
        return (text(&parts[0]), None);
    }
    let (last, sends) = parts.split_last().unwrap();
    let mut joined = String::new();
    for p in sends {
        let cmd = text(p);
        let quoted: Vec<&str> = cmd.split('\'').collect();
        // printf '%s' 'PART' > F   |   Set-Content -LiteralPath (… 'F') -Value 'PART' -NoNewline
        joined.push_str(quoted[3]);
    }
    (text(&joined), Some(text(last)))
}

#[test]
fn every_invocation_fits_and_decodes() {
    let mut parted = 0;
    for (name, plan) in every_plan(true) {
        for r in delivered_all(&plan) {
            let run = run_block(&r);
            if refused(run) {
                continue;
            }
            let c = contents(&run.content);
            assert!(!c.is_empty(), "{name} {}: no siw_run", run.id);
            for p in &c {
                assert!(p.len() <= CONTENT_LIMIT, "{name} {}: {} bytes", run.id, p.len());
                assert!(b64_decode(p).is_some(), "{name} {}: not Base64", run.id);
            }
            if c.len() > 1 {
                parted += 1;
            }
        }
    }
    assert!(parted > 10, "only {parted} scripts went in parts");
}

#[test]
fn the_command_content_is_the_script_unchanged_round_trip() {
    let mut checked = 0;
    for (name, plan) in every_plan(true) {
        for r in delivered_all(&plan) {
            let run = run_block(&r);
            if refused(run) {
                continue;
            }
            let parts = contents(&run.content);
            let (decoded, runner) = reassemble(&parts);
            let content = command_content(&r.script).unwrap();
            assert_eq!(decoded, content, "{name} {}", run.id);
            if let Some(runner) = runner {
                assert!(runner.contains("secondary-ip-wizard.b64"), "{name}: {runner}");
            }
            let b64 = &parts[parts.len() - 1];
            // The script is in it once, whole, on its own lines.
            assert_eq!(decoded.matches(r.script.content.as_str()).count(), 1, "{name}");
            assert!(decoded.contains(&format!("\n{}", r.script.content)), "{name}");
            // The same Base64 in the sequence, and in Terraform when it is one command.
            for a in &r.assistant.artifacts[1..] {
                if parts.len() == 1 || a.id.ends_with(".sequence") {
                    assert!(a.content.contains(b64.as_str()), "{name} {}", a.id);
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked}");
}

#[test]
fn an_oversized_script_goes_in_parts() {
    let plan = plan_of("eni-centos6-keep", true);
    let r = delivered(&plan, Method::IfcfgAlias);
    let size = assistant::base64(command_content(&r.script).unwrap().as_bytes()).len();
    assert!(size > CONTENT_LIMIT, "the scenario no longer exceeds the limit: {size}");
    let [run, sequence, terraform] = &r.assistant.artifacts[..] else { panic!("three blocks") };
    assert!(contents(&run.content).len() > 2, "{}", run.content);
    assert!(sequence.content.contains("part 1 of"), "{}", sequence.content);
    assert!(refused(terraform) && terraform.content.contains(&format!("{size} bytes")));
    assert!(r.assistant.notes.iter().any(|n| n.text.contains("parts")));
}

// ---------------------------------------------------------------- golden files

/// The golden scenarios: (folder, form scenario, method, with ids).
const GOLDEN: &[(&str, &str, Method, bool)] = &[
    ("assistant-netplan-ids", "one-secondary", Method::Netplan, true),
    ("assistant-netplan-no-ids", "one-secondary", Method::Netplan, false),
    ("assistant-nmcli-eni-ids", "eni-rhel9-keep", Method::Nmcli, true),
    ("assistant-powershell-ids", "win2022-static-alias", Method::PowerShell, true),
    ("assistant-netsh-no-ids", "win2022-static-alias", Method::Netsh, false),
    ("assistant-in-parts", "eni-centos6-keep", Method::IfcfgAlias, true),
];

fn golden_files(r: &Delivered) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let b64 = command_content(&r.script).map(|c| assistant::base64(c.as_bytes())).ok();
    for a in &r.assistant.artifacts {
        let ext = if a.lang == Lang::Hcl { "tf" } else { "sh" };
        let mut content = match &b64 {
            Some(b) => a.content.replace(b.as_str(), MARK_B64),
            None => a.content.clone(),
        };
        // A script sent in parts: each part, and the runner, by its place.
        let parts = contents(&content);
        if parts.len() > 1 {
            for (i, p) in parts.iter().enumerate() {
                content =
                    content.replace(p.as_str(), &format!("<PART_{}_OF_{}>", i + 1, parts.len()));
            }
        }
        files.push((format!("{}.{ext}", a.id), content));
    }
    if let Ok(c) = command_content(&r.script) {
        let ext = match r.script.lang {
            Lang::PowerShell => "ps1",
            Lang::Cmd => "cmd",
            _ => "sh",
        };
        files.push((
            format!("command-content.{ext}"),
            c.replacen(r.script.content.as_str(), &format!("{MARK_SCRIPT}\n"), 1),
        ));
    }
    let notes: String =
        r.assistant.notes.iter().map(|n| format!("{:?}: {}\n", n.level, n.text)).collect();
    files.push(("notes.txt".into(), notes));
    files
}

/// Compares (or with `update` writes) one golden folder's files; what
/// differs, is missing or is no longer produced goes to `diffs`.
fn check_golden(dir: &Path, files: &[(String, String)], update: bool, diffs: &mut Vec<String>) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, content) in files {
        let path = dir.join(name);
        if update {
            std::fs::write(&path, content).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(e) if e == *content => {}
            Ok(e) => diffs.push(format!(
                "{} differs (UPDATE_GOLDEN=1 to accept):\n--- expected\n{e}--- got\n{content}",
                path.display()
            )),
            Err(_) => diffs.push(format!("{} missing", path.display())),
        }
    }
    let names: BTreeSet<&str> = files.iter().map(|f| f.0.as_str()).collect();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
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

#[test]
fn assistant_blocks_match_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden_cloud");
    let mut diffs = Vec::new();
    for &(dir, scenario, method, ids) in GOLDEN {
        let r = delivered(&plan_of(scenario, ids), method);
        check_golden(&root.join(dir), &golden_files(&r), update, &mut diffs);
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

// ---------------------------------------------------------------- shellcheck

fn shellcheck() -> Option<PathBuf> {
    let out = Command::new("sh").args(["-c", "command -v shellcheck"]).output().ok()?;
    out.status.success().then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

#[test]
fn run_and_sequence_blocks_pass_shellcheck() {
    let Some(sc) = shellcheck() else {
        eprintln!("SKIPPED: shellcheck is not installed (Debian package shellcheck)");
        return;
    };
    let dir = temp_dir("sc");
    let mut files = Vec::new();
    for &(name, scenario, method, ids) in GOLDEN {
        let r = delivered(&plan_of(scenario, ids), method);
        for a in r.assistant.artifacts.iter().filter(|a| a.lang == Lang::Sh) {
            let f = dir.join(format!("{name}-{}.sh", a.id));
            std::fs::write(&f, &a.content).unwrap();
            files.push(f);
        }
        if r.script.lang == Lang::Sh {
            if let Ok(c) = command_content(&r.script) {
                let f = dir.join(format!("{name}-content.sh"));
                std::fs::write(&f, c).unwrap();
                files.push(f);
            }
        }
    }
    let out = Command::new(sc).args(["-s", "sh", "-f", "gcc"]).args(&files).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && text.is_empty(), "{text}");
}

// ---------------------------------------------------------------- the blocks run against a fake aliyun

/// A fake `aliyun` (and a `sleep` that returns at once) in a fresh folder:
/// it appends its arguments, one call a line, to `calls`; RunCommand
/// answers an InvokeId, DescribeInvocationResults first Running, then
/// `FINAL` with the Base64 of "all planned addresses are present" and
/// `CODE`; AssignPrivateIpAddresses fails when `ASSIGN_FAILS` is set.
fn fake_aliyun(final_status: &str, code: i32, assign_fails: bool) -> PathBuf {
    let dir = temp_dir("fake");
    let output =
        assistant::base64(b"backed up: /var/backups/x\nall planned addresses are present\n");
    let script = format!(
        r#"#!/bin/sh
d=$(dirname "$0")
printf '%s\n' "$*" >> "$d/calls"
case $2 in
  AssignPrivateIpAddresses)
    {assign}
    printf '{{\n  "RequestId": "A1"\n}}\n' ;;
  AssignIpv6Addresses)
    {assign}
    printf '{{\n  "Ipv6Sets": {{\n    "Ipv6Set": []\n  }},\n  "RequestId": "A6"\n}}\n' ;;
  RunCommand)
    # A part of a script sent in parts succeeds; the run ends as asked.
    content=$(printf '%s\n' "$*" | sed -n 's/.*--CommandContent \([^ ]*\).*/\1/p')
    if printf '%s' "$content" | base64 -d | grep -q -e "^printf '%s'" -e '^Set-Content' -e '^Add-Content'; then
      echo part > "$d/kind"
    else
      echo run > "$d/kind"
    fi
    echo 0 > "$d/polls"
    printf '{{\n  "CommandId": "c-fake",\n  "InvokeId": "t-fake0001",\n  "RequestId": "R1"\n}}\n' ;;
  DescribeInvocationResults)
    n=$(cat "$d/polls" 2>/dev/null || echo 0)
    n=$((n + 1)); echo "$n" > "$d/polls"
    if [ "$(cat "$d/kind")" = part ]; then
      printf '{{"Invocation":{{"InvocationResults":{{"InvocationResult":[{{"InvocationStatus":"Success","Output":"","ExitCode":0}}]}}}}}}\n'
    elif [ "$n" -lt 2 ]; then
      printf '{{"Invocation":{{"InvocationResults":{{"InvocationResult":[{{"InvocationStatus":"Running","Output":"","ExitCode":0}}]}}}}}}\n'
    else
      printf '{{\n  "Invocation": {{\n    "InvocationResults": {{\n      "InvocationResult": [\n        {{\n          "ExitCode": {code},\n          "InstanceId": "i-x",\n          "InvocationStatus": "{final_status}",\n          "InvokeRecordStatus": "Finished",\n          "Output": "{output}"\n        }}\n      ]\n    }}\n  }}\n}}\n'
    fi ;;
  RunInstances)
    printf '{{\n  "InstanceIdSets": {{\n    "InstanceIdSet": [\n      "i-fakenew01"\n    ]\n  }},\n  "RequestId": "R2"\n}}\n' ;;
  DescribeInstances)
    n=$(cat "$d/described" 2>/dev/null || echo 0)
    n=$((n + 1)); echo "$n" > "$d/described"
    if [ "$n" -lt 2 ]; then s=Starting; else s=Running; fi
    printf '{{\n  "Instances": {{\n    "Instance": [\n      {{\n        "InstanceId": "i-fakenew01",\n        "Status": "%s"\n      }}\n    ]\n  }}\n}}\n' "$s" ;;
  DescribeNetworkInterfaces)
    printf '{{\n  "NetworkInterfaceSets": {{\n    "NetworkInterfaceSet": [\n      {{\n        "NetworkInterfaceId": "eni-fakeprimary",\n        "Type": "Primary"\n      }}\n    ]\n  }}\n}}\n' ;;
  *) echo "unexpected: $*" >&2; exit 2 ;;
esac
"#,
        assign = if assign_fails { "echo 'ERROR: InvalidParam' >&2; exit 1" } else { ":" },
    );
    write_exec(&dir.join("aliyun"), &script);
    write_exec(&dir.join("sleep"), "#!/bin/sh\nexit 0\n");
    dir
}

/// Runs `block` with `sh` (and dash when present) against the fake;
/// (exit code, stdout, stderr, the recorded calls).
fn run_against(block: &str, fake: &Path) -> (i32, String, String, String) {
    let path = format!("{}:{}", fake.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("sh").arg("-c").arg(block).env("PATH", path).output().unwrap();
    let calls = std::fs::read_to_string(fake.join("calls")).unwrap_or_default();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        calls,
    )
}

#[test]
fn the_run_block_prints_the_decoded_output_and_exits_zero_on_success() {
    let r = delivered(&plan_of("one-secondary", true), Method::Netplan);
    let fake = fake_aliyun("Success", 0, false);
    let (code, out, err, calls) = run_against(&run_block(&r).content, &fake);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("all planned addresses are present\n"), "{out}");
    assert!(out.contains("Cloud Assistant: Success, exit code 0"), "{out}");
    let lines: Vec<&str> = calls.lines().collect();
    assert_eq!(lines.len(), 3, "{calls}"); // RunCommand, Running, Success
    assert!(lines[0].starts_with("ecs RunCommand --RegionId cn-hangzhou --InstanceId.1 i-bp1d66qjxb3qoin3xyz0 --Type RunShellScript"), "{}", lines[0]);
    assert!(lines[1].contains("--InvokeId t-fake0001"), "{}", lines[1]);
}

#[test]
fn the_run_block_exits_non_zero_when_the_script_failed() {
    let r = delivered(&plan_of("win2022-static-alias", true), Method::PowerShell);
    let fake = fake_aliyun("Failed", 1, false);
    let (code, out, _, calls) = run_against(&run_block(&r).content, &fake);
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("all planned addresses are present"), "the output is shown: {out}");
    assert!(out.contains("Cloud Assistant: Failed, exit code 1"), "{out}");
    assert!(calls.contains("--Type RunPowerShellScript"), "{calls}");
}

#[test]
fn the_run_block_without_ids_stops_before_calling_the_api() {
    let r = delivered(&plan_of("one-secondary", false), Method::Netplan);
    let fake = fake_aliyun("Success", 0, false);
    let (code, _, err, calls) = run_against(&run_block(&r).content, &fake);
    assert_ne!(code, 0);
    assert!(err.contains("fill in REGION") || err.contains("fill in INSTANCE"), "{err}");
    assert!(calls.is_empty(), "{calls}");
}

#[test]
fn the_sequence_assigns_then_runs_and_stops_when_assigning_fails() {
    let r = delivered(&plan_of("one-secondary", true), Method::Netplan);
    let sequence = &r.assistant.artifacts[1].content;
    let fake = fake_aliyun("Success", 0, false);
    let (code, out, err, calls) = run_against(sequence, &fake);
    assert_eq!(code, 0, "{out}\n{err}");
    let actions: Vec<&str> = calls.lines().map(|l| l.split(' ').nth(1).unwrap_or("")).collect();
    assert_eq!(
        actions,
        [
            "AssignPrivateIpAddresses",
            "RunCommand",
            "DescribeInvocationResults",
            "DescribeInvocationResults"
        ]
    );
    assert!(out.contains("all planned addresses are present"), "{out}");

    let fake = fake_aliyun("Success", 0, true);
    let (code, _, _, calls) = run_against(sequence, &fake);
    assert_ne!(code, 0);
    assert_eq!(calls.lines().count(), 1, "nothing runs after a failed assign: {calls}");
}

// An IPv6-only plan's sequence assigns its IPv6 addresses and nothing
// else (it used to call AssignPrivateIpAddresses with no address).
#[test]
fn the_sequence_of_an_ipv6_only_plan_assigns_only_ipv6() {
    let r = delivered(&plan_of("ipv6-only-debian12-static", true), Method::Netplan);
    let sequence = &r.assistant.artifacts[1].content;
    let fake = fake_aliyun("Success", 0, false);
    let (code, out, err, calls) = run_against(sequence, &fake);
    assert_eq!(code, 0, "{out}\n{err}");
    // (The script goes in parts here: several RunCommand calls follow.)
    let actions: Vec<&str> = calls.lines().map(|l| l.split(' ').nth(1).unwrap_or("")).collect();
    assert_eq!(actions[0], "AssignIpv6Addresses", "{actions:?}");
    assert!(!actions.contains(&"AssignPrivateIpAddresses"), "{actions:?}");
    assert!(actions[1..].iter().all(|a| ["RunCommand", "DescribeInvocationResults"].contains(a)));
    let first = calls.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        format!("ecs AssignIpv6Addresses --RegionId {REGION} --NetworkInterfaceId {ENI_ID} --Ipv6Address.1 2001:db8:20:2::1:5")
    );
    assert!(out.contains("1. assigning the IPv6 addresses in the cloud"), "{out}");
}

#[test]
fn the_sh_command_content_runs_the_script_with_yes_and_keeps_its_status() {
    for (body, want) in [("echo \"args: $*\"\n", 0), ("echo \"args: $*\"\nexit 3\n", 3)] {
        let script = Artifact::commands("x.script", "x", Lang::Sh, body);
        let content = command_content(&script).unwrap();
        let out = Command::new("sh").arg("-c").arg(&content).output().unwrap();
        assert_eq!(out.status.code(), Some(want));
        assert_eq!(String::from_utf8_lossy(&out.stdout), "args: --yes\n");
    }
}

#[test]
fn the_terraform_pair_names_the_command_and_the_instance() {
    let r = delivered(&plan_of("one-secondary", true), Method::Netplan);
    let tf = &r.assistant.artifacts[2].content;
    assert!(tf.contains("resource \"alicloud_ecs_command\" \"secondary_ip_wizard\" {"));
    assert!(tf.contains("  type            = \"RunShellScript\"\n"));
    assert!(tf.contains("  command_id  = alicloud_ecs_command.secondary_ip_wizard.id\n"));
    assert!(tf.contains(&format!("  instance_id = [\"{INSTANCE}\"]\n")));
    let r = delivered(&plan_of("win2022-static-alias", false), Method::Netsh);
    let tf = &r.assistant.artifacts[2].content;
    assert!(tf.contains("variable \"instance_id\" {") && tf.contains("[var.instance_id]"));
    assert!(tf.contains("\"RunBatScript\"") && !tf.contains("working_dir"));
}

// ---------------------------------------------------------------- at launch (src/render/launch.rs)

const MARK_USER_DATA: &str = "<USER_DATA_BASE64>";
const MARK_GZIP: &str = "<SCRIPT_GZIP_BASE64>";

/// The script the user data carries, decoded: the literal block or
/// here-string, or the gzip+Base64 (`content: …` / `FromBase64String('…')`).
fn carried_script(text: &str) -> Option<Vec<u8>> {
    use std::io::Read as _;
    let gz = |b64: &str| {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&b64_decode(b64)?[..]).read_to_end(&mut out).ok()?;
        Some(out)
    };
    if let Some(at) = text.find("[Convert]::FromBase64String('") {
        let rest = &text[at + "[Convert]::FromBase64String('".len()..];
        return gz(&rest[..rest.find('\'')?]);
    }
    if let Some(at) = text.find("$text = @'\n") {
        let rest = &text[at + "$text = @'\n".len()..];
        return Some(rest.as_bytes()[..rest.find("\n'@\n")? + 1].to_vec());
    }
    let at = text.find("  - path: /var/lib/cloud/secondary-ip-wizard/script.sh\n")?;
    let rest = &text[at..];
    if let Some(b) = rest.find("    encoding: gz+b64\n    content: ") {
        let line = rest[b..].lines().nth(1)?;
        return gz(line.trim_start().strip_prefix("content: ")?);
    }
    let body = &rest[rest.find("    content: |\n")? + "    content: |\n".len()..];
    let mut out = String::new();
    for line in body.lines() {
        if line.is_empty() {
            out.push('\n');
        } else if let Some(l) = line.strip_prefix("      ") {
            out.push_str(l);
            out.push('\n');
        } else {
            break;
        }
    }
    Some(out.into_bytes())
}

#[test]
fn every_user_data_fits_and_carries_the_script_unchanged_or_says_why() {
    let (mut literal, mut packed, mut refused_eni) = (0, 0, 0);
    for (name, plan) in every_plan(true) {
        for r in delivered_all(&plan) {
            let [data, cli, tf] = &r.launch.artifacts[..] else { panic!("{name}: three blocks") };
            match launch::user_data(&plan, &r.script) {
                Err(launch::Refusal::SecondaryEni) => {
                    refused_eni += 1;
                    assert!(refused(data) && refused(cli) && refused(tf), "{name} {}", data.id);
                    assert!(r.launch.notes.iter().any(|n| n.text.contains("secondary ENI")));
                }
                Err(e) => panic!("{name} {}: {e:?}", r.method),
                Ok(u) => {
                    assert!(u.text.len() <= launch::USER_DATA_LIMIT, "{name} {}", r.method);
                    assert_eq!(
                        data.content, u.text,
                        "{name} {}: the block is not the user data",
                        r.method
                    );
                    let b64 = assistant::base64(u.text.as_bytes());
                    assert!(
                        cli.content.contains(&b64) && tf.content.contains(&b64),
                        "{name} {}",
                        r.method
                    );
                    let got = carried_script(&u.text)
                        .unwrap_or_else(|| panic!("{name} {}: no script", r.method));
                    assert_eq!(
                        got,
                        r.script.content.as_bytes(),
                        "{name} {}: not the script",
                        r.method
                    );
                    if u.compressed {
                        packed += 1;
                    } else {
                        literal += 1;
                    }
                }
            }
        }
    }
    eprintln!("user data: {literal} literal, {packed} gzip-compressed, {refused_eni} refused (secondary ENI)");
    assert!(literal > 20 && packed > 20 && refused_eni > 10, "{literal} {packed} {refused_eni}");
}

#[test]
fn every_launch_call_uses_only_documented_parameters_with_good_values() {
    let mut bad = Vec::new();
    let mut seen = 0;
    for ids in [true, false] {
        for (name, plan) in every_plan(ids) {
            for r in delivered_all(&plan) {
                let cli = &r.launch.artifacts[1];
                if refused(cli) {
                    continue;
                }
                let calls = aliyun_calls(&cli.content);
                let actions: Vec<&str> = calls.iter().map(|c| c.0.as_str()).collect();
                let mut want =
                    vec!["RunInstances", "DescribeInstances", "DescribeNetworkInterfaces"];
                want.extend(assigns(&plan));
                if actions != want {
                    bad.push(format!("{name} {}: calls {actions:?}", cli.id));
                }
                // The new instance's primary ENI is the one the block looks up.
                let launched = Plan { eni_id: Some("$eni".into()), ..plan.clone() };
                for (action, params) in &calls {
                    seen += 1;
                    bad.extend(
                        check_call(action, params, &launched)
                            .into_iter()
                            .map(|b| format!("{name} {}: {b}", cli.id)),
                    );
                }
            }
        }
    }
    assert!(seen > 500, "only {seen} calls");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_launch_block_creates_waits_for_running_then_assigns_to_the_primary_eni() {
    let plan = plan_of("one-secondary", true);
    let r = delivered(&plan, Method::Netplan);
    let fake = fake_aliyun("Success", 0, false);
    let block = r.launch.artifacts[1]
        .content
        .replace("IMAGE=''", "IMAGE=img-x")
        .replace("SG=''", "SG=sg-x")
        .replace("VSWITCH=''", "VSWITCH=vsw-x")
        .replace("TYPE=''", "TYPE=ecs.g7.large");
    let (code, out, err, calls) = run_against(&block, &fake);
    assert_eq!(code, 0, "{out}\n{err}");
    let actions: Vec<&str> = calls.lines().map(|l| l.split(' ').nth(1).unwrap_or("")).collect();
    assert_eq!(
        actions,
        [
            "RunInstances",
            "DescribeInstances",
            "DescribeInstances",
            "DescribeNetworkInterfaces",
            "AssignPrivateIpAddresses"
        ],
        "{calls}"
    );
    assert!(calls.contains("--InstanceIds [\"i-fakenew01\"]"), "{calls}");
    assert!(calls.contains("--NetworkInterfaceId eni-fakeprimary"), "{calls}");
    assert!(out.contains("first boot"), "{out}");
    // Without the image id it stops before any call.
    let fake = fake_aliyun("Success", 0, false);
    let (code, _, err, calls) = run_against(&r.launch.artifacts[1].content, &fake);
    assert_ne!(code, 0);
    assert!(err.contains("fill in IMAGE") && calls.is_empty(), "{err}\n{calls}");
}

/// The at-launch golden scenarios: (folder, form scenario, method).
const LAUNCH_GOLDEN: &[(&str, &str, Method)] = &[
    ("launch-netplan-keep", "one-secondary", Method::Netplan),
    ("launch-nmcli-static", "alinux3-static", Method::Nmcli),
    ("launch-powershell", "win2022-static-alias", Method::PowerShell),
    ("launch-netsh", "win2016-keep", Method::Netsh),
    ("launch-eni-refused", "eni-rhel9-keep", Method::Nmcli),
];

fn launch_golden_files(plan: &Plan, r: &Delivered) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let u = launch::user_data(plan, &r.script).ok();
    for a in &r.launch.artifacts {
        let ext = match a.lang {
            Lang::Hcl => "tf",
            Lang::Yaml => "yaml",
            Lang::PowerShell => "ps1",
            _ => "sh",
        };
        let mut content = a.content.clone();
        if let Some(u) = &u {
            content = content.replace(&assistant::base64(u.text.as_bytes()), MARK_USER_DATA);
            let gz = assistant::base64(&wizard::gzip::gzip(r.script.content.as_bytes()));
            content = content.replace(&gz, MARK_GZIP);
            content = content.replacen(r.script.content.as_str(), &format!("{MARK_SCRIPT}\n"), 1);
            // The literal block: the script six spaces in.
            let indented: String = r
                .script
                .content
                .lines()
                .map(|l| if l.is_empty() { "\n".to_owned() } else { format!("      {l}\n") })
                .collect();
            content = content.replacen(&indented, &format!("      {MARK_SCRIPT}\n"), 1);
        }
        files.push((format!("{}.{ext}", a.id), content));
    }
    let notes: String =
        r.launch.notes.iter().map(|n| format!("{:?}: {}\n", n.level, n.text)).collect();
    files.push(("notes.txt".into(), notes));
    files
}

#[test]
fn launch_blocks_match_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden_cloud");
    let mut diffs = Vec::new();
    for &(dir, scenario, method) in LAUNCH_GOLDEN {
        let plan = plan_of(scenario, true);
        let r = delivered(&plan, method);
        check_golden(&root.join(dir), &launch_golden_files(&plan, &r), update, &mut diffs);
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

/// Real readers: cloud-init (Debian's, under /usr/bin/python3) loads every
/// Linux user data, validates it against its own schema (strict), and
/// extracts `write_files` the way its module does; the script it gets is
/// the rendering's byte for byte, `wait.sh` passes `sh -n` and shellcheck,
/// and `runcmd` runs it. Needs cloud-init: fails when CI=true without it.
#[test]
fn cloud_init_reads_every_user_data() {
    let python = Path::new("/usr/bin/python3");
    let probe = Command::new(python).args(["-c", "import cloudinit.config.schema"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("cloud-init is not installed; CI=true forbids skipping");
        }
        eprintln!("\n!!!!!!!! SKIPPED cloud_init_reads_every_user_data: no cloud-init !!!!!!!!\n");
        return;
    }
    let dir = temp_dir("userdata");
    let mut cases = Vec::new();
    for (name, plan) in every_plan(true) {
        for r in render_all(&plan) {
            if r.script.lang != Lang::Sh {
                continue;
            }
            let Ok(u) = launch::user_data(&plan, &r.script) else { continue };
            let f = dir.join(format!("{}-{}.yaml", cases.len(), r.method));
            std::fs::write(&f, &u.text).unwrap();
            cases.push((name.clone(), r.method, f, r.script.content.clone()));
        }
    }
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/user_data_check.py");
    let out = Command::new(python).arg(&tool).args(cases.iter().map(|c| &c.2)).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    let mut bad = Vec::new();
    let mut waits = Vec::new();
    for (name, method, f, script) in &cases {
        let got = std::fs::read(f.with_extension("script.sh")).unwrap_or_default();
        if got != script.as_bytes() {
            bad.push(format!("{name} {method}: cloud-init's script.sh is not the script"));
        }
        let wait = f.with_extension("wait.sh");
        let n = Command::new("sh").arg("-n").arg(&wait).output().unwrap();
        if !n.status.success() {
            bad.push(format!("{name} {method}: wait.sh: {}", String::from_utf8_lossy(&n.stderr)));
        }
        waits.push(wait);
    }
    if let Some(sc) = shellcheck() {
        let o =
            Command::new(sc).args(["-s", "sh", "-f", "gcc"]).args(&waits[..3]).output().unwrap();
        let t = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success() && t.is_empty(), "{t}");
    }
    eprintln!("cloud-init read {} user data documents", cases.len());
    assert!(cases.len() > 50 && bad.is_empty(), "{} cases\n{}", cases.len(), bad.join("\n"));
}
