//! Property tests of `net6`: every address round-trips through its text; the
//! text is RFC 5952 canonical (checked against an independent reference and
//! against std); the strict parser agrees with std on plain hex text; no
//! input panics; the subnet arithmetic never overflows for any prefix.

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

use std::net::Ipv6Addr;

use proptest::prelude::*;
use wizard::net6::{parse_cidr6, parse_ipv6, parse_prefix6, Addr6, Kind6, Place, Subnet6};

/// Addresses of every shape: uniform bits, and groups that are mostly zero
/// (runs of zeros of every length and position, ties included).
fn addr() -> impl Strategy<Value = Addr6> {
    let group = prop_oneof![3 => Just(0u16), 1 => Just(1u16), 1 => any::<u16>()];
    prop_oneof![
        any::<u128>().prop_map(Addr6::from_bits),
        proptest::array::uniform8(group).prop_map(Addr6::from_segments),
    ]
}

/// Offsets near both ends of any subnet as well as anywhere.
fn offset() -> impl Strategy<Value = u128> {
    prop_oneof![
        any::<u128>(),
        0..70_000u128,
        (u128::MAX - 70_000)..=u128::MAX,
        (0..128u32, any::<u16>()).prop_map(|(shift, low)| (1u128 << shift) ^ u128::from(low)),
    ]
}

/// RFC 5952 by brute force: of every window of two or more zero groups, the
/// longest (§4.2.1, §4.2.3), the first on a tie (§4.2.3), becomes `::`. (Not
/// "the shortest text": `::` at an end saves one colon less than in the
/// middle, so for 0:0:1:0:0:1:0:0 the shortest text is not the canonical one.)
fn reference_text(a: Addr6) -> String {
    let g = a.segments();
    let hex: Vec<String> = g.iter().map(|x| format!("{x:x}")).collect();
    let mut best: Option<(usize, usize)> = None;
    for start in 0..8 {
        for end in start + 2..=8 {
            let longer = best.is_none_or(|(s, e)| end - start > e - s);
            if g[start..end].iter().all(|&x| x == 0) && longer {
                best = Some((start, end));
            }
        }
    }
    match best {
        Some((start, end)) => format!("{}::{}", hex[..start].join(":"), hex[end..].join(":")),
        None => hex.join(":"),
    }
}

/// Any RFC 4291 §2.2 spelling of `a`: each group with up to four digits
/// (leading zeros), in either case, and `::` over any window of zero groups
/// (`choice` picks one, or none), longest or not.
fn spelling(a: Addr6, digits: [u8; 8], upper: [bool; 8], choice: usize) -> String {
    let g = a.segments();
    let text: Vec<String> = (0..8)
        .map(|i| {
            let width = usize::from(digits[i] % 5);
            let t = format!("{:0width$x}", g[i]);
            if upper[i] {
                t.to_uppercase()
            } else {
                t
            }
        })
        .collect();
    let windows: Vec<(usize, usize)> = (0..8)
        .flat_map(|s| (s + 1..=8).map(move |e| (s, e)))
        .filter(|&(s, e)| g[s..e].iter().all(|&x| x == 0))
        .collect();
    match choice.checked_rem(windows.len() + 1).and_then(|c| windows.get(c)) {
        Some(&(s, e)) => format!("{}::{}", text[..s].join(":"), text[e..].join(":")),
        None => text.join(":"),
    }
}

/// Text that is often almost an address: hex, colons, dots, the characters of
/// the refusals, and arbitrary Unicode.
fn near_address() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9a-fA-F:]{0,42}",
        "[0-9a-f]{0,5}(:{1,3}[0-9a-f]{0,5}){0,9}",
        "[0-9a-f:.%/\\[\\] ]{0,45}",
        "[0-9a-f:]{0,30}/[0-9+-]{0,4}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn text_round_trips(a in addr()) {
        let text = a.to_string();
        prop_assert_eq!(parse_ipv6(&text), Ok(a), "{}", text);
        prop_assert_eq!(text.parse::<Ipv6Addr>().map(Addr6::from), Ok(a));
    }

    #[test]
    fn every_spelling_parses_to_the_address(
        a in addr(), digits in any::<[u8; 8]>(), upper in any::<[bool; 8]>(), choice in any::<usize>(),
    ) {
        let text = spelling(a, digits, upper, choice);
        prop_assert_eq!(parse_ipv6(&text), Ok(a), "{}", text);
        prop_assert_eq!(text.parse::<Ipv6Addr>().map(Addr6::from), Ok(a), "std {}", text);
    }

    #[test]
    fn text_is_rfc_5952_canonical(a in addr()) {
        let text = a.to_string();
        prop_assert_eq!(&text, &reference_text(a));
        prop_assert!(text.len() <= 39);
        prop_assert!(!text.bytes().any(|b| b.is_ascii_uppercase()), "{}", text);
        prop_assert!(text.matches("::").count() <= 1, "{}", text);
        for group in text.split(':').filter(|g| !g.is_empty()) {
            prop_assert!(group.len() == 1 || !group.starts_with('0'), "{}", text);
        }
        // `::` never stands for a single zero group (§4.2.2).
        if text.contains("::") {
            prop_assert!(text.split(':').filter(|g| !g.is_empty()).count() <= 6, "{}", text);
        }
        // std follows RFC 5952 too, except that it writes ::ffff:0:0/96 dotted.
        if a.kind() != Kind6::Ipv4Mapped {
            prop_assert_eq!(&text, &Ipv6Addr::from(a).to_string());
        }
    }

    #[test]
    fn strict_parser_agrees_with_std_on_hex_text(s in near_address()) {
        let ours = parse_ipv6(&s);
        let std = s.parse::<Ipv6Addr>();
        if s.contains('.') {
            // The one deliberate difference: dotted IPv4 tails are refused.
            prop_assert!(ours.is_err());
        } else {
            prop_assert_eq!(ours.ok().map(Ipv6Addr::from), std.ok(), "{:?}", s);
        }
    }

    #[test]
    fn no_input_panics(s in near_address()) {
        let _ = parse_ipv6(&s);
        let _ = parse_prefix6(&s);
        let _ = s.parse::<Subnet6>();
        if let Ok(c) = parse_cidr6(&s) {
            prop_assert!(c.prefix() <= 128);
            prop_assert_eq!(parse_cidr6(&c.to_string()), Ok(c));
            prop_assert_eq!(c.to_string().parse::<Subnet6>().is_ok(), !c.has_host_bits());
        }
    }

    #[test]
    fn cidr_text_round_trips(a in addr(), prefix in 0..=128u8) {
        let c = parse_cidr6(&format!("{a}/{prefix}")).unwrap();
        prop_assert_eq!((c.addr(), c.prefix()), (a, prefix));
        let s = c.subnet();
        prop_assert_eq!(s.to_string().parse::<Subnet6>(), Ok(s));
        prop_assert_eq!(Subnet6::new(a, prefix), Some(s));
        prop_assert_eq!(c.has_host_bits(), s.network() != a);
    }

    #[test]
    fn arithmetic_never_overflows(a in addr(), prefix in 0..=128u8, k in offset()) {
        let s = Subnet6::new(a, prefix).unwrap();
        let last_offset = s.last_offset();
        prop_assert_eq!(u32::from(s.host_bits()) + u32::from(s.prefix()), 128);
        prop_assert_eq!(last_offset.count_ones(), u32::from(s.host_bits()));
        prop_assert_eq!(s.size(), if prefix == 0 { None } else { Some(1u128 << s.host_bits()) });
        prop_assert!(s.contains(a) && s.contains(s.network()) && s.contains(s.last()));
        prop_assert_eq!(s.nth(0), Some(s.network()));
        prop_assert_eq!(s.nth(last_offset), Some(s.last()));
        prop_assert_eq!(s.nth_from_end(0), Some(s.last()));
        prop_assert_eq!(s.nth_from_end(last_offset), Some(s.network()));
        let offset = s.offset_of(a).unwrap();
        prop_assert_eq!(s.nth(offset), Some(a));
        match s.nth(k) {
            Some(x) => {
                prop_assert!(k <= last_offset && s.contains(x));
                prop_assert_eq!(s.offset_of(x), Some(k));
                prop_assert_eq!(s.nth_from_end(last_offset - k), Some(x));
            }
            None => prop_assert!(k > last_offset && s.nth_from_end(k).is_none()),
        }
        let p = s.position(a).unwrap();
        prop_assert_eq!((p.offset(), p.offset() + p.from_end()), (offset, last_offset));
        prop_assert!(p.permille() < 1000);
        match p.place() {
            Place::Start { offset: o } => prop_assert_eq!(u128::from(o), offset),
            Place::End { from_end } => {
                prop_assert!(offset >= 65_536);
                prop_assert_eq!(u128::from(from_end), p.from_end());
            }
            Place::Along { permille } => {
                prop_assert!(offset >= 65_536 && p.from_end() >= 65_536);
                prop_assert_eq!(permille, p.permille());
            }
        }
    }

    #[test]
    fn permille_is_floor_of_offset_times_1000_over_size(a in addr(), prefix in 0..=128u8) {
        let s = Subnet6::new(a, prefix).unwrap();
        let h = u32::from(s.host_bits());
        let offset = s.offset_of(a).unwrap();
        let got = u128::from(s.position(a).unwrap().permille());
        if h <= 118 {
            prop_assert_eq!(got, (offset * 1000) >> h);
        } else {
            // Bound it by the top 118 bits of the offset: q/2^118 <= offset/2^h < (q+1)/2^118.
            let q = offset >> (h - 118);
            prop_assert!((q * 1000) >> 118 <= got && got <= ((q + 1) * 1000) >> 118);
        }
    }

    #[test]
    fn overlap_is_containment_one_way_or_the_other(
        a in addr(), pa in 0..=128u8, flip in any::<u128>(), shift in 0..=128u32, pb in 0..=128u8,
    ) {
        // b often shares a's top bits, so overlaps happen.
        let b = Addr6::from_bits(a.to_bits() ^ flip.checked_shr(shift).unwrap_or(0));
        let (x, y) = (Subnet6::new(a, pa).unwrap(), Subnet6::new(b, pb).unwrap());
        prop_assert_eq!(x.overlaps(&y), y.overlaps(&x));
        prop_assert_eq!(x.overlaps(&y), x.contains_subnet(&y) || y.contains_subnet(&x));
        if x.contains_subnet(&y) {
            prop_assert!(x.contains(y.network()) && x.contains(y.last()));
        }
    }
}
