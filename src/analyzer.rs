//! The public entry point: [`Analyzer`] runs the pipeline
//! (tokenize → split sentences → look up → score) on one text or, in
//! parallel with rayon, on many.

use std::cell::RefCell;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;

use crate::analysis::{Analysis, Evidence, Flag, Hit, Label, Rule};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::lexicon::{EntryKind, Layers, Lexicon};
use crate::markers::{self, CommentMeta, ExperienceContext, Fingerprint, MarkerKind, MarkerSet};
use crate::score::{ScoreScratch, Scorer, Thresholds, Weights};
use crate::sentences::SentenceSplitter;
use crate::token::Token;
use crate::tokenize::Tokenizer;
use crate::word_memo::WordMemo;

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
    markers: MarkerSet,
    enabled: Vec<MarkerKind>,
    /// Whether every text is its writer's own account (see
    /// [`AnalyzerBuilder::first_hand`]).
    first_hand: bool,
}

/// Per-thread working memory, reused across documents.
#[derive(Default)]
struct Scratch {
    score: ScoreScratch,
    mask: Vec<bool>,
    /// What the stages learned about each word this thread has met…
    memo: WordMemo,
    /// …and the number there of each token of the current document.
    ids: Vec<u32>,
    /// The room of the last document's tokens and sentences, reused (see
    /// [`reuse`]).
    tokens: Vec<Token<'static>>,
    sentences: Vec<Range<usize>>,
}

/// The most tokens (and sentences) whose room a thread keeps between
/// documents: 64k tokens are a 300 kB text.
const KEPT_TOKENS: usize = 1 << 16;

/// `v`'s room, emptied, for elements of another lifetime: a document's
/// tokens borrow its text, so the vector kept between documents holds
/// none. Collecting the empty vector's `IntoIter` reuses its allocation.
// `filter` would keep the element type, whose lifetime is what changes.
#[allow(clippy::unnecessary_filter_map)]
fn reuse<'a, 'b>(mut v: Vec<Token<'a>>) -> Vec<Token<'b>> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
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
        self.analyze_comment(text, &CommentMeta::default())
    }

    /// Analyzes one comment with what its export knows besides the text
    /// (author, author URL), which the spam marker uses.
    pub fn analyze_comment(&self, text: &str, meta: &CommentMeta<'_>) -> Analysis {
        SCRATCH.with(|s| self.analyze_with(&mut s.borrow_mut(), text, meta, false).0)
    }

    /// [`Analyzer::analyze_comment`], and the text's repeat fingerprint as
    /// [`RepeatDetector::fingerprint`](crate::RepeatDetector::fingerprint)
    /// computes it, made from the analysis's own tokens and word memo at a
    /// fraction of the cost of computing it apart.
    ///
    /// ```
    /// use stimmung::{Analyzer, CommentMeta, RepeatDetector};
    ///
    /// let text = "Super Angebote gibt es auf meiner Seite, schaut vorbei!";
    /// let (analysis, fingerprint) =
    ///     Analyzer::new().analyze_and_fingerprint(text, &CommentMeta::default());
    /// assert_eq!(fingerprint, RepeatDetector::fingerprint(text));
    /// let mut repeats = RepeatDetector::new(1000);
    /// assert!(repeats.check_fingerprint("c1", text, fingerprint).is_none());
    /// assert!(repeats.check("c2", text).is_some());
    /// # let _ = analysis;
    /// ```
    pub fn analyze_and_fingerprint(
        &self,
        text: &str,
        meta: &CommentMeta<'_>,
    ) -> (Analysis, Option<Fingerprint>) {
        SCRATCH.with(|s| self.analyze_with(&mut s.borrow_mut(), text, meta, true))
    }

    /// Analyzes many texts in parallel (rayon's global pool). The results
    /// are in input order.
    pub fn analyze_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Analysis> {
        texts.par_iter().map(|t| self.analyze(t.as_ref())).collect()
    }

    fn analyze_with(
        &self,
        scratch: &mut Scratch,
        text: &str,
        meta: &CommentMeta<'_>,
        fingerprint: bool,
    ) -> (Analysis, Option<Fingerprint>) {
        let inner = &*self.inner;
        // About one token per five bytes of German text: sized once, the
        // vector does not grow through its doublings.
        let mut tokens = reuse(std::mem::take(&mut scratch.tokens));
        tokens.reserve(text.len() / 5 + 8);
        Tokenizer.tokenize(text, &mut tokens);
        let mut sentences = std::mem::take(&mut scratch.sentences);
        sentences.reserve(tokens.len() / 8 + 2);
        SentenceSplitter.split(&tokens, &mut sentences);
        // Each word is hashed once; the stages find what they know of it by
        // its number.
        scratch.memo.begin(self.memo_owner());
        scratch.memo.number(&tokens, &mut scratch.ids);
        let fingerprint = fingerprint
            .then(|| {
                let Scratch { memo, ids, .. } = &mut *scratch;
                markers::fingerprint(text, &tokens, |i| memo.folded_hash(ids[i], tokens[i].key()))
            })
            .flatten();

        // Tone markers first: boilerplate is masked out of the sentiment.
        // A story its writer tells, or a review of a stay or a meal, may
        // hold a complaint without a cue about a subject it names: then
        // the subjects are wanted, as in a first-hand text (see
        // `markers::experience`). Both are longer texts with sentences
        // (`may_review`); whether one is a story is asked only if its
        // complaint is.
        let experiences_on = inner.enabled.contains(&MarkerKind::NegativeExperience);
        let want_subjects =
            inner.first_hand || experiences_on && markers::may_review(text, &sentences);
        let matches = if inner.enabled.is_empty() {
            Vec::new()
        } else {
            let all = inner.markers.find(
                &tokens,
                &sentences,
                &inner.enabled,
                want_subjects,
                &mut scratch.memo,
                &scratch.ids,
            );
            markers::merge_overlapping(&inner.markers, &all)
        };
        scratch.mask.clear();
        scratch.mask.resize(tokens.len(), false);
        // Room for a flag per match: a flood of matches in one record
        // would otherwise copy the flags at every doubling.
        let mut flags = Vec::with_capacity(matches.len());
        let mut contexts = markers::Contexts::new(&inner.markers, &matches);
        let mut calls = markers::CallsToBuy::default();
        let mut signature: Option<Option<std::ops::Range<usize>>> = None;
        let mut readings = markers::Readings::default();
        for m in &matches {
            if readings.skip(m) {
                continue;
            }
            let (pattern, kind) = inner.markers.pattern(m.pattern);
            if !matches!(kind, MarkerKind::Boilerplate | MarkerKind::HardSell) || pattern.is_context
            {
                continue;
            }
            if kind == MarkerKind::HardSell
                && !calls.is_call(&inner.markers, &tokens, sentences[m.sentence].clone(), m)
            {
                continue;
            }
            let span = tokens[m.first].span.start..tokens[m.last].span.end;
            let evidence = if pattern.needs_context {
                // `Kein Kommentar!` between friends, `nur noch 3 Tage` until
                // an election: such a pattern counts only where the text
                // speaks as a company (`wir`, `Ihnen`, `Unternehmen`) or
                // sells (`Preis`, `€`, `Shop`) near it.
                let context = match contexts.near(m) {
                    Some(c) => tokens[c.first].span.start..tokens[c.last].span.end,
                    // A reply signed by a service team is in its voice
                    // throughout.
                    None if kind == MarkerKind::Boilerplate => {
                        let signature =
                            signature.get_or_insert_with(|| markers::team_signature(text, &tokens));
                        let Some(s) = signature.clone() else { continue };
                        s
                    }
                    None => continue,
                };
                vec![
                    Evidence::new(text, span.clone(), "cue"),
                    Evidence::new(text, context, "context"),
                ]
            } else {
                Vec::new()
            };
            if kind == MarkerKind::Boilerplate {
                scratch.mask[m.first..=m.last].iter_mut().for_each(|x| *x = true);
            }
            flags.push(Flag::new(text, kind, &pattern.category, span, &pattern.id, evidence));
            readings.flagged();
        }
        // A short post that opens with a free offer and a link is bait,
        // pattern or no pattern (see `markers::free_offer_hook`).
        if inner.enabled.contains(&MarkerKind::HardSell)
            && !flags.iter().any(|f| f.kind() == MarkerKind::HardSell)
        {
            flags.extend(markers::free_offer_hook(text, &tokens));
        }

        let scorer = self.scorer();
        let words = (&mut scratch.memo, scratch.ids.as_slice());
        let mut scored =
            scorer.score(text, &tokens, &sentences, &scratch.mask, words, &mut scratch.score);
        // A complaint to a company needs no cue (see `markers::experience`):
        // a text that mentions an account or opens a sentence with a
        // greeting is asked even without a match.
        let complaint_possible = inner.enabled.contains(&MarkerKind::NegativeExperience)
            && markers::may_complain(&tokens, &sentences);
        if !matches.is_empty() || complaint_possible {
            let cx = ExperienceContext {
                text,
                tokens: &tokens,
                sentences: &sentences,
                scored: &scored.sentences,
                hits: &scored.hits,
                masked: &scratch.mask,
                first_hand: inner.first_hand,
            };
            let experiences = markers::detect_experiences(&inner.markers, &matches, &cx);
            flags.extend(markers::detect_spam(&inner.markers, &matches, text, &tokens, meta));
            if inner.weights.experience != 0.0 {
                let added = experiences
                    .iter()
                    .map(|f| {
                        let si = scored.sentences.partition_point(|s| s.end < f.end);
                        let hit = Hit {
                            start: f.start,
                            end: f.end,
                            term: f.text.as_str().into(),
                            key: f.pattern.as_str().into(),
                            valence: -inner.weights.experience,
                            contribution: -inner.weights.experience,
                            rules: smallvec::smallvec![Rule::Experience],
                        };
                        (si.min(scored.sentences.len().saturating_sub(1)), hit)
                    })
                    .collect();
                scorer.add_hits(text, &mut scored, added);
            }
            flags.extend(experiences);
        }
        flags.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        // Kept for the next document, unless a huge one made them huge: a
        // thread then holds the room of ordinary documents only.
        if tokens.capacity() <= KEPT_TOKENS {
            scratch.tokens = reuse(tokens);
        }
        if sentences.capacity() <= KEPT_TOKENS {
            sentences.clear();
            scratch.sentences = sentences;
        }
        let analysis = Analysis {
            label: scorer.label(scored.compound),
            compound: scored.compound,
            positive: scored.positive,
            negative: scored.negative,
            neutral: scored.neutral,
            sentences: scored.sentences,
            hits: scored.hits,
            flags,
        };
        (analysis, fingerprint)
    }

    /// Whose results a thread's [`WordMemo`] holds: those of this
    /// analyzer's lexicon layers and marker set.
    fn memo_owner(&self) -> (u64, u64) {
        (self.inner.layers.id(), self.inner.markers.id())
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

    /// Whether tone markers of `kind` run (see [`AnalyzerBuilder::markers`]).
    pub fn marks(&self, kind: MarkerKind) -> bool {
        self.inner.enabled.contains(&kind)
    }

    /// Whether every text is read as its writer's own account (see
    /// [`AnalyzerBuilder::first_hand`]).
    pub fn is_first_hand(&self) -> bool {
        self.inner.first_hand
    }

    /// The lexicon layers, first consulted first.
    pub fn lexicons(&self) -> &[Lexicon] {
        self.inner.layers.lexicons()
    }

    /// How the lexicon sees one word: the entry it finds and the way it was
    /// found (`surface`, `elongated`, `stem`, `compound_head`,
    /// `compound_part`), or `None`. A phrase (`nie wieder`) is looked up as
    /// a whole.
    ///
    /// ```
    /// let a = stimmung::Analyzer::new();
    /// let info = a.lookup("Servicewüste").unwrap();
    /// assert_eq!(info.via(), "compound_part");
    /// assert!(info.weight() < 0.0);
    /// ```
    pub fn lookup(&self, word: &str) -> Option<WordInfo> {
        let found = if word.contains(' ') {
            let mut tokens = Vec::new();
            Tokenizer.tokenize(word, &mut tokens);
            self.inner
                .layers
                .word_at(&tokens, 0)
                .filter(|(_, last)| *last > 0 && *last + 1 == tokens.len())
                .map(|(f, _)| f)
        } else {
            // Through the thread's memo, as in a text: a service that asks
            // about many words pays the cascade once per word.
            SCRATCH.with(|s| {
                let Scratch { memo, .. } = &mut *s.borrow_mut();
                memo.begin(self.memo_owner());
                let id = memo.number_of(word);
                memo.lexicon(id, word, &self.inner.layers).found.cloned()
            })
        }?;
        Some(WordInfo {
            key: found.key.to_string(),
            kind: found.entry.kind,
            weight: found.entry.weight,
            via: found.via.as_str(),
        })
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

/// What the lexicon says about a word: see [`Analyzer::lookup`].
#[derive(Clone, Debug, PartialEq)]
pub struct WordInfo {
    key: String,
    kind: EntryKind,
    weight: f64,
    via: &'static str,
}

impl WordInfo {
    /// The key that matched (folded form, stem, or compound part).
    pub fn key(&self) -> &str {
        &self.key
    }
    /// What the entry does.
    pub fn kind(&self) -> EntryKind {
        self.kind
    }
    /// Its weight (a valence for polar entries).
    pub fn weight(&self) -> f64 {
        self.weight
    }
    /// How it was found.
    pub fn via(&self) -> &'static str {
        self.via
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
    pattern_paths: Vec<PathBuf>,
    markers: Option<MarkerSet>,
    enabled: Vec<MarkerKind>,
    first_hand: bool,
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
            pattern_paths: Vec::new(),
            markers: None,
            enabled: MarkerKind::ALL.to_vec(),
            first_hand: false,
        }
    }

    /// Adds a lexicon layer. Layers added earlier are consulted first; the
    /// default lexicon comes last. By default, there are no user layers.
    pub fn lexicon(&mut self, lexicon: Lexicon) -> &mut Self {
        self.layers.push(Layer::Ready(lexicon));
        self
    }

    /// Adds a lexicon layer read from `path` at [`build`](Self::build): TSV,
    /// or compiled (`.stmlex`).
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

    /// Which tone markers run. By default, all of them; an empty list turns
    /// markers (and boilerplate masking) off.
    pub fn markers(&mut self, kinds: impl IntoIterator<Item = MarkerKind>) -> &mut Self {
        self.enabled = kinds.into_iter().collect();
        self
    }

    /// Whether every text is its writer's own account of a company, a
    /// place or a purchase: reviews from a review site, feedback forms,
    /// complaints. By default, no: texts may be news, opinions or anyone's
    /// stories, so a negative experience needs the writer's voice near its
    /// cue (a first-person or time word, or a company addressed).
    ///
    /// Reviews mostly speak as no one (`Das Bad war verdreckt. Auf das
    /// Essen warteten wir ewig.`), so with `first_hand` a cue needs no such
    /// word, and a clearly negative sentence is a complaint without a cue
    /// where the text names what it was had with (`Hotel`, `Bedienung`,
    /// `Service`, `Werkstatt` …: the subject words of
    /// `lexicons/markers/experience.txt`). Not for reviews of works (a
    /// film's, a book's): a text that names one keeps the default rules,
    /// since a negative verdict there is no customer's experience.
    ///
    /// ```
    /// use stimmung::{Analyzer, MarkerKind};
    ///
    /// let review = "Das Zimmer war klein und laut. Die Bedienung im Restaurant war unfreundlich und langsam.";
    /// let has = |a: &stimmung::Analysis| a.flags().iter().any(|f| f.kind() == MarkerKind::NegativeExperience);
    /// assert!(!has(&Analyzer::new().analyze(review)));
    /// let reviews = Analyzer::builder().first_hand(true).build()?;
    /// assert!(has(&reviews.analyze(review)));
    /// # Ok::<(), stimmung::Error>(())
    /// ```
    pub fn first_hand(&mut self, yes: bool) -> &mut Self {
        self.first_hand = yes;
        self
    }

    /// Adds a marker pattern file (see the crate docs for the language),
    /// read at [`build`](Self::build), on top of the embedded patterns. By
    /// default, only the embedded patterns are used.
    pub fn marker_patterns_path(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.pattern_paths.push(path.into());
        self
    }

    /// Replaces the marker patterns with a compiled set. By default, the
    /// embedded set ([`MarkerSet::german`]).
    pub fn marker_set(&mut self, set: MarkerSet) -> &mut Self {
        self.markers = Some(set);
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
    /// A lexicon or pattern file that cannot be read or has a malformed line
    /// (the message names `file:line`); thresholds outside [-1, 1] or in the
    /// wrong order; non-positive `alpha`; both a marker set and pattern
    /// files.
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
                Layer::Tsv(p) => Lexicon::from_path(p)?,
                Layer::SentiWs(p, scale) => Lexicon::from_sentiws_path(p, *scale)?,
            });
        }
        if self.default_lexicon {
            layers.push(Lexicon::german());
        }
        let markers = match (&self.markers, self.pattern_paths.is_empty()) {
            (Some(set), true) => set.clone(),
            (None, true) => MarkerSet::german(),
            (None, false) => MarkerSet::from_paths(&self.pattern_paths, true)?,
            (Some(_), false) => {
                return Err(Error::config(
                    "marker_set and marker_patterns_path cannot be combined: \
                     compile the extra files into the set with MarkerSet::from_sources",
                ))
            }
        };
        Ok(Analyzer {
            inner: Arc::new(Inner {
                layers: Layers::new(layers),
                weights: self.weights.clone(),
                thresholds: self.thresholds,
                markers,
                enabled: self.enabled.clone(),
                first_hand: self.first_hand,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reused_token_room_keeps_its_allocation() {
        let text = String::from("Nie wieder, danke.");
        let mut tokens = Vec::with_capacity(100);
        Tokenizer.tokenize(&text, &mut tokens);
        assert!(!tokens.is_empty());
        let (at, room) = (tokens.as_ptr() as usize, tokens.capacity());
        let kept: Vec<Token<'static>> = reuse(tokens);
        assert_eq!((kept.as_ptr() as usize, kept.capacity(), kept.len()), (at, room, 0));
    }

    #[test]
    fn a_huge_document_leaves_no_huge_room_behind() {
        let analyzer = Analyzer::new();
        let huge = "gut ".repeat(KEPT_TOKENS + 1);
        analyzer.analyze(&huge);
        SCRATCH.with(|s| assert!(s.borrow().tokens.capacity() <= KEPT_TOKENS));
        analyzer.analyze("Ein kurzer Text.");
        SCRATCH.with(|s| {
            let s = s.borrow();
            assert!(s.tokens.capacity() > 0 && s.tokens.capacity() <= KEPT_TOKENS);
            assert!(s.tokens.is_empty() && s.sentences.is_empty());
        });
    }
}
