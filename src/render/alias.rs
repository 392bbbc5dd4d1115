//! Alias labels (`eth0:0`), which RHEL alias files and Debian ifupdown
//! stanzas share: how they are named, and how each is brought up alone.

use std::net::Ipv4Addr;

use super::quote::sh;
use super::recipe::{ApplyRun, Block, Ensured};
use super::runtime;
use crate::plan::Plan;

/// The alias label of a secondary: `IF:N` with N its host number in the
/// subnet (`192.168.1.202` in a /24 is `eth0:202`), and whether it fits
/// the kernel's 15-character limit. The label is a function of the address
/// alone, so a second run with addresses added or removed never gives an
/// address a label another one holds, and a kept address keeps its label.
///
/// ```
/// use wizard::render::alias::label;
/// let net = wizard::net::Subnet::new("192.168.0.0".parse().unwrap(), 16).unwrap();
/// assert_eq!(label("eth0", &net, "192.168.1.202".parse().unwrap()), ("eth0:458".to_owned(), true));
/// assert!(!label("enp0s31f6abcde", &net, "192.168.1.202".parse().unwrap()).1);
/// ```
pub fn label(interface: &str, subnet: &crate::net::Subnet, ip: Ipv4Addr) -> (String, bool) {
    let host = u32::from(ip) - u32::from(subnet.network());
    let label = format!("{interface}:{host}");
    let fits = label.len() <= 15;
    (label, fits)
}

/// Applying by `ifup LABEL` for each alias whose address is not up yet:
/// only the new addresses come up, and the primary is not touched.
pub fn ifup_each(plan: &Plan, block: Block, aliases: &[(String, Ipv4Addr)]) -> ApplyRun {
    ApplyRun::Each {
        block,
        items: aliases
            .iter()
            .map(|(label, ip)| Ensured {
                run: format!("ifup {}", sh(label)),
                done: runtime::has_address(plan, *ip),
                report: format!("brought up {label}"),
                edits: None,
                idempotent: false,
            })
            .collect(),
        guarded_in_step: false,
        comment: Some("Bring up each alias whose address is missing.".into()),
    }
}
