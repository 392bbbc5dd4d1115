//! Every sentence a person reads, in one place.
//!
//! The core never holds prose: problems carry data ([`crate::plan::ProblemKind`]),
//! notes and titles are typed values, and the UI's labels and hints are
//! [`UiText`] ids. This module turns each of them into words for one
//! [`Locale`]; each language is one module with an exhaustive `match` per
//! kind of text, so a message without a wording fails to compile.
//!
//! What is not here, on purpose: the comments and messages *inside*
//! generated configuration files and scripts. They stay ASCII English in
//! every language (parsers and consoles on minimal images read them).
//!
//! One function per kind of text, each looked up in the locale's [`Words`]:
//!
//! | kind | function | English | Chinese |
//! |---|---|---|---|
//! | a problem of the form | [`problem`] | [`en::problems`] | [`zh::problems`] |
//! | a field's name, label, hint | [`field_name`], [`field_label`], [`field_hint`] | [`en::ui`] | [`zh::ui`] |
//! | a fixed text of the page | [`ui()`] | [`en::ui`] | [`zh::ui`] |
//! | a text of the page with values | [`ui_message`] | [`en::ui`] | [`zh::ui`] |
//! | a method's tab, an OS in the picker, a documentation link | [`method_label`], [`os_label`], [`doc_url`] | [`en::ui`] | [`zh::ui`] |
//! | a rendering's note, a block's heading, a step's heading | [`note`], [`title`], [`step_title`] | [`en::render`] | [`zh::render`] |
//! | the paste panel's texts, its messages, the reader's issues | [`paste_text`], [`paste_message`], [`paste_issue`] | [`en::paste`] | [`zh::paste`] |
//! | the doctor's panel, its findings | [`doctor_text`], [`doctor_finding`] | [`en::doctor`] | [`zh::doctor`] |
//!
//! The terms both languages must use alike are in `glossary.tsv` beside
//! this file (`tests/wording.rs` checks every wording against it).

pub mod doctor;
pub mod en;
pub mod lang;
pub mod paste;
pub mod render;
pub mod spans;
pub mod ui;
pub mod zh;

pub use ui::{Choice, Doc, UiMessage, UiText};

use self::doctor::DoctorText;
use self::paste::{PasteMessage, PasteText};
use self::render::{NoteText, TitleText};
use crate::catalog::{Method, Os};
use crate::closed::closed_enum;
use crate::doctor::Finding;
use crate::paste::Issue;
use crate::plan::{Field, Problem, ProblemKind, Reserved};
use crate::render::StepKind;

closed_enum! {
    /// A language the wizard speaks; the id is the `lang` link parameter.
    Locale {
        En => "en",
        Zh => "zh",
    }
}

impl Locale {
    /// The page's `<html lang>` in this language.
    pub const fn html_lang(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Zh => "zh-CN",
        }
    }

    /// The language's own name, as the switch shows it.
    pub const fn own_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Zh => "中文",
        }
    }
}

/// One language's wording: a function for each kind of text (the table at
/// the top of this module), so that every lookup goes through one place.
///
/// English is always there. Chinese is [`ZH`]: in the release build
/// (`--cfg siw_split`) nothing in the first load refers to it, so
/// scripts/split-wasm.sh moves it and all its words into a wasm chunk of
/// its own that the page fetches before it starts in Chinese and hands to
/// [`install`] (`src/ui/text.rs`); until then, and where the chunk cannot
/// be fetched, Chinese falls back to English. Without the split (tests,
/// the native build) it is there from the start.
pub struct Words {
    pub problem: fn(&ProblemKind) -> String,
    pub field_words: fn(Field) -> ui::FieldWords,
    pub ui: fn(UiText) -> &'static str,
    pub ui_message: fn(&UiMessage) -> String,
    pub note: fn(&NoteText) -> String,
    pub title: fn(&TitleText) -> String,
    pub step_title: fn(StepKind) -> String,
    pub method_label: fn(Method) -> &'static str,
    pub os_label: fn(Os) -> String,
    pub doc_url: fn(Doc) -> &'static str,
    pub paste_text: fn(PasteText) -> &'static str,
    pub paste_message: fn(&PasteMessage) -> String,
    pub paste_issue: fn(&Issue) -> String,
    pub doctor_text: fn(DoctorText) -> &'static str,
    pub doctor_finding: fn(&Finding) -> String,
}

/// The [`Words`] of the language module `$lang` (`en`, `zh`): each kind of
/// text from the same function of each language's modules.
macro_rules! words_of {
    ($lang:ident) => {
        Words {
            problem: $lang::problems::sentence,
            field_words: $lang::ui::words,
            ui: $lang::ui::text,
            ui_message: $lang::ui::message,
            note: $lang::render::note,
            title: $lang::render::title,
            step_title: $lang::render::step_title,
            method_label: $lang::ui::method_label,
            os_label: $lang::ui::os_label,
            doc_url: $lang::ui::doc_url,
            paste_text: $lang::paste::text,
            paste_message: $lang::paste::message,
            paste_issue: $lang::paste::issue,
            doctor_text: $lang::doctor::text,
            doctor_finding: $lang::doctor::finding,
        }
    };
}

/// The English wording.
pub static EN: Words = words_of!(en);

/// The Simplified Chinese wording (see [`Words`] for how the release build
/// loads it).
pub static ZH: Words = words_of!(zh);

#[cfg(siw_split)]
thread_local! {
    /// The Chinese wording once its chunk is loaded ([`install`]).
    static INSTALLED: std::cell::Cell<Option<&'static Words>> = const { std::cell::Cell::new(None) };
}

/// Makes `words` (the Chinese wording, fetched in its chunk) the one
/// Chinese lookups use from now on. Without the split, Chinese is always
/// there and this does nothing.
pub fn install(words: &'static Words) {
    #[cfg(siw_split)]
    INSTALLED.with(|w| w.set(Some(words)));
    #[cfg(not(siw_split))]
    let _ = words;
}

/// The wording of `locale` ([`Words`]: English where Chinese is not loaded).
fn words(locale: Locale) -> &'static Words {
    match locale {
        Locale::En => &EN,
        #[cfg(siw_split)]
        Locale::Zh => INSTALLED.with(std::cell::Cell::get).unwrap_or(&EN),
        #[cfg(not(siw_split))]
        Locale::Zh => &ZH,
    }
}

/// A problem as the page shows it: one full sentence.
///
/// ```
/// use wizard::plan::{validate, Field, Form};
/// use wizard::wording::{problem, Locale};
/// let form = Form { primary: "192.168.1.300".into(), ..Form::guide_example() };
/// let problems = validate(&form).unwrap_err();
/// let p = problems.iter().find(|p| p.field == Field::Primary).unwrap();
/// assert_eq!(
///     problem(Locale::En, p),
///     "'192.168.1.300' is not an IPv4 address: each part must be from 0 to 255."
/// );
/// ```
pub fn problem(locale: Locale, p: &Problem) -> String {
    (words(locale).problem)(&p.kind)
}

/// A field's words in `locale`: one table per language.
fn field_words(locale: Locale, field: Field) -> ui::FieldWords {
    (words(locale).field_words)(field)
}

/// A field's name ("vSwitch CIDR", "Secondary IP 2"), as the summary links it.
///
/// ```
/// use wizard::plan::Field;
/// use wizard::wording::{field_name, Locale};
/// assert_eq!(field_name(Locale::En, Field::Secondary(1)), "Secondary IP 2");
/// assert_eq!(field_name(Locale::Zh, Field::Secondary(1)), "辅助私网 IP 2");
/// ```
pub fn field_name(locale: Locale, field: Field) -> String {
    field_words(locale, field).name_of(field)
}

/// A field's label or legend in the form ("vSwitch CIDR or mask").
pub fn field_label(locale: Locale, field: Field) -> String {
    field_words(locale, field).label_of(field)
}

/// Where to find a field's real value, shown under its label (if any).
pub fn field_hint(locale: Locale, field: Field) -> Option<&'static str> {
    field_words(locale, field).hint
}

/// A fixed text of the page.
pub fn ui(locale: Locale, id: UiText) -> &'static str {
    (words(locale).ui)(id)
}

/// A text of the page that holds values.
pub fn ui_message(locale: Locale, message: &UiMessage) -> String {
    (words(locale).ui_message)(message)
}

/// A rendering's note, worded.
pub fn note(locale: Locale, n: &NoteText) -> String {
    (words(locale).note)(n)
}

/// A block's heading, worded.
pub fn title(locale: Locale, t: &TitleText) -> String {
    (words(locale).title)(t)
}

/// A step's heading, worded.
pub fn step_title(locale: Locale, kind: StepKind) -> String {
    (words(locale).step_title)(kind)
}

/// A method's tab label ("netplan", "ip addr (until reboot)").
pub fn method_label(locale: Locale, method: Method) -> &'static str {
    (words(locale).method_label)(method)
}

/// An operating system as the picker names it ("Ubuntu 22.04").
pub fn os_label(locale: Locale, os: Os) -> String {
    (words(locale).os_label)(os)
}

/// The address of a documentation page in the reader's language: Alibaba
/// Cloud's English documentation, or its Chinese one (help.aliyun.com).
pub fn doc_url(locale: Locale, doc: Doc) -> &'static str {
    (words(locale).doc_url)(doc)
}

/// A fixed text of the paste panel.
pub fn paste_text(locale: Locale, id: PasteText) -> &'static str {
    (words(locale).paste_text)(id)
}

/// A text of the paste panel that holds values.
pub fn paste_message(locale: Locale, m: &PasteMessage) -> String {
    (words(locale).paste_message)(m)
}

/// An issue of the paste reader, as a sentence.
pub fn paste_issue(locale: Locale, i: &Issue) -> String {
    (words(locale).paste_issue)(i)
}

/// A fixed text of the doctor's panel.
pub fn doctor_text(locale: Locale, id: DoctorText) -> &'static str {
    (words(locale).doctor_text)(id)
}

/// A finding of the doctor, as a sentence.
pub fn doctor_finding(locale: Locale, f: &Finding) -> String {
    (words(locale).doctor_finding)(f)
}

/// An IPv6 block's last address ([`Reserved::Back`]`(1)`; IPv6 has no
/// broadcast) as the place the IPv4 words call the last address.
pub(crate) fn last_is_back_1(which: Reserved) -> Reserved {
    match which {
        Reserved::Back(1) => Reserved::Broadcast,
        w => w,
    }
}

/// A count with its digits in groups of three (`18,446,744,073,709,551,606`),
/// as both languages write large numbers on this page.
///
/// ```
/// assert_eq!(wizard::wording::grouped(1_234_567), "1,234,567");
/// assert_eq!(wizard::wording::grouped(999), "999");
/// ```
pub fn grouped(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
