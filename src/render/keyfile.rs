//! NetworkManager keyfile (RHEL 9 family, Fedora): a complete profile in
//! `/etc/NetworkManager/system-connections/NAME.nmconnection`, mode 600,
//! loaded with `nmcli con load` and activated with `nmcli con up`.

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::nmcli::{con_arg, find_artifact};
use super::quote::{keyfile, keyfile_name, sh};
use super::script::ShScript;
use super::{common, Artifact, Lang, Note, Rendering, Step, StepKind};
use crate::catalog::Method;
use crate::plan::{Mode, Plan};

/// Where NetworkManager keeps keyfiles it owns.
const DIR: &str = "/etc/NetworkManager/system-connections";

/// The profile's path for the plan's connection name.
pub(crate) fn path(plan: &Plan) -> String {
    format!("{DIR}/{}", keyfile_name(&plan.connection))
}

/// The keyfile with `addrs` as `address1…`: in keep mode (`method=auto`)
/// the secondaries, in static mode the primary first.
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
        let _ = writeln!(out, "address{}={a}/{}", n + 1, plan.prefix());
    }
    if plan.mode == Mode::Static {
        let _ = writeln!(out, "gateway={}", plan.gateway);
        if !plan.dns.is_empty() {
            let dns: String = plan.dns.iter().map(|d| format!("{d};")).collect();
            let _ = writeln!(out, "dns={dns}");
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

/// Renders the keyfile method for a plan.
pub fn render(plan: &Plan) -> Rendering {
    let id = Method::Keyfile.as_str();
    let path = path(plan);
    let con = con_arg(&plan.connection);
    let content = profile(plan, &configured(plan));
    let mut notes = Vec::new();
    if plan.mode == Mode::Static {
        notes.extend(common::static_dns_note(plan));
    } else if !plan.dns.is_empty() {
        notes.push(Note::info(
            "The DNS servers are not written in keep-DHCP mode: DHCP still provides them.",
        ));
    }

    let (ci, ci_note) = common::cloud_init_disable(id);
    let configure = Step::new(
        StepKind::Configure,
        vec![
            find_artifact(id, plan),
            ci,
            Artifact::file(
                format!("{id}.configure.file"),
                "The connection profile",
                path.clone(),
                0o600,
                Lang::Ini,
                content.clone(),
            ),
        ],
    )
    .with_notes(vec![
        ci_note,
        Note::info(match plan.mode {
            Mode::KeepDhcp => "The profile is complete: method=auto keeps the primary on DHCP and address1… add the secondaries. It replaces a profile with the same file name.",
            Mode::Static => "method=manual: address1 is the primary address, then the secondaries.",
        }),
        Note::warning("If `nmcli con show` lists another profile for this interface in a different file (such as cloud-init-eth0.nmconnection), write this content to that file instead, or two profiles compete for the interface."),
    ]);

    let apply_cmds = format!("nmcli con load {}\nnmcli con up {con}\n", sh(&path));
    let apply = Step::new(
        StepKind::Apply,
        vec![Artifact::commands(format!("{id}.apply.commands"), "Load and activate the profile", Lang::Sh, apply_cmds.clone())],
    )
    .with_notes(vec![Note::info("NetworkManager ignores a keyfile that is not mode 600 and owned by root. `nmcli con up` re-activates the profile (not `nmcli device reapply`, which NetworkManager 1.42 gets wrong).")]);

    let without: Vec<Ipv4Addr> = match plan.mode {
        Mode::KeepDhcp => Vec::new(),
        Mode::Static => vec![plan.primary],
    };
    let undo = vec![
        Artifact::file(
            format!("{id}.undo.file"),
            "The profile without the secondary addresses",
            path.clone(),
            0o600,
            Lang::Ini,
            profile(plan, &without),
        ),
        Artifact::commands(
            format!("{id}.undo.commands"),
            "Load and activate it",
            Lang::Sh,
            apply_cmds.clone(),
        ),
    ];

    Rendering::linux(
        plan,
        Method::Keyfile,
        [
            configure,
            apply,
            common::linux_verify_step_by_mode(plan, id),
            common::undo_step(plan, undo, Vec::new()),
        ],
        notes,
        script(plan, &path, &content, &apply_cmds),
    )
}

fn script(plan: &Plan, path: &str, content: &str, apply: &str) -> String {
    let iface = plan.interface.as_str();
    let all: Vec<Ipv4Addr> = plan.all_addresses().collect();
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
    let mut s = ShScript::new(&summary);
    s.raw("command -v nmcli >/dev/null || { echo \"nmcli is not installed\" >&2; exit 1; }\n");
    s.write_file(common::CLOUD_INIT_DISABLE_PATH, 0o644, common::CLOUD_INIT_DISABLE_CONTENT);
    // Backups beside the profile would load as a second profile: keep them outside.
    s.raw(&common::sh_write_file_backup_outside(path, 0o600, content));
    s.raw("chown root:root \"$f\"\n");
    s.raw(&common::sh_mark_changed_if_missing(iface, plan.prefix(), &all));
    s.apply_if_changed(&apply.trim_end().replace('\n', "\n  "));
    s.raw(&common::sh_wait_for_addresses(iface, plan.prefix(), &all, 30));
    s.check_addresses(iface, plan.prefix(), &all);
    if plan.mode == Mode::Static {
        s.raw(&common::sh_check_default_route(plan.gateway));
    }
    s.rollback(format!(
        "write {path} again without the secondary addresses (see the Undo step), then:"
    ));
    s.rollback_all(apply.lines());
    s.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::plan_with as plan;

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
        let r = render(&plan(|_| {}));
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
    fn the_file_is_mode_600() {
        let r = render(&plan(|_| {}));
        let f = r.artifacts().find(|a| a.id == "keyfile.configure.file").unwrap();
        assert_eq!(
            f.kind,
            super::super::ArtifactKind::File { path: path(&plan(|_| {})), mode: 0o600 }
        );
    }
}
