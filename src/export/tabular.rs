//! CSV output: one row per part of each edition (an edition without parts gets one row with
//! an empty `part`), with the columns the README documents, written with the `csv` crate.

use super::triples::fine_unit;
use super::{Sink, Visit};
use crate::graph::Law;
use crate::model::{Part, Provision, Version};
use std::io::{self, Write};

/// The header row; the order is the public schema.
pub const COLUMNS: [&str; 19] = [
    "ref",
    "code",
    "article",
    "part",
    "valid_from",
    "valid_to",
    "title",
    "min_months",
    "max_months",
    "life",
    "death",
    "confiscation",
    "fine_min",
    "fine_max",
    "fine_unit",
    "other",
    "enacted_by",
    "confidence",
    "sources",
];

pub(crate) struct Rows<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> Rows<W> {
    pub fn new(out: W) -> Self {
        Rows {
            out: csv::Writer::from_writer(out),
        }
    }
}

fn io_err(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The cells of one row. Several fines (a fine in MCI or in months of income) are listed in
/// the three fine columns in the same order, separated by `;`; `other` lists the typed
/// measures (as `show` summarises them) and then the hand-written ones, also by `;`.
fn row(p: &Provision, v: &Version, part: Option<&Part>) -> [String; 19] {
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let pen = part.and_then(|pt| pt.penalty.as_ref());
    let fines = pen.map(|p| p.fines.as_slice()).unwrap_or_default();
    let list = |f: &dyn Fn(&crate::model::Fine) -> String| {
        fines.iter().map(f).collect::<Vec<_>>().join(";")
    };
    let mut sources: Vec<&str> = v.sources.iter().map(|c| c.source.as_str()).collect();
    for c in part.map(|pt| pt.sources.as_slice()).unwrap_or_default() {
        if !sources.contains(&c.source.as_str()) {
            sources.push(&c.source);
        }
    }
    let confidence = part.and_then(|pt| pt.confidence).unwrap_or(v.confidence);
    [
        p.reference(),
        p.code.clone(),
        p.article.clone(),
        part.map(|pt| pt.part.clone()).unwrap_or_default(),
        v.valid_from.to_string(),
        v.valid_to.map(|d| d.to_string()).unwrap_or_default(),
        v.title.clone(),
        num(pen.and_then(|p| p.imprisonment.min_months())),
        num(pen.and_then(|p| p.imprisonment.max_months())),
        pen.map(|p| p.life.to_string()).unwrap_or_default(),
        pen.map(|p| p.death.to_string()).unwrap_or_default(),
        pen.map(|p| p.confiscation.as_str().to_string())
            .unwrap_or_default(),
        list(&|f| num(f.min)),
        list(&|f| num(f.max)),
        list(&|f| fine_unit(f.unit).to_string()),
        pen.map(|p| {
            p.measures
                .iter()
                .map(|m| m.summary())
                .chain(p.other.iter().cloned())
                .collect::<Vec<_>>()
                .join(";")
        })
        .unwrap_or_default(),
        v.enacted_by.clone(),
        confidence.to_string(),
        sources.join(";"),
    ]
}

impl<W: Write> Sink for Rows<W> {
    fn start(&mut self, _law: &Law) -> io::Result<()> {
        self.out.write_record(COLUMNS).map_err(io_err)
    }

    fn provision(&mut self, visit: &Visit<'_>) -> io::Result<()> {
        for (v, _) in &visit.editions {
            if v.parts.is_empty() {
                self.out
                    .write_record(row(visit.provision, v, None))
                    .map_err(io_err)?;
            }
            for pt in &v.parts {
                self.out
                    .write_record(row(visit.provision, v, Some(pt)))
                    .map_err(io_err)?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        let mut inner = self.out.into_inner().map_err(|e| e.into_error())?;
        inner.flush()
    }
}
