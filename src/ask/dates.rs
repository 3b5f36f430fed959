//! Dates in questions: "in 2008", "before 2006", "between 2003 and 2016", "since 2015",
//! "on 1 June 2008", "June 2008", "01.06.2008", "today", in Russian and Kazakh too ("на 1 марта 2006 г.",
//! "2016 жыл"), parts of a year ("in spring 2007", "late 2012", "в начале 2012 года"), and
//! events ("before the 2013 anti-trafficking law", "after Law 292-VI took effect", "once the
//! old code was replaced") resolved through the data's own acts and codes. Each becomes the
//! date syntax the commands take (`2008`, `..2005`, `2003..2016`, `2008-06-01`).

use crate::graph::Law;
use crate::model::Date;
use chrono::Datelike;
use regex::Regex;
use std::sync::OnceLock;

/// A date found in a question: the form for commands over a period (`covers`), and the form
/// for commands about one edition (`penalty`, `show`): "after Law 292-VI" is `2020-01-08..`
/// for the first and `2020-01-08` for the second.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub text: String,
    pub point: String,
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Every date expression found, in order; marks the spans consumed.
pub fn find(q: &str, law: &Law, consumed: &mut Vec<(usize, usize)>) -> Vec<Found> {
    let mut out: Vec<(usize, Found)> = Vec::new();
    events(q, law, consumed, &mut out);
    words_dates(q, consumed, &mut out);
    let mut plain = english(q, consumed);
    out.append(&mut plain);
    out.sort_by_key(|(s, _)| *s);
    out.dedup_by(|a, b| a.1 == b.1);
    out.into_iter().map(|(_, d)| d).collect()
}

fn same(s: usize, text: String) -> (usize, Found) {
    (
        s,
        Found {
            point: text.clone(),
            text,
        },
    )
}

/// The English forms the interpreter started with, plus plain years in any language.
fn english(q: &str, consumed: &mut Vec<(usize, usize)>) -> Vec<(usize, Found)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let taken =
        |consumed: &Vec<(usize, usize)>, s: usize| consumed.iter().any(|(a, b)| s >= *a && s < *b);

    // Ranges and relative forms first, so their years are not read again as single years.
    let patterns: &[(&str, &str)] = &[
        ("between ", " and "),
        ("from ", " to "),
        ("from ", " until "),
    ];
    for (a, b) in patterns {
        let mut from = 0;
        while let Some(off) = q[from..].find(a) {
            let s = from + off;
            let y1_at = s + a.len();
            if let (Some(y1), Some(rest)) = (year_at(q, y1_at), q.get(y1_at + 4..)) {
                if rest.starts_with(b) {
                    let y2_at = y1_at + 4 + b.len();
                    if let Some(y2) = year_at(q, y2_at) {
                        consumed.push((s, y2_at + 4));
                        out.push((s, format!("{}..{}", y1.min(y2), y1.max(y2))));
                    }
                }
            }
            from = s + a.len();
        }
    }
    // "2003-2016" / "2003 to 2016"
    for (i, _) in q.char_indices() {
        if taken(consumed, i) {
            continue;
        }
        if let Some(y1) = year_at(q, i) {
            for sep in ["-", " - ", " to ", "..", " until "] {
                if q[i + 4..].starts_with(sep) {
                    if let Some(y2) = year_at(q, i + 4 + sep.len()) {
                        if y2 > y1
                            && !q[i + 4 + sep.len() + 4..].starts_with(|c: char| c.is_ascii_digit())
                            && !q[i + 4..].starts_with("-0")
                            && !q[i + 4..].starts_with("-1")
                        {
                            consumed.push((i, i + 4 + sep.len() + 4));
                            out.push((i, format!("{y1}..{y2}")));
                        }
                    }
                }
            }
        }
    }
    let relative: &[(&str, i32, bool)] = &[
        ("before ", -1, false),
        ("prior to ", -1, false),
        ("until ", 0, false),
        ("after ", 1, true),
        ("since ", 0, true),
        ("from ", 0, true),
    ];
    for (word, shift, open_end) in relative {
        let mut from = 0;
        while let Some(off) = q[from..].find(word) {
            let s = from + off;
            let y_at = s + word.len();
            from = y_at;
            if taken(consumed, s) {
                continue;
            }
            let (year, len) = match year_at(q, y_at) {
                Some(y) => (Some(y), 4),
                None => (None, 0),
            };
            if let Some(y) = year {
                let y = y + shift;
                consumed.push((s, y_at + len));
                out.push((
                    s,
                    if *open_end {
                        format!("{y}..")
                    } else {
                        format!("..{y}")
                    },
                ));
            }
        }
    }
    // "1 june 2008", "june 1, 2008", "june 2008"
    for (mi, m) in MONTHS.iter().enumerate() {
        let mut from = 0;
        while let Some(off) = q[from..].find(m) {
            let s = from + off;
            from = s + m.len();
            if taken(consumed, s) {
                continue;
            }
            let after = &q[s + m.len()..];
            let before = &q[..s];
            let day_before: Option<(u32, usize)> = {
                let t = before.trim_end();
                let digits: String = t
                    .chars()
                    .rev()
                    .take_while(|c| c.is_ascii_digit())
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect();
                digits
                    .parse()
                    .ok()
                    .filter(|d| (1..=31).contains(d))
                    .map(|d| (d, before.len() - (t.len() - digits.len())))
            };
            let a = after.trim_start_matches([' ', ',']);
            let day_after: Option<(u32, usize)> = {
                let digits: String = a.chars().take_while(|c| c.is_ascii_digit()).collect();
                digits
                    .parse()
                    .ok()
                    .filter(|d| (1..=31).contains(d) && digits.len() <= 2)
                    .map(|d| (d, digits.len()))
            };
            let month = mi as u32 + 1;
            let (day, y_at, start) = match (day_before, day_after) {
                (Some((d, len)), _) => (Some(d), s + m.len() + (after.len() - a.len()), s - len),
                (None, Some((d, len))) => {
                    let rest = &a[len..];
                    let r2 = rest.trim_start_matches([' ', ',']);
                    (
                        Some(d),
                        s + m.len() + (after.len() - a.len()) + len + (rest.len() - r2.len()),
                        s,
                    )
                }
                (None, None) => (None, s + m.len() + (after.len() - a.len()), s),
            };
            if let Some(y) = year_at(q, y_at) {
                consumed.push((start, y_at + 4));
                let text = match day.and_then(|d| Date::from_ymd_opt(y, month, d)) {
                    Some(date) => date.to_string(),
                    None => format!("{y}-{month:02}"),
                };
                out.push((start, text));
            }
        }
    }
    // Day-first dates, the form of Kazakh legal documents: `01.03.2006`, `1.3.2006`.
    static DOTTED: OnceLock<Regex> = OnceLock::new();
    let dotted = DOTTED
        .get_or_init(|| Regex::new(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b").expect("valid pattern"));
    for c in dotted.captures_iter(q) {
        let (Some(all), Some(d), Some(m), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        if (all.start()..all.end()).any(|i| taken(consumed, i)) {
            continue;
        }
        let num = |m: regex::Match| m.as_str().parse::<u32>().ok();
        let date = num(y)
            .zip(num(m))
            .zip(num(d))
            .and_then(|((y, m), d)| Date::from_ymd_opt(y as i32, m, d));
        if let Some(date) = date {
            consumed.push((all.start(), all.end()));
            out.push((all.start(), date.to_string()));
        }
    }
    // ISO dates and plain years.
    for (i, _) in q.char_indices() {
        if taken(consumed, i)
            || (i > 0 && q[..i].ends_with(|c: char| c.is_alphanumeric() || c == ':' || c == '.'))
        {
            continue;
        }
        if let Some(y) = year_at(q, i) {
            let rest = &q[i + 4..];
            let iso: String = rest.chars().take(6).collect();
            let (text, len) = if let Some(d) = iso_tail(y, &iso) {
                d
            } else {
                (y.to_string(), 4)
            };
            // A number glued to more digits or letters is not a year ("12345", "2008th").
            if q[i + len..].starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            consumed.push((i, i + len));
            out.push((i, text));
        }
    }
    for word in [
        "today",
        "now",
        "currently",
        "at present",
        "these days",
        "nowadays",
    ] {
        if let Some(s) = q.find(word) {
            let boundary = s == 0 || !q[..s].ends_with(|c: char| c.is_alphanumeric());
            if boundary && !taken(consumed, s) {
                consumed.push((s, s + word.len()));
                out.push((s, "today".into()));
            }
        }
    }
    out.into_iter().map(|(s, d)| same(s, d)).collect()
}

/// A plausible four-digit year (1990–2099) starting at byte `i`.
fn year_at(q: &str, i: usize) -> Option<i32> {
    let s = q.get(i..i + 4)?;
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if i > 0 && q[..i].ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let y: i32 = s.parse().ok()?;
    (1990..=2099).contains(&y).then_some(y)
}

/// `-06` or `-06-01` after a year.
fn iso_tail(y: i32, rest: &str) -> Option<(String, usize)> {
    let b = rest.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    if b.first() == Some(&b'-') && digit(1) && digit(2) {
        let m: u32 = rest[1..3].parse().ok()?;
        if b.get(3) == Some(&b'-') && digit(4) && digit(5) {
            let d: u32 = rest[4..6].parse().ok()?;
            let date = Date::from_ymd_opt(y, m, d)?;
            return Some((date.to_string(), 10));
        }
        if (1..=12).contains(&m) {
            return Some((format!("{y}-{m:02}"), 7));
        }
    }
    None
}

fn re(cell: &'static OnceLock<Regex>, p: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(p).expect("valid date pattern"))
}

fn ym(y: i32, a: u32, b: u32) -> String {
    if a == b {
        format!("{y}-{a:02}")
    } else {
        format!("{y}-{a:02}..{y}-{b:02}")
    }
}

/// The month a word names, in Russian or Kazakh (any case ending).
fn month_of(w: &str) -> Option<u32> {
    const RU: &[&str] = &[
        "январ",
        "феврал",
        "март",
        "апрел",
        "ма",
        "июн",
        "июл",
        "август",
        "сентябр",
        "октябр",
        "ноябр",
        "декабр",
    ];
    const KK: &[&str] = &[
        "қаңтар",
        "ақпан",
        "наурыз",
        "сәуір",
        "мамыр",
        "маусым",
        "шілде",
        "тамыз",
        "қыркүйек",
        "қазан",
        "қараша",
        "желтоқсан",
    ];
    if ["май", "мая", "мае"].contains(&w) {
        return Some(5);
    }
    RU.iter()
        .chain(KK)
        .position(|m| m.len() > 4 && w.starts_with(m))
        .map(|i| (i % 12) as u32 + 1)
}

/// Parts of a year, seasons, months and ranges in words (English, Russian, Kazakh).
fn words_dates(q: &str, consumed: &mut Vec<(usize, usize)>, out: &mut Vec<(usize, Found)>) {
    static PART_EN: OnceLock<Regex> = OnceLock::new();
    static PART_RU: OnceLock<Regex> = OnceLock::new();
    static PART_KK: OnceLock<Regex> = OnceLock::new();
    static DMY: OnceLock<Regex> = OnceLock::new();
    static YDM_KK: OnceLock<Regex> = OnceLock::new();
    static MY: OnceLock<Regex> = OnceLock::new();
    static RANGE: OnceLock<Regex> = OnceLock::new();
    static REL_RU: OnceLock<Regex> = OnceLock::new();
    static REL_KK: OnceLock<Regex> = OnceLock::new();
    const MONTHS: &str = r"январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*|қаңтар\w*|ақпан\w*|наурыз\w*|сәуір\w*|мамыр\w*|маусым\w*|шілде\w*|тамыз\w*|қыркүйек\w*|қазан\w*|қараша\w*|желтоқсан\w*";
    let taken =
        |c: &Vec<(usize, usize)>, a: usize, b: usize| c.iter().any(|(s, e)| a < *e && *s < b);
    let mut push = |c: &mut Vec<(usize, usize)>, a: usize, b: usize, text: String| {
        c.push((a, b));
        out.push(same(a, text));
    };
    let season = |w: &str, y: i32| -> Option<String> {
        let w = w.trim_end_matches('-');
        Some(match w {
            _ if w.starts_with("spring") || w.starts_with("весн") || w.starts_with("көктем") => {
                ym(y, 3, 5)
            }
            _ if w.starts_with("summer") || w == "летом" || w.starts_with("жаз") => {
                ym(y, 6, 8)
            }
            _ if w.starts_with("autumn")
                || w == "fall"
                || w.starts_with("осен")
                || w.starts_with("күз") =>
            {
                ym(y, 9, 11)
            }
            _ if w.starts_with("winter") || w.starts_with("зим") || w.starts_with("қыс") => {
                ym(y, 1, 2)
            }
            "start" | "beginning" | "early" | "начале" | "начало" => ym(y, 1, 3),
            _ if w.starts_with("бас") => ym(y, 1, 3),
            "middle" | "mid" | "середине" | "середина" => format!("{y}-07-01"),
            _ if w.starts_with("орта") => format!("{y}-07-01"),
            "end" | "late" | "конце" | "конец" => ym(y, 10, 12),
            _ if w.starts_with("соң") || w.starts_with("аяғ") => ym(y, 10, 12),
            _ => return None,
        })
    };
    let year = |s: &str| s.parse::<i32>().ok().filter(|y| (1990..=2099).contains(y));
    let part_en = re(
        &PART_EN,
        r"\b(?:(?:in|during|at)\s+)?(?:the\s+)?(?P<w>spring|summer|autumn|fall|winter|start|beginning|middle|end|early|late|mid)(?:\s+of)?(?:\s+the\s+year)?(?:\s+|-)(?P<y>\d{4})\b",
    );
    let part_ru = re(
        &PART_RU,
        r"\b(?:в\s+)?(?P<w>весной|летом|осенью|зимой|начале|середине|конце)\s+(?P<y>\d{4})\b(?:\s*(?:года|г\.?))?",
    );
    let part_kk = re(
        &PART_KK,
        r"\b(?P<y>\d{4})\s*(?:жылдың|жылы|ж\.)\s+(?P<w>көктемінде|көктемде|көктемі|жазында|жазда|жазы|күзінде|күзде|күзі|қысында|қыста|қысы|басында|басынан|басы|ортасында|ортасы|соңында|соңы|аяғында|аяғы)\b",
    );
    for r in [part_en, part_ru, part_kk] {
        for c in r.captures_iter(q) {
            let (Some(m), Some(w), Some(y)) = (
                c.get(0),
                c.name("w"),
                c.name("y").and_then(|y| year(y.as_str())),
            ) else {
                continue;
            };
            if taken(consumed, m.start(), m.end()) {
                continue;
            }
            if let Some(text) = season(w.as_str(), y) {
                push(consumed, m.start(), m.end(), text);
            }
        }
    }
    let dmy = re(
        &DMY,
        &format!(
            r"\b(?P<d>\d{{1,2}})\s+(?P<m>{MONTHS})\s+(?P<y>\d{{4}})\b(?:\s*(?:года|г\.?|жылғы|жыл))?"
        ),
    );
    let ydm = re(
        &YDM_KK,
        &format!(r"\b(?P<y>\d{{4}})\s*жылғы\s+(?P<d>\d{{1,2}})\s+(?P<m>{MONTHS})"),
    );
    for r in [dmy, ydm] {
        for c in r.captures_iter(q) {
            let Some(m) = c.get(0) else { continue };
            let y = c.name("y").and_then(|y| year(y.as_str()));
            let mo = c.name("m").and_then(|m| month_of(m.as_str()));
            let d = c.name("d").and_then(|d| d.as_str().parse::<u32>().ok());
            if taken(consumed, m.start(), m.end()) {
                continue;
            }
            if let (Some(y), Some(mo), Some(d)) = (y, mo, d) {
                if let Some(date) = Date::from_ymd_opt(y, mo, d) {
                    push(consumed, m.start(), m.end(), date.to_string());
                }
            }
        }
    }
    let my = re(
        &MY,
        &format!(
            r"\b(?P<m>{MONTHS})\s+(?P<y>\d{{4}})\b(?:\s*(?:года|г\.?))?|\b(?P<y2>\d{{4}})\s*жылғы\s+(?P<m2>{MONTHS})"
        ),
    );
    for c in my.captures_iter(q) {
        let Some(m) = c.get(0) else { continue };
        let y = c.name("y").or(c.name("y2")).and_then(|y| year(y.as_str()));
        let mo = c
            .name("m")
            .or(c.name("m2"))
            .and_then(|m| month_of(m.as_str()));
        if taken(consumed, m.start(), m.end()) {
            continue;
        }
        if let (Some(y), Some(mo)) = (y, mo) {
            push(consumed, m.start(), m.end(), format!("{y}-{mo:02}"));
        }
    }
    let range = re(
        &RANGE,
        r"\b(?:с|со|от|между)\s+(?P<a>\d{4})\s*(?:года|г\.?)?\s+(?:по|до|и)\s+(?P<b>\d{4})\b(?:\s*(?:год\w*|гг?\.?))?|\b(?P<a2>\d{4})\s*(?:жылдан|ж\.)\s+(?P<b2>\d{4})\s*(?:жылға\s+дейін|жылға|жылдар\w*)",
    );
    for c in range.captures_iter(q) {
        let Some(m) = c.get(0) else { continue };
        let a = c.name("a").or(c.name("a2")).and_then(|y| year(y.as_str()));
        let b = c.name("b").or(c.name("b2")).and_then(|y| year(y.as_str()));
        if taken(consumed, m.start(), m.end()) {
            continue;
        }
        if let (Some(a), Some(b)) = (a, b) {
            push(
                consumed,
                m.start(),
                m.end(),
                format!("{}..{}", a.min(b), a.max(b)),
            );
        }
    }
    let rel_ru = re(
        &REL_RU,
        r"\b(?P<rel>до|после|начиная\s+с|с|со)\s+(?P<y>\d{4})\b(?:\s*(?:года|г\.?))?",
    );
    let rel_kk = re(
        &REL_KK,
        r"\b(?P<y>\d{4})\s*(?:жылдан|жылға|жыл)\s+(?P<rel>бастап|дейін|кейін|бері)\b",
    );
    for r in [rel_ru, rel_kk] {
        for c in r.captures_iter(q) {
            let (Some(m), Some(rel), Some(y)) = (
                c.get(0),
                c.name("rel"),
                c.name("y").and_then(|y| year(y.as_str())),
            ) else {
                continue;
            };
            if taken(consumed, m.start(), m.end()) {
                continue;
            }
            let text = match rel.as_str() {
                "до" | "дейін" => format!("..{}", y - 1),
                "после" | "кейін" => format!("{}..", y + 1),
                _ => format!("{y}.."),
            };
            push(consumed, m.start(), m.end(), text);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Rel {
    Before,
    JustBefore,
    After,
}

/// "before the 2013 anti-trafficking law", "после вступления в силу закона 292-VI",
/// "292-VI заңы күшіне енгеннен кейін", "once the old code was replaced": a relation word and
/// an event, dated by the data (an act's entry into force, a code's first day).
fn events(q: &str, law: &Law, consumed: &mut Vec<(usize, usize)>, out: &mut Vec<(usize, Found)>) {
    static REL: OnceLock<Regex> = OnceLock::new();
    static REL_KK: OnceLock<Regex> = OnceLock::new();
    static TAIL: OnceLock<Regex> = OnceLock::new();
    let rel = re(
        &REL,
        r"\b(?P<rel>just before|right before|shortly before|immediately before|before|prior to|until|after|since|once|following|накануне|перед|до|после|с момента|со дня|с)\b",
    );
    let rel_kk = re(&REL_KK, r"\b(?P<rel>дейін|бұрын|кейін|соң|бастап)\b");
    let tail = re(
        &TAIL,
        r"^\s*(?:took effect|came into force|entered into force|was replaced|was adopted|вступил\w*\s+в\s+силу|күшіне\s+енгеннен|күшіне\s+енгенге)",
    );
    let kind = |r: &str| match r {
        "just before" | "right before" | "shortly before" | "immediately before" | "накануне"
        | "перед" => Rel::JustBefore,
        "before" | "prior to" | "until" | "до" | "дейін" | "бұрын" => Rel::Before,
        _ => Rel::After,
    };
    let taken = |c: &Vec<(usize, usize)>, a: usize| c.iter().any(|(s, e)| a >= *s && a < *e);
    let mut hits: Vec<(usize, usize, Rel, Date)> = Vec::new();
    for c in rel.captures_iter(q) {
        let Some(r) = c.name("rel") else { continue };
        if taken(consumed, r.start()) {
            continue;
        }
        let from = r.end();
        let to = floor_boundary(q, (from + 70).min(q.len()));
        let window = &q[from..to];
        if let Some((s, e, d)) = event(window, q, law) {
            // The event must follow closely: "after law 292-vi", "после вступления в силу закона".
            if s > 40 {
                continue;
            }
            let mut end = from + e;
            if let Some(t) = tail.find(&q[end..]) {
                end += t.end();
            }
            hits.push((r.start(), end, kind(r.as_str()), d));
        }
    }
    for c in rel_kk.captures_iter(q) {
        let Some(r) = c.name("rel") else { continue };
        if taken(consumed, r.start()) {
            continue;
        }
        let start = ceil_boundary(q, r.start().saturating_sub(60));
        let window = &q[start..r.start()];
        if let Some((s, e, d)) = event(window, q, law) {
            if window.len() - e > 35 {
                continue;
            }
            hits.push((start + s, r.end(), kind(r.as_str()), d));
        }
    }
    for (s, e, rel, d) in hits {
        if consumed.iter().any(|(a, b)| s < *b && *a < e && *a <= s) {
            continue;
        }
        consumed.push((s, e));
        // "in 2013, after the amendments of that year": the year only located the event.
        if [
            "that year",
            "the same year",
            "того же года",
            "этого года",
            "сол жыл",
        ]
        .iter()
        .any(|p| q[s..e].contains(p))
        {
            if let Some(at) = (0..q.len()).find(|&i| {
                q.is_char_boundary(i)
                    && year_at(q, i).is_some()
                    && !consumed.iter().any(|(a, b)| i >= *a && i < *b)
            }) {
                consumed.push((at, at + 4));
            }
        }
        let before = d.pred_opt().unwrap_or(d);
        let found = match rel {
            Rel::Before => Found {
                text: format!("..{before}"),
                point: before.to_string(),
            },
            Rel::JustBefore => Found {
                text: before.to_string(),
                point: before.to_string(),
            },
            Rel::After => Found {
                text: format!("{d}.."),
                point: d.to_string(),
            },
        };
        out.push((s, found));
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The first event in `w`: its span in `w` and the day it took effect.
fn event(w: &str, q: &str, law: &Law) -> Option<(usize, usize, Date)> {
    static NUM: OnceLock<Regex> = OnceLock::new();
    static CODE: OnceLock<Regex> = OnceLock::new();
    static YEAR_LAW: OnceLock<Regex> = OnceLock::new();
    let num = re(
        &NUM,
        r"(?:\b(?:law|закон\w*|заң\w*)\s+(?:no\.?\s*|№\s*)?)?\b(?P<n>\d{1,3}-[ivx]{1,5}|\d{1,3})\b(?:\s+(?:law|заң\w*))?",
    );
    let code = re(
        &CODE,
        r"\b(?:(?:the\s+)?(?:new|2014)\s+(?:criminal\s+)?code|(?:the\s+)?old\s+code\s+was\s+replaced|(?:the\s+)?reform|реформ\w*|замен\w*\s+старого\s+(?:ук|уголовного\s+кодекса|кодекса)|нов\w*\s+(?:ук|уголовного\s+кодекса|кодекса)|жаңа\s+(?:қылмыстық\s+)?(?:кодекс\w*|қк)|ескі\s+кодекс\w*\s+ауыстырыл\w*)",
    );
    let year_law = re(
        &YEAR_LAW,
        r"\b(?:the\s+)?(?P<y>\d{4})\s+(?:[a-z-]+\s+){0,2}?(?:law|act|amendments?|changes|reform)\b|\b(?:amendments?|law|changes)\s+of\s+(?:(?P<that>that|the same)\s+year|(?P<y2>\d{4}))\b|\b(?:закон\w*|поправ\w*|изменени\w*)\s+(?:от\s+)?(?:(?P<y3>\d{4})\s*(?:года|г\.?)?|(?P<that2>того\s+же\s+года|этого\s+года))|\b(?P<y4>\d{4})\s*жылғы\s+(?:[\w-]+\s+){0,2}?(?:заң\w*|түзету\w*|өзгеріс\w*)",
    );
    let mut best: Option<(usize, usize, Date)> = None;
    let mut consider = |s: usize, e: usize, d: Option<Date>| {
        if let Some(d) = d {
            if best.is_none_or(|(bs, _, _)| s < bs) {
                best = Some((s, e, d));
            }
        }
    };
    for c in num.captures_iter(w) {
        let (Some(m), Some(n)) = (c.get(0), c.name("n")) else {
            continue;
        };
        // A bare number is an act only with a law word ("law 480"), not an article.
        let has_word = m.as_str().trim() != n.as_str();
        if !n.as_str().contains('-') && !has_word {
            continue;
        }
        let number = n.as_str().to_uppercase();
        let d = law
            .acts()
            .find(|a| a.number.eq_ignore_ascii_case(&number))
            .and_then(|a| a.in_force);
        consider(m.start(), m.end(), d);
    }
    if let Some(m) = code.find(w) {
        // The newest code's first day: the day the old one was replaced.
        let d = law.codes().map(|c| c.in_force).max();
        consider(m.start(), m.end(), d);
    }
    for c in year_law.captures_iter(w) {
        let Some(m) = c.get(0) else { continue };
        let y = c
            .name("y")
            .or(c.name("y2"))
            .or(c.name("y3"))
            .or(c.name("y4"))
            .and_then(|y| y.as_str().parse::<i32>().ok())
            .or_else(|| {
                // "the amendments of that year": the year the question names elsewhere.
                (c.name("that").is_some() || c.name("that2").is_some())
                    .then(|| first_year(q))
                    .flatten()
            });
        let Some(y) = y else { continue };
        let subject = &w[m.start()..floor_boundary(w, (m.end() + 40).min(w.len()))];
        consider(m.start(), m.end(), act_of_year(law, y, subject));
    }
    best
}

fn first_year(q: &str) -> Option<i32> {
    (0..q.len()).find_map(|i| q.is_char_boundary(i).then(|| year_at(q, i)).flatten())
}

/// The act of a year that a phrase names: the laws signed that year (else in force that
/// year), narrowed to those whose title shares a topic the phrase names; the earliest.
fn act_of_year(law: &Law, y: i32, phrase: &str) -> Option<Date> {
    let words = crate::lang::stem::words(phrase);
    let topics: Vec<&crate::model::Topic> = law
        .topics()
        .filter(|t| {
            let mut names = vec![t.id.replace('-', " ")];
            names.extend(t.synonyms.iter().map(|s| s.to_lowercase()));
            names.iter().any(|n| {
                if crate::lang::stem::is_cyrillic(n) {
                    !crate::lang::stem::find_phrase(&words, n).is_empty()
                } else {
                    n.len() > 4 && phrase.contains(n.as_str())
                }
            })
        })
        .collect();
    let laws: Vec<&crate::model::Act> = law
        .acts()
        .filter(|a| a.kind != crate::model::ActKind::Code && a.in_force.is_some())
        .collect();
    let of_year: Vec<&&crate::model::Act> = {
        let signed: Vec<_> = laws.iter().filter(|a| a.signed.year() == y).collect();
        if signed.is_empty() {
            laws.iter()
                .filter(|a| a.in_force.is_some_and(|d| d.year() == y))
                .collect()
        } else {
            signed
        }
    };
    let about: Vec<&&&crate::model::Act> = of_year
        .iter()
        .filter(|a| {
            let title = a.title.to_lowercase();
            topics.iter().any(|t| {
                t.synonyms.iter().chain(std::iter::once(&t.label)).any(|s| {
                    !crate::lang::stem::is_cyrillic(s) && title.contains(&s.to_lowercase())
                })
            })
        })
        .collect();
    let pool: Vec<&crate::model::Act> = if about.is_empty() {
        of_year.iter().map(|a| **a).collect()
    } else {
        about.iter().map(|a| ***a).collect()
    };
    pool.iter().filter_map(|a| a.in_force).min()
}
