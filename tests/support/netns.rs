//! Network namespaces the tests create, deleted (with every process in
//! them) when the guard drops, even on panic. Nothing here touches the
//! host's own interfaces: every `ip` call names the namespace.

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
        let name = unique("siw");
        ip(&["netns", "add", &name])?;
        let mut ns = Netns { name: name.clone(), server: None };
        ip(&["-n", &name, "link", "set", "lo", "up"])?;
        // The peer end lives in the server's namespace when there is one
        // (dnsmasq answers on it), else beside eth0, up and silent.
        let mut link = vec!["-n", &name, "link", "add", "eth0", "address", mac];
        link.extend(["type", "veth", "peer", "name", "eth0-peer"]);
        let peer_ns = if server { format!("{name}s") } else { name.clone() };
        if server {
            ip(&["netns", "add", &peer_ns])?;
            ns.server = Some(peer_ns.clone());
            ip(&["-n", &peer_ns, "link", "set", "lo", "up"])?;
            link.extend(["netns", &peer_ns]);
        }
        ip(&link)?;
        ip(&["-n", &peer_ns, "link", "set", "eth0-peer", "up"])?;
        Ok(ns)
    }

    /// Runs `sh -c SCRIPT` in the client namespace inside a private mount
    /// namespace (`unshare -m --propagation private`), with a time limit.
    pub fn exec(&self, script: &str, limit: Duration) -> Ran {
        run(
            Command::new("ip")
                .args(["netns", "exec", &self.name, "unshare", "-m", "--propagation", "private"])
                .args(["sh", "-c", script]),
            limit,
        )
    }

    /// Starts dnsmasq in the server namespace leasing exactly `lease` with
    /// `gateway` as router, the server itself on `gateway/prefix`; waits
    /// until it has bound its sockets. Its log goes to `log`.
    pub fn start_dnsmasq(
        &self,
        lease: std::net::Ipv4Addr,
        gateway: std::net::Ipv4Addr,
        prefix: u8,
        mask: std::net::Ipv4Addr,
        dir: &std::path::Path,
    ) -> Result<(), String> {
        let srv = self.server.as_deref().ok_or("no server namespace")?;
        ip(&["-n", srv, "addr", "add", &format!("{gateway}/{prefix}"), "dev", "eth0-peer"])?;
        let log = dir.join("dnsmasq.log");
        let leases = dir.join("dnsmasq.leases");
        let _ = std::fs::remove_file(&leases);
        let out = std::fs::File::create(&log).map_err(|e| e.to_string())?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        Command::new("ip")
            .args(["netns", "exec", srv, "dnsmasq", "--no-daemon", "--conf-file=/dev/null"])
            .args(["--interface=eth0-peer", "--bind-interfaces"])
            .arg(format!("--dhcp-range={lease},{lease},{mask},12h"))
            .arg(format!("--dhcp-option=3,{gateway}"))
            .arg(format!("--dhcp-option=6,{gateway}"))
            .args([
                "--dhcp-authoritative",
                "--port=0",
                "--no-ping",
                "--log-dhcp",
                "--log-facility=-",
            ])
            .arg(format!("--dhcp-leasefile={}", leases.display()))
            .arg(format!("--pid-file={}", dir.join("dnsmasq.pid").display()))
            .stdin(std::process::Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("cannot start dnsmasq: {e}"))?;
        let start = Instant::now();
        while start.elapsed() < SHORT {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if text.contains("sockets bound") {
                return Ok(());
            }
            if text.contains("FAILED") || text.contains("failed") {
                return Err(format!("dnsmasq did not start:\n{text}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(format!(
            "dnsmasq did not bind within {SHORT:?}:\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        ))
    }

    fn kill_all(ns: &str) {
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
