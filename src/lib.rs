/*!
stimmung scores German text — comments, reviews, tweets, customer feedback —
for polarity (positive / negative / neutral, a compound score in [-1, 1], per
document and per sentence) and explains every score with the terms and rules
that drove it.

# Overview

The pipeline, one stage per module:

1. [`Tokenizer`] (`tokenize.rs`) cuts text into [`Token`]s that borrow from
   it and carry byte spans: words (hyphenated compounds kept whole),
   numbers, punctuation, emoji, emoticons, URLs, mentions, hashtags.
2. `SentenceSplitter` (`sentences.rs`) groups tokens into sentences without
   breaking at `z.B.`, `Dr.`, `3.10.` or ordinals.
3. The lexicon (`lexicon/`) maps each word to an entry — a valence, a
   negator, a booster or a contrast word — by folded surface form, then
   de-elongated form, then German stem (`stem.rs`), then compound head or
   polar first part. [`Lexicon`]s are `fst` maps; the default is compiled
   from the TSV files in `lexicons/` by `build.rs` and embedded. Each
   word also gets its classes for the scoring rules (`word_class.rs`:
   clause opener, shouted, the trigger words of special rules).
4. The tone markers (`markers/`, a [`MarkerSet`]) find corporate
   boilerplate, hard selling and negative-experience cues with a small
   pattern language (stems, alternatives, gaps, free word order); each
   word selects the patterns anchored by it, so the cost does not grow
   with their number. Boilerplate is masked out of the sentiment.
5. The scorer (`score/`) applies German rules — negation before a term and
   after a finite verb, litotes, boosters, contrast, emphasis, dilution of
   long neutral sentences — with the named [`Weights`], and labels with
   [`Thresholds`]. Negative experiences and spam are decided after scoring,
   since they depend on the sentence's polarity.
6. [`Analyzer`] (`analyzer.rs`) runs the pipeline on one text or, with
   rayon, on many, and returns [`Analysis`] values (serde-serializable),
   with [`Hit`]s and [`Flag`]s that point back into the text.

What the lexicon and the markers learn about a word depends on the word
alone, as does the hash of its folded form that the repeat fingerprint
(`markers/spam.rs`) is made of: each thread keeps these per distinct word
(`word_memo.rs`), with the word folded once when it is first met, and
every token is hashed once per document to find them there — a few
hundred of a document's words at a time, pass by pass, so that the cache
misses of the lookups (`number_table.rs`) overlap. A new word
is stemmed by the lexicon and by the markers alike: each thread also
remembers the last stems it computed (`stem.rs`).

The tokenizer's scans over every byte (chunk ends, a word's letters) test
eight bytes at a time (`swar.rs`).

# Example: score a comment

```
use stimmung::{Analyzer, Label};

let analyzer = Analyzer::new();
let a = analyzer.analyze("Seit drei Wochen keine Antwort. Der Service ist eine Katastrophe!");
assert_eq!(a.label(), Label::Negative);
for hit in a.hits() {
    println!("{} [{}..{}] {:+.2}", hit.term(), hit.start(), hit.end(), hit.contribution());
}
```

# Example: many texts in parallel

```
let comments = ["Super schnelle Lieferung, danke!", "Nie wieder, totaler Schrott."];
let results = stimmung::Analyzer::new().analyze_batch(&comments);
assert!(results[0].is_positive());
assert!(results[1].is_negative());
```

# Lexicon format

A lexicon file is UTF-8 text, one entry per line, `#` starts a comment:

```text
term<TAB>weight[<TAB>kind]
```

`kind` is `valence` (the default; weight in -4…4), `negator`,
`negator_before`, `booster` (weight -1…1; below 0 dampens), `contrast`,
`prefix` (a part of a compound that is polar only there: a first part with
a final `-` such as `horror-`, or a head with a leading `-` such as `-wüste`)
or `denial` (an idiom that negates the praise just before it in its clause,
`Schön ist anders`; with none to negate, its weight is its valence).
Terms are matched case-insensitively, with `ß`=`ss` and `ä`=`ae` etc.;
inflected forms are found through their stem. SentiWS v2.0 files can be
loaded with [`Lexicon::from_sentiws_path`].

# Quirks

- Stemming conflates words (`schön`/`schon`); the default lexicon blocks the
  frequent collisions with neutral entries, but an unlisted inflected form
  can still pick up a neighbour's valence.
- Negation scope ends at clause boundaries (punctuation and conjunctions);
  long-distance negation is not recognised, and sarcasm only as praise
  standing alone in a complaint (`Danke, Bahn! Sitzen seit zwei Stunden
  fest.`, `Na toll.`), not inside a sentence (`echt super Service...`).
- Tone markers read patterns, not meaning: a formula or a cue in another
  sense can still fire where its context words happen to stand near it
  (see the README's Tone markers for the measured precision).
- Scores of long texts saturate: the compound is a squashed sum.
*/

#![deny(missing_docs)]

mod analysis;
mod analyzer;
mod config;
mod error;
mod lexicon;
mod markers;
mod normalize;
mod number_table;
mod score;
mod sentences;
mod stem;
mod swar;
mod token;
mod tokenize;
mod word_class;
mod word_memo;

pub use analysis::{Analysis, Evidence, Flag, Hit, Label, Rule, Sentence};
pub use analyzer::{analyze, Analyzer, AnalyzerBuilder, WordInfo};
pub use config::Config;
pub use error::{Error, Result};
pub use lexicon::{EntryKind, Lexicon};
pub use markers::{CommentMeta, Fingerprint, MarkerKind, MarkerSet, RepeatDetector};
pub use score::{Thresholds, Weights};
pub use token::{Token, TokenKind};
pub use tokenize::Tokenizer;
