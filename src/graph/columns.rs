//! The compact temporal index over every edition: flat arrays of validity days, topics and
//! acts, and per-topic provision lists, so point-in-time and coverage queries
//! never decode or scan provisions they do not return.
//!
//! It is built once from checked data and stored as is in the snapshot, so a warm start
//! decodes a few flat vectors instead of every provision.

use crate::model::{Date, Provision};
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

/// Day number of an open end: after every real date.
const OPEN: i32 = i32::MAX;

/// Day number of a date (days from the common era), the unit every array uses.
pub fn day_number(d: Date) -> i32 {
    d.num_days_from_ce()
}

/// Per-provision and per-edition columns. Editions are numbered globally, provision by
/// provision, oldest first, so the editions of provision `p` are `start[p]..start[p + 1]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Columns {
    /// Per provision: `code:article`.
    pub refs: Vec<String>,
    /// Per provision: index of its code in the dataset's codes.
    pub code: Vec<u16>,
    /// Per provision: whether any edition states rules (gravity, reconciliation, lists...).
    pub has_rules: Vec<bool>,
    /// Per provision: first global edition number; one extra entry closes the last range.
    pub start: Vec<u32>,
    /// Per edition: first and last day in force (`OPEN` while in force).
    pub from: Vec<i32>,
    pub to: Vec<i32>,
    /// Per edition: its topics (of the article, its parts and items) as sorted topic numbers,
    /// in `topics[topic_start[e]..topic_start[e + 1]]`.
    pub topic_start: Vec<u32>,
    pub topics: Vec<u16>,
    /// Per topic: provisions that carry it in at least one edition, sorted.
    pub topic_provisions: Vec<Vec<u32>>,
    /// Per edition: the acts that enacted or amended it, as act numbers, in
    /// `acts[act_start[e]..act_start[e + 1]]`.
    pub act_start: Vec<u32>,
    pub acts: Vec<u32>,
    /// Renumbering links: (from provision, to provision, index of the link in the provision).
    pub links: Vec<(u32, u32, u32)>,
}

impl Columns {
    /// Builds the columns of checked provisions. Unknown ids (impossible after `check`) are
    /// skipped rather than trusted.
    pub fn build(
        provisions: &[&Provision],
        codes: &HashMap<String, usize>,
        topics: &HashMap<String, usize>,
        acts: &HashMap<String, usize>,
    ) -> Columns {
        let mut c = Columns {
            topic_provisions: vec![Vec::new(); topics.len()],
            ..Columns::default()
        };
        let n = provisions.len();
        c.refs.reserve(n);
        c.start.reserve(n + 1);
        c.topic_start.push(0);
        c.act_start.push(0);
        let mut ref_index: HashMap<String, u32> = HashMap::with_capacity(n);
        for (pi, p) in provisions.iter().enumerate() {
            let r = p.reference();
            ref_index.insert(r.clone(), pi as u32);
            c.refs.push(r);
            c.code.push(
                codes
                    .get(&p.code)
                    .copied()
                    .unwrap_or(0)
                    .min(u16::MAX as usize) as u16,
            );
            c.has_rules
                .push(p.versions.iter().any(|v| v.rules.is_some()));
            c.start.push(c.from.len() as u32);
            let mut mine: BTreeSet<u16> = BTreeSet::new();
            for v in &p.versions {
                c.from.push(day_number(v.valid_from));
                c.to.push(v.valid_to.map_or(OPEN, day_number));
                let all = v.topics.iter().chain(v.parts.iter().flat_map(|pt| {
                    pt.topics
                        .iter()
                        .chain(pt.items.iter().flat_map(|it| it.topics.iter()))
                }));
                let ts: BTreeSet<u16> = all
                    .filter_map(|t| topics.get(t).map(|&i| i as u16))
                    .collect();
                mine.extend(ts.iter().copied());
                c.topics.extend(ts);
                c.topic_start.push(c.topics.len() as u32);
                let enacted = std::iter::once(&v.enacted_by).chain(&v.amended_by);
                c.acts
                    .extend(enacted.filter_map(|a| acts.get(a).map(|&i| i as u32)));
                c.act_start.push(c.acts.len() as u32);
            }
            for t in mine {
                c.topic_provisions[t as usize].push(pi as u32);
            }
        }
        c.start.push(c.from.len() as u32);
        for (pi, p) in provisions.iter().enumerate() {
            for (li, link) in p.renumbered_as.iter().enumerate() {
                if let Some(&to) = ref_index.get(&link.to) {
                    c.links.push((pi as u32, to, li as u32));
                }
            }
        }
        c
    }

    pub fn len(&self) -> usize {
        self.refs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    /// Global edition numbers of provision `pi`.
    pub fn editions(&self, pi: usize) -> Range<usize> {
        self.start[pi] as usize..self.start[pi + 1] as usize
    }

    /// Editions of `pi` overlapping the inclusive days `[from, to]`, as indexes into the
    /// provision's versions. Editions are sorted and disjoint, so two binary searches bound
    /// the run.
    pub fn during(&self, pi: usize, from: i32, to: i32) -> Range<usize> {
        let r = self.editions(pi);
        let ends = &self.to[r.clone()];
        let starts = &self.from[r];
        let first = ends.partition_point(|&t| t < from);
        let last = starts.partition_point(|&f| f <= to);
        first..last.max(first)
    }

    /// Whether edition `e` (global number) carries any of `wanted` (sorted topic numbers).
    pub fn has_any_topic(&self, e: usize, wanted: &[u16]) -> bool {
        let ts = &self.topics[self.topic_start[e] as usize..self.topic_start[e + 1] as usize];
        ts.iter().any(|t| wanted.binary_search(t).is_ok())
    }

    /// Every (provision, version index) carrying one of `wanted` topics and in force at some
    /// day of `[from, to]`, ordered by provision number then date. Only provisions listed
    /// under those topics are visited, each with a binary search.
    pub fn covering(&self, wanted: &[u16], from: i32, to: i32) -> Vec<(usize, usize)> {
        let mut wanted = wanted.to_vec();
        wanted.sort_unstable();
        wanted.dedup();
        let mut provs: Vec<u32> = wanted
            .iter()
            .filter_map(|&t| self.topic_provisions.get(t as usize))
            .flatten()
            .copied()
            .collect();
        provs.sort_unstable();
        provs.dedup();
        let mut out = Vec::new();
        for pi in provs {
            let pi = pi as usize;
            let base = self.start[pi] as usize;
            for vi in self.during(pi, from, to) {
                if self.has_any_topic(base + vi, &wanted) {
                    out.push((pi, vi));
                }
            }
        }
        out
    }

    /// Acts (as act numbers) that enacted or amended edition `e`.
    pub fn acts_of(&self, e: usize) -> &[u32] {
        &self.acts[self.act_start[e] as usize..self.act_start[e + 1] as usize]
    }

    /// Bytes the columns hold on the heap, for the bytes-per-version report.
    pub fn heap_bytes(&self) -> usize {
        let strings: usize = self
            .refs
            .iter()
            .map(|r| r.capacity() + std::mem::size_of::<String>())
            .sum();
        let lists: usize = self
            .topic_provisions
            .iter()
            .map(|l| l.capacity() * 4 + std::mem::size_of::<Vec<u32>>())
            .sum();
        strings
            + lists
            + self.code.capacity() * 2
            + self.has_rules.capacity()
            + self.start.capacity() * 4
            + (self.from.capacity() + self.to.capacity()) * 4
            + self.topic_start.capacity() * 4
            + self.topics.capacity() * 2
            + self.act_start.capacity() * 4
            + self.acts.capacity() * 4
            + self.links.capacity() * 12
    }
}
