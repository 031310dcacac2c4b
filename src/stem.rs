//! The German stemmer (Snowball, via rust-stemmers).
//!
//! Stemming costs about four times the rest of the pipeline per word, so the
//! lexicon only stems on a miss of the surface form, and caches the result
//! (see `lexicon::Lookup`). Stems also conflate words (`schön` → `schon`,
//! `ärgerlich` → `arg`); that is why surface forms are looked up first.

use std::borrow::Cow;

/// Reduces a lowercase German word to its Snowball stem.
pub struct Stemmer {
    inner: rust_stemmers::Stemmer,
}

impl Stemmer {
    /// The German Snowball stemmer.
    pub fn new() -> Stemmer {
        Stemmer {
            inner: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::German),
        }
    }

    /// The stem of `lower` (a lowercase word with its umlauts).
    pub fn stem<'w>(&self, lower: &'w str) -> Cow<'w, str> {
        self.inner.stem(lower)
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
        assert_eq!(s.stem("enttäuschend"), s.stem("enttäuschende"));
        assert_eq!(s.stem("verspätung"), s.stem("verspätungen"));
    }
}
