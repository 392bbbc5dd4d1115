//! The subnet a form describes and what is known about it: the vSwitch
//! field worked out (a CIDR, or a mask with the primary's network), its
//! facts under the cloud's rules, its usual gateway, and the search for free
//! addresses.

use std::net::Ipv4Addr;

use super::cloud::Reserved;
use super::form::Form;
use super::problem::ProblemKind;
use super::CloudProfile;
use crate::net::{parse_cidr_input, parse_ipv4, CidrError, CidrInput, Subnet};

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

/// Works out the subnet from the vSwitch field: a CIDR, or a mask whose
/// network comes from the primary IP. The error is the problem for the
/// vSwitch field.
///
/// ```
/// use wizard::plan::subnet::resolve_subnet;
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

/// The usual gateway of the form's subnet (its cloud's rule), once the
/// CIDR or mask and the primary IP pin the subnet down.
///
/// ```
/// use wizard::plan::{subnet::suggested_gateway, Form};
/// assert_eq!(suggested_gateway(&Form::guide_example()).as_deref(), Some("192.168.1.253"));
/// assert_eq!(suggested_gateway(&Form::default()), None);
/// ```
pub fn suggested_gateway(form: &Form) -> Option<String> {
    let resolved = resolve_subnet(&form.cidr, &form.primary).ok()?;
    let cloud = form.cloud.parse().unwrap_or(CloudProfile::Alibaba);
    cloud.rules().usual_gateway(&resolved.subnet).map(|g| g.to_string())
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
    /// The reserved addresses, each with its place.
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
    /// use wizard::plan::{subnet::SubnetFacts, CloudProfile};
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
/// use wizard::plan::{subnet::next_free, CloudProfile};
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::test_util::net;

    #[test]
    fn facts_of_a_29() {
        let f = SubnetFacts::new(net("10.0.0.0/29"), CloudProfile::Alibaba);
        assert_eq!(f.reserved.len(), 4);
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
}
