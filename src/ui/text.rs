//! Wording for people: core messages are lowercase fragments without a
//! period; the page shows them as sentences.

use crate::plan::{Field, Problem};

/// A core message as a sentence: first letter capitalised, a final period.
///
/// ```
/// assert_eq!(wizard::ui::text::sentence("add at least one secondary ip"), "Add at least one secondary ip.");
/// assert_eq!(wizard::ui::text::sentence("done."), "Done.");
/// ```
pub fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let mut out = String::with_capacity(message.len() + 1);
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// A problem's message as a sentence, with names spelled as people write
/// them ("vswitch" → "vSwitch"), but never inside a quoted value.
pub fn problem_sentence(problem: &Problem) -> String {
    sentence(&proper_names(&problem.message()))
}

/// Names the core writes in lower case, as the page shows them.
const NAMES: &[(&str, &str)] = &[
    ("alibaba", "Alibaba"),
    ("vswitch", "vSwitch"),
    ("vswitches", "vSwitches"),
    ("eni", "ENI"),
    ("enis", "ENIs"),
    ("ip", "IP"),
    ("ips", "IPs"),
    ("ipv4", "IPv4"),
    ("ipv6", "IPv6"),
    ("dns", "DNS"),
    ("mac", "MAC"),
    ("cidr", "CIDR"),
    ("id", "ID"),
    ("windows", "Windows"),
    ("linux", "Linux"),
    ("inuse", "InUse"),
];

/// Replaces the words of [`NAMES`] outside `'quoted'` and `` `code` `` parts.
///
/// ```
/// assert_eq!(
///     wizard::ui::text::proper_names("'eni-x' is not an eni id: alibaba vswitch"),
///     "'eni-x' is not an ENI ID: Alibaba vSwitch"
/// );
/// assert_eq!(wizard::ui::text::proper_names("can't use `ip a` here"), "can't use `ip a` here");
/// ```
pub fn proper_names(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 8);
    let mut quote: Option<char> = None;
    let mut word = String::new();
    let mut prev = ' ';
    let flush = |word: &mut String, out: &mut String, quoted: bool| {
        let name = if quoted { None } else { NAMES.iter().find(|(w, _)| *w == word) };
        out.push_str(name.map_or(word.as_str(), |(_, n)| n));
        word.clear();
    };
    for c in message.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out, quote.is_some());
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (None, '`') => quote = Some('`'),
                // An apostrophe inside a word ("can't") is not a quote.
                (None, '\'') if !prev.is_ascii_alphanumeric() => quote = Some('\''),
                _ => {}
            }
            out.push(c);
        }
        prev = c;
    }
    flush(&mut word, &mut out, quote.is_some());
    out
}

/// The DOM id of a field's input (`f-gw`, `f-sec-2`).
pub fn input_id(field: Field) -> String {
    match field {
        Field::Secondary(i) => format!("f-sec-{i}"),
        f => format!("f-{}", f.param()),
    }
}

/// The DOM id of the box holding a field's messages (`m-gw`, `m-sec-2`).
pub fn messages_id(field: Field) -> String {
    match field {
        Field::Secondary(i) => format!("m-sec-{i}"),
        f => format!("m-{}", f.param()),
    }
}

/// A field's name as the form labels it ("vSwitch CIDR", "Secondary IP 2").
pub fn field_name(field: Field) -> String {
    let name = match field {
        Field::Cloud => "Cloud",
        Field::Os => "Operating system",
        Field::Mode => "Mode",
        Field::Style => "Style",
        Field::EniKind => "Which ENI",
        Field::EniState => "ENI state",
        Field::InstanceType => "Instance type",
        Field::Limit => "Private IPs per ENI",
        Field::Interface => "Linux interface name",
        Field::WindowsAlias => "Windows interface alias",
        Field::Connection => "NetworkManager connection name",
        Field::Mac => "MAC address",
        Field::Cidr => "vSwitch CIDR",
        Field::Gateway => "Gateway",
        Field::Primary => "Primary IP",
        Field::Secondaries => "Secondary IPs",
        Field::Secondary(i) => return format!("Secondary IP {}", i + 1),
        Field::Dns => "DNS servers",
        Field::Region => "Region ID",
        Field::EniId => "ENI ID",
    };
    name.to_owned()
}
