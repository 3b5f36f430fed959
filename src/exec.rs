//! Evaluation: typed requests against the [`Law`], producing [`Answer`]s. This is the one
//! execution path behind the CLI, the REPL and the tests; it does no I/O.

use crate::graph::Law;
use crate::lang::i18n::Lang;
use crate::model::{Date, Part, Provision, Version};
use crate::query::{InputError, Ref, Said, When};
use crate::view::{ActView, SourceView, VersionView};
use serde::Serialize;
use serde_json::{Value, json};

pub use crate::compare::{PartDiff, article_key, diff_parts};

/// A validated request: references and dates are already parsed.
#[derive(Debug, Clone)]
pub enum Request {
    Show {
        r: Ref,
        input: String,
        at: When,
    },
    Penalty {
        r: Ref,
        input: String,
        at: When,
    },
    History {
        r: Ref,
        input: String,
    },
    Covers {
        topic: String,
        at: When,
    },
    Lineage {
        r: Ref,
        input: String,
    },
    Diff {
        r: Ref,
        input: String,
        a: When,
        b: When,
    },
    Acts,
    Topics,
    Sources {
        r: Ref,
        input: String,
        at: Option<When>,
    },
    Search {
        text: String,
        filter: crate::index::Filter,
    },
    Gravity {
        r: Ref,
        input: String,
        at: When,
    },
    Conciliation {
        r: Ref,
        input: String,
        at: When,
    },
    Loopholes {
        topic: Option<String>,
        at: When,
        years: Option<(i32, i32)>,
    },
    Applicable {
        r: Ref,
        input: String,
        offence: Date,
        judgment: Date,
    },
    Timeline {
        target: String,
        window: When,
    },
    /// The official wording of the edition in force (imported data directories only).
    Text {
        r: Ref,
        input: String,
        at: When,
    },
    /// What one amending act changed across the codes.
    Act {
        number: String,
    },
    /// Provisions ranked by how often they changed in a window.
    Amended {
        window: When,
        limit: usize,
    },
}

/// The law plus what queries need around it: "today", and the search index, opened on first
/// use from the cache dir (or built in memory when there is none).
pub struct Engine {
    pub law: Law,
    pub today: Date,
    /// Per-user cache dir; `None` builds the index in memory.
    pub cache_dir: Option<std::path::PathBuf>,
    index: std::sync::OnceLock<crate::index::SearchIndex>,
    /// Held while the index is opened, so concurrent first searches build it once.
    opening: std::sync::Mutex<()>,
    /// One-line notices (cache rebuilt...) for the caller to show on stderr.
    notices: std::sync::Mutex<Vec<String>>,
    /// Called with a message when opening the index takes longer than a moment, so the
    /// caller can show progress (the library itself writes nothing).
    pub progress: Option<Progress>,
    /// The data directory, for the official wording an import writes beside the graph.
    pub data_dir: Option<std::path::PathBuf>,
}

/// A progress callback; it runs on a timer thread.
pub type Progress = std::sync::Arc<dyn Fn(&str) + Send + Sync>;

/// How long an index build may take before progress is reported.
const PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_millis(700);

impl Engine {
    pub fn new(law: Law, today: Date, cache_dir: Option<std::path::PathBuf>) -> Engine {
        Engine {
            law,
            today,
            cache_dir,
            index: std::sync::OnceLock::new(),
            opening: std::sync::Mutex::new(()),
            notices: Default::default(),
            progress: None,
            data_dir: None,
        }
    }

    /// The search index, opened or built on first use.
    pub fn index(&self) -> Result<&crate::index::SearchIndex, String> {
        if let Some(i) = self.index.get() {
            return Ok(i);
        }
        // A poisoned lock only means another opener panicked; the cell is still sound.
        let _opening = self.opening.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(i) = self.index.get() {
            return Ok(i);
        }
        // Report progress only if the build outlasts a moment: a timer thread waits on a
        // channel that is dropped (disconnected) as soon as the index is ready.
        let (done, waiting) = std::sync::mpsc::channel::<()>();
        if let Some(report) = self.progress.clone() {
            std::thread::spawn(move || {
                if waiting.recv_timeout(PROGRESS_AFTER)
                    == Err(std::sync::mpsc::RecvTimeoutError::Timeout)
                {
                    report("building the search index…");
                }
            });
        }
        let built = match &self.cache_dir {
            Some(dir) => crate::index::open_cached(&self.law, dir).map(|(i, outcome)| {
                if let Some(n) = outcome.notice() {
                    self.notice(n);
                }
                i
            }),
            None => crate::index::SearchIndex::in_ram(&self.law),
        }
        .map_err(|e| e.to_string());
        drop(done);
        let built = built?;
        Ok(self.index.get_or_init(|| built))
    }

    fn notice(&self, n: String) {
        self.notices
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(n);
    }

    /// The notices gathered since the last call, for the caller to show on stderr.
    pub fn take_notices(&self) -> Vec<String> {
        std::mem::take(&mut *self.notices.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Answers any request; the single execution path for CLI, REPL and tests.
    pub fn answer(&self, req: &Request) -> Result<Answer, InputError> {
        match req {
            Request::Search { text, filter } => {
                let index = self
                    .index()
                    .map_err(|e| InputError::new(text, 0, text.chars().count(), e))?;
                let hits = index.search(text, filter)?;
                let mut query = json!({"command": "search", "text": text, "limit": filter.limit});
                if let Some(w) = &filter.at {
                    query["at"] = when_json(w);
                }
                if let Some(c) = &filter.code {
                    query["code"] = json!(c);
                }
                Ok(Answer {
                    query,
                    results: Results::Search(hits),
                })
            }
            Request::Text { r, input, at } => {
                let views = crate::import::official::text_views(
                    &self.law,
                    self.data_dir.as_deref(),
                    r,
                    input,
                    at,
                )?;
                Ok(Answer {
                    query: json!({"command": "text", "ref": r.to_string(), "at": when_json(at)}),
                    results: Results::Text(views),
                })
            }
            other => execute(&self.law, other, self.today),
        }
    }
}

/// A date chosen for the user: the reference named a code, no date was given, and today is
/// outside that code's period, so the answer is as of the code's last day (or first day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateDefault {
    pub code: String,
    pub day: Date,
    /// The code had ended by today (so `day` is its last day), rather than not yet begun.
    pub ended: bool,
}

impl Answer {
    /// Records in the query that the date was chosen for the user (`query.date_default`).
    pub fn with_date_default(mut self, d: Option<&DateDefault>) -> Answer {
        if let (Some(d), Some(q)) = (d, self.query.as_object_mut()) {
            q.insert(
                "date_default".into(),
                json!({"code": d.code, "day": d.day.to_string(), "reason": if d.ended {"code-ended"} else {"code-not-yet-in-force"}}),
            );
        }
        self
    }
}

/// What a command answers: the query as understood, and its results.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub query: Value,
    pub results: Results,
}

#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Results {
    Show(Vec<VersionView>),
    Penalty(Vec<VersionView>),
    History(Vec<HistoryEntry>),
    Covers(Vec<CoverHit>),
    Lineage(Vec<LineageView>),
    Diff(Vec<DiffView>),
    Acts(Vec<ActRow>),
    Topics(Vec<TopicRow>),
    Sources(Vec<SourceUse>),
    Search(Vec<crate::index::Hit>),
    Gravity(Vec<GravityView>),
    Conciliation(Vec<ConciliationView>),
    Loopholes(Vec<crate::analysis::loopholes::PartStatus>),
    LoopholeYears(Vec<crate::analysis::loopholes::YearRow>),
    Applicable(Vec<crate::analysis::applicable::Applicable>),
    Timeline(Vec<crate::analysis::timeline::Row>),
    Text(Vec<crate::import::official::TextView>),
    ActChanges(Vec<crate::analysis::amendments::ActChange>),
    Amended(Vec<crate::analysis::amendments::AmendedRow>),
}

/// An edition with the reconciliation verdict for each part.
#[derive(Debug, Clone, Serialize)]
pub struct ConciliationView {
    #[serde(flatten)]
    pub version: VersionView,
    /// The day the rules were applied on.
    pub as_of: String,
    pub conciliation: Vec<crate::analysis::conciliation::PartConciliation>,
}

/// An edition with the gravity category of each of its parts.
#[derive(Debug, Clone, Serialize)]
pub struct GravityView {
    #[serde(flatten)]
    pub version: VersionView,
    /// The gravity article edition applied (in force on the edition's first day in the query).
    pub rule: Option<crate::analysis::gravity::RuleUsed>,
    pub gravity: Vec<crate::analysis::gravity::PartGravity>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    #[serde(flatten)]
    pub version: VersionView,
    /// Largest imprisonment maximum over the parts, in months.
    pub max_imprisonment_months: Option<u32>,
    /// Differences from the previous edition, computed from the data (in English).
    pub penalty_changes: Vec<String>,
    /// The same differences as data: the part and the change.
    #[serde(skip)]
    pub changes: Vec<(String, crate::compare::Change)>,
}

impl HistoryEntry {
    /// One difference in words: `part 2: max imprisonment 7 y -> 10 y`.
    pub fn say(lang: Lang, part: &str, c: &crate::compare::Change) -> String {
        crate::lang::i18n::tr(
            lang,
            "change-in-part",
            &[("part", part), ("change", &c.say(lang))],
        )
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CoverHit {
    #[serde(flatten)]
    pub version: VersionView,
    /// Which parts (and items) carry the topic; empty part = the whole article.
    pub matched: Vec<Matched>,
    pub max_imprisonment_months: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Matched {
    pub part: Option<String>,
    pub item: Option<String>,
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LineageView {
    #[serde(flatten)]
    pub version: VersionView,
    pub chain: Vec<ChainLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChainLink {
    #[serde(rename = "ref")]
    pub reference: String,
    pub code: String,
    pub article: String,
    pub title: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    /// How this provision follows the previous one in the chain.
    pub link: Option<LinkView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub from: String,
    pub date: String,
    pub act: ActView,
    pub confidence: String,
    pub note: Option<String>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiffView {
    #[serde(rename = "ref")]
    pub reference: String,
    pub from: VersionView,
    pub to: VersionView,
    /// Renumbering path followed when the two dates fall under different provisions.
    pub via: Vec<String>,
    pub title_changed: bool,
    pub parts: Vec<PartDiff>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActRow {
    /// Flattened: `kind` comes from here (a second `kind` field once made the key appear twice).
    #[serde(flatten)]
    pub act: ActView,
    pub in_force_rule: Option<String>,
    pub provisions: Vec<String>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicRow {
    pub id: String,
    pub label: String,
    pub synonyms: Vec<String>,
    pub broader: Vec<String>,
    pub provisions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceUse {
    #[serde(rename = "ref")]
    pub reference: String,
    #[serde(flatten)]
    pub source: SourceView,
    pub note: Option<String>,
    /// The editions that cite it, with the locator each uses.
    pub cited_for: Vec<CitedFor>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CitedFor {
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub locator: String,
}

fn when_json(w: &When) -> Value {
    json!({"from": w.from.to_string(), "to": w.to.to_string()})
}

/// Runs a request.
pub fn execute(law: &Law, req: &Request, today: Date) -> Result<Answer, InputError> {
    match req {
        Request::Show { r, input, at } | Request::Penalty { r, input, at } => {
            let is_show = matches!(req, Request::Show { .. });
            let views = point_in_time(law, r, input, at, is_show)?;
            let query = json!({"command": if is_show {"show"} else {"penalty"}, "ref": r.to_string(), "at": when_json(at)});
            let results = if is_show {
                Results::Show(views)
            } else {
                Results::Penalty(views)
            };
            Ok(Answer { query, results })
        }
        Request::History { r, input } => history(law, r, input, today),
        Request::Covers { topic, at } => covers(law, topic, at),
        Request::Lineage { r, input } => lineage(law, r, input, today),
        Request::Diff { r, input, a, b } => diff(law, r, input, a, b),
        Request::Acts => Ok(acts(law)),
        Request::Topics => Ok(topics(law)),
        Request::Sources { r, input, at } => sources(law, r, input, at.as_ref(), today),
        Request::Gravity { r, input, at } => gravity(law, r, input, at),
        Request::Conciliation { r, input, at } => conciliation(law, r, input, at),
        Request::Applicable {
            r,
            input,
            offence,
            judgment,
        } => applicable(law, r, input, *offence, *judgment),
        Request::Timeline { target, window } => {
            match crate::analysis::timeline::rows(law, target, window) {
                Some(rows) => Ok(Answer {
                    query: json!({"command": "timeline", "target": target, "from": window.from.to_string(), "to": window.to.to_string()}),
                    results: Results::Timeline(rows),
                }),
                None => Err(InputError::new(
                    target,
                    0,
                    target.chars().count(),
                    format!("`{target}` is neither a provision nor a topic"),
                )
                .hint("give a reference such as cc1997:133, or a topic from `lexchron topics`")
                .not_found()),
            }
        }
        Request::Loopholes { topic, at, years } => {
            loopholes(law, topic.as_deref(), at, *years, today)
        }
        Request::Search { text, .. } => {
            Err(InputError::new(text, 0, 1, "search needs the index").hint("use Engine::answer"))
        }
        Request::Text { input, .. } => Err(InputError::new(
            input,
            0,
            1,
            "the official wording is read from the data directory",
        )
        .hint("use Engine::answer")),
        Request::Act { number } => {
            let (acts, changes) = crate::analysis::amendments::act_changes(law, number);
            if acts.is_empty() {
                let known: Vec<&str> = law.acts().map(|a| a.number.as_str()).collect();
                let hint = match crate::check::suggest(number, known.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`? `lexchron acts` lists every act"),
                    None => "`lexchron acts` lists every act with its number".to_string(),
                };
                return Err(InputError::new(
                    number,
                    0,
                    number.chars().count(),
                    format!("no act numbered `{number}` in the data"),
                )
                .hint(hint));
            }
            Ok(Answer {
                query: json!({"command": "act", "number": number, "acts": acts}),
                results: Results::ActChanges(changes),
            })
        }
        Request::Amended { window, limit } => Ok(Answer {
            query: json!({"command": "amended", "from": window.from.to_string(), "to": window.to.to_string(), "limit": limit}),
            results: Results::Amended(crate::analysis::amendments::amended(law, window, *limit)),
        }),
    }
}

/// Keeps only the part (and item) a reference names; errors list what exists.
fn narrow(view: &mut VersionView, r: &Ref, input: &str) -> Result<(), InputError> {
    let Some(part) = &r.part else { return Ok(()) };
    let known: Vec<String> = view.parts.iter().map(|p| p.part.clone()).collect();
    view.parts.retain(|p| &p.part == part);
    // Point at the part as written; a reference built without text points at all of it.
    let whole = (0, input.chars().count().max(1));
    if view.parts.is_empty() {
        let (at, len) = r.at.part.unwrap_or(whole);
        return Err(InputError::said(
            input,
            at,
            len,
            Said::new(
                "error-no-part",
                &[
                    ("ref", &view.reference),
                    ("interval", &view.interval()),
                    ("part", part),
                ],
            ),
        )
        .hint_said(Said::new("hint-parts", &[("parts", &known.join(", "))]))
        .not_found());
    }
    if let Some(item) = &r.item {
        let p = &mut view.parts[0];
        let items: Vec<String> = p.items.iter().map(|i| i.item.clone()).collect();
        p.items.retain(|i| &i.item == item);
        if p.items.is_empty() {
            let (at, len) = r.at.item.unwrap_or(whole);
            let list = if items.is_empty() {
                "none".to_string()
            } else {
                items.join(", ")
            };
            return Err(InputError::new(
                input,
                at,
                len,
                format!(
                    "part {part} of {} ({}) has no item {item}",
                    view.reference,
                    view.interval()
                ),
            )
            .hint(format!("items of that part: {list}"))
            .not_found());
        }
    }
    Ok(())
}

fn point_in_time(
    law: &Law,
    r: &Ref,
    input: &str,
    at: &When,
    with_text: bool,
) -> Result<Vec<VersionView>, InputError> {
    let provisions = law.resolve(r, input, at)?;
    let mut out = Vec::new();
    let mut spans = Vec::new();
    for pi in &provisions {
        let p = law.provision(*pi);
        for vi in law.versions_during(*pi, at) {
            let mut view = VersionView::of(law, p, &p.versions[vi], with_text);
            narrow(&mut view, r, input)?;
            out.push(view);
        }
        if let (Some(first), Some(last)) = (p.versions.first(), p.versions.last()) {
            spans.push(format!(
                "{} {} – {}",
                p.reference(),
                first.valid_from,
                last.valid_to.map_or("in force".into(), |d| d.to_string())
            ));
        }
    }
    if out.is_empty() {
        let (spans, first) = (spans.join("; "), law.provision(provisions[0]).reference());
        return Err(InputError::said(
            input,
            0,
            input.chars().count(),
            Said::new(
                "error-not-in-force",
                &[("ref", &r.to_string()), ("at", &at.to_string())],
            ),
        )
        .hint_said(Said::new(
            "hint-not-in-force",
            &[("spans", &spans), ("ref", &first)],
        ))
        .not_found());
    }
    Ok(out)
}

/// Resolves a reference without a date: a bare article means the code in force today.
/// For commands without a date (history, lineage, sources): a bare article resolves in the
/// code in force today, else in the one code that has it ("lineage 270" is the 1997 article).
fn resolve_one(law: &Law, r: &Ref, input: &str, today: Date) -> Result<usize, InputError> {
    match law.resolve(r, input, &When::day(today)) {
        Ok(found) => Ok(found[0]),
        Err(e) if r.code.is_none() => {
            let hits: Vec<usize> = law
                .codes()
                .filter_map(|c| law.by_ref(&format!("{}:{}", c.id, r.article)))
                .collect();
            match hits.as_slice() {
                [one] => Ok(*one),
                _ => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

fn history(law: &Law, r: &Ref, input: &str, today: Date) -> Result<Answer, InputError> {
    let pi = resolve_one(law, r, input, today)?;
    let p = law.provision(pi);
    let mut results = Vec::new();
    let mut prev: Option<&Version> = None;
    for v in &p.versions {
        let mut view = VersionView::of(law, p, v, false);
        narrow(&mut view, r, input)?;
        let changes: Vec<(String, crate::compare::Change)> = match prev {
            Some(old) => diff_parts(old, v)
                .into_iter()
                .flat_map(|d| d.typed.into_iter().map(move |c| (d.part.clone(), c)))
                .collect(),
            None => Vec::new(),
        };
        results.push(HistoryEntry {
            max_imprisonment_months: v.max_imprisonment_months(),
            version: view,
            penalty_changes: changes
                .iter()
                .map(|(part, c)| HistoryEntry::say(Lang::En, part, c))
                .collect(),
            changes,
        });
        prev = Some(v);
    }
    Ok(Answer {
        query: json!({"command": "history", "ref": p.reference()}),
        results: Results::History(results),
    })
}

fn covers(law: &Law, topic: &str, at: &When) -> Result<Answer, InputError> {
    let Some((id, closure)) = law.topic_closure(topic) else {
        let names = law.topic_names();
        let hint = match crate::check::suggest(&topic.to_lowercase(), names.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? `lexchron topics` lists them all"),
            None => "`lexchron topics` lists the topics and their synonyms".into(),
        };
        return Err(InputError::new(
            topic,
            0,
            topic.chars().count(),
            format!("unknown topic `{topic}`"),
        )
        .hint(hint)
        .not_found());
    };
    let hit = |ts: &[String]| -> Vec<String> {
        ts.iter().filter(|t| closure.contains(t)).cloned().collect()
    };
    let mut results = Vec::new();
    // The topic index yields only editions carrying the topics; the loop below says where.
    for (pi, vi) in law.covering(&closure, at) {
        let p = law.provision(pi);
        let v = &p.versions[vi];
        let mut matched = Vec::new();
        let whole = hit(&v.topics);
        if !whole.is_empty() {
            matched.push(Matched {
                part: None,
                item: None,
                topics: whole,
            });
        }
        for part in &v.parts {
            let t = hit(&part.topics);
            if !t.is_empty() {
                matched.push(Matched {
                    part: Some(part.part.clone()),
                    item: None,
                    topics: t,
                });
            }
            for item in &part.items {
                let t = hit(&item.topics);
                if !t.is_empty() {
                    matched.push(Matched {
                        part: Some(part.part.clone()),
                        item: Some(item.item.clone()),
                        topics: t,
                    });
                }
            }
        }
        if !matched.is_empty() {
            results.push(CoverHit {
                version: VersionView::of(law, p, v, false),
                matched,
                max_imprisonment_months: v.max_imprisonment_months(),
            });
        }
    }
    results.sort_by(|a, b| {
        (
            a.version.valid_from.as_str(),
            a.version.code.as_str(),
            article_key(&a.version.article),
        )
            .cmp(&(
                b.version.valid_from.as_str(),
                b.version.code.as_str(),
                article_key(&b.version.article),
            ))
    });
    // Group by provision for reading: order by code, article, then date.
    results.sort_by(|a, b| {
        (
            a.version.code.as_str(),
            article_key(&a.version.article),
            a.version.valid_from.as_str(),
        )
            .cmp(&(
                b.version.code.as_str(),
                article_key(&b.version.article),
                b.version.valid_from.as_str(),
            ))
    });
    let query =
        json!({"command": "covers", "topic": id, "matches_topics": closure, "at": when_json(at)});
    Ok(Answer {
        query,
        results: Results::Covers(results),
    })
}

fn lineage(law: &Law, r: &Ref, input: &str, today: Date) -> Result<Answer, InputError> {
    let pi = resolve_one(law, r, input, today)?;
    let chain = law
        .lineage(pi)
        .into_iter()
        .map(|(p, link)| {
            let prov = law.provision(p);
            let first = prov.versions.first();
            let last = prov.versions.last();
            ChainLink {
                reference: prov.reference(),
                code: prov.code.clone(),
                article: prov.article.clone(),
                title: last.map_or(prov.subject.clone(), |v| v.title.clone()),
                valid_from: first.map_or(String::new(), |v| v.valid_from.to_string()),
                valid_to: last.and_then(|v| v.valid_to.map(|d| d.to_string())),
                link: link.map(|(from, li)| {
                    let src = law.provision(from);
                    let l = &src.renumbered_as[li];
                    LinkView {
                        from: src.reference(),
                        date: l.date.to_string(),
                        act: ActView::lookup(law, &l.act),
                        confidence: l.confidence.to_string(),
                        note: l.note.clone(),
                        sources: l.sources.iter().map(|c| SourceView::of(law, c)).collect(),
                    }
                }),
            }
        })
        .collect();
    let p = law.provision(pi);
    let latest = p.versions.last().expect("checked data has versions");
    let view = LineageView {
        version: VersionView::of(law, p, latest, false),
        chain,
    };
    Ok(Answer {
        query: json!({"command": "lineage", "ref": p.reference()}),
        results: Results::Lineage(vec![view]),
    })
}

/// The version in force on `day` along the lineage of `pi` (renumbering followed both ways).
fn along_lineage(law: &Law, pi: usize, day: Date) -> Option<(usize, usize, Vec<String>)> {
    if let Some(vi) = law.version_on(pi, day) {
        return Some((pi, vi, Vec::new()));
    }
    let chain = law.lineage(pi);
    chain.iter().find_map(|(p, _)| {
        law.version_on(*p, day).map(|vi| {
            let via = chain
                .iter()
                .map(|(q, _)| law.provision(*q).reference())
                .collect();
            (*p, vi, via)
        })
    })
}

fn diff(law: &Law, r: &Ref, input: &str, a: &When, b: &When) -> Result<Answer, InputError> {
    let pi = law.resolve(r, input, a)?[0];
    let not_found = |when: &When| {
        let shown = when.from.to_string();
        InputError::new(&shown, 0, shown.chars().count(), format!("neither {} nor its renumbered forms were in force on {}", law.provision(pi).reference(), when.from))
            .hint("a date in a diff means its first day (2006 = 2006-01-01); pick dates inside the provision's history")
            .not_found()
    };
    let (pa, va, _) = along_lineage(law, pi, a.from).ok_or_else(|| not_found(a))?;
    let (pb, vb, via) = along_lineage(law, pa, b.from).ok_or_else(|| not_found(b))?;
    let (prov_a, prov_b) = (law.provision(pa), law.provision(pb));
    let (old, new) = (&prov_a.versions[va], &prov_b.versions[vb]);
    let mut from = VersionView::of(law, prov_a, old, false);
    let mut to = VersionView::of(law, prov_b, new, false);
    narrow(&mut from, r, input)?;
    narrow(&mut to, r, input)?;
    let mut parts = diff_parts(old, new);
    if let Some(part) = &r.part {
        parts.retain(|d| &d.part == part);
    }
    let view = DiffView {
        reference: prov_a.reference(),
        title_changed: old.title != new.title,
        from,
        to,
        via: if pa == pb { Vec::new() } else { via },
        parts,
    };
    let query = json!({"command": "diff", "ref": r.to_string(), "from": a.from.to_string(), "to": b.from.to_string()});
    Ok(Answer {
        query,
        results: Results::Diff(vec![view]),
    })
}

fn acts(law: &Law) -> Answer {
    let mut rows: Vec<ActRow> = law
        .acts()
        .map(|a| ActRow {
            act: ActView::of(a),
            in_force_rule: a.in_force_rule.clone(),
            provisions: law.touched_by(&a.id),
            sources: a.sources.iter().map(|c| SourceView::of(law, c)).collect(),
        })
        .collect();
    rows.sort_by(|a, b| {
        (
            a.act.in_force.as_deref().unwrap_or(&a.act.signed),
            a.act.id.as_str(),
        )
            .cmp(&(
                b.act.in_force.as_deref().unwrap_or(&b.act.signed),
                b.act.id.as_str(),
            ))
    });
    Answer {
        query: json!({"command": "acts"}),
        results: Results::Acts(rows),
    }
}

fn topics(law: &Law) -> Answer {
    let rows = law
        .topics()
        .map(|t| {
            let (_, closure) = law.topic_closure(&t.id).unwrap_or_default();
            let mut provisions: Vec<&Provision> = law
                .provisions()
                .filter(|p| {
                    p.versions.iter().any(|v| {
                        let ts = v.topics.iter().chain(v.parts.iter().flat_map(|pt| {
                            pt.topics
                                .iter()
                                .chain(pt.items.iter().flat_map(|i| i.topics.iter()))
                        }));
                        ts.into_iter().any(|x| closure.contains(x))
                    })
                })
                .collect();
            provisions.sort_by_key(|p| (p.code.clone(), article_key(&p.article)));
            TopicRow {
                id: t.id.clone(),
                label: t.label.clone(),
                synonyms: t.synonyms.clone(),
                broader: t.broader.clone(),
                provisions: provisions.iter().map(|p| p.reference()).collect(),
            }
        })
        .collect();
    Answer {
        query: json!({"command": "topics"}),
        results: Results::Topics(rows),
    }
}

fn sources(
    law: &Law,
    r: &Ref,
    input: &str,
    at: Option<&When>,
    today: Date,
) -> Result<Answer, InputError> {
    let pi = match at {
        Some(w) => law.resolve(r, input, w)?[0],
        None => resolve_one(law, r, input, today)?,
    };
    let p = law.provision(pi);
    let mut uses: Vec<SourceUse> = Vec::new();
    for v in &p.versions {
        if at.is_some_and(|w| !v.overlaps(w.from, w.to)) {
            continue;
        }
        let cites = v
            .sources
            .iter()
            .chain(v.parts.iter().flat_map(|pt| pt.sources.iter()));
        for c in cites {
            let cited = CitedFor {
                valid_from: v.valid_from.to_string(),
                valid_to: v.valid_to.map(|d| d.to_string()),
                locator: c.locator.clone(),
            };
            match uses.iter_mut().find(|u| u.source.id == c.source) {
                Some(u) => u.cited_for.push(cited),
                None => uses.push(SourceUse {
                    reference: p.reference(),
                    source: SourceView::of(law, c),
                    note: law
                        .meta()
                        .source_notes
                        .get(&c.source)
                        .map(|n| n.trim().to_string()),
                    cited_for: vec![cited],
                }),
            }
        }
    }
    let mut query = json!({"command": "sources", "ref": p.reference()});
    if let Some(w) = at {
        query["at"] = when_json(w);
    }
    Ok(Answer {
        query,
        results: Results::Sources(uses),
    })
}

/// Runs `f` on every edition of an offence overlapping `at`, narrowed to the part asked;
/// `day` is the edition's first day inside the query, the day the general rules are read on.
/// Shared by the analysis commands, which all refuse general rules and empty answers alike.
fn each_offence_edition<T>(
    law: &Law,
    r: &Ref,
    input: &str,
    at: &When,
    command: &str,
    mut f: impl FnMut(&Provision, &Version, VersionView, Date) -> T,
) -> Result<Vec<T>, InputError> {
    let mut results = Vec::new();
    for pi in law.resolve(r, input, at)? {
        let p = law.provision(pi);
        if p.kind == crate::model::ProvisionKind::GeneralRule {
            return Err(InputError::new(
                input,
                0,
                input.chars().count(),
                format!("{} is a general rule, not an offence", p.reference()),
            )
            .hint(format!(
                "{command} applies to offences, e.g. `lexchron {command} cc2014:128 --at 2016`"
            )));
        }
        for vi in law.versions_during(pi, at) {
            let v = &p.versions[vi];
            let mut view = VersionView::of(law, p, v, false);
            narrow(&mut view, r, input)?;
            results.push(f(p, v, view, v.valid_from.max(at.from)));
        }
    }
    if results.is_empty() {
        return Err(InputError::said(
            input,
            0,
            input.chars().count(),
            Said::new(
                "error-not-in-force",
                &[("ref", &r.to_string()), ("at", &at.to_string())],
            ),
        )
        .hint_said(Said::new("hint-try-another-at", &[]))
        .not_found());
    }
    Ok(results)
}

/// The parts of `v` that a (possibly narrowed) view kept.
fn kept<'a>(v: &'a Version, view: &VersionView) -> impl Iterator<Item = &'a Part> {
    let wanted: Vec<String> = view.parts.iter().map(|x| x.part.clone()).collect();
    v.parts.iter().filter(move |pt| wanted.contains(&pt.part))
}

fn gravity(law: &Law, r: &Ref, input: &str, at: &When) -> Result<Answer, InputError> {
    let results = each_offence_edition(law, r, input, at, "gravity", |p, v, view, day| {
        let rule = crate::analysis::gravity::rule_on(law, &p.code, day);
        let rows = match &rule {
            Some((used, cats)) => kept(v, &view)
                .map(|pt| crate::analysis::gravity::classify(pt, used, cats))
                .collect(),
            None => Vec::new(),
        };
        GravityView {
            version: view,
            rule: rule.map(|(u, _)| u),
            gravity: rows,
        }
    })?;
    Ok(Answer {
        query: json!({"command": "gravity", "ref": r.to_string(), "at": when_json(at)}),
        results: Results::Gravity(results),
    })
}

fn conciliation(law: &Law, r: &Ref, input: &str, at: &When) -> Result<Answer, InputError> {
    let results = each_offence_edition(law, r, input, at, "conciliation", |p, v, view, day| {
        let rows = kept(v, &view)
            .map(|pt| crate::analysis::conciliation::evaluate(law, p, pt, day, r.item.as_deref()))
            .collect();
        ConciliationView {
            as_of: day.to_string(),
            version: view,
            conciliation: rows,
        }
    })?;
    Ok(Answer {
        query: json!({"command": "conciliation", "ref": r.to_string(), "at": when_json(at)}),
        results: Results::Conciliation(results),
    })
}

fn loopholes(
    law: &Law,
    topic: Option<&str>,
    at: &When,
    years: Option<(i32, i32)>,
    today: Date,
) -> Result<Answer, InputError> {
    if let Some(t) = topic {
        if law.topic_closure(t).is_none() {
            return Err(InputError::new(t, 0, t.chars().count(), format!("unknown topic `{t}`")).hint("`lexchron topics` lists them; leave --topic out for the code's own trafficking-related list").not_found());
        }
    }
    let topic_id = topic.and_then(|t| law.topic_closure(t)).map(|(id, _)| id);
    match years {
        Some((from, to)) => {
            let rows = crate::analysis::loopholes::years(law, from, to, today, topic_id.as_deref());
            let query = json!({"command": "loopholes", "topic": topic_id, "from": from, "to": to});
            Ok(Answer {
                query,
                results: Results::LoopholeYears(rows),
            })
        }
        None => {
            let day = at.from;
            if law.codes_during(&When::day(day)).is_empty() {
                return Err(law.outside_codes("", &When::day(day)));
            }
            let (lists, parts) =
                crate::analysis::loopholes::parts_on(law, day, topic_id.as_deref());
            let open: Vec<_> = parts
                .iter()
                .filter(|p| p.conciliation.is_open())
                .cloned()
                .collect();
            let query = json!({"command": "loopholes", "topic": topic_id, "at": day.to_string(), "lists": lists, "related_parts": parts.len(), "closed": parts.len() - open.len()});
            Ok(Answer {
                query,
                results: Results::Loopholes(open),
            })
        }
    }
}

fn applicable(
    law: &Law,
    r: &Ref,
    input: &str,
    offence: Date,
    judgment: Date,
) -> Result<Answer, InputError> {
    if judgment < offence {
        let shown = format!("--offence {offence} --judgment {judgment}");
        return Err(InputError::new(
            &shown,
            0,
            shown.chars().count(),
            "the judgment comes before the offence",
        )
        .hint("give the offence date first"));
    }
    let pi = law.resolve(r, input, &When::day(offence))?[0];
    let Some(result) = crate::analysis::applicable::decide(law, pi, offence, judgment) else {
        return Err(InputError::new(
            input,
            0,
            input.chars().count(),
            format!(
                "{} was not in force on {offence}",
                law.provision(pi).reference()
            ),
        )
        .hint("the offence date must fall inside the provision's history; see `lexchron history`")
        .not_found());
    };
    let query = json!({"command": "applicable", "ref": r.to_string(), "offence": offence.to_string(), "judgment": judgment.to_string()});
    Ok(Answer {
        query,
        results: Results::Applicable(vec![result]),
    })
}
