//! Output writers: JSON Lines (the full record) or flat CSV/TSV.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;
use serde_json::{Map, Value};
use stimmung::Analysis;

use crate::args::OutputFormat;
use crate::input::Record;

/// A scored record: its id, optionally its text, the analysis's fields
/// inline, then the kept input fields.
#[derive(Serialize)]
struct Scored<'a> {
    id: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(flatten)]
    analysis: &'a Analysis,
    #[serde(skip_serializing_if = "Map::is_empty")]
    meta: &'a Map<String, Value>,
}

#[derive(Serialize)]
struct Failed<'a> {
    id: &'a Value,
    error: &'a str,
    #[serde(skip_serializing_if = "Map::is_empty")]
    meta: &'a Map<String, Value>,
}

/// One JSONL output line (with its newline). Pure, so records can be
/// rendered in parallel and written in order.
pub fn render_jsonl(rec: &Record, result: Result<&Analysis, &str>) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(512);
    match result {
        Ok(a) => {
            let text = if rec.echo_text { rec.text.as_deref().ok() } else { None };
            let scored = Scored { id: &rec.id, text, analysis: a, meta: &rec.meta };
            serde_json::to_writer(&mut out, &scored)?;
        }
        Err(e) => {
            serde_json::to_writer(&mut out, &Failed { id: &rec.id, error: e, meta: &rec.meta })?
        }
    }
    out.push(b'\n');
    Ok(out)
}

/// How many terms the flat formats list.
const TOP_TERMS: usize = 5;

pub enum Writer<W: Write> {
    Jsonl(W),
    Delimited { csv: Box<csv::Writer<W>>, keep: Vec<String> },
}

impl<W: Write> Writer<W> {
    pub fn new(format: OutputFormat, out: W, keep: &[String]) -> Result<Writer<W>> {
        Ok(match format {
            OutputFormat::Jsonl => Writer::Jsonl(out),
            OutputFormat::Csv | OutputFormat::Tsv => {
                let delimiter = if format == OutputFormat::Csv { b',' } else { b'\t' };
                let mut csv = csv::WriterBuilder::new().delimiter(delimiter).from_writer(out);
                let mut header: Vec<&str> = vec![
                    "id",
                    "label",
                    "compound",
                    "positive",
                    "negative",
                    "neutral",
                    "flags",
                    "top_terms",
                    "error",
                ];
                header.extend(keep.iter().map(String::as_str));
                csv.write_record(&header)?;
                Writer::Delimited { csv: Box::new(csv), keep: keep.to_vec() }
            }
        })
    }

    /// Whether records are rendered by [`render_jsonl`] (in parallel) and
    /// written with [`Writer::write_rendered`].
    pub fn renders_in_parallel(&self) -> bool {
        matches!(self, Writer::Jsonl(_))
    }

    /// Writes a line made by [`render_jsonl`].
    pub fn write_rendered(&mut self, line: &[u8]) -> Result<()> {
        if let Writer::Jsonl(out) = self {
            out.write_all(line)?;
        }
        Ok(())
    }

    pub fn write(&mut self, rec: &Record, result: Result<&Analysis, &str>) -> Result<()> {
        match self {
            Writer::Jsonl(out) => out.write_all(&render_jsonl(rec, result)?)?,
            Writer::Delimited { csv, keep } => {
                let id = match &rec.id {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let mut row = vec![id];
                match result {
                    Ok(a) => {
                        let mut flags: Vec<String> = a
                            .flags()
                            .iter()
                            .map(|f| format!("{}/{}", f.kind().as_str(), f.category()))
                            .collect();
                        flags.dedup();
                        let mut hits: Vec<_> = a.hits().iter().collect();
                        hits.sort_by(|x, y| {
                            y.contribution().abs().total_cmp(&x.contribution().abs())
                        });
                        let terms: Vec<String> = hits
                            .iter()
                            .take(TOP_TERMS)
                            .map(|h| format!("{}({:+.2})", h.term(), h.contribution()))
                            .collect();
                        row.extend([
                            a.label().to_string(),
                            format!("{:.4}", a.compound()),
                            format!("{:.4}", a.positive()),
                            format!("{:.4}", a.negative()),
                            format!("{:.4}", a.neutral()),
                            flags.join(";"),
                            terms.join(";"),
                            String::new(),
                        ]);
                    }
                    Err(e) => {
                        row.extend(std::iter::repeat_n(String::new(), 7));
                        row.push(e.to_string());
                    }
                }
                for k in keep.iter() {
                    row.push(match rec.meta.get(k) {
                        Some(Value::String(s)) => s.clone(),
                        Some(v) => v.to_string(),
                        None => String::new(),
                    });
                }
                csv.write_record(&row)?;
            }
        }
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        match self {
            Writer::Jsonl(out) => out.flush()?,
            Writer::Delimited { csv, .. } => csv.flush()?,
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scored line carries every field of `Analysis`, in its order, with
    /// the same values, between the record's id and text and its meta.
    #[test]
    fn scored_line_has_every_field_of_the_analysis() {
        let text = "Seit drei Wochen warte ich auf eine Antwort. Nie wieder! Vielen Dank für Ihr Verständnis.";
        let analysis = stimmung::Analyzer::new().analyze(text);
        assert!(!analysis.flags().is_empty() && !analysis.hits().is_empty());
        let mut rec = Record::ok(Value::from("c7"), text.to_string());
        rec.echo_text = true;
        rec.meta.insert("author".into(), Value::from("Eva"));
        let line = render_jsonl(&rec, Ok(&analysis)).unwrap();
        assert_eq!(line.last(), Some(&b'\n'));
        // The analysis's own serialization, braces stripped, sits verbatim
        // between the record's text and its meta: same fields, same order.
        let own = serde_json::to_string(&analysis).unwrap();
        let body = &own[1..own.len() - 1];
        let line_str = std::str::from_utf8(&line).unwrap();
        let text_json = serde_json::to_string(text).unwrap();
        let expected = format!("{{\"id\":\"c7\",\"text\":{text_json},{body},\"meta\":");
        assert!(line_str.starts_with(&expected), "{line_str}");
        let got: Map<String, Value> = serde_json::from_slice(&line).unwrap();
        let Value::Object(want) = serde_json::to_value(&analysis).unwrap() else { panic!() };
        assert_eq!(got.len(), want.len() + 3);
        assert_eq!(got["id"], "c7");
        assert_eq!(got["text"], text);
        assert_eq!(got["meta"]["author"], "Eva");

        // Without echoed text and meta, neither key appears.
        let plain = Record::ok(Value::from(3), text.to_string());
        let line = render_jsonl(&plain, Ok(&analysis)).unwrap();
        let got: Map<String, Value> = serde_json::from_slice(&line).unwrap();
        assert_eq!(got.len(), want.len() + 1);
        assert!(!got.contains_key("text") && !got.contains_key("meta"));
    }
}
