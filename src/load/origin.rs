//! Where a loaded entity came from; kept apart because the data snapshot encodes it (see
//! `build.rs`, which fingerprints the files whose types a snapshot holds).

/// Where an entity came from: a file and the path of the entity inside it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Origin {
    pub file: usize,
    pub path: String,
}
