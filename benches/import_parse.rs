//! How fast the importer's text parsers read one version of a whole code: a generated
//! chapter file in the official layout (about 450 articles, sanctions in our own Russian
//! words from `render_sanction`), read by `parse_chapter`, and single sanctions and
//! footnotes read alone. The import reads every version of both codes, so this bounds its
//! parsing time.

use criterion::Criterion;
use lexchron::import::article::{CodeStyle, parse_chapter};
use lexchron::import::footnote::parse_footnote;
use lexchron::import::sanction::{parse_sanction, render_sanction};
use lexchron::model::{
    Confiscation, Fine, FineUnit, Imprisonment, Measure, MeasureKind, MeasureRole, MeasureUnit,
    Penalty,
};
use std::hint::black_box;

/// A penalty of the common 2014 shape, varied by `k`: a fine, correctional work of the same
/// amount, restriction of liberty and imprisonment for the same term, sometimes confiscation.
fn penalty(k: u32) -> Penalty {
    let years = 1 + k % 7;
    let measure = |kind, unit, max| Measure {
        kind,
        unit: Some(unit),
        min: None,
        max: Some(max),
        role: MeasureRole::Alternative,
        lifelong: false,
        only_items: vec![],
    };
    Penalty {
        imprisonment: Imprisonment::Term {
            min: None,
            max: years * 12,
        },
        fines: vec![Fine {
            unit: FineUnit::Mci,
            min: None,
            max: Some(1000 * years),
        }],
        confiscation: if k % 3 == 0 {
            Confiscation::Optional
        } else {
            Confiscation::No
        },
        other: vec![],
        life: false,
        death: false,
        measures: vec![
            measure(
                MeasureKind::CorrectionalWork,
                MeasureUnit::Mci,
                1000 * years,
            ),
            measure(
                MeasureKind::RestrictionOfLiberty,
                MeasureUnit::Months,
                years * 12,
            ),
        ],
    }
}

/// A whole code in one file: `articles` articles of three parts, the second with items.
fn chapter(articles: u32) -> String {
    let mut md = String::from("## Глава 1. ВЫМЫШЛЕННЫЕ ДЕЯНИЯ\n\n");
    for n in 1..=articles {
        md.push_str(&format!(
            "<a id=\"st{n}\"></a>\n\n### Статья {n}. Вымышленное деяние {n}\n\n"
        ));
        for part in 1..=3u32 {
            let sanction = render_sanction(&penalty(n + part)).expect("statable");
            if part == 2 {
                md.push_str("2. То же деяние, совершенное:\n\n");
                md.push_str("   1) ночью;\n\n   2) группой лиц;\n\n   3) повторно, –\n\n");
                md.push_str(&format!("      {sanction}\n\n"));
            } else {
                md.push_str(&format!(
                    "{part}. Вымышленное деяние с признаком {part} –\n\n   {sanction}\n\n"
                ));
            }
        }
        md.push_str(&format!(
            "> *Сноска. Статья {n} с изменениями, внесенными законами РК от 01.02.2020 № 1-VI \
             (вводится в действие с 01.03.2020); от 05.06.2021 № 2-VII (вводится в действие по \
             истечении десяти календарных дней после дня его первого официального \
             опубликования).*\n\n"
        ));
    }
    md
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let md = chapter(450);
    let sanction = render_sanction(&penalty(3)).expect("statable");
    let footnote = "> *Сноска. Статья 7 с изменениями, внесенными законами РК от 02.03.2016 № \
                    11-VI (вводится в действие с 01.01.2017); от 05.06.2018 № 22-VI (вводится в \
                    действие по истечении шестидесяти календарных дней после дня его первого \
                    официального опубликования).*";
    assert_eq!(parse_chapter(&md, CodeStyle::Cc2014).articles.len(), 450);
    c.bench_function("parse_chapter/450 articles", |b| {
        b.iter(|| parse_chapter(black_box(&md), CodeStyle::Cc2014))
    });
    c.bench_function("parse_sanction/one", |b| {
        b.iter(|| parse_sanction(black_box(&sanction)))
    });
    c.bench_function("parse_footnote/two acts", |b| {
        b.iter(|| parse_footnote(black_box(footnote)))
    });
    c.final_summary();
}
