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
//!
//! One function per kind of text, each a `match` on the locale:
//!
//! | kind | function | English |
//! |---|---|---|
//! | a problem of the form | [`problem`] | [`en::problems`] |
//! | a field's name, label, hint | [`field_name`], [`field_label`], [`field_hint`] | [`en::ui`] |
//! | a fixed text of the page | [`ui()`] | [`en::ui`] |
//! | a text of the page with values | [`ui_message`] | [`en::ui`] |
//! | a rendering's note, a block's heading, a step's heading | [`note`], [`title`], [`step_title`] | [`en::render`] |
//! | the paste panel's texts, its messages, the reader's issues | [`paste_text`], [`paste_message`], [`paste_issue`] | [`en::paste`] |
//! | the doctor's panel, its findings | [`doctor_text`], [`doctor_finding`] | [`en::doctor`] |

pub mod doctor;
pub mod en;
pub mod paste;
pub mod render;
pub mod ui;

pub use ui::{Choice, UiMessage, UiText};

use self::doctor::DoctorText;
use self::paste::{PasteMessage, PasteText};
use self::render::{NoteText, TitleText};
use crate::closed::closed_enum;
use crate::doctor::Finding;
use crate::paste::Issue;
use crate::plan::{Field, Problem};
use crate::render::StepKind;

closed_enum! {
    /// A language the wizard speaks.
    Locale {
        En => "en",
    }
}

/// A problem as the page shows it: one full sentence.
///
/// ```
/// use wizard::plan::{validate, Field, Form};
/// use wizard::wording::{problem, Locale};
/// let form = Form { primary: "192.168.1.300".into(), ..Form::guide_example() };
/// let problems = validate(&form).unwrap_err();
/// let p = problems.iter().find(|p| p.field == Field::Primary).unwrap();
/// assert_eq!(
///     problem(Locale::En, p),
///     "'192.168.1.300' is not an IPv4 address: each part must be from 0 to 255."
/// );
/// ```
pub fn problem(locale: Locale, p: &Problem) -> String {
    match locale {
        Locale::En => en::problems::sentence(&p.kind),
    }
}

/// A field's name ("vSwitch CIDR", "Secondary IP 2"), as the summary links it.
pub fn field_name(locale: Locale, field: Field) -> String {
    match locale {
        Locale::En => en::ui::field_name(field),
    }
}

/// A field's label or legend in the form ("vSwitch CIDR or mask").
pub fn field_label(locale: Locale, field: Field) -> String {
    match locale {
        Locale::En => en::ui::field_label(field),
    }
}

/// Where to find a field's real value, shown under its label (if any).
pub fn field_hint(locale: Locale, field: Field) -> Option<&'static str> {
    match locale {
        Locale::En => en::ui::field_hint(field),
    }
}

/// A fixed text of the page.
pub fn ui(locale: Locale, id: UiText) -> &'static str {
    match locale {
        Locale::En => en::ui::text(id),
    }
}

/// A text of the page that holds values.
pub fn ui_message(locale: Locale, message: &UiMessage) -> String {
    match locale {
        Locale::En => en::ui::message(message),
    }
}

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

/// A fixed text of the paste panel.
pub fn paste_text(locale: Locale, id: PasteText) -> &'static str {
    match locale {
        Locale::En => en::paste::text(id),
    }
}

/// A text of the paste panel that holds values.
pub fn paste_message(locale: Locale, m: &PasteMessage) -> String {
    match locale {
        Locale::En => en::paste::message(m),
    }
}

/// An issue of the paste reader, as a sentence.
pub fn paste_issue(locale: Locale, i: &Issue) -> String {
    match locale {
        Locale::En => en::paste::issue(i),
    }
}

/// A fixed text of the doctor's panel.
pub fn doctor_text(locale: Locale, id: DoctorText) -> &'static str {
    match locale {
        Locale::En => en::doctor::text(id),
    }
}

/// A finding of the doctor, as a sentence.
pub fn doctor_finding(locale: Locale, f: &Finding) -> String {
    match locale {
        Locale::En => en::doctor::finding(f),
    }
}
