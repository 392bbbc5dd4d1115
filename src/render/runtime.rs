//! Runtime only: `ip addr add IP/P dev IF`, lost on reboot (for trying an
//! address before making it permanent). Nothing is flushed: the script adds
//! only what is missing.

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::quote::sh;
use super::script::ShScript;
use super::{common, Artifact, Lang, Note, Rendering, Step, StepKind};
use crate::catalog::Method;
use crate::plan::{Mode, Plan};

/// The addresses to add: the secondaries, and in static mode the primary first.
fn wanted(plan: &Plan) -> Vec<Ipv4Addr> {
    match plan.mode {
        Mode::KeepDhcp => plan.secondaries.clone(),
        Mode::Static => plan.all_addresses().collect(),
    }
}

/// Renders the runtime `ip addr` method for a plan.
pub fn render(plan: &Plan) -> Rendering {
    let id = Method::Runtime.as_str();
    let i = sh(plan.interface.as_str());
    let prefix = plan.prefix();
    let mut commands = String::new();
    for a in wanted(plan) {
        let _ = writeln!(commands, "ip addr add {a}/{prefix} dev {i}");
    }
    let mut configure_notes = vec![Note::warning(
        "These addresses last until the next reboot or network restart: use another method to keep them.",
    )];
    if plan.mode == Mode::Static {
        let _ = writeln!(commands, "ip route add default via {} dev {i}", plan.gateway);
        configure_notes.push(Note::info(format!(
            "\"RTNETLINK answers: File exists\" means the address or the default route is already there (the primary {} usually is): nothing is replaced or flushed.",
            plan.primary
        )));
    } else {
        configure_notes.push(Note::info(
            "\"RTNETLINK answers: File exists\" means the address is already there.",
        ));
    }
    let configure = Step::new(
        StepKind::Configure,
        vec![Artifact::commands(
            format!("{id}.configure.commands"),
            "Add the addresses until the next reboot",
            Lang::Sh,
            commands,
        )],
    )
    .with_notes(configure_notes);
    let apply = Step::new(
        StepKind::Apply,
        vec![Artifact::text(
            format!("{id}.apply.text"),
            "Nothing to apply",
            "The addresses work as soon as `ip addr add` returns: there is nothing to restart.\n",
        )],
    );
    let del = common::ip_del_lines(plan);
    let undo = vec![Artifact::commands(
        format!("{id}.undo.commands"),
        "Remove the secondary addresses",
        Lang::Sh,
        del.clone(),
    )];
    let mut notes = Vec::new();
    if plan.mode == Mode::Static && !plan.dns.is_empty() {
        notes.push(Note::info("`ip` does not set DNS servers: the resolvers stay as they are."));
    }
    Rendering::linux(
        plan,
        Method::Runtime,
        [
            configure,
            apply,
            common::linux_verify_step_by_mode(plan, id),
            common::undo_step(plan, undo, vec![common::ip_del_note(plan)]),
        ],
        notes,
        script(plan, &del),
    )
}

fn script(plan: &Plan, undo: &str) -> String {
    let iface = plan.interface.as_str();
    let i = sh(iface);
    let prefix = plan.prefix();
    let summary = format!(
        "Adds the missing private IPs to {iface} until the next reboot (ip addr add); nothing is flushed."
    );
    let mut s = ShScript::new(&summary);
    s.raw("command -v ip >/dev/null || { echo \"ip (iproute2) is not installed\" >&2; exit 1; }\n");
    s.raw(&format!(
        "\nadd=\"{}\"\nfor a in $add; do\n  if ip -4 -o addr show dev {i} | grep -q \" inet $a \"; then\n    echo \"already there: $a\"\n  else\n    ip addr add \"$a\" dev {i}\n    echo \"added at $stamp: $a\"\n    changed=1\n  fi\ndone\n",
        wanted(plan).iter().map(|a| format!("{a}/{prefix}")).collect::<Vec<_>>().join(" ")
    ));
    if plan.mode == Mode::Static {
        s.raw(&format!(
            "\nif ip -4 route show default | grep -q .; then\n  echo \"a default route exists: left as it is\"\nelse\n  ip route add default via {} dev {i}\n  echo \"added: default via {}\"\n  changed=1\nfi\n",
            plan.gateway, plan.gateway
        ));
    }
    s.raw("if [ \"$changed\" -eq 0 ]; then\n  echo \"nothing to add: every address was already there\"\nfi\n");
    s.check_addresses(iface, prefix, &plan.all_addresses().collect::<Vec<_>>());
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

    fn render_with(f: impl FnOnce(&mut Form)) -> Rendering {
        render(&plan_with(f))
    }

    fn content(r: &Rendering, id: &str) -> String {
        artifact(r, id).content.clone()
    }

    #[test]
    fn keep_mode_adds_only_the_secondaries() {
        let r = render_with(|_| {});
        assert_eq!(
            content(&r, "runtime.configure.commands"),
            "ip addr add 192.168.1.202/24 dev eth0\nip addr add 192.168.1.203/24 dev eth0\n"
        );
        assert_eq!(
            content(&r, "runtime.undo.commands"),
            "ip addr del 192.168.1.202/24 dev eth0\nip addr del 192.168.1.203/24 dev eth0\n"
        );
    }

    #[test]
    fn static_mode_adds_the_primary_and_route_but_never_flushes() {
        let r = render_with(|f| f.mode = "static".into());
        let c = content(&r, "runtime.configure.commands");
        assert!(c.starts_with("ip addr add 192.168.1.201/24 dev eth0\n"));
        assert!(c.ends_with("ip route add default via 192.168.1.253 dev eth0\n"));
        assert!(r.artifacts().all(|a| !a.content.contains("addr flush")));
        assert!(!content(&r, "runtime.undo.commands").contains("192.168.1.201"));
    }

    #[test]
    fn the_script_skips_present_addresses() {
        let s = content(&render_with(|_| {}), "runtime.script");
        assert!(s.contains("echo \"already there: $a\""));
    }
}
