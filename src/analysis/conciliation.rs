//! Release on reconciliation: for a part of an offence on a date, whether the court must or
//! may release, or whether an exclusion or the gravity category shuts the route, with the
//! chain of reasons (gravity -> rule -> exclusion), each step naming the edition it used.

use super::gravity::GravityWhy;
use super::gravity::{self, PartGravity};
use crate::graph::Law;
use crate::lang::i18n::{Lang, tr};
use crate::lang::{phrases, prose};
use crate::model::{Date, Eligibility, Exclusion, Part, Provision, Rules};
use crate::query::Ref;
use serde::Serialize;

/// The reconciliation article edition applied.
pub type RuleRef = crate::view::EditionRef;

/// A route to release that applies.
#[derive(Debug, Clone, Serialize)]
pub struct Route {
    /// `mandatory` (the court must release) or `discretionary` (it may).
    pub kind: &'static str,
    pub part: String,
    pub offenders: Option<String>,
    pub conditions: Vec<String>,
}

/// An exclusion that reaches the part, wholly or in some cases.
#[derive(Debug, Clone, Serialize)]
pub struct ExclusionHit {
    /// The numbered part stating the exclusion; `null` when an unnumbered paragraph does.
    pub part: Option<String>,
    /// The part that unnumbered paragraph follows (`null` for a numbered part).
    pub after_part: Option<String>,
    pub item: Option<String>,
    pub what: String,
    /// Why it reaches only some cases (an item of the part, a victim's age...); `null` = all.
    pub only_where: Option<String>,
    pub confidence: String,
    /// `only_where` as data.
    #[serde(skip)]
    pub only: Option<Only>,
}

/// The cases an exclusion reaches when it does not reach the whole part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Only {
    /// Where an item of the part applies (its features, when the data has them).
    Item {
        item: String,
        features: Option<String>,
    },
    /// Cases the data describes in words (a victim's age...).
    Cases(String),
}

impl Only {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            Only::Item { item, features } => {
                let base = tr(lang, "only-item", &[("item", item)]);
                // The item's features are data prose in English; other languages name the
                // item only.
                match (features, lang) {
                    (Some(f), Lang::En) => format!("{base}: {f}"),
                    _ => base,
                }
            }
            Only::Cases(w) => phrases::say(lang, w),
        }
    }
}

/// An edition of the reconciliation article named in a reason: `cc2014:68 [2015-01-01 – in
/// force]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleName {
    pub reference: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
}

impl RuleName {
    pub fn say(&self, lang: Lang) -> String {
        let to = self
            .valid_to
            .clone()
            .unwrap_or_else(|| tr(lang, "in-force-open", &[]));
        format!("{} [{} – {to}]", self.reference, self.valid_from)
    }
}

/// One step of the reasoning on a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The part's gravity category.
    Gravity(GravityWhy),
    /// The data has no reconciliation article for the code on the day.
    NoRule { code: String, day: Date },
    /// An exclusion reaches the part, wholly (`only: None`) or in some cases.
    Excluded {
        only: Option<Only>,
        what: String,
        /// The article's place stating it: `cc2014:68(4)`, or the paragraph after a part.
        rule: String,
        part: Option<String>,
        after_part: Option<String>,
        item: Option<String>,
        grade: String,
    },
    /// A route to release the part's category qualifies for.
    Release {
        mandatory: bool,
        offenders: Option<String>,
        rule: RuleName,
        part: String,
        conditions: Vec<String>,
    },
    /// The article gives the category no route.
    NoRelease { rule: RuleName, category: String },
}

impl Step {
    /// The step in words.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            Step::Gravity(g) => tr(lang, "step-gravity", &[("why", &g.say(lang))]),
            Step::NoRule { code, day } => tr(
                lang,
                "step-no-reconciliation-rule",
                &[("code", code), ("day", &day.to_string())],
            ),
            Step::Excluded {
                only,
                what,
                rule,
                part,
                after_part,
                item,
                grade,
            } => {
                let mut at = match (part, after_part) {
                    (Some(pt), _) => format!("{rule}({pt})"),
                    (None, Some(a)) => format!(
                        "{rule}, {}",
                        tr(lang, "place-paragraph-after", &[("part", a)])
                    ),
                    (None, None) => format!("{rule}, {}", tr(lang, "place-unplaced", &[])),
                };
                if let Some(i) = item {
                    at.push(' ');
                    at.push_str(&tr(lang, "place-item", &[("item", i)]));
                }
                let what = phrases::say(lang, what);
                match only {
                    None => tr(
                        lang,
                        "step-excluded",
                        &[("what", &what), ("at", &at), ("grade", grade)],
                    ),
                    Some(o) => tr(
                        lang,
                        "step-excluded-where",
                        &[
                            ("where", &o.say(lang)),
                            ("what", &what),
                            ("at", &at),
                            ("grade", grade),
                        ],
                    ),
                }
            }
            Step::Release {
                mandatory,
                offenders,
                rule,
                part,
                conditions,
            } => {
                let id = match (mandatory, offenders) {
                    (true, None) => "step-release-must",
                    (true, Some(_)) => "step-release-must-for",
                    (false, None) => "step-release-may",
                    (false, Some(_)) => "step-release-may-for",
                };
                tr(
                    lang,
                    id,
                    &[
                        (
                            "who",
                            &phrases::say(lang, offenders.as_deref().unwrap_or_default()),
                        ),
                        ("rule", &rule.say(lang)),
                        ("part", part),
                        ("conditions", &phrases::say_all(lang, conditions).join(", ")),
                    ],
                )
            }
            Step::NoRelease { rule, category } => {
                let cat = match lang {
                    Lang::En => category.clone(),
                    _ => prose::category(lang, category, category),
                };
                tr(
                    lang,
                    "step-no-release",
                    &[("rule", &rule.say(lang)), ("category", &cat)],
                )
            }
        }
    }
}

/// The verdict for one part.
#[derive(Debug, Clone, Serialize)]
pub struct PartConciliation {
    pub part: String,
    /// `mandatory`, `discretionary`, `excluded`, `not-eligible` or `unknown`.
    pub status: &'static str,
    pub gravity: PartGravity,
    pub rule: Option<RuleRef>,
    /// Every route the part's category qualifies for, mandatory first.
    pub routes: Vec<Route>,
    pub exclusions: Vec<ExclusionHit>,
    /// The reasoning, step by step: [`Step`]s in English.
    pub reasons: Vec<String>,
    /// The reasoning as data.
    #[serde(skip)]
    pub steps: Vec<Step>,
}

impl PartConciliation {
    /// Open to release in at least some cases.
    pub fn is_open(&self) -> bool {
        matches!(self.status, "mandatory" | "discretionary")
    }
}

/// The reconciliation rules of `code` in force on `day`.
pub fn rule_on<'a>(
    law: &'a Law,
    code: &str,
    day: Date,
) -> Option<(RuleRef, &'a crate::model::ReconciliationRules)> {
    let (p, v, rules) = law.rule_in_force(code, day, |r| match r {
        Rules::Reconciliation(x) => Some(x),
        _ => None,
    })?;
    let used = RuleRef::of(p, v);
    Some((used, rules))
}

/// How an exclusion reaches a part.
enum Reach {
    Whole,
    /// Only where an item of the part applies.
    Item(String),
    /// Only in cases the data describes (a victim's age...).
    Only(String),
}

fn reach(x: &Exclusion, p: &Provision, part: &Part) -> Option<Reach> {
    x.refs.iter().find_map(|r| {
        let r = Ref::parse_compact(r).ok()?;
        if r.article_ref()? != p.reference() {
            return None;
        }
        let whole = || Some(x.only_where.clone().map_or(Reach::Whole, Reach::Only));
        match (&r.part, &r.item) {
            (None, _) => whole(),
            (Some(pt), None) if *pt == part.part => whole(),
            (Some(pt), Some(item)) if *pt == part.part => Some(Reach::Item(item.clone())),
            _ => None,
        }
    })
}

fn route(kind: &'static str, e: &Eligibility) -> Route {
    Route {
        kind,
        part: e.part.clone(),
        offenders: e.offenders.clone(),
        conditions: e.conditions.clone(),
    }
}

/// Evaluates one part of an offence edition on `day`. `focus` narrows the question to one
/// item of the part (e.g. 125(3)(2), kidnapping for exploitation), so an exclusion of that
/// item counts as whole.
pub fn evaluate(
    law: &Law,
    p: &Provision,
    part: &Part,
    day: Date,
    focus: Option<&str>,
) -> PartConciliation {
    let mut steps = Vec::new();
    let grav = gravity::rule_on(law, &p.code, day);
    let g = match &grav {
        Some((used, cats)) => gravity::classify(part, used, cats),
        None => PartGravity::uncategorised(
            &part.part,
            "intentional",
            false,
            None,
            GravityWhy::NoRule {
                code: p.code.clone(),
                day,
            },
        ),
    };
    steps.push(Step::Gravity(g.why.clone()));
    let Some((rule, rules)) = rule_on(law, &p.code, day) else {
        steps.push(Step::NoRule {
            code: p.code.clone(),
            day,
        });
        return PartConciliation::new(part, "unknown", g, None, vec![], vec![], steps);
    };
    let rule_name = RuleName {
        reference: rule.reference.clone(),
        valid_from: rule.valid_from.clone(),
        valid_to: rule.valid_to.clone(),
    };
    let mut exclusions = Vec::new();
    let mut whole = false;
    for x in &rules.exclusions {
        let Some(r) = reach(x, p, part) else { continue };
        let only = match r {
            Reach::Whole => None,
            Reach::Item(i) if focus == Some(i.as_str()) => None,
            Reach::Item(i) => {
                let features = part
                    .items
                    .iter()
                    .find(|it| it.item == i)
                    .map(|it| it.features.clone());
                Some(Only::Item { item: i, features })
            }
            Reach::Only(w) => Some(Only::Cases(w)),
        };
        steps.push(Step::Excluded {
            only: only.clone(),
            what: x.what.clone(),
            rule: rule.reference.clone(),
            part: x.part.clone(),
            after_part: x.after_part.clone(),
            item: x.item.clone(),
            grade: x.confidence.to_string(),
        });
        whole |= only.is_none();
        exclusions.push(ExclusionHit {
            part: x.part.clone(),
            after_part: x.after_part.clone(),
            item: x.item.clone(),
            what: x.what.clone(),
            only_where: only.as_ref().map(|o| o.say(Lang::En)),
            confidence: x.confidence.to_string(),
            only,
        });
    }
    let Some(cat) = g.category.clone() else {
        let status = if whole { "excluded" } else { "unknown" };
        return PartConciliation::new(part, status, g, Some(rule), vec![], exclusions, steps);
    };
    let mut routes: Vec<Route> = rules
        .mandatory
        .iter()
        .filter(|e| e.categories.contains(&cat))
        .map(|e| route("mandatory", e))
        .collect();
    routes.extend(
        rules
            .discretionary
            .iter()
            .filter(|e| e.categories.contains(&cat))
            .map(|e| route("discretionary", e)),
    );
    for r in &routes {
        steps.push(Step::Release {
            mandatory: r.kind == "mandatory",
            offenders: r.offenders.clone(),
            rule: rule_name.clone(),
            part: r.part.clone(),
            conditions: r.conditions.clone(),
        });
    }
    if routes.is_empty() {
        steps.push(Step::NoRelease {
            rule: rule_name,
            category: cat,
        });
    }
    let status = if whole {
        "excluded"
    } else if routes.iter().any(|r| r.kind == "mandatory") {
        "mandatory"
    } else if !routes.is_empty() {
        "discretionary"
    } else {
        "not-eligible"
    };
    PartConciliation::new(part, status, g, Some(rule), routes, exclusions, steps)
}

impl PartConciliation {
    fn new(
        part: &Part,
        status: &'static str,
        gravity: PartGravity,
        rule: Option<RuleRef>,
        routes: Vec<Route>,
        exclusions: Vec<ExclusionHit>,
        steps: Vec<Step>,
    ) -> PartConciliation {
        PartConciliation {
            part: part.part.clone(),
            status,
            gravity,
            rule,
            routes,
            exclusions,
            reasons: steps.iter().map(|s| s.say(Lang::En)).collect(),
            steps,
        }
    }
}
