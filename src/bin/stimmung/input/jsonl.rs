//! JSON Lines: one object per line with a text field (dotted paths allowed:
//! `comment.body`).

use std::borrow::Cow;
use std::io::BufRead;

use serde_json::Value;

use super::txt::{Line, Lines};
use super::{field, field_mut, limit, utf8_line, Counting, Options, Record};

pub struct Reader<'o, R> {
    lines: Lines<R>,
    opts: &'o Options,
    /// The options' paths, split once rather than for every line.
    paths: Paths<'o>,
    /// The top-level keys that the options' paths start with.
    wanted: Vec<&'o str>,
}

/// The options' field paths, each split into its top-level key and the
/// rest.
struct Paths<'o> {
    text: Path<'o>,
    id: Path<'o>,
    author: Path<'o>,
    url: Path<'o>,
    thread: Option<Path<'o>>,
    /// Each passed-through field: its name in the output, and its path.
    keep: Vec<(&'o str, Path<'o>)>,
}

impl<'o, R: BufRead> Reader<'o, R> {
    pub fn new(name: String, input: Counting<R>, opts: &'o Options) -> Self {
        let paths = Paths {
            text: Path::new(&opts.text_field),
            id: Path::new(&opts.id_field),
            author: Path::new(&opts.author_field),
            url: Path::new(&opts.url_field),
            thread: opts.thread_field.as_deref().map(Path::new),
            keep: opts.keep.iter().map(|k| (k.as_str(), Path::new(k))).collect(),
        };
        let all = [paths.text, paths.id, paths.author, paths.url]
            .into_iter()
            .chain(paths.thread)
            .chain(paths.keep.iter().map(|(_, p)| *p));
        let mut wanted: Vec<&str> = Vec::new();
        for path in all {
            if !wanted.contains(&path.top) {
                wanted.push(path.top);
            }
        }
        Reader { lines: Lines::new(name, input), opts, paths, wanted }
    }
}

impl<R: BufRead> Iterator for Reader<'_, R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        Some(match self.lines.next_line()? {
            Err(rec) => rec,
            Ok(Line { number: line_no, bytes: raw, input: name }) => limit(
                parse(name, line_no, raw, self.opts, &self.paths, &self.wanted),
                name,
                line_no,
                self.opts.max_record_bytes,
            ),
        })
    }
}

fn parse(
    name: &str,
    line_no: usize,
    raw: &[u8],
    opts: &Options,
    paths: &Paths<'_>,
    wanted: &[&str],
) -> Record {
    let fallback = Value::from(line_no);
    let text = match utf8_line(raw, name, line_no) {
        Ok(t) => t,
        Err(msg) => return Record::error(fallback, msg),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = serde::de::DeserializeSeed::deserialize(Wanted(wanted), &mut de).and_then(|v| {
        de.end()?;
        Ok(v)
    });
    let mut fields = match parsed {
        Ok(v) => v,
        Err(e) => return Record::error(fallback, format!("{name}:{line_no}: malformed JSON: {e}")),
    };
    let id = fields.get(paths.id).cloned().unwrap_or(fallback);
    let string = |p: Path<'_>| fields.get(p).and_then(Value::as_str).map(str::to_string);
    let mut rec = Record::ok(id, String::new());
    rec.author = string(paths.author);
    rec.author_url = string(paths.url);
    rec.thread = paths.thread.and_then(|p| fields.get(p)).map(|v| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    for &(k, path) in &paths.keep {
        if let Some(v) = fields.get(path) {
            rec.meta.insert(k.to_string(), v.clone());
        }
    }
    // Last, so that the text is moved out instead of copied.
    rec.text = match fields.get_mut(paths.text) {
        Some(Value::String(s)) => Ok(std::mem::take(s)),
        Some(_) => Err(format!("{name}:{line_no}: field `{}` is not a string", opts.text_field)),
        None => Err(format!("{name}:{line_no}: no field `{}`", opts.text_field)),
    };
    rec
}

/// The fields of a line that a record needs: the top-level keys that the
/// options' paths start with, each with its value, in line order (a
/// repeated key's last value wins, as in a JSON object read by serde_json).
/// A short list, not a map: a line has a handful of wanted keys, and the
/// keys stay borrowed from the line.
struct Fields<'de>(Vec<(Cow<'de, str>, Value)>);

impl Fields<'_> {
    /// The value at a dotted path (`comment.body`).
    fn get(&self, path: Path<'_>) -> Option<&Value> {
        let value = &self.0.iter().rev().find(|(key, _)| key == path.top)?.1;
        path.rest.map_or(Some(value), |rest| field(value, rest))
    }

    /// [`Fields::get`], for moving the value out.
    fn get_mut(&mut self, path: Path<'_>) -> Option<&mut Value> {
        let value = &mut self.0.iter_mut().rev().find(|(key, _)| key == path.top)?.1;
        match path.rest {
            Some(rest) => field_mut(value, rest),
            None => Some(value),
        }
    }
}

/// A dotted path (`comment.body`): its top-level key and the rest, if any.
#[derive(Clone, Copy)]
struct Path<'p> {
    top: &'p str,
    rest: Option<&'p str>,
}

impl<'p> Path<'p> {
    fn new(path: &'p str) -> Self {
        match path.split_once('.') {
            Some((top, rest)) => Path { top, rest: Some(rest) },
            None => Path { top: path, rest: None },
        }
    }
}

/// Reads one JSON value, building only the fields a record needs: an object
/// keeps the keys in the list (whole, as `Value`s, so that dotted paths and
/// passed-through fields read them), every other field is parsed for
/// validity and dropped. Comment exports carry many fields (author
/// objects, timestamps, counters, nested replies) that would otherwise each
/// become a `Value` with its own allocations, only to be freed unread. Any
/// other JSON value has no fields.
struct Wanted<'w>(&'w [&'w str]);

impl<'de> serde::de::DeserializeSeed<'de> for Wanted<'_> {
    type Value = Fields<'de>;

    fn deserialize<D: serde::Deserializer<'de>>(self, de: D) -> Result<Fields<'de>, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Wanted<'_> {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
        // Usually each wanted key once.
        let mut fields = Vec::with_capacity(self.0.len());
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if self.0.iter().any(|w| *w == key) {
                fields.push((key, map.next_value()?));
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(Fields(fields))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Fields<'de>, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Fields(Vec::new()))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Fields<'de>, E> {
        Ok(Fields(Vec::new()))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Fields<'de>, E> {
        Ok(Fields(Vec::new()))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Fields<'de>, E> {
        Ok(Fields(Vec::new()))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Fields<'de>, E> {
        Ok(Fields(Vec::new()))
    }
    fn visit_str<E>(self, _: &str) -> Result<Fields<'de>, E> {
        Ok(Fields(Vec::new()))
    }
    fn visit_unit<E>(self) -> Result<Fields<'de>, E> {
        Ok(Fields(Vec::new()))
    }
}

/// An object key, borrowed from the line unless it had escapes: skipping a
/// field then allocates nothing.
struct Key<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object key")
            }

            fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(key)))
            }

            fn visit_str<E>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key.to_string())))
            }
        }

        de.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{read as read_input, InputFormat};
    use super::*;

    fn options(text_field: &str, keep: &[&str]) -> Options {
        Options {
            text_field: text_field.to_string(),
            id_field: "id".to_string(),
            author_field: "author".to_string(),
            url_field: "author_url".to_string(),
            thread_field: Some("thread".to_string()),
            keep: keep.iter().map(|k| k.to_string()).collect(),
            include_pingbacks: false,
            include_deleted: false,
            max_record_bytes: 1 << 20,
        }
    }

    fn read(line: &str, opts: &Options) -> Record {
        let mut reader =
            read_input("in.jsonl".to_string(), line.as_bytes(), InputFormat::Jsonl, opts);
        let rec = reader.next().expect("one record");
        assert!(reader.next().is_none());
        rec
    }

    #[test]
    fn only_the_wanted_fields_are_read_and_the_rest_is_checked() {
        let opts = options("comment.body", &["meta", "likes"]);
        let line = r#"{"id":"c1","skip":{"deep":[1,{"x":"\u00e4"}],"n":null},"comment":{"body":"Gut!","x":1},
            "author":"Anna","likes":3,"meta":{"a":[true]},"te\u0078t":"not this","thread":7}"#
            .replace('\n', "");
        let rec = read(&line, &opts);
        assert_eq!(rec.id, Value::from("c1"));
        assert_eq!(rec.text.as_deref(), Ok("Gut!"));
        assert_eq!(rec.author.as_deref(), Some("Anna"));
        assert_eq!(rec.thread.as_deref(), Some("7"));
        assert_eq!(rec.meta["likes"], Value::from(3));
        assert_eq!(rec.meta["meta"], serde_json::json!({"a": [true]}));
        // Skipped fields are still parsed: broken JSON inside one is an error.
        let broken = r#"{"id":1,"skip":{"deep":[1,}, "comment":{"body":"x"}}"#;
        let err = read(broken, &opts).text.unwrap_err();
        assert!(err.starts_with("in.jsonl:1: malformed JSON"), "{err}");
        let trailing = r#"{"id":1,"comment":{"body":"x"}} trailing"#;
        assert!(read(trailing, &opts).text.unwrap_err().contains("malformed JSON"));
    }

    #[test]
    fn escaped_and_repeated_keys_read_as_json_says() {
        let opts = options("text", &[]);
        let rec = read(r#"{"te\u0078t":"first","id":2,"text":"last"}"#, &opts);
        assert_eq!(rec.text.as_deref(), Ok("last"));
        assert_eq!(rec.id, Value::from(2));
        let rec = read(r#"{"te\u0078t":"escaped"}"#, &opts);
        assert_eq!(rec.text.as_deref(), Ok("escaped"));
    }

    #[test]
    fn a_line_that_is_no_object_has_no_text() {
        let opts = options("text", &[]);
        for line in [r#"["text","x"]"#, r#""text""#, "3", "null", "true"] {
            let rec = read(line, &opts);
            assert_eq!(rec.text.unwrap_err(), "in.jsonl:1: no field `text`", "{line}");
            assert_eq!(rec.id, Value::from(1));
        }
    }
}
