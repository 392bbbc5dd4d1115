//! A minimal Leptos 0.8 CSR app: the yardstick the wizard's first load is
//! compared with (scripts/bench.sh). One text input, a memo over it, a list
//! and a conditional: the reactive core, the DOM renderer and the event
//! glue that any Leptos app carries, and nothing of the wizard.

use leptos::prelude::*;

#[component]
fn App() -> impl IntoView {
    let (text, set_text) = signal(String::from("192.0.2.10, 192.0.2.11"));
    let items = Memo::new(move |_| {
        text.get()
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    });
    view! {
        <main>
            <label for="f-ip">"Addresses"</label>
            <input
                id="f-ip"
                prop:value=move || text.get()
                on:input=move |ev| set_text.set(event_target_value(&ev))
            />
            <ul>{move || items.get().into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            {move || items.get().is_empty().then(|| view! { <p>"No address"</p> })}
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-ready", "1");
    }
}
