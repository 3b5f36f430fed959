//! An interactive session: the REPL's state (date, code, format) and how one line is
//! handled. The binary owns the terminal (rustyline); everything it shows comes from here,
//! through the same `cli::dispatch` path as the command line.

use crate::cli::{Cli, EXIT_USAGE, Env, dispatch, parse_args};
use crate::exec::Engine;
use crate::query::{InputError, When};
use crate::render::Format;
use clap::CommandFactory;
use std::ffi::OsString;

/// Commands a line may start with.
pub const COMMANDS: &[&str] = &[
    "show",
    "history",
    "covers",
    "penalty",
    "lineage",
    "diff",
    "acts",
    "topics",
    "sources",
    "search",
    "ask",
    "gravity",
    "conciliation",
    "loopholes",
    "applicable",
    "timeline",
    "text",
    "act",
    "amended",
];

/// Meta-commands, handled by the session itself.
pub const META: &[&str] = &[
    ":at", ":code", ":format", ":help", ":history", ":lang", ":quit",
];

/// Commands that take `--at`.
const TAKES_AT: &[&str] = &[
    "show",
    "covers",
    "penalty",
    "sources",
    "search",
    "gravity",
    "conciliation",
    "text",
];

/// What handling a line produced.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Reply {
    pub out: String,
    pub err: String,
    pub quit: bool,
    /// Exit-code-like status: 0 when the line was answered.
    pub status: i32,
}

pub struct Session {
    pub engine: Engine,
    env: Env,
    /// Date context from `:at`, as typed.
    pub at: Option<String>,
    /// Code context from `:code`: bare article numbers resolve in this code.
    pub code: Option<String>,
    pub format: Format,
    /// Language of table labels from `:lang` (JSON is never translated).
    pub lang: crate::lang::i18n::Lang,
    /// Lines entered, oldest first (the binary seeds it from the history file).
    pub history: Vec<String>,
}

impl Session {
    pub fn new(engine: Engine, env: Env) -> Session {
        Session {
            engine,
            env,
            at: None,
            code: None,
            format: Format::Table,
            lang: crate::lang::i18n::Lang::En,
            history: Vec::new(),
        }
    }

    /// `lexchron>`, `lexchron@2008>`, `lexchron@2008[cc1997]>`.
    pub fn prompt(&self) -> String {
        let mut p = "lexchron".to_string();
        if let Some(at) = &self.at {
            p.push('@');
            p.push_str(at);
        }
        if let Some(c) = &self.code {
            p.push_str(&format!("[{c}]"));
        }
        p.push_str("> ");
        p
    }

    /// Handles one line. Errors never end the session; only `:quit` does.
    pub fn handle(&mut self, line: &str) -> Reply {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return Reply::default();
        }
        self.history.push(trimmed.to_string());
        if trimmed.starts_with(':') {
            return self.meta(trimmed);
        }
        let words = match split(trimmed) {
            Ok(w) => w,
            Err(e) => {
                return Reply {
                    err: e.to_string(),
                    status: EXIT_USAGE,
                    ..Reply::default()
                };
            }
        };
        // A line of only a comment (`# ...`) splits into no words.
        let Some(first) = words.first().map(String::as_str) else {
            return Reply::default();
        };
        if first == "check" || first == "repl" || words.iter().any(|w| w == "--data") {
            let msg = format!(
                "error: `{first}` and --data are for the command line; this session's data is fixed\n  = hint: leave the REPL (:quit) and run `lexchron {trimmed}`\n"
            );
            return Reply {
                err: msg,
                status: EXIT_USAGE,
                ..Reply::default()
            };
        }
        let args = if COMMANDS.contains(&first) {
            self.with_context(words)
        } else {
            self.as_question(trimmed)
        };
        self.run(args)
    }

    /// Adds the session's date, code and format where the line does not give its own.
    fn with_context(&self, mut words: Vec<String>) -> Vec<String> {
        let cmd = words[0].clone();
        if let (Some(at), true) = (&self.at, TAKES_AT.contains(&cmd.as_str())) {
            if !words.iter().any(|w| w == "--at" || w.starts_with("--at=")) {
                words.extend(["--at".to_string(), at.clone()]);
            }
        }
        if let Some(code) = &self.code {
            // The first positional argument of reference commands is the reference.
            let takes_ref = [
                "show", "history", "penalty", "lineage", "diff", "sources", "gravity",
            ]
            .contains(&cmd.as_str());
            if takes_ref {
                if let Some(r) = words.get_mut(1) {
                    // Only the compact form takes a prefix; "ст. 128" resolves by itself.
                    if r.starts_with(|c: char| c.is_ascii_digit()) && !r.contains(':') {
                        *r = format!("{code}:{r}");
                    }
                }
            }
            if cmd == "search" && !words.iter().any(|w| w == "--code") {
                words.extend(["--code".to_string(), code.clone()]);
            }
        }
        if !words
            .iter()
            .any(|w| w == "--format" || w.starts_with("--format="))
        {
            words.extend(["--format".to_string(), format_name(self.format).to_string()]);
        }
        self.with_lang(&mut words);
        words
    }

    fn with_lang(&self, words: &mut Vec<String>) {
        if !words
            .iter()
            .any(|w| w == "--lang" || w.starts_with("--lang="))
        {
            words.extend(["--lang".to_string(), self.lang.code().to_string()]);
        }
    }

    /// A line that is not a command is a question; the session date is added when the
    /// question names none.
    fn as_question(&self, line: &str) -> Vec<String> {
        let mut q = line.to_string();
        if let Some(at) = &self.at {
            let has_date =
                q.chars().filter(char::is_ascii_digit).count() >= 4 || q.contains("today");
            if !has_date {
                q.push_str(&format!(" in {at}"));
            }
        }
        let mut words = vec![
            "ask".into(),
            q,
            "--format".into(),
            format_name(self.format).into(),
        ];
        self.with_lang(&mut words);
        words
    }

    fn run(&mut self, words: Vec<String>) -> Reply {
        let mut args: Vec<OsString> = vec!["lexchron".into()];
        args.extend(words.into_iter().map(OsString::from));
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let status = match parse_args(args, &mut out, &mut err) {
            Ok(cli) => dispatch(&self.engine, &cli, self.env.layout, &mut out, &mut err),
            Err(code) => code,
        };
        Reply {
            out: String::from_utf8_lossy(&out).into_owned(),
            err: String::from_utf8_lossy(&err).into_owned(),
            quit: false,
            status,
        }
    }

    fn meta(&mut self, line: &str) -> Reply {
        let mut parts = line.splitn(2, char::is_whitespace);
        let name = parts.next().unwrap_or_default();
        let arg = parts.next().map(str::trim).filter(|s| !s.is_empty());
        let ok = |out: String| Reply {
            out,
            ..Reply::default()
        };
        match name {
            ":quit" | ":q" | ":exit" => Reply {
                quit: true,
                ..Reply::default()
            },
            ":at" => match arg {
                None | Some("none") | Some("clear") => {
                    self.at = None;
                    ok("date context cleared; commands use today unless given --at\n".into())
                }
                Some(w) => match When::parse(w, self.engine.today) {
                    Ok(when) => {
                        self.at = Some(w.to_string());
                        ok(format!("date context: {when}\n"))
                    }
                    Err(e) => self.located(line, w, e),
                },
            },
            ":code" => match arg {
                None | Some("none") | Some("clear") => {
                    self.code = None;
                    ok("code context cleared; bare articles resolve to the code in force\n".into())
                }
                Some(c) => {
                    let c = c.to_lowercase();
                    if self.engine.law.code(&c).is_some() {
                        self.code = Some(c.clone());
                        ok(format!("code context: {c}\n"))
                    } else {
                        let ids: Vec<&str> =
                            self.engine.law.codes().map(|c| c.id.as_str()).collect();
                        let e = InputError::new(
                            &c,
                            0,
                            c.chars().count(),
                            format!("unknown code `{c}`"),
                        )
                        .hint(format!("known codes: {}", ids.join(", ")));
                        self.located(line, arg.unwrap_or_default(), e)
                    }
                }
            },
            ":format" => match arg {
                Some("table") => {
                    self.format = Format::Table;
                    ok("format: table\n".into())
                }
                Some("json") => {
                    self.format = Format::Json;
                    ok("format: json\n".into())
                }
                other => {
                    let shown = other.unwrap_or("");
                    let e = InputError::new(
                        shown,
                        0,
                        shown.chars().count().max(1),
                        "format is table or json",
                    )
                    .hint(":format table  or  :format json");
                    self.located(line, shown, e)
                }
            },
            ":lang" => match arg.and_then(crate::lang::i18n::Lang::parse) {
                Some(l) => {
                    self.lang = l;
                    ok(format!("language: {}\n", l.code()))
                }
                None => {
                    let shown = arg.unwrap_or("");
                    let e = InputError::new(
                        shown,
                        0,
                        shown.chars().count().max(1),
                        "language is en, ru or kk",
                    )
                    .hint(":lang ru, :lang kk or :lang en");
                    self.located(line, shown, e)
                }
            },
            ":help" => ok(help(arg)),
            ":history" => {
                let n = self.history.len();
                let shown: Vec<String> = self
                    .history
                    .iter()
                    .enumerate()
                    .skip(n.saturating_sub(50))
                    .map(|(i, l)| format!("{:>4}  {l}", i + 1))
                    .collect();
                ok(shown.join("\n") + "\n")
            }
            _ => {
                let hint = crate::check::suggest(name, META.iter().copied()).map_or_else(
                    || format!("meta-commands: {}", META.join(" ")),
                    |s| format!("did you mean `{s}`?"),
                );
                let e = InputError::new(
                    line,
                    0,
                    name.chars().count(),
                    format!("unknown meta-command `{name}`"),
                )
                .hint(hint);
                Reply {
                    err: e.to_string(),
                    status: EXIT_USAGE,
                    ..Reply::default()
                }
            }
        }
    }

    /// Re-anchors an error on a meta-command argument so the caret sits under it in the line.
    fn located(&self, line: &str, arg: &str, mut e: InputError) -> Reply {
        let offset = line.find(arg).map_or(0, |b| line[..b].chars().count());
        e.start += offset;
        e.input = line.to_string();
        Reply {
            err: e.to_string(),
            status: EXIT_USAGE,
            ..Reply::default()
        }
    }

    /// Completion candidates for the word ending at `pos`: (start of the word, candidates).
    pub fn complete(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        // Positions are bytes; whitespace such as a no-break space (pasted Russian text) is
        // wider than one, so both ends are kept on character boundaries.
        let mut end = pos.min(line.len());
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        let head = &line[..end];
        let start = head
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &head[start..];
        let first_word = start == 0;
        let mut pool: Vec<String> = Vec::new();
        if first_word {
            pool.extend(COMMANDS.iter().map(|s| s.to_string()));
            pool.extend(META.iter().map(|s| s.to_string()));
        } else {
            let cmd = head.split_whitespace().next().unwrap_or_default();
            let prev = head[..start].split_whitespace().last().unwrap_or_default();
            match (cmd, prev) {
                (_, "--format") | (":format", _) => {
                    pool.extend(["table", "json"].map(String::from))
                }
                (_, "--lang") | (":lang", _) => pool.extend(["en", "ru", "kk"].map(String::from)),
                (_, "--code") | (":code", _) => {
                    pool.extend(self.engine.law.codes().map(|c| c.id.clone()))
                }
                (":help", _) => pool.extend(COMMANDS.iter().map(|s| s.to_string())),
                ("covers", _) => pool.extend(self.engine.law.topics().map(|t| t.id.clone())),
                _ if word.starts_with('-') => pool
                    .extend(["--at", "--format", "--code", "--limit", "--lang"].map(String::from)),
                _ => {
                    for p in self.engine.law.provisions() {
                        if self.code.as_deref().is_none_or(|c| c == p.code) {
                            pool.push(if self.code.is_some() {
                                p.article.clone()
                            } else {
                                p.reference()
                            });
                        }
                    }
                }
            }
        }
        let mut out: Vec<String> = pool.into_iter().filter(|c| c.starts_with(word)).collect();
        out.sort_by_key(|c| (c.len(), c.clone()));
        out.dedup();
        (start, out)
    }
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Table => "table",
        Format::Json => "json",
    }
}

/// `:help` and `:help COMMAND`.
fn help(arg: Option<&str>) -> String {
    let mut cmd = Cli::command();
    if let Some(name) = arg {
        if let Some(sub) = cmd.find_subcommand_mut(name) {
            return sub.render_long_help().to_string();
        }
        return format!("no command `{name}`; commands: {}\n", COMMANDS.join(", "));
    }
    format!(
        "Commands (same syntax as the command line): {}\n\
         Anything else is read as a question, e.g. which articles covered labor trafficking in 2008?\n\
         Meta-commands:\n  :at WHEN       set the date used by later commands (:at clears)\n  \
         :code CODE     resolve bare articles in cc1997 or cc2014 (:code clears)\n  \
         :format table|json\n  :lang en|ru|kk  tables in English, Russian or Kazakh\n  :help [command]\n  :history      lines entered\n  :quit          (or Ctrl-D)\n",
        COMMANDS.join(", ")
    )
}

/// Splits a line like a shell, pointing at an unclosed quote.
pub fn split(line: &str) -> Result<Vec<String>, InputError> {
    shell_words::split(line).map_err(|_| {
        let mut open: Option<(usize, char)> = None;
        for (i, c) in line.chars().enumerate() {
            match (open, c) {
                (None, '"' | '\'') => open = Some((i, c)),
                (Some((_, q)), c) if c == q => open = None,
                _ => {}
            }
        }
        let at = open.map_or(0, |(i, _)| i);
        InputError::new(line, at, 1, "unclosed quote")
            .hint("close the quote, or escape it with a backslash")
    })
}

impl Session {
    /// Whether a line is complete (balanced quotes and brackets) for multi-line input.
    pub fn is_complete(line: &str) -> bool {
        let mut depth = 0i32;
        let mut quote: Option<char> = None;
        for c in line.chars() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '(' | '[') => depth += 1,
                (None, ')' | ']') => depth -= 1,
                _ => {}
            }
        }
        quote.is_none() && depth <= 0
    }
}
