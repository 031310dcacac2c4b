//! `stimmung eval` on tone-marker labels: per kind, does a text carry a flag
//! of that kind where the gold says it should?
//!
//! A marker gold file names `kinds` instead of `label`: TSV or CSV with a
//! header holding `kinds` and `text` (and optionally `id`), or JSONL with
//! those fields. `kinds` is a comma-separated list of marker kinds
//! (`boilerplate,negative_experience`; in JSONL also a list), or `-` or
//! empty for none — the
//! format of the self-contained label files in `tests/markers/`. Figures
//! are at document level, as the README reports them: a text counts as
//! found for a kind if any flag of that kind is on it.

use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::Serialize;
use stimmung::{Analysis, Analyzer, MarkerKind};

use crate::eval::{f1, ratio};
use crate::gold::{delimited_reader, is_jsonl, json_id, set_name};

/// One text with the marker kinds it carries.
pub struct MarkerItem {
    pub id: String,
    pub kinds: Vec<MarkerKind>,
    pub text: String,
}

/// A marker-labelled set.
pub struct MarkerSet {
    pub name: String,
    pub items: Vec<MarkerItem>,
}

/// Figures of one kind on one set.
#[derive(Serialize)]
pub struct KindFigures {
    pub kind: MarkerKind,
    /// Texts the gold gives this kind.
    pub gold: usize,
    /// Texts with a flag of this kind.
    pub flagged: usize,
    /// Texts with both.
    pub found: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

#[derive(Serialize)]
pub struct MarkerFigures {
    pub name: String,
    pub n: usize,
    /// The kinds that occur in the gold or in the flags.
    pub kinds: Vec<KindFigures>,
}

/// Whether `path` is a marker gold file: its header (or first JSON record)
/// names `kinds` and no `label`.
pub fn is_marker_gold(path: &Path) -> Result<bool> {
    let fields = header_fields(path)?;
    Ok(fields.iter().any(|f| f == "kinds") && !fields.iter().any(|f| f == "label"))
}

fn header_fields(path: &Path) -> Result<Vec<String>> {
    // The first line that is not blank: the header, or the first record.
    let file = std::fs::File::open(path).with_context(|| format!("{}", path.display()))?;
    let mut first = String::new();
    for line in std::io::BufRead::lines(std::io::BufReader::new(file)) {
        first = line.with_context(|| format!("{}", path.display()))?;
        if !first.trim().is_empty() {
            break;
        }
    }
    let first = first.as_str();
    if is_jsonl(path) {
        let v: serde_json::Value = serde_json::from_str(first)
            .with_context(|| format!("{}:1: malformed JSON", path.display()))?;
        return Ok(v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default());
    }
    let sep = if path.extension().is_some_and(|e| e == "csv") { ',' } else { '\t' };
    Ok(first.split(sep).map(|f| f.trim().trim_matches('"').to_string()).collect())
}

/// The kinds of a gold cell: comma-separated names, `-` or empty for none.
fn parse_kinds(cell: &str, at: &str) -> Result<Vec<MarkerKind>> {
    let cell = cell.trim();
    if cell.is_empty() || cell == "-" {
        return Ok(Vec::new());
    }
    cell.split(',')
        .map(|k| {
            MarkerKind::parse(k).with_context(|| {
                format!("{at}: unknown marker kind {k:?} (boilerplate, negative_experience, hard_sell, spam)")
            })
        })
        .collect()
}

pub fn read(path: &Path) -> Result<MarkerSet> {
    let mut items = Vec::new();
    if is_jsonl(path) {
        let text = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let at = format!("{}:{}", path.display(), i + 1);
            let v: serde_json::Value =
                serde_json::from_str(line).with_context(|| format!("{at}: malformed JSON"))?;
            let field = |f: &str| v.get(f).and_then(|x| x.as_str()).unwrap_or("").to_string();
            let id = json_id(&v, i + 1);
            // `kinds` as the label files write it, or as a JSON list.
            let kinds = match v.get("kinds") {
                Some(serde_json::Value::Array(list)) => {
                    let names: Vec<&str> = list.iter().filter_map(|k| k.as_str()).collect();
                    parse_kinds(&names.join(","), &at)?
                }
                _ => parse_kinds(&field("kinds"), &at)?,
            };
            items.push(MarkerItem { id, kinds, text: field("text") });
        }
    } else {
        let mut reader = delimited_reader(path)?;
        let headers =
            reader.headers().with_context(|| format!("{}: header", path.display()))?.clone();
        let col = |name: &str| headers.iter().position(|h| h.trim() == name);
        let (Some(kinds_col), Some(text_col)) = (col("kinds"), col("text")) else {
            bail!("{}: a marker gold file names `kinds` and `text` columns", path.display());
        };
        let id_col = col("id");
        for (i, rec) in reader.records().enumerate() {
            let at = format!("{}:{}", path.display(), i + 2);
            let rec = rec.with_context(|| at.clone())?;
            let kinds = parse_kinds(rec.get(kinds_col).unwrap_or(""), &at)?;
            let id =
                id_col.and_then(|c| rec.get(c)).map_or_else(|| (i + 2).to_string(), str::to_string);
            items.push(MarkerItem { id, kinds, text: rec.get(text_col).unwrap_or("").to_string() });
        }
    }
    Ok(MarkerSet { name: set_name(path), items })
}

fn has(a: &Analysis, kind: MarkerKind) -> bool {
    a.flags().iter().any(|f| f.kind() == kind)
}

/// Per-kind figures of `results` against the gold of `set`.
pub fn figures(set: &MarkerSet, results: &[Analysis]) -> MarkerFigures {
    let mut kinds = Vec::new();
    for kind in MarkerKind::ALL {
        let (mut gold, mut flagged, mut found) = (0, 0, 0);
        for (item, a) in set.items.iter().zip(results) {
            let (g, f) = (item.kinds.contains(&kind), has(a, kind));
            gold += usize::from(g);
            flagged += usize::from(f);
            found += usize::from(g && f);
        }
        if gold == 0 && flagged == 0 {
            continue;
        }
        let (precision, recall) = (ratio(found, flagged), ratio(found, gold));
        let f1 = f1(precision, recall);
        kinds.push(KindFigures { kind, gold, flagged, found, precision, recall, f1 });
    }
    MarkerFigures { name: set.name.clone(), n: set.items.len(), kinds }
}

pub fn analyze(analyzer: &Analyzer, set: &MarkerSet) -> Vec<Analysis> {
    let texts: Vec<&str> = set.items.iter().map(|i| i.text.as_str()).collect();
    analyzer.analyze_batch(&texts)
}

pub fn print_table(f: &MarkerFigures) -> std::io::Result<()> {
    outln!("{}: n={} (tone markers, per text)", f.name, f.n)?;
    outln!(
        "  {:<20} {:>5} {:>7} {:>5} {:>9} {:>7} {:>7}",
        "kind",
        "gold",
        "flagged",
        "found",
        "precision",
        "recall",
        "F1"
    )?;
    for k in &f.kinds {
        outln!(
            "  {:<20} {:>5} {:>7} {:>5} {:>9.3} {:>7.3} {:>7.3}",
            k.kind.as_str(),
            k.gold,
            k.flagged,
            k.found,
            k.precision,
            k.recall,
            k.f1
        )?;
    }
    Ok(())
}

/// Up to `n` misses and `n` false flags per kind, with the flags' patterns.
pub fn print_errors(set: &MarkerSet, results: &[Analysis], n: usize) -> std::io::Result<()> {
    for kind in MarkerKind::ALL {
        let wrong: Vec<(bool, usize)> = set
            .items
            .iter()
            .zip(results)
            .enumerate()
            .filter_map(|(i, (g, a))| {
                let (gold, got) = (g.kinds.contains(&kind), has(a, kind));
                (gold != got).then_some((gold, i))
            })
            .collect();
        for (missed, label) in [(true, "missed"), (false, "false")] {
            let of_this: Vec<usize> =
                wrong.iter().filter(|(m, _)| *m == missed).map(|&(_, i)| i).collect();
            if of_this.is_empty() {
                continue;
            }
            outln!(
                "  {} {label}: {} (first {})",
                kind.as_str(),
                of_this.len(),
                n.min(of_this.len())
            )?;
            for &i in of_this.iter().take(n) {
                let (g, a) = (&set.items[i], &results[i]);
                let text: String = g.text.chars().take(160).collect();
                outln!("    [{}] {}", g.id, text.replace('\n', " "))?;
                for f in a.flags().iter().filter(|f| f.kind() == kind) {
                    outln!("        {} `{}`", f.pattern(), f.text())?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_cells_parse_and_unknown_kinds_are_errors() {
        assert_eq!(parse_kinds("-", "x").unwrap(), vec![]);
        assert_eq!(parse_kinds("", "x").unwrap(), vec![]);
        assert_eq!(
            parse_kinds("boilerplate,spam", "x").unwrap(),
            vec![MarkerKind::Boilerplate, MarkerKind::Spam]
        );
        let err = parse_kinds("gossip", "f.tsv:3").unwrap_err().to_string();
        assert!(err.starts_with("f.tsv:3:"), "{err}");
    }

    #[test]
    fn figures_count_texts_per_kind() {
        let analyzer = Analyzer::new();
        let set = MarkerSet {
            name: "t".into(),
            items: vec![
                MarkerItem {
                    id: "1".into(),
                    kinds: vec![MarkerKind::Boilerplate],
                    text: "Vielen Dank für Ihr Verständnis.".into(),
                },
                MarkerItem {
                    id: "2".into(),
                    kinds: vec![MarkerKind::Boilerplate],
                    text: "Ich nehme gerne Stellung zu Ihrer Frage.".into(),
                },
                MarkerItem { id: "3".into(), kinds: vec![], text: "Nie wieder!".into() },
            ],
        };
        let f = figures(&set, &analyze(&analyzer, &set));
        let b = f.kinds.iter().find(|k| k.kind == MarkerKind::Boilerplate).unwrap();
        assert_eq!((b.gold, b.flagged, b.found), (2, 1, 1));
        assert!((b.recall - 0.5).abs() < 1e-12 && (b.precision - 1.0).abs() < 1e-12);
        // A kind flagged but absent from the gold: all its flags are false.
        let e = f.kinds.iter().find(|k| k.kind == MarkerKind::NegativeExperience).unwrap();
        assert_eq!((e.gold, e.flagged, e.found, e.precision), (0, 1, 0, 0.0));
    }
}
