//! No prose outside the wording module: every sentence a person reads is a
//! typed value worded in `src/wording/`, so a second language is one table.
//!
//! This test reads the string literals of `src/render`, `src/plan` and
//! `src/ui` (up to each file's `#[cfg(test)]` module) and fails on every
//! literal that reads like a sentence, unless it is text that goes *into* a
//! generated configuration file or script, which stays ASCII English in
//! every language: a comment (the literal starts with `#`), or a line
//! listed in `tests/prose-allowlist.txt` as `FILE: START OF THE LITERAL`,
//! each with the reason in a comment above it.

// Native only: a wasm32 build runs the browser tests instead.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

/// The string literals of Rust source, with the line each starts on.
/// Comments, char literals and lifetimes are skipped; escapes are kept as
/// written (only the words matter here).
fn literals(src: &str) -> Vec<(usize, String)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    line += usize::from(b[i] == b'\n');
                    i += 1;
                }
                i += 2;
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close: Vec<u8> =
                    std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
                let start = j + 1;
                let end = src[start..]
                    .find(std::str::from_utf8(&close).unwrap_or("\""))
                    .map(|e| start + e);
                let Some(end) = end else { break };
                out.push((line, src[start..end].to_owned()));
                line += src[start..end].matches('\n').count();
                i = end + close.len();
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                let text = src.get(start..j.min(b.len())).unwrap_or_default().to_owned();
                out.push((line, text.clone()));
                line += text.matches('\n').count();
                i = j + 1;
            }
            b'\'' => {
                // A char literal ('a', '\n', '\'') or a lifetime ('a).
                if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                    i += 1;
                } else if b.get(i + 2) == Some(&b'\'') {
                    i += 3;
                } else {
                    // A multi-byte char literal, or a lifetime.
                    let rest = &src[i + 1..];
                    match rest.char_indices().nth(1) {
                        Some((k, '\'')) => i += 1 + k + 1,
                        _ => i += 1,
                    }
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// Small words that sentences have and commands do not.
const GLUE: &[&str] = &[
    "a", "an", "the", "is", "are", "be", "to", "of", "in", "on", "for", "and", "or", "not", "with",
    "it", "its", "this", "that", "by", "from", "as", "at", "no", "any", "each", "every", "only",
    "your", "you", "can", "must", "will", "than", "then", "when", "which", "so", "but", "has",
];

/// Whether a literal reads like a sentence for people: at least four
/// ordinary words, two of them the small words sentences are made with, and
/// words make most of it (shell, YAML and paths do not).
fn reads_like_prose(text: &str) -> bool {
    // Drop format placeholders, `code` spans and escapes.
    let mut plain = String::new();
    let mut depth = 0;
    let mut code = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => code = !code,
            _ if code => {}
            '{' => depth += 1,
            '}' => depth = (depth - 1).max(0),
            '\\' => {
                chars.next();
                plain.push(' ');
            }
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let tokens: Vec<&str> = plain.split_whitespace().collect();
    let words: Vec<&str> = tokens
        .iter()
        .map(|t| t.trim_end_matches([',', '.', ';', ':', '?', '!', ')']).trim_start_matches('('))
        .filter(|t| {
            !t.is_empty()
                && t.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
                && t.chars().skip(1).all(|c| c.is_ascii_lowercase() || c == '\'')
        })
        .collect();
    let glue = words.iter().filter(|w| GLUE.contains(&w.to_ascii_lowercase().as_str())).count();
    words.len() >= 4 && glue >= 2 && words.len() * 10 >= tokens.len() * 6
}

/// Whether a literal is a comment of a generated file or script: `#` (sh,
/// YAML, ifcfg, PowerShell), `rem` (cmd.exe).
fn is_comment(lit: &str) -> bool {
    let t = lit.trim_start_matches("\\n");
    t.starts_with('#') || t.starts_with("rem ") || t.starts_with("@echo off\\nrem ")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_prose_outside_the_wording_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let allow_text = fs::read_to_string(root.join("tests/prose-allowlist.txt"))
        .expect("tests/prose-allowlist.txt is readable");
    let allowed: Vec<(&str, &str)> = allow_text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(": "))
        .collect();
    let mut used = vec![false; allowed.len()];
    let mut files = Vec::new();
    for dir in ["src/render", "src/plan", "src/ui"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 10, "found only {} source files", files.len());
    let mut found = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(root).unwrap_or(f).display().to_string();
        let src = fs::read_to_string(f).unwrap_or_default();
        let src = src.split("\n#[cfg(test)]").next().unwrap_or_default();
        for (line, lit) in literals(src) {
            if !reads_like_prose(&lit) || is_comment(&lit) {
                continue;
            }
            let hit = allowed
                .iter()
                .position(|(file, start)| *file == rel && lit.starts_with(start.trim_end()));
            match hit {
                Some(k) => used[k] = true,
                None => {
                    let start: String = lit.chars().take(60).collect();
                    found.push(format!(
                        "{rel}:{line}: \"{lit}\"\n  allow-list entry: {rel}: {start}"
                    ))
                }
            }
        }
    }
    let stale: Vec<String> = allowed
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|((f, s), _)| format!("{f}: {s}"))
        .collect();
    assert!(
        found.is_empty(),
        "prose outside src/wording (word it there as a typed value; or, for text that goes into a generated file or script, list it in tests/prose-allowlist.txt with the reason):\n{}",
        found.join("\n")
    );
    assert!(
        stale.is_empty(),
        "tests/prose-allowlist.txt lists literals that no longer exist:\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_detector_tells_prose_from_code() {
    assert!(reads_like_prose("The addresses must be assigned to the ENI in the cloud first."));
    assert!(reads_like_prose(
        "Use `nmcli con up`, not `nmcli device reapply`: on NetworkManager 1.42 it drops them."
    ));
    assert!(!reads_like_prose("ip -4 -o addr show dev {} | grep -q ' inet {a}/{p} '"));
    assert!(!reads_like_prose("/etc/sysconfig/network-scripts/ifcfg-{name}"));
    assert!(!reads_like_prose("nmcli con modify {con} +ipv4.addresses {a}/{prefix}"));
    let lits = literals(
        "let a = \"one two three\"; // \"not this\"\nlet b = r#\"raw \"x\" two\"#; let c = '\"';",
    );
    let texts: Vec<&str> = lits.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(texts, ["one two three", "raw \"x\" two"]);
}
