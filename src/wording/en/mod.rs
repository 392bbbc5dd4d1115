//! English.

pub mod problems;
pub mod render;
pub mod ui;
