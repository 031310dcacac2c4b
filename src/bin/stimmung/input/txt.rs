//! Plain text: one comment per non-empty line; the id is the line number.
//! Also home of [`Lines`], the line loop that the JSONL reader shares.

use std::io::BufRead;

use serde_json::Value;

use super::{limit, utf8_line, Counting, Record};

/// A line as [`Lines`] gives it.
pub struct Line<'l> {
    /// Its number, from 1.
    pub number: usize,
    /// Its bytes, without the line end (and, on the first line, a BOM).
    pub bytes: &'l [u8],
    /// The name of the input, for error messages.
    pub input: &'l str,
}

/// Non-blank lines of an input, with their numbers; a read error ends the
/// input as an error record naming the line.
pub struct Lines<R> {
    name: String,
    input: Counting<R>,
    line: Vec<u8>,
    failed: bool,
}

impl<R: BufRead> Lines<R> {
    pub fn new(name: String, input: Counting<R>) -> Self {
        Lines { name, input, line: Vec::new(), failed: false }
    }

    /// The next non-blank line, or the error record that ends the input.
    pub fn next_line(&mut self) -> Option<Result<Line<'_>, Record>> {
        loop {
            if self.failed {
                return None;
            }
            self.line.clear();
            let line_no = self.input.lines + 1;
            match self.input.read_until(b'\n', &mut self.line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.failed = true;
                    let msg = format!("{}:{line_no}: read error: {e}", self.name);
                    return Some(Err(Record::error(Value::from(line_no), msg)));
                }
            }
            if !self.line.iter().all(u8::is_ascii_whitespace) {
                let bytes = strip(&self.line, line_no);
                return Some(Ok(Line { number: line_no, bytes, input: &self.name }));
            }
        }
    }
}

pub struct Reader<R> {
    lines: Lines<R>,
    max: usize,
}

impl<R: BufRead> Reader<R> {
    pub fn new(name: String, input: Counting<R>, max: usize) -> Self {
        Reader { lines: Lines::new(name, input), max }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        Some(match self.lines.next_line()? {
            Err(rec) => rec,
            Ok(Line { number: line_no, bytes: raw, input: name }) => {
                match utf8_line(raw, name, line_no) {
                    Ok(t) => limit(
                        Record::ok(Value::from(line_no), t.to_string()),
                        name,
                        line_no,
                        self.max,
                    ),
                    Err(msg) => Record::error(Value::from(line_no), msg),
                }
            }
        })
    }
}

/// A line without its end and, on the first line, without a BOM.
fn strip(raw: &[u8], line_no: usize) -> &[u8] {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    if line_no == 1 {
        raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw)
    } else {
        raw
    }
}
