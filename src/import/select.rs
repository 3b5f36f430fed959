//! One part (or one item of a part) cut out of an article's official wording, for
//! `lexchron text cc1997:96.2.p`. Russian is cut along the lines the article parser found;
//! Kazakh, which has no parser of its own, along its numbered paragraphs, and an item by its
//! place in the Russian list (both languages list a part's items in the same order).

use super::article::{CodeStyle, parse_chapter};

/// The wording of one part or item, with the article heading for context.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Selection {
    pub part: String,
    pub item: Option<String>,
    /// The article heading as printed (`Статья 96. ...`), without Markdown marks.
    pub heading: String,
    /// The part's Russian wording; for an item, the part's opening words, the item and the
    /// part's sanction.
    pub ru: String,
    /// The same cut from the Kazakh wording, where it has that part.
    pub kz: Option<String>,
}

/// What the wording does not have, with what it has instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// No such part: the parts the article has.
    Part(Vec<String>),
    /// The part has no such item: the items it has.
    Item(Vec<String>),
}

/// Cuts part `part` (and item `item`) out of an edition's Russian and Kazakh wording.
pub fn select(
    ru: &str,
    kz: Option<&str>,
    style: CodeStyle,
    part: &str,
    item: Option<&str>,
) -> Result<Selection, Missing> {
    let (heading, text, index) = select_ru(ru, style, part, item)?;
    let kz = kz.and_then(|k| select_kz(k, part, index));
    Ok(Selection {
        part: part.to_string(),
        item: item.map(str::to_string),
        heading,
        ru: text,
        kz,
    })
}

/// A heading line without its `#`s and bold marks.
fn bare_heading(line: &str) -> String {
    line.trim()
        .trim_start_matches('#')
        .replace("**", "")
        .trim()
        .to_string()
}

/// Lines `from..to` (1-based, `to` exclusive) without footnotes, blank runs
/// collapsed to one, trimmed.
fn cut(lines: &[&str], from: usize, to: usize) -> String {
    let mut out: Vec<&str> = Vec::new();
    for l in lines
        .iter()
        .take(to.saturating_sub(1).min(lines.len()))
        .skip(from.saturating_sub(1))
    {
        let t = l.trim_end();
        // Footnotes, quoted or plain ("Сноска. ...", Kazakh "Ескерту. ..."), are not wording.
        let bare = t.trim_start().trim_start_matches(['>', ' ', '*', '_']);
        if t.trim_start().starts_with('>')
            || super::footnote::is_footnote(t)
            || bare.starts_with("Ескерту.")
        {
            continue;
        }
        if t.trim().is_empty() && out.last().is_none_or(|p| p.trim().is_empty()) {
            continue;
        }
        out.push(t);
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

fn join(blocks: &[String]) -> String {
    blocks
        .iter()
        .filter(|b| !b.trim().is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The Russian cut, and the item's place in its part's list.
fn select_ru(
    ru: &str,
    style: CodeStyle,
    part: &str,
    item: Option<&str>,
) -> Result<(String, String, Option<usize>), Missing> {
    let ch = parse_chapter(ru, style);
    let Some(a) = ch.articles.first() else {
        return Err(Missing::Part(vec![]));
    };
    let lines: Vec<&str> = ru.lines().collect();
    // From the parse, not the line: some texts break a long title over two paragraphs.
    let heading = if a.title.is_empty() {
        bare_heading(lines.get(a.line - 1).copied().unwrap_or_default())
    } else {
        format!("Статья {}. {}", a.number, a.title)
    };
    let Some(p) = a.parts.iter().find(|p| p.part == part) else {
        let mut have: Vec<String> = Vec::new();
        for p in &a.parts {
            if !have.contains(&p.part) {
                have.push(p.part.clone());
            }
        }
        return Err(Missing::Part(have));
    };
    // A part ends where the next part, an unnumbered paragraph or the notes begin.
    let notes_at = lines
        .iter()
        .enumerate()
        .skip(a.line)
        .find(|(_, l)| l.trim().trim_start_matches('*').starts_with("Примечани"))
        .map(|(i, _)| i + 1);
    let end = a
        .parts
        .iter()
        .map(|q| q.line)
        .chain(a.paragraphs.iter().map(|(l, _)| *l))
        .chain(a.notes.iter().map(|n| n.line))
        .chain(notes_at)
        .filter(|l| *l > p.line)
        .min()
        .unwrap_or(a.end_line + 1)
        .min(a.end_line + 1);
    let Some(id) = item else {
        return Ok((heading, cut(&lines, p.line, end), None));
    };
    let Some(k) = p.items.iter().position(|i| i.item == id) else {
        return Err(Missing::Item(
            p.items.iter().map(|i| i.item.clone()).collect(),
        ));
    };
    let it = &p.items[k];
    let first_item = p.items[0].line;
    let sanction = p
        .sanction
        .as_ref()
        .map(|s| s.line)
        .filter(|l| *l > p.items.last().map_or(0, |i| i.line) && *l < end);
    let item_end = p
        .items
        .get(k + 1)
        .map(|n| n.line)
        .or(sanction)
        .unwrap_or(end);
    let mut blocks = vec![
        cut(&lines, p.line, first_item),
        cut(&lines, it.line, item_end),
    ];
    if let Some(s) = sanction {
        if item_end <= s {
            blocks.push(cut(&lines, s, end));
        }
    }
    Ok((heading, join(&blocks), Some(k)))
}

/// `N.` or `N-M.` opening a line: a part number.
fn part_number(line: &str) -> Option<&str> {
    let t = line.trim().trim_start_matches(['*', '\\']);
    let end = t.find(|c: char| !(c.is_ascii_digit() || c == '-'))?;
    let num = &t[..end];
    let rest = t[end..].strip_prefix(['.', '\\'])?;
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    (!num.is_empty()
        && num.starts_with(|c: char| c.is_ascii_digit())
        && !num.ends_with('-')
        && (rest.is_empty() || rest.starts_with(char::is_whitespace)))
    .then_some(num)
}

/// A line opening with an item label (`1)`, `а)`, `ә)`): letters or digits, then `)`.
fn is_item_line(line: &str) -> bool {
    let t = line.trim();
    match t.find(')') {
        Some(close) if close > 0 => {
            let label = &t[..close];
            label.chars().count() <= 4
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
                && t[close + 1..].starts_with(char::is_whitespace)
        }
        _ => false,
    }
}

/// The Kazakh cut: the numbered part, and within it the item at the Russian item's place.
fn select_kz(kz: &str, part: &str, item: Option<usize>) -> Option<String> {
    let lines: Vec<&str> = kz.lines().collect();
    let head = lines.iter().position(|l| !l.trim().is_empty())?;
    let body_from = head + 2; // 1-based line after the heading
    let notes_at = lines
        .iter()
        .enumerate()
        .skip(head + 1)
        .find(|(_, l)| l.trim().trim_start_matches('*').starts_with("Ескертпе"))
        .map_or(lines.len() + 1, |(i, _)| i + 1);
    let starts: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .skip(head + 1)
        .filter(|(i, l)| i + 1 < notes_at && !l.trim_start().starts_with('>'))
        .filter_map(|(i, l)| part_number(l).map(|n| (i + 1, n)))
        .collect();
    let (from, to) = match starts.iter().position(|(_, n)| *n == part) {
        Some(k) => (starts[k].0, starts.get(k + 1).map_or(notes_at, |(l, _)| *l)),
        // An article without numbered parts is all part 1.
        None if starts.is_empty() && part == "1" => (body_from, notes_at),
        None => return None,
    };
    let Some(k) = item else {
        return Some(cut(&lines, from, to));
    };
    let items: Vec<usize> = (from..to)
        .filter(|l| lines.get(l - 1).is_some_and(|t| is_item_line(t)))
        .collect();
    let at = *items.get(k)?;
    let item_end = items.get(k + 1).copied().unwrap_or(to);
    let mut blocks = vec![cut(&lines, from, items[0])];
    let this = cut(&lines, at, item_end);
    if k + 1 < items.len() {
        blocks.push(this);
        // The part's sanction follows its last item, in that item's paragraphs after the first.
        let last = cut(&lines, *items.last()?, to);
        if let Some((_, tail)) = last.split_once("\n\n") {
            blocks.push(tail.to_string());
        }
    } else {
        blocks.push(this);
    }
    Some(join(&blocks))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Invented wording in the official layout.
    const RU: &str = "### Статья 7. Порча ограды\n\n1. Порча ограды –\n\n   наказывается штрафом в размере до ста месячных расчетных показателей.\n\n2. То же деяние, совершенное:\n\n   а) ночью;\n\n   б) повторно, –\n\n   наказывается лишением свободы на срок до двух лет.\n\n   > *Сноска. Статья 7 изменена.*\n\nНастоящая статья не применяется к заборам.\n\nПримечание. Оградой считается всякая изгородь.";
    const KZ: &str = "### 7-бап. Қоршауды бүлдіру\n\n1. Қоршауды бүлдіру – айыппұл салуға жазаланады.\n\n2. Дәл сол әрекет:\n\n   а) түнде;\n\n   ә) қайталап жасалса, –\n\n   бас бостандығынан айыруға жазаланады.\n\nЕскертпе. Қоршау – кез келген шарбақ.";

    #[test]
    fn a_part_is_cut_up_to_the_next_part_or_paragraph() {
        let s = select(RU, Some(KZ), CodeStyle::Cc1997, "1", None).unwrap();
        assert_eq!(s.heading, "Статья 7. Порча ограды");
        assert!(s.ru.starts_with("1. Порча ограды"), "{}", s.ru);
        assert!(s.ru.contains("до ста месячных"));
        assert!(!s.ru.contains("2. То же"));
        assert_eq!(
            s.kz.as_deref(),
            Some("1. Қоршауды бүлдіру – айыппұл салуға жазаланады.")
        );
        let s = select(RU, Some(KZ), CodeStyle::Cc1997, "2", None).unwrap();
        assert!(s.ru.contains("б) повторно"), "{}", s.ru);
        // Footnotes, the paragraph after the part and the notes are not the part's words.
        assert!(!s.ru.contains("Сноска"), "{}", s.ru);
        assert!(!s.ru.contains("заборам"), "{}", s.ru);
        assert!(!s.ru.contains("Примечание"), "{}", s.ru);
        assert!(!s.kz.unwrap().contains("Ескертпе"));
    }

    #[test]
    fn an_item_keeps_the_parts_opening_and_sanction() {
        let s = select(RU, Some(KZ), CodeStyle::Cc1997, "2", Some("a")).unwrap();
        assert_eq!(
            s.ru,
            "2. То же деяние, совершенное:\n\n   а) ночью;\n\n   наказывается лишением свободы на срок до двух лет."
        );
        let kz = s.kz.unwrap();
        assert!(kz.contains("а) түнде"), "{kz}");
        assert!(!kz.contains("ә) қайталап"), "{kz}");
        assert!(kz.contains("бас бостандығынан"), "{kz}");
        let s = select(RU, Some(KZ), CodeStyle::Cc1997, "2", Some("b")).unwrap();
        assert!(s.ru.contains("б) повторно") && !s.ru.contains("а) ночью"));
        assert!(s.kz.unwrap().contains("ә) қайталап"));
    }

    #[test]
    fn what_is_missing_is_named_with_what_exists() {
        assert_eq!(
            select(RU, None, CodeStyle::Cc1997, "5", None),
            Err(Missing::Part(vec!["1".into(), "2".into()]))
        );
        assert_eq!(
            select(RU, None, CodeStyle::Cc1997, "2", Some("p")),
            Err(Missing::Item(vec!["a".into(), "b".into()]))
        );
        // An article of one unnumbered body is all part 1.
        let one = "### Статья 8. Шум\n\nГромкий шум ночью –\n\nнаказывается арестом на срок до десяти суток.";
        let s = select(
            one,
            Some("### 8-бап. Шу\n\nТүнгі шу."),
            CodeStyle::Cc2014,
            "1",
            None,
        )
        .unwrap();
        assert!(s.ru.starts_with("Громкий шум"), "{}", s.ru);
        assert_eq!(s.kz.as_deref(), Some("Түнгі шу."));
    }

    #[test]
    fn escaped_numbers_and_a_title_broken_over_two_paragraphs() {
        // The older layout: a plain heading line, the title going on below, `1\\.` parts.
        let ru = "Статья 54. Обстоятельства, отягчающие\n\nвыдуманную ответственность\n\n1\\. Отягчающими признаются:\n\nа) первое;\n\nп) шестнадцатое;\n\nр) семнадцатое.\n\n2\\. Другое правило.\n\nСноска. Статья 54 изменена.";
        let s = select(ru, None, CodeStyle::Cc1997, "1", Some("q")).unwrap();
        assert_eq!(
            s.heading,
            "Статья 54. Обстоятельства, отягчающие выдуманную ответственность"
        );
        assert_eq!(s.ru, "1\\. Отягчающими признаются:\n\nр) семнадцатое.");
        let s = select(ru, None, CodeStyle::Cc1997, "2", None).unwrap();
        assert_eq!(s.ru, "2\\. Другое правило.");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(ru in "\\PC{0,300}", kz in "\\PC{0,200}", part in "[0-9]{1,2}", item in proptest::option::of("[a-z0-9]")) {
            let _ = select(&ru, Some(&kz), CodeStyle::Cc1997, &part, item.as_deref());
        }
    }
}
