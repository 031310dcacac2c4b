//! Every number the scorer uses, in one place, so the tuning harness can
//! vary them and a config file can set them.

use serde::{Deserialize, Serialize};

/// The named weights of the scoring rules.
///
/// Valences live on VADER's scale (-4…4). The defaults start from VADER's
/// published constants where a rule has a VADER counterpart and were then
/// fitted with `stimmung tune` on `sb10k_train` and `potts`, with the
/// negation rules (`negation`, `litotes`, `negation_window`) frozen at
/// VADER's values: tweets exercise negation too rarely to fit it (see the
/// README's accuracy section).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    /// Factor on a positive term under negation (`nicht gut`). VADER: -0.74.
    pub negation: f64,
    /// Factor on |valence| of a negative term under negation, which turns
    /// mildly positive (`nicht schlecht`, `keine Probleme`).
    pub litotes: f64,
    /// How many words before a term a negator still reaches.
    pub negation_window: usize,
    /// How many words before a denial (`… lässt zu wünschen übrig`,
    /// `… sieht anders aus`) the praise it denies may stand, within its
    /// clause: the idiom's subject is a whole noun phrase (`Die
    /// Freundlichkeit der Mitarbeiter an der Rezeption lässt zu wünschen
    /// übrig`), longer than what a `nicht` reaches.
    pub denial_window: usize,
    /// Factor on a negated term that an intensifier between the negator
    /// and the term strengthened: `nicht sehr gut` and `nicht wirklich
    /// überzeugend` say less than `nicht gut`, so the intensifier softens.
    pub negated_intensifier: f64,
    /// Scale of intensifier weights from the lexicon (`sehr`, `mega`).
    pub intensifier: f64,
    /// Scale of dampener weights from the lexicon (`etwas`, `kaum`).
    pub dampener: f64,
    /// How many words before a term a booster still reaches.
    pub booster_window: usize,
    /// Factor on terms before a contrast word in the same sentence (`…, aber`).
    pub contrast_before: f64,
    /// Factor on terms after a contrast word.
    pub contrast_after: f64,
    /// Added to |valence| of a word written in capitals. VADER: 0.733.
    pub caps: f64,
    /// Added to |valence| of an elongated word (`suuuper`).
    pub elongation: f64,
    /// Added to |valence| of a superlative (`mieseste`): as much as `sehr`
    /// adds (VADER's booster increment, 0.293).
    pub superlative: f64,
    /// Added to |sentence sum| per `!` (at most `exclamation_max`). VADER: 0.292.
    pub exclamation: f64,
    /// The most `!` that count.
    pub exclamation_max: usize,
    /// Factor on the sum of a question.
    pub question: f64,
    /// Factor on emoji and emoticon valences.
    pub emoji: f64,
    /// Factor on terms found through their stem rather than their form.
    pub stem_match: f64,
    /// Factor on terms found as the head or first part of a compound.
    pub compound_match: f64,
    /// Normalization constant: compound = s / sqrt(s² + alpha). VADER: 15.
    pub alpha: f64,
    /// Discount of each sentence's sum by its neutral words:
    /// sum / (1 + dilution × neutral words / 10). A long factual sentence
    /// with one mild word is not as polar as a short comment with it.
    pub dilution: f64,
    /// Factor on a praising interjection (`Danke!`, `Super, Bahn.`, `Na
    /// toll`) in a text that is clearly negative elsewhere: "Danke, dass ich
    /// wieder zwei Stunden warte" is sarcasm. Negative: the praise turns.
    pub irony: f64,
    /// How negative (contribution) another hit of the text must be before
    /// an interjection counts as sarcastic.
    pub irony_evidence: f64,
    /// Valence (subtracted) of each negative customer experience the tone
    /// markers find in a sentence: "Seit drei Wochen warte ich auf eine
    /// Antwort" is a complaint even without a negative word.
    pub experience: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            negation: -0.74,
            litotes: 0.74,
            negation_window: 3,
            denial_window: 8,
            negated_intensifier: 0.5,
            intensifier: 1.15,
            dampener: 0.7,
            booster_window: 2,
            contrast_before: 0.5,
            contrast_after: 1.275,
            caps: 0.733,
            elongation: 0.5,
            superlative: 0.293,
            exclamation: 0.235,
            exclamation_max: 4,
            question: 0.7,
            emoji: 2.197,
            stem_match: 0.564,
            compound_match: 0.333,
            alpha: 15.0,
            dilution: 0.4,
            irony: -0.6,
            irony_evidence: 1.0,
            experience: 1.0,
        }
    }
}

/// Where the compound score divides the labels.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// `compound >= positive` is labelled positive.
    pub positive: f64,
    /// `compound <= negative` is labelled negative.
    pub negative: f64,
}

impl Thresholds {
    /// The label of a compound score under these thresholds.
    pub fn label(&self, compound: f64) -> crate::Label {
        if compound >= self.positive {
            crate::Label::Positive
        } else if compound <= self.negative {
            crate::Label::Negative
        } else {
            crate::Label::Neutral
        }
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { positive: 0.275, negative: -0.15 }
    }
}
