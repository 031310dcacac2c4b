//! CSV and TSV with a header row (the csv crate: quoted fields with
//! delimiters, quotes and line breaks inside).

use std::cell::Cell;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

use serde_json::Value;

use super::{limit, Counting, Options, Record};

/// Passes bytes through and tracks whether the parser is inside a quoted
/// field (a doubled quote toggles twice). If the input ends inside quotes,
/// the last record swallowed the rest of the file.
struct QuoteTracker<R> {
    inner: R,
    in_quote: Rc<Cell<bool>>,
}

impl<R: Read> Read for QuoteTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let quotes = buf[..n].iter().filter(|&&b| b == b'"').count();
        if quotes % 2 == 1 {
            self.in_quote.set(!self.in_quote.get());
        }
        Ok(n)
    }
}

pub fn reader<'o, R: BufRead + 'o>(
    name: String,
    input: Counting<R>,
    delimiter: u8,
    opts: &'o Options,
) -> impl Iterator<Item = Record> + 'o {
    let in_quote = Rc::new(Cell::new(false));
    let tracked = QuoteTracker { inner: input, in_quote: in_quote.clone() };
    let mut csv =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(tracked);
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
    // One record of lookahead: only at the end of the input is it known
    // whether the last record ended inside an unclosed quote.
    let mut pending: Option<(Record, u64, Option<String>)> = None;
    let mut recovered: std::collections::VecDeque<Record> = Default::default();
    std::iter::from_fn(move || loop {
        if let Some(r) = recovered.pop_front() {
            return Some(r);
        }
        if done {
            return pending.take().map(|p| p.0);
        }
        if let Some(e) = header_error.take() {
            done = true;
            return Some(Record::error(Value::from(1), e));
        }
        let line = csv.position().line() + 1;
        let next = match csv.read_byte_record(&mut record) {
            Ok(false) => {
                done = true;
                let (rec, line, text) = pending.take()?;
                // A stray quote in an unquoted field (`5" Display`) also
                // flips the parity; only a field that holds further lines
                // swallowed anything.
                let swallowed = text.as_deref().is_some_and(|t| t.contains('\n'));
                if !(in_quote.get() && swallowed) {
                    return Some(rec);
                }
                // The quote opened in this record never closes: report it,
                // and read the lines it swallowed again as rows.
                let msg = format!(
                    "{name}:{line}: unterminated quoted field (the quote is never closed); \
                     the lines after it are read again as rows"
                );
                let tail = text.as_deref().and_then(|t| t.split_once('\n')).map_or("", |(_, t)| t);
                let mut again = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .flexible(true)
                    .has_headers(false)
                    .from_reader(tail.as_bytes());
                let mut row = csv::ByteRecord::new();
                let mut k = 0;
                while let Ok(true) = again.read_byte_record(&mut row) {
                    k += 1;
                    n += 1;
                    let max = opts.max_record_bytes;
                    recovered.push_back(to_record(&name, line + k, n, &row, &cols, max));
                }
                return Some(Record::error(rec.id, msg));
            }
            Ok(true) => {
                n += 1;
                let line = record.position().map_or(line, |p| p.line());
                let text = cols
                    .text
                    .and_then(|i| record.get(i))
                    .map(|t| String::from_utf8_lossy(t).into_owned());
                let rec = to_record(&name, line, n, &record, &cols, opts.max_record_bytes);
                (rec, line, text)
            }
            Err(e) => {
                // A broken row: the reader resynchronises at the next line.
                n += 1;
                let line = e.position().map_or(line, |p| p.line());
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    done = true;
                }
                let rec =
                    Record::error(Value::from(n), format!("{name}:{line}: broken CSV row: {e}"));
                (rec, line, None)
            }
        };
        if let Some(prev) = pending.replace(next) {
            return Some(prev.0);
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

/// One row as a record; a text over `max` bytes becomes an error record.
fn to_record(
    name: &str,
    line: u64,
    n: usize,
    rec: &csv::ByteRecord,
    cols: &Columns,
    max: usize,
) -> Record {
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
    limit(r, name, line, max)
}
