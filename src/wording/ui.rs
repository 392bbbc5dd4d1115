//! The page's own texts, as ids: every label, hint, button, heading and
//! explanation the UI shows ([`UiText`]), the few that hold values
//! ([`UiMessage`]), and the choices of the radio groups ([`Choice`]).
//! Components look their words up with [`super::ui()`] and
//! [`super::ui_message`]; each language words every id in one `match`.

use std::net::Ipv4Addr;

use crate::plan::picture::Mark;
use crate::plan::routing::SourcePolicy;
use crate::plan::{EniKind, EniState, Field, LimitSource, Mode, Style};

/// One option of a radio group: the value it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Choice {
    /// Keep DHCP or everything static.
    Mode(Mode),
    /// The primary or a secondary ENI.
    EniKind(EniKind),
    /// Available or InUse.
    EniState(EniState),
    /// The safe form or the guide's.
    Style(Style),
    /// Which addresses may be the source of new connections.
    Source(SourcePolicy),
}

impl Choice {
    /// The value's stable id (the radio's `value`, the URL's value).
    pub const fn id(self) -> &'static str {
        match self {
            Choice::Mode(v) => v.as_str(),
            Choice::EniKind(v) => v.as_str(),
            Choice::EniState(v) => v.as_str(),
            Choice::Style(v) => v.as_str(),
            Choice::Source(v) => v.as_str(),
        }
    }

    /// The field the choice sets.
    pub const fn field(self) -> Field {
        match self {
            Choice::Mode(_) => Field::Mode,
            Choice::EniKind(_) => Field::EniKind,
            Choice::EniState(_) => Field::EniState,
            Choice::Style(_) => Field::Style,
            Choice::Source(_) => Field::Source,
        }
    }

    /// Every choice of every group.
    pub fn all() -> Vec<Choice> {
        let modes = Mode::ALL.iter().map(|&v| Choice::Mode(v));
        let kinds = EniKind::ALL.iter().map(|&v| Choice::EniKind(v));
        let states = EniState::ALL.iter().map(|&v| Choice::EniState(v));
        let styles = Style::ALL.iter().map(|&v| Choice::Style(v));
        let sources = SourcePolicy::ALL.iter().map(|&v| Choice::Source(v));
        modes.chain(kinds).chain(states).chain(styles).chain(sources).collect()
    }
}

/// A field's words in one language: its name, its label in the form where
/// that says more than the name, and where to find its real value. Each
/// language gives them in one table (`words`); [`super::field_name`] and
/// its siblings read them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldWords {
    /// The field's name ("vSwitch CIDR"); a secondary row's is followed by its number.
    pub name: &'static str,
    /// The label in the form, where it says more than the name.
    pub label: Option<&'static str>,
    /// Where to find the real value.
    pub hint: Option<&'static str>,
}

impl FieldWords {
    /// A field's words.
    pub const fn new(
        name: &'static str,
        label: Option<&'static str>,
        hint: Option<&'static str>,
    ) -> FieldWords {
        FieldWords { name, label, hint }
    }

    /// The field's name: a secondary row's with its number, from 1.
    pub fn name_of(&self, field: Field) -> String {
        match field {
            Field::Secondary(row) => format!("{} {}", self.name, row + 1),
            _ => self.name.to_owned(),
        }
    }

    /// The label, or the name where the form says no more.
    pub fn label_of(&self, field: Field) -> String {
        self.label.map_or_else(|| self.name_of(field), str::to_owned)
    }
}

/// A page of Alibaba Cloud's documentation the wizard links to, in the
/// reader's language ([`super::doc_url`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Doc {
    /// Secondary private IP addresses: assign, configure, unassign.
    SecondaryIps,
    /// Create and use an ENI (binding a secondary ENI).
    Eni,
}

impl Doc {
    /// Every linked page, in the order shown.
    pub const ALL: &'static [Doc] = &[Doc::SecondaryIps, Doc::Eni];
}

/// Declares [`UiText`]'s fixed variants and [`UiText::all`].
macro_rules! ui_texts {
    ($($(#[$doc:meta])* $variant:ident,)+) => {
        /// A fixed text of the page.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum UiText {
            $($(#[$doc])* $variant,)+
            /// A radio option's label.
            ChoiceLabel(Choice),
            /// The one-line explanation under a radio option.
            ChoiceHelp(Choice),
            /// A mark of the subnet picture, in its legend and tooltips.
            Mark(Mark),
            /// A documentation link's text.
            Doc(Doc),
        }

        impl UiText {
            /// Every text of the page.
            pub fn all() -> Vec<UiText> {
                let mut all = vec![$(UiText::$variant),+];
                for c in Choice::all() {
                    all.extend([UiText::ChoiceLabel(c), UiText::ChoiceHelp(c)]);
                }
                all.extend(Mark::LEGEND.iter().map(|&m| UiText::Mark(m)));
                all.extend(Doc::ALL.iter().map(|&d| UiText::Doc(d)));
                all
            }
        }
    };
}

ui_texts! {
    // The page.
    /// The document's title (the browser tab).
    DocumentTitle,
    /// The page's heading.
    SiteTitle,
    /// The line under the heading.
    Tagline,
    /// The footer.
    Footer,
    /// The accessible name of the language switch.
    Language,
    /// Before the documentation links.
    DocsTitle,
    /// The form's accessible name.
    FormName,
    /// The toolbar: copy the page's link.
    CopyLink,
    /// The same button, once copied.
    LinkCopied,
    /// The toolbar: load the guide's example.
    LoadExample,
    /// The toolbar: start from an empty form.
    Reset,
    /// Shown while the form is the guide's example.
    ExampleNote,
    /// Section heading.
    SectionSystem,
    /// Section heading.
    SectionAddresses,
    /// Section heading.
    SectionEni,
    /// The collapsed section of the IPv6 fields.
    SectionIpv6,
    /// What the IPv6 section holds.
    Ipv6Summary,
    /// The collapsed section of the less common fields.
    SectionAdvanced,
    /// What "Advanced" holds.
    AdvancedSummary,
    /// The subnet picture's heading.
    PictureTitle,
    /// The IPv6 picture's heading.
    Picture6Title,
    /// An IPv6 address that is the ENI's own.
    Own6,
    /// An IPv6 address to add.
    Add6,
    /// An IPv6 address the cloud reserves or outside the block.
    NotUsable6,

    // "Start from the instance".
    /// The panel's heading.
    PrefillTitle,
    /// What the panel does, beside its heading.
    PrefillSummary,
    /// The panel's explanation.
    PrefillIntro,
    /// The Linux one-liner's title.
    PrefillLinuxTitle,
    /// The PowerShell one-liner's title.
    PrefillWindowsTitle,
    /// The hint under the Linux one-liner, before its example command.
    PrefillLinuxHintStart,
    /// The same hint, after the example command.
    PrefillLinuxHintEnd,
    /// The hint under the PowerShell one-liner, before `$Mac`.
    PrefillWindowsHintStart,
    /// The same hint, after `$Mac`.
    PrefillWindowsHintEnd,

    // The secondary rows.
    /// Adds an empty row.
    AddAddress,
    /// The collapsed tools under the rows.
    SecondaryTools,
    /// The paste box's label.
    PasteLabel,
    /// The paste box's hint.
    PasteHint,
    /// Adds the pasted addresses.
    AddPasted,
    /// The label of "how many free addresses".
    FillLabel,
    /// Adds that many free addresses.
    FillFree,
    /// A row's remove button (its tooltip).
    Remove,

    // The instance-type search.
    /// The accessible name of the list of matching types.
    MatchingTypes,

    // The subnet picture.
    /// Shown while the subnet is unknown.
    PictureEmpty,
    /// The legend's accessible name.
    Legend,
    /// Fact: the network.
    FactNetwork,
    /// Fact: the broadcast address.
    FactBroadcast,
    /// Fact: the mask.
    FactMask,
    /// Fact: the wildcard.
    FactWildcard,
    /// Fact: the usable range.
    FactUsableRange,
    /// Fact: how many addresses are usable.
    FactUsableCount,
    /// Fact: how many are still free.
    FactFree,
    /// Fact: the usual gateway.
    FactGateway,
    /// The usable range of a subnet too small to have one.
    UsableNone,

    // The output side (src/ui/outputs.rs).
    /// The heading of the warnings in the summary.
    SummaryWarnings,
    /// The heading of a link's unknown parameters.
    SummaryUnknown,
    /// The outputs' (hidden) heading.
    OutputsTitle,
    /// Shown instead of the outputs while the form has errors.
    OutputsEmpty,
    /// The accessible name of the method tabs.
    MethodTabs,
    /// The badge on the preferred method's tab.
    Recommended,
    /// Downloads the method's script.
    DownloadScript,
    /// Copies the method's whole runbook as Markdown.
    CopyMarkdown,
    /// The same button, once copied.
    MarkdownCopied,
    /// The runbook (Markdown): before a warning note.
    MdWarning,
    /// The runbook (Markdown): before the link to the form.
    MdLink,
    /// The script's step title.
    ScriptTitle,
    /// What the script does.
    ScriptNote,
    /// The Cloud Assistant step's title.
    AssistantTitle,
    /// The at-launch step's title.
    LaunchTitle,
    /// Beside the Cloud Assistant step's title, while it is closed: what
    /// opening it shows (its blocks are built only then).
    AssistantSummary,
    /// Beside the at-launch step's title, as [`UiText::AssistantSummary`].
    LaunchSummary,
    /// "Type [the region ID] and [the ENI ID] (under Advanced), or [start
    /// from the instance]: its metadata has both.", in pieces around the links.
    MissingIdsStart,
    /// Between the two links.
    MissingIdsAnd,
    /// After the field links.
    MissingIdsUnder,
    /// The link to the pre-fill panel.
    MissingIdsPrefill,
    /// The end.
    MissingIdsEnd,
    /// The link to the region field.
    MissingRegion,
    /// The link to the ENI id field.
    MissingEniId,
    /// Copies an artifact.
    Copy,
    /// The Copy button's accessible name once copied.
    Copied,
    /// The Copy button once copied.
    CopiedMark,
    /// The Copy button when copying failed.
    CopyFailed,
    /// Downloads an artifact.
    Download,
    /// Before an artifact's expected output.
    ExpectIntro,
}

/// A text of the page that holds values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UiMessage {
    /// The per-ENI limit in force and how many addresses fit under it.
    Limit {
        /// Addresses per ENI, the primary included.
        per_eni: u32,
        /// Where the limit comes from.
        source: LimitSource,
        /// Addresses the form holds (the primary included).
        used: usize,
        /// How many more fit (negative: how many too many).
        remaining: i64,
    },
    /// An instance type's limit in the search list.
    TypeLimit {
        /// Addresses per ENI.
        per_eni: u16,
    },
    /// A secondary row's remove button (its accessible name).
    RemoveRow {
        /// The row, from 0.
        row: usize,
    },
    /// The addresses the picture cannot draw.
    Outside {
        /// The addresses, as typed.
        addresses: Vec<String>,
    },
    /// The picture's accessible description.
    RangeMap {
        /// Addresses in the range.
        size: u64,
        /// Addresses marked.
        marked: usize,
    },
    /// The tooltip of one address of the picture.
    MarkTitle {
        /// The address.
        addr: Ipv4Addr,
        /// What it is.
        mark: Mark,
    },
    /// A range of addresses (the usable range).
    Range {
        /// The first address.
        first: Ipv4Addr,
        /// The last address.
        last: Ipv4Addr,
    },
    /// The IPv6 block's line: the block and how many addresses an ENI may use.
    Block6 {
        /// The vSwitch's IPv6 block.
        block: crate::net6::Subnet6,
        /// Addresses an ENI may use.
        usable: u128,
    },
    /// Where an IPv6 address sits in its block.
    Place6 {
        /// Its place.
        place: crate::net6::Place,
    },
    /// The summary's heading when the form has errors.
    ProblemCount {
        /// How many errors.
        count: usize,
    },
    /// A link parameter the page does not know.
    UnknownParameter {
        /// Its name.
        name: String,
    },
    /// A file's mode.
    FileMode {
        /// The mode bits.
        mode: u32,
    },
    /// The runbook's heading (Markdown).
    RunbookTitle {
        /// The operating system, as the picker names it.
        os: String,
        /// The method, as its tab names it.
        method: String,
    },
    /// The runbook's line about a file: its path and mode (Markdown).
    FileAt {
        /// The absolute path.
        path: String,
        /// The mode bits.
        mode: u32,
    },
}
