//! Network namespaces the tests create, deleted (with every process in
//! them) when the guard drops, even on panic. Nothing here touches the
//! host's own interfaces: every `ip` call names the namespace.

use std::net::Ipv4Addr;
use std::process::Command;
use std::time::{Duration, Instant};

use super::{run, unique, Ran};

const SHORT: Duration = Duration::from_secs(15);

/// A client namespace with a veth `eth0` (fixed MAC), and optionally a
/// server namespace holding the other end (`eth0-peer`, for dnsmasq).
/// Without a server the peer end stays in the client namespace, up, so
/// `eth0` has a carrier and nothing leaves the namespace.
pub struct Netns {
    /// The client namespace.
    pub name: String,
    /// The server namespace, when there is one.
    pub server: Option<String>,
    /// The veth's far end (`IF-peer`), where dnsmasq answers.
    pub peer: String,
}

/// The MAC the tests give `eth0`.
pub const TEST_MAC: &str = "00:16:3e:12:34:56";

fn ip(args: &[&str]) -> Result<(), String> {
    let ran = run(Command::new("ip").args(args), SHORT);
    if ran.ok() {
        Ok(())
    } else {
        Err(format!("ip {}: {}", args.join(" "), ran.output()))
    }
}

impl Netns {
    /// A fresh namespace pair: `eth0` gets `mac`; `server` puts the veth's
    /// peer in its own namespace.
    pub fn new(server: bool, mac: &str) -> Result<Netns, String> {
        Netns::named(server, mac, "eth0")
    }

    /// As [`Netns::new`], the client's veth named `iface` (a secondary
    /// ENI's `eth1`), its peer `IF-peer`.
    pub fn named(server: bool, mac: &str, iface: &str) -> Result<Netns, String> {
        let name = unique("siw");
        ip(&["netns", "add", &name])?;
        let peer = format!("{iface}-peer");
        let mut ns = Netns { name: name.clone(), server: None, peer: peer.clone() };
        ip(&["-n", &name, "link", "set", "lo", "up"])?;
        // The peer end lives in the server's namespace when there is one
        // (dnsmasq answers on it), else beside eth0, up and silent.
        let mut link = vec!["-n", &name, "link", "add", iface, "address", mac];
        link.extend(["type", "veth", "peer", "name", &peer]);
        let peer_ns = if server { format!("{name}s") } else { name.clone() };
        if server {
            ip(&["netns", "add", &peer_ns])?;
            ns.server = Some(peer_ns.clone());
            ip(&["-n", &peer_ns, "link", "set", "lo", "up"])?;
            link.extend(["netns", &peer_ns]);
        }
        ip(&link)?;
        ip(&["-n", &peer_ns, "link", "set", &peer, "up"])?;
        Ok(ns)
    }

    /// Runs `sh -c SCRIPT` in the client namespace inside a private mount
    /// namespace (`unshare -m --propagation private`), with a time limit.
    pub fn exec(&self, script: &str, limit: Duration) -> Ran {
        exec_private(&self.name, script, limit)
    }

    /// Starts dnsmasq in the server namespace leasing exactly `lease` with
    /// `gateway` as router, the server itself on `gateway/prefix`; waits
    /// until it has bound its sockets. Its log is `dir/dnsmasq.log`.
    pub fn start_dnsmasq(
        &self,
        lease: Ipv4Addr,
        gateway: Ipv4Addr,
        prefix: u8,
        mask: Ipv4Addr,
        dir: &std::path::Path,
    ) -> Result<(), String> {
        self.start_dnsmasq_renewing(lease, gateway, prefix, mask, None, dir)
    }

    /// [`Netns::start_dnsmasq`], and with `t1` the lease's renewal time
    /// (option 58, in seconds): the client renews that often.
    pub fn start_dnsmasq_renewing(
        &self,
        lease: Ipv4Addr,
        gateway: Ipv4Addr,
        prefix: u8,
        mask: Ipv4Addr,
        t1: Option<u32>,
        dir: &std::path::Path,
    ) -> Result<(), String> {
        let srv = self.server.as_deref().ok_or("no server namespace")?;
        ip(&["-n", srv, "addr", "add", &format!("{gateway}/{prefix}"), "dev", &self.peer])?;
        start_dnsmasq(srv, &self.peer, Dhcp4 { lease, gateway, mask, t1 }, dir, "dnsmasq")
    }

    /// Starts a second dnsmasq in the server namespace for IPv6 (see
    /// [`start_ipv6`]), on the veth's far end.
    pub fn start_ipv6(
        &self,
        block: &str,
        peer6: &str,
        lease: Option<&str>,
        dir: &std::path::Path,
    ) -> Result<(), String> {
        let srv = self.server.as_deref().ok_or("no server namespace")?;
        start_ipv6(srv, &self.peer, block, peer6, lease, LEASE6_SECS, dir, &[])
    }

    /// [`Netns::start_ipv6`] whose DHCPv6 server never answers: the router
    /// advertisements still say "managed" (the range is there), but dnsmasq
    /// ignores every client (`dhcp-ignore=tag:!known`, and none is known),
    /// so a client keeps asking.
    pub fn start_ipv6_unanswered(
        &self,
        block: &str,
        peer6: &str,
        lease: &str,
        dir: &std::path::Path,
    ) -> Result<(), String> {
        let srv = self.server.as_deref().ok_or("no server namespace")?;
        let ignore = ["--dhcp-ignore=tag:!known"];
        start_ipv6(srv, &self.peer, block, peer6, Some(lease), LEASE6_SECS, dir, &ignore)
    }

    pub(crate) fn kill_all(ns: &str) {
        for _ in 0..20 {
            let ran = run(Command::new("ip").args(["netns", "pids", ns]), SHORT);
            let pids: Vec<String> = ran.stdout.split_whitespace().map(str::to_owned).collect();
            if pids.is_empty() {
                return;
            }
            let _ = run(Command::new("kill").arg("-KILL").args(&pids), SHORT);
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Runs `sh -c SCRIPT` in namespace `ns` inside a private mount namespace
/// (`unshare -m --propagation private`), with a time limit.
pub fn exec_private(ns: &str, script: &str, limit: Duration) -> Ran {
    run(
        Command::new("ip")
            .args(["netns", "exec", ns, "unshare", "-m", "--propagation", "private"])
            .args(["sh", "-c", script]),
        limit,
    )
}

/// What one DHCPv4 server hands out: exactly `lease` (12 h), with
/// `gateway` as router and DNS server, and with `t1` (seconds) a renewal
/// time far shorter than the lease (option 58; dnsmasq 2.90 sends it as
/// given, and dhclient, networkd and NetworkManager renew at it; BusyBox's
/// udhcpc renews at half the lease whatever it says).
struct Dhcp4 {
    lease: Ipv4Addr,
    gateway: Ipv4Addr,
    mask: Ipv4Addr,
    t1: Option<u32>,
}

/// Starts dnsmasq in namespace `ns` on `iface` (which already holds the
/// gateway) serving `dhcp`; waits until it has bound its sockets. Its log
/// is `dir/TAG.log`, its leases `dir/TAG.leases` (a fresh file).
fn start_dnsmasq(
    ns: &str,
    iface: &str,
    dhcp: Dhcp4,
    dir: &std::path::Path,
    tag: &str,
) -> Result<(), String> {
    let Dhcp4 { lease, gateway, mask, t1 } = dhcp;
    let mut args = vec![
        format!("--interface={iface}"),
        "--bind-interfaces".into(),
        format!("--dhcp-range={lease},{lease},{mask},12h"),
        format!("--dhcp-option=3,{gateway}"),
        format!("--dhcp-option=6,{gateway}"),
        "--dhcp-authoritative".into(),
        "--no-ping".into(),
    ];
    if let Some(t1) = t1 {
        args.push(format!("--dhcp-option=58,{t1}"));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    spawn_dnsmasq(ns, &args, dir, tag)
}

/// The DHCPv6 lease and prefix lifetime of [`Netns::start_ipv6`]: 12 h, no
/// renewal while a case runs.
pub const LEASE6_SECS: u32 = 12 * 3600;

/// Starts dnsmasq for IPv6 in namespace `ns` on `iface`: router
/// advertisements for `block` (a /64) and, when `lease` is given, stateful
/// DHCPv6 leasing exactly that address (the ENI's own IPv6 address), as the
/// cloud's network gives them. `iface` gets `peer6` in the block (dnsmasq
/// answers only on a link with an address of the range's block), the lease
/// and the prefix valid for `secs` (dnsmasq's minimum is 120: a client
/// renews at half of it). `extra`: more dnsmasq options. Its log is
/// `dir/dnsmasq6.log`.
#[allow(clippy::too_many_arguments)] // each is one fact of the cloud's IPv6 side
pub fn start_ipv6(
    ns: &str,
    iface: &str,
    block: &str,
    peer6: &str,
    lease: Option<&str>,
    secs: u32,
    dir: &std::path::Path,
    extra: &[&str],
) -> Result<(), String> {
    ip(&["-n", ns, "addr", "add", &format!("{peer6}/64"), "dev", iface, "nodad"])?;
    let network = block.split('/').next().unwrap_or(block);
    let range = match lease {
        Some(l) => format!("--dhcp-range={l},{l},64,{secs}"),
        None => format!("--dhcp-range={network},ra-only,64,{secs}"),
    };
    let on = format!("--interface={iface}");
    let ra = format!("--ra-param={iface},10,600");
    let mut args = vec![on.as_str(), "--bind-interfaces", "--enable-ra", &range, &ra];
    args.extend(extra);
    spawn_dnsmasq(ns, &args, dir, "dnsmasq6")
}

/// Starts dnsmasq in namespace `ns` with `args` (besides those every
/// instance has: no daemon, no DNS, its log, leases and pid file under
/// `dir` named by `tag`, a fresh lease file); waits until it has bound its
/// sockets.
fn spawn_dnsmasq(ns: &str, args: &[&str], dir: &std::path::Path, tag: &str) -> Result<(), String> {
    let log = dir.join(format!("{tag}.log"));
    let leases = dir.join(format!("{tag}.leases"));
    let _ = std::fs::remove_file(&leases);
    let out = std::fs::File::create(&log).map_err(|e| e.to_string())?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    Command::new("ip")
        .args(["netns", "exec", ns, "dnsmasq", "--no-daemon", "--conf-file=/dev/null"])
        .args(args)
        .args(["--port=0", "--log-dhcp", "--log-facility=-"])
        .arg(format!("--dhcp-leasefile={}", leases.display()))
        .arg(format!("--pid-file={}", dir.join(format!("{tag}.pid")).display()))
        .stdin(std::process::Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("cannot start dnsmasq ({tag}): {e}"))?;
    let start = Instant::now();
    while start.elapsed() < SHORT {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("sockets bound") || text.contains("router advertisement on") {
            return Ok(());
        }
        if text.contains("FAILED") || text.contains("failed") {
            return Err(format!("dnsmasq ({tag}) did not start:\n{text}"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(format!(
        "dnsmasq ({tag}) did not bind within {SHORT:?}:\n{}",
        std::fs::read_to_string(&log).unwrap_or_default()
    ))
}

/// The two-NIC topology of a VPC instance with a secondary ENI:
///
/// ```text
///  c0 eth0 203.0.113.10/26           c1 eth0 203.0.113.74/26
///      |                                  |
///  c0  203.0.113.1/26                c1  203.0.113.65/26
///  r0 ───── bb0 203.0.113.129/30 ── bb1 203.0.113.130/30 ───── r1
///  g0  192.0.2.253/24 (strict rp_filter) g1  198.51.100.253/24 (strict rp_filter)
///      |                                  |
///  eth0 (MAC0)        guest               eth1 (MAC1)
/// ```
///
/// Each router forwards, routes the other side (its subnet and its client
/// network) over the backbone `bb`, and drops on its guest-facing side
/// every packet whose source does not route back through that side (strict
/// reverse-path filtering on `g0`/`g1` only): a reply from eth1's address
/// sent out of eth0 reaches r0 with a source of r1's side and is dropped,
/// as the VPC drops it. The guest's `net.ipv4.conf.all.rp_filter` is 1
/// (strict, as RHEL 8 ships): a configuration that relies on loose filtering
/// must set its own. Every namespace is deleted on drop, even on panic.
pub struct TwoNics {
    /// The instance: `eth0` and `eth1`.
    pub guest: String,
    /// Router of eth0's vSwitch (192.0.2.0/24).
    pub r0: String,
    /// Router of eth1's vSwitch (198.51.100.0/24).
    pub r1: String,
    /// A client behind r0.
    pub c0: String,
    /// A client behind r1.
    pub c1: String,
}

/// Addresses of the two-NIC topology (TEST-NET only).
pub mod two {
    use std::net::Ipv4Addr;
    /// eth0's vSwitch, its gateway (r0) and the primary r0's dnsmasq leases.
    pub const NET0: &str = "192.0.2.0/24";
    /// eth0's gateway.
    pub const GW0: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 253);
    /// eth0's primary, leased by r0.
    pub const PRIMARY0: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 201);
    /// eth1's vSwitch.
    pub const NET1: &str = "198.51.100.0/24";
    /// eth1's gateway.
    pub const GW1: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 253);
    /// eth1's primary (leased by r1 in keep mode).
    pub const PRIMARY1: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 10);
    /// The client behind r0.
    pub const CLIENT0: Ipv4Addr = Ipv4Addr::new(203, 0, 113, 10);
    /// The client behind r1.
    pub const CLIENT1: Ipv4Addr = Ipv4Addr::new(203, 0, 113, 74);
    /// An address beyond both vSwitches and both client networks (never
    /// sent to: `ip route get` asks which source the kernel would pick).
    pub const BEYOND: Ipv4Addr = Ipv4Addr::new(203, 0, 113, 200);
    /// eth0's MAC.
    pub const MAC0: &str = "00:16:3e:12:34:56";
    /// eth1's MAC.
    pub const MAC1: &str = "00:16:3e:12:34:57";
    /// eth1's vSwitch IPv6 block (r1 advertises it, and leases the ENI's
    /// own IPv6 address by DHCPv6).
    pub const BLOCK6_1: &str = "2001:db8:1:1::/64";
    /// eth1's own IPv6 address.
    pub const PRIMARY6_1: &str = "2001:db8:1:1::10";
    /// The IPv6 addresses a secondary-ENI case adds to eth1.
    pub const SECONDARIES6_1: &str = "2001:db8:1:1::11, 2001:db8:1:1::12";
    /// r1's address in the block.
    pub const PEER6_1: &str = "2001:db8:1:1::fff0";
    /// A global IPv6 address beyond every block (`ip -6 route get` only).
    pub const BEYOND6: &str = "2001:db8:ffff::1";
}

/// An ICMP echo client in python3 (no ping binary is needed): `python3 -c
/// PING_PY TRIES TIMEOUT ADDR...` prints `ADDR reply 0.2ms` or `ADDR
/// no-reply` per address (a reply counts only from that address, with our
/// id and sequence), and exits 1 when any address did not answer.
pub const PING_PY: &str = r#"
import os, select, socket, struct, sys, time
def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff); s += s >> 16
    return ~s & 0xffff
tries, wait = int(sys.argv[1]), float(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
ident = os.getpid() & 0xffff
bad = 0
for n, dst in enumerate(sys.argv[3:]):
    got = None
    for t in range(tries):
        seq = (n * 16 + t) & 0xffff
        data = b"siw-two-nic"
        hdr = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
        s.sendto(struct.pack("!BBHHH", 8, 0, csum(hdr + data), ident, seq) + data, (dst, 0))
        start = time.time()
        while got is None:
            left = wait - (time.time() - start)
            if left <= 0 or not select.select([s], [], [], left)[0]: break
            buf, (src, _) = s.recvfrom(2048)
            ihl = (buf[0] & 15) * 4
            typ, _, _, rid, rseq = struct.unpack("!BBHHH", buf[ihl:ihl + 8])
            if typ == 0 and rid == ident and rseq == seq and src == dst:
                got = "%.1fms" % ((time.time() - start) * 1000)
        if got: break
    print("%s %s" % (dst, "reply " + got if got else "no-reply"))
    bad += got is None
sys.exit(1 if bad else 0)
"#;

impl TwoNics {
    /// Builds the topology: eth0 gets `mac0`, eth1 `mac1`.
    pub fn new(mac0: &str, mac1: &str) -> Result<TwoNics, String> {
        let base = unique("siw2");
        let t = TwoNics {
            guest: format!("{base}g"),
            r0: format!("{base}r0"),
            r1: format!("{base}r1"),
            c0: format!("{base}c0"),
            c1: format!("{base}c1"),
        };
        // From here on, Drop deletes whatever was made.
        for n in t.names() {
            ip(&["netns", "add", &n])?;
            ip(&["-n", &n, "link", "set", "lo", "up"])?;
        }
        let (g, r0, r1, c0, c1) = (&t.guest, &t.r0, &t.r1, &t.c0, &t.c1);
        // Strict filtering in the guest before its links exist (the
        // kernel uses the larger of `all` and the link's own value).
        sysctl(g, &["net.ipv4.conf.all.rp_filter=1", "net.ipv4.conf.default.rp_filter=1"])?;
        let veth = |a_ns: &str, a: &str, a_mac: Option<&str>, b_ns: &str, b: &str| {
            let mut args = vec!["-n", a_ns, "link", "add", a];
            if let Some(m) = a_mac {
                args.extend(["address", m]);
            }
            args.extend(["type", "veth", "peer", "name", b, "netns", b_ns]);
            ip(&args)?;
            ip(&["-n", a_ns, "link", "set", a, "up"])?;
            ip(&["-n", b_ns, "link", "set", b, "up"])
        };
        veth(g, "eth0", Some(mac0), r0, "g0")?;
        veth(g, "eth1", Some(mac1), r1, "g1")?;
        veth(c0, "eth0", None, r0, "c0")?;
        veth(c1, "eth0", None, r1, "c1")?;
        veth(r0, "bb0", None, r1, "bb1")?;
        let addr = |ns: &str, a: &str, dev: &str| ip(&["-n", ns, "addr", "add", a, "dev", dev]);
        let route = |ns: &str, to: &str, via: &str| ip(&["-n", ns, "route", "add", to, "via", via]);
        addr(r0, &format!("{}/24", two::GW0), "g0")?;
        addr(r0, "203.0.113.1/26", "c0")?;
        addr(r0, "203.0.113.129/30", "bb0")?;
        addr(r1, &format!("{}/24", two::GW1), "g1")?;
        addr(r1, "203.0.113.65/26", "c1")?;
        addr(r1, "203.0.113.130/30", "bb1")?;
        route(r0, two::NET1, "203.0.113.130")?;
        route(r0, "203.0.113.64/26", "203.0.113.130")?;
        route(r1, two::NET0, "203.0.113.129")?;
        route(r1, "203.0.113.0/26", "203.0.113.129")?;
        addr(c0, &format!("{}/26", two::CLIENT0), "eth0")?;
        route(c0, "default", "203.0.113.1")?;
        addr(c1, &format!("{}/26", two::CLIENT1), "eth0")?;
        route(c1, "default", "203.0.113.65")?;
        for (r, side) in [(r0, "g0"), (r1, "g1")] {
            sysctl(
                r,
                &[
                    "net.ipv4.ip_forward=1",
                    "net.ipv4.conf.all.rp_filter=0",
                    "net.ipv4.conf.default.rp_filter=0",
                ],
            )?;
            t.router_filter(r, side, true)?;
        }
        Ok(t)
    }

    fn names(&self) -> Vec<String> {
        vec![self.guest.clone(), self.r0.clone(), self.r1.clone(), self.c0.clone(), self.c1.clone()]
    }

    /// Turns a router's anti-spoofing on its guest-facing side on or off
    /// (the discrimination test turns it off once to show the path exists).
    pub fn router_filter(&self, router: &str, side: &str, strict: bool) -> Result<(), String> {
        let v = format!("net.ipv4.conf.{side}.rp_filter={}", u8::from(strict));
        sysctl(router, &[&v])
    }

    /// Runs `sh -c SCRIPT` in the guest inside a private mount namespace.
    pub fn exec(&self, script: &str, limit: Duration) -> Ran {
        exec_private(&self.guest, script, limit)
    }

    /// Runs a command in namespace `ns` (no private mounts).
    pub fn run_in(&self, ns: &str, args: &[&str], limit: Duration) -> Ran {
        run(Command::new("ip").args(["netns", "exec", ns]).args(args), limit)
    }

    /// Pings every address from namespace `ns` (PING_PY): one line per
    /// address, `ADDR reply …` or `ADDR no-reply`.
    pub fn ping(&self, ns: &str, tries: u32, addrs: &[Ipv4Addr]) -> Ran {
        let mut args: Vec<String> =
            vec!["python3".into(), "-c".into(), PING_PY.into(), tries.to_string(), "1".into()];
        args.extend(addrs.iter().map(|a| a.to_string()));
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        self.run_in(
            ns,
            &refs,
            SHORT + Duration::from_secs(u64::from(tries) * 3 * addrs.len() as u64),
        )
    }

    /// How many packets namespace `ns` has dropped by reverse-path
    /// filtering (`TcpExt: IPReversePathFilter` of its /proc/net/netstat).
    pub fn rp_drops(&self, ns: &str) -> Result<u64, String> {
        let ran = self.run_in(ns, &["cat", "/proc/net/netstat"], SHORT);
        let mut lines = ran.stdout.lines().filter(|l| l.starts_with("TcpExt:"));
        let (Some(names), Some(values)) = (lines.next(), lines.next()) else {
            return Err(format!("no TcpExt lines in {ns}'s /proc/net/netstat: {}", ran.output()));
        };
        names
            .split_whitespace()
            .zip(values.split_whitespace())
            .find(|(n, _)| *n == "IPReversePathFilter")
            .and_then(|(_, v)| v.parse().ok())
            .ok_or_else(|| format!("no IPReversePathFilter counter in {ns}"))
    }

    /// Starts dnsmasq for IPv6 on r1's guest-facing side (g1): router
    /// advertisements for [`two::BLOCK6_1`] and DHCPv6 leasing `lease`.
    pub fn start_ipv6_eth1(
        &self,
        lease: Option<&str>,
        dir: &std::path::Path,
    ) -> Result<(), String> {
        start_ipv6(&self.r1, "g1", two::BLOCK6_1, two::PEER6_1, lease, LEASE6_SECS, dir, &[])
    }

    /// Starts dnsmasq on a router's guest-facing side (`r0`/`g0` or
    /// `r1`/`g1`) leasing exactly `lease` (/24) with the router as gateway,
    /// and with `t1` that renewal time (see [`Dhcp4`]).
    pub fn start_dnsmasq(
        &self,
        side: u8,
        lease: Ipv4Addr,
        t1: Option<u32>,
        dir: &std::path::Path,
    ) -> Result<(), String> {
        let mask = Ipv4Addr::new(255, 255, 255, 0);
        match side {
            0 => {
                let dhcp = Dhcp4 { lease, gateway: two::GW0, mask, t1 };
                start_dnsmasq(&self.r0, "g0", dhcp, dir, "dnsmasq")
            }
            _ => {
                let dhcp = Dhcp4 { lease, gateway: two::GW1, mask, t1 };
                start_dnsmasq(&self.r1, "g1", dhcp, dir, "dnsmasq-eth1")
            }
        }
    }
}

fn sysctl(ns: &str, settings: &[&str]) -> Result<(), String> {
    let ran = run(
        Command::new("ip").args(["netns", "exec", ns, "sysctl", "-q", "-w"]).args(settings),
        SHORT,
    );
    if ran.ok() {
        Ok(())
    } else {
        Err(format!("sysctl in {ns} {settings:?}: {}", ran.output()))
    }
}

impl Drop for TwoNics {
    fn drop(&mut self) {
        let names = self.names();
        for ns in &names {
            Netns::kill_all(ns);
        }
        for ns in &names {
            let _ = run(Command::new("ip").args(["netns", "del", ns]), SHORT);
        }
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let names: Vec<String> =
            std::iter::once(self.name.clone()).chain(self.server.clone()).collect();
        for ns in &names {
            Netns::kill_all(ns);
        }
        for ns in &names {
            let _ = run(Command::new("ip").args(["netns", "del", ns]), SHORT);
        }
    }
}
