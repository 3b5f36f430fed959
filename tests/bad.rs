//! The bad-input suite: each `tests/bad/*.txt` breaks a scratch copy of the bundled data (or
//! types a bad line) and records exactly what lexchron says. Format:
//!
//! ```text
//! ## what is broken
//! % replace FILE | FIND | REPLACE     (also: remove FILE, write FILE | TEXT, mkdir DIR,
//! % ...                                symlink LINK | TARGET, chmod000 FILE)
//! $ check                             (the command, run with --data <scratch copy>)
//! ----
//! expected output (stdout, stderr, then `[exit N]`); `<DATA>` stands for the scratch dir
//! ```
//!
//! `UPDATE_EXPECT=1 cargo test --test bad` rewrites the expectations.

mod common;
use common::copy_dir;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Case {
    header: Vec<String>,
    setup: Vec<String>,
    command: String,
    expected: String,
}

fn parse(text: &str) -> Case {
    let (head, expected) = text.split_once("\n----\n").unwrap_or((text, ""));
    let mut case = Case {
        header: vec![],
        setup: vec![],
        command: String::new(),
        expected: expected.trim_end().to_string(),
    };
    for line in head.lines() {
        if let Some(op) = line.strip_prefix("% ") {
            case.setup.push(op.to_string());
        } else if let Some(cmd) = line.strip_prefix("$ ") {
            case.command = cmd.to_string();
        } else {
            case.header.push(line.to_string());
        }
    }
    case
}

fn apply(dir: &Path, op: &str) {
    let (verb, rest) = op.split_once(' ').unwrap_or((op, ""));
    let fields: Vec<&str> = rest.split(" | ").collect();
    let path = dir.join(fields[0]);
    match verb {
        "replace" => {
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(
                text.contains(fields[1]),
                "{} does not contain {:?}",
                fields[0],
                fields[1]
            );
            fs::write(
                &path,
                text.replacen(fields[1], &fields[2].replace("\\n", "\n"), 1),
            )
            .unwrap();
        }
        "remove" => {
            if path.is_dir() {
                fs::remove_dir_all(&path).unwrap();
            } else {
                fs::remove_file(&path).unwrap();
            }
        }
        "write" => fs::write(&path, fields.get(1).unwrap_or(&"").replace("\\n", "\n")).unwrap(),
        "mkdir" => fs::create_dir_all(&path).unwrap(),
        "symlink" => std::os::unix::fs::symlink(fields[1], &path).unwrap(),
        other => panic!("unknown setup op {other}"),
    }
}

fn run(case: &Case) -> String {
    let scratch = tempfile::tempdir().unwrap();
    let data = scratch.path().join("data");
    for sub in ["graph", "corpus"] {
        copy_dir(
            &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(sub),
            &data.join(sub),
        );
    }
    for op in &case.setup {
        apply(&data, op);
    }
    let mut args = shell_words::split(&case.command).unwrap();
    args.push("--data".into());
    args.push(data.display().to_string());
    let out = Command::new(env!("CARGO_BIN_EXE_lexchron"))
        .args(&args)
        .env("LEXCHRON_TODAY", "2026-11-24")
        .env("LEXCHRON_CACHE", scratch.path().join("cache"))
        .output()
        .unwrap();
    let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
    // The progress line appears only when an index build outlasts a moment: on a loaded
    // machine it may or may not show, so it is not part of the recorded answer.
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in stderr.lines() {
        if line != "building the search index…" {
            s.push_str(line);
            s.push('\n');
        }
    }
    let mut s = s
        .replace(&data.display().to_string(), "<DATA>")
        .trim_end()
        .to_string();
    let code = out.status.code().unwrap_or(-1);
    assert!(
        !s.contains("panicked"),
        "lexchron panicked on {}:\n{s}",
        case.command
    );
    if code != 0 {
        s.push_str(&format!("\n[exit {code}]"));
    }
    s
}

#[test]
fn every_bad_input_gets_its_recorded_error() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 30,
        "the suite keeps at least 30 cases, found {}",
        files.len()
    );
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for f in &files {
        let case = parse(&fs::read_to_string(f).unwrap());
        let got = run(&case);
        if update {
            let mut text = case.header.join("\n");
            text.push('\n');
            for op in &case.setup {
                text.push_str(&format!("% {op}\n"));
            }
            text.push_str(&format!("$ {}\n----\n{got}\n", case.command));
            fs::write(f, text).unwrap();
        } else if got != case.expected {
            let diff = similar::TextDiff::from_lines(&case.expected, &got)
                .unified_diff()
                .header("expected", "actual")
                .to_string();
            failures.push(format!("{}:\n{diff}", f.display()));
        }
        if !got.contains("[exit") {
            failures.push(format!("{}: a bad input must exit non-zero", f.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
