//! A secondary ENI never gets a default route in the main table, and each
//! of its addresses gets a source rule into its own table: for random
//! secondary-ENI plans × every method of their OS, in both modes.
//!
//! Before the routing work every method gave eth1 the same default route
//! as eth0 (`gateway4:`, `GATEWAY=`, `gateway` in a stanza, `Gateway=`,
//! `ip route add default`), which cuts an instance off: each check below
//! names the form that did it.

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use wizard::catalog::{Method, Os};
use wizard::plan::{validate, Form, Plan};
use wizard::render::{render, Artifact, Rendering, StepKind};

/// Every line of the Configure step's artifacts and the script.
fn configure_text(r: &Rendering) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut push = |a: &Artifact| {
        for l in a.content.lines() {
            out.push((a.id.clone(), l.to_owned()));
        }
    };
    if let Some(s) = r.step(StepKind::Configure) {
        s.artifacts.iter().for_each(&mut push);
    }
    push(&r.script);
    out
}

/// The forms each format uses for a default route in the main table
/// (`section`: the INI section the line is in; `tabled`: whether the
/// rendering puts the profile's routes in a table of their own).
fn main_default_route(method: Method, line: &str, section: &str, tabled: bool, gw: &str) -> bool {
    let l = line.trim();
    if l.starts_with('#') || l.starts_with("rem ") || l.starts_with("echo ") {
        return false;
    }
    match method {
        Method::Netplan | Method::NetplanLegacy => l == format!("gateway4: {gw}"),
        Method::Networkd => l == format!("Gateway={gw}") && section == "[Network]",
        Method::Nmcli => l.contains("ipv4.gateway") && !tabled,
        Method::Keyfile => false,
        Method::Ifcfg | Method::IfcfgAlias => l == format!("GATEWAY={gw}") && !tabled,
        Method::Wicked => l == format!("default {gw} - -") || l == format!("default {gw} - - -"),
        Method::Ifupdown | Method::IfupdownNg => l == format!("gateway {gw}"),
        Method::Runtime => {
            (l.contains("ip route add default") || l.contains("ip -4 route add default"))
                && !l.contains("table")
        }
        // It writes no gateway at all.
        Method::NmCloudSetup | Method::PowerShell | Method::Netsh => false,
    }
}

fn secondary_eni_form(os: Os, mode: &str, n: usize, dev: u8) -> Form {
    Form {
        os: os.as_str().into(),
        mode: mode.into(),
        eni_kind: "secondary".into(),
        interface: format!("eth{dev}"),
        connection: format!("System eth{dev}"),
        windows_alias: "Ethernet 2".into(),
        cidr: "198.51.100.0/24".into(),
        gateway: "198.51.100.253".into(),
        primary: "198.51.100.10".into(),
        secondaries: (0..n).map(|i| format!("198.51.100.{}", 20 + i)).collect(),
        dns: "100.100.2.136".into(),
        ..Form::default()
    }
}

fn check(plan: &Plan) -> Result<(), String> {
    let table = plan.table.ok_or("a secondary ENI without a table")?;
    let gw = plan.gateway.to_string();
    for &m in plan.os.methods() {
        let r = render(plan, m);
        let lines = configure_text(&r);
        let tabled = lines.iter().any(|(_, l)| {
            l.contains(&format!("ipv4.route-table {}", table.id()))
                || l.contains(&format!("IPV4_ROUTE_TABLE={}", table.id()))
        });
        let mut section = String::new();
        for (id, l) in &lines {
            if l.starts_with('[') && l.ends_with(']') {
                section = l.clone();
            }
            if main_default_route(m, l, &section, tabled, &gw) {
                return Err(format!("{m} {id}: a default route in the main table: {l}"));
            }
        }
        if m.is_windows() {
            // No policy routing on Windows: the metric keeps eth0's route first.
            if !lines.iter().any(|(_, l)| l.contains("InterfaceMetric") || l.contains("metric=")) {
                return Err(format!("{m}: the secondary ENI's metric is never set"));
            }
            continue;
        }
        if m == Method::NmCloudSetup {
            // The agent's own tables (30200+/30400+), which its Verify step
            // expects for every address; the form's table is not used.
            let expect: Vec<&String> = r.artifacts().flat_map(|a| &a.expect).collect();
            for a in plan.all_addresses() {
                if !expect.iter().any(|e| e.starts_with(&format!("from {a} lookup 30"))) {
                    return Err(format!("{m}: Verify expects no rule of the agent for {a}"));
                }
            }
            continue;
        }
        let all: String = lines.iter().map(|(_, l)| format!("{l}\n")).collect();
        for a in plan.all_addresses() {
            let rule = [
                format!("from {a}/32 table {}", table.id()),
                format!("From={a}/32"),
                format!("from: {a}/32"),
                format!("from {a}/32 lookup {}", table.id()),
            ];
            if !rule.iter().any(|r| all.contains(r.as_str())) {
                return Err(format!("{m}: no source rule for {a} into table {}", table.id()));
            }
        }
    }
    Ok(())
}

#[test]
fn every_method_routes_a_secondary_eni_through_its_own_table() {
    let mut failures = Vec::new();
    for &os in Os::ALL {
        for mode in ["keep", "static"] {
            let form = secondary_eni_form(os, mode, 2, 1);
            match validate(&form) {
                Ok(plan) => {
                    if let Err(e) = check(&plan) {
                        failures.push(format!("{} {mode}: {e}", os.as_str()));
                    }
                }
                // Only Alpine static is refused, with a message on the mode.
                Err(p) => {
                    let refused = !os.static_on_secondary_eni()
                        && mode == "static"
                        && p.iter()
                            .filter(|x| x.is_error())
                            .all(|x| x.field == wizard::plan::Field::Mode);
                    if !refused {
                        failures.push(format!("{} {mode}: does not validate: {p:?}", os.as_str()));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_primary_eni_keeps_the_main_table() {
    let form = Form { mode: "static".into(), ..Form::guide_example() };
    let plan = validate(&form).unwrap();
    assert!(plan.table.is_none());
    for &m in plan.os.methods() {
        let r = render(&plan, m);
        assert!(
            r.artifacts()
                .all(|a| !a.content.contains("table 1001") && !a.content.contains("RouteTable")),
            "{m}: a routing table for the primary ENI"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn random_secondary_eni_plans_never_get_a_main_default_route(
        os in proptest::sample::select(Os::ALL.to_vec()),
        keep in any::<bool>(),
        n in 1usize..6,
        dev in 1u8..8,
    ) {
        let form = secondary_eni_form(os, if keep { "keep" } else { "static" }, n, dev);
        if let Ok(plan) = validate(&form) {
            prop_assert_eq!(plan.table.map(|t| t.id()), Some(1000 + u32::from(dev)));
            if let Err(e) = check(&plan) {
                return Err(TestCaseError::fail(e));
            }
        }
    }
}
