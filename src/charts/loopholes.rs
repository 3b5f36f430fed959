//! Loopholes year by year: for each year, the trafficking-related parts a court must release
//! on reconciliation, those it may, and the rest, stacked; closures marked with their acts.

use super::{Svg, WIDTH, nice_max, palette};
use crate::analysis::loopholes::YearRow;
use std::fmt::Write as _;

const LEFT: f64 = 44.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const PLOT: f64 = 220.0;

/// Draws one stacked bar per year; `y` counts parts and starts at zero.
pub fn draw(id: &str, rows: &[YearRow]) -> String {
    let max = rows.iter().map(|r| r.related_parts).max().unwrap_or(0);
    let y_max = nice_max(max as f64).max(1.0);
    // Closures grouped by year, act and reason: one act often closes many parts at once.
    let mut closures: Vec<(i32, String, String, Vec<String>)> = Vec::new();
    for r in rows {
        let events = r
            .closed
            .iter()
            .map(|c| ("closed", c))
            .chain(r.narrowed.iter().map(|c| ("must -> may", c)));
        for (what, c) in events {
            let why = format!("{what}: {}", c.why);
            match closures
                .iter_mut()
                .find(|g| g.0 == r.year && g.1 == c.act && g.2 == why)
            {
                Some(g) => g.3.push(c.part.clone()),
                None => closures.push((r.year, c.act.clone(), why, vec![c.part.clone()])),
            }
        }
    }
    let axis_y = TOP + PLOT;
    let height = axis_y + 60.0 + closures.len() as f64 * 16.0;
    let mut desc = format!(
        "Trafficking-related offence parts each year from {} to {}: how many a court must release on reconciliation, how many it may, and how many are closed.",
        rows.first().map_or(0, |r| r.year),
        rows.last().map_or(0, |r| r.year)
    );
    for r in rows {
        let _ = write!(
            desc,
            " {}: {} must, {} may, of {}.",
            r.year, r.mandatory, r.discretionary, r.related_parts
        );
    }
    for (y, a, why, parts) in &closures {
        let _ = write!(desc, " {y}{}: {} ({why}).", act(a), parts.join(", "));
    }
    let mut svg = Svg::new(id, height, "Reconciliation loopholes year by year", &desc);
    let y = |n: usize| axis_y - (n as f64 / y_max) * PLOT;
    // Quantity axis with gridlines at whole steps.
    let step = (y_max / 5.0).max(1.0).ceil() as usize;
    for n in (0..=y_max as usize).step_by(step) {
        svg.line(LEFT, y(n), WIDTH - RIGHT, y(n), "#e4e4e4", "");
        svg.text(
            LEFT - 5.0,
            y(n) + 4.0,
            "end",
            palette::BLACK,
            &n.to_string(),
        );
    }
    svg.line(LEFT, TOP, LEFT, axis_y, palette::BLACK, "");
    svg.line(LEFT, axis_y, WIDTH - RIGHT, axis_y, palette::BLACK, "");
    // Direct labels instead of a separate legend box.
    let legend = [
        (palette::VERMILLION, "must release"),
        (palette::ORANGE, "may release"),
        ("#d9d9d9", "closed"),
    ];
    let mut lx = LEFT;
    for (c, label) in legend {
        svg.rect(lx, 8.0, 12.0, 12.0, c, " stroke=\"#555555\"", label);
        svg.text(lx + 16.0, 18.0, "start", palette::BLACK, label);
        lx += 30.0 + 7.0 * label.len() as f64;
    }
    let n = rows.len().max(1) as f64;
    let band = (WIDTH - RIGHT - LEFT) / n;
    let bar = (band * 0.7).min(40.0);
    let label_every = (26.0 / band).ceil().max(1.0) as usize;
    for (i, r) in rows.iter().enumerate() {
        let x = LEFT + band * i as f64 + (band - bar) / 2.0;
        let closed = r
            .related_parts
            .saturating_sub(r.mandatory + r.discretionary);
        let mut base = 0usize;
        for (count, colour, what) in [
            (r.mandatory, palette::VERMILLION, "must release"),
            (r.discretionary, palette::ORANGE, "may release"),
            (closed, "#d9d9d9", "closed"),
        ] {
            if count > 0 {
                let tip = format!("{}: {count} of {} parts {what}", r.year, r.related_parts);
                svg.rect(
                    x,
                    y(base + count),
                    bar,
                    y(base) - y(base + count),
                    colour,
                    " stroke=\"#ffffff\"",
                    &tip,
                );
            }
            base += count;
        }
        let open = r.mandatory + r.discretionary;
        if bar >= 14.0 {
            svg.text(
                x + bar / 2.0,
                y(r.related_parts) - 3.0,
                "middle",
                palette::BLACK,
                &open.to_string(),
            );
        }
        if i % label_every == 0 {
            svg.text(
                x + bar / 2.0,
                axis_y + 16.0,
                "middle",
                palette::BLACK,
                &r.year.to_string(),
            );
        }
        if !r.closed.is_empty() || !r.narrowed.is_empty() {
            // A marker under the year: something closed or narrowed then.
            svg.text(x + bar / 2.0, axis_y + 30.0, "middle", palette::BLUE, "▲");
        }
    }
    svg.text(
        LEFT,
        axis_y + 46.0,
        "start",
        palette::BLACK,
        "▲ closed or narrowed that year (by act):",
    );
    for (k, (year, a, why, parts)) in closures.iter().enumerate() {
        let n = if parts.len() == 1 {
            parts[0].clone()
        } else {
            format!("{} parts", parts.len())
        };
        let line = format!("{year}{}: {n} {why}", act(a));
        let full = format!("{line} ({})", parts.join(", "));
        svg.raw(&format!("<g><title>{}</title>", super::esc(&full)));
        svg.text(
            LEFT + 10.0,
            axis_y + 62.0 + k as f64 * 16.0,
            "start",
            palette::BLACK,
            &clip(&line, 100),
        );
        svg.raw("</g>");
    }
    svg.finish()
}

/// Cuts a line to `n` characters; the full text is in the tooltip and the description.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

fn act(a: &str) -> String {
    if a.is_empty() {
        String::new()
    } else {
        format!(" [{a}]")
    }
}
