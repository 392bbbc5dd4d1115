//! One method's whole runbook as Markdown, in the reader's language: the
//! heading (OS and method), the link back to the form, the method's notes,
//! then every step with its notes and every block fenced with its language
//! (`sh`, `powershell`, `bat`, `yaml`, `ini`, `hcl`, `text`), the all-in-one
//! script, the same script through Cloud Assistant and at launch, and the
//! documentation links. What "Copy as Markdown" copies.
//!
//! The blocks are copied byte for byte; only the prose around them is
//! escaped, outside its `code` spans.

use std::fmt::Write as _;

use super::{Artifact, ArtifactKind, Lang, Note, NoteLevel, Rendering};
use crate::plan::Plan;
use crate::wording::{self, Doc, Locale, UiMessage, UiText};

/// The runbook of `rendering` (a rendering of `plan`) in `locale`; `link`
/// is the page's link to this form.
///
/// ```
/// use wizard::catalog::Method;
/// use wizard::plan::{validate, Form};
/// use wizard::render::{markdown::runbook, render_in};
/// use wizard::wording::Locale;
/// let plan = validate(&Form::guide_example()).unwrap();
/// let md = runbook(&plan, &render_in(&plan, Method::Netplan, Locale::Zh), Locale::Zh, "https://w.example/?lang=zh");
/// assert!(md.starts_with("# 辅助私网 IP：Ubuntu 22.04，netplan\n"));
/// assert!(md.contains("\n```yaml\n"));
/// ```
pub fn runbook(plan: &Plan, rendering: &Rendering, locale: Locale, link: &str) -> String {
    let ui = |id: UiText| wording::ui(locale, id);
    let mut out = String::new();
    let title = UiMessage::RunbookTitle {
        os: wording::os_label(locale, plan.os),
        method: wording::method_label(locale, rendering.method).to_owned(),
    };
    let _ = writeln!(out, "# {}\n", prose(&wording::ui_message(locale, &title)));
    let _ = writeln!(out, "{}<{link}>\n", lead(ui(UiText::MdLink)));
    notes(&mut out, locale, &rendering.notes);
    let mut n = 0;
    for step in &rendering.steps {
        n += 1;
        let _ = writeln!(out, "## {n}. {}\n", prose(&wording::step_title(locale, step.kind)));
        notes(&mut out, locale, &step.notes);
        for a in &step.artifacts {
            block(&mut out, locale, a);
        }
    }
    let _ = writeln!(out, "## {}. {}\n", n + 1, prose(ui(UiText::ScriptTitle)));
    let _ = writeln!(out, "{}\n", prose(ui(UiText::ScriptNote)));
    block(&mut out, locale, &rendering.script);
    // The same script through Cloud Assistant, then at launch: computed
    // here, as the page computes them only when they are opened.
    let (assistant, launch) = (rendering.assistant(plan, locale), rendering.launch(plan, locale));
    for (k, (title, notes_of, blocks)) in [
        (UiText::AssistantTitle, &assistant.notes, &assistant.artifacts),
        (UiText::LaunchTitle, &launch.notes, &launch.artifacts),
    ]
    .into_iter()
    .enumerate()
    {
        let _ = writeln!(out, "## {}. {}\n", n + 2 + k, prose(ui(title)));
        notes(&mut out, locale, notes_of);
        for a in blocks {
            block(&mut out, locale, a);
        }
    }
    let docs: Vec<String> = Doc::ALL
        .iter()
        .map(|&d| format!("[{}]({})", prose(ui(UiText::Doc(d))), wording::doc_url(locale, d)))
        .collect();
    let _ = writeln!(out, "---\n\n{}{}", lead(ui(UiText::DocsTitle)), docs.join(" · "));
    out
}

/// A label before what it introduces ("The form:", "表单："): a space
/// follows it, unless it ends in full-width punctuation, as Chinese does.
fn lead(label: &str) -> String {
    format!("{}{}", prose(label), gap(label))
}

/// What follows a label: nothing after full-width punctuation, else a space.
fn gap(label: &str) -> &'static str {
    let wide =
        label.ends_with(|c: char| matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}'));
    if wide {
        ""
    } else {
        " "
    }
}

/// The notes as a list, warnings marked.
fn notes(out: &mut String, locale: Locale, notes: &[Note]) {
    for n in notes {
        let text = prose(&n.text);
        match n.level {
            NoteLevel::Info => {
                let _ = writeln!(out, "- {text}");
            }
            NoteLevel::Warning => {
                let label = wording::ui(locale, UiText::MdWarning);
                let _ = writeln!(out, "- **{}**{}{text}", prose(label), gap(label));
            }
        }
    }
    if !notes.is_empty() {
        out.push('\n');
    }
}

/// One block: its heading, the file's path and mode, the fenced content,
/// and what its output must show.
fn block(out: &mut String, locale: Locale, a: &Artifact) {
    let _ = writeln!(out, "### {}\n", prose(&a.title));
    if let ArtifactKind::File { path, mode } = &a.kind {
        let at = UiMessage::FileAt { path: path.clone(), mode: *mode };
        let _ = writeln!(out, "{}\n", prose(&wording::ui_message(locale, &at)));
    }
    let fence = fence_for(&a.content);
    let _ = write!(out, "{fence}{}\n{}{fence}\n\n", fence_lang(a.lang), a.content);
    if !a.expect.is_empty() {
        let _ = writeln!(out, "{}\n", prose(wording::ui(locale, UiText::ExpectIntro)));
        for e in &a.expect {
            let _ = writeln!(out, "- {}", code_span(e));
        }
        out.push('\n');
    }
}

/// The info string of a block's fence.
const fn fence_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::Sh => "sh",
        Lang::PowerShell => "powershell",
        Lang::Cmd => "bat",
        Lang::Yaml => "yaml",
        Lang::Ini => "ini",
        Lang::Text => "text",
        Lang::Hcl => "hcl",
    }
}

/// A fence longer than any run of backticks in `content` (three at least).
fn fence_for(content: &str) -> String {
    let longest = content.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat((longest + 1).max(3))
}

/// `text` as a code span, with enough backticks around it.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// Prose for Markdown: outside its `code` spans, the characters Markdown
/// would read as markup are escaped (an intra-word `_` is left alone).
fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    let paired = text.matches('`').count().is_multiple_of(2);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '`' && (paired || in_code) {
            in_code = !in_code;
            out.push(c);
            continue;
        }
        if !in_code {
            let word = |j: Option<&char>| j.is_some_and(|c| c.is_alphanumeric());
            let escape = match c {
                '\\' | '*' | '<' | '>' | '[' | ']' | '`' => true,
                '_' => {
                    !(word(i.checked_sub(1).and_then(|j| chars.get(j))) && word(chars.get(i + 1)))
                }
                _ => false,
            };
            if escape {
                out.push('\\');
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_escapes_markup_outside_code() {
        let cases = [
            ("plain 10.0.0.5", "plain 10.0.0.5"),
            ("Find the ENI <eni-id>", "Find the ENI \\<eni-id\\>"),
            ("keys of [ipv4] and *all*", "keys of \\[ipv4\\] and \\*all\\*"),
            ("net.ipv4.conf.eth0.promote_secondaries", "net.ipv4.conf.eth0.promote_secondaries"),
            ("_x_ and a\\b", "\\_x\\_ and a\\\\b"),
            ("run `a <b> *c*` now", "run `a <b> *c*` now"),
            ("a lone ` tick", "a lone \\` tick"),
            ("中文 `ip a`：<x>", "中文 `ip a`：\\<x\\>"),
        ];
        for (text, want) in cases {
            assert_eq!(prose(text), want, "{text:?}");
        }
    }

    #[test]
    fn fences_outgrow_the_backticks_inside() {
        assert_eq!(fence_for("echo hi\n"), "```");
        assert_eq!(fence_for("x=`date`\n"), "```");
        assert_eq!(fence_for("```\n"), "````");
        assert_eq!(fence_for("a ````` b"), "``````");
        assert_eq!(code_span("inet 10.0.0.5/24"), "`inet 10.0.0.5/24`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
    }
}
