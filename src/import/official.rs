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
    /// Official Kazakh wording, where the mirror has it.
    pub kz: Option<String>,
    pub commit: String,
    pub mirror_url: String,
    pub file: String,
    pub line: usize,
    pub url_rus: Option<String>,
    pub url_kaz: Option<String>,
    /// How sure the edition's dates are, and why, from the provision in force then.
    pub confidence: Option<String>,
    pub date_note: Option<String>,
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
        for e in found
            .editions
            .iter()
            .filter(|e| e.valid_from <= at.to && e.valid_to.is_none_or(|t| t >= at.from))
        {
            let version = p.versions.iter().find(|v| v.covers_day(e.valid_from));
            out.push(TextView {
                confidence: version.map(|v| v.confidence.to_string()),
                date_note: version.and_then(|v| v.date_note.clone()),
                reference: p.reference(),
                valid_from: e.valid_from.to_string(),
                valid_to: e.valid_to.map(|d| d.to_string()),
                title: e.title.clone(),
                ru: e.ru.clone(),
                kz: e.kz.clone(),
                commit: e.commit.clone(),
                mirror_url: e.mirror_url.clone(),
                file: e.file.clone(),
                line: e.line,
                url_rus: e.url_rus.clone(),
                url_kaz: e.url_kaz.clone(),
            });
        }
    }
    if out.is_empty() {
        let mut err = whole();
        if missing.is_empty() {
            err.message = format!("{r} has no official wording in force during {at}");
            return Err(err
                .hint("try another --at, or `lexchron history` for its editions")
                .not_found());
        }
        err.message = format!(
            "no official wording of {} in this data directory",
            missing.join(", ")
        );
        // Not in the data (rather than malformed), so servers answer 404 as for any absent thing.
        return Err(err
            .hint(
                "the bundled data holds our summaries only: clone https://github.com/kazakhstan-law/codes, run `lexchron import <CLONE> --out <DIR>`, then pass --data <DIR>",
            )
            .not_found());
    }
    Ok(out)
}
