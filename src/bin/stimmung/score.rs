//! `stimmung score`: one output record per input record, in input order.
//!
//! Records are read as a stream, scored in chunks on rayon's pool and
//! written in order, so memory stays flat however large the dump. Repeats
//! (spam) are detected in the writer's loop, in input order, so output does
//! not depend on the thread count.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use serde_json::Value;
use stimmung::{Analysis, Analyzer, CommentMeta, Fingerprint, MarkerKind, RepeatDetector};

use crate::args::{InputFormat, ScoreArgs};
use crate::input::{self, Options, Progress, Record};
use crate::output::Writer;
use crate::summary::Summary;

/// A chunk also ends once its texts reach this many bytes: a chunk's
/// analyses are held at once, and those of long reviews are large (a hit
/// per polar word).
const CHUNK_TEXT_BYTES: usize = 1 << 20;

struct Run<'a, W: Write> {
    args: &'a ScoreArgs,
    analyzer: &'a Analyzer,
    writer: Writer<W>,
    repeats: RepeatDetector,
    summary: Summary,
    had_errors: bool,
    bar: Option<indicatif::ProgressBar>,
    progress: Progress,
    started: Instant,
}

pub fn run(args: &ScoreArgs) -> Result<ExitCode> {
    let analyzer = args.analyzer.builder()?.build()?;
    let stdout = io::stdout();
    let out = stdout.lock();
    let bar = io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} records, {msg} [{elapsed}]")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });
    let mut run = Run {
        args,
        analyzer: &analyzer,
        writer: Writer::new(args.output_format, out, &args.keep)?,
        repeats: RepeatDetector::new(args.repeat_window),
        summary: Summary::default(),
        had_errors: false,
        bar,
        progress: Progress::default(),
        started: Instant::now(),
    };
    let opts = args.reader_options();
    for path in &args.inputs {
        run.input(path, &opts)?;
    }
    run.writer.flush()?;
    if let Some(bar) = &run.bar {
        bar.finish_and_clear();
    }
    if args.summary {
        eprint!("{}", run.summary.to_text());
    }
    if let Some(path) = &args.summary_json {
        std::fs::write(path, run.summary.to_json()? + "\n")
            .with_context(|| path.display().to_string())?;
    }
    Ok(if run.had_errors { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

impl<W: Write> Run<'_, W> {
    fn input(&mut self, path: &Path, opts: &Options) -> Result<()> {
        if rayon::current_num_threads() < 2 {
            return self.input_here(path, opts);
        }
        // With more than one worker, a reader thread parses the next chunk
        // while this one is scored: reading and JSON parsing are a fifth of
        // the work and would otherwise leave the other cores idle.
        let chunk_size = self.args.chunk.max(1);
        let (format_arg, progress) = (self.args.input_format, self.progress.clone());
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<FromReader>(2);
            let reader = scope.spawn(move || -> Result<()> {
                let (format, records) = input::open(path, format_arg, opts, progress)?;
                if tx.send(FromReader::Format(format)).is_err() {
                    return Ok(());
                }
                for chunk in chunks(records, chunk_size) {
                    if tx.send(FromReader::Chunk(chunk)).is_err() {
                        // The consumer stopped (an error, --strict).
                        break;
                    }
                }
                Ok(())
            });
            // One chunk behind: while the pool analyzes a chunk, this thread
            // runs the in-order pass over the one before, so the workers do
            // not wait for it.
            let analyzer = self.analyzer;
            let mut behind: Option<Analyzed> = None;
            for msg in rx {
                match msg {
                    FromReader::Format(format) => self.detected(path, format),
                    FromReader::Chunk(chunk) => {
                        let mut next = None;
                        let done = rayon::in_place_scope(|scope| {
                            scope.spawn(|_| next = Some(Analyzed::new(analyzer, chunk, false)));
                            behind.take().map_or(Ok(()), |a| self.finish(a))
                        });
                        done?;
                        behind = next;
                    }
                }
            }
            if let Some(a) = behind {
                self.finish(a)?;
            }
            reader.join().map_err(|_| anyhow::anyhow!("the reader thread panicked"))?
        })
    }

    /// Reads and scores on this thread, chunk after chunk.
    fn input_here(&mut self, path: &Path, opts: &Options) -> Result<()> {
        let (format, records) =
            input::open(path, self.args.input_format, opts, self.progress.clone())?;
        self.detected(path, format);
        for chunk in chunks(records, self.args.chunk.max(1)) {
            self.finish(Analyzed::new(self.analyzer, chunk, true))?;
        }
        Ok(())
    }

    /// Tells the user which format auto-detection chose.
    fn detected(&self, path: &Path, format: InputFormat) {
        if let (InputFormat::Auto, Some(bar)) = (self.args.input_format, &self.bar) {
            bar.println(format!("{}: {format:?}", path.display()));
        }
    }

    /// The in-order pass over an analyzed chunk (repeats, the summary,
    /// error messages), then its output, rendered in parallel and written in
    /// order.
    fn finish(&mut self, analyzed: Analyzed) -> Result<()> {
        let Analyzed { chunk, mut results, fingerprints } = analyzed;
        let one_thread = rayon::current_num_threads() < 2;
        // In input order: repeats, the summary, error messages.
        for (at, (rec, res)) in chunk.iter().zip(&mut results).enumerate() {
            match (&rec.text, res.as_mut()) {
                (Ok(text), Some(a)) => {
                    let mut digits = itoa::Buffer::new();
                    let id = id_text(&rec.id, &mut digits);
                    if let Some(flag) = self.repeats.check_fingerprint(&id, text, fingerprints[at])
                    {
                        a.add_flag(flag);
                    }
                    self.summary.add(a, rec.thread.as_deref());
                }
                (Err(e), _) => {
                    self.had_errors = true;
                    self.summary.add_error();
                    if let Some(bar) = &self.bar {
                        bar.suspend(|| eprintln!("stimmung: {e}"));
                    } else {
                        eprintln!("stimmung: {e}");
                    }
                    if self.args.strict {
                        // Everything before the bad record is written.
                        for (r, x) in chunk[..at].iter().zip(results.iter()) {
                            self.writer.write(r, outcome(r, x))?;
                        }
                        self.writer.flush()?;
                        bail!("stopped at the first bad record (--strict)");
                    }
                }
                (Ok(_), None) => unreachable!("every text record is analyzed"),
            }
        }
        if self.writer.renders_in_parallel() {
            // Serializing is a large share of the work on short comments:
            // render in parallel, write in order.
            if one_thread {
                // Each line written as soon as it is rendered, from one
                // buffer.
                let mut line = Vec::new();
                for (rec, res) in chunk.iter().zip(&results) {
                    line.clear();
                    crate::output::render_jsonl_into(&mut line, rec, outcome(rec, res))?;
                    self.writer.write_rendered(&line)?;
                }
            } else {
                // Rendered in pieces, each into one buffer, and each analysis
                // dropped where it was rendered: a line or an analysis freed
                // by another thread than the one that made it costs mimalloc
                // more.
                let render = |records: &[Record], results: &mut [Option<Analysis>]| {
                    // Room for the usual output (2.5 bytes per byte of text
                    // on tweets), so that the buffer is not copied as it
                    // grows (a tenth of the instructions of two threads
                    // went to such copies).
                    let text: usize =
                        records.iter().map(|r| r.text.as_ref().map_or(0, String::len)).sum();
                    let mut out = Vec::with_capacity(3 * text + 256 * records.len());
                    for (rec, res) in records.iter().zip(results) {
                        crate::output::render_jsonl_into(&mut out, rec, outcome(rec, res))?;
                        *res = None;
                    }
                    Ok(out)
                };
                let per_piece = chunk.len().div_ceil(8 * rayon::current_num_threads()).max(1);
                let pieces: Vec<Vec<u8>> = chunk
                    .par_chunks(per_piece)
                    .zip(results.par_chunks_mut(per_piece))
                    .map(|(records, results)| render(records, results))
                    .collect::<Result<_>>()?;
                for piece in &pieces {
                    self.writer.write_rendered(piece)?;
                }
            }
        } else {
            for (rec, res) in chunk.iter().zip(&results) {
                self.writer.write(rec, outcome(rec, res))?;
            }
        }
        if let Some(bar) = &self.bar {
            bar.inc(chunk.len() as u64);
            let secs = self.started.elapsed().as_secs_f64().max(1e-3);
            let mb = self.progress.load(Ordering::Relaxed) as f64 / 1e6;
            let rate = bar.position() as f64 / secs;
            bar.set_message(format!("{rate:.0} records/s, {mb:.1} MB, {:.1} MB/s", mb / secs));
        }
        Ok(())
    }
}

/// A chunk of records with the analysis of each text and, when repeats are
/// looked for, its fingerprint (computed here, in parallel, so that only
/// its lookup runs in input order).
struct Analyzed {
    chunk: Vec<Record>,
    results: Vec<Option<Analysis>>,
    fingerprints: Vec<Option<Fingerprint>>,
}

impl Analyzed {
    fn new(analyzer: &Analyzer, chunk: Vec<Record>, one_thread: bool) -> Analyzed {
        // Repeats are spam: with `--markers` leaving spam out, no text is
        // remembered.
        let repeats = analyzer.marks(MarkerKind::Spam);
        let analyze = |r: &Record| {
            let meta =
                CommentMeta { author: r.author.as_deref(), author_url: r.author_url.as_deref() };
            match &r.text {
                Ok(t) if repeats => {
                    let (analysis, fingerprint) = analyzer.analyze_and_fingerprint(t, &meta);
                    (Some(analysis), fingerprint)
                }
                Ok(t) => (Some(analyzer.analyze_comment(t, &meta)), None),
                Err(_) => (None, None),
            }
        };
        // With one thread, all of it runs on this one: rayon's only worker
        // would allocate what this thread frees, which costs mimalloc more
        // than a free of its own (5 % of the time went to it).
        let (results, fingerprints) = if one_thread {
            chunk.iter().map(analyze).unzip()
        } else {
            chunk.par_iter().map(analyze).unzip()
        };
        Analyzed { chunk, results, fingerprints }
    }
}

/// `records` in chunks of `size` records or [`CHUNK_TEXT_BYTES`] of text,
/// whichever comes first (the last one may be shorter).
fn chunks<'r>(
    mut records: impl Iterator<Item = Record> + 'r,
    size: usize,
) -> impl Iterator<Item = Vec<Record>> + 'r {
    std::iter::from_fn(move || {
        let mut chunk = Vec::with_capacity(size.min(4096));
        let mut bytes = 0;
        while chunk.len() < size && bytes < CHUNK_TEXT_BYTES {
            let Some(r) = records.next() else { break };
            bytes += r.text.as_ref().map_or(0, String::len);
            chunk.push(r);
        }
        (!chunk.is_empty()).then_some(chunk)
    })
}

/// What the reader thread sends.
enum FromReader {
    Format(InputFormat),
    Chunk(Vec<Record>),
}

/// What is written for a record: its analysis, or its error.
fn outcome<'a>(
    rec: &'a Record,
    res: &'a Option<Analysis>,
) -> std::result::Result<&'a Analysis, &'a str> {
    match (&rec.text, res) {
        (Ok(_), Some(a)) => Ok(a),
        (Err(e), _) => Err(e.as_str()),
        (Ok(_), None) => Err("not analyzed"),
    }
}

/// A record's id as a repeat flag names it: a string as it is, a number as
/// JSON writes it. Borrowed where it can be (an id is asked for every
/// record, and most are strings or counters): `digits` holds a number's.
fn id_text<'a>(id: &'a Value, digits: &'a mut itoa::Buffer) -> Cow<'a, str> {
    match id {
        Value::String(s) => Cow::Borrowed(s),
        Value::Number(n) => match n.as_u64() {
            Some(n) => Cow::Borrowed(digits.format(n)),
            None => Cow::Owned(n.to_string()),
        },
        other => Cow::Owned(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_reads_as_before_whatever_its_json_type() {
        let ids = [
            serde_json::json!("c-17"),
            serde_json::json!(0),
            serde_json::json!(18_446_744_073_709_551_615u64),
            serde_json::json!(-3),
            serde_json::json!(2.5),
            serde_json::json!(null),
            serde_json::json!({"a": [1]}),
        ];
        for id in ids {
            // What the id was taken as when it was always copied.
            let want = id.as_str().map_or_else(|| id.to_string(), str::to_string);
            let mut digits = itoa::Buffer::new();
            assert_eq!(id_text(&id, &mut digits), want);
        }
    }
}
