//! NetworkManager keyfile (RHEL 9 family, Fedora): a complete profile in
//! `/etc/NetworkManager/system-connections/NAME.nmconnection`, mode 600,
//! loaded with `nmcli con load` and activated with `nmcli con up`.

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::nm::con_up;
use super::quote::{keyfile, keyfile_name, sh};
use super::recipe::{self, Action, Apply, ApplyRun, Block, FileSpec, Need, Recipe, Wait};
use super::{routing, Lang, Note};
use crate::catalog::Method;
use crate::plan::{Mode, Plan};
use crate::wording::render::{NoteText as N, TitleText as T};

/// Where NetworkManager keeps keyfiles it owns.
const DIR: &str = "/etc/NetworkManager/system-connections";

/// The profile's path for the plan's connection name.
pub(crate) fn path(plan: &Plan) -> String {
    format!("{DIR}/{}", keyfile_name(&plan.connection))
}

/// The keyfile with `addrs` as `address1…`: in keep mode (`method=auto`)
/// the secondaries, in static mode the primary first; for a secondary ENI
/// its table and a rule per address.
fn profile(plan: &Plan, addrs: &[Ipv4Addr]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# NetworkManager profile for {} (Secondary IP Wizard).", plan.interface);
    let _ = write!(
        out,
        "[connection]\nid={}\ntype=ethernet\ninterface-name={}\n",
        keyfile(&plan.connection),
        keyfile(plan.interface.as_str())
    );
    if let Some(mac) = plan.mac {
        let _ = write!(out, "\n[ethernet]\nmac-address={}\n", mac.to_string().to_ascii_uppercase());
    }
    let method = match plan.mode {
        Mode::KeepDhcp => "auto",
        Mode::Static => "manual",
    };
    let _ = write!(out, "\n[ipv4]\nmethod={method}\n");
    for (n, a) in addrs.iter().enumerate() {
        let _ = writeln!(out, "address{}={a}/{}", n + 1, plan.prefix_of(*a));
    }
    if plan.mode == Mode::Static {
        let _ = writeln!(out, "gateway={}", plan.gateway);
        if !plan.dns.is_empty() {
            let dns: String = plan.dns.iter().map(|d| format!("{d};")).collect();
            let _ = writeln!(out, "dns={dns}");
        }
    }
    if let Some(t) = routing::table(plan) {
        // Every route of the profile (DHCP's, or the gateway) in the
        // ENI's table, and a rule per address of the profile.
        let _ = writeln!(out, "route-table={}", t.id());
        let ruled: Vec<Ipv4Addr> = match plan.mode {
            Mode::KeepDhcp => std::iter::once(plan.primary).chain(addrs.iter().copied()).collect(),
            Mode::Static => addrs.to_vec(),
        };
        for (n, a) in ruled.into_iter().enumerate() {
            let _ = writeln!(out, "routing-rule{}={}", n + 1, super::nm::rule(t, a));
        }
    }
    out.push_str("\n[ipv6]\nmethod=auto\n");
    out
}

/// The addresses the profile lists: secondaries (keep) or all (static).
fn configured(plan: &Plan) -> Vec<Ipv4Addr> {
    match plan.mode {
        Mode::KeepDhcp => plan.secondaries.clone(),
        Mode::Static => plan.all_addresses().collect(),
    }
}

/// The keyfile recipe for a plan.
pub fn recipe(plan: &Plan) -> Recipe {
    let path = path(plan);
    let file = |content: String| FileSpec {
        root_owned: true,
        ..FileSpec::new(path.clone(), 0o600, Lang::Ini, content)
    };
    let mut notes = Vec::new();
    let mut routing_actions = Vec::new();
    let mut undo_routing = Vec::new();
    let mut routing_notes = Vec::new();
    if let Some(t) = routing::table(plan) {
        routing_notes
            .push(Note::info(N::NmRouteTable { interface: plan.interface.clone(), table: t.id() }));
        routing_notes.push(routing::rp_filter_note(plan));
        routing_actions.extend(routing::rp_filter(plan));
        undo_routing.push(routing::undo_action(plan, t));
    }
    notes.extend(recipe::static_dns_note(plan));
    notes.extend(recipe::keep_dns_note(plan));
    let apply = format!("nmcli con load {}\n{}", sh(&path), con_up(plan));
    let without: Vec<Ipv4Addr> = match plan.mode {
        Mode::KeepDhcp => Vec::new(),
        Mode::Static => vec![plan.primary],
    };
    let summary = match plan.mode {
        Mode::KeepDhcp => format!(
            "Writes the NetworkManager profile {} with {} secondary private IP(s); the primary stays on DHCP.",
            plan.connection,
            plan.secondaries.len()
        ),
        Mode::Static => format!(
            "Writes the NetworkManager profile {} with the static primary {} and {} secondary private IP(s).",
            plan.connection,
            plan.primary,
            plan.secondaries.len()
        ),
    };
    Recipe {
        needs: Some(Need { command: "nmcli", what: "nmcli" }),
        configure: [
            super::nm::find(plan),
            recipe::cloud_init_off(),
            Action::write(
                Block::new("file", T::ConnectionProfile),
                file(profile(plan, &configured(plan))),
            ),
        ]
        .into_iter()
        .chain(routing_actions)
        .collect(),
        configure_notes: vec![
            recipe::cloud_init_note(),
            Note::info(match plan.mode {
                Mode::KeepDhcp => N::KeyfileComplete,
                Mode::Static => N::KeyfileManual,
            }),
            Note::warning(N::KeyfileOtherProfile),
        ]
        .into_iter()
        .chain(routing_notes)
        .collect(),
        wait: Some(Wait { seconds: 30, route: false, retry: None }),
        undo: vec![
            Action::write(
                Block::new("file", T::ProfileWithoutSecondaries),
                file(profile(plan, &without)),
            ),
            Action::Run {
                block: Block::new("commands", T::LoadAndActivateIt),
                commands: apply.clone(),
            },
        ],
        notes,
        ..Recipe::new(
            Method::Keyfile,
            summary,
            Apply {
                run: ApplyRun::WhenChanged {
                    block: Block::new("commands", T::LoadAndActivateProfile),
                    validate: None,
                    commands: apply,
                },
                alternatives: Vec::new(),
                notes: vec![Note::info(N::KeyfileMode600)],
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::plan_with as plan;
    use crate::render::{render, ArtifactKind};

    #[test]
    fn keep_profile_stays_auto_with_the_secondaries() {
        let p = plan(|_| {});
        let c = profile(&p, &configured(&p));
        assert!(c.contains("[connection]\nid=System eth0\ntype=ethernet\ninterface-name=eth0\n"));
        assert!(c.contains(
            "[ipv4]\nmethod=auto\naddress1=192.168.1.202/24\naddress2=192.168.1.203/24\n"
        ));
        assert!(!c.contains("gateway="));
        assert_eq!(path(&p), "/etc/NetworkManager/system-connections/System eth0.nmconnection");
    }

    #[test]
    fn static_profile_is_manual_with_primary_gateway_and_dns() {
        let p = plan(|f| {
            f.mode = "static".into();
            f.dns = "100.100.2.136,100.100.2.138".into();
        });
        let c = profile(&p, &configured(&p));
        assert!(c.contains("method=manual\naddress1=192.168.1.201/24\naddress2=192.168.1.202/24\naddress3=192.168.1.203/24\ngateway=192.168.1.253\ndns=100.100.2.136;100.100.2.138;\n"));
    }

    // NetworkManager loads every file name in system-connections: a backup
    // `System eth0.nmconnection.bak-STAMP` beside the profile loaded as a
    // second "System eth0" profile (seen with NM 1.42 after `nmcli con reload`).
    #[test]
    fn the_script_keeps_backups_out_of_system_connections() {
        let r = render(&plan(|_| {}), Method::Keyfile);
        let script = &r.script.content;
        let start = script.find("\n# /etc/NetworkManager/system-connections/").unwrap();
        let block = &script[start..];
        let block = &block[..block.find("\nfi\n").unwrap()];
        assert!(block.contains("bak=\"/var/backups/secondary-ip-wizard/$stamp$f\""));
        assert!(block.contains("new=\"/var/backups/secondary-ip-wizard/new-$stamp/"));
        assert!(!block.contains("$f.bak-"));
        assert!(!block.contains("$f.wizard-new"));
    }

    #[test]
    fn the_file_is_mode_600_and_owned_by_root() {
        let p = plan(|_| {});
        let r = render(&p, Method::Keyfile);
        let f = r.artifacts().find(|a| a.id == "keyfile.configure.file").unwrap();
        assert_eq!(f.kind, ArtifactKind::File { path: path(&p), mode: 0o600 });
        assert!(r.script.content.contains("  echo \"wrote: $f\"\nfi\nrmdir \"$(dirname \"$new\")\" 2>/dev/null || true\nchown root:root \"$f\"\n"));
    }
}
