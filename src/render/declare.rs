//! The form is the whole set: the addresses it lists are every address the
//! interface should have in its subnet. A second run with one address
//! added and one removed must leave exactly the new set, and a run must
//! never silently drop an address someone else configured.
//!
//! So the script first looks at what it is about to replace (every file
//! it writes whole, and the [`Holding`]s a recipe names: a profile, the
//! kernel's addresses) and stops, changing nothing, when one holds an
//! address of the subnet the form does not list, unless it runs with
//! `--replace`. Methods whose apply does not remove an address on its own
//! (`ip addr add`, `ifup` of one alias) also get a [`prune`] block, which
//! deletes every static address of the subnet the form no longer lists.

use std::net::Ipv4Addr;

use super::quote::sh;
use super::recipe::{Action, Block, Holding};
use crate::plan::Plan;
use crate::wording::render::TitleText;

/// The addresses of the subnet a file may hold without being "foreign":
/// the plan's, the gateway, the network and broadcast addresses.
fn kept(plan: &Plan) -> Vec<Ipv4Addr> {
    let mut v: Vec<Ipv4Addr> = plan.all_addresses().collect();
    v.extend([plan.gateway, plan.subnet.network(), plan.subnet.broadcast()]);
    v
}

/// The awk program's helper: a dotted quad as a number.
const AWK_NUM: &str = "function n(a,  x) { split(a, x, \".\"); return ((x[1] * 256 + x[2]) * 256 + x[3]) * 256 + x[4] }";

/// A sh filter: takes every IPv4 address out of what it reads and prints,
/// space separated, those inside the plan's subnet that the plan does not keep.
pub fn foreign_filter(plan: &Plan) -> String {
    let keep: String = kept(plan).iter().map(|&a| format!("{} ", crate::net::Dotted(a))).collect();
    format!(
        "grep -oE '([0-9]{{1,3}}\\.){{3}}[0-9]{{1,3}}' | sort -u | awk -v net={} -v bits={} -v keep=' {keep}' '{AWK_NUM} {{ d = 2 ^ (32 - bits); if (int(n($0) / d) == int(n(net) / d) && index(keep, \" \" $0 \" \") == 0) printf \"%s \", $0 }}'",
        plan.subnet.network(),
        plan.prefix()
    )
}

/// The kernel's static addresses on the interface (a DHCP lease is
/// `dynamic` and never counts).
pub fn kernel_holding(plan: &Plan) -> Holding {
    Holding {
        what: format!("{}'s addresses", plan.interface),
        list: format!(
            "ip -4 -o addr show dev {} | grep -v ' dynamic '",
            sh(plan.interface.as_str())
        ),
    }
}

/// The block that deletes every static address of the subnet on the
/// interface that the form does not list (each with the prefix it has).
pub fn prune(plan: &Plan) -> Action {
    let i = sh(plan.interface.as_str());
    let keep: String = plan
        .all_addresses()
        .map(|a| format!("{}/{} ", crate::net::Dotted(a), plan.prefix_of(a)))
        .collect();
    let commands = format!(
        "ip -4 -o addr show dev {i} | grep -v ' dynamic ' | awk -v net={} -v bits={} -v keep=' {keep}' '{AWK_NUM} {{ split($4, y, \"/\"); d = 2 ^ (32 - bits); if (int(n(y[1]) / d) == int(n(net) / d) && index(keep, \" \" $4 \" \") == 0) print $4 }}' | while read -r a; do\n  ip addr del \"$a\" dev {i} && echo \"removed: $a\"\ndone\n",
        plan.subnet.network(),
        plan.prefix()
    );
    Action::Run { block: Block::new("prune", TitleText::RemoveUnlisted), commands }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::plan_with;
    use std::process::Command;

    fn sh_out(script: &str) -> String {
        let out = Command::new("sh").arg("-c").arg(script).output().expect("sh");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    #[test]
    fn the_filter_keeps_the_plan_and_ignores_other_subnets() {
        let p = plan_with(|_| {});
        let input = "192.168.1.201\n192.168.1.202\n192.168.1.204\n192.168.1.253\n192.168.1.0\n192.168.1.255\n255.255.255.0\n100.100.2.136\n192.168.2.9\n";
        let got = sh_out(&format!("printf '{input}' | {}", foreign_filter(&p)));
        assert_eq!(got, "192.168.1.204 ");
    }

    #[test]
    fn the_filter_works_for_a_wide_subnet() {
        let p = plan_with(|f| {
            f.cidr = "10.1.0.0/16".into();
            f.gateway = "10.1.255.253".into();
            f.primary = "10.1.0.10".into();
            f.secondaries = vec!["10.1.200.7".into()];
        });
        let got = sh_out(&format!(
            "printf '10.1.0.10\\n10.1.200.7\\n10.1.37.5\\n10.2.0.1\\n' | {}",
            foreign_filter(&p)
        ));
        assert_eq!(got, "10.1.37.5 ");
    }
}
