//! Validation on the real text (ignored: the official text is never in the repository).
//! Point `LEXCHRON_REAL_TEXT` at a directory of chapter files read from the public mirror,
//! named `<code>@<version date>@<commit>@<file>.md`, and run
//! `cargo test --test real_text -- --ignored --nocapture`. It prints the share of sanctions
//! the parser reads, every refusal, and how the parsed penalties agree with the curated
//! editions in force on the version date, part by part.
//!
//! Point `LEXCHRON_REAL_CLONE` at a git repository in the mirror's layout (a clone of
//! `kazakhstan-law/codes`, or a mini-clone built from files read from it, see
//! `tools/realclone.py`) and the second test walks every version of both codes, counts the
//! sanctions of every file of every version by code and version, imports the whole clone
//! into a temporary directory and prints the import's figures and every disagreement with
//! the curated data.

use lexchron::import::git::{CodeId, Mirror};
use lexchron::import::sanction::sanction_report;
use lexchron::import::{CodeStyle, Options, import, parse_chapter};
use lexchron::load::load;
use lexchron::model::{FineUnit, Imprisonment, Penalty, Provision};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The fields both sides state the same way: the term (months), life, death, confiscation
/// and the largest MCI fine. Other measures are free text in the curated data.
fn key(p: &Penalty) -> String {
    let term = match p.imprisonment {
        Imprisonment::None => "no prison".to_string(),
        Imprisonment::Unknown => "prison ?".to_string(),
        Imprisonment::Term { min, max } => {
            format!(
                "prison {}–{max} mo",
                min.map_or("·".into(), |m| m.to_string())
            )
        }
    };
    let mci = p
        .fines
        .iter()
        .filter(|f| f.unit == FineUnit::Mci)
        .filter_map(|f| f.max)
        .max()
        .map_or(String::new(), |m| format!(", fine ≤ {m} MCI"));
    format!(
        "{term}{}{}, confiscation {}{mci}",
        if p.life { ", life" } else { "" },
        if p.death { ", death" } else { "" },
        p.confiscation.as_str()
    )
}

#[test]
#[ignore = "needs official chapter files outside the repository (LEXCHRON_REAL_TEXT)"]
fn real_chapters_parse_and_agree_with_the_curated_data() {
    let Some(dir) = std::env::var_os("LEXCHRON_REAL_TEXT").map(PathBuf::from) else {
        eprintln!("LEXCHRON_REAL_TEXT is not set: nothing to validate");
        return;
    };
    let (ds, _) = load(Path::new(env!("CARGO_MANIFEST_DIR")));
    let curated = |code: &str, article: &str| -> Option<&Provision> {
        ds.provisions
            .iter()
            .map(|(p, _)| p)
            .find(|p| p.code == code && p.article == article)
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("LEXCHRON_REAL_TEXT is a directory")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let mut report = String::new();
    let (mut parsed, mut total, mut compared, mut agreed) = (0, 0, 0, 0);
    let mut misses = String::new();
    let mut disagreements = String::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let fields: Vec<&str> = name.trim_end_matches(".md").split('@').collect();
        let [code, date, commit, file] = fields[..] else {
            panic!("{name}: expected <code>@<date>@<commit>@<file>.md");
        };
        let day: chrono::NaiveDate = date.parse().expect("a version date");
        let style = CodeStyle::from_code(code).expect("cc1997 or cc2014");
        let text = std::fs::read_to_string(f).unwrap();
        let ch = parse_chapter(&text, style);
        let (mut fp, mut ft) = (0, 0);
        for a in &ch.articles {
            let edition = curated(code, &a.number)
                .and_then(|p| p.versions.iter().find(|v| v.covers_day(day)));
            for part in &a.parts {
                let Some(s) = &part.sanction else { continue };
                ft += 1;
                match &s.penalty {
                    Ok(pen) => {
                        fp += 1;
                        if let Some(v) = edition {
                            let mine = v.parts.iter().find(|q| q.part == part.part);
                            if let Some(cp) = mine.and_then(|q| q.penalty.as_ref()) {
                                compared += 1;
                                if key(cp) == key(pen) {
                                    agreed += 1;
                                } else {
                                    let _ = writeln!(
                                        disagreements,
                                        "- {code}:{}.{} on {date}: parsed `{}`, curated `{}` (edition from {})",
                                        a.number,
                                        part.part,
                                        key(pen),
                                        key(cp),
                                        v.valid_from
                                    );
                                }
                            }
                        }
                    }
                    Err(e) => {
                        let _ = writeln!(
                            misses,
                            "- {file} ({code}, {commit}) line {}, art. {} part {}: {}",
                            s.line, a.number, part.part, e.reason
                        );
                    }
                }
            }
        }
        let _ = writeln!(
            report,
            "| {code} | {date} | `{commit}` | {file} | {} | {fp} / {ft} |",
            ch.articles.len()
        );
        parsed += fp;
        total += ft;
    }
    println!(
        "| Code | Version | Commit | File | Articles | Sanctions parsed |\n|---|---|---|---|---:|---:|\n{report}"
    );
    println!(
        "Sanctions parsed: {parsed} of {total} ({:.1} %)",
        100.0 * parsed as f64 / total.max(1) as f64
    );
    println!(
        "Parts compared with curated editions: {compared}; agreeing on term, life, death, confiscation and MCI fine: {agreed}"
    );
    println!("\nRefused sanctions:\n{misses}\nDisagreements:\n{disagreements}");
    assert!(total > 0, "no sanctions found in {}", dir.display());
}

#[test]
#[ignore = "needs a clone of the official mirror outside the repository (LEXCHRON_REAL_CLONE)"]
fn a_real_clone_imports_and_its_figures_are_reported() {
    let Some(clone) = std::env::var_os("LEXCHRON_REAL_CLONE").map(PathBuf::from) else {
        eprintln!("LEXCHRON_REAL_CLONE is not set: nothing to import");
        return;
    };
    let mirror = Mirror::open(&clone).expect("a git repository");
    let mut table = String::new();
    let mut misses = String::new();
    let (mut all_parsed, mut all_total) = (0, 0);
    for code in CodeId::ALL {
        let walk = mirror
            .versions(code, None, &Default::default())
            .expect("the history reads");
        let style = CodeStyle::from_code(code.id()).unwrap();
        for v in &walk.versions {
            let (mut parsed, mut total, mut articles) = (0, 0, 0);
            for f in &v.rus {
                let md = mirror.read_text(&f.blob, &v.commit).unwrap();
                articles += parse_chapter(&md, style).articles.len();
                let r = sanction_report(&md, style);
                parsed += r.parsed;
                total += r.total;
                for m in r.misses {
                    let _ = writeln!(
                        misses,
                        "- {}/{} ({}, {}) line {}, art. {} part {}: {}",
                        v.folder,
                        f.path,
                        code.id(),
                        v.short(),
                        m.line,
                        m.article,
                        m.part,
                        m.reason
                    );
                }
            }
            let day = v
                .meta
                .version_date
                .map_or("undated".to_string(), |d| d.to_string());
            let layout = if v.folder.matches('/').count() == 2 {
                "nested"
            } else {
                "flat"
            };
            let _ = writeln!(
                table,
                "| {} | {day} | {layout} | {} | {articles} | {parsed} / {total} |",
                code.id(),
                v.rus.len()
            );
            all_parsed += parsed;
            all_total += total;
        }
    }
    println!(
        "| Code | Version | Layout | Files | Articles | Sanctions parsed |\n|---|---|---|---:|---:|---:|\n{table}"
    );
    println!(
        "Sanctions parsed over every version: {all_parsed} of {all_total} ({:.1} %)\n\nRefused:\n{misses}",
        100.0 * all_parsed as f64 / all_total.max(1) as f64
    );
    let tmp = tempfile::tempdir().unwrap();
    let opts = Options {
        clone: clone.clone(),
        out: tmp.path().join("data"),
        codes: CodeId::ALL.to_vec(),
        bundled: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
    };
    let summary = import(&opts, &|_| {}).expect("the clone imports");
    for c in &summary.codes {
        println!(
            "{}: {} versions, {} articles, {} editions, sanctions of the editions read {} / {}",
            c.code, c.versions, c.articles, c.editions, c.sanctions_read, c.sanctions
        );
    }
    // Parts both sides state a penalty for, in the curated editions the import covers
    // (the edition in force on the curated start, or one starting within a week of it).
    let (ds, _) = load(Path::new(env!("CARGO_MANIFEST_DIR")));
    let shadow = opts.out.join("import/shadow");
    let (mut editions, mut parts) = (0, 0);
    for f in std::fs::read_dir(&shadow).into_iter().flatten().flatten() {
        let text = std::fs::read_to_string(f.path()).unwrap();
        let imported: Provision = ron::from_str(&text).expect("a shadow provision");
        let Some((cur, _)) = ds
            .provisions
            .iter()
            .find(|(p, _)| p.code == imported.code && p.article == imported.article)
        else {
            continue;
        };
        for cv in &cur.versions {
            let near = |v: &&lexchron::model::Version| {
                v.covers_day(cv.valid_from) || (v.valid_from - cv.valid_from).num_days().abs() <= 7
            };
            let Some(iv) = imported.versions.iter().find(near) else {
                continue;
            };
            editions += 1;
            parts += cv
                .parts
                .iter()
                .filter(|cp| cp.penalty.is_some())
                .filter(|cp| {
                    iv.parts
                        .iter()
                        .any(|ip| ip.part == cp.part && ip.penalty.is_some())
                })
                .count();
        }
    }
    let differing: std::collections::BTreeSet<(String, String, String)> = summary
        .disagreements
        .iter()
        .filter_map(|d| {
            d.part
                .clone()
                .map(|p| (d.reference.clone(), d.valid_from.clone(), p))
        })
        .collect();
    println!(
        "curated provisions kept: {}; curated editions compared: {editions}, parts with a penalty on both sides: {parts}, parts that differ: {}; disagreements: {}",
        summary.curated,
        differing.len(),
        summary.disagreements.len()
    );
    for d in &summary.disagreements {
        println!("- {d}");
    }
    for p in &summary.problems {
        println!(
            "problem: {}:{} art. {}: {}",
            p.file, p.line, p.article, p.message
        );
    }
    assert!(all_total > 0, "no sanctions found in {}", clone.display());
    assert!(summary.codes.iter().any(|c| c.editions > 0));
}
