//! Model-based tests of the temporal core: for random provision timelines, every
//! point-in-time, interval and coverage answer of the graph equals a naive linear scan, and
//! a law read back from its snapshot answers the same.

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
        text: None,
        date_note: None,
        topics: vec![],
        refers_to: vec![],
        parts: vec![],
        notes: vec![],
        paragraphs: vec![],
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
        provisions: vec![(p, origin())],
        ..Dataset::default()
    };
    Law::build(ds)
}

const TOPICS: &[&str] = &["t0", "t1", "t2", "t3"];

fn origin() -> Origin {
    Origin {
        file: 0,
        path: String::new(),
    }
}

/// A provision's start, its editions' (length, topic mask), and whether the last is open.
type Timeline = (i64, Vec<(i64, u8)>, bool);

/// Several provisions; each edition carries the topics whose bits are set in its mask.
fn law_with_topics(timelines: &[Timeline]) -> Law {
    let provisions = timelines
        .iter()
        .enumerate()
        .map(|(i, (start, eds, open))| {
            let lengths: Vec<i64> = eds.iter().map(|(l, _)| *l).collect();
            let mut p = provision(*start, &lengths, *open);
            p.article = format!("{}", i + 1);
            for (v, (_, mask)) in p.versions.iter_mut().zip(eds) {
                v.topics = (0..4)
                    .filter(|b| mask & (1 << b) != 0)
                    .map(|b| TOPICS[b].to_string())
                    .collect();
            }
            (p, origin())
        })
        .collect();
    let topics = TOPICS
        .iter()
        .map(|t| {
            let topic = lexchron::model::Topic {
                id: t.to_string(),
                label: t.to_string(),
                synonyms: vec![],
                broader: vec![],
                description: String::new(),
            };
            (topic, origin())
        })
        .collect();
    Law::build(Dataset {
        provisions,
        topics,
        ..Dataset::default()
    })
}

/// Up to five provisions of up to seven editions, each edition with a random topic mask.
fn timelines() -> impl Strategy<Value = Vec<Timeline>> {
    proptest::collection::vec(
        (
            0i64..500,
            proptest::collection::vec((1i64..400, 0u8..16), 1..8),
            any::<bool>(),
        ),
        1..6,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn coverage_matches_a_linear_scan(
        timelines in timelines(),
        wanted in 0u8..16,
        q_from in 0i64..5000,
        q_len in 0i64..1500,
    ) {
        let law = law_with_topics(&timelines);
        let ids: Vec<String> = (0..4)
            .filter(|b| wanted & (1 << b) != 0)
            .map(|b| TOPICS[b].to_string())
            .collect();
        let when = When { from: day(q_from), to: day(q_from + q_len) };
        let mut naive = Vec::new();
        for (pi, p) in law.provisions().enumerate() {
            for (vi, v) in p.versions.iter().enumerate() {
                if v.overlaps(when.from, when.to) && v.topics.iter().any(|t| ids.contains(t)) {
                    naive.push((pi, vi));
                }
            }
        }
        prop_assert_eq!(law.covering(&ids, &when), naive);
    }

    #[test]
    fn a_snapshot_answers_like_the_law_it_was_written_from(
        timelines in timelines(),
        q in 0i64..5000,
    ) {
        let law = law_with_topics(&timelines);
        let bytes = lexchron::snapshot::encode(&law).unwrap();
        let back = lexchron::snapshot::decode(bytes, std::path::Path::new("."), law.key()).unwrap();
        let when = When::day(day(q));
        let ids: Vec<String> = TOPICS.iter().map(|t| t.to_string()).collect();
        prop_assert_eq!(back.covering(&ids, &when), law.covering(&ids, &when));
        for pi in 0..law.provision_count() {
            prop_assert_eq!(back.version_on(pi, day(q)), law.version_on(pi, day(q)));
            prop_assert_eq!(back.provision(pi).versions.len(), law.provision(pi).versions.len());
            prop_assert_eq!(back.by_ref(&law.provision(pi).reference()), Some(pi));
        }
    }

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
