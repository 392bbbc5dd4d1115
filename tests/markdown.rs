//! "Copy as Markdown": a method's whole runbook, golden-tested for two
//! scenarios in both languages (`tests/golden_markdown/<scenario>.<lang>.md`;
//! after an intended change: `UPDATE_GOLDEN=1 cargo test --test markdown`,
//! then review the diff), and checked for its shape on every method.

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use wizard::catalog::Method;
use wizard::plan::{validate, Form, Plan};
use wizard::render::markdown::runbook;
use wizard::render::{render_all_in, render_in, Rendering};
use wizard::wording::{self, Locale, UiText};

const LINK: &str = "https://wizard.example/secondary-ip/?cidr=192.168.1.0/24";

/// The two scenarios: the guide's example on Ubuntu 22.04 (netplan, keep
/// DHCP), and a secondary ENI in static mode on CentOS 7 with every id
/// given (ifcfg, IPADDRn).
fn scenarios() -> Vec<(&'static str, Plan, Method)> {
    let guide = validate(&Form::guide_example()).unwrap_or_else(|e| panic!("{e:?}"));
    let eni = Form {
        os: "centos7".into(),
        mode: "static".into(),
        eni_kind: "secondary".into(),
        interface: "eth1".into(),
        cidr: "10.0.1.0/24".into(),
        gateway: "10.0.1.253".into(),
        primary: "10.0.1.10".into(),
        secondaries: vec!["10.0.1.11".into(), "10.0.1.12".into()],
        dns: "100.100.2.136,100.100.2.138".into(),
        instance_type: "ecs.g7.large".into(),
        region: "cn-hangzhou".into(),
        eni_id: "eni-bp1secondary000001".into(),
        ..Form::default()
    };
    let eni = validate(&eni).unwrap_or_else(|e| panic!("{e:?}"));
    vec![
        ("guide-netplan", guide, Method::Netplan),
        ("centos7-eni-static-ifcfg", eni, Method::Ifcfg),
    ]
}

#[test]
fn the_runbooks_match_their_golden_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden_markdown");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v != "0" && !v.is_empty());
    let mut diffs = Vec::new();
    for (name, plan, method) in scenarios() {
        for &locale in Locale::ALL {
            let md = runbook(&plan, &render_in(&plan, method, locale), locale, LINK);
            let path = root.join(format!("{name}.{locale}.md"));
            if update {
                std::fs::create_dir_all(&root).unwrap();
                std::fs::write(&path, &md).unwrap();
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(want) if want == md => {}
                Ok(want) => diffs.push(format!(
                    "{} differs (UPDATE_GOLDEN=1 to accept):\n--- expected\n{want}--- got\n{md}",
                    path.display()
                )),
                Err(_) => {
                    diffs.push(format!("{} missing (UPDATE_GOLDEN=1 to write it)", path.display()))
                }
            }
        }
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

/// The fenced blocks of a runbook: (info string, content).
fn fenced(md: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = md.lines();
    while let Some(line) = lines.next() {
        let ticks = line.chars().take_while(|&c| c == '`').count();
        if ticks < 3 {
            continue;
        }
        let fence = &line[..ticks];
        let info = line[ticks..].to_owned();
        let mut content = String::new();
        for l in lines.by_ref() {
            if l == fence {
                break;
            }
            content.push_str(l);
            content.push('\n');
        }
        out.push((info, content));
    }
    out
}

/// Every artifact of a rendering, each exactly once, in order, fenced with
/// its language; every step's heading and every note are there.
fn check_shape(plan: &Plan, r: &Rendering, locale: Locale) {
    let md = runbook(plan, r, locale, LINK);
    let (assistant, launch) = (r.assistant(plan, locale), r.launch(plan, locale));
    let blocks = fenced(&md);
    let artifacts: Vec<_> =
        r.artifacts().chain(&assistant.artifacts).chain(&launch.artifacts).collect();
    assert_eq!(blocks.len(), artifacts.len(), "{} {locale}: {md}", r.method);
    for ((info, content), a) in blocks.iter().zip(&artifacts) {
        assert_eq!(info, a.lang.as_str().replace("cmd", "bat").as_str(), "{} {}", r.method, a.id);
        assert_eq!(content, &a.content, "{} {}", r.method, a.id);
    }
    for step in &r.steps {
        let heading = wording::step_title(locale, step.kind);
        assert!(md.contains(&format!(". {heading}\n")), "{} {locale}: no {heading}", r.method);
    }
    for title in [UiText::AssistantTitle, UiText::LaunchTitle] {
        let heading = wording::ui(locale, title);
        assert!(md.contains(&format!(". {heading}\n")), "{} {locale}: no {heading}", r.method);
    }
    let delivered = assistant.notes.iter().chain(&launch.notes);
    for note in r.steps.iter().flat_map(|s| &s.notes).chain(&r.notes).chain(delivered) {
        // The note's words are there (escaping touches only markup characters).
        let first: String = note.text.chars().take(24).collect();
        let md_plain = md.replace('\\', "");
        assert!(md_plain.contains(&first), "{} {locale}: note {first:?}", r.method);
    }
    assert!(md.contains(wording::doc_url(locale, wording::Doc::SecondaryIps)), "{locale}");
    assert!(md.contains(LINK));
}

#[test]
fn every_method_gives_a_whole_runbook_in_both_languages() {
    for (_, plan, _) in scenarios() {
        for &locale in Locale::ALL {
            for r in render_all_in(&plan, locale) {
                check_shape(&plan, &r, locale);
            }
        }
    }
    // Windows too (PowerShell, netsh), and a secondary ENI on Ubuntu.
    for os in ["win2022", "ubuntu22", "sles15", "alpine", "debian11"] {
        let form = Form { os: os.into(), dns: "100.100.2.136".into(), ..Form::guide_example() };
        let plan = validate(&form).unwrap_or_else(|e| panic!("{os}: {e:?}"));
        for &locale in Locale::ALL {
            for r in render_all_in(&plan, locale) {
                check_shape(&plan, &r, locale);
            }
        }
    }
}
