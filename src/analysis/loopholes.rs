//! The loophole finder: which trafficking-related offence parts a case could still be closed
//! through reconciliation on a date, and year by year how that set narrowed and why.

use super::conciliation::{self, PartConciliation};
use crate::graph::Law;
use crate::lang::i18n::{Lang, tr};
use crate::lang::prose;
use crate::model::{Date, Rules};
use crate::query::Ref;
use serde::Serialize;
use std::collections::BTreeMap;

/// Which list decided what counts as trafficking-related.
#[derive(Debug, Clone, Serialize)]
pub struct ListUsed {
    /// `code-list` (the code's own list) or `topic` (our vocabulary).
    pub kind: &'static str,
    /// The provision edition holding the code's list, or the topic id.
    pub from: String,
    pub refs: Vec<String>,
}

/// One offence part and its reconciliation verdict.
#[derive(Debug, Clone, Serialize)]
pub struct PartStatus {
    #[serde(rename = "ref")]
    pub reference: String,
    pub code: String,
    pub article: String,
    pub part: String,
    /// Set when only an item of the part is trafficking-related (e.g. 125(3)(b)).
    pub item: Option<String>,
    pub title: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub enacted_by: String,
    pub conciliation: PartConciliation,
    /// Stable across renumbering: the oldest provision in the lineage, plus the part.
    pub lineage_key: String,
}

/// The trafficking-related list in force for `code` on `day`, if the code has one.
fn code_list(law: &Law, code: &str, day: Date) -> Option<ListUsed> {
    let (p, v, refs) = law.rule_in_force(code, day, |r| match r {
        Rules::TraffickingList(refs) => Some(refs),
        _ => None,
    })?;
    let until = v.valid_to.map_or("in force".into(), |d| d.to_string());
    Some(ListUsed {
        kind: "code-list",
        from: format!("{} [{} – {until}]", p.reference(), v.valid_from),
        refs: refs.clone(),
    })
}

fn lineage_key(law: &Law, pi: usize, part: &str) -> String {
    let chain = law.lineage(pi);
    let root = chain.first().map_or(pi, |(p, _)| *p);
    format!("{}.{part}", law.provision(root).reference())
}

/// Every trafficking-related part in force on `day`, with its verdict. `topic` replaces the
/// code's list by a topic of the vocabulary.
pub fn parts_on(law: &Law, day: Date, topic: Option<&str>) -> (Vec<ListUsed>, Vec<PartStatus>) {
    let mut lists = Vec::new();
    let mut out = Vec::new();
    for code in law.codes_during(&crate::query::When::day(day)) {
        let list = match topic {
            None => code_list(law, &code.id, day),
            Some(_) => None,
        };
        let closure = match (&list, topic) {
            (Some(_), _) => Vec::new(),
            (None, t) => law
                .topic_closure(t.unwrap_or("trafficking"))
                .map(|(_, c)| c)
                .unwrap_or_default(),
        };
        let used = list.clone().unwrap_or_else(|| ListUsed {
            kind: "topic",
            from: topic.unwrap_or("trafficking").to_string(),
            refs: Vec::new(),
        });
        for (pi, p) in law
            .provisions()
            .enumerate()
            .filter(|(_, p)| p.code == code.id)
        {
            if p.kind != crate::model::ProvisionKind::Offence {
                continue;
            }
            let Some(vi) = law.version_on(pi, day) else {
                continue;
            };
            let v = &p.versions[vi];
            for part in &v.parts {
                // (included?, item restriction)
                let hit: Option<Option<String>> = match &list {
                    Some(l) => l.refs.iter().find_map(|r| {
                        let r = Ref::parse_compact(r).ok()?;
                        if r.article_ref()? != p.reference() {
                            return None;
                        }
                        match (&r.part, &r.item) {
                            (None, _) => Some(None),
                            (Some(pt), item) if *pt == part.part => Some(item.clone()),
                            _ => None,
                        }
                    }),
                    None => {
                        let tagged = |ts: &[String]| ts.iter().any(|t| closure.contains(t));
                        if tagged(&v.topics) || tagged(&part.topics) {
                            Some(None)
                        } else {
                            part.items
                                .iter()
                                .find(|i| tagged(&i.topics))
                                .map(|i| Some(i.item.clone()))
                        }
                    }
                };
                let Some(item) = hit else { continue };
                let verdict = conciliation::evaluate(law, p, part, day, item.as_deref());
                out.push(PartStatus {
                    reference: p.reference(),
                    code: p.code.clone(),
                    article: p.article.clone(),
                    part: part.part.clone(),
                    item,
                    title: v.title.clone(),
                    valid_from: v.valid_from.to_string(),
                    valid_to: v.valid_to.map(|d| d.to_string()),
                    enacted_by: v.enacted_by.clone(),
                    conciliation: verdict,
                    lineage_key: lineage_key(law, pi, &part.part),
                });
            }
        }
        lists.push(used);
    }
    out.sort_by(|a, b| {
        (crate::compare::article_key(&a.article), a.part.clone())
            .cmp(&(crate::compare::article_key(&b.article), b.part.clone()))
    });
    (lists, out)
}

/// One year of the narrowing view.
#[derive(Debug, Clone, Serialize)]
pub struct YearRow {
    pub year: i32,
    /// The day the year is judged on (31 December, or today for the current year).
    pub as_of: String,
    pub related_parts: usize,
    pub mandatory: usize,
    pub discretionary: usize,
    pub open: Vec<String>,
    /// Parts open at the end of the previous year and closed by this year's end, and why.
    pub closed: Vec<Closure>,
    /// Parts still open but only at the court's discretion where release had been mandatory.
    pub narrowed: Vec<Closure>,
    /// Parts that became open this year.
    pub opened: Vec<String>,
    pub lists: Vec<ListUsed>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Closure {
    pub part: String,
    /// `exclusion`, `penalty-increase` or `off-list`.
    pub how: &'static str,
    /// [`ClosureWhy`] in English.
    pub why: String,
    /// The act that closed it.
    pub act: String,
    /// The reason as data.
    #[serde(skip)]
    pub reason: ClosureWhy,
}

/// Why a part open the year before is closed (or narrowed) now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosureWhy {
    /// An exclusion of the reconciliation article (what it names, the article, the grade).
    Exclusion {
        what: Option<String>,
        rule: Option<String>,
        grade: Option<String>,
    },
    /// A higher maximum moved the part into another gravity category.
    PenaltyIncrease {
        old_max: Option<u32>,
        new_max: Option<u32>,
        old_category: Option<(String, String)>,
        new_category: Option<(String, String)>,
    },
    /// The part is no longer in force or no longer on the list in use.
    OffList,
}

impl ClosureWhy {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            ClosureWhy::Exclusion { what, rule, grade } => tr(
                lang,
                "closure-exclusion",
                &[
                    (
                        "what",
                        &what.as_deref().map_or_else(
                            || tr(lang, "closure-an-exclusion", &[]),
                            |w| crate::lang::phrases::say(lang, w),
                        ),
                    ),
                    (
                        "rule",
                        &rule
                            .clone()
                            .unwrap_or_else(|| tr(lang, "closure-the-article", &[])),
                    ),
                    ("grade", grade.as_deref().unwrap_or("?")),
                ],
            ),
            ClosureWhy::PenaltyIncrease {
                old_max,
                new_max,
                old_category,
                new_category,
            } => {
                let m = |x: &Option<u32>| {
                    x.map_or("?".into(), |m| {
                        prose::months(lang, m, prose::Case::Nominative)
                    })
                };
                let c = |x: &Option<(String, String)>| {
                    x.as_ref().map_or(String::new(), |(id, label)| {
                        prose::category(lang, id, label)
                    })
                };
                tr(
                    lang,
                    "closure-penalty-increase",
                    &[
                        ("old", &m(old_max)),
                        ("new", &m(new_max)),
                        ("was", &c(old_category)),
                        ("now", &c(new_category)),
                    ],
                )
            }
            ClosureWhy::OffList => tr(lang, "closure-off-list", &[]),
        }
    }
}

impl Closure {
    fn new(part: String, how: &'static str, reason: ClosureWhy, act: String) -> Closure {
        Closure {
            part,
            how,
            why: reason.say(Lang::En),
            act,
            reason,
        }
    }
}

fn label(s: &PartStatus) -> String {
    match &s.item {
        Some(i) => format!("{}.{}.{i}", s.reference, s.part),
        None => format!("{}.{}", s.reference, s.part),
    }
}

/// Year by year from `from` to `to`, each judged on 31 December (or `today`).
pub fn years(law: &Law, from: i32, to: i32, today: Date, topic: Option<&str>) -> Vec<YearRow> {
    let mut rows = Vec::new();
    let mut prev: Option<BTreeMap<String, PartStatus>> = None;
    for year in from..=to {
        let Some(end) = Date::from_ymd_opt(year, 12, 31) else {
            continue;
        };
        let day = end.min(today);
        let (lists, parts) = parts_on(law, day, topic);
        let now: BTreeMap<String, PartStatus> = parts
            .into_iter()
            .map(|p| (p.lineage_key.clone(), p))
            .collect();
        let open: Vec<&PartStatus> = now.values().filter(|p| p.conciliation.is_open()).collect();
        let mut closed = Vec::new();
        let mut narrowed = Vec::new();
        let mut opened = Vec::new();
        if let Some(before) = &prev {
            for (key, old) in before.iter().filter(|(_, p)| p.conciliation.is_open()) {
                match now.get(key) {
                    Some(new)
                        if old.conciliation.status == "mandatory"
                            && new.conciliation.status == "discretionary" =>
                    {
                        narrowed.push(closure(old, new))
                    }
                    Some(new) if new.conciliation.is_open() => {}
                    Some(new) => closed.push(closure(old, new)),
                    None => closed.push(Closure::new(
                        label(old),
                        "off-list",
                        ClosureWhy::OffList,
                        String::new(),
                    )),
                }
            }
            for (key, new) in now.iter().filter(|(_, p)| p.conciliation.is_open()) {
                if !before.get(key).is_some_and(|o| o.conciliation.is_open()) {
                    opened.push(label(new));
                }
            }
        }
        rows.push(YearRow {
            year,
            as_of: day.to_string(),
            related_parts: now.len(),
            mandatory: open
                .iter()
                .filter(|p| p.conciliation.status == "mandatory")
                .count(),
            discretionary: open
                .iter()
                .filter(|p| p.conciliation.status == "discretionary")
                .count(),
            open: open.iter().map(|p| label(p)).collect(),
            closed,
            narrowed,
            opened,
            lists,
        });
        prev = Some(now);
    }
    rows
}

/// Why a part that was open is now closed: an exclusion, or a higher gravity category.
fn closure(old: &PartStatus, new: &PartStatus) -> Closure {
    let c = &new.conciliation;
    if c.status == "excluded" {
        let hit = c.exclusions.iter().find(|x| x.only_where.is_none());
        let rule = c.rule.as_ref();
        return Closure::new(
            label(new),
            "exclusion",
            ClosureWhy::Exclusion {
                what: hit.map(|x| x.what.clone()),
                rule: rule.map(|r| r.reference.clone()),
                grade: hit.map(|x| x.confidence.clone()),
            },
            rule.map_or(String::new(), |r| r.enacted_by.clone()),
        );
    }
    let category = |g: &super::gravity::PartGravity| {
        g.label
            .clone()
            .map(|l| (g.category.clone().unwrap_or_default(), l))
    };
    Closure::new(
        label(new),
        "penalty-increase",
        ClosureWhy::PenaltyIncrease {
            old_max: old.conciliation.gravity.max_imprisonment_months,
            new_max: c.gravity.max_imprisonment_months,
            old_category: category(&old.conciliation.gravity),
            new_category: category(&c.gravity),
        },
        new.enacted_by.clone(),
    )
}
