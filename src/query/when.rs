//! Dates and intervals: `2008`, `2008-06`, `2008-06-01`, `01.06.2008` (the day-first form of
//! Kazakh legal documents), `2003..2016`, `..2006`, `today`.

use super::InputError;
use crate::model::Date;
use chrono::Datelike;
use std::fmt;

/// An inclusive interval of days. A single day has `from == to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub from: Date,
    pub to: Date,
}

/// Bounds used for open-ended ranges.
const EARLIEST: (i32, u32, u32) = (1900, 1, 1);
const LATEST: (i32, u32, u32) = (2999, 12, 31);

fn ymd(y: i32, m: u32, d: u32) -> Option<Date> {
    Date::from_ymd_opt(y, m, d)
}

impl When {
    pub fn day(d: Date) -> When {
        When { from: d, to: d }
    }

    pub fn is_day(&self) -> bool {
        self.from == self.to
    }

    /// Parses a date or range; `today` is passed in so results are reproducible.
    pub fn parse(input: &str, today: Date) -> Result<When, InputError> {
        let t = input.trim();
        let lead = input[..input.len() - input.trim_start().len()]
            .chars()
            .count();
        if t.is_empty() {
            return Err(InputError::new(input, 0, 1, "empty date")
                .hint("write 2008, 2008-06, 2008-06-01, 2003..2016 or today"));
        }
        if t.chars().count() > 40 {
            return Err(
                InputError::new(input, lead, t.chars().count(), "date is too long")
                    .hint("write 2008, 2008-06, 2008-06-01, 2003..2016 or today"),
            );
        }
        if let Some((a, b)) = t.split_once("..") {
            let b_at = lead + a.chars().count() + 2;
            let from = if a.trim().is_empty() {
                ymd(EARLIEST.0, EARLIEST.1, EARLIEST.2).expect("valid constant")
            } else {
                point(input, a, lead, today)?.0
            };
            let to = if b.trim().is_empty() {
                ymd(LATEST.0, LATEST.1, LATEST.2).expect("valid constant")
            } else {
                point(input, b, b_at, today)?.1
            };
            if to < from {
                return Err(InputError::new(
                    input,
                    lead,
                    t.chars().count(),
                    format!("range ends ({to}) before it starts ({from})"),
                )
                .hint("write the earlier date first: 2003..2016"));
            }
            return Ok(When { from, to });
        }
        let (from, to) = point(input, t, lead, today)?;
        Ok(When { from, to })
    }
}

/// One side of a range, as the first and last day it denotes.
fn point(input: &str, s: &str, at: usize, today: Date) -> Result<(Date, Date), InputError> {
    let s_trim = s.trim();
    let at = at + (s.len() - s.trim_start().len());
    let width = s_trim.chars().count().max(1);
    let bad = |msg: String| {
        InputError::new(input, at, width, msg)
            .hint("write 2008, 2008-06, 2008-06-01, 2003..2016 or today")
    };
    if s_trim.eq_ignore_ascii_case("today") || s_trim.eq_ignore_ascii_case("now") {
        return Ok((today, today));
    }
    // Day-first `DD.MM.YYYY` (or `D.M.YYYY`) is the same day as `YYYY-MM-DD`.
    let dotted: Vec<&str> = s_trim.split('.').collect();
    let reordered;
    let fields: Vec<&str> = match dotted.as_slice() {
        [d, m, y] if d.len() <= 2 && m.len() <= 2 && y.len() == 4 => {
            reordered = [*y, *m, *d];
            reordered.to_vec()
        }
        _ => s_trim.split('-').collect(),
    };
    let num = |f: &str, what: &str| -> Result<u32, InputError> {
        if f.is_empty() || f.len() > 4 || !f.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad(format!("invalid {what} `{f}` in date `{s_trim}`")));
        }
        f.parse::<u32>()
            .map_err(|_| bad(format!("invalid {what} `{f}`")))
    };
    match fields.as_slice() {
        [y] => {
            if y.len() != 4 {
                return Err(bad(format!("`{s_trim}` is not a date")));
            }
            let y = num(y, "year")? as i32;
            let from = ymd(y, 1, 1).ok_or_else(|| bad(format!("year {y} is out of range")))?;
            let to = ymd(y, 12, 31).ok_or_else(|| bad(format!("year {y} is out of range")))?;
            Ok((from, to))
        }
        [y, m] => {
            let (y, m) = (num(y, "year")? as i32, num(m, "month")?);
            let from = ymd(y, m, 1).ok_or_else(|| bad(format!("no month {m} in {y}")))?;
            let next = if m == 12 {
                ymd(y + 1, 1, 1)
            } else {
                ymd(y, m + 1, 1)
            };
            let to = next
                .and_then(|d| d.pred_opt())
                .ok_or_else(|| bad("date out of range".into()))?;
            Ok((from, to))
        }
        [y, m, d] => {
            let (y, m, d) = (num(y, "year")? as i32, num(m, "month")?, num(d, "day")?);
            let day = ymd(y, m, d)
                .ok_or_else(|| bad(format!("{y}-{m:02}-{d:02} does not exist in the calendar")))?;
            Ok((day, day))
        }
        _ => Err(bad(format!("`{s_trim}` is not a date"))),
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (a, b) = (self.from, self.to);
        if a == b {
            write!(f, "{a}")
        } else if a.month() == 1
            && a.day() == 1
            && b.month() == 12
            && b.day() == 31
            && a.year() == b.year()
        {
            write!(f, "{}", a.year())
        } else {
            write!(f, "{a}..{b}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> Date {
        ymd(2026, 11, 24).unwrap()
    }
    fn w(s: &str) -> When {
        When::parse(s, today()).unwrap()
    }
    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn points_and_ranges() {
        assert_eq!(
            w("2008"),
            When {
                from: d("2008-01-01"),
                to: d("2008-12-31")
            }
        );
        assert_eq!(
            w("2008-02"),
            When {
                from: d("2008-02-01"),
                to: d("2008-02-29")
            }
        );
        assert_eq!(w("2008-06-01"), When::day(d("2008-06-01")));
        assert_eq!(
            w("2003..2016"),
            When {
                from: d("2003-01-01"),
                to: d("2016-12-31")
            }
        );
        assert_eq!(w("today"), When::day(today()));
        assert_eq!(w("..2006").to, d("2006-12-31"));
        assert_eq!(w("2006-03..").from, d("2006-03-01"));
        assert_eq!(w("2008").to_string(), "2008");
        assert_eq!(w("01.03.2006"), When::day(d("2006-03-01")));
        assert_eq!(w("1.3.2006"), When::day(d("2006-03-01")));
        assert_eq!(
            w("01.03.2006..31.12.2010"),
            When {
                from: d("2006-03-01"),
                to: d("2010-12-31")
            }
        );
        assert!(When::parse("31.02.2006", today()).is_err());
        assert!(When::parse("01.03.06", today()).is_err());
    }

    #[test]
    fn rejects_with_position() {
        let e = When::parse("2008-13", today()).unwrap_err();
        assert!(e.message.contains("no month 13"), "{}", e.message);
        let e = When::parse("2016..2003", today()).unwrap_err();
        assert!(e.message.contains("before it starts"));
        let e = When::parse("2003..20x6", today()).unwrap_err();
        assert_eq!(e.start, 6);
        assert!(When::parse("2009-02-29", today()).is_err());
        assert!(When::parse("yesterday", today()).is_err());
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,60}") {
            let _ = When::parse(&s, today());
        }

        #[test]
        fn valid_days_round_trip(y in 1900i32..2100, m in 1u32..=12, dd in 1u32..=28) {
            let day = ymd(y, m, dd).unwrap();
            prop_assert_eq!(When::parse(&day.to_string(), today()).unwrap(), When::day(day));
        }

        #[test]
        fn day_first_dates_are_the_same_day(y in 1900i32..2100, m in 1u32..=12, dd in 1u32..=28, pad in any::<bool>()) {
            let day = ymd(y, m, dd).unwrap();
            let s = if pad { format!("{dd:02}.{m:02}.{y}") } else { format!("{dd}.{m}.{y}") };
            prop_assert_eq!(When::parse(&s, today()).unwrap(), When::day(day));
        }

        #[test]
        fn ranges_are_ordered(a in 1990i32..2030, b in 1990i32..2030) {
            match When::parse(&format!("{a}..{b}"), today()) {
                Ok(r) => prop_assert!(r.from <= r.to),
                Err(_) => prop_assert!(b < a),
            }
        }
    }
}
