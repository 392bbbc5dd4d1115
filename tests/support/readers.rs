//! The real readers built from source by the set-up part `readers`
//! (scripts/readers.sh): where they are, whether the test may run, the
//! TEST-NET copy of a golden plan, and what each reader said, parsed.
//!
//! - wicked 0.6.80: `wicked show-config --ifconfig compat:suse:DIR all`
//!   prints its XML, which `tests/tools/wicked_xml.py` turns into rows;
//! - NetworkManager 1.42.4 with the ifcfg-rh plugin: `nmcli -g` fields of
//!   every profile it loaded.

use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};

use super::Scenario;

/// The two builds, each a prefix folder (`sbin/wicked`, `sbin/NetworkManager`).
pub struct Readers {
    /// wicked's prefix.
    pub wicked: PathBuf,
    /// NetworkManager's prefix.
    pub nm: PathBuf,
}

/// The repo root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where the tarballs may be, in the order scripts/readers.sh looks:
/// `SIW_SHARED_SRC`, the repo's `../shared/src`, and in a git worktree the
/// main checkout's `../shared/src`.
pub fn tarball_dirs() -> Vec<PathBuf> {
    if let Some(d) = std::env::var_os("SIW_SHARED_SRC") {
        return vec![PathBuf::from(d)];
    }
    let mut out = vec![root().join("../shared/src")];
    let common = std::process::Command::new("git")
        .arg("-C")
        .arg(root())
        .args(["rev-parse", "--path-format=absolute", "--git-common-dir"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    if let Some(main) = common.as_deref().and_then(Path::parent) {
        if main != root() {
            out.push(main.join("../shared/src"));
        }
    }
    out
}

const TARBALLS: [&str; 2] = ["wicked-0.6.80.tar.xz", "NetworkManager-1.42.4.tar.xz"];

/// The built readers, linked from `.tools/readers` by the set-up
/// (`SIW_READERS_DIR` overrides). No tarballs anywhere: a loud skip naming
/// every folder looked at (`None`). Tarballs there but no build: a failure
/// (the set-up was not run; under `scripts/test.sh` it always is).
pub fn readers(test: &str) -> Option<Readers> {
    let dir = std::env::var_os("SIW_READERS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(".tools/readers"));
    let r = Readers { wicked: dir.join("wicked"), nm: dir.join("nm") };
    let built = r.wicked.join("sbin/wicked").is_file()
        && r.nm.join("sbin/NetworkManager").is_file()
        && r.nm.join("bin/nmcli").is_file();
    if built {
        return Some(r);
    }
    let looked = tarball_dirs();
    let found = looked.iter().find(|d| TARBALLS.iter().all(|t| d.join(t).is_file()));
    match found {
        Some(d) => panic!(
            "{test}: the tarballs are in {} but no built reader is in {} (wicked/sbin/wicked, nm/sbin/NetworkManager): run scripts/setup.sh readers",
            d.display(),
            dir.display()
        ),
        None => {
            let list: Vec<String> = looked.iter().map(|d| d.display().to_string()).collect();
            // Straight to stderr, not eprintln!: the test harness would
            // swallow that in a passing test, and this skip must be seen.
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr(),
                "\n!!!!!!!! SKIPPED {test}: no {} and {} in {} (set SIW_SHARED_SRC to their folder): wicked and NetworkManager's ifcfg-rh did NOT read the files !!!!!!!!\n",
                TARBALLS[0],
                TARBALLS[1],
                list.join(", ")
            );
            None
        }
    }
}

fn mask_of(prefix: u8) -> u32 {
    u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0)
}

/// The TEST-NET-1 network (RFC 5737) the live cases use.
pub const TEST_NET: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 0);

/// A golden scenario moved to 192.0.2.0/24: its `form.txt` with every
/// address inside its subnet given the same host part in TEST-NET-1 (the
/// DNS servers and every other field unchanged), validated again. `None`
/// for a subnet larger than /24, which TEST-NET-1 cannot hold.
pub fn test_net(s: &Scenario, form_text: &str) -> Option<Scenario> {
    let prefix = s.plan.prefix();
    if prefix < 24 {
        return None;
    }
    let mask = mask_of(prefix);
    let net = u32::from(s.plan.primary) & mask;
    let map = |tok: &str| -> String {
        let (addr, rest) = match tok.split_once('/') {
            Some((a, p)) => (a, format!("/{p}")),
            None => (tok, String::new()),
        };
        match addr.parse::<Ipv4Addr>() {
            Ok(a) if u32::from(a) & mask == net => {
                format!("{}{rest}", Ipv4Addr::from(u32::from(TEST_NET) | (u32::from(a) & !mask)))
            }
            _ => tok.to_owned(),
        }
    };
    let text: String = form_text
        .lines()
        .map(|l| match l.split_once('=') {
            Some((k, v)) if ["cidr", "gw", "ip", "sec"].contains(&k.trim()) => {
                let mut out = String::new();
                let mut tok = String::new();
                for ch in v.chars().chain(std::iter::once('\n')) {
                    if ch.is_ascii_digit() || ch == '.' || ch == '/' {
                        tok.push(ch);
                    } else {
                        out.push_str(&map(&tok));
                        tok.clear();
                        if ch != '\n' {
                            out.push(ch);
                        }
                    }
                }
                format!("{k}={out}\n")
            }
            _ => format!("{l}\n"),
        })
        .collect();
    let shared = wizard::share::from_lines(&text);
    let plan = wizard::plan::validate(&shared.form).unwrap_or_else(|e| {
        panic!("the TEST-NET copy of {} does not validate: {e:?}\n{text}", s.name)
    });
    let inside = |a: Ipv4Addr| u32::from(a) & 0xffff_ff00 == u32::from(TEST_NET);
    assert!(
        plan.all_addresses().all(inside) && inside(plan.gateway),
        "the TEST-NET copy of {} left an address outside 192.0.2.0/24:\n{text}",
        s.name
    );
    Some(Scenario { name: format!("{}@192.0.2.0/24", s.name), plan })
}

/// A scenario from a form text (a golden `form.txt` with lines added), validated.
pub fn from_form(name: &str, form_text: &str) -> Scenario {
    let shared = wizard::share::from_lines(form_text);
    let plan = wizard::plan::validate(&shared.form)
        .unwrap_or_else(|e| panic!("{name}: does not validate: {e:?}\n{form_text}"));
    Scenario { name: name.to_owned(), plan }
}

/// One address wicked will configure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WickedAddr {
    /// The address.
    pub ip: Ipv4Addr,
    /// Its prefix length.
    pub prefix: u8,
    /// `<label>`, when given (wicked applies it as `IF:label` unless it starts with `IF`).
    pub label: Option<String>,
}

/// One interface of `wicked show-config`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WickedIface {
    /// `<name>`.
    pub name: String,
    /// The `origin` attribute (`compat:suse:/etc/sysconfig/network/ifcfg-eth0`).
    pub origin: String,
    /// `<ipv4:dhcp><enabled>`, when there is an `<ipv4:dhcp>`.
    pub dhcp4: Option<bool>,
    /// `<ipv4:static>` addresses, in order.
    pub addrs: Vec<WickedAddr>,
    /// `<ipv6:dhcp><enabled>`, when there is an `<ipv6:dhcp>`.
    pub dhcp6: Option<bool>,
    /// `<ipv6:static>` addresses (`A/P`), in order.
    pub addrs6: Vec<String>,
    /// `<ipv4:static>` routes: (destination, gateway, table).
    pub routes: Vec<(String, Option<Ipv4Addr>, String)>,
    /// `<ipv4:static>` rules that look up a table: (priority, from, table).
    pub rules: Vec<(String, String, String)>,
    /// `<ipv6:static>` rules that look up a table, the same way.
    pub rules6: Vec<(String, String, String)>,
    /// Elements under `<ipv4:static>` the rows do not cover.
    pub unknown: Vec<String>,
}

/// The rows of `tests/tools/wicked_xml.py`, by interface.
pub fn wicked_ifaces(rows: &str) -> Result<Vec<WickedIface>, String> {
    let mut out: Vec<WickedIface> = Vec::new();
    for line in rows.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        if f[0] == "interface" {
            out.push(WickedIface {
                name: f.get(1).copied().unwrap_or_default().to_owned(),
                origin: f.get(2).copied().unwrap_or_default().to_owned(),
                ..WickedIface::default()
            });
            continue;
        }
        let Some(cur) = out.last_mut() else {
            return Err(format!("row before any interface: {line:?}"));
        };
        match f.as_slice() {
            ["ipv4", _] => {}
            ["dhcp4", v] => cur.dhcp4 = Some(*v == "true"),
            ["dhcp6", v] => cur.dhcp6 = Some(*v == "true"),
            ["addr6", local] => cur.addrs6.push((*local).to_owned()),
            ["addr", local, label] => {
                let (ip, p) =
                    local.split_once('/').ok_or(format!("address without prefix: {line:?}"))?;
                cur.addrs.push(WickedAddr {
                    ip: ip.parse().map_err(|_| format!("bad address in {line:?}"))?,
                    prefix: p.parse().map_err(|_| format!("bad prefix in {line:?}"))?,
                    label: (*label != "-").then(|| (*label).to_owned()),
                });
            }
            ["route", dst, gw, table] => {
                cur.routes.push(((*dst).to_owned(), gw.parse().ok(), (*table).to_owned()))
            }
            [kind @ ("rule" | "rule6"), prio, from, table] => {
                let rule = ((*prio).to_owned(), (*from).to_owned(), (*table).to_owned());
                if *kind == "rule" {
                    cur.rules.push(rule);
                } else {
                    cur.rules6.push(rule);
                }
            }
            ["unknown", what] => cur.unknown.push((*what).to_owned()),
            _ => return Err(format!("unexpected row {line:?}")),
        }
    }
    Ok(out)
}

/// What NetworkManager holds for one profile (`nmcli -g` of the fields in
/// [`NM_FIELDS`], in that order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NmProfile {
    /// connection.uuid
    pub uuid: String,
    /// connection.id
    pub id: String,
    /// connection.type
    pub kind: String,
    /// connection.interface-name
    pub interface: String,
    /// connection.autoconnect
    pub autoconnect: String,
    /// ipv4.method
    pub method: String,
    /// ipv4.addresses, in order
    pub addresses: Vec<(Ipv4Addr, u8)>,
    /// ipv4.gateway
    pub gateway: Option<Ipv4Addr>,
    /// ipv4.dns, in order
    pub dns: Vec<Ipv4Addr>,
    /// ipv6.method
    pub method6: String,
    /// ipv6.addresses (`A/P`), in order
    pub addresses6: Vec<String>,
    /// The file it came from (`nmcli -g FILENAME con show`).
    pub filename: String,
}

/// The fields the driver asks `nmcli -g` for, one value a line.
pub const NM_FIELDS: &str = "connection.uuid,connection.id,connection.type,connection.interface-name,connection.autoconnect,ipv4.method,ipv4.addresses,ipv4.gateway,ipv4.dns,ipv6.method,ipv6.addresses";

/// `nmcli -t`/`-g` escapes `:` and `\` with a backslash.
pub fn nm_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            if let Some(n) = it.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a `-g` line of several fields on unescaped `:`.
pub fn nm_split(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut it = line.chars();
    while let Some(c) = it.next() {
        match c {
            '\\' => {
                if let (Some(n), Some(cur)) = (it.next(), out.last_mut()) {
                    cur.push(n);
                }
            }
            ':' => out.push(String::new()),
            _ => {
                if let Some(cur) = out.last_mut() {
                    cur.push(c);
                }
            }
        }
    }
    out
}

fn nm_list<T>(v: &str, one: impl Fn(&str) -> Result<T, String>) -> Result<Vec<T>, String> {
    v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(one).collect()
}

/// The driver's NetworkManager reading: `list` is `nmcli -g
/// UUID,FILENAME con show`, `fields` one block per profile, each starting
/// with a line `connection` then the [`NM_FIELDS`] values.
pub fn nm_profiles(list: &str, fields: &str) -> Result<Vec<NmProfile>, String> {
    let files: Vec<(String, String)> = list
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f = nm_split(l);
            (f.first().cloned().unwrap_or_default(), f.get(1).cloned().unwrap_or_default())
        })
        .collect();
    let mut out = Vec::new();
    let lines: Vec<&str> = fields.lines().collect();
    let n = NM_FIELDS.split(',').count();
    let mut i = 0;
    while i < lines.len() {
        if lines[i] != "connection" {
            return Err(format!("unexpected line {:?} in the nmcli reading:\n{fields}", lines[i]));
        }
        let vals: Vec<String> =
            (1..=n).map(|k| lines.get(i + k).map(|s| nm_unescape(s)).unwrap_or_default()).collect();
        i += n + 1;
        let addr = |s: &str| -> Result<(Ipv4Addr, u8), String> {
            let (a, p) = s.split_once('/').ok_or(format!("address without prefix {s:?}"))?;
            Ok((
                a.parse().map_err(|_| format!("bad address {s:?}"))?,
                p.parse().map_err(|_| format!("bad prefix {s:?}"))?,
            ))
        };
        let ip = |s: &str| s.parse::<Ipv4Addr>().map_err(|_| format!("bad address {s:?}"));
        let mut p = NmProfile {
            uuid: vals[0].clone(),
            id: vals[1].clone(),
            kind: vals[2].clone(),
            interface: vals[3].clone(),
            autoconnect: vals[4].clone(),
            method: vals[5].clone(),
            addresses: nm_list(&vals[6], addr)?,
            gateway: if vals[7].trim().is_empty() { None } else { Some(ip(vals[7].trim())?) },
            dns: nm_list(&vals[8], ip)?,
            method6: vals[9].clone(),
            addresses6: nm_list(&vals[10], |s| Ok(s.to_owned()))?,
            filename: String::new(),
        };
        p.filename =
            files.iter().find(|(u, _)| *u == p.uuid).map(|(_, f)| f.clone()).unwrap_or_default();
        out.push(p);
    }
    Ok(out)
}

/// A fresh network namespace with only `lo` (no `eth0`: nothing there can
/// be applied), deleted with its processes when dropped. `link`: a veth of
/// that name (its peer beside it: the machine has no dummy driver) holding
/// this address (a secondary ENI's read case: its table's routes and its
/// sysctl need the device and its primary).
/// `router6`: also a router in the device's IPv6 neighbour table (a
/// permanent `fe80::1 … router` entry), as the kernel marks the sender of
/// router advertisements: what a secondary ENI's IPv6 routing script and
/// the script's guard look for ([`wizard::render::routing::router6_guard`]).
pub fn bare_netns(
    link: Option<(&str, &str)>,
    router6: bool,
) -> Result<super::netns::Netns, String> {
    let name = super::unique("siwr");
    let ip = |args: &[&str]| {
        let ran = super::run(
            std::process::Command::new("ip").args(args),
            std::time::Duration::from_secs(15),
        );
        if ran.ok() {
            Ok(())
        } else {
            Err(format!("ip {}: {}", args.join(" "), ran.output()))
        }
    };
    ip(&["netns", "add", &name])?;
    let ns = super::netns::Netns { name: name.clone(), server: None, peer: String::new() };
    ip(&["-n", &name, "link", "set", "lo", "up"])?;
    if let Some((dev, addr)) = link {
        let peer = format!("{dev}-peer");
        ip(&["-n", &name, "link", "add", dev, "type", "veth", "peer", "name", &peer])?;
        ip(&["-n", &name, "addr", "add", addr, "dev", dev])?;
        ip(&["-n", &name, "link", "set", &peer, "up"])?;
        ip(&["-n", &name, "link", "set", dev, "up"])?;
        if router6 {
            let lladdr = ["lladdr", "02:00:00:00:00:01", "dev", dev, "router", "nud", "permanent"];
            ip(&[&["-n", &name, "-6", "neigh", "replace", "fe80::1"][..], &lladdr[..]].concat())?;
        }
    }
    Ok(ns)
}
