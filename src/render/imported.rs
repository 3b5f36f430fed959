//! Table rendering of the answers that whole-code imports made possible: `text` (official
//! wording with its links), `act` (what one act changed) and `amended` (most-changed
//! articles). JSON for them is the generic serialisation of the answer.

use crate::analysis::amendments::{ActChange, AmendedRow};
use crate::import::official::TextView;
use crate::model::fmt_months;
use std::fmt::Write as _;

pub(super) fn text(out: &mut String, views: &[TextView]) {
    for (i, v) in views.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{} — {} – {}{}",
            v.reference,
            v.valid_from,
            v.valid_to.as_deref().unwrap_or("in force"),
            v.confidence
                .as_ref()
                .map(|c| format!("  [grade {c}]"))
                .unwrap_or_default()
        );
        if let Some(n) = &v.date_note {
            let _ = writeln!(out, "dates: {n}");
        }
        let _ = writeln!(
            out,
            "official text: {}",
            v.url_rus.as_deref().unwrap_or("(no state database link)")
        );
        let _ = writeln!(
            out,
            "mirror: {} ({}, line {})",
            v.mirror_url, v.file, v.line
        );
        // A reference to a part prints that part alone, under the article heading.
        let (ru, kz) = match &v.selection {
            Some(s) => {
                let label = match &s.item {
                    Some(i) => format!("part {}, item {i}", s.part),
                    None => format!("part {}", s.part),
                };
                let _ = writeln!(out, "selected: {label}");
                (
                    format!("{}\n\n{}", s.heading, s.ru),
                    s.kz.as_ref().map(|k| k.to_string()),
                )
            }
            None => (v.ru.clone(), v.kz.clone()),
        };
        let _ = writeln!(out, "\n{}", ru.trim_end());
        if let Some(kz) = &kz {
            let _ = writeln!(out, "\n— қазақша —");
            if !v.kz_changes.is_empty() {
                // The Kazakh changed alone within the edition: say which wording this is.
                let days: Vec<&str> = v.kz_changes.iter().map(|(d, _)| d.as_str()).collect();
                let _ = writeln!(
                    out,
                    "(Kazakh wording {}; changed alone on {} [grade C: the mirror's version dates])",
                    v.kz_from
                        .as_deref()
                        .map_or(format!("of {}", v.valid_from), |d| format!("from {d}")),
                    days.join(", ")
                );
            }
            let _ = writeln!(out, "{}", kz.trim_end());
            if let Some(u) = &v.url_kaz {
                let _ = writeln!(out, "(ресми мәтін: {u})");
            }
        }
    }
}

fn months(m: Option<u32>) -> String {
    m.map_or("—".to_string(), fmt_months)
}

pub(super) fn act(
    out: &mut String,
    query: &serde_json::Value,
    rows: &[ActChange],
    table: comfy_table::Table,
) {
    let mut table = table;
    for a in query["acts"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "{} ({}), signed {}, in force {} [{}]",
            a["title"].as_str().unwrap_or_default(),
            a["id"].as_str().unwrap_or_default(),
            a["signed"].as_str().unwrap_or_default(),
            a["in_force"].as_str().unwrap_or("unknown"),
            a["in_force_confidence"].as_str().unwrap_or_default(),
        );
    }
    if rows.is_empty() {
        let _ = writeln!(out, "no edition in the data names this act");
        return;
    }
    for r in rows {
        // What changed in each part, so a reader sees the penalty move without `diff`.
        let parts: Vec<String> = r
            .parts
            .iter()
            .map(|d| match d.status {
                "changed" if !d.changes.is_empty() => {
                    format!("{}: {}", d.part, d.changes.join("; "))
                }
                status => format!("{}: {status}", d.part),
            })
            .collect();
        table.add_row(vec![
            r.reference.clone(),
            r.title.clone(),
            format!("{} ({})", r.valid_from, r.role),
            if parts.is_empty() {
                "—".into()
            } else {
                parts.join("\n")
            },
            format!(
                "{} → {} ({})",
                months(r.before_max_months),
                months(r.after_max_months),
                r.penalty
            ),
        ]);
    }
    let _ = writeln!(out, "{table}");
    let _ = writeln!(out, "{} edition(s) changed", rows.len());
}

pub(super) fn amended(
    out: &mut String,
    query: &serde_json::Value,
    rows: &[AmendedRow],
    table: comfy_table::Table,
) {
    let mut table = table;
    let _ = writeln!(
        out,
        "Articles by the number of new editions from {} to {}",
        query["from"].as_str().unwrap_or_default(),
        query["to"].as_str().unwrap_or_default()
    );
    if rows.is_empty() {
        let _ = writeln!(out, "no article changed in that span");
        return;
    }
    for r in rows {
        table.add_row(vec![
            r.rank.to_string(),
            r.reference.clone(),
            r.title.clone(),
            r.changes.to_string(),
            r.dates.join(", "),
        ]);
    }
    let _ = writeln!(out, "{table}");
}
