//! Every sentence a person reads, in one place.
//!
//! The core never holds prose: problems carry data ([`crate::plan::ProblemKind`]),
//! notes and titles are typed values, and the UI's labels and hints are
//! [`UiText`] ids. This module turns each of them into words for one
//! [`Locale`]; each language is one module with an exhaustive `match` per
//! kind of text, so a message without a wording fails to compile.
//!
//! What is not here, on purpose: the comments and messages *inside*
//! generated configuration files and scripts. They stay ASCII English in
//! every language (parsers and consoles on minimal images read them).

pub mod en;

use crate::closed::closed_enum;

closed_enum! {
    /// A language the wizard speaks.
    Locale {
        En => "en",
    }
}

pub mod render;

use self::render::{NoteText, TitleText};
use crate::render::StepKind;

/// A rendering's note, worded.
pub fn note(locale: Locale, n: &NoteText) -> String {
    match locale {
        Locale::En => en::render::note(n),
    }
}

/// A block's heading, worded.
pub fn title(locale: Locale, t: &TitleText) -> String {
    match locale {
        Locale::En => en::render::title(t),
    }
}

/// A step's heading, worded.
pub fn step_title(locale: Locale, kind: StepKind) -> String {
    match locale {
        Locale::En => en::render::step_title(kind),
    }
}
