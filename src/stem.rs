//! The German stemmer (Snowball, via rust-stemmers).
//!
//! Stemming costs about four times the rest of the pipeline per word, so the
//! lexicon only stems on a miss of the surface form, and caches the result
//! (see `lexicon/lookup.rs`). Stems also conflate words; that is why
//! surface forms are looked up first. Words are stemmed in their folded form
//! (`ä` → `ae`, see `normalize.rs`), both for lexicon keys and at lookup:
//! Snowball would otherwise fold umlauts itself and conflate `schön` with
//! `schon`, `Ächtung` with `Achtung`, `träge` with `tragen`.

use std::borrow::Cow;

/// Reduces a lowercase German word to its Snowball stem.
pub struct Stemmer {
    inner: rust_stemmers::Stemmer,
}

impl Stemmer {
    /// The German Snowball stemmer.
    pub fn new() -> Stemmer {
        Stemmer { inner: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::German) }
    }

    /// The stem of `folded` (a word as `normalize::fold_into` writes it).
    pub fn stem<'w>(&self, folded: &'w str) -> Cow<'w, str> {
        self.inner.stem(folded)
    }
}

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer::new()
    }
}

impl std::fmt::Debug for Stemmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stemmer(German)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_share_a_stem() {
        let s = Stemmer::new();
        assert_eq!(s.stem("enttaeuschend"), s.stem("enttaeuschende"));
        assert_eq!(s.stem("verspaetung"), s.stem("verspaetungen"));
        // Transliterated umlauts keep words apart that Snowball would merge.
        assert_ne!(s.stem("traege"), s.stem("tragen"));
    }
}
