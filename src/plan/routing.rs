//! How an ENI's traffic is routed.
//!
//! A secondary ENI (eth1, eth2, …) must never get a default route in the
//! main table: it would compete with eth0's, and everything, SSH and EIP
//! replies included, could leave through eth1, where the VPC drops what
//! does not come from eth1's own addresses. So a secondary ENI gets a
//! routing table of its own ([`PolicyTable`]: its subnet route and its
//! default route) and a source rule per address (`from ADDR/32 lookup
//! TABLE`): traffic from eth1's addresses leaves through eth1, everything
//! else keeps eth0's routes. This is what Alibaba's "Configure routes for
//! ENIs" prescribes (table 1001 for eth1), made persistent in each
//! distribution's own format.
//!
//! On either ENI, [`SourcePolicy::Primary`] keeps the secondaries from ever
//! being picked as the source of new connections: they are added as /32,
//! with no subnet route of their own.

use crate::closed::closed_enum;

closed_enum! {
    /// Whether the kernel may pick a secondary as the source address.
    SourcePolicy {
        /// Any address of the subnet (the addresses carry the subnet's prefix).
        Any => "any",
        /// Only the primary: the secondaries are added as /32.
        Primary => "primary",
    }
}

/// The first table id of the secondary ENIs: eth1 gets `TABLE_BASE + 1`,
/// as in Alibaba's own example.
pub const TABLE_BASE: u32 = 1000;

/// The table ids the kernel keeps for itself (unspec, default, main, local)
/// and the compat id 252.
pub const RESERVED_TABLES: [u32; 5] = [0, 252, 253, 254, 255];

/// The routing table of a secondary ENI. Its source rules take the same
/// number as their priority: below the main table's 32766, and clear of
/// nm-cloud-setup's 30200–30400 and amazon-ec2-net-utils' 10000+.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolicyTable(u32);

impl PolicyTable {
    /// A table by its id; `None` for one the kernel reserves.
    ///
    /// ```
    /// use wizard::plan::routing::PolicyTable;
    /// assert_eq!(PolicyTable::new(1001).map(|t| t.id()), Some(1001));
    /// assert!(PolicyTable::new(254).is_none());
    /// ```
    pub fn new(id: u32) -> Option<PolicyTable> {
        (!RESERVED_TABLES.contains(&id)).then_some(PolicyTable(id))
    }

    /// The table's id.
    pub const fn id(self) -> u32 {
        self.0
    }

    /// The priority of the ENI's source rules.
    pub const fn priority(self) -> u32 {
        self.0
    }
}

/// The device index in an interface name: its trailing digits (`eth1` → 1,
/// `ens6` → 6), `None` when it has none (or more than six).
///
/// ```
/// use wizard::plan::routing::device_index;
/// assert_eq!(device_index("eth1"), Some(1));
/// assert_eq!(device_index("enp0s3"), Some(3));
/// assert_eq!(device_index("wan"), None);
/// ```
pub fn device_index(interface: &str) -> Option<u32> {
    let digits = interface.len() - interface.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 6 {
        return None;
    }
    interface[interface.len() - digits..].parse().ok()
}

/// Reads a typed table id: decimal, no sign or leading zero, 1 to 2^31 − 1,
/// none the kernel reserves.
///
/// ```
/// use wizard::plan::routing::parse_table;
/// assert_eq!(parse_table("1001").map(|t| t.id()), Some(1001));
/// assert!(parse_table("0").is_none() && parse_table("254").is_none() && parse_table("01").is_none());
/// ```
pub fn parse_table(text: &str) -> Option<PolicyTable> {
    if text.is_empty() || text.len() > 10 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if text.len() > 1 && text.starts_with('0') {
        return None;
    }
    let id: u32 = text.parse().ok().filter(|&n| n <= i32::MAX as u32)?;
    PolicyTable::new(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_indices_and_tables() {
        assert_eq!(device_index("eth0"), Some(0));
        assert_eq!(device_index("eth12"), Some(12));
        assert_eq!(device_index("eth1234567"), None);
        assert_eq!(device_index(""), None);
        for bad in ["", "-1", "+5", "1.0", "2147483648", "99999999999", "abc", "255"] {
            assert!(parse_table(bad).is_none(), "{bad:?}");
        }
        assert_eq!(parse_table("2147483647").map(PolicyTable::id), Some(2147483647));
        assert_eq!(PolicyTable::new(1002).map(PolicyTable::priority), Some(1002));
    }
}
