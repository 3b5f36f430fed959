//! Gravity categories: which category each part of an offence fell in on a date, under the
//! gravity article (1997 art. 10, 2014 art. 11) in force then, with the arithmetic shown.

use crate::graph::Law;
use crate::model::{
    Date, GravityCategory, Guilt, Imprisonment, Part, Rules, Threshold, fmt_months,
};
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
    pub explanation: String,
}

impl PartGravity {
    /// A part whose category cannot be computed, with the reason.
    pub fn uncategorised(
        part: &str,
        guilt: &'static str,
        life: bool,
        max: Option<u32>,
        why: impl Into<String>,
    ) -> PartGravity {
        PartGravity {
            part: part.to_string(),
            guilt,
            max_imprisonment_months: max,
            life,
            category: None,
            label: None,
            rule_part: None,
            explanation: why.into(),
        }
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

fn describe(t: Threshold) -> String {
    match t {
        Threshold::UpTo(m) => format!("at most {}", fmt_months(m)),
        Threshold::Above(m) => format!("more than {}", fmt_months(m)),
        Threshold::Never => "never".into(),
    }
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
                "no sanction: not an offence part",
            );
        }
        Some(Imprisonment::Unknown) => {
            return PartGravity::uncategorised(
                &part.part,
                guilt,
                life,
                None,
                "maximum imprisonment unknown, so the category cannot be computed",
            );
        }
        Some(Imprisonment::None) => Some(0),
        Some(Imprisonment::Term { max, .. }) => Some(max),
    };
    // Life imprisonment (or death) exceeds every finite threshold.
    let effective = if life { None } else { max };
    let shown = match (life, max) {
        (true, _) => "life imprisonment".to_string(),
        (false, Some(0)) => "no imprisonment".to_string(),
        (false, Some(m)) => format!("max {}", fmt_months(m)),
        (false, None) => "unknown maximum".to_string(),
    };
    for c in cats {
        let t = if part.guilt == Guilt::Intentional {
            c.intentional
        } else {
            c.negligent
        };
        if t.admits(effective) {
            return PartGravity {
                part: part.part.clone(),
                guilt,
                max_imprisonment_months: max,
                life,
                category: Some(c.id.clone()),
                label: Some(c.label.clone()),
                rule_part: Some(c.part.clone()),
                explanation: format!(
                    "{shown}, {guilt} -> {} ({} for {guilt} acts, {}({}))",
                    c.label,
                    describe(t),
                    rule.reference,
                    c.part
                ),
            };
        }
    }
    PartGravity::uncategorised(
        &part.part,
        guilt,
        life,
        max,
        format!(
            "{shown}, {guilt}: no category of {} matches",
            rule.reference
        ),
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
