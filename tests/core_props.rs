//! Property tests of the core: no input panics and every problem has a
//! sentence; every valid plan's addresses are distinct, inside the subnet,
//! unreserved and not the gateway; free-address suggestions never hand out
//! a taken or reserved address; the picture marks every typed address in the
//! range, once.

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;
use std::net::Ipv4Addr;

use proptest::prelude::*;
use wizard::catalog::instance_types;
use wizard::net::{parse_cidr_input, parse_ipv4, Subnet};
use wizard::plan::address::{AddrStatus, Role};
use wizard::plan::limit::limit_status;
use wizard::plan::picture::{mark_at, picture, Mark};
use wizard::plan::subnet::{next_free, SubnetFacts};
use wizard::plan::{validate, CloudProfile, Form, ProblemKind};
use wizard::wording::{problem, Locale};

/// Strings that are often almost right: addresses, CIDRs and masks with
/// mistakes, lists, ids, and arbitrary text with control characters.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9./ ,:-]{0,20}",
        "(25[0-6]|1?[0-9]{1,2}|0[0-9])(\\.(25[0-6]|1?[0-9]{1,2}|0[0-9])){0,4}(/[0-9]{1,2})?",
        "[a-z0-9.-]{0,16}",
        Just(String::new()),
        Just("192.168.1.0/24".to_owned()),
        Just("255.255.255.0".to_owned()),
        Just("ecs.g7.large".to_owned()),
    ]
}

fn arbitrary_form() -> impl Strategy<Value = Form> {
    let a = (field(), field(), field(), field(), field(), field(), field(), field());
    let b = (field(), field(), field(), field(), field(), field(), field());
    let c = (proptest::collection::vec(field(), 0..4), field(), field(), field());
    let d = (field(), field(), field(), field(), field(), field());
    (a, b, c, d).prop_map(|(a, b, c, d)| Form {
        cloud: a.0,
        os: a.1,
        mode: a.2,
        style: a.3,
        eni_kind: a.4,
        eni_state: a.5,
        route_table: d.0,
        source: d.1,
        instance_type: a.6,
        limit: a.7,
        interface: b.0,
        windows_alias: b.1,
        connection: b.2,
        mac: b.3,
        cidr: b.4,
        gateway: b.5,
        primary: b.6,
        secondaries: c.0,
        dns: c.1,
        region: c.2,
        eni_id: c.3,
        instance_id: d.2,
        cidr6: d.3,
        primary6: d.4,
        secondaries6: d.5,
    })
}

/// Forms that are often valid: a random vSwitch /16–/30 and addresses at
/// random offsets in it (some reserved, some repeated, some outside).
fn plausible_form() -> impl Strategy<Value = Form> {
    (
        any::<u32>(),
        16u8..=30,
        any::<u32>(),
        proptest::collection::vec(any::<u32>(), 0..12),
        any::<bool>(),
        prop_oneof![
            Just(""),
            Just("ecs.t6-c1m1.large"),
            Just("ecs.g7.large"),
            Just("ecs.g9ae.48xlarge")
        ],
        prop_oneof![Just("inuse"), Just("available")],
        any::<bool>(),
    )
        .prop_map(|(base, prefix, primary, secs, usual_gw, itype, state, spread)| {
            let subnet =
                Subnet::new(Ipv4Addr::from(base), prefix).unwrap_or_else(|| unreachable!());
            let size = subnet.size();
            let at = |o: u32| {
                // Offsets mostly inside; with `spread`, sometimes just outside.
                let o = if spread { u64::from(o) % (size + 4) } else { u64::from(o) % size };
                subnet.nth(o).unwrap_or_else(|| {
                    Ipv4Addr::from(u32::from(subnet.broadcast()).wrapping_add(1))
                })
            };
            let gateway = if usual_gw {
                subnet.nth(size.saturating_sub(3)).unwrap_or(subnet.network())
            } else {
                at(primary ^ 0x5555)
            };
            Form {
                cidr: format!("{}/{}", subnet.network(), prefix),
                gateway: gateway.to_string(),
                primary: at(primary).to_string(),
                secondaries: secs.iter().map(|&o| at(o).to_string()).collect(),
                instance_type: itype.to_owned(),
                eni_kind: "secondary".to_owned(),
                eni_state: state.to_owned(),
                ..Form::default()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn no_input_panics(form in arbitrary_form()) {
        let result = validate(&form);
        let pic = picture(&form);
        let _ = limit_status(&form);
        let _ = pic.suggestions(5);
        let _ = pic.marks();
        for p in result.err().unwrap_or_default() {
            let m = problem(Locale::En, &p);
            prop_assert!(m.len() > 1 && m.ends_with('.'), "{m:?}");
        }
    }

    #[test]
    fn parsers_never_panic(s in any::<String>()) {
        let _ = parse_ipv4(&s);
        let _ = parse_cidr_input(&s);
        let _ = instance_types::lookup(&s);
        let _ = instance_types::search(&s, 10);
        let _ = instance_types::closest(&s, 5);
    }

    #[test]
    fn valid_plans_hold_sound_addresses(form in plausible_form()) {
        let pic = picture(&form);
        match validate(&form) {
            Ok(plan) => {
                let rules = plan.cloud.rules();
                let mut seen = HashSet::new();
                for a in plan.all_addresses() {
                    prop_assert!(seen.insert(a), "{a} twice");
                    prop_assert!(plan.subnet.contains(a), "{a} outside {}", plan.subnet);
                    prop_assert!(rules.reserved_which(&plan.subnet, a).is_none(), "{a} reserved");
                    prop_assert_ne!(a, plan.gateway);
                }
                prop_assert!(plan.subnet.contains(plan.gateway));
                prop_assert!(plan.gateway != plan.subnet.network() && plan.gateway != plan.subnet.broadcast());
                let count = plan.all_addresses().count() as u32;
                // An Available ENI may go past the guide's limit up to the
                // API reference's, with a warning saying so.
                let beyond = plan.warnings.iter().any(|p| matches!(p.kind, ProblemKind::AvailableBeyondGuide { .. }));
                prop_assert!(count <= plan.limit.per_eni || (beyond && count <= wizard::plan::limit::AVAILABLE_API_MAX));
                prop_assert_eq!(beyond, count > plan.limit.per_eni);
                prop_assert!(rules.prefix_allowed(plan.prefix()));
                // The picture agrees: no entry is in error.
                prop_assert!(pic.entries.iter().all(|e| !e.status.is_error()));
            }
            Err(problems) => {
                prop_assert!(problems.iter().any(|p| p.is_error()));
            }
        }
        // An entry in error always means validation fails.
        if pic.entries.iter().any(|e| e.status.is_error()) {
            prop_assert!(validate(&form).is_err());
        }
        // The marks: sorted, one per place, inside the range; every typed
        // address in the range is marked, an error other than on the
        // gateway as a conflict.
        let marks = pic.marks();
        let facts = pic.facts.as_ref().unwrap_or_else(|| unreachable!());
        prop_assert!(marks.windows(2).all(|w| w[0].0 < w[1].0), "{marks:?}");
        prop_assert!(marks.iter().all(|&(o, m)| o < facts.subnet.size() && m != Mark::Free));
        for e in &pic.entries {
            let Some(offset) = e.addr.and_then(|a| facts.subnet.offset_of(a)) else { continue };
            let mark = mark_at(&marks, offset);
            prop_assert!(mark != Mark::Free, "{e:?}");
            if e.status.is_error() && e.role != Role::Gateway && e.status != AddrStatus::Outside {
                prop_assert_eq!(mark, Mark::Conflict, "{:?}", e);
            }
        }
    }

    #[test]
    fn next_free_never_returns_a_taken_or_reserved_address(
        base in any::<u32>(),
        prefix in 16u8..=32,
        taken_offsets in proptest::collection::vec(any::<u32>(), 0..40),
        n in 0usize..300,
    ) {
        let subnet = Subnet::new(Ipv4Addr::from(base), prefix).unwrap_or_else(|| unreachable!());
        let taken: Vec<Ipv4Addr> = taken_offsets
            .iter()
            .filter_map(|&o| subnet.nth(u64::from(o) % subnet.size()))
            .collect();
        let rules = CloudProfile::Alibaba.rules();
        let got = next_free(&subnet, CloudProfile::Alibaba, &taken, n);
        prop_assert!(got.len() <= n);
        let facts = SubnetFacts::with_taken(subnet, CloudProfile::Alibaba, &taken);
        let gateway = rules.usual_gateway(&subnet);
        let distinct: HashSet<_> = got.iter().collect();
        prop_assert_eq!(distinct.len(), got.len());
        for a in &got {
            prop_assert!(subnet.contains(*a));
            prop_assert!(!taken.contains(a), "{a} is taken");
            prop_assert!(rules.reserved_which(&subnet, *a).is_none(), "{a} is reserved");
            prop_assert!(Some(*a) != gateway, "{a} is the gateway");
        }
        // It finds as many as there are, up to n.
        let free_without_gateway = facts.free_count - u64::from(gateway.is_some_and(|g| rules.reserved_which(&subnet, g).is_none() && !taken.contains(&g)));
        prop_assert_eq!(got.len() as u64, (n as u64).min(free_without_gateway));
    }
}
