//! NetworkManager through `nmcli` (RHEL-family 8+, Alibaba Cloud Linux 3,
//! Fedora): `+ipv4.addresses` on the existing profile in keep mode,
//! `ipv4.method manual` with the primary first in static mode, applied with
//! `nmcli con up` (never `nmcli device reapply`, which NM 1.42 gets wrong).

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::nm::{con_arg, con_up};
use super::quote::sh;
use super::recipe::{
    self, Action, Apply, ApplyRun, Block, Ensured, Guard, Holding, Need, PutBack, Recipe, Wait,
};
use super::{routing, v6, Note};
use crate::catalog::Method;
use crate::plan::{Mode, Plan};
use crate::wording::render::{NoteText as N, TitleText as T};

/// `a/p,b/p`: NetworkManager's list form.
fn joined(plan: &Plan, addrs: &[Ipv4Addr]) -> String {
    addrs
        .iter()
        .map(|&a| format!("{}/{}", crate::net::Dotted(a), plan.prefix_of(a)))
        .collect::<Vec<_>>()
        .join(",")
}

fn dns_list(plan: &Plan) -> String {
    plan.dns.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",")
}

/// `nmcli -g FIELD con show id NAME`, spaces removed (nmcli may print
/// `", "` between list items).
fn field(con: &str, name: &str) -> String {
    format!("nmcli -g {name} con show {con} | tr -d ' '")
}

/// `nmcli -e no -g FIELD con show id NAME`, spaces removed: unescaped,
/// since terse output writes each `:` of an IPv6 address as `\:`
/// (nmcli/utils.c, `escape_values`).
fn field_raw(con: &str, name: &str) -> String {
    format!("nmcli -e no -g {name} con show {con} | tr -d ' '")
}

/// The IPv6 side of the profile, with IPv6 to add ([`v6::adds`]): first
/// `ipv6.method auto` where the profile's method is `ignore`, `disabled` or
/// `link-local`, then exactly the planned addresses (`A/64`, the form is
/// the whole set, as for IPv4). Any other method stays: `auto` and `dhcp`
/// keep the ENI's own IPv6 address and the default route on DHCPv6 and
/// router advertisements (and `manual` is the profile owner's choice).
///
/// NetworkManager 1.42 refuses addresses beside those three methods
/// (`libnm-core-impl/nm-setting-ip6-config.c`, `verify()`: "this property
/// is not allowed for 'ipv6.method=ignore'"), and applies the profile's
/// manual addresses with every other method (`core/devices/nm-device.c`,
/// `activate_stage3_ip_config()` starts `_dev_ipmanual_start()` and turns
/// IPv6 back on unless the method is `disabled` or `ignore`).
fn ipv6_items(plan: &Plan, con: &str) -> Vec<Ensured> {
    if !v6::adds(plan, Method::Nmcli) {
        return Vec::new();
    }
    let want = v6::words(plan, Method::Nmcli).join(",");
    vec![
        Ensured {
            run: format!("nmcli con modify {con} ipv6.method auto"),
            done: format!(
                "nmcli -g ipv6.method con show {con} | grep -qvxE 'ignore|disabled|link-local'"
            ),
            report: "ipv6.method auto (it was ignore, disabled or link-local)".into(),
            edits: None,
            // Not safe to run alone: on a `dhcp` or `manual` profile it
            // would change the method the image chose. The step shows it
            // behind its check.
            idempotent: false,
        },
        Ensured {
            run: format!("nmcli con modify {con} ipv6.addresses {want}"),
            done: format!("[ \"$({})\" = {want} ]", field_raw(con, "ipv6.addresses")),
            report: format!("the profile's static IPv6 addresses: {want}"),
            edits: None,
            idempotent: true,
        },
    ]
}

/// The static-mode change: one command, applied unless the profile is
/// already exactly that.
fn static_change(plan: &Plan, con: &str) -> Ensured {
    let all: Vec<Ipv4Addr> = plan.all_addresses().collect();
    let want = joined(plan, &all);
    let mut run = format!(
        "nmcli con modify {con} ipv4.method manual ipv4.addresses {want} ipv4.gateway {}",
        plan.gateway
    );
    let mut done = format!(
        "[ \"$({})\" = manual ] && [ \"$({})\" = {want} ] && [ \"$({})\" = {} ]",
        field(con, "ipv4.method"),
        field(con, "ipv4.addresses"),
        field(con, "ipv4.gateway"),
        plan.gateway
    );
    if !plan.dns.is_empty() {
        let dns = dns_list(plan);
        let _ = write!(run, " ipv4.dns {dns}");
        let _ = write!(done, " && [ \"$({})\" = {dns} ]", field(con, "ipv4.dns"));
    }
    Ensured {
        run,
        done,
        report: format!("set the profile to manual: {want}"),
        edits: None,
        idempotent: true,
    }
}

/// The nmcli recipe for a plan.
pub fn recipe(plan: &Plan) -> Recipe {
    let con = con_arg(&plan.connection);
    let prefix = plan.secondary_prefix();
    let mut notes = Vec::new();
    let mut configure_notes = vec![
        Note::info(N::NmcliUseName {
            interface: plan.interface.clone(),
            connection: sh(&plan.connection),
        }),
        recipe::cloud_init_note(),
    ];
    let items = match plan.mode {
        Mode::KeepDhcp => {
            configure_notes.push(Note::info(N::NmcliAppend));
            notes.extend(recipe::keep_dns_note(plan));
            // Exactly the secondaries: the form is the whole set, for an
            // IPv6-only addition too (none: `''`, which nmcli takes as a
            // reset of the list; the method and the DHCP primary stay).
            let want = joined(plan, &plan.secondaries);
            let (value, done, report) = if want.is_empty() {
                (
                    "''".to_owned(),
                    // `= ''`, not `-z`: the script negates it (`! [ -z`
                    // is shellcheck's SC2237).
                    format!("[ \"$({})\" = '' ]", field(&con, "ipv4.addresses")),
                    "the profile's static IPv4 addresses: none".to_owned(),
                )
            } else {
                (
                    want.clone(),
                    format!("[ \"$({})\" = {want} ]", field(&con, "ipv4.addresses")),
                    format!("the profile's static addresses: {want}"),
                )
            };
            vec![Ensured {
                run: format!("nmcli con modify {con} ipv4.addresses {value}"),
                done,
                report,
                edits: None,
                idempotent: true,
            }]
        }
        Mode::Static => {
            configure_notes.push(Note::info(N::NmcliPrimaryFirst { primary: plan.primary }));
            notes.extend(recipe::static_dns_note(plan));
            vec![static_change(plan, &con)]
        }
    };
    let mut items = items;
    items.extend(ipv6_items(plan, &con));
    if v6::adds(plan, Method::Nmcli) {
        configure_notes.push(Note::info(N::NmIpv6Method));
    }
    let mut undo = String::new();
    for a in &plan.secondaries {
        let _ = writeln!(undo, "nmcli con modify {con} -ipv4.addresses {a}/{prefix}");
    }
    for w in v6::words(plan, Method::Nmcli) {
        let _ = writeln!(undo, "nmcli con modify {con} -ipv6.addresses {w}");
    }
    let mut routing_actions = Vec::new();
    if let Some(t) = routing::table(plan) {
        items.extend(super::nm::policy(plan, &con, t, Method::Nmcli));
        configure_notes
            .push(Note::info(N::NmRouteTable { interface: plan.interface.clone(), table: t.id() }));
        configure_notes.push(routing::rp_filter_note(plan));
        routing_actions.extend(routing::rp_filter(plan));
        undo.push_str(&super::nm::policy_undo(plan, &con, t, Method::Nmcli));
    }
    undo.push_str(&con_up(plan));
    if let Some(t) = routing::table(plan) {
        undo.push_str(&routing::undo_commands(plan, t, Method::Nmcli));
    }
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
    Recipe {
        needs: Some(Need { command: "nmcli", what: "nmcli" }),
        preflight: std::iter::once(Guard {
            comment: None,
            setup: String::new(),
            holds: format!("nmcli -g connection.id con show {con} >/dev/null 2>&1"),
            message: sh(&format!(
                "no NetworkManager connection named {}: list them with nmcli con show, and type its name in the wizard",
                plan.connection
            )),
        })
        .chain(routing::table(plan).map(|t| super::nm::only_eni_rules(&con, t, "ipv4")))
        .chain(
            routing::table(plan)
                .filter(|_| !routing::ruled6(plan, Method::Nmcli).is_empty())
                .map(|t| super::nm::only_eni_rules(&con, t, "ipv6")),
        )
        .collect(),
        holdings: vec![Holding {
            what: format!("the profile {}", plan.connection.replace(|c: char| !c.is_ascii_graphic() && c != ' ', "?")),
            list: format!("nmcli -g ipv4.addresses,ipv4.routing-rules con show {con}"),
        }],
        configure: [
            super::nm::find(plan),
            recipe::cloud_init_off(),
            Action::Ensure { block: Block::new("commands", T::ChangeProfile), items },
        ]
        .into_iter()
        .chain(routing_actions)
        .collect(),
        configure_notes,
        // With IPv6, NetworkManager's addresses once took longer than 30 s
        // to be past duplicate address detection on a loaded machine.
        wait: Some(Wait {
            seconds: if super::v6::adds(plan, Method::Nmcli) { 60 } else { 30 },
            route: false,
            retry: None,
        }),
        // `nmcli con modify` rewrites the profile's own file.
        originals: vec![format!("\"$({})\"", super::nm::profile_file(plan))],
        put_back: PutBack {
            first: String::new(),
            apply: Some(format!("nmcli con reload\n{}", con_up(plan))),
            reread: "nmcli con reload\n".into(),
        },
        undo: vec![Action::Run {
            block: Block::new("commands", T::RemoveSecondariesFromProfile),
            commands: undo,
        }],
        notes,
        ipv6: true,
        ..Recipe::new(Method::Nmcli, summary, Apply {
            run: ApplyRun::WhenChanged {
                block: Block::new("commands", T::ActivateProfile),
                validate: None,
                commands: con_up(plan),
            },
            alternatives: Vec::new(),
            notes: vec![Note::warning(N::NmcliConUpNotReapply)],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Form;
    use crate::render::render;
    use crate::render::testing::{artifact, plan_with};

    fn commands(f: impl FnOnce(&mut Form), id: &str) -> String {
        artifact(&render(&plan_with(f), Method::Nmcli), id).content.clone()
    }

    #[test]
    fn keep_mode_sets_exactly_the_secondaries() {
        // The form is the whole set: `+ipv4.addresses` kept an address
        // removed from the form (the booted second pass found .202 left).
        let c = commands(|_| {}, "nmcli.configure.commands");
        assert_eq!(
            c,
            "nmcli con modify id 'System eth0' ipv4.addresses 192.168.1.202/24,192.168.1.203/24\n"
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

    /// The step that turns an `ignore`d IPv6 method into `auto`: behind its
    /// check, so a pasted step never changes a `dhcp` or `manual` method.
    const METHOD_STEP: &str = "nmcli -g ipv6.method con show id 'System eth0' | grep -qvxE 'ignore|disabled|link-local' || nmcli con modify id 'System eth0' ipv6.method auto\n";

    fn dual(f: &mut Form) {
        v6::test_form(f, "keep", true);
    }

    #[test]
    fn ipv6_addresses_are_set_exactly_and_an_ignored_method_becomes_auto() {
        let c = commands(dual, "nmcli.configure.commands");
        assert_eq!(
            c,
            format!("nmcli con modify id 'System eth0' ipv4.addresses 192.168.1.202/24,192.168.1.203/24\n{METHOD_STEP}nmcli con modify id 'System eth0' ipv6.addresses 2001:db8:1:2::a/64,2001:db8:1:2::b/64\n")
        );
        let s = commands(dual, "nmcli.script");
        assert!(s.contains("if ! nmcli -g ipv6.method con show id 'System eth0' | grep -qvxE 'ignore|disabled|link-local'; then"), "{s}");
        // Terse output escapes the colons of an IPv6 address: -e no.
        assert!(s.contains("[ \"$(nmcli -e no -g ipv6.addresses con show id 'System eth0' | tr -d ' ')\" = 2001:db8:1:2::a/64,2001:db8:1:2::b/64 ]"));
        let u = commands(dual, "nmcli.undo.commands");
        assert!(u.contains("nmcli con modify id 'System eth0' -ipv6.addresses 2001:db8:1:2::a/64\nnmcli con modify id 'System eth0' -ipv6.addresses 2001:db8:1:2::b/64\n"));
        // Static mode: IPv4 manual, the IPv6 method as the profile has it.
        let c = commands(
            |f| {
                dual(f);
                f.mode = "static".into();
            },
            "nmcli.configure.commands",
        );
        assert!(c.starts_with("nmcli con modify id 'System eth0' ipv4.method manual "));
        assert!(c.ends_with(&format!("{METHOD_STEP}nmcli con modify id 'System eth0' ipv6.addresses 2001:db8:1:2::a/64,2001:db8:1:2::b/64\n")));
        assert!(!c.contains("ipv6.method manual"));
    }

    #[test]
    fn an_ipv6_only_plan_keeps_the_primary_on_dhcp_and_no_ipv4_secondary() {
        // The form is the whole set, for an IPv6-only addition too: an
        // IPv4 secondary an earlier run left in the profile goes (the
        // script refuses it as foreign first, unless --replace), as it
        // goes from every method that writes its file whole. An empty
        // value resets the list (nmcli 1.42 connections.c, get_value());
        // no value at all is the "value for 'ipv4.addresses' is missing"
        // error.
        let only6 = |f: &mut Form| {
            dual(f);
            f.secondaries = Vec::new();
        };
        let c = commands(only6, "nmcli.configure.commands");
        assert_eq!(
            c,
            format!("nmcli con modify id 'System eth0' ipv4.addresses ''\n{METHOD_STEP}nmcli con modify id 'System eth0' ipv6.addresses 2001:db8:1:2::a/64,2001:db8:1:2::b/64\n")
        );
        assert!(!c.contains("ipv4.method"), "the primary stays on DHCP: {c}");
        let s = commands(only6, "nmcli.script");
        assert!(
            s.contains("if ! [ \"$(nmcli -g ipv4.addresses con show id 'System eth0' | tr -d ' ')\" = '' ]; then"),
            "{s}"
        );
    }

    #[test]
    fn without_ipv6_nothing_names_it() {
        for id in ["nmcli.configure.commands", "nmcli.undo.commands", "nmcli.script"] {
            assert!(!commands(|_| {}, id).contains("ipv6"), "{id}");
        }
    }

    #[test]
    fn the_script_never_uses_device_reapply() {
        let c = commands(|_| {}, "nmcli.script");
        assert!(!c.contains("reapply"));
        assert!(c.contains("nmcli con up id 'System eth0'"));
        assert!(c.contains(
            "if ! [ \"$(nmcli -g ipv4.addresses con show id 'System eth0' | tr -d ' ')\" = 192.168.1.202/24,192.168.1.203/24 ]; then"
        ));
    }
}
