//! The run summary: what a dump contained, for people to act on.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rustc_hash::FxHashMap;
use serde::Serialize;
use stimmung::{Analysis, Label, MarkerKind};

/// Distinct terms and patterns remembered at most (memory stays bounded).
const MAX_DISTINCT: usize = 200_000;
const TOP: usize = 10;

#[derive(Default)]
pub struct Summary {
    records: usize,
    errors: usize,
    labels: BTreeMap<&'static str, usize>,
    /// kind → category → count
    flags: BTreeMap<&'static str, BTreeMap<String, usize>>,
    boilerplate: Counts,
    negative_terms: Counts,
    /// thread → (sum of compounds, records, negative records)
    threads: FxHashMap<String, (f64, usize, usize)>,
    /// A buffer for a term in lower case.
    lowered: String,
}

/// Counts by name. (Names are looked up once per flag or negative hit:
/// rustc-hash, not std's SipHash.)
type Counts = FxHashMap<String, usize>;

#[derive(Serialize)]
struct Report<'a> {
    records: usize,
    errors: usize,
    labels: BTreeMap<&'a str, (usize, f64)>,
    flags: Vec<FlagCount<'a>>,
    top_boilerplate_patterns: Vec<(&'a str, usize)>,
    top_negative_terms: Vec<(&'a str, usize)>,
    most_negative_threads: Vec<ThreadRow<'a>>,
}

#[derive(Serialize)]
struct FlagCount<'a> {
    kind: &'a str,
    category: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct ThreadRow<'a> {
    thread: &'a str,
    records: usize,
    negative: usize,
    mean_compound: f64,
}

fn bump(map: &mut Counts, key: &str) {
    if let Some(n) = map.get_mut(key) {
        *n += 1;
    } else if map.len() < MAX_DISTINCT {
        map.insert(key.to_string(), 1);
    }
}

/// [`bump`] for a map kept in order (flag categories, which are few).
fn bump_ordered(map: &mut BTreeMap<String, usize>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.to_string(), 1);
        }
    }
}

fn top(map: &Counts) -> Vec<(&str, usize)> {
    let mut v: Vec<(&str, usize)> = map.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.truncate(TOP);
    v
}

impl Summary {
    pub fn add(&mut self, a: &Analysis, thread: Option<&str>) {
        self.records += 1;
        *self.labels.entry(a.label().as_str()).or_default() += 1;
        for f in a.flags() {
            bump_ordered(self.flags.entry(f.kind().as_str()).or_default(), f.category());
            if f.kind() == MarkerKind::Boilerplate {
                bump(&mut self.boilerplate, f.pattern());
            }
        }
        for h in a.hits().iter().filter(|h| h.contribution() < 0.0) {
            let term = h.term();
            self.lowered.clear();
            if term.is_ascii() {
                self.lowered.push_str(term);
                self.lowered.make_ascii_lowercase();
            } else {
                self.lowered.push_str(&term.to_lowercase());
            }
            bump(&mut self.negative_terms, &self.lowered);
        }
        if let Some(t) = thread {
            if self.threads.len() < MAX_DISTINCT || self.threads.contains_key(t) {
                let e = self.threads.entry(t.to_string()).or_default();
                e.0 += a.compound();
                e.1 += 1;
                e.2 += usize::from(a.label() == Label::Negative);
            }
        }
    }

    pub fn add_error(&mut self) {
        self.records += 1;
        self.errors += 1;
    }

    fn report(&self) -> Report<'_> {
        let scored = (self.records - self.errors).max(1) as f64;
        let mut threads: Vec<ThreadRow<'_>> = self
            .threads
            .iter()
            .map(|(t, (sum, n, neg))| ThreadRow {
                thread: t,
                records: *n,
                negative: *neg,
                mean_compound: sum / *n as f64,
            })
            .collect();
        threads.sort_by(|a, b| {
            a.mean_compound.total_cmp(&b.mean_compound).then(a.thread.cmp(b.thread))
        });
        threads.truncate(TOP);
        Report {
            records: self.records,
            errors: self.errors,
            labels: self.labels.iter().map(|(l, n)| (*l, (*n, *n as f64 / scored))).collect(),
            flags: self
                .flags
                .iter()
                .flat_map(|(k, cs)| {
                    cs.iter().map(|(c, n)| FlagCount { kind: k, category: c, count: *n })
                })
                .collect(),
            top_boilerplate_patterns: top(&self.boilerplate),
            top_negative_terms: top(&self.negative_terms),
            most_negative_threads: threads,
        }
    }

    pub fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string_pretty(&self.report())
    }

    pub fn to_text(&self) -> String {
        let r = self.report();
        let mut s = String::new();
        let _ = writeln!(s, "stimmung summary: {} records, {} with errors", r.records, r.errors);
        let _ = writeln!(s, "\nlabels");
        for (l, (n, share)) in &r.labels {
            let _ = writeln!(s, "  {l:<10} {n:>8}  {:>5.1}%", share * 100.0);
        }
        if !r.flags.is_empty() {
            let _ = writeln!(s, "\nflags");
            for f in &r.flags {
                let _ = writeln!(s, "  {:<20} {:<16} {:>8}", f.kind, f.category, f.count);
            }
        }
        let list = |s: &mut String, title: &str, v: &[(&str, usize)]| {
            if !v.is_empty() {
                let _ = writeln!(s, "\n{title}");
                for (k, n) in v {
                    let _ = writeln!(s, "  {n:>8}  {k}");
                }
            }
        };
        list(&mut s, "most frequent boilerplate patterns", &r.top_boilerplate_patterns);
        list(&mut s, "most frequent negative terms", &r.top_negative_terms);
        if !r.most_negative_threads.is_empty() {
            let _ = writeln!(s, "\nmost negative threads (mean compound, negative/records)");
            for t in &r.most_negative_threads {
                let _ = writeln!(
                    s,
                    "  {:+.3}  {:>4}/{:<4} {}",
                    t.mean_compound, t.negative, t.records, t.thread
                );
            }
        }
        s
    }
}
