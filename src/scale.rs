//! The scale corpus: a synthetic but valid data set in the same RON layout, deterministic
//! from a seed, for benchmarks and for testing that `check` and the queries scale.
//!
//! Text is drawn from the words of the bundled corpus so that full-text search has realistic
//! vocabulary, and written inline in each version (`text:`), one file per article. The generator refuses to write into a non-empty directory, so it can never
//! overwrite anyone's data.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// SplitMix64: tiny, fast, and stable across releases, so a seed always gives the same data
/// (library RNGs do not promise that across versions). Public so the benchmarks' synthetic
/// mirror draws from the same generator.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    pub versions: usize,
    pub codes: usize,
    pub seed: u64,
}

/// Counts of what was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub codes: usize,
    pub acts: usize,
    pub provisions: usize,
    pub versions: usize,
}

const TOPICS: &[&str] = &[
    "trafficking",
    "labor-trafficking",
    "sex-trafficking",
    "child-trafficking",
    "organ-removal",
    "prostitution",
    "brothel",
    "illegal-migration",
    "kidnapping",
    "deprivation-of-liberty",
];
const ACTS_PER_CODE: usize = 60;

fn date(day_index: u64) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(1990, 1, 1).expect("valid date")
        + chrono::Duration::days(day_index as i64)
}

/// Writes a data set under `out` (which must be missing or empty).
pub fn generate(spec: &Spec, vocabulary: &[String], out: &Path) -> Result<Written, String> {
    if out.exists()
        && fs::read_dir(out)
            .map_err(|e| e.to_string())?
            .next()
            .is_some()
    {
        return Err(format!(
            "{} is not empty; the generator only writes into a new or empty directory",
            out.display()
        ));
    }
    if spec.codes == 0 || spec.versions == 0 {
        return Err("--codes and --versions must be at least 1".into());
    }
    let words: Vec<&str> = if vocabulary.is_empty() {
        vec!["offence", "penalty", "person", "exploitation"]
    } else {
        vocabulary.iter().map(String::as_str).collect()
    };
    let mut rng = Rng(spec.seed);
    let w = |p: &Path, text: &str| -> Result<(), String> {
        if let Some(d) = p.parent() {
            fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
        }
        fs::write(p, text).map_err(|e| format!("{}: {e}", p.display()))
    };
    let mut written = Written {
        codes: spec.codes,
        ..Written::default()
    };

    // Vocabulary and one source every edition cites.
    let mut topics = String::from("[\n");
    for t in TOPICS {
        let _ = writeln!(
            topics,
            "    Topic(id: \"{t}\", label: \"{t}\", description: \"Generated topic {t}.\"),"
        );
    }
    topics.push_str("]\n");
    w(&out.join("graph/topics.ron"), &topics)?;
    w(
        &out.join("graph/sources/gen-source.ron"),
        "Source(id: \"gen-source\", kind: Secondary, title: \"Generated data\", dated: \"2026-01-01\")\n",
    )?;
    w(
        &out.join("corpus/sources/gen-source.md"),
        "Synthetic data written by `lexchron gen` for scale tests; it describes no real law.\n",
    )?;

    // Codes, each with its adopting act and a sorted series of amending acts.
    let mut codes = String::from("[\n");
    let mut act_days: Vec<Vec<u64>> = Vec::new();
    for c in 0..spec.codes {
        let id = format!("g{c:03}");
        let _ = writeln!(
            codes,
            "    Code(id: \"{id}\", title: \"Generated code {c}\", act: \"{id}-code\", in_force: \"1990-01-01\", sources: [Cite(source: \"gen-source\", locator: \"code {c}\")]),"
        );
        w(
            &out.join(format!("graph/acts/{id}-code.ron")),
            &format!(
                "Act(id: \"{id}-code\", kind: Code, number: \"{c}\", title: \"Generated code {c}\", signed: \"1989-12-01\", in_force: \"1990-01-01\", in_force_confidence: A, sources: [Cite(source: \"gen-source\", locator: \"code {c}\")])\n"
            ),
        )?;
        let mut days: Vec<u64> = (0..ACTS_PER_CODE)
            .map(|_| 1 + rng.below(35 * 365))
            .collect();
        days.sort_unstable();
        days.dedup();
        for (i, d) in days.iter().enumerate() {
            let day = date(*d);
            w(
                &out.join(format!("graph/acts/{id}-a{i:03}.ron")),
                &format!(
                    "Act(id: \"{id}-a{i:03}\", kind: Law, number: \"{i}\", title: \"Generated amending law {i}\", signed: \"{day}\", in_force: \"{day}\", in_force_confidence: A, sources: [Cite(source: \"gen-source\", locator: \"act {i}\")])\n"
                ),
            )?;
        }
        written.acts += days.len() + 1;
        act_days.push(days);
    }
    codes.push_str("]\n");
    w(&out.join("graph/codes.ron"), &codes)?;

    let mut links: Vec<(std::path::PathBuf, String)> = Vec::new();
    // Provisions: each takes 1-8 editions, starting at the code's start and then at acts.
    let mut remaining = spec.versions;
    let mut article = 0usize;
    while remaining > 0 {
        let c = article % spec.codes;
        let code = format!("g{c:03}");
        let art = format!("{}", article / spec.codes + 1);
        let days = &act_days[c];
        let n = (1 + rng.below(8) as usize)
            .min(remaining)
            .min(days.len() + 1);
        let mut starts: Vec<usize> = (0..days.len()).collect();
        // Choose n-1 distinct act indexes for the amendments, kept in order.
        for i in 0..starts.len() {
            let j = i + rng.below((starts.len() - i) as u64) as usize;
            starts.swap(i, j);
        }
        let mut chosen: Vec<usize> = starts.into_iter().take(n - 1).collect();
        chosen.sort_unstable();
        let topic_a = TOPICS[rng.below(TOPICS.len() as u64) as usize];
        let topic_b = TOPICS[rng.below(TOPICS.len() as u64) as usize];
        let mut ron = format!(
            "Provision(\n    code: \"{code}\",\n    article: \"{art}\",\n    subject: \"generated article {art}\",\n    kind: Offence,\n"
        );
        // Link every article of a code to the same article of the next code (forward only,
        // so no cycle), when that code exists.
        if c + 1 < spec.codes {
            links.push((
                out.join(format!("graph/provisions/{code}-{art}.ron")),
                format!("graph/provisions/g{:03}-{art}.ron", c + 1),
            ));
            let _ = writeln!(
                ron,
                "    renumbered_as: [Renumbering(to: \"g{:03}:{art}\", date: \"1990-01-01\", act: \"g{:03}-code\", confidence: C, sources: [Cite(source: \"gen-source\", locator: \"link\")])],",
                c + 1,
                c + 1
            );
        }
        ron.push_str("    versions: [\n");
        let mut base = 12 + rng.below(60) as u32;
        for e in 0..n {
            let (from, act) = if e == 0 {
                (date(0), format!("{code}-code"))
            } else {
                (
                    date(days[chosen[e - 1]]),
                    format!("{code}-a{:03}", chosen[e - 1]),
                )
            };
            let to = if e + 1 < n {
                Some(date(days[chosen[e]]).pred_opt().expect("after 1990"))
            } else {
                None
            };
            base += rng.below(24) as u32;
            let valid_to = to.map_or("None".to_string(), |d| format!("\"{d}\""));
            let _ = write!(
                ron,
                "        Version(valid_from: \"{from}\", valid_to: {valid_to}, enacted_by: \"{act}\", title: \"Generated offence {art}\", changes: \"Edition {e}.\", topics: [\"{topic_a}\"], parts: ["
            );
            for p in 1..=3u32 {
                let max = base * p;
                let _ = write!(
                    ron,
                    "Part(part: \"{p}\", features: \"Aggravation level {p}.\", penalty: Penalty(imprisonment: Term(min: {}, max: {max}), confiscation: Optional), topics: [\"{topic_b}\"]), ",
                    max / 2
                );
            }
            // Text inline: a file per edition would mean a million files to check for
            // changes at every start.
            let mut text = String::new();
            for i in 0..40 {
                if i > 0 {
                    text.push(' ');
                }
                text.push_str(words[rng.below(words.len() as u64) as usize]);
            }
            text.push('.');
            let text = text.replace(['\\', '"'], "");
            let _ = writeln!(
                ron,
                "], text: \"{text}\", confidence: B, sources: [Cite(source: \"gen-source\", locator: \"generated\")]),"
            );
        }
        ron.push_str("    ],\n)\n");
        w(
            &out.join(format!("graph/provisions/{code}-{art}.ron")),
            &ron,
        )?;
        written.provisions += 1;
        written.versions += n;
        remaining -= n;
        article += 1;
    }
    // The last round may stop before every code has an article; drop links to those.
    for (file, target) in links {
        if !out.join(&target).exists() {
            let text = fs::read_to_string(&file).map_err(|e| e.to_string())?;
            let kept: Vec<&str> = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("renumbered_as:"))
                .collect();
            w(&file, &(kept.join("\n") + "\n"))?;
        }
    }
    Ok(written)
}

/// Words of the bundled corpus, for realistic generated text.
pub fn vocabulary(texts: impl Iterator<Item = String>) -> Vec<String> {
    let mut words: Vec<String> = texts
        .flat_map(|t| {
            t.split(|c: char| !c.is_alphabetic())
                .filter(|w| w.len() > 3)
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect();
    words.sort();
    words.dedup();
    words
}
