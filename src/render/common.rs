//! Pieces every method shares: the Assign step's console instructions, the
//! Linux Verify step, and the cloud-init step.

use std::fmt::Write as _;

use super::quote::sh;
use super::{Artifact, Lang, Note, Step, StepKind};
use crate::plan::{EniKind, Plan};

/// The Assign step: the guide's console steps with the user's values.
/// (The cloud issue adds the aliyun CLI, API and Terraform artifacts.)
pub fn assign_step(plan: &Plan) -> Step {
    let eni = plan.eni_id.as_deref().unwrap_or("<your ENI id>");
    let mut text = String::new();
    let mut n = 0;
    let mut item = |text: &mut String, line: &str| {
        n += 1;
        let _ = writeln!(text, "{n}. {line}");
    };
    if plan.eni_kind == EniKind::Secondary {
        item(&mut text, &format!("Make sure the secondary ENI {eni} is bound to the instance first (ECS console > Network & Security > Elastic Network Interfaces > Bind to Instance)."));
    }
    item(
        &mut text,
        "Open the ECS console and go to Network & Security > Elastic Network Interfaces.",
    );
    item(&mut text, &format!("Find the ENI {eni} and click Manage ENI IP Addresses (Assign Secondary Private IP Address) in its Actions column."));
    item(
        &mut text,
        "Click Assign New IP and enter each address below (or let the cloud pick them):",
    );
    for ip in &plan.secondaries {
        let _ = writeln!(text, "   - {ip}");
    }
    item(&mut text, "Click OK, and check that the ENI now lists the addresses.");
    Step::new(StepKind::Assign, vec![Artifact::text("assign.console", "In the ECS console", text)])
        .with_notes(vec![Note::info(format!(
            "The addresses must be assigned to the ENI in the cloud before the OS can use them; the primary {} stays as it is.",
            plan.primary
        ))])
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
/// OS-side removal and apply. (Filled in by the cloud issue.)
pub fn cloud_undo_artifacts(plan: &Plan) -> Vec<Artifact> {
    let _ = plan;
    Vec::new()
}
