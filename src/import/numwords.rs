//! Russian number words in every case ("трех", "пяти", "одного", "двадцати", "полутора")
//! read as numbers, and numbers written back as words (for tests and generated texts).

/// A number read from words. `half` is set by "полтора"/"полутора" (one and a half) and by
/// "с половиной"; the value is then `whole + 0.5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    pub whole: u32,
    pub half: bool,
}

impl Number {
    /// The value in halves, so that 1.5 years becomes 18 months exactly: `halves * 6`.
    pub fn halves(self) -> u64 {
        u64::from(self.whole) * 2 + u64::from(self.half)
    }

    /// The value times `unit`, when it is a whole number (`1.5 * 12 = 18`).
    pub fn times(self, unit: u32) -> Option<u32> {
        let h = self.halves().checked_mul(u64::from(unit))?;
        if h % 2 != 0 {
            return None;
        }
        u32::try_from(h / 2).ok()
    }
}

/// What a word contributes: a unit (0-19), a ten, a hundred, or a multiplier.
#[derive(Clone, Copy)]
enum Word {
    Small(u32),
    Ten(u32),
    Hundred(u32),
    Thousand,
    Million,
    OneAndHalf,
}

/// Every case form of every word we read. The stems are few; listing the forms keeps the
/// matching exact (no stemming that could take "пятью" for something else).
const WORDS: &[(&str, Word)] = &[
    ("ноль", Word::Small(0)),
    ("нуля", Word::Small(0)),
    ("один", Word::Small(1)),
    ("одна", Word::Small(1)),
    ("одно", Word::Small(1)),
    ("одного", Word::Small(1)),
    ("одной", Word::Small(1)),
    ("одному", Word::Small(1)),
    ("одну", Word::Small(1)),
    ("одним", Word::Small(1)),
    ("одном", Word::Small(1)),
    ("одною", Word::Small(1)),
    // Plural forms with pluralia tantum ("одних суток") and collectives ("двое суток").
    ("одни", Word::Small(1)),
    ("одних", Word::Small(1)),
    ("одними", Word::Small(1)),
    ("двое", Word::Small(2)),
    ("двоих", Word::Small(2)),
    ("трое", Word::Small(3)),
    ("троих", Word::Small(3)),
    ("четверо", Word::Small(4)),
    ("четверых", Word::Small(4)),
    ("два", Word::Small(2)),
    ("две", Word::Small(2)),
    ("двух", Word::Small(2)),
    ("двум", Word::Small(2)),
    ("двумя", Word::Small(2)),
    ("три", Word::Small(3)),
    ("трех", Word::Small(3)),
    ("трем", Word::Small(3)),
    ("тремя", Word::Small(3)),
    ("четыре", Word::Small(4)),
    ("четырех", Word::Small(4)),
    ("четырем", Word::Small(4)),
    ("четырьмя", Word::Small(4)),
    ("пять", Word::Small(5)),
    ("пяти", Word::Small(5)),
    ("пятью", Word::Small(5)),
    ("шесть", Word::Small(6)),
    ("шести", Word::Small(6)),
    ("шестью", Word::Small(6)),
    ("семь", Word::Small(7)),
    ("семи", Word::Small(7)),
    ("семью", Word::Small(7)),
    ("восемь", Word::Small(8)),
    ("восьми", Word::Small(8)),
    ("восемью", Word::Small(8)),
    ("восьмью", Word::Small(8)),
    ("девять", Word::Small(9)),
    ("девяти", Word::Small(9)),
    ("девятью", Word::Small(9)),
    ("десять", Word::Small(10)),
    ("десяти", Word::Small(10)),
    ("десятью", Word::Small(10)),
    ("одиннадцать", Word::Small(11)),
    ("одиннадцати", Word::Small(11)),
    ("одиннадцатью", Word::Small(11)),
    ("двенадцать", Word::Small(12)),
    ("двенадцати", Word::Small(12)),
    ("двенадцатью", Word::Small(12)),
    ("тринадцать", Word::Small(13)),
    ("тринадцати", Word::Small(13)),
    ("тринадцатью", Word::Small(13)),
    ("четырнадцать", Word::Small(14)),
    ("четырнадцати", Word::Small(14)),
    ("четырнадцатью", Word::Small(14)),
    ("пятнадцать", Word::Small(15)),
    ("пятнадцати", Word::Small(15)),
    ("пятнадцатью", Word::Small(15)),
    ("шестнадцать", Word::Small(16)),
    ("шестнадцати", Word::Small(16)),
    ("шестнадцатью", Word::Small(16)),
    ("семнадцать", Word::Small(17)),
    ("семнадцати", Word::Small(17)),
    ("семнадцатью", Word::Small(17)),
    ("восемнадцать", Word::Small(18)),
    ("восемнадцати", Word::Small(18)),
    ("восемнадцатью", Word::Small(18)),
    ("девятнадцать", Word::Small(19)),
    ("девятнадцати", Word::Small(19)),
    ("девятнадцатью", Word::Small(19)),
    ("двадцать", Word::Ten(20)),
    ("двадцати", Word::Ten(20)),
    ("двадцатью", Word::Ten(20)),
    ("тридцать", Word::Ten(30)),
    ("тридцати", Word::Ten(30)),
    ("тридцатью", Word::Ten(30)),
    ("сорок", Word::Ten(40)),
    ("сорока", Word::Ten(40)),
    ("пятьдесят", Word::Ten(50)),
    ("пятидесяти", Word::Ten(50)),
    ("пятьюдесятью", Word::Ten(50)),
    ("шестьдесят", Word::Ten(60)),
    ("шестидесяти", Word::Ten(60)),
    ("шестьюдесятью", Word::Ten(60)),
    ("семьдесят", Word::Ten(70)),
    ("семидесяти", Word::Ten(70)),
    ("семьюдесятью", Word::Ten(70)),
    ("восемьдесят", Word::Ten(80)),
    ("восьмидесяти", Word::Ten(80)),
    ("восемьюдесятью", Word::Ten(80)),
    ("девяносто", Word::Ten(90)),
    ("девяноста", Word::Ten(90)),
    ("сто", Word::Hundred(100)),
    ("ста", Word::Hundred(100)),
    ("двести", Word::Hundred(200)),
    ("двухсот", Word::Hundred(200)),
    ("двумстам", Word::Hundred(200)),
    ("двумястами", Word::Hundred(200)),
    ("двухстах", Word::Hundred(200)),
    ("триста", Word::Hundred(300)),
    ("трехсот", Word::Hundred(300)),
    ("тремстам", Word::Hundred(300)),
    ("тремястами", Word::Hundred(300)),
    ("трехстах", Word::Hundred(300)),
    ("четыреста", Word::Hundred(400)),
    ("четырехсот", Word::Hundred(400)),
    ("четыремстам", Word::Hundred(400)),
    ("четырьмястами", Word::Hundred(400)),
    ("четырехстах", Word::Hundred(400)),
    ("пятьсот", Word::Hundred(500)),
    ("пятисот", Word::Hundred(500)),
    ("пятистам", Word::Hundred(500)),
    ("пятьюстами", Word::Hundred(500)),
    ("пятистах", Word::Hundred(500)),
    ("шестьсот", Word::Hundred(600)),
    ("шестисот", Word::Hundred(600)),
    ("шестистам", Word::Hundred(600)),
    ("шестьюстами", Word::Hundred(600)),
    ("шестистах", Word::Hundred(600)),
    ("семьсот", Word::Hundred(700)),
    ("семисот", Word::Hundred(700)),
    ("семистам", Word::Hundred(700)),
    ("семьюстами", Word::Hundred(700)),
    ("семистах", Word::Hundred(700)),
    ("восемьсот", Word::Hundred(800)),
    ("восьмисот", Word::Hundred(800)),
    ("восьмистам", Word::Hundred(800)),
    ("восемьюстами", Word::Hundred(800)),
    ("восьмистах", Word::Hundred(800)),
    ("девятьсот", Word::Hundred(900)),
    ("девятисот", Word::Hundred(900)),
    ("девятистам", Word::Hundred(900)),
    ("девятьюстами", Word::Hundred(900)),
    ("девятистах", Word::Hundred(900)),
    ("тысяча", Word::Thousand),
    ("тысячи", Word::Thousand),
    ("тысяч", Word::Thousand),
    ("тысячу", Word::Thousand),
    ("тысячей", Word::Thousand),
    ("тысячью", Word::Thousand),
    ("тысячам", Word::Thousand),
    ("тысячами", Word::Thousand),
    ("тысячах", Word::Thousand),
    ("тысяче", Word::Thousand),
    ("миллион", Word::Million),
    ("миллиона", Word::Million),
    ("миллионов", Word::Million),
    ("миллиону", Word::Million),
    ("миллионом", Word::Million),
    ("миллионе", Word::Million),
    ("миллионами", Word::Million),
    ("миллионах", Word::Million),
    ("полтора", Word::OneAndHalf),
    ("полторы", Word::OneAndHalf),
    ("полутора", Word::OneAndHalf),
];

fn lookup(word: &str) -> Option<Word> {
    // Forms are compared lowercased, with "ё" read as "е" (the texts use both); the table
    // holds the "е" forms only. Words longer than any form are not numbers.
    if word.len() > 40 {
        return None;
    }
    let plain = word.chars().all(|c| c.is_lowercase() && c != 'ё');
    let owned;
    let w = if plain {
        word
    } else {
        owned = word
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == 'ё' { 'е' } else { c })
            .collect::<String>();
        owned.as_str()
    };
    table().get(w).copied()
}

/// The forms by spelling, built once: every token of every sanction is looked up.
fn table() -> &'static std::collections::HashMap<&'static str, Word> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<&'static str, Word>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| WORDS.iter().copied().collect())
}

/// Month names in the genitive, as dates are written in requisites ("7 ноября 2014 года").
pub const MONTHS: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Whether `word` (lowercase, "е" for "ё") is a number word or starts with a digit: a cheap
/// test before reading a number.
pub fn is_number_word(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit()) || table().contains_key(word)
}

/// Splits off the first word (letters, or digits) after leading spaces; returns the word and
/// the byte offset just past it.
fn next_word(text: &str, from: usize) -> Option<(&str, usize, usize)> {
    let rest = text.get(from..)?;
    let start = from + (rest.len() - rest.trim_start().len());
    let rest = &text[start..];
    let first = rest.chars().next()?;
    let end = if first.is_ascii_digit() {
        rest.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len())
    } else if first.is_alphabetic() {
        rest.find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len())
    } else {
        return None;
    };
    Some((&rest[..end], start, start + end))
}

/// Reads a number at the start of `text` (leading spaces allowed): words such as
/// "двадцати пяти", "одной тысячи двухсот", "полутора", or digits ("1200", "1 200").
/// Returns the number and the byte offset just past it; `None` when no number starts there
/// or it does not fit in `u32`.
pub fn read_number(text: &str) -> Option<(Number, usize)> {
    let (first, _, end) = next_word(text, 0)?;
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        // Digits, possibly grouped by single spaces ("1 200").
        let mut digits = first.to_string();
        let mut end = end;
        while let Some((w, s, e)) = next_word(text, end) {
            if s == end + 1 && w.len() == 3 && w.bytes().all(|b| b.is_ascii_digit()) {
                digits.push_str(w);
                end = e;
            } else {
                break;
            }
        }
        let whole = digits.parse().ok()?;
        return Some((Number { whole, half: false }, end));
    }
    let mut total: u64 = 0; // completed thousands and millions
    let mut group: u64 = 0; // the group being read (below a thousand)
    let mut seen_group = false;
    let mut half = false;
    let mut pos = 0;
    let mut any = false;
    // Order guard: a hundred, then a ten, then a unit; a multiplier closes a group.
    let mut last_rank = 4u8;
    while let Some((w, _, e)) = next_word(text, pos) {
        let Some(word) = lookup(w) else { break };
        let rank = match word {
            Word::Hundred(_) => 3,
            Word::Ten(_) => 2,
            Word::Small(_) | Word::OneAndHalf => 1,
            Word::Thousand | Word::Million => 0,
        };
        if rank != 0 && rank >= last_rank {
            break;
        }
        if let Word::Small(n) = word {
            // "десять" .. "девятнадцать" cannot follow a ten ("двадцать пятнадцать").
            if n >= 10 && last_rank == 2 {
                break;
            }
        }
        match word {
            Word::Small(n) | Word::Ten(n) | Word::Hundred(n) => {
                group += u64::from(n);
                seen_group = true;
            }
            Word::OneAndHalf => {
                group += 1;
                half = true;
                seen_group = true;
            }
            Word::Thousand | Word::Million => {
                let mult = if matches!(word, Word::Thousand) {
                    1_000
                } else {
                    1_000_000
                };
                // A bare "тысяча" is one thousand; "полторы тысячи" is 1500.
                let g = if seen_group { group } else { 1 };
                let value = if half {
                    half = false;
                    g * mult + mult / 2
                } else {
                    g * mult
                };
                if total != 0 && value >= total {
                    break;
                }
                total += value;
                group = 0;
                seen_group = false;
                last_rank = 4;
                pos = e;
                any = true;
                continue;
            }
        }
        last_rank = rank;
        pos = e;
        any = true;
        if half {
            // Nothing follows "полтора" inside one number except a multiplier.
            let multiplier_next = next_word(text, pos).is_some_and(|(w2, _, _)| {
                matches!(lookup(w2), Some(Word::Thousand | Word::Million))
            });
            if multiplier_next {
                continue;
            }
            break;
        }
    }
    if !any {
        return None;
    }
    let whole = u32::try_from(total + group).ok()?;
    Some((Number { whole, half }, pos))
}

/// Reads `text` as a whole as one number (surrounding spaces allowed).
pub fn parse_number(text: &str) -> Option<Number> {
    let (n, end) = read_number(text)?;
    text[end..].trim().is_empty().then_some(n)
}

/// Grammatical case for writing numbers. The sanctions use the genitive after "от"/"до"
/// and the accusative after "на".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// "два", "пять", "двадцать один" (also the accusative of things).
    Nominative,
    /// "двух", "пяти", "двадцати одного".
    Genitive,
}

fn small(n: u32, case: Case, feminine: bool) -> &'static str {
    const NOM: [&str; 20] = [
        "ноль",
        "один",
        "два",
        "три",
        "четыре",
        "пять",
        "шесть",
        "семь",
        "восемь",
        "девять",
        "десять",
        "одиннадцать",
        "двенадцать",
        "тринадцать",
        "четырнадцать",
        "пятнадцать",
        "шестнадцать",
        "семнадцать",
        "восемнадцать",
        "девятнадцать",
    ];
    const GEN: [&str; 20] = [
        "нуля",
        "одного",
        "двух",
        "трех",
        "четырех",
        "пяти",
        "шести",
        "семи",
        "восьми",
        "девяти",
        "десяти",
        "одиннадцати",
        "двенадцати",
        "тринадцати",
        "четырнадцати",
        "пятнадцати",
        "шестнадцати",
        "семнадцати",
        "восемнадцати",
        "девятнадцати",
    ];
    match (case, n, feminine) {
        (Case::Nominative, 1, true) => "одна",
        (Case::Nominative, 2, true) => "две",
        (Case::Genitive, 1, true) => "одной",
        (Case::Nominative, n, _) => NOM[n as usize],
        (Case::Genitive, n, _) => GEN[n as usize],
    }
}

fn below_thousand(n: u32, case: Case, feminine: bool, out: &mut Vec<&'static str>) {
    const TENS_NOM: [&str; 10] = [
        "",
        "",
        "двадцать",
        "тридцать",
        "сорок",
        "пятьдесят",
        "шестьдесят",
        "семьдесят",
        "восемьдесят",
        "девяносто",
    ];
    const TENS_GEN: [&str; 10] = [
        "",
        "",
        "двадцати",
        "тридцати",
        "сорока",
        "пятидесяти",
        "шестидесяти",
        "семидесяти",
        "восьмидесяти",
        "девяноста",
    ];
    const HUND_NOM: [&str; 10] = [
        "",
        "сто",
        "двести",
        "триста",
        "четыреста",
        "пятьсот",
        "шестьсот",
        "семьсот",
        "восемьсот",
        "девятьсот",
    ];
    const HUND_GEN: [&str; 10] = [
        "",
        "ста",
        "двухсот",
        "трехсот",
        "четырехсот",
        "пятисот",
        "шестисот",
        "семисот",
        "восьмисот",
        "девятисот",
    ];
    let (h, rest) = (n / 100, n % 100);
    if h > 0 {
        out.push(match case {
            Case::Nominative => HUND_NOM[h as usize],
            Case::Genitive => HUND_GEN[h as usize],
        });
    }
    if rest >= 20 {
        out.push(match case {
            Case::Nominative => TENS_NOM[(rest / 10) as usize],
            Case::Genitive => TENS_GEN[(rest / 10) as usize],
        });
        if rest % 10 > 0 {
            out.push(small(rest % 10, case, feminine));
        }
    } else if rest > 0 {
        out.push(small(rest, case, feminine));
    }
}

/// Writes `n` (below a million) in words. `feminine` agrees the last word with a feminine
/// noun ("одна тысяча", "две недели"); thousands are feminine by themselves.
pub fn number_words(n: u32, case: Case, feminine: bool) -> String {
    if n == 0 {
        return small(0, case, false).to_string();
    }
    let mut out = Vec::new();
    let (th, rest) = (n / 1000 % 1000, n % 1000);
    if th > 0 {
        below_thousand(th, case, true, &mut out);
        let last = th % 10;
        let teen = (11..=14).contains(&(th % 100));
        out.push(match case {
            Case::Nominative if !teen && last == 1 => "тысяча",
            Case::Nominative if !teen && (2..=4).contains(&last) => "тысячи",
            Case::Nominative => "тысяч",
            Case::Genitive if !teen && last == 1 => "тысячи",
            Case::Genitive => "тысяч",
        });
    }
    below_thousand(rest, case, feminine, &mut out);
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Option<u32> {
        parse_number(text).filter(|x| !x.half).map(|x| x.whole)
    }

    #[test]
    fn reads_every_case() {
        assert_eq!(n("трех"), Some(3));
        assert_eq!(n("пяти"), Some(5));
        assert_eq!(n("одного"), Some(1));
        assert_eq!(n("двадцати"), Some(20));
        assert_eq!(n("двадцать пять"), Some(25));
        assert_eq!(n("ста восьмидесяти"), Some(180));
        assert_eq!(n("одной тысячи двухсот"), Some(1200));
        assert_eq!(n("двух тысяч"), Some(2000));
        assert_eq!(n("тысячи"), Some(1000));
        assert_eq!(n("пятидесяти тысяч"), Some(50_000));
        assert_eq!(n("Трёх"), Some(3));
        assert_eq!(n("1 200"), Some(1200));
        assert_eq!(n("кошка"), None);
        assert_eq!(n("двадцать пятнадцать"), None);
    }

    #[test]
    fn reads_one_and_a_half() {
        let x = parse_number("полутора").unwrap();
        assert_eq!((x.whole, x.half), (1, true));
        assert_eq!(x.times(12), Some(18));
        assert_eq!(n("полутора тысяч"), Some(1500));
    }

    #[test]
    fn stops_at_the_first_word_that_is_not_a_number() {
        let (x, end) = read_number("трех до пяти лет").unwrap();
        assert_eq!(x.whole, 3);
        assert_eq!(&"трех до пяти лет"[end..], " до пяти лет");
    }

    #[test]
    fn writes_what_it_reads() {
        for v in [
            1, 2, 5, 11, 20, 21, 100, 180, 999, 1000, 1001, 2500, 11_000, 21_000,
        ] {
            for case in [Case::Nominative, Case::Genitive] {
                for fem in [false, true] {
                    let w = number_words(v, case, fem);
                    assert_eq!(n(&w), Some(v), "{w}");
                }
            }
        }
        assert_eq!(number_words(3, Case::Genitive, false), "трех");
        assert_eq!(
            number_words(1200, Case::Genitive, false),
            "одной тысячи двухсот"
        );
    }
}
