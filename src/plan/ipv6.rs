//! The ENI's IPv6 part: the vSwitch's IPv6 block, the ENI's own IPv6
//! address and the IPv6 addresses to add, with their rules. All three fields
//! empty means no IPv6 (the plan's `ipv6` is `None`).
//!
//! The facts the rules rest on:
//!
//! - A VPC's IPv6 block is a /56 and each vSwitch's a /64 of it (Alibaba,
//!   "VPCs and vSwitches", table "CIDR blocks and IP addresses":
//!   <https://www.alibabacloud.com/help/en/virtual-private-cloud/latest/vpcs-and-vswitchs-overview>).
//!   A /56 typed here is the VPC's block: the error says so.
//! - The first address and the last 9 of a vSwitch's IPv6 block are
//!   reserved (DOMAIN.md §1), so an ENI may use offsets 1 ..= 2^64 − 10 of
//!   its /64. The first is also the subnet-router anycast address (RFC 4291
//!   §2.6.1), never a host's. The numbers are [`CloudRules`] data.
//! - AssignIpv6Addresses takes 1–10 addresses per call, and an Available
//!   ENI holds at most 10 (DOMAIN.md §2); an attached ENI holds its
//!   instance type's "IPv6 addresses per ENI" (the catalog's
//!   `ipv6_per_eni`, DescribeInstanceTypes' EniIpv6AddressQuantity), worked
//!   out beside the IPv4 limit in [`super::limit`].
//! - Addresses are parsed by [`crate::net6`], which refuses zone ids
//!   (`fe80::1%eth0`) and IPv4-embedded text (`::ffff:192.0.2.1`) with a
//!   reason the field's error words.

use super::cloud::CloudRules;
use super::form::{Field, Form};
use super::limit::{EniLimit, IPV6_PER_CALL};
use super::problem::{Problem, ProblemKind};
use crate::net6::{parse_cidr6, parse_ipv6, Addr6, Subnet6};

/// The ENI's IPv6 part of a plan, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ipv6Part {
    /// The vSwitch's IPv6 block (always the cloud's vSwitch prefix, /64).
    pub subnet: Subnet6,
    /// The IPv6 address the ENI already has, when given.
    pub primary: Option<Addr6>,
    /// The IPv6 addresses to add, in the order given, without duplicates
    /// (possibly none).
    pub secondaries: Vec<Addr6>,
}

/// The IPv6 fields: `Ok(None)` when all are empty, `Err(())` when a
/// problem was reported (each on its field).
pub(crate) fn check_ipv6(
    form: &Form,
    rules: &CloudRules,
    limit: Option<&EniLimit>,
    p: &mut Vec<Problem>,
) -> Result<Option<Ipv6Part>, ()> {
    let items = form.secondary6_items();
    if form.cidr6.is_empty() && form.primary6.is_empty() && items.is_empty() {
        return Ok(None);
    }
    let mut ok = true;
    let subnet = if form.cidr6.is_empty() {
        for (given, field) in
            [(!form.primary6.is_empty(), Field::Primary6), (!items.is_empty(), Field::Secondaries6)]
        {
            if given {
                p.push(Problem::error(field, ProblemKind::Ipv6NeedsCidr));
            }
        }
        ok = false;
        None
    } else {
        check_cidr6(&form.cidr6, rules, &mut ok, p)
    };
    let primary = (!form.primary6.is_empty())
        .then(|| check_addr6(&form.primary6, Field::Primary6, subnet.as_ref(), rules, &mut ok, p))
        .flatten();
    let mut secondaries = Vec::new();
    for item in &items {
        let Some(a) = check_addr6(item, Field::Secondaries6, subnet.as_ref(), rules, &mut ok, p)
        else {
            continue;
        };
        let kind = if primary == Some(a) {
            ProblemKind::Ipv6IsPrimary { value: a }
        } else if secondaries.contains(&a) {
            ProblemKind::DuplicateIpv6 { value: a }
        } else {
            secondaries.push(a);
            continue;
        };
        ok = false;
        p.push(Problem::error(Field::Secondaries6, kind));
    }
    check_count6(
        usize::from(!form.primary6.is_empty()) + items.len(),
        items.len(),
        limit,
        &mut ok,
        p,
    );
    match (ok, subnet) {
        (true, Some(subnet)) => Ok(Some(Ipv6Part { subnet, primary, secondaries })),
        _ => Err(()),
    }
}

/// The vSwitch's IPv6 block: parsed, the vSwitch prefix (/64), no host bits
/// (an error, unlike IPv4's warning: the block is copied, never worked out).
/// Returns the block only when its prefix is right, so that the address
/// rules run against a vSwitch's block and never a VPC's.
fn check_cidr6(
    text: &str,
    rules: &CloudRules,
    ok: &mut bool,
    p: &mut Vec<Problem>,
) -> Option<Subnet6> {
    let mut fail = |kind| {
        *ok = false;
        p.push(Problem::error(Field::Cidr6, kind));
    };
    let cidr = match parse_cidr6(text) {
        Ok(c) => c,
        Err(error) => {
            fail(ProblemKind::InvalidCidr6 { value: text.to_owned(), error });
            return None;
        }
    };
    if cidr.has_host_bits() {
        fail(ProblemKind::HostBitsSet6 { value: text.to_owned(), network: cidr.subnet() });
    }
    if cidr.prefix() != rules.prefix6 {
        fail(ProblemKind::Ipv6PrefixNotVswitch {
            prefix: cidr.prefix(),
            vswitch: rules.prefix6,
            vpc: rules.vpc_prefix6,
            cloud: rules.cloud,
        });
        return None;
    }
    Some(cidr.subnet())
}

/// One IPv6 address: strict, inside the block, not reserved. Returns the
/// address whenever it parses (duplicates are found among those).
fn check_addr6(
    text: &str,
    field: Field,
    subnet: Option<&Subnet6>,
    rules: &CloudRules,
    ok: &mut bool,
    p: &mut Vec<Problem>,
) -> Option<Addr6> {
    let value = match parse_ipv6(text) {
        Ok(v) => v,
        Err(error) => {
            *ok = false;
            p.push(Problem::error(
                field,
                ProblemKind::InvalidAddress6 { value: text.to_owned(), error },
            ));
            return None;
        }
    };
    let kind = subnet.and_then(|&subnet| {
        if !subnet.contains(value) {
            Some(ProblemKind::OutsideSubnet6 { value, subnet })
        } else {
            let which = rules.reserved6_which(&subnet, value)?;
            Some(ProblemKind::ReservedAddress6 { value, which, cloud: rules.cloud })
        }
    });
    if let Some(kind) = kind {
        *ok = false;
        p.push(Problem::error(field, kind));
    }
    Some(value)
}

/// The count: all IPv6 addresses (the ENI's own included) within the ENI's
/// limit when one is known; else, or within it, those to add within one
/// AssignIpv6Addresses call. Only the stricter is reported.
fn check_count6(
    total: usize,
    to_add: usize,
    limit: Option<&EniLimit>,
    ok: &mut bool,
    p: &mut Vec<Problem>,
) {
    let kind = match limit {
        Some(l) if total > l.per_eni as usize => {
            ProblemKind::TooManyIpv6 { count: total, limit: l.per_eni, source: l.source.clone() }
        }
        _ if to_add > IPV6_PER_CALL as usize => {
            ProblemKind::Ipv6PerCall { count: to_add, max: IPV6_PER_CALL }
        }
        _ => return,
    };
    *ok = false;
    p.push(Problem::error(Field::Secondaries6, kind));
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::net6::Subnet6;
    use crate::plan::cloud::ALIBABA;
    use crate::plan::{validate, Form, ProblemKind};

    /// The guide's example with an IPv6 block `net`/64 and one address at `offset`.
    fn form_at(net: u64, offset: u128) -> (Form, String) {
        let subnet = Subnet6::new(crate::net6::Addr6::from_bits(u128::from(net) << 64), 64)
            .unwrap_or_else(|| unreachable!());
        let addr = subnet.nth(offset).unwrap_or_else(|| unreachable!()).to_string();
        let form =
            Form { cidr6: subnet.to_string(), secondaries6: addr.clone(), ..Form::guide_example() };
        (form, addr)
    }

    #[test]
    fn all_empty_is_no_ipv6() {
        let plan = validate(&Form { secondaries6: " , ".into(), ..Form::guide_example() });
        assert_eq!(plan.map(|p| p.ipv6), Ok(None));
    }

    #[test]
    fn the_usable_range_is_1_to_2_pow_64_minus_10() {
        let s: Subnet6 = "2001:db8::/64".parse().unwrap_or_else(|_| unreachable!());
        assert_eq!(ALIBABA.assignable_offsets6(&s), Some(1..=(1u128 << 64) - 10));
    }

    proptest! {
        #[test]
        fn any_usable_offset_of_any_64_validates(net in any::<u64>(), offset in 1..=(1u128 << 64) - 10) {
            let (form, addr) = form_at(net, offset);
            let plan = validate(&form);
            prop_assert!(plan.is_ok(), "{addr}: {:?}", plan.err());
            let part = plan.ok().and_then(|p| p.ipv6);
            prop_assert_eq!(part.map(|p| p.secondaries[0].to_string()), Some(addr));
        }

        #[test]
        fn any_reserved_offset_fails(net in any::<u64>(), back in proptest::option::of(0u128..9)) {
            // None: the first address; Some(n): n places before the last.
            let offset = back.map_or(0, |n| (1u128 << 64) - 1 - n);
            let (form, addr) = form_at(net, offset);
            let problems = validate(&form).err().unwrap_or_default();
            prop_assert!(
                problems.iter().any(|p| p.is_error() && matches!(p.kind, ProblemKind::ReservedAddress6 { .. })),
                "{addr}: {problems:?}"
            );
        }
    }
}
