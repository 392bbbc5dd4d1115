//! Component tests in a real browser (wasm-bindgen-test): the app mounted
//! into a fresh element, driven by DOM events like a user would.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! cargo test --target wasm32-unknown-unknown --test ui_components`
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos::web_sys::{self, js_sys, HtmlElement, HtmlInputElement};
use wasm_bindgen_test::*;
use wizard::plan::Form;
use wizard::share::Shared;
use wizard::ui::app::App;
use wizard::wording::Locale;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app with `form` into a new element and returns that element.
fn mount_app(form: Form) -> HtmlElement {
    mount_app_in(form, Locale::En)
}

/// [`mount_app`] in a language.
fn mount_app_in(form: Form, locale: Locale) -> HtmlElement {
    let doc = document();
    let host: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let start = Shared { form, unknown: Vec::new() };
    mount_to(host.clone(), move || view! { <App start=start embed=true locale=locale /> }).forget();
    host
}

fn find(host: &HtmlElement, selector: &str) -> Option<web_sys::Element> {
    host.query_selector(selector).unwrap()
}

/// How many elements under `host` match (querySelectorAll through js_sys:
/// the crate does not enable web-sys's NodeList).
fn count(host: &HtmlElement, selector: &str) -> u32 {
    let f: js_sys::Function =
        js_sys::Reflect::get(host, &"querySelectorAll".into()).unwrap().dyn_into().unwrap();
    let list = f.call1(host, &selector.into()).unwrap();
    js_sys::Reflect::get(&list, &"length".into()).unwrap().as_f64().unwrap() as u32
}

/// Types `value` into the input like a user: sets it and fires `input`.
async fn type_into(host: &HtmlElement, selector: &str, value: &str) {
    let input: HtmlInputElement = find(host, selector).unwrap().dyn_into().unwrap();
    input.set_value(value);
    let ev = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&ev).unwrap();
    // Two turns: the signal's effects, then the effects those schedule
    // (the gateway that follows a new CIDR is written in the second).
    leptos::task::tick().await;
    leptos::task::tick().await;
    outputs_follow().await;
}

/// Calls `f` in the next animation frame callback (just before a paint).
fn in_next_frame(f: impl FnOnce() + 'static) {
    let window = web_sys::window().unwrap();
    let raf: js_sys::Function =
        js_sys::Reflect::get(&window, &"requestAnimationFrame".into()).unwrap().dyn_into().unwrap();
    raf.call1(&window, &Closure::once_into_js(f)).unwrap();
}

/// Calls `f` in a task of its own (a timer of 0).
fn in_a_task(f: impl FnOnce() + 'static) {
    web_sys::window()
        .unwrap()
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            Closure::once_into_js(f).unchecked_ref(),
            0,
        )
        .unwrap();
}

/// A promise that `start` resolves: it is given the resolve function.
async fn until(start: impl FnOnce(js_sys::Function) + 'static) {
    let mut start = Some(start);
    let done = js_sys::Promise::new(&mut |ok, _| (start.take().unwrap())(ok));
    wasm_bindgen_futures::JsFuture::from(done).await.unwrap();
}

/// Waits for the outputs: they follow a valid form's change (and a click
/// on a method tab) in a task after the next paint (a `setTimeout` of 0
/// from an animation frame), so this waits a frame, that task, then the
/// effects it runs.
async fn outputs_follow() {
    until(|ok| {
        in_next_frame(move || {
            in_a_task(move || {
                let _ = ok.call0(&JsValue::NULL);
            })
        })
    })
    .await;
    leptos::task::tick().await;
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn a_bad_primary_ip_shows_its_error_next_to_the_field_and_hides_outputs() {
    let host = mount_app(Form::guide_example());
    leptos::task::tick().await;
    assert!(
        count(&host, ".output-side [data-artifact]") > 0,
        "the guide's example renders outputs"
    );
    assert_eq!(count(&host, "[data-error-for]"), 0);

    type_into(&host, "#f-ip", "192.168.1.300").await;

    let error =
        find(&host, "#m-ip [data-error-for=\"ip\"]").expect("an error under the primary IP");
    let text = error.text_content().unwrap_or_default();
    assert!(text.contains("192.168.1.300"), "the message quotes the value: {text}");
    assert!(text.trim_end().ends_with('.'), "the message is a sentence: {text}");
    let input = find(&host, "#f-ip").unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = input.get_attribute("aria-describedby").unwrap_or_default();
    assert!(described.split(' ').any(|id| id == "m-ip"), "aria-describedby: {described}");
    assert_eq!(
        count(&host, ".output-side [data-artifact]"),
        0,
        "no output while the form is invalid"
    );
    assert_eq!(
        count(&host, ".output-side .copy-btn"),
        0,
        "nothing to copy while the form is invalid"
    );
}

#[wasm_bindgen_test]
async fn fixing_the_ip_brings_the_outputs_back() {
    let host = mount_app(Form { primary: "192.168.1.2x1".into(), ..Form::guide_example() });
    leptos::task::tick().await;
    assert!(find(&host, "[data-error-for=\"ip\"]").is_some());
    assert_eq!(count(&host, ".output-side [data-artifact]"), 0);

    type_into(&host, "#f-ip", "192.168.1.201").await;

    assert!(find(&host, "[data-error-for=\"ip\"]").is_none(), "the error is gone");
    let input = find(&host, "#f-ip").unwrap();
    assert_eq!(input.get_attribute("aria-invalid"), None);
    let netplan =
        find(&host, "[data-artifact=\"netplan.configure.file\"]").expect("the netplan file");
    let text = netplan.text_content().unwrap_or_default();
    assert!(text.contains("192.168.1.202/24") && text.contains("192.168.1.203/24"), "{text}");
    assert!(count(&host, ".output-side .copy-btn") > 0);
}

#[wasm_bindgen_test]
async fn an_out_of_subnet_secondary_is_flagged_on_its_own_row() {
    let host = mount_app(Form::guide_example());
    leptos::task::tick().await;

    type_into(&host, "#f-sec-1", "10.0.0.5").await;

    let error = find(&host, "#m-sec-1 [data-error-for=\"sec\"]").expect("an error under row 2");
    assert!(error.text_content().unwrap_or_default().contains("outside"));
    assert!(find(&host, "#m-sec-0 [data-error-for]").is_none(), "row 1 is fine");
}

#[wasm_bindgen_test]
async fn the_gateway_follows_a_new_cidr_until_the_user_types_one() {
    let host = mount_app(Form::guide_example());
    leptos::task::tick().await;

    type_into(&host, "#f-cidr", "192.168.1.0/25").await;
    let gw: HtmlInputElement = find(&host, "#f-gw").unwrap().dyn_into().unwrap();
    assert_eq!(gw.value(), "192.168.1.125", "broadcast − 2 of the new range");

    type_into(&host, "#f-gw", "192.168.1.1").await;
    type_into(&host, "#f-cidr", "192.168.1.0/24").await;
    assert_eq!(gw.value(), "192.168.1.1", "the user's gateway is kept");
}

#[wasm_bindgen_test]
async fn the_instance_type_search_limits_the_list() {
    let host = mount_app(Form::guide_example());
    leptos::task::tick().await;

    type_into(&host, "#f-type", "ecs.g7.").await;

    let n = count(&host, "#type-list [role=\"option\"]");
    assert!(n > 0 && n <= 8, "{n} options");
    let list = find(&host, "#type-list").unwrap().text_content().unwrap_or_default();
    assert!(!list.contains("ecs.c7."), "only g7 types: {list}");
}

#[wasm_bindgen_test]
async fn a_link_without_a_gateway_starts_with_the_usual_one() {
    let host = mount_app(Form { gateway: String::new(), ..Form::guide_example() });
    leptos::task::tick().await;
    let gw: HtmlInputElement = find(&host, "#f-gw").unwrap().dyn_into().unwrap();
    assert_eq!(gw.value(), "192.168.1.253");
    assert!(find(&host, "[data-error-for=\"gw\"]").is_none());
}

#[wasm_bindgen_test]
async fn the_prefill_panel_offers_both_commands_for_this_page_even_with_errors() {
    let host = mount_app(Form { primary: "192.168.1.300".into(), ..Form::guide_example() });
    leptos::task::tick().await;
    assert_eq!(count(&host, ".output-side [data-artifact]"), 0, "the form has an error");
    let panel = find(&host, "details#prefill").expect("the pre-fill panel");
    assert!(!panel.has_attribute("open"), "collapsed at first");
    let base = wizard::render::prefill::link_base(&window().location().href().unwrap()).to_owned();
    let linux = find(&host, "[data-artifact=\"prefill.linux\"]").expect("the Linux command");
    let linux = linux.text_content().unwrap_or_default();
    // The printed link opens the page in the language it is read in.
    let page = [("lang", "en")];
    assert_eq!(linux.trim_end(), wizard::render::prefill::linux_command_with(&base, &page));
    let pwsh = find(&host, "[data-artifact=\"prefill.powershell\"]").expect("the PowerShell one");
    let pwsh = pwsh.text_content().unwrap_or_default();
    assert_eq!(pwsh.trim_end(), wizard::render::prefill::powershell_command_with(&base, &page));
    // The read-only doctor's two scripts, for this page too.
    let doctor = find(&host, "[data-artifact=\"doctor.linux\"]").expect("the Linux doctor");
    let doctor = doctor.text_content().unwrap_or_default();
    assert_eq!(doctor, wizard::render::doctor::linux_script(&base));
    assert!(
        find(&host, "[data-artifact=\"doctor.powershell\"]").is_some(),
        "the PowerShell doctor"
    );
    assert_eq!(count(&host, "details#prefill .copy-btn"), 4, "each has its Copy button");
}

#[wasm_bindgen_test]
async fn the_assign_step_links_to_the_missing_ids_and_the_link_opens_advanced() {
    let host = mount_app(Form::guide_example());
    leptos::task::tick().await;
    let region = find(&host, "[data-step=\"assign\"] .missing-ids a[href=\"#f-region\"]")
        .expect("a link to the region field");
    assert!(find(&host, "[data-step=\"assign\"] .missing-ids a[href=\"#f-eniid\"]").is_some());
    let advanced = find(&host, "details#advanced").unwrap();
    assert!(!advanced.has_attribute("open"));
    // Keep the click from navigating the test page.
    let stop = leptos::wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(
        |ev: web_sys::Event| ev.prevent_default(),
    );
    region.add_event_listener_with_callback("click", stop.as_ref().unchecked_ref()).unwrap();
    stop.forget();
    region.dyn_ref::<HtmlElement>().unwrap().click();
    assert!(advanced.has_attribute("open"), "the click opens Advanced");
    let focused = document().active_element().map(|e| e.id()).unwrap_or_default();
    assert_eq!(focused, "f-region");

    type_into(&host, "#f-region", "cn-hangzhou").await;
    type_into(&host, "#f-eniid", "eni-bp1a2b3c4d5e6f7g8h9i").await;
    assert_eq!(count(&host, ".missing-ids"), 0, "nothing is missing any more");
}

#[wasm_bindgen_test]
async fn the_page_speaks_chinese_with_the_switch_showing_it() {
    let host = mount_app_in(Form::guide_example(), Locale::Zh);
    leptos::task::tick().await;
    let label = find(&host, "label[for=\"f-ip\"]").unwrap().text_content();
    assert_eq!(label.as_deref(), Some("主私网 IP"));
    let step = find(&host, "[data-step=\"assign\"] h3").unwrap().text_content();
    assert_eq!(step.as_deref(), Some("在云上分配地址"));
    // An address in a note is set apart, never broken; a command is code.
    assert!(count(&host, "[data-step=\"assign\"] .note .addr") > 0);
    assert!(count(&host, ".hint code") > 0);
    // In embed mode the switch is in the toolbar, Chinese pressed.
    let zh = find(&host, ".toolbar #lang-zh").expect("the switch");
    assert_eq!(zh.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(zh.get_attribute("lang").as_deref(), Some("zh-CN"));
    let en = find(&host, ".toolbar #lang-en").unwrap();
    assert_eq!(en.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert_eq!(
        document().document_element().unwrap().get_attribute("lang").as_deref(),
        Some("zh-CN")
    );
}

/// A few turns: a delivery step's blocks are built by an effect that
/// spawns their (asynchronous) build, whose result is then rendered.
async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
    }
}

#[wasm_bindgen_test]
async fn the_cloud_assistant_block_follows_the_script_and_takes_the_instance_id() {
    let host = mount_app(Form::guide_example());
    leptos::task::tick().await;
    // Closed, it holds no block: they are built when it is opened.
    assert_eq!(count(&host, "[data-step=\"assistant\"] [data-artifact]"), 0);
    assert_eq!(count(&host, "[data-step=\"launch\"] [data-artifact]"), 0);
    let summary: HtmlElement =
        find(&host, "[data-step=\"assistant\"] summary").unwrap().dyn_into().unwrap();
    summary.click();
    settle().await;
    assert!(find(&host, "[data-step=\"assistant\"] details").unwrap().has_attribute("open"));
    assert_eq!(count(&host, "[data-step=\"launch\"] [data-artifact]"), 0, "only the one opened");
    let run = find(&host, "[data-step=\"assistant\"] [data-artifact=\"netplan.assistant.run\"]")
        .expect("the Cloud Assistant run block next to the script");
    assert!(run.text_content().unwrap_or_default().contains("INSTANCE=''"));
    assert_eq!(count(&host, "[data-step=\"assistant\"] [data-artifact]"), 3);
    // Open, it follows the form.
    type_into(&host, "#f-iid", "i-bp1a2b3c4d5e6f7g8h9i").await;
    settle().await;
    let run = find(&host, "[data-artifact=\"netplan.assistant.run\"]").unwrap();
    assert!(run.text_content().unwrap_or_default().contains("i-bp1a2b3c4d5e6f7g8h9i"));
    // Closed again, its blocks are gone (the step was built again for the
    // new form: its summary is a new element).
    let summary: HtmlElement =
        find(&host, "[data-step=\"assistant\"] summary").unwrap().dyn_into().unwrap();
    summary.click();
    settle().await;
    assert!(!find(&host, "[data-step=\"assistant\"] details").unwrap().has_attribute("open"));
    assert_eq!(count(&host, "[data-step=\"assistant\"] [data-artifact]"), 0);
}

/// The outputs of a valid form follow it one task later; an error hides
/// them in the same turn, before any task: a form with an error never
/// shows the outputs of the form before it.
#[wasm_bindgen_test]
async fn an_error_hides_the_outputs_at_once_and_a_fix_brings_them_a_task_later() {
    let host = mount_app(Form::guide_example());
    leptos::task::tick().await;
    let input: HtmlInputElement = find(&host, "#f-ip").unwrap().dyn_into().unwrap();
    let set = |value: &str| {
        input.set_value(value);
        input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    };
    set("192.168.1.300");
    leptos::task::tick().await;
    assert_eq!(count(&host, ".output-side [data-artifact]"), 0, "hidden before any task");
    set("192.168.1.201");
    leptos::task::tick().await;
    assert_eq!(count(&host, ".output-side [data-artifact]"), 0, "not in the input's own turn");
    outputs_follow().await;
    assert!(count(&host, ".output-side [data-artifact]") > 0, "back a task later");
}

/// Runs `f` in an animation frame callback (just before a paint, with the
/// next frame about 16 ms away), then waits two tasks: the second comes
/// after any timer of 0 that `f`'s effects set (they run in microtasks
/// after the callback), and before the next frame.
async fn in_a_frame_then_a_task(f: impl FnOnce() + 'static) {
    until(|ok| {
        in_next_frame(move || {
            f();
            in_a_task(move || {
                in_a_task(move || {
                    let _ = ok.call0(&JsValue::NULL);
                })
            })
        })
    })
    .await;
    leptos::task::tick().await;
}

/// Types `value` into the input in an animation frame callback, then
/// waits for a task before the next frame ([`in_a_frame_then_a_task`]).
async fn type_in_a_frame(host: &HtmlElement, selector: &str, value: &'static str) {
    let input: HtmlInputElement = find(host, selector).unwrap().dyn_into().unwrap();
    in_a_frame_then_a_task(move || {
        input.set_value(value);
        input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    })
    .await;
}

/// The text of the element `selector` finds (empty if none).
fn text_of(host: &HtmlElement, selector: &str) -> String {
    find(host, selector).and_then(|e| e.text_content()).unwrap_or_default()
}

/// The text of the method panel (its steps, notes and blocks).
fn outputs_text(host: &HtmlElement) -> String {
    text_of(host, "#method-panel")
}

#[wasm_bindgen_test]
async fn an_edit_is_painted_before_the_outputs_follow_it() {
    let host = mount_app(Form::guide_example());
    leptos::task::tick().await;
    assert!(!outputs_text(&host).contains("192.168.1.177"));
    type_in_a_frame(&host, "#f-sec-1", "192.168.1.177").await;
    // A task after the input, but before its paint: the outputs still
    // show the plan before it (a timer set in the input's turn had run).
    assert!(!outputs_text(&host).contains("192.168.1.177"), "not before the input's paint");
    assert!(outputs_text(&host).contains("192.168.1.203"));
    outputs_follow().await;
    assert!(outputs_text(&host).contains("192.168.1.177"), "after it");
}

#[wasm_bindgen_test]
async fn a_method_tab_is_selected_at_once_and_its_panel_follows_the_paint() {
    let host = mount_app(Form::guide_example());
    leptos::task::tick().await;
    let panel = || find(&host, "#method-panel").unwrap().get_attribute("aria-labelledby");
    let first = panel().expect("a panel labelled by its tab");
    let other: HtmlElement = find(&host, &format!("[role=tab]:not(#{first})"))
        .expect("a second method tab")
        .dyn_into()
        .unwrap();
    let other_id = other.id();
    let clicked = other.clone();
    in_a_frame_then_a_task(move || clicked.click()).await;
    assert_eq!(other.get_attribute("aria-selected").as_deref(), Some("true"), "the tab at once");
    assert_eq!(panel().as_deref(), Some(first.as_str()), "the panel not before the paint");
    outputs_follow().await;
    assert_eq!(panel(), Some(other_id), "the panel after it");
}

/// The subnet picture's text (its facts and every cell's title).
fn picture_text(host: &HtmlElement) -> String {
    text_of(host, ".picture")
}

#[wasm_bindgen_test]
async fn the_subnet_picture_follows_an_edit_after_its_paint() {
    let host = mount_app(Form::guide_example());
    leptos::task::tick().await;
    assert!(picture_text(&host).contains("192.168.1.177: free"));
    type_in_a_frame(&host, "#f-sec-1", "192.168.1.177").await;
    assert!(picture_text(&host).contains("192.168.1.177: free"), "not before the input's paint");
    outputs_follow().await;
    assert!(picture_text(&host).contains("192.168.1.177: secondary IP"), "after it");
    assert!(picture_text(&host).contains("192.168.1.203: free"));
}
