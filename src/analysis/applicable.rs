//! The applicable penalty: the edition in force when the act was done governs, unless a
//! milder edition took effect before judgment (compared part by part on the penalty range);
//! a harsher later edition never reaches back. Renumbering is followed across codes.

use crate::graph::Law;
use crate::lang::i18n::{Lang, tr};
use crate::lang::prose;
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
    /// [`Step`]s in English.
    pub reasons: Vec<String>,
    /// The steps as data.
    #[serde(skip)]
    pub steps: Vec<Step>,
}

/// An edition named in a step: `cc1997:128 edition from 2006-03-02 (kz-law-2006-131-III)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    pub reference: String,
    pub from: Date,
    pub act: String,
}

/// How a later edition's sanction for the part compares with the governing one's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Milder: it reaches back under the named part of the rule.
    Milder {
        now: Box<Penalty>,
        was: Box<Penalty>,
        rule_part: String,
    },
    /// Harsher: it never reaches back, under the named part of the rule.
    Harsher {
        now: Box<Penalty>,
        was: Box<Penalty>,
        rule_part: String,
    },
    Same,
    /// A range is unknown.
    Incomparable,
}

/// One step in choosing the governing edition of a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The edition in force on the day of the act governs, under the rule on law in time.
    Governs {
        offence: Date,
        reference: String,
        valid_from: Date,
        valid_to: Option<Date>,
        /// The rule's article and its place on the time of the act (`cc2014:6`, `art. 5`).
        rule: Option<(String, String)>,
    },
    /// A later edition without the part.
    NoPart { edition: Edition, part: String },
    /// A later edition compared with the governing one.
    Compared {
        edition: Edition,
        part: String,
        /// Reached through renumbering; parts matched by number.
        renumbered: bool,
        verdict: Verdict,
    },
}

impl Step {
    /// The step in words.
    pub fn say(&self, lang: Lang, rule: Option<&TimeRule>) -> String {
        let rule_name = rule.map_or_else(
            || tr(lang, "applicable-the-rule", &[]),
            |r| r.reference.clone(),
        );
        let edition = |e: &Edition| {
            tr(
                lang,
                "applicable-edition",
                &[
                    ("ref", &e.reference),
                    ("from", &e.from.to_string()),
                    ("act", &e.act),
                ],
            )
        };
        match self {
            Step::Governs {
                offence,
                reference,
                valid_from,
                valid_to,
                rule,
            } => {
                let to = valid_to.map_or_else(|| tr(lang, "in-force-open", &[]), |d| d.to_string());
                let how = match rule {
                    Some((r, t)) => format!("{r} / {}", prose::article(lang, t)),
                    None => tr(lang, "applicable-the-rule", &[]),
                };
                tr(
                    lang,
                    "applicable-governs",
                    &[
                        ("offence", &offence.to_string()),
                        ("ref", reference),
                        ("from", &valid_from.to_string()),
                        ("to", &to),
                        ("rule", &how),
                    ],
                )
            }
            Step::NoPart { edition: e, part } => tr(
                lang,
                "applicable-no-part",
                &[
                    ("ref", &e.reference),
                    ("from", &e.from.to_string()),
                    ("part", part),
                ],
            ),
            Step::Compared {
                edition: e,
                part,
                renumbered,
                verdict,
            } => {
                let cross = if *renumbered {
                    tr(lang, "applicable-renumbered", &[])
                } else {
                    String::new()
                };
                let label = edition(e);
                let args = |now: &Penalty, was: &Penalty, rp: &str| {
                    [
                        ("edition", label.clone()),
                        ("part", part.clone()),
                        ("cross", cross.clone()),
                        ("now", prose::penalty(lang, now)),
                        ("was", prose::penalty(lang, was)),
                        ("rule", format!("{rule_name}({rp})")),
                    ]
                };
                let say = |id: &str, a: &[(&str, String)]| {
                    let a: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    tr(lang, id, &a)
                };
                match verdict {
                    Verdict::Milder {
                        now,
                        was,
                        rule_part,
                    } => say("applicable-milder", &args(now, was, rule_part)),
                    Verdict::Harsher {
                        now,
                        was,
                        rule_part,
                    } => say("applicable-harsher", &args(now, was, rule_part)),
                    Verdict::Same => say(
                        "applicable-same",
                        &[("edition", label), ("part", part.clone()), ("cross", cross)],
                    ),
                    Verdict::Incomparable => say("applicable-incomparable", &[("edition", label)]),
                }
            }
        }
    }
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
    let mut parts = Vec::new();
    for part in &base.parts {
        let mut steps = vec![Step::Governs {
            offence,
            reference: start.reference(),
            valid_from: base.valid_from,
            valid_to: base.valid_to,
            rule: rule
                .as_ref()
                .map(|r| (r.reference.clone(), r.time_of_act.clone())),
        }];
        let mut best = (pi, at_offence);
        for &(p, vi) in candidates.iter().filter(|c| **c != (pi, at_offence)) {
            let prov = law.provision(p);
            let v = &prov.versions[vi];
            if v.valid_from <= base.valid_from && p == pi {
                continue;
            }
            let edition = Edition {
                reference: prov.reference(),
                from: v.valid_from,
                act: v.enacted_by.clone(),
            };
            let Some(later) = v.parts.iter().find(|x| x.part == part.part) else {
                steps.push(Step::NoPart {
                    edition,
                    part: part.part.clone(),
                });
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
            let verdict = match milder(a, b) {
                Some(Ordering::Less) => {
                    best = (p, vi);
                    Verdict::Milder {
                        now: Box::new(a.clone()),
                        was: Box::new(b.clone()),
                        rule_part: rule
                            .as_ref()
                            .map_or("1".into(), |r| r.milder_reaches_back.clone()),
                    }
                }
                Some(Ordering::Greater) => Verdict::Harsher {
                    now: Box::new(a.clone()),
                    was: Box::new(b.clone()),
                    rule_part: rule
                        .as_ref()
                        .map_or("3".into(), |r| r.harsher_never.clone()),
                },
                Some(Ordering::Equal) => Verdict::Same,
                None => Verdict::Incomparable,
            };
            steps.push(Step::Compared {
                edition,
                part: part.part.clone(),
                renumbered: p != pi,
                verdict,
            });
        }
        let (bp, bv) = best;
        let prov = law.provision(bp);
        let v = &prov.versions[bv];
        let governing_part = v.parts.iter().find(|x| x.part == part.part).unwrap_or(part);
        parts.push(PartOutcome {
            part: part.part.clone(),
            governing: candidate(prov, v),
            penalty: governing_part.penalty.as_ref().map(PenaltyView::of),
            reasons: steps
                .iter()
                .map(|s| s.say(Lang::En, rule.as_ref()))
                .collect(),
            steps,
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
