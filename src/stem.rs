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

/// Whether some key of `keys` is a prefix of `folded` (a folded word): only
/// then can the stem of `folded` be one of the keys, because a Snowball stem
/// of a folded word is a prefix of it — German Snowball only cuts endings,
/// and the letters it would rewrite (`ß`, umlauts) are folded away before.
/// One walk down the automaton spares most words the stemmer, which costs
/// more than the rest of a lexicon miss together.
pub(crate) fn has_key_prefix<D: AsRef<[u8]>>(keys: &fst::raw::Fst<D>, folded: &str) -> bool {
    let mut node = keys.root();
    for &b in folded.as_bytes() {
        let Some(i) = node.find_input(b) else { return false };
        node = keys.node(node.transition_addr(i));
        if node.is_final() {
            return true;
        }
    }
    false
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

    /// `has_key_prefix` relies on it: every word of the bundled texts.
    #[test]
    fn stems_are_prefixes_of_folded_words() {
        let s = Stemmer::new();
        let text = include_str!("../data/potts_sample.tsv").to_string()
            + include_str!("../data/seed_comments.jsonl");
        let mut folded = String::new();
        let mut words = 0;
        for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            crate::normalize::fold_into(w, &mut folded);
            let stem = s.stem(&folded);
            assert!(folded.starts_with(stem.as_ref()), "{w}: {folded} -> {stem}");
            words += 1;
        }
        assert!(words > 10_000, "{words}");
    }

    #[test]
    fn key_prefixes() {
        let keys = fst::Set::from_iter(["enttaeusch", "verspaet"]).unwrap();
        let keys = keys.as_fst();
        assert!(has_key_prefix(keys, "enttaeuschend"));
        assert!(has_key_prefix(keys, "verspaet"));
        assert!(!has_key_prefix(keys, "verspae"));
        assert!(!has_key_prefix(keys, "puenktlich"));
        assert!(!has_key_prefix(keys, ""));
    }
}
