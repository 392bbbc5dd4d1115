//! The cloud side of the guide: assigning the secondary private IPs to the
//! ENI (step 1: console, `aliyun` CLI, raw API parameters, Terraform) and
//! unassigning them (its last section: `aliyun` CLI, console).
//!
//! Every method's Assign step is [`assign_artifacts`] with [`assign_notes`];
//! every Undo step ends with [`undo_artifacts`], after the OS-side removal.
//! The artifact ids are the same on every OS: `assign.console`,
//! `assign.aliyun`, `assign.api`, `assign.terraform`, `undo.aliyun`,
//! `undo.console`.
//!
//! The region id and the ENI id are optional in the form. When one is
//! missing, the shell commands read it from a variable set at the top to an
//! empty string and expanded as `${VAR:?message}`, so a command pasted
//! unedited stops with that message before calling the API (an interactive
//! shell stays open); the text artifacts show `<region-id>` and `<eni-id>`.

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::quote::sh;
use super::{Artifact, Lang, Note};
use crate::plan::{EniKind, EniState, LimitSource, Plan};

/// What the text artifacts show for a missing region id.
pub const REGION_PLACEHOLDER: &str = "<region-id>";

/// What the text artifacts show for a missing ENI id.
pub const ENI_PLACEHOLDER: &str = "<eni-id>";

/// The shell variable that holds a missing region id.
const REGION_VAR: &str = "REGION";

/// The shell variable that holds a missing ENI id.
const ENI_VAR: &str = "ENI";

/// The Assign step's artifacts, in order: console steps, aliyun CLI, API
/// parameters, Terraform.
///
/// ```
/// use wizard::plan::{validate, Form};
/// let plan = validate(&Form::guide_example()).unwrap();
/// let ids: Vec<_> = wizard::render::cloud::assign_artifacts(&plan).into_iter().map(|a| a.id).collect();
/// assert_eq!(ids, ["assign.console", "assign.aliyun", "assign.api", "assign.terraform"]);
/// ```
pub fn assign_artifacts(plan: &Plan) -> Vec<Artifact> {
    vec![
        Artifact::text("assign.console", "In the ECS console", assign_console(plan)),
        Artifact::commands(
            "assign.aliyun",
            "With the aliyun CLI",
            Lang::Sh,
            aliyun_call(plan, "AssignPrivateIpAddresses", &assign_comment(plan)),
        ),
        Artifact::text(
            "assign.api",
            "API parameters (AssignPrivateIpAddresses)",
            api_parameters(plan, "AssignPrivateIpAddresses"),
        ),
        Artifact::commands("assign.terraform", "With Terraform", Lang::Hcl, terraform(plan)),
    ]
}

/// The Assign step's notes: why the step comes first, the limit that was
/// checked, the Terraform exclusion, and for a secondary ENI the binding.
///
/// ```
/// use wizard::plan::{validate, Form};
/// let plan = validate(&Form::guide_example()).unwrap();
/// let notes = wizard::render::cloud::assign_notes(&plan);
/// assert!(notes.iter().any(|n| n.text.contains("addresses per ENI")));
/// ```
pub fn assign_notes(plan: &Plan) -> Vec<Note> {
    let mut notes = vec![Note::info(format!(
        "The addresses must be assigned to the ENI in the cloud before the OS can use them; the primary {} stays as it is.",
        plan.primary
    ))];
    match (plan.eni_kind, plan.eni_state) {
        (EniKind::Secondary, EniState::Available) => notes.push(Note::warning(format!(
            "This is a secondary ENI in state Available: bind {} to the instance first (the guide's step 2), or the OS has no interface to configure.",
            eni_text(plan)
        ))),
        (EniKind::Secondary, EniState::InUse) => notes.push(Note::info(format!(
            "This is a secondary ENI: {} must be bound to the instance (state InUse, the guide's step 2) before the OS can see it.",
            eni_text(plan)
        ))),
        (EniKind::Primary, _) => {}
    }
    notes.push(Note::info(limit_text(plan)));
    notes.push(Note::info(
        "AssignPrivateIpAddresses takes either PrivateIpAddress.N or SecondaryPrivateIpAddressCount, never both; in Terraform, private_ip_addresses and secondary_private_ip_address_count exclude each other. The commands here name each address, so the OS configuration matches exactly.",
    ));
    if plan.region.is_none() || plan.eni_id.is_none() {
        notes.push(Note::warning(format!(
            "Fill in the {} first: the commands stop with a message while {} empty.",
            missing_ids(plan),
            if plan.region.is_none() && plan.eni_id.is_none() { "they are" } else { "it is" }
        )));
    }
    notes
}

/// The cloud-side Undo artifacts, to run after the OS-side removal and its
/// apply: `undo.aliyun` (`aliyun ecs UnassignPrivateIpAddresses`) and
/// `undo.console`. Both say that the primary IP can't be unassigned and that
/// the OS side comes first.
///
/// ```
/// use wizard::plan::{validate, Form};
/// let plan = validate(&Form::guide_example()).unwrap();
/// let undo = wizard::render::cloud::undo_artifacts(&plan);
/// assert_eq!(undo[0].id, "undo.aliyun");
/// assert!(undo[0].content.contains("UnassignPrivateIpAddresses"));
/// // The primary is named only in the comment, never as an argument.
/// assert!(undo[0].content.lines().filter(|l| l.contains("192.168.1.201")).all(|l| l.starts_with('#')));
/// ```
pub fn undo_artifacts(plan: &Plan) -> Vec<Artifact> {
    let comment = vec![
        "Run this only after the addresses are removed from the OS and the change is applied (the steps above):".to_owned(),
        "an address the OS still uses stops working as soon as it is unassigned.".to_owned(),
        format!(
            "The primary IP {} can't be unassigned; only the secondaries are listed.",
            plan.primary
        ),
    ];
    vec![
        Artifact::commands(
            "undo.aliyun",
            "Unassign in the cloud with the aliyun CLI",
            Lang::Sh,
            aliyun_call(plan, "UnassignPrivateIpAddresses", &comment),
        ),
        Artifact::text("undo.console", "Unassign in the ECS console", undo_console(plan)),
    ]
}

/// The ENI as shown in text: its id or the placeholder.
fn eni_text(plan: &Plan) -> &str {
    plan.eni_id.as_deref().unwrap_or(ENI_PLACEHOLDER)
}

/// The region as shown in text: its id or the placeholder.
fn region_text(plan: &Plan) -> &str {
    plan.region.as_deref().unwrap_or(REGION_PLACEHOLDER)
}

/// "region id", "ENI id" or "region id and ENI id", for what is missing.
fn missing_ids(plan: &Plan) -> &'static str {
    match (plan.region.is_none(), plan.eni_id.is_none()) {
        (true, true) => "region id and the ENI id",
        (true, false) => "region id",
        _ => "ENI id",
    }
}

/// The note on the per-ENI limit that validation checked.
fn limit_text(plan: &Plan) -> String {
    let per_eni = plan.limit.per_eni;
    let from = match &plan.limit.source {
        LimitSource::Available => "an ENI in state Available".to_owned(),
        LimitSource::InstanceType(t) => format!("instance type {t}"),
        LimitSource::Typed => "the number you typed".to_owned(),
        LimitSource::Unknown => "the largest limit of any instance type".to_owned(),
    };
    let used = 1 + plan.secondaries.len();
    let mut text = format!(
        "Checked against {per_eni} private IPv4 addresses per ENI ({from}, the primary included): this plan uses {used}, leaving {} free.",
        (per_eni as usize).saturating_sub(used)
    );
    if plan.eni_state == EniState::Available {
        text.push_str(" An ENI in state Available holds at most 10; once bound, the instance type's limit applies.");
    } else if plan.limit.source == LimitSource::Unknown {
        text.push_str(" No instance type was given: pick it in the form to check its own limit.");
    } else if plan.limit.source == LimitSource::Typed {
        text.push_str(" The live number is EniPrivateIpAddressQuantity in DescribeInstanceTypes.");
    }
    text
}

/// The comment above the assign command.
fn assign_comment(plan: &Plan) -> Vec<String> {
    let mut lines = vec![format!(
        "Assign {} secondary private IP{} to ENI {} (aliyun CLI, set up with: aliyun configure).",
        plan.secondaries.len(),
        if plan.secondaries.len() == 1 { "" } else { "s" },
        eni_text(plan)
    )];
    if plan.eni_kind == EniKind::Secondary {
        lines.push(
            "This secondary ENI must already be bound to the instance (the guide's step 2)."
                .to_owned(),
        );
    }
    lines
}

/// One `aliyun ecs ACTION` call with the region, the ENI and every secondary.
fn aliyun_call(plan: &Plan, action: &str, comment: &[String]) -> String {
    let mut out = String::new();
    for line in comment {
        // A control character would end the comment: values are validated,
        // but a comment stays a comment whatever it holds.
        let line: String = line.chars().map(|c| if c.is_control() { '?' } else { c }).collect();
        let _ = writeln!(out, "# {line}");
    }
    if plan.region.is_none() {
        let _ = writeln!(out, "{REGION_VAR}=''  # fill in: the region id, e.g. cn-hangzhou");
    }
    if plan.eni_id.is_none() {
        let _ = writeln!(out, "{ENI_VAR}=''  # fill in: the ENI id, eni-...");
    }
    let region = match &plan.region {
        Some(r) => sh(r),
        None => {
            format!("\"${{{REGION_VAR}:?fill in {REGION_VAR}: the region id, e.g. cn-hangzhou}}\"")
        }
    };
    let eni = match &plan.eni_id {
        Some(e) => sh(e),
        None => format!("\"${{{ENI_VAR}:?fill in {ENI_VAR}: the ENI id, eni-...}}\""),
    };
    let _ = write!(
        out,
        "aliyun ecs {action} \\\n  --RegionId {region} \\\n  --NetworkInterfaceId {eni}"
    );
    for (n, ip) in plan.secondaries.iter().enumerate() {
        let _ = write!(out, " \\\n  --PrivateIpAddress.{} {}", n + 1, sh(&ip.to_string()));
    }
    out.push('\n');
    out
}

/// The raw API parameters as `key=value` lines.
fn api_parameters(plan: &Plan, action: &str) -> String {
    let mut out = format!(
        "Action={action}\nRegionId={}\nNetworkInterfaceId={}\n",
        region_text(plan),
        eni_text(plan)
    );
    for (n, ip) in plan.secondaries.iter().enumerate() {
        let _ = writeln!(out, "PrivateIpAddress.{}={ip}", n + 1);
    }
    out.push_str(
        "\nVersion 2014-05-26 of the ECS API. Send PrivateIpAddress.N or SecondaryPrivateIpAddressCount, never both.\n",
    );
    out
}

/// A list of addresses as an HCL list of strings.
fn hcl_list(ips: &[Ipv4Addr]) -> String {
    let items: Vec<String> = ips.iter().map(|ip| format!("\"{ip}\"")).collect();
    format!("[{}]", items.join(", "))
}

/// An HCL quoted string: `\` and `"` escaped, `${` and `%{` kept literal.
fn hcl_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The Terraform snippet for the plan's ENI kind.
fn terraform(plan: &Plan) -> String {
    let mut out = String::new();
    out.push_str("# alicloud provider. Merge these arguments into your existing resource:\n");
    out.push_str("# private_ip_addresses and secondary_private_ip_address_count exclude each other; set only the list.\n");
    match &plan.region {
        Some(r) => {
            let _ = writeln!(out, "provider \"alicloud\" {{\n  region = {}\n}}\n", hcl_str(r));
        }
        None => {
            let _ = writeln!(
                out,
                "# Set region = \"{REGION_PLACEHOLDER}\" in your provider \"alicloud\" block.\n"
            );
        }
    }
    match plan.eni_kind {
        EniKind::Primary => {
            out.push_str("# The primary ENI's secondary IPs are an argument of the instance.\n");
            out.push_str("resource \"alicloud_instance\" \"this\" {\n");
            out.push_str("  # ... the instance's other arguments, unchanged\n");
            let _ = writeln!(out, "  private_ip            = \"{}\"", plan.primary);
            let _ = writeln!(out, "  secondary_private_ips = {}", hcl_list(&plan.secondaries));
            out.push_str("}\n");
        }
        EniKind::Secondary => {
            let _ = writeln!(
                out,
                "# A secondary ENI must be bound to the instance first (the guide's step 2):\n\
                 # alicloud_ecs_network_interface_attachment, or Bind to Instance in the console.\n\
                 # To manage an existing ENI: terraform import alicloud_ecs_network_interface.this {}",
                eni_text(plan)
            );
            out.push_str("resource \"alicloud_ecs_network_interface\" \"this\" {\n");
            out.push_str(
                "  # ... the ENI's other arguments (vswitch_id, security_group_ids), unchanged\n",
            );
            let _ = writeln!(out, "  primary_ip_address   = \"{}\"", plan.primary);
            let _ = writeln!(out, "  private_ip_addresses = {}", hcl_list(&plan.secondaries));
            out.push_str("}\n");
        }
    }
    out
}

/// The guide's console steps, with the user's values.
fn assign_console(plan: &Plan) -> String {
    let eni = eni_text(plan);
    let mut steps = Vec::new();
    steps.push(format!(
        "Open the ECS console and select the region {} in the top bar.",
        region_text(plan)
    ));
    if plan.eni_kind == EniKind::Secondary {
        steps.push(format!(
            "Make sure the secondary ENI {eni} is bound to the instance (Network & Security > Elastic Network Interfaces: its status is InUse; if it is Available, choose Bind to Instance in its Actions column)."
        ));
    }
    steps.push("Go to Network & Security > Elastic Network Interfaces.".to_owned());
    steps.push(format!(
        "Find the ENI {eni}{} and choose Assign Secondary Private IP Address in its Actions column.",
        match plan.eni_kind {
            EniKind::Primary => format!(" (the primary ENI, primary IP {})", plan.primary),
            EniKind::Secondary => format!(" (primary IP {})", plan.primary),
        }
    ));
    let mut assign = "Click Assign New IP once per address and enter each of these:".to_owned();
    for ip in &plan.secondaries {
        let _ = write!(assign, "\n   - {ip}");
    }
    steps.push(assign);
    steps.push(format!(
        "Click OK, and check that the ENI now lists {} among its secondary private IPs.",
        if plan.secondaries.len() == 1 { "it" } else { "each of them" }
    ));
    numbered(&steps)
}

/// The guide's console steps for unassigning.
fn undo_console(plan: &Plan) -> String {
    let eni = eni_text(plan);
    let mut remove = "Click Delete (the x) next to each of these and click OK:".to_owned();
    for ip in &plan.secondaries {
        let _ = write!(remove, "\n   - {ip}");
    }
    let steps = vec![
        "First remove the addresses from the OS and apply the change (the steps above).".to_owned(),
        format!(
            "Open the ECS console, select the region {} and go to Network & Security > Elastic Network Interfaces.",
            region_text(plan)
        ),
        format!(
            "Find the ENI {eni} and choose Assign Secondary Private IP Address (or Manage ENI IP Addresses) in its Actions column."
        ),
        remove,
        format!("The primary IP {} can't be unassigned: leave it.", plan.primary),
    ];
    numbered(&steps)
}

/// `1. …` lines.
fn numbered(steps: &[String]) -> String {
    let mut out = String::new();
    for (n, s) in steps.iter().enumerate() {
        let _ = writeln!(out, "{}. {s}", n + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hcl_str_escapes_quotes_and_templates() {
        assert_eq!(hcl_str("cn-hangzhou"), "\"cn-hangzhou\"");
        assert_eq!(hcl_str("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(hcl_str("${x}%{y}"), "\"$${x}%%{y}\"");
        assert_eq!(hcl_str("$x%"), "\"$x%\"");
    }

    #[test]
    fn hcl_list_quotes_each_address() {
        let ips = [Ipv4Addr::new(10, 0, 0, 5), Ipv4Addr::new(10, 0, 0, 6)];
        assert_eq!(hcl_list(&ips), "[\"10.0.0.5\", \"10.0.0.6\"]");
        assert_eq!(hcl_list(&[]), "[]");
    }
}
