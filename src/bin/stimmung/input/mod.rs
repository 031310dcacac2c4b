//! Input readers: every format yields [`Record`]s, one per comment, in file
//! order. A bad record becomes a record carrying its error (`file:line: what
//! is wrong`), so that nothing is lost and output stays in step with input.

mod delimited;
mod html;
mod jsonl;
mod txt;
mod xml;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::{Map, Value};

/// The formats the readers understand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// By file extension, else by the first bytes (`{` JSONL, `<disqus`
    /// Disqus, other XML WXR, else text).
    Auto,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated, header row.
    Csv,
    /// Tab-separated, header row.
    Tsv,
    /// One comment per non-empty line.
    Txt,
    /// WordPress export (WXR 1.1/1.2).
    Wxr,
    /// Disqus XML export.
    Disqus,
}

/// One input record.
pub struct Record {
    /// Its id: from the input, else its line (or record) number.
    pub id: Value,
    /// The text to score, or what is wrong with the record.
    pub text: Result<String, String>,
    pub author: Option<String>,
    pub author_url: Option<String>,
    /// The thread or post the comment belongs to, for the summary.
    pub thread: Option<String>,
    /// Fields passed through to the output (`--keep`, export metadata).
    pub meta: Map<String, Value>,
    /// Whether the output should carry the scored text (offsets point
    /// into it, and for HTML sources it differs from the input).
    pub echo_text: bool,
}

impl Record {
    pub fn ok(id: Value, text: String) -> Record {
        Record {
            id,
            text: Ok(text),
            author: None,
            author_url: None,
            thread: None,
            meta: Map::new(),
            echo_text: false,
        }
    }

    pub fn error(id: Value, msg: String) -> Record {
        Record { text: Err(msg), ..Record::ok(id, String::new()) }
    }
}

/// Field names and switches the readers need.
pub struct Options {
    pub text_field: String,
    pub id_field: String,
    pub author_field: String,
    pub url_field: String,
    pub thread_field: Option<String>,
    pub keep: Vec<String>,
    pub include_pingbacks: bool,
    pub include_deleted: bool,
    pub max_record_bytes: usize,
}

/// A `BufRead` that counts the lines and bytes its consumer has consumed,
/// so that readers can name the line of an error, and the progress bar the
/// bytes read.
pub struct Counting<R> {
    inner: R,
    pub lines: usize,
    pub bytes: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let amt = amt.min(buf.len());
            self.lines += memchr::memchr_iter(b'\n', &buf[..amt]).count();
            self.bytes += amt as u64;
            self.inner.consume(amt);
        }
    }
}

/// A line's bytes as text, or the error that names where they stop being
/// UTF-8. Checked with SIMD: std's check slows down at every umlaut, and
/// every byte of a JSONL or text input is checked here (−1.2 M
/// instructions per MB); std's check runs only to name the byte of an
/// error.
#[inline]
pub fn utf8_line<'a>(raw: &'a [u8], name: &str, line_no: usize) -> Result<&'a str, String> {
    simdutf8::basic::from_utf8(raw).or_else(|_| {
        std::str::from_utf8(raw)
            .map_err(|e| format!("{name}:{line_no}: invalid UTF-8 at byte {}", e.valid_up_to()))
    })
}

/// Shared handle on the bytes consumed, for the progress bar.
pub type Progress = std::sync::Arc<std::sync::atomic::AtomicU64>;

/// Opens `path` (`-` is stdin; `.gz` is decompressed, as is anything that
/// starts with the gzip magic bytes) and returns its records.
pub fn open<'o>(
    path: &Path,
    format: InputFormat,
    opts: &'o Options,
    progress: Progress,
) -> Result<(InputFormat, Box<dyn Iterator<Item = Record> + 'o>)> {
    let name = path.display().to_string();
    let raw: Box<dyn Read> = if name == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(File::open(path).with_context(|| name.clone())?)
    };
    let mut raw = BufReader::with_capacity(256 * 1024, ProgressRead { inner: raw, progress });
    let gz = name.ends_with(".gz")
        || raw.fill_buf().map(|b| b.starts_with(&[0x1f, 0x8b])).unwrap_or(false);
    let mut reader: Box<dyn BufRead> = if gz {
        Box::new(BufReader::with_capacity(256 * 1024, flate2::read::MultiGzDecoder::new(raw)))
    } else {
        Box::new(raw)
    };
    let format = match format {
        InputFormat::Auto => detect(&name, &mut reader)?,
        f => f,
    };
    Ok((format, read(name, reader, format, opts)))
}

/// The records of `reader` in `format` (`Auto` reads JSONL); `name` is used
/// in error messages. Split from [`open`] so the fuzz targets can feed bytes.
pub fn read<'o, R: BufRead + 'o>(
    name: String,
    reader: R,
    format: InputFormat,
    opts: &'o Options,
) -> Box<dyn Iterator<Item = Record> + 'o> {
    let input = Counting { inner: reader, lines: 0, bytes: 0 };
    match format {
        InputFormat::Jsonl | InputFormat::Auto => Box::new(jsonl::Reader::new(name, input, opts)),
        InputFormat::Txt => Box::new(txt::Reader::new(name, input, opts.max_record_bytes)),
        InputFormat::Csv => Box::new(delimited::reader(name, input, b',', opts)),
        InputFormat::Tsv => Box::new(delimited::reader(name, input, b'\t', opts)),
        InputFormat::Wxr => Box::new(xml::wxr(name, input, opts)),
        InputFormat::Disqus => Box::new(xml::disqus(name, input, opts)),
    }
}

/// Counts raw (compressed) bytes read, for the progress bar.
struct ProgressRead {
    inner: Box<dyn Read>,
    progress: Progress,
}

impl Read for ProgressRead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// Decides the format by the file name, else by the first bytes.
fn detect(name: &str, reader: &mut Box<dyn BufRead>) -> Result<InputFormat> {
    let base = name.trim_end_matches(".gz");
    let ext = Path::new(base).extension().and_then(|e| e.to_str()).unwrap_or("");
    let by_ext = match ext.to_ascii_lowercase().as_str() {
        "jsonl" | "ndjson" | "json" => Some(InputFormat::Jsonl),
        "csv" => Some(InputFormat::Csv),
        "tsv" | "tab" => Some(InputFormat::Tsv),
        "txt" | "text" => Some(InputFormat::Txt),
        "wxr" => Some(InputFormat::Wxr),
        _ => None,
    };
    if let Some(f) = by_ext {
        return Ok(f);
    }
    let head = reader.fill_buf().with_context(|| name.to_string())?;
    let head = String::from_utf8_lossy(&head[..head.len().min(4096)]).to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    Ok(if trimmed.starts_with('<') {
        if head.contains("<disqus") {
            InputFormat::Disqus
        } else {
            InputFormat::Wxr
        }
    } else if trimmed.starts_with('{') || trimmed.is_empty() {
        InputFormat::Jsonl
    } else {
        InputFormat::Txt
    })
}

/// Turns a record whose text is longer than the limit into an error record
/// naming its place: its tokens would all be in memory at once.
pub fn limit(mut rec: Record, name: &str, line: impl std::fmt::Display, max: usize) -> Record {
    if let Ok(t) = &rec.text {
        if t.len() > max {
            rec.text = Err(format!(
                "{name}:{line}: record of {:.1} MB exceeds --max-record-mb {}",
                t.len() as f64 / 1e6,
                max / 1_000_000
            ));
        }
    }
    rec
}

/// A field by dotted path (`comment.body`).
pub fn field<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(v, |v, key| v.get(key))
}

/// [`field`], for moving the value out.
pub fn field_mut<'v>(v: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    path.split('.').try_fold(v, |v, key| v.get_mut(key))
}

#[cfg(test)]
mod tests {
    use super::utf8_line;

    /// The SIMD check accepts what std accepts, and an error names the
    /// byte std names.
    #[test]
    fn a_line_is_text_exactly_when_std_says_so() {
        let lines: [&[u8]; 7] = [
            b"",
            "Grüße aus Köln, schöne Straße! 😀".as_bytes(),
            b"ascii only",
            b"bad \xff byte",
            b"cut \xc3",
            b"over\xf4\x90\x80\x80long",
            b"\xed\xa0\x80 surrogate",
        ];
        for raw in lines {
            let got = utf8_line(raw, "in.txt", 7);
            match std::str::from_utf8(raw) {
                Ok(text) => assert_eq!(got, Ok(text)),
                Err(e) => assert_eq!(
                    got,
                    Err(format!("in.txt:7: invalid UTF-8 at byte {}", e.valid_up_to()))
                ),
            }
        }
    }
}
