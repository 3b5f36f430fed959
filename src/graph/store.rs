//! Provision storage: owned after a cold load, or the snapshot's packed bytes decoded one
//! provision at a time on first use, so a warm start pays only for what a query reads.

use crate::model::Provision;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::io::{Read, Seek, SeekFrom};
use std::sync::{Mutex, OnceLock};

/// A store's entries as the snapshot writes them.
pub struct Encoded {
    pub bytes: Vec<u8>,
    pub offsets: Vec<u64>,
    pub sums: Vec<[u8; 16]>,
}

/// A provision with our summaries of its editions' wording.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub provision: Provision,
    /// One per version, aligned with `provision.versions`.
    pub texts: Vec<Option<String>>,
}

/// Where the provisions live.
#[derive(Debug)]
pub enum Store {
    Owned(Vec<Entry>),
    Packed(Packed),
}

/// Where packed entries are read from.
#[derive(Debug)]
pub enum EntrySource {
    /// Bytes in memory (a snapshot decoded from a buffer).
    Memory(Vec<u8>),
    /// The snapshot file, verified whole when it was opened and read entry by entry after
    /// that, so a warm start holds only the head in memory. The handle keeps the verified
    /// file alive even if a newer snapshot replaces it by rename.
    File(Mutex<std::fs::File>),
}

/// Entries encoded back to back (postcard), with their offsets and fingerprints.
#[derive(Debug)]
pub struct Packed {
    source: EntrySource,
    /// Start of the entries in the source.
    base: u64,
    /// Offsets of the entries relative to `base`, one more than there are entries.
    offsets: Vec<u64>,
    /// The first 16 bytes of each entry's blake3 hash: the file was verified when opened,
    /// but a file changed in place afterwards must not decode into wrong answers.
    sums: Vec<[u8; 16]>,
    cells: Vec<OnceLock<Entry>>,
}

/// The fingerprint of one encoded entry.
pub fn entry_sum(bytes: &[u8]) -> [u8; 16] {
    let mut out = [0; 16];
    out.copy_from_slice(&blake3::hash(bytes).as_bytes()[..16]);
    out
}

impl Packed {
    /// Entries at `offsets` from `base` in a source of `len` bytes. The offsets are checked
    /// here, so a later read stays inside what the snapshot's checksum vouched for.
    pub fn new(
        source: EntrySource,
        len: u64,
        base: u64,
        offsets: Vec<u64>,
        sums: Vec<[u8; 16]>,
    ) -> Result<Packed, String> {
        let size = len.saturating_sub(base);
        let sorted = offsets.windows(2).all(|w| w[0] <= w[1]);
        if offsets.first() != Some(&0) || offsets.last() != Some(&size) || !sorted {
            return Err("corrupt (entry offsets)".into());
        }
        if sums.len() + 1 != offsets.len() {
            return Err("corrupt (entry sums)".into());
        }
        let cells = (1..offsets.len()).map(|_| OnceLock::new()).collect();
        Ok(Packed {
            source,
            base,
            offsets,
            sums,
            cells,
        })
    }

    fn bytes(&self, i: usize) -> std::io::Result<Vec<u8>> {
        let (a, b) = (self.base + self.offsets[i], self.base + self.offsets[i + 1]);
        match &self.source {
            EntrySource::Memory(v) => Ok(v[a as usize..b as usize].to_vec()),
            EntrySource::File(f) => {
                let mut f = f.lock().map_err(|_| std::io::Error::other("poisoned"))?;
                let mut buf = vec![0; (b - a) as usize];
                f.seek(SeekFrom::Start(a))?;
                f.read_exact(&mut buf)?;
                Ok(buf)
            }
        }
    }

    fn decode(&self, i: usize) -> Entry {
        // The file was checksummed whole when opened and is only ever replaced by rename, so
        // this fails only if someone rewrites the cache file in place while lexchron runs:
        // stop with the reason rather than answer from bytes nobody vouched for.
        let bytes = self
            .bytes(i)
            .unwrap_or_else(|e| panic!("snapshot entry {i} unreadable ({e}); run again"));
        if entry_sum(&bytes) != self.sums[i] {
            panic!("snapshot entry {i} changed on disk while in use; run again to rebuild it");
        }
        postcard::from_bytes(&bytes).unwrap_or_else(|e| {
            panic!("snapshot entry {i} does not decode ({e}); delete the lexchron cache dir")
        })
    }

    /// Bytes held in memory, for the bytes-per-version report (entries read from the file
    /// count only once decoded, which this does not include).
    pub fn heap_bytes(&self) -> usize {
        let source = match &self.source {
            EntrySource::Memory(v) => v.capacity(),
            EntrySource::File(_) => 0,
        };
        source
            + self.offsets.capacity() * 8
            + self.sums.capacity() * 16
            + self.cells.capacity() * std::mem::size_of::<OnceLock<Entry>>()
    }

    /// The encoded entries, back to back.
    fn all_bytes(&self) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        for i in 0..self.cells.len() {
            out.extend(self.bytes(i)?);
        }
        Ok(out)
    }
}

impl Store {
    pub fn len(&self) -> usize {
        match self {
            Store::Owned(v) => v.len(),
            Store::Packed(p) => p.cells.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> &Entry {
        match self {
            Store::Owned(v) => &v[i],
            Store::Packed(p) => p.cells[i].get_or_init(|| p.decode(i)),
        }
    }

    /// An entry without keeping it: a packed entry not decoded yet is decoded for the caller
    /// and dropped with the `Cow`, so a walk over every provision (export) holds one at a
    /// time instead of filling the cache with the whole law.
    pub fn read(&self, i: usize) -> Cow<'_, Entry> {
        match self {
            Store::Owned(v) => Cow::Borrowed(&v[i]),
            Store::Packed(p) => match p.cells[i].get() {
                Some(e) => Cow::Borrowed(e),
                None => Cow::Owned(p.decode(i)),
            },
        }
    }

    /// Every entry encoded for the snapshot: the concatenated bytes, their offsets and
    /// fingerprints.
    pub fn encode(&self) -> Result<Encoded, postcard::Error> {
        if let Store::Packed(p) = self {
            return Ok(Encoded {
                bytes: p
                    .all_bytes()
                    .map_err(|_| postcard::Error::SerializeBufferFull)?,
                offsets: p.offsets.clone(),
                sums: p.sums.clone(),
            });
        }
        let mut e = Encoded {
            bytes: Vec::new(),
            offsets: vec![0],
            sums: Vec::with_capacity(self.len()),
        };
        for i in 0..self.len() {
            let start = e.bytes.len();
            e.bytes = postcard::to_extend(self.get(i), std::mem::take(&mut e.bytes))?;
            e.sums.push(entry_sum(&e.bytes[start..]));
            e.offsets.push(e.bytes.len() as u64);
        }
        Ok(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_decodes_a_packed_entry_without_keeping_it() {
        let law = crate::cli::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))
            .expect("bundled data is valid");
        let e = law.store().encode().expect("encodes");
        let len = e.bytes.len() as u64;
        let packed = Packed::new(EntrySource::Memory(e.bytes), len, 0, e.offsets, e.sums)
            .expect("offsets match");
        let store = Store::Packed(packed);
        let first = store.read(0).provision.reference();
        assert_eq!(first, law.provision(0).reference());
        let Store::Packed(p) = &store else {
            unreachable!()
        };
        assert!(p.cells[0].get().is_none(), "read must not fill the cache");
        // `get` does keep it, and `read` then borrows the kept entry.
        let _ = store.get(0);
        assert!(p.cells[0].get().is_some());
        assert!(matches!(store.read(0), Cow::Borrowed(_)));
    }
}
