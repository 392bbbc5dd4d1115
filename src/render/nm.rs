//! What the two NetworkManager methods (`nmcli` commands and keyfiles)
//! share: how a connection is named on the command line, and how to find it.

use super::quote::sh;
use super::recipe::{Action, Block, Ensured};
use super::routing::{self, Family};
use crate::catalog::Method;
use crate::plan::routing::PolicyTable;
use crate::plan::Plan;
use crate::wording::render::TitleText;

/// The command that prints the profile's own file: its uuid by name, then
/// the FILENAME the connection list gives for that uuid (`con show NAME`
/// has no file field in NetworkManager 1.42; terse output writes a `:` in a
/// value as `\:`).
pub fn profile_file(plan: &Plan) -> String {
    format!(
        "nmcli -g UUID,FILENAME con show | sed -n \"s/^$(nmcli -g connection.uuid con show {})://p\" | sed 's/\\\\:/:/g'",
        con_arg(&plan.connection)
    )
}

/// The connection as an nmcli argument: always `id NAME` (sh-quoted), so a
/// name like `uuid`, `help` or `--x` is never read as a keyword or an
/// option, and one form for every name is easier to check.
///
/// ```
/// assert_eq!(wizard::render::nm::con_arg("System eth0"), "id 'System eth0'");
/// ```
pub fn con_arg(name: &str) -> String {
    format!("id {}", sh(name))
}

/// The block that lists the connections, to find the profile's name.
pub fn find(plan: &Plan) -> Action {
    Action::Look {
        block: Block::new("find", TitleText::FindConnectionName),
        commands: format!(
            "nmcli -f NAME,UUID,TYPE,DEVICE,FILENAME con show\nnmcli -g ipv4.method,ipv4.addresses con show {}\n",
            con_arg(&plan.connection)
        ),
    }
}

/// A secondary ENI's routing on its profile: every route of the profile
/// (DHCP's default and subnet routes, or the static gateway) in the ENI's
/// table (`ipv4.route-table`), and its routing rules set to exactly one per
/// address (the form is the whole set: a removed address loses its rule).
/// Where the method routes the ENI's IPv6 ([`routing::ruled6`]) the same
/// for `ipv6.`: the routes of the router advertisements and DHCPv6 in the
/// table too.
pub fn policy(plan: &Plan, con: &str, t: PolicyTable, method: Method) -> Vec<Ensured> {
    let mut out = family_policy(con, t, "ipv4", &routing::ruled(plan));
    let six = routing::ruled6(plan, method);
    if !six.is_empty() {
        out.extend(family_policy(con, t, "ipv6", &six));
    }
    out
}

/// [`policy`] for one family (`ipv4` or `ipv6`, NetworkManager's setting).
fn family_policy<A: Family>(con: &str, t: PolicyTable, fam: &str, ruled: &[A]) -> Vec<Ensured> {
    let rules: Vec<String> = ruled.iter().map(|&a| rule(t, a)).collect();
    // As nmcli prints them (`tr -d ' '`, unescaped: terse output writes an
    // IPv6 address's `:` as `\:`): a host source has no length.
    let shown: Vec<String> =
        ruled.iter().map(|a| format!("priority{}from{a}table{}", t.priority(), t.id())).collect();
    vec![
        Ensured {
            run: format!("nmcli con modify {con} {fam}.route-table {}", t.id()),
            done: format!("[ \"$(nmcli -g {fam}.route-table con show {con})\" = {} ]", t.id()),
            report: format!("profile {}routes in table {}", six_word(fam), t.id()),
            edits: None,
            idempotent: true,
        },
        Ensured {
            run: format!("nmcli con modify {con} {fam}.routing-rules {}", sh(&rules.join(", "))),
            done: format!(
                "[ \"$(nmcli {}-g {fam}.routing-rules con show {con} | tr -d ' ')\" = {} ]",
                unescaped(fam),
                sh(&shown.join(","))
            ),
            report: format!(
                "the profile's {}rules: one per address into table {}",
                six_word(fam),
                t.id()
            ),
            edits: None,
            idempotent: true,
        },
    ]
}

/// The check that a profile has no routing rule of `fam` (`ipv4`,
/// `ipv6`) other than the ENI's (setting the ENI's rules replaces every
/// rule of the profile).
pub fn only_eni_rules(con: &str, t: PolicyTable, fam: &str) -> crate::render::recipe::Guard {
    crate::render::recipe::Guard {
        comment: Some("The profile's routing rules are replaced by the ENI's.".into()),
        setup: String::new(),
        holds: format!(
            "! nmcli {}-g {fam}.routing-rules con show {con} | tr ',' '\\n' | grep -v ' table {} *$' | grep -q .",
            unescaped(fam),
            t.id()
        ),
        message: sh(&format!(
            "the profile has routing rules into other tables than {}: they would be replaced; move them to another profile, then run this again",
            t.id()
        )),
    }
}

/// `-e no ` for IPv6 (terse output writes each `:` of an address as `\:`,
/// nmcli/utils.c `escape_values`), nothing for IPv4.
fn unescaped(fam: &str) -> &'static str {
    if fam == "ipv6" {
        "-e no "
    } else {
        ""
    }
}

/// `IPv6 ` in the script's reports of the IPv6 setting (IPv4's as before).
fn six_word(fam: &str) -> &'static str {
    if fam == "ipv6" {
        "IPv6 "
    } else {
        ""
    }
}

/// A routing rule as NetworkManager writes it (the priority is mandatory).
pub fn rule<A: Family>(t: PolicyTable, a: A) -> String {
    format!("priority {} from {a}/{} table {}", t.priority(), A::HOST, t.id())
}

/// The profile changes that take the secondaries' rules back, IPv6's too
/// where [`policy`] set them (the ENI's table and its primary's rules stay:
/// [`routing::undo_commands`]).
pub fn policy_undo(plan: &Plan, con: &str, t: PolicyTable, method: Method) -> String {
    let del =
        |fam: &str, r: String| format!("nmcli con modify {con} -{fam}.routing-rules {}\n", sh(&r));
    let mut out: String = plan.secondaries.iter().map(|&a| del("ipv4", rule(t, a))).collect();
    if !routing::ruled6(plan, method).is_empty() {
        out.extend(super::v6::addrs(plan, method).iter().map(|&a| del("ipv6", rule(t, a))));
    }
    out
}

/// `nmcli con up id NAME`.
pub fn con_up(plan: &Plan) -> String {
    format!("nmcli con up {}\n", con_arg(&plan.connection))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secondary_enis_ipv6_rules_beside_ipv4s() {
        let p = crate::render::v6::test_eni_plan("rhel9");
        let t = routing::table(&p).expect("table");
        let items = policy(&p, "id x", t, Method::Nmcli);
        assert_eq!(items.len(), 4);
        assert_eq!(items[2].run, "nmcli con modify id x ipv6.route-table 1001");
        assert_eq!(
            items[3].run,
            "nmcli con modify id x ipv6.routing-rules 'priority 1001 from 2001:db8:1:2::10/128 table 1001, priority 1001 from 2001:db8:1:2::a/128 table 1001, priority 1001 from 2001:db8:1:2::b/128 table 1001'"
        );
        // Unescaped (`-e no`): terse output writes an IPv6 address's `:` as `\:`.
        assert!(items[3].done.starts_with("[ \"$(nmcli -e no -g ipv6.routing-rules con show id x | tr -d ' ')\" = priority1001from2001:db8:1:2::10table1001,"));
        assert!(!items[1].done.contains("-e no"), "IPv4's check as before");
        let undo = policy_undo(&p, "id x", t, Method::Nmcli);
        assert!(undo
            .contains("-ipv6.routing-rules 'priority 1001 from 2001:db8:1:2::a/128 table 1001'"));
        assert!(!undo.contains("2001:db8:1:2::10/128"), "the ENI's own rule stays");
        // A method that does not route IPv6 on a secondary ENI: IPv4 only.
        assert_eq!(policy(&p, "id x", t, Method::NmCloudSetup).len(), 2);
    }

    #[test]
    fn keyword_and_hostile_names_stay_one_argument() {
        assert_eq!(con_arg("uuid"), "id uuid");
        assert_eq!(con_arg("--temporary"), "id --temporary");
        assert_eq!(con_arg("it's \"$(x)\" ; eth0"), r#"id 'it'\''s "$(x)" ; eth0'"#);
    }
}
