//! The versioned provision graph: codes, provisions, acts and topics as a petgraph, editions
//! in a compact temporal index, plus the lookups queries need (reference resolution,
//! point-in-time, coverage, lineage).
//!
//! Invariant: a [`Law`] is only built from a dataset that passed `check` (or from a snapshot
//! of one), so every id it meets resolves and every provision's versions are sorted and
//! non-overlapping.

mod columns;
mod store;

pub use columns::{Columns, day_number};
pub use store::{Encoded, Entry, EntrySource, Packed, Store};

use crate::check::suggest;
use crate::load::Dataset;
use crate::model::{Act, Code, Date, Provision, Source, Topic, Version};
use crate::query::{InputError, Ref, When};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// A node of the graph; the payload is an index into the law's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    Code(usize),
    Provision(usize),
    Act(usize),
    Topic(usize),
}

/// The relations between nodes. Editions are not nodes: at hundreds of thousands of
/// versions, per-edition nodes and edges cost more memory than the whole temporal index, and
/// every query that needs an edition reaches it through [`Columns`] instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edge {
    /// provision -> code
    PartOfCode,
    /// provision -> act that enacted or amended one of its editions
    ChangedBy,
    /// provision -> successor provision; the index of the link in `renumbered_as`
    RenumberedAs(usize),
    /// provision -> topic carried by one of its editions
    HasTopic,
    /// topic -> broader topic
    Narrower,
}

/// The graph and the node of each provision and act.
#[derive(Debug)]
pub struct LawGraph {
    pub graph: DiGraph<Node, Edge>,
    provision_nodes: Vec<NodeIndex>,
    act_nodes: Vec<NodeIndex>,
}

/// The loaded, checked law: codes, acts, topics and sources, the provisions (owned or
/// packed), the temporal index, and the graph (built on first use, from the index alone).
#[derive(Debug)]
pub struct Law {
    /// Codes, topics, acts, sources and notes; its `provisions` and `texts` were moved
    /// into `store`.
    data: Dataset,
    store: Store,
    cols: Columns,
    graph: OnceLock<LawGraph>,
    acts: HashMap<String, usize>,
    sources: HashMap<String, usize>,
    topics: HashMap<String, usize>,
    /// Provision by reference: one hash probe, where the columns' sorted table takes a
    /// binary search of cache misses (a third of a point-in-time lookup at 1M versions).
    refs: HashMap<String, u32>,
}

fn index_of<T>(
    items: &[(T, crate::load::Origin)],
    id: impl Fn(&T) -> &str,
) -> HashMap<String, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, (x, _))| (id(x).to_string(), i))
        .collect()
}

impl Law {
    /// Builds the law from a dataset that passed [`crate::check::check`].
    pub fn build(mut data: Dataset) -> Law {
        // File texts and span maps serve diagnostics, which checked data no longer needs.
        data.files = Vec::new();
        let mut texts = std::mem::take(&mut data.texts);
        let entries: Vec<Entry> = std::mem::take(&mut data.provisions)
            .into_iter()
            .map(|(mut p, _)| {
                let (code, article) = (p.code.clone(), p.article.clone());
                // Inline text moves out of the version, so it is held once.
                let texts = p
                    .versions
                    .iter_mut()
                    .map(|v| {
                        v.text.take().or_else(|| {
                            texts
                                .remove(&crate::load::text_key(&code, &article, v.valid_from))
                                .map(|(t, _)| t)
                        })
                    })
                    .collect();
                Entry {
                    provision: p,
                    texts,
                }
            })
            .collect();
        let codes = index_of(&data.codes, |c: &Code| &c.id);
        let topics = index_of(&data.topics, |t: &Topic| &t.id);
        let acts = index_of(&data.acts, |a: &Act| &a.id);
        let provisions: Vec<&Provision> = entries.iter().map(|e| &e.provision).collect();
        let cols = Columns::build(&provisions, &codes, &topics, &acts);
        Law::assemble(data, Store::Owned(entries), cols)
    }

    /// Puts a law together from parts already built (a snapshot's).
    pub fn assemble(data: Dataset, store: Store, cols: Columns) -> Law {
        Law {
            acts: index_of(&data.acts, |a: &Act| &a.id),
            sources: index_of(&data.sources, |s: &Source| &s.id),
            topics: index_of(&data.topics, |t: &Topic| &t.id),
            refs: cols
                .refs
                .iter()
                .enumerate()
                .map(|(i, r)| (r.clone(), i as u32))
                .collect(),
            data,
            store,
            cols,
            graph: OnceLock::new(),
        }
    }

    /// The dataset's codes, topics, acts, sources and notes (provisions live in the store).
    pub fn meta(&self) -> &Dataset {
        &self.data
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn columns(&self) -> &Columns {
        &self.cols
    }

    /// Approximate heap bytes of the warm-start structures: the temporal index, the packed
    /// provisions (owned ones are not counted) and the reference table. Provisions decoded
    /// by queries add to this.
    pub fn heap_bytes(&self) -> usize {
        let packed = match &self.store {
            Store::Packed(p) => p.heap_bytes(),
            Store::Owned(_) => 0,
        };
        let refs: usize = self
            .refs
            .keys()
            .map(|k| k.capacity() + std::mem::size_of::<(String, u32)>() + 1)
            .sum();
        self.cols.heap_bytes() + packed + refs
    }

    /// Identity of the data this law was loaded from; keys the caches.
    pub fn key(&self) -> &str {
        &self.data.key
    }

    /// The graph, built on first use from the temporal index (no provision is decoded).
    pub fn graph(&self) -> &LawGraph {
        self.graph.get_or_init(|| self.build_graph())
    }

    fn build_graph(&self) -> LawGraph {
        let mut g = DiGraph::new();
        let code_nodes: Vec<NodeIndex> = (0..self.data.codes.len())
            .map(|i| g.add_node(Node::Code(i)))
            .collect();
        let act_nodes: Vec<NodeIndex> = (0..self.data.acts.len())
            .map(|i| g.add_node(Node::Act(i)))
            .collect();
        let topic_nodes: Vec<NodeIndex> = (0..self.data.topics.len())
            .map(|i| g.add_node(Node::Topic(i)))
            .collect();
        for (i, (t, _)) in self.data.topics.iter().enumerate() {
            for b in &t.broader {
                if let Some(&j) = self.topics.get(b) {
                    g.add_edge(topic_nodes[i], topic_nodes[j], Edge::Narrower);
                }
            }
        }
        let c = &self.cols;
        let mut provision_nodes = Vec::with_capacity(c.len());
        for pi in 0..c.len() {
            let pn = g.add_node(Node::Provision(pi));
            provision_nodes.push(pn);
            if let Some(&cn) = code_nodes.get(c.code[pi] as usize) {
                g.add_edge(pn, cn, Edge::PartOfCode);
            }
            let acts: BTreeSet<u32> = c
                .editions(pi)
                .flat_map(|e| c.acts_of(e).iter().copied())
                .collect();
            for a in acts {
                g.add_edge(pn, act_nodes[a as usize], Edge::ChangedBy);
            }
        }
        for (t, provs) in c.topic_provisions.iter().enumerate() {
            for &pi in provs {
                g.add_edge(provision_nodes[pi as usize], topic_nodes[t], Edge::HasTopic);
            }
        }
        for &(from, to, li) in &c.links {
            g.add_edge(
                provision_nodes[from as usize],
                provision_nodes[to as usize],
                Edge::RenumberedAs(li as usize),
            );
        }
        LawGraph {
            graph: g,
            provision_nodes,
            act_nodes,
        }
    }

    /// Every provision, in data order (decodes packed ones: prefer the index where it can
    /// answer).
    pub fn provisions(&self) -> impl Iterator<Item = &Provision> {
        (0..self.store.len()).map(|i| self.provision(i))
    }

    pub fn provision_count(&self) -> usize {
        self.store.len()
    }

    pub fn provision(&self, i: usize) -> &Provision {
        &self.store.get(i).provision
    }

    pub fn code(&self, id: &str) -> Option<&Code> {
        self.data.codes.iter().map(|(c, _)| c).find(|c| c.id == id)
    }

    pub fn codes(&self) -> impl Iterator<Item = &Code> {
        self.data.codes.iter().map(|(c, _)| c)
    }

    pub fn act(&self, id: &str) -> Option<&Act> {
        self.acts.get(id).map(|&i| &self.data.acts[i].0)
    }

    pub fn acts(&self) -> impl Iterator<Item = &Act> {
        self.data.acts.iter().map(|(a, _)| a)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.get(id).map(|&i| &self.data.sources[i].0)
    }

    pub fn topics(&self) -> impl Iterator<Item = &Topic> {
        self.data.topics.iter().map(|(t, _)| t)
    }

    /// A topic by id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.get(id).map(|&i| &self.data.topics[i].0)
    }

    pub fn by_ref(&self, reference: &str) -> Option<usize> {
        self.refs.get(reference).map(|&i| i as usize)
    }

    /// Our summary of a version's wording.
    pub fn text(&self, p: &Provision, v: &Version) -> Option<&str> {
        let pi = self.by_ref(&p.reference())?;
        let vi = p
            .versions
            .binary_search_by_key(&v.valid_from, |x| x.valid_from)
            .ok()?;
        self.store.get(pi).texts.get(vi)?.as_deref()
    }

    /// Codes whose period overlaps `when`, oldest first.
    pub fn codes_during(&self, when: &When) -> Vec<&Code> {
        self.codes()
            .filter(|c| c.in_force <= when.to && c.in_force_until.is_none_or(|u| u >= when.from))
            .collect()
    }

    /// Resolves a reference to provisions. A bare article resolves to the code(s) in force
    /// during `when`. Unknown codes and articles get suggestions.
    pub fn resolve(&self, r: &Ref, input: &str, when: &When) -> Result<Vec<usize>, InputError> {
        let codes: Vec<String> = match &r.code {
            Some(c) => {
                if self.code(c).is_none() {
                    let ids: Vec<&str> = self.codes().map(|c| c.id.as_str()).collect();
                    let hint = match suggest(c, ids.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`? known codes: {}", ids.join(", ")),
                        None => format!("known codes: {}", ids.join(", ")),
                    };
                    // Carets count characters; the input may be Cyrillic.
                    let at = input
                        .find(c.as_str())
                        .map_or(0, |b| input[..b].chars().count());
                    return Err(InputError::new(
                        input,
                        at,
                        c.chars().count(),
                        format!("unknown code `{c}`"),
                    )
                    .hint(hint)
                    .not_found());
                }
                vec![c.clone()]
            }
            None => {
                let during = self.codes_during(when);
                if during.is_empty() {
                    return Err(self.outside_codes(input, when));
                }
                during.iter().map(|c| c.id.clone()).collect()
            }
        };
        let found: Vec<usize> = codes
            .iter()
            .filter_map(|c| self.by_ref(&format!("{c}:{}", r.article)))
            .collect();
        if found.is_empty() {
            let at = input
                .find(r.article.as_str())
                .map_or(0, |b| input[..b].chars().count());
            let hint = self.nearest_articles(&codes, &r.article);
            let said = match codes.as_slice() {
                [a, b] => crate::query::Said::new(
                    "error-no-article-either",
                    &[("article", &r.article), ("a", a), ("b", b)],
                ),
                _ => crate::query::Said::new(
                    "error-no-article",
                    &[("article", &r.article), ("codes", &codes.join(" or "))],
                ),
            };
            return Err(InputError::said(input, at, r.article.chars().count(), said)
                .hint(hint)
                .not_found());
        }
        Ok(found)
    }

    /// The error for a date when no code was in force; the caret sits under the date.
    pub fn outside_codes(&self, _input: &str, when: &When) -> InputError {
        let spans: Vec<String> = self
            .codes()
            .map(|c| match c.in_force_until {
                Some(u) => format!("{} from {} to {u}", c.id, c.in_force),
                None => format!("{} from {}", c.id, c.in_force),
            })
            .collect();
        let shown = when.to_string();
        InputError::new(
            &shown,
            0,
            shown.chars().count(),
            format!("no code was in force during {when}"),
        )
        .hint(format!("the codes are {}", spans.join("; ")))
        .not_found()
    }

    fn nearest_articles(&self, codes: &[String], article: &str) -> String {
        let target: f64 = article
            .split('-')
            .next()
            .and_then(|a| a.parse().ok())
            .unwrap_or(0.0);
        let mut all: Vec<(f64, String)> = self
            .cols
            .refs
            .iter()
            .filter_map(|r| r.split_once(':'))
            .filter(|(code, _)| codes.iter().any(|c| c == code))
            .map(|(code, article)| {
                let n: f64 = article
                    .split('-')
                    .next()
                    .and_then(|a| a.parse().ok())
                    .unwrap_or(0.0);
                ((n - target).abs(), format!("{code}:{article}"))
            })
            .collect();
        all.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        let near: Vec<String> = all.into_iter().take(3).map(|(_, r)| r).collect();
        if near.is_empty() {
            "lexchron covers selected articles only; `lexchron topics` lists what it knows".into()
        } else {
            format!("nearest articles in the data: {}", near.join(", "))
        }
    }

    /// Versions of provision `pi` overlapping `when`, as indexes into its versions.
    /// Versions are sorted, so a binary search finds the first candidate.
    pub fn versions_during(&self, pi: usize, when: &When) -> Vec<usize> {
        self.cols
            .during(pi, day_number(when.from), day_number(when.to))
            .collect()
    }

    /// The version of provision `pi` in force on `day` (no provision is decoded).
    pub fn version_on(&self, pi: usize, day: Date) -> Option<usize> {
        let d = day_number(day);
        let r = self.cols.during(pi, d, d);
        (!r.is_empty()).then_some(r.start)
    }

    /// Every (provision, version index) carrying one of `topic_ids` (at article, part or item
    /// level) and in force during `when`, by provision then date. Visits only provisions
    /// listed under those topics.
    pub fn covering(&self, topic_ids: &[String], when: &When) -> Vec<(usize, usize)> {
        let wanted: Vec<u16> = topic_ids
            .iter()
            .filter_map(|t| self.topics.get(t).map(|&i| i as u16))
            .collect();
        self.cols
            .covering(&wanted, day_number(when.from), day_number(when.to))
    }

    /// Renumbering lineage through `pi`, oldest first: predecessors, `pi`, successors.
    /// Each entry is (provision, the link that led to it from the previous entry).
    pub fn lineage(&self, pi: usize) -> Vec<(usize, Option<(usize, usize)>)> {
        let lg = self.graph();
        let graph = &lg.graph;
        let start = lg.provision_nodes[pi];
        // Walk back to the oldest ancestor along incoming renumbering links.
        let mut back = Vec::new();
        let mut cur = start;
        let mut guard = BTreeSet::new();
        while guard.insert(cur) {
            let incoming = graph
                .edges_directed(cur, Direction::Incoming)
                .find(|e| matches!(e.weight(), Edge::RenumberedAs(_)));
            match incoming {
                Some(e) => {
                    let li = match e.weight() {
                        Edge::RenumberedAs(li) => *li,
                        _ => unreachable!("filtered above"),
                    };
                    back.push((e.source(), e.target(), li));
                    cur = e.source();
                }
                None => break,
            }
        }
        let mut chain: Vec<(usize, Option<(usize, usize)>)> = Vec::new();
        let node_prov = |n: NodeIndex| match graph[n] {
            Node::Provision(p) => p,
            _ => unreachable!("renumbering links join provisions"),
        };
        chain.push((node_prov(cur), None));
        for (src, dst, li) in back.into_iter().rev() {
            chain.push((node_prov(dst), Some((node_prov(src), li))));
        }
        // Forward from `pi` along outgoing links (a split yields several successors).
        let mut frontier = vec![start];
        let mut seen: BTreeSet<NodeIndex> =
            chain.iter().map(|(p, _)| lg.provision_nodes[*p]).collect();
        while let Some(n) = frontier.pop() {
            let mut outs: Vec<_> = graph
                .edges_directed(n, Direction::Outgoing)
                .filter_map(|e| match e.weight() {
                    Edge::RenumberedAs(li) => Some((e.target(), *li)),
                    _ => None,
                })
                .collect();
            outs.sort_by_key(|(_, li)| *li);
            for (t, li) in outs {
                if seen.insert(t) {
                    chain.push((node_prov(t), Some((node_prov(n), li))));
                    frontier.push(t);
                }
            }
        }
        chain
    }

    /// A topic by id or synonym (case-insensitive), with every narrower topic.
    pub fn topic_closure(&self, name: &str) -> Option<(String, Vec<String>)> {
        let needle = name.trim().to_lowercase();
        let exact = self.data.topics.iter().position(|(t, _)| {
            t.id == needle
                || t.label.to_lowercase() == needle
                || t.synonyms.iter().any(|s| s.to_lowercase() == needle)
        });
        // Russian and Kazakh are inflected: "торговлю людьми" is the synonym "торговля людьми".
        let ti = exact.or_else(|| {
            let words = crate::lang::stem::words(&needle);
            self.data.topics.iter().position(|(t, _)| {
                t.synonyms.iter().any(|s| {
                    let s = s.to_lowercase();
                    crate::lang::stem::is_cyrillic(&s)
                        && crate::lang::stem::words(&s).len() == words.len()
                        && !crate::lang::stem::find_phrase(&words, &s).is_empty()
                })
            })
        })?;
        let mut out = vec![self.data.topics[ti].0.id.clone()];
        let mut i = 0;
        while i < out.len() {
            let cur = out[i].clone();
            for (t, _) in &self.data.topics {
                if t.broader.contains(&cur) && !out.contains(&t.id) {
                    out.push(t.id.clone());
                }
            }
            i += 1;
        }
        Some((self.data.topics[ti].0.id.clone(), out))
    }

    /// Topic names a user could type, for suggestions.
    pub fn topic_names(&self) -> Vec<&str> {
        self.topics()
            .flat_map(|t| {
                std::iter::once(t.id.as_str()).chain(t.synonyms.iter().map(String::as_str))
            })
            .collect()
    }

    /// Provisions whose versions were enacted or amended by `act`.
    pub fn touched_by(&self, act: &str) -> Vec<String> {
        let Some(&ai) = self.acts.get(act) else {
            return Vec::new();
        };
        let lg = self.graph();
        let mut refs: BTreeSet<String> = BTreeSet::new();
        for e in lg
            .graph
            .edges_directed(lg.act_nodes[ai], Direction::Incoming)
        {
            if let (Node::Provision(p), Edge::ChangedBy) = (lg.graph[e.source()], e.weight()) {
                refs.insert(self.cols.refs[p].clone());
            }
        }
        refs.into_iter().collect()
    }

    /// The general rule of one kind that `code` has in force on `day`: the first edition that
    /// carries rules `pick` accepts, with its provision.
    pub fn rule_in_force<'a, T>(
        &'a self,
        code: &str,
        day: Date,
        pick: impl Fn(&'a crate::model::Rules) -> Option<T>,
    ) -> Option<(&'a Provision, &'a Version, T)> {
        let ci = self.data.codes.iter().position(|(c, _)| c.id == code)?;
        (0..self.cols.len())
            .filter(|&pi| self.cols.has_rules[pi] && self.cols.code[pi] as usize == ci)
            .find_map(|pi| {
                let p = self.provision(pi);
                let v = &p.versions[self.version_on(pi, day)?];
                v.rules.as_ref().and_then(&pick).map(|t| (p, v, t))
            })
    }

    pub fn topic_known(&self, id: &str) -> bool {
        self.topics.contains_key(id)
    }
}
