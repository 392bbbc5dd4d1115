//! The page's words and element ids. Every text comes from
//! [`crate::wording`] in the page's language; components call these short
//! lookups instead of naming the locale each time.
//!
//! The language is set once, when the app starts ([`super::app::App`],
//! after [`words_for`] has its words); the switch loads the page again in
//! the other one.

use std::cell::Cell;

use leptos::prelude::*;

use crate::catalog::{Method, Os};
use crate::plan::{Field, Problem};
use crate::wording::spans::{spans, Span};
use crate::wording::{self, Locale, UiMessage, UiText};

thread_local! {
    /// The language the page is being built in.
    static LOCALE: Cell<Locale> = const { Cell::new(Locale::En) };
}

/// Sets the language the page's words are looked up in.
pub fn set_locale(locale: Locale) {
    LOCALE.with(|l| l.set(locale));
}

/// The language the page speaks.
pub fn locale() -> Locale {
    LOCALE.with(Cell::get)
}

/// The language the page can start in: `locale`, once its words are
/// there. In the release build (`--cfg siw_split`) the Chinese wording is
/// a split point of its own, as the paste reader is ([`super::paste`]): its
/// chunk is fetched here, before a page in Chinese is built, and installed
/// ([`wording::install`]); if it cannot be fetched (the loader logs why) the
/// page starts in English, and the next load tries again.
pub async fn words_for(locale: Locale) -> Locale {
    #[cfg(siw_split)]
    if locale == Locale::Zh {
        match chinese().await {
            Ok(words) => wording::install(words),
            Err(_) => return Locale::En,
        }
    }
    locale
}

#[cfg(siw_split)]
#[leptos::wasm_split::wasm_split(chinese, wasm_split_path = ::leptos::wasm_split, fallible)]
fn chinese() -> Result<&'static wording::Words, leptos::wasm_split::SplitLoaderError> {
    Ok(&wording::ZH)
}

/// Fetches the Chinese wording's chunk ahead of a switch to it (nothing
/// without the split; a failure is logged by the loader and left for the
/// next page in Chinese to retry).
pub fn prefetch() {
    #[cfg(siw_split)]
    leptos::task::spawn_local(async {
        let _ = __wasm_split_preload_chinese().await;
    });
}

/// A fixed text of the page.
pub fn t(id: UiText) -> &'static str {
    wording::ui(locale(), id)
}

/// A text of the page that holds values.
pub fn message(m: &UiMessage) -> String {
    wording::ui_message(locale(), m)
}

/// A problem as a sentence.
pub fn problem_sentence(problem: &Problem) -> String {
    wording::problem(locale(), problem)
}

/// A field's name ("vSwitch CIDR", "Secondary IP 2").
pub fn field_name(field: Field) -> String {
    wording::field_name(locale(), field)
}

/// A field's label or legend in the form ("vSwitch CIDR or mask").
pub fn field_label(field: Field) -> String {
    wording::field_label(locale(), field)
}

/// Where to find a field's real value, if the form says.
pub fn field_hint(field: Field) -> Option<&'static str> {
    wording::field_hint(locale(), field)
}

/// A method's tab label.
pub fn method_label(method: Method) -> &'static str {
    wording::method_label(locale(), method)
}

/// An OS as the picker names it.
pub fn os_label(os: Os) -> String {
    wording::os_label(locale(), os)
}

/// A sentence set for the page: `code` and addresses in monospace, an
/// address never broken across lines ([`crate::wording::spans`]).
pub fn prose(text: &str) -> AnyView {
    fn piece(span: &Span) -> AnyView {
        match span {
            Span::Text(t) => (*t).to_owned().into_any(),
            Span::Addr(a) => view! { <span class="addr">{(*a).to_owned()}</span> }.into_any(),
            Span::Code(inner) => {
                view! { <code>{inner.iter().map(piece).collect_view()}</code> }.into_any()
            }
        }
    }
    spans(text).iter().map(piece).collect_view().into_any()
}

/// The DOM id of a field's input (`f-gw`, `f-sec-2`).
pub fn input_id(field: Field) -> String {
    match field {
        Field::Secondary(i) => format!("f-sec-{i}"),
        f => format!("f-{}", f.param()),
    }
}

/// The DOM id of the box holding a field's messages (`m-gw`, `m-sec-2`).
pub fn messages_id(field: Field) -> String {
    match field {
        Field::Secondary(i) => format!("m-sec-{i}"),
        f => format!("m-{}", f.param()),
    }
}

/// The DOM id of a field's hint (`h-gw`).
pub fn hint_id(field: Field) -> String {
    format!("h-{}", field.param())
}
