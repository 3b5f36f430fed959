//! The importer on a synthetic mirror of realistic size (both codes, about 100 versions each,
//! about 450 articles, split chapters; see `common/clone.rs`): full import, re-import after one
//! new commit (whole process, wall time and peak memory), `show` and `text` on the imported
//! directory (whole process, warm), and the peer's method side by side — one
//! `git rev-list -1 --before=DATE` plus one `git grep` per question — with the ratios.
//! Writes `target/criterion/lexchron-import-report.md` (copied into BENCHMARKS.md).
//!
//! `LEXCHRON_IMPORT_BENCH_DIR` moves the generated mirror (default
//! `target/lexchron-import-bench`); `LEXCHRON_IMPORT_VERSIONS` and `LEXCHRON_IMPORT_ARTICLES`
//! change its size; `LEXCHRON_IMPORT_RUNS` the number of whole-import runs (default 3).

#[path = "common/clone.rs"]
mod clone;

use criterion::Criterion;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs the binary (under GNU time when present, for the peak resident set); returns the
/// output, the wall time and the peak in KiB.
fn run(args: &[&str], cache: &Path) -> (Output, Duration, Option<u64>) {
    let exe = env!("CARGO_BIN_EXE_lexchron");
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "%M", exe]);
        c
    } else {
        Command::new(exe)
    };
    cmd.args(args)
        .env("LEXCHRON_CACHE", cache)
        .env("LEXCHRON_TODAY", "2026-11-24")
        .env_remove("LEXCHRON_DATA");
    let start = Instant::now();
    let out = cmd.output().expect("the binary runs");
    let took = start.elapsed();
    let peak = String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse::<u64>().ok());
    assert!(
        out.status.success(),
        "lexchron {} failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    (out, took, peak)
}

fn human(d: Duration) -> String {
    let ns = d.as_nanos() as f64;
    match ns {
        x if x >= 1e9 => format!("{:.2} s", x / 1e9),
        x if x >= 1e6 => format!("{:.1} ms", x / 1e6),
        x => format!("{:.0} µs", x / 1e3),
    }
}

fn mb(kib: Option<u64>) -> String {
    kib.map_or("—".into(), |k| format!("{:.0} MB", k as f64 / 1024.0))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let root = std::env::var_os("LEXCHRON_IMPORT_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest().join("target/lexchron-import-bench"));
    let spec = clone::Spec {
        versions: env_num("LEXCHRON_IMPORT_VERSIONS", 100),
        articles: env_num("LEXCHRON_IMPORT_ARTICLES", 450),
        seed: 7,
    };
    let say = |s: &str| eprintln!("lexchron import bench: {s}");
    let repo = root.join(format!("codes-{}x{}", spec.versions, spec.articles));
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(&root).expect("bench dir");
    let started = Instant::now();
    let written = clone::write_clone(&repo, &spec).expect("synthetic mirror");
    let generate = started.elapsed();
    let packed = clone::git(&repo, &["count-objects", "-vH"]).unwrap_or_default();
    say(&format!(
        "{} commits, {:.0} MB of text, written in {}",
        written.commits,
        written.text_bytes as f64 / 1e6,
        human(generate)
    ));
    let repo_s = repo.to_string_lossy().to_string();
    let cache = root.join("cache");
    let out_dir = root.join("imported");

    // Full import, whole process, a few runs into a fresh directory each time.
    let runs = env_num("LEXCHRON_IMPORT_RUNS", 3).max(1);
    let mut full = Vec::new();
    let mut full_peak = None;
    let mut summary = String::new();
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(&out_dir);
        let (o, took, peak) = run(
            &["import", &repo_s, "--out", &out_dir.to_string_lossy()],
            &cache,
        );
        full.push(took);
        full_peak = full_peak.max(peak);
        summary = String::from_utf8_lossy(&o.stdout).into_owned();
        say(&format!("full import in {}", human(took)));
    }
    let full = median(full);

    // Re-import after one new commit: copy the imported dir, add the commit, import, undo.
    let mut again = Vec::new();
    let mut again_peak = None;
    let base = root.join("imported-base");
    let _ = std::fs::remove_dir_all(&base);
    copy(&out_dir, &base);
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(&out_dir);
        copy(&base, &out_dir);
        let head = clone::add_next_version(&written).expect("one more commit");
        let (_, took, peak) = run(
            &["import", &repo_s, "--out", &out_dir.to_string_lossy()],
            &cache,
        );
        clone::reset_to(&repo, &head).expect("branch moved back");
        again.push(took);
        again_peak = again_peak.max(peak);
        say(&format!("re-import after one commit in {}", human(took)));
    }
    let again = median(again);
    // Leave the directory as imported from the full history for the query benchmarks.
    let _ = std::fs::remove_dir_all(&out_dir);
    copy(&base, &out_dir);

    // Questions: an article of each code on a day inside each code's span.
    let data = out_dir.to_string_lossy().to_string();
    let questions: Vec<(&str, &str, String, &str)> = vec![
        ("cc2014", "81097", "300".into(), "2021-06-01"),
        ("cc2014", "81097", "150".into(), "2017-03-01"),
        ("cc1997", "8", "250".into(), "2008-06-01"),
        ("cc1997", "8", "400".into(), "2012-01-15"),
    ];
    // Warm the cache once, and check both sides answer each question.
    for (code, act, art, day) in &questions {
        let r = format!("{code}:{art}");
        let (o, _, _) = run(&["--data", &data, "text", &r, "--at", day], &cache);
        assert!(
            String::from_utf8_lossy(&o.stdout).contains(&format!("Статья {art}.")),
            "text {r} --at {day}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
        let peer = clone::peer_answer(&repo, act, art, day).expect("peer answers");
        assert!(
            peer.contains(&format!("Статья {art}.")),
            "peer {r} on {day}"
        );
    }
    let mut c = Criterion::default()
        .output_directory(&manifest().join("target/criterion"))
        .configure_from_args();
    let mut g = c.benchmark_group("import-questions");
    g.sample_size(20).measurement_time(Duration::from_secs(8));
    let mut i = 0;
    let mut next = || {
        i = (i + 1) % questions.len();
        questions[i].clone()
    };
    g.bench_function("show (whole process)", |b| {
        b.iter(|| {
            let (code, _, art, day) = next();
            run(
                &[
                    "--data",
                    &data,
                    "show",
                    &format!("{code}:{art}"),
                    "--at",
                    day,
                ],
                &cache,
            )
        })
    });
    g.bench_function("text (whole process)", |b| {
        b.iter(|| {
            let (code, _, art, day) = next();
            run(
                &[
                    "--data",
                    &data,
                    "text",
                    &format!("{code}:{art}"),
                    "--at",
                    day,
                ],
                &cache,
            )
        })
    });
    g.bench_function("peer: rev-list + git grep", |b| {
        b.iter(|| {
            let (_, act, art, day) = next();
            clone::peer_answer(&repo, act, &art, day).expect("peer answers")
        })
    });
    g.finish();
    c.final_summary();

    // Medians outside criterion too, so the report does not depend on its file layout.
    let time_n = |f: &mut dyn FnMut()| {
        let mut v = Vec::new();
        for _ in 0..15 {
            let t = Instant::now();
            f();
            v.push(t.elapsed());
        }
        median(v)
    };
    let mut show_peak = None;
    let show = time_n(&mut || {
        let (code, _, art, day) = next();
        let (_, _, p) = run(
            &[
                "--data",
                &data,
                "show",
                &format!("{code}:{art}"),
                "--at",
                day,
            ],
            &cache,
        );
        show_peak = show_peak.max(p);
    });
    let text = time_n(&mut || {
        let (code, _, art, day) = next();
        run(
            &[
                "--data",
                &data,
                "text",
                &format!("{code}:{art}"),
                "--at",
                day,
            ],
            &cache,
        );
    });
    let peer = time_n(&mut || {
        let (_, act, art, day) = next();
        clone::peer_answer(&repo, act, &art, day).expect("peer answers");
    });

    let mut md = String::new();
    let _ = writeln!(
        md,
        "Synthetic mirror: {} commits ({} versions of each code, {} articles each at the start), {:.0} MB of text across all file versions, generated in {}.\n",
        written.commits,
        spec.versions,
        spec.articles,
        written.text_bytes as f64 / 1e6,
        human(generate)
    );
    let _ = writeln!(
        md,
        "| Measure | Target | Result | Peak memory |\n|---|---:|---:|---:|"
    );
    let _ = writeln!(
        md,
        "| full import, whole process (median of {runs}) | < 60 s, < 1 GB | {} | {} |",
        human(full),
        mb(full_peak)
    );
    let _ = writeln!(
        md,
        "| re-import after one new commit (median of {runs}) | < 5 s | {} | {} |",
        human(again),
        mb(again_peak)
    );
    let _ = writeln!(
        md,
        "| `show` on the imported dir, whole process, warm (median of 15) | < 15 ms | {} | {} |",
        human(show),
        mb(show_peak)
    );
    let _ = writeln!(
        md,
        "| `text` on the imported dir, whole process, warm (median of 15) | — | {} | — |",
        human(text)
    );
    let _ = writeln!(
        md,
        "| peer: `git rev-list -1 --before` + `git grep` (median of 15) | — | {} | — |",
        human(peer)
    );
    let _ = writeln!(
        md,
        "\nRatios (peer / lexchron, above 1 means lexchron is faster): `show` {:.2}, `text` {:.2}.",
        peer.as_secs_f64() / show.as_secs_f64(),
        peer.as_secs_f64() / text.as_secs_f64()
    );
    let _ = writeln!(
        md,
        "\nImport summary of the last full run:\n\n```\n{}```\n\n`git count-objects -vH` of the mirror:\n\n```\n{packed}\n```",
        summary.trim_end().to_string() + "\n"
    );
    let path = manifest().join("target/criterion/lexchron-import-report.md");
    let _ = std::fs::create_dir_all(path.parent().unwrap());
    std::fs::write(&path, &md).expect("report written");
    println!("{md}");
    say(&format!("report in {}", path.display()));
}

/// Copies a directory tree (the imported data dir is small: a few thousand files).
fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("copy target");
    for e in std::fs::read_dir(from).expect("copy source").flatten() {
        let dest = to.join(e.file_name());
        if e.file_type().is_ok_and(|t| t.is_dir()) {
            copy(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).expect("file copied");
        }
    }
}
