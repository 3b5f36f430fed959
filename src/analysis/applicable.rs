//! The applicable penalty: the edition in force when the act was done governs, unless a
//! milder edition took effect before judgment (compared part by part on the penalty range);
//! a harsher later edition never reaches back. Renumbering is followed across codes.

use crate::graph::Law;
use crate::model::{Confiscation, Date, Imprisonment, Penalty, Provision, Rules, Version};
use crate::view::PenaltyView;
use serde::Serialize;
use std::cmp::Ordering;

/// An edition considered, from the offence to the judgment.
pub type Candidate = crate::view::EditionRef;

/// The governing edition for one part, and the steps that chose it.
#[derive(Debug, Clone, Serialize)]
pub struct PartOutcome {
    pub part: String,
    pub governing: Candidate,
    pub penalty: Option<PenaltyView>,
    pub reasons: Vec<String>,
}

/// The rule on criminal law in time that was applied.
#[derive(Debug, Clone, Serialize)]
pub struct TimeRule {
    #[serde(rename = "ref")]
    pub reference: String,
    pub time_of_act: String,
    pub milder_reaches_back: String,
    pub harsher_never: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Applicable {
    #[serde(rename = "ref")]
    pub reference: String,
    pub offence: String,
    pub judgment: String,
    pub rule: Option<TimeRule>,
    pub candidates: Vec<Candidate>,
    pub parts: Vec<PartOutcome>,
}

/// The rule on criminal law in time of `code` on `day`.
fn time_rule(law: &Law, code: &str, day: Date) -> Option<TimeRule> {
    let (p, _, r) = law.rule_in_force(code, day, |r| match r {
        Rules::Retroactivity(x) => Some(x),
        _ => None,
    })?;
    Some(TimeRule {
        reference: p.reference(),
        time_of_act: r.time_of_act.clone(),
        milder_reaches_back: r.milder_reaches_back.clone(),
        harsher_never: r.harsher_never.clone(),
    })
}

fn candidate(p: &Provision, v: &Version) -> Candidate {
    Candidate::of(p, v)
}

fn confiscation_rank(c: Confiscation) -> u8 {
    match c {
        Confiscation::No => 0,
        Confiscation::Optional => 1,
        Confiscation::Mandatory => 2,
        Confiscation::Unknown => 1,
    }
}

/// Compares two sanctions: Less means `a` is milder. None when they cannot be compared.
pub fn milder(a: &Penalty, b: &Penalty) -> Option<Ordering> {
    let key = |p: &Penalty| -> Option<(u32, u32, u8, u8)> {
        let (min, max) = match p.imprisonment {
            Imprisonment::Unknown => return None,
            Imprisonment::None => (0, 0),
            Imprisonment::Term { min, max } => (min.unwrap_or(0), max),
        };
        // Death outranks life, which outranks any term.
        let ultimate = u8::from(p.life) + 2 * u8::from(p.death);
        Some((max, min, ultimate, confiscation_rank(p.confiscation)))
    };
    let (ka, kb) = (key(a)?, key(b)?);
    // Life imprisonment outranks any term; then the maximum, the minimum, confiscation.
    Some((ka.2, ka.0, ka.1, ka.3).cmp(&(kb.2, kb.0, kb.1, kb.3)))
}

/// Decides the governing edition per part for an act on `offence` judged on `judgment`.
pub fn decide(law: &Law, pi: usize, offence: Date, judgment: Date) -> Option<Applicable> {
    let start = law.provision(pi);
    let at_offence = law.version_on(pi, offence)?;
    // Every edition along the lineage in force between offence and judgment, in order.
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (p, _) in law.lineage(pi) {
        for vi in law.versions_during(
            p,
            &crate::query::When {
                from: offence,
                to: judgment,
            },
        ) {
            candidates.push((p, vi));
        }
    }
    candidates.sort_by_key(|(p, vi)| law.provision(*p).versions[*vi].valid_from);
    let judgment_code = law
        .codes_during(&crate::query::When::day(judgment))
        .first()
        .map(|c| c.id.clone())
        .unwrap_or_else(|| start.code.clone());
    let rule =
        time_rule(law, &judgment_code, judgment).or_else(|| time_rule(law, &start.code, offence));
    let base = &start.versions[at_offence];
    let rule_name = rule
        .as_ref()
        .map_or("the rule on criminal law in time".to_string(), |r| {
            r.reference.clone()
        });
    let mut parts = Vec::new();
    for part in &base.parts {
        let mut reasons = vec![format!(
            "the act was done on {offence}: {} edition [{} – {}] governs ({} {})",
            start.reference(),
            base.valid_from,
            base.valid_to.map_or("in force".into(), |d| d.to_string()),
            rule_name,
            rule.as_ref()
                .map_or(String::new(), |r| format!("/ {}", r.time_of_act))
        )];
        let mut best = (pi, at_offence);
        for &(p, vi) in candidates.iter().filter(|c| **c != (pi, at_offence)) {
            let prov = law.provision(p);
            let v = &prov.versions[vi];
            if v.valid_from <= base.valid_from && p == pi {
                continue;
            }
            let Some(later) = v.parts.iter().find(|x| x.part == part.part) else {
                reasons.push(format!(
                    "{} edition from {} has no part {}; not compared",
                    prov.reference(),
                    v.valid_from,
                    part.part
                ));
                continue;
            };
            let current = law.provision(best.0).versions[best.1]
                .parts
                .iter()
                .find(|x| x.part == part.part);
            let (Some(a), Some(b)) = (
                later.penalty.as_ref(),
                current.and_then(|c| c.penalty.as_ref()),
            ) else {
                continue;
            };
            let label = format!(
                "{} edition from {} ({})",
                prov.reference(),
                v.valid_from,
                v.enacted_by
            );
            let cross = if p != pi {
                " (after renumbering; parts matched by number)"
            } else {
                ""
            };
            match milder(a, b) {
                Some(Ordering::Less) => {
                    reasons.push(format!("{label} is milder for part {}{cross}: {} instead of {}; it reaches back ({rule_name}({}))", part.part, a.summary(), b.summary(), rule.as_ref().map_or("1".into(), |r| r.milder_reaches_back.clone())));
                    best = (p, vi);
                }
                Some(Ordering::Greater) => reasons.push(format!("{label} is harsher for part {}{cross}: {} instead of {}; it does not reach back ({rule_name}({}))", part.part, a.summary(), b.summary(), rule.as_ref().map_or("3".into(), |r| r.harsher_never.clone()))),
                Some(Ordering::Equal) => reasons.push(format!("{label} keeps the same sanction for part {}{cross}", part.part)),
                None => reasons.push(format!("{label}: the sanctions cannot be compared (a range is unknown)")),
            }
        }
        let (bp, bv) = best;
        let prov = law.provision(bp);
        let v = &prov.versions[bv];
        let governing_part = v.parts.iter().find(|x| x.part == part.part).unwrap_or(part);
        parts.push(PartOutcome {
            part: part.part.clone(),
            governing: candidate(prov, v),
            penalty: governing_part.penalty.as_ref().map(PenaltyView::of),
            reasons,
        });
    }
    Some(Applicable {
        reference: start.reference(),
        offence: offence.to_string(),
        judgment: judgment.to_string(),
        rule,
        candidates: candidates
            .iter()
            .map(|(p, vi)| candidate(law.provision(*p), &law.provision(*p).versions[*vi]))
            .collect(),
        parts,
    })
}
