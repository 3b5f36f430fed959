//! Rendering of answers: one module per output format, each with one small function per
//! answer kind.
//!
//! Every format starts from the same [`Answer`]; nothing here looks at the law itself.

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

/// How to lay out tables: the terminal width when known (None = no wrapping, for pipes).
#[derive(Debug, Clone, Copy, Default)]
pub struct Layout {
    pub width: Option<u16>,
}

/// Renders an answer in the chosen format.
pub fn render(answer: &Answer, format: Format, layout: Layout) -> String {
    match format {
        Format::Json => json::render(answer),
        Format::Table => table::render(answer, layout),
    }
}
