//! What [`super::read`] found: every value with the tool and the lines it
//! came from, and the builder the readers fill it through (it merges what
//! several tools say about one interface, address or route).

use std::net::Ipv4Addr;

use super::MAX_ITEMS;
use crate::catalog::os::Os;
use crate::closed::closed_enum;
use crate::plan::Mac;

/// A range of 1-based line numbers of the pasted text, `first..=last`. A
/// value read from one line has `first == last`; one assembled from
/// several (an OS from `ID=` and `VERSION_ID=`, a wrapped line) spans them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lines {
    /// The first line.
    pub first: u32,
    /// The last line (`>= first`).
    pub last: u32,
}

impl Lines {
    /// One line.
    pub const fn one(n: u32) -> Lines {
        Lines { first: n, last: n }
    }

    /// The smallest range holding both.
    pub fn span(self, other: Lines) -> Lines {
        Lines { first: self.first.min(other.first), last: self.last.max(other.last) }
    }

    /// Whether line `n` is inside.
    pub fn contains(self, n: u32) -> bool {
        (self.first..=self.last).contains(&n)
    }
}

closed_enum! {
    /// The program (or file) whose output a value was read from.
    Tool {
        /// `ip addr` / `ip a` / `ip -4 addr` / `ip -o addr` / `ip link`, iproute2 or BusyBox.
        IpAddr => "ip-addr",
        /// `ip -br addr` / `ip -br link`.
        IpBrief => "ip-brief",
        /// `ip route`.
        IpRoute => "ip-route",
        /// `route -n` (net-tools or BusyBox).
        RouteN => "route-n",
        /// `netstat -rn` (net-tools or BusyBox).
        NetstatRn => "netstat-rn",
        /// `nmcli con show`, the list of profiles (also `-t`).
        NmcliConShow => "nmcli-con-show",
        /// `nmcli con show NAME`, one profile's settings and state.
        NmcliConProfile => "nmcli-con-profile",
        /// `nmcli dev show`.
        NmcliDevShow => "nmcli-dev-show",
        /// `nmcli dev` (`nmcli device status`), the list of devices.
        NmcliDevStatus => "nmcli-dev-status",
        /// `networkctl status` (systemd-networkd).
        Networkctl => "networkctl",
        /// `/etc/os-release`.
        OsRelease => "os-release",
        /// `/etc/resolv.conf`.
        ResolvConf => "resolv-conf",
        /// Windows `ipconfig` or `ipconfig /all`, in any language the reader knows.
        Ipconfig => "ipconfig",
        /// PowerShell `Get-NetIPAddress` (list view).
        GetNetIPAddress => "get-netipaddress",
        /// PowerShell `Get-NetIPConfiguration` (list view, also `-Detailed`).
        GetNetIPConfiguration => "get-netipconfiguration",
        /// PowerShell `Get-NetAdapter | Format-List`.
        GetNetAdapter => "get-netadapter",
        /// A line naming the Windows release: `systeminfo`'s OS Name, the
        /// `Caption` of `Win32_OperatingSystem`, `Get-ComputerInfo`'s `OsName`.
        WindowsCaption => "windows-caption",
    }
}

impl Tool {
    /// The command that prints this output, as a user would type it (for a
    /// "from line N (`ip addr`)" hint; it is a command, not prose).
    pub const fn command(self) -> &'static str {
        match self {
            Tool::IpAddr => "ip addr",
            Tool::IpBrief => "ip -br addr",
            Tool::IpRoute => "ip route",
            Tool::RouteN => "route -n",
            Tool::NetstatRn => "netstat -rn",
            Tool::NmcliConShow => "nmcli con show",
            Tool::NmcliConProfile => "nmcli con show NAME",
            Tool::NmcliDevShow => "nmcli dev show",
            Tool::NmcliDevStatus => "nmcli dev",
            Tool::Networkctl => "networkctl status",
            Tool::OsRelease => "cat /etc/os-release",
            Tool::ResolvConf => "cat /etc/resolv.conf",
            Tool::Ipconfig => "ipconfig /all",
            Tool::GetNetIPAddress => "Get-NetIPAddress",
            Tool::GetNetIPConfiguration => "Get-NetIPConfiguration",
            Tool::GetNetAdapter => "Get-NetAdapter",
            Tool::WindowsCaption => "systeminfo",
        }
    }

    /// Whether the tool runs on Windows.
    pub const fn is_windows(self) -> bool {
        matches!(
            self,
            Tool::Ipconfig
                | Tool::GetNetIPAddress
                | Tool::GetNetIPConfiguration
                | Tool::GetNetAdapter
                | Tool::WindowsCaption
        )
    }
}

closed_enum! {
    /// The language of a localised output (only Windows translates what
    /// the reader looks at).
    Language {
        /// English.
        En => "en",
        /// Simplified Chinese (zh-CN Windows).
        ZhCn => "zh-cn",
        /// Traditional Chinese (zh-TW Windows).
        ZhTw => "zh-tw",
    }
}

/// Where a value came from: the tool and the lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The tool whose output held it.
    pub tool: Tool,
    /// The lines it was read from.
    pub lines: Lines,
}

impl Origin {
    /// `tool` on one line.
    pub const fn line(tool: Tool, n: u32) -> Origin {
        Origin { tool, lines: Lines::one(n) }
    }
}

/// A value and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen<T> {
    /// The value.
    pub value: T,
    /// Where it was read.
    pub origin: Origin,
}

impl<T> Seen<T> {
    /// `value` read at `origin`.
    pub const fn new(value: T, origin: Origin) -> Seen<T> {
        Seen { value, origin }
    }
}

closed_enum! {
    /// A link's operational state, as `ip` names them (other tools' states
    /// are mapped onto these).
    LinkState {
        /// Up and running (`UP`; nmcli `connected`; networkctl `routable`,
        /// `degraded`, `carrier`).
        Up => "up",
        /// Down, no carrier, disconnected (`DOWN`; ipconfig "Media disconnected").
        Down => "down",
        /// `LOWERLAYERDOWN`.
        LowerLayerDown => "lowerlayerdown",
        /// `DORMANT`.
        Dormant => "dormant",
        /// `NOTPRESENT`.
        NotPresent => "notpresent",
        /// `TESTING`.
        Testing => "testing",
        /// `UNKNOWN` (loopback, tunnels and some virtual NICs report it).
        Unknown => "unknown",
    }
}

/// One IPv4 address on an interface.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// The address.
    pub ip: Seen<Ipv4Addr>,
    /// Its prefix length (from `/24`, a subnet mask or `PrefixLength`).
    pub prefix: Option<Seen<u8>>,
    /// Whether it came from DHCP: `true` for ip's `dynamic` flag or a
    /// finite `valid_lft`, networkctl's `(DHCP4 …)`, nmcli's DHCP lease,
    /// `PrefixOrigin Dhcp`; `false` for `valid_lft forever`, `PrefixOrigin
    /// Manual`, a profile's static `ipv4.addresses`. Windows' "DHCP
    /// Enabled" is on the [`Interface`] instead.
    pub dynamic: Option<Seen<bool>>,
    /// ip's `secondary` flag: the kernel holds another address of the same
    /// subnet as the primary one (`false`: shown by ip without the flag).
    pub secondary: Option<Seen<bool>>,
    /// The address label when it differs from the interface name (`eth0:0`).
    pub label: Option<Seen<String>>,
    /// Windows `SkipAsSource`.
    pub skip_as_source: Option<Seen<bool>>,
}

impl Address {
    /// An address with nothing known but itself.
    pub fn new(ip: Seen<Ipv4Addr>) -> Address {
        Address {
            ip,
            prefix: None,
            dynamic: None,
            secondary: None,
            label: None,
            skip_as_source: None,
        }
    }
}

/// A network interface (Linux) or adapter (Windows), with what every
/// tool said about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interface {
    /// The Linux name (`eth0`; ip's `@peer` suffix removed) or the Windows
    /// interface alias (`Ethernet 2`, `以太网`).
    pub name: Seen<String>,
    /// Whether `name` is a Windows alias.
    pub windows: bool,
    /// The MAC address.
    pub mac: Option<Seen<Mac>>,
    /// The link state.
    pub state: Option<Seen<LinkState>>,
    /// Windows "DHCP Enabled" / `NetIPv4Interface.DHCP`.
    pub dhcp: Option<Seen<bool>>,
    /// The IPv4 addresses, in the order the tools listed them.
    pub addresses: Vec<Address>,
}

/// One IPv4 route.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// Where it was read (the whole route is on these lines).
    pub origin: Origin,
    /// The destination network (`0.0.0.0` for the default route).
    pub destination: Ipv4Addr,
    /// The destination's prefix length (0 for the default route).
    pub prefix: u8,
    /// The next hop; `None` for an on-link route.
    pub gateway: Option<Ipv4Addr>,
    /// The interface (or Windows alias) it leaves through.
    pub dev: Option<String>,
    /// The metric, when the tool shows it (`ip route` prints none for 0,
    /// which is read as 0).
    pub metric: Option<u32>,
    /// The preferred source address (`ip route … src`).
    pub src: Option<Ipv4Addr>,
}

impl Route {
    /// Whether this is a default route (`0.0.0.0/0`).
    pub fn is_default(&self) -> bool {
        self.prefix == 0
    }
}

/// A NetworkManager connection profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    /// The profile's name (`System eth0`, `cloud-init eth0`, `Wired connection 1`).
    pub name: Seen<String>,
    /// Its UUID.
    pub uuid: Option<String>,
    /// Its type as nmcli prints it (`ethernet`, `802-3-ethernet`).
    pub kind: Option<String>,
    /// The device it is active on; `None` for an inactive profile.
    pub device: Option<Seen<String>>,
    /// `ipv4.method` (`auto`, `manual`, …).
    pub ipv4_method: Option<Seen<String>>,
}

/// A DNS server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dns {
    /// Its address.
    pub server: Seen<Ipv4Addr>,
    /// The interface it was listed for; `None` when the tool lists them for
    /// the whole system (`resolv.conf`, networkctl's summary).
    pub interface: Option<String>,
}

/// What named the operating system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OsEvidence {
    /// `/etc/os-release`'s `ID` and `VERSION_ID`, unquoted.
    Release {
        /// `ID`.
        id: String,
        /// `VERSION_ID`, when present.
        version_id: Option<String>,
    },
    /// A Windows caption (`Microsoft Windows Server 2022 Datacenter`).
    Caption(String),
}

/// An operating system seen in the paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OsSeen {
    /// The catalog's OS, or `None` when the evidence names one the catalog
    /// does not hold.
    pub os: Option<Os>,
    /// What named it.
    pub evidence: OsEvidence,
    /// Where (for os-release, from the `ID=` line to the `VERSION_ID=` line).
    pub origin: Origin,
}

/// A stretch of the paste recognised as one tool's output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// The tool.
    pub tool: Tool,
    /// Its first and last recognised lines.
    pub lines: Lines,
    /// The output's language, when the tool translates its labels.
    pub language: Option<Language>,
}

/// Which value two outputs disagree about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClashAttribute {
    /// The interface's MAC address.
    Mac,
    /// The prefix length of one address.
    Prefix(Ipv4Addr),
}

/// Two outputs that say different things about the same value (the first
/// one is kept in the findings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clash {
    /// The interface (name or alias) concerned.
    pub interface: String,
    /// The value.
    pub attribute: ClashAttribute,
    /// The value kept, as text, and where it came from.
    pub kept: Seen<String>,
    /// The other value, as text, and where it came from.
    pub other: Seen<String>,
}

/// Everything [`super::read`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Findings {
    /// Interfaces and Windows adapters, in the order first seen.
    pub interfaces: Vec<Interface>,
    /// IPv4 routes (the same route from several tools appears once).
    pub routes: Vec<Route>,
    /// NetworkManager profiles.
    pub connections: Vec<Connection>,
    /// DNS servers.
    pub dns: Vec<Dns>,
    /// Operating systems named.
    pub os: Vec<OsSeen>,
    /// The recognised blocks, in order.
    pub blocks: Vec<Block>,
    /// Non-blank lines no reader recognised (runs of adjacent lines merged).
    pub ignored: Vec<Lines>,
    /// Values two outputs disagree about.
    pub clashes: Vec<Clash>,
    /// How many lines were read.
    pub lines: u32,
    /// Whether the paste was longer than the bound ([`super::MAX_BYTES`],
    /// [`super::MAX_LINES`]) or held more items than
    /// [`super::MAX_ITEMS`] of a kind, so something was left out.
    pub truncated: bool,
}

impl Findings {
    /// The interface called `name` (a Windows alias when `windows`).
    pub fn interface(&self, name: &str, windows: bool) -> Option<&Interface> {
        self.interfaces.iter().find(|i| i.windows == windows && i.name.value == name)
    }
}

/// Fills [`Findings`], merging what several tools say about one thing and
/// keeping every list under [`MAX_ITEMS`].
#[derive(Default)]
pub(crate) struct Builder {
    pub f: Findings,
    /// Whether an ignored line came after the last block (so a new block
    /// of the same tool is not merged into it).
    gap: bool,
}

/// Pushes `item` unless `list` is full (then marks the findings truncated).
fn bounded_push<T>(list: &mut Vec<T>, item: T, truncated: &mut bool) -> bool {
    if list.len() >= MAX_ITEMS {
        *truncated = true;
        return false;
    }
    list.push(item);
    true
}

/// `slot` gets `value` when it holds nothing yet.
fn fill<T>(slot: &mut Option<T>, value: Option<T>) {
    if slot.is_none() {
        *slot = value;
    }
}

impl Builder {
    /// The interface `name`, created at `origin` when new; `None` when the
    /// list is full.
    pub fn iface(&mut self, name: &str, windows: bool, origin: Origin) -> Option<usize> {
        if let Some(i) =
            self.f.interfaces.iter().position(|i| i.windows == windows && i.name.value == name)
        {
            return Some(i);
        }
        let new = Interface {
            name: Seen::new(name.to_owned(), origin),
            windows,
            mac: None,
            state: None,
            dhcp: None,
            addresses: Vec::new(),
        };
        bounded_push(&mut self.f.interfaces, new, &mut self.f.truncated)
            .then(|| self.f.interfaces.len() - 1)
    }

    /// Records the interface's MAC (a different one is a clash).
    pub fn mac(&mut self, i: usize, mac: Seen<Mac>) {
        let iface = &mut self.f.interfaces[i];
        match &iface.mac {
            None => iface.mac = Some(mac),
            Some(kept) if kept.value != mac.value => {
                let clash = Clash {
                    interface: iface.name.value.clone(),
                    attribute: ClashAttribute::Mac,
                    kept: Seen::new(kept.value.to_string(), kept.origin),
                    other: Seen::new(mac.value.to_string(), mac.origin),
                };
                bounded_push(&mut self.f.clashes, clash, &mut self.f.truncated);
            }
            Some(_) => {}
        }
    }

    /// Records the link state (the first one seen is kept).
    pub fn state(&mut self, i: usize, state: Seen<LinkState>) {
        fill(&mut self.f.interfaces[i].state, Some(state));
    }

    /// Records Windows' DHCP flag (the first one seen is kept).
    pub fn dhcp(&mut self, i: usize, dhcp: Seen<bool>) {
        fill(&mut self.f.interfaces[i].dhcp, Some(dhcp));
    }

    /// Adds an address, or completes the one already there (a different
    /// prefix is a clash); returns its index.
    pub fn address(&mut self, i: usize, a: Address) -> Option<usize> {
        let iface = &mut self.f.interfaces[i];
        let Some(k) = iface.addresses.iter().position(|x| x.ip.value == a.ip.value) else {
            return bounded_push(&mut iface.addresses, a, &mut self.f.truncated)
                .then(|| iface.addresses.len() - 1);
        };
        let kept = &mut iface.addresses[k];
        if let (Some(p), Some(q)) = (&kept.prefix, &a.prefix) {
            if p.value != q.value {
                let clash = Clash {
                    interface: iface.name.value.clone(),
                    attribute: ClashAttribute::Prefix(a.ip.value),
                    kept: Seen::new(p.value.to_string(), p.origin),
                    other: Seen::new(q.value.to_string(), q.origin),
                };
                bounded_push(&mut self.f.clashes, clash, &mut self.f.truncated);
            }
        }
        fill(&mut kept.prefix, a.prefix);
        // A lifetime or DHCP evidence beats a guess from silence.
        match (&kept.dynamic, a.dynamic) {
            (None, d) => kept.dynamic = d,
            (Some(old), Some(new)) if !old.value && new.value => kept.dynamic = Some(new),
            _ => {}
        }
        fill(&mut kept.secondary, a.secondary);
        fill(&mut kept.label, a.label);
        fill(&mut kept.skip_as_source, a.skip_as_source);
        Some(k)
    }

    /// Mutable access to an address added before.
    pub fn address_mut(&mut self, i: usize, k: usize) -> &mut Address {
        &mut self.f.interfaces[i].addresses[k]
    }

    /// Adds a route, or completes the same one seen before (same
    /// destination, gateway and interface, and the same metric unless one
    /// of the two does not show it).
    pub fn route(&mut self, r: Route) {
        let same = |x: &Route| {
            x.destination == r.destination
                && x.prefix == r.prefix
                && x.gateway == r.gateway
                && (x.dev == r.dev || x.dev.is_none() || r.dev.is_none())
                && (x.metric == r.metric || x.metric.is_none() || r.metric.is_none())
                && (x.src == r.src || x.src.is_none() || r.src.is_none())
        };
        if let Some(x) = self.f.routes.iter_mut().find(|x| same(x)) {
            // What only the later sighting shows is on its lines: a
            // sighting that shows all the first one does and more becomes
            // the origin (a line cut short before `dev`, then the whole
            // line); one that adds a value and lacks another spans both.
            let adds = (x.dev.is_none() && r.dev.is_some())
                || (x.metric.is_none() && r.metric.is_some())
                || (x.src.is_none() && r.src.is_some());
            let covers = (x.dev.is_none() || r.dev.is_some())
                && (x.metric.is_none() || r.metric.is_some())
                && (x.src.is_none() || r.src.is_some());
            if adds && covers {
                x.origin = r.origin;
            } else if adds {
                x.origin.lines = x.origin.lines.span(r.origin.lines);
            }
            fill(&mut x.dev, r.dev);
            fill(&mut x.metric, r.metric);
            fill(&mut x.src, r.src);
            return;
        }
        bounded_push(&mut self.f.routes, r, &mut self.f.truncated);
    }

    /// Adds a DNS server (the same server for the same interface once).
    pub fn dns(&mut self, d: Dns) {
        if self.f.dns.iter().any(|x| x.server.value == d.server.value && x.interface == d.interface)
        {
            return;
        }
        bounded_push(&mut self.f.dns, d, &mut self.f.truncated);
    }

    /// Adds a profile, or completes the one of the same name.
    pub fn connection(&mut self, c: Connection) {
        if let Some(x) = self.f.connections.iter_mut().find(|x| x.name.value == c.name.value) {
            fill(&mut x.uuid, c.uuid);
            fill(&mut x.kind, c.kind);
            fill(&mut x.device, c.device);
            fill(&mut x.ipv4_method, c.ipv4_method);
            return;
        }
        bounded_push(&mut self.f.connections, c, &mut self.f.truncated);
    }

    /// Adds an OS sighting (the same evidence once).
    pub fn os(&mut self, o: OsSeen) {
        if self.f.os.iter().any(|x| x.evidence == o.evidence) {
            return;
        }
        bounded_push(&mut self.f.os, o, &mut self.f.truncated);
    }

    /// Records a recognised block; one right after a block of the same tool
    /// and language extends it.
    pub fn block(&mut self, tool: Tool, lines: Lines, language: Option<Language>) {
        if !self.gap {
            if let Some(last) = self.f.blocks.last_mut() {
                if last.tool == tool && last.language == language && last.lines.last <= lines.first
                {
                    last.lines = last.lines.span(lines);
                    return;
                }
            }
        }
        self.gap = false;
        bounded_push(&mut self.f.blocks, Block { tool, lines, language }, &mut self.f.truncated);
    }

    /// Adds the interfaces that routes and active connections name but no
    /// interface listing showed (a paste of `route -n` alone names eth0).
    pub fn named_interfaces(&mut self) {
        let mut named: Vec<(String, bool, Origin)> = Vec::new();
        for r in &self.f.routes {
            if let Some(d) = &r.dev {
                named.push((d.clone(), r.origin.tool.is_windows(), r.origin));
            }
        }
        for c in &self.f.connections {
            if let Some(d) = &c.device {
                named.push((d.value.clone(), false, d.origin));
            }
        }
        for (name, windows, origin) in named {
            self.iface(&name, windows, origin);
        }
    }

    /// Records lines no reader took.
    pub fn ignored_lines(&mut self, l: Lines) {
        for n in l.first..=l.last {
            self.ignored(n);
        }
    }

    /// Takes back lines recorded as ignored (comments a block turned out to start with).
    pub fn unignore(&mut self, l: Lines) {
        self.f.ignored.retain(|x| !(l.first <= x.first && x.last <= l.last));
    }

    /// Records a line no reader took.
    pub fn ignored(&mut self, n: u32) {
        self.gap = true;
        if let Some(last) = self.f.ignored.last_mut() {
            if last.last + 1 == n {
                last.last = n;
                return;
            }
        }
        bounded_push(&mut self.f.ignored, Lines::one(n), &mut self.f.truncated);
    }
}
