//! CSV and TSV with a header row (the csv crate: quoted fields with
//! delimiters, quotes and line breaks inside).

use std::io::BufRead;

use serde_json::Value;

use super::{Counting, Options, Record};

pub fn reader<'o, R: BufRead + 'o>(
    name: String,
    input: Counting<R>,
    delimiter: u8,
    opts: &'o Options,
) -> impl Iterator<Item = Record> + 'o {
    let mut csv = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(input);
    let headers: Result<Vec<String>, String> = match csv.byte_headers() {
        Ok(h) => Ok(h.iter().map(|f| String::from_utf8_lossy(f).trim().to_string()).collect()),
        Err(e) => Err(format!("{name}:1: cannot read the header: {e}")),
    };
    let mut header_error = None;
    let mut cols = Columns::default();
    match &headers {
        Ok(h) => {
            let pos = |f: &str| h.iter().position(|c| c == f);
            cols.text = pos(&opts.text_field);
            cols.id = pos(&opts.id_field);
            cols.author = pos(&opts.author_field);
            cols.url = pos(&opts.url_field);
            cols.thread = opts.thread_field.as_deref().and_then(pos);
            cols.keep = opts.keep.iter().filter_map(|k| pos(k).map(|i| (k.clone(), i))).collect();
            if cols.text.is_none() {
                header_error = Some(format!(
                    "{name}:1: the header has no `{}` column (use --text-field); columns: {}",
                    opts.text_field,
                    h.join(", ")
                ));
            }
        }
        Err(e) => header_error = Some(e.clone()),
    }
    let mut record = csv::ByteRecord::new();
    let mut done = false;
    let mut n = 0usize;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        if let Some(e) = header_error.take() {
            done = true;
            return Some(Record::error(Value::from(1), e));
        }
        let line = csv.position().line() + 1;
        match csv.read_byte_record(&mut record) {
            Ok(false) => None,
            Ok(true) => {
                n += 1;
                let line = record.position().map_or(line, |p| p.line());
                Some(to_record(&name, line, n, &record, &cols))
            }
            Err(e) => {
                // A broken row: the reader resynchronises at the next line.
                n += 1;
                let line = e.position().map_or(line, |p| p.line());
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    done = true;
                }
                Some(Record::error(Value::from(n), format!("{name}:{line}: broken CSV row: {e}")))
            }
        }
    })
}

#[derive(Default)]
struct Columns {
    text: Option<usize>,
    id: Option<usize>,
    author: Option<usize>,
    url: Option<usize>,
    thread: Option<usize>,
    keep: Vec<(String, usize)>,
}

fn to_record(name: &str, line: u64, n: usize, rec: &csv::ByteRecord, cols: &Columns) -> Record {
    let get = |i: Option<usize>| -> Option<Result<String, usize>> {
        let raw = rec.get(i?)?;
        Some(std::str::from_utf8(raw).map(str::to_string).map_err(|e| e.valid_up_to()))
    };
    let id = match get(cols.id) {
        Some(Ok(s)) if !s.is_empty() => Value::from(s),
        _ => Value::from(n),
    };
    let text = match get(cols.text) {
        Some(Ok(t)) => Ok(t),
        Some(Err(at)) => Err(format!("{name}:{line}: invalid UTF-8 in the text at byte {at}")),
        None => Err(format!("{name}:{line}: the row has no text column ({} fields)", rec.len())),
    };
    let ok = |i| get(i).and_then(Result::ok).filter(|s: &String| !s.is_empty());
    let mut r = Record::ok(id, String::new());
    r.text = text;
    r.author = ok(cols.author);
    r.author_url = ok(cols.url);
    r.thread = ok(cols.thread);
    for (k, i) in &cols.keep {
        if let Some(v) = ok(Some(*i)) {
            r.meta.insert(k.clone(), Value::from(v));
        }
    }
    r
}
