//! Form → plan: every rule, every problem reported at once, never a panic.
//!
//! One function per rule group; each pushes its problems and returns the
//! typed value when there is one. What each typed address is (reserved,
//! outside, the gateway, a duplicate) is [`classify`]'s, which the
//! subnet picture draws too, so the picture and the problems always agree;
//! the per-ENI limit is worked out in [`super::limit`]; the cloud's numbers
//! are in [`super::cloud`]; the IPv6 fields' rules are [`super::ipv6`]'s.

use std::net::Ipv4Addr;
use std::str::FromStr;

use super::address::{classify, AddrStatus, Role};
use super::cloud::CloudRules;
use super::form::{split_list, Field, Form};
use super::ipv6::check_ipv6;
use super::limit::{resolve_limit, MAX_PER_ENI};
use super::problem::{IfNameError, NoDnsReason, Problem, ProblemKind};
use super::routing::{self, PolicyTable};
use super::subnet::resolve_subnet;
use super::*;
use crate::closed::UnknownId;
use crate::net::parse_ipv4;

/// At most this many DNS servers are used (resolv.conf reads three).
pub const MAX_DNS: usize = 3;

/// Longest Linux interface name, in bytes (IFNAMSIZ − 1).
pub const MAX_IFNAME: usize = 15;

/// Turns a form into a plan, or into every problem found (errors and
/// warnings together, in field order).
///
/// On success the plan's `warnings` hold the warnings.
///
/// ```
/// use wizard::plan::{validate, Field, Form, ProblemKind};
/// let plan = validate(&Form::guide_example()).unwrap();
/// assert_eq!(plan.gateway.to_string(), "192.168.1.253");
///
/// let mut form = Form::guide_example();
/// form.secondaries = vec!["192.168.1.254".into()];
/// form.gateway = "192.168.01.253".into();
/// let problems = validate(&form).unwrap_err();
/// assert!(problems.iter().any(|p| p.field == Field::Gateway));
/// assert!(problems.iter().any(|p| p.field == Field::Secondary(0)
///     && matches!(p.kind, ProblemKind::ReservedAddress { .. })));
/// ```
pub fn validate(form: &Form) -> Result<Plan, Vec<Problem>> {
    let mut p = Vec::new();
    let cloud = choice::<CloudProfile>(&form.cloud, Field::Cloud, &mut p);
    let rules = cloud.unwrap_or(CloudProfile::Alibaba).rules();
    let os = if form.os.is_empty() {
        p.push(Problem::error(Field::Os, ProblemKind::Required));
        None
    } else {
        choice::<Os>(&form.os, Field::Os, &mut p)
    };
    let mode = choice::<Mode>(&form.mode, Field::Mode, &mut p);
    let style = choice::<Style>(&form.style, Field::Style, &mut p);
    let eni_kind = choice::<EniKind>(&form.eni_kind, Field::EniKind, &mut p);
    let eni_state = choice::<EniState>(&form.eni_state, Field::EniState, &mut p);
    if eni_kind == Some(EniKind::Primary) && eni_state == Some(EniState::Available) {
        p.push(Problem::error(Field::EniState, ProblemKind::PrimaryEniAvailable));
    }
    let source = choice::<routing::SourcePolicy>(&form.source, Field::Source, &mut p);
    let table = eni_kind.and_then(|k| check_table(form, k, &mut p));
    if let (Some(os), Some(Mode::Static), Some(EniKind::Secondary)) = (os, mode, eni_kind) {
        if !os.static_on_secondary_eni() {
            p.push(Problem::error(Field::Mode, ProblemKind::StaticSecondaryEniUnsupported { os }));
        }
    }
    let limit = resolve_limit(form, rules, true);
    p.extend(limit.problems.iter().cloned());
    let interface = check_interface(&form.interface, &mut p);
    let windows_alias = check_free_text(&form.windows_alias, Field::WindowsAlias, &mut p);
    let connection = check_free_text(&form.connection, Field::Connection, &mut p);
    let mac = check_mac(&form.mac, &mut p);
    let subnet = check_subnet(form, rules, &mut p);
    let addrs = check_addresses(form, rules, subnet.as_ref(), &mut p);
    check_count(form, limit.limit.as_ref(), &mut p);
    let ipv6 = check_ipv6(form, rules, limit.ipv6.as_ref(), &mut p);
    let dns = check_dns(form, os, mode, rules, &mut p);
    let region = check_shape(
        &form.region,
        Field::Region,
        is_region_id,
        |v| ProblemKind::InvalidRegion { value: v },
        &mut p,
    );
    let eni_id = check_shape(
        &form.eni_id,
        Field::EniId,
        is_eni_id,
        |v| ProblemKind::InvalidEniId { value: v },
        &mut p,
    );
    let instance_id = check_shape(
        &form.instance_id,
        Field::InstanceId,
        is_instance_id,
        |v| ProblemKind::InvalidInstanceId { value: v },
        &mut p,
    );

    crate::small_sort::sort_by_key(&mut p, |x| x.field);
    if p.iter().any(Problem::is_error) {
        return Err(p);
    }
    let built = (|| {
        let (gateway, primary, secondaries) = addrs?;
        Some(Plan {
            cloud: cloud?,
            os: os?,
            mode: mode?,
            style: style?,
            eni_kind: eni_kind?,
            eni_state: eni_state?,
            table: table?,
            source: source?,
            instance_type: limit.instance_type.map(str::to_owned),
            // InUse without a known limit (a warning): the largest any ENI allows.
            limit: limit
                .limit
                .clone()
                .unwrap_or(EniLimit { per_eni: MAX_PER_ENI, source: LimitSource::Unknown }),
            interface: interface?,
            windows_alias: windows_alias?,
            connection: connection?,
            mac: mac.ok()?,
            subnet: subnet?,
            gateway,
            primary,
            secondaries,
            ipv6: ipv6.ok()?,
            dns: dns?,
            region: region.ok()?,
            eni_id: eni_id.ok()?,
            instance_id: instance_id.ok()?,
            warnings: Vec::new(),
        })
    })();
    match built {
        Some(plan) => Ok(Plan { warnings: p, ..plan }),
        // Unreachable when every rule above reports its error; kept so that a
        // missing report can never turn into a panic or an unchecked plan.
        None => {
            p.push(Problem::error(Field::Cidr, ProblemKind::Required));
            Err(p)
        }
    }
}

/// The routing table of a secondary ENI: the typed one, else 1000 + the
/// interface's device index. `Some(None)` for the primary ENI (which keeps
/// the main table); `None` when a problem was reported.
fn check_table(form: &Form, kind: EniKind, p: &mut Vec<Problem>) -> Option<Option<PolicyTable>> {
    let typed = (!form.route_table.is_empty()).then(|| {
        let t = routing::parse_table(&form.route_table);
        if t.is_none() {
            p.push(Problem::error(
                Field::RouteTable,
                ProblemKind::InvalidTable { value: form.route_table.clone() },
            ));
        }
        t
    });
    match kind {
        EniKind::Primary => {
            if typed.is_some() {
                p.push(Problem::warning(Field::RouteTable, ProblemKind::TableIgnored));
            }
            Some(None)
        }
        EniKind::Secondary => {
            let index = routing::device_index(&form.interface);
            if index == Some(0) {
                p.push(Problem::warning(
                    Field::Interface,
                    ProblemKind::SecondaryOnFirstInterface { interface: form.interface.clone() },
                ));
            }
            match typed {
                Some(t) => t.map(Some),
                None => {
                    let t = index.and_then(|i| PolicyTable::new(routing::TABLE_BASE + i));
                    if t.is_none() {
                        p.push(Problem::error(
                            Field::RouteTable,
                            ProblemKind::TableNeeded { interface: form.interface.clone() },
                        ));
                    }
                    t.map(Some)
                }
            }
        }
    }
}

/// A closed-set value, or an UnknownChoice error listing the valid ids.
fn choice<T: FromStr<Err = UnknownId>>(
    value: &str,
    field: Field,
    p: &mut Vec<Problem>,
) -> Option<T> {
    match value.parse::<T>() {
        Ok(v) => Some(v),
        Err(e) => {
            p.push(Problem::error(
                field,
                ProblemKind::UnknownChoice { value: e.value, valid: e.valid },
            ));
            None
        }
    }
}

/// The primary and every secondary piece must fit the ENI's limit; with no
/// limit known (no valid state, or an InUse ENI with neither a catalogued
/// type nor a typed limit), the most any ENI holds.
fn check_count(form: &Form, limit: Option<&EniLimit>, p: &mut Vec<Problem>) {
    let count = 1 + form.secondary_items().len();
    let (per_eni, source) = match limit {
        Some(l) => (l.per_eni, Some(l.source.clone())),
        None => (MAX_PER_ENI, None),
    };
    let api = super::limit::AVAILABLE_API_MAX;
    match source {
        // An Available ENI: the guide's 10 is the safe default; the current
        // API reference allows more, so up to its figure is a warning.
        Some(LimitSource::Available) if count > per_eni as usize && count <= api as usize => {
            p.push(Problem::warning(
                Field::Secondaries,
                ProblemKind::AvailableBeyondGuide { count, guide: per_eni, api },
            ));
        }
        Some(LimitSource::Available) if count > per_eni as usize => p.push(Problem::error(
            Field::Secondaries,
            ProblemKind::TooMany { count, limit: api, source },
        )),
        _ if count > per_eni as usize => p.push(Problem::error(
            Field::Secondaries,
            ProblemKind::TooMany { count, limit: per_eni, source },
        )),
        _ => {}
    }
}

/// Linux interface name: 1–15 bytes, no whitespace or control characters,
/// no `/` or `:`, not `.` or `..`.
fn check_interface(value: &str, p: &mut Vec<Problem>) -> Option<IfName> {
    let reason = if value.is_empty() {
        p.push(Problem::error(Field::Interface, ProblemKind::Required));
        return None;
    } else if value.len() > MAX_IFNAME {
        IfNameError::TooLong { max: MAX_IFNAME }
    } else if value.chars().any(char::is_whitespace) {
        IfNameError::Whitespace
    } else if value.chars().any(char::is_control) {
        IfNameError::Control
    } else if value.contains('/') {
        IfNameError::Slash
    } else if value.contains(':') {
        IfNameError::Colon
    } else if value == "." || value == ".." {
        IfNameError::Dots
    } else if !value.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.@".contains(&b)) {
        // The kernel allows more, but ifupdown and networkd files have no
        // quoting and real images never use such names.
        IfNameError::Charset
    } else if !value.starts_with(|c: char| c.is_ascii_alphabetic()) {
        // YAML reads `017` as a number; `-eth0` reads as an option.
        IfNameError::NotLetterFirst
    } else {
        return Some(IfName(value.to_owned()));
    };
    p.push(Problem::error(
        Field::Interface,
        ProblemKind::InvalidInterface { value: value.to_owned(), reason },
    ));
    None
}

/// Windows alias or NM connection name: non-empty, no control characters
/// (anything else is allowed: renderers quote it).
fn check_free_text(value: &str, field: Field, p: &mut Vec<Problem>) -> Option<String> {
    if value.is_empty() {
        p.push(Problem::error(field, ProblemKind::Required));
        None
    } else if value.chars().any(char::is_control) {
        p.push(Problem::error(field, ProblemKind::ControlCharacter { value: value.to_owned() }));
        None
    } else {
        Some(value.to_owned())
    }
}

/// MAC: empty, or six hex pairs separated by `:` (normalised to lower case).
fn check_mac(value: &str, p: &mut Vec<Problem>) -> Result<Option<Mac>, ()> {
    if value.is_empty() {
        return Ok(None);
    }
    value.parse::<Mac>().map(Some).map_err(|()| {
        p.push(Problem::error(Field::Mac, ProblemKind::InvalidMac { value: value.to_owned() }));
    })
}

/// The vSwitch: parsed (CIDR or mask + primary), host bits (warning),
/// prefix range and forbidden blocks (errors). Returns the subnet whenever it
/// can be worked out, even with a prefix error, so the address rules still run.
fn check_subnet(
    form: &Form,
    rules: &CloudRules,
    p: &mut Vec<Problem>,
) -> Option<crate::net::Subnet> {
    let resolved = match resolve_subnet(&form.cidr, &form.primary) {
        Ok(r) => r,
        Err(kind) => {
            p.push(Problem::error(Field::Cidr, kind));
            return None;
        }
    };
    let subnet = resolved.subnet;
    if resolved.host_bits_set {
        p.push(Problem::warning(
            Field::Cidr,
            ProblemKind::HostBitsSet { value: form.cidr.clone(), network: subnet },
        ));
    }
    if !rules.prefix_allowed(subnet.prefix()) {
        p.push(Problem::error(
            Field::Cidr,
            ProblemKind::PrefixOutOfRange {
                prefix: subnet.prefix(),
                min: rules.min_prefix,
                max: rules.max_prefix,
                cloud: rules.cloud,
            },
        ));
    }
    if let Some(range) = rules.forbidden_overlap(&subnet) {
        p.push(Problem::error(
            Field::Cidr,
            ProblemKind::ForbiddenRange { network: subnet, range: *range },
        ));
    }
    Some(subnet)
}

/// Gateway, primary and secondaries: parsed, inside, not reserved, not the
/// gateway, no duplicates, at least one secondary. Returns
/// (gateway, primary, secondaries) when all of them are fine.
fn check_addresses(
    form: &Form,
    rules: &CloudRules,
    subnet: Option<&crate::net::Subnet>,
    p: &mut Vec<Problem>,
) -> Option<(Ipv4Addr, Ipv4Addr, Vec<Ipv4Addr>)> {
    if form.gateway.is_empty() {
        p.push(Problem::error(Field::Gateway, ProblemKind::Required));
    }
    if form.primary.is_empty() {
        p.push(Problem::error(Field::Primary, ProblemKind::Required));
    }
    let entries = classify(form, rules, subnet);
    // IPv6 addresses to add make an IPv6-only addition: no IPv4 secondary needed.
    let ipv6_only = !form.secondary6_items().is_empty();
    if !ipv6_only && !entries.iter().any(|e| matches!(e.role, Role::Secondary(_))) {
        p.push(Problem::error(Field::Secondaries, ProblemKind::NoSecondaries));
    }
    let (mut gateway, mut primary, mut secondaries, mut all_ok) = (None, None, Vec::new(), true);
    for e in &entries {
        let field = e.role.field();
        let value = e.addr.unwrap_or(Ipv4Addr::UNSPECIFIED);
        let problem = match e.status {
            AddrStatus::Ok => None,
            AddrStatus::UnusualGateway { usual } => Some(Problem::warning(
                field,
                ProblemKind::UnusualGateway { value, usual, cloud: rules.cloud },
            )),
            AddrStatus::Unparsable(error) => Some(Problem::error(
                field,
                ProblemKind::InvalidAddress { value: e.text.clone(), error },
            )),
            // Outside is only found against a known subnet.
            AddrStatus::Outside => subnet
                .map(|&subnet| Problem::error(field, ProblemKind::OutsideSubnet { value, subnet })),
            AddrStatus::Reserved(which) => Some(Problem::error(
                field,
                ProblemKind::ReservedAddress { value, which, cloud: rules.cloud },
            )),
            AddrStatus::IsGateway => Some(Problem::error(field, ProblemKind::IsGateway { value })),
            AddrStatus::Duplicate(first) => {
                Some(Problem::error(field, ProblemKind::Duplicate { value, other: first }))
            }
        };
        all_ok &= !e.status.is_error();
        p.extend(problem);
        match e.role {
            Role::Gateway => gateway = e.addr,
            Role::Primary => primary = e.addr,
            Role::Secondary(_) => secondaries.extend(e.addr),
        }
    }
    if !all_ok || (secondaries.is_empty() && !ipv6_only) {
        return None;
    }
    Some((gateway?, primary?, secondaries))
}

/// DNS: strict IPv4 each, at most three, no repeats; a warning when none is
/// given but the configuration needs one (static mode, or Windows, where
/// adding a static address turns DHCP, and its DNS, off).
fn check_dns(
    form: &Form,
    os: Option<Os>,
    mode: Option<Mode>,
    rules: &CloudRules,
    p: &mut Vec<Problem>,
) -> Option<Vec<Ipv4Addr>> {
    let items = split_list(&form.dns);
    let mut dns = Vec::new();
    let mut ok = true;
    for item in &items {
        match parse_ipv4(item) {
            Ok(a) if dns.contains(&a) => {
                ok = false;
                p.push(Problem::error(Field::Dns, ProblemKind::DuplicateDns { value: a }));
            }
            Ok(a) => dns.push(a),
            Err(error) => {
                ok = false;
                p.push(Problem::error(
                    Field::Dns,
                    ProblemKind::InvalidAddress { value: (*item).to_owned(), error },
                ));
            }
        }
    }
    if items.len() > MAX_DNS {
        ok = false;
        p.push(Problem::error(
            Field::Dns,
            ProblemKind::TooManyDns { count: items.len(), max: MAX_DNS },
        ));
    }
    if items.is_empty() {
        let reason = if os.is_some_and(Os::is_windows) {
            Some(NoDnsReason::Windows)
        } else if mode == Some(Mode::Static) {
            Some(NoDnsReason::Static)
        } else {
            None
        };
        if let Some(reason) = reason {
            p.push(Problem::warning(
                Field::Dns,
                ProblemKind::NoDns { suggested: rules.dns.to_vec(), reason },
            ));
        }
    }
    ok.then_some(dns)
}

/// An optional value of a given shape: `Ok(None)` when empty.
fn check_shape(
    value: &str,
    field: Field,
    valid: fn(&str) -> bool,
    kind: fn(String) -> ProblemKind,
    p: &mut Vec<Problem>,
) -> Result<Option<String>, ()> {
    if value.is_empty() {
        Ok(None)
    } else if valid(value) {
        Ok(Some(value.to_owned()))
    } else {
        p.push(Problem::error(field, kind(value.to_owned())));
        Err(())
    }
}

/// A region id: groups of lowercase letters and digits joined by `-`, the
/// first group letters only, at least two groups (`cn-hangzhou`, `ap-southeast-1`).
///
/// ```
/// use wizard::plan::validate::is_region_id;
/// assert!(is_region_id("cn-hangzhou") && is_region_id("ap-southeast-1") && is_region_id("cn-hongkong"));
/// assert!(!is_region_id("cn") && !is_region_id("CN-hangzhou") && !is_region_id("cn--x") && !is_region_id("cn-hangzhou-"));
/// ```
pub fn is_region_id(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    s.len() <= 40
        && groups.len() >= 2
        && groups.iter().all(|g| {
            !g.is_empty() && g.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && groups.first().is_some_and(|g| g.bytes().all(|b| b.is_ascii_lowercase()))
}

/// An ENI id: `eni-` followed by lowercase letters and digits.
///
/// ```
/// use wizard::plan::validate::is_eni_id;
/// assert!(is_eni_id("eni-bp1a2b3c4d5e6f7g8h9i"));
/// assert!(!is_eni_id("eni-") && !is_eni_id("ENI-abc") && !is_eni_id("eni-ab_c") && !is_eni_id("i-abc"));
/// ```
pub fn is_eni_id(s: &str) -> bool {
    is_cloud_id(s, "eni-")
}

/// `prefix` followed by 1 to 40 lowercase letters and digits: the shape of
/// the cloud's resource ids.
fn is_cloud_id(s: &str, prefix: &str) -> bool {
    s.strip_prefix(prefix).is_some_and(|rest| {
        (1..=40).contains(&rest.len())
            && rest.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// An instance id: `i-` followed by 1 to 40 lowercase letters and digits.
///
/// ```
/// use wizard::plan::validate::is_instance_id;
/// assert!(is_instance_id("i-bp1a2b3c4d5e6f7g8h9i"));
/// assert!(!is_instance_id("i-") && !is_instance_id("I-abc") && !is_instance_id("i-ab_c") && !is_instance_id("eni-abc"));
/// ```
pub fn is_instance_id(s: &str) -> bool {
    is_cloud_id(s, "i-")
}
