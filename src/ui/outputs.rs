//! The output side: the problem summary, then one tab per method with the
//! renderer's steps, notes and artifacts, each with Copy (and Download for
//! files and the script). Nothing can be copied while the form has errors.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use super::app::DocLinks;
use super::browser;
use super::defer::after_paint;
use super::text::{
    field_name, input_id, locale, message, method_label, problem_sentence, prose, t,
};
use super::use_wizard;
use crate::catalog::Method;
use crate::plan::Field;
use crate::plan::{Plan, Problem};
use crate::render::{assistant, markdown};
use crate::render::{render_in, Artifact, ArtifactKind, Note, NoteLevel, Rendering, StepKind};
use crate::wording::doctor::DoctorText;
use crate::wording::{self, Locale, UiMessage, UiText};

/// A copy button's text: `done` for a moment after copying, "Copy failed"
/// when it did not work, else `idle`.
pub fn copy_label(
    copied: RwSignal<bool>,
    failed: RwSignal<bool>,
    idle: UiText,
    done: UiText,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || {
        t(if copied.get() {
            done
        } else if failed.get() {
            UiText::CopyFailed
        } else {
            idle
        })
    }
}

/// Copies `text`, then shows `copied` (or `failed`) for two seconds.
pub fn copy_and_flash(text: &str, copied: RwSignal<bool>, failed: RwSignal<bool>) {
    browser::copy_text(text, move |ok| {
        let _ = copied.try_set(ok);
        let _ = failed.try_set(!ok);
        set_timeout(
            move || {
                let _ = copied.try_set(false);
                let _ = failed.try_set(false);
            },
            Duration::from_secs(2),
        );
    });
}

/// The summary of every problem, errors and warnings apart, each linking to its field.
#[component]
pub fn Summary() -> impl IntoView {
    let w = use_wizard();
    let split = Memo::new(move |_| {
        w.problems.with(|ps| {
            let (errors, warnings): (Vec<Problem>, Vec<Problem>) =
                ps.iter().cloned().partition(Problem::is_error);
            (errors, warnings)
        })
    });
    let item = |p: Problem| {
        view! {
            <li>
                <a href=format!("#{}", input_id(p.field))>{field_name(p.field)}</a>
                ": "
                {prose(&problem_sentence(&p))}
            </li>
        }
    };
    view! {
        <div class="summary" aria-live="polite">
            {move || {
                let (errors, warnings) = split.get();
                let errors = (!errors.is_empty())
                    .then(|| {
                        let n = errors.len();
                        view! {
                            <div class="summary-box error" role="status">
                                <h2>
                                    {message(&UiMessage::ProblemCount { count: n })}
                                </h2>
                                <ul>{errors.into_iter().map(item).collect_view()}</ul>
                            </div>
                        }
                    });
                let warnings = (!warnings.is_empty())
                    .then(|| {
                        view! {
                            <div class="summary-box warning">
                                <h2>{t(UiText::SummaryWarnings)}</h2>
                                <ul>{warnings.into_iter().map(item).collect_view()}</ul>
                            </div>
                        }
                    });
                (errors, warnings)
            }}
            {move || {
                let unknown = w.unknown.get();
                (!unknown.is_empty())
                    .then(|| {
                        view! {
                            <div class="summary-box warning">
                                <h2>{t(UiText::SummaryUnknown)}</h2>
                                <ul>
                                    {unknown
                                        .into_iter()
                                        .map(|name| {
                                            let text = message(&UiMessage::UnknownParameter {
                                                name: name.clone(),
                                            });
                                            view! { <li data-warning-for=name>{text}</li> }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            {move || {
                w.doctor
                    .with(Option::is_some)
                    .then(|| {
                        let dt = |id| wording::doctor_text(super::text::locale(), id);
                        let items = w
                            .findings
                            .get()
                            .into_iter()
                            .map(|f| {
                                view! {
                                    <li data-doctor-summary=f.field.param()>
                                        <a href=format!("#{}", input_id(f.field))>{field_name(f.field)}</a>
                                        ": "
                                        {wording::doctor_finding(super::text::locale(), &f)}
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <div class="summary-box doctor-box">
                                <h2>{dt(DoctorText::SummaryTitle)}</h2>
                                <ul>{items}</ul>
                                <button type="button" class="secondary-btn" on:click=move |_| w.doctor.set(None)>
                                    {dt(DoctorText::Dismiss)}
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// The renderings of a valid form: method tabs and the chosen method's steps.
#[component]
pub fn Outputs() -> impl IntoView {
    let w = use_wizard();
    let chosen = w.method;
    // The plan the outputs show: the form's, in a task after the next paint.
    // The keystroke's own frame paints the field and its checks; rendering
    // the method's steps again (most of a keystroke's time on a slow phone
    // with 49 secondaries) follows in a task of its own, and the edits made
    // before it runs are rendered once (issue 19, input latency).
    // A form that no longer validates hides the outputs at once: none is
    // ever shown for a form with an error.
    let shown = move || w.checked.with_untracked(|c| c.as_ref().ok().cloned());
    let plan = RwSignal::new(shown());
    let pending = StoredValue::new(false);
    Effect::new(move |ran: Option<()>| {
        if w.checked.with(Result::is_err) {
            if plan.with_untracked(Option::is_some) {
                plan.set(None);
            }
        } else if ran.is_some() && !pending.get_value() {
            pending.set_value(true);
            after_paint(move || {
                pending.set_value(false);
                plan.set(shown());
            });
        }
    });
    // The tabs: the OS's methods, preferred first (a valid form only).
    let methods = Memo::new(move |_| plan.with(|p| p.as_ref().map(|p| p.os.methods().to_vec())));
    // The method of a pick among the tabs: the pick, else the first.
    let pick = move |pick: Option<Method>| {
        methods.with(|ms| {
            let ms = ms.as_ref()?;
            ms.iter().copied().find(|&m| Some(m) == pick).or_else(|| ms.first().copied())
        })
    };
    // The tab shown as selected follows a click at once; the panel follows
    // it after that paint, as the plan does (a new plan, from the OS list
    // too, takes both at once).
    let current_method = Memo::new(move |_| pick(chosen.get()));
    let panel_pick = RwSignal::new(chosen.get_untracked());
    Effect::new(move |ran: Option<()>| {
        let now = chosen.get();
        if ran.is_some() {
            after_paint(move || {
                if chosen.get_untracked() == now {
                    panel_pick.set(now);
                }
            });
        }
    });
    let panel_method = move || pick(panel_pick.get());
    // Only the method shown is rendered: a keystroke renders one method,
    // not every method of the OS (issue 19, input latency).
    let rendering = Memo::new(move |_| {
        let method = panel_method()?;
        plan.with(|p| p.as_ref().map(|p| render_in(p, method, w.locale)))
    });
    // Marked in the next animation frame: by then every output (the method
    // tabs, the steps, the summary) is in the DOM, ready to be painted.
    Effect::new(move |_| {
        rendering.track();
        request_animation_frame(|| browser::mark("outputs-updated"));
    });
    let current = move || rendering.get();
    // Whether the Cloud Assistant and at-launch steps are open, and their
    // blocks as last built: kept here, across edits and tabs (each edit
    // builds the rendering's view again, and the blocks it shows until the
    // new ones arrive).
    let open = (Shown::new(), Shown::new());
    view! {
        <section class="outputs" aria-labelledby="outputs-title">
            <h2 id="outputs-title" class="visually-hidden">{t(UiText::OutputsTitle)}</h2>
            {move || {
                let Some(methods) = methods.get() else {
                    return view! {
                        <p class="placeholder">
                            {t(UiText::OutputsEmpty)}
                        </p>
                    }
                        .into_any();
                };
                view! {
                    <MethodTabs methods=methods chosen=chosen current=current_method />
                    <div
                        class="tabpanel"
                        role="tabpanel"
                        id="method-panel"
                        aria-labelledby=move || panel_method().map(|m| format!("tab-{}", m.as_str()))
                    >
                        {move || {
                            // A new plan builds the view again even when no
                            // rendering changed (the instance id: only the
                            // deliveries use it), so that an open delivery
                            // follows it, built once per change.
                            plan.track();
                            current()
                                .map(|r| {
                                    view! { <RenderingView rendering=r open=open /> }
                                })
                        }}
                    </div>
                }
                    .into_any()
            }}
        </section>
    }
}

/// The method tabs (the preferred method first), arrow keys move between them.
#[component]
fn MethodTabs(
    /// The OS's methods, preferred first.
    methods: Vec<Method>,
    /// The method the user picked (`None`: the first).
    chosen: RwSignal<Option<Method>>,
    /// The method shown.
    current: Memo<Option<Method>>,
) -> impl IntoView {
    let is_selected = move |m: Method| current.get() == Some(m);
    let all = methods.clone();
    let tabs = methods
        .iter()
        .enumerate()
        .map(|(i, &m)| {
            let all = all.clone();
            let selected = move || is_selected(m);
            view! {
                <button
                    type="button"
                    role="tab"
                    id=format!("tab-{}", m.as_str())
                    aria-controls="method-panel"
                    aria-selected=move || { if selected() { "true" } else { "false" } }
                    tabindex=move || { if selected() { "0" } else { "-1" } }
                    class="tab"
                    on:click=move |_| chosen.set(Some(m))
                    on:keydown=move |ev| {
                        let len = all.len();
                        let to = match ev.key().as_str() {
                            "ArrowRight" => Some((i + 1) % len),
                            "ArrowLeft" => Some((i + len - 1) % len),
                            "Home" => Some(0),
                            "End" => Some(len - 1),
                            _ => None,
                        };
                        if let Some(to) = to.and_then(|t| all.get(t).copied()) {
                            ev.prevent_default();
                            chosen.set(Some(to));
                            if let Some(el) = document().get_element_by_id(&format!("tab-{}", to.as_str())) {
                                use leptos::wasm_bindgen::JsCast;
                                if let Ok(el) = el.dyn_into::<leptos::web_sys::HtmlElement>() {
                                    let _ = el.focus();
                                }
                            }
                        }
                    }
                >
                    {method_label(m)}
                    {(i == 0 && all.len() > 1).then(|| view! { <span class="badge">{t(UiText::Recommended)}</span> })}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="tabs" role="tablist" aria-label=t(UiText::MethodTabs)>
            {tabs}
        </div>
    }
}

/// A delivery step's state: whether it is open, and its blocks as last
/// built (`None` while it is closed).
#[derive(Clone, Copy)]
struct Shown {
    open: RwSignal<bool>,
    blocks: RwSignal<Option<assistant::Delivery>>,
}

impl Shown {
    fn new() -> Shown {
        Shown { open: RwSignal::new(false), blocks: RwSignal::new(None) }
    }
}

/// What the deliveries' chunk is asked for.
#[derive(Clone)]
enum Ask {
    /// [`Rendering::assistant`].
    Assistant,
    /// [`Rendering::launch`].
    Launch,
    /// [`markdown::runbook`], with the link to the form.
    Runbook(String),
}

/// What it gives back.
enum Built {
    Blocks(assistant::Delivery),
    Runbook(String),
}

fn build_now(ask: Ask, r: &Rendering, plan: &Plan, locale: Locale) -> Built {
    match ask {
        Ask::Assistant => Built::Blocks(r.assistant(plan, locale)),
        Ask::Launch => Built::Blocks(r.launch(plan, locale)),
        Ask::Runbook(link) => Built::Runbook(markdown::runbook(plan, r, locale, &link)),
    }
}

/// The deliveries of `r` (a rendering of `plan`), or its runbook; `None`
/// when their chunk could not be fetched (the loader logs why; the next
/// opening or copy tries again).
///
/// In the release build (`--cfg siw_split`) this is a split point, as the
/// paste reader is ([`super::paste`]): the Cloud Assistant and at-launch
/// code, the gzip encoder and the runbook are a wasm chunk of their own,
/// fetched when a step is first opened, on the first "Copy as Markdown",
/// or when the page is idle ([`prefetch`]).
async fn build(ask: Ask, r: Arc<Rendering>, plan: Plan, locale: Locale) -> Option<Built> {
    #[cfg(siw_split)]
    {
        deliveries(ask, r, plan, locale).await.ok()
    }
    #[cfg(not(siw_split))]
    {
        Some(build_now(ask, &r, &plan, locale))
    }
}

#[cfg(siw_split)]
#[leptos::wasm_split::wasm_split(deliveries, wasm_split_path = ::leptos::wasm_split, fallible)]
fn deliveries(
    ask: Ask,
    r: Arc<Rendering>,
    plan: Plan,
    locale: Locale,
) -> Result<Built, leptos::wasm_split::SplitLoaderError> {
    Ok(build_now(ask, &r, &plan, locale))
}

/// Fetches the deliveries' chunk ahead of its first use (nothing without
/// the split; a failure is logged by the loader and left for later).
pub fn prefetch() {
    #[cfg(siw_split)]
    leptos::task::spawn_local(async {
        let _ = __wasm_split_preload_deliveries().await;
    });
}

/// One method's notes, steps and script.
#[component]
fn RenderingView(
    /// The rendering to show.
    rendering: Rendering,
    /// The Cloud Assistant and the at-launch steps' state.
    open: (Shown, Shown),
) -> impl IntoView {
    let w = use_wizard();
    // One copy for the Markdown and the two deliveries.
    let whole = Arc::new(rendering.clone());
    let Rendering { method, steps, notes, script } = rendering;
    let script_name = script.download_name();
    let script_text = script.content.clone();
    let (md_copied, md_failed) = (RwSignal::new(false), RwSignal::new(false));
    let for_markdown = Arc::clone(&whole);
    let copy_markdown = move |_| {
        let Some(plan) = w.checked.with_untracked(|c| c.as_ref().ok().cloned()) else {
            return;
        };
        let (r, ask) = (Arc::clone(&for_markdown), Ask::Runbook(browser::href()));
        leptos::task::spawn_local(async move {
            match build(ask, r, plan, w.locale).await {
                Some(Built::Runbook(text)) => copy_and_flash(&text, md_copied, md_failed),
                _ => {
                    let _ = md_failed.try_set(true);
                }
            }
        });
    };
    // One step of the guide (the deliveries after the script are
    // `delivery_step`s, built when opened).
    let step_view = |key: &'static str,
                     title: String,
                     notes: Vec<Note>,
                     assign: bool,
                     artifacts: Vec<_>| {
        view! {
            <li class="step" data-step=key>
                <h3>{title}</h3>
                <NotesView notes=notes />
                {assign.then(|| view! { <MissingIds /> <DocLinks /> })}
                {artifacts.into_iter().map(|a| view! { <ArtifactView artifact=a /> }).collect_view()}
            </li>
        }
    };
    let assistant = delivery_step(
        ("assistant", UiText::AssistantTitle, UiText::AssistantSummary),
        open.0,
        Arc::clone(&whole),
        Ask::Assistant,
    );
    let launch = delivery_step(
        ("launch", UiText::LaunchTitle, UiText::LaunchSummary),
        open.1,
        whole,
        Ask::Launch,
    );
    view! {
        <div class="rendering" data-method=method.as_str()>
            <div class="rendering-head">
                <MethodDoctor method=method />
                <NotesView notes=notes />
                <div class="rendering-actions">
                    <button
                        type="button"
                        class="primary-btn"
                        on:click=move |_| browser::download(&script_name, &script_text)
                    >
                        {t(UiText::DownloadScript)}
                    </button>
                    <button type="button" class="secondary-btn copy-md" on:click=copy_markdown>
                        {copy_label(md_copied, md_failed, UiText::CopyMarkdown, UiText::MarkdownCopied)}
                    </button>
                </div>
            </div>
            <ol class="steps">
                {steps
                    .into_iter()
                    .map(|step| {
                        step_view(
                            step.kind.as_str(),
                            wording::step_title(locale(), step.kind),
                            step.notes,
                            step.kind == StepKind::Assign,
                            step.artifacts,
                        )
                    })
                    .collect_view()}
                <li class="step" data-step="script">
                    <h3>{t(UiText::ScriptTitle)}</h3>
                    <p class="note info">
                        <span>{t(UiText::ScriptNote)}</span>
                    </p>
                    <ArtifactView artifact=script />
                </li>
                {assistant}
                {launch}
            </ol>
        </div>
    }
}

/// A delivery's step (`key`, its title and what it holds): a `<details>`
/// whose summary (a button to keyboards and screen readers: Enter or Space
/// opens it) is its title and what it holds. Its notes and blocks are built
/// only while it is open, from `rendering` and the plan it was built with
/// (the view is built again for every new plan, see [`Outputs`]).
fn delivery_step(
    (key, title, hint): (&'static str, UiText, UiText),
    shown: Shown,
    rendering: Arc<Rendering>,
    ask: Ask,
) -> impl IntoView {
    let w = use_wizard();
    let Shown { open, blocks } = shown;
    // The summary's click (a key press on it is one too) flips the signal,
    // which opens the `<details>` (`prop:open`); the browser's own toggle
    // is prevented.
    let clicked = move |ev: leptos::web_sys::MouseEvent| {
        ev.prevent_default();
        open.update(|o| *o = !*o);
    };
    // Built while open, for this view's rendering and plan, after the
    // chunk is there; until then the blocks of the last plan stay.
    Effect::new(move |_| {
        if !open.get() {
            blocks.set(None);
            return;
        }
        let Some(plan) = w.checked.with_untracked(|c| c.as_ref().ok().cloned()) else {
            return;
        };
        let (r, ask) = (Arc::clone(&rendering), ask.clone());
        leptos::task::spawn_local(async move {
            if let Some(Built::Blocks(d)) = build(ask, r, plan, w.locale).await {
                let _ = blocks.try_set(Some(d));
            }
        });
    });
    let body = move || {
        let assistant::Delivery { notes, artifacts } = blocks.get()?;
        Some(
            view! {
                <NotesView notes=notes />
                {artifacts.into_iter().map(|a| view! { <ArtifactView artifact=a /> }).collect_view()}
            }
                .into_any(),
        )
    };
    view! {
        <li class="step" data-step=key>
            <details class="delivery" prop:open=move || open.get()>
                <summary on:click=clicked>
                    <h3>{t(title)}</h3>
                    <span class="summary-hint">{t(hint)}</span>
                </summary>
                {body}
            </details>
        </li>
    }
}

/// The page (`<main>`) around the element an event happened on: ids are
/// looked up there, so two apps on one page (the component tests) never
/// reach into each other.
fn page_of(ev: &leptos::web_sys::MouseEvent) -> Option<leptos::web_sys::Element> {
    use leptos::wasm_bindgen::JsCast;
    let target = ev.current_target()?.dyn_into::<leptos::web_sys::Element>().ok()?;
    target.closest("main").ok().flatten()
}

/// Opens the `<details>` with this id (`advanced`, `prefill`).
fn open_details(ev: &leptos::web_sys::MouseEvent, id: &str) {
    let found = page_of(ev).and_then(|p| p.query_selector(&["#", id].concat()).ok().flatten());
    if let Some(details) = found {
        let _ = details.set_attribute("open", "");
    }
}

/// Opens "Advanced" and focuses the field's input (the link's own jump
/// then scrolls to it).
fn reveal(ev: &leptos::web_sys::MouseEvent, field: Field) {
    use leptos::wasm_bindgen::JsCast;
    open_details(ev, "advanced");
    let input = page_of(ev)
        .and_then(|p| p.query_selector(&["#", &input_id(field)].concat()).ok().flatten())
        .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlElement>().ok());
    if let Some(input) = input {
        let _ = input.focus();
    }
}

/// While the region ID or the ENI ID is empty: links to those fields
/// (under "Advanced", opened on click).
#[component]
fn MissingIds() -> impl IntoView {
    let w = use_wizard();
    let no_region = Memo::new(move |_| w.form.with(|f| f.region.trim().is_empty()));
    let no_eni = Memo::new(move |_| w.form.with(|f| f.eni_id.trim().is_empty()));
    let link = move |field: Field, label: &'static str| {
        view! {
            <a href=format!("#{}", input_id(field)) on:click=move |ev| reveal(&ev, field)>
                {label}
            </a>
        }
    };
    // One closure rather than four <Show>s: each Show is a component of
    // its own in the bundle.
    move || {
        let (region, eni) = (no_region.get(), no_eni.get());
        (region || eni).then(|| {
            view! {
                <p class="note info missing-ids">
                    <span class="msg-icon" aria-hidden="true">"ℹ"</span>
                    <span>
                        {t(UiText::MissingIdsStart)}
                        {region.then(|| link(Field::Region, t(UiText::MissingRegion)))}
                        {(region && eni).then_some(t(UiText::MissingIdsAnd))}
                        {eni.then(|| link(Field::EniId, t(UiText::MissingEniId)))}
                        {t(UiText::MissingIdsUnder)}
                        <a href="#prefill" on:click=|ev| open_details(&ev, "prefill")>{t(UiText::MissingIdsPrefill)}</a>
                        {t(UiText::MissingIdsEnd)}
                    </span>
                </p>
            }
        })
    }
}

/// The doctor's warnings on a method's tab ([`crate::doctor::method_warnings`]):
/// nm-cloud-setup running with its Aliyun provider, on every method that
/// configures the secondaries itself; with the commands to turn it off.
#[component]
fn MethodDoctor(
    /// The method of the tab.
    method: Method,
) -> impl IntoView {
    let w = use_wizard();
    move || {
        let found = w.findings.with(|fs| crate::doctor::method_warnings(fs, method));
        found
            .into_iter()
            .map(|f| {
                let commands = w.form.with(|form| f.kind.commands(form));
                view! {
                    <div class="msg warning doctor" data-doctor-method=method.as_str()>
                        <span class="msg-icon" aria-hidden="true">"⚠"</span>
                        <div>
                            <p>{wording::doctor_finding(locale(), &f)}</p>
                            {commands.map(|c| view! { <pre class="code doctor-commands"><code>{c}</code></pre> })}
                        </div>
                    </div>
                }
            })
            .collect_view()
    }
}

/// A list of notes, warnings styled apart.
#[component]
fn NotesView(
    /// The notes.
    notes: Vec<Note>,
) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        view! {
            <ul class="notes">
                {notes
                    .into_iter()
                    .map(|n| {
                        let warn = n.level == NoteLevel::Warning;
                        view! {
                            <li class={if warn { "note warning" } else { "note info" }}>
                                <span class="msg-icon" aria-hidden="true">{if warn { "⚠" } else { "ℹ" }}</span>
                                <span>{prose(&n.text)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// One copyable block: title, path and mode for files, the exact text, Copy
/// (and Download for files and scripts), and what Verify output must show.
#[component]
pub fn ArtifactView(
    /// The artifact.
    artifact: Artifact,
) -> impl IntoView {
    let Artifact { id, title, kind, content, expect, .. } = artifact.clone();
    let copied = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let for_copy = content.clone();
    let copy = move |_| copy_and_flash(&for_copy, copied, failed);
    let (path, mode) = match &kind {
        ArtifactKind::File { path, mode } => (Some(path.clone()), Some(*mode)),
        _ => (None, None),
    };
    let downloadable = path.is_some() || id.ends_with(".script");
    // Instructions for a person (the console steps) wrap; code never does.
    let class = if kind == ArtifactKind::Text { "code steps-text" } else { "code" };
    let name = artifact.download_name();
    let for_download = content.clone();
    let title_id = format!("t-{id}");
    view! {
        <div class="artifact">
            <div class="artifact-head">
                <div class="artifact-title">
                    <span class="title" id=title_id.clone()>{title}</span>
                    {path.clone().map(|p| view! { <code class="path">{p}</code> })}
                    {mode.map(|m| view! { <span class="mode">{message(&UiMessage::FileMode { mode: m })}</span> })}
                </div>
                <div class="artifact-actions">
                    <button
                        type="button"
                        class="copy-btn"
                        class:copied=move || copied.get()
                        aria-label=move || {
                            if copied.get() { t(UiText::Copied) } else { t(UiText::Copy) }
                        }
                        aria-describedby=title_id.clone()
                        on:click=copy
                    >
                        {copy_label(copied, failed, UiText::Copy, UiText::CopiedMark)}
                    </button>
                    {downloadable
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="download-btn"
                                    aria-describedby=title_id.clone()
                                    on:click=move |_| browser::download(&name, &for_download)
                                >
                                    {t(UiText::Download)}
                                </button>
                            }
                        })}
                </div>
            </div>
            <pre class=class tabindex="0" data-artifact=id data-path=path>{content}</pre>
            {(!expect.is_empty())
                .then(|| {
                    view! {
                        <div class="expect">
                            <p>{t(UiText::ExpectIntro)}</p>
                            <ul>{expect.into_iter().map(|e| view! { <li><code>{e}</code></li> }).collect_view()}</ul>
                        </div>
                    }
                })}
        </div>
    }
}
