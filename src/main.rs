//! Mounts the wizard; everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    wizard::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the wizard runs in the browser: build it with `trunk build`");
    std::process::exit(2);
}
