//! The command line: clap definitions, the typed request built from them, and [`run`], the
//! single entry point the binary (and later the REPL and tests) call with a line of words.
//!
//! Parsing happens in two stages, as in ripgrep: clap collects raw strings, then
//! [`Cli::request`] turns them into a validated [`Request`]; nothing downstream sees a string
//! that could still be invalid.

use crate::check::check;
use crate::diag::Diagnostic;
use crate::exec::{Engine, Request};
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
    /// Output format: table or json for answers; turtle, jsonld or csv for `export` [default: table; turtle for export]
    #[arg(long, global = true, value_name = "FORMAT")]
    pub format: Option<FormatArg>,
    /// Language of tables (en, ru, kk; Kazakh falls back to Russian per phrase); JSON is the same in all
    #[arg(long, global = true, value_name = "LANG", default_value = "en", value_parser = ["en", "ru", "kk"])]
    pub lang: String,
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
    /// The gravity category of each part at a date, with the arithmetic and the rule used
    Gravity {
        reference: String,
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
    },
    /// Whether each part can be closed by reconciliation at a date, and why
    Conciliation {
        reference: String,
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
    },
    /// Trafficking-related parts still open to reconciliation at a date, or year by year
    Loopholes {
        /// A topic instead of the code's own trafficking-related list
        #[arg(long)]
        topic: Option<String>,
        /// The date (default: today); a range means its first day
        #[arg(long, value_name = "WHEN", conflicts_with_all = ["from", "to"])]
        at: Option<String>,
        /// First year of a year-by-year view
        #[arg(long, value_name = "YEAR", requires = "to")]
        from: Option<i32>,
        /// Last year of a year-by-year view
        #[arg(long, value_name = "YEAR", requires = "from")]
        to: Option<i32>,
    },
    /// Which edition governs an act: the law at the offence, or a milder one before judgment
    Applicable {
        reference: String,
        /// Date of the act (a year or month means its first day)
        #[arg(long, value_name = "DATE")]
        offence: String,
        /// Date of judgment (default: today)
        #[arg(long, value_name = "DATE")]
        judgment: Option<String>,
    },
    /// Editions on one time axis: a provision's whole lineage, or every provision on a topic
    Timeline {
        /// A reference (cc1997:133) or a topic (child-trafficking)
        target: String,
        #[arg(long, value_name = "YEAR")]
        from: Option<i32>,
        #[arg(long, value_name = "YEAR")]
        to: Option<i32>,
    },
    /// Full-text search over every edition (phrases, AND/OR/NOT, field:term)
    Search {
        /// Query text, e.g. "forced labour" or title:trafficking
        text: String,
        /// Only editions in force during this date or range
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
        /// Only this code (cc1997, cc2014)
        #[arg(long, value_name = "CODE")]
        code: Option<String>,
        /// Most results to show
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Build the index in memory instead of using the cache
        #[arg(long)]
        no_cache: bool,
    },
    /// Answer a question in plain words, showing the command it was read as
    Ask {
        /// e.g. "which articles covered labor trafficking in 2008?"
        question: String,
    },
    /// Interactive session (also the default with no arguments on a terminal)
    Repl,
    /// Serve every query command as a tool to AI assistants (Model Context Protocol, stdio)
    Mcp,
    /// Write a synthetic data set for scale tests (same format; deterministic from the seed)
    Gen {
        /// Number of editions to write
        #[arg(long, default_value_t = 10_000)]
        versions: usize,
        /// Number of codes (jurisdictions)
        #[arg(long, default_value_t = 10)]
        codes: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// A new or empty directory to write into
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Write the law as ELI linked data (--format turtle|jsonld) or CSV (--format csv)
    Export {
        /// Only the editions in force on this day (a year or month means its first day)
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
        /// File to write (default: standard output); written whole or not at all
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Namespace of the exported IRIs
        #[arg(long, value_name = "IRI", default_value = crate::export::DEFAULT_BASE)]
        base: String,
    },
    /// Serve the web app and JSON API (loopback only unless --bind says otherwise)
    Serve {
        /// Address to listen on; anything but loopback is reachable from other machines
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        bind: std::net::IpAddr,
        /// Port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// Import the official texts from a clone of kazakhstan-law/codes into a data directory
    Import {
        /// A local clone: git clone https://github.com/kazakhstan-law/codes
        clone: PathBuf,
        /// The data directory to write (new, empty, or written by an earlier import)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Only this code (default: both)
        #[arg(long, value_name = "CODE", value_parser = ["cc1997", "cc2014"])]
        code: Option<String>,
    },
    /// The official wording (Russian, and Kazakh where present) of the edition in force
    Text {
        reference: String,
        #[arg(long, value_name = "WHEN")]
        at: Option<String>,
    },
    /// What one amending act changed across the codes: articles, parts, penalty up or down
    Act {
        /// The act's number, e.g. 292-VI (or its id, kz-law-2019-292-VI)
        number: String,
    },
    /// Articles ranked by how many new editions they had in a span of years
    Amended {
        #[arg(long, value_name = "YEAR")]
        from: i32,
        #[arg(long, value_name = "YEAR")]
        to: i32,
        /// Most rows to show
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Validate the data: intervals, references, sources, texts, penalties
    Check {
        /// Also list every recorded disagreement between sources, and which claim the data follows
        #[arg(long)]
        conflicts: bool,
    },
}

/// A value of `--format`: a format for answers, or one that only `export` writes. Its
/// values are those of the two enums, so a format added to either is accepted here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatArg {
    Answer(Format),
    Export(crate::export::Format),
}

impl clap::ValueEnum for FormatArg {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: std::sync::OnceLock<Vec<FormatArg>> = std::sync::OnceLock::new();
        ALL.get_or_init(|| {
            let answers = Format::value_variants()
                .iter()
                .map(|f| FormatArg::Answer(*f));
            let exports = crate::export::Format::value_variants()
                .iter()
                .map(|f| FormatArg::Export(*f));
            answers.chain(exports).collect()
        })
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        match self {
            FormatArg::Answer(f) => f.to_possible_value(),
            FormatArg::Export(f) => f.to_possible_value(),
        }
    }
}

fn format_name(f: FormatArg) -> String {
    use clap::ValueEnum;
    f.to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

/// What the caller knows about its surroundings; the binary fills it from the environment.
#[derive(Clone)]
pub struct Env {
    /// The date `today` means.
    pub today: Date,
    /// Data dir when `--data` is not given.
    pub default_data: PathBuf,
    /// Per-user cache dir for the search index; `None` keeps it in memory.
    pub cache_dir: Option<PathBuf>,
    pub layout: Layout,
    /// Where to report slow index builds (the binary prints to stderr).
    pub progress: Option<crate::exec::Progress>,
    /// Where to report import progress (`code`, versions done, total); the binary draws a
    /// bar on a terminal and leaves this `None` when stderr is piped.
    pub import_progress: Option<ImportProgress>,
}

/// An import progress callback.
pub type ImportProgress = std::sync::Arc<dyn Fn(&str, usize, usize) + Send + Sync>;

impl Env {
    /// The bundled data and the system date.
    pub fn bundled(today: Date) -> Env {
        Env {
            today,
            default_data: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            cache_dir: None,
            progress: None,
            import_progress: None,
            layout: Layout::default(),
        }
    }
}

impl Cli {
    /// The format answers are rendered in; an export-only format is refused outside
    /// `export`.
    pub fn answer_format(&self) -> Result<Format, InputError> {
        match self.format {
            None => Ok(Format::Table),
            Some(FormatArg::Answer(f)) => Ok(f),
            Some(f @ FormatArg::Export(_)) => {
                let shown = format!("--format {}", format_name(f));
                Err(InputError::new(
                    &shown,
                    9,
                    shown.chars().count() - 9,
                    "this format is for `lexchron export`",
                )
                .hint("answers come as --format table or --format json"))
            }
        }
    }

    /// The typed export request, when the command is `export`.
    pub fn export_spec(&self, today: Date) -> Result<Option<crate::export::Spec>, InputError> {
        let Command::Export { at, base, .. } = &self.command else {
            return Ok(None);
        };
        let format = match self.format {
            None => crate::export::Format::Turtle,
            Some(FormatArg::Export(f)) => f,
            Some(f @ FormatArg::Answer(_)) => {
                let shown = format!("--format {}", format_name(f));
                return Err(InputError::new(
                    &shown,
                    9,
                    shown.chars().count() - 9,
                    "`export` writes turtle, jsonld or csv",
                )
                .hint("e.g. lexchron export --format turtle --out law.ttl"));
            }
        };
        let at = at
            .as_ref()
            .map(|s| When::parse(s, today).map(|w| w.from))
            .transpose()?;
        let base = crate::export::Base::parse(base).map_err(|why| {
            let shown = format!("--base {base}");
            InputError::new(
                &shown,
                7,
                shown.chars().count() - 7,
                format!("--base is {why}"),
            )
            .hint(format!("e.g. --base {}", crate::export::DEFAULT_BASE))
        })?;
        Ok(Some(crate::export::Spec { format, at, base }))
    }

    /// Checks the request's format (and the export's options) before anything is loaded.
    fn validate(&self, today: Date) -> Result<(), InputError> {
        match self.command {
            Command::Export { .. } => self.export_spec(today).map(|_| ()),
            _ => self.answer_format().map(|_| ()),
        }
    }

    /// Second stage: raw strings to a typed request, without the codes' periods (a named
    /// code with no date means today, even after the code ended).
    pub fn request(&self, today: Date) -> Result<Option<Request>, InputError> {
        Ok(self.request_in(today, None)?.map(|(r, _)| r))
    }

    /// Second stage: raw strings to a typed request. When a reference names a code, no date
    /// is given and today is outside the code's period, the date is the code's last (or
    /// first) day instead, and the second value says so for the answer.
    pub fn request_in(
        &self,
        today: Date,
        law: Option<&crate::graph::Law>,
    ) -> Result<Option<(Request, Option<crate::exec::DateDefault>)>, InputError> {
        let defaulted = std::cell::Cell::new(None);
        let request = self.request_with(today, &|r: &Ref| {
            let code = law?.codes().find(|c| Some(&c.id) == r.code.as_ref())?;
            let day = match code.in_force_until {
                Some(last) if today > last => last,
                _ if today < code.in_force => code.in_force,
                _ => return None,
            };
            defaulted.set(Some(crate::exec::DateDefault {
                code: code.id.clone(),
                day,
                ended: day < today,
            }));
            Some(day)
        })?;
        Ok(request.map(|r| (r, defaulted.take())))
    }

    fn request_with(
        &self,
        today: Date,
        code_day: &dyn Fn(&Ref) -> Option<Date>,
    ) -> Result<Option<Request>, InputError> {
        let at = |w: &Option<String>| -> Result<When, InputError> {
            match w {
                Some(s) => When::parse(s, today),
                None => Ok(When::day(today)),
            }
        };
        let rf = |s: &String| Ref::parse(s);
        // A year written in the citation ("ст. 135 УК РК 2018") is the date when --at is absent.
        let rw = |s: &String, w: &Option<String>| -> Result<(Ref, When), InputError> {
            let r = Ref::parse(s)?;
            let when = match (w, r.year) {
                (None, Some(y)) => When::parse(&y.to_string(), today)?,
                (None, None) => code_day(&r).map_or_else(|| at(w), |d| Ok(When::day(d)))?,
                _ => at(w)?,
            };
            Ok((r, when))
        };
        Ok(Some(match &self.command {
            Command::Show { reference, at: w } => {
                let (r, at) = rw(reference, w)?;
                Request::Show {
                    r,
                    input: reference.clone(),
                    at,
                }
            }
            Command::Penalty { reference, at: w } => {
                let (r, at) = rw(reference, w)?;
                Request::Penalty {
                    r,
                    input: reference.clone(),
                    at,
                }
            }
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
            Command::Gravity { reference, at: w } => {
                let (r, at) = rw(reference, w)?;
                Request::Gravity {
                    r,
                    input: reference.clone(),
                    at,
                }
            }
            Command::Conciliation { reference, at: w } => {
                let (r, at) = rw(reference, w)?;
                Request::Conciliation {
                    r,
                    input: reference.clone(),
                    at,
                }
            }
            Command::Loopholes {
                topic,
                at: w,
                from,
                to,
            } => {
                let years = match (from, to) {
                    (Some(a), Some(b)) if a > b || *a < 1990 || *b > 2100 => {
                        let shown = format!("--from {a} --to {b}");
                        return Err(InputError::new(
                            &shown,
                            0,
                            shown.chars().count(),
                            "years must run forward, between 1990 and 2100",
                        )
                        .hint("e.g. --from 2010 --to 2026"));
                    }
                    (Some(a), Some(b)) => Some((*a, *b)),
                    _ => None,
                };
                Request::Loopholes {
                    topic: topic.clone(),
                    at: at(w)?,
                    years,
                }
            }
            Command::Applicable {
                reference,
                offence,
                judgment,
            } => Request::Applicable {
                r: rf(reference)?,
                input: reference.clone(),
                offence: When::parse(offence, today)?.from,
                judgment: match judgment {
                    Some(j) => When::parse(j, today)?.from,
                    None => today,
                },
            },
            Command::Timeline { target, from, to } => {
                let first = from.unwrap_or(1998);
                let last = to.unwrap_or(chrono::Datelike::year(&today));
                let window = match (
                    crate::model::Date::from_ymd_opt(first, 1, 1),
                    crate::model::Date::from_ymd_opt(last, 12, 31),
                ) {
                    (Some(a), Some(b))
                        if a <= b
                            && (1990..=2100).contains(&first)
                            && (1990..=2100).contains(&last) =>
                    {
                        When {
                            from: a,
                            to: b.min(today.max(a)),
                        }
                    }
                    _ => {
                        let shown = format!("--from {first} --to {last}");
                        return Err(InputError::new(
                            &shown,
                            0,
                            shown.chars().count(),
                            "years must run forward, between 1990 and 2100",
                        )
                        .hint("e.g. --from 2003 --to 2016"));
                    }
                };
                Request::Timeline {
                    target: target.clone(),
                    window,
                }
            }
            Command::Acts => Request::Acts,
            Command::Topics => Request::Topics,
            Command::Sources { reference, at: w } => Request::Sources {
                r: rf(reference)?,
                input: reference.clone(),
                at: w.as_ref().map(|s| When::parse(s, today)).transpose()?,
            },
            Command::Search {
                text,
                at: w,
                code,
                limit,
                ..
            } => {
                if *limit > crate::index::MAX_LIMIT {
                    let shown = limit.to_string();
                    return Err(InputError::new(
                        &shown,
                        0,
                        shown.len(),
                        format!("--limit is at most {}", crate::index::MAX_LIMIT),
                    ));
                }
                Request::Search {
                    text: text.clone(),
                    filter: crate::index::Filter {
                        at: w.as_ref().map(|s| When::parse(s, today)).transpose()?,
                        code: code.as_ref().map(|c| c.to_lowercase()),
                        limit: *limit,
                    },
                }
            }
            Command::Text { reference, at: w } => {
                let (r, at) = rw(reference, w)?;
                Request::Text {
                    r,
                    input: reference.clone(),
                    at,
                }
            }
            Command::Act { number } => {
                if number.trim().is_empty() {
                    return Err(InputError::new(number, 0, 1, "give an act number")
                        .hint("e.g. lexchron act 292-VI"));
                }
                Request::Act {
                    number: number.trim().to_string(),
                }
            }
            Command::Amended { from, to, limit } => {
                let window = match (
                    crate::model::Date::from_ymd_opt(*from, 1, 1),
                    crate::model::Date::from_ymd_opt(*to, 12, 31),
                ) {
                    (Some(a), Some(b)) if a <= b && *from >= 1990 && *to <= 2100 => {
                        When { from: a, to: b }
                    }
                    _ => {
                        let shown = format!("--from {from} --to {to}");
                        return Err(InputError::new(
                            &shown,
                            0,
                            shown.chars().count(),
                            "years must run forward, between 1990 and 2100",
                        )
                        .hint("e.g. --from 2020 --to 2025"));
                    }
                };
                Request::Amended {
                    window,
                    limit: *limit,
                }
            }
            Command::Check { .. }
            | Command::Gen { .. }
            | Command::Import { .. }
            | Command::Repl
            | Command::Ask { .. }
            | Command::Export { .. }
            | Command::Serve { .. }
            | Command::Mcp => {
                return Ok(None);
            }
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
    let cli = match parse_args(args, out, err) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let dir = cli.data.clone().unwrap_or_else(|| env.default_data.clone());
    if let Err(e) = cli.validate(env.today) {
        let _ = write!(err, "{e}");
        return EXIT_USAGE;
    }
    let format = cli.answer_format().unwrap_or_default();
    match cli.command {
        Command::Check { conflicts } => return run_check(&dir, format, conflicts, out),
        Command::Gen {
            versions,
            codes,
            seed,
            out: ref target,
        } => {
            let (data, _) = load(&dir);
            let words = crate::scale::vocabulary(data.texts.values().map(|(t, _)| t.clone()));
            let spec = crate::scale::Spec {
                versions,
                codes,
                seed,
            };
            return match crate::scale::generate(&spec, &words, target) {
                Ok(w) => {
                    let _ = writeln!(
                        out,
                        "wrote {} codes, {} acts, {} provisions, {} versions to {}",
                        w.codes,
                        w.acts,
                        w.provisions,
                        w.versions,
                        target.display()
                    );
                    0
                }
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    EXIT_USAGE
                }
            };
        }
        Command::Import {
            ref clone,
            out: ref target,
            ref code,
        } => return run_import(clone, target, code.as_deref(), env, format, out, err),
        Command::Repl => {
            let _ = writeln!(
                err,
                "error: the REPL needs a terminal\n  = hint: run `lexchron` or `lexchron repl` in a terminal"
            );
            return EXIT_USAGE;
        }
        Command::Mcp => {
            let _ = writeln!(
                err,
                "error: the MCP server needs the process's stdin and stdout\n  = hint: run `lexchron mcp` from an MCP client"
            );
            return EXIT_USAGE;
        }
        _ => {}
    }
    if let Command::Serve { bind, port } = cli.command {
        let engine = match open_engine(&dir, env, false, err) {
            Ok(e) => e,
            Err(code) => return code,
        };
        return crate::serve::run(engine, crate::serve::Options { bind, port }, out, err);
    }
    // Validate the request before loading anything, so typos answer fast.
    if let Err(e) = cli.request(env.today) {
        let _ = write!(err, "{e}");
        return EXIT_USAGE;
    }
    let engine = match open_engine(&dir, env, no_cache(&cli), err) {
        Ok(e) => e,
        Err(code) => return code,
    };
    dispatch(&engine, &cli, env.layout, out, err)
}

/// Clap parsing with our exit codes; help and version print to `out` and exit 0.
pub fn parse_args(
    args: Vec<OsString>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Cli, i32> {
    Cli::try_parse_from(args).map_err(|e| {
        let code = e.exit_code();
        let text = e.render().to_string();
        let sink: &mut dyn Write = if code == 0 { out } else { err };
        let _ = write!(sink, "{text}");
        if code == 0 { 0 } else { EXIT_USAGE }
    })
}

fn no_cache(cli: &Cli) -> bool {
    matches!(cli.command, Command::Search { no_cache: true, .. })
}

/// Loads the law for an engine, reporting invalid data on `err`. With a cache dir, a valid
/// snapshot of the same data skips parsing and checking; otherwise the data is loaded,
/// checked, and a snapshot written for next time.
pub fn open_engine(
    dir: &std::path::Path,
    env: &Env,
    no_cache: bool,
    err: &mut dyn Write,
) -> Result<Engine, i32> {
    let cache = if no_cache {
        None
    } else {
        env.cache_dir.clone()
    };
    let mut snapshot_note = None;
    let mut known_key = None;
    if let Some(c) = &cache {
        let key = crate::load::data_key(dir);
        match crate::snapshot::read(c, dir, &key) {
            Ok(Some(law)) => return Ok(engine_for(law, env, cache, dir)),
            Ok(None) => {}
            Err(why) => snapshot_note = Some(format!("note: data snapshot was {why}; rebuilt it")),
        }
        known_key = Some(key);
    }
    let (data, mut diags) = match known_key {
        Some(key) => crate::load::load_keyed(dir, key),
        None => load(dir),
    };
    if diags.is_empty() {
        diags = check(&data);
    }
    if !diags.is_empty() {
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
        return Err(EXIT_DATA);
    }
    let law = Law::build(data);
    if let Some(c) = &cache {
        // A cache that cannot be written only costs the next start its speed.
        if crate::snapshot::write(c, &law).is_ok() {
            if let Some(n) = snapshot_note {
                let _ = writeln!(err, "{n}");
            }
        }
    }
    Ok(engine_for(law, env, cache, dir))
}

fn engine_for(law: Law, env: &Env, cache: Option<PathBuf>, dir: &std::path::Path) -> Engine {
    let mut engine = Engine::new(law, env.today, cache);
    engine.progress = env.progress.clone();
    engine.data_dir = Some(dir.to_path_buf());
    engine
}

/// `import`: runs the importer, then prints a summary (the full lists are in the output's
/// `import/` folder and in `lexchron check`).
fn run_import(
    clone: &std::path::Path,
    target: &std::path::Path,
    code: Option<&str>,
    env: &Env,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    use crate::import::git::CodeId;
    let codes = match code.and_then(CodeId::parse) {
        Some(c) => vec![c],
        None => CodeId::ALL.to_vec(),
    };
    let opts = crate::import::Options {
        clone: clone.to_path_buf(),
        out: target.to_path_buf(),
        codes,
        bundled: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
    };
    let report = env.import_progress.clone();
    let progress = move |p: crate::import::Progress<'_>| {
        if let Some(r) = &report {
            r(p.code, p.done, p.total);
        }
    };
    let summary = match crate::import::import(&opts, &progress) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "error: {e}\n  = hint: {}", e.hint());
            return EXIT_DATA;
        }
    };
    if format == Format::Json {
        let v = json!({"query": {"command": "import", "clone": clone.display().to_string(), "out": target.display().to_string()}, "results": summary});
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        );
        return 0;
    }
    for c in &summary.codes {
        if c.versions == 0 {
            let _ = writeln!(out, "{}: not in this clone", c.code);
            continue;
        }
        let how = if c.incremental {
            "since the last import"
        } else {
            "from the start"
        };
        let _ = writeln!(
            out,
            "{}: {} new version(s) in {} commit(s) {how}; {} articles, {} editions; sanctions read {}/{}",
            c.code,
            c.new_versions,
            c.commits,
            c.articles,
            c.editions,
            c.sanctions_read,
            c.sanctions
        );
    }
    if !summary.problems.is_empty() {
        let _ = writeln!(out, "{} problem(s) read around:", summary.problems.len());
        for p in summary.problems.iter().take(10) {
            let _ = writeln!(out, "  {p}");
        }
        if summary.problems.len() > 10 {
            let _ = writeln!(
                out,
                "  … the full list is in {}/import/problems.json",
                target.display()
            );
        }
    }
    let _ = writeln!(
        out,
        "curated provisions kept: {}; disagreements with the imported text: {}{}",
        summary.curated,
        summary.disagreements.len(),
        if summary.disagreements.is_empty() {
            ""
        } else {
            " (`lexchron check --data DIR` lists them all)"
        }
    );
    for d in summary.disagreements.iter().take(5) {
        let _ = writeln!(out, "  {d}");
    }
    let _ = writeln!(out, "wrote {}", target.display());
    0
}

/// Answers a parsed command with an open engine: the path shared by the CLI and the REPL.
pub fn dispatch(
    engine: &Engine,
    cli: &Cli,
    mut layout: Layout,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    layout.lang = crate::lang::i18n::Lang::parse(&cli.lang).unwrap_or_default();
    if let Command::Export { out: target, .. } = &cli.command {
        return export(engine, cli, target.as_deref(), out, err);
    }
    let format = match cli.answer_format() {
        Ok(f) => f,
        Err(e) => {
            let _ = write!(err, "{e}");
            return EXIT_USAGE;
        }
    };
    if let Command::Ask { question } = &cli.command {
        return ask(engine, question, format, layout, out, err);
    }
    let (request, defaulted) = match cli.request_in(engine.today, Some(&engine.law)) {
        Ok(Some(r)) => r,
        Ok(None) => {
            let _ = writeln!(
                err,
                "error: `{}` is not available here",
                command_name(&cli.command)
            );
            return EXIT_USAGE;
        }
        Err(e) => {
            let _ = write!(err, "{e}");
            return EXIT_USAGE;
        }
    };
    let result = engine
        .answer(&request)
        .map(|a| a.with_date_default(defaulted.as_ref()));
    for n in engine.take_notices() {
        let _ = writeln!(err, "{n}");
    }
    match result {
        Ok(answer) => {
            let _ = write!(out, "{}", render(&answer, format, layout));
            0
        }
        Err(e) => {
            let _ = write!(err, "{}", e.render(layout.lang));
            EXIT_USAGE
        }
    }
}

/// `export`: the whole law (or one day's editions) to a file or to `out`.
fn export(
    engine: &Engine,
    cli: &Cli,
    target: Option<&std::path::Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let spec = match cli.export_spec(engine.today) {
        Ok(Some(s)) => s,
        Ok(None) => return EXIT_USAGE,
        Err(e) => {
            let _ = write!(err, "{e}");
            return EXIT_USAGE;
        }
    };
    let Some(path) = target else {
        return match crate::export::write(&engine.law, &spec, out) {
            Ok(_) => 0,
            // A reader that stopped early (`| head`) got what it wanted.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            Err(e) => {
                let _ = writeln!(err, "error: writing the export failed: {e}");
                EXIT_DATA
            }
        };
    };
    match crate::export::write_file(&engine.law, &spec, path) {
        Ok(c) => {
            let _ = writeln!(
                err,
                "wrote {} provisions, {} editions, {} parts to {}",
                c.provisions,
                c.editions,
                c.parts,
                path.display()
            );
            0
        }
        Err(e) => {
            let hint = file_error_hint(&e);
            let _ = writeln!(err, "error: {e}\n  = hint: {hint} (nothing was written)");
            EXIT_USAGE
        }
    }
}

/// What to do about a failed export to a file. Only a bad target is fixed by another path;
/// a write or rename that fails midway points at the disk or the target file.
fn file_error_hint(e: &crate::export::FileError) -> &'static str {
    use crate::export::FileError;
    match e {
        FileError::IsDir(_) | FileError::Create { .. } => {
            "pick a path in an existing, writable directory"
        }
        FileError::Write(_) => "the disk may be full or failing: check its free space and retry",
        FileError::Publish { .. } => {
            "check that the target file can be replaced (its permissions, or a file open elsewhere)"
        }
    }
}

fn command_name(c: &Command) -> &'static str {
    match c {
        Command::Check { .. } => "check",
        Command::Gen { .. } => "gen",
        Command::Import { .. } => "import",
        Command::Repl => "repl",
        Command::Serve { .. } => "serve",
        Command::Mcp => "mcp",
        _ => "this command",
    }
}

/// `ask`: interpret, show the interpretation, then answer each command it stands for.
fn ask(
    engine: &Engine,
    question: &str,
    format: Format,
    layout: Layout,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let AskReply {
        json,
        table,
        errors,
        ..
    } = ask_reply(engine, question, layout);
    for n in engine.take_notices() {
        let _ = writeln!(err, "{n}");
    }
    match format {
        Format::Json => {
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
        }
        Format::Table => {
            for e in &errors {
                let _ = write!(err, "{}", e.render(layout.lang));
            }
            let _ = write!(out, "{table}");
        }
    }
    if errors.is_empty() { 0 } else { EXIT_USAGE }
}

/// A question answered: its JSON, its table, the errors of the commands it was read as (empty
/// when every one answered), and each reading with its typed answer (for the web pages).
pub struct AskReply {
    pub json: serde_json::Value,
    pub table: String,
    pub errors: Vec<InputError>,
    /// The command each reading ran (as `interpreted_as` shows it), and its answer if any.
    pub readings: Vec<(String, Option<crate::exec::Answer>)>,
}

/// Answers a question. Shared by the CLI and the API.
pub fn ask_reply(engine: &Engine, question: &str, layout: Layout) -> AskReply {
    let interp = crate::ask::interpret(question, &engine.law);
    let shown = interp.shown();
    let mut errors = Vec::new();
    let mut readings = Vec::new();
    for (words, shown) in interp.commands.iter().zip(&shown) {
        let mut args: Vec<OsString> = vec!["lexchron".into()];
        args.extend(words.iter().map(OsString::from));
        let (mut o, mut e) = (Vec::new(), Vec::new());
        let result =
            match parse_args(args, &mut o, &mut e) {
                Ok(parsed) => parsed
                    .request_in(engine.today, Some(&engine.law))
                    .and_then(|r| match r {
                        Some((r, d)) => engine.answer(&r).map(|a| a.with_date_default(d.as_ref())),
                        None => Err(InputError::new(question, 0, 1, "cannot run that here")),
                    }),
                Err(_) => Err(InputError::new(
                    question,
                    0,
                    question.chars().count(),
                    format!(
                        "the question was read as `lexchron {}`, which is not a valid command",
                        shell_words::join(words)
                    ),
                )),
            };
        match result {
            Ok(a) => readings.push((shown.clone(), Some(a))),
            Err(e) => {
                readings.push((shown.clone(), None));
                errors.push(e);
            }
        }
    }
    let answers: Vec<&crate::exec::Answer> =
        readings.iter().filter_map(|(_, a)| a.as_ref()).collect();
    let json = json!({
        "query": {"command": "ask", "question": question, "interpreted_as": shown, "not_understood": interp.unknown, "fallback_search": interp.fallback, "notes": interp.notes},
        "results": answers,
    });
    let mut out = String::new();
    use crate::lang::i18n::tr;
    use std::fmt::Write as _;
    let lang = layout.lang;
    if interp.fallback {
        let what = if interp.unknown.is_empty() {
            tr(lang, "the-question", &[])
        } else {
            format!("\"{}\"", interp.unknown.join(" "))
        };
        let _ = writeln!(out, "{}", tr(lang, "cannot-answer", &[("what", &what)]));
    } else if !interp.unknown.is_empty() {
        let words = interp.unknown.join(", ");
        let _ = writeln!(out, "{}", tr(lang, "ignored", &[("words", &words)]));
    }
    for note in &interp.notes {
        let _ = writeln!(out, "{}", tr(lang, note, &[]));
    }
    // Each reading with its own answer: one that failed has none, and must not take the next.
    for (i, (s, answer)) in readings.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "{}", tr(lang, "interpreted-as", &[("command", s)]));
        if let Some(a) = answer {
            let _ = writeln!(out);
            let _ = write!(out, "{}", render(a, Format::Table, layout));
        }
    }
    AskReply {
        json,
        table: out,
        errors,
        readings,
    }
}

fn run_check(dir: &std::path::Path, format: Format, conflicts: bool, out: &mut dyn Write) -> i32 {
    let (data, mut diags) = load(dir);
    diags.extend(check(&data));
    // Imported data dirs keep the imported text of curated articles aside; list where the two
    // disagree (a report, not an error: the curated data is kept).
    let disagreements = crate::import::compare::in_dir(dir, &data);
    let versions: usize = data.provisions.iter().map(|(p, _)| p.versions.len()).sum();
    let disputes: Vec<serde_json::Value> = if conflicts {
        data.provisions
            .iter()
            .flat_map(|(p, _)| p.versions.iter().map(move |v| (p, v)))
            .flat_map(|(p, v)| {
                v.conflicts.iter().map(move |k| {
                    json!({
                        "ref": p.reference(),
                        "valid_from": v.valid_from.to_string(),
                        "valid_to": v.valid_to.map(|d| d.to_string()),
                        "about": k.about,
                        "claims": k.claims.iter().map(|c| json!({"value": c.value, "source": c.source.source, "locator": c.source.locator})).collect::<Vec<_>>(),
                        "follows": k.follows,
                        "why": k.why,
                    })
                })
            })
            .collect()
    } else {
        Vec::new()
    };
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
            let mut answer = answer;
            if dir.join("import").is_dir() {
                answer["disagreements"] = json!(disagreements);
            }
            if conflicts {
                answer["conflicts"] = json!(disputes);
            }
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
            for d in &disputes {
                let claims: Vec<String> = d["claims"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .map(|(i, c)| {
                        let mark = if Some(i as u64) == d["follows"].as_u64() {
                            "followed"
                        } else {
                            "not followed"
                        };
                        format!(
                            "    - {} [{} {}] ({mark})",
                            c["value"].as_str().unwrap_or_default(),
                            c["source"].as_str().unwrap_or_default(),
                            c["locator"].as_str().unwrap_or_default()
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "conflict: {} edition of {}: {}\n{}\n    why: {}",
                    d["ref"].as_str().unwrap_or_default(),
                    d["valid_from"].as_str().unwrap_or_default(),
                    d["about"].as_str().unwrap_or_default(),
                    claims.join("\n"),
                    d["why"].as_str().unwrap_or_default()
                );
            }
            if conflicts {
                let _ = writeln!(
                    out,
                    "{} recorded conflict(s) between sources",
                    disputes.len()
                );
            }
            for d in &disagreements {
                let _ = writeln!(out, "disagreement: {d}");
            }
            if !disagreements.is_empty() {
                let _ = writeln!(
                    out,
                    "{} disagreement(s) between curated and imported data (the curated data is kept)",
                    disagreements.len()
                );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::FileError;
    use std::path::PathBuf;

    #[test]
    fn export_file_errors_get_a_hint_that_fits_them() {
        let io = || std::io::Error::other("no space left on device");
        let dir = FileError::IsDir(PathBuf::from("out"));
        assert!(file_error_hint(&dir).contains("writable directory"));
        let create = FileError::Create {
            dir: PathBuf::from("out"),
            source: io(),
        };
        assert!(file_error_hint(&create).contains("writable directory"));
        assert!(file_error_hint(&FileError::Write(io())).contains("free space"));
        let publish = FileError::Publish {
            path: PathBuf::from("out/law.ttl"),
            source: io(),
        };
        assert!(file_error_hint(&publish).contains("can be replaced"));
    }
}
