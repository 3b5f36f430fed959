//! The web server under load: throughput and latency of `/api/show` from an in-process load
//! generator over loopback keep-alive connections (bounded by a request count and a time),
//! the weight of the main pages, and the baseline of one CLI process per request (what
//! wrapping the CLI in a web script would cost).
//!
//! `cargo bench --bench serve -- [--requests N] [--secs S] [--conns C] [--cli-runs R]`
//! Prints a Markdown report and writes it to target/lexchron-serve.md.

#[path = "../tests/web/mod.rs"]
mod web;

use chrono::Datelike;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const TARGET: &str = "/api/show?ref=cc1997:128&at=2005-06-01";

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The server on the bundled data with the default limits, as the web tests start it.
fn start_server() -> SocketAddr {
    web::start(lexchron::serve::Limits::default())
}

/// Reads one HTTP/1.1 response with a Content-Length from a keep-alive stream.
async fn read_response(s: &mut tokio::net::TcpStream, buf: &mut Vec<u8>) -> (u16, usize) {
    buf.clear();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_string();
            let status = head
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            let len: usize = head
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse().ok())?
                })
                .unwrap_or(0);
            while buf.len() < end + 4 + len {
                let n = s.read(&mut chunk).await.expect("read");
                assert!(n > 0, "server closed the connection");
                buf.extend_from_slice(&chunk[..n]);
            }
            return (status, len);
        }
        let n = s.read(&mut chunk).await.expect("read");
        assert!(n > 0, "server closed the connection");
        buf.extend_from_slice(&chunk[..n]);
    }
}

struct Load {
    requests: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
    errors: usize,
}

fn load(addr: SocketAddr, target: &str, requests: usize, secs: u64, conns: usize) -> Load {
    load_many(
        addr,
        Arc::new(vec![target.to_string()]),
        requests,
        secs,
        conns,
    )
}

/// Request `i` asks for `targets[i % len]`.
fn load_many(
    addr: SocketAddr,
    targets: Arc<Vec<String>>,
    requests: usize,
    secs: u64,
    conns: usize,
) -> Load {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    let issued = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(secs);
    let texts: Arc<Vec<Vec<u8>>> = Arc::new(
        targets
            .iter()
            .map(|t| format!("GET {t} HTTP/1.1\r\nHost: bench\r\n\r\n").into_bytes())
            .collect(),
    );
    let start = Instant::now();
    let results: Vec<(Vec<Duration>, usize)> = rt.block_on(async {
        let mut tasks = Vec::new();
        for _ in 0..conns {
            let (issued, texts) = (issued.clone(), texts.clone());
            tasks.push(tokio::spawn(async move {
                let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
                s.set_nodelay(true).expect("nodelay");
                let (mut lat, mut errors, mut buf) = (Vec::new(), 0, Vec::new());
                loop {
                    let i = issued.fetch_add(1, Ordering::Relaxed);
                    if i >= requests || Instant::now() >= deadline {
                        break;
                    }
                    let t = Instant::now();
                    s.write_all(&texts[i % texts.len()]).await.expect("write");
                    let (status, _) = read_response(&mut s, &mut buf).await;
                    lat.push(t.elapsed());
                    if status != 200 {
                        errors += 1;
                    }
                }
                (lat, errors)
            }));
        }
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.expect("task"));
        }
        out
    });
    let elapsed = start.elapsed();
    let mut latencies: Vec<Duration> = results
        .iter()
        .flat_map(|(l, _)| l.iter().copied())
        .collect();
    latencies.sort();
    Load {
        requests: latencies.len(),
        elapsed,
        errors: results.iter().map(|(_, e)| e).sum(),
        latencies,
    }
}

fn pct(l: &[Duration], p: f64) -> Duration {
    if l.is_empty() {
        return Duration::ZERO;
    }
    l[((l.len() as f64 * p).ceil() as usize).clamp(1, l.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let requests = arg("--requests", 40_000) as usize;
    let secs = arg("--secs", 6);
    let conns = arg("--conns", 32) as usize;
    let cli_runs = arg("--cli-runs", 20) as usize;
    let addr = start_server();
    let mut report = String::from("# lexchron serve under load\n\n");
    // Warm-up: the first answers fill caches and the allocator.
    let _ = load(addr, TARGET, 2_000, 5, conns);
    // Repeated: the same call, answered from the answer cache after the first time.
    let l = load(addr, TARGET, requests, secs, conns);
    // Distinct: every request a different day (both codes' articles), so nearly every one is
    // computed (the cache holds 4,096 answers and is dropped when full).
    let first: lexchron::model::Date = "1998-01-01".parse().expect("date");
    let distinct: Vec<String> = (0..10_000)
        .map(|i| first + chrono::Duration::days(i))
        .map(|d| {
            let r = if d.year() < 2015 {
                "cc1997:128"
            } else {
                "cc2014:128"
            };
            format!("/api/show?ref={r}&at={d}")
        })
        .collect();
    let m = load_many(addr, Arc::new(distinct), requests, secs, conns);
    report.push_str(&format!(
        "{conns} keep-alive connections, server and load generator in one process on this machine\n\n\
         | load | requests | errors | seconds | requests/s | p50 | p90 | p99 | max |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
    ));
    let rows = [
        (format!("`{TARGET}` repeated"), &l),
        ("`/api/show` on 10,000 distinct days".to_string(), &m),
    ];
    for (name, l) in rows {
        report.push_str(&format!(
            "| {name} | {} | {} | {:.2} | {:.0} | {} | {} | {} | {} |\n",
            l.requests,
            l.errors,
            l.elapsed.as_secs_f64(),
            l.requests as f64 / l.elapsed.as_secs_f64(),
            ms(pct(&l.latencies, 0.50)),
            ms(pct(&l.latencies, 0.90)),
            ms(pct(&l.latencies, 0.99)),
            ms(*l.latencies.last().unwrap_or(&Duration::ZERO)),
        ));
    }
    report.push('\n');
    let rps = m.requests as f64 / m.elapsed.as_secs_f64();
    // The target is for computed answers, so the verdict is on the distinct row.
    let p99 = pct(&m.latencies, 0.99);
    let met = rps >= 20_000.0 && p99 < Duration::from_millis(5) && m.errors == 0;
    report.push_str(&format!(
        "Computed answers (10,000 distinct days) against the target of 20,000 requests/s and p99 under 5 ms: {rps:.0} requests/s, p99 {}: **{}**. Load average at the end of the run: {}.\n\n",
        ms(p99),
        if met { "met" } else { "not met" },
        load_average(),
    ));
    // Page weight: the HTML of the pages a newcomer clicks, charts inline, and the assets.
    report.push_str("| page | bytes |\n| --- | --- |\n");
    for page in [
        "/",
        "/show?ref=cc1997:128&at=2005-06-01",
        "/history?ref=cc1997:128",
        "/loopholes?from=2010&to=2026",
        "/timeline?target=child-trafficking",
        "/diff?ref=cc1997:128&from=2005&to=2020",
        "/acts",
        "/assets/style.css",
        "/assets/app.js",
    ] {
        let bytes = fetch_len(addr, page);
        report.push_str(&format!("| `{page}` | {bytes} |\n"));
    }
    // Baseline: one CLI process per request, as a CGI-style wrapper would run it.
    let bin = env!("CARGO_BIN_EXE_lexchron");
    let cache = std::env::temp_dir().join(format!("lexchron-serve-bench-{}", std::process::id()));
    let run = || {
        std::process::Command::new(bin)
            .args([
                "show",
                "cc1997:128",
                "--at",
                "2005-06-01",
                "--format",
                "json",
            ])
            .env("LEXCHRON_CACHE", &cache)
            .env_remove("LEXCHRON_DATA")
            .output()
            .expect("runs")
    };
    let _ = run(); // the first run writes the snapshot; later ones start warm
    let t = Instant::now();
    for _ in 0..cli_runs {
        assert!(run().status.success());
    }
    let per = t.elapsed() / cli_runs.max(1) as u32;
    let _ = std::fs::remove_dir_all(&cache);
    report.push_str(&format!(
        "\nBaseline, one warm CLI process per request ({cli_runs} runs, one at a time): {} per request, {:.0} requests/s; the server (distinct days) is ×{:.0} that.\n",
        ms(per),
        1.0 / per.as_secs_f64(),
        rps * per.as_secs_f64()
    ));
    print!("{report}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/lexchron-serve.md");
    let _ = std::fs::write(out, &report);
}

/// The 1, 5 and 15 minute load averages, since other work on the machine moves every figure.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(", "))
        .unwrap_or_else(|| "unknown".into())
}

fn fetch_len(addr: SocketAddr, target: &str) -> usize {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.write_all(
        format!("GET {target} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .expect("write");
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let end = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(0, |e| e + 4);
    buf.len() - end
}
