//! English.

pub mod problems;
pub mod ui;
