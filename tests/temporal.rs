//! Model-based tests of the temporal core: for random provision timelines, every
//! point-in-time and interval answer of the graph equals a naive linear scan.

use lexchron::graph::Law;
use lexchron::load::{Dataset, Origin};
use lexchron::model::{Confidence, Date, Provision, ProvisionKind, Version};
use lexchron::query::When;
use proptest::prelude::*;

fn day(n: i64) -> Date {
    Date::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(n)
}

fn version(from: Date, to: Option<Date>) -> Version {
    Version {
        valid_from: from,
        valid_to: to,
        enacted_by: "act".into(),
        amended_by: vec![],
        title: "t".into(),
        title_ru: None,
        changes: "c".into(),
        date_note: None,
        topics: vec![],
        refers_to: vec![],
        parts: vec![],
        notes: vec![],
        rules: None,
        conflicts: vec![],
        confidence: Confidence::A,
        sources: vec![],
    }
}

/// A timeline from a start offset and edition lengths; the last may stay open.
fn provision(start: i64, lengths: &[i64], open_end: bool) -> Provision {
    let mut versions = Vec::new();
    let mut from = day(start);
    for (i, len) in lengths.iter().enumerate() {
        let last = i + 1 == lengths.len();
        let to = if last && open_end {
            None
        } else {
            Some(from + chrono::Duration::days(len - 1))
        };
        versions.push(version(from, to));
        if let Some(t) = to {
            from = t.succ_opt().unwrap();
        }
    }
    Provision {
        code: "c".into(),
        article: "1".into(),
        subject: "s".into(),
        kind: ProvisionKind::Offence,
        renumbered_as: vec![],
        gaps: vec![],
        versions,
    }
}

fn law_of(p: Provision) -> Law {
    let ds = Dataset {
        provisions: vec![(
            p,
            Origin {
                file: 0,
                path: String::new(),
            },
        )],
        ..Dataset::default()
    };
    Law::build(ds)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn interval_lookup_matches_a_linear_scan(
        start in 0i64..500,
        lengths in proptest::collection::vec(1i64..400, 1..12),
        open_end in any::<bool>(),
        q_from in 0i64..6000,
        q_len in 0i64..2000,
    ) {
        let law = law_of(provision(start, &lengths, open_end));
        let when = When { from: day(q_from), to: day(q_from + q_len) };
        let naive: Vec<usize> = law.provision(0).versions.iter().enumerate()
            .filter(|(_, v)| v.overlaps(when.from, when.to))
            .map(|(i, _)| i)
            .collect();
        prop_assert_eq!(law.versions_during(0, &when), naive);
    }

    #[test]
    fn point_lookup_matches_a_linear_scan(
        lengths in proptest::collection::vec(1i64..400, 1..12),
        open_end in any::<bool>(),
        q in 0i64..6000,
    ) {
        let law = law_of(provision(0, &lengths, open_end));
        let naive = law.provision(0).versions.iter().position(|v| v.covers_day(day(q)));
        prop_assert_eq!(law.version_on(0, day(q)), naive);
    }
}
