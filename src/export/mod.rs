//! Export of the law for other tools: ELI linked data (Turtle, JSON-LD) and CSV.
//!
//! One walk ([`walk`]) visits the provisions in data order and hands each one, with the
//! editions chosen, to a [`Sink`]: `triples` turns it into triples that `turtle` or `jsonld`
//! serialize, `tabular` into CSV rows. Output is written as the walk goes and a packed
//! provision is decoded, written and dropped before the next one, so memory stays flat however
//! large the law is. A file target is written to a temporary file beside it and renamed at
//! the end: a failed export leaves no partial file.

mod jsonld;
mod tabular;
mod triples;
mod turtle;

pub use triples::{ELI, VOCAB};

use crate::graph::Law;
use crate::model::{Date, Provision, Version};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// IRIs are minted under this namespace unless `--base` names another. `example.org` is
/// reserved for examples (RFC 2606): a publisher passes its own.
pub const DEFAULT_BASE: &str = "https://example.org/lexchron/";

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// RDF Turtle with the ELI ontology
    Turtle,
    /// RDF JSON-LD (streaming form) with the ELI ontology
    #[value(name = "jsonld")]
    JsonLd,
    /// One row per edition part, for spreadsheets
    Csv,
}

/// A namespace for the exported IRIs: an absolute IRI ending in `/` or `#`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base(String);

impl Base {
    /// Checks an IRI given by the user; a missing final `/` is added.
    pub fn parse(s: &str) -> Result<Base, String> {
        let mut iri = s.to_string();
        if !iri.ends_with('/') && !iri.ends_with('#') {
            iri.push('/');
        }
        // oxrdf accepts absolute IRIs only, so a relative one is refused here.
        match oxrdf::NamedNode::new(iri.as_str()) {
            Ok(_) => Ok(Base(iri)),
            Err(e) => Err(format!("not an absolute IRI ({e})")),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Base {
    fn default() -> Self {
        Base(DEFAULT_BASE.to_string())
    }
}

/// A typed export request.
#[derive(Debug, Clone)]
pub struct Spec {
    pub format: Format,
    /// Only the editions in force on this day (a consolidated snapshot); `None` for all.
    pub at: Option<Date>,
    pub base: Base,
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Provisions with at least one edition written.
    pub provisions: usize,
    pub editions: usize,
    pub parts: usize,
}

/// Why an export to a file failed; the target is left as it was.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("cannot write {}: it is a directory", .0.display())]
    IsDir(PathBuf),
    #[error("cannot create a file in {}: {source}", .dir.display())]
    Create { dir: PathBuf, source: io::Error },
    #[error("writing the export failed: {0}")]
    Write(io::Error),
    #[error("cannot put the export at {}: {source}", .path.display())]
    Publish { path: PathBuf, source: io::Error },
}

/// One provision as the walk hands it over: the editions chosen, each with our summary of
/// its wording when there is one.
pub(crate) struct Visit<'a> {
    pub provision: &'a Provision,
    pub editions: Vec<(&'a Version, Option<&'a str>)>,
}

/// A format: what to write before the provisions, for each one, and at the end.
pub(crate) trait Sink {
    fn start(&mut self, law: &Law) -> io::Result<()>;
    fn provision(&mut self, visit: &Visit<'_>) -> io::Result<()>;
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// Writes the export to `out` as the walk goes.
pub fn write(law: &Law, spec: &Spec, out: &mut dyn Write) -> io::Result<Counts> {
    let out = io::BufWriter::with_capacity(1 << 16, out);
    let sink: Box<dyn Sink + '_> = match spec.format {
        Format::Turtle => Box::new(triples::Graph::new(turtle::Writer::new(out), &spec.base)),
        Format::JsonLd => Box::new(triples::Graph::new(jsonld::Writer::new(out), &spec.base)),
        Format::Csv => Box::new(tabular::Rows::new(out)),
    };
    walk(law, spec.at, sink)
}

/// Writes the export to `path`: into a temporary file in the same directory, renamed over
/// `path` only once everything is written.
pub fn write_file(law: &Law, spec: &Spec, path: &Path) -> Result<Counts, FileError> {
    if path.is_dir() {
        return Err(FileError::IsDir(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".lexchron-export-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|source| FileError::Create {
            dir: dir.clone(),
            source,
        })?;
    let counts = write(law, spec, tmp.as_file_mut()).map_err(FileError::Write)?;
    tmp.as_file().sync_all().map_err(FileError::Write)?;
    publish_mode(tmp.as_file(), path).map_err(FileError::Write)?;
    // On failure the temporary file is removed when `tmp` drops.
    tmp.persist(path).map_err(|e| FileError::Publish {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(counts)
}

/// Temporary files are private (0600); an export is an ordinary file (0644), and one that
/// replaces another keeps that file's mode.
#[cfg(unix)]
fn publish_mode(file: &std::fs::File, path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => std::fs::Permissions::from_mode(0o644),
    };
    file.set_permissions(mode)
}

#[cfg(not(unix))]
fn publish_mode(_file: &std::fs::File, _path: &Path) -> io::Result<()> {
    Ok(())
}

/// The one walk over the law: every provision in data order, with its editions (only those
/// in force on `at`, when given); provisions left with none are skipped.
fn walk(law: &Law, at: Option<Date>, mut sink: Box<dyn Sink + '_>) -> io::Result<Counts> {
    sink.start(law)?;
    let mut counts = Counts::default();
    for i in 0..law.provision_count() {
        // `read`, not `get`: the decoded provision is dropped after this iteration.
        let entry = law.store().read(i);
        let p = &entry.provision;
        let editions: Vec<_> = p
            .versions
            .iter()
            .zip(
                entry
                    .texts
                    .iter()
                    .map(|t| t.as_deref())
                    .chain(std::iter::repeat(None)),
            )
            .filter(|(v, _)| at.is_none_or(|d| v.covers_day(d)))
            .collect();
        if editions.is_empty() {
            continue;
        }
        counts.provisions += 1;
        counts.editions += editions.len();
        counts.parts += editions.iter().map(|(v, _)| v.parts.len()).sum::<usize>();
        sink.provision(&Visit {
            provision: p,
            editions,
        })?;
    }
    sink.finish()?;
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_gets_a_final_slash_and_must_be_absolute() {
        assert_eq!(
            Base::parse("https://law.example/kz").unwrap().as_str(),
            "https://law.example/kz/"
        );
        assert_eq!(
            Base::parse("https://law.example/kz#").unwrap().as_str(),
            "https://law.example/kz#"
        );
        assert!(Base::parse("law/kz").is_err());
        assert!(Base::parse("https://bad iri/").is_err());
    }
}
