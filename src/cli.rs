//! The command line: clap definitions, the typed request built from them, and [`run`], the
//! single entry point the binary (and later the REPL and tests) call with a line of words.
//!
//! Parsing happens in two stages, as in ripgrep: clap collects raw strings, then
//! [`Cli::request`] turns them into a validated [`Request`]; nothing downstream sees a string
//! that could still be invalid.

use crate::check::check;
use crate::diag::Diagnostic;
use crate::exec::{Request, execute};
use crate::graph::Law;
use crate::load::load;
use crate::model::Date;
use crate::query::{InputError, Ref, When};
use crate::render::{Format, Layout, render};
use clap::{Parser, Subcommand};
use serde_json::json;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

/// Exit codes: 0 answered, 1 the data is invalid or unreadable, 2 the request is malformed.
pub const EXIT_DATA: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "lexchron",
    version,
    about = "What law applied when: Kazakhstan's criminal-code provisions, edition by edition",
    after_help = "References: cc1997:128, cc2014:135.2, cc1997:125.3.b, 132-1 (bare = code in force then)\n\
                  Dates: 2008, 2008-06, 2008-06-01, 2003..2016, ..2006, today"
)]
pub struct Cli {
    /// Data directory holding graph/ and corpus/ (default: $LEXCHRON_DATA, else the bundled data)
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The edition(s) of a provision in force at a date, with parts, penalties and sources
    Show {
        /// Provision reference, e.g. cc1997:128 or cc1997:125.3.b
        reference: String,
        /// Date or range (default: today)
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
    },
    /// Every edition of a provision: dates, amending act, what changed
    History { reference: String },
    /// Provisions in force at a date whose topics (or synonyms) match
    Covers {
        /// Topic id or synonym, e.g. labor-trafficking, "forced labour"
        topic: String,
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
    },
    /// The penalties of a provision's parts at a date
    Penalty {
        reference: String,
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
    },
    /// Renumbering chain through a provision, both ways (1997 code <-> 2014 code)
    Lineage { reference: String },
    /// Part-by-part changes between the editions in force at two dates (follows renumbering)
    Diff {
        reference: String,
        /// Earlier date (a year means 1 January)
        from: String,
        /// Later date
        to: String,
    },
    /// Every act that enacted or amended a provision, by entry-into-force date
    Acts,
    /// The topic vocabulary with synonyms and the provisions tagged with each
    Topics,
    /// The sources cited for a provision, with locators per edition
    Sources {
        reference: String,
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
    },
    /// Validate the data: intervals, references, sources, texts, penalties
    Check,
}

/// What the caller knows about its surroundings; the binary fills it from the environment.
#[derive(Debug, Clone)]
pub struct Env {
    /// The date `today` means.
    pub today: Date,
    /// Data dir when `--data` is not given.
    pub default_data: PathBuf,
    pub layout: Layout,
}

impl Env {
    /// The bundled data and the system date.
    pub fn bundled(today: Date) -> Env {
        Env {
            today,
            default_data: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            layout: Layout::default(),
        }
    }
}

impl Cli {
    /// Second stage: raw strings to a typed request.
    pub fn request(&self, today: Date) -> Result<Option<Request>, InputError> {
        let at = |w: &Option<String>| -> Result<When, InputError> {
            match w {
                Some(s) => When::parse(s, today),
                None => Ok(When::day(today)),
            }
        };
        let rf = |s: &String| Ref::parse(s);
        Ok(Some(match &self.command {
            Command::Show { reference, at: w } => Request::Show {
                r: rf(reference)?,
                input: reference.clone(),
                at: at(w)?,
            },
            Command::Penalty { reference, at: w } => Request::Penalty {
                r: rf(reference)?,
                input: reference.clone(),
                at: at(w)?,
            },
            Command::History { reference } => Request::History {
                r: rf(reference)?,
                input: reference.clone(),
            },
            Command::Covers { topic, at: w } => Request::Covers {
                topic: topic.clone(),
                at: at(w)?,
            },
            Command::Lineage { reference } => Request::Lineage {
                r: rf(reference)?,
                input: reference.clone(),
            },
            Command::Diff {
                reference,
                from,
                to,
            } => {
                let (a, b) = (When::parse(from, today)?, When::parse(to, today)?);
                Request::Diff {
                    r: rf(reference)?,
                    input: reference.clone(),
                    a,
                    b,
                }
            }
            Command::Acts => Request::Acts,
            Command::Topics => Request::Topics,
            Command::Sources { reference, at: w } => Request::Sources {
                r: rf(reference)?,
                input: reference.clone(),
                at: w.as_ref().map(|s| When::parse(s, today)).transpose()?,
            },
            Command::Check => return Ok(None),
        }))
    }
}

/// Loads and checks a data dir; the law, or every problem found.
pub fn open(dir: &std::path::Path) -> Result<Law, Vec<Diagnostic>> {
    let (data, mut diags) = load(dir);
    if diags.is_empty() {
        diags = check(&data);
    }
    if diags.is_empty() {
        Ok(Law::build(data))
    } else {
        Err(diags)
    }
}

/// Runs one command line (`args[0]` is the program name). Returns the exit code.
pub fn run(args: Vec<OsString>, env: &Env, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = e.exit_code();
            let text = e.render().to_string();
            let sink: &mut dyn Write = if code == 0 { out } else { err };
            let _ = write!(sink, "{text}");
            return if code == 0 { 0 } else { EXIT_USAGE };
        }
    };
    let dir = cli.data.clone().unwrap_or_else(|| env.default_data.clone());
    if matches!(cli.command, Command::Check) {
        return run_check(&dir, cli.format, out);
    }
    let request = match cli.request(env.today) {
        Ok(Some(r)) => r,
        Ok(None) => unreachable!("check handled above"),
        Err(e) => {
            let _ = write!(err, "{e}");
            return EXIT_USAGE;
        }
    };
    let law = match open(&dir) {
        Ok(l) => l,
        Err(diags) => {
            let _ = writeln!(
                err,
                "error: the data in {} has {} problem(s); nothing was answered",
                dir.display(),
                diags.len()
            );
            for d in diags.iter().take(5) {
                let _ = write!(err, "{d}");
            }
            let _ = writeln!(
                err,
                "run `lexchron check --data {}` for the full list",
                dir.display()
            );
            return EXIT_DATA;
        }
    };
    match execute(&law, &request, env.today) {
        Ok(answer) => {
            let _ = write!(out, "{}", render(&answer, cli.format, env.layout));
            0
        }
        Err(e) => {
            let _ = write!(err, "{e}");
            EXIT_USAGE
        }
    }
}

fn run_check(dir: &std::path::Path, format: Format, out: &mut dyn Write) -> i32 {
    let (data, mut diags) = load(dir);
    diags.extend(check(&data));
    let versions: usize = data.provisions.iter().map(|(p, _)| p.versions.len()).sum();
    match format {
        Format::Json => {
            let problems: Vec<_> = diags
                .iter()
                .map(|d| {
                    let loc = d.location.as_ref();
                    json!({
                        "message": d.message,
                        "file": loc.map(|l| l.file.display().to_string()),
                        "line": loc.map(|l| l.line),
                        "col": loc.map(|l| l.col),
                        "hint": d.hint,
                    })
                })
                .collect();
            let answer = json!({
                "query": {"command": "check", "data": dir.display().to_string()},
                "valid": diags.is_empty(),
                "counts": {"provisions": data.provisions.len(), "versions": versions, "acts": data.acts.len(), "sources": data.sources.len(), "topics": data.topics.len()},
                "results": problems,
            });
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&answer).unwrap_or_default()
            );
        }
        Format::Table => {
            for d in &diags {
                let _ = writeln!(out, "{d}");
            }
            if diags.is_empty() {
                let _ = writeln!(
                    out,
                    "ok: {} provisions, {versions} versions, {} acts, {} sources, {} topics; every check passed",
                    data.provisions.len(),
                    data.acts.len(),
                    data.sources.len(),
                    data.topics.len()
                );
            } else {
                let _ = writeln!(out, "{} problem(s) found", diags.len());
            }
        }
    }
    if diags.is_empty() { 0 } else { EXIT_DATA }
}
