//! Shared by the scale benchmarks and their smoke test: the scale data sets, the lexchron side
//! of each benchmarked operation, and the check that lexchron and SQLite answer alike.
//!
//! Both sides return the same shapes — (reference, valid_from) pairs, dates — so answers
//! compare with `==` before anything is timed.

#![allow(dead_code)] // each includer uses a different part

pub mod sqlite;

use chrono::NaiveDate;
use lexchron::graph::Law;
use lexchron::index::{Filter, SearchIndex};
use lexchron::query::When;
use sqlite::Sql;
use std::path::{Path, PathBuf};

pub type Date = NaiveDate;

/// A benchmark data set, opened on both sides.
pub struct Fixture {
    pub versions: usize,
    pub data: PathBuf,
    pub cache: PathBuf,
    pub sql_path: PathBuf,
    pub key: String,
    pub law: Law,
    pub sql: Sql,
    pub search: SearchIndex,
    pub samples: Samples,
}

/// The queries timed, drawn deterministically from the data.
pub struct Samples {
    pub points: Vec<(String, Date)>,
    pub coverage: Vec<(Vec<String>, Date, Date)>,
    pub histories: Vec<String>,
    pub words: Vec<(String, Date, Date)>,
}

/// Words of the generated text that both engines tokenize and stem alike (see the smoke
/// test, which checks the answers on every run).
pub const WORDS: &[&str] = &[
    "trafficking",
    "prostitution",
    "organ",
    "kidnapping",
    "migration",
];

pub fn day(y: i32, m: u32, d: u32) -> Date {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn from_number(n: i32) -> Option<Date> {
    NaiveDate::from_num_days_from_ce_opt(n)
}

/// The vocabulary of the bundled corpus, which generated text draws on.
pub fn vocabulary() -> Vec<String> {
    let (data, _) = lexchron::load::load(Path::new(env!("CARGO_MANIFEST_DIR")));
    lexchron::scale::vocabulary(data.texts.values().map(|(t, _)| t.clone()))
}

/// Opens (generating and caching on first use) the data set of `versions` versions under
/// `root`: the data, its snapshot, the SQLite file and the search index. `say` reports the
/// slow first-time steps.
pub fn fixture(root: &Path, versions: usize, say: &dyn Fn(&str)) -> Result<Fixture, String> {
    let data = root.join(format!("v{versions}"));
    let cache = root.join(format!("cache-v{versions}"));
    let sql_path = root.join(format!("v{versions}.sqlite"));
    if !data.join("graph").is_dir() {
        say(&format!(
            "generating {versions} versions into {}",
            data.display()
        ));
        let spec = lexchron::scale::Spec {
            versions,
            codes: (versions / 500).clamp(1, 20),
            seed: 42,
        };
        lexchron::scale::generate(&spec, &vocabulary(), &data)?;
    }
    let key = lexchron::load::data_key(&data);
    let law = match lexchron::snapshot::read(&cache, &data, &key) {
        Ok(Some(law)) => law,
        _ => {
            say(&format!("loading and checking {} (cold)", data.display()));
            let law = lexchron::cli::open(&data).map_err(|d| format!("{} problems", d.len()))?;
            lexchron::snapshot::write(&cache, &law).map_err(|e| e.to_string())?;
            drop(law);
            lexchron::snapshot::read(&cache, &data, &key)?.ok_or("snapshot vanished")?
        }
    };
    let key_file = sql_path.with_extension("sqlite.key");
    let sql_key = format!("{key} schema {}", sqlite::SCHEMA_VERSION);
    let sql = match std::fs::read_to_string(&key_file) {
        Ok(k) if k == sql_key && sql_path.exists() => {
            Sql::open(&sql_path).map_err(|e| e.to_string())?
        }
        _ => {
            say(&format!("loading {} into SQLite", data.display()));
            let sql = Sql::build(&sql_path, &law).map_err(|e| e.to_string())?;
            std::fs::write(&key_file, &sql_key).map_err(|e| e.to_string())?;
            sql
        }
    };
    let (search, outcome) =
        lexchron::index::open_cached(&law, &cache).map_err(|e| e.to_string())?;
    if outcome != lexchron::index::CacheOutcome::Reused {
        say(&format!("built the search index ({outcome:?})"));
    }
    let samples = samples(&law);
    Ok(Fixture {
        versions,
        data,
        cache,
        sql_path,
        key,
        law,
        sql,
        search,
        samples,
    })
}

/// Spread-out references, days and intervals; the same for every run of one data set.
fn samples(law: &Law) -> Samples {
    let refs = &law.columns().refs;
    let step = (refs.len() / 200).max(1);
    let picked: Vec<&String> = refs.iter().step_by(step).take(200).collect();
    let days: Vec<Date> = (0..7)
        .map(|i| day(1992 + 5 * i, 1 + (i as u32 * 2) % 12, 15))
        .collect();
    let points = picked
        .iter()
        .enumerate()
        .map(|(i, r)| ((*r).clone(), days[i % days.len()]))
        .collect();
    let mut coverage = Vec::new();
    for (i, t) in law.topics().enumerate().take(4) {
        let closure = law.topic_closure(&t.id).map(|(_, c)| c).unwrap_or_default();
        let y = 1995 + 7 * i as i32;
        coverage.push((closure, day(y, 1, 1), day(y, 12, 31)));
    }
    let histories = picked.iter().take(50).map(|r| (*r).clone()).collect();
    let words = WORDS
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let y = 2000 + 4 * i as i32;
            (w.to_string(), day(y, 1, 1), day(y, 12, 31))
        })
        .collect();
    Samples {
        points,
        coverage,
        histories,
        words,
    }
}

/// lexchron: the edition of `reference` in force on `day` (its first day).
pub fn point_in_time(law: &Law, reference: &str, day: Date) -> Option<Date> {
    let pi = law.by_ref(reference)?;
    let vi = law.version_on(pi, day)?;
    let c = law.columns();
    from_number(c.from[c.editions(pi).start + vi])
}

/// lexchron: editions carrying `topics` in force during `[from, to]`, by reference and date.
pub fn coverage(law: &Law, topics: &[String], from: Date, to: Date) -> Vec<(String, Date)> {
    let c = law.columns();
    let mut out: Vec<(String, Date)> = law
        .covering(topics, &When { from, to })
        .into_iter()
        .filter_map(|(pi, vi)| {
            let d = from_number(c.from[c.editions(pi).start + vi])?;
            Some((c.refs[pi].clone(), d))
        })
        .collect();
    out.sort_unstable();
    out
}

/// lexchron: every edition of `reference`: first day, last day, enacting act.
pub fn history(law: &Law, reference: &str) -> Vec<(Date, Option<Date>, String)> {
    let Some(pi) = law.by_ref(reference) else {
        return Vec::new();
    };
    let c = law.columns();
    let acts = &law.meta().acts;
    c.editions(pi)
        .filter_map(|e| {
            let from = from_number(c.from[e])?;
            let to = (c.to[e] != i32::MAX)
                .then(|| from_number(c.to[e]))
                .flatten();
            let act = c
                .acts_of(e)
                .first()
                .map(|&a| acts[a as usize].0.id.clone())?;
            Some((from, to, act))
        })
        .collect()
}

fn filter(from: Date, to: Date, limit: usize) -> Filter {
    Filter {
        at: Some(When { from, to }),
        code: None,
        limit,
    }
}

fn parse_pairs(v: Vec<(String, String)>) -> Vec<(String, Date)> {
    v.into_iter()
        .filter_map(|(r, d)| Some((r, d.parse().ok()?)))
        .collect()
}

/// lexchron: the `limit` best editions matching `word` in force during `[from, to]`.
pub fn fts(
    index: &SearchIndex,
    word: &str,
    from: Date,
    to: Date,
    limit: usize,
) -> Vec<(String, Date)> {
    parse_pairs(
        index
            .top_matches(word, &filter(from, to, limit))
            .unwrap_or_default(),
    )
}

/// lexchron: every such edition, sorted.
pub fn fts_all(index: &SearchIndex, word: &str, from: Date, to: Date) -> Vec<(String, Date)> {
    let mut v = parse_pairs(
        index
            .all_matches(word, &filter(from, to, 1))
            .unwrap_or_default(),
    );
    v.sort_unstable();
    v
}

/// Checks that both sides give the same answers to every sample; the first difference.
pub fn same_answers(fx: &Fixture) -> Result<(), String> {
    let (law, sql, s) = (&fx.law, &fx.sql, &fx.samples);
    let e = |e: rusqlite::Error| e.to_string();
    for (r, d) in &s.points {
        let (a, b) = (
            point_in_time(law, r, *d),
            sql.point_in_time(r, *d).map_err(e)?,
        );
        if a.is_none() && b.is_none() && law.by_ref(r).is_none() {
            return Err(format!("sample {r} is not in the data"));
        }
        if a != b {
            return Err(format!(
                "point in time {r} on {d}: lexchron {a:?}, SQLite {b:?}"
            ));
        }
    }
    for (topics, from, to) in &s.coverage {
        let (a, b) = (
            coverage(law, topics, *from, *to),
            sql.coverage(topics, *from, *to).map_err(e)?,
        );
        if a != b {
            return Err(format!(
                "coverage {topics:?} {from}..{to}: lexchron {} rows, SQLite {}",
                a.len(),
                b.len()
            ));
        }
    }
    for r in &s.histories {
        let (a, b) = (history(law, r), sql.history(r).map_err(e)?);
        if a != b {
            return Err(format!("history {r}: lexchron {a:?}, SQLite {b:?}"));
        }
    }
    for (w, from, to) in &s.words {
        let a = fts_all(&fx.search, w, *from, *to);
        let b = sql.fts_all(w, *from, *to).map_err(e)?;
        if a != b {
            return Err(format!(
                "full-text `{w}` {from}..{to}: lexchron {} matches, SQLite {}",
                a.len(),
                b.len()
            ));
        }
        if a.is_empty() {
            return Err(format!(
                "full-text `{w}` {from}..{to} matches nothing on either side"
            ));
        }
    }
    Ok(())
}

/// Time to open the snapshot into a queryable law (read, checksum, decode the index).
pub fn open_snapshot(fx: &Fixture) -> Law {
    lexchron::snapshot::read(&fx.cache, &fx.data, &fx.key)
        .ok()
        .flatten()
        .expect("the fixture wrote this snapshot")
}

/// Heap bytes per version of an opened snapshot (see `Law::heap_bytes`).
pub fn bytes_per_version(law: &Law) -> f64 {
    law.heap_bytes() as f64 / law.columns().from.len().max(1) as f64
}
