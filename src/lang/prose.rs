//! Legal wording of typed values in the user's language: terms of months, sanctions (prison,
//! fines, other measures, confiscation), gravity categories and answer statuses. English keeps
//! the house notation the JSON carries (`3–8 y prison`); Russian is written out as a lawyer
//! reads it («лишение свободы на срок от 3 до 8 лет»). Every phrase comes from the catalogue.

use super::i18n::{Arg, Lang, tr, tr_args};
use crate::model::{
    Confiscation, Fine, FineUnit, Imprisonment, Measure, MeasureKind, MeasureRole, MeasureUnit,
    Penalty, fmt_months,
};

/// The grammatical form a term takes where it stands: the nominative names it («5 лет»,
/// «5 жыл»); `From` and `To` are the two ends of a range or a limit: in Russian both are the
/// genitive («от 1 года до 5 лет», «не более 5 лет»), in Kazakh the ablative and the dative
/// («1 жылдан 5 жылға дейін», «5 жылдан аспайтын»).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Nominative,
    /// After «от», «не более», «свыше».
    From,
    /// After «до».
    To,
}

/// A term of months: `2 y 6 mo` in English, «2 года 6 месяцев» (or «до 2 лет 6 месяцев»).
pub fn months(lang: Lang, m: u32, case: Case) -> String {
    if lang == Lang::En {
        return fmt_months(m);
    }
    let (y, mo) = (m / 12, m % 12);
    let sfx = match case {
        Case::Nominative => "nom",
        Case::From => "from",
        Case::To => "to",
    };
    let years = tr_args(lang, &format!("term-years-{sfx}"), &[("n", Arg::N(y))]);
    let mons = tr_args(lang, &format!("term-months-{sfx}"), &[("n", Arg::N(mo))]);
    match (y, mo) {
        (0, _) => mons,
        (_, 0) => years,
        // Kazakh marks the case once, on the last word of the term («1 жыл 6 айдан»).
        _ if lang == Lang::Kk => {
            let y = tr_args(lang, "term-years-nom", &[("n", Arg::N(y))]);
            format!("{y} {mons}")
        }
        _ => format!("{years} {mons}"),
    }
}

/// A range of months after «от … до …»; whole years name the unit once («от 2 до 7 лет»).
pub fn month_range(lang: Lang, min: Option<u32>, max: u32) -> String {
    match min {
        None => tr(lang, "range-up-to", &[("b", &months(lang, max, Case::To))]),
        // Kazakh marks the case on the unit, so both ends keep it.
        Some(a) if a % 12 == 0 && max % 12 == 0 && lang != Lang::Kk => {
            let b = months(lang, max, Case::To);
            tr(
                lang,
                "range-from-to",
                &[("a", &(a / 12).to_string()), ("b", &b)],
            )
        }
        Some(a) => tr(
            lang,
            "range-from-to",
            &[
                ("a", &months(lang, a, Case::From)),
                ("b", &months(lang, max, Case::To)),
            ],
        ),
    }
}

/// The imprisonment of a sanction with its life and death alternatives, or `None` when the
/// sanction has no imprisonment.
pub fn imprisonment(lang: Lang, p: &Penalty) -> Option<String> {
    let mut s = match p.imprisonment {
        Imprisonment::None => None,
        Imprisonment::Unknown => Some(tr(lang, "prison-unknown", &[])),
        Imprisonment::Term { min, max } => Some(tr(
            lang,
            "prison-term",
            &[("range", &month_range(lang, min, max))],
        )),
    }?;
    if p.life {
        s.push(' ');
        s.push_str(&tr(lang, "prison-or-life", &[]));
    }
    if p.death {
        s.push(' ');
        s.push_str(&tr(lang, "prison-or-death", &[]));
    }
    Some(s)
}

/// The amount of a fine: «от 100 до 500 МРП», «до 3000 МРП».
pub fn fine_amount(lang: Lang, f: &Fine) -> String {
    let n = |x: u32| x.to_string();
    let range = match (f.min, f.max) {
        (Some(a), Some(b)) => tr(lang, "fine-range-from-to", &[("a", &n(a)), ("b", &n(b))]),
        (None, Some(b)) => tr(lang, "fine-range-up-to", &[("b", &n(b))]),
        (Some(a), None) => tr(lang, "fine-range-at-least", &[("a", &n(a))]),
        (None, None) => return tr(lang, "fine-amount-unknown", &[]),
    };
    let unit = match f.unit {
        FineUnit::Mci => "fine-unit-mci",
        FineUnit::MonthsIncome => "fine-unit-income",
        FineUnit::Multiple => "fine-unit-multiple",
        FineUnit::Unknown => "fine-unit-unknown",
    };
    tr(lang, unit, &[("range", &range)])
}

/// One fine as a phrase: «штраф в размере до 3000 МРП».
pub fn fine(lang: Lang, f: &Fine) -> String {
    tr(lang, "fine", &[("amount", &fine_amount(lang, f))])
}

fn measure_kind(kind: MeasureKind) -> &'static str {
    match kind {
        MeasureKind::CorrectionalWork => "measure-correctional-work",
        MeasureKind::CommunityWork => "measure-community-work",
        MeasureKind::RestrictionOfLiberty => "measure-restriction-of-liberty",
        MeasureKind::Arrest => "measure-arrest",
        MeasureKind::Ban => "measure-ban",
        MeasureKind::Expulsion => "measure-expulsion",
        MeasureKind::MilitaryRestriction => "measure-military-restriction",
        MeasureKind::DisciplinaryUnit => "measure-disciplinary-unit",
        MeasureKind::Deprivation => "measure-deprivation",
        MeasureKind::LossOfCitizenship => "measure-loss-of-citizenship",
        MeasureKind::Forfeiture => "measure-forfeiture",
        MeasureKind::Imprisonment => "measure-imprisonment",
        MeasureKind::Fine => "measure-fine",
    }
}

/// A typed measure: «ограничение свободы на срок до 3 лет», «общественные работы до 800 часов».
pub fn measure(lang: Lang, m: &Measure) -> String {
    let lang = match lang {
        Lang::En => return m.summary(),
        // The Kazakh catalogue has no measures yet: the whole phrase in Russian rather than
        // a mix of the two.
        Lang::Kk => Lang::Ru,
        l => l,
    };
    // After «от»/«до» the unit is genitive («до 2 лет»); a single amount is nominative
    // («на срок 2 года»).
    let amount_in = |n: u32, case: Case| {
        let nom = if case == Case::Nominative { "-nom" } else { "" };
        match m.unit {
            Some(MeasureUnit::Months) => months(lang, n, case),
            Some(MeasureUnit::Hours) => {
                tr_args(lang, &format!("measure-hours{nom}"), &[("n", Arg::N(n))])
            }
            Some(MeasureUnit::Days) => {
                tr_args(lang, &format!("measure-days{nom}"), &[("n", Arg::N(n))])
            }
            Some(MeasureUnit::Mci) => tr_args(lang, "measure-mci", &[("n", Arg::N(n))]),
            None => n.to_string(),
        }
    };
    let amount = |n: u32| amount_in(n, Case::To);
    let single = |n: u32| amount_in(n, Case::Nominative);
    let mut s = tr(lang, measure_kind(m.kind), &[]);
    if m.lifelong {
        s.push(' ');
        s.push_str(&tr(lang, "measure-for-life", &[]));
    }
    let range = match (m.min, m.max) {
        (Some(a), Some(b)) if a == b => Some(single(a)),
        (Some(a), Some(b)) => Some(tr(
            lang,
            "range-from-to",
            &[("a", &amount(a)), ("b", &amount(b))],
        )),
        (None, Some(b)) => Some(tr(lang, "range-up-to", &[("b", &amount(b))])),
        (Some(a), None) => Some(single(a)),
        (None, None) => None,
    };
    if let Some(r) = range {
        let id = match m.unit {
            Some(MeasureUnit::Mci) => "measure-sum",
            Some(_) => "measure-term",
            None => "measure-amount",
        };
        s.push(' ');
        s.push_str(&tr(lang, id, &[("range", &r)]));
    }
    if !m.only_items.is_empty() {
        s.push(' ');
        s.push_str(&tr(
            lang,
            "measure-only-items",
            &[("items", &m.only_items.join(", "))],
        ));
    }
    match m.role {
        MeasureRole::Alternative => {}
        MeasureRole::Mandatory => {
            s.push(' ');
            s.push_str(&tr(lang, "measure-added", &[]));
        }
        MeasureRole::Optional => {
            s.push(' ');
            s.push_str(&tr(lang, "measure-optional", &[]));
        }
    }
    s
}

/// Confiscation of property as a clause of a sanction; `None` when there is none.
pub fn confiscation(lang: Lang, c: Confiscation) -> Option<String> {
    let id = match c {
        Confiscation::No => return None,
        Confiscation::Optional => "confiscation-clause-optional",
        Confiscation::Mandatory => "confiscation-clause-mandatory",
        Confiscation::Unknown => "confiscation-clause-unknown",
    };
    Some(tr(lang, id, &[]))
}

/// A whole sanction on one line. English is [`Penalty::summary`], the notation of the JSON;
/// Russian: «лишение свободы на срок от 5 до 7 лет; конфискация имущества по усмотрению суда».
pub fn penalty(lang: Lang, p: &Penalty) -> String {
    if lang == Lang::En {
        return p.summary();
    }
    let mut parts: Vec<String> = imprisonment(lang, p).into_iter().collect();
    parts.extend(p.fines.iter().map(|f| fine(lang, f)));
    parts.extend(p.measures.iter().map(|m| measure(lang, m)));
    // Free-text measures of hand-written data are in our English words; the phrase book has
    // their wording.
    parts.extend(p.other.iter().map(|o| super::phrases::say(lang, o)));
    parts.extend(confiscation(lang, p.confiscation));
    if parts.is_empty() {
        return tr(lang, "no-sanction-recorded", &[]);
    }
    parts.join("; ")
}

/// A part's sanction, or the phrase for a part without one.
pub fn part_penalty(lang: Lang, p: Option<&Penalty>) -> String {
    p.map_or_else(|| tr(lang, "no-sanction", &[]), |p| penalty(lang, p))
}

/// A gravity category by its id (`minor`, `medium`, `grave`, `especially-grave`), in the
/// language; the data's English label for an id the catalogue lacks.
pub fn category(lang: Lang, id: &str, label: &str) -> String {
    if lang == Lang::En {
        return label.to_string();
    }
    let key = format!("category-{id}");
    let t = tr(lang, &key, &[]);
    if t == key { label.to_string() } else { t }
}

/// A place in a code as the data writes it (`art. 5`), in the language (`ст. 5`).
pub fn article(lang: Lang, place: &str) -> String {
    match place.strip_prefix("art. ") {
        Some(n) if lang != Lang::En => tr(lang, "article-short", &[("n", n)]),
        _ => place.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(min: Option<u32>, max: u32) -> Penalty {
        Penalty {
            imprisonment: Imprisonment::Term { min, max },
            fines: vec![],
            confiscation: Confiscation::No,
            other: vec![],
            life: false,
            death: false,
            measures: vec![],
        }
    }

    #[test]
    fn russian_terms_agree_with_their_numbers() {
        let g = |m| months(Lang::Ru, m, Case::To);
        let n = |m| months(Lang::Ru, m, Case::Nominative);
        assert_eq!(g(12), "1 года");
        assert_eq!(g(24), "2 лет");
        assert_eq!(g(252), "21 года");
        assert_eq!(g(18), "1 года 6 месяцев");
        assert_eq!(g(1), "1 месяца");
        assert_eq!(n(12), "1 год");
        assert_eq!(n(36), "3 года");
        assert_eq!(n(60), "5 лет");
        assert_eq!(n(132), "11 лет");
        assert_eq!(n(6), "6 месяцев");
        assert_eq!(n(3), "3 месяца");
    }

    #[test]
    fn a_single_measure_amount_is_nominative() {
        let m = |unit, min, max| {
            let m = Measure {
                kind: MeasureKind::RestrictionOfLiberty,
                unit: Some(unit),
                min,
                max,
                role: MeasureRole::Alternative,
                lifelong: false,
                only_items: vec![],
            };
            measure(Lang::Ru, &m)
        };
        let rest = tr(Lang::Ru, "measure-restriction-of-liberty", &[]);
        let said = |unit, min, max| m(unit, min, max).replacen(&rest, "", 1);
        assert_eq!(
            said(MeasureUnit::Months, Some(24), Some(24)),
            " на срок 2 года"
        );
        assert_eq!(said(MeasureUnit::Months, Some(12), None), " на срок 1 год");
        assert_eq!(
            said(MeasureUnit::Months, Some(60), Some(60)),
            " на срок 5 лет"
        );
        assert_eq!(said(MeasureUnit::Hours, Some(1), Some(1)), " на срок 1 час");
        assert_eq!(
            said(MeasureUnit::Hours, Some(3), Some(3)),
            " на срок 3 часа"
        );
        assert_eq!(
            said(MeasureUnit::Hours, Some(120), None),
            " на срок 120 часов"
        );
        assert_eq!(
            said(MeasureUnit::Days, Some(1), Some(1)),
            " на срок 1 сутки"
        );
        assert_eq!(
            said(MeasureUnit::Days, Some(15), Some(15)),
            " на срок 15 суток"
        );
        // Ranges keep the genitive after «до».
        assert_eq!(
            said(MeasureUnit::Months, None, Some(24)),
            " на срок до 2 лет"
        );
        assert_eq!(
            said(MeasureUnit::Hours, None, Some(3)),
            " на срок до 3 часов"
        );
    }

    #[test]
    fn russian_sanctions_read_as_a_lawyer_writes_them() {
        let mut p = term(Some(24), 60);
        p.confiscation = Confiscation::Optional;
        assert_eq!(
            penalty(Lang::Ru, &p),
            "лишение свободы на срок от 2 до 5 лет; конфискация имущества по усмотрению суда"
        );
        let mut p = term(None, 36);
        p.fines = vec![Fine {
            unit: FineUnit::Mci,
            min: None,
            max: Some(2000),
        }];
        assert_eq!(
            penalty(Lang::Ru, &p),
            "лишение свободы на срок до 3 лет; штраф в размере до 2000 МРП"
        );
        let mut p = term(Some(18), 36);
        p.life = true;
        assert_eq!(
            penalty(Lang::Ru, &p),
            "лишение свободы на срок от 1 года 6 месяцев до 3 лет или пожизненное лишение свободы"
        );
        // English stays the notation of the JSON.
        assert_eq!(penalty(Lang::En, &term(Some(24), 60)), "2–5 y prison");
    }

    #[test]
    fn kazakh_sanctions_mark_the_case_on_the_unit() {
        let mut p = term(Some(24), 60);
        p.confiscation = Confiscation::Mandatory;
        assert_eq!(
            penalty(Lang::Kk, &p),
            "2 жылдан 5 жылға дейінгі мерзімге бас бостандығынан айыру; мүлікті міндетті түрде тәркілеу"
        );
        assert_eq!(
            penalty(Lang::Kk, &term(Some(18), 36)),
            "1 жыл 6 айдан 3 жылға дейінгі мерзімге бас бостандығынан айыру"
        );
    }

    #[test]
    fn russian_measures_name_their_units() {
        let m = Measure {
            kind: MeasureKind::CommunityWork,
            unit: Some(MeasureUnit::Hours),
            min: None,
            max: Some(800),
            role: MeasureRole::Alternative,
            lifelong: false,
            only_items: vec![],
        };
        assert_eq!(
            measure(Lang::Ru, &m),
            "общественные работы на срок до 800 часов"
        );
        let ban = Measure {
            kind: MeasureKind::Ban,
            unit: Some(MeasureUnit::Months),
            min: None,
            max: Some(36),
            role: MeasureRole::Optional,
            lifelong: false,
            only_items: vec![],
        };
        assert!(measure(Lang::Ru, &ban).ends_with("на срок до 3 лет (по усмотрению суда)"));
    }
}
