//! The form: every field labelled, with a hint where to find the real value
//! and its problems right below it (`data-error-for` / `data-warning-for`,
//! linked with `aria-describedby`, the input `aria-invalid`).

use leptos::prelude::*;

use super::text::locale;
use super::text::{
    field_hint, field_label, hint_id, input_id, message, messages_id, os_label, problem_sentence,
    prose, t,
};
use super::use_wizard;
use crate::catalog::instance_types;
use crate::catalog::{Family, Os};
use crate::doctor::Finding;
use crate::paste::Level;
use crate::plan::{edit, limit, Field, Form};
use crate::wording::{self, Choice, UiMessage, UiText};

/// The messages of one field: errors and warnings, each a sentence.
#[component]
pub fn Messages(
    /// The field whose problems to list.
    field: Field,
) -> impl IntoView {
    let w = use_wizard();
    let param = field.param();
    view! {
        <div class="messages" id=messages_id(field) aria-live="polite">
            {move || {
                w.problems_of(field)
                    .into_iter()
                    .map(|p| {
                        let error = p.is_error();
                        view! {
                            <p
                                class={if error { "msg error" } else { "msg warning" }}
                                data-error-for=error.then_some(param)
                                data-warning-for=(!error).then_some(param)
                            >
                                <span class="msg-icon" aria-hidden="true">
                                    {if error { "✖" } else { "⚠" }}
                                </span>
                                <span>{prose(&problem_sentence(&p))}</span>
                            </p>
                        }
                    })
                    .collect_view()
            }}
            {move || {
                w.findings_of(field).into_iter().map(|f| view! { <DoctorFinding finding=f /> }).collect_view()
            }}
        </div>
    }
}

/// One of the doctor's findings on a field: its sentence, and the commands
/// that act on it where there are some.
#[component]
pub fn DoctorFinding(
    /// The finding.
    finding: Finding,
) -> impl IntoView {
    let w = use_wizard();
    let warning = finding.level == Level::Warning;
    let kind = finding.kind.clone();
    let commands = move || w.form.with(|f| kind.commands(f));
    view! {
        <div
            class={if warning { "msg warning doctor" } else { "msg note doctor" }}
            data-doctor-for=finding.field.param()
        >
            <span class="msg-icon" aria-hidden="true">{if warning { "⚠" } else { "ℹ" }}</span>
            <div>
                <p>{wording::doctor_finding(locale(), &finding)}</p>
                {move || commands().map(|c| view! { <pre class="code doctor-commands"><code>{c}</code></pre> })}
            </div>
        </div>
    }
}

/// Whether `field` has an error (for `aria-invalid`).
fn has_error(field: Field) -> bool {
    use_wizard().problems.with(|ps| ps.iter().any(|p| p.field == field && p.is_error()))
}

/// `aria-describedby` for a field: its hint and, when it has any, its messages.
fn described_by(field: Field, hint: bool) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let w = use_wizard();
        let mut ids = Vec::new();
        if hint {
            ids.push(hint_id(field));
        }
        if w.problems.with(|ps| ps.iter().any(|p| p.field == field))
            || w.findings.with(|fs| fs.iter().any(|f| f.field == field))
        {
            ids.push(messages_id(field));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// Writes a single-valued field of the form (the secondary rows have their own editor).
fn set_text(form: &mut Form, field: Field, value: String) {
    if let Some(slot) = form.text_mut(field) {
        *slot = value;
    }
}

/// A labelled one-line text input bound to one form value; its label and
/// hint (where to find the real value) are the field's wording.
#[component]
pub fn TextField(
    /// The field (names the input and its messages).
    field: Field,
    /// An example value shown while empty.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    /// The value the field suggests while empty (overrides `placeholder`).
    #[prop(optional)]
    suggest: Option<fn(&Form) -> Option<String>>,
    /// `inputmode` for on-screen keyboards (`decimal`, `numeric`).
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let w = use_wizard();
    let id = input_id(field);
    let hint = field_hint(field);
    view! {
        <div class="field">
            <label for=id.clone()>{field_label(field)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id(field)>{prose(h)}</p> })}
            <input
                id=id
                name=field.param()
                type="text"
                autocomplete="off"
                spellcheck="false"
                autocapitalize="off"
                inputmode=inputmode
                placeholder=move || {
                    suggest
                        .and_then(|s| w.form.with(s))
                        .or_else(|| placeholder.map(str::to_owned))
                }
                prop:value=move || w.form.with(|f| f.text(field).unwrap_or_default().to_owned())
                on:input:target=move |ev| {
                    let value = ev.target().value();
                    w.edit(|f| set_text(f, field, value));
                }
                aria-invalid=move || has_error(field).then_some("true")
                aria-describedby=described_by(field, hint.is_some())
            />
            <Messages field=field />
        </div>
    }
}

/// The OS picker: one `<optgroup>` per family, versions inside.
#[component]
pub fn OsPicker() -> impl IntoView {
    let w = use_wizard();
    let field = Field::Os;
    let groups = Family::ALL
        .iter()
        .map(|&family| {
            let options = Os::of_family(family)
                .map(|os| {
                    let id = os.as_str();
                    view! {
                        <option value=id selected=move || w.form.with(|f| f.os == id)>
                            {os_label(os)}
                        </option>
                    }
                })
                .collect_view();
            view! { <optgroup label=family.label()>{options}</optgroup> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=input_id(field)>{field_label(field)}</label>
            <select
                id=input_id(field)
                name=field.param()
                on:change:target=move |ev| {
                    let value = ev.target().value();
                    w.edit(|f| f.os = value);
                }
                prop:value=move || w.form.with(|f| f.os.clone())
                aria-invalid=move || has_error(field).then_some("true")
                aria-describedby=described_by(field, false)
            >
                {groups}
            </select>
            <Messages field=field />
        </div>
    }
}

/// A group of radio buttons for a closed choice, each with a one-line
/// explanation; the legend is the field's label.
#[component]
pub fn Choices(
    /// The field.
    field: Field,
    /// The options, in the order shown.
    choices: &'static [Choice],
) -> impl IntoView {
    let w = use_wizard();
    let param = field.param();
    let items = choices
        .iter()
        .map(|&choice| {
            let value = choice.id();
            let id = format!("f-{param}-{value}");
            let explain_id = format!("d-{param}-{value}");
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        id=id.clone()
                        name=param
                        value=value
                        aria-describedby=explain_id.clone()
                        prop:checked=move || w.form.with(|f| f.text(field) == Some(value))
                        on:change=move |_| w.edit(|f| set_text(f, field, value.to_owned()))
                    />
                    <div class="radio-text">
                        <label for=id class="radio-label">{t(UiText::ChoiceLabel(choice))}</label>
                        <span class="radio-explain" id=explain_id>{prose(t(UiText::ChoiceHelp(choice)))}</span>
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choice" id=input_id(field) aria-describedby=described_by(field, false)>
            <legend>{field_label(field)}</legend>
            {items}
            <Messages field=field />
        </fieldset>
    }
}

/// The secondary addresses: one row each (add, remove), a paste box that
/// splits a list, and "fill N free addresses".
#[component]
pub fn Secondaries() -> impl IntoView {
    let w = use_wizard();
    let rows = Memo::new(move |_| w.form.with(|f| f.secondaries.len()));
    let paste = RwSignal::new(String::new());
    let fill = RwSignal::new(String::from("1"));
    let add_row = move |_| w.edit(|f| f.secondaries.push(String::new()));
    let add_pasted = move |_| {
        let text = paste.get_untracked();
        if w.edit_if(|f| edit::add_pasted(f, &text)) {
            paste.set(String::new());
        }
    };
    let fill_free = move |_| {
        let n = edit::fill_count(&fill.get_untracked());
        w.edit_if(|f| edit::fill_free(f, n));
    };
    let can_fill = move || w.form.with(edit::can_fill);
    let field = Field::Secondaries;
    view! {
        <fieldset
            class="secondaries"
            id=input_id(field)
            aria-describedby=described_by(field, true)
        >
            <legend>{field_label(field)}</legend>
            <p class="hint" id=hint_id(field)>
                {field_hint(field).map(prose)}
            </p>
            <ol class="sec-rows">
                // Rebuilt when the number of rows changes (buttons only, never
                // while typing): smaller in the bundle than a keyed <For>.
                {move || (0..rows.get()).map(|i| view! { <SecondaryRow index=i /> }).collect_view()}
            </ol>
            <Messages field=field />
            <div class="row-actions">
                <button type="button" class="secondary-btn" on:click=add_row>
                    {t(UiText::AddAddress)}
                </button>
            </div>
            <details class="tools">
                <summary>{t(UiText::SecondaryTools)}</summary>
                <div class="field">
                    <label for="f-sec-paste">{t(UiText::PasteLabel)}</label>
                    <p class="hint">{t(UiText::PasteHint)}</p>
                    <textarea
                        id="f-sec-paste"
                        rows="3"
                        spellcheck="false"
                        prop:value=move || paste.get()
                        on:input:target=move |ev| paste.set(ev.target().value())
                    ></textarea>
                    <button type="button" class="secondary-btn" on:click=add_pasted>
                        {t(UiText::AddPasted)}
                    </button>
                </div>
                <div class="field inline">
                    <label for="f-sec-fill">{t(UiText::FillLabel)}</label>
                    <input
                        id="f-sec-fill"
                        type="number"
                        min="1"
                        max=edit::MAX_FILL.to_string()
                        inputmode="numeric"
                        prop:value=move || fill.get()
                        on:input:target=move |ev| fill.set(ev.target().value())
                    />
                    <button
                        type="button"
                        class="secondary-btn"
                        on:click=fill_free
                        disabled=move || !can_fill()
                    >
                        {t(UiText::FillFree)}
                    </button>
                </div>
            </details>
        </fieldset>
    }
}

/// One secondary row: its input, a remove button and its messages.
#[component]
fn SecondaryRow(
    /// The row's index in [`Form::secondaries`].
    index: usize,
) -> impl IntoView {
    let w = use_wizard();
    let field = Field::Secondary(index);
    let id = input_id(field);
    let remove = move |_| w.edit(|f| edit::remove_secondary(f, index));
    view! {
        <li class="sec-row">
            <div class="sec-line">
                <label class="visually-hidden" for=id.clone()>
                    {field_label(field)}
                </label>
                <input
                    id=id
                    name="sec"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    inputmode="decimal"
                    placeholder="192.168.1.202"
                    prop:value=move || {
                        w.form.with(|f| f.secondaries.get(index).cloned().unwrap_or_default())
                    }
                    on:input:target=move |ev| {
                        let value = ev.target().value();
                        w.edit(|f| {
                            if let Some(row) = f.secondaries.get_mut(index) {
                                *row = value;
                            }
                        });
                    }
                    aria-invalid=move || has_error(field).then_some("true")
                    aria-describedby=described_by(field, false)
                />
                <button
                    type="button"
                    class="icon-btn"
                    aria-label=message(&UiMessage::RemoveRow { row: index })
                    title=t(UiText::Remove)
                    on:click=remove
                >
                    "✕"
                </button>
            </div>
            <Messages field=field />
        </li>
    }
}

/// The instance-type search: matching names as you type, and the per-ENI
/// limit with how many addresses remain.
#[component]
pub fn InstanceType() -> impl IntoView {
    let w = use_wizard();
    let field = Field::InstanceType;
    let open = RwSignal::new(false);
    let query = move || w.form.with(|f| f.instance_type.trim().to_owned());
    let matches = Memo::new(move |_| {
        let q = query();
        if q.is_empty() || instance_types::lookup(&q).is_some() {
            Vec::new()
        } else {
            instance_types::search(&q, 8)
                .into_iter()
                .map(|t| (t.name, t.private_ipv4_per_eni))
                .collect()
        }
    });
    let active = RwSignal::new(None::<usize>);
    let shown = move || open.get() && !matches.with(Vec::is_empty);
    let choose = move |name: &'static str| {
        w.edit(|f| f.instance_type = name.to_owned());
        open.set(false);
        active.set(None);
    };
    // The combobox pattern: focus stays in the input, arrow keys move the
    // active option (aria-activedescendant), Enter picks it, Escape closes.
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = matches.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                let picked = active
                    .get_untracked()
                    .and_then(|i| matches.with_untracked(|m| m.get(i).map(|t| t.0)));
                if let (true, Some(name)) = (shown(), picked) {
                    ev.prevent_default();
                    choose(name);
                }
            }
            "Escape" => {
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };
    view! {
        <div class="field type-search">
            <label for=input_id(field)>{field_label(field)}</label>
            <p class="hint" id=hint_id(field)>
                {field_hint(field).map(prose)}
            </p>
            <input
                id=input_id(field)
                name=field.param()
                type="text"
                role="combobox"
                aria-autocomplete="list"
                aria-controls="type-list"
                aria-expanded=move || if shown() { "true" } else { "false" }
                aria-activedescendant=move || {
                    if shown() { active.get().map(|i| format!("type-opt-{i}")) } else { None }
                }
                autocomplete="off"
                spellcheck="false"
                autocapitalize="off"
                placeholder="ecs.g7.large"
                prop:value=move || w.form.with(|f| f.instance_type.clone())
                on:input:target=move |ev| {
                    let value = ev.target().value();
                    w.edit(|f| f.instance_type = value);
                    open.set(true);
                    active.set(None);
                }
                on:keydown=keydown
                aria-invalid=move || has_error(field).then_some("true")
                aria-describedby=described_by(field, true)
            />
            {move || shown().then(|| view! {
                <ul class="type-list" id="type-list" role="listbox" aria-label=t(UiText::MatchingTypes)>
                    {move || {
                        matches
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, (name, per_eni))| {
                                let selected = move || active.get() == Some(i);
                                view! {
                                    <li
                                        role="option"
                                        id=format!("type-opt-{i}")
                                        class:active=selected
                                        aria-selected=move || if selected() { "true" } else { "false" }
                                        on:mousedown=|ev| ev.prevent_default()
                                        on:click=move |_| choose(name)
                                    >
                                        <span class="type-name">{name}</span>
                                        <span class="type-limit">{message(&UiMessage::TypeLimit { per_eni })}</span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            })}
            <Messages field=field />
            <LimitInfo />
        </div>
    }
}

/// The per-ENI limit in force and how many addresses remain under it.
#[component]
fn LimitInfo() -> impl IntoView {
    let w = use_wizard();
    let status = Memo::new(move |_| w.form.with(limit::limit_status));
    move || {
        let s = status.get();
        let limit = s.limit?;
        let remaining = s.remaining.unwrap_or(0);
        let text = message(&UiMessage::Limit {
            per_eni: limit.per_eni,
            source: limit.source,
            used: s.used,
            remaining,
        });
        Some(view! {
            <p class={if remaining >= 0 { "limit-info" } else { "limit-info over" }} aria-live="polite">
                {text}
            </p>
        })
    }
}
