//! The message catalogue for table output: English (default), Russian and Kazakh, in Fluent
//! files (`messages/*.ftl`) read through `fluent-bundle`. Only people-facing labels pass
//! through here; JSON field names never do. A message missing in Kazakh falls back to
//! Russian, then to English.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

/// The language of labels and fixed phrases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Ru,
    Kk,
}

impl Lang {
    /// `en` or `ru` (case-insensitive); anything else is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Some(Lang::En),
            "ru" | "rus" | "russian" | "рус" | "русский" => Some(Lang::Ru),
            "kk" | "kaz" | "kazakh" | "қаз" | "қазақша" => Some(Lang::Kk),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Kk => "kk",
        }
    }

    /// The languages to look a message up in, in order.
    fn chain(self) -> &'static [Lang] {
        match self {
            Lang::En => &[Lang::En],
            Lang::Ru => &[Lang::Ru, Lang::En],
            Lang::Kk => &[Lang::Kk, Lang::Ru, Lang::En],
        }
    }
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static RU: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static KK: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let (cell, src, id) = match lang {
        Lang::En => (&EN, include_str!("messages/en.ftl"), "en"),
        Lang::Ru => (&RU, include_str!("messages/ru.ftl"), "ru"),
        Lang::Kk => (&KK, include_str!("messages/kk.ftl"), "kk"),
    };
    cell.get_or_init(|| {
        let res = FluentResource::try_new(src.to_string())
            .unwrap_or_else(|(_, e)| panic!("messages/{id}.ftl: {e:?}"));
        let langid: unic_langid::LanguageIdentifier = id.parse().expect("valid language id");
        let mut b = FluentBundle::new_concurrent(vec![langid]);
        // Plain text output: no Unicode isolation marks around arguments.
        b.set_use_isolating(false);
        b.add_resource(res).expect("no duplicate message ids");
        b
    })
}

/// The message `id` with arguments; falls back along [`Lang::chain`] (Kazakh to Russian to
/// English), then to the id itself, so a missing translation shows up in a golden diff
/// rather than as a panic.
pub fn tr(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    let args: Vec<(&str, Arg)> = args.iter().map(|(k, v)| (*k, Arg::S(v))).collect();
    tr_args(lang, id, &args)
}

/// An argument of a message: text, or a number that plural forms select on ("2 года",
/// "5 лет").
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    S(&'a str),
    N(u32),
}

/// [`tr`] with typed arguments.
pub fn tr_args(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fa = FluentArgs::new();
    for (k, v) in args {
        match v {
            Arg::S(s) => fa.set(*k, FluentValue::from(*s)),
            Arg::N(n) => fa.set(*k, FluentValue::from(*n)),
        }
    }
    for &l in lang.chain() {
        let b = bundle(l);
        if let Some(p) = b.get_message(id).and_then(|m| m.value()) {
            let mut errs = Vec::new();
            return b.format_pattern(p, Some(&fa), &mut errs).into_owned();
        }
    }
    id.to_string()
}

/// The message id of a column heading: `col-` and the English name as a slug.
pub fn column_id(header: &str) -> String {
    if header == "#" {
        return "col-num".into();
    }
    let mut id = String::from("col-");
    let mut dash = false;
    for c in header.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
            dash = false;
        } else if !dash && !id.ends_with('-') {
            id.push('-');
            dash = true;
        }
    }
    id.trim_end_matches('-').to_string()
}

/// A column heading in the language.
pub fn column(lang: Lang, header: &str) -> String {
    match lang {
        Lang::En => header.to_string(),
        _ => {
            // A heading not yet in the catalogue shows in English rather than as an id.
            let id = column_id(header);
            let t = tr(lang, &id, &[]);
            if t == id { header.to_string() } else { t }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_have_the_same_messages() {
        let ids = |src: &str| -> Vec<String> {
            src.lines()
                .filter(|l| !l.starts_with('#') && l.contains(" = "))
                .map(|l| l.split(" = ").next().unwrap_or_default().to_string())
                .collect()
        };
        assert_eq!(
            ids(include_str!("messages/en.ftl")),
            ids(include_str!("messages/ru.ftl"))
        );
    }

    #[test]
    fn kazakh_falls_back_to_russian_per_message() {
        let ids = |src: &str| -> Vec<String> {
            src.lines()
                .filter(|l| !l.starts_with('#') && l.contains(" = "))
                .map(|l| l.split(" = ").next().unwrap_or_default().to_string())
                .collect()
        };
        let ru = ids(include_str!("messages/ru.ftl"));
        for id in ids(include_str!("messages/kk.ftl")) {
            assert!(ru.contains(&id), "kk.ftl has `{id}`, which ru.ftl lacks");
        }
        assert_eq!(column(Lang::Kk, "Penalty"), "Жаза");
        // Not in the Kazakh catalogue: the Russian wording.
        assert_eq!(tr(Lang::Kk, "act-law", &[]), tr(Lang::Ru, "act-law", &[]));
        assert_eq!(Lang::parse("қаз"), Some(Lang::Kk));
    }

    #[test]
    fn headings_and_phrases_translate() {
        assert_eq!(column(Lang::Ru, "Max prison"), "Макс. срок");
        assert_eq!(column(Lang::Ru, "Act, grade"), "Акт, оценка");
        assert_eq!(column(Lang::En, "Act, grade"), "Act, grade");
        assert_eq!(
            tr(Lang::Ru, "confidence", &[("grade", "A")]),
            "оценка достоверности: A"
        );
        assert_eq!(tr(Lang::Ru, "no-such-message", &[]), "no-such-message");
    }
}
