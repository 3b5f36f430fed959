//! Footnotes of the official text (`> *Сноска. ...*`): the amending acts they name, with
//! their requisites, and each act's entry-into-force rule turned into a dated answer.

use crate::model::{ActKind, Confidence, Date};
use chrono::{Days, Months};

/// One footnote line, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    /// 1-based line in the file the footnote was read from (0 when parsed alone).
    pub line: usize,
    /// The footnote's text without the `> *` ... `*` markup.
    pub text: String,
    /// What the footnote says happened ("с изменениями", "исключена", "дополнена").
    pub action: FootnoteAction,
    /// The acts named, in the order given.
    pub acts: Vec<AmendingAct>,
}

/// The change a footnote reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FootnoteAction {
    /// Amended ("с изменениями", "с изменением", "изменена").
    Amended,
    /// Supplemented ("дополнена").
    Supplemented,
    /// Repealed ("исключена", "утратила силу").
    Repealed,
    /// Restated ("в редакции").
    Restated,
    /// Something else; the text says what.
    Other,
}

/// An amending act named in a footnote: "Законом РК от 03.07.2017 № 86-VI (вводится в
/// действие ...)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmendingAct {
    pub kind: ActKind,
    /// The act's date (the day it was signed).
    pub signed: Date,
    /// Its official number, e.g. `86-VI`.
    pub number: String,
    /// Its entry-into-force rule, when the footnote states one.
    pub rule: Option<InForceRule>,
}

impl AmendingAct {
    /// The requisite as the texts print it: `03.07.2017 № 86-VI`.
    pub fn requisite(&self) -> String {
        format!("{} № {}", self.signed.format("%d.%m.%Y"), self.number)
    }
}

/// How an act enters into force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InForceRule {
    /// On a stated day ("вводится в действие с 01.01.2015").
    OnDate(Date),
    /// A period after the day of first official publication ("по истечении десяти
    /// календарных дней после дня его первого официального опубликования").
    AfterPublication(Period),
    /// From the day of first official publication ("со дня ... опубликования").
    OnPublication,
    /// From the day of signing ("со дня подписания").
    OnSigning,
}

/// A length of time in an entry-into-force rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// "календарных дней" and plain "дней": both count calendar days.
    Days(u32),
    Months(u32),
}

/// A resolved entry-into-force day: the date, how sure it is, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryIntoForce {
    pub date: Date,
    pub grade: Confidence,
    pub explanation: String,
}

impl Period {
    /// The first day after the period that starts the day after `day` has run out: "by the
    /// expiry of ten days after the day of publication" on 8 June puts the act in force on
    /// 19 June (the ten days are 9-18 June). Months run to the same day N months on, then one
    /// more day. `None` past the calendar's end.
    pub fn first_day_after(self, day: Date) -> Option<Date> {
        let end = match self {
            Period::Days(n) => day.checked_add_days(Days::new(u64::from(n)))?,
            Period::Months(n) => day.checked_add_months(Months::new(n))?,
        };
        end.succ_opt()
    }

    fn describe(self) -> String {
        match self {
            Period::Days(n) => format!("{n} calendar days"),
            Period::Months(n) => format!("{n} months"),
        }
    }
}

impl InForceRule {
    /// The day the rule gives. `signed` is the act's date; `published` the day of its first
    /// official publication when known. A rule that counts from publication with no known
    /// publication date gives the earliest day it allows (publication cannot precede
    /// signing), graded C with the reason.
    pub fn resolve(self, signed: Date, published: Option<Date>) -> EntryIntoForce {
        match self {
            InForceRule::OnDate(d) => EntryIntoForce {
                date: d,
                grade: Confidence::A,
                explanation: format!("the act states the day: {d}"),
            },
            InForceRule::OnSigning => EntryIntoForce {
                date: signed,
                grade: Confidence::A,
                explanation: format!("in force from the day of signing, {signed}"),
            },
            InForceRule::OnPublication => match published {
                Some(p) => EntryIntoForce {
                    date: p,
                    grade: Confidence::A,
                    explanation: format!("in force from the day of first publication, {p}"),
                },
                None => EntryIntoForce {
                    date: signed,
                    grade: Confidence::C,
                    explanation: format!(
                        "in force from the day of first publication, which is not known; \
                         {signed} (the signing day) is the earliest it can be"
                    ),
                },
            },
            InForceRule::AfterPublication(period) => {
                let (base, known) = match published {
                    Some(p) => (p, true),
                    None => (signed, false),
                };
                let date = period.first_day_after(base).unwrap_or(Date::MAX);
                if known {
                    EntryIntoForce {
                        date,
                        grade: Confidence::A,
                        explanation: format!(
                            "{} after first publication on {base}",
                            period.describe()
                        ),
                    }
                } else {
                    EntryIntoForce {
                        date,
                        grade: Confidence::C,
                        explanation: format!(
                            "{} after first publication, whose date is not known; counted \
                             from the signing day {signed}, so {date} is the earliest day \
                             the rule allows",
                            period.describe()
                        ),
                    }
                }
            }
        }
    }

    /// The rule in our words, for `Act::in_force_rule`.
    pub fn describe(self) -> String {
        match self {
            InForceRule::OnDate(d) => format!("in force from {d}"),
            InForceRule::AfterPublication(p) => {
                format!("in force {} after first official publication", p.describe())
            }
            InForceRule::OnPublication => "in force from first official publication".into(),
            InForceRule::OnSigning => "in force from signing".into(),
        }
    }
}

/// Whether a line is a footnote line (`> *Сноска. ...`), with or without the markup.
pub fn is_footnote(line: &str) -> bool {
    let t = strip_markup(line);
    t.starts_with("Сноска.") || t.starts_with("Сноска ")
}

/// Removes the blockquote and emphasis markup around a footnote line.
fn strip_markup(line: &str) -> &str {
    let t = line.trim();
    let t = t.strip_prefix('>').unwrap_or(t).trim_start();
    let t = t.strip_prefix('*').unwrap_or(t);
    let t = t.trim_end();
    let t = t.strip_suffix('*').unwrap_or(t);
    t.trim()
}

/// Parses one footnote line. `None` when the line is not a footnote.
pub fn parse_footnote(line: &str) -> Option<Footnote> {
    if !is_footnote(line) {
        return None;
    }
    let text = strip_markup(line).to_string();
    Some(Footnote {
        line: 0,
        action: action_of(&text),
        acts: parse_acts(&text),
        text,
    })
}

fn action_of(text: &str) -> FootnoteAction {
    let lower = text.to_lowercase();
    // The first verb after "Сноска. <what>" decides; check the most specific first.
    let checks: [(&str, FootnoteAction); 7] = [
        ("исключен", FootnoteAction::Repealed),
        ("утратил", FootnoteAction::Repealed),
        ("в редакции", FootnoteAction::Restated),
        ("дополнен", FootnoteAction::Supplemented),
        ("с изменени", FootnoteAction::Amended),
        ("изменен", FootnoteAction::Amended),
        ("внесен", FootnoteAction::Amended),
    ];
    checks
        .iter()
        .filter_map(|(w, a)| lower.find(w).map(|i| (i, *a)))
        .min_by_key(|(i, _)| *i)
        .map_or(FootnoteAction::Other, |(_, a)| a)
}

/// Reads a date at the start of `s`: `DD.MM.YYYY`, or the older `9 июля 2004 г.` /
/// `15 мая 2007 года`. Returns the date and the bytes it took.
pub fn read_date(s: &str) -> Option<(Date, usize)> {
    let b = s.as_bytes();
    if b.len() >= 10 && b[2] == b'.' && b[5] == b'.' {
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let (d, m, y) = (num(0..2)?, num(3..5)?, num(6..10)?);
        return Some((Date::from_ymd_opt(y as i32, m, d)?, 10));
    }
    // Day in digits, month in words, year in digits, then an optional "г." or "года".
    let dlen = s.find(|c: char| !c.is_ascii_digit())?;
    if dlen == 0 || dlen > 2 {
        return None;
    }
    let day: u32 = s[..dlen].parse().ok()?;
    let rest = &s[dlen..];
    let rest_t = rest.trim_start();
    let mut pos = s.len() - rest_t.len();
    let mlen = rest_t
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest_t.len());
    let month = super::numwords::MONTHS
        .iter()
        .position(|m| *m == rest_t[..mlen].to_lowercase())? as u32
        + 1;
    pos += mlen;
    let rest_t = s[pos..].trim_start();
    pos = s.len() - rest_t.len();
    let ylen = rest_t
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest_t.len());
    if ylen != 4 {
        return None;
    }
    let year: i32 = rest_t[..ylen].parse().ok()?;
    pos += ylen;
    let tail = &s[pos..];
    let tail_t = tail.trim_start();
    for suffix in ["года", "г."] {
        if let Some(after) = tail_t.strip_prefix(suffix) {
            pos = s.len() - after.len();
            break;
        }
    }
    Some((Date::from_ymd_opt(year, month, day)?, pos))
}

/// Finds every "от DD.MM.YYYY № N" requisite with the act kind before it and the
/// parenthesised rule after it.
fn parse_acts(text: &str) -> Vec<AmendingAct> {
    let mut out = Vec::new();
    let mut kind = ActKind::Law;
    let mut search = 0;
    while let Some(rel) = text.get(search..).and_then(|t| t.find("от ")) {
        let at = search + rel;
        let before = &text[search..at];
        if let Some(k) = kind_in(before) {
            kind = k;
        }
        let after = &text[at + "от ".len()..];
        let Some((signed, dlen)) = read_date(after) else {
            search = at + "от ".len();
            continue;
        };
        let rest = &after[dlen..];
        let rest_trim = rest.trim_start();
        let Some(num_text) = rest_trim
            .strip_prefix('№')
            .or_else(|| rest_trim.strip_prefix("N "))
            .or_else(|| rest_trim.strip_prefix("N"))
        else {
            search = at + "от ".len();
            continue;
        };
        let num_text = num_text.trim_start();
        let nlen = num_text
            .find(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | '(' | ')' | '*'))
            .unwrap_or(num_text.len());
        // The texts sometimes type Roman numerals with Cyrillic look-alikes ("180-VІ").
        let number = super::edition::normalise_number(&num_text[..nlen]);
        if !number.starts_with(|c: char| c.is_ascii_digit()) {
            search = at + "от ".len();
            continue;
        }
        let consumed = text.len() - num_text.len() + nlen;
        let tail = &text[consumed..];
        let mut rule = None;
        let mut next = consumed;
        let tail_trim = tail.trim_start();
        if let Some(inner) = tail_trim.strip_prefix('(') {
            let close = matching_paren(inner).unwrap_or(inner.len());
            rule = parse_rule(&inner[..close]);
            next = text.len() - inner.len() + close;
        }
        if !number.is_empty() {
            out.push(AmendingAct {
                kind,
                signed,
                number,
                rule,
            });
        }
        search = next.max(at + 1);
        while !text.is_char_boundary(search) {
            search += 1;
        }
    }
    out
}

fn matching_paren(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The act kind named last in `before` ("Законом РК", "Конституционным законом", "Указом").
fn kind_in(before: &str) -> Option<ActKind> {
    let lower = before.to_lowercase();
    let found = [
        ("конституционн", ActKind::ConstitutionalLaw),
        ("указ", ActKind::Decree),
        ("постановлени", ActKind::CourtResolution),
        ("закон", ActKind::Law),
    ];
    found
        .iter()
        .filter_map(|(w, k)| lower.rfind(w).map(|i| (i, *k)))
        // "Конституционным законом": the adjective comes first, but the pair names one act.
        .max_by_key(|(i, k)| (*i, matches!(k, ActKind::ConstitutionalLaw)))
        .map(|(i, k)| {
            if k == ActKind::Law && lower[..i].trim_end().ends_with("конституционным")
            {
                ActKind::ConstitutionalLaw
            } else {
                k
            }
        })
}

/// Parses an entry-into-force rule: the text inside the parentheses after an act, or any
/// sentence stating one. `None` when no rule is recognised.
pub fn parse_rule(text: &str) -> Option<InForceRule> {
    let lower = text.to_lowercase().replace('ё', "е");
    // "порядок введения в действие см. ст. 2" names no day: no rule, so that the caller
    // falls back on better evidence (the mirror's version date).
    let i = lower
        .find("вводится в действие")
        .or_else(|| lower.find("вводятся в действие"))?;
    let rest = lower[i..].split_once("действие")?.1.trim_start();
    if let Some(d) = rest
        .strip_prefix("с ")
        .and_then(|r| read_date(r.trim_start()))
    {
        return Some(InForceRule::OnDate(d.0));
    }
    if rest.starts_with("со дня подписания") {
        return Some(InForceRule::OnSigning);
    }
    if rest.starts_with("со дня") && rest.contains("опубликования") {
        return Some(InForceRule::OnPublication);
    }
    if let Some(r) = rest.strip_prefix("по истечении") {
        let (n, end) = super::numwords::read_number(r)?;
        if n.half {
            return None;
        }
        let unit = r[end..].trim_start();
        let unit = unit
            .strip_prefix("календарных")
            .or_else(|| unit.strip_prefix("календарного"))
            .unwrap_or(unit)
            .trim_start();
        let period = if unit.starts_with("дн") || unit.starts_with("ден") {
            Period::Days(n.whole)
        } else if unit.starts_with("месяц") {
            Period::Months(n.whole)
        } else {
            return None;
        };
        if !r.contains("опубликования") {
            return None;
        }
        return Some(InForceRule::AfterPublication(period));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn reads_acts_and_rules() {
        let f = parse_footnote(
            "> *Сноска. Статья 7 с изменениями, внесенными законами РК от 02.03.2016 № 11-VI \
             (вводится в действие с 01.01.2017); от 05.06.2018 № 22-VI (вводится в действие по \
             истечении десяти календарных дней после дня его первого официального \
             опубликования); от 09.10.2020 № 33-VI.*",
        )
        .unwrap();
        assert_eq!(f.action, FootnoteAction::Amended);
        assert_eq!(f.acts.len(), 3);
        assert_eq!(f.acts[0].number, "11-VI");
        assert_eq!(f.acts[0].rule, Some(InForceRule::OnDate(d("2017-01-01"))));
        assert_eq!(
            f.acts[1].rule,
            Some(InForceRule::AfterPublication(Period::Days(10)))
        );
        assert_eq!(f.acts[2].signed, d("2020-10-09"));
        assert_eq!(f.acts[2].rule, None);
    }

    #[test]
    fn unknown_publication_gives_the_earliest_day_graded_c() {
        let r = InForceRule::AfterPublication(Period::Days(10));
        let e = r.resolve(d("2018-06-05"), None);
        assert_eq!(e.date, d("2018-06-16"));
        assert_eq!(e.grade, Confidence::C);
        let e = r.resolve(d("2018-06-05"), Some(d("2018-06-08")));
        assert_eq!((e.date, e.grade), (d("2018-06-19"), Confidence::A));
    }
}
