//! Form parsing and validation from arbitrary field strings: `validate`
//! never panics, and what it accepts is consistent with what was typed.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use wizard::plan::{validate, Form};

/// A field: the valid base value, a value from a small dictionary of
/// near-valid and hostile values, or arbitrary text.
#[derive(Arbitrary, Debug)]
enum Value {
    Base,
    Pick(u8),
    Text(String),
}

const PICKS: &[&str] = &[
    "",
    " ",
    "0",
    "1",
    "2",
    "10",
    "100",
    "101",
    "/24",
    "24",
    "/16",
    "/29",
    "/30",
    "255.255.255.0",
    "255.255.0.255",
    "192.168.1.0/24",
    "192.168.1.5/24",
    "10.0.0.0/8",
    "100.64.0.0/16",
    "192.168.1.253",
    "192.168.1.254",
    "192.168.1.255",
    "192.168.1.0",
    "192.168.1.201",
    "192.168.1.202",
    "192.168.01.5",
    "1.2.3",
    "256.1.1.1",
    "00:16:3e:12:34:56",
    "00:16:3E:12:34:5",
    "ubuntu22",
    "win2022",
    "centos6",
    "alpine",
    "keep",
    "static",
    "safe",
    "guide",
    "primary",
    "secondary",
    "available",
    "inuse",
    "ecs.g7.large",
    "ecs.t5-lc2m1.nano",
    "cn-hangzhou",
    "eni-bp1abc",
    "eth0",
    "eth0:1",
    "System eth0",
    "Ethernet 2",
    "a'b",
    "$(id)",
    "\u{202e}",
    "a\nb",
    "\0",
    "100.100.2.136,100.100.2.138",
    "1.1.1.1 8.8.8.8 9.9.9.9 1.0.0.1",
    "1001",
    "252",
    "2147483648",
    "any",
    "eth1",
    "2408:4005:3a8:6300::/64",
    "2408:4005:3a8:6300::/56",
    "2408:4005:3a8:6300::5/64",
    "2408:4005:3a8:6300::",
    "2408:4005:3a8:6300::5",
    "2408:4005:3a8:6300:ffff:ffff:ffff:fff7",
    "2408:4005:3a8:6301::5",
    "fe80::1%eth0",
    "::ffff:192.0.2.1",
    "2408:4005:3a8:6300::5 2408:4005:3a8:6300::6",
];

#[derive(Arbitrary, Debug)]
struct Input {
    fields: [Value; 25],
    extra_secondaries: Vec<Value>,
}

fn pick(v: &Value, base: &str) -> String {
    match v {
        Value::Base => base.to_owned(),
        Value::Pick(i) => PICKS[usize::from(*i) % PICKS.len()].to_owned(),
        Value::Text(s) => s.clone(),
    }
}

fuzz_target!(|input: Input| {
    // The guide's example with an IPv6 part, so that a base value keeps
    // the IPv6 rules' accepting side reachable (with an IPv4-only base, 1
    // of 879 accepted inputs of a 2026-12-04 campaign had IPv6, and with no
    // address to add).
    let base = Form {
        cidr6: "2408:4005:3a8:6300::/64".into(),
        primary6: "2408:4005:3a8:6300::5".into(),
        secondaries6: "2408:4005:3a8:6300::6".into(),
        ..Form::guide_example()
    };
    let f = &input.fields;
    let mut secondaries = vec![pick(&f[15], &base.secondaries[0])];
    secondaries.extend(input.extra_secondaries.iter().take(80).map(|v| pick(v, "192.168.1.203")));
    let form = Form {
        cloud: pick(&f[0], &base.cloud),
        os: pick(&f[1], &base.os),
        mode: pick(&f[2], &base.mode),
        style: pick(&f[3], &base.style),
        eni_kind: pick(&f[4], &base.eni_kind),
        eni_state: pick(&f[5], &base.eni_state),
        route_table: pick(&f[19], &base.route_table),
        source: pick(&f[20], &base.source),
        instance_type: pick(&f[6], &base.instance_type),
        limit: pick(&f[7], &base.limit),
        interface: pick(&f[8], &base.interface),
        windows_alias: pick(&f[9], &base.windows_alias),
        connection: pick(&f[10], &base.connection),
        mac: pick(&f[11], &base.mac),
        cidr: pick(&f[12], &base.cidr),
        gateway: pick(&f[13], &base.gateway),
        primary: pick(&f[14], &base.primary),
        secondaries,
        dns: pick(&f[16], &base.dns),
        region: pick(&f[17], &base.region),
        eni_id: pick(&f[18], &base.eni_id),
        instance_id: pick(&f[21], &base.instance_id),
        cidr6: pick(&f[22], &base.cidr6),
        primary6: pick(&f[23], &base.primary6),
        secondaries6: pick(&f[24], &base.secondaries6),
    };
    match validate(&form) {
        Ok(plan) => {
            // IPv6 only (no IPv4 secondary, IPv6 ones to add) is a plan.
            let adds6 = plan.ipv6.as_ref().is_some_and(|v6| !v6.secondaries.is_empty());
            assert!(!plan.secondaries.is_empty() || adds6, "a plan adding nothing: {form:?}");
            assert!(plan.warnings.iter().all(|p| !p.is_error()), "an error among the warnings");
            for a in plan.all_addresses() {
                assert!(plan.subnet.contains(a), "{a} outside {:?}", plan.subnet);
            }
            if let Some(v6) = &plan.ipv6 {
                assert_eq!(v6.subnet.prefix(), 64, "an IPv6 block other than a /64");
                for a in v6.primary.iter().chain(&v6.secondaries) {
                    let pos = v6.subnet.position(*a).expect("an IPv6 address outside its block");
                    assert!(pos.offset() > 0 && pos.from_end() >= 9, "reserved IPv6 {a} accepted");
                }
            }
            let n = plan.interface.as_str().len();
            assert!((1..=15).contains(&n), "interface {:?} accepted", plan.interface);
            assert!(!plan.connection.chars().any(char::is_control), "control character accepted");
            assert!(
                !plan.windows_alias.chars().any(char::is_control),
                "control character accepted"
            );
        }
        Err(problems) => {
            assert!(problems.iter().any(|p| p.is_error()), "rejected with warnings only");
            for p in &problems {
                let m = wizard::wording::problem(wizard::wording::Locale::En, p);
                assert!(m.len() > 1 && m.ends_with('.'), "bad message {m:?}");
                let zh = wizard::wording::problem(wizard::wording::Locale::Zh, p);
                assert!(zh.chars().count() > 1 && zh.ends_with('。'), "bad message {zh:?}");
            }
        }
    }
});
