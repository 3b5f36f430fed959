//! The on-disk index cache: keyed by a hash of the data, published by atomic rename, verified
//! file by file on open, rebuilt (with a notice) when stale, partial or corrupt.

use super::{IndexError, SCHEMA_VERSION, SearchIndex};
use crate::graph::Law;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const MARKER: &str = "lexchron-index.json";

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Marker {
    schema: u32,
    data_hash: String,
    docs: u64,
    /// blake3 of every file in the directory, so truncation or zero-fill is caught.
    files: BTreeMap<String, String>,
}

/// How the index was obtained, for the one-line notice the binary may print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheOutcome {
    /// A valid cache was reused.
    Reused,
    /// No cache existed for this data; one was built.
    Built,
    /// A cache existed but was unusable; it was rebuilt. The reason says why.
    Rebuilt(String),
    /// The cache dir cannot be written; an in-memory index is used. The reason says why.
    InMemory(String),
}

impl CacheOutcome {
    /// The notice to show, if any (a first build is not worth a notice).
    pub fn notice(&self) -> Option<String> {
        match self {
            CacheOutcome::Reused | CacheOutcome::Built => None,
            CacheOutcome::Rebuilt(why) => {
                Some(format!("note: search index cache was {why}; rebuilt it"))
            }
            CacheOutcome::InMemory(why) => Some(format!(
                "note: cannot use the index cache ({why}); searching in memory"
            )),
        }
    }
}

/// A hash of everything the index is built from.
pub fn data_hash(law: &Law) -> String {
    let mut h = blake3::Hasher::new();
    h.update(&SCHEMA_VERSION.to_le_bytes());
    h.update(law.key().as_bytes());
    h.finalize().to_hex().to_string()
}

fn hash_files(dir: &Path) -> Result<BTreeMap<String, String>, IndexError> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Lock files come and go; the marker cannot hash itself.
        if name == MARKER || name.ends_with(".lock") || !entry.file_type()?.is_file() {
            continue;
        }
        out.insert(
            name,
            blake3::hash(&fs::read(entry.path())?).to_hex().to_string(),
        );
    }
    Ok(out)
}

/// Why a cached directory cannot be trusted, or the open index.
fn verify(dir: &Path, hash: &str) -> Result<SearchIndex, String> {
    let text =
        fs::read_to_string(dir.join(MARKER)).map_err(|_| "incomplete (no marker)".to_string())?;
    let marker: Marker =
        serde_json::from_str(&text).map_err(|_| "corrupt (unreadable marker)".to_string())?;
    if marker.schema != SCHEMA_VERSION || marker.data_hash != hash {
        return Err("stale".into());
    }
    let now = hash_files(dir).map_err(|e| format!("unreadable ({e})"))?;
    if now != marker.files {
        return Err("corrupt (its files changed on disk)".into());
    }
    let index = SearchIndex::open_dir(dir).map_err(|e| format!("corrupt ({e})"))?;
    if index.num_docs() != marker.docs {
        return Err("corrupt (wrong document count)".into());
    }
    Ok(index)
}

/// Opens the cached index for this data under `root`, building it if needed.
pub fn open_cached(law: &Law, root: &Path) -> Result<(SearchIndex, CacheOutcome), IndexError> {
    let hash = data_hash(law);
    let dir = root.join(format!("index-v{SCHEMA_VERSION}-{}", &hash[..16]));
    let mut outcome = CacheOutcome::Built;
    if dir.exists() {
        match verify(&dir, &hash) {
            Ok(index) => return Ok((index, CacheOutcome::Reused)),
            Err(why) => outcome = CacheOutcome::Rebuilt(why),
        }
    }
    match build(law, root, &dir, &hash) {
        Ok(index) => Ok((index, outcome)),
        Err(e) => {
            let index = SearchIndex::in_ram(law)?;
            Ok((index, CacheOutcome::InMemory(e.to_string())))
        }
    }
}

fn build(law: &Law, root: &Path, dir: &Path, hash: &str) -> Result<SearchIndex, IndexError> {
    fs::create_dir_all(root)?;
    let tmp: PathBuf = root.join(format!(".building-{}-{}", std::process::id(), &hash[..16]));
    if tmp.exists() {
        fs::remove_dir_all(&tmp)?;
    }
    fs::create_dir_all(&tmp)?;
    let result = (|| {
        let index = SearchIndex::build_in_dir(&tmp, law)?;
        let marker = Marker {
            schema: SCHEMA_VERSION,
            data_hash: hash.to_string(),
            docs: index.num_docs(),
            files: hash_files(&tmp)?,
        };
        let text = serde_json::to_string_pretty(&marker).map_err(std::io::Error::other)?;
        fs::write(tmp.join(MARKER), text)?;
        drop(index);
        // Replace a broken cache only once the new one is complete.
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
        if let Err(e) = fs::rename(&tmp, dir) {
            // Another process may have published the same build first; use theirs if valid.
            if verify(dir, hash).is_err() {
                return Err(IndexError::Io(e));
            }
            let _ = fs::remove_dir_all(&tmp);
        }
        remove_old(root, dir);
        SearchIndex::open_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

/// How many indexes the cache keeps: a user switching between the bundled data and an
/// imported directory (or two imports) should not rebuild on every switch.
const KEEP: usize = 4;

/// Drops caches of older data so the cache dir does not grow without bound: all but the
/// [`KEEP`] most recently built indexes, never `keep` itself.
fn remove_old(root: &Path, keep: &Path) {
    let Ok(entries) = fs::read_dir(root) else {
        return;
    };
    let mut others: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("index-v"))
        .map(|e| e.path())
        .filter(|p| p != keep)
        .map(|p| {
            let built = fs::metadata(p.join(MARKER))
                .and_then(|m| m.modified())
                .unwrap_or(std::time::SystemTime::UNIX_EPOCH);
            (built, p)
        })
        .collect();
    others.sort_by_key(|o| std::cmp::Reverse(o.0));
    for (_, p) in others.into_iter().skip(KEEP - 1) {
        let _ = fs::remove_dir_all(&p);
    }
}
