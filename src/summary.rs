//! Corpus summaries against the data: the sanction sentence a summary gives for a penalty,
//! and the check that each `Part N:` (and `After part N:`) paragraph of a summary names a
//! part of its edition, repeats its features, and states its sanction as the RON data has it.
//!
//! The RON data is the one source of truth; a summary line that drifts from it is an error
//! whose hint is the sentence generated from the data, so fixing it is a copy.

use crate::model::{Confiscation, FineUnit, Imprisonment, Part, Penalty, Version};

/// A paragraph of a summary that disagrees with the data: 1-based line and column, width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The part of the edition the paragraph describes, when it names one the edition has.
    pub part: Option<String>,
    /// What of that part differs: `penalty`, `features`, or empty for the whole part.
    pub field: &'static str,
    pub line: usize,
    pub col: usize,
    pub width: usize,
    pub message: String,
    pub hint: String,
}

/// `5 years`, `1 year`, `6 months`, `2 years 6 months`.
fn duration(months: u32) -> String {
    let plural = |n: u32, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    match (months / 12, months % 12) {
        (0, m) => plural(m, "month", "months"),
        (y, 0) => plural(y, "year", "years"),
        (y, m) => format!(
            "{} {}",
            plural(y, "year", "years"),
            plural(m, "month", "months")
        ),
    }
}

/// The sanction as the summaries word it: `up to 5 years in prison, or a fine of up to 2000
/// monthly calculation indices, with mandatory confiscation of property.`
pub fn sanction_sentence(p: &Penalty) -> String {
    let nothing_known = p.imprisonment == Imprisonment::Unknown
        && p.fines.is_empty()
        && p.other.is_empty()
        && !p.life
        && !p.death
        && p.measures.is_empty()
        && p.confiscation == Confiscation::Unknown;
    if nothing_known {
        return "a term of imprisonment no source here confirms.".into();
    }
    let mut alts: Vec<String> = Vec::new();
    match p.imprisonment {
        Imprisonment::None => {}
        Imprisonment::Unknown => alts.push("a term of imprisonment no source here confirms".into()),
        Imprisonment::Term { min: None, max } => {
            alts.push(format!("up to {} in prison", duration(max)))
        }
        Imprisonment::Term {
            min: Some(min),
            max,
        } => alts.push(format!("{} to {} in prison", duration(min), duration(max))),
    }
    if p.life {
        alts.push("life imprisonment".into());
    }
    if p.death {
        alts.push("the death penalty".into());
    }
    for f in &p.fines {
        let unit = match f.unit {
            FineUnit::Mci => " monthly calculation indices",
            FineUnit::MonthsIncome => " months of the offender's income",
            FineUnit::Multiple => " times the sum the offence names",
            FineUnit::Unknown => "",
        };
        let amount = match (f.unit, f.min, f.max) {
            (FineUnit::Unknown, _, _) | (_, None, None) => {
                "an amount no source here confirms".to_string()
            }
            (_, Some(a), Some(b)) => format!("{a}–{b}{unit}"),
            (_, None, Some(b)) => format!("up to {b}{unit}"),
            (_, Some(a), None) => format!("at least {a}{unit}"),
        };
        alts.push(format!("a fine of {amount}"));
    }
    alts.extend(p.other.iter().cloned());
    // Typed measures (imported data) in the model's own short phrases.
    alts.extend(p.measures.iter().map(|m| m.summary()));
    let mut out = if alts.is_empty() {
        "no penalty recorded".to_string()
    } else {
        alts.join(", or ")
    };
    match p.confiscation {
        Confiscation::No => {}
        Confiscation::Optional => {
            out.push_str(", with confiscation of property at the court's discretion")
        }
        Confiscation::Mandatory => out.push_str(", with mandatory confiscation of property"),
        Confiscation::Unknown => out.push_str(", with confiscation no source here confirms"),
    }
    out.push('.');
    out
}

/// A part's features as a summary repeats them: the features, then the items in brackets.
pub fn features_sentence(part: &Part) -> String {
    if part.items.is_empty() {
        return part.features.clone();
    }
    let items: Vec<String> = part
        .items
        .iter()
        .map(|i| format!("{}) {}", i.item, i.features))
        .collect();
    format!(
        "{} ({}).",
        part.features.trim_end_matches('.'),
        items.join("; ")
    )
}

/// The paragraph a summary should have for `part`.
pub fn part_paragraph(part: &Part) -> String {
    let mut s = format!("Part {}: {}", part.part, features_sentence(part));
    if let Some(p) = &part.penalty {
        s.push_str(" Sanction: ");
        s.push_str(&sanction_sentence(p));
    }
    s
}

/// Every disagreement between a summary text and its edition `v`.
pub fn verify(text: &str, v: &Version) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for (line, para) in paragraphs(text) {
        let whole = |message: String, hint: String| Mismatch {
            part: None,
            field: "",
            line,
            col: 1,
            width: para.chars().count(),
            message,
            hint,
        };
        if let Some(rest) = para.strip_prefix("After part ") {
            let Some((label, body)) = rest.split_once(": ") else {
                continue;
            };
            match v.paragraphs.iter().find(|g| g.after_part == label) {
                None => out.push(whole(
                    format!(
                        "summary describes a paragraph after part {label}, which the data lacks"
                    ),
                    "add it to the version's `paragraphs` or remove the line".into(),
                )),
                Some(g) if g.summary != body => out.push(whole(
                    format!("summary of the paragraph after part {label} differs from the data"),
                    format!("write: After part {label}: {}", g.summary),
                )),
                Some(_) => {}
            }
            continue;
        }
        let Some(rest) = para.strip_prefix("Part ") else {
            continue;
        };
        let Some((label, _)) = rest.split_once(": ") else {
            continue;
        };
        let Some(part) = v.parts.iter().find(|p| p.part == label) else {
            out.push(whole(
                format!("summary describes part {label}, which the edition does not have"),
                "describe only the edition's parts; an unnumbered paragraph is `After part N:`"
                    .into(),
            ));
            continue;
        };
        seen.push(label.to_string());
        let want = part_paragraph(part);
        if para == want {
            continue;
        }
        let (have_sanction, want_sanction) = (
            para.split_once(" Sanction: ").map(|x| x.1),
            want.split_once(" Sanction: ").map(|x| x.1),
        );
        let field = match (have_sanction, want_sanction) {
            (Some(_), Some(_)) => "features",
            (None, Some(_)) => "penalty",
            _ => "",
        };
        let message = match (have_sanction, want_sanction) {
            (Some(h), Some(w)) if h != w => {
                let col = para.len() - h.len();
                out.push(Mismatch {
                    part: Some(label.to_string()),
                    field: "penalty",
                    line,
                    col: para[..col].chars().count() + 1,
                    width: h.chars().count(),
                    message: format!(
                        "summary of part {label} states a sanction the penalty data does not: {}",
                        differing_numbers(h, w)
                    ),
                    hint: format!("the data says: Sanction: {w}"),
                });
                continue;
            }
            (None, Some(_)) => format!("summary of part {label} states no sanction"),
            (Some(_), None) => {
                format!("summary of part {label} states a sanction, but the part has no penalty")
            }
            _ => format!("summary of part {label} differs from the part's features in the data"),
        };
        out.push(Mismatch {
            part: Some(label.to_string()),
            field,
            ..whole(message, format!("write: {want}"))
        });
    }
    // A summary in prose describes no part; one that lists parts must list them all.
    for part in v.parts.iter().filter(|_| !seen.is_empty()) {
        if !seen.contains(&part.part) {
            out.push(Mismatch {
                part: Some(part.part.clone()),
                field: "",
                line: 1,
                col: 1,
                width: 1,
                message: format!("summary does not describe part {}", part.part),
                hint: format!("add the paragraph: {}", part_paragraph(part)),
            });
        }
    }
    out
}

/// The numbers of `have` that `want` does not state (or, if none, a plain note).
fn differing_numbers(have: &str, want: &str) -> String {
    let nums = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_ascii_digit() && c != ',')
            .map(|n| n.trim_matches(','))
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (h, w) = (nums(have), nums(want));
    let stale: Vec<&String> = h.iter().filter(|n| !w.contains(n)).collect();
    if stale.is_empty() {
        "the wording of the sanction differs".into()
    } else {
        let list: Vec<&str> = stale.iter().map(|s| s.as_str()).collect();
        format!("{} not in the data", list.join(", "))
    }
}

/// Blank-line separated paragraphs with the 1-based line each starts on, lines joined by
/// a space.
fn paragraphs(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, l) in text.lines().enumerate() {
        let l = l.trim();
        if l.is_empty() {
            out.extend(cur.take());
            continue;
        }
        match &mut cur {
            Some((_, s)) => {
                s.push(' ');
                s.push_str(l);
            }
            None => cur = Some((i + 1, l.to_string())),
        }
    }
    out.extend(cur);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fine;

    #[test]
    fn sentences_read_like_the_corpus() {
        let p = Penalty {
            imprisonment: Imprisonment::Term { min: None, max: 12 },
            fines: vec![Fine {
                unit: FineUnit::Mci,
                min: Some(100),
                max: Some(500),
            }],
            confiscation: Confiscation::Optional,
            other: vec!["arrest up to 6 months".into()],
            life: false,
            death: false,
            measures: vec![],
        };
        assert_eq!(
            sanction_sentence(&p),
            "up to 1 year in prison, or a fine of 100–500 monthly calculation indices, or arrest up to 6 months, with confiscation of property at the court's discretion."
        );
        let p = Penalty {
            imprisonment: Imprisonment::Term {
                min: Some(30),
                max: 96,
            },
            fines: vec![],
            confiscation: Confiscation::No,
            other: vec![],
            life: true,
            death: false,
            measures: vec![],
        };
        assert_eq!(
            sanction_sentence(&p),
            "2 years 6 months to 8 years in prison, or life imprisonment."
        );
    }
}
