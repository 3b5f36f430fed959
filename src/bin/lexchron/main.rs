//! The `lexchron` binary: reads the environment, calls [`lexchron::cli::run`], exits.

mod repl;

use lexchron::cli::{Env, run};
use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    // LEXCHRON_TODAY pins "today" so answers are reproducible (tests, scripts).
    let today = std::env::var("LEXCHRON_TODAY")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut env = Env::bundled(today);
    if let Some(dir) = std::env::var_os("LEXCHRON_DATA") {
        env.default_data = dir.into();
    }
    // LEXCHRON_CACHE overrides the per-user cache dir (tests use a scratch dir).
    env.cache_dir = std::env::var_os("LEXCHRON_CACHE")
        .map(Into::into)
        .or_else(|| {
            directories::ProjectDirs::from("", "", "lexchron").map(|d| d.cache_dir().to_path_buf())
        });
    env.progress = Some(std::sync::Arc::new(|message: &str| eprintln!("{message}")));
    if std::io::stderr().is_terminal() {
        env.import_progress = Some(import_bar());
    }
    let stdout = std::io::stdout();
    env.layout.width = Some(if stdout.is_terminal() {
        terminal_width()
    } else {
        PIPE_WIDTH
    });
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if wants_repl(&args) {
        return start_repl(&args, env);
    }
    // Only a line naming `mcp` is parsed here; every other one is parsed once, by `run`.
    if args.iter().skip(1).any(|a| a == "mcp") {
        if let Ok(cli) = <lexchron::cli::Cli as clap::Parser>::try_parse_from(&args) {
            if matches!(cli.command, lexchron::cli::Command::Mcp) {
                return start_mcp(&cli, env);
            }
        }
    }
    let (mut out, mut err) = (stdout.lock(), std::io::stderr().lock());
    let code = run(args, &env, &mut out, &mut err);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// A progress bar for `import` on stderr, one bar per code (drawn only on a terminal).
fn import_bar() -> lexchron::cli::ImportProgress {
    let bar: std::sync::Mutex<Option<(String, indicatif::ProgressBar)>> = Default::default();
    std::sync::Arc::new(move |code: &str, done: usize, total: usize| {
        let Ok(mut slot) = bar.lock() else { return };
        if slot.as_ref().is_none_or(|(c, _)| c != code) {
            if let Some((_, old)) = slot.take() {
                old.finish();
            }
            let b = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{prefix} [{bar:40}] {pos}/{len} versions ({eta})",
            ) {
                b.set_style(style.progress_chars("=> "));
            }
            b.set_prefix(code.to_string());
            *slot = Some((code.to_string(), b));
        }
        if let Some((_, b)) = slot.as_ref() {
            b.set_length(total as u64);
            b.set_position(done as u64);
            if done >= total {
                b.finish();
            }
        }
    })
}

/// Tables wrap at this width when piped, so files and diffs stay readable.
const PIPE_WIDTH: u16 = 120;

/// Terminal width from $COLUMNS, else a conventional 100.
fn terminal_width() -> u16 {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

/// `lexchron` alone on a terminal, or `lexchron [--data DIR] repl`.
fn wants_repl(args: &[std::ffi::OsString]) -> bool {
    let words: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).collect();
    let bare = words.is_empty() && std::io::stdin().is_terminal();
    bare || words.last() == Some(&"repl") && !words.contains(&"--help")
}

fn start_repl(args: &[std::ffi::OsString], env: Env) -> ExitCode {
    let mut err = std::io::stderr();
    // Only --data DIR may come before `repl`; clap checks the rest.
    let mut dir = env.default_data.clone();
    let words: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).collect();
    if let Some(i) = words.iter().position(|w| *w == "--data") {
        if let Some(d) = words.get(i + 1) {
            dir = d.into();
        }
    }
    match lexchron::cli::open_engine(&dir, &env, false, &mut err) {
        Ok(engine) => ExitCode::from(u8::try_from(repl::run(engine, env)).unwrap_or(1)),
        Err(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
    }
}

/// `lexchron mcp`: the MCP server on stdin/stdout until the client closes stdin. Only
/// protocol messages go to stdout; everything else to stderr.
fn start_mcp(cli: &lexchron::cli::Cli, env: Env) -> ExitCode {
    let mut err = std::io::stderr();
    let dir = cli.data.clone().unwrap_or_else(|| env.default_data.clone());
    let engine = match lexchron::cli::open_engine(&dir, &env, false, &mut err) {
        Ok(e) => e,
        Err(code) => return ExitCode::from(u8::try_from(code).unwrap_or(1)),
    };
    let server = lexchron::mcp::Server::new(std::sync::Arc::new(engine))
        .with_log(std::sync::Arc::new(|m: &str| eprintln!("{m}")));
    eprintln!(
        "lexchron mcp: {} tools on stdio, data {}",
        server.tools().len(),
        dir.display()
    );
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the MCP server: {e}");
            return ExitCode::from(1);
        }
    };
    let served = runtime.block_on(lexchron::mcp::serve(
        server,
        tokio::io::stdin(),
        tokio::io::stdout(),
    ));
    match served {
        Ok(()) => ExitCode::SUCCESS,
        // The client went away mid-answer: nothing left to tell anyone.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: MCP server stopped: {e}");
            ExitCode::from(1)
        }
    }
}
