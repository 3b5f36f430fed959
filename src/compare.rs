//! Comparisons shared by `exec` and `analysis`: article ordering and edition-to-edition diffs.
//!
//! Both layers need them, so they live below both and depend only on `model`.

use crate::lang::i18n::{Lang, tr};
use crate::lang::prose::{self, Case};
use crate::model::{Confiscation, Imprisonment, Part, Penalty, Version};
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
    /// [`Change`]s in English.
    pub changes: Vec<String>,
    /// The changes as data.
    #[serde(skip)]
    pub typed: Vec<Change>,
}

/// One difference between two editions of a part, as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    PartAdded(Option<Penalty>),
    PartRemoved,
    ParagraphAdded,
    ParagraphRemoved,
    ParagraphChanged,
    WordingChanged,
    ItemsAdded(Vec<String>),
    ItemsRemoved(Vec<String>),
    SanctionAdded(Penalty),
    SanctionRemoved,
    MaxPrison(u32, u32),
    MinPrison(Option<u32>, Option<u32>),
    PrisonAdded(Penalty),
    PrisonRemoved,
    PrisonNowUnknown,
    PrisonWasUnknown,
    ConfiscationAdded(Confiscation),
    ConfiscationRemoved,
    Confiscation(Confiscation, Confiscation),
    FineAdded,
    FineRemoved,
    FineChanged,
    OtherMeasuresChanged,
    /// The death penalty added (true) or removed.
    Death(bool),
    /// Life imprisonment added (true) or removed.
    Life(bool),
}

impl Change {
    /// The change in words.
    pub fn say(&self, lang: Lang) -> String {
        let pen = |p: &Penalty| prose::penalty(lang, p);
        let term = |m: u32| prose::months(lang, m, Case::Nominative);
        let conf = |c: Confiscation| match (lang, c) {
            (Lang::En, c) => c.as_str().to_string(),
            (_, c) => tr(lang, &format!("confiscation-{}", c.as_str()), &[]),
        };
        let t = |id: &str| tr(lang, id, &[]);
        match self {
            Change::PartAdded(p) => tr(
                lang,
                "change-part-added",
                &[("penalty", &prose::part_penalty(lang, p.as_ref()))],
            ),
            Change::PartRemoved => t("change-part-removed"),
            Change::ParagraphAdded => t("change-paragraph-added"),
            Change::ParagraphRemoved => t("change-paragraph-removed"),
            Change::ParagraphChanged => t("change-paragraph-changed"),
            Change::WordingChanged => t("change-wording"),
            Change::ItemsAdded(i) => tr(lang, "change-items-added", &[("items", &i.join(", "))]),
            Change::ItemsRemoved(i) => {
                tr(lang, "change-items-removed", &[("items", &i.join(", "))])
            }
            Change::SanctionAdded(p) => tr(lang, "change-sanction-added", &[("penalty", &pen(p))]),
            Change::SanctionRemoved => t("change-sanction-removed"),
            Change::MaxPrison(a, b) => tr(
                lang,
                "change-max-prison",
                &[("old", &term(*a)), ("new", &term(*b))],
            ),
            Change::MinPrison(a, b) => {
                let none = t("change-no-minimum");
                let m = |x: &Option<u32>| x.map_or(none.clone(), term);
                tr(lang, "change-min-prison", &[("old", &m(a)), ("new", &m(b))])
            }
            Change::PrisonAdded(p) => tr(lang, "change-prison-added", &[("penalty", &pen(p))]),
            Change::PrisonRemoved => t("change-prison-removed"),
            Change::PrisonNowUnknown => t("change-prison-now-unknown"),
            Change::PrisonWasUnknown => t("change-prison-was-unknown"),
            Change::ConfiscationAdded(c) => {
                tr(lang, "change-confiscation-added", &[("how", &conf(*c))])
            }
            Change::ConfiscationRemoved => t("change-confiscation-removed"),
            Change::Confiscation(a, b) => tr(
                lang,
                "change-confiscation",
                &[("old", &conf(*a)), ("new", &conf(*b))],
            ),
            Change::FineAdded => t("change-fine-added"),
            Change::FineRemoved => t("change-fine-removed"),
            Change::FineChanged => t("change-fine-changed"),
            Change::OtherMeasuresChanged => t("change-other-measures"),
            Change::Death(true) => t("change-death-added"),
            Change::Death(false) => t("change-death-removed"),
            Change::Life(true) => t("change-life-added"),
            Change::Life(false) => t("change-life-removed"),
        }
    }
}

impl PartDiff {
    fn new(part: &str, status: &'static str, typed: Vec<Change>) -> PartDiff {
        PartDiff {
            part: part.to_string(),
            status,
            changes: typed.iter().map(|c| c.say(Lang::En)).collect(),
            typed,
        }
    }
}

/// Part-by-part differences, parts matched by number. Unchanged parts are listed too so the
/// answer shows that they were compared.
pub fn diff_parts(old: &Version, new: &Version) -> Vec<PartDiff> {
    let mut out = Vec::new();
    for np in &new.parts {
        match old.parts.iter().find(|op| op.part == np.part) {
            None => out.push(PartDiff::new(
                &np.part,
                "added",
                vec![Change::PartAdded(np.penalty.clone())],
            )),
            Some(op) => {
                let mut changes = part_changes(op, np);
                changes.extend(paragraph_changes(old, new, &np.part));
                let status = if changes.is_empty() {
                    "unchanged"
                } else {
                    "changed"
                };
                out.push(PartDiff::new(&np.part, status, changes));
            }
        }
    }
    for op in &old.parts {
        if !new.parts.iter().any(|np| np.part == op.part) {
            out.push(PartDiff::new(
                &op.part,
                "removed",
                vec![Change::PartRemoved],
            ));
        }
    }
    out
}

/// Changes to the unnumbered paragraph that follows part `after` (1997 art. 67 states its
/// exclusions in one), reported with that part since it has no number of its own.
fn paragraph_changes(old: &Version, new: &Version, after: &str) -> Vec<Change> {
    let find = |v: &Version| {
        v.paragraphs
            .iter()
            .find(|g| g.after_part == after)
            .map(|g| g.summary.clone())
    };
    match (find(old), find(new)) {
        (None, Some(_)) => vec![Change::ParagraphAdded],
        (Some(_), None) => vec![Change::ParagraphRemoved],
        (Some(a), Some(b)) if a != b => vec![Change::ParagraphChanged],
        _ => Vec::new(),
    }
}

fn part_changes(op: &Part, np: &Part) -> Vec<Change> {
    let mut c = Vec::new();
    if op.features != np.features {
        c.push(Change::WordingChanged);
    }
    let (oi, ni): (Vec<&str>, Vec<&str>) = (
        op.items.iter().map(|i| i.item.as_str()).collect(),
        np.items.iter().map(|i| i.item.as_str()).collect(),
    );
    let added: Vec<String> = ni
        .iter()
        .filter(|i| !oi.contains(i))
        .map(|i| i.to_string())
        .collect();
    let removed: Vec<String> = oi
        .iter()
        .filter(|i| !ni.contains(i))
        .map(|i| i.to_string())
        .collect();
    if !added.is_empty() {
        c.push(Change::ItemsAdded(added));
    }
    if !removed.is_empty() {
        c.push(Change::ItemsRemoved(removed));
    }
    match (&op.penalty, &np.penalty) {
        (Some(a), Some(b)) => c.extend(penalty_changes(a, b)),
        (None, Some(b)) => c.push(Change::SanctionAdded(b.clone())),
        (Some(_), None) => c.push(Change::SanctionRemoved),
        (None, None) => {}
    }
    c
}

fn penalty_changes(a: &Penalty, b: &Penalty) -> Vec<Change> {
    let mut c = Vec::new();
    match (a.imprisonment, b.imprisonment) {
        (x, y) if x == y => {}
        (Imprisonment::Term { min: a0, max: a1 }, Imprisonment::Term { min: b0, max: b1 }) => {
            if a1 != b1 {
                c.push(Change::MaxPrison(a1, b1));
            }
            if a0 != b0 {
                c.push(Change::MinPrison(a0, b0));
            }
        }
        (Imprisonment::None, Imprisonment::Term { .. }) => c.push(Change::PrisonAdded(b.clone())),
        (Imprisonment::Term { .. }, Imprisonment::None) => c.push(Change::PrisonRemoved),
        (_, Imprisonment::Unknown) => c.push(Change::PrisonNowUnknown),
        (Imprisonment::Unknown, _) => c.push(Change::PrisonWasUnknown),
        (Imprisonment::None, Imprisonment::None) => {}
    }
    if a.confiscation != b.confiscation {
        c.push(match (a.confiscation, b.confiscation) {
            (Confiscation::No, y) => Change::ConfiscationAdded(y),
            (_, Confiscation::No) => Change::ConfiscationRemoved,
            (x, y) => Change::Confiscation(x, y),
        });
    }
    if a.fines != b.fines {
        match (a.fines.is_empty(), b.fines.is_empty()) {
            (false, true) => c.push(Change::FineRemoved),
            (true, false) => c.push(Change::FineAdded),
            _ => c.push(Change::FineChanged),
        }
    }
    if a.other != b.other || a.measures != b.measures {
        c.push(Change::OtherMeasuresChanged);
    }
    if a.death != b.death {
        c.push(Change::Death(b.death));
    }
    if a.life != b.life {
        c.push(Change::Life(b.life));
    }
    c
}

#[cfg(test)]
mod tests {
    use super::penalty_changes;
    use crate::lang::i18n::Lang;
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
        let said = |a: &Penalty, b: &Penalty| -> Vec<String> {
            penalty_changes(a, b)
                .iter()
                .map(|c| c.say(Lang::En))
                .collect()
        };
        let changes = said(&old, &new);
        for what in ["death penalty added", "life imprisonment added"] {
            let n = changes.iter().filter(|c| c.as_str() == what).count();
            assert_eq!(n, 1, "{what} in {changes:?}");
        }
        assert_eq!(
            said(&new, &old)
                .iter()
                .filter(|c| c.as_str() == "death penalty removed")
                .count(),
            1
        );
        let ru: Vec<String> = penalty_changes(&term(120), &term(180))
            .iter()
            .map(|c| c.say(Lang::Ru))
            .collect();
        assert_eq!(ru, ["максимальный срок лишения свободы: 10 лет → 15 лет"]);
    }
}
