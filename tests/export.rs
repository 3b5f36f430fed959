//! `lexchron export`: the Turtle loaded into Oxigraph and queried in SPARQL, counts against
//! the data, the CSV read back, the JSON-LD parsed, and the error cases through the binary.

mod common;
use common::bundled;

use assert_cmd::Command;
use lexchron::model::{Imprisonment, Provision, Version};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use predicates::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const PREFIXES: &str = "PREFIX eli: <http://data.europa.eu/eli/ontology#>\n\
     PREFIX lx: <https://example.org/lexchron/vocab#>\n\
     PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n";

fn lexchron(cache: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lexchron").expect("binary builds");
    cmd.env("LEXCHRON_TODAY", "2026-11-24")
        .env("LEXCHRON_CACHE", cache)
        .env_remove("LEXCHRON_DATA");
    cmd
}

/// Runs `export` with `args` into a file in a fresh directory and returns its bytes.
fn export(args: &[&str]) -> Vec<u8> {
    export_from(None, args)
}

/// [`export`] over the data directory `data` (the bundled data when `None`).
fn export_from(data: Option<&Path>, args: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("law.out");
    let mut cmd = lexchron(&dir.path().join("cache"));
    if let Some(data) = data {
        cmd.arg("--data").arg(data);
    }
    cmd.arg("export")
        .args(args)
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote "));
    let names: Vec<String> = fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.ends_with(".tmp")),
        "temporary file left: {names:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&out).expect("written").permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o644,
            "an ordinary file, not a private temporary one"
        );
    }
    fs::read(&out).expect("export written")
}

fn store_of(turtle: &[u8]) -> Store {
    let store = Store::new().expect("memory store");
    store
        .load_from_reader(RdfFormat::Turtle, turtle)
        .expect("the export is valid Turtle");
    store
}

/// The rows of a SELECT, each as the variables' values in order (literals by their lexical
/// form, IRIs as strings, unbound as "").
fn select(store: &Store, query: &str, vars: &[&str]) -> Vec<Vec<String>> {
    let QueryResults::Solutions(solutions) = store
        .query(format!("{PREFIXES}{query}").as_str())
        .expect("query runs")
    else {
        panic!("not a SELECT")
    };
    solutions
        .map(|s| {
            let s = s.expect("solution");
            vars.iter()
                .map(|v| match s.get(*v) {
                    Some(Term::Literal(l)) => l.value().to_string(),
                    Some(Term::NamedNode(n)) => n.as_str().to_string(),
                    Some(t) => t.to_string(),
                    None => String::new(),
                })
                .collect()
        })
        .collect()
}

fn count(store: &Store, pattern: &str) -> usize {
    let rows = select(
        store,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"),
        &["n"],
    );
    rows[0][0].parse().expect("a count")
}

fn law() -> lexchron::graph::Law {
    lexchron::cli::open(&bundled()).expect("bundled data is valid")
}

/// The question in the README: which edition of 1997 art. 128 applied on 1 June 2005, and
/// the longest term it allowed.
const LAWYERS_QUESTION: &str = r#"
SELECT ?edition ?from ?to ?title (MAX(?max) AS ?maximum) WHERE {
  ?provision eli:id_local "cc1997:128" ;
             eli:is_realized_by ?edition .
  ?edition eli:version_date ?from ;
           eli:title ?title ;
           eli:has_part ?part .
  OPTIONAL { ?edition eli:date_no_longer_in_force ?to }
  FILTER (lang(?title) = "en")
  FILTER (?from <= "2005-06-01"^^xsd:date && (!BOUND(?to) || ?to >= "2005-06-01"^^xsd:date))
  ?part lx:maxImprisonmentMonths ?max .
}
GROUP BY ?edition ?from ?to ?title
"#;

#[test]
fn sparql_over_the_turtle_answers_which_edition_applied_and_its_maximum() {
    let store = store_of(&export(&["--format", "turtle"]));
    let rows = select(
        &store,
        LAWYERS_QUESTION,
        &["edition", "from", "to", "title", "maximum"],
    );
    assert_eq!(
        rows,
        vec![vec![
            "https://example.org/lexchron/cc1997/128/2003-07-09".to_string(),
            "2003-07-09".into(),
            "2006-03-01".into(),
            "Recruitment, export and transit of people for exploitation".into(),
            "96".into(),
        ]]
    );
    // The same answer as the point-in-time query of the CLI (part 3's 3-8 years).
    let law = law();
    let p = law.provision(law.by_ref("cc1997:128").expect("in the data"));
    let v = p
        .versions
        .iter()
        .find(|v| v.covers_day("2005-06-01".parse().unwrap()))
        .expect("an edition that day");
    let max = v
        .parts
        .iter()
        .filter_map(|pt| pt.penalty.as_ref()?.imprisonment.max_months())
        .max();
    assert_eq!(max, Some(96));
}

#[test]
fn numbers_of_provisions_editions_parts_and_acts_equal_the_data() {
    let store = store_of(&export(&[]));
    let law = law();
    let provisions: Vec<&Provision> = law.provisions().collect();
    let editions: usize = provisions.iter().map(|p| p.versions.len()).sum();
    let parts: usize = provisions
        .iter()
        .flat_map(|p| &p.versions)
        .map(|v| v.parts.len())
        .sum();
    assert!(provisions.len() > 10 && editions > provisions.len());
    assert_eq!(count(&store, "?p a lx:Provision"), provisions.len());
    assert_eq!(
        count(
            &store,
            "?p a eli:LegalResource ; eli:is_part_of ?code . ?code a lx:Code"
        ),
        provisions.len()
    );
    assert_eq!(count(&store, "?e a eli:LegalExpression"), editions);
    assert_eq!(
        count(&store, "?e eli:realizes ?p . ?p a lx:Provision"),
        editions
    );
    assert_eq!(count(&store, "?x a lx:Part"), parts);
    assert_eq!(count(&store, "?x a lx:Act"), law.acts().count());
    assert_eq!(count(&store, "?x a lx:Code"), law.codes().count());
    // Every edition carries its grade and at least one citation of a known source.
    assert_eq!(
        count(&store, "?e a lx:Edition ; lx:confidence ?g"),
        editions
    );
    assert_eq!(
        count(
            &store,
            "?e a lx:Edition . FILTER NOT EXISTS { ?e lx:citation/lx:source/a lx:Source }"
        ),
        0
    );
    // Every edition names the act that made it, and that act is in the export with a date.
    assert_eq!(
        count(
            &store,
            "?e lx:enactedBy ?a . ?a a lx:Act ; eli:date_document ?d"
        ),
        editions
    );
    // Renumbering: one triple per link in the data.
    let links: usize = provisions.iter().map(|p| p.renumbered_as.len()).sum();
    assert!(links > 0);
    assert_eq!(count(&store, "?a lx:renumberedAs ?b"), links);
    assert_eq!(
        select(
            &store,
            r#"SELECT ?to WHERE { ?p eli:id_local "cc1997:133" ; lx:renumberedAs/eli:id_local ?to }"#,
            &["to"]
        ),
        vec![vec!["cc2014:135".to_string()]]
    );
}

#[test]
fn at_a_date_only_the_editions_in_force_that_day_are_written() {
    let store = store_of(&export(&["--at", "2005-06-01"]));
    let day: lexchron::model::Date = "2005-06-01".parse().unwrap();
    let law = law();
    let in_force: Vec<(String, &Version)> = law
        .provisions()
        .flat_map(|p| {
            p.versions
                .iter()
                .filter(|v| v.covers_day(day))
                .map(move |v| (p.reference(), v))
        })
        .collect();
    assert!(!in_force.is_empty());
    assert_eq!(count(&store, "?e a lx:Edition"), in_force.len());
    // Provisions without an edition that day (the whole 2014 code) are left out.
    assert_eq!(count(&store, "?p a lx:Provision"), in_force.len());
    assert_eq!(
        count(
            &store,
            r#"?e eli:version_date ?from . FILTER (?from > "2005-06-01"^^xsd:date)"#
        ),
        0
    );
    assert_eq!(
        count(&store, r#"?p eli:is_part_of/eli:id_local "cc2014""#),
        0
    );
}

#[test]
fn json_ld_parses_to_the_same_triples_as_the_turtle() {
    let turtle = export(&["--format", "turtle"]);
    let jsonld = export(&["--format", "jsonld"]);
    let parse = |format: RdfFormat, bytes: &[u8]| -> BTreeSet<String> {
        RdfParser::from_format(format)
            .for_reader(bytes)
            .map(|q| q.expect("parses").to_string())
            .collect()
    };
    let from_turtle = parse(RdfFormat::Turtle, &turtle);
    let from_jsonld = parse(
        RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfile::Streaming.into(),
        },
        &jsonld,
    );
    assert!(from_turtle.len() > 1000);
    assert_eq!(from_turtle, from_jsonld);
    // And the document is plain JSON for tools that read it as such.
    let v: serde_json::Value = serde_json::from_slice(&jsonld).expect("valid JSON");
    assert!(v["@graph"].as_array().is_some_and(|g| !g.is_empty()));
}

/// The cells we expect for one edition part, computed here from the model.
fn expected_row(p: &Provision, v: &Version, i: usize) -> Vec<String> {
    let pt = &v.parts[i];
    let pen = pt.penalty.as_ref();
    let (min, max) = match pen.map(|x| x.imprisonment) {
        Some(Imprisonment::Term { min, max }) => (
            min.map(|m| m.to_string()).unwrap_or_default(),
            max.to_string(),
        ),
        _ => (String::new(), String::new()),
    };
    let fines = pen.map(|x| x.fines.clone()).unwrap_or_default();
    let opt = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let mut sources: Vec<String> = v.sources.iter().map(|c| c.source.clone()).collect();
    for c in &pt.sources {
        if !sources.contains(&c.source) {
            sources.push(c.source.clone());
        }
    }
    vec![
        format!("{}:{}", p.code, p.article),
        p.code.clone(),
        p.article.clone(),
        pt.part.clone(),
        v.valid_from.to_string(),
        v.valid_to.map(|d| d.to_string()).unwrap_or_default(),
        v.title.clone(),
        min,
        max,
        pen.map(|x| x.life.to_string()).unwrap_or_default(),
        pen.map(|x| x.death.to_string()).unwrap_or_default(),
        pen.map(|x| x.confiscation.as_str().to_string())
            .unwrap_or_default(),
        fines
            .iter()
            .map(|f| opt(f.min))
            .collect::<Vec<_>>()
            .join(";"),
        fines
            .iter()
            .map(|f| opt(f.max))
            .collect::<Vec<_>>()
            .join(";"),
        fines
            .iter()
            .map(|f| match f.unit {
                lexchron::model::FineUnit::Mci => "MCI",
                lexchron::model::FineUnit::MonthsIncome => "months-of-income",
                lexchron::model::FineUnit::Unknown => "unknown",
                lexchron::model::FineUnit::Multiple => "multiple",
            })
            .collect::<Vec<_>>()
            .join(";"),
        pen.map(|x| {
            let mut all: Vec<String> = x.measures.iter().map(|m| m.summary()).collect();
            all.extend(x.other.iter().cloned());
            all.join(";")
        })
        .unwrap_or_default(),
        v.enacted_by.clone(),
        pt.confidence.unwrap_or(v.confidence).to_string(),
        sources.join(";"),
    ]
}

#[test]
fn csv_reads_back_as_one_row_per_edition_part() {
    let bytes = export(&["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        header.join(","),
        "ref,code,article,part,valid_from,valid_to,title,min_months,max_months,life,death,\
         confiscation,fine_min,fine_max,fine_unit,other,enacted_by,confidence,sources"
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("record").iter().map(String::from).collect())
        .collect();
    let law = law();
    let mut expected = Vec::new();
    for p in law.provisions() {
        for v in &p.versions {
            if v.parts.is_empty() {
                continue;
            }
            for i in 0..v.parts.len() {
                expected.push(expected_row(p, v, i));
            }
        }
    }
    let with_parts: Vec<Vec<String>> = rows.iter().filter(|r| !r[3].is_empty()).cloned().collect();
    assert_eq!(with_parts, expected);
    // A part with two fines lists both, in order, in the three fine columns.
    let two = rows
        .iter()
        .find(|r| r[0] == "cc1997:128" && r[3] == "1" && r[4] == "1998-01-01")
        .expect("1997 art. 128 part 1");
    assert_eq!(
        (&*two[12], &*two[13], &*two[14]),
        ("100;2", "500;5", "MCI;months-of-income")
    );
    assert_eq!((&*two[7], &*two[8], &*two[10]), ("", "12", "false"));
    assert_eq!(
        two[15],
        "correctional labour up to 2 years;restriction of freedom up to 2 years;arrest up to 6 months"
    );
}

#[test]
fn stdout_and_file_and_warm_start_give_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().join("cache");
    let run = || {
        lexchron(&cache)
            .args(["export", "--format", "csv"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    // The first run builds the snapshot; the second decodes provisions from it lazily.
    let (cold, warm) = (run(), run());
    assert!(fs::read_dir(&cache).expect("snapshot written").count() > 0);
    assert_eq!(cold, warm);
    assert_eq!(cold, export(&["--format", "csv"]));
    let turtle = || {
        lexchron(&cache)
            .args(["export", "--at", "2010-01-01"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(turtle(), export(&["--at", "2010-01-01"]));
}

#[test]
fn base_names_the_iris() {
    let store = store_of(&export(&["--base", "https://law.example/kz"]));
    assert_eq!(
        select(
            &store,
            r#"SELECT ?p WHERE { ?p eli:id_local "cc2014:128" }"#,
            &["p"]
        ),
        vec![vec!["https://law.example/kz/cc2014/128".to_string()]]
    );
}

#[test]
fn bad_requests_fail_clearly_and_leave_no_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().join("cache");
    let kept = dir.path().join("kept.ttl");
    fs::write(&kept, "old content").unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["--format", "xml"],
            "possible values: table, json, turtle, jsonld, csv",
        ),
        (
            &["--format", "json"],
            "`export` writes turtle, jsonld or csv",
        ),
        (&["--base", "not an iri"], "--base is not an absolute IRI"),
        (&["--at", "2005-13-01"], "does not exist in the calendar"),
        (&["--at", "someday"], "error:"),
    ];
    for (args, message) in cases {
        lexchron(&cache)
            .arg("export")
            .args(args)
            .arg("--out")
            .arg(&kept)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message));
        assert_eq!(fs::read_to_string(&kept).unwrap(), "old content");
    }
    let missing = dir.path().join("no-such-dir").join("law.ttl");
    lexchron(&cache)
        .args(["export", "--out"])
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot create a file in"))
        .stderr(predicate::str::contains("nothing was written"));
    assert!(!missing.parent().unwrap().exists());
    lexchron(&cache)
        .args(["export", "--out"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("it is a directory"))
        .stderr(predicate::str::contains("existing, writable directory"));
    // Export formats are for `export` only.
    lexchron(&cache)
        .args(["show", "cc1997:128", "--format", "turtle"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "this format is for `lexchron export`",
        ));
    let left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "cache")
        .collect();
    assert_eq!(left, vec!["kept.ttl".to_string()]);
}

#[test]
fn invalid_data_is_refused_before_any_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    common::copy_data_to(&data);
    let file = data.join("graph/provisions/cc1997-128.ron");
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("valid_to: \"2003-07-08\""));
    fs::write(
        &file,
        text.replacen("valid_to: \"2003-07-08\"", "valid_to: \"2003-07-20\"", 1),
    )
    .unwrap();
    let out = dir.path().join("law.ttl");
    lexchron(&dir.path().join("cache"))
        .arg("--data")
        .arg(&data)
        .args(["export", "--out"])
        .arg(&out)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("nothing was answered"));
    assert!(!out.exists());
}

#[test]
fn every_vocabulary_term_the_export_uses_is_defined_in_docs_vocab_ttl() {
    let vocab = fs::read(bundled().join("docs/vocab.ttl")).expect("docs/vocab.ttl");
    let defined = store_of(&vocab);
    let ns = "https://example.org/lexchron/vocab#";
    let terms: BTreeSet<String> = select(
        &defined,
        &format!("SELECT ?t WHERE {{ ?t a ?k . FILTER (STRSTARTS(STR(?t), \"{ns}\")) }}"),
        &["t"],
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    let store = store_of(&export(&[]));
    let used: BTreeSet<String> = select(
        &store,
        "SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?s a ?t } }",
        &["t"],
    )
    .into_iter()
    .map(|r| r[0].clone())
    .filter(|t| t.starts_with(ns))
    .collect();
    assert!(used.len() > 20);
    let missing: Vec<&String> = used.difference(&terms).collect();
    assert!(missing.is_empty(), "used but not defined: {missing:?}");
}

/// A scratch copy of the bundled data with each `(file, from, to)` applied once (each must
/// change its file), which `check` still accepts.
fn edited_data(dir: &Path, edits: &[(&str, &str, &str)]) -> std::path::PathBuf {
    let data = dir.join("data");
    common::copy_data_to(&data);
    for (file, from, to) in edits {
        let file = data.join(file);
        let text = fs::read_to_string(&file).unwrap();
        assert!(text.contains(from), "{from} not in {}", file.display());
        fs::write(&file, text.replacen(from, to, 1)).unwrap();
    }
    lexchron(&dir.join("cache"))
        .arg("--data")
        .arg(&data)
        .arg("check")
        .assert()
        .success();
    data
}

#[test]
fn death_penalty_and_typed_measures_reach_the_rdf_and_the_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    // 1997 art. 128 part 3 of the first edition, given the death penalty and an optional ban.
    // The corpus summary of the part must state the same sanction, or `check` refuses it.
    let data = edited_data(
        dir.path(),
        &[
            (
                "graph/provisions/cc1997-128.ron",
                "penalty: Penalty(imprisonment: Term(min: 36, max: 96), confiscation: Optional)",
                "penalty: Penalty(imprisonment: Term(min: 36, max: 96), confiscation: Optional, \
                 death: true, measures: [Measure(kind: Ban, unit: Months, max: 60, role: Optional)])",
            ),
            (
                "corpus/cc1997/128/1998-01-01.md",
                "Sanction: 3 years to 8 years in prison, with",
                "Sanction: 3 years to 8 years in prison, or the death penalty, or ban on posts or \
                 activity ≤ 5 y (optional), with",
            ),
        ],
    );
    let part = "https://example.org/lexchron/cc1997/128/1998-01-01/part/3";
    let store = store_of(&export_from(Some(&data), &[]));
    assert_eq!(
        select(&store, "SELECT ?p WHERE { ?p lx:death true }", &["p"]),
        vec![vec![part.to_string()]]
    );
    // Every part with a penalty states it, as it states `lx:life`.
    assert_eq!(
        count(&store, "?p a lx:Part ; lx:death ?d"),
        count(&store, "?p a lx:Part ; lx:life ?l")
    );
    assert_eq!(
        select(
            &store,
            &format!("SELECT ?m WHERE {{ <{part}> lx:otherMeasure ?m }}"),
            &["m"]
        ),
        vec![vec![
            "ban on posts or activity ≤ 5 y (optional)".to_string()
        ]]
    );
    let csv = export_from(Some(&data), &["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let row = rows
        .iter()
        .find(|r| r[0] == *"cc1997:128" && r[3] == *"3" && r[4] == *"1998-01-01")
        .expect("the edited part");
    assert_eq!(&row[col("death")], "true");
    assert_eq!(
        &row[col("other")],
        "ban on posts or activity ≤ 5 y (optional)"
    );
    let later = rows
        .iter()
        .find(|r| r[0] == *"cc1997:128" && r[3] == *"3" && r[4] == *"2003-07-09")
        .expect("the next edition's part 3");
    assert_eq!((&later[col("death")], &later[col("other")]), ("false", ""));
}

#[test]
fn russian_text_is_tagged_ru_and_a_russian_title_is_written_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    // What an import makes: the title is the Russian one and `title_ru` repeats it; the
    // part's wording is Russian too (words we invent).
    let data = edited_data(
        dir.path(),
        &[
            (
                "graph/provisions/cc1997-128.ron",
                "title: \"Recruitment of people for exploitation\"",
                "title: \"Вербовка людей для эксплуатации\"",
            ),
            (
                "graph/provisions/cc1997-128.ron",
                "features: \"Recruiting people by deceit for sexual or other exploitation.\"",
                "features: \"Вербовка людей обманом ради выгоды.\"",
            ),
            (
                "corpus/cc1997/128/1998-01-01.md",
                "Part 1: Recruiting people by deceit for sexual or other exploitation.",
                "Part 1: Вербовка людей обманом ради выгоды.",
            ),
        ],
    );
    let store = store_of(&export_from(Some(&data), &[]));
    let edition = "https://example.org/lexchron/cc1997/128/1998-01-01";
    assert_eq!(
        select(
            &store,
            &format!("SELECT ?t (LANG(?t) AS ?l) WHERE {{ <{edition}> eli:title ?t }}"),
            &["t", "l"]
        ),
        vec![vec![
            "Вербовка людей для эксплуатации".to_string(),
            "ru".into()
        ]]
    );
    assert_eq!(
        select(
            &store,
            &format!("SELECT (LANG(?d) AS ?l) WHERE {{ <{edition}/part/1> eli:description ?d }}"),
            &["l"]
        ),
        vec![vec!["ru".to_string()]]
    );
    // Our English stays `@en`, and an English title keeps its Russian one beside it.
    assert_eq!(
        select(
            &store,
            &format!("SELECT (LANG(?d) AS ?l) WHERE {{ <{edition}/part/2> eli:description ?d }}"),
            &["l"]
        ),
        vec![vec!["en".to_string()]]
    );
    let next = "https://example.org/lexchron/cc1997/128/2003-07-09";
    let mut langs: Vec<String> = select(
        &store,
        &format!("SELECT (LANG(?t) AS ?l) WHERE {{ <{next}> eli:title ?t }}"),
        &["l"],
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    langs.sort();
    assert_eq!(langs, ["en", "ru"]);
}
