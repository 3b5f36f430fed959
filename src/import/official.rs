//! The official wording store of an imported data directory: `official/<code>/<article>.ron`,
//! one file per article listing every edition's Russian (and Kazakh) text with its links.
//!
//! This text is the user's own copy of the statute, written by `lexchron import` into the
//! output directory only; nothing under `graph/` or `corpus/` holds it.

use crate::model::Date;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Every edition's official wording of one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialArticle {
    pub code: String,
    pub article: String,
    pub editions: Vec<OfficialText>,
}

/// One edition's wording and where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialText {
    pub valid_from: Date,
    #[serde(default)]
    pub valid_to: Option<Date>,
    pub title: String,
    pub ru: String,
    #[serde(default)]
    pub kz: Option<String>,
    /// The mirror commit and the file and line of the article in it.
    pub commit: String,
    pub mirror_url: String,
    pub file: String,
    pub line: usize,
    /// The state database's address of that version (Russian, Kazakh).
    #[serde(default)]
    pub url_rus: Option<String>,
    #[serde(default)]
    pub url_kaz: Option<String>,
    /// Later changes of the Kazakh wording alone within this edition, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kz_changes: Vec<OfficialKazakh>,
}

/// A Kazakh wording that replaced the one before it during an edition, the Russian unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialKazakh {
    /// The mirror version's date (grade C: the act that changed the Kazakh is not read).
    pub valid_from: Date,
    pub kz: String,
    pub commit: String,
    pub mirror_url: String,
}

impl OfficialText {
    /// The Kazakh wording in force on `day` (the edition's own, or a later Kazakh-only
    /// change), and the day that wording applies from when it is such a change.
    pub fn kazakh_on(&self, day: Date) -> (Option<&str>, Option<&OfficialKazakh>) {
        match self.kz_changes.iter().rev().find(|c| c.valid_from <= day) {
            Some(c) => (Some(c.kz.as_str()), Some(c)),
            None => (self.kz.as_deref(), None),
        }
    }
}

/// Path of an article's wording file inside a data dir.
pub fn path(root: &Path, code: &str, article: &str) -> PathBuf {
    root.join("official")
        .join(code)
        .join(format!("{article}.ron"))
}

/// Reads an article's wording; `Ok(None)` when the data dir has none for it.
pub fn read(root: &Path, code: &str, article: &str) -> Result<Option<OfficialArticle>, String> {
    // Article numbers come from parsed references (digits and hyphens), never from paths.
    if !article
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Ok(None);
    }
    let p = path(root, code, article);
    let text = match std::fs::read_to_string(&p) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", p.display())),
    };
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .map(Some)
        .map_err(|e| format!("{}: {e}", p.display()))
}

/// What `lexchron text` answers for one edition: the official wording and its links.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TextView {
    #[serde(rename = "ref")]
    pub reference: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub title: String,
    /// Official Russian wording.
    pub ru: String,
    /// Official Kazakh wording in force on the day asked (for a span, on its last day within
    /// the edition), where the mirror has it.
    pub kz: Option<String>,
    /// Set when that Kazakh wording came from a later version whose Russian was the same:
    /// the day it applies from (the version's date, grade C).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kz_from: Option<String>,
    /// Every Kazakh-only change within the edition: (day, mirror commit).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kz_changes: Vec<(String, String)>,
    pub commit: String,
    pub mirror_url: String,
    pub file: String,
    pub line: usize,
    pub url_rus: Option<String>,
    pub url_kaz: Option<String>,
    /// How sure the edition's dates are, and why, from the provision in force then.
    pub confidence: Option<String>,
    pub date_note: Option<String>,
    /// When the reference names a part (or an item): that part's wording alone, with the
    /// article heading. `ru` and `kz` above stay the whole article's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selection: Option<super::select::Selection>,
}

/// The official wording of every edition of `r` in force during `at`, from the data dir.
pub fn text_views(
    law: &crate::graph::Law,
    root: Option<&Path>,
    r: &crate::query::Ref,
    input: &str,
    at: &crate::query::When,
) -> Result<Vec<TextView>, crate::query::InputError> {
    use crate::query::InputError;
    let whole = || InputError::new(input, 0, input.chars().count(), String::new());
    let provisions = law.resolve(r, input, at)?;
    let mut out = Vec::new();
    let mut missing = Vec::new();
    let mut absent: Vec<(String, super::select::Missing)> = Vec::new();
    let mut absent_ref: Option<String> = None;
    for pi in provisions {
        let p = law.provision(pi);
        let found = match root {
            Some(dir) => read(dir, &p.code, &p.article).map_err(|e| {
                let mut err = whole();
                err.message = format!("the official wording cannot be read: {e}");
                err.hint("import again with `lexchron import <CLONE> --out <DIR>` to rewrite it")
            })?,
            None => None,
        };
        let Some(found) = found else {
            missing.push(p.reference());
            continue;
        };
        let style = super::article::CodeStyle::from_code(&p.code)
            .unwrap_or(super::article::CodeStyle::Cc2014);
        for e in found
            .editions
            .iter()
            .filter(|e| e.valid_from <= at.to && e.valid_to.is_none_or(|t| t >= at.from))
        {
            let version = p.versions.iter().find(|v| v.covers_day(e.valid_from));
            // The Kazakh may have changed alone inside the edition: take the one in force on
            // the day asked (the last day of the span that the edition covers).
            let day = e.valid_to.map_or(at.to, |t| t.min(at.to));
            let (kz, kz_change) = e.kazakh_on(day);
            let selection = match &r.part {
                None => None,
                Some(part) => {
                    match super::select::select(&e.ru, kz, style, part, r.item.as_deref()) {
                        Ok(s) => Some(s),
                        Err(m) => {
                            // An edition without that part is left out; if none has it, say
                            // which parts (items) there are.
                            absent_ref.get_or_insert_with(|| p.reference());
                            absent.push((e.valid_from.to_string(), m));
                            continue;
                        }
                    }
                }
            };
            out.push(TextView {
                selection,
                confidence: version.map(|v| v.confidence.to_string()),
                date_note: version.and_then(|v| v.date_note.clone()),
                reference: p.reference(),
                valid_from: e.valid_from.to_string(),
                valid_to: e.valid_to.map(|d| d.to_string()),
                title: e.title.clone(),
                ru: e.ru.clone(),
                kz: kz.map(str::to_string),
                kz_from: kz_change.map(|c| c.valid_from.to_string()),
                kz_changes: e
                    .kz_changes
                    .iter()
                    .map(|c| (c.valid_from.to_string(), c.commit.clone()))
                    .collect(),
                commit: e.commit.clone(),
                mirror_url: e.mirror_url.clone(),
                file: e.file.clone(),
                line: e.line,
                url_rus: e.url_rus.clone(),
                url_kaz: e.url_kaz.clone(),
            });
        }
    }
    if out.is_empty() && !absent.is_empty() {
        let reference = absent_ref.unwrap_or_else(|| r.to_string());
        return Err(not_in_wording(r, &reference, input, at, &absent));
    }
    if out.is_empty() {
        let mut err = whole();
        if missing.is_empty() {
            err.message = format!("{r} has no official wording in force during {at}");
            return Err(err.hint("try another --at, or `lexchron history` for its editions"));
        }
        err.message = format!(
            "no official wording of {} in this data directory",
            missing.join(", ")
        );
        return Err(err.hint(
            "the bundled data holds our summaries only: clone https://github.com/kazakhstan-law/codes, run `lexchron import <CLONE> --out <DIR>`, then pass --data <DIR>",
        ));
    }
    Ok(out)
}

/// The error for a part (or item) that no edition in force has, with the ones there are.
fn not_in_wording(
    r: &crate::query::Ref,
    reference: &str,
    input: &str,
    at: &crate::query::When,
    absent: &[(String, super::select::Missing)],
) -> crate::query::InputError {
    use super::select::Missing;
    let part = r.part.clone().unwrap_or_default();
    // The caret goes under the part (or the item) as the user wrote it, when it can be found.
    let (what, token) = match (&r.item, absent.first().map(|(_, m)| m)) {
        (Some(i), Some(Missing::Item(_))) => (format!("item {i} of part {part}"), i.clone()),
        _ => (format!("part {part}"), part.clone()),
    };
    let start = input
        .rfind(token.as_str())
        .map_or(0, |b| input[..b].chars().count());
    let len = if input.contains(token.as_str()) {
        token.chars().count().max(1)
    } else {
        input.chars().count().max(1)
    };
    let mut hint = Vec::new();
    for (from, m) in absent {
        let (kind, have) = match m {
            Missing::Part(h) => ("parts", h),
            Missing::Item(h) => ("items", h),
        };
        let listed = if have.is_empty() {
            "none".to_string()
        } else {
            have.join(", ")
        };
        let line = format!("{kind} {listed}");
        if !hint.iter().any(|(_, l)| *l == line) {
            hint.push((from.clone(), line));
        }
    }
    let hint = match hint.as_slice() {
        [(_, l)] => format!("the wording in force has {l}"),
        many => many
            .iter()
            .map(|(f, l)| format!("the edition of {f} has {l}"))
            .collect::<Vec<_>>()
            .join("; "),
    };
    crate::query::InputError::new(
        input,
        start,
        len,
        format!("{reference} has no {what} in its wording in force during {at}"),
    )
    .hint(hint)
    .not_found()
}
