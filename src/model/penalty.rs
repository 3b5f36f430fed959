//! Penalties: imprisonment ranges in months, fines, confiscation and other measures.

use serde::{Deserialize, Serialize};

/// The sanction of one part. Alternatives ("a fine, or up to two years") are all listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    pub imprisonment: Imprisonment,
    #[serde(default)]
    pub fines: Vec<Fine>,
    pub confiscation: Confiscation,
    /// Other measures in our words ("ban on holding posts up to 3 years", "community work").
    #[serde(default)]
    pub other: Vec<String>,
    /// Life imprisonment available as an alternative.
    #[serde(default)]
    pub life: bool,
}

/// Imprisonment in the sanction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Imprisonment {
    /// The sanction has no imprisonment.
    None,
    /// No source confirms the range.
    Unknown,
    /// A range in months. `min: None` means the statute names only a maximum, so the
    /// general-part minimum applies.
    Term { min: Option<u32>, max: u32 },
}

/// A fine as a range of units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fine {
    pub unit: FineUnit,
    #[serde(default)]
    pub min: Option<u32>,
    #[serde(default)]
    pub max: Option<u32>,
}

/// Units in which fines are expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FineUnit {
    /// Monthly calculation index (MCI / MRP).
    Mci,
    /// The offender's wages or other income for a number of months.
    MonthsIncome,
    /// A fine whose amount no source confirms.
    Unknown,
}

/// Confiscation of property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Confiscation {
    No,
    Optional,
    Mandatory,
    Unknown,
}

impl Confiscation {
    pub fn as_str(self) -> &'static str {
        match self {
            Confiscation::No => "none",
            Confiscation::Optional => "optional",
            Confiscation::Mandatory => "mandatory",
            Confiscation::Unknown => "unknown",
        }
    }
}

impl FineUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            FineUnit::Mci => "MCI",
            FineUnit::MonthsIncome => "months of income",
            FineUnit::Unknown => "unknown",
        }
    }
}

impl Imprisonment {
    /// Maximum term in months, when known.
    pub fn max_months(&self) -> Option<u32> {
        match self {
            Imprisonment::Term { max, .. } => Some(*max),
            _ => None,
        }
    }

    pub fn min_months(&self) -> Option<u32> {
        match self {
            Imprisonment::Term { min, .. } => *min,
            _ => None,
        }
    }
}

/// Months as a short human string: `8 y`, `6 mo`, `2 y 6 mo`.
pub fn fmt_months(months: u32) -> String {
    let (y, m) = (months / 12, months % 12);
    match (y, m) {
        (0, m) => format!("{m} mo"),
        (y, 0) => format!("{y} y"),
        (y, m) => format!("{y} y {m} mo"),
    }
}

impl Penalty {
    /// One line in our house style: `3–8 y imprisonment; confiscation optional`.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        match self.imprisonment {
            Imprisonment::None => {}
            Imprisonment::Unknown => parts.push("imprisonment: unknown".to_string()),
            Imprisonment::Term {
                min: Some(min),
                max,
            } => {
                let (a, b) = (fmt_months(min), fmt_months(max));
                // "3 y–8 y" reads badly; drop the first unit when both are whole years.
                if min % 12 == 0 && max % 12 == 0 {
                    parts.push(format!("{}–{} y prison", min / 12, max / 12));
                } else {
                    parts.push(format!("{a}–{b} prison"));
                }
            }
            Imprisonment::Term { min: None, max } => {
                parts.push(format!("≤ {} prison", fmt_months(max)))
            }
        }
        if self.life {
            parts.push("or life".to_string());
        }
        for fine in &self.fines {
            let range = match (fine.min, fine.max) {
                (Some(a), Some(b)) => format!("{a}–{b}"),
                (None, Some(b)) => format!("≤ {b}"),
                (Some(a), None) => format!("≥ {a}"),
                (None, None) => "amount unknown".to_string(),
            };
            parts.push(format!("fine {range} {}", fine.unit.as_str()));
        }
        for other in &self.other {
            parts.push(other.clone());
        }
        let mut out = parts.join("; ");
        match self.confiscation {
            Confiscation::No => {}
            c => {
                if !out.is_empty() {
                    out.push_str("; ");
                }
                out.push_str("confiscation ");
                out.push_str(c.as_str());
            }
        }
        if out.is_empty() {
            out.push_str("no sanction recorded");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_reads_as_years() {
        let p = Penalty {
            imprisonment: Imprisonment::Term {
                min: Some(36),
                max: 96,
            },
            fines: vec![],
            confiscation: Confiscation::Optional,
            other: vec![],
            life: false,
        };
        assert_eq!(p.summary(), "3–8 y prison; confiscation optional");
        assert_eq!(fmt_months(18), "1 y 6 mo");
    }
}
