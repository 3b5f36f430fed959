//! Russian sanction sentences ("наказывается лишением свободы на срок от трех до пяти лет")
//! read into [`Penalty`]; what cannot be read stays unknown, with its wording and the reason.

use crate::model::{Confiscation, Imprisonment, Penalty};

/// A sanction that could not be read: the wording as found and why it was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanctionError {
    pub wording: String,
    pub reason: String,
}

impl std::fmt::Display for SanctionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} in \"{}\"", self.reason, self.wording)
    }
}

impl std::error::Error for SanctionError {}

/// The penalty recorded for a sanction that could not be read: every field unknown.
pub fn unknown_penalty() -> Penalty {
    Penalty {
        imprisonment: Imprisonment::Unknown,
        fines: vec![],
        confiscation: Confiscation::Unknown,
        other: vec![],
        life: false,
        death: false,
        measures: vec![],
    }
}

/// Reads one sanction ("наказывается ..." up to the end of its sentence).
pub fn parse_sanction(wording: &str) -> Result<Penalty, SanctionError> {
    Err(SanctionError {
        wording: wording.trim().to_string(),
        reason: "not read yet".into(),
    })
}

/// Byte offset in `text` where its sanction starts ("наказывается", "наказываются").
pub fn find_sanction(text: &str) -> Option<usize> {
    let lower = text.to_lowercase();
    // Lowercasing Cyrillic keeps byte lengths, so offsets carry over.
    if lower.len() != text.len() {
        return None;
    }
    lower.find("наказыва")
}

/// Sanctions read and not read in a chapter file, with every miss located.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SanctionStats {
    pub parsed: usize,
    pub total: usize,
    pub misses: Vec<SanctionMiss>,
}

/// A sanction the parser refused: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanctionMiss {
    pub article: String,
    pub part: String,
    /// 1-based line of the sanction in the file.
    pub line: usize,
    pub wording: String,
    pub reason: String,
}

/// Counts the sanctions of a chapter file and how many of them parse: `(parsed, total)`.
pub fn sanction_stats(md: &str) -> (usize, usize) {
    let s = sanction_report(md, super::CodeStyle::Cc2014);
    (s.parsed, s.total)
}

/// Every sanction of a chapter file, counted, with the ones that do not parse listed.
pub fn sanction_report(md: &str, style: super::CodeStyle) -> SanctionStats {
    let mut stats = SanctionStats::default();
    for a in super::parse_chapter(md, style).articles {
        for p in &a.parts {
            if let Some(s) = &p.sanction {
                stats.total += 1;
                match &s.penalty {
                    Ok(_) => stats.parsed += 1,
                    Err(e) => stats.misses.push(SanctionMiss {
                        article: a.number.clone(),
                        part: p.part.clone(),
                        line: s.line,
                        wording: e.wording.clone(),
                        reason: e.reason.clone(),
                    }),
                }
            }
        }
    }
    stats
}
