//! Runtime only: `ip addr add IP/P dev IF`, lost on reboot (for trying an
//! address before making it permanent). Nothing is flushed: the script adds
//! only what is missing.

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::quote::sh;
use super::recipe::{Action, Apply, ApplyRun, Block, Ensured, Need, Recipe};
use super::{routing, Note};
use crate::catalog::Method;
use crate::plan::{Mode, Plan};
use crate::wording::render::{NoteText as N, TitleText as T};

/// The addresses to add: the secondaries, and in static mode the primary first.
fn wanted(plan: &Plan) -> Vec<Ipv4Addr> {
    match plan.mode {
        Mode::KeepDhcp => plan.secondaries.clone(),
        Mode::Static => plan.all_addresses().collect(),
    }
}

/// `ip -4 -o addr show dev IF | grep -q ' inet A/P '`: whether `a` is on the interface.
pub(crate) fn has_address(plan: &Plan, a: Ipv4Addr) -> String {
    format!(
        "ip -4 -o addr show dev {} | grep -q ' inet {a}/{} '",
        sh(plan.interface.as_str()),
        plan.prefix_of(a)
    )
}

/// `ip addr add A/P dev IF`, run only where `a` is missing.
pub(crate) fn add_address(plan: &Plan, a: Ipv4Addr) -> Ensured {
    let p = plan.prefix_of(a);
    Ensured {
        run: format!("ip addr add {a}/{p} dev {}", sh(plan.interface.as_str())),
        done: has_address(plan, a),
        report: format!("added {a}/{p}"),
        edits: None,
        idempotent: false,
    }
}

/// `ip addr del IP/P dev IF` for every secondary, one per line.
pub(crate) fn del_lines(plan: &Plan) -> String {
    let i = sh(plan.interface.as_str());
    // Deleting the address the kernel lists first in the subnet deletes the
    // others with it unless promote_secondaries is 1 (Debian's
    // NetworkManager and ifupdown images leave it 0): the DHCP primary too.
    let mut out = format!(
        "sysctl -qw {}=1\n",
        sh(&format!(
            "net.ipv4.conf.{}.promote_secondaries",
            super::quote::sysctl_if(plan.interface.as_str())
        ))
    );
    for a in &plan.secondaries {
        // Already gone (the configuration's apply removed it) is fine.
        let _ = writeln!(out, "ip addr del {a}/{} dev {i} 2>/dev/null || true", plan.prefix_of(*a));
    }
    out
}

/// The note for an Undo step that deletes addresses with `ip addr del`.
pub(crate) fn del_note(plan: &Plan) -> Note<N> {
    Note::info(N::IpDelAnswers { interface: plan.interface.clone() })
}

/// The runtime method's recipe.
pub fn recipe(plan: &Plan) -> Recipe {
    let i = sh(plan.interface.as_str());
    let mut items: Vec<Ensured> = wanted(plan).into_iter().map(|a| add_address(plan, a)).collect();
    items.extend(super::v6::add_items(plan, Method::Runtime));
    let mut configure_notes = vec![Note::warning(N::RuntimeLostOnReboot)];
    let mut notes = Vec::new();
    let mut undo = del_lines(plan) + &super::v6::del_lines(plan, Method::Runtime);
    let mut routing_actions = Vec::new();
    if let Some(t) = routing::table(plan) {
        routing_actions = routing::ip_actions(plan, t, Method::Runtime);
        undo.push_str(&routing::undo_commands(plan, t, Method::Runtime));
        configure_notes
            .push(Note::info(N::EniOwnTable { interface: plan.interface.clone(), table: t.id() }));
        configure_notes.push(routing::rp_filter_note(plan));
        configure_notes.push(Note::warning(N::RuntimeForeignRules));
        if !routing::ruled6(plan, Method::Runtime).is_empty() {
            configure_notes.push(Note::info(N::RuntimeRouterCopied {
                interface: plan.interface.clone(),
                table: t.id(),
            }));
        }
    }
    match plan.mode {
        Mode::KeepDhcp => configure_notes.push(Note::info(N::RuntimeFileExists)),
        // A secondary ENI's default route is in its own table, never in main.
        Mode::Static if routing::table(plan).is_some() => {}
        Mode::Static => {
            items.push(Ensured {
                run: format!("ip route add default via {} dev {i}", plan.gateway),
                done: "ip -4 route show default | grep -q .".to_owned(),
                report: format!("added default via {}", plan.gateway),
                edits: None,
                idempotent: false,
            });
            configure_notes.push(Note::info(N::RuntimeFileExistsStatic { primary: plan.primary }));
            if !plan.dns.is_empty() {
                notes.push(Note::info(N::RuntimeKeepsDns));
            }
        }
    }
    // Static mode adds a static primary; a DHCP client that owns the
    // primary would take it away at the end of its lease.
    let preflight = match plan.mode {
        Mode::Static => vec![super::recipe::Guard {
            comment: Some("Static mode: the primary must not be a DHCP lease.".into()),
            setup: String::new(),
            holds: format!(
                "! ip -4 -o addr show dev {i} | grep ' inet {}/' | grep -q ' dynamic '",
                plan.primary
            ),
            message: sh(&format!(
                "{} on {} is a DHCP lease: these commands cannot turn DHCP off, and the client would remove the address when the lease ends. Choose keep mode, or a method that writes the configuration",
                plan.primary, plan.interface
            )),
        }],
        Mode::KeepDhcp => Vec::new(),
    };
    // A secondary ENI's IPv6 default route is copied from the main table
    // into its own: without one from the router advertisements yet, stop
    // before any change (the Configure step's block says the same).
    let mut preflight = preflight;
    if let Some(t) =
        routing::table(plan).filter(|_| !routing::ruled6(plan, Method::Runtime).is_empty())
    {
        preflight.push(routing::router6_guard(plan, t));
    }
    Recipe {
        needs: Some(Need { command: "ip", what: "ip (iproute2)" }),
        preflight,
        holdings: vec![super::declare::kernel_holding(plan)],
        configure: [
            Action::Ensure { block: Block::new("commands", T::AddUntilReboot), items },
            super::declare::prune(plan),
        ]
        .into_iter()
        .chain(super::v6::prune(plan, Method::Runtime))
        .chain(routing_actions)
        .collect(),
        configure_notes,
        undo: vec![Action::Run {
            block: Block::new("commands", T::RemoveSecondaryAddresses),
            commands: undo,
        }],
        undo_notes: vec![del_note(plan)],
        notes,
        ipv6: true,
        ..Recipe::new(Method::Runtime, format!(
            "Adds the missing private IPs to {} until the next reboot (ip addr add); nothing is flushed.",
            plan.interface
        ), Apply {
            run: ApplyRun::Nothing {
                block: Block::new("text", T::NothingToApply),
                text: N::RuntimeNothingToApply,
            },
            alternatives: Vec::new(),
            notes: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Form;
    use crate::render::testing::{artifact, plan_with};
    use crate::render::{render, Rendering};

    fn render_with(f: impl FnOnce(&mut Form)) -> Rendering {
        render(&plan_with(f), Method::Runtime)
    }

    fn content(r: &Rendering, id: &str) -> String {
        artifact(r, id).content.clone()
    }

    #[test]
    fn keep_mode_adds_only_the_secondaries() {
        let r = render_with(|_| {});
        assert_eq!(
            content(&r, "runtime.configure.commands"),
            "ip -4 -o addr show dev eth0 | grep -q ' inet 192.168.1.202/24 ' || ip addr add 192.168.1.202/24 dev eth0\nip -4 -o addr show dev eth0 | grep -q ' inet 192.168.1.203/24 ' || ip addr add 192.168.1.203/24 dev eth0\n",
            "each behind its check: safe to paste twice"
        );
        assert_eq!(
            content(&r, "runtime.undo.commands"),
            "sysctl -qw net.ipv4.conf.eth0.promote_secondaries=1\nip addr del 192.168.1.202/24 dev eth0 2>/dev/null || true\nip addr del 192.168.1.203/24 dev eth0 2>/dev/null || true\n",
            "promote_secondaries first: deleting a first-listed secondary must not take the DHCP primary"
        );
    }

    #[test]
    fn static_mode_adds_the_primary_and_route_but_never_flushes() {
        let r = render_with(|f| f.mode = "static".into());
        let c = content(&r, "runtime.configure.commands");
        assert!(c.starts_with(
            "ip -4 -o addr show dev eth0 | grep -q ' inet 192.168.1.201/24 ' || ip addr add 192.168.1.201/24 dev eth0\n"
        ));
        assert!(c.ends_with(" || ip route add default via 192.168.1.253 dev eth0\n"));
        assert!(r.artifacts().all(|a| !a.content.contains("addr flush")));
        assert!(!content(&r, "runtime.undo.commands").contains("192.168.1.201"));
    }

    #[test]
    fn the_script_adds_only_what_is_missing() {
        let s = content(&render_with(|_| {}), "runtime.script");
        assert!(s.contains(
            "if ! ip -4 -o addr show dev eth0 | grep -q ' inet 192.168.1.202/24 '; then\n  ip addr add 192.168.1.202/24 dev eth0\n"
        ));
    }
}
