//! Integration tests that run the real `lexchron` binary, like a user at a shell.

mod common;
use common::copy_dir;

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

fn lexchron() -> Command {
    let mut cmd = Command::cargo_bin("lexchron").expect("binary builds");
    cmd.env("LEXCHRON_TODAY", "2026-11-24")
        // Keep test runs out of the user\'s cache dir.
        .env(
            "LEXCHRON_CACHE",
            std::env::temp_dir().join("lexchron-test-cache"),
        )
        .env_remove("LEXCHRON_DATA");
    cmd
}

fn bundled() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch copy of the bundled data (graph/ and corpus/) that a test may break.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in ["graph", "corpus"] {
        copy_dir(&bundled().join(sub), &dir.path().join(sub));
    }
    dir
}

/// Replaces the first occurrence of `from` in a data file; panics if it is absent so the
/// test cannot silently stop testing anything.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).expect("data file");
    assert!(
        text.contains(from),
        "{file} no longer contains {from:?}; update the test"
    );
    fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

fn line_of(dir: &Path, file: &str, needle: &str) -> usize {
    let text = fs::read_to_string(dir.join(file)).expect("data file");
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle present")
        + 1
}

#[test]
fn bundled_data_passes_check() {
    lexchron()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ok: "));
}

#[test]
fn check_json_reports_validity() {
    let out = lexchron()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["valid"], true);
    assert!(v["counts"]["versions"].as_u64().unwrap() > 50);
}

#[test]
fn broken_ron_names_file_line_and_column() {
    let dir = scratch();
    let file = "graph/provisions/cc1997-133.ron";
    let line = line_of(dir.path(), file, "valid_from:");
    edit(dir.path(), file, "valid_from:", "valid_from =");
    lexchron()
        .args(["check", "--data"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!("--> {file}:{line}:")))
        .stdout(predicate::str::contains("hint:"));
}

#[test]
fn queries_refuse_broken_data_with_pointer_to_check() {
    let dir = scratch();
    edit(
        dir.path(),
        "graph/provisions/cc1997-133.ron",
        "Version(",
        "Versoin(",
    );
    lexchron()
        .args(["show", "cc1997:133", "--at", "2008", "--data"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cc1997-133.ron"))
        .stderr(predicate::str::contains("lexchron check"));
}

#[test]
fn overlapping_versions_are_located() {
    let dir = scratch();
    let file = "graph/provisions/cc1997-128.ron";
    // Make the second edition start a year early, so it overlaps the first.
    let text = fs::read_to_string(dir.path().join(file)).unwrap();
    let second_from = text
        .match_indices("valid_from: \"")
        .nth(1)
        .map(|(i, _)| i)
        .expect("two versions");
    let date = &text[second_from + 13..second_from + 23];
    let year: i32 = date[..4].parse().unwrap();
    let earlier = format!("{}{}", year - 1, &date[4..]);
    let broken = format!(
        "{}{}{}",
        &text[..second_from + 13],
        earlier,
        &text[second_from + 23..]
    );
    fs::write(dir.path().join(file), broken).unwrap();
    let line = line_of(dir.path(), file, &earlier);
    lexchron()
        .args(["check", "--data"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("overlaps the previous one"))
        .stdout(predicate::str::contains(format!("{file}:{line}:")));
}

#[test]
fn dangling_references_and_bad_values_are_reported() {
    let dir = scratch();
    let file = "graph/provisions/cc1997-128.ron";
    edit(
        dir.path(),
        file,
        "enacted_by: \"kz-law-2006-131-III\"",
        "enacted_by: \"kz-law-2006-131-II\"",
    );
    edit(
        dir.path(),
        file,
        "\"labor-trafficking\"",
        "\"labour-trafficking\"",
    );
    edit(
        dir.path(),
        file,
        "to: \"cc2014:128\"",
        "to: \"cc2014:1280\"",
    );
    lexchron()
        .args(["check", "--data"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("unknown act `kz-law-2006-131-II`"))
        .stdout(predicate::str::contains(
            "did you mean `kz-law-2006-131-III`?",
        ))
        .stdout(predicate::str::contains(
            "unknown topic `labour-trafficking`",
        ))
        .stdout(predicate::str::contains(
            "renumbered as unknown provision `cc2014:1280`",
        ));
}

#[test]
fn inverted_penalty_and_missing_text_are_reported() {
    let dir = scratch();
    let file = "graph/provisions/cc2014-128.ron";
    let text = fs::read_to_string(dir.path().join(file)).unwrap();
    let (at, _) = text
        .match_indices("Term(min: ")
        .next()
        .expect("a term with a minimum");
    let close = at + text[at..].find(')').unwrap();
    let broken = format!("{}Term(min: 999, max: 12{}", &text[..at], &text[close..]);
    fs::write(dir.path().join(file), broken).unwrap();
    fs::remove_file(dir.path().join("corpus/cc1997/133/1998-01-01.md")).unwrap();
    lexchron()
        .args(["check", "--data"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "minimum 999 months exceeds maximum 12",
        ))
        .stdout(predicate::str::contains(
            "has no text (corpus/cc1997/133/1998-01-01.md)",
        ));
}

#[test]
fn missing_data_dir_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    lexchron()
        .args(["show", "cc1997:128", "--data"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("has no `graph/` directory"));
}

#[test]
fn unknown_article_suggests_neighbours() {
    lexchron()
        .args(["show", "cc1997:129", "--at", "2008"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no article 129 in cc1997"))
        .stderr(predicate::str::contains("cc1997:128"));
}

#[test]
fn bad_date_points_at_the_token() {
    lexchron()
        .args(["covers", "labor-trafficking", "--at", "2008-13"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no month 13 in 2008"))
        .stderr(predicate::str::contains("  | ^^^^^^^"));
}

#[test]
fn date_before_any_code_names_the_codes() {
    lexchron()
        .args(["show", "128", "--at", "1995"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no code was in force during 1995"))
        .stderr(predicate::str::contains(
            "cc1997 from 1998-01-01 to 2014-12-31",
        ));
}

#[test]
fn show_json_carries_the_documented_fields() {
    let out = lexchron()
        .args([
            "show",
            "cc1997:128",
            "--at",
            "2008-06-01",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["query"]["command"], "show");
    let r = &v["results"][0];
    for key in [
        "ref",
        "code",
        "article",
        "valid_from",
        "valid_to",
        "title",
        "enacted_by",
        "sources",
        "confidence",
        "parts",
    ] {
        assert!(r.get(key).is_some(), "missing {key} in {r}");
    }
    assert_eq!(r["ref"], "cc1997:128");
    let part = &r["parts"][0];
    assert!(part["penalty"]["imprisonment"].get("max_months").is_some());
    assert!(part["penalty"].get("confiscation").is_some());
    assert!(part["penalty"].get("fine").is_some());
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    lexchron().arg("frobnicate").assert().code(2);
    lexchron()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("covers"));
    lexchron()
        .args(["show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("REFERENCE"));
}

#[test]
fn hostile_arguments_never_panic() {
    for arg in [
        "",
        ":",
        "::::",
        "cc1997:",
        "((((",
        "1.2.3.4.5",
        "\u{7}",
        "ст.12x",
        "ч. ст. 128 ч.",
        &"9".repeat(10_000),
    ] {
        let out = lexchron()
            .args(["show", arg, "--at", "2008"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "arg {arg:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
    // A citation in Russian is a reference like any other.
    lexchron()
        .args(["show", "ст.128", "--at", "2008"])
        .assert()
        .success()
        .stdout(predicate::str::contains("cc1997:128"));
}
