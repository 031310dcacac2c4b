//! The public entry point: [`Analyzer`] runs the pipeline
//! (tokenize → split sentences → look up → score) on one text or, in
//! parallel with rayon, on many.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;

use crate::analysis::{Analysis, Flag, Label};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::lexicon::{Layers, Lexicon};
use crate::score::{ScoreScratch, Scorer, Thresholds, Weights};
use crate::sentences::SentenceSplitter;
use crate::tokenize::Tokenizer;

/// A German sentiment analyzer. Thread-safe and cheap to clone (its state
/// is shared behind an `Arc`).
///
/// # Example
///
/// ```
/// use stimmung::Analyzer;
///
/// let analyzer = Analyzer::new();
/// let a = analyzer.analyze("Der Support war leider überhaupt nicht hilfreich!");
/// assert!(a.is_negative());
/// assert!(a.hits().iter().any(|h| h.term() == "hilfreich"));
/// ```
#[derive(Clone, Debug)]
pub struct Analyzer {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    layers: Layers,
    weights: Weights,
    thresholds: Thresholds,
}

thread_local! {
    static SCRATCH: RefCell<ScoreScratch> = RefCell::new(ScoreScratch::default());
}

impl Analyzer {
    /// An analyzer with the embedded German lexicon and default weights.
    /// Infallible, and fast: nothing is read or parsed.
    pub fn new() -> Analyzer {
        static DEFAULT: LazyLock<Analyzer> = LazyLock::new(|| {
            Analyzer::builder().build().expect("the default configuration is valid")
        });
        DEFAULT.clone()
    }

    /// A builder to add lexicon layers and set weights and thresholds.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::new()
    }

    /// Analyzes one text. Never fails and never panics: any `&str` is fine.
    pub fn analyze(&self, text: &str) -> Analysis {
        SCRATCH.with(|s| self.analyze_with(&mut s.borrow_mut(), text))
    }

    /// Analyzes many texts in parallel (rayon's global pool). The results
    /// are in input order.
    pub fn analyze_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Analysis> {
        texts.par_iter().map(|t| self.analyze(t.as_ref())).collect()
    }

    fn analyze_with(&self, scratch: &mut ScoreScratch, text: &str) -> Analysis {
        let mut tokens = Vec::new();
        Tokenizer.tokenize(text, &mut tokens);
        let mut sentences = Vec::new();
        SentenceSplitter.split(&tokens, &mut sentences);
        let scorer = self.scorer();
        let scored = scorer.score(text, &tokens, &sentences, scratch);
        Analysis {
            label: scorer.label(scored.compound),
            compound: scored.compound,
            positive: scored.positive,
            negative: scored.negative,
            neutral: scored.neutral,
            sentences: scored.sentences,
            hits: scored.hits,
            flags: Vec::<Flag>::new(),
        }
    }

    fn scorer(&self) -> Scorer<'_> {
        Scorer {
            layers: &self.inner.layers,
            weights: &self.inner.weights,
            thresholds: &self.inner.thresholds,
        }
    }

    /// The label a compound score gets under this analyzer's thresholds.
    pub fn label_for(&self, compound: f64) -> Label {
        self.scorer().label(compound)
    }

    /// The weights in use.
    pub fn weights(&self) -> &Weights {
        &self.inner.weights
    }

    /// The label thresholds in use.
    pub fn thresholds(&self) -> &Thresholds {
        &self.inner.thresholds
    }

    /// The lexicon layers, first consulted first.
    pub fn lexicons(&self) -> &[Lexicon] {
        self.inner.layers.lexicons()
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

/// Configures an [`Analyzer`]. All fallible work happens in
/// [`AnalyzerBuilder::build`].
///
/// # Example
///
/// ```
/// use stimmung::{Analyzer, Lexicon, Weights};
///
/// let analyzer = Analyzer::builder()
///     .lexicon(Lexicon::from_tsv("firma.tsv", "Produktrückruf\t-2.5\n")?)
///     .weights(Weights { negation: -0.8, ..Weights::default() })
///     .negative_threshold(-0.1)
///     .build()?;
/// assert!(analyzer.analyze("Schon wieder ein Produktrückruf").is_negative());
/// # Ok::<(), stimmung::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct AnalyzerBuilder {
    layers: Vec<Layer>,
    default_lexicon: bool,
    weights: Weights,
    thresholds: Thresholds,
}

#[derive(Clone, Debug)]
enum Layer {
    Ready(Lexicon),
    Tsv(PathBuf),
    SentiWs(PathBuf, f64),
}

impl AnalyzerBuilder {
    /// A builder with the defaults.
    pub fn new() -> AnalyzerBuilder {
        AnalyzerBuilder {
            layers: Vec::new(),
            default_lexicon: true,
            weights: Weights::default(),
            thresholds: Thresholds::default(),
        }
    }

    /// Adds a lexicon layer. Layers added earlier are consulted first; the
    /// default lexicon comes last. By default, there are no user layers.
    pub fn lexicon(&mut self, lexicon: Lexicon) -> &mut Self {
        self.layers.push(Layer::Ready(lexicon));
        self
    }

    /// Adds a TSV lexicon layer read from `path` at [`build`](Self::build).
    pub fn lexicon_path(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.layers.push(Layer::Tsv(path.into()));
        self
    }

    /// Adds a SentiWS v2.0 file (positive or negative list) as a layer,
    /// weights multiplied by `scale`. See [`Lexicon::from_sentiws_path`].
    pub fn sentiws_path(&mut self, path: impl Into<PathBuf>, scale: f64) -> &mut Self {
        self.layers.push(Layer::SentiWs(path.into(), scale));
        self
    }

    /// Whether the embedded German lexicon is the last layer. By default,
    /// it is; turn it off to score with your own lexicons alone.
    pub fn default_lexicon(&mut self, yes: bool) -> &mut Self {
        self.default_lexicon = yes;
        self
    }

    /// Sets all weights. By default, [`Weights::default`].
    pub fn weights(&mut self, weights: Weights) -> &mut Self {
        self.weights = weights;
        self
    }

    /// Sets weights and thresholds from a [`Config`] (e.g. one written by
    /// `stimmung tune`). By default, the defaults of both.
    pub fn config(&mut self, config: &Config) -> &mut Self {
        self.weights = config.weights.clone();
        self.thresholds = config.thresholds;
        self
    }

    /// Sets both label thresholds. By default, [`Thresholds::default`].
    pub fn thresholds(&mut self, thresholds: Thresholds) -> &mut Self {
        self.thresholds = thresholds;
        self
    }

    /// Compound at or above this is positive. By default, 0.275.
    pub fn positive_threshold(&mut self, t: f64) -> &mut Self {
        self.thresholds.positive = t;
        self
    }

    /// Compound at or below this is negative. By default, -0.15.
    pub fn negative_threshold(&mut self, t: f64) -> &mut Self {
        self.thresholds.negative = t;
        self
    }

    /// Builds the analyzer.
    ///
    /// # Errors
    ///
    /// A lexicon file that cannot be read or has a malformed line (the
    /// message names `file:line`); thresholds outside [-1, 1] or in the
    /// wrong order; non-positive `alpha`.
    pub fn build(&self) -> Result<Analyzer> {
        let t = self.thresholds;
        if !(-1.0..=1.0).contains(&t.negative)
            || !(-1.0..=1.0).contains(&t.positive)
            || t.negative >= t.positive
        {
            return Err(Error::config(format!(
                "thresholds must satisfy -1 <= negative < positive <= 1, got negative {} positive {}",
                t.negative, t.positive
            )));
        }
        if self.weights.alpha.is_nan() || self.weights.alpha <= 0.0 {
            return Err(Error::config("weight alpha must be positive"));
        }
        let mut layers = Vec::with_capacity(self.layers.len() + 1);
        for layer in &self.layers {
            layers.push(match layer {
                Layer::Ready(l) => l.clone(),
                Layer::Tsv(p) => Lexicon::from_tsv_path(p)?,
                Layer::SentiWs(p, scale) => Lexicon::from_sentiws_path(p, *scale)?,
            });
        }
        if self.default_lexicon {
            layers.push(Lexicon::german());
        }
        Ok(Analyzer {
            inner: Arc::new(Inner {
                layers: Layers::new(layers),
                weights: self.weights.clone(),
                thresholds: self.thresholds,
            }),
        })
    }
}

impl Default for AnalyzerBuilder {
    fn default() -> Self {
        AnalyzerBuilder::new()
    }
}

/// Analyzes `text` with the default [`Analyzer`].
///
/// ```
/// assert!(stimmung::analyze("Nie wieder diese Abzocke!").is_negative());
/// ```
pub fn analyze(text: &str) -> Analysis {
    Analyzer::new().analyze(text)
}
