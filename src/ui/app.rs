//! The page: header (with the language switch), the form on one side, the
//! summary, subnet picture and outputs on the other, footer; and the sync
//! of the form, the method tab and the language to the URL query, of the
//! form to localStorage, and of the language to `<html lang>` and the title.
//!
//! The page speaks one language per load: the switch stores the choice and
//! loads the same link in the other language (the form, the method tab and
//! the scroll position come back from the link), which keeps every text a
//! plain lookup instead of a reactive one.

use leptos::prelude::*;

use super::fields::{Choices, InstanceType, OsPicker, Secondaries, TextField};
use super::outputs::{copy_and_flash, copy_label, ArtifactView, Outputs, Summary};
use super::paste::PastePanel;
use super::picture::{Ipv6Picture, SubnetPicture};
use super::text::{self, locale, t};
use super::{browser, use_wizard, Wizard};
use crate::catalog::Method;
use crate::doctor::{self, Report};
use crate::plan::routing::SourcePolicy;
use crate::plan::subnet::suggested_gateway;
use crate::plan::{EniKind, EniState, Field, Form, Mode, Style};
use crate::render::{doctor as doctor_script, prefill, Artifact, Lang};
use crate::share::{self, Page, Shared};
use crate::wording::doctor::DoctorText;
use crate::wording::{self, Choice, Doc, Locale, UiText};

/// The options of each radio group, in the order shown.
const MODES: &[Choice] = &[Choice::Mode(Mode::KeepDhcp), Choice::Mode(Mode::Static)];
const ENI_KINDS: &[Choice] =
    &[Choice::EniKind(EniKind::Primary), Choice::EniKind(EniKind::Secondary)];
const ENI_STATES: &[Choice] =
    &[Choice::EniState(EniState::InUse), Choice::EniState(EniState::Available)];
const STYLES: &[Choice] = &[Choice::Style(Style::Safe), Choice::Style(Style::Guide)];
const SOURCES: &[Choice] =
    &[Choice::Source(SourcePolicy::Any), Choice::Source(SourcePolicy::Primary)];

/// The fields under "Advanced".
const ADVANCED: &[Field] = &[
    Field::Interface,
    Field::Connection,
    Field::WindowsAlias,
    Field::Mac,
    Field::Dns,
    Field::Style,
    Field::Source,
    Field::Region,
    Field::EniId,
    Field::InstanceId,
];

/// The fields of the IPv6 card (collapsed until one is filled in).
const IPV6: &[Field] = &[Field::Cidr6, Field::Primary6, Field::Secondaries6];

/// Opens `details` whenever `open` turns true (a problem in a collapsed
/// card, or a value in it), so that nothing typed or wrong stays hidden.
fn open_when(details: NodeRef<leptos::html::Details>, open: Memo<bool>) {
    Effect::new(move |_| {
        if open.get() {
            if let Some(d) = details.get() {
                d.set_open(true);
            }
        }
    });
}

/// "Start from the instance": the one-liners that read the instance's
/// metadata and print a link to this page with the form filled in
/// (collapsed, near the top of the form).
#[component]
fn Prefill() -> impl IntoView {
    // The page's own location: the printed link comes back here.
    let href = browser::href();
    let base = prefill::link_base(&href);
    // The printed link opens the page in the language it is read in now.
    let page = [("lang", locale().as_str())];
    let linux = Artifact::commands(
        "prefill.linux",
        t(UiText::PrefillLinuxTitle),
        Lang::Sh,
        prefill::linux_command_with(base, &page),
    );
    let windows = Artifact::commands(
        "prefill.powershell",
        t(UiText::PrefillWindowsTitle),
        Lang::PowerShell,
        prefill::powershell_command_with(base, &page),
    );
    view! {
        <details class="card prefill" id="prefill">
            <summary>
                <h2>{t(UiText::PrefillTitle)}</h2>
                <span class="summary-hint">{t(UiText::PrefillSummary)}</span>
            </summary>
            <p class="prefill-intro">{t(UiText::PrefillIntro)}</p>
            <ArtifactView artifact=linux />
            <p class="hint prefill-hint">
                {t(UiText::PrefillLinuxHintStart)}
                <code>"… sh https://… 00:16:3e:12:34:56"</code>
                {t(UiText::PrefillLinuxHintEnd)}
            </p>
            <ArtifactView artifact=windows />
            <p class="hint prefill-hint">
                {t(UiText::PrefillWindowsHintStart)}
                <code>"$Mac"</code>
                {t(UiText::PrefillWindowsHintEnd)}
            </p>
            <Doctor base=base.to_owned() />
        </details>
    }
}

/// The read-only doctor's scripts, under the one-liners.
#[component]
fn Doctor(
    /// The page's own location without its query: the link comes back here.
    base: String,
) -> impl IntoView {
    let dt = |id| wording::doctor_text(locale(), id);
    let linux = Artifact::file(
        "doctor.linux",
        dt(DoctorText::LinuxTitle),
        "doctor.sh",
        0o644,
        Lang::Sh,
        doctor_script::linux_script(&base),
    );
    let windows = Artifact::file(
        "doctor.powershell",
        dt(DoctorText::WindowsTitle),
        "doctor.ps1",
        0o644,
        Lang::PowerShell,
        doctor_script::powershell_script(&base),
    );
    view! {
        <h3 class="doctor-title">{dt(DoctorText::Title)}</h3>
        <p class="prefill-intro">{dt(DoctorText::Intro)}</p>
        <ArtifactView artifact=linux />
        <p class="hint prefill-hint">{dt(DoctorText::LinuxHint)}</p>
        <ArtifactView artifact=windows />
        <p class="hint prefill-hint">{dt(DoctorText::WindowsHint)}</p>
    }
}

/// The language switch (中文 / English): each language named in itself.
/// The choice is stored, and the page loads its own link in that language.
#[component]
pub fn LangSwitch(
    /// Whether the page is embedded (the link keeps `embed=1`).
    embed: bool,
) -> impl IntoView {
    let w = use_wizard();
    // Chinese first, as the switch reads: 中文 / English.
    let buttons = Locale::ALL
        .iter()
        .rev()
        .map(|&l| {
            let switch = move |_| {
                browser::store_lang(l.as_str());
                if l != w.locale {
                    let page = Page { method: w.method.get_untracked(), lang: Some(l), embed };
                    browser::load_query(&w.form.with_untracked(|f| share::link_query(f, &page)));
                }
            };
            view! {
                <button
                    type="button"
                    id=format!("lang-{l}")
                    class="lang-btn"
                    lang=l.html_lang()
                    aria-pressed=if l == w.locale { "true" } else { "false" }
                    on:click=switch
                >
                    {l.own_name()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="lang-switch" role="group" aria-label=t(UiText::Language)>
            {buttons}
        </div>
    }
}

/// Links to Alibaba Cloud's documentation, in the page's language.
#[component]
pub fn DocLinks() -> impl IntoView {
    let l = locale();
    let links = Doc::ALL
        .iter()
        .map(|&d| {
            view! {
                <span><a href=wording::doc_url(l, d) target="_blank" rel="noopener">{t(UiText::Doc(d))}</a></span>
            }
        })
        .collect_view();
    view! { <p class="doc-links">{t(UiText::DocsTitle)}{links}</p> }
}

/// The whole page.
#[component]
pub fn App(
    /// The form (and unknown link parameters) to start with.
    start: Shared,
    /// Whether the page is embedded (`embed=1`): no header or footer.
    embed: bool,
    /// What the doctor's link said about the instance, if it was one.
    #[prop(default = None)]
    doctor: Option<Report>,
    /// The language to start in.
    #[prop(default = Locale::En)]
    locale: Locale,
    /// The method tab to start on (`None`: the OS's first).
    #[prop(default = None)]
    method: Option<Method>,
) -> impl IntoView {
    let w = Wizard::new(start.form, start.unknown, locale, method);
    w.doctor.set(doctor);
    provide_context(w);

    // The URL follows the form, the method tab and the language, and keeps
    // the doctor's findings until they are forgotten; storage keeps the form.
    let found = Memo::new(move |_| w.doctor.with(|r| r.as_ref().map(doctor::to_query)));
    let link = Memo::new(move |_| {
        let page = Page { method: w.method.get(), lang: Some(locale), embed };
        let q = w.form.with(|f| share::link_query(f, &page));
        match found.get() {
            Some(d) if q.is_empty() => d,
            Some(d) => format!("{q}&{d}"),
            None => q,
        }
    });
    let query = Memo::new(move |_| w.form.with(share::to_query));
    Effect::new(move |_| browser::replace_query(&link.get()));
    Effect::new(move |_| browser::store(&query.get()));
    text::set_locale(locale);
    browser::set_document_language(locale.html_lang(), t(UiText::DocumentTitle));
    let (link_copied, link_failed) = (RwSignal::new(false), RwSignal::new(false));
    let copy_link = move |_| copy_and_flash(&browser::href(), link_copied, link_failed);
    let reset = move |_| {
        browser::forget_stored();
        w.unknown.set(Vec::new());
        w.doctor.set(None);
        w.form.set(Form::default());
    };
    // A problem in a field under "Advanced" opens it, so no error stays hidden.
    let advanced = NodeRef::<leptos::html::Details>::new();
    let advanced_problem = Memo::new(move |_| {
        w.problems.with(|ps| ps.iter().any(|p| ADVANCED.contains(&p.field) && p.is_error()))
    });
    open_when(advanced, advanced_problem);
    let ipv6 = NodeRef::<leptos::html::Details>::new();
    let ipv6_used = Memo::new(move |_| {
        w.form.with(|f| IPV6.iter().any(|&field| f.text(field).is_some_and(|t| !t.is_empty())))
            || w.problems.with(|ps| ps.iter().any(|p| IPV6.contains(&p.field)))
    });
    open_when(ipv6, ipv6_used);
    let is_example = Memo::new(move |_| w.form.with(|f| *f == Form::guide_example()));
    let example = move |_| {
        w.unknown.set(Vec::new());
        w.form.set(Form::guide_example());
    };

    view! {
        {(!embed)
            .then(|| {
                view! {
                    <header class="site-header">
                        <div class="header-top">
                            <h1>{t(UiText::SiteTitle)}</h1>
                            <LangSwitch embed=false />
                        </div>
                        <p class="tagline">{t(UiText::Tagline)}</p>
                    </header>
                }
            })}
        <main class="layout">
            <form class="form-side" aria-label=t(UiText::FormName) on:submit=|ev| ev.prevent_default()>
                <div class="toolbar">
                    <button type="button" class="secondary-btn" on:click=copy_link>
                        {copy_label(link_copied, link_failed, UiText::CopyLink, UiText::LinkCopied)}
                    </button>
                    <button type="button" class="secondary-btn" on:click=example>
                        {t(UiText::LoadExample)}
                    </button>
                    <button type="button" class="secondary-btn danger" on:click=reset>
                        {t(UiText::Reset)}
                    </button>
                    {embed.then(|| view! { <LangSwitch embed=true /> })}
                </div>
                {move || {
                    is_example
                        .get()
                        .then(|| {
                            view! {
                                <p class="note info example-note">
                                    <span class="msg-icon" aria-hidden="true">"ℹ"</span>
                                    <span>{t(UiText::ExampleNote)}</span>
                                </p>
                            }
                        })
                }}
                <Prefill />
                <PastePanel />
                <section class="card">
                    <h2>{t(UiText::SectionSystem)}</h2>
                    <OsPicker />
                    <Choices field=Field::Mode choices=MODES />
                </section>
                <section class="card">
                    <h2>{t(UiText::SectionAddresses)}</h2>
                    <TextField field=Field::Cidr placeholder="192.168.1.0/24" inputmode="decimal" />
                    <TextField field=Field::Primary placeholder="192.168.1.201" inputmode="decimal" />
                    <TextField
                        field=Field::Gateway
                        placeholder="192.168.1.253"
                        suggest=suggested_gateway
                        inputmode="decimal"
                    />
                    <Secondaries />
                </section>
                <details class="card advanced" id="ipv6" node_ref=ipv6>
                    <summary>
                        <h2>{t(UiText::SectionIpv6)}</h2>
                        <span class="summary-hint">{t(UiText::Ipv6Summary)}</span>
                    </summary>
                    <TextField field=Field::Cidr6 placeholder="2408:4005:3a8:6300::/64" />
                    <TextField field=Field::Primary6 placeholder="2408:4005:3a8:6300::10" />
                    <TextField field=Field::Secondaries6 placeholder="2408:4005:3a8:6300::11, 2408:4005:3a8:6300::12" />
                </details>
                <section class="card">
                    <h2>{t(UiText::SectionEni)}</h2>
                    <Choices field=Field::EniKind choices=ENI_KINDS />
                    <TextField field=Field::RouteTable inputmode="numeric" placeholder="1001" />
                    <Choices field=Field::EniState choices=ENI_STATES />
                    <InstanceType />
                    <TextField field=Field::Limit inputmode="numeric" />
                </section>
                <details class="card advanced" id="advanced" node_ref=advanced>
                    <summary>
                        <h2>{t(UiText::SectionAdvanced)}</h2>
                        <span class="summary-hint">{t(UiText::AdvancedSummary)}</span>
                    </summary>
                    <TextField field=Field::Interface />
                    <TextField field=Field::Connection />
                    <TextField field=Field::WindowsAlias />
                    <TextField field=Field::Mac placeholder="00:16:3e:12:34:56" />
                    <TextField field=Field::Dns placeholder="100.100.2.136, 100.100.2.138" />
                    <Choices field=Field::Style choices=STYLES />
                    <Choices field=Field::Source choices=SOURCES />
                    <TextField field=Field::Region placeholder="cn-hangzhou" />
                    <TextField field=Field::EniId placeholder="eni-bp1example" />
                    <TextField field=Field::InstanceId placeholder="i-bp1example" />
                </details>
            </form>
            <div class="output-side">
                <Summary />
                <section class="card picture-card" aria-labelledby="picture-title">
                    <h2 id="picture-title">{t(UiText::PictureTitle)}</h2>
                    <SubnetPicture />
                    <Ipv6Picture />
                </section>
                <Outputs />
            </div>
        </main>
        {(!embed)
            .then(|| {
                view! {
                    <footer class="site-footer">
                        <DocLinks />
                        <p>{t(UiText::Footer)}</p>
                    </footer>
                }
            })}
    }
}
