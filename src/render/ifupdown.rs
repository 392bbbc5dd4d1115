//! Debian ifupdown (Debian 8–11, Ubuntu 14/16): `/etc/network/interfaces`.
//!
//! Keep-DHCP mode: cloud-init's `iface eth0 inet dhcp` stays as it is and
//! the secondaries go in a file of their own,
//! `/etc/network/interfaces.d/60-secondary-ips`, as the guide's alias stanzas
//! (`auto eth0:N` / `iface eth0:N inet static`, address and netmask, never a
//! gateway). Each alias comes up with `ifup eth0:N` without touching the
//! primary. Static mode writes `/etc/network/interfaces` with the static
//! primary and keeps the same alias file.

use std::fmt::Write as _;

use super::quote::sh;
use super::recipe::{self, Action, Apply, ApplyRun, Block, FileSpec, Guard, Recipe};
use super::{alias, Lang, Note};
use crate::catalog::quirks::IfupdownSources;
use crate::catalog::{Method, Os};
use crate::plan::{Mode, Plan};
use crate::wording::render::{NoteText as N, TitleText as T};

/// The main configuration file.
pub(crate) const INTERFACES: &str = "/etc/network/interfaces";

/// cloud-init's own files in `interfaces.d` (the name changed over releases).
const CLOUD_INIT_FILES: [&str; 2] =
    ["/etc/network/interfaces.d/50-cloud-init", "/etc/network/interfaces.d/50-cloud-init.cfg"];

/// The separate file for the secondaries.
fn secondary_path(os: Os) -> &'static str {
    match os.ifupdown_sources() {
        IfupdownSources::CfgOnly => "/etc/network/interfaces.d/60-secondary-ips.cfg",
        IfupdownSources::Every => "/etc/network/interfaces.d/60-secondary-ips",
    }
}

/// The `source` line that includes the secondary file.
fn source_line(os: Os) -> &'static str {
    match os.ifupdown_sources() {
        IfupdownSources::CfgOnly => "source /etc/network/interfaces.d/*.cfg",
        IfupdownSources::Every => "source /etc/network/interfaces.d/*",
    }
}

/// The check that the main file includes `interfaces.d` in a way that
/// reads the secondary file.
fn source_guard(os: Os, sec_path: &str) -> Guard {
    let pattern = match os.ifupdown_sources() {
        IfupdownSources::CfgOnly => {
            r"^[[:space:]]*source[[:space:]]+/etc/network/interfaces\.d/\*(\.cfg)?[[:space:]]*$"
        }
        IfupdownSources::Every => {
            r"^[[:space:]]*(source[[:space:]]+/etc/network/interfaces\.d/\*|source-directory[[:space:]]+(/etc/network/)?interfaces\.d/?)[[:space:]]*$"
        }
    };
    Guard {
        comment: Some(format!("{INTERFACES} must include {sec_path}.")),
        setup: String::new(),
        holds: format!("grep -Eq '{pattern}' {INTERFACES}"),
        message: format!(
            "\"{INTERFACES} does not include /etc/network/interfaces.d: add the line '{}' to it (at the end), then run this again\"",
            source_line(os)
        ),
    }
}

/// The summary line at the top of a script.
pub(crate) fn summary(plan: &Plan, method: Method) -> String {
    format!(
        "{}: secondary private IPs {} on {} ({} mode).",
        method.label(),
        recipe::address_list(&plan.secondaries),
        plan.interface,
        recipe::mode_words(plan.mode)
    )
}

/// The Debian ifupdown recipe for a plan.
pub fn recipe(plan: &Plan) -> Recipe {
    let method = Method::Ifupdown;
    let iface = plan.interface.as_str();
    let sec_path = secondary_path(plan.os);
    let mut notes = Vec::new();
    let mut configure = Vec::new();
    let mut configure_notes = Vec::new();
    let mut preflight = Vec::new();

    // The alias stanzas (both modes).
    let mut sec = format!(
        "# Written by the Secondary IP Wizard: secondary private IPs on {iface}.\n# Alias stanzas: never put a gateway here (a second default route makes ifup fail).\n"
    );
    let mut labels = Vec::new();
    for (n, ip) in plan.secondaries.iter().enumerate() {
        let (label, fits) = alias::label(iface, n);
        if !fits {
            notes.push(Note::warning(N::IfupdownAliasTooLong { label: label.clone() }));
        }
        let _ = write!(
            sec,
            "\nauto {label}\niface {label} inet static\n    address {ip}\n    netmask {}\n",
            plan.subnet.mask()
        );
        labels.push((label, *ip));
    }

    match plan.mode {
        Mode::KeepDhcp => preflight.push(source_guard(plan.os, sec_path)),
        Mode::Static => {
            let mut m = format!(
                "# Written by the Secondary IP Wizard: static primary on {iface}; the secondaries are in {sec_path}.\nauto lo\niface lo inet loopback\n\nauto {iface}\niface {iface} inet static\n    address {}\n    netmask {}\n    gateway {}\n",
                plan.primary,
                plan.subnet.mask(),
                plan.gateway
            );
            if !plan.dns.is_empty() {
                let dns: Vec<String> = plan.dns.iter().map(|d| d.to_string()).collect();
                let _ = writeln!(m, "    dns-nameservers {}", dns.join(" "));
            }
            let _ = write!(
                m,
                "\n# After {iface}, so the primary comes up first.\n{}\n",
                source_line(plan.os)
            );
            configure.push(recipe::cloud_init_off());
            configure_notes.push(recipe::cloud_init_note());
            configure.push(Action::MoveAway {
                block: Block::new("cloud-init-files", T::MoveCloudInitStanza),
                paths: CLOUD_INIT_FILES.to_vec(),
                comment: Some("Move cloud-init's DHCP stanza out of interfaces.d (every file there is read, whatever its name).".into()),
            });
            configure.push(Action::write(
                Block::new("file", T::Replace { path: INTERFACES.into() }),
                FileSpec::new(INTERFACES, 0o644, Lang::Text, m),
            ));
            if !plan.dns.is_empty() {
                configure_notes.push(Note::info(N::IfupdownResolvconf));
            }
        }
    }
    configure.push(Action::write(
        Block::new("secondary-file", T::Create { path: sec_path.into() }),
        FileSpec::new(sec_path, 0o644, Lang::Text, sec),
    ));
    configure_notes.push(Note::info(N::IfupdownOwnFile { source: source_line(plan.os) }));
    if plan.mode == Mode::KeepDhcp {
        configure_notes.push(Note::info(N::IfupdownOrder { interface: plan.interface.clone() }));
    }
    configure_notes.push(Note::info(N::IfupdownAlternative {
        interface: plan.interface.clone(),
        prefix: plan.prefix(),
    }));
    configure_notes.extend(recipe::static_dns_note(plan));

    let apply = match plan.mode {
        Mode::KeepDhcp => Apply {
            run: alias::ifup_each(plan, Block::new("commands", T::BringUpEachAlias), &labels),
            alternatives: Vec::new(),
            notes: vec![Note::info(N::IfupdownGentle { restart: plan.os.restart_command() })],
        },
        Mode::Static => Apply {
            run: ApplyRun::WhenChanged {
                block: Block::new("commands", T::RestartNetwork),
                validate: None,
                commands: format!("{}\n", plan.os.restart_command()),
            },
            alternatives: Vec::new(),
            notes: vec![Note::warning(N::RestartFromVnc), Note::info(N::IfupdownDhclientLingers)],
        },
    };

    let mut undo = String::new();
    for (l, _) in &labels {
        let _ = writeln!(undo, "ifdown {}", sh(l));
    }
    let _ = writeln!(undo, "rm -f {sec_path}");
    Recipe {
        preflight,
        configure,
        configure_notes,
        undo: vec![recipe::remove_from_os(undo)],
        undo_notes: vec![Note::info(N::IfupdownIfdownFirst)],
        notes,
        ..Recipe::new(method, summary(plan, method), apply)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::render;
    use crate::render::testing::{artifact, plan_for as plan, plan_with};

    #[test]
    fn keep_mode_writes_alias_stanzas_in_a_file_of_their_own() {
        let r = render(&plan("debian10", "keep"), Method::Ifupdown);
        let f = artifact(&r, "ifupdown.configure.secondary-file");
        assert_eq!(f.path(), Some("/etc/network/interfaces.d/60-secondary-ips"));
        assert!(f.content.contains(
            "\nauto eth0:0\niface eth0:0 inet static\n    address 192.168.1.202\n    netmask 255.255.255.0\n\nauto eth0:1\n"
        ));
        assert!(!f.content.contains("    gateway"));
        assert!(r.artifacts().all(|a| a.id != "ifupdown.configure.cloud-init"));
        assert_eq!(artifact(&r, "ifupdown.apply.commands").content, "ifup eth0:0\nifup eth0:1\n");
        assert!(r.script.content.contains("grep -Eq"));
        assert_eq!(
            artifact(&r, "ifupdown.undo.commands").content,
            "ifdown eth0:0\nifdown eth0:1\nrm -f /etc/network/interfaces.d/60-secondary-ips\n"
        );
    }

    #[test]
    fn ubuntu_16_uses_a_cfg_name() {
        let r = render(&plan("ubuntu16", "keep"), Method::Ifupdown);
        let f = artifact(&r, "ifupdown.configure.secondary-file");
        assert_eq!(f.path(), Some("/etc/network/interfaces.d/60-secondary-ips.cfg"));
    }

    #[test]
    fn static_mode_writes_the_primary_with_the_only_gateway() {
        let p = plan_with(|f| {
            (f.os, f.mode, f.dns) = ("debian9".into(), "static".into(), "100.100.2.136".into());
        });
        let r = render(&p, Method::Ifupdown);
        artifact(&r, "ifupdown.configure.cloud-init");
        let f = artifact(&r, "ifupdown.configure.file");
        assert!(f.content.contains(
            "auto eth0\niface eth0 inet static\n    address 192.168.1.201\n    netmask 255.255.255.0\n    gateway 192.168.1.253\n    dns-nameservers 100.100.2.136\n"
        ));
        assert!(f.content.ends_with("source /etc/network/interfaces.d/*\n"));
        let all: String = r.artifacts().map(|a| a.content.as_str()).collect();
        assert_eq!(all.matches("gateway 192.168.1.253").count(), 2, "file and script only");
        assert_eq!(
            artifact(&r, "ifupdown.apply.commands").content,
            "systemctl restart networking\n"
        );
    }
}
