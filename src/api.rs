//! Provisional named-argument API (the lead's `api` on main replaces this file at merge):
//! one call from a command name and named arguments to the CLI's JSON and table answers.

use crate::cli::{Cli, dispatch, parse_args};
use crate::exec::Engine;
use crate::render::Layout;
use clap::CommandFactory;
use serde_json::{Map, Value, json};
use std::ffi::OsString;

/// A successful answer: the CLI's `--format json` value and its table rendering.
#[derive(Debug, Clone)]
pub struct Reply {
    pub json: Value,
    pub table: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    BadRequest,
    NotFound,
}

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: Status,
    pub message: String,
    pub hint: Option<String>,
    /// The CLI's stderr rendering.
    pub text: String,
}

impl ApiError {
    pub fn to_json(&self) -> Value {
        json!({"error": self.message, "hint": self.hint})
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    Str,
    Int,
    Bool,
}

#[derive(Debug, Clone)]
pub struct ArgSpec {
    pub name: String,
    pub required: bool,
    pub kind: ArgKind,
    pub help: String,
}

#[derive(Debug, Clone)]
pub struct CommandSpec {
    pub name: String,
    pub about: String,
    pub args: Vec<ArgSpec>,
}

const NOT_QUERIES: &[&str] = &["repl", "gen", "check", "mcp", "serve", "help"];
const HIDDEN_ARGS: &[&str] = &["no_cache", "help", "data", "format", "version"];

fn api_name(id: &str) -> String {
    if id == "reference" {
        "ref".into()
    } else {
        id.into()
    }
}

/// Every query command, read from the clap definitions.
pub fn commands() -> Vec<CommandSpec> {
    Cli::command()
        .get_subcommands()
        .filter(|c| !NOT_QUERIES.contains(&c.get_name()))
        .map(|c| CommandSpec {
            name: c.get_name().to_string(),
            about: c.get_about().map(|a| a.to_string()).unwrap_or_default(),
            args: c
                .get_arguments()
                .filter(|a| !HIDDEN_ARGS.contains(&a.get_id().as_str()))
                .map(|a| {
                    let id = a.get_id().as_str();
                    let kind = if !a.get_action().takes_values() {
                        ArgKind::Bool
                    } else if matches!(id, "limit" | "from" | "to") && c.get_name() != "diff" {
                        ArgKind::Int
                    } else {
                        ArgKind::Str
                    };
                    ArgSpec {
                        name: api_name(id),
                        required: a.is_required_set(),
                        kind,
                        help: a.get_help().map(|h| h.to_string()).unwrap_or_default(),
                    }
                })
                .collect(),
        })
        .collect()
}

fn bad(message: String, hint: Option<String>) -> ApiError {
    let mut text = format!("error: {message}\n");
    if let Some(h) = &hint {
        text.push_str(&format!("  = hint: {h}\n"));
    }
    ApiError {
        status: Status::BadRequest,
        message,
        hint,
        text,
    }
}

/// Answers one command with named arguments.
pub fn call(engine: &Engine, command: &str, args: &Map<String, Value>) -> Result<Reply, ApiError> {
    let Some(spec) = commands().into_iter().find(|c| c.name == command) else {
        return Err(bad(format!("unknown command `{command}`"), None));
    };
    for k in args.keys() {
        if !spec.args.iter().any(|a| &a.name == k) {
            return Err(bad(format!("unknown argument `{k}` for `{command}`"), None));
        }
    }
    let clap_cmd = Cli::command();
    let sub = clap_cmd.find_subcommand(command);
    let is_positional = |name: &str| {
        sub.and_then(|c| {
            c.get_arguments()
                .find(|a| api_name(a.get_id().as_str()) == name)
        })
        .is_some_and(|a| a.is_positional())
    };
    let mut positional = Vec::new();
    let mut options: Vec<OsString> = Vec::new();
    for a in &spec.args {
        let Some(v) = args.get(&a.name) else {
            if a.required {
                return Err(bad(format!("missing argument `{}`", a.name), None));
            }
            continue;
        };
        let s = match (a.kind, v) {
            (ArgKind::Str, Value::String(s)) => s.clone(),
            (ArgKind::Int, Value::Number(n)) if n.is_i64() => n.to_string(),
            (ArgKind::Bool, Value::Bool(_)) => String::new(),
            _ => {
                return Err(bad(
                    format!("argument `{}` has the wrong type", a.name),
                    None,
                ));
            }
        };
        if is_positional(&a.name) {
            positional.push(OsString::from(s));
        } else if a.kind == ArgKind::Bool {
            if v == &Value::Bool(true) {
                options.push(format!("--{}", a.name.replace('_', "-")).into());
            }
        } else {
            options.push(format!("--{}", a.name.replace('_', "-")).into());
            options.push(s.into());
        }
    }
    let run = |format: &str| -> Result<String, ApiError> {
        let mut argv: Vec<OsString> = vec!["lexchron".into(), "--format".into(), format.into()];
        argv.push(command.into());
        argv.extend(options.iter().cloned());
        argv.push("--".into());
        argv.extend(positional.iter().cloned());
        let (mut o, mut e) = (Vec::new(), Vec::new());
        let cli: Cli = parse_args(argv, &mut o, &mut e).map_err(|_| {
            let t = String::from_utf8_lossy(&e).to_string();
            bad(
                t.lines()
                    .next()
                    .unwrap_or("")
                    .trim_start_matches("error: ")
                    .to_string(),
                None,
            )
        })?;
        let code = dispatch(engine, &cli, Layout::default(), &mut o, &mut e);
        let err = String::from_utf8_lossy(&e).to_string();
        if code != 0 {
            let message = err
                .lines()
                .find(|l| l.starts_with("error"))
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_string();
            let hint = err
                .lines()
                .find_map(|l| l.trim().strip_prefix("= hint: ").map(str::to_string));
            let status = if message.contains("no provision") || message.contains("unknown") {
                Status::NotFound
            } else {
                Status::BadRequest
            };
            return Err(ApiError {
                status,
                message,
                hint,
                text: err,
            });
        }
        Ok(String::from_utf8_lossy(&o).to_string())
    };
    let json_text = run("json")?;
    let table = run("table")?;
    let json = serde_json::from_str(&json_text).map_err(|e| bad(e.to_string(), None))?;
    Ok(Reply { json, table })
}
