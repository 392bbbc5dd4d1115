//! NetworkManager's `nmcli`: the `nmcli con show` and `nmcli dev` tables
//! (also `-t`), and the `KEY: value` records of `nmcli dev show` and
//! `nmcli con show NAME`.

use std::net::Ipv4Addr;

use super::findings::{Address, Builder, Connection, Dns, Lines, LinkState, Origin, Route, Seen};
use super::text::{ipv4, ipv4_prefix, is_uuid, mac, Line};
use super::Tool;

/// `KEY:` or `KEY[n]:` at column 0, the key holding at least one dot and
/// the colon right after it (`IP4.ADDRESS[1]:`, `connection.id:`).
fn kv(text: &str) -> Option<(&str, &str)> {
    let colon = text.find(':')?;
    let (key, value) = (&text[..colon], text[colon + 1..].trim());
    let base = match key.find('[') {
        Some(b)
            if key.ends_with(']')
                && key[b + 1..key.len() - 1].bytes().all(|c| c.is_ascii_digit()) =>
        {
            &key[..b]
        }
        Some(_) => return None,
        None => key,
    };
    let ok = base.contains('.')
        && !base.starts_with('.')
        && base.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_'))
        && base.as_bytes()[0].is_ascii_alphanumeric();
    ok.then_some((base, value))
}

/// Whether a line is one of `nmcli dev show` / `nmcli con show NAME`.
pub(crate) fn is_kv(line: &Line) -> bool {
    !line.indented() && kv(&line.text).is_some()
}

/// `nmcli -t con show`: `NAME:UUID:TYPE:DEVICE`, `\:` escaping a colon.
fn terse(text: &str) -> Option<Vec<String>> {
    if !text.split(':').any(is_uuid) {
        return None;
    }
    let mut fields = vec![String::new()];
    let mut it = text.chars();
    while let Some(c) = it.next() {
        match c {
            '\\' => fields.last_mut()?.push(it.next().unwrap_or('\\')),
            ':' => fields.push(String::new()),
            c => fields.last_mut()?.push(c),
        }
    }
    (fields.len() >= 4 && is_uuid(&fields[1])).then_some(fields)
}

/// A `nmcli con show` row: the name (everything before the UUID), the
/// UUID, the type and the device (`None` for `--`).
fn con_row(text: &str) -> Option<(&str, &str, Option<&str>, Option<&str>)> {
    if text.bytes().filter(|b| *b == b'-').count() < 4 {
        return None;
    }
    let mut pos = 0;
    for w in text.split_whitespace() {
        let at = pos + text[pos..].find(w)?;
        pos = at + w.len();
        if is_uuid(w) {
            let name = text[..at].trim();
            if name.is_empty() {
                return None;
            }
            let mut rest = text[pos..].split_whitespace();
            let kind = rest.next();
            let dev = rest.next().filter(|d| *d != "--");
            return Some((name, w, kind, dev));
        }
    }
    None
}

fn is_dev_header(text: &str) -> bool {
    let w: Vec<&str> = text.split_whitespace().collect();
    w.len() >= 4 && w[..4] == ["DEVICE", "TYPE", "STATE", "CONNECTION"]
}

/// Whether a line is a `nmcli con show` header or row (plain or `-t`), or
/// the `nmcli dev` header.
pub(crate) fn is_table(line: &Line) -> bool {
    if line.indented() {
        return false;
    }
    let t = &line.text;
    let w: Vec<&str> = t.split_whitespace().collect();
    (w.len() >= 3 && w.contains(&"UUID") && w[0] != "UUID")
        || is_dev_header(t)
        || con_row(t).is_some()
        || terse(t).is_some()
}

/// nmcli's device state (`100 (connected)`, `disconnected`) as a link state.
fn state(s: &str) -> Option<LinkState> {
    let word = s
        .split(['(', ')', ' '])
        .find(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))?;
    match word {
        "connected" | "connecting" => Some(LinkState::Up),
        "disconnected" | "unavailable" | "deactivating" => Some(LinkState::Down),
        _ => None,
    }
}

/// A `nmcli con show` or `nmcli dev` table.
pub(crate) struct TableReader {
    /// The `CONNECTION` column of a `nmcli dev` header (in characters).
    dev_columns: Option<[usize; 4]>,
    lines: Option<Lines>,
}

impl TableReader {
    pub fn new() -> TableReader {
        TableReader { dev_columns: None, lines: None }
    }

    pub fn tool(&self) -> Tool {
        if self.dev_columns.is_some() {
            Tool::NmcliDevStatus
        } else {
            Tool::NmcliConShow
        }
    }

    pub fn feed(&mut self, line: &Line, other_start: bool, b: &mut Builder) -> bool {
        if line.is_blank() || line.indented() {
            return false;
        }
        let t: &str = &line.text;
        if other_start && !is_dev_header(t) && con_row(t).is_none() && terse(t).is_none() {
            return false;
        }
        if is_dev_header(t) {
            if self.lines.is_some() {
                return false;
            }
            let col = |name: &str| {
                let at = t.find(name).unwrap_or(0);
                t[..at].chars().count()
            };
            self.dev_columns = Some([0, col("TYPE"), col("STATE"), col("CONNECTION")]);
        } else if let Some(cols) = self.dev_columns {
            if !self.dev_row(t, cols, line, b) {
                return false;
            }
        } else if t.split_whitespace().any(|w| w == "UUID") && con_row(t).is_none() {
            if self.lines.is_some() {
                return false;
            }
        } else if let Some((name, uuid, kind, dev)) = con_row(t) {
            self.connection(name, uuid, kind, dev, line, b);
        } else if let Some(f) = terse(t) {
            let dev = (!f[3].is_empty()).then_some(f[3].as_str());
            self.connection(&f[0], &f[1], Some(&f[2]), dev, line, b);
        } else {
            return false;
        }
        let l = line.span();
        self.lines = Some(self.lines.map_or(l, |x| x.span(l)));
        true
    }

    fn connection(
        &self,
        name: &str,
        uuid: &str,
        kind: Option<&str>,
        dev: Option<&str>,
        line: &Line,
        b: &mut Builder,
    ) {
        let o = line.origin(Tool::NmcliConShow);
        b.connection(Connection {
            name: Seen::new(name.to_owned(), o),
            uuid: Some(uuid.to_owned()),
            kind: kind.map(str::to_owned),
            device: dev.map(|d| Seen::new(d.to_owned(), o)),
            ipv4_method: None,
        });
    }

    /// A `nmcli dev` row, cut at the header's columns.
    fn dev_row(&self, t: &str, cols: [usize; 4], line: &Line, b: &mut Builder) -> bool {
        let chars: Vec<char> = t.chars().collect();
        let cell = |from: usize, to: usize| -> String {
            chars
                .get(from.min(chars.len())..to.min(chars.len()))
                .unwrap_or(&[])
                .iter()
                .collect::<String>()
                .trim()
                .to_owned()
        };
        let device = cell(cols[0], cols[1]);
        let words: Vec<&str> = t.split_whitespace().collect();
        if words.len() < 4 || words.first() != Some(&device.as_str()) {
            return false;
        }
        let st = cell(cols[2], cols[3]);
        let con = cell(cols[3], chars.len());
        let o = line.origin(Tool::NmcliDevStatus);
        if let Some(i) = b.iface(&device, false, o) {
            if let Some(s) = state(&st) {
                b.state(i, Seen::new(s, o));
            }
        }
        if !con.is_empty() && con != "--" {
            b.connection(Connection {
                name: Seen::new(con, o),
                uuid: None,
                kind: None,
                device: Some(Seen::new(device, o)),
                ipv4_method: None,
            });
        }
        true
    }
}

/// One `KEY: value` line of a record.
struct Entry {
    key: String,
    value: String,
    lines: Lines,
}

/// `nmcli dev show` / `nmcli con show NAME`: records of `KEY: value`
/// lines, one per device or profile, read when complete.
pub(crate) struct KvReader {
    record: Vec<Entry>,
}

impl KvReader {
    pub fn new() -> KvReader {
        KvReader { record: Vec::new() }
    }

    pub fn feed(&mut self, line: &Line, b: &mut Builder) -> bool {
        if line.is_blank() {
            self.flush(b);
            return true;
        }
        if line.indented() {
            return false;
        }
        let Some((key, value)) = kv(&line.text) else { return false };
        if matches!(key, "GENERAL.DEVICE" | "connection.id") && !self.record.is_empty() {
            self.flush(b);
        }
        if self.record.len() < 512 {
            self.record.push(Entry {
                key: key.to_owned(),
                value: value.to_owned(),
                lines: line.span(),
            });
        }
        true
    }

    pub fn finish(mut self, b: &mut Builder) {
        self.flush(b);
    }

    fn flush(&mut self, b: &mut Builder) {
        let rec = std::mem::take(&mut self.record);
        let (Some(first), Some(last)) = (rec.first(), rec.last()) else { return };
        let lines = first.lines.span(last.lines);
        let get = |k: &str| rec.iter().find(|e| e.key == k && e.value != "--");
        let tool =
            if get("GENERAL.DEVICE").is_some() || rec.iter().any(|e| e.key == "GENERAL.DEVICE") {
                Tool::NmcliDevShow
            } else if rec.iter().any(|e| e.key == "connection.id" || e.key == "GENERAL.NAME") {
                Tool::NmcliConProfile
            } else {
                Tool::NmcliDevShow
            };
        let o = |e: &Entry| Origin { tool, lines: e.lines };
        b.block(tool, lines, None);

        let device = get("GENERAL.DEVICE")
            .or_else(|| get("GENERAL.DEVICES"))
            .or_else(|| get("GENERAL.IP-IFACE"))
            .map(|e| (e.value.split([',', ' ']).next().unwrap_or("").to_owned(), o(e)))
            .filter(|(d, _)| !d.is_empty());
        let method = get("ipv4.method").map(|e| Seen::new(e.value.clone(), o(e)));

        if let Some((dev, dev_origin)) = &device {
            if let Some(i) = b.iface(dev, false, *dev_origin) {
                self.device(&rec, i, dev, tool, method.as_ref(), b);
            }
        }
        let name = get("GENERAL.CONNECTION")
            .or_else(|| get("connection.id"))
            .or_else(|| get("GENERAL.NAME"));
        if let Some(n) = name {
            b.connection(Connection {
                name: Seen::new(n.value.clone(), o(n)),
                uuid: get("GENERAL.UUID")
                    .or_else(|| get("connection.uuid"))
                    .map(|e| e.value.clone()),
                kind: get("connection.type").map(|e| e.value.clone()),
                device: device.map(|(d, o)| Seen::new(d, o)),
                ipv4_method: method,
            });
        }
    }

    /// What a record says about its device.
    fn device(
        &self,
        rec: &[Entry],
        i: usize,
        dev: &str,
        tool: Tool,
        method: Option<&Seen<String>>,
        b: &mut Builder,
    ) {
        let o = |e: &Entry| Origin { tool, lines: e.lines };
        for e in rec.iter().filter(|e| e.value != "--") {
            match e.key.as_str() {
                "GENERAL.HWADDR" => {
                    if let Some(m) = mac(&e.value) {
                        b.mac(i, Seen::new(m, o(e)));
                    }
                }
                "GENERAL.STATE" if tool == Tool::NmcliDevShow => {
                    if let Some(s) = state(&e.value) {
                        b.state(i, Seen::new(s, o(e)));
                    }
                }
                "IP4.ADDRESS" => {
                    if let Some((ip, p)) = ipv4_prefix(&e.value) {
                        let mut a = Address::new(Seen::new(ip, o(e)));
                        a.prefix = Some(Seen::new(p, o(e)));
                        if let Some(m) = method.filter(|m| m.value == "manual") {
                            a.dynamic = Some(Seen::new(false, m.origin));
                        }
                        b.address(i, a);
                    }
                }
                "IP4.GATEWAY" => {
                    if let Some(gw) = ipv4(&e.value) {
                        b.route(route(Ipv4Addr::UNSPECIFIED, 0, Some(gw), dev, None, o(e)));
                    }
                }
                "IP4.ROUTE" => {
                    if let Some(r) = nm_route(&e.value, dev, o(e)) {
                        b.route(r);
                    }
                }
                "IP4.DNS" => {
                    if let Some(d) = ipv4(&e.value) {
                        b.dns(Dns { server: Seen::new(d, o(e)), interface: Some(dev.to_owned()) });
                    }
                }
                _ => {}
            }
        }
        // The lease names the DHCP address; the profile's own addresses are static.
        let dhcp_ip = rec
            .iter()
            .filter(|e| e.key == "DHCP4.OPTION")
            .find_map(|e| e.value.strip_prefix("ip_address = ").and_then(ipv4).map(|a| (a, o(e))));
        let statics: Vec<(Ipv4Addr, Origin)> = rec
            .iter()
            .filter(|e| e.key == "ipv4.addresses")
            .flat_map(|e| {
                e.value
                    .split(',')
                    .filter_map(|a| ipv4_prefix(a.trim()))
                    .map(move |(a, _)| (a, o(e)))
            })
            .collect();
        let iface = &b.f.interfaces[i];
        let updates: Vec<(usize, Seen<bool>)> = iface
            .addresses
            .iter()
            .enumerate()
            .filter_map(|(k, a)| {
                if dhcp_ip.is_some_and(|(d, _)| d == a.ip.value) {
                    dhcp_ip.map(|(_, og)| (k, Seen::new(true, og)))
                } else {
                    statics
                        .iter()
                        .find(|(s, _)| *s == a.ip.value)
                        .map(|(_, og)| (k, Seen::new(false, *og)))
                }
            })
            .collect();
        for (k, d) in updates {
            let a = b.address_mut(i, k);
            if a.dynamic.as_ref().is_none_or(|x| !x.value || d.value) {
                a.dynamic = Some(d);
            }
        }
    }
}

fn route(
    destination: Ipv4Addr,
    prefix: u8,
    gateway: Option<Ipv4Addr>,
    dev: &str,
    metric: Option<u32>,
    o: Origin,
) -> Route {
    Route { origin: o, destination, prefix, gateway, dev: Some(dev.to_owned()), metric, src: None }
}

/// `dst = 0.0.0.0/0, nh = 192.0.2.253, mt = 100`.
fn nm_route(v: &str, dev: &str, o: Origin) -> Option<Route> {
    let mut dst = None;
    let mut nh = None;
    let mut mt = None;
    for part in v.split(',') {
        let (k, val) = part.split_once('=')?;
        match k.trim() {
            "dst" => dst = ipv4_prefix(val.trim()),
            "nh" => nh = ipv4(val.trim()),
            "mt" => mt = val.trim().parse().ok(),
            _ => {}
        }
    }
    let (d, p) = dst?;
    Some(route(d, p, nh.filter(|g| !g.is_unspecified()), dev, mt, o))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(
            kv("IP4.ADDRESS[1]:                         192.0.2.201/24"),
            Some(("IP4.ADDRESS", "192.0.2.201/24"))
        );
        assert_eq!(
            kv("802-3-ethernet.generate-mac-address-mask:--"),
            Some(("802-3-ethernet.generate-mac-address-mask", "--"))
        );
        assert_eq!(kv("IPAddress         : 192.0.2.1"), None);
        assert_eq!(kv("State: routable"), None);
    }

    #[test]
    fn rows() {
        let r = con_row("System eth0         5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03  ethernet  eth0")
            .unwrap();
        assert_eq!(
            r,
            ("System eth0", "5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03", Some("ethernet"), Some("eth0"))
        );
        let t = terse("a\\:b:5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03:802-3-ethernet:").unwrap();
        assert_eq!(t, ["a:b", "5fb06bd0-0bb0-7ffb-45f1-d6edd65f3e03", "802-3-ethernet", ""]);
        assert_eq!(state("100 (connected)"), Some(LinkState::Up));
        assert_eq!(state("10 (unmanaged)"), None);
    }
}
