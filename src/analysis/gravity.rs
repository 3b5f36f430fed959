//! Gravity categories: which category each part of an offence fell in on a date, under the
//! gravity article (1997 art. 10, 2014 art. 11) in force then, with the arithmetic shown.

use crate::graph::Law;
use crate::lang::i18n::{Lang, tr};
use crate::lang::prose::{self, Case};
use crate::model::{Date, GravityCategory, Guilt, Imprisonment, Part, Rules, Threshold};
use crate::view::SourceView;
use serde::Serialize;

/// The gravity rule used for an answer: which edition of which article.
#[derive(Debug, Clone, Serialize)]
pub struct RuleUsed {
    #[serde(rename = "ref")]
    pub reference: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub sources: Vec<SourceView>,
}

/// The category of one part, and why.
#[derive(Debug, Clone, Serialize)]
pub struct PartGravity {
    pub part: String,
    pub guilt: &'static str,
    /// Maximum imprisonment in months; `null` with `life: true` for life or death, and
    /// `null` with `category: null` when the maximum is unknown.
    pub max_imprisonment_months: Option<u32>,
    pub life: bool,
    pub category: Option<String>,
    pub label: Option<String>,
    /// The part of the gravity article that defines the category.
    pub rule_part: Option<String>,
    /// [`GravityWhy`] in English.
    pub explanation: String,
    /// The reason as data, for wording it in another language.
    #[serde(skip)]
    pub why: GravityWhy,
}

/// The heaviest imprisonment of a part, as the classification saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heaviest {
    Life,
    NoPrison,
    Max(u32),
}

/// Why a part falls in its category, or in none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GravityWhy {
    /// The part has no sanction (a definition or a general clause).
    NoSanction,
    /// The sanction's maximum imprisonment is unknown.
    UnknownMax,
    /// The data has no gravity article for the code on the day.
    NoRule { code: String, day: Date },
    /// The category whose threshold the maximum meets.
    Category {
        heaviest: Heaviest,
        guilt: Guilt,
        category: String,
        label: String,
        threshold: Threshold,
        rule: String,
        rule_part: String,
    },
    /// No category of the rule admits the maximum.
    NoMatch {
        heaviest: Heaviest,
        guilt: Guilt,
        rule: String,
    },
}

impl GravityWhy {
    /// The reason in words.
    pub fn say(&self, lang: Lang) -> String {
        let guilt_word = |g: Guilt| match g {
            Guilt::Intentional => tr(lang, "guilt-intentional", &[]),
            Guilt::Negligent => tr(lang, "guilt-negligent", &[]),
        };
        let heaviest = |h: Heaviest| match h {
            Heaviest::Life => tr(lang, "heaviest-life", &[]),
            Heaviest::NoPrison => tr(lang, "heaviest-none", &[]),
            Heaviest::Max(m) => tr(
                lang,
                "heaviest-max",
                &[("term", &prose::months(lang, m, Case::Nominative))],
            ),
        };
        match self {
            GravityWhy::NoSanction => tr(lang, "gravity-no-sanction", &[]),
            GravityWhy::UnknownMax => tr(lang, "gravity-unknown-max", &[]),
            GravityWhy::NoRule { code, day } => tr(
                lang,
                "gravity-no-rule",
                &[("code", code), ("day", &day.to_string())],
            ),
            GravityWhy::Category {
                heaviest: h,
                guilt,
                category,
                label,
                threshold,
                rule,
                rule_part,
            } => {
                let limit = match *threshold {
                    Threshold::UpTo(m) => tr(
                        lang,
                        "threshold-up-to",
                        &[("term", &prose::months(lang, m, Case::From))],
                    ),
                    Threshold::Above(m) => tr(
                        lang,
                        "threshold-above",
                        &[("term", &prose::months(lang, m, Case::From))],
                    ),
                    Threshold::Never => tr(lang, "threshold-never", &[]),
                };
                let acts = match guilt {
                    Guilt::Intentional => "acts-intentional",
                    Guilt::Negligent => "acts-negligent",
                };
                tr(
                    lang,
                    "gravity-category",
                    &[
                        ("heaviest", &heaviest(*h)),
                        ("guilt", &guilt_word(*guilt)),
                        ("category", &prose::category(lang, category, label)),
                        ("limit", &limit),
                        ("acts", &tr(lang, acts, &[])),
                        ("rule", rule),
                        ("part", rule_part),
                    ],
                )
            }
            GravityWhy::NoMatch {
                heaviest: h,
                guilt,
                rule,
            } => tr(
                lang,
                "gravity-no-match",
                &[
                    ("heaviest", &heaviest(*h)),
                    ("guilt", &guilt_word(*guilt)),
                    ("rule", rule),
                ],
            ),
        }
    }
}

impl PartGravity {
    /// A part whose category cannot be computed, with the reason.
    pub fn uncategorised(
        part: &str,
        guilt: &'static str,
        life: bool,
        max: Option<u32>,
        why: GravityWhy,
    ) -> PartGravity {
        PartGravity {
            part: part.to_string(),
            guilt,
            max_imprisonment_months: max,
            life,
            category: None,
            label: None,
            rule_part: None,
            explanation: why.say(Lang::En),
            why,
        }
    }

    /// The category's name in the language («преступление средней тяжести»), if any.
    pub fn label_in(&self, lang: Lang) -> Option<String> {
        let label = self.label.as_deref()?;
        Some(match &self.category {
            Some(id) => prose::category(lang, id, label),
            None => label.to_string(),
        })
    }
}

/// The gravity article's categories in force on `day` for `code`.
pub fn rule_on<'a>(
    law: &'a Law,
    code: &str,
    day: Date,
) -> Option<(RuleUsed, &'a [GravityCategory])> {
    let (p, v, cats) = law.rule_in_force(code, day, |r| match r {
        Rules::Gravity(cats) => Some(cats.as_slice()),
        _ => None,
    })?;
    let used = RuleUsed {
        reference: p.reference(),
        valid_from: v.valid_from.to_string(),
        valid_to: v.valid_to.map(|d| d.to_string()),
        sources: v.sources.iter().map(|c| SourceView::of(law, c)).collect(),
    };
    Some((used, cats))
}

/// Classifies one part under the given categories.
pub fn classify(part: &Part, rule: &RuleUsed, cats: &[GravityCategory]) -> PartGravity {
    let guilt = match part.guilt {
        Guilt::Intentional => "intentional",
        Guilt::Negligent => "negligent",
    };
    let penalty = part.penalty.as_ref();
    // The death penalty of old texts counts as life imprisonment does: above every term.
    let life = penalty.is_some_and(|p| p.life || p.death);
    let max = match penalty.map(|p| p.imprisonment) {
        None => {
            return PartGravity::uncategorised(
                &part.part,
                guilt,
                life,
                None,
                GravityWhy::NoSanction,
            );
        }
        Some(Imprisonment::Unknown) => {
            return PartGravity::uncategorised(
                &part.part,
                guilt,
                life,
                None,
                GravityWhy::UnknownMax,
            );
        }
        Some(Imprisonment::None) => 0,
        Some(Imprisonment::Term { max, .. }) => max,
    };
    // Life imprisonment (or death) exceeds every finite threshold.
    let effective = if life { None } else { Some(max) };
    let heaviest = match (life, max) {
        (true, _) => Heaviest::Life,
        (false, 0) => Heaviest::NoPrison,
        (false, m) => Heaviest::Max(m),
    };
    for c in cats {
        let t = if part.guilt == Guilt::Intentional {
            c.intentional
        } else {
            c.negligent
        };
        if t.admits(effective) {
            let why = GravityWhy::Category {
                heaviest,
                guilt: part.guilt,
                category: c.id.clone(),
                label: c.label.clone(),
                threshold: t,
                rule: rule.reference.clone(),
                rule_part: c.part.clone(),
            };
            return PartGravity {
                part: part.part.clone(),
                guilt,
                max_imprisonment_months: Some(max),
                life,
                category: Some(c.id.clone()),
                label: Some(c.label.clone()),
                rule_part: Some(c.part.clone()),
                explanation: why.say(Lang::En),
                why,
            };
        }
    }
    PartGravity::uncategorised(
        &part.part,
        guilt,
        life,
        Some(max),
        GravityWhy::NoMatch {
            heaviest,
            guilt: part.guilt,
            rule: rule.reference.clone(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_admit_as_the_code_says() {
        assert!(Threshold::UpTo(60).admits(Some(60)));
        assert!(!Threshold::UpTo(60).admits(Some(61)));
        assert!(Threshold::Above(144).admits(Some(180)));
        assert!(
            Threshold::Above(144).admits(None),
            "life exceeds every threshold"
        );
        assert!(!Threshold::Never.admits(Some(1)));
    }
}
