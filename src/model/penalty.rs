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
    /// The death penalty available as an alternative (old texts of the 1997 code).
    #[serde(default)]
    pub death: bool,
    /// Other punishments as data: alternatives (correctional work, restriction of liberty...)
    /// and additional measures (bans, expulsion). Imported data fills this; hand-written data
    /// may keep using `other`.
    #[serde(default)]
    pub measures: Vec<Measure>,
}

/// A punishment other than imprisonment, a fine or confiscation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub kind: MeasureKind,
    /// What `min` and `max` count; `None` when the measure has no amount (expulsion).
    #[serde(default)]
    pub unit: Option<MeasureUnit>,
    #[serde(default)]
    pub min: Option<u32>,
    #[serde(default)]
    pub max: Option<u32>,
    /// Whether the measure is an alternative main punishment or is added to one.
    #[serde(default)]
    pub role: MeasureRole,
    /// For a ban: for life rather than for a term.
    #[serde(default)]
    pub lifelong: bool,
    /// The measure applies only where these items of the part apply (a sanction clause that
    /// adds it "in the cases of item 3)"), as the data names items; empty: always.
    #[serde(default)]
    pub only_items: Vec<String>,
}

/// Kinds of punishment a [`Measure`] describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeasureKind {
    /// Correctional work (in MCI in the 2014 code, in months of wages in the 1997 code).
    CorrectionalWork,
    /// Community (public) work, in hours.
    CommunityWork,
    RestrictionOfLiberty,
    /// Arrest: short custody, in days (2014) or months (1997).
    Arrest,
    /// Ban on holding certain posts or practising certain activities.
    Ban,
    /// Expulsion of a foreigner or stateless person.
    Expulsion,
    /// Restriction in military service.
    MilitaryRestriction,
    /// Custody in a disciplinary military unit.
    DisciplinaryUnit,
    /// Deprivation of a special, military or honorary rank or title, or of state awards.
    Deprivation,
    /// Deprivation of citizenship of the Republic (terrorism and extremism, later texts).
    LossOfCitizenship,
    /// Confiscation of named objects (the instruments or means of the offence), as opposed
    /// to confiscation of property.
    Forfeiture,
    /// Imprisonment for a term other than the part's, where only some items apply (the 1997
    /// code gives a separate range "in the cases of item e)"): always with
    /// `only_items`; the part's own term stays in [`Penalty::imprisonment`].
    Imprisonment,
    /// A fine added to the main punishment ("with a fine of ..."), in MCI; the
    /// alternative fines are in [`Penalty::fines`].
    Fine,
}

/// Units of a [`Measure`]'s amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeasureUnit {
    Hours,
    Days,
    Months,
    Mci,
}

/// How a [`Measure`] stands in the sanction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum MeasureRole {
    /// One of the alternative main punishments.
    #[default]
    Alternative,
    /// Added to the main punishment, always.
    Mandatory,
    /// Added at the court's discretion (the sanction says "with or without" it).
    Optional,
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
    /// A multiple of a sum the offence names (the bribe, the commercial bribe, the damage):
    /// `min: 20, max: 50` is twenty to fifty times that sum.
    Multiple,
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
            FineUnit::Multiple => "times the sum named",
        }
    }
}

impl MeasureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureKind::CorrectionalWork => "correctional work",
            MeasureKind::CommunityWork => "community work",
            MeasureKind::RestrictionOfLiberty => "restriction of liberty",
            MeasureKind::Arrest => "arrest",
            MeasureKind::Ban => "ban on posts or activity",
            MeasureKind::Expulsion => "expulsion",
            MeasureKind::MilitaryRestriction => "military service restriction",
            MeasureKind::DisciplinaryUnit => "disciplinary military unit",
            MeasureKind::Deprivation => "loss of rank or awards",
            MeasureKind::Forfeiture => "forfeiture of the means used",
            MeasureKind::LossOfCitizenship => "loss of citizenship",
            MeasureKind::Imprisonment => "imprisonment",
            MeasureKind::Fine => "fine",
        }
    }
}

impl MeasureUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureUnit::Hours => "h",
            MeasureUnit::Days => "days",
            MeasureUnit::Months => "months",
            MeasureUnit::Mci => "MCI",
        }
    }
}

impl Measure {
    /// One phrase: `restriction of liberty ≤ 3 y`, `ban on posts or activity ≤ 5 y (optional)`.
    pub fn summary(&self) -> String {
        let amount = |n: u32| match self.unit {
            Some(MeasureUnit::Months) => fmt_months(n),
            Some(u) => format!("{n} {}", u.as_str()),
            None => n.to_string(),
        };
        let mut s = self.kind.as_str().to_string();
        if self.lifelong {
            s.push_str(" for life");
        }
        match (self.min, self.max) {
            (Some(a), Some(b)) if a == b => s.push_str(&format!(" {}", amount(a))),
            (Some(a), Some(b)) => s.push_str(&format!(" {}–{}", amount(a), amount(b))),
            (None, Some(b)) => s.push_str(&format!(" ≤ {}", amount(b))),
            (Some(a), None) => s.push_str(&format!(" {}", amount(a))),
            (None, None) => {}
        }
        if !self.only_items.is_empty() {
            s.push_str(&format!(" [items {} only]", self.only_items.join(", ")));
        }
        match self.role {
            MeasureRole::Alternative => {}
            MeasureRole::Mandatory => s.push_str(" (added)"),
            MeasureRole::Optional => s.push_str(" (optional)"),
        }
        s
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
        if self.death {
            parts.push("or death".to_string());
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
        for m in &self.measures {
            parts.push(m.summary());
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
            death: false,
            measures: vec![],
        };
        assert_eq!(p.summary(), "3–8 y prison; confiscation optional");
        assert_eq!(fmt_months(18), "1 y 6 mo");
    }
}
