//! RHEL-family ifcfg files (`/etc/sysconfig/network-scripts`).
//!
//! Two methods share this module ([`IfcfgForm`]):
//! - [`Method::Ifcfg`]: one `ifcfg-eth0` with `IPADDRn`/`PREFIXn` for the
//!   secondaries (the safe default). In keep-DHCP mode only NetworkManager's
//!   ifcfg-rh plugin reads `IPADDRn` next to `BOOTPROTO=dhcp`; the old
//!   `network` service (initscripts `ifup-eth`) skips them, so the script
//!   checks that NetworkManager is running first.
//! - [`Method::IfcfgAlias`]: the guide's alias files `ifcfg-eth0:N` with
//!   `DEVICE=eth0:N`, `BOOTPROTO=static`, `IPADDR`, `NETMASK`, which both
//!   initscripts (`ifup-aliases`) and NetworkManager read.
//!
//! cloud-init writes `ifcfg-eth0` on these images, so whenever that file is
//! changed the guide's cloud-init disable step comes first.

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::quote::{sed_addr, sh, sh_dq};
use super::recipe::{self, Action, Apply, ApplyRun, Block, FileSpec, Guard, Holding, Recipe, When};
use super::{alias, nm, routing, runtime, v6, Lang, Note};
use crate::catalog::Method;
use crate::net::prefix_to_mask;
use crate::net6::Addr6;
use crate::plan::routing::PolicyTable;
use crate::plan::{Mode, Plan, Style};
use crate::wording::render::{NoteText as N, TitleText as T};

/// Where the ifcfg files live.
const DIR: &str = "/etc/sysconfig/network-scripts";

/// Where the secondaries go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IfcfgForm {
    /// `IPADDRn`/`PREFIXn` in `ifcfg-eth0` ([`Method::Ifcfg`]).
    Numbered,
    /// The guide's alias files `ifcfg-eth0:N` ([`Method::IfcfgAlias`]).
    Aliases,
}

impl IfcfgForm {
    /// The method that renders this form.
    pub const fn method(self) -> Method {
        match self {
            IfcfgForm::Numbered => Method::Ifcfg,
            IfcfgForm::Aliases => Method::IfcfgAlias,
        }
    }
}

/// The path of `ifcfg-NAME`.
fn path(name: &str) -> String {
    format!("{DIR}/ifcfg-{name}")
}

/// How a secondary ENI's routing is written, by who reads the files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Routing {
    /// The primary ENI: the main table, as DHCP or `GATEWAY` sets it.
    Main,
    /// NetworkManager's ifcfg-rh: `IPV4_ROUTE_TABLE` puts every route of
    /// the profile in the ENI's table and `ROUTING_RULE_n` holds a rule
    /// per address; `IPV6_ROUTE_TABLE` and `ROUTING_RULE6_n` the same for
    /// IPv6 (the routes of the router advertisements too). It ignores them
    /// all when a `rule-IF` or a `rule6-IF` file exists
    /// (`utils_has_complex_routes` in nms-ifcfg-rh-utils.c, 1.42.4), and
    /// never reads either itself.
    Nm(PolicyTable),
    /// initscripts (`ifup-routes`): `DEFROUTE=no` keeps the default route
    /// out of the main table, `route-IF` and `rule-IF` hold the table's
    /// routes and the rules, one `ip route add` / `ip rule add` per line.
    Initscripts(PolicyTable),
}

/// `route-IF`: the table's subnet and default routes.
fn route_file(plan: &Plan, t: PolicyTable) -> String {
    format!(
        "{}: the routes of {i}'s own table {id}.\n{} dev {i} scope link src {} table {id}\ndefault via {} dev {i} onlink table {id}\n",
        routing::FILE_HEADER,
        plan.subnet,
        plan.primary,
        plan.gateway,
        i = plan.interface,
        id = t.id()
    )
}

/// `rule-IF`: one rule per address.
fn rule_file(plan: &Plan, t: PolicyTable, addrs: &[Ipv4Addr]) -> String {
    let mut f =
        format!("{}: a source rule per address of {}.\n", routing::FILE_HEADER, plan.interface);
    for a in addrs {
        let _ = writeln!(f, "from {a}/32 table {} priority {}", t.id(), t.priority());
    }
    f
}

/// The IPv6 lines of `ifcfg-eth0` for the addresses `six` (`A/64`, from
/// [`v6::words`]; nothing without them), the same in both modes:
/// `IPV6INIT=yes`, `DHCPV6C=yes` for the ENI's own IPv6 address (as
/// Alibaba's own IPv6 template for these images writes), and
/// `IPV6ADDR_SECONDARIES` with the addresses. `IPV6_AUTOCONF` stays unset,
/// so router advertisements give the IPv6 default route. Both readers take
/// these lines the same way:
/// - NetworkManager's ifcfg-rh (`make_ip6_setting` in
///   nms-ifcfg-rh-reader.c, 1.42.4): `IPV6INIT=yes` with no
///   `IPV6_AUTOCONF` is method `auto` (router advertisements, and DHCPv6
///   as they ask for it: `DHCPV6C` counts only with `IPV6_AUTOCONF=no`),
///   and `IPV6ADDR` and `IPV6ADDR_SECONDARIES` are read "even for AUTO and
///   DHCP methods", added to the automatic ones.
/// - initscripts (`ifup-ipv6`): `IPV6INIT` not false, `IPV6_AUTOCONF`
///   unset means accept_ra=1 and autoconf=1, each word of
///   `IPV6ADDR_SECONDARIES` is added with its prefix; `ifup-eth` runs
///   `dhclient -6` when `DHCPV6C=yes`.
fn ipv6_lines(six: &[String]) -> String {
    if six.is_empty() {
        return String::new();
    }
    format!("IPV6INIT=yes\nDHCPV6C=yes\nIPV6ADDR_SECONDARIES=\"{}\"\n", six.join(" "))
}

/// Whether NetworkManager's ifcfg-rh plugin reads the files of `method`
/// for `plan`: on an OS where it reads the ifcfg files, and the
/// single-file form in keep mode on any (only NetworkManager reads
/// `IPADDRn` beside `BOOTPROTO=dhcp`: the script checks that it runs).
pub(crate) fn read_by_nm(plan: &Plan, method: Method) -> bool {
    plan.os.nm_reads_ifcfg() || (method == Method::Ifcfg && plan.mode == Mode::KeepDhcp)
}

/// The main `ifcfg-eth0`: DHCP (keep mode) or the static primary, plus
/// `IPADDRn`/`PREFIXn` for the secondaries when `with_secondaries`, and
/// the IPv6 addresses `six`; a secondary ENI's rules for `ruled` and, for
/// NetworkManager, `ruled6`.
fn main_file(
    plan: &Plan,
    with_secondaries: bool,
    six: &[String],
    header: &str,
    routing: Routing,
    (ruled, ruled6): (&[Ipv4Addr], &[Addr6]),
) -> String {
    let mut f = String::new();
    let _ = writeln!(f, "# {header}");
    let _ = writeln!(f, "DEVICE={}", sh(plan.interface.as_str()));
    // NetworkManager names the profile after NAME (else "System IF"): the
    // Apply step's `nmcli con up` uses the connection name of the form.
    let _ = writeln!(f, "NAME={}", sh(&plan.connection));
    f.push_str("TYPE=Ethernet\nONBOOT=yes\n");
    if let Some(mac) = plan.mac {
        let _ = writeln!(f, "HWADDR={mac}");
    }
    match plan.mode {
        Mode::KeepDhcp => f.push_str("BOOTPROTO=dhcp\n"),
        Mode::Static => {
            match plan.style {
                Style::Safe => {
                    f.push_str("BOOTPROTO=none\n");
                    let _ = writeln!(
                        f,
                        "IPADDR={}\nPREFIX={}",
                        plan.primary,
                        plan.prefix_of(plan.primary)
                    );
                }
                Style::Guide => {
                    f.push_str("BOOTPROTO=static\n");
                    let _ = writeln!(f, "IPADDR={}\nNETMASK={}", plan.primary, plan.subnet.mask());
                }
            }
            // initscripts would add GATEWAY to the main table.
            if !matches!(routing, Routing::Initscripts(_)) {
                let _ = writeln!(f, "GATEWAY={}", plan.gateway);
            }
            for (i, dns) in plan.dns.iter().enumerate() {
                let _ = writeln!(f, "DNS{}={dns}", i + 1);
            }
        }
    }
    if with_secondaries {
        for (i, ip) in plan.secondaries.iter().enumerate() {
            let _ =
                writeln!(f, "IPADDR{n}={ip}\nPREFIX{n}={p}", n = i + 1, p = plan.prefix_of(*ip));
        }
    }
    f.push_str(&ipv6_lines(six));
    match routing {
        Routing::Main => {}
        Routing::Nm(t) => {
            let _ = writeln!(f, "IPV4_ROUTE_TABLE={}", t.id());
            for (n, a) in ruled.iter().enumerate() {
                let _ = writeln!(f, "ROUTING_RULE_{}={}", n + 1, sh(&nm::rule(t, *a)));
            }
            if !ruled6.is_empty() {
                let _ = writeln!(f, "IPV6_ROUTE_TABLE={}", t.id());
            }
            for (n, a) in ruled6.iter().enumerate() {
                let _ = writeln!(f, "ROUTING_RULE6_{}={}", n + 1, sh(&nm::rule(t, *a)));
            }
        }
        Routing::Initscripts(_) => f.push_str("DEFROUTE=no\n"),
    }
    f
}

/// The guide's alias file for the secondary `ip`.
fn alias_file(plan: &Plan, ip: Ipv4Addr) -> String {
    let (label, _) = alias::label(plan.interface.as_str(), &plan.subnet, ip);
    format!(
        "# Written by the Secondary IP Wizard: secondary address {ip} as alias {label}.\nDEVICE={}\nTYPE=Ethernet\nONBOOT=yes\nBOOTPROTO=static\nIPADDR={ip}\nNETMASK={}\n",
        sh(&label),
        prefix_to_mask(plan.prefix_of(ip))
    )
}

/// The commands that make NetworkManager re-read the files and re-activate
/// the connection.
fn nmcli_apply(plan: &Plan) -> String {
    format!("nmcli con reload\n{}", super::nm::con_up(plan))
}

/// The ifcfg recipe for a plan, in `form`.
pub fn recipe(plan: &Plan, form: IfcfgForm) -> Recipe {
    let method = form.method();
    let alias = form == IfcfgForm::Aliases;
    let iface = plan.interface.as_str();
    let main_path = path(iface);
    let nm = plan.os.nm_reads_ifcfg();
    let keep = plan.mode == Mode::KeepDhcp;
    // The single-file keep form works only through NetworkManager: apply with nmcli.
    let use_nmcli = read_by_nm(plan, method);
    let mut notes = Vec::new();
    let mut configure = Vec::new();
    let mut configure_notes = Vec::new();
    let mut preflight = Vec::new();
    let mut holdings = Vec::new();
    let mut originals = Vec::new();

    let table = routing::table(plan);
    let routing = match table {
        None => Routing::Main,
        Some(t) if use_nmcli => Routing::Nm(t),
        Some(t) => Routing::Initscripts(t),
    };
    // The main file is cloud-init's: the single-file method always edits it,
    // the alias method in static mode, for a secondary ENI (its routing
    // is in the main file) and with IPv6 addresses to add (alias files
    // carry IPv4 only: IPV6ADDR_SECONDARIES is in the main file).
    let six = v6::words(plan, method);
    let ruled6 = routing::ruled6(plan, method);
    let edits_cloud_init_file = !alias || !keep || table.is_some() || !six.is_empty();
    if edits_cloud_init_file {
        configure.push(recipe::cloud_init_off());
        configure_notes.push(Note::warning(N::IfcfgCloudInitWrites { path: main_path.clone() }));
    }
    let header = match (alias, plan.mode) {
        (false, Mode::KeepDhcp) => {
            "Written by the Secondary IP Wizard: primary on DHCP, secondaries static."
        }
        (false, Mode::Static) => "Written by the Secondary IP Wizard: static primary and secondaries.",
        (true, Mode::KeepDhcp) => {
            "Written by the Secondary IP Wizard: primary on DHCP; the secondaries are in the alias files."
        }
        (true, Mode::Static) => {
            "Written by the Secondary IP Wizard: static primary; the secondaries are in the alias files."
        }
    };
    let main = FileSpec::new(
        main_path.clone(),
        0o644,
        Lang::Sh,
        main_file(plan, !alias, &six, header, routing, (&routing::ruled(plan), &ruled6)),
    );
    configure.push(if !edits_cloud_init_file {
        Action::Write {
            block: Block::new("file", T::CreateIfMissing { path: main_path.clone() }),
            file: main,
            when: When::IfMissing,
            comment: Some(format!("The guide: create {main_path} only when it is missing.")),
        }
    } else {
        Action::write(Block::new("file", T::Replace { path: main_path.clone() }), main)
    });
    if edits_cloud_init_file {
        configure_notes.push(Note::info(N::IfcfgReplacesWhole { path: main_path.clone() }));
    }
    if !six.is_empty() {
        configure_notes.push(Note::info(N::IfcfgIpv6 { path: main_path.clone() }));
    }
    if !edits_cloud_init_file {
        configure_notes.push(Note::info(N::IfcfgAliasParent { path: main_path.clone() }));
    }
    if keep && !alias && !nm {
        configure_notes.push(Note::warning(N::IfcfgNeedsNm { interface: plan.interface.clone() }));
        preflight.push(Guard {
            comment: Some("IPADDRn next to BOOTPROTO=dhcp is read only by NetworkManager.".into()),
            setup: String::new(),
            holds: "nmcli -t -f RUNNING general 2>/dev/null | grep -qx running".into(),
            message: "\"NetworkManager is not running: the network service ignores IPADDRn with BOOTPROTO=dhcp; use the ifcfg alias files instead\"".into(),
        });
    }
    if plan.style == Style::Guide && !keep {
        configure_notes.push(Note::info(N::IfcfgGuideForm));
    }
    let mut labels = Vec::new();
    if alias {
        for (n, ip) in plan.secondaries.iter().enumerate() {
            let (label, fits) = alias::label(iface, &plan.subnet, *ip);
            let p = path(&label);
            if !fits {
                notes.push(Note::warning(N::IfcfgAliasTooLong { label: label.clone() }));
            }
            configure.push(Action::write(
                Block::new(format!("alias-{n}"), T::Create { path: p.clone() }),
                FileSpec::new(p.clone(), 0o644, Lang::Sh, alias_file(plan, *ip)),
            ));
            labels.push((label, p, *ip));
        }
        configure_notes.push(Note::info(N::IfcfgAliasesObsolete));
        // The form is the whole set: an alias file it no longer lists goes
        // (before the new ones are written).
        // No IPv4 secondary (an IPv6-only addition) lists none: every one
        // goes (a `case` with an empty pattern would not parse).
        let keep_files: Vec<String> = labels.iter().map(|(_, p, _)| sh(p)).collect();
        let remove = "if [ -e \"$f\" ]; then rm -f \"$f\"; echo \"removed: $f\"; fi";
        let body = if keep_files.is_empty() {
            format!("  {remove}\n")
        } else {
            format!(
                "  case \"$f\" in\n    {keep}) ;;\n    *) {remove} ;;\n  esac\n",
                keep = keep_files.join("|")
            )
        };
        let stale = format!("for f in {DIR}/ifcfg-{i}:*; do\n{body}done\n", i = sh(iface));
        let first_alias = configure
            .iter()
            .position(|a| a.block().name.starts_with("alias-"))
            .unwrap_or(configure.len());
        configure.insert(
            first_alias,
            Action::Run {
                block: Block::new("stale-aliases", T::RemoveUnlistedAliasFiles),
                commands: stale,
            },
        );
        // Alias files made before the first change (by hand) are kept too,
        // since the block above may remove them.
        originals.push(format!("{DIR}/ifcfg-{}:*", sh(iface)));
        holdings.push(Holding {
            what: format!("the alias files {DIR}/ifcfg-{iface}:*"),
            list: format!("cat {DIR}/ifcfg-{}:*", sh(iface)),
        });
    }
    configure_notes.extend(recipe::static_dns_note(plan));
    let gentle = alias && !nm && keep;
    if gentle {
        // Only the new aliases come up: one the form no longer lists goes here.
        configure.push(super::declare::prune(plan));
        holdings.push(super::declare::kernel_holding(plan));
        // Nor does ifup of an alias run ifup-ipv6 for the interface: the
        // IPv6 addresses are added now, as the main file adds them at boot.
        if !six.is_empty() {
            configure.push(Action::Ensure {
                block: Block::new("ipv6", T::AddAddressesNow),
                items: v6::add_items(plan, method),
            });
        }
        configure.extend(v6::prune(plan, method));
    }
    let route_path = format!("{DIR}/route-{iface}");
    let rule_path = format!("{DIR}/rule-{iface}");
    let rule6_path = format!("{DIR}/rule6-{iface}");
    match routing {
        Routing::Main => {}
        Routing::Nm(t) => {
            preflight.push(Guard {
                comment: Some(format!(
                    "NetworkManager ignores the route tables and the ROUTING_RULE lines when {rule_path} or {rule6_path} exists."
                )),
                setup: String::new(),
                holds: format!("[ ! -e {} ] && [ ! -e {} ]", sh(&rule_path), sh(&rule6_path)),
                message: format!(
                    "\"{} or {} exists: NetworkManager then ignores the routing tables and rules of {}; move its rules into ROUTING_RULE_n (ROUTING_RULE6_n) lines first\"",
                    sh_dq(&rule_path),
                    sh_dq(&rule6_path),
                    sh_dq(&main_path)
                ),
            });
            configure_notes.push(Note::info(N::IfcfgNmRouting {
                interface: plan.interface.clone(),
                table: t.id(),
            }));
            if !ruled6.is_empty() {
                configure_notes.push(Note::info(N::IfcfgNmRouting6 {
                    interface: plan.interface.clone(),
                    table: t.id(),
                }));
            }
            configure.extend(routing::rp_filter(plan));
        }
        Routing::Initscripts(t) => {
            let rules = rule_file(plan, t, &routing::ruled(plan));
            for (name, path, content) in
                [("route-file", &route_path, route_file(plan, t)), ("rule-file", &rule_path, rules)]
            {
                let (guard, write) = routing::owned_file(name, path, Lang::Sh, content);
                preflight.push(guard);
                configure.push(write);
            }
            configure_notes.push(Note::info(N::IfcfgInitscriptsRouting {
                interface: plan.interface.clone(),
                table: t.id(),
            }));
            // Bringing up only the new aliases runs no ifup-routes: the
            // routing is applied now, as the files will at the next ifup.
            if gentle {
                configure.extend(routing::ip_actions(plan, t, method));
            } else {
                configure.extend(routing::rp_filter(plan));
            }
        }
    }
    if table.is_some() {
        configure_notes.push(routing::rp_filter_note(plan));
    }

    // Apply.
    let restart = format!("{}\n", plan.os.restart_command());
    let apply = if use_nmcli {
        Apply {
            run: ApplyRun::WhenChanged {
                block: Block::new("commands", T::NmRereadAndReactivate),
                validate: None,
                commands: nmcli_apply(plan),
            },
            alternatives: Vec::new(),
            notes: vec![
                Note::info(N::IfcfgConnectionName {
                    connection: plan.connection.clone(),
                    interface: plan.interface.clone(),
                    restart: plan.os.restart_command(),
                }),
                match plan.mode {
                    Mode::Static => Note::warning(N::IfcfgReactivateStatic),
                    Mode::KeepDhcp => Note::info(N::IfcfgReactivateKeep),
                },
            ],
        }
    } else if gentle {
        Apply {
            run: alias::ifup_each(
                plan,
                Block::new("gentle", T::BringUpNewAliases),
                &labels.iter().map(|(l, _, ip)| (l.clone(), *ip)).collect::<Vec<_>>(),
            ),
            alternatives: vec![(Block::new("commands", T::OrRestartNetworkGuide), restart)],
            notes: vec![Note::info(N::IfcfgGentle)],
        }
    } else {
        Apply {
            run: ApplyRun::WhenChanged {
                block: Block::new("commands", T::RestartNetworkGuide),
                validate: None,
                commands: restart,
            },
            alternatives: Vec::new(),
            notes: vec![Note::warning(N::RestartFromVnc)],
        }
    };

    // Undo.
    let mut undo = String::new();
    let mut sed = String::new();
    if alias {
        for (_, p, _) in &labels {
            let _ = writeln!(undo, "rm -f {}", sh(p));
        }
    } else {
        for (n, ip) in plan.secondaries.iter().enumerate() {
            let n = n + 1;
            let _ = write!(sed, " -e '/^IPADDR{n}={}$/d' -e '/^PREFIX{n}=/d'", sed_addr(*ip));
        }
    }
    // The secondaries' rules go; the ENI's table and its primary's rule stay.
    match routing {
        Routing::Main => {}
        Routing::Nm(_) => {
            for ip in &plan.secondaries {
                let _ =
                    write!(sed, " -e '/^ROUTING_RULE_[0-9]*=.* from {}\\/32 /d'", sed_addr(*ip));
            }
            if !ruled6.is_empty() {
                for a in v6::addrs(plan, method) {
                    let _ = write!(sed, " -e '/^ROUTING_RULE6_[0-9]*=.* from {a}\\/128 /d'");
                }
            }
        }
        Routing::Initscripts(_) => {
            let mut rules = String::new();
            for ip in &plan.secondaries {
                let _ = write!(rules, " -e '/^from {}\\/32 /d'", sed_addr(*ip));
            }
            let _ = writeln!(undo, "sed -i{rules} {}", sh(&rule_path));
        }
    }
    // IPV6INIT and DHCPV6C stay: the ENI's own IPv6 address needs them.
    if !six.is_empty() {
        sed.push_str(" -e '/^IPV6ADDR_SECONDARIES=/d'");
    }
    if !sed.is_empty() {
        let _ = writeln!(undo, "sed -i{sed} {}", sh(&main_path));
    }
    undo.push_str(&runtime::del_lines(plan));
    undo.push_str(&v6::del_lines(plan, method));
    if let Some(t) = table {
        undo.push_str(&routing::undo_commands(plan, t, method));
    }
    if use_nmcli {
        undo.push_str("nmcli con reload\n");
    }
    let summary = format!(
        "{}: secondary private IPs {} on {iface} ({} mode).",
        method.label(),
        recipe::address_list(&plan.secondaries),
        recipe::mode_words(plan.mode)
    );
    Recipe {
        preflight,
        holdings,
        configure,
        configure_notes,
        originals,
        // NetworkManager reads the ifcfg files: it rereads the ones put back.
        put_back: recipe::PutBack {
            reread: if nm { "nmcli con reload\n".into() } else { String::new() },
            ..recipe::PutBack::default()
        },
        undo: vec![recipe::remove_from_os(undo)],
        undo_notes: vec![Note::info(N::IfcfgUndo)],
        notes,
        ipv6: true,
        ..Recipe::new(method, summary, apply)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{artifact, plan_with};
    use crate::render::{render, Rendering, StepKind};

    fn render_form(p: &Plan, alias: bool) -> Rendering {
        render(p, if alias { Method::IfcfgAlias } else { Method::Ifcfg })
    }

    fn plan(os: &str, mode: &str, style: &str) -> Plan {
        plan_with(|f| (f.os, f.mode, f.style) = (os.into(), mode.into(), style.into()))
    }

    fn eni_plan(os: &str, mode: &str, six: bool) -> Plan {
        plan_with(|f| {
            f.os = os.into();
            f.eni_kind = "secondary".into();
            f.interface = "eth1".into();
            f.connection = "System eth1".into();
            if six {
                v6::test_form(f, mode, true);
            } else {
                f.mode = mode.into();
            }
        })
    }

    // NetworkManager 1.42.4's ifcfg-rh reader drops IPV4_ROUTE_TABLE,
    // IPV6_ROUTE_TABLE and every ROUTING_RULE*_n when either rule-IF or
    // rule6-IF exists (`utils_has_complex_routes`, AF_INET and AF_INET6):
    // the script must refuse for both.
    #[test]
    fn the_nm_routing_guard_refuses_a_rule6_file_too() {
        for alias in [false, true] {
            let r = render_form(&eni_plan("alinux3", "keep", false), alias);
            for f in ["rule-eth1", "rule6-eth1"] {
                let test = format!("[ ! -e /etc/sysconfig/network-scripts/{f} ]");
                assert!(r.script.content.contains(&test), "alias {alias}: no {test}");
            }
        }
    }

    // Issue 15: where NetworkManager reads the files, a secondary ENI's
    // IPv6 is routed as its IPv4 (ifcfg-rh's IPV6_ROUTE_TABLE and
    // ROUTING_RULE6_n, read in make_ip6_setting and
    // read_routing_rules_parse); where initscripts read them, not at all.
    #[test]
    fn nm_routes_a_secondary_enis_ipv6_in_its_table() {
        for alias in [false, true] {
            let r = render_form(&eni_plan("alinux3", "keep", true), alias);
            let id = if alias { "ifcfg-alias" } else { "ifcfg" };
            let f = &artifact(&r, &format!("{id}.configure.file")).content;
            assert!(
                f.contains("\nIPV6ADDR_SECONDARIES=\"2001:db8:1:2::a/64 2001:db8:1:2::b/64\"\n"),
                "{f}"
            );
            assert!(f.contains(
                "\nIPV6_ROUTE_TABLE=1001\nROUTING_RULE6_1='priority 1001 from 2001:db8:1:2::10/128 table 1001'\nROUTING_RULE6_2='priority 1001 from 2001:db8:1:2::a/128 table 1001'\nROUTING_RULE6_3='priority 1001 from 2001:db8:1:2::b/128 table 1001'\n"
            ), "{f}");
            let undo = &artifact(&r, &format!("{id}.undo.commands")).content;
            assert!(
                undo.contains(" -e '/^ROUTING_RULE6_[0-9]*=.* from 2001:db8:1:2::a\\/128 /d'"),
                "{undo}"
            );
            assert!(!undo.contains("from 2001:db8:1:2::10\\/128"), "the ENI's own rule stays");
            let verify = &artifact(&r, &format!("{id}.verify.routing")).content;
            assert!(verify.contains("ip -6 rule show\nip -6 route show table 1001\n"), "{verify}");
        }
        let r = render_form(&eni_plan("centos7", "static", true), true);
        let f = &artifact(&r, "ifcfg-alias.configure.file").content;
        assert!(!f.contains("IPV6"), "initscripts: IPv4 only, {f}");
    }

    #[test]
    fn keep_mode_keeps_dhcp_and_adds_ipaddr_n() {
        let r = render_form(&plan("alinux3", "keep", "safe"), false);
        let f = artifact(&r, "ifcfg.configure.file");
        assert_eq!(f.path(), Some("/etc/sysconfig/network-scripts/ifcfg-eth0"));
        assert!(f.content.contains("\nBOOTPROTO=dhcp\n"));
        // NetworkManager names the profile after NAME: `nmcli con up` finds it.
        assert!(f.content.contains("\nNAME='System eth0'\n"));
        assert!(f
            .content
            .contains("\nIPADDR1=192.168.1.202\nPREFIX1=24\nIPADDR2=192.168.1.203\nPREFIX2=24\n"));
        assert!(!f.content.contains("GATEWAY"));
        assert!(!f.content.contains("\nIPADDR="));
        artifact(&r, "ifcfg.configure.cloud-init");
        let apply = artifact(&r, "ifcfg.apply.commands");
        assert_eq!(apply.content, "nmcli con reload\nnmcli con up id 'System eth0'\n");
    }

    #[test]
    fn static_mode_sets_primary_gateway_then_secondaries() {
        let p = plan_with(|f| {
            (f.os, f.mode) = ("centos7".into(), "static".into());
            (f.dns, f.mac) = ("100.100.2.136 100.100.2.138".into(), "00:16:3E:01:02:03".into());
        });
        let r = render_form(&p, false);
        let f = artifact(&r, "ifcfg.configure.file");
        assert!(f.content.contains(
            "HWADDR=00:16:3e:01:02:03\nBOOTPROTO=none\nIPADDR=192.168.1.201\nPREFIX=24\nGATEWAY=192.168.1.253\nDNS1=100.100.2.136\nDNS2=100.100.2.138\nIPADDR1=192.168.1.202\nPREFIX1=24\n"
        ));
        assert_eq!(artifact(&r, "ifcfg.apply.commands").content, "systemctl restart network\n");
        assert!(r
            .script
            .content
            .contains("\nif [ \"$changed\" -eq 1 ]; then\n  systemctl restart network\nfi\n"));
        assert!(r.script.content.contains("\n# Check the default route.\n"));
    }

    #[test]
    fn guide_style_uses_static_and_netmask() {
        let r = render_form(&plan("centos7", "static", "guide"), false);
        let f = artifact(&r, "ifcfg.configure.file");
        assert!(f
            .content
            .contains("BOOTPROTO=static\nIPADDR=192.168.1.201\nNETMASK=255.255.255.0\n"));
        assert!(r.steps[1].notes.iter().any(|n| n.text.starts_with("Guide form")));
    }

    #[test]
    fn keep_mode_on_initscripts_checks_for_networkmanager() {
        let r = render_form(&plan("centos7", "keep", "safe"), false);
        assert!(r.script.content.contains("nmcli -t -f RUNNING general"));
        assert!(r.steps[1].notes.iter().any(|n| n.text.contains("ignores IPADDRn")));
        let undo = artifact(&r, "ifcfg.undo.commands");
        assert!(undo.content.starts_with(
            "sed -i -e '/^IPADDR1=192\\.168\\.1\\.202$/d' -e '/^PREFIX1=/d' -e '/^IPADDR2=192\\.168\\.1\\.203$/d' -e '/^PREFIX2=/d' /etc/sysconfig/network-scripts/ifcfg-eth0\n"
        ));
        assert!(undo
            .content
            .contains("ip addr del 192.168.1.202/24 dev eth0 2>/dev/null || true\n"));
    }

    #[test]
    fn alias_files_follow_the_guide() {
        let r = render_form(&plan("centos7", "keep", "safe"), true);
        let a = artifact(&r, "ifcfg-alias.configure.alias-0");
        assert_eq!(a.path(), Some("/etc/sysconfig/network-scripts/ifcfg-eth0:202"));
        assert!(a.content.contains(
            "DEVICE=eth0:202\nTYPE=Ethernet\nONBOOT=yes\nBOOTPROTO=static\nIPADDR=192.168.1.202\nNETMASK=255.255.255.0\n"
        ));
        assert!(!a.content.contains("GATEWAY"));
        let b = artifact(&r, "ifcfg-alias.configure.alias-1");
        assert!(b.content.contains("DEVICE=eth0:203\n"));
        // Keep mode: no cloud-init change, ifcfg-eth0 only when missing, gentle ifup.
        assert!(r.artifacts().all(|a| a.id != "ifcfg-alias.configure.cloud-init"));
        assert!(r
            .script
            .content
            .contains("if [ ! -f /etc/sysconfig/network-scripts/ifcfg-eth0 ]; then"));
        assert_eq!(
            artifact(&r, "ifcfg-alias.apply.gentle").content,
            "ifup eth0:202\nifup eth0:203\n"
        );
        assert!(r.script.content.contains(
            "if ! ip -4 -o addr show dev eth0 | grep -q ' inet 192.168.1.202/24 '; then\n  ifup eth0:202\n"
        ));
    }

    #[test]
    fn alias_static_mode_rewrites_the_primary_and_disables_cloud_init() {
        let r = render_form(&plan("centos6", "static", "safe"), true);
        artifact(&r, "ifcfg-alias.configure.cloud-init");
        let f = artifact(&r, "ifcfg-alias.configure.file");
        assert!(f.content.contains("GATEWAY=192.168.1.253\n"));
        assert!(!f.content.contains("IPADDR1"));
        assert_eq!(artifact(&r, "ifcfg-alias.apply.commands").content, "service network restart\n");
    }

    #[test]
    fn steps_are_in_order_and_every_address_is_checked() {
        for alias in [false, true] {
            for mode in ["keep", "static"] {
                let r = render_form(&plan("alinux2", mode, "safe"), alias);
                let kinds: Vec<_> = r.steps.iter().map(|s| s.kind).collect();
                assert_eq!(kinds, StepKind::ALL);
                for a in ["192.168.1.201/24", "192.168.1.202/24", "192.168.1.203/24"] {
                    assert!(r.script.content.contains(a), "{a}");
                }
            }
        }
    }

    const V6_LINES: &str =
        "IPV6INIT=yes\nDHCPV6C=yes\nIPV6ADDR_SECONDARIES=\"2001:db8:1:2::a/64 2001:db8:1:2::b/64\"\n";

    #[test]
    fn ipv6_goes_in_the_main_file_in_both_forms_and_modes() {
        for alias in [false, true] {
            for mode in ["keep", "static"] {
                for only in [false, true] {
                    let r =
                        render_form(&crate::render::v6::test_plan("centos7", mode, only), alias);
                    let id = if alias { "ifcfg-alias" } else { "ifcfg" };
                    let f = artifact(&r, &format!("{id}.configure.file"));
                    assert!(f.content.contains(V6_LINES), "{alias} {mode} {only}\n{}", f.content);
                    assert!(!f.content.contains("IPV6_AUTOCONF"));
                    let undo = artifact(&r, &format!("{id}.undo.commands")).content.clone();
                    // Static mode puts the originals back instead.
                    if mode == "keep" {
                        assert!(undo.contains(" -e '/^IPV6ADDR_SECONDARIES=/d' "), "{undo}");
                    }
                    assert!(undo.contains(
                        "ip -6 addr del 2001:db8:1:2::b/64 dev eth0 2>/dev/null || true\n"
                    ));
                    assert!(r.script.content.contains("2001:db8:1:2::a/64"));
                }
            }
        }
        // Only IPv6 in the plan: no IPADDRn, no alias file.
        let r = render_form(&crate::render::v6::test_plan("centos7", "keep", true), false);
        assert!(!artifact(&r, "ifcfg.configure.file").content.contains("IPADDR1"));
        let r = render_form(&crate::render::v6::test_plan("centos7", "keep", true), true);
        assert!(r.artifacts().all(|a| !a.id.starts_with("ifcfg-alias.configure.alias-")));
    }

    // No IPv4 secondary (an IPv6-only addition): no alias file is listed,
    // so every one goes; an empty `case` pattern (`) ;;`) is a syntax error.
    #[test]
    fn alias_form_without_ipv4_secondaries_removes_every_alias_file() {
        for os in ["centos7", "alinux3"] {
            for mode in ["keep", "static"] {
                let r = render_form(&crate::render::v6::test_plan(os, mode, true), true);
                let stale = &artifact(&r, "ifcfg-alias.configure.stale-aliases").content;
                assert_eq!(
                    stale,
                    "for f in /etc/sysconfig/network-scripts/ifcfg-eth0:*; do\n  if [ -e \"$f\" ]; then rm -f \"$f\"; echo \"removed: $f\"; fi\ndone\n",
                    "{os} {mode}"
                );
                assert!(!r.script.content.contains("\n    ) ;;\n"), "{os} {mode}");
            }
        }
    }

    // The alias form in keep mode on initscripts brings up only the new
    // aliases, which runs no ifup-ipv6: the IPv6 addresses are added now.
    #[test]
    fn gentle_alias_keep_adds_the_ipv6_addresses_now() {
        let r = render_form(&crate::render::v6::test_plan("centos7", "keep", false), true);
        artifact(&r, "ifcfg-alias.configure.cloud-init");
        let now = artifact(&r, "ifcfg-alias.configure.ipv6");
        assert!(now.content.contains("ip -6 addr add 2001:db8:1:2::a/64 dev eth0 nodad"));
        artifact(&r, "ifcfg-alias.configure.prune6");
        // NetworkManager rereads the main file: nothing added by hand.
        let r = render_form(&crate::render::v6::test_plan("alinux3", "keep", false), true);
        assert!(r.artifacts().all(|a| a.id != "ifcfg-alias.configure.ipv6"));
    }

    #[test]
    fn nothing_ipv6_without_ipv6() {
        for alias in [false, true] {
            for mode in ["keep", "static"] {
                let r = render_form(&plan("centos7", mode, "safe"), alias);
                assert!(r
                    .artifacts()
                    .all(|a| !a.content.contains("IPV6") && !a.content.contains("ip -6")));
            }
        }
    }
}
