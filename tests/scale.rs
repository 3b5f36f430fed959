//! The scale-corpus generator: valid data (`check` passes), deterministic from the seed, and
//! never writing into a directory that holds anything.

use assert_cmd::Command;
use std::path::Path;

fn lexchron() -> Command {
    let mut c = Command::cargo_bin("lexchron").unwrap();
    c.env("LEXCHRON_TODAY", "2026-11-24")
        // Keep test runs out of the user\'s cache dir.
        .env(
            "LEXCHRON_CACHE",
            std::env::temp_dir().join("lexchron-test-cache"),
        )
        .env_remove("LEXCHRON_DATA");
    c
}

fn generate(out: &Path, seed: &str) {
    lexchron()
        .args([
            "gen",
            "--versions",
            "600",
            "--codes",
            "3",
            "--seed",
            seed,
            "--out",
        ])
        .arg(out)
        .assert()
        .success();
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                out.push((
                    e.path().strip_prefix(dir).unwrap().display().to_string(),
                    std::fs::read(e.path()).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn generated_data_passes_check_and_answers_queries() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("data");
    generate(&out, "7");
    lexchron()
        .args(["check", "--data"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains("600 versions"));
    lexchron()
        .args(["covers", "trafficking", "--at", "2010", "--data"])
        .arg(&out)
        .assert()
        .success();
    lexchron()
        .args(["lineage", "g000:1", "--data"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains("g001:1"));
}

#[test]
fn same_seed_same_bytes_other_seed_other_data() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    generate(&a, "42");
    generate(&b, "42");
    generate(&c, "43");
    assert_eq!(snapshot(&a), snapshot(&b));
    assert_ne!(snapshot(&a), snapshot(&c));
}

#[test]
fn refuses_to_write_into_a_non_empty_directory() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("precious.txt"), b"keep me").unwrap();
    lexchron()
        .args(["gen", "--versions", "10", "--out"])
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is not empty"));
    assert_eq!(
        std::fs::read(tmp.path().join("precious.txt")).unwrap(),
        b"keep me"
    );
}
