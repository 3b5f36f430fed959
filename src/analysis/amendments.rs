//! Whole-code questions over amending acts: what one act changed (`act 292-VI`: articles,
//! parts, penalty up or down, before and after), and which articles changed most often in a
//! span of years (`amended --from 2020 --to 2025`). Pure functions of the law.

use crate::exec::{PartDiff, diff_parts};
use crate::graph::Law;
use crate::model::{Date, Version};
use crate::query::When;
use crate::view::ActView;
use serde::Serialize;

/// One edition an act gave a provision.
#[derive(Debug, Clone, Serialize)]
pub struct ActChange {
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub act: String,
    /// `enacted` (the act made this edition) or `amended` (folded into it).
    pub role: &'static str,
    pub valid_from: String,
    pub valid_to: Option<String>,
    /// Parts added, removed or changed against the previous edition.
    pub parts: Vec<PartDiff>,
    /// Largest maximum imprisonment before and after, in months.
    pub before_max_months: Option<u32>,
    pub after_max_months: Option<u32>,
    /// `up`, `down`, `same`, `new` (no earlier edition) or `unknown`.
    pub penalty: &'static str,
}

/// The acts a number names, and every edition they gave. Numbers match without regard to
/// case or to Cyrillic look-alike letters (`292-VІ`).
pub fn act_changes(law: &Law, number: &str) -> (Vec<ActView>, Vec<ActChange>) {
    let want = crate::import::edition::normalise_number(number).to_uppercase();
    let acts: Vec<&crate::model::Act> = law
        .acts()
        .filter(|a| {
            crate::import::edition::normalise_number(&a.number).to_uppercase() == want
                || a.id.eq_ignore_ascii_case(number)
        })
        .collect();
    let ids: Vec<&str> = acts.iter().map(|a| a.id.as_str()).collect();
    let mut out = Vec::new();
    for p in law.provisions() {
        for (vi, v) in p.versions.iter().enumerate() {
            let role = if ids.contains(&v.enacted_by.as_str()) {
                "enacted"
            } else if v.amended_by.iter().any(|a| ids.contains(&a.as_str())) {
                "amended"
            } else {
                continue;
            };
            let act = if role == "enacted" {
                v.enacted_by.clone()
            } else {
                v.amended_by
                    .iter()
                    .find(|a| ids.contains(&a.as_str()))
                    .cloned()
                    .unwrap_or_default()
            };
            let prev = vi.checked_sub(1).map(|i| &p.versions[i]);
            let parts: Vec<PartDiff> = match prev {
                Some(old) => diff_parts(old, v)
                    .into_iter()
                    .filter(|d| d.status != "unchanged")
                    .collect(),
                None => Vec::new(),
            };
            let before = prev.and_then(Version::max_imprisonment_months);
            let after = v.max_imprisonment_months();
            let penalty = match (prev, before, after) {
                (None, _, _) => "new",
                (Some(_), Some(b), Some(a)) if a > b => "up",
                (Some(_), Some(b), Some(a)) if a < b => "down",
                (Some(_), Some(_), Some(_)) => "same",
                (Some(_), None, None) => "same",
                _ => "unknown",
            };
            out.push(ActChange {
                reference: p.reference(),
                title: v.title.clone(),
                act,
                role,
                valid_from: v.valid_from.to_string(),
                valid_to: v.valid_to.map(|d| d.to_string()),
                parts,
                before_max_months: before,
                after_max_months: after,
                penalty,
            });
        }
    }
    out.sort_by(|a, b| {
        (
            a.reference.split(':').next(),
            article_order(&a.reference),
            &a.valid_from,
        )
            .cmp(&(
                b.reference.split(':').next(),
                article_order(&b.reference),
                &b.valid_from,
            ))
    });
    (acts.into_iter().map(ActView::of).collect(), out)
}

fn article_order(reference: &str) -> (u32, u32, String) {
    crate::exec::article_key(reference.split(':').nth(1).unwrap_or_default())
}

/// A provision and how often it changed in the window.
#[derive(Debug, Clone, Serialize)]
pub struct AmendedRow {
    pub rank: usize,
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    /// New editions that started in the window (the original text does not count).
    pub changes: usize,
    pub dates: Vec<String>,
    pub acts: Vec<String>,
}

/// Provisions ranked by the editions that started in `window`, most first; ties by
/// reference. At most `limit` rows.
pub fn amended(law: &Law, window: &When, limit: usize) -> Vec<AmendedRow> {
    let mut rows: Vec<AmendedRow> = Vec::new();
    for p in law.provisions() {
        let starts: Vec<&Version> = p
            .versions
            .iter()
            .skip(1)
            .filter(|v| in_window(v.valid_from, window))
            .collect();
        if starts.is_empty() {
            continue;
        }
        let mut acts: Vec<String> = Vec::new();
        for v in &starts {
            if !acts.contains(&v.enacted_by) {
                acts.push(v.enacted_by.clone());
            }
        }
        rows.push(AmendedRow {
            rank: 0,
            reference: p.reference(),
            title: starts.last().map(|v| v.title.clone()).unwrap_or_default(),
            changes: starts.len(),
            dates: starts.iter().map(|v| v.valid_from.to_string()).collect(),
            acts,
        });
    }
    rows.sort_by(|a, b| {
        b.changes
            .cmp(&a.changes)
            .then_with(|| {
                a.reference
                    .split(':')
                    .next()
                    .cmp(&b.reference.split(':').next())
            })
            .then_with(|| article_order(&a.reference).cmp(&article_order(&b.reference)))
    });
    rows.truncate(limit);
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i + 1;
    }
    rows
}

fn in_window(d: Date, w: &When) -> bool {
    d >= w.from && d <= w.to
}
