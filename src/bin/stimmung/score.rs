//! `stimmung score`: one JSON object per input record, in input order.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;
use stimmung::{Analysis, Analyzer, CommentMeta, RepeatDetector};

use crate::args::{InputFormat, ScoreArgs};

/// Records scored together; bounds memory however large the input.
const CHUNK: usize = 4096;

/// One input record: its id and text, or what is wrong with it.
struct Record {
    id: serde_json::Value,
    text: Result<String, String>,
    author: Option<String>,
    author_url: Option<String>,
}

impl Record {
    fn new(id: serde_json::Value, text: Result<String, String>) -> Record {
        Record { id, text, author: None, author_url: None }
    }
}

/// Texts remembered for repeat detection (64-bit hashes: 8 MB at most).
const REPEAT_CAPACITY: usize = 1_000_000;

#[derive(Serialize)]
struct Scored<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    analysis: &'a Analysis,
}

#[derive(Serialize)]
struct Failed<'a> {
    id: &'a serde_json::Value,
    error: &'a str,
}

pub fn run(args: &ScoreArgs) -> Result<ExitCode> {
    let analyzer = args.analyzer.builder()?.build()?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut had_errors = false;
    let mut repeats = RepeatDetector::new(REPEAT_CAPACITY);
    for input in &args.inputs {
        had_errors |= score_input(args, &analyzer, input, &mut repeats, &mut out)?;
    }
    out.flush()?;
    Ok(if had_errors { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn format_of(args: &ScoreArgs, path: &Path) -> InputFormat {
    match args.input_format {
        InputFormat::Auto => match path.extension().and_then(|e| e.to_str()) {
            Some("txt") => InputFormat::Txt,
            _ => InputFormat::Jsonl,
        },
        f => f,
    }
}

fn score_input(
    args: &ScoreArgs,
    analyzer: &Analyzer,
    path: &Path,
    repeats: &mut RepeatDetector,
    out: &mut impl Write,
) -> Result<bool> {
    let name = path.display().to_string();
    let reader: Box<dyn Read> = if name == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(path).with_context(|| name.clone())?)
    };
    let format = format_of(args, path);
    let mut reader = BufReader::new(reader);
    let mut had_errors = false;
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut line = Vec::new();
    let mut line_no = 0usize;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).with_context(|| name.clone())?;
        if n > 0 {
            line_no += 1;
            if let Some(rec) = parse_line(args, format, &name, line_no, &line) {
                chunk.push(rec);
            }
        }
        if chunk.len() >= CHUNK || (n == 0 && !chunk.is_empty()) {
            had_errors |= flush(args, analyzer, &mut chunk, repeats, out)?;
        }
        if n == 0 {
            return Ok(had_errors);
        }
    }
}

fn parse_line(
    args: &ScoreArgs,
    format: InputFormat,
    name: &str,
    line_no: usize,
    raw: &[u8],
) -> Option<Record> {
    let raw = strip_eol(raw);
    let raw = if line_no == 1 { raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw) } else { raw };
    if raw.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let fallback_id = serde_json::Value::from(line_no);
    let text = match std::str::from_utf8(raw) {
        Ok(t) => t,
        Err(e) => {
            let msg = format!("{name}:{line_no}: invalid UTF-8 at byte {}", e.valid_up_to());
            return Some(Record::new(fallback_id, Err(msg)));
        }
    };
    if format == InputFormat::Txt {
        return Some(Record::new(fallback_id, Ok(text.to_string())));
    }
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let msg = format!("{name}:{line_no}: malformed JSON: {e}");
            return Some(Record::new(fallback_id, Err(msg)));
        }
    };
    let id = field(&value, &args.id_field).cloned().unwrap_or(fallback_id);
    let text = match field(&value, &args.text_field) {
        Some(serde_json::Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(format!("{name}:{line_no}: field `{}` is not a string", args.text_field)),
        None => Err(format!("{name}:{line_no}: no field `{}`", args.text_field)),
    };
    let string = |f: &str| field(&value, f).and_then(|v| v.as_str()).map(str::to_string);
    Some(Record {
        id,
        text,
        author: string(&args.author_field),
        author_url: string(&args.url_field),
    })
}

/// A field by dotted path (`comment.body`).
fn field<'v>(v: &'v serde_json::Value, path: &str) -> Option<&'v serde_json::Value> {
    path.split('.').try_fold(v, |v, key| v.get(key))
}

fn strip_eol(raw: &[u8]) -> &[u8] {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    raw.strip_suffix(b"\r").unwrap_or(raw)
}

fn flush(
    args: &ScoreArgs,
    analyzer: &Analyzer,
    chunk: &mut Vec<Record>,
    repeats: &mut RepeatDetector,
    out: &mut impl Write,
) -> Result<bool> {
    use rayon::prelude::*;
    let mut results: Vec<Option<Analysis>> = chunk
        .par_iter()
        .map(|r| {
            let meta =
                CommentMeta { author: r.author.as_deref(), author_url: r.author_url.as_deref() };
            r.text.as_ref().ok().map(|t| analyzer.analyze_comment(t, &meta))
        })
        .collect();
    let mut had_errors = false;
    for (rec, res) in chunk.iter().zip(&mut results) {
        // Repeats are found here, in input order, so the result does not
        // depend on the thread count.
        if let (Ok(text), Some(a)) = (&rec.text, res.as_mut()) {
            let id = rec.id.as_str().map_or_else(|| rec.id.to_string(), str::to_string);
            if let Some(flag) = repeats.check(&id, text) {
                a.add_flag(flag);
            }
        }
        match (&rec.text, &*res) {
            (Ok(_), Some(a)) => {
                serde_json::to_writer(&mut *out, &Scored { id: &rec.id, analysis: a })?
            }
            (Err(e), _) => {
                had_errors = true;
                eprintln!("stimmung: {e}");
                if args.strict {
                    anyhow::bail!("stopped at the first bad record (--strict)");
                }
                serde_json::to_writer(&mut *out, &Failed { id: &rec.id, error: e })?
            }
            (Ok(_), None) => unreachable!("every text record is analyzed"),
        }
        out.write_all(b"\n")?;
    }
    chunk.clear();
    Ok(had_errors)
}
