//! Measures `ask` on the written questions in `tests/ask/`: the development half (used to tune
//! the rules) and the held-out half (never tuned on). Both accuracies are printed; the test
//! fails if either drops below the figure README reports, so a change that breaks questions
//! cannot land silently. `ASK_REPORT=1` lists every miss of the development half.

use lexchron::cli::open;
use std::path::Path;

/// The figures README states (percent, rounded down); raise them when the rules improve.
const DEV_FLOOR: f64 = 99.0;
const HOLDOUT_FLOOR: f64 = 96.0;

fn cases(name: &str) -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/ask")
        .join(name);
    std::fs::read_to_string(&path)
        .expect("question file")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (q, e) = l.split_once(" => ").expect("question => expected");
            (q.to_string(), e.trim().to_string())
        })
        .collect()
}

/// What `interpreted as:` shows, in the files' notation.
fn got(law: &lexchron::graph::Law, q: &str) -> String {
    let i = lexchron::ask::interpret(q, law);
    if i.fallback {
        "none".into()
    } else {
        i.shown().join(" && ")
    }
}

fn score(law: &lexchron::graph::Law, name: &str, show_misses: bool) -> (usize, usize) {
    let cs = cases(name);
    let mut right = 0;
    for (q, want) in &cs {
        let g = got(law, q);
        if &g == want {
            right += 1;
        } else if show_misses {
            eprintln!("MISS {q}\n  want {want}\n  got  {g}");
        }
    }
    (right, cs.len())
}

#[test]
fn accuracy_on_written_questions() {
    let law = open(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("bundled data is valid");
    let report = std::env::var_os("ASK_REPORT").is_some();
    let (dr, dn) = score(&law, "dev.txt", report);
    // Held-out misses are never listed: the rules must not be tuned on them.
    let (hr, hn) = score(&law, "holdout.txt", false);
    let pct = |r: usize, n: usize| 100.0 * r as f64 / n as f64;
    eprintln!(
        "ask accuracy: development {dr}/{dn} ({:.1}%), held-out {hr}/{hn} ({:.1}%)",
        pct(dr, dn),
        pct(hr, hn)
    );
    assert!(
        dn >= 100 && hn >= 100,
        "each half needs at least 100 questions"
    );
    assert!(pct(dr, dn) >= DEV_FLOOR, "development accuracy fell");
    assert!(pct(hr, hn) >= HOLDOUT_FLOOR, "held-out accuracy fell");
}
