//! The REPL's line handling, in process: the same answers as the command line, context
//! handling, meta-commands and errors that never end the session.

use lexchron::cli::{Env, open, run};
use lexchron::exec::Engine;
use lexchron::session::Session;
use std::path::PathBuf;

fn env() -> Env {
    let mut env = Env::bundled("2026-11-24".parse().unwrap());
    env.default_data = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    env.layout.width = Some(120);
    env
}

fn session() -> Session {
    let env = env();
    let law = open(&env.default_data).expect("bundled data is valid");
    Session::new(Engine::new(law, env.today, None), env)
}

fn cli(args: &[&str]) -> String {
    let mut argv = vec!["lexchron".into()];
    argv.extend(args.iter().map(|a| a.into()));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(argv, &env(), &mut out, &mut err);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    String::from_utf8(out).unwrap()
}

#[test]
fn repl_with_a_date_context_answers_like_the_cli() {
    let mut s = session();
    assert_eq!(s.prompt(), "lexchron> ");
    let r = s.handle(":at 2008");
    assert_eq!(r.out, "date context: 2008\n");
    assert_eq!(s.prompt(), "lexchron@2008> ");
    let r = s.handle("covers labor-trafficking");
    assert_eq!(r.status, 0, "{}", r.err);
    assert_eq!(r.out, cli(&["covers", "labor-trafficking", "--at", "2008"]));
    // An explicit --at wins over the context.
    let r = s.handle("show cc2014:128 --at 2016");
    assert_eq!(r.out, cli(&["show", "cc2014:128", "--at", "2016"]));
}

#[test]
fn code_context_completes_bare_articles() {
    let mut s = session();
    s.handle(":code cc1997");
    s.handle(":at 2010");
    assert_eq!(s.prompt(), "lexchron@2010[cc1997]> ");
    let r = s.handle("penalty 133");
    assert_eq!(r.out, cli(&["penalty", "cc1997:133", "--at", "2010"]));
    let (start, words) = s.complete("show 13", 7);
    assert_eq!(start, 5);
    assert!(words.contains(&"133".to_string()), "{words:?}");
}

#[test]
fn errors_keep_the_session_alive_and_point_at_the_token() {
    let mut s = session();
    let r = s.handle(":at 2008-13");
    assert_ne!(r.status, 0);
    assert!(r.err.contains("no month 13"), "{}", r.err);
    assert!(
        r.err.contains("  | :at 2008-13\n  |     ^^^^^^^"),
        "{}",
        r.err
    );
    assert!(!r.quit);
    let r = s.handle("show \"cc1997:128");
    assert!(r.err.contains("unclosed quote"), "{}", r.err);
    let r = s.handle(":frobnicate");
    assert!(r.err.contains("unknown meta-command"), "{}", r.err);
    // Found by the REPL property test: a comment-only line splits into no words.
    assert_eq!(
        s.handle("# just a note"),
        lexchron::session::Reply::default()
    );
    let r = s.handle("check");
    assert!(r.err.contains("for the command line"), "{}", r.err);
    assert!(s.handle(":quit").quit);
}

#[test]
fn meta_commands_format_help_history() {
    let mut s = session();
    s.handle(":format json");
    let r = s.handle("lineage cc1997:133");
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["results"][0]["chain"][1]["ref"], "cc2014:135");
    assert!(s.handle(":help").out.contains(":at WHEN"));
    assert!(s.handle(":help covers").out.contains("--at"));
    let h = s.handle(":history").out;
    assert!(h.contains("lineage cc1997:133"), "{h}");
}

#[test]
fn a_line_that_is_not_a_command_is_a_question() {
    let mut s = session();
    s.handle(":at 2008");
    let r = s.handle("which articles covered forced labour?");
    assert!(
        r.out
            .starts_with("interpreted as: lexchron covers labor-trafficking --at 2008\n"),
        "{}",
        r.out
    );
}

#[test]
fn completion_offers_commands_topics_and_references() {
    let s = session();
    assert_eq!(s.complete("hist", 4), (0, vec!["history".to_string()]));
    let (_, topics) = s.complete("covers labor", 12);
    assert_eq!(topics, vec!["labor-trafficking".to_string()]);
    let (_, refs) = s.complete("lineage cc1997:13", 17);
    assert!(refs.contains(&"cc1997:133".to_string()), "{refs:?}");
    let (_, metas) = s.complete(":f", 2);
    assert_eq!(metas, vec![":format".to_string()]);
}

#[test]
fn completion_after_wide_whitespace_or_inside_a_letter_does_not_panic() {
    let s = session();
    // A no-break space, as pasted from Russian text, is two bytes wide.
    let line = "lineage\u{a0}cc1997:13";
    let (start, refs) = s.complete(line, line.len());
    assert_eq!(start, "lineage\u{a0}".len());
    assert!(refs.contains(&"cc1997:133".to_string()), "{refs:?}");
    // A position inside a Cyrillic letter is read as the boundary before it.
    let (start, _) = s.complete("ст. 1", 1);
    assert_eq!(start, 0);
}

#[test]
fn lang_meta_command_switches_labels_and_russian_citations_keep_working() {
    let mut s = session();
    assert_eq!(s.handle(":lang ru").out, "language: ru\n");
    let r = s.handle("penalty \"ч. 2 ст. 128\" --at 2010");
    assert_eq!(r.status, 0, "{}", r.err);
    assert_eq!(
        r.out,
        cli(&["--lang", "ru", "penalty", "ч. 2 ст. 128", "--at", "2010"])
    );
    assert!(r.out.contains("Лишение свободы"), "{}", r.out);
    // A code context prefixes compact numbers only; a citation in words resolves itself.
    s.handle(":code cc1997");
    let r = s.handle("show \"ст. 133 УК 1997 года\" --at 2010");
    assert_eq!(r.status, 0, "{}", r.err);
    let r = s.handle("какое наказание было по ст. 133 в 2010 году");
    assert!(
        r.out.starts_with("понято как: lexchron penalty"),
        "{}",
        r.out
    );
    // The analysis is worded in Russian too, exactly as `--lang ru` words it.
    let r = s.handle("conciliation 128 --at 2016");
    assert_eq!(r.status, 0, "{}", r.err);
    assert_eq!(
        r.out,
        cli(&["--lang", "ru", "conciliation", "128", "--at", "2016"])
    );
    assert!(
        r.out
            .contains("суд обязан освободить в связи с примирением"),
        "{}",
        r.out
    );
    let r = s.handle(":lang fr");
    assert_ne!(r.status, 0);
    assert!(r.err.contains("language is en, ru or kk"), "{}", r.err);
    // Kazakh: its own catalogue, the Russian one where a message is missing.
    assert_eq!(s.handle(":lang kk").out, "language: kk\n");
    let r = s.handle("gravity cc2014:128 --at 2016");
    assert_eq!(
        r.out,
        cli(&["--lang", "kk", "gravity", "cc2014:128", "--at", "2016"])
    );
    assert!(r.out.contains("ауырлығы орташа қылмыс"), "{}", r.out);
    assert_eq!(s.handle(":lang en").out, "language: en\n");
}
