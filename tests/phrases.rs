//! The phrase book (`src/lang/phrases.ron`) against the bundled data: every fixed English
//! phrase the data uses in sanctions and reconciliation rules has a Russian wording, and every
//! entry of the book is still used, so neither drifts when the data is edited.

mod common;

use lexchron::lang::i18n::Lang;
use lexchron::lang::phrases;
use lexchron::model::Rules;
use std::collections::BTreeSet;

fn data_phrases() -> BTreeSet<String> {
    let (data, _) = lexchron::load::load(&common::bundled());
    let mut out = BTreeSet::new();
    for (p, _) in &data.provisions {
        for v in &p.versions {
            for part in &v.parts {
                if let Some(pen) = &part.penalty {
                    out.extend(pen.other.iter().cloned());
                }
            }
            if let Some(Rules::Reconciliation(r)) = &v.rules {
                for e in r.mandatory.iter().chain(&r.discretionary) {
                    out.extend(e.conditions.iter().cloned());
                    out.extend(e.offenders.iter().cloned());
                }
                for x in &r.exclusions {
                    out.insert(x.what.clone());
                    out.extend(x.only_where.iter().cloned());
                }
            }
        }
    }
    out
}

#[test]
fn every_phrase_of_the_data_has_a_russian_wording() {
    let phrases_used = data_phrases();
    assert!(
        phrases_used.contains("harm made good"),
        "the data should still name reconciliation conditions"
    );
    let missing: Vec<&String> = phrases_used
        .iter()
        .filter(|p| !phrases::has(Lang::Ru, p))
        .collect();
    assert!(
        missing.is_empty(),
        "add these to src/lang/phrases.ron: {missing:#?}"
    );
    assert_eq!(
        phrases::say(Lang::Ru, "harm made good"),
        "причинённый вред заглажен"
    );
    assert_eq!(phrases::say(Lang::En, "harm made good"), "harm made good");
}

#[test]
fn every_entry_of_the_book_is_used() {
    let used = data_phrases();
    let unused: Vec<&str> = phrases::english().filter(|e| !used.contains(*e)).collect();
    assert!(
        unused.is_empty(),
        "no data uses these entries of src/lang/phrases.ron: {unused:#?}"
    );
}
