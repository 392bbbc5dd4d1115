//! RHEL-family ifcfg files (`/etc/sysconfig/network-scripts`).
//!
//! Two methods share this module:
//! - [`Method::Ifcfg`]: one `ifcfg-eth0` with `IPADDRn`/`PREFIXn` for the
//!   secondaries (the safe default). In keep-DHCP mode only NetworkManager's
//!   ifcfg-rh plugin reads `IPADDRn` next to `BOOTPROTO=dhcp`; the old
//!   `network` service (initscripts `ifup-eth`) skips them, so the script
//!   checks that NetworkManager is running first.
//! - [`Method::IfcfgAlias`]: the guide's alias files `ifcfg-eth0:N` with
//!   `DEVICE=eth0:N`, `BOOTPROTO=static`, `IPADDR`, `NETMASK`, which both
//!   initscripts (`ifup-aliases`) and NetworkManager read.
//!
//! cloud-init writes `ifcfg-eth0` on these images, so whenever that file is
//! changed the guide's cloud-init disable step comes first.

use std::fmt::Write as _;

use super::quote::sh;
use super::{common, script::ShScript, Artifact, Lang, Note, Rendering, Step, StepKind};
use crate::catalog::{Method, Os};
use crate::plan::{Mode, Plan, Style};

/// Where the ifcfg files live.
const DIR: &str = "/etc/sysconfig/network-scripts";

/// Whether NetworkManager (with the ifcfg-rh plugin) reads the ifcfg files
/// on this OS by default (the EL8 family; on EL6/7 images the `network`
/// service does).
fn nm_reads_ifcfg(os: Os) -> bool {
    matches!(
        os,
        Os::Alinux3
            | Os::Centos8
            | Os::Rhel8
            | Os::Anolis8
            | Os::Rocky8
            | Os::Alma8
            | Os::Rhel9
            | Os::Rocky9
            | Os::Alma9
            | Os::Fedora
    )
}

/// The path of `ifcfg-NAME`.
fn path(name: &str) -> String {
    format!("{DIR}/ifcfg-{name}")
}

/// The main `ifcfg-eth0`: DHCP (keep mode) or the static primary, plus
/// `IPADDRn`/`PREFIXn` for the secondaries when `with_secondaries`.
fn main_file(plan: &Plan, with_secondaries: bool, header: &str) -> String {
    let mut f = String::new();
    let _ = writeln!(f, "# {header}");
    let _ = writeln!(f, "DEVICE={}", sh(plan.interface.as_str()));
    f.push_str("TYPE=Ethernet\nONBOOT=yes\n");
    if let Some(mac) = plan.mac {
        let _ = writeln!(f, "HWADDR={mac}");
    }
    match plan.mode {
        Mode::KeepDhcp => f.push_str("BOOTPROTO=dhcp\n"),
        Mode::Static => {
            match plan.style {
                Style::Safe => {
                    f.push_str("BOOTPROTO=none\n");
                    let _ = writeln!(f, "IPADDR={}\nPREFIX={}", plan.primary, plan.prefix());
                }
                Style::Guide => {
                    f.push_str("BOOTPROTO=static\n");
                    let _ = writeln!(f, "IPADDR={}\nNETMASK={}", plan.primary, plan.subnet.mask());
                }
            }
            let _ = writeln!(f, "GATEWAY={}", plan.gateway);
            for (i, dns) in plan.dns.iter().enumerate() {
                let _ = writeln!(f, "DNS{}={dns}", i + 1);
            }
        }
    }
    if with_secondaries {
        for (i, ip) in plan.secondaries.iter().enumerate() {
            let _ = writeln!(f, "IPADDR{n}={ip}\nPREFIX{n}={p}", n = i + 1, p = plan.prefix());
        }
    }
    f
}

/// The guide's alias file for secondary number `n` (0-based).
fn alias_file(plan: &Plan, n: usize, ip: std::net::Ipv4Addr) -> String {
    let (label, _) = common::alias_label(plan.interface.as_str(), n);
    format!(
        "# Written by the Secondary IP Wizard: secondary address {ip} as alias {label}.\nDEVICE={}\nTYPE=Ethernet\nONBOOT=yes\nBOOTPROTO=static\nIPADDR={ip}\nNETMASK={}\n",
        sh(&label),
        plan.subnet.mask()
    )
}

/// The commands that make NetworkManager re-read the files and re-activate
/// the connection (`id` first, so a name such as `--help` is never read as
/// an option).
fn nmcli_apply(plan: &Plan) -> String {
    format!("nmcli con reload\nnmcli con up id {}\n", sh(&plan.connection))
}

/// Renders [`Method::Ifcfg`] (`alias == false`) or [`Method::IfcfgAlias`].
pub fn render(plan: &Plan, alias: bool) -> Rendering {
    let method = if alias { Method::IfcfgAlias } else { Method::Ifcfg };
    let id = method.as_str();
    let iface = plan.interface.as_str();
    let i = sh(iface);
    let main_path = path(iface);
    let nm = nm_reads_ifcfg(plan.os);
    // The single-file keep form works only through NetworkManager: apply with nmcli.
    let use_nmcli = nm || (!alias && plan.mode == Mode::KeepDhcp);
    let mut notes = Vec::new();
    let mut configure = Vec::new();
    let mut configure_notes = Vec::new();

    // The main file is cloud-init's: the single-file method always edits it,
    // the alias method only in static mode.
    let edits_cloud_init_file = !alias || plan.mode == Mode::Static;
    if edits_cloud_init_file {
        let (artifact, _) = common::cloud_init_disable(id);
        configure.push(artifact);
        configure_notes.push(Note::warning(format!(
            "cloud-init writes {main_path} on Alibaba Cloud images and rewrites it at boot: the guide's 99-disable-network-config.cfg comes first, or the change is lost on reboot."
        )));
    }

    let header = match (alias, plan.mode) {
        (false, Mode::KeepDhcp) => {
            "Written by the Secondary IP Wizard: primary on DHCP, secondaries static."
        }
        (false, Mode::Static) => "Written by the Secondary IP Wizard: static primary and secondaries.",
        (true, Mode::KeepDhcp) => {
            "Written by the Secondary IP Wizard: primary on DHCP; the secondaries are in the alias files."
        }
        (true, Mode::Static) => {
            "Written by the Secondary IP Wizard: static primary; the secondaries are in the alias files."
        }
    };
    let main = main_file(plan, !alias, header);
    let main_title = if alias && plan.mode == Mode::KeepDhcp {
        format!("Only if {main_path} does not exist: create it")
    } else {
        format!("Replace {main_path}")
    };
    configure.push(Artifact::file(
        format!("{id}.configure.file"),
        main_title,
        &main_path,
        0o644,
        Lang::Sh,
        &main,
    ));
    if edits_cloud_init_file {
        configure_notes.push(Note::info(format!(
            "This replaces the whole {main_path}: if the current file holds other settings you need (IPV6INIT, MTU, NM_CONTROLLED), copy those lines over."
        )));
    }
    if alias && plan.mode == Mode::KeepDhcp {
        configure_notes.push(Note::info(format!(
            "The guide: if {main_path} is missing (some images leave the interface to NetworkManager's defaults), create it as shown so the alias files have a parent; leave an existing one as it is. cloud-init does not touch the alias files, so no cloud-init change is needed."
        )));
    }
    if plan.mode == Mode::KeepDhcp && !alias && !nm {
        configure_notes.push(Note::warning(format!(
            "The network service (initscripts) ignores IPADDRn when BOOTPROTO=dhcp: this form works only where NetworkManager manages {iface} (`nmcli -t -f RUNNING general` prints running). Otherwise use the ifcfg alias files, or the static mode."
        )));
    }
    if plan.style == Style::Guide && plan.mode == Mode::Static {
        configure_notes.push(Note::info("Guide form: BOOTPROTO=static and NETMASK as in the guide; the safe form writes BOOTPROTO=none and PREFIX, the keys the ifcfg documentation describes (both work)."));
    }
    let mut alias_files = Vec::new();
    if alias {
        for (n, ip) in plan.secondaries.iter().enumerate() {
            let (label, fits) = common::alias_label(iface, n);
            let p = path(&label);
            if !fits {
                notes.push(Note::warning(format!(
                    "The alias label {label} is longer than 15 characters, which the kernel refuses: use the ifcfg (IPADDRn) method for this interface."
                )));
            }
            let content = alias_file(plan, n, *ip);
            configure.push(Artifact::file(
                format!("{id}.configure.alias-{n}"),
                format!("Create {p}"),
                &p,
                0o644,
                Lang::Sh,
                &content,
            ));
            alias_files.push((label, p, content));
        }
        configure_notes.push(Note::info("Alias files (eth0:N) are the guide's form: the kernel documentation calls aliases obsolete, but initscripts and NetworkManager still read them as labelled addresses. Never put GATEWAY in an alias file."));
    }
    if let Some(n) = common::static_dns_note(plan) {
        configure_notes.push(n);
    }

    // Apply.
    let mut apply = Vec::new();
    let mut apply_notes = Vec::new();
    let gentle = alias && !nm && plan.mode == Mode::KeepDhcp;
    if use_nmcli {
        apply.push(Artifact::commands(
            format!("{id}.apply.commands"),
            "Make NetworkManager re-read the files and re-activate the connection",
            Lang::Sh,
            nmcli_apply(plan),
        ));
        apply_notes.push(Note::info(format!(
            "The connection name ({}) is the one `nmcli con show` lists for {iface}; NetworkManager names an ifcfg file without NAME= \"System {iface}\". The guide's `{}` also works but restarts every connection.",
            plan.connection,
            plan.os.restart_command()
        )));
        apply_notes.push(if plan.mode == Mode::Static {
            Note::warning("Re-activating the connection with a static primary interrupts the network for a moment: run it from the VNC console, or keep it at hand.")
        } else {
            Note::info("Re-activating the connection renews the DHCP lease for the same primary address; an SSH session normally survives it.")
        });
    } else {
        apply.push(Artifact::commands(
            format!("{id}.apply.commands"),
            "Restart the network (the guide's command)",
            Lang::Sh,
            format!("{}\n", plan.os.restart_command()),
        ));
        if gentle {
            let ups: String =
                alias_files.iter().map(|(label, _, _)| format!("ifup {}\n", sh(label))).collect();
            apply.push(Artifact::commands(
                format!("{id}.apply.gentle"),
                "Or bring up only the new aliases",
                Lang::Sh,
                ups,
            ));
            apply_notes.push(Note::info("Restarting the network briefly removes every address and may drop your SSH session; `ifup` per alias adds only the new addresses (the script does that)."));
        } else {
            apply_notes.push(Note::warning("Restarting the network briefly removes every address: run this from the VNC console (Workbench or the ECS console's Connect > VNC), not only over SSH."));
        }
    }

    // Undo.
    let mut undo = String::new();
    let mut rollback = Vec::new();
    if alias {
        for (_, p, _) in &alias_files {
            let _ = writeln!(undo, "rm -f {}", sh(p));
            rollback.push(format!("rm -f {}", sh(p)));
        }
    } else {
        let mut sed = String::from("sed -i");
        for (n, ip) in plan.secondaries.iter().enumerate() {
            let n = n + 1;
            let _ =
                write!(sed, " -e '/^IPADDR{n}={}$/d' -e '/^PREFIX{n}=/d'", common::sed_addr(*ip));
        }
        let _ = writeln!(sed, " {}", sh(&main_path));
        undo.push_str(&sed);
        rollback.push(sed.trim_end().to_owned());
    }
    for ip in &plan.secondaries {
        let line = format!("ip addr del {ip}/{} dev {i}", plan.prefix());
        let _ = writeln!(undo, "{line}");
        rollback.push(line);
    }
    if use_nmcli {
        undo.push_str("nmcli con reload\n");
        rollback.push("nmcli con reload".to_owned());
    }
    let undo_step = common::undo_step(
        plan,
        vec![Artifact::commands(
            format!("{id}.undo.commands"),
            "Remove the secondaries from the OS (before unassigning them in the cloud)",
            Lang::Sh,
            undo,
        )],
        vec![Note::info("`ip addr del` removes the addresses at once without restarting the network; the file change keeps them away after a reboot.")],
    );

    // The all-in-one script.
    let summary = format!(
        "{}: secondary private IPs {} on {iface} ({} mode).",
        method.label(),
        plan.secondaries.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(", "),
        if plan.mode == Mode::KeepDhcp { "keep DHCP" } else { "static" }
    );
    let mut s = ShScript::new(&summary);
    if plan.mode == Mode::KeepDhcp && !alias && !nm {
        s.comment("IPADDRn next to BOOTPROTO=dhcp is read only by NetworkManager.");
        s.raw("if ! nmcli -t -f RUNNING general 2>/dev/null | grep -qx running; then\n  echo \"NetworkManager is not running: the network service ignores IPADDRn with BOOTPROTO=dhcp; use the ifcfg alias files instead\" >&2\n  exit 1\nfi\n");
    }
    if edits_cloud_init_file {
        s.write_file(common::CLOUD_INIT_DISABLE_PATH, 0o644, common::CLOUD_INIT_DISABLE_CONTENT);
    }
    if alias && plan.mode == Mode::KeepDhcp {
        s.comment(&format!("The guide: create {main_path} only when it is missing."));
        s.raw(&format!("if [ ! -f {} ]; then", sh(&main_path)));
        s.raw(&common::sh_write_file_backup_outside(&main_path, 0o644, &main));
        s.raw("fi");
    } else {
        s.raw(&common::sh_write_file_backup_outside(&main_path, 0o644, &main));
    }
    for (_, p, content) in &alias_files {
        s.raw(&common::sh_write_file_backup_outside(p, 0o644, content));
    }
    let all: Vec<_> = plan.all_addresses().collect();
    s.raw(&common::sh_mark_changed_if_missing(iface, plan.prefix(), &all));
    if use_nmcli {
        s.apply_if_changed(&nmcli_apply(plan).trim_end().replace('\n', "\n  "));
    } else if gentle {
        let ups: Vec<String> =
            alias_files.iter().map(|(label, _, _)| format!("ifup {}", sh(label))).collect();
        s.apply_if_changed(&ups.join("\n  "));
    } else {
        s.apply_if_changed(plan.os.restart_command());
    }
    s.check_addresses(iface, plan.prefix(), &all);
    s.rollback_all(rollback);

    Rendering::linux(
        plan,
        method,
        [
            Step::new(StepKind::Configure, configure).with_notes(configure_notes),
            Step::new(StepKind::Apply, apply).with_notes(apply_notes),
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
    fn keep_mode_keeps_dhcp_and_adds_ipaddr_n() {
        let r = render(&plan("alinux3", "keep", "safe"), false);
        let f = artifact(&r, "ifcfg.configure.file");
        assert_eq!(f.path(), Some("/etc/sysconfig/network-scripts/ifcfg-eth0"));
        assert!(f.content.contains("\nBOOTPROTO=dhcp\n"));
        assert!(f
            .content
            .contains("\nIPADDR1=192.168.1.202\nPREFIX1=24\nIPADDR2=192.168.1.203\nPREFIX2=24\n"));
        assert!(!f.content.contains("GATEWAY"));
        assert!(!f.content.contains("\nIPADDR="));
        artifact(&r, "ifcfg.configure.cloud-init");
        let apply = artifact(&r, "ifcfg.apply.commands");
        assert_eq!(apply.content, "nmcli con reload\nnmcli con up id 'System eth0'\n");
    }

    #[test]
    fn static_mode_sets_primary_gateway_then_secondaries() {
        let p = plan_with(|f| {
            (f.os, f.mode) = ("centos7".into(), "static".into());
            (f.dns, f.mac) = ("100.100.2.136 100.100.2.138".into(), "00:16:3E:01:02:03".into());
        });
        let r = render(&p, false);
        let f = artifact(&r, "ifcfg.configure.file");
        assert!(f.content.contains(
            "HWADDR=00:16:3e:01:02:03\nBOOTPROTO=none\nIPADDR=192.168.1.201\nPREFIX=24\nGATEWAY=192.168.1.253\nDNS1=100.100.2.136\nDNS2=100.100.2.138\nIPADDR1=192.168.1.202\nPREFIX1=24\n"
        ));
        assert_eq!(artifact(&r, "ifcfg.apply.commands").content, "systemctl restart network\n");
        assert!(r
            .script
            .content
            .contains("\nif [ \"$changed\" -eq 1 ]; then\n  systemctl restart network\nfi\n"));
    }

    #[test]
    fn guide_style_uses_static_and_netmask() {
        let r = render(&plan("centos7", "static", "guide"), false);
        let f = artifact(&r, "ifcfg.configure.file");
        assert!(f
            .content
            .contains("BOOTPROTO=static\nIPADDR=192.168.1.201\nNETMASK=255.255.255.0\n"));
        assert!(r.steps[1].notes.iter().any(|n| n.text.starts_with("Guide form")));
    }

    #[test]
    fn keep_mode_on_initscripts_checks_for_networkmanager() {
        let r = render(&plan("centos7", "keep", "safe"), false);
        assert!(r.script.content.contains("nmcli -t -f RUNNING general"));
        assert!(r.steps[1].notes.iter().any(|n| n.text.contains("ignores IPADDRn")));
        let undo = artifact(&r, "ifcfg.undo.commands");
        assert!(undo.content.starts_with(
            "sed -i -e '/^IPADDR1=192\\.168\\.1\\.202$/d' -e '/^PREFIX1=/d' -e '/^IPADDR2=192\\.168\\.1\\.203$/d' -e '/^PREFIX2=/d' /etc/sysconfig/network-scripts/ifcfg-eth0\n"
        ));
        assert!(undo.content.contains("ip addr del 192.168.1.202/24 dev eth0\n"));
    }

    #[test]
    fn alias_files_follow_the_guide() {
        let r = render(&plan("centos7", "keep", "safe"), true);
        let a = artifact(&r, "ifcfg-alias.configure.alias-0");
        assert_eq!(a.path(), Some("/etc/sysconfig/network-scripts/ifcfg-eth0:0"));
        assert!(a.content.contains(
            "DEVICE=eth0:0\nTYPE=Ethernet\nONBOOT=yes\nBOOTPROTO=static\nIPADDR=192.168.1.202\nNETMASK=255.255.255.0\n"
        ));
        assert!(!a.content.contains("GATEWAY"));
        let b = artifact(&r, "ifcfg-alias.configure.alias-1");
        assert!(b.content.contains("DEVICE=eth0:1\n"));
        // Keep mode: no cloud-init change, ifcfg-eth0 only when missing, gentle ifup.
        assert!(r.artifacts().all(|a| a.id != "ifcfg-alias.configure.cloud-init"));
        assert!(r
            .script
            .content
            .contains("if [ ! -f /etc/sysconfig/network-scripts/ifcfg-eth0 ]; then"));
        assert_eq!(artifact(&r, "ifcfg-alias.apply.gentle").content, "ifup eth0:0\nifup eth0:1\n");
        assert!(r.script.content.contains("  ifup eth0:0\n  ifup eth0:1\n"));
    }

    #[test]
    fn alias_static_mode_rewrites_the_primary_and_disables_cloud_init() {
        let r = render(&plan("centos6", "static", "safe"), true);
        artifact(&r, "ifcfg-alias.configure.cloud-init");
        let f = artifact(&r, "ifcfg-alias.configure.file");
        assert!(f.content.contains("GATEWAY=192.168.1.253\n"));
        assert!(!f.content.contains("IPADDR1"));
        assert_eq!(artifact(&r, "ifcfg-alias.apply.commands").content, "service network restart\n");
    }

    #[test]
    fn steps_are_in_order_and_every_address_is_checked() {
        for alias in [false, true] {
            for mode in ["keep", "static"] {
                let r = render(&plan("alinux2", mode, "safe"), alias);
                let kinds: Vec<_> = r.steps.iter().map(|s| s.kind).collect();
                assert_eq!(kinds, StepKind::ALL);
                for a in ["192.168.1.201/24", "192.168.1.202/24", "192.168.1.203/24"] {
                    assert!(r.script.content.contains(a), "{a}");
                }
            }
        }
    }
}
