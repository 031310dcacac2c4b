//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use crate::input::InputFormat;
use crate::input::Options;

/// Fast German sentiment and tone analysis.
#[derive(Parser, Debug)]
#[command(name = "stimmung", version, about)]
pub struct Cli {
    /// Worker threads (default: all cores).
    #[arg(long, global = true)]
    pub threads: Option<usize>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Score comments: one JSON object per input record, in input order.
    Score(ScoreArgs),
    /// Evaluate against labelled data: macro-F1, per-class figures, confusion.
    Eval(EvalArgs),
    /// Fit weights and thresholds on labelled data; write a config file.
    Tune(TuneArgs),
    /// Compile, look up, count and compare lexicons.
    Lexicon(LexiconArgs),
}

/// Options that shape the analyzer, shared by `score` and `eval`.
#[derive(Args, Debug, Clone)]
pub struct AnalyzerArgs {
    /// A config file (TOML) with weights and thresholds, as `tune` writes.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A TSV lexicon layered over the default (repeatable; first wins).
    #[arg(long = "lexicon", value_name = "FILE")]
    pub lexicons: Vec<PathBuf>,
    /// A SentiWS v2.0 file to layer over the default (repeatable).
    #[arg(long = "sentiws", value_name = "FILE")]
    pub sentiws: Vec<PathBuf>,
    /// Factor from SentiWS weights (-1..1) to valences (-4..4).
    #[arg(long, default_value_t = 4.0)]
    pub sentiws_scale: f64,
    /// Leave out the embedded default lexicon.
    #[arg(long)]
    pub no_default_lexicon: bool,
    /// Which tone markers run: comma-separated kinds (boilerplate,
    /// negative_experience, hard_sell, spam), `all` or `none`.
    #[arg(long, value_delimiter = ',', default_value = "all")]
    pub markers: Vec<String>,
    /// A marker pattern file added to the embedded patterns (repeatable).
    #[arg(long = "patterns", value_name = "FILE")]
    pub patterns: Vec<PathBuf>,
    /// Read every record as its writer's own account of a company, place
    /// or purchase (reviews, feedback forms, complaints): a negative
    /// experience then needs no first-person or time word, and a clearly
    /// negative sentence about a named service is a complaint. Not for
    /// reviews of films or books.
    #[arg(long)]
    pub first_hand: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per record: scores, sentences, hits, flags, metadata.
    Jsonl,
    /// Flat: id, label, compound, shares, flags, top terms, error, --keep fields.
    Csv,
    /// As csv, tab-separated.
    Tsv,
}

#[derive(Args, Debug)]
pub struct ScoreArgs {
    /// Input files (`-` for stdin); `.gz` files are decompressed.
    #[arg(default_value = "-")]
    pub inputs: Vec<PathBuf>,
    /// Input format.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub output_format: OutputFormat,
    /// Field (JSONL, dotted paths allowed) or column (CSV/TSV) holding the text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// Field or column holding the id (else the line or record number).
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// Field or column holding the author's name (used by the spam marker).
    #[arg(long, default_value = "author")]
    pub author_field: String,
    /// Field or column holding the author's URL (used by the spam marker).
    #[arg(long, default_value = "author_url")]
    pub url_field: String,
    /// Field or column naming the thread or post, for the summary.
    #[arg(long)]
    pub thread_field: Option<String>,
    /// Fields or columns to pass through to the output (repeatable or
    /// comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub keep: Vec<String>,
    /// WXR: also score pingbacks and trackbacks.
    #[arg(long)]
    pub include_pingbacks: bool,
    /// Disqus: also score deleted posts.
    #[arg(long)]
    pub include_deleted: bool,
    /// Stop at the first bad record instead of writing an error record.
    #[arg(long)]
    pub strict: bool,
    /// Print a summary to stderr after the run.
    #[arg(long)]
    pub summary: bool,
    /// Write the summary as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub summary_json: Option<PathBuf>,
    /// Records longer than this (MB of text) become error records: one
    /// record's tokens are held in memory at once.
    #[arg(long, default_value_t = 10)]
    pub max_record_mb: usize,
    /// Distinct texts remembered for the `repeated` spam flag: at most this
    /// many, always the last half of it (~27 bytes each plus the id: the
    /// only memory that grows with a dump, until the window is full). Spam
    /// repeats come in waves; raise it to catch copies further apart.
    #[arg(long, value_name = "TEXTS", default_value_t = 200_000)]
    pub repeat_window: usize,
    /// Records scored together (memory grows with it, not with the input).
    #[arg(long, default_value_t = 1024, hide = true)]
    pub chunk: usize,
    #[command(flatten)]
    pub analyzer: AnalyzerArgs,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Gold files: TSV/CSV with a header holding `label` and `text` (and
    /// optionally `id`), or JSONL with those fields; or tone-marker gold,
    /// naming `kinds` instead of `label` (comma-separated kinds, `-` for
    /// none: per kind precision, recall and F1 over texts).
    #[arg(required = true)]
    pub gold: Vec<PathBuf>,
    /// Print the N worst misclassifications per set, with their hits (for
    /// marker gold: N missed and N false texts per kind, with the flags).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub errors: usize,
    /// Write JSON instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Positive label threshold (overrides the default).
    #[arg(long)]
    pub positive_threshold: Option<f64>,
    /// Negative label threshold (overrides the default).
    #[arg(long, allow_negative_numbers = true)]
    pub negative_threshold: Option<f64>,
    /// Evaluate variants side by side (comma-separated): configs (`.toml`),
    /// lexicon files layered over the analyzer (`.tsv`, `.stmlex`), marker
    /// pattern files added to the embedded ones (`.txt`), or `default`. The
    /// table shows each variant's macro-F1 (for marker gold the F1 of each
    /// kind) and its difference to the first.
    #[arg(long, value_delimiter = ',', value_name = "VARIANT,…")]
    pub compare: Vec<PathBuf>,
    #[command(flatten)]
    pub analyzer: AnalyzerArgs,
}

#[derive(Args, Debug)]
pub struct LexiconArgs {
    #[command(subcommand)]
    pub command: LexiconCommand,
}

#[derive(Subcommand, Debug)]
pub enum LexiconCommand {
    /// Check a TSV lexicon and compile it to one file (`.stmlex`) that
    /// `--lexicon` loads without parsing.
    Compile {
        /// The TSV lexicon.
        input: PathBuf,
        /// Where to write the compiled lexicon.
        #[arg(long)]
        out: PathBuf,
    },
    /// Which entry each word finds, and how (surface, elongated, stem,
    /// compound head, compound part).
    Lookup {
        /// Words or quoted phrases.
        #[arg(required = true)]
        words: Vec<String>,
        #[command(flatten)]
        analyzer: AnalyzerArgs,
    },
    /// Counts per kind, polarity and valence range.
    Stats {
        /// A lexicon file (TSV or `.stmlex`); the embedded one if omitted.
        lexicon: Option<PathBuf>,
    },
    /// Entries added, removed and changed from A to B (`default` names the
    /// embedded lexicon).
    Diff { a: PathBuf, b: PathBuf },
}

#[derive(Args, Debug)]
pub struct TuneArgs {
    /// Labelled sets to fit on.
    #[arg(long, required = true, num_args = 1..)]
    pub train: Vec<PathBuf>,
    /// Labelled sets to check the fit on.
    #[arg(long, required = true, num_args = 1..)]
    pub dev: Vec<PathBuf>,
    /// Where to write the fitted config (TOML).
    #[arg(long)]
    pub out: PathBuf,
    /// Order in which parameters are visited.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Coordinate-descent rounds at most.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Write the config even if it is worse on dev.
    #[arg(long)]
    pub force: bool,
    /// Weights to keep as they are (repeatable, or comma-separated), e.g.
    /// rules that the training data barely exercises.
    #[arg(long, value_delimiter = ',')]
    pub freeze: Vec<String>,
    /// Also fit per-term corrections: write them as a lexicon layer to FILE.
    #[arg(long, value_name = "FILE")]
    pub terms: Option<PathBuf>,
    /// With --terms: how many candidate terms (the most frequent in
    /// misclassified training texts) to try.
    #[arg(long, default_value_t = 40)]
    pub max_terms: usize,
    /// With --terms: the train macro-F1 gain a correction must bring, per
    /// term (regularization: small gains are noise).
    #[arg(long, default_value_t = 0.0005)]
    pub term_penalty: f64,
    #[command(flatten)]
    pub analyzer: AnalyzerArgs,
}

impl AnalyzerArgs {
    /// A builder with the config, lexicon layers and default-lexicon choice
    /// of these arguments.
    pub fn builder(&self) -> stimmung::Result<stimmung::AnalyzerBuilder> {
        let mut b = stimmung::Analyzer::builder();
        if let Some(path) = &self.config {
            b.config(&stimmung::Config::from_path(path)?);
        }
        for p in &self.lexicons {
            b.lexicon_path(p);
        }
        for p in &self.sentiws {
            b.sentiws_path(p, self.sentiws_scale);
        }
        b.default_lexicon(!self.no_default_lexicon);
        for p in &self.patterns {
            b.marker_patterns_path(p);
        }
        b.markers(self.marker_kinds()?);
        b.first_hand(self.first_hand);
        Ok(b)
    }

    fn marker_kinds(&self) -> stimmung::Result<Vec<stimmung::MarkerKind>> {
        use stimmung::MarkerKind;
        let mut kinds = Vec::new();
        for name in &self.markers {
            match name.trim() {
                "all" => kinds.extend(MarkerKind::ALL),
                "none" | "" => {}
                other => kinds.push(MarkerKind::parse(other).ok_or_else(|| {
                    stimmung::Error::usage(format!(
                        "--markers {other}: expected boilerplate, negative_experience, \
                         hard_sell, spam, all or none"
                    ))
                })?),
            }
        }
        kinds.sort();
        kinds.dedup();
        Ok(kinds)
    }
}

impl ScoreArgs {
    /// The options the input readers need.
    pub fn reader_options(&self) -> Options {
        Options {
            text_field: self.text_field.clone(),
            id_field: self.id_field.clone(),
            author_field: self.author_field.clone(),
            url_field: self.url_field.clone(),
            thread_field: self.thread_field.clone(),
            keep: self.keep.clone(),
            include_pingbacks: self.include_pingbacks,
            include_deleted: self.include_deleted,
            max_record_bytes: self.max_record_mb.saturating_mul(1_000_000),
        }
    }
}
