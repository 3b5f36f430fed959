//! Dates in questions: "in 2008", "before 2006", "between 2003 and 2016", "since 2015",
//! "on 1 June 2008", "June 2008", "today", "after the 2014 code", turned into the date
//! syntax the commands take (`2008`, `..2005`, `2003..2016`, `2008-06-01`).

use crate::model::Date;

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

/// Every date expression found, in order, as command syntax; marks the spans consumed.
pub fn find(q: &str, consumed: &mut Vec<(usize, usize)>) -> Vec<String> {
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
                None => match code_year(&q[y_at..]) {
                    Some((y, l)) => (Some(y), l),
                    None => (None, 0),
                },
            };
            if let Some(y) = year {
                // "after the 2014 code" means from the day that code applied.
                let is_code = len > 4;
                let y = if is_code { y } else { y + shift };
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
    out.sort_by_key(|(s, _)| *s);
    out.dedup_by(|a, b| a.1 == b.1);
    out.into_iter().map(|(_, d)| d).collect()
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

/// "the 2014 code", "the new code", "the old code": the year the code took effect.
fn code_year(s: &str) -> Option<(i32, usize)> {
    for (p, y) in [
        ("the 2014 code", 2015),
        ("the new code", 2015),
        ("2014 code", 2015),
        ("the 1997 code", 1998),
        ("the old code", 1998),
    ] {
        if s.starts_with(p) {
            return Some((y, p.len()));
        }
    }
    None
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
