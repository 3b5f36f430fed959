//! The data snapshot: a compact binary copy of checked data in the cache dir, so a warm
//! start skips parsing and validating every RON file.
//!
//! A snapshot is written only after `check` passed, named after its data directory and the
//! data's key (paths, sizes and times of every data file), published by rename, and carries a
//! checksum; anything that does not match is ignored and rebuilt. Each data directory keeps
//! its own snapshot, so switching between two (the bundled data and an import) stays warm. The layout is a head (codes, acts, topics, sources
//! and the temporal index) decoded at once, then one entry per provision decoded on first
//! use; `BENCHMARKS.md` says why postcard encodes them.

use crate::graph::{Columns, EntrySource, Law, Packed, Store};
use crate::load::{Dataset, Origin};
use crate::model::{Act, Code, Source, Topic};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
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
    sums: Vec<[u8; 16]>,
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

/// A short name for a data directory: its canonical path hashed, so the same directory
/// reached as `./data` or `/home/u/data` finds the same snapshot.
fn dir_tag(root: &Path) -> String {
    let canonical = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let hash = blake3::hash(canonical.as_os_str().as_encoded_bytes());
    hash.to_hex()[..16].to_string()
}

/// `snapshot-<dir>-<key>.bin`: the directory part keeps each data directory's snapshot apart
/// from the others'; the key part says which state of the data it holds.
fn path_for(cache: &Path, tag: &str, key: &str) -> PathBuf {
    cache.join(format!("snapshot-{tag}-{}.bin", &key[..16.min(key.len())]))
}

/// Reads the snapshot for `key` into a law whose provisions are read and decoded one by one
/// when a query first needs them. The whole file is checksummed here, streaming, so only the
/// head stays in memory. `Ok(None)`: there is none yet; `Err`: one exists but is unusable
/// (the reason says why), and the caller rebuilds it.
pub fn read(cache: &Path, root: &Path, key: &str) -> Result<Option<Law>, String> {
    let path = path_for(cache, &dir_tag(root), key);
    let mut file = match fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("unreadable ({e})")),
    };
    let unreadable = |e: std::io::Error| format!("unreadable ({e})");
    let len = file.metadata().map_err(unreadable)?.len();
    let mut prefix = [0u8; PREFIX];
    if len < PREFIX as u64 || file.read_exact(&mut prefix).is_err() || &prefix[..8] != MAGIC {
        return Err("corrupt (bad header)".into());
    }
    let head_len = head_len(&prefix, len)?;
    let mut sum = blake3::Hasher::new();
    sum.update(&prefix[40..]);
    let mut head = vec![0; head_len];
    file.read_exact(&mut head).map_err(unreadable)?;
    sum.update(&head);
    let mut chunk = vec![0; 1 << 20];
    loop {
        let n = file.read(&mut chunk).map_err(unreadable)?;
        if n == 0 {
            break;
        }
        sum.update(&chunk[..n]);
    }
    if sum.finalize().as_bytes() != &prefix[8..40] {
        return Err("corrupt (checksum mismatch)".into());
    }
    let source = EntrySource::File(std::sync::Mutex::new(file));
    assemble(&head, source, len, root, key).map(Some)
}

/// The head length the prefix states, if it fits in a file of `len` bytes.
fn head_len(prefix: &[u8], len: u64) -> Result<usize, String> {
    let mut n = [0u8; 8];
    n.copy_from_slice(&prefix[40..48]);
    let n = u64::from_le_bytes(n);
    if n > len.saturating_sub(PREFIX as u64) {
        return Err("corrupt (head length)".into());
    }
    usize::try_from(n).map_err(|_| "corrupt (head length)".into())
}

/// Checks and decodes a snapshot held in memory.
pub fn decode(bytes: Vec<u8>, root: &Path, key: &str) -> Result<Law, String> {
    if bytes.len() < PREFIX || &bytes[..8] != MAGIC {
        return Err("corrupt (bad header)".into());
    }
    if blake3::hash(&bytes[40..]).as_bytes() != &bytes[8..40] {
        return Err("corrupt (checksum mismatch)".into());
    }
    let head_len = head_len(&bytes, bytes.len() as u64)?;
    let head = bytes[PREFIX..PREFIX + head_len].to_vec();
    let len = bytes.len() as u64;
    assemble(&head, EntrySource::Memory(bytes), len, root, key)
}

/// The law from a verified head and the source of its entries.
fn assemble(
    head: &[u8],
    source: EntrySource,
    len: u64,
    root: &Path,
    key: &str,
) -> Result<Law, String> {
    let base = (PREFIX + head.len()) as u64;
    let head: Head = postcard::from_bytes(head).map_err(|e| format!("corrupt ({e})"))?;
    if head.key != key || head.build != build_id() {
        return Err("stale".into());
    }
    if head.offsets.len() != head.columns.len() + 1 {
        return Err("corrupt (entry count)".into());
    }
    let packed = Packed::new(source, len, base, head.offsets, head.sums)?;
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
    let encoded = law.store().encode()?;
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
        offsets: encoded.offsets,
        sums: encoded.sums,
    };
    let head = postcard::to_stdvec(&head)?;
    let len = (head.len() as u64).to_le_bytes();
    let mut sum = blake3::Hasher::new();
    sum.update(&len);
    sum.update(&head);
    sum.update(&encoded.bytes);
    let mut prefix = [0u8; PREFIX];
    prefix[..8].copy_from_slice(MAGIC);
    prefix[8..40].copy_from_slice(sum.finalize().as_bytes());
    prefix[40..].copy_from_slice(&len);
    Ok(Pieces {
        prefix,
        head,
        entries: encoded.bytes,
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
    let tag = dir_tag(&law.meta().root);
    let final_path = path_for(cache, &tag, key);
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
    // This directory's older snapshots belong to older data; a name without a directory
    // part was written by an older build. Other directories keep theirs, but only the
    // most recently written few, so directories imported once and deleted since do not
    // fill the cache.
    let mine = format!("snapshot-{tag}-");
    let mut others = Vec::new();
    if let Ok(rd) = fs::read_dir(cache) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.starts_with("snapshot-") || e.path() == final_path {
                continue;
            }
            let legacy = name.len() == "snapshot-.bin".len() + 16;
            if name.starts_with(&mine) || legacy {
                let _ = fs::remove_file(e.path());
            } else {
                let written = e.metadata().and_then(|m| m.modified());
                others.push((written.unwrap_or(std::time::UNIX_EPOCH), e.path()));
            }
        }
    }
    others.sort_by_key(|o| std::cmp::Reverse(o.0));
    for (_, path) in others.into_iter().skip(KEEP_OTHERS) {
        let _ = fs::remove_file(path);
    }
    Ok(())
}

/// How many other data directories keep a snapshot beside the one just written.
const KEEP_OTHERS: usize = 7;
