//! JSON Lines: one object per line with a text field (dotted paths allowed:
//! `comment.body`).

use std::io::BufRead;

use serde_json::Value;

use super::txt::{Line, Lines};
use super::{field, field_mut, limit, Counting, Options, Record};

pub struct Reader<'o, R> {
    lines: Lines<R>,
    opts: &'o Options,
}

impl<'o, R: BufRead> Reader<'o, R> {
    pub fn new(name: String, input: Counting<R>, opts: &'o Options) -> Self {
        Reader { lines: Lines::new(name, input), opts }
    }
}

impl<R: BufRead> Iterator for Reader<'_, R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        Some(match self.lines.next_line()? {
            Err(rec) => rec,
            Ok(Line { number: line_no, bytes: raw, input: name }) => limit(
                parse(name, line_no, raw, self.opts),
                name,
                line_no,
                self.opts.max_record_bytes,
            ),
        })
    }
}

fn parse(name: &str, line_no: usize, raw: &[u8], opts: &Options) -> Record {
    let fallback = Value::from(line_no);
    let text = match std::str::from_utf8(raw) {
        Ok(t) => t,
        Err(e) => {
            let msg = format!("{name}:{line_no}: invalid UTF-8 at byte {}", e.valid_up_to());
            return Record::error(fallback, msg);
        }
    };
    let mut value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Record::error(fallback, format!("{name}:{line_no}: malformed JSON: {e}")),
    };
    let id = field(&value, &opts.id_field).cloned().unwrap_or(fallback);
    let string = |f: &str| field(&value, f).and_then(Value::as_str).map(str::to_string);
    let mut rec = Record::ok(id, String::new());
    rec.author = string(&opts.author_field);
    rec.author_url = string(&opts.url_field);
    rec.thread = opts.thread_field.as_deref().and_then(|f| field(&value, f)).map(|v| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    for k in &opts.keep {
        if let Some(v) = field(&value, k) {
            rec.meta.insert(k.clone(), v.clone());
        }
    }
    // Last, so that the text is moved out instead of copied.
    rec.text = match field_mut(&mut value, &opts.text_field) {
        Some(Value::String(s)) => Ok(std::mem::take(s)),
        Some(_) => Err(format!("{name}:{line_no}: field `{}` is not a string", opts.text_field)),
        None => Err(format!("{name}:{line_no}: no field `{}`", opts.text_field)),
    };
    rec
}
