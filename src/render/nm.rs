//! What the two NetworkManager methods (`nmcli` commands and keyfiles)
//! share: how a connection is named on the command line, and how to find it.

use super::quote::sh;
use super::recipe::{Action, Block, Ensured};
use super::routing;
use crate::plan::routing::PolicyTable;
use crate::plan::Plan;
use crate::wording::render::TitleText;

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
/// table (`ipv4.route-table`), and one routing rule per address.
pub fn policy(plan: &Plan, con: &str, t: PolicyTable) -> Vec<Ensured> {
    let mut out = vec![Ensured {
        run: format!("nmcli con modify {con} ipv4.route-table {}", t.id()),
        done: format!("[ \"$(nmcli -g ipv4.route-table con show {con})\" = {} ]", t.id()),
        report: format!("profile routes in table {}", t.id()),
        edits: None,
        idempotent: true,
    }];
    out.extend(routing::ruled(plan).into_iter().map(|a| Ensured {
        run: format!("nmcli con modify {con} +ipv4.routing-rules {}", sh(&rule(t, a))),
        done: format!(
            "nmcli -g ipv4.routing-rules con show {con} | grep -qF {}",
            // NetworkManager prints a /32 source without its length.
            sh(&format!("priority {} from {a} table {}", t.priority(), t.id()))
        ),
        report: format!("rule from {a} in the profile"),
        edits: None,
        idempotent: false,
    }));
    out
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
