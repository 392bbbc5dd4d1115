//! NetworkManager through `nmcli` (RHEL-family 8+, Alibaba Cloud Linux 3,
//! Fedora): `+ipv4.addresses` on the existing profile in keep mode,
//! `ipv4.method manual` with the primary first in static mode, applied with
//! `nmcli con up` (never `nmcli device reapply`, which NM 1.42 gets wrong).

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::quote::sh;
use super::script::ShScript;
use super::{common, Artifact, Lang, Note, Rendering, Step, StepKind};
use crate::catalog::Method;
use crate::plan::{Mode, Plan};

/// The connection as an nmcli argument: `id NAME` when the bare name could be
/// read as an nmcli keyword (`uuid`, `path`, …) or an option (`--temporary`),
/// the sh-quoted name otherwise (`'System eth0'`).
pub(crate) fn con_arg(name: &str) -> String {
    // Always `id NAME`: a name like `uuid`, `help` or `--x` would otherwise be
    // read as a keyword or an option, and one form for every name is easier
    // to check.
    format!("id {}", sh(name))
}

/// The commands that list the connections, to find the profile's name.
pub(crate) fn find_artifact(id: &str, plan: &Plan) -> Artifact {
    Artifact::commands(
        format!("{id}.configure.find"),
        "Find the connection name",
        Lang::Sh,
        format!(
            "nmcli -f NAME,UUID,TYPE,DEVICE,FILENAME con show\nnmcli -g ipv4.method,ipv4.addresses con show {}\n",
            con_arg(&plan.connection)
        ),
    )
}

/// `a/p,b/p`: NetworkManager's list form.
fn joined(plan: &Plan, addrs: &[Ipv4Addr]) -> String {
    addrs.iter().map(|a| format!("{a}/{}", plan.prefix())).collect::<Vec<_>>().join(",")
}

fn dns_list(plan: &Plan) -> String {
    plan.dns.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",")
}

/// The static-mode `nmcli con modify` command (one line).
fn static_modify(plan: &Plan, con: &str) -> String {
    let all: Vec<Ipv4Addr> = plan.all_addresses().collect();
    let mut cmd = format!(
        "nmcli con modify {con} ipv4.method manual ipv4.addresses {} ipv4.gateway {}",
        joined(plan, &all),
        plan.gateway
    );
    if !plan.dns.is_empty() {
        let _ = write!(cmd, " ipv4.dns {}", dns_list(plan));
    }
    cmd
}

/// Renders the nmcli commands for a plan.
pub fn render(plan: &Plan) -> Rendering {
    let id = Method::Nmcli.as_str();
    let con = con_arg(&plan.connection);
    let prefix = plan.prefix();
    let mut notes = Vec::new();

    let (art, ci_note) = common::cloud_init_disable(id);
    let mut configure = vec![find_artifact(id, plan), art];
    let mut configure_notes = vec![
        Note::info(format!(
            "Use the NAME that `nmcli con show` lists for {} (\"System eth0\", \"cloud-init eth0\" or \"Wired connection 1\" on common images); this plan uses {}.",
            plan.interface,
            sh(&plan.connection)
        )),
        ci_note,
    ];
    let commands = match plan.mode {
        Mode::KeepDhcp => {
            configure_notes.push(Note::info("`+ipv4.addresses` appends to the profile and keeps ipv4.method auto, so the primary stays on DHCP; without the + the list would be replaced."));
            if !plan.dns.is_empty() {
                notes.push(Note::info(
                    "The DNS servers are not set in keep-DHCP mode: DHCP still provides them.",
                ));
            }
            plan.secondaries
                .iter()
                .map(|a| format!("nmcli con modify {con} +ipv4.addresses {a}/{prefix}\n"))
                .collect::<String>()
        }
        Mode::Static => {
            configure_notes.push(Note::info(format!(
                "With ipv4.method manual the first entry of ipv4.addresses is the primary address, so {} comes first.",
                plan.primary
            )));
            notes.extend(common::static_dns_note(plan));
            format!("{}\n", static_modify(plan, &con))
        }
    };
    configure.push(Artifact::commands(
        format!("{id}.configure.commands"),
        "Change the connection profile",
        Lang::Sh,
        commands,
    ));

    let apply = Step::new(
        StepKind::Apply,
        vec![Artifact::commands(
            format!("{id}.apply.commands"),
            "Activate the profile",
            Lang::Sh,
            format!("nmcli con up {con}\n"),
        )],
    )
    .with_notes(vec![Note::warning("Use `nmcli con up`, not `nmcli device reapply`: on NetworkManager 1.42 reapply reports success but drops the added static addresses. `con up` re-activates the profile; an SSH session normally survives it.")]);

    let mut undo_cmds = String::new();
    for a in &plan.secondaries {
        let _ = writeln!(undo_cmds, "nmcli con modify {con} -ipv4.addresses {a}/{prefix}");
    }
    let _ = writeln!(undo_cmds, "nmcli con up {con}");
    let undo = Artifact::commands(
        format!("{id}.undo.commands"),
        "Remove the secondary addresses from the profile",
        Lang::Sh,
        undo_cmds.clone(),
    );

    Rendering::linux(
        plan,
        Method::Nmcli,
        [
            Step::new(StepKind::Configure, configure).with_notes(configure_notes),
            apply,
            common::linux_verify_step_by_mode(plan, id),
            common::undo_step(plan, vec![undo], Vec::new()),
        ],
        notes,
        script(plan, &undo_cmds),
    )
}

fn script(plan: &Plan, undo: &str) -> String {
    let iface = plan.interface.as_str();
    let prefix = plan.prefix();
    let all: Vec<Ipv4Addr> = plan.all_addresses().collect();
    let summary = match plan.mode {
        Mode::KeepDhcp => format!(
            "Adds {} secondary private IP(s) to the NetworkManager connection {}; the primary stays on DHCP.",
            plan.secondaries.len(),
            plan.connection
        ),
        Mode::Static => format!(
            "Configures the NetworkManager connection {} statically: the primary {} and {} secondary private IP(s).",
            plan.connection,
            plan.primary,
            plan.secondaries.len()
        ),
    };
    let mut s = ShScript::new(&summary);
    s.raw(&format!(
        "command -v nmcli >/dev/null || {{ echo \"nmcli is not installed\" >&2; exit 1; }}\n\
         con={}\n\
         if ! nmcli -g connection.id con show id \"$con\" >/dev/null 2>&1; then\n  \
         echo \"no NetworkManager connection named $(q \"$con\"): list them with nmcli con show, and set con= in this script\" >&2\n  \
         exit 1\nfi\n",
        sh(&plan.connection)
    ));
    s.write_file(common::CLOUD_INIT_DISABLE_PATH, 0o644, common::CLOUD_INIT_DISABLE_CONTENT);
    s.raw("\n# The profile's addresses now, as a,b,c (nmcli may print \", \" between them).\nhave=$(nmcli -g ipv4.addresses con show id \"$con\" | tr -d ' ')\n");
    match plan.mode {
        Mode::KeepDhcp => {
            s.raw(&format!(
                "\nadd=\"{}\"\nfor a in $add; do\n  case \",$have,\" in\n    *\",$a,\"*)\n      echo \"already in the profile: $a\"\n      ;;\n    *)\n      nmcli con modify id \"$con\" +ipv4.addresses \"$a\"\n      echo \"added: $a\"\n      changed=1\n      ;;\n  esac\ndone\n",
                plan.secondaries.iter().map(|a| format!("{a}/{prefix}")).collect::<Vec<_>>().join(" ")
            ));
        }
        Mode::Static => {
            let want = joined(plan, &all);
            let mut cmd = format!(
                "nmcli con modify id \"$con\" ipv4.method manual ipv4.addresses {want} ipv4.gateway {}",
                plan.gateway
            );
            let mut check = format!(
                "[ \"$(nmcli -g ipv4.method con show id \"$con\")\" = manual ] && [ \"$have\" = {want} ] && [ \"$(nmcli -g ipv4.gateway con show id \"$con\")\" = {} ]",
                plan.gateway
            );
            if !plan.dns.is_empty() {
                let dns = dns_list(plan);
                let _ = write!(cmd, " ipv4.dns {dns}");
                let _ = write!(
                    check,
                    " && [ \"$(nmcli -g ipv4.dns con show id \"$con\" | tr -d ' ')\" = {dns} ]"
                );
            }
            s.raw(&format!(
                "if {check}; then\n  echo \"the profile is already static with these addresses\"\nelse\n  {cmd}\n  echo \"set the profile to manual: {want}\"\n  changed=1\nfi\n"
            ));
        }
    }
    s.raw(&common::sh_mark_changed_if_missing(iface, prefix, &all));
    s.apply_if_changed("nmcli con up id \"$con\"");
    s.raw(&common::sh_wait_for_addresses(iface, prefix, &all, 30));
    s.check_addresses(iface, prefix, &all);
    if plan.mode == Mode::Static {
        s.raw(&common::sh_check_default_route(plan.gateway));
    }
    s.rollback_all(undo.lines());
    s.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Form;
    use crate::render::testing::{artifact, plan_with};

    fn commands(f: impl FnOnce(&mut Form), id: &str) -> String {
        artifact(&render(&plan_with(f)), id).content.clone()
    }

    #[test]
    fn keep_mode_appends_each_secondary() {
        let c = commands(|_| {}, "nmcli.configure.commands");
        assert_eq!(
            c,
            "nmcli con modify id 'System eth0' +ipv4.addresses 192.168.1.202/24\nnmcli con modify id 'System eth0' +ipv4.addresses 192.168.1.203/24\n"
        );
        assert_eq!(commands(|_| {}, "nmcli.apply.commands"), "nmcli con up id 'System eth0'\n");
    }

    #[test]
    fn static_mode_sets_manual_with_the_primary_first() {
        let c = commands(
            |f| {
                f.mode = "static".into();
                f.dns = "100.100.2.136 100.100.2.138".into();
            },
            "nmcli.configure.commands",
        );
        assert_eq!(c, "nmcli con modify id 'System eth0' ipv4.method manual ipv4.addresses 192.168.1.201/24,192.168.1.202/24,192.168.1.203/24 ipv4.gateway 192.168.1.253 ipv4.dns 100.100.2.136,100.100.2.138\n");
    }

    #[test]
    fn undo_removes_each_secondary() {
        let c = commands(|_| {}, "nmcli.undo.commands");
        assert!(
            c.starts_with("nmcli con modify id 'System eth0' -ipv4.addresses 192.168.1.202/24\n")
        );
        assert!(c.ends_with("nmcli con up id 'System eth0'\n"));
    }

    #[test]
    fn keyword_and_hostile_names_stay_one_argument() {
        assert_eq!(con_arg("uuid"), "id uuid");
        assert_eq!(con_arg("--temporary"), "id --temporary");
        assert_eq!(con_arg("it's \"$(x)\" ; eth0"), r#"id 'it'\''s "$(x)" ; eth0'"#);
    }

    #[test]
    fn the_script_never_uses_device_reapply() {
        let c = commands(|_| {}, "nmcli.script");
        assert!(!c.contains("reapply"));
        assert!(c.contains("nmcli con up id \"$con\""));
    }
}
