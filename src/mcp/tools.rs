//! MCP tool definitions, generated from [`crate::api::commands`]: one tool per query command,
//! named as the command, arguments named as the CLI's, descriptions written for an assistant.
//!
//! Generated rather than written with rmcp's `#[tool]` macro so that the argument list lives in
//! one place (the clap definitions); a command added to the CLI becomes a tool by itself.

use crate::api::{ArgKind, ArgSpec, CommandSpec};
use rmcp::model::{JsonObject, Tool, ToolAnnotations};
use serde_json::{Value, json};
use std::sync::Arc;

/// How references are written, for every tool that takes one.
const REF_FORMS: &str = "References: `cc1997:128` (article 128 of the 1997 code), \
`cc2014:135.2` (part 2 of article 135 of the 2014 code), `cc1997:125.3.b` (a paragraph), \
or a bare `128`, meaning that article of the code in force at the date asked about.";

/// How dates are written, for every tool that takes one.
const DATE_FORMS: &str = "Dates: `2008` (the whole year), `2008-06` (a month), `2008-06-01` \
(a day), `2003..2016` (a range), `..2006` (up to), or `today`.";

/// What each tool answers beyond clap's one-line `about`, and one example call. Commands
/// without an entry (added later) still get a tool with the CLI's own help.
fn guide(command: &str) -> Option<(&'static str, Value)> {
    Some(match command {
        "show" => (
            "Answers: what did this provision say at that date? Returns each edition in force \
             (validity dates, title, parts, penalties, the enacting and amending acts) with the \
             sources and confidence grade of every edition.",
            json!({"ref": "cc1997:128", "at": "2005-06-01"}),
        ),
        "history" => (
            "Answers: how did this provision change over time? One row per edition with its \
             dates, the act that made it and what changed.",
            json!({"ref": "cc1997:128"}),
        ),
        "covers" => (
            "Answers: which articles covered a subject at a date? Topics are ids such as \
             `labor-trafficking`, `child-trafficking`, or plain synonyms (\"forced labour\"); \
             the `topics` tool lists them all.",
            json!({"topic": "labor-trafficking", "at": "2008"}),
        ),
        "penalty" => (
            "Answers: what punishment did each part of this provision carry at a date? \
             Imprisonment ranges and other penalties, part by part.",
            json!({"ref": "cc2014:128", "at": "today"}),
        ),
        "lineage" => (
            "Answers: what did this article become (or come from) across the 1997 -> 2014 \
             renumbering? The chain both ways.",
            json!({"ref": "cc1997:128"}),
        ),
        "diff" => (
            "Answers: what changed in this provision between two dates? Part-by-part \
             differences in text and penalties, following renumbering between the codes.",
            json!({"ref": "cc1997:128", "from": "2003", "to": "2016"}),
        ),
        "acts" => (
            "Lists every act that enacted or amended a provision in the data, by date of entry \
             into force, with its grade of confidence.",
            json!({}),
        ),
        "topics" => (
            "Lists the topic vocabulary (ids and synonyms) and the provisions tagged with \
             each; use it to find the `topic` for `covers`, `loopholes` or `timeline`.",
            json!({}),
        ),
        "sources" => (
            "Answers: where does this come from? The sources cited for each edition of a \
             provision, with locators and confidence grades.",
            json!({"ref": "cc1997:128"}),
        ),
        "gravity" => (
            "Answers: how grave was each part of the offence at a date (minor, medium, grave, \
             especially grave)? Shows the arithmetic and the rule applied.",
            json!({"ref": "cc1997:128", "at": "2010"}),
        ),
        "conciliation" => (
            "Answers: could a case under each part be closed by reconciliation with the victim \
             at a date, and why (or why not)?",
            json!({"ref": "cc1997:128", "at": "2010"}),
        ),
        "loopholes" => (
            "Answers: where do reconciliation loopholes remain? Trafficking-related parts \
             still open to release on reconciliation at a date, or year by year with `from` \
             and `to` (whole years), with the act that closed each.",
            json!({"from": 2010, "to": 2026}),
        ),
        "applicable" => (
            "Answers: which edition governs an act committed on the offence date and judged on \
             the judgment date: the law at the offence, or a milder later one?",
            json!({"ref": "cc1997:128", "offence": "2012-05-01", "judgment": "2016-03-01"}),
        ),
        "timeline" => (
            "Shows editions on one time axis: a provision's whole lineage across both codes, \
             or every provision on a topic; `from` and `to` are whole years.",
            json!({"target": "child-trafficking", "from": 2003, "to": 2016}),
        ),
        "search" => (
            "Full-text search over every edition of every provision: phrases in quotes, \
             AND/OR/NOT, field:term (title:trafficking). Results are ranked and dated.",
            json!({"text": "forced labour", "limit": 5}),
        ),
        "ask" => (
            "Answers a question in plain words (English or Russian) by reading it as one or \
             more of the other commands; the answer says how it was read. Prefer the specific \
             tools when the question maps onto one.",
            json!({"question": "which articles covered labor trafficking in 2008?"}),
        ),
        // The importer's commands (present once its data and CLI are merged).
        "text" => (
            "Answers: what exactly did the statute say? The official wording (Russian, and \
             Kazakh where present, as in force at the date) of the edition in force at the \
             date, with its source. A ref naming a part or item (`cc1997:96.2.p`) adds \
             `selection` with that part's wording alone.",
            json!({"ref": "cc2014:128", "at": "2020"}),
        ),
        "act" => (
            "Answers: what did one amending act change? Every article and part it touched \
             across the codes, with penalties up or down.",
            json!({"number": "292-VI"}),
        ),
        "amended" => (
            "Answers: which articles changed most often? Articles ranked by how many new \
             editions they had between two years (whole years).",
            json!({"from": 2015, "to": 2024}),
        ),
        _ => return None,
    })
}

/// An example for a command this module does not know yet: its required arguments with
/// plausible values by name (a test calls it, so a poor guess shows up there).
fn fallback_example(spec: &CommandSpec) -> Value {
    let mut m = serde_json::Map::new();
    for a in spec.args.iter().filter(|a| a.required) {
        let v = match (a.name.as_str(), a.kind) {
            (_, ArgKind::Boolean) => json!(true),
            ("from", ArgKind::Integer) => json!(2010),
            ("to", ArgKind::Integer) => json!(2026),
            (_, ArgKind::Integer) => json!(10),
            ("ref" | "target", _) => json!("cc1997:128"),
            ("at" | "from" | "offence", _) => json!("2008"),
            ("to" | "judgment", _) => json!("2016"),
            ("topic", _) => json!("labor-trafficking"),
            ("question", _) => json!("which articles covered labor trafficking in 2008?"),
            _ => json!("trafficking"),
        };
        m.insert(a.name.clone(), v);
    }
    Value::Object(m)
}

/// What one argument means, for an assistant; clap's help when the name is not known here.
fn arg_description(command: &str, arg: &ArgSpec) -> String {
    match (command, arg.name.as_str()) {
        (_, "ref") => format!(
            "Provision reference, e.g. `cc1997:128`, `cc2014:135.2`, or bare `128`. {REF_FORMS}"
        ),
        ("applicable", "offence") => {
            "Date the act was committed, e.g. `2012-05-01` (a year or month means its first day)."
                .to_string()
        }
        ("applicable", "judgment") => {
            "Date of judgment, e.g. `2016-03-01` (default: today).".to_string()
        }
        ("diff", "from") => format!("Earlier date, e.g. `2003` (a year means 1 January). {DATE_FORMS}"),
        ("diff", "to") => format!("Later date, e.g. `2016`. {DATE_FORMS}"),
        (_, "from") => "First year, a whole number, e.g. 2010.".to_string(),
        (_, "to") => "Last year, a whole number, e.g. 2026.".to_string(),
        ("search", "at") => {
            format!("Only editions in force during this date or range, e.g. `2008`. {DATE_FORMS}")
        }
        (_, "at") => format!("Date or range, e.g. `2008` (default: today). {DATE_FORMS}"),
        (_, "topic") => {
            "Topic id or synonym, e.g. `labor-trafficking` or \"forced labour\" (see the `topics` tool)."
                .to_string()
        }
        (_, "target") => {
            "A provision reference (`cc1997:133`) or a topic id (`child-trafficking`).".to_string()
        }
        (_, "text") => {
            "Search query, e.g. \"forced labour\" or `title:trafficking`.".to_string()
        }
        (_, "question") => {
            "The question in plain words, e.g. \"which articles covered labor trafficking in 2008?\""
                .to_string()
        }
        (_, "code") => "Only this code: `cc1997` or `cc2014`.".to_string(),
        (_, "limit") => "Most results to return (default 10).".to_string(),
        _ => arg.help.clone(),
    }
}

fn input_schema(spec: &CommandSpec) -> JsonObject {
    let mut properties = serde_json::Map::new();
    for a in &spec.args {
        let ty = match a.kind {
            ArgKind::String => "string",
            ArgKind::Integer => "integer",
            ArgKind::Boolean => "boolean",
        };
        let mut p = json!({"type": ty, "description": arg_description(&spec.name, a)});
        if let Some(d) = &a.default {
            // Typed as the argument is, so a client's schema check accepts it.
            p["default"] = match a.kind {
                ArgKind::Integer => d.parse::<i64>().map(Value::from).unwrap_or(json!(d)),
                ArgKind::Boolean => json!(d == "true"),
                ArgKind::String => json!(d),
            };
        }
        if !a.choices.is_empty() {
            p["enum"] = json!(a.choices);
        }
        properties.insert(a.name.clone(), p);
    }
    let required: Vec<&str> = spec
        .args
        .iter()
        .filter(|a| a.required)
        .map(|a| a.name.as_str())
        .collect();
    let schema = json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    match schema {
        Value::Object(m) => m,
        _ => JsonObject::new(),
    }
}

/// The shape every answer shares: the CLI's `{"query": .., "results": [..]}`.
fn output_schema(command: &str) -> JsonObject {
    let schema = json!({
        "type": "object",
        "description": format!(
            "Exactly the JSON that `lexchron --format json {command} ...` prints for the same arguments."
        ),
        "properties": {
            "query": {
                "type": "object",
                "description": "The request as understood: the command and its normalised arguments (dates resolved to from/to days).",
                "properties": {"command": {"type": "string", "const": command}},
                "required": ["command"],
            },
            "results": {
                "type": "array",
                "description": "The answer's rows; editions carry valid_from/valid_to dates, sources and confidence grades (A read in the statute, B secondary, C inferred).",
                "items": {"type": "object"},
            },
        },
        "required": ["query", "results"],
    });
    match schema {
        Value::Object(m) => m,
        _ => JsonObject::new(),
    }
}

fn description(spec: &CommandSpec) -> String {
    let mut d = spec.about.clone();
    if !d.ends_with('.') {
        d.push('.');
    }
    let guide = guide(&spec.name);
    if let Some((what, _)) = &guide {
        d = format!("{d} {what}");
    }
    let takes = |n: &str| spec.args.iter().any(|a| a.name == n);
    if takes("ref") {
        d = format!("{d}\n{REF_FORMS}");
    }
    if spec
        .args
        .iter()
        .any(|a| a.kind == ArgKind::String && matches!(a.name.as_str(), "at" | "from" | "to"))
    {
        d = format!("{d}\n{DATE_FORMS}");
    }
    let example = match guide {
        Some((_, e)) => e,
        None => fallback_example(spec),
    };
    d = format!("{d}\nExample arguments: {example}");
    d
}

/// The tool for one command.
pub fn tool(spec: &CommandSpec) -> Tool {
    let title = format!("lexchron {}", spec.name);
    Tool::new(
        spec.name.clone(),
        description(spec),
        Arc::new(input_schema(spec)),
    )
    .with_title(title.clone())
    .with_raw_output_schema(Arc::new(output_schema(&spec.name)))
    .with_annotations(
        ToolAnnotations::with_title(title)
            .read_only(true)
            .destructive(false)
            .idempotent(true)
            .open_world(false),
    )
}
