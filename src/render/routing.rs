//! The routing of a secondary ENI as every renderer writes it: its own
//! table (the subnet route and the default route), a source rule per
//! address, the reverse-path filter of the interface, and how to check and
//! undo each. The formats differ; the facts come from here.

use std::net::Ipv4Addr;

use super::quote::sh;
use super::quote::sh_dq;
use super::recipe::{Action, Block, Ensured, FileSpec, Guard};
use super::{v6, Lang, Note};
use crate::catalog::Method;
use crate::net6::Addr6;
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

/// The IPv6 addresses that get a source rule where `method` routes a
/// secondary ENI's IPv6 ([`v6::routes_secondary_eni`]) and adds some: the
/// ENI's own IPv6 address (when the form has it) and those to add.
pub fn ruled6(plan: &Plan, method: Method) -> Vec<Addr6> {
    if table(plan).is_none() || !v6::adds(plan, method) {
        return Vec::new();
    }
    let own = plan.ipv6.as_ref().and_then(|p| p.primary);
    own.into_iter().chain(v6::addrs(plan, method).iter().copied()).collect()
}

/// An address family of the source rules: the `ip` option and the host
/// prefix (`/32`, `/128`).
pub trait Family: Copy + std::fmt::Display {
    /// `-4` or `-6`.
    const IP: &'static str;
    /// The prefix of one address.
    const HOST: u8;
}

impl Family for Ipv4Addr {
    const IP: &'static str = "-4";
    const HOST: u8 = 32;
}

impl Family for Addr6 {
    const IP: &'static str = "-6";
    const HOST: u8 = 128;
}

/// `ip -4 rule add from A/32 table T priority P` (`-6` and `/128` for IPv6).
pub fn rule_add<A: Family>(t: PolicyTable, a: A) -> String {
    format!("ip {} rule add from {a}/{} table {} priority {}", A::IP, A::HOST, t.id(), t.priority())
}

/// `ip -4 rule del from A/32 table T priority P` (`-6` and `/128` for IPv6).
pub fn rule_del<A: Family>(t: PolicyTable, a: A) -> String {
    format!("ip {} rule del from {a}/{} table {} priority {}", A::IP, A::HOST, t.id(), t.priority())
}

/// A sh condition that holds when the rule for `a` is there.
pub fn rule_present<A: Family>(t: PolicyTable, a: A) -> String {
    format!(
        "ip {} rule show | grep -Eq '^{}:[[:space:]]+from {} lookup {}( |$)'",
        A::IP,
        t.priority(),
        a.to_string().replace('.', "\\."),
        t.id()
    )
}

/// The line `ip rule show` prints for the rule of `a`.
fn rule_line<A: Family>(t: PolicyTable, a: A) -> String {
    format!("{}: from {a} lookup {}", t.priority(), t.id())
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

/// `ip -6 route show default dev IF [table T] | …`: the router (its
/// link-local address) of the interface's IPv6 default route, as a sh
/// command substitution's body.
fn router6(plan: &Plan, t: Option<PolicyTable>) -> String {
    format!(
        "ip -6 route show default dev {}{} | sed -n 's/^default via \\([^ ]*\\) .*/\\1/p' | head -n 1",
        sh(plan.interface.as_str()),
        t.map(|t| format!(" table {}", t.id())).unwrap_or_default()
    )
}

/// `ip -6 neigh show dev IF | …`: a router of the interface's link in its
/// neighbour table, as a sh command substitution's body. The kernel marks
/// the sender of every router advertisement a router there, also when it
/// takes no default route from it (`accept_ra_defrtr=0`, which a first
/// run sets): after the link went down and up (`ifdown`/`ifup`, which
/// takes every route through it away, the ENI's table's too) the router is
/// found there (measured: Debian 12's kernel, dnsmasq's advertisements).
fn router6_neighbour(plan: &Plan) -> String {
    format!(
        "ip -6 neigh show dev {} | grep -E '^fe80:[^ ]* .* router( |$)' | grep -v FAILED | head -n 1 | cut -d ' ' -f 1",
        sh(plan.interface.as_str())
    )
}

/// The sh lines that set `gw6` to the interface's IPv6 router: the one of
/// the ENI's table (a run before copied it), of the main table's default
/// route through it (from router advertisements), or of its neighbour
/// table ([`router6_neighbour`]); empty when none is known.
fn find_router6(plan: &Plan, t: PolicyTable) -> String {
    format!(
        "gw6=$({})\n[ -n \"$gw6\" ] || gw6=$({})\n[ -n \"$gw6\" ] || gw6=$({})\n",
        router6(plan, Some(t)),
        router6(plan, None),
        router6_neighbour(plan)
    )
}

/// A sh condition: the interface has an IPv6 router from a router
/// advertisement ([`find_router6`]'s three places).
pub fn has_router6(plan: &Plan, t: PolicyTable) -> String {
    format!(
        "[ \"$({})$({})$({})\" != '' ]",
        router6(plan, Some(t)),
        router6(plan, None),
        router6_neighbour(plan)
    )
}

/// The guard of a method that copies the IPv6 routes ([`copies_ra`]): no
/// change before the interface knows its IPv6 router.
pub fn router6_guard(plan: &Plan, t: PolicyTable) -> Guard {
    Guard {
        comment: Some(format!(
            "{}'s IPv6 default route comes from router advertisements: it is copied into table {}.",
            plan.interface,
            t.id()
        )),
        setup: String::new(),
        holds: has_router6(plan, t),
        message: sh(&format!(
            "{} has no IPv6 default route from a router advertisement (ip -6 route show default dev {}): wait for one (IPv6 on its vSwitch, the image's router advertisements accepted), then run this again",
            plan.interface, plan.interface
        )),
    }
}

/// The IPv6 side of the table for a method that copies it by hand (the
/// runtime method): the router the interface learnt from the router
/// advertisements ([`find_router6`]), its default route and the block
/// on-link, in the table. Stops without a change when there is no such
/// router yet.
pub fn table_routes6(plan: &Plan, t: PolicyTable) -> String {
    format!(
        "{find}if [ -z \"$gw6\" ]; then\n  echo \"{dq} has no IPv6 default route from a router advertisement yet (ip -6 route show default dev {dq}): wait for one, then run this again\" >&2\n  false\nelse\n{routes}fi\n",
        find = find_router6(plan, t),
        dq = sh_dq(plan.interface.as_str()),
        routes = copy6_lines(plan, t, "  ")
    )
}

/// The two routes of the table's IPv6 side, via `$gw6`, each line after
/// `indent`.
fn copy6_lines(plan: &Plan, t: PolicyTable, indent: &str) -> String {
    let i = sh(plan.interface.as_str());
    let block = plan.ipv6.as_ref().map(|p| p.subnet.to_string()).unwrap_or_default();
    format!(
        "{indent}ip -6 route replace {block} dev {i} table {id}\n{indent}ip -6 route replace default via \"$gw6\" dev {i} table {id}\n",
        id = t.id()
    )
}

/// Where `method` keeps the script of [`hook6`]: ifupdown beside its
/// files (its IPv6 stanza `IF:v6` runs it with `/bin/sh`), wicked in its
/// scripts folder (`POST_UP_SCRIPT` runs it as a program).
pub fn hook6_path(plan: &Plan, method: Method) -> String {
    let dir = match method {
        Method::Wicked => "/etc/sysconfig/network/scripts",
        _ => "/etc/network",
    };
    format!("{dir}/secondary-ip-wizard-ipv6-{}", super::quote::file_part(plan.interface.as_str()))
}

/// The script an `up` line runs each time the ENI's IPv6 comes up (boot
/// included): waits up to 10 s for the router ([`find_router6`]: at boot
/// the advertisement follows the link), copies the routes into the table,
/// keeps the kernel from taking a default route through the interface
/// into the main table (`accept_ra_defrtr=0`: the interface's own sysctl,
/// back to the image's at reboot, when this runs again) and deletes the one
/// it took, then adds a source rule per IPv6 address ([`ruled6`]). Without
/// a router it says so and fails, so that `ifup` reports it. `ruled`: the
/// addresses that get a rule ([`ruled6`], or the ENI's own alone after
/// Undo).
pub fn hook6(plan: &Plan, t: PolicyTable, ruled: &[Addr6]) -> String {
    let i = sh(plan.interface.as_str());
    let key = sh(&defrtr_key(plan));
    let mut rules = String::new();
    for &a in ruled {
        rules.push_str(&format!("{} || {}\n", rule_present(t, a), rule_add(t, a)));
    }
    format!(
        "#!/bin/sh\n# Written by the Secondary IP Wizard: the IPv6 routing of {name}, a secondary ENI,\n# each time it comes up: the router of its advertisements copied\n# into table {id}, no IPv6 default route through it in the main table{and_rules}.\nset -e\ni=0\nwhile :; do\n{find}  [ -z \"$gw6\" ] || break\n  if [ $i -ge 10 ]; then\n    echo \"{dq} has no IPv6 router from a router advertisement after 10 s: its IPv6 routing (table {id}) is not set\" >&2\n    exit 1\n  fi\n  sleep 1\n  i=$((i + 1))\ndone\n{routes}sysctl -qw {key}=0\nwhile ip -6 route del default dev {i} 2>/dev/null; do :; done\n{rules}",
        name = plan.interface,
        id = t.id(),
        and_rules = if ruled.is_empty() { "" } else { ", and a\n# source rule per IPv6 address" },
        find = find_router6(plan, t).lines().map(|l| format!("  {l}\n")).collect::<String>(),
        dq = sh_dq(plan.interface.as_str()),
        routes = copy6_lines(plan, t, ""),
    )
}

/// The Configure block that writes [`hook6`] (with a rule per IPv6
/// address) for the stanza line that runs it with `/bin/sh`: ifupdown's
/// IPv6 stanza, ifupdown-ng's `post-up` line. (wicked's is executable and
/// has no rules: wicked adds those of `ifrule-IF`.)
pub fn hook6_action(plan: &Plan, t: PolicyTable, method: Method) -> Action {
    let path = hook6_path(plan, method);
    Action::write(
        Block::new("ipv6-hook", TitleText::Create { path: path.clone() }),
        FileSpec::new(path, 0o644, Lang::Sh, hook6(plan, t, &ruled6(plan, method))),
    )
}

/// The sysctl key that keeps the kernel from taking a default route from
/// the interface's router advertisements.
pub fn defrtr_key(plan: &Plan) -> String {
    format!("net.ipv6.conf.{}.accept_ra_defrtr", super::quote::sysctl_if(plan.interface.as_str()))
}

/// `ip -4 route flush table T`: the table's routes gone.
pub fn flush(t: PolicyTable) -> String {
    format!("ip -4 route flush table {}", t.id())
}

/// One `ip rule add` per address, only where missing.
fn ensure_rule<A: Family>(t: PolicyTable, a: A) -> Ensured {
    Ensured {
        run: rule_add(t, a),
        done: rule_present(t, a),
        report: format!("rule: from {a} lookup {}", t.id()),
        edits: None,
        idempotent: false,
    }
}

/// Every rule added, IPv4 then IPv6 ([`ruled6`]), only where missing; then
/// the table's rules from addresses the form no longer lists deleted (a
/// second run's removed secondaries: their addresses go with the prune
/// block, and a rule left behind would send a later owner's traffic from
/// that address out of this ENI), IPv6's where `method` routes it.
pub fn ensure_rules(plan: &Plan, t: PolicyTable, method: Method) -> Vec<Ensured> {
    let (four, six) = (ruled(plan), ruled6(plan, method));
    let mut out: Vec<Ensured> = four.iter().map(|&a| ensure_rule(t, a)).collect();
    out.extend(six.iter().map(|&a| ensure_rule(t, a)));
    out.push(stale_rules(t, &four));
    if v6::routes_secondary_eni(plan, method) {
        out.push(stale_rules(t, &six));
    }
    out
}

/// A sh pipeline that prints, one per line, the sources of the table's
/// rules (at its priority) that are not in `keep`.
fn stale_list<A: Family>(t: PolicyTable, keep: &[A]) -> String {
    let keep: String = keep.iter().map(|a| format!("{a} ")).collect();
    format!(
        "ip {} rule show 2>/dev/null | awk -v keep=' {keep}' '$1 == \"{}:\" && $2 == \"from\" && $4 == \"lookup\" && $5 == \"{}\" && index(keep, \" \" $3 \" \") == 0 {{ print $3 }}'",
        A::IP,
        t.priority(),
        t.id()
    )
}

/// Deletes the table's rules from any address but `keep` (safe to run again).
fn stale_rules<A: Family>(t: PolicyTable, keep: &[A]) -> Ensured {
    let list = stale_list(t, keep);
    Ensured {
        run: format!(
            "{list} | while read -r a; do ip {} rule del from \"$a\" table {} priority {} && echo \"removed the rule from $a\"; done",
            A::IP,
            t.id(),
            t.priority()
        ),
        done: format!("[ -z \"$({list})\" ]"),
        report: format!(
            "no rule of table {} from an address the form no longer lists ({})",
            t.id(),
            A::IP
        ),
        edits: None,
        idempotent: true,
    }
}

/// The runtime commands that take the routing back: each rule, then the
/// table (both families where `method` routes IPv6 here).
pub fn undo_lines(plan: &Plan, t: PolicyTable, method: Method) -> String {
    let mut out: String = ruled(plan)
        .into_iter()
        .map(|a| format!("{} 2>/dev/null || true\n", rule_del(t, a)))
        .collect();
    out.push_str(&flush(t));
    out.push('\n');
    let six = ruled6(plan, method);
    for a in &six {
        out.push_str(&format!("{} 2>/dev/null || true\n", rule_del(t, *a)));
    }
    if !six.is_empty() {
        out.push_str(&format!("ip -6 route flush table {}\n", t.id()));
    }
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
pub fn undo_action(plan: &Plan, t: PolicyTable, method: Method) -> Action {
    Action::Run {
        block: Block::new("routing", TitleText::RemoveEniRouting),
        commands: undo_commands(plan, t, method),
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

/// A public address to ask the kernel's route for, and how the router is
/// shown in the expected lines (its link-local address is learnt).
const PROBE6: &str = "2400:3200::1";
const ROUTER6: &str = "fe80::…";

/// The Verify commands of the routing and what they must show (the lines
/// of the output; the last thing to check, that the main table has no
/// default route through the ENI, is a sentence the caller words). With
/// [`ruled6`], IPv6's too.
pub fn verify(plan: &Plan, t: PolicyTable, method: Method) -> (String, Vec<String>) {
    let i = plan.interface.as_str();
    let mut commands = format!("ip -4 rule show\nip -4 route show table {}\n", t.id());
    let mut expect: Vec<String> = ruled(plan).into_iter().map(|a| rule_line(t, a)).collect();
    expect.push(format!("default via {} dev {i} onlink (table {})", plan.gateway, t.id()));
    let src = table_source(plan, method).map(|a| format!(" src {a}")).unwrap_or_default();
    expect.push(format!("{} dev {i} scope link{src} (table {})", plan.subnet, t.id()));
    for a in ruled(plan) {
        commands.push_str(&format!("ip -4 route get 223.5.5.5 from {a}\n"));
        expect.push(format!("223.5.5.5 from {a} via {} dev {i}", plan.gateway));
    }
    let six = ruled6(plan, method);
    if let (false, Some(part)) = (six.is_empty(), plan.ipv6.as_ref()) {
        commands.push_str(&format!("ip -6 rule show\nip -6 route show table {}\n", t.id()));
        expect.extend(six.iter().map(|&a| rule_line(t, a)));
        expect.push(format!("default via {ROUTER6} dev {i} (table {})", t.id()));
        expect.push(format!("{} dev {i} (table {})", part.subnet, t.id()));
        for a in &six {
            commands.push_str(&format!("ip -6 route get {PROBE6} from {a}\n"));
            expect.push(format!("{PROBE6} from {a} via {ROUTER6} dev {i}"));
        }
    }
    commands.push_str("ip -4 route show default\n");
    if !six.is_empty() {
        commands.push_str("ip -6 route show default\n");
    }
    // Last, worded by the caller: no default route through it in the main
    // table (NoteText::ExpectNoMainDefault).
    (commands, expect)
}

/// Whether `method` copies the interface's routes from its router
/// advertisements into the ENI's table itself (with `ip`: no daemon of its
/// own takes them there).
pub(crate) fn copies_ra(method: Method) -> bool {
    matches!(method, Method::Runtime | Method::Ifupdown | Method::IfupdownNg | Method::Wicked)
}

/// An [`Ensured`] whose report says what it changed.
fn ensured(run: String, done: String, report: String) -> Ensured {
    Ensured { run, done, report, edits: None, idempotent: false }
}

/// The routing applied at once with `ip` (the runtime method, and the
/// methods whose files only take effect at the next `ifup`): the table's
/// routes, a rule per address, no default route through the interface in
/// the main table (a DHCP client may have added one), and loose
/// reverse-path filtering. Where `method` copies the IPv6 routes
/// ([`copies_ra`] and [`ruled6`]): the router-advertised default route and
/// the block in the table too ([`table_routes6`]), the kernel told to take
/// no default route from the advertisements (`accept_ra_defrtr=0`, until
/// reboot as everything here) and the main table's deleted.
pub fn ip_actions(plan: &Plan, t: PolicyTable, method: Method) -> Vec<Action> {
    let i = sh(plan.interface.as_str());
    let six = copies_ra(method) && !ruled6(plan, method).is_empty();
    let mut out = vec![Action::Run {
        block: Block::new("table", TitleText::EniTable { table: t.id() }),
        commands: table_routes(plan, t).iter().map(|l| format!("{l}\n")).collect(),
    }];
    if six {
        out.push(Action::Run {
            block: Block::new("table6", TitleText::EniTable6 { table: t.id() }),
            commands: table_routes6(plan, t),
        });
    }
    let mut main = vec![ensured(
        format!("ip -4 route del default dev {i}"),
        format!("[ \"$(ip -4 route show default dev {i})\" = \"\" ]"),
        format!("removed the main table's default route through {}", plan.interface),
    )];
    if six {
        let key = sh(&defrtr_key(plan));
        main.push(ensured(
            format!("sysctl -qw {key}=0"),
            format!("[ \"$(sysctl -n {key})\" = 0 ]"),
            format!("{} takes no default route from router advertisements", plan.interface),
        ));
        main.push(ensured(
            format!("ip -6 route del default dev {i}"),
            format!("[ \"$(ip -6 route show default dev {i})\" = \"\" ]"),
            format!("removed the main table's IPv6 default route through {}", plan.interface),
        ));
    }
    out.extend([
        Action::Ensure {
            block: Block::new("rules", TitleText::EniRules),
            items: ensure_rules(plan, t, method),
        },
        Action::Ensure { block: Block::new("main-default", TitleText::NoMainDefault), items: main },
    ]);
    out.extend(rp_filter(plan));
    out
}

/// The Undo of the routing, which follows the Undo of the addresses: the
/// secondaries' rules go (IPv6's too where [`ruled6`]); the ENI's own
/// table, its primary's rules and the loose reverse-path filter stay, since
/// the ENI needs them whatever its secondaries ([`removal_commands`] takes
/// those back too).
pub fn undo_commands(plan: &Plan, t: PolicyTable, method: Method) -> String {
    let del = |line: String| format!("{line} 2>/dev/null || true\n");
    let mut out: String = plan.secondaries.iter().map(|&a| del(rule_del(t, a))).collect();
    if !ruled6(plan, method).is_empty() {
        out.extend(v6::addrs(plan, method).iter().map(|&a| del(rule_del(t, a))));
    }
    out
}

/// The runtime commands that take back the ENI's whole routing (every rule,
/// the table, the reverse-path drop-in, and where the method set it the
/// kernel's default route from router advertisements), for a note: the ENI
/// is then back on what its DHCP or configuration gives it, which for a
/// secondary ENI means replies from it leave through the primary ENI and
/// are dropped.
pub fn removal_commands(plan: &Plan, t: PolicyTable, method: Method) -> String {
    let mut out = undo_lines(plan, t, method);
    if copies_ra(method) && !ruled6(plan, method).is_empty() {
        out.push_str(&format!("sysctl -qw {}=1\n", sh(&defrtr_key(plan))));
    }
    format!("{out}rm -f {}", sh(&rp_filter_path(plan)))
}

/// The Undo note of a secondary ENI: what stays, and how to remove it.
pub fn undo_note(plan: &Plan, t: PolicyTable, method: Method) -> Note<NoteText> {
    Note::info(NoteText::EniRoutingStays {
        interface: plan.interface.clone(),
        table: t.id(),
        commands: removal_commands(plan, t, method),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    /// A dual-stack secondary ENI eth1 (table 1001) with the ENI's own
    /// IPv6 address ::10 and two to add.
    fn eni6() -> Plan {
        crate::render::v6::test_eni_plan("debian13")
    }

    fn sh_ok(script: &str) -> bool {
        Command::new("sh").arg("-c").arg(script).status().expect("sh").success()
    }

    fn sh_out(script: &str) -> String {
        let out = Command::new("sh").arg("-c").arg(script).output().expect("sh");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A fake `ip` that shows these rules and echoes any other command.
    fn rules_ip(rules4: &str, rules6: &str) -> String {
        format!(
            "ip() {{ case \"$*\" in '-4 rule show') printf '{rules4}';; '-6 rule show') printf '{rules6}';; *) echo \"ran: ip $*\";; esac; }}\n"
        )
    }

    #[test]
    fn a_second_run_deletes_the_rules_of_removed_addresses_only() {
        let p = eni6();
        let t = p.table.expect("table");
        let rules = ensure_rules(&p, t, Method::Runtime);
        let stale: Vec<&Ensured> = rules.iter().filter(|e| e.run.contains("rule del")).collect();
        assert_eq!(stale.len(), 2, "IPv4 and IPv6");
        let kept4: Vec<String> =
            ruled(&p).iter().map(|a| format!("1001:\\tfrom {a} lookup 1001\\n")).collect();
        let kept6: Vec<String> = ruled6(&p, Method::Runtime)
            .iter()
            .map(|a| format!("1001:\\tfrom {a} lookup 1001\\n"))
            .collect();
        let rules4 = format!(
            "0:\\tfrom all lookup local\\n{}1001:\\tfrom 198.51.100.99 lookup 1001\\n1001:\\tfrom 198.51.100.98 lookup 7\\n2000:\\tfrom 198.51.100.97 lookup 1001\\n32766:\\tfrom all lookup main\\n",
            kept4.concat()
        );
        let rules6 = format!("{}1001:\\tfrom 2001:db8:1:1::99 lookup 1001\\n", kept6.concat());
        let ip = rules_ip(&rules4, &rules6);
        // The stale ones only, each at the table's priority; nothing else.
        assert_eq!(
            sh_out(&format!("{ip}{}", stale[0].run)),
            "ran: ip -4 rule del from 198.51.100.99 table 1001 priority 1001\nremoved the rule from 198.51.100.99\n"
        );
        assert_eq!(
            sh_out(&format!("{ip}{}", stale[1].run)),
            "ran: ip -6 rule del from 2001:db8:1:1::99 table 1001 priority 1001\nremoved the rule from 2001:db8:1:1::99\n"
        );
        assert!(!sh_ok(&format!("{ip}{}", stale[0].done)));
        // Nothing stale: done, and the command deletes nothing.
        let clean = rules_ip(&kept4.concat(), &kept6.concat());
        assert!(sh_ok(&format!("{clean}{}", stale[0].done)));
        assert!(sh_ok(&format!("{clean}{}", stale[1].done)));
        assert_eq!(sh_out(&format!("{clean}{}", stale[0].run)), "");
    }

    #[test]
    fn one_rule_form_for_both_families() {
        let t = PolicyTable::new(1001).expect("table");
        let a6: Addr6 = "2001:db8:1:2::a".parse().expect("addr");
        assert_eq!(
            rule_add(t, a6),
            "ip -6 rule add from 2001:db8:1:2::a/128 table 1001 priority 1001"
        );
        assert_eq!(
            rule_del(t, a6),
            "ip -6 rule del from 2001:db8:1:2::a/128 table 1001 priority 1001"
        );
        let a4 = Ipv4Addr::new(192, 0, 2, 10);
        assert_eq!(rule_add(t, a4), "ip -4 rule add from 192.0.2.10/32 table 1001 priority 1001");
        // The check matches what `ip -6 rule show` prints, and not another address.
        let cond = rule_present(t, a6)
            .replace("ip -6 rule show", "printf '1001:\\tfrom 2001:db8:1:2::a lookup 1001 \\n'");
        assert!(sh_ok(&cond), "{cond}");
        let other = rule_present(t, "2001:db8:1:2::b".parse::<Addr6>().expect("addr"))
            .replace("ip -6 rule show", "printf '1001:\\tfrom 2001:db8:1:2::a lookup 1001 \\n'");
        assert!(!sh_ok(&other), "{other}");
    }

    #[test]
    fn ipv6_rules_only_where_the_method_routes_them() {
        let p = eni6();
        let words: Vec<String> =
            ruled6(&p, Method::Runtime).iter().map(|a| a.to_string()).collect();
        assert_eq!(words, ["2001:db8:1:2::10", "2001:db8:1:2::a", "2001:db8:1:2::b"], "own first");
        for m in [
            Method::Ifupdown,
            Method::Networkd,
            Method::Netplan,
            Method::NetplanLegacy,
            Method::Nmcli,
            Method::Keyfile,
            // Keep mode's single file is NetworkManager's (ifcfg-rh).
            Method::Ifcfg,
            Method::Wicked,
            Method::IfupdownNg,
        ] {
            assert_eq!(ruled6(&p, m).len(), 3, "{m}");
        }
        // IfcfgAlias: alias files on an OS whose ifcfg files initscripts read.
        for m in [Method::IfcfgAlias, Method::NmCloudSetup] {
            assert!(ruled6(&p, m).is_empty(), "{m}");
            let t = table(&p).expect("table");
            assert!(ip_actions(&p, t, m).iter().all(|a| a.block().name != "table6"), "{m}");
            assert!(!undo_commands(&p, t, m).contains("ip -6"), "{m}");
        }
        // A primary ENI has no table and so no rules.
        assert!(ruled6(&crate::render::v6::test_plan("debian13", "keep", false), Method::Runtime)
            .is_empty());
    }

    #[test]
    fn undo_takes_the_secondaries_rules_and_leaves_the_enis_own() {
        let p = eni6();
        let t = table(&p).expect("table");
        let u = undo_commands(&p, t, Method::Runtime);
        assert!(u.contains("ip -6 rule del from 2001:db8:1:2::a/128 table 1001 priority 1001 2>/dev/null || true\n"));
        assert!(u.contains("ip -6 rule del from 2001:db8:1:2::b/128"));
        assert!(!u.contains("2001:db8:1:2::10/128"), "the ENI's own IPv6 rule stays");
        let r = removal_commands(&p, t, Method::Runtime);
        assert!(
            r.contains("ip -6 rule del from 2001:db8:1:2::10/128")
                && r.contains("ip -6 route flush table 1001\n")
        );
        assert!(r.contains("sysctl -qw net.ipv6.conf.eth1.accept_ra_defrtr=1\n"));
        assert!(!removal_commands(&p, t, Method::Networkd).contains("accept_ra_defrtr"));
    }

    // The copy of the router's default route: from the main table on the
    // first run, from the ENI's table on a second (main's is gone by then),
    // and a clear stop without either.
    #[test]
    fn the_router_is_read_from_either_table_and_its_absence_stops() {
        let p = eni6();
        let t = table(&p).expect("table");
        let body = table_routes6(&p, t);
        let fake = |main: &str, own: &str| {
            format!(
                "ip() {{ case \"$*\" in '-6 route show default dev eth1 table 1001') printf '{own}';; '-6 route show default dev eth1') printf '{main}';; *) echo \"ip $*\";; esac; }}\n{body}"
            )
        };
        let run = |s: String| Command::new("sh").arg("-c").arg(s).output().expect("sh");
        let first = run(fake(
            "default via fe80::1 dev eth1 proto ra metric 1024 expires 599sec pref medium\\n",
            "",
        ));
        let out = String::from_utf8_lossy(&first.stdout);
        assert!(first.status.success(), "{out}");
        assert!(
            out.contains("ip -6 route replace 2001:db8:1:2::/64 dev eth1 table 1001\n"),
            "{out}"
        );
        assert!(
            out.contains("ip -6 route replace default via fe80::1 dev eth1 table 1001\n"),
            "{out}"
        );
        let again = run(fake("", "default via fe80::1 dev eth1 metric 1024 pref medium\\n"));
        assert!(String::from_utf8_lossy(&again.stdout).contains("via fe80::1 dev eth1 table 1001"));
        let none = run(fake("", ""));
        assert!(!none.status.success());
        assert!(String::from_utf8_lossy(&none.stderr)
            .contains("no IPv6 default route from a router advertisement"));
        assert!(String::from_utf8_lossy(&none.stdout).is_empty(), "nothing changed");
    }

    /// A fake `ip` (and `sysctl`, `sleep`) for [`hook6`] and
    /// [`table_routes6`]: `main` and `own` as the default routes of the main
    /// table and table 1001, `neigh` as `ip -6 neigh show dev eth1`; every
    /// other call is printed.
    fn fake_ip(main: &str, own: &str, neigh: &str, body: &str) -> std::process::Output {
        let s = format!(
            "ip() {{ case \"$*\" in '-6 route show default dev eth1 table 1001') printf '{own}';; '-6 route show default dev eth1') printf '{main}';; '-6 neigh show dev eth1') printf '{neigh}';; '-6 route del default dev eth1') return 1;; '-6 rule show') :;; *) echo \"ip $*\";; esac; }}\nsysctl() {{ echo \"sysctl $*\"; }}\nsleep() {{ :; }}\n{body}"
        );
        Command::new("sh").arg("-c").arg(s).output().expect("sh")
    }

    // After `ifdown`/`ifup` the routes are gone, and with accept_ra_defrtr=0
    // the kernel adds none: the router is found in the neighbour table.
    #[test]
    fn the_router_is_found_among_the_neighbours_after_the_link_went_down() {
        let p = eni6();
        let t = table(&p).expect("table");
        let neigh = "fe80::9 lladdr 02:00:00:00:00:09 STALE\\nfe80::1 lladdr 02:00:00:00:00:01 router STALE\\n";
        let out = fake_ip("", "", neigh, &table_routes6(&p, t));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{text}");
        assert!(
            text.contains("ip -6 route replace default via fe80::1 dev eth1 table 1001"),
            "{text}"
        );
        let failed = "fe80::1 lladdr 02:00:00:00:00:01 router FAILED\\n";
        assert!(!fake_ip("", "", failed, &table_routes6(&p, t)).status.success());
        let guard = format!("{} && echo found", has_router6(&p, t));
        assert!(String::from_utf8_lossy(&fake_ip("", "", neigh, &guard).stdout).contains("found"));
        assert!(!fake_ip("", "", "", &guard).status.success());
    }

    #[test]
    fn the_hook_routes_ipv6_and_fails_without_a_router() {
        let p = eni6();
        let t = table(&p).expect("table");
        let hook = hook6(&p, t, &ruled6(&p, Method::Ifupdown));
        let main =
            "default via fe80::1 dev eth1 proto ra metric 1024 expires 599sec pref medium\\n";
        let out = fake_ip(main, "", "", &hook);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{text}");
        let want = [
            "ip -6 route replace 2001:db8:1:2::/64 dev eth1 table 1001",
            "ip -6 route replace default via fe80::1 dev eth1 table 1001",
            "sysctl -qw net.ipv6.conf.eth1.accept_ra_defrtr=0",
            "ip -6 rule add from 2001:db8:1:2::10/128 table 1001 priority 1001",
            "ip -6 rule add from 2001:db8:1:2::a/128 table 1001 priority 1001",
            "ip -6 rule add from 2001:db8:1:2::b/128 table 1001 priority 1001",
        ];
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines, want, "in this order");
        let none = fake_ip("", "", "", &hook);
        assert!(!none.status.success());
        assert!(String::from_utf8_lossy(&none.stderr).contains("after 10 s"));
        assert!(String::from_utf8_lossy(&none.stdout).is_empty(), "nothing changed");
        assert_eq!(hook6_path(&p, Method::Ifupdown), "/etc/network/secondary-ip-wizard-ipv6-eth1");
    }

    #[test]
    fn verify_shows_both_families() {
        let p = eni6();
        let t = table(&p).expect("table");
        let (commands, expect) = verify(&p, t, Method::Networkd);
        assert!(commands.contains("ip -6 rule show\nip -6 route show table 1001\n"));
        assert!(commands.contains("ip -6 route get 2400:3200::1 from 2001:db8:1:2::a\n"));
        assert!(expect.iter().any(|e| e == "1001: from 2001:db8:1:2::10 lookup 1001"));
        assert!(expect.iter().any(|e| e == "2001:db8:1:2::/64 dev eth1 (table 1001)"));
        let (c4, _) = verify(&p, t, Method::NmCloudSetup);
        assert!(!c4.contains("ip -6"));
    }
}
