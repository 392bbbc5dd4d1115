//! The page's words and element ids. Every text comes from
//! [`crate::wording`] in the page's [`LOCALE`]; components call these
//! short lookups instead of naming the locale each time.

use crate::plan::{Field, Problem};
use crate::wording::{self, Locale, UiMessage, UiText};

/// The language the page speaks.
pub const LOCALE: Locale = Locale::En;

/// A fixed text of the page.
pub fn t(id: UiText) -> &'static str {
    wording::ui(LOCALE, id)
}

/// A text of the page that holds values.
pub fn message(m: &UiMessage) -> String {
    wording::ui_message(LOCALE, m)
}

/// A problem as a sentence.
pub fn problem_sentence(problem: &Problem) -> String {
    wording::problem(LOCALE, problem)
}

/// A field's name ("vSwitch CIDR", "Secondary IP 2").
pub fn field_name(field: Field) -> String {
    wording::field_name(LOCALE, field)
}

/// A field's label or legend in the form ("vSwitch CIDR or mask").
pub fn field_label(field: Field) -> String {
    wording::field_label(LOCALE, field)
}

/// Where to find a field's real value, if the form says.
pub fn field_hint(field: Field) -> Option<&'static str> {
    wording::field_hint(LOCALE, field)
}

/// The DOM id of a field's input (`f-gw`, `f-sec-2`).
pub fn input_id(field: Field) -> String {
    match field {
        Field::Secondary(i) => format!("f-sec-{i}"),
        f => format!("f-{}", f.param()),
    }
}

/// The DOM id of the box holding a field's messages (`m-gw`, `m-sec-2`).
pub fn messages_id(field: Field) -> String {
    match field {
        Field::Secondary(i) => format!("m-sec-{i}"),
        f => format!("m-{}", f.param()),
    }
}

/// The DOM id of a field's hint (`h-gw`).
pub fn hint_id(field: Field) -> String {
    format!("h-{}", field.param())
}
