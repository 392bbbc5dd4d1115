//! What the read-only doctor found on the instance, as the link it prints
//! carries it back: the `d.…` parameters beside the form's own
//! ([`crate::share`]), read into a [`Report`], and the [`Finding`]s the
//! page shows on the fields they concern, each with the commands to act
//! where there are some ([`FindingKind::commands`]).
//!
//! The scripts that write these parameters are [`crate::render::doctor`];
//! the names below are the one place both sides take them from.
//!
//! | parameter | value |
//! |---|---|
//! | `d.v` | the format, `1` (always there) |
//! | `d.stack` | the [`Stack`] in charge of the interface |
//! | `d.ci`, `d.cifile` | cloud-init's [`CloudInit`] state, the network file it wrote |
//! | `d.ncs` | nm-cloud-setup ([`Agent`]; `aliyun`: enabled with its Aliyun provider) |
//! | `d.cnc` | SUSE cloud-netconfig ([`Agent`]) |
//! | `d.md` | `ok` (the metadata server answered) or `none` |
//! | `d.on` | the IPv4 addresses on the interface, `a.b.c.d/p` comma-separated |
//! | `d.dyn` | those with a finite lifetime (DHCP), comma-separated |
//! | `d.route` | one per default route, any table: `GATEWAY,METRIC,TABLE,DEV` (`-`: no gateway; the interface last: a Windows alias may hold commas) |
//! | `d.rule` | one per policy rule beyond the three every kernel has, as `ip rule` prints it, its words joined by commas |
//! | `d.rpf` | `rp_filter`: `ALL,INTERFACE` |
//! | `d.nosas` | Windows: the adapter's other addresses without `SkipAsSource`, comma-separated |
//!
//! Reading never fails: a value that does not parse becomes a
//! [`FindingKind::BadValue`] on the field its parameter concerns.

use std::net::Ipv4Addr;

use crate::catalog::os::{Method, Os};
use crate::closed::closed_enum;
use crate::net::{parse_ipv4, Subnet};
use crate::paste::Level;
use crate::plan::form::split_list;
use crate::plan::{Field, Form};
use crate::render::quote::sh;
use crate::share::{self, encode};

/// The format of the parameters (`d.v`).
pub const VERSION: &str = "1";
/// `d.v`: the format.
pub const P_VERSION: &str = "d.v";
/// `d.stack`: the stack in charge.
pub const P_STACK: &str = "d.stack";
/// `d.ci`: cloud-init's network state.
pub const P_CLOUD_INIT: &str = "d.ci";
/// `d.cifile`: the network file cloud-init wrote.
pub const P_CLOUD_INIT_FILE: &str = "d.cifile";
/// `d.ncs`: nm-cloud-setup.
pub const P_NM_CLOUD_SETUP: &str = "d.ncs";
/// `d.cnc`: cloud-netconfig.
pub const P_CLOUD_NETCONFIG: &str = "d.cnc";
/// `d.md`: whether the metadata server answered.
pub const P_METADATA: &str = "d.md";
/// `d.on`: the addresses on the interface.
pub const P_ON: &str = "d.on";
/// `d.dyn`: the addresses with a lifetime.
pub const P_DYNAMIC: &str = "d.dyn";
/// `d.route`: one default route.
pub const P_ROUTE: &str = "d.route";
/// `d.rule`: one policy rule.
pub const P_RULE: &str = "d.rule";
/// `d.rpf`: rp_filter.
pub const P_RP_FILTER: &str = "d.rpf";
/// `d.nosas`: Windows addresses without SkipAsSource.
pub const P_NO_SKIP: &str = "d.nosas";

/// Every parameter, in link order.
pub const PARAMS: &[&str] = &[
    P_VERSION,
    P_STACK,
    P_CLOUD_INIT,
    P_CLOUD_INIT_FILE,
    P_NM_CLOUD_SETUP,
    P_CLOUD_NETCONFIG,
    P_METADATA,
    P_ON,
    P_DYNAMIC,
    P_ROUTE,
    P_RULE,
    P_RP_FILTER,
    P_NO_SKIP,
];

/// At most this many routes, rules and addresses are read from a link.
pub const MAX_ITEMS: usize = 64;

/// Whether a query parameter is the doctor's.
///
/// ```
/// assert!(wizard::doctor::is_param("d.stack"));
/// assert!(!wizard::doctor::is_param("cidr"));
/// ```
pub fn is_param(name: &str) -> bool {
    PARAMS.contains(&name)
}

closed_enum! {
    /// What configures the interface persistently, as the doctor found it
    /// running (or, when nothing runs for it, configured in files).
    Stack {
        /// netplan, rendered for systemd-networkd (Ubuntu 18+, Debian 12 cloud images).
        Netplan => "netplan",
        /// netplan, rendered for NetworkManager.
        NetplanNm => "netplan-nm",
        /// systemd-networkd's own `.network` files.
        Networkd => "networkd",
        /// NetworkManager (its profiles: keyfiles, or ifcfg-rh).
        Nm => "nm",
        /// Debian ifupdown.
        Ifupdown => "ifupdown",
        /// Alpine ifupdown-ng.
        IfupdownNg => "ifupdown-ng",
        /// SUSE wicked.
        Wicked => "wicked",
        /// RHEL/CentOS initscripts (`network` service) without NetworkManager.
        NetworkScripts => "network-scripts",
        /// Nothing: the addresses were added by hand or by a DHCP client alone.
        None => "none",
    }
}

impl Stack {
    /// Its name as people write it.
    pub const fn label(self) -> &'static str {
        match self {
            Stack::Netplan => "netplan (systemd-networkd)",
            Stack::NetplanNm => "netplan (NetworkManager)",
            Stack::Networkd => "systemd-networkd",
            Stack::Nm => "NetworkManager",
            Stack::Ifupdown => "ifupdown",
            Stack::IfupdownNg => "ifupdown-ng",
            Stack::Wicked => "wicked",
            Stack::NetworkScripts => "network-scripts",
            Stack::None => "nothing persistent",
        }
    }

    /// The methods whose output this stack reads, the best first.
    pub const fn methods(self) -> &'static [Method] {
        match self {
            Stack::Netplan | Stack::NetplanNm => &[Method::Netplan, Method::NetplanLegacy],
            Stack::Networkd => &[Method::Networkd],
            Stack::Nm => &[
                Method::Nmcli,
                Method::Keyfile,
                Method::Ifcfg,
                Method::IfcfgAlias,
                Method::NmCloudSetup,
            ],
            Stack::Ifupdown => &[Method::Ifupdown],
            Stack::IfupdownNg => &[Method::IfupdownNg],
            Stack::Wicked => &[Method::Wicked],
            Stack::NetworkScripts => &[Method::Ifcfg, Method::IfcfgAlias],
            Stack::None => &[Method::Runtime],
        }
    }
}

closed_enum! {
    /// cloud-init's hold on the network.
    CloudInit {
        /// Installed, and it writes the network configuration on boot.
        Enabled => "enabled",
        /// Installed, its network configuration turned off
        /// (`network: {config: disabled}`).
        Disabled => "disabled",
        /// Installed but not run at all (`/etc/cloud/cloud-init.disabled`).
        Off => "off",
        /// Not installed.
        Absent => "absent",
    }
}

closed_enum! {
    /// An agent that manages addresses by itself (nm-cloud-setup, cloud-netconfig).
    Agent {
        /// Not installed.
        Absent => "absent",
        /// Installed, not enabled.
        Off => "off",
        /// Enabled (nm-cloud-setup: with no provider that knows Alibaba Cloud).
        On => "on",
        /// nm-cloud-setup enabled with its Aliyun provider (`NM_CLOUD_SETUP_ALIYUN=yes`).
        Aliyun => "aliyun",
    }
}

/// One default route (`d.route`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefaultRoute {
    /// Its gateway; `None` for an on-link route (`-` in the link).
    pub gateway: Option<Ipv4Addr>,
    /// The interface it leaves through.
    pub dev: String,
    /// Its metric (0 when `ip` prints none).
    pub metric: u32,
    /// Its table when not `main`.
    pub table: Option<String>,
}

impl DefaultRoute {
    /// `GATEWAY,METRIC,TABLE,DEV`.
    fn parse(s: &str) -> Option<DefaultRoute> {
        let mut w = s.trim().splitn(4, ',');
        let (gw, metric, table, dev) = (w.next()?, w.next()?, w.next()?, w.next()?.trim());
        let gateway = if gw == "-" { None } else { Some(parse_ipv4(gw).ok()?) };
        let table = Some(table).filter(|t| *t != "main" && *t != "254").map(str::to_owned);
        if dev.is_empty() || table.as_deref().is_some_and(str::is_empty) {
            return None;
        }
        Some(DefaultRoute { gateway, dev: dev.to_owned(), metric: metric.parse().ok()?, table })
    }

    fn text(&self) -> String {
        let gw = self.gateway.map_or_else(|| "-".to_owned(), |g| g.to_string());
        format!("{gw},{},{},{}", self.metric, self.table.as_deref().unwrap_or("main"), self.dev)
    }

    /// Whether it is in the main table.
    pub fn is_main(&self) -> bool {
        self.table.is_none()
    }
}

/// An address on the interface (`d.on`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OnInterface {
    /// The address.
    pub ip: Ipv4Addr,
    /// Its prefix length.
    pub prefix: u8,
}

/// Everything the doctor's link says about the instance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The stack in charge of the interface.
    pub stack: Option<Stack>,
    /// cloud-init's state.
    pub cloud_init: Option<CloudInit>,
    /// The network file cloud-init wrote.
    pub cloud_init_file: Option<String>,
    /// nm-cloud-setup.
    pub nm_cloud_setup: Option<Agent>,
    /// cloud-netconfig.
    pub cloud_netconfig: Option<Agent>,
    /// Whether the metadata server answered (`None`: not said).
    pub metadata: Option<bool>,
    /// The addresses on the interface, in the kernel's order.
    pub on_interface: Vec<OnInterface>,
    /// Those of them with a finite lifetime.
    pub dynamic: Vec<Ipv4Addr>,
    /// The default routes, in every table.
    pub routes: Vec<DefaultRoute>,
    /// The policy rules beyond the kernel's three, as `ip rule` prints them.
    pub rules: Vec<String>,
    /// rp_filter for `all` and for the interface.
    pub rp_filter: Option<(u8, u8)>,
    /// Windows: the adapter's addresses besides the primary without SkipAsSource.
    pub no_skip_as_source: Vec<Ipv4Addr>,
    /// Parameters whose value did not parse: (parameter, value).
    pub bad: Vec<(&'static str, String)>,
}

fn agent(s: &str) -> Option<Agent> {
    s.parse().ok()
}

/// Reads the doctor's parameters from a URL query; `None` when the query
/// holds none (the link was not the doctor's).
///
/// ```
/// use wizard::doctor::{from_query, Agent, Stack};
/// let r = from_query("?cidr=x&d.v=1&d.stack=nm&d.ncs=aliyun&d.route=192.0.2.1,100,main,eth0").unwrap();
/// assert_eq!((r.stack, r.nm_cloud_setup), (Some(Stack::Nm), Some(Agent::Aliyun)));
/// assert_eq!(r.routes[0].metric, 100);
/// assert!(from_query("cidr=x").is_none());
/// ```
pub fn from_query(query: &str) -> Option<Report> {
    let mut r = Report::default();
    let mut any = false;
    for (key, value) in share::pairs(query) {
        let Some(&param) = PARAMS.iter().find(|p| **p == key) else { continue };
        any = true;
        // A value that does not parse changes nothing but `bad`.
        let ok = read_param(&mut r, param, &value).is_some();
        if !ok && r.bad.len() < MAX_ITEMS {
            r.bad.push((param, value));
        }
    }
    any.then_some(r)
}

/// Sets what `value` of `param` says; `None` (nothing set) when it does not parse.
fn read_param(r: &mut Report, param: &str, value: &str) -> Option<()> {
    /// Every item of a comma-separated list, or `None` when one does not parse.
    fn list<T>(value: &str, item: impl Fn(&str) -> Option<T>) -> Option<Vec<T>> {
        let items: Option<Vec<T>> = split_list(value).into_iter().map(item).collect();
        items.map(|mut v| {
            v.truncate(MAX_ITEMS);
            v
        })
    }
    match param {
        P_VERSION => {}
        P_STACK => r.stack = Some(value.parse().ok()?),
        P_CLOUD_INIT => r.cloud_init = Some(value.parse().ok()?),
        P_CLOUD_INIT_FILE => r.cloud_init_file = Some(value.to_owned()).filter(|v| !v.is_empty()),
        P_NM_CLOUD_SETUP => r.nm_cloud_setup = Some(agent(value)?),
        P_CLOUD_NETCONFIG => {
            r.cloud_netconfig = Some(agent(value).filter(|a| *a != Agent::Aliyun)?)
        }
        P_METADATA => {
            r.metadata = Some(match value {
                "ok" => true,
                "none" => false,
                _ => return None,
            })
        }
        P_ON => {
            r.on_interface = list(value, |a| {
                let (ip, p) = a.split_once('/')?;
                let prefix = p.parse().ok().filter(|p| *p <= 32)?;
                Some(OnInterface { ip: parse_ipv4(ip).ok()?, prefix })
            })?
        }
        P_DYNAMIC => r.dynamic = list(value, |a| parse_ipv4(a).ok())?,
        P_NO_SKIP => r.no_skip_as_source = list(value, |a| parse_ipv4(a).ok())?,
        P_ROUTE => {
            let route = DefaultRoute::parse(value)?;
            if r.routes.len() < MAX_ITEMS {
                r.routes.push(route);
            }
        }
        P_RULE => {
            let words = value.split([',', ' ', '\t']).filter(|w| !w.is_empty());
            let rule = words.collect::<Vec<_>>().join(" ");
            if !rule.is_empty() && r.rules.len() < MAX_ITEMS {
                r.rules.push(rule);
            }
        }
        _ => {
            // P_RP_FILTER: `ALL,INTERFACE`, each 0, 1 or 2.
            let (a, i) = value.split_once(',')?;
            let level = |x: &str| x.trim().parse::<u8>().ok().filter(|n| *n <= 2);
            r.rp_filter = Some((level(a)?, level(i)?));
        }
    }
    Some(())
}

/// The report as query parameters (without `?`), in [`PARAMS`] order: the
/// link the doctor prints holds these after the form's.
///
/// ```
/// use wizard::doctor::{from_query, to_query, Report, Stack};
/// let r = Report { stack: Some(Stack::Networkd), ..Report::default() };
/// assert_eq!(to_query(&r), "d.v=1&d.stack=networkd");
/// assert_eq!(from_query(&to_query(&r)), Some(r));
/// ```
pub fn to_query(r: &Report) -> String {
    let mut out = vec![format!("{P_VERSION}={VERSION}")];
    let mut put = |k: &str, v: &str| out.push(format!("{k}={}", encode(v)));
    if let Some(s) = r.stack {
        put(P_STACK, s.as_str());
    }
    if let Some(c) = r.cloud_init {
        put(P_CLOUD_INIT, c.as_str());
    }
    if let Some(f) = &r.cloud_init_file {
        put(P_CLOUD_INIT_FILE, f);
    }
    if let Some(a) = r.nm_cloud_setup {
        put(P_NM_CLOUD_SETUP, a.as_str());
    }
    if let Some(a) = r.cloud_netconfig {
        put(P_CLOUD_NETCONFIG, a.as_str());
    }
    if let Some(m) = r.metadata {
        put(P_METADATA, if m { "ok" } else { "none" });
    }
    if !r.on_interface.is_empty() {
        let on: Vec<String> =
            r.on_interface.iter().map(|a| format!("{}/{}", a.ip, a.prefix)).collect();
        put(P_ON, &on.join(","));
    }
    if !r.dynamic.is_empty() {
        let d: Vec<String> = r.dynamic.iter().map(Ipv4Addr::to_string).collect();
        put(P_DYNAMIC, &d.join(","));
    }
    for route in &r.routes {
        put(P_ROUTE, &route.text());
    }
    for rule in &r.rules {
        put(P_RULE, &rule.split(' ').collect::<Vec<_>>().join(","));
    }
    if let Some((a, i)) = r.rp_filter {
        put(P_RP_FILTER, &format!("{a},{i}"));
    }
    if !r.no_skip_as_source.is_empty() {
        let n: Vec<String> = r.no_skip_as_source.iter().map(Ipv4Addr::to_string).collect();
        put(P_NO_SKIP, &n.join(","));
    }
    for (k, v) in &r.bad {
        put(k, v);
    }
    out.join("&")
}

/// One thing the page shows about the doctor's report, on one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The field it is shown on.
    pub field: Field,
    /// Warning or note.
    pub level: Level,
    /// What it is, with its values.
    pub kind: FindingKind,
}

/// Every kind of finding, with its data (the wording module words them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindingKind {
    /// The stack in charge, and the form's OS's method that fits it
    /// (`None`: the OS has no method for that stack; is the OS right?).
    Stack {
        /// The stack.
        stack: Stack,
        /// The interface.
        interface: String,
        /// The method to use, the OS's first that the stack reads.
        method: Option<Method>,
        /// The OS chosen in the form.
        os: Option<Os>,
    },
    /// Nothing configures the interface persistently.
    NoStack {
        /// The interface.
        interface: String,
    },
    /// cloud-init writes the network configuration on every boot.
    CloudInitManages {
        /// The file it wrote, when found.
        file: Option<String>,
    },
    /// cloud-init's network configuration is turned off.
    CloudInitNetworkOff,
    /// nm-cloud-setup runs with its Aliyun provider: it adds and removes
    /// the secondaries by itself.
    NmCloudSetupAliyun {
        /// The interface.
        interface: String,
    },
    /// nm-cloud-setup is enabled, without the Aliyun provider.
    NmCloudSetupOn,
    /// On a method that configures the secondaries itself: nm-cloud-setup
    /// runs with its Aliyun provider and competes with it (shown on the
    /// method's tab, from [`method_warnings`]).
    NmCloudSetupCompetes {
        /// The method shown.
        method: Method,
        /// The interface.
        interface: String,
    },
    /// cloud-netconfig manages the interface's addresses.
    CloudNetconfig {
        /// The interface.
        interface: String,
    },
    /// The metadata server did not answer: the addresses are the
    /// interface's, not the cloud's.
    MetadataUnread,
    /// Addresses of the vSwitch on the interface that the cloud does not
    /// assign to the ENI (the VPC drops their traffic).
    NotInCloud {
        /// The interface.
        interface: String,
        /// The addresses.
        addresses: Vec<Ipv4Addr>,
    },
    /// Addresses the cloud assigns that the interface does not have yet.
    NotOnInterface {
        /// The interface.
        interface: String,
        /// The addresses.
        addresses: Vec<Ipv4Addr>,
    },
    /// Windows: secondary addresses without SkipAsSource (Windows may pick
    /// one as the source of outgoing traffic).
    NoSkipAsSource {
        /// The adapter's alias.
        alias: String,
        /// The addresses.
        addresses: Vec<Ipv4Addr>,
    },
    /// Secondary addresses with a lifetime (from DHCP): they go when it ends.
    DynamicSecondaries {
        /// The addresses.
        addresses: Vec<Ipv4Addr>,
    },
    /// More than one default route in the main table.
    SeveralDefaultRoutes {
        /// Every one of them, the lowest metric first.
        routes: Vec<DefaultRoute>,
    },
    /// No default route in the main table.
    NoDefaultRoute,
    /// The main table's default route goes via another gateway than the form's.
    RouteNotGateway {
        /// The route in use (the lowest metric).
        route: DefaultRoute,
        /// The form's gateway.
        gateway: Ipv4Addr,
    },
    /// Policy rules beyond the kernel's three (a secondary ENI's, nm-cloud-setup's, …).
    Rules {
        /// The rules.
        rules: Vec<String>,
    },
    /// Strict reverse-path filtering on a secondary ENI.
    RpFilterStrict {
        /// The interface.
        interface: String,
        /// The value in force (the larger of `all` and the interface's).
        value: u8,
    },
    /// A parameter of the link whose value could not be read.
    BadValue {
        /// The parameter.
        param: &'static str,
        /// Its value.
        value: String,
    },
}

impl FindingKind {
    /// Warning or note.
    pub fn level(&self) -> Level {
        use FindingKind::*;
        match self {
            Stack { method: None, .. }
            | NmCloudSetupAliyun { .. }
            | NmCloudSetupCompetes { .. }
            | CloudNetconfig { .. }
            | NotInCloud { .. }
            | DynamicSecondaries { .. }
            | NoSkipAsSource { .. }
            | SeveralDefaultRoutes { .. }
            | NoDefaultRoute
            | RouteNotGateway { .. } => Level::Warning,
            _ => Level::Note,
        }
    }

    /// The commands that act on it (sh; PowerShell for a Windows finding),
    /// to copy, where there are some;
    /// comments in them are part of the script text and stay English.
    pub fn commands(&self, form: &Form) -> Option<String> {
        match self {
            FindingKind::NmCloudSetupAliyun { interface }
            | FindingKind::NmCloudSetupCompetes { interface, .. } => Some(format!(
                "# Either let nm-cloud-setup manage the secondary IPs (its method tab),\n\
                 # or turn it off before you configure them yourself:\n\
                 sudo systemctl disable --now nm-cloud-setup.timer nm-cloud-setup.service\n\
                 # Then drop what it added at runtime (re-activates the profile on {interface}):\n\
                 sudo nmcli connection up {}\n",
                sh(form.connection.trim())
            )),
            FindingKind::CloudNetconfig { interface } => {
                let file = format!("/etc/sysconfig/network/ifcfg-{interface}");
                Some(format!(
                    "# Tell cloud-netconfig to leave {interface} alone (after the Configure step wrote the file):\n\
                     sudo sed -i '/^CLOUD_NETCONFIG_MANAGE=/d' {f}\n\
                     echo 'CLOUD_NETCONFIG_MANAGE=\"no\"' | sudo tee -a {f}\n",
                    f = sh(&file)
                ))
            }
            FindingKind::CloudInitManages { .. } => Some(
                "# What cloud-init renders for the network, and its state:\n\
                 sudo cloud-init status --long\n\
                 ls -l /etc/cloud/cloud.cfg.d/\n"
                    .to_owned(),
            ),
            FindingKind::Rules { .. } => {
                Some("ip -4 rule show\nip -4 route show table all\n".into())
            }
            _ => None,
        }
    }
}

/// The warnings to show on a method's tab: where the doctor found
/// nm-cloud-setup running with its Aliyun provider, every Linux method but
/// nm-cloud-setup's own configures secondaries it will change by itself.
///
/// ```
/// use wizard::catalog::Method;
/// use wizard::doctor::{findings, from_query, method_warnings, FindingKind};
/// use wizard::plan::Form;
/// let f = findings(&from_query("d.v=1&d.ncs=aliyun").unwrap(), &Form::guide_example());
/// assert!(matches!(method_warnings(&f, Method::Nmcli)[0].kind, FindingKind::NmCloudSetupCompetes { .. }));
/// assert!(method_warnings(&f, Method::NmCloudSetup).is_empty());
/// ```
pub fn method_warnings(found: &[Finding], method: Method) -> Vec<Finding> {
    if method == Method::NmCloudSetup || method.is_windows() {
        return Vec::new();
    }
    found
        .iter()
        .filter_map(|f| match &f.kind {
            FindingKind::NmCloudSetupAliyun { interface } => {
                let kind =
                    FindingKind::NmCloudSetupCompetes { method, interface: interface.clone() };
                Some(Finding { field: f.field, level: kind.level(), kind })
            }
            _ => None,
        })
        .collect()
}

/// The field a parameter's findings are shown on.
fn field_of(param: &str) -> Field {
    match param {
        P_STACK => Field::Os,
        P_CLOUD_INIT | P_CLOUD_INIT_FILE => Field::Mode,
        P_ROUTE => Field::Gateway,
        P_RULE | P_RP_FILTER => Field::EniKind,
        _ => Field::Secondaries,
    }
}

/// The findings to show for `r` with the form as it is now (the interface,
/// OS, gateway, ENI kind and the secondaries typed are the form's). Pure;
/// in field order.
///
/// ```
/// use wizard::doctor::{findings, from_query, FindingKind};
/// use wizard::plan::{Field, Form};
/// let r = from_query("d.v=1&d.ncs=aliyun").unwrap();
/// let f = findings(&r, &Form::guide_example());
/// assert!(matches!(f[0].kind, FindingKind::NmCloudSetupAliyun { .. }));
/// assert_eq!(f[0].field, Field::Secondaries);
/// assert!(f[0].kind.commands(&Form::guide_example()).unwrap().contains("systemctl disable --now nm-cloud-setup.timer"));
/// ```
pub fn findings(r: &Report, form: &Form) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut add = |field: Field, kind: FindingKind| {
        out.push(Finding { field, level: kind.level(), kind });
    };
    let os: Option<Os> = form.os.trim().parse().ok();
    let windows = os.is_some_and(Os::is_windows);
    let interface =
        if windows { form.windows_alias.trim() } else { form.interface.trim() }.to_owned();

    match r.stack {
        Some(Stack::None) => add(Field::Os, FindingKind::NoStack { interface: interface.clone() }),
        Some(stack) => {
            let method =
                os.and_then(|o| o.methods().iter().copied().find(|m| stack.methods().contains(m)));
            add(Field::Os, FindingKind::Stack { stack, interface: interface.clone(), method, os });
        }
        None => {}
    }
    match r.cloud_init {
        Some(CloudInit::Enabled) => {
            add(Field::Mode, FindingKind::CloudInitManages { file: r.cloud_init_file.clone() })
        }
        Some(CloudInit::Disabled) => add(Field::Mode, FindingKind::CloudInitNetworkOff),
        _ => {}
    }

    // The gateway: the main table's default routes.
    let mut main: Vec<DefaultRoute> = r.routes.iter().filter(|x| x.is_main()).cloned().collect();
    crate::small_sort::sort_by_key(&mut main, |x| x.metric);
    if main.len() > 1 {
        add(Field::Gateway, FindingKind::SeveralDefaultRoutes { routes: main.clone() });
    }
    let gateway = parse_ipv4(form.gateway.trim()).ok();
    match (main.first(), gateway) {
        (None, _) if !r.routes.is_empty() || r.stack.is_some() => {
            add(Field::Gateway, FindingKind::NoDefaultRoute)
        }
        (Some(route), Some(gw)) if route.gateway.is_some_and(|g| g != gw) => {
            add(Field::Gateway, FindingKind::RouteNotGateway { route: route.clone(), gateway: gw })
        }
        _ => {}
    }

    // The secondaries: the agents, then the addresses.
    match r.nm_cloud_setup {
        Some(Agent::Aliyun) => add(
            Field::Secondaries,
            FindingKind::NmCloudSetupAliyun { interface: interface.clone() },
        ),
        Some(Agent::On) => add(Field::Secondaries, FindingKind::NmCloudSetupOn),
        _ => {}
    }
    if r.cloud_netconfig == Some(Agent::On) {
        add(Field::Secondaries, FindingKind::CloudNetconfig { interface: interface.clone() });
    }
    if r.metadata == Some(false) {
        add(Field::Secondaries, FindingKind::MetadataUnread);
    }
    let primary = parse_ipv4(form.primary.trim()).ok();
    let subnet: Option<Subnet> =
        crate::plan::subnet::resolve_subnet(&form.cidr, &form.primary).ok().map(|r| r.subnet);
    let typed: Vec<Ipv4Addr> =
        form.secondary_items().into_iter().filter_map(|(_, a)| parse_ipv4(a).ok()).collect();
    if r.metadata == Some(true) {
        let in_subnet = |ip: &Ipv4Addr| subnet.is_none_or(|s: Subnet| s.contains(*ip));
        let extra: Vec<Ipv4Addr> = r
            .on_interface
            .iter()
            .map(|a| a.ip)
            .filter(|ip| Some(*ip) != primary && in_subnet(ip) && !typed.contains(ip))
            .collect();
        if !extra.is_empty() {
            add(
                Field::Secondaries,
                FindingKind::NotInCloud { interface: interface.clone(), addresses: extra },
            );
        }
        let missing: Vec<Ipv4Addr> = typed
            .iter()
            .copied()
            .filter(|ip| !r.on_interface.iter().any(|a| a.ip == *ip))
            .collect();
        if !missing.is_empty() && !r.on_interface.is_empty() {
            add(
                Field::Secondaries,
                FindingKind::NotOnInterface { interface: interface.clone(), addresses: missing },
            );
        }
    }
    let dynamic: Vec<Ipv4Addr> =
        r.dynamic.iter().copied().filter(|ip| Some(*ip) != primary).collect();
    if !dynamic.is_empty() {
        add(Field::Secondaries, FindingKind::DynamicSecondaries { addresses: dynamic });
    }
    let no_skip: Vec<Ipv4Addr> =
        r.no_skip_as_source.iter().copied().filter(|ip| Some(*ip) != primary).collect();
    if !no_skip.is_empty() {
        add(
            Field::Secondaries,
            FindingKind::NoSkipAsSource { alias: interface.clone(), addresses: no_skip },
        );
    }

    // The ENI: rules and reverse-path filtering.
    if !r.rules.is_empty() {
        add(Field::EniKind, FindingKind::Rules { rules: r.rules.clone() });
    }
    if let Some((all, own)) = r.rp_filter {
        let value = all.max(own);
        if value == 1 && form.eni_kind.trim() == "secondary" {
            add(
                Field::EniKind,
                FindingKind::RpFilterStrict { interface: interface.clone(), value },
            );
        }
    }
    for (param, value) in &r.bad {
        add(field_of(param), FindingKind::BadValue { param, value: value.clone() });
    }
    crate::small_sort::sort_by_key(&mut out, |f| f.field);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Ipv4Addr {
        parse_ipv4(s).unwrap()
    }

    fn full() -> Report {
        Report {
            stack: Some(Stack::Netplan),
            cloud_init: Some(CloudInit::Enabled),
            cloud_init_file: Some("/etc/netplan/50-cloud-init.yaml".into()),
            nm_cloud_setup: Some(Agent::Absent),
            cloud_netconfig: Some(Agent::Off),
            metadata: Some(true),
            on_interface: vec![
                OnInterface { ip: ip("192.0.2.201"), prefix: 24 },
                OnInterface { ip: ip("192.0.2.202"), prefix: 24 },
            ],
            dynamic: vec![ip("192.0.2.201")],
            routes: vec![
                DefaultRoute {
                    gateway: Some(ip("192.0.2.253")),
                    dev: "eth0".into(),
                    metric: 100,
                    table: None,
                },
                DefaultRoute {
                    gateway: None,
                    dev: "Ethernet 2".into(),
                    metric: 0,
                    table: Some("1001".into()),
                },
            ],
            rules: vec!["30000: from 198.51.100.7 lookup 1001".into()],
            rp_filter: Some((0, 2)),
            no_skip_as_source: vec![ip("192.0.2.202")],
            bad: vec![],
        }
    }

    #[test]
    fn a_report_round_trips() {
        let r = full();
        assert_eq!(from_query(&to_query(&r)), Some(r));
    }

    #[test]
    fn bad_values_are_findings_on_their_field() {
        let r = from_query("d.v=1&d.stack=beos&d.rpf=7,1&d.on=192.0.2.5/24,x&d.route=zz").unwrap();
        // A value that does not parse is taken whole or not at all.
        assert!(r.on_interface.is_empty());
        let f = findings(&r, &Form::default());
        let bad: Vec<(Field, &str)> = f
            .iter()
            .filter_map(|f| match &f.kind {
                FindingKind::BadValue { param, .. } => Some((f.field, *param)),
                _ => None,
            })
            .collect();
        assert_eq!(
            bad,
            [
                (Field::Os, P_STACK),
                (Field::EniKind, P_RP_FILTER),
                (Field::Gateway, P_ROUTE),
                (Field::Secondaries, P_ON)
            ]
        );
    }

    #[test]
    fn addresses_are_compared_with_the_form() {
        let form = Form {
            cidr: "192.0.2.0/24".into(),
            gateway: "192.0.2.253".into(),
            primary: "192.0.2.201".into(),
            secondaries: vec!["192.0.2.203".into()],
            ..Form::default()
        };
        let f = findings(&full(), &form);
        let kinds: Vec<&FindingKind> = f.iter().map(|f| &f.kind).collect();
        assert!(kinds.contains(&&FindingKind::NotInCloud {
            interface: "eth0".into(),
            addresses: vec![ip("192.0.2.202")]
        }));
        assert!(kinds.contains(&&FindingKind::NotOnInterface {
            interface: "eth0".into(),
            addresses: vec![ip("192.0.2.203")]
        }));
        // The primary's lifetime is no finding; the table's route is not the main's.
        assert!(!kinds.iter().any(|k| matches!(k, FindingKind::DynamicSecondaries { .. })));
        assert!(!kinds.iter().any(|k| matches!(k, FindingKind::SeveralDefaultRoutes { .. })));
        assert!(kinds
            .iter()
            .any(|k| matches!(k, FindingKind::Stack { method: Some(Method::Netplan), .. })));
    }

    proptest::proptest! {
        /// Any query: no panic, and what is read writes back to the same report.
        #[test]
        fn any_query_reads_and_round_trips(q in "(d\\.(v|stack|ci|cifile|ncs|cnc|md|on|dyn|route|rule|rpf|nosas)=[ -~]{0,24}&?){0,8}") {
            if let Some(r) = from_query(&q) {
                let _ = findings(&r, &Form::default());
                let _ = findings(&r, &Form::guide_example());
                proptest::prop_assert_eq!(from_query(&to_query(&r)), Some(r));
            }
        }
    }

    #[test]
    fn junk_never_panics() {
        for q in [
            "d.route=",
            "d.on=/",
            "d.rpf=,",
            "d.dyn=1.2.3.4.5",
            "d.route=- - -",
            "&&d.v",
            "d.route=1.2.3.4,5,,x",
            "d.rule=,,",
        ] {
            let r = from_query(q).unwrap_or_default();
            let _ = findings(&r, &Form::default());
            let _ = to_query(&r);
        }
    }
}
