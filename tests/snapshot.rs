//! The data snapshot: a warm start answers the same as a cold one, a damaged snapshot is
//! rebuilt with a notice, and any change to the data is seen at once.

mod common;

use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn run(data: &Path, cache: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("lexchron")
        .unwrap()
        .env("LEXCHRON_TODAY", "2026-11-24")
        .env("LEXCHRON_CACHE", cache)
        .args(args)
        .arg("--data")
        .arg(data)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn snapshots(cache: &Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(cache)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with("snapshot-")
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn warm_starts_match_cold_starts_and_see_every_change() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, cache) = (tmp.path().join("data"), tmp.path().join("cache"));
    common::copy_data_to(&data);
    let q = ["show", "cc1997:128", "--at", "2008"];

    let (code, cold, _) = run(&data, &cache, &q);
    assert_eq!(code, 0);
    assert_eq!(
        snapshots(&cache).len(),
        1,
        "the first run writes a snapshot"
    );
    let (_, warm, notice) = run(&data, &cache, &q);
    assert_eq!(cold, warm);
    assert!(notice.is_empty(), "{notice}");

    // A damaged snapshot is noticed, rebuilt, and the answer does not change.
    let snap = snapshots(&cache).remove(0);
    let len = fs::metadata(&snap).unwrap().len();
    fs::OpenOptions::new()
        .write(true)
        .open(&snap)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let (_, again, notice) = run(&data, &cache, &q);
    assert_eq!(cold, again);
    assert!(notice.contains("data snapshot was corrupt"), "{notice}");

    // So is one flipped byte in a provision's entry (the checksum covers every byte).
    let snap = snapshots(&cache).remove(0);
    let mut bytes = fs::read(&snap).unwrap();
    let at = bytes.len() - 100;
    bytes[at] ^= 0x20;
    fs::write(&snap, &bytes).unwrap();
    let (_, again, notice) = run(&data, &cache, &q);
    assert_eq!(cold, again);
    assert!(notice.contains("checksum mismatch"), "{notice}");
    let (_, _, notice) = run(&data, &cache, &q);
    assert!(notice.is_empty(), "the rebuilt snapshot is used: {notice}");

    // Editing the data changes the key: the new title shows at once.
    let file = data.join("graph/provisions/cc1997-128.ron");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replacen(
            "title: \"Trafficking in persons\"",
            "title: \"Trafficking in human beings\"",
            1,
        ),
    )
    .unwrap();
    let (_, edited, _) = run(&data, &cache, &q);
    assert!(edited.contains("Trafficking in human beings"), "{edited}");
    assert_eq!(snapshots(&cache).len(), 1, "the old snapshot is dropped");

    // Breaking the data is reported, never hidden behind an old snapshot.
    fs::write(&file, "Provision(").unwrap();
    let (code, _, err) = run(&data, &cache, &q);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cc1997-128.ron"), "{err}");
}

/// After a warm start, provisions are read from the snapshot file when first used. A file
/// rewritten in place meanwhile (lexchron itself only ever replaces it by rename) must stop
/// with the reason, never decode into wrong answers.
#[test]
#[should_panic(expected = "changed on disk")]
fn an_entry_changed_in_place_after_opening_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, cache) = (tmp.path().join("data"), tmp.path().join("cache"));
    common::copy_data_to(&data);
    let law = lexchron::cli::open(&data).unwrap();
    lexchron::snapshot::write(&cache, &law).unwrap();
    let warm = lexchron::snapshot::read(&cache, &data, law.key())
        .unwrap()
        .expect("just written");
    let snap = snapshots(&cache).remove(0);
    let mut bytes = fs::read(&snap).unwrap();
    let at = bytes.len() - 10;
    bytes[at] ^= 0x01;
    fs::OpenOptions::new()
        .write(true)
        .open(&snap)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes))
        .unwrap();
    let _ = warm.provision(warm.provision_count() - 1);
}

fn retitle(data: &Path, to: &str) {
    let file = data.join("graph/provisions/cc1997-128.ron");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replacen(
            "title: \"Trafficking in persons\"",
            &format!("title: \"{to}\""),
            1,
        ),
    )
    .unwrap();
}

/// Each data directory keeps its own snapshot: moving between the bundled data and an
/// imported directory must not make every start a cold one.
#[test]
fn two_data_dirs_keep_their_own_snapshots() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, cache) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("cache"),
    );
    common::copy_data_to(&a);
    common::copy_data_to(&b);
    retitle(&b, "Trafficking in human beings");
    let q = ["show", "cc1997:128", "--at", "2008"];
    let (_, in_a, _) = run(&a, &cache, &q);
    let (_, in_b, _) = run(&b, &cache, &q);
    assert!(in_a.contains("Trafficking in persons"), "{in_a}");
    assert!(in_b.contains("Trafficking in human beings"), "{in_b}");
    let written = snapshots(&cache);
    assert_eq!(written.len(), 2, "one per directory: {written:?}");
    let stamp = |p: &Path| fs::metadata(p).unwrap().modified().unwrap();
    let before: Vec<_> = written.iter().map(|p| stamp(p)).collect();
    // Warm again in both, in the other order: nothing is rewritten, the answers hold.
    let (_, again_b, notice) = run(&b, &cache, &q);
    assert_eq!(again_b, in_b);
    assert!(notice.is_empty(), "{notice}");
    let (_, again_a, _) = run(&a, &cache, &q);
    assert_eq!(again_a, in_a);
    let after: Vec<_> = snapshots(&cache).iter().map(|p| stamp(p)).collect();
    assert_eq!(before, after, "no start rebuilt a snapshot");
    // The same directory named another way (relative path) finds the same snapshot.
    let out = Command::cargo_bin("lexchron")
        .unwrap()
        .current_dir(tmp.path())
        .env("LEXCHRON_TODAY", "2026-11-24")
        .env("LEXCHRON_CACHE", &cache)
        .args(q)
        .args(["--data", "a"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), in_a);
    assert_eq!(snapshots(&cache).len(), 2);
}

/// Snapshots of other directories are kept, but only the most recent few: directories
/// imported once and deleted since do not fill the cache.
#[test]
fn old_snapshots_of_other_directories_are_dropped() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, cache) = (tmp.path().join("a"), tmp.path().join("cache"));
    common::copy_data_to(&a);
    fs::create_dir_all(&cache).unwrap();
    // Ten snapshots of other directories, each an hour older than the one before.
    let now = std::time::SystemTime::now();
    for i in 0..10u64 {
        let f = cache.join(format!("snapshot-{:016x}-{:016x}.bin", i + 1, i));
        fs::write(&f, b"not ours").unwrap();
        let when = now - std::time::Duration::from_secs(3600 * (i + 1));
        fs::File::options()
            .write(true)
            .open(&f)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }
    let (code, _, _) = run(&a, &cache, &["show", "cc1997:128", "--at", "2008"]);
    assert_eq!(code, 0);
    let mut left: Vec<String> = snapshots(&cache)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left.len(),
        8,
        "this one and the seven newest others: {left:?}"
    );
    for i in 0..7u64 {
        let name = format!("snapshot-{:016x}-{:016x}.bin", i + 1, i);
        assert!(left.contains(&name), "{name} is among the newest: {left:?}");
    }
}

/// A snapshot is found by its directory and key in its name, but trusted only for the key
/// inside it: one that holds other data under this directory's name is refused and rebuilt.
#[test]
fn a_snapshot_of_other_data_under_this_name_is_rebuilt() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let (cache_a, cache_b) = (tmp.path().join("ca"), tmp.path().join("cb"));
    common::copy_data_to(&a);
    common::copy_data_to(&b);
    retitle(&b, "Trafficking in human beings");
    let q = ["show", "cc1997:128", "--at", "2008"];
    run(&a, &cache_a, &q);
    let (_, in_b, _) = run(&b, &cache_b, &q);
    // b's snapshot file, with a's snapshot inside it.
    let named_b = snapshots(&cache_b).remove(0);
    fs::copy(snapshots(&cache_a).remove(0), &named_b).unwrap();
    let (code, out, notice) = run(&b, &cache_b, &q);
    assert_eq!(code, 0, "{notice}");
    assert_eq!(out, in_b, "answered from b's data, not a's");
    assert!(notice.contains("data snapshot was stale"), "{notice}");
    let (_, out, notice) = run(&b, &cache_b, &q);
    assert_eq!(out, in_b);
    assert!(notice.is_empty(), "the rebuilt snapshot is used: {notice}");
}
