//! The data snapshot: a compact binary copy of checked data in the cache dir, so a warm
//! start skips parsing and validating every RON file.
//!
//! A snapshot is written only after `check` passed, named after the data's key (paths, sizes
//! and times of every data file), published by rename, and carries a checksum; anything that
//! does not match is ignored and rebuilt. The layout is a head (codes, acts, topics, sources
//! and the temporal index) decoded at once, then one entry per provision decoded on first
//! use; `BENCHMARKS.md` says why postcard encodes them.

use crate::graph::{Columns, Law, Packed, Store};
use crate::load::{Dataset, Origin};
use crate::model::{Act, Code, Source, Topic};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"LXSNAP02";
/// Magic, checksum, head length.
const PREFIX: usize = 8 + 32 + 8;

/// Everything but the provisions, decoded at every warm start; the provisions follow as
/// separately encoded entries, decoded one by one when a query first reads them.
#[derive(Serialize, Deserialize)]
struct Head {
    build: String,
    key: String,
    codes: Vec<(Code, Origin)>,
    topics: Vec<(Topic, Origin)>,
    acts: Vec<(Act, Origin)>,
    sources: Vec<(Source, Origin)>,
    source_notes: BTreeMap<String, String>,
    columns: Columns,
    offsets: Vec<u64>,
}

/// The identity of the encoded types: a snapshot written by a build whose model types
/// differ (see `build.rs`) is stale even when the data did not change.
fn build_id() -> String {
    format!(
        "{} {}",
        env!("CARGO_PKG_VERSION"),
        env!("LEXCHRON_SNAPSHOT_TYPES")
    )
}

fn path_for(cache: &Path, key: &str) -> PathBuf {
    cache.join(format!("snapshot-{}.bin", &key[..16.min(key.len())]))
}

/// Reads the snapshot for `key` into a law whose provisions decode lazily. `Ok(None)`: there
/// is none yet; `Err`: one exists but is unusable (the reason says why), and the caller
/// rebuilds it.
pub fn read(cache: &Path, root: &Path, key: &str) -> Result<Option<Law>, String> {
    let path = path_for(cache, key);
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("unreadable ({e})")),
    };
    decode(bytes, root, key).map(Some)
}

/// Checks and decodes snapshot bytes.
pub fn decode(bytes: Vec<u8>, root: &Path, key: &str) -> Result<Law, String> {
    if bytes.len() < PREFIX || &bytes[..8] != MAGIC {
        return Err("corrupt (bad header)".into());
    }
    if blake3::hash(&bytes[40..]).as_bytes() != &bytes[8..40] {
        return Err("corrupt (checksum mismatch)".into());
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&bytes[40..48]);
    let head_len = usize::try_from(u64::from_le_bytes(len)).unwrap_or(usize::MAX);
    let base = PREFIX
        .checked_add(head_len)
        .filter(|&b| b <= bytes.len())
        .ok_or("corrupt (head length)")?;
    let head: Head =
        postcard::from_bytes(&bytes[PREFIX..base]).map_err(|e| format!("corrupt ({e})"))?;
    if head.key != key || head.build != build_id() {
        return Err("stale".into());
    }
    if head.offsets.len() != head.columns.len() + 1 {
        return Err("corrupt (entry count)".into());
    }
    let packed = Packed::new(bytes, base, head.offsets)?;
    let data = Dataset {
        root: root.to_path_buf(),
        key: head.key,
        codes: head.codes,
        topics: head.topics,
        acts: head.acts,
        sources: head.sources,
        source_notes: head.source_notes,
        ..Dataset::default()
    };
    Ok(Law::assemble(data, Store::Packed(packed), head.columns))
}

/// The snapshot in three pieces, so it can be written without first copying them into one
/// buffer (at 1M versions the entries alone are 600 MB): the prefix (magic, checksum of
/// everything after it, head length), the head, and the entries.
struct Pieces {
    prefix: [u8; PREFIX],
    head: Vec<u8>,
    entries: Vec<u8>,
}

fn pieces(law: &Law) -> Result<Pieces, postcard::Error> {
    let (entries, offsets) = law.store().encode()?;
    let meta = law.meta();
    let head = Head {
        build: build_id(),
        key: law.key().to_string(),
        codes: meta.codes.clone(),
        topics: meta.topics.clone(),
        acts: meta.acts.clone(),
        sources: meta.sources.clone(),
        source_notes: meta.source_notes.clone(),
        columns: law.columns().clone(),
        offsets,
    };
    let head = postcard::to_stdvec(&head)?;
    let len = (head.len() as u64).to_le_bytes();
    let mut sum = blake3::Hasher::new();
    sum.update(&len);
    sum.update(&head);
    sum.update(&entries);
    let mut prefix = [0u8; PREFIX];
    prefix[..8].copy_from_slice(MAGIC);
    prefix[8..40].copy_from_slice(sum.finalize().as_bytes());
    prefix[40..].copy_from_slice(&len);
    Ok(Pieces {
        prefix,
        head,
        entries,
    })
}

/// Encodes a law as snapshot bytes.
pub fn encode(law: &Law) -> Result<Vec<u8>, postcard::Error> {
    let p = pieces(law)?;
    Ok([&p.prefix[..], &p.head, &p.entries].concat())
}

/// Writes the snapshot of a checked law, atomically (temporary file, then rename).
pub fn write(cache: &Path, law: &Law) -> std::io::Result<()> {
    let p = pieces(law).map_err(std::io::Error::other)?;
    let key = law.key();
    fs::create_dir_all(cache)?;
    let final_path = path_for(cache, key);
    let tmp = cache.join(format!(
        ".snapshot-{}-{}.tmp",
        std::process::id(),
        &key[..16.min(key.len())]
    ));
    let written = fs::File::create(&tmp).and_then(|mut f| {
        use std::io::Write;
        f.write_all(&p.prefix)?;
        f.write_all(&p.head)?;
        f.write_all(&p.entries)
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    fs::rename(&tmp, &final_path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })?;
    // Older snapshots belong to older data.
    if let Ok(rd) = fs::read_dir(cache) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with("snapshot-") && e.path() != final_path {
                let _ = fs::remove_file(e.path());
            }
        }
    }
    Ok(())
}
