//! Provision references: `cc1997:128`, `cc2014:135.2`, `cc1997:125.3.b`, `132-1`, `125(3)(b)`.

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
}

const MAX_LEN: usize = 64;

impl Ref {
    /// Parses a reference. Accepts `code:article[.part[.item]]`, a bare article, and the
    /// bracket form `125(3)(b)`.
    pub fn parse(input: &str) -> Result<Ref, InputError> {
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
        // Turn `125(3)(b)` into `125.3.b` so both forms share one grammar.
        let normalized: String = rest
            .chars()
            .map(|c| match c {
                '(' => '.',
                ')' => '\u{0}',
                c => c,
            })
            .filter(|c| *c != '\u{0}')
            .collect();
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
            parsed.push(seg.to_lowercase());
            offset += seg.chars().count() + 1;
        }
        let mut it = parsed.into_iter();
        Ok(Ref {
            code,
            article: it.next().unwrap_or_default(),
            part: it.next(),
            item: it.next(),
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
        }
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

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let _ = Ref::parse(&s);
        }

        #[test]
        fn display_round_trips(code in "cc[0-9]{4}", a in "[1-9][0-9]{0,2}(-[1-9])?", p in proptest::option::of("[1-9]"), i in proptest::option::of("[a-n]")) {
            let i = if p.is_some() { i } else { None };
            let original = Ref { code: Some(code), article: a, part: p, item: i };
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
