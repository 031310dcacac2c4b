//! What the stages have learned about each distinct word a thread has met.
//!
//! The lexicon wants a word's entry and classes, the markers its pattern
//! keys. Both depend on the word alone, and words repeat (Zipf), so each is
//! computed once per distinct word and kept here. Each token is hashed once
//! per document ([`WordMemo::number`]), and every stage then finds the word
//! by its number: the lexicon and the markers had each kept a cache of
//! their own, and each had hashed and compared every word again.

use std::hash::Hasher;

use crate::lexicon::{Found, Layers, WordLookup};
use crate::markers::{self, WordKeys};
use crate::normalize;
use crate::number_table::{prefetch, NumberTable};
use crate::token::{Token, TokenKind};
use crate::word_class::WordClass;

/// The number of a token that has none: not a word-like token, or met when
/// the memo was full. The stages then compute what they need directly.
pub(crate) const UNNUMBERED: u32 = u32::MAX;

/// Words the memo keeps; when it holds this many, it starts over before the
/// next document, so memory stays flat on any input. (Within a document,
/// words past the limit go unnumbered.)
const CAPACITY: usize = 100_000;
const _: () = assert!(CAPACITY <= crate::number_table::MAX_NUMBERS);

/// How many tokens [`WordMemo::number`] numbers together.
const NUMBERING_BATCH: usize = 256;

/// Words longer than this (in bytes) are not numbered: no German word is
/// that long, and a 4 MB "word" should not be copied into the memo.
const MAX_WORD_BYTES: usize = 64;

/// One thread's memo: a number for each distinct word, and what is known
/// of it ([`Word`]).
#[derive(Default)]
pub(crate) struct WordMemo {
    /// The lexicon layers and marker set whose results the memo holds
    /// (their ids).
    owner: (u64, u64),
    /// The numbers, found by the hash of their word ([`Spelling`]).
    numbers: NumberTable,
    /// What is known of word number `n`, all of it together in one cache
    /// line: a word met for the first time in a while is read from one
    /// place in memory, not from one array per stage (the memo outgrows
    /// the core's caches).
    words: Vec<Word>,
    /// The lexicon entries of the words that have one ([`Word::entry`]):
    /// kept apart, as most words have none.
    entries: Vec<Found>,
    /// The bytes of the words longer than [`Spelling::INLINE`], one after
    /// the other.
    long_words: Vec<u8>,
    /// Each word folded ([`normalize::fold_into`]), one after the other:
    /// folded once when numbered, where the lexicon, the markers and the
    /// repeat fingerprint each folded it.
    folded_words: String,
    /// A buffer to fold words in.
    folded: String,
    /// The lexicon's view of the last unnumbered word asked about.
    unnumbered: Option<WordLookup>,
    /// The words of the document being numbered ([`WordMemo::number`]).
    pending: Vec<Pending>,
}

/// A word of the document being numbered: its token, spelling and hash,
/// and the number it most likely has.
struct Pending {
    token: u32,
    spelling: Spelling,
    hash: u64,
    candidate: u32,
}

/// The text a token is numbered by, if it gets a number at all.
fn numbered_text<'t>(t: &Token<'t>) -> Option<&'t str> {
    match t.kind {
        TokenKind::Word
        | TokenKind::Number
        | TokenKind::Emoji
        | TokenKind::Emoticon
        | TokenKind::Mention => Some(t.text),
        TokenKind::Hashtag => Some(t.key()),
        _ => None,
    }
}

impl WordMemo {
    /// Makes the memo ready for a document analyzed with `owner` (the ids
    /// of its lexicon layers and marker set): emptied if it holds another
    /// owner's results, or is full.
    pub(crate) fn begin(&mut self, owner: (u64, u64)) {
        if self.owner != owner || self.words.len() >= CAPACITY {
            self.numbers.clear();
            self.words.clear();
            self.entries.clear();
            self.long_words.clear();
            self.folded_words.clear();
            self.owner = owner;
        }
        if self.words.capacity() == 0 {
            // Room for all the words at once: the pages are only touched as
            // words come, and a growing vector would hold its old and new
            // copy at once (64 bytes a word: 12 MB when 65,536 words grow
            // to 131,072).
            self.words.reserve_exact(CAPACITY);
        }
    }

    /// Numbers the word-like tokens of a document into `ids` (one per
    /// token; [`UNNUMBERED`] for the others): words and numbers by their
    /// text, hashtags by the word after `#` (which the lexicon and the
    /// markers read as that word), emoji, emoticons and mentions by their
    /// text. (Mentions only for their repeat fingerprint: `@DB_Bahn` opens
    /// many a tweet, and would be folded for each.)
    ///
    /// In three passes over the document's words (256 tokens at a time),
    /// not one word at a time:
    /// each lookup reads the table and then the word's record, two reads
    /// that mostly miss the core's caches (the memo outgrows them), and the
    /// second waits for the first. Word by word, the next lookup waited for
    /// both; pass by pass, the reads of all words are independent of each
    /// other, and the core has many in flight at once.
    pub(crate) fn number(&mut self, tokens: &[Token<'_>], ids: &mut Vec<u32>) {
        ids.clear();
        ids.resize(tokens.len(), UNNUMBERED);
        let mut pending = std::mem::take(&mut self.pending);
        // A batch of tokens at a time: enough lookups in flight, and the
        // pending words of an enormous document do not pile up.
        for (b, batch) in tokens.chunks(NUMBERING_BATCH).enumerate() {
            self.number_batch(batch, b * NUMBERING_BATCH, tokens, ids, &mut pending);
        }
        self.pending = pending;
    }

    /// [`WordMemo::number`] of the tokens `batch`, which start at token
    /// `offset` of `tokens`.
    fn number_batch(
        &mut self,
        batch: &[Token<'_>],
        offset: usize,
        tokens: &[Token<'_>],
        ids: &mut [u32],
        pending: &mut Vec<Pending>,
    ) {
        pending.clear();
        // 1. Each word's spelling and hash; its slot in the table fetched.
        for (i, t) in batch.iter().enumerate() {
            if let Some(text) = numbered_text(t).filter(|w| w.len() <= MAX_WORD_BYTES) {
                let (spelling, hash) = Spelling::of(text.as_bytes());
                self.numbers.prefetch(hash);
                let token = (offset + i) as u32;
                pending.push(Pending { token, spelling, hash, candidate: UNNUMBERED });
            }
        }
        // 2. The first number in the table whose hash tag matches: most
        // likely the word's (checked below); its record fetched.
        for p in pending.iter_mut() {
            p.candidate = self.numbers.candidate(p.hash).unwrap_or(UNNUMBERED);
            if let Some(word) = self.words.get(p.candidate as usize) {
                prefetch(word);
            }
        }
        // 3. The candidate checked against the word; else (a new word, a
        // tag shared by two words) the full lookup, which adds new words.
        // A known word's lexicon entry, which the scorer reads next, is
        // fetched.
        for p in pending.iter() {
            let text = || numbered_text(&tokens[p.token as usize]).unwrap_or_default();
            // A short word is told by its spelling alone (no need to find
            // its text again).
            let long = p.spelling.len as usize > Spelling::INLINE;
            let word = if long { text().as_bytes() } else { &[] };
            let known = self
                .words
                .get(p.candidate as usize)
                .filter(|w| w.spelling.is(&p.spelling, word, &self.long_words));
            ids[p.token as usize] = match known {
                Some(w) => {
                    if let Some(entry) = self.entries.get(w.entry as usize) {
                        prefetch(entry);
                    }
                    p.candidate
                }
                None => self.number_of(text()),
            };
        }
    }

    /// The number of `word`, which is added if new and there is room.
    /// Inline: it is asked for nearly every token, and nearly every word is
    /// known.
    #[inline]
    pub(crate) fn number_of(&mut self, text: &str) -> u32 {
        let word = text.as_bytes();
        if word.len() > MAX_WORD_BYTES {
            return UNNUMBERED;
        }
        let (spelling, hash) = Spelling::of(word);
        let Self { numbers, words, long_words, .. } = self;
        let is_word = |n: u32| words[n as usize].spelling.is(&spelling, word, long_words);
        match numbers.find(hash, is_word) {
            Some(n) => n,
            None => self.add(text, spelling, hash),
        }
    }

    /// Numbers a word met for the first time (out of line, which keeps the
    /// lookup above small), if there is room.
    #[inline(never)]
    fn add(&mut self, text: &str, spelling: Spelling, hash: u64) -> u32 {
        let word = text.as_bytes();
        let Self { numbers, words, long_words, folded_words, folded, .. } = self;
        if words.len() >= CAPACITY {
            return UNNUMBERED;
        }
        let n = words.len() as u32;
        let mut spelling = spelling;
        if word.len() > Spelling::INLINE {
            spelling.at = long_words.len() as u32;
            long_words.extend_from_slice(word);
        }
        normalize::fold_into(text, folded);
        let folded_at = folded_words.len() as u32;
        folded_words.push_str(folded);
        words.push(Word::new(spelling, folded_at, folded));
        // A word's hash is not kept (it would not fit the cache line): when
        // the table grows, it is computed again.
        numbers.insert(hash, n, |m| words[m as usize].spelling.hash(long_words));
        n
    }

    /// The lexicon's view of word number `id`, whose text is `word`
    /// (computed by `layers` on first ask).
    #[inline]
    pub(crate) fn lexicon(&mut self, id: u32, word: &str, layers: &Layers) -> LexiconView<'_> {
        match self.words.get(id as usize) {
            Some(known) if known.bits & Word::LEXICON != 0 => known.lexicon(&self.entries),
            _ => self.look_up(id, word, layers),
        }
    }

    /// [`WordMemo::lexicon`] for a word not looked up yet, or unnumbered.
    #[inline(never)]
    fn look_up(&mut self, id: u32, word: &str, layers: &Layers) -> LexiconView<'_> {
        let Self { words, entries, unnumbered, folded_words, .. } = self;
        match words.get_mut(id as usize) {
            Some(known) => {
                let folded = known.folded(folded_words);
                known.learn(layers.look_up_folded(word, folded), entries);
                known.lexicon(entries)
            }
            None => LexiconView::of(unnumbered.insert(layers.look_up_word(word))),
        }
    }

    /// The lexicon's view of `word`, which gets a number if new.
    pub(crate) fn lexicon_of(&mut self, word: &str, layers: &Layers) -> LexiconView<'_> {
        let id = self.number_of(word);
        self.lexicon(id, word, layers)
    }

    /// The [`markers::folded_hash`] of word number `id`, whose text is
    /// `word`.
    #[inline]
    pub(crate) fn folded_hash(&mut self, id: u32, word: &str) -> u64 {
        match self.words.get(id as usize) {
            Some(known) => known.folded_hash,
            None => markers::folded_hash(word, &mut self.folded),
        }
    }

    /// The pattern keys of word number `id`, whose text is `word`, computed
    /// on first ask by `keys` from the word folded.
    #[inline]
    pub(crate) fn keys(
        &mut self,
        id: u32,
        word: &str,
        keys: impl FnOnce(&str) -> WordKeys,
    ) -> WordKeys {
        let Self { words, folded_words, folded, .. } = self;
        match words.get_mut(id as usize) {
            Some(known) if known.bits & Word::KEYS != 0 => known.keys,
            Some(known) => {
                known.keys = keys(known.folded(folded_words));
                known.bits |= Word::KEYS;
                known.keys
            }
            None => {
                normalize::fold_into(word, folded);
                keys(folded)
            }
        }
    }
}

/// What the lexicon says of a word ([`Layers::look_up_word`]), as the memo
/// keeps it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LexiconView<'m> {
    pub found: Option<&'m Found>,
    /// Whether the word's folded form starts a phrase entry…
    pub starts_phrase: bool,
    /// …or follows another word in one.
    pub continues_phrase: bool,
    /// The word's classes for the scoring rules.
    pub class: WordClass,
}

impl LexiconView<'_> {
    fn of(lookup: &WordLookup) -> LexiconView<'_> {
        LexiconView {
            found: lookup.found.as_ref(),
            starts_phrase: lookup.starts_phrase,
            continues_phrase: lookup.continues_phrase,
            class: lookup.class,
        }
    }
}

/// What the memo knows of one word, in one cache line (under 64 bytes, aligned
/// to 64): the word is looked up in the memo for every token, and each
/// stage then reads what it needs of it. The rest is computed lazily: a
/// word that only the markers asked about has no lexicon entry computed,
/// and the reverse ([`Word::bits`] tells).
#[repr(align(64))]
struct Word {
    spelling: Spelling,
    /// Where the word folded is in [`WordMemo::folded_words`], and its
    /// length.
    folded_at: u32,
    folded_len: u16,
    /// The hash of the word folded, for the repeat fingerprint.
    folded_hash: u64,
    keys: WordKeys,
    /// The word's lexicon entry, an index into [`WordMemo::entries`], or
    /// [`Word::NO_ENTRY`].
    entry: u32,
    class: WordClass,
    /// Which of the above are known, and the word's phrase flags.
    bits: u8,
}

// One cache line, as said above.
const _: () = assert!(std::mem::size_of::<Word>() == 64);

impl Word {
    const LEXICON: u8 = 1;
    const KEYS: u8 = 2;
    const STARTS_PHRASE: u8 = 4;
    const CONTINUES_PHRASE: u8 = 8;
    const NO_ENTRY: u32 = u32::MAX;

    /// A word spelled `spelling`, whose folded form `folded` is kept at
    /// `folded_at` in the memo's folded words.
    fn new(spelling: Spelling, folded_at: u32, folded: &str) -> Word {
        Word {
            spelling,
            folded_at,
            // At most 4 bytes a byte of `MAX_WORD_BYTES` (`ẞ` → `ss`).
            folded_len: folded.len() as u16,
            folded_hash: markers::hash_folded(folded),
            keys: WordKeys::default(),
            entry: Word::NO_ENTRY,
            class: WordClass::NONE,
            bits: 0,
        }
    }

    /// The word folded, kept in `folded_words`.
    fn folded<'m>(&self, folded_words: &'m str) -> &'m str {
        let at = self.folded_at as usize;
        &folded_words[at..at + usize::from(self.folded_len)]
    }

    /// What the lexicon found for this word (once learned), whose entry is
    /// in `entries`.
    #[inline]
    fn lexicon<'m>(&self, entries: &'m [Found]) -> LexiconView<'m> {
        LexiconView {
            found: (self.entry != Word::NO_ENTRY).then(|| &entries[self.entry as usize]),
            starts_phrase: self.bits & Word::STARTS_PHRASE != 0,
            continues_phrase: self.bits & Word::CONTINUES_PHRASE != 0,
            class: self.class,
        }
    }

    /// Keeps what the lexicon found for this word; its entry, if any, goes
    /// to `entries`.
    fn learn(&mut self, lookup: WordLookup, entries: &mut Vec<Found>) {
        if let Some(found) = lookup.found {
            // At most one entry per word, and at most `CAPACITY` words.
            self.entry = entries.len() as u32;
            entries.push(found);
        }
        self.class = lookup.class;
        self.bits |= Word::LEXICON
            | if lookup.starts_phrase { Word::STARTS_PHRASE } else { 0 }
            | if lookup.continues_phrase { Word::CONTINUES_PHRASE } else { 0 };
    }
}

/// How the memo knows a word: its length, and bytes of it that tell it
/// from any other word of that length if it has at most
/// [`Spelling::INLINE`] bytes (most German words); a longer one is compared
/// with its bytes, kept elsewhere. Told apart with two integer compares
/// instead of a string compare.
#[derive(Clone, Copy, Debug)]
struct Spelling {
    /// Bytes from the start and the end of the word (which overlap for a
    /// word shorter than 16 bytes).
    ends: [u64; 2],
    len: u32,
    /// Where a long word's bytes start in the memo's `long_words`.
    at: u32,
}

impl Spelling {
    /// The longest word told apart by `ends` alone.
    const INLINE: usize = 16;

    /// The spelling of `word`, and its hash.
    #[inline]
    fn of(word: &[u8]) -> (Spelling, u64) {
        let n = word.len();
        let le64 = |at: usize| u64::from_le_bytes(word[at..at + 8].try_into().unwrap_or_default());
        let le32 = |at: usize| u32::from_le_bytes(word[at..at + 4].try_into().unwrap_or_default());
        // First and last bytes, as many as fit in each end (a word of one
        // to three bytes: its first, middle and last byte).
        let ends = match n {
            8.. => [le64(0), le64(n - 8)],
            4..8 => [u64::from(le32(0)), u64::from(le32(n - 4))],
            1..4 => {
                [u64::from(word[0]) | u64::from(word[n / 2]) << 8 | u64::from(word[n - 1]) << 16, 0]
            }
            0 => [0, 0],
        };
        let spelling = Spelling { ends, len: n as u32, at: 0 };
        (spelling, spelling.hash_with(word))
    }

    /// The hash of the word spelled so: a folded multiply of the ends and
    /// length (as in wyhash); the rest of a long word (`word`, whose
    /// spelling this is) goes through rustc-hash, so that long words alike
    /// in their ends do not all share one hash.
    #[inline]
    fn hash_with(&self, word: &[u8]) -> u64 {
        let n = self.len as usize;
        let product = u128::from(self.ends[0] ^ 0x243f_6a88_85a3_08d3)
            * u128::from(self.ends[1] ^ (n as u64) ^ 0x1319_8a2e_0370_7344);
        let mut hash = (product as u64) ^ ((product >> 64) as u64);
        if n > Spelling::INLINE {
            let mut rest = rustc_hash::FxHasher::default();
            rest.write(&word[8..n - 8]);
            hash ^= rest.finish();
        }
        hash
    }

    /// The hash of a word in the memo ([`Spelling::hash_with`]), whose
    /// bytes, if long, are in `long_words`.
    fn hash(&self, long_words: &[u8]) -> u64 {
        let at = self.at as usize;
        let len = self.len as usize;
        let word = if len > Spelling::INLINE { &long_words[at..at + len] } else { &[] };
        self.hash_with(word)
    }

    /// Whether this is the spelling of `word`, whose spelling (not yet in
    /// the memo) is `other` (`word` may be left empty if it has at most
    /// [`Spelling::INLINE`] bytes).
    fn is(&self, other: &Spelling, word: &[u8], long_words: &[u8]) -> bool {
        let at = self.at as usize;
        self.ends == other.ends
            && self.len == other.len
            && (word.len() <= Spelling::INLINE || long_words[at..at + word.len()] == *word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Tokenizer;

    #[test]
    fn a_word_has_one_number_however_written_as_token() {
        let mut memo = WordMemo::default();
        memo.begin((1, 1));
        let mut tokens = Vec::new();
        Tokenizer.tokenize("Bahn #Bahn bahn , 42 Bahn :-)", &mut tokens);
        let mut ids = Vec::new();
        memo.number(&tokens, &mut ids);
        assert_eq!(ids.len(), tokens.len());
        assert_eq!(ids[0], ids[1], "a hashtag is numbered as its word");
        assert_eq!(ids[0], ids[5]);
        assert_ne!(ids[0], ids[2], "words are numbered as written");
        assert_eq!(ids[3], UNNUMBERED, "punctuation has no number");
        assert_ne!(ids[4], UNNUMBERED);
        assert_ne!(ids[6], UNNUMBERED, "an emoticon is looked up by the lexicon");
        Tokenizer.tokenize("@DB_Bahn http://x.de @DB_Bahn DB_Bahn", &mut tokens);
        memo.number(&tokens, &mut ids);
        assert_eq!(ids[0], ids[2], "a mention is numbered, for its fingerprint hash");
        assert_ne!(ids[0], ids[3], "as written, with its @");
        assert_eq!(ids[1], UNNUMBERED, "a URL (mostly unique) has no number");
    }

    proptest::proptest! {
        /// Two words get the same number if and only if they are the same:
        /// short ones told apart by their ends, long ones alike in both
        /// ends (the middle differs) by their bytes.
        #[test]
        fn the_same_number_for_the_same_word_only(
            words in proptest::collection::vec("[ab]{0,20}|Kundenzufriedenheit[äab]{0,3}sumfrage", 0..40)
        ) {
            let mut memo = WordMemo::default();
            memo.begin((1, 1));
            let numbers: Vec<u32> = words.iter().map(|w| memo.number_of(w)).collect();
            for (i, a) in words.iter().enumerate() {
                for (j, b) in words.iter().enumerate() {
                    proptest::prop_assert_eq!(numbers[i] == numbers[j], a == b, "{:?} {:?}", a, b);
                }
                proptest::prop_assert_eq!(memo.number_of(a), numbers[i]);
            }
        }
    }

    proptest::proptest! {
        /// Numbering a document's words pass by pass gives each the number
        /// that numbering them one at a time, in order, gives: new words
        /// repeated within the document, hashtags, long words alike.
        #[test]
        fn passes_number_as_one_word_at_a_time_does(
            docs in proptest::collection::vec(
                proptest::collection::vec(
                    "[ab]{1,3}|#[ab]{1,2}|Kundenzufriedenheit[ab]{0,2}sumfrage|, ",
                    0..600,
                ),
                1..4,
            )
        ) {
            let (mut passes, mut one_by_one) = (WordMemo::default(), WordMemo::default());
            passes.begin((1, 1));
            one_by_one.begin((1, 1));
            let mut ids = Vec::new();
            for doc in docs {
                let text = doc.join(" ");
                let mut tokens = Vec::new();
                Tokenizer.tokenize(&text, &mut tokens);
                passes.number(&tokens, &mut ids);
                let expected: Vec<u32> = tokens
                    .iter()
                    .map(|t| match numbered_text(t) {
                        Some(word) => one_by_one.number_of(word),
                        None => UNNUMBERED,
                    })
                    .collect();
                proptest::prop_assert_eq!(&ids, &expected, "{:?}", text);
            }
        }
    }

    #[test]
    fn an_enormous_document_is_numbered_in_bounded_memory() {
        let mut memo = WordMemo::default();
        memo.begin((1, 1));
        let text = "a b c ".repeat(20_000);
        let mut tokens = Vec::new();
        Tokenizer.tokenize(&text, &mut tokens);
        let mut ids = Vec::new();
        memo.number(&tokens, &mut ids);
        assert_eq!(ids.len(), 60_000);
        assert_eq!(ids[0], ids[59_997], "the same word, the same number");
        assert!(memo.pending.capacity() <= NUMBERING_BATCH, "{}", memo.pending.capacity());
    }

    #[test]
    fn another_owner_or_a_full_memo_starts_over() {
        let mut memo = WordMemo::default();
        memo.begin((1, 1));
        let first = memo.number_of("gut");
        assert_eq!(memo.number_of("schlecht"), first + 1);
        memo.begin((1, 1));
        assert_eq!(memo.number_of("schlecht"), first + 1, "same owner: kept");
        memo.begin((2, 1));
        assert_eq!(memo.number_of("schlecht"), 0, "another owner: emptied");
        for i in 0..CAPACITY {
            memo.number_of(&format!("w{i}"));
        }
        assert_eq!(memo.number_of("neu"), UNNUMBERED, "full: no more numbers");
        assert_ne!(memo.number_of("schlecht"), UNNUMBERED, "known words keep theirs");
        memo.begin((2, 1));
        assert_eq!(memo.number_of("neu"), 0, "full: emptied before the next document");
        assert_eq!(memo.number_of(&"x".repeat(MAX_WORD_BYTES + 1)), UNNUMBERED);
    }
}
