//! The law as RDF triples with the ELI ontology (`eli:`) and lexchron's own small vocabulary
//! (`lx:`, documented in `docs/vocab.ttl`), handed subject by subject to a triple writer.
//!
//! Shapes (IRIs under the base): a code `{base}cc1997`, a provision `{base}cc1997/128`
//! (`eli:LegalResource`), an edition `{base}cc1997/128/2006-03-02` (`eli:LegalExpression`),
//! its parts `.../part/3` and items `.../part/2/item/b` (`eli:LegalResourceSubdivision`), an
//! act `{base}act/kz-law-2006-131-III`, a source `{base}source/seed-004`. All triples of one
//! subject are written together, so the serializers can group them.

use super::{Base, Sink, Visit};
use crate::graph::Law;
use crate::model::{Cite, Confidence, Date, Imprisonment, Part, Penalty, Provision, Version};
use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Literal, NamedNode, NamedNodeRef, TermRef, TripleRef};
use std::io;

/// The namespace of lexchron's vocabulary. It does not follow `--base`, so one query works
/// on every export.
pub const VOCAB: &str = "https://example.org/lexchron/vocab#";

/// The ELI ontology.
pub const ELI: &str = "http://data.europa.eu/eli/ontology#";

/// The prefixes both serializers declare.
const PREFIXES: [(&str, &str); 3] = [
    ("eli", ELI),
    ("lx", VOCAB),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// Declares [`PREFIXES`] on a serializer through its `with_prefix`. The IRIs are checked
/// constants, so a prefix cannot fail; one that did would only make the output longer.
pub(crate) fn with_prefixes<S: Clone, E>(
    mut s: S,
    with: impl Fn(S, &str, &str) -> Result<S, E>,
) -> S {
    for (name, iri) in PREFIXES {
        s = with(s.clone(), name, iri).unwrap_or(s);
    }
    s
}

macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        $(pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local));)*
    };
}

/// ELI classes and properties used here.
pub mod eli {
    use super::NamedNodeRef;
    terms!("http://data.europa.eu/eli/ontology#";
        LEGAL_RESOURCE = "LegalResource",
        LEGAL_EXPRESSION = "LegalExpression",
        SUBDIVISION = "LegalResourceSubdivision",
        ID_LOCAL = "id_local",
        NUMBER = "number",
        IS_PART_OF = "is_part_of",
        HAS_PART = "has_part",
        REALIZES = "realizes",
        IS_REALIZED_BY = "is_realized_by",
        VERSION_DATE = "version_date",
        NO_LONGER_IN_FORCE = "date_no_longer_in_force",
        FIRST_IN_FORCE = "first_date_entry_in_force",
        DATE_DOCUMENT = "date_document",
        TITLE = "title",
        DESCRIPTION = "description",
        CHANGED_BY = "changed_by",
    );
}

/// lexchron's vocabulary (`docs/vocab.ttl` defines each term).
pub mod lx {
    use super::NamedNodeRef;
    terms!("https://example.org/lexchron/vocab#";
        CODE = "Code",
        PROVISION = "Provision",
        ACT = "Act",
        EDITION = "Edition",
        PART = "Part",
        ITEM = "Item",
        FINE = "Fine",
        CITATION = "Citation",
        SOURCE = "Source",
        RENUMBERING = "Renumbering",
        SUBJECT = "subject",
        KIND = "kind",
        ADOPTED_BY = "adoptedBy",
        ACT_KIND = "actKind",
        SOURCE_KIND = "sourceKind",
        URL = "url",
        ENACTED_BY = "enactedBy",
        AMENDED_BY = "amendedBy",
        CHANGES = "changes",
        TOPIC = "topic",
        CONFIDENCE = "confidence",
        CITES = "citation",
        CITED = "source",
        LOCATOR = "locator",
        RENUMBERED_AS = "renumberedAs",
        HAS_RENUMBERING = "renumbering",
        FROM = "from",
        TO = "to",
        DATE = "date",
        BY_ACT = "act",
        NOTE = "note",
        IMPRISONMENT = "imprisonment",
        MIN_MONTHS = "minImprisonmentMonths",
        MAX_MONTHS = "maxImprisonmentMonths",
        LIFE = "life",
        DEATH = "death",
        CONFISCATION = "confiscation",
        HAS_FINE = "fine",
        FINE_UNIT = "fineUnit",
        FINE_MIN = "fineMin",
        FINE_MAX = "fineMax",
        OTHER_MEASURE = "otherMeasure",
        GUILT = "guilt",
    );
}

/// Where the triples go: a Turtle or JSON-LD serializer.
pub(crate) trait Triples {
    fn triple(&mut self, t: TripleRef<'_>) -> io::Result<()>;
    fn finish(self) -> io::Result<()>;
}

/// Percent-encodes one path segment, so any id makes a valid IRI.
fn seg(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn date(d: Date) -> Literal {
    Literal::new_typed_literal(d.format("%Y-%m-%d").to_string(), xsd::DATE)
}

/// Text of the data, tagged by its script: what we write is English, but imported editions
/// carry the official Russian title and wording, which must not claim to be `@en`. A text
/// is `@ru` when most of its words are Cyrillic (an English note quoting a Russian term
/// stays `@en`).
fn tagged(s: &str) -> Literal {
    let (mut cyrillic, mut other) = (0usize, 0usize);
    for w in s
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
    {
        if crate::lang::stem::is_cyrillic(w) {
            cyrillic += 1;
        } else {
            other += 1;
        }
    }
    let tag = if cyrillic > other { "ru" } else { "en" };
    Literal::new_language_tagged_literal_unchecked(s, tag)
}

fn ru(s: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(s, "ru")
}

/// The Russian title beside `title`, unless it is the same text (an imported edition's
/// title is the Russian one already).
fn other_title(title: &str, ru_title: Option<&str>) -> Option<Literal> {
    ru_title.filter(|r| r.trim() != title.trim()).map(ru)
}

fn grade(c: Confidence) -> Literal {
    Literal::new_simple_literal(c.to_string())
}

fn plain(s: &str) -> Literal {
    Literal::new_simple_literal(s)
}

/// The RDF form of the law, written to `T`.
pub(crate) struct Graph<T> {
    out: T,
    base: String,
}

/// The triples of one subject, collected and then written together.
struct Subject<'a, T: Triples> {
    out: &'a mut T,
    iri: NamedNode,
}

impl<T: Triples> Subject<'_, T> {
    fn to(&mut self, p: NamedNodeRef<'_>, o: impl Into<Object>) -> io::Result<&mut Self> {
        let o = o.into();
        let term: TermRef<'_> = match &o {
            Object::Iri(n) => n.as_ref().into(),
            Object::Lit(l) => l.as_ref().into(),
        };
        self.out
            .triple(TripleRef::new(self.iri.as_ref(), p, term))?;
        Ok(self)
    }

    fn opt(&mut self, p: NamedNodeRef<'_>, o: Option<impl Into<Object>>) -> io::Result<&mut Self> {
        match o {
            Some(o) => self.to(p, o),
            None => Ok(self),
        }
    }
}

/// An object of a triple: an IRI or a literal.
enum Object {
    Iri(NamedNode),
    Lit(Literal),
}

impl From<NamedNode> for Object {
    fn from(n: NamedNode) -> Self {
        Object::Iri(n)
    }
}

impl From<NamedNodeRef<'_>> for Object {
    fn from(n: NamedNodeRef<'_>) -> Self {
        Object::Iri(n.into_owned())
    }
}

impl From<Literal> for Object {
    fn from(l: Literal) -> Self {
        Object::Lit(l)
    }
}

impl<T: Triples> Graph<T> {
    pub fn new(out: T, base: &Base) -> Self {
        Graph {
            out,
            base: base.as_str().to_string(),
        }
    }

    fn iri(&self, path: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{path}", self.base))
    }

    fn code_iri(&self, code: &str) -> NamedNode {
        self.iri(&seg(code))
    }

    fn act_iri(&self, act: &str) -> NamedNode {
        self.iri(&format!("act/{}", seg(act)))
    }

    fn source_iri(&self, source: &str) -> NamedNode {
        self.iri(&format!("source/{}", seg(source)))
    }

    /// `code:article` as an IRI; references in the data are canonical and checked.
    fn provision_iri(&self, reference: &str) -> NamedNode {
        let (code, article) = reference.split_once(':').unwrap_or(("", reference));
        self.iri(&format!("{}/{}", seg(code), seg(article)))
    }

    fn subject(&mut self, iri: NamedNode) -> Subject<'_, T> {
        Subject {
            out: &mut self.out,
            iri,
        }
    }

    /// Citation nodes `{owner}/cite/{n}`, each with its source and locator; the owner links
    /// to them through `lx:citation`, written by the caller.
    fn citations(&mut self, owner: &NamedNode, cites: &[Cite]) -> io::Result<()> {
        for (n, c) in cites.iter().enumerate() {
            let source = self.source_iri(&c.source);
            let iri = NamedNode::new_unchecked(format!("{}/cite/{n}", owner.as_str()));
            self.subject(iri)
                .to(rdf::TYPE, lx::CITATION)?
                .to(lx::CITED, source)?
                .to(lx::LOCATOR, plain(&c.locator))?;
        }
        Ok(())
    }

    fn cite_links(owner: &mut Subject<'_, T>, cites: &[Cite]) -> io::Result<()> {
        for n in 0..cites.len() {
            let iri = NamedNode::new_unchecked(format!("{}/cite/{n}", owner.iri.as_str()));
            owner.to(lx::CITES, iri)?;
        }
        Ok(())
    }

    fn edition(&mut self, p: &Provision, v: &Version, text: Option<&str>) -> io::Result<()> {
        let prov = self.provision_iri(&p.reference());
        let ed = NamedNode::new_unchecked(format!("{}/{}", prov.as_str(), v.valid_from));
        let enacted = self.act_iri(&v.enacted_by);
        let amended: Vec<NamedNode> = v.amended_by.iter().map(|a| self.act_iri(a)).collect();
        let parts: Vec<NamedNode> = v
            .parts
            .iter()
            .map(|pt| NamedNode::new_unchecked(format!("{}/part/{}", ed.as_str(), seg(&pt.part))))
            .collect();
        let mut s = self.subject(ed.clone());
        s.to(rdf::TYPE, eli::LEGAL_EXPRESSION)?
            .to(rdf::TYPE, lx::EDITION)?
            .to(eli::REALIZES, prov)?
            .to(eli::VERSION_DATE, date(v.valid_from))?
            .opt(eli::NO_LONGER_IN_FORCE, v.valid_to.map(date))?
            .to(eli::TITLE, tagged(&v.title))?
            .opt(eli::TITLE, other_title(&v.title, v.title_ru.as_deref()))?
            .opt(eli::DESCRIPTION, text.map(tagged))?
            .to(lx::CHANGES, tagged(&v.changes))?
            .to(lx::ENACTED_BY, enacted)?;
        for a in amended {
            s.to(lx::AMENDED_BY, a)?;
        }
        for t in &v.topics {
            s.to(lx::TOPIC, plain(t))?;
        }
        s.to(lx::CONFIDENCE, grade(v.confidence))?;
        Self::cite_links(&mut s, &v.sources)?;
        for part in &parts {
            s.to(eli::HAS_PART, part.clone())?;
        }
        self.citations(&ed, &v.sources)?;
        for (pt, iri) in v.parts.iter().zip(parts) {
            self.part(&ed, pt, iri)?;
        }
        Ok(())
    }

    fn part(&mut self, edition: &NamedNode, pt: &Part, iri: NamedNode) -> io::Result<()> {
        let items: Vec<NamedNode> = pt
            .items
            .iter()
            .map(|it| NamedNode::new_unchecked(format!("{}/item/{}", iri.as_str(), seg(&it.item))))
            .collect();
        let fines: Vec<NamedNode> = pt
            .penalty
            .iter()
            .flat_map(|pen| 0..pen.fines.len())
            .map(|n| NamedNode::new_unchecked(format!("{}/fine/{n}", iri.as_str())))
            .collect();
        let mut s = self.subject(iri.clone());
        s.to(rdf::TYPE, eli::SUBDIVISION)?
            .to(rdf::TYPE, lx::PART)?
            .to(eli::NUMBER, plain(&pt.part))?
            .to(eli::IS_PART_OF, edition.clone())?
            .to(eli::DESCRIPTION, tagged(&pt.features))?
            .to(
                lx::GUILT,
                plain(match pt.guilt {
                    crate::model::Guilt::Intentional => "intentional",
                    crate::model::Guilt::Negligent => "negligent",
                }),
            )?
            .opt(lx::CONFIDENCE, pt.confidence.map(grade))?;
        for t in &pt.topics {
            s.to(lx::TOPIC, plain(t))?;
        }
        if let Some(pen) = &pt.penalty {
            Self::penalty(&mut s, pen, &fines)?;
        }
        Self::cite_links(&mut s, &pt.sources)?;
        for item in &items {
            s.to(eli::HAS_PART, item.clone())?;
        }
        if let Some(pen) = &pt.penalty {
            for (f, firi) in pen.fines.iter().zip(fines) {
                self.subject(firi)
                    .to(rdf::TYPE, lx::FINE)?
                    .to(lx::FINE_UNIT, plain(fine_unit(f.unit)))?
                    .opt(lx::FINE_MIN, f.min.map(Literal::from))?
                    .opt(lx::FINE_MAX, f.max.map(Literal::from))?;
            }
        }
        self.citations(&iri, &pt.sources)?;
        for (it, item_iri) in pt.items.iter().zip(items) {
            let mut s = self.subject(item_iri);
            s.to(rdf::TYPE, eli::SUBDIVISION)?
                .to(rdf::TYPE, lx::ITEM)?
                .to(eli::NUMBER, plain(&it.item))?
                .to(eli::IS_PART_OF, iri.clone())?
                .to(eli::DESCRIPTION, tagged(&it.features))?;
            for t in &it.topics {
                s.to(lx::TOPIC, plain(t))?;
            }
        }
        Ok(())
    }

    fn penalty(s: &mut Subject<'_, T>, pen: &Penalty, fines: &[NamedNode]) -> io::Result<()> {
        let kind = match pen.imprisonment {
            Imprisonment::None => "none",
            Imprisonment::Unknown => "unknown",
            Imprisonment::Term { .. } => "term",
        };
        s.to(lx::IMPRISONMENT, plain(kind))?
            .opt(
                lx::MIN_MONTHS,
                pen.imprisonment.min_months().map(Literal::from),
            )?
            .opt(
                lx::MAX_MONTHS,
                pen.imprisonment.max_months().map(Literal::from),
            )?
            .to(lx::LIFE, Literal::from(pen.life))?
            .to(lx::DEATH, Literal::from(pen.death))?
            .to(lx::CONFISCATION, plain(pen.confiscation.as_str()))?;
        for f in fines {
            s.to(lx::HAS_FINE, f.clone())?;
        }
        // Typed measures (imported data) as the one phrase `show` prints, then the
        // hand-written ones.
        for m in &pen.measures {
            s.to(lx::OTHER_MEASURE, tagged(&m.summary()))?;
        }
        for o in &pen.other {
            s.to(lx::OTHER_MEASURE, tagged(o))?;
        }
        Ok(())
    }
}

/// Fine units as short tokens (CSV uses the same).
pub(crate) fn fine_unit(u: crate::model::FineUnit) -> &'static str {
    match u {
        crate::model::FineUnit::Mci => "MCI",
        crate::model::FineUnit::MonthsIncome => "months-of-income",
        crate::model::FineUnit::Unknown => "unknown",
        crate::model::FineUnit::Multiple => "multiple",
    }
}

fn kind_token<T: std::fmt::Debug>(k: T) -> String {
    // `ConstitutionalLaw` -> `constitutional-law`: the enum names are the data's own words.
    let mut out = String::new();
    for (i, c) in format!("{k:?}").chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

impl<T: Triples> Sink for Graph<T> {
    fn start(&mut self, law: &Law) -> io::Result<()> {
        for c in law.codes() {
            let iri = self.code_iri(&c.id);
            let act = self.act_iri(&c.act);
            let mut s = self.subject(iri.clone());
            s.to(rdf::TYPE, eli::LEGAL_RESOURCE)?
                .to(rdf::TYPE, lx::CODE)?
                .to(eli::ID_LOCAL, plain(&c.id))?
                .to(eli::TITLE, tagged(&c.title))?
                .to(eli::FIRST_IN_FORCE, date(c.in_force))?
                .opt(eli::NO_LONGER_IN_FORCE, c.in_force_until.map(date))?
                .to(lx::ADOPTED_BY, act)?;
            Self::cite_links(&mut s, &c.sources)?;
            self.citations(&iri, &c.sources)?;
        }
        for a in law.acts() {
            let iri = self.act_iri(&a.id);
            let mut s = self.subject(iri.clone());
            s.to(rdf::TYPE, eli::LEGAL_RESOURCE)?
                .to(rdf::TYPE, lx::ACT)?
                .to(eli::ID_LOCAL, plain(&a.id))?
                .to(eli::NUMBER, plain(&a.number))?
                .to(lx::ACT_KIND, plain(&kind_token(a.kind)))?
                .to(eli::TITLE, tagged(&a.title))?
                .opt(eli::TITLE, other_title(&a.title, a.title_ru.as_deref()))?
                .to(eli::DATE_DOCUMENT, date(a.signed))?
                .opt(eli::FIRST_IN_FORCE, a.in_force.map(date))?
                .to(lx::CONFIDENCE, grade(a.in_force_confidence))?
                .opt(lx::NOTE, a.in_force_note.as_deref().map(tagged))?;
            Self::cite_links(&mut s, &a.sources)?;
            self.citations(&iri, &a.sources)?;
        }
        for (src, _) in &law.meta().sources {
            let iri = self.source_iri(&src.id);
            self.subject(iri)
                .to(rdf::TYPE, lx::SOURCE)?
                .to(eli::ID_LOCAL, plain(&src.id))?
                .to(lx::SOURCE_KIND, plain(&kind_token(src.kind)))?
                .to(eli::TITLE, tagged(&src.title))?
                .opt(lx::URL, src.url.as_deref().map(plain))?
                .opt(eli::DATE_DOCUMENT, src.dated.map(date))?;
        }
        Ok(())
    }

    fn provision(&mut self, visit: &Visit<'_>) -> io::Result<()> {
        let p = visit.provision;
        let reference = p.reference();
        let iri = self.provision_iri(&reference);
        let code = self.code_iri(&p.code);
        let editions: Vec<NamedNode> = visit
            .editions
            .iter()
            .map(|(v, _)| NamedNode::new_unchecked(format!("{}/{}", iri.as_str(), v.valid_from)))
            .collect();
        let mut acts: Vec<&str> = visit
            .editions
            .iter()
            .flat_map(|(v, _)| std::iter::once(&v.enacted_by).chain(&v.amended_by))
            .map(String::as_str)
            .collect();
        acts.sort_unstable();
        acts.dedup();
        let acts: Vec<NamedNode> = acts.into_iter().map(|a| self.act_iri(a)).collect();
        let successors: Vec<NamedNode> = p
            .renumbered_as
            .iter()
            .map(|r| self.provision_iri(&r.to))
            .collect();
        let mut s = self.subject(iri.clone());
        s.to(rdf::TYPE, eli::LEGAL_RESOURCE)?
            .to(rdf::TYPE, lx::PROVISION)?
            .to(eli::ID_LOCAL, plain(&reference))?
            .to(eli::NUMBER, plain(&p.article))?
            .to(eli::IS_PART_OF, code)?
            .to(lx::SUBJECT, tagged(&p.subject))?
            .to(
                lx::KIND,
                plain(match p.kind {
                    crate::model::ProvisionKind::Offence => "offence",
                    crate::model::ProvisionKind::GeneralRule => "general-rule",
                }),
            )?;
        for a in acts {
            s.to(eli::CHANGED_BY, a)?;
        }
        for to in &successors {
            s.to(lx::RENUMBERED_AS, to.clone())?;
        }
        for n in 0..successors.len() {
            let r = NamedNode::new_unchecked(format!("{}/renumbering/{n}", iri.as_str()));
            s.to(lx::HAS_RENUMBERING, r)?;
        }
        for e in &editions {
            s.to(eli::IS_REALIZED_BY, e.clone())?;
        }
        for (n, (r, to)) in p.renumbered_as.iter().zip(successors).enumerate() {
            let node = NamedNode::new_unchecked(format!("{}/renumbering/{n}", iri.as_str()));
            let act = self.act_iri(&r.act);
            let mut s = self.subject(node.clone());
            s.to(rdf::TYPE, lx::RENUMBERING)?
                .to(lx::FROM, iri.clone())?
                .to(lx::TO, to)?
                .to(lx::DATE, date(r.date))?
                .to(lx::BY_ACT, act)?
                .to(lx::CONFIDENCE, grade(r.confidence))?
                .opt(lx::NOTE, r.note.as_deref().map(tagged))?;
            Self::cite_links(&mut s, &r.sources)?;
            self.citations(&node, &r.sources)?;
        }
        for (v, text) in &visit.editions {
            self.edition(p, v, *text)?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        self.out.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any id, article or part number makes a valid IRI under any accepted base.
        #[test]
        fn any_segment_makes_a_valid_iri(base in "[a-z]{1,8}://[a-z.]{1,12}(/[a-z]{0,5}){0,2}", s in any::<String>()) {
            if let Ok(b) = Base::parse(&base) {
                let iri = format!("{}{}", b.as_str(), seg(&s));
                prop_assert!(NamedNode::new(iri.as_str()).is_ok(), "{iri}");
            }
        }

        /// Base::parse never panics, and what it accepts is an absolute IRI ending in / or #.
        #[test]
        fn base_parse_accepts_only_absolute_iris(s in any::<String>()) {
            if let Ok(b) = Base::parse(&s) {
                prop_assert!(b.as_str().ends_with('/') || b.as_str().ends_with('#'));
                prop_assert!(oxrdf::NamedNode::new(b.as_str()).is_ok());
            }
        }
    }

    #[test]
    fn segments_keep_readable_ids_and_escape_the_rest() {
        assert_eq!(seg("132-1"), "132-1");
        assert_eq!(seg("a/b c"), "a%2Fb%20c");
        assert_eq!(seg("б"), "%D0%B1");
        assert_eq!(
            kind_token(crate::model::ActKind::ConstitutionalLaw),
            "constitutional-law"
        );
    }

    #[test]
    fn text_is_tagged_by_its_script() {
        let lang = |s: &str| tagged(s).language().map(str::to_string);
        assert_eq!(
            lang("Вербовка людей для эксплуатации").as_deref(),
            Some("ru")
        );
        assert_eq!(lang("Recruitment of people").as_deref(), Some("en"));
        // An English sentence quoting one Russian term stays English; numbers do not count.
        assert_eq!(lang("Ban on «вербовка» for 3 years").as_deref(), Some("en"));
        assert_eq!(lang("1) вербовка 2) перевозка").as_deref(), Some("ru"));
        assert_eq!(other_title("Вербовка", Some(" Вербовка ")), None);
        assert_eq!(
            other_title("Recruitment", Some("Вербовка")).map(|l| l.value().to_string()),
            Some("Вербовка".to_string())
        );
    }
}
