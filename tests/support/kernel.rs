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

/// One IPv4 route of the main table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
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

const ROUTE_PY: &str = r#"
import json, sys
for r in json.load(sys.stdin):
    print("%s\t%s\t%s\t%s" % (r.get("dst", ""), r.get("gateway", "-"), r.get("prefsrc", "-"), r.get("dev", "-")))
"#;

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
            [dst, gw, src, dev] => Ok(Route {
                dst: dst.clone(),
                gateway: gw.parse().ok(),
                prefsrc: src.parse().ok(),
                dev: dev.clone(),
            }),
            _ => Err(format!("unexpected row {r:?}")),
        })
        .collect()
}

/// The IPv4 addresses in the output of `ip -j addr show`.
pub fn addrs_from_json(json: &str) -> Result<BTreeSet<Addr>, String> {
    to_addrs(rows(json, ADDR_PY)?)
}

/// The routes in the output of `ip -j -4 route show`.
pub fn routes_from_json(json: &str) -> Result<Vec<Route>, String> {
    to_routes(rows(json, ROUTE_PY)?)
}

/// The IPv4 addresses on `dev` in namespace `ns`.
pub fn addrs(ns: &str, dev: &str) -> Result<BTreeSet<Addr>, String> {
    to_addrs(ip_json(ns, &["addr", "show", "dev", dev], ADDR_PY)?)
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
