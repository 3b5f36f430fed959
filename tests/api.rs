//! The named-argument API (`lexchron::api`) that the web server and the MCP server share:
//! every query command answers exactly what the CLI's `--format json` prints for the same
//! arguments, and bad calls give the CLI's message with a 400- or 404-like status.

mod common;

use lexchron::api::{self, ArgKind, Status};
use lexchron::cli::{Env, open_engine, run};
use lexchron::exec::Engine;
use lexchron::model::Date;
use serde_json::{Map, Value, json};
use std::sync::OnceLock;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 24).unwrap()
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let env = Env::bundled(today());
        open_engine(&common::bundled(), &env, true, &mut Vec::new()).expect("bundled data opens")
    })
}

fn cli_json(words: &[&str]) -> Value {
    let mut args: Vec<std::ffi::OsString> =
        vec!["lexchron".into(), "--format".into(), "json".into()];
    args.extend(words.iter().map(Into::into));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(args, &Env::bundled(today()), &mut out, &mut err);
    assert_eq!(code, 0, "{words:?}: {}", String::from_utf8_lossy(&err));
    serde_json::from_slice(&out).expect("CLI prints JSON")
}

fn args(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

/// Each call, and the CLI words that ask the same.
fn cases() -> Vec<(&'static str, Value, Vec<&'static str>)> {
    vec![
        (
            "show",
            json!({"ref": "cc1997:128", "at": "2005-06-01"}),
            vec!["show", "cc1997:128", "--at", "2005-06-01"],
        ),
        (
            "history",
            json!({"ref": "cc1997:128"}),
            vec!["history", "cc1997:128"],
        ),
        (
            "covers",
            json!({"topic": "labor-trafficking", "at": "2008"}),
            vec!["covers", "labor-trafficking", "--at", "2008"],
        ),
        (
            "penalty",
            json!({"ref": "128", "at": "2010"}),
            vec!["penalty", "128", "--at", "2010"],
        ),
        (
            "lineage",
            json!({"ref": "cc1997:133"}),
            vec!["lineage", "cc1997:133"],
        ),
        (
            "diff",
            json!({"ref": "cc1997:128", "from": "2004", "to": "2016"}),
            vec!["diff", "cc1997:128", "2004", "2016"],
        ),
        ("acts", json!({}), vec!["acts"]),
        ("topics", json!({}), vec!["topics"]),
        (
            "sources",
            json!({"ref": "cc2014:128"}),
            vec!["sources", "cc2014:128"],
        ),
        (
            "gravity",
            json!({"ref": "cc2014:128", "at": "2016"}),
            vec!["gravity", "cc2014:128", "--at", "2016"],
        ),
        (
            "conciliation",
            json!({"ref": "cc2014:128", "at": "2016"}),
            vec!["conciliation", "cc2014:128", "--at", "2016"],
        ),
        (
            "loopholes",
            json!({"from": 2010, "to": 2020}),
            vec!["loopholes", "--from", "2010", "--to", "2020"],
        ),
        (
            "applicable",
            json!({"ref": "cc1997:128", "offence": "2012-03-01", "judgment": "2016-01-01"}),
            vec![
                "applicable",
                "cc1997:128",
                "--offence",
                "2012-03-01",
                "--judgment",
                "2016-01-01",
            ],
        ),
        (
            "timeline",
            json!({"target": "cc1997:133", "from": 2000, "to": 2020}),
            vec!["timeline", "cc1997:133", "--from", "2000", "--to", "2020"],
        ),
        (
            "search",
            json!({"text": "trafficking", "limit": 3}),
            vec!["search", "trafficking", "--limit", "3"],
        ),
        (
            "ask",
            json!({"question": "which articles covered labor trafficking in 2008?"}),
            vec!["ask", "which articles covered labor trafficking in 2008?"],
        ),
    ]
}

#[test]
fn every_query_command_is_listed_with_its_cli_arguments() {
    let specs = api::commands();
    let names: Vec<&str> = specs.iter().map(|c| c.name.as_str()).collect();
    for (name, _, _) in cases() {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    for hidden in ["repl", "gen", "check"] {
        assert!(
            !names.contains(&hidden),
            "{hidden} must not be callable remotely"
        );
    }
    let show = specs.iter().find(|c| c.name == "show").unwrap();
    let r = show.args.iter().find(|a| a.name == "ref").expect("ref");
    assert!(r.required);
    assert_eq!(r.kind, ArgKind::String);
    let at = show.args.iter().find(|a| a.name == "at").expect("at");
    assert!(!at.required);
    let limit = specs
        .iter()
        .find(|c| c.name == "search")
        .unwrap()
        .args
        .iter()
        .find(|a| a.name == "limit")
        .cloned()
        .unwrap();
    assert_eq!(limit.kind, ArgKind::Integer);
    assert_eq!(limit.default.as_deref(), Some("10"));
    let search = specs.iter().find(|c| c.name == "search").unwrap();
    assert!(
        search.args.iter().all(|a| a.name != "no_cache"),
        "cache flags are not remote arguments"
    );
}

#[test]
fn every_answer_equals_the_cli_json() {
    for (name, a, words) in cases() {
        let reply = api::call(engine(), name, &args(a)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(reply.json, cli_json(&words), "{name}");
        assert!(!reply.table.is_empty(), "{name} has a table");
    }
}

#[test]
fn a_named_code_without_a_date_is_answered_on_its_last_day() {
    // Today (2026) is past the 1997 code: its last day is used and the answer says so, in
    // the API (and so MCP) exactly as on the command line.
    let words = ["penalty", "ст. 133 УК 1997 года"];
    let reply = api::call(
        engine(),
        "penalty",
        &args(json!({"ref": "ст. 133 УК 1997 года"})),
    )
    .expect("answered");
    assert_eq!(reply.json, cli_json(&words));
    let q = &reply.json["query"];
    assert_eq!(q["at"]["from"], "2014-12-31");
    assert_eq!(
        q["date_default"],
        json!({"code": "cc1997", "day": "2014-12-31", "reason": "code-ended"})
    );
    assert!(
        reply
            .table
            .starts_with("note: no date was given and cc1997")
    );
    // A date given is kept, and then there is no notice.
    let dated = api::call(
        engine(),
        "penalty",
        &args(json!({"ref": "ст. 133 УК 1997 года", "at": "2010"})),
    )
    .expect("answered");
    assert!(dated.json["query"].get("date_default").is_none());
    // A bare article is the code in force today: no default either.
    let bare = api::call(engine(), "penalty", &args(json!({"ref": "128"}))).expect("answered");
    assert!(bare.json["query"].get("date_default").is_none());
}

#[test]
fn strings_and_numbers_are_both_accepted_where_the_cli_takes_a_number() {
    let a = api::call(
        engine(),
        "loopholes",
        &args(json!({"from": "2010", "to": "2012"})),
    )
    .unwrap();
    let b = api::call(
        engine(),
        "loopholes",
        &args(json!({"from": 2010, "to": 2012})),
    )
    .unwrap();
    assert_eq!(a.json, b.json);
}

#[test]
fn bad_calls_are_classified_and_explained() {
    let cases: Vec<(&str, Value, Status, &str)> = vec![
        (
            "show",
            json!({"ref": "cc1997:999"}),
            Status::NotFound,
            "no article 999",
        ),
        (
            "show",
            json!({"ref": "cc2003:128"}),
            Status::NotFound,
            "unknown code",
        ),
        (
            "covers",
            json!({"topic": "piracy"}),
            Status::NotFound,
            "unknown topic",
        ),
        (
            "show",
            json!({"ref": "cc1997:128", "at": "2008-13-45"}),
            Status::BadRequest,
            "",
        ),
        (
            "show",
            json!({}),
            Status::BadRequest,
            "needs the argument `ref`",
        ),
        (
            "show",
            json!({"ref": "cc1997:128", "colour": "red"}),
            Status::BadRequest,
            "unknown argument `colour`",
        ),
        (
            "show",
            json!({"ref": ["cc1997:128"]}),
            Status::BadRequest,
            "must be a string",
        ),
        (
            "search",
            json!({"text": "x", "limit": "many"}),
            Status::BadRequest,
            "invalid value",
        ),
        (
            "search",
            json!({"text": "x", "limit": 1.5}),
            Status::BadRequest,
            "whole number",
        ),
        ("launch", json!({}), Status::NotFound, "unknown command"),
        ("check", json!({}), Status::NotFound, "unknown command"),
        (
            "loopholes",
            json!({"at": "2010", "from": 2010, "to": 2011}),
            Status::BadRequest,
            "cannot be used with",
        ),
    ];
    for (name, a, status, needle) in cases {
        let e = api::call(engine(), name, &args(a.clone())).expect_err(&format!("{name} {a}"));
        assert_eq!(e.status, status, "{name} {a}: {e}");
        assert!(
            e.message.contains(needle),
            "{name} {a}: `{}` lacks `{needle}`",
            e.message
        );
        assert!(e.hint.is_some(), "{name} {a}: no hint");
        assert_eq!(e.to_json()["error"], json!(e.message));
    }
}

#[test]
fn values_cannot_smuggle_flags_into_the_command_line() {
    // A value that looks like a flag stays a value: here a reference, which is then malformed.
    let e = api::call(engine(), "show", &args(json!({"ref": "--data=/"}))).unwrap_err();
    assert_eq!(e.status, Status::BadRequest, "{e}");
    let e = api::call(
        engine(),
        "show",
        &args(json!({"ref": "cc1997:128", "at": "2008 --format table"})),
    )
    .unwrap_err();
    assert_eq!(e.status, Status::BadRequest, "{e}");
    // The same error text the CLI prints, caret included.
    assert!(e.text.contains('^'), "{}", e.text);
}

#[test]
fn the_engine_can_be_shared_across_threads() {
    fn shared<T: Send + Sync>(_: &T) {}
    shared(engine());
    let answers: Vec<Value> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    api::call(engine(), "search", &args(json!({"text": "forced labour"})))
                        .unwrap()
                        .json
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(answers.windows(2).all(|w| w[0] == w[1]));
}
