//! Issue 17, items 2 and 4: the read-only doctor run for real, in a fresh
//! network namespace per Linux stack, against a fake metadata server.
//!
//! Each case gets a veth `eth0` (MAC [`TEST_MAC`]) whose peer namespace
//! runs dnsmasq (the primary 192.0.2.201/24 by DHCP, gateway
//! 192.0.2.253), and a private mount namespace with an overlay over `/etc`
//! and tmpfs over `/run` and `/var/lib` (`support::stacks::PRELUDE`). The
//! image's stack runs for real with the secondaries 192.0.2.202 and .203
//! configured the way an instance has them: netplan → systemd-networkd
//! (cloud-init's `50-cloud-init.yaml`), systemd-networkd's own files
//! (cloud-init's network configuration disabled), NetworkManager with a
//! private D-Bus (cloud-init's keyfile; nm-cloud-setup enabled with its
//! Aliyun provider; the metadata in hardened mode), Debian ifupdown with
//! dhclient, and no stack at all (dhclient and `ip addr add`, cloud-init
//! turned off; a dynamic secondary, a second default route, a policy rule
//! and strict rp_filter). A fake metadata server
//! (`tests/tools/metadata_server.py`, on the namespace's own 127.0.0.1)
//! assigns .201–.204 to the ENI.
//!
//! The doctor runs twice per case (with the metadata, and with no
//! server), under dash (and once under BusyBox ash and bash where they are
//! installed); each time:
//! - its report names the stack in charge and cloud-init's state;
//! - its link parses back ([`wizard::share::from_query`],
//!   [`wizard::doctor::from_query`]) into the expected form: with the
//!   metadata every address the cloud assigns, without it the addresses
//!   the interface holds; the form validates; the addresses it says are on
//!   the interface are the kernel's;
//! - it changed nothing: the kernel's addresses, routes and rules are as
//!   before, and no file under `/etc` is newer than the run's start.
//!
//! ifupdown-ng (Alpine), wicked (SUSE) and RHEL's network-scripts are not
//! packaged for Debian: their detection is by the state files and
//! configuration those stacks write (the doctor script's comments), not
//! run here.
//!
//! Needs root and `SIW_REAL_TOOLS=1` (skipped loudly otherwise, failed
//! when CI=true). One case: `SIW_ONLY=nm SIW_REAL_TOOLS=1 cargo test --test doctor`.

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::net::Ipv4Addr;
use std::time::Duration;

use support::netns::{Netns, TEST_MAC};
use support::stacks::{wrappers, DBUS_CONF, NM_CONF, PRELUDE};
use support::{par_cases, report, require_root, TempDir};
use wizard::doctor::{self, Agent, CloudInit, FindingKind, Report, Stack};
use wizard::plan::{validate, Form};
use wizard::render::quote::sh;

const BASE: &str = "https://wizard.example/secondary-ip/";
const PRIMARY: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 201);
const GATEWAY: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 253);
const ENI: &str = "eni-bp1doctor00000001";
/// What the cloud assigns to the ENI: the primary, the two secondaries
/// the stacks configure, and one not configured yet.
const CLOUD: [&str; 4] = ["192.0.2.201", "192.0.2.202", "192.0.2.203", "192.0.2.204"];

/// The metadata server's answers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tokens {
    Optional,
    /// Hardened mode: every read needs the session token.
    Required,
    /// An older server without the token endpoint.
    Unknown,
}

impl Tokens {
    fn as_str(self) -> &'static str {
        match self {
            Tokens::Optional => "optional",
            Tokens::Required => "required",
            Tokens::Unknown => "unknown",
        }
    }
}

/// One instance as an image leaves it.
struct Case {
    name: &'static str,
    /// The os-release the doctor reads (`WIZARD_OS_RELEASE`): the image's.
    os_release: &'static str,
    /// The catalog OS that names.
    os: &'static str,
    /// The driver lines that bring the stack up (after the prelude).
    setup: &'static str,
    stack: Stack,
    cloud_init: CloudInit,
    cloud_init_file: Option<&'static str>,
    nm_cloud_setup: Agent,
    tokens: Tokens,
    /// The secondaries on eth0 besides .202 and .203.
    extra: &'static [&'static str],
    /// Findings the page must show with the metadata (beside the stack's and cloud-init's).
    expect: &'static [&'static str],
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "netplan",
            os_release: "NAME=\"Ubuntu\"\nVERSION_ID=\"22.04\"\nID=ubuntu\nPRETTY_NAME=\"Ubuntu 22.04.4 LTS\"\n",
            os: "ubuntu22",
            setup: r#"
printf 'network:\n    version: 2\n    ethernets:\n        eth0:\n            dhcp4: true\n' > /etc/netplan/50-cloud-init.yaml
printf 'network:\n    version: 2\n    ethernets:\n        eth0:\n            addresses:\n            - 192.0.2.202/24\n            - 192.0.2.203/24\n' > /etc/netplan/60-secondary-ips.yaml
chmod 600 /etc/netplan/*.yaml
dbus-daemon --config-file="$W/dbus.conf" --fork --print-pid > "$W/dbus.pid" || fail 'setup: dbus-daemon'
netplan generate || fail 'setup: netplan generate'
siw-networkd start
"#,
            stack: Stack::Netplan,
            cloud_init: CloudInit::Enabled,
            cloud_init_file: Some("/etc/netplan/50-cloud-init.yaml"),
            nm_cloud_setup: Agent::Absent,
            tokens: Tokens::Optional,
            extra: &[],
            expect: &["NotOnInterface"],
        },
        Case {
            name: "networkd",
            os_release: "NAME=\"Arch Linux\"\nID=arch\nPRETTY_NAME=\"Arch Linux\"\n",
            os: "arch",
            setup: r#"
printf '[Match]\nName=eth0\n\n[Network]\nDHCP=ipv4\n' > /etc/systemd/network/10-cloud-init-eth0.network
mkdir -p /etc/systemd/network/10-cloud-init-eth0.network.d
printf '[Network]\nAddress=192.0.2.202/24\nAddress=192.0.2.203/24\n' > /etc/systemd/network/10-cloud-init-eth0.network.d/60-secondary-ips.conf
printf 'network: {config: disabled}\n' > /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg
dbus-daemon --config-file="$W/dbus.conf" --fork --print-pid > "$W/dbus.pid" || fail 'setup: dbus-daemon'
siw-networkd start
"#,
            stack: Stack::Networkd,
            cloud_init: CloudInit::Disabled,
            cloud_init_file: Some("/etc/systemd/network/10-cloud-init-eth0.network"),
            nm_cloud_setup: Agent::Absent,
            tokens: Tokens::Optional,
            extra: &[],
            expect: &["NotOnInterface"],
        },
        Case {
            name: "nm",
            os_release: "NAME=\"Red Hat Enterprise Linux\"\nVERSION_ID=\"9.4\"\nID=\"rhel\"\nPRETTY_NAME=\"Red Hat Enterprise Linux 9.4 (Plow)\"\n",
            os: "rhel9",
            setup: r#"
f='/etc/NetworkManager/system-connections/cloud-init-eth0.nmconnection'
printf '[connection]\nid=cloud-init eth0\nuuid=1dd9a779-d327-56e1-8454-c65e2556c12c\ntype=ethernet\ninterface-name=eth0\n\n[user]\norg.freedesktop.NetworkManager.origin=cloud-init\n\n[ethernet]\n\n[ipv4]\nmethod=auto\naddress1=192.0.2.202/24\naddress2=192.0.2.203/24\ndhcp-timeout=10\n\n[ipv6]\nmethod=ignore\n' > "$f"
chmod 600 "$f"
# nm-cloud-setup as RHEL ships it, enabled with the Aliyun provider.
mkdir -p /etc/systemd/system/nm-cloud-setup.service.d /etc/systemd/system/timers.target.wants
printf '[Unit]\nDescription=Automatically configure NetworkManager in cloud\n\n[Service]\nType=oneshot\nExecStart=/usr/libexec/nm-cloud-setup\n' > /etc/systemd/system/nm-cloud-setup.service
printf '[Service]\nEnvironment=NM_CLOUD_SETUP_ALIYUN=yes\n' > /etc/systemd/system/nm-cloud-setup.service.d/aliyun.conf
ln -s /usr/lib/systemd/system/nm-cloud-setup.timer /etc/systemd/system/timers.target.wants/nm-cloud-setup.timer
dbus-daemon --config-file="$W/dbus.conf" --fork --print-pid > "$W/dbus.pid" || fail 'setup: dbus-daemon'
siw-nm start
"#,
            stack: Stack::Nm,
            cloud_init: CloudInit::Enabled,
            cloud_init_file: Some("/etc/NetworkManager/system-connections/cloud-init-eth0.nmconnection"),
            nm_cloud_setup: Agent::Aliyun,
            tokens: Tokens::Required,
            extra: &[],
            expect: &["NmCloudSetupAliyun", "NotOnInterface"],
        },
        Case {
            name: "ifupdown",
            os_release: "PRETTY_NAME=\"Debian GNU/Linux 11 (bullseye)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"11\"\nID=debian\n",
            os: "debian11",
            setup: r#"
printf 'auto eth0\niface eth0 inet dhcp\n' > /etc/network/interfaces.d/50-cloud-init
printf 'iface eth0 inet static\n    address 192.0.2.202/24\n\niface eth0 inet static\n    address 192.0.2.203/24\n' > /etc/network/interfaces.d/60-secondary-ips
ifup -a > "$W/base-ifup.log" 2>&1 || fail 'setup: ifup -a'
"#,
            stack: Stack::Ifupdown,
            cloud_init: CloudInit::Enabled,
            cloud_init_file: Some("/etc/network/interfaces.d/50-cloud-init"),
            nm_cloud_setup: Agent::Absent,
            tokens: Tokens::Optional,
            extra: &[],
            expect: &["NotOnInterface"],
        },
        Case {
            name: "none",
            os_release: "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\n",
            os: "debian12",
            setup: r#"
touch /etc/cloud/cloud-init.disabled
dhclient -4 -1 -lf /var/lib/dhcp/eth0.leases -pf /run/dhclient.pid eth0 > "$W/dhclient.log" 2>&1 || fail 'setup: dhclient'
ip addr add 192.0.2.202/24 dev eth0
ip addr add 192.0.2.203/24 dev eth0 label eth0:0
# What the doctor must flag: a secondary with a lifetime, a second default
# route, a policy rule with its table, strict reverse-path filtering.
ip addr add 192.0.2.205/24 dev eth0 valid_lft 3600 preferred_lft 3600
ip route add default via 192.0.2.254 dev eth0 metric 300
ip route add default via 192.0.2.253 dev eth0 table 1001
ip rule add from 192.0.2.203 lookup 1001 priority 30000
sysctl -qw net.ipv4.conf.eth0.rp_filter=1
"#,
            stack: Stack::None,
            cloud_init: CloudInit::Off,
            cloud_init_file: None,
            nm_cloud_setup: Agent::Absent,
            tokens: Tokens::Unknown,
            extra: &["192.0.2.205"],
            expect: &[
                "NotOnInterface",
                "NotInCloud",
                "DynamicSecondaries",
                "SeveralDefaultRoutes",
                "Rules",
            ],
        },
    ]
}

/// The fake metadata server's configuration for the case.
fn metadata_json(tokens: Tokens) -> String {
    let md = "/latest/meta-data";
    let n = format!("{md}/network/interfaces/macs/{TEST_MAC}");
    let cloud: Vec<String> = CLOUD.iter().map(|a| format!("\\\"{a}\\\"")).collect();
    let paths = [
        (format!("{md}/mac"), TEST_MAC.to_owned()),
        (format!("{md}/region-id"), "cn-hangzhou".to_owned()),
        (format!("{md}/instance-id"), "i-bp1doctor0000000001".to_owned()),
        (format!("{md}/instance/instance-type"), "ecs.g7.large".to_owned()),
        (format!("{md}/dns-conf/nameservers"), "198.51.100.53\\n198.51.100.54".to_owned()),
        (format!("{md}/network/interfaces/macs/"), format!("{TEST_MAC}/")),
        (format!("{n}/vswitch-cidr-block"), "192.0.2.0/24".to_owned()),
        (format!("{n}/netmask"), "255.255.255.0".to_owned()),
        (format!("{n}/gateway"), GATEWAY.to_string()),
        (format!("{n}/primary-ip-address"), PRIMARY.to_string()),
        (format!("{n}/private-ipv4s"), format!("[{}]", cloud.join(","))),
        (format!("{n}/network-interface-id"), ENI.to_owned()),
    ];
    let body: Vec<String> = paths.iter().map(|(k, v)| format!("\"{k}\": \"{v}\"")).collect();
    format!(
        "{{\"tokens\": \"{}\", \"token\": \"AQAEAFake-Token_0123==\", \"paths\": {{{}}}}}\n",
        tokens.as_str(),
        body.join(", ")
    )
}

/// Which shells run the doctor: dash always; bash and BusyBox ash in the
/// last case, when installed.
fn shells(last: bool) -> Vec<&'static str> {
    let mut v = vec!["sh"];
    if last {
        for (shell, probe) in [("bash", "bash"), ("busybox sh", "busybox")] {
            if std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {probe}"))
                .output()
                .is_ok_and(|o| o.status.success())
            {
                v.push(shell);
            }
        }
    }
    v
}

fn driver(c: &Case, w: &TempDir, shells: &[&str]) -> String {
    let mut d = format!("W={}\n", sh(&w.path().display().to_string()));
    d.push_str(PRELUDE);
    d.push_str(c.setup);
    d.push_str(
        "wait_default 20 eth0 || fail 'setup: no DHCP lease from dnsmasq within 20 s'\n\
         wait_addrs 20 present 192.0.2.201/24 192.0.2.202/24 192.0.2.203/24 || fail 'setup: the addresses did not come up'\n",
    );
    // The metadata server, on this namespace's own loopback.
    d.push_str(
        "python3 \"$W/metadata_server.py\" \"$W/metadata.json\" \"$W/md.port\" > /dev/null 2> \"$W/metadata.log\" &\n\
         i=0; until [ -s \"$W/md.port\" ] || [ $i -ge 100 ]; do sleep 0.1; i=$((i+1)); done\n\
         [ -s \"$W/md.port\" ] || fail 'setup: the metadata server did not start'\n\
         MD=http://127.0.0.1:$(cat \"$W/md.port\")\n",
    );
    // The state the doctor must leave as it is (lifetimes count down meanwhile).
    d.push_str(
        "state() { ip -4 addr | grep -v valid_lft; ip -4 route show table all; ip -4 rule; for l in all eth0; do cat /proc/sys/net/ipv4/conf/$l/rp_filter; done; }\n\
         state > \"$W/before.state\"\n\
         touch \"$W/marker\"; sleep 1\n",
    );
    for (i, shell) in shells.iter().enumerate() {
        for (tag, url) in [("md", "$MD"), ("nomd", "http://127.0.0.1:9")] {
            let _ = writeln!(
                d,
                "WIZARD_METADATA_URL={url} WIZARD_OS_RELEASE=\"$W/os-release\" {shell} \"$W/doctor.sh\" > \"$W/{tag}.{i}.out\" 2> \"$W/{tag}.{i}.err\" || fail 'doctor ({shell}, {tag}) rc='$?"
            );
        }
    }
    d.push_str(
        "state > \"$W/after.state\"\n\
         find /etc -newer \"$W/marker\" > \"$W/etc-changed\" 2>&1\n\
         ip -4 -o addr show dev eth0 > \"$W/kernel.addr\"\n\
         echo SIW-DONE\n",
    );
    d
}

/// The link the doctor printed (its last line), as the form and the report.
fn link(out: &str) -> Result<(Form, Report), String> {
    let line = out
        .lines()
        .rev()
        .find(|l| l.starts_with(BASE))
        .ok_or_else(|| format!("no link to {BASE} in the output:\n{out}"))?;
    let query = line.strip_prefix(BASE).and_then(|q| q.strip_prefix('?')).ok_or("no query")?;
    let shared = wizard::share::from_query(query);
    if !shared.unknown.is_empty() {
        return Err(format!("unknown parameters {:?} in {line}", shared.unknown));
    }
    let report = doctor::from_query(query).ok_or("no doctor parameters in the link")?;
    if !report.bad.is_empty() {
        return Err(format!("unreadable doctor parameters {:?} in {line}", report.bad));
    }
    Ok((shared.form, report))
}

fn kind_name(k: &FindingKind) -> String {
    format!("{k:?}").split([' ', '{', '(']).next().unwrap_or_default().to_owned()
}

fn check(
    c: &Case,
    w: &TempDir,
    out: &str,
    with_md: bool,
    kernel: &BTreeSet<String>,
) -> Result<(), String> {
    // The report names the stack and cloud-init's state.
    let stack_line = out
        .lines()
        .find(|l| l.starts_with("Stack in charge:"))
        .ok_or("no 'Stack in charge:' line")?;
    if !stack_line.contains(&format!(" {} (", c.stack.as_str())) {
        return Err(format!("the report names the wrong stack: {stack_line:?}, want {}", c.stack));
    }
    let ci_line =
        out.lines().find(|l| l.starts_with("cloud-init:")).ok_or("no 'cloud-init:' line")?;
    let ci_words = match c.cloud_init {
        CloudInit::Enabled => "enabled for the network",
        CloudInit::Disabled => "its network configuration disabled",
        CloudInit::Off => "turned off",
        CloudInit::Absent => "not installed",
    };
    if !ci_line.contains(ci_words)
        || c.cloud_init_file
            .is_some_and(|f| c.cloud_init == CloudInit::Enabled && !ci_line.contains(f))
    {
        return Err(format!(
            "cloud-init line {ci_line:?}, want {ci_words:?} {:?}",
            c.cloud_init_file
        ));
    }

    let (form, r) = link(out)?;
    let want_sec: Vec<String> = if with_md {
        CLOUD[1..].iter().map(|s| (*s).to_owned()).collect()
    } else {
        let mut v: Vec<String> = vec!["192.0.2.202".into(), "192.0.2.203".into()];
        v.extend(c.extra.iter().map(|s| (*s).to_owned()));
        v
    };
    let sec: Vec<String> = form.secondary_items().into_iter().map(|(_, s)| s.to_owned()).collect();
    let got = (
        form.os.as_str(),
        form.interface.as_str(),
        form.mac.as_str(),
        form.cidr.as_str(),
        form.gateway.as_str(),
        form.primary.as_str(),
        form.mode.as_str(),
    );
    let want = (c.os, "eth0", TEST_MAC, "192.0.2.0/24", "192.0.2.253", "192.0.2.201", "keep");
    if got != want || sec != want_sec {
        return Err(format!(
            "the link's form: {got:?} sec {sec:?}, want {want:?} sec {want_sec:?}"
        ));
    }
    if with_md
        && (form.eni_id != ENI
            || form.region != "cn-hangzhou"
            || form.instance_type != "ecs.g7.large"
            || form.instance_id != "i-bp1doctor0000000001")
    {
        return Err(format!(
            "the cloud's ids: {:?} {:?} {:?} {:?}",
            form.eni_id, form.region, form.instance_type, form.instance_id
        ));
    }
    if c.stack == Stack::Nm && form.connection != "cloud-init eth0" {
        return Err(format!("the connection: {:?}", form.connection));
    }
    validate(&form).map_err(|p| format!("the link's form does not validate: {p:?}"))?;

    // The report reads back: what was found, and the interface's addresses as the kernel has them.
    let want_r = (Some(c.stack), Some(c.cloud_init), Some(c.nm_cloud_setup), Some(with_md));
    let got_r = (r.stack, r.cloud_init, r.nm_cloud_setup, r.metadata);
    if got_r != want_r {
        return Err(format!("the report: {got_r:?}, want {want_r:?}"));
    }
    if c.cloud_init == CloudInit::Enabled && r.cloud_init_file.as_deref() != c.cloud_init_file {
        return Err(format!("cloud-init's file: {:?}", r.cloud_init_file));
    }
    let on: BTreeSet<String> =
        r.on_interface.iter().map(|a| format!("{}/{}", a.ip, a.prefix)).collect();
    if &on != kernel {
        return Err(format!("the addresses on eth0: {on:?}, the kernel's {kernel:?}"));
    }
    if !r.routes.iter().any(|x| x.is_main() && x.gateway == Some(GATEWAY) && x.dev == "eth0") {
        return Err(format!("no default route via {GATEWAY} dev eth0 in {:?}", r.routes));
    }

    // The findings the page shows.
    let found = doctor::findings(&r, &form);
    let names: Vec<String> = found.iter().map(|f| kind_name(&f.kind)).collect();
    let method_fits = found.iter().any(|f| {
        matches!(f.kind, FindingKind::Stack { method: Some(_), .. } | FindingKind::NoStack { .. })
    });
    if !method_fits {
        return Err(format!("no fitting method for the stack in {names:?}"));
    }
    let mut want_names: Vec<&str> =
        if with_md { c.expect.to_vec() } else { vec!["MetadataUnread"] };
    if !with_md && c.name == "none" {
        want_names.extend(["DynamicSecondaries", "SeveralDefaultRoutes", "Rules"]);
    }
    for n in want_names {
        if !names.iter().any(|x| x == n) {
            return Err(format!("finding {n} missing from {names:?}"));
        }
    }
    let _ = w;
    Ok(())
}

fn run_case(c: &Case, last: bool) -> Result<(), String> {
    let w = TempDir::new("doctor");
    std::fs::create_dir_all(w.join("ov")).map_err(|e| e.to_string())?;
    w.write("dbus.conf", DBUS_CONF, 0o644);
    w.write("nm.conf", NM_CONF, 0o644);
    wrappers(&w);
    w.write(
        "metadata_server.py",
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/tools/metadata_server.py"
        ))
        .map_err(|e| e.to_string())?,
        0o644,
    );
    w.write("metadata.json", &metadata_json(c.tokens), 0o644);
    w.write("os-release", c.os_release, 0o644);
    w.write("doctor.sh", &wizard::render::doctor::linux_script(BASE), 0o644);
    let ns = Netns::new(true, TEST_MAC).map_err(|e| format!("{}: namespace: {e}", c.name))?;
    ns.start_dnsmasq(PRIMARY, GATEWAY, 24, Ipv4Addr::new(255, 255, 255, 0), w.path())
        .map_err(|e| format!("{}: dnsmasq: {e}", c.name))?;
    let shells = shells(last);
    w.write("driver.sh", &driver(c, &w, &shells), 0o644);
    // W in the environment: the wrappers (siw-networkd, siw-nm) keep their files there.
    let dir = sh(&w.path().display().to_string());
    let ran = ns.exec(&format!("W={dir} exec sh {dir}/driver.sh"), Duration::from_secs(120));
    let read = |f: &str| std::fs::read_to_string(w.join(f)).unwrap_or_default();
    let context = || {
        format!(
            "{}\n--- metadata server\n{}\n--- work dir {} (SIW_KEEP_TMP=1 keeps it)",
            ran.output(),
            support::tail(&read("metadata.log"), 20),
            w.path().display()
        )
    };
    if !ran.stdout.contains("SIW-DONE") {
        return Err(format!("{}: the driver stopped:\n{}", c.name, context()));
    }
    let kernel: BTreeSet<String> = read("kernel.addr")
        .lines()
        .filter_map(|l| l.split_whitespace().skip_while(|w| *w != "inet").nth(1).map(str::to_owned))
        .collect();
    for (i, shell) in shells.iter().enumerate() {
        for (tag, with_md) in [("md", true), ("nomd", false)] {
            let out = read(&format!("{tag}.{i}.out"));
            check(c, &w, &out, with_md, &kernel).map_err(|e| {
                format!(
                    "{} ({shell}, {}): {e}\n--- the doctor's output\n{out}\n--- its stderr\n{}\n{}",
                    c.name,
                    if with_md { "with the metadata" } else { "no metadata server" },
                    read(&format!("{tag}.{i}.err")),
                    context()
                )
            })?;
        }
    }
    // Read-only: the kernel's state as before, no file under /etc touched.
    if read("before.state") != read("after.state") {
        return Err(format!(
            "{}: the kernel's state changed while the doctor ran:\n--- before\n{}\n--- after\n{}",
            c.name,
            read("before.state"),
            read("after.state")
        ));
    }
    if !read("etc-changed").trim().is_empty() {
        return Err(format!("{}: files under /etc changed: {}", c.name, read("etc-changed")));
    }
    if c.tokens == Tokens::Required && !read("metadata.log").contains("token=True") {
        return Err(format!("{}: no read with the session token:\n{}", c.name, context()));
    }
    Ok(())
}

#[test]
fn the_doctor_reads_every_stack_and_changes_nothing() {
    if !require_root("the_doctor_reads_every_stack_and_changes_nothing") {
        return;
    }
    let only = std::env::var("SIW_ONLY").unwrap_or_default();
    let all = cases();
    let n = all.len();
    let cases: Vec<(usize, Case)> =
        all.into_iter().enumerate().filter(|(_, c)| c.name.contains(only.as_str())).collect();
    assert!(!cases.is_empty(), "SIW_ONLY={only:?} matches no case");
    let failures = par_cases(&cases, 3, |(i, c)| run_case(c, *i == n - 1));
    report("doctor", cases.len(), failures);
}
