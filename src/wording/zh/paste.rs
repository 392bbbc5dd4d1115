//! The paste panel in Chinese: NOT TRANSLATED YET. These delegate to the
//! English table so the page builds; a Chinese table replaces them.

use crate::paste::Issue;
use crate::wording::paste::{PasteMessage, PasteText};

pub fn text(id: PasteText) -> &'static str {
    crate::wording::en::paste::text(id)
}

pub fn message(m: &PasteMessage) -> String {
    crate::wording::en::paste::message(m)
}

pub fn issue(i: &Issue) -> String {
    crate::wording::en::paste::issue(i)
}
