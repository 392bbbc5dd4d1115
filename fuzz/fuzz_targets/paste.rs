//! The paste reader on arbitrary text: `read` and `propose` never panic,
//! every line they report exists and holds the address it names, and
//! `apply` then `Undo::restore` gives the form back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wizard::paste::{apply, line_text, propose, read, Lines, Pick};
use wizard::plan::Form;

/// The text of lines `l`, whitespace removed (a wrapped value spans lines).
fn span(text: &str, l: Lines) -> String {
    (l.first..=l.last)
        .filter_map(|n| line_text(text, n))
        .flat_map(|t| t.chars().filter(|c| !c.is_whitespace()).collect::<Vec<_>>())
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let f = read(&text);
    assert_eq!(read(&text), f, "read is not deterministic");
    let inside = |l: Lines| 1 <= l.first && l.first <= l.last && l.last <= f.lines;
    for i in &f.interfaces {
        assert!(inside(i.name.origin.lines), "{:?}", i.name);
        for a in &i.addresses {
            assert!(inside(a.ip.origin.lines), "{:?}", a.ip);
            let ip = a.ip.value.to_string();
            assert!(span(&text, a.ip.origin.lines).contains(&ip), "{ip} not on {:?}", a.ip.origin);
        }
    }
    for r in &f.routes {
        assert!(inside(r.origin.lines), "{r:?}");
        if let Some(g) = r.gateway {
            assert!(span(&text, r.origin.lines).contains(&g.to_string()), "{r:?}");
        }
    }
    for d in &f.dns {
        let ip = d.server.value.to_string();
        assert!(span(&text, d.server.origin.lines).contains(&ip), "{d:?}");
    }
    for b in &f.blocks {
        assert!(inside(b.lines), "{b:?}");
    }
    for pick in [Pick::Auto, Pick::Mac("00:16:3e:12:34:56".into()), Pick::Name("eth0".into())] {
        let p = propose(&f, &pick);
        for v in &p.values {
            assert!(!v.from.is_empty() && v.from.iter().all(|o| inside(o.lines)), "{v:?}");
        }
        let before = Form::guide_example();
        let mut form = before.clone();
        let undo = apply(&mut form, &p.values);
        assert!(undo.restore(&mut form).is_empty());
        assert_eq!(form, before, "undo did not give the form back");
    }
});
