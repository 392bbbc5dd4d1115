//! The address rules: what each typed address (gateway, primary, every
//! secondary) is, given the subnet. [`validate`](fn@super::validate) turns
//! each status into a problem and the subnet picture draws it, so the two
//! always agree. The subnet-wide rules (prefix range, forbidden blocks) are
//! in [`super::validate`](mod@super::validate); the cloud's reserved addresses in [`super::cloud`].

use std::collections::HashMap;
use std::net::Ipv4Addr;

use super::cloud::{CloudRules, Reserved};
use super::form::{Field, Form};
use crate::net::{parse_ipv4, AddrError, Subnet};

/// Which field an address was typed in.
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

/// The status of every typed address (gateway, primary, secondaries), given
/// the subnet if known. Empty fields have no entry.
pub fn classify(form: &Form, rules: &CloudRules, subnet: Option<&Subnet>) -> Vec<AddrEntry> {
    let mut entries = Vec::new();
    let parsed_gateway = parse_ipv4(&form.gateway);
    let gateway = parsed_gateway.ok();
    if !form.gateway.is_empty() {
        // The gateway may be one the cloud reserves (it usually is), but
        // never the network or broadcast address.
        let status = match (parsed_gateway, subnet) {
            (Err(e), _) => AddrStatus::Unparsable(e),
            (Ok(g), Some(s)) if !s.contains(g) => AddrStatus::Outside,
            (Ok(g), Some(s)) => match rules.reserved_which(s, g) {
                Some(w @ (Reserved::Network | Reserved::Broadcast)) => AddrStatus::Reserved(w),
                _ => match rules.usual_gateway(s) {
                    Some(usual) if usual != g => AddrStatus::UnusualGateway { usual },
                    _ => AddrStatus::Ok,
                },
            },
            (Ok(_), None) => AddrStatus::Ok,
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
            (Ok(a), s) => match s.and_then(|s| rules.reserved_which(s, a)) {
                Some(which) => AddrStatus::Reserved(which),
                None if Some(a) == gateway => AddrStatus::IsGateway,
                None => match seen.get(&a) {
                    Some(&first) => AddrStatus::Duplicate(first),
                    None => AddrStatus::Ok,
                },
            },
        };
        if let Some(a) = addr {
            seen.entry(a).or_insert(role);
        }
        entries.push(AddrEntry { role, text: text.to_owned(), addr, status });
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::cloud::ALIBABA;

    #[test]
    fn without_a_subnet_only_the_form_rules_apply() {
        let form = Form {
            gateway: "1.2.3".into(),
            primary: "10.0.0.5".into(),
            secondaries: vec!["10.0.0.5 10.0.0.6".into(), "1.2.3.4".into()],
            ..Form::default()
        };
        let statuses: Vec<_> =
            classify(&form, &ALIBABA, None).iter().map(|e| (e.role, e.status)).collect();
        assert_eq!(
            statuses,
            [
                (Role::Gateway, AddrStatus::Unparsable(AddrError::PartCount(3))),
                (Role::Primary, AddrStatus::Ok),
                (Role::Secondary(0), AddrStatus::Duplicate(Role::Primary)),
                (Role::Secondary(0), AddrStatus::Ok),
                (Role::Secondary(1), AddrStatus::Ok),
            ]
        );
    }

    #[test]
    fn the_gateway_may_be_reserved_by_the_cloud_but_a_host_may_not() {
        let subnet = Subnet::new(Ipv4Addr::new(192, 168, 1, 0), 24);
        let form = Form { secondaries: vec!["192.168.1.253".into()], ..Form::guide_example() };
        let statuses: Vec<_> =
            classify(&form, &ALIBABA, subnet.as_ref()).iter().map(|e| (e.role, e.status)).collect();
        assert_eq!(
            statuses,
            [
                (Role::Gateway, AddrStatus::Ok),
                (Role::Primary, AddrStatus::Ok),
                (Role::Secondary(0), AddrStatus::Reserved(Reserved::Back(3))),
            ]
        );
    }
}
