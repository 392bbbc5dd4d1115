//! One table row per rule, good side and bad side: a form is the guide's
//! example with one change, and the expected outcome names the field and the
//! problem kind.

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

use wizard::plan::{validate, Field, Form, Problem, Severity};
use wizard::wording::{problem, Locale};

/// The problem as the page shows it.
fn words(p: &Problem) -> String {
    problem(Locale::En, p)
}

/// What a case expects.
enum Expect {
    /// A plan with no warnings (but LimitUnknown: the guide's example
    /// names no instance type, and `limit_unknown_is_a_warning` covers it).
    Valid,
    /// A plan, with a warning of this kind on this field.
    Warns(Field, &'static str),
    /// No plan, and an error of this kind on this field.
    Fails(Field, &'static str),
}
use Expect::*;

/// The problem kind's variant name (its Debug text up to the first `{` or space).
fn kind_name(p: &Problem) -> String {
    format!("{:?}", p.kind).split([' ', '{', '(']).next().unwrap_or_default().to_owned()
}

fn form(change: impl FnOnce(&mut Form)) -> Form {
    let mut f = Form::guide_example();
    change(&mut f);
    f
}

fn sec(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// The guide's /24 with the primary and `n - 1` secondaries (n addresses in all).
fn with_addresses(n: u8) -> impl FnOnce(&mut Form) {
    move |f: &mut Form| f.secondaries = (1..n).map(|i| format!("192.168.1.{}", 201 + i)).collect()
}

fn check(name: &str, form: &Form, expect: &Expect) {
    let result = validate(form);
    let describe = |ps: &[Problem]| {
        ps.iter().map(|p| format!("{:?} {} [{}]", p.severity, p, kind_name(p))).collect::<Vec<_>>()
    };
    match (expect, &result) {
        (Valid, Ok(plan)) => assert!(
            plan.warnings.iter().all(|p| kind_name(p) == "LimitUnknown"),
            "{name}: unexpected warnings {:?}",
            describe(&plan.warnings)
        ),
        (Warns(field, kind), Ok(plan)) => assert!(
            plan.warnings.iter().any(|p| p.field == *field
                && kind_name(p) == *kind
                && p.severity == Severity::Warning),
            "{name}: expected warning {kind} on {field:?}, got {:?}",
            describe(&plan.warnings)
        ),
        (Fails(field, kind), Err(ps)) => assert!(
            ps.iter().any(|p| p.field == *field && kind_name(p) == *kind && p.is_error()),
            "{name}: expected error {kind} on {field:?}, got {:?}",
            describe(ps)
        ),
        (_, Ok(plan)) => panic!(
            "{name}: expected an error, got a plan with warnings {:?}",
            describe(&plan.warnings)
        ),
        (_, Err(ps)) => panic!("{name}: expected a plan, got {:?}", describe(ps)),
    }
    // Every problem reads as a sentence: no lowercase start, a final period.
    let problems: Vec<Problem> = match result {
        Ok(plan) => plan.warnings,
        Err(ps) => ps,
    };
    for p in problems {
        let m = words(&p);
        assert!(m.ends_with('.'), "{name}: no final period in {m:?}");
        assert!(!m.starts_with(|c: char| c.is_lowercase()), "{name}: lowercase start in {m:?}");
    }
}

#[test]
fn the_guide_example_is_valid() {
    let plan = validate(&Form::guide_example()).unwrap();
    assert!(plan.warnings.iter().all(|p| !p.is_error()));
    assert_eq!(plan.subnet.to_string(), "192.168.1.0/24");
    assert_eq!(plan.gateway.to_string(), "192.168.1.253");
    assert_eq!(plan.primary.to_string(), "192.168.1.201");
    let secs: Vec<String> = plan.secondaries.iter().map(|a| a.to_string()).collect();
    assert_eq!(secs, ["192.168.1.202", "192.168.1.203"]);
}

#[test]
fn address_rules() {
    let cases: Vec<(&str, Form, Expect)> = vec![
        (
            "secondary .254 (reserved)",
            form(|f| f.secondaries = sec(&["192.168.1.254"])),
            Fails(Field::Secondary(0), "ReservedAddress"),
        ),
        (
            "secondary .255 (broadcast)",
            form(|f| f.secondaries = sec(&["192.168.1.255"])),
            Fails(Field::Secondary(0), "ReservedAddress"),
        ),
        (
            "secondary .0 (network)",
            form(|f| f.secondaries = sec(&["192.168.1.0"])),
            Fails(Field::Secondary(0), "ReservedAddress"),
        ),
        (
            "secondary .253 (reserved gateway)",
            form(|f| f.secondaries = sec(&["192.168.1.253"])),
            Fails(Field::Secondary(0), "ReservedAddress"),
        ),
        ("secondary .252 (last usable)", form(|f| f.secondaries = sec(&["192.168.1.252"])), Valid),
        ("secondary .1 (first usable)", form(|f| f.secondaries = sec(&["192.168.1.1"])), Valid),
        (
            "secondary equals an unusual gateway",
            form(|f| {
                f.gateway = "192.168.1.1".into();
                f.secondaries = sec(&["192.168.1.1"])
            }),
            Fails(Field::Secondary(0), "IsGateway"),
        ),
        (
            "primary equals the gateway",
            form(|f| {
                f.gateway = "192.168.1.1".into();
                f.primary = "192.168.1.1".into()
            }),
            Fails(Field::Primary, "IsGateway"),
        ),
        (
            "leading zero",
            form(|f| f.secondaries = sec(&["192.168.01.5"])),
            Fails(Field::Secondary(0), "InvalidAddress"),
        ),
        (
            "primary with a trailing space",
            form(|f| f.primary = "192.168.1.5 ".into()),
            Fails(Field::Primary, "InvalidAddress"),
        ),
        (
            "gateway with a trailing space",
            form(|f| f.gateway = "192.168.1.253 ".into()),
            Fails(Field::Gateway, "InvalidAddress"),
        ),
        (
            "three parts",
            form(|f| f.primary = "1.2.3".into()),
            Fails(Field::Primary, "InvalidAddress"),
        ),
        (
            "octet 256",
            form(|f| f.secondaries = sec(&["256.1.1.1"])),
            Fails(Field::Secondary(0), "InvalidAddress"),
        ),
        (
            "primary outside",
            form(|f| f.primary = "192.168.2.5".into()),
            Fails(Field::Primary, "OutsideSubnet"),
        ),
        (
            "secondary outside",
            form(|f| f.secondaries = sec(&["10.0.0.5"])),
            Fails(Field::Secondary(0), "OutsideSubnet"),
        ),
        (
            "primary is reserved",
            form(|f| f.primary = "192.168.1.254".into()),
            Fails(Field::Primary, "ReservedAddress"),
        ),
        ("primary required", form(|f| f.primary.clear()), Fails(Field::Primary, "Required")),
        (
            "no secondaries",
            form(|f| f.secondaries = sec(&[""])),
            Fails(Field::Secondaries, "NoSecondaries"),
        ),
        (
            "no secondary rows",
            form(|f| f.secondaries.clear()),
            Fails(Field::Secondaries, "NoSecondaries"),
        ),
        (
            "IPv6 addresses alone: an IPv6-only addition",
            form(|f| {
                f.secondaries.clear();
                f.cidr6 = "2001:db8:1:2::/64".into();
                f.secondaries6 = "2001:db8:1:2::a".into();
            }),
            Valid,
        ),
        (
            "the IPv6 block alone is no addition",
            form(|f| {
                f.secondaries.clear();
                f.cidr6 = "2001:db8:1:2::/64".into();
            }),
            Fails(Field::Secondaries, "NoSecondaries"),
        ),
        (
            "pasted list in one row",
            form(|f| f.secondaries = sec(&["192.168.1.202, 192.168.1.203\n192.168.1.204"])),
            Valid,
        ),
        (
            "bad piece in a pasted row names that row",
            form(|f| f.secondaries = sec(&["192.168.1.202", "192.168.1.203 192.168.1.x"])),
            Fails(Field::Secondary(1), "InvalidAddress"),
        ),
    ];
    for (name, f, expect) in &cases {
        check(name, f, expect);
    }
}

#[test]
fn gateway_rules() {
    let cases: Vec<(&str, Form, Expect)> = vec![
        ("usual gateway", Form::guide_example(), Valid),
        (
            "unusual gateway .1 warns",
            form(|f| f.gateway = "192.168.1.1".into()),
            Warns(Field::Gateway, "UnusualGateway"),
        ),
        (
            "gateway .254 warns",
            form(|f| f.gateway = "192.168.1.254".into()),
            Warns(Field::Gateway, "UnusualGateway"),
        ),
        (
            "gateway is the network",
            form(|f| f.gateway = "192.168.1.0".into()),
            Fails(Field::Gateway, "ReservedAddress"),
        ),
        (
            "gateway is the broadcast",
            form(|f| f.gateway = "192.168.1.255".into()),
            Fails(Field::Gateway, "ReservedAddress"),
        ),
        (
            "gateway outside",
            form(|f| f.gateway = "10.0.0.1".into()),
            Fails(Field::Gateway, "OutsideSubnet"),
        ),
        ("gateway required", form(|f| f.gateway.clear()), Fails(Field::Gateway, "Required")),
        (
            "gateway junk",
            form(|f| f.gateway = "gw".into()),
            Fails(Field::Gateway, "InvalidAddress"),
        ),
    ];
    for (name, f, expect) in &cases {
        check(name, f, expect);
    }
}

#[test]
fn duplicates_name_both_places() {
    let f = form(|f| f.secondaries = sec(&["192.168.1.201"]));
    let ps = validate(&f).unwrap_err();
    let p = ps.iter().find(|p| kind_name(p) == "Duplicate").unwrap();
    assert_eq!(p.field, Field::Secondary(0));
    assert_eq!(words(p), "192.168.1.201 is already used as the primary IP.");
    assert_eq!(p.to_string(), "Secondary IP 1: 192.168.1.201 is already used as the primary IP.");

    let f = form(|f| f.secondaries = sec(&["192.168.1.202", "192.168.1.203 192.168.1.202"]));
    let ps = validate(&f).unwrap_err();
    let p = ps.iter().find(|p| kind_name(p) == "Duplicate").unwrap();
    assert_eq!(p.field, Field::Secondary(1));
    assert_eq!(words(p), "192.168.1.202 is already used as the secondary IP 1.");

    check(
        "duplicate dns",
        &form(|f| f.dns = "100.100.2.136 100.100.2.136".into()),
        &Fails(Field::Dns, "DuplicateDns"),
    );
}

#[test]
fn cidr_rules() {
    let cases: Vec<(&str, Form, Expect)> = vec![
        (
            "/30 rejected",
            form(|f| {
                f.cidr = "192.168.1.200/30".into();
                f.gateway = "192.168.1.201".into()
            }),
            Fails(Field::Cidr, "PrefixOutOfRange"),
        ),
        (
            "/15 rejected",
            form(|f| f.cidr = "192.168.0.0/15".into()),
            Fails(Field::Cidr, "PrefixOutOfRange"),
        ),
        (
            "/16 accepted",
            form(|f| {
                f.cidr = "192.168.0.0/16".into();
                f.gateway = "192.168.255.253".into()
            }),
            Valid,
        ),
        (
            "/29 accepted",
            form(|f| {
                f.cidr = "192.168.1.200/29".into();
                f.gateway = "192.168.1.205".into();
                f.secondaries = sec(&["192.168.1.202", "192.168.1.204"])
            }),
            Valid,
        ),
        (
            "host bits set warn with the network",
            form(|f| f.cidr = "192.168.1.77/24".into()),
            Warns(Field::Cidr, "HostBitsSet"),
        ),
        ("dotted mask alone", form(|f| f.cidr = "255.255.255.0".into()), Valid),
        ("slash prefix alone", form(|f| f.cidr = "/24".into()), Valid),
        ("bare prefix", form(|f| f.cidr = "24".into()), Valid),
        ("cidr with a dotted mask", form(|f| f.cidr = "192.168.1.0/255.255.255.0".into()), Valid),
        (
            "non-contiguous mask",
            form(|f| f.cidr = "255.0.255.0".into()),
            Fails(Field::Cidr, "InvalidMask"),
        ),
        (
            "prefix 33",
            form(|f| f.cidr = "192.168.1.0/33".into()),
            Fails(Field::Cidr, "InvalidMask"),
        ),
        (
            "address without prefix",
            form(|f| f.cidr = "192.168.1.0".into()),
            Fails(Field::Cidr, "InvalidCidr"),
        ),
        ("junk", form(|f| f.cidr = "a.b.c.d/24".into()), Fails(Field::Cidr, "InvalidCidr")),
        (
            "mask alone without a primary",
            form(|f| {
                f.cidr = "/24".into();
                f.primary = "x".into()
            }),
            Fails(Field::Cidr, "MaskNeedsPrimary"),
        ),
        ("cidr required", form(|f| f.cidr.clear()), Fails(Field::Cidr, "Required")),
        (
            "shared address space",
            form(|f| {
                f.cidr = "100.64.1.0/24".into();
                f.gateway = "100.64.1.253".into();
                f.primary = "100.64.1.201".into();
                f.secondaries = sec(&["100.64.1.202"])
            }),
            Fails(Field::Cidr, "ForbiddenRange"),
        ),
        (
            "link-local",
            form(|f| {
                f.cidr = "169.254.1.0/24".into();
                f.gateway = "169.254.1.253".into();
                f.primary = "169.254.1.201".into();
                f.secondaries = sec(&["169.254.1.202"])
            }),
            Fails(Field::Cidr, "ForbiddenRange"),
        ),
        (
            "loopback",
            form(|f| {
                f.cidr = "127.0.1.0/24".into();
                f.gateway = "127.0.1.253".into();
                f.primary = "127.0.1.201".into();
                f.secondaries = sec(&["127.0.1.202"])
            }),
            Fails(Field::Cidr, "ForbiddenRange"),
        ),
        (
            "multicast",
            form(|f| {
                f.cidr = "224.0.1.0/24".into();
                f.gateway = "224.0.1.253".into();
                f.primary = "224.0.1.201".into();
                f.secondaries = sec(&["224.0.1.202"])
            }),
            Fails(Field::Cidr, "ForbiddenRange"),
        ),
        (
            "next to shared space is fine",
            form(|f| {
                f.cidr = "100.128.1.0/24".into();
                f.gateway = "100.128.1.253".into();
                f.primary = "100.128.1.201".into();
                f.secondaries = sec(&["100.128.1.202"])
            }),
            Valid,
        ),
    ];
    for (name, f, expect) in &cases {
        check(name, f, expect);
    }
    let ps = validate(&form(|f| f.cidr = "192.168.1.200/30".into())).unwrap_err();
    let p = ps.iter().find(|p| kind_name(p) == "PrefixOutOfRange").unwrap();
    assert_eq!(words(p), "/30 is not allowed: Alibaba vSwitch masks run from /16 to /29.");
    let plan = validate(&form(|f| f.cidr = "192.168.1.77/24".into())).unwrap();
    assert_eq!(plan.subnet.to_string(), "192.168.1.0/24");
    let w = plan.warnings.iter().find(|p| kind_name(p) == "HostBitsSet").unwrap();
    assert_eq!(
        words(w),
        "'192.168.1.77/24' has host bits set: it means the network 192.168.1.0/24."
    );
}

#[test]
fn reserved_messages_name_the_place() {
    let ps = validate(&form(|f| f.secondaries = sec(&["192.168.1.254"]))).unwrap_err();
    assert_eq!(
        words(ps.iter().find(|p| p.field == Field::Secondary(0)).unwrap()),
        "192.168.1.254 is reserved by Alibaba cloud (the second-to-last address of the vSwitch)."
    );
    let ps = validate(&form(|f| f.secondaries = sec(&["192.168.1.255"]))).unwrap_err();
    let p = ps.iter().find(|p| p.field == Field::Secondary(0)).unwrap();
    assert_eq!(words(p), "192.168.1.255 is the broadcast address of the vSwitch.");
}

#[test]
fn count_rules() {
    let avail = |n: u8| {
        form(move |f| {
            f.eni_kind = "secondary".into();
            f.eni_state = "available".into();
            f.interface = "eth1".into();
            with_addresses(n)(f);
        })
    };
    let t6 = |n: u8| {
        form(move |f| {
            f.instance_type = "ecs.t6-c1m1.large".into();
            with_addresses(n)(f);
        })
    };
    let cases: Vec<(&str, Form, Expect)> = vec![
        ("10 in state available", avail(10), Valid),
        // The guide says 10; the current API reference up to 49 secondaries.
        ("11 in state available", avail(11), Warns(Field::Secondaries, "AvailableBeyondGuide")),
        ("50 in state available", avail(50), Warns(Field::Secondaries, "AvailableBeyondGuide")),
        ("51 in state available", avail(51), Fails(Field::Secondaries, "TooMany")),
        ("t6-c1m1.large takes 1 secondary", t6(2), Valid),
        ("t6-c1m1.large refuses 2", t6(3), Fails(Field::Secondaries, "TooMany")),
        ("type without the ecs. prefix", form(|f| f.instance_type = "G7.LARGE".into()), Valid),
        ("typed limit 3 takes 2 secondaries", form(|f| f.limit = "3".into()), Valid),
        (
            "typed limit 2 refuses 2 secondaries",
            form(|f| f.limit = "2".into()),
            Fails(Field::Secondaries, "TooMany"),
        ),
        (
            "typed limit junk",
            form(|f| f.limit = "lots".into()),
            Fails(Field::Limit, "InvalidLimit"),
        ),
        ("typed limit 0", form(|f| f.limit = "0".into()), Fails(Field::Limit, "InvalidLimit")),
        ("typed limit 101", form(|f| f.limit = "101".into()), Fails(Field::Limit, "InvalidLimit")),
        (
            "unknown type",
            form(|f| f.instance_type = "ecs.g7.48xlarge".into()),
            Fails(Field::InstanceType, "UnknownInstanceType"),
        ),
        (
            "unknown type with a typed limit warns",
            form(|f| {
                f.instance_type = "ecs.g7.48xlarge".into();
                f.limit = "30".into()
            }),
            Warns(Field::InstanceType, "UnknownInstanceType"),
        ),
        (
            "typed limit differing from the catalog warns",
            form(|f| {
                f.instance_type = "ecs.g7.large".into();
                f.limit = "10".into()
            }),
            Warns(Field::Limit, "LimitDiffers"),
        ),
        ("inuse without type or limit warns", Form::guide_example(), Valid),
        (
            "primary eni cannot be available",
            form(|f| f.eni_state = "available".into()),
            Fails(Field::EniState, "PrimaryEniAvailable"),
        ),
        (
            "51 addresses with no known limit",
            form(with_addresses(51)),
            Fails(Field::Secondaries, "TooMany"),
        ),
    ];
    for (name, f, expect) in &cases {
        check(name, f, expect);
    }
    let ps = validate(&form(|f| f.instance_type = "ecs.g7.48xlarge".into())).unwrap_err();
    let m = words(ps.iter().find(|p| p.field == Field::InstanceType).unwrap());
    assert!(m.contains("'ecs.g7.48xlarge'") && m.contains("did you mean ecs.g7."), "{m}");
    let plan = validate(&t6(2)).unwrap();
    assert_eq!(plan.limit.per_eni, 2);
    assert_eq!(plan.instance_type.as_deref(), Some("ecs.t6-c1m1.large"));
}

/// The vSwitch IPv6 block the IPv6 rows use, and an address in it by its
/// last groups.
const NET6: &str = "2408:4005:3a8:6300::/64";
fn v6(tail: &str) -> String {
    format!("2408:4005:3a8:6300:{tail}")
}

/// The guide's example with the IPv6 block and `list` to add.
fn ipv6(list: &[&str]) -> impl FnOnce(&mut Form) {
    let list = list.join(", ");
    move |f: &mut Form| {
        f.cidr6 = NET6.into();
        f.secondaries6 = list;
    }
}

/// The guide's example with the IPv6 block and the ENI's own IPv6 address `a`.
fn own6(a: &str) -> Form {
    form(|f| {
        f.cidr6 = NET6.into();
        f.primary6 = a.into();
    })
}

/// `n` IPv6 addresses to add (::a, ::b, …), with the block.
fn ipv6_n(n: usize) -> impl FnOnce(&mut Form) {
    move |f: &mut Form| {
        f.cidr6 = NET6.into();
        f.secondaries6 =
            (0..n).map(|i| v6(&format!(":{:x}", 10 + i))).collect::<Vec<_>>().join(" ");
    }
}

#[test]
fn ipv6_rules() {
    let with_type = |t: &'static str, n: usize, own: bool| {
        form(move |f| {
            ipv6_n(n)(f);
            f.instance_type = t.into();
            if own {
                f.primary6 = v6(":5");
            }
        })
    };
    let avail = |n: usize| {
        form(move |f| {
            ipv6_n(n)(f);
            f.primary6 = v6(":5");
            f.eni_kind = "secondary".into();
            f.eni_state = "available".into();
            f.interface = "eth1".into();
        })
    };
    // Not in the catalog (its IPv4 limit typed): only the call's 10.
    let unknown_type = |n: usize| {
        form(move |f| {
            ipv6_n(n)(f);
            f.instance_type = "ecs.zz.large".into();
            f.limit = "10".into();
        })
    };
    let cases: Vec<(&str, Form, Expect)> = vec![
        ("no IPv6 at all", Form::guide_example(), Valid),
        ("one IPv6 address to add", form(ipv6(&[&v6(":5")])), Valid),
        ("the block alone", form(|f| f.cidr6 = NET6.into()), Valid),
        (
            "the ENI's own address and two to add",
            form(|f| {
                ipv6(&[&v6(":6"), &v6(":7")])(f);
                f.primary6 = v6(":5");
            }),
            Valid,
        ),
        // CIDR: parses, is a /64, no host bits.
        (
            "CIDR not IPv6",
            form(|f| f.cidr6 = "192.168.1.0/24".into()),
            Fails(Field::Cidr6, "InvalidCidr6"),
        ),
        (
            "CIDR without prefix",
            form(|f| f.cidr6 = "2408:4005:3a8:6300::".into()),
            Fails(Field::Cidr6, "InvalidCidr6"),
        ),
        (
            "CIDR with a zone id",
            form(|f| f.cidr6 = "fe80::%eth0/64".into()),
            Fails(Field::Cidr6, "InvalidCidr6"),
        ),
        (
            "the VPC's /56 pasted",
            form(|f| f.cidr6 = "2408:4005:3a8:6300::/56".into()),
            Fails(Field::Cidr6, "Ipv6PrefixNotVswitch"),
        ),
        (
            "a /48",
            form(|f| f.cidr6 = "2408:4005:3a8::/48".into()),
            Fails(Field::Cidr6, "Ipv6PrefixNotVswitch"),
        ),
        (
            "host bits set",
            form(|f| f.cidr6 = "2408:4005:3a8:6300::1/64".into()),
            Fails(Field::Cidr6, "HostBitsSet6"),
        ),
        // Addresses: strict, inside, not reserved.
        ("first usable ::1", form(ipv6(&[&v6(":1")])), Valid),
        ("last usable (tenth-to-last)", form(ipv6(&[&v6("ffff:ffff:ffff:fff6")])), Valid),
        (
            "the subnet-router anycast (offset 0)",
            form(ipv6(&["2408:4005:3a8:6300::"])),
            Fails(Field::Secondaries6, "ReservedAddress6"),
        ),
        (
            "ninth-to-last is reserved",
            form(ipv6(&[&v6("ffff:ffff:ffff:fff7")])),
            Fails(Field::Secondaries6, "ReservedAddress6"),
        ),
        (
            "the last is reserved",
            form(ipv6(&[&v6("ffff:ffff:ffff:ffff")])),
            Fails(Field::Secondaries6, "ReservedAddress6"),
        ),
        (
            "the ENI's own address reserved",
            own6("2408:4005:3a8:6300::"),
            Fails(Field::Primary6, "ReservedAddress6"),
        ),
        (
            "outside the block",
            form(ipv6(&["2408:4005:3a8:6301::5"])),
            Fails(Field::Secondaries6, "OutsideSubnet6"),
        ),
        (
            "the ENI's own address outside",
            own6("2408:4005:3a8:6301::5"),
            Fails(Field::Primary6, "OutsideSubnet6"),
        ),
        ("a zone id", form(ipv6(&["fe80::1%eth0"])), Fails(Field::Secondaries6, "InvalidAddress6")),
        (
            "IPv4-embedded text",
            form(ipv6(&["::ffff:192.0.2.1"])),
            Fails(Field::Secondaries6, "InvalidAddress6"),
        ),
        (
            "an IPv4 address in the IPv6 list",
            form(ipv6(&["192.168.1.204"])),
            Fails(Field::Secondaries6, "InvalidAddress6"),
        ),
        (
            "the ENI's own address not IPv6",
            own6("2408:4005:3a8:6300::g"),
            Fails(Field::Primary6, "InvalidAddress6"),
        ),
        // Duplicates, by value (the spelling does not matter).
        ("two different addresses", form(ipv6(&[&v6(":5"), &v6(":6")])), Valid),
        (
            "listed twice in two spellings",
            form(ipv6(&[&v6(":5"), "2408:4005:03A8:6300:0:0:0:5"])),
            Fails(Field::Secondaries6, "DuplicateIpv6"),
        ),
        (
            "the ENI's own address to add",
            form(|f| {
                ipv6(&[&v6(":5")])(f);
                f.primary6 = v6(":5");
            }),
            Fails(Field::Secondaries6, "Ipv6IsPrimary"),
        ),
        // No CIDR.
        (
            "addresses without the block",
            form(|f| f.secondaries6 = v6(":5")),
            Fails(Field::Secondaries6, "Ipv6NeedsCidr"),
        ),
        (
            "the ENI's own address without the block",
            form(|f| f.primary6 = v6(":5")),
            Fails(Field::Primary6, "Ipv6NeedsCidr"),
        ),
        // Count: 10 per AssignIpv6Addresses call, else the type's lower limit.
        ("10 to add", form(ipv6_n(10)), Valid),
        ("11 to add", form(ipv6_n(11)), Fails(Field::Secondaries6, "Ipv6PerCall")),
        ("g9ae.large holds 6: its own and 5", with_type("ecs.g9ae.large", 5, true), Valid),
        (
            "g9ae.large refuses its own and 6",
            with_type("ecs.g9ae.large", 6, true),
            Fails(Field::Secondaries6, "TooManyIpv6"),
        ),
        ("g9ae.xlarge holds 15: 10 to add", with_type("ecs.g9ae.xlarge", 10, true), Valid),
        (
            "g9ae.xlarge: 11 to add is over the call's 10",
            with_type("ecs.g9ae.xlarge", 11, false),
            Fails(Field::Secondaries6, "Ipv6PerCall"),
        ),
        // A type whose IPv6 limit the catalog lacks: the call's 10.
        ("ic5.large (no IPv6 figure): 10", with_type("ecs.ic5.large", 10, false), Valid),
        (
            "ic5.large (no IPv6 figure): 11",
            with_type("ecs.ic5.large", 11, false),
            Fails(Field::Secondaries6, "Ipv6PerCall"),
        ),
        (
            "unknown type: the call's 10 still holds",
            unknown_type(10),
            Warns(Field::InstanceType, "UnknownInstanceType"),
        ),
        ("unknown type: 11", unknown_type(11), Fails(Field::Secondaries6, "Ipv6PerCall")),
        ("available: its own and 9", avail(9), Valid),
        ("available: its own and 10", avail(10), Fails(Field::Secondaries6, "TooManyIpv6")),
    ];
    for (name, f, expect) in &cases {
        check(name, f, expect);
    }
}

#[test]
fn ipv6_part_of_the_plan() {
    let plan = validate(&form(|f| {
        ipv6(&["2408:4005:3A8:6300:0::7", &v6(":6")])(f);
        f.primary6 = v6(":5");
    }))
    .unwrap();
    let part = plan.ipv6.unwrap();
    assert_eq!(part.subnet.to_string(), NET6);
    assert_eq!(part.primary.map(|a| a.to_string()), Some(v6(":5")));
    let secs: Vec<String> = part.secondaries.iter().map(|a| a.to_string()).collect();
    assert_eq!(secs, [v6(":7"), v6(":6")], "canonical, in the order given");
    assert_eq!(validate(&Form::guide_example()).unwrap().ipv6, None);
}

#[test]
fn ipv6_messages_say_why() {
    let first = |f: Form, field: Field| {
        let ps = validate(&f).unwrap_err();
        words(ps.iter().find(|p| p.field == field).unwrap_or_else(|| panic!("{ps:?}")))
    };
    let m = first(form(|f| f.cidr6 = "2408:4005:3a8:6300::/56".into()), Field::Cidr6);
    assert!(m.contains("/56 is the VPC's") && m.contains("/64"), "{m}");
    let m = first(form(|f| f.cidr6 = "2408:4005:3a8:6300::1/64".into()), Field::Cidr6);
    assert!(m.contains("the network 2408:4005:3a8:6300::/64"), "{m}");
    let m = first(form(ipv6(&["fe80::1%eth0"])), Field::Secondaries6);
    assert!(m.contains("'fe80::1%eth0'") && m.contains("zone ID"), "{m}");
    let m = first(form(ipv6(&["::ffff:192.0.2.1"])), Field::Secondaries6);
    assert!(m.contains("IPv4-embedded") && m.contains("::ffff:c000:201"), "{m}");
    let m = first(form(ipv6(&["2408:4005:3a8:6300::"])), Field::Secondaries6);
    assert!(m.contains("subnet-router anycast"), "{m}");
    let m = first(form(ipv6(&[&v6("ffff:ffff:ffff:fff7")])), Field::Secondaries6);
    assert!(m.contains("ninth-to-last"), "{m}");
    let m = first(form(ipv6(&[&v6("ffff:ffff:ffff:ffff")])), Field::Secondaries6);
    assert!(m.contains("the last address"), "{m}");
    let m = first(with_type6("ecs.g9ae.large", 6), Field::Secondaries6);
    assert!(m.contains("limit of 6 of ecs.g9ae.large"), "{m}");
    let m = first(form(ipv6_n(11)), Field::Secondaries6);
    assert!(m.contains("AssignIpv6Addresses") && m.contains("at most 10"), "{m}");
}

/// The ENI's own IPv6 address and `n` to add, on `t`.
fn with_type6(t: &str, n: usize) -> Form {
    form(|f| {
        ipv6_n(n)(f);
        f.instance_type = t.into();
        f.primary6 = v6(":5");
    })
}

#[test]
fn limit_unknown_is_a_warning() {
    let plan = validate(&Form::guide_example()).unwrap();
    let kinds: Vec<(Field, String)> =
        plan.warnings.iter().map(|p| (p.field, kind_name(p))).collect();
    assert_eq!(kinds, [(Field::InstanceType, "LimitUnknown".to_owned())]);
    let plan = validate(&form(|f| f.instance_type = "ecs.g7.large".into())).unwrap();
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
    let plan = validate(&form(|f| {
        f.eni_kind = "secondary".into();
        f.eni_state = "available".into();
        f.interface = "eth1".into();
    }))
    .unwrap();
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
}

#[test]
fn interface_and_text_rules() {
    let long = "a".repeat(16);
    let cases: Vec<(&str, Form, Expect)> = vec![
        ("eth0", Form::guide_example(), Valid),
        ("15 bytes", form(|f| f.interface = "enp0s31f6abcdef".into()), Valid),
        (
            "16 bytes",
            form(|f| f.interface = long.clone()),
            Fails(Field::Interface, "InvalidInterface"),
        ),
        (
            "space",
            form(|f| f.interface = "eth 0".into()),
            Fails(Field::Interface, "InvalidInterface"),
        ),
        (
            "slash",
            form(|f| f.interface = "eth/0".into()),
            Fails(Field::Interface, "InvalidInterface"),
        ),
        (
            "alias colon",
            form(|f| f.interface = "eth0:0".into()),
            Fails(Field::Interface, "InvalidInterface"),
        ),
        ("dot", form(|f| f.interface = ".".into()), Fails(Field::Interface, "InvalidInterface")),
        (
            "dot dot",
            form(|f| f.interface = "..".into()),
            Fails(Field::Interface, "InvalidInterface"),
        ),
        ("empty interface", form(|f| f.interface.clear()), Fails(Field::Interface, "Required")),
        ("vlan and peer names", form(|f| f.interface = "eth0.100".into()), Valid),
        (
            "a comment character ifupdown cannot quote",
            form(|f| f.interface = "eth#0".into()),
            Fails(Field::Interface, "InvalidInterface"),
        ),
        (
            "an option-like name",
            form(|f| f.interface = "-eth0".into()),
            Fails(Field::Interface, "InvalidInterface"),
        ),
        (
            "a digit first (YAML reads 017 as a number)",
            form(|f| f.interface = "017".into()),
            Fails(Field::Interface, "InvalidInterface"),
        ),
        (
            "non-ascii",
            form(|f| f.interface = "ethü".into()),
            Fails(Field::Interface, "InvalidInterface"),
        ),
        (
            "alias with spaces and quotes",
            form(|f| f.windows_alias = "Ethernet 2 \"x\" $y".into()),
            Valid,
        ),
        (
            "alias with a newline",
            form(|f| f.windows_alias = "Ether\nnet".into()),
            Fails(Field::WindowsAlias, "ControlCharacter"),
        ),
        ("empty alias", form(|f| f.windows_alias.clear()), Fails(Field::WindowsAlias, "Required")),
        ("connection with quotes", form(|f| f.connection = "it's; rm -rf /".into()), Valid),
        (
            "connection with a tab",
            form(|f| f.connection = "System\teth0".into()),
            Fails(Field::Connection, "ControlCharacter"),
        ),
        ("empty connection", form(|f| f.connection.clear()), Fails(Field::Connection, "Required")),
    ];
    for (name, f, expect) in &cases {
        check(name, f, expect);
    }
}

#[test]
fn mac_dns_region_eni_rules() {
    let cases: Vec<(&str, Form, Expect)> = vec![
        ("mac upper case", form(|f| f.mac = "00:16:3E:AB:cd:01".into()), Valid),
        (
            "mac with dashes",
            form(|f| f.mac = "00-16-3e-ab-cd-01".into()),
            Fails(Field::Mac, "InvalidMac"),
        ),
        ("mac short", form(|f| f.mac = "00:16:3e:ab:cd".into()), Fails(Field::Mac, "InvalidMac")),
        (
            "mac with junk",
            form(|f| f.mac = "00:16:3e:ab:cd:0g".into()),
            Fails(Field::Mac, "InvalidMac"),
        ),
        ("three dns", form(|f| f.dns = "100.100.2.136, 100.100.2.138 8.8.8.8".into()), Valid),
        (
            "four dns",
            form(|f| f.dns = "1.1.1.1 8.8.8.8 9.9.9.9 8.8.4.4".into()),
            Fails(Field::Dns, "TooManyDns"),
        ),
        (
            "bad dns",
            form(|f| f.dns = "100.100.2.136 100.100.02.138".into()),
            Fails(Field::Dns, "InvalidAddress"),
        ),
        (
            "static without dns warns",
            form(|f| f.mode = "static".into()),
            Warns(Field::Dns, "NoDns"),
        ),
        (
            "windows without dns warns",
            form(|f| f.os = "win2022".into()),
            Warns(Field::Dns, "NoDns"),
        ),
        (
            "static with dns",
            form(|f| {
                f.mode = "static".into();
                f.dns = "100.100.2.136".into()
            }),
            Valid,
        ),
        ("regions", form(|f| f.region = "ap-southeast-1".into()), Valid),
        ("region cn-hongkong", form(|f| f.region = "cn-hongkong".into()), Valid),
        ("region me-east-1", form(|f| f.region = "me-east-1".into()), Valid),
        (
            "region upper case",
            form(|f| f.region = "CN-Hangzhou".into()),
            Fails(Field::Region, "InvalidRegion"),
        ),
        (
            "region one word",
            form(|f| f.region = "hangzhou".into()),
            Fails(Field::Region, "InvalidRegion"),
        ),
        (
            "region with a space",
            form(|f| f.region = "cn-hangzhou ".into()),
            Fails(Field::Region, "InvalidRegion"),
        ),
        ("eni id", form(|f| f.eni_id = "eni-bp67acfmxazb4p****".replace('*', "x")), Valid),
        (
            "eni id upper case",
            form(|f| f.eni_id = "eni-BP1".into()),
            Fails(Field::EniId, "InvalidEniId"),
        ),
        (
            "eni id wrong prefix",
            form(|f| f.eni_id = "i-bp1abc".into()),
            Fails(Field::EniId, "InvalidEniId"),
        ),
        ("instance id", form(|f| f.instance_id = "i-bp67acfmxazb4p0000".into()), Valid),
        (
            "instance id upper case",
            form(|f| f.instance_id = "i-BP1".into()),
            Fails(Field::InstanceId, "InvalidInstanceId"),
        ),
        (
            "instance id wrong prefix",
            form(|f| f.instance_id = "eni-bp1abc".into()),
            Fails(Field::InstanceId, "InvalidInstanceId"),
        ),
        (
            "instance id too long",
            form(|f| f.instance_id = format!("i-{}", "a".repeat(41))),
            Fails(Field::InstanceId, "InvalidInstanceId"),
        ),
    ];
    for (name, f, expect) in &cases {
        check(name, f, expect);
    }
    let plan = validate(&form(|f| f.mac = "00:16:3E:AB:cd:01".into())).unwrap();
    assert_eq!(plan.mac.unwrap().to_string(), "00:16:3e:ab:cd:01");
    let w = validate(&form(|f| f.mode = "static".into())).unwrap().warnings;
    let w = w.iter().find(|p| kind_name(p) == "NoDns").unwrap();
    assert!(words(w).contains("100.100.2.136 and 100.100.2.138."), "{w}");
}

#[test]
fn choice_rules() {
    let cases: Vec<(&str, Form, Expect)> = vec![
        ("unknown os", form(|f| f.os = "plan9".into()), Fails(Field::Os, "UnknownChoice")),
        ("os required", form(|f| f.os.clear()), Fails(Field::Os, "Required")),
        ("unknown cloud", form(|f| f.cloud = "aws".into()), Fails(Field::Cloud, "UnknownChoice")),
        ("unknown mode", form(|f| f.mode = "dhcp".into()), Fails(Field::Mode, "UnknownChoice")),
        ("unknown style", form(|f| f.style = "fancy".into()), Fails(Field::Style, "UnknownChoice")),
        (
            "unknown eni kind",
            form(|f| f.eni_kind = "third".into()),
            Fails(Field::EniKind, "UnknownChoice"),
        ),
        (
            "unknown eni state",
            form(|f| f.eni_state = "Attached".into()),
            Fails(Field::EniState, "UnknownChoice"),
        ),
        ("every os is accepted", form(|f| f.os = "rocky9".into()), Valid),
        (
            "secondary eni in use",
            form(|f| {
                f.eni_kind = "secondary".into();
                f.interface = "eth1".into();
            }),
            Valid,
        ),
        (
            "guide style static",
            form(|f| {
                f.style = "guide".into();
                f.mode = "static".into();
                f.dns = "100.100.2.136".into()
            }),
            Valid,
        ),
    ];
    for (name, f, expect) in &cases {
        check(name, f, expect);
    }
    let ps = validate(&form(|f| f.mode = "dhcp".into())).unwrap_err();
    assert_eq!(words(&ps[0]), "Unknown value 'dhcp': choose from keep, static.");
    // Ids are listed as they are typed, never re-cased.
    let ps = validate(&form(|f| f.eni_state = "Attached".into())).unwrap_err();
    assert_eq!(words(&ps[0]), "Unknown value 'Attached': choose from available, inuse.");
}

#[test]
fn every_problem_is_reported_at_once() {
    let f = Form {
        os: "plan9".into(),
        interface: "eth0:1".into(),
        mac: "zz".into(),
        cidr: "10.0.0.0/30".into(),
        gateway: "10.0.0.9".into(),
        primary: "10.0.0.01".into(),
        secondaries: vec!["10.0.0.3".into(), "x".into()],
        dns: "1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4".into(),
        region: "Hangzhou".into(),
        eni_id: "eni_1".into(),
        instance_id: "i_1".into(),
        ..Form::default()
    };
    let ps = validate(&f).unwrap_err();
    let fields: Vec<Field> = ps.iter().map(|p| p.field).collect();
    for want in [
        Field::Os,
        Field::Interface,
        Field::Mac,
        Field::Cidr,
        Field::Gateway,
        Field::Primary,
        Field::Secondary(0),
        Field::Secondary(1),
        Field::Dns,
        Field::Region,
        Field::EniId,
        Field::InstanceId,
    ] {
        assert!(fields.contains(&want), "no problem on {want:?}: {ps:?}");
    }
    // Messages quote the bad value.
    for (field, value) in [
        (Field::Interface, "eth0:1"),
        (Field::Mac, "zz"),
        (Field::Primary, "10.0.0.01"),
        (Field::Region, "Hangzhou"),
        (Field::EniId, "eni_1"),
        (Field::InstanceId, "i_1"),
    ] {
        let p = ps.iter().find(|p| p.field == field).unwrap();
        assert!(words(p).contains(&format!("'{value}'")), "{field:?}: {}", words(p));
    }
}

#[test]
fn subnet_picture_of_the_guide_example() {
    use std::net::Ipv4Addr;
    use wizard::plan::address::AddrStatus;
    use wizard::plan::picture::picture;
    use wizard::plan::Reserved;
    let ip = |d: u8| Ipv4Addr::new(192, 168, 1, d);
    let p = picture(&Form::guide_example());
    let f = p.facts.as_ref().unwrap();
    assert_eq!((f.network, f.broadcast, f.prefix), (ip(0), ip(255), 24));
    assert_eq!(
        (f.mask, f.wildcard),
        (Ipv4Addr::new(255, 255, 255, 0), Ipv4Addr::new(0, 0, 0, 255))
    );
    assert_eq!((f.hosts, f.host_count), (Some((ip(1), ip(254))), 254));
    assert_eq!((f.usable, f.usable_count), (Some((ip(1), ip(252))), 252));
    assert_eq!(
        f.reserved,
        [
            (ip(0), Reserved::Network),
            (ip(253), Reserved::Back(3)),
            (ip(254), Reserved::Back(2)),
            (ip(255), Reserved::Broadcast),
        ]
    );
    assert_eq!(f.suggested_gateway, Some(ip(253)));
    assert_eq!(f.free_count, 249);
    assert!(p.entries.iter().all(|e| e.status == AddrStatus::Ok), "{:?}", p.entries);
    assert_eq!(p.suggestions(3), [ip(204), ip(205), ip(206)]);
}

#[test]
fn subnet_picture_statuses() {
    use wizard::plan::address::{AddrStatus, Role};
    use wizard::plan::picture::picture;
    use wizard::plan::Reserved;
    let f = form(|f| {
        f.gateway = "192.168.1.1".into();
        f.secondaries =
            sec(&["192.168.1.254 192.168.1.255", "10.0.0.1, 192.168.1.1", "192.168.1.201 nope"]);
    });
    let p = picture(&f);
    let got: Vec<(Role, String, AddrStatus)> =
        p.entries.iter().map(|e| (e.role, e.text.clone(), e.status)).collect();
    let want = vec![
        (
            Role::Gateway,
            "192.168.1.1",
            AddrStatus::UnusualGateway { usual: "192.168.1.253".parse().unwrap() },
        ),
        (Role::Primary, "192.168.1.201", AddrStatus::Ok),
        (Role::Secondary(0), "192.168.1.254", AddrStatus::Reserved(Reserved::Back(2))),
        (Role::Secondary(0), "192.168.1.255", AddrStatus::Reserved(Reserved::Broadcast)),
        (Role::Secondary(1), "10.0.0.1", AddrStatus::Outside),
        (Role::Secondary(1), "192.168.1.1", AddrStatus::IsGateway),
        (Role::Secondary(2), "192.168.1.201", AddrStatus::Duplicate(Role::Primary)),
        (Role::Secondary(2), "nope", AddrStatus::Unparsable(wizard::net::AddrError::PartCount(1))),
    ];
    let want: Vec<(Role, String, AddrStatus)> =
        want.into_iter().map(|(r, t, s)| (r, t.to_owned(), s)).collect();
    assert_eq!(got, want);
    // A mask alone takes the network from the primary.
    let p = picture(&form(|f| f.cidr = "255.255.0.0".into()));
    assert_eq!(p.facts.unwrap().subnet.to_string(), "192.168.0.0/16");
    // No subnet: entries still come back, facts do not.
    let p = picture(&form(|f| f.cidr = "/33".into()));
    assert!(p.facts.is_none() && p.subnet.is_err() && p.entries.len() == 4);
}

/// A secondary ENI's routing table and the source policy, one row per rule.
#[test]
fn routing_rules() {
    let secondary = |change: fn(&mut Form)| -> Form {
        form(move |f| {
            f.eni_kind = "secondary".into();
            f.interface = "eth1".into();
            f.instance_type = "ecs.g7.large".into();
            change(f);
        })
    };
    let cases = [
        ("a secondary eni on eth1 gets table 1001", secondary(|_| {}), Valid),
        ("a typed table", secondary(|f| f.route_table = "2001".into()), Valid),
        (
            "a table the kernel keeps",
            secondary(|f| f.route_table = "254".into()),
            Fails(Field::RouteTable, "InvalidTable"),
        ),
        (
            "a table with a leading zero",
            secondary(|f| f.route_table = "01001".into()),
            Fails(Field::RouteTable, "InvalidTable"),
        ),
        (
            "a table past 2^31-1",
            secondary(|f| f.route_table = "2147483648".into()),
            Fails(Field::RouteTable, "InvalidTable"),
        ),
        (
            "no device number and no table",
            secondary(|f| f.interface = "wan".into()),
            Fails(Field::RouteTable, "TableNeeded"),
        ),
        (
            "no device number, a table typed",
            secondary(|f| {
                f.interface = "wan".into();
                f.route_table = "1001".into();
            }),
            Valid,
        ),
        (
            "a secondary eni on eth0",
            secondary(|f| f.interface = "eth0".into()),
            Warns(Field::Interface, "SecondaryOnFirstInterface"),
        ),
        (
            "a table for the primary eni",
            form(|f| {
                f.instance_type = "ecs.g7.large".into();
                f.route_table = "1001".into();
            }),
            Warns(Field::RouteTable, "TableIgnored"),
        ),
        (
            "only the primary as source",
            form(|f| {
                f.instance_type = "ecs.g7.large".into();
                f.source = "primary".into();
            }),
            Valid,
        ),
        (
            "an unknown source policy",
            form(|f| f.source = "secondary".into()),
            Fails(Field::Source, "UnknownChoice"),
        ),
    ];
    for (name, f, expect) in &cases {
        check(name, f, expect);
    }
    let plan = validate(&secondary(|_| {})).unwrap();
    assert_eq!(plan.table.map(|t| (t.id(), t.priority())), Some((1001, 1001)));
    assert_eq!(validate(&form(|_| {})).unwrap().table, None);
    let plan = validate(&form(|f| f.source = "primary".into())).unwrap();
    assert_eq!((plan.prefix(), plan.secondary_prefix()), (24, 32));
}

#[test]
fn limit_status_for_the_counter() {
    use wizard::plan::limit::limit_status;
    let s = limit_status(&form(|f| {
        f.eni_kind = "secondary".into();
        f.eni_state = "available".into();
        f.interface = "eth1".into();
    }));
    assert_eq!((s.limit.map(|l| l.per_eni), s.used, s.remaining), (Some(10), 3, Some(7)));
    let s = limit_status(&form(|f| f.instance_type = "ecs.t6-c1m1.large".into()));
    assert_eq!((s.limit.map(|l| l.per_eni), s.remaining), (Some(2), Some(-1)));
    let s = limit_status(&form(|f| f.limit = "30".into()));
    assert_eq!(s.remaining, Some(27));
    let s = limit_status(&Form::guide_example());
    assert_eq!((s.limit, s.remaining), (None, None));
}

/// A valid IPv6 part is kept in the plan without a warning: the
/// renderings say, method by method, how they add it or why they do not
/// (`tests/golden.rs`, the IPv6 scenarios).
#[test]
fn ipv6_is_kept_in_the_plan() {
    let f = form(|f| {
        f.cidr6 = "2408:4005:3a8:6300::/64".into();
        f.secondaries6 = "2408:4005:3a8:6300::10".into();
    });
    let plan = validate(&f).unwrap();
    assert!(plan.warnings.iter().all(|p| kind_name(p) == "LimitUnknown"), "{:?}", plan.warnings);
    assert_eq!(plan.ipv6_to_add().len(), 1);
}
