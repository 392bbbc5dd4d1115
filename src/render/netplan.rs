//! netplan (Ubuntu 18.04+, Debian 12+): YAML files in `/etc/netplan`.
//!
//! Keep mode writes `/etc/netplan/60-secondary-ips.yaml` with the same
//! interface id as cloud-init's `50-cloud-init.yaml` and only `addresses:`;
//! netplan concatenates the sequences, so the primary stays on DHCP.
//! Static mode disables cloud-init's network config and writes a full
//! configuration for the interface (primary first, one default route).
//! [`Generation::V099`] (netplan 0.99, Ubuntu 18.04/20.04) writes
//! `gateway4:`, which 0.99 needs; newer netplan writes `routes: - to: default`.

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::quote::{sh, yaml_word};
use super::recipe::{self, Action, Apply, ApplyRun, Block, FileSpec, Need, Recipe, Tell, Wait};
use super::{routing, runtime, v6, Lang, Note};
use crate::catalog::Method;
use crate::net6::Addr6;
use crate::plan::routing::PolicyTable;
use crate::plan::{Mode, Plan, Style};
use crate::wording::render::{NoteText as N, TitleText as T};

/// The file the wizard writes (safe form, both modes).
pub(crate) const OWN_PATH: &str = "/etc/netplan/60-secondary-ips.yaml";
/// cloud-init's file, which the guide edits.
pub(crate) const CLOUD_INIT_PATH: &str = "/etc/netplan/50-cloud-init.yaml";

/// Which netplan the output is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generation {
    /// netplan 0.99 (Ubuntu 18.04, 20.04): the default route as `gateway4`.
    V099,
    /// netplan 0.104 and later: `routes: - to: default`.
    V104,
}

impl Generation {
    /// The method that renders this generation.
    pub const fn method(self) -> Method {
        match self {
            Generation::V099 => Method::NetplanLegacy,
            Generation::V104 => Method::Netplan,
        }
    }
}

/// `network: / version: 2 / ethernets: / IF:` plus the MAC match, if any.
fn head(plan: &Plan, comment: &str) -> String {
    let iface = yaml_word(plan.interface.as_str());
    let mut out = String::new();
    for line in comment.lines() {
        let _ = writeln!(out, "# {line}");
    }
    let _ = write!(out, "network:\n  version: 2\n  ethernets:\n    {iface}:\n");
    if let Some(mac) = plan.mac {
        let _ =
            write!(out, "      match:\n        macaddress: \"{mac}\"\n      set-name: {iface}\n");
    }
    out
}

/// `addresses:`: the IPv4 ones, then the IPv6 ones (`A/64`, from [`v6`]).
fn addresses(out: &mut String, plan: &Plan, addrs: &[Ipv4Addr], six: &[Addr6]) {
    out.push_str("      addresses:\n");
    for a in addrs {
        let _ = writeln!(out, "        - {a}/{}", plan.prefix_of(*a));
    }
    for a in six {
        let _ = writeln!(out, "        - \"{a}/{}\"", plan.prefix6());
    }
}

/// A secondary ENI's table and source rules: the default route and the
/// subnet in table T (`to: 0.0.0.0/0` and an explicit `scope: link`, which
/// netplan 0.99 needs too), one `routing-policy` rule per address.
fn policy(out: &mut String, plan: &Plan, t: PolicyTable, ruled: &[Ipv4Addr], six: &[Addr6]) {
    let _ = write!(
        out,
        "      routes:\n        - to: 0.0.0.0/0\n          via: {}\n          on-link: true\n          table: {}\n        - to: {}\n          scope: link\n          table: {}\n      routing-policy:\n",
        plan.gateway,
        t.id(),
        plan.subnet,
        t.id()
    );
    rules(out, t, ruled);
    // Where the method routes the ENI's IPv6 ([`routes6`]): the ENI's own
    // IPv6 address and `six`.
    let own = plan.ipv6.as_ref().and_then(|p| p.primary).filter(|_| routes6(plan));
    let ruled6: Vec<Addr6> = own.into_iter().chain(six.iter().copied()).collect();
    rules(out, t, &ruled6);
}

/// One `routing-policy` entry per address.
fn rules<A: routing::Family>(out: &mut String, t: PolicyTable, addrs: &[A]) {
    for a in addrs {
        let _ = write!(
            out,
            "        - from: {a}/{}\n          table: {}\n          priority: {}\n",
            A::HOST,
            t.id(),
            t.priority()
        );
    }
}

/// Whether netplan's file routes a secondary ENI's IPv6 ([`routing::ruled6`]).
fn routes6(plan: &Plan) -> bool {
    !routing::ruled6(plan, Method::Netplan).is_empty()
}

/// The networkd drop-in beside netplan's generated `.network` that puts
/// the routes of the router advertisements in the ENI's table: netplan
/// 0.106 has no key for it (`netplan generate` rejects `ra-overrides`), and
/// networkd reads a drop-in folder of that file's name in
/// /etc/systemd/network too.
pub(crate) fn ra_dropin_path(plan: &Plan) -> String {
    format!(
        "/etc/systemd/network/10-netplan-{}.network.d/60-secondary-ip-wizard-ipv6.conf",
        plan.interface
    )
}

/// [`ra_dropin_path`]'s content.
fn ra_dropin(plan: &Plan, t: PolicyTable) -> String {
    format!(
        "# The IPv6 routes of {}'s router advertisements go to its own table\n# (Secondary IP Wizard): netplan has no key for it.\n[IPv6AcceptRA]\nRouteTable={}\n",
        plan.interface,
        t.id()
    )
}

/// The keep-DHCP file: the interface id and the secondaries `secs` (for a
/// secondary ENI also its routing, which stays when `secs` is empty).
fn keep_yaml(plan: &Plan, secs: &[Ipv4Addr], six: &[Addr6]) -> String {
    let mut out = head(
        plan,
        &format!(
            "Secondary private IPs for {} (Secondary IP Wizard).\nnetplan merges this file with 50-cloud-init.yaml (same interface id):\nthe primary {} stays on DHCP, these addresses are added.",
            plan.interface, plan.primary
        ),
    );
    if let Some(t) = routing::table(plan) {
        // No route from this ENI's DHCP in the main table: its default
        // and subnet routes go in its own table below.
        out.push_str("      dhcp4-overrides:\n        use-routes: false\n      dhcp6-overrides:\n        use-routes: false\n");
        if !secs.is_empty() || !six.is_empty() {
            addresses(&mut out, plan, secs, six);
        }
        let ruled: Vec<Ipv4Addr> =
            std::iter::once(plan.primary).chain(secs.iter().copied()).collect();
        policy(&mut out, plan, t, &ruled, six);
        return out;
    }
    addresses(&mut out, plan, secs, six);
    out
}

/// The static file: DHCP off, primary first, one default route, DNS if
/// given. With IPv6 to add, DHCPv6 and router advertisements stay on: the
/// ENI's own IPv6 address and the IPv6 default route come from them.
fn static_yaml(
    plan: &Plan,
    generation: Generation,
    addrs: &[Ipv4Addr],
    six: &[Addr6],
    guide: bool,
) -> String {
    let comment = if guide {
        format!("Static configuration for {} (Secondary IP Wizard, the guide's form).\ncloud-init's network config is disabled, so it no longer rewrites this file.", plan.interface)
    } else {
        format!("Static configuration for {} (Secondary IP Wizard), the primary first.\nRead after 50-cloud-init.yaml: it turns DHCP off for this interface.", plan.interface)
    };
    let mut out = head(plan, &comment);
    out.push_str("      dhcp4: false\n");
    if v6::adds(plan, generation.method()) {
        out.push_str("      dhcp6: true\n      accept-ra: true\n");
    }
    addresses(&mut out, plan, addrs, six);
    match (routing::table(plan), generation) {
        (Some(t), _) => policy(&mut out, plan, t, addrs, six),
        (None, Generation::V099) => {
            let _ = writeln!(out, "      gateway4: {}", plan.gateway);
        }
        (None, Generation::V104) => {
            let _ = write!(
                out,
                "      routes:\n        - to: default\n          via: {}\n",
                plan.gateway
            );
        }
    }
    if !plan.dns.is_empty() {
        out.push_str("      nameservers:\n        addresses:\n");
        for d in &plan.dns {
            let _ = writeln!(out, "          - {d}");
        }
    }
    out
}

/// The netplan recipe for a plan.
pub fn recipe(plan: &Plan, generation: Generation) -> Recipe {
    let method = generation.method();
    // The guide's form rewrites 50-cloud-init.yaml, which also holds the
    // primary ENI: never for a secondary ENI.
    let secondary_eni = routing::table(plan).is_some();
    let guide = plan.mode == Mode::Static && plan.style == Style::Guide && !secondary_eni;
    let path = if guide { CLOUD_INIT_PATH } else { OWN_PATH };
    let file = |content: String| FileSpec::new(path, 0o600, Lang::Yaml, content);
    let mut notes: Vec<Tell> = Vec::new();
    let mut configure = vec![Action::Look {
        block: Block::new("check", T::SeeHowCloudInitConfigured),
        commands: "ls -l /etc/netplan/\ncat /etc/netplan/*.yaml\n".into(),
    }];
    let mut configure_notes =
        vec![Note::info(N::NetplanSameId { interface: plan.interface.clone() })];
    let del = runtime::del_lines(plan) + &v6::del_lines(plan, method);
    let six = v6::addrs(plan, method);
    let (content, title, undo) = match plan.mode {
        Mode::KeepDhcp => {
            if plan.style == Style::Guide {
                notes.push(Note::info(N::NetplanGuideKeep));
            }
            notes.extend(recipe::keep_dns_note(plan));
            let undo = match routing::table(plan) {
                None => vec![Action::Run {
                    block: Block::new("commands", T::RemoveSecondaryAddresses),
                    commands: format!("rm -f {}\n{}\n{del}", sh(path), apply_lines(plan)),
                }],
                // The file keeps the ENI's routing, without the secondaries.
                Some(_) => vec![
                    Action::write(
                        Block::new("file", T::ConfigurationWithoutSecondaries),
                        file(keep_yaml(plan, &[], &[])),
                    ),
                    Action::Run {
                        block: Block::new("commands", T::ApplyItAndRemove),
                        commands: format!("{}\n{del}", apply_lines(plan)),
                    },
                ],
            };
            (keep_yaml(plan, &plan.secondaries, six), T::TheSecondaryAddresses, undo)
        }
        Mode::Static => {
            configure.push(recipe::cloud_init_off());
            configure_notes.push(recipe::cloud_init_note());
            if guide {
                notes.push(Note::info(N::NetplanGuideStatic));
            } else if secondary_eni {
                notes
                    .push(Note::info(N::NetplanEniOverrides { interface: plan.interface.clone() }));
                if plan.style == Style::Guide {
                    notes.push(Note::info(N::GuideFormNotForSecondaryEni));
                }
            } else {
                notes.push(Note::info(N::NetplanOverrides));
                configure_notes.push(Note::warning(N::NetplanOneGateway));
            }
            notes.extend(recipe::static_dns_note(plan));
            let undo = vec![
                Action::write(
                    Block::new("file", T::ConfigurationWithoutSecondaries),
                    file(static_yaml(plan, generation, &[plan.primary], &[], guide)),
                ),
                Action::Run {
                    block: Block::new("commands", T::ApplyItAndRemove),
                    commands: format!("{}\n{del}", apply_lines(plan)),
                },
            ];
            let all: Vec<Ipv4Addr> = plan.all_addresses().collect();
            (static_yaml(plan, generation, &all, six, guide), T::TheStaticConfiguration, undo)
        }
    };
    if generation == Generation::V099 && !secondary_eni {
        notes.push(Note::info(N::NetplanGateway4));
    }
    configure.push(Action::write(Block::new("file", title), file(content)));
    if let Some(t) = routing::table(plan).filter(|_| routes6(plan)) {
        configure_notes.push(Note::info(N::NetplanRaDropin {
            interface: plan.interface.clone(),
            table: t.id(),
            path: ra_dropin_path(plan),
        }));
        configure.push(Action::write(
            Block::new("ra-table", T::Create { path: ra_dropin_path(plan) }),
            FileSpec::new(ra_dropin_path(plan), 0o644, Lang::Ini, ra_dropin(plan, t)),
        ));
    }
    let mut undo = undo;
    if let Some(t) = routing::table(plan) {
        configure_notes
            .push(Note::info(N::EniOwnTable { interface: plan.interface.clone(), table: t.id() }));
        configure_notes.push(routing::rp_filter_note(plan));
        if plan.mode == Mode::KeepDhcp {
            configure_notes
                .push(Note::info(N::NetplanEniDhcpRoutes { interface: plan.interface.clone() }));
        }
        configure.extend(routing::rp_filter(plan));
        undo.push(routing::undo_action(plan, t, method));
    }

    let summary = match plan.mode {
        Mode::KeepDhcp => format!(
            "Adds {} secondary private IP(s) to {} with netplan; the primary stays on DHCP.",
            plan.secondaries.len(),
            plan.interface
        ),
        Mode::Static => format!(
            "Configures {} statically with netplan: the primary {} and {} secondary private IP(s).",
            plan.interface,
            plan.primary,
            plan.secondaries.len()
        ),
    };
    Recipe {
        needs: Some(Need { command: "netplan", what: "netplan" }),
        configure,
        configure_notes,
        // After the reload networkd drops the lease and asks again: on a
        // busy machine that took more than 30 s once in the two-NIC proof.
        wait: Some(Wait { seconds: 60, route: false, retry: None }),
        undo,
        undo_notes: vec![runtime::del_note(plan)],
        // `netplan apply` restarts networkd, which keeps the static default
        // route (metric 0) beside the lease's (metric 100): measured in the
        // namespace harness. The reload drops it.
        put_back: recipe::PutBack {
            apply: (!plan.os.netplan_reload()).then(|| {
                format!(
                    "netplan generate\nnetplan apply\nip -4 route del default via {} dev {} metric 0 2>/dev/null || true\n",
                    plan.gateway,
                    sh(plan.interface.as_str())
                )
            }),
            ..recipe::PutBack::default()
        },
        notes,
        ipv6: true,
        ..Recipe::new(
            method,
            summary,
            Apply {
                run: ApplyRun::WhenChanged {
                    block: Block::new("commands", T::CheckAndApply),
                    validate: Some(("netplan generate", "netplan")),
                    // `netplan generate` ran just before, as the check.
                    commands: if plan.os.netplan_reload() {
                        "networkctl reload\n".into()
                    } else {
                        "netplan apply\n".into()
                    },
                },
                alternatives: Vec::new(),
                notes: if plan.os.netplan_reload() {
                    vec![Note::info(N::NetplanReload)]
                } else {
                    vec![Note::info(N::NetplanTry)]
                },
            },
        )
    }
}

/// What applies a netplan change on this OS: `netplan generate` then
/// `networkctl reload`, or `netplan apply` where systemd lacks the reload
/// (see [`crate::catalog::os::Os::netplan_reload`]).
fn apply_lines(plan: &Plan) -> &'static str {
    if plan.os.netplan_reload() {
        "netplan generate\nnetworkctl reload"
    } else {
        "netplan apply"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::plan_with as plan;
    use crate::render::{render, Artifact, Rendering};

    // A dual-stack secondary ENI: IPv6 rules beside IPv4's, the ENI's own
    // first, and the drop-in that sends the advertisements' routes to the
    // table; Undo's file keeps only the ENI's own IPv6 rule.
    #[test]
    fn a_secondary_enis_ipv6_rules_and_the_ra_dropin() {
        let r = render(&crate::render::v6::test_eni_plan("ubuntu22"), Method::Netplan);
        let yaml = &crate::render::testing::artifact(&r, "netplan.configure.file").content;
        assert!(yaml.contains("        - \"2001:db8:1:2::a/64\"\n"), "{yaml}");
        assert!(yaml.contains("        - from: 2001:db8:1:2::10/128\n          table: 1001\n          priority: 1001\n        - from: 2001:db8:1:2::a/128\n"), "{yaml}");
        let dropin = crate::render::testing::artifact(&r, "netplan.configure.ra-table");
        assert_eq!(
            dropin.path(),
            Some("/etc/systemd/network/10-netplan-eth1.network.d/60-secondary-ip-wizard-ipv6.conf")
        );
        assert!(dropin.content.ends_with("[IPv6AcceptRA]\nRouteTable=1001\n"));
        let undo = &crate::render::testing::artifact(&r, "netplan.undo.file").content;
        assert!(
            undo.contains("from: 2001:db8:1:2::10/128") && !undo.contains("2001:db8:1:2::a"),
            "{undo}"
        );
    }

    fn file(r: &Rendering, id: &str) -> Artifact {
        crate::render::testing::artifact(r, id).clone()
    }

    #[test]
    fn keep_mode_adds_only_the_secondaries_in_a_separate_file() {
        let r = render(&plan(|_| {}), Method::Netplan);
        let f = file(&r, "netplan.configure.file");
        assert_eq!(f.path(), Some(OWN_PATH));
        assert!(f.content.contains(
            "    eth0:\n      addresses:\n        - 192.168.1.202/24\n        - 192.168.1.203/24\n"
        ));
        assert!(!f.content.contains("dhcp4"));
        assert!(!f.content.contains("- 192.168.1.201/24"));
        assert!(r.artifacts().all(|a| !a.id.ends_with("cloud-init")));
    }

    #[test]
    fn static_mode_puts_the_primary_first_with_one_default_route() {
        let r = render(&plan(|f| f.mode = "static".into()), Method::Netplan);
        let f = file(&r, "netplan.configure.file");
        assert!(f.content.contains("      dhcp4: false\n      addresses:\n        - 192.168.1.201/24\n        - 192.168.1.202/24\n"));
        assert_eq!(f.content.matches("to: default").count(), 1);
        assert!(!f.content.contains("gateway4"));
        assert!(r.artifacts().any(|a| a.id == "netplan.configure.cloud-init"));
    }

    #[test]
    fn legacy_uses_gateway4_and_a_mac_match() {
        let r = render(
            &plan(|f| {
                f.mode = "static".into();
                f.mac = "00:16:3E:12:34:56".into();
            }),
            Method::NetplanLegacy,
        );
        let f = file(&r, "netplan-0.99.configure.file");
        assert!(f.content.contains("      gateway4: 192.168.1.253\n"));
        assert!(f.content.contains(
            "      match:\n        macaddress: \"00:16:3e:12:34:56\"\n      set-name: eth0\n"
        ));
        assert!(!f.content.contains("to: default"));
    }

    #[test]
    fn guide_style_writes_50_cloud_init() {
        let r = render(
            &plan(|f| {
                f.mode = "static".into();
                f.style = "guide".into();
            }),
            Method::Netplan,
        );
        assert_eq!(file(&r, "netplan.configure.file").path(), Some(CLOUD_INIT_PATH));
    }

    #[test]
    fn a_rejected_configuration_restores_the_files() {
        let r = render(&plan(|_| {}), Method::Netplan);
        assert!(r.script.content.contains("  if ! netplan generate; then\n    echo \"netplan rejected the configuration: restoring the files\" >&2\n    eval \"$restore\"\n"));
    }
}
