//! Lines and tokens: how pasted text becomes numbered, cleaned lines, what a
//! command line (with its prompt) looks like, and the strict value parsers
//! every reader shares.

use std::borrow::Cow;
use std::net::Ipv4Addr;

use super::findings::{Lines, Origin};
use super::{Tool, MAX_BYTES, MAX_LINES, MAX_LINE_BYTES};
use crate::net::{mask_to_prefix, parse_ipv4, parse_prefix};
use crate::plan::Mac;

/// One line of the paste, cleaned.
#[derive(Clone, Debug)]
pub(crate) struct Line<'a> {
    /// 1-based line number in the pasted text.
    pub no: u32,
    /// The last physical line: `no` unless a terminal wrapped the line and
    /// its tail was joined back from the lines below.
    pub last: u32,
    /// The text without ANSI sequences, control characters, a BOM or
    /// zero-width characters, and without trailing whitespace.
    pub text: Cow<'a, str>,
    /// How many characters the (last physical) line has, trailing
    /// whitespace cut: a terminal wraps lines at its width (and some pad
    /// every line with spaces, which do not count).
    pub width: usize,
    /// Whether trailing whitespace was cut from the (last physical) line.
    pub cut_space: bool,
}

impl Line<'_> {
    /// The physical lines this line spans.
    pub fn span(&self) -> Lines {
        Lines { first: self.no, last: self.last }
    }

    /// What `tool` read on this line came from.
    pub fn origin(&self, tool: Tool) -> Origin {
        Origin { tool, lines: self.span() }
    }

    /// Whether the line starts with whitespace.
    pub fn indented(&self) -> bool {
        self.text.starts_with(char::is_whitespace)
    }

    /// Whether nothing but whitespace is left.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// The raw lines of `text`: split at `\r\n`, `\r` or `\n` (a browser's
/// textarea counts lines the same way), at most [`MAX_LINES`] lines and
/// [`MAX_BYTES`] bytes. The flag says whether anything was left out.
pub(crate) fn raw_lines(text: &str) -> (Vec<&str>, bool) {
    let mut out = Vec::new();
    let mut rest = text;
    let mut used = 0usize;
    while !rest.is_empty() {
        if out.len() >= MAX_LINES as usize {
            return (out, true);
        }
        let (line, next) = match rest.bytes().position(|b| b == b'\r' || b == b'\n') {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], &rest[i + skip..])
            }
            None => (rest, ""),
        };
        used += rest.len() - next.len();
        if used > MAX_BYTES {
            return (out, true);
        }
        out.push(line);
        rest = next;
    }
    (out, false)
}

/// The cleaned lines of `text` (see [`Line`]), and whether the bound cut it.
pub(crate) fn lines(text: &str) -> (Vec<Line<'_>>, bool) {
    let (raw, truncated) = raw_lines(text);
    let lines = raw
        .into_iter()
        .enumerate()
        .map(|(i, raw)| {
            let cut = cut_at(raw, MAX_LINE_BYTES);
            let cleaned = clean(cut);
            let before = cleaned.len();
            let text = match cleaned {
                Cow::Borrowed(s) => Cow::Borrowed(s.trim_end()),
                Cow::Owned(s) => Cow::Owned(s.trim_end().to_owned()),
            };
            let cut_space = text.len() < before;
            let width = text.chars().count();
            Line { no: i as u32 + 1, last: i as u32 + 1, text, width, cut_space }
        })
        .collect();
    (lines, truncated)
}

/// `s` cut to at most `max` bytes, at a character boundary.
fn cut_at(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Whether `c` is dropped from a line: control characters other than tab,
/// the BOM and zero-width characters.
fn dropped(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}')
}

/// `s` without ANSI escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL`
/// or `ESC \`, two-character escapes, the one-byte CSI U+009B) and without
/// the characters [`dropped`] names. Borrowed when there is nothing to drop.
pub(crate) fn clean(s: &str) -> Cow<'_, str> {
    // Most lines are printable ASCII: nothing to drop.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b) || b == b'\t') || !s.chars().any(dropped) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\u{1b}' => match it.next() {
                Some('[') => skip_csi(&mut it),
                Some(']') => {
                    // OSC: up to BEL or ESC \.
                    while let Some(d) = it.next() {
                        if d == '\u{7}' || (d == '\u{1b}' && it.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut it),
            c if dropped(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn skip_csi(it: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    // Parameters and intermediates (0x20-0x3F), then one final byte (0x40-0x7E).
    while let Some(&d) = it.peek() {
        it.next();
        if ('\u{40}'..='\u{7e}').contains(&d) || !('\u{20}'..='\u{3f}').contains(&d) {
            break;
        }
    }
}

/// A command the user typed, seen on its own line (after any prompt).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Command {
    /// The tool whose output is expected next, when the command says.
    pub hint: Option<Tool>,
}

/// Unix and Windows commands whose line starts a new block, with the tool
/// they print (when the first word alone says).
const COMMANDS: &[(&str, Option<Tool>)] = &[
    ("ip", None),
    ("/sbin/ip", None),
    ("/usr/sbin/ip", None),
    ("/bin/ip", None),
    ("route", Some(Tool::RouteN)),
    ("/sbin/route", Some(Tool::RouteN)),
    ("netstat", Some(Tool::NetstatRn)),
    ("nmcli", None),
    ("networkctl", Some(Tool::Networkctl)),
    ("cat", None),
    ("less", None),
    ("more", None),
    ("type", None),
    ("ifconfig", None),
    ("hostnamectl", None),
    ("resolvectl", None),
    ("ipconfig", Some(Tool::Ipconfig)),
    ("ipconfig.exe", Some(Tool::Ipconfig)),
    ("get-netipaddress", Some(Tool::GetNetIPAddress)),
    ("get-netipconfiguration", Some(Tool::GetNetIPConfiguration)),
    ("gip", Some(Tool::GetNetIPConfiguration)),
    ("get-netadapter", Some(Tool::GetNetAdapter)),
    ("get-netroute", None),
    ("get-ciminstance", Some(Tool::WindowsCaption)),
    ("get-wmiobject", Some(Tool::WindowsCaption)),
    ("gwmi", Some(Tool::WindowsCaption)),
    ("get-computerinfo", Some(Tool::WindowsCaption)),
    ("systeminfo", Some(Tool::WindowsCaption)),
    ("route.exe", None),
];

/// The command on `line`, if it is one: a known command word at the start
/// of the line or right after a prompt (`$ `, `# `, `[root@host ~]# `,
/// `user@host:~$ `, `host:~ # `, `PS C:\> `, `C:\Users\me>`), after any
/// `sudo`/`doas`/`busybox`.
pub(crate) fn command(line: &str) -> Option<Command> {
    let line = line.trim_start();
    if line.is_empty() {
        return None;
    }
    // Candidate starts: the line's start, and after each prompt character
    // within the first 160 bytes (all ASCII, so every one is a boundary).
    let prompts = line.bytes().take(160).enumerate().filter(|(_, b)| b"$#>%".contains(b));
    std::iter::once(0).chain(prompts.map(|(i, _)| i + 1)).find_map(|s| command_at(&line[s..]))
}

fn command_at(rest: &str) -> Option<Command> {
    let head = rest.trim_start().as_bytes().first();
    if !head.is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'(' | b'&')) {
        return None;
    }
    let mut words = rest.split_whitespace().peekable();
    while words.peek().is_some_and(|w| matches!(*w, "sudo" | "doas" | "busybox")) {
        words.next();
    }
    // `(Get-CimInstance Win32_OperatingSystem).Caption`, `& ipconfig`.
    let first = words.next()?.trim_start_matches(['(', '&']);
    let first = if first.is_empty() { words.next()? } else { first };
    let lower = first.split(['.', ')']).next().unwrap_or(first).to_ascii_lowercase();
    let lower = if first.to_ascii_lowercase().ends_with(".exe") {
        first.to_ascii_lowercase()
    } else {
        lower
    };
    let &(_, hint) = COMMANDS.iter().find(|(name, _)| *name == lower)?;
    let args: Vec<&str> = words.take(6).collect();
    let hint = hint.or_else(|| hint_from_args(&lower, &args));
    // `cat` and friends only count with a file the reader knows.
    if matches!(lower.as_str(), "cat" | "less" | "more" | "type") && hint.is_none() {
        return None;
    }
    Some(Command { hint })
}

fn hint_from_args(cmd: &str, args: &[&str]) -> Option<Tool> {
    let plain: Vec<&str> = args.iter().copied().filter(|a| !a.starts_with('-')).collect();
    if cmd.ends_with("ip") {
        let brief = args.iter().any(|a| a.starts_with("-br"));
        return Some(match plain.first().and_then(|w| w.chars().next()) {
            Some('r') => Tool::IpRoute,
            _ if brief => Tool::IpBrief,
            _ => Tool::IpAddr,
        });
    }
    if cmd == "nmcli" {
        return match plain.as_slice() {
            [c, s, _, ..] if c.starts_with('c') && s.starts_with('s') => {
                Some(Tool::NmcliConProfile)
            }
            [c, ..] if c.starts_with('c') => Some(Tool::NmcliConShow),
            [d, s, ..] if d.starts_with('d') && s.starts_with("sh") => Some(Tool::NmcliDevShow),
            [d, ..] if d.starts_with('d') => Some(Tool::NmcliDevStatus),
            _ => None,
        };
    }
    let file = plain.first()?;
    if file.ends_with("os-release") {
        Some(Tool::OsRelease)
    } else if file.ends_with("resolv.conf") {
        Some(Tool::ResolvConf)
    } else {
        None
    }
}

/// Whether the line is a shell prompt with nothing typed after it
/// (`[root@host ~]#`, `user@host:~$`, `host:~ #`, `PS C:\Users\me>`, `C:\>`).
pub(crate) fn bare_prompt(line: &str) -> bool {
    let t = line.trim();
    if t.len() > 120 || !t.ends_with(['$', '#', '>', '%']) {
        return false;
    }
    let body = t[..t.len() - 1].trim_end();
    let bracketed = body.starts_with('[') && body.ends_with(']');
    if body.contains(char::is_whitespace) && !bracketed && !body.starts_with("PS ") {
        return false;
    }
    let drive =
        body.len() >= 2 && body.as_bytes()[0].is_ascii_alphabetic() && body[1..].starts_with(":\\");
    body == "~"
        || (body.starts_with('/') && !body.contains(' '))
        || bracketed
        || body.contains('@')
        || body.ends_with(":~")
        || body.contains(":/")
        || drive
        || (body.starts_with("PS ") && body[3..].trim_start().get(1..3) == Some(":\\"))
}

/// A strict dotted quad ([`parse_ipv4`]).
pub(crate) fn ipv4(s: &str) -> Option<Ipv4Addr> {
    parse_ipv4(s).ok()
}

/// `a.b.c.d/len`.
pub(crate) fn ipv4_prefix(s: &str) -> Option<(Ipv4Addr, u8)> {
    let (a, p) = s.split_once('/')?;
    Some((ipv4(a)?, parse_prefix(p)?))
}

/// A dotted mask as a prefix length (contiguous masks only).
pub(crate) fn mask(s: &str) -> Option<u8> {
    mask_to_prefix(ipv4(s)?)
}

/// A MAC address written with `:` or `-`, either case; `None` for the
/// all-zero and all-ones addresses (loopback, broadcast) and anything that
/// is not six hex pairs.
pub(crate) fn mac(s: &str) -> Option<Mac> {
    if s.len() != 17 {
        return None;
    }
    let m: Mac = s.replace('-', ":").parse().ok()?;
    (m.0 != [0; 6] && m.0 != [0xff; 6]).then_some(m)
}

/// Whether `s` looks like a UUID (8-4-4-4-12 hex digits).
pub(crate) fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        })
}

/// Every strict IPv4 address among the words of `s` (split at whitespace,
/// commas, semicolons and braces); other words are skipped.
pub(crate) fn ipv4_words(s: &str) -> Vec<Ipv4Addr> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '{' | '}'))
        .filter_map(|w| ipv4(leading_ipv4(w)))
        .collect()
}

/// The part of `w` before a `(` or `%` suffix (`192.168.1.5(Preferred)`).
pub(crate) fn leading_ipv4(w: &str) -> &str {
    w.split(['(', '%', '（']).next().unwrap_or(w).trim()
}

/// Whitespace runs collapsed to one space, ends trimmed.
pub(crate) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_count_like_a_textarea() {
        let (l, cut) = raw_lines("a\r\nb\rc\nd");
        assert_eq!(l, ["a", "b", "c", "d"]);
        assert!(!cut);
        assert_eq!(raw_lines("a\n").0, ["a"]);
        assert_eq!(raw_lines("a\n\n").0, ["a", ""]);
        assert_eq!(raw_lines("").0, Vec::<&str>::new());
    }

    #[test]
    fn ansi_and_controls_are_removed() {
        assert_eq!(clean("\u{1b}[36meth0: \u{1b}[0m<UP>"), "eth0: <UP>");
        assert_eq!(clean("\u{1b}]0;title\u{7}ip a"), "ip a");
        assert_eq!(clean("\u{1b}]0;t\u{1b}\\x"), "x");
        assert_eq!(clean("\u{feff}a\u{200b}b\u{8}c"), "abc");
        assert_eq!(clean("a\tb"), "a\tb");
        assert_eq!(clean("\u{1b}[1;32"), "");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn prompts_and_commands() {
        for yes in [
            "ip a",
            "$ ip a",
            "# ip -4 addr",
            "[root@iZbp1 ~]# route -n",
            "admin@host:~$ sudo nmcli con show",
            "linux-9xyz:~ # ip route",
            "PS C:\\Users\\Administrator> Get-NetIPAddress -AddressFamily IPv4",
            "C:\\Users\\Administrator>ipconfig /all",
            "~ # busybox ip addr",
            "$ cat /etc/os-release",
            "PS C:\\Users\\Administrator> (Get-CimInstance Win32_OperatingSystem).Caption",
            "C:\\Users\\me>ipconfig.exe /all",
        ] {
            assert!(command(yes).is_some(), "{yes:?}");
        }
        for no in [
            "# Generated by NetworkManager",
            "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500",
            "default via 192.0.2.1 dev eth0",
            "$ cat notes.txt",
            "   DNS Servers . . . . . . . . . . . : fe80::1%12",
            "",
        ] {
            assert!(command(no).is_none(), "{no:?}");
        }
        assert_eq!(command("$ route -n").unwrap().hint, Some(Tool::RouteN));
        assert_eq!(command("# ip r").unwrap().hint, Some(Tool::IpRoute));
        assert_eq!(command("# ip -br a").unwrap().hint, Some(Tool::IpBrief));
        assert_eq!(command("$ cat /etc/os-release").unwrap().hint, Some(Tool::OsRelease));
        assert_eq!(
            command("$ nmcli con show 'System eth0'").unwrap().hint,
            Some(Tool::NmcliConProfile)
        );
        assert_eq!(command("$ nmcli dev").unwrap().hint, Some(Tool::NmcliDevStatus));
        for yes in [
            "[root@iZbp1 ~]#",
            "admin@host:~$",
            "host:~ #",
            "PS C:\\Users\\me>",
            "C:\\>",
            "~ #",
            "/ #",
        ] {
            assert!(bare_prompt(yes), "{yes:?}");
        }
        for no in [
            "    inet 192.0.2.1/24 scope global eth0",
            "<BROADCAST,UP>",
            "a > b",
            "ipconfig /all",
            "#",
            "$",
            "eth0@if2   UP   00:16:3e:12:34:56 <BROADCAST,UP>",
        ] {
            assert!(!bare_prompt(no), "{no:?}");
        }
    }

    #[test]
    fn values() {
        assert_eq!(mac("00-16-3E-12-34-56").unwrap().to_string(), "00:16:3e:12:34:56");
        assert_eq!(mac("00:00:00:00:00:00"), None);
        assert_eq!(mac("00:16:3e:12:34:5"), None);
        assert_eq!(ipv4_prefix("192.0.2.1/24"), Some((Ipv4Addr::new(192, 0, 2, 1), 24)));
        assert_eq!(mask("255.255.240.0"), Some(20));
        assert!(is_uuid("5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03"));
        assert!(!is_uuid("5fb06bd0-0bb0-7ffb-45f1"));
        assert_eq!(leading_ipv4("192.168.1.5(Preferred)"), "192.168.1.5");
        assert_eq!(
            ipv4_words("{10.0.0.1, 10.0.0.2} fe80::1"),
            [Ipv4Addr::new(10, 0, 0, 1), Ipv4Addr::new(10, 0, 0, 2)]
        );
    }
}
