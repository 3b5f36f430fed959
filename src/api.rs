//! Named-argument calls: a command name and a map of arguments in, the CLI's own JSON answer
//! and table out. The web API and the MCP server answer through here, so every surface shares
//! the CLI's parsing, validation and errors.
//!
//! The argument list of each command is read from the clap definitions ([`commands`]), so a
//! new CLI command or flag appears here without a second list to keep in step.

use crate::cli::Cli;
use crate::exec::{Answer, Engine};
use crate::query::{ErrorKind, InputError};
use crate::render::{Format, Layout, render};
use clap::CommandFactory;
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::any::TypeId;
use std::ffi::OsString;

/// Subcommands that are not questions about the law: they write files, serve, or need a
/// terminal, so no remote caller may run them.
const NOT_QUERIES: &[&str] = &[
    "repl", "gen", "check", "import", "export", "serve", "mcp", "help",
];

/// Flags that only tune the local process (caches), never the answer.
const HIDDEN_ARGS: &[&str] = &["no_cache", "data", "format", "help", "version", "lang"];

/// A successful call.
#[derive(Debug, Clone)]
pub struct Reply {
    /// Exactly what `--format json` prints for the same arguments.
    pub json: Value,
    /// The table the CLI prints, unwrapped.
    pub table: String,
    /// One-line notices (a cache was rebuilt ...), for logs.
    pub notices: Vec<String>,
}

/// Whether a failed call was malformed or asked for something that is not in the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    BadRequest,
    NotFound,
}

/// A failed call: the CLI's message and hint, and its full stderr text (caret included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: Status,
    pub message: String,
    pub hint: Option<String>,
    /// What the CLI prints on stderr for the same arguments.
    pub text: String,
}

impl ApiError {
    pub(crate) fn bad(message: impl Into<String>, hint: impl Into<String>) -> ApiError {
        let (message, hint) = (message.into(), hint.into());
        ApiError {
            status: Status::BadRequest,
            text: format!("error: {message}\n  = hint: {hint}\n"),
            message,
            hint: Some(hint),
        }
    }

    /// The body servers send: `{"error": ..., "hint": ...}`.
    pub fn to_json(&self) -> Value {
        json!({"error": self.message, "hint": self.hint})
    }
}

impl From<InputError> for ApiError {
    fn from(e: InputError) -> ApiError {
        ApiError {
            status: match e.kind {
                ErrorKind::Malformed => Status::BadRequest,
                ErrorKind::NotFound => Status::NotFound,
            },
            text: e.to_string(),
            message: e.message,
            hint: e.hint,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for ApiError {}

/// The JSON type a caller should send for an argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArgKind {
    String,
    Integer,
    Boolean,
}

/// One argument of a command, as remote callers name it.
#[derive(Debug, Clone, Serialize)]
pub struct ArgSpec {
    /// The name callers use (`ref` for the CLI's positional reference).
    pub name: String,
    pub required: bool,
    pub kind: ArgKind,
    /// The CLI's help line for it.
    pub help: String,
    /// The default the CLI applies when it is left out, if it has one.
    pub default: Option<String>,
    /// Allowed values, when the CLI restricts them.
    pub choices: Vec<String>,
    #[serde(skip)]
    positional: bool,
    #[serde(skip)]
    long: String,
}

/// A query command and its arguments.
#[derive(Debug, Clone, Serialize)]
pub struct CommandSpec {
    pub name: String,
    /// The CLI's one-line description.
    pub about: String,
    pub args: Vec<ArgSpec>,
}

/// Every query command with its arguments, read from the CLI's definitions.
pub fn commands() -> &'static [CommandSpec] {
    specs()
}

/// The command list, built from clap once per process: servers call into this module for
/// every request, and building the clap tree each time cost more than many answers.
fn specs() -> &'static [CommandSpec] {
    static SPECS: std::sync::OnceLock<Vec<CommandSpec>> = std::sync::OnceLock::new();
    SPECS.get_or_init(build_specs)
}

fn build_specs() -> Vec<CommandSpec> {
    let mut cli = Cli::command();
    cli.build();
    cli.get_subcommands()
        .filter(|c| !NOT_QUERIES.contains(&c.get_name()))
        .map(|c| CommandSpec {
            name: c.get_name().to_string(),
            about: c.get_about().map(|s| s.to_string()).unwrap_or_default(),
            args: c
                .get_arguments()
                .filter(|a| !a.is_global_set() && !HIDDEN_ARGS.contains(&a.get_id().as_str()))
                .map(arg_spec)
                .collect(),
        })
        .collect()
}

fn arg_spec(a: &clap::Arg) -> ArgSpec {
    let id = a.get_id().as_str();
    let takes_value = a.get_num_args().is_none_or(|n| n.takes_values());
    let kind = if !takes_value {
        ArgKind::Boolean
    } else {
        let t = a.get_value_parser().type_id();
        let ints = [
            TypeId::of::<i32>(),
            TypeId::of::<i64>(),
            TypeId::of::<u32>(),
            TypeId::of::<u64>(),
            TypeId::of::<usize>(),
        ];
        if ints.iter().any(|i| t == *i) {
            ArgKind::Integer
        } else {
            ArgKind::String
        }
    };
    ArgSpec {
        name: if id == "reference" { "ref" } else { id }.to_string(),
        required: a.is_required_set(),
        kind,
        help: a.get_help().map(|h| h.to_string()).unwrap_or_default(),
        default: a
            .get_default_values()
            .first()
            .map(|v| v.to_string_lossy().into_owned())
            .filter(|_| takes_value),
        choices: a
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect(),
        positional: a.is_positional(),
        long: a.get_long().unwrap_or(id).to_string(),
    }
}

/// Answers one command with named arguments, exactly as the CLI would answer the same words.
pub fn call(engine: &Engine, command: &str, args: &Map<String, Value>) -> Result<Reply, ApiError> {
    match answer(engine, command, args)? {
        Answered::Ask { json, table, .. } => Ok(Reply {
            json,
            table,
            notices: engine.take_notices(),
        }),
        Answered::One(answer) => {
            // Through the CLI's own text, so numbers read back exactly as the CLI prints them
            // (a search score is an f32; widened straight to a JSON value it would gain digits).
            let json = serde_json::from_str(&render(&answer, Format::Json, Layout::default()))
                .map_err(|e| {
                    ApiError::bad(
                        format!("the answer could not be encoded: {e}"),
                        "report this",
                    )
                })?;
            Ok(Reply {
                json,
                table: render(&answer, Format::Table, Layout::default()),
                notices: engine.take_notices(),
            })
        }
    }
}

/// A call answered but not yet rendered, for renderers that need the typed answer (HTML).
#[derive(Debug, Clone)]
pub enum Answered {
    One(Answer),
    /// `ask`: the CLI's JSON and table, and each reading of the question with its answer.
    Ask {
        json: Value,
        table: String,
        readings: Vec<(String, Option<Answer>)>,
    },
}

/// The same call as [`call`], stopping before rendering.
pub fn answer(
    engine: &Engine,
    command: &str,
    args: &Map<String, Value>,
) -> Result<Answered, ApiError> {
    answer_via(engine, command, args, false)
}

/// [`answer`], parsing with this thread's clap tree or (`fresh`, for the test that compares
/// them) a new one.
fn answer_via(
    engine: &Engine,
    command: &str,
    args: &Map<String, Value>,
    fresh: bool,
) -> Result<Answered, ApiError> {
    let specs = specs();
    let Some(spec) = specs.iter().find(|c| c.name == command) else {
        let names: Vec<&str> = specs.iter().map(|c| c.name.as_str()).collect();
        let hint = match crate::check::suggest(command, names.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? commands: {}", names.join(", ")),
            None => format!("commands: {}", names.join(", ")),
        };
        let mut e = ApiError::bad(format!("unknown command `{}`", clip(command)), hint);
        e.status = Status::NotFound;
        return Err(e);
    };
    let words = words(spec, args)?;
    if command == "ask" {
        let question = words.last().cloned().unwrap_or_default();
        let reply = crate::cli::ask_reply(engine, &question, Layout::default());
        return match reply.errors.into_iter().next() {
            // An interpretation that ran no command at all is the caller's problem to fix.
            Some(e)
                if reply.json["results"]
                    .as_array()
                    .is_none_or(|r| r.is_empty()) =>
            {
                Err(e.into())
            }
            _ => Ok(Answered::Ask {
                json: reply.json,
                table: reply.table,
                readings: reply.readings,
            }),
        };
    }
    let cli = parse_words(command, words, fresh)?;
    let (request, defaulted) = match cli.request_in(engine.today, Some(&engine.law))? {
        Some(r) => r,
        None => {
            return Err(ApiError::bad(
                format!("`{command}` cannot be called here"),
                "use the CLI",
            ));
        }
    };
    Ok(Answered::One(
        engine
            .answer(&request)?
            .with_date_default(defaulted.as_ref()),
    ))
}

/// The CLI words parsed exactly as the command line parses them. Building clap's command
/// tree costs more than parsing two words with it (it was most of a computed `/api/show`),
/// so each thread builds the tree once and reuses it; `fresh` builds a new one, as
/// `Cli::try_parse_from` does, for the test that compares the two.
fn parse_words(command: &str, words: Vec<String>, fresh: bool) -> Result<Cli, ApiError> {
    use clap::{CommandFactory, FromArgMatches, Parser};
    let mut argv: Vec<OsString> = vec!["lexchron".into(), command.into()];
    argv.extend(words.into_iter().map(OsString::from));
    if fresh {
        return Cli::try_parse_from(argv).map_err(clap_error);
    }
    thread_local! {
        static TREE: std::cell::RefCell<clap::Command> = std::cell::RefCell::new(Cli::command());
    }
    TREE.with_borrow_mut(|tree| {
        let mut matches = tree.try_get_matches_from_mut(argv)?;
        Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(tree))
    })
    .map_err(clap_error)
}

/// Commands that are a few lookups and a small answer (well under a millisecond): servers
/// may answer them on their async workers instead of handing them to a blocking thread.
/// Searches, questions, whole-code scans and reads from disk are not on the list.
pub fn is_point_lookup(command: &str) -> bool {
    matches!(
        command,
        "show"
            | "penalty"
            | "history"
            | "lineage"
            | "sources"
            | "gravity"
            | "conciliation"
            | "applicable"
            | "diff"
    )
}

/// The command line that gives the same answer, for people to copy: positionals first, then
/// options, each quoted for a POSIX shell. `None` for an unknown command or argument.
pub fn command_line(command: &str, args: &Map<String, Value>) -> Option<String> {
    let specs = specs();
    let spec = specs.iter().find(|c| c.name == command)?;
    if args.keys().any(|k| !spec.args.iter().any(|a| &a.name == k)) {
        return None;
    }
    let mut words = vec!["lexchron".to_string(), command.to_string()];
    let text = |a: &ArgSpec| match args.get(&a.name)? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        v => Some(v.to_string()),
    };
    words.extend(spec.args.iter().filter(|a| a.positional).filter_map(text));
    for a in spec.args.iter().filter(|a| !a.positional) {
        match (a.kind, text(a)) {
            (ArgKind::Boolean, Some(v)) if v == "true" => words.push(format!("--{}", a.long)),
            (ArgKind::Boolean, _) | (_, None) => {}
            (_, Some(v)) => {
                words.push(format!("--{}", a.long));
                words.push(v);
            }
        }
    }
    Some(shell_words::join(words))
}

/// The CLI words for named arguments: options as `--name=value` (so no value can pass for
/// a flag), then `--` and the positionals in order (so none can either).
fn words(spec: &CommandSpec, args: &Map<String, Value>) -> Result<Vec<String>, ApiError> {
    let accepted = || {
        let names: Vec<&str> = spec.args.iter().map(|a| a.name.as_str()).collect();
        if names.is_empty() {
            format!("`{}` takes no arguments", spec.name)
        } else {
            format!("`{}` takes: {}", spec.name, names.join(", "))
        }
    };
    for name in args.keys() {
        if !spec.args.iter().any(|a| &a.name == name) {
            return Err(ApiError::bad(
                format!("unknown argument `{}` for `{}`", clip(name), spec.name),
                accepted(),
            ));
        }
    }
    let mut options = Vec::new();
    let mut positionals = Vec::new();
    for a in &spec.args {
        let value = match args.get(&a.name) {
            None | Some(Value::Null) if a.required => {
                return Err(ApiError::bad(
                    format!("`{}` needs the argument `{}`", spec.name, a.name),
                    format!("{}; {}", a.help, accepted()),
                ));
            }
            None | Some(Value::Null) => continue,
            Some(v) => v,
        };
        let text = scalar(a, value)?;
        match (a.kind, a.positional) {
            (ArgKind::Boolean, _) => {
                if text == "true" {
                    options.push(format!("--{}", a.long));
                }
            }
            (_, true) => positionals.push(text),
            (_, false) => options.push(format!("--{}={text}", a.long)),
        }
    }
    options.push("--".into());
    options.extend(positionals);
    Ok(options)
}

fn scalar(a: &ArgSpec, v: &Value) -> Result<String, ApiError> {
    let wrong = |want: &str| {
        ApiError::bad(
            format!("argument `{}` must be {want}", a.name),
            a.help.clone(),
        )
    };
    match (a.kind, v) {
        (ArgKind::Boolean, Value::Bool(b)) => Ok(b.to_string()),
        (ArgKind::Boolean, Value::String(s)) if s == "true" || s == "false" => Ok(s.clone()),
        (ArgKind::Boolean, _) => Err(wrong("true or false")),
        (ArgKind::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(n.to_string()),
        (ArgKind::Integer, Value::String(s)) => Ok(s.clone()),
        (ArgKind::Integer, _) => Err(wrong("a whole number")),
        (ArgKind::String, Value::String(s)) => Ok(s.clone()),
        (ArgKind::String, Value::Number(n)) => Ok(n.to_string()),
        (ArgKind::String, _) => Err(wrong("a string")),
    }
}

/// A clap error as an API error: its first line, and the usage line as the hint.
fn clap_error(e: clap::Error) -> ApiError {
    let text = e.render().to_string();
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let message = lines
        .next()
        .unwrap_or("malformed arguments")
        .trim_start_matches("error: ")
        .to_string();
    let hint = lines
        .find(|l| l.starts_with("Usage:"))
        .map(|u| u.trim_start_matches("Usage: ").to_string())
        .unwrap_or_else(|| "see `lexchron help`".into());
    ApiError::bad(message, hint)
}

/// Echoed names are cut short, so a huge hostile argument name does not fill an error.
pub(crate) fn clip(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn engine() -> &'static Engine {
        static ENGINE: OnceLock<Engine> = OnceLock::new();
        ENGINE.get_or_init(|| {
            let today = crate::model::Date::from_ymd_opt(2026, 11, 24).expect("date");
            let env = crate::cli::Env::bundled(today);
            let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
            crate::cli::open_engine(&dir, &env, true, &mut Vec::new()).expect("bundled data")
        })
    }

    /// What a caller sees of a call: the JSON text, or the error with its status and text.
    fn outcome(command: &str, args: &Map<String, Value>, fresh: bool) -> Result<String, ApiError> {
        answer_via(engine(), command, args, fresh).map(|a| match a {
            Answered::One(a) => crate::render::json::render(&a),
            Answered::Ask { json, .. } => json.to_string(),
        })
    }

    /// Commands with plain strings, numbers, flags and choices.
    const COMMANDS: &[&str] = &[
        "show",
        "penalty",
        "history",
        "lineage",
        "covers",
        "diff",
        "sources",
        "gravity",
        "conciliation",
        "applicable",
        "text",
        "act",
        "acts",
        "topics",
        "timeline",
    ];

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            4 => prop::sample::select(vec![
                "cc1997:128", "cc2014:128", "cc1997:125.3.b", "128", "cc2014:128 2018",
                "cc1997:9999", "cc3000:1", "2005-06-01", "2005", "2003..2016", "..2006",
                "today", "2016-02-30", "1990", "labor-trafficking", "forced labour",
                "child-trafficking", "292-VI", " ", "", "-", "--", "-x", "--data=/",
                "--at=2005", "true", "false", "12",
            ]).prop_map(|s| Value::String(s.to_string())),
            2 => "\\PC{0,16}".prop_map(Value::String),
            1 => any::<i32>().prop_map(|n| json!(n)),
            1 => any::<bool>().prop_map(Value::Bool),
            1 => Just(Value::Null),
            1 => Just(json!(1.5)),
            1 => Just(json!(["cc1997:128"])),
        ]
    }

    /// A command, each of its own arguments present most of the time, now and then a name
    /// it does not take.
    fn call_args() -> impl Strategy<Value = (&'static str, Map<String, Value>)> {
        prop::sample::select(COMMANDS).prop_flat_map(|c| {
            let spec = specs().iter().find(|s| s.name == c).expect("a command");
            let own: Vec<_> = spec
                .args
                .iter()
                .map(|a| (Just(a.name.clone()), prop::option::weighted(0.8, value())))
                .collect();
            let stray = prop::option::weighted(
                0.1,
                (
                    prop::sample::select(vec!["reference", "x", "limit", "at"]),
                    value(),
                ),
            );
            (Just(c), own, stray).prop_map(|(c, own, stray)| {
                let mut m: Map<String, Value> =
                    own.into_iter().filter_map(|(k, v)| Some((k, v?))).collect();
                if let Some((k, v)) = stray {
                    m.insert(k.to_string(), v);
                }
                (c, m)
            })
        })
    }

    #[test]
    fn reused_and_fresh_trees_agree_on_examples() {
        let good = args_of(json!({"ref": "cc1997:128", "at": "2005-06-01"}));
        let bad = args_of(json!({"ref": "cc1997:128", "at": "2016-02-30"}));
        let flag = args_of(json!({"ref": "--at=2005"}));
        // An error in between must leave the reused tree as it was.
        for _ in 0..2 {
            let reused = outcome("show", &good, false).expect("answers");
            assert_eq!(Ok(reused.clone()), outcome("show", &good, true));
            assert!(reused.contains("\"command\": \"show\""), "{reused}");
            let e = outcome("show", &bad, false).expect_err("a bad date");
            assert_eq!(Err(e), outcome("show", &bad, true));
            assert_eq!(outcome("show", &flag, false), outcome("show", &flag, true));
        }
    }

    fn args_of(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Byte for byte the same answer, or the same error (status, message, hint, text),
        /// from the reused tree as from a new one, whatever calls came before on the thread.
        #[test]
        fn a_reused_tree_answers_as_a_new_one((command, args) in call_args()) {
            prop_assert_eq!(outcome(command, &args, false), outcome(command, &args, true));
        }
    }
}
