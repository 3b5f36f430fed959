//! `lexchron serve` over real loopback connections: every route with good and bad input,
//! bodies equal to the CLI's JSON, escaping, path traversal, limits, security headers,
//! 1,000 concurrent connections, random query strings (never a 5xx), and the binary's clean
//! exit on SIGTERM.

mod web;

use assert_cmd::cargo::CommandCargoExt;
use proptest::prelude::*;
use std::process::Command;
use web::{get, query, raw, server};

/// A good call of every query command: (command, arguments, a chart expected on its page).
/// A command, its arguments, and what is expected of it.
type Call<T> = (&'static str, &'static [(&'static str, &'static str)], T);

const GOOD: &[Call<bool>] = &[
    ("show", &[("ref", "cc1997:128"), ("at", "2005-06-01")], true),
    ("history", &[("ref", "cc1997:128")], true),
    (
        "covers",
        &[("topic", "labor-trafficking"), ("at", "2008")],
        false,
    ),
    ("penalty", &[("ref", "cc2014:128"), ("at", "2016")], false),
    ("lineage", &[("ref", "cc1997:128")], false),
    (
        "diff",
        &[("ref", "cc1997:128"), ("from", "2005"), ("to", "2020")],
        true,
    ),
    ("acts", &[], false),
    ("topics", &[], false),
    ("sources", &[("ref", "cc1997:128")], false),
    ("gravity", &[("ref", "cc2014:128"), ("at", "2016")], false),
    (
        "conciliation",
        &[("ref", "cc2014:128"), ("at", "2016-06-01")],
        false,
    ),
    ("loopholes", &[("from", "2010"), ("to", "2026")], true),
    (
        "applicable",
        &[
            ("ref", "cc1997:128"),
            ("offence", "2012-05-01"),
            ("judgment", "2015-06-01"),
        ],
        false,
    ),
    ("timeline", &[("target", "child-trafficking")], true),
    ("search", &[("text", "trafficking"), ("limit", "3")], false),
    (
        "ask",
        &[("question", "which articles covered forced labour in 2008?")],
        false,
    ),
    ("act", &[("number", "292-VI")], false),
    ("amended", &[("from", "2010"), ("to", "2020")], false),
];

/// Malformed calls (400) and calls naming what is not in the data (404).
const BAD: &[Call<u16>] = &[
    ("show", &[], 400),
    ("show", &[("ref", "cc1997:12x8")], 400),
    ("show", &[("ref", "cc1997:128"), ("at", "2005-13-45")], 400),
    ("show", &[("ref", "cc1997:128"), ("bogus", "1")], 400),
    ("show", &[("ref", "cc1997:999")], 404),
    ("show", &[("ref", "cc1997:128"), ("at", "1990")], 404),
    ("history", &[("ref", "cc2014:9999")], 404),
    ("covers", &[("topic", "no-such-topic")], 404),
    ("diff", &[("ref", "cc1997:128"), ("from", "2005")], 400),
    ("loopholes", &[("from", "2010")], 400),
    ("loopholes", &[("from", "twenty"), ("to", "2026")], 400),
    ("applicable", &[("ref", "cc1997:128")], 400),
    ("timeline", &[("target", "nothing-like-this")], 404),
    ("search", &[("text", "trafficking"), ("limit", "-1")], 400),
    ("nosuchcommand", &[], 404),
    // The bundled data has no imported official wording (`lexchron import` adds it): a
    // missing thing, so 404, as for an unknown article.
    ("text", &[("ref", "cc1997:128")], 404),
    ("act", &[("number", " ")], 400),
];

fn cli_json(command: &str, args: &[(&str, &str)]) -> String {
    // The CLI words for the same call: positionals by the API's own rule, options as --name.
    let map: serde_json::Map<String, serde_json::Value> = args
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string())))
        .collect();
    let line = lexchron::api::command_line(command, &map).expect("known command");
    let words = shell_words::split(&line).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("lexchron")
        .unwrap()
        .args(&words[1..])
        .args(["--format", "json"])
        .env("LEXCHRON_TODAY", "2026-11-24")
        .env("LEXCHRON_CACHE", cache.path())
        .env_remove("LEXCHRON_DATA")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{line}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_command_is_exercised() {
    for c in lexchron::api::commands() {
        assert!(
            // `text` needs imported official texts, which the bundled data does not carry.
            GOOD.iter().any(|(n, _, _)| *n == c.name) || c.name == "text",
            "no good example for {}",
            c.name
        );
    }
}

#[test]
fn api_bodies_are_exactly_the_cli_json() {
    let addr = server();
    for (command, args, _) in GOOD {
        let r = get(addr, &format!("/api/{command}?{}", query(args)));
        assert_eq!(r.status, 200, "{command}: {}", r.body);
        assert!(
            r.header("content-type")
                .unwrap()
                .starts_with("application/json")
        );
        assert_eq!(
            r.body,
            cli_json(command, args),
            "/api/{command} differs from the CLI"
        );
        // The second answer comes from the server's answer cache: the same bytes.
        let again = get(addr, &format!("/api/{command}?{}", query(args)));
        assert_eq!(again.body, r.body, "/api/{command} from the cache");
    }
}

#[test]
fn pages_answer_with_twins_cli_lines_and_charts() {
    let addr = server();
    for (command, args, chart) in GOOD {
        let q = query(args);
        let r = get(addr, &format!("/{command}?{q}"));
        assert_eq!(r.status, 200, "/{command}: {}", r.body);
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        assert!(r.body.starts_with("<!DOCTYPE html>"));
        let twin = format!("href=\"/api/{command}?{}\"", q.replace('&', "&amp;"));
        assert!(
            r.body.contains(&twin),
            "/{command} links its JSON twin {twin}"
        );
        assert!(
            r.body.contains("<pre class=\"cli\"><code>lexchron "),
            "/{command} shows the CLI command"
        );
        assert_eq!(
            r.body.contains("<svg"),
            *chart,
            "/{command}: chart expected: {chart}"
        );
        assert!(
            r.body.len() < 150 * 1024,
            "/{command} weighs {} bytes",
            r.body.len()
        );
    }
    let home = get(addr, "/");
    assert_eq!(home.status, 200);
    assert!(
        home.body.contains("type=\"date\" name=\"at\""),
        "home has the as-of date"
    );
    assert!(
        home.body.contains("name=\"question\""),
        "home has the one box"
    );
    assert!(
        home.body.contains("action=\"/ask\""),
        "the box goes through ask"
    );
}

#[test]
fn the_picked_date_reaches_the_question_unless_it_names_one() {
    let addr = server();
    let r = get(
        addr,
        &format!(
            "/ask?{}",
            query(&[("question", "cc1997:128"), ("at", "2005-06-01")])
        ),
    );
    assert_eq!(r.status, 200);
    assert!(
        r.body.contains("lexchron show cc1997:128 --at 2005-06-01"),
        "{}",
        r.body
    );
    let r = get(
        addr,
        &format!(
            "/ask?{}",
            query(&[("question", "forced labour in 2008"), ("at", "2012-01-01")])
        ),
    );
    assert!(
        r.body.contains("covers labor-trafficking --at 2008"),
        "the question's own year wins"
    );
}

#[test]
fn bad_input_is_400_or_404_with_error_and_hint() {
    let addr = server();
    for (command, args, status) in BAD {
        let r = get(addr, &format!("/api/{command}?{}", query(args)));
        assert_eq!(r.status, *status, "/api/{command} {args:?}: {}", r.body);
        let j = r.json();
        assert!(j["error"].as_str().is_some_and(|e| !e.is_empty()), "{j}");
        assert!(j.get("hint").is_some(), "{j}");
        // The page for the same call carries the same status and the message.
        let p = get(addr, &format!("/{command}?{}", query(args)));
        let expected = if args.is_empty() && *command != "nosuchcommand" {
            200
        } else {
            *status
        };
        assert_eq!(p.status, expected, "/{command} {args:?}");
        assert!(p.body.starts_with("<!DOCTYPE html>"));
    }
    for path in ["/api/", "/api/show/extra", "/nowhere/at/all", "/api"] {
        let r = get(addr, path);
        assert_eq!(r.status, 404, "{path}");
    }
    assert_eq!(
        get(addr, "/api/nowhere").json()["error"],
        "unknown command `nowhere`"
    );
    // A name given twice is malformed, not silently one of the two.
    let r = get(addr, "/api/show?ref=cc1997:128&ref=cc1997:133");
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("twice"));
}

#[test]
fn openapi_lists_every_command_and_argument() {
    let r = get(server(), "/api/openapi.json");
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for c in lexchron::api::commands() {
        let op = &doc["paths"][format!("/api/{}", c.name)]["get"];
        assert_eq!(op["operationId"], c.name.as_str());
        let names: Vec<&str> = op["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = c.args.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, want, "{}", c.name);
        for code in ["200", "400", "404"] {
            assert!(op["responses"].get(code).is_some());
        }
    }
}

#[test]
fn user_input_is_escaped_everywhere_it_is_echoed() {
    let addr = server();
    let evil = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";
    for target in [
        format!("/ask?{}", query(&[("question", evil)])),
        format!("/show?{}", query(&[("ref", evil)])),
        format!("/covers?{}", query(&[("topic", evil)])),
        format!("/search?{}", query(&[("text", evil)])),
        format!("/{}", evil.replace(' ', "%20")),
        format!("/show?{}", query(&[("ref", "cc1997:128"), (evil, "1")])),
    ] {
        let r = get(addr, &target);
        assert!(r.status < 500, "{target}");
        assert!(
            !r.body.contains("<script>alert"),
            "{target} echoes raw markup:\n{}",
            r.body
        );
        assert!(!r.body.contains("<img src=x"), "{target}");
        assert!(!r.body.contains("\"><img"), "{target}");
    }
    let r = get(addr, &format!("/ask?{}", query(&[("question", evil)])));
    assert!(
        r.body.contains("&lt;script&gt;"),
        "the question is shown, escaped"
    );
}

#[test]
fn no_path_reaches_the_disk() {
    let addr = server();
    for target in [
        "/assets/../Cargo.toml",
        "/assets/..%2fCargo.toml",
        "/assets/%2e%2e%2fCargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/assets/..\\Cargo.toml",
        "/../../../../etc/passwd",
        "//etc/passwd",
        "/assets//etc/passwd",
        "/assets/style.css/../../Cargo.toml",
        "/assets/%252e%252e%252fCargo.toml",
        "/src/serve/assets/style.css",
        "/assets/style.css%00.txt",
    ] {
        let r = raw(
            addr,
            format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        assert!(r.status == 404 || r.status == 400, "{target}: {}", r.status);
        assert!(
            !r.body.contains("[package]") && !r.body.contains("root:"),
            "{target} leaked a file"
        );
    }
    let css = get(addr, "/assets/style.css");
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    assert_eq!(get(addr, "/assets/favicon.svg").status, 200);
}

#[test]
fn limits_and_methods_answer_4xx() {
    let addr = server();
    let long = format!("/api/search?text={}", "a".repeat(5000));
    assert_eq!(get(addr, &long).status, 414);
    let mut many = String::from("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
    for i in 0..100 {
        many.push_str(&format!("X-Filler-{i}: y\r\n"));
    }
    many.push_str("\r\n");
    assert_eq!(raw(addr, many.as_bytes()).status, 431);
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "b".repeat(20_000)
    );
    assert_eq!(raw(addr, huge.as_bytes()).status, 431);
    for m in ["POST", "PUT", "DELETE", "PATCH"] {
        let r = raw(addr, format!("{m} /api/show?ref=cc1997:128 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").as_bytes());
        assert_eq!(r.status, 405, "{m}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
    }
    let body = "z".repeat(2000);
    let r = raw(addr, format!("GET /api/acts HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).as_bytes());
    assert_eq!(r.status, 413);
    let r = raw(
        addr,
        b"GET /api/acts HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(r.status, 200);
    let h = raw(
        addr,
        b"HEAD /api/acts HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(h.status, 200);
    assert!(h.body.is_empty());
}

#[test]
fn every_response_carries_the_security_headers() {
    let addr = server();
    for target in [
        "/",
        "/api/acts",
        "/history?ref=cc1997:128",
        "/nowhere",
        "/assets/style.css",
        "/api/show",
    ] {
        let r = get(addr, target);
        assert_eq!(
            r.header("content-security-policy"),
            Some(lexchron::serve::CSP),
            "{target}"
        );
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{target}"
        );
    }
    // The policy allows no inline script: pages carry none.
    let page = get(addr, "/history?ref=cc1997:128");
    assert!(!page.body.contains("<script>"));
    assert!(
        !page.body.contains(" style=\""),
        "no inline style attributes"
    );
}

#[test]
fn a_thousand_concurrent_connections_are_all_answered() {
    // A small connection limit, so most of the thousand wait their turn in the queue.
    let addr = web::start(lexchron::serve::Limits {
        connections: 64,
        ..Default::default()
    });
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let statuses: Vec<u16> = rt.block_on(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut tasks = Vec::new();
        for i in 0..1000 {
            tasks.push(tokio::spawn(async move {
                let mut s = tokio::net::TcpStream::connect(addr).await.expect("connect");
                let target = if i % 2 == 0 {
                    "/api/show?ref=cc1997:128&at=2005"
                } else {
                    "/api/acts"
                };
                s.write_all(
                    format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .as_bytes(),
                )
                .await
                .unwrap();
                let mut buf = Vec::new();
                s.read_to_end(&mut buf).await.unwrap();
                web::parse(&buf).status
            }));
        }
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.unwrap());
        }
        out
    });
    assert_eq!(statuses.len(), 1000);
    assert!(
        statuses.iter().all(|s| *s == 200),
        "{:?}",
        statuses.iter().filter(|s| **s != 200).collect::<Vec<_>>()
    );
}

fn any_command() -> impl Strategy<Value = String> {
    let mut names: Vec<String> = lexchron::api::commands()
        .iter()
        .map(|c| c.name.clone())
        .collect();
    names.extend(["openapi.json", "", "x", "..", "%ff"].map(String::from));
    proptest::sample::select(names)
}

fn any_pair() -> impl Strategy<Value = String> {
    let names = prop_oneof![
        proptest::sample::select(vec![
            "ref", "at", "topic", "from", "to", "offence", "judgment", "text", "question",
            "target", "code", "limit"
        ])
        .prop_map(String::from),
        "[a-z%&=+]{0,6}",
    ];
    let values = prop_oneof![
        "[0-9:.\\-a-z]{0,12}",
        "cc(1997|2014):[0-9]{1,3}(\\.[0-9])?",
        "(19|20)[0-9]{2}(-[01][0-9](-[0-3][0-9])?)?",
        "\\PC{0,10}",
        "(%[0-9a-fA-F]{2}){1,4}",
    ];
    (names, values).prop_map(|(k, v)| format!("{k}={v}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    #[test]
    fn random_query_strings_never_cause_a_5xx(
        api in any::<bool>(),
        command in any_command(),
        pairs in proptest::collection::vec(any_pair(), 0..5),
    ) {
        let raw_query: String = pairs.join("&");
        // Bytes a request line cannot carry are percent-encoded, everything else is sent raw.
        let q: String = raw_query.chars().map(|c| if c.is_ascii_graphic() && c != '#' { c.to_string() } else {
            c.to_string().bytes().map(|b| format!("%{b:02X}")).collect()
        }).collect();
        let target = format!("{}{command}?{q}", if api { "/api/" } else { "/" });
        let r = get(server(), &target);
        prop_assert!(r.status < 500, "{target}: {} {}", r.status, r.body);
        prop_assert!(r.status == 200 || (400..500).contains(&r.status), "{target}: {}", r.status);
        if api && r.status != 200 && !r.body.is_empty() {
            let j = r.json();
            prop_assert!(j.get("error").is_some() && j.get("hint").is_some(), "{j}");
        }
    }
}

#[cfg(unix)]
#[test]
fn the_binary_serves_and_exits_0_on_sigterm_and_ctrl_c() {
    use std::io::{BufRead, BufReader};
    let cache = tempfile::tempdir().unwrap();
    // SIGTERM, and SIGINT as Ctrl-C sends it.
    for (bind, warns, signal) in [("127.0.0.1", false, "-TERM"), ("0.0.0.0", true, "-INT")] {
        let mut child = Command::cargo_bin("lexchron")
            .unwrap()
            .args(["serve", "--bind", bind, "--port", "0"])
            .env("LEXCHRON_TODAY", "2026-11-24")
            .env("LEXCHRON_CACHE", cache.path())
            .env_remove("LEXCHRON_DATA")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("prints its address")
            .to_string();
        let port: u16 = url
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        assert_eq!(get(addr, "/api/acts").status, 200);
        let ok = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "clean exit on SIGTERM");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.contains("warning: serving on 0.0.0.0"), warns, "{err}");
    }
    // A port in use is a clear error, not a panic.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::cargo_bin("lexchron")
        .unwrap()
        .args(["serve", "--port", &port])
        .env("LEXCHRON_CACHE", cache.path())
        .env_remove("LEXCHRON_DATA")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot listen"));
}

#[test]
fn mcp_is_served_at_slash_mcp_beside_the_read_only_pages() {
    let addr = server();
    let body = r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"serve-test","version":"0"}}}"#;
    let request = format!(
        "POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let r = raw(addr, request.as_bytes());
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("\"serverInfo\""), "{}", r.body);
    assert!(r.header("mcp-session-id").is_some(), "a session is opened");
    // Garbage is a client error, never a 5xx, and the pages stay read-only.
    let junk = "{not json";
    let bad = raw(addr, format!("POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{junk}", junk.len()).as_bytes());
    assert!(
        (400..500).contains(&bad.status),
        "{}: {}",
        bad.status,
        bad.body
    );
    let post = raw(addr, b"POST /api/acts HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert_eq!(post.status, 405);
}
