//! Debian ifupdown (Debian 8–11, Ubuntu 14/16): `/etc/network/interfaces`.
//!
//! Keep-DHCP mode: cloud-init's `iface eth0 inet dhcp` stays as it is and
//! the secondaries go in a file of their own,
//! `/etc/network/interfaces.d/60-secondary-ips`, as the guide's alias stanzas
//! (`auto eth0:N` / `iface eth0:N inet static`, address and netmask, never a
//! gateway). Each alias comes up with `ifup eth0:N` without touching the
//! primary. Static mode writes `/etc/network/interfaces` with the static
//! primary and keeps the same alias file.

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::quote::sh;
use super::recipe::{self, Action, Apply, ApplyRun, Block, FileSpec, Guard, Recipe};
use super::{alias, routing, v6, Lang, Note};
use crate::catalog::quirks::IfupdownSources;
use crate::catalog::{Method, Os};
use crate::plan::routing::PolicyTable;
use crate::plan::{Mode, Plan};
use crate::wording::render::{NoteText as N, TitleText as T};

/// The main configuration file.
pub(crate) const INTERFACES: &str = "/etc/network/interfaces";

/// cloud-init's own files in `interfaces.d` (the name changed over releases).
const CLOUD_INIT_FILES: [&str; 2] =
    ["/etc/network/interfaces.d/50-cloud-init", "/etc/network/interfaces.d/50-cloud-init.cfg"];

/// The separate file for the secondaries: `60-secondary-ips` on the primary
/// ENI (the name earlier versions wrote), `60-secondary-ips-IF` on a
/// secondary ENI, so each ENI has its own.
fn secondary_path(plan: &Plan) -> String {
    let base = match plan.table {
        None => "/etc/network/interfaces.d/60-secondary-ips".to_owned(),
        Some(_) => format!(
            "/etc/network/interfaces.d/60-secondary-ips-{}",
            super::quote::file_part(plan.interface.as_str())
        ),
    };
    match plan.os.ifupdown_sources() {
        IfupdownSources::CfgOnly => format!("{base}.cfg"),
        IfupdownSources::Every => base,
    }
}

/// dhclient's hook that keeps the lease's default route out of the main
/// table, and the one that sets the ENI's table after every lease.
fn dhclient_hooks(plan: &Plan) -> [String; 2] {
    let n = super::quote::file_part(plan.interface.as_str());
    [
        format!("/etc/dhcp/dhclient-enter-hooks.d/secondary-ip-wizard-{n}"),
        format!("/etc/dhcp/dhclient-exit-hooks.d/secondary-ip-wizard-{n}"),
    ]
}

fn enter_hook(plan: &Plan) -> String {
    format!(
        "# Secondary IP Wizard: dhclient-script sources this before it applies a lease.\n# No default route through {i} in the main table: {i}'s is in table {t}.\nif [ \"${{interface:-}}\" = {q} ]; then\n    unset new_routers\nfi\n",
        i = plan.interface,
        q = sh(plan.interface.as_str()),
        t = plan.table.map_or(0, |t| t.id())
    )
}

/// The exit hook: after each lease, the aliases `secs` again (when a lease
/// ends, dhclient deletes the primary, and with `promote_secondaries` off,
/// Debian's default, the kernel deletes the aliases with it; a new lease
/// brings back only the primary), and for a secondary ENI its table and a
/// rule for the primary and each of `secs`.
fn exit_hook(plan: &Plan, table: Option<PolicyTable>, secs: &[Ipv4Addr]) -> String {
    let i = sh(plan.interface.as_str());
    let mut body = String::new();
    // Only an alias ifupdown has brought up (its state says so): at boot
    // the lease comes first and `ifup` brings the aliases up after it.
    for &a in secs {
        let (label, _) = alias::label(plan.interface.as_str(), &plan.subnet, a);
        let _ = writeln!(
            body,
            "            if cat /run/network/ifstate {st} 2>/dev/null | grep -Eq {up} && ! {}; then ip addr add {a}/{} dev {i} label {l} || true; fi",
            super::runtime::has_address(plan, a),
            plan.prefix_of(a),
            st = sh(&format!("/run/network/ifstate.{label}")),
            up = sh(&format!("^{}", super::quote::regex(&label))),
            l = sh(&label)
        );
    }
    let mut what = format!("{}'s aliases", plan.interface);
    if let Some(t) = table {
        what = format!("{what}, its own table {} and a source rule per address", t.id());
        for l in routing::table_routes(plan, t) {
            let _ = writeln!(body, "            {l}");
        }
        for a in std::iter::once(plan.primary).chain(secs.iter().copied()) {
            let _ = writeln!(
                body,
                "            {} || {}",
                routing::rule_present(t, a),
                routing::rule_add(t, a)
            );
        }
    }
    if body.is_empty() {
        body.push_str("            :\n");
    }
    format!(
        "# Secondary IP Wizard: dhclient-script sources this after each lease event.\n# {what}, again after every lease.\nif [ \"${{interface:-}}\" = {i} ]; then\n    case \"${{reason:-}}\" in\n        BOUND|RENEW|REBIND|REBOOT)\n{body}            ;;\n    esac\nfi\n"
    )
}

/// The stanza of a secondary ENI in static mode: its primary, no gateway,
/// and the table and rules as `post-up` / `pre-down` lines.
fn eni_stanza(plan: &Plan, t: PolicyTable, addrs: &[Ipv4Addr]) -> String {
    let i = plan.interface.as_str();
    let mut m = format!(
        "auto {i}\niface {i} inet static\n    address {}\n    netmask {}\n",
        plan.primary,
        plan.subnet.mask()
    );
    if !plan.dns.is_empty() {
        let dns: Vec<String> = plan.dns.iter().map(|d| d.to_string()).collect();
        let _ = writeln!(m, "    dns-nameservers {}", dns.join(" "));
    }
    m.push_str("    # No gateway: the default route is in the ENI's own table.\n");
    for l in routing::table_routes(plan, t) {
        let _ = writeln!(m, "    post-up {l}");
    }
    for a in addrs {
        let _ = writeln!(m, "    post-up {} 2>/dev/null || true", routing::rule_del(t, *a));
        let _ = writeln!(m, "    post-up {}", routing::rule_add(t, *a));
    }
    for a in addrs {
        let _ = writeln!(m, "    pre-down {} 2>/dev/null || true", routing::rule_del(t, *a));
    }
    if v6::adds(plan, Method::Ifupdown) {
        // As on the primary ENI: DHCPv6 and router advertisements, whose
        // routes the IPv6 stanza's script moves to the ENI's table.
        let _ = write!(
            m,
            "\n# The ENI's own IPv6 address and its router advertisements.\niface {i} inet6 dhcp\n"
        );
    }
    m
}

/// The `source` line that includes the secondary file.
fn source_line(os: Os) -> &'static str {
    match os.ifupdown_sources() {
        IfupdownSources::CfgOnly => "source /etc/network/interfaces.d/*.cfg",
        IfupdownSources::Every => "source /etc/network/interfaces.d/*",
    }
}

/// The check that the main file includes `interfaces.d` in a way that
/// reads the secondary file.
fn source_guard(os: Os, sec_path: &str) -> Guard {
    let pattern = match os.ifupdown_sources() {
        IfupdownSources::CfgOnly => {
            r"^[[:space:]]*source[[:space:]]+/etc/network/interfaces\.d/\*(\.cfg)?[[:space:]]*$"
        }
        IfupdownSources::Every => {
            r"^[[:space:]]*(source[[:space:]]+/etc/network/interfaces\.d/\*|source-directory[[:space:]]+(/etc/network/)?interfaces\.d/?)[[:space:]]*$"
        }
    };
    Guard {
        comment: Some(format!("{INTERFACES} must include {sec_path}.")),
        setup: String::new(),
        holds: format!("grep -Eq '{pattern}' {INTERFACES}"),
        message: format!(
            "\"{INTERFACES} does not include /etc/network/interfaces.d: add the line '{}' to it (at the end), then run this again\"",
            source_line(os)
        ),
    }
}

/// The summary line at the top of a script.
pub(crate) fn summary(plan: &Plan, method: Method) -> String {
    format!(
        "{}: secondary private IPs {} on {} ({} mode).",
        method.label(),
        recipe::address_list(&plan.secondaries),
        plan.interface,
        recipe::mode_words(plan.mode)
    )
}

/// The alias stanzas of the secondaries, with their labels; a warning
/// for each label too long for the kernel.
fn alias_stanzas(plan: &Plan, notes: &mut Vec<Note<N>>) -> (String, Vec<(String, Ipv4Addr)>) {
    let iface = plan.interface.as_str();
    let mut sec = String::new();
    let mut labels = Vec::new();
    for ip in &plan.secondaries {
        let (label, fits) = alias::label(iface, &plan.subnet, *ip);
        if !fits {
            notes.push(Note::warning(N::IfupdownAliasTooLong { label: label.clone() }));
        }
        let _ = write!(
            sec,
            "\nauto {label}\niface {label} inet static\n    address {ip}\n    netmask {}\n",
            crate::net::prefix_to_mask(plan.prefix_of(*ip))
        );
        labels.push((label, *ip));
    }
    (sec, labels)
}

/// The logical interface that holds the IPv6 addresses (`eth0:v6`).
fn v6_label(plan: &Plan) -> String {
    format!("{}:v6", plan.interface)
}

/// The stanza of the IPv6 addresses (empty without any): `inet manual`
/// with an `up` and a `down` line per address on the interface itself.
/// Not `inet6 static`: ifupdown 0.8 runs its `ip -6 addr add … dev
/// %iface%` with the logical name (`dev eth0:v6`, which does not exist),
/// and an `inet6 static` stanza of the interface itself sets its
/// `autoconf` to 0. Not `inet6 manual` either: its down runs `ip link set
/// dev eth0:v6 down`, which iproute2 reads as eth0 (the part after `:` is
/// an alias label), so `ifdown eth0:v6` took eth0 down with its default
/// route (the namespace test). `inet manual` runs only `ip link set dev
/// eth0:v6 up 2>/dev/null || true` (eth0, already up) besides these lines
/// (`ifup -n -v` and `ifdown -n -v` show what each method runs).
///
/// On a secondary ENI (`table`), an `up` line after the addresses runs the
/// wizard's routing script ([`routing::hook6`]), and a `down` line per
/// added address takes its source rule away (the ENI's own address keeps
/// its rule, as its IPv4 primary does).
fn v6_stanza(plan: &Plan, table: Option<PolicyTable>) -> String {
    if !v6::adds(plan, Method::Ifupdown) {
        return String::new();
    }
    let i = sh(plan.interface.as_str());
    let label = v6_label(plan);
    let mut out = format!(
        "\n# The IPv6 addresses, on {} itself (ip -6 has no alias names).\nauto {label}\niface {label} inet manual\n",
        plan.interface
    );
    for w in v6::words(plan, Method::Ifupdown) {
        let _ = writeln!(out, "    up ip -6 addr replace {w} dev {i} nodad");
        let _ = writeln!(out, "    down ip -6 addr del {w} dev {i} 2>/dev/null || true");
    }
    if let Some(t) = table {
        let _ =
            writeln!(out, "    up /bin/sh {}", sh(&routing::hook6_path(plan, Method::Ifupdown)));
        for &a in v6::addrs(plan, Method::Ifupdown) {
            let _ = writeln!(out, "    down {} 2>/dev/null || true", routing::rule_del(t, a));
        }
    }
    out
}

/// Apply's item for the IPv6 stanza: brought up again (down first, as
/// ifup skips a stanza it already brought up) when an address is missing.
fn v6_ifup(plan: &Plan) -> Option<super::recipe::Ensured> {
    v6::adds(plan, Method::Ifupdown).then(|| super::recipe::Ensured {
        run: forced_ifup(&v6_label(plan)),
        done: v6::all_present(plan, Method::Ifupdown),
        report: format!("brought up {}", v6_label(plan)),
        edits: None,
        idempotent: false,
    })
}

/// Keep mode's apply: each alias stanza whose address is missing brought
/// up, then the IPv6 stanza when it adds an address (both ENI kinds). Each
/// `ifup` follows an `ifdown --force` of the same stanza: ifupdown still
/// lists an alias as up after a second run pruned its address (its state
/// outlives the stanza), and then `ifup` says "already configured" and adds
/// nothing (measured on a booted Debian 12 guest: the address came back
/// only at the next DHCP renewal, from the exit hook). The check in front
/// keeps the `ifdown` off an address that is up.
fn ifup_each(plan: &Plan, labels: &[(String, Ipv4Addr)]) -> ApplyRun {
    match alias::ifup_each(plan, Block::new("commands", T::BringUpEachAlias), labels) {
        ApplyRun::Each { block, items, comment, .. } => {
            let mut items: Vec<super::recipe::Ensured> = items
                .into_iter()
                .zip(labels)
                .map(|(e, (label, _))| super::recipe::Ensured { run: forced_ifup(label), ..e })
                .collect();
            items.extend(v6_ifup(plan));
            ApplyRun::Each { block, items, guarded_in_step: true, comment }
        }
        other => other,
    }
}

/// `ifdown --force LABEL` (quiet, whatever it finds), then `ifup LABEL`.
fn forced_ifup(label: &str) -> String {
    let l = sh(label);
    format!("ifdown --force {l} >/dev/null 2>&1 || true\nifup {l}")
}

/// The Debian ifupdown recipe for a plan.
pub fn recipe(plan: &Plan) -> Recipe {
    if let Some(t) = routing::table(plan) {
        return secondary_eni(plan, t);
    }
    let method = Method::Ifupdown;
    let iface = plan.interface.as_str();
    let sec_path = secondary_path(plan);
    let sec_path = sec_path.as_str();
    let mut notes = Vec::new();
    let mut configure = Vec::new();
    let mut configure_notes = Vec::new();
    let mut preflight = Vec::new();

    // The alias stanzas (both modes).
    let (stanzas, labels) = alias_stanzas(plan, &mut notes);
    let sec = format!(
        "# Written by the Secondary IP Wizard: secondary private IPs on {iface}.\n# Alias stanzas: never put a gateway here (a second default route makes ifup fail).\n{stanzas}{}",
        v6_stanza(plan, None)
    );

    match plan.mode {
        Mode::KeepDhcp => {
            preflight.push(source_guard(plan.os, sec_path));
            // A lost lease takes the aliases with the primary: back after the next one.
            let [_, exit] = dhclient_hooks(plan);
            configure.push(Action::write(
                Block::new("dhclient-exit", T::Create { path: exit.clone() }),
                FileSpec::new(exit, 0o644, Lang::Sh, exit_hook(plan, None, &plan.secondaries)),
            ));
            configure_notes.push(Note::info(N::IfupdownAliasesAfterLease {
                interface: plan.interface.clone(),
            }));
        }
        Mode::Static => {
            let mut m = format!(
                "# Written by the Secondary IP Wizard: static primary on {iface}; the secondaries are in {sec_path}.\nauto lo\niface lo inet loopback\n\nauto {iface}\niface {iface} inet static\n    address {}\n    netmask {}\n    gateway {}\n",
                plan.primary,
                plan.subnet.mask(),
                plan.gateway
            );
            if !plan.dns.is_empty() {
                let dns: Vec<String> = plan.dns.iter().map(|d| d.to_string()).collect();
                let _ = writeln!(m, "    dns-nameservers {}", dns.join(" "));
            }
            if v6::adds(plan, Method::Ifupdown) {
                // The ENI's own IPv6 address (stateful DHCPv6, dhclient -6)
                // and the IPv6 default route (accept_ra 1, the method's default).
                let _ = write!(m, "\n# The ENI's own IPv6 address and the IPv6 default route.\niface {iface} inet6 dhcp\n");
            }
            let _ = write!(
                m,
                "\n# After {iface}, so the primary comes up first.\n{}\n",
                source_line(plan.os)
            );
            configure.push(recipe::cloud_init_off());
            configure_notes.push(recipe::cloud_init_note());
            configure.push(Action::MoveAway {
                block: Block::new("cloud-init-files", T::MoveCloudInitStanza),
                paths: CLOUD_INIT_FILES.to_vec(),
                comment: Some("Move cloud-init's DHCP stanza out of interfaces.d (every file there is read, whatever its name).".into()),
            });
            configure.push(Action::write(
                Block::new("file", T::Replace { path: INTERFACES.into() }),
                FileSpec::new(INTERFACES, 0o644, Lang::Text, m),
            ));
            if !plan.dns.is_empty() {
                configure_notes.push(Note::info(N::IfupdownResolvconf));
            }
        }
    }
    configure.push(Action::write(
        Block::new("secondary-file", T::Create { path: sec_path.into() }),
        FileSpec::new(sec_path, 0o644, Lang::Text, sec),
    ));
    // ifup brings up only what is missing: an alias the form no longer
    // lists is removed here (the form is the whole set).
    configure.push(super::declare::prune(plan));
    configure.extend(v6::prune(plan, Method::Ifupdown));
    configure_notes.push(Note::info(N::IfupdownOwnFile { source: source_line(plan.os) }));
    if v6::adds(plan, Method::Ifupdown) {
        configure_notes.push(Note::info(N::IfupdownIpv6 {
            interface: plan.interface.clone(),
            label: v6_label(plan),
        }));
    }
    if plan.mode == Mode::KeepDhcp {
        configure_notes.push(Note::info(N::IfupdownOrder { interface: plan.interface.clone() }));
    }
    configure_notes.push(Note::info(N::IfupdownAlternative {
        interface: plan.interface.clone(),
        prefix: plan.prefix(),
    }));
    configure_notes.extend(recipe::static_dns_note(plan));

    let apply = match plan.mode {
        Mode::KeepDhcp => Apply {
            run: ifup_each(plan, &labels),
            alternatives: Vec::new(),
            notes: vec![Note::info(N::IfupdownGentle { restart: plan.os.restart_command() })],
        },
        Mode::Static => Apply {
            run: ApplyRun::WhenChanged {
                block: Block::new("commands", T::RestartNetwork),
                validate: None,
                commands: format!("{}\n", plan.os.restart_command()),
            },
            alternatives: Vec::new(),
            notes: vec![Note::warning(N::RestartFromVnc), Note::info(N::IfupdownDhclientLingers)],
        },
    };

    let mut first = ifdown_lines(&labels);
    if v6::adds(plan, Method::Ifupdown) {
        let _ = writeln!(first, "ifdown {}", sh(&v6_label(plan)));
    }
    let mut undo = first.clone();
    // Also where ifupdown does not list the stanza as up.
    undo.push_str(&v6::del_lines(plan, Method::Ifupdown));
    let _ = writeln!(undo, "rm -f {sec_path}");
    if plan.mode == Mode::KeepDhcp {
        let [_, exit] = dhclient_hooks(plan);
        let _ = writeln!(undo, "rm -f {}", sh(&exit));
    }
    Recipe {
        preflight,
        holdings: vec![super::declare::kernel_holding(plan)],
        configure,
        configure_notes,
        undo: vec![recipe::remove_from_os(undo)],
        undo_notes: vec![Note::info(N::IfupdownIfdownFirst)],
        // ifdown needs the alias stanzas: before the files are put back.
        put_back: recipe::PutBack { first, ..recipe::PutBack::default() },
        notes,
        ipv6: true,
        ..Recipe::new(method, summary(plan, method), apply)
    }
}

/// `ifdown LABEL` for each alias.
fn ifdown_lines(labels: &[(String, Ipv4Addr)]) -> String {
    labels.iter().map(|(l, _)| format!("ifdown {}\n", sh(l))).collect()
}

/// A sh condition: a stanza `iface IF inet …` in a file ifupdown reads
/// other than `own`.
fn stanza_elsewhere(plan: &Plan, own: &str, family: &str) -> String {
    format!(
        "grep -lEs '^[[:space:]]*iface[[:space:]]+{}[[:space:]]+inet[[:space:]]+{family}' {INTERFACES} /etc/network/interfaces.d/* | grep -qvxF {}",
        super::quote::regex(plan.interface.as_str()),
        sh(own)
    )
}

/// A secondary ENI: never a change to `/etc/network/interfaces` (it holds
/// eth0's stanza) and never a default route in the main table. Keep mode
/// leaves the ENI's DHCP stanza alone: two dhclient hooks keep the lease's
/// default route out of the main table and set the ENI's table after every
/// lease, and the aliases get a file of their own. Static mode writes the
/// ENI's whole stanza, with its routing as `post-up` lines, in that file,
/// and brings up only this ENI.
fn secondary_eni(plan: &Plan, t: PolicyTable) -> Recipe {
    let method = Method::Ifupdown;
    let iface = plan.interface.as_str();
    let i = sh(iface);
    let sec_path = secondary_path(plan);
    let mut notes = Vec::new();
    let mut configure = Vec::new();
    let mut configure_notes = Vec::new();
    let mut preflight = vec![source_guard(plan.os, &sec_path)];
    let (stanzas, labels) = alias_stanzas(plan, &mut notes);
    // IPv6: its own stanza, whose script routes it ([`routing::hook6`]).
    let six = !routing::ruled6(plan, method).is_empty();
    let v6 = v6_stanza(plan, Some(t));
    let mut v6_down = String::new();
    if six {
        preflight.push(routing::router6_guard(plan, t));
        let _ = writeln!(v6_down, "ifdown {}", sh(&v6_label(plan)));
        v6_down.push_str(&v6::del_lines(plan, method));
        let _ = writeln!(v6_down, "rm -f {}", sh(&routing::hook6_path(plan, Method::Ifupdown)));
    }
    let header = format!(
        "# Written by the Secondary IP Wizard: secondary private IPs on {iface}, a secondary ENI.\n# Alias stanzas: never put a gateway here (a second default route makes ifup fail).\n"
    );
    let mut undo = Vec::new();
    let apply = match plan.mode {
        Mode::KeepDhcp => {
            preflight.push(Guard {
                comment: Some(format!("Keep mode keeps the DHCP stanza of {iface}: it must exist.")),
                setup: String::new(),
                holds: stanza_elsewhere(plan, &sec_path, "dhcp"),
                message: format!(
                    "\"no 'iface {} inet dhcp' stanza in {INTERFACES} or interfaces.d: choose static mode, which writes the stanza of {}\"",
                    super::quote::sh_dq(iface),
                    super::quote::sh_dq(iface)
                ),
            });
            preflight.push(Guard {
                comment: Some("The hooks are dhclient's (isc-dhcp-client).".into()),
                setup: String::new(),
                holds: "command -v dhclient >/dev/null 2>&1".into(),
                message: "\"dhclient is not installed: the hooks that keep the default route out of the main table would never run\"".into(),
            });
            let [enter, exit] = dhclient_hooks(plan);
            configure.push(Action::write(
                Block::new("dhclient-enter", T::Create { path: enter.clone() }),
                FileSpec::new(enter.clone(), 0o644, Lang::Sh, enter_hook(plan)),
            ));
            configure.push(Action::write(
                Block::new("dhclient-exit", T::Create { path: exit.clone() }),
                FileSpec::new(
                    exit.clone(),
                    0o644,
                    Lang::Sh,
                    exit_hook(plan, Some(t), &plan.secondaries),
                ),
            ));
            configure.push(Action::write(
                Block::new("secondary-file", T::Create { path: sec_path.clone() }),
                FileSpec::new(
                    sec_path.clone(),
                    0o644,
                    Lang::Text,
                    format!("{header}{stanzas}{v6}"),
                ),
            ));
            configure.extend(six.then(|| routing::hook6_action(plan, t, method)));
            configure.push(super::declare::prune(plan));
            configure.extend(v6::prune(plan, method));
            configure_notes.push(Note::info(N::IfupdownDhclientHooks {
                interface: plan.interface.clone(),
                table: t.id(),
            }));
            // The hooks run at the next lease: the routing now, with ip.
            configure.extend(routing::ip_actions(plan, t, Method::Ifupdown));
            // The aliases and their rules go; the hooks keep the ENI's routing.
            let mut cmds = ifdown_lines(&labels);
            cmds.push_str(&v6_down);
            let _ = writeln!(cmds, "rm -f {}", sh(&sec_path));
            cmds.push_str(&routing::undo_commands(plan, t, Method::Ifupdown));
            undo.push(recipe::remove_from_os(cmds));
            undo.push(Action::write(
                Block::new("dhclient-exit", T::HookWithoutSecondaries),
                FileSpec::new(exit.clone(), 0o644, Lang::Sh, exit_hook(plan, Some(t), &[])),
            ));
            Apply {
                run: ifup_each(plan, &labels),
                alternatives: Vec::new(),
                notes: vec![Note::info(N::IfupdownEniOnly { interface: plan.interface.clone() })],
            }
        }
        Mode::Static => {
            preflight.push(Guard {
                comment: Some(format!("{sec_path} holds the only stanza of {iface}.")),
                setup: String::new(),
                holds: format!("! {{ {}; }}", stanza_elsewhere(plan, &sec_path, "")),
                message: format!(
                    "\"another file configures {}: remove its 'iface {} inet ...' stanza (and its auto line), then run this again\"",
                    super::quote::sh_dq(iface),
                    super::quote::sh_dq(iface)
                ),
            });
            let all: Vec<Ipv4Addr> = plan.all_addresses().collect();
            configure.push(Action::write(
                Block::new("secondary-file", T::Create { path: sec_path.clone() }),
                FileSpec::new(
                    sec_path.clone(),
                    0o644,
                    Lang::Text,
                    format!("{header}\n{}{stanzas}{v6}", eni_stanza(plan, t, &all)),
                ),
            ));
            configure.extend(six.then(|| routing::hook6_action(plan, t, method)));
            configure.push(super::declare::prune(plan));
            configure.extend(v6::prune(plan, method));
            configure.extend(routing::rp_filter(plan));
            configure_notes.push(Note::info(N::IfupdownEniStanza {
                interface: plan.interface.clone(),
                table: t.id(),
            }));
            let mut down_first: Vec<String> = labels.iter().map(|(l, _)| sh(l)).collect();
            if six {
                // ifup skips a stanza it brought up: its addresses went with the link.
                down_first.push(sh(&v6_label(plan)));
            }
            let mut cmds: String = down_first
                .iter()
                .map(|l| format!("ifdown --force {l} 2>/dev/null || true\n"))
                .collect();
            let _ = writeln!(cmds, "ifdown --force {i} 2>/dev/null || true\nifup {i}");
            for l in &down_first {
                let _ = writeln!(cmds, "ifup {l}");
            }
            let mut down = ifdown_lines(&labels);
            down.push_str(&v6_down);
            down.push_str(&routing::undo_commands(plan, t, Method::Ifupdown));
            // ifdown needs the alias stanzas: before the file loses them.
            undo.push(recipe::remove_from_os(down));
            undo.push(Action::write(
                Block::new("file", T::StanzaWithoutSecondaries),
                FileSpec::new(
                    sec_path.clone(),
                    0o644,
                    Lang::Text,
                    format!("{header}\n{}", eni_stanza(plan, t, &[plan.primary])),
                ),
            ));
            Apply {
                run: ApplyRun::WhenChanged {
                    block: Block::new("commands", T::RestartThisEni),
                    validate: None,
                    commands: cmds,
                },
                alternatives: Vec::new(),
                notes: vec![Note::info(N::IfupdownEniOnly { interface: plan.interface.clone() })],
            }
        }
    };
    configure_notes
        .push(Note::info(N::EniOwnTable { interface: plan.interface.clone(), table: t.id() }));
    configure_notes.push(routing::rp_filter_note(plan));
    if six {
        configure_notes.push(Note::info(N::IfupdownEniIpv6 {
            interface: plan.interface.clone(),
            label: v6_label(plan),
            table: t.id(),
            hook: routing::hook6_path(plan, Method::Ifupdown),
        }));
    }
    configure_notes.extend(recipe::static_dns_note(plan));
    Recipe {
        preflight,
        holdings: vec![super::declare::kernel_holding(plan)],
        configure,
        configure_notes,
        undo,
        undo_notes: vec![Note::info(N::IfupdownIfdownFirst)],
        notes,
        ipv6: true,
        ..Recipe::new(method, summary(plan, method), apply)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::render;
    use crate::render::testing::{artifact, plan_for as plan, plan_with};

    #[test]
    fn keep_mode_writes_alias_stanzas_in_a_file_of_their_own() {
        let r = render(&plan("debian10", "keep"), Method::Ifupdown);
        let f = artifact(&r, "ifupdown.configure.secondary-file");
        assert_eq!(f.path(), Some("/etc/network/interfaces.d/60-secondary-ips"));
        assert!(f.content.contains(
            "\nauto eth0:202\niface eth0:202 inet static\n    address 192.168.1.202\n    netmask 255.255.255.0\n\nauto eth0:203\n"
        ));
        assert!(!f.content.contains("    gateway"));
        assert!(r.artifacts().all(|a| a.id != "ifupdown.configure.cloud-init"));
        // Each missing address's alias down (ifupdown's state may still
        // list it after a second run pruned it) and up; one that is up is
        // left alone.
        assert_eq!(
            artifact(&r, "ifupdown.apply.commands").content,
            "ip -4 -o addr show dev eth0 | grep -q ' inet 192.168.1.202/24 ' || {\n  ifdown --force eth0:202 >/dev/null 2>&1 || true\n  ifup eth0:202\n}\nip -4 -o addr show dev eth0 | grep -q ' inet 192.168.1.203/24 ' || {\n  ifdown --force eth0:203 >/dev/null 2>&1 || true\n  ifup eth0:203\n}\n"
        );
        assert!(r.script.content.contains("grep -Eq"));
        assert_eq!(
            artifact(&r, "ifupdown.undo.commands").content,
            "ifdown eth0:202\nifdown eth0:203\nrm -f /etc/network/interfaces.d/60-secondary-ips\nrm -f /etc/dhcp/dhclient-exit-hooks.d/secondary-ip-wizard-eth0\n"
        );
        // A lost lease takes the aliases with the primary (promote_secondaries
        // off): the exit hook adds them back after the next lease.
        let hook = artifact(&r, "ifupdown.configure.dhclient-exit");
        assert!(hook.content.contains(
            "if cat /run/network/ifstate /run/network/ifstate.eth0:202 2>/dev/null | grep -Eq '^eth0:202' && ! ip -4 -o addr show dev eth0 | grep -q ' inet 192.168.1.202/24 '; then ip addr add 192.168.1.202/24 dev eth0 label eth0:202 || true; fi\n"
        ), "only an alias ifupdown brought up: at boot ifup adds it after the lease");
    }

    #[test]
    fn ipv6_addresses_are_up_and_down_lines_of_a_stanza_of_their_own() {
        let r = v6::test_rendering("debian11", "keep", true, Method::Ifupdown);
        let f = artifact(&r, "ifupdown.configure.secondary-file");
        assert!(f.content.ends_with(
            "\nauto eth0:203\niface eth0:203 inet static\n    address 192.168.1.203\n    netmask 255.255.255.0\n\n# The IPv6 addresses, on eth0 itself (ip -6 has no alias names).\nauto eth0:v6\niface eth0:v6 inet manual\n    up ip -6 addr replace 2001:db8:1:2::a/64 dev eth0 nodad\n    down ip -6 addr del 2001:db8:1:2::a/64 dev eth0 2>/dev/null || true\n    up ip -6 addr replace 2001:db8:1:2::b/64 dev eth0 nodad\n    down ip -6 addr del 2001:db8:1:2::b/64 dev eth0 2>/dev/null || true\n"
        ), "{}", f.content);
        assert_eq!(
            artifact(&r, "ifupdown.apply.commands").content,
            "ip -4 -o addr show dev eth0 | grep -q ' inet 192.168.1.202/24 ' || {\n  ifdown --force eth0:202 >/dev/null 2>&1 || true\n  ifup eth0:202\n}\nip -4 -o addr show dev eth0 | grep -q ' inet 192.168.1.203/24 ' || {\n  ifdown --force eth0:203 >/dev/null 2>&1 || true\n  ifup eth0:203\n}\n{ ip -6 -o addr show dev eth0 | grep -q ' inet6 2001:db8:1:2::a/64 ' && ip -6 -o addr show dev eth0 | grep -q ' inet6 2001:db8:1:2::b/64 '; } || {\n  ifdown --force eth0:v6 >/dev/null 2>&1 || true\n  ifup eth0:v6\n}\n"
        );
        assert!(r.script.content.contains("if ! { ip -6 -o addr show dev eth0 | grep -q ' inet6 2001:db8:1:2::a/64 ' && ip -6 -o addr show dev eth0 | grep -q ' inet6 2001:db8:1:2::b/64 '; }; then"));
        artifact(&r, "ifupdown.configure.prune6");
        assert_eq!(
            artifact(&r, "ifupdown.undo.commands").content,
            "ifdown eth0:202\nifdown eth0:203\nifdown eth0:v6\nip -6 addr del 2001:db8:1:2::a/64 dev eth0 2>/dev/null || true\nip -6 addr del 2001:db8:1:2::b/64 dev eth0 2>/dev/null || true\nrm -f /etc/network/interfaces.d/60-secondary-ips\nrm -f /etc/dhcp/dhclient-exit-hooks.d/secondary-ip-wizard-eth0\n"
        );
        // Keep mode: the stanza of eth0 is cloud-init's, never one of ours.
        assert!(r.artifacts().all(|a| !a.content.contains("inet6 dhcp")));
    }

    #[test]
    fn static_mode_keeps_the_enis_own_ipv6_on_dhcpv6() {
        let r = v6::test_rendering("debian11", "static", false, Method::Ifupdown);
        let f = artifact(&r, "ifupdown.configure.file");
        assert!(f.content.contains(
            "    gateway 192.168.1.253\n\n# The ENI's own IPv6 address and the IPv6 default route.\niface eth0 inet6 dhcp\n\n# After eth0"
        ), "{}", f.content);
        let sec = artifact(&r, "ifupdown.configure.secondary-file");
        assert!(sec.content.contains("iface eth0:v6 inet manual\n"));
        assert!(!sec.content.contains("inet static"), "IPv6 only: no alias");
    }

    // A secondary ENI's IPv6 (issue 15): the stanza runs the routing
    // script at every up, boot included; Apply brings it up after the
    // link, Undo takes it down while its stanza is still there.
    #[test]
    fn a_secondary_enis_ipv6_stanza_runs_its_routing_script() {
        for mode in ["keep", "static"] {
            let p = plan_with(|f| {
                f.os = "debian11".into();
                f.eni_kind = "secondary".into();
                f.interface = "eth1".into();
                v6::test_form(f, mode, true);
            });
            let r = render(&p, Method::Ifupdown);
            let sec = artifact(&r, "ifupdown.configure.secondary-file").content.clone();
            let hook = routing::hook6_path(&p, Method::Ifupdown);
            assert!(sec.contains(&format!(
                "    down ip -6 addr del 2001:db8:1:2::b/64 dev eth1 2>/dev/null || true\n    up /bin/sh {hook}\n    down ip -6 rule del from 2001:db8:1:2::a/128 table 1001 priority 1001 2>/dev/null || true\n"
            )), "{mode}: {sec}");
            assert!(
                !sec.contains("rule del from 2001:db8:1:2::10/128"),
                "the ENI's own rule stays"
            );
            let h = artifact(&r, "ifupdown.configure.ipv6-hook");
            assert_eq!(h.path(), Some(hook.as_str()));
            assert!(h.content.contains("accept_ra_defrtr=0"));
            assert!(
                r.script.content.contains("has no IPv6 default route from a router advertisement"),
                "{mode}: the router guard"
            );
            let apply = &artifact(&r, "ifupdown.apply.commands").content;
            // Last: behind keep mode's check, or after static mode's ifdowns.
            let last = if mode == "keep" { "ifup eth1:v6\n}\n" } else { "ifup eth1:v6\n" };
            assert!(apply.ends_with(last), "{mode}: {apply}");
            let undo = &artifact(&r, "ifupdown.undo.commands").content;
            let down = undo.find("ifdown eth1:v6\n").expect("ifdown eth1:v6");
            assert!(undo.find(&format!("rm -f {hook}\n")).is_some_and(|rm| rm > down), "{undo}");
            let static_file = r.artifacts().any(|a| a.content.contains("iface eth1 inet6 dhcp"));
            assert_eq!(
                static_file,
                mode == "static",
                "{mode}: the ENI's stanza is ours only in static mode"
            );
            assert!(
                r.steps
                    .iter()
                    .flat_map(|s| &s.notes)
                    .any(|n| n.text.contains(&format!("then runs {hook}"))),
                "{mode}"
            );
        }
    }

    #[test]
    fn without_ipv6_nothing_names_it() {
        // The script's shared checks read `ip -o addr` for both families:
        // only the method's own files and commands are looked at.
        for mode in ["keep", "static"] {
            let r = render(&plan("debian11", mode), Method::Ifupdown);
            let own: Vec<_> = r
                .artifacts()
                .filter(|a| a.id.starts_with("ifupdown.") && !a.id.ends_with(".script"))
                .collect();
            assert!(!own.is_empty());
            assert!(own
                .iter()
                .all(|a| !a.content.contains("inet6 ") && !a.content.contains("ip -6")));
        }
    }

    #[test]
    fn ubuntu_16_uses_a_cfg_name() {
        let r = render(&plan("ubuntu16", "keep"), Method::Ifupdown);
        let f = artifact(&r, "ifupdown.configure.secondary-file");
        assert_eq!(f.path(), Some("/etc/network/interfaces.d/60-secondary-ips.cfg"));
    }

    #[test]
    fn static_mode_writes_the_primary_with_the_only_gateway() {
        let p = plan_with(|f| {
            (f.os, f.mode, f.dns) = ("debian9".into(), "static".into(), "100.100.2.136".into());
        });
        let r = render(&p, Method::Ifupdown);
        artifact(&r, "ifupdown.configure.cloud-init");
        let f = artifact(&r, "ifupdown.configure.file");
        assert!(f.content.contains(
            "auto eth0\niface eth0 inet static\n    address 192.168.1.201\n    netmask 255.255.255.0\n    gateway 192.168.1.253\n    dns-nameservers 100.100.2.136\n"
        ));
        assert!(f.content.ends_with("source /etc/network/interfaces.d/*\n"));
        let all: String = r.artifacts().map(|a| a.content.as_str()).collect();
        assert_eq!(all.matches("    gateway 192.168.1.253\n").count(), 2, "file and script only");
        assert_eq!(
            artifact(&r, "ifupdown.apply.commands").content,
            "systemctl restart networking\n"
        );
    }
}
