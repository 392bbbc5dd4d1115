//! A booted Debian 12 guest: systemd as PID 1 under `systemd-nspawn`, on a
//! copy-on-write overlay of the root file system the set-up part `booted`
//! builds (`.tools/booted/rootfs`), its NICs veths to a DHCP server (Debian's
//! isc-dhcp-server `dhcpd`) in a peer namespace. VALIDATORS.md, "Booted
//! systemd in a container", gives each flag and the failure it avoids.
//!
//! A guest reboot (`systemctl reboot`) makes nspawn exit with 133; the boot
//! loop then deletes the guest's network namespace and makes a new one with
//! the same veths and MACs before booting again, as a real reboot starts
//! with a fresh kernel: no address, route, rule or sysctl survives it (a
//! flush alone keeps the link up and its IPv6 settings, and networkd then
//! never gets its IPv6 link-local address back and waits forever). The
//! server's ends of the veths hang on a bridge that outlives the reboots,
//! so the DHCP server keeps serving through them.
//!
//! Everything is torn down when the [`Guest`] drops, even on panic: the
//! boot loop stops, every process in both namespaces is killed (the guest's
//! PID 1 first), the sysfs and the overlay are unmounted, the namespaces and
//! the cgroups nspawn made are removed.

use std::io::Write as _;
use std::net::Ipv4Addr;
use std::ops::Not as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{run, sh, unique, Ran, TempDir};

const SHORT: Duration = Duration::from_secs(20);

/// The root file system the guests boot (`SIW_ROOTFS` overrides
/// `.tools/booted/rootfs`), or why there is none.
pub fn rootfs() -> Result<PathBuf, String> {
    let p = std::env::var_os("SIW_ROOTFS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/booted/rootfs"));
    if p.join("lib/systemd/systemd").exists() {
        Ok(p)
    } else {
        Err(format!("no guest root file system at {} (run scripts/setup.sh booted)", p.display()))
    }
}

/// The `dhcpd` the set-up unpacked (`SIW_DHCPD` overrides `.tools/booted/dhcpd`).
pub fn dhcpd() -> Result<PathBuf, String> {
    let p = std::env::var_os("SIW_DHCPD")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/booted/dhcpd"));
    if p.exists() {
        Ok(p)
    } else {
        Err(format!("no dhcpd at {} (run scripts/setup.sh booted)", p.display()))
    }
}

/// Whether the host has what booting needs: `systemd-nspawn`, `nsenter`.
pub fn host_tools() -> Result<(), String> {
    for t in ["systemd-nspawn", "nsenter", "ip"] {
        let ran = sh(&format!("command -v {t}"), SHORT);
        if !ran.ok() {
            return Err(format!("{t} is not installed (run scripts/setup.sh booted)"));
        }
    }
    Ok(())
}

/// Removes what an earlier run that was killed before it could clean up
/// (SIGKILL, a CI time-out) left: guests and servers in namespaces named
/// `siwb<pid>-…` whose test process `<pid>` is gone, their overlays and
/// sysfs mounts under the temp dir, and their cgroups. Touches nothing else.
pub fn reap_stale() {
    let alive = |pid: &str| Path::new(&format!("/proc/{pid}")).exists();
    let list = run(Command::new("ip").args(["netns", "list"]), SHORT).stdout;
    let mut dead = Vec::new();
    for ns in list.lines().filter_map(|l| l.split_whitespace().next()) {
        let Some(rest) = ns.strip_prefix("siwb") else { continue };
        let pid: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if pid.is_empty() || alive(&pid) {
            continue;
        }
        kill_netns(ns);
        let _ = run(Command::new("ip").args(["netns", "del", ns]), SHORT);
        dead.push(pid);
    }
    // Overlays and sysfs mounts of dead runs: /tmp/siw-booted-<tag>-<pid>-<n>/{root,sys}.
    let mounts = std::fs::read_to_string("/proc/self/mounts").unwrap_or_default();
    let tmp = std::env::temp_dir().join("siw-booted-").display().to_string();
    for m in mounts.lines().filter_map(|l| l.split_whitespace().nth(1)) {
        let Some(rest) = m.strip_prefix(&tmp) else { continue };
        let pid = rest.rsplit('/').nth(1).and_then(|d| d.rsplit('-').nth(1)).unwrap_or("");
        if !pid.is_empty() && pid.chars().all(|c| c.is_ascii_digit()) && !alive(pid) {
            let _ = run(Command::new("umount").arg("-l").arg(m), SHORT);
        }
    }
    for base in [
        "/sys/fs/cgroup/unified/siw-booted",
        "/sys/fs/cgroup/systemd/siw-booted",
        "/sys/fs/cgroup/siw-booted",
    ] {
        let Ok(rd) = std::fs::read_dir(base) else { continue };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let pid: String = name
                .strip_prefix("siwb")
                .unwrap_or("")
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if !pid.is_empty() && !alive(&pid) {
                remove_cgroup(&e.path());
            }
        }
    }
}

fn ip(args: &[&str]) -> Result<(), String> {
    let ran = run(Command::new("ip").args(args), SHORT);
    if ran.ok() {
        Ok(())
    } else {
        Err(format!("ip {}: {}", args.join(" "), ran.output()))
    }
}

fn kill_netns(ns: &str) {
    for _ in 0..50 {
        let ran = run(Command::new("ip").args(["netns", "pids", ns]), SHORT);
        let pids: Vec<String> = ran.stdout.split_whitespace().map(str::to_owned).collect();
        if pids.is_empty() {
            return;
        }
        let _ = run(Command::new("kill").arg("-KILL").args(&pids), SHORT);
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// One NIC of the guest: a veth `name` (with `mac`) whose peer `peer`
/// hangs on the server's bridge.
#[derive(Clone, Debug)]
pub struct Nic {
    /// The guest's name for it (`eth0`).
    pub name: String,
    /// Its fixed MAC (VALIDATORS.md: a random one changes at `netplan
    /// apply`, and with it the DHCP client id).
    pub mac: String,
    /// The server end's name.
    pub peer: String,
    /// The server end's MAC.
    pub peer_mac: String,
}

/// One fixed lease the DHCP server hands out.
#[derive(Clone, Debug)]
pub struct Lease {
    /// The client's MAC.
    pub mac: String,
    /// The address it gets.
    pub ip: Ipv4Addr,
}

/// What the DHCP server serves on its bridge.
#[derive(Clone, Debug)]
pub struct DhcpConfig {
    /// The subnet's network address.
    pub network: Ipv4Addr,
    /// Its prefix length.
    pub prefix: u8,
    /// The router option and the server's own address on the bridge.
    pub gateway: Ipv4Addr,
    /// The lease time in seconds (renewal at half of it).
    pub lease_secs: u32,
    /// The fixed leases, by MAC.
    pub leases: Vec<Lease>,
}

fn mask(prefix: u8) -> Ipv4Addr {
    Ipv4Addr::from(u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0))
}

/// Debian's isc-dhcp-server `dhcpd` in the server namespace, on `br0`.
pub struct DhcpServer {
    ns: String,
    dir: PathBuf,
    child: Mutex<Option<Child>>,
}

impl DhcpServer {
    fn new(ns: &str, dir: &Path, cfg: &DhcpConfig) -> Result<DhcpServer, String> {
        let mut conf = format!(
            "authoritative;\nddns-update-style none;\nping-check false;\n\
             default-lease-time {l};\nmax-lease-time {l};\nmin-lease-time {l};\n\
             subnet {net} netmask {mask} {{\n  option routers {gw};\n  option domain-name-servers {gw};\n}}\n",
            l = cfg.lease_secs,
            net = cfg.network,
            mask = mask(cfg.prefix),
            gw = cfg.gateway
        );
        for (i, l) in cfg.leases.iter().enumerate() {
            conf.push_str(&format!(
                "host guest{i} {{ hardware ethernet {}; fixed-address {}; }}\n",
                l.mac, l.ip
            ));
        }
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("dhcpd.conf"), conf).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("dhcpd.leases"), "").map_err(|e| e.to_string())?;
        let s = DhcpServer { ns: ns.to_owned(), dir: dir.to_owned(), child: Mutex::new(None) };
        s.start()?;
        Ok(s)
    }

    /// The server's log so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("dhcpd.log")).unwrap_or_default()
    }

    /// How many DHCPACKs it has sent to `mac`.
    pub fn acks(&self, mac: &str) -> usize {
        let mac = mac.to_lowercase();
        self.log().lines().filter(|l| l.starts_with("DHCPACK") && l.contains(&mac)).count()
    }

    /// Starts it (again) and waits until it serves.
    pub fn start(&self) -> Result<(), String> {
        let mut child = self.child.lock().map_err(|e| e.to_string())?;
        if child.is_some() {
            return Ok(());
        }
        let before = self.log().matches("Server starting service.").count();
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join("dhcpd.log"))
            .map_err(|e| e.to_string())?;
        let err = log.try_clone().map_err(|e| e.to_string())?;
        let d = |f: &str| self.dir.join(f).display().to_string();
        let c = Command::new("ip")
            .args(["netns", "exec", &self.ns])
            .arg(dhcpd()?)
            .args(["-4", "-f", "-d", "-cf", &d("dhcpd.conf"), "-lf", &d("dhcpd.leases")])
            .args(["-pf", &d("dhcpd.pid"), "br0"])
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("cannot start dhcpd: {e}"))?;
        *child = Some(c);
        drop(child);
        let start = Instant::now();
        while start.elapsed() < SHORT {
            if self.log().matches("Server starting service.").count() > before {
                return Ok(());
            }
            if let Ok(mut g) = self.child.lock() {
                if let Some(Ok(Some(st))) = g.as_mut().map(|c| c.try_wait()) {
                    *g = None;
                    return Err(format!("dhcpd exited ({st}):\n{}", super::tail(&self.log(), 20)));
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(format!("dhcpd did not start within {SHORT:?}:\n{}", super::tail(&self.log(), 20)))
    }

    /// Stops it (the leases it gave run out at the clients).
    pub fn stop(&self) {
        if let Ok(mut g) = self.child.lock() {
            if let Some(mut c) = g.take() {
                let _ = c.kill();
                let _ = c.wait();
            }
        }
    }
}

impl Drop for DhcpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// What the boot loop shares with the test.
#[derive(Default)]
struct BootState {
    /// The current nspawn's pid, while one runs.
    nspawn: Option<u32>,
    /// How many boots have started.
    boots: usize,
    /// nspawn's exit codes, one per finished boot.
    exits: Vec<Option<i32>>,
    /// Set-up errors of the loop.
    error: Option<String>,
}

/// A booted guest and its DHCP server.
pub struct Guest {
    /// A short name (the machine name and the namespaces' prefix).
    pub name: String,
    /// The guest's network namespace (`ip -n` reads the kernel's state).
    pub netns: String,
    /// The server's network namespace.
    pub server_ns: String,
    /// The guest's root as the host sees it (the overlay's merged dir).
    pub root: PathBuf,
    /// The DHCP server.
    pub dhcp: DhcpServer,
    dir: TempDir,
    nics: Vec<Nic>,
    stop: Arc<AtomicBool>,
    state: Arc<Mutex<BootState>>,
    thread: Option<std::thread::JoinHandle<()>>,
    cgroups: Vec<PathBuf>,
    mounted: bool,
    sysfs_done: Mutex<usize>,
}

/// The cgroup folders the launcher moves itself into, one per hierarchy
/// nspawn looks at (cgroups v1 with a named systemd hierarchy and the
/// unified one beside it, or cgroups v2 alone).
fn cgroup_dirs(name: &str) -> Vec<PathBuf> {
    let base = Path::new("/sys/fs/cgroup");
    let mut out = Vec::new();
    if base.join("unified/cgroup.procs").exists() {
        out.push(base.join("unified/siw-booted").join(name));
    } else if base.join("cgroup.controllers").exists() {
        out.push(base.join("siw-booted").join(name));
    }
    if base.join("systemd/cgroup.procs").exists() {
        out.push(base.join("systemd/siw-booted").join(name));
    }
    out
}

fn remove_cgroup(dir: &Path) {
    // Depth first: nspawn and the guest's systemd make folders below it.
    let _ = run(
        Command::new("find").arg(dir).args(["-depth", "-type", "d", "-exec", "rmdir", "{}", ";"]),
        SHORT,
    );
    if let Some(parent) = dir.parent() {
        let _ = std::fs::remove_dir(parent);
    }
}

impl Guest {
    /// Makes the server namespace (bridge, DHCP server), the overlay over
    /// the root file system, lets `prepare` write the image's state into the
    /// guest's root, and boots it. Returns once the boot has started; wait
    /// with [`Guest::wait_booted`].
    pub fn boot(
        tag: &str,
        nics: Vec<Nic>,
        dhcp: &DhcpConfig,
        prepare: impl FnOnce(&Path) -> Result<(), String>,
    ) -> Result<Guest, String> {
        let lower = rootfs()?;
        let dir = TempDir::new(&format!("booted-{tag}"));
        let name = unique("siwb");
        let netns = format!("{name}g");
        let server_ns = format!("{name}s");
        ip(&["netns", "add", &server_ns])?;
        // From here on the guard cleans up whatever exists.
        let root = dir.join("root");
        let mut g = Guest {
            dhcp: DhcpServer {
                ns: server_ns.clone(),
                dir: dir.join("dhcp"),
                child: Mutex::new(None),
            },
            name: name.clone(),
            netns,
            server_ns: server_ns.clone(),
            root: root.clone(),
            dir,
            nics,
            stop: Arc::new(AtomicBool::new(false)),
            state: Arc::new(Mutex::new(BootState::default())),
            thread: None,
            cgroups: cgroup_dirs(&name),
            mounted: false,
            sysfs_done: Mutex::new(0),
        };
        ip(&["-n", &server_ns, "link", "set", "lo", "up"])?;
        ip(&["-n", &server_ns, "link", "add", "br0", "type", "bridge"])?;
        let gw = format!("{}/{}", dhcp.gateway, dhcp.prefix);
        ip(&["-n", &server_ns, "addr", "add", &gw, "dev", "br0"])?;
        ip(&["-n", &server_ns, "link", "set", "br0", "up"])?;
        g.dhcp = DhcpServer::new(&server_ns, &g.dir.join("dhcp"), dhcp)?;
        for d in ["upper", "work", "root", "sys"] {
            std::fs::create_dir_all(g.dir.join(d)).map_err(|e| e.to_string())?;
        }
        let opts = format!(
            "lowerdir={},upperdir={},workdir={}",
            lower.display(),
            g.dir.join("upper").display(),
            g.dir.join("work").display()
        );
        let ran = run(
            Command::new("mount").args(["-t", "overlay", "overlay", "-o", &opts]).arg(&root),
            SHORT,
        );
        if !ran.ok() {
            return Err(format!("mount overlay: {}", ran.output()));
        }
        g.mounted = true;
        prepare(&root)?;
        for c in &g.cgroups {
            std::fs::create_dir_all(c).map_err(|e| format!("mkdir {}: {e}", c.display()))?;
        }
        g.start_loop();
        Ok(g)
    }

    /// The folder holding this guest's logs (`boot-N.log`, `dhcp/dhcpd.log`).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    fn start_loop(&mut self) {
        let stop = self.stop.clone();
        let state = self.state.clone();
        let name = self.name.clone();
        let netns = self.netns.clone();
        let server_ns = self.server_ns.clone();
        let nics = self.nics.clone();
        let dir = self.dir.path().to_owned();
        let root = self.root.clone();
        let cgroups = self.cgroups.clone();
        self.thread = Some(std::thread::spawn(move || {
            let fail = |e: String| {
                if let Ok(mut s) = state.lock() {
                    s.error = Some(e);
                }
            };
            let sys = dir.join("sys");
            loop {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                // A fresh network namespace per boot: a fresh kernel's network.
                if let Err(e) = make_guest_netns(&netns, &server_ns, &nics) {
                    fail(e);
                    break;
                }
                let m = run(
                    Command::new("nsenter")
                        .arg(format!("--net=/run/netns/{netns}"))
                        .args(["mount", "-t", "sysfs", "sysfs"])
                        .arg(&sys),
                    SHORT,
                );
                if !m.ok() {
                    fail(format!("mount the guest's sysfs: {}", m.output()));
                    break;
                }
                let n = state.lock().map(|s| s.boots + 1).unwrap_or(1);
                let log = match std::fs::File::create(dir.join(format!("boot-{n}.log"))) {
                    Ok(f) => f,
                    Err(e) => {
                        fail(e.to_string());
                        break;
                    }
                };
                let err = log.try_clone().ok();
                // The launcher moves itself into its own cgroups first, or
                // nspawn's --keep-unit leaves folders at the cgroup roots.
                let mut script = String::new();
                for c in &cgroups {
                    script.push_str(&format!(
                        "echo $$ > '{}/cgroup.procs' || exit 97\n",
                        c.display()
                    ));
                }
                script.push_str("exec \"$@\"\n");
                let child = Command::new("sh")
                    .arg("-c")
                    .arg(script)
                    .arg("siw-launch")
                    .arg("nsenter")
                    .arg(format!("--net=/run/netns/{netns}"))
                    .args(["systemd-nspawn", "--quiet", "-b", "-D"])
                    .arg(&root)
                    .args(["-M", &name, "--register=no", "--keep-unit"])
                    .arg(format!("--network-namespace-path=/run/netns/{netns}"))
                    .args(["--capability=CAP_NET_ADMIN", "--console=read-only"])
                    .arg(format!(
                        "--bind={}/devices/virtual/net:/sys/devices/virtual/net",
                        sys.display()
                    ))
                    // /proc/sys/net writable, as on a real machine, and
                    // only that: with the default (read-only) NetworkManager
                    // logs "sysctl: failed to open ... Read-only file system"
                    // and networkd cannot set its per-link sysctls. nspawn
                    // then mounts the guest's own sysfs, read-only, over the
                    // bind above: see `writable_net_sysfs`.
                    .env("SYSTEMD_NSPAWN_API_VFS_WRITABLE", "network")
                    .env("SYSTEMD_LOG_COLOR", "0")
                    .env("SYSTEMD_COLORS", "0")
                    .stdin(Stdio::null())
                    .stdout(log)
                    .stderr(err.map(Stdio::from).unwrap_or_else(Stdio::null))
                    .spawn();
                let mut child = match child {
                    Ok(c) => c,
                    Err(e) => {
                        fail(format!("cannot start systemd-nspawn: {e}"));
                        break;
                    }
                };
                if let Ok(mut s) = state.lock() {
                    s.nspawn = Some(child.id());
                    s.boots = n;
                }
                let status = child.wait().ok().and_then(|s| s.code());
                if let Ok(mut s) = state.lock() {
                    s.nspawn = None;
                    s.exits.push(status);
                }
                let _ = run(Command::new("umount").arg("-l").arg(&sys), SHORT);
                kill_netns(&netns);
                // Delete the veths first: a namespace's links go away
                // asynchronously after `ip netns del`, and the next boot's
                // peer of the same name would find the old one still there.
                for n in &nics {
                    let _ = run(
                        Command::new("ip").args(["-n", &server_ns, "link", "del", &n.peer]),
                        SHORT,
                    );
                }
                let _ = run(Command::new("ip").args(["netns", "del", &netns]), SHORT);
                // 133: the guest rebooted; anything else: it is off.
                if status != Some(133) {
                    break;
                }
            }
        }));
    }

    /// The guest's PID 1 as the host sees it, while it runs.
    pub fn pid1(&self) -> Option<u32> {
        let nspawn = self.state.lock().ok()?.nspawn?;
        let tasks = std::fs::read_dir(format!("/proc/{nspawn}/task")).ok()?;
        for t in tasks.flatten() {
            let children = std::fs::read_to_string(t.path().join("children")).unwrap_or_default();
            for c in children.split_whitespace() {
                let status =
                    std::fs::read_to_string(format!("/proc/{c}/status")).unwrap_or_default();
                let init = status
                    .lines()
                    .find(|l| l.starts_with("NSpid:"))
                    .is_some_and(|l| l.split_whitespace().last() == Some("1"));
                if init {
                    return c.parse().ok();
                }
            }
        }
        None
    }

    /// How many boots have started.
    pub fn boots(&self) -> usize {
        self.state.lock().map(|s| s.boots).unwrap_or(0)
    }

    /// Waits until boot number `n` has reached its default target (or
    /// failed to), and returns `systemctl is-system-running`'s answer
    /// (`running`, `degraded`).
    pub fn wait_booted(&self, n: usize, limit: Duration) -> Result<String, String> {
        let start = Instant::now();
        loop {
            if let Ok(s) = self.state.lock() {
                if let Some(e) = &s.error {
                    return Err(format!("boot loop: {e}"));
                }
                if s.boots >= n && s.nspawn.is_none() && s.exits.len() >= n {
                    return Err(format!(
                        "boot {n} ended (nspawn exit {:?}) before it was up:\n{}",
                        s.exits.last(),
                        super::tail(&self.boot_log(n), 30)
                    ));
                }
            }
            if self.boots() >= n {
                if let Some(pid) = self.pid1() {
                    self.writable_net_sysfs(n, pid)?;
                    let left = limit.saturating_sub(start.elapsed());
                    let ran = self.exec("systemctl is-system-running --wait", left);
                    let state = ran.stdout.trim().to_owned();
                    if ["running", "degraded", "maintenance"].contains(&state.as_str()) {
                        return Ok(state);
                    }
                    // Not up yet (its bus, or the exec raced the reboot): try again.
                }
            }
            if start.elapsed() > limit {
                return Err(format!(
                    "boot {n} not up within {limit:?}:\n{}",
                    super::tail(&self.boot_log(n), 30)
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Makes the guest's /sys/devices/virtual/net writable, once per boot,
    /// as soon as its PID 1 is there: `netplan apply` writes `change` to
    /// each interface's `uevent` (`udevadm trigger`) and fails on a
    /// read-only sysfs. Only that folder: the rest of /sys stays read-only
    /// (it holds the host's kernel settings).
    fn writable_net_sysfs(&self, n: usize, pid: u32) -> Result<(), String> {
        let mut done = self.sysfs_done.lock().map_err(|e| e.to_string())?;
        if *done >= n {
            return Ok(());
        }
        let ran = run(
            Command::new("nsenter").args(["-t", &pid.to_string(), "-m", "-n", "--"]).args([
                "sh",
                "-c",
                "mkdir -p /run/siw-sysfs && mount -t sysfs sysfs /run/siw-sysfs && \
                 mount --bind /run/siw-sysfs/devices/virtual/net /sys/devices/virtual/net && \
                 umount /run/siw-sysfs && rmdir /run/siw-sysfs",
            ]),
            SHORT,
        );
        if !ran.ok() {
            return Err(format!("boot {n}: a writable /sys/devices/virtual/net: {}", ran.output()));
        }
        *done = n;
        Ok(())
    }

    /// The console log of boot `n`.
    pub fn boot_log(&self, n: usize) -> String {
        std::fs::read_to_string(self.dir.join(format!("boot-{n}.log"))).unwrap_or_default()
    }

    /// Runs `sh -c SCRIPT` in the guest (every namespace of its PID 1), as
    /// root with a clean environment, with a time limit.
    pub fn exec(&self, script: &str, limit: Duration) -> Ran {
        let Some(pid) = self.pid1() else {
            return Ran {
                code: None,
                stdout: String::new(),
                stderr: "the guest is not running".into(),
                timed_out: false,
                took: Duration::ZERO,
            };
        };
        run(
            Command::new("nsenter")
                .args(["-t", &pid.to_string(), "-a", "--", "env", "-i"])
                .arg("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .args(["HOME=/root", "LANG=C.UTF-8", "TERM=dumb", "USER=root", "LOGNAME=root"])
                .args(["sh", "-c", script]),
            limit,
        )
    }

    /// Writes a file into the guest's root (as the host sees it).
    pub fn write(&self, path: &str, content: &str, mode: u32) -> Result<PathBuf, String> {
        use std::os::unix::fs::PermissionsExt;
        let p = self.root.join(path.trim_start_matches('/'));
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).map_err(|e| format!("mkdir {}: {e}", d.display()))?;
        }
        let mut f = std::fs::File::create(&p).map_err(|e| format!("write {}: {e}", p.display()))?;
        f.write_all(content.as_bytes()).map_err(|e| e.to_string())?;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode))
            .map_err(|e| e.to_string())?;
        Ok(p)
    }

    /// `systemctl reboot` in the guest, then waits for the next boot to come up.
    pub fn reboot(&self, limit: Duration) -> Result<String, String> {
        let n = self.boots() + 1;
        let _ = self.exec("systemctl reboot", SHORT);
        self.wait_booted(n, limit)
    }
}

fn make_guest_netns(netns: &str, server_ns: &str, nics: &[Nic]) -> Result<(), String> {
    // The previous boot's namespace and peers may still be going away.
    let start = Instant::now();
    while start.elapsed() < SHORT {
        let gone = Path::new("/run/netns").join(netns).exists().not()
            && nics.iter().all(|n| {
                !run(Command::new("ip").args(["-n", server_ns, "link", "show", &n.peer]), SHORT)
                    .ok()
            });
        if gone {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    ip(&["netns", "add", netns])?;
    ip(&["-n", netns, "link", "set", "lo", "up"])?;
    for n in nics {
        ip(&[
            "link",
            "add",
            &n.name,
            "address",
            &n.mac,
            "netns",
            netns,
            "type",
            "veth",
            "peer",
            "name",
            &n.peer,
            "address",
            &n.peer_mac,
            "netns",
            server_ns,
        ])?;
        ip(&["-n", server_ns, "link", "set", &n.peer, "master", "br0"])?;
        ip(&["-n", server_ns, "link", "set", &n.peer, "up"])?;
    }
    Ok(())
}

impl Drop for Guest {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Killing the guest's PID 1 ends its whole PID namespace; nspawn exits.
        for _ in 0..100 {
            if let Some(pid) = self.pid1() {
                let _ = run(Command::new("kill").args(["-KILL", &pid.to_string()]), SHORT);
            }
            if self.thread.as_ref().is_none_or(|t| t.is_finished()) {
                break;
            }
            kill_netns(&self.netns);
            std::thread::sleep(Duration::from_millis(100));
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.dhcp.stop();
        kill_netns(&self.server_ns);
        kill_netns(&self.netns);
        let _ = run(Command::new("umount").arg("-l").arg(self.dir.join("sys")), SHORT);
        for ns in [&self.netns, &self.server_ns] {
            let _ = run(Command::new("ip").args(["netns", "del", ns]), SHORT);
        }
        if self.mounted {
            let ran = run(Command::new("umount").arg(&self.root), SHORT);
            if !ran.ok() {
                let _ = run(Command::new("umount").arg("-l").arg(&self.root), SHORT);
            }
        }
        for c in &self.cgroups {
            remove_cgroup(c);
        }
    }
}
