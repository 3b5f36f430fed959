//! Successive mirror versions of one code turned into editions of each article.
//!
//! Invariants: a new edition starts only where an article's normalised wording changes (a
//! formatting-only change is the same edition); no edition starts before its code took
//! effect, and none of the 1997 code after it ended; an entry-into-force day read from a
//! rule that needs the unknown publication date is the earliest day the rule allows, graded
//! C with the reason, never A. The state is plain data so a re-import can carry on from it.

use super::article::{Article, ArticlePart};
use super::footnote::AmendingAct;
use super::git::{CodeId, MirrorVersion};
use crate::model::{ActKind, Confidence, Date, Penalty};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The shape of [`CodeState`] the importer writes. A state of another shape (older ones lack
/// the unnumbered paragraphs and Kazakh spans of their editions, or the last tree of each
/// code folder) is read again from the start.
pub const STATE_FORMAT: u32 = 3;

/// Everything imported from one code so far; a re-import continues from it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CodeState {
    /// [`STATE_FORMAT`] when written; 0 for a state from before formats were numbered.
    #[serde(default)]
    pub format: u32,
    pub code: String,
    /// The head commit of the last import, and the code folder's tree in it.
    pub last_commit: Option<String>,
    pub last_tree: Option<String>,
    /// Each code folder read (both layouts live side by side) and its last tree.
    #[serde(default)]
    pub last_trees: BTreeMap<String, String>,
    /// Article number -> its history.
    pub articles: BTreeMap<String, ArticleHistory>,
    /// Amending acts met, by id.
    pub acts: BTreeMap<String, ActRecord>,
    /// Every mirror version read, oldest first.
    pub versions: Vec<VersionRecord>,
    /// Sanctions not read and other things the import stepped around.
    pub problems: Vec<Problem>,
}

/// One article's editions, oldest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ArticleHistory {
    pub editions: Vec<Edition>,
    /// Repealed from this day (the last edition ends the day before).
    pub repealed: Option<Date>,
    /// Holes between editions (repealed, then restored), with the reason.
    pub gaps: Vec<(Date, Date, String)>,
}

/// One edition: wording, parts, dates and where it was read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Edition {
    pub valid_from: Date,
    pub valid_to: Option<Date>,
    /// Hash of the normalised wording; equal hashes are the same edition.
    pub wording_hash: String,
    pub title: String,
    pub parts: Vec<EditionPart>,
    pub notes: Vec<(String, String)>,
    /// Unnumbered paragraphs after a numbered part: (the part they follow, their text).
    /// A lead-in before the first part has no part to follow and stays in `ru` only.
    #[serde(default)]
    pub paragraphs: Vec<(String, String)>,
    /// Official wording (Russian; Kazakh where the mirror has it). `kz` is the Kazakh the
    /// mirror had when the edition started (or, if it had none then, the first it had).
    pub ru: String,
    pub kz: Option<String>,
    /// Later changes of the Kazakh wording alone, the Russian staying the same, oldest first.
    #[serde(default)]
    pub kz_changes: Vec<KazakhChange>,
    /// Where the edition was first read.
    pub commit: String,
    pub folder: String,
    pub file: String,
    pub line: usize,
    pub version_date: Option<Date>,
    pub url_rus: Option<String>,
    pub url_kaz: Option<String>,
    pub enacted_by: String,
    pub amended_by: Vec<String>,
    pub confidence: Confidence,
    pub date_note: Option<String>,
    /// Numbers of the acts the article's footnotes named when this edition was read.
    #[serde(default)]
    pub footnote_acts: Vec<String>,
}

/// The Kazakh wording of an edition as changed by a later version whose Russian text is the
/// same. Dated by that version's `version_date` (the database dates a version by the day its
/// changes apply), graded C: the act that changed only the Kazakh text is not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KazakhChange {
    pub valid_from: Date,
    pub kz: String,
    pub commit: String,
    pub folder: String,
}

/// A part of an edition with its sanction, read or kept as wording.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EditionPart {
    pub part: String,
    pub text: String,
    pub items: Vec<(String, String)>,
    pub penalty: Option<Penalty>,
    /// The sanction's wording when it could not be read.
    pub unread: Option<String>,
}

/// An amending act as the footnotes and meta.yaml state it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActRecord {
    pub id: String,
    pub kind: ActKind,
    pub number: String,
    pub signed: Date,
    pub in_force: Date,
    pub rule: Option<String>,
    pub confidence: Confidence,
    pub note: Option<String>,
    pub title_ru: Option<String>,
    /// The mirror version where the act was first met (source id, locator).
    pub cite: (String, String),
}

/// A mirror version that was read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VersionRecord {
    pub commit: String,
    pub folder: String,
    pub version_date: Option<Date>,
    pub url_rus: Option<String>,
    pub url_kaz: Option<String>,
}

/// Something the import could not read, located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub commit: String,
    pub file: String,
    pub line: usize,
    pub article: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Chapter parser warnings carry no article (their message names it when it can).
        let art = match self.article.as_str() {
            "" => String::new(),
            a => format!("art. {a} "),
        };
        write!(
            f,
            "{}:{}: {art}(commit {}): {}",
            self.file,
            self.line,
            super::git::short(&self.commit),
            self.message
        )
    }
}

/// The code's own dates and adopting act (from the bundled `codes.ron`).
#[derive(Debug, Clone)]
pub struct CodeFrame {
    pub code: CodeId,
    pub in_force: Date,
    pub until: Option<Date>,
    /// The act that adopted the code, e.g. `kz-code-2014-226-V`.
    pub act: String,
    /// Entry-into-force days the bundled acts record, by act id, with their grades: where a
    /// footnote's rule needs the unknown publication day, a bundled day the rule allows is
    /// the better-informed one.
    pub acts: BTreeMap<String, (Date, Confidence)>,
}

/// An article read from one version: the parsed article and the file it came from.
pub struct Read<'a> {
    pub file: &'a str,
    pub article: &'a Article,
    /// The whole file, from which the printed wording is cut when an edition starts.
    pub md: &'a str,
}

/// The mirror source id of a version: `kzcodes-<code>-<7 hex>`.
pub fn source_id(code: CodeId, commit: &str) -> String {
    format!("kzcodes-{}-{}", code.id(), super::git::short(commit))
}

impl CodeState {
    pub fn new(code: CodeId) -> CodeState {
        CodeState {
            format: STATE_FORMAT,
            code: code.id().to_string(),
            ..CodeState::default()
        }
    }

    /// Folds one version into the editions. `kaz` maps article numbers to Kazakh wording.
    pub fn apply(
        &mut self,
        frame: &CodeFrame,
        v: &MirrorVersion,
        read: Vec<Read<'_>>,
        kaz: &BTreeMap<String, String>,
    ) {
        let first = self.versions.is_empty();
        // The day of the version before this one: a change seen now took effect after it.
        let prev_day = self.versions.last().and_then(|r| r.version_date);
        let cause = v.meta.caused_by.as_deref().and_then(parse_requisite);
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for r in read {
            let a = r.article;
            let hash = blake3::hash(a.wording.as_bytes()).to_hex().to_string();
            if let Some(prev) = seen.get(&a.number) {
                if *prev != hash {
                    self.problem(
                        v,
                        r.file,
                        a.line,
                        &a.number,
                        "the article appears twice with different wording; the first is kept"
                            .into(),
                    );
                }
                continue;
            }
            seen.insert(a.number.clone(), hash.clone());
            let hist = self.articles.entry(a.number.clone()).or_default();
            let known: Vec<String> = hist
                .editions
                .last()
                .map(|e| e.footnote_acts.clone())
                .unwrap_or_default();
            let last_open = hist.editions.last().filter(|e| e.valid_to.is_none());
            if a.repealed {
                if last_open.is_some() {
                    let (start, grade, why, act) =
                        entry_day(frame, v, a, cause.as_ref(), first, &known, prev_day);
                    let start = start.max(frame.in_force);
                    if frame.until.is_some_and(|u| start > u) {
                        // Repealed after the whole code ceased to apply: nothing changes.
                        continue;
                    }
                    close_before(hist, start);
                    hist.repealed = Some(start);
                    // No later edition shows the reader how the end was dated: say it here.
                    if let (Some(last), Some(why)) = (hist.editions.last_mut(), why) {
                        if grade != Confidence::A {
                            let note = format!("repealed from {start} (graded {grade}): {why}");
                            last.date_note = Some(match last.date_note.take() {
                                Some(n) => format!("{n}; {note}"),
                                None => note,
                            });
                        }
                    }
                    if let Some(rec) = act {
                        self.acts.entry(rec.id.clone()).or_insert(rec);
                    }
                }
                continue;
            }
            if hist.repealed.is_none() && last_open.is_some_and(|e| e.wording_hash == hash) {
                // Same wording: a formatting change at most in Russian; the Kazakh may arrive
                // later, or change alone.
                if let Some(e) = hist.editions.last_mut() {
                    if let Some(k) = kaz.get(&a.number) {
                        kazakh_seen(e, k, v, frame);
                    }
                    e.footnote_acts = a
                        .footnotes
                        .iter()
                        .flat_map(|f| f.acts.iter())
                        .map(|fa| normalise_number(&fa.number))
                        .collect();
                }
                continue;
            }
            let (mut start, mut grade, mut note, act) =
                entry_day(frame, v, a, cause.as_ref(), first, &known, prev_day);
            if start <= frame.in_force {
                // Made before the code took effect: the edition applies from the code's own
                // first day, which is known exactly, whatever the amending act's rule was.
                start = frame.in_force;
                grade = Confidence::A;
                note = None;
            }
            if frame.until.is_some_and(|u| start > u) {
                // The 1997 code no longer applied; later versions are history only.
                continue;
            }
            let mut amended_by: Vec<String> = Vec::new();
            let enacted_by = match &act {
                Some(rec) if start > frame.in_force || rec.in_force > frame.in_force => {
                    rec.id.clone()
                }
                Some(rec) => {
                    amended_by.push(rec.id.clone());
                    frame.act.clone()
                }
                None => frame.act.clone(),
            };
            if let Some(rec) = act {
                self.acts.entry(rec.id.clone()).or_insert(rec);
            }
            let hist = self.articles.entry(a.number.clone()).or_default();
            // An earlier edition that would start on or after this one never applied.
            while hist
                .editions
                .last()
                .is_some_and(|prev| prev.valid_to.is_none() && prev.valid_from >= start)
            {
                let Some(gone) = hist.editions.pop() else {
                    break;
                };
                for id in std::iter::once(gone.enacted_by).chain(gone.amended_by) {
                    if id != enacted_by && !amended_by.contains(&id) && id != frame.act {
                        amended_by.push(id);
                    }
                }
            }
            if let Some(rep) = hist.repealed.take() {
                if let Some(before) = start.pred_opt() {
                    if rep <= before {
                        hist.gaps
                            .push((rep, before, "repealed, then restored".to_string()));
                    }
                }
            }
            close_before(hist, start);
            if let Some(prev) = hist.editions.last() {
                if prev.valid_to.is_some_and(|t| t >= start) {
                    continue;
                }
            }
            let act_day = self.acts.get(&enacted_by).map(|r| r.in_force);
            let mut date_note = note;
            if act_day.is_some_and(|d| d != start) && date_note.is_none() {
                date_note = Some(format!(
                    "the code took effect on {}; this wording was made before then",
                    frame.in_force
                ));
            }
            let confidence = if first && start > frame.in_force {
                Confidence::C
            } else {
                grade
            };
            let parts = parts_of(a);
            for p in &a.parts {
                if let Some(s) = &p.sanction {
                    if let Err(e) = &s.penalty {
                        let msg = format!(
                            "part {}: sanction not read ({}): \"{}\"",
                            p.part,
                            e.reason,
                            short(&e.wording)
                        );
                        self.problems.push(Problem {
                            commit: v.commit.clone(),
                            file: format!("{}/{}", v.folder, r.file),
                            line: s.line,
                            article: a.number.clone(),
                            message: msg,
                        });
                    }
                }
            }
            let hist = self.articles.entry(a.number.clone()).or_default();
            hist.editions.push(Edition {
                valid_from: start,
                // Open while it lasts; the writer ends the 1997 code's last editions.
                valid_to: None,
                wording_hash: hash,
                title: a.title.clone(),
                parts,
                notes: a
                    .notes
                    .iter()
                    .map(|n| (n.note.clone(), n.text.clone()))
                    .collect(),
                paragraphs: paragraphs_of(a),
                ru: printed(r.md, a),
                kz: kaz.get(&a.number).cloned(),
                kz_changes: vec![],
                commit: v.commit.clone(),
                folder: v.folder.clone(),
                file: r.file.to_string(),
                line: a.line,
                version_date: v.meta.version_date,
                url_rus: v.meta.url_rus.clone(),
                url_kaz: v.meta.url_kaz.clone(),
                enacted_by,
                amended_by,
                confidence,
                date_note,
                footnote_acts: a
                    .footnotes
                    .iter()
                    .flat_map(|f| f.acts.iter())
                    .map(|fa| normalise_number(&fa.number))
                    .collect(),
            });
        }
        // An article that is neither printed nor marked repealed is kept in force (a file
        // the parser could not read should not repeal the law), but named.
        let missing: Vec<&str> = self
            .articles
            .iter()
            .filter(|(n, h)| {
                !seen.contains_key(*n)
                    && h.repealed.is_none()
                    && h.editions.last().is_some_and(|e| e.valid_to.is_none())
            })
            .map(|(n, _)| n.as_str())
            .collect();
        if !missing.is_empty() && !seen.is_empty() {
            let shown: Vec<&str> = missing.iter().take(10).copied().collect();
            let more = missing.len().saturating_sub(shown.len());
            let message = format!(
                "{} article(s) of the previous version are missing from this one and were kept in force: {}{}",
                missing.len(),
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            );
            self.problems.push(Problem {
                commit: v.commit.clone(),
                file: v.folder.clone(),
                line: 0,
                article: String::new(),
                message,
            });
        }
        self.last_commit = Some(v.commit.clone());
        self.last_tree = Some(v.tree.clone());
        self.last_trees.insert(v.folder.clone(), v.tree.clone());
        self.versions.push(VersionRecord {
            commit: v.commit.clone(),
            folder: v.folder.clone(),
            version_date: v.meta.version_date,
            url_rus: v.meta.url_rus.clone(),
            url_kaz: v.meta.url_kaz.clone(),
        });
    }

    fn problem(
        &mut self,
        v: &MirrorVersion,
        file: &str,
        line: usize,
        article: &str,
        message: String,
    ) {
        self.problems.push(Problem {
            commit: v.commit.clone(),
            file: format!("{}/{}", v.folder, file),
            line,
            article: article.to_string(),
            message,
        });
    }
}

/// Folds the Kazakh wording of a later version into an open edition whose Russian did not
/// change: the first Kazakh seen fills a gap; a different one (spacing aside) starts a Kazakh
/// span on the version's date, or replaces the edition's Kazakh if that date is not later
/// than the edition's start.
fn kazakh_seen(e: &mut Edition, k: &str, v: &MirrorVersion, frame: &CodeFrame) {
    let Some(current) = e.kz_changes.last().map(|c| &c.kz).or(e.kz.as_ref()) else {
        e.kz = Some(k.to_string());
        return;
    };
    if super::article::normalise(current) == super::article::normalise(k) {
        return;
    }
    let day = v.meta.version_date.unwrap_or(e.valid_from);
    let day = match frame.until {
        Some(u) if day > u => return,
        _ => day,
    };
    if day <= e.valid_from {
        e.kz = Some(k.to_string());
        e.kz_changes.clear();
        return;
    }
    // A second change on the same day is a correction of the first.
    if e.kz_changes.last().is_some_and(|c| c.valid_from >= day) {
        e.kz_changes.retain(|c| c.valid_from < day);
    }
    e.kz_changes.push(KazakhChange {
        valid_from: day,
        kz: k.to_string(),
        commit: v.commit.clone(),
        folder: v.folder.clone(),
    });
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(80).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// Ends the open edition the day before `start` (dropping it if it would end before it began).
fn close_before(hist: &mut ArticleHistory, start: Date) {
    let Some(last) = hist.editions.last_mut() else {
        return;
    };
    let Some(day_before) = start.pred_opt() else {
        return;
    };
    if last.valid_to.is_none_or(|t| t > day_before) {
        if day_before < last.valid_from {
            hist.editions.pop();
        } else {
            last.valid_to = Some(day_before);
        }
    }
}

fn parts_of(a: &Article) -> Vec<EditionPart> {
    let offence = a.parts.iter().any(|p| p.sanction.is_some());
    let mut out: Vec<EditionPart> = Vec::new();
    for p in &a.parts {
        if out.iter().any(|q| q.part == p.part) {
            continue;
        }
        out.push(part_of(p, offence));
    }
    if out.is_empty() {
        out.push(EditionPart {
            part: "1".into(),
            text: a.title.clone(),
            items: vec![],
            penalty: None,
            unread: None,
        });
    }
    out
}

/// Each unnumbered paragraph with the numbered part it follows (the last part that starts
/// above it), so that no part number is invented for it.
fn paragraphs_of(a: &Article) -> Vec<(String, String)> {
    a.paragraphs
        .iter()
        .filter_map(|(line, text)| {
            let after = a.parts.iter().rev().find(|p| p.line < *line)?;
            Some((after.part.clone(), text.clone()))
        })
        .collect()
}

fn part_of(p: &ArticlePart, offence: bool) -> EditionPart {
    let (penalty, unread) = match &p.sanction {
        Some(s) => match &s.penalty {
            Ok(pen) => (Some(pen.clone()), None),
            Err(e) => (Some(unknown_with(&e.wording)), Some(e.wording.clone())),
        },
        None if offence => (Some(unknown_with("")), None),
        None => (None, None),
    };
    let mut items: Vec<(String, String)> = Vec::new();
    for i in &p.items {
        if !items.iter().any(|(id, _)| *id == i.item) {
            items.push((i.item.clone(), i.text.clone()));
        }
    }
    EditionPart {
        part: p.part.clone(),
        text: p.text.clone(),
        items,
        penalty,
        unread,
    }
}

/// An unknown penalty that keeps the wording it could not read.
fn unknown_with(wording: &str) -> Penalty {
    let mut p = super::sanction::unknown_penalty();
    if wording.trim().is_empty() {
        p.other
            .push("this part states no sanction of its own".into());
    } else {
        p.other.push(format!("not read: {}", wording.trim()));
    }
    p
}

/// An act named in a requisite: "Закон Республики Казахстан от 7 ноября 2014 года № 248-V".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requisite {
    pub kind: ActKind,
    pub signed: Date,
    pub number: String,
}

/// Reads a requisite in either style: "от 7 ноября 2014 года № 248-V" or "от 07.11.2014 № 248-V".
pub fn parse_requisite(s: &str) -> Option<Requisite> {
    let lower = s.to_lowercase();
    let kind = if lower.contains("конституционн") {
        ActKind::ConstitutionalLaw
    } else if lower.starts_with("кодекс") {
        ActKind::Code
    } else if lower.starts_with("указ") {
        ActKind::Decree
    } else {
        ActKind::Law
    };
    let after = &s[s.find("от ")? + "от ".len()..];
    let (date_text, num_text) = after.split_once('№')?;
    let words: Vec<&str> = date_text.split_whitespace().collect();
    let signed = match words.as_slice() {
        [dmy, ..] if dmy.contains('.') => {
            let mut it = dmy.split('.').map(|x| x.parse::<u32>().ok());
            let (d, m, y) = (it.next()??, it.next()??, it.next()??);
            Date::from_ymd_opt(y as i32, m, d)?
        }
        [d, month, y, ..] => {
            let m = super::numwords::MONTHS
                .iter()
                .position(|x| *x == month.to_lowercase())? as u32
                + 1;
            Date::from_ymd_opt(y.parse().ok()?, m, d.parse().ok()?)?
        }
        _ => return None,
    };
    let number = num_text.split_whitespace().next()?;
    let number = normalise_number(number);
    (!number.is_empty()).then_some(Requisite {
        kind,
        signed,
        number,
    })
}

/// Act numbers as the data writes them: Latin letters (the texts mix in Cyrillic or Greek
/// look-alikes, see [`latin_lookalike`]), no trailing punctuation. The one place both the
/// footnote parser and the edition builder normalise a number.
pub fn normalise_number(n: &str) -> String {
    n.trim()
        .trim_end_matches(['.', ',', ';', ')', '*'])
        .chars()
        .map(latin_lookalike)
        .collect()
}

/// The Latin letter a Cyrillic (or Greek) look-alike typed in an act number stands for:
/// І and Ι for I, Х for X, У for V ("180-УІ"), В for B; any other character is kept.
pub fn latin_lookalike(c: char) -> char {
    match c {
        'І' | 'Ι' => 'I',
        'Х' => 'X',
        'У' => 'V',
        'В' => 'B',
        c => c,
    }
}

/// The id of an act: `kz-law-2019-292-VI` (FORMAT.md).
pub fn act_id(kind: ActKind, signed: Date, number: &str) -> String {
    use chrono::Datelike;
    let k = match kind {
        ActKind::Code => "code",
        ActKind::Law => "law",
        ActKind::ConstitutionalLaw => "claw",
        ActKind::Decree => "decree",
        ActKind::CourtResolution => "sc",
    };
    format!("kz-{k}-{}-{}", signed.year(), normalise_number(number))
}

/// The day an article's new wording took effect, its grade, a note when it rests on a rule
/// or inference, and the act that made the change.
fn entry_day(
    frame: &CodeFrame,
    v: &MirrorVersion,
    a: &Article,
    cause: Option<&Requisite>,
    first: bool,
    known: &[String],
    prev_day: Option<Date>,
) -> (Date, Confidence, Option<String>, Option<ActRecord>) {
    // A repealed article names the repealing act in its own heading, not in a footnote.
    let in_heading: Option<AmendingAct> = a
        .repealed
        .then(|| parse_requisite(&a.title))
        .flatten()
        .map(|r| AmendingAct {
            kind: r.kind,
            signed: r.signed,
            number: r.number,
            rule: super::footnote::parse_rule(&a.title),
        });
    let acts: Vec<&AmendingAct> = a
        .footnotes
        .iter()
        .flat_map(|f| f.acts.iter())
        .chain(in_heading.as_ref())
        .collect();
    let cite = (
        source_id(frame.code, &v.commit),
        format!("{}, art. {}", v.folder, a.number),
    );
    let record = |kind: ActKind,
                  signed: Date,
                  number: &str,
                  day: Date,
                  grade: Confidence,
                  rule: Option<String>,
                  note: Option<String>| ActRecord {
        id: act_id(kind, signed, number),
        kind,
        number: normalise_number(number),
        signed,
        in_force: day.max(signed),
        rule,
        confidence: grade,
        note,
        title_ru: None,
        cite: cite.clone(),
    };
    let from_footnote = |fa: &AmendingAct, why: &str| match fa.rule {
        Some(rule) => {
            let mut r = rule.resolve(fa.signed, None);
            let bundled = frame.acts.get(&act_id(fa.kind, fa.signed, &fa.number));
            if let Some(&(day, grade)) =
                bundled.filter(|(d, _)| r.grade != Confidence::A && *d >= r.date)
            {
                r.explanation = format!(
                    "{}; the bundled record of act {} gives {day} (graded {grade}), which the rule allows, and is taken",
                    r.explanation, fa.number
                );
                (r.date, r.grade) = (day, grade);
            }
            let note = (r.grade != Confidence::A).then(|| format!("{why}{}", r.explanation));
            let rec = record(
                fa.kind,
                fa.signed,
                &fa.number,
                r.date,
                r.grade,
                Some(rule.describe()),
                note.clone(),
            );
            (r.date, r.grade, note, Some(rec))
        }
        None => {
            // The change is in this version and not in the one before: it took effect after
            // that one's day and not before the act was signed. Where versions are missing in
            // between (the flat layout of 2015 follows a nested one of 2005), the version's
            // own day can be years late; the earliest day the two bounds allow is taken.
            let gap = match (prev_day, v.meta.version_date) {
                (Some(p), Some(d)) if !first && d > p && fa.signed < d => {
                    p.succ_opt().map(|p1| (fa.signed.max(p1), p, d))
                }
                _ => None,
            };
            let (day, note) = match gap {
                Some((day, p, d)) if day < d => (
                    day,
                    format!(
                        "{why}the footnote states no entry-into-force rule for act {}; the text changed between the mirror's versions of {p} and {d}, so the earliest day the act allows after {p}, {day}, is taken",
                        fa.number
                    ),
                ),
                _ => {
                    let day = v.meta.version_date.unwrap_or(fa.signed).max(fa.signed);
                    (
                        day,
                        format!(
                            "{why}the footnote states no entry-into-force rule for act {}; the mirror's version date {day} is used",
                            fa.number
                        ),
                    )
                }
            };
            let rec = record(
                fa.kind,
                fa.signed,
                &fa.number,
                day,
                Confidence::C,
                None,
                Some(note.clone()),
            );
            (day, Confidence::C, Some(note), Some(rec))
        }
    };
    let latest = acts.iter().copied().max_by_key(|fa| fa.signed);
    if first {
        // The earliest text in the mirror: it holds every change its footnotes name, so it
        // applies from the latest of them (or from the code's start when none is named).
        return match latest {
            Some(fa) => {
                let (day, _, note, rec) = from_footnote(
                    fa,
                    "first version in the mirror, dated from the latest act its footnotes name; ",
                );
                let grade = if day > frame.in_force {
                    Confidence::C
                } else {
                    Confidence::A
                };
                let note = if day > frame.in_force {
                    note.or_else(|| Some("first version in the mirror, dated from the latest act its footnotes name".into()))
                } else {
                    None
                };
                (day, grade, note, rec)
            }
            None => (frame.in_force, Confidence::A, None, None),
        };
    }
    if let Some(c) = cause {
        if let Some(fa) = acts
            .iter()
            .copied()
            .find(|fa| normalise_number(&fa.number) == c.number)
        {
            return from_footnote(fa, "");
        }
        // The footnote gained an act since the previous edition: that act made the change.
        if let Some(fa) = acts
            .iter()
            .copied()
            .filter(|fa| !known.contains(&normalise_number(&fa.number)))
            .max_by_key(|fa| fa.signed)
        {
            let why = format!(
                "meta.yaml names act {} for this version, but the article's footnote adds act {}; ",
                c.number,
                normalise_number(&fa.number)
            );
            let (day, grade, note, rec) = from_footnote(fa, &why);
            return (
                day,
                grade,
                note.or(Some(why.trim_end_matches("; ").to_string())),
                rec,
            );
        }
        let day = v.meta.version_date.unwrap_or(c.signed).max(c.signed);
        let note = format!(
            "the article's footnote does not name act {} that caused this version; the mirror's version date {day} is used",
            c.number
        );
        let mut rec = record(
            c.kind,
            c.signed,
            &c.number,
            day,
            Confidence::C,
            None,
            Some(note.clone()),
        );
        rec.title_ru = v.meta.caused_by_title.clone();
        return (day, Confidence::C, Some(note), Some(rec));
    }
    match latest {
        Some(fa) => {
            let (day, _, note, rec) = from_footnote(
                fa,
                "meta.yaml names no amending act; the latest act in the footnote is taken; ",
            );
            let note = note.or_else(|| {
                Some(
                    "meta.yaml names no amending act; the latest act in the footnote is taken"
                        .into(),
                )
            });
            (day, Confidence::C, note, rec)
        }
        None => {
            let day = v.meta.version_date.unwrap_or(frame.in_force);
            (
                day,
                Confidence::C,
                Some(format!(
                    "no amending act is named; the mirror's version date {day} is used"
                )),
                None,
            )
        }
    }
}

/// Kazakh wording by article, split at the `<a id="stN">` anchors (or `N-бап.` headings).
pub fn kazakh_articles(md: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut current: Option<(String, Vec<&str>)> = None;
    let flush = |cur: Option<(String, Vec<&str>)>, out: &mut BTreeMap<String, String>| {
        if let Some((n, lines)) = cur {
            let text = lines.join("\n").trim().to_string();
            if !text.is_empty() {
                out.entry(n).or_insert(text);
            }
        }
    };
    // Editorial notes of the database ("ЗҚАИ-ның ескертпесі!") are not law: the marker and
    // the paragraph after it are left out, as the Russian parser does with its own.
    let mut editorial = 0u8;
    for line in md.lines() {
        let t = line.trim();
        let bare = t.trim_start_matches(['>', ' ', '*', '_']);
        if bare.starts_with("ЗҚАИ") && bare.contains("ескертпесі!") {
            editorial = 2;
            continue;
        }
        if editorial > 0 {
            if t.is_empty() {
                if editorial == 1 {
                    editorial = 0;
                }
                continue;
            }
            editorial = 1;
            continue;
        }
        let anchor = t
            .strip_prefix("<a id=\"st")
            .and_then(|r| r.split_once('"'))
            .map(|(n, _)| n.replace('_', "-"));
        // Only a Markdown heading can start an article; body lines also begin "5-бапта ...".
        let heading = Some(t)
            .filter(|t| t.starts_with('#'))
            .map(|t| t.trim_start_matches('#'))
            .unwrap_or_default()
            .trim()
            .split_once("-бап")
            .map(|(n, _)| n.trim().to_string())
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '-'));
        if let Some(n) = anchor {
            flush(current.take(), &mut out);
            current = Some((n, Vec::new()));
            continue;
        }
        if let Some(n) = heading {
            let same = current
                .as_ref()
                .is_some_and(|(c, l)| *c == n && l.iter().all(|x| x.trim().is_empty()));
            if !same {
                flush(current.take(), &mut out);
                current = Some((n, Vec::new()));
            }
        }
        if t.starts_with("## ") && !t.contains("-бап") {
            flush(current.take(), &mut out);
            continue;
        }
        if let Some((_, lines)) = current.as_mut() {
            lines.push(line);
        }
    }
    flush(current.take(), &mut out);
    out
}

/// The printed wording of an article: its lines, without editorial notes and anchors.
pub fn printed(md: &str, a: &Article) -> String {
    let skip: std::collections::HashSet<usize> = a.editorial.iter().map(|(l, _)| *l).collect();
    let lines: Vec<&str> = md
        .lines()
        .enumerate()
        .filter(|(i, _)| {
            let n = i + 1;
            n >= a.line && n <= a.end_line.max(a.line) && !skip.contains(&n)
        })
        .map(|(_, l)| l)
        .filter(|l| !l.trim_start().starts_with("<a id="))
        .collect();
    lines.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requisites_in_both_styles() {
        let r = parse_requisite("Закон Республики Казахстан от 7 ноября 2014 года № 248-V ЗРК")
            .unwrap();
        assert_eq!(r.number, "248-V");
        assert_eq!(r.signed, Date::from_ymd_opt(2014, 11, 7).unwrap());
        let r = parse_requisite("Законом РК от 12.07.2018 № 180-VІ").unwrap();
        assert_eq!(r.number, "180-VI");
        assert_eq!(act_id(r.kind, r.signed, &r.number), "kz-law-2018-180-VI");
        assert_eq!(parse_requisite("без реквизитов"), None);
        assert_eq!(parse_requisite("от 40 смарта 2014 года № 1"), None);
    }

    #[test]
    fn a_problem_without_an_article_does_not_say_art() {
        let mut p = Problem {
            commit: "0123456789abcdef".into(),
            file: "rus/ch1.md".into(),
            line: 7,
            article: String::new(),
            message: "article 9: a second sanction in part 1".into(),
        };
        assert_eq!(
            p.to_string(),
            "rus/ch1.md:7: (commit 0123456): article 9: a second sanction in part 1"
        );
        p.article = "9".into();
        assert!(
            p.to_string()
                .starts_with("rus/ch1.md:7: art. 9 (commit 0123456): ")
        );
    }

    #[test]
    fn every_lookalike_in_an_act_number_becomes_latin() {
        // Cyrillic І, Х, У, В and Greek Ι; digits, hyphens and Latin letters stay.
        assert_eq!(normalise_number("180-VІ"), "180-VI");
        assert_eq!(normalise_number("7-Ι."), "7-I");
        assert_eq!(normalise_number("12-Х;"), "12-X");
        assert_eq!(normalise_number("44-УІ"), "44-VI");
        assert_eq!(normalise_number("9-В)"), "9-B");
        assert_eq!(normalise_number(" 248-V* "), "248-V");
        assert_eq!(latin_lookalike('Я'), 'Я');
        // The footnote parser uses the same mapping.
        let f = crate::import::footnote::parse_footnote(
            "> *Сноска. Статья 7 изменена Законом РК от 02.03.2016 № 44-УІ.*",
        )
        .unwrap();
        assert_eq!(f.acts[0].number, "44-VI");
        let f = crate::import::footnote::parse_footnote(
            "> *Сноска. Статья 7 изменена Законом РК от 02.03.2016 № 9-В.*",
        )
        .unwrap();
        assert_eq!(f.acts[0].number, "9-B");
    }

    #[test]
    fn kazakh_split_at_anchors() {
        let md = "## 1-тарау. Бөлім\n\n<a id=\"st1\"></a>\n\n### 1-бап. Бірінші\n\nМәтін.\n\n<a id=\"st2\"></a>\n\n### 2-бап. Екінші\n\nБасқа.\n";
        let k = kazakh_articles(md);
        assert_eq!(k.len(), 2);
        assert!(k["1"].contains("Мәтін"));
        assert!(!k["1"].contains("Басқа"));
        // The database's editorial note and its paragraph are no part of the wording.
        let k = kazakh_articles(
            "### 4-бап. Төртінші\n\nЗаң мәтіні.\n\nЗҚАИ-ның ескертпесі!\n\nБұл ескерту ғана.\n\nТағы заң.\n",
        );
        assert!(
            k["4"].contains("Заң мәтіні") && k["4"].contains("Тағы заң"),
            "{k:?}"
        );
        assert!(!k["4"].contains("ескерту ғана"), "{k:?}");
        // A body line that starts with an article number does not start an article.
        let k = kazakh_articles("### 3-бап. Үшінші\n\n5-бапта көзделген іс.\n");
        assert_eq!(k.len(), 1);
        assert!(k["3"].contains("5-бапта"));
    }
}
