//! Words and their stems, so "торговлю людьми" finds the topic written "торговля людьми" and
//! "адам саудасына" finds "адам саудасы". Russian words go through the Snowball Russian
//! stemmer (the one tantivy's index uses); Kazakh, which adds suffixes, matches by prefix;
//! Latin words are left to the callers' English rules.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

fn russian() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::Russian))
}

/// A word of the text: its byte range and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub stem: String,
}

/// Whether a word is written in Cyrillic (Russian or Kazakh).
pub fn is_cyrillic(w: &str) -> bool {
    w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
}

/// The words of lowercased text with their stems.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = &text[s..i];
                out.push(Word {
                    start: s,
                    end: i,
                    stem: stem(w),
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The stem of one lowercased word (Cyrillic only; other words come back as they are).
pub fn stem(w: &str) -> String {
    if is_cyrillic(w) {
        russian().stem(w).into_owned()
    } else {
        w.to_string()
    }
}

/// Whether a word of the text (`got`) is a form of the vocabulary word (`want`), both stemmed.
pub fn same_word(want: &str, got: &str) -> bool {
    if want == got {
        return true;
    }
    let (wn, gn) = (want.chars().count(), got.chars().count());
    // Kazakh suffixes stack ("саудасы" -> "саудасына"); a long enough shared start is the
    // same word. Short words must match exactly, or "ад" would find everything.
    let common = want
        .chars()
        .zip(got.chars())
        .take_while(|(a, b)| a == b)
        .count();
    is_cyrillic(want) && wn.min(gn) >= 4 && common >= 4 && common + 2 >= wn.min(gn)
}

/// Where the phrase occurs in the words, as a byte range: consecutive words, each a form of
/// the phrase's word.
pub fn find_phrase(words: &[Word], phrase: &str) -> Vec<(usize, usize)> {
    let want: Vec<String> = self::words(phrase).into_iter().map(|w| w.stem).collect();
    if want.is_empty() || words.len() < want.len() {
        return Vec::new();
    }
    (0..=words.len() - want.len())
        .filter(|&i| {
            want.iter()
                .zip(&words[i..i + want.len()])
                .all(|(w, g)| same_word(w, &g.stem))
        })
        .map(|i| (words[i].start, words[i + want.len() - 1].end))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_cases_and_kazakh_suffixes_match() {
        let w = words("какие статьи касались торговли людьми");
        assert_eq!(find_phrase(&w, "торговля людьми").len(), 1);
        let w = words("адам саудасына қатысты");
        assert_eq!(find_phrase(&w, "адам саудасы").len(), 1);
        let w = words("адвокат");
        assert!(find_phrase(&w, "адам").is_empty());
    }
}
