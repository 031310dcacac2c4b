//! Reading labelled data for `eval`: TSV or CSV with a header row that names
//! `label` and `text` (and optionally `id`), or JSONL with those fields.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::{bail, Context, Result};
use stimmung::Label;

/// One labelled text.
pub struct GoldItem {
    pub id: String,
    pub label: Label,
    pub text: String,
}

/// A labelled set and what was left out of it (unknown labels such as
/// PotTS's `mixed`).
pub struct GoldSet {
    pub name: String,
    pub items: Vec<GoldItem>,
    pub skipped: usize,
}

pub fn read(path: &Path) -> Result<GoldSet> {
    let (items, skipped) = if is_jsonl(path) { read_jsonl(path)? } else { read_delimited(path)? };
    Ok(GoldSet { name: set_name(path), items, skipped })
}

/// A set's name: its file's stem (`potts` for `../shared/data/potts.tsv`).
pub fn set_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Whether a gold file is JSONL (by its extension); else TSV, or CSV for
/// `.csv`.
pub fn is_jsonl(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("jsonl" | "json" | "ndjson"))
}

/// A reader of a TSV gold file (no quoting: texts hold quotes), or of a
/// CSV one (`.csv`, quoted), rows of any length.
pub fn delimited_reader(path: &Path) -> Result<csv::Reader<File>> {
    let file = File::open(path).with_context(|| format!("{}", path.display()))?;
    let csv = path.extension().is_some_and(|e| e == "csv");
    Ok(csv::ReaderBuilder::new()
        .delimiter(if csv { b',' } else { b'\t' })
        .quoting(csv)
        .flexible(true)
        .from_reader(file))
}

/// A JSONL record's `id`, as text; its line number where it has none.
pub fn json_id(v: &serde_json::Value, line_no: usize) -> String {
    match v.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => line_no.to_string(),
    }
}

fn read_delimited(path: &Path) -> Result<(Vec<GoldItem>, usize)> {
    let mut reader = delimited_reader(path)?;
    let headers = reader.headers().with_context(|| format!("{}: header", path.display()))?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(label_col), Some(text_col)) = (col("label"), col("text")) else {
        bail!("{}: the header must name `label` and `text` columns", path.display());
    };
    let id_col = col("id");
    let mut items = Vec::new();
    let mut skipped = 0;
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let rec = rec.with_context(|| format!("{}:{line}", path.display()))?;
        let Some(label) = rec.get(label_col).and_then(Label::parse) else {
            skipped += 1;
            continue;
        };
        let text = rec.get(text_col).unwrap_or("").to_string();
        let id = id_col.and_then(|c| rec.get(c)).map_or_else(|| line.to_string(), str::to_string);
        items.push(GoldItem { id, label, text });
    }
    Ok((items, skipped))
}

fn read_jsonl(path: &Path) -> Result<(Vec<GoldItem>, usize)> {
    let file = File::open(path).with_context(|| format!("{}", path.display()))?;
    let mut items = Vec::new();
    let mut skipped = 0;
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line_no = i + 1;
        let line = line.with_context(|| format!("{}:{line_no}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("{}:{line_no}: malformed JSON", path.display()))?;
        let Some(label) = v.get("label").and_then(|l| l.as_str()).and_then(Label::parse) else {
            skipped += 1;
            continue;
        };
        let text = v.get("text").and_then(|t| t.as_str()).unwrap_or("").to_string();
        items.push(GoldItem { id: json_id(&v, line_no), label, text });
    }
    Ok((items, skipped))
}
