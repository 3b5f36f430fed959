//! The wording in other languages of the fixed English phrases our hand-written data uses
//! (sanction measures, reconciliation conditions and exclusions), kept as data in
//! `phrases.ron`. A phrase without a wording stays English, so nothing is lost.

use super::i18n::Lang;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
struct Entry {
    en: String,
    ru: String,
}

fn book() -> &'static HashMap<String, Entry> {
    static BOOK: OnceLock<HashMap<String, Entry>> = OnceLock::new();
    BOOK.get_or_init(|| {
        let entries: Vec<Entry> =
            ron::from_str(include_str!("phrases.ron")).expect("src/lang/phrases.ron parses");
        entries.into_iter().map(|e| (e.en.clone(), e)).collect()
    })
}

/// The data's English phrase in `lang`, or the phrase itself when there is no wording.
pub fn say(lang: Lang, en: &str) -> String {
    match (lang, book().get(en)) {
        // Kazakh shows the Russian wording, as the catalogue falls back to Russian.
        (Lang::Ru | Lang::Kk, Some(e)) => e.ru.clone(),
        _ => en.to_string(),
    }
}

/// Whether the phrase has a wording in `lang` (English always has).
pub fn has(lang: Lang, en: &str) -> bool {
    lang == Lang::En || book().contains_key(en)
}

/// Every English phrase of the book, for the test that each is still used.
pub fn english() -> impl Iterator<Item = &'static str> {
    book().values().map(|e| e.en.as_str())
}

/// A list of the data's phrases (`conditions`, `other`) in `lang`.
pub fn say_all(lang: Lang, en: &[String]) -> Vec<String> {
    en.iter().map(|p| say(lang, p)).collect()
}
