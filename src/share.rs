//! The form as a URL query, so a link reproduces it (and storage keeps it).
//!
//! One short, stable parameter per field ([`Field::param`]); the secondaries
//! travel as one comma-separated `sec`. Values equal to the default are left
//! out, so links stay short. Reading never drops a value: a bad value is kept
//! in the form, where [`crate::plan::validate()`] reports it against its field,
//! and an unknown parameter name is returned in [`Shared::unknown`].
//!
//! Three parameters belong to the page, not the form ([`Page`]): `method`
//! (the method tab shown, left out when it is the OS's first), `lang` (the
//! language, always in a link the page writes) and `embed=1`.

use crate::catalog::{Method, Os};
use crate::plan::form::split_list;
use crate::plan::{Field, Form};
use crate::wording::Locale;

/// Query parameters that belong to the page, not the form (the doctor's
/// findings, `d.…`, are not the form's either: [`crate::doctor`] reads them).
pub const PAGE_PARAMS: &[&str] = &["method", "lang", "embed"];

/// What a link says about the page itself: the method tab, the language
/// and the embedded layout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The method tab to show (`None`: the OS's first).
    pub method: Option<Method>,
    /// The language the link asks for (`None`: no `lang`, or one the
    /// wizard does not speak).
    pub lang: Option<Locale>,
    /// The embedded layout (`embed=1`).
    pub embed: bool,
}

/// The page parameters of a query; a `method` that names no method is
/// ignored, a `lang` is read as a language tag ([`Locale::from_tag`]).
///
/// ```
/// use wizard::catalog::Method;
/// use wizard::share::page;
/// use wizard::wording::Locale;
/// let p = page("?os=centos7&method=ifcfg&lang=zh-CN&embed=1");
/// assert_eq!((p.method, p.lang, p.embed), (Some(Method::Ifcfg), Some(Locale::Zh), true));
/// assert_eq!(page("method=nonsense&lang=fr"), Default::default());
/// ```
pub fn page(query: &str) -> Page {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut out = Page::default();
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode(value);
        match decode(key).as_str() {
            "method" => out.method = value.parse().ok(),
            "lang" => out.lang = Locale::from_tag(&value),
            "embed" => out.embed = value == "1" || value == "true",
            _ => {}
        }
    }
    out
}

/// The whole link query the page writes: the form ([`to_query`]), then
/// `method` unless it is the first of the form's OS (or not one of its
/// methods), `lang`, and `embed=1` in the embedded layout.
///
/// ```
/// use wizard::catalog::Method;
/// use wizard::plan::Form;
/// use wizard::share::{link_query, Page};
/// use wizard::wording::Locale;
/// let form = Form { os: "centos7".into(), ..Form::default() };
/// let page = |method| Page { method, lang: Some(Locale::Zh), embed: false };
/// // CentOS 7's first method is the alias files: no `method` for it.
/// assert_eq!(link_query(&form, &page(Some(Method::IfcfgAlias))), "os=centos7&lang=zh");
/// assert_eq!(link_query(&form, &page(Some(Method::Ifcfg))), "os=centos7&method=ifcfg&lang=zh");
/// // netplan is not a CentOS method.
/// assert_eq!(link_query(&form, &page(Some(Method::Netplan))), "os=centos7&lang=zh");
/// ```
pub fn link_query(form: &Form, page: &Page) -> String {
    let mut parts = Vec::new();
    let fields = to_query(form);
    if !fields.is_empty() {
        parts.push(fields);
    }
    let methods = form.os.parse::<Os>().map(Os::methods).unwrap_or_default();
    if let Some(m) = page.method.filter(|m| methods.contains(m) && methods.first() != Some(m)) {
        parts.push(format!("method={m}"));
    }
    if let Some(lang) = page.lang {
        parts.push(format!("lang={lang}"));
    }
    if page.embed {
        parts.push("embed=1".to_owned());
    }
    parts.join("&")
}

/// A form read from a query or a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shared {
    /// The form: defaults, overridden by every parameter given.
    pub form: Form,
    /// Parameter names that are neither a field nor a page parameter.
    pub unknown: Vec<String>,
}

/// The text value of `field` in `form` (secondaries joined with commas).
pub fn field_value(form: &Form, field: Field) -> String {
    match form.text(field) {
        Some(text) => text.to_owned(),
        None => {
            form.secondaries.iter().flat_map(|row| split_list(row)).collect::<Vec<_>>().join(",")
        }
    }
}

/// Sets `field` from a parameter value; `sec` appends rows.
fn set_field(form: &mut Form, field: Field, value: &str, first_sec: &mut bool) {
    if let Some(slot) = form.text_mut(field) {
        *slot = value.to_owned();
        return;
    }
    if *first_sec {
        form.secondaries.clear();
        *first_sec = false;
    }
    // A value that splits into nothing still keeps one (empty) row.
    let items = split_list(value);
    if items.is_empty() {
        form.secondaries.push(value.to_owned());
    } else {
        form.secondaries.extend(items.into_iter().map(str::to_owned));
    }
}

fn field_of(param: &str) -> Option<Field> {
    Field::ALL.iter().copied().find(|f| f.param() == param)
}

/// The form as a URL query (without `?`): every field that differs from the
/// default, in [`Field::ALL`] order.
///
/// ```
/// use wizard::{plan::Form, share::{from_query, to_query}};
/// let form = Form::guide_example();
/// let q = to_query(&form);
/// assert_eq!(q, "cidr=192.168.1.0/24&gw=192.168.1.253&ip=192.168.1.201&sec=192.168.1.202,192.168.1.203");
/// assert_eq!(from_query(&q).form, form);
/// ```
pub fn to_query(form: &Form) -> String {
    let default = Form::default();
    let mut out = String::new();
    for &field in Field::ALL {
        let value = field_value(form, field);
        if value == field_value(&default, field) {
            continue;
        }
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(field.param());
        out.push('=');
        out.push_str(&encode(&value));
    }
    out
}

/// Reads a URL query (with or without the leading `?`). Later values of a
/// parameter win, except `sec`, whose values are all kept.
///
/// ```
/// let s = wizard::share::from_query("?os=win2022&alias=Ethernet%202&sec=10.0.0.5,10.0.0.6&zz=1");
/// assert_eq!(s.form.windows_alias, "Ethernet 2");
/// assert_eq!(s.form.secondaries, ["10.0.0.5", "10.0.0.6"]);
/// assert_eq!(s.unknown, ["zz"]);
/// ```
pub fn from_query(query: &str) -> Shared {
    read_pairs(pairs(query))
}

/// The decoded `(name, value)` pairs of a URL query (with or without the
/// leading `?`), in order; a pair without `=` has an empty value.
///
/// ```
/// let p: Vec<_> = wizard::share::pairs("?a=1&b&c=x%20y").collect();
/// assert_eq!(p, [("a".into(), "1".into()), ("b".into(), "".into()), ("c".into(), "x y".into())]);
/// ```
pub fn pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    let query = query.strip_prefix('?').unwrap_or(query);
    query.split('&').filter(|p| !p.is_empty()).map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(k), decode(v))
    })
}

/// Reads the readable `param=value` lines of a golden scenario's `form.txt`:
/// no percent-encoding, blank lines and `#` comments ignored, `sec` may repeat.
///
/// ```
/// let s = wizard::share::from_lines("# the guide\ncidr=192.168.1.0/24\nsec=192.168.1.202\nsec=192.168.1.203\n");
/// assert_eq!(s.form.cidr, "192.168.1.0/24");
/// assert_eq!(s.form.secondaries.len(), 2);
/// ```
pub fn from_lines(text: &str) -> Shared {
    let pairs = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| {
            let (k, v) = l.split_once('=').unwrap_or((l, ""));
            (k.trim().to_owned(), v.to_owned())
        });
    read_pairs(pairs)
}

fn read_pairs(pairs: impl Iterator<Item = (String, String)>) -> Shared {
    let mut shared = Shared::default();
    let mut first_sec = true;
    for (key, value) in pairs {
        match field_of(&key) {
            Some(field) => set_field(&mut shared.form, field, &value, &mut first_sec),
            None if PAGE_PARAMS.contains(&key.as_str()) || crate::doctor::is_param(&key) => {}
            None => {
                if !shared.unknown.contains(&key) {
                    shared.unknown.push(key);
                }
            }
        }
    }
    shared
}

/// Whether the query asks for the embedded layout (`embed=1`).
pub fn is_embed(query: &str) -> bool {
    page(query).embed
}

/// Percent-encodes a query value: unreserved characters and `,/:` stay.
///
/// ```
/// assert_eq!(wizard::share::encode("System eth0&x=1"), "System%20eth0%26x%3D1");
/// ```
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~,/:".contains(&b) {
            out.push(b as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// Percent-decodes a query value (`+` is a space); a malformed `%` escape is
/// kept as typed; invalid UTF-8 becomes U+FFFD.
///
/// ```
/// assert_eq!(wizard::share::decode("a%20b+c%zz"), "a b c%zz");
/// ```
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| {
                    std::str::from_utf8(h).ok().and_then(|h| u8::from_str_radix(h, 16).ok())
                });
                match hex {
                    Some(b)
                        if bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit() =>
                    {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn default_form_is_the_empty_query() {
        assert_eq!(to_query(&Form::default()), "");
        assert_eq!(from_query("").form, Form::default());
    }

    #[test]
    fn bad_values_are_kept_not_dropped() {
        let s = from_query("os=beos&ip=1.2.3&state=maybe");
        assert_eq!(s.form.os, "beos");
        assert_eq!(s.form.primary, "1.2.3");
        assert_eq!(s.form.eni_state, "maybe");
        assert!(s.unknown.is_empty());
    }

    #[test]
    fn emptied_defaults_survive_a_round_trip() {
        let form = Form { interface: String::new(), ..Form::default() };
        assert_eq!(to_query(&form), "if=");
        assert_eq!(from_query("if=").form, form);
    }

    #[test]
    fn page_params_are_not_unknown() {
        assert!(from_query("embed=1&lang=zh&method=nmcli").unknown.is_empty());
        assert!(is_embed("?cidr=x&embed=1"));
        assert!(!is_embed("embed=0"));
    }

    #[test]
    fn page_params_read_back() {
        use crate::wording::Locale::{En, Zh};
        let cases: [(&str, Page); 9] = [
            ("", Page::default()),
            ("lang=zh", Page { lang: Some(Zh), ..Page::default() }),
            ("lang=zh-TW", Page { lang: Some(Zh), ..Page::default() }),
            ("lang=en-US&lang=zh", Page { lang: Some(Zh), ..Page::default() }),
            ("lang=de", Page::default()),
            ("lang=en&embed=true", Page { lang: Some(En), embed: true, ..Page::default() }),
            ("method=ifcfg-alias", Page { method: Some(Method::IfcfgAlias), ..Page::default() }),
            ("method=NMCLI", Page::default()),
            ("method=netsh%20", Page::default()),
        ];
        for (query, want) in cases {
            assert_eq!(page(query), want, "{query:?}");
        }
    }

    #[test]
    fn the_link_carries_the_page_and_reads_back() {
        use crate::wording::Locale::{En, Zh};
        let form = Form { os: "rhel8".into(), ..Form::guide_example() };
        for method in [None, Some(Method::Nmcli), Some(Method::Ifcfg), Some(Method::Runtime)] {
            for lang in [En, Zh] {
                for embed in [false, true] {
                    let wrote = Page { method, lang: Some(lang), embed };
                    let q = link_query(&form, &wrote);
                    assert_eq!(from_query(&q).form, form, "{q}");
                    assert!(from_query(&q).unknown.is_empty(), "{q}");
                    let read = page(&q);
                    // The OS's first method is left out: it reads back as none.
                    let method = method.filter(|&m| m != Method::Nmcli);
                    assert_eq!(read, Page { method, ..wrote }, "{q}");
                }
            }
        }
        // A form that is all defaults still names the language.
        assert_eq!(
            link_query(&Form::default(), &Page { lang: Some(Zh), ..Page::default() }),
            "lang=zh"
        );
        // An OS that does not parse keeps no method.
        let bad = Form { os: "beos".into(), ..Form::default() };
        let q = link_query(&bad, &Page { method: Some(Method::Nmcli), ..Page::default() });
        assert_eq!(q, "os=beos");
    }

    #[test]
    fn hostile_text_round_trips() {
        let form = Form {
            connection: "it's \"$(x)\" ; eth0 & more=1 # ü 中".into(),
            windows_alias: "Ethernet 2%20".into(),
            ..Form::default()
        };
        assert_eq!(from_query(&to_query(&form)).form, form);
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[ -~üé中\u{202e}]{0,12}").unwrap()
    }

    proptest! {
        #[test]
        fn any_form_round_trips(conn in text(), alias in text(), cidr in text(), ip in text(),
                                secs in proptest::collection::vec("[0-9.]{1,15}", 1..5)) {
            let form = Form { connection: conn, windows_alias: alias, cidr, primary: ip,
                              secondaries: secs, ..Form::default() };
            prop_assert_eq!(from_query(&to_query(&form)).form, form);
        }

        #[test]
        fn any_query_reads_without_panic(q in "\\PC{0,64}") {
            let _ = from_query(&q);
            let _ = from_lines(&q);
            let _ = decode(&q);
        }
    }
}
