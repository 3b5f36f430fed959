//! Writing an imported data directory: the bundled curated data as it is, every other
//! article from the import (same RON format as `graph/`), acts, sources with their notes,
//! the official wording under `official/`, and the state a re-import continues from.
//!
//! The directory is built beside the target and renamed into place, so a reader (or a
//! crash) never sees half of it.

use super::compare::{self, Disagreement};
use super::edition::{ActRecord, CodeState, Edition, source_id};
use super::git::CodeId;
use super::official::{OfficialArticle, OfficialText};
use super::{ImportError, io_err};
use crate::load::Dataset;
use crate::model::{
    Act, Cite, Confidence, Date, Gap, Item, Note, Part, Provision, ProvisionKind, Source,
    SourceKind, Version,
};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// What the writer reports back.
#[derive(Debug, Default)]
pub struct Written {
    pub disagreements: Vec<Disagreement>,
    /// Articles where the curated provision was kept.
    pub curated: usize,
}

/// Builds the whole directory in a temporary sibling, then swaps it in.
pub fn write_all(
    out: &Path,
    bundled: &Dataset,
    states: &BTreeMap<String, CodeState>,
) -> Result<Written, ImportError> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| io_err(&parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "data".into());
    let tmp = parent.join(format!(".{name}.lexchron-tmp-{}", std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| io_err(&tmp, e))?;
    }
    let built = build(&tmp, bundled, states);
    let written = match built {
        Ok(w) => w,
        Err(e) => {
            let _ = fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    if out.exists() {
        let old = parent.join(format!(".{name}.lexchron-old-{}", std::process::id()));
        fs::rename(out, &old).map_err(|e| io_err(out, e))?;
        if let Err(e) = fs::rename(&tmp, out) {
            // Put the previous data back rather than leave nothing.
            let _ = fs::rename(&old, out);
            let _ = fs::remove_dir_all(&tmp);
            return Err(io_err(out, e));
        }
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(&tmp, out).map_err(|e| io_err(out, e))?;
    }
    Ok(written)
}

/// Tidies what an interrupted import left beside `out`: a half-built directory is removed,
/// and a previous output moved aside but never replaced is put back.
pub fn recover(out: &Path) {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let Ok(rd) = fs::read_dir(&parent) else {
        return;
    };
    for e in rd.filter_map(Result::ok) {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&format!(".{name}.lexchron-tmp-")) {
            let _ = fs::remove_dir_all(e.path());
        } else if n.starts_with(&format!(".{name}.lexchron-old-")) {
            if out.exists() {
                let _ = fs::remove_dir_all(e.path());
            } else {
                let _ = fs::rename(e.path(), out);
            }
        }
    }
}

fn put(root: &Path, rel: &str, text: &str) -> Result<(), ImportError> {
    let p = root.join(rel);
    if let Some(d) = p.parent() {
        fs::create_dir_all(d).map_err(|e| io_err(d, e))?;
    }
    fs::write(&p, text).map_err(|e| io_err(&p, e))
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), ImportError> {
    fs::create_dir_all(to).map_err(|e| io_err(to, e))?;
    for e in fs::read_dir(from).map_err(|e| io_err(from, e))? {
        let e = e.map_err(|e| io_err(from, e))?;
        let ty = e.file_type().map_err(|err| io_err(&e.path(), err))?;
        let dest = to.join(e.file_name());
        if ty.is_dir() {
            copy_tree(&e.path(), &dest)?;
        } else if ty.is_file() {
            fs::copy(e.path(), &dest).map_err(|err| io_err(&e.path(), err))?;
        }
    }
    Ok(())
}

/// RON as the loader reads it (struct names, pretty).
pub fn to_ron<T: serde::Serialize>(v: &T) -> String {
    let cfg = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    ron::ser::to_string_pretty(v, cfg).unwrap_or_default()
}

fn build(
    root: &Path,
    bundled: &Dataset,
    states: &BTreeMap<String, CodeState>,
) -> Result<Written, ImportError> {
    copy_tree(&bundled.root.join("graph"), &root.join("graph"))?;
    copy_tree(&bundled.root.join("corpus"), &root.join("corpus"))?;
    let curated: BTreeMap<String, &Provision> = bundled
        .provisions
        .iter()
        .map(|(p, _)| (p.reference(), p))
        .collect();
    let curated_acts: BTreeMap<&str, Option<Date>> = bundled
        .acts
        .iter()
        .map(|(a, _)| (a.id.as_str(), a.in_force))
        .collect();
    let curated_sources: BTreeSet<&str> =
        bundled.sources.iter().map(|(s, _)| s.id.as_str()).collect();
    let codes: BTreeMap<&str, (Date, Option<Date>, String)> = bundled
        .codes
        .iter()
        .map(|(c, _)| (c.id.as_str(), (c.in_force, c.in_force_until, c.act.clone())))
        .collect();

    let mut written = Written::default();
    let mut acts: BTreeMap<String, ActRecord> = BTreeMap::new();
    for st in states.values() {
        for (id, a) in &st.acts {
            acts.entry(id.clone()).or_insert_with(|| a.clone());
        }
    }
    let act_day = |id: &str| -> Option<Date> {
        match curated_acts.get(id) {
            Some(d) => *d,
            None => acts.get(id).map(|a| a.in_force),
        }
    };
    let mut cited: BTreeMap<String, Source> = BTreeMap::new();
    for st in states.values() {
        let Some(code) = CodeId::parse(&st.code) else {
            continue;
        };
        let Some((_, until, _)) = codes.get(code.id()).cloned() else {
            continue;
        };
        for (article, hist) in &st.articles {
            if hist.editions.is_empty() {
                continue;
            }
            let reference = format!("{}:{article}", code.id());
            let mut editions: Vec<Edition> = hist.editions.clone();
            if let (Some(end), Some(last)) = (until, editions.last_mut()) {
                if last.valid_to.is_none_or(|t| t > end) {
                    last.valid_to = Some(end);
                }
            }
            let offence = editions
                .last()
                .is_some_and(|e| e.parts.iter().any(|p| p.penalty.is_some()));
            let versions: Vec<Version> = editions
                .iter()
                .enumerate()
                .map(|(i, e)| version_of(code, article, e, i == 0, offence, &act_day, &mut cited))
                .collect();
            let provision = Provision {
                code: code.id().to_string(),
                article: article.clone(),
                subject: editions
                    .last()
                    .map(|e| e.title.clone())
                    .filter(|t| !t.trim().is_empty())
                    .unwrap_or_else(|| format!("Article {article}")),
                kind: if offence {
                    ProvisionKind::Offence
                } else {
                    ProvisionKind::GeneralRule
                },
                renumbered_as: vec![],
                gaps: hist
                    .gaps
                    .iter()
                    .map(|(from, to, reason)| Gap {
                        from: *from,
                        to: *to,
                        reason: reason.clone(),
                    })
                    .collect(),
                versions,
            };
            let file = format!("{}-{article}.ron", code.id());
            match curated.get(&reference) {
                Some(cur) => {
                    written.curated += 1;
                    written
                        .disagreements
                        .extend(compare::compare(cur, &provision));
                    put(root, &format!("import/shadow/{file}"), &to_ron(&provision))?;
                }
                None => put(
                    root,
                    &format!("graph/provisions/{file}"),
                    &to_ron(&provision),
                )?,
            }
            let official = OfficialArticle {
                code: code.id().to_string(),
                article: article.clone(),
                editions: editions
                    .iter()
                    .map(|e| OfficialText {
                        valid_from: e.valid_from,
                        valid_to: e.valid_to,
                        title: e.title.clone(),
                        ru: e.ru.clone(),
                        kz: e.kz.clone(),
                        commit: e.commit.clone(),
                        mirror_url: super::git::mirror_url(&e.commit, &e.folder),
                        file: format!("{}/{}", e.folder, e.file),
                        line: e.line,
                        url_rus: e.url_rus.clone(),
                        url_kaz: e.url_kaz.clone(),
                        kz_changes: e
                            .kz_changes
                            .iter()
                            // A Kazakh change dated after the edition ended belongs to none.
                            .filter(|c| e.valid_to.is_none_or(|t| c.valid_from <= t))
                            .map(|c| super::official::OfficialKazakh {
                                valid_from: c.valid_from,
                                kz: c.kz.clone(),
                                commit: c.commit.clone(),
                                mirror_url: super::git::mirror_url(&c.commit, &c.folder),
                            })
                            .collect(),
                    })
                    .collect(),
            };
            put(
                root,
                &format!("official/{}/{article}.ron", code.id()),
                &to_ron(&official),
            )?;
        }
    }
    for (id, a) in &acts {
        if curated_acts.contains_key(id.as_str()) {
            continue;
        }
        put(root, &format!("graph/acts/{id}.ron"), &to_ron(&act_of(a)))?;
        cited
            .entry(a.cite.0.clone())
            .or_insert_with(|| mirror_source_stub(&a.cite.0));
    }
    // Every cited source needs its record and a note; fill stubs from the version list.
    let mut records: BTreeMap<String, (String, super::edition::VersionRecord)> = BTreeMap::new();
    for st in states.values() {
        if let Some(code) = CodeId::parse(&st.code) {
            for v in &st.versions {
                records.insert(
                    source_id(code, &v.commit),
                    (code.id().to_string(), v.clone()),
                );
                if let Some(z) = zan_id(code, v.version_date) {
                    records.insert(z, (code.id().to_string(), v.clone()));
                }
            }
        }
    }
    for id in cited.keys() {
        if curated_sources.contains(id.as_str()) {
            continue;
        }
        let Some((code, v)) = records.get(id) else {
            continue;
        };
        let zan = id.starts_with("zan-");
        let date = v
            .version_date
            .map_or("undated".to_string(), |d| d.to_string());
        let src = Source {
            id: id.clone(),
            kind: SourceKind::Statute,
            title: if zan {
                format!("State legal database: {code} as of the version dated {date}")
            } else {
                format!(
                    "Official-text mirror kazakhstan-law/codes: {code}, commit {} (version date {date})",
                    super::git::short(&v.commit)
                )
            },
            url: if zan {
                v.url_rus.clone()
            } else {
                Some(super::git::mirror_url(&v.commit, &v.folder))
            },
            seed_file: None,
            dated: v.version_date,
        };
        let note = if zan {
            format!(
                "The state legal database's page for the {code} version dated {date}, as named in the mirror's meta.yaml (source.rus). Written by `lexchron import`; the text itself was read from the mirror commit {}.\n",
                v.commit
            )
        } else {
            format!(
                "One commit of the public mirror of the state legal database, holding the {code} text of the version dated {date}. Written by `lexchron import` from a local clone; articles were parsed from its Markdown, so wording and sanctions are as the mirror has them.\n"
            )
        };
        put(root, &format!("graph/sources/{id}.ron"), &to_ron(&src))?;
        put(root, &format!("corpus/sources/{id}.md"), &note)?;
    }
    let state = serde_json::to_vec(states).map_err(|e| io_err(root, e))?;
    fs::create_dir_all(root.join("import")).map_err(|e| io_err(root, e))?;
    fs::write(root.join(super::run::STATE_FILE), state).map_err(|e| io_err(root, e))?;
    let report = serde_json::json!({
        "problems": states.values().flat_map(|s| s.problems.iter().map(|p| serde_json::json!({
            "commit": p.commit, "file": p.file, "line": p.line, "article": p.article, "message": p.message,
        }))).collect::<Vec<_>>(),
    });
    put(
        root,
        "import/problems.json",
        &serde_json::to_string_pretty(&report).unwrap_or_default(),
    )?;
    Ok(written)
}

fn mirror_source_stub(id: &str) -> Source {
    Source {
        id: id.to_string(),
        kind: SourceKind::Statute,
        title: String::new(),
        url: None,
        seed_file: None,
        dated: None,
    }
}

/// The id of a state-database source: `zan-<code>-<yyyymmdd>`.
fn zan_id(code: CodeId, date: Option<Date>) -> Option<String> {
    date.map(|d| format!("zan-{}-{}", code.id(), d.format("%Y%m%d")))
}

fn version_of(
    code: CodeId,
    article: &str,
    e: &Edition,
    first: bool,
    offence: bool,
    act_day: &dyn Fn(&str) -> Option<Date>,
    cited: &mut BTreeMap<String, Source>,
) -> Version {
    let short = super::git::short(&e.commit);
    let mirror = source_id(code, &e.commit);
    cited.insert(mirror.clone(), mirror_source_stub(&mirror));
    let mut sources = vec![Cite {
        source: mirror,
        locator: format!("{}, art. {article}", e.file),
    }];
    if e.url_rus.is_some() {
        if let Some(z) = zan_id(code, e.version_date) {
            cited.insert(z.clone(), mirror_source_stub(&z));
            sources.push(Cite {
                source: z,
                locator: format!("art. {article}"),
            });
        }
    }
    let dated = e
        .version_date
        .map_or("an undated version".to_string(), |d| {
            format!("the version of {d}")
        });
    let changes = if first {
        format!("Wording as first read in the mirror ({dated}, commit {short}).")
    } else {
        format!("Wording changed in the mirror in {dated} (commit {short}).")
    };
    let mut date_note = e.date_note.clone();
    if act_day(&e.enacted_by) != Some(e.valid_from) && date_note.is_none() {
        date_note = Some(format!(
            "the act {} is dated otherwise in the data; this edition's day comes from the article's own footnote and the code's dates",
            e.enacted_by
        ));
    }
    let parts = e
        .parts
        .iter()
        .map(|p| Part {
            part: p.part.clone(),
            features: if p.text.trim().is_empty() {
                "(see the official wording)".into()
            } else {
                p.text.clone()
            },
            items: p
                .items
                .iter()
                .map(|(id, text)| Item {
                    item: id.clone(),
                    features: text.clone(),
                    topics: vec![],
                })
                .collect(),
            penalty: if offence {
                Some(
                    p.penalty
                        .clone()
                        .unwrap_or_else(super::sanction::unknown_penalty),
                )
            } else {
                None
            },
            topics: vec![],
            guilt: Default::default(),
            confidence: p.unread.as_ref().map(|_| Confidence::C),
            sources: vec![],
        })
        .collect();
    Version {
        valid_from: e.valid_from,
        valid_to: e.valid_to,
        enacted_by: e.enacted_by.clone(),
        amended_by: e.amended_by.clone(),
        title: if e.title.trim().is_empty() {
            format!("Article {article}")
        } else {
            e.title.clone()
        },
        title_ru: Some(e.title.clone()).filter(|t| !t.trim().is_empty()),
        changes,
        text: Some(format!(
            "Imported from the official text ({}, line {}, commit {short}); `lexchron text {}:{article} --at {}` prints the wording.",
            e.file,
            e.line,
            code.id(),
            e.valid_from
        )),
        date_note,
        topics: vec![],
        refers_to: vec![],
        parts,
        notes: e
            .notes
            .iter()
            .map(|(n, t)| Note {
                note: n.clone(),
                summary: t.clone(),
            })
            .collect(),
        paragraphs: e
            .paragraphs
            .iter()
            .map(|(after, text)| crate::model::Paragraph {
                after_part: after.clone(),
                summary: text.clone(),
            })
            .collect(),
        rules: None,
        conflicts: vec![],
        confidence: e.confidence,
        sources,
    }
}

fn act_of(a: &ActRecord) -> Act {
    let kind = match a.kind {
        crate::model::ActKind::Code => "Code",
        crate::model::ActKind::Law => "Law",
        crate::model::ActKind::ConstitutionalLaw => "Constitutional Law",
        crate::model::ActKind::Decree => "Decree",
        crate::model::ActKind::CourtResolution => "Resolution",
    };
    let note = match (&a.note, a.confidence, &a.rule) {
        (Some(n), _, _) => Some(n.clone()),
        (None, Confidence::A, _) => None,
        (None, _, Some(_)) => None,
        (None, _, None) => Some("date taken from the mirror; no rule was stated".into()),
    };
    Act {
        id: a.id.clone(),
        kind: a.kind,
        number: a.number.clone(),
        title: format!(
            "{kind} of the Republic of Kazakhstan No. {} of {}",
            a.number, a.signed
        ),
        title_ru: a.title_ru.clone(),
        signed: a.signed,
        in_force: Some(a.in_force),
        in_force_rule: a.rule.clone(),
        in_force_confidence: a.confidence,
        in_force_note: note,
        sources: vec![Cite {
            source: a.cite.0.clone(),
            locator: a.cite.1.clone(),
        }],
    }
}
