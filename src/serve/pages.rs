//! HTML pages: `/` (home: an "as of" date and one box for a reference, a question or a
//! search, read by `ask`) and `/<command>?<args>`, the same answer as `/api/<command>` drawn by
//! [`crate::render::html`]. Every page links its JSON twin, shows the CLI command that gives
//! the same answer, and has a form for the command's arguments, so it works without script.

use super::AppState;
use super::api::{query_args, segment, status_of};
use crate::api::{self, Answered, ApiError, ArgKind, CommandSpec};
use crate::exec::{Engine, Results};
use crate::render::html::{self, query_string};
use crate::view::VersionView;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{DOCTYPE, Markup, html};
use serde_json::{Map, Value};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/{command}", get(page))
}

/// Examples for the three users the project serves, as links a newcomer can click.
const EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "A student",
        "ask",
        "question=Which articles covered labor trafficking in 2008, and what was the maximum sentence?",
    ),
    ("A student", "history", "ref=cc1997:128"),
    ("A student", "timeline", "target=child-trafficking"),
    (
        "A lawyer",
        "applicable",
        "ref=cc1997:128&offence=2012-05-01&judgment=2015-06-01",
    ),
    ("A lawyer", "diff", "ref=cc1997:128&from=2005&to=2020"),
    ("A lawyer", "show", "ref=cc2014:128&at=2016-06-01"),
    ("A policy writer", "loopholes", "from=2010&to=2026"),
    (
        "A policy writer",
        "ask",
        "question=Where can a trafficking case still be closed by reconciliation with the victim?",
    ),
    (
        "A policy writer",
        "conciliation",
        "ref=cc2014:128&at=2016-06-01",
    ),
];

/// The page frame: header with the ask box, the content, the footer with the twins.
fn frame(title: &str, at: &str, question: &str, body: Markup, footer: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · lexchron" }
                link rel="stylesheet" href="/assets/style.css";
                link rel="icon" href="/assets/favicon.svg" type="image/svg+xml";
                script src="/assets/app.js" defer {}
            }
            body {
                header.top {
                    form.ask action="/ask" method="get" role="search" {
                        a.brand href="/" { "lexchron" }
                        label { "As of" input type="date" name="at" value=(at) min="1998-01-01" max="2100-12-31"; }
                        label.box { "Reference, question or words to search"
                            input type="search" name="question" value=(question) required placeholder="cc1997:128, which articles covered forced labour in 2008?";
                        }
                        button type="submit" { "Ask" }
                    }
                }
                main { (body) }
                footer { (footer) }
            }
        }
    }
}

async fn home(State(st): State<AppState>) -> Response {
    let today = st.engine.today.to_string();
    let commands = api::commands();
    let body = html! {
        h1 { "What law applied when" }
        p { "Kazakhstan's two criminal codes (1997, in force 1998–2014; 2014, from 2015), edition by edition: "
            "what a provision said and punished on a date, how it changed, which act changed it, and where a case could be closed by reconciliation." }
        p { "Type a reference (" code { "cc1997:128" } "), a question in plain words, or words to search, in the box above. "
            "The date applies unless the question names its own. Today is taken as " (today) "." }
        h2 { "Try" }
        ul.examples { @for (who, command, query) in EXAMPLES {
            @let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
            @let href = format!("/{command}?{}", query_string(&pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>()));
            li { (who) ": " a href=(href) { (example_label(command, &pairs)) } }
        } }
        h2 { "Every command" }
        ul.examples { @for c in commands {
            li { a href=(format!("/{}", c.name)) { (c.name) } " — " (c.about) }
        } }
        p.twin { "Every page has a JSON twin under " code { "/api/" } "; the API is described at " a href="/api/openapi.json" { "/api/openapi.json" } "." }
    };
    let footer = html! { "lexchron " (env!("CARGO_PKG_VERSION")) " · read-only · " a href="/api/openapi.json" { "OpenAPI" } };
    html_response(
        StatusCode::OK,
        frame("What law applied when", "", "", body, footer),
    )
}

fn example_label(command: &str, pairs: &[(String, String)]) -> String {
    match pairs.iter().find(|(k, _)| k == "question") {
        Some((_, q)) => format!("“{q}”"),
        None => format!(
            "{command} {}",
            pairs
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

fn html_response(status: StatusCode, m: Markup) -> Response {
    (status, m).into_response()
}

/// Unknown paths: a JSON error under /api/, a page elsewhere; 404 either way.
pub(super) async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") || uri.path() == "/api" {
        return super::api::error_response(
            StatusCode::NOT_FOUND,
            "no such route",
            Some("routes are /api/<command>?<args> and /api/openapi.json"),
        );
    }
    error_page(
        StatusCode::NOT_FOUND,
        "Not found",
        "There is no page at this address.",
        Some("Start from the home page, or ask in the box above."),
    )
}

fn error_page(status: StatusCode, title: &str, message: &str, hint: Option<&str>) -> Response {
    let body = html! {
        h1 { (title) }
        div.error role="alert" { p { (message) } @if let Some(h) = hint { p { "Hint: " (h) } } }
        p { a href="/" { "Home" } }
    };
    html_response(status, frame(title, "", "", body, html! {}))
}

async fn page(State(st): State<AppState>, uri: Uri, RawQuery(q): RawQuery) -> Response {
    let parsed = segment(&uri, "/").and_then(|c| Ok((c, query_args(q.as_deref())?)));
    let (command, args) = match parsed {
        Ok(x) => x,
        Err(e) => return error_page(status_of(&e), "Bad request", &e.message, e.hint.as_deref()),
    };
    let engine = st.engine.clone();
    match tokio::task::spawn_blocking(move || command_page(&engine, &command, args)).await {
        Ok((status, m)) => html_response(status, m),
        Err(_) => error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something broke",
            "The answer failed unexpectedly.",
            Some("This is a bug in lexchron; please report the address."),
        ),
    }
}

/// The page of one command: its form, its answer (or the error), the twins.
fn command_page(
    engine: &Engine,
    command: &str,
    mut args: Map<String, Value>,
) -> (StatusCode, Markup) {
    let specs = api::commands();
    let Some(spec) = specs.iter().find(|c| c.name == command) else {
        let e = api::answer(engine, command, &args).err();
        let hint = e.as_ref().and_then(|e| e.hint.clone());
        let body = html! {
            h1 { "No such page" }
            div.error role="alert" { p { "There is no command " code { (command) } "." } @if let Some(h) = &hint { p { "Hint: " (h) } } }
            p { a href="/" { "Home" } }
        };
        return (
            StatusCode::NOT_FOUND,
            frame("Not found", "", "", body, html! {}),
        );
    };
    // The box shows the question as typed, before the picked date is added to it.
    let question = match (command, args.get("question")) {
        ("ask", Some(Value::String(q))) => q.clone(),
        _ => String::new(),
    };
    // The date box of the header applies to a question unless it names its own date.
    let mut picked = String::new();
    if command == "ask" {
        if let Some(Value::String(at)) = args.remove("at") {
            picked = at.clone();
            if let Some(Value::String(q)) = args.get_mut("question") {
                q.push_str(&format!(" on {at}"));
            }
        }
    }
    let pairs: Vec<(String, String)> = args
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_str().map_or_else(|| v.to_string(), str::to_string),
            )
        })
        .collect();
    let pair_refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let twin = format!("/api/{command}?{}", query_string(&pair_refs));
    let cli = api::command_line(command, &args);
    let title = cli.clone().map_or(command.to_string(), |c| {
        c.trim_start_matches("lexchron ").to_string()
    });
    let footer = html! {
        p.twin { "JSON twin: " a href=(twin) { (twin) } }
        @if let Some(c) = &cli { p.twin { "The same answer on the command line:" } pre.cli { code { (c) } } }
        p.twin { a href="/api/openapi.json" { "OpenAPI" } " · read-only" }
    };
    let at = args
        .get("at")
        .and_then(Value::as_str)
        .unwrap_or(&picked)
        .to_string();
    let missing_required = spec
        .args
        .iter()
        .any(|a| a.required && !args.contains_key(&a.name));
    // A command opened bare shows its form, not an error.
    if args.is_empty() && missing_required {
        let body = html! { h1 { (command) } p { (spec.about) } (form(spec, &args)) };
        return (StatusCode::OK, frame(command, &at, &question, body, footer));
    }
    let (status, content) = match api::answer(engine, command, &args) {
        Ok(Answered::One(answer)) => {
            let lineage = lineage_for(engine, &answer.results, &args);
            let page = html::Page {
                today: engine.today,
                lineage: &lineage,
            };
            (StatusCode::OK, html::render(&answer, &page))
        }
        Ok(Answered::Ask { json, readings, .. }) => (StatusCode::OK, ask(engine, &json, &readings)),
        Err(e) => (status_of(&e), error_box(&e)),
    };
    // A date form where the command takes one, unless a year range (loopholes) is in use.
    let dated = command != "ask"
        && spec.args.iter().any(|a| a.name == "at")
        && !args.contains_key("from")
        && !args.contains_key("to");
    let body = html! {
        h1 { (title) }
        p { (spec.about) }
        @if dated { (asof_form(command, &args, engine)) }
        (content)
        details open[status != StatusCode::OK] { summary { "Change the arguments" } (form(spec, &args)) }
    };
    (status, frame(&title, &at, &question, body, footer))
}

fn error_box(e: &ApiError) -> Markup {
    html! {
        div.error role="alert" {
            p { (e.message) }
            @if let Some(h) = &e.hint { p { "Hint: " (h) } }
        }
    }
}

/// An "as of" date form that keeps the other arguments; a script submits it on change.
fn asof_form(command: &str, args: &Map<String, Value>, engine: &Engine) -> Markup {
    let current = args.get("at").and_then(Value::as_str).unwrap_or_default();
    // A date input takes only full dates; a year or range stays in the arguments form.
    let value = if current.len() == 10 {
        current.to_string()
    } else {
        String::new()
    };
    html! {
        form.asof action=(format!("/{command}")) method="get" {
            @for (k, v) in args.iter().filter(|(k, _)| k.as_str() != "at") {
                input type="hidden" name=(k) value=(v.as_str().map_or_else(|| v.to_string(), str::to_string));
            }
            label { "As of " input type="date" name="at" value=(value) min="1998-01-01" max="2100-12-31" placeholder=(engine.today.to_string()); }
            button type="submit" { "Show" }
        }
    }
}

/// A form with one field per argument of the command, filled with the current values.
fn form(spec: &CommandSpec, args: &Map<String, Value>) -> Markup {
    html! {
        form.args action=(format!("/{}", spec.name)) method="get" {
            @for a in &spec.args {
                @let value = args.get(&a.name).map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).unwrap_or_default();
                p { label {
                    code { (a.name) } @if a.required { " (required)" } " — " (a.help) br;
                    @match a.kind {
                        ArgKind::Boolean => { input type="checkbox" name=(a.name) value="true" checked[value == "true"]; }
                        ArgKind::Integer => { input type="number" name=(a.name) value=(value) placeholder=(a.default.clone().unwrap_or_default()); }
                        ArgKind::String => { input type="text" name=(a.name) value=(value) required[a.required] placeholder=(a.default.clone().unwrap_or_default()); }
                    }
                } }
            }
            button type="submit" { "Answer" }
        }
    }
}

/// Every edition along the renumbering chain of the provision a `show` or `history` answer
/// is about, oldest first, for the penalty bands; parts narrowed to those asked for.
fn lineage_for(engine: &Engine, results: &Results, args: &Map<String, Value>) -> Vec<VersionView> {
    let (reference, parts): (&str, Vec<String>) = match results {
        Results::Show(v) if !v.is_empty() => (
            &v[0].reference,
            v[0].parts.iter().map(|p| p.part.clone()).collect(),
        ),
        Results::History(e) if !e.is_empty() => (
            &e[0].version.reference,
            e[0].version.parts.iter().map(|p| p.part.clone()).collect(),
        ),
        _ => return Vec::new(),
    };
    let narrowed = args
        .get("ref")
        .and_then(Value::as_str)
        .and_then(|r| crate::query::Ref::parse(r).ok())
        .is_some_and(|r| r.part.is_some());
    let one = |k: &str, v: &str| {
        let mut m = Map::new();
        m.insert(k.into(), Value::String(v.into()));
        m
    };
    let chain: Vec<String> = match api::answer(engine, "lineage", &one("ref", reference)) {
        Ok(Answered::One(a)) => match a.results {
            Results::Lineage(l) => l
                .into_iter()
                .flat_map(|l| l.chain.into_iter().map(|c| c.reference))
                .collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    let mut out: Vec<VersionView> = Vec::new();
    for r in if chain.is_empty() {
        vec![reference.to_string()]
    } else {
        chain
    } {
        if let Ok(Answered::One(a)) = api::answer(engine, "history", &one("ref", &r)) {
            if let Results::History(entries) = a.results {
                out.extend(entries.into_iter().map(|e| e.version));
            }
        }
    }
    out.sort_by(|a, b| a.valid_from.cmp(&b.valid_from));
    out.dedup_by(|a, b| a.reference == b.reference && a.valid_from == b.valid_from);
    if narrowed {
        for v in &mut out {
            v.parts.retain(|p| parts.contains(&p.part));
        }
    }
    out
}

/// The ask page: how the question was read, then each reading's answer.
fn ask(
    engine: &Engine,
    json: &Value,
    readings: &[(String, Option<crate::exec::Answer>)],
) -> Markup {
    let q = &json["query"];
    let unknown: Vec<&str> = q["not_understood"]
        .as_array()
        .map_or(Vec::new(), |a| a.iter().filter_map(Value::as_str).collect());
    html! {
        @if q["fallback_search"].as_bool() == Some(true) {
            p.note { "Not understood as a query" @if !unknown.is_empty() { " (" (unknown.join(" ")) ")" } "; searching the text instead." }
        } @else if !unknown.is_empty() {
            p.note { "Ignored: " (unknown.join(", ")) }
        }
        @for (shown, answer) in readings {
            section.reading {
                h2 { "Read as: " code { "lexchron " (shown) } }
                @match answer {
                    Some(a) => {
                        @let lineage = lineage_for(engine, &a.results, &Map::new());
                        (html::render(a, &html::Page { today: engine.today, lineage: &lineage }))
                    }
                    None => { p.error { "This reading could not be answered." } }
                }
            }
        }
    }
}
