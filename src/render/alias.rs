//! Alias labels (`eth0:0`), which RHEL alias files and Debian ifupdown
//! stanzas share: how they are named, and how each is brought up alone.

use std::net::Ipv4Addr;

use super::quote::sh;
use super::recipe::{ApplyRun, Block, Ensured};
use super::runtime;
use crate::plan::Plan;

/// An alias label `IF:N`, and whether it fits the kernel's 15-character limit.
///
/// ```
/// assert_eq!(wizard::render::alias::label("eth0", 1), ("eth0:1".to_owned(), true));
/// assert!(!wizard::render::alias::label("enp0s31f6abcde", 10).1);
/// ```
pub fn label(interface: &str, n: usize) -> (String, bool) {
    let label = format!("{interface}:{n}");
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
