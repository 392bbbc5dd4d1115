//! systemd-networkd's `networkctl status` (the summary) and
//! `networkctl status LINK`: right-aligned `Key: value` lines under a
//! `● N: name` (or `●        State: …`) header; a value may go on over
//! the lines below it.

use super::findings::{Address, Builder, Dns, Lines, LinkState, Origin, Route, Seen};
use super::text::{ipv4, mac, Line};
use super::Tool;
use std::net::Ipv4Addr;

/// The bullet networkctl starts a header with (`●`, or `*`/`•` where the
/// terminal cannot show it).
fn bullet(t: &str) -> Option<&str> {
    ["●", "*", "•"].iter().find_map(|b| t.strip_prefix(b)).map(str::trim_start)
}

/// `● 2: eth0` → `eth0`.
fn link_header(t: &str) -> Option<&str> {
    let rest = bullet(t)?;
    let (idx, name) = rest.split_once(": ")?;
    (!idx.is_empty() && idx.bytes().all(|b| b.is_ascii_digit()) && !name.trim().contains(' '))
        .then(|| name.trim())
}

/// Whether a line is a networkctl header.
pub(crate) fn is_header(line: &Line) -> bool {
    let t = &line.text;
    link_header(t).is_some() || bullet(t).is_some_and(|r| r.starts_with("State: "))
}

/// `   Key: value` (the key right-aligned): the key and the value.
fn key_line(t: &str) -> Option<(&str, &str)> {
    let (key, value) = t.split_once(": ").or_else(|| t.strip_suffix(':').map(|k| (k, "")))?;
    let key = key.trim_start();
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '(' | ')' | '/' | '-'))
        && key.starts_with(|c: char| c.is_ascii_alphabetic());
    ok.then_some((key, value.trim()))
}

pub(crate) struct StatusReader {
    /// The link of a `status LINK` section; `None` in the summary.
    link: Option<usize>,
    key: Option<String>,
    lines: Option<Lines>,
}

impl StatusReader {
    pub fn new() -> StatusReader {
        StatusReader { link: None, key: None, lines: None }
    }

    pub fn feed(&mut self, line: &Line, other_start: bool, b: &mut Builder) -> bool {
        if line.is_blank() {
            self.key = None;
            return true;
        }
        let t: &str = &line.text;
        let o = line.origin(Tool::Networkctl);
        if let Some(name) = link_header(t) {
            self.link = b.iface(name, false, o);
            self.key = None;
        } else if bullet(t).is_some_and(|r| r.starts_with("State: ")) {
            // The summary: its lines name their link after `on`.
            self.link = None;
            self.key = Some("State".into());
        } else if !line.indented() || other_start {
            return false;
        } else if let Some((key, value)) = key_line(t) {
            self.key = Some(key.to_owned());
            self.value(key, value, o, b);
        } else if let Some(key) = self.key.clone() {
            self.value(&key, t.trim(), o, b);
        } else {
            return false;
        }
        let l = line.span();
        self.lines = Some(self.lines.map_or(l, |x| x.span(l)));
        true
    }

    /// One value: `192.0.2.5 (DHCP4 via 192.0.2.1)`, `192.0.2.5 on eth0`.
    fn value(&mut self, key: &str, value: &str, o: Origin, b: &mut Builder) {
        let mut words = value.split_whitespace();
        let first = words.next().unwrap_or("");
        let rest: Vec<&str> = words.collect();
        // The summary names the link after `on`.
        let on = rest.iter().position(|w| *w == "on").and_then(|p| rest.get(p + 1));
        let iface = match (self.link, on) {
            (_, Some(name)) => b.iface(name, false, o),
            (link, None) => link,
        };
        match key {
            "Hardware Address" => {
                if let (Some(i), Some(m)) = (iface, mac(first)) {
                    b.mac(i, Seen::new(m, o));
                }
            }
            "State" => {
                if let (Some(i), Some(s)) = (self.link, oper_state(first)) {
                    b.state(i, Seen::new(s, o));
                }
            }
            "Address" => {
                let (Some(i), Some(ip)) = (iface, ipv4(first)) else { return };
                let mut a = Address::new(Seen::new(ip, o));
                if rest.first().is_some_and(|w| w.starts_with("(DHCP4")) {
                    a.dynamic = Some(Seen::new(true, o));
                }
                b.address(i, a);
            }
            "Gateway" => {
                let Some(gw) = ipv4(first) else { return };
                let dev = iface.map(|i| b.f.interfaces[i].name.value.clone());
                b.route(Route {
                    origin: o,
                    destination: Ipv4Addr::UNSPECIFIED,
                    prefix: 0,
                    gateway: Some(gw),
                    dev,
                    metric: None,
                    src: None,
                });
            }
            "DNS" => {
                let Some(d) = ipv4(first) else { return };
                let interface = iface.map(|i| b.f.interfaces[i].name.value.clone());
                b.dns(Dns { server: Seen::new(d, o), interface });
            }
            _ => {}
        }
    }
}

/// networkd's operational state as a link state.
fn oper_state(s: &str) -> Option<LinkState> {
    match s {
        "routable" | "degraded" | "carrier" | "enslaved" | "degraded-carrier" => {
            Some(LinkState::Up)
        }
        "off" | "no-carrier" => Some(LinkState::Down),
        "dormant" => Some(LinkState::Dormant),
        _ => None,
    }
}
