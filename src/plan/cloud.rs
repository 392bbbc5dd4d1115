//! Each cloud's addressing rules, as data: which addresses of a subnet it
//! reserves, which prefixes and blocks it allows, where the gateway usually
//! is, how many addresses an unattached ENI holds and which resolvers it runs.
//! Adding a cloud is one more [`CloudRules`] value (see the table in
//! DOMAIN.md), not new code; its name in sentences is wording.

use std::net::Ipv4Addr;

use super::CloudProfile;
use crate::net::Subnet;
use crate::net6::{Addr6, Subnet6};

/// Where a cloud puts the default gateway of a subnet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GatewayRule {
    /// This many places after the network address (AWS, Azure, Google: 1).
    FromNetwork(u32),
    /// This many places before the broadcast address (Alibaba: 2).
    FromBroadcast(u32),
}

/// What a block that no subnet may use is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpecialUse {
    /// 100.64.0.0/10, carrier-grade NAT (RFC 6598).
    SharedAddressSpace,
    /// 224.0.0.0/4.
    Multicast,
    /// 127.0.0.0/8.
    Loopback,
    /// 169.254.0.0/16.
    LinkLocal,
}

/// A block a cloud forbids for subnets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ForbiddenRange {
    /// Its network address.
    pub network: Ipv4Addr,
    /// Its prefix length.
    pub prefix: u8,
    /// What the block is for (messages name it by that).
    pub purpose: SpecialUse,
}

impl ForbiddenRange {
    /// The block as a subnet.
    pub fn subnet(&self) -> Option<Subnet> {
        Subnet::new(self.network, self.prefix)
    }
}

/// Which reserved address of a subnet an address is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reserved {
    /// The network address (first of the subnet).
    Network,
    /// The broadcast address (last of the subnet).
    Broadcast,
    /// One the cloud keeps at the front: the `n`th address of the subnet
    /// (2 is the one after the network address).
    Front(u32),
    /// One the cloud keeps at the back: the `n`th address from the end
    /// (2 is the second-to-last).
    Back(u32),
}

/// One cloud's addressing rules, as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CloudRules {
    /// The profile these rules belong to.
    pub cloud: CloudProfile,
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
    /// The prefix of every subnet's IPv6 block (Alibaba: each vSwitch gets a
    /// /64 of its VPC's /56).
    pub prefix6: u8,
    /// The prefix of the VPC's IPv6 block, which is often pasted instead of
    /// the subnet's.
    pub vpc_prefix6: u8,
    /// Reserved addresses at the front of a subnet's IPv6 block (the first
    /// is the subnet-router anycast address, RFC 4291 §2.6.1).
    pub reserved6_front: u32,
    /// Reserved addresses at the back of a subnet's IPv6 block.
    pub reserved6_back: u32,
    /// IPv6 addresses an ENI in state Available may hold.
    pub max_available6: u32,
}

/// Blocks an Alibaba VPC or vSwitch may not use.
const ALIBABA_FORBIDDEN: &[ForbiddenRange] = &[
    ForbiddenRange {
        network: Ipv4Addr::new(100, 64, 0, 0),
        prefix: 10,
        purpose: SpecialUse::SharedAddressSpace,
    },
    ForbiddenRange {
        network: Ipv4Addr::new(224, 0, 0, 0),
        prefix: 4,
        purpose: SpecialUse::Multicast,
    },
    ForbiddenRange {
        network: Ipv4Addr::new(127, 0, 0, 0),
        prefix: 8,
        purpose: SpecialUse::Loopback,
    },
    ForbiddenRange {
        network: Ipv4Addr::new(169, 254, 0, 0),
        prefix: 16,
        purpose: SpecialUse::LinkLocal,
    },
];

/// Alibaba Cloud VPC: first 1 + last 3 reserved, /16–/29, gateway broadcast − 2.
///
/// IPv6: a VPC's block is a /56 and each vSwitch's a /64 (Alibaba, "VPCs and
/// vSwitches", table "CIDR blocks and IP addresses":
/// <https://www.alibabacloud.com/help/en/virtual-private-cloud/latest/vpcs-and-vswitchs-overview>);
/// the first address and the last 9 of a vSwitch's IPv6 block are reserved
/// (DOMAIN.md §1).
pub const ALIBABA: CloudRules = CloudRules {
    cloud: CloudProfile::Alibaba,
    reserved_front: 1,
    reserved_back: 3,
    min_prefix: 16,
    max_prefix: 29,
    gateway: GatewayRule::FromBroadcast(2),
    forbidden: ALIBABA_FORBIDDEN,
    max_available: 10,
    dns: &[Ipv4Addr::new(100, 100, 2, 136), Ipv4Addr::new(100, 100, 2, 138)],
    prefix6: 64,
    vpc_prefix6: 56,
    reserved6_front: 1,
    reserved6_back: 9,
    max_available6: 10,
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
    /// one the cloud keeps, by its place).
    ///
    /// ```
    /// use std::net::Ipv4Addr;
    /// use wizard::net::Subnet;
    /// use wizard::plan::cloud::{Reserved, ALIBABA};
    /// let s = Subnet::new(Ipv4Addr::new(192, 168, 1, 0), 24).unwrap();
    /// assert_eq!(ALIBABA.reserved_which(&s, Ipv4Addr::new(192, 168, 1, 254)), Some(Reserved::Back(2)));
    /// assert_eq!(ALIBABA.reserved_which(&s, Ipv4Addr::new(192, 168, 1, 0)), Some(Reserved::Network));
    /// assert_eq!(ALIBABA.reserved_which(&s, Ipv4Addr::new(192, 168, 1, 1)), None);
    /// ```
    pub fn reserved_which(&self, subnet: &Subnet, addr: Ipv4Addr) -> Option<Reserved> {
        let offset = subnet.offset_of(addr)?;
        let from_end = subnet.size() - 1 - offset;
        // Both are below the subnet's size, at most 2^32: they fit once 1 is added.
        let place = |n: u64| u32::try_from(n + 1).unwrap_or(u32::MAX);
        if offset == 0 {
            Some(Reserved::Network)
        } else if from_end == 0 {
            Some(Reserved::Broadcast)
        } else if offset < u64::from(self.reserved_front) {
            Some(Reserved::Front(place(offset)))
        } else if from_end < u64::from(self.reserved_back) {
            Some(Reserved::Back(place(from_end)))
        } else {
            None
        }
    }

    /// Which reserved address of a subnet's IPv6 block `addr` is, if it is
    /// one: the first ([`Reserved::Network`], the subnet-router anycast
    /// address), one kept at the front ([`Reserved::Front`]) or at the back
    /// ([`Reserved::Back`], 1 being the last address: IPv6 has no broadcast).
    ///
    /// ```
    /// use wizard::net6::Subnet6;
    /// use wizard::plan::cloud::{Reserved, ALIBABA};
    /// let s: Subnet6 = "2001:db8::/64".parse().unwrap();
    /// let at = |a: &str| ALIBABA.reserved6_which(&s, a.parse().unwrap());
    /// assert_eq!(at("2001:db8::"), Some(Reserved::Network));
    /// assert_eq!(at("2001:db8::ffff:ffff:ffff:ffff"), Some(Reserved::Back(1)));
    /// assert_eq!(at("2001:db8::ffff:ffff:ffff:fff7"), Some(Reserved::Back(9)));
    /// assert_eq!(at("2001:db8::ffff:ffff:ffff:fff6"), None);
    /// assert_eq!(at("2001:db8::1"), None);
    /// ```
    pub fn reserved6_which(&self, subnet: &Subnet6, addr: Addr6) -> Option<Reserved> {
        let pos = subnet.position(addr)?;
        // A place is at most 2^128 − 1 + 1 only for ::/0; saturate.
        let place = |n: u128| u32::try_from(n.saturating_add(1)).unwrap_or(u32::MAX);
        if pos.offset() == 0 {
            Some(Reserved::Network)
        } else if pos.offset() < u128::from(self.reserved6_front) {
            Some(Reserved::Front(place(pos.offset())))
        } else if pos.from_end() < u128::from(self.reserved6_back) {
            Some(Reserved::Back(place(pos.from_end())))
        } else {
            None
        }
    }

    /// The offsets (from the network address) of a subnet's IPv6 block that
    /// an ENI may use, `None` when the block is too small to have any: for a
    /// /64 at Alibaba, 1 ..= 2^64 − 10.
    ///
    /// ```
    /// use wizard::net6::Subnet6;
    /// let s: Subnet6 = "2001:db8::/64".parse().unwrap();
    /// assert_eq!(wizard::plan::cloud::ALIBABA.assignable_offsets6(&s), Some(1..=(1u128 << 64) - 10));
    /// ```
    pub fn assignable_offsets6(&self, subnet: &Subnet6) -> Option<std::ops::RangeInclusive<u128>> {
        let start = u128::from(self.reserved6_front.max(1));
        let end = subnet.last_offset().checked_sub(u128::from(self.reserved6_back))?;
        (start <= end).then_some(start..=end)
    }

    /// Every reserved address of the subnet, in address order, each with its place.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::test_util::net;

    #[test]
    fn reserved_places() {
        let r = ALIBABA.reserved_addresses(&net("10.0.0.0/29"));
        let places: Vec<_> = r.iter().map(|(a, w)| (a.to_string(), *w)).collect();
        assert_eq!(
            places,
            [
                ("10.0.0.0".into(), Reserved::Network),
                ("10.0.0.5".into(), Reserved::Back(3)),
                ("10.0.0.6".into(), Reserved::Back(2)),
                ("10.0.0.7".into(), Reserved::Broadcast),
            ]
        );
    }

    #[test]
    fn another_cloud_is_one_more_value() {
        // AWS's shape from DOMAIN.md: first 4 + last 1 reserved, gateway network + 1.
        let aws = CloudRules {
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
        assert_eq!(aws.reserved_which(&s, ip(3)), Some(Reserved::Front(4)));
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
