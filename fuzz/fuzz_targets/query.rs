//! The URL query and form.txt parsers, and the doctor's parameters in a
//! link: never panic on any input, and `to_query` / `from_query`
//! round-trip wherever they must.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wizard::plan::form::split_list;
use wizard::plan::Form;
use wizard::share::{decode, encode, from_lines, from_query, to_query};

/// The form as a query reproduces it: the secondaries come back as one row
/// per address (an all-blank list as the single empty row).
fn normalised(form: &Form) -> Form {
    let items: Vec<String> =
        form.secondaries.iter().flat_map(|r| split_list(r)).map(str::to_owned).collect();
    Form { secondaries: if items.is_empty() { vec![String::new()] } else { items }, ..form.clone() }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    // Any text reads without panic, as a query and as form.txt lines.
    let shared = from_query(&text);
    let _ = from_lines(&text);

    // Percent-encoding round-trips any string; decoding never panics.
    let decoded = decode(&text);
    assert_eq!(decode(&encode(&decoded)), decoded);

    // Whatever a query read, its canonical query reads back as the same form.
    let form = shared.form;
    let q = to_query(&form);
    let again = from_query(&q);
    assert_eq!(again.form, normalised(&form), "query {q:?}");
    assert!(again.unknown.is_empty(), "to_query wrote unknown params: {q:?}");
    assert_eq!(to_query(&again.form), q, "to_query is not canonical");

    // The doctor's parameters: read, found on any form, written back the same.
    if let Some(report) = wizard::doctor::from_query(&text) {
        let _ = wizard::doctor::findings(&report, &form);
        let _ = wizard::doctor::findings(&report, &Form::guide_example());
        let q = wizard::doctor::to_query(&report);
        assert_eq!(wizard::doctor::from_query(&q), Some(report), "doctor query {q:?}");
    }

    // A form built from arbitrary field text round-trips too.
    let mut parts = text.split('\u{1f}');
    let mut next = |d: &str| parts.next().map(str::to_owned).unwrap_or_else(|| d.to_owned());
    let base = Form::guide_example();
    let built = Form {
        os: next(&base.os),
        connection: next(&base.connection),
        windows_alias: next(&base.windows_alias),
        interface: next(&base.interface),
        cidr: next(&base.cidr),
        primary: next(&base.primary),
        secondaries: vec![next(""), next("")],
        dns: next(&base.dns),
        region: next(&base.region),
        instance_id: next(&base.instance_id),
        ..base
    };
    assert_eq!(from_query(&to_query(&built)).form, normalised(&built));
});
