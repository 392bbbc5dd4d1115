//! Issue 14 item 5: on Alpine (ifupdown-ng, keep mode) udhcpc's `deconfig`
//! flushes every IPv4 address of the interface on a lost lease, taking the
//! secondaries with it; the wizard's udhcpc hooks (`post-bound`,
//! `post-renew`) add them back.
//!
//! The DHCP client is the real one (BusyBox 1.35's `udhcpc`, the program
//! Alpine runs) against dnsmasq in a namespace; its event script is a
//! stand-in for Alpine's `default.script`, which no registry reachable here
//! ships (`tests/tools/udhcpc_contract.sh`, written from what Alpine's
//! script does: pre-/post- hook folders around each event, `deconfig`
//! flushing). The hooks are the rendered artifacts, installed under a
//! test folder standing for `/etc/udhcpc`. The lease is lost with
//! udhcpc's own signals: SIGUSR2 releases it (`deconfig`), SIGUSR1 asks
//! again (`bound`); then, with the lease's address removed, a renewal
//! (`renew` flushes and adds the lease again). After each the interface
//! must hold exactly the primary and the secondaries; a control run
//! without the hooks must lose the secondaries (the test can fail).

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::Ipv4Addr;
use std::time::Duration;

use support::netns::Netns;
use support::TempDir;
use wizard::catalog::Method;
use wizard::plan::validate;
use wizard::render::quote::sh;
use wizard::render::{render, ArtifactKind};

const PRIMARY: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 201);
const GATEWAY: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 253);
const SECONDARIES: [&str; 2] = ["192.0.2.202", "192.0.2.203"];

/// The addresses on eth0 at each stage the driver printed (`STAGE: a/p …`).
fn stages(out: &str) -> BTreeMap<String, Vec<String>> {
    out.lines()
        .filter_map(|l| l.strip_prefix("SIW-STATE "))
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.to_owned(), v.split_whitespace().map(str::to_owned).collect()))
        .collect()
}

/// Runs the lost-lease sequence with or without the rendered hooks; the
/// stages and the driver's output.
fn run(with_hooks: bool) -> Result<(BTreeMap<String, Vec<String>>, String), String> {
    let mut form = format!("os=alpine\nmode=keep\ncidr=192.0.2.0/24\ngw={GATEWAY}\nip={PRIMARY}\n");
    for s in SECONDARIES {
        let _ = writeln!(form, "sec={s}");
    }
    let plan = validate(&wizard::share::from_lines(&form).form)
        .map_err(|e| format!("the test's form does not validate: {e:?}"))?;
    let r = render(&plan, Method::IfupdownNg);
    let w = TempDir::new("udhcpc");
    let dir = w.path().display().to_string();
    let mut hooks = 0;
    if with_hooks {
        for a in r.artifacts() {
            if let ArtifactKind::File { path, mode } = &a.kind {
                if let Some(rel) = path.strip_prefix("/etc/udhcpc/") {
                    w.write(format!("udhcpc/{rel}"), &a.content, *mode);
                    hooks += 1;
                }
            }
        }
        if hooks != 2 {
            return Err(format!(
                "want the post-bound and post-renew hooks, the rendering has {hooks}"
            ));
        }
    }
    let contract = support::readers::root().join("tests/tools/udhcpc_contract.sh");
    let ns = Netns::new(true, support::netns::TEST_MAC)?;
    ns.start_dnsmasq(PRIMARY, GATEWAY, 24, Ipv4Addr::new(255, 255, 255, 0), w.path())?;
    let p = format!("{PRIMARY}/24");
    let [s1, s2] = SECONDARIES.map(|s| format!("{s}/24"));
    let script = format!(
        r#"set -u
W={dir}
export SIW_UDHCPC="$W/udhcpc"
ip link set eth0 up
busybox udhcpc -f -i eth0 -s {contract} -p "$W/udhcpc.pid" -t 10 -T 1 > "$W/udhcpc.log" 2>&1 &
have() {{ ip -4 -o addr show dev eth0 | grep -q " inet $1 "; }}
until_ok() {{ n=0; while [ $n -lt 60 ]; do if eval "$1"; then return 0; fi; sleep 0.25; n=$((n + 1)); done; return 1; }}
# The hooks run right after the lease: wait for them (without: a moment).
secs() {{ if [ {hooks} = 1 ]; then until_ok 'have {s1} && have {s2}'; else sleep 1; fi; }}
state() {{ echo "SIW-STATE $1: $(ip -4 -o addr show dev eth0 | awk '{{print $4}}' | sort | tr '\n' ' ')"; }}
until_ok 'have {p} && [ -s "$W/udhcpc.pid" ]' || {{ echo 'SIW-FAIL no lease from dnsmasq'; cat "$W/udhcpc.log"; exit 1; }}
# As ifupdown-ng's `address` lines do at ifup (the hooks would too).
have {s1} || ip addr add {s1} dev eth0
have {s2} || ip addr add {s2} dev eth0
state bound
kill -USR2 "$(cat "$W/udhcpc.pid")"
until_ok '! have {p}'; state released
kill -USR1 "$(cat "$W/udhcpc.pid")"
until_ok 'have {p}'; secs; state rebound
ip addr del {p} dev eth0
kill -USR1 "$(cat "$W/udhcpc.pid")"
until_ok 'have {p}'; secs; state renewed
kill "$(cat "$W/udhcpc.pid")"
echo '--- udhcpc'; cat "$W/udhcpc.log"
"#,
        contract = sh(&contract.display().to_string()),
        hooks = u8::from(with_hooks),
    );
    let ran = ns.exec(&script, Duration::from_secs(120));
    let out = ran.output();
    if out.contains("SIW-FAIL") {
        return Err(out);
    }
    Ok((stages(&out), out))
}

#[test]
fn the_udhcpc_hooks_bring_the_secondaries_back_after_a_lost_lease() {
    if !support::require_root("udhcpc: a lost lease on Alpine") {
        return;
    }
    let mut failures = Vec::new();
    let all: Vec<String> = std::iter::once(format!("{PRIMARY}/24"))
        .chain(SECONDARIES.iter().map(|s| format!("{s}/24")))
        .collect();
    match run(true) {
        Ok((st, out)) => {
            for (stage, want) in [
                ("bound", all.clone()),
                ("released", Vec::new()),
                ("rebound", all.clone()),
                ("renewed", all.clone()),
            ] {
                let got = st.get(stage).cloned().unwrap_or_default();
                if got != want {
                    failures.push(format!(
                        "with the hooks, {stage}: eth0 has [{}], want [{}]\n{out}",
                        got.join(" "),
                        want.join(" ")
                    ));
                }
            }
        }
        Err(e) => failures.push(format!("with the hooks: {e}")),
    }
    // The control: without the hooks the lost lease takes the secondaries.
    match run(false) {
        Ok((st, out)) => {
            let got = st.get("rebound").cloned().unwrap_or_default();
            let bound = st.get("bound").cloned().unwrap_or_default();
            if bound != all || got != [format!("{PRIMARY}/24")] {
                failures.push(format!(
                    "without the hooks, bound: eth0 has [{}], want [{}]; rebound: [{}], want the primary alone (else this test cannot fail)\n{out}",
                    bound.join(" "),
                    all.join(" "),
                    got.join(" ")
                ));
            }
        }
        Err(e) => failures.push(format!("without the hooks: {e}")),
    }
    support::report("udhcpc: lost lease", 2, failures);
}
