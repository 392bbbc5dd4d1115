//! A sentence as the page sets it: words, `code` (what the reader types,
//! between backticks in the wording) and addresses (IPv4 addresses with or
//! without a prefix, MAC addresses). The page shows code and addresses in
//! monospace and never breaks a line inside an address, in any language.

/// A piece of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span<'a> {
    /// Plain words.
    Text(&'a str),
    /// An IPv4 address (`192.168.1.202`, `192.168.1.0/24`) or a MAC address.
    Addr(&'a str),
    /// What was between backticks, without them: only `Text` and `Addr` inside.
    Code(Vec<Span<'a>>),
}

/// The pieces of `text`: backtick spans become [`Span::Code`], addresses
/// [`Span::Addr`]; an unpaired backtick stays text.
///
/// ```
/// use wizard::wording::spans::{spans, Span::*};
/// assert_eq!(
///     spans("Run `ip -4 addr show dev eth0`: 10.0.0.5/24 is there."),
///     [
///         Text("Run "),
///         Code(vec![Text("ip -4 addr show dev eth0")]),
///         Text(": "),
///         Addr("10.0.0.5/24"),
///         Text(" is there."),
///     ]
/// );
/// ```
pub fn spans(text: &str) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else { break };
        addresses(&rest[..open], &mut out);
        let mut inner = Vec::new();
        addresses(&rest[open + 1..open + 1 + len], &mut inner);
        out.push(Span::Code(inner));
        rest = &rest[open + 1 + len + 1..];
    }
    addresses(rest, &mut out);
    out
}

/// Splits `text` into [`Span::Text`] and [`Span::Addr`], appended to `out`.
fn addresses<'a>(text: &'a str, out: &mut Vec<Span<'a>>) {
    let b = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let boundary =
            i == 0 || !(b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'.' | b':'));
        let found = if boundary { ipv4_at(b, i).or_else(|| mac_at(b, i)) } else { None };
        match found {
            Some(end) => {
                if start < i {
                    out.push(Span::Text(&text[start..i]));
                }
                out.push(Span::Addr(&text[i..end]));
                (start, i) = (end, end);
            }
            None => i += 1,
        }
    }
    if start < b.len() {
        out.push(Span::Text(&text[start..]));
    }
}

/// Whether the token that ends at `end` is over: no letter, digit or
/// address punctuation goes on (a sentence's final `.` may).
fn ends_at(b: &[u8], end: usize) -> bool {
    match b.get(end) {
        None => true,
        Some(c) if c.is_ascii_alphanumeric() || *c == b'_' => false,
        Some(b'.' | b':' | b'/') => !b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric),
        Some(_) => true,
    }
}

/// The end of a dotted-quad IPv4 address (with an optional `/prefix`) at `i`.
fn ipv4_at(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    for part in 0..4 {
        if part > 0 {
            (b.get(j) == Some(&b'.')).then_some(())?;
            j += 1;
        }
        let digits = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 3 {
            return None;
        }
        let value: u32 = std::str::from_utf8(&b[j..j + digits]).ok()?.parse().ok()?;
        if value > 255 {
            return None;
        }
        j += digits;
    }
    if b.get(j) == Some(&b'/') {
        let digits = b[j + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=2).contains(&digits) {
            j += 1 + digits;
        }
    }
    ends_at(b, j).then_some(j)
}

/// The end of a MAC address (six hex pairs joined by `:`) at `i`.
fn mac_at(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    for part in 0..6 {
        if part > 0 {
            (b.get(j) == Some(&b':')).then_some(())?;
            j += 1;
        }
        let pair = b.get(j..j + 2)?;
        pair.iter().all(u8::is_ascii_hexdigit).then_some(())?;
        j += 2;
    }
    ends_at(b, j).then_some(j)
}

#[cfg(test)]
mod tests {
    use super::Span::{Addr, Code, Text};
    use super::*;

    #[test]
    fn addresses_code_and_words() {
        let cases: Vec<(&str, Vec<Span>)> = vec![
            ("", vec![]),
            ("no address", vec![Text("no address")]),
            ("192.168.1.202", vec![Addr("192.168.1.202")]),
            (
                "10.0.0.5 不在交换机网段 192.168.1.0/24 内。",
                vec![
                    Addr("10.0.0.5"),
                    Text(" 不在交换机网段 "),
                    Addr("192.168.1.0/24"),
                    Text(" 内。"),
                ],
            ),
            ("the end: 10.0.0.5.", vec![Text("the end: "), Addr("10.0.0.5"), Text(".")]),
            ("(10.0.0.5)", vec![Text("("), Addr("10.0.0.5"), Text(")")]),
            ("10.0.0.5,10.0.0.6", vec![Addr("10.0.0.5"), Text(","), Addr("10.0.0.6")]),
            (
                "100.100.2.136 和 100.100.2.138",
                vec![Addr("100.100.2.136"), Text(" 和 "), Addr("100.100.2.138")],
            ),
            ("mac 00:16:3e:12:34:56.", vec![Text("mac "), Addr("00:16:3e:12:34:56"), Text(".")]),
            // Not addresses: too few parts, too large, inside a longer token, versions.
            ("1.42 and 2014-05-26", vec![Text("1.42 and 2014-05-26")]),
            ("256.1.1.1", vec![Text("256.1.1.1")]),
            ("1.2.3.4.5", vec![Text("1.2.3.4.5")]),
            ("v1.2.3.4", vec![Text("v1.2.3.4")]),
            ("1.2.3.4a", vec![Text("1.2.3.4a")]),
            ("IP/24 and /24", vec![Text("IP/24 and /24")]),
            ("1.2.3.4/123", vec![Text("1.2.3.4/123")]),
            ("00:16:3e:12:34", vec![Text("00:16:3e:12:34")]),
            ("`ip a`", vec![Code(vec![Text("ip a")])]),
            (
                "via `ip route get 10.0.0.1` now",
                vec![
                    Text("via "),
                    Code(vec![Text("ip route get "), Addr("10.0.0.1")]),
                    Text(" now"),
                ],
            ),
            ("a ` lone backtick", vec![Text("a ` lone backtick")]),
            ("``", vec![Code(vec![])]),
            ("`a` `b", vec![Code(vec![Text("a")]), Text(" `b")]),
        ];
        for (text, want) in cases {
            assert_eq!(spans(text), want, "{text:?}");
        }
    }

    #[test]
    fn the_pieces_give_back_the_text_without_backticks() {
        fn flat(s: &[Span]) -> String {
            s.iter()
                .map(|p| match p {
                    Text(t) | Addr(t) => (*t).to_owned(),
                    Code(inner) => flat(inner),
                })
                .collect()
        }
        for text in ["a `b 1.2.3.4` c 5.6.7.8/9 d", "中文 `x` 10.0.0.1。", "`unclosed 1.1.1.1"] {
            let paired = text.matches('`').count() / 2 * 2;
            let mut without = text.to_owned();
            for _ in 0..paired {
                without = without.replacen('`', "", 1);
            }
            assert_eq!(flat(&spans(text)), without, "{text:?}");
        }
    }
}
