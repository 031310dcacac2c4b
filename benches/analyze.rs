//! Criterion benches per pipeline stage, on real German text: the seed
//! comments and the MIT/CC-BY sets shipped in `data/`.
//!
//! `STIMMUNG_LEXICON=path.tsv cargo bench` layers a lexicon variant over
//! the default, so a tuner sees what a bigger lexicon costs.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use stimmung::{Analyzer, Lexicon, MarkerKind, Token, Tokenizer};

/// Real German comments: the bundled seed comments, repeated to `bytes`.
fn corpus(bytes: usize) -> String {
    let mut texts: Vec<String> = include_str!("../data/seed_comments.jsonl")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    texts.extend(
        include_str!("../data/potts_sample.tsv")
            .lines()
            .skip(1)
            .filter_map(|l| l.splitn(3, '\t').nth(2).map(str::to_string)),
    );
    let mut out = String::new();
    for t in texts.iter().cycle() {
        if out.len() >= bytes {
            break;
        }
        out.push_str(t);
        out.push('\n');
    }
    out
}

fn analyzer() -> Analyzer {
    match std::env::var("STIMMUNG_LEXICON") {
        Ok(path) => Analyzer::builder()
            .lexicon(Lexicon::from_tsv_path(&path).expect("STIMMUNG_LEXICON loads"))
            .build()
            .unwrap(),
        Err(_) => Analyzer::new(),
    }
}

fn tokenize(c: &mut Criterion) {
    let text = corpus(256 * 1024);
    let mut g = c.benchmark_group("tokenize");
    g.throughput(Throughput::Bytes(text.len() as u64));
    let mut tokens: Vec<Token<'_>> = Vec::new();
    Tokenizer.tokenize(&text, &mut tokens);
    let expected = tokens.len();
    g.bench_function("tokenizer", |b| {
        b.iter(|| {
            Tokenizer.tokenize(black_box(&text), &mut tokens);
            assert_eq!(tokens.len(), expected);
        })
    });
    g.bench_function("unicode_words_baseline", |b| {
        use unicode_segmentation::UnicodeSegmentation;
        b.iter(|| black_box(&text).unicode_words().count())
    });
    g.finish();
}

fn lookup(c: &mut Criterion) {
    let lex = Lexicon::german();
    let words: Vec<String> = corpus(64 * 1024)
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let map: HashMap<String, f64> = lex.entries().map(|(k, _, w)| (k, w)).collect();
    let fst_hits = words.iter().filter(|w| lex.contains(w)).count();
    let hash_hits = words.iter().filter(|w| map.contains_key(w.as_str())).count();
    assert_eq!(fst_hits, hash_hits, "fst and HashMap agree");
    let bytes: usize = words.iter().map(|w| w.len()).sum();
    let mut g = c.benchmark_group("lookup");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("fst", |b| {
        b.iter(|| assert_eq!(words.iter().filter(|w| lex.contains(w)).count(), fst_hits))
    });
    g.bench_function("hashmap_baseline", |b| {
        b.iter(|| {
            assert_eq!(words.iter().filter(|w| map.contains_key(w.as_str())).count(), hash_hits)
        })
    });
    g.finish();
}

/// The whole lookup cascade on words not seen before — folding, surface
/// form, elongation, stem (only where a stem key begins the word), verb
/// form, compound split — through a fresh analyzer each round, whose word
/// cache starts empty; then the same words again, from the cache.
fn cascade(c: &mut Criterion) {
    let mut words: Vec<String> = corpus(64 * 1024)
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.dedup();
    let bytes: usize = words.iter().map(|w| w.len()).sum();
    let warm = analyzer();
    let found = words.iter().filter(|w| warm.lookup(w).is_some()).count();
    let mut g = c.benchmark_group("cascade");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("cold", |b| {
        b.iter_batched(
            || Analyzer::builder().build().unwrap(),
            |a| assert_eq!(words.iter().filter(|w| a.lookup(w).is_some()).count(), found),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("cached", |b| {
        b.iter(|| assert_eq!(words.iter().filter(|w| warm.lookup(w).is_some()).count(), found))
    });
    g.finish();
}

/// Boilerplate, hard-sell and experience matching: the same comments with
/// all markers and with none; the difference is what the markers cost.
fn markers(c: &mut Criterion) {
    let docs: Vec<String> = corpus(256 * 1024).lines().map(str::to_string).collect();
    let bytes: usize = docs.iter().map(|d| d.len() + 1).sum();
    let all = analyzer();
    let none = Analyzer::builder().markers([]).build().unwrap();
    let flags = |a: &Analyzer| docs.iter().map(|d| a.analyze(d).flags().len()).sum::<usize>();
    let expected = flags(&all);
    assert!(expected > 0 && all.marks(MarkerKind::Boilerplate));
    let mut g = c.benchmark_group("markers");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("all", |b| b.iter(|| assert_eq!(flags(black_box(&all)), expected)));
    g.bench_function("none", |b| b.iter(|| assert_eq!(flags(black_box(&none)), 0)));
    g.finish();
}

fn analyze(c: &mut Criterion) {
    let analyzer = analyzer();
    let mut g = c.benchmark_group("analyze");
    for size in [100usize, 1_000, 10_000] {
        let text = corpus(size);
        // Warm the lazy statics and the per-thread caches first.
        let expected = analyzer.analyze(&text);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("document", size), &text, |b, text| {
            b.iter(|| assert_eq!(analyzer.analyze(black_box(text)).label(), expected.label()))
        });
    }
    g.finish();
}

fn batch(c: &mut Criterion) {
    let analyzer = analyzer();
    let docs: Vec<String> = corpus(1024 * 1024).lines().map(str::to_string).collect();
    let bytes: usize = docs.iter().map(|d| d.len() + 1).sum();
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| analyzer.analyze_batch(&docs));
        g.bench_with_input(BenchmarkId::new("threads", threads), &threads, |b, _| {
            b.iter(|| {
                let out = pool.install(|| analyzer.analyze_batch(black_box(&docs)));
                assert_eq!(out.len(), docs.len());
            })
        });
    }
    g.finish();
}

criterion_group!(benches, tokenize, lookup, cascade, markers, analyze, batch);
criterion_main!(benches);
