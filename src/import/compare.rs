//! Curated against imported: where both describe an edition, compare them part by part
//! (parts present, imprisonment range, life, death, fines, confiscation) and list every
//! disagreement. The curated data wins in the data directory; this only reports.

use crate::model::{Imprisonment, Penalty, Provision, Version};
use serde::Serialize;
use std::path::Path;

/// One point where curated and imported data differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    #[serde(rename = "ref")]
    pub reference: String,
    /// Start of the curated edition compared.
    pub valid_from: String,
    pub part: Option<String>,
    pub what: String,
    pub curated: String,
    pub imported: String,
}

impl std::fmt::Display for Disagreement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let part = self
            .part
            .as_ref()
            .map(|p| format!(" part {p}"))
            .unwrap_or_default();
        write!(
            f,
            "{}{part} (edition of {}): {}: curated {}, imported {}",
            self.reference, self.valid_from, self.what, self.curated, self.imported
        )
    }
}

/// How far apart two starts of the same edition may be (days).
const NEAR_DAYS: i64 = 7;

/// Every disagreement between a curated provision and the imported one.
pub fn compare(curated: &Provision, imported: &Provision) -> Vec<Disagreement> {
    let mut out = Vec::new();
    let reference = curated.reference();
    for cv in &curated.versions {
        let day = cv.valid_from;
        // An imported edition that starts within a week of the curated one is the same
        // edition dated differently (an inferred entry-into-force day): say so once and
        // compare its parts, rather than the parts of the edition before it.
        let near = imported
            .versions
            .iter()
            .find(|v| v.valid_from != day && (v.valid_from - day).num_days().abs() <= NEAR_DAYS);
        let exact = imported.versions.iter().find(|v| v.valid_from == day);
        if let (None, Some(iv)) = (exact, near) {
            out.push(Disagreement {
                reference: reference.clone(),
                valid_from: day.to_string(),
                part: None,
                what: "start".into(),
                curated: day.to_string(),
                imported: format!("{} (graded {})", iv.valid_from, iv.confidence),
            });
            compare_versions(&reference, cv, iv, &mut out);
            continue;
        }
        let Some(iv) = imported.versions.iter().find(|v| v.covers_day(day)) else {
            // Curated editions before the mirror's first version have nothing to compare.
            if imported
                .versions
                .first()
                .is_some_and(|f| f.valid_from <= day)
            {
                out.push(Disagreement {
                    reference: reference.clone(),
                    valid_from: day.to_string(),
                    part: None,
                    what: "in force".into(),
                    curated: format!("an edition from {day}"),
                    imported: "no edition in force that day (repealed?)".into(),
                });
            }
            continue;
        };
        compare_versions(&reference, cv, iv, &mut out);
    }
    out
}

fn compare_versions(reference: &str, cv: &Version, iv: &Version, out: &mut Vec<Disagreement>) {
    let mut push = |part: Option<&str>, what: &str, c: String, i: String| {
        out.push(Disagreement {
            reference: reference.to_string(),
            valid_from: cv.valid_from.to_string(),
            part: part.map(str::to_string),
            what: what.to_string(),
            curated: c,
            imported: i,
        })
    };
    // Unnumbered paragraphs: placed by the part they follow. Curated ones are in our words
    // and imported ones are the statute's, so only where they stand is compared.
    let places = |v: &Version| -> Vec<String> {
        let mut out: Vec<String> = v.paragraphs.iter().map(|g| g.after_part.clone()).collect();
        out.dedup();
        out
    };
    let (cg, ig) = (places(cv), places(iv));
    for after in cg.iter().filter(|a| !ig.contains(a)) {
        push(
            Some(after),
            "unnumbered paragraph",
            "one after this part".into(),
            match ig.is_empty() {
                true => "none".into(),
                false => format!("after part {} only", ig.join(", ")),
            },
        );
    }
    for after in ig.iter().filter(|a| !cg.contains(a)) {
        push(
            Some(after),
            "unnumbered paragraph",
            "none after this part".into(),
            "one after this part".into(),
        );
    }
    for cp in &cv.parts {
        let Some(ip) = iv.parts.iter().find(|p| p.part == cp.part) else {
            push(
                Some(&cp.part),
                "part",
                "present".into(),
                format!(
                    "absent (imported parts: {})",
                    iv.parts
                        .iter()
                        .map(|p| p.part.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            continue;
        };
        let (Some(a), Some(b)) = (&cp.penalty, &ip.penalty) else {
            continue;
        };
        if b.imprisonment == Imprisonment::Unknown && a.imprisonment != Imprisonment::Unknown {
            push(
                Some(&cp.part),
                "sanction",
                a.summary(),
                "not read by the importer".into(),
            );
            continue;
        }
        for (what, c, i) in penalty_diffs(a, b) {
            push(Some(&cp.part), what, c, i);
        }
    }
}

fn term(i: &Imprisonment) -> String {
    match i {
        Imprisonment::None => "none".into(),
        Imprisonment::Unknown => "unknown".into(),
        Imprisonment::Term { min, max } => match min {
            Some(m) => format!("{m}–{max} months"),
            None => format!("up to {max} months"),
        },
    }
}

fn penalty_diffs(a: &Penalty, b: &Penalty) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    if a.imprisonment != Imprisonment::Unknown && a.imprisonment != b.imprisonment {
        out.push(("imprisonment", term(&a.imprisonment), term(&b.imprisonment)));
    }
    if a.life != b.life {
        out.push(("life imprisonment", a.life.to_string(), b.life.to_string()));
    }
    if a.death != b.death {
        out.push(("death penalty", a.death.to_string(), b.death.to_string()));
    }
    let fines = |p: &Penalty| {
        p.fines
            .iter()
            .map(|f| format!("{:?}..{:?} {}", f.min, f.max, f.unit.as_str()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if a.fines
        .iter()
        .all(|f| f.unit != crate::model::FineUnit::Unknown)
        && fines(a) != fines(b)
    {
        out.push(("fines", fines(a), fines(b)));
    }
    if a.confiscation != crate::model::Confiscation::Unknown && a.confiscation != b.confiscation {
        out.push((
            "confiscation",
            a.confiscation.as_str().into(),
            b.confiscation.as_str().into(),
        ));
    }
    out
}

/// The disagreements of a data directory written by `lexchron import`: its curated
/// provisions against the imported ones kept in `import/shadow/`. Empty for other data.
pub fn in_dir(root: &Path, data: &crate::load::Dataset) -> Vec<Disagreement> {
    let Ok(rd) = std::fs::read_dir(root.join("import/shadow")) else {
        return Vec::new();
    };
    let mut files: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let opts =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let Ok(imported) = opts.from_str::<Provision>(&text) else {
            continue;
        };
        if let Some((cur, _)) = data
            .provisions
            .iter()
            .find(|(p, _)| p.reference() == imported.reference())
        {
            out.extend(compare(cur, &imported));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Confiscation;

    fn prison(death: bool) -> Penalty {
        Penalty {
            imprisonment: Imprisonment::Term {
                min: Some(120),
                max: 240,
            },
            fines: vec![],
            confiscation: Confiscation::No,
            other: vec![],
            life: false,
            death,
            measures: vec![],
        }
    }

    #[test]
    fn a_missing_death_penalty_is_a_disagreement() {
        let d = penalty_diffs(&prison(true), &prison(false));
        assert_eq!(
            d,
            [("death penalty", "true".to_string(), "false".to_string())]
        );
        assert!(penalty_diffs(&prison(true), &prison(true)).is_empty());
    }
}
