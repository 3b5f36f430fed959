//! The importer end to end: small git repositories built here in the official mirror's
//! layout (both folder layouts, split and whole files, both heading levels), with Russian
//! wording we wrote ourselves, imported by the real binary; then `text`, `act`, `amended`,
//! `show` and `check` on the result, re-import after a new commit, and bad inputs.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

const C2014: &str = "02-codes/2014/0703-ugolovnyi-kodeks-respubliki-kazakhstan-81097";
const C1997: &str = "02-codes/19970715-ugolovnyi-kodeks-respubliki-kazakhstan-8";

/// A scratch git repository that commits files with fixed dates (no network, no config).
struct Repo {
    dir: PathBuf,
    n: u32,
}

impl Repo {
    fn new(dir: &Path) -> Repo {
        fs::create_dir_all(dir).unwrap();
        let r = Repo {
            dir: dir.to_path_buf(),
            n: 0,
        };
        r.git(&["init", "-q", "-b", "main"]);
        r
    }

    fn git(&self, args: &[&str]) {
        let ok = std::process::Command::new("git")
            .args(args)
            .current_dir(&self.dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_SYSTEM", "/dev/null")
            .env("GIT_AUTHOR_NAME", "fixture")
            .env("GIT_AUTHOR_EMAIL", "fixture@example.test")
            .env("GIT_COMMITTER_NAME", "fixture")
            .env("GIT_COMMITTER_EMAIL", "fixture@example.test")
            .env(
                "GIT_AUTHOR_DATE",
                format!("2020-01-01T00:00:{:02}Z", self.n % 60),
            )
            .env(
                "GIT_COMMITTER_DATE",
                format!("2020-01-01T00:00:{:02}Z", self.n % 60),
            )
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.dir.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    fn remove(&self, rel: &str) {
        let p = self.dir.join(rel);
        if p.is_dir() {
            fs::remove_dir_all(p).unwrap();
        } else if p.exists() {
            fs::remove_file(p).unwrap();
        }
    }

    fn commit(&mut self, msg: &str) {
        self.n += 1;
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--allow-empty", "-m", msg]);
    }
}

fn meta(act: &str, date: &str, cause: Option<&str>) -> String {
    let mut m = format!(
        "act_code: '{act}'\nversion_date:\n  kaz: {date}\n  rus: {date}\nsource:\n  kaz: https://zan.example.test/doc/{act}/kaz/{date}\n  rus: https://zan.example.test/doc/{act}/rus/{date}\n"
    );
    if let Some(c) = cause {
        m.push_str(&format!(
            "caused_by:\n  code: '1'\n  requisite: {c}\n  title:\n    rus: О выдуманных поправках\n"
        ));
    }
    m
}

/// Article 1 of the 2014 code: a general rule (no sanction).
const GENERAL: &str = "<a id=\"st1\"></a>\n\n### Статья 1. Общее положение о скамейках\n\n1. Настоящий кодекс охраняет садовые скамейки.\n\n2. Скамейкой считается любая доска на ножках.\n";

fn ch1_2014(sanction2: &str, heading: &str, repealed_100: bool, extra_fn: &str) -> String {
    let a100 = if repealed_100 {
        format!(
            "<a id=\"st100\"></a>\n\n{heading} Статья 100. Исключена Законом РК от 01.02.2018 № 30-VI (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).\n"
        )
    } else {
        format!(
            "<a id=\"st100\"></a>\n\n{heading} Статья 100. Порча фонаря\n\nРазбитие уличного фонаря камнем –\n\n   наказывается штрафом в размере до ста месячных расчетных показателей.\n"
        )
    };
    format!(
        "↑ [Вся редакция](../rus.md)\n\n## Глава 1. ВЫМЫШЛЕННЫЕ ПРАВОНАРУШЕНИЯ\n\n<a id=\"st99\"></a>\n\n{heading} Статья 99. Порча скамейки\n\n1. Умышленная порча садовой скамейки –\n\n   наказывается лишением свободы на срок до двух лет.\n\n2. То же деяние, совершенное:\n\n   1) ночью;\n\n   2) группой лиц, –\n\n   {sanction2}\n{extra_fn}\n{a100}\n<a id=\"st101\"></a>\n\n{heading} Статья 101. Странная статья\n\nНепонятное деяние –\n\n   наказывается чем-то совершенно непонятным на усмотрение луны.\n\n<a id=\"st128\"></a>\n\n{heading} Статья 128. Выдуманная статья\n\nВыдуманное деяние –\n\n   наказывается лишением свободы на срок до одного года.\n"
    )
}

const KAZ_CH1: &str = "## 1-тарау. ОЙДАН ШЫҒАРЫЛҒАН\n\n<a id=\"st99\"></a>\n\n### 99-бап. Орындықты бүлдіру\n\n1. Орындықты қасақана бүлдіру – жазаланады.\n";

/// The fixture mirror: a 2014 code in the nested layout with split files, a 1997 code in
/// the flat layout with a whole `rus.md`, and an unrelated act.
fn mirror(dir: &Path) -> Repo {
    let mut r = Repo::new(dir);
    // 1997 code, flat layout, whole file, lettered items and a `####` heading.
    r.write(
        &format!("{C1997}/meta.yaml"),
        &meta("8", "2005-03-01", None),
    );
    r.write(
        &format!("{C1997}/rus.md"),
        &format!("ОСОБЕННАЯ ЧАСТЬ\n\n{A96_1997}"),
    );
    r.commit("1997 code, first version");
    // 2014 code before it took effect (2014-11-07), split files, Kazakh text.
    r.write(
        &format!("{C2014}/meta.yaml"),
        &meta(
            "81097",
            "2014-11-07",
            Some("Закон Республики Казахстан от 7 ноября 2014 года № 248-V ЗРК"),
        ),
    );
    r.write(
        &format!("{C2014}/rus.md"),
        "## ОГЛАВЛЕНИЕ\n\nСтатья 1. Общее положение о скамейках\n\nСтатья 99. Порча скамейки\n",
    );
    r.write(&format!("{C2014}/rus/sec001.md"), GENERAL);
    r.write(
        &format!("{C2014}/rus/sec006-ch001.md"),
        &ch1_2014(
            "наказывается лишением свободы на срок от двух до пяти лет.",
            "###",
            false,
            "",
        ),
    );
    r.write(&format!("{C2014}/kaz/sec006-ch001.md"), KAZ_CH1);
    r.commit("2014 code, version of 2014-11-07");
    // An unrelated act: no new version of either code.
    r.write(
        "02-codes/2010/0101-kodeks-o-chem-to-12345/meta.yaml",
        "act_code: '12345'\n",
    );
    r.commit("another act");
    // The 2014 code amended: part 2 of art. 99 gets a harsher sanction from 2016-06-01.
    r.write(
        &format!("{C2014}/meta.yaml"),
        &meta(
            "81097",
            "2016-05-05",
            Some("Закон Республики Казахстан от 5 мая 2016 года № 12-VI ЗРК"),
        ),
    );
    r.write(
        &format!("{C2014}/rus/sec006-ch001.md"),
        &ch1_2014(
            "наказывается лишением свободы на срок от трех до восьми лет.",
            "###",
            false,
            "\n> *Сноска. Статья 99 с изменениями, внесенными Законом РК от 05.05.2016 № 12-VI (вводится в действие с 01.06.2016).*\n",
        ),
    );
    r.commit("2014 code, version of 2016-05-05");
    // Formatting only: heading level and spacing change, the words stay.
    r.write(
        &format!("{C2014}/meta.yaml"),
        &meta(
            "81097",
            "2017-01-10",
            Some("Закон Республики Казахстан от 10 января 2017 года № 20-VI ЗРК"),
        ),
    );
    r.write(
        &format!("{C2014}/rus/sec006-ch001.md"),
        &ch1_2014(
            "наказывается  лишением свободы на срок от трех до восьми лет.",
            "####",
            false,
            "\n> *Сноска. Статья 99 с изменениями, внесенными Законом РК от 05.05.2016 № 12-VI (вводится в действие с 01.06.2016).*\n",
        ),
    );
    r.commit("2014 code, formatting only");
    // Article 100 repealed by a law that enters into force ten days after publication.
    r.write(
        &format!("{C2014}/meta.yaml"),
        &meta(
            "81097",
            "2018-02-01",
            Some("Закон Республики Казахстан от 1 февраля 2018 года № 30-VI ЗРК"),
        ),
    );
    r.write(
        &format!("{C2014}/rus/sec006-ch001.md"),
        &ch1_2014(
            "наказывается лишением свободы на срок от трех до восьми лет.",
            "####",
            true,
            "\n> *Сноска. Статья 99 с изменениями, внесенными Законом РК от 05.05.2016 № 12-VI (вводится в действие с 01.06.2016).*\n",
        ),
    );
    r.commit("2014 code, version of 2018-02-01");
    // The 1997 code moves to the nested layout with split files; the words stay the same.
    r.remove(C1997);
    r.write(
        &format!("{C1997_NESTED}/meta.yaml"),
        &meta("8", "2009-04-01", None),
    );
    r.write(
        &format!("{C1997_NESTED}/rus.md"),
        "ОГЛАВЛЕНИЕ\n\nСтатья 96. Порча калитки\n",
    );
    r.write(
        &format!("{C1997_NESTED}/rus/sec007-ch001.md"),
        &format!(
            "↑ [Вся редакция](../rus.md)\n\n## Глава 1. ВЫМЫШЛЕННОЕ\n\n{}",
            A96_1997.replace("####", "###")
        ),
    );
    r.commit("1997 code, nested layout");
    r
}

const C1997_NESTED: &str = "02-codes/1997/0715-ugolovnyi-kodeks-respubliki-kazakhstan-8";

const A96_1997: &str = "<a id=\"st96\"></a>\n\n#### Статья 96. Порча калитки\n\n1. Умышленная порча калитки –\n\nнаказывается лишением свободы на срок от одного года до трех лет.\n\n2. То же деяние, совершенное:\n\nа) повторно;\n\nб) группой лиц, –\n\nнаказывается лишением свободы на срок от трех до семи лет.\n";

fn bin() -> Command {
    let mut c = Command::cargo_bin("lexchron").unwrap();
    c.env_remove("LEXCHRON_DATA")
        .env("LEXCHRON_TODAY", "2025-06-01")
        .env("NO_COLOR", "1");
    c
}

fn import(clone: &Path, out: &Path) -> assert_cmd::assert::Assert {
    bin()
        .arg("import")
        .arg(clone)
        .arg("--out")
        .arg(out)
        .assert()
}

fn fixture() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let clone = tmp.path().join("codes");
    mirror(&clone);
    let out = tmp.path().join("data");
    (tmp, clone, out)
}

fn data(out: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    bin().arg("--data").arg(out).args(args).assert()
}

fn json(out: &Path, args: &[&str]) -> serde_json::Value {
    let a = bin()
        .arg("--data")
        .arg(out)
        .arg("--format")
        .arg("json")
        .args(args)
        .assert()
        .success();
    serde_json::from_slice(&a.get_output().stdout).unwrap()
}

#[test]
fn import_writes_a_data_dir_that_check_accepts() {
    let (_tmp, clone, out) = fixture();
    import(&clone, &out)
        .success()
        .stdout(predicate::str::contains("cc2014:"))
        .stdout(predicate::str::contains("cc1997:"));
    data(&out, &["check"])
        .success()
        .stdout(predicate::str::contains("every check passed"));
    // The curated bundled provisions are all there, unchanged.
    for f in fs::read_dir(common::bundled().join("graph/provisions")).unwrap() {
        let f = f.unwrap();
        let copied = fs::read(out.join("graph/provisions").join(f.file_name())).unwrap();
        assert_eq!(copied, fs::read(f.path()).unwrap(), "{:?}", f.file_name());
    }
    assert!(out.join("graph/provisions/cc2014-99.ron").is_file());
    assert!(out.join("graph/provisions/cc1997-96.ron").is_file());
    // No temporary or old directories are left beside the output.
    let left: Vec<_> = fs::read_dir(out.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("lexchron-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn editions_start_where_the_wording_changes_and_never_before_the_code() {
    let (_tmp, clone, out) = fixture();
    import(&clone, &out).success();
    let h = json(&out, &["history", "cc2014:99"]);
    let eds = h["results"].as_array().unwrap();
    // 2014-11-07 (before the code) -> 2015-01-01; the 2016 change; the formatting-only
    // version of 2017 is no edition.
    let froms: Vec<&str> = eds
        .iter()
        .map(|e| e["valid_from"].as_str().unwrap())
        .collect();
    assert_eq!(froms, ["2015-01-01", "2016-06-01"], "{h}");
    assert_eq!(eds[0]["valid_to"], "2016-05-31");
    // The stated day is read in the statute: grade A.
    assert_eq!(eds[1]["confidence"], "A", "{}", eds[1]);
    assert_eq!(
        eds[1]["enacted_by"]["id"], "kz-law-2016-12-VI",
        "{}",
        eds[1]
    );
    let p = json(&out, &["penalty", "cc2014:99.2", "--at", "2016-07-01"]);
    assert_eq!(
        p["results"][0]["parts"][0]["penalty"]["imprisonment"]["max_months"], 96,
        "{p}"
    );
}

#[test]
fn a_repealed_article_ends_at_the_earliest_day_its_rule_allows_graded_c() {
    let (_tmp, clone, out) = fixture();
    import(&clone, &out).success();
    let h = json(&out, &["history", "cc2014:100"]);
    let eds = h["results"].as_array().unwrap();
    assert_eq!(eds.len(), 1, "{h}");
    // Ten days after publication, publication unknown: counted from signing (2018-02-01),
    // so in force 2018-02-12 at the earliest; the edition ends the day before.
    assert_eq!(eds[0]["valid_to"], "2018-02-11", "{h}");
    let note = eds[0]["date_note"].as_str().unwrap_or_default();
    assert!(note.contains("repealed from 2018-02-12 (graded C)"), "{h}");
    // `text` shows how sure the dates are.
    data(&out, &["text", "cc2014:100", "--at", "2017-01-01"])
        .success()
        .stdout(predicate::str::contains("[grade A]"));
    let act = fs::read_to_string(out.join("graph/acts/kz-law-2018-30-VI.ron")).unwrap();
    assert!(act.contains("in_force_confidence: C"), "{act}");
    assert!(act.contains("2018-02-12"), "{act}");
    data(&out, &["show", "cc2014:100", "--at", "2019-01-01"])
        .failure()
        .stderr(predicate::str::contains("not in force"));
}

#[test]
fn an_unparseable_sanction_is_unknown_and_named_with_file_line_and_article() {
    let (_tmp, clone, out) = fixture();
    import(&clone, &out)
        .success()
        .stdout(predicate::str::contains("rus/sec006-ch001.md:"))
        .stdout(predicate::str::contains("art. 101"));
    let p = json(&out, &["penalty", "cc2014:101", "--at", "2016-01-01"]);
    let pen = &p["results"][0]["parts"][0]["penalty"];
    assert_eq!(pen["imprisonment"]["status"], "unknown", "{p}");
    let problems = fs::read_to_string(out.join("import/problems.json")).unwrap();
    assert!(problems.contains("\"article\": \"101\""), "{problems}");
}

#[test]
fn text_prints_the_official_wording_with_its_links() {
    let (_tmp, clone, out) = fixture();
    import(&clone, &out).success();
    data(&out, &["text", "cc2014:99", "--at", "2016-07-01"])
        .success()
        .stdout(predicate::str::contains("от трех до восьми лет"))
        .stdout(predicate::str::contains(
            "https://zan.example.test/doc/81097/rus/2016-05-05",
        ))
        .stdout(predicate::str::contains(
            "github.com/kazakhstan-law/codes/tree/",
        ));
    let j = json(&out, &["text", "cc2014:99", "--at", "2015-06-01"]);
    let r = &j["results"][0];
    assert!(
        r["ru"].as_str().unwrap().contains("от двух до пяти лет"),
        "{j}"
    );
    assert!(r["kz"].as_str().unwrap().contains("Орындықты"), "{j}");
    assert_eq!(r["file"], format!("{C2014}/rus/sec006-ch001.md"));
    assert_eq!(r["commit"].as_str().unwrap().len(), 40);
    assert_eq!(r["confidence"], "A", "{j}");
    // The 1997 code from the flat layout and a whole rus.md.
    data(&out, &["text", "cc1997:96", "--at", "2010-01-01"])
        .success()
        .stdout(predicate::str::contains("Порча калитки"));
}

#[test]
fn lettered_items_of_the_1997_code_map_to_latin_letters() {
    let (_tmp, clone, out) = fixture();
    import(&clone, &out).success();
    let s = json(&out, &["show", "cc1997:96.2.b", "--at", "2010-01-01"]);
    assert_eq!(s["results"][0]["parts"][0]["items"][0]["item"], "b", "{s}");
    // The 1997 code ends on 2014-12-31.
    let h = json(&out, &["history", "cc1997:96"]);
    assert_eq!(h["results"][0]["valid_to"], "2014-12-31", "{h}");
    // Moving from the flat layout and a whole file to nested split files is no new edition.
    assert_eq!(h["results"].as_array().unwrap().len(), 1, "{h}");
}

#[test]
fn act_and_amended_answer_whole_code_questions() {
    let (_tmp, clone, out) = fixture();
    import(&clone, &out).success();
    data(&out, &["act", "12-VI"])
        .success()
        .stdout(predicate::str::contains("cc2014:99"))
        .stdout(predicate::str::contains("up"));
    let j = json(&out, &["act", "12-VІ"]); // Cyrillic І, as the texts sometimes write it
    assert_eq!(j["results"][0]["penalty"], "up", "{j}");
    assert_eq!(j["results"][0]["parts"][0]["part"], "2", "{j}");
    let a = json(&out, &["amended", "--from", "2016", "--to", "2016"]);
    let rows = a["results"].as_array().unwrap();
    let row = rows
        .iter()
        .find(|r| r["ref"] == "cc2014:99")
        .expect("cc2014:99 ranked");
    assert_eq!(row["changes"], 1, "{a}");
    assert_eq!(row["dates"][0], "2016-06-01", "{a}");
    // Articles that did not change in the span are not ranked.
    assert!(rows.iter().all(|r| r["ref"] != "cc2014:101"), "{a}");
    data(&out, &["act", "999-IX"])
        .failure()
        .stderr(predicate::str::contains("no act numbered"));
    data(&out, &["amended", "--from", "2020", "--to", "2010"])
        .failure()
        .stderr(predicate::str::contains("years must run forward"));
}

#[test]
fn reimport_reads_only_new_commits_and_keeps_the_output_valid() {
    let (tmp, clone, out) = fixture();
    import(&clone, &out).success();
    let mut r = Repo {
        dir: clone.clone(),
        n: 50,
    };
    import(&clone, &out)
        .success()
        .stdout(predicate::str::contains(
            "cc2014: 0 new version(s) in 0 commit(s) since the last import",
        ));
    r.write(
        &format!("{C2014}/meta.yaml"),
        &meta(
            "81097",
            "2020-03-01",
            Some("Закон Республики Казахстан от 1 марта 2020 года № 40-VI ЗРК"),
        ),
    );
    r.write(
        &format!("{C2014}/rus/sec001.md"),
        &(GENERAL.replace("любая доска на ножках", "любая доска на двух ножках")
            + "\n> *Сноска. Статья 1 с изменениями, внесенными Законом РК от 01.03.2020 № 40-VI (вводится в действие с 15.03.2020).*\n"
            + "\n<a id=\"st1-1\"></a>\n\n### Статья 1-1. Новое положение о клумбах\n\nКлумбы охраняются так же, как скамейки.\n\n> *Сноска. Кодекс дополнен статьей 1-1 в соответствии с Законом РК от 01.03.2020 № 40-VI (вводится в действие с 15.03.2020).*\n"),
    );
    r.commit("2014 code, version of 2020-03-01");
    import(&clone, &out)
        .success()
        .stdout(predicate::str::contains(
            "cc2014: 1 new version(s) in 1 commit(s) since the last import",
        ));
    let h = json(&out, &["history", "cc2014:1"]);
    let froms: Vec<&str> = h["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["valid_from"].as_str().unwrap())
        .collect();
    assert_eq!(froms, ["2015-01-01", "2020-03-15"], "{h}");
    // An article added by the new version starts on the day its act gives.
    let h = json(&out, &["history", "cc2014:1-1"]);
    assert_eq!(h["results"][0]["valid_from"], "2020-03-15", "{h}");
    assert_eq!(h["results"][0]["confidence"], "A", "{h}");
    data(&out, &["check"]).success();
    drop(tmp);
}

#[test]
fn only_one_code_when_asked() {
    let (_tmp, clone, out) = fixture();
    bin()
        .arg("import")
        .arg(&clone)
        .args(["--out"])
        .arg(&out)
        .args(["--code", "cc1997"])
        .assert()
        .success();
    assert!(out.join("graph/provisions/cc1997-96.ron").is_file());
    assert!(!out.join("graph/provisions/cc2014-99.ron").exists());
}

#[test]
fn bad_inputs_fail_clearly_and_write_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("data");
    import(&tmp.path().join("nowhere"), &out)
        .failure()
        .code(1)
        .stderr(predicate::str::contains("no such file or directory"))
        .stderr(predicate::str::contains(
            "git clone https://github.com/kazakhstan-law/codes",
        ));
    fs::create_dir_all(tmp.path().join("plain")).unwrap();
    import(&tmp.path().join("plain"), &out)
        .failure()
        .stderr(predicate::str::contains("is not a git repository"));
    // A repository without the codes.
    let mut other = Repo::new(&tmp.path().join("other"));
    other.write("README.md", "ничего\n");
    other.commit("nothing here");
    import(&other.dir, &out)
        .failure()
        .stderr(predicate::str::contains("holds neither criminal code"));
    assert!(!out.exists());
    // A directory that is not a lexchron data directory is never overwritten.
    let mine = tmp.path().join("mine");
    fs::create_dir_all(&mine).unwrap();
    fs::write(mine.join("notes.txt"), "my notes").unwrap();
    let clone = tmp.path().join("codes");
    mirror(&clone);
    import(&clone, &mine)
        .failure()
        .stderr(predicate::str::contains(
            "not a data directory written by `lexchron import`",
        ));
    assert_eq!(
        fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "my notes"
    );
    // Nor is a hand-written data directory, though it holds graph/codes.ron.
    let curated = tmp.path().join("curated");
    common::copy_data_to(&curated);
    import(&clone, &curated).failure();
    assert!(curated.join("graph/codes.ron").is_file());
    assert!(!curated.join("official").exists());
    // A file where the directory should be.
    fs::write(tmp.path().join("afile"), "x").unwrap();
    import(&clone, &tmp.path().join("afile")).failure();
}

#[test]
fn a_corrupt_object_is_reported_not_panicked_on() {
    let (_tmp, clone, out) = fixture();
    // Damage the blob of the split chapter file in the last commit.
    let blob = std::process::Command::new("git")
        .args(["rev-parse", &format!("HEAD:{C2014}/rus/sec006-ch001.md")])
        .current_dir(&clone)
        .output()
        .unwrap();
    let hex = String::from_utf8(blob.stdout).unwrap().trim().to_string();
    let obj = clone.join(".git/objects").join(&hex[..2]).join(&hex[2..]);
    let mut perms = fs::metadata(&obj).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    fs::set_permissions(&obj, perms).unwrap();
    fs::write(&obj, b"not a zlib stream").unwrap();
    import(&clone, &out)
        .failure()
        .code(1)
        .stderr(predicate::str::contains("damaged"))
        .stderr(predicate::str::contains("git fsck"));
    assert!(!out.exists());
}

#[test]
fn text_without_imported_data_explains_how_to_get_it() {
    bin()
        .args(["text", "cc2014:128"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("lexchron import"));
}

#[test]
fn curated_provisions_win_and_disagreements_are_reported() {
    let (_tmp, clone, out) = fixture();
    import(&clone, &out)
        .success()
        .stdout(predicate::str::contains("curated provisions kept: 1"))
        .stdout(predicate::str::contains("cc2014:128 part 1"));
    // The curated file is the one in force; the imported one is kept aside for comparison.
    assert_eq!(
        fs::read(out.join("graph/provisions/cc2014-128.ron")).unwrap(),
        fs::read(common::bundled().join("graph/provisions/cc2014-128.ron")).unwrap()
    );
    assert!(out.join("import/shadow/cc2014-128.ron").is_file());
    data(&out, &["check"])
        .success()
        .stdout(predicate::str::contains("disagreement: cc2014:128 part 1"));
    let j = json(&out, &["check"]);
    assert!(!j["disagreements"].as_array().unwrap().is_empty(), "{j}");
    // The official wording is there for the curated article too.
    data(&out, &["text", "cc2014:128", "--at", "2016-01-01"])
        .success()
        .stdout(predicate::str::contains("Выдуманное деяние"));
}

mod parsers {
    //! Property tests for the importer's own small parsers (meta.yaml, requisites, Kazakh
    //! splitting): they never panic, and what they read back is what was written.
    use lexchron::import::edition::{kazakh_articles, parse_requisite};
    use lexchron::import::git::parse_meta;
    use lexchron::model::Date;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn requisites_in_both_styles_read_back(y in 1995i32..2030, m in 1u32..=12, d in 1u32..=28,
                                               n in 1u32..999, conv in prop::sample::select(vec!["V", "VI", "VII", "VIII"])) {
            let date = Date::from_ymd_opt(y, m, d).unwrap();
            let number = format!("{n}-{conv}");
            let words = format!("Закон Республики Казахстан от {d} {} {y} года № {number} ЗРК", lexchron::import::numwords::MONTHS[(m - 1) as usize]);
            let digits = format!("Законом РК от {d:02}.{m:02}.{y} № {}", number.replace('I', "І"));
            for s in [words, digits] {
                let r = parse_requisite(&s).unwrap();
                prop_assert_eq!(r.signed, date);
                prop_assert_eq!(&r.number, &number);
            }
        }

        #[test]
        fn small_parsers_never_panic(s in "\\PC{0,200}") {
            let _ = parse_requisite(&s);
            let _ = parse_meta(&s);
            let _ = kazakh_articles(&s);
        }

        #[test]
        fn meta_dates_read_back(y in 1997i32..2030, m in 1u32..=12, d in 1u32..=28) {
            let date = Date::from_ymd_opt(y, m, d).unwrap();
            let text = format!("version_date:\n  kaz: {date}\n  rus: {date}\nsource:\n  rus: https://x.test/{date}\n");
            let meta = parse_meta(&text).unwrap();
            prop_assert_eq!(meta.version_date, Some(date));
            let url = format!("https://x.test/{date}");
            prop_assert_eq!(meta.url_rus.as_deref(), Some(url.as_str()));
        }
    }
}

#[test]
fn the_act_a_footnote_adds_dates_the_change_when_meta_names_another() {
    let (_tmp, clone, out) = fixture();
    let mut r = Repo {
        dir: clone.clone(),
        n: 40,
    };
    r.write(
        &format!("{C2014}/meta.yaml"),
        &meta(
            "81097",
            "2019-08-01",
            Some("Закон Республики Казахстан от 1 августа 2019 года № 77-VI ЗРК"),
        ),
    );
    r.write(
        &format!("{C2014}/rus/sec001.md"),
        &(GENERAL.replace("любая доска на ножках", "любая доска со спинкой")
            + "\n> *Сноска. Статья 1 с изменениями, внесенными Законом РК от 02.07.2019 № 70-VI (вводится в действие с 01.09.2019).*\n"),
    );
    r.commit("2014 code, version of 2019-08-01");
    import(&clone, &out).success();
    let h = json(&out, &["history", "cc2014:1"]);
    let last = h["results"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["valid_from"], "2019-09-01", "{h}");
    assert_eq!(last["enacted_by"]["id"], "kz-law-2019-70-VI", "{h}");
    assert!(last["date_note"].as_str().unwrap().contains("77-VI"), "{h}");
}

#[test]
fn an_article_missing_from_a_version_stays_in_force_and_is_named() {
    let (_tmp, clone, out) = fixture();
    let mut r = Repo {
        dir: clone.clone(),
        n: 45,
    };
    let path = clone.join(format!("{C2014}/rus/sec006-ch001.md"));
    let text = fs::read_to_string(&path).unwrap();
    let cut = text.find("<a id=\"st101\">").unwrap();
    let end = text.find("<a id=\"st128\">").unwrap();
    r.write(
        &format!("{C2014}/rus/sec006-ch001.md"),
        &format!("{}{}", &text[..cut], &text[end..]),
    );
    r.commit("2014 code, article 101 left out by the converter");
    import(&clone, &out)
        .success()
        .stdout(predicate::str::contains(
            "missing from this one and were kept in force: 101",
        ));
    data(&out, &["show", "cc2014:101", "--at", "2025-01-01"]).success();
}

#[test]
fn a_rewritten_history_is_read_again_from_the_start() {
    let (_tmp, clone, out) = fixture();
    import(&clone, &out).success();
    let mut r = Repo {
        dir: clone.clone(),
        n: 55,
    };
    r.git(&["reset", "-q", "--hard", "HEAD~1"]);
    r.write(
        "02-codes/2010/0101-kodeks-o-chem-to-12345/meta.yaml",
        "act_code: '12345'\nversion_date: 2011-01-01\n",
    );
    r.commit("history rewritten");
    import(&clone, &out)
        .success()
        .stdout(predicate::str::contains(
            "cc2014: 4 new version(s) in 7 commit(s) from the start",
        ))
        .stdout(predicate::str::contains("from the start"));
    // The 1997 code is back in its flat folder, read from there.
    data(&out, &["text", "cc1997:96", "--at", "2010-01-01"])
        .success()
        .stdout(predicate::str::contains("19970715-ugolovnyi"));
}

#[test]
fn an_interrupted_import_is_tidied_and_the_previous_output_put_back() {
    let (tmp, clone, out) = fixture();
    import(&clone, &out).success();
    // As if killed between moving the old output aside and renaming the new one in.
    let aside = tmp.path().join(".data.lexchron-old-99999");
    fs::rename(&out, &aside).unwrap();
    let half = tmp.path().join(".data.lexchron-tmp-99998");
    fs::create_dir_all(half.join("graph")).unwrap();
    import(&clone, &out)
        .success()
        .stdout(predicate::str::contains("since the last import"));
    assert!(!aside.exists() && !half.exists());
    data(&out, &["check"]).success();
}

#[test]
fn a_shallow_clone_is_read_as_far_as_it_goes() {
    let (tmp, clone, _) = fixture();
    let shallow = tmp.path().join("shallow");
    let ok = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "2"])
        .arg(format!("file://{}", clone.display()))
        .arg(&shallow)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let out = tmp.path().join("data-shallow");
    import(&shallow, &out)
        .success()
        .stdout(predicate::str::contains("in 2 commit(s) from the start"));
    data(&out, &["check"]).success();
}

#[test]
fn a_repealed_article_restored_later_records_the_gap() {
    let (_tmp, clone, out) = fixture();
    let mut r = Repo {
        dir: clone.clone(),
        n: 30,
    };
    r.write(
        &format!("{C2014}/meta.yaml"),
        &meta(
            "81097",
            "2019-06-01",
            Some("Закон Республики Казахстан от 1 июня 2019 года № 50-VI ЗРК"),
        ),
    );
    r.write(
        &format!("{C2014}/rus/sec006-ch001.md"),
        &ch1_2014(
            "наказывается лишением свободы на срок от трех до восьми лет.",
            "####",
            false,
            "\n> *Сноска. Статья 99 с изменениями, внесенными Законом РК от 05.05.2016 № 12-VI (вводится в действие с 01.06.2016).*\n",
        )
        .replace(
            "Разбитие уличного фонаря камнем –\n\n   наказывается штрафом в размере до ста месячных расчетных показателей.\n",
            "Разбитие уличного фонаря чем угодно –\n\n   наказывается штрафом в размере до двухсот месячных расчетных показателей.\n\n> *Сноска. Статья 100 в редакции Закона РК от 01.06.2019 № 50-VI (вводится в действие с 01.07.2019).*\n",
        ),
    );
    r.commit("2014 code, article 100 restored");
    import(&clone, &out).success();
    let h = json(&out, &["history", "cc2014:100"]);
    let spans: Vec<(String, String)> = h["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["valid_from"].to_string(), e["valid_to"].to_string()))
        .collect();
    assert_eq!(
        spans,
        [
            ("\"2015-01-01\"".to_string(), "\"2018-02-11\"".to_string()),
            ("\"2019-07-01\"".to_string(), "null".to_string())
        ],
        "{h}"
    );
    let p = fs::read_to_string(out.join("graph/provisions/cc2014-100.ron")).unwrap();
    assert!(p.contains("repealed, then restored"), "{p}");
    data(&out, &["check"]).success();
}

#[test]
fn lexchron_data_points_every_command_at_the_import() {
    let (_tmp, clone, out) = fixture();
    import(&clone, &out).success();
    bin()
        .env("LEXCHRON_DATA", &out)
        .args(["text", "cc2014:99", "--at", "2016-07-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains("от трех до восьми лет"));
    bin()
        .env("LEXCHRON_DATA", &out)
        .args(["gravity", "cc2014:99", "--at", "2016-07-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains("cc2014:99"));
    bin()
        .env("LEXCHRON_DATA", &out)
        .args(["search", "скамейки", "--no-cache"])
        .assert()
        .success()
        .stdout(predicate::str::contains("cc2014:99"));
}

#[test]
fn versions_of_the_1997_code_after_it_ended_change_nothing() {
    let (_tmp, clone, out) = fixture();
    let mut r = Repo {
        dir: clone.clone(),
        n: 35,
    };
    r.write(
        &format!("{C1997_NESTED}/meta.yaml"),
        &meta(
            "8",
            "2016-01-01",
            Some("Закон Республики Казахстан от 1 декабря 2015 года № 90-V ЗРК"),
        ),
    );
    r.write(
        &format!("{C1997_NESTED}/rus/sec007-ch001.md"),
        "## Глава 1. ВЫМЫШЛЕННОЕ\n\n<a id=\"st96\"></a>\n\n### Статья 96. Исключена Законом РК от 01.12.2015 № 90-V (вводится в действие с 01.01.2016).\n",
    );
    r.commit("1997 code, a version after it ended");
    import(&clone, &out).success();
    let h = json(&out, &["history", "cc1997:96"]);
    let eds = h["results"].as_array().unwrap();
    assert_eq!(eds.len(), 1, "{h}");
    assert_eq!(eds[0]["valid_to"], "2014-12-31", "{h}");
    data(&out, &["check"]).success();
}

/// The mirror keeps both layouts of a code side by side, each with its own versions: the
/// nested folder with `meta.yaml`, the flat one with front matter and no `meta.yaml`.
fn two_layouts(dir: &Path) -> Repo {
    let mut r = Repo::new(dir);
    let a96 = |years: &str, note: &str| {
        format!(
            "Статья 96. Порча почтового ящика\n\n1. Умышленная порча почтового ящика -\n\nнаказывается лишением свободы на срок до {years} лет.\n{note}"
        )
    };
    let a97_old = "Статья 97. Кража газеты\n\nТайное похищение чужой газеты -\n\nнаказывается штрафом в размере до десяти месячных расчетных показателей.\n";
    let nested = |r: &Repo, date: &str, a96: &str| {
        r.write(&format!("{C1997_NESTED}/meta.yaml"), &meta("8", date, None));
        r.write(
            &format!("{C1997_NESTED}/rus/sec006-ch001.md"),
            &format!(
                "↑ [Вся редакция](../rus.md)\n\n## Глава 1. ВЫМЫШЛЕННОЕ\n\n<a id=\"st96\"></a>\n\n### {a96}\n<a id=\"st97\"></a>\n\n### {a97_old}"
            ),
        );
    };
    nested(&r, "2005-03-01", &a96("двух", ""));
    r.commit("1997 code, nested layout, 2005");
    // The flat layout, dated by its front matter: art. 97 restated by a law whose footnote
    // states no rule, and a new art. 98 with a ten-day rule. Its art. 96 is the 2009 text.
    let fn96 = "\nСноска. Статья 96 с изменениями, внесенными Законом РК от 10.02.2009 № 140-IV (вводится в действие с 01.03.2009).\n";
    r.write(
        &format!("{C1997}/rus/part002.md"),
        &format!(
            "---\npart_of: ../rus.md\nsource: https://zan.example.test/client/#!/doc/8/rus/01.01.2015\n---\n\n## ОСОБЕННАЯ ЧАСТЬ Глава 1. ВЫМЫШЛЕННОЕ\n\n{}\nСтатья 97. Кража газеты\n\nТайное похищение чужой газеты -\n\nнаказывается штрафом в размере до двадцати месячных расчетных показателей.\n\nСноска. Статья 97 в редакции Закона РК от 2 марта 2006 года N 131.\n\nСтатья 98. Кража журнала\n\nТайное похищение\n\nчужого журнала -\n\nнаказывается штрафом в размере до тридцати месячных расчетных показателей.\n\nСноска. Кодекс дополнен статьей 98 в соответствии с Законом РК от 10.01.2012 № 530-IV (вводится в действие по истечении десяти календарных дней после его первого официального опубликования).\n",
            a96("трех", fn96)
        ),
    );
    r.write(&format!("{C1997}/rus.md"), "---\nsource: https://zan.example.test/client/#!/doc/8/rus/01.01.2015\n---\n\nСтатья 96. Порча почтового ящика\n");
    r.commit("1997 code, flat layout, 2015");
    // A later commit brings a nested version dated before the flat one.
    nested(&r, "2009-04-01", &a96("трех", &fn96.replace('\n', "\n> ")));
    r.commit("1997 code, nested layout, 2009");
    r
}

#[test]
fn both_layouts_side_by_side_are_read_in_order_of_their_dates() {
    let tmp = tempfile::tempdir().unwrap();
    let clone = tmp.path().join("codes");
    two_layouts(&clone);
    let out = tmp.path().join("data");
    import(&clone, &out)
        .success()
        .stdout(predicate::str::contains("cc1997: 3 new version(s)"));
    data(&out, &["check"]).success();
    // Art. 96: the 2009 change, dated by its footnote's stated day, read from the nested
    // folder even though the flat folder's later version was committed first.
    let h = json(&out, &["history", "cc1997:96"]);
    let eds = h["results"].as_array().unwrap();
    let starts: Vec<&str> = eds
        .iter()
        .map(|e| e["valid_from"].as_str().unwrap())
        .collect();
    assert_eq!(starts, ["1998-01-01", "2009-03-01"], "{h}");
    // Art. 98 exists only in the flat folder: ten days after publication, counted from the
    // signing day at the earliest (C).
    let s = &json(&out, &["show", "cc1997:98", "--at", "2013-01-01"])["results"][0];
    assert_eq!(s["valid_from"], "2012-01-21", "{s}");
    assert_eq!(s["title_ru"], "Кража журнала", "{s}");
    // The link is the front matter's.
    let t = data(&out, &["text", "cc1997:98", "--at", "2013-01-01"]).success();
    let text = String::from_utf8_lossy(&t.get_output().stdout).to_string();
    assert!(text.contains("doc/8/rus/01.01.2015"), "{text}");
    // Art. 97 changed in the flat version by a law whose footnote names no rule: the
    // nested version of 2009 still had the old wording, so the change took effect after
    // it, from the earliest day that allows (C, explained), not from 2015.
    let s = &json(&out, &["show", "cc1997:97", "--at", "2010-01-01"])["results"][0];
    assert_eq!(s["valid_from"], "2009-04-02", "{s}");
    assert_eq!(s["confidence"], "C", "{s}");
    let note = s.to_string();
    assert!(note.contains("earliest day the act allows"), "{s}");
}

#[test]
fn a_bundled_act_day_the_rule_allows_dates_the_edition() {
    // Law 292-VI is in the bundled acts with its day of entry into force; its footnote rule
    // ("ten days after publication") alone would give the earliest day, one day sooner.
    let tmp = tempfile::tempdir().unwrap();
    let clone = tmp.path().join("codes");
    let mut r = Repo::new(&clone);
    r.write(
        &format!("{C2014}/meta.yaml"),
        &meta("81097", "2015-01-01", None),
    );
    r.write(
        &format!("{C2014}/rus/sec006-ch001.md"),
        &ch1_2014(
            "наказывается лишением свободы на срок от двух до пяти лет.",
            "###",
            false,
            "",
        ),
    );
    r.commit("2014 code, first version");
    r.write(
        &format!("{C2014}/meta.yaml"),
        &meta(
            "81097",
            "2019-12-27",
            Some("Закон Республики Казахстан от 27 декабря 2019 года № 292-VI ЗРК"),
        ),
    );
    r.write(
        &format!("{C2014}/rus/sec006-ch001.md"),
        &ch1_2014(
            "наказывается лишением свободы на срок от трех до шести лет.",
            "###",
            false,
            "\n> *Сноска. Часть 2 статьи 99 изменена Законом РК от 27.12.2019 № 292-VI (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).*\n",
        ),
    );
    r.commit("2014 code, version of 2019-12-27");
    let out = tmp.path().join("data");
    import(&clone, &out).success();
    let s = &json(&out, &["show", "cc2014:99", "--at", "2020-06-01"])["results"][0];
    assert_eq!(s["valid_from"], "2020-01-08", "{s}");
    let note = s["date_note"].as_str().unwrap_or_default();
    assert!(note.contains("bundled record of act 292-VI"), "{s}");
    // The day before, the first wording still applied.
    let s = &json(&out, &["show", "cc2014:99", "--at", "2020-01-07"])["results"][0];
    assert_eq!(s["valid_from"], "2015-01-01", "{s}");
}

/// Article 96 of the 1997 code with a part 2 lettered from «а» to «р» (invented wording),
/// and its Kazakh text listing the same items.
fn long_96() -> (String, String) {
    let letters = [
        'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'к', 'л', 'м', 'н', 'о', 'п', 'р',
    ];
    let mut ru = String::from(
        "↑ [Вся редакция](../rus.md)\n\n## Глава 1. ВЫМЫШЛЕННОЕ\n\n<a id=\"st96\"></a>\n\n### Статья 96. Порча калитки\n\n1. Умышленная порча калитки –\n\n   наказывается лишением свободы на срок от одного года до трех лет.\n\n2. То же деяние, совершенное:\n\n",
    );
    let kz_letters = [
        'а', 'ә', 'б', 'в', 'г', 'ғ', 'д', 'е', 'ж', 'з', 'и', 'к', 'қ', 'л', 'м', 'н',
    ];
    let mut kz = String::from(
        "## 1-тарау. ОЙДАН ШЫҒАРЫЛҒАН\n\n<a id=\"st96\"></a>\n\n### 96-бап. Қақпаны бүлдіру\n\n1. Қақпаны қасақана бүлдіру – жазаланады.\n\n2. Дәл сол әрекет:\n\n",
    );
    for (n, (c, k)) in letters.iter().zip(kz_letters).enumerate() {
        let last = n + 1 == letters.len();
        ru.push_str(&format!(
            "   {c}) в случае номер {}{}\n\n",
            n + 1,
            if last { ", –" } else { ";" }
        ));
        kz.push_str(&format!("   {k}) нөмірі {} жағдайда;\n\n", n + 1));
    }
    ru.push_str("   наказывается лишением свободы на срок от трех до семи лет.\n\n2-1. Порча калитки соседа –\n\n   наказывается арестом на срок до трех месяцев.\n");
    kz.push_str("   бас бостандығынан айыруға жазаланады.\n\n2-1. Көршінің қақпасын бүлдіру – жазаланады.\n");
    (ru, kz)
}

#[test]
fn a_reference_to_a_part_or_item_prints_that_wording_alone() {
    let (_tmp, clone, out) = fixture();
    let mut r = Repo {
        dir: clone.clone(),
        n: 40,
    };
    let (ru, kz) = long_96();
    r.write(
        &format!("{C1997_NESTED}/meta.yaml"),
        &meta(
            "8",
            "2012-01-10",
            Some("Закон Республики Казахстан от 10 января 2012 года № 500-IV"),
        ),
    );
    r.write(&format!("{C1997_NESTED}/rus/sec007-ch001.md"), &ru);
    r.write(&format!("{C1997_NESTED}/kaz/sec007-ch001.md"), &kz);
    r.commit("1997 code, a long item list");
    import(&clone, &out).success();
    let at = ["--at", "2014-06-01"];

    // Item «п» of part 2: the part's opening, the item and the sanction, under the heading.
    let t = data(&out, &[&["text", "cc1997:96.2.p"][..], &at[..]].concat()).success();
    let stdout = String::from_utf8_lossy(&t.get_output().stdout).into_owned();
    assert!(stdout.contains("selected: part 2, item p"), "{stdout}");
    assert!(stdout.contains("Статья 96. Порча калитки"), "{stdout}");
    assert!(stdout.contains("2. То же деяние, совершенное:"), "{stdout}");
    assert!(stdout.contains("п) в случае номер 15;"), "{stdout}");
    assert!(stdout.contains("от трех до семи лет"), "{stdout}");
    for other in ["а) в случае", "р) в случае", "1. Умышленная", "2-1. Порча"]
    {
        assert!(!stdout.contains(other), "{other} in {stdout}");
    }
    // Kazakh: the item at the same place in the list (the 15th), and its part's sanction.
    assert!(stdout.contains("нөмірі 15 жағдайда"), "{stdout}");
    assert!(!stdout.contains("нөмірі 14 жағдайда"), "{stdout}");
    assert!(stdout.contains("бас бостандығынан"), "{stdout}");

    // The citation in words names the same item; «р» is `q`.
    let j = json(
        &out,
        &[&["text", "п. «р» ч. 2 ст. 96 УК РК 1997 года"][..], &at[..]].concat(),
    );
    let sel = &j["results"][0]["selection"];
    assert_eq!(sel["part"], "2", "{j}");
    assert_eq!(sel["item"], "q", "{j}");
    assert!(
        sel["ru"].as_str().unwrap().contains("р) в случае номер 16"),
        "{j}"
    );
    // The whole article's wording keeps its meaning beside the selection.
    assert!(
        j["results"][0]["ru"]
            .as_str()
            .unwrap()
            .contains("1. Умышленная"),
        "{j}"
    );

    // A part alone, and a dashed part number.
    let j = json(&out, &[&["text", "cc1997:96.2-1"][..], &at[..]].concat());
    let sel = &j["results"][0]["selection"];
    assert_eq!(
        sel["ru"],
        "2-1. Порча калитки соседа –\n\n   наказывается арестом на срок до трех месяцев.",
        "{j}"
    );
    assert_eq!(
        sel["kz"], "2-1. Көршінің қақпасын бүлдіру – жазаланады.",
        "{j}"
    );
    // Without a part, no selection: the JSON is as before.
    let j = json(&out, &[&["text", "cc1997:96"][..], &at[..]].concat());
    assert!(j["results"][0].get("selection").is_none(), "{j}");

    // `show` and the item ids agree.
    let s = json(&out, &[&["show", "cc1997:96.2.p"][..], &at[..]].concat());
    let items = s["results"][0]["parts"][0]["items"].as_array().unwrap();
    assert!(items.iter().any(|i| i["item"] == "p"), "{s}");

    // Unknown part or item: not found, with what exists.
    data(&out, &[&["text", "cc1997:96.7"][..], &at[..]].concat())
        .failure()
        .stderr(predicate::str::contains("cc1997:96 has no part 7"))
        .stderr(predicate::str::contains("parts 1, 2, 2-1"));
    data(&out, &[&["text", "cc1997:96.2.z"][..], &at[..]].concat())
        .failure()
        .stderr(predicate::str::contains("no item z of part 2"))
        .stderr(predicate::str::contains(
            "items a, b, c, d, e, f, g, h, i, k, l, m, n, o, p, q",
        ));

    // A numbered item of the 2014 code; its Kazakh text has no part 2, so no Kazakh cut.
    let j = json(&out, &["text", "cc2014:99.2.2", "--at", "2016-07-01"]);
    let sel = &j["results"][0]["selection"];
    let ru = sel["ru"].as_str().unwrap();
    assert!(
        ru.contains("2) группой лиц") && !ru.contains("1) ночью"),
        "{j}"
    );
    assert!(ru.contains("от трех до восьми лет"), "{j}");
    assert!(sel["kz"].is_null(), "{j}");
    assert!(
        j["results"][0]["kz"].is_string(),
        "the whole Kazakh article stays: {j}"
    );

    // The API (and so the web and MCP servers) answers through the same path.
    let env = lexchron::cli::Env::bundled(lexchron::model::Date::from_ymd_opt(2025, 6, 1).unwrap());
    let engine = lexchron::cli::open_engine(&out, &env, true, &mut Vec::new()).unwrap();
    let args = |r: &str| {
        serde_json::json!({"ref": r, "at": "2014-06-01"})
            .as_object()
            .unwrap()
            .clone()
    };
    let reply = lexchron::api::call(&engine, "text", &args("cc1997:96.2.p")).unwrap();
    assert_eq!(
        reply.json["results"][0]["selection"]["item"], "p",
        "{}",
        reply.json
    );
    let e = lexchron::api::call(&engine, "text", &args("cc1997:96.7")).unwrap_err();
    assert_eq!(e.status, lexchron::api::Status::NotFound, "{e:?}");
    assert!(e.hint.unwrap_or_default().contains("parts 1, 2, 2-1"));
}

/// Article 67 of the 1997 code in invented wording: four parts and an unnumbered exclusion
/// after part `after`; and article 68 with a closing paragraph after its only part.
fn ch_67(after: &str, footnote: &str) -> String {
    let mut s = String::from(
        "↑ [Вся редакция](../rus.md)\n\n## Глава 12. ВЫМЫШЛЕННОЕ ОСВОБОЖДЕНИЕ\n\n<a id=\"st67\"></a>\n\n### Статья 67. Освобождение в связи с примирением\n\n",
    );
    for n in 1..=4 {
        s.push_str(&format!(
            "{n}. Правило номер {n} о примирении сторон действует в выдуманном случае.\n\n"
        ));
        if n.to_string() == after {
            s.push_str("Правила этой статьи не касаются выдуманных взяточников.\n\n");
        }
    }
    s.push_str(footnote);
    s.push_str("\n\n<a id=\"st68\"></a>\n\n### Статья 68. Освобождение в связи с переменой обстановки\n\nЛицо освобождается, если обстановка переменилась.\n\nЭто правило не касается выдуманных рецидивистов.\n");
    s
}

#[test]
fn unnumbered_paragraphs_are_imported_shown_and_compared() {
    let (_tmp, clone, out) = fixture();
    let mut r = Repo {
        dir: clone.clone(),
        n: 30,
    };
    let file = format!("{C1997_NESTED}/rus/sec003-ch012.md");
    r.write(
        &format!("{C1997_NESTED}/meta.yaml"),
        &meta(
            "8",
            "2010-12-15",
            Some("Закон Республики Казахстан от 15 декабря 2010 года № 100-IV"),
        ),
    );
    r.write(
        &file,
        &ch_67("4", "> *Сноска. Статья 67 в редакции Закона РК от 15.12.2010 № 100-IV (вводится в действие с 20.01.2011).*"),
    );
    r.commit("1997 code, art. 67 with its exclusion after part 4");
    // Later the exclusion stands after part 3, where the curated data does not have it.
    r.write(
        &format!("{C1997_NESTED}/meta.yaml"),
        &meta(
            "8",
            "2014-04-20",
            Some("Закон Республики Казахстан от 20 апреля 2014 года № 200-V"),
        ),
    );
    r.write(
        &file,
        &ch_67("3", "> *Сноска. Статья 67 с изменениями, внесенными Законом РК от 20.04.2014 № 200-V (вводится в действие с 04.05.2014).*"),
    );
    r.commit("1997 code, the exclusion moved");
    import(&clone, &out).success();

    // The imported article carries its paragraph, placed after the part it follows.
    let s = json(&out, &["show", "cc1997:68", "--at", "2012-01-01"]);
    let g = &s["results"][0]["paragraphs"];
    assert_eq!(g[0]["after_part"], "1", "{s}");
    assert_eq!(
        g[0]["summary"], "Это правило не касается выдуманных рецидивистов.",
        "{s}"
    );
    assert_eq!(s["results"][0]["parts"].as_array().unwrap().len(), 1, "{s}");
    data(&out, &["show", "cc1997:68", "--at", "2012-01-01"])
        .success()
        .stdout(predicate::str::contains(
            "paragraph after part 1: Это правило не касается",
        ));
    // The imported copy of the curated art. 67: four parts, the exclusion as a paragraph.
    let shadow = fs::read_to_string(out.join("import/shadow/cc1997-67.ron")).unwrap();
    assert!(shadow.contains("after_part: \"4\""), "{shadow}");
    assert!(!shadow.contains("part: \"5\""), "{shadow}");

    // Compared with the curated data: where the paragraph stands agrees until 2014-05-03,
    // then the import has it after part 3 and the curated data after part 4 (from 2014-05-04).
    let j = json(&out, &["check"]);
    let found: Vec<&serde_json::Value> = j["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["ref"] == "cc1997:67" && d["what"] == "unnumbered paragraph")
        .collect();
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|d| {
            (
                d["valid_from"].as_str().unwrap(),
                d["part"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [("2014-05-04", "4"), ("2014-05-04", "3")], "{j}");
    assert_eq!(found[0]["imported"], "after part 3 only", "{j}");
}

#[test]
fn text_at_a_date_shows_the_kazakh_wording_in_force_that_day() {
    let (_tmp, clone, out) = fixture();
    let mut r = Repo {
        dir: clone.clone(),
        n: 20,
    };
    // The Russian of art. 99 stays as in 2016; only its Kazakh changes, in the version of
    // 2019-03-01, and once more (a spacing change, no new wording) in 2020.
    let ru = fs::read_to_string(clone.join(format!("{C2014}/rus/sec006-ch001.md"))).unwrap();
    let new_kz = KAZ_CH1.replace("қасақана бүлдіру", "әдейі бүлдіру");
    for (date, kz) in [
        ("2019-03-01", new_kz.clone()),
        ("2020-02-01", new_kz.replace(" – ", "  –  ")),
    ] {
        r.write(
            &format!("{C2014}/meta.yaml"),
            &meta(
                "81097",
                date,
                Some("Закон Республики Казахстан от 1 марта 2019 года № 50-VI ЗРК"),
            ),
        );
        r.write(&format!("{C2014}/rus/sec006-ch001.md"), &ru);
        r.write(&format!("{C2014}/kaz/sec006-ch001.md"), &kz);
        r.commit("2014 code, Kazakh text of art. 99 edited");
    }
    import(&clone, &out).success();
    // Still one edition from 2016-06-01: the Russian did not change.
    let h = json(&out, &["history", "cc2014:99"]);
    assert_eq!(h["results"].as_array().unwrap().len(), 2, "{h}");

    let before = json(&out, &["text", "cc2014:99", "--at", "2018-06-01"]);
    let b = &before["results"][0];
    assert!(
        b["kz"].as_str().unwrap().contains("қасақана бүлдіру"),
        "{before}"
    );
    assert!(b.get("kz_from").is_none(), "{before}");
    assert_eq!(b["kz_changes"][0][0], "2019-03-01", "{before}");

    let after = json(&out, &["text", "cc2014:99", "--at", "2019-06-01"]);
    let a = &after["results"][0];
    assert_eq!(a["valid_from"], b["valid_from"], "the same Russian edition");
    assert!(
        a["kz"].as_str().unwrap().contains("әдейі бүлдіру"),
        "{after}"
    );
    assert_eq!(a["kz_from"], "2019-03-01", "{after}");
    // A spacing-only change of the Kazakh is no new Kazakh wording.
    assert_eq!(a["kz_changes"].as_array().unwrap().len(), 1, "{after}");
    // The part's Kazakh cut follows the same day.
    let p = json(&out, &["text", "cc2014:99.1", "--at", "2019-06-01"]);
    assert!(
        p["results"][0]["selection"]["kz"]
            .as_str()
            .unwrap()
            .contains("әдейі"),
        "{p}"
    );
    data(&out, &["text", "cc2014:99", "--at", "2019-06-01"])
        .success()
        .stdout(predicate::str::contains("Kazakh wording from 2019-03-01"))
        .stdout(predicate::str::contains("әдейі бүлдіру"));
    // The earlier edition keeps the Kazakh of its own time.
    let early = json(&out, &["text", "cc2014:99", "--at", "2015-06-01"]);
    assert!(
        early["results"][0]["kz"]
            .as_str()
            .unwrap()
            .contains("қасақана"),
        "{early}"
    );
}

#[test]
fn the_progress_bar_shows_on_a_terminal_and_stays_quiet_when_piped() {
    let (tmp, clone, out) = fixture();
    // Piped: the summary on stdout, and no bar, carriage return or escape code on stderr.
    let a = import(&clone, &out).success();
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(!err.contains('\u{1b}'), "escape code on a pipe: {err:?}");
    assert!(!err.contains('\r'), "carriage return on a pipe: {err:?}");
    assert!(!err.contains("versions"), "a bar on a pipe: {err:?}");
    assert!(
        String::from_utf8_lossy(&a.get_output().stdout).contains("cc2014:"),
        "the summary still goes to stdout"
    );

    // A pseudo-terminal: one bar per code, drawn with the terminal's line controls.
    let on_tty = tmp.path().join("tty-data");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_lexchron"));
    cmd.arg("import")
        .arg(&clone)
        .arg("--out")
        .arg(&on_tty)
        .env_remove("LEXCHRON_DATA")
        .env("LEXCHRON_TODAY", "2025-06-01")
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut p = rexpect::session::spawn_command(cmd, Some(60_000)).expect("spawn in a pty");
    let (before, bar) = p
        .exp_regex(r"cc\d{4} \[=+\] \d+/\d+ versions")
        .expect("a progress bar on the terminal");
    assert!(bar.starts_with("cc"), "{before:?} {bar:?}");
    let rest = p.exp_eof().expect("the import ends");
    let all = format!("{before}{bar}{rest}");
    assert!(all.contains('\u{1b}') || all.contains('\r'), "{all:?}");
    assert!(all.contains("cc1997") && all.contains("cc2014"), "{all:?}");
    // The bar is decoration: the data dir is the same as the piped import's.
    assert!(on_tty.join("graph/provisions/cc2014-99.ron").is_file());
    assert_eq!(
        fs::read(on_tty.join("graph/provisions/cc2014-99.ron")).unwrap(),
        fs::read(out.join("graph/provisions/cc2014-99.ron")).unwrap()
    );
}

#[test]
fn a_state_from_an_older_importer_is_read_again_from_the_start() {
    let (_tmp, clone, out) = fixture();
    import(&clone, &out).success();
    // As an earlier importer wrote it: no `format`, so no paragraphs or Kazakh spans either.
    let path = out.join("import/state.json");
    let mut state: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    for (_, code) in state.as_object_mut().unwrap() {
        assert_eq!(
            code["format"],
            lexchron::import::edition::STATE_FORMAT,
            "{code}"
        );
        code.as_object_mut().unwrap().remove("format");
    }
    fs::write(&path, serde_json::to_vec(&state).unwrap()).unwrap();
    import(&clone, &out)
        .success()
        .stdout(predicate::str::contains("cc2014: 4 new version(s)"))
        .stdout(predicate::str::contains("from the start"));
    // Without the old state the next import is incremental again.
    import(&clone, &out)
        .success()
        .stdout(predicate::str::contains("from the start").not());
    data(&out, &["check"]).success();
}

#[test]
fn a_reimport_reads_only_the_folder_that_changed_when_both_layouts_are_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let clone = tmp.path().join("codes");
    let mut r = two_layouts(&clone);
    let out = tmp.path().join("data");
    import(&clone, &out).success();
    // An unrelated act, then a change to the flat folder only.
    r.write(
        "02-codes/2010/0101-kodeks-o-chem-to-12345/meta.yaml",
        "act_code: '12345'\n",
    );
    r.commit("another act");
    let path = clone.join(format!("{C1997}/rus/part002.md"));
    let text = fs::read_to_string(&path).unwrap();
    r.write(
        &format!("{C1997}/rus/part002.md"),
        &text.replace("до тридцати месячных", "до сорока месячных"),
    );
    r.commit("1997 code, flat layout, a changed fine");
    import(&clone, &out)
        .success()
        .stdout(predicate::str::contains("cc1997: 1 new version(s)"))
        .stdout(predicate::str::contains("from the start").not());
    data(&out, &["check"]).success();
}
