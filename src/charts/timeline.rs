//! The editions timeline: one lane per provision (a lineage, or every provision on a topic),
//! each edition a segment on one time axis, labelled with its largest maximum imprisonment.

use super::{Svg, TimeScale, WIDTH, date, months_label, palette};
use crate::analysis::timeline::Row;
use crate::model::Date;
use crate::query::When;
use std::fmt::Write as _;

const LEFT: f64 = 110.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 12.0;
const LANE: f64 = 30.0;

/// Draws `rows` over `window`; segments still in force run to `min(today, window end)`.
pub fn draw(id: &str, rows: &[Row], window: &When, today: Date) -> String {
    // An open-ended window would squash everything: end the axis at the last date shown.
    let last = rows
        .iter()
        .flat_map(|r| r.segments.iter())
        .map(|s| s.valid_to.as_deref().map_or(today, |t| date(t, today)))
        .max()
        .unwrap_or(today);
    let first = rows
        .iter()
        .flat_map(|r| r.segments.iter())
        .map(|s| date(&s.valid_from, window.from))
        .min()
        .unwrap_or(window.from);
    let from = window.from.max(first);
    let to = window
        .to
        .min(last.max(today.min(window.to)))
        .max(from + chrono::Duration::days(365));
    let axis_y = TOP + rows.len().max(1) as f64 * LANE + 4.0;
    let height = axis_y + 40.0;
    let editions: usize = rows.iter().map(|r| r.segments.len()).sum();
    let mut desc = format!(
        "{} provisions, {editions} editions, from {from} to {to}. A new segment starts with each amending act; its label is the largest maximum imprisonment.",
        rows.len()
    );
    for r in rows {
        let segs: Vec<String> = r
            .segments
            .iter()
            .map(|s| format!("from {} {}", s.valid_from, seg_label(s)))
            .collect();
        let _ = write!(desc, " {}: {}.", r.reference, segs.join("; "));
    }
    let mut svg = Svg::new(id, height, "Editions on one time axis", &desc);
    let ts = TimeScale {
        from,
        to,
        x0: LEFT,
        x1: WIDTH - RIGHT,
    };
    ts.draw(&mut svg, axis_y, TOP);
    if rows.is_empty() {
        svg.text(
            WIDTH / 2.0,
            TOP + 20.0,
            "middle",
            palette::BLACK,
            "Nothing in force in this window.",
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = TOP + i as f64 * LANE;
        svg.text(
            LEFT - 6.0,
            y + LANE / 2.0 + 4.0,
            "end",
            palette::BLACK,
            &r.reference,
        );
        for (k, s) in r.segments.iter().enumerate() {
            let start = date(&s.valid_from, from);
            let end = s.valid_to.as_deref().map_or(to, |t| date(t, to)) + chrono::Duration::days(1);
            let (x0, x1) = (ts.x(start), ts.x(end));
            // Alternate two blues so neighbouring editions stay apart; the start tick marks the act.
            let fill = if k % 2 == 0 {
                palette::BLUE
            } else {
                palette::SKY_BLUE
            };
            let tip = format!(
                "{} {} – {}: {} ({})",
                r.reference,
                s.valid_from,
                s.valid_to.as_deref().unwrap_or("in force"),
                seg_label(s),
                s.enacted_by
            );
            svg.rect(x0, y + 5.0, x1 - x0, LANE - 10.0, fill, "", &tip);
            svg.line(
                x0,
                y + 2.0,
                x0,
                y + LANE - 2.0,
                palette::BLACK,
                " stroke-width=\"2\"",
            );
            let label = short_label(s);
            if x1 - x0 > 8.0 * label.chars().count() as f64 + 6.0 {
                let text_fill = if k % 2 == 0 {
                    "#ffffff"
                } else {
                    palette::BLACK
                };
                svg.text(x0 + 4.0, y + LANE / 2.0 + 4.0, "start", text_fill, &label);
            }
        }
    }
    svg.text(
        LEFT,
        height - 6.0,
        "start",
        palette::BLACK,
        "| a new edition (an amending act); labels: largest maximum imprisonment",
    );
    svg.finish()
}

fn seg_label(s: &crate::analysis::timeline::Segment) -> String {
    match (s.life, s.max_imprisonment_months) {
        (true, _) => "up to life imprisonment".into(),
        (false, Some(m)) => format!("up to {} imprisonment", months_label(m)),
        (false, None) => "no imprisonment term".into(),
    }
}

fn short_label(s: &crate::analysis::timeline::Segment) -> String {
    match (s.life, s.max_imprisonment_months) {
        (true, _) => "life".into(),
        (false, Some(m)) => months_label(m),
        (false, None) => "—".into(),
    }
}
