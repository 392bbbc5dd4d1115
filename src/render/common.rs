//! Pieces every method shares: the Assign step's console instructions, the
//! Linux Verify step, and the cloud-init step.

use std::fmt::Write as _;

use super::quote::sh;
use super::{Artifact, Lang, Note, Step, StepKind};
use crate::plan::Plan;

/// The Assign step: the guide's console steps with the user's values, the
/// `aliyun` CLI call, the raw API parameters and a Terraform snippet, with
/// the notes that go with them (see [`super::cloud`]).
pub fn assign_step(plan: &Plan) -> Step {
    Step::new(StepKind::Assign, super::cloud::assign_artifacts(plan))
        .with_notes(super::cloud::assign_notes(plan))
}

/// The lines `ip -4 addr show dev IF` must show, one per address.
pub fn expected_inet_lines(
    plan: &Plan,
    addrs: impl Iterator<Item = std::net::Ipv4Addr>,
) -> Vec<String> {
    addrs.map(|a| format!("inet {a}/{}", plan.prefix())).collect()
}

/// The Linux Verify step: `ip -4 addr`, `ip route`, and what they must show.
pub fn linux_verify_step(plan: &Plan, method_id: &str) -> Step {
    let i = sh(plan.interface.as_str());
    let commands = format!("ip -4 addr show dev {i}\nip -4 route show default\n");
    let expect = expected_inet_lines(plan, plan.all_addresses())
        .into_iter()
        .chain(std::iter::once(format!("default via {}", plan.gateway)))
        .collect();
    Step::new(
        StepKind::Verify,
        vec![Artifact::commands(format!("{method_id}.verify.commands"), "Check the addresses and the default route", Lang::Sh, commands).expecting(expect)],
    )
    .with_notes(vec![Note::info(format!(
        "Each planned address must appear as an inet line with /{}. The order may differ: when the secondaries are added before the DHCP lease arrives, the kernel lists a secondary first; the default route keeps src {} for traffic leaving the subnet.",
        plan.prefix(),
        plan.primary
    ))])
}

/// The cloud-init file that stops cloud-init from rewriting network config.
pub const CLOUD_INIT_DISABLE_PATH: &str = "/etc/cloud/cloud.cfg.d/99-disable-network-config.cfg";

/// Its content.
pub const CLOUD_INIT_DISABLE_CONTENT: &str = "network: {config: disabled}\n";

/// The artifact that disables cloud-init's network configuration, with its reason.
pub fn cloud_init_disable(method_id: &str) -> (Artifact, Note) {
    (
        Artifact::file(
            format!("{method_id}.configure.cloud-init"),
            "Stop cloud-init from rewriting the network configuration",
            CLOUD_INIT_DISABLE_PATH,
            0o644,
            Lang::Yaml,
            CLOUD_INIT_DISABLE_CONTENT,
        ),
        Note::warning("cloud-init rewrites this network configuration at boot; without this file the change is lost on reboot."),
    )
}

/// The cloud-side Undo artifacts (`aliyun ecs UnassignPrivateIpAddresses`,
/// console steps). Every method's Undo step ends with these, after its own
/// OS-side removal and apply (see [`super::cloud::undo_artifacts`]).
pub fn cloud_undo_artifacts(plan: &Plan) -> Vec<Artifact> {
    super::cloud::undo_artifacts(plan)
}

/// The Undo step: the OS-side removal (and its apply) first, then the
/// cloud-side unassignment from [`cloud_undo_artifacts`].
pub fn undo_step(plan: &Plan, os_side: Vec<Artifact>, notes: Vec<Note>) -> Step {
    let mut artifacts = os_side;
    artifacts.extend(cloud_undo_artifacts(plan));
    Step::new(StepKind::Undo, artifacts).with_notes(notes)
}

/// In static mode with no DNS server in the plan, a warning that the
/// instance loses the resolvers DHCP gave it.
pub fn static_dns_note(plan: &Plan) -> Option<Note> {
    (plan.mode == crate::plan::Mode::Static && plan.dns.is_empty()).then(|| {
        Note::warning("No DNS server is given: with a static primary the instance no longer gets one from DHCP. Add the resolvers that `cat /etc/resolv.conf` (Windows: `ipconfig /all`) shows now, e.g. Alibaba's 100.100.2.136 and 100.100.2.138.")
    })
}

/// An alias label `IF:N`, and whether it fits the kernel's 15-character limit.
pub fn alias_label(interface: &str, n: usize) -> (String, bool) {
    let label = format!("{interface}:{n}");
    let fits = label.len() <= 15;
    (label, fits)
}

/// An address as a `sed` basic regular expression (dots escaped).
pub fn sed_addr(addr: std::net::Ipv4Addr) -> String {
    addr.to_string().replace('.', "\\.")
}

/// Shell lines (for a [`super::script::ShScript`]) that set `changed=1`
/// when one of `addrs` is not on `interface`: a configuration written by an
/// earlier run but never applied is then applied by this one.
pub fn sh_mark_changed_if_missing(
    interface: &str,
    prefix: u8,
    addrs: &[std::net::Ipv4Addr],
) -> String {
    let mut out = String::from(
        "\n# Apply also when a planned address is not on the interface yet.\nfor a in",
    );
    for a in addrs {
        let _ = write!(out, " {a}/{prefix}");
    }
    let _ = write!(
        out,
        "; do\n  if ! ip -4 -o addr show dev {} | grep -q \" inet $a \"; then\n    changed=1\n  fi\ndone\n",
        sh(interface)
    );
    out
}

/// Shell lines that wait up to `seconds` for every one of `addrs` to be on
/// `interface` (a DHCP lease or a reconfiguration may take a moment), before
/// the script's final check.
pub fn sh_wait_for_addresses(
    interface: &str,
    prefix: u8,
    addrs: &[std::net::Ipv4Addr],
    seconds: u32,
) -> String {
    sh_wait_for_config(interface, prefix, addrs, None, seconds, None)
}

/// Shell lines that wait up to `seconds` for every address (and, when given,
/// the default route via `gateway`); when `retry` is given, it runs once if
/// they are not all there after 10 s.
pub fn sh_wait_for_config(
    interface: &str,
    prefix: u8,
    addrs: &[std::net::Ipv4Addr],
    gateway: Option<std::net::Ipv4Addr>,
    seconds: u32,
    retry: Option<&str>,
) -> String {
    let what = if gateway.is_some() { "addresses and the default route" } else { "addresses" };
    let mut out = format!(
        "\n# Wait up to {seconds} s for the {what} to come up.\ntries=0\nwhile [ \"$tries\" -lt {seconds} ]; do\n  all=1\n  for a in"
    );
    for a in addrs {
        let _ = write!(out, " {a}/{prefix}");
    }
    let _ = write!(
        out,
        "; do\n    if ! ip -4 -o addr show dev {} | grep -q \" inet $a \"; then\n      all=0\n    fi\n  done\n",
        sh(interface)
    );
    if let Some(gw) = gateway {
        let _ = write!(
            out,
            "  if ! ip -4 route show default | grep -q \"via {gw} \"; then\n    all=0\n  fi\n"
        );
    }
    out.push_str("  if [ \"$all\" -eq 1 ]; then\n    break\n  fi\n");
    if let Some(cmd) = retry {
        let _ = write!(out, "  if [ \"$tries\" -eq 10 ]; then\n    {cmd}\n  fi\n");
    }
    out.push_str("  sleep 1\n  tries=$((tries + 1))\ndone\n");
    out
}

/// Shell lines that fail unless the default route goes via `gateway`.
pub fn sh_check_default_route(gateway: std::net::Ipv4Addr) -> String {
    format!(
        "\n# Check the default route.\nif ! ip -4 route show default | grep -q \"via {gateway} \"; then\n  \
         echo \"missing: default route via {gateway}\" >&2\n  exit 1\nfi\n"
    )
}

/// `ip addr del IP/P dev IF` for every secondary, one per line.
pub fn ip_del_lines(plan: &Plan) -> String {
    let i = sh(plan.interface.as_str());
    let mut out = String::new();
    for a in &plan.secondaries {
        let _ = writeln!(out, "ip addr del {a}/{} dev {i}", plan.prefix());
    }
    out
}

/// The note for an Undo step that deletes addresses with `ip addr del`.
pub fn ip_del_note(plan: &Plan) -> Note {
    Note::info(format!(
        "`ip addr del` answering \"Cannot assign requested address\" means the address is already gone. Deleting the address the kernel lists first on {} also deletes the others unless net.ipv4.conf.{}.promote_secondaries is 1 (systemd's default): check it with `sysctl net.ipv4.conf.{}.promote_secondaries` first.",
        plan.interface, plan.interface, plan.interface
    ))
}

/// Where scripts keep backups (see [`super::script::BACKUP_DIR`]).
pub const BACKUP_DIR: &str = super::script::BACKUP_DIR;

/// The shell lines of [`super::script::ShScript::write_file`], for callers
/// that assemble a script themselves.
pub fn sh_write_file_backup_outside(path: &str, mode: u32, content: &str) -> String {
    super::script::write_file_lines(path, mode, content)
}

/// [`linux_verify_step`] with the address-order note that fits the mode: in
/// static mode the configuration lists the primary first, so `ip -4 addr`
/// shows it first and the others as `secondary`.
pub fn linux_verify_step_by_mode(plan: &Plan, method_id: &str) -> Step {
    let mut step = linux_verify_step(plan, method_id);
    if plan.mode == crate::plan::Mode::Static {
        step.notes = vec![Note::info(format!(
            "Each planned address must appear as an inet line with /{}. The configuration lists the primary {} first, so it comes first and the others are marked secondary; the default route must go via {}.",
            plan.prefix(),
            plan.primary,
            plan.gateway
        ))];
    }
    step
}
