//! One quoting function per target language. Every free-text value a user
//! typed (interface name, connection name, Windows alias) reaches an artifact
//! only through one of these. The plan has already rejected control
//! characters; these functions are still total and safe for any string.

/// POSIX sh: a word that the shell reads back as exactly `s`.
/// Plain words stay bare; anything else is single-quoted, with `'` written `'\''`.
///
/// ```
/// use wizard::render::quote::sh;
/// assert_eq!(sh("eth0"), "eth0");
/// assert_eq!(sh("System eth0"), "'System eth0'");
/// assert_eq!(sh("it's"), r#"'it'\''s'"#);
/// assert_eq!(sh(""), "''");
/// ```
pub fn sh(s: &str) -> String {
    /// The bytes a word may hold unquoted: letters, digits, `@%+=:,./_-`.
    const SH_PLAIN: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = c.is_ascii_alphanumeric()
                || matches!(c, b'@' | b'%' | b'+' | b'=' | b':' | b',' | b'.' | b'/' | b'_' | b'-');
            b += 1;
        }
        t
    };
    let plain = !s.is_empty() && s.bytes().all(|b| SH_PLAIN[usize::from(b)]) && !s.starts_with('=');
    if plain {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// POSIX sh: text for inside a double-quoted string (`\`, `"`, `$` and
/// backquote escaped), for messages that also expand a variable.
///
/// ```
/// assert_eq!(wizard::render::quote::sh_dq("a\"$`\\b"), "a\\\"\\$\\`\\\\b");
/// ```
pub fn sh_dq(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '"' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An IPv4 address as a `sed` basic regular expression (dots escaped).
///
/// ```
/// assert_eq!(wizard::render::quote::sed_addr("10.0.0.5".parse().unwrap()), "10\\.0\\.0\\.5");
/// ```
pub fn sed_addr(addr: std::net::Ipv4Addr) -> String {
    crate::net::dotted(addr).replace('.', "\\.")
}

/// A literal line as a `sed` basic regular expression between `delim`
/// delimiters: the characters special in a BRE (`\ . * [ ] ^ $`) and the
/// delimiter escaped; braces stay as they are (`\{` would start an interval).
///
/// ```
/// use wizard::render::quote::sed_bre;
/// assert_eq!(sed_bre("A=\"${A:-} eth1\"", '|'), "A=\"\\${A:-} eth1\"");
/// assert_eq!(sed_bre("a|b.c", '|'), "a\\|b\\.c");
/// ```
pub fn sed_bre(line: &str, delim: char) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if "\\.*[]^$".contains(c) || c == delim {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A name as a part of a file name `run-parts` and `source-directory`
/// accept (letters, digits, `_` and `-`): every other character becomes `_`.
///
/// ```
/// assert_eq!(wizard::render::quote::file_part("eth0.100"), "eth0_100");
/// ```
pub fn file_part(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect()
}

/// An interface name inside a sysctl key, where `.` separates the levels:
/// a `.` of the name is written `/`.
///
/// ```
/// assert_eq!(wizard::render::quote::sysctl_if("eth0.100"), "eth0/100");
/// ```
pub fn sysctl_if(name: &str) -> String {
    name.replace('.', "/")
}

/// PowerShell: a single-quoted string literal (no expansion). PowerShell
/// also treats the typographic quotes U+2018, U+2019, U+201A, U+201B as single
/// quotes, so each of them is doubled too.
///
/// ```
/// use wizard::render::quote::pwsh;
/// assert_eq!(pwsh("Ethernet 2"), "'Ethernet 2'");
/// assert_eq!(pwsh("a'b"), "'a''b'");
/// assert_eq!(pwsh("$(x)"), "'$(x)'");
/// ```
pub fn pwsh(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// cmd.exe / netsh: a double-quoted argument. cmd has no escape for `"` inside
/// quotes and expands `%VAR%` even there, so those characters cannot be made
/// literal: `None` means the value cannot be passed safely (the renderer then
/// says to use PowerShell).
///
/// ```
/// use wizard::render::quote::cmd;
/// assert_eq!(cmd("Ethernet 2").as_deref(), Some("\"Ethernet 2\""));
/// assert_eq!(cmd("50%OFF%"), None);
/// ```
pub fn cmd(s: &str) -> Option<String> {
    if s.contains(['"', '%', '!']) || s.chars().any(char::is_control) {
        None
    } else {
        Some(format!("\"{s}\""))
    }
}

/// YAML: a double-quoted scalar that reads back as exactly `s`.
///
/// ```
/// use wizard::render::quote::yaml;
/// assert_eq!(yaml("eth0"), "\"eth0\"");
/// assert_eq!(yaml("a\"b\\c"), r#""a\"b\\c""#);
/// ```
pub fn yaml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}') => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// YAML: an interface id or name as a scalar, bare when plainly safe, else
/// [`yaml`]-quoted. A letter first: YAML 1.1 reads `017`, `0x0a`, `1_000`,
/// `1.0` and `2001-01-01` as numbers and dates, and `on`/`no` as booleans.
///
/// ```
/// use wizard::render::quote::yaml_word;
/// assert_eq!(yaml_word("eth0"), "eth0");
/// assert_eq!(yaml_word("on"), "\"on\"");
/// assert_eq!(yaml_word("a#b"), "\"a#b\"");
/// ```
pub fn yaml_word(s: &str) -> String {
    let plain = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        );
    if plain {
        s.to_owned()
    } else {
        yaml(s)
    }
}

/// PowerShell: an array literal of addresses, `@('a', 'b')`.
///
/// ```
/// let a = ["10.0.0.5".parse().unwrap(), "10.0.0.6".parse().unwrap()];
/// assert_eq!(wizard::render::quote::pwsh_list(&a), "@('10.0.0.5', '10.0.0.6')");
/// ```
pub fn pwsh_list(addrs: &[std::net::Ipv4Addr]) -> String {
    let items: Vec<String> = addrs.iter().map(|&a| pwsh(&crate::net::dotted(a))).collect();
    format!("@({})", items.join(", "))
}

/// A .NET regular expression (PowerShell `-match`) that matches exactly `s`.
///
/// ```
/// assert_eq!(wizard::render::quote::regex("2012 R2"), "2012 R2");
/// assert_eq!(wizard::render::quote::regex("a.b(c)"), "a\\.b\\(c\\)");
/// ```
pub fn regex(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.^$|?*+()[]{}#".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// cmd.exe `findstr /r`: an IPv4 address as a pattern (dots escaped).
///
/// ```
/// assert_eq!(wizard::render::quote::findstr_addr("10.0.0.5".parse().unwrap()), "10\\.0\\.0\\.5");
/// ```
pub fn findstr_addr(addr: std::net::Ipv4Addr) -> String {
    crate::net::dotted(addr).replace('.', "\\.")
}

/// HCL (Terraform): a quoted string that reads back as exactly `s`: `\` and
/// `"` escaped, controls escaped, and `${` / `%{` kept literal (`$${`, `%%{`).
///
/// ```
/// use wizard::render::quote::hcl;
/// assert_eq!(hcl("cn-hangzhou"), "\"cn-hangzhou\"");
/// assert_eq!(hcl("a\"b\\c"), "\"a\\\"b\\\\c\"");
/// assert_eq!(hcl("${x}%{y}"), "\"$${x}%%{y}\"");
/// assert_eq!(hcl("$x%"), "\"$x%\"");
/// ```
pub fn hcl(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    // Printable ASCII without `"`, `\\`, `$` or `%` (a Base64 payload, a
    // name): copied whole, not character by character.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b) && !matches!(b, b'"' | b'\\' | b'$' | b'%')) {
        out.push_str(s);
        out.push('"');
        return out;
    }
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// HCL: a list of addresses as strings.
///
/// ```
/// let a: [std::net::Ipv4Addr; 2] = ["10.0.0.5".parse().unwrap(), "10.0.0.6".parse().unwrap()];
/// assert_eq!(wizard::render::quote::hcl_list(&a), "[\"10.0.0.5\", \"10.0.0.6\"]");
/// assert_eq!(wizard::render::quote::hcl_list::<std::net::Ipv4Addr>(&[]), "[]");
/// ```
pub fn hcl_list<T: crate::net::Shown>(addrs: &[T]) -> String {
    let items: Vec<String> = addrs.iter().map(|a| hcl(&a.shown().to_string())).collect();
    format!("[{}]", items.join(", "))
}

/// NetworkManager keyfile (GKeyFile) value: `\` escaped, leading and trailing
/// spaces kept with `\s`, control characters as `\n`, `\t`, `\r`.
///
/// ```
/// use wizard::render::quote::keyfile;
/// assert_eq!(keyfile("System eth0"), "System eth0");
/// assert_eq!(keyfile(" a\\b "), "\\sa\\\\b\\s");
/// ```
pub fn keyfile(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let last = s.chars().count().saturating_sub(1);
    for (i, c) in s.chars().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ' ' if i == 0 || i == last => out.push_str("\\s"),
            c => out.push(c),
        }
    }
    out
}

/// A keyfile's file name for a connection name: NetworkManager's own rule
/// replaces `/` and leading dots; the wizard also keeps the name to safe bytes.
///
/// ```
/// assert_eq!(wizard::render::quote::keyfile_name("System eth0"), "System eth0.nmconnection");
/// assert_eq!(wizard::render::quote::keyfile_name("a/b"), "a_b.nmconnection");
/// ```
pub fn keyfile_name(connection: &str) -> String {
    let mut name: String = connection
        .chars()
        .map(|c| if c == '/' || c == '\\' || c.is_control() { '_' } else { c })
        .collect();
    if name.starts_with('.') {
        name.replace_range(0..1, "_");
    }
    if name.is_empty() {
        name.push('_');
    }
    format!("{name}.nmconnection")
}

#[cfg(test)]
mod tests {
    #[test]
    fn hcl_copies_plain_ascii_whole_and_escapes_the_rest() {
        // The whole-copy path: printable ASCII with none of `"\\$%`.
        assert_eq!(hcl("QUJD+/=09 .-_~#!"), "\"QUJD+/=09 .-_~#!\"");
        // DEL and non-ASCII take the character path.
        assert_eq!(hcl("a\u{7f}b"), "\"a\\u007fb\"");
        assert_eq!(hcl("é\u{85}"), "\"é\\u0085\"");
        assert_eq!(hcl("%"), "\"%\"");
    }
    use super::*;

    /// Strings that have broken quoting functions elsewhere.
    const HOSTILE: &[&str] = &[
        "",
        " ",
        "'",
        "\"",
        "''",
        "\\",
        "`id`",
        "$(id)",
        "${HOME}",
        "$HOME",
        "a;b",
        "a&&b",
        "a|b",
        "a\nb",
        "a\rb",
        "ü ñ 中文",
        "-n",
        "--",
        "*",
        "~",
        "#x",
        "a b  c",
        "\u{2019}",
        "%PATH%",
        "^",
        "!x",
        "@()",
        "--%",
        "&anchor",
        "!!tag",
        "{}",
        "[]",
        ": ",
        "a: b",
        "- x",
        "? x",
        "|",
        ">",
        "\u{202e}evil",
        "\0",
    ];

    #[test]
    fn sh_quotes_never_leave_a_bare_special() {
        for s in HOSTILE {
            let q = sh(s);
            if q.starts_with('\'') {
                assert!(q.ends_with('\''), "{s:?} -> {q}");
                // Inside single quotes only `'` is special; every `'` in the body
                // must be the `'\''` sequence.
                let body = &q[1..q.len() - 1];
                assert_eq!(body.replace(r"'\''", ""), s.replace('\'', ""), "{s:?}");
            } else {
                assert_eq!(&q, s);
                assert!(s.bytes().all(|b| b.is_ascii_alphanumeric() || b"@%+=:,./_-".contains(&b)));
            }
        }
    }

    #[test]
    fn pwsh_doubles_every_single_quote_kind() {
        for s in HOSTILE {
            let q = pwsh(s);
            let body = &q[1..q.len() - 1];
            let mut chars = body.chars().peekable();
            while let Some(c) = chars.next() {
                if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
                    assert_eq!(chars.next(), Some(c), "{s:?} -> {q}");
                }
            }
        }
    }

    #[test]
    fn cmd_refuses_what_it_cannot_quote() {
        for s in HOSTILE {
            match cmd(s) {
                Some(q) => assert_eq!(q, format!("\"{s}\"")),
                None => assert!(s.contains(['"', '%', '!']) || s.chars().any(char::is_control)),
            }
        }
    }

    #[test]
    fn yaml_escapes_quotes_backslashes_and_controls() {
        for s in HOSTILE {
            let q = yaml(s);
            assert!(!q[1..q.len() - 1].contains(|c: char| c.is_control()), "{s:?}");
        }
        assert_eq!(yaml("a\nb"), "\"a\\nb\"");
    }

    #[test]
    fn hcl_never_leaves_a_bare_quote_or_template() {
        for s in HOSTILE {
            let q = hcl(s);
            let body = &q[1..q.len() - 1];
            assert!(!body.contains(|c: char| c.is_control()), "{s:?}");
            // Every `"` is escaped, every `${`/`%{` doubled.
            let mut prev = ' ';
            let mut escaped = false;
            for c in body.chars() {
                if c == '"' {
                    assert!(escaped, "{s:?} -> {q}");
                }
                escaped = c == '\\' && !escaped;
                if c == '{' && matches!(prev, '$' | '%') {
                    assert!(body.contains("$${") || body.contains("%%{"), "{s:?} -> {q}");
                }
                prev = c;
            }
        }
    }

    #[test]
    fn regex_escapes_every_metacharacter() {
        for s in HOSTILE {
            let r = regex(s);
            let mut chars = r.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    assert!(chars.next().is_some(), "{s:?}");
                } else {
                    assert!(!"\\.^$|?*+()[]{}#".contains(c), "{s:?} -> {r}");
                }
            }
        }
    }

    #[test]
    fn keyfile_has_no_raw_newline() {
        for s in HOSTILE {
            assert!(!keyfile(s).contains('\n'), "{s:?}");
        }
    }
}
