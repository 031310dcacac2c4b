//! The German stemmer (Snowball, via rust-stemmers).
//!
//! Stemming costs about four times the rest of the pipeline per word, so the
//! lexicon only stems on a miss of the surface form, and only if a stem key
//! begins the word ([`StemKeys`]); the analyzer keeps the result per
//! distinct word (`word_memo.rs`). Stems also conflate words; that is why
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
    ///
    /// Remembered per thread: the lexicon and the markers each stem a new
    /// word (and the lexicon its parts), and Snowball costs ~4,000
    /// instructions a word. A folded word's stem is a prefix of it (no
    /// umlaut or `ß` is left to rewrite), so what is kept is its length,
    /// and the stem is borrowed from the word.
    pub fn stem<'w>(&self, folded: &'w str) -> Cow<'w, str> {
        STEM_LENGTHS.with(|known| {
            let mut known = known.borrow_mut();
            if let Some(&n) = known.get(folded) {
                return Cow::Borrowed(&folded[..usize::from(n)]);
            }
            let stem = self.inner.stem(folded);
            if folded.starts_with(stem.as_ref()) && folded.len() <= usize::from(u8::MAX) {
                if known.len() >= STEMS_KEPT {
                    known.clear();
                }
                // `len()` of a prefix: a char boundary of `folded`.
                let n = stem.len() as u8;
                known.insert(folded.into(), n);
                return Cow::Borrowed(&folded[..usize::from(n)]);
            }
            stem
        })
    }
}

/// The stems a thread remembers ([`Stemmer::stem`]) before it starts
/// over: memory stays flat on any input.
const STEMS_KEPT: usize = 30_000;

thread_local! {
    /// The byte length of the stem of each folded word stemmed lately.
    static STEM_LENGTHS: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, u8>> =
        std::cell::RefCell::default();
}

/// Stem keys, asked whether one of them begins a word: only then can the
/// stem of a folded word be one of the keys, because a Snowball stem of a
/// folded word is a prefix of it — German Snowball only cuts endings, and
/// the letters it would rewrite (`ß`, umlauts) are folded away before.
/// Asking spares most words the stemmer, which costs more than the rest of
/// a lexicon miss together.
///
/// The keys are hashed, and a word's prefixes (of the keys' lengths) are
/// looked up: a fifth of the cost of walking an fst down the word, which
/// decodes a node per byte. A word whose first two bytes begin no key (a
/// URL, most words for a small set of keys) is refused by one bit.
#[derive(Clone, Debug, Default)]
pub(crate) struct StemKeys {
    keys: rustc_hash::FxHashSet<Box<[u8]>>,
    shortest: usize,
    longest: usize,
    /// Bit `256 * a + b` is set if some key begins with the bytes `a b`
    /// (or is the one byte `a`, for each `b`).
    starts: Vec<u64>,
}

impl StemKeys {
    pub(crate) fn new<K: AsRef<[u8]>>(keys: impl IntoIterator<Item = K>) -> StemKeys {
        let keys: rustc_hash::FxHashSet<Box<[u8]>> = keys
            .into_iter()
            .filter(|k| !k.as_ref().is_empty())
            .map(|k| Box::from(k.as_ref()))
            .collect();
        let shortest = keys.iter().map(|k| k.len()).min().unwrap_or(usize::MAX);
        let longest = keys.iter().map(|k| k.len()).max().unwrap_or(0);
        let mut starts = vec![0u64; 65536 / 64];
        for key in &keys {
            let seconds = match key.get(1) {
                Some(&b) => b..=b,
                None => 0..=255,
            };
            for b in seconds {
                let bit = usize::from(key[0]) << 8 | usize::from(b);
                starts[bit / 64] |= 1 << (bit % 64);
            }
        }
        StemKeys { keys, shortest, longest, starts }
    }

    /// Whether some key is a prefix of `folded` (a folded word). A key is
    /// valid UTF-8, so a key that is a byte prefix ends on a character
    /// boundary of the word.
    pub(crate) fn begin(&self, folded: &str) -> bool {
        let bytes = folded.as_bytes();
        let Some(&first) = bytes.first() else { return false };
        let bit = usize::from(first) << 8 | usize::from(bytes.get(1).copied().unwrap_or(0));
        if self.starts.get(bit / 64).is_none_or(|w| w & (1 << (bit % 64)) == 0) {
            return false;
        }
        (self.shortest..=self.longest.min(bytes.len())).any(|n| self.keys.contains(&bytes[..n]))
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

    /// `StemKeys` relies on it: every word of the bundled texts.
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
            // Remembered or not, the stem is Snowball's.
            assert_eq!(stem, s.inner.stem(&folded), "{w}");
            assert_eq!(s.stem(&folded), stem, "{w}: asked again");
            words += 1;
        }
        assert!(words > 10_000, "{words}");
    }

    #[test]
    fn key_prefixes() {
        let keys = StemKeys::new(["enttaeusch", "verspaet", "ae"]);
        assert!(keys.begin("enttaeuschend"));
        assert!(keys.begin("verspaet"));
        assert!(keys.begin("aerger"));
        assert!(!keys.begin("verspae"));
        assert!(!keys.begin("puenktlich"));
        assert!(!keys.begin("a"));
        assert!(!keys.begin(""));
        assert!(!StemKeys::new([""; 0]).begin("verspaet"));
        assert!(!StemKeys::new([""]).begin("verspaet"), "the empty key begins nothing");
        let one = StemKeys::new(["a"]);
        assert!(one.begin("a") && one.begin("ab") && !one.begin("b"));
    }

    proptest::proptest! {
        /// The same answer as asking each key whether it begins the word.
        #[test]
        fn stem_keys_begin_as_each_key_says(
            keys in proptest::collection::vec("[abä]{0,4}", 0..8),
            word in "[abä]{0,6}",
        ) {
            let reference = keys.iter().any(|k| !k.is_empty() && word.starts_with(k.as_str()));
            proptest::prop_assert_eq!(StemKeys::new(&keys).begin(&word), reference);
        }
    }
}
