//! netplan (Ubuntu 18.04+, Debian 12+): YAML files in `/etc/netplan`.
//!
//! Keep mode writes `/etc/netplan/60-secondary-ips.yaml` with the same
//! interface id as cloud-init's `50-cloud-init.yaml` and only `addresses:`;
//! netplan concatenates the sequences, so the primary stays on DHCP.
//! Static mode disables cloud-init's network config and writes a full
//! configuration for the interface (primary first, one default route).
//! [`Method::NetplanLegacy`] (netplan 0.99, Ubuntu 18.04/20.04) writes
//! `gateway4:`, which 0.99 needs; newer netplan writes `routes: - to: default`.

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::quote::{sh, yaml};
use super::script::ShScript;
use super::{common, Artifact, Lang, Note, Rendering, Step, StepKind};
use crate::catalog::Method;
use crate::plan::{Mode, Plan, Style};

/// The file the wizard writes (safe form, both modes).
pub(crate) const OWN_PATH: &str = "/etc/netplan/60-secondary-ips.yaml";
/// cloud-init's file, which the guide edits.
pub(crate) const CLOUD_INIT_PATH: &str = "/etc/netplan/50-cloud-init.yaml";

/// Renders netplan for a plan; `legacy` selects the netplan 0.99 form.
pub fn render(plan: &Plan, legacy: bool) -> Rendering {
    let method = if legacy { Method::NetplanLegacy } else { Method::Netplan };
    let id = method.as_str();
    let iface = plan.interface.as_str();
    let guide = plan.mode == Mode::Static && plan.style == Style::Guide;
    let path = if guide { CLOUD_INIT_PATH } else { OWN_PATH };

    let mut notes = Vec::new();
    let mut configure = Vec::new();
    let mut configure_notes = Vec::new();
    configure.push(Artifact::commands(
        format!("{id}.configure.check"),
        "See how cloud-init configured the interface",
        Lang::Sh,
        "ls -l /etc/netplan/\ncat /etc/netplan/*.yaml\n",
    ));
    configure_notes.push(Note::info(format!(
        "Under `ethernets:` the interface id must be `{iface}:` as in 50-cloud-init.yaml; netplan merges files that use the same id."
    )));

    let content = match plan.mode {
        Mode::KeepDhcp => {
            if plan.style == Style::Guide {
                notes.push(Note::info("The guide's form edits 50-cloud-init.yaml statically; in keep-DHCP mode the wizard always adds a separate file, so the guide style only changes static mode."));
            }
            if !plan.dns.is_empty() {
                notes.push(Note::info(
                    "The DNS servers are not written in keep-DHCP mode: DHCP still provides them.",
                ));
            }
            keep_yaml(plan)
        }
        Mode::Static => {
            let (art, note) = common::cloud_init_disable(id);
            configure.push(art);
            configure_notes.push(note);
            if guide {
                notes.push(Note::info("Guide form: 50-cloud-init.yaml is rewritten as the guide does, so it must also hold any other interface it configured; the safe form leaves it alone and overrides this interface from 60-secondary-ips.yaml."));
            } else {
                notes.push(Note::info("50-cloud-init.yaml is left as it is (cloud-init no longer rewrites it): 60-secondary-ips.yaml, read later, turns dhcp4 off for this interface and sets the only default route, and other interfaces in 50-cloud-init.yaml keep their configuration."));
                configure_notes.push(Note::warning("If 50-cloud-init.yaml was already edited to set a gateway for this interface, remove that gateway first: two default routes make netplan fail."));
            }
            notes.extend(common::static_dns_note(plan));
            static_yaml(plan, legacy, &plan.all_addresses().collect::<Vec<_>>(), guide)
        }
    };
    if legacy {
        notes.push(Note::info("netplan 0.99 (Ubuntu 18.04, 20.04) has no `to: default` route: this form uses `gateway4`, which newer netplan still reads with a deprecation warning."));
    }
    configure.push(Artifact::file(
        format!("{id}.configure.file"),
        if plan.mode == Mode::KeepDhcp {
            "The secondary addresses"
        } else {
            "The static configuration"
        },
        path,
        0o600,
        Lang::Yaml,
        content.clone(),
    ));

    let apply = Step::new(
        StepKind::Apply,
        vec![Artifact::commands(
            format!("{id}.apply.commands"),
            "Check and apply",
            Lang::Sh,
            "netplan generate\nnetplan apply\n",
        )],
    )
    .with_notes(vec![Note::info("`netplan generate` checks the files without changing anything. Over SSH, `netplan try` instead of `netplan apply` rolls back by itself after 120 s unless you confirm.")]);

    let (undo_artifacts, undo_commands) = undo(plan, id, path, legacy, guide);
    let script = script(plan, path, &content, &undo_commands);
    Rendering::linux(
        plan,
        method,
        [
            Step::new(StepKind::Configure, configure).with_notes(configure_notes),
            apply,
            common::linux_verify_step_by_mode(plan, id),
            common::undo_step(plan, undo_artifacts, vec![common::ip_del_note(plan)]),
        ],
        notes,
        script,
    )
}

/// An interface id or name as a YAML scalar: bare when plainly safe.
fn yaml_word(s: &str) -> String {
    // A letter first: YAML 1.1 reads `017`, `0x0a`, `1_000`, `1.0` and
    // `2001-01-01` as numbers and dates, not strings.
    let plain = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        );
    if plain {
        s.to_owned()
    } else {
        yaml(s)
    }
}

/// `network: / version: 2 / ethernets: / IF:` plus the MAC match, if any.
fn head(plan: &Plan, comment: &str) -> String {
    let iface = yaml_word(plan.interface.as_str());
    let mut out = String::new();
    for line in comment.lines() {
        let _ = writeln!(out, "# {line}");
    }
    let _ = write!(out, "network:\n  version: 2\n  ethernets:\n    {iface}:\n");
    if let Some(mac) = plan.mac {
        let _ =
            write!(out, "      match:\n        macaddress: \"{mac}\"\n      set-name: {iface}\n");
    }
    out
}

fn addresses(out: &mut String, plan: &Plan, addrs: &[Ipv4Addr]) {
    out.push_str("      addresses:\n");
    for a in addrs {
        let _ = writeln!(out, "        - {a}/{}", plan.prefix());
    }
}

/// The keep-DHCP file: the interface id and the secondaries only.
fn keep_yaml(plan: &Plan) -> String {
    let mut out = head(
        plan,
        &format!(
            "Secondary private IPs for {} (Secondary IP Wizard).\nnetplan merges this file with 50-cloud-init.yaml (same interface id):\nthe primary {} stays on DHCP, these addresses are added.",
            plan.interface, plan.primary
        ),
    );
    addresses(&mut out, plan, &plan.secondaries);
    out
}

/// The static file: DHCP off, primary first, one default route, DNS if given.
fn static_yaml(plan: &Plan, legacy: bool, addrs: &[Ipv4Addr], guide: bool) -> String {
    let comment = if guide {
        format!("Static configuration for {} (Secondary IP Wizard, the guide's form).\ncloud-init's network config is disabled, so it no longer rewrites this file.", plan.interface)
    } else {
        format!("Static configuration for {} (Secondary IP Wizard), the primary first.\nRead after 50-cloud-init.yaml: it turns DHCP off for this interface.", plan.interface)
    };
    let mut out = head(plan, &comment);
    out.push_str("      dhcp4: false\n");
    addresses(&mut out, plan, addrs);
    if legacy {
        let _ = writeln!(out, "      gateway4: {}", plan.gateway);
    } else {
        let _ =
            write!(out, "      routes:\n        - to: default\n          via: {}\n", plan.gateway);
    }
    if !plan.dns.is_empty() {
        out.push_str("      nameservers:\n        addresses:\n");
        for d in &plan.dns {
            let _ = writeln!(out, "          - {d}");
        }
    }
    out
}

/// The Undo artifacts and the undo commands (for the script's rollback).
fn undo(
    plan: &Plan,
    id: &str,
    path: &str,
    legacy: bool,
    guide: bool,
) -> (Vec<Artifact>, Vec<String>) {
    let del = common::ip_del_lines(plan);
    match plan.mode {
        Mode::KeepDhcp => {
            let commands = format!("rm -f {}\nnetplan apply\n{del}", sh(path));
            let lines = commands.lines().map(str::to_owned).collect();
            (
                vec![Artifact::commands(
                    format!("{id}.undo.commands"),
                    "Remove the secondary addresses",
                    Lang::Sh,
                    commands,
                )],
                lines,
            )
        }
        Mode::Static => {
            let content = static_yaml(plan, legacy, &[plan.primary], guide);
            let commands = format!("netplan generate\nnetplan apply\n{del}");
            let mut lines = vec![format!(
                "write {path} again with only the primary {}/{} (see the Undo step), then:",
                plan.primary,
                plan.prefix()
            )];
            lines.extend(commands.lines().map(str::to_owned));
            (
                vec![
                    Artifact::file(
                        format!("{id}.undo.file"),
                        "The configuration without the secondary addresses",
                        path,
                        0o600,
                        Lang::Yaml,
                        content,
                    ),
                    Artifact::commands(
                        format!("{id}.undo.commands"),
                        "Apply it and remove the addresses",
                        Lang::Sh,
                        commands,
                    ),
                ],
                lines,
            )
        }
    }
}

fn script(plan: &Plan, path: &str, content: &str, undo: &[String]) -> String {
    let iface = plan.interface.as_str();
    let all: Vec<Ipv4Addr> = plan.all_addresses().collect();
    let summary = match plan.mode {
        Mode::KeepDhcp => format!(
            "Adds {} secondary private IP(s) to {iface} with netplan; the primary stays on DHCP.",
            plan.secondaries.len()
        ),
        Mode::Static => format!(
            "Configures {iface} statically with netplan: the primary {} and {} secondary private IP(s).",
            plan.primary,
            plan.secondaries.len()
        ),
    };
    let mut s = ShScript::new(&summary);
    s.raw("command -v netplan >/dev/null || { echo \"netplan is not installed\" >&2; exit 1; }\n");
    if plan.mode == Mode::Static {
        s.write_file(common::CLOUD_INIT_DISABLE_PATH, 0o644, common::CLOUD_INIT_DISABLE_CONTENT);
    }
    s.write_file(path, 0o600, content);
    s.raw(&common::sh_mark_changed_if_missing(iface, plan.prefix(), &all));
    s.raw(&format!(
        "\nif [ \"$changed\" -eq 1 ]; then\n  if ! netplan generate; then\n    echo \"netplan rejected the configuration: restoring the files\" >&2\n    eval \"$restore\"\n    exit 1\n  fi\n  netplan apply\nfi\n{}",
        common::sh_wait_for_addresses(iface, plan.prefix(), &all, 30)
    ));
    s.check_addresses(iface, plan.prefix(), &all);
    if plan.mode == Mode::Static {
        s.raw(&common::sh_check_default_route(plan.gateway));
    }
    for line in undo {
        s.rollback(line.clone());
    }
    s.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::plan_with as plan;

    fn file(r: &Rendering, id: &str) -> Artifact {
        crate::render::testing::artifact(r, id).clone()
    }

    #[test]
    fn keep_mode_adds_only_the_secondaries_in_a_separate_file() {
        let r = render(&plan(|_| {}), false);
        let f = file(&r, "netplan.configure.file");
        assert_eq!(f.path(), Some(OWN_PATH));
        assert!(f.content.contains(
            "    eth0:\n      addresses:\n        - 192.168.1.202/24\n        - 192.168.1.203/24\n"
        ));
        assert!(!f.content.contains("dhcp4"));
        assert!(!f.content.contains("- 192.168.1.201/24"));
        assert!(r.artifacts().all(|a| !a.id.ends_with("cloud-init")));
    }

    #[test]
    fn static_mode_puts_the_primary_first_with_one_default_route() {
        let r = render(&plan(|f| f.mode = "static".into()), false);
        let f = file(&r, "netplan.configure.file");
        assert!(f.content.contains("      dhcp4: false\n      addresses:\n        - 192.168.1.201/24\n        - 192.168.1.202/24\n"));
        assert_eq!(f.content.matches("to: default").count(), 1);
        assert!(!f.content.contains("gateway4"));
        assert!(r.artifacts().any(|a| a.id == "netplan.configure.cloud-init"));
    }

    #[test]
    fn legacy_uses_gateway4_and_a_mac_match() {
        let r = render(
            &plan(|f| {
                f.mode = "static".into();
                f.mac = "00:16:3E:12:34:56".into();
            }),
            true,
        );
        let f = file(&r, "netplan-0.99.configure.file");
        assert!(f.content.contains("      gateway4: 192.168.1.253\n"));
        assert!(f.content.contains(
            "      match:\n        macaddress: \"00:16:3e:12:34:56\"\n      set-name: eth0\n"
        ));
        assert!(!f.content.contains("to: default"));
    }

    #[test]
    fn guide_style_writes_50_cloud_init() {
        let r = render(
            &plan(|f| {
                f.mode = "static".into();
                f.style = "guide".into();
            }),
            false,
        );
        assert_eq!(file(&r, "netplan.configure.file").path(), Some(CLOUD_INIT_PATH));
    }

    #[test]
    fn odd_interface_names_are_quoted() {
        assert_eq!(yaml_word("eth0"), "eth0");
        assert_eq!(yaml_word("on"), "\"on\"");
        assert_eq!(yaml_word("a#b"), "\"a#b\"");
    }
}
