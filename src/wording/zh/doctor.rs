//! The doctor's panel in Chinese: NOT TRANSLATED YET. These delegate to
//! the English table so the page builds; a Chinese table replaces them.

use crate::doctor::Finding;
use crate::wording::doctor::DoctorText;

pub fn text(id: DoctorText) -> &'static str {
    crate::wording::en::doctor::text(id)
}

pub fn finding(f: &Finding) -> String {
    crate::wording::en::doctor::finding(f)
}
