//! Every text has its words, in every language: each kind of problem gives
//! a full sentence holding the values it carries (the typed value,
//! addresses, counts); every text of the page, every field, every text with
//! values, every note, heading and step of a rendering has a non-empty
//! wording holding its values in English and in Chinese. The Chinese uses
//! the glossary's terms wherever the English uses theirs
//! (`src/wording/glossary.tsv`), and holds no English sentence.

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

use std::net::Ipv4Addr;

use wizard::net::{AddrError, Subnet};
use wizard::net6::{Addr6, Addr6Error, Cidr6Error, PrefixError, Subnet6};
use wizard::plan::address::Role;
use wizard::plan::cloud::{Reserved, ALIBABA};
use wizard::plan::picture::Mark;
use wizard::plan::problem::{IfNameError, NoDnsReason};
use wizard::plan::{CloudProfile, EniKind, EniState, Field, LimitSource, Problem, ProblemKind};
use wizard::wording::render::{MissingIds, NoteText, TitleText};
use wizard::wording::{self, Locale, UiMessage, UiText};

const VALUE: &str = "VALUE-x";

/// Where a sample stands for the typed value: quoted as each language
/// quotes it (`'VALUE-x'`, `“VALUE-x”`).
const QUOTED: &str = "<quoted>";

/// `part` as `locale` writes it (the quoted value in its own quotes).
fn in_locale(locale: Locale, part: &str) -> String {
    match (part == QUOTED, locale) {
        (false, _) => part.to_owned(),
        (true, Locale::En) => format!("'{VALUE}'"),
        (true, Locale::Zh) => format!("“{VALUE}”"),
    }
}

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
        InvalidInstanceId { value: value() },
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
    out.extend(ipv6_samples());
    out
}

fn addr6(s: &str) -> Addr6 {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e:?}"))
}

fn subnet6() -> Subnet6 {
    Subnet6::new(addr6("2001:db8:0:1::"), 64).unwrap_or_else(|| unreachable!())
}

/// One IPv6 problem of every kind and every reason inside a kind.
fn ipv6_samples() -> Vec<ProblemKind> {
    use ProblemKind::*;
    let value = || VALUE.to_owned();
    let alibaba = CloudProfile::Alibaba;
    let mut out = vec![
        Ipv6PrefixNotVswitch { prefix: 56, vswitch: 64, vpc: 56, cloud: alibaba },
        Ipv6PrefixNotVswitch { prefix: 48, vswitch: 64, vpc: 56, cloud: alibaba },
        HostBitsSet6 { value: value(), network: subnet6() },
        OutsideSubnet6 { value: addr6("2001:db8:0:2::5"), subnet: subnet6() },
        Ipv6IsPrimary { value: addr6("2001:db8:0:1::6") },
        DuplicateIpv6 { value: addr6("2001:db8:0:1::7") },
        Ipv6NeedsCidr,
        TooManyIpv6 {
            count: 7,
            limit: 6,
            source: LimitSource::InstanceType("ecs.g9ae.large".into()),
        },
        TooManyIpv6 { count: 11, limit: 10, source: LimitSource::Available },
        Ipv6PerCall { count: 11, max: 10 },
    ];
    for error in [
        Addr6Error::Empty,
        Addr6Error::Whitespace,
        Addr6Error::Brackets,
        Addr6Error::ZoneId,
        Addr6Error::Prefix,
        Addr6Error::InvalidChar('g'),
        Addr6Error::Ipv4Address,
        Addr6Error::Ipv4Embedded,
        Addr6Error::SeveralDoubleColons,
        Addr6Error::EmptyGroup,
        Addr6Error::GroupTooLong,
        Addr6Error::TooFewGroups { groups: 3 },
        Addr6Error::TooManyGroups { groups: 9, compressed: false },
        Addr6Error::TooManyGroups { groups: 8, compressed: true },
    ] {
        out.push(InvalidAddress6 { value: value(), error });
    }
    for error in [
        Cidr6Error::Empty,
        Cidr6Error::Whitespace,
        Cidr6Error::MissingPrefix,
        Cidr6Error::Address(Addr6Error::ZoneId),
        Cidr6Error::Prefix(PrefixError::Empty),
        Cidr6Error::Prefix(PrefixError::NotDecimal),
        Cidr6Error::Prefix(PrefixError::LeadingZero),
        Cidr6Error::Prefix(PrefixError::TooLarge),
        Cidr6Error::HostBitsSet { network: subnet6() },
    ] {
        out.push(InvalidCidr6 { value: value(), error });
    }
    for which in [Reserved::Network, Reserved::Back(1), Reserved::Back(9), Reserved::Front(2)] {
        out.push(ReservedAddress6 { value: addr6("2001:db8:0:1::"), which, cloud: alibaba });
    }
    out
}

/// What the sentence of `kind` must hold.
fn expected(kind: &ProblemKind) -> Vec<String> {
    use ProblemKind::*;
    let quoted = QUOTED.to_owned();
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
        | InvalidInstanceId { .. }
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
        StaticSecondaryEniUnsupported { os } => vec![os.family().label().to_owned()],
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
        Ipv6NeedsCidr => vec![],
        InvalidCidr6 { .. } | InvalidAddress6 { .. } => vec![quoted],
        Ipv6PrefixNotVswitch { prefix, vswitch, .. } => {
            vec![format!("/{prefix}"), format!("/{vswitch}")]
        }
        HostBitsSet6 { network, .. } => vec![quoted, network.to_string()],
        OutsideSubnet6 { value, subnet } => vec![value.to_string(), subnet.to_string()],
        ReservedAddress6 { value, .. } | Ipv6IsPrimary { value } | DuplicateIpv6 { value } => {
            vec![value.to_string()]
        }
        TooManyIpv6 { count, limit, source } => {
            let mut v = vec![count.to_string(), limit.to_string()];
            if let LimitSource::InstanceType(t) = source {
                v.push(t.clone());
            }
            v
        }
        Ipv6PerCall { count, max } => vec![count.to_string(), max.to_string()],
    }
}

/// The end of a full sentence in each language.
fn ends_sentence(locale: Locale, text: &str) -> bool {
    match locale {
        Locale::En => text.ends_with('.') && !text.ends_with(".."),
        Locale::Zh => text.ends_with('。') && !text.ends_with("。。"),
    }
}

#[test]
fn every_problem_is_a_sentence_holding_its_values() {
    for &locale in Locale::ALL {
        let mut seen = std::collections::HashSet::new();
        for kind in samples() {
            let p = Problem::error(Field::Primary, kind.clone());
            let text = wording::problem(locale, &p);
            assert!(
                text.chars().count() > 1 && ends_sentence(locale, &text),
                "{locale} {kind:?}: {text:?}"
            );
            if locale == Locale::En {
                assert!(!text.starts_with(|c: char| c.is_lowercase()), "{kind:?}: {text:?}");
                // The English Display is the same sentence.
                assert_eq!(kind.to_string(), text);
            }
            for part in expected(&kind) {
                let part = in_locale(locale, &part);
                assert!(text.contains(&part), "{locale} {kind:?}: {part:?} missing from {text:?}");
            }
            assert!(seen.insert(text.clone()), "{locale}: two kinds share {text:?}");
        }
    }
}

/// Whether `text` has a Chinese character or Chinese punctuation.
fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}'))
}

#[test]
fn every_text_of_the_page_has_words() {
    let all = UiText::all();
    for (i, &id) in all.iter().enumerate() {
        assert!(!all[..i].contains(&id), "{id:?} listed twice");
        for &locale in Locale::ALL {
            assert!(!wording::ui(locale, id).trim().is_empty(), "{locale} {id:?}");
        }
        let zh = wording::ui(Locale::Zh, id);
        assert!(has_cjk(zh), "{id:?}: {zh:?} is not Chinese");
    }
    let mut fields: Vec<Field> = Field::ALL.to_vec();
    fields.extend([Field::Secondary(0), Field::Secondary(41)]);
    for f in fields {
        for &locale in Locale::ALL {
            assert!(!wording::field_name(locale, f).is_empty(), "{locale} {f:?}");
            assert!(!wording::field_label(locale, f).is_empty(), "{locale} {f:?}");
            if let Some(hint) = wording::field_hint(locale, f) {
                let end = match locale {
                    Locale::En => hint.ends_with('.') || hint.ends_with('…'),
                    Locale::Zh => hint.ends_with('。') || hint.ends_with('…'),
                };
                assert!(end, "{locale} {f:?}: {hint:?}");
            }
            // Both languages give a hint, or neither does.
            assert_eq!(
                wording::field_hint(locale, f).is_some(),
                wording::field_hint(Locale::En, f).is_some(),
                "{locale} {f:?}"
            );
        }
        assert!(has_cjk(&wording::field_label(Locale::Zh, f)), "{f:?}");
    }
    assert_eq!(wording::field_label(Locale::En, Field::Secondary(41)), "Secondary IP 42");
    assert_eq!(wording::field_label(Locale::Zh, Field::Secondary(41)), "辅助私网 IP 42");
}

/// Every text with values, each with the values it must hold in every
/// language, and what only the English must hold.
fn message_cases() -> Vec<(UiMessage, Vec<&'static str>, Vec<&'static str>)> {
    vec![
        (
            UiMessage::Limit {
                per_eni: 6,
                source: LimitSource::InstanceType("ecs.g7.large".into()),
                used: 3,
                remaining: 3,
            },
            vec!["6", "ecs.g7.large", "3"],
            vec!["uses 3", "3 more"],
        ),
        (
            UiMessage::Limit { per_eni: 2, source: LimitSource::Typed, used: 5, remaining: -3 },
            vec!["2", "5", "3"],
            vec!["uses 5", "3 too many"],
        ),
        (
            UiMessage::Limit { per_eni: 10, source: LimitSource::Available, used: 4, remaining: 6 },
            vec!["10", "4", "6"],
            vec![],
        ),
        (
            UiMessage::Limit { per_eni: 50, source: LimitSource::Unknown, used: 9, remaining: 41 },
            vec!["50", "9", "41"],
            vec![],
        ),
        (UiMessage::TypeLimit { per_eni: 15 }, vec!["15"], vec![]),
        (UiMessage::RemoveRow { row: 2 }, vec!["IP 3"], vec!["Secondary IP 3"]),
        (
            UiMessage::Outside { addresses: vec!["10.0.0.5".into(), "x".into()] },
            vec!["10.0.0.5", "x"],
            vec!["10.0.0.5, x"],
        ),
        (UiMessage::RangeMap { size: 256, marked: 7 }, vec!["256", "7"], vec![]),
        (UiMessage::MarkTitle { addr: ip(3), mark: Mark::Conflict }, vec!["10.9.8.3"], vec![]),
        (UiMessage::Range { first: ip(1), last: ip(252) }, vec!["10.9.8.1", "10.9.8.252"], vec![]),
        (
            UiMessage::Block6 {
                block: "2001:db8::/64".parse().unwrap_or_else(|_| unreachable!()),
                usable: 18_446_744_073_709_551_606,
            },
            vec!["2001:db8::/64", "18,446,744,073,709,551,606", "9"],
            vec!["first"],
        ),
        (
            UiMessage::Place6 { place: wizard::net6::Place::Start { offset: 10 } },
            vec!["10"],
            vec!["start"],
        ),
        (
            UiMessage::Place6 { place: wizard::net6::Place::End { from_end: 12 } },
            vec!["12"],
            vec!["last"],
        ),
        (
            UiMessage::Place6 { place: wizard::net6::Place::End { from_end: 0 } },
            vec![],
            vec!["last address"],
        ),
        (
            UiMessage::Place6 { place: wizard::net6::Place::Along { permille: 255 } },
            vec!["25.5%"],
            vec!["along"],
        ),
        (UiMessage::ProblemCount { count: 1 }, vec!["1"], vec!["1 problem "]),
        (UiMessage::ProblemCount { count: 4 }, vec!["4"], vec!["4 problems"]),
        (UiMessage::UnknownParameter { name: "zz".into() }, vec!["zz"], vec!["'zz'"]),
        (UiMessage::FileMode { mode: 0o600 }, vec!["0600"], vec![]),
        (
            UiMessage::RunbookTitle { os: "OS-x".into(), method: "METHOD-x".into() },
            vec!["OS-x", "METHOD-x"],
            vec![],
        ),
        (
            UiMessage::FileAt { path: "/etc/PATH-x".into(), mode: 0o644 },
            vec!["`/etc/PATH-x`", "0644"],
            vec![],
        ),
    ]
}

/// Every kind of text with values, listed once (no catch-all: a new kind
/// fails to compile until it has a case above).
fn message_kind(m: &UiMessage) -> &'static str {
    match m {
        UiMessage::Limit { .. } => "limit",
        UiMessage::TypeLimit { .. } => "type limit",
        UiMessage::RemoveRow { .. } => "remove row",
        UiMessage::Outside { .. } => "outside",
        UiMessage::RangeMap { .. } => "range map",
        UiMessage::MarkTitle { .. } => "mark title",
        UiMessage::Range { .. } => "range",
        UiMessage::Block6 { .. } => "IPv6 block",
        UiMessage::Place6 { .. } => "IPv6 place",
        UiMessage::ProblemCount { .. } => "problem count",
        UiMessage::UnknownParameter { .. } => "unknown parameter",
        UiMessage::FileMode { .. } => "file mode",
        UiMessage::RunbookTitle { .. } => "runbook title",
        UiMessage::FileAt { .. } => "file at",
    }
}

#[test]
fn texts_with_values_hold_them() {
    let cases = message_cases();
    let kinds: std::collections::BTreeSet<_> =
        cases.iter().map(|(m, ..)| message_kind(m)).collect();
    assert_eq!(kinds.len(), 14, "a kind of text with values has no case");
    for (m, parts, english) in cases {
        for &locale in Locale::ALL {
            let text = wording::ui_message(locale, &m);
            for part in &parts {
                assert!(text.contains(part), "{locale} {m:?}: {part:?} missing from {text:?}");
            }
        }
        let text = wording::ui_message(Locale::En, &m);
        for part in english {
            assert!(text.contains(part), "{m:?}: {part:?} missing from {text:?}");
        }
    }
}

// ---------------------------------------------------------------- renderings

const TABLE: u32 = 4242;
const PREFIX: u8 = 27;

/// An interface name, as a plan holds it.
fn interface() -> wizard::plan::IfName {
    let form =
        wizard::plan::Form { interface: "ethQ7".into(), ..wizard::plan::Form::guide_example() };
    wizard::plan::validate(&form).unwrap_or_else(|e| panic!("{e:?}")).interface
}

/// One note of every kind (and every case inside a kind).
fn note_samples() -> Vec<NoteText> {
    use NoteText::*;
    let i = interface;
    let s = |v: &str| v.to_owned();
    let mut out = vec![
        VerifyOrderKeep { prefix: PREFIX, primary: ip(11) },
        VerifyOrderStatic { prefix: PREFIX, primary: ip(11), gateway: ip(253) },
        CloudInitRewrites,
        StaticNoDns,
        NetplanReload,
        CloudInitLaterEnis,
        CustomImageCarries,
        KeepOriginalsOnce { dir: s("/var/backups/secondary-ip-wizard/before") },
        SafetyNetLinux { window: 120, dir: s("/var/lib/secondary-ip-wizard") },
        SafetyNetPowerShell { window: 120 },
        SafetyNetNetsh { window: 120 },
        UndoPutsBack { dir: s("/var/backups/secondary-ip-wizard/before") },
        UndoPutsBackKeep { dir: s("/var/backups/secondary-ip-wizard/before") },
        CloudStatePrerequisite,
        IpDelAnswers { interface: i() },
        RuntimeLostOnReboot,
        RuntimeFileExists,
        RuntimeFileExistsStatic { primary: ip(11) },
        RuntimeKeepsDns,
        RuntimeNothingToApply,
        KeepDnsFromDhcp,
        NetplanSameId { interface: i() },
        NetplanGuideKeep,
        NetplanGuideStatic,
        NetplanOverrides,
        NetplanOneGateway,
        NetplanGateway4,
        NetplanTry,
        NetworkdDropinFolder { interface: i(), file: s("FILE-x.network") },
        NetworkdFirstMatch,
        NetworkdReloadOnly { interface: i() },
        NetworkdOldSystemdKeep,
        NetworkdOldSystemdStatic,
        NetworkdLeaseRenews,
        NetworkdLeaseDrop { primary: ip(11), interface: i() },
        NetworkdUndoKeep,
        NetworkdUndoStatic { interface: i(), prefix: PREFIX },
        // IPv6: NetworkManager and ifupdown
        NmIpv6Method,
        IfupdownIpv6 { interface: i(), label: s("ethQ7:v6") },
        IfupdownEniIpv6 {
            interface: i(),
            label: s("ethQ7:v6"),
            table: TABLE,
            hook: s("/etc/network/secondary-ip-wizard-ipv6-ethQ7"),
        },
        IfupdownNgIpv6 { interface: i() },
        NmcliUseName { interface: i(), connection: s("'CONN x'") },
        NmcliAppend,
        NmcliPrimaryFirst { primary: ip(11) },
        NmcliConUpNotReapply,
        KeyfileComplete,
        KeyfileManual,
        KeyfileOtherProfile,
        KeyfileMode600,
        IfcfgCloudInitWrites { path: s("/etc/PATH-x") },
        IfcfgReplacesWhole { path: s("/etc/PATH-x") },
        IfcfgAliasParent { path: s("/etc/PATH-x") },
        WholeSet { interface: i() },
        EniRoutingStays { interface: i(), table: TABLE, commands: s("CMD-a\nCMD-b\n") },
        RuntimeForeignRules,
        // IPv6: ifcfg, wicked, Windows
        IfcfgIpv6 { path: s("/etc/PATH-6") },
        WickedIpv6 { path: s("/etc/PATH-w6"), bootproto: "BOOT-x" },
        WindowsIpv6 { prefix: 61, flag: "FLAG-x" },
        WindowsEniMetric { metric: 4321 },
        WindowsEniIpv6 { alias: "Ethernet 9".into() },
        IfupdownNgDeconfig { interface: i() },
        IfupdownNgEni { interface: i(), table: TABLE },
        IfupdownNgEniNothingToApply { interface: i() },
        IfupdownNgUndoSource { path: s("/etc/PATH-x") },
        IfupdownAliasesAfterLease { interface: i() },
        IfupdownDhclientHooks { interface: i(), table: TABLE },
        IfupdownEniStanza { interface: i(), table: TABLE },
        IfupdownEniOnly { interface: i() },
        WickedEniRouting { interface: i(), table: TABLE },
        WickedSles11Routing { interface: i() },
        IfcfgNmRouting { interface: i(), table: TABLE },
        IfcfgNmRouting6 { interface: i(), table: TABLE },
        WickedEniIpv6 {
            interface: i(),
            table: TABLE,
            hook: s("/etc/sysconfig/network/scripts/secondary-ip-wizard-ipv6-ethQ7"),
        },
        IfupdownNgEniIpv6 {
            interface: i(),
            table: TABLE,
            hook: s("/etc/network/secondary-ip-wizard-ipv6-ethQ7"),
        },
        IfcfgInitscriptsRouting { interface: i(), table: TABLE },
        IfcfgNeedsNm { interface: i() },
        IfcfgGuideForm,
        IfcfgAliasTooLong { label: s("LABEL-x") },
        IfcfgAliasesObsolete,
        IfcfgConnectionName { connection: s("CONN-x"), interface: i(), restart: "RESTART-x" },
        IfcfgReactivateStatic,
        IfcfgReactivateKeep,
        IfcfgGentle,
        RestartFromVnc,
        IfcfgUndo,
        IfupdownAliasTooLong { label: s("LABEL-x") },
        IfupdownResolvconf,
        IfupdownOwnFile { source: "SOURCE-x" },
        IfupdownOrder { interface: i() },
        IfupdownAlternative { interface: i(), prefix: PREFIX },
        IfupdownGentle { restart: "RESTART-x" },
        IfupdownDhclientLingers,
        IfupdownIfdownFirst,
        IfupdownNgCloudInit,
        IfupdownNgReplacesWhole,
        IfupdownNgSeveralAddresses,
        IfupdownNgNoRestart,
        WickedNoLabel { labels: s("LABELS-x") },
        WickedCloudInitWrites { path: s("/etc/PATH-x") },
        WickedReplacesWhole { path: s("/etc/PATH-x") },
        WickedSles11Keep,
        WickedGuideNetmask,
        WickedRoutesGlobal { path: s("/etc/PATH-x") },
        WickedIfreload { restart: "RESTART-x" },
        WickedStaticVnc,
        WickedUndo,
        WickedInProgress,
        WindowsVnc,
        WindowsNoKeepDhcp,
        WindowsSkipAsSource { flag: "FLAG-x" },
        PowerShellKeepsDns,
        PowerShellApply,
        PowerShellVerify { prefix: PREFIX },
        PowerShellUndo,
        NetshNoDns,
        NetshApply,
        NetshVerify { prefix: PREFIX },
        NetshRefused,
        AssignFirst { primary: ip(11) },
        BindAvailableEni { eni: s("eni-SAMPLE") },
        BindInUseEni { eni: s("eni-SAMPLE") },
        AssignListXorCount,
        // IPv6 cloud side
        Ipv6EnableFirst { block: subnet6() },
        Ipv6ListXorCount { count: 3 },
        Ipv6TerraformInstanceForceNew,
        ApiVersion6,
        ConsoleAssignEach6 { addrs: vec![addr6("2001:db8:0:1::a"), addr6("2001:db8:0:1::b")] },
        ConsoleConfirmAssigned6 { count: 1 },
        ConsoleConfirmAssigned6 { count: 3 },
        ConsoleUndoRemove6 { addrs: vec![addr6("2001:db8:0:1::a")], then_confirm: true },
        ConsoleUndoRemove6 { addrs: vec![addr6("2001:db8:0:1::b")], then_confirm: false },
        LaunchIpv6NotAwaited,
        ApiVersion,
        ConsoleOpenRegion { region: s("cn-SAMPLE") },
        ConsoleCheckBound { eni: s("eni-SAMPLE") },
        ConsoleGoToEnis,
        ConsoleAssignEach { addrs: vec![ip(21), ip(22)] },
        ConsoleConfirmAssigned { count: 1 },
        ConsoleConfirmAssigned { count: 2 },
        ConsoleUndoOsFirst,
        ConsoleUndoOpen { region: s("cn-SAMPLE") },
        ConsoleUndoFind { eni: s("eni-SAMPLE") },
        ConsoleUndoRemove { addrs: vec![ip(21), ip(22)] },
        ConsolePrimaryStays { primary: ip(11) },
        NetshFirstTimeOnly,
        VerifySourceMayBeSecondary { gateway: ip(253), primary: ip(11) },
        VerifyOrderKeepSecondaryFirst { prefix: 24, primary: ip(11) },
        SourceIsFirstSecondary { primary: ip(11) },
        StaticDropsDhcpExtras { interface: i() },
        VerifyEniRouting { interface: i(), table: TABLE },
        EniOwnTable { interface: i(), table: TABLE },
        RpFilterLoose { interface: i() },
        NetplanEniOverrides { interface: i() },
        GuideFormNotForSecondaryEni,
        NetplanEniDhcpRoutes { interface: i() },
        NmRouteTable { interface: i(), table: TABLE },
        ExpectNoMainDefault { interface: i() },
        CloudSetupWhatItDoes { interface: i() },
        CloudSetupNothingToReview,
        CloudSetupEveryEni { interface: i() },
        CloudSetupAvailability,
        CloudSetupModeIgnored,
        CloudSetupOwnTables { interface: i(), table: TABLE },
        CloudSetupRuns,
        CloudSetupVerify { gateway: ip(253) },
        CloudSetupNoUndo { interface: i() },
        CloudSetupUnassign,
        CloudSetupPrimaryStatic { primary: ip(11) },
        AssistantHow { timeout: 600, wait_minutes: 12, confirm: "--yes" },
        AssistantMissing { region: true, instance: true },
        AssistantMissing { region: true, instance: false },
        AssistantMissing { region: false, instance: true },
        AssistantTooLarge { size: 20480, limit: 16384 },
        AssistantInParts { parts: 3 },
        AssistantCannotEmbed { line: "'@" },
        AssistantOutput,
        LaunchHow { wait: 600, log: "/var/log/cloud-init-output.log", confirm: "--yes" },
        LaunchWindows,
        LaunchCompressed,
        LaunchNotForSecondaryEni,
        LaunchTooLarge { size: 20480, limit: 16384 },
        Ipv6Added { interface: i(), prefix: 64 },
        Ipv6NotByThisMethod,
        Ipv6NotOnSecondaryEni,
        Ipv6EniTable { interface: i(), table: TABLE },
        RuntimeRouterCopied { interface: i(), table: TABLE },
        NetplanRaDropin {
            interface: i(),
            table: TABLE,
            path: s("/etc/systemd/network/x.network.d/y.conf"),
        },
        VerifyIpv6 { interface: i() },
    ];
    for kind in [EniKind::Primary, EniKind::Secondary] {
        out.push(ConsoleFindEni { eni: s("eni-SAMPLE"), primary: ip(11), kind });
    }
    for missing in [MissingIds::Region, MissingIds::Eni, MissingIds::Both] {
        out.push(FillInIds { missing });
    }
    for (source, state) in [
        (LimitSource::Available, EniState::Available),
        (LimitSource::InstanceType("ecs.g7.large".into()), EniState::InUse),
        (LimitSource::Typed, EniState::InUse),
        (LimitSource::Unknown, EniState::InUse),
    ] {
        out.push(LimitChecked { per_eni: 9, source, used: 4, state });
    }
    out
}

/// The values a note must hold in every language. No catch-all: a new
/// kind of note fails to compile until it is listed (and sampled above).
fn note_values(n: &NoteText) -> Vec<String> {
    use NoteText::*;
    let t = |v: &dyn ToString| v.to_string();
    let p = |prefix: &u8| format!("/{prefix}");
    match n {
        VerifyOrderKeep { prefix, primary } => vec![p(prefix), t(primary)],
        VerifyOrderStatic { prefix, primary, gateway } => vec![p(prefix), t(primary), t(gateway)],
        RuntimeFileExistsStatic { primary }
        | NmcliPrimaryFirst { primary }
        | AssignFirst { primary }
        | ConsolePrimaryStays { primary } => vec![t(primary)],
        IpDelAnswers { interface }
        | NetplanSameId { interface }
        | NetworkdReloadOnly { interface }
        | WholeSet { interface }
        | IfupdownNgDeconfig { interface }
        | IfupdownNgEniNothingToApply { interface }
        | IfupdownAliasesAfterLease { interface }
        | IfupdownEniOnly { interface }
        | WickedSles11Routing { interface }
        | IfcfgNeedsNm { interface }
        | IfupdownOrder { interface }
        | RpFilterLoose { interface }
        | NetplanEniOverrides { interface }
        | NetplanEniDhcpRoutes { interface }
        | CloudSetupWhatItDoes { interface }
        | CloudSetupEveryEni { interface }
        | ExpectNoMainDefault { interface } => vec![t(interface)],
        CloudSetupNoUndo { interface } => vec![t(interface), "nmcli device reapply".into()],
        CloudSetupOwnTables { interface, table } => {
            vec![t(interface), t(table), "30200".into(), "30400".into()]
        }
        CloudSetupVerify { gateway } => vec![t(gateway), "30350".into()],
        CloudSetupPrimaryStatic { primary } => vec![t(primary), "dynamic".into()],
        AssistantHow { timeout, wait_minutes, confirm } => vec![
            t(timeout),
            t(wait_minutes),
            confirm.to_string(),
            "RunCommand".into(),
            "DescribeInvocationResults".into(),
        ],
        AssistantMissing { .. } | AssistantOutput => vec![],
        AssistantTooLarge { size, limit } => vec![t(size), t(limit)],
        AssistantInParts { parts } => vec![t(parts)],
        AssistantCannotEmbed { line } => vec![line.to_string()],
        LaunchHow { wait, log, confirm } => {
            vec![t(wait), log.to_string(), confirm.to_string(), "AssignPrivateIpAddresses".into()]
        }
        LaunchWindows => vec!["[powershell]".into()],
        LaunchCompressed => vec!["gzip".into(), "gz+b64".into(), "16 KB".into()],
        LaunchNotForSecondaryEni => vec![],
        LaunchTooLarge { size, limit } => vec![t(size), t(limit)],
        Ipv6Added { interface, prefix } => {
            vec![t(interface), format!("/{prefix}"), "DHCPv6".into()]
        }
        Ipv6NotByThisMethod => vec!["IPv6".into(), "IPv4".into(), "ip -6 addr add".into()],
        Ipv6NotOnSecondaryEni => vec!["ip -6 rule".into()],
        Ipv6EniTable { interface, table } => vec![t(interface), t(table), "ip -6 rule".into()],
        NetplanRaDropin { interface, table, path } => {
            vec![t(interface), t(table), path.clone(), "ra-overrides".into()]
        }
        RuntimeRouterCopied { interface, table } => {
            vec![t(interface), t(table), "accept_ra_defrtr".into()]
        }
        WickedEniIpv6 { interface, table, hook } => {
            vec![t(interface), t(table), hook.clone(), "POST_UP_SCRIPT".into()]
        }
        IfupdownNgEniIpv6 { interface, table, hook } => {
            vec![t(interface), t(table), hook.clone(), "post-up".into(), "|| true".into()]
        }
        IfcfgNmRouting6 { interface, table } => {
            vec![t(interface), format!("IPV6_ROUTE_TABLE={table}"), "ROUTING_RULE6_n".into()]
        }
        VerifyIpv6 { interface } => vec![t(interface), "tentative".into(), "dadfailed".into()],
        NetworkdDropinFolder { interface, file } => vec![t(interface), file.clone()],
        NetworkdLeaseDrop { primary, interface } => vec![t(primary), t(interface)],
        NetworkdUndoStatic { interface, prefix } | IfupdownAlternative { interface, prefix } => {
            vec![t(interface), p(prefix)]
        }
        // IPv6: NetworkManager and ifupdown
        NmIpv6Method => {
            vec!["ipv6.method".into(), "ignore".into(), "disabled".into(), "auto".into()]
        }
        IfupdownIpv6 { interface, label } => {
            vec![
                t(interface),
                label.clone(),
                "inet6 dhcp".into(),
                "ip -6 addr replace".into(),
                "dhclient -6".into(),
            ]
        }
        IfupdownEniIpv6 { interface, label, table, hook } => {
            vec![t(interface), label.clone(), t(table), hook.clone(), "accept_ra_defrtr".into()]
        }
        IfupdownNgIpv6 { interface } => vec![t(interface), "udhcpc".into(), "dhcpcd".into()],
        NmcliUseName { interface, connection } => vec![t(interface), connection.clone()],
        IfcfgCloudInitWrites { path }
        | IfcfgReplacesWhole { path }
        | IfcfgAliasParent { path }
        | IfupdownNgUndoSource { path }
        | WickedCloudInitWrites { path }
        | WickedReplacesWhole { path }
        | WickedRoutesGlobal { path } => vec![path.clone()],
        EniRoutingStays { interface, table, commands } => {
            vec![t(interface), t(table), commands.trim_end().replace('\n', "; ")]
        }
        // IPv6: ifcfg, wicked, Windows
        IfcfgIpv6 { path } => {
            vec![
                path.clone(),
                "IPV6INIT=yes".into(),
                "DHCPV6C=yes".into(),
                "IPV6ADDR_SECONDARIES".into(),
            ]
        }
        WickedIpv6 { path, bootproto } => {
            vec![path.clone(), format!("BOOTPROTO='{bootproto}'"), "DHCPv6".into()]
        }
        WindowsIpv6 { prefix, flag } => {
            vec![format!("/{prefix}"), (*flag).to_string(), "DHCPv6".into()]
        }
        WindowsEniMetric { metric } => vec![t(metric)],
        WindowsEniIpv6 { alias } => vec![alias.clone(), "SkipAsSource".into()],
        IfupdownNgEni { interface, table }
        | IfupdownDhclientHooks { interface, table }
        | IfupdownEniStanza { interface, table }
        | WickedEniRouting { interface, table }
        | IfcfgNmRouting { interface, table }
        | IfcfgInitscriptsRouting { interface, table }
        | VerifyEniRouting { interface, table }
        | EniOwnTable { interface, table }
        | NmRouteTable { interface, table } => vec![t(interface), t(table)],
        IfcfgAliasTooLong { label } | IfupdownAliasTooLong { label } => vec![label.clone()],
        IfcfgConnectionName { connection, interface, restart } => {
            vec![connection.clone(), t(interface), t(restart)]
        }
        IfupdownOwnFile { source } => vec![t(source)],
        IfupdownGentle { restart } | WickedIfreload { restart } => vec![t(restart)],
        WickedNoLabel { labels } => vec![labels.clone()],
        WindowsSkipAsSource { flag } => vec![t(flag)],
        PowerShellVerify { prefix } | NetshVerify { prefix } => vec![p(prefix)],
        BindAvailableEni { eni }
        | BindInUseEni { eni }
        | ConsoleCheckBound { eni }
        | ConsoleUndoFind { eni } => vec![eni.clone()],
        LimitChecked { per_eni, source, used, .. } => {
            let mut v = vec![t(per_eni), t(used), t(&(*per_eni as usize - used))];
            if let LimitSource::InstanceType(name) = source {
                v.push(name.clone());
            }
            v
        }
        ConsoleOpenRegion { region } | ConsoleUndoOpen { region } => vec![region.clone()],
        ConsoleFindEni { eni, primary, .. } => vec![eni.clone(), t(primary)],
        ConsoleAssignEach { addrs } | ConsoleUndoRemove { addrs } => {
            addrs.iter().map(|a| format!("- {a}")).collect()
        }
        // IPv6 cloud side
        Ipv6EnableFirst { block } => vec![
            t(block),
            "ModifyVpcAttribute".into(),
            "ModifyVSwitchAttribute".into(),
            "--EnableIPv6 true".into(),
        ],
        Ipv6ListXorCount { count } => {
            vec![t(count), "Ipv6Address.N".into(), "Ipv6AddressCount".into(), "10".into()]
        }
        ConsoleAssignEach6 { addrs } | ConsoleUndoRemove6 { addrs, .. } => {
            let mut v: Vec<String> = addrs.iter().map(|a| format!("- {a}")).collect();
            v.push("IPv6".into());
            v
        }
        VerifySourceMayBeSecondary { gateway, primary } => vec![t(gateway), t(primary)],
        VerifyOrderKeepSecondaryFirst { prefix, primary } => vec![p(prefix), t(primary)],
        SourceIsFirstSecondary { primary } => vec![t(primary)],
        StaticDropsDhcpExtras { interface } => vec![t(interface)],
        KeepOriginalsOnce { dir } | UndoPutsBack { dir } | UndoPutsBackKeep { dir } => {
            vec![dir.clone()]
        }
        SafetyNetLinux { window, dir } => vec![window.to_string(), dir.clone()],
        SafetyNetPowerShell { window } | SafetyNetNetsh { window } => vec![window.to_string()],
        CloudInitRewrites
        | NetplanReload
        | CloudInitLaterEnis
        | CustomImageCarries
        | CloudStatePrerequisite
        | StaticNoDns
        | RuntimeLostOnReboot
        | RuntimeFileExists
        | RuntimeKeepsDns
        | RuntimeNothingToApply
        | KeepDnsFromDhcp
        | NetplanGuideKeep
        | NetplanGuideStatic
        | NetplanOverrides
        | NetplanOneGateway
        | NetplanGateway4
        | NetplanTry
        | NetworkdFirstMatch
        | NetworkdOldSystemdKeep
        | NetworkdOldSystemdStatic
        | NetworkdLeaseRenews
        | NetworkdUndoKeep
        | NmcliAppend
        | NmcliConUpNotReapply
        | KeyfileComplete
        | KeyfileManual
        | KeyfileOtherProfile
        | KeyfileMode600
        | RuntimeForeignRules
        | IfcfgGuideForm
        | IfcfgAliasesObsolete
        | IfcfgReactivateStatic
        | IfcfgReactivateKeep
        | IfcfgGentle
        | RestartFromVnc
        | IfcfgUndo
        | IfupdownResolvconf
        | IfupdownDhclientLingers
        | IfupdownIfdownFirst
        | IfupdownNgCloudInit
        | IfupdownNgReplacesWhole
        | IfupdownNgSeveralAddresses
        | IfupdownNgNoRestart
        | WickedSles11Keep
        | WickedGuideNetmask
        | WickedStaticVnc
        | WickedUndo
        | WickedInProgress
        | WindowsVnc
        | WindowsNoKeepDhcp
        | PowerShellKeepsDns
        | PowerShellApply
        | PowerShellUndo
        | NetshNoDns
        | NetshApply
        | NetshRefused
        | AssignListXorCount
        | FillInIds { .. }
        // IPv6 cloud side
        | Ipv6TerraformInstanceForceNew
        | ApiVersion6
        | ConsoleConfirmAssigned6 { .. }
        | LaunchIpv6NotAwaited
        | ApiVersion
        | ConsoleGoToEnis
        | ConsoleConfirmAssigned { .. }
        | ConsoleUndoOsFirst
        | NetshFirstTimeOnly
        | CloudSetupNothingToReview
        | CloudSetupModeIgnored
        | CloudSetupRuns
        | CloudSetupUnassign => vec![],
        CloudSetupAvailability => vec!["1.32".into(), "NetworkManager-cloud-setup".into()],
        GuideFormNotForSecondaryEni => vec![],
    }
}

/// One heading of every kind.
fn title_samples() -> Vec<TitleText> {
    use TitleText::*;
    let path = || "/etc/PATH-x".to_owned();
    vec![
        CheckAddressesAndRoute,
        AllInOneScript,
        StopCloudInit,
        AddUntilReboot,
        NothingToApply,
        RemoveSecondaryAddresses,
        SeeHowCloudInitConfigured,
        TheSecondaryAddresses,
        TheStaticConfiguration,
        CheckAndApply,
        ConfigurationWithoutSecondaries,
        ApplyItAndRemove,
        FindNetworkFile,
        DropinWithSecondaries,
        StaticNetworkFile,
        ReloadReconfigures,
        RemoveDropinAndAddresses,
        NetworkFileWithoutSecondaries,
        FindConnectionName,
        ChangeProfile,
        ActivateProfile,
        RemoveSecondariesFromProfile,
        ConnectionProfile,
        LoadAndActivateProfile,
        ProfileWithoutSecondaries,
        LoadAndActivateIt,
        CreateIfMissing { path: path() },
        Replace { path: path() },
        Create { path: path() },
        NmRereadAndReactivate,
        BringUpNewAliases,
        RestartNetworkGuide,
        OrRestartNetworkGuide,
        RemoveFromOs,
        KeepOriginals,
        PutBackOriginals,
        ApplyPutBack,
        BeforePutBack,
        MoveCloudInitStanza,
        BringUpEachAlias,
        RestartNetwork,
        OrRestartNetwork,
        SetDnsNoDhcp,
        AddAddressesNow,
        ReplaceRoutes { path: path() },
        SetDnsServers,
        ApplyNewConfiguration,
        WindowsPrimaryThenSecondaries,
        RestartAdapterIfMissing,
        RemoveFromWindows,
        AllInOnePowerShell,
        CheckAddressesAndGateway,
        AllInOneBatch,
        NotAvailableForAlias,
        InEcsConsole,
        WithAliyunCli,
        ApiParameters { action: "ActionX" },
        WithTerraform,
        UnassignWithAliyun,
        UnassignInConsole,
        AssistantRun,
        AssistantSequence,
        AssistantTerraform,
        LaunchUserData,
        LaunchAliyun,
        LaunchTerraform,
        NetshFirstTime,
        NetshAddSecondaries,
        NotAvailableWithoutDns,
        CheckAddresses,
        CheckIpv6Addresses,
        CheckEniRouting,
        LooseRpFilter,
        LoadSysctl,
        EniTable { table: TABLE },
        EniTable6 { table: TABLE },
        EniRules,
        NoMainDefault,
        CloudSetupLook,
        InstallCloudSetup,
        AliyunDropin,
        EnableCloudSetup,
        RunCloudSetupNow,
        StopCloudSetup,
        CheckCloudSetupRouting,
        RemoveEniRouting,
        IncludeFolder { path: path() },
        NoLeaseDefaultRoute,
        ProfileIpv4Keys,
        RemoveUnlistedAliasFiles,
        RemoveUnlisted,
        HookWithoutSecondaries,
        StanzaWithoutSecondaries,
        RestartThisEni,
    ]
}

/// The values a heading must hold. No catch-all.
fn title_values(t: &TitleText) -> Vec<String> {
    use TitleText::*;
    match t {
        CreateIfMissing { path }
        | Replace { path }
        | Create { path }
        | ReplaceRoutes { path }
        | IncludeFolder { path } => vec![path.clone()],
        ApiParameters { action } => vec![(*action).to_owned()],
        EniTable { table } | EniTable6 { table } => vec![table.to_string()],
        CheckAddressesAndRoute
        | AllInOneScript
        | StopCloudInit
        | AddUntilReboot
        | NothingToApply
        | RemoveSecondaryAddresses
        | SeeHowCloudInitConfigured
        | TheSecondaryAddresses
        | TheStaticConfiguration
        | CheckAndApply
        | ConfigurationWithoutSecondaries
        | ApplyItAndRemove
        | FindNetworkFile
        | DropinWithSecondaries
        | StaticNetworkFile
        | ReloadReconfigures
        | RemoveDropinAndAddresses
        | NetworkFileWithoutSecondaries
        | FindConnectionName
        | ChangeProfile
        | ActivateProfile
        | RemoveSecondariesFromProfile
        | ConnectionProfile
        | LoadAndActivateProfile
        | ProfileWithoutSecondaries
        | LoadAndActivateIt
        | NmRereadAndReactivate
        | BringUpNewAliases
        | RestartNetworkGuide
        | OrRestartNetworkGuide
        | RemoveFromOs
        | KeepOriginals
        | PutBackOriginals
        | ApplyPutBack
        | BeforePutBack
        | MoveCloudInitStanza
        | BringUpEachAlias
        | RestartNetwork
        | OrRestartNetwork
        | SetDnsNoDhcp
        | AddAddressesNow
        | SetDnsServers
        | ApplyNewConfiguration
        | WindowsPrimaryThenSecondaries
        | RestartAdapterIfMissing
        | RemoveFromWindows
        | AllInOnePowerShell
        | CheckAddressesAndGateway
        | AllInOneBatch
        | NotAvailableForAlias
        | InEcsConsole
        | WithAliyunCli
        | WithTerraform
        | UnassignWithAliyun
        | UnassignInConsole
        | NetshFirstTime
        | NetshAddSecondaries
        | NotAvailableWithoutDns
        | CheckAddresses
        | CheckIpv6Addresses
        | CheckEniRouting
        | LooseRpFilter
        | LoadSysctl
        | EniRules
        | NoMainDefault
        | CloudSetupLook
        | InstallCloudSetup
        | AliyunDropin
        | EnableCloudSetup
        | RunCloudSetupNow
        | StopCloudSetup
        | CheckCloudSetupRouting
        | RemoveEniRouting
        | NoLeaseDefaultRoute
        | ProfileIpv4Keys
        | RemoveUnlistedAliasFiles
        | RemoveUnlisted
        | HookWithoutSecondaries
        | StanzaWithoutSecondaries
        | RestartThisEni => vec![],
        AssistantRun | AssistantSequence => vec!["aliyun".into()],
        AssistantTerraform => vec!["Terraform".into()],
        LaunchUserData => vec!["RunInstances".into(), "UserData".into()],
        LaunchAliyun => vec!["aliyun CLI".into()],
        LaunchTerraform => vec!["Terraform".into()],
    }
}

#[test]
fn every_note_and_heading_holds_its_values_in_every_language() {
    for &locale in Locale::ALL {
        let mut seen = std::collections::HashSet::new();
        for n in note_samples() {
            let text = wording::note(locale, &n);
            assert!(!text.trim().is_empty(), "{locale} {n:?}");
            for v in note_values(&n) {
                assert!(text.contains(&v), "{locale} {n:?}: {v:?} missing from {text:?}");
            }
            assert!(seen.insert(text.clone()), "{locale}: two notes share {text:?}");
        }
        let mut seen = std::collections::HashSet::new();
        for t in title_samples() {
            let text = wording::title(locale, &t);
            assert!(!text.trim().is_empty(), "{locale} {t:?}");
            for v in title_values(&t) {
                assert!(text.contains(&v), "{locale} {t:?}: {v:?} missing from {text:?}");
            }
            assert!(seen.insert(text.clone()), "{locale}: two headings share {text:?}");
        }
        for &kind in wizard::render::StepKind::ALL {
            assert!(!wording::step_title(locale, kind).is_empty(), "{locale} {kind:?}");
        }
        for &m in wizard::catalog::Method::ALL {
            assert!(!wording::method_label(locale, m).is_empty(), "{locale} {m:?}");
        }
        for &os in wizard::catalog::Os::ALL {
            let label = wording::os_label(locale, os);
            assert!(label.starts_with(os.family().label()), "{locale} {os:?}: {label:?}");
        }
    }
    for n in note_samples() {
        assert!(has_cjk(&wording::note(Locale::Zh, &n)), "{n:?}");
    }
    for t in title_samples() {
        assert!(has_cjk(&wording::title(Locale::Zh, &t)), "{t:?}");
    }
}

#[test]
fn documentation_links_go_to_the_readers_language() {
    for &doc in wording::Doc::ALL {
        let en = wording::doc_url(Locale::En, doc);
        let zh = wording::doc_url(Locale::Zh, doc);
        assert!(en.starts_with("https://www.alibabacloud.com/help/en/ecs/"), "{doc:?}: {en}");
        assert!(zh.starts_with("https://help.aliyun.com/zh/ecs/"), "{doc:?}: {zh}");
    }
}

// ---------------------------------------------------------------- the glossary

/// The glossary: each term's English forms and its Chinese.
struct Term {
    id: &'static str,
    english: Vec<&'static str>,
    chinese: &'static str,
}

fn glossary() -> Vec<Term> {
    let text = include_str!("../src/wording/glossary.tsv");
    let mut terms = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "glossary line {line:?}: id, English, Chinese, where");
        assert!(cols.iter().all(|c| !c.trim().is_empty()), "glossary line {line:?}");
        terms.push(Term { id: cols[0], english: cols[1].split('|').collect(), chinese: cols[2] });
    }
    terms
}

/// `text` without its `code` spans (commands are not terms).
fn without_code(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        // Outside code at even positions; an unpaired last backtick leaves text.
        if i % 2 == 0 || text.matches('`').count() % 2 == 1 && i == text.matches('`').count() {
            out.push_str(part);
        } else {
            out.push(' ');
        }
    }
    out
}

/// Whether the character before a term lets it start a word.
fn starts_word(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_none_or(|c| !c.is_ascii_alphanumeric())
}

/// Whether the term ending at `end` ends a word (a plural `s` may follow).
fn ends_word(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let rest = rest.strip_prefix('s').unwrap_or(rest);
    rest.chars().next().is_none_or(|c| !c.is_ascii_alphanumeric())
}

/// The glossary's terms that `english` uses, longest form first; each match
/// hides itself from the shorter forms.
fn terms_used<'a>(terms: &'a [Term], english: &str) -> Vec<&'a Term> {
    let mut forms: Vec<(&str, &Term)> =
        terms.iter().flat_map(|t| t.english.iter().map(move |f| (*f, t))).collect();
    forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    let mut text = without_code(english);
    let mut used: Vec<&Term> = Vec::new();
    for (form, term) in forms {
        let mut from = 0;
        while let Some(at) = text[from..].find(form).map(|i| i + from) {
            let end = at + form.len();
            if starts_word(&text, at) && ends_word(&text, end) {
                if !used.iter().any(|u| u.id == term.id) {
                    used.push(term);
                }
                text.replace_range(at..end, &"#".repeat(form.len()));
            }
            from = end;
        }
    }
    used
}

/// Every text in both languages, named: problems, page texts, fields,
/// texts with values, notes, headings, steps.
fn every_text() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut both = |name: String, en: String, zh: String| out.push((name, en, zh));
    for kind in samples() {
        let p = Problem::error(Field::Primary, kind.clone());
        both(
            format!("{kind:?}"),
            wording::problem(Locale::En, &p),
            wording::problem(Locale::Zh, &p),
        );
    }
    for id in UiText::all() {
        both(
            format!("{id:?}"),
            wording::ui(Locale::En, id).into(),
            wording::ui(Locale::Zh, id).into(),
        );
    }
    let mut fields: Vec<Field> = Field::ALL.to_vec();
    fields.push(Field::Secondary(2));
    for f in fields {
        both(
            format!("name {f:?}"),
            wording::field_name(Locale::En, f),
            wording::field_name(Locale::Zh, f),
        );
        both(
            format!("label {f:?}"),
            wording::field_label(Locale::En, f),
            wording::field_label(Locale::Zh, f),
        );
        if let (Some(en), Some(zh)) =
            (wording::field_hint(Locale::En, f), wording::field_hint(Locale::Zh, f))
        {
            both(format!("hint {f:?}"), en.into(), zh.into());
        }
    }
    for (m, ..) in message_cases() {
        both(
            format!("{m:?}"),
            wording::ui_message(Locale::En, &m),
            wording::ui_message(Locale::Zh, &m),
        );
    }
    for n in note_samples() {
        both(format!("{n:?}"), wording::note(Locale::En, &n), wording::note(Locale::Zh, &n));
    }
    for t in title_samples() {
        both(format!("{t:?}"), wording::title(Locale::En, &t), wording::title(Locale::Zh, &t));
    }
    for &k in wizard::render::StepKind::ALL {
        both(
            format!("{k:?}"),
            wording::step_title(Locale::En, k),
            wording::step_title(Locale::Zh, k),
        );
    }
    for &id in PasteText::ALL {
        both(
            format!("paste {id:?}"),
            wording::paste_text(Locale::En, id).into(),
            wording::paste_text(Locale::Zh, id).into(),
        );
    }
    for m in paste_messages() {
        both(
            format!("paste {m:?}"),
            wording::paste_message(Locale::En, &m),
            wording::paste_message(Locale::Zh, &m),
        );
    }
    for (kind, _) in paste_samples(Locale::En) {
        let i = Issue { level: kind.level(), field: None, kind: kind.clone() };
        both(
            format!("paste {kind:?}"),
            wording::paste_issue(Locale::En, &i),
            wording::paste_issue(Locale::Zh, &i),
        );
    }
    for &id in DoctorText::ALL {
        both(
            format!("doctor {id:?}"),
            wording::doctor_text(Locale::En, id).into(),
            wording::doctor_text(Locale::Zh, id).into(),
        );
    }
    for (kind, _) in doctor_samples(Locale::En) {
        let f = Finding { field: Field::Os, level: kind.level(), kind: kind.clone() };
        both(
            format!("doctor {kind:?}"),
            wording::doctor_finding(Locale::En, &f),
            wording::doctor_finding(Locale::Zh, &f),
        );
    }
    out
}

/// The Chinese terms of the glossary that `english` asks of its Chinese
/// wording and `chinese` lacks.
fn missing_terms(terms: &[Term], english: &str, chinese: &str) -> Vec<String> {
    let zh = without_code(chinese);
    terms_used(terms, english)
        .into_iter()
        .filter(|t| !zh.contains(t.chinese))
        .map(|t| format!("{} ({})", t.chinese, t.id))
        .collect()
}

#[test]
fn the_chinese_uses_the_glossary_terms_wherever_the_english_does() {
    let terms = glossary();
    let mut ids = std::collections::HashSet::new();
    for t in &terms {
        assert!(ids.insert(t.id), "glossary id {} twice", t.id);
    }
    let mut failures = Vec::new();
    let mut uses = std::collections::BTreeMap::new();
    for (name, en, zh) in every_text() {
        for t in terms_used(&terms, &en) {
            *uses.entry(t.id).or_insert(0) += 1;
        }
        let missing = missing_terms(&terms, &en, &zh);
        if !missing.is_empty() {
            failures.push(format!("{name}: lacks {}\n  en: {en}\n  zh: {zh}", missing.join(", ")));
        }
    }
    assert!(failures.is_empty(), "{} texts:\n{}", failures.len(), failures.join("\n"));
    // Every term is checked somewhere, but the one kept for later.
    let unused: Vec<&str> =
        terms.iter().map(|t| t.id).filter(|id| !uses.contains_key(id)).collect();
    assert_eq!(unused, ["security-group"], "terms no English wording uses: {uses:?}");
}

#[test]
fn the_glossary_check_can_fail() {
    let terms = glossary();
    // A term the English uses and the Chinese lacks.
    assert_eq!(missing_terms(&terms, "Bind the ENI.", "绑定网卡。"), ["弹性网卡 (eni)"]);
    // The longer term hides the shorter: "secondary ENI" asks 辅助弹性网卡 only.
    assert_eq!(missing_terms(&terms, "a secondary ENI", "辅助弹性网卡"), Vec::<String>::new());
    assert_eq!(
        missing_terms(&terms, "a secondary ENI", "弹性网卡"),
        ["辅助弹性网卡 (secondary-eni)"]
    );
    // Whole words only, plurals too, and never inside `code`.
    assert!(missing_terms(&terms, "gateway4 and NETMASK", "").is_empty());
    assert_eq!(missing_terms(&terms, "two gateways", "两个"), ["网关 (gateway)"]);
    assert!(missing_terms(&terms, "run `ip route get GW` for the gateway", "网关 `x`").is_empty());
    assert_eq!(missing_terms(&terms, "the gateway", "`网关`"), ["网关 (gateway)"]);
}

// ---------------------------------------------------------------- no English sentence

/// A lowercase English word: letters, with inner hyphens or apostrophes.
fn is_english_word(token: &str) -> bool {
    let t =
        token.trim_matches(|c: char| c.is_ascii_punctuation() || "“”‘’（）：，。；、".contains(c));
    !t.is_empty()
        && t.split(['-', '\''])
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase()))
}

/// The runs of three or more lowercase English words in a row in `text`
/// outside `code`: an English sentence left in a Chinese wording.
fn english_runs(text: &str) -> Vec<String> {
    let plain = without_code(text);
    let mut runs = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut flush = |run: &mut Vec<&str>| {
        if run.len() >= 3 {
            runs.push(run.join(" "));
        }
        run.clear();
    };
    // Chinese characters end a run as a space does not.
    for chunk in plain.split(|c: char| has_cjk(&c.to_string())) {
        for token in chunk.split_whitespace() {
            if is_english_word(token) {
                run.push(token);
            } else {
                flush(&mut run);
            }
        }
        flush(&mut run);
    }
    runs
}

#[test]
fn no_chinese_text_holds_an_english_sentence() {
    let mut failures = Vec::new();
    // The paste panel names the commands it reads as plain text (no `code`
    // there): `nmcli con show` is a command, not a sentence.
    let commands: Vec<&str> = Tool::ALL.iter().map(|t| t.command()).collect();
    for (name, _, zh) in every_text() {
        for run in english_runs(&zh).into_iter().filter(|r| !commands.contains(&r.as_str())) {
            failures.push(format!("{name}: {run:?} in {zh:?}"));
        }
    }
    for &m in wizard::catalog::Method::ALL {
        failures.extend(english_runs(wording::method_label(Locale::Zh, m)));
    }
    for &os in wizard::catalog::Os::ALL {
        failures.extend(english_runs(&wording::os_label(Locale::Zh, os)));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_english_sentence_check_can_fail() {
    assert_eq!(english_runs("这是 a plain english sentence。"), ["a plain english sentence"]);
    assert_eq!(english_runs("运行 `ip route get the gateway` 查看"), Vec::<String>::new());
    assert!(english_runs("cloud-init 会改写 systemd-networkd 的文件").is_empty());
    assert!(english_runs("ip addr（重启后失效）").is_empty());
    assert!(english_runs("Wired connection 1、System eth0").is_empty());
    // The English wording itself is full of them.
    let en = wording::note(Locale::En, &NoteText::CloudInitRewrites);
    assert!(!english_runs(&en).is_empty());
}

#[test]
fn in_chinese_the_blocks_for_a_person_and_the_expected_lines_hold_no_english_sentence() {
    use wizard::render::{render_all_in, ArtifactKind};
    let forms = [
        wizard::plan::Form::guide_example(),
        wizard::plan::Form {
            os: "centos7".into(),
            eni_kind: "secondary".into(),
            interface: "eth1".into(),
            mode: "static".into(),
            dns: "100.100.2.136".into(),
            ..wizard::plan::Form::guide_example()
        },
        wizard::plan::Form {
            os: "win2022".into(),
            dns: "100.100.2.136".into(),
            ..wizard::plan::Form::guide_example()
        },
        wizard::plan::Form { os: "sles15".into(), ..wizard::plan::Form::guide_example() },
        wizard::plan::Form { os: "alpine".into(), ..wizard::plan::Form::guide_example() },
    ];
    let mut failures = Vec::new();
    for form in forms {
        let plan = wizard::plan::validate(&form).unwrap_or_else(|e| panic!("{e:?}"));
        for r in render_all_in(&plan, Locale::Zh) {
            for a in r.artifacts() {
                let mut texts: Vec<&str> = a.expect.iter().map(String::as_str).collect();
                if a.kind == ArtifactKind::Text {
                    texts.push(&a.content);
                }
                for text in texts {
                    for line in text.lines() {
                        // What `ip route` prints is output, not a sentence.
                        for run in english_runs(line).into_iter().filter(|r| r != "scope link src")
                        {
                            failures.push(format!("{} {}: {run:?} in {line:?}", r.method, a.id));
                        }
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ------------------------------------------------ the paste panel (issue 17)

use wizard::paste::{Issue, IssueKind, Origin, OsEvidence, Pick, Seen, Tool};
use wizard::wording::paste::{PasteMessage, PasteText};

/// `line 4` as each language writes where a value came from (`第 4 行`).
fn line_in(locale: Locale, n: impl std::fmt::Display) -> String {
    match locale {
        Locale::En => format!("line {n}"),
        Locale::Zh => format!("第 {n} 行"),
    }
}

/// The end of a sentence of the paste panel or the doctor: a statement or
/// a question.
fn ends_sentence_or_question(locale: Locale, text: &str) -> bool {
    ends_sentence(locale, text)
        || match locale {
            Locale::En => text.ends_with('?'),
            Locale::Zh => text.ends_with('？'),
        }
}

/// One issue of every kind the paste reader raises (every variant of a
/// kind's data too), each with the strings its sentence must hold. The
/// `match` has no catch-all: a new kind fails to compile until it is here.
fn paste_samples(locale: Locale) -> Vec<(IssueKind, Vec<String>)> {
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
                    routes.iter().map(|o| line_in(locale, o.lines.first)).collect()
                }
                DefaultRouteElsewhere { dev, origin } => {
                    vec![dev.clone(), line_in(locale, origin.lines.first), "route -n".into()]
                }
                GatewayOutsideSubnet { gateway, subnet, origin } => {
                    vec![gateway.to_string(), subnet.clone(), line_in(locale, origin.lines.first)]
                }
                OtherSubnet { address, prefix, origin } => {
                    let a = match prefix {
                        Some(p) => format!("{address}/{p}"),
                        None => address.to_string(),
                    };
                    vec![a, line_in(locale, origin.lines.first)]
                }
                DynamicSecondary { address, origin } | LoopbackDns { server: address, origin } => {
                    vec![address.to_string(), line_in(locale, origin.lines.first)]
                }
                SeveralDynamic { addresses } => {
                    addresses.iter().map(|a| a.value.to_string()).collect()
                }
                PrimaryGuessed { chosen: a } | PrefixUnknown { address: a } => vec![a.to_string()],
                PrefixDiffers { address, prefix, primary_prefix, origin } => vec![
                    format!("{address}/{prefix}"),
                    format!("/{primary_prefix}"),
                    line_in(locale, origin.lines.first),
                ],
                Disagree { field, kept, other } => vec![
                    wording::field_name(locale, *field),
                    kept.value.clone(),
                    other.value.clone(),
                    line_in(locale, kept.origin.lines.first),
                    line_in(locale, other.origin.lines.first),
                ],
                OsNotInCatalog { evidence, origin } => {
                    let named = match evidence {
                        OsEvidence::Release { id, .. } => id.clone(),
                        OsEvidence::Caption(c) => c.clone(),
                    };
                    vec![named, line_in(locale, origin.lines.first)]
                }
                MixedPlatforms { linux, windows } => vec![
                    line_in(locale, linux.lines.first),
                    line_in(locale, windows.lines.first),
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
    for &locale in Locale::ALL {
        let mut seen = std::collections::HashSet::new();
        for (kind, parts) in paste_samples(locale) {
            let issue = Issue { level: kind.level(), field: None, kind: kind.clone() };
            let text = wording::paste_issue(locale, &issue);
            // A sentence may start with a value (`eth7 has …`, `10.9.8.23 …`).
            assert!(ends_sentence_or_question(locale, &text), "{locale} {kind:?}: {text:?}");
            assert!(!text.contains("  ") && !text.contains(" ."), "{locale} {kind:?}: {text:?}");
            for part in parts {
                assert!(text.contains(&part), "{locale} {kind:?}: {part:?} missing from {text:?}");
            }
            assert!(seen.insert(text.clone()), "{locale}: two kinds share {text:?}");
        }
    }
}

/// Every text with values of the paste panel, one of each kind (and both
/// counts of Apply).
fn paste_messages() -> Vec<PasteMessage> {
    vec![
        PasteMessage::From {
            origin: Origin {
                tool: Tool::IpAddr,
                lines: wizard::paste::Lines { first: 3, last: 5 },
            },
        },
        PasteMessage::From { origin: Origin::line(Tool::RouteN, 4) },
        PasteMessage::Applied { fields: 1 },
        PasteMessage::Applied { fields: 4 },
        PasteMessage::AppliedNothing,
        PasteMessage::UndoKept {
            fields: vec![wizard::plan::Field::Gateway, wizard::plan::Field::Mac],
        },
    ]
}

#[test]
fn every_text_of_the_paste_panel_has_words() {
    for (i, &id) in PasteText::ALL.iter().enumerate() {
        for &locale in Locale::ALL {
            assert!(!wording::paste_text(locale, id).trim().is_empty(), "{locale} {id:?}");
        }
        let zh = wording::paste_text(Locale::Zh, id);
        assert!(has_cjk(zh), "{id:?}: {zh:?} is not Chinese");
        assert!(!PasteText::ALL[..i].contains(&id), "{id:?} listed twice");
    }
    let from = PasteMessage::From {
        origin: Origin { tool: Tool::IpAddr, lines: wizard::paste::Lines { first: 3, last: 5 } },
    };
    assert_eq!(wording::paste_message(Locale::En, &from), "from lines 3–5 of ip addr");
    assert_eq!(wording::paste_message(Locale::Zh, &from), "来自 ip addr 的第 3–5 行");
    let kept = PasteMessage::UndoKept {
        fields: vec![wizard::plan::Field::Gateway, wizard::plan::Field::Mac],
    };
    for &locale in Locale::ALL {
        for f in [wizard::plan::Field::Gateway, wizard::plan::Field::Mac] {
            let name = wording::field_name(locale, f);
            assert!(wording::paste_message(locale, &kept).contains(&name), "{locale} {f:?}");
        }
        let four = wording::paste_message(locale, &PasteMessage::Applied { fields: 4 });
        assert!(four.contains('4'), "{locale}: {four:?}");
        let mut seen = std::collections::HashSet::new();
        for m in paste_messages() {
            let text = wording::paste_message(locale, &m);
            assert!(!text.trim().is_empty(), "{locale} {m:?}");
            if locale == Locale::Zh {
                assert!(has_cjk(&text), "{m:?}: {text:?} is not Chinese");
            }
            assert!(seen.insert(text.clone()), "{locale}: two messages share {text:?}");
        }
    }
}

// ------------------------------------------------ the doctor (issue 17)

use wizard::doctor::{DefaultRoute, Finding, FindingKind, Stack};
use wizard::wording::doctor::DoctorText;

/// One finding of every kind, with what its sentence must hold; the
/// `match` has no catch-all.
fn doctor_samples(locale: Locale) -> Vec<(FindingKind, Vec<String>)> {
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
        NmCloudSetupCompetes { method: wizard::catalog::Method::Keyfile, interface: "eth5".into() },
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
                    v.extend(method.map(|m| match locale {
                        Locale::En => m.label().to_owned(),
                        Locale::Zh => wording::method_label(locale, m).to_owned(),
                    }));
                    if method.is_none() {
                        v.extend(os.map(|o| wording::os_label(locale, o)));
                    }
                    v
                }
                NoStack { interface } | CloudNetconfig { interface } => vec![interface.clone()],
                // Both point to the method that lets nm-cloud-setup do it.
                NmCloudSetupAliyun { interface } => vec![
                    interface.clone(),
                    wording::method_label(locale, wizard::catalog::Method::NmCloudSetup).to_owned(),
                ],
                NmCloudSetupCompetes { method, interface } => vec![
                    interface.clone(),
                    wording::method_label(locale, *method).to_owned(),
                    wording::method_label(locale, wizard::catalog::Method::NmCloudSetup).to_owned(),
                ],
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
    let form = wizard::plan::Form::guide_example();
    for &locale in Locale::ALL {
        let mut seen = std::collections::HashSet::new();
        for (kind, parts) in doctor_samples(locale) {
            let f = Finding { field: Field::Os, level: kind.level(), kind: kind.clone() };
            let text = wording::doctor_finding(locale, &f);
            assert!(ends_sentence_or_question(locale, &text), "{locale} {kind:?}: {text:?}");
            for part in parts {
                assert!(text.contains(&part), "{locale} {kind:?}: {part:?} missing from {text:?}");
            }
            assert!(seen.insert(text.clone()), "{locale}: two findings share {text:?}");
            // Commands, where there are some, are sh that names the interface (or the profile).
            if let Some(c) = kind.commands(&form) {
                assert!(c.ends_with('\n') && !c.contains("{{"), "{kind:?}: {c:?}");
            }
        }
    }
    for (i, &id) in DoctorText::ALL.iter().enumerate() {
        for &locale in Locale::ALL {
            assert!(!wording::doctor_text(locale, id).trim().is_empty(), "{locale} {id:?}");
        }
        let zh = wording::doctor_text(Locale::Zh, id);
        assert!(has_cjk(zh), "{id:?}: {zh:?} is not Chinese");
        assert!(!DoctorText::ALL[..i].contains(&id));
    }
    assert!(Stack::ALL.iter().all(|s| !s.label().is_empty() && !s.methods().is_empty()));
}
