//! The SQLite side of the comparison: the same data in the schema a competent SQLite user
//! would choose (integer days, indexes on reference and interval columns, FTS5 with the
//! Porter stemmer), queried with cached prepared statements.
//!
//! Query plans (`EXPLAIN QUERY PLAN`, checked by the smoke test):
//! - point in time: SEARCH p USING COVERING INDEX (ref=?), SEARCH v USING INDEX
//!   versions_by_provision (provision_id=? AND valid_from<?)
//! - coverage: SEARCH t USING COVERING INDEX topics_by_interval (topic=? AND valid_from<?)
//! - history: SEARCH p ... (ref=?), SEARCH v USING INDEX versions_by_provision
//! - full text: SCAN docs VIRTUAL TABLE INDEX (the FTS5 match), SEARCH v USING INTEGER
//!   PRIMARY KEY

use chrono::{Datelike, NaiveDate};
use lexchron::graph::Law;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;

/// Bumped whenever the schema changes, so a database built by an older bench is rebuilt.
pub const SCHEMA_VERSION: u32 = 2;

/// Day number of an edition still in force. A sentinel rather than NULL keeps the interval
/// predicate `valid_to >= ?` a plain comparison an index can serve.
const OPEN: i32 = i32::MAX;

pub struct Sql {
    conn: Connection,
}

fn number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn date(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or(NaiveDate::MIN)
}

/// Words as an FTS5 query: each quoted (so no word is read as an operator), ANDed.
fn match_expr(query: &str) -> String {
    query
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

const SCHEMA: &str = "
CREATE TABLE provisions(
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,
    code TEXT NOT NULL,
    article TEXT NOT NULL,
    subject TEXT NOT NULL
);
CREATE TABLE versions(
    id INTEGER PRIMARY KEY,
    provision_id INTEGER NOT NULL REFERENCES provisions(id),
    valid_from INTEGER NOT NULL,
    valid_to INTEGER NOT NULL,
    enacted_by TEXT NOT NULL,
    title TEXT NOT NULL
);
-- Topics of an edition, its parts and items; the interval is repeated here so that a
-- coverage query is answered from this table's index alone.
CREATE TABLE version_topics(
    topic TEXT NOT NULL,
    valid_from INTEGER NOT NULL,
    valid_to INTEGER NOT NULL,
    version_id INTEGER NOT NULL,
    PRIMARY KEY(topic, valid_from, valid_to, version_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE docs USING fts5(
    title, title_ru, body, topics, part_topics, tokenize = 'porter unicode61'
);
";

/// The bundled SQLite is built with STAT4: with its histograms present, a statement whose
/// plan could depend on a bound value is re-prepared at every new binding (about 5 µs, five
/// times the query). The plans here do not depend on values, so only `sqlite_stat1` stays.
const INDEXES: &str = "
CREATE INDEX versions_by_provision ON versions(provision_id, valid_from);
ANALYZE;
DROP TABLE IF EXISTS sqlite_stat4;
";

impl Sql {
    /// Builds a fresh database at `path` from every edition of `law`, in one transaction.
    pub fn build(path: &Path, law: &Law) -> rusqlite::Result<Sql> {
        let _ = std::fs::remove_file(path);
        let mut conn = Connection::open(path)?;
        conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
        conn.execute_batch(SCHEMA)?;
        let tx = conn.transaction()?;
        {
            let mut prov = tx.prepare(
                "INSERT INTO provisions(id, ref, code, article, subject) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut ver = tx.prepare(
                "INSERT INTO versions(id, provision_id, valid_from, valid_to, enacted_by, title)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut top = tx.prepare(
                "INSERT OR IGNORE INTO version_topics(topic, valid_from, valid_to, version_id)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut doc = tx.prepare(
                "INSERT INTO docs(rowid, title, title_ru, body, topics, part_topics)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut vid: i64 = 0;
            for (pi, p) in law.provisions().enumerate() {
                prov.execute(params![
                    pi as i64,
                    p.reference(),
                    p.code,
                    p.article,
                    p.subject
                ])?;
                for v in &p.versions {
                    vid += 1;
                    let (from, to) = (number(v.valid_from), v.valid_to.map_or(OPEN, number));
                    ver.execute(params![vid, pi as i64, from, to, v.enacted_by, v.title])?;
                    let topics = v.topics.iter().chain(v.parts.iter().flat_map(|pt| {
                        pt.topics
                            .iter()
                            .chain(pt.items.iter().flat_map(|it| it.topics.iter()))
                    }));
                    for t in topics {
                        top.execute(params![t, from, to, vid])?;
                    }
                    let d = lexchron::index::doc_text(law, p, v);
                    doc.execute(params![
                        vid,
                        d.title,
                        d.title_ru,
                        d.body,
                        d.topics,
                        d.part_topics
                    ])?;
                }
            }
        }
        tx.commit()?;
        conn.execute_batch(INDEXES)?;
        conn.execute_batch("INSERT INTO docs(docs) VALUES ('optimize');")?;
        drop(conn);
        Sql::open(path)
    }

    /// Opens an existing database as a tuned single-process reader: exclusive locking (the
    /// default takes and drops a file lock around every query: about 6 µs, more than the
    /// query itself), and a page cache and memory map as large as the file, so SQLite, like
    /// lexchron, answers from memory.
    pub fn open(path: &Path) -> rusqlite::Result<Sql> {
        let conn = Connection::open(path)?;
        conn.execute_batch(
            "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -1048576;
             PRAGMA mmap_size = 4294967296; PRAGMA temp_store = MEMORY;",
        )?;
        Ok(Sql { conn })
    }

    /// The plan SQLite chooses for a query, one line per step (for the smoke test).
    pub fn plan(&self, sql: &str) -> rusqlite::Result<Vec<String>> {
        let mut st = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let nulls = vec![rusqlite::types::Null; st.parameter_count()];
        let rows = st.query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3))?;
        rows.collect()
    }

    pub fn point_in_time(
        &self,
        reference: &str,
        day: NaiveDate,
    ) -> rusqlite::Result<Option<NaiveDate>> {
        let mut st = self.conn.prepare_cached(POINT)?;
        st.query_row(params![reference, number(day)], |r| r.get::<_, i32>(0))
            .optional()
            .map(|d| d.map(date))
    }

    pub fn coverage(
        &self,
        topics: &[String],
        from: NaiveDate,
        to: NaiveDate,
    ) -> rusqlite::Result<Vec<(String, NaiveDate)>> {
        if topics.is_empty() {
            return Ok(Vec::new());
        }
        let mut st = self.conn.prepare_cached(&coverage_sql(topics.len()))?;
        let mut args: Vec<&dyn rusqlite::ToSql> = vec![];
        let (f, t) = (number(from), number(to));
        args.push(&f);
        args.push(&t);
        for topic in topics {
            args.push(topic);
        }
        let rows = st.query_map(args.as_slice(), |r| Ok((r.get(0)?, date(r.get(1)?))))?;
        rows.collect()
    }

    pub fn history(
        &self,
        reference: &str,
    ) -> rusqlite::Result<Vec<(NaiveDate, Option<NaiveDate>, String)>> {
        let mut st = self.conn.prepare_cached(HISTORY)?;
        let rows = st.query_map(params![reference], |r| {
            let to: i32 = r.get(1)?;
            Ok((date(r.get(0)?), (to != OPEN).then(|| date(to)), r.get(2)?))
        })?;
        rows.collect()
    }

    pub fn fts(
        &self,
        query: &str,
        from: NaiveDate,
        to: NaiveDate,
        limit: usize,
    ) -> rusqlite::Result<Vec<(String, NaiveDate)>> {
        let mut st = self.conn.prepare_cached(FTS_TOP)?;
        let rows = st.query_map(
            params![match_expr(query), number(from), number(to), limit as i64],
            |r| Ok((r.get(0)?, date(r.get(1)?))),
        )?;
        rows.collect()
    }

    pub fn fts_all(
        &self,
        query: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> rusqlite::Result<Vec<(String, NaiveDate)>> {
        let mut st = self.conn.prepare_cached(FTS_ALL)?;
        let rows = st.query_map(params![match_expr(query), number(from), number(to)], |r| {
            Ok((r.get(0)?, date(r.get(1)?)))
        })?;
        rows.collect()
    }
}

pub const POINT: &str = "SELECT v.valid_from FROM provisions p
    JOIN versions v ON v.provision_id = p.id
    WHERE p.ref = ?1 AND v.valid_from <= ?2 AND v.valid_to >= ?2
    ORDER BY v.valid_from DESC LIMIT 1";

pub const HISTORY: &str = "SELECT v.valid_from, v.valid_to, v.enacted_by FROM provisions p
    JOIN versions v ON v.provision_id = p.id
    WHERE p.ref = ?1 ORDER BY v.valid_from";

pub const FTS_TOP: &str = "SELECT p.ref, v.valid_from FROM docs
    JOIN versions v ON v.id = docs.rowid
    JOIN provisions p ON p.id = v.provision_id
    WHERE docs MATCH ?1 AND v.valid_from <= ?3 AND v.valid_to >= ?2
    ORDER BY rank LIMIT ?4";

pub const FTS_ALL: &str = "SELECT p.ref, v.valid_from FROM docs
    JOIN versions v ON v.id = docs.rowid
    JOIN provisions p ON p.id = v.provision_id
    WHERE docs MATCH ?1 AND v.valid_from <= ?3 AND v.valid_to >= ?2
    ORDER BY p.ref, v.valid_from";

/// Coverage for `n` topics: one placeholder per topic after the two interval bounds.
pub fn coverage_sql(n: usize) -> String {
    let marks: Vec<String> = (0..n.max(1)).map(|i| format!("?{}", i + 3)).collect();
    format!(
        "SELECT DISTINCT p.ref, t.valid_from FROM version_topics t
         JOIN versions v ON v.id = t.version_id
         JOIN provisions p ON p.id = v.provision_id
         WHERE t.topic IN ({}) AND t.valid_from <= ?2 AND t.valid_to >= ?1
         ORDER BY p.ref, t.valid_from",
        marks.join(", ")
    )
}
