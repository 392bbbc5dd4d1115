//! How many private IPv4 addresses the ENI may hold: worked out from the
//! ENI state, the instance type (the catalog) or a typed number, with the
//! problems of those two fields; and the count the form's counter shows.
//! The IPv6 limit comes from the same state and catalog row.

use super::cloud::CloudRules;
use super::form::{Field, Form};
use super::problem::{Problem, ProblemKind};
use super::{CloudProfile, EniState};
use crate::catalog::instance_types;

/// Where the per-ENI address limit came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LimitSource {
    /// An ENI in state Available holds at most 10 private IPs.
    Available,
    /// The instance type's "private IPv4 addresses per ENI".
    InstanceType(String),
    /// A number the user typed (a type not in the catalog).
    Typed,
    /// InUse, with neither an instance type nor a typed limit: only the
    /// largest per-ENI limit of any catalogued type could be checked.
    Unknown,
}

/// How many private IPv4 addresses (primary included) the ENI may hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EniLimit {
    /// Addresses per ENI, the primary included.
    pub per_eni: u32,
    /// Where the number came from.
    pub source: LimitSource,
}

/// The most private IPv4 addresses any ENI holds (the largest instance
/// types; CreateNetworkInterface allows 49 secondaries). An InUse ENI whose
/// limit is unknown is checked against it.
pub const MAX_PER_ENI: u32 = 50;

/// The smallest per-ENI limit a typed number may give (the primary and one secondary).
pub const MIN_TYPED_LIMIT: u32 = 2;

/// The largest per-ENI limit a typed number may give.
pub const MAX_TYPED_LIMIT: u32 = 100;

/// The per-ENI limit worked out from the form, with its problems.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LimitResolution {
    /// The limit, when one applies.
    pub limit: Option<EniLimit>,
    /// The instance type found in the catalog, when one was given.
    pub instance_type: Option<&'static str>,
    /// How many IPv6 addresses the ENI may hold (its own included), when
    /// one is known: Available → the cloud's maximum; InUse → the catalogued
    /// type's "IPv6 addresses per ENI" (EniIpv6AddressQuantity). Neither a
    /// typed limit (private IPv4 only) nor an unknown type gives one: then
    /// only [`IPV6_PER_CALL`] is checked.
    pub ipv6: Option<EniLimit>,
    /// Problems with the instance type and typed limit fields.
    pub problems: Vec<Problem>,
}

/// IPv6 addresses one AssignIpv6Addresses call assigns at most (1–10 per
/// call, DOMAIN.md §2): a plan adds at most this many.
pub const IPV6_PER_CALL: u32 = 10;

/// The private IPs (primary included) the current AssignPrivateIpAddresses
/// reference allows on an Available ENI: up to 49 secondaries (the English
/// and Chinese API pages; the guide and the Japanese page say 10 in all,
/// which stays the default, `CloudRules::max_available`).
pub const AVAILABLE_API_MAX: u32 = 50;

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
        .filter(|n| (MIN_TYPED_LIMIT..=MAX_TYPED_LIMIT).contains(n));
        if n.is_none() {
            problems.push(Problem::error(
                Field::Limit,
                ProblemKind::InvalidLimit {
                    value: form.limit.clone(),
                    min: MIN_TYPED_LIMIT,
                    max: MAX_TYPED_LIMIT,
                },
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
    let ipv6 = match state {
        Some(EniState::Available) => {
            Some(EniLimit { per_eni: rules.max_available6, source: LimitSource::Available })
        }
        // 0 in the catalog: not known (the 2021 rows, a few current ones).
        Some(EniState::InUse) => known.filter(|t| t.ipv6_per_eni > 0).map(|t| EniLimit {
            per_eni: u32::from(t.ipv6_per_eni),
            source: LimitSource::InstanceType(t.name.to_owned()),
        }),
        None => None,
    };
    LimitResolution { limit, instance_type: known.map(|t| t.name), ipv6, problems }
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
/// use wizard::plan::{limit::limit_status, Form};
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
