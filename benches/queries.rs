//! Benchmarks on the bundled data: opening (load + check + graph) and the hot queries.
//! Speed targets live here, never in tests. Run with `cargo bench`.

use criterion::{Criterion, criterion_group, criterion_main};
use lexchron::exec::{Request, execute};
use lexchron::query::{Ref, When};
use std::hint::black_box;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let today = "2026-11-24".parse().expect("valid date");
    c.bench_function("open bundled data (load+check+graph)", |b| {
        b.iter(|| lexchron::cli::open(black_box(dir)).expect("bundled data is valid"))
    });
    let law = lexchron::cli::open(dir).expect("bundled data is valid");
    let at = When::parse("2008-06-01", today).expect("valid date");
    let show = Request::Show {
        r: Ref::parse("cc1997:128").expect("valid ref"),
        input: "cc1997:128".into(),
        at,
    };
    c.bench_function("show cc1997:128 at a day", |b| {
        b.iter(|| execute(&law, black_box(&show), today))
    });
    let covers = Request::Covers {
        topic: "labor-trafficking".into(),
        at: When::parse("2003..2016", today).expect("valid range"),
    };
    c.bench_function("covers labor-trafficking over a range", |b| {
        b.iter(|| execute(&law, black_box(&covers), today))
    });
    let pi = law.by_ref("cc1997:128").expect("bundled provision");
    c.bench_function("version_on (binary search)", |b| {
        b.iter(|| law.version_on(black_box(pi), black_box(at.from)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
