//! The kernel's view of a namespace: `ip -j addr` and `ip -j route`, read
//! through a few lines of python3's json module (no JSON crate needed).

use std::collections::BTreeSet;
use std::net::Ipv4Addr;
use std::process::Command;
use std::time::Duration;

use super::run;

/// One IPv4 address on a link.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Addr {
    /// The address.
    pub ip: Ipv4Addr,
    /// Its prefix length.
    pub prefix: u8,
    /// Its label (`eth0`, `eth0:0`).
    pub label: String,
}

/// One IPv4 route (of the main table, or of any with `table all`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// The table: `main`, `local`, `1001`, ...
    pub table: String,
    /// The metric (0 when `ip` shows none).
    pub metric: u32,
    /// `default` or `a.b.c.d/n`.
    pub dst: String,
    /// The `via` address, when there is one.
    pub gateway: Option<Ipv4Addr>,
    /// The `src` address, when there is one.
    pub prefsrc: Option<Ipv4Addr>,
    /// The device.
    pub dev: String,
}

const ADDR_PY: &str = r#"
import json, sys
for link in json.load(sys.stdin):
    for a in link.get("addr_info", []):
        if a.get("family") == "inet":
            print("%s\t%s\t%s" % (a["local"], a["prefixlen"], a.get("label", link["ifname"])))
"#;

const LINK_ADDR_PY: &str = r#"
import json, sys
for link in json.load(sys.stdin):
    for a in link.get("addr_info", []):
        if a.get("family") == "inet":
            print("%s\t%s\t%s\t%s" % (link["ifname"], a["local"], a["prefixlen"], a.get("label", link["ifname"])))
"#;

const ADDR6_PY: &str = r#"
import json, sys
for link in json.load(sys.stdin):
    for a in link.get("addr_info", []):
        if a.get("family") == "inet6" and a.get("scope") == "global":
            flags = [f for f in ("tentative", "dadfailed", "deprecated", "dynamic") if a.get(f)]
            print("%s\t%s\t%s" % (a["local"], a["prefixlen"], ",".join(flags) or "-"))
"#;

const ROUTE6_PY: &str = r#"
import json, sys
for r in json.load(sys.stdin):
    print("%s\t%s\t%s\t%s" % (r.get("dst", ""), r.get("gateway", "-"), r.get("dev", "-"), r.get("protocol", "-")))
"#;

const ROUTE_PY: &str = r#"
import json, sys
for r in json.load(sys.stdin):
    if r.get("type", "unicast") not in ("unicast", "blackhole", "unreachable", "prohibit"):
        continue
    print("%s\t%s\t%s\t%s\t%s\t%s" % (r.get("dst", ""), r.get("gateway", "-"), r.get("prefsrc", "-"), r.get("dev", "-"), r.get("table", "main"), r.get("metric", 0)))
"#;

const RULE_PY: &str = r#"
import json, sys
for r in json.load(sys.stdin):
    src = r.get("src", "all")
    if "srclen" in r:
        src = "%s/%s" % (src, r["srclen"])
    elif src != "all":
        src += "/32"
    dst = r.get("dst", "all")
    if "dstlen" in r:
        dst = "%s/%s" % (dst, r["dstlen"])
    print("%s\t%s\t%s\t%s\t%s" % (r.get("priority", 0), src, dst, r.get("table", "-"), r.get("iif", "-") + "," + r.get("oif", "-")))
"#;

/// One IPv4 policy rule (`ip -j -4 rule show`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Its priority.
    pub priority: u32,
    /// The source selector, `all` or `a.b.c.d/n` (a bare address is /32).
    pub from: String,
    /// The destination selector, `all` or `a.b.c.d/n`.
    pub to: String,
    /// The table it looks up (`main`, `1001`, ...; `-` for other actions).
    pub table: String,
    /// `IIF,OIF` selectors (`-` for none).
    pub ifs: String,
}

impl Rule {
    /// Whether the rule selects packets from exactly `ip` (`from ip/32`).
    pub fn is_from(&self, ip: Ipv4Addr) -> bool {
        self.from == format!("{ip}/32")
    }
}

/// The rules in the output of `ip -j -4 rule show`.
pub fn rules_from_json(json: &str) -> Result<Vec<Rule>, String> {
    rows(json, RULE_PY)?
        .into_iter()
        .map(|r| match r.as_slice() {
            [prio, from, to, table, ifs] => Ok(Rule {
                priority: prio.parse().map_err(|_| format!("bad rule priority {prio:?}"))?,
                from: from.clone(),
                to: to.clone(),
                table: table.clone(),
                ifs: ifs.clone(),
            }),
            _ => Err(format!("unexpected rule row {r:?}")),
        })
        .collect()
}

fn ip_json(ns: &str, args: &[&str], py: &str) -> Result<Vec<Vec<String>>, String> {
    let ran =
        run(Command::new("ip").arg("-n").arg(ns).arg("-j").args(args), Duration::from_secs(10));
    if !ran.ok() {
        return Err(format!("ip -n {ns} -j {}: {}", args.join(" "), ran.output()));
    }
    rows(&ran.stdout, py)
}

/// Runs the python reader over a JSON text and splits its tab-separated rows.
fn rows(json: &str, py: &str) -> Result<Vec<Vec<String>>, String> {
    let tmp = std::env::temp_dir().join(super::unique("siw-json-"));
    std::fs::write(&tmp, json).map_err(|e| format!("write {}: {e}", tmp.display()))?;
    let parsed = run(
        Command::new("sh")
            .arg("-c")
            .arg(format!("python3 -c \"$0\" < '{}'", tmp.display()))
            .arg(py),
        Duration::from_secs(10),
    );
    let _ = std::fs::remove_file(&tmp);
    if !parsed.ok() {
        return Err(format!("reading ip -j output: {}\n--- json\n{json}", parsed.output()));
    }
    Ok(parsed.stdout.lines().map(|l| l.split('\t').map(str::to_owned).collect()).collect())
}

fn to_addrs(rows: Vec<Vec<String>>) -> Result<BTreeSet<Addr>, String> {
    rows.into_iter()
        .map(|r| match r.as_slice() {
            [ip, prefix, label] => Ok(Addr {
                ip: ip.parse().map_err(|_| format!("bad address {ip:?} from ip -j addr"))?,
                prefix: prefix.parse().map_err(|_| format!("bad prefix {prefix:?}"))?,
                label: label.clone(),
            }),
            _ => Err(format!("unexpected row {r:?}")),
        })
        .collect()
}

fn to_routes(rows: Vec<Vec<String>>) -> Result<Vec<Route>, String> {
    rows.into_iter()
        .map(|r| match r.as_slice() {
            [dst, gw, src, dev, table, metric] => Ok(Route {
                table: table.clone(),
                metric: metric.parse().map_err(|_| format!("bad metric {metric:?}"))?,
                dst: dst.clone(),
                gateway: gw.parse().ok(),
                prefsrc: src.parse().ok(),
                dev: dev.clone(),
            }),
            _ => Err(format!("unexpected row {r:?}")),
        })
        .collect()
}

/// The IPv4 addresses of one link in the output of `ip -j addr show` (every link).
pub fn link_addrs_from_json(json: &str, link: &str) -> Result<BTreeSet<Addr>, String> {
    to_addrs(
        rows(json, LINK_ADDR_PY)?
            .into_iter()
            .filter(|r| r.first().map(String::as_str) == Some(link))
            .map(|r| r[1..].to_vec())
            .collect(),
    )
}

/// The IPv4 addresses in the output of `ip -j addr show`.
pub fn addrs_from_json(json: &str) -> Result<BTreeSet<Addr>, String> {
    to_addrs(rows(json, ADDR_PY)?)
}

/// One global IPv6 address on a link, with the flags that matter.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Addr6 {
    /// The address as `ip` prints it (RFC 5952).
    pub ip: String,
    /// Its prefix length.
    pub prefix: u8,
    /// `tentative`, `dadfailed`, `deprecated`, `dynamic` (a lease or an
    /// address from a router advertisement), those that are set.
    pub flags: Vec<String>,
}

impl Addr6 {
    /// `A/P`.
    pub fn word(&self) -> String {
        format!("{}/{}", self.ip, self.prefix)
    }

    /// Usable: past duplicate address detection, not deprecated.
    pub fn usable(&self) -> bool {
        !self.flags.iter().any(|f| matches!(f.as_str(), "tentative" | "dadfailed" | "deprecated"))
    }
}

/// The global IPv6 addresses in the output of `ip -j -6 addr show`.
pub fn addrs6_from_json(json: &str) -> Result<BTreeSet<Addr6>, String> {
    rows(json, ADDR6_PY)?
        .into_iter()
        .map(|r| match r.as_slice() {
            [ip, prefix, flags] => Ok(Addr6 {
                ip: ip.clone(),
                prefix: prefix.parse().map_err(|_| format!("bad prefix {prefix:?}"))?,
                flags: flags.split(',').filter(|f| *f != "-").map(str::to_owned).collect(),
            }),
            _ => Err(format!("unexpected row {r:?}")),
        })
        .collect()
}

/// The IPv6 default routes in the output of `ip -j -6 route show default`,
/// as `via GW dev DEV proto P` lines.
pub fn default_routes6_from_json(json: &str) -> Result<Vec<String>, String> {
    Ok(rows(json, ROUTE6_PY)?
        .into_iter()
        .filter(|r| r.first().map(String::as_str) == Some("default"))
        .map(|r| format!("via {} dev {} proto {}", r[1], r[2], r[3]))
        .collect())
}

/// The unicast routes in the output of `ip -j -4 route show` (`table
/// all` too: each route carries its table).
pub fn routes_from_json(json: &str) -> Result<Vec<Route>, String> {
    to_routes(rows(json, ROUTE_PY)?)
}

/// The IPv4 addresses on `dev` in namespace `ns`.
pub fn addrs(ns: &str, dev: &str) -> Result<BTreeSet<Addr>, String> {
    to_addrs(ip_json(ns, &["addr", "show", "dev", dev], ADDR_PY)?)
}

/// The global IPv6 addresses on `dev` in namespace `ns`.
pub fn addrs6(ns: &str, dev: &str) -> Result<BTreeSet<Addr6>, String> {
    let ran = run(
        Command::new("ip").args(["-n", ns, "-j", "-6", "addr", "show", "dev", dev]),
        Duration::from_secs(10),
    );
    if !ran.ok() {
        return Err(format!("ip -n {ns} -j -6 addr show dev {dev}: {}", ran.output()));
    }
    addrs6_from_json(&ran.stdout)
}

/// The IPv6 default routes in namespace `ns` (`via GW dev DEV proto P`).
pub fn default_routes6(ns: &str) -> Result<Vec<String>, String> {
    let ran = run(
        Command::new("ip").args(["-n", ns, "-j", "-6", "route", "show", "default"]),
        Duration::from_secs(10),
    );
    if !ran.ok() {
        return Err(format!("ip -n {ns} -j -6 route show default: {}", ran.output()));
    }
    default_routes6_from_json(&ran.stdout)
}

/// The IPv4 main-table routes in namespace `ns`.
pub fn routes(ns: &str) -> Result<Vec<Route>, String> {
    to_routes(ip_json(ns, &["-4", "route", "show", "table", "main"], ROUTE_PY)?)
}

/// The default routes.
pub fn default_routes(ns: &str) -> Result<Vec<Route>, String> {
    Ok(routes(ns)?.into_iter().filter(|r| r.dst == "default").collect())
}

/// A short human form of an address set for messages.
pub fn show(set: &BTreeSet<Addr>) -> String {
    set.iter()
        .map(|a| format!("{}/{} ({})", a.ip, a.prefix, a.label))
        .collect::<Vec<_>>()
        .join(", ")
}
