//! Browser glue: URL, history, storage, clipboard, downloads, performance
//! marks. Every function fails quietly (a private window without storage,
//! an old browser without the Clipboard API): the page keeps working.

use leptos::prelude::{document, window};
use leptos::wasm_bindgen::{closure::Closure, JsCast, JsValue};
use leptos::web_sys::{self, js_sys};

/// The localStorage key that keeps the form (as a URL query).
const STORAGE_KEY: &str = "secondary-ip-wizard.form";

/// The localStorage key that keeps the language the reader chose with the switch.
const LANG_KEY: &str = "secondary-ip-wizard.lang";

/// The page's query string, without the leading `?` (empty when none).
pub fn query() -> String {
    let search = window().location().search().unwrap_or_default();
    search.strip_prefix('?').unwrap_or(&search).to_owned()
}

/// Replaces the query of the current history entry (no navigation, no new entry).
pub fn replace_query(query: &str) {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url = if query.is_empty() { path + &hash } else { path + "?" + query + &hash };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// The page's URL as it is now (for "Copy link").
pub fn href() -> String {
    window().location().href().unwrap_or_default()
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The form kept in localStorage (a URL query), if any.
pub fn load_stored() -> Option<String> {
    storage()?.get_item(STORAGE_KEY).ok().flatten()
}

/// Keeps the form (as a URL query) in localStorage.
pub fn store(query: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, query);
    }
}

/// Forgets the stored form.
pub fn forget_stored() {
    if let Some(s) = storage() {
        let _ = s.remove_item(STORAGE_KEY);
    }
}

/// The language the reader chose with the switch, if stored.
pub fn load_lang() -> Option<String> {
    storage()?.get_item(LANG_KEY).ok().flatten()
}

/// Keeps the language the reader chose (its id, `zh` or `en`).
pub fn store_lang(id: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, id);
    }
}

/// The browser's preferred languages, most preferred first
/// (`navigator.languages`, else `navigator.language`).
pub fn languages() -> Vec<String> {
    let navigator = window().navigator();
    let list: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

/// Sets `<html lang>` and the document's title.
pub fn set_document_language(lang: &str, title: &str) {
    let doc = document();
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", lang);
    }
    doc.set_title(title);
}

/// Loads this page again with another query (no new history entry).
pub fn load_query(query: &str) {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let _ = location.replace(&[&path, "?", query, &hash].concat());
}

/// Sets a `data-*` attribute on `<body>` (`data-ready="1"`, `data-embed="1"`).
pub fn set_body_data(name: &str, value: &str) {
    if let Some(body) = document().body() {
        let _ = body.dataset().set(name, value);
    }
}

/// `performance.mark(name)`.
pub fn mark(name: &str) {
    if let Some(perf) = window().performance() {
        let _ = perf.mark(name);
    }
}

/// Copies `text` to the clipboard and calls `done(ok)` when it is known
/// whether it worked: the Clipboard API first, then a hidden textarea and
/// `document.execCommand("copy")` where the API is missing or refused.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let navigator = window().navigator();
    let has_api = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if !has_api {
        done(copy_fallback(text));
        return;
    }
    let promise = navigator.clipboard().write_text(text);
    let fallback_text = text.to_owned();
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let done_ok = done.clone();
    let ok = Closure::once(move |_: JsValue| {
        if let Some(f) = done_ok.take() {
            f(true);
        }
    });
    let err = Closure::once(move |_: JsValue| {
        let copied = copy_fallback(&fallback_text);
        if let Some(f) = done.take() {
            f(copied);
        }
    });
    let _ = promise.then2(&ok, &err);
    ok.forget();
    err.forget();
}

/// The old way: select a hidden textarea's text and run the copy command.
fn copy_fallback(text: &str) -> bool {
    let doc = document();
    let Some(body) = doc.body() else { return false };
    let Ok(el) = doc.create_element("textarea") else { return false };
    let Ok(area) = el.dyn_into::<web_sys::HtmlTextAreaElement>() else { return false };
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    // A class, not a style attribute: the page's CSP allows no inline style.
    let _ = area.set_attribute("class", "offscreen-copy");
    let _ = body.append_child(&area);
    area.select();
    let copied = js_sys::Reflect::get(&doc, &JsValue::from_str("execCommand"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&doc, &JsValue::from_str("copy")).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    area.remove();
    copied
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let doc = document();
    if let Ok(a) = doc.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            let _ = a.set_attribute("hidden", "");
            if let Some(body) = doc.body() {
                let _ = body.append_child(&a);
                a.click();
                a.remove();
            }
        }
    }
    // Revoke later: some browsers read the URL after click() returns.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
}
