//! English.

pub mod render;
