//! Plain-language questions: turns "which articles covered labor trafficking in 2008?" into
//! the structured command a user could have typed (`covers labor-trafficking --at 2008`).
//!
//! The interpreter is deliberately rule-based and transparent: it finds dates, article
//! references, topics (through the synonym vocabulary, tolerating small misspellings) and an
//! intent, then prints the command it chose so the user can learn it and correct it.

mod dates;

use crate::graph::Law;

/// What a question was understood as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interpretation {
    /// Commands to run, each as argv words without the program name.
    pub commands: Vec<Vec<String>>,
    /// Words that played no part in the interpretation (after stop words).
    pub unknown: Vec<String>,
    /// True when nothing structured was recognised and the commands are a text search.
    pub fallback: bool,
}

impl Interpretation {
    /// The commands as a user would type them.
    pub fn shown(&self) -> Vec<String> {
        self.commands.iter().map(shell_words::join).collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intent {
    Covers,
    Penalty,
    History,
    Lineage,
    Diff,
    Sources,
    Reconcile,
    Gravity,
    Show,
}

/// Words that carry no meaning for the interpretation.
const STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
    "with",
    "and",
    "or",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "did",
    "does",
    "do",
    "what",
    "which",
    "who",
    "how",
    "when",
    "where",
    "why",
    "that",
    "this",
    "it",
    "its",
    "there",
    "any",
    "all",
    "me",
    "show",
    "tell",
    "list",
    "give",
    "i",
    "we",
    "can",
    "could",
    "still",
    "case",
    "cases",
    "under",
    "law",
    "laws",
    "article",
    "articles",
    "art",
    "provision",
    "provisions",
    "section",
    "code",
    "criminal",
    "applied",
    "apply",
    "applies",
    "covered",
    "cover",
    "covers",
    "about",
    "then",
    "from",
    "between",
    "before",
    "after",
    "since",
    "until",
    "year",
    "years",
    "time",
    "over",
    "has",
    "have",
    "had",
    "s",
    "part",
    "item",
    "point",
    "old",
    "new",
    "current",
    "kazakhstan",
    "kazakh",
    "rk",
    "please",
    "would",
    "should",
    "get",
    "whole",
    "ст",
    "статья",
    "ук",
    "в",
    "на",
    "по",
    "от",
    "до",
    "году",
    "год",
    "какая",
    "какие",
    "max",
    "maximum",
    "minimum",
    "penalty",
    "penalties",
    "sentence",
    "sentences",
    "punishment",
    "punished",
    "change",
    "changed",
    "changes",
    "history",
    "evolve",
    "evolved",
    "amended",
    "amendments",
    "replaced",
    "replace",
    "renumbered",
    "became",
    "successor",
    "number",
    "numbering",
    "compare",
    "difference",
    "differ",
    "sources",
    "source",
    "cited",
    "cite",
    "reconciliation",
    "reconciled",
    "reconcile",
    "settled",
    "settle",
    "settlement",
    "closed",
    "close",
    "offences",
    "offence",
    "offenses",
    "crime",
    "crimes",
    "eligible",
    "victim",
    "with",
    "prison",
    "imprisonment",
    "jail",
    "years",
    "many",
    "long",
    "much",
    "whom",
    "them",
    "these",
    "those",
    "used",
    "ways",
    "today",
    "now",
    "currently",
    "present",
    "date",
    "dates",
    "version",
    "versions",
    "edition",
    "editions",
    "text",
    "was",
    "punishable",
    "mean",
    "means",
    "meant",
    "on",
    "trafficking-related",
    "related",
    "one",
];

/// Interprets a question against the law's vocabulary. Relative dates stay relative
/// (`today`), so the commands shown mean the same whenever they are run again.
pub fn interpret(question: &str, law: &Law) -> Interpretation {
    let q = normalize(question);
    let mut consumed: Vec<(usize, usize)> = Vec::new();
    let dates = dates::find(&q, &mut consumed);
    let code_hint = code_hint(&q, &mut consumed);
    let reference = find_reference(&q, &mut consumed, code_hint);
    let topic = find_topic(&q, law, &mut consumed);
    let intent = intent(&q, reference.is_some(), dates.len());

    // The date an answer is asked for: the first date found, else the code's period, else today.
    let when: String = match (dates.first(), code_hint) {
        (Some(d), _) => d.clone(),
        (None, Some("cc1997")) => "1998..2014".into(),
        (None, _) => "today".into(),
    };
    let mut commands: Vec<Vec<String>> = Vec::new();
    let w = |s: &str| s.to_string();
    match (intent, &reference, &topic) {
        (Intent::Reconcile, Some(r), _) => {
            commands.push(vec![w("conciliation"), r.clone(), w("--at"), when.clone()]);
        }
        (Intent::Reconcile, None, t) => {
            // About the rules themselves: show the article; about cases: the loophole finder.
            let about_rules = ["rule", "article", "law on", "conditions"]
                .iter()
                .any(|x| q.contains(x));
            match t.as_deref() {
                _ if about_rules => commands.push(vec![
                    w("covers"),
                    w("reconciliation"),
                    w("--at"),
                    when.clone(),
                ]),
                None | Some("reconciliation") | Some("trafficking") => {
                    commands.push(vec![w("loopholes"), w("--at"), when.clone()])
                }
                Some(t) => commands.push(vec![
                    w("loopholes"),
                    w("--topic"),
                    t.to_string(),
                    w("--at"),
                    when.clone(),
                ]),
            }
        }
        (Intent::Gravity, Some(r), _) => {
            commands.push(vec![w("gravity"), r.clone(), w("--at"), when.clone()]);
        }
        (Intent::Diff, Some(r), _) if dates.len() >= 2 => {
            commands.push(vec![
                w("diff"),
                r.clone(),
                dates[0].clone(),
                dates[1].clone(),
            ]);
        }
        (Intent::Penalty, Some(r), _) => {
            commands.push(vec![w("penalty"), r.clone(), w("--at"), when.clone()])
        }
        (Intent::History, Some(r), _) => {
            commands.push(vec![w("history"), r.clone()]);
            commands.push(vec![w("lineage"), r.clone()]);
        }
        (Intent::Lineage, Some(r), _) => commands.push(vec![w("lineage"), r.clone()]),
        (Intent::Sources, Some(r), _) => commands.push(vec![w("sources"), r.clone()]),
        (_, Some(r), _) => commands.push(vec![w("show"), r.clone(), w("--at"), when.clone()]),
        (Intent::History | Intent::Lineage, None, Some(t)) => {
            if let Some(r) = main_provision(law, t, code_hint) {
                commands.push(vec![w("history"), r.clone()]);
                commands.push(vec![w("lineage"), r]);
            } else {
                commands.push(vec![w("covers"), t.clone(), w("--at"), w("1998..today")]);
            }
        }
        (_, None, Some(t)) => commands.push(vec![w("covers"), t.clone(), w("--at"), when.clone()]),
        (_, None, None) => {}
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
            cmd.extend([w("--at"), d.clone()]);
        }
        return Interpretation {
            commands: vec![cmd],
            unknown,
            fallback: true,
        };
    }
    Interpretation {
        commands,
        unknown,
        fallback: false,
    }
}

/// Whether a question names a date of its own (a year, a date, `today`...).
pub fn mentions_date(question: &str) -> bool {
    !dates::find(&normalize(question), &mut Vec::new()).is_empty()
}

/// Lowercase, unify quotes and dashes, pad brackets so they tokenize.
fn normalize(s: &str) -> String {
    let s: String = s
        .chars()
        .take(2000)
        .map(|c| match c {
            '’' | '‘' | '`' => '\'',
            '“' | '”' | '«' | '»' => '"',
            '–' | '—' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    s.to_lowercase()
}

fn mark(consumed: &mut Vec<(usize, usize)>, start: usize, end: usize) {
    consumed.push((start, end));
}

fn code_hint(q: &str, consumed: &mut Vec<(usize, usize)>) -> Option<&'static str> {
    const OLD: &[&str] = &[
        "old code",
        "1997 code",
        "code of 1997",
        "previous code",
        "former code",
        "cc1997",
    ];
    const NEW: &[&str] = &[
        "new code",
        "2014 code",
        "code of 2014",
        "current code",
        "present code",
        "cc2014",
    ];
    for (list, code) in [(OLD, "cc1997"), (NEW, "cc2014")] {
        for p in list {
            if let Some(i) = q.find(p) {
                mark(consumed, i, i + p.len());
                return Some(code);
            }
        }
    }
    None
}

/// Article references in the forms people write them: `article 133`, `art. 125 (3)(b)`,
/// `ст. 128`, `section 128`, `cc1997:128`, `125(3)(b)`, `article 125 part 3 item b`.
fn find_reference(
    q: &str,
    consumed: &mut Vec<(usize, usize)>,
    code: Option<&str>,
) -> Option<String> {
    // Longest first, so `статья` is tried before `ст`.
    const LEAD: &[&str] = &[
        "articles",
        "article",
        "статьи",
        "статья",
        "section",
        "cc1997:",
        "cc2014:",
        "art.",
        "ст.",
        "art",
        "ст",
        "§",
    ];
    let bytes: Vec<(usize, char)> = q.char_indices().collect();
    for (k, &(i, _)) in bytes.iter().enumerate() {
        let rest = &q[i..];
        let Some(lead) = LEAD.iter().find(|l| {
            rest.starts_with(**l)
                && rest[l.len()..]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit())
        }) else {
            continue;
        };
        // Require a word boundary before the lead word.
        if k > 0 && bytes[k - 1].1.is_alphanumeric() {
            continue;
        }
        let after = &rest[lead.len()..];
        let trimmed = after.trim_start();
        let num_start = i + lead.len() + (after.len() - trimmed.len());
        let article: String = trimmed
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '-')
            .collect();
        let article = article.trim_end_matches('-').to_string();
        if article.is_empty() || !article.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let mut end = num_start + article.len();
        let (part, item, tail_end) = part_item(&q[end..]);
        end += tail_end;
        mark(consumed, i, end);
        let explicit_code = match *lead {
            "cc1997:" => Some("cc1997"),
            "cc2014:" => Some("cc2014"),
            _ => code,
        };
        let mut r = match explicit_code {
            Some(c) => format!("{c}:{article}"),
            None => article,
        };
        if let Some(p) = part {
            r.push('.');
            r.push_str(&p);
            if let Some(it) = item {
                r.push('.');
                r.push_str(&it);
            }
        }
        return Some(r);
    }
    // A bare `125(3)(b)` without a lead word.
    let mut start = None;
    for (i, c) in q.char_indices() {
        if c.is_ascii_digit() && start.is_none() && !q[..i].ends_with(|p: char| p.is_alphanumeric())
        {
            start = Some(i);
        }
        if let Some(s) = start {
            if !c.is_ascii_digit() {
                if c == '(' {
                    let article = &q[s..i];
                    let (part, item, len) = part_item(&q[i..]);
                    if let Some(p) = part {
                        mark(consumed, s, i + len);
                        let mut r = article.to_string();
                        if let Some(c) = code {
                            r = format!("{c}:{r}");
                        }
                        r.push('.');
                        r.push_str(&p);
                        if let Some(it) = item {
                            r.push('.');
                            r.push_str(&it);
                        }
                        return Some(r);
                    }
                }
                start = None;
            }
        }
    }
    None
}

/// After an article number: `(3)(b)`, ` (3) (b)`, `.3.b`, ` part 3 item b`, `, part 3(b)`.
fn part_item(s: &str) -> (Option<String>, Option<String>, usize) {
    let mut pos = 0;
    let grab = |s: &str, pos: &mut usize, is_part: bool| -> Option<String> {
        let rest = &s[*pos..];
        let t = rest.trim_start_matches([' ', ',']);
        let skip = rest.len() - t.len();
        let words: &[&str] = if is_part {
            &["part ", "pt. ", "pt ", "paragraph ", "ч. ", "часть "]
        } else {
            &["item ", "point ", "subparagraph ", "п. ", "пункт "]
        };
        if let Some(inner) = t.strip_prefix('(') {
            let close = inner.find(')')?;
            let v = inner[..close].trim();
            if !v.is_empty() && v.len() <= 4 && v.chars().all(|c| c.is_alphanumeric() || c == '-') {
                *pos += skip + 1 + close + 1;
                return Some(v.to_string());
            }
            return None;
        }
        if let Some(inner) = t.strip_prefix('.') {
            let v: String = inner
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-')
                .collect();
            if !v.is_empty() && v.len() <= 4 {
                *pos += skip + 1 + v.len();
                return Some(v);
            }
            return None;
        }
        for w in words {
            if let Some(inner) = t.strip_prefix(w) {
                let v: String = inner
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '-')
                    .collect();
                if !v.is_empty() && v.len() <= 4 {
                    *pos += skip + w.len() + v.len();
                    return Some(v);
                }
            }
        }
        None
    };
    let part = grab(s, &mut pos, true);
    let item = if part.is_some() {
        grab(s, &mut pos, false)
    } else {
        None
    };
    // Cyrillic item letters map to the Latin letters the data uses.
    let item = item.map(|i| translit_item(&i));
    (part, item, pos)
}

fn translit_item(i: &str) -> String {
    const MAP: &[(char, char)] = &[
        ('а', 'a'),
        ('б', 'b'),
        ('в', 'c'),
        ('г', 'd'),
        ('д', 'e'),
        ('е', 'f'),
        ('ж', 'g'),
        ('з', 'h'),
        ('и', 'i'),
        ('к', 'k'),
        ('л', 'l'),
        ('м', 'm'),
        ('н', 'n'),
    ];
    i.chars()
        .map(|c| MAP.iter().find(|(r, _)| *r == c).map_or(c, |(_, l)| *l))
        .collect()
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
    // Words close to a topic word catch misspellings ("trafficing", "prostitushun"); words
    // already inside an exact match are left alone.
    let exact = found.clone();
    for (s, word) in words_with_pos(q) {
        if word.len() < 5
            || STOP.contains(&word.as_str())
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
        mark(consumed, *s, *e);
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

fn intent(q: &str, has_ref: bool, n_dates: usize) -> Intent {
    let has = |ws: &[&str]| ws.iter().any(|w| q.contains(w));
    if has(&[
        "reconcil",
        "settle",
        "conciliat",
        "mediation",
        "closed by",
        "примирен",
        "drop the case",
        "be dropped",
    ]) {
        return Intent::Reconcile;
    }
    if has_ref
        && has(&[
            "gravity",
            "category",
            "how grave",
            "how serious",
            "grave crime",
        ])
    {
        return Intent::Gravity;
    }
    if has(&["differ", "compare", "diff ", "versus", " vs "]) && n_dates >= 2 && has_ref {
        return Intent::Diff;
    }
    if has(&[
        "replace",
        "renumber",
        "successor",
        "became",
        "new number",
        "now called",
        "equivalent",
        "corresponds",
        "lineage",
        "predecessor",
    ]) {
        return Intent::Lineage;
    }
    if has(&[
        "change",
        "evolv",
        "history",
        "amend",
        "over time",
        "editions",
        "versions of",
        "develop",
    ]) {
        return Intent::History;
    }
    if has(&[
        "penalt",
        "punish",
        "sentence",
        "how many years",
        "how long",
        "prison",
        "jail",
        "imprison",
        "fine",
        "maximum",
        "max ",
    ]) {
        return Intent::Penalty;
    }
    if has(&["source", "cite", "citation", "where does", "evidence"]) {
        return Intent::Sources;
    }
    if has_ref {
        Intent::Show
    } else {
        Intent::Covers
    }
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
            !inside
                && !STOP.contains(&w.as_str())
                && !w.chars().all(|c| c.is_ascii_digit() || c == '-')
        })
        .map(|(_, w)| w)
        .collect()
}
