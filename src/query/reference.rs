//! Provision references: `cc1997:128`, `cc2014:135.2`, `cc1997:125.3.b`, `132-1`, `125(3)(b)`,
//! and through `lang::cite` the forms people write: `ч. 2 ст. 128 УК РК`, `128-бап`,
//! `ҚК 128-бабының 2-бөлігі`, `Art. 128(2)`, `art 128 part 2`. This is the one entry point.

use super::InputError;
use std::fmt;

/// A reference to an article, optionally narrowed to a part and an item. `code: None` is a
/// bare article number, resolved later against the code in force on the query date.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ref {
    pub code: Option<String>,
    pub article: String,
    pub part: Option<String>,
    pub item: Option<String>,
    /// A year written in the citation that names no code (`ч. 3 ст. 135 УК РК 2018`): the
    /// date asked about when the command gives none.
    pub year: Option<i32>,
    /// Where the part and item were written, so an error about them can point there.
    pub at: Spans,
}

/// Character positions and lengths of a reference's part and item in the text it was parsed
/// from. Where a reference was written is not part of what it names, so every `Spans` is
/// equal to every other and hashes to nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Spans {
    pub part: Option<(usize, usize)>,
    pub item: Option<(usize, usize)>,
}

impl PartialEq for Spans {
    fn eq(&self, _: &Spans) -> bool {
        true
    }
}

impl Eq for Spans {}

impl std::hash::Hash for Spans {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

const MAX_LEN: usize = 64;
/// Citations in words are longer: `п. «б» ч. 3 ст. 125 УК РК 1997 года`.
const MAX_WORDS_LEN: usize = 160;

/// Looks like the compact syntax (`cc1997:128`, `125(3)(b)`), not a citation in words.
fn is_compact(s: &str) -> bool {
    let low = s.to_ascii_lowercase();
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || ":.()-_".contains(c))
        && (s.starts_with(|c: char| c.is_ascii_digit())
            || (low.starts_with("cc") && s.contains(':')))
}

impl Ref {
    /// Parses a reference. Accepts `code:article[.part[.item]]`, a bare article, the
    /// bracket form `125(3)(b)`, and the citation forms of `lang::cite` (Russian, Kazakh,
    /// English).
    pub fn parse(input: &str) -> Result<Ref, InputError> {
        let compact = Ref::parse_compact(input);
        match compact {
            Ok(r) => Ok(r),
            Err(e) if is_compact(input.trim()) => Err(e),
            Err(e) => Ref::parse_words(input).map_err(|w| {
                w.unwrap_or_else(|| {
                    let hint = e.hint.clone().unwrap_or_default();
                    let accepted = &crate::lang::cite::forms().accepted;
                    e.hint(format!("{hint}; accepted forms: {accepted}"))
                })
            }),
        }
    }

    /// A citation in words: exactly one citation, and nothing around it but code words, a
    /// year and punctuation. `Err(None)` means no citation at all (the compact error stands,
    /// with the accepted forms added to its hint).
    fn parse_words(input: &str) -> Result<Ref, Option<InputError>> {
        let accepted = &crate::lang::cite::forms().accepted;
        let n = input.chars().count();
        if n > MAX_WORDS_LEN {
            return Err(Some(
                InputError::new(input, 0, n, "reference is too long")
                    .hint(format!("accepted forms: {accepted}")),
            ));
        }
        let norm = crate::lang::cite::normalize(input);
        let found = crate::lang::cite::find(&norm);
        let chars = |b: usize| norm[..b].chars().count();
        let Some(c) = found.citations.first() else {
            // Words but no citation: say so over the whole input rather than blame one token.
            if input.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
                || input.trim().contains(' ')
            {
                let lead = input.chars().take_while(|c| c.is_whitespace()).count();
                let len = input.trim().chars().count().max(1);
                return Err(Some(
                    InputError::new(input, lead, len, "no article reference found")
                        .hint(format!("accepted forms: {accepted}")),
                ));
            }
            return Err(None);
        };
        if let Some(second) = found.citations.get(1) {
            return Err(Some(
                InputError::new(
                    input,
                    chars(second.span.start),
                    norm[second.span.clone()].chars().count(),
                    "more than one reference",
                )
                .hint("give one article at a time"),
            ));
        }
        // Everything else must be code words, one date year, or punctuation.
        let mut covered = vec![false; norm.len()];
        let mut cover = |r: std::ops::Range<usize>| covered[r].iter_mut().for_each(|b| *b = true);
        cover(c.span.clone());
        for m in &found.mentions {
            cover(m.span.clone());
            if let Some((_, yr)) = &m.year {
                let mut end = yr.end;
                for tail in [" года", " г.", " г", " жылғы", " жыл", " жылы"] {
                    if norm[end..].starts_with(tail) {
                        end += tail.len();
                        break;
                    }
                }
                cover(yr.start..end);
            }
        }
        // A plain year after the citation is the date asked about ("ст. 135 новый УК 2016").
        let mut loose_year = None;
        for w in crate::lang::stem::words(&norm) {
            let t = &norm[w.start..w.end];
            if !covered[w.start] && t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
                if let Ok(y @ 1990..=2099) = t.parse::<i32>() {
                    loose_year.get_or_insert(y);
                    covered[w.start..w.end].iter_mut().for_each(|b| *b = true);
                }
            }
        }
        // Connectors between a citation and its code ("article 133 of the old code").
        for w in crate::lang::stem::words(&norm) {
            if ["of", "the", "s"].contains(&&norm[w.start..w.end]) {
                covered[w.start..w.end].iter_mut().for_each(|b| *b = true);
            }
        }
        let stray = norm
            .char_indices()
            .find(|(i, ch)| !covered[*i] && !ch.is_whitespace() && !".,;:()\"'".contains(*ch));
        if let Some((i, _)) = stray {
            let len = norm[i..]
                .chars()
                .take_while(|ch| !ch.is_whitespace())
                .count()
                .max(1);
            return Err(Some(
                InputError::new(input, chars(i), len, "unexpected words in the reference")
                    .hint(format!("accepted forms: {accepted}")),
            ));
        }
        let span = |r: &Option<std::ops::Range<usize>>| {
            r.as_ref()
                .map(|r| (chars(r.start), norm[r.clone()].chars().count()))
        };
        Ok(Ref {
            code: c.code.clone(),
            article: c.article.clone(),
            part: c.part.clone(),
            item: c.item.clone(),
            at: Spans {
                part: span(&c.part_span),
                item: span(&c.item_span),
            },
            year: c.year.or_else(|| {
                found
                    .mentions
                    .iter()
                    .find_map(|m| m.year.as_ref().map(|(y, _)| *y))
                    .or(loose_year)
            }),
        })
    }

    /// The compact grammar only: `code:article[.part[.item]]`, a bare article, `125(3)(b)`.
    /// Data files use it, so references in the data stay in one canonical syntax.
    pub fn parse_compact(input: &str) -> Result<Ref, InputError> {
        let trimmed = input.trim();
        let lead = input.len() - input.trim_start().len();
        let lead = input[..lead].chars().count();
        if trimmed.is_empty() {
            return Err(InputError::new(input, 0, 1, "empty reference")
                .hint("write a reference such as cc1997:128 or cc2014:135.2"));
        }
        if trimmed.chars().count() > MAX_LEN {
            return Err(InputError::new(
                input,
                lead,
                trimmed.chars().count(),
                "reference is too long",
            )
            .hint("a reference looks like cc1997:125.3.b"));
        }
        let (code, rest, rest_at) = match trimmed.split_once(':') {
            Some((c, r)) => {
                let c_low = c.trim().to_lowercase();
                if c_low.is_empty()
                    || !c_low
                        .chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
                {
                    return Err(InputError::new(
                        input,
                        lead,
                        c.chars().count().max(1),
                        format!("invalid code `{c}`"),
                    )
                    .hint("codes are cc1997 and cc2014"));
                }
                (Some(c_low), r, lead + c.chars().count() + 1)
            }
            None => (None, trimmed, lead),
        };
        // Turn `125(3)(b)` into `125.3.b` so both forms share one grammar; `starts` keeps
        // where each segment begins in the input, for carets.
        let normalized: String = rest
            .chars()
            .map(|c| match c {
                '(' => '.',
                ')' => '\u{0}',
                c => c,
            })
            .filter(|c| *c != '\u{0}')
            .collect();
        let mut starts = vec![rest_at];
        for (i, c) in rest.chars().enumerate() {
            if c == '.' || c == '(' {
                starts.push(rest_at + i + 1);
            }
        }
        let segments: Vec<&str> = normalized.split('.').collect();
        if segments.len() > 3 {
            let at = rest_at
                + segments[..3]
                    .iter()
                    .map(|s| s.chars().count() + 1)
                    .sum::<usize>();
            return Err(InputError::new(
                input,
                at.saturating_sub(1),
                1,
                "too many segments in reference",
            )
            .hint("at most article.part.item, e.g. cc1997:125.3.b"));
        }
        let mut offset = rest_at;
        let mut parsed = Vec::new();
        for (i, seg) in segments.iter().enumerate() {
            let what = ["article", "part", "item"][i];
            let well_formed = !seg.is_empty()
                && seg.chars().all(|c| c.is_alphanumeric() || c == '-')
                && !seg.starts_with('-')
                && !seg.ends_with('-');
            // Articles are numbers with an optional dashed suffix: 128, 132-1.
            let article_ok = seg.split('-').count() <= 2
                && seg
                    .split('-')
                    .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            let ok = well_formed && (i > 0 || article_ok);
            if !ok {
                let hint = match what {
                    "article" => "an article is a number, optionally with a dash: 128, 132-1",
                    "part" => "a part is a number such as 2 or 1-1",
                    _ => "an item is a letter (1997 code) or a number (2014 code)",
                };
                return Err(InputError::new(
                    input,
                    offset,
                    seg.chars().count().max(1),
                    format!("invalid {what} `{seg}`"),
                )
                .hint(hint));
            }
            let seg = seg.to_lowercase();
            // An item written with its Cyrillic letter (`125(3)(б)`) is the data's Latin id.
            let seg = match (i, seg.chars().next(), seg.chars().count()) {
                (2, Some(c), 1) => crate::model::item_letter_id(c).map_or(seg, str::to_string),
                _ => seg,
            };
            offset += seg.chars().count() + 1;
            let at = starts.get(i).map(|s| (*s, seg.chars().count()));
            parsed.push((seg, at));
        }
        let mut it = parsed.into_iter();
        let article = it.next().map(|(a, _)| a).unwrap_or_default();
        let (part, part_at) = it.next().unzip();
        let (item, item_at) = it.next().unzip();
        Ok(Ref {
            code,
            article,
            part,
            item,
            year: None,
            at: Spans {
                part: part_at.flatten(),
                item: item_at.flatten(),
            },
        })
    }

    /// The canonical article reference, `code:article`, once the code is known.
    pub fn article_ref(&self) -> Option<String> {
        self.code.as_ref().map(|c| format!("{c}:{}", self.article))
    }
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(c) = &self.code {
            write!(f, "{c}:")?;
        }
        f.write_str(&self.article)?;
        if let Some(p) = &self.part {
            write!(f, ".{p}")?;
        }
        if let Some(i) = &self.item {
            write!(f, ".{i}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(code: Option<&str>, a: &str, p: Option<&str>, i: Option<&str>) -> Ref {
        Ref {
            code: code.map(str::to_string),
            article: a.into(),
            part: p.map(str::to_string),
            item: i.map(str::to_string),
            year: None,
            at: Spans::default(),
        }
    }

    #[test]
    fn records_where_the_part_and_item_were_written() {
        let at = |s: &str| Ref::parse(s).unwrap().at;
        assert_eq!(at("cc2014:128.2.b").part, Some((11, 1)));
        assert_eq!(at("cc2014:128.2.b").item, Some((13, 1)));
        assert_eq!(at(" 125(3)(b)").part, Some((5, 1)));
        assert_eq!(at(" 125(3)(b)").item, Some((8, 1)));
        assert_eq!(at("ч. 8 ст. 128 УК РК").part, Some((3, 1)));
        assert_eq!(at("п. «я» ч. 2 ст. 128 УК РК").item, Some((4, 1)));
        assert_eq!(at("п. «я» ч. 2 ст. 128 УК РК").part, Some((10, 1)));
        assert_eq!(at("ст. 128").part, None);
    }

    #[test]
    fn parses_the_documented_forms() {
        assert_eq!(
            Ref::parse("cc1997:128").unwrap(),
            r(Some("cc1997"), "128", None, None)
        );
        assert_eq!(
            Ref::parse("cc2014:135.2").unwrap(),
            r(Some("cc2014"), "135", Some("2"), None)
        );
        assert_eq!(
            Ref::parse("cc1997:125.3.b").unwrap(),
            r(Some("cc1997"), "125", Some("3"), Some("b"))
        );
        assert_eq!(Ref::parse("132-1").unwrap(), r(None, "132-1", None, None));
        assert_eq!(
            Ref::parse("CC1997:125(3)(b)").unwrap(),
            r(Some("cc1997"), "125", Some("3"), Some("b"))
        );
        assert_eq!(
            Ref::parse("cc2014:392.1-1").unwrap(),
            r(Some("cc2014"), "392", Some("1-1"), None)
        );
    }

    #[test]
    fn errors_point_at_the_bad_segment() {
        let e = Ref::parse("cc1997:12x8").unwrap_err();
        assert_eq!(e.message, "invalid article `12x8`");
        let e = Ref::parse("cc1997:128.").unwrap_err();
        assert_eq!(e.message, "invalid part ``");
        let e = Ref::parse("cc1997:abc").unwrap_err();
        assert_eq!((e.start, e.len), (7, 3));
        let e = Ref::parse("cc 97:128").unwrap_err();
        assert_eq!(e.start, 0);
        assert!(Ref::parse("1.2.3.4").is_err());
        assert!(Ref::parse("").is_err());
    }

    #[test]
    fn parses_citations_in_words() {
        let y = |mut r: Ref, y: i32| {
            r.year = Some(y);
            r
        };
        let cases = [
            ("ст. 128", r(None, "128", None, None)),
            ("статья 128", r(None, "128", None, None)),
            ("ст.128 УК РК", r(None, "128", None, None)),
            ("ч. 2 ст. 128 УК РК", r(None, "128", Some("2"), None)),
            ("часть 2 статьи 128", r(None, "128", Some("2"), None)),
            ("п. 3) ч. 2 ст. 125", r(None, "125", Some("2"), Some("3"))),
            (
                "п. «б» ч. 3 ст. 125 УК РК 1997 года",
                r(Some("cc1997"), "125", Some("3"), Some("b")),
            ),
            ("ст. 128 УК 1997 г.", r(Some("cc1997"), "128", None, None)),
            ("ст. 133 старого УК", r(Some("cc1997"), "133", None, None)),
            (
                "ст. 135 УК РК 2014 года",
                r(Some("cc2014"), "135", None, None),
            ),
            ("ст. 135 нового УК", r(Some("cc2014"), "135", None, None)),
            ("128-бап", r(None, "128", None, None)),
            ("ҚК 128-бабының 2-бөлігі", r(None, "128", Some("2"), None)),
            ("жаңа ҚК 128-бабы", r(Some("cc2014"), "128", None, None)),
            ("Art. 128(2)", r(None, "128", Some("2"), None)),
            ("Article 125(3)(b)", r(None, "125", Some("3"), Some("b"))),
            ("art 128 part 2", r(None, "128", Some("2"), None)),
            (
                "article 133 of the old code",
                r(Some("cc1997"), "133", None, None),
            ),
            (
                "the 1997 code, art. 133",
                r(Some("cc1997"), "133", None, None),
            ),
            (
                "ч. 3 ст. 135 УК РК 2018",
                y(r(None, "135", Some("3"), None), 2018),
            ),
        ];
        for (input, want) in cases {
            assert_eq!(Ref::parse(input), Ok(want), "{input}");
        }
    }

    #[test]
    fn every_item_letter_of_the_1997_code_is_accepted() {
        // Long item lists run past «н» (art. 96 part 2 in later editions): «п» is `p`, and
        // the ids keep their alphabet places up to «щ» -> `z`.
        let want = |i: &str| r(None, "96", Some("2"), Some(i));
        assert_eq!(Ref::parse("п. «п» ч. 2 ст. 96"), Ok(want("p")));
        assert_eq!(Ref::parse("п. «р» ч. 2 ст. 96"), Ok(want("q")));
        assert_eq!(Ref::parse("ст. 96 ч. 2 п. «о»"), Ok(want("o")));
        for (letter, id) in crate::model::ITEM_LETTERS {
            let words = format!("п. «{letter}» ч. 2 ст. 96");
            assert_eq!(Ref::parse(&words), Ok(want(id)), "{words}");
            // The compact form takes the Cyrillic letter too, and both name one item.
            let compact = format!("96.2.{letter}");
            assert_eq!(Ref::parse(&compact), Ok(want(id)), "{compact}");
            assert_eq!(Ref::parse(&format!("96.2.{id}")), Ok(want(id)));
        }
        // A letter that letters no item is not turned into one.
        assert_eq!(Ref::parse("96.2.ъ").unwrap().item.as_deref(), Some("ъ"));
    }

    #[test]
    fn citation_errors_point_at_the_stray_words() {
        let e = Ref::parse("ст. 128 и ещё").unwrap_err();
        assert_eq!((e.start, e.len), (8, 1));
        assert!(
            e.hint
                .as_deref()
                .is_some_and(|h| h.contains("ҚК 128-бабының"))
        );
        let e = Ref::parse("ст. 128 и ст. 133").unwrap_err();
        assert_eq!(e.message, "more than one reference");
        let e = Ref::parse("статья сто").unwrap_err();
        assert_eq!(e.message, "no article reference found");
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let _ = Ref::parse(&s);
        }

        #[test]
        fn never_panics_on_citation_like_text(s in "[ст\\.чп«»()бап\\-ҚКҚРУКРК0-9 a-zа-яәғқңөұүһі🙂]{0,200}") {
            if let Err(e) = Ref::parse(&s) {
                prop_assert!(e.start <= s.chars().count());
            }
        }

        #[test]
        fn display_round_trips(code in "cc[0-9]{4}", a in "[1-9][0-9]{0,2}(-[1-9])?", p in proptest::option::of("[1-9]"), i in proptest::option::of("[a-n]")) {
            let i = if p.is_some() { i } else { None };
            let original = Ref { code: Some(code), article: a, part: p, item: i, year: None, at: Spans::default() };
            let parsed = Ref::parse(&original.to_string()).unwrap();
            prop_assert_eq!(parsed, original);
        }

        #[test]
        fn error_spans_stay_inside_input(s in "[a-z0-9:.()\\- ]{0,30}") {
            if let Err(e) = Ref::parse(&s) {
                prop_assert!(e.start <= s.chars().count());
            }
        }
    }
}
