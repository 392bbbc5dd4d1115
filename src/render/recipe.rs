//! A Linux method as data: what the user looks at, writes and runs, how the
//! change is applied, and how it is undone.
//!
//! Each Linux renderer (`netplan.rs`, `nmcli.rs`, …) builds one [`Recipe`]
//! with its own file serializer and nothing else; [`super::linux::render`]
//! turns the same recipe into the Configure, Apply, Verify and Undo steps,
//! the all-in-one script (backups, idempotence, the final check) and the
//! rollback it prints, so the three can never disagree. Prose is typed
//! ([`NoteText`], [`TitleText`]) and worded only when rendered.

use crate::catalog::Method;
use crate::wording::render::{NoteText, TitleText};

use super::{Lang, Note};

/// A note with typed prose.
pub type Tell = Note<NoteText>;

/// A copyable block's name (the last part of its artifact id,
/// `METHOD.STEP.NAME`) and its heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// `file`, `commands`, `cloud-init`, `alias-0`, … (unique within its step).
    pub name: String,
    /// The heading above the block.
    pub title: TitleText,
}

impl Block {
    /// A block named `name` headed `title`.
    pub fn new(name: impl Into<String>, title: TitleText) -> Block {
        Block { name: name.into(), title }
    }
}

/// A file a method writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSpec {
    /// Absolute path on the instance.
    pub path: String,
    /// Its mode (`0o600`, `0o644`).
    pub mode: u32,
    /// Its language (highlighting, download name).
    pub lang: Lang,
    /// Exactly what it holds.
    pub content: String,
    /// Whether root must own it (NetworkManager ignores keyfiles owned by others).
    pub root_owned: bool,
}

impl FileSpec {
    /// A file owned by whoever writes it (root, for the scripts).
    pub fn new(path: impl Into<String>, mode: u32, lang: Lang, content: String) -> FileSpec {
        FileSpec { path: path.into(), mode, lang, content, root_owned: false }
    }
}

/// When the script writes a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Always (unless it already holds exactly this content).
    Always,
    /// Only when the file does not exist yet (the guide's "create it if missing").
    IfMissing,
}

/// A command that the steps show as it is, and the script runs only where
/// its check says the work is not done yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ensured {
    /// The command (what the step shows).
    pub run: String,
    /// A sh condition that holds when the work is already done.
    pub done: String,
    /// What the script prints after running it (plain text).
    pub report: String,
    /// A file the command changes in place: the script backs it up first.
    pub edits: Option<String>,
    /// Whether running `run` again changes nothing and succeeds (`nmcli con
    /// modify` setting a value): the step then shows it alone; otherwise
    /// behind its check (`CHECK || COMMAND`), so the block is safe to paste twice.
    pub idempotent: bool,
}

/// One block of the Configure or the Undo step, with what the script does
/// for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Commands that show the current state; the script does not run them.
    Look {
        /// Name and heading.
        block: Block,
        /// The commands.
        commands: String,
    },
    /// A file to write; the script backs up the old one and writes it only
    /// when its content differs (in the Undo step: the file as it must be
    /// written again).
    Write {
        /// Name and heading.
        block: Block,
        /// The file.
        file: FileSpec,
        /// Always, or only when missing.
        when: When,
        /// A comment the script puts before it.
        comment: Option<String>,
    },
    /// Commands the script runs as written (they are safe to run again).
    Run {
        /// Name and heading.
        block: Block,
        /// The commands.
        commands: String,
    },
    /// Commands the script runs one by one, each only when needed.
    Ensure {
        /// Name and heading.
        block: Block,
        /// The commands with their checks.
        items: Vec<Ensured>,
    },
    /// Files moved out of a directory that reads every file in it; the
    /// script keeps them in the backup directory and can move them back.
    MoveAway {
        /// Name and heading.
        block: Block,
        /// The files.
        paths: Vec<&'static str>,
        /// A comment the script puts before it.
        comment: Option<String>,
    },
}

impl Action {
    /// The block's name and heading.
    pub fn block(&self) -> &Block {
        match self {
            Action::Look { block, .. }
            | Action::Write { block, .. }
            | Action::Run { block, .. }
            | Action::Ensure { block, .. }
            | Action::MoveAway { block, .. } => block,
        }
    }

    /// A file written always.
    pub fn write(block: Block, file: FileSpec) -> Action {
        Action::Write { block, file, when: When::Always, comment: None }
    }
}

/// How the change takes effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApplyRun {
    /// `validate` (when given: a command and the tool's name) then
    /// `commands`, when a file changed or a planned address is missing; a
    /// failed validation restores the files and stops.
    WhenChanged {
        /// Name and heading of the step's block.
        block: Block,
        /// A check of the configuration before applying it.
        validate: Option<(&'static str, &'static str)>,
        /// The commands.
        commands: String,
    },
    /// One command when a file changed, another when only an address is
    /// missing (never both: see networkd).
    Split {
        /// Name and heading of the step's block (which shows `on_files`).
        block: Block,
        /// Comment lines in the script saying why.
        why: &'static str,
        /// When a file changed.
        on_files: String,
        /// When only an address is missing.
        on_addresses: String,
    },
    /// Each command, where its address is not up yet.
    Each {
        /// Name and heading of the step's block.
        block: Block,
        /// The commands with their checks.
        items: Vec<Ensured>,
        /// Whether the step shows each as `CHECK || COMMAND`, safe to paste twice.
        guarded_in_step: bool,
        /// A comment the script puts before them.
        comment: Option<String>,
    },
    /// Nothing to run: the Configure commands took effect already.
    Nothing {
        /// Name and heading of the step's text block.
        block: Block,
        /// What the block says.
        text: NoteText,
    },
}

/// The Apply step: what the script runs (shown first) and alternatives the
/// user may prefer (shown after it, not run by the script).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Apply {
    /// What the script runs.
    pub run: ApplyRun,
    /// Other ways, each a block of commands.
    pub alternatives: Vec<(Block, String)>,
    /// The step's notes.
    pub notes: Vec<Tell>,
}

/// How long the script waits for the change to show (a DHCP lease or a
/// daemon's reconfiguration takes a moment).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wait {
    /// Up to this many seconds.
    pub seconds: u32,
    /// For the default route via the gateway too.
    pub route: bool,
    /// A command run once if the addresses are not all there after 10 s.
    pub retry: Option<String>,
}

/// A check the script makes before changing anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guard {
    /// A comment before it.
    pub comment: Option<String>,
    /// Lines that set what the check reads.
    pub setup: String,
    /// A sh condition that must hold.
    pub holds: String,
    /// What the script prints when it does not (a sh word, quoted).
    pub message: String,
}

/// A place whose addresses the change replaces: what the messages call it
/// (ASCII), and the sh command that prints what it holds now (the
/// addresses are taken from its output).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holding {
    /// "the profile 'System eth0'", "eth0's addresses".
    pub what: String,
    /// The command (quoted by the caller).
    pub list: String,
}

/// A command the script needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Need {
    /// The command (`netplan`).
    pub command: &'static str,
    /// How the message names it (`ip (iproute2)`).
    pub what: &'static str,
}

/// Everything one Linux method does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipe {
    /// The method.
    pub method: Method,
    /// The script's first comment lines (ASCII English).
    pub summary: String,
    /// A command without which the script stops at once.
    pub needs: Option<Need>,
    /// Checks before any change.
    pub preflight: Vec<Guard>,
    /// What the change replaces besides the files it writes (a profile, the
    /// kernel's addresses): the script refuses when one holds an address of
    /// the subnet the form does not list, unless `--replace`.
    pub holdings: Vec<Holding>,
    /// The Configure step's blocks, in order.
    pub configure: Vec<Action>,
    /// The Configure step's notes.
    pub configure_notes: Vec<Tell>,
    /// The Apply step.
    pub apply: Apply,
    /// How long the script waits before its final check.
    pub wait: Option<Wait>,
    /// The Undo step's blocks (OS side), in order.
    pub undo: Vec<Action>,
    /// The Undo step's notes.
    pub undo_notes: Vec<Tell>,
    /// Notes on the whole method.
    pub notes: Vec<Tell>,
    /// In keep mode, the source of traffic leaving the subnet.
    pub lease_source: LeaseSource,
    /// Files the change touches besides those its blocks write, edit or
    /// move (sh words, e.g. a profile's own file found at run time): kept
    /// with them before the first change.
    pub originals: Vec<String>,
    /// How a static conversion of the primary ENI is undone: by putting
    /// back the files kept before the first change.
    pub put_back: PutBack,
    /// An agent adds its own policy routing (nm-cloud-setup): Verify and
    /// the script check its rules, not those of the form's table.
    pub agent_routing: bool,
    /// The method configures the plan's IPv6 addresses (from
    /// [`super::v6`]): the script refuses foreign static IPv6 addresses of
    /// the block, waits for and checks every one, and Verify shows them.
    /// `false`: the method says that it leaves IPv6 alone.
    pub ipv6: bool,
}

/// Undo's commands around putting the files back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PutBack {
    /// Commands run first, while the configuration still names the
    /// secondaries (`ifdown` needs the alias stanzas).
    pub first: String,
    /// What takes the files put back into effect; `None`: the Apply step's
    /// commands.
    pub apply: Option<String>,
    /// In keep mode, where Undo removes the secondaries in place and then
    /// puts the files back byte for byte: what rereads them
    /// (NetworkManager: `nmcli con reload`).
    pub reread: String,
}

/// In keep mode, which address the kernel picks as the source of traffic
/// leaving the subnet (the default route has no `src`: the kernel takes the
/// subnet's first address that is not marked secondary).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeaseSource {
    /// The stack adds the lease before the static secondaries (or marks the
    /// route's source): the primary. Measured for every stack but wicked in
    /// `tests/namespaces.rs` and `tests/readers.rs`.
    Primary,
    /// The stack adds the static secondaries first and the lease after
    /// them, so the first secondary is the subnet's first address (wicked
    /// 0.6.80, measured in `tests/readers.rs`).
    FirstSecondary,
}

impl Recipe {
    /// A recipe for `method` that needs no command, checks nothing first,
    /// waits for nothing and has no blocks or notes yet: a renderer fills in
    /// the rest with struct update syntax (`Recipe { configure, ..Recipe::new(…) }`).
    pub fn new(method: Method, summary: String, apply: Apply) -> Recipe {
        Recipe {
            method,
            summary,
            needs: None,
            preflight: Vec::new(),
            holdings: Vec::new(),
            configure: Vec::new(),
            configure_notes: Vec::new(),
            apply,
            wait: None,
            undo: Vec::new(),
            undo_notes: Vec::new(),
            notes: Vec::new(),
            lease_source: LeaseSource::Primary,
            originals: Vec::new(),
            put_back: PutBack::default(),
            agent_routing: false,
            ipv6: false,
        }
    }
}

/// The block that removes the secondaries from the OS (before they are
/// unassigned in the cloud), one Undo block of commands.
pub fn remove_from_os(commands: String) -> Action {
    Action::Run { block: Block::new("commands", TitleText::RemoveFromOs), commands }
}

/// The file that stops cloud-init from rewriting the network configuration
/// (the guide's `99-disable-network-config.cfg`).
pub const CLOUD_INIT_DISABLE_PATH: &str = "/etc/cloud/cloud.cfg.d/99-disable-network-config.cfg";

/// Its content.
pub const CLOUD_INIT_DISABLE_CONTENT: &str = "network: {config: disabled}\n";

/// The block that writes [`CLOUD_INIT_DISABLE_PATH`].
pub fn cloud_init_off() -> Action {
    Action::write(
        Block::new("cloud-init", TitleText::StopCloudInit),
        FileSpec::new(
            CLOUD_INIT_DISABLE_PATH,
            0o644,
            Lang::Yaml,
            CLOUD_INIT_DISABLE_CONTENT.into(),
        ),
    )
}

/// Why [`cloud_init_off`] comes first.
pub fn cloud_init_note() -> Tell {
    Note::warning(NoteText::CloudInitRewrites)
}

/// In static mode with no DNS server in the plan, a warning that the
/// instance loses the resolvers DHCP gave it.
pub fn static_dns_note(plan: &crate::plan::Plan) -> Option<Tell> {
    (plan.mode == crate::plan::Mode::Static && plan.dns.is_empty())
        .then(|| Note::warning(NoteText::StaticNoDns))
}

/// In keep mode with DNS servers in the plan, a note that they are not
/// written (DHCP still gives them).
pub fn keep_dns_note(plan: &crate::plan::Plan) -> Option<Tell> {
    (plan.mode == crate::plan::Mode::KeepDhcp && !plan.dns.is_empty())
        .then(|| Note::info(NoteText::KeepDnsFromDhcp))
}

/// A line for a script's summary: "keep DHCP" or "static".
pub fn mode_words(mode: crate::plan::Mode) -> &'static str {
    match mode {
        crate::plan::Mode::KeepDhcp => "keep DHCP",
        crate::plan::Mode::Static => "static",
    }
}

/// The secondaries as `a, b, c` (for script summaries).
pub fn address_list(addrs: &[std::net::Ipv4Addr]) -> String {
    addrs.iter().map(|&a| crate::net::dotted(a)).collect::<Vec<_>>().join(", ")
}
