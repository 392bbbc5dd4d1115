//! The routing of a secondary ENI as every renderer writes it: its own
//! table (the subnet route and the default route), a source rule per
//! address, the reverse-path filter of the interface, and how to check and
//! undo each. The formats differ; the facts come from here.

use std::net::Ipv4Addr;

use super::quote::sh;
use super::quote::sh_dq;
use super::recipe::{Action, Block, Ensured, FileSpec, Guard};
use super::{Lang, Note};
use crate::catalog::Method;
use crate::plan::routing::PolicyTable;
use crate::plan::Plan;
use crate::wording::render::{NoteText, TitleText};

/// The first line of every routing file the wizard writes whole (ifcfg's
/// `route-IF` and `rule-IF`, wicked's `ifroute-IF` and `ifrule-IF`).
pub const FILE_HEADER: &str = "# Written by the Secondary IP Wizard";

/// A guard that refuses to replace a routing file someone else wrote: it
/// must be missing or start with [`FILE_HEADER`].
pub fn ours_or_missing(path: &str) -> Guard {
    Guard {
        comment: Some(format!("{path} is replaced whole: only when it is the wizard's own.")),
        setup: String::new(),
        holds: format!("[ ! -e {q} ] || head -n 1 {q} | grep -q '^{FILE_HEADER}'", q = sh(path)),
        message: format!(
            "\"{} holds routes or rules the wizard did not write: merge them by hand, then run this again\"",
            sh_dq(path)
        ),
    }
}

/// A routing file the wizard writes whole (`route-IF`, `ifrule-IF`, …):
/// the guard that it is the wizard's own or missing, and its block
/// (`name`: `route-file` or `rule-file`).
pub fn owned_file(name: &str, path: &str, lang: Lang, content: String) -> (Guard, Action) {
    (
        ours_or_missing(path),
        Action::write(
            Block::new(name, TitleText::Replace { path: path.to_owned() }),
            FileSpec::new(path.to_owned(), 0o644, lang, content),
        ),
    )
}

/// The secondary ENI's table, when the plan is for one.
pub fn table(plan: &Plan) -> Option<PolicyTable> {
    plan.table
}

/// The addresses that get a source rule: every address of the ENI.
pub fn ruled(plan: &Plan) -> Vec<Ipv4Addr> {
    plan.all_addresses().collect()
}

/// `ip -4 rule add from A/32 table T priority P`.
pub fn rule_add(t: PolicyTable, a: Ipv4Addr) -> String {
    format!("ip -4 rule add from {a}/32 table {} priority {}", t.id(), t.priority())
}

/// `ip -4 rule del from A/32 table T priority P`.
pub fn rule_del(t: PolicyTable, a: Ipv4Addr) -> String {
    format!("ip -4 rule del from {a}/32 table {} priority {}", t.id(), t.priority())
}

/// A sh condition that holds when the rule for `a` is there.
pub fn rule_present(t: PolicyTable, a: Ipv4Addr) -> String {
    format!(
        "ip -4 rule show | grep -Eq '^{}:[[:space:]]+from {} lookup {}( |$)'",
        t.priority(),
        a.to_string().replace('.', "\\."),
        t.id()
    )
}

/// The routes of the table: the subnet on the interface (the primary as
/// its source) and the default route via the gateway, as `ip route
/// replace` commands (safe to run again).
pub fn table_routes(plan: &Plan, t: PolicyTable) -> Vec<String> {
    let i = sh(plan.interface.as_str());
    vec![
        format!(
            "ip -4 route replace {} dev {i} scope link src {} table {}",
            plan.subnet,
            plan.primary,
            t.id()
        ),
        format!("ip -4 route replace default via {} dev {i} onlink table {}", plan.gateway, t.id()),
    ]
}

/// `ip -4 route flush table T`: the table's routes gone.
pub fn flush(t: PolicyTable) -> String {
    format!("ip -4 route flush table {}", t.id())
}

/// Every rule added, one `ip rule add` each, only where missing.
pub fn ensure_rules(plan: &Plan, t: PolicyTable) -> Vec<Ensured> {
    ruled(plan)
        .into_iter()
        .map(|a| Ensured {
            run: rule_add(t, a),
            done: rule_present(t, a),
            report: format!("rule: from {a} lookup {}", t.id()),
            edits: None,
            idempotent: false,
        })
        .collect()
}

/// The runtime commands that take the routing back: each rule, then the table.
pub fn undo_lines(plan: &Plan, t: PolicyTable) -> String {
    let mut out: String = ruled(plan)
        .into_iter()
        .map(|a| format!("{} 2>/dev/null || true\n", rule_del(t, a)))
        .collect();
    out.push_str(&flush(t));
    out.push('\n');
    out
}

/// The sysctl key of the interface's reverse-path filter (a `.` in the
/// name is written `/` in a key).
pub fn rp_filter_key(plan: &Plan) -> String {
    format!("net.ipv4.conf.{}.rp_filter", super::quote::sysctl_if(plan.interface.as_str()))
}

/// The drop-in that sets loose reverse-path filtering on the interface.
pub fn rp_filter_path(plan: &Plan) -> String {
    format!("/etc/sysctl.d/60-secondary-ip-wizard-{}.conf", plan.interface)
}

/// The sysctl drop-in (loose mode, 2) and the command that loads it now:
/// with strict filtering (1, the default of RHEL 8 and others), a packet
/// for an address of this ENI that arrives on another interface (two ENIs
/// in one vSwitch answer each other's ARP) is dropped.
pub fn rp_filter(plan: &Plan) -> [Action; 2] {
    let path = rp_filter_path(plan);
    let content = format!(
        "# Loose reverse-path filtering on {} (Secondary IP Wizard): its source\n# rules route replies out of it; strict mode would drop traffic for its\n# addresses that arrives on another interface.\n{} = 2\n",
        plan.interface,
        rp_filter_key(plan)
    );
    [
        Action::write(
            Block::new("rp-filter", TitleText::LooseRpFilter),
            FileSpec::new(path.clone(), 0o644, Lang::Ini, content),
        ),
        Action::Run {
            block: Block::new("rp-filter-load", TitleText::LoadSysctl),
            commands: format!("sysctl -q -p {}\n", sh(&path)),
        },
    ]
}

/// The note that goes with [`rp_filter`].
pub fn rp_filter_note(plan: &Plan) -> Note<NoteText> {
    Note::info(NoteText::RpFilterLoose { interface: plan.interface.clone() })
}

/// The Undo block of the routing ([`undo_commands`]).
pub fn undo_action(plan: &Plan, t: PolicyTable) -> Action {
    Action::Run {
        block: Block::new("routing", TitleText::RemoveEniRouting),
        commands: undo_commands(plan, t),
    }
}

/// The source the table's subnet route names: the primary, except where
/// the route is added before the DHCP lease is back on the interface.
/// wicked in keep mode: its `ifreload` drops and asks again for the lease
/// while it adds the ifroute routes, and a route whose `src` is not (yet) a
/// local address is refused (EINVAL) and the interface's set-up with it.
/// The source only matters to traffic that reaches the table without
/// one, and the table is reached only by the source rules.
pub fn table_source(plan: &Plan, method: Method) -> Option<Ipv4Addr> {
    let lease = plan.mode == crate::plan::Mode::KeepDhcp;
    (!(lease && method == Method::Wicked)).then_some(plan.primary)
}

/// The Verify commands of the routing and what they must show (the lines
/// of the output; the last thing to check, that the main table has no
/// default route through the ENI, is a sentence the caller words).
pub fn verify(plan: &Plan, t: PolicyTable, method: Method) -> (String, Vec<String>) {
    let i = plan.interface.as_str();
    let mut commands = format!("ip -4 rule show\nip -4 route show table {}\n", t.id());
    let mut expect: Vec<String> = ruled(plan)
        .into_iter()
        .map(|a| format!("{}: from {a} lookup {}", t.priority(), t.id()))
        .collect();
    expect.push(format!("default via {} dev {i} onlink (table {})", plan.gateway, t.id()));
    let src = table_source(plan, method).map(|a| format!(" src {a}")).unwrap_or_default();
    expect.push(format!("{} dev {i} scope link{src} (table {})", plan.subnet, t.id()));
    for a in ruled(plan) {
        commands.push_str(&format!("ip -4 route get 223.5.5.5 from {a}\n"));
        expect.push(format!("223.5.5.5 from {a} via {} dev {i}", plan.gateway));
    }
    commands.push_str("ip -4 route show default\n");
    // Last, worded by the caller: no default route through it in the main
    // table (NoteText::ExpectNoMainDefault).
    (commands, expect)
}

/// The routing applied at once with `ip` (the runtime method, and the
/// methods whose files only take effect at the next `ifup`): the table's
/// routes, a rule per address, no default route through the interface in
/// the main table (a DHCP client may have added one), and loose
/// reverse-path filtering.
pub fn ip_actions(plan: &Plan, t: PolicyTable) -> Vec<Action> {
    let i = sh(plan.interface.as_str());
    let mut out = vec![
        Action::Run {
            block: Block::new("table", TitleText::EniTable { table: t.id() }),
            commands: table_routes(plan, t).iter().map(|l| format!("{l}\n")).collect(),
        },
        Action::Ensure {
            block: Block::new("rules", TitleText::EniRules),
            items: ensure_rules(plan, t),
        },
        Action::Ensure {
            block: Block::new("main-default", TitleText::NoMainDefault),
            items: vec![Ensured {
                run: format!("ip -4 route del default dev {i}"),
                done: format!("[ \"$(ip -4 route show default dev {i})\" = \"\" ]"),
                report: format!(
                    "removed the main table's default route through {}",
                    plan.interface
                ),
                edits: None,
                idempotent: false,
            }],
        },
    ];
    out.extend(rp_filter(plan));
    out
}

/// The Undo of the routing, which follows the Undo of the addresses: the
/// secondaries' rules go; the ENI's own table, its primary's rule and the
/// loose reverse-path filter stay, since the ENI needs them whatever its
/// secondaries ([`removal_commands`] takes those back too).
pub fn undo_commands(plan: &Plan, t: PolicyTable) -> String {
    plan.secondaries.iter().map(|&a| format!("{} 2>/dev/null || true\n", rule_del(t, a))).collect()
}

/// The runtime commands that take back the ENI's whole routing (every rule,
/// the table, the reverse-path drop-in), for a note: the ENI is then back
/// on what its DHCP or configuration gives it, which for a secondary ENI
/// means replies from it leave through the primary ENI and are dropped.
pub fn removal_commands(plan: &Plan, t: PolicyTable) -> String {
    format!("{}rm -f {}", undo_lines(plan, t), sh(&rp_filter_path(plan)))
}

/// The Undo note of a secondary ENI: what stays, and how to remove it.
pub fn undo_note(plan: &Plan, t: PolicyTable) -> Note<NoteText> {
    Note::info(NoteText::EniRoutingStays {
        interface: plan.interface.clone(),
        table: t.id(),
        commands: removal_commands(plan, t),
    })
}
