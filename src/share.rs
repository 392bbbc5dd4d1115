//! URL query ⇄ form, pure so it is tested natively.
//!
//! STUB: the core issue implements this.
