//! The one interpreter of Linux [`Recipe`]s: the steps a person follows
//! and the all-in-one script come from the same actions, so they can never
//! disagree.
//!
//! - Configure: each [`Action`] is a block (a file to write, commands to
//!   look with or to run).
//! - Apply: what the script runs, then the alternatives.
//! - Verify: the same for every method: `ip -4 addr`, the default route,
//!   and what they must show.
//! - Undo: the recipe's blocks, then the cloud side's.
//! - The script: the needed command, the checks that come before any change,
//!   every write (backed up, skipped when already right), every command
//!   (each only when its work is not done), the apply step (only when
//!   something changed), the wait, the final check of every planned address
//!   (and of the default route in static mode), and the rollback printed at
//!   the end (the Undo blocks, as written).

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use super::quote::sh;
use super::recipe::{Action, ApplyRun, Block, Ensured, Holding, LeaseSource, Recipe, Tell, When};
use super::script::{self as script_lines, ShScript, BACKUP_DIR, BEFORE_DIR};
use super::{cloud, declare, routing, Artifact, Lang, Note, Rendering, Step, StepKind};
use crate::plan::routing::SourcePolicy;
use crate::plan::{Mode, Plan};
use crate::wording::render::{NoteText, TitleText};
use crate::wording::{self, Locale};

/// Words a typed note.
fn say(locale: Locale, n: &Note<NoteText>) -> Note {
    Note { level: n.level, text: wording::note(locale, &n.text) }
}

fn say_all(locale: Locale, notes: &[Note<NoteText>]) -> Vec<Note> {
    notes.iter().map(|n| say(locale, n)).collect()
}

/// The artifact id `METHOD.STEP.NAME`.
fn id(recipe: &Recipe, step: StepKind, block: &Block) -> String {
    format!("{}.{}.{}", recipe.method.as_str(), step.as_str(), block.name)
}

/// `CHECK || COMMAND` lines, or the commands alone.
fn ensured_lines(items: &[Ensured], guarded: bool) -> String {
    items
        .iter()
        .map(|e| match (guarded && !e.idempotent, e.run.contains('\n')) {
            (false, _) => format!("{}\n", e.run),
            (true, false) if !is_compound(&e.run) => format!("{} || {}\n", check(&e.done), e.run),
            (true, false) => format!("{} || {{ {}; }}\n", check(&e.done), e.run),
            (true, true) => {
                let body: String = e.run.lines().map(|l| format!("  {l}\n")).collect();
                format!("{} || {{\n{body}}}\n", check(&e.done))
            }
        })
        .collect()
}

/// A check before `||`: a list (`a && b`) in braces, so `||` takes all of it.
fn check(done: &str) -> String {
    if done.contains("&&") || done.contains("||") || done.contains(';') {
        format!("{{ {done}; }}")
    } else {
        done.to_owned()
    }
}

/// Whether a command line is a list or a pipeline (`a && b` after `c ||`
/// would run `b` whatever `c` says): it then goes in braces.
fn is_compound(run: &str) -> bool {
    run.contains("&&") || run.contains("||") || run.contains(';') || run.contains('|')
}

/// The commands of a [`Action::MoveAway`] as the step shows them.
fn move_away_lines(paths: &[&str]) -> String {
    let mut out = format!("mkdir -p {BACKUP_DIR}\n");
    for p in paths {
        let _ = writeln!(out, "if [ -f {p} ]; then mv {p} {BACKUP_DIR}/; fi");
    }
    out
}

/// The block of an action, as an artifact of `step`.
fn artifact(recipe: &Recipe, step: StepKind, action: &Action, locale: Locale) -> Artifact {
    let block = action.block();
    let id = id(recipe, step, block);
    let title = wording::title(locale, &block.title);
    match action {
        Action::Write { file, .. } => {
            Artifact::file(id, title, file.path.clone(), file.mode, file.lang, &file.content)
        }
        Action::Look { commands, .. } | Action::Run { commands, .. } => {
            Artifact::commands(id, title, Lang::Sh, commands)
        }
        // Each command behind its check: the block is safe to paste twice
        // (a second `ip rule add` would add the rule twice).
        Action::Ensure { items, .. } => {
            Artifact::commands(id, title, Lang::Sh, ensured_lines(items, true))
        }
        Action::MoveAway { paths, .. } => {
            Artifact::commands(id, title, Lang::Sh, move_away_lines(paths))
        }
    }
}

/// The Apply step's artifacts: what the script runs, then the alternatives.
fn apply_artifacts(recipe: &Recipe, locale: Locale) -> Vec<Artifact> {
    let mk = |block: &Block, commands: String| {
        Artifact::commands(
            id(recipe, StepKind::Apply, block),
            wording::title(locale, &block.title),
            Lang::Sh,
            commands,
        )
    };
    let mut out = vec![match &recipe.apply.run {
        ApplyRun::WhenChanged { block, .. } | ApplyRun::Split { block, .. } => {
            mk(block, apply_commands(recipe))
        }
        ApplyRun::Each { block, items, guarded_in_step, .. } => {
            mk(block, ensured_lines(items, *guarded_in_step))
        }
        ApplyRun::Nothing { block, text } => Artifact::text(
            id(recipe, StepKind::Apply, block),
            wording::title(locale, &block.title),
            wording::note(locale, text),
        ),
    }];
    out.extend(recipe.apply.alternatives.iter().map(|(b, c)| mk(b, c.clone())));
    out
}

/// Every file the change touches, as sh words, each once: the files its
/// Configure blocks write, edit or move, then the recipe's own (a profile's
/// file found at run time); none for an agent's method.
fn originals(recipe: &Recipe) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // An agent's drop-in holds no address, and its Undo is its own.
    if recipe.agent_routing {
        return out;
    }
    for a in &recipe.configure {
        match a {
            Action::Write { file, .. } => out.push(sh(&file.path)),
            Action::Ensure { items, .. } => {
                out.extend(items.iter().filter_map(|e| e.edits.as_deref()).map(sh))
            }
            Action::MoveAway { paths, .. } => out.extend(paths.iter().map(|p| sh(p))),
            Action::Look { .. } | Action::Run { .. } => {}
        }
    }
    out.extend(recipe.originals.iter().cloned());
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|w| seen.insert(w.clone()));
    out
}

/// The Configure step's blocks: the backup of every file the change
/// touches first (before any "Replace FILE"), then the recipe's.
fn configure_actions(recipe: &Recipe) -> Vec<Action> {
    let kept = originals(recipe);
    let backup = (!kept.is_empty()).then(|| Action::Run {
        block: Block::new("backup", TitleText::KeepOriginals),
        commands: script_lines::keep_originals_lines(&kept),
    });
    backup.into_iter().chain(recipe.configure.iter().cloned()).collect()
}

/// Whether Undo puts back the files kept before the first change: a static
/// conversion of the primary ENI (which must return to DHCP exactly as it
/// was), by a method that writes files.
fn puts_back(plan: &Plan, recipe: &Recipe) -> bool {
    plan.mode == Mode::Static && routing::table(plan).is_none() && !originals(recipe).is_empty()
}

/// Whether Undo, in keep mode on the primary ENI, puts the files back after
/// removing the secondaries in place, so that they are exactly as before.
fn puts_back_last(plan: &Plan, recipe: &Recipe) -> bool {
    plan.mode == Mode::KeepDhcp && routing::table(plan).is_none() && !originals(recipe).is_empty()
}

/// The commands that make a configuration take effect: the Apply step's.
fn apply_commands(recipe: &Recipe) -> String {
    match &recipe.apply.run {
        ApplyRun::WhenChanged { validate, commands, .. } => {
            validate.map(|(v, _)| format!("{v}\n")).unwrap_or_default() + commands
        }
        ApplyRun::Split { on_files, .. } => on_files.clone(),
        ApplyRun::Each { items, .. } => ensured_lines(items, true),
        ApplyRun::Nothing { .. } => String::new(),
    }
}

/// The Undo step's blocks (OS side): for a static conversion of the primary
/// ENI, what must run first, the files put back, and the apply with the
/// secondaries removed from the kernel; otherwise the recipe's.
fn undo_actions(plan: &Plan, recipe: &Recipe) -> Vec<Action> {
    if puts_back_last(plan, recipe) {
        // Keep mode: the secondaries go in place, then the files come back
        // byte for byte (cloud-init's switch goes too).
        let mut out = recipe.undo.clone();
        out.push(Action::Run {
            block: Block::new("restore", TitleText::PutBackOriginals),
            commands: script_lines::restore_originals_lines() + &recipe.put_back.reread,
        });
        return out;
    }
    if !puts_back(plan, recipe) {
        return recipe.undo.clone();
    }
    let mut out = Vec::new();
    if !recipe.put_back.first.is_empty() {
        out.push(Action::Run {
            block: Block::new("first", TitleText::BeforePutBack),
            commands: recipe.put_back.first.clone(),
        });
    }
    out.push(Action::Run {
        block: Block::new("restore", TitleText::PutBackOriginals),
        commands: script_lines::restore_originals_lines(),
    });
    let mut apply = recipe.put_back.apply.clone().unwrap_or_else(|| apply_commands(recipe));
    apply.push_str(&super::runtime::del_lines(plan));
    if recipe.ipv6 {
        apply.push_str(&super::v6::del_lines(plan, recipe.method));
    }
    out.push(Action::Run {
        block: Block::new("commands", TitleText::ApplyPutBack),
        commands: apply,
    });
    out
}

/// The Undo step's notes.
fn undo_notes(plan: &Plan, recipe: &Recipe) -> Vec<Tell> {
    if puts_back(plan, recipe) {
        return vec![
            Note::info(NoteText::UndoPutsBack { dir: BEFORE_DIR.into() }),
            super::runtime::del_note(plan),
        ];
    }
    recipe
        .undo_notes
        .iter()
        .cloned()
        .chain(
            puts_back_last(plan, recipe)
                .then(|| Note::info(NoteText::UndoPutsBackKeep { dir: BEFORE_DIR.into() })),
        )
        .chain(
            routing::table(plan)
                .filter(|_| !recipe.agent_routing)
                .map(|t| routing::undo_note(plan, t, recipe.method)),
        )
        .collect()
}

/// The lines `ip -4 addr show dev IF` must show, one per address, each
/// with the prefix it is configured with.
pub fn expected_inet_lines(plan: &Plan, addrs: impl Iterator<Item = Ipv4Addr>) -> Vec<String> {
    addrs.map(|a| format!("inet {}/{}", crate::net::Dotted(a), plan.prefix_of(a))).collect()
}

/// The Configure notes every method's recipe implies: what switching
/// cloud-init's network configuration off costs later, what a static
/// primary loses, and a keep-mode source that is a secondary.
fn shared_configure_notes(plan: &Plan, recipe: &Recipe) -> Vec<Tell> {
    let mut notes = Vec::new();
    let cloud_init_off = recipe.configure.iter().any(|a| {
        matches!(a, Action::Write { file, .. } if file.path == super::recipe::CLOUD_INIT_DISABLE_PATH)
    });
    if cloud_init_off {
        notes.push(Note::info(NoteText::CloudInitLaterEnis));
    }
    // An agent leaves the profile's own method (DHCP) as it is.
    let static_primary = plan.mode == Mode::Static && !recipe.agent_routing;
    if static_primary {
        notes.push(Note::info(NoteText::StaticDropsDhcpExtras {
            interface: plan.interface.clone(),
        }));
    }
    if cloud_init_off || static_primary {
        notes.push(Note::warning(NoteText::CustomImageCarries));
    }
    if secondary_first(plan, recipe) {
        notes.push(Note::warning(NoteText::SourceIsFirstSecondary { primary: plan.primary }));
    }
    notes.extend(super::v6::note(plan, recipe.ipv6, recipe.method));
    if let Some(t) =
        routing::table(plan).filter(|_| !routing::ruled6(plan, recipe.method).is_empty())
    {
        notes.push(Note::info(NoteText::Ipv6EniTable {
            interface: plan.interface.clone(),
            table: t.id(),
        }));
    }
    notes
}

/// Whether new connections leaving the subnet start from a secondary: keep
/// mode on the primary ENI, a stack that adds the secondaries before the
/// lease, and secondaries of the subnet's own prefix.
fn secondary_first(plan: &Plan, recipe: &Recipe) -> bool {
    plan.mode == Mode::KeepDhcp
        && routing::table(plan).is_none()
        && recipe.lease_source == LeaseSource::FirstSecondary
        && plan.source == SourcePolicy::Any
}

/// The Verify step every Linux method shares: `ip -4 addr`, the default
/// route and the source the kernel picks, what they must show, and how to
/// read the order of the addresses; for a secondary ENI, its rules and table.
pub fn verify_step(plan: &Plan, recipe: &Recipe, locale: Locale) -> Step {
    let method_id = recipe.method.as_str();
    let i = sh(plan.interface.as_str());
    // An agent leaves the profile's own method (DHCP) as it is.
    let mode = if recipe.agent_routing { Mode::KeepDhcp } else { plan.mode };
    let mut notes = Vec::new();
    let mut artifacts = Vec::new();
    // An agent's own tables, not the form's (its Verify block below).
    let table = routing::table(plan).filter(|_| !recipe.agent_routing);
    match table {
        None if routing::table(plan).is_some() => {
            artifacts.push(
                Artifact::commands(
                    format!("{method_id}.verify.commands"),
                    wording::title(locale, &TitleText::CheckAddresses),
                    Lang::Sh,
                    format!("ip -4 addr show dev {i}\n"),
                )
                .expecting(expected_inet_lines(plan, plan.all_addresses())),
            );
        }
        None => {
            let commands = format!(
                "ip -4 addr show dev {i}\nip -4 route show default\nip -4 route get {}\n",
                plan.gateway
            );
            let mut expect = expected_inet_lines(plan, plan.all_addresses());
            expect.push(format!("default via {}", plan.gateway));
            // The source of traffic to the subnet is certain in static mode
            // (the primary comes first) and with /32 secondaries.
            let sure = mode == Mode::Static || plan.source == SourcePolicy::Primary;
            if sure {
                expect
                    .push(format!("{} dev {} src {}", plan.gateway, plan.interface, plan.primary));
            }
            artifacts.push(
                Artifact::commands(
                    format!("{method_id}.verify.commands"),
                    wording::title(locale, &TitleText::CheckAddressesAndRoute),
                    Lang::Sh,
                    commands,
                )
                .expecting(expect),
            );
            notes.push(Note::info(match mode {
                Mode::KeepDhcp if secondary_first(plan, recipe) => {
                    NoteText::VerifyOrderKeepSecondaryFirst {
                        prefix: plan.prefix(),
                        primary: plan.primary,
                    }
                }
                Mode::KeepDhcp => {
                    NoteText::VerifyOrderKeep { prefix: plan.prefix(), primary: plan.primary }
                }
                Mode::Static => NoteText::VerifyOrderStatic {
                    prefix: plan.prefix(),
                    primary: plan.primary,
                    gateway: plan.gateway,
                },
            }));
            if !sure {
                notes.push(Note::info(NoteText::VerifySourceMayBeSecondary {
                    gateway: plan.gateway,
                    primary: plan.primary,
                }));
            }
        }
        Some(t) => {
            let commands = format!("ip -4 addr show dev {i}\n");
            artifacts.push(
                Artifact::commands(
                    format!("{method_id}.verify.commands"),
                    wording::title(locale, &TitleText::CheckAddresses),
                    Lang::Sh,
                    commands,
                )
                .expecting(expected_inet_lines(plan, plan.all_addresses())),
            );
            let (commands, mut expect) = routing::verify(plan, t, recipe.method);
            let none = NoteText::ExpectNoMainDefault { interface: plan.interface.clone() };
            expect.push(wording::note(locale, &none));
            artifacts.push(
                Artifact::commands(
                    format!("{method_id}.verify.routing"),
                    wording::title(locale, &TitleText::CheckEniRouting),
                    Lang::Sh,
                    commands,
                )
                .expecting(expect),
            );
            notes.push(Note::info(NoteText::VerifyEniRouting {
                interface: plan.interface.clone(),
                table: t.id(),
            }));
        }
    }
    if recipe.ipv6 && super::v6::adds(plan, recipe.method) {
        artifacts.push(
            Artifact::commands(
                format!("{method_id}.verify.ipv6"),
                wording::title(locale, &TitleText::CheckIpv6Addresses),
                Lang::Sh,
                format!("ip -6 addr show dev {i}\nip -6 route show default\n"),
            )
            .expecting(super::v6::expected_lines(plan, recipe.method)),
        );
        notes.push(Note::info(NoteText::VerifyIpv6 { interface: plan.interface.clone() }));
    }
    if recipe.agent_routing {
        let (commands, expect) = super::nm_cloud_setup::verify_agent(plan);
        artifacts.push(
            Artifact::commands(
                format!("{method_id}.verify.agent"),
                wording::title(locale, &TitleText::CheckCloudSetupRouting),
                Lang::Sh,
                commands,
            )
            .expecting(expect),
        );
        notes.push(Note::info(NoteText::CloudSetupVerify { gateway: plan.gateway }));
    }
    Step::new(StepKind::Verify, artifacts).with_notes(say_all(locale, &notes))
}

/// The rollback lines of the Undo blocks: commands as written; a file to
/// write again as an instruction pointing at the Undo step.
fn rollback_lines(undo: &[Action]) -> Vec<String> {
    let mut out = Vec::new();
    for a in undo {
        match a {
            Action::Write { file, .. } => out.push(format!(
                "write {} again without the secondary addresses (see the Undo step), then:",
                file.path
            )),
            Action::Look { .. } => {}
            Action::Run { commands, .. } => out.extend(commands.lines().map(str::to_owned)),
            // As the step shows them: each behind its check.
            Action::Ensure { items, .. } => {
                out.extend(ensured_lines(items, true).lines().map(str::to_owned))
            }
            Action::MoveAway { paths, .. } => {
                out.extend(move_away_lines(paths).lines().map(str::to_owned))
            }
        }
    }
    out
}

/// What the script replaces: every file it writes whole (but cloud-init's
/// switch and the sysctl drop-in, which hold no address), then the
/// recipe's own holdings.
fn replaced(recipe: &Recipe) -> Vec<Holding> {
    let mut out: Vec<Holding> = recipe
        .configure
        .iter()
        .filter_map(|a| match a {
            Action::Write { file, when: When::Always, .. }
                if file.path != super::recipe::CLOUD_INIT_DISABLE_PATH
                    && !file.path.starts_with("/etc/sysctl.d/") =>
            {
                Some(Holding { what: file.path.clone(), list: format!("cat {}", sh(&file.path)) })
            }
            _ => None,
        })
        .collect();
    out.extend(recipe.holdings.iter().cloned());
    out
}

/// Every planned address as `a/p`, each with the prefix it is configured
/// with, then (when the method configures IPv6) every IPv6 one as `A/64`.
fn inet(plan: &Plan, recipe: &Recipe) -> Vec<String> {
    let mut out: Vec<String> = plan
        .all_addresses()
        .map(|a| format!("{}/{}", crate::net::Dotted(a), plan.prefix_of(a)))
        .collect();
    if recipe.ipv6 {
        out.extend(super::v6::words(plan, recipe.method));
    }
    out
}

/// Whether the script's safety net is on by default: in static mode and
/// wherever it touches routes (a secondary ENI's table), not for an agent
/// (it follows the cloud, not the form). `--no-rollback` turns it off.
fn safety_net(plan: &Plan, recipe: &Recipe) -> bool {
    !recipe.agent_routing && (plan.mode == Mode::Static || routing::table(plan).is_some())
}

/// What the safety net's rollback runs after it has put back the files:
/// what rereads them, then what takes them into effect (Undo's, or the
/// Apply step's); nothing for the runtime method, whose apply adds the
/// addresses (the kernel's state is put back after this in any case).
fn safety_put_back(recipe: &Recipe) -> String {
    let apply = match (&recipe.put_back.apply, &recipe.apply.run) {
        (Some(a), _) => a.clone(),
        (None, ApplyRun::Each { .. }) => String::new(),
        (None, _) => apply_commands(recipe),
    };
    format!("{}{apply}", recipe.put_back.reread)
}

/// A script's summary, and the IPv6 addresses it adds where it adds any
/// (`handles`: the method writes IPv6): a summary counts the IPv4
/// secondaries only ("0 secondary private IP(s)" in an IPv6-only plan).
fn with_ipv6(plan: &Plan, handles: bool, method: crate::catalog::Method, summary: &str) -> String {
    let six: Vec<String> = if handles {
        super::v6::addrs(plan, method).iter().map(|a| a.to_string()).collect()
    } else {
        Vec::new()
    };
    if six.is_empty() {
        return summary.to_string();
    }
    format!(
        "{summary}\nIt also adds {} IPv6 address(es) to {}: {}.",
        six.len(),
        plan.interface,
        six.join(", ")
    )
}

/// The all-in-one script of a recipe.
fn script(plan: &Plan, recipe: &Recipe) -> String {
    let iface = plan.interface.as_str();
    let all = inet(plan, recipe);
    let mut s = ShScript::new(&with_ipv6(plan, recipe.ipv6, recipe.method, &recipe.summary));
    let safety = safety_net(plan, recipe);
    if safety {
        s.detach();
    }
    if let Some(need) = recipe.needs {
        s.need(need.command, need.what);
    }
    for g in &recipe.preflight {
        s.guard(g.comment.as_deref(), &g.setup, &g.holds, &g.message);
    }
    let filter = declare::foreign_filter(plan);
    for h in replaced(recipe) {
        s.refuse_foreign(&h.what, &h.list, &filter);
    }
    if let Some(h) = super::v6::kernel_holding(plan, recipe.method).filter(|_| recipe.ipv6) {
        s.refuse_foreign(&h.what, &h.list, &super::v6::foreign_filter(plan, recipe.method));
    }
    if safety {
        s.arm(iface, &recipe.put_back.first, &safety_put_back(recipe));
    }
    let kept = originals(recipe);
    if !kept.is_empty() {
        s.keep_originals(&kept);
    }
    for action in &recipe.configure {
        match action {
            Action::Look { .. } => {}
            Action::Write { file, when, comment, .. } => {
                if let Some(c) = comment {
                    s.comment(c);
                }
                match when {
                    When::Always => {
                        s.write_file(&file.path, file.mode, &file.content, file.root_owned)
                    }
                    When::IfMissing => {
                        s.write_file_if_missing(&file.path, file.mode, &file.content)
                    }
                }
            }
            Action::Run { commands, .. } => {
                s.blank();
                s.lines(commands);
            }
            Action::Ensure { items, .. } => {
                s.blank();
                for e in items {
                    s.ensure(&e.done, &e.run, &e.report, e.edits.as_deref());
                }
            }
            Action::MoveAway { paths, comment, .. } => {
                if let Some(c) = comment {
                    s.comment(c);
                }
                for p in paths {
                    s.move_away(p);
                }
            }
        }
    }
    match &recipe.apply.run {
        ApplyRun::WhenChanged { validate, commands, .. } => {
            s.mark_changed_if_missing(iface, &all);
            s.apply_if_changed(*validate, commands);
        }
        ApplyRun::Split { why, on_files, on_addresses, .. } => {
            s.remember_files_changed(why);
            s.mark_changed_if_missing(iface, &all);
            s.apply_split(on_files, on_addresses);
        }
        ApplyRun::Each { items, comment, .. } => {
            match comment {
                Some(c) => s.comment(c),
                None => s.blank(),
            }
            for e in items {
                s.ensure(&e.done, &e.run, &e.report, e.edits.as_deref());
            }
        }
        ApplyRun::Nothing { .. } => {}
    }
    if let Some(w) = &recipe.wait {
        // A secondary ENI has no default route in the main table to wait for.
        let gateway = (w.route && routing::table(plan).is_none()).then_some(plan.gateway);
        s.wait(iface, &all, gateway, w.seconds, w.retry.as_deref());
    }
    s.check_addresses(iface, &all);
    match routing::table(plan).filter(|_| !recipe.agent_routing) {
        None if plan.mode == Mode::Static && !recipe.agent_routing => {
            s.check_default_route(plan.gateway)
        }
        None => {}
        Some(t) => s.check_eni_routing(plan, t),
    }
    if safety {
        let primary_eni = routing::table(plan).is_none();
        s.confirm(plan.gateway, primary_eni.then_some(plan.primary));
    }
    if puts_back(plan, recipe) {
        s.rollback_heading(script_lines::ROLLBACK_RESTORE);
    }
    for line in rollback_lines(&undo_actions(plan, recipe)) {
        s.rollback(line);
    }
    s.finish()
}

/// A Linux method's rendering, in `locale`: the cloud side's Assign step,
/// then Configure, Apply, Verify and Undo from the recipe, and its script.
pub fn render(plan: &Plan, recipe: &Recipe, locale: Locale) -> Rendering {
    let method_id = recipe.method.as_str();
    let configure: Vec<Artifact> = configure_actions(recipe)
        .iter()
        .map(|a| artifact(recipe, StepKind::Configure, a, locale))
        .collect();
    let mut undo: Vec<Artifact> = undo_actions(plan, recipe)
        .iter()
        .map(|a| artifact(recipe, StepKind::Undo, a, locale))
        .collect();
    undo.extend(cloud::undo_artifacts(plan, locale));
    let steps =
        vec![
            cloud::assign_step(plan, locale),
            Step::new(StepKind::Configure, configure).with_notes(say_all(
                locale,
                // An agent takes the cloud's list: the form is not what it sets.
                &(!recipe.agent_routing)
                    .then(|| Note::info(NoteText::WholeSet { interface: plan.interface.clone() }))
                    .into_iter()
                    .chain((!originals(recipe).is_empty()).then(|| {
                        Note::info(NoteText::KeepOriginalsOnce { dir: BEFORE_DIR.into() })
                    }))
                    .chain(recipe.configure_notes.iter().cloned())
                    .chain(shared_configure_notes(plan, recipe))
                    .collect::<Vec<_>>(),
            )),
            Step::new(StepKind::Apply, apply_artifacts(recipe, locale))
                .with_notes(say_all(locale, &recipe.apply.notes)),
            verify_step(plan, recipe, locale),
            Step::new(StepKind::Undo, undo).with_notes(say_all(locale, &undo_notes(plan, recipe))),
        ];
    Rendering {
        method: recipe.method,
        steps,
        notes: say_all(
            locale,
            &safety_net(plan, recipe)
                .then(|| {
                    Note::info(NoteText::SafetyNetLinux {
                        window: script_lines::SAFETY_WINDOW,
                        dir: script_lines::SAFETY_DIR.into(),
                    })
                })
                .into_iter()
                .chain(recipe.notes.iter().cloned())
                .collect::<Vec<_>>(),
        ),
        script: Artifact::commands(
            format!("{method_id}.script"),
            wording::title(locale, &TitleText::AllInOneScript),
            Lang::Sh,
            script(plan, recipe),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Method, Os};
    use crate::render::testing::plan_with;

    /// Every Linux method of every OS in `mode`, rendered.
    fn every(mode: &'static str) -> impl Iterator<Item = (Os, Rendering)> {
        Os::ALL.iter().copied().filter(|os| !os.is_windows()).flat_map(move |os| {
            let plan = plan_with(|f| (f.os, f.mode) = (os.as_str().into(), mode.into()));
            os.methods()
                .iter()
                .map(move |&m| (os, super::super::render(&plan, m)))
                .collect::<Vec<_>>()
        })
    }

    // Issue 18 item 1: in static mode and on a secondary ENI, every script
    // detaches, arms its safety net before the first change (before the
    // first state is kept, and every write) and asks only after its checks;
    // keep mode on the primary ENI and the agent have none.
    #[test]
    fn the_safety_net_is_armed_before_the_first_change_and_asks_after_the_checks() {
        let eni = |os: Os| {
            plan_with(|f| {
                (f.os, f.mode, f.eni_kind, f.interface) =
                    (os.as_str().into(), "keep".into(), "secondary".into(), "eth1".into());
            })
        };
        for (mode, armed) in [("keep", false), ("static", true), ("eni", true)] {
            let renderings: Vec<(Os, Rendering)> = if mode == "eni" {
                Os::ALL
                    .iter()
                    .copied()
                    .filter(|os| !os.is_windows())
                    .flat_map(|os| {
                        let p = eni(os);
                        os.methods().iter().map(move |&m| (os, super::super::render(&p, m)))
                    })
                    .collect()
            } else {
                every(mode).collect()
            };
            for (os, r) in renderings {
                let s = &r.script.content;
                let agent = r.method == Method::NmCloudSetup;
                let on = armed && !agent;
                let what = format!("{os} {} {mode}", r.method);
                assert_eq!(s.contains("\nrollback=1\n"), on, "{what}: rollback default");
                assert_eq!(s.contains("Arm the safety net before the first change"), on, "{what}");
                let has_note = r.notes.iter().any(|n| n.text.contains("--no-rollback"));
                assert_eq!(has_note, on, "{what}: the note says how to turn it off");
                if !on {
                    assert!(!s.contains("SIW_RUN="), "{what}: no detaching without the net");
                    continue;
                }
                let at = |needle: &str| {
                    s.find(needle).unwrap_or_else(|| panic!("{what}: no {needle:?} in\n{s}"))
                };
                let detach =
                    at("SIW_RUN={{dir}}".replace("{{dir}}", script_lines::SAFETY_DIR).as_str());
                let arm = at("Arm the safety net before the first change");
                let check = at("# Check that every planned address is present.");
                let confirm = at("# ---- The safety net: check on its own");
                assert!(detach < arm && arm < check && check < confirm, "{what}: order");
                for change in [
                    "\n# Keep every file",
                    "echo \"wrote: $f\"",
                    "echo \"moved: ",
                    // A call (indented); the function is defined before.
                    "  back_up ",
                ] {
                    if let Some(first) = s.find(change) {
                        assert!(arm < first, "{what}: {change:?} comes before the net is armed");
                    }
                }
                assert!(
                    s.rfind("all planned addresses are present").is_some_and(|ok| confirm < ok),
                    "{what}: success is printed only after the change is kept"
                );
            }
        }
    }

    // Issue 14 item 9: a backup command in the copy-paste path before every
    // "Replace FILE" (and every other file the steps write, edit or move).
    #[test]
    fn the_backup_comes_before_every_change() {
        for mode in ["keep", "static"] {
            for (os, r) in every(mode) {
                // nm-cloud-setup's drop-in holds no address; its Undo is its own.
                if r.method == Method::NmCloudSetup {
                    continue;
                }
                let configure = &r.step(StepKind::Configure).expect("a Configure step").artifacts;
                let writes = configure
                    .iter()
                    .any(|a| matches!(a.kind, super::super::ArtifactKind::File { .. }));
                if !writes {
                    continue;
                }
                let first = &configure[0];
                assert!(
                    first.id.ends_with(".configure.backup") && first.content.contains(BEFORE_DIR),
                    "{os} {} {mode}: the first Configure block is {}",
                    r.method,
                    first.id
                );
                for a in configure.iter().filter(|a| a.title.starts_with("Replace ")) {
                    if let super::super::ArtifactKind::File { path, .. } = &a.kind {
                        assert!(
                            first.content.contains(path.as_str()),
                            "{os} {}: {path} is not kept",
                            r.method
                        );
                    }
                }
            }
        }
    }

    // Issue 14 item 9: Undo returns a static conversion to DHCP exactly as
    // before (the booted harness proves it on every Debian-readable stack).
    #[test]
    fn a_static_undo_puts_back_the_files_then_applies() {
        for (os, r) in every("static") {
            if matches!(r.method, Method::Runtime | Method::NmCloudSetup) {
                continue;
            }
            let undo = &r.step(StepKind::Undo).expect("an Undo step").artifacts;
            let own: Vec<&str> = undo
                .iter()
                .map(|a| a.id.as_str())
                .filter(|id| id.starts_with(r.method.as_str()))
                .map(|id| id.rsplit('.').next().unwrap_or(id))
                .collect();
            let want: &[&str] = if r.method == Method::Ifupdown {
                &["first", "restore", "commands"]
            } else {
                &["restore", "commands"]
            };
            assert_eq!(own, want, "{os} {}", r.method);
            assert!(r.script.content.contains(script_lines::ROLLBACK_RESTORE), "{os} {}", r.method);
        }
        // Keep mode removes the secondaries in place, then puts the files back.
        for (os, r) in every("keep") {
            assert!(
                !r.script.content.contains(script_lines::ROLLBACK_RESTORE),
                "{os} {}",
                r.method
            );
            if matches!(r.method, Method::Runtime | Method::NmCloudSetup) {
                continue;
            }
            let undo = &r.step(StepKind::Undo).expect("an Undo step").artifacts;
            let last_own = undo.iter().rfind(|a| a.id.starts_with(r.method.as_str()));
            assert!(
                last_own.is_some_and(|a| a.id.ends_with(".undo.restore")),
                "{os} {}: {:?}",
                r.method,
                last_own.map(|a| &a.id)
            );
        }
    }
}
