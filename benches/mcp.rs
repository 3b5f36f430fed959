//! MCP latency: a `show` tool call to the real `lexchron mcp` over stdio (client to server and
//! back), against the peer's approach in the same run (one `git` subprocess per question on a
//! repository of the same versions, built here in a temp dir). Prints median, p99 and calls
//! per second for both; criterion times the same two calls.

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// `lexchron mcp` as a client sees it: a child process with pipes.
struct Mcp {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next: u64,
}

impl Mcp {
    fn start(cache: &Path) -> Mcp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lexchron"))
            .arg("mcp")
            .env("LEXCHRON_TODAY", "2026-12-01")
            .env("LEXCHRON_CACHE", cache)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("lexchron mcp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut m = Mcp {
            child,
            stdin,
            stdout,
            next: 1,
        };
        m.request(
            "initialize",
            json!({"protocolVersion": "2025-06-18", "capabilities": {},
                   "clientInfo": {"name": "bench", "version": "1"}}),
        );
        writeln!(
            m.stdin,
            r#"{{"jsonrpc":"2.0","method":"notifications/initialized"}}"#
        )
        .expect("write");
        m
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        let line = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        writeln!(self.stdin, "{line}").expect("write");
        self.stdin.flush().expect("flush");
        let mut reply = String::new();
        self.stdout.read_line(&mut reply).expect("read");
        let v: Value = serde_json::from_str(&reply).expect("a JSON-RPC reply");
        assert_eq!(v["id"], json!(id), "{reply}");
        v
    }

    fn show(&mut self) -> Value {
        self.request(
            "tools/call",
            json!({"name": "show", "arguments": {"ref": "cc1997:128", "at": "2005-06-01"}}),
        )
    }
}

impl Drop for Mcp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "bench")
        .env("GIT_AUTHOR_EMAIL", "bench@localhost")
        .env("GIT_COMMITTER_NAME", "bench")
        .env("GIT_COMMITTER_EMAIL", "bench@localhost")
        .output()
        .expect("git runs")
}

/// The peer's corpus: one commit per edition in date order, one file per article, each
/// edition's text and title in it. Returns the commit of the edition in force on the date
/// asked about (the peer resolves that by another lookup; it is left out, in its favour).
fn peer_repo(dir: &Path) -> String {
    let data = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (set, _) = lexchron::load::load(data);
    let mut editions: Vec<(String, String, String, String)> = Vec::new();
    for (p, _) in &set.provisions {
        for v in &p.versions {
            let from = v.valid_from.to_string();
            let text = v
                .text
                .clone()
                .or_else(|| {
                    set.texts
                        .get(&(p.code.clone(), p.article.clone(), from.clone()))
                        .map(|(t, _)| t.clone())
                })
                .unwrap_or_default();
            let body = format!(
                "{}\n{}\n\n{}\n",
                v.title,
                v.title_ru.clone().unwrap_or_default(),
                text
            );
            editions.push((from, p.code.clone(), p.article.clone(), body));
        }
    }
    editions.sort();
    git(dir, &["init", "-q", "-b", "main"]);
    let mut at_2005 = String::new();
    for (from, code, article, body) in &editions {
        std::fs::create_dir_all(dir.join(code)).expect("mkdir");
        std::fs::write(dir.join(code).join(format!("{article}.txt")), body).expect("write");
        git(dir, &["add", "-A"]);
        git(
            dir,
            &[
                "commit",
                "-q",
                "-m",
                &format!("{code}:{article} from {from}"),
            ],
        );
        if from.as_str() <= "2005-06-01" {
            let head = git(dir, &["rev-parse", "HEAD"]);
            at_2005 = String::from_utf8_lossy(&head.stdout).trim().to_string();
        }
    }
    at_2005
}

/// The peer's `show`: one `git grep` subprocess reading the article at that commit.
fn peer_show(dir: &Path, commit: &str) -> usize {
    let out = git(
        dir,
        &["grep", "-h", "-e", ".", commit, "--", "cc1997/128.txt"],
    );
    assert!(out.status.success(), "git grep found the article");
    out.stdout.len()
}

/// Median, p99 and calls per second of `n` sequential calls.
fn figures(name: &str, n: usize, mut call: impl FnMut()) {
    let mut times: Vec<Duration> = Vec::with_capacity(n);
    let start = Instant::now();
    for _ in 0..n {
        let t = Instant::now();
        call();
        times.push(t.elapsed());
    }
    let total = start.elapsed();
    times.sort();
    let median = times[n / 2];
    let p99 = times[(n * 99 / 100).min(n - 1)];
    println!(
        "{name}: {n} calls, median {:.3} ms, p99 {:.3} ms, {:.0} calls/s",
        median.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        n as f64 / total.as_secs_f64()
    );
}

fn bench(c: &mut Criterion) {
    let cache = tempfile::tempdir().expect("tempdir");
    let mut mcp = Mcp::start(cache.path());
    let first = mcp.show();
    assert_eq!(
        first["result"]["structuredContent"]["query"]["command"],
        json!("show"),
        "{first}"
    );
    let repo = tempfile::tempdir().expect("tempdir");
    let commit = peer_repo(repo.path());
    assert!(peer_show(repo.path(), &commit) > 0);

    let n: usize = std::env::var("MCP_BENCH_CALLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    figures("lexchron mcp show over stdio", n, || {
        std::hint::black_box(mcp.show());
    });
    figures("peer: one git grep subprocess per call", n / 10, || {
        std::hint::black_box(peer_show(repo.path(), &commit));
    });

    let mut g = c.benchmark_group("mcp");
    g.bench_function("show over stdio (lexchron mcp)", |b| b.iter(|| mcp.show()));
    g.bench_function("show by git grep subprocess (peer)", |b| {
        b.iter(|| peer_show(repo.path(), &commit))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
