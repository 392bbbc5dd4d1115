//! Every text has its words: each kind of problem gives a full sentence
//! holding the values it carries (the typed value, addresses, counts), and
//! every text of the page, every field and every text with values has a
//! non-empty English wording.

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

use std::net::Ipv4Addr;

use wizard::net::{AddrError, Subnet};
use wizard::plan::address::Role;
use wizard::plan::cloud::{Reserved, ALIBABA};
use wizard::plan::picture::Mark;
use wizard::plan::problem::{IfNameError, NoDnsReason};
use wizard::plan::{CloudProfile, Field, LimitSource, Problem, ProblemKind};
use wizard::wording::{self, Locale, UiMessage, UiText};

const VALUE: &str = "VALUE-x";

fn ip(d: u8) -> Ipv4Addr {
    Ipv4Addr::new(10, 9, 8, d)
}

fn subnet() -> Subnet {
    Subnet::new(ip(0), 24).unwrap_or_else(|| unreachable!())
}

/// One problem of every kind (and of every reason inside a kind), each
/// with the strings its sentence must hold. The `match` in [`expected`]
/// has no catch-all: a new kind fails to compile until it is listed.
fn samples() -> Vec<ProblemKind> {
    use ProblemKind::*;
    let value = || VALUE.to_owned();
    let mut out = vec![
        Required,
        UnknownChoice { value: value(), valid: vec!["keep", "static"] },
        InvalidMask { value: value() },
        InvalidCidr { value: value() },
        MaskNeedsPrimary { value: value() },
        PrefixOutOfRange { prefix: 30, min: 16, max: 29, cloud: CloudProfile::Alibaba },
        HostBitsSet { value: value(), network: subnet() },
        OutsideSubnet { value: ip(77), subnet: subnet() },
        UnusualGateway { value: ip(1), usual: ip(253), cloud: CloudProfile::Alibaba },
        IsGateway { value: ip(1) },
        NoSecondaries,
        UnknownInstanceType { value: value(), suggestions: vec![] },
        UnknownInstanceType { value: value(), suggestions: vec!["ecs.g7.large", "ecs.g7.xlarge"] },
        InvalidLimit { value: value(), min: 2, max: 100 },
        LimitUnknown,
        ControlCharacter { value: "VALUE\tx".to_owned() },
        InvalidMac { value: value() },
        TooManyDns { count: 4, max: 3 },
        AvailableBeyondGuide { count: 12, guide: 10, api: 50 },
        InvalidRegion { value: value() },
        InvalidEniId { value: value() },
        PrimaryEniAvailable,
        TableNeeded { interface: value() },
        InvalidTable { value: value() },
        TableIgnored,
        StaticSecondaryEniUnsupported { os: wizard::catalog::Os::Alpine },
        SecondaryOnFirstInterface { interface: value() },
        DuplicateDns { value: ip(53) },
        LimitDiffers { typed: 7, catalog: 6, instance_type: "ecs.g7.large".to_owned() },
    ];
    for error in [
        AddrError::Empty,
        AddrError::PartCount(1),
        AddrError::PartCount(3),
        AddrError::EmptyOctet,
        AddrError::NotDecimal,
        AddrError::LeadingZero,
        AddrError::OctetTooLarge,
    ] {
        out.push(InvalidAddress { value: value(), error });
    }
    for range in ALIBABA.forbidden {
        out.push(ForbiddenRange { network: subnet(), range: *range });
    }
    for which in [
        Reserved::Network,
        Reserved::Broadcast,
        Reserved::Front(2),
        Reserved::Back(3),
        Reserved::Back(40),
    ] {
        out.push(ReservedAddress { value: ip(254), which, cloud: CloudProfile::Alibaba });
    }
    for other in [Role::Gateway, Role::Primary, Role::Secondary(4)] {
        out.push(Duplicate { value: ip(9), other });
    }
    for source in [
        None,
        Some(LimitSource::Available),
        Some(LimitSource::InstanceType("ecs.t6-c1m1.large".to_owned())),
        Some(LimitSource::Typed),
        Some(LimitSource::Unknown),
    ] {
        out.push(TooMany { count: 12, limit: 11, source });
    }
    for reason in [
        IfNameError::TooLong { max: 15 },
        IfNameError::Whitespace,
        IfNameError::Control,
        IfNameError::Slash,
        IfNameError::Colon,
        IfNameError::Dots,
        IfNameError::Charset,
        IfNameError::NotLetterFirst,
    ] {
        out.push(InvalidInterface { value: value(), reason });
    }
    for reason in [NoDnsReason::Windows, NoDnsReason::Static] {
        out.push(NoDns { suggested: ALIBABA.dns.to_vec(), reason });
    }
    out
}

/// What the sentence of `kind` must hold.
fn expected(kind: &ProblemKind) -> Vec<String> {
    use ProblemKind::*;
    let quoted = format!("'{VALUE}'");
    match kind {
        Required | NoSecondaries | LimitUnknown | PrimaryEniAvailable | TableIgnored => vec![],
        TableNeeded { .. } | InvalidTable { .. } | SecondaryOnFirstInterface { .. } => vec![quoted],
        UnknownChoice { valid, .. } => vec![quoted, valid.join(", ")],
        InvalidAddress { .. }
        | InvalidMask { .. }
        | InvalidCidr { .. }
        | MaskNeedsPrimary { .. }
        | InvalidMac { .. }
        | InvalidRegion { .. }
        | InvalidEniId { .. }
        | InvalidInterface { .. } => vec![quoted],
        UnknownInstanceType { suggestions, .. } => vec![quoted, suggestions.join(", ")],
        InvalidLimit { min, max, .. } => vec![quoted, min.to_string(), max.to_string()],
        PrefixOutOfRange { prefix, min, max, .. } => {
            vec![format!("/{prefix}"), format!("/{min}"), format!("/{max}")]
        }
        HostBitsSet { network, .. } => vec![quoted, network.to_string()],
        ForbiddenRange { network, range } => {
            vec![network.to_string(), format!("{}/{}", range.network, range.prefix)]
        }
        OutsideSubnet { value, subnet } => vec![value.to_string(), subnet.to_string()],
        StaticSecondaryEniUnsupported { os } => vec![os.label().to_owned()],
        ReservedAddress { value, .. } | IsGateway { value } | DuplicateDns { value } => {
            vec![value.to_string()]
        }
        UnusualGateway { value, usual, .. } => vec![value.to_string(), usual.to_string()],
        Duplicate { value, other } => {
            let mut v = vec![value.to_string()];
            if let Role::Secondary(i) = other {
                v.push(format!("IP {}", i + 1));
            }
            v
        }
        TooMany { count, limit, source } => {
            let mut v = vec![count.to_string(), limit.to_string()];
            if let Some(LimitSource::InstanceType(t)) = source {
                v.push(t.clone());
            }
            v
        }
        ControlCharacter { value } => vec![format!("{value:?}")],
        TooManyDns { count, max } => vec![count.to_string(), max.to_string()],
        AvailableBeyondGuide { count, guide, api } => {
            vec![count.to_string(), guide.to_string(), api.to_string()]
        }
        NoDns { suggested, .. } => suggested.iter().map(|a| a.to_string()).collect(),
        LimitDiffers { typed, catalog, instance_type } => {
            vec![typed.to_string(), catalog.to_string(), instance_type.clone()]
        }
    }
}

#[test]
fn every_problem_is_a_sentence_holding_its_values() {
    let mut seen = std::collections::HashSet::new();
    for kind in samples() {
        let p = Problem::error(Field::Primary, kind.clone());
        let text = wording::problem(Locale::En, &p);
        assert!(text.len() > 1 && text.ends_with('.'), "{kind:?}: {text:?}");
        assert!(!text.starts_with(|c: char| c.is_lowercase()), "{kind:?}: {text:?}");
        assert!(!text.ends_with(".."), "{kind:?}: {text:?}");
        for part in expected(&kind) {
            assert!(text.contains(&part), "{kind:?}: {part:?} missing from {text:?}");
        }
        // The English Display is the same sentence.
        assert_eq!(kind.to_string(), text);
        assert!(seen.insert(text.clone()), "two kinds share {text:?}");
    }
}

#[test]
fn every_text_of_the_page_has_words() {
    let all = UiText::all();
    for (i, &id) in all.iter().enumerate() {
        assert!(!wording::ui(Locale::En, id).trim().is_empty(), "{id:?}");
        assert!(!all[..i].contains(&id), "{id:?} listed twice");
    }
    let mut fields: Vec<Field> = Field::ALL.to_vec();
    fields.extend([Field::Secondary(0), Field::Secondary(41)]);
    for f in fields {
        assert!(!wording::field_name(Locale::En, f).is_empty(), "{f:?}");
        assert!(!wording::field_label(Locale::En, f).is_empty(), "{f:?}");
        if let Some(hint) = wording::field_hint(Locale::En, f) {
            assert!(hint.ends_with('.') || hint.ends_with('…'), "{f:?}: {hint:?}");
        }
    }
    assert_eq!(wording::field_label(Locale::En, Field::Secondary(41)), "Secondary IP 42");
}

#[test]
fn texts_with_values_hold_them() {
    let cases = [
        (
            UiMessage::Limit {
                per_eni: 6,
                source: LimitSource::InstanceType("ecs.g7.large".into()),
                used: 3,
                remaining: 3,
            },
            vec!["6", "ecs.g7.large", "uses 3", "3 more"],
        ),
        (
            UiMessage::Limit { per_eni: 2, source: LimitSource::Typed, used: 5, remaining: -3 },
            vec!["2", "uses 5", "3 too many"],
        ),
        (UiMessage::TypeLimit { per_eni: 15 }, vec!["15"]),
        (UiMessage::RemoveRow { row: 2 }, vec!["Secondary IP 3"]),
        (
            UiMessage::Outside { addresses: vec!["10.0.0.5".into(), "x".into()] },
            vec!["10.0.0.5, x"],
        ),
        (UiMessage::RangeMap { size: 256, marked: 7 }, vec!["256", "7"]),
        (UiMessage::MarkTitle { addr: ip(3), mark: Mark::Conflict }, vec!["10.9.8.3"]),
        (UiMessage::Range { first: ip(1), last: ip(252) }, vec!["10.9.8.1", "10.9.8.252"]),
        (UiMessage::ProblemCount { count: 1 }, vec!["1 problem "]),
        (UiMessage::ProblemCount { count: 4 }, vec!["4 problems"]),
        (UiMessage::UnknownParameter { name: "zz".into() }, vec!["'zz'"]),
        (UiMessage::FileMode { mode: 0o600 }, vec!["0600"]),
    ];
    for (m, parts) in cases {
        let text = wording::ui_message(Locale::En, &m);
        for part in parts {
            assert!(text.contains(part), "{m:?}: {part:?} missing from {text:?}");
        }
    }
}
