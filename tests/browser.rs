//! A real browser: headless Chromium driven over WebDriver (fantoccini) loads the pages,
//! changes the date, asks a question, finds the SVG charts in the rendered page and checks a
//! phone-sized window. Screenshots are saved under target/tmp/screenshots/.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); without them
//! this test fails and says how to install them.

mod web;

use fantoccini::{Client, ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1100,1000",
];

fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([
            PathBuf::from("/usr/bin"),
            PathBuf::from("/usr/lib/chromium"),
        ])
        .flat_map(|d| names.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// chromedriver on a free loopback port; killed when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn driver() -> Driver {
    let Some(bin) = find(&["chromedriver"]) else {
        panic!(
            "chromedriver is not installed, so the browser test cannot run.\n\
             Fix: apt-get install chromium chromium-driver (Debian), or run .ci/run, which installs them."
        );
    };
    assert!(
        find(&["chromium", "chromium-browser"]).is_some(),
        "chromium is not installed. Fix: apt-get install chromium chromium-driver, or run .ci/run"
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    // Wait until it listens (a readiness wait, not a timing assertion).
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "chromedriver did not start listening"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Driver { child, port }
}

async fn browser(d: &Driver, profile: &Path) -> Client {
    let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    let mut options = serde_json::json!({ "args": args });
    if let Some(b) = find(&["chromium", "chromium-browser"]) {
        options["binary"] = serde_json::json!(b);
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", d.port))
        .await
        .expect("a WebDriver session")
}

fn shots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    std::fs::write(shots().join(format!("{name}.png")), png).unwrap();
}

/// Waits until the URL satisfies `ok` (page loads are asynchronous).
async fn wait_url(c: &Client, ok: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let u = c.current_url().await.unwrap().to_string();
        if ok(&u) {
            return u;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the browser stayed on {u}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn text_of(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_answers_the_three_users_by_clicking() {
    let base = format!("http://{}", web::server());
    let d = driver();
    let profile = tempfile::tempdir().unwrap();
    let c = browser(&d, profile.path()).await;

    // Home: the date and the one box.
    c.goto(&format!("{base}/")).await.unwrap();
    assert!(c.title().await.unwrap().contains("lexchron"));
    shot(&c, "home").await;

    // A student asks in plain words, with a date picked in the header.
    c.execute(
        "document.querySelector('header input[name=at]').value = '2008-06-01';",
        vec![],
    )
    .await
    .unwrap();
    let boxed = c
        .find(Locator::Css("header input[name=question]"))
        .await
        .unwrap();
    boxed
        .send_keys("which articles covered forced labour")
        .await
        .unwrap();
    c.find(Locator::Css("header button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_url(&c, |u| u.contains("/ask?")).await;
    let read_as = text_of(&c, "section.reading h2").await;
    assert!(
        read_as.contains("covers labor-trafficking --at 2008-06-01"),
        "{read_as}"
    );
    assert!(text_of(&c, "main table").await.contains("cc1997:128"));
    shot(&c, "ask").await;

    // A lawyer opens a provision on a date, then changes the date.
    c.goto(&format!("{base}/show?ref=cc1997:128&at=2005-06-01"))
        .await
        .unwrap();
    assert!(
        text_of(&c, "section.edition h2")
            .await
            .contains("2003-07-09")
    );
    let chart = c
        .find(Locator::Css("figure.chart svg[role=img]"))
        .await
        .expect("the bands chart is in the page");
    assert!(
        chart
            .attr("aria-labelledby")
            .await
            .unwrap()
            .unwrap()
            .contains("bands-title")
    );
    shot(&c, "show").await;
    // app.js submits the "as of" form when its date changes; this also shows the script runs
    // under the Content-Security-Policy.
    c.execute(
        "const i = document.querySelector('form.asof input[type=date]'); i.value = '2010-06-01'; i.dispatchEvent(new Event('change'));",
        vec![],
    )
    .await
    .unwrap();
    wait_url(&c, |u| u.contains("at=2010-06-01")).await;
    assert!(
        text_of(&c, "section.edition h2")
            .await
            .contains("2006-03-02"),
        "the edition in force in 2010"
    );

    // A policy writer reads the year-by-year picture and the timeline.
    for (path, id) in [
        ("/loopholes?from=2010&to=2026", "loopholes"),
        ("/timeline?target=child-trafficking", "timeline"),
        ("/history?ref=cc1997:128", "bands"),
        ("/diff?ref=cc1997:128&from=2005&to=2020", "diff-0"),
    ] {
        c.goto(&format!("{base}{path}")).await.unwrap();
        let svg = c
            .find(Locator::Css(&format!("svg#{id}")))
            .await
            .unwrap_or_else(|_| panic!("{path}: no chart"));
        let title = svg
            .find(Locator::Css("title"))
            .await
            .unwrap()
            .html(true)
            .await
            .unwrap();
        assert!(!title.trim().is_empty(), "{path}: the chart has a title");
        // Drawn, not empty: the browser lays it out with a real size.
        let w: f64 = c
            .execute(
                &format!("return document.getElementById('{id}').getBoundingClientRect().width"),
                vec![],
            )
            .await
            .unwrap()
            .as_f64()
            .unwrap();
        assert!(w > 300.0, "{path}: chart width {w}");
        shot(&c, id).await;
    }

    // On a phone the page does not scroll sideways (wide tables scroll inside their box).
    c.set_window_size(390, 844).await.unwrap();
    c.goto(&format!("{base}/history?ref=cc1997:128"))
        .await
        .unwrap();
    let fits = c
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth + 1",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        fits,
        serde_json::json!(true),
        "the phone page is wider than the screen"
    );
    shot(&c, "phone-history").await;

    c.close().await.unwrap();
}
