//! The importer's text parsers: the official Markdown of the codes turned into articles,
//! parts, items, notes, footnotes and penalties. Pure text in, model out: no git, no files.

pub mod article;
pub mod footnote;
pub mod numwords;
pub mod sanction;

pub use article::{
    Article, ArticleItem, ArticleNote, ArticlePart, Chapter, CodeStyle, parse_chapter,
};
pub use footnote::{AmendingAct, EntryIntoForce, Footnote, FootnoteAction, InForceRule, Period};
pub use sanction::{SanctionError, SanctionStats, parse_sanction, sanction_stats};
