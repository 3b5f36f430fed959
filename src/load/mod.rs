//! Loading: the RON files under `graph/` and the text under `corpus/` into a [`Dataset`].
//!
//! Loading keeps every file's text, and scans a [`SpanMap`] of it when a check first needs
//! to point at the line and column of a value. Syntax errors in one file do not stop the others from
//! loading; they are all reported together.

mod origin;
pub mod spans;

pub use origin::Origin;

use crate::diag::{Diagnostic, Location};
use crate::model::{Act, Code, Date, Provision, Source, Topic};
use serde::de::DeserializeOwned;
use spans::SpanMap;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// A data file as read: its path relative to the data dir, and its text.
#[derive(Debug)]
pub struct DataFile {
    pub path: PathBuf,
    pub text: String,
    /// Where every value starts, scanned only when a diagnostic first needs a location:
    /// valid data never pays for it (at a million versions it would be gigabytes).
    spans: std::sync::OnceLock<SpanMap>,
}

impl DataFile {
    pub fn new(path: PathBuf, text: String) -> DataFile {
        DataFile {
            path,
            text,
            spans: std::sync::OnceLock::new(),
        }
    }

    pub fn spans(&self) -> &SpanMap {
        self.spans.get_or_init(|| SpanMap::scan(&self.text))
    }
}

/// Everything in a data directory, as written, before any validation.
#[derive(Debug, Default)]
pub struct Dataset {
    pub root: PathBuf,
    pub files: Vec<DataFile>,
    pub codes: Vec<(Code, Origin)>,
    pub topics: Vec<(Topic, Origin)>,
    pub acts: Vec<(Act, Origin)>,
    pub sources: Vec<(Source, Origin)>,
    pub provisions: Vec<(Provision, Origin)>,
    /// Version summaries keyed by (code, article, valid_from as written in the file name).
    pub texts: BTreeMap<(String, String, String), (String, PathBuf)>,
    /// Notes on sources keyed by source id.
    pub source_notes: BTreeMap<String, String>,
    /// Files under `corpus/` whose names do not fit the layout.
    pub stray_texts: Vec<PathBuf>,
    /// Data files that could not be read or parsed (already reported).
    pub failed: std::collections::BTreeSet<PathBuf>,
    /// Identity of the data as it is on disk (see [`data_key`]); keys the caches.
    pub key: String,
}

/// A cheap identity of a data dir: every file's path, size and modification time under
/// `graph/` and `corpus/`. It changes whenever a file is added, removed or rewritten, without
/// reading any file, so a warm start can trust its snapshot without parsing the data.
pub fn data_key(root: &Path) -> String {
    let mut h = blake3::Hasher::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    let mut entries = stat_tree(root, vec![root.join("graph"), root.join("corpus")]);
    entries.sort_unstable();
    for (p, len, mtime, link) in entries {
        h.update(p.as_bytes());
        h.update(&len.to_le_bytes());
        h.update(&mtime.to_le_bytes());
        h.update(&[u8::from(link)]);
    }
    h.finalize().to_hex().to_string()
}

type Stat = (String, u64, u128, bool);

/// Entries after which a walk brings in one helper thread per further core.
const PARALLEL_AFTER: usize = 16_384;

/// Directories still to list (full path, path relative to the root), how many walkers are
/// listing one (either may add more), and whether the walk is over.
struct Queue {
    dirs: Vec<(PathBuf, String)>,
    busy: usize,
}

/// Path (relative to `root`), size, modification time and symlink flag of everything under
/// `tops`: one stat per file, the whole cost of a warm start on large data. Measured on the
/// 2-core machine (BENCHMARKS.md), a second thread only pays on large trees, and under load
/// from other processes it costs more than it saves, so the walk starts alone and brings in
/// helpers once it has seen [`PARALLEL_AFTER`] entries. Idle walkers wait on a condition
/// variable (never spin), and `DirEntry` metadata stats through the open directory handle
/// instead of resolving the whole path again.
fn stat_tree(root: &Path, tops: Vec<PathBuf>) -> Vec<Stat> {
    stat_tree_from(root, tops, PARALLEL_AFTER)
}

/// [`stat_tree`], with helpers brought in after `parallel_after` entries.
fn stat_tree_from(root: &Path, tops: Vec<PathBuf>, parallel_after: usize) -> Vec<Stat> {
    use std::sync::{Condvar, Mutex};
    let dirs = tops
        .into_iter()
        .map(|p| {
            let rel = rel_to(root, &p).to_string_lossy().into_owned();
            (p, rel)
        })
        .collect();
    let queue = Mutex::new(Queue { dirs, busy: 0 });
    let ready = Condvar::new();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    // Lists directories until none is left; `seen` is told how many entries so far.
    let walk = |out: &mut Vec<Stat>, seen: &mut dyn FnMut(usize)| {
        loop {
            let next = {
                let Ok(mut q) = queue.lock() else { return };
                loop {
                    if let Some(d) = q.dirs.pop() {
                        q.busy += 1;
                        break Some(d);
                    }
                    if q.busy == 0 {
                        break None;
                    }
                    q = match ready.wait(q) {
                        Ok(q) => q,
                        Err(_) => return,
                    };
                }
            };
            let Some((dir, rel_dir)) = next else {
                ready.notify_all();
                return;
            };
            let mut subdirs = Vec::new();
            if let Ok(rd) = fs::read_dir(&dir) {
                for e in rd.flatten() {
                    let name = e.file_name();
                    let rel = format!("{rel_dir}/{}", name.to_string_lossy());
                    // The listing says what is a directory without a stat; a directory's own
                    // size and time add nothing, since its entries are all recorded.
                    if e.file_type().is_ok_and(|t| t.is_dir()) {
                        out.push((rel.clone(), 0, 0, false));
                        subdirs.push((e.path(), rel));
                        continue;
                    }
                    let Ok(meta) = e.metadata() else { continue };
                    let mtime = meta
                        .modified()
                        .ok()
                        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                        .map_or(0, |d| d.as_nanos());
                    out.push((rel, meta.len(), mtime, meta.file_type().is_symlink()));
                }
            }
            let Ok(mut q) = queue.lock() else { return };
            let added = !subdirs.is_empty();
            q.dirs.extend(subdirs);
            q.busy -= 1;
            if added || q.busy == 0 {
                ready.notify_all();
            }
            drop(q);
            seen(out.len());
        }
    };
    std::thread::scope(|s| {
        let mut helpers = Vec::new();
        let mut all = Vec::new();
        walk(&mut all, &mut |n| {
            if n >= parallel_after && helpers.is_empty() && threads > 1 {
                helpers = (1..threads)
                    .map(|_| {
                        s.spawn(|| {
                            let mut out = Vec::new();
                            walk(&mut out, &mut |_| {});
                            out
                        })
                    })
                    .collect();
            }
        });
        for t in helpers {
            all.extend(t.join().unwrap_or_default());
        }
        all
    })
}

impl Dataset {
    /// The location of `path` (e.g. `versions[1].valid_to`) inside an entity's file.
    pub fn locate(&self, origin: &Origin, sub: &str) -> Location {
        let file = &self.files[origin.file];
        let full = join_path(&origin.path, sub);
        match file.spans().get(&full) {
            Some(pos) => Location::in_text(&file.path, &file.text, pos.line, pos.col, pos.width),
            None => Location::file(&file.path),
        }
    }
}

/// `a` + `b` as a span path: `versions[1]` + `valid_to` -> `versions[1].valid_to`.
pub fn join_path(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ if b.starts_with('[') => format!("{a}{b}"),
        _ => format!("{a}.{b}"),
    }
}

/// The RON dialect of our files: `implicit_some` so optional fields read naturally.
fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Loads `root`. Returns the dataset and every problem met while reading it; the dataset
/// holds whatever could be read.
pub fn load(root: &Path) -> (Dataset, Vec<Diagnostic>) {
    load_keyed(root, data_key(root))
}

/// [`load`] when the caller already computed the data key (the walk is costly at scale).
pub fn load_keyed(root: &Path, key: String) -> (Dataset, Vec<Diagnostic>) {
    let mut ds = Dataset {
        root: root.to_path_buf(),
        key,
        ..Dataset::default()
    };
    let mut diags = Vec::new();
    let graph = root.join("graph");
    if !graph.is_dir() {
        diags.push(
            Diagnostic::new(format!(
                "no data found: {} has no `graph/` directory",
                root.display()
            ))
            .hint("pass --data DIR pointing at a lexchron data directory (it holds graph/ and corpus/)"),
        );
        return (ds, diags);
    }

    if let Some(codes) = read_one::<Vec<Code>>(&mut ds, &mut diags, Path::new("graph/codes.ron")) {
        let (file, items) = codes;
        ds.codes = items
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                (
                    c,
                    Origin {
                        file,
                        path: format!("[{i}]"),
                    },
                )
            })
            .collect();
    }
    if let Some((file, items)) =
        read_one::<Vec<Topic>>(&mut ds, &mut diags, Path::new("graph/topics.ron"))
    {
        ds.topics = items
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                (
                    t,
                    Origin {
                        file,
                        path: format!("[{i}]"),
                    },
                )
            })
            .collect();
    }
    for rel in list_dir(root, "graph/acts", "ron", &mut diags) {
        if let Some((file, act)) = read_one::<Act>(&mut ds, &mut diags, &rel) {
            ds.acts.push((
                act,
                Origin {
                    file,
                    path: String::new(),
                },
            ));
        }
    }
    for rel in list_dir(root, "graph/sources", "ron", &mut diags) {
        if let Some((file, src)) = read_one::<Source>(&mut ds, &mut diags, &rel) {
            ds.sources.push((
                src,
                Origin {
                    file,
                    path: String::new(),
                },
            ));
        }
    }
    for rel in list_dir(root, "graph/provisions", "ron", &mut diags) {
        if let Some((file, p)) = read_one::<Provision>(&mut ds, &mut diags, &rel) {
            ds.provisions.push((
                p,
                Origin {
                    file,
                    path: String::new(),
                },
            ));
        }
    }
    load_corpus(&mut ds, &mut diags);
    (ds, diags)
}

/// Sorted `*.ext` files of a directory, relative to the data root.
fn list_dir(root: &Path, dir: &str, ext: &str, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let full = root.join(dir);
    let entries = match fs::read_dir(&full) {
        Ok(e) => e,
        Err(err) => {
            diags.push(
                Diagnostic::new(format!("cannot read directory {dir}: {err}"))
                    .at(Location::file(Path::new(dir)))
                    .hint(
                        "every data directory needs graph/acts, graph/sources and graph/provisions",
                    ),
            );
            return Vec::new();
        }
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .filter_map(|p| p.strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    out.sort();
    out
}

/// Largest data file we read; real files are tens of kilobytes.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why a path may not be read: a symbolic link (which could lead outside the data dir) or a
/// file over the size bound.
fn refuse(full: &Path) -> Option<(String, &'static str)> {
    let meta = fs::symlink_metadata(full).ok()?;
    if meta.file_type().is_symlink() {
        return Some((
            "is a symbolic link".into(),
            "lexchron reads only regular files inside the data dir; copy the file in instead",
        ));
    }
    if meta.is_file() && meta.len() > MAX_FILE_BYTES {
        return Some((
            format!(
                "is {} bytes, over the {MAX_FILE_BYTES}-byte bound for a data file",
                meta.len()
            ),
            "split the data into one file per provision, act or source",
        ));
    }
    None
}

/// Reads and parses one file; on failure records a located diagnostic and returns `None`.
fn read_one<T: DeserializeOwned>(
    ds: &mut Dataset,
    diags: &mut Vec<Diagnostic>,
    rel: &Path,
) -> Option<(usize, T)> {
    let full = ds.root.join(rel);
    if let Some((why, hint)) = refuse(&full) {
        ds.failed.insert(rel.to_path_buf());
        diags.push(
            Diagnostic::new(format!("{} {why}", rel.display()))
                .at(Location::file(rel))
                .hint(hint),
        );
        return None;
    }
    let text = match fs::read_to_string(&full) {
        Ok(t) => t,
        Err(err) => {
            ds.failed.insert(rel.to_path_buf());
            let hint = if full.is_dir() {
                "a directory stands where a file is expected"
            } else {
                "check that the file exists, is readable and is UTF-8"
            };
            diags.push(
                Diagnostic::new(format!("cannot read {}: {err}", rel.display()))
                    .at(Location::file(rel))
                    .hint(hint),
            );
            return None;
        }
    };
    match ron_options().from_str::<T>(&text) {
        Ok(value) => {
            ds.files.push(DataFile::new(rel.to_path_buf(), text));
            Some((ds.files.len() - 1, value))
        }
        Err(err) => {
            ds.failed.insert(rel.to_path_buf());
            let (line, col) = (err.span.start.line, err.span.start.col);
            let width = if err.span.end.line == line && err.span.end.col > col {
                err.span.end.col - col
            } else {
                1
            };
            let message = err.code.to_string();
            diags.push(
                Diagnostic::new(format!("{}: {message}", rel.display()))
                    .at(Location::in_text(rel, &text, line, col, width))
                    .hint(parse_hint(&message)),
            );
            None
        }
    }
}

/// A hint for the commonest RON mistakes.
fn parse_hint(message: &str) -> String {
    let m = message.to_lowercase();
    if m.contains("unexpected field") || m.contains("no such field") {
        "remove or rename the field; graph/FORMAT.md lists the fields of each record".into()
    } else if m.contains("missing") {
        "add the missing field; graph/FORMAT.md lists the required fields".into()
    } else if m.contains("premature end")
        || m.contains("unexpected end")
        || m.contains("expected") && m.contains("`)`")
    {
        "a bracket or parenthesis is not closed, or a comma is missing".into()
    } else if m.contains("expected opening") {
        "the file must hold one record, e.g. Provision(...); is it empty or cut off?".into()
    } else if m.contains("input contains invalid characters")
        || m.contains("premature")
        || m.contains("input is out of range")
        || m.contains("invalid")
    {
        "dates are written \"YYYY-MM-DD\" and must exist in the calendar".into()
    } else {
        "see graph/FORMAT.md for the record layout".into()
    }
}

/// Reads `corpus/<code>/<article>/<date>.md` and `corpus/sources/<id>.md`.
fn load_corpus(ds: &mut Dataset, diags: &mut Vec<Diagnostic>) {
    let corpus = ds.root.join("corpus");
    let Ok(codes) = fs::read_dir(&corpus) else {
        diags.push(
            Diagnostic::new("no corpus/ directory: versions have no text")
                .hint("create corpus/<code>/<article>/<valid_from>.md for each version"),
        );
        return;
    };
    let mut code_dirs: Vec<PathBuf> = codes.filter_map(Result::ok).map(|e| e.path()).collect();
    code_dirs.sort();
    for code_dir in code_dirs {
        let Some(code) = code_dir
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        // A symlinked directory could lead outside the data dir.
        if !code_dir.is_dir()
            || fs::symlink_metadata(&code_dir).is_ok_and(|m| m.file_type().is_symlink())
        {
            continue;
        }
        for (article_dir, article) in sorted_children(&code_dir) {
            if code == "sources" {
                if let Some(id) = article.strip_suffix(".md") {
                    if let Some((why, hint)) = refuse(&article_dir) {
                        let rel = rel_to(&ds.root, &article_dir);
                        diags.push(
                            Diagnostic::new(format!("{} {why}", rel.display()))
                                .at(Location::file(&rel))
                                .hint(hint),
                        );
                    } else if let Ok(text) = fs::read_to_string(&article_dir) {
                        ds.source_notes.insert(id.to_string(), text);
                    }
                }
                continue;
            }
            if !article_dir.is_dir() {
                ds.stray_texts.push(rel_to(&ds.root, &article_dir));
                continue;
            }
            for (file, name) in sorted_children(&article_dir) {
                let rel = rel_to(&ds.root, &file);
                if let Some((why, hint)) = refuse(&file) {
                    diags.push(
                        Diagnostic::new(format!("{} {why}", rel.display()))
                            .at(Location::file(&rel))
                            .hint(hint),
                    );
                    continue;
                }
                match (name.strip_suffix(".md"), fs::read_to_string(&file)) {
                    (Some(date), Ok(text)) => {
                        ds.texts.insert(
                            (code.clone(), article.clone(), date.to_string()),
                            (text, rel),
                        );
                    }
                    (Some(_), Err(err)) => diags.push(
                        Diagnostic::new(format!("cannot read {}: {err}", rel.display()))
                            .at(Location::file(&rel)),
                    ),
                    (None, _) => ds.stray_texts.push(rel),
                }
            }
        }
    }
}

fn sorted_children(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| {
                    let name = e.file_name().to_str()?.to_string();
                    Some((e.path(), name))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn rel_to(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).unwrap_or(p).to_path_buf()
}

/// The text file name for a version.
pub fn text_key(code: &str, article: &str, from: Date) -> (String, String, String) {
    (code.to_string(), article.to_string(), from.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk gives the same entries alone and with helpers from the first directory on,
    /// and misses nothing under `graph/` and `corpus/`.
    #[test]
    fn the_key_walk_is_the_same_alone_and_in_parallel() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let tops = || vec![root.join("graph"), root.join("corpus")];
        let mut alone = stat_tree_from(root, tops(), usize::MAX);
        let mut helped = stat_tree_from(root, tops(), 1);
        alone.sort_unstable();
        helped.sort_unstable();
        assert_eq!(alone, helped);
        let mut expected = Vec::new();
        let mut dirs = tops();
        while let Some(d) = dirs.pop() {
            for e in fs::read_dir(&d).unwrap().flatten() {
                expected.push(rel_to(root, &e.path()).to_string_lossy().into_owned());
                if e.file_type().unwrap().is_dir() {
                    dirs.push(e.path());
                }
            }
        }
        expected.sort_unstable();
        let walked: Vec<String> = alone.into_iter().map(|(p, ..)| p).collect();
        assert_eq!(walked, expected);
        assert!(
            walked
                .iter()
                .any(|p| p == "graph/provisions/cc1997-128.ron")
        );
    }
}
