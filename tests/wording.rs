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

// ------------------------------------------------ the paste panel (issue 17)

use wizard::paste::{Issue, IssueKind, Origin, OsEvidence, Pick, Seen, Tool};
use wizard::wording::paste::{PasteMessage, PasteText};

/// One issue of every kind the paste reader raises (every variant of a
/// kind's data too), each with the strings its sentence must hold. The
/// `match` has no catch-all: a new kind fails to compile until it is here.
fn paste_samples() -> Vec<(IssueKind, Vec<String>)> {
    use IssueKind::*;
    let at = |n| Origin::line(Tool::RouteN, n);
    let seen = |v: &str, n| Seen::new(v.to_owned(), at(n));
    let all = vec![
        NothingRecognised,
        Truncated { lines_read: 20_000 },
        NoInterface,
        NoAddress { interface: "eth7".into() },
        PickNotFound { pick: Pick::Auto },
        PickNotFound { pick: Pick::Mac("00:16:3e:00:00:09".into()) },
        PickNotFound { pick: Pick::Name("eth9".into()) },
        InterfaceGuessed { chosen: "eth0".into(), others: vec!["eth1".into(), "eth2".into()] },
        SeveralDefaultRoutes { routes: vec![at(4), at(9)] },
        DefaultRouteElsewhere { dev: "eth1".into(), origin: at(12) },
        NoGateway,
        GatewayOutsideSubnet { gateway: ip(1), subnet: "10.9.9.0/24".into(), origin: at(13) },
        OtherSubnet { address: ip(21), prefix: Some(26), origin: at(14) },
        OtherSubnet { address: ip(22), prefix: None, origin: at(15) },
        DynamicSecondary { address: ip(23), origin: at(16) },
        SeveralDynamic { addresses: vec![Seen::new(ip(24), at(17)), Seen::new(ip(25), at(18))] },
        PrimaryGuessed { chosen: ip(26) },
        PrefixUnknown { address: ip(27) },
        PrefixDiffers { address: ip(28), prefix: 25, primary_prefix: 24, origin: at(19) },
        Disagree { field: wizard::plan::Field::Mac, kept: seen("aa", 20), other: seen("bb", 21) },
        OsNotInCatalog {
            evidence: OsEvidence::Release { id: "gentoo".into(), version_id: Some("2.14".into()) },
            origin: at(22),
        },
        OsNotInCatalog { evidence: OsEvidence::Caption("Windows 3.1".into()), origin: at(23) },
        WindowsVersionUnknown,
        MixedPlatforms { linux: at(24), windows: Origin::line(Tool::Ipconfig, 30) },
        NoConnection { interface: "eth3".into() },
        LoopbackDns { server: Ipv4Addr::new(127, 0, 0, 53), origin: at(25) },
        TooManyDns { found: 5, kept: 3 },
    ];
    all.into_iter()
        .map(|kind| {
            let parts: Vec<String> = match &kind {
                NothingRecognised | NoInterface | NoGateway | WindowsVersionUnknown => vec![],
                PickNotFound { pick: Pick::Auto } => vec![],
                Truncated { lines_read } => vec![lines_read.to_string()],
                NoAddress { interface } | NoConnection { interface } => vec![interface.clone()],
                PickNotFound { pick: Pick::Mac(s) | Pick::Name(s) } => vec![s.clone()],
                InterfaceGuessed { chosen, others } => {
                    let mut v = vec![chosen.clone()];
                    v.extend(others.iter().cloned());
                    v
                }
                SeveralDefaultRoutes { routes } => {
                    routes.iter().map(|o| format!("line {}", o.lines.first)).collect()
                }
                DefaultRouteElsewhere { dev, origin } => {
                    vec![dev.clone(), format!("line {}", origin.lines.first), "route -n".into()]
                }
                GatewayOutsideSubnet { gateway, subnet, origin } => {
                    vec![
                        gateway.to_string(),
                        subnet.clone(),
                        format!("line {}", origin.lines.first),
                    ]
                }
                OtherSubnet { address, prefix, origin } => {
                    let a = match prefix {
                        Some(p) => format!("{address}/{p}"),
                        None => address.to_string(),
                    };
                    vec![a, format!("line {}", origin.lines.first)]
                }
                DynamicSecondary { address, origin } | LoopbackDns { server: address, origin } => {
                    vec![address.to_string(), format!("line {}", origin.lines.first)]
                }
                SeveralDynamic { addresses } => {
                    addresses.iter().map(|a| a.value.to_string()).collect()
                }
                PrimaryGuessed { chosen: a } | PrefixUnknown { address: a } => vec![a.to_string()],
                PrefixDiffers { address, prefix, primary_prefix, origin } => vec![
                    format!("{address}/{prefix}"),
                    format!("/{primary_prefix}"),
                    format!("line {}", origin.lines.first),
                ],
                Disagree { field, kept, other } => vec![
                    wording::field_name(Locale::En, *field),
                    kept.value.clone(),
                    other.value.clone(),
                    format!("line {}", kept.origin.lines.first),
                    format!("line {}", other.origin.lines.first),
                ],
                OsNotInCatalog { evidence, origin } => {
                    let named = match evidence {
                        OsEvidence::Release { id, .. } => id.clone(),
                        OsEvidence::Caption(c) => c.clone(),
                    };
                    vec![named, format!("line {}", origin.lines.first)]
                }
                MixedPlatforms { linux, windows } => vec![
                    format!("line {}", linux.lines.first),
                    format!("line {}", windows.lines.first),
                    "ipconfig /all".into(),
                ],
                TooManyDns { found, kept } => vec![found.to_string(), kept.to_string()],
            };
            (kind, parts)
        })
        .collect()
}

#[test]
fn every_paste_issue_is_a_sentence_holding_its_values() {
    let mut seen = std::collections::HashSet::new();
    for (kind, parts) in paste_samples() {
        let issue = Issue { level: kind.level(), field: None, kind: kind.clone() };
        let text = wording::paste_issue(Locale::En, &issue);
        // A sentence may start with a value (`eth7 has …`, `10.9.8.23 …`).
        assert!(text.ends_with('.') || text.ends_with('?'), "{kind:?}: {text:?}");
        assert!(!text.contains("  ") && !text.contains(" ."), "{kind:?}: {text:?}");
        for part in parts {
            assert!(text.contains(&part), "{kind:?}: {part:?} missing from {text:?}");
        }
        assert!(seen.insert(text.clone()), "two kinds share {text:?}");
    }
}

#[test]
fn every_text_of_the_paste_panel_has_words() {
    for (i, &id) in PasteText::ALL.iter().enumerate() {
        assert!(!wording::paste_text(Locale::En, id).trim().is_empty(), "{id:?}");
        assert!(!PasteText::ALL[..i].contains(&id), "{id:?} listed twice");
    }
    let from = PasteMessage::From {
        origin: Origin { tool: Tool::IpAddr, lines: wizard::paste::Lines { first: 3, last: 5 } },
    };
    assert_eq!(wording::paste_message(Locale::En, &from), "from lines 3–5 of ip addr");
    let kept = PasteMessage::UndoKept { fields: vec![wizard::plan::Field::Gateway] };
    assert!(wording::paste_message(Locale::En, &kept).contains("Gateway"));
    assert!(wording::paste_message(Locale::En, &PasteMessage::Applied { fields: 4 }).contains('4'));
}

// ------------------------------------------------ the doctor (issue 17)

use wizard::doctor::{DefaultRoute, Finding, FindingKind, Stack};
use wizard::wording::doctor::DoctorText;

/// One finding of every kind, with what its sentence must hold; the
/// `match` has no catch-all.
fn doctor_samples() -> Vec<(FindingKind, Vec<String>)> {
    use FindingKind::*;
    let route =
        |m| DefaultRoute { gateway: Some(ip(1)), dev: "eth0".into(), metric: m, table: None };
    let all = vec![
        Stack {
            stack: wizard::doctor::Stack::Nm,
            interface: "eth5".into(),
            method: Some(wizard::catalog::Method::Nmcli),
            os: Some(wizard::catalog::Os::Rhel9),
        },
        Stack {
            stack: wizard::doctor::Stack::Wicked,
            interface: "eth5".into(),
            method: None,
            os: Some(wizard::catalog::Os::Ubuntu22),
        },
        Stack {
            stack: wizard::doctor::Stack::Networkd,
            interface: "eth5".into(),
            method: None,
            os: None,
        },
        NoStack { interface: "eth5".into() },
        CloudInitManages { file: Some("/etc/netplan/50-cloud-init.yaml".into()) },
        CloudInitManages { file: None },
        CloudInitNetworkOff,
        NmCloudSetupAliyun { interface: "eth5".into() },
        NmCloudSetupOn,
        CloudNetconfig { interface: "eth5".into() },
        MetadataUnread,
        NotInCloud { interface: "eth5".into(), addresses: vec![ip(31), ip(32)] },
        NotOnInterface { interface: "eth5".into(), addresses: vec![ip(33)] },
        DynamicSecondaries { addresses: vec![ip(34)] },
        NoSkipAsSource { alias: "Ethernet 2".into(), addresses: vec![ip(35)] },
        SeveralDefaultRoutes { routes: vec![route(100), route(300)] },
        NoDefaultRoute,
        RouteNotGateway { route: route(100), gateway: ip(253) },
        Rules { rules: vec!["30000: from 10.9.8.7 lookup 1001".into()] },
        RpFilterStrict { interface: "eth5".into(), value: 1 },
        BadValue { param: wizard::doctor::P_STACK, value: "beos".into() },
    ];
    all.into_iter()
        .map(|kind| {
            let parts: Vec<String> = match &kind {
                Stack { stack, interface, method, os } => {
                    let mut v = vec![stack.label().to_owned(), interface.clone()];
                    v.extend(method.map(|m| m.label().to_owned()));
                    if method.is_none() {
                        v.extend(os.map(|o| o.label()));
                    }
                    v
                }
                NoStack { interface }
                | NmCloudSetupAliyun { interface }
                | CloudNetconfig { interface } => vec![interface.clone()],
                CloudInitManages { file } => file.iter().cloned().collect(),
                CloudInitNetworkOff | NmCloudSetupOn | MetadataUnread | NoDefaultRoute => vec![],
                NotInCloud { interface, addresses } | NotOnInterface { interface, addresses } => {
                    let mut v = vec![interface.clone()];
                    v.extend(addresses.iter().map(|a| a.to_string()));
                    v
                }
                NoSkipAsSource { alias, addresses } => {
                    let mut v = vec![alias.clone()];
                    v.extend(addresses.iter().map(|a| a.to_string()));
                    v
                }
                DynamicSecondaries { addresses } => {
                    addresses.iter().map(|a| a.to_string()).collect()
                }
                SeveralDefaultRoutes { routes } => {
                    let mut v = vec![routes.len().to_string()];
                    v.extend(routes.iter().map(|r| format!("metric {}", r.metric)));
                    v
                }
                RouteNotGateway { route, gateway } => {
                    vec![gateway.to_string(), format!("via {}", route.gateway.unwrap_or(ip(0)))]
                }
                Rules { rules } => rules.clone(),
                RpFilterStrict { interface, value } => vec![interface.clone(), value.to_string()],
                BadValue { param, value } => vec![format!("{param}={value}")],
            };
            (kind, parts)
        })
        .collect()
}

#[test]
fn every_doctor_finding_is_a_sentence_holding_its_values() {
    let mut seen = std::collections::HashSet::new();
    let form = wizard::plan::Form::guide_example();
    for (kind, parts) in doctor_samples() {
        let f = Finding { field: Field::Os, level: kind.level(), kind: kind.clone() };
        let text = wording::doctor_finding(Locale::En, &f);
        assert!(text.ends_with('.') || text.ends_with('?'), "{kind:?}: {text:?}");
        for part in parts {
            assert!(text.contains(&part), "{kind:?}: {part:?} missing from {text:?}");
        }
        assert!(seen.insert(text.clone()), "two findings share {text:?}");
        // Commands, where there are some, are sh that names the interface (or the profile).
        if let Some(c) = kind.commands(&form) {
            assert!(c.ends_with('\n') && !c.contains("{{"), "{kind:?}: {c:?}");
        }
    }
    for (i, &id) in DoctorText::ALL.iter().enumerate() {
        assert!(!wording::doctor_text(Locale::En, id).trim().is_empty(), "{id:?}");
        assert!(!DoctorText::ALL[..i].contains(&id));
    }
    assert!(Stack::ALL.iter().all(|s| !s.label().is_empty() && !s.methods().is_empty()));
}
