//! systemd-networkd (Arch, Debian 13): in keep mode a drop-in
//! `NAME.network.d/60-secondary-ips.conf` that adds `Address=` lines to the
//! `.network` file that already configures the interface (only the first
//! matching file applies, so a separate file would replace DHCP); in static
//! mode a full `.network` that sorts before the others.

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::quote::sh;
use super::script::ShScript;
use super::{common, Artifact, Lang, Note, Rendering, Step, StepKind};
use crate::catalog::{Method, Os};
use crate::plan::{Mode, Plan};

/// Where administrators put networkd files.
const DIR: &str = "/etc/systemd/network";

/// The `.network` file that configures the interface on a stock image:
/// netplan's on Debian 13, cloud-init's networkd renderer elsewhere.
pub(crate) fn network_file_name(plan: &Plan) -> String {
    match plan.os {
        Os::Debian13 => format!("10-netplan-{}.network", plan.interface),
        _ => format!("10-cloud-init-{}.network", plan.interface),
    }
}

/// The keep-mode drop-in path.
pub(crate) fn dropin_path(plan: &Plan) -> String {
    format!("{DIR}/{}.d/60-secondary-ips.conf", network_file_name(plan))
}

/// The static-mode `.network` path (sorts before `10-…`).
pub(crate) fn static_path(plan: &Plan) -> String {
    format!("{DIR}/05-{}-static.network", plan.interface)
}

fn dropin(plan: &Plan) -> String {
    let mut out = format!(
        "# Secondary private IPs for {} (Secondary IP Wizard): a drop-in that adds\n# addresses to {}; the primary {} stays on DHCP.\n[Network]\n",
        plan.interface,
        network_file_name(plan),
        plan.primary
    );
    for a in &plan.secondaries {
        let _ = writeln!(out, "Address={a}/{}", plan.prefix());
    }
    out
}

fn full(plan: &Plan, addrs: &[Ipv4Addr]) -> String {
    let mut out = format!(
        "# Static configuration for {} (Secondary IP Wizard), the primary first.\n[Match]\n",
        plan.interface
    );
    match plan.mac {
        Some(mac) => {
            let _ = writeln!(out, "MACAddress={mac}");
        }
        None => {
            let _ = writeln!(out, "Name={}", plan.interface);
        }
    }
    out.push_str("\n[Network]\nDHCP=no\n");
    for a in addrs {
        let _ = writeln!(out, "Address={a}/{}", plan.prefix());
    }
    let _ = writeln!(out, "Gateway={}", plan.gateway);
    for d in &plan.dns {
        let _ = writeln!(out, "DNS={d}");
    }
    out
}

/// Renders systemd-networkd for a plan.
pub fn render(plan: &Plan) -> Rendering {
    let id = Method::Networkd.as_str();
    let i = sh(plan.interface.as_str());
    let mut notes = Vec::new();
    let mut configure = vec![Artifact::commands(
        format!("{id}.configure.find"),
        "Find the .network file that configures the interface",
        Lang::Sh,
        format!("networkctl status {i}\n"),
    )];
    let mut configure_notes = Vec::new();
    let (path, content) = match plan.mode {
        Mode::KeepDhcp => {
            configure_notes.push(Note::warning(format!(
                "The drop-in folder must be named after the \"Network File:\" that `networkctl status {}` shows; this assumes {}. If it shows another file, use its name plus .d.",
                plan.interface,
                network_file_name(plan)
            )));
            if !plan.dns.is_empty() {
                notes.push(Note::info(
                    "The DNS servers are not written in keep-DHCP mode: DHCP still provides them.",
                ));
            }
            (dropin_path(plan), dropin(plan))
        }
        Mode::Static => {
            let (ci, ci_note) = common::cloud_init_disable(id);
            configure.push(ci);
            configure_notes.push(ci_note);
            configure_notes.push(Note::info(
                "Only the first matching .network file in lexical order applies: 05-… comes before the 10-… file cloud-init or netplan wrote, so DHCP is off for this interface.",
            ));
            notes.extend(common::static_dns_note(plan));
            (static_path(plan), full(plan, &plan.all_addresses().collect::<Vec<_>>()))
        }
    };
    configure.push(Artifact::file(
        format!("{id}.configure.file"),
        match plan.mode {
            Mode::KeepDhcp => "The drop-in with the secondary addresses",
            Mode::Static => "The static .network file",
        },
        path.clone(),
        0o644,
        Lang::Ini,
        content.clone(),
    ));

    // `networkctl reload` alone: since systemd 244 it reconfigures every link
    // whose .network file or drop-in is new, changed or removed. Both verbs
    // return before networkd has applied anything, so a `reconfigure` right
    // after `reload` starts a second reconfiguration while the first is in
    // flight: it drops and re-adds every address once more, and on systemd
    // 252 it can lose the DHCP primary for good (its address, removed while
    // its request was still queued, stays marked "removing" and every later
    // lease is ignored until networkd restarts). `reconfigure` on its own is
    // only for a file that did not change (see the script).
    let apply_cmds = "networkctl reload\n".to_owned();
    let apply = Step::new(
        StepKind::Apply,
        vec![Artifact::commands(
            format!("{id}.apply.commands"),
            "Reload: networkd reconfigures the interface whose files changed",
            Lang::Sh,
            apply_cmds.clone(),
        )],
    )
    .with_notes({
        let mut notes = vec![
            Note::warning(format!(
                "Run only `networkctl reload`: it already reconfigures {i}, whose file changed. A `networkctl reconfigure {i}` right after it starts a second pass while the first is still running, and that can lose an address (on systemd 252 even the DHCP primary, until networkd restarts). Use `networkctl reconfigure {i}` alone only when the file was already in place and an address is missing.",
                i = plan.interface
            )),
            Note::info(match plan.mode {
                Mode::KeepDhcp => "On systemd older than 244 (no `networkctl reload`), run `systemctl restart systemd-networkd` instead; systemd 244 to 247 can miss a new or changed drop-in on reload: restart it then too.",
                Mode::Static => "On systemd older than 244 (no `networkctl reload`), run `systemctl restart systemd-networkd` instead.",
            }),
        ];
        match plan.mode {
            Mode::KeepDhcp => notes.push(Note::info("The reload reconfigures the interface, which restarts DHCP on it: the same lease of the primary comes back within seconds, and open SSH sessions normally survive.")),
            Mode::Static => notes.push(Note::warning(format!(
                "Dropping the old DHCP lease can remove the primary {} right after networkd set it statically: if `ip -4 addr show dev {}` still lacks it 10 seconds later, run `networkctl reconfigure {}` (the script does).",
                plan.primary, plan.interface, plan.interface
            ))),
        }
        notes
    });

    // Keep mode: `reload` reconfigures the interface (its drop-in is gone),
    // and no `reconfigure` follows it (see Apply); the addresses are also
    // deleted directly, for a systemd that misses the removed drop-in, and
    // one that is already gone is fine. Static mode: `reload` applies the
    // file with only the primary and removes the secondaries itself.
    let del: String = plan
        .secondaries
        .iter()
        .map(|a| format!("ip addr del {a}/{} dev {i} 2>/dev/null || true\n", plan.prefix()))
        .collect();
    let (undo, rollback) = match plan.mode {
        Mode::KeepDhcp => {
            let cmds = format!("rm -f {}\nnetworkctl reload\n{del}", sh(&path));
            let lines: Vec<String> = cmds.lines().map(str::to_owned).collect();
            (
                vec![Artifact::commands(
                    format!("{id}.undo.commands"),
                    "Remove the drop-in and the addresses",
                    Lang::Sh,
                    cmds,
                )],
                lines,
            )
        }
        Mode::Static => {
            let cmds = apply_cmds.clone();
            let mut lines = vec![format!(
                "write {path} again with only the primary {}/{} (see the Undo step), then:",
                plan.primary,
                plan.prefix()
            )];
            lines.extend(cmds.lines().map(str::to_owned));
            (
                vec![
                    Artifact::file(
                        format!("{id}.undo.file"),
                        "The .network file without the secondary addresses",
                        path.clone(),
                        0o644,
                        Lang::Ini,
                        full(plan, &[plan.primary]),
                    ),
                    Artifact::commands(
                        format!("{id}.undo.commands"),
                        "Apply it and remove the addresses",
                        Lang::Sh,
                        cmds,
                    ),
                ],
                lines,
            )
        }
    };

    let undo_note = match plan.mode {
        Mode::KeepDhcp => Note::info(
            "`networkctl reload` reconfigures the interface without the drop-in, which renews the DHCP lease of the primary as Apply did; `ip addr del` takes the addresses off even where reload misses the removed drop-in (systemd older than 248), and one already gone is fine.",
        ),
        Mode::Static => Note::info(format!(
            "`networkctl reload` applies the file with only the primary and removes the secondaries. If `ip -4 addr show dev {i}` still lists one afterwards (older systemd), remove it with `ip addr del ADDRESS/{p} dev {i}`.",
            i = plan.interface,
            p = plan.prefix()
        )),
    };
    let steps = [
        Step::new(StepKind::Configure, configure).with_notes(configure_notes),
        apply,
        common::linux_verify_step_by_mode(plan, id),
        common::undo_step(plan, undo, vec![undo_note]),
    ];
    Rendering::linux(
        plan,
        Method::Networkd,
        steps,
        notes,
        script(plan, &path, &content, &apply_cmds, &rollback),
    )
}

fn script(plan: &Plan, path: &str, content: &str, apply: &str, rollback: &[String]) -> String {
    let iface = plan.interface.as_str();
    let i = sh(iface);
    let all: Vec<Ipv4Addr> = plan.all_addresses().collect();
    let summary = match plan.mode {
        Mode::KeepDhcp => format!(
            "Adds {} secondary private IP(s) to {iface} with a systemd-networkd drop-in; the primary stays on DHCP.",
            plan.secondaries.len()
        ),
        Mode::Static => format!(
            "Configures {iface} statically with systemd-networkd: the primary {} and {} secondary private IP(s).",
            plan.primary,
            plan.secondaries.len()
        ),
    };
    let mut s = ShScript::new(&summary);
    s.raw("command -v networkctl >/dev/null || { echo \"networkctl is not installed\" >&2; exit 1; }\n");
    match plan.mode {
        Mode::KeepDhcp => {
            let want = network_file_name(plan);
            s.raw(&format!(
                "\n# The drop-in only works for the .network file that configures {iface}.\n\
                 nf=$(networkctl status {i} 2>/dev/null | sed -n 's/^ *Network File: //p')\n\
                 if [ \"$(basename -- \"${{nf:-none}}\")\" != {} ]; then\n  \
                 echo \"{} is configured by ${{nf:-no .network file}}, not {}: change the folder name in this script\" >&2\n  \
                 exit 1\nfi\n",
                sh(&want),
                sh_dq(iface),
                sh_dq(&want)
            ));
        }
        Mode::Static => {
            s.write_file(
                common::CLOUD_INIT_DISABLE_PATH,
                0o644,
                common::CLOUD_INIT_DISABLE_CONTENT,
            );
        }
    }
    s.write_file(path, 0o644, content);
    // `reload` or `reconfigure`, never both (see the Apply step).
    s.raw("\n# A changed file needs `networkctl reload`, which reconfigures the interface\n# itself; `reconfigure` only when the files were already in place. Never both\n# back to back: the second pass can lose an address.\nfiles_changed=$changed\n");
    s.raw(&common::sh_mark_changed_if_missing(iface, plan.prefix(), &all));
    s.apply_if_changed(&format!(
        "if [ \"$files_changed\" -eq 1 ]; then\n    {}\n  else\n    networkctl reconfigure {i}\n  fi",
        apply.trim_end().replace('\n', "\n    ")
    ));
    // Static mode: dropping the old DHCP lease can remove the primary just
    // after networkd set it statically (the same address): reconfigure once
    // if the addresses or the route have not come after 10 s, when the
    // reload is long done. Keep mode: no such retry, a reconfigure would
    // only restart a DHCP exchange that is still under way.
    let retry = match plan.mode {
        Mode::KeepDhcp => None,
        Mode::Static => Some(format!("networkctl reconfigure {i}")),
    };
    let gateway = match plan.mode {
        Mode::KeepDhcp => None,
        Mode::Static => Some(plan.gateway),
    };
    s.raw(&common::sh_wait_for_config(iface, plan.prefix(), &all, gateway, 30, retry.as_deref()));
    s.check_addresses(iface, plan.prefix(), &all);
    if plan.mode == Mode::Static {
        s.raw(&common::sh_check_default_route(plan.gateway));
    }
    s.rollback_all(rollback.iter().cloned());
    s.finish()
}

/// Text for inside a double-quoted sh string: `\`, `"`, `$` and backquote escaped.
fn sh_dq(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '"' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Form;
    use crate::render::testing::plan_with;

    fn plan(f: impl FnOnce(&mut Form)) -> Plan {
        plan_with(|form| {
            form.os = "arch".into();
            f(form);
        })
    }

    #[test]
    fn keep_mode_is_a_dropin_with_the_secondaries() {
        let p = plan(|_| {});
        assert_eq!(
            dropin_path(&p),
            "/etc/systemd/network/10-cloud-init-eth0.network.d/60-secondary-ips.conf"
        );
        assert!(
            dropin(&p).ends_with("[Network]\nAddress=192.168.1.202/24\nAddress=192.168.1.203/24\n")
        );
    }

    #[test]
    fn static_mode_turns_dhcp_off_with_the_primary_first() {
        let p = plan(|f| {
            f.mode = "static".into();
            f.mac = "00:16:3e:00:00:01".into();
        });
        let c = full(&p, &p.all_addresses().collect::<Vec<_>>());
        assert!(c.contains("[Match]\nMACAddress=00:16:3e:00:00:01\n"));
        assert!(c.contains("DHCP=no\nAddress=192.168.1.201/24\nAddress=192.168.1.202/24\nAddress=192.168.1.203/24\nGateway=192.168.1.253\n"));
    }

    #[test]
    fn debian13_extends_netplans_file() {
        let p = plan(|f| f.os = "debian13".into());
        assert!(dropin_path(&p).contains("10-netplan-eth0.network.d/"));
    }

    #[test]
    fn double_quoted_text_is_escaped() {
        assert_eq!(sh_dq("a\"$`\\b"), "a\\\"\\$\\`\\\\b");
    }
}
