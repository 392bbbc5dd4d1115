//! Alpine's ifupdown-ng: the whole `/etc/network/interfaces`, with several
//! `address IP/P` lines in one stanza (ifupdown-ng accepts them, and a DHCP
//! stanza with extra static addresses), so no alias stanzas are needed.

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::ifupdown::{summary, INTERFACES};
use super::quote::{regex, sed_addr, sh, sh_dq};
use super::recipe::{self, Action, Apply, ApplyRun, Block, Ensured, FileSpec, Guard, Recipe};
use super::{routing, runtime, v6, Lang, Note};
use crate::catalog::Method;
use crate::plan::routing::PolicyTable;
use crate::plan::{Mode, Plan};
use crate::wording::render::{NoteText as N, TitleText as T};

/// The ifupdown-ng recipe for a plan.
pub fn recipe(plan: &Plan) -> Recipe {
    if let Some(t) = routing::table(plan) {
        return secondary_eni(plan, t);
    }
    let method = Method::IfupdownNg;
    let iface = plan.interface.as_str();
    let p = plan.prefix();
    let mut f = String::from("# Written by the Secondary IP Wizard for ifupdown-ng: ");
    match plan.mode {
        Mode::KeepDhcp => {
            let _ = write!(
                f,
                "{iface} on DHCP plus static secondaries.\nauto lo\niface lo inet loopback\n\nauto {iface}\niface {iface} inet dhcp\n"
            );
        }
        Mode::Static => {
            let _ = write!(
                f,
                "static primary and secondaries on {iface}.\nauto lo\niface lo inet loopback\n\nauto {iface}\niface {iface} inet static\n    address {}/{p}\n",
                plan.primary
            );
        }
    }
    for ip in &plan.secondaries {
        let _ = writeln!(f, "    address {ip}/{}", plan.prefix_of(*ip));
    }
    // The static executor adds every address line, of either family, with
    // `ip -4|-6 addr add` (executors/linux/static, `addr_family`).
    for w in v6::words(plan, Method::IfupdownNg) {
        let _ = writeln!(f, "    address {w}");
    }
    if plan.mode == Mode::Static {
        let _ = writeln!(f, "    gateway {}", plan.gateway);
    }
    let mut configure = vec![
        recipe::cloud_init_off(),
        Action::write(
            Block::new("file", T::Replace { path: INTERFACES.into() }),
            FileSpec::new(INTERFACES, 0o644, Lang::Text, f),
        ),
    ];
    let mut configure_notes = vec![
        Note::warning(N::IfupdownNgCloudInit),
        Note::info(N::IfupdownNgReplacesWhole),
        Note::info(N::IfupdownNgSeveralAddresses),
    ];
    if v6::adds(plan, Method::IfupdownNg) {
        configure_notes.push(Note::info(N::IfupdownNgIpv6 { interface: plan.interface.clone() }));
    }
    if plan.mode == Mode::Static && !plan.dns.is_empty() {
        let resolv: String = plan.dns.iter().map(|d| format!("nameserver {d}\n")).collect();
        configure.push(Action::write(
            Block::new("resolv", T::SetDnsNoDhcp),
            FileSpec::new("/etc/resolv.conf", 0o644, Lang::Text, resolv),
        ));
    }
    configure_notes.extend(recipe::static_dns_note(plan));
    if plan.mode == Mode::KeepDhcp {
        // udhcpc flushes every address when a lease ends: a hook after each
        // lease adds the secondaries again.
        for (k, h) in udhcpc_hook_paths(plan).into_iter().enumerate() {
            configure.push(Action::write(
                Block::new(format!("hook-{k}"), T::Create { path: h.clone() }),
                FileSpec::new(h, 0o755, Lang::Sh, udhcpc_hook(plan, None, &plan.secondaries)),
            ));
        }
        configure_notes
            .push(Note::info(N::IfupdownNgDeconfig { interface: plan.interface.clone() }));
        // Only the missing addresses are added: one the form no longer lists goes here.
        configure.push(super::declare::prune(plan));
        configure.extend(v6::prune(plan, Method::IfupdownNg));
    }
    let restart = format!("{}\n", plan.os.restart_command());
    let apply = match plan.mode {
        Mode::KeepDhcp => Apply {
            run: ApplyRun::Each {
                block: Block::new("commands", T::AddAddressesNow),
                items: plan
                    .secondaries
                    .iter()
                    .map(|a| runtime::add_address(plan, *a))
                    .chain(v6::add_items(plan, Method::IfupdownNg))
                    .collect(),
                guarded_in_step: true,
                comment: Some(
                    "Add any missing address now, without restarting the network.".into(),
                ),
            },
            alternatives: vec![(Block::new("restart", T::OrRestartNetwork), restart)],
            notes: vec![Note::info(N::IfupdownNgNoRestart)],
        },
        Mode::Static => Apply {
            run: ApplyRun::WhenChanged {
                block: Block::new("commands", T::RestartNetwork),
                validate: None,
                commands: format!("{}{restart}", stop_lease_client(plan)),
            },
            alternatives: Vec::new(),
            notes: vec![Note::warning(N::RestartFromVnc)],
        },
    };
    let mut undo = String::from("sed -i");
    for ip in &plan.secondaries {
        let _ = write!(
            undo,
            " -e '\\|^[[:space:]]*address {}/{}$|d'",
            sed_addr(*ip),
            plan.prefix_of(*ip)
        );
    }
    for w in v6::words(plan, Method::IfupdownNg) {
        let _ = write!(undo, " -e '\\|^[[:space:]]*address {w}$|d'");
    }
    let _ = writeln!(undo, " {INTERFACES}");
    if plan.mode == Mode::KeepDhcp {
        let [a, b] = udhcpc_hook_paths(plan);
        let _ = writeln!(undo, "rm -f {} {}", sh(&a), sh(&b));
    }
    undo.push_str(&runtime::del_lines(plan));
    undo.push_str(&v6::del_lines(plan, Method::IfupdownNg));
    Recipe {
        holdings: match plan.mode {
            Mode::KeepDhcp => vec![super::declare::kernel_holding(plan)],
            Mode::Static => Vec::new(),
        },
        configure,
        configure_notes,
        undo: vec![recipe::remove_from_os(undo)],
        ipv6: true,
        ..Recipe::new(method, summary(plan, method), apply)
    }
}

/// Static mode: the line that stops the DHCP client the image's `inet dhcp`
/// stanza started, before the restart. The restart's `ifdown` runs only the
/// executors of the stanza it reads, by then the static one, so the client
/// would keep running and act on the now static interface at the lease's
/// renewal or end (udhcpc's `deconfig` flushes every IPv4 address). Measured
/// in tests/namespaces.rs with Debian's ifupdown-ng 0.11.4~rc1, whose dhcp
/// executor started dhclient then (BusyBox's udhcpc now, as on Alpine).
/// ifupdown-ng's own dhcp executor, in its down
/// phase, stops whichever client it starts (udhcpc, dhclient or dhcpcd), as
/// `ifdown` of the DHCP stanza would, and leaves the state file to the
/// restart; where no client runs it changes nothing.
fn stop_lease_client(plan: &Plan) -> String {
    format!(
        "# Stop the DHCP client an `inet dhcp` stanza started: a restart into a static stanza leaves it running.\nIFACE={} PHASE=down /usr/libexec/ifupdown-ng/dhcp >/dev/null 2>&1 || true\n",
        sh(plan.interface.as_str())
    )
}

/// The folder ifupdown-ng reads the wizard's file from.
const DIR: &str = "/etc/network/interfaces.d";

/// udhcpc's configuration, sourced by Alpine's `default.script`.
const UDHCPC_CONF: &str = "/etc/udhcpc/udhcpc.conf";

/// The line that keeps udhcpc from adding a default route through `IF`.
fn no_gateway_line(plan: &Plan) -> String {
    format!("NO_GATEWAY=\"${{NO_GATEWAY:-}} {}\"", plan.interface)
}

/// The udhcpc hooks' paths (`/etc/udhcpc/post-bound/…`, `post-renew/…`).
fn udhcpc_hook_paths(plan: &Plan) -> [String; 2] {
    let n = super::quote::file_part(plan.interface.as_str());
    [
        format!("/etc/udhcpc/post-bound/secondary-ip-wizard-{n}"),
        format!("/etc/udhcpc/post-renew/secondary-ip-wizard-{n}"),
    ]
}

/// The udhcpc hook, run after every lease: the secondaries `secs` again
/// (`deconfig`, and `renew` when the lease's address is missing, flush every
/// IPv4 address of the interface), and for a secondary ENI its table and a
/// rule for the primary and each of `secs`.
fn udhcpc_hook(plan: &Plan, table: Option<PolicyTable>, secs: &[Ipv4Addr]) -> String {
    let i = sh(plan.interface.as_str());
    let mut f = format!(
        "#!/bin/sh\n# Secondary IP Wizard: after each lease of {}, its secondaries{}.\n[ \"${{interface:-}}\" = {i} ] || exit 0\n",
        plan.interface,
        table.map(|t| format!(", its own\n# table {} and a source rule per address", t.id())).unwrap_or_default()
    );
    for a in secs {
        let e = runtime::add_address(plan, *a);
        f.push_str(&format!("{} || {}\n", e.done, e.run));
    }
    if let Some(t) = table {
        for l in routing::table_routes(plan, t) {
            f.push_str(&format!("{l}\n"));
        }
        for a in std::iter::once(plan.primary).chain(secs.iter().copied()) {
            f.push_str(&format!(
                "{} || {}\n",
                routing::rule_present(t, a),
                routing::rule_add(t, a)
            ));
        }
    }
    f
}

/// The two hook files, as Configure blocks.
fn hook_writes(
    plan: &Plan,
    table: Option<PolicyTable>,
    secs: &[Ipv4Addr],
    title: T,
) -> Vec<Action> {
    udhcpc_hook_paths(plan)
        .into_iter()
        .enumerate()
        .map(|(k, h)| {
            Action::write(
                Block::new(format!("hook-{k}"), title.clone()),
                FileSpec::new(h, 0o755, Lang::Sh, udhcpc_hook(plan, table, secs)),
            )
        })
        .collect()
}

/// A secondary ENI (keep mode only: validation refuses static mode, which
/// would need an edit of the ENI's stanza in the main file). The main file
/// keeps every stanza, eth0's included: it only gains a `source-directory`
/// line, and the wizard's file adds the secondaries to the ENI's DHCP
/// stanza (ifupdown-ng merges every `iface` block of one interface).
/// udhcpc's `NO_GATEWAY` keeps the lease's default route out of the main
/// table, and a hook after every lease sets the ENI's table. IPv6 (which
/// udhcpc leaves alone): `address` lines in the same block, and a
/// `post-up` line that runs the wizard's IPv6 routing script
/// ([`routing::hook6`]) each time the ENI comes up. `|| true`: ifupdown-ng
/// stops an ifup at a failing command, before it records the interface as
/// up (libifupdown/lifecycle.c, `handle_commands_for_phase`), and OpenRC's
/// start then takes it down; the script fails only when no router
/// advertisement came in 10 s, which must not cost the ENI its IPv4.
fn secondary_eni(plan: &Plan, t: PolicyTable) -> Recipe {
    let method = Method::IfupdownNg;
    let iface = plan.interface.as_str();
    let n = super::quote::file_part(iface);
    let own = format!("{DIR}/60-secondary-ips-{n}");
    let source = format!("source-directory {DIR}");
    let six = !routing::ruled6(plan, method).is_empty();
    let hook6 = routing::hook6_path(plan, method);
    let mut f = format!(
        "# Written by the Secondary IP Wizard: secondary private IPs on {iface}, a secondary ENI.\n# ifupdown-ng adds them to the DHCP stanza of {iface} in {INTERFACES}.\niface {iface}\n"
    );
    for ip in &plan.secondaries {
        let _ = writeln!(f, "    address {ip}/{}", plan.prefix_of(*ip));
    }
    for w in v6::words(plan, method) {
        let _ = writeln!(f, "    address {w}");
    }
    if six {
        let _ = writeln!(f, "    post-up /bin/sh {} || true", sh(&hook6));
    }
    let mut preflight = vec![Guard {
        comment: Some(format!("Keep mode keeps the DHCP stanza of {iface}: it must exist.")),
        setup: String::new(),
        holds: format!(
            "grep -Eq '^[[:space:]]*iface[[:space:]]+{}[[:space:]]+inet[[:space:]]+dhcp' {INTERFACES}",
            regex(iface)
        ),
        message: format!(
            "\"{INTERFACES} has no 'iface {} inet dhcp' stanza: add it (with 'auto {}'), then run this again\"",
            sh_dq(iface),
            sh_dq(iface)
        ),
    }];
    if six {
        preflight.push(routing::router6_guard(plan, t));
    }
    let mut configure = vec![
        recipe::cloud_init_off(),
        Action::Ensure {
            block: Block::new("source", T::IncludeFolder { path: DIR.into() }),
            items: vec![Ensured {
                run: format!("mkdir -p {DIR}\nprintf '\\n%s\\n' {} >> {INTERFACES}", sh(&source)),
                done: format!("grep -qx {} {INTERFACES}", sh(&source)),
                report: format!("added to {INTERFACES}: {source}"),
                edits: Some(INTERFACES.into()),
                idempotent: false,
            }],
        },
        Action::write(
            Block::new("file", T::Create { path: own.clone() }),
            FileSpec::new(own.clone(), 0o644, Lang::Text, f),
        ),
        Action::Ensure {
            block: Block::new("no-gateway", T::NoLeaseDefaultRoute),
            items: vec![Ensured {
                run: format!(
                    "mkdir -p /etc/udhcpc\nprintf '%s\\n' {} >> {UDHCPC_CONF}",
                    sh(&no_gateway_line(plan))
                ),
                done: format!("grep -sqxF {} {UDHCPC_CONF}", sh(&no_gateway_line(plan))),
                report: format!("added to {UDHCPC_CONF}: {}", no_gateway_line(plan)),
                edits: Some(UDHCPC_CONF.into()),
                idempotent: false,
            }],
        },
    ];
    for (k, h) in udhcpc_hook_paths(plan).into_iter().enumerate() {
        configure.push(Action::write(
            Block::new(format!("hook-{k}"), T::Create { path: h.clone() }),
            FileSpec::new(h, 0o755, Lang::Sh, udhcpc_hook(plan, Some(t), &plan.secondaries)),
        ));
    }
    configure.extend(six.then(|| routing::hook6_action(plan, t, method)));
    configure.push(Action::Ensure {
        block: Block::new("commands", T::AddAddressesNow),
        items: plan
            .secondaries
            .iter()
            .map(|a| runtime::add_address(plan, *a))
            .chain(v6::add_items(plan, method))
            .collect(),
    });
    configure.push(super::declare::prune(plan));
    configure.extend(v6::prune(plan, method));
    configure.extend(routing::ip_actions(plan, t, Method::IfupdownNg));
    let mut configure_notes = vec![
        Note::warning(N::IfupdownNgCloudInit),
        Note::info(N::IfupdownNgEni { interface: plan.interface.clone(), table: t.id() }),
        Note::info(N::EniOwnTable { interface: plan.interface.clone(), table: t.id() }),
        routing::rp_filter_note(plan),
    ];
    if six {
        configure_notes.push(Note::info(N::IfupdownNgEniIpv6 {
            interface: plan.interface.clone(),
            table: t.id(),
            hook: hook6.clone(),
        }));
    }
    // The secondaries and their rules go; NO_GATEWAY and the hooks keep
    // the ENI's routing (IPv6's: what the script set stays until reboot,
    // the ENI's own address's rule and the table, as for IPv4).
    let mut undo = format!("rm -f {}\n", sh(&own));
    undo.push_str(&runtime::del_lines(plan));
    undo.push_str(&v6::del_lines(plan, method));
    if six {
        let _ = writeln!(undo, "rm -f {}", sh(&hook6));
    }
    undo.push_str(&routing::undo_commands(plan, t, Method::IfupdownNg));
    let mut undo = vec![recipe::remove_from_os(undo)];
    undo.extend(hook_writes(plan, Some(t), &[], T::HookWithoutSecondaries));
    Recipe {
        preflight,
        holdings: vec![super::declare::kernel_holding(plan)],
        configure,
        configure_notes,
        undo,
        undo_notes: vec![Note::info(N::IfupdownNgUndoSource { path: INTERFACES.into() })],
        ipv6: true,
        ..Recipe::new(
            method,
            summary(plan, method),
            Apply {
                run: ApplyRun::Nothing {
                    block: Block::new("text", T::NothingToApply),
                    text: N::IfupdownNgEniNothingToApply { interface: plan.interface.clone() },
                },
                alternatives: Vec::new(),
                notes: Vec::new(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::render;
    use crate::render::testing::{artifact, plan_for as plan};

    #[test]
    fn alpine_puts_every_address_in_one_stanza() {
        let r = render(&plan("alpine", "keep"), Method::IfupdownNg);
        let f = artifact(&r, "ifupdown-ng.configure.file");
        assert!(f.content.contains(
            "iface eth0 inet dhcp\n    address 192.168.1.202/24\n    address 192.168.1.203/24\n"
        ));
        assert!(!f.content.contains("gateway"));
        let r = render(&plan("alpine", "static"), Method::IfupdownNg);
        let f = artifact(&r, "ifupdown-ng.configure.file");
        assert!(f.content.contains(
            "iface eth0 inet static\n    address 192.168.1.201/24\n    address 192.168.1.202/24\n    address 192.168.1.203/24\n    gateway 192.168.1.253\n"
        ));
        // The image's DHCP client is stopped before the restart (which
        // would leave it running), by ifupdown-ng's own dhcp executor.
        assert_eq!(
            artifact(&r, "ifupdown-ng.apply.commands").content,
            "# Stop the DHCP client an `inet dhcp` stanza started: a restart into a static stanza leaves it running.\nIFACE=eth0 PHASE=down /usr/libexec/ifupdown-ng/dhcp >/dev/null 2>&1 || true\nrc-service networking restart\n"
        );
    }

    #[test]
    fn ipv6_addresses_are_address_lines_of_the_same_stanza() {
        let r = v6::test_rendering("alpine", "keep", true, Method::IfupdownNg);
        let f = artifact(&r, "ifupdown-ng.configure.file");
        assert!(f.content.ends_with(
            "iface eth0 inet dhcp\n    address 192.168.1.202/24\n    address 192.168.1.203/24\n    address 2001:db8:1:2::a/64\n    address 2001:db8:1:2::b/64\n"
        ));
        let now = artifact(&r, "ifupdown-ng.apply.commands").content.clone();
        assert!(now.contains("ip -6 addr add 2001:db8:1:2::b/64 dev eth0 nodad"));
        artifact(&r, "ifupdown-ng.configure.prune6");
        let u = &artifact(&r, "ifupdown-ng.undo.commands").content;
        assert!(u.starts_with("sed -i -e '\\|^[[:space:]]*address 192\\.168\\.1\\.202/24$|d' -e '\\|^[[:space:]]*address 192\\.168\\.1\\.203/24$|d' -e '\\|^[[:space:]]*address 2001:db8:1:2::a/64$|d' -e '\\|^[[:space:]]*address 2001:db8:1:2::b/64$|d' /etc/network/interfaces\n"), "{u}");
        assert!(u.ends_with("ip -6 addr del 2001:db8:1:2::b/64 dev eth0 2>/dev/null || true\n"));
        // Static and IPv6 only: the primary, the IPv6 address, the gateway.
        let r = v6::test_rendering("alpine", "static", false, Method::IfupdownNg);
        let f = artifact(&r, "ifupdown-ng.configure.file");
        assert!(f.content.ends_with(
            "iface eth0 inet static\n    address 192.168.1.201/24\n    address 2001:db8:1:2::a/64\n    address 2001:db8:1:2::b/64\n    gateway 192.168.1.253\n"
        ));
    }

    // Issue 15: a secondary ENI's IPv6 routed as its IPv4 (it was left
    // alone with a warning): address lines in the wizard's block, a
    // `post-up` line that cannot fail the ifup, the script, and Undo.
    #[test]
    fn a_secondary_eni_routes_its_ipv6() {
        let r = render(&v6::test_eni_plan("alpine"), Method::IfupdownNg);
        let hook = "/etc/network/secondary-ip-wizard-ipv6-eth1";
        let file = &artifact(&r, "ifupdown-ng.configure.file").content;
        assert!(
            file.ends_with(&format!(
                "    address 2001:db8:1:2::a/64\n    address 2001:db8:1:2::b/64\n    post-up /bin/sh {hook} || true\n"
            )),
            "{file}"
        );
        let script = &artifact(&r, "ifupdown-ng.configure.ipv6-hook").content;
        assert!(script.contains("sysctl -qw net.ipv6.conf.eth1.accept_ra_defrtr=0"), "{script}");
        assert!(script.contains("ip -6 rule add from 2001:db8:1:2::b/128 table 1001"), "{script}");
        let now = &artifact(&r, "ifupdown-ng.configure.commands").content;
        assert!(now.contains("ip -6 addr add 2001:db8:1:2::b/64 dev eth1 nodad"), "{now}");
        artifact(&r, "ifupdown-ng.configure.table6");
        let undo = &artifact(&r, "ifupdown-ng.undo.commands").content;
        assert!(undo.contains(&format!("rm -f {hook}\n")), "{undo}");
        assert!(undo.contains("ip -6 rule del from 2001:db8:1:2::b/128 table 1001"), "{undo}");
    }

    #[test]
    fn without_ipv6_nothing_names_it() {
        for mode in ["keep", "static"] {
            let r = render(&plan("alpine", mode), Method::IfupdownNg);
            assert!(r
                .artifacts()
                .all(|a| !a.content.contains("ip -6") && !a.content.contains("2001:")));
        }
    }
}
