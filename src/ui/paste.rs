//! "Paste what the instance shows": a text box whose content the core
//! reads ([`crate::paste::read`], [`crate::paste::propose`]); each value
//! found is shown with the line it came from, Apply writes the ones kept
//! into the form ([`crate::paste::apply`]) and Undo puts the form back
//! ([`crate::paste::Undo::restore`]). The text never leaves the page and is
//! not stored.

use leptos::prelude::*;

use super::text::{field_name, locale};
use super::use_wizard;
use crate::paste::{self, Level, Pick, Proposal, Proposed, Undo};
use crate::wording::paste::{PasteMessage, PasteText};
use crate::wording::{self};

fn pt(id: PasteText) -> &'static str {
    wording::paste_text(locale(), id)
}

fn pm(m: &PasteMessage) -> String {
    wording::paste_message(locale(), m)
}

/// What the paste reader finds in `text` ([`crate::paste::read`], then
/// [`crate::paste::propose`]); `None` when its chunk could not be fetched
/// (the loader logs why; the next "Read it" tries again).
///
/// In the release build (`--cfg siw_split`, scripts/lib.sh) the reader is a
/// split point of `wasm_split_helpers`, the crate under Leptos's `#[lazy]`:
/// scripts/split-wasm.sh moves it into a wasm chunk of its own that is
/// fetched on the first "Read it" or when the page is idle ([`prefetch`]),
/// so the first load does not carry it (README, "Size"). It is that crate's
/// macro and not `#[lazy]` for its `fallible` option: with `#[lazy]` a chunk
/// that cannot be fetched panics, and a panic here aborts the whole app.
async fn read_paste(text: String, pick: Pick) -> Option<Proposal> {
    #[cfg(siw_split)]
    {
        paste_reader(text, pick).await.ok()
    }
    #[cfg(not(siw_split))]
    {
        Some(paste::propose(&paste::read(&text), &pick))
    }
}

#[cfg(siw_split)]
#[leptos::wasm_split::wasm_split(paste_reader, wasm_split_path = ::leptos::wasm_split, fallible)]
fn paste_reader(
    text: String,
    pick: Pick,
) -> Result<Proposal, leptos::wasm_split::SplitLoaderError> {
    Ok(paste::propose(&paste::read(&text), &pick))
}

/// Fetches the paste reader's chunk ahead of its first use (nothing
/// without the split; a failure is logged by the loader and left for
/// "Read it" to retry).
pub fn prefetch() {
    #[cfg(siw_split)]
    leptos::task::spawn_local(async {
        let _ = __wasm_split_preload_paste_reader().await;
    });
}

/// One value found: the field, the value, and each line it came from
/// with that line's text; a box to leave it out of Apply.
fn value_row(text: &str, index: usize, v: &Proposed, keep: RwSignal<Vec<bool>>) -> impl IntoView {
    let sources = v
        .from
        .iter()
        .map(|o| {
            let line = paste::line_text(text, o.lines.first).unwrap_or_default();
            view! {
                <span class="paste-from">
                    {pm(&PasteMessage::From { origin: *o })}
                    ": "
                    <code>{line}</code>
                </span>
            }
        })
        .collect_view();
    let id = format!("paste-use-{index}");
    view! {
        <li class="paste-value" data-paste-field=v.field.param()>
            <input
                type="checkbox"
                id=id.clone()
                aria-label=pt(PasteText::UseValue)
                prop:checked=move || keep.with(|k| k.get(index).copied().unwrap_or(false))
                on:change:target=move |ev| {
                    let on = ev.target().checked();
                    keep.update(|k| {
                        if let Some(slot) = k.get_mut(index) {
                            *slot = on;
                        }
                    });
                }
            />
            <label for=id>
                <span class="paste-field">{field_name(v.field)}</span>
                ": "
                <code class="paste-text">{v.value.clone()}</code>
            </label>
            <span class="paste-sources">{sources}</span>
        </li>
    }
}

/// The panel (collapsed, near the top of the form).
#[component]
pub fn PastePanel() -> impl IntoView {
    let w = use_wizard();
    let text = RwSignal::new(String::new());
    // What "Read it" found: the text as read (its lines are shown) and the proposal.
    let found = RwSignal::new(None::<(String, Proposal)>);
    let keep = RwSignal::new(Vec::<bool>::new());
    let undo = RwSignal::new(None::<Undo>);
    let status = RwSignal::new(None::<String>);

    let read = move |_| {
        let t = text.get_untracked();
        let pick = w.form.with_untracked(Pick::for_form);
        leptos::task::spawn_local(async move {
            let Some(proposal) = read_paste(t.clone(), pick).await else {
                return;
            };
            let _ = keep.try_set(vec![true; proposal.values.len()]);
            let _ = found.try_set(Some((t, proposal)));
            let _ = status.try_set(None);
        });
    };
    let clear = move |_| {
        text.set(String::new());
        found.set(None);
        status.set(None);
    };
    let apply = move |_| {
        let chosen: Vec<Proposed> = found.with_untracked(|f| {
            keep.with_untracked(|k| {
                f.as_ref()
                    .map(|(_, p)| {
                        p.values
                            .iter()
                            .zip(k)
                            .filter(|(_, on)| **on)
                            .map(|(v, _)| v.clone())
                            .collect()
                    })
                    .unwrap_or_default()
            })
        });
        let mut done = Undo::default();
        w.form.update(|f| done = paste::apply(f, &chosen));
        let n = done.fields().len();
        status.set(Some(if n == 0 {
            pm(&PasteMessage::AppliedNothing)
        } else {
            pm(&PasteMessage::Applied { fields: n })
        }));
        undo.set((!done.is_empty()).then_some(done));
    };
    let undo_click = move |_| {
        let Some(u) = undo.get_untracked() else { return };
        let mut kept = Vec::new();
        w.form.update(|f| kept = u.restore(f));
        status.set(Some(if kept.is_empty() {
            pt(PasteText::Undone).to_owned()
        } else {
            pm(&PasteMessage::UndoKept { fields: kept })
        }));
        undo.set(None);
    };

    let results = move || {
        found.with(|f| {
            let (t, p) = f.as_ref()?;
            let values =
                p.values.iter().enumerate().map(|(i, v)| value_row(t, i, v, keep)).collect_view();
            let issues = p
                .issues
                .iter()
                .map(|i| {
                    let warning = i.level == Level::Warning;
                    view! {
                        <li
                            class=if warning { "note warning" } else { "note info" }
                            data-paste-issue=if warning { "warning" } else { "note" }
                        >
                            <span class="msg-icon" aria-hidden="true">
                                {if warning { "⚠" } else { "ℹ" }}
                            </span>
                            {wording::paste_issue(locale(), i)}
                        </li>
                    }
                })
                .collect_view();
            let none = p.values.is_empty();
            Some(view! {
                <div class="paste-results">
                    <h3>{pt(PasteText::ValuesTitle)}</h3>
                    {none.then(|| view! { <p class="hint">{pt(PasteText::NoValues)}</p> })}
                    <ul class="paste-values">{values}</ul>
                    {(!p.issues.is_empty())
                        .then(|| view! { <h3>{pt(PasteText::IssuesTitle)}</h3> })}
                    <ul class="notes paste-issues">{issues}</ul>
                    <div class="row-actions">
                        <button type="button" class="primary-btn" on:click=apply disabled=none>
                            {pt(PasteText::Apply)}
                        </button>
                    </div>
                </div>
            })
        })
    };

    view! {
        <details class="card prefill paste" id="paste">
            <summary>
                <h2>{pt(PasteText::Title)}</h2>
                <span class="summary-hint">{pt(PasteText::Summary)}</span>
            </summary>
            <p class="prefill-intro">{super::text::prose(pt(PasteText::Intro))}</p>
            <p class="note info paste-privacy">
                <span class="msg-icon" aria-hidden="true">"🔒"</span>
                {pt(PasteText::Privacy)}
            </p>
            <div class="field">
                <label for="f-paste">{pt(PasteText::Label)}</label>
                <textarea
                    id="f-paste"
                    rows="8"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || text.get()
                    on:input:target=move |ev| text.set(ev.target().value())
                ></textarea>
            </div>
            <div class="row-actions">
                <button type="button" class="secondary-btn" on:click=read>
                    {pt(PasteText::Read)}
                </button>
                <button type="button" class="secondary-btn" on:click=clear>
                    {pt(PasteText::Clear)}
                </button>
            </div>
            {results}
            <div class="paste-status" aria-live="polite">
                {move || status.get().map(|s| view! { <p class="note info">{s}</p> })}
                {move || {
                    undo.with(Option::is_some)
                        .then(|| {
                            view! {
                                <button type="button" class="secondary-btn" on:click=undo_click>
                                    {pt(PasteText::Undo)}
                                </button>
                            }
                        })
                }}
            </div>
        </details>
    }
}
