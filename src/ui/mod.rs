//! The Leptos UI (wasm32 only): a thin shell over the core.
//!
//! One source of truth, the [`Form`] in a signal ([`Wizard::form`]); the
//! validation, the renderings, the share query and the subnet map are all
//! derived from it with `Memo`s. Components read those and call the core;
//! they never parse or render anything themselves.
//!
//! - [`app`]: the page, its header, footer, and the URL/storage sync.
//! - [`fields`]: the form's fields, each with its messages.
//! - [`outputs`]: the problem summary and the per-method steps with Copy/Download.
//! - [`paste`]: "Paste what the instance shows": values read from a paste, Apply and Undo.
//! - [`picture`]: the SVG of the vSwitch range and its facts.
//! - [`defer`]: what follows an input after its paint (the outputs, the picture).
//! - [`browser`]: URL, history, storage, clipboard, downloads, performance marks.
//! - [`text`]: the page's words (from [`crate::wording`]) in its language, and element ids.

pub mod app;
pub mod browser;
pub mod defer;
pub mod fields;
pub mod outputs;
pub mod paste;
pub mod picture;
pub mod text;

use leptos::prelude::*;

use crate::catalog::Method;
use crate::doctor::{self, Finding, Report};
use crate::plan::{edit, validate, Field, Form, Plan, Problem};
use crate::share;
use crate::wording::{lang, Locale};

/// The state every component shares (all `Copy` handles, put in context).
#[derive(Clone, Copy)]
pub struct Wizard {
    /// The form as typed: the one source of truth.
    pub form: RwSignal<Form>,
    /// Link parameters the page did not recognise (shown until the next reset).
    pub unknown: RwSignal<Vec<String>>,
    /// The form validated: the plan, or every problem.
    pub checked: Memo<Result<Plan, Vec<Problem>>>,
    /// Every problem to show: the errors of an invalid form, or the warnings of a valid one.
    pub problems: Memo<Vec<Problem>>,
    /// What the read-only doctor found on the instance (its link's `d.…`
    /// parameters), until forgotten or reset.
    pub doctor: RwSignal<Option<Report>>,
    /// The doctor's findings for the form as it is now.
    pub findings: Memo<Vec<Finding>>,
    /// The language the page speaks (the switch loads the page again in another).
    pub locale: Locale,
    /// The method tab the reader picked (`None`: the OS's first).
    pub method: RwSignal<Option<Method>>,
}

impl Wizard {
    /// The state for a starting form.
    ///
    /// An empty gateway starts as the subnet's usual one (as if typed after the CIDR).
    pub fn new(
        mut form: Form,
        unknown: Vec<String>,
        locale: Locale,
        method: Option<Method>,
    ) -> Wizard {
        edit::fill_usual_gateway(&mut form);
        let form = RwSignal::new(form);
        let checked = Memo::new(move |_| form.with(validate));
        let problems = Memo::new(move |_| {
            checked.with(|c| match c {
                Ok(plan) => plan.warnings.clone(),
                Err(problems) => problems.clone(),
            })
        });
        let report = RwSignal::new(None::<Report>);
        let findings = Memo::new(move |_| {
            report
                .with(|r| r.as_ref().map(|r| form.with(|f| doctor::findings(r, f))))
                .unwrap_or_default()
        });
        Wizard {
            form,
            unknown: RwSignal::new(unknown),
            checked,
            problems,
            doctor: report,
            findings,
            locale,
            method: RwSignal::new(method),
        }
    }

    /// Changes the form. When the change moves the subnet and the gateway is
    /// empty or still the old subnet's usual gateway, the gateway follows
    /// (the user's own gateway is never overwritten).
    pub fn edit(&self, change: impl FnOnce(&mut Form)) {
        self.form.update(|form| edit::edit_following_gateway(form, change));
    }

    /// Like [`Wizard::edit`], for a change that may do nothing: `change`
    /// returns whether it changed the form, and only then is anything
    /// updated. Returns the same.
    pub fn edit_if(&self, change: impl FnOnce(&mut Form) -> bool) -> bool {
        let mut changed = false;
        self.form.maybe_update(|form| {
            edit::edit_following_gateway(form, |f| changed = change(f));
            changed
        });
        changed
    }

    /// The problems that belong to `field`.
    pub fn problems_of(&self, field: Field) -> Vec<Problem> {
        self.problems.with(|ps| ps.iter().filter(|p| p.field == field).cloned().collect())
    }

    /// The doctor's findings shown on `field`.
    pub fn findings_of(&self, field: Field) -> Vec<Finding> {
        self.findings.with(|fs| fs.iter().filter(|f| f.field == field).cloned().collect())
    }
}

/// The shared state, from context.
///
/// # Panics
/// Outside the app (a component rendered without [`app::App`] above it).
pub fn use_wizard() -> Wizard {
    expect_context::<Wizard>()
}

/// Mounts the app on `<body>`, then marks the page ready
/// (`body[data-ready="1"]` and the `wizard-ready` performance mark).
///
/// The language: the link's `lang`, else the one the reader chose with the
/// switch, else the browser's languages, else English
/// ([`crate::wording::lang::choose`]).
pub fn mount() {
    // Debug builds only: the release build aborts on a panic at once
    // (scripts/lib.sh, release_build), so no hook would ever run there.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let query = browser::query();
    let page = share::page(&query);
    let locale = lang::choose(
        page.lang.map(Locale::as_str),
        browser::load_lang().as_deref(),
        &browser::languages(),
    );
    let start = edit::start_form(&query, browser::load_stored().as_deref());
    let found = doctor::from_query(&query);
    if page.embed {
        browser::set_body_data("embed", "1");
    }
    let (embed, method) = (page.embed, page.method);
    // Not Leptos's spawner: mounting is what sets that up.
    wasm_bindgen_futures::spawn_local(async move {
        let locale = text::words_for(locale).await;
        start_app(start, embed, locale, method, found);
    });
}

/// Builds the page in `locale` (whose words are there), marks it ready and
/// schedules the chunks the first load leaves out.
fn start_app(
    start: share::Shared,
    embed: bool,
    locale: Locale,
    method: Option<Method>,
    found: Option<Report>,
) {
    mount_to_body(move || {
        view! { <app::App start=start embed=embed locale=locale method=method doctor=found /> }
    });
    browser::set_body_data("ready", "1");
    browser::mark("wizard-ready");
    // The chunks the first load leaves out, fetched once the page is idle
    // after its first paint: the next frame, a task after it, then an idle
    // period. An idle callback asked for here ran before the field was
    // usable on a throttled phone, so the chunks' requests counted as
    // first load (scripts/bench.sh, issue 19).
    request_animation_frame(|| {
        set_timeout(
            || {
                request_idle_callback(|| {
                    paste::prefetch();
                    outputs::prefetch();
                    text::prefetch();
                })
            },
            std::time::Duration::ZERO,
        )
    });
}
