//! The terminal side of the REPL: rustyline editing, completion, hints, validation and the
//! history file. What a line means is decided by `lexchron::session`.

use lexchron::cli::Env;
use lexchron::exec::Engine;
use lexchron::session::Session;
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter, MatchingBracketHighlighter};
use rustyline::hint::HistoryHinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{CompletionType, Config, Context, Editor, Helper, Hinter};
use std::borrow::Cow;
use std::cell::RefCell;
use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;

#[derive(Helper, Hinter)]
struct LexHelper {
    session: Rc<RefCell<Session>>,
    #[rustyline(Hinter)]
    hinter: HistoryHinter,
    brackets: MatchingBracketHighlighter,
}

impl Completer for LexHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, words) = self.session.borrow().complete(line, pos);
        Ok((
            start,
            words
                .into_iter()
                .map(|w| Pair {
                    display: w.clone(),
                    replacement: w,
                })
                .collect(),
        ))
    }
}

impl Validator for LexHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        // An unclosed quote or bracket continues on the next line instead of failing.
        Ok(if Session::is_complete(ctx.input()) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

impl Highlighter for LexHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        self.brackets.highlight(line, pos)
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if std::env::var_os("NO_COLOR").is_some() {
            Cow::Borrowed(hint)
        } else {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        }
    }

    fn highlight_char(&self, line: &str, pos: usize, kind: CmdKind) -> bool {
        self.brackets.highlight_char(line, pos, kind)
    }
}

/// Where the history lives: $LEXCHRON_HISTORY, else the per-user data dir.
fn history_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LEXCHRON_HISTORY") {
        return Some(p.into());
    }
    let dirs = directories::ProjectDirs::from("", "", "lexchron")?;
    Some(dirs.data_dir().join("history.txt"))
}

/// Runs the REPL until :quit or Ctrl-D. Returns the exit code.
pub fn run(engine: Engine, env: Env) -> i32 {
    let session = Rc::new(RefCell::new(Session::new(engine, env)));
    let config = Config::builder()
        .history_ignore_space(true)
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .build();
    let mut rl: Editor<LexHelper, rustyline::history::FileHistory> =
        match Editor::with_config(config) {
            Ok(rl) => rl,
            Err(e) => {
                eprintln!("error: cannot start the line editor: {e}");
                return 1;
            }
        };
    rl.set_helper(Some(LexHelper {
        session: session.clone(),
        hinter: HistoryHinter::new(),
        brackets: MatchingBracketHighlighter::new(),
    }));
    let history = history_path();
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if rl.load_history(path).is_ok() {
            session.borrow_mut().history = rl.history().iter().cloned().collect();
        }
    }
    println!(
        "lexchron {}: type a command, a question, or :help. Ctrl-D leaves.",
        env!("CARGO_PKG_VERSION")
    );
    loop {
        let prompt = session.borrow().prompt();
        match rl.readline(&prompt) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = rl.add_history_entry(line.as_str());
                    if let Some(path) = &history {
                        // Appending after every line keeps two sessions from overwriting
                        // each other; rustyline locks the file while it appends.
                        let _ = rl.append_history(path);
                    }
                }
                let reply = session.borrow_mut().handle(&line);
                print!("{}", reply.out);
                eprint!("{}", reply.err);
                let _ = std::io::stdout().flush();
                if reply.quit {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("error: {e}");
                return 1;
            }
        }
    }
    0
}
