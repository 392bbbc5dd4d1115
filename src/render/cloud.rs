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
//! IPv6: the plan's IPv6 addresses ([`Plan::ipv6_to_add`]) go the same
//! ways, with their own actions: `AssignIpv6Addresses` and
//! `UnassignIpv6Addresses` (RegionId, NetworkInterfaceId, `Ipv6Address.N`
//! with N from 1 to 10, or `Ipv6AddressCount`, never both; the API pages
//! <https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-assignipv6addresses>
//! and <https://www.alibabacloud.com/help/en/ecs/api-unassignipv6addresses>,
//! read 2026-12). Each family's call is made only when the plan has
//! addresses of it: an IPv6-only plan calls no AssignPrivateIpAddresses.
//! In Terraform, `alicloud_ecs_network_interface` takes `ipv6_addresses`
//! (1.193.0+; it and `ipv6_address_count` exclude each other), while
//! `alicloud_instance`'s `ipv6_addresses` is ForceNew (the provider's
//! `website/docs/r/instance.html.markdown` and
//! `ecs_network_interface.html.markdown`, aliyun/terraform-provider-alicloud):
//! for a primary ENI the snippet says to assign the IPv6 addresses with the
//! CLI or the console instead of replacing the instance.
//!
//! The region id and the ENI id are optional in the form. When one is
//! missing, the shell commands read it from a variable set at the top to an
//! empty string and expanded as `${VAR:?message}`, so a command pasted
//! unedited stops with that message before calling the API (an interactive
//! shell stays open); the text artifacts show `<region-id>` and `<eni-id>`.

use std::fmt::Write as _;

use super::quote::{hcl, hcl_list, sh};
use super::{Artifact, Lang, Note, Step, StepKind};
use crate::net::dotted;
use crate::net6::Addr6;
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

/// The IPv4 actions and their list parameter.
const ASSIGN_V4: &str = "AssignPrivateIpAddresses";
const UNASSIGN_V4: &str = "UnassignPrivateIpAddresses";
const LIST_V4: &str = "PrivateIpAddress";

/// The IPv6 actions and their list parameter (see the module's sources).
const ASSIGN_V6: &str = "AssignIpv6Addresses";
const UNASSIGN_V6: &str = "UnassignIpv6Addresses";
const LIST_V6: &str = "Ipv6Address";

/// The actions a plan's assign (or, with `undo`, unassign) calls, in
/// order: the IPv4 one when it has IPv4 secondaries, the IPv6 one when it
/// has IPv6 addresses to add.
///
/// ```
/// use wizard::plan::{validate, Form};
/// let plan = validate(&Form::guide_example()).unwrap();
/// assert_eq!(wizard::render::cloud::actions(&plan, false), ["AssignPrivateIpAddresses"]);
/// assert_eq!(wizard::render::cloud::actions(&plan, true), ["UnassignPrivateIpAddresses"]);
/// ```
pub fn actions(plan: &Plan, undo: bool) -> Vec<&'static str> {
    let mut out = Vec::new();
    if !plan.secondaries.is_empty() {
        out.push(if undo { UNASSIGN_V4 } else { ASSIGN_V4 });
    }
    if !plan.ipv6_to_add().is_empty() {
        out.push(if undo { UNASSIGN_V6 } else { ASSIGN_V6 });
    }
    out
}

/// The list parameter of an action (without `.N`) and the addresses it
/// names, as text.
fn listed_addresses(plan: &Plan, action: &str) -> (&'static str, Vec<String>) {
    if action.contains("Ipv6") {
        (LIST_V6, plan.ipv6_to_add().iter().map(ToString::to_string).collect())
    } else {
        (LIST_V4, plan.secondaries.iter().map(|&a| dotted(a)).collect())
    }
}

/// The title's action text: the actions joined (a static string for each
/// combination the plan can have).
fn api_title_action(plan: &Plan) -> &'static str {
    match actions(plan, false).as_slice() {
        [ASSIGN_V6] => ASSIGN_V6,
        [_, _] => "AssignPrivateIpAddresses, AssignIpv6Addresses",
        _ => ASSIGN_V4,
    }
}

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
            aliyun_call(plan, false, &assign_comment(plan)),
        ),
        Artifact::text(
            "assign.api",
            title(T::ApiParameters { action: api_title_action(plan) }),
            api_parameters(plan, locale),
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
    // The IPv4 limit and the list-or-count rule only where IPv4
    // secondaries are assigned (an IPv6-only plan assigns none; its
    // IPv6 count is checked by the plan's rules).
    if !plan.secondaries.is_empty() {
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
    }
    if let Some(v6) = plan.ipv6.as_ref().filter(|p| !p.secondaries.is_empty()) {
        notes.push(say(Note::warning, N::Ipv6EnableFirst { block: v6.subnet }));
        notes.push(say(Note::info, N::Ipv6ListXorCount { count: v6.secondaries.len() }));
        if plan.eni_kind == EniKind::Primary {
            notes.push(say(Note::info, N::Ipv6TerraformInstanceForceNew));
        }
    }
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
    let mut comment = vec![
        "Run this only after the addresses are removed from the OS and the change is applied (the steps above):".to_owned(),
        "an address the OS still uses stops working as soon as it is unassigned.".to_owned(),
        format!(
            "The primary IP {} can't be unassigned; only the secondaries are listed.",
            plan.primary
        ),
    ];
    if let Some(own) = plan.ipv6.as_ref().and_then(|p| p.primary) {
        comment.push(format!(
            "The ENI's own IPv6 address {own} stays: only the IPv6 addresses this plan added are listed."
        ));
    }
    vec![
        Artifact::commands(
            "undo.aliyun",
            wording::title(locale, &T::UnassignWithAliyun),
            Lang::Sh,
            aliyun_call(plan, true, &comment),
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

/// `1 thing` or `N things`.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The comment above the assign command.
fn assign_comment(plan: &Plan) -> Vec<String> {
    let mut what = Vec::new();
    if !plan.secondaries.is_empty() {
        what.push(counted(plan.secondaries.len(), "secondary private IP", "secondary private IPs"));
    }
    if !plan.ipv6_to_add().is_empty() {
        what.push(counted(plan.ipv6_to_add().len(), "IPv6 address", "IPv6 addresses"));
    }
    let mut lines = vec![format!(
        "Assign {} to ENI {} (aliyun CLI, set up with: aliyun configure).",
        what.join(" and "),
        eni_text(plan)
    )];
    if !plan.ipv6_to_add().is_empty() {
        lines.push(
            "AssignIpv6Addresses needs IPv6 enabled on the VPC and on the vSwitch first (see the notes)."
                .to_owned(),
        );
    }
    if plan.eni_kind == EniKind::Secondary {
        lines.push(
            "This secondary ENI must already be bound to the instance (the guide's step 2)."
                .to_owned(),
        );
    }
    lines
}

/// The assign (or, with `undo`, unassign) calls with their comment: the
/// region, the ENI and every address of each family the plan has.
fn aliyun_call(plan: &Plan, undo: bool, comment: &[String]) -> String {
    let mut out = String::new();
    for line in comment {
        // A control character would end the comment: values are validated,
        // but a comment stays a comment whatever it holds.
        let line: String = line.chars().map(|c| if c.is_control() { '?' } else { c }).collect();
        let _ = writeln!(out, "# {line}");
    }
    out.push_str(&id_declarations(plan));
    out.push_str(&aliyun_commands(plan, undo));
    out
}

/// Every `aliyun ecs` call of the assign (or, with `undo`, the unassign):
/// [`aliyun_command`] for each of [`actions`].
pub(crate) fn aliyun_commands(plan: &Plan, undo: bool) -> String {
    actions(plan, undo).into_iter().map(|a| aliyun_command(plan, a)).collect()
}

/// [`aliyun_commands`] on the ENI `eni`, a sh word (a variable at launch).
pub(crate) fn aliyun_commands_on(plan: &Plan, undo: bool, eni: &str) -> String {
    actions(plan, undo).into_iter().map(|a| aliyun_command_on(plan, a, eni)).collect()
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

/// `aliyun ecs ACTION` with the region, the ENI and every address of the
/// action's family (`PrivateIpAddress.N` or `Ipv6Address.N`), one
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
    let (list, addrs) = listed_addresses(plan, action);
    for (n, ip) in addrs.iter().enumerate() {
        let _ = write!(out, " \\\n  --{list}.{} {}", n + 1, sh(ip));
    }
    out.push('\n');
    out
}

/// The raw API parameters as `key=value` lines, one block per action
/// with its rule below it.
fn api_parameters(plan: &Plan, locale: Locale) -> String {
    let mut blocks = Vec::new();
    for action in actions(plan, false) {
        let mut out = format!(
            "Action={action}\nRegionId={}\nNetworkInterfaceId={}\n",
            region_text(plan),
            eni_text(plan)
        );
        let (list, addrs) = listed_addresses(plan, action);
        for (n, ip) in addrs.iter().enumerate() {
            let _ = writeln!(out, "{list}.{}={ip}", n + 1);
        }
        let rule = if action == ASSIGN_V6 { N::ApiVersion6 } else { N::ApiVersion };
        let _ = write!(out, "\n{}\n", wording::note(locale, &rule));
        blocks.push(out);
    }
    blocks.join("\n")
}

/// The Terraform snippet for the plan's ENI kind: only the address lists,
/// the arguments to change. Each list is authoritative (an address missing
/// from it is unassigned), and the other arguments are left alone:
/// `private_ip` of `alicloud_instance` reboots the instance when changed, and
/// `primary_ip_address` of `alicloud_ecs_network_interface` is ForceNew. The
/// IPv6 list goes only on `alicloud_ecs_network_interface`: on
/// `alicloud_instance`, `ipv6_addresses` is ForceNew, so the snippet says
/// to assign them with the CLI or the console instead.
fn terraform(plan: &Plan) -> String {
    let (resource, list, what) = match plan.eni_kind {
        EniKind::Primary => ("alicloud_instance", "secondary_private_ips", "the instance"),
        EniKind::Secondary => ("alicloud_ecs_network_interface", "private_ip_addresses", "the ENI"),
    };
    let v4 = !plan.secondaries.is_empty();
    // The IPv6 list Terraform should hold: the ENI's own IPv6 address (an
    // authoritative list unassigns what it lacks) and the added ones.
    let v6: Vec<Addr6> = match (&plan.ipv6, plan.eni_kind) {
        (Some(p), EniKind::Secondary) if !p.secondaries.is_empty() => {
            p.primary.into_iter().chain(p.secondaries.iter().copied()).collect()
        }
        _ => Vec::new(),
    };
    let v6_on_instance = plan.eni_kind == EniKind::Primary && !plan.ipv6_to_add().is_empty();
    let mut args: Vec<&str> = Vec::new();
    if v4 {
        args.push(list);
    }
    if !v6.is_empty() {
        args.push("ipv6_addresses");
    }
    let mut out = String::from("# alicloud provider.");
    if v6_on_instance {
        out.push_str(
            " alicloud_instance's ipv6_addresses is ForceNew: setting it replaces the instance.\n\
             # Assign the IPv6 addresses with the aliyun CLI or in the console instead, and keep\n\
             # ipv6_addresses out of this resource.\n",
        );
        if !v4 {
            return out;
        }
        out.push('#');
    }
    let one = args.len() == 1;
    let _ = writeln!(
        out,
        " In your existing resource, set {} and change nothing else.",
        if one { "this one argument" } else { "these arguments" }
    );
    if v4 {
        let _ = writeln!(
            out,
            "# {list} and secondary_private_ip_address_count exclude each other; set only the list."
        );
    }
    if !v6.is_empty() {
        out.push_str("# ipv6_addresses (provider 1.193.0+) and ipv6_address_count exclude each other; set only the list.\n");
    }
    let _ = writeln!(
        out,
        "# {}: {} must hold every {} the ENI should keep",
        if one { "The list is authoritative" } else { "The lists are authoritative" },
        if one { "it" } else { "they" },
        if v6.is_empty() { "secondary" } else { "address" }
    );
    out.push_str("# (the ones assigned before too); Terraform unassigns any address not in it.\n");
    let _ = writeln!(
        out,
        "# Then run `terraform plan` and check that it shows an in-place update (~) of\n# {resource}.this with only {} changing, never a replacement (-/+).",
        args.join(" and ")
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
    // Aligned as `terraform fmt` aligns consecutive arguments.
    let width = args.iter().map(|a| a.len()).max().unwrap_or(0);
    if v4 {
        let _ = writeln!(out, "  {list:<width$} = {}", hcl_list(&plan.secondaries));
    }
    if !v6.is_empty() {
        let _ = writeln!(out, "  {:<width$} = {}", "ipv6_addresses", hcl_list(&v6));
    }
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
    if !plan.secondaries.is_empty() {
        steps.push(N::ConsoleAssignEach { addrs: plan.secondaries.clone() });
    }
    let v6 = plan.ipv6_to_add();
    if v6.is_empty() {
        steps.push(N::ConsoleConfirmAssigned { count: plan.secondaries.len() });
    } else {
        steps.push(N::ConsoleAssignEach6 { addrs: v6.to_vec() });
        steps.push(N::ConsoleConfirmAssigned6 { count: plan.secondaries.len() + v6.len() });
    }
    numbered(locale, &steps)
}

/// The guide's console steps for unassigning.
fn undo_console(plan: &Plan, locale: Locale) -> String {
    let mut steps = vec![
        N::ConsoleUndoOsFirst,
        N::ConsoleUndoOpen { region: region_text(plan).to_owned() },
        N::ConsoleUndoFind { eni: eni_text(plan).to_owned() },
    ];
    // One Confirm for the dialog: the IPv6 section first when both are
    // there, the IPv4 step (which ends with Confirm) last.
    let v6 = plan.ipv6_to_add();
    if !v6.is_empty() {
        let then_confirm = plan.secondaries.is_empty();
        steps.push(N::ConsoleUndoRemove6 { addrs: v6.to_vec(), then_confirm });
    }
    if !plan.secondaries.is_empty() {
        steps.push(N::ConsoleUndoRemove { addrs: plan.secondaries.clone() });
    }
    steps.push(N::ConsolePrimaryStays { primary: plan.primary });
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
