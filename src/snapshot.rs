//! The data snapshot: a compact binary copy of checked data in the cache dir, so a warm
//! start skips parsing and validating every RON file.
//!
//! A snapshot is written only after `check` passed, named after the data's key (paths, sizes
//! and times of every data file), published by rename, and carries a checksum; anything that
//! does not match is ignored and rebuilt. postcard is used for the encoding: serde-based like
//! the rest of the model, compact, and stable in its wire format since 1.0.

use crate::load::{Dataset, Origin};
use crate::model::{Act, Code, Provision, Source, Topic};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"LXSNAP01";

#[derive(Serialize, Deserialize)]
struct Snapshot {
    version: String,
    key: String,
    codes: Vec<(Code, Origin)>,
    topics: Vec<(Topic, Origin)>,
    acts: Vec<(Act, Origin)>,
    sources: Vec<(Source, Origin)>,
    provisions: Vec<(Provision, Origin)>,
    texts: BTreeMap<(String, String, String), (String, PathBuf)>,
    source_notes: BTreeMap<String, String>,
}

fn path_for(cache: &Path, key: &str) -> PathBuf {
    cache.join(format!("snapshot-{}.bin", &key[..16.min(key.len())]))
}

/// Reads the snapshot for `key`. `Ok(None)`: there is none yet; `Err`: one exists but is
/// unusable (the reason says why), and the caller rebuilds it.
pub fn read(cache: &Path, root: &Path, key: &str) -> Result<Option<Dataset>, String> {
    let path = path_for(cache, key);
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("unreadable ({e})")),
    };
    if bytes.len() < 40 || &bytes[..8] != MAGIC {
        return Err("corrupt (bad header)".into());
    }
    let (sum, payload) = bytes[8..].split_at(32);
    if blake3::hash(payload).as_bytes() != sum {
        return Err("corrupt (checksum mismatch)".into());
    }
    let snap: Snapshot = postcard::from_bytes(payload).map_err(|e| format!("corrupt ({e})"))?;
    if snap.key != key || snap.version != env!("CARGO_PKG_VERSION") {
        return Err("stale".into());
    }
    Ok(Some(Dataset {
        root: root.to_path_buf(),
        key: snap.key,
        codes: snap.codes,
        topics: snap.topics,
        acts: snap.acts,
        sources: snap.sources,
        provisions: snap.provisions,
        texts: snap.texts,
        source_notes: snap.source_notes,
        ..Dataset::default()
    }))
}

/// Writes the snapshot of checked data, atomically (temporary file, then rename).
pub fn write(cache: &Path, ds: &Dataset) -> std::io::Result<()> {
    let snap = Snapshot {
        version: env!("CARGO_PKG_VERSION").to_string(),
        key: ds.key.clone(),
        codes: ds.codes.clone(),
        topics: ds.topics.clone(),
        acts: ds.acts.clone(),
        sources: ds.sources.clone(),
        provisions: ds.provisions.clone(),
        texts: ds.texts.clone(),
        source_notes: ds.source_notes.clone(),
    };
    let payload = postcard::to_stdvec(&snap).map_err(std::io::Error::other)?;
    let mut bytes = Vec::with_capacity(payload.len() + 40);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(blake3::hash(&payload).as_bytes());
    bytes.extend_from_slice(&payload);
    fs::create_dir_all(cache)?;
    let final_path = path_for(cache, &ds.key);
    let tmp = cache.join(format!(
        ".snapshot-{}-{}.tmp",
        std::process::id(),
        &ds.key[..16.min(ds.key.len())]
    ));
    fs::write(&tmp, &bytes)?;
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
