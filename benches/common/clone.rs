//! A synthetic clone of the official-text mirror, for the import benchmarks and their smoke
//! test: a git repository in the mirror's layout (both codes, both folder layouts, `meta.yaml`,
//! `rus.md` whole or as a table of contents with split chapters, Kazakh files, footnotes,
//! repealed articles, editorial notes, a formatting-only change, versions before the 2014
//! code took effect), every sentence invented by us. Built with `git fast-import`, which
//! writes a hundred versions of two codes in seconds.
//!
//! The history is deterministic for a given [`Spec`]; [`write_clone`] leaves one more version
//! ready in `next-version.fi` so a benchmark can add "one new commit" and re-import.

#![allow(dead_code)] // the bench and the smoke test use different parts

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The size of the generated mirror.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Versions (commits) of each code.
    pub versions: usize,
    /// Articles of each code at the start (a few are added and repealed later).
    pub articles: usize,
    pub seed: u64,
}

impl Spec {
    /// The realistic size the issue asks for.
    pub fn realistic() -> Spec {
        Spec {
            versions: 100,
            articles: 450,
            seed: 7,
        }
    }
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Written {
    pub repo: PathBuf,
    pub commits: usize,
    /// Bytes of text in the fast-import stream (every file version, uncompressed).
    pub text_bytes: usize,
    /// The stream of the one extra version, applied by [`add_next_version`].
    pub next: PathBuf,
    /// Version dates of the last generated version of each code, 1997 code first.
    pub last_dates: [String; 2],
}

/// The generator of `lexchron gen` (SplitMix64), with the draws the invented text needs.
struct Rng(lexchron::scale::Rng);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0.next_u64()
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

// Invented vocabulary: deeds, objects and circumstances that no statute names.
const DEEDS: &[&str] = &[
    "Самовольное разведение",
    "Незаконная перепродажа",
    "Тайное окрашивание",
    "Умышленная подмена",
    "Небрежное хранение",
    "Публичное восхваление",
    "Скрытая перевозка",
    "Массовое копирование",
];
const THINGS: &[&str] = &[
    "фиолетовых кроликов",
    "ледяных скульптур",
    "почтовых голубей",
    "старинных барабанов",
    "лунных календарей",
    "янтарных пуговиц",
    "горных колокольчиков",
    "бумажных фонарей",
];
const PLACES: &[&str] = &[
    "в городском парке",
    "на крыше вокзала",
    "вблизи молочной фермы",
    "в пределах заповедной рощи",
    "на территории ярмарки",
    "в подвале библиотеки",
];
const AGGRAVATING: &[&str] = &[
    "группой лиц по предварительному сговору",
    "повторно в течение одного сезона",
    "в отношении двух и более кроликов",
    "с использованием служебного фургона",
    "в ночное время суток",
    "с причинением крупного беспорядка",
];
const KAZ_WORDS: &[&str] = &[
    "қоян",
    "мүсін",
    "көгершін",
    "дабыл",
    "күнтізбе",
    "түйме",
    "қоңырау",
    "шам",
];

/// Genitive number words for terms and amounts ("от трех до пяти лет", "до пятисот").
fn genitive(n: u32) -> &'static str {
    match n {
        1 => "одного",
        2 => "двух",
        3 => "трех",
        4 => "четырех",
        5 => "пяти",
        6 => "шести",
        7 => "семи",
        8 => "восьми",
        9 => "девяти",
        10 => "десяти",
        12 => "двенадцати",
        15 => "пятнадцати",
        20 => "двадцати",
        30 => "тридцати",
        50 => "пятидесяти",
        80 => "восьмидесяти",
        100 => "ста",
        120 => "ста двадцати",
        200 => "двухсот",
        300 => "трехсот",
        400 => "четырехсот",
        500 => "пятисот",
        600 => "шестисот",
        800 => "восьмисот",
        1000 => "одной тысячи",
        2000 => "двух тысяч",
        3000 => "трех тысяч",
        5000 => "пяти тысяч",
        _ => "десяти",
    }
}

fn years(n: u32) -> &'static str {
    if n == 1 { "года" } else { "лет" }
}

/// One part's sanction as the generator holds it.
#[derive(Debug, Clone)]
enum Sanction {
    /// Fine, community work, arrest: a criminal misdemeanour.
    Light { mci: u32, hours: u32, days: u32 },
    /// Fine or restriction of liberty, or imprisonment "на тот же срок".
    Medium { mci: u32, years: u32 },
    /// Imprisonment from `min` to `max` years, confiscation 0 none, 1 mandatory, 2 optional.
    Prison {
        min: u32,
        max: u32,
        confiscation: u8,
    },
    /// Up to twenty years or life.
    Life { min: u32 },
    /// The 1997 code's older fines in months of income, then imprisonment up to `years`.
    Income { from: u32, to: u32, years: u32 },
    /// Old texts: imprisonment or the death penalty.
    Death { min: u32 },
    /// A reference the parser cannot turn into numbers (kept as unknown).
    Referral { article: u32 },
}

impl Sanction {
    fn random(rng: &mut Rng, tier: usize, old: bool) -> Sanction {
        let mci = [100, 200, 300, 500, 1000, 2000, 3000, 5000];
        if rng.chance(2) {
            return Sanction::Referral {
                article: 100 + rng.below(300) as u32,
            };
        }
        match tier {
            0 if old && rng.chance(40) => Sanction::Income {
                from: 2,
                to: [5, 10][rng.below(2)],
                years: 1 + rng.below(3) as u32,
            },
            0 => Sanction::Light {
                mci: mci[rng.below(4)],
                hours: [100, 120, 200, 400][rng.below(4)],
                days: [10, 20, 30, 50][rng.below(4)],
            },
            1 => Sanction::Medium {
                mci: mci[2 + rng.below(6)],
                years: 1 + rng.below(5) as u32,
            },
            2 => {
                let min = 2 + rng.below(5) as u32;
                Sanction::Prison {
                    min,
                    max: min + 2 + rng.below(6) as u32,
                    confiscation: rng.below(3) as u8,
                }
            }
            _ if old && rng.chance(30) => Sanction::Death {
                min: [10, 12, 15][rng.below(3)],
            },
            _ => Sanction::Life {
                min: [10, 12, 15][rng.below(3)],
            },
        }
    }

    /// An amendment: terms move by a year, amounts by a step.
    fn amend(&mut self, rng: &mut Rng) {
        let up = rng.chance(60);
        let step = |x: &mut u32, lo: u32, hi: u32| {
            *x = if up {
                (*x + 1).min(hi)
            } else {
                x.saturating_sub(1).max(lo)
            }
        };
        match self {
            Sanction::Light { days, .. } => *days = if up { 50 } else { 20 },
            Sanction::Medium { years, .. } => step(years, 1, 8),
            Sanction::Prison { min, max, .. } => {
                step(max, *min + 1, 20);
            }
            Sanction::Life { min } | Sanction::Death { min } => {
                *min = if up { 15 } else { 12 };
            }
            Sanction::Income { years, .. } => step(years, 1, 5),
            Sanction::Referral { .. } => {
                *self = Sanction::Prison {
                    min: 3,
                    max: 7,
                    confiscation: 0,
                }
            }
        }
    }

    fn russian(&self, verb: &str) -> String {
        match *self {
            Sanction::Light { mci, hours, days } => format!(
                "{verb} арестом на срок до {} суток либо общественными работами на срок до {} часов, либо штрафом в размере до {} месячных расчетных показателей.",
                genitive(days),
                genitive(hours),
                genitive(mci)
            ),
            Sanction::Medium { mci, years: y } => format!(
                "{verb} ограничением свободы на срок до {} {} либо лишением свободы на тот же срок, либо штрафом в размере до {} месячных расчетных показателей.",
                genitive(y),
                years(y),
                genitive(mci)
            ),
            Sanction::Prison {
                min,
                max,
                confiscation,
            } => format!(
                "{verb} лишением свободы на срок от {} до {} лет{}.",
                genitive(min),
                genitive(max),
                match confiscation {
                    1 => " с конфискацией имущества",
                    2 => " с конфискацией имущества или без таковой",
                    _ => "",
                }
            ),
            Sanction::Life { min } => format!(
                "{verb} лишением свободы на срок от {} до двадцати лет либо пожизненным лишением свободы.",
                genitive(min)
            ),
            Sanction::Income { from, to, years: y } => format!(
                "{verb} лишением свободы на срок до {} {} либо штрафом в размере от ста до трехсот месячных расчетных показателей или в размере заработной платы или иного дохода осужденного за период от {} до {} месяцев.",
                genitive(y),
                years(y),
                genitive(from),
                genitive(to)
            ),
            Sanction::Death { min } => format!(
                "{verb} лишением свободы на срок от {} до двадцати лет либо смертной казнью.",
                genitive(min)
            ),
            Sanction::Referral { article } => format!(
                "{verb} так же, как деяния, описанные в статье {article} настоящего Кодекса."
            ),
        }
    }
}

#[derive(Debug, Clone)]
struct PartState {
    deed: String,
    items: Vec<String>,
    sanction: Option<Sanction>,
}

#[derive(Debug, Clone)]
struct ArticleState {
    number: String,
    title: String,
    parts: Vec<PartState>,
    footnotes: Vec<String>,
    repealed: Option<String>,
    note: bool,
    editorial: bool,
}

/// Which code, and how its folders and files are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Cc1997,
    Cc2014,
}

impl Which {
    fn act_code(self) -> &'static str {
        match self {
            Which::Cc1997 => "8",
            Which::Cc2014 => "81097",
        }
    }
    /// The older flat folder (1997 code only) and the year/date folder.
    fn folder(self, flat: bool) -> &'static str {
        match (self, flat) {
            (Which::Cc1997, true) => "02-codes/19970715-ugolovnyi-kodeks-respubliki-kazakhstan-8",
            (Which::Cc1997, false) => "02-codes/1997/0715-ugolovnyi-kodeks-respubliki-kazakhstan-8",
            (Which::Cc2014, _) => "02-codes/2014/0703-ugolovnyi-kodeks-respubliki-kazakhstan-81097",
        }
    }
    /// The section number of the special part in split file names.
    fn special_section(self) -> usize {
        match self {
            Which::Cc1997 => 7,
            Which::Cc2014 => 6,
        }
    }
    fn item_label(self, i: usize) -> String {
        match self {
            // The 1997 code letters its items in Russian alphabetical order (no ё, й).
            Which::Cc1997 => {
                const L: &[&str] = &["а", "б", "в", "г", "д", "е", "ж", "з", "и", "к"];
                L[i % L.len()].to_string()
            }
            Which::Cc2014 => (i + 1).to_string(),
        }
    }
}

/// One code's state as versions go by.
struct CodeState {
    which: Which,
    general: usize,
    articles: Vec<ArticleState>,
    /// Articles per special-part chapter file.
    chapter_size: usize,
    law_counter: u32,
    /// Chapters whose headings use `###` after the formatting-only change.
    reformatted: Option<usize>,
}

fn date_ru(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

impl CodeState {
    fn new(which: Which, n: usize, rng: &mut Rng) -> CodeState {
        let general = n / 5;
        let old = which == Which::Cc1997;
        let articles = (1..=n)
            .map(|i| {
                let special = i > general;
                let parts = if special {
                    1 + rng.below(4)
                } else {
                    1 + rng.below(3)
                };
                ArticleState {
                    number: i.to_string(),
                    title: format!("{} {}", rng.pick(DEEDS), rng.pick(THINGS)),
                    parts: (0..parts)
                        .map(|p| PartState {
                            deed: if p == 0 {
                                format!(
                                    "{} {} {}",
                                    rng.pick(DEEDS),
                                    rng.pick(THINGS),
                                    rng.pick(PLACES)
                                )
                            } else {
                                format!("То же деяние, совершенное {}", rng.pick(AGGRAVATING))
                            },
                            items: if p == 1 && rng.chance(40) {
                                (0..2 + rng.below(3))
                                    .map(|_| rng.pick(AGGRAVATING).to_string())
                                    .collect()
                            } else {
                                Vec::new()
                            },
                            sanction: special.then(|| Sanction::random(rng, p.min(3), old)),
                        })
                        .collect(),
                    footnotes: Vec::new(),
                    repealed: None,
                    note: special && rng.chance(8),
                    editorial: rng.chance(2),
                }
            })
            .collect();
        CodeState {
            which,
            general,
            articles,
            chapter_size: 22,
            law_counter: 10,
            reformatted: None,
        }
    }

    /// An amending law of `date`: its requisite and an entry-into-force rule, varied.
    fn law(&mut self, date: chrono::NaiveDate, rng: &mut Rng) -> (String, String) {
        self.law_counter += 1 + rng.below(30) as u32;
        let convocation = match (self.which, date.format("%Y").to_string().as_str()) {
            (Which::Cc1997, y) if y < "2012" => "IV",
            (Which::Cc1997, _) => "V",
            (_, y) if y < "2016" => "V",
            (_, y) if y < "2021" => "VI",
            (_, y) if y < "2024" => "VII",
            _ => "VIII",
        };
        let number = format!("{}-{convocation}", self.law_counter);
        let rule = match rng.below(5) {
            0 => format!(
                "вводится в действие с {}",
                date_ru(date + chrono::Duration::days(30))
            ),
            1 => "вводится в действие по истечении шести месяцев после дня его первого официального опубликования".to_string(),
            2 => "вводится в действие по истечении шестидесяти календарных дней после дня его первого официального опубликования".to_string(),
            _ => "вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования".to_string(),
        };
        (format!("от {} № {number}", date_ru(date)), rule)
    }

    /// One version's amendments: a few sanctions move, an article now and then is added
    /// or repealed; each touched article gains a footnote naming the law.
    fn amend(&mut self, date: chrono::NaiveDate, rng: &mut Rng) -> String {
        let (law, rule) = self.law(date, rng);
        let touched = 3 + rng.below(5);
        for _ in 0..touched {
            let i = self.general + rng.below(self.articles.len() - self.general);
            let a = &mut self.articles[i];
            if a.repealed.is_some() {
                continue;
            }
            let p = rng.below(a.parts.len());
            if let Some(s) = &mut a.parts[p].sanction {
                s.amend(rng);
            }
            a.footnotes.push(format!(
                "> *Сноска. Статья {} с изменением, внесенным Законом РК {law} ({rule}).*",
                a.number
            ));
        }
        if rng.chance(10) {
            let i = self.general + rng.below(self.articles.len() - self.general);
            if self.articles[i].repealed.is_none() {
                self.articles[i].repealed = Some(format!("Законом РК {law} ({rule})"));
            }
        }
        if rng.chance(10) {
            let i = self.general + rng.below(self.articles.len() - self.general);
            let base = self.articles[i].number.clone();
            let taken = self
                .articles
                .iter()
                .any(|a| a.number == format!("{base}-1"));
            if !base.contains('-') && !taken {
                let mut new = self.articles[i].clone();
                new.number = format!("{base}-1");
                new.repealed = None;
                new.footnotes = vec![format!(
                    "> *Сноска. Глава дополнена статьей {}-1 в соответствии с Законом РК {law} ({rule}).*",
                    base
                )];
                new.title = format!("{} {}", rng.pick(DEEDS), rng.pick(THINGS));
                self.articles.insert(i + 1, new);
            }
        }
        law
    }

    fn article_md(&self, a: &ArticleState, level: &str, out: &mut String) {
        let _ = writeln!(out, "<a id=\"st{}\"></a>\n", a.number);
        if let Some(by) = &a.repealed {
            let _ = writeln!(out, "{level} Статья {}. {}\n", a.number, a.title);
            let _ = writeln!(out, "> *Сноска. Статья {} исключена {by}.*\n", a.number);
            return;
        }
        let _ = writeln!(out, "{level} Статья {}. {}\n", a.number, a.title);
        if a.editorial {
            out.push_str("Примечание РЦПИ!\n\nТекст статьи сверяется с бумажным изданием.\n\n");
        }
        let single = a.parts.len() == 1;
        for (i, p) in a.parts.iter().enumerate() {
            let indent = if single { "" } else { "   " };
            if single {
                let _ = write!(out, "{}", p.deed);
            } else {
                let _ = write!(out, "{}. {}", i + 1, p.deed);
            }
            if p.items.is_empty() {
                out.push_str(if p.sanction.is_some() {
                    " –\n\n"
                } else {
                    ".\n\n"
                });
            } else {
                out.push_str(":\n\n");
                for (k, it) in p.items.iter().enumerate() {
                    let last = k + 1 == p.items.len();
                    let _ = writeln!(
                        out,
                        "{indent}{}) {it}{}\n",
                        self.which.item_label(k),
                        if last { ", –" } else { ";" }
                    );
                }
            }
            if let Some(s) = &p.sanction {
                let verb = if i > 0 && i % 2 == 0 {
                    "наказываются"
                } else {
                    "наказывается"
                };
                let deep = if p.items.is_empty() { indent } else { "      " };
                let _ = writeln!(out, "{deep}{}\n", s.russian(verb));
            }
        }
        if a.note {
            out.push_str(
                "Примечание. Кроликом в настоящей статье признается любое ушастое животное.\n\n",
            );
        }
        for f in &a.footnotes {
            out.push_str(f);
            out.push_str("\n\n");
        }
    }

    fn article_kaz(&self, a: &ArticleState, rng: &mut Rng, out: &mut String) {
        let _ = writeln!(out, "<a id=\"st{}\"></a>\n", a.number);
        let _ = writeln!(
            out,
            "### {}-бап. {} {}\n",
            a.number,
            rng.pick(KAZ_WORDS),
            rng.pick(KAZ_WORDS)
        );
        for (i, _) in a.parts.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. {} {} заңсыз өсіру – жазаланады.\n",
                i + 1,
                rng.pick(KAZ_WORDS),
                rng.pick(KAZ_WORDS)
            );
        }
    }

    /// The special part's chapters: article ranges.
    fn chapters(&self) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut start = self.general;
        while start < self.articles.len() {
            let end = (start + self.chapter_size).min(self.articles.len());
            out.push(start..end);
            start = end;
        }
        out
    }

    /// The Russian and Kazakh files of one version: whole `rus.md`, or a table of contents
    /// and split sections and chapters.
    fn files(
        &self,
        split: bool,
        flat_front_matter: bool,
        url: &str,
        rng: &mut Rng,
    ) -> Vec<(String, String)> {
        let mut files = Vec::new();
        let gen_sections: Vec<std::ops::Range<usize>> = {
            let per = self.general.div_ceil(5).max(1);
            (0..self.general)
                .step_by(per)
                .map(|s| s..(s + per).min(self.general))
                .collect()
        };
        let chapters = self.chapters();
        let head = |out: &mut String| {
            if flat_front_matter {
                let _ = writeln!(out, "---\npart_of: ../rus.md\nsource: {url}\n---\n");
            } else {
                out.push_str("↑ [Вся редакция](../rus.md)\n\n");
            }
        };
        if !split {
            let mut rus = String::new();
            let mut kaz = String::new();
            rus.push_str("## ОБЩАЯ ЧАСТЬ\n\n");
            for (s, r) in gen_sections.iter().enumerate() {
                let _ = writeln!(rus, "## РАЗДЕЛ {} ОБЩИЕ ПОЛОЖЕНИЯ О КРОЛИКАХ\n", s + 1);
                for a in &self.articles[r.clone()] {
                    self.article_md(a, "###", &mut rus);
                    self.article_kaz(a, rng, &mut kaz);
                }
            }
            rus.push_str("## ОСОБЕННАЯ ЧАСТЬ\n\n");
            for (c, r) in chapters.iter().enumerate() {
                let _ = writeln!(
                    rus,
                    "## Глава {}. ПРАВОНАРУШЕНИЯ ПРОТИВ ПОРЯДКА НОМЕР {}\n",
                    c + 1,
                    c + 1
                );
                for a in &self.articles[r.clone()] {
                    self.article_md(a, "###", &mut rus);
                    self.article_kaz(a, rng, &mut kaz);
                }
            }
            files.push(("rus.md".to_string(), rus));
            files.push(("kaz.md".to_string(), kaz));
            return files;
        }
        let mut toc = String::from("## ОГЛАВЛЕНИЕ\n\nОБЩАЯ ЧАСТЬ\n\n");
        for (s, r) in gen_sections.iter().enumerate() {
            let name = format!("sec{:03}.md", s + 1);
            let _ = writeln!(toc, "[РАЗДЕЛ {}](rus/{name})\n", s + 1);
            let mut rus = String::new();
            let mut kaz = String::new();
            head(&mut rus);
            let _ = writeln!(rus, "## РАЗДЕЛ {} ОБЩИЕ ПОЛОЖЕНИЯ О КРОЛИКАХ\n", s + 1);
            for a in &self.articles[r.clone()] {
                let _ = writeln!(toc, "Статья {}. {}\n", a.number, a.title);
                self.article_md(a, "###", &mut rus);
                self.article_kaz(a, rng, &mut kaz);
            }
            files.push((format!("rus/{name}"), rus));
            files.push((format!("kaz/{name}"), kaz));
        }
        toc.push_str("ОСОБЕННАЯ ЧАСТЬ\n\n");
        for (c, r) in chapters.iter().enumerate() {
            let name = format!("sec{:03}-ch{:03}.md", self.which.special_section(), c + 1);
            let _ = writeln!(toc, "[Глава {}](rus/{name})\n", c + 1);
            let level = if self.reformatted == Some(c) {
                "###"
            } else {
                "####"
            };
            let mut rus = String::new();
            let mut kaz = String::new();
            head(&mut rus);
            let _ = writeln!(
                rus,
                "### Глава {}. ПРАВОНАРУШЕНИЯ ПРОТИВ ПОРЯДКА НОМЕР {}\n",
                c + 1,
                c + 1
            );
            for a in &self.articles[r.clone()] {
                let _ = writeln!(toc, "Статья {}. {}\n", a.number, a.title);
                self.article_md(a, level, &mut rus);
                self.article_kaz(a, rng, &mut kaz);
            }
            files.push((format!("rus/{name}"), rus));
            files.push((format!("kaz/{name}"), kaz));
        }
        files.push(("rus.md".to_string(), toc));
        files
    }
}

fn meta(which: Which, date: chrono::NaiveDate, law: &str) -> String {
    let d = date_ru(date);
    let (requisite, approved) = match which {
        Which::Cc1997 => (
            "Кодекс Республики Казахстан от 16 июля 1997 года № 167-I",
            "1997-07-16",
        ),
        Which::Cc2014 => (
            "Кодекс Республики Казахстан от 3 июля 2014 года № 226-V ЗРК",
            "2014-07-03",
        ),
    };
    let code = which.act_code();
    format!(
        "act_code: '{code}'\nrequisite: {requisite}\ntitle:\n  rus: Уголовный кодекс Республики Казахстан\n  kaz: Қазақстан Республикасының Қылмыстық кодексi\nform: КОД\napproved_on: {approved}\nversion_date:\n  kaz: {date}\n  rus: {date}\nsource:\n  kaz: https://zan.gov.kz/client/#!/doc/{code}/kaz/{d}\n  rus: https://zan.gov.kz/client/#!/doc/{code}/rus/{d}\ncaused_by:\n  code: '9{}'\n  requisite: Закон Республики Казахстан {law} ЗРК\n  title:\n    rus: О внесении изменений в некоторые акты о фиолетовых кроликах\n  link: https://zan.gov.kz/client/#!/doc/9{}/rus\n",
        law.len(),
        law.len()
    )
}

/// One commit of the stream: the files that changed since `previous` (all of them when it
/// is empty), deletions of the files that went away, and `meta.yaml`.
#[allow(clippy::too_many_arguments)]
fn commit(
    stream: &mut Vec<u8>,
    mark: usize,
    date: chrono::NaiveDate,
    message: &str,
    folder: &str,
    files: &[(String, String)],
    previous: &mut std::collections::BTreeMap<String, String>,
    deletes: &[String],
) -> usize {
    let when = date
        .and_hms_opt(12, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp());
    let _ = write!(
        stream,
        "commit refs/heads/main\nmark :{mark}\ncommitter Mirror Bot <mirror@example.invalid> {when} +0000\ndata {}\n{message}\n",
        message.len() + 1
    );
    if mark > 1 {
        let _ = writeln!(stream, "from :{}", mark - 1);
    }
    for d in deletes {
        let _ = writeln!(stream, "D {d}");
    }
    let mut bytes = 0;
    for (name, text) in files {
        let path = format!("{folder}/{name}");
        if previous.get(&path) == Some(text) {
            continue;
        }
        let _ = write!(stream, "M 100644 inline {path}\ndata {}\n", text.len());
        stream.extend_from_slice(text.as_bytes());
        stream.push(b'\n');
        bytes += text.len();
        previous.insert(path, text.clone());
    }
    stream.push(b'\n');
    bytes
}

fn fast_import(repo: &Path, stream: &[u8]) -> Result<(), String> {
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet", "--force"])
        .current_dir(repo)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("git fast-import: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(stream)
        .map_err(|e| format!("writing to git fast-import: {e}"))?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "git fast-import failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

/// Writes the mirror into `repo` (created; must not exist yet) and the stream of one further
/// version next to it.
pub fn write_clone(repo: &Path, spec: &Spec) -> Result<Written, String> {
    let status = Command::new("git")
        .args(["init", "-q", "-b", "main"])
        .arg(repo)
        .status()
        .map_err(|e| format!("git init: {e}"))?;
    if !status.success() {
        return Err("git init failed".into());
    }
    let mut rng = Rng(lexchron::scale::Rng(spec.seed));
    let mut codes = [
        CodeState::new(Which::Cc1997, spec.articles, &mut rng),
        CodeState::new(Which::Cc2014, spec.articles, &mut rng),
    ];
    // Version dates: the 1997 code from its signing to late 2014; the 2014 code from its
    // signing (versions before 2015-01-01 included) to 2025, with one more version held back.
    let span =
        |from: chrono::NaiveDate, to: chrono::NaiveDate, n: usize| -> Vec<chrono::NaiveDate> {
            let days = (to - from).num_days().max(1);
            let steps = n.saturating_sub(1).max(1) as i64;
            (0..n)
                .map(|i| from + chrono::Duration::days(days * i as i64 / steps))
                .collect()
        };
    let ymd = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
    let d97 = span(ymd(1997, 7, 16), ymd(2014, 11, 20), spec.versions);
    let d14 = span(ymd(2014, 7, 3), ymd(2025, 10, 1), spec.versions + 1);
    let mut events: Vec<(chrono::NaiveDate, usize, usize)> = d97
        .iter()
        .enumerate()
        .map(|(i, d)| (*d, 0, i))
        .chain(d14.iter().enumerate().map(|(i, d)| (*d, 1, i)))
        .collect();
    events.sort();
    let mut stream = Vec::new();
    let mut tail = Vec::new();
    let mut previous = std::collections::BTreeMap::new();
    let mut text_bytes = 0;
    let mut last_dates = [String::new(), String::new()];
    for (k, &(date, c, i)) in events.iter().enumerate() {
        let code = &mut codes[c];
        let which = code.which;
        let law = if i == 0 {
            match which {
                Which::Cc1997 => "от 16.07.1997 № 167-I".to_string(),
                Which::Cc2014 => "от 03.07.2014 № 226-V".to_string(),
            }
        } else {
            code.amend(date, &mut rng)
        };
        // The 1997 code lived in the flat folder with a whole rus.md for its first 40
        // versions, then moved to the year folder, split; the 2014 code was whole at first.
        let flat = which == Which::Cc1997 && i < 40;
        let split = match which {
            Which::Cc1997 => i >= 40,
            Which::Cc2014 => i >= 8,
        };
        if which == Which::Cc2014 && i == 30 {
            // A formatting-only change: one chapter's headings go from #### to ###.
            code.reformatted = Some(2);
        }
        let folder = which.folder(flat);
        let url = format!(
            "https://zan.gov.kz/client/#!/doc/{}/rus/{}",
            which.act_code(),
            date_ru(date)
        );
        let mut files = code.files(split, flat, &url, &mut rng);
        files.push(("meta.yaml".to_string(), meta(which, date, &law)));
        let deletes: Vec<String> = if which == Which::Cc1997 && i == 40 {
            let old = format!("{}/", Which::Cc1997.folder(true));
            previous.retain(|p: &String, _| !p.starts_with(&old));
            vec![Which::Cc1997.folder(true).to_string()]
        } else {
            Vec::new()
        };
        let mark = k + 1;
        let message = format!("{} {} ({law})", which.act_code(), date);
        if k + 1 == events.len() {
            // The held-back version, built on whatever the branch head is when applied.
            let mut one = Vec::new();
            commit(
                &mut one,
                mark,
                date,
                &message,
                folder,
                &files,
                &mut previous,
                &deletes,
            );
            let text = String::from_utf8_lossy(&one).replacen(
                &format!("from :{}\n", mark - 1),
                "from refs/heads/main^0\n",
                1,
            );
            tail.extend_from_slice(text.as_bytes());
            break;
        }
        text_bytes += commit(
            &mut stream,
            mark,
            date,
            &message,
            folder,
            &files,
            &mut previous,
            &deletes,
        );
        last_dates[c] = date.to_string();
    }
    let commits = events.len() - 1;
    fast_import(repo, &stream)?;
    let next = repo.with_extension("next-version.fi");
    std::fs::write(&next, &tail).map_err(|e| format!("{}: {e}", next.display()))?;
    Ok(Written {
        repo: repo.to_path_buf(),
        commits,
        text_bytes,
        next,
        last_dates,
    })
}

/// Adds the held-back version as one new commit on `main`; returns the previous head so
/// the caller can move the branch back with [`reset_to`].
pub fn add_next_version(w: &Written) -> Result<String, String> {
    let head = git(&w.repo, &["rev-parse", "refs/heads/main"])?;
    let stream = std::fs::read(&w.next).map_err(|e| format!("{}: {e}", w.next.display()))?;
    fast_import(&w.repo, &stream)?;
    Ok(head)
}

/// Moves `main` back to `commit` (undoing [`add_next_version`]).
pub fn reset_to(repo: &Path, commit: &str) -> Result<(), String> {
    git(repo, &["update-ref", "refs/heads/main", commit]).map(|_| ())
}

/// Runs git in `repo`; stdout trimmed.
pub fn git(repo: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(repo)
        .output()
        .map_err(|e| format!("git {}: {e}", args.join(" ")))?;
    if !out.status.success() {
        return Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The peer's method for one question: the last commit before `date` (`git rev-list -1
/// --before`), then `git grep` for the article heading in that commit's folder of `code`
/// (`8` or `81097`). Returns the matching lines, as the peer would show them.
pub fn peer_answer(
    repo: &Path,
    act_code: &str,
    article: &str,
    date: &str,
) -> Result<String, String> {
    let commit = git(
        repo,
        &[
            "rev-list",
            "-1",
            &format!("--before={date}"),
            "refs/heads/main",
        ],
    )?;
    if commit.is_empty() {
        return Ok(String::new());
    }
    let pattern = format!("Статья {article}\\.");
    let out = Command::new("git")
        .args([
            "grep",
            "-h",
            "-A",
            "12",
            "-e",
            &pattern,
            &commit,
            "--",
            &format!("02-codes/*-{act_code}/rus*"),
        ])
        .current_dir(repo)
        .output()
        .map_err(|e| format!("git grep: {e}"))?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
