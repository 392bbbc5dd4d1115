//! "Let nm-cloud-setup do it": NetworkManager's own cloud agent with its
//! Aliyun provider (`NM_CLOUD_SETUP_ALIYUN=yes` in a drop-in of
//! `nm-cloud-setup.service`), enabled with its timer and run once.
//!
//! What NetworkManager 1.42.4's `src/nm-cloud-setup/` does (read in the
//! tarball the readers are built from): each run fetches
//! `/2016-01-01/meta-data/network/interfaces/macs/` from the metadata
//! server (`NM_CLOUD_SETUP_ALIYUN_HOST` overrides `100.100.100.200`, "for
//! testing"), then per MAC `vpc-cidr-block`, `private-ipv4s`,
//! `primary-ip-address`, `netmask` and `gateway`; for every device whose
//! applied connection is an ethernet profile with IPv4 (and no
//! `org.freedesktop.nm-cloud-setup.skip` user data) it takes the profile's
//! own addresses, routes and rules, adds every address of the metadata
//! (the primary first) with the metadata's prefix, a route to the subnet in
//! table 30200+N and a default route via the gateway in table 30400+N (N:
//! the ENI's position in the metadata), a rule per address into each table
//! and a rule 30350 `lookup main suppress_prefixlength 0`, and *reapplies*
//! the device: only the running configuration changes, the profile on disk
//! stays as it was. With one ENI and one address it changes nothing. It has
//! no undo: disabling it leaves the running configuration as it is, until
//! the profile is applied again (`nmcli device reapply`, a re-activation or
//! a reboot).

use std::fmt::Write as _;

use super::quote::sh;
use super::recipe::{Action, Apply, ApplyRun, Block, Ensured, FileSpec, Guard, Need, Recipe, Wait};
use super::{routing, Lang, Note};
use crate::catalog::Method;
use crate::plan::{Mode, Plan};
use crate::wording::render::{NoteText as N, TitleText as T};

/// The drop-in that turns the Aliyun provider on.
pub const DROPIN_PATH: &str = "/etc/systemd/system/nm-cloud-setup.service.d/aliyun.conf";

/// Its content.
pub const DROPIN_CONTENT: &str = "[Service]\nEnvironment=NM_CLOUD_SETUP_ALIYUN=yes\n";

/// Where RHEL's NetworkManager-cloud-setup package installs the program.
pub const PROGRAM: &str = "/usr/libexec/nm-cloud-setup";

/// The package that has it on RHEL 8+, its rebuilds, Alibaba Cloud Linux 3 and Fedora.
pub const PACKAGE: &str = "NetworkManager-cloud-setup";

/// The first NetworkManager with the Aliyun provider (NEWS of 1.32).
pub const SINCE: &str = "1.32";

/// The command that runs it once (a oneshot service: returns when done).
pub const RUN_ONCE: &str = "systemctl start nm-cloud-setup.service";

/// The recipe.
pub fn recipe(plan: &Plan) -> Recipe {
    let i = sh(plan.interface.as_str());
    let mut configure_notes = vec![
        Note::info(N::CloudSetupWhatItDoes { interface: plan.interface.clone() }),
        Note::warning(N::CloudSetupNothingToReview),
        Note::warning(N::CloudSetupEveryEni { interface: plan.interface.clone() }),
        Note::info(N::CloudSetupAvailability),
        // Measured in tests/booted.rs: the lease's lifetime is gone.
        Note::info(N::CloudSetupPrimaryStatic { primary: plan.primary }),
    ];
    if plan.mode == Mode::Static {
        configure_notes.push(Note::info(N::CloudSetupModeIgnored));
    }
    if let Some(t) = routing::table(plan) {
        configure_notes.push(Note::info(N::CloudSetupOwnTables {
            interface: plan.interface.clone(),
            table: t.id(),
        }));
    }
    let look = Action::Look {
        block: Block::new("look", T::CloudSetupLook),
        commands: format!(
            "NetworkManager --version\nls -l {PROGRAM}\nsystemctl cat nm-cloud-setup.service\n"
        ),
    };
    let install = Action::Ensure {
        block: Block::new("package", T::InstallCloudSetup),
        items: vec![Ensured {
            run: format!("dnf install -y {PACKAGE}"),
            done: format!("[ -x {PROGRAM} ]"),
            report: format!("installed {PACKAGE}"),
            edits: None,
            idempotent: false,
        }],
    };
    let dropin = Action::write(
        Block::new("dropin", T::AliyunDropin),
        FileSpec::new(DROPIN_PATH, 0o644, Lang::Ini, DROPIN_CONTENT.to_owned()),
    );
    let enable = Action::Run {
        block: Block::new("commands", T::EnableCloudSetup),
        commands: "systemctl daemon-reload\nsystemctl enable nm-cloud-setup.service nm-cloud-setup.timer\nsystemctl start nm-cloud-setup.timer\n".to_owned(),
    };
    let mut undo = format!(
        "systemctl disable --now nm-cloud-setup.timer nm-cloud-setup.service\nrm -f {DROPIN_PATH}\nsystemctl daemon-reload\n"
    );
    let _ = writeln!(undo, "nmcli device reapply {i}");
    let summary = format!(
        "Lets nm-cloud-setup (Aliyun provider) add the secondary private IPs the cloud assigns to every ENI, {} included, from the metadata server; nothing with an address is written.",
        plan.interface
    );
    Recipe {
        needs: Some(Need { command: "nmcli", what: "nmcli (NetworkManager)" }),
        preflight: vec![Guard {
            comment: Some(format!("The Aliyun provider came with NetworkManager {SINCE}.")),
            setup: "nm_version=$(NetworkManager --version 2>/dev/null || true)".to_owned(),
            holds: format!(
                "[ -n \"$nm_version\" ] && [ \"$(printf '%s\\n' {SINCE} \"${{nm_version%%-*}}\" | sort -V | head -n 1)\" = {SINCE} ]"
            ),
            message: sh(&format!(
                "NetworkManager is older than {SINCE} (or not installed): its nm-cloud-setup has no Aliyun provider; use the nmcli method"
            )),
        }],
        configure: vec![look, install, dropin, enable],
        configure_notes,
        wait: Some(Wait { seconds: 30, route: false, retry: Some(RUN_ONCE.to_owned()) }),
        undo: vec![Action::Run { block: Block::new("commands", T::StopCloudSetup), commands: undo }],
        undo_notes: vec![
            Note::warning(N::CloudSetupNoUndo { interface: plan.interface.clone() }),
            Note::info(N::CloudSetupUnassign),
        ],
        agent_routing: true,
        ..Recipe::new(
            Method::NmCloudSetup,
            summary,
            Apply {
                run: ApplyRun::WhenChanged {
                    block: Block::new("commands", T::RunCloudSetupNow),
                    validate: None,
                    commands: format!("{RUN_ONCE}\n"),
                },
                alternatives: Vec::new(),
                notes: vec![Note::info(N::CloudSetupRuns)],
            },
        )
    }
}

/// The Verify block of the agent's own routing: its rules, every table,
/// its log; and what the rules must show.
pub fn verify_agent(plan: &Plan) -> (String, Vec<String>) {
    let commands =
        "ip -4 rule show\nip -4 route show table all\njournalctl -u nm-cloud-setup --no-pager -n 30\n"
            .to_owned();
    let mut expect: Vec<String> =
        plan.all_addresses().map(|a| format!("from {} lookup 30", crate::net::Dotted(a))).collect();
    expect.push("30350:\tfrom all lookup main suppress_prefixlength 0".to_owned());
    (commands, expect)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::{artifact, plan_for, plan_with};
    use crate::render::{render, StepKind};

    fn content(plan: &Plan, id: &str) -> String {
        artifact(&render(plan, Method::NmCloudSetup), id).content.clone()
    }

    #[test]
    fn configure_installs_turns_on_the_provider_and_enables_the_timer() {
        let p = plan_for("rhel9", "keep");
        assert_eq!(
            content(&p, "nm-cloud-setup.configure.package"),
            "[ -x /usr/libexec/nm-cloud-setup ] || dnf install -y NetworkManager-cloud-setup\n",
            "behind its check: safe to paste twice"
        );
        let r = render(&p, Method::NmCloudSetup);
        let f = artifact(&r, "nm-cloud-setup.configure.dropin");
        assert_eq!(f.path(), Some(DROPIN_PATH));
        assert_eq!(f.content, "[Service]\nEnvironment=NM_CLOUD_SETUP_ALIYUN=yes\n");
        let c = content(&p, "nm-cloud-setup.configure.commands");
        assert!(c.starts_with("systemctl daemon-reload\n"), "{c}");
        assert!(c.contains("systemctl enable nm-cloud-setup.service nm-cloud-setup.timer\n"));
        assert_eq!(
            content(&p, "nm-cloud-setup.apply.commands"),
            "systemctl start nm-cloud-setup.service\n"
        );
    }

    #[test]
    fn nothing_written_holds_an_address() {
        let p = plan_for("alinux3", "static");
        let r = render(&p, Method::NmCloudSetup);
        for a in r.steps.iter().filter(|s| s.kind == StepKind::Configure).flat_map(|s| &s.artifacts)
        {
            for ip in p.all_addresses() {
                assert!(!a.content.contains(&ip.to_string()), "{} holds {ip}", a.id);
            }
        }
    }

    #[test]
    fn undo_disables_removes_the_dropin_and_reapplies_the_profile() {
        let c = content(&plan_for("rhel9", "keep"), "nm-cloud-setup.undo.commands");
        assert_eq!(
            c.lines().take(4).collect::<Vec<_>>(),
            [
                "systemctl disable --now nm-cloud-setup.timer nm-cloud-setup.service",
                "rm -f /etc/systemd/system/nm-cloud-setup.service.d/aliyun.conf",
                "systemctl daemon-reload",
                "nmcli device reapply eth0",
            ]
        );
    }

    #[test]
    fn the_script_checks_the_version_and_runs_it_only_when_needed() {
        let s = content(&plan_for("rhel9", "keep"), "nm-cloud-setup.script");
        assert!(s.contains("sort -V | head -n 1)\" = 1.32 ]"), "{s}");
        assert!(s.contains("if ! [ -x /usr/libexec/nm-cloud-setup ]; then\n  dnf install -y NetworkManager-cloud-setup\n"), "{s}");
        assert!(s.contains("systemctl start nm-cloud-setup.service"));
        assert!(s.contains("nmcli device reapply eth0"), "the rollback");
    }

    #[test]
    fn a_secondary_eni_is_verified_by_the_agents_tables_not_the_forms() {
        let p = plan_with(|f| {
            f.os = "rhel9".into();
            f.eni_kind = "secondary".into();
            f.interface = "eth1".into();
        });
        let r = render(&p, Method::NmCloudSetup);
        assert!(r.artifacts().all(|a| !a.id.ends_with("verify.routing")));
        let v = artifact(&r, "nm-cloud-setup.verify.agent");
        assert!(v.expect.iter().any(|e| e.contains("suppress_prefixlength 0")));
        assert!(!r.script.content.contains("lookup 1001"), "no check of the form's table");
    }
}
