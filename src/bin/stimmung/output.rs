//! Output writers: JSON Lines (the full record) or flat CSV/TSV.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;
use serde_json::{Map, Value};
use stimmung::Analysis;

use crate::args::OutputFormat;
use crate::input::Record;

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
            write_scored(&mut out, &rec.id, text, a, &rec.meta)?;
        }
        Err(e) => {
            serde_json::to_writer(&mut out, &Failed { id: &rec.id, error: e, meta: &rec.meta })?
        }
    }
    out.push(b'\n');
    Ok(out)
}

/// Writes a scored record as one JSON object: its id, optionally its text,
/// the fields of the analysis as its `Serialize` writes them, then the kept
/// input fields.
///
/// Written by hand because this is the hottest part of `score` after the
/// analysis itself: serde_json spends ~200 instructions per string, keys
/// included, and a line has ~40 of them (measured: 70 → 26 M instructions
/// per MB of input). The test `scored_line_has_every_field_of_the_analysis`
/// compares it with serde's output of `Analysis`.
fn write_scored(
    out: &mut Vec<u8>,
    id: &Value,
    text: Option<&str>,
    a: &Analysis,
    meta: &Map<String, Value>,
) -> Result<()> {
    out.extend_from_slice(b"{\"id\":");
    serde_json::to_writer(&mut *out, id)?;
    if let Some(text) = text {
        out.extend_from_slice(b",\"text\":");
        json::str(out, text)?;
    }
    out.extend_from_slice(b",\"label\":");
    json::str(out, a.label().as_str())?;
    for (key, v) in [
        (&b",\"compound\":"[..], a.compound()),
        (b",\"positive\":", a.positive()),
        (b",\"negative\":", a.negative()),
        (b",\"neutral\":", a.neutral()),
    ] {
        out.extend_from_slice(key);
        json::f64(out, v)?;
    }
    out.extend_from_slice(b",\"sentences\":[");
    for (i, s) in a.sentences().iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{\"start\":" } else { b",{\"start\":" });
        json::usize(out, s.start());
        out.extend_from_slice(b",\"end\":");
        json::usize(out, s.end());
        out.extend_from_slice(b",\"compound\":");
        json::f64(out, s.compound())?;
        out.extend_from_slice(b",\"label\":");
        json::str(out, s.label().as_str())?;
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"hits\":[");
    for (i, h) in a.hits().iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{\"start\":" } else { b",{\"start\":" });
        json::usize(out, h.start());
        out.extend_from_slice(b",\"end\":");
        json::usize(out, h.end());
        out.extend_from_slice(b",\"term\":");
        json::str(out, h.term())?;
        out.extend_from_slice(b",\"key\":");
        json::str(out, h.key())?;
        out.extend_from_slice(b",\"valence\":");
        json::f64(out, h.valence())?;
        out.extend_from_slice(b",\"contribution\":");
        json::f64(out, h.contribution())?;
        out.extend_from_slice(b",\"rules\":[");
        for (j, r) in h.rules().iter().enumerate() {
            if j > 0 {
                out.push(b',');
            }
            json::str(out, r.as_str())?;
        }
        out.extend_from_slice(b"]}");
    }
    out.extend_from_slice(b"],\"flags\":[");
    for (i, f) in a.flags().iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{\"kind\":" } else { b",{\"kind\":" });
        json::str(out, f.kind().as_str())?;
        out.extend_from_slice(b",\"category\":");
        json::str(out, f.category())?;
        out.extend_from_slice(b",\"start\":");
        json::usize(out, f.start());
        out.extend_from_slice(b",\"end\":");
        json::usize(out, f.end());
        out.extend_from_slice(b",\"text\":");
        json::str(out, f.text())?;
        out.extend_from_slice(b",\"pattern\":");
        json::str(out, f.pattern())?;
        if !f.evidence().is_empty() {
            out.extend_from_slice(b",\"evidence\":");
            serde_json::to_writer(&mut *out, f.evidence())?;
        }
        out.push(b'}');
    }
    out.push(b']');
    if !meta.is_empty() {
        out.extend_from_slice(b",\"meta\":");
        serde_json::to_writer(&mut *out, meta)?;
    }
    out.push(b'}');
    Ok(())
}

/// JSON scalars, written as serde_json writes them.
mod json {
    /// A string: copied between quotes when nothing in it needs escaping
    /// (serde_json escapes control characters, `"` and `\\` only), else
    /// through serde_json.
    pub fn str(out: &mut Vec<u8>, s: &str) -> serde_json::Result<()> {
        if s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
            return serde_json::to_writer(&mut *out, s);
        }
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
        Ok(())
    }

    /// A float (serde_json writes `null` for NaN and infinities).
    pub fn f64(out: &mut Vec<u8>, v: f64) -> serde_json::Result<()> {
        serde_json::to_writer(&mut *out, &v)
    }

    pub fn usize(out: &mut Vec<u8>, n: usize) {
        out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }
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
        let text = "Seit drei Wochen warte ich auf eine Antwort. Nie wieder \"Kundenservice\"!\tVielen Dank für Ihr Verständnis.";
        let analysis = stimmung::Analyzer::new().analyze(text);
        assert!(!analysis.hits().is_empty());
        assert!(analysis.flags().iter().any(|f| !f.evidence().is_empty()));
        assert!(analysis.flags().iter().any(|f| f.evidence().is_empty()));
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

    #[test]
    fn json_scalars_match_serde_json() {
        for s in [
            "",
            "gut",
            "Grüße 😀",
            "a\"b",
            "back\\slash",
            "tab\there",
            "\u{1f}\u{7f}\u{2028}",
            "\n",
        ] {
            let mut out = Vec::new();
            json::str(&mut out, s).unwrap();
            assert_eq!(out, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
        for v in [0.0, -0.0, 1.0, -0.5596510694269607, 1e-300, 1e21, f64::NAN, f64::INFINITY] {
            let mut out = Vec::new();
            json::f64(&mut out, v).unwrap();
            assert_eq!(out, serde_json::to_vec(&v).unwrap(), "{v}");
        }
        for n in [0, 7, 10, 12345, usize::MAX] {
            let mut out = Vec::new();
            json::usize(&mut out, n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
    }
}
