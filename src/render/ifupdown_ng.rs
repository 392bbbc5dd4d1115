//! Alpine's ifupdown-ng: the whole `/etc/network/interfaces`, with several
//! `address IP/P` lines in one stanza (ifupdown-ng accepts them, and a DHCP
//! stanza with extra static addresses), so no alias stanzas are needed.

use std::fmt::Write as _;

use super::ifupdown::{summary, INTERFACES};
use super::quote::sed_addr;
use super::recipe::{self, Action, Apply, ApplyRun, Block, FileSpec, Recipe};
use super::{runtime, Lang, Note};
use crate::catalog::Method;
use crate::plan::{Mode, Plan};
use crate::wording::render::{NoteText as N, TitleText as T};

/// The ifupdown-ng recipe for a plan.
pub fn recipe(plan: &Plan) -> Recipe {
    let method = Method::IfupdownNg;
    let iface = plan.interface.as_str();
    let p = plan.prefix();
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
    let mut configure = vec![
        recipe::cloud_init_off(),
        Action::write(
            Block::new("file", T::Replace { path: INTERFACES.into() }),
            FileSpec::new(INTERFACES, 0o644, Lang::Text, f),
        ),
    ];
    let mut configure_notes = vec![
        Note::warning(N::IfupdownNgCloudInit),
        Note::info(N::IfupdownNgReplacesWhole),
        Note::info(N::IfupdownNgSeveralAddresses),
    ];
    if plan.mode == Mode::Static && !plan.dns.is_empty() {
        let resolv: String = plan.dns.iter().map(|d| format!("nameserver {d}\n")).collect();
        configure.push(Action::write(
            Block::new("resolv", T::SetDnsNoDhcp),
            FileSpec::new("/etc/resolv.conf", 0o644, Lang::Text, resolv),
        ));
    }
    configure_notes.extend(recipe::static_dns_note(plan));
    let restart = format!("{}\n", plan.os.restart_command());
    let apply = match plan.mode {
        Mode::KeepDhcp => Apply {
            run: ApplyRun::Each {
                block: Block::new("commands", T::AddAddressesNow),
                items: plan.secondaries.iter().map(|a| runtime::add_address(plan, *a)).collect(),
                guarded_in_step: true,
                comment: Some(
                    "Add any missing address now, without restarting the network.".into(),
                ),
            },
            alternatives: vec![(Block::new("restart", T::OrRestartNetwork), restart)],
            notes: vec![Note::info(N::IfupdownNgNoRestart)],
        },
        Mode::Static => Apply {
            run: ApplyRun::WhenChanged {
                block: Block::new("commands", T::RestartNetwork),
                validate: None,
                commands: restart,
            },
            alternatives: Vec::new(),
            notes: vec![Note::warning(N::RestartFromVnc)],
        },
    };
    let mut undo = String::from("sed -i");
    for ip in &plan.secondaries {
        let _ = write!(undo, " -e '\\|^[[:space:]]*address {}/{p}$|d'", sed_addr(*ip));
    }
    let _ = writeln!(undo, " {INTERFACES}");
    undo.push_str(&runtime::del_lines(plan));
    Recipe {
        configure,
        configure_notes,
        undo: vec![recipe::remove_from_os(undo)],
        ..Recipe::new(method, summary(plan, method), apply)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::render;
    use crate::render::testing::{artifact, plan_for as plan};

    #[test]
    fn alpine_puts_every_address_in_one_stanza() {
        let r = render(&plan("alpine", "keep"), Method::IfupdownNg);
        let f = artifact(&r, "ifupdown-ng.configure.file");
        assert!(f.content.contains(
            "iface eth0 inet dhcp\n    address 192.168.1.202/24\n    address 192.168.1.203/24\n"
        ));
        assert!(!f.content.contains("gateway"));
        let r = render(&plan("alpine", "static"), Method::IfupdownNg);
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
