//! `/etc/network/interfaces`: Debian ifupdown (Debian 8–11, Ubuntu 14/16)
//! and Alpine's ifupdown-ng.
//!
//! Debian, keep-DHCP mode: cloud-init's `iface eth0 inet dhcp` stays as it
//! is and the secondaries go in a file of their own,
//! `/etc/network/interfaces.d/60-secondary-ips`, as the guide's alias stanzas
//! (`auto eth0:N` / `iface eth0:N inet static`, address and netmask, never a
//! gateway). Each alias comes up with `ifup eth0:N` without touching the
//! primary. Static mode writes `/etc/network/interfaces` with the static
//! primary and keeps the same alias file.
//!
//! Alpine: ifupdown-ng accepts several `address IP/P` lines in one stanza, so
//! the whole `/etc/network/interfaces` is written with them.

use std::fmt::Write as _;

use super::quote::sh;
use super::{common, script::ShScript, Artifact, Lang, Note, Rendering, Step, StepKind};
use crate::catalog::{Method, Os};
use crate::plan::{Mode, Plan};

/// The main configuration file.
const INTERFACES: &str = "/etc/network/interfaces";

/// cloud-init's own files in `interfaces.d` (the name changed over releases).
const CLOUD_INIT_FILES: [&str; 2] =
    ["/etc/network/interfaces.d/50-cloud-init", "/etc/network/interfaces.d/50-cloud-init.cfg"];

/// Where files moved out of `interfaces.d` go (anything left in that
/// directory is read by `source /etc/network/interfaces.d/*`).
const BACKUP_DIR: &str = "/var/backups/secondary-ip-wizard";

/// Script lines that move cloud-init's files out of `interfaces.d`, each
/// with its restore line (uses the script's `stamp`, `restore`, `changed`
/// and `q`).
fn move_out_script() -> String {
    let mut out = String::new();
    for f in CLOUD_INIT_FILES {
        let name = f.rsplit('/').next().unwrap_or(f);
        let _ = write!(
            out,
            "if [ -f {f} ]; then\n  mkdir -p {BACKUP_DIR}\n  mv {f} \"{BACKUP_DIR}/{name}.$stamp\"\n  restore=\"$restore  mv $(q {BACKUP_DIR}/{name}.\"$stamp\") $(q {f})\n\"\n  changed=1\n  echo \"moved: {f} to {BACKUP_DIR}/{name}.$stamp\"\nfi\n"
        );
    }
    out
}

/// Ubuntu's cloud images source only `interfaces.d/*.cfg`; Debian's source
/// every file (`source-directory` skips names with a dot).
fn sources_only_cfg(os: Os) -> bool {
    matches!(os, Os::Ubuntu14 | Os::Ubuntu16)
}

/// The separate file for the secondaries.
fn secondary_path(os: Os) -> &'static str {
    if sources_only_cfg(os) {
        "/etc/network/interfaces.d/60-secondary-ips.cfg"
    } else {
        "/etc/network/interfaces.d/60-secondary-ips"
    }
}

/// The `source` line that includes the secondary file.
fn source_line(os: Os) -> &'static str {
    if sources_only_cfg(os) {
        "source /etc/network/interfaces.d/*.cfg"
    } else {
        "source /etc/network/interfaces.d/*"
    }
}

/// A shell test that the main file includes `interfaces.d` in a way that
/// reads the secondary file.
fn source_check(os: Os) -> String {
    let pattern = if sources_only_cfg(os) {
        r"^[[:space:]]*source[[:space:]]+/etc/network/interfaces\.d/\*(\.cfg)?[[:space:]]*$"
    } else {
        r"^[[:space:]]*(source[[:space:]]+/etc/network/interfaces\.d/\*|source-directory[[:space:]]+(/etc/network/)?interfaces\.d/?)[[:space:]]*$"
    };
    format!(
        "if ! grep -Eq '{pattern}' {INTERFACES}; then\n  echo \"{INTERFACES} does not include {dir}: add the line '{line}' to it (at the end), then run this again\" >&2\n  exit 1\nfi\n",
        dir = "/etc/network/interfaces.d",
        line = source_line(os),
    )
}

/// The command that applies a static primary (the guide's table; Ubuntu
/// 14.04 runs upstart, where `systemctl` does not exist).
fn static_restart(os: Os) -> &'static str {
    if os == Os::Ubuntu14 {
        "ifdown --exclude=lo -a && ifup --exclude=lo -a"
    } else {
        os.restart_command()
    }
}

/// Renders [`Method::Ifupdown`] (`ng == false`) or [`Method::IfupdownNg`].
pub fn render(plan: &Plan, ng: bool) -> Rendering {
    if ng {
        render_ng(plan)
    } else {
        render_debian(plan)
    }
}

/// The summary line at the top of a script.
fn summary(plan: &Plan, method: Method) -> String {
    format!(
        "{}: secondary private IPs {} on {} ({} mode).",
        method.label(),
        plan.secondaries.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(", "),
        plan.interface,
        if plan.mode == Mode::KeepDhcp { "keep DHCP" } else { "static" }
    )
}

fn render_debian(plan: &Plan) -> Rendering {
    let method = Method::Ifupdown;
    let id = method.as_str();
    let iface = plan.interface.as_str();
    let sec_path = secondary_path(plan.os);
    let mut notes = Vec::new();
    let mut configure = Vec::new();
    let mut configure_notes = Vec::new();

    // The alias stanzas (both modes).
    let mut sec = format!(
        "# Written by the Secondary IP Wizard: secondary private IPs on {iface}.\n# Alias stanzas: never put a gateway here (a second default route makes ifup fail).\n"
    );
    let mut labels = Vec::new();
    for (n, ip) in plan.secondaries.iter().enumerate() {
        let (label, fits) = common::alias_label(iface, n);
        if !fits {
            notes.push(Note::warning(format!(
                "The alias label {label} is longer than 15 characters, which the kernel refuses: rename the interface or use the runtime method."
            )));
        }
        let _ = write!(
            sec,
            "\nauto {label}\niface {label} inet static\n    address {ip}\n    netmask {}\n",
            plan.subnet.mask()
        );
        labels.push(label);
    }

    let main = match plan.mode {
        Mode::KeepDhcp => None,
        Mode::Static => {
            let mut m = format!(
                "# Written by the Secondary IP Wizard: static primary on {iface}; the secondaries are in {sec_path}.\nauto lo\niface lo inet loopback\n\nauto {iface}\niface {iface} inet static\n    address {}\n    netmask {}\n    gateway {}\n",
                plan.primary,
                plan.subnet.mask(),
                plan.gateway
            );
            if !plan.dns.is_empty() {
                let dns: Vec<String> = plan.dns.iter().map(|d| d.to_string()).collect();
                let _ = writeln!(m, "    dns-nameservers {}", dns.join(" "));
            }
            let _ = write!(
                m,
                "\n# After {iface}, so the primary comes up first.\n{}\n",
                source_line(plan.os)
            );
            Some(m)
        }
    };

    if let Some(main) = &main {
        let (artifact, note) = common::cloud_init_disable(id);
        configure.push(artifact);
        configure_notes.push(note);
        configure.push(Artifact::commands(
            format!("{id}.configure.cloud-init-files"),
            "Move cloud-init's DHCP stanza out of the way (it would configure the interface a second time)",
            Lang::Sh,
            format!(
                "mkdir -p {BACKUP_DIR}\n{}",
                CLOUD_INIT_FILES
                    .iter()
                    .map(|f| format!("if [ -f {f} ]; then mv {f} {BACKUP_DIR}/; fi\n"))
                    .collect::<String>()
            ),
        ));
        configure.push(Artifact::file(
            format!("{id}.configure.file"),
            format!("Replace {INTERFACES}"),
            INTERFACES,
            0o644,
            Lang::Text,
            main,
        ));
        if !plan.dns.is_empty() {
            configure_notes.push(Note::info("dns-nameservers takes effect only with the resolvconf package installed; otherwise put the servers in /etc/resolv.conf."));
        }
    }
    configure.push(Artifact::file(
        format!("{id}.configure.secondary-file"),
        format!("Create {sec_path}"),
        sec_path,
        0o644,
        Lang::Text,
        &sec,
    ));
    configure_notes.push(Note::info(format!(
        "The secondaries get a file of their own instead of an edit of cloud-init's 50-cloud-init, so cloud-init can keep rewriting its file. {INTERFACES} must read it: check that it has the line `{}` (the script checks).",
        source_line(plan.os)
    )));
    if plan.mode == Mode::KeepDhcp {
        configure_notes.push(Note::info(format!(
            "ifup reads the stanzas in file order: cloud-init's 50-cloud-init comes before 60-secondary-ips, so {iface} gets its DHCP address first and it stays the source address. If your {iface} stanza sits in {INTERFACES} below the source line, move that line to the end."
        )));
    }
    configure_notes.push(Note::info(format!(
        "Alternative: under a stanza you own, `up ip addr add IP/{p} dev {iface} label {iface}:N` and `down ip addr del IP/{p} dev {iface} label {iface}:N` lines do the same; the alias stanzas are the guide's form and each can be brought up on its own.",
        p = plan.prefix()
    )));
    if let Some(n) = common::static_dns_note(plan) {
        configure_notes.push(n);
    }

    // Apply.
    let ifups: String = labels.iter().map(|l| format!("ifup {}\n", sh(l))).collect();
    let (apply, apply_notes) = match plan.mode {
        Mode::KeepDhcp => (
            Artifact::commands(format!("{id}.apply.commands"), "Bring up each alias", Lang::Sh, &ifups),
            vec![Note::info(format!(
                "The guide restarts the network (`{}`), which may drop your SSH session; `ifup` per alias adds only the new addresses.",
                plan.os.restart_command()
            ))],
        ),
        Mode::Static => (
            Artifact::commands(
                format!("{id}.apply.commands"),
                "Restart the network",
                Lang::Sh,
                format!("{}\n", static_restart(plan.os)),
            ),
            vec![Note::warning("Restarting the network removes every address for a moment: run it from the VNC console, not only over SSH. A DHCP client started for the old setup may keep running until a reboot; rebooting applies the static primary cleanly.")],
        ),
    };

    // Undo.
    let mut undo = String::new();
    for l in &labels {
        let _ = writeln!(undo, "ifdown {}", sh(l));
    }
    let _ = writeln!(undo, "rm -f {sec_path}");
    let undo_step = common::undo_step(
        plan,
        vec![Artifact::commands(
            format!("{id}.undo.commands"),
            "Remove the secondaries from the OS (before unassigning them in the cloud)",
            Lang::Sh,
            &undo,
        )],
        vec![Note::info("`ifdown` needs the stanza, so it runs before the file is removed.")],
    );

    // Script.
    let mut s = ShScript::new(&summary(plan, method));
    s.comment(&format!("{INTERFACES} must include {sec_path}."));
    if main.is_none() {
        s.raw(&source_check(plan.os));
    }
    if let Some(main) = &main {
        s.write_file(common::CLOUD_INIT_DISABLE_PATH, 0o644, common::CLOUD_INIT_DISABLE_CONTENT);
        s.comment("Move cloud-init's DHCP stanza out of interfaces.d (every file there is read, whatever its name).");
        s.raw(&move_out_script());
        s.write_file(INTERFACES, 0o644, main);
    }
    s.raw(&common::sh_write_file_backup_outside(sec_path, 0o644, &sec));
    match plan.mode {
        Mode::KeepDhcp => {
            s.apply_if_changed(&format!(
                "echo \"{sec_path} changed: bringing up the aliases that are not up\""
            ));
            // Every run brings up an alias whose address is missing (so a run
            // after a failed `ifup` retries); a failure shows in the check below.
            s.comment("Bring up each alias whose address is missing.");
            let p = plan.prefix();
            let i = sh(iface);
            let lines: String = labels
                .iter()
                .zip(&plan.secondaries)
                .map(|(l, ip)| {
                    format!(
                        "ip -4 -o addr show dev {i} | grep -q ' inet {ip}/{p} ' || ifup {q} || echo {msg} >&2\n",
                        q = sh(l),
                        msg = sh(&format!("ifup {l} failed"))
                    )
                })
                .collect();
            s.raw(&lines);
        }
        Mode::Static => {
            let all: Vec<_> = plan.all_addresses().collect();
            s.raw(&common::sh_mark_changed_if_missing(iface, plan.prefix(), &all));
            s.apply_if_changed(static_restart(plan.os));
        }
    }
    let all: Vec<_> = plan.all_addresses().collect();
    s.check_addresses(iface, plan.prefix(), &all);
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

fn render_ng(plan: &Plan) -> Rendering {
    let method = Method::IfupdownNg;
    let id = method.as_str();
    let iface = plan.interface.as_str();
    let i = sh(iface);
    let p = plan.prefix();
    let mut configure = Vec::new();
    let mut configure_notes = Vec::new();

    let mut f = String::from("# Written by the Secondary IP Wizard for ifupdown-ng: ");
    match plan.mode {
        Mode::KeepDhcp => {
            let _ = write!(
                f,
                "{iface} on DHCP plus static secondaries.\nauto lo\niface lo inet loopback\n\nauto {iface}\niface {iface} inet dhcp\n"
            );
        }
        Mode::Static => {
            let _ = write!(
                f,
                "static primary and secondaries on {iface}.\nauto lo\niface lo inet loopback\n\nauto {iface}\niface {iface} inet static\n    address {}/{p}\n",
                plan.primary
            );
        }
    }
    for ip in &plan.secondaries {
        let _ = writeln!(f, "    address {ip}/{p}");
    }
    if plan.mode == Mode::Static {
        let _ = writeln!(f, "    gateway {}", plan.gateway);
    }

    let (artifact, _) = common::cloud_init_disable(id);
    configure.push(artifact);
    configure_notes.push(Note::warning(format!(
        "Where cloud-init manages the network it writes {INTERFACES} itself and rewrites it at boot: the guide's 99-disable-network-config.cfg comes first, or the change is lost on reboot."
    )));
    configure.push(Artifact::file(
        format!("{id}.configure.file"),
        format!("Replace {INTERFACES}"),
        INTERFACES,
        0o644,
        Lang::Text,
        &f,
    ));
    configure_notes.push(Note::info(format!(
        "This replaces the whole {INTERFACES}: if the current file defines other interfaces or options you need, copy those stanzas over."
    )));
    configure_notes.push(Note::info("ifupdown-ng accepts several `address IP/PREFIX` lines in one stanza (and a DHCP stanza with extra static addresses), so no alias stanzas are needed."));
    let resolv = (plan.mode == Mode::Static && !plan.dns.is_empty())
        .then(|| plan.dns.iter().map(|d| format!("nameserver {d}\n")).collect::<String>());
    if let Some(r) = &resolv {
        configure.push(Artifact::file(
            format!("{id}.configure.resolv"),
            "Set the DNS servers (no DHCP client writes them any more)",
            "/etc/resolv.conf",
            0o644,
            Lang::Text,
            r,
        ));
    }
    if let Some(n) = common::static_dns_note(plan) {
        configure_notes.push(n);
    }

    // Apply.
    let adds: String = plan
        .secondaries
        .iter()
        .map(|ip| {
            format!(
                "ip -4 -o addr show dev {i} | grep -q ' inet {ip}/{p} ' || ip addr add {ip}/{p} dev {i}\n"
            )
        })
        .collect();
    let mut apply = Vec::new();
    let apply_notes = match plan.mode {
        Mode::KeepDhcp => {
            apply.push(Artifact::commands(
                format!("{id}.apply.commands"),
                "Add the addresses now (the file keeps them after a reboot)",
                Lang::Sh,
                &adds,
            ));
            apply.push(Artifact::commands(
                format!("{id}.apply.restart"),
                "Or restart the network",
                Lang::Sh,
                format!("{}\n", plan.os.restart_command()),
            ));
            vec![Note::info("`rc-service networking restart` (or `ifdown` + `ifup -a`) takes the interface down for a moment and may drop SSH; adding the addresses with `ip addr add` does not.")]
        }
        Mode::Static => {
            apply.push(Artifact::commands(
                format!("{id}.apply.commands"),
                "Restart the network",
                Lang::Sh,
                format!("{}\n", plan.os.restart_command()),
            ));
            vec![Note::warning("Restarting the network removes every address for a moment: run it from the VNC console, not only over SSH.")]
        }
    };

    // Undo.
    let mut undo = String::from("sed -i");
    for ip in &plan.secondaries {
        let _ = write!(undo, " -e '\\|^[[:space:]]*address {}/{p}$|d'", common::sed_addr(*ip));
    }
    let _ = writeln!(undo, " {INTERFACES}");
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
        vec![],
    );

    // Script.
    let mut s = ShScript::new(&summary(plan, method));
    s.write_file(common::CLOUD_INIT_DISABLE_PATH, 0o644, common::CLOUD_INIT_DISABLE_CONTENT);
    s.write_file(INTERFACES, 0o644, &f);
    if let Some(r) = &resolv {
        s.write_file("/etc/resolv.conf", 0o644, r);
    }
    match plan.mode {
        Mode::KeepDhcp => {
            s.apply_if_changed(&format!(
                "echo \"{INTERFACES} is written: it takes effect at the next boot or {}\"",
                plan.os.restart_command()
            ));
            s.comment("Add any missing address now, without restarting the network.");
            s.raw(&adds);
        }
        Mode::Static => {
            let all: Vec<_> = plan.all_addresses().collect();
            s.raw(&common::sh_mark_changed_if_missing(iface, p, &all));
            s.apply_if_changed(plan.os.restart_command());
        }
    }
    let all: Vec<_> = plan.all_addresses().collect();
    s.check_addresses(iface, p, &all);
    s.rollback_all(undo.lines());

    Rendering::linux(
        plan,
        method,
        [
            Step::new(StepKind::Configure, configure).with_notes(configure_notes),
            Step::new(StepKind::Apply, apply).with_notes(apply_notes),
            common::linux_verify_step(plan, id),
            undo_step,
        ],
        Vec::new(),
        s.finish(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{artifact, plan_with};

    fn plan(os: &str, mode: &str) -> Plan {
        plan_with(|f| (f.os, f.mode) = (os.into(), mode.into()))
    }

    #[test]
    fn keep_mode_writes_alias_stanzas_in_a_file_of_their_own() {
        let r = render(&plan("debian10", "keep"), false);
        let f = artifact(&r, "ifupdown.configure.secondary-file");
        assert_eq!(f.path(), Some("/etc/network/interfaces.d/60-secondary-ips"));
        assert!(f.content.contains(
            "\nauto eth0:0\niface eth0:0 inet static\n    address 192.168.1.202\n    netmask 255.255.255.0\n\nauto eth0:1\n"
        ));
        assert!(!f.content.contains("    gateway"));
        assert!(r.artifacts().all(|a| a.id != "ifupdown.configure.cloud-init"));
        assert_eq!(artifact(&r, "ifupdown.apply.commands").content, "ifup eth0:0\nifup eth0:1\n");
        assert!(r.script.content.contains("grep -Eq"));
        assert_eq!(
            artifact(&r, "ifupdown.undo.commands").content,
            "ifdown eth0:0\nifdown eth0:1\nrm -f /etc/network/interfaces.d/60-secondary-ips\n"
        );
    }

    #[test]
    fn ubuntu_16_uses_a_cfg_name() {
        let r = render(&plan("ubuntu16", "keep"), false);
        let f = artifact(&r, "ifupdown.configure.secondary-file");
        assert_eq!(f.path(), Some("/etc/network/interfaces.d/60-secondary-ips.cfg"));
    }

    #[test]
    fn static_mode_writes_the_primary_with_the_only_gateway() {
        let p = plan_with(|f| {
            (f.os, f.mode, f.dns) = ("debian9".into(), "static".into(), "100.100.2.136".into());
        });
        let r = render(&p, false);
        artifact(&r, "ifupdown.configure.cloud-init");
        let f = artifact(&r, "ifupdown.configure.file");
        assert!(f.content.contains(
            "auto eth0\niface eth0 inet static\n    address 192.168.1.201\n    netmask 255.255.255.0\n    gateway 192.168.1.253\n    dns-nameservers 100.100.2.136\n"
        ));
        assert!(f.content.ends_with("source /etc/network/interfaces.d/*\n"));
        let all: String = r.artifacts().map(|a| a.content.as_str()).collect();
        assert_eq!(all.matches("gateway 192.168.1.253").count(), 2, "file and script only");
        assert_eq!(
            artifact(&r, "ifupdown.apply.commands").content,
            "systemctl restart networking\n"
        );
    }

    #[test]
    fn alpine_puts_every_address_in_one_stanza() {
        let r = render(&plan("alpine", "keep"), true);
        let f = artifact(&r, "ifupdown-ng.configure.file");
        assert!(f.content.contains(
            "iface eth0 inet dhcp\n    address 192.168.1.202/24\n    address 192.168.1.203/24\n"
        ));
        assert!(!f.content.contains("gateway"));
        let r = render(&plan("alpine", "static"), true);
        let f = artifact(&r, "ifupdown-ng.configure.file");
        assert!(f.content.contains(
            "iface eth0 inet static\n    address 192.168.1.201/24\n    address 192.168.1.202/24\n    address 192.168.1.203/24\n    gateway 192.168.1.253\n"
        ));
        assert_eq!(
            artifact(&r, "ifupdown-ng.apply.commands").content,
            "rc-service networking restart\n"
        );
    }
}
