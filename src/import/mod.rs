//! The importer's text parsers: the official Markdown of the codes turned into articles,
//! parts, items, notes, footnotes and penalties. Pure text in, model out: no git, no files.

pub mod article;
pub mod footnote;
pub mod numwords;
pub mod sanction;

pub use article::{
    Article, ArticleItem, ArticleNote, ArticlePart, Chapter, CodeStyle, parse_chapter,
};
pub use footnote::{AmendingAct, EntryIntoForce, Footnote, FootnoteAction, InForceRule, Period};
pub use sanction::{SanctionError, SanctionStats, parse_sanction, sanction_stats};

// The importer proper (git walk, editions, output directory); the parsers above are pure.
pub mod compare;
pub mod edition;
pub mod git;
pub mod official;
pub mod run;
pub mod select;
pub mod write;

pub use run::{Options, Progress, Summary, import};

use std::path::PathBuf;

/// Why an import could not complete. Nothing is written when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}: no such file or directory")]
    Missing(PathBuf),
    #[error("{path} is not a git repository: {why}")]
    NotARepo { path: PathBuf, why: String },
    #[error(
        "{0} holds neither criminal code (no 02-codes/<...>-8 or 02-codes/<...>-81097 folder in any commit)"
    )]
    NoCodes(PathBuf),
    #[error("the repository is damaged: {what} in commit {commit} cannot be read: {why}")]
    Corrupt {
        commit: String,
        what: String,
        why: String,
    },
    #[error("{path} in commit {commit} cannot be read: {why}")]
    BadMeta {
        commit: String,
        path: String,
        why: String,
    },
    #[error(
        "{0} exists and is not a data directory written by `lexchron import`; refusing to overwrite it"
    )]
    NotDataDir(PathBuf),
    #[error("{path}: {why}")]
    Io { path: PathBuf, why: String },
    #[error("the bundled data cannot be read: {0}")]
    Bundled(String),
}

impl ImportError {
    /// A one-line suggestion for the user.
    pub fn hint(&self) -> &'static str {
        match self {
            ImportError::Missing(_) | ImportError::NotARepo { .. } => {
                "clone the mirror first: git clone https://github.com/kazakhstan-law/codes"
            }
            ImportError::NoCodes(_) => {
                "point at a clone of kazakhstan-law/codes (it holds the codes under 02-codes/)"
            }
            ImportError::Corrupt { .. } | ImportError::BadMeta { .. } => {
                "run `git fsck` in the clone, or clone it again"
            }
            ImportError::NotDataDir(_) => {
                "choose a new or empty directory, or one written by an earlier import"
            }
            ImportError::Io { .. } => "check the path's permissions and free space",
            ImportError::Bundled(_) => "run `lexchron check` to see what is wrong with the data",
        }
    }
}

pub(crate) fn io_err(path: &std::path::Path, e: impl std::fmt::Display) -> ImportError {
    ImportError::Io {
        path: path.to_path_buf(),
        why: e.to_string(),
    }
}
