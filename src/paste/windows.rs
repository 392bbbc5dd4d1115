//! Windows: `ipconfig` and `ipconfig /all` in English, Simplified and
//! Traditional Chinese; PowerShell's list view of `Get-NetIPAddress`,
//! `Get-NetIPConfiguration`, `Get-NetAdapter` and `Win32_OperatingSystem`.
//!
//! ipconfig translates its labels. The Chinese ones here are the labels
//! zh-CN and zh-TW Windows print, as quoted in public posts of real output
//! (see the samples in `tests/paste/handwritten/`, whose headers name
//! them). PowerShell prints property names, which Windows never
//! translates, so its readers need no table.

use std::net::Ipv4Addr;

use super::findings::{
    Address, Builder, Dns, Language, Lines, LinkState, Origin, OsEvidence, OsSeen, Route, Seen,
};
use super::os::os_from_caption;
use super::text::{ipv4, ipv4_words, leading_ipv4, mac, mask, squash, Line};
use super::Tool;

/// What an ipconfig label holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    Ipv4,
    Mask,
    Gateway,
    Dns,
    Dhcp,
    Mac,
    Media,
    Other,
}

/// ipconfig's labels (lower case, whitespace squashed) in each language.
const LABELS: &[(&str, Key, Language)] = &[
    ("ipv4 address", Key::Ipv4, Language::En),
    ("ip address", Key::Ipv4, Language::En),
    ("subnet mask", Key::Mask, Language::En),
    ("default gateway", Key::Gateway, Language::En),
    ("dns servers", Key::Dns, Language::En),
    ("dhcp enabled", Key::Dhcp, Language::En),
    ("physical address", Key::Mac, Language::En),
    ("media state", Key::Media, Language::En),
    ("ipv4 地址", Key::Ipv4, Language::ZhCn),
    ("子网掩码", Key::Mask, Language::ZhCn),
    ("默认网关", Key::Gateway, Language::ZhCn),
    ("dns 服务器", Key::Dns, Language::ZhCn),
    ("dhcp 已启用", Key::Dhcp, Language::ZhCn),
    ("物理地址", Key::Mac, Language::ZhCn),
    ("媒体状态", Key::Media, Language::ZhCn),
    ("ipv4 位址", Key::Ipv4, Language::ZhTw),
    ("子網路遮罩", Key::Mask, Language::ZhTw),
    ("預設閘道", Key::Gateway, Language::ZhTw),
    ("dns 伺服器", Key::Dns, Language::ZhTw),
    ("dhcp 已啟用", Key::Dhcp, Language::ZhTw),
    ("實體位址", Key::Mac, Language::ZhTw),
    ("媒體狀態", Key::Media, Language::ZhTw),
];

/// The titles ipconfig starts with.
const TITLES: &[(&str, Language)] = &[
    ("Windows IP Configuration", Language::En),
    ("Windows IP 配置", Language::ZhCn),
    ("Windows IP 設定", Language::ZhTw),
];

/// The words before an adapter's alias in its header
/// (`Ethernet adapter Ethernet 2:`, `以太网适配器 以太网:`, `乙太網路卡 乙太網路:`).
const ADAPTER_MARKERS: &[(&str, Language)] = &[
    (" adapter ", Language::En),
    ("适配器 ", Language::ZhCn),
    ("介面卡 ", Language::ZhTw),
    ("網路卡 ", Language::ZhTw),
];

fn label(s: &str) -> (Key, Option<Language>) {
    // The labels' letters are ASCII (the Chinese ones have no case).
    let l = squash(s).to_ascii_lowercase();
    LABELS
        .iter()
        .find(|(t, _, _)| *t == l)
        .map_or((Key::Other, None), |&(_, k, lang)| (k, Some(lang)))
}

fn yes_no(v: &str) -> Option<bool> {
    match v.trim() {
        "Yes" | "是" => Some(true),
        "No" | "否" => Some(false),
        _ => None,
    }
}

/// `   Label . . . . : value`: the label (dot leader removed) and the value.
fn key_line(t: &str) -> Option<(&str, &str)> {
    if !t.starts_with(char::is_whitespace) {
        return None;
    }
    let colon = t.find([':', '：'])?;
    let sep = t[colon..].chars().next().map_or(1, char::len_utf8);
    let left = t[..colon].trim();
    if !left.ends_with('.') {
        return None;
    }
    let label = left.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    (!label.is_empty()).then(|| (label, t[colon + sep..].trim()))
}

fn title(t: &str) -> Option<Language> {
    TITLES.iter().find(|(x, _)| t.trim() == *x).map(|&(_, l)| l)
}

fn adapter(t: &str) -> Option<(&str, Language)> {
    if t.starts_with(char::is_whitespace) {
        return None;
    }
    let body = t.strip_suffix(':').or_else(|| t.strip_suffix('：'))?;
    ADAPTER_MARKERS.iter().find_map(|&(m, lang)| {
        let at = body.find(m)?;
        let alias = body[at + m.len()..].trim();
        (!alias.is_empty()).then_some((alias, lang))
    })
}

/// Whether a line is ipconfig's: its title, an adapter header, or a
/// `Label . . . : value` line.
pub(crate) fn is_ipconfig(line: &Line) -> bool {
    let t = &line.text;
    title(t).is_some() || adapter(t).is_some() || key_line(t).is_some()
}

pub(crate) struct IpconfigReader {
    language: Option<Language>,
    adapter: Option<usize>,
    key: Key,
    /// The last address, waiting for its mask line.
    pending: Option<usize>,
    lines: Option<Lines>,
}

impl IpconfigReader {
    pub fn new() -> IpconfigReader {
        IpconfigReader {
            language: None,
            adapter: None,
            key: Key::Other,
            pending: None,
            lines: None,
        }
    }

    pub fn language(&self) -> Option<Language> {
        self.language
    }

    pub fn feed(&mut self, line: &Line, other_start: bool, b: &mut Builder) -> bool {
        if line.is_blank() {
            return true;
        }
        let t: &str = &line.text;
        let o = line.origin(Tool::Ipconfig);
        if let Some(lang) = title(t) {
            if self.lines.is_some() {
                return false;
            }
            self.language.get_or_insert(lang);
            self.adapter = None;
        } else if let Some((alias, lang)) = adapter(t) {
            self.language.get_or_insert(lang);
            self.adapter = b.iface(alias, true, o);
            self.key = Key::Other;
            self.pending = None;
        } else if let Some((l, value)) = key_line(t) {
            let (key, lang) = label(l);
            if let Some(lang) = lang {
                self.language.get_or_insert(lang);
            }
            self.key = key;
            self.value(value, o, b);
        } else if other_start {
            return false;
        } else if line.indented() {
            // More values of the last label (DNS servers, gateways).
            self.value(t.trim(), o, b);
        }
        // A line at column 0 that no reader knows: the tail of a value the
        // console wrapped (a long Description), kept in the block.
        let l = line.span();
        self.lines = Some(self.lines.map_or(l, |x| x.span(l)));
        true
    }

    fn value(&mut self, value: &str, o: Origin, b: &mut Builder) {
        let Some(i) = self.adapter else { return };
        let alias = b.f.interfaces[i].name.value.clone();
        match self.key {
            Key::Ipv4 => {
                if let Some(ip) = ipv4(leading_ipv4(value)) {
                    self.pending = b.address(i, Address::new(Seen::new(ip, o)));
                }
            }
            Key::Mask => {
                if let (Some(k), Some(p)) = (self.pending.take(), mask(value)) {
                    let a = b.address_mut(i, k);
                    if a.prefix.is_none() {
                        a.prefix = Some(Seen::new(p, o));
                    }
                }
            }
            Key::Gateway => {
                for gw in ipv4_words(value) {
                    b.route(default_route(gw, &alias, o));
                }
            }
            Key::Dns => {
                for d in ipv4_words(value) {
                    b.dns(Dns { server: Seen::new(d, o), interface: Some(alias.clone()) });
                }
            }
            Key::Dhcp => {
                if let Some(y) = yes_no(value) {
                    b.dhcp(i, Seen::new(y, o));
                }
            }
            Key::Mac => {
                if let Some(m) = mac(value) {
                    b.mac(i, Seen::new(m, o));
                }
            }
            Key::Media => {
                if !value.is_empty() {
                    b.state(i, Seen::new(LinkState::Down, o));
                }
            }
            Key::Other => {}
        }
    }
}

fn default_route(gw: Ipv4Addr, dev: &str, o: Origin) -> Route {
    Route {
        origin: o,
        destination: Ipv4Addr::UNSPECIFIED,
        prefix: 0,
        gateway: Some(gw),
        dev: Some(dev.to_owned()),
        metric: None,
        src: None,
    }
}

/// `Key   : value` at column 0 (PowerShell's list view): a property name
/// (letters, digits, `.`, `_`, `-`), at least one space, the colon.
fn ps_key(t: &str) -> Option<(&str, &str)> {
    let (left, value) = t.split_once(':')?;
    let key = left.trim_end();
    let ok = key.len() < left.len()
        && key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'));
    ok.then(|| (key, value.trim()))
}

/// Whether a line is a PowerShell list-view property.
pub(crate) fn is_ps_list(line: &Line) -> bool {
    !line.indented() && ps_key(&line.text).is_some()
}

/// One property: its name and its values (a list goes on over indented lines).
struct Property {
    key: String,
    values: Vec<(String, Lines)>,
}

/// PowerShell list views: records of `Key : value` separated by blank
/// lines, read when complete.
pub(crate) struct PsListReader {
    record: Vec<Property>,
}

impl PsListReader {
    pub fn new() -> PsListReader {
        PsListReader { record: Vec::new() }
    }

    pub fn feed(&mut self, line: &Line, other_start: bool, b: &mut Builder) -> bool {
        if line.is_blank() {
            self.flush(b);
            return true;
        }
        let t: &str = &line.text;
        if !line.indented() {
            let Some((key, value)) = ps_key(t) else { return false };
            if self.record.iter().any(|p| p.key.eq_ignore_ascii_case(key)) {
                // The same property again: a new record without a blank line.
                self.flush(b);
            }
            if self.record.len() < 128 {
                self.record.push(Property {
                    key: key.to_owned(),
                    values: vec![(value.to_owned(), line.span())],
                });
            }
            return true;
        }
        if other_start {
            return false;
        }
        match self.record.last_mut() {
            Some(p) if p.values.len() < 64 => p.values.push((t.trim().to_owned(), line.span())),
            Some(_) => {}
            None => return false,
        }
        true
    }

    pub fn finish(mut self, b: &mut Builder) {
        self.flush(b);
    }

    fn flush(&mut self, b: &mut Builder) {
        let rec = std::mem::take(&mut self.record);
        let lines_of = |rec: &[Property]| -> Option<Lines> {
            let first = rec.iter().flat_map(|p| p.values.iter().map(|v| v.1.first)).min()?;
            let last = rec.iter().flat_map(|p| p.values.iter().map(|v| v.1.last)).max()?;
            Some(Lines { first, last })
        };
        let Some(lines) = lines_of(&rec) else { return };
        let get = |k: &str| rec.iter().find(|p| p.key.eq_ignore_ascii_case(k));
        let first = |k: &str| get(k).and_then(|p| p.values.first()).filter(|(v, _)| !v.is_empty());
        let tool = if get("IPAddress").is_some() {
            Tool::GetNetIPAddress
        } else if get("InterfaceAlias").is_some()
            && (get("IPv4Address").is_some()
                || get("IPv4DefaultGateway").is_some()
                || get("DNSServer").is_some())
        {
            Tool::GetNetIPConfiguration
        } else if get("MacAddress").is_some()
            && (get("Name").is_some() || get("InterfaceAlias").is_some())
        {
            Tool::GetNetAdapter
        } else if ["Caption", "OsName", "WindowsProductName"]
            .iter()
            .any(|k| first(k).is_some_and(|(v, _)| v.contains("Windows")))
        {
            Tool::WindowsCaption
        } else {
            for l in rec.iter().flat_map(|p| p.values.iter().map(|v| v.1)) {
                b.ignored_lines(l);
            }
            return;
        };
        b.block(tool, lines, None);
        let o = |l: Lines| Origin { tool, lines: l };
        if tool == Tool::WindowsCaption {
            for k in ["Caption", "OsName", "WindowsProductName"] {
                if let Some((v, n)) = first(k).filter(|(v, _)| v.contains("Windows")) {
                    b.os(OsSeen {
                        os: os_from_caption(v),
                        evidence: OsEvidence::Caption(v.clone()),
                        origin: o(*n),
                    });
                    break;
                }
            }
            return;
        }
        let alias = first("InterfaceAlias").or_else(|| first("Name"));
        let Some((alias, alias_line)) = alias else { return };
        let Some(i) = b.iface(alias, true, o(*alias_line)) else { return };
        match tool {
            Tool::GetNetIPAddress => {
                let Some((ip, n)) = first("IPAddress") else { return };
                let v4 = first("AddressFamily").is_none_or(|(f, _)| f == "IPv4" || f == "2");
                let Some(ip) = ipv4(ip).filter(|_| v4) else { return };
                let mut a = Address::new(Seen::new(ip, o(*n)));
                if let Some((p, n)) = first("PrefixLength") {
                    a.prefix =
                        p.parse::<u8>().ok().filter(|p| *p <= 32).map(|p| Seen::new(p, o(*n)));
                }
                if let Some((v, n)) = first("PrefixOrigin") {
                    a.dynamic = match v.as_str() {
                        "Dhcp" => Some(Seen::new(true, o(*n))),
                        "Manual" | "WellKnown" => Some(Seen::new(false, o(*n))),
                        _ => None,
                    };
                }
                if let Some((v, n)) = first("SkipAsSource") {
                    a.skip_as_source = match v.as_str() {
                        "True" => Some(Seen::new(true, o(*n))),
                        "False" => Some(Seen::new(false, o(*n))),
                        _ => None,
                    };
                }
                b.address(i, a);
            }
            Tool::GetNetIPConfiguration => {
                for (v, n) in get("IPv4Address").map(|p| p.values.as_slice()).unwrap_or(&[]) {
                    for ip in ipv4_words(v) {
                        b.address(i, Address::new(Seen::new(ip, o(*n))));
                    }
                }
                for (v, n) in get("IPv4DefaultGateway").map(|p| p.values.as_slice()).unwrap_or(&[])
                {
                    for gw in ipv4_words(v) {
                        b.route(default_route(gw, alias, o(*n)));
                    }
                }
                for (v, n) in get("DNSServer").map(|p| p.values.as_slice()).unwrap_or(&[]) {
                    for d in ipv4_words(v) {
                        b.dns(Dns { server: Seen::new(d, o(*n)), interface: Some(alias.clone()) });
                    }
                }
                if let Some((v, n)) = first("NetIPv4Interface.DHCP") {
                    match v.as_str() {
                        "Enabled" => b.dhcp(i, Seen::new(true, o(*n))),
                        "Disabled" => b.dhcp(i, Seen::new(false, o(*n))),
                        _ => {}
                    }
                }
                self.adapter_details(
                    &rec,
                    i,
                    tool,
                    b,
                    "NetAdapter.LinkLayerAddress",
                    "NetAdapter.Status",
                );
            }
            _ => self.adapter_details(&rec, i, tool, b, "MacAddress", "Status"),
        }
    }

    fn adapter_details(
        &self,
        rec: &[Property],
        i: usize,
        tool: Tool,
        b: &mut Builder,
        mac_key: &str,
        status_key: &str,
    ) {
        let first = |k: &str| {
            rec.iter().find(|p| p.key.eq_ignore_ascii_case(k)).and_then(|p| p.values.first())
        };
        if let Some((v, n)) = first(mac_key) {
            if let Some(m) = mac(v) {
                b.mac(i, Seen::new(m, Origin { tool, lines: *n }));
            }
        }
        if let Some((v, n)) = first(status_key) {
            let s = match v.as_str() {
                "Up" => Some(LinkState::Up),
                "Disconnected" | "Disabled" | "Not Present" => Some(LinkState::Down),
                _ => None,
            };
            if let Some(s) = s {
                b.state(i, Seen::new(s, Origin { tool, lines: *n }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipconfig_lines() {
        assert_eq!(
            key_line("   IPv4 Address. . . . . . . . . . . : 192.168.1.5(Preferred)"),
            Some(("IPv4 Address", "192.168.1.5(Preferred)"))
        );
        assert_eq!(
            key_line("   子网掩码  . . . . . . . . . . . . : 255.255.255.0"),
            Some(("子网掩码", "255.255.255.0"))
        );
        assert_eq!(key_line("   主機名稱 . . . . . . . . . . . . .: QA"), Some(("主機名稱", "QA")));
        assert_eq!(
            key_line("   Connection-specific DNS Suffix  . :"),
            Some(("Connection-specific DNS Suffix", ""))
        );
        assert_eq!(key_line("                                       fe80::1%17"), None);
        assert_eq!(key_line("Host Name:                 WIN"), None);
        assert_eq!(adapter("Ethernet adapter Ethernet 2:"), Some(("Ethernet 2", Language::En)));
        assert_eq!(adapter("以太网适配器 以太网:"), Some(("以太网", Language::ZhCn)));
        assert_eq!(
            adapter("無線區域網路介面卡 區域連線* 1:"),
            Some(("區域連線* 1", Language::ZhTw))
        );
        assert_eq!(
            adapter("Ethernet adapter VMware Network Adapter VMnet1:"),
            Some(("VMware Network Adapter VMnet1", Language::En))
        );
        assert_eq!(label("DHCP   Enabled"), (Key::Dhcp, Some(Language::En)));
        assert_eq!(label("Dhcp Enabled"), (Key::Dhcp, Some(Language::En)));
    }

    #[test]
    fn ps_keys() {
        assert_eq!(ps_key("IPAddress         : 192.0.2.1"), Some(("IPAddress", "192.0.2.1")));
        assert_eq!(ps_key("IPv6DefaultGateway   :"), Some(("IPv6DefaultGateway", "")));
        assert_eq!(
            ps_key("NetAdapter.LinkLayerAddress : 00-16-3E-12-34-56"),
            Some(("NetAdapter.LinkLayerAddress", "00-16-3E-12-34-56"))
        );
        assert_eq!(ps_key("GENERAL.DEVICE:  eth0"), None);
        assert_eq!(ps_key("OS Name:   Microsoft Windows Server 2022"), None);
    }
}
