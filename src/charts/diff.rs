//! Diff: each part's maximum imprisonment then and now as a dumbbell on one months scale,
//! coloured by direction (up vermillion, down blue, same grey), with the values written out.

use super::{Svg, WIDTH, months_label, nice_max, palette};
use crate::exec::DiffView;
use crate::view::{PartView, VersionView};

/// A part's maximum imprisonment in months and whether life is possible.
type Max = Option<(u32, bool)>;

const LEFT: f64 = 70.0;
const RIGHT: f64 = 150.0;
const TOP: f64 = 30.0;
const ROW: f64 = 26.0;

/// A part's maximum: months (0 when the sanction has no imprisonment), and life. `None`
/// when the part or its sanction is missing, or the term is unknown (nothing to place).
fn max_of(v: &VersionView, part: &str) -> Max {
    let p: &PartView = v.parts.iter().find(|p| p.part == part)?;
    let pen = p.penalty.as_ref()?;
    match pen.imprisonment.status {
        "unknown" => None,
        _ => Some((pen.imprisonment.max_months.unwrap_or(0), pen.life)),
    }
}

/// Draws one row per part of the diff.
pub fn draw(id: &str, d: &DiffView) -> String {
    let rows: Vec<(&str, Max, Max)> = d
        .parts
        .iter()
        .map(|p| {
            (
                p.part.as_str(),
                max_of(&d.from, &p.part),
                max_of(&d.to, &p.part),
            )
        })
        .collect();
    let max = rows
        .iter()
        .flat_map(|(_, a, b)| [a.map(|x| x.0), b.map(|x| x.0)])
        .flatten()
        .max()
        .unwrap_or(0);
    let years_max = nice_max(f64::from(max) / 12.0);
    let axis_y = TOP + rows.len().max(1) as f64 * ROW;
    let height = axis_y + 44.0;
    let x = |m: u32| LEFT + (f64::from(m) / 12.0 / years_max).min(1.0) * (WIDTH - LEFT - RIGHT);
    let mut desc = format!(
        "Maximum imprisonment per part, {} ({}) then {} ({}).",
        d.from.reference, d.from.valid_from, d.to.reference, d.to.valid_from
    );
    for (part, a, b) in &rows {
        desc.push_str(&format!(
            " Part {part}: {} to {} ({}).",
            value(*a),
            value(*b),
            direction(*a, *b).1
        ));
    }
    let mut svg = Svg::new(
        id,
        height,
        &format!("Penalties of {}: then and now", d.reference),
        &desc,
    );
    svg.text(
        LEFT,
        16.0,
        "start",
        palette::BLACK,
        &format!(
            "○ {} (from {})   ● {} (from {})",
            d.from.reference, d.from.valid_from, d.to.reference, d.to.valid_from
        ),
    );
    // Axis in years from zero.
    let step = if years_max <= 5.0 {
        1.0
    } else if years_max <= 10.0 {
        2.0
    } else if years_max <= 25.0 {
        5.0
    } else {
        10.0
    };
    let mut t = 0.0;
    while t <= years_max + 1e-9 {
        let xx = x((t * 12.0) as u32);
        svg.line(xx, TOP - 6.0, xx, axis_y, "#e4e4e4", "");
        svg.text(xx, axis_y + 16.0, "middle", palette::BLACK, &format!("{t}"));
        t += step;
    }
    svg.line(LEFT, axis_y, WIDTH - RIGHT, axis_y, palette::BLACK, "");
    svg.text(
        (LEFT + WIDTH - RIGHT) / 2.0,
        axis_y + 34.0,
        "middle",
        palette::BLACK,
        "maximum imprisonment, years",
    );
    for (i, (part, a, b)) in rows.iter().enumerate() {
        let cy = TOP + i as f64 * ROW + ROW / 2.0;
        let (colour, word) = direction(*a, *b);
        svg.text(
            LEFT - 8.0,
            cy + 4.0,
            "end",
            palette::BLACK,
            &format!("part {part}"),
        );
        let tip = format!("part {part}: {} -> {} ({word})", value(*a), value(*b));
        if let (Some((ma, _)), Some((mb, _))) = (a, b) {
            svg.line(x(*ma), cy, x(*mb), cy, colour, " stroke-width=\"3\"");
        }
        if let Some((m, _)) = a {
            svg.raw(&format!(
                "<circle cx=\"{:.1}\" cy=\"{cy:.1}\" r=\"5\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"2\"><title>{}</title></circle>",
                x(*m),
                super::esc(&tip)
            ));
        }
        if let Some((m, _)) = b {
            svg.raw(&format!(
                "<circle cx=\"{:.1}\" cy=\"{cy:.1}\" r=\"5\" fill=\"{colour}\"><title>{}</title></circle>",
                x(*m),
                super::esc(&tip)
            ));
        }
        svg.text(
            WIDTH - RIGHT + 8.0,
            cy + 4.0,
            "start",
            colour_text(colour),
            &format!("{} → {} {word}", value(*a), value(*b)),
        );
    }
    svg.finish()
}

fn value(v: Max) -> String {
    match v {
        None => "—".into(),
        Some((_, true)) => "life".into(),
        Some((0, false)) => "none".into(),
        Some((m, false)) => months_label(m),
    }
}

/// The colour and word for a change; life counts as above any term.
fn direction(a: Max, b: Max) -> (&'static str, &'static str) {
    let rank = |v: (u32, bool)| if v.1 { u64::MAX } else { u64::from(v.0) };
    match (a, b) {
        (Some(a), Some(b)) if rank(b) > rank(a) => (palette::VERMILLION, "up"),
        (Some(a), Some(b)) if rank(b) < rank(a) => (palette::BLUE, "down"),
        (Some(_), Some(_)) => (palette::GREY, "same"),
        (None, Some(_)) => (palette::BLACK, "added"),
        (Some(_), None) => (palette::BLACK, "removed"),
        (None, None) => (palette::GREY, "no sanction"),
    }
}

/// Grey text is too faint on white; darken it for labels.
fn colour_text(c: &str) -> &str {
    if c == palette::GREY { "#555555" } else { c }
}
