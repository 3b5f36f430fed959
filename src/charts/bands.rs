//! Penalty bands: each part's imprisonment range (minimum to maximum) as a band over time, one
//! small panel per part on a shared time axis, across a renumbering (1997 -> 2014 code), with
//! each edition's act marked by number and listed under the chart.

use super::{Svg, TimeScale, WIDTH, date, esc, months_label, nice_max, palette};
use crate::model::Date;
use crate::view::VersionView;
use std::fmt::Write as _;

/// One numbered marker: an edition's first day and the act(s) that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub number: usize,
    pub date: String,
    pub reference: String,
    pub acts: Vec<String>,
}

/// The markers the chart numbers, so a page can list them as text too.
pub fn markers(editions: &[VersionView]) -> Vec<Marker> {
    editions
        .iter()
        .enumerate()
        .map(|(i, v)| Marker {
            number: i + 1,
            date: v.valid_from.clone(),
            reference: v.reference.clone(),
            acts: std::iter::once(v.enacted_by.label())
                .chain(v.amended_by.iter().map(|a| a.label()))
                .collect(),
        })
        .collect()
}

/// Sort key for part labels: numeric parts in order, others after.
fn part_key(p: &str) -> (u32, String) {
    (p.parse().unwrap_or(u32::MAX), p.to_string())
}

const LEFT: f64 = 52.0;
const RIGHT: f64 = 16.0;
const STRIP: f64 = 40.0;
const PANEL: f64 = 58.0;
const GAP: f64 = 22.0;
const KEY_LINE: f64 = 16.0;

/// Draws the bands for `editions` (in time order, possibly of several provisions along a
/// renumbering). Open-ended editions run to `today`.
pub fn draw(id: &str, editions: &[VersionView], today: Date) -> String {
    draw_at(id, editions, today, None)
}

/// As [`draw`], with the day asked about marked by a solid line.
pub fn draw_at(id: &str, editions: &[VersionView], today: Date, at: Option<Date>) -> String {
    let Some(first) = editions.first() else {
        let mut svg = Svg::new(id, 40.0, "Penalty bands", "No editions to draw.");
        svg.text(
            WIDTH / 2.0,
            24.0,
            "middle",
            palette::BLACK,
            "No editions to draw.",
        );
        return svg.finish();
    };
    let start = date(&first.valid_from, today);
    let end_of = |v: &VersionView| v.valid_to.as_deref().map_or(today, |t| date(t, today));
    let end = editions
        .iter()
        .map(end_of)
        .max()
        .unwrap_or(today)
        .max(start + chrono::Duration::days(365));
    let mut parts: Vec<String> = editions
        .iter()
        .flat_map(|v| {
            v.parts
                .iter()
                .filter(|p| p.penalty.is_some())
                .map(|p| p.part.clone())
        })
        .collect();
    parts.sort_by_key(|p| part_key(p));
    parts.dedup();
    let max_months = editions
        .iter()
        .flat_map(|v| v.parts.iter())
        .filter_map(|p| p.penalty.as_ref()?.imprisonment.max_months)
        .max()
        .unwrap_or(0);
    let y_max_years = nice_max(f64::from(max_months) / 12.0);
    let marks = markers(editions);
    let panels_h = parts.len().max(1) as f64 * (PANEL + GAP);
    let axis_y = STRIP + panels_h;
    let height = axis_y + 30.0 + marks.len() as f64 * KEY_LINE + 8.0;

    let refs: Vec<&str> = {
        let mut r: Vec<&str> = editions.iter().map(|v| v.reference.as_str()).collect();
        r.dedup();
        r
    };
    let title = format!("Imprisonment ranges of {} over time", refs.join(" then "));
    let mut desc = format!(
        "{} editions from {} to {}; one band per part, from minimum to maximum imprisonment, on a scale of 0 to {} years.",
        editions.len(),
        start,
        if editions.last().is_some_and(|v| v.valid_to.is_none()) {
            "today".to_string()
        } else {
            end.to_string()
        },
        y_max_years
    );
    for v in editions {
        let ranges: Vec<String> = v
            .parts
            .iter()
            .filter_map(|p| {
                Some(format!(
                    "part {} {}",
                    p.part,
                    range_text(p.penalty.as_ref()?)
                ))
            })
            .collect();
        let _ = write!(
            desc,
            " From {} ({}): {}.",
            v.valid_from,
            v.reference,
            if ranges.is_empty() {
                "no sanction".into()
            } else {
                ranges.join(", ")
            }
        );
    }
    let mut svg = Svg::new(id, height, &title, &desc);
    let ts = TimeScale {
        from: start,
        to: end,
        x0: LEFT,
        x1: WIDTH - RIGHT,
    };
    ts.draw(&mut svg, axis_y, STRIP - 4.0);
    let x_end = |v: &VersionView| ts.x(end_of(v) + chrono::Duration::days(1));

    for (pi, part) in parts.iter().enumerate() {
        let top = STRIP + pi as f64 * (PANEL + GAP);
        let bottom = top + PANEL;
        let y = |months: u32| bottom - (f64::from(months) / 12.0 / y_max_years).min(1.0) * PANEL;
        let colour = palette::SERIES[pi % palette::SERIES.len()];
        // The panel's own quantity axis: 0 and the top value, in years.
        svg.line(LEFT, top, LEFT, bottom, palette::BLACK, "");
        svg.line(LEFT - 3.0, bottom, WIDTH - RIGHT, bottom, "#bbbbbb", "");
        svg.text(LEFT - 5.0, bottom, "end", palette::BLACK, "0");
        svg.text(
            LEFT - 5.0,
            top + 9.0,
            "end",
            palette::BLACK,
            &format!("{y_max_years} y"),
        );
        svg.line(LEFT - 3.0, top, LEFT, top, palette::BLACK, "");
        svg.text(
            LEFT + 4.0,
            top + 11.0,
            "start",
            palette::BLACK,
            &format!("part {part}"),
        );
        for v in editions {
            let Some(p) = v.parts.iter().find(|p| &p.part == part) else {
                continue;
            };
            let Some(pen) = &p.penalty else { continue };
            let (x0, x1) = (ts.x(date(&v.valid_from, start)), x_end(v));
            let tip = format!(
                "{} part {}, {} – {}: {} ({})",
                v.reference,
                part,
                v.valid_from,
                v.valid_to.as_deref().unwrap_or("in force"),
                range_text(pen),
                v.enacted_by.label()
            );
            let imp = &pen.imprisonment;
            match (imp.status, imp.min_months, imp.max_months) {
                ("term", min, Some(max)) => {
                    let (ytop, ybot) = (y(max), y(min.unwrap_or(0)));
                    svg.rect(
                        x0,
                        ytop,
                        x1 - x0,
                        ybot - ytop,
                        colour,
                        " fill-opacity=\"0.35\"",
                        &tip,
                    );
                    svg.line(x0, ytop, x1, ytop, colour, " stroke-width=\"2.5\"");
                    if min.is_some() {
                        svg.line(x0, ybot, x1, ybot, colour, " stroke-width=\"1\"");
                    }
                    let label = short_range(pen);
                    // Written only where it fits inside its own band, so labels never collide.
                    if x1 - x0 > 7.5 * label.chars().count() as f64 + 6.0 {
                        let y = (ytop - 3.0).max(top + 22.0);
                        svg.text((x0 + x1) / 2.0, y, "middle", palette::BLACK, &label);
                    }
                }
                ("unknown", ..) => {
                    svg.rect(
                        x0,
                        top + 14.0,
                        x1 - x0,
                        PANEL - 14.0,
                        palette::GREY,
                        " fill-opacity=\"0.15\" stroke=\"#999999\" stroke-dasharray=\"3 3\"",
                        &tip,
                    );
                    if x1 - x0 > 50.0 {
                        svg.text(
                            (x0 + x1) / 2.0,
                            bottom - 6.0,
                            "middle",
                            palette::BLACK,
                            "unknown",
                        );
                    }
                }
                _ => {
                    // No imprisonment in the sanction: a dashed line on zero.
                    let _ = &tip;
                    svg.line(
                        x0,
                        bottom - 1.0,
                        x1,
                        bottom - 1.0,
                        colour,
                        " stroke-dasharray=\"4 3\" stroke-width=\"2\"",
                    );
                    if x1 - x0 > 70.0 {
                        svg.text(
                            (x0 + x1) / 2.0,
                            bottom - 6.0,
                            "middle",
                            palette::BLACK,
                            "no prison",
                        );
                    }
                }
            }
            if pen.life {
                svg.text(
                    x0 + 3.0,
                    top + 22.0,
                    "start",
                    palette::VERMILLION,
                    "or life",
                );
            }
        }
    }

    // Edition markers: a numbered circle per edition on two staggered rows, so close dates
    // stay legible, and a faint line down through the panels.
    let mut last_x = [f64::NEG_INFINITY; 2];
    for (m, v) in marks.iter().zip(editions) {
        let x = ts.x(date(&v.valid_from, start));
        let row = if x - last_x[0] >= 18.0 {
            0
        } else if x - last_x[1] >= 18.0 {
            1
        } else {
            0
        };
        last_x[row] = x;
        let cy = 11.0 + row as f64 * 17.0;
        svg.line(
            x,
            cy + 7.0,
            x,
            axis_y,
            "#777777",
            " stroke-dasharray=\"1 3\"",
        );
        let _ = write_marker(&mut svg, x, cy, m);
    }
    // A renumbering is drawn as a dashed vermillion line, labelled with the new reference.
    for w in editions.windows(2) {
        if w[0].reference != w[1].reference {
            let x = ts.x(date(&w[1].valid_from, start));
            svg.line(
                x,
                STRIP - 4.0,
                x,
                axis_y,
                palette::VERMILLION,
                " stroke-dasharray=\"6 3\" stroke-width=\"1.5\"",
            );
            let anchor = if x > WIDTH - 140.0 { "end" } else { "start" };
            let dx = if anchor == "end" { -4.0 } else { 4.0 };
            svg.text(
                x + dx,
                axis_y - 4.0,
                anchor,
                palette::VERMILLION,
                &format!("renumbered: {}", w[1].reference),
            );
        }
    }
    if let Some(day) = at.filter(|d| *d >= start && *d <= end) {
        let x = ts.x(day);
        svg.line(
            x,
            STRIP - 4.0,
            x,
            axis_y,
            palette::BLACK,
            " stroke-width=\"1.5\"",
        );
        let anchor = if x > WIDTH - 120.0 { "end" } else { "start" };
        let dx = if anchor == "end" { -4.0 } else { 4.0 };
        svg.text(
            x + dx,
            STRIP + 24.0,
            anchor,
            palette::BLACK,
            &format!("as of {day}"),
        );
    }
    // The key: what each number stands for.
    let key_top = axis_y + 34.0;
    for (i, m) in marks.iter().enumerate() {
        svg.text(
            LEFT,
            key_top + i as f64 * KEY_LINE,
            "start",
            palette::BLACK,
            &format!(
                "{}. {} {}: {}",
                m.number,
                m.date,
                m.reference,
                m.acts.join(" + ")
            ),
        );
    }
    svg.finish()
}

fn write_marker(svg: &mut Svg, x: f64, cy: f64, m: &Marker) -> std::fmt::Result {
    let mut s = String::new();
    write!(
        s,
        "<g class=\"marker\"><title>{}</title><circle cx=\"{x:.1}\" cy=\"{cy:.1}\" r=\"7.5\" fill=\"#ffffff\" stroke=\"{}\"/>\
         <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{}\">{}</text></g>",
        esc(&format!(
            "{}. {} {}: {}",
            m.number,
            m.date,
            m.reference,
            m.acts.join(" + ")
        )),
        palette::BLACK,
        cy + 3.5,
        palette::BLACK,
        m.number
    )?;
    svg.raw(&s);
    Ok(())
}

/// `3 y – 8 y`, `up to 2 y`, `unknown`, `no imprisonment`, plus `or life`.
fn range_text(p: &crate::view::PenaltyView) -> String {
    let i = &p.imprisonment;
    let mut s = match (i.status, i.min_months, i.max_months) {
        ("term", Some(a), Some(b)) => {
            format!("{} – {} imprisonment", months_label(a), months_label(b))
        }
        ("term", None, Some(b)) => format!("up to {} imprisonment", months_label(b)),
        ("unknown", ..) => "imprisonment unknown".to_string(),
        _ => "no imprisonment".to_string(),
    };
    if p.life {
        s.push_str(" or life");
    }
    s
}

fn short_range(p: &crate::view::PenaltyView) -> String {
    let i = &p.imprisonment;
    match (i.min_months, i.max_months) {
        (Some(a), Some(b)) => format!("{}–{}", months_label(a), months_label(b)),
        (None, Some(b)) => format!("≤ {}", months_label(b)),
        _ => String::new(),
    }
}
