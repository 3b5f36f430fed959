//! Robustness: mutated data files and hostile text never panic the loader, the checker or the
//! query parsers; every rejection of a data file names that file and a line inside it.

mod common;
use common::copy_dir;

use lexchron::check::check;
use lexchron::load::load;
use proptest::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

fn bundled() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

thread_local! {
    static LAW: lexchron::graph::Law = lexchron::cli::open(&bundled()).unwrap();
}

/// A data file to mutate: the provision files are the richest.
fn provision_files() -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(bundled().join("graph/provisions"))
        .unwrap()
        .flatten()
        .map(|e| format!("graph/provisions/{}", e.file_name().to_string_lossy()))
        .collect();
    v.sort();
    v
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace a byte range with other text.
    Splice { at: usize, len: usize, with: String },
    /// Delete one line.
    DropLine(usize),
    /// Duplicate one line.
    DupLine(usize),
    /// Swap the first two dates in the file.
    SwapDates,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0usize..12, "[\\PC(){}\\[\\]\":,]{0,8}")
            .prop_map(|(at, len, with)| Mutation::Splice { at, len, with }),
        any::<usize>().prop_map(Mutation::DropLine),
        any::<usize>().prop_map(Mutation::DupLine),
        Just(Mutation::SwapDates),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    match m {
        Mutation::Splice { at, len, with } => {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + len).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            format!("{}{}{}", &text[..at], with, &text[end..])
        }
        Mutation::DropLine(n) | Mutation::DupLine(n) => {
            let lines: Vec<&str> = text.lines().collect();
            let k = n % lines.len().max(1);
            let mut out = Vec::new();
            for (i, l) in lines.iter().enumerate() {
                if i != k || matches!(m, Mutation::DupLine(_)) {
                    out.push(*l);
                }
                if i == k && matches!(m, Mutation::DupLine(_)) {
                    out.push(*l);
                }
            }
            out.join("\n")
        }
        Mutation::SwapDates => {
            let re: Vec<(usize, &str)> = text.match_indices("\"20").collect();
            if re.len() < 2 {
                return text.to_string();
            }
            let (a, b) = (re[0].0 + 1, re[1].0 + 1);
            let (da, db) = (&text[a..a + 10], &text[b..b + 10]);
            format!(
                "{}{}{}{}{}",
                &text[..a],
                db,
                &text[a + 10..b],
                da,
                &text[b + 10..]
            )
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn mutated_data_is_accepted_or_rejected_at_the_right_file(file_idx in any::<usize>(), m in mutation()) {
        let files = provision_files();
        let rel = &files[file_idx % files.len()];
        let dir = tempfile::tempdir().unwrap();
        for sub in ["graph", "corpus"] {
            copy_dir(&bundled().join(sub), &dir.path().join(sub));
        }
        let original = fs::read_to_string(dir.path().join(rel)).unwrap();
        let mutated = apply(&original, &m);
        fs::write(dir.path().join(rel), &mutated).unwrap();
        let (data, mut diags) = load(dir.path());
        if diags.is_empty() {
            diags = check(&data);
        }
        let n_lines = mutated.lines().count().max(1);
        // Every problem located in the mutated file must point inside it.
        for d in &diags {
            if let Some(loc) = &d.location {
                if loc.file == Path::new(rel) {
                    prop_assert!(loc.line >= 1 && loc.line <= n_lines + 1, "{d}");
                }
            }
        }
        // A rejected mutant is blamed on the mutated file (possibly among others).
        if !diags.is_empty() && mutated != original {
            prop_assert!(
                diags.iter().any(|d| d.location.as_ref().is_some_and(|l| l.file == Path::new(rel))),
                "rejected without naming {rel}: {:?}", diags.iter().map(|d| d.message.clone()).collect::<Vec<_>>()
            );
        }
        // A rejected syntax error must blame the mutated file.
        let syntax = diags.iter().find(|d| d.message.starts_with(&format!("{rel}:")));
        if let Some(d) = syntax {
            prop_assert_eq!(d.location.as_ref().map(|l| l.file.clone()), Some(PathBuf::from(rel)));
        }
    }

    #[test]
    fn arbitrary_file_contents_give_a_located_error(text in "\\PC{0,400}|[(){}\\[\\]\":,a-z0-9 ]{0,400}") {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["graph", "corpus"] {
            copy_dir(&bundled().join(sub), &dir.path().join(sub));
        }
        let rel = "graph/provisions/cc1997-133.ron";
        fs::write(dir.path().join(rel), &text).unwrap();
        let (data, mut diags) = load(dir.path());
        if diags.is_empty() {
            diags = check(&data);
        }
        prop_assert!(diags.iter().any(|d| d.location.as_ref().is_some_and(|l| l.file == Path::new(rel))));
    }

    #[test]
    fn span_scanner_never_panics(s in "\\PC{0,300}") {
        let _ = lexchron::load::spans::SpanMap::scan(&s);
    }

    #[test]
    fn ask_never_panics(s in "\\PC{0,200}") {
        let law = lexchron::cli::open(&bundled()).unwrap();
        let i = lexchron::ask::interpret(&s, &law);
        prop_assert!(!i.commands.is_empty());
    }
}

#[test]
fn deeply_nested_input_is_rejected_with_a_location() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["graph", "corpus"] {
        copy_dir(&bundled().join(sub), &dir.path().join(sub));
    }
    let rel = "graph/provisions/cc1997-128.ron";
    fs::write(dir.path().join(rel), "(".repeat(100_000)).unwrap();
    let (_, diags) = load(dir.path());
    let d = diags
        .iter()
        .find(|d| d.message.contains("cc1997-128.ron"))
        .expect("the nested file is rejected");
    assert_eq!(d.location.as_ref().map(|l| l.line), Some(1), "{d}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any line typed into the REPL gets an answer or an error; only `:quit` ends it.
    #[test]
    fn repl_lines_never_panic_or_end_the_session(line in "(:|show |covers |search |ask )?\\PC{0,120}") {
        let mut env = lexchron::cli::Env::bundled("2026-11-24".parse().unwrap());
        env.default_data = bundled();
        let law = lexchron::cli::open(&bundled()).unwrap();
        let mut s = lexchron::session::Session::new(lexchron::exec::Engine::new(law, env.today, None), env);
        let reply = s.handle(&line);
        let quits = [":quit", ":q", ":exit"].contains(&line.split_whitespace().next().unwrap_or(""));
        prop_assert_eq!(reply.quit, quits);
    }

    /// Russian, Kazakh, mixed scripts, emoji and citation-shaped fragments, up to very long
    /// input: `ask` always gives commands and the reference parser a located error or a ref.
    #[test]
    fn mixed_script_questions_and_citations_never_panic(
        parts in proptest::collection::vec(
            "(ст\\. ?|ч\\. |п\\. «|»|статьи |128|-бап|-бабының |2-бөлігі|УК РК |1997 года|2014 жылғы|ҚК |Art\\. |\\(|\\)|part |в начале |2012 года|весной |до закона |после |292-VI|кейін |жылы |🙂|👩‍⚖️|ǅ|İ|ß|\\u{0301}|[a-zа-яәғқңөұүһі]{1,8}| |[0-9]{1,5})",
            0..120,
        ),
        repeat in 1usize..40,
    ) {
        let q = parts.concat().repeat(if parts.len() < 8 { repeat } else { 1 });
        // One law for every case: opening it is the slow part, interpreting is not.
        let i = LAW.with(|law| lexchron::ask::interpret(&q, law));
        prop_assert!(!i.commands.is_empty());
        if let Err(e) = lexchron::query::Ref::parse(&q) {
            prop_assert!(e.start <= q.chars().count());
        }
    }

    /// Long adversarial questions are interpreted (or fall back to search) without blowing up.
    #[test]
    fn long_questions_are_handled(word in "(article|between|2008|ст\\.|\\(|trafficking|in) ", n in 1usize..400) {
        let law = lexchron::cli::open(&bundled()).unwrap();
        let q = word.repeat(n);
        let i = lexchron::ask::interpret(&q, &law);
        prop_assert!(!i.commands.is_empty());
    }
}
