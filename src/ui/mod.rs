//! The Leptos UI (wasm32 only). STUB: the foundation issue mounts a first page.

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
}
