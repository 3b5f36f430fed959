//! The versioned provision graph: a petgraph of codes, provisions, versions, acts, topics and
//! sources, plus the lookups queries need (reference resolution, point-in-time, lineage).
//!
//! Invariant: a [`Law`] is only built from a dataset that passed `check`, so every id it
//! meets resolves and every provision's versions are sorted and non-overlapping.

use crate::check::suggest;
use crate::load::Dataset;
use crate::model::{Act, Code, Date, Provision, Source, Topic, Version};
use crate::query::{InputError, Ref, When};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeSet, HashMap};

/// A node of the graph; the payload is an index into the dataset's vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    Code(usize),
    Provision(usize),
    /// (provision, version)
    Version(usize, usize),
    Act(usize),
    Topic(usize),
    Source(usize),
}

/// The relations between nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edge {
    /// provision -> code
    PartOfCode,
    /// version -> provision
    VersionOf,
    /// newer version -> older version
    Supersedes,
    /// version -> act
    EnactedBy,
    /// version -> act
    AmendedBy,
    /// provision -> successor provision; the index of the link in `renumbered_as`
    RenumberedAs(usize),
    /// version -> provision
    RefersTo,
    /// version -> topic
    HasTopic,
    /// version -> source
    Cites,
    /// topic -> broader topic
    Narrower,
}

/// The loaded, checked law: the dataset plus its graph and indexes.
#[derive(Debug)]
pub struct Law {
    pub data: Dataset,
    pub graph: DiGraph<Node, Edge>,
    provision_nodes: Vec<NodeIndex>,
    by_ref: HashMap<String, usize>,
    acts: HashMap<String, usize>,
    sources: HashMap<String, usize>,
    topics: HashMap<String, usize>,
}

impl Law {
    /// Builds the graph. The dataset must have passed [`crate::check::check`].
    pub fn build(data: Dataset) -> Law {
        let mut g = DiGraph::new();
        let code_nodes: HashMap<String, NodeIndex> = data
            .codes
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (c.id.clone(), g.add_node(Node::Code(i))))
            .collect();
        let act_nodes: Vec<NodeIndex> = (0..data.acts.len())
            .map(|i| g.add_node(Node::Act(i)))
            .collect();
        let source_nodes: Vec<NodeIndex> = (0..data.sources.len())
            .map(|i| g.add_node(Node::Source(i)))
            .collect();
        let topic_nodes: Vec<NodeIndex> = (0..data.topics.len())
            .map(|i| g.add_node(Node::Topic(i)))
            .collect();
        let acts: HashMap<String, usize> = data
            .acts
            .iter()
            .enumerate()
            .map(|(i, (a, _))| (a.id.clone(), i))
            .collect();
        let sources: HashMap<String, usize> = data
            .sources
            .iter()
            .enumerate()
            .map(|(i, (s, _))| (s.id.clone(), i))
            .collect();
        let topics: HashMap<String, usize> = data
            .topics
            .iter()
            .enumerate()
            .map(|(i, (t, _))| (t.id.clone(), i))
            .collect();
        let by_ref: HashMap<String, usize> = data
            .provisions
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (p.reference(), i))
            .collect();

        for (i, (t, _)) in data.topics.iter().enumerate() {
            for b in &t.broader {
                if let Some(&j) = topics.get(b) {
                    g.add_edge(topic_nodes[i], topic_nodes[j], Edge::Narrower);
                }
            }
        }
        let mut provision_nodes = Vec::with_capacity(data.provisions.len());
        for (pi, (p, _)) in data.provisions.iter().enumerate() {
            let pn = g.add_node(Node::Provision(pi));
            provision_nodes.push(pn);
            if let Some(&cn) = code_nodes.get(&p.code) {
                g.add_edge(pn, cn, Edge::PartOfCode);
            }
            let mut prev: Option<NodeIndex> = None;
            for (vi, v) in p.versions.iter().enumerate() {
                let vn = g.add_node(Node::Version(pi, vi));
                g.add_edge(vn, pn, Edge::VersionOf);
                if let Some(prev) = prev {
                    g.add_edge(vn, prev, Edge::Supersedes);
                }
                prev = Some(vn);
                if let Some(&a) = acts.get(&v.enacted_by) {
                    g.add_edge(vn, act_nodes[a], Edge::EnactedBy);
                }
                for a in &v.amended_by {
                    if let Some(&a) = acts.get(a) {
                        g.add_edge(vn, act_nodes[a], Edge::AmendedBy);
                    }
                }
                let mut seen = BTreeSet::new();
                let all_topics = v.topics.iter().chain(v.parts.iter().flat_map(|pt| {
                    pt.topics
                        .iter()
                        .chain(pt.items.iter().flat_map(|it| it.topics.iter()))
                }));
                for t in all_topics {
                    if let (Some(&ti), true) = (topics.get(t), seen.insert(t.clone())) {
                        g.add_edge(vn, topic_nodes[ti], Edge::HasTopic);
                    }
                }
                let cites = v
                    .sources
                    .iter()
                    .chain(v.parts.iter().flat_map(|pt| pt.sources.iter()));
                let mut seen = BTreeSet::new();
                for c in cites {
                    if let (Some(&si), true) =
                        (sources.get(&c.source), seen.insert(c.source.clone()))
                    {
                        g.add_edge(vn, source_nodes[si], Edge::Cites);
                    }
                }
            }
        }
        // Second pass: edges between provisions need every provision node to exist.
        for (pi, (p, _)) in data.provisions.iter().enumerate() {
            for (li, link) in p.renumbered_as.iter().enumerate() {
                if let Some(&to) = by_ref.get(&link.to) {
                    g.add_edge(
                        provision_nodes[pi],
                        provision_nodes[to],
                        Edge::RenumberedAs(li),
                    );
                }
            }
        }
        let version_nodes: Vec<(NodeIndex, usize, usize)> = g
            .node_indices()
            .filter_map(|n| match g[n] {
                Node::Version(p, v) => Some((n, p, v)),
                _ => None,
            })
            .collect();
        for (vn, pi, vi) in version_nodes {
            for r in &data.provisions[pi].0.versions[vi].refers_to {
                if let Some(&to) = by_ref.get(r) {
                    g.add_edge(vn, provision_nodes[to], Edge::RefersTo);
                }
            }
        }
        Law {
            data,
            graph: g,
            provision_nodes,
            by_ref,
            acts,
            sources,
            topics,
        }
    }

    pub fn provisions(&self) -> impl Iterator<Item = &Provision> {
        self.data.provisions.iter().map(|(p, _)| p)
    }

    pub fn provision(&self, i: usize) -> &Provision {
        &self.data.provisions[i].0
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

    pub fn by_ref(&self, reference: &str) -> Option<usize> {
        self.by_ref.get(reference).copied()
    }

    /// Our summary of a version's wording.
    pub fn text(&self, p: &Provision, v: &Version) -> Option<&str> {
        self.data
            .texts
            .get(&crate::load::text_key(&p.code, &p.article, v.valid_from))
            .map(|(t, _)| t.as_str())
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
                    let at = input.find(c.as_str()).unwrap_or(0);
                    return Err(InputError::new(
                        input,
                        at,
                        c.chars().count(),
                        format!("unknown code `{c}`"),
                    )
                    .hint(hint));
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
            let at = input.find(r.article.as_str()).unwrap_or(0);
            let hint = self.nearest_articles(&codes, &r.article);
            let msg = format!("no article {} in {}", r.article, codes.join(" or "));
            return Err(InputError::new(input, at, r.article.chars().count(), msg).hint(hint));
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
    }

    fn nearest_articles(&self, codes: &[String], article: &str) -> String {
        let target: f64 = article
            .split('-')
            .next()
            .and_then(|a| a.parse().ok())
            .unwrap_or(0.0);
        let mut all: Vec<(f64, String)> = self
            .provisions()
            .filter(|p| codes.contains(&p.code))
            .map(|p| {
                let n: f64 = p
                    .article
                    .split('-')
                    .next()
                    .and_then(|a| a.parse().ok())
                    .unwrap_or(0.0);
                ((n - target).abs(), p.reference())
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
        let versions = &self.provision(pi).versions;
        let start = versions.partition_point(|v| v.valid_to.is_some_and(|t| t < when.from));
        (start..versions.len())
            .take_while(|&i| versions[i].valid_from <= when.to)
            .collect()
    }

    /// The version of provision `pi` in force on `day`.
    pub fn version_on(&self, pi: usize, day: Date) -> Option<usize> {
        self.versions_during(pi, &When::day(day)).into_iter().next()
    }

    /// Renumbering lineage through `pi`, oldest first: predecessors, `pi`, successors.
    /// Each entry is (provision, the link that led to it from the previous entry).
    pub fn lineage(&self, pi: usize) -> Vec<(usize, Option<(usize, usize)>)> {
        let start = self.provision_nodes[pi];
        // Walk back to the oldest ancestor along incoming renumbering links.
        let mut back = Vec::new();
        let mut cur = start;
        let mut guard = BTreeSet::new();
        while guard.insert(cur) {
            let incoming = self
                .graph
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
        let node_prov = |n: NodeIndex| match self.graph[n] {
            Node::Provision(p) => p,
            _ => unreachable!("renumbering links join provisions"),
        };
        chain.push((node_prov(cur), None));
        for (src, dst, li) in back.into_iter().rev() {
            chain.push((node_prov(dst), Some((node_prov(src), li))));
        }
        // Forward from `pi` along outgoing links (a split yields several successors).
        let mut frontier = vec![start];
        let mut seen: BTreeSet<NodeIndex> = chain
            .iter()
            .map(|(p, _)| self.provision_nodes[*p])
            .collect();
        while let Some(n) = frontier.pop() {
            let mut outs: Vec<_> = self
                .graph
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
        let (ti, _) = self.data.topics.iter().enumerate().find(|(_, (t, _))| {
            t.id == needle
                || t.label.to_lowercase() == needle
                || t.synonyms.iter().any(|s| s.to_lowercase() == needle)
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
        let an = self
            .graph
            .node_indices()
            .find(|&n| self.graph[n] == Node::Act(ai))
            .expect("every act has a node");
        let mut refs: BTreeSet<String> = BTreeSet::new();
        for e in self.graph.edges_directed(an, Direction::Incoming) {
            if let Node::Version(p, _) = self.graph[e.source()] {
                refs.insert(self.provision(p).reference());
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
        self.provisions()
            .enumerate()
            .filter(|(_, p)| p.code == code)
            .find_map(|(pi, p)| {
                let v = &p.versions[self.version_on(pi, day)?];
                v.rules.as_ref().and_then(&pick).map(|t| (p, v, t))
            })
    }

    pub fn topic_known(&self, id: &str) -> bool {
        self.topics.contains_key(id)
    }
}
