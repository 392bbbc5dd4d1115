//! Which language the page speaks, as rules with tests: the `lang` link
//! parameter first, then the choice the reader stored with the switch, then
//! the browser's preferred languages (`navigator.languages`, in order),
//! else English.
//!
//! Every Chinese tag maps to Simplified Chinese: `zh`, `zh-CN`, `zh-Hans`,
//! `zh-SG`, and also `zh-TW`, `zh-HK` and `zh-Hant`, which get the
//! Simplified table until a Traditional one exists.

use super::Locale;

impl Locale {
    /// The locale a language tag asks for (BCP 47, any case, `-` or `_`),
    /// by its primary language; `None` for a language the wizard does not
    /// speak.
    ///
    /// ```
    /// use wizard::wording::Locale;
    /// assert_eq!(Locale::from_tag("zh-Hant-TW"), Some(Locale::Zh));
    /// assert_eq!(Locale::from_tag("en-GB"), Some(Locale::En));
    /// assert_eq!(Locale::from_tag("fr"), None);
    /// ```
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("zh") {
            Some(Locale::Zh)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Locale::En)
        } else {
            None
        }
    }
}

/// The page's language: the link's `lang` if it names one the wizard
/// speaks, else the stored choice, else the first of the browser's
/// languages that it speaks, else English.
///
/// ```
/// use wizard::wording::{lang::choose, Locale};
/// let browser = ["fr-FR".to_owned(), "zh-CN".to_owned(), "en".to_owned()];
/// assert_eq!(choose(None, None, &browser), Locale::Zh);
/// assert_eq!(choose(None, Some("en"), &browser), Locale::En);
/// assert_eq!(choose(Some("zh"), Some("en"), &browser), Locale::Zh);
/// ```
pub fn choose(link: Option<&str>, stored: Option<&str>, browser: &[String]) -> Locale {
    link.and_then(Locale::from_tag)
        .or_else(|| stored.and_then(Locale::from_tag))
        .or_else(|| browser.iter().find_map(|t| Locale::from_tag(t)))
        .unwrap_or(Locale::En)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_map_by_their_primary_language() {
        let cases = [
            ("zh", Some(Locale::Zh)),
            ("zh-CN", Some(Locale::Zh)),
            ("zh-cn", Some(Locale::Zh)),
            ("zh_CN", Some(Locale::Zh)),
            ("zh-Hans", Some(Locale::Zh)),
            ("zh-Hans-CN", Some(Locale::Zh)),
            ("zh-SG", Some(Locale::Zh)),
            // Traditional: the Simplified table until a Traditional one exists.
            ("zh-TW", Some(Locale::Zh)),
            ("zh-HK", Some(Locale::Zh)),
            ("zh-Hant", Some(Locale::Zh)),
            ("ZH", Some(Locale::Zh)),
            (" zh-CN ", Some(Locale::Zh)),
            ("en", Some(Locale::En)),
            ("en-US", Some(Locale::En)),
            ("EN-gb", Some(Locale::En)),
            ("", None),
            ("fr", None),
            ("ja-JP", None),
            ("zho", None),
            ("chinese", None),
            ("-zh", None),
        ];
        for (tag, want) in cases {
            assert_eq!(Locale::from_tag(tag), want, "{tag:?}");
        }
    }

    #[test]
    fn the_link_wins_then_storage_then_the_browser_then_english() {
        /// The link's `lang`, the stored choice, the browser's languages, the answer.
        type Case<'a> = (Option<&'a str>, Option<&'a str>, Vec<String>, Locale);
        let browser = |tags: &[&str]| tags.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
        let zh = browser(&["zh-CN", "zh", "en"]);
        let cases: [Case; 10] = [
            (Some("en"), Some("zh"), zh.clone(), Locale::En),
            (Some("zh"), Some("en"), browser(&["en"]), Locale::Zh),
            // A link value the wizard does not speak falls through.
            (Some("de"), Some("zh"), browser(&["en"]), Locale::Zh),
            (Some(""), None, zh.clone(), Locale::Zh),
            (None, Some("en"), zh.clone(), Locale::En),
            (None, Some("garbage"), zh.clone(), Locale::Zh),
            // The browser's first language the wizard speaks, in its order.
            (None, None, browser(&["fr-FR", "zh-TW", "en-US"]), Locale::Zh),
            (None, None, browser(&["de", "en-US", "zh-CN"]), Locale::En),
            (None, None, browser(&["fr", "ja"]), Locale::En),
            (None, None, Vec::new(), Locale::En),
        ];
        for (link, stored, langs, want) in cases {
            assert_eq!(choose(link, stored, &langs), want, "{link:?} {stored:?} {langs:?}");
        }
    }
}
