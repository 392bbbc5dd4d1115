//! What the two NetworkManager methods (`nmcli` commands and keyfiles)
//! share: how a connection is named on the command line, and how to find it.

use super::quote::sh;
use super::recipe::{Action, Block};
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
