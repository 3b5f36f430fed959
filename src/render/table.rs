//! Text tables for people: one small function per answer kind, all built on comfy-table.
//!
//! Nothing here looks at the law itself; it only lays out an [`Answer`].

use super::Layout;
use crate::analysis::applicable::Applicable;
use crate::analysis::loopholes::{PartStatus, YearRow};
use crate::analysis::timeline::Row as TimelineRow;
use crate::exec::{
    ActRow, Answer, ConciliationView, CoverHit, DiffView, GravityView, HistoryEntry, LineageView,
    Results, SourceUse, TopicRow,
};
use crate::index::Hit;
use crate::lang::i18n::{Lang, column, tr};
use crate::lang::prose;
use crate::model::fmt_months;
use crate::view::{PartView, SourceView, VersionView};
use comfy_table::{Cell, ColumnConstraint, ContentArrangement, Table, Width, presets};
use std::fmt::Write as _;

/// Renders an answer as text tables: one small function per answer kind.
pub fn render(answer: &Answer, layout: Layout) -> String {
    let mut out = String::new();
    date_default(&mut out, answer, layout.lang);
    match &answer.results {
        Results::Show(views) => show(&mut out, views, layout),
        Results::Penalty(views) => penalty(&mut out, views, layout),
        Results::History(entries) => history(&mut out, entries, layout),
        Results::Covers(hits) => covers(&mut out, answer, hits, layout),
        Results::Lineage(views) => lineage(&mut out, views, layout),
        Results::Diff(diffs) => diff(&mut out, diffs, layout),
        Results::Acts(rows) => acts(&mut out, rows, layout),
        Results::Topics(rows) => topics(&mut out, rows, layout),
        Results::Search(hits) => search(&mut out, hits, layout),
        Results::Gravity(views) => gravity(&mut out, views, layout),
        Results::Conciliation(views) => conciliation(&mut out, views, layout),
        Results::Loopholes(rows) => loopholes(&mut out, answer, rows, layout),
        Results::LoopholeYears(rows) => loophole_years(&mut out, rows, layout),
        Results::Applicable(items) => applicable(&mut out, items, layout),
        Results::Timeline(rows) => timeline(&mut out, answer, rows, layout),
        Results::Sources(uses) => sources(&mut out, uses, layout.lang),
        Results::Text(views) => super::imported::text(&mut out, views),
        Results::ActChanges(rows) => super::imported::act(
            &mut out,
            &answer.query,
            rows,
            new_table(layout, &["Ref", "Title", "Edition", "Parts", "Max prison"]),
        ),
        Results::Amended(rows) => super::imported::amended(
            &mut out,
            &answer.query,
            rows,
            new_table(layout, &["#", "Ref", "Title", "Changes", "Dates"]),
        ),
    }
    out
}

/// The line saying the date was chosen for the user (`query.date_default`).
fn date_default(out: &mut String, answer: &Answer, lang: Lang) {
    let d = &answer.query["date_default"];
    let (Some(code), Some(day)) = (d["code"].as_str(), d["day"].as_str()) else {
        return;
    };
    let id = if d["reason"] == "code-ended" {
        "date-default-ended"
    } else {
        "date-default-not-yet"
    };
    let _ = writeln!(out, "{}", tr(lang, id, &[("code", code), ("day", day)]));
}

fn show(out: &mut String, views: &[VersionView], layout: Layout) {
    for (i, v) in views.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        version_block(out, v, layout, true);
    }
}

fn penalty(out: &mut String, views: &[VersionView], layout: Layout) {
    for (i, v) in views.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        header_lines(out, v, layout.lang);
        let mut t = new_table(
            layout,
            &[
                "Part",
                "Imprisonment",
                "Fine",
                "Confiscation",
                "Other measures",
                "Grade",
            ],
        );
        for p in &v.parts {
            let (imp, fine, conf, other) = match &p.penalty {
                None => (
                    "—".to_string(),
                    "—".to_string(),
                    "—".to_string(),
                    tr(layout.lang, "no-sanction-general-rule", &[]),
                ),
                Some(pen) if layout.lang != Lang::En => penalty_columns(layout.lang, &pen.typed),
                Some(pen) => (
                    super::imprisonment(pen),
                    if pen.fine.is_empty() {
                        "—".into()
                    } else {
                        pen.fine
                            .iter()
                            .map(|f| match (f.min, f.max) {
                                (Some(a), Some(b)) => format!("{a}–{b} {}", f.unit),
                                (None, Some(b)) => format!("≤ {b} {}", f.unit),
                                (Some(a), None) => format!("≥ {a} {}", f.unit),
                                (None, None) => format!("amount unknown ({})", f.unit),
                            })
                            .collect::<Vec<_>>()
                            .join("; or ")
                    },
                    pen.confiscation.to_string(),
                    if pen.other.is_empty() {
                        "—".into()
                    } else {
                        pen.other.join("; ")
                    },
                ),
            };
            t.add_row(vec![
                p.part.clone(),
                terms(imp, layout.lang),
                fine,
                terms(conf, layout.lang),
                other,
                p.confidence.clone(),
            ]);
        }
        let _ = writeln!(out, "{t}");
        sources_block(out, &v.sources, layout.lang);
    }
}

/// The columns of `penalty` in a language other than English, from the typed sanction.
fn penalty_columns(lang: Lang, p: &crate::model::Penalty) -> (String, String, String, String) {
    use crate::model::{Confiscation, Imprisonment};
    let mut imp = match p.imprisonment {
        Imprisonment::None => "—".to_string(),
        Imprisonment::Unknown => tr(lang, "word-unknown", &[]),
        Imprisonment::Term { min, max } => prose::month_range(lang, min, max),
    };
    if p.life {
        imp.push(' ');
        imp.push_str(&tr(lang, "prison-or-life", &[]));
    }
    if p.death {
        imp.push(' ');
        imp.push_str(&tr(lang, "prison-or-death", &[]));
    }
    let fine = if p.fines.is_empty() {
        "—".to_string()
    } else {
        p.fines
            .iter()
            .map(|f| prose::fine_amount(lang, f))
            .collect::<Vec<_>>()
            .join(&format!("; {} ", tr(lang, "word-or", &[])))
    };
    let conf = match p.confiscation {
        Confiscation::No => tr(lang, "confiscation-no", &[]),
        c => tr(lang, &format!("confiscation-{}", c.as_str()), &[]),
    };
    let mut other: Vec<String> = p.measures.iter().map(|m| prose::measure(lang, m)).collect();
    other.extend(p.other.iter().map(|o| crate::lang::phrases::say(lang, o)));
    let other = if other.is_empty() {
        "—".to_string()
    } else {
        other.join("; ")
    };
    (imp, fine, conf, other)
}

fn history(out: &mut String, entries: &[HistoryEntry], layout: Layout) {
    if let (Some(first), Some(last)) = (entries.first(), entries.last()) {
        // The subject is our English; Russian shows the latest Russian title instead.
        let subject = match layout.lang {
            Lang::En => first.version.subject.as_str(),
            lang => title(&last.version, lang),
        };
        let _ = writeln!(
            out,
            "{}",
            tr(
                layout.lang,
                "history-of",
                &[
                    ("ref", &first.version.reference),
                    ("subject", subject),
                    ("count", &entries.len().to_string()),
                ]
            )
        );
    }
    let mut t = new_table(
        layout,
        &[
            "Valid",
            "Enacted by",
            "Title",
            "Max prison",
            "What changed",
            "Grade",
        ],
    );
    for e in entries {
        let v = &e.version;
        let mut changed = v.changes.clone();
        for (part, c) in &e.changes {
            changed.push_str("\n• ");
            changed.push_str(&HistoryEntry::say(layout.lang, part, c));
        }
        let mut act = act_label(v.enacted_by.label(), layout.lang);
        for a in &v.amended_by {
            act.push_str(&format!("\n+ {}", act_label(a.label(), layout.lang)));
        }
        t.add_row(vec![
            format!(
                "{}\n– {}",
                v.valid_from,
                v.valid_to
                    .as_deref()
                    .unwrap_or(open_end(layout.lang).as_str())
            ),
            act,
            title(v, layout.lang).to_string(),
            terms(
                e.max_imprisonment_months.map_or("—".into(), fmt_months),
                layout.lang,
            ),
            changed,
            v.confidence.clone(),
        ]);
    }
    let _ = writeln!(out, "{t}");
}

fn lineage(out: &mut String, views: &[LineageView], layout: Layout) {
    for l in views {
        let _ = writeln!(
            out,
            "{}",
            tr(
                layout.lang,
                "lineage-of",
                &[
                    ("ref", &l.version.reference),
                    (
                        "subject",
                        match layout.lang {
                            Lang::En => l.version.subject.as_str(),
                            lang => title(&l.version, lang),
                        }
                    )
                ]
            )
        );
        let mut t = new_table(layout, &["Ref", "Title", "Valid", "Follows", "Grade"]);
        for c in &l.chain {
            let follows = c.link.as_ref().map_or("—".into(), |k| {
                tr(
                    layout.lang,
                    "follows-from",
                    &[
                        ("from", &k.from),
                        ("date", &k.date),
                        ("act", &act_label(k.act.label(), layout.lang)),
                    ],
                )
            });
            let grade = c.link.as_ref().map_or("—".into(), |k| k.confidence.clone());
            t.add_row(vec![
                c.reference.clone(),
                c.title.clone(),
                format!(
                    "{} – {}",
                    c.valid_from,
                    c.valid_to
                        .as_deref()
                        .unwrap_or(open_end(layout.lang).as_str())
                ),
                follows,
                grade,
            ]);
        }
        let _ = writeln!(out, "{t}");
        for c in &l.chain {
            if let Some(note) = c.link.as_ref().and_then(|k| k.note.as_ref()) {
                let _ = writeln!(
                    out,
                    "{}",
                    tr(
                        layout.lang,
                        "note-on",
                        &[("ref", &c.reference), ("note", note)]
                    )
                );
            }
        }
    }
}

fn diff(out: &mut String, diffs: &[DiffView], layout: Layout) {
    let lang = layout.lang;
    for d in diffs {
        for (id, e) in [("diff-from", &d.from), ("diff-to", &d.to)] {
            let _ = writeln!(
                out,
                "{}",
                tr(
                    lang,
                    id,
                    &[
                        ("ref", &e.reference),
                        ("interval", &interval(e, lang)),
                        ("title", title(e, lang)),
                    ]
                )
            );
        }
        if !d.via.is_empty() {
            let path = d.via.join(" -> ");
            let _ = writeln!(out, "{}", tr(lang, "diff-via", &[("path", &path)]));
        }
        let _ = writeln!(
            out,
            "{}",
            tr(
                lang,
                "diff-enacted",
                &[
                    ("from", &act_label(d.from.enacted_by.label(), lang)),
                    ("to", &act_label(d.to.enacted_by.label(), lang)),
                ]
            )
        );
        if d.title_changed {
            let _ = writeln!(out, "{}", tr(lang, "diff-title-changed", &[]));
        }
        let mut t = new_table(
            layout,
            &["Part", "Status", "Changes", "Penalty then", "Penalty now"],
        );
        for p in &d.parts {
            let then = d
                .from
                .parts
                .iter()
                .find(|x| x.part == p.part)
                .map_or("—".into(), |x| part_penalty(x, lang));
            let now =
                d.to.parts
                    .iter()
                    .find(|x| x.part == p.part)
                    .map_or("—".into(), |x| part_penalty(x, lang));
            t.add_row(vec![
                p.part.clone(),
                tr(lang, &format!("diff-status-{}", p.status), &[]),
                if p.typed.is_empty() {
                    "—".into()
                } else {
                    p.typed
                        .iter()
                        .map(|c| c.say(lang))
                        .collect::<Vec<_>>()
                        .join("\n")
                },
                then,
                now,
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
}

fn acts(out: &mut String, rows: &[ActRow], layout: Layout) {
    let mut t = new_table(
        layout,
        &["In force", "Act", "Title", "Date grade", "Provisions"],
    );
    for r in rows {
        t.add_row(vec![
            r.act
                .in_force
                .clone()
                .unwrap_or_else(|| tr(layout.lang, "word-unknown", &[])),
            format!("{}\n{}", r.act.id, act_label(r.act.label(), layout.lang)),
            r.act.title.clone(),
            r.act.in_force_confidence.clone(),
            if r.provisions.is_empty() {
                "—".into()
            } else {
                r.provisions.join(", ")
            },
        ]);
    }
    let _ = writeln!(out, "{t}");
}

fn topics(out: &mut String, rows: &[TopicRow], layout: Layout) {
    let mut t = new_table(
        layout,
        &["Topic", "Label", "Synonyms", "Broader", "Provisions"],
    );
    for r in rows {
        t.add_row(vec![
            r.id.clone(),
            r.label.clone(),
            r.synonyms.join(", "),
            if r.broader.is_empty() {
                "—".into()
            } else {
                r.broader.join(", ")
            },
            if r.provisions.is_empty() {
                "—".into()
            } else {
                r.provisions.join(", ")
            },
        ]);
    }
    let _ = writeln!(out, "{t}");
}

fn search(out: &mut String, hits: &[Hit], layout: Layout) {
    if hits.is_empty() {
        let _ = writeln!(out, "{}", tr(layout.lang, "no-matches", &[]));
    }
    let mut t = new_table(layout, &["#", "Ref", "Valid", "Title", "Score", "Snippet"]);
    for (i, h) in hits.iter().enumerate() {
        t.add_row(vec![
            (i + 1).to_string(),
            h.reference.clone(),
            format!(
                "{}\n– {}",
                h.valid_from,
                h.valid_to
                    .as_deref()
                    .unwrap_or(open_end(layout.lang).as_str())
            ),
            h.title.clone(),
            format!("{:.2}", h.score),
            emphasize(&h.snippet, &h.highlights),
        ]);
    }
    if !hits.is_empty() {
        let _ = writeln!(out, "{t}");
    }
}

fn gravity(out: &mut String, views: &[GravityView], layout: Layout) {
    for (i, g) in views.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let v = &g.version;
        let _ = writeln!(
            out,
            "{} — {}  [{}]",
            v.reference,
            title(v, layout.lang),
            interval(v, layout.lang)
        );
        match &g.rule {
            Some(r) => {
                let _ = writeln!(
                    out,
                    "  {}: {} [{} – {}]",
                    tr(layout.lang, "gravity-rule", &[]),
                    r.reference,
                    r.valid_from,
                    r.valid_to
                        .as_deref()
                        .unwrap_or(open_end(layout.lang).as_str())
                );
            }
            None => {
                let _ = writeln!(out, "  {}", tr(layout.lang, "gravity-rule-missing", &[]));
            }
        }
        let mut t = new_table(layout, &["Part", "Max prison", "Category", "Why"]);
        for row in &g.gravity {
            let max = match (row.life, row.max_imprisonment_months) {
                (true, _) => tr(layout.lang, "word-life", &[]),
                (false, Some(0)) => tr(layout.lang, "word-none", &[]),
                (false, Some(m)) => terms(fmt_months(m), layout.lang),
                (false, None) => tr(layout.lang, "word-unknown", &[]),
            };
            t.add_row(vec![
                row.part.clone(),
                max,
                row.label_in(layout.lang).unwrap_or_else(|| "—".into()),
                row.why.say(layout.lang),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
}

fn conciliation(out: &mut String, views: &[ConciliationView], layout: Layout) {
    for (i, c) in views.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let v = &c.version;
        let _ = writeln!(
            out,
            "{} — {}  [{}]  {} {}",
            v.reference,
            title(v, layout.lang),
            interval(v, layout.lang),
            tr(layout.lang, "rules-as-of", &[]),
            c.as_of
        );
        let mut t = new_table(layout, &["Part", "Status", "Category", "Reasons"]);
        for p in &c.conciliation {
            t.add_row(vec![
                p.part.clone(),
                status_label(p.status, layout.lang),
                p.gravity
                    .label_in(layout.lang)
                    .unwrap_or_else(|| "—".into()),
                p.steps
                    .iter()
                    .map(|s| s.say(layout.lang))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
}

fn loopholes(out: &mut String, answer: &Answer, rows: &[PartStatus], layout: Layout) {
    let lang = layout.lang;
    let day = answer.query["at"].as_str().unwrap_or_default();
    let related = answer.query["related_parts"].as_u64().unwrap_or(0);
    let _ = writeln!(
        out,
        "{}",
        tr(
            lang,
            "loopholes-open",
            &[
                ("day", day),
                ("open", &rows.len().to_string()),
                ("related", &related.to_string())
            ]
        )
    );
    if let Some(lists) = answer.query["lists"].as_array() {
        for l in lists {
            let kind = l["kind"].as_str().unwrap_or_default();
            let from = l["from"].as_str().unwrap_or_default();
            let id = if kind == "code-list" {
                "loopholes-list-code"
            } else {
                "loopholes-list-topic"
            };
            let _ = writeln!(out, "  {}", tr(lang, id, &[("from", from)]));
        }
    }
    if !rows.is_empty() {
        let mut t = new_table(
            layout,
            &[
                "Ref",
                "Valid",
                "Status",
                "Category",
                "Who and on what conditions",
                "Partly excluded",
            ],
        );
        for r in rows {
            let c = &r.conciliation;
            // Offender lists are long; the JSON and `conciliation` give them in full.
            let routes: Vec<String> = c
                .routes
                .iter()
                .map(|x| {
                    let id = match (x.kind, x.offenders.is_some()) {
                        ("mandatory", false) => "route-must",
                        ("mandatory", true) => "route-must-listed",
                        (_, false) => "route-may",
                        (_, true) => "route-may-listed",
                    };
                    let conditions = crate::lang::phrases::say_all(lang, &x.conditions);
                    tr(lang, id, &[("conditions", &conditions.join(", "))])
                })
                .collect();
            let partial: Vec<String> = c
                .exclusions
                .iter()
                .map(|x| {
                    let only = x.only.as_ref().map_or(String::new(), |o| o.say(lang));
                    format!("{} {only}", crate::lang::phrases::say(lang, &x.what))
                })
                .collect();
            let label = match &r.item {
                Some(i) => format!("{}.{}.{i}", r.reference, r.part),
                None => format!("{}.{}", r.reference, r.part),
            };
            t.add_row(vec![
                label,
                format!(
                    "{}\n– {}",
                    r.valid_from,
                    r.valid_to.as_deref().unwrap_or(open_end(lang).as_str())
                ),
                status_label(c.status, lang),
                c.gravity.label_in(lang).unwrap_or_else(|| "—".into()),
                routes.join("\n"),
                if partial.is_empty() {
                    "—".into()
                } else {
                    partial.join("\n")
                },
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
}

fn loophole_years(out: &mut String, rows: &[YearRow], layout: Layout) {
    let mut t = new_table(
        layout,
        &[
            "Year",
            "Related",
            "Must release",
            "May release",
            "Closed or narrowed that year (act)",
        ],
    );
    for r in rows {
        let act = |a: &str| {
            if a.is_empty() {
                String::new()
            } else {
                format!(" [{a}]")
            }
        };
        let lang = layout.lang;
        let line = |id: &str, c: &crate::analysis::loopholes::Closure| {
            let why = format!("{}{}", c.reason.say(lang), act(&c.act));
            tr(lang, id, &[("part", &c.part), ("why", &why)])
        };
        let mut changes: Vec<String> = r.closed.iter().map(|c| line("year-closed", c)).collect();
        changes.extend(r.narrowed.iter().map(|c| line("year-narrowed", c)));
        if !r.opened.is_empty() {
            let parts = r.opened.join(", ");
            changes.push(tr(lang, "year-opened", &[("parts", &parts)]));
        }
        t.add_row(vec![
            r.year.to_string(),
            r.related_parts.to_string(),
            r.mandatory.to_string(),
            r.discretionary.to_string(),
            if changes.is_empty() {
                "—".into()
            } else {
                changes.join("\n")
            },
        ]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(out, "{}", tr(layout.lang, "years-legend", &[]));
}

fn applicable(out: &mut String, items: &[Applicable], layout: Layout) {
    let lang = layout.lang;
    for a in items {
        let _ = writeln!(
            out,
            "{}",
            tr(
                lang,
                "applicable-header",
                &[
                    ("ref", &a.reference),
                    ("offence", &a.offence),
                    ("judgment", &a.judgment)
                ]
            )
        );
        if let Some(r) = &a.rule {
            let _ = writeln!(
                out,
                "  {}",
                tr(
                    lang,
                    "applicable-rule",
                    &[
                        ("ref", &r.reference),
                        ("time", &crate::lang::prose::article(lang, &r.time_of_act)),
                        ("milder", &r.milder_reaches_back),
                        ("harsher", &r.harsher_never),
                    ]
                )
            );
        }
        let eds: Vec<String> = a
            .candidates
            .iter()
            .map(|c| {
                format!(
                    "{} [{} – {}]",
                    c.reference,
                    c.valid_from,
                    c.valid_to.as_deref().unwrap_or(open_end(lang).as_str())
                )
            })
            .collect();
        let eds = eds.join(", ");
        let _ = writeln!(
            out,
            "  {}",
            tr(lang, "applicable-editions", &[("editions", &eds)])
        );
        let mut t = new_table(layout, &["Part", "Governing edition", "Penalty", "Reasons"]);
        for p in &a.parts {
            t.add_row(vec![
                p.part.clone(),
                format!(
                    "{}\n{} – {}",
                    p.governing.reference,
                    p.governing.valid_from,
                    p.governing
                        .valid_to
                        .as_deref()
                        .unwrap_or(open_end(lang).as_str())
                ),
                p.penalty.as_ref().map_or("—".into(), |x| {
                    crate::lang::prose::penalty(lang, &x.typed)
                }),
                p.steps
                    .iter()
                    .map(|s| s.say(lang, a.rule.as_ref()))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
}

fn timeline(out: &mut String, answer: &Answer, rows: &[TimelineRow], layout: Layout) {
    let from = answer.query["from"].as_str().and_then(|s| s.parse().ok());
    let to = answer.query["to"].as_str().and_then(|s| s.parse().ok());
    if let (Some(from), Some(to)) = (from, to) {
        let window = crate::query::When { from, to };
        let width = layout.width.map_or(100, usize::from);
        out.push_str(&crate::analysis::timeline::draw(
            rows,
            &window,
            width,
            layout.lang,
        ));
        let _ = writeln!(out, "{}", tr(layout.lang, "timeline-legend", &[]));
    }
}

fn sources(out: &mut String, uses: &[SourceUse], lang: Lang) {
    if let Some(u) = uses.first() {
        let _ = writeln!(
            out,
            "{}",
            tr(lang, "sources-cited", &[("ref", &u.reference)])
        );
    }
    for u in uses {
        let _ = writeln!(
            out,
            "\n{} ({}) {}",
            u.source.id, u.source.kind, u.source.title
        );
        if let Some(url) = &u.source.url {
            let _ = writeln!(out, "  {url}");
        }
        if let Some(seed) = &u.source.seed_file {
            let _ = writeln!(out, "  {}", tr(lang, "seed-file", &[("file", seed)]));
        }
        if let Some(note) = &u.note {
            let note = note.replace('\n', " ");
            let _ = writeln!(out, "  {}", tr(lang, "note", &[("note", &note)]));
        }
        for c in &u.cited_for {
            let to = c.valid_to.clone().unwrap_or_else(|| open_end(lang));
            let _ = writeln!(
                out,
                "  - {}",
                tr(
                    lang,
                    "cited-edition",
                    &[
                        ("from", &c.valid_from),
                        ("to", &to),
                        ("locator", &c.locator)
                    ]
                )
            );
        }
    }
}
fn status_label(s: &str, lang: Lang) -> String {
    match s {
        "mandatory" | "discretionary" | "excluded" | "not-eligible" | "unknown" => {
            tr(lang, &format!("status-{s}"), &[])
        }
        other => other.to_string(),
    }
}

/// Marks the matched words of a snippet as `*word*`, which reads well in plain text.
fn emphasize(snippet: &str, ranges: &[[usize; 2]]) -> String {
    super::marked(snippet, ranges)
        .into_iter()
        .map(|(hit, s)| if hit { format!("*{s}*") } else { s.to_string() })
        .collect::<String>()
        .replace('\n', " ")
}

/// Units and sanction words of our own short notation (`5 y – 7 y`, `up to 6 mo`, `or life`,
/// `optional`) in the language; other text is left as the data has it.
fn terms(s: String, lang: Lang) -> String {
    if lang == Lang::En {
        return s;
    }
    let words: Vec<String> = s
        .split(' ')
        .map(|w| match w {
            "y" => tr(lang, "unit-years", &[]),
            "mo" => tr(lang, "unit-months", &[]),
            "up" => tr(lang, "word-up", &[]),
            "to" => tr(lang, "word-to", &[]),
            "or" => tr(lang, "word-or", &[]),
            "life" => tr(lang, "word-life", &[]),
            "unknown" => tr(lang, "word-unknown", &[]),
            "optional" => tr(lang, "confiscation-optional", &[]),
            "mandatory" => tr(lang, "confiscation-mandatory", &[]),
            "no" => tr(lang, "confiscation-no", &[]),
            w => w.to_string(),
        })
        .collect();
    // "up to" becomes one word in Russian ("до"): drop the empty half.
    words
        .into_iter()
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn part_penalty(p: &PartView, lang: Lang) -> String {
    match (&p.penalty, lang) {
        (Some(x), Lang::En) => x.summary.clone(),
        (x, lang) => prose::part_penalty(lang, x.as_ref().map(|x| &x.typed)),
    }
}

fn header_lines(out: &mut String, v: &VersionView, lang: Lang) {
    let _ = writeln!(
        out,
        "{} — {}  [{}]",
        v.reference,
        title(v, lang),
        interval(v, lang)
    );
    let eif = v.enacted_by.in_force.as_deref().unwrap_or("unknown");
    let label = act_label(v.enacted_by.label(), lang);
    let grade = v.enacted_by.in_force_confidence.to_string();
    let _ = writeln!(
        out,
        "  {}",
        tr(
            lang,
            "enacted-by",
            &[
                ("act", &label),
                ("date", eif),
                ("grade", &grade),
                ("id", &v.enacted_by.id)
            ]
        )
    );
    for a in &v.amended_by {
        let label = act_label(a.label(), lang);
        let _ = writeln!(
            out,
            "  {}",
            tr(lang, "amended-by", &[("act", &label), ("id", &a.id)])
        );
    }
    let grade = v.confidence.to_string();
    let _ = writeln!(out, "  {}", tr(lang, "confidence", &[("grade", &grade)]));
    if let Some(n) = &v.date_note {
        let _ = writeln!(out, "  {}", tr(lang, "dates", &[("note", n)]));
    }
}

/// "in force" for an open end.
fn open_end(lang: Lang) -> String {
    tr(lang, "in-force-open", &[])
}

fn interval(v: &VersionView, lang: Lang) -> String {
    format!(
        "{} – {}",
        v.valid_from,
        v.valid_to.as_deref().unwrap_or(open_end(lang).as_str())
    )
}

/// An act's label ("Law 131-III of 2006-03-02") in the language.
fn act_label(label: String, lang: Lang) -> String {
    if lang == Lang::En {
        return label;
    }
    for (en, id) in [
        ("Supreme Court resolution ", "act-court"),
        ("Constitutional Law ", "act-constitutional"),
        ("Code ", "act-code"),
        ("Law ", "act-law"),
        ("Decree ", "act-decree"),
    ] {
        if let Some(rest) = label.strip_prefix(en) {
            let rest = rest.replacen(" of ", &format!(" {} ", tr(lang, "act-of", &[])), 1);
            return format!("{} {rest}", tr(lang, id, &[]));
        }
    }
    label
}

/// The title to show: in Russian mode our Russian title when the data has one.
fn title(v: &VersionView, lang: Lang) -> &str {
    match (lang, &v.title_ru) {
        // The data has Russian titles only; Kazakh shows them too.
        (Lang::Ru | Lang::Kk, Some(ru)) => ru,
        _ => &v.title,
    }
}

fn version_block(out: &mut String, v: &VersionView, layout: Layout, with_text: bool) {
    let lang = layout.lang;
    header_lines(out, v, lang);
    if let (Lang::En, Some(ru)) = (lang, &v.title_ru) {
        let _ = writeln!(out, "  {}", tr(lang, "title-ru", &[("title", ru)]));
    }
    if !v.topics.is_empty() {
        let topics = v.topics.join(", ");
        let _ = writeln!(out, "  {}", tr(lang, "topics", &[("topics", &topics)]));
    }
    if !v.refers_to.is_empty() {
        let refs = v.refers_to.join(", ");
        let _ = writeln!(out, "  {}", tr(lang, "refers-to", &[("refs", &refs)]));
    }
    let _ = writeln!(out, "  {}", tr(lang, "changed", &[("text", &v.changes)]));
    if with_text {
        if let Some(text) = &v.text {
            let _ = writeln!(out);
            for line in text.lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
    }
    let _ = writeln!(out);
    let mut t = new_table(layout, &["Part", "Features", "Penalty", "Grade"]);
    for p in &v.parts {
        let mut features = p.features.clone();
        for i in &p.items {
            features.push_str(&format!("\n({}) {}", i.item, i.features));
        }
        t.add_row(vec![
            p.part.clone(),
            features,
            part_penalty(p, lang),
            p.confidence.clone(),
        ]);
    }
    let _ = writeln!(out, "{t}");
    for n in &v.notes {
        let label = if n.note.is_empty() {
            tr(lang, "note-label", &[])
        } else {
            tr(lang, "note-numbered", &[("n", &n.note)])
        };
        let _ = writeln!(out, "  {label}: {}", n.summary);
    }
    for x in &v.paragraphs {
        let _ = writeln!(
            out,
            "  {}",
            tr(
                lang,
                "paragraph-after",
                &[("part", &x.after_part), ("summary", &x.summary)]
            )
        );
    }
    rules_block(out, v, lang);
    conflicts_block(out, v);
    sources_block(out, &v.sources, layout.lang);
}

/// The rules an edition carries, in one or two lines each.
fn rules_block(out: &mut String, v: &VersionView, lang: Lang) {
    use crate::lang::phrases;
    use crate::model::{Rules, Threshold};
    let t = |x: &Threshold| match (x, lang) {
        (Threshold::UpTo(m), Lang::En) => format!("≤ {}", fmt_months(*m)),
        (Threshold::Above(m), Lang::En) => format!("> {}", fmt_months(*m)),
        (Threshold::UpTo(m), _) => format!("≤ {}", terms(fmt_months(*m), lang)),
        (Threshold::Above(m), _) => format!("> {}", terms(fmt_months(*m), lang)),
        (Threshold::Never, _) => "—".into(),
    };
    let line = |out: &mut String, id: &str, args: &[(&str, &str)]| {
        let _ = writeln!(out, "{}", tr(lang, id, args));
    };
    match &v.rules {
        None => {}
        Some(Rules::Gravity(cats)) => {
            line(out, "rules-gravity", &[]);
            for c in cats {
                line(
                    out,
                    "rules-gravity-category",
                    &[
                        ("category", &prose::category(lang, &c.id, &c.label)),
                        ("part", &c.part),
                        ("intentional", &t(&c.intentional)),
                        ("negligent", &t(&c.negligent)),
                    ],
                );
            }
        }
        Some(Rules::Reconciliation(r)) => {
            line(out, "rules-reconciliation", &[]);
            for (must, list) in [(true, &r.mandatory), (false, &r.discretionary)] {
                for e in list {
                    let cats: Vec<String> = e
                        .categories
                        .iter()
                        .map(|c| prose::category(lang, c, c))
                        .collect();
                    let id = match (must, e.offenders.is_some()) {
                        (true, false) => "rules-must",
                        (true, true) => "rules-must-for",
                        (false, false) => "rules-may",
                        (false, true) => "rules-may-for",
                    };
                    let who = phrases::say(lang, e.offenders.as_deref().unwrap_or_default());
                    line(
                        out,
                        id,
                        &[
                            ("part", &e.part),
                            ("who", &who),
                            ("categories", &cats.join(", ")),
                        ],
                    );
                }
            }
            for x in &r.exclusions {
                let mut place = match (&x.part, &x.after_part) {
                    (Some(p), _) => tr(lang, "rules-part", &[("part", p)]),
                    (None, Some(a)) => tr(lang, "place-paragraph-after", &[("part", a)]),
                    (None, None) => tr(lang, "place-unplaced", &[]),
                };
                if let Some(i) = &x.item {
                    place.push(' ');
                    place.push_str(&tr(lang, "place-item", &[("item", i)]));
                }
                let reach = if x.refs.is_empty() {
                    String::new()
                } else {
                    format!(" -> {}", x.refs.join(", "))
                };
                let what = format!("{}{reach}", phrases::say(lang, &x.what));
                line(out, "rules-excluded", &[("place", &place), ("what", &what)]);
            }
        }
        Some(Rules::TraffickingList(refs)) => {
            line(out, "rules-trafficking-list", &[("refs", &refs.join(", "))]);
        }
        Some(Rules::Retroactivity(r)) => {
            line(
                out,
                "rules-retroactivity",
                &[
                    ("time", &prose::article(lang, &r.time_of_act)),
                    ("milder", &r.milder_reaches_back),
                    ("harsher", &r.harsher_never),
                ],
            );
        }
    }
}

fn conflicts_block(out: &mut String, v: &VersionView) {
    for k in &v.conflicts {
        let followed = k.claims.get(k.follows).map_or("?", |c| c.value.as_str());
        let others: Vec<String> = k
            .claims
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != k.follows)
            .map(|(_, c)| format!("{} ({})", c.value, c.source.source))
            .collect();
        let _ = writeln!(
            out,
            "  sources disagree on {}: we follow \"{followed}\"; also claimed: {}. {}",
            k.about,
            others.join("; "),
            k.why
        );
    }
}

fn sources_block(out: &mut String, sources: &[SourceView], lang: Lang) {
    let _ = writeln!(out, "  {}", tr(lang, "sources", &[]));
    for s in sources {
        let place = s
            .url
            .clone()
            .or_else(|| s.seed_file.as_ref().map(|f| format!("seed {f}")))
            .unwrap_or_default();
        let _ = writeln!(out, "    - {} ({}): {} {}", s.id, s.locator, s.title, place);
    }
}

fn covers(out: &mut String, answer: &Answer, hits: &[CoverHit], layout: Layout) {
    let topic = answer.query["topic"].as_str().unwrap_or_default();
    let from = answer.query["at"]["from"].as_str().unwrap_or_default();
    let to = answer.query["at"]["to"].as_str().unwrap_or_default();
    let lang = layout.lang;
    let span = if from == to {
        tr(lang, "covers-on", &[("date", from)])
    } else {
        tr(lang, "covers-between", &[("from", from), ("to", to)])
    };
    if hits.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            tr(lang, "covers-none", &[("topic", topic), ("span", &span)])
        );
        return;
    }
    let count = hits.len().to_string();
    let _ = writeln!(
        out,
        "{}",
        tr(
            lang,
            "covers-found",
            &[("topic", topic), ("span", &span), ("count", &count)]
        )
    );
    let mut t = new_table(
        layout,
        &[
            "Edition",
            "Title",
            "Max prison",
            "Penalty of matching parts",
            "Act, grade",
            "Sources",
        ],
    );
    for h in hits {
        let v = &h.version;
        let mut lines = Vec::new();
        for m in &h.matched {
            match (&m.part, &m.item) {
                (None, _) => {
                    for p in &v.parts {
                        let pt = tr(layout.lang, "pt", &[("part", &p.part)]);
                        lines.push(format!("{pt}: {}", part_penalty(p, layout.lang)));
                    }
                }
                (Some(part), item) => {
                    if let Some(p) = v.parts.iter().find(|p| &p.part == part) {
                        let label = match item {
                            Some(i) => tr(layout.lang, "pt", &[("part", &format!("{part}({i})"))]),
                            None => tr(layout.lang, "pt", &[("part", part)]),
                        };
                        let line = format!("{label}: {}", part_penalty(p, layout.lang));
                        if !lines.contains(&line) {
                            lines.push(line);
                        }
                    }
                }
            }
        }
        lines.dedup();
        t.add_row(vec![
            format!(
                "{}\n{}\n– {}",
                v.reference,
                v.valid_from,
                v.valid_to
                    .as_deref()
                    .unwrap_or(open_end(layout.lang).as_str())
            ),
            title(v, layout.lang).to_string(),
            terms(
                h.max_imprisonment_months.map_or("—".into(), fmt_months),
                layout.lang,
            ),
            lines.join("\n"),
            format!(
                "{}\n{}",
                act_label(v.enacted_by.short(), layout.lang),
                tr(
                    layout.lang,
                    "grade",
                    &[("grade", &v.confidence.to_string())]
                )
            ),
            v.sources
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
                .join("\n"),
        ]);
    }
    let _ = writeln!(out, "{t}");
}

fn new_table(layout: Layout, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    t.remove_style(comfy_table::TableComponent::HorizontalLines);
    t.remove_style(comfy_table::TableComponent::MiddleIntersections);
    t.remove_style(comfy_table::TableComponent::LeftBorderIntersections);
    t.remove_style(comfy_table::TableComponent::RightBorderIntersections);
    match layout.width {
        Some(w) => {
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_width(w);
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    t.set_header(header.iter().map(|h| Cell::new(column(layout.lang, h))));
    // Short columns (dates, refs, grades) keep their width; long prose wraps.
    for (i, h) in header.iter().enumerate() {
        let constraint = match *h {
            "Valid" | "Ref" | "Part" | "Grade" | "Year" | "Related" | "Must release"
            | "May release" | "Date grade" | "In force" | "Max prison" | "#" | "Score"
            | "Status" | "Confiscation" => Some(ColumnConstraint::ContentWidth),
            "Edition" | "Act, grade" => Some(ColumnConstraint::ContentWidth),
            // Source ids must stay whole to be usable.
            "Sources" => Some(ColumnConstraint::LowerBoundary(Width::Fixed(24))),
            "Governing edition" => Some(ColumnConstraint::ContentWidth),
            "Title" | "Act" => Some(ColumnConstraint::UpperBoundary(Width::Fixed(24))),
            "Enacted by" => Some(ColumnConstraint::UpperBoundary(Width::Fixed(26))),
            _ => None,
        };
        if let (Some(c), Some(col)) = (constraint, t.column_mut(i)) {
            col.set_constraint(c);
        }
    }
    t
}
