//! SVG pictures of answers, drawn on the server: pure functions, answer in, SVG string out.
//!
//! Every chart carries a `<title>` and a `<desc>` (a sentence a screen reader can read), uses
//! the Okabe-Ito palette (safe for the common colour-vision deficiencies) and honest axes:
//! time runs left to right on a linear scale, quantities start at zero. Colours are
//! presentation attributes, never inline `style`, so a strict Content-Security-Policy holds.

pub mod bands;
pub mod diff;
pub mod loopholes;
pub mod timeline;

use crate::model::Date;
use chrono::Datelike;
use std::fmt::Write as _;

/// Okabe-Ito, the colour-blind-safe palette (Okabe & Ito 2008).
pub mod palette {
    pub const BLACK: &str = "#000000";
    pub const ORANGE: &str = "#E69F00";
    pub const SKY_BLUE: &str = "#56B4E9";
    pub const BLUISH_GREEN: &str = "#009E73";
    pub const YELLOW: &str = "#F0E442";
    pub const BLUE: &str = "#0072B2";
    pub const VERMILLION: &str = "#D55E00";
    pub const REDDISH_PURPLE: &str = "#CC79A7";
    pub const GREY: &str = "#999999";
    /// Series colours in order; yellow is left out because it is unreadable on white.
    pub const SERIES: [&str; 6] = [
        BLUE,
        ORANGE,
        BLUISH_GREEN,
        VERMILLION,
        REDDISH_PURPLE,
        SKY_BLUE,
    ];
}

/// Chart width in SVG units; the SVG scales to its container (`width="100%"`).
pub const WIDTH: f64 = 720.0;
const FONT: &str = "system-ui, sans-serif";

/// Escapes text for SVG (XML) content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// An SVG document being written: the opening tag with its accessible name, then marks.
pub(crate) struct Svg {
    out: String,
}

impl Svg {
    /// Opens an SVG; `id` must be unique on the page (it prefixes the title and desc ids).
    pub(crate) fn new(id: &str, height: f64, title: &str, desc: &str) -> Svg {
        let id = esc(id);
        let mut out = String::new();
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"{id}\" role=\"img\" \
             viewBox=\"0 0 {WIDTH} {height:.0}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" \
             aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{FONT}\" font-size=\"12\">\
             <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
            esc(title),
            esc(desc)
        );
        let _ = write!(
            out,
            "<rect x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"{height:.0}\" fill=\"#ffffff\"/>"
        );
        Svg { out }
    }

    pub(crate) fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    pub(crate) fn text(&mut self, x: f64, y: f64, anchor: &str, fill: &str, s: &str) {
        let _ = write!(
            self.out,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" fill=\"{fill}\">{}</text>",
            esc(s)
        );
    }

    pub(crate) fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, extra: &str) {
        let _ = write!(
            self.out,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{stroke}\"{extra}/>"
        );
    }

    /// A rectangle with a tooltip (`<title>`), which is also read by screen readers.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn rect(
        &mut self,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: &str,
        extra: &str,
        tip: &str,
    ) {
        let _ = write!(
            self.out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\"{extra}><title>{}</title></rect>",
            w.max(0.5),
            h.max(0.5),
            esc(tip)
        );
    }

    pub(crate) fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

/// A linear time scale from `from` to `to` onto `x0..x1`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TimeScale {
    pub from: Date,
    pub to: Date,
    pub x0: f64,
    pub x1: f64,
}

impl TimeScale {
    pub(crate) fn x(&self, d: Date) -> f64 {
        let span = (self.to - self.from).num_days().max(1) as f64;
        let d = d.clamp(self.from, self.to);
        self.x0 + (d - self.from).num_days() as f64 / span * (self.x1 - self.x0)
    }

    /// Year ticks (1 January), thinned so labels do not collide.
    pub(crate) fn year_ticks(&self) -> Vec<(Date, f64)> {
        let (first, last) = (self.from.year(), self.to.year());
        let years = (last - first + 1).max(1) as f64;
        let per_year = (self.x1 - self.x0) / years;
        let step = [1, 2, 5, 10, 20, 50]
            .into_iter()
            .find(|s| per_year * f64::from(*s) >= 36.0)
            .unwrap_or(100);
        (first..=last + 1)
            .filter(|y| y % step == 0 || step == 1)
            .filter_map(|y| Date::from_ymd_opt(y, 1, 1))
            .filter(|d| *d >= self.from && *d <= self.to)
            .map(|d| (d, self.x(d)))
            .collect()
    }

    /// Draws the time axis at `y` with gridlines up to `top`.
    pub(crate) fn draw(&self, svg: &mut Svg, y: f64, top: f64) {
        svg.line(self.x0, y, self.x1, y, palette::BLACK, "");
        for (d, x) in self.year_ticks() {
            svg.line(x, top, x, y, "#e4e4e4", "");
            svg.line(x, y, x, y + 4.0, palette::BLACK, "");
            svg.text(x, y + 16.0, "middle", palette::BLACK, &d.year().to_string());
        }
    }
}

/// A "nice" upper bound for a quantity axis (1, 2, 5 x 10^k), at least `v`.
pub(crate) fn nice_max(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|c| *c >= v)
        .unwrap_or(10.0 * mag)
}

/// Parses a view's date string; views always carry ISO dates, so failures fall back to `or`.
pub(crate) fn date(s: &str, or: Date) -> Date {
    s.parse().unwrap_or(or)
}

/// Years (or months when short) for a label.
pub(crate) fn months_label(m: u32) -> String {
    crate::model::fmt_months(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(esc("a\u{1}b"), "a b");
    }

    #[test]
    fn nice_bounds() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(12.0), 20.0);
        assert_eq!(nice_max(240.0), 250.0);
    }

    #[test]
    fn time_scale_is_linear_and_clamped() {
        let d = |y, m, d| Date::from_ymd_opt(y, m, d).unwrap();
        let s = TimeScale {
            from: d(2000, 1, 1),
            to: d(2010, 1, 1),
            x0: 0.0,
            x1: 100.0,
        };
        assert_eq!(s.x(d(2000, 1, 1)), 0.0);
        assert_eq!(s.x(d(2010, 1, 1)), 100.0);
        assert!((s.x(d(2005, 1, 1)) - 50.0).abs() < 0.1);
        assert_eq!(s.x(d(1990, 1, 1)), 0.0);
        let ticks = s.year_ticks();
        assert_eq!(ticks.first().map(|t| t.0), Some(d(2000, 1, 1)));
        assert!(ticks.windows(2).all(|w| w[1].1 - w[0].1 >= 9.0));
    }
}
