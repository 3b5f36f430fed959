//! The synthetic mirror the import benchmarks use, built small: its history, both folder
//! layouts, split and whole files, the held-back version, and the peer's per-question method.
//! Nothing here measures time.

#[path = "../benches/common/clone.rs"]
mod clone;

use clone::{Spec, add_next_version, git, peer_answer, reset_to, write_clone};

fn small() -> Spec {
    Spec {
        versions: 45,
        articles: 60,
        seed: 3,
    }
}

#[test]
fn the_synthetic_mirror_has_the_official_layout_and_history() {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = dir.path().join("codes");
    let w = write_clone(&repo, &small()).expect("clone written");
    assert_eq!(w.commits, 45 + 45, "one commit per version of each code");
    let count = git(&repo, &["rev-list", "--count", "refs/heads/main"]).unwrap();
    assert_eq!(count, w.commits.to_string());

    // After the move, the 1997 code is in its year folder, split, and the flat folder is gone.
    let head = git(&repo, &["ls-tree", "-r", "--name-only", "refs/heads/main"]).unwrap();
    let d97 = "02-codes/1997/0715-ugolovnyi-kodeks-respubliki-kazakhstan-8";
    let d14 = "02-codes/2014/0703-ugolovnyi-kodeks-respubliki-kazakhstan-81097";
    for f in [
        "meta.yaml",
        "rus.md",
        "rus/sec001.md",
        "rus/sec007-ch001.md",
        "kaz/sec001.md",
    ] {
        assert!(
            head.lines().any(|l| l == format!("{d97}/{f}")),
            "{d97}/{f} in\n{head}"
        );
    }
    assert!(
        head.lines()
            .any(|l| l == format!("{d14}/rus/sec006-ch001.md"))
    );
    assert!(
        !head.contains("19970715-"),
        "the flat folder was removed at the move"
    );

    // Early history: the flat folder with one whole rus.md.
    let first = git(&repo, &["rev-list", "--max-parents=0", "refs/heads/main"]).unwrap();
    let early = git(&repo, &["ls-tree", "-r", "--name-only", &first]).unwrap();
    let flat = "02-codes/19970715-ugolovnyi-kodeks-respubliki-kazakhstan-8";
    assert_eq!(
        early.lines().collect::<Vec<_>>(),
        [
            format!("{flat}/kaz.md"),
            format!("{flat}/meta.yaml"),
            format!("{flat}/rus.md")
        ]
    );
    let whole = git(&repo, &["show", &format!("{first}:{flat}/rus.md")]).unwrap();
    assert!(whole.contains("<a id=\"st1\"></a>") && whole.contains("### Статья 1. "));
    assert!(whole.contains("наказывается"), "sanctions in Russian words");

    // The 2014 code has versions before it took effect, and a chapter with #### headings.
    let meta = git(
        &repo,
        &["show", &format!("refs/heads/main:{d14}/meta.yaml")],
    )
    .unwrap();
    assert!(
        meta.contains("act_code: '81097'") && meta.contains("source:\n  kaz: https://zan.gov.kz")
    );
    let log14 = git(&repo, &["log", "--format=%s", "refs/heads/main", "--", d14]).unwrap();
    assert!(
        log14.lines().any(|l| l.starts_with("81097 2014-")),
        "{log14}"
    );
    let ch = git(
        &repo,
        &[
            "show",
            &format!("refs/heads/main:{d14}/rus/sec006-ch001.md"),
        ],
    )
    .unwrap();
    assert!(ch.starts_with("↑ [Вся редакция](../rus.md)") && ch.contains("#### Статья "));
    assert!(ch.contains("> *Сноска. Статья "), "footnotes name the laws");

    // Article numbers are unique in every file (added articles are N-1, once).
    for f in head.lines().filter(|l| l.ends_with(".md")) {
        let text = git(&repo, &["show", &format!("refs/heads/main:{f}")]).unwrap();
        let mut ids: Vec<&str> = text.lines().filter(|l| l.starts_with("<a id=")).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate article in {f}");
    }

    // One more version can be added and taken back.
    let before = add_next_version(&w).expect("next version applied");
    let count = git(&repo, &["rev-list", "--count", "refs/heads/main"]).unwrap();
    assert_eq!(count, (w.commits + 1).to_string());
    reset_to(&repo, &before).unwrap();
    assert_eq!(
        git(&repo, &["rev-parse", "refs/heads/main"]).unwrap(),
        before
    );

    // The peer's method finds the article in the version in force on the day.
    let found = peer_answer(&repo, "81097", "30", "2020-06-01").unwrap();
    assert!(found.contains("Статья 30."), "{found}");
    assert!(
        peer_answer(&repo, "81097", "30", "1990-01-01")
            .unwrap()
            .is_empty()
    );
}
