//! iproute2's `ip addr` (also `-4`, `-o`, `ip link`, BusyBox's `ip`),
//! `ip -br addr` / `ip -br link` and `ip route`.

use std::net::Ipv4Addr;

use super::findings::{Address, Builder, LinkState, Origin, Route, Seen};
use super::text::{ipv4, ipv4_prefix, mac, Line};
use super::Tool;

/// The address flags `ip` prints after `scope …` (iproute2's
/// `ifa_flag_names`, plus `dynamic`, which it prints for a finite lifetime).
const FLAGS: &[&str] = &[
    "secondary",
    "temporary",
    "dynamic",
    "noprefixroute",
    "nodad",
    "optimistic",
    "dadfailed",
    "home",
    "deprecated",
    "tentative",
    "permanent",
    "mngtmpaddr",
    "autojoin",
    "stable-privacy",
];

/// The states `ip -br` prints in its second column.
const BRIEF_STATES: &[&str] =
    &["UP", "DOWN", "UNKNOWN", "LOWERLAYERDOWN", "DORMANT", "NOTPRESENT", "TESTING"];

/// An interface name without ip's `@peer` suffix (`eth0@if5` → `eth0`).
fn bare_name(s: &str) -> &str {
    s.split('@').next().unwrap_or(s)
}

fn link_state(s: &str) -> Option<LinkState> {
    Some(match s {
        "UP" => LinkState::Up,
        "DOWN" => LinkState::Down,
        "UNKNOWN" => LinkState::Unknown,
        "LOWERLAYERDOWN" => LinkState::LowerLayerDown,
        "DORMANT" => LinkState::Dormant,
        "NOTPRESENT" => LinkState::NotPresent,
        "TESTING" => LinkState::Testing,
        _ => return None,
    })
}

/// `N: name: <FLAGS> …` (ip addr / ip link header), split into the index,
/// the name and the rest after the flags' `<`.
fn header(text: &str) -> Option<(&str, &str)> {
    let (idx, rest) = text.split_once(": ")?;
    if idx.is_empty() || !idx.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (name, rest) = rest.split_once(": ")?;
    (!name.is_empty() && !name.contains(char::is_whitespace) && rest.starts_with('<'))
        .then_some((name, rest))
}

/// `N: name    inet …` (`ip -o addr`): the name and the part from `inet`.
fn oneline(text: &str) -> Option<(&str, &str)> {
    let (idx, rest) = text.split_once(": ")?;
    if idx.is_empty() || !idx.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = rest.trim_start();
    let end = rest.find(char::is_whitespace)?;
    let (name, tail) = rest.split_at(end);
    let tail = tail.trim_start();
    (tail.starts_with("inet ") || tail.starts_with("inet6 ") || tail.starts_with("link/"))
        .then_some((name.trim_end_matches(':'), tail))
}

/// Whether a line looks like `ip addr` output (a header or an indented
/// `inet`, `inet6`, `link/…`, `valid_lft` or `altname` line).
pub(crate) fn is_addr(line: &Line) -> bool {
    let t = &line.text;
    if header(t).is_some() || oneline(t).is_some() {
        return true;
    }
    if !line.indented() {
        return false;
    }
    let s = t.trim_start();
    let word = s.split_whitespace().next().unwrap_or("");
    match word {
        "inet" => s
            .split_whitespace()
            .nth(1)
            .is_some_and(|a| ipv4_prefix(a).is_some() || ipv4(a).is_some()),
        "inet6" => s.split_whitespace().nth(1).is_some_and(|a| a.contains(':')),
        "valid_lft" => s.contains("preferred_lft"),
        "altname" => true,
        w => w.starts_with("link/"),
    }
}

/// Whether a line looks like `ip -br addr` or `ip -br link`.
pub(crate) fn is_brief(line: &Line) -> bool {
    if line.indented() {
        return false;
    }
    let mut w = line.text.split_whitespace();
    let (Some(name), Some(state)) = (w.next(), w.next()) else { return false };
    !name.ends_with(':') && BRIEF_STATES.contains(&state)
}

/// Whether a line looks like `ip route` output.
pub(crate) fn is_route(line: &Line) -> bool {
    if line.indented() {
        return false;
    }
    let mut w = line.text.split_whitespace();
    let Some(mut first) = w.next() else { return false };
    if ROUTE_TYPES.contains(&first) {
        let Some(next) = w.next() else { return false };
        first = next;
    }
    let dest_ok = first == "default"
        || ipv4(first).is_some()
        || ipv4_prefix(first).is_some()
        || (first.contains(':') && first.contains('/'));
    dest_ok && line.text.split_whitespace().any(|x| x == "dev" || x == "via")
}

/// Route types `ip route` may print before the destination.
const ROUTE_TYPES: &[&str] = &[
    "unicast",
    "local",
    "broadcast",
    "multicast",
    "anycast",
    "unreachable",
    "blackhole",
    "prohibit",
    "throw",
    "nat",
];

/// `ip addr` state: the interface being read and its last IPv4 address
/// (the `valid_lft` line that follows belongs to it).
pub(crate) struct AddrReader {
    iface: Option<usize>,
    /// The last address line: (interface, address index if IPv4).
    last: Option<(usize, Option<usize>)>,
}

impl AddrReader {
    pub fn new() -> AddrReader {
        AddrReader { iface: None, last: None }
    }

    /// Takes the line if it is `ip addr` output; `false` ends the block.
    pub fn feed(&mut self, line: &Line, b: &mut Builder) -> bool {
        if line.is_blank() {
            return false;
        }
        let t: &str = &line.text;
        let o = line.origin(Tool::IpAddr);
        if let Some((name, rest)) = header(t) {
            self.header(name, rest, o, b);
            return true;
        }
        if let Some((name, tail)) = oneline(t) {
            self.iface = b.iface(bare_name(name), false, o);
            for part in tail.split('\\') {
                self.detail(part.trim(), o, b);
            }
            return true;
        }
        if t.starts_with(|c: char| c.is_ascii_digit()) && t.contains(": ") && t.contains('\\') {
            // `ip -o link`: the header and its details on one line.
            let mut parts = t.split('\\');
            if let Some((name, rest)) = parts.next().and_then(header) {
                self.header(name, rest, o, b);
                for part in parts {
                    self.detail(part.trim(), o, b);
                }
                return true;
            }
        }
        if line.indented() {
            self.detail(t.trim_start(), o, b);
            return true;
        }
        false
    }

    fn header(&mut self, name: &str, rest: &str, o: Origin, b: &mut Builder) {
        self.iface = b.iface(bare_name(name), false, o);
        self.last = None;
        let Some(i) = self.iface else { return };
        let words: Vec<&str> = rest.split_whitespace().collect();
        let state = words
            .iter()
            .position(|w| *w == "state")
            .and_then(|p| words.get(p + 1))
            .and_then(|s| link_state(s))
            .or_else(|| {
                // BusyBox prints no `state`: the flags say it.
                let flags = rest.split('>').next().unwrap_or("");
                let has = |f: &str| flags.trim_start_matches('<').split(',').any(|x| x == f);
                Some(if has("UP") && has("LOWER_UP") { LinkState::Up } else { LinkState::Down })
            });
        if let Some(s) = state {
            b.state(i, Seen::new(s, o));
        }
    }

    /// One detail (`link/ether …`, `inet …`, `valid_lft …`).
    fn detail(&mut self, s: &str, o: Origin, b: &mut Builder) {
        let Some(i) = self.iface else { return };
        let mut w = s.split_whitespace();
        match w.next() {
            Some(l) if l.starts_with("link/") => {
                if let Some(m) = w.next().and_then(mac) {
                    b.mac(i, Seen::new(m, o));
                }
            }
            Some("inet") => {
                let rest: Vec<&str> = w.collect();
                let name = b.f.interfaces[i].name.value.clone();
                if let Some(a) = inet(&rest, &name, o) {
                    self.last = Some((i, b.address(i, a)));
                }
            }
            Some("inet6") => self.last = Some((i, None)),
            Some("valid_lft") => {
                let Some((i, Some(k))) = self.last else { return };
                let finite = w.next().is_some_and(|v| v != "forever");
                let a = b.address_mut(i, k);
                match &a.dynamic {
                    Some(d) if d.value => {}
                    _ => a.dynamic = Some(Seen::new(finite, o)),
                }
            }
            _ => {}
        }
    }
}

/// The words after `inet`: the address, then `peer`, `brd`, `metric`,
/// `scope` with their values, then flags and the label.
fn inet(words: &[&str], iface: &str, o: Origin) -> Option<Address> {
    let (&first, rest) = words.split_first()?;
    // ip always prints the prefix; an address without one is a cut line.
    let (ip, prefix) = match ipv4_prefix(first) {
        Some((ip, p)) => (ip, Some(p)),
        None => (ipv4(first)?, None),
    };
    let mut a = Address::new(Seen::new(ip, o));
    a.prefix = prefix.map(|p| Seen::new(p, o));
    let mut it = rest.iter();
    let mut tail: Vec<&str> = Vec::new();
    let mut scoped = false;
    while let Some(&w) = it.next() {
        match w {
            "peer" | "brd" | "metric" | "proto" => {
                it.next();
            }
            "scope" => {
                it.next();
                scoped = true;
            }
            w => tail.push(w),
        }
    }
    let mut flags: Vec<&str> = Vec::new();
    let mut label: Option<String> = None;
    for w in tail {
        match split_flags(w, iface) {
            Some((fs, l)) => {
                flags.extend(fs);
                if l.is_some() {
                    label = l.map(str::to_owned);
                }
            }
            None => label = Some(w.to_owned()),
        }
    }
    if flags.contains(&"dynamic") {
        a.dynamic = Some(Seen::new(true, o));
    }
    if scoped {
        a.secondary = Some(Seen::new(flags.contains(&"secondary"), o));
    }
    if let Some(l) = label.filter(|l| l != iface) {
        a.label = Some(Seen::new(l, o));
    }
    Some(a)
}

/// A word as known flags, maybe run together by a wrapped line
/// (`dynamicnoprefixroute`), possibly ending in the label (`noprefixrouteeth0`).
fn split_flags<'a>(w: &'a str, iface: &str) -> Option<(Vec<&'static str>, Option<&'a str>)> {
    if w.is_empty() {
        return Some((Vec::new(), None));
    }
    if w == iface || (w.starts_with(iface) && w[iface.len()..].starts_with(':')) {
        return Some((Vec::new(), Some(w)));
    }
    for &f in FLAGS {
        if let Some(rest) = w.strip_prefix(f) {
            if let Some((mut fs, l)) = split_flags(rest, iface) {
                fs.insert(0, f);
                return Some((fs, l));
            }
        }
    }
    None
}

/// `ip -br addr` / `ip -br link`.
pub(crate) struct BriefReader;

impl BriefReader {
    pub fn feed(&mut self, line: &Line, b: &mut Builder) -> bool {
        if !is_brief(line) {
            return false;
        }
        let words: Vec<&str> = line.text.split_whitespace().collect();
        let o = line.origin(Tool::IpBrief);
        let Some(i) = b.iface(bare_name(words[0]), false, o) else { return true };
        if let Some(s) = link_state(words[1]) {
            b.state(i, Seen::new(s, o));
        }
        for w in &words[2..] {
            if let Some((ip, p)) = ipv4_prefix(w) {
                let mut a = Address::new(Seen::new(ip, o));
                a.prefix = Some(Seen::new(p, o));
                b.address(i, a);
            } else if let Some(m) = mac(w) {
                b.mac(i, Seen::new(m, o));
            }
        }
        true
    }
}

/// `ip route`.
pub(crate) struct RouteReader {
    any: bool,
}

impl RouteReader {
    pub fn new() -> RouteReader {
        RouteReader { any: false }
    }

    pub fn feed(&mut self, line: &Line, b: &mut Builder) -> bool {
        if line.is_blank() {
            return false;
        }
        if is_route(line) {
            if let Some(r) = route(&line.text, line.origin(Tool::IpRoute)) {
                b.route(r);
            }
        } else if !(line.indented() && self.any) {
            // Indented lines are a multipath route's `nexthop`s or `cache`.
            return false;
        }
        self.any = true;
        true
    }
}

/// One `ip route` line as a route; `None` for IPv6, non-unicast types and
/// what does not parse.
fn route(text: &str, o: Origin) -> Option<Route> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (&first, rest) = words.split_first()?;
    if ROUTE_TYPES.contains(&first) && first != "unicast" {
        return None;
    }
    let (dest, rest) = if first == "unicast" { rest.split_first()? } else { (&first, rest) };
    let (destination, prefix) = if *dest == "default" {
        (Ipv4Addr::UNSPECIFIED, 0)
    } else {
        ipv4_prefix(dest).or_else(|| ipv4(dest).map(|a| (a, 32)))?
    };
    let mut r = Route {
        origin: o,
        destination,
        prefix,
        gateway: None,
        dev: None,
        // ip prints no metric for 0.
        metric: Some(0),
        src: None,
    };
    let mut it = rest.iter();
    while let Some(&w) = it.next() {
        let value = || it.clone().next().copied();
        match w {
            "via" => r.gateway = value().and_then(ipv4),
            "dev" => r.dev = value().map(|d| bare_name(d).to_owned()),
            "metric" => r.metric = value().and_then(|m| m.parse().ok()),
            "src" => r.src = value().and_then(ipv4),
            "table" => {
                if value().is_some_and(|t| t != "main") {
                    return None;
                }
            }
            _ => continue,
        }
        it.next();
    }
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_run_together_split() {
        assert_eq!(
            split_flags("dynamicnoprefixroute", "eth0"),
            Some((vec!["dynamic", "noprefixroute"], None))
        );
        assert_eq!(
            split_flags("noprefixrouteeth0", "eth0"),
            Some((vec!["noprefixroute"], Some("eth0")))
        );
        assert_eq!(split_flags("eth0:0", "eth0"), Some((vec![], Some("eth0:0"))));
        assert_eq!(split_flags("dynamix", "eth0"), None);
    }

    #[test]
    fn route_words() {
        let o = Origin::line(Tool::IpRoute, 1);
        let r =
            route("default via 192.0.2.1 dev eth0 proto dhcp src 192.0.2.5 metric 100", o).unwrap();
        assert_eq!(
            (r.prefix, r.gateway, r.metric),
            (0, Some(Ipv4Addr::new(192, 0, 2, 1)), Some(100))
        );
        assert_eq!(r.src, Some(Ipv4Addr::new(192, 0, 2, 5)));
        assert_eq!(route("local 192.0.2.5 dev eth0 table local", o), None);
        assert_eq!(route("192.0.2.0/24 dev eth0 table 1001", o), None);
        let host = route("192.0.2.253 dev eth0 scope link", o).unwrap();
        assert_eq!(host.prefix, 32);
    }
}
