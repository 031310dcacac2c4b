//! Output writers: JSON Lines (the full record) or flat CSV/TSV.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;
use serde_json::{Map, Value};
use stimmung::Analysis;

use crate::args::OutputFormat;
use crate::input::Record;

/// An object key as it is written, quoted and with its colon, made at
/// compile time: one copy per key instead of three.
macro_rules! key {
    ($name:literal) => {
        concat!("\"", $name, "\":")
    };
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
    let mut out = Vec::new();
    render_jsonl_into(&mut out, rec, result)?;
    Ok(out)
}

/// [`render_jsonl`], appended to `out`.
pub fn render_jsonl_into(
    out: &mut Vec<u8>,
    rec: &Record,
    result: Result<&Analysis, &str>,
) -> Result<()> {
    // About what a line takes (a hit ~150 bytes, a sentence ~70, a flag
    // ~200): a long record's line is not copied through every doubling.
    let size = match result {
        Ok(a) => 256 + 150 * a.hits().len() + 70 * a.sentences().len() + 200 * a.flags().len(),
        Err(e) => 256 + e.len(),
    };
    out.reserve(size);
    match result {
        Ok(a) => {
            let text = if rec.echo_text { rec.text.as_deref().ok() } else { None };
            write_scored(out, &rec.id, text, a, &rec.meta)?;
        }
        Err(e) => {
            serde_json::to_writer(&mut *out, &Failed { id: &rec.id, error: e, meta: &rec.meta })?
        }
    }
    out.push(b'\n');
    Ok(())
}

/// Writes a scored record as one JSON object: its id, optionally its text,
/// the fields of the analysis as its `Serialize` writes them, then the kept
/// input fields.
///
/// Written by hand because this is the hottest part of `score` after the
/// analysis itself: serde_json spends ~200 instructions per string, keys
/// included, and a line has ~40 of them (measured: 70 → 44 M instructions
/// per MB of input). The test `scored_line_has_every_field_of_the_analysis`
/// compares it with serde's output of `Analysis`.
fn write_scored(
    out: &mut Vec<u8>,
    id: &Value,
    text: Option<&str>,
    a: &Analysis,
    meta: &Map<String, Value>,
) -> Result<()> {
    let mut o = json::Object::open(out);
    o.value(key!("id"), id)?;
    if let Some(text) = text {
        o.str(key!("text"), text)?;
    }
    o.name(key!("label"), a.label().as_str());
    o.f64(key!("compound"), a.compound())?;
    o.f64(key!("positive"), a.positive())?;
    o.f64(key!("negative"), a.negative())?;
    o.f64(key!("neutral"), a.neutral())?;
    o.array(key!("sentences"), a.sentences(), |o, s| {
        o.usize(key!("start"), s.start());
        o.usize(key!("end"), s.end());
        o.f64(key!("compound"), s.compound())?;
        o.name(key!("label"), s.label().as_str());
        Ok(())
    })?;
    let mut recent = RecentHits::default();
    o.array(key!("hits"), a.hits(), |o, h| {
        o.usize(key!("start"), h.start());
        o.usize(key!("end"), h.end());
        if let Some(written) = recent.written_as(h) {
            o.repeat(written);
            return Ok(());
        }
        let from = o.len();
        o.str(key!("term"), h.term())?;
        o.str(key!("key"), h.key())?;
        o.f64(key!("valence"), h.valence())?;
        o.f64(key!("contribution"), h.contribution())?;
        o.names(key!("rules"), h.rules().iter().map(|r| r.as_str()));
        recent.remember(h, from..o.len());
        Ok(())
    })?;
    o.array(key!("flags"), a.flags(), |o, f| {
        o.name(key!("kind"), f.kind().as_str());
        o.str(key!("category"), f.category())?;
        o.usize(key!("start"), f.start());
        o.usize(key!("end"), f.end());
        o.str(key!("text"), f.text())?;
        o.str(key!("pattern"), f.pattern())?;
        if !f.evidence().is_empty() {
            o.array(key!("evidence"), f.evidence(), |o, e| {
                o.usize(key!("start"), e.start());
                o.usize(key!("end"), e.end());
                o.str(key!("text"), e.text())?;
                o.str(key!("role"), e.role())
            })?;
        }
        Ok(())
    })?;
    if !meta.is_empty() {
        o.serde(key!("meta"), meta)?;
    }
    o.close();
    Ok(())
}

/// The last hits written, with where their members after the offsets were
/// written. A long text repeats its terms (a flood of one emoticon, spam, a
/// chant): a hit equal to a recent one but for its offsets has the same
/// JSON after them, copied instead of written again (emoticon flood: 543
/// -> 475 instructions per byte). The last eight distinct terms are kept,
/// searched in turn (a slot by the term's first byte and length had let
/// `:-)` and `;)`, or three of four emoji, push each other out).
#[derive(Default)]
struct RecentHits<'a> {
    slots: [Option<(&'a stimmung::Hit, std::ops::Range<usize>)>; 8],
    /// The slot a new term takes next, in turn.
    next: usize,
}

impl<'a> RecentHits<'a> {
    /// The slot holding a hit with `hit`'s term, if any.
    #[inline]
    fn slot_of(&self, hit: &stimmung::Hit) -> Option<usize> {
        let term = hit.term();
        self.slots.iter().position(|s| s.as_ref().is_some_and(|(seen, _)| seen.term() == term))
    }

    /// Where the members of a hit equal to `hit` but for its offsets were
    /// written.
    #[inline]
    fn written_as(&self, hit: &stimmung::Hit) -> Option<std::ops::Range<usize>> {
        let (seen, written) = self.slots[self.slot_of(hit)?].as_ref()?;
        let same = seen.key() == hit.key()
            && seen.valence().to_bits() == hit.valence().to_bits()
            && seen.contribution().to_bits() == hit.contribution().to_bits()
            && seen.rules() == hit.rules();
        same.then(|| written.clone())
    }

    fn remember(&mut self, hit: &'a stimmung::Hit, written: std::ops::Range<usize>) {
        let slot = self.slot_of(hit).unwrap_or_else(|| {
            let slot = self.next;
            self.next = (self.next + 1) % self.slots.len();
            slot
        });
        self.slots[slot] = Some((hit, written));
    }
}

/// JSON written as serde_json writes it, for the one hot path. (The
/// methods are `#[inline]`: called from the closures of `array`, they were
/// otherwise left as calls, 8 M instructions per MB of input more.)
mod json {
    use serde::Serialize;
    use serde_json::Value;

    /// The members of one object being written: each call writes a key
    /// (a plain ASCII name, never escaped) and its value, with the commas.
    pub struct Object<'o> {
        out: &'o mut Vec<u8>,
        empty: bool,
    }

    impl<'o> Object<'o> {
        #[inline]
        pub fn open(out: &'o mut Vec<u8>) -> Object<'o> {
            out.push(b'{');
            Object { out, empty: true }
        }

        #[inline]
        pub fn close(self) {
            self.out.push(b'}');
        }

        /// How many bytes the output holds.
        #[inline]
        pub fn len(&self) -> usize {
            self.out.len()
        }

        /// Writes again members written before, at `written` in the
        /// output (they begin with their comma).
        #[inline]
        pub fn repeat(&mut self, written: std::ops::Range<usize>) {
            debug_assert!(!self.empty && self.out[written.start] == b',');
            self.out.extend_from_within(written);
        }

        /// Writes a key made by [`key!`], with the comma before it.
        #[inline]
        fn key(&mut self, quoted: &str) {
            debug_assert!(quoted.starts_with('"') && quoted.ends_with("\":"), "{quoted}");
            if !self.empty {
                self.out.push(b',');
            }
            self.empty = false;
            self.out.extend_from_slice(quoted.as_bytes());
        }

        /// A string: copied between quotes when nothing in it needs
        /// escaping (serde_json escapes control characters, `"` and `\\`
        /// only), else through serde_json.
        #[inline]
        pub fn str(&mut self, key: &str, v: &str) -> serde_json::Result<()> {
            self.key(key);
            str(self.out, v)
        }

        /// One of the crate's own names (a label, a rule, a kind: plain
        /// ASCII words, which JSON never escapes), copied as it is.
        #[inline]
        pub fn name(&mut self, key: &str, v: &'static str) {
            self.key(key);
            name(self.out, v);
        }

        /// An array of [`Object::name`]s.
        #[inline]
        pub fn names(&mut self, key: &str, items: impl Iterator<Item = &'static str>) {
            self.key(key);
            self.out.push(b'[');
            for (i, v) in items.enumerate() {
                if i > 0 {
                    self.out.push(b',');
                }
                name(self.out, v);
            }
            self.out.push(b']');
        }

        /// A float (serde_json writes `null` for NaN and infinities).
        #[inline(always)]
        pub fn f64(&mut self, key: &str, v: f64) -> serde_json::Result<()> {
            // A comment without hits has the scores 0 and 1, over a quarter
            // of all floats written: spelled out, as serde_json spells
            // them, without the shortest-digits search.
            let exact: &[u8] = match v {
                0.0 if v.is_sign_positive() => b"0.0",
                1.0 => b"1.0",
                _ => {
                    self.key(key);
                    if !thousandths(self.out, v) {
                        serde_json::to_writer(&mut *self.out, &v)?;
                    }
                    return Ok(());
                }
            };
            self.key(key);
            self.out.extend_from_slice(exact);
            Ok(())
        }

        #[inline]
        pub fn usize(&mut self, key: &str, n: usize) {
            self.key(key);
            digits(self.out, n);
        }

        /// A JSON value: strings and whole numbers (most ids) written
        /// directly, anything else through serde_json.
        #[inline]
        pub fn value(&mut self, key: &str, v: &Value) -> serde_json::Result<()> {
            match v {
                Value::String(s) => self.str(key, s),
                Value::Number(n) if n.is_u64() || n.is_i64() => {
                    self.key(key);
                    let mut digits = itoa::Buffer::new();
                    let text = match n.as_u64() {
                        Some(u) => digits.format(u),
                        None => digits.format(n.as_i64().unwrap_or_default()),
                    };
                    self.out.extend_from_slice(text.as_bytes());
                    Ok(())
                }
                _ => self.serde(key, v),
            }
        }

        /// Any value, through serde_json.
        #[inline]
        pub fn serde<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> serde_json::Result<()> {
            self.key(key);
            serde_json::to_writer(&mut *self.out, v)
        }

        /// An array of objects, each written by `member`.
        #[inline]
        pub fn array<'i, T>(
            &mut self,
            key: &str,
            items: &'i [T],
            mut member: impl FnMut(&mut Object<'_>, &'i T) -> serde_json::Result<()>,
        ) -> serde_json::Result<()> {
            self.key(key);
            self.out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    self.out.push(b',');
                }
                let mut o = Object::open(self.out);
                member(&mut o, item)?;
                o.close();
            }
            self.out.push(b']');
            Ok(())
        }
    }

    /// The two digits of every number below 100, in order: `00`, `01`, …
    const PAIRS: [u8; 200] = {
        let mut pairs = [0; 200];
        let mut n = 0;
        while n < 100 {
            pairs[2 * n] = b'0' + (n / 10) as u8;
            pairs[2 * n + 1] = b'0' + (n % 10) as u8;
            n += 1;
        }
        pairs
    };

    /// The two digits of `n` (below 100).
    #[inline(always)]
    fn pair(n: usize) -> [u8; 2] {
        [PAIRS[2 * n], PAIRS[2 * n + 1]]
    }

    /// Writes `n` in decimal. Offsets below 100,000 (nearly all) are
    /// written as fixed-size arrays, which compile to a few stores instead
    /// of a call to copy itoa's variable-length result; their digits are
    /// taken two at a time from a table (one division per pair instead of
    /// one per digit).
    #[inline]
    fn digits(out: &mut Vec<u8>, n: usize) {
        match n {
            0..10 => out.push(b'0' + n as u8),
            10..100 => out.extend_from_slice(&pair(n)),
            100..1_000 => {
                let [b, c] = pair(n % 100);
                out.extend_from_slice(&[b'0' + (n / 100) as u8, b, c]);
            }
            1_000..10_000 => {
                let ([a, b], [c, d]) = (pair(n / 100), pair(n % 100));
                out.extend_from_slice(&[a, b, c, d]);
            }
            10_000..100_000 => {
                let ([b, c], [d, e]) = (pair(n / 100 % 100), pair(n % 100));
                out.extend_from_slice(&[b'0' + (n / 10_000) as u8, b, c, d, e]);
            }
            _ => out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes()),
        }
    }

    /// Writes `v` as serde_json would if it is a whole number of
    /// thousandths below 1,000 (every lexicon valence is), and says whether
    /// it did. Such a value is the double nearest to a decimal of at most
    /// seven digits, and the shortest decimal that reads back as it (what
    /// serde_json writes) is that decimal itself: written here without the
    /// shortest-digits search.
    fn thousandths(out: &mut Vec<u8>, v: f64) -> bool {
        let t = v * 1000.0;
        if t.is_nan() || t.abs() >= 1e6 {
            return false;
        }
        // Rounded by a truncating cast (`f64::round` is a call into libm
        // on baseline x86-64). Halves may round either way: only a `t`
        // within a hair of an integer passes the test below, and that one
        // is rounded right.
        let k = (t + 0.5f64.copysign(t)) as i64;
        if k == 0 || k as f64 / 1000.0 != v {
            return false;
        }
        if k < 0 {
            out.push(b'-');
        }
        let k = k.unsigned_abs() as usize;
        digits(out, k / 1000);
        out.push(b'.');
        let frac = k % 1000;
        // The fraction without trailing zeros, but at least one digit.
        match (frac / 100, frac / 10 % 10, frac % 10) {
            (a, 0, 0) => out.push(b'0' + a as u8),
            (a, b, 0) => out.extend_from_slice(&[b'0' + a as u8, b'0' + b as u8]),
            (a, b, c) => out.extend_from_slice(&[b'0' + a as u8, b'0' + b as u8, b'0' + c as u8]),
        }
        true
    }

    #[inline]
    fn name(out: &mut Vec<u8>, s: &'static str) {
        debug_assert!(s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'), "{s}");
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }

    pub fn str(out: &mut Vec<u8>, s: &str) -> serde_json::Result<()> {
        let needs_escape = |b: &u8| *b < 0x20 || *b == b'"' || *b == b'\\';
        let start = out.len();
        out.reserve(s.len() + 2);
        out.push(b'"');
        // Most terms and keys are a short word or a face: checked and
        // copied in one pass, without a call to `memcpy`.
        let copied = if s.len() <= 8 {
            s.as_bytes().iter().all(|b| {
                let plain = !needs_escape(b);
                if plain {
                    out.push(*b);
                }
                plain
            })
        } else {
            let plain = !s.as_bytes().iter().any(needs_escape);
            if plain {
                out.extend_from_slice(s.as_bytes());
            }
            plain
        };
        if !copied {
            out.truncate(start);
            return serde_json::to_writer(&mut *out, s);
        }
        out.push(b'"');
        Ok(())
    }
}

/// How many terms the flat formats list.
const TOP_TERMS: usize = 5;

/// Room of the output buffer: large writes, few system calls.
const BUFFER: usize = 256 * 1024;

/// A rendered piece at least this long is written past the buffer, not
/// copied into it first (with two threads, a second copy of the whole
/// output: 28 of 75 million extra instructions on 13 MB).
const WRITE_THROUGH: usize = 16 * 1024;

pub enum Writer<W: Write> {
    Jsonl(std::io::BufWriter<W>),
    Delimited { csv: Box<csv::Writer<W>>, keep: Vec<String> },
}

impl<W: Write> Writer<W> {
    pub fn new(format: OutputFormat, out: W, keep: &[String]) -> Result<Writer<W>> {
        Ok(match format {
            OutputFormat::Jsonl => Writer::Jsonl(std::io::BufWriter::with_capacity(BUFFER, out)),
            OutputFormat::Csv | OutputFormat::Tsv => {
                let delimiter = if format == OutputFormat::Csv { b',' } else { b'\t' };
                let mut csv = csv::WriterBuilder::new()
                    .delimiter(delimiter)
                    .buffer_capacity(BUFFER)
                    .from_writer(out);
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

    /// Writes lines made by [`render_jsonl`]: a line through the buffer,
    /// a long piece of lines past it.
    pub fn write_rendered(&mut self, lines: &[u8]) -> Result<()> {
        if let Writer::Jsonl(out) = self {
            if lines.len() >= WRITE_THROUGH {
                out.flush()?;
                out.get_mut().write_all(lines)?;
            } else {
                out.write_all(lines)?;
            }
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

    /// Hits that repeat a recent one (copied) and hits that differ from
    /// it only in a rule, a contribution or a key (written anew) come out
    /// as serde writes them.
    #[test]
    fn repeated_hits_are_written_as_serde_writes_them() {
        let analyzer = stimmung::Analyzer::new();
        for text in [
            ":-) :( ;) xD <3 :-) :( ;) xD <3 :-) :-) :-)",
            "gut gut nicht gut. Sehr gut! gut, aber schlecht. GUT gut Gut",
            "😀👍🏽😡🎉 😀👍🏽😡🎉 😀😀 Danke! Danke, super, super Service super",
            "ich warte gespannt ich warte gespannt ich warte",
            // More distinct terms than the recent hits keep, in turn.
            "gut super toll mies schlecht nett klasse prima doof blöd gut super toll mies \
             schlecht nett klasse prima doof blöd",
        ] {
            let analysis = analyzer.analyze(text);
            let repeated = analysis.hits().iter().enumerate().any(|(i, h)| {
                analysis.hits()[..i].iter().any(|e| e.term() == h.term() && e.rules() == h.rules())
            });
            assert!(repeated, "{text}");
            let line = render_jsonl(&Record::ok(Value::from(1), text.into()), Ok(&analysis));
            let own = serde_json::to_string(&analysis).unwrap();
            let want = format!("{{\"id\":1,{}}}\n", &own[1..own.len() - 1]);
            assert_eq!(String::from_utf8(line.unwrap()).unwrap(), want);
        }
    }

    #[test]
    fn json_scalars_match_serde_json() {
        let write = |f: &dyn Fn(&mut json::Object<'_>)| {
            let mut out = Vec::new();
            let mut o = json::Object::open(&mut out);
            f(&mut o);
            o.close();
            out
        };
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
            let got = write(&|o| o.str(key!("k"), s).unwrap());
            assert_eq!(got, serde_json::to_vec(&serde_json::json!({ "k": s })).unwrap(), "{s:?}");
        }
        let thousandths = (-3000..3000).map(|k| f64::from(k) / 1000.0);
        let others = [1.0 + f64::EPSILON, -0.5596510694269607, 0.1 + 0.2, 999.9995, 999.999];
        let extremes = [1e-300, 1e21, 1e6, 123456.789, -0.0005, f64::NAN, f64::INFINITY];
        // Halves of a thousandth, and a hair off a thousandth.
        let halves = [0.0005, 0.0015, -0.0025, 2.0005, 0.4995, 0.001 + 1e-12, 0.002 - 1e-17];
        for v in
            thousandths.chain(others).chain(extremes).chain(halves).chain([0.0, -0.0, 1.0, -1.0])
        {
            let got = write(&|o| o.f64(key!("k"), v).unwrap());
            let want = format!("{{\"k\":{}}}", serde_json::to_string(&v).unwrap());
            assert_eq!(String::from_utf8(got).unwrap(), want, "{v}");
        }
        for v in [
            serde_json::json!("c-1\"x"),
            serde_json::json!(0),
            serde_json::json!(u64::MAX),
            serde_json::json!(i64::MIN),
            serde_json::json!(-2.5),
            serde_json::json!(null),
            serde_json::json!([1, {"a": true}]),
        ] {
            let got = write(&|o| o.value(key!("k"), &v).unwrap());
            assert_eq!(got, serde_json::to_vec(&serde_json::json!({ "k": v })).unwrap(), "{v}");
        }
        for n in (0..=100_000).chain([1 << 40, usize::MAX]) {
            let got = write(&|o| {
                o.usize(key!("a"), n);
                o.usize(key!("b"), n);
            });
            assert_eq!(got, serde_json::to_vec(&serde_json::json!({ "a": n, "b": n })).unwrap());
        }
        let got = write(&|o| {
            o.name(key!("l"), "negative");
            o.names(key!("r"), ["stem", "negated_after"].into_iter());
        });
        let want = serde_json::json!({ "l": "negative", "r": ["stem", "negated_after"] });
        assert_eq!(got, serde_json::to_vec(&want).unwrap());
        // The names written that way need no escaping.
        let labels =
            [stimmung::Label::Positive, stimmung::Label::Negative, stimmung::Label::Neutral];
        let kinds = stimmung::MarkerKind::ALL.map(|k| k.as_str());
        for name in labels.map(|l| l.as_str()).iter().chain(&kinds) {
            assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{name}");
        }
    }

    proptest::proptest! {
        /// Any float, and any float near a thousandth, is written as
        /// serde_json writes it.
        #[test]
        fn floats_are_written_as_serde_json_writes_them(
            bits in proptest::num::u64::ANY,
            k in -1_000_000i64..1_000_000,
            ulps in -2i64..=2,
        ) {
            let near = f64::from_bits((k as f64 / 1000.0).to_bits().wrapping_add_signed(ulps));
            for v in [f64::from_bits(bits), near] {
                let mut out = Vec::new();
                let mut o = json::Object::open(&mut out);
                o.f64(key!("k"), v).unwrap();
                o.close();
                let want = format!("{{\"k\":{}}}", serde_json::to_string(&v).unwrap());
                proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), want, "{}", v);
            }
        }
    }
}
