//! systemd-networkd (Arch, Debian 13): in keep mode a drop-in
//! `NAME.network.d/60-secondary-ips.conf` that adds `Address=` lines to the
//! `.network` file that already configures the interface (only the first
//! matching file applies, so a separate file would replace DHCP); in static
//! mode a full `.network` that sorts before the others.
//!
//! Apply is `networkctl reload` alone: since systemd 244 it reconfigures
//! every link whose `.network` file or drop-in is new, changed or removed.
//! Both verbs return before networkd has applied anything, so a
//! `reconfigure` right after `reload` starts a second reconfiguration while
//! the first is in flight: it drops and re-adds every address once more, and
//! on systemd 252 it can lose the DHCP primary for good (its address,
//! removed while its request was still queued, stays marked "removing" and
//! every later lease is ignored until networkd restarts). `reconfigure` on
//! its own is only for a file that did not change (the script's split).

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::quote::{sh, sh_dq};
use super::recipe::{self, Action, Apply, ApplyRun, Block, FileSpec, Guard, Need, Recipe, Wait};
use super::{routing, v6, Lang, Note};
use crate::catalog::quirks::NetworkdOwner;
use crate::catalog::Method;
use crate::net6::Addr6;
use crate::plan::routing::PolicyTable;
use crate::plan::{Mode, Plan};
use crate::wording::render::{NoteText as N, TitleText as T};

/// Where administrators put networkd files.
const DIR: &str = "/etc/systemd/network";

/// Why the script reloads or reconfigures, never both (comment lines).
const SPLIT_WHY: &str = "A changed file needs `networkctl reload`, which reconfigures the interface\nitself; `reconfigure` only when the files were already in place. Never both\nback to back: the second pass can lose an address.";

/// The `.network` file that configures the interface on a stock image.
pub(crate) fn network_file_name(plan: &Plan) -> String {
    match plan.os.networkd_owner() {
        NetworkdOwner::Netplan => format!("10-netplan-{}.network", plan.interface),
        NetworkdOwner::CloudInit => format!("10-cloud-init-{}.network", plan.interface),
    }
}

/// The keep-mode drop-in path.
pub(crate) fn dropin_path(plan: &Plan) -> String {
    format!("{DIR}/{}.d/60-secondary-ips.conf", network_file_name(plan))
}

/// The static-mode `.network` path (sorts before `10-…`).
pub(crate) fn static_path(plan: &Plan) -> String {
    format!("{DIR}/05-{}-static.network", plan.interface)
}

/// The keep-mode drop-in with the secondaries `secs` and the IPv6
/// addresses `six` (for a secondary ENI also its routing, which stays when
/// they are empty).
fn dropin(plan: &Plan, secs: &[Ipv4Addr], six: &[Addr6]) -> String {
    let mut out = format!(
        "# Secondary private IPs for {} (Secondary IP Wizard): a drop-in that adds\n# addresses to {}; the primary {} stays on DHCP.\n[Network]\n",
        plan.interface,
        network_file_name(plan),
        plan.primary
    );
    for a in secs {
        let _ = writeln!(out, "Address={a}/{}", plan.prefix_of(*a));
    }
    addresses6(&mut out, plan, six);
    if let Some(t) = routing::table(plan) {
        // The DHCP routes (default and subnet) go to the ENI's own table.
        let _ = write!(out, "\n[DHCPv4]\nRouteTable={}\n", t.id());
        ra_table(&mut out, plan, t);
        let ruled: Vec<Ipv4Addr> =
            std::iter::once(plan.primary).chain(secs.iter().copied()).collect();
        rules(&mut out, t, &ruled);
        rules(&mut out, t, &ruled6(plan, six));
    }
    out
}

/// `Address=A/64` per IPv6 address.
fn addresses6(out: &mut String, plan: &Plan, six: &[Addr6]) {
    for a in six {
        let _ = writeln!(out, "Address={a}/{}", plan.prefix6());
    }
}

/// Whether the file routes IPv6 in the ENI's table: a secondary ENI with
/// IPv6 addresses to add.
fn routes6(plan: &Plan) -> bool {
    !routing::ruled6(plan, Method::Networkd).is_empty()
}

/// The routes learnt from router advertisements (the IPv6 default route via
/// the router's link-local address, the block on-link) go to the ENI's own
/// table: `[IPv6AcceptRA] RouteTable=` (networkd-ndisc.c sets every route
/// it learns from an advertisement in that table).
fn ra_table(out: &mut String, plan: &Plan, t: PolicyTable) {
    if routes6(plan) {
        let _ = write!(out, "\n[IPv6AcceptRA]\nRouteTable={}\n", t.id());
    }
}

/// The IPv6 addresses with a source rule: the ENI's own (when the form
/// has it) and `six` ([`routing::ruled6`] without those Undo removes).
fn ruled6(plan: &Plan, six: &[Addr6]) -> Vec<Addr6> {
    let own = plan.ipv6.as_ref().and_then(|p| p.primary).filter(|_| routes6(plan));
    own.into_iter().chain(six.iter().copied()).collect()
}

/// One `[RoutingPolicyRule]` per address (`Family=ipv6` for IPv6).
fn rules<A: routing::Family>(out: &mut String, t: PolicyTable, addrs: &[A]) {
    let family = if A::HOST == 128 { "Family=ipv6\n" } else { "" };
    for a in addrs {
        let _ = write!(
            out,
            "\n[RoutingPolicyRule]\n{family}From={a}/{}\nTable={}\nPriority={}\n",
            A::HOST,
            t.id(),
            t.priority()
        );
    }
}

/// The static `.network`: DHCP off (but DHCPv6 and router advertisements
/// on, with IPv6 to add: the ENI's own IPv6 address and the IPv6 default
/// route come from them), the primary first.
fn full(plan: &Plan, addrs: &[Ipv4Addr], six: &[Addr6]) -> String {
    let mut out = format!(
        "# Static configuration for {} (Secondary IP Wizard), the primary first.\n[Match]\n",
        plan.interface
    );
    match plan.mac {
        Some(mac) => {
            let _ = writeln!(out, "MACAddress={mac}");
        }
        None => {
            let _ = writeln!(out, "Name={}", plan.interface);
        }
    }
    if v6::adds(plan, Method::Networkd) {
        out.push_str("\n[Network]\nDHCP=ipv6\nIPv6AcceptRA=yes\n");
    } else {
        out.push_str("\n[Network]\nDHCP=no\n");
    }
    for a in addrs {
        let _ = writeln!(out, "Address={a}/{}", plan.prefix_of(*a));
    }
    addresses6(&mut out, plan, six);
    let table = routing::table(plan);
    if table.is_none() {
        let _ = writeln!(out, "Gateway={}", plan.gateway);
    }
    for d in &plan.dns {
        let _ = writeln!(out, "DNS={d}");
    }
    if let Some(t) = table {
        // Never a default route in the main table: the ENI's own table.
        let _ = write!(
            out,
            "\n[Route]\nGateway={}\nGatewayOnLink=yes\nTable={}\n\n[Route]\nDestination={}\nScope=link\nPreferredSource={}\nTable={}\n",
            plan.gateway,
            t.id(),
            plan.subnet,
            plan.primary,
            t.id()
        );
        ra_table(&mut out, plan, t);
        rules(&mut out, t, addrs);
        rules(&mut out, t, &ruled6(plan, six));
    }
    out
}

/// The systemd-networkd recipe for a plan.
pub fn recipe(plan: &Plan) -> Recipe {
    let iface = plan.interface.as_str();
    let i = sh(iface);
    let mut notes = Vec::new();
    let mut preflight = Vec::new();
    let mut configure = vec![Action::Look {
        block: Block::new("find", T::FindNetworkFile),
        commands: format!("networkctl status {i}\n"),
    }];
    let mut configure_notes = Vec::new();
    let reconfigure = format!("networkctl reconfigure {i}\n");
    let six = v6::addrs(plan, Method::Networkd);
    let (file, title, undo, undo_note, summary) = match plan.mode {
        Mode::KeepDhcp => {
            let want = network_file_name(plan);
            configure_notes.push(Note::warning(N::NetworkdDropinFolder {
                interface: plan.interface.clone(),
                file: want.clone(),
            }));
            notes.extend(recipe::keep_dns_note(plan));
            preflight.push(Guard {
                comment: Some(format!(
                    "The drop-in only works for the .network file that configures {iface}."
                )),
                setup: format!(
                    "nf=$(networkctl status {i} 2>/dev/null | sed -n 's/^ *Network File: //p')\n"
                ),
                holds: format!("[ \"$(basename -- \"${{nf:-none}}\")\" = {} ]", sh(&want)),
                message: format!(
                    "\"{} is configured by ${{nf:-no .network file}}, not {}: change the folder name in this script\"",
                    sh_dq(iface),
                    sh_dq(&want)
                ),
            });
            let path = dropin_path(plan);
            let del: String = plan
                .secondaries
                .iter()
                .map(|a| {
                    format!("ip addr del {a}/{} dev {i} 2>/dev/null || true\n", plan.prefix_of(*a))
                })
                .collect::<String>()
                + &v6::del_lines(plan, Method::Networkd);
            let undo = match routing::table(plan) {
                None => vec![Action::Run {
                    block: Block::new("commands", T::RemoveDropinAndAddresses),
                    commands: format!("rm -f {}\nnetworkctl reload\n{del}", sh(&path)),
                }],
                // The drop-in keeps the ENI's routing, without the secondaries.
                Some(_) => vec![
                    Action::write(
                        Block::new("file", T::ConfigurationWithoutSecondaries),
                        FileSpec::new(path.clone(), 0o644, Lang::Ini, dropin(plan, &[], &[])),
                    ),
                    Action::Run {
                        block: Block::new("commands", T::ApplyItAndRemove),
                        commands: format!("networkctl reload\n{del}"),
                    },
                ],
            };
            let summary = format!(
                "Adds {} secondary private IP(s) to {iface} with a systemd-networkd drop-in; the primary stays on DHCP.",
                plan.secondaries.len()
            );
            let file = FileSpec::new(path, 0o644, Lang::Ini, dropin(plan, &plan.secondaries, six));
            (file, T::DropinWithSecondaries, undo, N::NetworkdUndoKeep, summary)
        }
        Mode::Static => {
            configure.push(recipe::cloud_init_off());
            configure_notes.push(recipe::cloud_init_note());
            configure_notes.push(Note::info(N::NetworkdFirstMatch));
            notes.extend(recipe::static_dns_note(plan));
            let path = static_path(plan);
            let undo = vec![
                Action::write(
                    Block::new("file", T::NetworkFileWithoutSecondaries),
                    FileSpec::new(path.clone(), 0o644, Lang::Ini, full(plan, &[plan.primary], &[])),
                ),
                Action::Run {
                    block: Block::new("commands", T::ApplyItAndRemove),
                    commands: "networkctl reload\n".into(),
                },
            ];
            let summary = format!(
                "Configures {iface} statically with systemd-networkd: the primary {} and {} secondary private IP(s).",
                plan.primary,
                plan.secondaries.len()
            );
            let all: Vec<Ipv4Addr> = plan.all_addresses().collect();
            let file = FileSpec::new(path, 0o644, Lang::Ini, full(plan, &all, six));
            let note =
                N::NetworkdUndoStatic { interface: plan.interface.clone(), prefix: plan.prefix() };
            (file, T::StaticNetworkFile, undo, note, summary)
        }
    };
    configure.push(Action::write(Block::new("file", title), file));
    let mut undo = undo;
    if let Some(t) = routing::table(plan) {
        configure_notes
            .push(Note::info(N::EniOwnTable { interface: plan.interface.clone(), table: t.id() }));
        configure_notes.push(routing::rp_filter_note(plan));
        configure.extend(routing::rp_filter(plan));
        undo.push(routing::undo_action(plan, t, Method::Networkd));
    }
    let mut apply_notes = vec![
        Note::warning(N::NetworkdReloadOnly { interface: plan.interface.clone() }),
        Note::info(match plan.mode {
            Mode::KeepDhcp => N::NetworkdOldSystemdKeep,
            Mode::Static => N::NetworkdOldSystemdStatic,
        }),
    ];
    apply_notes.push(match plan.mode {
        Mode::KeepDhcp => Note::info(N::NetworkdLeaseRenews),
        Mode::Static => Note::warning(N::NetworkdLeaseDrop {
            primary: plan.primary,
            interface: plan.interface.clone(),
        }),
    });
    // Static mode: dropping the old DHCP lease can remove the primary just
    // after networkd set it statically (the same address): reconfigure once
    // if the addresses or the route have not come after 10 s, when the
    // reload is long done. Keep mode: no such retry, a reconfigure would
    // only restart a DHCP exchange that is still under way.
    let wait = match plan.mode {
        // networkd drops the lease on the reload and asks again (as netplan).
        Mode::KeepDhcp => Wait { seconds: 60, route: false, retry: None },
        Mode::Static => {
            Wait { seconds: 30, route: true, retry: Some(reconfigure.trim_end().to_owned()) }
        }
    };
    Recipe {
        needs: Some(Need { command: "networkctl", what: "networkctl" }),
        preflight,
        configure,
        configure_notes,
        wait: Some(wait),
        undo,
        undo_notes: vec![Note::info(undo_note)],
        notes,
        ipv6: true,
        ..Recipe::new(
            Method::Networkd,
            summary,
            Apply {
                run: ApplyRun::Split {
                    block: Block::new("commands", T::ReloadReconfigures),
                    why: SPLIT_WHY,
                    on_files: "networkctl reload\n".into(),
                    on_addresses: reconfigure,
                },
                alternatives: Vec::new(),
                notes: apply_notes,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Form;
    use crate::render::testing::plan_with;

    fn plan(f: impl FnOnce(&mut Form)) -> Plan {
        plan_with(|form| {
            form.os = "arch".into();
            f(form);
        })
    }

    #[test]
    fn keep_mode_is_a_dropin_with_the_secondaries() {
        let p = plan(|_| {});
        assert_eq!(
            dropin_path(&p),
            "/etc/systemd/network/10-cloud-init-eth0.network.d/60-secondary-ips.conf"
        );
        assert!(dropin(&p, &p.secondaries, &[])
            .ends_with("[Network]\nAddress=192.168.1.202/24\nAddress=192.168.1.203/24\n"));
    }

    #[test]
    fn static_mode_turns_dhcp_off_with_the_primary_first() {
        let p = plan(|f| {
            f.mode = "static".into();
            f.mac = "00:16:3e:00:00:01".into();
        });
        let c = full(&p, &p.all_addresses().collect::<Vec<_>>(), &[]);
        assert!(c.contains("[Match]\nMACAddress=00:16:3e:00:00:01\n"));
        assert!(c.contains("DHCP=no\nAddress=192.168.1.201/24\nAddress=192.168.1.202/24\nAddress=192.168.1.203/24\nGateway=192.168.1.253\n"));
    }

    #[test]
    fn debian13_extends_netplans_file() {
        let p = plan(|f| f.os = "debian13".into());
        assert!(dropin_path(&p).contains("10-netplan-eth0.network.d/"));
    }

    // A `reconfigure` right after `reload` starts a second pass while the
    // first is in flight; on systemd 252 that lost the DHCP primary.
    #[test]
    fn the_script_reloads_or_reconfigures_never_both() {
        let r = crate::render::render(&plan(|_| {}), Method::Networkd);
        let s = &r.script.content;
        assert!(s.contains("  if [ \"$files_changed\" -eq 1 ]; then\n    networkctl reload\n  else\n    networkctl reconfigure eth0\n  fi\n"));
        assert_eq!(s.matches("networkctl reload\n").count(), 2, "apply and the rollback");
    }
}
