//! The SVG charts drawn from real answers on the bundled data: well-formed XML, an accessible
//! name and description, honest axes, the palette, and one mark per edition or year. The SVGs
//! are saved under target/charts/ for a look.

mod common;

use lexchron::charts;
use lexchron::exec::{Answer, Engine, Request, Results};
use lexchron::model::Date;
use lexchron::query::{Ref, When};
use lexchron::view::VersionView;

fn today() -> Date {
    Date::from_ymd_opt(2026, 11, 24).unwrap()
}

thread_local! {
    // Each test thread opens the bundled data once.
    static ENGINE: &'static Engine = Box::leak(Box::new(Engine::new(
        lexchron::cli::open(&common::bundled()).expect("bundled data is valid"),
        today(),
        None,
    )));
}

fn engine() -> &'static Engine {
    ENGINE.with(|e| *e)
}

fn answer(req: Request) -> Answer {
    engine().answer(&req).expect("answers")
}

fn history(r: &str) -> Vec<VersionView> {
    match answer(Request::History {
        r: Ref::parse(r).unwrap(),
        input: r.into(),
    })
    .results
    {
        Results::History(e) => e.into_iter().map(|e| e.version).collect(),
        _ => unreachable!("history answers history"),
    }
}

fn save(name: &str, svg: &str) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("charts");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), svg).unwrap();
}

/// Parses the SVG and checks what every chart must have; returns the document text back.
fn check_accessible<'a>(svg: &'a str, id: &str) -> roxmltree::Document<'a> {
    let doc =
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("id"), Some(id));
    let labelled = root.attribute("aria-labelledby").unwrap();
    assert_eq!(labelled, format!("{id}-title {id}-desc"));
    let first: Vec<_> = root.children().filter(|n| n.is_element()).take(2).collect();
    assert_eq!(first[0].tag_name().name(), "title");
    assert_eq!(first[1].tag_name().name(), "desc");
    assert!(
        first[1].text().unwrap_or_default().len() > 40,
        "the description says something"
    );
    // Colours come from the palette (or greys and white), never from a style attribute.
    for n in doc.descendants().filter(|n| n.is_element()) {
        assert!(n.attribute("style").is_none(), "no inline style: {n:?}");
        for a in ["fill", "stroke"] {
            if let Some(c) = n.attribute(a) {
                let ok = c == "none"
                    || charts::palette::SERIES.contains(&c)
                    || [
                        charts::palette::BLACK,
                        charts::palette::GREY,
                        charts::palette::YELLOW,
                    ]
                    .contains(&c)
                    || is_grey(c);
                assert!(ok, "colour {c} is outside the palette");
            }
        }
    }
    doc
}

fn is_grey(c: &str) -> bool {
    c.len() == 7 && c.starts_with('#') && c[1..3] == c[3..5] && c[3..5] == c[5..7]
}

fn desc(doc: &roxmltree::Document) -> String {
    doc.descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn bands_follow_a_provision_across_the_renumbering() {
    // The trafficking article: its 1997 history, then its 2014 successor.
    let mut editions = history("cc1997:128");
    let old = editions.len();
    editions.extend(history("cc2014:128"));
    assert!(old >= 2 && editions.len() > old);
    let svg = charts::bands::draw("bands", &editions, today());
    save("bands.svg", &svg);
    let doc = check_accessible(&svg, "bands");
    let markers = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("marker"))
        .count();
    assert_eq!(markers, editions.len(), "one numbered marker per edition");
    let text: String = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(
        text.contains("renumbered: cc2014:128"),
        "the renumbering is labelled"
    );
    for v in &editions {
        assert!(
            text.contains(&v.enacted_by.label()),
            "act {} is named",
            v.enacted_by.label()
        );
    }
    // Honest axes: every panel starts at 0, years run left to right.
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("text") && n.text() == Some("0"))
    );
    assert!(desc(&doc).contains(&editions[0].valid_from));
}

#[test]
fn year_ticks_increase_left_to_right() {
    let editions = history("cc1997:128");
    let svg = charts::bands::draw("b", &editions, today());
    let doc = check_accessible(&svg, "b");
    let ticks: Vec<(f64, i32)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| {
            let y = n
                .text()?
                .parse::<i32>()
                .ok()
                .filter(|y| (1990..2100).contains(y))?;
            Some((n.attribute("x")?.parse().ok()?, y))
        })
        .collect();
    assert!(ticks.len() >= 3, "{ticks:?}");
    assert!(
        ticks.windows(2).all(|w| w[1].0 > w[0].0 && w[1].1 > w[0].1),
        "{ticks:?}"
    );
    // Equal steps in years are equal steps on the page (a linear time scale).
    let steps: Vec<f64> = ticks
        .windows(2)
        .map(|w| (w[1].0 - w[0].0) / f64::from(w[1].1 - w[0].1))
        .collect();
    assert!(
        steps.iter().all(|s| (s - steps[0]).abs() < 1.0),
        "{steps:?}"
    );
}

#[test]
fn timeline_draws_one_lane_per_provision() {
    let window = When {
        from: Date::from_ymd_opt(2003, 1, 1).unwrap(),
        to: Date::from_ymd_opt(2026, 12, 31).unwrap(),
    };
    let a = answer(Request::Timeline {
        target: "child-trafficking".into(),
        window,
    });
    let Results::Timeline(rows) = a.results else {
        unreachable!()
    };
    assert!(!rows.is_empty());
    let svg = charts::timeline::draw("timeline", &rows, &window, today());
    save("timeline.svg", &svg);
    let doc = check_accessible(&svg, "timeline");
    let segments: usize = rows.iter().map(|r| r.segments.len()).sum();
    let rects = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.children().any(|c| c.has_tag_name("title")))
        .count();
    assert_eq!(rects, segments, "one segment per edition");
    for r in &rows {
        assert!(desc(&doc).contains(&r.reference));
    }
}

#[test]
fn loopholes_stack_parts_year_by_year_and_name_the_closing_acts() {
    let rows = lexchron::analysis::loopholes::years(&engine().law, 2010, 2026, today(), None);
    let svg = charts::loopholes::draw("loopholes", &rows);
    save("loopholes.svg", &svg);
    let doc = check_accessible(&svg, "loopholes");
    let text: String = doc
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n");
    let closures: Vec<_> = rows.iter().flat_map(|r| r.closed.iter()).collect();
    assert!(
        !closures.is_empty(),
        "the data has closures between 2010 and 2026"
    );
    for c in closures.iter().filter(|c| !c.act.is_empty()) {
        assert!(text.contains(&c.act), "closing act {} is shown", c.act);
    }
    for r in &rows {
        assert!(desc(&doc).contains(&format!(
            "{}: {} must, {} may, of {}",
            r.year, r.mandatory, r.discretionary, r.related_parts
        )));
    }
}

#[test]
fn diff_colours_penalties_by_direction() {
    let r = "cc1997:128";
    let a = When::day(Date::from_ymd_opt(2003, 1, 1).unwrap());
    let b = When::day(Date::from_ymd_opt(2020, 1, 1).unwrap());
    let ans = answer(Request::Diff {
        r: Ref::parse(r).unwrap(),
        input: r.into(),
        a,
        b,
    });
    let Results::Diff(diffs) = ans.results else {
        unreachable!()
    };
    let svg = charts::diff::draw("diff", &diffs[0]);
    save("diff.svg", &svg);
    let doc = check_accessible(&svg, "diff");
    let labels: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    let ups = labels.iter().filter(|t| t.ends_with(" up")).count();
    let up_fill = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("text") && n.attribute("fill") == Some(charts::palette::VERMILLION)
        })
        .count();
    assert_eq!(ups, up_fill, "every rise is vermillion: {labels:?}");
    assert!(labels.iter().any(|t| t.contains('→')));
}

#[test]
fn text_from_the_data_is_escaped() {
    let mut editions = history("cc1997:128");
    editions[0].reference = "<script>alert(1)</script>&".into();
    editions[0].enacted_by.number = "\"quoted\" 'act'".into();
    let svg = charts::bands::draw("x\"y", &editions, today());
    assert!(!svg.contains("<script>"));
    roxmltree::Document::parse(&svg).expect("still well-formed");
    assert!(svg.contains("&lt;script&gt;"));
}

#[test]
fn empty_inputs_draw_a_message_not_a_panic() {
    for svg in [
        charts::bands::draw("e", &[], today()),
        charts::timeline::draw("e", &[], &When::day(today()), today()),
        charts::loopholes::draw("e", &[]),
    ] {
        roxmltree::Document::parse(&svg).expect("well-formed");
    }
}
