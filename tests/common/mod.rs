//! Helpers shared by the integration tests: the bundled data dir and scratch copies of it.

#![allow(dead_code)] // each test binary uses a different subset

use std::fs;
use std::path::{Path, PathBuf};

pub fn bundled() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a directory tree (regular files and directories only).
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for e in fs::read_dir(from).expect("readable dir").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// A scratch copy of the bundled data (graph/ and corpus/) under `dir`.
pub fn copy_data_to(dir: &Path) {
    for sub in ["graph", "corpus"] {
        copy_dir(&bundled().join(sub), &dir.join(sub));
    }
}
