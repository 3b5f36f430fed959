//! HTML for the web pages: one small function per answer kind, the same shape as `table`.
//!
//! maud escapes every value by construction; the only unescaped markup is the SVG from
//! `charts`, which escapes its own text. Links go to the page of the same answer for another
//! reference, so a reader can click through the law without typing.

use crate::analysis::applicable::Applicable;
use crate::analysis::loopholes::{PartStatus, YearRow};
use crate::analysis::timeline::Row as TimelineRow;
use crate::charts;
use crate::exec::{
    ActRow, Answer, ConciliationView, CoverHit, DiffView, GravityView, HistoryEntry, LineageView,
    Results, SourceUse, TopicRow,
};
use crate::index::Hit;
use crate::model::{Date, fmt_months};
use crate::view::{PartView, SourceView, VersionView};
use maud::{Markup, PreEscaped, html};

/// What a page knows beyond the answer itself.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// The date open-ended editions run to on charts.
    pub today: Date,
    /// Every edition along the asked provision's renumbering chain, oldest first, for the
    /// penalty bands; empty means the answer's own editions.
    pub lineage: &'a [VersionView],
}

/// Renders an answer as an HTML fragment (the page around it is `serve`'s).
pub fn render(answer: &Answer, page: &Page) -> Markup {
    match &answer.results {
        Results::Show(views) => show(answer, views, page),
        Results::Penalty(views) => penalty(views),
        Results::History(entries) => history(entries, page),
        Results::Covers(hits) => covers(answer, hits),
        Results::Lineage(views) => lineage(views),
        Results::Diff(diffs) => diff(diffs),
        Results::Acts(rows) => acts(rows),
        Results::Topics(rows) => topics(rows),
        Results::Search(hits) => search(hits),
        Results::Gravity(views) => gravity(views),
        Results::Conciliation(views) => conciliation(views),
        Results::Loopholes(rows) => loopholes(answer, rows),
        Results::LoopholeYears(rows) => loophole_years(rows),
        Results::Applicable(items) => applicable(items),
        Results::Timeline(rows) => timeline(answer, rows, page),
        Results::Sources(uses) => sources(uses),
        Results::Text(views) => text(views),
        Results::ActChanges(rows) => act_changes(answer, rows),
        Results::Amended(rows) => amended(rows),
    }
}

/// A URL query string from pairs, percent-encoded.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

/// A link to `/command?pairs`.
fn link(command: &str, pairs: &[(&str, &str)], text: &str) -> Markup {
    let href = format!("/{command}?{}", query_string(pairs));
    html! { a href=(href) { (text) } }
}

fn ref_link(reference: &str) -> Markup {
    link("history", &[("ref", reference)], reference)
}

fn edition_link(reference: &str, valid_from: &str) -> Markup {
    link("show", &[("ref", reference), ("at", valid_from)], reference)
}

fn until(to: &Option<String>) -> &str {
    to.as_deref().unwrap_or("in force")
}

fn interval(from: &str, to: &Option<String>) -> Markup {
    html! { span.interval { (from) " – " (until(to)) } }
}

fn dash_if_empty(list: &[String], sep: &str) -> String {
    if list.is_empty() {
        "—".into()
    } else {
        list.join(sep)
    }
}

fn part_penalty(p: &PartView) -> String {
    p.penalty
        .as_ref()
        .map_or("no sanction".into(), |x| x.summary.clone())
}

fn chart(svg: String) -> Markup {
    html! { figure.chart { (PreEscaped(svg)) } }
}

fn heading(v: &VersionView) -> Markup {
    html! {
        h2 { (edition_link(&v.reference, &v.valid_from)) " — " (v.title) " " (interval(&v.valid_from, &v.valid_to)) }
        dl.facts {
            dt { "Enacted by" } dd { (v.enacted_by.label()) " (in force " (v.enacted_by.in_force.as_deref().unwrap_or("unknown")) ", date grade " (v.enacted_by.in_force_confidence) ")" }
            @for a in &v.amended_by { dt { "Amended by" } dd { (a.label()) } }
            dt { "Confidence" } dd { (v.confidence) }
            @if let Some(n) = &v.date_note { dt { "Dates" } dd { (n) } }
        }
    }
}

fn sources_list(sources: &[SourceView]) -> Markup {
    html! {
        details.sources {
            summary { "Sources (" (sources.len()) ")" }
            ul { @for s in sources {
                li {
                    code { (s.id) } " (" (s.locator) "): " (s.title) " "
                    @if let Some(u) = &s.url { span.url { (u) } }
                    @else if let Some(f) = &s.seed_file { span.url { "seed " (f) } }
                }
            } }
        }
    }
}

/// The bands chart for a page: the lineage if the page has one, else these editions.
fn bands(id: &str, own: &[VersionView], page: &Page, at: Option<Date>) -> Markup {
    let editions = if page.lineage.is_empty() {
        own
    } else {
        page.lineage
    };
    let marks = charts::bands::markers(editions);
    html! {
        (chart(charts::bands::draw_at(id, editions, page.today, at)))
        details.alt {
            summary { "The chart's editions as a list" }
            ol { @for (m, v) in marks.iter().zip(editions) {
                li { (m.date) " " (edition_link(&v.reference, &v.valid_from)) ": " (m.acts.join(" + ")) "; "
                    (v.parts.iter().map(|p| format!("part {}: {}", p.part, part_penalty(p))).collect::<Vec<_>>().join("; ")) }
            } }
        }
    }
}

fn show(answer: &Answer, views: &[VersionView], page: &Page) -> Markup {
    // A single day asked about is marked on the chart.
    let (from, to) = (&answer.query["at"]["from"], &answer.query["at"]["to"]);
    let at = from
        .as_str()
        .filter(|_| from == to)
        .and_then(|d| d.parse().ok());
    html! {
        @for (i, v) in views.iter().enumerate() {
            section.edition {
                (heading(v))
                @if let Some(ru) = &v.title_ru { p { "Title (ru): " span lang="ru" { (ru) } } }
                @if !v.topics.is_empty() {
                    p { "Topics: " @for (k, t) in v.topics.iter().enumerate() { @if k > 0 { ", " } (link("covers", &[("topic", t), ("at", &v.valid_from)], t)) } }
                }
                @if !v.refers_to.is_empty() {
                    p { "Refers to: " @for (k, r) in v.refers_to.iter().enumerate() { @if k > 0 { ", " } (ref_link(r)) } }
                }
                p { "Changed: " (v.changes) }
                @if i == 0 { (bands("bands", views, page, at)) }
                @if let Some(text) = &v.text { blockquote.text { @for line in text.lines() { (line) br; } } }
                (parts_table(v))
                @for n in &v.notes { p.note { "Note " (n.note) ": " (n.summary) } }
                @for k in &v.conflicts { p.conflict { "Sources disagree on " (k.about) ": " (k.why) } }
                (sources_list(&v.sources))
            }
        }
    }
}

fn parts_table(v: &VersionView) -> Markup {
    html! {
        div.scroll { table {
            thead { tr { th { "Part" } th { "Features" } th { "Penalty" } th { "Grade" } } }
            tbody { @for p in &v.parts { tr {
                td { (p.part) }
                td { (p.features) @for i in &p.items { br; "(" (i.item) ") " (i.features) } }
                td { (part_penalty(p)) }
                td { (p.confidence) }
            } } }
        } }
    }
}

fn penalty(views: &[VersionView]) -> Markup {
    html! {
        @for v in views { section.edition {
            (heading(v))
            div.scroll { table {
                thead { tr { th { "Part" } th { "Imprisonment" } th { "Fine" } th { "Confiscation" } th { "Other measures" } th { "Grade" } } }
                tbody { @for p in &v.parts { tr {
                    td { (p.part) }
                    @match &p.penalty {
                        None => { td { "—" } td { "—" } td { "—" } td { "no sanction (general rule)" } }
                        Some(pen) => {
                            td { (super::imprisonment(pen)) }
                            td { (dash_if_empty(&pen.fine.iter().map(|f| match (f.min, f.max) {
                                (Some(a), Some(b)) => format!("{a}–{b} {}", f.unit),
                                (None, Some(b)) => format!("≤ {b} {}", f.unit),
                                (Some(a), None) => format!("≥ {a} {}", f.unit),
                                (None, None) => format!("amount unknown ({})", f.unit),
                            }).collect::<Vec<_>>(), "; or ")) }
                            td { (pen.confiscation) }
                            td { (dash_if_empty(&pen.other, "; ")) }
                        }
                    }
                    td { (p.confidence) }
                } } }
            } }
            (sources_list(&v.sources))
        } }
    }
}

fn history(entries: &[HistoryEntry], page: &Page) -> Markup {
    let own: Vec<VersionView> = entries.iter().map(|e| e.version.clone()).collect();
    html! {
        @if let Some(first) = entries.first() {
            h2 { (first.version.reference) " — " (first.version.subject) " (" (entries.len()) " editions)" }
        }
        (bands("bands", &own, page, None))
        div.scroll { table {
            thead { tr { th { "Valid" } th { "Enacted by" } th { "Title" } th { "Max prison" } th { "What changed" } th { "Grade" } } }
            tbody { @for e in entries { @let v = &e.version; tr {
                td { (edition_link(&v.reference, &v.valid_from)) br; (interval(&v.valid_from, &v.valid_to)) }
                td { (v.enacted_by.label()) @for a in &v.amended_by { br; "+ " (a.label()) } }
                td { (v.title) }
                td { (e.max_imprisonment_months.map_or("—".into(), fmt_months)) }
                td { (v.changes) @for c in &e.penalty_changes { br; "• " (c) } }
                td { (v.confidence) }
            } } }
        } }
    }
}

fn covers(answer: &Answer, hits: &[CoverHit]) -> Markup {
    let topic = answer.query["topic"].as_str().unwrap_or_default();
    let from = answer.query["at"]["from"].as_str().unwrap_or_default();
    let to = answer.query["at"]["to"].as_str().unwrap_or_default();
    let span = if from == to {
        format!("on {from}")
    } else {
        format!("between {from} and {to}")
    };
    html! {
        @if hits.is_empty() { p { "No provision in the data covers " (topic) " " (span) "." } }
        @else {
            h2 { "Provisions covering " (topic) " in force " (span) ": " (hits.len()) " editions" }
            div.scroll { table {
                thead { tr { th { "Edition" } th { "Title" } th { "Max prison" } th { "Penalty of matching parts" } th { "Act, grade" } } }
                tbody { @for h in hits { @let v = &h.version; tr {
                    td { (edition_link(&v.reference, &v.valid_from)) br; (interval(&v.valid_from, &v.valid_to)) }
                    td { (v.title) }
                    td { (h.max_imprisonment_months.map_or("—".into(), fmt_months)) }
                    td { @for m in &h.matched {
                        @match &m.part {
                            None => { @for p in &v.parts { "pt " (p.part) ": " (part_penalty(p)) br; } }
                            Some(part) => { @if let Some(p) = v.parts.iter().find(|p| &p.part == part) {
                                "pt " (part) @if let Some(i) = &m.item { "(" (i) ")" } ": " (part_penalty(p)) br;
                            } }
                        }
                    } }
                    td { (v.enacted_by.short()) br; "grade " (v.confidence) }
                } } }
            } }
        }
    }
}

fn lineage(views: &[LineageView]) -> Markup {
    html! { @for l in views {
        h2 { "Lineage of " (l.version.reference) " — " (l.version.subject) }
        div.scroll { table {
            thead { tr { th { "Ref" } th { "Title" } th { "Valid" } th { "Follows" } th { "Grade" } } }
            tbody { @for c in &l.chain { tr {
                td { (ref_link(&c.reference)) }
                td { (c.title) }
                td { (interval(&c.valid_from, &c.valid_to)) }
                td { @match &c.link { Some(k) => { (k.from) " from " (k.date) " (" (k.act.label()) ")" @if let Some(n) = &k.note { br; small { (n) } } } None => { "—" } } }
                td { (c.link.as_ref().map_or("—".into(), |k| k.confidence.clone())) }
            } } }
        } }
    } }
}

fn diff(diffs: &[DiffView]) -> Markup {
    html! { @for (i, d) in diffs.iter().enumerate() {
        h2 { (d.reference) ": " (d.from.valid_from) " → " (d.to.valid_from) }
        p { "From " (edition_link(&d.from.reference, &d.from.valid_from)) " " (interval(&d.from.valid_from, &d.from.valid_to)) " " (d.from.title) br;
            "to " (edition_link(&d.to.reference, &d.to.valid_from)) " " (interval(&d.to.valid_from, &d.to.valid_to)) " " (d.to.title) }
        @if !d.via.is_empty() { p { "Renumbering followed: " (d.via.join(" → ")) } }
        p { "Enacted by: " (d.from.enacted_by.label()) " → " (d.to.enacted_by.label()) }
        @if d.title_changed { p { "The title changed." } }
        (chart(charts::diff::draw(&format!("diff-{i}"), d)))
        div.scroll { table {
            thead { tr { th { "Part" } th { "Status" } th { "Changes" } th { "Penalty then" } th { "Penalty now" } } }
            tbody { @for p in &d.parts { tr {
                td { (p.part) }
                td { (p.status) }
                td { @if p.changes.is_empty() { "—" } @for c in &p.changes { (c) br; } }
                td { (d.from.parts.iter().find(|x| x.part == p.part).map_or("—".into(), part_penalty)) }
                td { (d.to.parts.iter().find(|x| x.part == p.part).map_or("—".into(), part_penalty)) }
            } } }
        } }
    } }
}

fn acts(rows: &[ActRow]) -> Markup {
    html! { div.scroll { table {
        thead { tr { th { "In force" } th { "Act" } th { "Title" } th { "Date grade" } th { "Provisions" } } }
        tbody { @for r in rows { tr {
            td { (r.act.in_force.as_deref().unwrap_or("unknown")) }
            td { code { (r.act.id) } br; (r.act.label()) }
            td { (r.act.title) }
            td { (r.act.in_force_confidence) }
            td { @if r.provisions.is_empty() { "—" } @for (k, p) in r.provisions.iter().enumerate() { @if k > 0 { ", " } (ref_link(p)) } }
        } } }
    } } }
}

fn topics(rows: &[TopicRow]) -> Markup {
    html! { div.scroll { table {
        thead { tr { th { "Topic" } th { "Label" } th { "Synonyms" } th { "Broader" } th { "Provisions" } } }
        tbody { @for r in rows { tr {
            td { (link("covers", &[("topic", &r.id)], &r.id)) " " (link("timeline", &[("target", &r.id)], "(timeline)")) }
            td { (r.label) }
            td { (r.synonyms.join(", ")) }
            td { (dash_if_empty(&r.broader, ", ")) }
            td { @if r.provisions.is_empty() { "—" } @for (k, p) in r.provisions.iter().enumerate() { @if k > 0 { ", " } (ref_link(p)) } }
        } } }
    } } }
}

/// A snippet with its matched byte ranges in `<mark>`.
fn emphasize(snippet: &str, ranges: &[[usize; 2]]) -> Markup {
    let pieces = super::marked(snippet, ranges);
    html! { @for (hit, s) in pieces { @if hit { mark { (s) } } @else { (s) } } }
}

fn search(hits: &[Hit]) -> Markup {
    html! {
        @if hits.is_empty() { p { "No matches." } }
        ol.hits { @for h in hits { li {
            (edition_link(&h.reference, &h.valid_from)) " " (interval(&h.valid_from, &h.valid_to)) " — " (h.title)
            " " small { "score " (format!("{:.2}", h.score)) }
            p.snippet { (emphasize(&h.snippet, &h.highlights)) }
        } } }
    }
}

fn gravity(views: &[GravityView]) -> Markup {
    html! { @for g in views {
        @let v = &g.version;
        h2 { (edition_link(&v.reference, &v.valid_from)) " — " (v.title) " " (interval(&v.valid_from, &v.valid_to)) }
        @match &g.rule {
            Some(r) => { p { "Gravity rule: " (r.reference) " " (interval(&r.valid_from, &r.valid_to)) } }
            None => { p { "No gravity rule in the data for this code and date." } }
        }
        div.scroll { table {
            thead { tr { th { "Part" } th { "Max prison" } th { "Category" } th { "Why" } } }
            tbody { @for row in &g.gravity { tr {
                td { (row.part) }
                td { (match (row.life, row.max_imprisonment_months) {
                    (true, _) => "life".to_string(),
                    (false, Some(0)) => "none".to_string(),
                    (false, Some(m)) => fmt_months(m),
                    (false, None) => "unknown".to_string(),
                }) }
                td { (row.label.as_deref().unwrap_or("—")) }
                td { (row.explanation) }
            } } }
        } }
    } }
}

fn status_label(s: &str) -> &str {
    match s {
        "mandatory" => "open: court must release",
        "discretionary" => "open: court may release",
        "excluded" => "excluded",
        "not-eligible" => "not eligible",
        other => other,
    }
}

fn conciliation(views: &[ConciliationView]) -> Markup {
    html! { @for c in views {
        @let v = &c.version;
        h2 { (edition_link(&v.reference, &v.valid_from)) " — " (v.title) " " (interval(&v.valid_from, &v.valid_to)) }
        p { "Rules as of " (c.as_of) }
        div.scroll { table {
            thead { tr { th { "Part" } th { "Status" } th { "Category" } th { "Reasons" } } }
            tbody { @for p in &c.conciliation { tr {
                td { (p.part) }
                td class=(format!("status-{}", p.status)) { (status_label(p.status)) }
                td { (p.gravity.label.as_deref().unwrap_or("—")) }
                td { @for r in &p.reasons { (r) br; } }
            } } }
        } }
    } }
}

fn loopholes(answer: &Answer, rows: &[PartStatus]) -> Markup {
    let day = answer.query["at"].as_str().unwrap_or_default();
    let related = answer.query["related_parts"].as_u64().unwrap_or(0);
    html! {
        h2 { "Trafficking-related parts open to reconciliation on " (day) ": " (rows.len()) " of " (related) }
        @if let Some(lists) = answer.query["lists"].as_array() { ul { @for l in lists {
            @let from = l["from"].as_str().unwrap_or_default();
            li { "Trafficking-related means: " @if l["kind"].as_str() == Some("code-list") { "the code's own list in " (from) } @else { "the topic " code { (from) } " (the code has no list of its own then)" } }
        } } }
        @if !rows.is_empty() { div.scroll { table {
            thead { tr { th { "Ref" } th { "Valid" } th { "Status" } th { "Category" } th { "Who and on what conditions" } th { "Partly excluded" } } }
            tbody { @for r in rows { @let c = &r.conciliation; tr {
                td { (edition_link(&r.reference, &r.valid_from)) "." (r.part) @if let Some(i) = &r.item { "." (i) } }
                td { (interval(&r.valid_from, &r.valid_to)) }
                td class=(format!("status-{}", c.status)) { (status_label(c.status)) }
                td { (c.gravity.label.as_deref().unwrap_or("—")) }
                td { @for x in &c.routes { (x.kind) @if x.offenders.is_some() { ", listed offenders only" } ": " (x.conditions.join(", ")) br; } }
                td { @if c.exclusions.is_empty() { "—" } @for x in &c.exclusions { (x.what) " " (x.only_where.as_deref().unwrap_or_default()) br; } }
            } } }
        } } }
    }
}

fn loophole_years(rows: &[YearRow]) -> Markup {
    let act = |a: &str| {
        if a.is_empty() {
            String::new()
        } else {
            format!(" [{a}]")
        }
    };
    html! {
        (chart(charts::loopholes::draw("loopholes", rows)))
        div.scroll { table {
            thead { tr { th { "Year" } th { "Related" } th { "Must release" } th { "May release" } th { "Closed or narrowed that year (act)" } } }
            tbody { @for r in rows { tr {
                td { (link("loopholes", &[("at", &r.as_of)], &r.year.to_string())) }
                td { (r.related_parts) } td { (r.mandatory) } td { (r.discretionary) }
                td {
                    @if r.closed.is_empty() && r.narrowed.is_empty() && r.opened.is_empty() { "—" }
                    @for c in &r.closed { "closed " (c.part) ": " (c.why) (act(&c.act)) br; }
                    @for c in &r.narrowed { "must → may release " (c.part) ": " (c.why) (act(&c.act)) br; }
                    @if !r.opened.is_empty() { "newly counted and open: " (r.opened.join(", ")) }
                }
            } } }
        } }
        p { "Each year is judged on 31 December (today for the current year); click a year for the open parts." }
    }
}

fn applicable(items: &[Applicable]) -> Markup {
    html! { @for a in items {
        h2 { (ref_link(&a.reference)) ": act on " (a.offence) ", judgment on " (a.judgment) }
        @if let Some(r) = &a.rule {
            p { "Rule on criminal law in time: " (r.reference) " (time of the act: " (r.time_of_act) "; milder law reaches back: part " (r.milder_reaches_back) "; harsher never: part " (r.harsher_never) ")" }
        }
        p { "Editions in force between the two dates: "
            @for (k, c) in a.candidates.iter().enumerate() { @if k > 0 { ", " } (edition_link(&c.reference, &c.valid_from)) " " (interval(&c.valid_from, &c.valid_to)) } }
        div.scroll { table {
            thead { tr { th { "Part" } th { "Governing edition" } th { "Penalty" } th { "Reasons" } } }
            tbody { @for p in &a.parts { tr {
                td { (p.part) }
                td { (edition_link(&p.governing.reference, &p.governing.valid_from)) br; (interval(&p.governing.valid_from, &p.governing.valid_to)) }
                td { (p.penalty.as_ref().map_or("—".into(), |x| x.summary.clone())) }
                td { @for r in &p.reasons { (r) br; } }
            } } }
        } }
    } }
}

fn timeline(answer: &Answer, rows: &[TimelineRow], page: &Page) -> Markup {
    let from = answer.query["from"].as_str().and_then(|s| s.parse().ok());
    let to = answer.query["to"].as_str().and_then(|s| s.parse().ok());
    let window = match (from, to) {
        (Some(from), Some(to)) => crate::query::When { from, to },
        _ => crate::query::When {
            from: page.today,
            to: page.today,
        },
    };
    html! {
        (chart(charts::timeline::draw("timeline", rows, &window, page.today)))
        div.scroll { table {
            thead { tr { th { "Ref" } th { "Title" } th { "Editions (from: largest maximum imprisonment, act)" } } }
            tbody { @for r in rows { tr {
                td { (ref_link(&r.reference)) }
                td { (r.title) }
                td { @for s in &r.segments {
                    (link("show", &[("ref", &r.reference), ("at", &s.valid_from)], &s.valid_from)) ": "
                    (match (s.life, s.max_imprisonment_months) { (true, _) => "life".to_string(), (false, Some(m)) => fmt_months(m), (false, None) => "—".into() })
                    " (" (s.enacted_by) ")" br;
                } }
            } } }
        } }
    }
}

fn sources(uses: &[SourceUse]) -> Markup {
    html! {
        @if let Some(u) = uses.first() { h2 { "Sources cited for " (ref_link(&u.reference)) } }
        @for u in uses { section.source {
            h3 { code { (u.source.id) } " (" (u.source.kind) ") " (u.source.title) }
            @if let Some(url) = &u.source.url { p.url { (url) } }
            @if let Some(seed) = &u.source.seed_file { p { "Seed file: " (seed) } }
            @if let Some(note) = &u.note { p { "Note: " (note) } }
            ul { @for c in &u.cited_for { li { "Edition " (interval(&c.valid_from, &c.valid_to)) ": " (c.locator) } } }
        } }
    }
}

fn text(views: &[crate::import::official::TextView]) -> Markup {
    html! { @for v in views { section.edition {
        h2 { (edition_link(&v.reference, &v.valid_from)) " — " (v.title) " " (interval(&v.valid_from, &v.valid_to)) }
        @if let Some(c) = &v.confidence { p { "Grade " (c) } }
        @if let Some(n) = &v.date_note { p { "Dates: " (n) } }
        p { "Mirror: " (v.mirror_url) " (" (v.file) ", line " (v.line) ")" }
        @if let Some(u) = &v.url_rus { p { "Official text: " (u) } }
        @if !v.kz_changes.is_empty() {
            p { "Kazakh wording " (v.kz_from.as_deref().map_or(format!("of {}", v.valid_from), |d| format!("from {d}"))) "; it changed alone on " (v.kz_changes.iter().map(|(d, _)| d.as_str()).collect::<Vec<_>>().join(", ")) " (grade C)" }
        }
        @if let Some(s) = &v.selection {
            p { "Part " (s.part) @if let Some(i) = &s.item { ", item " (i) } " of " (s.heading) }
            blockquote.text lang="ru" { @for line in s.ru.lines() { (line) br; } }
            @if let Some(kz) = &s.kz { blockquote.text lang="kk" { @for line in kz.lines() { (line) br; } } }
        } @else {
            blockquote.text lang="ru" { @for line in v.ru.lines() { (line) br; } }
            @if let Some(kz) = &v.kz { blockquote.text lang="kk" { @for line in kz.lines() { (line) br; } } }
        }
    } } }
}

fn act_changes(answer: &Answer, rows: &[crate::analysis::amendments::ActChange]) -> Markup {
    let months = |m: Option<u32>| m.map_or("—".to_string(), fmt_months);
    html! {
        @for a in answer.query["acts"].as_array().into_iter().flatten() {
            h2 { (a["title"].as_str().unwrap_or_default()) " (" (a["id"].as_str().unwrap_or_default()) ")" }
            p { "Signed " (a["signed"].as_str().unwrap_or_default()) ", in force " (a["in_force"].as_str().unwrap_or("unknown")) }
        }
        @if rows.is_empty() { p { "No edition in the data names this act." } }
        @else { div.scroll { table {
            thead { tr { th { "Edition" } th { "Title" } th { "Role" } th { "Max prison before → after" } th { "Penalty" } th { "Parts" } } }
            tbody { @for r in rows { tr {
                td { (edition_link(&r.reference, &r.valid_from)) br; (interval(&r.valid_from, &r.valid_to)) }
                td { (r.title) }
                td { (r.role) }
                td { (months(r.before_max_months)) " → " (months(r.after_max_months)) }
                td { (r.penalty) }
                td { @for d in r.parts.iter().filter(|d| d.status != "unchanged") { "part " (d.part) ": " (d.status) br; } }
            } } }
        } } }
    }
}

fn amended(rows: &[crate::analysis::amendments::AmendedRow]) -> Markup {
    html! { div.scroll { table {
        thead { tr { th { "#" } th { "Ref" } th { "Title" } th { "New editions" } th { "Dates" } th { "Acts" } } }
        tbody { @for r in rows { tr {
            td { (r.rank) } td { (ref_link(&r.reference)) } td { (r.title) } td { (r.changes) }
            td { (r.dates.join(", ")) } td { (r.acts.join(", ")) }
        } } }
    } } }
}
