//! The importer's text parsers on fixtures in the official layout, written in our own
//! Russian words: headings at both levels, 1997 letters, notes, footnotes and their
//! entry-into-force rules, editorial notes, repealed articles and every kind of sanction.

use lexchron::import::article::{CodeStyle, normalise, parse_chapter};
use lexchron::import::footnote::{FootnoteAction, InForceRule, Period, parse_footnote, parse_rule};
use lexchron::import::numwords::{parse_number, read_number};
use lexchron::import::sanction::{
    parse_sanction, render_sanction, sanction_report, sanction_stats,
};
use lexchron::model::{
    ActKind, Confidence, Confiscation, Date, Fine, FineUnit, Imprisonment, Measure, MeasureKind,
    MeasureRole, MeasureUnit, Penalty,
};
use proptest::prelude::*;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// A 2014-style chapter: `###` and `####` headings, numbered items, an editorial note
/// inside a list, a footnote, a note, a repealed article and one sanction no one can read.
const CH2014: &str = "↑ [Вся редакция](../rus.md)

## Глава 40. ПРАВОНАРУШЕНИЯ ПРОТИВ ВЫМЫШЛЕННОГО ПОРЯДКА

<a id=\"st501\"></a>

### Статья 501. Порча садовых скамеек

1. Умышленная порча скамейки в городском саду –

   наказывается арестом на срок до тридцати суток либо штрафом в размере до ста пятидесяти месячных расчетных показателей, либо исправительными работами в том же размере, либо общественными работами на срок до ста двадцати часов.

2. То же деяние, совершенное:

   1) ночью;

      Примечание РЦПИ!

      Подпункт 2) предусмотрен в редакции Закона РК от 01.02.2020 № 1-VI (вводится в действие с 01.03.2020).

   2) группой лиц, –

      наказывается ограничением свободы на срок до трех лет либо лишением свободы на тот же срок.

> *Сноска. Статья 501 с изменениями, внесенными законами РК от 01.02.2020 № 1-VI (вводится в действие с 01.03.2020); от 05.06.2021 № 2-VII (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).*

<a id=\"st502\"></a>

#### Статья 502. Подделка билетов в зоопарк

Изготовление ложных билетов в зоопарк для продажи –

наказывается лишением свободы на срок от трех до пяти лет с конфискацией имущества или без таковой.

Примечание. Билетом здесь считается любая бумага на вход.

<a id=\"st503\"></a>

### Статья 503. Исключена Законом РК от 01.02.2020 № 1-VI (вводится в действие с 01.03.2020).

<a id=\"st504\"></a>

### Статья 504. Тяжкое вымышленное деяние

1. Деяние из части первой, повлекшее гибель двух лиц, –

   наказывается лишением свободы на срок от пятнадцати до двадцати лет либо пожизненным лишением свободы, с конфискацией имущества.

2. Деяние из части первой, совершенное повторно, –

   наказывается суровым порицанием на усмотрение суда.

Примечания.

1. Гибелью здесь считается любая утрата жизни.

2. Повторным считается деяние, совершенное дважды.
";

/// A 1997-style chapter: letter items, an old footnote with the date in words, the death
/// penalty, income-based fines and arrest in months.
const CH1997: &str = "---
part_of: ../rus.md
source: https://example.invalid/doc
---

## Глава 30. ПРЕСТУПЛЕНИЯ ПРОТИВ ВЫМЫШЛЕННЫХ ПРАВИЛ

<a id=\"st601\"></a>

### Статья 601. Нарушение правил кормления голубей

1. Кормление голубей в запретном месте, повлекшее вред, -

   наказывается лишением свободы на срок до двух лет либо арестом на срок до четырех месяцев, либо штрафом в размере от пятидесяти до ста месячных расчетных показателей или в размере заработной платы или иного дохода осужденного за период от одного до трех месяцев.

2. Те же деяния:

   а) совершенные группой лиц;

   б) совершенные повторно;

   в) совершенные лицом с использованием служебного положения, -

   наказываются лишением свободы на срок от трех до шести лет с лишением права держать голубятню на срок до двух лет или без такового. <*>

   > *Сноска. В статью 601 внесены изменения - Законом РК от 9 июля 2004 г. N 583 .*

<a id=\"st602\"></a>

#### Статья 602. Особо тяжкое вымышленное деяние

Особо тяжкое деяние против голубей -

наказывается лишением свободы на срок от десяти до двадцати лет или смертной казнью.
";

#[test]
fn both_heading_levels_and_line_numbers() {
    let ch = parse_chapter(CH2014, CodeStyle::Cc2014);
    let nums: Vec<&str> = ch.articles.iter().map(|a| a.number.as_str()).collect();
    assert_eq!(nums, ["501", "502", "503", "504"]);
    let a = &ch.articles[0];
    assert_eq!(a.title, "Порча садовых скамеек");
    assert_eq!(a.line, 7);
    assert_eq!(ch.articles[1].title, "Подделка билетов в зоопарк");
    assert_eq!(
        ch.articles[1].line,
        CH2014.lines().position(|l| l.starts_with("####")).unwrap() + 1
    );
    assert_eq!(a.parts.len(), 2);
    assert_eq!(a.parts[0].part, "1");
    assert_eq!(a.parts[0].line, 9);
    let items: Vec<&str> = a.parts[1].items.iter().map(|i| i.item.as_str()).collect();
    assert_eq!(items, ["1", "2"]);
    assert!(ch.warnings.is_empty(), "{:?}", ch.warnings);
}

#[test]
fn editorial_notes_are_not_law() {
    let ch = parse_chapter(CH2014, CodeStyle::Cc2014);
    let a = &ch.articles[0];
    assert_eq!(a.editorial.len(), 1);
    assert!(a.editorial[0].1.starts_with("Примечание РЦПИ!"));
    assert!(a.editorial[0].1.contains("Подпункт 2)"));
    assert!(!a.wording.contains("РЦПИ"));
    assert!(!a.wording.contains("предусмотрен"));
    assert!(!a.wording.contains("Сноска"));
    // The item after the editorial note is still an item, not part of the note.
    assert_eq!(a.parts[1].items[1].text, "группой лиц, –");
}

#[test]
fn an_editorial_note_ends_where_the_law_resumes() {
    let md = "### Статья 9. Вымышленное деяние\n\nПримечание РЦПИ!\n\nСтатья 9 предусмотрена в редакции Закона РК от 01.02.2020 № 1-VI.\n\nСм. также пояснение к главе.\n\nПростое вымышленное деяние –\n\nнаказывается арестом на срок до десяти суток.\n";
    let a = &parse_chapter(md, CodeStyle::Cc2014).articles[0];
    assert_eq!(a.editorial.len(), 1);
    assert!(
        a.editorial[0].1.ends_with("См. также пояснение к главе."),
        "{:?}",
        a.editorial
    );
    assert_eq!(a.parts.len(), 1);
    assert_eq!(a.parts[0].text, "Простое вымышленное деяние –");
    assert!(a.parts[0].sanction.as_ref().unwrap().penalty.is_ok());
    assert_eq!(
        a.wording,
        "Вымышленное деяние\nПростое вымышленное деяние –\nнаказывается арестом на срок до десяти суток."
    );
}

#[test]
fn footnotes_name_acts_and_rules() {
    let ch = parse_chapter(CH2014, CodeStyle::Cc2014);
    let f = &ch.articles[0].footnotes;
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].action, FootnoteAction::Amended);
    assert_eq!(
        f[0].line,
        CH2014
            .lines()
            .position(|l| l.starts_with("> *Сноска"))
            .unwrap()
            + 1
    );
    let acts = &f[0].acts;
    assert_eq!(acts.len(), 2);
    assert_eq!(
        (acts[0].number.as_str(), acts[0].signed),
        ("1-VI", d("2020-02-01"))
    );
    assert_eq!(acts[0].kind, ActKind::Law);
    assert_eq!(acts[0].rule, Some(InForceRule::OnDate(d("2020-03-01"))));
    assert_eq!(
        acts[1].rule,
        Some(InForceRule::AfterPublication(Period::Days(10)))
    );

    let old = &parse_chapter(CH1997, CodeStyle::Cc1997).articles[0].footnotes[0];
    assert_eq!(old.acts.len(), 1);
    assert_eq!(
        (old.acts[0].number.as_str(), old.acts[0].signed),
        ("583", d("2004-07-09"))
    );
    assert_eq!(old.acts[0].rule, None);
    assert_eq!(acts[1].requisite(), "05.06.2021 № 2-VII");
}

#[test]
fn every_entry_into_force_rule() {
    let cases = [
        (
            "(вводится в действие с 01.01.2015)",
            InForceRule::OnDate(d("2015-01-01")),
        ),
        (
            "(вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования)",
            InForceRule::AfterPublication(Period::Days(10)),
        ),
        (
            "(вводится в действие по истечении шестидесяти календарных дней после дня его первого официального опубликования)",
            InForceRule::AfterPublication(Period::Days(60)),
        ),
        (
            "(вводится в действие по истечении шести месяцев после дня его первого официального опубликования)",
            InForceRule::AfterPublication(Period::Months(6)),
        ),
        (
            "(вводится в действие по истечении двадцати одного дня после дня его первого официального опубликования)",
            InForceRule::AfterPublication(Period::Days(21)),
        ),
        (
            "(вводится в действие со дня его первого официального опубликования)",
            InForceRule::OnPublication,
        ),
        (
            "(вводится в действие со дня подписания)",
            InForceRule::OnSigning,
        ),
    ];
    for (text, want) in cases {
        assert_eq!(parse_rule(text), Some(want), "{text}");
    }
    assert_eq!(parse_rule("(порядок введения в действие см. ст. 2)"), None);
    assert_eq!(
        parse_rule("(вводится в действие по истечении многих дней)"),
        None
    );
}

#[test]
fn rules_resolve_to_a_day_a_grade_and_a_reason() {
    let signed = d("2021-06-05");
    let exact = InForceRule::OnDate(d("2021-07-01")).resolve(signed, None);
    assert_eq!((exact.date, exact.grade), (d("2021-07-01"), Confidence::A));

    let ten = InForceRule::AfterPublication(Period::Days(10));
    let known = ten.resolve(signed, Some(d("2021-06-08")));
    assert_eq!((known.date, known.grade), (d("2021-06-19"), Confidence::A));
    let unknown = ten.resolve(signed, None);
    assert_eq!(
        (unknown.date, unknown.grade),
        (d("2021-06-16"), Confidence::C)
    );
    assert!(
        unknown.explanation.contains("earliest"),
        "{}",
        unknown.explanation
    );
    assert!(
        unknown.explanation.contains("2021-06-05"),
        "{}",
        unknown.explanation
    );

    let six = InForceRule::AfterPublication(Period::Months(6)).resolve(signed, None);
    assert_eq!((six.date, six.grade), (d("2021-12-06"), Confidence::C));
    let sixty = InForceRule::AfterPublication(Period::Days(60)).resolve(signed, None);
    assert_eq!(sixty.date, d("2021-08-05"));
    let on_pub = InForceRule::OnPublication.resolve(signed, None);
    assert_eq!((on_pub.date, on_pub.grade), (signed, Confidence::C));
}

#[test]
fn footnote_kinds_and_actions() {
    let f = parse_footnote(
        "> *Сноска. Статья 9 исключена Конституционным законом РК от 10.10.2010 № 5-IV.*",
    )
    .unwrap();
    assert_eq!(f.action, FootnoteAction::Repealed);
    assert_eq!(f.acts[0].kind, ActKind::ConstitutionalLaw);
    let f =
        parse_footnote("> *Сноска. Кодекс дополнен статьей 9-1 Указом от 15 мая 2007 года N 25.*")
            .unwrap();
    assert_eq!(f.action, FootnoteAction::Supplemented);
    assert_eq!(
        (f.acts[0].kind, f.acts[0].signed),
        (ActKind::Decree, d("2007-05-15"))
    );
    assert!(parse_footnote("1. Обычный текст части.").is_none());
}

#[test]
fn repealed_article_and_single_part_article() {
    let ch = parse_chapter(CH2014, CodeStyle::Cc2014);
    let gone = &ch.articles[2];
    assert!(gone.repealed);
    assert!(gone.parts.is_empty());
    assert!(!ch.articles[0].repealed);
    let single = &ch.articles[1];
    assert_eq!(single.parts.len(), 1);
    assert_eq!(single.parts[0].part, "1");
    assert_eq!(single.notes.len(), 1);
    assert_eq!(single.notes[0].note, "");
    assert!(single.notes[0].text.starts_with("Билетом"));
    let numbered = &ch.articles[3].notes;
    let ids: Vec<&str> = numbered.iter().map(|n| n.note.as_str()).collect();
    assert_eq!(ids, ["1", "2"]);

    let body =
        "### Статья 7. Вымышленная статья\n\nСтатья исключена Законом РК от 01.02.2020 № 1-VI.\n";
    let a = &parse_chapter(body, CodeStyle::Cc2014).articles[0];
    assert!(a.repealed);
    assert!(a.parts.is_empty());
}

#[test]
fn a_lead_in_before_numbered_parts_is_not_a_part() {
    let md = "### Статья 9. Вымышленные понятия\n\nВ этой главе слова значат следующее.\n\n1. Первое понятие.\n\n2. Второе понятие.\n";
    let a = &parse_chapter(md, CodeStyle::Cc2014).articles[0];
    let parts: Vec<&str> = a.parts.iter().map(|p| p.part.as_str()).collect();
    assert_eq!(parts, ["1", "2"]);
    assert_eq!(a.parts[0].text, "Первое понятие.");
    assert_eq!(
        a.paragraphs,
        [(3, "В этой главе слова значат следующее.".to_string())]
    );
}

#[test]
fn a_note_keeps_its_list() {
    let md = "### Статья 9. Вымышленное правило\n\n1. Текст части.\n\nПримечание. В этой статье под двором понимаются:\n\n1) площадка у дома;\n\n2) сад у дома.\n\nВторой абзац того же примечания.\n";
    let a = &parse_chapter(md, CodeStyle::Cc2014).articles[0];
    assert_eq!(a.notes.len(), 1, "{:?}", a.notes);
    assert!(a.notes[0].text.contains("1) площадка у дома;"));
    assert!(
        a.notes[0]
            .text
            .ends_with("Второй абзац того же примечания.")
    );
    assert_eq!(a.parts.len(), 1);
    assert!(a.parts[0].items.is_empty());
}

#[test]
fn a_long_item_list_gets_an_id_for_every_letter_past_n() {
    // Items from «а» to «щ» (our own invented wording), the longest list the alphabet allows.
    let letters: Vec<char> = lexchron::model::ITEM_LETTERS
        .iter()
        .map(|(c, _)| *c)
        .collect();
    let mut md = String::from(
        "### Статья 96. Длинный перечень\n\n1. Простой случай –\n\nнаказывается лишением свободы на срок до двух лет.\n\n2. То же деяние, совершенное:\n\n",
    );
    for (n, c) in letters.iter().enumerate() {
        md.push_str(&format!("{c}) в обстоятельстве номер {};\n\n", n + 1));
    }
    md.push_str("наказывается лишением свободы на срок от трех до пяти лет.\n");
    let ch = parse_chapter(&md, CodeStyle::Cc1997);
    assert!(ch.warnings.is_empty(), "{:?}", ch.warnings);
    let ids: Vec<&str> = ch.articles[0].parts[1]
        .items
        .iter()
        .map(|i| i.item.as_str())
        .collect();
    assert_eq!(ids.join(""), "abcdefghiklmnopqrstuvwxyz");
    assert_eq!(CodeStyle::Cc1997.item_id("п").as_deref(), Some("p"));
    assert_eq!(CodeStyle::Cc1997.item_id("р").as_deref(), Some("q"));
    assert_eq!(CodeStyle::Cc1997.item_id("щ").as_deref(), Some("z"));
    assert_eq!(CodeStyle::Cc1997.item_id("п-1").as_deref(), Some("p-1"));
    // Printing an id gives its letter back, for every letter.
    for (c, id) in lexchron::model::ITEM_LETTERS {
        assert_eq!(
            lexchron::import::article::printed_label(id),
            Some(c.to_string())
        );
    }
    // The letters no item takes have no id.
    for c in ["ё", "й", "ъ", "ы", "ь"] {
        assert_eq!(CodeStyle::Cc1997.item_id(c), None, "{c}");
    }
}

#[test]
fn letters_of_the_1997_code_map_as_the_data_does() {
    let ch = parse_chapter(CH1997, CodeStyle::Cc1997);
    let a = &ch.articles[0];
    let items: Vec<(&str, &str)> = a.parts[1]
        .items
        .iter()
        .map(|i| (i.label.as_str(), i.item.as_str()))
        .collect();
    assert_eq!(items, [("а", "a"), ("б", "b"), ("в", "c")]);
    assert_eq!(CodeStyle::Cc1997.item_id("к").as_deref(), Some("k"));
    assert_eq!(CodeStyle::Cc1997.item_id("и").as_deref(), Some("i"));
    assert_eq!(CodeStyle::Cc1997.item_id("2").as_deref(), Some("2"));
    assert_eq!(CodeStyle::Cc1997.item_id("я"), None);
    assert_eq!(CodeStyle::Cc1997.item_id("о").as_deref(), Some("o"));
    // A letter the data has no id for is kept as printed, with a warning.
    let md = "### Статья 9. Правило\n\n1. Случаи:\n\nа) первый;\n\nы) последний.\n";
    let odd = parse_chapter(md, CodeStyle::Cc1997);
    assert_eq!(odd.articles[0].parts[0].items[1].item, "ы");
    assert_eq!(odd.warnings.len(), 1);
    assert_eq!(odd.warnings[0].line, 7);
    // Front matter is not an article and not text.
    assert_eq!(ch.articles.len(), 2);
    assert!(!a.wording.contains("part_of"));
}

#[test]
fn a_formatting_only_change_keeps_the_wording() {
    let a = parse_chapter(CH2014, CodeStyle::Cc2014);
    let reformatted = CH2014
        .replace("### Статья", "#### Статья")
        .replace("скамейки в городском", "скамейки  в\u{a0}городском")
        .replace("лиц, –", "лиц , -")
        + "\n[Следующая глава](sec006-ch041.md)\n";
    let b = parse_chapter(&reformatted, CodeStyle::Cc2014);
    assert_eq!(a.articles.len(), 4);
    assert_eq!(b.articles.len(), a.articles.len());
    for (x, y) in a.articles.iter().zip(&b.articles) {
        assert_eq!(x.wording, y.wording, "article {}", x.number);
    }
    let changed = CH2014.replace("до трех лет", "до четырех лет");
    let c = parse_chapter(&changed, CodeStyle::Cc2014);
    assert_ne!(a.articles[0].wording, c.articles[0].wording);
    assert_eq!(normalise(" a  -  b <*> "), "a – b");
}

fn term(min: Option<u32>, max: u32) -> Imprisonment {
    Imprisonment::Term { min, max }
}

fn months(kind: MeasureKind, unit: MeasureUnit, min: Option<u32>, max: u32) -> Measure {
    Measure {
        kind,
        unit: Some(unit),
        min,
        max: Some(max),
        role: MeasureRole::Alternative,
        lifelong: false,
        only_items: vec![],
    }
}

fn sanction(ch: &str, style: CodeStyle, article: usize, part: usize) -> Penalty {
    let c = parse_chapter(ch, style);
    let s = c.articles[article].parts[part]
        .sanction
        .clone()
        .expect("a sanction");
    s.penalty.unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn fines_work_arrest_and_the_same_term() {
    let p = sanction(CH2014, CodeStyle::Cc2014, 0, 0);
    assert_eq!(p.imprisonment, Imprisonment::None);
    assert_eq!(
        p.fines,
        [Fine {
            unit: FineUnit::Mci,
            min: None,
            max: Some(150)
        }]
    );
    assert_eq!(
        p.measures,
        [
            months(MeasureKind::Arrest, MeasureUnit::Days, None, 30),
            months(MeasureKind::CorrectionalWork, MeasureUnit::Mci, None, 150),
            months(MeasureKind::CommunityWork, MeasureUnit::Hours, None, 120),
        ]
    );
    // "на тот же срок": imprisonment for the term of the restriction before it.
    let p = sanction(CH2014, CodeStyle::Cc2014, 0, 1);
    assert_eq!(p.imprisonment, term(None, 36));
    assert_eq!(
        p.measures,
        [months(
            MeasureKind::RestrictionOfLiberty,
            MeasureUnit::Months,
            None,
            36
        )]
    );
    assert_eq!(p.confiscation, Confiscation::No);
}

#[test]
fn confiscation_life_and_death() {
    let p = sanction(CH2014, CodeStyle::Cc2014, 1, 0);
    assert_eq!(
        (p.imprisonment, p.confiscation),
        (term(Some(36), 60), Confiscation::Optional)
    );
    let p = sanction(CH2014, CodeStyle::Cc2014, 3, 0);
    assert_eq!(p.imprisonment, term(Some(180), 240));
    assert!(p.life && !p.death);
    assert_eq!(p.confiscation, Confiscation::Mandatory);
    let p = sanction(CH1997, CodeStyle::Cc1997, 1, 0);
    assert_eq!(p.imprisonment, term(Some(120), 240));
    assert!(p.death && !p.life);
}

#[test]
fn income_fines_months_of_arrest_and_optional_bans() {
    let p = sanction(CH1997, CodeStyle::Cc1997, 0, 0);
    assert_eq!(
        p.fines,
        [
            Fine {
                unit: FineUnit::Mci,
                min: Some(50),
                max: Some(100)
            },
            Fine {
                unit: FineUnit::MonthsIncome,
                min: Some(1),
                max: Some(3)
            },
        ]
    );
    assert_eq!(
        p.measures,
        [months(MeasureKind::Arrest, MeasureUnit::Months, None, 4)]
    );
    assert_eq!(p.imprisonment, term(None, 24));
    let p = sanction(CH1997, CodeStyle::Cc1997, 0, 1);
    assert_eq!(p.imprisonment, term(Some(36), 72));
    let mut ban = months(MeasureKind::Ban, MeasureUnit::Months, None, 24);
    ban.role = MeasureRole::Optional;
    assert_eq!(p.measures, [ban]);
}

#[test]
fn an_unreadable_sanction_stays_unknown_with_its_wording() {
    let c = parse_chapter(CH2014, CodeStyle::Cc2014);
    let s = c.articles[3].parts[1].sanction.as_ref().unwrap();
    let e = s.penalty.as_ref().unwrap_err();
    assert_eq!(
        e.wording,
        "наказывается суровым порицанием на усмотрение суда."
    );
    assert!(e.reason.contains("суровым"), "{}", e.reason);
    assert_eq!(s.line, c.articles[3].parts[1].line + 2);

    let stats = sanction_report(CH2014, CodeStyle::Cc2014);
    assert_eq!((stats.parsed, stats.total), (4, 5));
    assert_eq!(stats.misses.len(), 1);
    assert_eq!(
        (
            stats.misses[0].article.as_str(),
            stats.misses[0].part.as_str()
        ),
        ("504", "2")
    );
    assert_eq!(sanction_stats(CH1997), (3, 3));

    for bad in [
        "наказывается лишением свободы.",
        "наказывается лишением свободы на тот же срок.",
        "наказывается штрафом в размере до двадцатикратной.",
        "наказывается штрафом в размере до пятидесяти.",
        "наказывается лишением свободы на срок от пяти до трех лет.",
        "наказывается лишением свободы на срок до трех лет. Иное предложение.",
        "наказывается",
        "",
    ] {
        assert!(parse_sanction(bad).is_err(), "{bad}");
    }
}

#[test]
fn fines_as_a_multiple_of_the_bribe() {
    let p = parse_sanction(
        "наказывается лишением свободы на срок до четырех лет либо штрафом в размере от \
         десятикратной до двадцатикратной суммы подарка, с пожизненным лишением права \
         торговать семенами.",
    )
    .unwrap();
    assert_eq!(
        p.fines,
        [Fine {
            unit: FineUnit::Multiple,
            min: Some(10),
            max: Some(20)
        }]
    );
    assert_eq!(p.imprisonment, term(None, 48));
    assert_eq!(p.confiscation, Confiscation::No);
    let ban = &p.measures[0];
    assert_eq!(
        (ban.kind, ban.lifelong, ban.role),
        (MeasureKind::Ban, true, MeasureRole::Mandatory)
    );
    let p = parse_sanction("наказывается штрафом в размере двукратной суммы подкупа.").unwrap();
    assert_eq!(
        p.fines,
        [Fine {
            unit: FineUnit::Multiple,
            min: Some(2),
            max: Some(2)
        }]
    );
}

#[test]
fn an_added_measure_carries_its_with_over_a_comma() {
    let p = parse_sanction(
        "наказываются лишением свободы на срок от шести до девяти лет с конфискацией \
         имущества, лишением гражданства или без такового.",
    )
    .unwrap();
    assert_eq!(p.confiscation, Confiscation::Mandatory);
    let m = &p.measures[0];
    assert_eq!(
        (m.kind, m.role),
        (MeasureKind::LossOfCitizenship, MeasureRole::Optional)
    );
    // A multiple of a sum with a long name, then the next alternative.
    let p = parse_sanction(
        "наказываются штрафом в размере от тридцатикратной до сорокакратной суммы проданных \
         яблок или стоимости проданных груш либо лишением свободы на срок от пяти до восьми \
         лет.",
    )
    .unwrap();
    assert_eq!(
        p.fines,
        [Fine {
            unit: FineUnit::Multiple,
            min: Some(30),
            max: Some(40)
        }]
    );
    assert_eq!(p.imprisonment, term(Some(60), 96));
    // The 1997 code's military service restriction, with a document code left after it.
    let p = parse_sanction(
        "наказывается ограничением по воинской службе на срок до двух лет, либо арестом на \
         срок до шести месяцев. Z01234X",
    )
    .unwrap();
    assert_eq!(
        p.measures[0],
        months(
            MeasureKind::MilitaryRestriction,
            MeasureUnit::Months,
            None,
            24
        )
    );
    assert_eq!(
        p.measures[1],
        months(MeasureKind::Arrest, MeasureUnit::Months, None, 6)
    );
    // "и" joins additions; an income fine may run to a year.
    let p = parse_sanction(
        "наказывается штрафом в размере заработной платы или иного дохода осужденного за \
         период до одного года либо лишением свободы на срок до трех лет с конфискацией \
         имущества и лишением права заниматься определенной деятельностью.",
    )
    .unwrap();
    assert_eq!(
        p.fines,
        [Fine {
            unit: FineUnit::MonthsIncome,
            min: None,
            max: Some(12)
        }]
    );
    assert_eq!(
        (p.measures[0].kind, p.measures[0].role),
        (MeasureKind::Ban, MeasureRole::Mandatory)
    );
    // A loss of rank lists its objects with commas.
    let p = parse_sanction(
        "наказывается лишением свободы на срок до пяти лет с лишением воинского, почетного \
         или специального звания и государственных наград.",
    )
    .unwrap();
    assert_eq!(
        (p.measures[0].kind, p.measures[0].role),
        (MeasureKind::Deprivation, MeasureRole::Mandatory)
    );
    // But a clause hidden after the sum's name is not swallowed.
    assert!(
        parse_sanction(
            "наказывается штрафом в размере двадцатикратной суммы взятки, а при повторе штрафом в \
         размере тридцатикратной суммы взятки."
        )
        .is_err()
    );
}

#[test]
fn a_measure_added_for_some_items_only() {
    let p = parse_sanction(
        "наказывается лишением свободы на срок от семи до одиннадцати лет, а в случаях, \
         предусмотренных пунктом 5), с пожизненным лишением права разводить пчел.",
    )
    .unwrap();
    assert_eq!(p.imprisonment, term(Some(84), 132));
    let m = &p.measures[0];
    assert_eq!(
        (m.kind, m.lifelong, m.role),
        (MeasureKind::Ban, true, MeasureRole::Mandatory)
    );
    assert_eq!(m.only_items, ["5"]);
    let p = parse_sanction(
        "наказываются лишением свободы на срок от пяти до десяти лет, а в случаях, указанных \
         пунктами б) и д), с лишением права заниматься определенной деятельностью на срок до \
         трех лет.",
    )
    .unwrap();
    assert_eq!(p.measures[0].only_items, ["b", "e"]);
    // The clause may repeat the main confiscation.
    let p = parse_sanction(
        "наказываются лишением свободы на срок от пяти до девяти лет с конфискацией имущества, \
         а в случаях, предусмотренных пунктом 2), с конфискацией имущества, с пожизненным \
         лишением права занимать определенные должности.",
    )
    .unwrap();
    assert_eq!(p.confiscation, Confiscation::Mandatory);
    assert_eq!(p.measures[0].only_items, ["2"]);
    // A different term for one item is kept as an imprisonment limited to that item; the
    // part's own term is left as it is.
    let p = parse_sanction(
        "наказывается лишением свободы на срок от трех до восьми лет, а в случаях, \
         предусмотренных пунктом д), – от пяти до десяти лет.",
    )
    .unwrap();
    assert_eq!(p.imprisonment, term(Some(36), 96));
    let m = &p.measures[0];
    assert_eq!(
        (m.kind, m.min, m.max, m.role),
        (
            MeasureKind::Imprisonment,
            Some(60),
            Some(120),
            MeasureRole::Alternative
        )
    );
    assert_eq!(m.only_items, ["e"]);
    assert!(m.summary().contains("[items e only]"), "{}", m.summary());
}

#[test]
fn an_item_clause_that_repeats_the_term_adds_only_its_measure() {
    // The 1997 code's form: the clause restates the part's range, then adds a ban for the
    // items it names. Nothing changes in the term; the ban is limited to the item.
    let p = parse_sanction(
        "наказываются лишением свободы на срок от шести до двенадцати лет, а в случаях, \
         предусмотренных пунктом г), – от шести до двенадцати лет с лишением права занимать \
         определенные должности на срок от пяти до пятнадцати лет.",
    )
    .unwrap();
    assert_eq!(p.imprisonment, term(Some(72), 144));
    assert_eq!(p.measures.len(), 1, "{:?}", p.measures);
    let m = &p.measures[0];
    assert_eq!(
        (m.kind, m.min, m.max, m.role),
        (
            MeasureKind::Ban,
            Some(60),
            Some(180),
            MeasureRole::Mandatory
        )
    );
    assert_eq!(m.only_items, ["d"]);
    // "лишением свободы" may be named again in the clause.
    let p = parse_sanction(
        "наказывается лишением свободы на срок до четырех лет, а в случаях, предусмотренных \
         пунктом 2), лишением свободы на срок до шести лет.",
    )
    .unwrap();
    assert_eq!(p.imprisonment, term(None, 48));
    assert_eq!(
        (p.measures[0].kind, p.measures[0].max),
        (MeasureKind::Imprisonment, Some(72))
    );
    // A clause with words the grammar does not know still refuses the whole sanction.
    assert!(
        parse_sanction(
            "наказывается лишением свободы на срок до четырех лет, а в случаях, \
             предусмотренных пунктом 2), по усмотрению суда."
        )
        .is_err()
    );
}

#[test]
fn the_same_term_carries_over_to_restriction_and_bans() {
    // The 1997 code: "исправительными работами на срок до ..., либо ограничением свободы на
    // тот же срок"; and a ban "на тот же срок" as the imprisonment before it.
    let p = parse_sanction(
        "наказывается штрафом в размере до трехсот месячных расчетных показателей либо \
         исправительными работами на срок до полутора лет, либо ограничением свободы на тот \
         же срок.",
    )
    .unwrap();
    let r = p
        .measures
        .iter()
        .find(|m| m.kind == MeasureKind::RestrictionOfLiberty)
        .unwrap();
    assert_eq!((r.min, r.max), (None, Some(18)));
    let p = parse_sanction(
        "наказывается ограничением свободы на срок до четырех лет либо лишением свободы на тот \
         же срок с лишением права заниматься определенной деятельностью на тот же срок или без \
         такового.",
    )
    .unwrap();
    assert_eq!(p.imprisonment, term(None, 48));
    let b = p
        .measures
        .iter()
        .find(|m| m.kind == MeasureKind::Ban)
        .unwrap();
    assert_eq!((b.max, b.role), (Some(48), MeasureRole::Optional));
    // With nothing before it, "the same term" is not a number to guess.
    assert!(parse_sanction("наказывается ограничением свободы на тот же срок.").is_err());
    // Hours have no "same term".
    assert!(
        parse_sanction(
            "наказывается арестом на срок до трех месяцев либо привлечением к общественным \
             работам на тот же срок."
        )
        .is_err()
    );
}

#[test]
fn conditional_sanctions_are_refused() {
    // A sanction that applies its additions only in some cases cannot be one penalty.
    let e = parse_sanction(
        "наказываются лишением свободы на срок от пяти до десяти лет, а в случаях, указанных \
         пунктом 3), с конфискацией имущества.",
    )
    .unwrap_err();
    // A confiscation for some items only is not one penalty for the part.
    assert!(e.reason.contains("item(s) 3 only"), "{}", e.reason);
    let e = parse_sanction(
        "наказывается лишением свободы на срок от пяти до десяти лет, а при повторе – от \
         восьми до двенадцати лет.",
    )
    .unwrap_err();
    assert!(e.reason.contains("при повторе"), "{}", e.reason);
}

#[test]
fn escaped_items_and_repealed_parts_in_italics() {
    let md = "### Статья 8. Вымышленное правило\n\n1. Первая часть.\n\n*2. Исключен Законом РК от 01.02.2020 № 1-VІ.*\n\n3. Третья часть:\n\n   1\\) первый случай;\n\n   *2) исключен Законом РК от 01.02.2020 № 1-VІ;*\n";
    let a = &parse_chapter(md, CodeStyle::Cc2014).articles[0];
    let parts: Vec<(&str, bool)> = a
        .parts
        .iter()
        .map(|p| (p.part.as_str(), p.repealed))
        .collect();
    assert_eq!(parts, [("1", false), ("2", true), ("3", false)]);
    let items: Vec<&str> = a.parts[2].items.iter().map(|i| i.item.as_str()).collect();
    assert_eq!(items, ["1", "2"]);
    let f =
        parse_footnote("> *Сноска. Статья 8 изменена Законом РК от 01.02.2020 № 1-VІ.*").unwrap();
    assert_eq!(f.acts[0].number, "1-VI");
}

/// A whole `rus.md` in the older flat layout: a table of contents of plain lines, level-5
/// headings, a repealed article marked by a plain line, a part broken by a blank line.
const WHOLE1997: &str = "---
version_date: 2011-01-11
---

## Оглавление

ОСОБЕННАЯ ЧАСТЬ

Статья 701. Шум во дворе

Статья 702. (Статья 702 исключена)

Статья 703. Порча клумбы

#### Глава 50. ВЫМЫШЛЕННЫЕ ПРЕСТУПЛЕНИЯ

<a id=\"st701\"></a>

##### Статья 701. Шум во дворе

1. Громкий шум во дворе ночью, совершенный при

   свидетелях, -

   наказывается ограничением свободы на срок до трех лет, или арестом до шести месяцев, или лишением свободы на срок до двух лет.

2. (исключена)

3. Тот же шум, совершенный повторно, -

   наказывается пожизненным лишением свободы с конфискацией имущества или без таковой либо лишением свободы на срок от четырех до девяти лет с конфискацией имущества или без таковой.

   ##### ОСОБЕННАЯ ГЛАВА

Статья 702. Исключена Законом РК от 14.03.2006 N 77

<a id=\"st703\"></a>

##### Статья 703. Порча клумбы (исключена)
";

#[test]
fn the_flat_layout_with_a_table_of_contents() {
    let ch = parse_chapter(WHOLE1997, CodeStyle::Cc1997);
    let got: Vec<(&str, bool)> = ch
        .articles
        .iter()
        .map(|a| (a.number.as_str(), a.repealed))
        .collect();
    assert_eq!(got, [("701", false), ("702", true), ("703", true)]);
    let a = &ch.articles[0];
    let parts: Vec<(&str, bool)> = a
        .parts
        .iter()
        .map(|p| (p.part.as_str(), p.repealed))
        .collect();
    assert_eq!(parts, [("1", false), ("2", true), ("3", false)]);
    assert_eq!(
        a.parts[0].text,
        "Громкий шум во дворе ночью, совершенный при свидетелях, –"
    );
    assert!(a.paragraphs.is_empty(), "{:?}", a.paragraphs);
    let p = a.parts[0]
        .sanction
        .as_ref()
        .unwrap()
        .penalty
        .clone()
        .unwrap();
    assert_eq!(
        p.measures[1],
        months(MeasureKind::Arrest, MeasureUnit::Months, None, 6)
    );
    assert_eq!(p.imprisonment, term(None, 24));
    let p = a.parts[2]
        .sanction
        .as_ref()
        .unwrap()
        .penalty
        .clone()
        .unwrap();
    assert!(p.life);
    assert_eq!(p.confiscation, Confiscation::Optional);
    // "Статья 702 исключена" inside a sentence is text, not a heading.
    let body = "### Статья 9. Правило\n\nСтатья 702 исключена из перечня.\n";
    assert_eq!(parse_chapter(body, CodeStyle::Cc1997).articles.len(), 1);
}

/// The 1997 code split by parts: plain headings whose titles run over two paragraphs, plain
/// "Сноска." lines, escaped part numbers and an unnumbered closing paragraph.
const PARTS1997: &str = "↑ [Вся редакция](../rus.md)

## РАЗДЕЛ 9 ВЫМЫШЛЕННЫЕ ПРАВИЛА

Статья 801. Освобождение от ответственности в

связи с уборкой двора

Сноска. Заголовок изменен Законом РК от 03.04.2012 № 12-IV.

1\\. Лицо, убравшее двор, может быть освобождено от ответственности.

2\\. Лицо, убравшее два двора, освобождается от ответственности.

Правила этой статьи не применяются к дворникам.

Сноска. Статья 801 изменена законами РК от 06.07.2001 N 58; от 07.08.2013 № 61-V (вводится в действие по истечении десяти календарных дней после его первого официального опубликования).

Статья 802. Сроки уборки

1\\. Двор убирается в следующие сроки:

а) летом раз в неделю;

б) зимой раз в месяц.
";

#[test]
fn plain_headings_broken_titles_and_plain_footnotes() {
    let ch = parse_chapter(PARTS1997, CodeStyle::Cc1997);
    assert_eq!(ch.articles.len(), 2);
    let a = &ch.articles[0];
    assert_eq!(
        a.title,
        "Освобождение от ответственности в связи с уборкой двора"
    );
    assert_eq!(
        a.parts.iter().map(|p| p.part.as_str()).collect::<Vec<_>>(),
        ["1", "2"]
    );
    assert_eq!(a.footnotes.len(), 2);
    assert_eq!(a.footnotes[1].acts.len(), 2);
    assert_eq!(a.footnotes[1].acts[0].number, "58");
    assert_eq!(
        a.footnotes[1].acts[1].rule,
        Some(InForceRule::AfterPublication(Period::Days(10)))
    );
    // The closing paragraph is the article's, not a third part or part of part 2.
    assert_eq!(a.paragraphs.len(), 1);
    assert!(a.paragraphs[0].1.starts_with("Правила этой статьи"));
    assert_eq!(
        a.parts[1].text,
        "Лицо, убравшее два двора, освобождается от ответственности."
    );
    assert!(!a.wording.contains("Сноска"));
    let b = &ch.articles[1];
    assert_eq!(
        b.parts[0]
            .items
            .iter()
            .map(|i| i.item.as_str())
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
}

#[test]
fn terms_in_words_of_every_shape() {
    let t = |s: &str| parse_sanction(s).unwrap().imprisonment;
    assert_eq!(
        t("наказывается лишением свободы сроком на двадцать лет."),
        term(Some(240), 240)
    );
    assert_eq!(
        t("наказывается лишением свободы на срок до полутора лет."),
        term(None, 18)
    );
    assert_eq!(
        t("наказывается лишением свободы на срок от шести месяцев до двух лет."),
        term(Some(6), 24)
    );
    assert_eq!(
        t("наказывается лишением свободы на срок от одного года до трех лет."),
        term(Some(12), 36)
    );
    assert_eq!(
        t("наказывается лишением свободы на срок до двух с половиной лет."),
        term(None, 30)
    );
    assert_eq!(
        t("Наказываются лишением свободы на срок до 5 лет"),
        term(None, 60)
    );
    assert_eq!(parse_number("двадцати одного").map(|n| n.whole), Some(21));
    assert_eq!(
        read_number("ста двадцати часов").map(|(n, _)| n.whole),
        Some(120)
    );
}

/// A penalty the sentence writer can state: the shapes the codes use.
fn penalty_strategy() -> impl Strategy<Value = Penalty> {
    let years_or_months = prop_oneof![
        (1u32..=25).prop_map(|y| y * 12),
        (1u32..=11),
        Just(18u32),
        Just(30u32)
    ];
    let range = |max: BoxedStrategy<u32>| {
        (max, any::<bool>(), 1u32..=12).prop_map(|(max, has_min, div)| {
            let min = (has_min && max / div.max(2) > 0).then(|| max / div.max(2));
            (min, max)
        })
    };
    let prison = prop_oneof![
        Just(None),
        range(years_or_months.clone().boxed()).prop_map(Some),
    ];
    let fine = proptest::option::of(range((1u32..=20_000).boxed()));
    let multiple = proptest::option::of(
        (2u32..=9, any::<bool>()).prop_map(|(t, upto)| ((!upto).then_some((t - 1) * 10), t * 10)),
    );
    let income = proptest::option::of(range((1u32..=12).boxed()));
    let restriction = proptest::option::of(range((1u32..=7).prop_map(|y| y * 12).boxed()));
    let community = proptest::option::of(range((10u32..=1200).boxed()));
    let arrest = proptest::option::of(range((1u32..=90).boxed()));
    let ban = proptest::option::of((
        range((1u32..=10).prop_map(|y| y * 12).boxed()),
        any::<bool>(),
        any::<bool>(),
    ));
    let expulsion = proptest::option::of((1u32..=10, any::<bool>()));
    let limited = proptest::option::of(prop_oneof![
        (1u32..=15).prop_map(|n| n.to_string()),
        proptest::sample::select(vec!["a", "b", "c", "e", "k"]).prop_map(str::to_string),
    ]);
    let item_term = proptest::option::of(range(years_or_months.clone().boxed()));
    let flags = (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0u8..3,
        multiple,
        limited,
        item_term,
    );
    (
        prison,
        fine,
        income,
        restriction,
        community,
        arrest,
        ban,
        expulsion,
        flags,
    )
        .prop_map(
            |(
                prison,
                fine,
                income,
                restriction,
                community,
                arrest,
                ban,
                expulsion,
                (same_term, cw, life_death, conf, multiple, limited, item_term),
            )| {
                let mut p = Penalty {
                    imprisonment: Imprisonment::None,
                    fines: vec![],
                    confiscation: [
                        Confiscation::No,
                        Confiscation::Optional,
                        Confiscation::Mandatory,
                    ][conf as usize],
                    other: vec![],
                    life: false,
                    death: false,
                    measures: vec![],
                };
                if let Some((min, max)) = fine {
                    p.fines.push(Fine {
                        unit: FineUnit::Mci,
                        min,
                        max: Some(max),
                    });
                    if cw {
                        p.measures.push(months(
                            MeasureKind::CorrectionalWork,
                            MeasureUnit::Mci,
                            min,
                            max,
                        ));
                    }
                }
                if let Some((min, max)) = multiple {
                    p.fines.push(Fine {
                        unit: FineUnit::Multiple,
                        min,
                        max: Some(max),
                    });
                }
                if let Some((min, max)) = income {
                    p.fines.push(Fine {
                        unit: FineUnit::MonthsIncome,
                        min,
                        max: Some(max),
                    });
                }
                if let Some((min, max)) = community {
                    p.measures.push(months(
                        MeasureKind::CommunityWork,
                        MeasureUnit::Hours,
                        min,
                        max,
                    ));
                }
                if let Some((min, max)) = restriction {
                    p.measures.push(months(
                        MeasureKind::RestrictionOfLiberty,
                        MeasureUnit::Months,
                        min,
                        max,
                    ));
                    if same_term {
                        p.imprisonment = term(min, max);
                    }
                }
                if let Some((min, max)) = arrest {
                    p.measures
                        .push(months(MeasureKind::Arrest, MeasureUnit::Days, min, max));
                }
                if let Some((min, max)) = prison {
                    if p.imprisonment == Imprisonment::None {
                        p.imprisonment = term(min, max);
                    }
                }
                if life_death {
                    p.life = true;
                }
                if let Some(((min, max), optional, lifelong)) = ban {
                    let mut m = months(MeasureKind::Ban, MeasureUnit::Months, min, max);
                    m.role = if optional {
                        MeasureRole::Optional
                    } else {
                        MeasureRole::Mandatory
                    };
                    m.lifelong = lifelong;
                    p.measures.push(m);
                }
                if let Some((years, optional)) = expulsion {
                    if years % 3 == 0 {
                        let mut m =
                            months(MeasureKind::LossOfCitizenship, MeasureUnit::Months, None, 0);
                        (m.unit, m.max) = (None, None);
                        m.role = if optional {
                            MeasureRole::Optional
                        } else {
                            MeasureRole::Mandatory
                        };
                        p.measures.push(m);
                    }
                    let mut m = months(
                        MeasureKind::Expulsion,
                        MeasureUnit::Months,
                        Some(years * 12),
                        years * 12,
                    );
                    m.role = if optional {
                        MeasureRole::Optional
                    } else {
                        MeasureRole::Mandatory
                    };
                    p.measures.push(m);
                }
                if p.fines.is_empty()
                    && p.imprisonment == Imprisonment::None
                    && !p.life
                    && !p
                        .measures
                        .iter()
                        .any(|m| m.role == MeasureRole::Alternative)
                {
                    p.imprisonment = term(None, 24);
                }
                if let Some(item) = limited {
                    // The 1997 form: another term for the item, before the added ban.
                    if let Some((min, max)) = item_term {
                        if p.imprisonment != term(min, max) {
                            let mut t =
                                months(MeasureKind::Imprisonment, MeasureUnit::Months, min, max);
                            t.only_items = vec![item.clone()];
                            p.measures.push(t);
                        }
                    }
                    let mut m = months(MeasureKind::Ban, MeasureUnit::Months, None, 0);
                    (m.unit, m.max, m.lifelong) = (None, None, true);
                    m.role = MeasureRole::Mandatory;
                    m.only_items = vec![item];
                    p.measures.push(m);
                }
                p
            },
        )
}

/// One act of a generated footnote: signing day, number, rule (all statable).
fn act_strategy() -> impl Strategy<Value = (Date, String, Option<InForceRule>)> {
    let day = (1998i32..2030, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| Date::from_ymd_opt(y, m, d).unwrap());
    let rule = prop_oneof![
        Just(None),
        day.clone().prop_map(|d| Some(InForceRule::OnDate(d))),
        proptest::sample::select(vec![1u32, 10, 21, 30, 45, 60, 90])
            .prop_map(|n| Some(InForceRule::AfterPublication(Period::Days(n)))),
        proptest::sample::select(vec![1u32, 2, 3, 6, 12])
            .prop_map(|n| Some(InForceRule::AfterPublication(Period::Months(n)))),
        Just(Some(InForceRule::OnPublication)),
    ];
    let number = (
        1u32..999,
        proptest::sample::select(vec!["II", "IV", "V", "VI", "VII", "VIII"]),
    )
        .prop_map(|(n, r)| format!("{n}-{r}"));
    (day, number, rule)
}

/// A rule in the words the footnotes use.
fn rule_words(rule: InForceRule) -> String {
    use lexchron::import::numwords::{Case, number_words};
    match rule {
        InForceRule::OnDate(d) => format!("вводится в действие с {}", d.format("%d.%m.%Y")),
        InForceRule::AfterPublication(Period::Days(n)) => format!(
            "вводится в действие по истечении {} {} после дня его первого официального опубликования",
            number_words(n, Case::Genitive, false),
            if n % 10 == 1 && n % 100 != 11 {
                "календарного дня"
            } else {
                "календарных дней"
            }
        ),
        InForceRule::AfterPublication(Period::Months(n)) => format!(
            "вводится в действие по истечении {} {} после дня его первого официального опубликования",
            number_words(n, Case::Genitive, false),
            if n % 10 == 1 && n % 100 != 11 {
                "месяца"
            } else {
                "месяцев"
            }
        ),
        InForceRule::OnPublication => {
            "вводится в действие со дня его первого официального опубликования".into()
        }
        InForceRule::OnSigning => "вводится в действие со дня подписания".into(),
    }
}

proptest! {
    #[test]
    fn number_words_read_back(n in 0u32..1_000_000, genitive: bool, feminine: bool) {
        use lexchron::import::numwords::{Case, number_words};
        let case = if genitive { Case::Genitive } else { Case::Nominative };
        let w = number_words(n, case, feminine);
        let back = parse_number(&w).map(|x| (x.whole, x.half));
        prop_assert_eq!(back, Some((n, false)), "{}", w);
    }

    #[test]
    fn a_written_footnote_reads_back(acts in proptest::collection::vec(act_strategy(), 1..6)) {
        let list: Vec<String> = acts
            .iter()
            .map(|(d, n, r)| {
                let mut s = format!("от {} № {n}", d.format("%d.%m.%Y"));
                if let Some(r) = r {
                    s.push_str(&format!(" ({})", rule_words(*r)));
                }
                s
            })
            .collect();
        let line = format!(
            "> *Сноска. Статья 5 с изменениями, внесенными законами РК {}.*",
            list.join("; ")
        );
        let f = parse_footnote(&line).unwrap();
        prop_assert_eq!(f.action, FootnoteAction::Amended);
        let back: Vec<(Date, String, Option<InForceRule>)> =
            f.acts.iter().map(|a| (a.signed, a.number.clone(), a.rule)).collect();
        prop_assert_eq!(back, acts);
        prop_assert!(f.acts.iter().all(|a| a.kind == ActKind::Law));
    }

    #[test]
    fn a_written_chapter_reads_back(
        articles in proptest::collection::vec(
            (
                1u32..500,
                any::<bool>(),
                proptest::collection::vec(
                    (0usize..4, penalty_strategy()),
                    1..4,
                ),
            ),
            1..5,
        )
    ) {
        let mut md = String::from("↑ [Вся редакция](../rus.md)\n\n## Глава 1. ВЫМЫШЛЕННАЯ ГЛАВА\n\n");
        let mut want = Vec::new();
        for (k, (number, deep, parts)) in articles.iter().enumerate() {
            let number = format!("{}", number * 10 + k as u32);
            md.push_str(&format!("<a id=\"st{number}\"></a>\n\n"));
            md.push_str(if *deep { "#### " } else { "### " });
            md.push_str(&format!("Статья {number}. Вымышленное деяние номер {k}\n\n"));
            let mut want_parts = Vec::new();
            for (i, (items, pen)) in parts.iter().enumerate() {
                let sentence = render_sanction(pen).unwrap();
                if *items == 0 {
                    md.push_str(&format!("{}. Простое деяние части {}, –\n\n   {sentence}\n\n", i + 1, i + 1));
                } else {
                    md.push_str(&format!("{}. То же деяние, совершенное:\n\n", i + 1));
                    for j in 1..=*items {
                        let end = if j == *items { ", –" } else { ";" };
                        md.push_str(&format!("   {j}) способом номер {j}{end}\n\n"));
                    }
                    md.push_str(&format!("      {sentence}\n\n"));
                }
                want_parts.push(((i + 1).to_string(), *items, pen.clone()));
            }
            want.push((number, want_parts));
        }
        let ch = parse_chapter(&md, CodeStyle::Cc2014);
        prop_assert!(ch.warnings.is_empty(), "{:?}", ch.warnings);
        prop_assert_eq!(ch.articles.len(), want.len());
        for (a, (number, parts)) in ch.articles.iter().zip(&want) {
            prop_assert_eq!(&a.number, number);
            prop_assert_eq!(a.parts.len(), parts.len());
            for (p, (id, items, pen)) in a.parts.iter().zip(parts) {
                prop_assert_eq!(&p.part, id);
                prop_assert_eq!(p.items.len(), *items);
                let got = p.sanction.as_ref().map(|s| s.penalty.clone());
                prop_assert_eq!(got, Some(Ok(pen.clone())), "{}", md);
            }
        }
    }

    #[test]
    fn a_written_sanction_reads_back_to_the_same_penalty(p in penalty_strategy()) {
        let text = render_sanction(&p).expect("the strategy only makes statable penalties");
        let back = parse_sanction(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back, p, "{}", text);
    }

    #[test]
    fn no_parser_panics_on_any_text(s in "\\PC{0,400}") {
        let _ = parse_sanction(&s);
        let _ = parse_footnote(&s);
        let _ = parse_rule(&s);
        let _ = read_number(&s);
        let _ = parse_chapter(&s, CodeStyle::Cc2014);
        let _ = parse_chapter(&s, CodeStyle::Cc1997);
    }

    #[test]
    fn no_parser_panics_on_text_shaped_like_the_codes(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("### Статья 5. ".to_string()),
                Just("#### Статья 5-1.".to_string()),
                Just("<a id=\"st5\"></a>".to_string()),
                Just("1. ".to_string()),
                Just("а) ".to_string()),
                Just("2) ".to_string()),
                Just("наказывается ".to_string()),
                Just("лишением свободы на срок от ".to_string()),
                Just("до ".to_string()),
                Just("трех ".to_string()),
                Just("полутора ".to_string()),
                Just("лет".to_string()),
                Just("> *Сноска. от 01.02.2020 № (вводится в действие с ".to_string()),
                Just("Примечание РЦПИ!".to_string()),
                Just("Примечание.".to_string()),
                Just("\n".to_string()),
                Just("\n\n".to_string()),
                Just("---".to_string()),
                "\\PC{0,20}",
            ],
            0..80,
        )
    ) {
        let text: String = parts.concat();
        let _ = parse_chapter(&text, CodeStyle::Cc1997);
        let _ = parse_chapter(&text, CodeStyle::Cc2014);
        let _ = parse_sanction(&text);
        let _ = parse_footnote(&text);
    }
}

#[test]
fn huge_input_does_not_hang_or_panic() {
    let big = "наказывается лишением свободы на срок до трех лет, ".repeat(20_000);
    assert!(parse_sanction(&big).is_err());
    let chapter = CH2014.repeat(300);
    let ch = parse_chapter(&chapter, CodeStyle::Cc2014);
    assert_eq!(ch.articles.len(), 1200);
    let numbers = "девятьсот ".repeat(10_000);
    let _ = read_number(&numbers);
}

#[test]
fn a_fine_added_to_another_punishment_is_a_measure_not_an_alternative() {
    // The 1997 code: "... лишением свободы на тот же срок со штрафом в размере ... с ...".
    let p = parse_sanction(
        "наказывается ограничением свободы на срок до двух лет либо лишением свободы на тот же \
         срок со штрафом в размере от сорока до девяноста месячных расчетных показателей с \
         лишением права заниматься определенной деятельностью на срок до двух лет.",
    )
    .unwrap();
    assert!(p.fines.is_empty(), "no alternative fine: {:?}", p.fines);
    let f = p
        .measures
        .iter()
        .find(|m| m.kind == MeasureKind::Fine)
        .unwrap();
    assert_eq!(
        (f.min, f.max, f.role, f.unit),
        (
            Some(40),
            Some(90),
            MeasureRole::Mandatory,
            Some(MeasureUnit::Mci)
        )
    );
    assert!(f.summary().contains("(added)"), "{}", f.summary());
    // It writes back the same way.
    let back = render_sanction(&p).unwrap();
    assert!(back.contains("со штрафом"), "{back}");
    assert_eq!(parse_sanction(&back).unwrap(), p);
    // An added fine counted in income is not modelled: the sanction stays unknown.
    assert!(
        parse_sanction(
            "наказывается лишением свободы на срок до двух лет со штрафом в размере заработной \
             платы или иного дохода осужденного за период до одного месяца."
        )
        .is_err()
    );
}

#[test]
fn repealed_articles_in_the_forms_of_the_real_texts() {
    let md = "## Глава 1. ВЫДУМАННОЕ\n\n<a id=\"st40\"></a>\n\n#### Статья 40. Порча забора\n\n> *Сноска. Статья 40 исключена Законом РК от 03.03.2017 № 50-VI (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).*\n\n<a id=\"st41\"></a>\n\n#### Статья 41. Порча калитки\n\nПорча калитки –\n\nнаказывается штрафом в размере до десяти месячных расчетных показателей.\n\n> *Сноска. Статья 40 исключена Законом РК от 03.03.2017 № 50-VI.*\n\nСтатья 42. (Статья 42 исключена - Законом РК от 14 марта 2006 г. N 77 )\n\nСтатья 43. Порча вывески\n\nСноска. Статья 43 исключена Законом РК от 03.04.2012 № 12-IV.\n\nСтатья 44. Порча светофора\n\n(ночного)\n\nПорча светофора -\n\nнаказывается штрафом в размере до двадцати месячных расчетных показателей.\n";
    let ch = parse_chapter(md, CodeStyle::Cc1997);
    let by = |n: &str| ch.articles.iter().find(|a| a.number == n).unwrap();
    // A heading and a footnote that repeals it: the article is gone.
    assert!(by("40").repealed);
    // A footnote about another article does not repeal this one, which has its text.
    assert!(!by("41").repealed);
    assert!(by("41").parts[0].sanction.is_some());
    // The old texts' "(Статья N исключена – Законом ...)" heading; the flat layout's plain
    // "Сноска." line.
    assert!(by("42").repealed);
    assert!(by("43").repealed);
    // A title's last line in parentheses belongs to the title.
    assert_eq!(by("44").title, "Порча светофора (ночного)");
    assert!(!by("44").repealed && by("44").parts[0].sanction.is_some());
}

#[test]
fn a_sanction_inside_an_item_or_a_continued_line_never_replaces_the_first() {
    // An item line with a sanction after the part already has one.
    let md = "### Статья 9. Шум\n\n1. Громкий шум –\n\nнаказывается арестом на срок до десяти суток.\n\n1) ночью – наказывается арестом на срок до двадцати суток.\n";
    let ch = parse_chapter(md, CodeStyle::Cc2014);
    let s = ch.articles[0].parts[0].sanction.as_ref().unwrap();
    assert!(s.wording.contains("десяти"), "{}", s.wording);
    assert_eq!(ch.warnings.len(), 1, "{:?}", ch.warnings);
    assert!(
        ch.warnings[0]
            .message
            .contains("a second sanction in part 1")
    );
    assert_eq!(ch.warnings[0].line, 7);
    // A continued paragraph with a sanction after an item that carried one.
    let md = "### Статья 9. Шум\n\n1. Громкий шум:\n\n1) ночью – наказывается арестом на срок до десяти суток\n\nи днем – наказывается арестом на срок до пяти суток.\n";
    let ch = parse_chapter(md, CodeStyle::Cc2014);
    let s = ch.articles[0].parts[0].sanction.as_ref().unwrap();
    assert!(s.wording.contains("десяти"), "{}", s.wording);
    assert_eq!(ch.warnings.len(), 1, "{:?}", ch.warnings);
    assert!(
        ch.warnings[0]
            .message
            .contains("a second sanction in part 1")
    );
}
