//! "Paste what the instance shows": reads what Linux and Windows network
//! tools print, and proposes the form's values from it.
//!
//! [`read`] takes any mix of `ip a` / `ip -4 addr` / `ip -o addr` /
//! `ip -br addr` / `ip -br link`, `ip route`, `route -n`, `netstat -rn`
//! (net-tools or BusyBox), `nmcli con show` (also `-t` and `con show
//! NAME`), `nmcli dev` and `nmcli dev show`, `networkctl status`,
//! `/etc/os-release`, `/etc/resolv.conf`, Windows `ipconfig` and
//! `ipconfig /all` (English, Simplified and Traditional Chinese), and
//! PowerShell's `Get-NetIPAddress`, `Get-NetIPConfiguration`,
//! `Get-NetAdapter` and `Win32_OperatingSystem` list views. It recognises
//! each block by its shape, in any order, with or without the command line
//! before it, and tolerates shell prompts, CRLF, tabs, trailing spaces,
//! ANSI colours and lines a terminal wrapped. Every value in the
//! [`Findings`] carries the tool and the 1-based line(s) it came from.
//!
//! [`propose`] turns the findings into form values ([`Proposed`], each
//! naming its [`Field`](crate::plan::Field) and the lines it came from) and
//! typed [`Issue`]s; [`apply`] writes the chosen values into a
//! [`Form`](crate::plan::Form) and returns the [`Undo`] that puts the form
//! back.
//!
//! Everything here is pure: nothing pasted leaves the page.
//!
//! **Bound**: [`read`] looks at the first [`MAX_BYTES`] bytes and
//! [`MAX_LINES`] lines, each cut to [`MAX_LINE_BYTES`], and keeps at most
//! [`MAX_ITEMS`] interfaces, addresses per interface, routes, connections,
//! DNS servers, OS sightings, blocks and clashes; beyond that it stops and
//! sets [`Findings::truncated`]. Every line is looked at a fixed number of
//! times, so the work is linear in the (bounded) input.
//!
//! ```
//! let f = wizard::paste::read("$ ip -br addr\neth0  UP  192.0.2.5/24\n");
//! assert_eq!(f.interfaces[0].name.value, "eth0");
//! assert_eq!(f.interfaces[0].addresses[0].ip.origin.lines.first, 2);
//! ```

mod files;
mod findings;
mod iproute;
mod nettools;
mod networkctl;
mod nmcli;
mod os;
mod propose;
mod text;
mod windows;

pub use findings::{
    Address, Block, Clash, ClashAttribute, Connection, Dns, Findings, Interface, Language, Lines,
    LinkState, Origin, OsEvidence, OsSeen, Route, Seen, Tool,
};
pub use os::{os_from_caption, os_from_release};
pub use propose::{
    apply, propose, Issue, IssueKind, Level, Pick, Proposal, Proposed, Undo, WhyChosen,
};

use findings::Builder;
use text::Line;

/// At most this many bytes of a paste are read (1 MiB).
pub const MAX_BYTES: usize = 1 << 20;
/// At most this many lines of a paste are read.
pub const MAX_LINES: u32 = 20_000;
/// A longer line is read up to this many bytes.
pub const MAX_LINE_BYTES: usize = 4096;
/// At most this many items of each kind are kept (see the module docs).
pub const MAX_ITEMS: usize = 256;

/// The widths at which terminals and consoles hard-wrap lines.
const TERMINAL_WIDTHS: &[usize] = &[80, 100, 120, 132, 160, 200];

/// Lines a terminal cut at its width joined back: a line no reader
/// recognises, at column 0, right after a line whose text is exactly as
/// wide as a terminal (or one less, cut after a space), is that line's
/// tail (at most three times over).
fn join_wrapped(lines: Vec<Line<'_>>) -> Vec<(Line<'_>, Option<Kind>)> {
    let mut out: Vec<(Line<'_>, Option<Kind>)> = Vec::with_capacity(lines.len());
    for line in lines {
        let kind = classify(&line);
        if let Some((prev, prev_kind)) = out.last_mut() {
            let full = TERMINAL_WIDTHS.contains(&prev.width)
                || (prev.cut_space && TERMINAL_WIDTHS.contains(&(prev.width + 1)));
            let tail = full
                && prev.last - prev.no < 3
                && !line.is_blank()
                && !line.indented()
                && line.width <= prev.width
                && kind.is_none()
                && text::command(&line.text).is_none();
            if tail {
                let sep = if prev.cut_space { " " } else { "" };
                prev.text = std::borrow::Cow::Owned(format!("{}{sep}{}", prev.text, line.text));
                prev.last = line.last;
                prev.width = line.width;
                prev.cut_space = line.cut_space;
                *prev_kind = classify(prev);
                continue;
            }
        }
        out.push((line, kind));
    }
    out
}

/// The shape a line has, and so the reader that starts on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Ipconfig,
    NmcliKv,
    PsList,
    Networkctl,
    IpAddr,
    IpBrief,
    IpRoute,
    RouteTable,
    NmcliTable,
    OsRelease,
    Resolv,
    Caption,
}

/// A test of a line's shape.
type Shape = fn(&Line) -> bool;

/// The reader a line would start, tried from the most specific shape on.
fn classify(line: &Line) -> Option<Kind> {
    if line.is_blank() {
        return None;
    }
    let checks: [(Shape, Kind); 12] = [
        (windows::is_ipconfig, Kind::Ipconfig),
        (nmcli::is_kv, Kind::NmcliKv),
        (networkctl::is_header, Kind::Networkctl),
        (iproute::is_addr, Kind::IpAddr),
        (nettools::is_table, Kind::RouteTable),
        (iproute::is_brief, Kind::IpBrief),
        (iproute::is_route, Kind::IpRoute),
        (nmcli::is_table, Kind::NmcliTable),
        (files::is_os_release, Kind::OsRelease),
        (files::is_resolv, Kind::Resolv),
        (windows::is_ps_list, Kind::PsList),
        (files::is_caption, Kind::Caption),
    ];
    checks.iter().find(|(check, _)| check(line)).map(|&(_, k)| k)
}

/// The reader of the block being read.
enum Reader {
    IpAddr(iproute::AddrReader),
    IpBrief(iproute::BriefReader),
    IpRoute(iproute::RouteReader),
    RouteTable(nettools::TableReader),
    NmcliTable(nmcli::TableReader),
    NmcliKv(nmcli::KvReader),
    Networkctl(networkctl::StatusReader),
    OsRelease(files::OsReleaseReader),
    Resolv(files::ResolvReader),
    Ipconfig(windows::IpconfigReader),
    PsList(windows::PsListReader),
}

/// A reader's lines so far, and where its block is recorded at the end.
struct Open {
    reader: Reader,
    lines: Option<findings::Lines>,
}

impl Open {
    fn start(kind: Kind, hint: Option<Tool>) -> Option<Open> {
        let reader = match kind {
            Kind::IpAddr => Reader::IpAddr(iproute::AddrReader::new()),
            Kind::IpBrief => Reader::IpBrief(iproute::BriefReader),
            Kind::IpRoute => Reader::IpRoute(iproute::RouteReader::new()),
            Kind::RouteTable => Reader::RouteTable(nettools::TableReader::new(hint)),
            Kind::NmcliTable => Reader::NmcliTable(nmcli::TableReader::new()),
            Kind::NmcliKv => Reader::NmcliKv(nmcli::KvReader::new()),
            Kind::Networkctl => Reader::Networkctl(networkctl::StatusReader::new()),
            Kind::OsRelease => Reader::OsRelease(files::OsReleaseReader::new()),
            Kind::Resolv => Reader::Resolv(files::ResolvReader::new()),
            Kind::Ipconfig => Reader::Ipconfig(windows::IpconfigReader::new()),
            Kind::PsList => Reader::PsList(windows::PsListReader::new()),
            Kind::Caption => return None,
        };
        Some(Open { reader, lines: None })
    }

    /// Offers the line; `false` when it does not belong to this block.
    fn feed(&mut self, line: &Line, kind: Option<Kind>, b: &mut Builder) -> bool {
        let other = |own: Kind| kind.is_some_and(|k| k != own);
        let taken = match &mut self.reader {
            Reader::IpAddr(r) => r.feed(line, b),
            Reader::IpBrief(r) => r.feed(line, b),
            Reader::IpRoute(r) => !other(Kind::IpRoute) && r.feed(line, b),
            Reader::RouteTable(r) => r.feed(line, b),
            Reader::NmcliTable(r) => r.feed(line, other(Kind::NmcliTable), b),
            Reader::NmcliKv(r) => r.feed(line, b),
            Reader::Networkctl(r) => r.feed(line, other(Kind::Networkctl), b),
            Reader::OsRelease(r) => r.feed(line),
            Reader::Resolv(r) => r.feed(line, b),
            Reader::Ipconfig(r) => r.feed(line, other(Kind::Ipconfig), b),
            Reader::PsList(r) => r.feed(line, other(Kind::PsList), b),
        };
        if taken && !line.is_blank() {
            let l = line.span();
            self.lines = Some(self.lines.map_or(l, |x| x.span(l)));
        }
        taken
    }

    fn finish(self, b: &mut Builder) {
        let block = |b: &mut Builder, tool: Tool, lang| {
            if let Some(l) = self.lines {
                b.block(tool, l, lang);
            }
        };
        match self.reader {
            Reader::IpAddr(_) => block(b, Tool::IpAddr, None),
            Reader::IpBrief(_) => block(b, Tool::IpBrief, None),
            Reader::IpRoute(_) => block(b, Tool::IpRoute, None),
            Reader::RouteTable(r) => block(b, r.tool(), None),
            Reader::NmcliTable(r) => block(b, r.tool(), None),
            Reader::Networkctl(_) => block(b, Tool::Networkctl, None),
            Reader::Resolv(_) => block(b, Tool::ResolvConf, None),
            Reader::Ipconfig(r) => block(b, Tool::Ipconfig, r.language()),
            // These record their blocks themselves, record by record.
            Reader::NmcliKv(r) => r.finish(b),
            Reader::OsRelease(r) => r.finish(b),
            Reader::PsList(r) => r.finish(b),
        }
    }
}

/// Reads a paste: every block of every tool the reader knows (see the
/// module docs), in any order and mix. Never panics; bounded work.
///
/// ```
/// let f = wizard::paste::read(
///     "[root@host ~]# route -n\r\n\
///      Kernel IP routing table\r\n\
///      Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\r\n\
///      0.0.0.0         192.168.1.253   0.0.0.0         UG    100    0        0 eth0\r\n",
/// );
/// let r = &f.routes[0];
/// assert!(r.is_default());
/// assert_eq!(r.gateway.unwrap().to_string(), "192.168.1.253");
/// assert_eq!(r.origin.lines.first, 4);
/// assert_eq!(r.origin.tool, wizard::paste::Tool::RouteN);
/// ```
pub fn read(text: &str) -> Findings {
    let (lines, truncated) = text::lines(text);
    let mut b = Builder::default();
    b.f.lines = lines.len() as u32;
    let lines = join_wrapped(lines);
    b.f.truncated = truncated;
    let mut open: Option<Open> = None;
    let mut hint: Option<Tool> = None;
    // Comment lines no reader took yet: resolv.conf's header, when a
    // resolv.conf follows.
    let mut comments: Option<findings::Lines> = None;
    for (line, kind) in &lines {
        let (line, kind) = (line, *kind);
        if !line.indented() {
            let cmd = text::command(&line.text);
            if cmd.is_some() || text::bare_prompt(&line.text) {
                if let Some(o) = open.take() {
                    o.finish(&mut b);
                }
                hint = cmd.and_then(|c| c.hint);
                comments = None;
                continue;
            }
        }
        if let Some(o) = open.as_mut() {
            if o.feed(line, kind, &mut b) {
                continue;
            }
            if let Some(o) = open.take() {
                o.finish(&mut b);
            }
        }
        if line.is_blank() {
            continue;
        }
        match kind {
            Some(Kind::Caption) => files::read_caption(line, &mut b),
            Some(k) => {
                open = Open::start(k, hint.take());
                if let (Kind::Resolv, Some(c), Some(o)) = (k, comments, open.as_mut()) {
                    b.unignore(c);
                    o.lines = Some(c);
                }
                let taken = open.as_mut().is_some_and(|o| o.feed(line, kind, &mut b));
                if !taken {
                    b.ignored_lines(line.span());
                }
            }
            None => {
                b.ignored_lines(line.span());
                if line.text.starts_with('#') {
                    comments = Some(comments.map_or(line.span(), |c| c.span(line.span())));
                    continue;
                }
            }
        }
        comments = None;
    }
    if let Some(o) = open.take() {
        o.finish(&mut b);
    }
    b.named_interfaces();
    b.f
}

/// Line `n` (1-based) of `text` as the reader saw it: ANSI colours,
/// control characters and trailing whitespace removed, cut at
/// [`MAX_LINE_BYTES`]; `None` past the end or the bound. For showing
/// "value — from line N: `…`".
///
/// ```
/// assert_eq!(wizard::paste::line_text("a\r\n\u{1b}[32mb\u{1b}[0m  \n", 2).as_deref(), Some("b"));
/// assert_eq!(wizard::paste::line_text("a", 2), None);
/// ```
pub fn line_text(text: &str, n: u32) -> Option<String> {
    let (raw, _) = text::raw_lines(text);
    let raw = raw.get(usize::try_from(n).ok()?.checked_sub(1)?)?;
    let (lines, _) = text::lines(raw);
    Some(lines.first().map(|l| l.text.to_string()).unwrap_or_default())
}
