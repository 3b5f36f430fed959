//! Plain-language questions in English, Russian and Kazakh: turns "which articles covered
//! labor trafficking in 2008?", "Какое наказание было по ст. 133 УК 1997 года в 2010 году?" or
//! "128-бап қалай өзгерді?" into the structured command a user could have typed.
//!
//! The interpreter is rule-based and transparent. Slots are filled first: citations and code
//! words (`lang::cite`), dates (`dates`, events through the data's acts and codes), a topic
//! (the synonym vocabulary, Russian and Kazakh by stems, small misspellings tolerated). The
//! intent comes from cue words by meaning (`cues.ron`), and the slots decide the command. It
//! always shows the command it chose and the words it ignored, and says when it cannot answer.

mod dates;

use crate::graph::Law;
use crate::lang::cite;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What a question was understood as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interpretation {
    /// Commands to run, each as argv words without the program name.
    pub commands: Vec<Vec<String>>,
    /// Words that played no part in the interpretation (after stop words).
    pub unknown: Vec<String>,
    /// True when nothing structured was recognised and the commands are a text search.
    pub fallback: bool,
    /// Message keys (`lang/messages`) saying where the commands differ from what was asked.
    pub notes: Vec<&'static str>,
}

impl Interpretation {
    /// The commands as a user would type them.
    pub fn shown(&self) -> Vec<String> {
        self.commands.iter().map(shell_words::join).collect()
    }
}

#[derive(Deserialize)]
#[serde(rename = "Cues")]
struct CuesFile {
    intents: BTreeMap<String, Vec<String>>,
    stop: Vec<String>,
    stop_ru: Vec<String>,
    stop_kk: Vec<String>,
}

struct Cues {
    intents: BTreeMap<String, Vec<String>>,
    stop: Vec<String>,
}

fn cues() -> &'static Cues {
    static C: OnceLock<Cues> = OnceLock::new();
    C.get_or_init(|| {
        let f: CuesFile =
            ron::from_str(include_str!("cues.ron")).expect("src/ask/cues.ron is valid RON");
        let mut stop = f.stop;
        stop.extend(f.stop_ru);
        stop.extend(f.stop_kk);
        Cues {
            intents: f.intents,
            stop,
        }
    })
}

fn is_stop(w: &str) -> bool {
    cues().stop.iter().any(|s| s == w)
}

/// Whether the (space-padded) question carries a cue of the intent.
fn cue(padded: &str, intent: &str) -> bool {
    cues()
        .intents
        .get(intent)
        .is_some_and(|ws| ws.iter().any(|w| padded.contains(w.as_str())))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intent {
    Reconcile,
    Applicable,
    Gravity,
    Diff,
    Lineage,
    History,
    Penalty,
    Sources,
    Timeline,
    Acts,
    Topics,
    Show,
    Covers,
    None,
}

/// Interprets a question against the law's vocabulary. Relative dates stay relative
/// (`today`), so the commands shown mean the same whenever they are run again.
pub fn interpret(question: &str, law: &Law) -> Interpretation {
    let q: String = cite::normalize(&question.chars().take(2000).collect::<String>());
    let mut consumed: Vec<(usize, usize)> = Vec::new();

    // Slots: citations and code words first, so a year that names a code is not a date.
    let found = cite::find(&q);
    for c in &found.citations {
        consumed.push((c.span.start, c.span.end));
    }
    for m in &found.mentions {
        consumed.push((m.span.start, m.span.end));
    }
    let before_dates = consumed.len();
    let dates = dates::find(&q, law, &mut consumed);
    let date_spans: Vec<(usize, usize)> = consumed[before_dates..].to_vec();
    // Cue words are read only outside the citations and dates: "after the amendments of 2013" is a
    // date, not a question about amendments.
    // Blanked byte for byte, so offsets in `rest` are offsets in `q`.
    let rest: String = q
        .char_indices()
        .map(|(i, c)| {
            if consumed.iter().any(|(a, b)| i >= *a && i < *b) {
                " ".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect();
    let cue_text = format!(" {rest} ");
    let topic = find_topic(&q, law, &mut consumed);
    let citation = found.citations.first();
    // A code named inside a date ("once the old code was replaced") dates the question; it
    // does not say which code the citation belongs to.
    let free_code = found
        .mentions
        .iter()
        .filter(|m| !m.bound)
        .filter(|m| {
            !date_spans
                .iter()
                .any(|(a, b)| m.span.start < *b && *a < m.span.end)
        })
        .find_map(|m| m.code.as_deref());

    let intent = intent(&cue_text, citation.is_some(), topic.is_some(), dates.len());

    // The reference: its own code, else a code named elsewhere. In a renumbering question a
    // code named apart from the citation is where to look ("which article of the new code
    // replaced article 133"), so the citation belongs to the other code.
    let reference = citation.map(|c| {
        let code = match (&c.code, free_code, intent) {
            (Some(code), _, _) => Some(code.clone()),
            (None, Some(free), Intent::Lineage) => law
                .codes()
                .map(|k| k.id.clone())
                .find(|k| k != free)
                .or(Some(free.to_string())),
            (None, free, _) => free.map(str::to_string),
        };
        let mut r = match &code {
            Some(code) => format!("{code}:{}", c.article),
            None => c.article.clone(),
        };
        if let Some(p) = &c.part {
            r.push('.');
            r.push_str(p);
            if let Some(i) = &c.item {
                r.push('.');
                r.push_str(i);
            }
        }
        (r, code)
    });
    let code_hint: Option<String> = reference
        .as_ref()
        .and_then(|(_, c)| c.clone())
        .or(free_code.map(str::to_string));
    let reference = reference.map(|(r, _)| r);

    // The date an answer is asked for: the first date found, else the named code's period,
    // else today.
    let period = code_hint.as_deref().and_then(|c| code_period(law, c));
    let when_range: String = match (dates.first(), &period) {
        (Some(d), _) => d.text.clone(),
        (None, Some(p)) => p.clone(),
        (None, None) => "today".into(),
    };
    let when_point: String = match (dates.first(), &period) {
        (Some(d), _) => d.point.clone(),
        (None, Some(p)) => p.clone(),
        (None, None) => "today".into(),
    };
    let w = |s: &str| s.to_string();
    let mut commands: Vec<Vec<String>> = Vec::new();
    let mut notes: Vec<&'static str> = Vec::new();
    match (intent, &reference, &topic) {
        (Intent::Reconcile, Some(r), _) => {
            commands.push(vec![
                w("conciliation"),
                r.clone(),
                w("--at"),
                when_point.clone(),
            ]);
        }
        (Intent::Reconcile, None, t) => {
            let about_rules = cue(&cue_text, "rules");
            let years = cue(&cue_text, "years");
            let span = dates
                .first()
                .and_then(|d| d.text.split_once(".."))
                .and_then(|(a, b)| Some((a.parse::<i32>().ok()?, b.parse::<i32>().ok()?)));
            match (t.as_deref(), span) {
                _ if about_rules => commands.push(vec![
                    w("covers"),
                    w("reconciliation"),
                    w("--at"),
                    when_range.clone(),
                ]),
                (_, Some((a, b))) if years => commands.push(vec![
                    w("loopholes"),
                    w("--from"),
                    a.to_string(),
                    w("--to"),
                    b.to_string(),
                ]),
                (None | Some("reconciliation") | Some("trafficking"), _) => {
                    commands.push(vec![w("loopholes"), w("--at"), when_range.clone()])
                }
                (Some(t), _) => commands.push(vec![
                    w("loopholes"),
                    w("--topic"),
                    t.to_string(),
                    w("--at"),
                    when_range.clone(),
                ]),
            }
        }
        (Intent::Applicable, Some(r), _) => {
            let mut cmd = vec![w("applicable"), r.clone()];
            if let Some(d) = dates.first() {
                cmd.extend([w("--offence"), d.point.clone()]);
            }
            if let Some(d) = dates.get(1).filter(|d| d.point != "today") {
                cmd.extend([w("--judgment"), d.point.clone()]);
            }
            commands.push(cmd);
        }
        (Intent::Gravity, Some(r), _) => {
            commands.push(vec![w("gravity"), r.clone(), w("--at"), when_point.clone()]);
        }
        (Intent::Diff, Some(r), _) => match two_dates(&dates) {
            Some((a, b)) => commands.push(vec![w("diff"), r.clone(), a, b]),
            // One date is no comparison; the history shows every change to compare. A bare
            // article is the one of the code in force on that date ("128 in 2010": cc1997).
            None => {
                let r = match dates.first().filter(|_| !r.contains(':')) {
                    Some(d) => dated_code(law, &d.point).map_or(r.clone(), |c| format!("{c}:{r}")),
                    None => r.clone(),
                };
                commands.push(vec![w("history"), r]);
                notes.push("ask-compare-needs-two-dates");
            }
        },
        (Intent::Penalty, Some(r), _) => {
            commands.push(vec![w("penalty"), r.clone(), w("--at"), when_point.clone()])
        }
        (Intent::History, Some(r), _) => {
            commands.push(vec![w("history"), r.clone()]);
            commands.push(vec![w("lineage"), r.clone()]);
        }
        (Intent::Lineage, Some(r), _) => commands.push(vec![w("lineage"), r.clone()]),
        (Intent::Sources, Some(r), _) => commands.push(vec![w("sources"), r.clone()]),
        (Intent::Timeline, Some(r), _) => commands.push(vec![w("timeline"), r.clone()]),
        (_, Some(r), _) => commands.push(vec![w("show"), r.clone(), w("--at"), when_point.clone()]),
        (Intent::History | Intent::Lineage, None, Some(t)) => {
            if let Some(r) = main_provision(law, t, code_hint.as_deref()) {
                commands.push(vec![w("history"), r.clone()]);
                commands.push(vec![w("lineage"), r]);
            } else {
                commands.push(vec![w("covers"), t.clone(), w("--at"), w("1998..today")]);
            }
        }
        (Intent::Timeline, None, Some(t)) => commands.push(vec![w("timeline"), t.clone()]),
        (_, None, Some(t)) => {
            commands.push(vec![w("covers"), t.clone(), w("--at"), when_range.clone()])
        }
        (Intent::Acts, None, None) => commands.push(vec![w("acts")]),
        (Intent::Topics, None, None) => commands.push(vec![w("topics")]),
        (_, None, None) => {}
    }
    // The cue words that chose the intent played their part: they are not "ignored".
    let used: &[&str] = match intent {
        Intent::Reconcile => &["reconcile", "rules", "years"],
        Intent::Applicable => &["applicable"],
        Intent::Gravity => &["gravity"],
        Intent::Diff => &["diff", "history"],
        Intent::Lineage => &["lineage"],
        Intent::History => &["history"],
        Intent::Penalty => &["penalty"],
        Intent::Sources => &["sources"],
        Intent::Timeline => &["timeline"],
        Intent::Acts => &["acts", "history"],
        Intent::Topics => &["topics"],
        Intent::Show | Intent::Covers | Intent::None => &[],
    };
    for name in used {
        for c in cues().intents.get(*name).into_iter().flatten() {
            for (at, m) in cue_text.match_indices(c.as_str()) {
                // `cue_text` has one leading space more than the question.
                consumed.push((at.saturating_sub(1), at + m.len() - 1));
            }
        }
    }
    let unknown = leftover(&q, &consumed);
    if commands.is_empty() {
        let words: Vec<String> = if unknown.is_empty() {
            q.split_whitespace().map(str::to_string).collect()
        } else {
            unknown.clone()
        };
        let mut cmd = vec![w("search"), words.join(" ")];
        if let Some(d) = dates.first() {
            cmd.extend([w("--at"), d.text.clone()]);
        }
        return Interpretation {
            commands: vec![cmd],
            unknown,
            fallback: true,
            notes,
        };
    }
    Interpretation {
        commands,
        unknown,
        fallback: false,
        notes,
    }
}

/// A code's period as a date argument: `1998..2014` for whole years, else exact days; a
/// code still in force is asked about today.
fn code_period(law: &Law, code: &str) -> Option<String> {
    use chrono::Datelike;
    let c = law.code(code)?;
    let until = c.in_force_until?;
    let (a, b) = (c.in_force, until);
    Some(
        if (a.month(), a.day(), b.month(), b.day()) == (1, 1, 12, 31) {
            format!("{}..{}", a.year(), b.year())
        } else {
            format!("{a}..{b}")
        },
    )
}

/// The one code in force during a date argument, if it names a single code's time.
fn dated_code(law: &Law, point: &str) -> Option<String> {
    // Relative dates stay relative (the commands shown must mean the same tomorrow).
    if point.contains("today") {
        return None;
    }
    let when = crate::query::When::parse(point, chrono::NaiveDate::MIN).ok()?;
    match law.codes_during(&when)[..] {
        [c] => Some(c.id.clone()),
        _ => None,
    }
}

/// The two dates a comparison is between: two dates found, or the ends of one range.
fn two_dates(dates: &[dates::Found]) -> Option<(String, String)> {
    match dates {
        [a, b, ..] => Some((a.point.clone(), b.point.clone())),
        [a] => {
            let (x, y) = a.text.split_once("..")?;
            (!x.is_empty() && !y.is_empty()).then(|| (x.to_string(), y.to_string()))
        }
        [] => None,
    }
}

fn intent(padded: &str, has_ref: bool, has_topic: bool, n_dates: usize) -> Intent {
    let has = |i: &str| cue(padded, i);
    if has("reconcile") {
        return Intent::Reconcile;
    }
    if has_ref && n_dates >= 1 && has("applicable") {
        return Intent::Applicable;
    }
    if has_ref && has("gravity") {
        return Intent::Gravity;
    }
    let two = n_dates >= 2 || padded.contains("..") || padded.contains(" between ");
    if has_ref && (has("diff") || (has("history") && two)) && n_dates >= 1 {
        return Intent::Diff;
    }
    if has("lineage") {
        return Intent::Lineage;
    }
    if has("history") && (has_ref || has_topic) {
        return Intent::History;
    }
    if has("penalty") && has_ref {
        return Intent::Penalty;
    }
    if has("sources") && has_ref {
        return Intent::Sources;
    }
    if has("timeline") {
        return Intent::Timeline;
    }
    match (has_ref, has_topic) {
        (true, _) => Intent::Show,
        (false, true) => Intent::Covers,
        (false, false) if has("acts") || has("history") => Intent::Acts,
        (false, false) if has("topics") => Intent::Topics,
        _ => Intent::None,
    }
}

/// The topic named by the question: the longest synonym or id found, else a close misspelling.
fn find_topic(q: &str, law: &Law, consumed: &mut Vec<(usize, usize)>) -> Option<String> {
    let mut names: Vec<(String, String)> = Vec::new();
    for t in law.topics() {
        names.push((t.id.replace('-', " "), t.id.clone()));
        names.push((t.id.clone(), t.id.clone()));
        for s in &t.synonyms {
            names.push((s.to_lowercase(), t.id.clone()));
        }
    }
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    // Prefer the most specific topic when a generic and a specific one both appear
    // ("labour trafficking" names labor-trafficking, not trafficking).
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for (name, id) in &names {
        let mut from = 0;
        while let Some(off) = q[from..].find(name.as_str()) {
            let s = from + off;
            let e = s + name.len();
            let boundary = (s == 0 || !q[..s].ends_with(|c: char| c.is_alphanumeric()))
                && (e == q.len()
                    || !q[e..].starts_with(|c: char| c.is_alphanumeric())
                    || q[e..].starts_with('s'));
            if boundary && !found.iter().any(|(a, b, _)| s < *b && e > *a) {
                found.push((s, e, id.clone()));
            }
            from = e;
        }
    }
    // Russian and Kazakh synonyms match inflected forms through their stems.
    let stems = crate::lang::stem::words(q);
    for (name, id) in &names {
        if !crate::lang::stem::is_cyrillic(name) {
            continue;
        }
        for (s, e) in crate::lang::stem::find_phrase(&stems, name) {
            if !found.iter().any(|(a, b, _)| s < *b && e > *a) {
                found.push((s, e, id.clone()));
            }
        }
    }
    // Words close to a topic word catch misspellings ("trafficing", "prostitushun"); words
    // already inside an exact match are left alone.
    let exact = found.clone();
    for (s, word) in words_with_pos(q) {
        if word.len() < 5
            || crate::lang::stem::is_cyrillic(&word)
            || is_stop(&word)
            || exact.iter().any(|(a, b, _)| s >= *a && s < *b)
        {
            continue;
        }
        let close = names.iter().find(|(name, _)| {
            name.split_whitespace().any(|nw| {
                let allowed = (nw.len() / 4).max(2);
                nw.len() >= 5 && word != nw && strsim::damerau_levenshtein(&word, nw) <= allowed
            })
        });
        if let Some((_, id)) = close {
            found.push((s, s + word.len(), id.clone()));
        }
    }
    if found.is_empty() {
        return None;
    }
    for (s, e, _) in &found {
        consumed.push((*s, *e));
    }
    // A broader topic gives way to a narrower one also named ("trafficking of children" is
    // child-trafficking); otherwise the topic named first is the subject of the question.
    found.sort_by_key(|(s, _, _)| *s);
    let ids: Vec<String> = found.iter().map(|(_, _, id)| id.clone()).collect();
    let is_broader_of_another = |id: &String| {
        ids.iter().any(|other| {
            other != id
                && law
                    .topics()
                    .any(|t| &t.id == other && t.broader.contains(id))
        })
    };
    ids.iter()
        .find(|id| !is_broader_of_another(id))
        .or(ids.first())
        .cloned()
}

fn words_with_pos(q: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in q.char_indices().chain(std::iter::once((q.len(), ' '))) {
        match (c.is_alphanumeric() || c == '-', start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, q[s..i].to_string()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The provision a topic question is most likely about: the one whose subject names the topic.
fn main_provision(law: &Law, topic: &str, code: Option<&str>) -> Option<String> {
    let (_, closure) = law.topic_closure(topic)?;
    let label_words: Vec<String> = law
        .topics()
        .find(|t| t.id == topic)
        .map(|t| {
            t.label
                .to_lowercase()
                .split_whitespace()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let mut best: Option<(usize, String)> = None;
    for p in law.provisions() {
        if code.is_some_and(|c| c != p.code) {
            continue;
        }
        let tagged = p
            .versions
            .iter()
            .any(|v| v.topics.iter().any(|t| closure.contains(t)));
        if !tagged {
            continue;
        }
        let subject = p.subject.to_lowercase();
        let score = label_words.iter().filter(|w| w.len() > 3 && subject.contains(w.as_str())).count() * 10
            + usize::from(p.code == "cc1997") // the older code shows the longer history
            + usize::from(p.versions.iter().any(|v| v.topics.contains(&topic.to_string()))) * 5;
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, p.reference()));
        }
    }
    best.map(|(_, r)| r)
}

fn leftover(q: &str, consumed: &[(usize, usize)]) -> Vec<String> {
    words_with_pos(q)
        .into_iter()
        .filter(|(s, w)| {
            let inside = consumed.iter().any(|(a, b)| *s >= *a && *s < *b);
            // A number outside every citation and date was not understood: show it.
            !inside && !is_stop(w) && !w.chars().all(|c| c == '-')
        })
        .map(|(_, w)| w)
        .collect()
}
