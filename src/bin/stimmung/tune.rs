//! `stimmung tune`: fits the scorer's named weights and the label
//! thresholds on labelled training sets by coordinate descent, and checks
//! the result on dev sets.
//!
//! The parameters are the fields of `stimmung::Weights`, found through its
//! serialized form, so a new weight is tunable without touching this file.
//! For every weight setting the thresholds are fitted exactly by a grid
//! search over the cached compound scores (no rescoring needed).

use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

use stimmung::{Analyzer, Config, Label, Lexicon, Rule, Thresholds, Weights};

use crate::args::TuneArgs;
use crate::eval::figures;
use crate::gold::{self, GoldSet};

/// Mean macro-F1 of `config` on `sets`, with thresholds as given.
fn score_sets(analyzer: &Analyzer, sets: &[GoldSet]) -> Vec<Vec<(Label, f64)>> {
    sets.iter()
        .map(|set| {
            let texts: Vec<&str> = set.items.iter().map(|i| i.text.as_str()).collect();
            let results = analyzer.analyze_batch(&texts);
            set.items.iter().zip(results).map(|(g, r)| (g.label, r.compound())).collect()
        })
        .collect()
}

fn mean_f1(compounds: &[Vec<(Label, f64)>], t: &Thresholds) -> f64 {
    let total: f64 = compounds
        .iter()
        .map(|set| {
            let pairs: Vec<(Label, Label)> = set.iter().map(|&(g, c)| (g, t.label(c))).collect();
            figures("", 0, &pairs).macro_f1
        })
        .sum();
    total / compounds.len().max(1) as f64
}

/// The thresholds that maximize mean macro-F1 on cached compounds.
fn fit_thresholds(compounds: &[Vec<(Label, f64)>]) -> (Thresholds, f64) {
    let mut best = (Thresholds::default(), f64::MIN);
    for p in 1..=28 {
        for n in 1..=28 {
            let t = Thresholds { positive: p as f64 * 0.025, negative: -(n as f64) * 0.025 };
            let f = mean_f1(compounds, &t);
            if f > best.1 + 1e-12 {
                best = (t, f);
            }
        }
    }
    best
}

struct Tuner<'a> {
    args: &'a TuneArgs,
    train: Vec<GoldSet>,
    dev: Vec<GoldSet>,
}

impl Tuner<'_> {
    fn analyzer(&self, config: &Config) -> Result<Analyzer> {
        self.analyzer_with(config, None)
    }

    /// An analyzer with `config` and, first of all layers, `terms`.
    fn analyzer_with(&self, config: &Config, terms: Option<&Lexicon>) -> Result<Analyzer> {
        let mut b = self.args.analyzer.builder()?;
        b.config(config);
        if let Some(t) = terms {
            // User layers are consulted in the order added; this one must
            // win, so it goes in front.
            let mut with_terms = Analyzer::builder();
            with_terms.lexicon(t.clone());
            for l in b.build()?.lexicons() {
                if l.name() != "default" {
                    with_terms.lexicon(l.clone());
                }
            }
            with_terms.config(config).default_lexicon(!self.args.analyzer.no_default_lexicon);
            return Ok(with_terms.build()?);
        }
        Ok(b.build()?)
    }

    /// Mean train macro-F1 with per-term corrections, at fixed thresholds.
    fn terms_f1(&self, config: &Config, terms: &BTreeMap<String, f64>) -> Result<f64> {
        let lex = terms_lexicon(terms)?;
        let compounds = score_sets(&self.analyzer_with(config, Some(&lex))?, &self.train);
        Ok(mean_f1(&compounds, &config.thresholds))
    }

    /// Terms found by their surface form in misclassified training texts,
    /// most frequent first.
    fn candidate_terms(&self, config: &Config) -> Result<Vec<(String, f64)>> {
        let analyzer = self.analyzer(config)?;
        let mut counts: HashMap<String, (usize, f64)> = HashMap::new();
        for set in &self.train {
            let texts: Vec<&str> = set.items.iter().map(|i| i.text.as_str()).collect();
            for (g, a) in set.items.iter().zip(analyzer.analyze_batch(&texts)) {
                if g.label == a.label() {
                    continue;
                }
                for h in a.hits() {
                    let surface = h.rules().iter().all(|r| {
                        !matches!(
                            r,
                            Rule::Stem | Rule::CompoundHead | Rule::CompoundPart | Rule::Experience
                        )
                    });
                    if surface && !h.key().contains(' ') {
                        let e = counts.entry(h.key().to_string()).or_insert((0, h.valence()));
                        e.0 += 1;
                    }
                }
            }
        }
        let mut v: Vec<(String, usize, f64)> =
            counts.into_iter().filter(|(_, (n, _))| *n >= 5).map(|(k, (n, w))| (k, n, w)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(v.into_iter().take(self.args.max_terms).map(|(k, _, w)| (k, w)).collect())
    }

    /// Train objective of a weight setting, with its best thresholds.
    fn objective(&self, weights: &Weights) -> Result<(Config, f64)> {
        let config = Config { weights: weights.clone(), thresholds: Thresholds::default() };
        let compounds = score_sets(&self.analyzer(&config)?, &self.train);
        let (thresholds, f) = fit_thresholds(&compounds);
        Ok((Config { weights: weights.clone(), thresholds }, f))
    }

    fn dev_f1(&self, config: &Config) -> Result<f64> {
        let compounds = score_sets(&self.analyzer(config)?, &self.dev);
        Ok(mean_f1(&compounds, &config.thresholds))
    }

    fn train_f1(&self, config: &Config) -> Result<f64> {
        let compounds = score_sets(&self.analyzer(config)?, &self.train);
        Ok(mean_f1(&compounds, &config.thresholds))
    }
}

/// A lexicon layer from term corrections.
fn terms_lexicon(terms: &BTreeMap<String, f64>) -> Result<Lexicon> {
    Ok(Lexicon::from_tsv("terms", &terms_tsv(terms))?)
}

fn terms_tsv(terms: &BTreeMap<String, f64>) -> String {
    let mut out = String::from("# per-term corrections fitted by stimmung tune --terms\n");
    for (k, w) in terms {
        out.push_str(&format!("{k}\t{w:.3}\n"));
    }
    out
}

/// Per-term corrections: for each candidate, the best of ×0, ×0.5 and
/// ×1.5 of its valence, kept only if train macro-F1 gains more than the
/// penalty. Deterministic: candidates in a fixed order.
fn fit_terms(tuner: &Tuner<'_>, config: &Config) -> Result<(BTreeMap<String, f64>, f64)> {
    let mut terms: BTreeMap<String, f64> = BTreeMap::new();
    let mut best = tuner.terms_f1(config, &terms)?;
    for (term, valence) in tuner.candidate_terms(config)? {
        let mut choice = None;
        for factor in [0.0, 0.5, 1.5] {
            let mut trial = terms.clone();
            trial.insert(term.clone(), (valence * factor).clamp(-4.0, 4.0));
            let f = tuner.terms_f1(config, &trial)?;
            if f > best + tuner.args.term_penalty && choice.is_none_or(|(_, g)| f > g) {
                choice = Some((factor, f));
            }
        }
        if let Some((factor, f)) = choice {
            eprintln!("term {term}: {valence:+.2} x {factor}: train {f:.4}");
            terms.insert(term, (valence * factor).clamp(-4.0, 4.0));
            best = f;
        }
    }
    Ok((terms, best))
}

/// Candidate values for one parameter around its current value.
fn candidates(v: &Value) -> Vec<Value> {
    match v {
        Value::Number(n) if n.is_u64() => {
            let x = n.as_u64().unwrap_or(0);
            [x.saturating_sub(1), x + 1].into_iter().filter(|&c| c != x).map(Value::from).collect()
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            let mut c = vec![x * 0.7, x * 0.85, x * 1.15, x * 1.3];
            if x.abs() < 0.2 {
                c.extend([x + 0.1, x - 0.1]);
            }
            c.into_iter().map(|y| Value::from((y * 1000.0).round() / 1000.0)).collect()
        }
        _ => Vec::new(),
    }
}

/// A small deterministic shuffle (xorshift), so `--seed` fixes the order in
/// which parameters are visited.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    for i in (1..items.len()).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        items.swap(i, (s % (i as u64 + 1)) as usize);
    }
}

pub fn run(args: &TuneArgs) -> Result<ExitCode> {
    let read = |paths: &[std::path::PathBuf]| -> Result<Vec<GoldSet>> {
        paths.iter().map(|p| gold::read(p)).collect()
    };
    let known = serde_json::to_value(Weights::default())?;
    if let Some(bad) = args.freeze.iter().find(|f| known.get(f.as_str()).is_none()) {
        bail!("--freeze {bad}: no such weight");
    }
    let tuner = Tuner { args, train: read(&args.train)?, dev: read(&args.dev)? };
    let start = match &args.analyzer.config {
        Some(p) => Config::from_path(p)?,
        None => Config::default(),
    };
    let start_train = tuner.train_f1(&start)?;
    let start_dev = tuner.dev_f1(&start)?;
    eprintln!("start: train macro-F1 {start_train:.4}, dev {start_dev:.4}");

    let (mut best, mut best_f) = tuner.objective(&start.weights)?;
    eprintln!("thresholds fitted: train {best_f:.4}");
    for round in 0..args.rounds {
        let mut fields: Vec<String> = match serde_json::to_value(&best.weights)? {
            Value::Object(m) => m.keys().filter(|k| !args.freeze.contains(k)).cloned().collect(),
            _ => bail!("weights do not serialize to a map"),
        };
        shuffle(&mut fields, args.seed.wrapping_add(round as u64));
        let mut improved = false;
        for field in &fields {
            let current = serde_json::to_value(&best.weights)?;
            for cand in candidates(&current[field.as_str()]) {
                let mut trial = current.clone();
                trial[field.as_str()] = cand.clone();
                let weights: Weights = serde_json::from_value(trial)
                    .with_context(|| format!("weight {field} = {cand}"))?;
                let (config, f) = tuner.objective(&weights)?;
                if f > best_f + 1e-4 {
                    eprintln!("round {round}: {field} = {cand}: train {f:.4}");
                    best = config;
                    best_f = f;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
    let mut end_dev = tuner.dev_f1(&best)?;
    let mut fitted_terms = None;
    if let Some(path) = &args.terms {
        let (terms, train_f) = fit_terms(&tuner, &best)?;
        let lex = terms_lexicon(&terms)?;
        let dev = mean_f1(
            &score_sets(&tuner.analyzer_with(&best, Some(&lex))?, &tuner.dev),
            &best.thresholds,
        );
        outln!("terms: {} corrections, train {best_f:.4} -> {train_f:.4}, dev {end_dev:.4} -> {dev:.4}", terms.len())?;
        best_f = train_f;
        end_dev = dev;
        fitted_terms = Some((path, terms));
    }
    outln!("train macro-F1: {start_train:.4} -> {best_f:.4}")?;
    outln!("dev macro-F1:   {start_dev:.4} -> {end_dev:.4}")?;
    if end_dev + 1e-9 < start_dev && !args.force {
        eprintln!(
            "stimmung: not writing {}: the fitted config is worse on dev (use --force to write anyway)",
            args.out.display()
        );
        return Ok(ExitCode::from(1));
    }
    std::fs::write(&args.out, best.to_toml()).with_context(|| args.out.display().to_string())?;
    outln!("wrote {}", args.out.display())?;
    if let Some((path, terms)) = fitted_terms {
        std::fs::write(path, terms_tsv(&terms)).with_context(|| path.display().to_string())?;
        outln!("wrote {} (use it with --lexicon)", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}
