//! Render-all-methods of any plan that validates. Forms are built around a
//! valid base so that most of them do validate: the OS, mode, style, prefix,
//! number and place of the secondaries, names and DNS all vary.
#![no_main]

use std::collections::BTreeSet;
use std::net::{Ipv4Addr, Ipv6Addr};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use wizard::catalog::{Method, Os};
use wizard::plan::{validate, Form};
use wizard::render::{normalise, render, render_all, StepKind};
use wizard::wording::Locale;

#[derive(Arbitrary, Debug)]
struct Input {
    os: u8,
    mode: bool,
    guide_style: bool,
    prefix: u8,
    primary: u16,
    gateway_usual: bool,
    secondaries: Vec<u16>,
    interface: String,
    connection: String,
    alias: String,
    mac: Option<[u8; 6]>,
    dns: Vec<u8>,
    region: bool,
    /// An IPv6 part: the /64's network bits and the offsets to add (and,
    /// with `own`, the ENI's own address at offset 16).
    ipv6: Option<(u64, Vec<u32>, bool)>,
}

fuzz_target!(|input: Input| {
    let os = Os::ALL[usize::from(input.os) % Os::ALL.len()];
    let prefix = 16 + u32::from(input.prefix % 14); // /16../29
    let size = 1u32 << (32 - prefix);
    let network = u32::from(Ipv4Addr::new(192, 168, 0, 0));
    // Hosts away from the reserved first one and last three.
    let host = |n: u16| Ipv4Addr::from(network + 1 + u32::from(n) % (size - 4));
    let gateway = if input.gateway_usual { Ipv4Addr::from(network + size - 3) } else { host(0) };
    let secondaries: Vec<String> =
        input.secondaries.iter().take(49).map(|&n| host(n).to_string()).collect();
    let interface: String = input.interface.chars().take(15).collect();
    // Offsets 17.. so that none is the ENI's own (16), the anycast (0) or
    // the last 9; at most 10, one AssignIpv6Addresses call.
    let (cidr6, primary6, secondaries6) = match &input.ipv6 {
        Some((net, offsets, own)) => {
            let at = |o: u128| Ipv6Addr::from((u128::from(*net) << 64) | o).to_string();
            let secs: Vec<String> =
                offsets.iter().take(10).map(|&o| at(17 + u128::from(o))).collect();
            (format!("{}/64", at(0)), if *own { at(16) } else { String::new() }, secs.join(","))
        }
        None => Default::default(),
    };
    let form = Form {
        os: os.as_str().into(),
        mode: if input.mode { "static" } else { "keep" }.into(),
        style: if input.guide_style { "guide" } else { "safe" }.into(),
        limit: "50".into(),
        interface: if interface.is_empty() { "eth0".into() } else { interface },
        connection: input.connection,
        windows_alias: input.alias,
        mac: input
            .mac
            .map(|m| m.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":"))
            .unwrap_or_default(),
        cidr: format!("{}/{prefix}", Ipv4Addr::from(network)),
        gateway: gateway.to_string(),
        primary: host(input.primary).to_string(),
        secondaries: if secondaries.is_empty() { vec![host(7).to_string()] } else { secondaries },
        dns: input
            .dns
            .iter()
            .take(3)
            .map(|&d| format!("100.100.2.{d}"))
            .collect::<Vec<_>>()
            .join(","),
        region: if input.region { "cn-hangzhou".into() } else { String::new() },
        // With the region, an instance id: the Cloud Assistant blocks with both.
        instance_id: if input.region { "i-bp1d66qjxb3qoin3xyz0".into() } else { String::new() },
        cidr6,
        primary6,
        secondaries6,
        ..Form::default()
    };
    let Ok(plan) = validate(&form) else { return };
    let renderings = render_all(&plan);
    assert_eq!(renderings.len(), plan.os.methods().len());
    // Rendering one method again doubles the work of an input, so each
    // input checks one, picked by an input field: over a run every method
    // is checked (issue 19: the second render of every method was 45% of
    // this target's time).
    let again = usize::from(input.primary) % renderings.len();
    for (i, (r, &m)) in renderings.iter().zip(plan.os.methods()).enumerate() {
        assert_eq!(r.method, m);
        let mut ids = BTreeSet::new();
        if i == again {
            assert_eq!(render(&plan, m), *r, "render is not deterministic");
            // The Cloud Assistant and at-launch blocks are no longer part
            // of a rendering (the page builds them when they are opened):
            // the same method's Cloud Assistant block, and for a quarter of
            // these inputs (two bits of the primary's high byte) its
            // at-launch block. The at-launch block gzips the whole script,
            // and with libFuzzer's comparison hooks in the LZ77 search it
            // was 56% of this target's time (issue 19).
            let assistant = r.assistant(&plan, Locale::En);
            let launch = (input.primary >> 8) % 4 == 0;
            let launch = launch.then(|| r.launch(&plan, Locale::En));
            let launch = launch.iter().flat_map(|l| &l.artifacts);
            for a in assistant.artifacts.iter().chain(launch) {
                assert!(ids.insert(a.id.clone()), "{m}: duplicate artifact id {}", a.id);
                assert_eq!(normalise(&a.content), a.content, "{m}: {} is not normalised", a.id);
                assert!(!a.content.contains('\r'), "{m}: {} holds a CR", a.id);
            }
        }
        let kinds: Vec<StepKind> = r.steps.iter().map(|s| s.kind).collect();
        let mut sorted = kinds.clone();
        sorted.sort();
        assert_eq!(kinds, sorted, "{m}: steps out of order");
        assert_eq!(kinds.first(), Some(&StepKind::Assign), "{m}: no assign step");
        for a in r.artifacts() {
            assert!(ids.insert(a.id.clone()), "{m}: duplicate artifact id {}", a.id);
            assert_eq!(normalise(&a.content), a.content, "{m}: {} is not normalised", a.id);
            assert!(!a.content.contains('\r'), "{m}: {} holds a CR", a.id);
        }
        assert!(!r.script.content.is_empty(), "{m}: empty script");
        // cmd.exe cannot quote an alias holding `"`, `%` or `!`, and netsh
        // cannot keep DHCP's DNS servers: without DNS servers in the form, or
        // with such an alias, netsh renders only a refusal, by design, and
        // names no address.
        let unquotable = wizard::render::quote::cmd(&plan.windows_alias).is_none();
        if m == Method::Netsh && (unquotable || plan.dns.is_empty()) {
            assert!(
                r.artifacts().all(|a| !a.content.contains("netsh interface")),
                "netsh: commands rendered for an alias cmd.exe cannot quote, or without DNS servers"
            );
            continue;
        }
        for s in &plan.secondaries {
            let s = s.to_string();
            assert!(
                r.script.content.contains(&s),
                "{m}: the script does not mention the secondary {s}"
            );
        }
    }
});
