//! Fingerprints the types a data snapshot encodes, so a snapshot written by a build with
//! different types is rebuilt instead of misread, while builds that only changed other code
//! (the CLI, the benches) share it.

use std::fs;

/// Files whose types are encoded in the snapshot.
const SNAPSHOT_TYPES: &[&str] = &[
    "src/model/mod.rs",
    "src/model/penalty.rs",
    "src/graph/columns.rs",
    "src/graph/store.rs",
    "src/load/origin.rs",
    "src/snapshot.rs",
];

fn main() {
    // FNV-1a: tiny, dependency-free, and stable; this is an identity, not a security check.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in SNAPSHOT_TYPES {
        println!("cargo::rerun-if-changed={f}");
        for b in fs::read(f).unwrap_or_default() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo::rustc-env=LEXCHRON_SNAPSHOT_TYPES={h:016x}");
}
