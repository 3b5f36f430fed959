//! Rendering of answers: one module per output format, each with one small function per
//! answer kind.
//!
//! Every format starts from the same [`Answer`]; nothing here looks at the law itself.

pub mod html;
mod imported;
pub mod json;
pub mod table;

use crate::exec::Answer;

/// Output format chosen by the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
}

/// How to lay out tables: the terminal width when known (None = no wrapping, for pipes), and
/// the language of labels.
#[derive(Debug, Clone, Copy, Default)]
pub struct Layout {
    pub width: Option<u16>,
    /// Language of headings and fixed phrases (`--lang ru`); JSON is never translated.
    pub lang: crate::lang::i18n::Lang,
}

/// Renders an answer in the chosen format.
pub fn render(answer: &Answer, format: Format, layout: Layout) -> String {
    match format {
        Format::Json => json::render(answer),
        Format::Table => table::render(answer, layout),
    }
}

/// Our short notation of a part's imprisonment (`5 y – 7 y`, `up to 6 mo`, `or life`, `or
/// death`), shared by the table and HTML renderers.
pub(crate) fn imprisonment(pen: &crate::view::PenaltyView) -> String {
    let i = &pen.imprisonment;
    let mut s = match (i.status, i.min_months, i.max_months) {
        ("none", _, _) => "—".to_string(),
        ("unknown", _, _) => "unknown".to_string(),
        (_, Some(a), Some(b)) => format!(
            "{} – {}",
            crate::model::fmt_months(a),
            crate::model::fmt_months(b)
        ),
        (_, None, Some(b)) => format!("up to {}", crate::model::fmt_months(b)),
        _ => "unknown".to_string(),
    };
    if pen.life {
        s.push_str(" or life");
    }
    if pen.death {
        s.push_str(" or death");
    }
    s
}

/// A snippet cut into plain and matched pieces by the matched byte ranges; a range that
/// overlaps the one before or does not fall on character boundaries is skipped.
pub(crate) fn marked<'a>(snippet: &'a str, ranges: &[[usize; 2]]) -> Vec<(bool, &'a str)> {
    let mut pieces = Vec::new();
    let mut last = 0;
    for &[a, b] in ranges {
        if a < last
            || a > b
            || b > snippet.len()
            || !snippet.is_char_boundary(a)
            || !snippet.is_char_boundary(b)
        {
            continue;
        }
        pieces.push((false, &snippet[last..a]));
        pieces.push((true, &snippet[a..b]));
        last = b;
    }
    pieces.push((false, &snippet[last..]));
    pieces
}

#[cfg(test)]
mod tests {
    use super::marked;

    #[test]
    fn marked_pieces_skip_ranges_that_do_not_fit() {
        let s = "торговля людьми";
        let w = "торговля".len();
        assert_eq!(
            marked(s, &[[0, w]]),
            vec![(false, ""), (true, "торговля"), (false, " людьми")]
        );
        // Inside a letter, backwards, past the end, or overlapping: left as plain text.
        for bad in [[1, 3], [5, 2], [0, 999], [w - 2, w + 2]] {
            assert_eq!(marked(s, &[[0, w], bad]).len(), 3, "{bad:?}");
        }
    }
}
