//! Full-text index (tantivy) over every version: title, Russian title, our summary, parts,
//! notes and topics (with synonyms), with date fields for "in force during" filters.
//!
//! The index is cached per user, keyed by a hash of the data. A cache directory is only ever
//! published by renaming a finished build, and every file in it is hashed in a marker, so a
//! truncated, zero-filled or half-written cache is detected and rebuilt, never trusted.

mod cache;

pub use cache::{CacheOutcome, open_cached};

use crate::graph::Law;
use crate::model::{Provision, Version};
use crate::query::{InputError, When};
use serde::Serialize;
use std::collections::BTreeSet;
use std::ops::Bound;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    DateOptions, Field, IndexRecordOption, STORED, STRING, Schema, TantivyDocument,
    TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::{DateTime, Index, IndexReader, ReloadPolicy, Term, doc};

/// Bumped whenever the schema or the document layout changes, so old caches are not reused.
pub const SCHEMA_VERSION: u32 = 3;

/// Most results a search may ask for.
pub const MAX_LIMIT: usize = 1000;

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Clone, Copy, Debug)]
struct Fields {
    reference: Field,
    code: Field,
    article: Field,
    title: Field,
    shown_title: Field,
    title_ru: Field,
    body: Field,
    topics: Field,
    part_topics: Field,
    valid_from: Field,
    valid_to: Field,
    confidence: Field,
}

/// An open index and the reader over it.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    f: Fields,
}

/// One ranked result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    #[serde(rename = "ref")]
    pub reference: String,
    pub code: String,
    pub article: String,
    pub title: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub confidence: String,
    pub score: f32,
    /// A passage of the text around the matches.
    pub snippet: String,
    /// Byte ranges of the matched words inside `snippet`.
    pub highlights: Vec<[usize; 2]>,
}

/// Filters applied on top of the text query.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub at: Option<When>,
    pub code: Option<String>,
    pub limit: usize,
}

const RU_STEM: &str = "ru_stem";
/// The open end of a version in force, as a date far enough away.
// tantivy stores nanoseconds in an i64, so the far end must stay before 2262.
const OPEN_END: i64 = 7_258_118_400; // 2200-01-01

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let en = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let ru = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(RU_STEM)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let date = DateOptions::default().set_indexed().set_fast().set_stored();
    let f = Fields {
        reference: b.add_text_field("ref", STRING | STORED),
        code: b.add_text_field("code", STRING | STORED),
        article: b.add_text_field("article", STRING | STORED),
        title: b.add_text_field("title", en.clone()),
        shown_title: b.add_text_field("shown_title", STORED),
        title_ru: b.add_text_field("title_ru", ru),
        body: b.add_text_field("text", en.clone()),
        topics: b.add_text_field("topics", en.clone()),
        part_topics: b.add_text_field("part_topics", en),
        valid_from: b.add_date_field("valid_from", date.clone()),
        valid_to: b.add_date_field("valid_to", date),
        confidence: b.add_text_field("confidence", STRING | STORED),
    };
    (b.build(), f)
}

fn fields_of(schema: &Schema) -> Option<Fields> {
    let g = |n: &str| schema.get_field(n).ok();
    Some(Fields {
        reference: g("ref")?,
        code: g("code")?,
        article: g("article")?,
        title: g("title")?,
        shown_title: g("shown_title")?,
        title_ru: g("title_ru")?,
        body: g("text")?,
        topics: g("topics")?,
        part_topics: g("part_topics")?,
        valid_from: g("valid_from")?,
        valid_to: g("valid_to")?,
        confidence: g("confidence")?,
    })
}

fn register_tokenizers(index: &Index) {
    let ru = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::Russian))
        .build();
    index.tokenizers().register(RU_STEM, ru);
}

fn day(d: crate::model::Date) -> DateTime {
    let secs = d
        .and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp());
    DateTime::from_timestamp_secs(secs)
}

/// The searchable text of one version, field by field: what the index holds, so another
/// store (the SQLite comparison in `benches/`) can index exactly the same words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocText {
    /// Title, subject and reference.
    pub title: String,
    pub title_ru: String,
    /// Our summary of the wording, what changed, parts, items and notes.
    pub body: String,
    /// Labels and synonyms of the article's topics.
    pub topics: String,
    /// Labels and synonyms of the topics of its parts and items.
    pub part_topics: String,
}

/// The searchable text of version `v` of `p`.
pub fn doc_text(law: &Law, p: &Provision, v: &Version) -> DocText {
    let mut body = String::new();
    if let Some(text) = law.text(p, v) {
        body.push_str(text);
        body.push('\n');
    }
    body.push_str(&v.changes);
    for part in &v.parts {
        body.push('\n');
        body.push_str(&part.features);
        for item in &part.items {
            body.push_str("; ");
            body.push_str(&item.features);
        }
    }
    for n in &v.notes {
        body.push('\n');
        body.push_str(&n.summary);
    }
    for x in &v.paragraphs {
        body.push('\n');
        body.push_str(&x.summary);
    }
    // Topics are indexed with their labels and synonyms, so "forced labour" finds a version
    // tagged labor-trafficking even if its text says "exploitation". Topics of the whole
    // article weigh more than those of a single part or item.
    let words = |ids: &mut dyn Iterator<Item = &String>| {
        let mut out = String::new();
        for t in ids {
            if let Some(topic) = law.topic(t) {
                out.push_str(&format!(
                    "{} {} {}. ",
                    topic.id.replace('-', " "),
                    topic.label,
                    topic.synonyms.join(". ")
                ));
            }
        }
        out
    };
    DocText {
        title: format!("{} {} {}", v.title, p.subject, p.reference()),
        title_ru: v.title_ru.clone().unwrap_or_default(),
        body,
        topics: words(&mut v.topics.iter()),
        part_topics: words(&mut v.parts.iter().flat_map(|pt| {
            pt.topics
                .iter()
                .chain(pt.items.iter().flat_map(|i| i.topics.iter()))
        })),
    }
}

/// Writes one document per version into a fresh index.
fn fill(index: &Index, f: Fields, law: &Law) -> Result<(), IndexError> {
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 50_000_000)?;
    for p in law.provisions() {
        for v in &p.versions {
            let d = doc_text(law, p, v);
            writer.add_document(doc!(
                f.reference => p.reference(),
                f.code => p.code.clone(),
                f.article => p.article.clone(),
                f.title => d.title,
                f.shown_title => v.title.clone(),
                f.title_ru => d.title_ru,
                f.body => d.body,
                f.topics => d.topics,
                f.part_topics => d.part_topics,
                f.valid_from => day(v.valid_from),
                f.valid_to => v.valid_to.map_or(DateTime::from_timestamp_secs(OPEN_END), day),
                f.confidence => v.confidence.to_string(),
            ))?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

impl SearchIndex {
    /// Builds the index in memory (`--no-cache`).
    pub fn in_ram(law: &Law) -> Result<SearchIndex, IndexError> {
        let (schema, f) = schema();
        let index = Index::create_in_ram(schema);
        register_tokenizers(&index);
        fill(&index, f, law)?;
        SearchIndex::from_index(index, f)
    }

    fn from_index(index: Index, f: Fields) -> Result<SearchIndex, IndexError> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex { index, reader, f })
    }

    /// Opens an index directory written by [`SearchIndex::build_in_dir`].
    fn open_dir(dir: &std::path::Path) -> Result<SearchIndex, IndexError> {
        let index = Index::open_in_dir(dir)?;
        let f = fields_of(&index.schema()).ok_or_else(|| {
            tantivy::TantivyError::SchemaError("cached index has another schema".into())
        })?;
        register_tokenizers(&index);
        SearchIndex::from_index(index, f)
    }

    fn build_in_dir(dir: &std::path::Path, law: &Law) -> Result<SearchIndex, IndexError> {
        let (schema, f) = schema();
        let index = Index::create_in_dir(dir, schema)?;
        register_tokenizers(&index);
        fill(&index, f, law)?;
        SearchIndex::from_index(index, f)
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Runs a query in tantivy's syntax (phrases, AND/OR/NOT, `field:term`), filtered by date
    /// and code. Words are ANDed by default, which ranks precise answers first; when that finds
    /// nothing the words are ORed instead. Syntax errors point at the offending column.
    pub fn search(&self, text: &str, filter: &Filter) -> Result<Vec<Hit>, InputError> {
        let searcher = self.reader.searcher();
        let (query, top) = self.top_docs(&searcher, text, filter)?;
        self.hits(&searcher, &*query, top, text)
    }

    /// The same ranked search without snippets: (ref, valid_from) of each result, best first.
    /// This is the part a script looping over queries pays for, and what the benchmarks time.
    pub fn top_matches(
        &self,
        text: &str,
        filter: &Filter,
    ) -> Result<Vec<(String, String)>, InputError> {
        let searcher = self.reader.searcher();
        let (_, top) = self.top_docs(&searcher, text, filter)?;
        Ok(top
            .into_iter()
            .filter_map(|(_, addr)| self.ref_and_from(&searcher, addr))
            .collect())
    }

    /// Every edition matching `text` under `filter` (its limit aside), as (ref, valid_from),
    /// sorted: the whole answer set, for comparing with another store.
    pub fn all_matches(
        &self,
        text: &str,
        filter: &Filter,
    ) -> Result<Vec<(String, String)>, InputError> {
        precheck(text)?;
        let searcher = self.reader.searcher();
        let fail = |e: tantivy::TantivyError| {
            InputError::new(text, 0, text.chars().count(), format!("search failed: {e}"))
        };
        let mut docs = BTreeSet::new();
        for conjunction in [true, false] {
            let query = self.parse(text, conjunction)?;
            docs = searcher
                .search(&self.filtered(&query, filter), &DocSetCollector)
                .map_err(fail)?
                .into_iter()
                .collect();
            if !docs.is_empty() {
                break;
            }
        }
        let mut out: Vec<(String, String)> = docs
            .into_iter()
            .filter_map(|a| self.ref_and_from(&searcher, a))
            .collect();
        out.sort();
        Ok(out)
    }

    /// The stored reference and first day of a document.
    fn ref_and_from(
        &self,
        searcher: &tantivy::Searcher,
        addr: tantivy::DocAddress,
    ) -> Option<(String, String)> {
        let doc = searcher.doc::<TantivyDocument>(addr).ok()?;
        let reference = doc.get_first(self.f.reference)?.as_str()?.to_string();
        let from = doc
            .get_first(self.f.valid_from)?
            .as_datetime()
            .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))?
            .date_naive()
            .to_string();
        Some((reference, from))
    }

    /// Parses and runs a query: words ANDed first, ORed when that finds nothing.
    #[allow(clippy::type_complexity)]
    fn top_docs(
        &self,
        searcher: &tantivy::Searcher,
        text: &str,
        filter: &Filter,
    ) -> Result<(Box<dyn Query>, Vec<(f32, tantivy::DocAddress)>), InputError> {
        precheck(text)?;
        let limit = filter.limit.clamp(1, MAX_LIMIT);
        let fail = |e: tantivy::TantivyError| {
            InputError::new(text, 0, text.chars().count(), format!("search failed: {e}"))
        };
        let mut query = self.parse(text, true)?;
        let mut top = searcher
            .search(&self.filtered(&query, filter), &TopDocs::with_limit(limit))
            .map_err(fail)?;
        if top.is_empty() {
            query = self.parse(text, false)?;
            top = searcher
                .search(&self.filtered(&query, filter), &TopDocs::with_limit(limit))
                .map_err(fail)?;
        }
        Ok((query, top))
    }

    fn parse(&self, text: &str, conjunction: bool) -> Result<Box<dyn Query>, InputError> {
        let f = self.f;
        let mut parser = QueryParser::for_index(
            &self.index,
            vec![f.title, f.title_ru, f.body, f.topics, f.part_topics],
        );
        parser.set_field_boost(f.title, 2.0);
        parser.set_field_boost(f.topics, 3.0);
        if conjunction {
            parser.set_conjunction_by_default();
        }
        parser.parse_query(text).map_err(|e| parse_error(text, &e))
    }

    /// The text query restricted to editions in force during `filter.at` and to one code.
    fn filtered(&self, query: &dyn Query, filter: &Filter) -> BooleanQuery {
        let f = self.f;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query.box_clone())];
        if let Some(w) = &filter.at {
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Unbounded,
                    Bound::Included(Term::from_field_date(f.valid_from, day(w.to))),
                )),
            ));
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_date(f.valid_to, day(w.from))),
                    Bound::Unbounded,
                )),
            ));
        }
        if let Some(code) = &filter.code {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.code, code),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        BooleanQuery::new(clauses)
    }

    fn hits(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        top: Vec<(f32, tantivy::DocAddress)>,
        text: &str,
    ) -> Result<Vec<Hit>, InputError> {
        let f = self.f;
        let fail = |e: tantivy::TantivyError| {
            InputError::new(text, 0, text.chars().count(), format!("search failed: {e}"))
        };
        let generator = |field: Field| {
            SnippetGenerator::create(searcher, query, field).map(|mut g| {
                g.set_max_num_chars(160);
                g
            })
        };
        // Matches in the Russian title have no English passage to show; fall back to it.
        let (snippets, ru_snippets) = (
            generator(f.body).map_err(fail)?,
            generator(f.title_ru).map_err(fail)?,
        );
        let mut hits = Vec::new();
        for (score, addr) in top {
            let Ok(doc) = searcher.doc::<TantivyDocument>(addr) else {
                continue;
            };
            let s = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let date = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_datetime())
                    .map(|d| d.into_timestamp_secs())
            };
            let reference = s(f.reference);
            let mut snippet = snippets.snippet_from_doc(&doc);
            if snippet.fragment().is_empty() {
                snippet = ru_snippets.snippet_from_doc(&doc);
            }
            // A match on topics or title only: show the opening of the text instead.
            let (fragment, highlights) = if snippet.fragment().is_empty() {
                let body = s(f.body);
                let cut = body.char_indices().nth(160).map_or(body.len(), |(i, _)| i);
                (format!("{}…", body[..cut].trim_end()), Vec::new())
            } else {
                (
                    snippet.fragment().to_string(),
                    snippet
                        .highlighted()
                        .iter()
                        .map(|r| [r.start, r.end])
                        .collect(),
                )
            };
            let law_date = |secs: Option<i64>| {
                secs.filter(|s| *s < OPEN_END)
                    .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
                    .map(|d| d.date_naive().to_string())
            };
            let (code, article) = reference
                .split_once(':')
                .map(|(c, a)| (c.to_string(), a.to_string()))
                .unwrap_or_default();
            hits.push(Hit {
                title: s(f.shown_title),
                reference,
                code,
                article,
                valid_from: law_date(date(f.valid_from)).unwrap_or_default(),
                valid_to: law_date(date(f.valid_to)),
                confidence: s(f.confidence),
                score,
                snippet: fragment,
                highlights,
            });
        }
        Ok(hits)
    }
}

/// Catches unbalanced quotes and brackets before tantivy does, to name the column.
fn precheck(text: &str) -> Result<(), InputError> {
    if text.trim().is_empty() {
        return Err(InputError::new(text, 0, 1, "empty search")
            .hint("type some words, e.g. \"forced labour\""));
    }
    if text.chars().count() > 1000 {
        return Err(
            InputError::new(text, 0, 1, "search text is longer than 1000 characters")
                .hint("shorten the query"),
        );
    }
    let mut quote: Option<usize> = None;
    let mut open: Vec<usize> = Vec::new();
    for (i, c) in text.chars().enumerate() {
        match c {
            '"' => quote = if quote.is_some() { None } else { Some(i) },
            '(' if quote.is_none() => open.push(i),
            ')' if quote.is_none() && open.pop().is_none() => {
                return Err(InputError::new(text, i, 1, "unmatched `)`")
                    .hint("remove it or add a `(` before it"));
            }
            _ => {}
        }
    }
    if let Some(i) = quote {
        return Err(InputError::new(text, i, 1, "unclosed quote")
            .hint("close the phrase with another `\"`"));
    }
    if let Some(i) = open.pop() {
        return Err(InputError::new(text, i, 1, "unclosed `(`").hint("add a matching `)`"));
    }
    Ok(())
}

fn parse_error(text: &str, e: &tantivy::query::QueryParserError) -> InputError {
    use tantivy::query::QueryParserError as E;
    match e {
        E::FieldDoesNotExist(field) => {
            let at = text
                .find(&format!("{field}:"))
                .map_or(0, |b| text[..b].chars().count());
            InputError::new(
                text,
                at,
                field.chars().count(),
                format!("unknown field `{field}`"),
            )
            .hint("fields: title, title_ru, text, topics, part_topics, ref, code, article, confidence")
        }
        other => {
            // tantivy does not say where; the first operator-like token is the usual culprit.
            let at = text
                .find([':', '^', '~', '+', '-'])
                .map_or(0, |b| text[..b].chars().count());
            InputError::new(text, at, 1, format!("cannot parse the search: {other}"))
                .hint("phrases go in quotes; operators are AND, OR, NOT; fields as title:word")
        }
    }
}
