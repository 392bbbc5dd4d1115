//! Form → plan: every rule, every problem reported at once, never a panic.
//!
//! FIRST DRAFT (happy path + basic errors); the core issue completes the rules.

use std::net::Ipv4Addr;

use super::form::{split_list, Field, Form};
use super::problem::{Problem, ProblemKind};
use super::*;
use crate::net::{parse_ipv4, Subnet};

/// Turns a form into a plan, or into every problem found (errors and warnings).
///
/// On success the plan's `warnings` hold the warnings.
pub fn validate(form: &Form) -> Result<Plan, Vec<Problem>> {
    let mut problems = Vec::new();
    if form.os.is_empty() {
        problems.push(Problem::error(Field::Os, ProblemKind::Required));
    }
    let os = form.os.parse::<Os>().ok();
    let primary = parse_ipv4(&form.primary).ok();
    let gateway = parse_ipv4(&form.gateway).ok();
    let subnet = form
        .cidr
        .split_once('/')
        .and_then(|(a, p)| Subnet::new(parse_ipv4(a).ok()?, p.parse().ok()?));
    let secondaries: Vec<Ipv4Addr> = form
        .secondaries
        .iter()
        .flat_map(|row| split_list(row))
        .filter_map(|s| parse_ipv4(s).ok())
        .collect();
    let dns = split_list(&form.dns).into_iter().filter_map(|s| parse_ipv4(s).ok()).collect();
    match (os, primary, gateway, subnet, secondaries.is_empty()) {
        (Some(os), Some(primary), Some(gateway), Some(subnet), false) => Ok(Plan {
            cloud: CloudProfile::Alibaba,
            os,
            mode: form.mode.parse().unwrap_or(Mode::KeepDhcp),
            style: form.style.parse().unwrap_or(Style::Safe),
            eni_kind: form.eni_kind.parse().unwrap_or(EniKind::Primary),
            eni_state: form.eni_state.parse().unwrap_or(EniState::InUse),
            instance_type: None,
            limit: EniLimit { per_eni: 10, source: LimitSource::Available },
            interface: IfName(form.interface.clone()),
            windows_alias: form.windows_alias.clone(),
            connection: form.connection.clone(),
            mac: form.mac.parse().ok(),
            subnet,
            gateway,
            primary,
            secondaries,
            dns,
            region: None,
            eni_id: None,
            warnings: Vec::new(),
        }),
        _ => {
            problems.push(Problem::error(Field::Cidr, ProblemKind::Required));
            Err(problems)
        }
    }
}
