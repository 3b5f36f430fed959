//! lexchron against SQLite, operation by operation, on generated data sets of 10k, 100k and
//! 1M versions, plus whole-process CLI start times. Writes the side-by-side table with
//! ratios to `target/criterion/lexchron-report.md` (copied into BENCHMARKS.md).
//!
//! `LEXCHRON_BENCH_SIZES=10000,100000` limits the sizes; `LEXCHRON_BENCH_DIR` moves the
//! generated data (default `target/lexchron-bench`, about 9 GB with 1M versions);
//! `LEXCHRON_BENCH_PREPARE=1` only builds and checks the data sets, timing nothing.

mod common;

use common::{Fixture, Samples, fixture, same_answers};
use criterion::{BenchmarkId, Criterion};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const OPS: &[&str] = &["open", "point-in-time", "coverage", "history", "full-text"];

fn sizes() -> Vec<usize> {
    std::env::var("LEXCHRON_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn root() -> PathBuf {
    std::env::var_os("LEXCHRON_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest().join("target/lexchron-bench"))
}

fn criterion_dir() -> PathBuf {
    manifest().join("target/criterion")
}

/// Cycles through a sample list, so every iteration asks a different question.
fn cycle<'a, T>(items: &'a [T]) -> impl FnMut() -> &'a T {
    let mut i = 0;
    move || {
        i = (i + 1) % items.len();
        &items[i]
    }
}

fn bench_size(c: &mut Criterion, fx: &Fixture) {
    let n = fx.versions;
    let (
        law,
        sql,
        Samples {
            points,
            coverage,
            histories,
            words,
        },
    ) = (&fx.law, &fx.sql, &fx.samples);
    let slow = n >= 1_000_000;

    let mut g = c.benchmark_group("open");
    g.sample_size(10);
    if slow {
        g.measurement_time(Duration::from_secs(20));
    }
    let (r0, d0) = &points[0];
    g.bench_function(BenchmarkId::new("lexchron", n), |b| {
        b.iter(|| {
            let law = common::open_snapshot(fx);
            black_box(common::point_in_time(&law, r0, *d0))
        })
    });
    g.bench_function(BenchmarkId::new("sqlite", n), |b| {
        b.iter(|| {
            let sql = common::sqlite::Sql::open(&fx.sql_path).expect("database opens");
            black_box(sql.point_in_time(r0, *d0).expect("query runs"))
        })
    });
    g.finish();

    let mut g = c.benchmark_group("point-in-time");
    let mut next = cycle(points);
    g.bench_function(BenchmarkId::new("lexchron", n), |b| {
        b.iter(|| {
            let (r, d) = next();
            black_box(common::point_in_time(law, r, *d))
        })
    });
    let mut next = cycle(points);
    g.bench_function(BenchmarkId::new("sqlite", n), |b| {
        b.iter(|| {
            let (r, d) = next();
            black_box(sql.point_in_time(r, *d).expect("query runs"))
        })
    });
    g.finish();

    let mut g = c.benchmark_group("coverage");
    if slow {
        g.sample_size(10);
    }
    let mut next = cycle(coverage);
    g.bench_function(BenchmarkId::new("lexchron", n), |b| {
        b.iter(|| {
            let (t, from, to) = next();
            black_box(common::coverage(law, t, *from, *to))
        })
    });
    let mut next = cycle(coverage);
    g.bench_function(BenchmarkId::new("sqlite", n), |b| {
        b.iter(|| {
            let (t, from, to) = next();
            black_box(sql.coverage(t, *from, *to).expect("query runs"))
        })
    });
    g.finish();

    let mut g = c.benchmark_group("history");
    let mut next = cycle(histories);
    g.bench_function(BenchmarkId::new("lexchron", n), |b| {
        b.iter(|| black_box(common::history(law, next())))
    });
    let mut next = cycle(histories);
    g.bench_function(BenchmarkId::new("sqlite", n), |b| {
        b.iter(|| black_box(sql.history(next()).expect("query runs")))
    });
    g.finish();

    let mut g = c.benchmark_group("full-text");
    let mut next = cycle(words);
    g.bench_function(BenchmarkId::new("lexchron", n), |b| {
        b.iter(|| {
            let (w, from, to) = next();
            black_box(common::fts(&fx.search, w, *from, *to, 20))
        })
    });
    let mut next = cycle(words);
    g.bench_function(BenchmarkId::new("sqlite", n), |b| {
        b.iter(|| {
            let (w, from, to) = next();
            black_box(sql.fts(w, *from, *to, 20).expect("query runs"))
        })
    });
    g.finish();
}

/// Criterion's median estimate for one benchmark, in nanoseconds.
fn median_ns(op: &str, side: &str, n: usize) -> Option<f64> {
    let path = criterion_dir().join(format!("{op}/{side}/{n}/new/estimates.json"));
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn human(ns: f64) -> String {
    match ns {
        x if x >= 1e9 => format!("{:.2} s", x / 1e9),
        x if x >= 1e6 => format!("{:.2} ms", x / 1e6),
        x if x >= 1e3 => format!("{:.2} µs", x / 1e3),
        x => format!("{x:.0} ns"),
    }
}

/// Whole-process `show` runs of the binary: median wall time and peak memory (via GNU time
/// when present). `fresh` empties the cache before every run (a cold start).
fn cli_runs(
    data: &Path,
    reference: &str,
    cache: &Path,
    runs: usize,
    fresh: bool,
) -> (Duration, Option<u64>) {
    let exe = env!("CARGO_BIN_EXE_lexchron");
    let mut times = Vec::new();
    let mut peak = None;
    for _ in 0..runs {
        if fresh {
            let _ = std::fs::remove_dir_all(cache);
        }
        let time = Path::new("/usr/bin/time");
        let mut cmd = if time.exists() {
            let mut c = Command::new(time);
            c.args(["-f", "%M", exe]);
            c
        } else {
            Command::new(exe)
        };
        cmd.args(["--data"])
            .arg(data)
            .args(["show", reference, "--at", "2010-01-01"])
            .env("LEXCHRON_CACHE", cache)
            .env("LEXCHRON_TODAY", "2026-11-24");
        let start = Instant::now();
        let out = cmd.output().expect("the binary runs");
        times.push(start.elapsed());
        assert!(
            out.status.success(),
            "show failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if let Some(kb) = String::from_utf8_lossy(&out.stderr)
            .lines()
            .last()
            .and_then(|l| l.trim().parse::<u64>().ok())
        {
            peak = Some(peak.unwrap_or(0).max(kb));
        }
    }
    times.sort();
    (times[times.len() / 2], peak)
}

fn dir_size(p: &Path) -> u64 {
    let Ok(rd) = std::fs::read_dir(p) else {
        return 0;
    };
    rd.flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

fn main() {
    let mut c = Criterion::default()
        .output_directory(&criterion_dir())
        .configure_from_args();
    let mut extra = String::new();
    let say = |s: &str| eprintln!("lexchron bench: {s}");
    let sizes = sizes();
    for &n in &sizes {
        let started = Instant::now();
        let fx = fixture(&root(), n, &say).unwrap_or_else(|e| panic!("data set {n}: {e}"));
        say(&format!("{n} versions ready in {:.1?}", started.elapsed()));
        if let Err(e) = same_answers(&fx) {
            panic!("lexchron and SQLite disagree on {n} versions: {e}");
        }
        say(&format!("{n} versions: both sides give the same answers"));
        if std::env::var_os("LEXCHRON_BENCH_PREPARE").is_some() {
            continue;
        }
        bench_size(&mut c, &fx);
        let law = common::open_snapshot(&fx);
        let sized = |prefix: &str| -> u64 {
            std::fs::read_dir(&fx.cache)
                .map(|rd| {
                    rd.flatten()
                        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
                        .map(|e| dir_size(&e.path()).max(e.metadata().map_or(0, |m| m.len())))
                        .sum()
                })
                .unwrap_or(0)
        };
        let (snap, index) = (sized("snapshot-"), sized("index-"));
        let runs = if n >= 1_000_000 { 3 } else { 10 };
        let first = law.columns().refs[0].clone();
        let (warm, warm_peak) = cli_runs(&fx.data, &first, &fx.cache, runs, false);
        let _ = writeln!(
            extra,
            "| {n} | {:.0} | {:.1} MB | {:.1} MB | {:.1} MB | {} | {} |",
            common::bytes_per_version(&law),
            snap as f64 / 1e6,
            index as f64 / 1e6,
            std::fs::metadata(&fx.sql_path).map_or(0, |m| m.len()) as f64 / 1e6,
            human(warm.as_nanos() as f64),
            warm_peak.map_or("—".into(), |k| format!("{:.0} MB", k as f64 / 1024.0)),
        );
    }
    if std::env::var_os("LEXCHRON_BENCH_PREPARE").is_some() {
        return;
    }
    c.final_summary();

    let mut md = String::from(
        "| Operation | Versions | lexchron | SQLite | lexchron / SQLite |\n|---|---:|---:|---:|---:|\n",
    );
    for op in OPS {
        for &n in &sizes {
            let (a, b) = (median_ns(op, "lexchron", n), median_ns(op, "sqlite", n));
            if let (Some(a), Some(b)) = (a, b) {
                let _ = writeln!(
                    md,
                    "| {op} | {n} | {} | {} | {:.3} |",
                    human(a),
                    human(b),
                    a / b
                );
            }
        }
    }
    // How each side grows from the smallest to each larger size.
    if let Some(&base) = sizes.first() {
        md.push_str("\n| Operation | Side |");
        for &n in &sizes[1..] {
            let _ = write!(md, " {base} → {n} |");
        }
        md.push_str("\n|---|---|");
        md.push_str(&"---:|".repeat(sizes.len().saturating_sub(1)));
        md.push('\n');
        for op in OPS {
            for side in ["lexchron", "sqlite"] {
                let _ = write!(md, "| {op} | {side} |");
                for &n in &sizes[1..] {
                    match (median_ns(op, side, base), median_ns(op, side, n)) {
                        (Some(a), Some(b)) => {
                            let _ = write!(md, " ×{:.1} |", b / a);
                        }
                        _ => md.push_str(" — |"),
                    }
                }
                md.push('\n');
            }
        }
    }
    md.push_str(
        "\n| Versions | Heap bytes per version (warm) | Snapshot | Search index | SQLite file | CLI `show`, warm, whole process | Peak memory, warm CLI |\n|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    md.push_str(&extra);
    let bundled = manifest();
    let cache = root().join("cache-bundled");
    let (cold, cold_peak) = cli_runs(bundled, "cc1997:128", &cache, 20, true);
    let (warm, warm_peak) = cli_runs(bundled, "cc1997:128", &cache, 50, false);
    let _ = writeln!(
        md,
        "\nBundled data, `lexchron show`, whole process: cold {} (peak {}), warm {} (peak {}).",
        human(cold.as_nanos() as f64),
        cold_peak.map_or("—".into(), |k| format!("{:.0} MB", k as f64 / 1024.0)),
        human(warm.as_nanos() as f64),
        warm_peak.map_or("—".into(), |k| format!("{:.0} MB", k as f64 / 1024.0)),
    );
    let out = criterion_dir().join("lexchron-report.md");
    let _ = std::fs::create_dir_all(criterion_dir());
    let _ = std::fs::write(&out, &md);
    println!("\n{md}\nwritten to {}", out.display());
}
