//! Provision storage: owned after a cold load, or the snapshot's packed bytes decoded one
//! provision at a time on first use, so a warm start pays only for what a query reads.

use crate::model::Provision;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

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

/// Entries encoded back to back (postcard), with their offsets.
#[derive(Debug)]
pub struct Packed {
    bytes: Vec<u8>,
    /// Start of the entries inside `bytes`.
    base: usize,
    /// Offsets of the entries relative to `base`, one more than there are entries.
    offsets: Vec<u64>,
    cells: Vec<OnceLock<Entry>>,
}

impl Packed {
    /// `bytes[base..]` holds the entries at `offsets`. The offsets are checked here, so a
    /// later decode can only fail on bytes the snapshot's checksum already vouched for.
    pub fn new(bytes: Vec<u8>, base: usize, offsets: Vec<u64>) -> Result<Packed, String> {
        let len = bytes.len().saturating_sub(base) as u64;
        let sorted = offsets.windows(2).all(|w| w[0] <= w[1]);
        if offsets.first() != Some(&0) || offsets.last() != Some(&len) || !sorted {
            return Err("corrupt (entry offsets)".into());
        }
        let cells = (1..offsets.len()).map(|_| OnceLock::new()).collect();
        Ok(Packed {
            bytes,
            base,
            offsets,
            cells,
        })
    }

    fn decode(&self, i: usize) -> Entry {
        let (a, b) = (
            self.base + self.offsets[i] as usize,
            self.base + self.offsets[i + 1] as usize,
        );
        // The snapshot passed its checksum and names this build, so its bytes are the ones
        // this code wrote: a failure here is a bug in the encoder, not bad input.
        postcard::from_bytes(&self.bytes[a..b]).unwrap_or_else(|e| {
            panic!("snapshot entry {i} does not decode ({e}); delete the lexchron cache dir")
        })
    }

    /// Bytes held, for the bytes-per-version report.
    pub fn heap_bytes(&self) -> usize {
        self.bytes.len()
            + self.offsets.capacity() * 8
            + self.cells.capacity() * std::mem::size_of::<OnceLock<Entry>>()
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

    /// Every entry encoded for the snapshot: the concatenated bytes and their offsets.
    pub fn encode(&self) -> Result<(Vec<u8>, Vec<u64>), postcard::Error> {
        if let Store::Packed(p) = self {
            return Ok((p.bytes[p.base..].to_vec(), p.offsets.clone()));
        }
        let mut bytes = Vec::new();
        let mut offsets = vec![0u64];
        for i in 0..self.len() {
            bytes = postcard::to_extend(self.get(i), bytes)?;
            offsets.push(bytes.len() as u64);
        }
        Ok((bytes, offsets))
    }
}
