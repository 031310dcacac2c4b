//! Plain text: one comment per non-empty line; the id is the line number.

use std::io::BufRead;

use serde_json::Value;

use super::{Counting, Record};

pub struct Reader<R> {
    name: String,
    input: Counting<R>,
    line: Vec<u8>,
    failed: bool,
}

impl<R: BufRead> Reader<R> {
    pub fn new(name: String, input: Counting<R>) -> Self {
        Reader { name, input, line: Vec::new(), failed: false }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
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
                    return Some(Record::error(
                        Value::from(line_no),
                        format!("{}:{line_no}: read error: {e}", self.name),
                    ));
                }
            }
            let raw = strip(&self.line, line_no);
            if raw.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(match std::str::from_utf8(raw) {
                Ok(t) => Record::ok(Value::from(line_no), t.to_string()),
                Err(e) => Record::error(
                    Value::from(line_no),
                    format!("{}:{line_no}: invalid UTF-8 at byte {}", self.name, e.valid_up_to()),
                ),
            });
        }
    }
}

/// A line without its end and, on the first line, without a BOM.
pub fn strip(raw: &[u8], line_no: usize) -> &[u8] {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    if line_no == 1 {
        raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw)
    } else {
        raw
    }
}
