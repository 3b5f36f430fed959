//! Release on reconciliation: for a part of an offence on a date, whether the court must or
//! may release, or whether an exclusion or the gravity category shuts the route, with the
//! chain of reasons (gravity -> rule -> exclusion), each step naming the edition it used.

use super::gravity::{self, PartGravity};
use crate::graph::Law;
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
    /// The reasoning, step by step.
    pub reasons: Vec<String>,
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
        let r = Ref::parse(r).ok()?;
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
    let mut reasons = Vec::new();
    let grav = gravity::rule_on(law, &p.code, day);
    let g = match &grav {
        Some((used, cats)) => gravity::classify(part, used, cats),
        None => PartGravity::uncategorised(
            &part.part,
            "intentional",
            false,
            None,
            format!("no gravity rule for {} on {day}", p.code),
        ),
    };
    reasons.push(format!("gravity: {}", g.explanation));
    let Some((rule, rules)) = rule_on(law, &p.code, day) else {
        reasons.push(format!("no reconciliation rule for {} on {day}", p.code));
        return PartConciliation {
            part: part.part.clone(),
            status: "unknown",
            gravity: g,
            rule: None,
            routes: vec![],
            exclusions: vec![],
            reasons,
        };
    };
    let rule_name = format!(
        "{} [{} – {}]",
        rule.reference,
        rule.valid_from,
        rule.valid_to.as_deref().unwrap_or("in force")
    );
    let mut exclusions = Vec::new();
    let mut whole = false;
    for x in &rules.exclusions {
        let Some(r) = reach(x, p, part) else { continue };
        let only = match r {
            Reach::Whole => None,
            Reach::Item(i) if focus == Some(i.as_str()) => None,
            Reach::Item(i) => {
                let what = part
                    .items
                    .iter()
                    .find(|it| it.item == i)
                    .map_or(String::new(), |it| format!(": {}", it.features));
                Some(format!("where item {i} applies{what}"))
            }
            Reach::Only(w) => Some(w),
        };
        let mut at = match &x.part {
            Some(pt) => format!("{}({pt})", rule.reference),
            None => format!("{}, {}", rule.reference, x.place()),
        };
        if let Some(i) = &x.item {
            at.push_str(&format!(" item {i}"));
        }
        match &only {
            None => reasons.push(format!(
                "excluded: {} ({at}, grade {})",
                x.what, x.confidence
            )),
            Some(w) => reasons.push(format!(
                "excluded {w}: {} ({at}, grade {})",
                x.what, x.confidence
            )),
        }
        whole |= only.is_none();
        exclusions.push(ExclusionHit {
            part: x.part.clone(),
            after_part: x.after_part.clone(),
            item: x.item.clone(),
            what: x.what.clone(),
            only_where: only,
            confidence: x.confidence.to_string(),
        });
    }
    let Some(cat) = g.category.clone() else {
        let status = if whole { "excluded" } else { "unknown" };
        return PartConciliation {
            part: part.part.clone(),
            status,
            gravity: g,
            rule: Some(rule),
            routes: vec![],
            exclusions,
            reasons,
        };
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
        let who = r
            .offenders
            .as_deref()
            .map_or(String::new(), |o| format!(" for {o}"));
        reasons.push(format!(
            "{} release{who} under {rule_name} part {}: {}",
            r.kind,
            r.part,
            r.conditions.join(", ")
        ));
    }
    if routes.is_empty() {
        reasons.push(format!(
            "{rule_name} offers no release for the {cat} category"
        ));
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
    PartConciliation {
        part: part.part.clone(),
        status,
        gravity: g,
        rule: Some(rule),
        routes,
        exclusions,
        reasons,
    }
}
