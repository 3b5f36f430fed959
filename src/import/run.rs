//! One import: open the clone, walk each code's new versions, parse them, fold them into
//! editions and write the data directory. Progress goes to a callback; no terminal I/O.

use super::edition::{CodeFrame, CodeState, Problem, Read, kazakh_articles};
use super::git::{CodeId, Mirror};
use super::{Chapter, CodeStyle, ImportError, io_err, parse_chapter};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// What to import and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The clone of `kazakhstan-law/codes`.
    pub clone: PathBuf,
    /// The data directory to write (new, empty, or written by an earlier import).
    pub out: PathBuf,
    pub codes: Vec<CodeId>,
    /// The bundled data (curated provisions, codes, topics) copied into the output.
    pub bundled: PathBuf,
}

/// A progress report: `done` of `total` versions of a code.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub code: &'a str,
    pub done: usize,
    pub total: usize,
}

/// What one code's import did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct CodeSummary {
    pub code: String,
    /// Commits looked at and versions read in this run.
    pub commits: usize,
    pub new_versions: usize,
    /// Versions read over all runs.
    pub versions: usize,
    pub articles: usize,
    pub editions: usize,
    /// Sanctions in the editions, and how many were read into penalties.
    pub sanctions: usize,
    pub sanctions_read: usize,
    /// False when the whole history was read again (first import, or history rewritten).
    pub incremental: bool,
}

/// What an import did, for the report after it.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    pub out: PathBuf,
    pub codes: Vec<CodeSummary>,
    /// Everything the import read around (unread sanctions...), located.
    pub problems: Vec<Problem>,
    /// Curated against imported, part by part.
    pub disagreements: Vec<super::compare::Disagreement>,
    /// Curated provisions kept in place of the imported ones.
    pub curated: usize,
}

/// Where an import keeps what a re-import needs.
pub const STATE_FILE: &str = "import/state.json";

/// Runs an import. Nothing in `opts.out` changes unless the whole import succeeds.
pub fn import(opts: &Options, progress: &dyn Fn(Progress<'_>)) -> Result<Summary, ImportError> {
    super::write::recover(&opts.out);
    check_out(&opts.out)?;
    let mirror = Mirror::open(&opts.clone)?;
    let (bundled, diags) = crate::load::load(&opts.bundled);
    if let Some(d) = diags.first() {
        return Err(ImportError::Bundled(d.message.clone()));
    }
    let mut states = read_state(&opts.out);
    let mut summary = Summary {
        out: opts.out.clone(),
        ..Summary::default()
    };
    for &code in &opts.codes {
        let frame = frame_for(code, &bundled)?;
        let st = states
            .entry(code.id().to_string())
            .or_insert_with(|| CodeState::new(code));
        if st.format != super::edition::STATE_FORMAT {
            // Editions stored in another shape miss what this importer records: read again.
            *st = CodeState::new(code);
        }
        let walk = mirror.versions(code, st.last_commit.as_deref(), &st.last_trees)?;
        if !walk.incremental {
            *st = CodeState::new(code);
        }
        let style = CodeStyle::from_code(code.id()).unwrap_or(CodeStyle::Cc2014);
        // Consecutive versions share most files: keep the previous version's parses only.
        let mut cache: HashMap<gix::ObjectId, Rc<(String, Chapter)>> = HashMap::new();
        let mut kaz_cache: HashMap<gix::ObjectId, Rc<BTreeMap<String, String>>> = HashMap::new();
        let total = walk.versions.len();
        for (i, v) in walk.versions.iter().enumerate() {
            progress(Progress {
                code: code.id(),
                done: i,
                total,
            });
            let mut next = HashMap::new();
            let mut parsed = Vec::new();
            for f in &v.rus {
                let entry = match cache.get(&f.blob) {
                    Some(p) => p.clone(),
                    None => {
                        let md = mirror.read_text(&f.blob, &v.commit)?;
                        let ch = parse_chapter(&md, style);
                        for w in &ch.warnings {
                            st.problems.push(Problem {
                                commit: v.commit.clone(),
                                file: format!("{}/{}", v.folder, f.path),
                                line: w.line,
                                article: String::new(),
                                message: w.message.clone(),
                            });
                        }
                        Rc::new((md, ch))
                    }
                };
                next.insert(f.blob, entry.clone());
                parsed.push((f.path.as_str(), entry));
            }
            cache = next;
            let mut kaz = BTreeMap::new();
            let mut next_kaz = HashMap::new();
            for f in &v.kaz {
                let k = match kaz_cache.get(&f.blob) {
                    Some(k) => k.clone(),
                    None => Rc::new(kazakh_articles(&mirror.read_text(&f.blob, &v.commit)?)),
                };
                for (n, t) in k.iter() {
                    kaz.entry(n.clone()).or_insert_with(|| t.clone());
                }
                next_kaz.insert(f.blob, k);
            }
            kaz_cache = next_kaz;
            let reads: Vec<Read<'_>> = parsed
                .iter()
                .flat_map(|(file, p)| {
                    p.1.articles.iter().map(move |a| Read {
                        file,
                        md: &p.0,
                        article: a,
                    })
                })
                .collect();
            st.apply(&frame, v, reads, &kaz);
        }
        progress(Progress {
            code: code.id(),
            done: total,
            total,
        });
        // The next import starts after the head, even when the head left this code alone.
        if !walk.head.is_empty() && !st.versions.is_empty() {
            st.last_commit = Some(walk.head.clone());
        }
        summary
            .codes
            .push(code_summary(st, walk.commits, total, walk.incremental));
    }
    if states.values().all(|s| s.versions.is_empty()) {
        return Err(ImportError::NoCodes(opts.clone.clone()));
    }
    let written = super::write::write_all(&opts.out, &bundled, &states)?;
    summary.problems = states.values().flat_map(|s| s.problems.clone()).collect();
    summary.disagreements = written.disagreements;
    summary.curated = written.curated;
    Ok(summary)
}

fn code_summary(st: &CodeState, commits: usize, new: usize, incremental: bool) -> CodeSummary {
    let editions = || st.articles.values().flat_map(|h| h.editions.iter());
    let sanctions = editions()
        .flat_map(|e| e.parts.iter())
        .filter(|p| p.penalty.is_some() && !is_no_sanction(p))
        .count();
    let unread = editions()
        .flat_map(|e| e.parts.iter())
        .filter(|p| p.unread.is_some())
        .count();
    CodeSummary {
        code: st.code.clone(),
        commits,
        new_versions: new,
        versions: st.versions.len(),
        articles: st
            .articles
            .values()
            .filter(|h| !h.editions.is_empty())
            .count(),
        editions: editions().count(),
        sanctions,
        sanctions_read: sanctions.saturating_sub(unread),
        incremental,
    }
}

/// A part of an offence article that has no sanction sentence of its own.
fn is_no_sanction(p: &super::edition::EditionPart) -> bool {
    p.unread.is_none()
        && p.penalty.as_ref().is_some_and(|pen| {
            pen.imprisonment == crate::model::Imprisonment::Unknown && pen.other.len() == 1
        })
}

/// The output may be new, empty, or a data directory an earlier import wrote; nothing else.
fn check_out(out: &Path) -> Result<(), ImportError> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(ImportError::NotDataDir(out.to_path_buf()));
    }
    let empty = std::fs::read_dir(out)
        .map_err(|e| io_err(out, e))?
        .next()
        .is_none();
    // Only an earlier import's output is replaced: a hand-written data dir (or a project
    // checkout holding one) is someone's work and is never moved or deleted.
    if empty || (out.join("graph/codes.ron").is_file() && out.join(STATE_FILE).is_file()) {
        Ok(())
    } else {
        Err(ImportError::NotDataDir(out.to_path_buf()))
    }
}

/// The previous import's state; an unreadable state only means reading everything again.
fn read_state(out: &Path) -> BTreeMap<String, CodeState> {
    std::fs::read(out.join(STATE_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn frame_for(code: CodeId, data: &crate::load::Dataset) -> Result<CodeFrame, ImportError> {
    let (c, _) = data
        .codes
        .iter()
        .find(|(c, _)| c.id == code.id())
        .ok_or_else(|| ImportError::Bundled(format!("code {} is not in codes.ron", code.id())))?;
    Ok(CodeFrame {
        code,
        in_force: c.in_force,
        until: c.in_force_until,
        act: c.act.clone(),
        acts: data
            .acts
            .iter()
            .filter_map(|(a, _)| {
                a.in_force
                    .map(|d| (a.id.clone(), (d, a.in_force_confidence)))
            })
            .collect(),
    })
}
