//! The data model: codes, acts, provisions, versions, penalties, topics, sources (pure data).
//!
//! These types mirror the RON files under `graph/` one to one, so the files are the schema.
//! Nothing here does I/O or validation; `load` reads them and `check` validates them.

mod penalty;

pub use penalty::fmt_months;

pub use penalty::{
    Confiscation, Fine, FineUnit, Imprisonment, Measure, MeasureKind, MeasureRole, MeasureUnit,
    Penalty,
};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date. Validity intervals are inclusive on both ends.
pub type Date = NaiveDate;

/// How sure we are of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Confidence {
    /// Read in the statute text (the official-text mirror).
    A,
    /// Taken from a secondary source (reports, news, translations, footnotes only).
    B,
    /// Inferred from A/B facts.
    C,
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Confidence::A => "A",
            Confidence::B => "B",
            Confidence::C => "C",
        })
    }
}

/// A criminal code as a whole (`graph/codes.ron`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    /// Stable id used in references: `cc1997`, `cc2014`.
    pub id: String,
    pub title: String,
    /// The act that adopted the code (an id in `graph/acts/`).
    pub act: String,
    /// First day the code applied.
    pub in_force: Date,
    /// Last day the code applied; `None` while it is in force.
    #[serde(default)]
    pub in_force_until: Option<Date>,
    pub sources: Vec<Cite>,
}

/// What kind of instrument an act is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActKind {
    Code,
    Law,
    ConstitutionalLaw,
    Decree,
    CourtResolution,
}

/// A law that enacted or amended provisions (`graph/acts/<id>.ron`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Act {
    pub id: String,
    pub kind: ActKind,
    /// Official number, e.g. `131-III`.
    pub number: String,
    /// Title in English, our translation.
    pub title: String,
    #[serde(default)]
    pub title_ru: Option<String>,
    pub signed: Date,
    /// Entry into force; `None` when no source gives even a best date.
    #[serde(default)]
    pub in_force: Option<Date>,
    /// The rule the act states for its entry into force, in our words.
    #[serde(default)]
    pub in_force_rule: Option<String>,
    /// How sure the entry-into-force date is, and why.
    pub in_force_confidence: Confidence,
    #[serde(default)]
    pub in_force_note: Option<String>,
    pub sources: Vec<Cite>,
}

/// A term of the controlled vocabulary (`graph/topics.ron`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// Broader topics: a query for a broader topic also matches this one.
    #[serde(default)]
    pub broader: Vec<String>,
    pub description: String,
}

/// What a source document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceKind {
    /// Official statute text (or a faithful mirror of it).
    Statute,
    /// A document in `shared/seeds/` that the project started from.
    Seed,
    /// A government or NGO report.
    Report,
    /// A court's interpretive resolution.
    CourtResolution,
    /// Commentary, news or unofficial translation.
    Secondary,
}

/// A document we cite (`graph/sources/<id>.ron`, with a note in `corpus/sources/<id>.md`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub kind: SourceKind,
    pub title: String,
    /// A stable address; for the statute mirror, the commit's folder.
    #[serde(default)]
    pub url: Option<String>,
    /// For seeds: the file name under `shared/seeds/`.
    #[serde(default)]
    pub seed_file: Option<String>,
    /// Date of the text (version date for statutes, publication date for reports).
    #[serde(default)]
    pub dated: Option<Date>,
}

/// A citation: a source and where in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    pub source: String,
    /// File, article, paragraph: whatever lets a reader find the passage.
    pub locator: String,
}

/// An article of one code, stable across its editions (`graph/provisions/<code>-<article>.ron`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    pub code: String,
    pub article: String,
    /// Short subject line used in listings when titles changed over time.
    pub subject: String,
    /// An offence carries sanctions; a general rule (gravity, reconciliation) does not.
    pub kind: ProvisionKind,
    /// Links to the provision(s) that continued this one in another code or number.
    #[serde(default)]
    pub renumbered_as: Vec<Renumbering>,
    /// Periods inside the timeline where the provision did not exist, with the reason.
    #[serde(default)]
    pub gaps: Vec<Gap>,
    pub versions: Vec<Version>,
}

/// Whether an article defines an offence or a general rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProvisionKind {
    Offence,
    GeneralRule,
}

/// A renumbering (or succession) link to another provision.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Renumbering {
    /// Canonical reference of the successor, e.g. `cc2014:135`.
    pub to: String,
    /// First day the successor applied in place of this provision.
    pub date: Date,
    pub act: String,
    pub confidence: Confidence,
    #[serde(default)]
    pub note: Option<String>,
    pub sources: Vec<Cite>,
}

/// A recorded hole in a provision's timeline.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    pub from: Date,
    pub to: Date,
    pub reason: String,
}

/// One edition of a provision.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Version {
    pub valid_from: Date,
    /// Last day of validity; `None` while in force.
    #[serde(default)]
    pub valid_to: Option<Date>,
    /// The act that gave the article this edition (the code itself for the original text).
    pub enacted_by: String,
    /// Further acts whose changes are folded into this edition.
    #[serde(default)]
    pub amended_by: Vec<String>,
    pub title: String,
    #[serde(default)]
    pub title_ru: Option<String>,
    /// What changed against the previous edition, in our words.
    pub changes: String,
    /// Our summary of the wording, inline. Hand-written data keeps it in
    /// `corpus/<code>/<article>/<valid_from>.md`; generated or imported data may put it here
    /// instead (a million separate files make every start slower). Never both.
    #[serde(default)]
    pub text: Option<String>,
    /// Why the dates are what they are, when they rest on a rule or an inference.
    #[serde(default)]
    pub date_note: Option<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    /// Other provisions this edition relies on (canonical references).
    #[serde(default)]
    pub refers_to: Vec<String>,
    pub parts: Vec<Part>,
    /// Notes to the article (definitions, lists), in our words.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Unnumbered paragraphs of the article that belong to no numbered part (1997 art. 67
    /// states its exclusions in one after part 4), in our words.
    #[serde(default)]
    pub paragraphs: Vec<Paragraph>,
    /// Machine-readable rules of a general-part article (gravity thresholds...).
    #[serde(default)]
    pub rules: Option<Rules>,
    /// Facts on which sources disagree, with the claim the data follows and why.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    pub confidence: Confidence,
    pub sources: Vec<Cite>,
}

/// A note to an article, such as a definition that other articles rely on.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// `1`, `2`; empty when the article has a single note.
    pub note: String,
    pub summary: String,
}

/// An unnumbered paragraph of an article, placed by the numbered part it follows.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// The numbered part the paragraph follows.
    pub after_part: String,
    pub summary: String,
}

/// A numbered part of an article, with its own sanction.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// `1`, `2`, `1-1`.
    pub part: String,
    /// The conduct or qualifying features, in our words.
    pub features: String,
    #[serde(default)]
    pub items: Vec<Item>,
    /// Required for offences; general rules have none.
    #[serde(default)]
    pub penalty: Option<Penalty>,
    #[serde(default)]
    pub topics: Vec<String>,
    /// The form of guilt the part requires; intentional unless the data says otherwise.
    #[serde(default)]
    pub guilt: Guilt,
    /// Overrides the version's grade for this part.
    #[serde(default)]
    pub confidence: Option<Confidence>,
    #[serde(default)]
    pub sources: Vec<Cite>,
}

/// Two or more sources disagreeing on a fact of an edition.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// What the disagreement is about ("penalty of part 3", "entry into force").
    pub about: String,
    pub claims: Vec<Claim>,
    /// Index into `claims` of the claim the data follows.
    pub follows: usize,
    pub why: String,
}

/// One source's version of a disputed fact.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub value: String,
    pub source: Cite,
}

/// Form of guilt of an offence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Guilt {
    #[default]
    Intentional,
    Negligent,
}

/// Rules a general-part article lays down, as data the analysis commands apply.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Rules {
    /// Gravity categories, from the least to the most grave.
    Gravity(Vec<GravityCategory>),
    /// Release from criminal liability on reconciliation with the victim.
    Reconciliation(ReconciliationRules),
    /// The operation of criminal law in time: which law governs an act, and when a later
    /// law reaches back.
    Retroactivity(RetroactivityRules),
    /// The code's own list of trafficking-related crimes (references to articles, parts or
    /// items), e.g. the 2013 note to 1997 art. 128 or 2014 art. 3 item 1-1.
    TraffickingList(Vec<String>),
}

/// The rule on criminal law in time, as the code states it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetroactivityRules {
    /// The article (and part) saying the law in force when the act was done governs.
    pub time_of_act: String,
    /// The part saying a milder law reaches back.
    pub milder_reaches_back: String,
    /// The part saying a harsher law never does.
    pub harsher_never: String,
}

/// Who may be released on reconciliation, and who never.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReconciliationRules {
    /// The court must release.
    #[serde(default)]
    pub mandatory: Vec<Eligibility>,
    /// The court may release.
    #[serde(default)]
    pub discretionary: Vec<Eligibility>,
    #[serde(default)]
    pub exclusions: Vec<Exclusion>,
}

/// A route to release: the gravity categories it covers and its conditions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    pub part: String,
    /// Gravity category ids (`minor`, `medium`, `grave`...).
    pub categories: Vec<String>,
    /// Which offenders may use this route, when it is limited (e.g. minors, pregnant women).
    #[serde(default)]
    pub offenders: Option<String>,
    /// Conditions in our words: first offence, reconciliation, harm made good...
    #[serde(default)]
    pub conditions: Vec<String>,
}

/// Offences the article does not apply to.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// The numbered part that states the exclusion; `None` when an unnumbered paragraph
    /// does (then `after_part` places it).
    #[serde(default)]
    pub part: Option<String>,
    /// The part after which the unnumbered paragraph stating the exclusion stands.
    #[serde(default)]
    pub after_part: Option<String>,
    #[serde(default)]
    pub item: Option<String>,
    /// What is excluded, in our words.
    pub what: String,
    /// Modelled provisions (article, part or item references) the exclusion reaches; empty
    /// when it reaches none of them (corruption, terrorism...).
    #[serde(default)]
    pub refs: Vec<String>,
    /// When the exclusion reaches a provision only in some cases (e.g. victim under 14).
    #[serde(default)]
    pub only_where: Option<String>,
    /// Grade of the link between the exclusion and `refs`.
    pub confidence: Confidence,
}

/// One gravity category and the maximum penalties that put an offence in it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GravityCategory {
    /// `minor`, `medium`, `grave`, `especially-grave`.
    pub id: String,
    pub label: String,
    /// The part of the article that defines the category.
    pub part: String,
    pub intentional: Threshold,
    pub negligent: Threshold,
}

/// A condition on the maximum imprisonment of an offence, in months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Threshold {
    /// The maximum is at most this many months.
    UpTo(u32),
    /// The maximum exceeds this many months (life imprisonment and death always do).
    Above(u32),
    /// No offence of this form of guilt falls in the category.
    Never,
}

impl Threshold {
    /// Whether a maximum of `months` (None = life or death) meets the condition.
    pub fn admits(self, months: Option<u32>) -> bool {
        match (self, months) {
            (Threshold::UpTo(x), Some(m)) => m <= x,
            (Threshold::UpTo(_), None) => false,
            (Threshold::Above(x), Some(m)) => m > x,
            (Threshold::Above(_), None) => true,
            (Threshold::Never, _) => false,
        }
    }
}

/// 1997-code item letters and the Latin ids the data gives them, in the code's order. Each
/// letter takes the Latin letter at its own place in the alphabet (ё not counted): `к` is the
/// 11th letter and `k` the 11th, because `й` holds the place of `j` though no item is lettered
/// `й`. So the ids run on past `п` -> `p` to `щ` -> `z`; `ъ`, `ы`, `ь` never letter an item, and
/// no list of the codes is long enough to reach `э`, `ю`, `я`.
pub const ITEM_LETTERS: &[(char, &str)] = &[
    ('а', "a"),
    ('б', "b"),
    ('в', "c"),
    ('г', "d"),
    ('д', "e"),
    ('е', "f"),
    ('ж', "g"),
    ('з', "h"),
    ('и', "i"),
    ('к', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('о', "o"),
    ('п', "p"),
    ('р', "q"),
    ('с', "r"),
    ('т', "s"),
    ('у', "t"),
    ('ф', "u"),
    ('х', "v"),
    ('ц', "w"),
    ('ч', "x"),
    ('ш', "y"),
    ('щ', "z"),
];

/// The data's Latin id of a Cyrillic item letter (`б` -> `b`, `п` -> `p`); either case.
pub fn item_letter_id(letter: char) -> Option<&'static str> {
    let low = letter.to_lowercase().next()?;
    ITEM_LETTERS
        .iter()
        .find(|(c, _)| *c == low)
        .map(|(_, l)| *l)
}

/// The Cyrillic letter an item id is printed with (`b` -> `б`).
pub fn item_letter_of(id: &str) -> Option<char> {
    ITEM_LETTERS.iter().find(|(_, l)| *l == id).map(|(c, _)| *c)
}

/// A lettered or numbered item of a part (a qualifying feature).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// `b` (1997 code, transliterated letters) or `2` (2014 code).
    pub item: String,
    pub features: String,
    #[serde(default)]
    pub topics: Vec<String>,
}

impl Exclusion {
    /// Where the article states it: `part 4`, or `paragraph after part 4`.
    pub fn place(&self) -> String {
        match (&self.part, &self.after_part) {
            (Some(p), _) => format!("part {p}"),
            (None, Some(a)) => format!("paragraph after part {a}"),
            (None, None) => "unplaced".to_string(),
        }
    }
}

impl Provision {
    /// Canonical reference, `code:article`.
    pub fn reference(&self) -> String {
        format!("{}:{}", self.code, self.article)
    }
}

impl Version {
    /// The longest imprisonment any part of this edition allows, in months.
    pub fn max_imprisonment_months(&self) -> Option<u32> {
        self.parts
            .iter()
            .filter_map(|p| p.penalty.as_ref())
            .filter_map(|p| p.imprisonment.max_months())
            .max()
    }

    /// Whether this edition's validity overlaps the inclusive interval `[from, to]`.
    pub fn overlaps(&self, from: Date, to: Date) -> bool {
        self.valid_from <= to && self.valid_to.is_none_or(|end| end >= from)
    }

    /// Whether this edition applied on `day`.
    pub fn covers_day(&self, day: Date) -> bool {
        self.overlaps(day, day)
    }
}
