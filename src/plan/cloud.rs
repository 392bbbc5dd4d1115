//! Each cloud's addressing rules, as data: which addresses of a subnet it
//! reserves, which prefixes and blocks it allows, where the gateway usually
//! is, how many addresses an unattached ENI holds and which resolvers it runs.
//! Adding a cloud is one more [`CloudRules`] value (see the table in
//! DOMAIN.md), not new code.

use std::net::Ipv4Addr;

use super::problem::Reserved;
use super::CloudProfile;
use crate::net::Subnet;

/// Where a cloud puts the default gateway of a subnet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GatewayRule {
    /// This many places after the network address (AWS, Azure, Google: 1).
    FromNetwork(u32),
    /// This many places before the broadcast address (Alibaba: 2).
    FromBroadcast(u32),
}

/// A block a cloud forbids for subnets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ForbiddenRange {
    /// Its network address.
    pub network: Ipv4Addr,
    /// Its prefix length.
    pub prefix: u8,
    /// How messages name it, e.g. `100.64.0.0/10 (shared address space)`.
    pub name: &'static str,
}

impl ForbiddenRange {
    /// The block as a subnet.
    pub fn subnet(&self) -> Option<Subnet> {
        Subnet::new(self.network, self.prefix)
    }
}

/// One cloud's addressing rules, as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CloudRules {
    /// The profile these rules belong to.
    pub cloud: CloudProfile,
    /// Short name in messages ("alibaba").
    pub name: &'static str,
    /// Long name in messages ("alibaba cloud").
    pub long_name: &'static str,
    /// What the cloud calls a subnet ("vswitch").
    pub subnet_word: &'static str,
    /// Reserved addresses at the front, the network address included.
    pub reserved_front: u32,
    /// Reserved addresses at the back, the broadcast address included.
    pub reserved_back: u32,
    /// The shortest allowed subnet prefix.
    pub min_prefix: u8,
    /// The longest allowed subnet prefix.
    pub max_prefix: u8,
    /// Where the gateway usually is.
    pub gateway: GatewayRule,
    /// Blocks a subnet may not overlap.
    pub forbidden: &'static [ForbiddenRange],
    /// Private IPs an ENI in state Available may hold (primary included).
    pub max_available: u32,
    /// The cloud's DNS resolvers, suggested when none are given.
    pub dns: &'static [Ipv4Addr],
}

/// Blocks an Alibaba VPC or vSwitch may not use.
const ALIBABA_FORBIDDEN: &[ForbiddenRange] = &[
    ForbiddenRange {
        network: Ipv4Addr::new(100, 64, 0, 0),
        prefix: 10,
        name: "100.64.0.0/10 (shared address space)",
    },
    ForbiddenRange {
        network: Ipv4Addr::new(224, 0, 0, 0),
        prefix: 4,
        name: "224.0.0.0/4 (multicast)",
    },
    ForbiddenRange {
        network: Ipv4Addr::new(127, 0, 0, 0),
        prefix: 8,
        name: "127.0.0.0/8 (loopback)",
    },
    ForbiddenRange {
        network: Ipv4Addr::new(169, 254, 0, 0),
        prefix: 16,
        name: "169.254.0.0/16 (link-local)",
    },
];

/// Alibaba Cloud VPC: first 1 + last 3 reserved, /16–/29, gateway broadcast − 2.
pub const ALIBABA: CloudRules = CloudRules {
    cloud: CloudProfile::Alibaba,
    name: "alibaba",
    long_name: "alibaba cloud",
    subnet_word: "vswitch",
    reserved_front: 1,
    reserved_back: 3,
    min_prefix: 16,
    max_prefix: 29,
    gateway: GatewayRule::FromBroadcast(2),
    forbidden: ALIBABA_FORBIDDEN,
    max_available: 10,
    dns: &[Ipv4Addr::new(100, 100, 2, 136), Ipv4Addr::new(100, 100, 2, 138)],
};

impl CloudProfile {
    /// The cloud's addressing rules.
    ///
    /// ```
    /// use wizard::plan::CloudProfile;
    /// let r = CloudProfile::Alibaba.rules();
    /// assert_eq!((r.reserved_front, r.reserved_back, r.min_prefix, r.max_prefix), (1, 3, 16, 29));
    /// ```
    pub const fn rules(self) -> &'static CloudRules {
        match self {
            CloudProfile::Alibaba => &ALIBABA,
        }
    }
}

/// How reserved addresses at the front are named, by offset.
const FRONT_NAMES: &[&str] = &[
    "the first address",
    "the second address",
    "the third address",
    "the fourth address",
    "the fifth address",
];

/// How reserved addresses at the back are named, by distance from the end.
const BACK_NAMES: &[&str] = &[
    "the last address",
    "the second-to-last address",
    "the third-to-last address",
    "the fourth-to-last address",
    "the fifth-to-last address",
    "the sixth-to-last address",
    "the seventh-to-last address",
    "the eighth-to-last address",
    "the ninth-to-last address",
];

impl CloudRules {
    /// Whether the subnet's prefix is one the cloud allows.
    pub fn prefix_allowed(&self, prefix: u8) -> bool {
        (self.min_prefix..=self.max_prefix).contains(&prefix)
    }

    /// The first forbidden block the subnet overlaps, if any.
    pub fn forbidden_overlap(&self, subnet: &Subnet) -> Option<&'static ForbiddenRange> {
        self.forbidden.iter().find(|r| r.subnet().is_some_and(|f| f.overlaps(subnet)))
    }

    /// Which reserved address `addr` is, if it is one (network, broadcast, or
    /// one the cloud keeps, named by its place).
    ///
    /// ```
    /// use std::net::Ipv4Addr;
    /// use wizard::net::Subnet;
    /// use wizard::plan::problem::Reserved;
    /// use wizard::plan::cloud::ALIBABA;
    /// let s = Subnet::new(Ipv4Addr::new(192, 168, 1, 0), 24).unwrap();
    /// assert_eq!(ALIBABA.reserved_which(&s, Ipv4Addr::new(192, 168, 1, 254)),
    ///            Some(Reserved::Cloud("the second-to-last address")));
    /// assert_eq!(ALIBABA.reserved_which(&s, Ipv4Addr::new(192, 168, 1, 0)), Some(Reserved::Network));
    /// assert_eq!(ALIBABA.reserved_which(&s, Ipv4Addr::new(192, 168, 1, 1)), None);
    /// ```
    pub fn reserved_which(&self, subnet: &Subnet, addr: Ipv4Addr) -> Option<Reserved> {
        let offset = subnet.offset_of(addr)?;
        let from_end = subnet.size() - 1 - offset;
        if offset == 0 {
            Some(Reserved::Network)
        } else if from_end == 0 {
            Some(Reserved::Broadcast)
        } else if offset < u64::from(self.reserved_front) {
            Some(Reserved::Cloud(place(FRONT_NAMES, offset)))
        } else if from_end < u64::from(self.reserved_back) {
            Some(Reserved::Cloud(place(BACK_NAMES, from_end)))
        } else {
            None
        }
    }

    /// Every reserved address of the subnet, in address order, each with its name.
    pub fn reserved_addresses(&self, subnet: &Subnet) -> Vec<(Ipv4Addr, Reserved)> {
        let size = subnet.size();
        let front = u64::from(self.reserved_front).max(1).min(size);
        let back = u64::from(self.reserved_back).max(1).min(size - front);
        (0..front)
            .chain(size - back..size)
            .filter_map(|o| subnet.nth(o))
            .filter_map(|a| self.reserved_which(subnet, a).map(|w| (a, w)))
            .collect()
    }

    /// The offsets (from the network address) a host may use: `start..end`,
    /// empty when the subnet is too small.
    pub fn assignable_offsets(&self, subnet: &Subnet) -> std::ops::Range<u64> {
        let size = subnet.size();
        let start = u64::from(self.reserved_front).max(1);
        let end = size.saturating_sub(u64::from(self.reserved_back).max(1));
        start..end.max(start)
    }

    /// Where the gateway usually is in this subnet (`None` if the subnet is too
    /// small to have one).
    ///
    /// ```
    /// use std::net::Ipv4Addr;
    /// let s = wizard::net::Subnet::new(Ipv4Addr::new(192, 168, 1, 0), 24).unwrap();
    /// assert_eq!(wizard::plan::cloud::ALIBABA.usual_gateway(&s), Some(Ipv4Addr::new(192, 168, 1, 253)));
    /// ```
    pub fn usual_gateway(&self, subnet: &Subnet) -> Option<Ipv4Addr> {
        let size = subnet.size();
        let offset = match self.gateway {
            GatewayRule::FromNetwork(n) => u64::from(n),
            GatewayRule::FromBroadcast(n) => (size - 1).checked_sub(u64::from(n))?,
        };
        (offset > 0 && offset + 1 < size).then(|| subnet.nth(offset)).flatten()
    }
}

/// A name from a table, or a generic one past its end.
fn place(names: &[&'static str], index: u64) -> &'static str {
    usize::try_from(index).ok().and_then(|i| names.get(i)).copied().unwrap_or("a reserved address")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::test_util::net;

    #[test]
    fn reserved_names() {
        let r = ALIBABA.reserved_addresses(&net("10.0.0.0/29"));
        let names: Vec<_> = r.iter().map(|(a, w)| (a.to_string(), *w)).collect();
        assert_eq!(
            names,
            [
                ("10.0.0.0".into(), Reserved::Network),
                ("10.0.0.5".into(), Reserved::Cloud("the third-to-last address")),
                ("10.0.0.6".into(), Reserved::Cloud("the second-to-last address")),
                ("10.0.0.7".into(), Reserved::Broadcast),
            ]
        );
    }

    #[test]
    fn another_cloud_is_one_more_value() {
        // AWS's shape from DOMAIN.md: first 4 + last 1 reserved, gateway network + 1.
        let aws = CloudRules {
            name: "aws",
            long_name: "aws",
            subnet_word: "subnet",
            reserved_front: 4,
            reserved_back: 1,
            min_prefix: 16,
            max_prefix: 28,
            gateway: GatewayRule::FromNetwork(1),
            forbidden: &[],
            ..ALIBABA
        };
        let s = net("10.0.0.0/24");
        let ip = |d| Ipv4Addr::new(10, 0, 0, d);
        assert_eq!(aws.usual_gateway(&s), Some(ip(1)));
        assert_eq!(aws.reserved_which(&s, ip(3)), Some(Reserved::Cloud("the fourth address")));
        assert_eq!(aws.reserved_which(&s, ip(4)), None);
        assert_eq!(aws.reserved_which(&s, ip(254)), None);
        assert_eq!(aws.assignable_offsets(&s), 4..255);
        assert_eq!(aws.reserved_addresses(&s).len(), 5);
    }

    #[test]
    fn forbidden_blocks() {
        assert!(ALIBABA.forbidden_overlap(&net("100.100.0.0/16")).is_some());
        assert!(ALIBABA.forbidden_overlap(&net("169.254.1.0/24")).is_some());
        assert!(ALIBABA.forbidden_overlap(&net("100.128.0.0/16")).is_none());
        assert!(ALIBABA.forbidden_overlap(&net("192.168.0.0/16")).is_none());
    }
}
