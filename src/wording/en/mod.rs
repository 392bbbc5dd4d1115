//! English.

pub mod doctor;
pub mod paste;
pub mod problems;
pub mod render;
pub mod ui;
