//! Golden query files: every `queries/*.txt` holds cases of the form
//!
//! ```text
//! ## optional comment
//! $ covers labor-trafficking --at 2008
//! <expected output: stdout, then stderr, then `[exit N]` when N != 0>
//! ```
//!
//! Each command runs through `lexchron::cli::run`, the same path as the binary, with
//! "today" pinned to 2026-11-24. `UPDATE_EXPECT=1 cargo test --test golden` rewrites the
//! expectations; review the diff before committing.

use lexchron::cli::{Env, run};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-24";

struct Case {
    command: String,
    expected: String,
}

fn parse(text: &str) -> (String, Vec<Case>) {
    let mut preamble = String::new();
    let mut cases: Vec<Case> = Vec::new();
    for line in text.lines() {
        if let Some(cmd) = line.strip_prefix("$ ") {
            cases.push(Case {
                command: cmd.to_string(),
                expected: String::new(),
            });
        } else if line.starts_with("##")
            && cases.last().is_none_or(|c| c.expected.trim().is_empty())
        {
            // Comments belong before a case; keep them with the preamble of the file.
            if cases.is_empty() {
                preamble.push_str(line);
                preamble.push('\n');
            }
        } else if let Some(case) = cases.last_mut() {
            case.expected.push_str(line);
            case.expected.push('\n');
        } else {
            preamble.push_str(line);
            preamble.push('\n');
        }
    }
    for c in &mut cases {
        c.expected = c.expected.trim_end().to_string();
    }
    (preamble, cases)
}

/// Runs one command line as the binary would, capturing what a user would see.
pub fn actual(command: &str) -> String {
    let mut args = vec!["lexchron".to_string()];
    match shell_words::split(command) {
        Ok(words) => args.extend(words),
        Err(e) => return format!("<unparseable command line: {e}>"),
    }
    let mut env = Env::bundled(TODAY.parse().expect("valid date"));
    env.default_data = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // The width the binary uses when piped.
    env.layout.width = Some(120);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(
        args.into_iter().map(Into::into).collect(),
        &env,
        &mut out,
        &mut err,
    );
    let mut s = String::from_utf8_lossy(&out).into_owned();
    s.push_str(&String::from_utf8_lossy(&err));
    // The checkout's path differs between machines; goldens name it <DATA>.
    let mut s = s
        .replace(env!("CARGO_MANIFEST_DIR"), "<DATA>")
        .trim_end()
        .to_string();
    if code != 0 {
        let _ = write!(s, "\n[exit {code}]");
    }
    s
}

#[test]
fn golden_queries() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("queries/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no golden files in queries/");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut total = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable golden file");
        let (preamble, cases) = parse(&text);
        assert!(!cases.is_empty(), "{} has no cases", file.display());
        let mut rewritten = preamble;
        for case in &cases {
            total += 1;
            let got = actual(&case.command);
            if got != case.expected {
                let diff = similar::TextDiff::from_lines(&case.expected, &got)
                    .unified_diff()
                    .header("expected", "actual")
                    .to_string();
                failures.push(format!("{} `$ {}`\n{diff}", file.display(), case.command));
            }
            let _ = write!(rewritten, "$ {}\n{}\n\n", case.command, got);
        }
        if update {
            std::fs::write(file, rewritten.trim_end().to_string() + "\n")
                .expect("write golden file");
        }
    }
    if !update && !failures.is_empty() {
        panic!(
            "{} of {total} golden queries differ (UPDATE_EXPECT=1 rewrites them):\n\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

#[test]
fn parser_keeps_multiline_output_and_comments() {
    let (pre, cases) = parse("## about\n$ a\nx\n\ny\n\n$ b --x\nz\n");
    assert_eq!(pre, "## about\n");
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].expected, "x\n\ny");
    assert_eq!(cases[1].command, "b --x");
}
