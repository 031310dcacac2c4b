//! `stimmung eval`: accuracy of the analyzer on labelled sets.
//!
//! Macro-F1 averages the F1 of the classes that occur in the gold labels of
//! a set (so a 2-class set such as filmstarts averages positive and
//! negative, and a neutral prediction there is simply wrong), as in
//! `../shared/data/BASELINES.md`. For a set with a single gold class
//! (`wikipedia_neutral`) the figure is, as there, the share of texts
//! predicted as that class.

use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;
use stimmung::{Analysis, Analyzer, Label};

use crate::args::EvalArgs;
use crate::eval_markers;
use crate::gold::{self, GoldSet};

const LABELS: [Label; 3] = [Label::Positive, Label::Negative, Label::Neutral];

#[derive(Serialize)]
pub struct ClassFigures {
    pub label: Label,
    pub support: usize,
    pub predicted: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

#[derive(Serialize)]
pub struct SetFigures {
    pub name: String,
    pub n: usize,
    pub skipped: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    /// The gold classes the macro average covers.
    pub macro_over: Vec<Label>,
    pub classes: Vec<ClassFigures>,
    /// `confusion[gold][predicted]`, in the order positive, negative, neutral.
    pub confusion: [[usize; 3]; 3],
}

fn index(l: Label) -> usize {
    match l {
        Label::Positive => 0,
        Label::Negative => 1,
        Label::Neutral => 2,
    }
}

/// `a / b`, 0 for an empty `b`.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b > 0 {
        a as f64 / b as f64
    } else {
        0.0
    }
}

/// The harmonic mean of precision and recall, 0 where both are.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

/// Figures for gold and predicted label pairs.
pub fn figures(name: &str, skipped: usize, pairs: &[(Label, Label)]) -> SetFigures {
    let mut confusion = [[0usize; 3]; 3];
    for &(g, p) in pairs {
        confusion[index(g)][index(p)] += 1;
    }
    let n = pairs.len();
    let correct: usize = (0..3).map(|i| confusion[i][i]).sum();
    let mut classes = Vec::new();
    let mut macro_over = Vec::new();
    for l in LABELS {
        let i = index(l);
        let support: usize = confusion[i].iter().sum();
        let predicted: usize = (0..3).map(|g| confusion[g][i]).sum();
        let tp = confusion[i][i];
        let (precision, recall) = (ratio(tp, predicted), ratio(tp, support));
        let f1 = f1(precision, recall);
        if support > 0 {
            macro_over.push(l);
        }
        classes.push(ClassFigures { label: l, support, predicted, precision, recall, f1 });
    }
    let macro_f1 = if macro_over.is_empty() {
        0.0
    } else if macro_over.len() == 1 {
        // A one-class set (wikipedia_neutral): the share predicted as that
        // class, as BASELINES.md counts it (its F1 would flatter it).
        classes.iter().find(|c| c.support > 0).map_or(0.0, |c| c.recall)
    } else {
        classes.iter().filter(|c| c.support > 0).map(|c| c.f1).sum::<f64>()
            / macro_over.len() as f64
    };
    let accuracy = if n > 0 { correct as f64 / n as f64 } else { 0.0 };
    SetFigures {
        name: name.to_string(),
        n,
        skipped,
        accuracy,
        macro_f1,
        macro_over,
        classes,
        confusion,
    }
}

pub fn run(args: &EvalArgs) -> Result<ExitCode> {
    if !args.compare.is_empty() {
        return compare(args);
    }
    let mut builder = args.analyzer.builder()?;
    if let Some(t) = args.positive_threshold {
        builder.positive_threshold(t);
    }
    if let Some(t) = args.negative_threshold {
        builder.negative_threshold(t);
    }
    let analyzer = builder.build()?;
    let mut all = Vec::new();
    let mut marker_sets = Vec::new();
    for path in &args.gold {
        if eval_markers::is_marker_gold(path)? {
            let set = eval_markers::read(path)?;
            let results = eval_markers::analyze(&analyzer, &set);
            let fig = eval_markers::figures(&set, &results);
            if !args.json {
                eval_markers::print_table(&fig)?;
                if args.errors > 0 {
                    eval_markers::print_errors(&set, &results, args.errors)?;
                }
            }
            marker_sets.push(fig);
            continue;
        }
        let set = gold::read(path)?;
        let (results, pairs) = predict(&analyzer, &set);
        let fig = figures(&set.name, set.skipped, &pairs);
        if !args.json {
            print_table(&fig)?;
            if args.errors > 0 {
                print_errors(&analyzer, &set, &results, args.errors)?;
            }
        }
        all.push(fig);
    }
    if args.json {
        let v = serde_json::json!({ "sets": all, "marker_sets": marker_sets });
        outln!("{}", serde_json::to_string_pretty(&v)?)?;
    } else if all.len() > 1 {
        let mean = all.iter().map(|f| f.macro_f1).sum::<f64>() / all.len() as f64;
        outln!("mean macro-F1 over {} sets: {mean:.3}", all.len())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The analyses of a set and its (gold, predicted) label pairs.
fn predict(analyzer: &Analyzer, set: &GoldSet) -> (Vec<Analysis>, Vec<(Label, Label)>) {
    let texts: Vec<&str> = set.items.iter().map(|i| i.text.as_str()).collect();
    let results = analyzer.analyze_batch(&texts);
    let pairs = set.items.iter().zip(&results).map(|(g, r)| (g.label, r.label())).collect();
    (results, pairs)
}

/// A gold file of either kind.
enum Gold {
    Labels(GoldSet),
    Markers(eval_markers::MarkerSet),
}

/// `--compare`: every variant on every set, one table: a sentiment set's
/// macro-F1, a marker set's F1 per kind in its gold (`dev:boilerplate`).
fn compare(args: &EvalArgs) -> Result<ExitCode> {
    let sets: Vec<Gold> = args
        .gold
        .iter()
        .map(|p| {
            Ok(if eval_markers::is_marker_gold(p)? {
                Gold::Markers(eval_markers::read(p)?)
            } else {
                Gold::Labels(gold::read(p)?)
            })
        })
        .collect::<Result<_>>()?;
    let mut rows: Vec<String> = Vec::new();
    let mut columns: Vec<(String, Vec<f64>)> = Vec::new();
    for variant in &args.compare {
        let mut builder = args.analyzer.builder()?;
        let name = variant.display().to_string();
        if name != "default" {
            match variant.extension().and_then(|e| e.to_str()) {
                Some("toml") => {
                    builder.config(&stimmung::Config::from_path(variant)?);
                }
                // A marker pattern file, added to the embedded patterns.
                Some("txt") => {
                    builder.marker_patterns_path(variant);
                }
                _ => {
                    builder.lexicon_path(variant);
                }
            }
        }
        let analyzer = builder.build()?;
        let mut scores = Vec::new();
        rows.clear();
        for set in &sets {
            match set {
                Gold::Labels(set) => {
                    rows.push(set.name.clone());
                    let pairs = predict(&analyzer, set).1;
                    scores.push(figures(&set.name, set.skipped, &pairs).macro_f1);
                }
                Gold::Markers(set) => {
                    let f = eval_markers::figures(set, &eval_markers::analyze(&analyzer, set));
                    for k in f.kinds.iter().filter(|k| k.gold > 0) {
                        rows.push(format!("{}:{}", set.name, k.kind.as_str()));
                        scores.push(k.f1);
                    }
                }
            }
        }
        columns.push((name, scores));
    }
    if args.json {
        let v: Vec<_> = columns
            .iter()
            .map(|(n, s)| {
                let per_set: serde_json::Map<String, serde_json::Value> =
                    rows.iter().zip(s).map(|(row, f)| (row.clone(), (*f).into())).collect();
                serde_json::json!({ "variant": n, "macro_f1": per_set })
            })
            .collect();
        outln!("{}", serde_json::to_string_pretty(&serde_json::json!({ "variants": v }))?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = rows.iter().map(|r| r.chars().count()).max().unwrap_or(0).max(20);
    out!("{:<width$}", "set")?;
    for (n, _) in &columns {
        out!(" {:>22}", short(n))?;
    }
    outln!()?;
    let mut means = vec![0.0; columns.len()];
    for (i, row) in rows.iter().enumerate() {
        out!("{row:<width$}")?;
        let base = columns[0].1[i];
        for (c, (_, scores)) in columns.iter().enumerate() {
            means[c] += scores[i] / rows.len() as f64;
            if c == 0 {
                out!(" {:>22.3}", scores[i])?;
            } else {
                out!(" {:>14.3} ({:+.3})", scores[i], scores[i] - base)?;
            }
        }
        outln!()?;
    }
    out!("{:<width$}", "mean")?;
    for (c, m) in means.iter().enumerate() {
        if c == 0 {
            out!(" {m:>22.3}")?;
        } else {
            out!(" {:>14.3} ({:+.3})", m, m - means[0])?;
        }
    }
    outln!()?;
    Ok(ExitCode::SUCCESS)
}

/// The last 22 characters of a variant's file name, for the table header.
fn short(name: &str) -> String {
    let n = name.rsplit('/').next().unwrap_or(name);
    let skip = n.chars().count().saturating_sub(22);
    n.chars().skip(skip).collect()
}

fn print_table(f: &SetFigures) -> std::io::Result<()> {
    let over: Vec<&str> = f.macro_over.iter().map(|l| l.as_str()).collect();
    outln!(
        "{}: n={} accuracy={:.3} macro-F1={:.3} (over {}{}){}",
        f.name,
        f.n,
        f.accuracy,
        f.macro_f1,
        over.join(", "),
        if over.len() == 1 { ": share predicted so" } else { "" },
        if f.skipped > 0 {
            format!(", {} skipped (other labels)", f.skipped)
        } else {
            String::new()
        }
    )?;
    outln!(
        "  {:<9} {:>7} {:>7} {:>9} {:>7} {:>7}",
        "class",
        "support",
        "predict",
        "precision",
        "recall",
        "F1"
    )?;
    for c in &f.classes {
        outln!(
            "  {:<9} {:>7} {:>7} {:>9.3} {:>7.3} {:>7.3}",
            c.label.as_str(),
            c.support,
            c.predicted,
            c.precision,
            c.recall,
            c.f1
        )?;
    }
    outln!("  confusion (rows gold, columns predicted: pos neg neu)")?;
    for l in LABELS {
        let row = f.confusion[index(l)];
        outln!("  {:<9} {:>6} {:>6} {:>6}", l.as_str(), row[0], row[1], row[2])?;
    }
    Ok(())
}

/// How far a compound lies from the region of the gold label.
fn wrongness(analyzer: &Analyzer, gold: Label, a: &Analysis) -> f64 {
    let t = analyzer.thresholds();
    let c = a.compound();
    match gold {
        Label::Positive => t.positive - c,
        Label::Negative => c - t.negative,
        Label::Neutral => (c - t.positive).max(t.negative - c),
    }
}

fn print_errors(
    analyzer: &Analyzer,
    set: &GoldSet,
    results: &[Analysis],
    n: usize,
) -> std::io::Result<()> {
    let mut wrong: Vec<(f64, usize)> = set
        .items
        .iter()
        .zip(results)
        .enumerate()
        .filter(|(_, (g, r))| g.label != r.label())
        .map(|(i, (g, r))| (wrongness(analyzer, g.label, r), i))
        .collect();
    wrong.sort_by(|a, b| b.0.total_cmp(&a.0));
    outln!("  worst {} of {} errors:", n.min(wrong.len()), wrong.len())?;
    for &(_, i) in wrong.iter().take(n) {
        let (g, r) = (&set.items[i], &results[i]);
        let text: String = g.text.chars().take(160).collect();
        outln!(
            "  [{}] gold {} predicted {} ({:+.3}): {}",
            g.id,
            g.label,
            r.label(),
            r.compound(),
            text
        )?;
        for h in r.hits() {
            let rules: Vec<String> = h.rules().iter().map(|r| format!("{r:?}")).collect();
            outln!(
                "      {} ({}) {:+.2} -> {:+.2} {}",
                h.term(),
                h.key(),
                h.valence(),
                h.contribution(),
                rules.join(",")
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_class_sets_count_the_share() {
        use Label::*;
        let pairs =
            [(Neutral, Neutral), (Neutral, Positive), (Neutral, Neutral), (Neutral, Neutral)];
        assert!((figures("w", 0, &pairs).macro_f1 - 0.75).abs() < 1e-12);
    }

    #[test]
    fn macro_f1_covers_gold_classes_only() {
        use Label::*;
        // Two-class gold; one neutral prediction counts as a miss.
        let pairs =
            [(Positive, Positive), (Positive, Neutral), (Negative, Negative), (Negative, Positive)];
        let f = figures("t", 0, &pairs);
        assert_eq!(f.macro_over, vec![Positive, Negative]);
        // positive: P=1/2, R=1/2, F1=0.5; negative: P=1, R=1/2, F1=2/3.
        assert!((f.macro_f1 - (0.5 + 2.0 / 3.0) / 2.0).abs() < 1e-12);
        assert!((f.accuracy - 0.5).abs() < 1e-12);
        assert_eq!(f.confusion[0], [1, 0, 1]);
    }
}
