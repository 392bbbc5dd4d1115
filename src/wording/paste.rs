//! The texts of the "Paste what the instance shows" panel, as ids: its
//! fixed texts ([`PasteText`]), the ones that hold values
//! ([`PasteMessage`]), and the reader's issues
//! ([`crate::paste::Issue`]), worded per language by
//! [`super::paste_text`], [`super::paste_message`] and
//! [`super::paste_issue`]. A language words them in its own `paste`
//! module (`en/paste.rs`; another language adds `xx/paste.rs`).

use crate::closed::closed_enum;
use crate::paste::Origin;
use crate::plan::Field;

closed_enum! {
    /// A fixed text of the paste panel (`ALL` lists every one).
    PasteText {
        /// The panel's heading.
        Title => "title",
        /// What the panel does, beside its heading.
        Summary => "summary",
        /// Which outputs to paste.
        Intro => "intro",
        /// That nothing pasted leaves the page.
        Privacy => "privacy",
        /// The text box's label.
        Label => "label",
        /// Reads the paste.
        Read => "read",
        /// Empties the text box and the values read.
        Clear => "clear",
        /// The heading of the values read.
        ValuesTitle => "values-title",
        /// The heading of the issues.
        IssuesTitle => "issues-title",
        /// Writes the chosen values into the form.
        Apply => "apply",
        /// Puts the form back as it was before Apply.
        Undo => "undo",
        /// Shown when the paste gave no value.
        NoValues => "no-values",
        /// Shown once Undo put every field back.
        Undone => "undone",
        /// The accessible name of a value's "use it" box.
        UseValue => "use-value",
    }
}

/// A text of the paste panel that holds values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasteMessage {
    /// Where a value came from: its tool and lines (the line's text is
    /// shown beside it, as pasted).
    From {
        /// The tool and lines.
        origin: Origin,
    },
    /// What Apply did.
    Applied {
        /// How many fields it changed.
        fields: usize,
    },
    /// Apply changed nothing: the form already held every value.
    AppliedNothing,
    /// Undo left fields alone because they were edited after Apply.
    UndoKept {
        /// Those fields.
        fields: Vec<Field>,
    },
}
