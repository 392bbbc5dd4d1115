//! From findings to form values: which interface is the ENI's, its
//! primary address, the vSwitch CIDR, gateway, DNS and the secondaries
//! already there, each with the lines it came from; and the conflicts and
//! guesses, as typed [`Issue`]s (their words are the wording module's).

use std::net::Ipv4Addr;

use super::findings::{Address, Findings, Interface, Origin, OsEvidence, Route, Seen};
use super::{ClashAttribute, Tool};
use crate::catalog::os::Os;
use crate::net::Subnet;
use crate::plan::validate::MAX_DNS;
use crate::plan::{Field, Form, Mac};

/// Which interface to propose values for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Pick {
    /// The ENI's interface as the paste shows it: the one the default
    /// route leaves through, else the only one with an address, else the
    /// first.
    #[default]
    Auto,
    /// The interface with this MAC address (any case, `:` or `-`).
    Mac(String),
    /// The interface (or Windows alias) with this name.
    Name(String),
}

impl Pick {
    /// The interface the form already names, when it says which: a
    /// secondary ENI's interface (or Windows alias) by name (the default
    /// route leaves through the primary's), else the MAC typed; else
    /// [`Pick::Auto`].
    ///
    /// ```
    /// use wizard::paste::Pick;
    /// use wizard::plan::Form;
    /// assert_eq!(Pick::for_form(&Form::default()), Pick::Auto);
    /// let eni = Form { eni_kind: "secondary".into(), interface: "eth1".into(), ..Form::default() };
    /// assert_eq!(Pick::for_form(&eni), Pick::Name("eth1".into()));
    /// let mac = Form { mac: " 00:16:3e:12:34:56 ".into(), ..Form::default() };
    /// assert_eq!(Pick::for_form(&mac), Pick::Mac("00:16:3e:12:34:56".into()));
    /// ```
    pub fn for_form(form: &Form) -> Pick {
        let windows = form.os.parse::<Os>().is_ok_and(Os::is_windows);
        let interface = if windows { &form.windows_alias } else { &form.interface }.trim();
        if form.eni_kind.trim() == "secondary" && !interface.is_empty() {
            Pick::Name(interface.to_owned())
        } else if !form.mac.trim().is_empty() {
            Pick::Mac(form.mac.trim().to_owned())
        } else {
            Pick::Auto
        }
    }
}

/// Why [`Proposal::interface`] is the one chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhyChosen {
    /// It has the MAC or name of the [`Pick`].
    Picked,
    /// The default route leaves through it.
    DefaultRoute,
    /// It is the only interface (other than loopback) with an IPv4 address.
    Only,
    /// Several could be, none has the default route: it is the first.
    First,
}

/// How much an [`Issue`] matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// The user should look before using the values.
    Warning,
    /// Worth knowing; the values are what the paste shows.
    Note,
}

/// One value proposed for the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposed {
    /// The field it goes in ([`Field::Secondary`]`(i)` for the i-th
    /// secondary already on the interface).
    pub field: Field,
    /// The text to put in the field, in the form's own syntax
    /// (`192.168.1.0/24`, `00:16:3e:12:34:56`, DNS servers comma-separated).
    pub value: String,
    /// Where it came from, the main source first (a CIDR: the address's
    /// line, then its mask's or route's; DNS: one per server).
    pub from: Vec<Origin>,
}

/// A conflict, a guess or a gap found while proposing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    /// How much it matters.
    pub level: Level,
    /// The form field it concerns, when there is one.
    pub field: Option<Field>,
    /// What it is, with the values involved.
    pub kind: IssueKind,
}

/// Every kind of issue, with its data (no prose: the wording module words them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IssueKind {
    /// No block of the paste was recognised.
    NothingRecognised,
    /// The paste was longer than the reader's bound (or held more items):
    /// only its start was read.
    Truncated {
        /// How many lines were read.
        lines_read: u32,
    },
    /// No interface other than loopback has an IPv4 address.
    NoInterface,
    /// The chosen interface has no usable IPv4 address (none, or only
    /// link-local ones): no primary, CIDR or secondaries.
    NoAddress {
        /// The interface.
        interface: String,
    },
    /// The MAC or name given matches no interface of the paste; the
    /// interface was chosen as if none had been given.
    PickNotFound {
        /// What was given.
        pick: Pick,
    },
    /// Several interfaces could be the ENI's and no default route says
    /// which: the first was taken.
    InterfaceGuessed {
        /// The one taken.
        chosen: String,
        /// The others.
        others: Vec<String>,
    },
    /// More than one default route (another gateway, interface or metric);
    /// the lowest metric was taken, the first listed on a tie.
    SeveralDefaultRoutes {
        /// Where each default route was read, the one taken first.
        routes: Vec<Origin>,
    },
    /// The default route leaves through another interface than the one
    /// chosen (a secondary ENI, or a MAC or name given), so it gives no
    /// gateway for this one.
    DefaultRouteElsewhere {
        /// The default route's interface.
        dev: String,
        /// Where the route was read.
        origin: Origin,
    },
    /// No default route for the chosen interface: no gateway proposed.
    NoGateway,
    /// The gateway lies outside the primary address's subnet.
    GatewayOutsideSubnet {
        /// The gateway.
        gateway: Ipv4Addr,
        /// The primary's subnet (`192.168.1.0/24`).
        subnet: String,
        /// Where the gateway was read.
        origin: Origin,
    },
    /// An address of the chosen interface outside the primary's subnet
    /// (two subnets on one interface): not proposed as a secondary.
    OtherSubnet {
        /// The address.
        address: Ipv4Addr,
        /// Its prefix length, when shown.
        prefix: Option<u8>,
        /// Where it was read.
        origin: Origin,
    },
    /// A secondary address came from DHCP (a second DHCP client on the
    /// interface?); it is still proposed.
    DynamicSecondary {
        /// The address.
        address: Ipv4Addr,
        /// Where it was read.
        origin: Origin,
    },
    /// Several addresses came from DHCP: the first is taken as the primary.
    SeveralDynamic {
        /// The dynamic addresses, the one taken first.
        addresses: Vec<Seen<Ipv4Addr>>,
    },
    /// Nothing in the paste says which address is the primary (no DHCP
    /// flag, no route source): the first listed was taken.
    PrimaryGuessed {
        /// The address taken.
        chosen: Ipv4Addr,
    },
    /// The primary's prefix length is not in the paste (networkctl and
    /// `Get-NetIPConfiguration` do not print it, and no subnet route
    /// says): no CIDR proposed.
    PrefixUnknown {
        /// The primary address.
        address: Ipv4Addr,
    },
    /// A secondary whose prefix length differs from the primary's (all
    /// addresses of an ENI share the vSwitch's).
    PrefixDiffers {
        /// The secondary.
        address: Ipv4Addr,
        /// Its prefix length.
        prefix: u8,
        /// The primary's.
        primary_prefix: u8,
        /// Where it was read.
        origin: Origin,
    },
    /// Two outputs disagree about a value; the first one is proposed.
    Disagree {
        /// The field concerned.
        field: Field,
        /// The value proposed, and where it was read.
        kept: Seen<String>,
        /// The other value, and where it was read.
        other: Seen<String>,
    },
    /// The OS named is not one of the catalog's.
    OsNotInCatalog {
        /// What named it.
        evidence: OsEvidence,
        /// Where.
        origin: Origin,
    },
    /// Windows output without a line naming the release
    /// (`systeminfo`, `Caption`): no OS proposed.
    WindowsVersionUnknown,
    /// Linux and Windows outputs in one paste.
    MixedPlatforms {
        /// The first Linux block.
        linux: Origin,
        /// The first Windows block.
        windows: Origin,
    },
    /// nmcli output holds no connection active on the chosen interface.
    NoConnection {
        /// The interface.
        interface: String,
    },
    /// A DNS server on loopback (systemd-resolved's stub `127.0.0.53`) is
    /// not the VPC's: skipped.
    LoopbackDns {
        /// The address.
        server: Ipv4Addr,
        /// Where it was read.
        origin: Origin,
    },
    /// More DNS servers than the form takes: the first ones are proposed.
    TooManyDns {
        /// How many were found.
        found: usize,
        /// How many are proposed ([`MAX_DNS`]).
        kept: usize,
    },
}

impl IssueKind {
    /// Warning or note.
    pub fn level(&self) -> Level {
        use IssueKind::*;
        match self {
            SeveralDefaultRoutes { .. }
            | GatewayOutsideSubnet { .. }
            | OtherSubnet { .. }
            | DynamicSecondary { .. }
            | SeveralDynamic { .. }
            | PrefixDiffers { .. }
            | Disagree { .. }
            | MixedPlatforms { .. }
            | PickNotFound { .. }
            | Truncated { .. } => Level::Warning,
            _ => Level::Note,
        }
    }
}

/// What [`propose`] makes of a paste.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proposal {
    /// The interface chosen, an index into [`Findings::interfaces`].
    pub interface: Option<usize>,
    /// Why that one.
    pub why: Option<WhyChosen>,
    /// The values, in form order: OS, mode, interface or alias, connection,
    /// MAC, CIDR, gateway, primary, secondaries, DNS.
    pub values: Vec<Proposed>,
    /// Conflicts, guesses and gaps.
    pub issues: Vec<Issue>,
}

impl Proposal {
    /// The value proposed for `field`, if any.
    pub fn value(&self, field: Field) -> Option<&Proposed> {
        self.values.iter().find(|v| v.field == field)
    }

    /// The secondaries proposed, in order.
    pub fn secondaries(&self) -> impl Iterator<Item = &Proposed> {
        self.values.iter().filter(|v| matches!(v.field, Field::Secondary(_)))
    }

    fn put(&mut self, field: Field, value: String, from: Vec<Origin>) {
        let mut dedup: Vec<Origin> = Vec::with_capacity(from.len());
        for o in from {
            if !dedup.contains(&o) {
                dedup.push(o);
            }
        }
        self.values.push(Proposed { field, value, from: dedup });
    }

    fn issue(&mut self, field: Option<Field>, kind: IssueKind) {
        if self.issues.len() < 64 && !self.issues.iter().any(|i| i.kind == kind) {
            self.issues.push(Issue { level: kind.level(), field, kind });
        }
    }
}

fn usable(a: &Address) -> bool {
    let ip = a.ip.value;
    !(ip.is_loopback() || ip.is_link_local() || ip.is_unspecified() || ip.is_broadcast())
}

fn is_loopback(i: &Interface) -> bool {
    i.name.value == "lo"
        || i.name.value.starts_with("Loopback Pseudo-Interface")
        || (!i.addresses.is_empty() && i.addresses.iter().all(|a| a.ip.value.is_loopback()))
}

fn default_routes<'a>(f: &'a Findings, dev: Option<&'a str>) -> impl Iterator<Item = &'a Route> {
    f.routes.iter().filter(move |r| {
        r.is_default() && r.gateway.is_some() && (dev.is_none() || r.dev.as_deref() == dev)
    })
}

/// The default route taken: the lowest metric, the first on a tie.
fn best<'a>(routes: impl Iterator<Item = &'a Route>) -> Option<&'a Route> {
    routes.fold(None, |best: Option<&Route>, r| match best {
        Some(b) if b.metric.unwrap_or(0) <= r.metric.unwrap_or(0) => Some(b),
        _ => Some(r),
    })
}

/// Proposes form values from `f` for the interface `pick` names (or the
/// ENI's, see [`Pick::Auto`]). Pure; never panics.
///
/// ```
/// use wizard::paste::{propose, read, Pick};
/// use wizard::plan::Field;
/// let f = read("2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP\n    \
///               inet 192.168.1.201/24 brd 192.168.1.255 scope global dynamic eth0\n\
///               default via 192.168.1.253 dev eth0\n");
/// let p = propose(&f, &Pick::Auto);
/// assert_eq!(p.value(Field::Cidr).unwrap().value, "192.168.1.0/24");
/// assert_eq!(p.value(Field::Gateway).unwrap().from[0].lines.first, 3);
/// ```
pub fn propose(f: &Findings, pick: &Pick) -> Proposal {
    let mut p = Proposal::default();
    if f.blocks.is_empty() {
        p.issue(None, IssueKind::NothingRecognised);
    }
    if f.truncated {
        p.issue(None, IssueKind::Truncated { lines_read: f.lines });
    }
    platforms(f, &mut p);
    propose_os(f, &mut p);

    let chosen = choose(f, pick, &mut p);
    p.interface = chosen.map(|(i, _)| i);
    p.why = chosen.map(|(_, w)| w);
    let Some((ci, _)) = chosen else {
        dns(f, None, &mut p);
        crate::small_sort::sort_by_key(&mut p.values, |v| field_order(v.field));
        return p;
    };
    let iface = &f.interfaces[ci];
    let name = iface.name.value.as_str();
    if iface.windows && !f.os.iter().any(|o| o.os.is_some_and(Os::is_windows)) {
        p.issue(Some(Field::Os), IssueKind::WindowsVersionUnknown);
    }

    // The name, MAC and connection.
    let name_field = if iface.windows { Field::WindowsAlias } else { Field::Interface };
    p.put(name_field, name.to_owned(), vec![iface.name.origin]);
    if let Some(m) = &iface.mac {
        p.put(Field::Mac, m.value.to_string(), vec![m.origin]);
    }
    for c in f.clashes.iter().filter(|c| c.interface == name) {
        if c.attribute == ClashAttribute::Mac {
            p.issue(
                Some(Field::Mac),
                IssueKind::Disagree {
                    field: Field::Mac,
                    kept: c.kept.clone(),
                    other: c.other.clone(),
                },
            );
        }
    }
    if !iface.windows {
        connection(f, name, &mut p);
    }

    // The primary, its subnet, the gateway and the secondaries.
    let addrs: Vec<&Address> = iface.addresses.iter().filter(|a| usable(a)).collect();
    let own_default = best(default_routes(f, Some(name)));
    let subnet = match primary(&addrs, own_default, iface, &mut p) {
        Some(prim) => {
            mode(iface, prim, &mut p);
            let subnet = cidr(f, name, prim, &mut p);
            p.put(Field::Primary, prim.ip.value.to_string(), vec![prim.ip.origin]);
            secondaries(&addrs, prim, subnet, &mut p);
            subnet
        }
        None => from_routes(f, name, own_default, &mut p),
    };
    gateway(f, own_default, subnet, &mut p);
    dns(f, Some(name), &mut p);
    crate::small_sort::sort_by_key(&mut p.values, |v| field_order(v.field));
    p
}

/// The order values are listed in (the form's order).
fn field_order(field: Field) -> (u8, usize) {
    match field {
        Field::Os => (0, 0),
        Field::Mode => (1, 0),
        Field::Interface | Field::WindowsAlias => (2, 0),
        Field::Connection => (3, 0),
        Field::Mac => (4, 0),
        Field::Cidr => (5, 0),
        Field::Gateway => (6, 0),
        Field::Primary => (7, 0),
        Field::Secondary(i) => (8, i),
        Field::Dns => (9, 0),
        _ => (10, 0),
    }
}

/// Linux and Windows blocks in one paste.
fn platforms(f: &Findings, p: &mut Proposal) {
    let first = |windows: bool| {
        f.blocks
            .iter()
            .find(|b| b.tool.is_windows() == windows)
            .map(|b| Origin { tool: b.tool, lines: b.lines })
    };
    if let (Some(linux), Some(windows)) = (first(false), first(true)) {
        p.issue(Some(Field::Os), IssueKind::MixedPlatforms { linux, windows });
    }
}

fn propose_os(f: &Findings, p: &mut Proposal) {
    let known: Vec<(Os, Origin)> =
        f.os.iter().filter_map(|o| o.os.map(|os| (os, o.origin))).collect();
    if let Some(&(os, origin)) = known.first() {
        p.put(Field::Os, os.as_str().to_owned(), vec![origin]);
        if let Some(&(other, o2)) = known.iter().find(|(x, _)| *x != os) {
            p.issue(
                Some(Field::Os),
                IssueKind::Disagree {
                    field: Field::Os,
                    kept: Seen::new(os.to_string(), origin),
                    other: Seen::new(other.to_string(), o2),
                },
            );
        }
        return;
    }
    if let Some(o) = f.os.first() {
        p.issue(
            Some(Field::Os),
            IssueKind::OsNotInCatalog { evidence: o.evidence.clone(), origin: o.origin },
        );
    }
}

fn choose(f: &Findings, pick: &Pick, p: &mut Proposal) -> Option<(usize, WhyChosen)> {
    let found = match pick {
        Pick::Auto => None,
        Pick::Mac(m) => {
            let want: Option<Mac> = m.trim().to_ascii_lowercase().replace('-', ":").parse().ok();
            f.interfaces
                .iter()
                .position(|i| want.is_some() && i.mac.as_ref().map(|x| x.value) == want)
        }
        Pick::Name(n) => {
            let n = n.trim();
            f.interfaces.iter().position(|i| i.name.value == n).or_else(|| {
                f.interfaces.iter().position(|i| i.windows && i.name.value.eq_ignore_ascii_case(n))
            })
        }
    };
    if let Some(i) = found {
        return Some((i, WhyChosen::Picked));
    }
    if *pick != Pick::Auto {
        p.issue(None, IssueKind::PickNotFound { pick: pick.clone() });
    }
    let real: Vec<usize> =
        (0..f.interfaces.len()).filter(|&i| !is_loopback(&f.interfaces[i])).collect();
    let name_of = |i: usize| f.interfaces[i].name.value.as_str();
    // The default routes through an interface, distinct by gateway, interface and metric.
    let defaults: Vec<&Route> = default_routes(f, None)
        .filter(|r| real.iter().any(|&i| r.dev.as_deref() == Some(name_of(i))))
        .collect();
    if let Some(route) = best(defaults.iter().copied()) {
        if defaults.len() > 1 {
            let mut routes = vec![route.origin];
            routes.extend(defaults.iter().filter(|r| !std::ptr::eq(**r, route)).map(|r| r.origin));
            p.issue(Some(Field::Gateway), IssueKind::SeveralDefaultRoutes { routes });
        }
        if let Some(&i) = real.iter().find(|&&i| Some(name_of(i)) == route.dev.as_deref()) {
            return Some((i, WhyChosen::DefaultRoute));
        }
    }
    // Else the interfaces with an address; else any the paste names.
    let with_address: Vec<usize> =
        real.iter().copied().filter(|&i| f.interfaces[i].addresses.iter().any(usable)).collect();
    let candidates = if with_address.is_empty() { real } else { with_address };
    match candidates.as_slice() {
        [] => {
            p.issue(None, IssueKind::NoInterface);
            None
        }
        [only] => Some((*only, WhyChosen::Only)),
        [first, rest @ ..] => {
            let i = &f.interfaces[*first];
            let field = if i.windows { Field::WindowsAlias } else { Field::Interface };
            p.issue(
                Some(field),
                IssueKind::InterfaceGuessed {
                    chosen: i.name.value.clone(),
                    others: rest.iter().map(|&k| f.interfaces[k].name.value.clone()).collect(),
                },
            );
            Some((*first, WhyChosen::First))
        }
    }
}

fn connection(f: &Findings, name: &str, p: &mut Proposal) {
    let on = f.connections.iter().find(|c| c.device.as_ref().is_some_and(|d| d.value == name));
    match on {
        Some(c) => {
            let mut from = vec![c.name.origin];
            if let Some(d) = &c.device {
                from.push(d.origin);
            }
            p.put(Field::Connection, c.name.value.clone(), from);
        }
        None if !f.connections.is_empty() => {
            p.issue(
                Some(Field::Connection),
                IssueKind::NoConnection { interface: name.to_owned() },
            );
        }
        None => {}
    }
}

/// The primary address: the one from DHCP, else the default route's
/// source, else the first the kernel does not flag secondary (Windows: not
/// SkipAsSource), else the first.
fn primary<'a>(
    addrs: &[&'a Address],
    route: Option<&Route>,
    iface: &Interface,
    p: &mut Proposal,
) -> Option<&'a Address> {
    let dynamic: Vec<&Address> =
        addrs.iter().copied().filter(|a| a.dynamic.as_ref().is_some_and(|d| d.value)).collect();
    if let Some(first) = dynamic.first() {
        if dynamic.len() > 1 {
            p.issue(
                Some(Field::Primary),
                IssueKind::SeveralDynamic {
                    addresses: dynamic.iter().map(|a| a.ip.clone()).collect(),
                },
            );
        }
        return Some(first);
    }
    if let Some(src) = route.and_then(|r| r.src) {
        if let Some(a) = addrs.iter().find(|a| a.ip.value == src) {
            return Some(a);
        }
    }
    let marked = |a: &&&Address| {
        if iface.windows {
            a.skip_as_source.as_ref().is_some_and(|s| s.value)
        } else {
            a.secondary.as_ref().is_some_and(|s| s.value)
        }
    };
    let chosen = addrs.iter().find(|a| !marked(a)).or(addrs.first()).copied()?;
    // Windows' SkipAsSource on every other address says which is the primary.
    let said = iface.windows && addrs.iter().filter(|a| !marked(a)).count() == 1;
    if addrs.len() > 1 && !said {
        p.issue(Some(Field::Primary), IssueKind::PrimaryGuessed { chosen: chosen.ip.value });
    }
    Some(chosen)
}

/// Routes alone (`route -n`, `ip route`): the primary is the default
/// route's source, the CIDR the subnet route holding it (or the gateway).
fn from_routes(f: &Findings, name: &str, own: Option<&Route>, p: &mut Proposal) -> Option<Subnet> {
    let src = own.and_then(|r| r.src.map(|s| (s, r.origin)));
    let anchor = src.map(|(s, _)| s).or(own.and_then(|r| r.gateway));
    let subnet_route = anchor.and_then(|a| {
        f.routes
            .iter()
            .filter(|r| r.dev.as_deref() == Some(name) && (1..32).contains(&r.prefix))
            .filter(|r| Subnet::new(r.destination, r.prefix).is_some_and(|s| s.contains(a)))
            .max_by_key(|r| r.prefix)
    });
    let subnet = subnet_route.and_then(|r| Subnet::new(r.destination, r.prefix));
    if let (Some(r), Some(s)) = (subnet_route, subnet) {
        p.put(Field::Cidr, s.to_string(), vec![r.origin]);
    }
    if let Some((ip, origin)) = src {
        p.put(Field::Primary, ip.to_string(), vec![origin]);
    }
    if src.is_none() && subnet.is_none() {
        p.issue(Some(Field::Primary), IssueKind::NoAddress { interface: name.to_owned() });
    }
    subnet
}

/// Keep DHCP when the primary came from DHCP; static when a tool says it
/// was set by hand. ip's `valid_lft forever` alone does not say so (BusyBox
/// udhcpc scripts add leased addresses without a lifetime).
fn mode(iface: &Interface, prim: &Address, p: &mut Proposal) {
    let evidence = if iface.windows {
        iface.dhcp.as_ref().or(prim.dynamic.as_ref())
    } else {
        prim.dynamic.as_ref()
    };
    match evidence {
        Some(d) if d.value => p.put(Field::Mode, "keep".into(), vec![d.origin]),
        Some(d) if d.origin.tool != Tool::IpAddr => {
            p.put(Field::Mode, "static".into(), vec![d.origin])
        }
        _ => {}
    }
}

/// The vSwitch CIDR: the primary's network, its prefix from the address or
/// the subnet route through the interface that holds it.
fn cidr(f: &Findings, name: &str, prim: &Address, p: &mut Proposal) -> Option<Subnet> {
    let ip = prim.ip.value;
    let prefix = prim.prefix.as_ref().map(|s| (s.value, s.origin)).or_else(|| {
        f.routes
            .iter()
            .filter(|r| r.dev.as_deref() == Some(name) && (1..32).contains(&r.prefix))
            .filter(|r| Subnet::new(r.destination, r.prefix).is_some_and(|s| s.contains(ip)))
            .max_by_key(|r| r.prefix)
            .map(|r| (r.prefix, r.origin))
    });
    let Some((len, origin)) = prefix else {
        p.issue(Some(Field::Cidr), IssueKind::PrefixUnknown { address: ip });
        return None;
    };
    for c in f
        .clashes
        .iter()
        .filter(|c| c.interface == name && c.attribute == ClashAttribute::Prefix(ip))
    {
        p.issue(
            Some(Field::Cidr),
            IssueKind::Disagree {
                field: Field::Cidr,
                kept: c.kept.clone(),
                other: c.other.clone(),
            },
        );
    }
    let subnet = Subnet::new(ip, len)?;
    p.put(Field::Cidr, subnet.to_string(), vec![prim.ip.origin, origin]);
    Some(subnet)
}

fn secondaries(addrs: &[&Address], prim: &Address, subnet: Option<Subnet>, p: &mut Proposal) {
    let mut seen: Vec<Ipv4Addr> = vec![prim.ip.value];
    for a in addrs {
        let ip = a.ip.value;
        if seen.contains(&ip) {
            continue;
        }
        seen.push(ip);
        if subnet.is_some_and(|s| !s.contains(ip)) {
            p.issue(
                Some(Field::Secondaries),
                IssueKind::OtherSubnet {
                    address: ip,
                    prefix: a.prefix.as_ref().map(|x| x.value),
                    origin: a.ip.origin,
                },
            );
            continue;
        }
        let field = Field::Secondary(p.secondaries().count());
        p.put(field, ip.to_string(), vec![a.ip.origin]);
        if a.dynamic.as_ref().is_some_and(|d| d.value) {
            p.issue(Some(field), IssueKind::DynamicSecondary { address: ip, origin: a.ip.origin });
        }
        if let (Some(ap), Some(pp)) = (&a.prefix, &prim.prefix) {
            if ap.value != pp.value {
                p.issue(
                    Some(field),
                    IssueKind::PrefixDiffers {
                        address: ip,
                        prefix: ap.value,
                        primary_prefix: pp.value,
                        origin: ap.origin,
                    },
                );
            }
        }
    }
}

fn gateway(f: &Findings, own: Option<&Route>, subnet: Option<Subnet>, p: &mut Proposal) {
    let Some(route) = own else {
        match best(default_routes(f, None)) {
            Some(r) if r.dev.is_some() => p.issue(
                Some(Field::Gateway),
                IssueKind::DefaultRouteElsewhere {
                    dev: r.dev.clone().unwrap_or_default(),
                    origin: r.origin,
                },
            ),
            _ => p.issue(Some(Field::Gateway), IssueKind::NoGateway),
        }
        return;
    };
    let Some(gw) = route.gateway else { return };
    p.put(Field::Gateway, gw.to_string(), vec![route.origin]);
    if let Some(s) = subnet.filter(|s| !s.contains(gw)) {
        p.issue(
            Some(Field::Gateway),
            IssueKind::GatewayOutsideSubnet {
                gateway: gw,
                subnet: s.to_string(),
                origin: route.origin,
            },
        );
    }
}

/// DNS servers listed for the interface, then those for the whole system.
fn dns(f: &Findings, name: Option<&str>, p: &mut Proposal) {
    let mut servers: Vec<&Seen<Ipv4Addr>> = Vec::new();
    let ours = f.dns.iter().filter(|d| name.is_some() && d.interface.as_deref() == name);
    let global = f.dns.iter().filter(|d| d.interface.is_none());
    for d in ours.chain(global) {
        if d.server.value.is_loopback() {
            p.issue(
                Some(Field::Dns),
                IssueKind::LoopbackDns { server: d.server.value, origin: d.server.origin },
            );
        } else if !servers.iter().any(|s| s.value == d.server.value) {
            servers.push(&d.server);
        }
    }
    if servers.is_empty() {
        return;
    }
    if servers.len() > MAX_DNS {
        p.issue(Some(Field::Dns), IssueKind::TooManyDns { found: servers.len(), kept: MAX_DNS });
        servers.truncate(MAX_DNS);
    }
    let value = servers.iter().map(|s| s.value.to_string()).collect::<Vec<_>>().join(",");
    p.put(Field::Dns, value, servers.iter().map(|s| s.origin).collect());
}

/// What [`apply`] changed, to put the form back with [`Undo::restore`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Undo {
    /// Each single-valued field changed: its value before and after.
    changed: Vec<(Field, String, String)>,
    /// The secondary rows before and after, when they changed.
    secondaries: Option<(Vec<String>, Vec<String>)>,
}

impl Undo {
    /// Whether apply changed nothing.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.secondaries.is_none()
    }

    /// The fields apply changed ([`Field::Secondaries`] for the rows).
    pub fn fields(&self) -> Vec<Field> {
        let mut v: Vec<Field> = self.changed.iter().map(|(f, _, _)| *f).collect();
        if self.secondaries.is_some() {
            v.push(Field::Secondaries);
        }
        v
    }

    /// Puts back every field that still holds what apply wrote; returns
    /// the fields left alone because they were edited since.
    ///
    /// ```
    /// use wizard::paste::{apply, Proposed};
    /// use wizard::plan::{Field, Form};
    /// let mut form = Form::default();
    /// let values = [Proposed { field: Field::Gateway, value: "192.0.2.1".into(), from: vec![] }];
    /// let undo = apply(&mut form, &values);
    /// assert_eq!(form.gateway, "192.0.2.1");
    /// assert!(undo.restore(&mut form).is_empty());
    /// assert_eq!(form, Form::default());
    /// ```
    pub fn restore(&self, form: &mut Form) -> Vec<Field> {
        let mut kept = Vec::new();
        for (field, before, after) in &self.changed {
            match form.text_mut(*field) {
                Some(slot) if slot == after => *slot = before.clone(),
                _ => kept.push(*field),
            }
        }
        if let Some((before, after)) = &self.secondaries {
            if &form.secondaries == after {
                form.secondaries = before.clone();
            } else {
                kept.push(Field::Secondaries);
            }
        }
        kept
    }
}

/// Writes `values` into `form` (the UI passes the ones the user kept) and
/// returns how to undo it. The [`Field::Secondary`] values replace the
/// secondary rows, followed by the rows the user had typed that are not
/// among them; other fields are overwritten.
pub fn apply(form: &mut Form, values: &[Proposed]) -> Undo {
    let mut undo = Undo::default();
    for v in values {
        if let Some(slot) = form.text_mut(v.field) {
            if *slot != v.value {
                if !undo.changed.iter().any(|(f, _, _)| *f == v.field) {
                    undo.changed.push((v.field, slot.clone(), v.value.clone()));
                } else if let Some(c) = undo.changed.iter_mut().find(|(f, _, _)| *f == v.field) {
                    c.2 = v.value.clone();
                }
                *slot = v.value.clone();
            }
        }
    }
    let present: Vec<String> = values
        .iter()
        .filter(|v| matches!(v.field, Field::Secondary(_)))
        .map(|v| v.value.clone())
        .collect();
    if !present.is_empty() {
        let mut rows = present.clone();
        for (_, typed) in form.secondary_items() {
            if !rows.iter().any(|r| r == typed) {
                rows.push(typed.to_owned());
            }
        }
        if rows != form.secondaries {
            undo.secondaries = Some((form.secondaries.clone(), rows.clone()));
            form.secondaries = rows;
        }
    }
    undo
}
