//! What the two NetworkManager methods (`nmcli` commands and keyfiles)
//! share: how a connection is named on the command line, and how to find it.

use super::quote::sh;
use super::recipe::{Action, Block, Ensured};
use super::routing;
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
pub fn policy(plan: &Plan, con: &str, t: PolicyTable) -> Vec<Ensured> {
    let rules: Vec<String> = routing::ruled(plan).into_iter().map(|a| rule(t, a)).collect();
    // As nmcli prints them (`tr -d ' '`): a /32 source has no length.
    let shown: Vec<String> = routing::ruled(plan)
        .into_iter()
        .map(|a| format!("priority{}from{a}table{}", t.priority(), t.id()))
        .collect();
    vec![
        Ensured {
            run: format!("nmcli con modify {con} ipv4.route-table {}", t.id()),
            done: format!("[ \"$(nmcli -g ipv4.route-table con show {con})\" = {} ]", t.id()),
            report: format!("profile routes in table {}", t.id()),
            edits: None,
            idempotent: true,
        },
        Ensured {
            run: format!("nmcli con modify {con} ipv4.routing-rules {}", sh(&rules.join(", "))),
            done: format!(
                "[ \"$(nmcli -g ipv4.routing-rules con show {con} | tr -d ' ')\" = {} ]",
                sh(&shown.join(","))
            ),
            report: format!("the profile's rules: one per address into table {}", t.id()),
            edits: None,
            idempotent: true,
        },
    ]
}

/// The check that a profile has no routing rule other than the ENI's
/// (setting the ENI's rules replaces every rule of the profile).
pub fn only_eni_rules(con: &str, t: PolicyTable) -> crate::render::recipe::Guard {
    crate::render::recipe::Guard {
        comment: Some("The profile's routing rules are replaced by the ENI's.".into()),
        setup: String::new(),
        holds: format!(
            "! nmcli -g ipv4.routing-rules con show {con} | tr ',' '\\n' | grep -v ' table {} *$' | grep -q .",
            t.id()
        ),
        message: sh(&format!(
            "the profile has routing rules into other tables than {}: they would be replaced; move them to another profile, then run this again",
            t.id()
        )),
    }
}

/// A routing rule as NetworkManager writes it (the priority is mandatory).
pub fn rule(t: PolicyTable, a: std::net::Ipv4Addr) -> String {
    format!("priority {} from {a}/32 table {}", t.priority(), t.id())
}

/// The profile changes that take the secondaries' rules back (the ENI's
/// table and its primary's rule stay: [`routing::undo_commands`]).
pub fn policy_undo(plan: &Plan, con: &str, t: PolicyTable) -> String {
    plan.secondaries
        .iter()
        .map(|&a| format!("nmcli con modify {con} -ipv4.routing-rules {}\n", sh(&rule(t, a))))
        .collect()
}

/// `nmcli con up id NAME`.
pub fn con_up(plan: &Plan) -> String {
    format!("nmcli con up {}\n", con_arg(&plan.connection))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_and_hostile_names_stay_one_argument() {
        assert_eq!(con_arg("uuid"), "id uuid");
        assert_eq!(con_arg("--temporary"), "id --temporary");
        assert_eq!(con_arg("it's \"$(x)\" ; eth0"), r#"id 'it'\''s "$(x)" ; eth0'"#);
    }
}
