//! Golden files: every artifact of every method, per scenario, byte for byte.
//!
//! Each folder `tests/golden/<scenario>/` holds `form.txt` (readable
//! `param=value` lines, read by `wizard::share::from_lines`; the first comment
//! line says what the scenario covers) and one expected file per artifact of
//! every method of the scenario's OS, named by the artifact id
//! (`netplan.configure.file`, `nmcli.script`, `assign.console`, …), plus one
//! `<method>.notes.txt` per method with the rendering's notes, each step's
//! notes, and every artifact's kind, path, mode, title and `expect` lines.
//!
//! After a reviewed change to a renderer, rewrite the expected files with
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --test golden
//! ```
//!
//! and review the result with `git diff tests/golden`. Without
//! `UPDATE_GOLDEN`, a difference fails with a diff naming the scenario and
//! the artifact, a missing expected file fails, and an expected file that no
//! method produces any more (stale) fails too.
//!
//! The same file also holds the property test of random valid plans × every
//! method.

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use wizard::catalog::{Method, Os};
use wizard::plan::{validate, Form, Mode, Plan};
use wizard::render::{render, render_all, ArtifactKind, NoteLevel, Rendering, StepKind};

const FORM: &str = "form.txt";

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// The plan of a scenario's form (every problem listed when it does not validate).
fn scenario_plan(dir: &Path) -> Result<Plan, String> {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let text = fs::read_to_string(dir.join(FORM))
        .map_err(|e| format!("{name}: cannot read {FORM}: {e}"))?;
    if !text.lines().next().is_some_and(|l| l.starts_with('#')) {
        return Err(format!("{name}: {FORM} must start with a comment line saying what it covers"));
    }
    let shared = wizard::share::from_lines(&text);
    if !shared.unknown.is_empty() {
        return Err(format!("{name}: unknown parameters in {FORM}: {:?}", shared.unknown));
    }
    validate(&shared.form).map_err(|problems| {
        let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        format!("{name}: the form does not validate: {}", list.join("; "))
    })
}

fn level(l: NoteLevel) -> &'static str {
    match l {
        NoteLevel::Info => "info",
        NoteLevel::Warning => "warning",
    }
}

/// The readable index of a rendering: notes, and each artifact's metadata.
fn notes_file(r: &Rendering) -> String {
    let mut out = format!("method {} ({})\n", r.method.as_str(), r.method.label());
    for n in &r.notes {
        let _ = writeln!(out, "note [{}] {}", level(n.level), n.text);
    }
    let describe = |out: &mut String, a: &wizard::render::Artifact| {
        let kind = match &a.kind {
            ArtifactKind::File { path, mode } => format!("file {path} mode {mode:04o}"),
            ArtifactKind::Commands => "commands".to_owned(),
            ArtifactKind::Text => "text".to_owned(),
        };
        let _ = writeln!(out, "  artifact {}: {kind}, {}, \"{}\"", a.id, a.lang.as_str(), a.title);
        for e in &a.expect {
            let _ = writeln!(out, "    expect: {e}");
        }
    };
    for step in &r.steps {
        let _ = writeln!(out, "\nstep {}: {}", step.kind.as_str(), step.kind.title());
        for n in &step.notes {
            let _ = writeln!(out, "  note [{}] {}", level(n.level), n.text);
        }
        for a in &step.artifacts {
            describe(&mut out, a);
        }
    }
    out.push_str("\nscript\n");
    describe(&mut out, &r.script);
    out
}

/// Every expected file of a scenario: file name → content. Fails when two
/// methods give the same artifact id different content.
fn produce(plan: &Plan) -> Result<BTreeMap<String, String>, String> {
    let mut files = BTreeMap::new();
    for r in render_all(plan) {
        let mut add = |name: String, content: String| -> Result<(), String> {
            match files.get(&name) {
                Some(old) if *old != content => {
                    Err(format!("artifact {name} differs between methods: the same id must mean the same content"))
                }
                _ => {
                    files.insert(name, content);
                    Ok(())
                }
            }
        };
        for a in r.artifacts() {
            add(a.id.clone(), a.content.clone())?;
        }
        add(format!("{}.notes.txt", r.method.as_str()), notes_file(&r))?;
    }
    Ok(files)
}

/// A unified-style line diff (longest common subsequence), with 2 lines of context.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] =
                if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    let near =
        |k: usize| ops[k.saturating_sub(2)..(k + 3).min(ops.len())].iter().any(|o| o.0 != ' ');
    let mut out = String::from("--- expected\n+++ actual\n");
    let mut skipped = false;
    for (k, (tag, line)) in ops.iter().enumerate() {
        if near(k) {
            let _ = writeln!(out, "{tag}{line}");
            skipped = false;
        } else if !skipped {
            out.push_str("@@\n");
            skipped = true;
        }
    }
    if expected.ends_with('\n') != actual.ends_with('\n') {
        out.push_str("(the trailing newline differs)\n");
    }
    out
}

fn scenarios() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(golden_dir())
        .expect("tests/golden exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn golden_files_match() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v != "0" && !v.is_empty());
    let mut failures = Vec::new();
    let dirs = scenarios();
    assert!(dirs.len() >= 16, "expected at least 16 scenarios, found {}", dirs.len());
    for dir in &dirs {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let files = match scenario_plan(dir).and_then(|p| produce(&p)) {
            Ok(f) => f,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let present: BTreeSet<String> = fs::read_dir(dir)
            .expect("scenario folder readable")
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != FORM)
            .collect();
        for stale in present.iter().filter(|n| !files.contains_key(*n)) {
            if update {
                fs::remove_file(dir.join(stale)).expect("remove a stale golden file");
            } else {
                failures.push(format!("{name}/{stale}: stale, no method produces it any more"));
            }
        }
        for (file, content) in &files {
            let path = dir.join(file);
            if update {
                if fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
                    fs::write(&path, content).expect("write a golden file");
                }
                continue;
            }
            match fs::read_to_string(&path) {
                Ok(expected) if expected == *content => {}
                Ok(expected) => {
                    failures.push(format!("{name}/{file} differs:\n{}", diff(&expected, content)))
                }
                Err(_) => failures.push(format!("{name}/{file}: missing expected file")),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden failure(s); after review, rewrite with `UPDATE_GOLDEN=1 cargo test --test golden`\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Every method that a golden scenario renders is covered in both modes.
#[test]
fn scenarios_cover_every_method_in_both_modes() {
    let mut seen = BTreeSet::new();
    for dir in scenarios() {
        if let Ok(plan) = scenario_plan(&dir) {
            for m in plan.os.methods() {
                seen.insert((m.as_str(), plan.mode.as_str()));
            }
        }
    }
    for m in Method::ALL {
        for mode in Mode::ALL {
            assert!(
                seen.contains(&(m.as_str(), mode.as_str())),
                "no golden scenario renders {m} in {mode} mode"
            );
        }
    }
}

#[test]
fn the_diff_names_what_changed() {
    let d = diff("a\nb\nc\n", "a\nB\nc\n");
    assert!(d.contains("-b\n+B\n"), "{d}");
}

// ---------------------------------------------------------------------------
// Property test: random valid plans × every method.

/// Every dotted quad in `text` (a run of digits and dots with four parts).
fn quads(text: &str) -> Vec<Ipv4Addr> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|t| t.trim_matches('.'))
        .filter(|t| t.split('.').count() == 4)
        .filter_map(|t| t.parse().ok())
        .collect()
}

/// Addresses an artifact may contain besides the planned ones: the gateway,
/// DNS servers, the mask, the vSwitch network, 0.0.0.0, the metadata server,
/// and Alibaba's resolvers that notes and scripts name on purpose.
fn allowed(plan: &Plan) -> BTreeSet<Ipv4Addr> {
    let mut set: BTreeSet<Ipv4Addr> = plan.all_addresses().collect();
    set.insert(plan.gateway);
    set.extend(plan.dns.iter().copied());
    set.insert(plan.subnet.mask());
    set.insert(plan.subnet.network());
    set.insert(plan.subnet.broadcast());
    set.insert(Ipv4Addr::BROADCAST);
    set.insert(Ipv4Addr::UNSPECIFIED);
    set.insert(Ipv4Addr::new(100, 100, 100, 200));
    set.insert(Ipv4Addr::new(100, 100, 2, 136));
    set.insert(Ipv4Addr::new(100, 100, 2, 138));
    set
}

/// Checks one rendering of a valid plan; the error says what is wrong.
fn check_rendering(plan: &Plan, r: &Rendering) -> Result<(), String> {
    let m = r.method;
    let kinds: Vec<StepKind> = r.steps.iter().map(|s| s.kind).collect();
    if kinds.first() != Some(&StepKind::Assign) || !kinds.windows(2).all(|w| w[0] < w[1]) {
        return Err(format!("{m}: steps out of order: {kinds:?}"));
    }
    // netsh gives no commands where cmd.exe cannot carry the alias, or where
    // turning DHCP off would leave the server without DNS: a warning says so.
    let netsh_refuses = m == Method::Netsh
        && (wizard::render::quote::cmd(&plan.windows_alias).is_none() || plan.dns.is_empty());
    if netsh_refuses {
        let warned = r.notes.iter().any(|n| n.level == NoteLevel::Warning);
        let commands = r.artifacts().any(|a| a.content.contains("netsh interface"));
        return if warned && !commands {
            Ok(())
        } else {
            Err(format!("{m}: a refused netsh rendering must warn and hold no netsh command"))
        };
    }
    let mut required: Vec<Ipv4Addr> = plan.secondaries.clone();
    if plan.mode == Mode::Static {
        required.push(plan.primary);
    }
    // The agent's addresses come from the metadata server: its Configure
    // step holds none, its Verify step and script every one.
    let agent = m == Method::NmCloudSetup;
    let in_step = |kind: StepKind| -> Result<BTreeSet<Ipv4Addr>, String> {
        Ok(r.step(kind)
            .ok_or(format!("{m}: no {kind} step"))?
            .artifacts
            .iter()
            .flat_map(|a| {
                quads(&a.content).into_iter().chain(a.expect.iter().flat_map(|e| quads(e)))
            })
            .collect())
    };
    let configure = in_step(if agent { StepKind::Verify } else { StepKind::Configure })?;
    if agent {
        if let Some(a) = in_step(StepKind::Configure)?.into_iter().next() {
            return Err(format!("{m}: the Configure step holds {a}: the agent writes no address"));
        }
    }
    let script: BTreeSet<Ipv4Addr> = quads(&r.script.content).into_iter().collect();
    for a in &required {
        if !configure.contains(a) {
            return Err(format!("{m}: {a} is missing from the Configure step"));
        }
        if !script.contains(a) {
            return Err(format!("{m}: {a} is missing from the script"));
        }
    }
    let ok = allowed(plan);
    for art in r.artifacts() {
        if let Some(bad) = quads(&art.content).into_iter().find(|q| !ok.contains(q)) {
            return Err(format!("{m}: {} holds {bad}, which was not planned", art.id));
        }
        let c = &art.content;
        if c.contains('\r') || (!c.is_empty() && (!c.ends_with('\n') || c.ends_with("\n\n"))) {
            return Err(format!("{m}: {} is not normalised", art.id));
        }
    }
    Ok(())
}

const INTERFACES: &[&str] = &["eth0", "eth1", "ens5", "enp0s3"];
const CONNECTIONS: &[&str] = &[
    "System eth0",
    "cloud-init eth0",
    "Wired connection 1",
    "it's \"$(x)\" ; eth0",
    "uuid",
    "ü 中文 `id`",
];
const ALIASES: &[&str] = &["Ethernet", "Ethernet 2", "Ethernet 'x' $(y)"];

/// A random valid form: an Alibaba-shaped subnet /16–/29, the usual gateway,
/// a primary and 1–9 secondaries among the unreserved addresses.
fn valid_form() -> impl Strategy<Value = Form> {
    (
        (16u8..=29, prop_oneof![Just([10u8, 0]), Just([172, 16]), Just([192, 168])], any::<u16>()),
        proptest::sample::select(Os::ALL),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        (0..INTERFACES.len(), 0..CONNECTIONS.len(), 0..ALIASES.len()),
        (proptest::collection::vec(any::<u32>(), 10), 0usize..=3, any::<[u8; 3]>()),
    )
        .prop_map(
            |(
                (prefix, base, low),
                os,
                (static_mode, guide, mac),
                (i, c, al),
                (picks, ndns, mac_tail),
            )| {
                let base = u32::from(Ipv4Addr::new(base[0], base[1], 0, 0));
                let size = 1u32 << (32 - u32::from(prefix));
                let network = (base | u32::from(low)) & !(size - 1);
                // Unreserved hosts: offsets 1 ..= size - 5 (the last three and the
                // broadcast are reserved; the gateway is size - 3).
                let usable = size - 5;
                let mut offsets: Vec<u32> = Vec::new();
                for p in picks {
                    let o = 1 + p % usable;
                    if !offsets.contains(&o) {
                        offsets.push(o);
                    }
                }
                let addr = |o: u32| Ipv4Addr::from(network + o).to_string();
                let primary = addr(offsets[0]);
                let secondaries: Vec<String> = offsets[1..].iter().map(|&o| addr(o)).collect();
                let secondaries = if secondaries.is_empty() {
                    vec![addr(if offsets[0] == 1 { 2 } else { 1 })]
                } else {
                    secondaries
                };
                let dns = ["100.100.2.136", "100.100.2.138", "223.5.5.5"][..ndns].join(",");
                Form {
                    os: os.as_str().into(),
                    mode: if static_mode { "static" } else { "keep" }.into(),
                    style: if guide { "guide" } else { "safe" }.into(),
                    eni_state: "inuse".into(),
                    limit: "10".into(),
                    interface: INTERFACES[i].into(),
                    connection: CONNECTIONS[c].into(),
                    windows_alias: ALIASES[al].into(),
                    mac: if mac {
                        format!(
                            "00:16:3e:{:02x}:{:02x}:{:02x}",
                            mac_tail[0], mac_tail[1], mac_tail[2]
                        )
                    } else {
                        String::new()
                    },
                    cidr: format!("{}/{prefix}", Ipv4Addr::from(network)),
                    gateway: addr(size - 3),
                    primary,
                    secondaries,
                    dns,
                    ..Form::default()
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_valid_plan_renders_for_every_method(form in valid_form()) {
        let plan = validate(&form).map_err(|p| TestCaseError::fail(format!("the generated form does not validate: {p:?}")))?;
        for &m in Method::ALL {
            let r = render(&plan, m);
            prop_assert_eq!(r.method, m);
            if let Err(e) = check_rendering(&plan, &r) {
                return Err(TestCaseError::fail(e));
            }
        }
    }
}
