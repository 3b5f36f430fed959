//! The MCP server end to end: the official Python SDK client against the real `lexchron mcp`
//! binary, rmcp's own client in process, and thousands of random and malformed JSON-RPC lines
//! (every request answered, the server never stops).

mod common;

use lexchron::cli::{Env, open_engine, run};
use lexchron::mcp::{Server, serve};
use lexchron::model::Date;
use proptest::prelude::*;
use rmcp::ServiceExt;
use rmcp::model::CallToolRequestParams;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

const TODAY: &str = "2026-12-01";

fn today() -> Date {
    TODAY.parse().expect("a date")
}

/// The Python with the `mcp` package: $LEXCHRON_MCP_PYTHON, else the venv `.ci/mcp-venv`
/// makes. Missing is a failure, never a silent pass.
fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("LEXCHRON_MCP_PYTHON") {
        return p.into();
    }
    let venv = common::bundled().join("target/mcp-venv/bin/python");
    assert!(
        venv.exists(),
        "the MCP client test needs Python with the official `mcp` package.\n\
         Set it up with `bash .ci/mcp-venv` (creates target/mcp-venv; .ci/run does this), or\n\
         point LEXCHRON_MCP_PYTHON at a python that can `import mcp`."
    );
    venv
}

#[test]
fn python_sdk_client_lists_and_calls_every_tool_and_gets_the_cli_answers() {
    let cache = tempfile::tempdir().expect("tempdir");
    let names: Vec<String> = lexchron::api::commands()
        .iter()
        .map(|c| c.name.clone())
        .collect();
    let script = common::bundled().join("tests/mcp_client.py");
    let out = std::process::Command::new(python())
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_lexchron"))
        .arg(serde_json::to_string(&names).expect("json"))
        .env("LEXCHRON_TODAY", TODAY)
        .env("LEXCHRON_CACHE", cache.path())
        .env_remove("LEXCHRON_DATA")
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the Python MCP client reported failures:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("0 failed"), "{stdout}");
    // Both protocol eras were spoken: the 2026 lifecycle and the initialize handshake.
    assert!(stdout.contains("# mode auto: protocol 2026-"), "{stdout}");
    assert!(stdout.contains("# mode legacy: protocol 2025-"), "{stdout}");
}

fn engine() -> Arc<lexchron::exec::Engine> {
    static ENGINE: OnceLock<Arc<lexchron::exec::Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let env = Env::bundled(today());
            let mut err = Vec::new();
            let e = open_engine(&common::bundled(), &env, true, &mut err)
                .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&err)));
            Arc::new(e)
        })
        .clone()
}

/// The CLI's JSON answer, run in process through the same entry point as the binary.
fn cli_json(words: &[&str]) -> Value {
    let mut args: Vec<std::ffi::OsString> =
        vec!["lexchron".into(), "--format".into(), "json".into()];
    args.extend(words.iter().map(Into::into));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(args, &Env::bundled(today()), &mut out, &mut err);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    serde_json::from_slice(&out).expect("json answer")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

fn args(v: Value) -> rmcp::model::JsonObject {
    match v {
        Value::Object(m) => m,
        _ => panic!("arguments are an object"),
    }
}

#[test]
fn rmcp_client_in_process_answers_like_the_cli() {
    runtime().block_on(async {
        let (client_end, server_end) = tokio::io::duplex(1 << 16);
        let (sr, sw) = tokio::io::split(server_end);
        let server = tokio::spawn(serve(Server::new(engine()), sr, sw));
        let client = ().serve(client_end).await.expect("handshake");

        let tools = client.list_all_tools().await.expect("tools/list");
        let names: BTreeSet<String> = tools.iter().map(|t| t.name.to_string()).collect();
        for c in lexchron::api::commands() {
            assert!(names.contains(&c.name), "no tool for `{}`", c.name);
        }
        let show = tools.iter().find(|t| t.name == "show").expect("show");
        assert_eq!(show.input_schema["required"], json!(["ref"]));
        assert!(
            show.input_schema["properties"]["at"]["description"]
                .as_str()
                .is_some_and(|d| d.contains("2003..2016"))
        );
        assert_eq!(
            show.annotations.as_ref().and_then(|a| a.read_only_hint),
            Some(true)
        );

        // The three users' questions, as an assistant would ask them.
        let asked = [
            (
                json!({"topic": "labor-trafficking", "at": "2008"}),
                "covers",
                vec!["covers", "labor-trafficking", "--at", "2008"],
            ),
            (
                json!({"ref": "cc1997:128"}),
                "history",
                vec!["history", "cc1997:128"],
            ),
            (
                json!({"from": 2010, "to": 2026}),
                "loopholes",
                vec!["loopholes", "--from", "2010", "--to", "2026"],
            ),
        ];
        for (a, tool, words) in asked {
            let r = client
                .call_tool(CallToolRequestParams::new(tool).with_arguments(args(a)))
                .await
                .expect("tools/call");
            assert_eq!(r.is_error, Some(false));
            assert_eq!(r.structured_content, Some(cli_json(&words)), "{tool}");
            let text = r.content[0]
                .as_text()
                .map(|t| t.text.clone())
                .unwrap_or_default();
            assert!(
                !text.trim().is_empty(),
                "{tool}: a table in the text content"
            );
        }

        let bad = client
            .call_tool(
                CallToolRequestParams::new("show")
                    .with_arguments(args(json!({"ref": "cc1997:9999"}))),
            )
            .await
            .expect("a tool error is still a result");
        assert_eq!(bad.is_error, Some(true));
        let sc = bad.structured_content.expect("structured error");
        assert!(
            sc["error"].as_str().is_some_and(|e| e.contains("9999")),
            "{sc}"
        );

        let unknown = client
            .call_tool(CallToolRequestParams::new("nonexistent"))
            .await;
        assert!(unknown.is_err(), "an unknown tool is a protocol error");

        // Still serving.
        let again = client
            .call_tool(CallToolRequestParams::new("topics"))
            .await
            .expect("still serving");
        assert_eq!(again.structured_content, Some(cli_json(&["topics"])));

        client.cancel().await.expect("close");
        server.await.expect("joined").expect("served cleanly");
    });
}

/// One line sent to the server, and whether (and with which id) it must be answered.
#[derive(Debug, Clone)]
enum Line {
    /// A request with this id: must get a response carrying it.
    Request(Value),
    /// Not JSON, or JSON that is no message: must get an error with a null id.
    Garbage(String),
    /// A notification: no response.
    Notification(String),
}

fn text_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("cc1997:128")),
        Just(json!("128")),
        Just(json!("cc2014:135.2")),
        Just(json!("2008")),
        Just(json!("2003..2016")),
        Just(json!("today")),
        Just(json!("labor-trafficking")),
        "[a-z0-9:.\\-]{0,12}".prop_map(Value::from),
        "\\PC{0,40}".prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        Just(Value::Null),
        Just(json!([1, "a"])),
        Just(json!({"nested": {"x": 1}})),
    ]
}

fn arguments() -> impl Strategy<Value = Value> {
    let names = prop_oneof![
        Just("ref"),
        Just("at"),
        Just("topic"),
        Just("from"),
        Just("to"),
        Just("offence"),
        Just("judgment"),
        Just("text"),
        Just("question"),
        Just("target"),
        Just("code"),
        Just("limit"),
        Just("bogus"),
    ];
    prop_oneof![
        4 => proptest::collection::btree_map(names.prop_map(String::from), text_value(), 0..4)
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        1 => text_value(),
    ]
}

fn request(id: u64) -> impl Strategy<Value = Line> {
    let names = vec![
        "show",
        "history",
        "covers",
        "penalty",
        "lineage",
        "diff",
        "acts",
        "topics",
        "sources",
        "gravity",
        "conciliation",
        "loopholes",
        "applicable",
        "timeline",
        "ask",
        "nosuch",
    ];
    let tool = prop_oneof![
        8 => proptest::sample::select(names).prop_map(String::from),
        1 => "\\PC{0,10}",
    ];
    let params = prop_oneof![
        6 => (tool, arguments()).prop_map(|(t, a)| json!({"name": t, "arguments": a})),
        1 => text_value(),
        1 => Just(json!({})),
    ];
    let method = prop_oneof![
        6 => Just("tools/call".to_string()),
        1 => Just("tools/list".to_string()),
        1 => Just("resources/list".to_string()),
        1 => Just("prompts/get".to_string()),
        1 => Just("initialize".to_string()),
        1 => "[a-z/]{1,16}",
    ];
    (method, params).prop_map(move |(m, p)| {
        Line::Request(json!({"jsonrpc": "2.0", "id": id, "method": m, "params": p}))
    })
}

fn garbage() -> impl Strategy<Value = Line> {
    prop_oneof![
        // Not JSON at all (at least one visible character, no newline).
        "[^\\n\\r\\s][^\\n\\r]{0,80}".prop_filter("not json", |s| serde_json::from_str::<Value>(s).is_err()),
        // A request cut short.
        (1usize..60).prop_map(|n| {
            let full = r#"{"jsonrpc":"2.0","id":999999,"method":"tools/call","params":{"name":"show","arguments":{"ref":"cc1997:128"}}}"#;
            full[..n.min(full.len() - 1)].to_string()
        }),
        // JSON that is no message.
        Just("[]".to_string()),
        Just("[1,2,3]".to_string()),
        Just("42".to_string()),
        Just("\"hello\"".to_string()),
        Just("null".to_string()),
        Just("{}".to_string()),
        Just(r#"{"jsonrpc":"1.0"}"#.to_string()),
    ]
    .prop_map(Line::Garbage)
}

fn notification() -> impl Strategy<Value = Line> {
    prop_oneof![
        Just(r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#.to_string()),
        Just(r#"{"jsonrpc":"2.0","method":"notifications/whatever","params":{"a":1}}"#.to_string()),
    ]
    .prop_map(Line::Notification)
}

fn session() -> impl Strategy<Value = (bool, Vec<Line>)> {
    let kinds = proptest::collection::vec(0u8..8, 1..48);
    (any::<bool>(), kinds).prop_flat_map(|(init, kinds)| {
        let lines: Vec<BoxedStrategy<Line>> = kinds
            .into_iter()
            .enumerate()
            .map(|(i, k)| match k {
                0..=4 => request(i as u64 + 1).boxed(),
                5 | 6 => garbage().boxed(),
                _ => notification().boxed(),
            })
            .collect();
        (Just(init), lines)
    })
}

const INIT: &str = r#"{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"proptest","version":"1"}}}"#;

/// Sends the lines and collects replies until every request and garbage line is answered.
async fn exchange(init: bool, lines: &[Line]) -> Result<(), String> {
    let (client_end, server_end) = tokio::io::duplex(1 << 20);
    let (sr, sw) = tokio::io::split(server_end);
    let server = tokio::spawn(serve(Server::new(engine()), sr, sw));
    let (cr, mut cw) = tokio::io::split(client_end);
    let mut wanted: BTreeSet<String> = BTreeSet::new();
    let mut nulls = 0usize;
    let mut text = String::new();
    if init {
        text.push_str(INIT);
        text.push('\n');
        text.push_str(r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#);
        text.push('\n');
        wanted.insert("\"init\"".into());
    }
    for l in lines {
        match l {
            Line::Request(v) => {
                wanted.insert(v["id"].to_string());
                text.push_str(&v.to_string());
            }
            Line::Garbage(g) => {
                nulls += 1;
                text.push_str(g);
            }
            Line::Notification(n) => text.push_str(n),
        }
        text.push('\n');
    }
    // Write everything, then close stdin: the server must answer what it was sent (in-flight
    // calls included) and then end by itself.
    let writer = tokio::spawn(async move {
        cw.write_all(text.as_bytes()).await?;
        cw.shutdown().await
    });
    let mut replies = BufReader::new(cr).lines();
    let mut seen_nulls = 0usize;
    let collect = async {
        while let Some(line) = replies.next_line().await.map_err(|e| e.to_string())? {
            let v: Value = serde_json::from_str(&line)
                .map_err(|e| format!("the server wrote a line that is not JSON ({e}): {line}"))?;
            if v.get("jsonrpc") != Some(&json!("2.0")) {
                return Err(format!("not JSON-RPC 2.0: {line}"));
            }
            if v.get("result").is_none() == v.get("error").is_none() {
                return Err(format!(
                    "a reply needs exactly one of result and error: {line}"
                ));
            }
            match v.get("id") {
                Some(Value::Null) => seen_nulls += 1,
                Some(id) => {
                    if !wanted.remove(&id.to_string()) {
                        return Err(format!("a reply to nothing asked, or twice: {line}"));
                    }
                }
                None => return Err(format!("a reply without an id: {line}")),
            }
        }
        Ok(())
    };
    // Only a guard against a hang; a missing answer shows up at the end of the output.
    tokio::time::timeout(std::time::Duration::from_secs(120), collect)
        .await
        .unwrap_or_else(|_| Err("the server neither answered nor ended".into()))?;
    if !wanted.is_empty() {
        return Err(format!("requests never answered: {wanted:?}"));
    }
    if seen_nulls != nulls {
        return Err(format!(
            "{seen_nulls} null-id errors for {nulls} malformed lines"
        ));
    }
    writer
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
    server
        .await
        .map_err(|e| format!("server task: {e}"))?
        .map_err(|e| format!("server: {e}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// About 2,000 random lines in all: every request answered once with its id, every
    /// malformed line with a null-id error, nothing else on the wire, and a clean end.
    #[test]
    fn random_and_malformed_requests_are_all_answered((init, lines) in session()) {
        let outcome = runtime().block_on(exchange(init, &lines));
        prop_assert!(outcome.is_ok(), "{}", outcome.unwrap_err());
    }
}

#[test]
fn oversized_lines_are_refused_and_the_server_goes_on() {
    runtime().block_on(async {
        let huge = format!(
            r#"{{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{{"name":"show","arguments":{{"ref":"{}"}}}}}}"#,
            "9".repeat(lexchron::mcp::wire::MAX_MESSAGE + 10)
        );
        let long = format!(
            r#"{{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{{"name":"show","arguments":{{"ref":"{}"}}}}}}"#,
            "9".repeat(1024 * 1024)
        );
        let lines = vec![
            Line::Garbage(huge),
            Line::Request(serde_json::from_str(&long).expect("json")),
            Line::Request(json!({"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"acts","arguments":{}}})),
        ];
        exchange(true, &lines).await.expect("all answered");
    });
}

/// One POST to the Streamable HTTP service, as the web server would pass it on from `/mcp`:
/// the status, the session header, and the JSON-RPC message with `want_id` if one comes.
async fn post(
    svc: &mut lexchron::mcp::HttpService,
    session: Option<&str>,
    body: Value,
    want_id: Option<Value>,
) -> (u16, Option<String>, Option<Value>) {
    use http_body_util::BodyExt;
    use tower_service::Service;
    let mut req = http::Request::post("http://localhost/mcp")
        .header("host", "localhost")
        .header("content-type", "application/json")
        .header("accept", "application/json, text/event-stream");
    if let Some(s) = session {
        req = req
            .header("mcp-session-id", s)
            .header("mcp-protocol-version", "2025-06-18");
    }
    let req = req
        .body(http_body_util::Full::new(bytes::Bytes::from(
            body.to_string(),
        )))
        .expect("request");
    let resp = svc.call(req).await.expect("the service answers");
    let status = resp.status().as_u16();
    let sid = resp
        .headers()
        .get("mcp-session-id")
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    let Some(want) = want_id else {
        return (status, sid, None);
    };
    // The answer comes as a server-sent event (or plain JSON); read until it is there.
    let mut body = resp.into_body();
    let mut text = String::new();
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame.expect("body frame").into_data() {
            text.push_str(&String::from_utf8_lossy(&data));
        }
        let found = std::iter::once(text.as_str())
            .chain(text.lines().filter_map(|l| l.strip_prefix("data:")))
            .filter_map(|l| serde_json::from_str::<Value>(l.trim()).ok())
            .find(|v| v.get("id") == Some(&want));
        if found.is_some() {
            return (status, sid, found);
        }
    }
    (status, sid, None)
}

#[test]
fn streamable_http_service_shares_the_handler() {
    runtime().block_on(async {
        let mut svc = lexchron::mcp::http_service(Server::new(engine()));
        let init: Value = serde_json::from_str(INIT).expect("json");
        let (status, sid, reply) = post(&mut svc, None, init, Some(json!("init"))).await;
        assert_eq!(status, 200);
        let sid = sid.expect("a session id");
        assert_eq!(reply.expect("initialize result")["result"]["serverInfo"]["name"], json!("lexchron"));
        let (status, _, _) = post(
            &mut svc,
            Some(&sid),
            json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
            None,
        )
        .await;
        assert_eq!(status, 202);

        let call = json!({"jsonrpc": "2.0", "id": 2, "method": "tools/call",
            "params": {"name": "covers", "arguments": {"topic": "labor-trafficking", "at": "2008"}}});
        let (status, _, reply) = post(&mut svc, Some(&sid), call, Some(json!(2))).await;
        assert_eq!(status, 200);
        let result = &reply.expect("a tools/call result")["result"];
        assert_eq!(result["isError"], json!(false));
        assert_eq!(
            result["structuredContent"],
            cli_json(&["covers", "labor-trafficking", "--at", "2008"])
        );

        let bad = json!({"jsonrpc": "2.0", "id": 3, "method": "tools/call",
            "params": {"name": "show", "arguments": {"ref": "cc1997:9999"}}});
        let (_, _, reply) = post(&mut svc, Some(&sid), bad, Some(json!(3))).await;
        assert_eq!(reply.expect("a result")["result"]["isError"], json!(true));
    });
}

#[test]
fn the_binary_writes_only_protocol_messages_to_stdout() {
    let cache = tempfile::tempdir().expect("tempdir");
    let input = [
        INIT,
        r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
        "not json",
        r#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"search","arguments":{"text":"trafficking"}}}"#,
        r#"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"show","arguments":{"ref":"cc1997:9999"}}}"#,
    ]
    .join("\n");
    let out = assert_cmd::Command::new(env!("CARGO_BIN_EXE_lexchron"))
        .arg("mcp")
        .env("LEXCHRON_TODAY", TODAY)
        .env("LEXCHRON_CACHE", cache.path())
        .write_stdin(input + "\n")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let ids: Vec<Value> = stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            assert_eq!(v["jsonrpc"], json!("2.0"), "{l}");
            v["id"].clone()
        })
        .collect();
    assert_eq!(ids.len(), 4, "{stdout}");
    for id in [json!("init"), Value::Null, json!(2), json!(3)] {
        assert!(ids.contains(&id), "no reply with id {id}: {stdout}");
    }
    // The log (startup line, the index build notice) is on stderr.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("lexchron mcp:"), "{stderr}");
}

#[test]
fn python_sdk_client_over_streamable_http() {
    let cache = tempfile::tempdir().expect("tempdir");
    // The service on a loopback port, one hyper connection per client connection, as the web
    // server would mount it; served from its own thread while this one waits for Python.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    listener.set_nonblocking(true).expect("nonblocking");
    let port = listener.local_addr().expect("addr").port();
    let service = lexchron::mcp::http_service(Server::new(engine()));
    std::thread::spawn(move || {
        runtime().block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            while let Ok((stream, _)) = listener.accept().await {
                let svc = hyper_util::service::TowerToHyperService::new(service.clone());
                tokio::spawn(
                    hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), svc),
                );
            }
        })
    });
    let names: Vec<String> = lexchron::api::commands()
        .iter()
        .map(|c| c.name.clone())
        .collect();
    let out = std::process::Command::new(python())
        .arg(common::bundled().join("tests/mcp_client.py"))
        .arg(env!("CARGO_BIN_EXE_lexchron"))
        .arg(serde_json::to_string(&names).expect("json"))
        .arg(format!("http://127.0.0.1:{port}/mcp"))
        .env("LEXCHRON_TODAY", TODAY)
        .env("LEXCHRON_CACHE", cache.path())
        .env_remove("LEXCHRON_DATA")
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("0 failed"),
        "the Python MCP client over HTTP reported failures:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("# http auto: protocol 2026-"), "{stdout}");
    assert!(stdout.contains("# http legacy: protocol 2025-"), "{stdout}");
}
