//! Plan → everything a user copies: for one method, an ordered list of steps
//! (Assign, Configure, Apply, Verify, Undo), notes, and one all-in-one script.
//!
//! One module per format; every free-text value goes through [`quote`].
//! Output is normalised: `\n` line endings, exactly one trailing newline per
//! artifact, stable order.

pub mod alias;
pub mod assistant;
pub mod cloud;
pub mod declare;
pub mod doctor;
pub mod launch;
pub mod linux;
pub mod markdown;
pub mod metadata;
pub mod prefill;
pub mod quote;
pub mod recipe;
pub mod routing;
pub mod script;
pub mod template;

mod ifcfg;
mod ifupdown;
mod ifupdown_ng;
mod keyfile;
mod netplan;
mod networkd;
pub mod nm;
pub mod nm_cloud_setup;
mod nmcli;
mod runtime;
mod v6;
mod wicked;
mod windows;

use crate::catalog::os::Method;
use crate::closed::closed_enum;
use crate::plan::Plan;
use crate::wording::Locale;

closed_enum! {
    /// The steps of the guide, in order.
    StepKind {
        Assign => "assign",
        Configure => "configure",
        Apply => "apply",
        Verify => "verify",
        Undo => "undo",
    }
}

impl StepKind {
    /// The step's heading, in English.
    pub fn title(self) -> String {
        crate::wording::step_title(Locale::En, self)
    }
}

closed_enum! {
    /// The language of an artifact's content (for download names and highlighting).
    Lang {
        Sh => "sh",
        PowerShell => "powershell",
        Cmd => "cmd",
        Yaml => "yaml",
        Ini => "ini",
        Text => "text",
        Hcl => "hcl",
    }
}

/// What an artifact is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArtifactKind {
    /// A file to write at an absolute path with a mode.
    File {
        /// Absolute path on the instance.
        path: String,
        /// File mode, e.g. `0o600`.
        mode: u32,
    },
    /// Commands to run, in order.
    Commands,
    /// Instructions for a person (console steps).
    Text,
}

/// One copyable block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// Stable id, the same for the same method and step on every OS,
    /// e.g. `netplan.configure.file` (used by `data-artifact` and golden files).
    pub id: String,
    /// A short heading.
    pub title: String,
    /// File, commands or text.
    pub kind: ArtifactKind,
    /// Content language.
    pub lang: Lang,
    /// Exactly what the Copy button copies: `\n` endings, one trailing newline.
    pub content: String,
    /// For Verify artifacts: what the output must show (one line per planned address).
    pub expect: Vec<String>,
}

impl Artifact {
    /// An artifact of any kind; the content is normalised.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        kind: ArtifactKind,
        lang: Lang,
        content: impl Into<String>,
    ) -> Artifact {
        Artifact {
            id: id.into(),
            title: title.into(),
            kind,
            lang,
            content: normalised(content.into()),
            expect: Vec::new(),
        }
    }

    /// A file artifact; the content is normalised.
    pub fn file(
        id: impl Into<String>,
        title: impl Into<String>,
        path: impl Into<String>,
        mode: u32,
        lang: Lang,
        content: impl Into<String>,
    ) -> Artifact {
        Artifact::new(id, title, ArtifactKind::File { path: path.into(), mode }, lang, content)
    }

    /// A commands artifact; the content is normalised.
    pub fn commands(
        id: impl Into<String>,
        title: impl Into<String>,
        lang: Lang,
        content: impl Into<String>,
    ) -> Artifact {
        Artifact::new(id, title, ArtifactKind::Commands, lang, content)
    }

    /// A text artifact (instructions); the content is normalised.
    pub fn text(
        id: impl Into<String>,
        title: impl Into<String>,
        content: impl Into<String>,
    ) -> Artifact {
        Artifact::new(id, title, ArtifactKind::Text, Lang::Text, content)
    }

    /// The same artifact with the lines its output must show.
    pub fn expecting(mut self, expect: Vec<String>) -> Artifact {
        self.expect = expect;
        self
    }

    /// The file path, for a file artifact.
    pub fn path(&self) -> Option<&str> {
        match &self.kind {
            ArtifactKind::File { path, .. } => Some(path),
            _ => None,
        }
    }

    /// A file name for downloading this artifact.
    pub fn download_name(&self) -> String {
        match &self.kind {
            ArtifactKind::File { path, .. } => {
                path.rsplit('/').next().unwrap_or("config").to_owned()
            }
            _ => {
                let ext = match self.lang {
                    Lang::Sh => "sh",
                    Lang::PowerShell => "ps1",
                    Lang::Cmd => "cmd",
                    Lang::Yaml => "yaml",
                    Lang::Ini => "conf",
                    Lang::Hcl => "tf",
                    Lang::Text => "txt",
                };
                format!("{}.{ext}", self.id.replace('.', "-"))
            }
        }
    }
}

/// How loud a note is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteLevel {
    /// Good to know.
    Info,
    /// Read before running.
    Warning,
}

/// A note shown with a step or a rendering: worded (`Note`, as a
/// [`Rendering`] holds it) or typed (`Note<NoteText>`, as renderers build it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note<T = String> {
    /// Info or warning.
    pub level: NoteLevel,
    /// The note (a sentence or a few, for people).
    pub text: T,
}

impl<T> Note<T> {
    /// An info note.
    pub fn info(text: impl Into<T>) -> Note<T> {
        Note { level: NoteLevel::Info, text: text.into() }
    }

    /// A warning note.
    pub fn warning(text: impl Into<T>) -> Note<T> {
        Note { level: NoteLevel::Warning, text: text.into() }
    }
}

/// One step of the guide with its notes and artifacts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Which step.
    pub kind: StepKind,
    /// Notes for this step.
    pub notes: Vec<Note>,
    /// Copyable blocks, in order.
    pub artifacts: Vec<Artifact>,
}

impl Step {
    /// A step with artifacts and no notes.
    pub fn new(kind: StepKind, artifacts: Vec<Artifact>) -> Step {
        Step { kind, notes: Vec::new(), artifacts }
    }

    /// The same step with notes added.
    pub fn with_notes(mut self, notes: Vec<Note>) -> Step {
        self.notes.extend(notes);
        self
    }
}

/// Everything for one plan and one method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendering {
    /// The method rendered.
    pub method: Method,
    /// Assign, Configure, Apply, Verify, Undo, in that order.
    pub steps: Vec<Step>,
    /// Notes that concern the whole method.
    pub notes: Vec<Note>,
    /// The all-in-one script (POSIX sh, or PowerShell on Windows).
    pub script: Artifact,
}

impl Rendering {
    /// Every artifact: each step's in order, then the script.
    pub fn artifacts(&self) -> impl Iterator<Item = &Artifact> {
        self.steps.iter().flat_map(|s| s.artifacts.iter()).chain(std::iter::once(&self.script))
    }

    /// The step of a kind, if rendered.
    pub fn step(&self, kind: StepKind) -> Option<&Step> {
        self.steps.iter().find(|s| s.kind == kind)
    }

    /// The same script delivered through Cloud Assistant
    /// ([`assistant::delivery`]), for `plan`, the plan this rendering was
    /// rendered from, its prose in `locale`.
    ///
    /// Computed on each call, not by [`render_in`]: the blocks are the
    /// whole script again in Base64 and quoted for HCL and sh, most of a
    /// rendering's work (issue 19), and the page builds them only when
    /// they are opened. Not among [`Rendering::artifacts`], so the steps'
    /// golden files do not repeat every script in Base64.
    ///
    /// ```
    /// use wizard::{catalog::Method, plan::{validate, Form}, render::render, wording::Locale};
    /// let plan = validate(&Form::guide_example()).unwrap();
    /// let r = render(&plan, Method::Netplan);
    /// let d = r.assistant(&plan, Locale::En);
    /// assert_eq!(d.artifacts[0].id, "netplan.assistant.run");
    /// ```
    pub fn assistant(&self, plan: &Plan, locale: Locale) -> assistant::Delivery {
        assistant::delivery(plan, self.method, &self.script, locale)
    }

    /// The same script as the user data of a new instance
    /// ([`launch::delivery`]), as [`Rendering::assistant`]: computed on
    /// each call, for the plan this rendering was rendered from.
    ///
    /// ```
    /// use wizard::{catalog::Method, plan::{validate, Form}, render::render, wording::Locale};
    /// let plan = validate(&Form::guide_example()).unwrap();
    /// let r = render(&plan, Method::Netplan);
    /// assert_eq!(r.launch(&plan, Locale::En).artifacts[0].id, "netplan.launch.user-data");
    /// ```
    pub fn launch(&self, plan: &Plan, locale: Locale) -> launch::Launch {
        launch::delivery(plan, self.method, &self.script, locale)
    }
}

/// Renders one method for a plan.
///
/// ```
/// use wizard::{catalog::Method, plan::{validate, Form}, render::render};
/// let plan = validate(&Form::guide_example()).unwrap();
/// let r = render(&plan, Method::Netplan);
/// assert!(r.artifacts().any(|a| a.content.contains("192.168.1.202/24")));
/// ```
pub fn render(plan: &Plan, method: Method) -> Rendering {
    render_in(plan, method, Locale::En)
}

/// Renders one method for a plan, its prose in `locale`: the steps, the
/// notes and the script; the Cloud Assistant and at-launch blocks are
/// [`Rendering::assistant`] and [`Rendering::launch`], computed on demand.
pub fn render_in(plan: &Plan, method: Method, locale: Locale) -> Rendering {
    // Windows adds the IPv6 addresses itself, on a secondary ENI too
    // ([`v6::configured`]), and its own note says how.
    match (method, linux_recipe(plan, method)) {
        (_, Some(recipe)) => linux::render(plan, &recipe, locale),
        (Method::PowerShell, None) => windows::render_powershell(plan, locale),
        (_, None) => windows::render_netsh(plan, locale),
    }
}

/// A Linux method's recipe for a plan (`None` for the Windows methods).
pub fn linux_recipe(plan: &Plan, method: Method) -> Option<recipe::Recipe> {
    Some(match method {
        Method::Runtime => runtime::recipe(plan),
        Method::Nmcli => nmcli::recipe(plan),
        Method::Keyfile => keyfile::recipe(plan),
        Method::Ifcfg => ifcfg::recipe(plan, ifcfg::IfcfgForm::Numbered),
        Method::IfcfgAlias => ifcfg::recipe(plan, ifcfg::IfcfgForm::Aliases),
        Method::NetplanLegacy => netplan::recipe(plan, netplan::Generation::V099),
        Method::Netplan => netplan::recipe(plan, netplan::Generation::V104),
        Method::Ifupdown => ifupdown::recipe(plan),
        Method::IfupdownNg => ifupdown_ng::recipe(plan),
        Method::Wicked => wicked::recipe(plan),
        Method::Networkd => networkd::recipe(plan),
        Method::NmCloudSetup => nm_cloud_setup::recipe(plan),
        Method::PowerShell | Method::Netsh => return None,
    })
}

/// Whether `method` configures the plan's IPv6 addresses on the OS (false
/// without IPv6 addresses to add, on a secondary ENI, and for a method that
/// says it leaves IPv6 alone).
pub fn configures_ipv6(plan: &Plan, method: Method) -> bool {
    v6::adds(plan, method)
        && (method.is_windows() || linux_recipe(plan, method).is_some_and(|r| r.ipv6))
}

/// Renders every method the plan's OS supports, the preferred one first.
pub fn render_all(plan: &Plan) -> Vec<Rendering> {
    render_all_in(plan, Locale::En)
}

/// [`render_all`], its prose in `locale`.
pub fn render_all_in(plan: &Plan, locale: Locale) -> Vec<Rendering> {
    plan.os.methods().iter().map(|&m| render_in(plan, m, locale)).collect()
}

/// [`normalise`] of `content`, without a copy when it is normal already
/// (most renderings are: they are built line by line with `\n`).
fn normalised(content: String) -> String {
    if is_normal(&content) {
        content
    } else {
        normalise(&content)
    }
}

/// Whether [`normalise`] would give `content` back unchanged: empty, or not
/// blank, with no `\r`, no line ending in a space and exactly one
/// trailing newline. This runs over every byte of every artifact, so it
/// reads eight bytes at a time; a rare false alarm (a byte right after a
/// match that differs from it in the lowest bit, as `!` after a space) only
/// sends the content to the full pass.
fn is_normal(content: &str) -> bool {
    let b = content.as_bytes();
    match b {
        [] => return true,
        [.., b'\n', b'\n'] | [b'\n'] => return false,
        [.., b'\n'] => {}
        _ => return false,
    }
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    // The high bit of every byte of `x` equal to `c` (and, after one, of
    // a byte that differs from `c` in the lowest bit only); 0 if none is.
    let equal = |x: u64, c: u8| {
        let y = x ^ (ONES * u64::from(c));
        y.wrapping_sub(ONES) & !y & HIGH
    };
    let mut words = b.chunks_exact(8);
    // Whether the byte before the current word was a space.
    let mut space_before = false;
    for w in words.by_ref() {
        let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        let spaces = equal(x, b' ');
        let newlines = equal(x, b'\n');
        if equal(x, b'\r') != 0 || (spaces << 8) & newlines != 0 || (space_before && w[0] == b'\n')
        {
            return false;
        }
        space_before = w[7] == b' ';
    }
    let mut prev = if space_before { b' ' } else { 0 };
    for &c in words.remainder() {
        if c == b'\r' || (c == b'\n' && prev == b' ') {
            return false;
        }
        prev = c;
    }
    !content.trim().is_empty()
}

/// `\n` line endings, no trailing spaces or carriage returns, exactly one
/// trailing newline (empty content stays empty).
pub fn normalise(content: &str) -> String {
    let mut out = String::with_capacity(content.len() + 1);
    for line in content.split('\n') {
        // `\r` too: `\r\n` endings, and a lone `\r` at a line's end.
        out.push_str(line.trim_end_matches([' ', '\r']));
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    if out.trim().is_empty() {
        out.clear();
    }
    out
}

#[cfg(test)]
mod normalise_tests {
    use super::{is_normal, normalise, normalised};
    use proptest::prelude::*;

    #[test]
    fn normal_and_not() {
        for s in ["", "a\n", "a\nb\n", " a\n", "a\n\nb\n"] {
            assert!(is_normal(s), "{s:?}");
        }
        for s in ["a", "a\n\n", "\n", " \n", "a \n", "a\r\n", "a\nb", "\u{3000}\n", "\t\n"] {
            assert!(!is_normal(s), "{s:?}");
        }
    }

    proptest! {
        /// The fast path changes nothing: the same as the full pass, which
        /// gives its own output back.
        #[test]
        fn fast_path_is_the_full_pass(s in "[a! \\n\\r\\t\u{b}\u{3000}]{0,40}") {
            let full = normalise(&s);
            prop_assert_eq!(normalised(s.clone()), full.clone());
            prop_assert_eq!(normalise(&full), full.clone());
            // And the fast path takes it, but for a `\r` kept inside a line
            // and the false alarm of a line ending in " !".
            let alarm = full.lines().any(|l| {
                let t = l.trim_end_matches('!');
                t.len() < l.len() && t.ends_with(' ')
            });
            if !full.contains('\r') && !alarm {
                prop_assert!(is_normal(&full), "{:?}", full);
            }
            if is_normal(&s) {
                prop_assert_eq!(full, s);
            }
        }
    }
}

/// Helpers for the renderers' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::{Artifact, Rendering};
    use crate::plan::{validate, Form, Plan};

    /// The guide's example changed by `edit`, validated; panics with the
    /// problems when it does not validate.
    pub fn plan_with(edit: impl FnOnce(&mut Form)) -> Plan {
        let mut form = Form::guide_example();
        edit(&mut form);
        validate(&form).unwrap_or_else(|e| panic!("{e:?}"))
    }

    /// The guide's example on `os` in `mode` (`keep` or `static`).
    pub fn plan_for(os: &str, mode: &str) -> Plan {
        plan_with(|f| (f.os, f.mode) = (os.into(), mode.into()))
    }

    /// The artifact `id` of `r`; panics naming it when there is none.
    pub fn artifact<'a>(r: &'a Rendering, id: &str) -> &'a Artifact {
        r.artifacts().find(|a| a.id == id).unwrap_or_else(|| panic!("no {id}"))
    }
}
