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

use super::quote::{hcl, hcl_list, sh};
use super::{Artifact, Lang, Note, Step, StepKind};
use crate::plan::{EniKind, EniState, Plan};
use crate::wording::render::{MissingIds, NoteText as N, TitleText as T};
use crate::wording::{self, Locale};

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
/// let ids: Vec<_> = wizard::render::cloud::assign_artifacts(&plan, wizard::wording::Locale::En)
///     .into_iter().map(|a| a.id).collect();
/// assert_eq!(ids, ["assign.console", "assign.aliyun", "assign.api", "assign.terraform"]);
/// ```
pub fn assign_artifacts(plan: &Plan, locale: Locale) -> Vec<Artifact> {
    let title = |t: T| wording::title(locale, &t);
    vec![
        Artifact::text("assign.console", title(T::InEcsConsole), assign_console(plan, locale)),
        Artifact::commands(
            "assign.aliyun",
            title(T::WithAliyunCli),
            Lang::Sh,
            aliyun_call(plan, "AssignPrivateIpAddresses", &assign_comment(plan)),
        ),
        Artifact::text(
            "assign.api",
            title(T::ApiParameters { action: "AssignPrivateIpAddresses" }),
            api_parameters(plan, "AssignPrivateIpAddresses", locale),
        ),
        Artifact::commands("assign.terraform", title(T::WithTerraform), Lang::Hcl, terraform(plan)),
    ]
}

/// The Assign step's notes: why the step comes first, the limit that was
/// checked, the Terraform exclusion, and for a secondary ENI the binding.
///
/// ```
/// use wizard::plan::{validate, Form};
/// let plan = validate(&Form::guide_example()).unwrap();
/// let notes = wizard::render::cloud::assign_notes(&plan, wizard::wording::Locale::En);
/// assert!(notes.iter().any(|n| n.text.contains("addresses per ENI")));
/// ```
pub fn assign_notes(plan: &Plan, locale: Locale) -> Vec<Note> {
    let say = |level: fn(String) -> Note, n: N| level(wording::note(locale, &n));
    let mut notes = vec![say(Note::info, N::AssignFirst { primary: plan.primary })];
    let eni = eni_text(plan).to_owned();
    match (plan.eni_kind, plan.eni_state) {
        (EniKind::Secondary, EniState::Available) => {
            notes.push(say(Note::warning, N::BindAvailableEni { eni }))
        }
        (EniKind::Secondary, EniState::InUse) => {
            notes.push(say(Note::info, N::BindInUseEni { eni }))
        }
        (EniKind::Primary, _) => {}
    }
    let used = 1 + plan.secondaries.len();
    notes.push(say(
        Note::info,
        N::LimitChecked {
            per_eni: plan.limit.per_eni,
            source: plan.limit.source.clone(),
            used,
            state: plan.eni_state,
        },
    ));
    notes.push(say(Note::info, N::AssignListXorCount));
    notes.push(say(Note::info, N::CloudStatePrerequisite));
    let missing = match (plan.region.is_none(), plan.eni_id.is_none()) {
        (true, true) => Some(MissingIds::Both),
        (true, false) => Some(MissingIds::Region),
        (false, true) => Some(MissingIds::Eni),
        (false, false) => None,
    };
    if let Some(missing) = missing {
        notes.push(say(Note::warning, N::FillInIds { missing }));
    }
    notes
}

/// The Assign step: the guide's console steps with the user's values, the
/// `aliyun` CLI call, the raw API parameters and a Terraform snippet, with
/// the notes that go with them.
pub fn assign_step(plan: &Plan, locale: Locale) -> Step {
    Step::new(StepKind::Assign, assign_artifacts(plan, locale))
        .with_notes(assign_notes(plan, locale))
}

/// The cloud-side Undo artifacts, to run after the OS-side removal and its
/// apply: `undo.aliyun` (`aliyun ecs UnassignPrivateIpAddresses`) and
/// `undo.console`. Both say that the primary IP can't be unassigned and that
/// the OS side comes first.
///
/// ```
/// use wizard::plan::{validate, Form};
/// let plan = validate(&Form::guide_example()).unwrap();
/// let undo = wizard::render::cloud::undo_artifacts(&plan, wizard::wording::Locale::En);
/// assert_eq!(undo[0].id, "undo.aliyun");
/// assert!(undo[0].content.contains("UnassignPrivateIpAddresses"));
/// // The primary is named only in the comment, never as an argument.
/// assert!(undo[0].content.lines().filter(|l| l.contains("192.168.1.201")).all(|l| l.starts_with('#')));
/// ```
pub fn undo_artifacts(plan: &Plan, locale: Locale) -> Vec<Artifact> {
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
            wording::title(locale, &T::UnassignWithAliyun),
            Lang::Sh,
            aliyun_call(plan, "UnassignPrivateIpAddresses", &comment),
        ),
        Artifact::text(
            "undo.console",
            wording::title(locale, &T::UnassignInConsole),
            undo_console(plan, locale),
        ),
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
    out.push_str(&id_declarations(plan));
    out.push_str(&aliyun_command(plan, action));
    out
}

/// The `REGION=''` and `ENI=''` lines for the ids the plan lacks (each with
/// what to fill in), or nothing.
pub(crate) fn id_declarations(plan: &Plan) -> String {
    let mut out = String::new();
    if plan.region.is_none() {
        let _ = writeln!(out, "{REGION_VAR}=''  # fill in: the region id, e.g. cn-hangzhou");
    }
    if plan.eni_id.is_none() {
        let _ = writeln!(out, "{ENI_VAR}=''  # fill in: the ENI id, eni-...");
    }
    out
}

/// The region as one sh word: quoted, or `"${REGION:?…}"` when missing.
pub(crate) fn region_word(plan: &Plan) -> String {
    match &plan.region {
        Some(r) => sh(r),
        None => {
            format!("\"${{{REGION_VAR}:?fill in {REGION_VAR}: the region id, e.g. cn-hangzhou}}\"")
        }
    }
}

/// `aliyun ecs ACTION` with the region, the ENI and every secondary, one
/// parameter a line (the ids missing from the plan read from the variables
/// of [`id_declarations`]).
pub(crate) fn aliyun_command(plan: &Plan, action: &str) -> String {
    let eni = match &plan.eni_id {
        Some(e) => sh(e),
        None => format!("\"${{{ENI_VAR}:?fill in {ENI_VAR}: the ENI id, eni-...}}\""),
    };
    aliyun_command_on(plan, action, &eni)
}

/// [`aliyun_command`] on the ENI `eni`, a sh word (a variable at launch).
pub(crate) fn aliyun_command_on(plan: &Plan, action: &str, eni: &str) -> String {
    let mut out = String::new();
    let region = region_word(plan);
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
fn api_parameters(plan: &Plan, action: &str, locale: Locale) -> String {
    let mut out = format!(
        "Action={action}\nRegionId={}\nNetworkInterfaceId={}\n",
        region_text(plan),
        eni_text(plan)
    );
    for (n, ip) in plan.secondaries.iter().enumerate() {
        let _ = writeln!(out, "PrivateIpAddress.{}={ip}", n + 1);
    }
    let _ = write!(out, "\n{}\n", wording::note(locale, &N::ApiVersion));
    out
}

/// The Terraform snippet for the plan's ENI kind: only the list of
/// secondaries, the one argument to change. It is authoritative (an address
/// missing from it is unassigned), and the other arguments are left alone:
/// `private_ip` of `alicloud_instance` reboots the instance when changed, and
/// `primary_ip_address` of `alicloud_ecs_network_interface` is ForceNew.
fn terraform(plan: &Plan) -> String {
    let (resource, list, what) = match plan.eni_kind {
        EniKind::Primary => ("alicloud_instance", "secondary_private_ips", "the instance"),
        EniKind::Secondary => ("alicloud_ecs_network_interface", "private_ip_addresses", "the ENI"),
    };
    let mut out = String::new();
    out.push_str("# alicloud provider. In your existing resource, set this one argument and change nothing else.\n");
    let _ = writeln!(
        out,
        "# {list} and secondary_private_ip_address_count exclude each other; set only the list."
    );
    out.push_str("# The list is authoritative: it must hold every secondary the ENI should keep\n");
    out.push_str("# (the ones assigned before too); Terraform unassigns any address not in it.\n");
    let _ = writeln!(
        out,
        "# Then run `terraform plan` and check that it shows an in-place update (~) of\n# {resource}.this with only {list} changing, never a replacement (-/+)."
    );
    out.push('\n');
    match &plan.region {
        Some(r) => {
            let _ = writeln!(out, "provider \"alicloud\" {{\n  region = {}\n}}\n", hcl(r));
        }
        None => {
            let _ = writeln!(
                out,
                "# Set region = \"{REGION_PLACEHOLDER}\" in your provider \"alicloud\" block.\n"
            );
        }
    }
    if plan.eni_kind == EniKind::Secondary {
        let _ = writeln!(
            out,
            "# A secondary ENI must be bound to the instance first (the guide's step 2):\n\
             # alicloud_ecs_network_interface_attachment, or Bind to Instance in the console.\n\
             # To manage an existing ENI: terraform import alicloud_ecs_network_interface.this {}",
            eni_text(plan)
        );
    }
    let _ = writeln!(out, "resource \"{resource}\" \"this\" {{");
    let _ = writeln!(out, "  # ... {what}'s other arguments, unchanged");
    let _ = writeln!(out, "  {list} = {}", hcl_list(&plan.secondaries));
    out.push_str("}\n");
    out
}

/// The guide's console steps, with the user's values.
fn assign_console(plan: &Plan, locale: Locale) -> String {
    let eni = eni_text(plan).to_owned();
    let mut steps = vec![N::ConsoleOpenRegion { region: region_text(plan).to_owned() }];
    if plan.eni_kind == EniKind::Secondary {
        steps.push(N::ConsoleCheckBound { eni: eni.clone() });
    }
    steps.push(N::ConsoleGoToEnis);
    steps.push(N::ConsoleFindEni { eni, primary: plan.primary, kind: plan.eni_kind });
    steps.push(N::ConsoleAssignEach { addrs: plan.secondaries.clone() });
    steps.push(N::ConsoleConfirmAssigned { count: plan.secondaries.len() });
    numbered(locale, &steps)
}

/// The guide's console steps for unassigning.
fn undo_console(plan: &Plan, locale: Locale) -> String {
    let steps = [
        N::ConsoleUndoOsFirst,
        N::ConsoleUndoOpen { region: region_text(plan).to_owned() },
        N::ConsoleUndoFind { eni: eni_text(plan).to_owned() },
        N::ConsoleUndoRemove { addrs: plan.secondaries.clone() },
        N::ConsolePrimaryStays { primary: plan.primary },
    ];
    numbered(locale, &steps)
}

/// `1. …` lines, each step worded in `locale`.
fn numbered(locale: Locale, steps: &[N]) -> String {
    let mut out = String::new();
    for (n, s) in steps.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", n + 1, wording::note(locale, s));
    }
    out
}
