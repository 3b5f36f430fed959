//! The `lexchron` binary: reads the environment, calls [`lexchron::cli::run`], exits.

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
    let stdout = std::io::stdout();
    if stdout.is_terminal() {
        env.layout.width = terminal_width();
    }
    let (mut out, mut err) = (stdout.lock(), std::io::stderr().lock());
    let code = run(std::env::args_os().collect(), &env, &mut out, &mut err);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// Terminal width from $COLUMNS, else a conventional 100.
fn terminal_width() -> Option<u16> {
    let cols = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    Some(cols.unwrap_or(100))
}
