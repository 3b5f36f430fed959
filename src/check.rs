//! Validation of a loaded [`Dataset`]: every rule the data must keep, each failure located.
//!
//! The rules: ids unique and matching file names; intervals ordered, inside their code,
//! non-overlapping and contiguous (or the gap recorded); versions start when their act took
//! effect (or say why not); every reference, act, topic and source resolves; every version
//! has text and a source; penalty ranges are ordered; renumbering has no cycles; a corpus
//! summary repeats its parts' features and sanctions exactly as the data has them (`summary`).

use crate::diag::Diagnostic;
use crate::load::{Dataset, Origin, text_key};
use crate::model::{Cite, Date, Imprisonment, Provision, ProvisionKind, SourceKind};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

struct Checker<'a> {
    ds: &'a Dataset,
    out: Vec<Diagnostic>,
    acts: HashMap<&'a str, Option<Date>>,
    sources: HashSet<&'a str>,
    topics: HashSet<&'a str>,
    provisions: HashSet<String>,
}

impl<'a> Checker<'a> {
    fn err(&mut self, origin: &Origin, path: &str, message: String, hint: &str) {
        let loc = self.ds.locate(origin, path);
        self.out.push(Diagnostic::new(message).at(loc).hint(hint));
    }

    fn cites(&mut self, origin: &Origin, path: &str, cites: &[Cite], what: &str) {
        if cites.is_empty() {
            self.err(
                origin,
                path,
                format!("{what} cites no source"),
                "add at least one Cite(source: \"<id>\", locator: \"...\")",
            );
        }
        for (i, c) in cites.iter().enumerate() {
            if !self.sources.contains(c.source.as_str()) {
                let hint = suggest(&c.source, self.sources.iter().copied())
                    .map(|s| format!("did you mean `{s}`? sources live in graph/sources/<id>.ron"))
                    .unwrap_or_else(|| "add graph/sources/<id>.ron for it".into());
                self.err(
                    origin,
                    &format!("{path}[{i}].source"),
                    format!("unknown source `{}`", c.source),
                    &hint,
                );
            }
            if c.locator.trim().is_empty() {
                self.err(
                    origin,
                    &format!("{path}[{i}].locator"),
                    "empty locator".into(),
                    "say where in the source: a file and article, a paragraph",
                );
            }
        }
    }

    fn topic_list(&mut self, origin: &Origin, path: &str, topics: &[String]) {
        for (i, t) in topics.iter().enumerate() {
            if !self.topics.contains(t.as_str()) {
                let hint = suggest(t, self.topics.iter().copied())
                    .map(|s| format!("did you mean `{s}`? topics are listed in graph/topics.ron"))
                    .unwrap_or_else(|| "add the topic to graph/topics.ron".into());
                self.err(
                    origin,
                    &format!("{path}[{i}]"),
                    format!("unknown topic `{t}`"),
                    &hint,
                );
            }
        }
    }

    fn act(&mut self, origin: &Origin, path: &str, id: &str) -> Option<Option<Date>> {
        match self.acts.get(id) {
            Some(d) => Some(*d),
            None => {
                let hint = suggest(id, self.acts.keys().copied())
                    .map(|s| format!("did you mean `{s}`? acts live in graph/acts/<id>.ron"))
                    .unwrap_or_else(|| "add graph/acts/<id>.ron for it".into());
                self.err(origin, path, format!("unknown act `{id}`"), &hint);
                None
            }
        }
    }
}

/// The closest candidate by edit distance, if it is close enough to be a likely typo.
pub fn suggest<'b>(word: &str, candidates: impl Iterator<Item = &'b str>) -> Option<&'b str> {
    candidates
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d <= (word.len().max(c.len()) / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

fn file_stem(ds: &Dataset, origin: &Origin) -> String {
    ds.files[origin.file]
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string()
}

/// `graph/provisions/cc1997-128.ron` -> `cc1997:128`.
fn failed_reference(path: &std::path::Path) -> Option<String> {
    if !path.starts_with("graph/provisions") {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    let (code, article) = stem.split_once('-')?;
    Some(format!("{code}:{article}"))
}

/// Runs every rule; returns the problems found (empty when the data is valid).
pub fn check(ds: &Dataset) -> Vec<Diagnostic> {
    let mut ck = Checker {
        ds,
        out: Vec::new(),
        acts: ds
            .acts
            .iter()
            .map(|(a, _)| (a.id.as_str(), a.in_force))
            .collect(),
        sources: ds.sources.iter().map(|(s, _)| s.id.as_str()).collect(),
        topics: ds.topics.iter().map(|(t, _)| t.id.as_str()).collect(),
        provisions: ds
            .provisions
            .iter()
            .map(|(p, _)| p.reference())
            // A provision whose file failed to parse still exists; its error is reported once.
            .chain(ds.failed.iter().filter_map(|f| failed_reference(f)))
            .collect(),
    };
    check_unique(&mut ck);
    check_topics(&mut ck);
    check_codes(&mut ck);
    check_acts(&mut ck);
    check_sources(&mut ck);
    for (p, origin) in &ds.provisions {
        check_provision(&mut ck, p, origin);
    }
    check_renumbering_cycles(&mut ck);
    check_texts(&mut ck);
    ck.out
}

fn check_unique(ck: &mut Checker) {
    let ds = ck.ds;
    let mut seen: HashMap<String, ()> = HashMap::new();
    let mut dup = |ck: &mut Checker, kind: &str, id: &str, origin: &Origin| {
        if seen.insert(format!("{kind}:{id}"), ()).is_some() {
            ck.err(
                origin,
                "id",
                format!("duplicate {kind} id `{id}`"),
                "ids must be unique; rename or merge the two records",
            );
        }
    };
    for (c, o) in &ds.codes {
        dup(ck, "code", &c.id, o);
    }
    for (t, o) in &ds.topics {
        dup(ck, "topic", &t.id, o);
    }
    for (a, o) in &ds.acts {
        dup(ck, "act", &a.id, o);
        if file_stem(ds, o) != a.id {
            ck.err(
                o,
                "id",
                format!("act `{}` is not in a file named after it", a.id),
                "name the file graph/acts/<id>.ron",
            );
        }
    }
    for (s, o) in &ds.sources {
        dup(ck, "source", &s.id, o);
        if file_stem(ds, o) != s.id {
            ck.err(
                o,
                "id",
                format!("source `{}` is not in a file named after it", s.id),
                "name the file graph/sources/<id>.ron",
            );
        }
    }
    for (p, o) in &ds.provisions {
        dup(ck, "provision", &p.reference(), o);
        let want = format!("{}-{}", p.code, p.article);
        if file_stem(ds, o) != want {
            ck.err(
                o,
                "article",
                format!(
                    "provision {} is not in a file named {want}.ron",
                    p.reference()
                ),
                "name the file graph/provisions/<code>-<article>.ron",
            );
        }
    }
}

/// The temporal index numbers topics and codes in 16 bits, which keeps it small at a million
/// versions; more than that is refused here rather than truncated there.
const MAX_TOPICS_OR_CODES: usize = u16::MAX as usize;

fn check_topics(ck: &mut Checker) {
    if let Some((t, o)) = ck.ds.topics.get(MAX_TOPICS_OR_CODES) {
        ck.err(
            o,
            "id",
            format!(
                "topic `{}` is one too many: at most {MAX_TOPICS_OR_CODES} topics are supported",
                t.id
            ),
            "merge topics, or model fine distinctions as synonyms",
        );
    }
    for (t, o) in &ck.ds.topics {
        ck.topic_list(o, "broader", &t.broader);
        if t.broader.contains(&t.id) {
            ck.err(
                o,
                "broader",
                format!("topic `{}` lists itself as broader", t.id),
                "remove it from its own `broader`",
            );
        }
    }
}

fn check_codes(ck: &mut Checker) {
    if let Some((c, o)) = ck.ds.codes.get(MAX_TOPICS_OR_CODES) {
        ck.err(
            o,
            "id",
            format!(
                "code `{}` is one too many: at most {MAX_TOPICS_OR_CODES} codes are supported",
                c.id
            ),
            "split the data into several data directories",
        );
    }
    for (c, o) in &ck.ds.codes {
        ck.act(o, "act", &c.act);
        ck.cites(o, "sources", &c.sources, &format!("code {}", c.id));
        if c.in_force_until.is_some_and(|u| u < c.in_force) {
            ck.err(
                o,
                "in_force_until",
                format!("code {} ends before it starts", c.id),
                "in_force_until must not be before in_force",
            );
        }
    }
}

fn check_acts(ck: &mut Checker) {
    for (a, o) in &ck.ds.acts {
        ck.cites(o, "sources", &a.sources, &format!("act {}", a.id));
        if let Some(eif) = a.in_force {
            if eif < a.signed {
                ck.err(
                    o,
                    "in_force",
                    format!(
                        "act {} enters into force ({eif}) before it was signed ({})",
                        a.id, a.signed
                    ),
                    "an act cannot apply before its signing date",
                );
            }
        }
        let explained = a.in_force_rule.is_some() || a.in_force_note.is_some();
        if a.in_force_confidence != crate::model::Confidence::A && !explained {
            ck.err(
                o,
                "in_force_confidence",
                format!(
                    "act {}: entry-into-force date graded {} without a rule or note",
                    a.id, a.in_force_confidence
                ),
                "say how the date was obtained in in_force_rule or in_force_note",
            );
        }
    }
}

fn check_sources(ck: &mut Checker) {
    for (s, o) in &ck.ds.sources {
        match s.kind {
            SourceKind::Seed if s.seed_file.is_none() => ck.err(
                o,
                "seed_file",
                format!("seed source {} names no seed file", s.id),
                "add seed_file: \"NNN_xxxx.txt\"",
            ),
            SourceKind::Statute if s.url.is_none() => ck.err(
                o,
                "url",
                format!("statute source {} has no url", s.id),
                "add the address of the text (the mirror commit's folder)",
            ),
            _ => {}
        }
        if !ck.ds.source_notes.contains_key(&s.id) {
            ck.err(
                o,
                "id",
                format!("source {} has no note in corpus/sources/{}.md", s.id, s.id),
                "write a short note: what the document is and how reliable",
            );
        }
    }
}

fn check_provision(ck: &mut Checker, p: &Provision, o: &Origin) {
    let reference = p.reference();
    let code = ck
        .ds
        .codes
        .iter()
        .find(|(c, _)| c.id == p.code)
        .map(|(c, _)| c.clone());
    let Some(code) = code else {
        // With codes.ron unreadable every provision would repeat that one error.
        if ck
            .ds
            .failed
            .contains(std::path::Path::new("graph/codes.ron"))
        {
            return;
        }
        let hint = suggest(&p.code, ck.ds.codes.iter().map(|(c, _)| c.id.as_str()))
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| "codes are listed in graph/codes.ron".into());
        ck.err(o, "code", format!("unknown code `{}`", p.code), &hint);
        return;
    };
    if p.versions.is_empty() {
        ck.err(
            o,
            "versions",
            format!("{reference} has no versions"),
            "add at least one Version(...)",
        );
    }
    let mut prev: Option<(Date, Option<Date>)> = None;
    for (vi, v) in p.versions.iter().enumerate() {
        let vp = format!("versions[{vi}]");
        let at = |f: &str| format!("{vp}.{f}");
        if let Some(to) = v.valid_to {
            if to < v.valid_from {
                ck.err(
                    o,
                    &at("valid_to"),
                    format!(
                        "{reference}: version ends ({to}) before it starts ({})",
                        v.valid_from
                    ),
                    "valid_to is the last day (inclusive) and must not be before valid_from",
                );
            }
        }
        if v.valid_from < code.in_force {
            ck.err(
                o,
                &at("valid_from"),
                format!(
                    "{reference}: version starts {} before the code took effect ({})",
                    v.valid_from, code.in_force
                ),
                "a version cannot apply before its code",
            );
        }
        if let Some(end) = code.in_force_until {
            match v.valid_to {
                None => ck.err(
                    o,
                    &at("valid_to"),
                    format!(
                        "{reference}: version is open-ended but code {} ended on {end}",
                        code.id
                    ),
                    &format!("set valid_to: \"{end}\" or earlier"),
                ),
                Some(to) if to > end => ck.err(
                    o,
                    &at("valid_to"),
                    format!(
                        "{reference}: version runs to {to}, after code {} ended on {end}",
                        code.id
                    ),
                    &format!("set valid_to: \"{end}\" or earlier"),
                ),
                _ => {}
            }
        }
        if let Some((pfrom, pto)) = prev {
            match pto {
                None => ck.err(
                    o,
                    &at("valid_from"),
                    format!(
                        "{reference}: an earlier version is open-ended, so this one overlaps it"
                    ),
                    "give the earlier version a valid_to",
                ),
                Some(pto) if v.valid_from <= pto => {
                    let msg = if v.valid_from < pfrom {
                        format!(
                            "{reference}: versions out of order ({} comes after {pfrom})",
                            v.valid_from
                        )
                    } else {
                        format!(
                            "{reference}: version starting {} overlaps the previous one (ends {pto})",
                            v.valid_from
                        )
                    };
                    ck.err(
                        o,
                        &at("valid_from"),
                        msg,
                        "list versions oldest first; each starts the day after the previous ends",
                    )
                }
                Some(pto) => {
                    let next = pto.succ_opt().unwrap_or(pto);
                    if v.valid_from != next {
                        let last_hole = v.valid_from.pred_opt().unwrap_or(v.valid_from);
                        let recorded = p.gaps.iter().any(|g| g.from <= next && g.to >= last_hole);
                        if !recorded {
                            ck.err(o, &at("valid_from"), format!("{reference}: gap from {next} to {last_hole} between versions"), "make versions contiguous, or record Gap(from, to, reason) in `gaps`");
                        }
                    }
                }
            }
        }
        prev = Some((v.valid_from, v.valid_to));

        if let Some(eif) = ck.act(o, &at("enacted_by"), &v.enacted_by) {
            if eif != Some(v.valid_from) && v.date_note.is_none() {
                let said = eif.map_or("no date".to_string(), |d| d.to_string());
                ck.err(o, &at("valid_from"), format!("{reference}: version starts {} but its act {} entered into force on {said}", v.valid_from, v.enacted_by), "align the dates, or explain the difference in date_note");
            }
        }
        for (i, a) in v.amended_by.iter().enumerate() {
            ck.act(o, &format!("{vp}.amended_by[{i}]"), a);
        }
        if v.title.trim().is_empty() {
            ck.err(
                o,
                &at("title"),
                format!("{reference}: version has no title"),
                "give the article's title in English",
            );
        }
        if v.changes.trim().is_empty() {
            ck.err(
                o,
                &at("changes"),
                format!("{reference}: version does not say what changed"),
                "summarise the change against the previous edition",
            );
        }
        ck.topic_list(o, &at("topics"), &v.topics);
        for (i, r) in v.refers_to.iter().enumerate() {
            if !ck.provisions.contains(r) {
                let hint = suggest(r, ck.provisions.iter().map(String::as_str))
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| {
                        "refer to a provision that has a file in graph/provisions/".into()
                    });
                ck.err(
                    o,
                    &format!("{vp}.refers_to[{i}]"),
                    format!("{reference}: refers to unknown provision `{r}`"),
                    &hint,
                );
            }
        }
        for (ki, k) in v.conflicts.iter().enumerate() {
            let kp = format!("{vp}.conflicts[{ki}]");
            if k.claims.len() < 2 || k.follows >= k.claims.len() {
                ck.err(o, &kp, format!("{reference}: conflict `{}` needs two or more claims and `follows` pointing at one", k.about), "list each source's claim; `follows` is the index (from 0) of the one the data uses");
            }
            let cites: Vec<crate::model::Cite> =
                k.claims.iter().map(|c| c.source.clone()).collect();
            ck.cites(o, &format!("{kp}.claims"), &cites, "conflict claim");
        }
        // References inside rules must name modelled provisions.
        let rule_refs: Vec<&String> = match &v.rules {
            Some(crate::model::Rules::TraffickingList(refs)) => refs.iter().collect(),
            Some(crate::model::Rules::Reconciliation(r)) => {
                r.exclusions.iter().flat_map(|x| x.refs.iter()).collect()
            }
            _ => Vec::new(),
        };
        for r in rule_refs {
            let known = crate::query::Ref::parse_compact(r)
                .ok()
                .and_then(|parsed| parsed.article_ref())
                .is_some_and(|a| ck.provisions.contains(&a));
            if !known {
                ck.err(
                    o,
                    &at("rules"),
                    format!("{reference}: rule refers to `{r}`, which is not a modelled provision"),
                    "write code:article[.part[.item]] for a provision in graph/provisions/",
                );
            }
        }
        for (gi, g) in v.paragraphs.iter().enumerate() {
            if !v.parts.iter().any(|pt| pt.part == g.after_part) {
                ck.err(
                    o,
                    &format!("{vp}.paragraphs[{gi}]"),
                    format!(
                        "{reference}: a paragraph follows part {}, which this edition lacks",
                        g.after_part
                    ),
                    "set `after_part` to the numbered part the paragraph stands after",
                );
            }
        }
        if let Some(crate::model::Rules::Reconciliation(r)) = &v.rules {
            for e in r.mandatory.iter().chain(&r.discretionary) {
                if !v.parts.iter().any(|q| q.part == e.part) {
                    ck.err(
                        o,
                        &at("rules"),
                        format!(
                            "{reference}: a release route cites part {}, which this edition lacks",
                            e.part
                        ),
                        "name the numbered part that states the route: `part: \"1\"`",
                    );
                }
            }
            for x in &r.exclusions {
                let problem = match (&x.part, &x.after_part) {
                    (Some(pt), None) if !v.parts.iter().any(|q| &q.part == pt) => Some(format!(
                        "exclusion `{}` cites part {pt}, which this edition lacks",
                        x.what
                    )),
                    (None, Some(a)) if !v.paragraphs.iter().any(|g| &g.after_part == a) => {
                        Some(format!(
                            "exclusion `{}` cites a paragraph after part {a}, which this edition lacks",
                            x.what
                        ))
                    }
                    (Some(_), Some(_)) | (None, None) => Some(format!(
                        "exclusion `{}` must name exactly one of `part` and `after_part`",
                        x.what
                    )),
                    _ => None,
                };
                if let Some(m) = problem {
                    ck.err(o, &at("rules"), format!("{reference}: {m}"), "a numbered part states it: `part: \"4\"`; an unnumbered paragraph after part 4: `after_part: \"4\"` with a matching entry in `paragraphs`");
                }
            }
        }
        if let Some(crate::model::Rules::Gravity(cats)) = &v.rules {
            if cats.is_empty() {
                ck.err(
                    o,
                    &at("rules"),
                    format!("{reference}: gravity rules list no category"),
                    "list the categories from the least to the most grave",
                );
            }
            for c in cats {
                if !v.parts.iter().any(|pt| pt.part == c.part) {
                    ck.err(o, &format!("{vp}.rules"), format!("{reference}: gravity category `{}` cites part {}, which this edition lacks", c.id, c.part), "point `part` at the part that defines the category");
                }
            }
            if p.kind != ProvisionKind::GeneralRule {
                ck.err(
                    o,
                    &at("rules"),
                    format!("{reference}: only general rules carry gravity rules"),
                    "use kind: GeneralRule",
                );
            }
        }

        ck.cites(
            o,
            &at("sources"),
            &v.sources,
            &format!("{reference} version of {}", v.valid_from),
        );
        if v.parts.is_empty() {
            ck.err(
                o,
                &at("parts"),
                format!("{reference}: version of {} has no parts", v.valid_from),
                "an article has at least one part",
            );
        }
        let mut labels = HashSet::new();
        for (pi, part) in v.parts.iter().enumerate() {
            let pp = format!("{vp}.parts[{pi}]");
            if !labels.insert(part.part.as_str()) {
                ck.err(
                    o,
                    &format!("{pp}.part"),
                    format!("{reference}: part {} appears twice", part.part),
                    "part labels are unique within a version",
                );
            }
            ck.topic_list(o, &format!("{pp}.topics"), &part.topics);
            // Parts inherit the version's sources; only extra cites need resolving.
            if !part.sources.is_empty() {
                ck.cites(o, &format!("{pp}.sources"), &part.sources, "part");
            }
            let mut items = HashSet::new();
            for (ii, item) in part.items.iter().enumerate() {
                if !items.insert(item.item.as_str()) {
                    ck.err(
                        o,
                        &format!("{pp}.items[{ii}].item"),
                        format!(
                            "{reference}: item {} of part {} appears twice",
                            item.item, part.part
                        ),
                        "item labels are unique within a part",
                    );
                }
                ck.topic_list(o, &format!("{pp}.items[{ii}].topics"), &item.topics);
            }
            match (&part.penalty, p.kind) {
                (None, ProvisionKind::Offence) => ck.err(
                    o,
                    &pp,
                    format!(
                        "{reference}: part {} of an offence has no penalty",
                        part.part
                    ),
                    "add penalty: Penalty(...), with Unknown where no source confirms it",
                ),
                (Some(_), ProvisionKind::GeneralRule) => ck.err(
                    o,
                    &format!("{pp}.penalty"),
                    format!(
                        "{reference}: a general rule has a penalty in part {}",
                        part.part
                    ),
                    "general-part articles carry no sanction; use kind: Offence if it is one",
                ),
                (Some(pen), _) => {
                    if let Imprisonment::Term {
                        min: Some(min),
                        max,
                    } = pen.imprisonment
                    {
                        if min > max {
                            ck.err(o, &format!("{pp}.penalty.imprisonment"), format!("{reference}: part {}: minimum {min} months exceeds maximum {max}", part.part), "swap the bounds, or check the source");
                        }
                    }
                    if let Imprisonment::Term { max: 0, .. } = pen.imprisonment {
                        ck.err(
                            o,
                            &format!("{pp}.penalty.imprisonment"),
                            format!("{reference}: part {}: maximum of 0 months", part.part),
                            "use None when the sanction has no imprisonment",
                        );
                    }
                    for (fi, f) in pen.fines.iter().enumerate() {
                        if let (Some(a), Some(b)) = (f.min, f.max) {
                            if a > b {
                                ck.err(o, &format!("{pp}.penalty.fines[{fi}]"), format!("{reference}: part {}: fine minimum {a} exceeds maximum {b}", part.part), "swap the bounds, or check the source");
                            }
                        }
                    }
                }
                (None, ProvisionKind::GeneralRule) => {}
            }
        }
    }
    for (gi, g) in p.gaps.iter().enumerate() {
        if g.to < g.from || g.reason.trim().is_empty() {
            ck.err(
                o,
                &format!("gaps[{gi}]"),
                format!("{reference}: gap record is inverted or has no reason"),
                "Gap(from, to, reason) with from <= to",
            );
        }
    }
    for (ri, r) in p.renumbered_as.iter().enumerate() {
        let rp = format!("renumbered_as[{ri}]");
        if !ck.provisions.contains(&r.to) {
            let hint = suggest(&r.to, ck.provisions.iter().map(String::as_str))
                .map(|s| format!("did you mean `{s}`?"))
                .unwrap_or_else(|| "the successor needs its own file in graph/provisions/".into());
            ck.err(
                o,
                &format!("{rp}.to"),
                format!("{reference}: renumbered as unknown provision `{}`", r.to),
                &hint,
            );
        }
        if r.to == reference {
            ck.err(
                o,
                &format!("{rp}.to"),
                format!("{reference} is renumbered as itself"),
                "point at the successor provision",
            );
        }
        ck.act(o, &format!("{rp}.act"), &r.act);
        ck.cites(o, &format!("{rp}.sources"), &r.sources, "renumbering link");
    }
}

fn check_renumbering_cycles(ck: &mut Checker) {
    let edges: BTreeMap<String, Vec<(String, usize)>> = ck
        .ds
        .provisions
        .iter()
        .enumerate()
        .map(|(i, (p, _))| {
            (
                p.reference(),
                p.renumbered_as.iter().map(|r| (r.to.clone(), i)).collect(),
            )
        })
        .collect();
    let mut reported = BTreeSet::new();
    for start in edges.keys() {
        // Depth-first walk; a path back to `start` is a cycle.
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = HashSet::new();
        while let Some((node, path)) = stack.pop() {
            for (next, owner) in edges.get(&node).into_iter().flatten() {
                if next == start {
                    let mut members = path.clone();
                    members.sort();
                    if reported.insert(members) {
                        let (_, o) = &ck.ds.provisions[*owner];
                        let o = o.clone();
                        ck.err(
                            &o,
                            "renumbered_as",
                            format!("renumbering cycle: {} -> {start}", path.join(" -> ")),
                            "renumbering runs forward in time; remove the link that points back",
                        );
                    }
                } else if seen.insert(next.clone()) {
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next.clone(), p));
                }
            }
        }
    }
}

fn check_texts(ck: &mut Checker) {
    let ds = ck.ds;
    let mut wanted = HashSet::new();
    for (p, o) in &ds.provisions {
        for (vi, v) in p.versions.iter().enumerate() {
            let key = text_key(&p.code, &p.article, v.valid_from);
            if let Some(inline) = &v.text {
                if let Some((_, path)) = ds.texts.get(&key) {
                    ck.err(
                        o,
                        &format!("versions[{vi}].text"),
                        format!(
                            "{}: version of {} has its text both inline and in {}",
                            p.reference(),
                            v.valid_from,
                            path.display()
                        ),
                        "keep one: the corpus file for hand-written data, `text` for generated",
                    );
                } else if inline.trim().is_empty() {
                    ck.err(
                        o,
                        &format!("versions[{vi}].text"),
                        format!(
                            "{}: inline text of {} is empty",
                            p.reference(),
                            v.valid_from
                        ),
                        "summarise the edition's wording in our own words",
                    );
                }
                wanted.insert(key);
                continue;
            }
            match ds.texts.get(&key) {
                Some((text, path)) if !text.trim().is_empty() => {
                    // Located at the data the summary must repeat (the RON file is the one
                    // source of truth), naming the summary's line to change.
                    for m in crate::summary::verify(text, v) {
                        let pi = m
                            .part
                            .as_ref()
                            .and_then(|l| v.parts.iter().position(|q| &q.part == l));
                        let at = match pi {
                            Some(pi) if m.field == "penalty" && v.parts[pi].penalty.is_some() => {
                                format!("versions[{vi}].parts[{pi}].penalty")
                            }
                            Some(pi) if m.field == "features" => {
                                format!("versions[{vi}].parts[{pi}].features")
                            }
                            Some(pi) => format!("versions[{vi}].parts[{pi}]"),
                            None => format!("versions[{vi}]"),
                        };
                        let message = format!(
                            "{}: {}:{}: {}",
                            p.reference(),
                            path.display(),
                            m.line,
                            m.message
                        );
                        ck.err(o, &at, message, &m.hint);
                    }
                }
                Some((_, path)) => ck.err(
                    o,
                    &format!("versions[{vi}]"),
                    format!("{}: text file {} is empty", p.reference(), path.display()),
                    "summarise the edition's wording in our own words",
                ),
                None => ck.err(
                    o,
                    &format!("versions[{vi}]"),
                    format!(
                        "{}: version of {} has no text (corpus/{}/{}/{}.md)",
                        p.reference(),
                        v.valid_from,
                        p.code,
                        p.article,
                        v.valid_from
                    ),
                    "write a summary of the edition's wording in our own words",
                ),
            }
            wanted.insert(key);
        }
    }
    for (key, (_, path)) in &ds.texts {
        // Texts of a provision whose file did not parse would only repeat that error.
        let owner = std::path::PathBuf::from(format!("graph/provisions/{}-{}.ron", key.0, key.1));
        if !wanted.contains(key) && !ds.failed.contains(&owner) {
            ck.out.push(
                Diagnostic::new(format!("{} belongs to no version", path.display()))
                    .at(crate::diag::Location::file(path))
                    .hint("text files are named after a version's valid_from; rename or remove it"),
            );
        }
    }
    for path in &ds.stray_texts {
        ck.out.push(
            Diagnostic::new(format!("{} does not fit the corpus layout", path.display()))
                .at(crate::diag::Location::file(path))
                .hint("use corpus/<code>/<article>/<valid_from>.md or corpus/sources/<id>.md"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::DataFile;
    use crate::model::Topic;

    #[test]
    fn more_topics_than_the_index_can_number_are_refused() {
        let origin = Origin {
            file: 0,
            path: String::new(),
        };
        let topic = |i: usize| Topic {
            id: format!("t{i}"),
            label: format!("t{i}"),
            synonyms: vec![],
            broader: vec![],
            description: String::new(),
        };
        let mut ds = Dataset {
            files: vec![DataFile::new("graph/topics.ron".into(), String::new())],
            ..Dataset::default()
        };
        ds.topics = (0..MAX_TOPICS_OR_CODES)
            .map(|i| (topic(i), origin.clone()))
            .collect();
        let too_many = |ds: &Dataset| {
            check(ds)
                .iter()
                .any(|d| d.to_string().contains("one too many"))
        };
        assert!(!too_many(&ds), "the limit itself is allowed");
        ds.topics.push((topic(MAX_TOPICS_OR_CODES), origin));
        assert!(too_many(&ds));
    }
}
