//! Reading the official-text mirror's history with `gix`: every commit that changed a code's
//! folder becomes one [`MirrorVersion`] (meta.yaml, the Russian and Kazakh files). No
//! checkout and no `git` subprocess; blobs are read on demand by id.
//!
//! Both folder layouts of the mirror are recognised: `02-codes/<YYYY>/<MMDD>-<slug>-<act>/`
//! and the older flat `02-codes/<YYYYMMDD>-<slug>-<act>/`. Where one commit holds both, the
//! nested one wins (it is the newer layout).

use super::ImportError;
use crate::model::Date;
use gix::ObjectId;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The two codes the importer knows, with the mirror's act codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CodeId {
    Cc1997,
    Cc2014,
}

impl CodeId {
    pub const ALL: [CodeId; 2] = [CodeId::Cc1997, CodeId::Cc2014];

    pub fn id(self) -> &'static str {
        match self {
            CodeId::Cc1997 => "cc1997",
            CodeId::Cc2014 => "cc2014",
        }
    }

    /// The state database's number for the code, the last segment of its folder name.
    pub fn act_code(self) -> &'static str {
        match self {
            CodeId::Cc1997 => "8",
            CodeId::Cc2014 => "81097",
        }
    }

    pub fn parse(s: &str) -> Option<CodeId> {
        CodeId::ALL.into_iter().find(|c| c.id() == s)
    }
}

/// One file of a version's text: its path inside the code folder and its blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextFile {
    /// `rus.md`, `rus/sec006-ch003.md`, `kaz/sec001.md`.
    pub path: String,
    pub blob: ObjectId,
}

/// What `meta.yaml` says about a version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// `version_date.rus` (or the plain value, in older files).
    pub version_date: Option<Date>,
    /// `source.rus`: the state database's address of this version.
    pub url_rus: Option<String>,
    pub url_kaz: Option<String>,
    /// `caused_by.requisite`: the amending act, as the database names it.
    pub caused_by: Option<String>,
    /// `caused_by.title.rus`.
    pub caused_by_title: Option<String>,
    /// `caused_by.link`.
    pub caused_by_link: Option<String>,
}

/// One commit that changed a code's folder.
#[derive(Debug, Clone)]
pub struct MirrorVersion {
    pub code: CodeId,
    /// Full hex id of the commit.
    pub commit: String,
    /// The code's folder in that commit, e.g. `02-codes/2014/0703-...-81097`.
    pub folder: String,
    /// Id of the folder's tree: an unchanged tree means an unchanged version.
    pub tree: String,
    pub meta: Meta,
    /// Russian text files in reading order (the split files, else `rus.md`).
    pub rus: Vec<TextFile>,
    pub kaz: Vec<TextFile>,
}

/// A commit id shortened to seven characters, as messages and source ids show it.
pub fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}

/// The mirror address of a code's folder in one commit.
pub fn mirror_url(commit: &str, folder: &str) -> String {
    format!("https://github.com/kazakhstan-law/codes/tree/{commit}/{folder}")
}

impl MirrorVersion {
    /// The mirror address of this version's folder.
    pub fn mirror_url(&self) -> String {
        mirror_url(&self.commit, &self.folder)
    }

    pub fn short(&self) -> &str {
        short(&self.commit)
    }
}

/// An opened clone of the mirror.
pub struct Mirror {
    repo: gix::Repository,
    path: PathBuf,
}

/// The versions found by a walk, and whether the walk started over (history rewritten or
/// no previous import).
#[derive(Debug, Default)]
pub struct Walk {
    pub versions: Vec<MirrorVersion>,
    /// Commits looked at (every commit since the last import).
    pub commits: usize,
    /// The head commit the walk started from.
    pub head: String,
    /// False when the previous import's last commit was not found, so everything was read.
    pub incremental: bool,
}

impl Mirror {
    /// Opens the repository at `path` (a clone with a work tree, or a bare one).
    pub fn open(path: &Path) -> Result<Mirror, ImportError> {
        if !path.exists() {
            return Err(ImportError::Missing(path.to_path_buf()));
        }
        let repo = gix::open(path).map_err(|e| ImportError::NotARepo {
            path: path.to_path_buf(),
            why: e.to_string(),
        })?;
        Ok(Mirror {
            repo,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The first-parent chain from HEAD, oldest first, stopping after `since` (exclusive)
    /// when it is found. The flag says whether it was found.
    fn chain(&self, since: Option<&str>) -> Result<(Vec<ObjectId>, bool), ImportError> {
        let head = self.repo.head_id().map_err(|e| ImportError::NotARepo {
            path: self.path.clone(),
            why: format!("it has no commit to read ({e})"),
        })?;
        let since: Option<ObjectId> = since.and_then(|s| ObjectId::from_hex(s.as_bytes()).ok());
        let mut out = Vec::new();
        let mut next = Some(head.detach());
        let mut found = false;
        while let Some(id) = next {
            if Some(id) == since {
                found = true;
                break;
            }
            let commit = match self.repo.find_commit(id) {
                Ok(c) => c,
                // A shallow clone's history ends where its objects do.
                Err(_) if !out.is_empty() && self.repo.is_shallow() => break,
                Err(e) => return Err(corrupt(&id, "commit", e)),
            };
            next = commit.parent_ids().next().map(|p| p.detach());
            out.push(id);
        }
        out.reverse();
        Ok((out, found))
    }

    /// Every version of `code` after commit `since` (all of them when `since` is `None` or
    /// is no longer in the history). `last_trees` maps each code folder to its tree in the
    /// last version already imported, so a commit that leaves a folder unchanged is no new
    /// version.
    ///
    /// The mirror keeps both layouts of a code side by side (the nested folder with
    /// `meta.yaml`, the flat one with front matter), each with its own set of versions: a
    /// commit that changes either folder is a version read from that folder. When both
    /// layouts give versions, they are put in order of their version dates.
    pub fn versions(
        &self,
        code: CodeId,
        since: Option<&str>,
        last_trees: &BTreeMap<String, String>,
    ) -> Result<Walk, ImportError> {
        let (mut chain, found) = self.chain(since)?;
        let incremental = since.is_some() && found;
        if since.is_some() && !found {
            chain = self.chain(None)?.0;
        }
        let mut prev: BTreeMap<String, ObjectId> = BTreeMap::new();
        if incremental {
            for (folder, t) in last_trees {
                if let Ok(id) = ObjectId::from_hex(t.as_bytes()) {
                    prev.insert(folder.clone(), id);
                }
            }
        }
        let mut walk = Walk {
            commits: chain.len(),
            head: chain.last().map(|c| c.to_string()).unwrap_or_default(),
            incremental,
            versions: Vec::new(),
        };
        if walk.head.is_empty() {
            walk.head = since.unwrap_or_default().to_string();
        }
        let mut seen = FolderCache::default();
        for id in chain {
            let commit = self
                .repo
                .find_commit(id)
                .map_err(|e| corrupt(&id, "commit", e))?;
            let tree_id = commit.tree_id().map_err(|e| corrupt(&id, "commit", e))?;
            for (folder, folder_tree) in
                self.find_code_folders(tree_id.detach(), code, &id, &mut seen)?
            {
                if prev.get(&folder) == Some(&folder_tree) {
                    continue;
                }
                prev.insert(folder.clone(), folder_tree);
                walk.versions
                    .push(self.read_version(code, id, folder, folder_tree)?);
            }
        }
        let folders: std::collections::BTreeSet<&str> =
            walk.versions.iter().map(|v| v.folder.as_str()).collect();
        if folders.len() > 1 && walk.versions.iter().all(|v| v.meta.version_date.is_some()) {
            // Stable: versions of one date keep their commit order.
            walk.versions.sort_by_key(|v| v.meta.version_date);
        }
        Ok(walk)
    }

    /// The code's folders in a commit's tree, nested layout first, then flat. Most commits
    /// of the mirror change some other act, so results are remembered by tree id: an
    /// unchanged `02-codes` (or year) tree is never listed twice.
    fn find_code_folders(
        &self,
        root: ObjectId,
        code: CodeId,
        commit: &ObjectId,
        seen: &mut FolderCache,
    ) -> Result<Vec<(String, ObjectId)>, ImportError> {
        let Some(codes) = self
            .entries(root, commit)?
            .into_iter()
            .find(|e| e.name == "02-codes" && e.tree)
        else {
            return Ok(vec![]);
        };
        if let Some(found) = seen.codes.get(&codes.id) {
            return Ok(found.clone());
        }
        let mut flat = Vec::new();
        let mut nested = Vec::new();
        for e in self.entries(codes.id, commit)? {
            if !e.tree {
                continue;
            }
            if is_year(&e.name) {
                let found = match seen.years.get(&e.id) {
                    Some(f) => f.clone(),
                    None => {
                        let f = self
                            .entries(e.id, commit)?
                            .into_iter()
                            .find(|sub| sub.tree && folder_matches(&sub.name, 4, code))
                            .map(|sub| (format!("02-codes/{}/{}", e.name, sub.name), sub.id));
                        seen.years.insert(e.id, f.clone());
                        f
                    }
                };
                nested.extend(found);
            } else if folder_matches(&e.name, 8, code) {
                flat.push((format!("02-codes/{}", e.name), e.id));
            }
        }
        nested.extend(flat);
        seen.codes.insert(codes.id, nested.clone());
        Ok(nested)
    }

    fn read_version(
        &self,
        code: CodeId,
        commit: ObjectId,
        folder: String,
        tree: ObjectId,
    ) -> Result<MirrorVersion, ImportError> {
        let entries = self.entries(tree, &commit)?;
        let mut meta = Meta::default();
        let mut rus = Vec::new();
        let mut kaz = Vec::new();
        for lang in ["rus", "kaz"] {
            let whole = entries
                .iter()
                .find(|e| !e.tree && e.name == format!("{lang}.md"));
            let split = entries.iter().find(|e| e.tree && e.name == lang);
            let files = if lang == "rus" { &mut rus } else { &mut kaz };
            match split {
                // With split files, `<lang>.md` is only a table of contents.
                Some(dir) => {
                    let mut names: Vec<TextFile> = self
                        .entries(dir.id, &commit)?
                        .into_iter()
                        .filter(|e| !e.tree && e.name.ends_with(".md"))
                        .map(|e| TextFile {
                            path: format!("{lang}/{}", e.name),
                            blob: e.id,
                        })
                        .collect();
                    names.sort_by(|a, b| a.path.cmp(&b.path));
                    files.extend(names);
                }
                None => {
                    if let Some(w) = whole {
                        files.push(TextFile {
                            path: w.name.clone(),
                            blob: w.id,
                        });
                    }
                }
            }
        }
        if let Some(m) = entries.iter().find(|e| !e.tree && e.name == "meta.yaml") {
            let text = self.text(m.id, &commit)?;
            meta = parse_meta(&text).map_err(|why| ImportError::BadMeta {
                commit: commit.to_string(),
                path: format!("{folder}/meta.yaml"),
                why,
            })?;
        } else {
            // The flat layout has no `meta.yaml`: each file opens with front matter whose
            // `source:` is the state database's address of the version, dated at its end.
            let whole = entries.iter().find(|e| !e.tree && e.name == "rus.md");
            for f in whole
                .map(|e| e.id)
                .into_iter()
                .chain(rus.iter().map(|f| f.blob))
            {
                meta = front_matter_meta(&self.text(f, &commit)?);
                if meta.version_date.is_some() {
                    break;
                }
            }
            if let Some(f) = kaz.first() {
                meta.url_kaz = front_matter_meta(&self.text(f.blob, &commit)?).url_rus;
            }
        }
        Ok(MirrorVersion {
            code,
            commit: commit.to_string(),
            folder,
            tree: tree.to_string(),
            meta,
            rus,
            kaz,
        })
    }

    /// A blob as UTF-8 text (invalid bytes replaced).
    pub fn read_text(&self, blob: &ObjectId, commit: &str) -> Result<String, ImportError> {
        let c = ObjectId::from_hex(commit.as_bytes()).unwrap_or(*blob);
        self.text(*blob, &c)
    }

    fn text(&self, blob: ObjectId, commit: &ObjectId) -> Result<String, ImportError> {
        let b = self
            .repo
            .find_blob(blob)
            .map_err(|e| corrupt(commit, &format!("blob {blob}"), e))?;
        Ok(String::from_utf8_lossy(&b.data).into_owned())
    }

    fn entries(&self, tree: ObjectId, commit: &ObjectId) -> Result<Vec<Entry>, ImportError> {
        let t = self
            .repo
            .find_tree(tree)
            .map_err(|e| corrupt(commit, &format!("tree {tree}"), e))?;
        let decoded = t
            .decode()
            .map_err(|e| corrupt(commit, &format!("tree {tree}"), e))?;
        Ok(decoded
            .entries
            .iter()
            .map(|e| Entry {
                name: e.filename.to_string(),
                id: e.oid.to_owned(),
                tree: e.mode.is_tree(),
            })
            .collect())
    }
}

/// Where the code's folder was found, by the id of the tree searched.
#[derive(Default)]
struct FolderCache {
    codes: std::collections::HashMap<ObjectId, Vec<(String, ObjectId)>>,
    years: std::collections::HashMap<ObjectId, Option<(String, ObjectId)>>,
}

struct Entry {
    name: String,
    id: ObjectId,
    tree: bool,
}

fn corrupt(commit: &ObjectId, what: &str, e: impl std::fmt::Display) -> ImportError {
    ImportError::Corrupt {
        commit: commit.to_string(),
        what: what.to_string(),
        why: e.to_string(),
    }
}

fn is_year(name: &str) -> bool {
    name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit())
}

/// `<digits>-<slug>-<act_code>` with `digits` date digits in front (4 nested, 8 flat).
fn folder_matches(name: &str, digits: usize, code: CodeId) -> bool {
    let Some((date, rest)) = name.split_at_checked(digits) else {
        return false;
    };
    date.bytes().all(|b| b.is_ascii_digit())
        && rest.starts_with('-')
        && rest
            .rsplit_once('-')
            .is_some_and(|(slug, act)| act == code.act_code() && slug.len() > 1)
}

/// What the front matter of a flat-layout file says of its version: `source:` is the
/// state database's address, which ends in the version's day (`.../doc/8/rus/01.01.2015`).
pub fn front_matter_meta(text: &str) -> Meta {
    let mut lines = text.lines();
    if lines.next().map(str::trim) != Some("---") {
        return Meta::default();
    }
    let mut meta = Meta::default();
    for l in lines.take_while(|l| l.trim() != "---") {
        let Some(url) = l.trim().strip_prefix("source:").map(str::trim) else {
            continue;
        };
        let day = url
            .rsplit('/')
            .next()
            .and_then(|d| Date::parse_from_str(d.trim(), "%d.%m.%Y").ok());
        meta.version_date = day;
        meta.url_rus = Some(url.to_string());
    }
    meta
}

/// Reads the fields the importer needs from `meta.yaml`; unknown fields are ignored.
pub fn parse_meta(text: &str) -> Result<Meta, String> {
    use serde_norway::Value;
    let v: Value = serde_norway::from_str(text).map_err(|e| e.to_string())?;
    let s = |v: Option<&Value>| -> Option<String> {
        match v? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let rus_or_plain = |v: Option<&Value>| -> Option<String> {
        match v? {
            Value::Mapping(m) => s(m.get("rus")),
            other => s(Some(other)),
        }
    };
    let version_date = match rus_or_plain(v.get("version_date")) {
        Some(d) => Some(
            d.trim()
                .parse::<Date>()
                .map_err(|_| format!("version_date `{d}` is not a date (YYYY-MM-DD)"))?,
        ),
        None => None,
    };
    let source = v.get("source");
    let cause = v.get("caused_by");
    Ok(Meta {
        version_date,
        url_rus: source.and_then(|m| s(m.get("rus"))),
        url_kaz: source.and_then(|m| s(m.get("kaz"))),
        caused_by: cause.and_then(|c| s(c.get("requisite"))),
        caused_by_title: cause
            .and_then(|c| c.get("title"))
            .and_then(|t| s(t.get("rus"))),
        caused_by_link: cause.and_then(|c| s(c.get("link"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_of_both_layouts_match_their_code_only() {
        assert!(folder_matches(
            "0703-ugolovnyi-kodeks-81097",
            4,
            CodeId::Cc2014
        ));
        assert!(folder_matches(
            "19970715-ugolovnyi-kodeks-8",
            8,
            CodeId::Cc1997
        ));
        assert!(!folder_matches(
            "19970715-ugolovnyi-kodeks-8",
            8,
            CodeId::Cc2014
        ));
        assert!(!folder_matches("0715-kodeks-18", 4, CodeId::Cc1997));
        assert!(!folder_matches("07-x-8", 4, CodeId::Cc1997));
    }

    #[test]
    fn meta_reads_dates_links_and_cause() {
        let m = parse_meta(
            "act_code: '81097'\nversion_date:\n  kaz: 2020-01-02\n  rus: 2020-01-03\nsource:\n  rus: https://example.test/rus\ncaused_by:\n  requisite: Закон от 1 января 2020 года № 1-VI\n",
        )
        .unwrap();
        assert_eq!(m.version_date, "2020-01-03".parse().ok());
        assert_eq!(m.url_rus.as_deref(), Some("https://example.test/rus"));
        assert!(m.caused_by.unwrap().contains("1-VI"));
        assert!(parse_meta("version_date: 2020-13-40\n").is_err());
        assert!(parse_meta(": : :\n  - [").is_err());
    }

    #[test]
    fn front_matter_dates_a_flat_layout_version() {
        let m = front_matter_meta(
            "---\npart_of: ../rus.md\nsource: https://zan.example.test/client/#!/doc/8/rus/01.01.2015\n---\n\nСтатья 1. Текст\n",
        );
        assert_eq!(m.version_date, "2015-01-01".parse().ok());
        assert!(m.url_rus.unwrap().ends_with("/rus/01.01.2015"));
        // No front matter, or a source that ends in no day: nothing is made up.
        assert_eq!(front_matter_meta("Статья 1. Текст\n"), Meta::default());
        let m = front_matter_meta("---\nsource: https://zan.example.test/doc/8/rus\n---\n");
        assert_eq!(m.version_date, None);
    }
}
