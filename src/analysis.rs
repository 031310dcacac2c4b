//! The result of analyzing one text.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::markers::MarkerKind;

/// A polarity label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// Compound at or above the positive threshold.
    Positive,
    /// Compound at or below the negative threshold.
    Negative,
    /// Everything between.
    Neutral,
}

impl Label {
    /// `positive`, `negative` or `neutral`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Positive => "positive",
            Label::Negative => "negative",
            Label::Neutral => "neutral",
        }
    }

    /// Parses `positive`, `negative` or `neutral` (case-insensitive; also
    /// `pos`, `neg`, `neu`).
    pub fn parse(s: &str) -> Option<Label> {
        match s.trim().to_ascii_lowercase().as_str() {
            "positive" | "pos" => Some(Label::Positive),
            "negative" | "neg" => Some(Label::Negative),
            "neutral" | "neu" => Some(Label::Neutral),
            _ => None,
        }
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule that changed a term's contribution, or how the term was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// Found through its German stem (an inflected form).
    Stem,
    /// Found as the head of a compound (`Servicewüste`).
    CompoundHead,
    /// Found through a compound-part entry (`Horror-Service`, `Servicewüste`).
    CompoundPart,
    /// Negated by a negator before it (`nicht gut`, `kein guter`).
    Negated,
    /// Negated by a negator closing its clause (`Das gefällt mir nicht.`).
    NegatedAfter,
    /// Denied by an idiom after it in its clause (`Kundenfreundlichkeit
    /// sieht anders aus`, `Schön ist anders`, `von Logik keine Spur`).
    Denied,
    /// A negated negative term, turned mildly positive (`nicht schlecht`).
    Litotes,
    /// Negated across an intensifier, which then softens (`nicht sehr gut`).
    NegatedIntensifier,
    /// Strengthened by an intensifier (`sehr`, `mega`).
    Intensified,
    /// Weakened by a dampener (`etwas`, `ziemlich`).
    Dampened,
    /// Written in capitals.
    Caps,
    /// Elongated (`suuuper`).
    Elongated,
    /// The superlative of a negative adjective (`mieseste`): a sure form
    /// of it, strengthened.
    Superlative,
    /// Before a contrast word: weighs less.
    BeforeContrast,
    /// After a contrast word: weighs more.
    AfterContrast,
    /// In a question.
    Question,
    /// Strengthened by exclamation marks.
    Exclamation,
    /// Weakened because its sentence is long and mostly neutral.
    Diluted,
    /// A praising interjection in a text that is clearly negative
    /// elsewhere, read as sarcasm (`Danke, dass ich wieder warte.`).
    Ironic,
    /// A negative customer experience found by the tone markers.
    Experience,
}

impl Rule {
    /// The rule's name as results serialize it (`negated_after`).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Stem => "stem",
            Rule::CompoundHead => "compound_head",
            Rule::CompoundPart => "compound_part",
            Rule::Negated => "negated",
            Rule::NegatedAfter => "negated_after",
            Rule::Denied => "denied",
            Rule::Litotes => "litotes",
            Rule::NegatedIntensifier => "negated_intensifier",
            Rule::Intensified => "intensified",
            Rule::Dampened => "dampened",
            Rule::Caps => "caps",
            Rule::Elongated => "elongated",
            Rule::Superlative => "superlative",
            Rule::BeforeContrast => "before_contrast",
            Rule::AfterContrast => "after_contrast",
            Rule::Question => "question",
            Rule::Exclamation => "exclamation",
            Rule::Diluted => "diluted",
            Rule::Ironic => "ironic",
            Rule::Experience => "experience",
        }
    }
}

// By hand, so that the names live in one place, [`Rule::as_str`].
impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit_variant("Rule", *self as u32, self.as_str())
    }
}

/// The rules that changed a hit, in order. Inline: a hit gets a few (at
/// most a dozen or so), and a vector allocated for each hit cost ~100
/// instructions a hit with its free.
pub(crate) type Rules = smallvec::SmallVec<[Rule; 16]>;

/// A lexicon term found in the text, with what the rules made of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// The key's own string where the term is written as its key (`gut`,
    /// `:-)`): most hits then allocate nothing.
    pub(crate) term: Arc<str>,
    /// Shared with the lexicon entry it was found as.
    pub(crate) key: Arc<str>,
    pub(crate) valence: f64,
    pub(crate) contribution: f64,
    pub(crate) rules: Rules,
}

impl Hit {
    /// Byte offset of the term in the text.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset just past the term.
    pub fn end(&self) -> usize {
        self.end
    }
    /// The term as written in the text.
    pub fn term(&self) -> &str {
        &self.term
    }
    /// The lexicon key that matched (folded form, stem, or compound part).
    pub fn key(&self) -> &str {
        &self.key
    }
    /// The lexicon valence (-4…4) before any rule.
    pub fn valence(&self) -> f64 {
        self.valence
    }
    /// What the term finally added to its sentence's sum.
    pub fn contribution(&self) -> f64 {
        self.contribution
    }
    /// The rules that changed it, in the order they applied.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }
}

/// One sentence's score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sentence {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) compound: f64,
    pub(crate) label: Label,
}

impl Sentence {
    /// Byte offset of the sentence's first token.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset just past its last token.
    pub fn end(&self) -> usize {
        self.end
    }
    /// Its compound score in [-1, 1].
    pub fn compound(&self) -> f64 {
        self.compound
    }
    /// Its label.
    pub fn label(&self) -> Label {
        self.label
    }
}

/// A tone marker found in the text (corporate boilerplate, a negative
/// customer experience, hard selling, spam), with the pattern that matched
/// and the evidence, so a person can see why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flag {
    pub(crate) kind: MarkerKind,
    pub(crate) category: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) text: String,
    pub(crate) pattern: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) evidence: Vec<Evidence>,
}

impl Flag {
    pub(crate) fn new(
        text: &str,
        kind: MarkerKind,
        category: &str,
        span: Range<usize>,
        pattern: &str,
        evidence: Vec<Evidence>,
    ) -> Flag {
        Flag {
            kind,
            category: category.to_string(),
            start: span.start,
            end: span.end,
            text: text[span].to_string(),
            pattern: pattern.to_string(),
            evidence,
        }
    }

    /// The marker kind.
    pub fn kind(&self) -> MarkerKind {
        self.kind
    }
    /// Its category within the kind (`non_answer`, `waiting`, …).
    pub fn category(&self) -> &str {
        &self.category
    }
    /// Byte offset of the match.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset just past it.
    pub fn end(&self) -> usize {
        self.end
    }
    /// The matched text.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The stable id of the pattern or rule that matched (`category/name`).
    pub fn pattern(&self) -> &str {
        &self.pattern
    }
    /// The spans that supported a compound decision (negative experience,
    /// spam); empty for plain pattern matches.
    pub fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }
}

/// A span that supported a flag, and what role it played.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) text: String,
    pub(crate) role: &'static str,
}

impl Evidence {
    pub(crate) fn new(text: &str, span: Range<usize>, role: &'static str) -> Evidence {
        Evidence { start: span.start, end: span.end, text: text[span].to_string(), role }
    }
    /// Byte offset of the span.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset just past it.
    pub fn end(&self) -> usize {
        self.end
    }
    /// The span's text.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// `cue`, `context`, `negative_term`, `praise` or `link`.
    pub fn role(&self) -> &str {
        self.role
    }
}

/// The analysis of one text: polarity of the whole and of each sentence,
/// the terms that drove it, and tone markers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    pub(crate) label: Label,
    pub(crate) compound: f64,
    pub(crate) positive: f64,
    pub(crate) negative: f64,
    pub(crate) neutral: f64,
    pub(crate) sentences: Vec<Sentence>,
    pub(crate) hits: Vec<Hit>,
    pub(crate) flags: Vec<Flag>,
}

impl Analysis {
    /// The label of the whole text.
    pub fn label(&self) -> Label {
        self.label
    }
    /// Whether the text is labelled positive.
    pub fn is_positive(&self) -> bool {
        self.label == Label::Positive
    }
    /// Whether the text is labelled negative.
    pub fn is_negative(&self) -> bool {
        self.label == Label::Negative
    }
    /// Whether the text is labelled neutral.
    pub fn is_neutral(&self) -> bool {
        self.label == Label::Neutral
    }
    /// The compound score in [-1, 1].
    pub fn compound(&self) -> f64 {
        self.compound
    }
    /// Share of positive weight among all weight (0…1).
    pub fn positive(&self) -> f64 {
        self.positive
    }
    /// Share of negative weight (0…1).
    pub fn negative(&self) -> f64 {
        self.negative
    }
    /// Share of neutral words (0…1). The three shares add up to 1.
    pub fn neutral(&self) -> f64 {
        self.neutral
    }
    /// Per-sentence scores, in text order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }
    /// The lexicon terms found, in text order.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }
    /// Tone markers, in text order.
    pub fn flags(&self) -> &[Flag] {
        &self.flags
    }

    /// Adds a flag found outside the analyzer (e.g. by a
    /// [`RepeatDetector`](crate::RepeatDetector) across a dump), keeping
    /// text order.
    pub fn add_flag(&mut self, flag: Flag) {
        let at = self.flags.partition_point(|f| f.start <= flag.start);
        self.flags.insert(at, flag);
    }
}
