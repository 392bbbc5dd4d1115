//! The IPv6 side of every Linux method, in one place: the `A/64` words the
//! script's checks look for, the `ip -6` commands that add, remove and
//! prune the addresses, the kernel's IPv6 addresses as a [`Holding`] with
//! its own filter, and the lines Verify must show.
//!
//! What is configured: the plan's IPv6 addresses to add
//! ([`Plan::ipv6_to_add`]), each with the vSwitch block's prefix (/64) so
//! that the block is on-link. The ENI's own IPv6 address and the IPv6
//! default route stay with the image (DHCPv6 and router advertisements) in
//! both modes: the form has no IPv6 gateway, and Alibaba's images take both
//! from the network.
//!
//! The kernel prints IPv6 addresses in RFC 5952 form (glibc's
//! `inet_ntop`), as [`crate::net6::Addr6`] displays them, so the checks
//! compare text.

use std::fmt::Write as _;

use super::quote::sh;
use super::recipe::{Ensured, Holding};
use crate::catalog::Method;
use crate::plan::Plan;

/// Whether `method` routes a secondary ENI's IPv6 as its IPv4: the
/// routes learnt from router advertisements in the ENI's own table, a
/// source rule per IPv6 address ([`super::routing::ruled6`]): networkd's
/// `[IPv6AcceptRA] RouteTable=` (netplan's through a drop-in),
/// NetworkManager's `ipv6.route-table` (nmcli, keyfile, and the ifcfg
/// files where NetworkManager reads them: `IPV6_ROUTE_TABLE`), the
/// runtime method's copy, ifupdown's (a script its IPv6 stanza runs,
/// [`super::routing::hook6`]), ifupdown-ng's (the same script from a
/// `post-up` line) and wicked's (from `POST_UP_SCRIPT`).
pub(crate) fn routes_secondary_eni(plan: &Plan, method: Method) -> bool {
    match method {
        Method::Runtime
        | Method::Ifupdown
        | Method::IfupdownNg
        | Method::Networkd
        | Method::Nmcli
        | Method::Keyfile
        | Method::Netplan
        | Method::NetplanLegacy => true,
        Method::Ifcfg | Method::IfcfgAlias => super::ifcfg::read_by_nm(plan, method),
        // Not SLES 11's sysconfig scripts: POST_UP_SCRIPT is wicked's.
        Method::Wicked => plan.os.suse_stack() == crate::catalog::quirks::SuseStack::Wicked,
        _ => false,
    }
}

/// Whether `method` configures the plan's IPv6 addresses at all: not on a
/// secondary ENI unless it routes them there ([`routes_secondary_eni`]):
/// without a table and source rules, replies from them would leave by the
/// primary ENI's default route. Windows needs no routing of its own: it
/// sends from an address only through the interface that holds it (the
/// strong host model, its default for IPv6 as for IPv4 since Vista and
/// Server 2008: TechNet's Cable Guy, "Strong and Weak Host Models",
/// September 2007), so replies from the added addresses leave by the
/// ENI's own IPv6 default route, and `SkipAsSource` keeps new connections
/// off them.
pub(crate) fn configured(plan: &Plan, method: Method) -> bool {
    super::routing::table(plan).is_none()
        || routes_secondary_eni(plan, method)
        || method.is_windows()
}

/// Whether `method` has IPv6 addresses to add.
pub(crate) fn adds(plan: &Plan, method: Method) -> bool {
    configured(plan, method) && !plan.ipv6_to_add().is_empty()
}

/// The IPv6 addresses `method` adds (none where [`configured`] is false).
pub(crate) fn addrs(plan: &Plan, method: Method) -> &[crate::net6::Addr6] {
    if configured(plan, method) {
        plan.ipv6_to_add()
    } else {
        &[]
    }
}

/// Every IPv6 address to add as `A/64`, in order.
pub(crate) fn words(plan: &Plan, method: Method) -> Vec<String> {
    addrs(plan, method).iter().map(|a| format!("{a}/{}", plan.prefix6())).collect()
}

/// The note a Linux method's rendering carries when the plan has IPv6
/// addresses to add: how they are added, or why they are not: the method
/// writes no IPv6 at all (`handles`: false; nm-cloud-setup, whose Aliyun
/// provider reads only `private-ipv4s` in NetworkManager 1.42.4), or not
/// on a secondary ENI ([`configured`]).
pub(crate) fn note(plan: &Plan, handles: bool, method: Method) -> Option<super::recipe::Tell> {
    use crate::wording::render::NoteText as N;
    if plan.ipv6_to_add().is_empty() {
        return None;
    }
    Some(if handles && configured(plan, method) {
        super::Note::info(N::Ipv6Added {
            interface: plan.interface.clone(),
            prefix: plan.prefix6(),
        })
    } else if handles {
        super::Note::warning(N::Ipv6NotOnSecondaryEni)
    } else {
        super::Note::warning(N::Ipv6NotByThisMethod)
    })
}

/// `ip -6 -o addr show dev IF | grep -q ' inet6 A/64 '`: whether `a` is on
/// the interface (tentative or not).
fn has(plan: &Plan, word: &str) -> String {
    format!("ip -6 -o addr show dev {} | grep -q ' inet6 {word} '", sh(plan.interface.as_str()))
}

/// `ip -6 addr add A/64 dev IF nodad` for every address, each run only
/// where it is missing. `nodad`: no duplicate address detection, so the
/// address is usable at once (the cloud assigned it to this ENI alone).
pub(crate) fn add_items(plan: &Plan, method: Method) -> Vec<Ensured> {
    let i = sh(plan.interface.as_str());
    words(plan, method)
        .into_iter()
        .map(|w| Ensured {
            run: format!("ip -6 addr add {w} dev {i} nodad"),
            done: has(plan, &w),
            report: format!("added {w}"),
            edits: None,
            idempotent: false,
        })
        .collect()
}

/// `ip -6 addr del A/64 dev IF 2>/dev/null || true` for every address.
pub(crate) fn del_lines(plan: &Plan, method: Method) -> String {
    let i = sh(plan.interface.as_str());
    words(plan, method)
        .iter()
        .map(|w| format!("ip -6 addr del {w} dev {i} 2>/dev/null || true\n"))
        .collect()
}

/// The addresses of the block that are not foreign: those to add and the
/// ENI's own, as ` a b ` (bare addresses, any prefix).
fn keep_words(plan: &Plan, method: Method) -> String {
    let mut keep = String::from(" ");
    let own = plan.ipv6.as_ref().and_then(|p| p.primary);
    for a in addrs(plan, method).iter().chain(own.iter()) {
        let _ = write!(keep, "{a} ");
    }
    keep
}

/// `ip -6 -o addr show dev IF to BLOCK | grep -v ' dynamic '`: the static
/// IPv6 addresses of the vSwitch's block on the interface (a DHCPv6 lease
/// or an address from a router advertisement has a lifetime, `dynamic`).
fn kernel_list(plan: &Plan, method: Method) -> Option<String> {
    let block = plan.ipv6.as_ref().filter(|_| configured(plan, method))?.subnet;
    Some(format!(
        "ip -6 -o addr show dev {} to {block} | grep -v ' dynamic '",
        sh(plan.interface.as_str())
    ))
}

/// The kernel's static IPv6 addresses of the block, as a [`Holding`] the
/// script refuses to replace when one is not in the form (with
/// [`foreign_filter`]).
pub(crate) fn kernel_holding(plan: &Plan, method: Method) -> Option<Holding> {
    Some(Holding {
        what: format!("{}'s IPv6 addresses", plan.interface),
        list: kernel_list(plan, method)?,
    })
}

/// A sh filter over [`kernel_holding`]'s output: prints, one per line,
/// the addresses (`A/P`) the form does not list.
pub(crate) fn foreign_filter(plan: &Plan, method: Method) -> String {
    format!(
        "awk -v keep='{}' '{{ split($4, y, \"/\"); if (index(keep, \" \" y[1] \" \") == 0) print $4 }}'",
        keep_words(plan, method)
    )
}

/// The commands that delete every static IPv6 address of the block on the
/// interface that the form does not list (empty without an IPv6 part).
pub(crate) fn prune_lines(plan: &Plan, method: Method) -> String {
    let Some(list) = kernel_list(plan, method) else {
        return String::new();
    };
    let i = sh(plan.interface.as_str());
    format!(
        "{list} | {} | while read -r a; do\n  ip -6 addr del \"$a\" dev {i} && echo \"removed: $a\"\ndone\n",
        foreign_filter(plan, method)
    )
}

/// The block that deletes every static IPv6 address of the block the form
/// does not list (beside [`super::declare::prune`]; only for a method that
/// configures IPv6, whose script refuses foreign ones first).
pub(crate) fn prune(plan: &Plan, method: Method) -> Option<super::recipe::Action> {
    use super::recipe::{Action, Block};
    let commands = prune_lines(plan, method);
    (!commands.is_empty() && adds(plan, method)).then(|| Action::Run {
        block: Block::new("prune6", crate::wording::render::TitleText::RemoveUnlisted),
        commands,
    })
}

/// What `ip -6 addr show dev IF` must show: `inet6 A/64 scope global` per address.
pub(crate) fn expected_lines(plan: &Plan, method: Method) -> Vec<String> {
    words(plan, method).into_iter().map(|w| format!("inet6 {w} scope global")).collect()
}

/// A sh condition: every IPv6 address to add is on the interface
/// (tentative or not); `true` without any. For a method that brings them
/// up together (ifupdown's stanza of them).
pub(crate) fn all_present(plan: &Plan, method: Method) -> String {
    let checks: Vec<String> = words(plan, method).iter().map(|w| has(plan, w)).collect();
    if checks.is_empty() {
        "true".into()
    } else {
        checks.join(" && ")
    }
}

/// For the methods' tests: the form's IPv6 part of a dual-stack plan (the
/// block 2001:db8:1:2::/64, the ENI's own ::10, the addresses ::a and ::b);
/// `mode` and `secondaries` (false: IPv6 only) set the rest.
#[cfg(test)]
pub(crate) fn test_form(f: &mut crate::plan::Form, mode: &str, secondaries: bool) {
    f.mode = mode.into();
    if !secondaries {
        f.secondaries = Vec::new();
    }
    f.cidr6 = "2001:db8:1:2::/64".into();
    f.primary6 = "2001:db8:1:2::10".into();
    f.secondaries6 = "2001:db8:1:2::a, 2001:db8:1:2::b".into();
}

/// For the methods' tests: the rendering of `method` for a plan on `os`
/// with [`test_form`]'s IPv6 part.
#[cfg(test)]
pub(crate) fn test_rendering(
    os: &str,
    mode: &str,
    secondaries: bool,
    method: crate::catalog::Method,
) -> super::Rendering {
    super::render(&test_plan(os, mode, !secondaries), method)
}

/// A test plan for a dual-stack secondary ENI eth1 (table 1001) on `os`,
/// keep mode, with [`test_form`]'s IPv6 part.
#[cfg(test)]
pub(crate) fn test_eni_plan(os: &str) -> Plan {
    super::testing::plan_with(|f| {
        f.os = os.into();
        f.eni_kind = "secondary".into();
        f.interface = "eth1".into();
        test_form(f, "keep", true);
    })
}

/// A test plan on `os` in `mode` with [`test_form`]'s IPv6 part, and with
/// the two IPv4 secondaries unless `only` (an IPv6-only addition).
#[cfg(test)]
pub(crate) fn test_plan(os: &str, mode: &str, only: bool) -> Plan {
    super::testing::plan_with(|f| {
        f.os = os.into();
        test_form(f, mode, !only);
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::plan_with;
    use std::process::Command;

    const M: Method = Method::Runtime;

    /// A script's header names the IPv6 addresses it adds, beside the
    /// IPv4 count ("0 secondary private IP(s)" alone in an IPv6-only plan).
    #[test]
    fn the_script_header_names_the_ipv6_addresses() {
        let p = test_plan("ubuntu22", "keep", true);
        let r = crate::render::render(&p, Method::Netplan);
        let head: Vec<&str> = r.script.content.lines().take(3).collect();
        assert!(
            head[2].starts_with("# It also adds 2 IPv6 address(es) to eth0: 2001:db8:"),
            "{head:?}"
        );
        let w = test_plan("win2022", "static", true);
        let r = crate::render::render(&w, Method::PowerShell);
        assert!(
            r.script.content.starts_with("# Windows PowerShell: IPv6 addresses 2001:db8:"),
            "{}",
            &r.script.content[..80]
        );
        let r = crate::render::render(&p, Method::NmCloudSetup);
        assert!(!r.script.content.contains("IPv6 address(es)"), "nm-cloud-setup adds none");
    }

    /// nm-cloud-setup writes no IPv6 at all (its Aliyun provider reads only
    /// `private-ipv4s`): on a secondary ENI its warning says so, not that
    /// policy routing is missing; a method that writes IPv6 but not on a
    /// secondary ENI gets the routing warning.
    #[test]
    fn a_secondary_eni_warns_why_by_what_the_method_lacks() {
        use crate::wording::render::NoteText as N;
        let mut p = test_plan("alinux3", "keep", false);
        p.table = crate::plan::routing::PolicyTable::new(1001);
        let text = |p: &Plan, handles, m| note(p, handles, m).map(|n| n.text);
        assert_eq!(text(&p, false, Method::NmCloudSetup), Some(N::Ipv6NotByThisMethod));
        assert!(matches!(text(&p, true, Method::IfupdownNg), Some(N::Ipv6Added { .. })));
        assert!(matches!(text(&p, true, Method::Nmcli), Some(N::Ipv6Added { .. })));
        // Alibaba Cloud Linux 3's ifcfg files are NetworkManager's.
        assert!(matches!(text(&p, true, Method::Ifcfg), Some(N::Ipv6Added { .. })));
        p.os = crate::catalog::Os::Centos7;
        assert_eq!(text(&p, true, Method::IfcfgAlias), Some(N::Ipv6NotOnSecondaryEni));
        p.table = None;
        assert!(matches!(text(&p, true, Method::Ifcfg), Some(N::Ipv6Added { .. })));
        assert_eq!(text(&p, false, Method::NmCloudSetup), Some(N::Ipv6NotByThisMethod));
    }

    fn dual() -> Plan {
        plan_with(|f| {
            f.cidr6 = "2001:db8:1:2::/64".into();
            f.primary6 = "2001:db8:1:2::10".into();
            f.secondaries6 = "2001:db8:1:2::a, 2001:db8:1:2:0:0:0:b".into();
        })
    }

    fn sh_out(script: &str) -> String {
        let out = Command::new("sh").arg("-c").arg(script).output().expect("sh");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    #[test]
    fn the_words_are_canonical_with_the_blocks_prefix() {
        assert_eq!(words(&dual(), M), ["2001:db8:1:2::a/64", "2001:db8:1:2::b/64"]);
        assert!(words(&plan_with(|_| {}), M).is_empty());
    }

    #[test]
    fn each_add_is_behind_its_check_and_skips_dad() {
        let items = add_items(&dual(), M);
        assert_eq!(items[0].run, "ip -6 addr add 2001:db8:1:2::a/64 dev eth0 nodad");
        assert_eq!(
            items[0].done,
            "ip -6 -o addr show dev eth0 | grep -q ' inet6 2001:db8:1:2::a/64 '"
        );
    }

    // The filter over what `ip -6 -o addr show` prints: the ENI's own
    // address and the planned ones are kept, whatever their prefix.
    #[test]
    fn the_filter_prints_only_addresses_the_form_does_not_list() {
        let input = "2: eth0    inet6 2001:db8:1:2::a/64 scope global \\\\       valid_lft forever preferred_lft forever\n2: eth0    inet6 2001:db8:1:2::10/128 scope global \\\\       valid_lft forever preferred_lft forever\n2: eth0    inet6 2001:db8:1:2::99/64 scope global \\\\       valid_lft forever preferred_lft forever\n";
        let got = sh_out(&format!("printf '{input}' | {}", foreign_filter(&dual(), M)));
        assert_eq!(got, "2001:db8:1:2::99/64\n");
    }

    #[test]
    fn prune_lists_the_block_only_and_never_a_lease() {
        let p = prune_lines(&dual(), M);
        assert!(p.starts_with(
            "ip -6 -o addr show dev eth0 to 2001:db8:1:2::/64 | grep -v ' dynamic ' | awk"
        ));
        assert_eq!(prune_lines(&plan_with(|_| {}), M), "");
    }
}
