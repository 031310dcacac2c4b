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
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let (items, skipped) = match ext {
        "jsonl" | "json" | "ndjson" => read_jsonl(path)?,
        "csv" => read_delimited(path, b',', true)?,
        _ => read_delimited(path, b'\t', false)?,
    };
    Ok(GoldSet { name, items, skipped })
}

fn read_delimited(path: &Path, delimiter: u8, quoting: bool) -> Result<(Vec<GoldItem>, usize)> {
    let file = File::open(path).with_context(|| format!("{}", path.display()))?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(quoting)
        .flexible(true)
        .from_reader(file);
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
        let id = match v.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => line_no.to_string(),
        };
        items.push(GoldItem { id, label, text });
    }
    Ok((items, skipped))
}
