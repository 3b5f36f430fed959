//! Answer views: the serializable shapes every command returns. The JSON schema is these
//! structs (documented in README "JSON schema"); the table renderer reads the same values.

use crate::graph::Law;
use crate::model::{Act, Cite, Imprisonment, Part, Penalty, Provision, Version};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ActView {
    pub id: String,
    /// `code`, `law`, `constitutionallaw`, `decree` or `courtresolution`.
    pub kind: String,
    pub number: String,
    pub title: String,
    pub signed: String,
    pub in_force: Option<String>,
    pub in_force_confidence: String,
}

impl ActView {
    pub fn of(act: &Act) -> ActView {
        ActView {
            id: act.id.clone(),
            kind: format!("{:?}", act.kind).to_lowercase(),
            number: act.number.clone(),
            title: act.title.clone(),
            signed: act.signed.to_string(),
            in_force: act.in_force.map(|d| d.to_string()),
            in_force_confidence: act.in_force_confidence.to_string(),
        }
    }

    /// A view for an id that does not resolve (only possible on unchecked data).
    fn missing(id: &str) -> ActView {
        ActView {
            id: id.to_string(),
            kind: String::new(),
            number: String::new(),
            title: String::new(),
            signed: String::new(),
            in_force: None,
            in_force_confidence: "C".into(),
        }
    }

    pub fn lookup(law: &Law, id: &str) -> ActView {
        law.act(id)
            .map_or_else(|| ActView::missing(id), ActView::of)
    }

    /// `Law 131-III` style label, for narrow columns.
    pub fn short(&self) -> String {
        let full = self.label();
        full.split(" of ").next().unwrap_or(&full).to_string()
    }

    /// `Law 131-III of 2006-03-02` style label.
    pub fn label(&self) -> String {
        let kind = match self.kind.as_str() {
            "code" => "Code",
            "law" => "Law",
            "constitutionallaw" => "Constitutional Law",
            "decree" => "Decree",
            "courtresolution" => "Supreme Court resolution",
            _ => return self.id.clone(),
        };
        format!("{kind} {} of {}", self.number, self.signed)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub url: Option<String>,
    pub seed_file: Option<String>,
    pub locator: String,
}

impl SourceView {
    pub fn of(law: &Law, cite: &Cite) -> SourceView {
        let src = law.source(&cite.source);
        SourceView {
            id: cite.source.clone(),
            kind: src.map_or("unknown".into(), |s| format!("{:?}", s.kind).to_lowercase()),
            title: src.map_or(String::new(), |s| s.title.clone()),
            url: src.and_then(|s| s.url.clone()),
            seed_file: src.and_then(|s| s.seed_file.clone()),
            locator: cite.locator.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ImprisonmentView {
    /// `term`, `none` (no imprisonment in the sanction) or `unknown`.
    pub status: &'static str,
    pub min_months: Option<u32>,
    pub max_months: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FineView {
    pub unit: &'static str,
    pub min: Option<u32>,
    pub max: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PenaltyView {
    pub imprisonment: ImprisonmentView,
    pub fine: Vec<FineView>,
    pub confiscation: &'static str,
    pub other: Vec<String>,
    pub life: bool,
    /// Left out when false, so answers on curated data keep their shape.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub death: bool,
    /// Typed measures (imported data); left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<MeasureView>,
    /// The whole sanction on one line.
    pub summary: String,
    /// The sanction as data, for wording it in another language.
    #[serde(skip)]
    pub typed: Penalty,
}

/// One typed measure in an answer.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureView {
    pub kind: &'static str,
    pub unit: Option<&'static str>,
    pub min: Option<u32>,
    pub max: Option<u32>,
    /// `alternative`, `mandatory` (always added) or `optional` (added at discretion).
    pub role: &'static str,
    pub lifelong: bool,
    /// Items of the part the measure is limited to; left out when it always applies.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub only_items: Vec<String>,
}

impl PenaltyView {
    pub fn of(p: &Penalty) -> PenaltyView {
        let imprisonment = match p.imprisonment {
            Imprisonment::None => ImprisonmentView {
                status: "none",
                min_months: None,
                max_months: None,
            },
            Imprisonment::Unknown => ImprisonmentView {
                status: "unknown",
                min_months: None,
                max_months: None,
            },
            Imprisonment::Term { min, max } => ImprisonmentView {
                status: "term",
                min_months: min,
                max_months: Some(max),
            },
        };
        PenaltyView {
            imprisonment,
            fine: p
                .fines
                .iter()
                .map(|f| FineView {
                    unit: f.unit.as_str(),
                    min: f.min,
                    max: f.max,
                })
                .collect(),
            confiscation: p.confiscation.as_str(),
            other: p.other.clone(),
            life: p.life,
            death: p.death,
            measures: p
                .measures
                .iter()
                .map(|m| MeasureView {
                    kind: m.kind.as_str(),
                    unit: m.unit.map(|u| u.as_str()),
                    min: m.min,
                    max: m.max,
                    role: match m.role {
                        crate::model::MeasureRole::Alternative => "alternative",
                        crate::model::MeasureRole::Mandatory => "mandatory",
                        crate::model::MeasureRole::Optional => "optional",
                    },
                    lifelong: m.lifelong,
                    only_items: m.only_items.clone(),
                })
                .collect(),
            summary: p.summary(),
            typed: p.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub item: String,
    pub features: String,
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    pub part: String,
    pub features: String,
    pub items: Vec<ItemView>,
    pub penalty: Option<PenaltyView>,
    pub topics: Vec<String>,
    pub confidence: String,
}

impl PartView {
    pub fn of(part: &Part, v: &Version) -> PartView {
        PartView {
            part: part.part.clone(),
            features: part.features.clone(),
            items: part
                .items
                .iter()
                .map(|i| ItemView {
                    item: i.item.clone(),
                    features: i.features.clone(),
                    topics: i.topics.clone(),
                })
                .collect(),
            penalty: part.penalty.as_ref().map(PenaltyView::of),
            topics: part.topics.clone(),
            confidence: part.confidence.unwrap_or(v.confidence).to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    pub note: String,
    pub summary: String,
}

/// One edition of one provision: the core of most answers.
#[derive(Debug, Clone, Serialize)]
pub struct VersionView {
    #[serde(rename = "ref")]
    pub reference: String,
    pub code: String,
    pub article: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub title: String,
    pub title_ru: Option<String>,
    pub subject: String,
    pub enacted_by: ActView,
    pub amended_by: Vec<ActView>,
    pub confidence: String,
    pub date_note: Option<String>,
    pub topics: Vec<String>,
    pub changes: String,
    pub parts: Vec<PartView>,
    pub notes: Vec<NoteView>,
    /// Unnumbered paragraphs outside the numbered parts; left out of JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<crate::model::Paragraph>,
    pub refers_to: Vec<String>,
    pub sources: Vec<SourceView>,
    /// Facts on which sources disagree, with the claim followed (see `check --conflicts`).
    pub conflicts: Vec<crate::model::Conflict>,
    /// Machine-readable rules of a general-part article, as in the data.
    pub rules: Option<crate::model::Rules>,
    /// Our summary of the edition's wording (in `show`; omitted elsewhere).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl VersionView {
    pub fn of(law: &Law, p: &Provision, v: &Version, with_text: bool) -> VersionView {
        VersionView {
            reference: p.reference(),
            code: p.code.clone(),
            article: p.article.clone(),
            valid_from: v.valid_from.to_string(),
            valid_to: v.valid_to.map(|d| d.to_string()),
            title: v.title.clone(),
            title_ru: v.title_ru.clone(),
            subject: p.subject.clone(),
            enacted_by: ActView::lookup(law, &v.enacted_by),
            amended_by: v
                .amended_by
                .iter()
                .map(|a| ActView::lookup(law, a))
                .collect(),
            confidence: v.confidence.to_string(),
            date_note: v.date_note.clone(),
            topics: v.topics.clone(),
            changes: v.changes.clone(),
            parts: v.parts.iter().map(|pt| PartView::of(pt, v)).collect(),
            notes: v
                .notes
                .iter()
                .map(|n| NoteView {
                    note: n.note.clone(),
                    summary: n.summary.clone(),
                })
                .collect(),
            paragraphs: v.paragraphs.clone(),
            refers_to: v.refers_to.clone(),
            sources: v.sources.iter().map(|c| SourceView::of(law, c)).collect(),
            conflicts: v.conflicts.clone(),
            rules: v.rules.clone(),
            text: if with_text {
                law.text(p, v).map(|t| t.trim().to_string())
            } else {
                None
            },
        }
    }

    /// `2006-03-17 – 2013-07-20` or `2015-01-01 – in force`.
    pub fn interval(&self) -> String {
        format!(
            "{} – {}",
            self.valid_from,
            self.valid_to.as_deref().unwrap_or("in force")
        )
    }
}

/// A pointer to one edition: which provision, its interval, and the act that made it.
#[derive(Debug, Clone, Serialize)]
pub struct EditionRef {
    #[serde(rename = "ref")]
    pub reference: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub enacted_by: String,
}

impl EditionRef {
    pub fn of(p: &Provision, v: &Version) -> EditionRef {
        EditionRef {
            reference: p.reference(),
            valid_from: v.valid_from.to_string(),
            valid_to: v.valid_to.map(|d| d.to_string()),
            enacted_by: v.enacted_by.clone(),
        }
    }
}
