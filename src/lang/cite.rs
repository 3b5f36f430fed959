//! Citations in the forms people write them (`ч. 2 ст. 128 УК РК`, `128-бабының 2-бөлігі`,
//! `Article 125(3)(b)`): extraction finds every citation and code word with its span, using the
//! patterns in `forms.ron`; resolution then binds code words to the citations they stand next
//! to. Nothing here knows the law: whether article 146 exists is the graph's question.

use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(Deserialize)]
#[serde(rename = "Forms")]
struct FormsFile {
    fragments: BTreeMap<String, String>,
    citations: Vec<FormSpec>,
    codes: Vec<CodeSpec>,
    code_years: BTreeMap<i32, String>,
    ordinals: Vec<(String, u32)>,
    accepted: String,
}

#[derive(Deserialize)]
#[serde(rename = "Form")]
struct FormSpec {
    name: String,
    #[allow(dead_code)] // documents the form; shown by tests
    example: String,
    pattern: String,
}

#[derive(Deserialize)]
#[serde(rename = "CodeWord")]
struct CodeSpec {
    code: Option<String>,
    pattern: String,
}

/// The compiled forms.
pub struct Forms {
    citations: Vec<(String, Regex)>,
    codes: Vec<(Option<String>, Regex)>,
    code_years: BTreeMap<i32, String>,
    ordinals: Vec<(String, u32)>,
    /// The accepted forms, for error hints.
    pub accepted: String,
    /// Each citation form's name and example, for documentation and tests.
    pub examples: Vec<(String, String)>,
}

/// The forms, compiled once. The file ships inside the binary, so a broken pattern is a bug
/// caught by every test run, not a user error.
pub fn forms() -> &'static Forms {
    static FORMS: OnceLock<Forms> = OnceLock::new();
    FORMS.get_or_init(|| {
        let file: FormsFile =
            ron::from_str(include_str!("forms.ron")).expect("src/lang/forms.ron is valid RON");
        let expand = |p: &str| {
            let mut s = p.to_string();
            // Fragments may use fragments; two rounds cover the nesting we have.
            for _ in 0..2 {
                for (k, v) in &file.fragments {
                    s = s.replace(&format!("{{{k}}}"), &format!("(?:{v})"));
                }
            }
            Regex::new(&s).unwrap_or_else(|e| panic!("bad pattern in forms.ron: {e}"))
        };
        Forms {
            citations: file
                .citations
                .iter()
                .map(|f| (f.name.clone(), expand(&f.pattern)))
                .collect(),
            codes: file
                .codes
                .iter()
                .map(|c| (c.code.clone(), expand(&c.pattern)))
                .collect(),
            examples: file
                .citations
                .iter()
                .map(|f| (f.name.clone(), f.example.clone()))
                .collect(),
            code_years: file.code_years,
            ordinals: file.ordinals,
            accepted: file.accepted,
        }
    })
}

/// A citation as found: where, and what it says. `code` is set only by the canonical form;
/// resolution fills it from code words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Byte range in the normalized text.
    pub span: Range<usize>,
    pub form: String,
    pub code: Option<String>,
    pub article: String,
    pub part: Option<String>,
    pub item: Option<String>,
    /// Byte ranges of the part and item as written, for carets that point at them.
    pub part_span: Option<Range<usize>>,
    pub item_span: Option<Range<usize>>,
    /// A year written with the code that names no code (`УК РК 2018`): a date.
    pub year: Option<i32>,
}

/// A word or phrase naming a code ("старый УК", "the 2014 code") or a code without saying
/// which ("УК РК"), possibly with a year that is a date rather than a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeMention {
    pub span: Range<usize>,
    pub code: Option<String>,
    /// A year that names no code, and where it is (so the date finder can read it).
    pub year: Option<(i32, Range<usize>)>,
    /// Whether resolution tied it to a citation.
    pub bound: bool,
}

/// Everything found in a text.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub citations: Vec<Citation>,
    pub mentions: Vec<CodeMention>,
}

impl Found {
    /// The code named by words not tied to any citation ("which article of the new code...").
    pub fn free_code(&self) -> Option<&str> {
        self.mentions
            .iter()
            .filter(|m| !m.bound)
            .find_map(|m| m.code.as_deref())
    }
}

/// Lowercase and unify quotes and dashes, one char for one char, so that char offsets in the
/// result are char offsets in the input (carets stay right).
pub fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '«' | '»' | '“' | '”' | '„' => '"',
            '’' | '‘' | '`' => '\'',
            '–' | '—' | '‑' => '-',
            '\u{a0}' => ' ',
            c if c.is_control() => ' ',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// Extraction then resolution over normalized text.
pub fn find(norm: &str) -> Found {
    let mut found = extract(norm);
    resolve(norm, &mut found);
    found
}

/// Every citation and code word in `norm` (normalized text), longest first where they overlap.
pub fn extract(norm: &str) -> Found {
    let f = forms();
    let mut cands: Vec<Citation> = Vec::new();
    for (name, re) in &f.citations {
        for caps in re.captures_iter(norm) {
            let Some(whole) = caps.get(0) else { continue };
            let Some(article) = caps.name("article") else {
                continue;
            };
            let pick = |a: &str, b: &str| caps.name(a).or_else(|| caps.name(b));
            let part_m = pick("part", "part2");
            let part = part_m.and_then(|p| part_value(f, p.as_str()));
            let item_m = pick("item", "item2");
            let item = item_m.map(|m| item_value(m.as_str()));
            // An item without a part is not a citation we can place.
            let item = if part.is_some() { item } else { None };
            let part_span = part.as_ref().and(part_m.map(|m| m.range()));
            let item_span = item.as_ref().and(item_m.map(|m| m.range()));
            cands.push(Citation {
                span: trim_span(norm, whole.range()),
                form: name.clone(),
                code: caps.name("code").map(|c| c.as_str().to_string()),
                article: article.as_str().to_string(),
                part,
                item,
                part_span,
                item_span,
                year: None,
            });
        }
    }
    // Longest match wins; ties go to the earlier form in the file.
    cands.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.len())));
    let mut citations: Vec<Citation> = Vec::new();
    let mut by_len = cands.clone();
    by_len.sort_by_key(|c| std::cmp::Reverse(c.span.len()));
    for c in by_len {
        if !citations.iter().any(|k| overlaps(&k.span, &c.span)) {
            citations.push(c);
        }
    }
    citations.sort_by_key(|c| c.span.start);

    let mut mentions: Vec<CodeMention> = Vec::new();
    for (code, re) in &f.codes {
        for caps in re.captures_iter(norm) {
            let Some(whole) = caps.get(0) else { continue };
            let span = trim_span(norm, whole.range());
            // Code words inside a citation ("ст" is not "ук") never clash, but a year-code
            // phrase must not swallow a citation's number ("128 кодекса").
            if citations.iter().any(|c| overlaps(&c.span, &span))
                || mentions.iter().any(|m| overlaps(&m.span, &span))
            {
                continue;
            }
            let mut code = code.clone();
            let mut year = None;
            if let Some(y) = caps.name("year") {
                let Ok(n) = y.as_str().parse::<i32>() else {
                    continue;
                };
                match f.code_years.get(&n) {
                    Some(c) => code = Some(c.clone()),
                    None if (1990..=2099).contains(&n) => year = Some((n, y.range())),
                    None => continue,
                }
            }
            // "the 2016 code" is no code at all: only the plain forms may carry a date year.
            if let Some((_, yr)) = &year {
                let before = norm[span.start..yr.start].trim();
                if before.is_empty() || before == "the" {
                    continue;
                }
            }
            let span = match &year {
                // The date year is left for the date finder; the words before it are taken.
                Some((_, yr)) => span.start..norm[..yr.start].trim_end().len(),
                None => span,
            };
            mentions.push(CodeMention {
                span,
                code,
                year,
                bound: false,
            });
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    Found {
        citations,
        mentions,
    }
}

/// Ties each citation to the code word right after it ("ст. 133 УК 1997 года", "article 133
/// of the old code") or right before it ("old code article 133", "ҚК 128-бабының"). A code word
/// with "in"/"в" between names where to look, not the citation's code, and stays free.
pub fn resolve(norm: &str, found: &mut Found) {
    for c in &mut found.citations {
        let after = found.mentions.iter().position(|m| {
            !m.bound
                && m.span.start >= c.span.end
                && norm
                    .get(c.span.end..m.span.start)
                    .is_some_and(|g| is_gap(g, &["of", "the", "'s", ","]))
        });
        let before = || {
            found.mentions.iter().rposition(|m| {
                !m.bound
                    && m.span.end <= c.span.start
                    && norm
                        .get(m.span.end..c.span.start)
                        .is_some_and(|g| is_gap(g, &["'s", ",", "article", "art", "art."]))
            })
        };
        let Some(i) = after.or_else(before) else {
            continue;
        };
        let m = &mut found.mentions[i];
        // A Kazakh locative ("жаңа кодексте", "in the new code") names a place to look.
        let text = &norm[m.span.clone()];
        let last = text.rsplit(' ').next().unwrap_or("");
        if (last.starts_with("кодекс") || last.starts_with("қк"))
            && ["те", "де", "та", "да"].iter().any(|s| last.ends_with(s))
        {
            continue;
        }
        m.bound = true;
        if c.code.is_none() {
            c.code = m.code.clone();
        }
        if let Some((y, _)) = &m.year {
            c.year = Some(*y);
        }
    }
}

fn is_gap(g: &str, words: &[&str]) -> bool {
    g.split(|ch: char| ch.is_whitespace())
        .filter(|w| !w.is_empty())
        .all(|w| words.contains(&w))
        && g.chars().count() <= 12
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn trim_span(s: &str, r: Range<usize>) -> Range<usize> {
    let t = &s[r.clone()];
    let start = r.start + (t.len() - t.trim_start().len());
    let end = r.end - (t.len() - t.trim_end().len());
    start..end.max(start)
}

fn part_value(f: &Forms, p: &str) -> Option<String> {
    if p.starts_with(|c: char| c.is_ascii_digit()) {
        return Some(p.to_string());
    }
    f.ordinals
        .iter()
        .find(|(stem, _)| p.starts_with(stem.as_str()))
        .map(|(_, n)| n.to_string())
}

/// A Cyrillic item letter as the data's Latin id (`п` -> `p`, one table in `model`); numbers
/// and Latin letters stay as written.
fn item_value(i: &str) -> String {
    i.chars()
        .map(|c| match crate::model::item_letter_id(c) {
            Some(l) => l.to_string(),
            None => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(
        s: &str,
    ) -> (
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<i32>,
    ) {
        let f = find(&normalize(s));
        assert_eq!(f.citations.len(), 1, "{s}: {f:?}");
        let c = &f.citations[0];
        (
            c.code.clone(),
            c.article.clone(),
            c.part.clone(),
            c.item.clone(),
            c.year,
        )
    }

    fn o(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn every_example_in_the_file_is_found_whole() {
        for (name, ex) in &forms().examples {
            let n = normalize(ex);
            let f = extract(&n);
            assert!(
                f.citations.iter().any(|c| c.form == *name),
                "form {name} does not find its own example {ex}: {f:?}"
            );
        }
    }

    #[test]
    fn russian_kazakh_and_english_forms() {
        assert_eq!(
            one("ч. 2 ст. 128 УК РК"),
            (None, "128".into(), o("2"), None, None)
        );
        assert_eq!(
            one("п. «б» ч. 3 ст. 125 УК РК 1997 года"),
            (o("cc1997"), "125".into(), o("3"), o("b"), None)
        );
        assert_eq!(
            one("п. 3) ч. 2 ст. 125"),
            (None, "125".into(), o("2"), o("3"), None)
        );
        assert_eq!(
            one("ҚК 128-бабының 2-бөлігі"),
            (None, "128".into(), o("2"), None, None)
        );
        assert_eq!(
            one("Article 125(3)(b)"),
            (None, "125".into(), o("3"), o("b"), None)
        );
        assert_eq!(
            one("art 128 part two"),
            (None, "128".into(), o("2"), None, None)
        );
        assert_eq!(
            one("the second part of article 128"),
            (None, "128".into(), o("2"), None, None)
        );
        assert_eq!(
            one("части второй статьи 135"),
            (None, "135".into(), o("2"), None, None)
        );
        assert_eq!(
            one("ч. 3 ст. 135 УК РК 2018"),
            (None, "135".into(), o("3"), None, Some(2018))
        );
        assert_eq!(
            one("статья 133 старого УК"),
            (o("cc1997"), "133".into(), None, None, None)
        );
        assert_eq!(
            one("the 2014 code's article 128"),
            (o("cc2014"), "128".into(), None, None, None)
        );
    }

    proptest::proptest! {
        /// Spans found in any text lie inside it, on character boundaries.
        #[test]
        fn spans_stay_inside_the_text(s in "(ст\\. |ч\\. |п\\. |-бап|-бөлігі|ук рк |\\(|\\)|[0-9]{1,5}|[a-zа-яәқ]{1,6}| |🙂)*") {
            let n = normalize(&s);
            let f = find(&n);
            for r in f.citations.iter().map(|c| &c.span).chain(f.mentions.iter().map(|m| &m.span)) {
                proptest::prop_assert!(r.start <= r.end && r.end <= n.len());
                proptest::prop_assert!(n.is_char_boundary(r.start) && n.is_char_boundary(r.end));
            }
            proptest::prop_assert_eq!(n.chars().count(), s.chars().count());
        }
    }

    #[test]
    fn a_code_named_as_the_place_to_look_stays_free() {
        let f = find(&normalize(
            "какой номер получила статья 271 в новом кодексе",
        ));
        assert_eq!(f.citations[0].code, None);
        assert_eq!(f.free_code(), Some("cc2014"));
    }
}
