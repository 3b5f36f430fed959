//! The benchmarks' code paths, run once on a tiny generated data set so they cannot rot:
//! the fixture (generate, snapshot, SQLite, search index), equal answers on both sides, and
//! every timed operation once. Nothing here measures time.

#[path = "../benches/common/mod.rs"]
mod common;

#[test]
fn bench_paths_run_and_both_sides_agree() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fx = common::fixture(dir.path(), 600, &|_| {}).expect("fixture builds");
    common::same_answers(&fx).expect("lexchron and SQLite agree");

    let s = &fx.samples;
    let (r, d) = &s.points[0];
    let law = common::open_snapshot(&fx);
    assert_eq!(
        common::point_in_time(&law, r, *d),
        fx.sql.point_in_time(r, *d).unwrap()
    );
    assert!(common::point_in_time(&law, r, *d).is_some(), "{r} on {d}");
    let (topics, from, to) = &s.coverage[0];
    assert!(!common::coverage(&fx.law, topics, *from, *to).is_empty());
    assert!(!common::history(&fx.law, &s.histories[0]).is_empty());
    let (w, from, to) = &s.words[0];
    let top = common::fts(&fx.search, w, *from, *to, 20);
    assert_eq!(top.len(), fx.sql.fts(w, *from, *to, 20).unwrap().len());
    assert!(!top.is_empty());
    assert!(common::bytes_per_version(&law) > 0.0);
    // Generated text is written inline in each version and read back like corpus text.
    let p = law.provision(0);
    let text = law.text(p, &p.versions[0]).expect("inline text");
    assert!(text.split(' ').count() >= 40, "{text}");
    assert!(
        !fx.data.join("corpus/g000").exists(),
        "no per-edition text files"
    );

    // A second fixture on the same dir reuses the data, snapshot, SQLite file and index.
    let steps = std::cell::RefCell::new(Vec::new());
    common::fixture(dir.path(), 600, &|s| steps.borrow_mut().push(s.to_string()))
        .expect("fixture reopens");
    assert!(steps.borrow().is_empty(), "rebuilt: {:?}", steps.borrow());
}

/// SQLite gets a fair fight: every benchmarked query is served by an index, never a scan of
/// a whole table (the FTS5 table is searched through its own index).
#[test]
fn sqlite_queries_use_indexes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fx = common::fixture(dir.path(), 300, &|_| {}).expect("fixture builds");
    let queries = [
        common::sqlite::POINT.to_string(),
        common::sqlite::HISTORY.to_string(),
        common::sqlite::coverage_sql(2),
        common::sqlite::FTS_TOP.to_string(),
        common::sqlite::FTS_ALL.to_string(),
    ];
    for q in queries {
        let plan = fx.sql.plan(&q).expect("plan");
        eprintln!("{q}\n  {plan:?}");
        for step in &plan {
            let scans_table = step.starts_with("SCAN") && !step.contains("VIRTUAL TABLE");
            assert!(!scans_table, "{q}\nscans: {step}\nplan: {plan:?}");
        }
        assert!(
            plan.iter()
                .any(|s| s.contains("INDEX") || s.contains("PRIMARY KEY")),
            "{plan:?}"
        );
    }
    // Sanity of the comparison itself: the samples are not trivially empty.
    let s = &fx.samples;
    let sizes: Vec<usize> = s
        .words
        .iter()
        .map(|(w, f, t)| common::fts_all(&fx.search, w, *f, *t).len())
        .collect();
    eprintln!("full-text matches per sample word: {sizes:?}");
    assert!(sizes.iter().all(|&n| n > 0));
}
