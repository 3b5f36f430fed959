//! Comparisons shared by `exec` and `analysis`: article ordering and edition-to-edition diffs.
//!
//! Both layers need them, so they live below both and depend only on `model`.

use crate::model::{Imprisonment, Part, Penalty, Version, fmt_months};
use serde::Serialize;

/// Sort key for article numbers: `132-1` after `132`, `330-2` before `331`.
pub fn article_key(a: &str) -> (u32, u32, String) {
    let mut it = a.split('-');
    let major = it.next().and_then(|x| x.parse().ok()).unwrap_or(u32::MAX);
    let minor = it.next().and_then(|x| x.parse().ok()).unwrap_or(0);
    (major, minor, a.to_string())
}

#[derive(Debug, Clone, Serialize)]
pub struct PartDiff {
    pub part: String,
    /// `added`, `removed`, `changed` or `unchanged`.
    pub status: &'static str,
    pub changes: Vec<String>,
}

/// Part-by-part differences, parts matched by number. Unchanged parts are listed too so the
/// answer shows that they were compared.
pub fn diff_parts(old: &Version, new: &Version) -> Vec<PartDiff> {
    let mut out = Vec::new();
    for np in &new.parts {
        match old.parts.iter().find(|op| op.part == np.part) {
            None => out.push(PartDiff {
                part: np.part.clone(),
                status: "added",
                changes: vec![format!("part added ({})", penalty_line(np))],
            }),
            Some(op) => {
                let mut changes = part_changes(op, np);
                changes.extend(paragraph_changes(old, new, &np.part));
                let status = if changes.is_empty() {
                    "unchanged"
                } else {
                    "changed"
                };
                out.push(PartDiff {
                    part: np.part.clone(),
                    status,
                    changes,
                });
            }
        }
    }
    for op in &old.parts {
        if !new.parts.iter().any(|np| np.part == op.part) {
            out.push(PartDiff {
                part: op.part.clone(),
                status: "removed",
                changes: vec!["part removed".into()],
            });
        }
    }
    out
}

/// Changes to the unnumbered paragraph that follows part `after` (1997 art. 67 states its
/// exclusions in one), reported with that part since it has no number of its own.
fn paragraph_changes(old: &Version, new: &Version, after: &str) -> Vec<String> {
    let find = |v: &Version| {
        v.paragraphs
            .iter()
            .find(|g| g.after_part == after)
            .map(|g| g.summary.clone())
    };
    match (find(old), find(new)) {
        (None, Some(_)) => vec!["unnumbered paragraph added after the part".into()],
        (Some(_), None) => vec!["unnumbered paragraph after the part removed".into()],
        (Some(a), Some(b)) if a != b => {
            vec!["wording of the unnumbered paragraph after the part changed".into()]
        }
        _ => Vec::new(),
    }
}

fn penalty_line(p: &Part) -> String {
    p.penalty
        .as_ref()
        .map_or("no sanction".into(), Penalty::summary)
}

fn months_or(m: Option<u32>, none: &str) -> String {
    m.map_or(none.to_string(), fmt_months)
}

fn part_changes(op: &Part, np: &Part) -> Vec<String> {
    let mut c = Vec::new();
    if op.features != np.features {
        c.push("wording of the conduct changed".into());
    }
    let (oi, ni): (Vec<&str>, Vec<&str>) = (
        op.items.iter().map(|i| i.item.as_str()).collect(),
        np.items.iter().map(|i| i.item.as_str()).collect(),
    );
    let added: Vec<&str> = ni.iter().filter(|i| !oi.contains(i)).copied().collect();
    let removed: Vec<&str> = oi.iter().filter(|i| !ni.contains(i)).copied().collect();
    if !added.is_empty() {
        c.push(format!("items added: {}", added.join(", ")));
    }
    if !removed.is_empty() {
        c.push(format!("items removed: {}", removed.join(", ")));
    }
    match (&op.penalty, &np.penalty) {
        (Some(a), Some(b)) => c.extend(penalty_changes(a, b)),
        (None, Some(b)) => c.push(format!("sanction added: {}", b.summary())),
        (Some(_), None) => c.push("sanction removed".into()),
        (None, None) => {}
    }
    c
}

fn penalty_changes(a: &Penalty, b: &Penalty) -> Vec<String> {
    let mut c = Vec::new();
    match (a.imprisonment, b.imprisonment) {
        (x, y) if x == y => {}
        (Imprisonment::Term { min: a0, max: a1 }, Imprisonment::Term { min: b0, max: b1 }) => {
            if a1 != b1 {
                c.push(format!(
                    "max imprisonment {} -> {}",
                    fmt_months(a1),
                    fmt_months(b1)
                ));
            }
            if a0 != b0 {
                c.push(format!(
                    "min imprisonment {} -> {}",
                    months_or(a0, "none"),
                    months_or(b0, "none")
                ));
            }
        }
        (Imprisonment::None, Imprisonment::Term { .. }) => {
            c.push(format!("imprisonment added ({})", b.summary()))
        }
        (Imprisonment::Term { .. }, Imprisonment::None) => c.push("imprisonment removed".into()),
        (_, Imprisonment::Unknown) => c.push("imprisonment now unknown".into()),
        (Imprisonment::Unknown, _) => c.push("imprisonment: previously unknown".into()),
        (Imprisonment::None, Imprisonment::None) => {}
    }
    if a.confiscation != b.confiscation {
        let (x, y) = (a.confiscation.as_str(), b.confiscation.as_str());
        c.push(match (x, y) {
            ("none", y) => format!("confiscation added ({y})"),
            (_, "none") => "confiscation removed".to_string(),
            (x, y) => format!("confiscation {x} -> {y}"),
        });
    }
    if a.fines != b.fines {
        match (a.fines.is_empty(), b.fines.is_empty()) {
            (false, true) => c.push("fine removed".into()),
            (true, false) => c.push("fine added".into()),
            _ => c.push("fine changed".into()),
        }
    }
    if a.other != b.other || a.measures != b.measures {
        c.push("other measures changed".into());
    }
    if a.death != b.death {
        c.push(
            if b.death {
                "death penalty added"
            } else {
                "death penalty removed"
            }
            .into(),
        );
    }
    if a.life != b.life {
        c.push(
            if b.life {
                "life imprisonment added"
            } else {
                "life imprisonment removed"
            }
            .into(),
        );
    }
    c
}

#[cfg(test)]
mod tests {
    use super::penalty_changes;
    use crate::model::{Confiscation, Imprisonment, Penalty};

    fn term(max: u32) -> Penalty {
        Penalty {
            imprisonment: Imprisonment::Term { min: None, max },
            fines: Vec::new(),
            confiscation: Confiscation::No,
            other: Vec::new(),
            life: false,
            death: false,
            measures: Vec::new(),
        }
    }

    #[test]
    fn each_change_is_named_once() {
        let old = term(180);
        let new = Penalty {
            death: true,
            life: true,
            ..term(180)
        };
        let changes = penalty_changes(&old, &new);
        for what in ["death penalty added", "life imprisonment added"] {
            let n = changes.iter().filter(|c| c.as_str() == what).count();
            assert_eq!(n, 1, "{what} in {changes:?}");
        }
        assert_eq!(
            penalty_changes(&new, &old)
                .iter()
                .filter(|c| c.as_str() == "death penalty removed")
                .count(),
            1
        );
    }
}
