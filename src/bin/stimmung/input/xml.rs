//! WordPress WXR and Disqus XML exports, read as a stream (quick-xml): memory
//! stays flat whatever the size of the export.
//!
//! Only the predefined XML entities and character references are decoded.
//! A DTD's entities are never expanded and external entities never fetched,
//! so "billion laughs" and XXE files are read as plain text.

use std::collections::HashMap;
use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use serde_json::{Map, Value};

use super::{html, limit, Counting, Options, Record};

/// What the walker reports.
enum Step {
    Open(String, Vec<(String, String)>),
    /// An element closed, with the text collected since it opened.
    Close(String, String),
    Eof,
    Error(String),
}

/// Turns XML events into open/close steps with their text, tracking the
/// element path.
struct Walker<R: BufRead> {
    name: String,
    xml: quick_xml::Reader<Counting<R>>,
    buf: Vec<u8>,
    path: Vec<String>,
    text: String,
    pending_close: Option<String>,
    /// After an error the rest of the file cannot be trusted: the walker
    /// reports the error once, then the end.
    failed: bool,
}

impl<R: BufRead> Walker<R> {
    fn new(name: String, input: Counting<R>) -> Self {
        let xml = quick_xml::Reader::from_reader(input);
        Walker {
            name,
            xml,
            buf: Vec::new(),
            path: Vec::new(),
            text: String::new(),
            pending_close: None,
            failed: false,
        }
    }

    fn line(&self) -> usize {
        self.xml.get_ref().lines + 1
    }

    fn depth(&self) -> usize {
        self.path.len()
    }

    fn parent(&self) -> Option<&str> {
        self.path.last().map(String::as_str)
    }

    fn next(&mut self) -> Step {
        if self.failed {
            return Step::Eof;
        }
        if let Some(name) = self.pending_close.take() {
            self.path.pop();
            return Step::Close(name, String::new());
        }
        loop {
            self.buf.clear();
            let event = match self.xml.read_event_into(&mut self.buf) {
                Ok(e) => e,
                Err(e) => {
                    return Step::Error(format!(
                        "{}:{}: malformed XML: {e}",
                        self.name,
                        self.line()
                    ))
                }
            };
            match event {
                Event::Start(e) => {
                    let (name, attrs) = open(&e);
                    self.path.push(name.clone());
                    self.text.clear();
                    return Step::Open(name, attrs);
                }
                Event::Empty(e) => {
                    let (name, attrs) = open(&e);
                    self.path.push(name.clone());
                    self.text.clear();
                    self.pending_close = Some(name.clone());
                    return Step::Open(name, attrs);
                }
                Event::End(e) => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    self.path.pop();
                    let text = std::mem::take(&mut self.text);
                    return Step::Close(name, text);
                }
                Event::Text(t) => {
                    if let Ok(s) = t.xml10_content() {
                        self.text.push_str(&s);
                    }
                }
                Event::CData(c) => {
                    if let Ok(s) = c.decode() {
                        self.text.push_str(&s);
                    }
                }
                Event::GeneralRef(r) => match r.resolve_char_ref() {
                    Ok(Some(c)) => self.text.push(c),
                    _ => {
                        let name = String::from_utf8_lossy(&r);
                        let (decoded, _) = html::entity(&format!("&{name};"));
                        self.text.push_str(&decoded);
                    }
                },
                Event::Eof => return Step::Eof,
                // Declarations, DTDs, comments, processing instructions.
                _ => {}
            }
        }
    }
}

fn open(e: &BytesStart<'_>) -> (String, Vec<(String, String)>) {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let attrs = e
        .attributes()
        .flatten()
        .map(|a| {
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default();
            (key, value)
        })
        .collect();
    (name, attrs)
}

fn id_value(s: &str) -> Value {
    s.parse::<u64>().map(Value::from).unwrap_or_else(|_| Value::from(s))
}

/// WordPress WXR (1.1/1.2): every `wp:comment` of every `item`.
pub fn wxr<'o, R: BufRead + 'o>(
    name: String,
    input: Counting<R>,
    opts: &'o Options,
) -> impl Iterator<Item = Record> + 'o {
    let mut w = Walker::new(name, input);
    let mut item_title = String::new();
    let mut item_link = String::new();
    let mut comment: Option<(usize, HashMap<String, String>)> = None;
    let mut n = 0usize;
    std::iter::from_fn(move || loop {
        match w.next() {
            Step::Eof => return None,
            Step::Error(msg) => return Some(Record::error(Value::from(n + 1), msg)),
            Step::Open(tag, _) => match tag.as_str() {
                "item" => {
                    item_title.clear();
                    item_link.clear();
                }
                "wp:comment" => comment = Some((w.line(), HashMap::new())),
                _ => {}
            },
            Step::Close(tag, text) => {
                let parent = w.parent().unwrap_or("");
                if parent == "item" && tag == "title" {
                    item_title = text.trim().to_string();
                } else if parent == "item" && tag == "link" {
                    item_link = text.trim().to_string();
                } else if parent == "wp:comment" && tag.starts_with("wp:comment_") {
                    if let Some((_, fields)) = comment.as_mut() {
                        fields.insert(
                            tag["wp:comment_".len()..].to_string(),
                            text.trim().to_string(),
                        );
                    }
                } else if tag == "wp:comment" {
                    let Some((line, f)) = comment.take() else { continue };
                    let kind = f.get("type").map(String::as_str).unwrap_or("");
                    if matches!(kind, "pingback" | "trackback") && !opts.include_pingbacks {
                        continue;
                    }
                    n += 1;
                    let rec = wxr_record(&w.name, line, n, &f, &item_title, &item_link);
                    return Some(limit(rec, &w.name, line, opts.max_record_bytes));
                }
            }
        }
    })
}

fn wxr_record(
    name: &str,
    line: usize,
    n: usize,
    f: &HashMap<String, String>,
    title: &str,
    link: &str,
) -> Record {
    let get = |k: &str| f.get(k).filter(|v| !v.is_empty()).cloned();
    let id = get("id").map_or(Value::from(n), |s| id_value(&s));
    let text = html::to_text(f.get("content").map(String::as_str).unwrap_or(""));
    let mut r = if text.is_empty() {
        Record::error(id, format!("{name}:{line}: comment has no text"))
    } else {
        Record::ok(id, text)
    };
    r.author = get("author");
    r.author_url = get("author_url");
    r.thread = (!title.is_empty()).then(|| title.to_string()).or_else(|| get("post_link"));
    r.echo_text = true;
    let mut meta = Map::new();
    for (key, out) in [
        ("author", "author"),
        ("author_url", "author_url"),
        ("date_gmt", "date"),
        ("parent", "parent"),
        ("approved", "approved"),
        ("type", "type"),
    ] {
        if let Some(v) = get(key) {
            meta.insert(out.into(), Value::from(v));
        }
    }
    if !meta.contains_key("date") {
        if let Some(v) = get("date") {
            meta.insert("date".into(), Value::from(v));
        }
    }
    meta.entry("type").or_insert_with(|| Value::from("comment"));
    if !title.is_empty() {
        meta.insert("post_title".into(), Value::from(title));
    }
    if !link.is_empty() {
        meta.insert("post_link".into(), Value::from(link));
    }
    r.meta = meta;
    r
}

/// Disqus XML export: every `post`, with its thread's link and title.
pub fn disqus<'o, R: BufRead + 'o>(
    name: String,
    input: Counting<R>,
    opts: &'o Options,
) -> impl Iterator<Item = Record> + 'o {
    let mut w = Walker::new(name, input);
    let mut threads: HashMap<String, (String, String)> = HashMap::new();
    let mut thread: Option<(String, String, String)> = None;
    let mut post: Option<(usize, String, HashMap<String, String>)> = None;
    let mut n = 0usize;
    std::iter::from_fn(move || loop {
        match w.next() {
            Step::Eof => return None,
            Step::Error(msg) => return Some(Record::error(Value::from(n + 1), msg)),
            Step::Open(tag, attrs) => {
                let dsq_id = attrs.iter().find(|(k, _)| k == "dsq:id").map(|(_, v)| v.clone());
                match (w.depth(), tag.as_str()) {
                    (2, "thread") => {
                        thread = Some((dsq_id.unwrap_or_default(), String::new(), String::new()))
                    }
                    (2, "post") => {
                        post = Some((w.line(), dsq_id.unwrap_or_default(), HashMap::new()))
                    }
                    (3, "thread" | "parent") => {
                        if let (Some((_, _, f)), Some(id)) = (post.as_mut(), dsq_id) {
                            f.insert(tag.clone(), id);
                        }
                    }
                    _ => {}
                }
            }
            Step::Close(tag, text) => {
                let depth = w.depth();
                match (depth, tag.as_str()) {
                    (1, "thread") => {
                        if let Some((id, link, title)) = thread.take() {
                            threads.insert(id, (link, title));
                        }
                    }
                    (2, "link" | "title") if w.parent() == Some("thread") => {
                        if let Some((_, link, title)) = thread.as_mut() {
                            *(if tag == "link" { link } else { title }) = text.trim().to_string();
                        }
                    }
                    (2, "message" | "createdAt" | "isDeleted" | "isSpam") => {
                        if let Some((_, _, f)) = post.as_mut() {
                            f.insert(tag.clone(), text);
                        }
                    }
                    (3, "name") if w.parent() == Some("author") => {
                        if let Some((_, _, f)) = post.as_mut() {
                            f.insert("author".into(), text.trim().to_string());
                        }
                    }
                    (1, "post") => {
                        let Some((line, id, f)) = post.take() else { continue };
                        let deleted = f.get("isDeleted").is_some_and(|v| v.trim() == "true");
                        if deleted && !opts.include_deleted {
                            continue;
                        }
                        n += 1;
                        let rec = disqus_record(&w.name, line, n, &id, &f, &threads);
                        return Some(limit(rec, &w.name, line, opts.max_record_bytes));
                    }
                    _ => {}
                }
            }
        }
    })
}

fn disqus_record(
    name: &str,
    line: usize,
    n: usize,
    dsq_id: &str,
    f: &HashMap<String, String>,
    threads: &HashMap<String, (String, String)>,
) -> Record {
    let id = if dsq_id.is_empty() { Value::from(n) } else { id_value(dsq_id) };
    let text = html::to_text(f.get("message").map(String::as_str).unwrap_or(""));
    let mut r = if text.is_empty() {
        Record::error(id, format!("{name}:{line}: post has no message"))
    } else {
        Record::ok(id, text)
    };
    let flag = |k: &str| f.get(k).is_some_and(|v| v.trim() == "true");
    r.author = f.get("author").filter(|a| !a.is_empty()).cloned();
    r.echo_text = true;
    let mut meta = Map::new();
    if let Some(a) = &r.author {
        meta.insert("author".into(), Value::from(a.clone()));
    }
    if let Some(d) = f.get("createdAt") {
        meta.insert("date".into(), Value::from(d.trim()));
    }
    if let Some(p) = f.get("parent") {
        meta.insert("parent".into(), id_value(p));
    }
    meta.insert("deleted".into(), Value::from(flag("isDeleted")));
    meta.insert("spam".into(), Value::from(flag("isSpam")));
    if let Some(t) = f.get("thread") {
        meta.insert("thread".into(), id_value(t));
        if let Some((link, title)) = threads.get(t) {
            if !link.is_empty() {
                meta.insert("thread_link".into(), Value::from(link.clone()));
            }
            if !title.is_empty() {
                meta.insert("thread_title".into(), Value::from(title.clone()));
            }
            r.thread = Some(if title.is_empty() { link.clone() } else { title.clone() });
        }
    }
    r.meta = meta;
    r
}
