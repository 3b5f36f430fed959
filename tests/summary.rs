//! Corpus summaries against the data: a paragraph generated from a part always verifies, a
//! changed number in it is always caught, and no text makes the verifier panic.

use lexchron::load::load;
use lexchron::model::{Confiscation, Fine, FineUnit, Imprisonment, Penalty, Version};
use lexchron::summary::{part_paragraph, verify};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;

/// A real edition (1997 art. 133 as first enacted) to vary.
fn edition() -> &'static Version {
    static V: OnceLock<Version> = OnceLock::new();
    V.get_or_init(|| {
        let (ds, _) = load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        let (p, _) = ds
            .provisions
            .iter()
            .find(|(p, _)| p.reference() == "cc1997:133")
            .expect("cc1997:133 is bundled");
        p.versions[0].clone()
    })
}

fn penalty() -> impl Strategy<Value = Penalty> {
    let term = prop_oneof![
        Just(Imprisonment::None),
        Just(Imprisonment::Unknown),
        (1u32..300).prop_map(|max| Imprisonment::Term { min: None, max }),
        (1u32..150, 1u32..150).prop_map(|(a, d)| Imprisonment::Term {
            min: Some(a),
            max: a + d
        }),
    ];
    let fine = (
        prop_oneof![Just(FineUnit::Mci), Just(FineUnit::MonthsIncome)],
        proptest::option::of(1u32..5000),
        1u32..10000,
    )
        .prop_map(|(unit, min, max)| Fine {
            unit,
            min,
            max: Some(max),
        });
    let conf = prop_oneof![
        Just(Confiscation::No),
        Just(Confiscation::Optional),
        Just(Confiscation::Mandatory),
        Just(Confiscation::Unknown),
    ];
    (
        term,
        proptest::collection::vec(fine, 0..3),
        conf,
        proptest::collection::vec("[a-z ]{1,20}", 0..2),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(imprisonment, fines, confiscation, other, life, death)| Penalty {
                imprisonment,
                fines,
                confiscation,
                other,
                life,
                death,
                measures: vec![],
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_generated_paragraph_verifies(p in penalty()) {
        let mut v = edition().clone();
        v.parts.truncate(1);
        v.parts[0].penalty = Some(p);
        let text = format!("Some prose first.\n\n{}\n", part_paragraph(&v.parts[0]));
        prop_assert_eq!(verify(&text, &v), vec![]);
    }

    #[test]
    fn a_changed_maximum_term_is_caught(max in 1u32..300, delta in 1u32..50) {
        let mut v = edition().clone();
        v.parts.truncate(1);
        let with = |max| Penalty {
            imprisonment: Imprisonment::Term { min: None, max },
            fines: vec![],
            confiscation: Confiscation::No,
            other: vec![],
            life: false,
            death: false,
            measures: vec![],
        };
        v.parts[0].penalty = Some(with(max));
        let stale = part_paragraph(&v.parts[0]);
        v.parts[0].penalty = Some(with(max + delta * 12));
        let found = verify(&stale, &v);
        prop_assert_eq!(found.len(), 1);
        prop_assert!(found[0].message.contains("does not"), "{}", found[0].message);
    }

    #[test]
    fn the_verifier_never_panics(text in "((Part|After part) [0-9a-z-]{0,3}: )?\\PC{0,200}(\n\n\\PC{0,80})?") {
        let _ = verify(&text, edition());
    }
}
