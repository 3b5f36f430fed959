//! Which serde format encodes the snapshot: size, and decode time of the two things a warm
//! start decodes (the temporal index at once, provision entries one by one as queries read
//! them), measured on the same generated data set as the scale benchmarks.
//!
//! `LEXCHRON_FORMATS_SIZE` picks the data set (default 100000 versions).

mod common;

use criterion::{BenchmarkId, Criterion};
use lexchron::graph::{Columns, Entry};
use serde::de::DeserializeOwned;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

/// The formats compared: name, encoder, and decoders for the two shapes.
struct Format {
    name: &'static str,
    encode: fn(&Sample) -> Vec<u8>,
    columns: fn(&[u8]) -> Option<Columns>,
    entry: fn(&[u8]) -> Option<Entry>,
}

/// One value to encode: either shape.
enum Sample<'a> {
    Columns(&'a Columns),
    Entry(&'a Entry),
}

/// Encodes either shape with one format's encoder.
fn with(s: &Sample, f: impl Fn(&dyn erased::Ser) -> Vec<u8>) -> Vec<u8> {
    match s {
        Sample::Columns(c) => f(*c),
        Sample::Entry(e) => f(*e),
    }
}

/// The encoders as an object-safe trait, so one table can name every format.
mod erased {
    pub trait Ser {
        fn postcard(&self) -> Vec<u8>;
        fn bitcode(&self) -> Vec<u8>;
        fn msgpack(&self) -> Vec<u8>;
        fn cbor(&self) -> Vec<u8>;
        fn json(&self) -> Vec<u8>;
    }
    impl<T: serde::Serialize> Ser for T {
        fn postcard(&self) -> Vec<u8> {
            postcard::to_stdvec(self).expect("encodes")
        }
        fn bitcode(&self) -> Vec<u8> {
            bitcode::serialize(self).expect("encodes")
        }
        fn msgpack(&self) -> Vec<u8> {
            rmp_serde::to_vec(self).expect("encodes")
        }
        fn cbor(&self) -> Vec<u8> {
            let mut v = Vec::new();
            ciborium::into_writer(self, &mut v).expect("encodes");
            v
        }
        fn json(&self) -> Vec<u8> {
            serde_json::to_vec(self).expect("encodes")
        }
    }
}

fn dec_postcard<T: DeserializeOwned>(b: &[u8]) -> Option<T> {
    postcard::from_bytes(b).ok()
}
fn dec_bitcode<T: DeserializeOwned>(b: &[u8]) -> Option<T> {
    bitcode::deserialize(b).ok()
}
fn dec_msgpack<T: DeserializeOwned>(b: &[u8]) -> Option<T> {
    rmp_serde::from_slice(b).ok()
}
fn dec_cbor<T: DeserializeOwned>(b: &[u8]) -> Option<T> {
    ciborium::from_reader(b).ok()
}
fn dec_json<T: DeserializeOwned>(b: &[u8]) -> Option<T> {
    serde_json::from_slice(b).ok()
}

const FORMATS: &[Format] = &[
    Format {
        name: "postcard",
        encode: |s| with(s, |x| x.postcard()),
        columns: dec_postcard,
        entry: dec_postcard,
    },
    Format {
        name: "bitcode",
        encode: |s| with(s, |x| x.bitcode()),
        columns: dec_bitcode,
        entry: dec_bitcode,
    },
    Format {
        name: "rmp-serde",
        encode: |s| with(s, |x| x.msgpack()),
        columns: dec_msgpack,
        entry: dec_msgpack,
    },
    Format {
        name: "ciborium",
        encode: |s| with(s, |x| x.cbor()),
        columns: dec_cbor,
        entry: dec_cbor,
    },
    Format {
        name: "serde_json",
        encode: |s| with(s, |x| x.json()),
        columns: dec_json,
        entry: dec_json,
    },
];

fn main() {
    let n: usize = std::env::var("LEXCHRON_FORMATS_SIZE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/lexchron-bench");
    let say = |s: &str| eprintln!("lexchron formats: {s}");
    let fx = common::fixture(&root, n, &say).unwrap_or_else(|e| panic!("data set {n}: {e}"));
    let law = &fx.law;
    let columns = law.columns().clone();
    let count = law.provision_count();
    // Queries decode a few provisions each: time a spread-out thousand.
    let picked: Vec<Entry> = (0..count)
        .step_by((count / 1000).max(1))
        .map(|i| law.store().get(i).clone())
        .collect();
    let all: Vec<Entry> = (0..count).map(|i| law.store().get(i).clone()).collect();
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion");
    let mut c = Criterion::default()
        .output_directory(&out)
        .sample_size(10)
        .configure_from_args();
    let mut table = String::from(
        "| Format | Snapshot bytes per version | Decode temporal index | Decode 1000 entries |\n|---|---:|---:|---:|\n",
    );
    let mut rows = Vec::new();
    for f in FORMATS {
        let col_bytes = (f.encode)(&Sample::Columns(&columns));
        let entry_bytes: usize = all
            .iter()
            .map(|e| (f.encode)(&Sample::Entry(e)).len())
            .sum();
        let picked_bytes: Vec<Vec<u8>> = picked
            .iter()
            .map(|e| (f.encode)(&Sample::Entry(e)))
            .collect();
        // A format that cannot round-trip our types is out.
        let ok = (f.columns)(&col_bytes).is_some()
            && picked_bytes.iter().all(|b| (f.entry)(b).is_some());
        if !ok {
            let _ = writeln!(table, "| {} | — | does not round-trip | — |", f.name);
            continue;
        }
        let mut g = c.benchmark_group("format-decode-index");
        g.bench_function(BenchmarkId::new(f.name, n), |b| {
            b.iter(|| black_box((f.columns)(&col_bytes)))
        });
        g.finish();
        let mut g = c.benchmark_group("format-decode-entries");
        g.bench_function(BenchmarkId::new(f.name, n), |b| {
            b.iter(|| {
                for e in &picked_bytes {
                    black_box((f.entry)(e));
                }
            })
        });
        g.finish();
        rows.push((f.name, (col_bytes.len() + entry_bytes) as f64 / n as f64));
    }
    let median = |group: &str, name: &str| -> String {
        let p = out.join(format!("{group}/{name}/{n}/new/estimates.json"));
        std::fs::read_to_string(p)
            .ok()
            .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
            .and_then(|v| v["median"]["point_estimate"].as_f64())
            .map_or("—".into(), |ns| format!("{:.2} ms", ns / 1e6))
    };
    for (name, per) in rows {
        let _ = writeln!(
            table,
            "| {name} | {per:.0} | {} | {} |",
            median("format-decode-index", name),
            median("format-decode-entries", name)
        );
    }
    let path = out.join("lexchron-formats.md");
    let _ = std::fs::write(&path, &table);
    println!("\n{table}\nwritten to {}", path.display());
}
