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
use std::sync::LazyLock;

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
/// over: memory stays flat on any input. The lexicon and the markers stem
/// a new word while scoring the same document, so a short memory catches
/// most repeats (film reviews, per MB: −1.8 M instructions at 5,000,
/// −3.5 M at 100,000, which cost 5 MB more).
const STEMS_KEPT: usize = 5_000;

thread_local! {
    /// The byte length of the stem of each folded word stemmed lately.
    static STEM_LENGTHS: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, u8>> =
        std::cell::RefCell::default();
}

/// Stem keys, asked whether one of them begins a word before an ending
/// Snowball strips: only then can the stem of a folded word be one of the
/// keys, because a Snowball stem of a folded word is a prefix of it —
/// German Snowball only cuts endings, and the letters it would rewrite
/// (`ß`, umlauts) are folded away before.
/// Asking spares most words the stemmer, which costs more than the rest of
/// a lexicon miss together.
///
/// The keys are hashed, and a word's prefixes of the lengths that keys
/// with its first two bytes have are looked up: a fifth of the cost of
/// walking an fst down the word, which decodes a node per byte. The
/// prefixes' hashes are computed in one pass over the word, each from the
/// one before ([`PrefixHash`]). A word whose first two bytes begin no key
/// (a URL, most words for a small set of keys) is refused by one bit.
#[derive(Clone, Debug, Default)]
pub(crate) struct StemKeys {
    /// The keys, each once, and their values ([`StemKeys::get`])…
    keys: Vec<Box<[u8]>>,
    values: Vec<u64>,
    /// The value of the empty key, which begins no word.
    empty: Option<u64>,
    /// …found by their [`PrefixHash`].
    index: hashbrown::HashTable<u32>,
    longest: usize,
    /// Bit `256 * a + b` is set if some key begins with the bytes `a b`
    /// (or is the one byte `a`, for each `b`).
    starts: Vec<u64>,
    /// The number of bits set in `starts` before each of its words: where
    /// a set bit's `lengths` are.
    ranks: Vec<u32>,
    /// For each bit set in `starts`, in order, the lengths of the keys that
    /// begin with its bytes: bit `n` for a key of `n` bytes, bit 31 for one
    /// of 31 bytes or more.
    lengths: Vec<u32>,
}

/// The `lengths` bit of a key of `n` bytes.
fn length_bit(n: usize) -> u32 {
    1 << n.min(31)
}

impl StemKeys {
    pub(crate) fn new<K: AsRef<[u8]>>(keys: impl IntoIterator<Item = K>) -> StemKeys {
        StemKeys::with_values(keys.into_iter().map(|k| (k, 0)))
    }

    /// Keys with a value each, for [`StemKeys::get`] (of a key given twice,
    /// the last value).
    pub(crate) fn with_values<K: AsRef<[u8]>>(
        entries: impl IntoIterator<Item = (K, u64)>,
    ) -> StemKeys {
        let mut empty = None;
        let mut unique = rustc_hash::FxHashMap::<Box<[u8]>, u64>::default();
        for (key, value) in entries {
            match key.as_ref() {
                [] => empty = Some(value),
                key => _ = unique.insert(key.into(), value),
            }
        }
        let (keys, values): (Vec<Box<[u8]>>, Vec<u64>) = unique.into_iter().unzip();
        let mut index = hashbrown::HashTable::with_capacity(keys.len());
        let hashes: Vec<u64> = keys.iter().map(|k| PrefixHash::of(k)).collect();
        for (n, &hash) in hashes.iter().enumerate() {
            index.insert_unique(hash, n as u32, |&m| hashes[m as usize]);
        }
        let longest = keys.iter().map(|k| k.len()).max().unwrap_or(0);
        // The lengths of each two-byte start, then the bits and their ranks.
        let mut by_start = vec![0u32; 1 << 16];
        for key in &keys {
            let seconds = match key.get(1) {
                Some(&b) => b..=b,
                None => 0..=255,
            };
            for b in seconds {
                by_start[usize::from(key[0]) << 8 | usize::from(b)] |= length_bit(key.len());
            }
        }
        let mut starts = vec![0u64; (1 << 16) / 64];
        let mut ranks = Vec::with_capacity(starts.len());
        let mut lengths = Vec::new();
        for (w, word) in starts.iter_mut().enumerate() {
            ranks.push(lengths.len() as u32);
            for bit in 0..64 {
                let l = by_start[w * 64 + bit];
                if l != 0 {
                    *word |= 1 << bit;
                    lengths.push(l);
                }
            }
        }
        StemKeys { keys, values, empty, index, longest, starts, ranks, lengths }
    }

    /// The value of `key`: one hash lookup, where the stem fst decodes a
    /// node per byte (~1,800 instructions a stem).
    pub(crate) fn get(&self, key: &[u8]) -> Option<u64> {
        if key.is_empty() {
            return self.empty;
        }
        let is_key = |&k: &u32| *self.keys[k as usize] == *key;
        self.index.find(PrefixHash::of(key), is_key).map(|&k| self.values[k as usize])
    }

    /// Whether the stem of `folded` (a folded word) may be one of the keys:
    /// a key begins the word, and the rest of it is an ending Snowball
    /// strips ([`strippable_ending_lengths`]). A key is valid UTF-8, so a key
    /// that is a byte prefix ends on a character boundary of the word.
    pub(crate) fn may_stem_to_one(&self, folded: &str) -> bool {
        // The endings are read once, from the end of the word: a prefix is
        // looked up only if what follows it is one (a short key such as
        // `sag` begins many more words than it is the stem of).
        self.begins_with_one_before(folded, || strippable_ending_lengths(folded.as_bytes()))
    }

    /// Whether some key is a prefix of `word` before an ending of a length
    /// `endings()` allows: bit `k` for `k` bytes, bit 31 for 31 or more.
    /// (Asked only of a word that some key may begin.)
    fn begins_with_one_before(&self, word: &str, endings: impl FnOnce() -> u32) -> bool {
        let bytes = word.as_bytes();
        let Some(&first) = bytes.first() else { return false };
        let bit = usize::from(first) << 8 | usize::from(bytes.get(1).copied().unwrap_or(0));
        let Some(&word) = self.starts.get(bit / 64) else { return false };
        let below = (1u64 << (bit % 64)) - 1;
        if word & (below + 1) == 0 {
            return false;
        }
        let at = self.ranks[bit / 64] as usize + (word & below).count_ones() as usize;
        // The lengths a prefix of the word can have (bit 31: any from 31
        // up to the longest key's).
        let lengths = self.lengths[at];
        let last = match lengths & length_bit(31) {
            0 => 31 - lengths.leading_zeros() as usize,
            _ => self.longest,
        };
        let endings = endings();
        let mut hash = PrefixHash::default();
        for (i, &b) in bytes[..last.min(bytes.len())].iter().enumerate() {
            hash.push(b);
            let n = i + 1;
            if lengths & length_bit(n) != 0 && endings & length_bit(bytes.len() - n) != 0 {
                let prefix = &bytes[..n];
                let is_prefix = |&k: &u32| *self.keys[k as usize] == *prefix;
                if self.index.find(hash.finish(), is_prefix).is_some() {
                    return true;
                }
            }
        }
        false
    }
}

/// Whether Snowball's German stemmer can strip `ending` off the end of a
/// folded word, all of it: its three steps each strip at most one suffix,
/// the last step's first, so such an ending is a derivational suffix, then
/// an inflectional one of step 2, then one of step 1, each possibly empty.
/// (Whether a suffix is stripped depends on the word too, so this is a
/// necessary condition only.) A short key (`sag`, `nehm`) begins many
/// words; asking this spares the stemmer most of them (`sagenhaft`,
/// `Nehmerqualitäten`). The stages ask [`strippable_ending_lengths`].
#[cfg(test)]
fn is_strippable_ending(ending: &[u8]) -> bool {
    ending.len() <= ENDINGS_LONGEST && strippable_ending_lengths(ending) & 1 << ending.len() != 0
}

/// The suffixes of Snowball's German step 3, with the ones it strips
/// before another (`-igung`, `-erlich`, `-lichkeit`), of step 2 and of
/// step 1 (`-nisse` loses `se`); each step strips at most one, possibly
/// none (``).
const STEP3_SUFFIXES: [&str; 17] = [
    "", "end", "ung", "igend", "igung", "ig", "ik", "isch", "lich", "heit", "erlich", "enlich",
    "erheit", "enheit", "keit", "igkeit", "lichkeit",
];
const STEP2_SUFFIXES: [&str; 5] = ["", "en", "er", "st", "est"];
const STEP1_SUFFIXES: [&str; 11] =
    ["", "e", "em", "en", "ern", "er", "s", "es", "se", "sen", "ses"];

/// The longest ending Snowball can strip: `lichkeit` + `est`
/// + `ern`.
const ENDINGS_LONGEST: usize = 14;

/// Bit `k` is set if the last `k` bytes of `word` are an ending Snowball
/// can strip: a derivational suffix (step 3), then an inflectional one of
/// step 2, then one of step 1, each possibly empty — its three steps each
/// strip at most one suffix, the last step's first. (Whether a suffix is
/// stripped depends on the word too, so this is a necessary condition
/// only.) The endings, reversed, are a trie walked from the end of the
/// word, one step a byte.
pub(crate) fn strippable_ending_lengths(word: &[u8]) -> u32 {
    /// Per node, the next node for each letter `a`–`z` (0: none; node 0
    /// is the root, which no edge enters); whether an ending ends there.
    struct ReversedEndings {
        next: Vec<[u16; 26]>,
        ends: Vec<bool>,
    }
    static TRIE: LazyLock<ReversedEndings> = LazyLock::new(|| {
        let mut trie = ReversedEndings { next: vec![[0; 26]], ends: vec![false] };
        for a in STEP3_SUFFIXES {
            for b in STEP2_SUFFIXES {
                for c in STEP1_SUFFIXES {
                    let ending = [a, b, c].concat();
                    debug_assert!(ending.len() <= ENDINGS_LONGEST);
                    let mut node = 0;
                    for letter in ending.bytes().rev().map(|b| usize::from(b - b'a')) {
                        if trie.next[node][letter] == 0 {
                            trie.next[node][letter] = trie.next.len() as u16;
                            trie.next.push([0; 26]);
                            trie.ends.push(false);
                        }
                        node = usize::from(trie.next[node][letter]);
                    }
                    trie.ends[node] = true;
                }
            }
        }
        trie
    });
    let trie = &*TRIE;
    // The empty ending is one.
    let mut lengths = 1;
    let mut node = 0;
    for (k, &b) in word.iter().rev().enumerate().take(ENDINGS_LONGEST) {
        if !b.is_ascii_lowercase() {
            break;
        }
        node = usize::from(trie.next[node][usize::from(b - b'a')]);
        if node == 0 {
            break;
        }
        if trie.ends[node] {
            lengths |= 1 << (k + 1);
        }
    }
    lengths
}

/// A hash of a byte string that is extended a byte at a time, so that the
/// hashes of all prefixes of a word cost one pass over it.
#[derive(Clone, Copy, Default)]
struct PrefixHash(u64);

impl PrefixHash {
    /// As in rustc-hash (FxHash), a byte at a time.
    fn push(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    /// The hash, its high bits (mixed best by the multiplication) folded
    /// into the low ones that pick a table slot.
    fn finish(self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }

    fn of(bytes: &[u8]) -> u64 {
        let mut hash = PrefixHash::default();
        bytes.iter().for_each(|&b| hash.push(b));
        hash.finish()
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

    /// `StemKeys` relies on it: every word of the bundled texts (and of
    /// the local evaluation sets, when they are there) has a stem that
    /// begins it, before an ending that `is_strippable_ending` knows.
    #[test]
    fn stems_are_prefixes_of_folded_words_before_a_strippable_ending() {
        let s = Stemmer::new();
        let mut text = include_str!("../data/potts_sample.tsv").to_string()
            + include_str!("../data/seed_comments.jsonl");
        let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data");
        for set in ["filmstarts", "germeval2017_dev", "sb10k_train", "wikipedia_neutral"] {
            match std::fs::read_to_string(format!("{shared}/{set}.tsv")) {
                Ok(more) => text += &more,
                Err(_) => eprintln!("{shared}/{set}.tsv is absent: bundled words only"),
            }
        }
        let mut folded = String::new();
        let mut words = 0;
        for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            crate::normalize::fold_into(w, &mut folded);
            let stem = s.stem(&folded);
            assert!(folded.starts_with(stem.as_ref()), "{w}: {folded} -> {stem}");
            let ending = &folded[stem.len()..];
            assert!(is_strippable_ending(ending.as_bytes()), "{w}: {folded} -> {stem} + {ending}");
            // Remembered or not, the stem is Snowball's.
            assert_eq!(stem, s.inner.stem(&folded), "{w}");
            assert_eq!(s.stem(&folded), stem, "{w}: asked again");
            words += 1;
        }
        assert!(words > 10_000, "{words}");
    }

    #[test]
    fn strippable_endings() {
        let yes = ["", "e", "en", "ungen", "lichkeiten", "igkeit", "isches", "nst", "se"];
        for ending in yes.into_iter().chain(["lichkeitestern"]) {
            let ok = ending != "nst";
            assert_eq!(is_strippable_ending(ending.as_bytes()), ok, "{ending}");
        }
        // `-te` is no ending Snowball strips (`sagte` stems to `sagt`).
        for ending in ["haft", "nahme", "ungnahme", "t", "te", "n", "lichkeitesterne"] {
            assert!(!is_strippable_ending(ending.as_bytes()), "{ending}");
        }
        // All the endings of a word at once: ``, `en`, `ungen`; `n`,
        // `gen`, `tungen` are none, nor is anything after an uppercase
        // letter.
        assert_eq!(strippable_ending_lengths(b"verspaetungen"), 1 | 1 << 2 | 1 << 5);
        assert_eq!(strippable_ending_lengths(b"VerspaetUngen"), 1 | 1 << 2);
    }

    #[test]
    fn values_of_keys() {
        let keys = StemKeys::with_values([("sag", 1), ("ae", 2), ("", 3), ("sag", 4)]);
        assert_eq!(keys.get(b"sag"), Some(4), "the last value of a key given twice");
        assert_eq!(keys.get(b"ae"), Some(2));
        assert_eq!(keys.get(b""), Some(3));
        assert_eq!(keys.get(b"sa"), None);
        assert_eq!(keys.get(b"sage"), None);
        assert_eq!(StemKeys::new(["sag"]).get(b""), None);
    }

    #[test]
    fn key_prefixes() {
        let keys = StemKeys::new(["enttaeusch", "verspaet", "ae", "sag"]);
        assert!(keys.may_stem_to_one("enttaeuschend"));
        assert!(keys.may_stem_to_one("verspaet"));
        assert!(keys.may_stem_to_one("verspaetungen"));
        assert!(keys.may_stem_to_one("sagen") && !keys.may_stem_to_one("sagte"));
        assert!(!keys.may_stem_to_one("sagenhaft"), "`enhaft` is no ending");
        assert!(!keys.may_stem_to_one("aerger"), "`rger` is no ending");
        assert!(!keys.may_stem_to_one("verspae"));
        assert!(!keys.may_stem_to_one("puenktlich"));
        assert!(!keys.may_stem_to_one("a"));
        assert!(!keys.may_stem_to_one(""));
        assert!(!StemKeys::new([""; 0]).may_stem_to_one("verspaet"));
        assert!(!StemKeys::new([""]).may_stem_to_one("verspaet"), "the empty key begins nothing");
        let one = StemKeys::new(["a"]);
        assert!(
            one.may_stem_to_one("a") && one.may_stem_to_one("aen") && !one.may_stem_to_one("b")
        );
    }

    proptest::proptest! {
        /// The same answer as asking each key whether it begins the word.
        #[test]
        fn stem_keys_begin_as_each_key_says(
            keys in proptest::collection::vec("[abä]{0,4}", 0..8),
            word in "[abä]{0,6}",
        ) {
            let reference = keys.iter().any(|k| !k.is_empty() && word.starts_with(k.as_str()));
            let keys = StemKeys::new(&keys);
            proptest::prop_assert_eq!(keys.begins_with_one_before(&word, || u32::MAX), reference);
        }

        /// Keys of 31 bytes and more share one length bit.
        #[test]
        fn long_stem_keys_begin_as_each_key_says(
            keys in proptest::collection::vec("a{1,3}|a{29,34}|b{30,32}a", 0..6),
            word in "a{0,36}b{0,2}",
        ) {
            let reference = keys.iter().any(|k| word.starts_with(k.as_str()));
            let keys = StemKeys::new(&keys);
            proptest::prop_assert_eq!(keys.begins_with_one_before(&word, || u32::MAX), reference);
        }

        /// The trie's endings are exactly the concatenations of a step 3,
        /// a step 2 and a step 1 suffix, at every length of a word's end.
        #[test]
        fn ending_lengths_are_the_suffix_concatenations(word in "[a-z]{0,6}(lich|keit|ung|ig)?(e|s|n|en|er|st)?(en|e|s|es)?") {
            let mut endings = std::collections::HashSet::new();
            for a in STEP3_SUFFIXES {
                for b in STEP2_SUFFIXES {
                    for c in STEP1_SUFFIXES {
                        endings.insert([a, b, c].concat());
                    }
                }
            }
            let lengths = strippable_ending_lengths(word.as_bytes());
            for k in 0..=word.len().min(31) {
                let ending = &word[word.len() - k..];
                proptest::prop_assert_eq!(lengths & 1 << k != 0, endings.contains(ending), "{:?}", ending);
            }
        }

        /// A key must begin the word before a strippable ending.
        #[test]
        fn stem_keys_and_endings_as_each_key_says(
            keys in proptest::collection::vec("[aeg]{1,3}", 0..6),
            word in "[aeg]{0,4}(en|er|ung|st|heit|t|n)?(e|es|ern)?",
        ) {
            let reference = keys.iter().any(|k| {
                word.strip_prefix(k.as_str()).is_some_and(|e| is_strippable_ending(e.as_bytes()))
            });
            proptest::prop_assert_eq!(StemKeys::new(&keys).may_stem_to_one(&word), reference);
        }
    }
}
