//! NetworkManager keyfile (RHEL 9 family, Fedora): the `[ipv4]` keys of the
//! connection's own keyfile (`nmcli -g GENERAL.FILENAME`), edited in place,
//! then `nmcli con load` and `nmcli con up`. A new file beside it would be a
//! second profile with the same id (cloud-init's is
//! `cloud-init-eth0.nmconnection`), and `nmcli con up id` would take
//! whichever comes first.

use std::net::Ipv4Addr;

use super::nm::{con_up, profile_file};
use super::quote::sh;
use super::recipe::{
    self, Action, Apply, ApplyRun, Block, Ensured, Guard, Holding, Need, Recipe, Wait,
};
use super::script::BACKUP_DIR;
use super::{routing, v6, Note};
use crate::catalog::Method;
use crate::net6::Addr6;
use crate::plan::{Mode, Plan};
use crate::wording::render::{NoteText as N, TitleText as T};

/// The `[ipv4]` keys the wizard sets, with `addrs` as `address1…`: in keep
/// mode (`method=auto`) the secondaries, in static mode the primary first,
/// the gateway and the DNS servers; for a secondary ENI its table and a
/// rule for the primary and each of `addrs` that is a secondary.
fn ipv4_keys(plan: &Plan, addrs: &[Ipv4Addr]) -> Vec<String> {
    let method = match plan.mode {
        Mode::KeepDhcp => "auto",
        Mode::Static => "manual",
    };
    let mut out = vec![format!("method={method}")];
    for (n, a) in addrs.iter().enumerate() {
        out.push(format!("address{}={a}/{}", n + 1, plan.prefix_of(*a)));
    }
    if plan.mode == Mode::Static {
        out.push(format!("gateway={}", plan.gateway));
        if !plan.dns.is_empty() {
            let dns: String = plan.dns.iter().map(|d| format!("{d};")).collect();
            out.push(format!("dns={dns}"));
        }
    }
    if let Some(t) = routing::table(plan) {
        // Every route of the profile (DHCP's, or the gateway) in the ENI's table.
        out.push(format!("route-table={}", t.id()));
        let ruled = std::iter::once(plan.primary)
            .chain(addrs.iter().copied().filter(|a| *a != plan.primary));
        for (n, a) in ruled.enumerate() {
            out.push(format!("routing-rule{}={}", n + 1, super::nm::rule(t, a)));
        }
    }
    out
}

/// The keys of `[ipv4]` the wizard owns (and so removes before it writes
/// its own): the method and addresses; in static mode the gateway and DNS;
/// for a secondary ENI the table and the rules. Every other key of the
/// profile (a route metric, an MTU, DHCP options) stays as it is.
fn owned_keys(plan: &Plan) -> String {
    let mut keys = vec!["method", "address[0-9]+"];
    if plan.mode == Mode::Static {
        keys.extend(["gateway", "dns"]);
    }
    if routing::table(plan).is_some() {
        keys.extend(["route-table", "routing-rule[0-9]+"]);
    }
    keys.join("|")
}

/// The awk program that puts `keys` (its `-v keys=`, lines separated by
/// `\n`) at the top of `[ipv4]`, drops the owned keys there, and leaves
/// every other line as it is (an `[ipv4]` section is added if missing).
fn edit_program(plan: &Plan) -> String {
    if v6::adds(plan, Method::Keyfile) {
        return edit_program6(plan);
    }
    format!(
        "BEGIN {{ n = split(keys, k, \"\\n\") }} /^\\[/ {{ in4 = ($0 == \"[ipv4]\"); print; if (in4) {{ for (i = 1; i <= n; i++) print k[i]; seen = 1 }}; next }} in4 && /^({})=/ {{ next }} {{ print }} END {{ if (!seen) {{ print \"\"; print \"[ipv4]\"; for (i = 1; i <= n; i++) print k[i] }} }}",
        owned_keys(plan)
    )
}

/// [`edit_program`] with IPv6 to add: the same for `[ipv4]`, and in
/// `[ipv6]` the `addressN` keys replaced by its `-v keys6=` (none in
/// Undo's edit) and a `method` of `ignore`, `disabled` or `link-local`
/// made `auto`: NetworkManager refuses addresses beside those
/// (`nm-setting-ip6-config.c`, `verify()`), and any other method keeps the
/// ENI's own IPv6 address on DHCPv6 and router advertisements (see the
/// nmcli method). A profile without `[ipv6]` gets one with `method=auto`,
/// which is what NetworkManager assumes when the section is missing.
fn edit_program6(plan: &Plan) -> String {
    // A secondary ENI whose IPv6 is routed: its table and rules are owned in
    // `[ipv6]` too.
    let owned6 = if routes6(plan) {
        "(address[0-9]+|route-table|routing-rule[0-9]+)"
    } else {
        "address[0-9]+"
    };
    format!(
        "BEGIN {{ n = split(keys, k, \"\\n\"); n6 = split(keys6, k6, \"\\n\") }} /^\\[/ {{ in4 = ($0 == \"[ipv4]\"); in6 = ($0 == \"[ipv6]\"); print; if (in4) {{ for (i = 1; i <= n; i++) print k[i]; seen = 1 }}; if (in6) {{ for (i = 1; i <= n6; i++) print k6[i]; seen6 = 1 }}; next }} in4 && /^({})=/ {{ next }} in6 && /^{owned6}=/ {{ next }} in6 && /^method=(ignore|disabled|link-local)$/ {{ print \"method=auto\"; next }} {{ print }} END {{ if (!seen) {{ print \"\"; print \"[ipv4]\"; for (i = 1; i <= n; i++) print k[i] }}; if (!seen6 && n6 > 0) {{ print \"\"; print \"[ipv6]\"; print \"method=auto\"; for (i = 1; i <= n6; i++) print k6[i] }} }}",
        owned_keys(plan)
    )
}

/// Whether the profile routes a secondary ENI's IPv6 ([`routing::ruled6`]).
fn routes6(plan: &Plan) -> bool {
    !routing::ruled6(plan, Method::Keyfile).is_empty()
}

/// The `[ipv6]` keys: `address1=A/64`, … (`six`, the addresses to add);
/// for a secondary ENI whose IPv6 is routed also its table (every route of
/// the profile, those of the router advertisements included) and a rule
/// for the ENI's own IPv6 address and each of `six`.
fn ipv6_keys(plan: &Plan, six: &[Addr6]) -> Vec<String> {
    let mut out: Vec<String> = six
        .iter()
        .enumerate()
        .map(|(n, a)| format!("address{}={a}/{}", n + 1, plan.prefix6()))
        .collect();
    if let Some(t) = routing::table(plan).filter(|_| routes6(plan)) {
        out.push(format!("route-table={}", t.id()));
        let own = plan.ipv6.as_ref().and_then(|p| p.primary);
        for (n, a) in own.iter().chain(six).enumerate() {
            out.push(format!("routing-rule{}={}", n + 1, super::nm::rule(t, *a)));
        }
    }
    out
}

/// The awk command over `$f` that writes the keys with `addrs` (and, with
/// IPv6 to add, the `[ipv6]` ones with `six`).
fn awk_command(plan: &Plan, addrs: &[Ipv4Addr], six: &[Addr6]) -> String {
    let keys6 = if v6::adds(plan, Method::Keyfile) {
        format!(" -v keys6={}", sh(&ipv6_keys(plan, six).join("\\n")))
    } else {
        String::new()
    };
    format!(
        "awk -v keys={}{keys6} {} \"$f\"",
        sh(&ipv4_keys(plan, addrs).join("\\n")),
        sh(&edit_program(plan))
    )
}

/// The edit of the profile's file (`$f`) to hold the keys with `addrs`
/// (and the IPv6 ones with `six`):
/// the check that it already does, and the commands (a backup first, the
/// new content staged outside system-connections, where NetworkManager
/// would load any file).
fn edit(plan: &Plan, addrs: &[Ipv4Addr], six: &[Addr6], report: String) -> Ensured {
    let awk = awk_command(plan, addrs, six);
    let b = BACKUP_DIR;
    Ensured {
        run: format!(
            "mkdir -p {b}\ncp -p \"$f\" \"{b}/$(basename \"$f\").$(date +%Y%m%d-%H%M%S)\"\n{awk} > {b}/keyfile.new\ncat {b}/keyfile.new > \"$f\"\nrm -f {b}/keyfile.new"
        ),
        // The check runs first (the step's `CHECK || COMMANDS`, the script's
        // `if`): it finds the file, so each block stands on its own.
        done: format!("f=$({}) && {awk} | cmp -s - \"$f\"", profile_file(plan)),
        report,
        edits: None,
        idempotent: false,
    }
}

/// The addresses the profile lists: secondaries (keep) or all (static).
fn configured(plan: &Plan) -> Vec<Ipv4Addr> {
    match plan.mode {
        Mode::KeepDhcp => plan.secondaries.clone(),
        Mode::Static => plan.all_addresses().collect(),
    }
}

/// The keyfile recipe for a plan: the `[ipv4]` keys of the connection's
/// own keyfile (the one `nmcli` reports, `cloud-init-eth0.nmconnection` on
/// cloud-init images), edited in place: never a second file with the same
/// id, and every key the wizard does not own kept.
pub fn recipe(plan: &Plan) -> Recipe {
    let mut notes = Vec::new();
    let mut routing_actions = Vec::new();
    let mut undo_routing = Vec::new();
    let mut routing_notes = Vec::new();
    if let Some(t) = routing::table(plan) {
        routing_notes
            .push(Note::info(N::NmRouteTable { interface: plan.interface.clone(), table: t.id() }));
        routing_notes.push(routing::rp_filter_note(plan));
        routing_actions.extend(routing::rp_filter(plan));
        undo_routing.push(routing::undo_action(plan, t, Method::Keyfile));
    }
    notes.extend(recipe::static_dns_note(plan));
    notes.extend(recipe::keep_dns_note(plan));
    let apply = format!("nmcli con load \"$({})\"\n{}", profile_file(plan), con_up(plan));
    let without: Vec<Ipv4Addr> = match plan.mode {
        Mode::KeepDhcp => Vec::new(),
        Mode::Static => vec![plan.primary],
    };
    let summary = match plan.mode {
        Mode::KeepDhcp => format!(
            "Sets {} secondary private IP(s) in the keyfile of the NetworkManager profile {}; the primary stays on DHCP.",
            plan.secondaries.len(),
            plan.connection
        ),
        Mode::Static => format!(
            "Sets the static primary {} and {} secondary private IP(s) in the keyfile of the NetworkManager profile {}.",
            plan.primary,
            plan.secondaries.len(),
            plan.connection
        ),
    };
    let name_g = plan.connection.replace('\\', "\\\\").replace(':', "\\:");
    let preflight = vec![
        Guard {
            comment: Some("Exactly one profile with this name: the commands name it.".into()),
            setup: String::new(),
            holds: format!("[ \"$(nmcli -g NAME con show | grep -cxF {})\" -eq 1 ]", sh(&name_g)),
            message: sh(&format!(
                "there is not exactly one NetworkManager profile named {}: list them with nmcli con show (two with one name compete for the interface; delete the extra one)",
                plan.connection
            )),
        },
        Guard {
            comment: Some("The profile must be a keyfile: its own file is edited.".into()),
            setup: format!("f=$({} 2>/dev/null || true)\n", profile_file(plan)),
            holds: "expr \"$f\" : '/etc/NetworkManager/system-connections/.*\\.nmconnection$' >/dev/null".into(),
            message: "\"the profile is stored in ${f:-nowhere}, not a keyfile in /etc/NetworkManager/system-connections: use the nmcli method, which changes any profile\"".to_owned(),
        },
    ];
    let configure: Vec<Action> = [
        super::nm::find(plan),
        recipe::cloud_init_off(),
        Action::Ensure {
            block: Block::new("keys", T::ProfileIpv4Keys),
            items: vec![edit(
                plan,
                &configured(plan),
                v6::addrs(plan, Method::Keyfile),
                format!(
                    "the [ipv4]{} keys of {}",
                    if v6::adds(plan, Method::Keyfile) { " and [ipv6]" } else { "" },
                    plan.connection
                ),
            )],
        },
    ]
    .into_iter()
    .chain(routing_actions)
    .collect();
    Recipe {
        needs: Some(Need { command: "nmcli", what: "nmcli" }),
        preflight,
        holdings: vec![Holding {
            what: format!(
                "the keyfile of {}",
                plan.connection.replace(|c: char| !c.is_ascii_graphic() && c != ' ', "?")
            ),
            list: format!("cat \"$({} 2>/dev/null)\"", profile_file(plan)),
        }],
        // The edit rewrites the profile's own file.
        originals: vec![format!("\"$({})\"", profile_file(plan))],
        put_back: super::recipe::PutBack {
            reread: "nmcli con reload\n".into(),
            ..super::recipe::PutBack::default()
        },
        configure,
        configure_notes: vec![
            recipe::cloud_init_note(),
            Note::info(match plan.mode {
                Mode::KeepDhcp => N::KeyfileComplete,
                Mode::Static => N::KeyfileManual,
            }),
            Note::info(N::KeyfileOtherProfile),
        ]
        .into_iter()
        .chain(v6::adds(plan, Method::Keyfile).then(|| Note::info(N::NmIpv6Method)))
        .chain(routing_notes)
        .collect(),
        // With IPv6, NetworkManager's addresses once took longer than 30 s
        // to be past duplicate address detection on a loaded machine.
        wait: Some(Wait {
            seconds: if super::v6::adds(plan, Method::Keyfile) { 60 } else { 30 },
            route: false,
            retry: None,
        }),
        undo: [
            Action::Ensure {
                block: Block::new("keys", T::ProfileWithoutSecondaries),
                items: vec![edit(
                    plan,
                    &without,
                    &[],
                    format!("the [ipv4] keys of {} without the secondaries", plan.connection),
                )],
            },
            Action::Run {
                block: Block::new("commands", T::LoadAndActivateIt),
                commands: apply.clone(),
            },
        ]
        .into_iter()
        .chain(undo_routing)
        .collect(),
        notes,
        ipv6: true,
        ..Recipe::new(
            Method::Keyfile,
            summary,
            Apply {
                run: ApplyRun::WhenChanged {
                    block: Block::new("commands", T::LoadAndActivateProfile),
                    validate: None,
                    commands: apply,
                },
                alternatives: Vec::new(),
                notes: vec![Note::info(N::KeyfileMode600)],
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::render;
    use crate::render::testing::plan_with as plan;
    use std::io::Write as _;
    use std::process::Command;

    /// cloud-init 22.4's keyfile for eth0 on an Aliyun image (abridged).
    const CLOUD_INIT: &str = "[connection]\nid=cloud-init eth0\nuuid=1dd9a779-d327-56e1-8454-c65e2556c12c\ntype=ethernet\ninterface-name=eth0\n\n[user]\norg.freedesktop.NetworkManager.origin=cloud-init\n\n[ethernet]\n\n[ipv4]\nmethod=auto\nroute-metric=100\n\n";

    /// The edit's awk run on `input`, as the step runs it.
    fn edited(p: &Plan, addrs: &[Ipv4Addr], input: &str) -> String {
        let dir = std::env::temp_dir().join(format!("siw-keyfile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let k = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let f = dir.join(format!("{k}.nmconnection"));
        std::fs::File::create(&f).unwrap().write_all(input.as_bytes()).unwrap();
        let out = Command::new("awk")
            .arg("-v")
            .arg(format!("keys={}", ipv4_keys(p, addrs).join("\\n")))
            .arg(edit_program(p))
            .arg(&f)
            .output()
            .expect("awk");
        String::from_utf8(out.stdout).unwrap()
    }

    /// The whole awk command (both sections), as the step runs it on `input`.
    fn edited_all(p: &Plan, addrs: &[Ipv4Addr], six: &[Addr6], input: &str) -> String {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let k = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let f = std::env::temp_dir().join(format!("siw-keyfile6-{}-{k}", std::process::id()));
        std::fs::write(&f, input).unwrap();
        let script = format!("f={}; {}", sh(&f.display().to_string()), awk_command(p, addrs, six));
        let out = Command::new("sh").arg("-c").arg(script).output().expect("sh");
        String::from_utf8(out.stdout).unwrap()
    }

    fn dual(mode: &str) -> Plan {
        plan(|f| {
            f.connection = "cloud-init eth0".into();
            v6::test_form(f, mode, true);
        })
    }

    #[test]
    fn ipv6_addresses_go_in_the_ipv6_section_and_the_method_stays() {
        let p = dual("keep");
        let six = v6::addrs(&p, Method::Keyfile);
        let input = format!(
            "{CLOUD_INIT}[ipv6]\nmethod=auto\naddr-gen-mode=eui64\naddress1=2001:db8:1:2::99/64\n"
        );
        let out = edited_all(&p, &cfg(&p), six, &input);
        assert!(out.contains("[ipv4]\nmethod=auto\naddress1=192.168.1.202/24\naddress2=192.168.1.203/24\nroute-metric=100\n"));
        assert!(out.ends_with("[ipv6]\naddress1=2001:db8:1:2::a/64\naddress2=2001:db8:1:2::b/64\nmethod=auto\naddr-gen-mode=eui64\n"), "{out}");
        assert_eq!(edited_all(&p, &cfg(&p), six, &out), out, "twice changes nothing");
        // Undo's edit: no IPv6 address left, the method as it is.
        let undone = edited_all(&p, &[], &[], &out);
        assert!(undone.ends_with("[ipv6]\nmethod=auto\naddr-gen-mode=eui64\n"), "{undone}");
    }

    #[test]
    fn an_ignored_or_missing_ipv6_section_becomes_auto() {
        let p = dual("static");
        let six = v6::addrs(&p, Method::Keyfile);
        let out = edited_all(&p, &cfg(&p), six, &format!("{CLOUD_INIT}[ipv6]\nmethod=ignore\n"));
        assert!(out.contains("[ipv4]\nmethod=manual\naddress1=192.168.1.201/24\n"));
        assert!(
            out.ends_with(
                "[ipv6]\naddress1=2001:db8:1:2::a/64\naddress2=2001:db8:1:2::b/64\nmethod=auto\n"
            ),
            "{out}"
        );
        let out = edited_all(&p, &cfg(&p), six, CLOUD_INIT);
        assert!(
            out.ends_with(
                "\n[ipv6]\nmethod=auto\naddress1=2001:db8:1:2::a/64\naddress2=2001:db8:1:2::b/64\n"
            ),
            "{out}"
        );
        // IPv6 only: no IPv4 secondary, the [ipv4] section keeps only its method.
        let p = plan(|f| {
            v6::test_form(f, "keep", false);
            f.secondaries6 = "2001:db8:1:2::a".into();
        });
        let out = edited_all(&p, &cfg(&p), v6::addrs(&p, Method::Keyfile), CLOUD_INIT);
        assert!(out.contains("[ipv4]\nmethod=auto\nroute-metric=100\n"));
        assert!(out.ends_with("[ipv6]\nmethod=auto\naddress1=2001:db8:1:2::a/64\n"));
    }

    #[test]
    fn without_ipv6_the_edit_never_names_it() {
        let p = plan(|_| {});
        assert!(!awk_command(&p, &cfg(&p), &[]).contains("ipv6"));
        let r = render(&p, Method::Keyfile);
        assert!(!r.script.content.contains("ipv6"));
    }

    fn cfg(p: &Plan) -> Vec<Ipv4Addr> {
        configured(p)
    }

    // The old method wrote "System eth0.nmconnection" with no uuid beside
    // cloud-init's file: two profiles, and `nmcli con up id` took cloud-init's.
    #[test]
    fn keep_mode_edits_the_profiles_own_keys_and_keeps_the_rest() {
        let p = plan(|f| f.connection = "cloud-init eth0".into());
        let out = edited(&p, &cfg(&p), CLOUD_INIT);
        assert!(out.contains("uuid=1dd9a779-d327-56e1-8454-c65e2556c12c\n"));
        assert!(out.contains(
            "[ipv4]\nmethod=auto\naddress1=192.168.1.202/24\naddress2=192.168.1.203/24\nroute-metric=100\n"
        ));
        assert_eq!(out.matches("method=").count(), 1);
        // Twice changes nothing.
        assert_eq!(edited(&p, &cfg(&p), &out), out);
        // A second run without .203 drops it (the form is the whole set).
        let p2 = plan(|f| {
            f.connection = "cloud-init eth0".into();
            f.secondaries = vec!["192.168.1.202".into()];
        });
        let again = edited(&p2, &cfg(&p2), &out);
        assert!(
            again.contains("[ipv4]\nmethod=auto\naddress1=192.168.1.202/24\nroute-metric=100\n")
        );
        // Undo: no address left, the rest as it was.
        let undone = edited(&p, &[], &out);
        assert!(undone.contains("[ipv4]\nmethod=auto\nroute-metric=100\n"));
    }

    #[test]
    fn static_mode_sets_manual_with_primary_gateway_and_dns() {
        let p = plan(|f| {
            f.mode = "static".into();
            f.dns = "100.100.2.136,100.100.2.138".into();
        });
        let out = edited(&p, &cfg(&p), CLOUD_INIT);
        assert!(out.contains("[ipv4]\nmethod=manual\naddress1=192.168.1.201/24\naddress2=192.168.1.202/24\naddress3=192.168.1.203/24\ngateway=192.168.1.253\ndns=100.100.2.136;100.100.2.138;\nroute-metric=100\n"));
    }

    #[test]
    fn a_profile_without_ipv4_gets_the_section() {
        let p = plan(|_| {});
        let out = edited(&p, &cfg(&p), "[connection]\nid=System eth0\n");
        assert!(out.ends_with(
            "\n[ipv4]\nmethod=auto\naddress1=192.168.1.202/24\naddress2=192.168.1.203/24\n"
        ));
    }

    #[test]
    fn the_script_refuses_a_shared_name_or_a_profile_that_is_not_a_keyfile() {
        let r = render(&plan(|_| {}), Method::Keyfile);
        let s = &r.script.content;
        assert!(s.contains("grep -cxF 'System eth0')\" -eq 1 ]"));
        assert!(
            s.contains("expr \"$f\" : '/etc/NetworkManager/system-connections/.*\\.nmconnection$'")
        );
        // Backups never go beside the profile (NetworkManager loads every file there).
        assert!(!s.contains("$f.bak"));
        assert!(s.contains("cp -p \"$f\" \"/var/backups/secondary-ip-wizard/$(basename \"$f\")."));
    }
}
