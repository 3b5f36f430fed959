//! The REPL driven through a real pseudo-terminal, as a person would use it: commands, the
//! date context in the prompt, tab completion, a bad line, a question, Ctrl-C and Ctrl-D.

use rexpect::session::{PtySession, spawn_command};
use std::process::Command;

fn start(history: &std::path::Path) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lexchron"));
    cmd.env("LEXCHRON_TODAY", "2026-11-24")
        .env("LEXCHRON_HISTORY", history)
        .env("LEXCHRON_CACHE", history.with_extension("cache"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("LEXCHRON_DATA");
    let mut p = spawn_command(cmd, Some(30_000)).expect("spawn lexchron in a pty");
    p.exp_string("type a command").expect("banner");
    p.exp_string("lexchron> ").expect("first prompt");
    p
}

#[test]
fn a_session_with_context_completion_errors_and_questions() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("history.txt");
    let mut p = start(&history);

    p.send_line(":at 2008").unwrap();
    p.exp_string("date context: 2008").unwrap();
    p.exp_string("lexchron@2008> ").unwrap();

    // Same answer as `lexchron covers labor-trafficking --at 2008` on the command line.
    p.send_line("covers labor-trafficking").unwrap();
    p.exp_string(
        "Provisions covering labor-trafficking in force between 2008-01-01 and 2008-12-31",
    )
    .unwrap();
    p.exp_string("cc1997:128").unwrap();
    p.exp_string("lexchron@2008> ").unwrap();

    // Tab completes a command name.
    p.send("lin").unwrap();
    p.send("\t").unwrap();
    p.send_line(" cc1997:133").unwrap();
    p.exp_string("Lineage of cc1997:133").unwrap();
    p.exp_string("cc2014:135").unwrap();
    p.exp_string("lexchron@2008> ").unwrap();

    // A bad line prints a caret under the token and the prompt comes back.
    p.send_line("show cc1997:12x8").unwrap();
    p.exp_string("invalid article `12x8`").unwrap();
    p.exp_string("^^^^").unwrap();
    p.exp_string("lexchron@2008> ").unwrap();

    // An unknown meta-command suggests the nearest one.
    p.send_line(":formt json").unwrap();
    p.exp_string("did you mean `:format`?").unwrap();

    // A question is interpreted, with the session date added.
    p.send_line("what was the penalty under article 133 of the old code")
        .unwrap();
    p.exp_string("interpreted as: lexchron penalty cc1997:133 --at 2008")
        .unwrap();
    p.exp_string("lexchron@2008> ").unwrap();

    // Ctrl-C cancels the line being typed; the session goes on.
    p.send("show cc1997:128").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("lexchron@2008> ").unwrap();

    p.send_line(":quit").unwrap();
    p.exp_eof().unwrap();

    let saved = std::fs::read_to_string(&history).unwrap();
    assert!(
        saved.contains("covers labor-trafficking"),
        "history file: {saved}"
    );
}

#[test]
fn ctrl_d_leaves_and_two_sessions_share_one_history_file() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("history.txt");
    let mut a = start(&history);
    let mut b = start(&history);
    for i in 0..5 {
        a.send_line(&format!(":at {}", 2000 + i)).unwrap();
        a.exp_string("date context").unwrap();
        b.send_line(&format!(":at {}", 2010 + i)).unwrap();
        b.exp_string("date context").unwrap();
    }
    a.send_control('d').unwrap();
    a.exp_eof().unwrap();
    b.send_control('d').unwrap();
    b.exp_eof().unwrap();
    let saved = std::fs::read_to_string(&history).unwrap();
    for i in 0..5 {
        assert!(
            saved.contains(&format!(":at {}", 2000 + i)),
            "lost a line of session a: {saved}"
        );
        assert!(
            saved.contains(&format!(":at {}", 2010 + i)),
            "lost a line of session b: {saved}"
        );
    }
}
