//! One Markdown file of the official layout read into articles: number, title, parts,
//! items, notes, footnotes, repeal marker and line numbers, with editorial notes left out.

use super::footnote::{Footnote, is_footnote, parse_footnote};
use super::sanction::{SanctionError, find_sanction, parse_sanction};
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
    /// Unnumbered paragraphs beside the numbered parts (a lead-in before them, or an
    /// exclusion closing the article), kept apart so that no part number is invented.
    pub paragraphs: Vec<(usize, String)>,
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
    /// The part itself says it was repealed ("1. Исключена Законом ...").
    pub repealed: bool,
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

/// The label an item id is printed with: `b` -> `б`, `2` -> `2`.
pub fn printed_label(id: &str) -> Option<String> {
    if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Some(id.to_string());
    }
    let (head, rest) = id.split_at(id.find('-').unwrap_or(id.len()));
    let letter = crate::model::item_letter_of(head)?;
    Some(format!("{letter}{rest}"))
}

impl CodeStyle {
    /// The data's id for an item label: `б` -> `b`, `2` -> `2`. `None` for a label that is
    /// neither a number nor a known letter.
    pub fn item_id(self, label: &str) -> Option<String> {
        if !label.is_empty() && label.chars().all(|c| c.is_ascii_digit() || c == '-') {
            return Some(label.to_string());
        }
        let mut chars = label.chars();
        let latin = crate::model::item_letter_id(chars.next()?)?;
        let rest: String = chars.collect();
        // "а-1" keeps its suffix: "a-1".
        if rest.is_empty()
            || (rest.starts_with('-') && rest[1..].bytes().all(|b| b.is_ascii_digit()))
        {
            Some(format!("{latin}{rest}"))
        } else {
            None
        }
    }
}

/// Whitespace collapsed, the `<*>` markers of old texts and Markdown emphasis removed,
/// dashes unified: the form in which two versions' wordings are compared.
pub fn normalise(text: &str) -> String {
    let t = unescape(&text.replace("<*>", " ")).replace(['\u{a0}', '\u{2009}', '\u{202f}'], " ");
    let mut out = String::with_capacity(t.len());
    for w in t.split_whitespace() {
        let w = match w {
            "-" | "—" | "–" | "--" => "–",
            w => w,
        };
        // A space before a comma or period is a formatting slip of the source.
        if matches!(w, "," | "." | ";") {
            out.push_str(w);
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w.trim_matches('*'));
    }
    out
}

/// Markdown escapes dropped: `1\\)` is the item `1)`.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

/// `Статья 10-1. Title` (after the `#`s and any bold markup): number and title.
fn article_heading(line: &str) -> Option<(String, String)> {
    let trimmed = line.trim();
    let marked = trimmed.starts_with('#') || trimmed.starts_with("**");
    let t = trimmed.trim_start_matches('#').trim();
    let t = t.trim_start_matches("**").trim();
    let rest = t.strip_prefix("Статья")?;
    if !rest.starts_with([' ', '\u{a0}']) {
        return None;
    }
    let rest = rest.trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(rest.len());
    let number = rest[..end].trim_end_matches('-');
    if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let title = rest[end..].trim_start();
    // A plain line (no heading markup) is a heading only as "Статья N. ...": the old
    // texts mark some repealed articles so, while "Статья 5 исключена" is body text.
    if !marked && !title.starts_with('.') {
        return None;
    }
    let title = title.strip_prefix('.').unwrap_or(title);
    let title = normalise(&title.replace("**", " "));
    let title = title.trim_end_matches('.').trim().to_string();
    Some((number.to_string(), title))
}

/// A leading `N.` or `N-M.` followed by a space: a part number (or a note number).
fn numbered(text: &str) -> Option<(&str, &str)> {
    let end = text.find(|c: char| !(c.is_ascii_digit() || c == '-'))?;
    let num = &text[..end];
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) || num.ends_with('-') {
        return None;
    }
    let rest = text[end..].strip_prefix('.')?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((num, rest.trim_start()))
}

/// A leading `N)`, `N-M)` or `б)` item label.
fn item_label(text: &str) -> Option<(&str, &str)> {
    let close = text.find(')')?;
    let label = &text[..close];
    let ok_digits = !label.is_empty()
        && label.starts_with(|c: char| c.is_ascii_digit())
        && label.chars().all(|c| c.is_ascii_digit() || c == '-');
    let mut chars = label.chars();
    let ok_letter = match (chars.next(), chars.as_str()) {
        (Some(c), rest) => {
            c.is_lowercase()
                // Any Cyrillic letter is a label; one the data has no id for is warned about.
                && ('а'..='я').contains(&c)
                && (rest.is_empty()
                    || (rest.starts_with('-')
                        && rest.len() > 1
                        && rest[1..].bytes().all(|b| b.is_ascii_digit())))
        }
        _ => false,
    };
    if !(ok_digits || ok_letter) {
        return None;
    }
    let rest = &text[close + 1..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((label, rest.trim_start()))
}

fn is_editorial_marker(text: &str) -> bool {
    let t = text.trim_start_matches(['>', ' ', '*', 'ℹ']).trim_start();
    [
        "Примечание РЦПИ",
        "Примечание ИЗПИ",
        "Примечание редакции",
        "ЗҚАИ-ның ескертпесі",
        "РҚАО-ның ескертпесі",
    ]
    .iter()
    .any(|m| t.starts_with(m))
}

/// The start of "Примечание." / "Примечания." (the law's own notes, not editorial ones).
fn note_heading(text: &str) -> Option<&str> {
    for h in ["Примечания", "Примечание"] {
        if let Some(rest) = text.strip_prefix(h) {
            let rest = rest.trim_start_matches('*');
            if let Some(r) = rest.strip_prefix(['.', ':']) {
                return Some(r.trim_start_matches('*').trim());
            }
        }
    }
    None
}

fn starts_repealed(text: &str) -> bool {
    let t = text
        .trim_start_matches(['*', '(', ' '])
        .trim_start()
        .to_lowercase();
    // "(Статья 106 исключена – Законом ...)": the number may stand between.
    let t = match t.strip_prefix("статья ") {
        Some(rest) => rest
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-')
            .trim_start(),
        None => t.as_str(),
    };
    ["исключен", "утратил", "статья исключена"]
        .iter()
        .any(|w| t.starts_with(w))
}

/// A title that says the article is gone: "Исключена Законом ...", "(Статья 106 исключена)",
/// "Содержание ... (исключена)".
fn title_repealed(title: &str) -> bool {
    if starts_repealed(title) {
        return true;
    }
    let t = title.to_lowercase();
    let t = t.trim_end_matches(['.', ' ']);
    t.ends_with("исключена)") || t.ends_with("исключен)") || t.ends_with("утратила силу)")
}

/// A paragraph of an article body: its first line and its text.
struct Para {
    line: usize,
    text: String,
    quote: bool,
}

/// Where the body reader is.
#[derive(PartialEq)]
enum Place {
    Start,
    Part,
    Notes,
    After,
}

/// Reads every article of one Markdown file (a chapter, or a whole `rus.md`). Never fails:
/// what cannot be placed becomes a warning with its line.
pub fn parse_chapter(md: &str, style: CodeStyle) -> Chapter {
    let mut ch = Chapter::default();
    let lines: Vec<&str> = md.lines().collect();
    let mut i = 0;
    // Front matter between two `---` lines at the top is metadata, not text.
    if lines.first().is_some_and(|l| l.trim() == "---") {
        if let Some(end) = lines.iter().skip(1).position(|l| l.trim() == "---") {
            i = end + 2;
        }
    }
    let mut anchor: Option<(usize, String)> = None;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        // A table of contents lists every article as a plain "Статья N. Title" line: skip
        // it up to the next heading.
        if t.starts_with('#') && t.to_lowercase().contains("оглавление") {
            i += 1;
            while i < lines.len() && !lines[i].trim().starts_with('#') {
                i += 1;
            }
            continue;
        }
        if let Some(id) = t.strip_prefix("<a id=\"st").and_then(|r| r.split_once('"')) {
            anchor = Some((i + 1, id.0.to_string()));
            i += 1;
            continue;
        }
        let Some((number, title)) = article_heading(line) else {
            i += 1;
            continue;
        };
        if let Some((aline, id)) = anchor.take() {
            if id != number {
                ch.warnings.push(Warning {
                    line: aline,
                    message: format!("anchor st{id} stands before article {number}"),
                });
            }
        }
        let start = i;
        i += 1;
        // The body runs to the next heading of any kind.
        let mut body_end = i;
        while body_end < lines.len() {
            let l = lines[body_end].trim();
            if l.starts_with('#') || l.starts_with("<a id=\"st") || article_heading(l).is_some() {
                break;
            }
            body_end += 1;
        }
        let article = read_article(
            &lines[i..body_end],
            i + 1,
            number,
            title,
            start + 1,
            style,
            &mut ch.warnings,
        );
        ch.articles.push(article);
        i = body_end;
    }
    ch
}

/// Splits body lines into paragraphs (blank-line separated; a blockquote is its own).
fn paragraphs(lines: &[&str], first_line: usize) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::new();
    let mut open = false;
    for (k, raw) in lines.iter().enumerate() {
        let t = raw.trim();
        // Navigation the mirror adds ("↑ [Вся редакция](../rus.md)", a bare link line) is
        // not text.
        let nav =
            t.starts_with('↑') || (t.starts_with('[') && t.ends_with(')') && t.contains("]("));
        if t.is_empty() || nav || t == "---" {
            open = false;
            continue;
        }
        let quote = t.starts_with('>');
        let text = if quote {
            t.trim_start_matches('>').trim()
        } else {
            t
        };
        // A new paragraph starts at a blank line, at a blockquote edge, or at a marker.
        let marker = numbered(text).is_some() || item_label(text).is_some();
        match out.last_mut() {
            Some(last) if open && last.quote == quote && !marker => {
                last.text.push(' ');
                last.text.push_str(text);
            }
            _ => out.push(Para {
                line: first_line + k,
                text: text.to_string(),
                quote,
            }),
        }
        open = true;
    }
    out
}

fn read_article(
    body: &[&str],
    first_line: usize,
    number: String,
    title: String,
    line: usize,
    style: CodeStyle,
    warnings: &mut Vec<Warning>,
) -> Article {
    let mut a = Article {
        repealed: title_repealed(&title),
        number,
        title,
        line,
        end_line: line,
        parts: vec![],
        notes: vec![],
        footnotes: vec![],
        wording: String::new(),
        editorial: vec![],
        paragraphs: vec![],
    };
    let paras = paragraphs(body, first_line);
    let mut k = 0;
    // Some texts break a long title over several paragraphs ("Статья 65. Освобождение ... в"
    // then "связи с ..."): a lowercase paragraph right after an unfinished title goes on
    // with it.
    while k < paras.len() && title_goes_on(&a.title, &paras[k]) {
        a.title.push(' ');
        a.title.push_str(&normalise(&paras[k].text));
        a.title = a.title.trim_end_matches('.').to_string();
        a.end_line = a.end_line.max(paras[k].line);
        k += 1;
    }
    a.repealed = title_repealed(&a.title);
    let mut wording: Vec<String> = vec![a.title.clone()];
    let mut place = Place::Start;
    // The first part was made from unnumbered text, not from a "1." paragraph.
    let mut implicit_first = false;
    while k < paras.len() {
        let p = &paras[k];
        a.end_line = a.end_line.max(p.line);
        let text = p.text.trim();
        k += 1;
        // Editorial notes and footnotes are not law: record them, leave them out.
        if is_editorial_marker(text) {
            let mut note = normalise(text);
            // The note's body is the next paragraph (unless the marker carried it).
            // Its body is the paragraphs after the marker that read as editorial
            // ("... предусмотрен в редакции Закона ...", "См. ...").
            while k < paras.len()
                && !paras[k].quote
                && !is_editorial_marker(&paras[k].text)
                && looks_editorial(&paras[k].text)
            {
                note.push(' ');
                note.push_str(&normalise(&paras[k].text));
                a.end_line = a.end_line.max(paras[k].line);
                k += 1;
            }
            a.editorial.push((p.line, note));
            continue;
        }
        // Footnotes come as blockquotes, or in some versions as plain "Сноска. ..." lines.
        if p.quote || is_footnote(text) {
            if let Some(mut f) = parse_footnote(text) {
                f.line = p.line;
                a.footnotes.push(f);
            } else {
                a.editorial.push((p.line, normalise(text)));
            }
            continue;
        }
        let clean = normalise(text);
        if clean.is_empty() {
            continue;
        }
        if let Some(rest) = note_heading(&clean) {
            place = Place::Notes;
            wording.push(clean.clone());
            if !rest.is_empty() {
                push_note(&mut a.notes, rest, p.line, true);
            }
            continue;
        }
        if place == Place::Notes {
            wording.push(clean.clone());
            push_note(&mut a.notes, &clean, p.line, false);
            continue;
        }
        wording.push(clean.clone());
        if a.parts.is_empty() && starts_repealed(&clean) && !a.repealed {
            // "Статья исключена ..." as the body, or the only paragraph.
            let only = paras[k..]
                .iter()
                .all(|q| q.quote || is_editorial_marker(&q.text));
            if only {
                a.repealed = true;
                continue;
            }
        }
        let lower_start = find_sanction(&clean) == Some(0);
        if lower_start {
            if a.parts.is_empty() {
                a.parts.push(new_part("1", String::new(), p.line));
            }
            let part = a.parts.last_mut().expect("a part was just ensured");
            set_sanction(part, &clean, p.line, &a.number, warnings);
            place = Place::After;
            continue;
        }
        if let Some((num, rest)) = numbered(&clean) {
            // An unnumbered lead-in before numbered parts is not a part "1" of its own.
            if implicit_first
                && a.parts.len() == 1
                && a.parts[0].sanction.is_none()
                && a.parts[0].items.is_empty()
            {
                let lead = a.parts.remove(0);
                a.paragraphs.push((lead.line, lead.text));
            }
            implicit_first = false;
            let mut part = new_part(num, String::new(), p.line);
            part.repealed = starts_repealed(rest);
            split_inline_sanction(&mut part, rest, p.line);
            a.parts.push(part);
            place = Place::Part;
            continue;
        }
        if let Some((label, rest)) = item_label(&clean) {
            if a.parts.is_empty() {
                a.parts.push(new_part("1", String::new(), p.line));
            }
            let part = a.parts.last_mut().expect("a part was just ensured");
            let id = style.item_id(label).unwrap_or_else(|| {
                warnings.push(Warning {
                    line: p.line,
                    message: format!("article {}: item label {label}) not understood", a.number),
                });
                label.to_string()
            });
            let mut item = ArticleItem {
                item: id,
                label: label.to_string(),
                text: String::new(),
                line: p.line,
            };
            // The last item often carries the sanction on the same line in old texts.
            if let Some(at) = inline_sanction_at(rest) {
                item.text = rest[..at].trim_end().to_string();
                set_sanction(part, &rest[at..], p.line, &a.number, warnings);
            } else {
                item.text = rest.to_string();
            }
            part.items.push(item);
            place = Place::Part;
            continue;
        }
        // A plain paragraph: the body of a single-part article, the continuation of a
        // part, or an unnumbered paragraph after the parts.
        match place {
            Place::Start if a.parts.is_empty() => {
                implicit_first = true;
                let mut part = new_part("1", String::new(), p.line);
                split_inline_sanction(&mut part, &clean, p.line);
                a.parts.push(part);
                place = Place::Part;
            }
            Place::Part => {
                let part = a.parts.last_mut().expect("place Part has a part");
                // A part whose text has not ended its sentence goes on in this paragraph
                // (the texts sometimes break a sentence with a blank line).
                let last = part
                    .items
                    .last()
                    .map_or(part.text.as_str(), |it| it.text.as_str())
                    .trim_end();
                let continues = !last.is_empty() && !last.ends_with('.');
                if continues {
                    let target = match part.items.last_mut() {
                        Some(it) => &mut it.text,
                        None => &mut part.text,
                    };
                    let rest = clean.clone();
                    if let Some(at) = inline_sanction_at(&rest) {
                        target.push(' ');
                        target.push_str(rest[..at].trim_end());
                        set_sanction(part, &rest[at..], p.line, &a.number, warnings);
                    } else {
                        target.push(' ');
                        target.push_str(&rest);
                    }
                } else {
                    a.paragraphs.push((p.line, clean));
                }
            }
            _ => a.paragraphs.push((p.line, clean)),
        }
    }
    a.wording = wording.join("\n");
    // The 2014 code repeals an article by leaving its heading and a footnote ("Сноска.
    // Статья 108 исключена Законом ..."): with no text of its own, the article is gone.
    if !a.repealed && a.parts.is_empty() && a.paragraphs.is_empty() && a.notes.is_empty() {
        let own = format!("статья {} исключена", a.number);
        a.repealed = a.footnotes.iter().any(|f| {
            f.action == super::footnote::FootnoteAction::Repealed
                && f.text.to_lowercase().contains(&own)
        });
    }
    a
}

/// Whether `p` continues an article title: the title has not ended and the paragraph is a
/// short lowercase phrase, not a part, an item, a note or a sanction.
fn title_goes_on(title: &str, p: &Para) -> bool {
    let t = p.text.trim();
    !p.quote
        && !title.is_empty()
        && !title.ends_with(['.', ')'])
        && t.len() < 300
        // "(ВИЧ/СПИД)" on its own line ends a title in the flat layout of 2015.
        && (t.starts_with(|c: char| c.is_lowercase()) || (t.starts_with('(') && t.ends_with(')')))
        && !t.starts_with("наказыва")
        && numbered(t).is_none()
        && item_label(t).is_none()
        && !is_footnote(t)
}

/// Whether a paragraph after "Примечание РЦПИ!" is the editorial note's body.
fn looks_editorial(text: &str) -> bool {
    let t = text.to_lowercase();
    numbered(text.trim()).is_none()
        && item_label(text.trim()).is_none()
        && !t.starts_with("наказыва")
        && [
            "предусмотрен",
            "в редакции",
            "вводится в действие",
            "действие",
            "закона рк",
            "см.",
        ]
        .iter()
        .any(|w| t.contains(w))
}

fn new_part(num: &str, text: String, line: usize) -> ArticlePart {
    ArticlePart {
        part: num.to_string(),
        line,
        text,
        items: vec![],
        sanction: None,
        repealed: false,
    }
}

fn sanction_text(wording: &str, line: usize) -> SanctionText {
    let wording = wording.trim().to_string();
    SanctionText {
        penalty: parse_sanction(&wording),
        wording,
        line,
    }
}

/// Gives the part its sanction; a second one is a warning and the first is kept, so that a
/// sanction inside an item or a continued paragraph never silently replaces it.
fn set_sanction(
    part: &mut ArticlePart,
    wording: &str,
    line: usize,
    article: &str,
    warnings: &mut Vec<Warning>,
) {
    if part.sanction.is_some() {
        warnings.push(Warning {
            line,
            message: format!("article {article}: a second sanction in part {}", part.part),
        });
    } else {
        part.sanction = Some(sanction_text(wording, line));
    }
}

/// Where "наказывается" starts inside a line that also carries the part's text
/// ("... – наказывается ..."); only after a dash, so that "наказывается" quoted in a
/// definition is not taken for a sanction.
fn inline_sanction_at(text: &str) -> Option<usize> {
    let at = find_sanction(text)?;
    let before = text[..at].trim_end();
    (at > 0 && before.ends_with(['–', '-', '—'])).then_some(at)
}

fn split_inline_sanction(part: &mut ArticlePart, text: &str, line: usize) {
    match inline_sanction_at(text) {
        Some(at) => {
            part.text = text[..at].trim_end().to_string();
            part.sanction = Some(sanction_text(&text[at..], line));
        }
        None => part.text = text.to_string(),
    }
}

/// Adds a paragraph of the notes: a numbered note starts a note; anything else goes on with
/// the note before it (its list, its second paragraph), unless `fresh` (it follows its own
/// "Примечание." heading).
fn push_note(notes: &mut Vec<ArticleNote>, text: &str, line: usize, fresh: bool) {
    match numbered(text) {
        Some((num, rest)) => notes.push(ArticleNote {
            note: num.to_string(),
            text: rest.to_string(),
            line,
        }),
        None => match notes.last_mut() {
            Some(last) if !fresh => {
                last.text.push(' ');
                last.text.push_str(text);
            }
            _ => notes.push(ArticleNote {
                note: String::new(),
                text: text.to_string(),
                line,
            }),
        },
    }
}
