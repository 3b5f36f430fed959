//! Full-text search through the real binary, and the index cache surviving damage on disk.

mod common;

use assert_cmd::Command;
use std::path::Path;

fn lexchron(cache: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lexchron").expect("binary builds");
    cmd.env("LEXCHRON_TODAY", "2026-11-24")
        .env("LEXCHRON_CACHE", cache)
        .env_remove("LEXCHRON_DATA");
    cmd
}

fn search(cache: &Path, args: &[&str]) -> (String, String) {
    let out = lexchron(cache).arg("search").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "search failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Progress appears only when a build outlasts a moment, which depends on the machine's
    // load: it is not a notice, so it is left out of what the tests compare.
    let stderr: String = String::from_utf8(out.stderr)
        .unwrap()
        .lines()
        .filter(|l| !l.contains("building the search index"))
        .map(|l| format!("{l}\n"))
        .collect();
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

fn index_dir(cache: &Path) -> std::path::PathBuf {
    std::fs::read_dir(cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("index-v")
        })
        .expect("an index directory in the cache")
}

#[test]
fn forced_labour_in_2008_ranks_the_1997_trafficking_articles_first() {
    let cache = tempfile::tempdir().unwrap();
    let (out, _) = search(
        cache.path(),
        &["forced labour", "--at", "2008", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let refs: Vec<&str> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["ref"].as_str().unwrap())
        .collect();
    assert!(refs.len() >= 2, "{refs:?}");
    assert!(
        ["cc1997:128", "cc1997:133"].contains(&refs[0]),
        "first hit {refs:?}"
    );
    for h in v["results"].as_array().unwrap() {
        assert_eq!(h["code"], "cc1997", "2008 is 1997-code time: {h}");
    }
}

#[test]
fn russian_titles_are_stemmed() {
    let cache = tempfile::tempdir().unwrap();
    let (out, _) = search(
        cache.path(),
        &["торговля людьми", "--format", "json", "--limit", "50"],
    );
    assert!(
        out.contains("\"ref\": \"cc1997:128\"") || out.contains("\"ref\": \"cc2014:128\""),
        "{out}"
    );
}

#[test]
fn a_damaged_cache_is_rebuilt_with_a_notice_and_the_same_answers() {
    let cache = tempfile::tempdir().unwrap();
    let (first, notice) = search(cache.path(), &["trafficking", "--at", "2016"]);
    assert!(notice.is_empty(), "a first build says nothing: {notice}");
    let (again, notice) = search(cache.path(), &["trafficking", "--at", "2016"]);
    assert_eq!(first, again);
    assert!(
        notice.is_empty(),
        "a valid cache is reused silently: {notice}"
    );

    // Truncate every segment file, as a crash mid-write would.
    let dir = index_dir(cache.path());
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let p = e.path();
        if !p.file_name().unwrap().to_string_lossy().ends_with(".json") {
            let f = std::fs::OpenOptions::new().write(true).open(&p).unwrap();
            f.set_len(f.metadata().unwrap().len() / 2).unwrap();
        }
    }
    let (after, notice) = search(cache.path(), &["trafficking", "--at", "2016"]);
    assert_eq!(first, after, "answers after the rebuild");
    assert!(notice.contains("rebuilt"), "{notice}");

    // A marker that is not JSON is also caught.
    std::fs::write(
        index_dir(cache.path()).join("lexchron-index.json"),
        b"\0\0\0",
    )
    .unwrap();
    let (after, notice) = search(cache.path(), &["trafficking", "--at", "2016"]);
    assert_eq!(first, after);
    assert!(notice.contains("corrupt"), "{notice}");
}

#[test]
fn no_cache_writes_nothing() {
    let cache = tempfile::tempdir().unwrap();
    let (out, _) = search(cache.path(), &["brothel", "--no-cache"]);
    assert!(
        out.contains("cc2014:309") || out.contains("cc1997:271"),
        "{out}"
    );
    assert_eq!(std::fs::read_dir(cache.path()).unwrap().count(), 0);
}

#[test]
fn query_syntax_errors_point_at_the_column() {
    let cache = tempfile::tempdir().unwrap();
    lexchron(cache.path())
        .args(["search", "forced AND (labour"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unclosed `(`"))
        .stderr(predicates::str::contains("  |            ^"));
}

#[test]
fn zero_filled_stale_or_unwritable_caches_never_change_the_answer() {
    let cache = tempfile::tempdir().unwrap();
    let (first, _) = search(cache.path(), &["exploitation", "--at", "2020"]);

    // Zero-fill every segment file (a crash after allocation, before the data landed).
    let dir = index_dir(cache.path());
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let p = e.path();
        if !p.file_name().unwrap().to_string_lossy().ends_with(".json") {
            let len = std::fs::metadata(&p).unwrap().len() as usize;
            std::fs::write(&p, vec![0u8; len]).unwrap();
        }
    }
    let (after, notice) = search(cache.path(), &["exploitation", "--at", "2020"]);
    assert_eq!(first, after);
    assert!(notice.contains("corrupt"), "{notice}");

    // A marker from another schema version is stale: rebuilt, same answers.
    let marker = index_dir(cache.path()).join("lexchron-index.json");
    let text = std::fs::read_to_string(&marker).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut old = v.clone();
    old["schema"] = serde_json::json!(0);
    std::fs::write(&marker, old.to_string()).unwrap();
    let (after, notice) = search(cache.path(), &["exploitation", "--at", "2020"]);
    assert_eq!(first, after);
    assert!(notice.contains("stale"), "{notice}");

    // A cache dir that cannot be created (a file stands in its way): answered from memory.
    let blocked = cache.path().join("blocked");
    std::fs::write(&blocked, b"not a directory").unwrap();
    let (after, notice) = search(&blocked, &["exploitation", "--at", "2020"]);
    assert_eq!(first, after);
    assert!(notice.contains("searching in memory"), "{notice}");
    assert_eq!(
        std::fs::read(&blocked).unwrap(),
        b"not a directory",
        "the blocking file is untouched"
    );
}

#[test]
fn the_data_files_are_never_written() {
    let cache = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let stamp = |p: &std::path::Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let before = stamp(&root.join("graph/provisions/cc1997-128.ron"));
    search(cache.path(), &["trafficking"]);
    lexchron(cache.path()).arg("check").assert().success();
    assert_eq!(before, stamp(&root.join("graph/provisions/cc1997-128.ron")));
}

#[test]
fn switching_data_directories_keeps_each_index() {
    let cache = tempfile::tempdir().unwrap();
    // A second data directory: the bundled data with one title changed.
    let other = tempfile::tempdir().unwrap();
    common::copy_data_to(other.path());
    let f = other.path().join("graph/provisions/cc1997-128.ron");
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(
        &f,
        text.replacen("Trafficking in persons", "Trafficking in people", 1),
    )
    .unwrap();

    let indexes = || -> Vec<(String, std::time::SystemTime)> {
        let mut v: Vec<_> = std::fs::read_dir(cache.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("index-v"))
            .map(|e| {
                let built = std::fs::metadata(e.path().join("lexchron-index.json"))
                    .unwrap()
                    .modified()
                    .unwrap();
                (e.file_name().to_string_lossy().into_owned(), built)
            })
            .collect();
        v.sort();
        v
    };
    search(cache.path(), &["trafficking"]);
    let out = lexchron(cache.path())
        .arg("--data")
        .arg(other.path())
        .args(["search", "people"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("cc1997:128"));
    let both = indexes();
    assert_eq!(both.len(), 2, "one index per data state: {both:?}");
    // Back to the bundled data: its index is reused, not rebuilt.
    search(cache.path(), &["trafficking"]);
    assert_eq!(indexes(), both);
}
