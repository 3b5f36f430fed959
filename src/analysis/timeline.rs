//! Timelines: the editions of one lineage or of every provision on a topic, as segments on
//! one time axis (both codes together), each with its maximum imprisonment and act.

use crate::graph::Law;
use crate::lang::i18n::{Lang, tr};
use crate::model::Date;
use crate::query::{Ref, When};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    pub valid_from: String,
    pub valid_to: Option<String>,
    /// Largest maximum imprisonment over the parts, in months (`null`: none or unknown).
    pub max_imprisonment_months: Option<u32>,
    pub life: bool,
    pub enacted_by: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub segments: Vec<Segment>,
}

/// The provisions a timeline shows: a reference's whole lineage, or every provision tagged
/// with the topic (or a narrower one) in the window.
pub fn rows(law: &Law, target: &str, window: &When) -> Option<Vec<Row>> {
    let provisions: Vec<usize> = match Ref::parse(target).ok().and_then(|r| {
        r.article_ref().and_then(|a| law.by_ref(&a)).or_else(|| {
            // A bare article: any code's provision of that number.
            law.provisions().position(|p| p.article == r.article)
        })
    }) {
        Some(pi) => law.lineage(pi).into_iter().map(|(p, _)| p).collect(),
        None => {
            let (_, closure) = law.topic_closure(target)?;
            let tagged = |ts: &[String]| ts.iter().any(|t| closure.contains(t));
            let mut v: Vec<usize> = law
                .provisions()
                .enumerate()
                .filter(|(pi, p)| {
                    law.versions_during(*pi, window).into_iter().any(|vi| {
                        let v = &p.versions[vi];
                        tagged(&v.topics)
                            || v.parts.iter().any(|pt| {
                                tagged(&pt.topics) || pt.items.iter().any(|i| tagged(&i.topics))
                            })
                    })
                })
                .map(|(pi, _)| pi)
                .collect();
            v.sort_by_key(|pi| {
                let p = law.provision(*pi);
                (p.code.clone(), crate::compare::article_key(&p.article))
            });
            v
        }
    };
    Some(
        provisions
            .into_iter()
            .map(|pi| {
                let p = law.provision(pi);
                Row {
                    reference: p.reference(),
                    title: p.subject.clone(),
                    segments: law
                        .versions_during(pi, window)
                        .into_iter()
                        .map(|vi| {
                            let v = &p.versions[vi];
                            let pens = v.parts.iter().filter_map(|pt| pt.penalty.as_ref());
                            Segment {
                                valid_from: v.valid_from.to_string(),
                                valid_to: v.valid_to.map(|d| d.to_string()),
                                max_imprisonment_months: v.max_imprisonment_months(),
                                life: pens.clone().any(|x| x.life),
                                enacted_by: v.enacted_by.clone(),
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
    )
}

/// Draws rows on one axis, `width` characters wide, in plain text (`|` marks the start of
/// an edition, i.e. an amending act; the label is the maximum imprisonment, `15y` or in the
/// language, `15л`).
pub fn draw(rows: &[Row], window: &When, width: usize, lang: Lang) -> String {
    let label_w = rows
        .iter()
        .map(|r| r.reference.len())
        .max()
        .unwrap_or(6)
        .max(6)
        + 1;
    let cols = width.saturating_sub(label_w).max(20);
    let span = (window.to - window.from).num_days().max(1) as f64;
    let col = |d: Date| -> usize {
        let d = d.clamp(window.from, window.to);
        (((d - window.from).num_days() as f64 / span) * (cols as f64 - 1.0)).round() as usize
    };
    let mut out = String::new();
    // Axis: year labels spaced so they do not collide.
    let first = chrono::Datelike::year(&window.from);
    let last = chrono::Datelike::year(&window.to);
    let years = (last - first + 1).max(1) as usize;
    let step = [1, 2, 5, 10]
        .into_iter()
        .find(|s| cols / years.div_ceil(*s) >= 6)
        .unwrap_or(10);
    let mut axis = vec![' '; cols + 6];
    for y in (first..=last).filter(|y| (y - first) as usize % step == 0) {
        if let Some(d) = Date::from_ymd_opt(y, 1, 1) {
            let c = col(d.max(window.from));
            for (i, ch) in y.to_string().chars().enumerate() {
                if c + i < axis.len() {
                    axis[c + i] = ch;
                }
            }
        }
    }
    out.push_str(&format!(
        "{:label_w$}{}\n",
        "",
        axis.iter().collect::<String>().trim_end()
    ));
    for r in rows {
        let mut line = vec![' '; cols];
        for s in &r.segments {
            let (Ok(from), to) = (
                s.valid_from.parse::<Date>(),
                s.valid_to
                    .as_deref()
                    .and_then(|t| t.parse::<Date>().ok())
                    .unwrap_or(window.to),
            ) else {
                continue;
            };
            let (c0, c1) = (col(from), col(to).max(col(from)));
            for slot in line.iter_mut().take(c1 + 1).skip(c0) {
                *slot = '-';
            }
            line[c0] = '|';
            let label = if s.life {
                tr(lang, "chart-life", &[])
            } else {
                s.max_imprisonment_months.map_or("-".into(), |m| {
                    tr(lang, "chart-years", &[("n", &(m / 12).to_string())])
                })
            };
            if c0 + 1 + label.chars().count() <= c1 {
                for (i, ch) in label.chars().enumerate() {
                    line[c0 + 1 + i] = ch;
                }
            }
        }
        out.push_str(&format!(
            "{:label_w$}{}\n",
            r.reference,
            line.iter().collect::<String>().trim_end()
        ));
    }
    out
}
