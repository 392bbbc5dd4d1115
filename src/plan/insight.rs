//! What the UI shows beside the form, computed by the core: each cloud's
//! addressing rules as data, subnet facts, free-address suggestions, the
//! subnet picture (which also works on an invalid form), and the per-ENI
//! address count.
//!
//! [`validate`](fn@super::validate) uses the same functions, so the picture and
//! the problems never disagree.

use std::collections::HashMap;
use std::net::Ipv4Addr;

use super::form::{Field, Form};
use super::problem::{Problem, ProblemKind, Reserved};
use super::{CloudProfile, EniLimit, EniState, LimitSource};
use crate::catalog::instance_types;
use crate::net::{parse_cidr_input, parse_ipv4, AddrError, CidrError, CidrInput, Subnet};

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

/// One cloud's addressing rules, as data: adding a cloud is one more value of
/// this struct (see the table in DOMAIN.md), not new code.
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
    /// use wizard::plan::insight::ALIBABA;
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
    /// assert_eq!(wizard::plan::insight::ALIBABA.usual_gateway(&s), Some(Ipv4Addr::new(192, 168, 1, 253)));
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

/// Facts about a subnet under one cloud's rules, for the UI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubnetFacts {
    /// The cloud whose rules apply.
    pub cloud: CloudProfile,
    /// The subnet.
    pub subnet: Subnet,
    /// The network address.
    pub network: Ipv4Addr,
    /// The broadcast address.
    pub broadcast: Ipv4Addr,
    /// The prefix length.
    pub prefix: u8,
    /// The dotted mask.
    pub mask: Ipv4Addr,
    /// The wildcard (inverted mask).
    pub wildcard: Ipv4Addr,
    /// First and last host address (network + 1 … broadcast − 1), if any.
    pub hosts: Option<(Ipv4Addr, Ipv4Addr)>,
    /// How many host addresses there are (network and broadcast excluded).
    pub host_count: u64,
    /// First and last address an ENI may use (the cloud's reserved ones excluded), if any.
    pub usable: Option<(Ipv4Addr, Ipv4Addr)>,
    /// How many addresses an ENI may use.
    pub usable_count: u64,
    /// The reserved addresses, each with its name.
    pub reserved: Vec<(Ipv4Addr, Reserved)>,
    /// The usual gateway (broadcast − 2 on Alibaba).
    pub suggested_gateway: Option<Ipv4Addr>,
    /// Usable addresses not taken by the addresses given to [`SubnetFacts::with_taken`].
    pub free_count: u64,
}

impl SubnetFacts {
    /// The facts of `subnet` under `cloud`'s rules, with nothing taken.
    ///
    /// ```
    /// use std::net::Ipv4Addr;
    /// use wizard::net::Subnet;
    /// use wizard::plan::{insight::SubnetFacts, CloudProfile};
    /// let s = Subnet::new(Ipv4Addr::new(192, 168, 1, 0), 24).unwrap();
    /// let f = SubnetFacts::new(s, CloudProfile::Alibaba);
    /// assert_eq!(f.mask, Ipv4Addr::new(255, 255, 255, 0));
    /// assert_eq!(f.wildcard, Ipv4Addr::new(0, 0, 0, 255));
    /// assert_eq!(f.host_count, 254);
    /// assert_eq!(f.usable, Some((Ipv4Addr::new(192, 168, 1, 1), Ipv4Addr::new(192, 168, 1, 252))));
    /// assert_eq!(f.usable_count, 252);
    /// assert_eq!(f.reserved.len(), 4);
    /// assert_eq!(f.suggested_gateway, Some(Ipv4Addr::new(192, 168, 1, 253)));
    /// ```
    pub fn new(subnet: Subnet, cloud: CloudProfile) -> SubnetFacts {
        SubnetFacts::with_taken(subnet, cloud, &[])
    }

    /// The facts, with `free_count` leaving out the `taken` addresses
    /// (duplicates and addresses outside the usable range are ignored).
    pub fn with_taken(subnet: Subnet, cloud: CloudProfile, taken: &[Ipv4Addr]) -> SubnetFacts {
        let rules = cloud.rules();
        let size = subnet.size();
        let host_count = size.saturating_sub(2);
        let hosts =
            (host_count > 0).then(|| Some((subnet.nth(1)?, subnet.nth(size - 2)?))).flatten();
        let range = rules.assignable_offsets(&subnet);
        let usable_count = range.end - range.start;
        let usable = (usable_count > 0)
            .then(|| Some((subnet.nth(range.start)?, subnet.nth(range.end - 1)?)))
            .flatten();
        let taken_offsets = taken_offsets(&subnet, &range, taken);
        SubnetFacts {
            cloud,
            subnet,
            network: subnet.network(),
            broadcast: subnet.broadcast(),
            prefix: subnet.prefix(),
            mask: subnet.mask(),
            wildcard: subnet.wildcard(),
            hosts,
            host_count,
            usable,
            usable_count,
            reserved: rules.reserved_addresses(&subnet),
            suggested_gateway: rules.usual_gateway(&subnet),
            free_count: usable_count - taken_offsets.len() as u64,
        }
    }
}

/// The sorted, distinct offsets of `taken` addresses inside `range`.
fn taken_offsets(subnet: &Subnet, range: &std::ops::Range<u64>, taken: &[Ipv4Addr]) -> Vec<u64> {
    let mut out: Vec<u64> =
        taken.iter().filter_map(|&a| subnet.offset_of(a)).filter(|o| range.contains(o)).collect();
    crate::small_sort::sort_by_key(&mut out, |&o| o);
    out.dedup();
    out
}

/// The most suggestions [`next_free`] returns in one call.
pub const MAX_SUGGESTIONS: usize = 1024;

/// Up to `n` (at most [`MAX_SUGGESTIONS`]) free addresses of the subnet: not
/// reserved, not the network or broadcast address, not the usual gateway and
/// not in `taken` (pass the gateway, primary and secondaries). The search
/// starts after the highest taken address and wraps around, so a primary at
/// .201 gets .202, .203 … Work grows with `n` and `taken`, not with the subnet.
///
/// ```
/// use std::net::Ipv4Addr;
/// use wizard::net::Subnet;
/// use wizard::plan::{insight::next_free, CloudProfile};
/// let s = Subnet::new(Ipv4Addr::new(192, 168, 1, 0), 24).unwrap();
/// let taken = [Ipv4Addr::new(192, 168, 1, 201), Ipv4Addr::new(192, 168, 1, 202)];
/// assert_eq!(next_free(&s, CloudProfile::Alibaba, &taken, 2),
///            [Ipv4Addr::new(192, 168, 1, 203), Ipv4Addr::new(192, 168, 1, 204)]);
/// let last = [Ipv4Addr::new(192, 168, 1, 252)];
/// assert_eq!(next_free(&s, CloudProfile::Alibaba, &last, 1), [Ipv4Addr::new(192, 168, 1, 1)]);
/// ```
pub fn next_free(
    subnet: &Subnet,
    cloud: CloudProfile,
    taken: &[Ipv4Addr],
    n: usize,
) -> Vec<Ipv4Addr> {
    let rules = cloud.rules();
    let range = rules.assignable_offsets(subnet);
    let mut skip = taken_offsets(subnet, &range, taken);
    let start = skip.last().map_or(range.start, |&o| o + 1);
    if let Some(gw) = rules.usual_gateway(subnet).and_then(|g| subnet.offset_of(g)) {
        if range.contains(&gw) {
            if let Err(i) = skip.binary_search(&gw) {
                skip.insert(i, gw);
            }
        }
    }
    let want = n.min(MAX_SUGGESTIONS);
    let mut out = Vec::with_capacity(want);
    let walk = |from: u64, to: u64, out: &mut Vec<Ipv4Addr>| {
        // Offsets taken in [from, to) are visited in order alongside the walk.
        let mut next_skip = skip.partition_point(|&o| o < from);
        let mut o = from;
        while o < to && out.len() < want {
            if skip.get(next_skip) == Some(&o) {
                next_skip += 1;
            } else if let Some(a) = subnet.nth(o) {
                out.push(a);
            }
            o += 1;
        }
    };
    walk(start.min(range.end), range.end, &mut out);
    walk(range.start, start.min(range.end), &mut out);
    out
}

/// Which field an address of the picture was typed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The gateway field.
    Gateway,
    /// The primary IP field.
    Primary,
    /// A secondary row (index into [`Form::secondaries`]).
    Secondary(usize),
}

impl Role {
    /// The form field this role belongs to.
    pub fn field(self) -> Field {
        match self {
            Role::Gateway => Field::Gateway,
            Role::Primary => Field::Primary,
            Role::Secondary(row) => Field::Secondary(row),
        }
    }
}

/// What is wrong (or right) with one typed address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddrStatus {
    /// Fine.
    Ok,
    /// A gateway that works but is not the cloud's usual one (a warning).
    UnusualGateway {
        /// The usual gateway.
        usual: Ipv4Addr,
    },
    /// Not a strict IPv4 address.
    Unparsable(AddrError),
    /// Outside the subnet.
    Outside,
    /// Reserved (network, broadcast, or by the cloud).
    Reserved(Reserved),
    /// Equal to the gateway.
    IsGateway,
    /// Typed before, in the given place.
    Duplicate(Role),
}

impl AddrStatus {
    /// Whether this status blocks the plan.
    pub fn is_error(self) -> bool {
        !matches!(self, AddrStatus::Ok | AddrStatus::UnusualGateway { .. })
    }
}

/// One typed address of the form, with its role and status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddrEntry {
    /// Where it was typed.
    pub role: Role,
    /// The text as typed (one piece of a secondary row).
    pub text: String,
    /// The address, when the text parses.
    pub addr: Option<Ipv4Addr>,
    /// What is wrong with it, if anything.
    pub status: AddrStatus,
}

/// The vSwitch worked out from the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResolvedSubnet {
    /// The subnet (host bits cleared).
    pub subnet: Subnet,
    /// What the field held.
    pub input: CidrInput,
    /// A CIDR with host bits set was given; `subnet` is the network it means.
    pub host_bits_set: bool,
}

/// The usual gateway of the form's subnet (its cloud's rule), once the
/// CIDR or mask and the primary IP pin the subnet down.
///
/// ```
/// use wizard::plan::{insight::suggested_gateway, Form};
/// assert_eq!(suggested_gateway(&Form::guide_example()).as_deref(), Some("192.168.1.253"));
/// assert_eq!(suggested_gateway(&Form::default()), None);
/// ```
pub fn suggested_gateway(form: &Form) -> Option<String> {
    let resolved = resolve_subnet(&form.cidr, &form.primary).ok()?;
    let cloud = form.cloud.parse().unwrap_or(CloudProfile::Alibaba);
    cloud.rules().usual_gateway(&resolved.subnet).map(|g| g.to_string())
}

/// Applies `change` to `form`; when it moves the subnet and the gateway is
/// empty or still the old subnet's usual one, the gateway follows to the
/// new subnet's usual gateway. A gateway the user typed is never overwritten.
///
/// ```
/// use wizard::plan::{insight::edit_following_gateway, Form};
/// let mut f = Form::guide_example(); // gateway 192.168.1.253, the usual one
/// edit_following_gateway(&mut f, |f| f.cidr = "10.0.0.0/24".into());
/// assert_eq!(f.gateway, "10.0.0.253"); // followed the subnet
///
/// f.gateway = "10.0.0.1".into(); // typed by the user
/// edit_following_gateway(&mut f, |f| f.cidr = "10.0.1.0/24".into());
/// assert_eq!(f.gateway, "10.0.0.1"); // kept
///
/// f.gateway.clear();
/// edit_following_gateway(&mut f, |f| f.dns = "100.100.2.136".into());
/// assert_eq!(f.gateway, ""); // the subnet did not move: left empty
/// edit_following_gateway(&mut f, |f| f.cidr = "10.0.2.0/24".into());
/// assert_eq!(f.gateway, "10.0.2.253"); // an empty gateway is filled in
/// ```
pub fn edit_following_gateway(form: &mut Form, change: impl FnOnce(&mut Form)) {
    let before = suggested_gateway(form);
    change(form);
    let after = suggested_gateway(form);
    let untouched = form.gateway.trim().is_empty() || before.as_deref() == Some(&form.gateway);
    if before != after && untouched {
        if let Some(gateway) = after {
            form.gateway = gateway;
        }
    }
}

/// Works out the subnet from the vSwitch field: a CIDR, or a mask whose
/// network comes from the primary IP. The error is the problem for the
/// vSwitch field.
///
/// ```
/// use wizard::plan::insight::resolve_subnet;
/// assert_eq!(resolve_subnet("/24", "10.1.2.3").unwrap().subnet.to_string(), "10.1.2.0/24");
/// assert!(resolve_subnet("10.1.2.3/24", "").unwrap().host_bits_set);
/// assert!(resolve_subnet("24", "").is_err());
/// ```
pub fn resolve_subnet(cidr: &str, primary: &str) -> Result<ResolvedSubnet, ProblemKind> {
    let value = || cidr.to_owned();
    let input = parse_cidr_input(cidr).map_err(|e| match e {
        CidrError::Empty => ProblemKind::Required,
        CidrError::Mask => ProblemKind::InvalidMask { value: value() },
        CidrError::Address(_) | CidrError::Malformed => ProblemKind::InvalidCidr { value: value() },
    })?;
    let (addr, host_bits_allowed) = match input {
        CidrInput::Cidr { addr, .. } => (addr, false),
        CidrInput::Mask { .. } => (
            parse_ipv4(primary).map_err(|_| ProblemKind::MaskNeedsPrimary { value: value() })?,
            true,
        ),
    };
    let subnet = Subnet::new(addr, input.prefix())
        .ok_or_else(|| ProblemKind::InvalidMask { value: value() })?;
    Ok(ResolvedSubnet {
        subnet,
        input,
        host_bits_set: !host_bits_allowed && subnet.network() != addr,
    })
}

/// The status of every typed address (gateway, primary, secondaries), given
/// the subnet if known. Empty fields have no entry.
pub(crate) fn classify(form: &Form, rules: &CloudRules, subnet: Option<&Subnet>) -> Vec<AddrEntry> {
    let mut entries = Vec::new();
    let gateway = parse_ipv4(&form.gateway).ok();
    if !form.gateway.is_empty() {
        let status = match (gateway, subnet) {
            (None, _) => {
                AddrStatus::Unparsable(parse_ipv4(&form.gateway).err().unwrap_or(AddrError::Empty))
            }
            (Some(g), Some(s)) if !s.contains(g) => AddrStatus::Outside,
            (Some(g), Some(s)) => match rules.reserved_which(s, g) {
                Some(w @ (Reserved::Network | Reserved::Broadcast)) => AddrStatus::Reserved(w),
                _ => match rules.usual_gateway(s) {
                    Some(usual) if usual != g => AddrStatus::UnusualGateway { usual },
                    _ => AddrStatus::Ok,
                },
            },
            (Some(_), None) => AddrStatus::Ok,
        };
        entries.push(AddrEntry {
            role: Role::Gateway,
            text: form.gateway.clone(),
            addr: gateway,
            status,
        });
    }
    let mut seen: HashMap<Ipv4Addr, Role> = HashMap::new();
    let hosts = (!form.primary.is_empty())
        .then_some((Role::Primary, form.primary.as_str()))
        .into_iter()
        .chain(form.secondary_items().into_iter().map(|(row, s)| (Role::Secondary(row), s)));
    for (role, text) in hosts {
        let parsed = parse_ipv4(text);
        let addr = parsed.ok();
        let status = match (parsed, subnet) {
            (Err(e), _) => AddrStatus::Unparsable(e),
            (Ok(a), Some(s)) if !s.contains(a) => AddrStatus::Outside,
            (Ok(a), Some(s)) if rules.reserved_which(s, a).is_some() => {
                AddrStatus::Reserved(rules.reserved_which(s, a).unwrap_or(Reserved::Network))
            }
            (Ok(a), _) if Some(a) == gateway => AddrStatus::IsGateway,
            (Ok(a), _) => match seen.get(&a) {
                Some(&first) => AddrStatus::Duplicate(first),
                None => AddrStatus::Ok,
            },
        };
        if let Some(a) = addr {
            seen.entry(a).or_insert(role);
        }
        entries.push(AddrEntry { role, text: text.to_owned(), addr, status });
    }
    entries
}

/// Everything the subnet picture shows, worked out from a form that may be
/// invalid: the UI does no parsing of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    /// The cloud whose rules were applied (Alibaba if the form's is unknown).
    pub cloud: CloudProfile,
    /// The subnet, or why it cannot be worked out.
    pub subnet: Result<ResolvedSubnet, ProblemKind>,
    /// Facts about the subnet, with `free_count` leaving out the typed addresses.
    pub facts: Option<SubnetFacts>,
    /// Every typed address with its role and status, gateway first, then the
    /// primary, then the secondaries in order.
    pub entries: Vec<AddrEntry>,
}

impl Picture {
    /// Every address typed that parses (to pass to [`next_free`]).
    pub fn taken(&self) -> Vec<Ipv4Addr> {
        self.entries.iter().filter_map(|e| e.addr).collect()
    }

    /// Up to `n` free addresses to suggest for new secondaries (empty when the
    /// subnet is unknown).
    pub fn suggestions(&self, n: usize) -> Vec<Ipv4Addr> {
        self.facts
            .as_ref()
            .map_or_else(Vec::new, |f| next_free(&f.subnet, self.cloud, &self.taken(), n))
    }
}

/// The subnet picture of a form, valid or not.
///
/// ```
/// use wizard::plan::{insight::{picture, AddrStatus, Role}, Form};
/// let mut form = Form::guide_example();
/// form.secondaries.push("192.168.1.255, 10.0.0.1".into());
/// let p = picture(&form);
/// assert_eq!(p.facts.as_ref().unwrap().prefix, 24);
/// let last = &p.entries[p.entries.len() - 1];
/// assert_eq!((last.role, last.status), (Role::Secondary(2), AddrStatus::Outside));
/// assert_eq!(p.suggestions(1)[0].to_string(), "192.168.1.204");
/// ```
pub fn picture(form: &Form) -> Picture {
    let cloud = form.cloud.parse().unwrap_or(CloudProfile::Alibaba);
    let rules = cloud.rules();
    let subnet = resolve_subnet(&form.cidr, &form.primary);
    let s = subnet.as_ref().ok().map(|r| r.subnet);
    let entries = classify(form, rules, s.as_ref());
    let taken: Vec<Ipv4Addr> = entries.iter().filter_map(|e| e.addr).collect();
    let facts = s.map(|s| SubnetFacts::with_taken(s, cloud, &taken));
    Picture { cloud, subnet, facts, entries }
}

/// The per-ENI limit worked out from the form, with its problems.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LimitResolution {
    /// The limit, when one applies.
    pub limit: Option<EniLimit>,
    /// The instance type found in the catalog, when one was given.
    pub instance_type: Option<&'static str>,
    /// Problems with the instance type and typed limit fields.
    pub problems: Vec<Problem>,
}

/// The largest per-ENI limit a typed number may give.
pub const MAX_TYPED_LIMIT: u32 = 100;

/// Works out the limit: Available → the cloud's maximum; InUse → the typed
/// limit, else the instance type's, else none (a warning).
///
/// `suggest` asks for the closest names of an unknown instance type (the
/// costly part: the UI's counter does without).
pub(crate) fn resolve_limit(form: &Form, rules: &CloudRules, suggest: bool) -> LimitResolution {
    let mut problems = Vec::new();
    let typed = if form.limit.is_empty() {
        None
    } else {
        let n = (form.limit.len() <= 3
            && form.limit.bytes().all(|b| b.is_ascii_digit())
            && !form.limit.starts_with('0'))
        .then(|| form.limit.parse::<u32>().ok())
        .flatten()
        .filter(|n| (2..=MAX_TYPED_LIMIT).contains(n));
        if n.is_none() {
            problems.push(Problem::error(
                Field::Limit,
                ProblemKind::InvalidLimit { value: form.limit.clone() },
            ));
        }
        n
    };
    let known = if form.instance_type.is_empty() {
        None
    } else {
        let found = instance_types::lookup(&form.instance_type);
        if found.is_none() {
            let kind = ProblemKind::UnknownInstanceType {
                value: form.instance_type.clone(),
                suggestions: if suggest {
                    instance_types::closest(&form.instance_type, 5)
                } else {
                    Vec::new()
                },
            };
            // A type missing from the catalog is fine when its limit is typed.
            problems.push(if typed.is_some() {
                Problem::warning(Field::InstanceType, kind)
            } else {
                Problem::error(Field::InstanceType, kind)
            });
        }
        found
    };
    let state = form.eni_state.parse::<EniState>().ok();
    let limit = match state {
        Some(EniState::Available) => {
            Some(EniLimit { per_eni: rules.max_available, source: LimitSource::Available })
        }
        Some(EniState::InUse) => match (typed, known) {
            (Some(n), k) => {
                if let Some(t) = k.filter(|t| u32::from(t.private_ipv4_per_eni) != n) {
                    problems.push(Problem::warning(
                        Field::Limit,
                        ProblemKind::LimitDiffers {
                            typed: n,
                            catalog: u32::from(t.private_ipv4_per_eni),
                            instance_type: t.name.to_owned(),
                        },
                    ));
                }
                Some(EniLimit { per_eni: n, source: LimitSource::Typed })
            }
            (None, Some(t)) => Some(EniLimit {
                per_eni: u32::from(t.private_ipv4_per_eni),
                source: LimitSource::InstanceType(t.name.to_owned()),
            }),
            (None, None) => {
                if form.instance_type.is_empty() && form.limit.is_empty() {
                    problems.push(Problem::warning(Field::InstanceType, ProblemKind::LimitUnknown));
                }
                None
            }
        },
        None => None,
    };
    LimitResolution { limit, instance_type: known.map(|t| t.name), problems }
}

/// The per-ENI count for the form as typed, for the UI's counter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitStatus {
    /// The limit (primary included), when one applies.
    pub limit: Option<EniLimit>,
    /// Addresses typed: the primary (counted even when empty: the ENI always
    /// has one) plus every secondary piece.
    pub used: usize,
    /// How many more secondaries fit (negative when over the limit).
    pub remaining: Option<i64>,
}

/// The per-ENI limit and how many more secondaries fit, for the current form.
///
/// ```
/// use wizard::plan::{insight::limit_status, Form};
/// let mut form = Form::guide_example();
/// form.instance_type = "ecs.t6-c1m1.large".into();
/// let s = limit_status(&form);
/// assert_eq!((s.limit.unwrap().per_eni, s.used, s.remaining), (2, 3, Some(-1)));
/// ```
pub fn limit_status(form: &Form) -> LimitStatus {
    let cloud = form.cloud.parse().unwrap_or(CloudProfile::Alibaba);
    let limit = resolve_limit(form, cloud.rules(), false).limit;
    let used = 1 + form.secondary_items().len();
    let remaining = limit.as_ref().map(|l| i64::from(l.per_eni) - used as i64);
    LimitStatus { limit, used, remaining }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(s: &str) -> Subnet {
        let (a, p) = s.split_once('/').unwrap();
        Subnet::new(a.parse().unwrap(), p.parse().unwrap()).unwrap()
    }

    #[test]
    fn reserved_names() {
        let s = net("10.0.0.0/29");
        let r = ALIBABA.reserved_addresses(&s);
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
        let f = SubnetFacts::new(s, CloudProfile::Alibaba);
        assert_eq!(f.usable_count, 4);
        assert_eq!(f.suggested_gateway, Some(Ipv4Addr::new(10, 0, 0, 5)));
    }

    #[test]
    fn tiny_subnets_do_not_underflow() {
        for p in 29..=32 {
            let s = net(&format!("10.0.0.0/{p}"));
            let f = SubnetFacts::new(s, CloudProfile::Alibaba);
            assert!(f.usable_count <= s.size());
            assert!(next_free(&s, CloudProfile::Alibaba, &[], 10).len() as u64 <= f.usable_count);
        }
        let f = SubnetFacts::new(net("10.0.0.0/32"), CloudProfile::Alibaba);
        assert_eq!(
            (f.host_count, f.usable_count, f.hosts, f.suggested_gateway),
            (0, 0, None, None)
        );
    }

    #[test]
    fn next_free_on_a_16_is_fast_and_skips() {
        let s = net("172.16.0.0/16");
        let taken: Vec<Ipv4Addr> = (1..=200u8).map(|i| Ipv4Addr::new(172, 16, 0, i)).collect();
        let got = next_free(&s, CloudProfile::Alibaba, &taken, 5);
        assert_eq!(got[0], Ipv4Addr::new(172, 16, 0, 201));
        let near_end = [Ipv4Addr::new(172, 16, 255, 251)];
        let got = next_free(&s, CloudProfile::Alibaba, &near_end, 3);
        // .252 is free, .253 (gateway) .254 .255 are not; then wrap to the start.
        assert_eq!(
            got,
            [
                Ipv4Addr::new(172, 16, 255, 252),
                Ipv4Addr::new(172, 16, 0, 1),
                Ipv4Addr::new(172, 16, 0, 2)
            ]
        );
        assert_eq!(next_free(&s, CloudProfile::Alibaba, &[], usize::MAX).len(), MAX_SUGGESTIONS);
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

    #[test]
    fn picture_of_an_invalid_form() {
        let form = Form {
            cidr: "nonsense".into(),
            gateway: "1.2.3".into(),
            primary: "10.0.0.5".into(),
            secondaries: vec!["10.0.0.5 10.0.0.6".into()],
            ..Form::default()
        };
        let p = picture(&form);
        assert!(p.facts.is_none());
        let statuses: Vec<_> = p.entries.iter().map(|e| (e.role, e.status)).collect();
        assert_eq!(
            statuses,
            [
                (Role::Gateway, AddrStatus::Unparsable(AddrError::PartCount(3))),
                (Role::Primary, AddrStatus::Ok),
                (Role::Secondary(0), AddrStatus::Duplicate(Role::Primary)),
                (Role::Secondary(0), AddrStatus::Ok),
            ]
        );
    }
}
