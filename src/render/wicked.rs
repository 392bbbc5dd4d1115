//! SUSE (SLES, openSUSE) `/etc/sysconfig/network/ifcfg-eth0`, read by wicked
//! (and by the older sysconfig scripts of SLES 11).
//!
//! Each secondary is `IPADDR_n='IP/PREFIX'` with `LABEL_n` (the prefix inside
//! the value wins over any netmask). Static mode also writes the default
//! route to `/etc/sysconfig/network/routes`. cloud-init writes `ifcfg-eth0`
//! on these images, so its network configuration is disabled first.

use std::fmt::Write as _;

use super::quote::sh;
use super::{common, script::ShScript, Artifact, Lang, Note, Rendering, Step, StepKind};
use crate::catalog::{Method, Os};
use crate::plan::{Mode, Plan, Style};

/// Where SUSE keeps its network files.
const DIR: &str = "/etc/sysconfig/network";

/// The default-route file.
const ROUTES: &str = "/etc/sysconfig/network/routes";

/// The file with the static DNS servers.
const NETCONFIG: &str = "/etc/sysconfig/network/config";

/// A wicked label: `LABEL_n` is appended to the interface name with `:`, and
/// the whole label must fit in 15 characters.
fn label_fits(interface: &str, label: &str) -> bool {
    interface.len() + 1 + label.len() <= 15
}

/// The command that applies the change: `wicked ifreload` where wicked runs
/// (SLES 12+, openSUSE), the guide's restart on SLES 11.
fn apply_command(plan: &Plan) -> String {
    if plan.os == Os::Sles11 {
        plan.os.restart_command().to_owned()
    } else {
        format!("wicked ifreload {}", sh(plan.interface.as_str()))
    }
}

/// Renders [`Method::Wicked`].
pub fn render(plan: &Plan) -> Rendering {
    let method = Method::Wicked;
    let id = method.as_str();
    let iface = plan.interface.as_str();
    let i = sh(iface);
    let p = plan.prefix();
    let path = format!("{DIR}/ifcfg-{iface}");
    let guide = plan.style == Style::Guide;
    let mut notes = Vec::new();
    let mut configure = Vec::new();
    let mut configure_notes = Vec::new();

    let mut f = String::new();
    let _ = writeln!(
        f,
        "# Written by the Secondary IP Wizard: {}.",
        match plan.mode {
            Mode::KeepDhcp => "primary on DHCP, static secondaries",
            Mode::Static => "static primary and secondaries",
        }
    );
    f.push_str("STARTMODE='auto'\n");
    match plan.mode {
        Mode::KeepDhcp => f.push_str("BOOTPROTO='dhcp'\n"),
        Mode::Static => {
            f.push_str("BOOTPROTO='static'\n");
            if guide {
                let _ = writeln!(f, "IPADDR='{}'\nNETMASK='{p}'", plan.primary);
            } else {
                let _ = writeln!(f, "IPADDR='{}/{p}'", plan.primary);
            }
        }
    }
    let mut too_long = Vec::new();
    for (n, ip) in plan.secondaries.iter().enumerate() {
        let n = n + 1;
        if guide {
            let _ = writeln!(f, "IPADDR_{n}='{ip}'\nNETMASK_{n}='{p}'");
        } else {
            let _ = writeln!(f, "IPADDR_{n}='{ip}/{p}'");
        }
        let label = n.to_string();
        if label_fits(iface, &label) {
            let _ = writeln!(f, "LABEL_{n}='{label}'");
        } else {
            too_long.push(format!("{iface}:{label}"));
        }
    }
    if !too_long.is_empty() {
        notes.push(Note::warning(format!(
            "No LABEL for {}: interface name and label together must fit in 15 characters. The addresses work without a label.",
            too_long.join(", ")
        )));
    }

    let (artifact, note) = common::cloud_init_disable(id);
    configure.push(artifact);
    configure_notes
        .push(Note::warning(format!("{} cloud-init writes {path} on these images.", note.text)));
    configure.push(Artifact::file(
        format!("{id}.configure.file"),
        format!("Replace {path}"),
        &path,
        0o644,
        Lang::Sh,
        &f,
    ));
    configure_notes.push(Note::info(format!(
        "This replaces the whole {path}: if the current file holds other settings you need (MTU, DHCLIENT options, IPv6), copy those lines over."
    )));
    if plan.os == Os::Sles11 && plan.mode == Mode::KeepDhcp {
        configure_notes.push(Note::warning("SLES 11 has no wicked: its older ifup scripts may not add IPADDR_n next to BOOTPROTO='dhcp'. If the check shows them missing, use the static mode."));
    }
    if guide {
        configure_notes.push(Note::info("Guide form: the guide puts the prefix length in NETMASK_x; the ifcfg(5) man page says NETMASK is a dotted mask and PREFIXLEN carries the length, so the safe form writes IPADDR_x='IP/PREFIX'."));
    }
    let routes = format!("default {} - -\n", plan.gateway);
    let dns_line = (plan.mode == Mode::Static && !plan.dns.is_empty()).then(|| {
        let servers: Vec<String> = plan.dns.iter().map(|d| d.to_string()).collect();
        format!("NETCONFIG_DNS_STATIC_SERVERS=\"{}\"", servers.join(" "))
    });
    if plan.mode == Mode::Static {
        configure.push(Artifact::file(
            format!("{id}.configure.routes"),
            format!("Replace {ROUTES} (the default route)"),
            ROUTES,
            0o644,
            Lang::Text,
            &routes,
        ));
        configure_notes.push(Note::info(format!(
            "{ROUTES} holds every static route of the system: keep any other line it already has. Only one default route."
        )));
        if let Some(line) = &dns_line {
            configure.push(Artifact::commands(
                format!("{id}.configure.dns"),
                "Set the DNS servers",
                Lang::Sh,
                format!(
                    "sed -i 's/^NETCONFIG_DNS_STATIC_SERVERS=.*/{line}/' {NETCONFIG}\nnetconfig update -f\n"
                ),
            ));
        }
    }
    if let Some(n) = common::static_dns_note(plan) {
        configure_notes.push(n);
    }

    // Apply.
    let apply_cmd = apply_command(plan);
    let apply_notes = match plan.mode {
        Mode::KeepDhcp => vec![Note::info(format!(
            "The guide restarts the whole network (`{}`); `wicked ifreload` reapplies only the interface whose file changed. Either may interrupt SSH for a moment: keep the VNC console at hand.",
            plan.os.restart_command()
        ))],
        Mode::Static => vec![Note::warning(
            "Applying a static primary reconfigures the interface: run it from the VNC console, not only over SSH.",
        )],
    };
    let apply = Artifact::commands(
        format!("{id}.apply.commands"),
        "Apply the new configuration",
        Lang::Sh,
        format!("{apply_cmd}\n"),
    );

    // Undo.
    let mut undo = String::from("sed -i");
    for n in 1..=plan.secondaries.len() {
        let _ = write!(undo, " -e '/^IPADDR_{n}=/d' -e '/^NETMASK_{n}=/d' -e '/^LABEL_{n}=/d'");
    }
    let _ = writeln!(undo, " {}", sh(&path));
    for ip in &plan.secondaries {
        let _ = writeln!(undo, "ip addr del {ip}/{p} dev {i}");
    }
    let undo_step = common::undo_step(
        plan,
        vec![Artifact::commands(
            format!("{id}.undo.commands"),
            "Remove the secondaries from the OS (before unassigning them in the cloud)",
            Lang::Sh,
            &undo,
        )],
        vec![Note::info("The IPADDR_n lines written by the wizard are removed from the file; `ip addr del` removes the addresses at once without a restart.")],
    );

    // Script.
    let summary = format!(
        "{}: secondary private IPs {} on {iface} ({} mode).",
        method.label(),
        plan.secondaries.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(", "),
        if plan.mode == Mode::KeepDhcp { "keep DHCP" } else { "static" }
    );
    let mut s = ShScript::new(&summary);
    s.write_file(common::CLOUD_INIT_DISABLE_PATH, 0o644, common::CLOUD_INIT_DISABLE_CONTENT);
    s.raw(&common::sh_write_file_backup_outside(&path, 0o644, &f));
    if plan.mode == Mode::Static {
        s.raw(&common::sh_write_file_backup_outside(ROUTES, 0o644, &routes));
        if let Some(line) = &dns_line {
            s.comment("Static DNS servers for netconfig.");
            s.raw(&format!(
                "if ! grep -qx '{line}' {NETCONFIG}; then\n  cp -p {NETCONFIG} {NETCONFIG}.bak-\"$stamp\"\n  restore=\"$restore  cp -p {NETCONFIG}.bak-$stamp {NETCONFIG}\n\"\n  sed -i 's/^NETCONFIG_DNS_STATIC_SERVERS=.*/{line}/' {NETCONFIG}\n  netconfig update -f\n  changed=1\nfi\n"
            ));
        }
    }
    let all: Vec<_> = plan.all_addresses().collect();
    s.raw(&common::sh_mark_changed_if_missing(iface, p, &all));
    s.apply_if_changed(&apply_cmd);
    s.check_addresses(iface, p, &all);
    s.rollback_all(undo.lines());

    Rendering::linux(
        plan,
        method,
        [
            Step::new(StepKind::Configure, configure).with_notes(configure_notes),
            Step::new(StepKind::Apply, vec![apply]).with_notes(apply_notes),
            common::linux_verify_step(plan, id),
            undo_step,
        ],
        notes,
        s.finish(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{artifact, plan_with};

    fn plan(os: &str, mode: &str, style: &str) -> Plan {
        plan_with(|f| (f.os, f.mode, f.style) = (os.into(), mode.into(), style.into()))
    }

    #[test]
    fn keep_mode_keeps_dhcp_and_adds_labelled_addresses() {
        let r = render(&plan("sles15", "keep", "safe"));
        let f = artifact(&r, "wicked.configure.file");
        assert_eq!(f.path(), Some("/etc/sysconfig/network/ifcfg-eth0"));
        assert!(f.content.contains(
            "BOOTPROTO='dhcp'\nIPADDR_1='192.168.1.202/24'\nLABEL_1='1'\nIPADDR_2='192.168.1.203/24'\nLABEL_2='2'\n"
        ));
        assert!(r.artifacts().all(|a| a.id != "wicked.configure.routes"));
        artifact(&r, "wicked.configure.cloud-init");
        assert_eq!(artifact(&r, "wicked.apply.commands").content, "wicked ifreload eth0\n");
    }

    #[test]
    fn static_mode_writes_primary_and_routes() {
        let r = render(&plan("opensuse15", "static", "safe"));
        let f = artifact(&r, "wicked.configure.file");
        assert!(f.content.contains("BOOTPROTO='static'\nIPADDR='192.168.1.201/24'\nIPADDR_1="));
        let routes = artifact(&r, "wicked.configure.routes");
        assert_eq!(routes.path(), Some("/etc/sysconfig/network/routes"));
        assert_eq!(routes.content, "default 192.168.1.253 - -\n");
    }

    #[test]
    fn guide_style_uses_netmask_with_a_note() {
        let r = render(&plan("sles12", "keep", "guide"));
        let f = artifact(&r, "wicked.configure.file");
        assert!(f.content.contains("IPADDR_1='192.168.1.202'\nNETMASK_1='24'\nLABEL_1='1'\n"));
        assert!(r.steps[1].notes.iter().any(|n| n.text.contains("PREFIXLEN")));
    }

    #[test]
    fn long_interface_names_get_no_label() {
        let r = render(&plan_with(|f| {
            (f.os, f.interface) = ("sles15".into(), "enp0s3f1abcdef".into());
        }));
        let f = artifact(&r, "wicked.configure.file");
        assert!(!f.content.contains("LABEL_"));
        assert!(r.notes.iter().any(|n| n.text.contains("15 characters")));
    }

    #[test]
    fn sles11_restarts_the_network() {
        let r = render(&plan("sles11", "keep", "safe"));
        assert_eq!(artifact(&r, "wicked.apply.commands").content, "service network restart\n");
    }
}
