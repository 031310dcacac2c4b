//! Comment spam: generic praise that could stand under any post, plus a
//! link, a shop referral or an author URL; English boilerplate praise in a
//! German thread. (Repeated texts across a dump are found by the CLI, which
//! sees all records.)

use super::{MarkerSet, Match};
use crate::analysis::{Evidence, Flag};
use crate::markers::MarkerKind;
use crate::normalize;
use crate::swar;
use crate::token::{Token, TokenKind};

/// What a comment export knows about a comment besides its text.
#[derive(Clone, Copy, Debug, Default)]
pub struct CommentMeta<'a> {
    /// The author's name.
    pub author: Option<&'a str>,
    /// The author's website, as comment forms ask for it.
    pub author_url: Option<&'a str>,
}

/// Frequent English function words: a text made mostly of these is English.
const ENGLISH: &[&str] = &[
    "the", "and", "i", "you", "this", "that", "is", "are", "was", "it", "to", "of", "for", "in",
    "on", "my", "your", "have", "has", "will", "be", "with", "very", "so", "again", "more",
    "thanks", "thank", "great", "love", "post", "blog", "really", "just", "what", "here",
];

/// Drive-by praise is short; a longer comment with a link is discussion
/// (the seed comment praising a post and citing a relevant site is ~45
/// words).
const MAX_PRAISE_WORDS: usize = 30;

/// A referral (`Weitere Informationen unter …`) ends a long announcement as
/// often as a spam comment; spam is short. A museum's 200-word post on its
/// special trains, ending in its own address, is no spam.
const MAX_REFERRAL_WORDS: usize = 80;

pub(crate) fn detect(
    set: &MarkerSet,
    matches: &[Match],
    text: &str,
    tokens: &[Token<'_>],
    meta: &CommentMeta<'_>,
) -> Vec<Flag> {
    if !matches.iter().any(|m| set.pattern(m.pattern).1 == MarkerKind::Spam) {
        return Vec::new();
    }
    let words: Vec<&Token<'_>> = tokens.iter().filter(|t| t.kind == TokenKind::Word).collect();
    let mut folded = String::new();
    let english = words
        .iter()
        .filter(|t| {
            normalize::fold_into(t.text, &mut folded);
            ENGLISH.contains(&folded.as_str())
        })
        .count();
    let is_english = words.len() >= 5 && english * 10 >= words.len() * 4;
    let url = tokens.iter().find(|t| t.kind == TokenKind::Url);
    let mut flags = Vec::new();
    for m in matches {
        let (pattern, kind) = set.pattern(m.pattern);
        if kind != MarkerKind::Spam {
            continue;
        }
        let (start, end) = (tokens[m.first].span.start, tokens[m.last].span.end);
        let mut evidence = vec![Evidence::new(text, start..end, "praise")];
        if let Some(u) = url {
            evidence.push(Evidence::new(text, u.span.clone(), "link"));
        }
        // An author "name" that is a URL is the signature of SEO spam.
        let author_is_link = meta.author.is_some_and(|a| a.contains("http") || a.contains("www."));
        let has_link = url.is_some()
            || author_is_link
            || meta.author_url.is_some_and(|u| !u.trim().is_empty());
        let category =
            if pattern.category == "referral" && has_link && words.len() <= MAX_REFERRAL_WORDS {
                "referral"
            } else if pattern.category == "praise_en" && is_english {
                "english_praise"
            } else if has_link && words.len() <= MAX_PRAISE_WORDS {
                "link_drop"
            } else {
                continue;
            };
        flags.push(Flag::new(text, kind, category, start..end, &pattern.id, evidence));
        // One spam flag per comment says it all.
        break;
    }
    flags
}

/// Finds comments whose text was seen before in the same dump: the same
/// comment posted again and again is spam, whatever it says.
///
/// Texts are compared after folding case, umlauts and whitespace; texts
/// shorter than [`RepeatDetector::MIN_CHARS`] (`Danke!`, `+1`) are
/// ignored, since people do write those independently.
///
/// Memory is bounded by `capacity`, at about 27 bytes a text plus its id.
/// Texts are remembered in two generations of `capacity / 2`: when the
/// newer one is full, the older one is forgotten. A dump of any length is
/// thus searched for repeats among at least the last `capacity / 2`
/// distinct texts (a spam wave that starts late is caught as well as one
/// that starts early).
///
/// ```
/// use stimmung::{Analyzer, MarkerKind, RepeatDetector};
///
/// let analyzer = Analyzer::new();
/// let mut repeats = RepeatDetector::new(1_000_000);
/// let text = "Super Angebote gibt es auf meiner Seite, schaut vorbei!";
/// assert!(repeats.check("c1", text).is_none());
/// let flag = repeats.check("c2", text).expect("seen before");
/// assert_eq!(flag.kind(), MarkerKind::Spam);
/// assert_eq!(flag.pattern(), "repeated/c1");
/// let mut analysis = analyzer.analyze(text);
/// analysis.add_flag(flag);
/// ```
#[derive(Debug, Default)]
pub struct RepeatDetector {
    newer: Generation,
    older: Generation,
    /// Texts per generation, at least 1.
    half: usize,
}

/// Texts remembered by a [`RepeatDetector`], with the id of the first
/// record that had each.
#[derive(Debug, Default)]
struct Generation {
    /// The number of each text, found by its fingerprint. Numbers, not the
    /// fingerprints themselves: 4 bytes a slot instead of 16 for a
    /// fingerprint and an offset.
    index: hashbrown::HashTable<u32>,
    /// The fingerprint of text `n`.
    fingerprints: Vec<u64>,
    /// Where the id of text `n` ends in `ids` (it starts where the one
    /// before ends).
    id_ends: Vec<u32>,
    /// The ids, one after the other.
    ids: String,
}

impl Generation {
    /// The id of the first record with fingerprint `key`, if remembered.
    fn first_id(&self, key: u64) -> Option<&str> {
        let n = *self.index.find(key, |&n| self.fingerprints[n as usize] == key)? as usize;
        let start = n.checked_sub(1).map_or(0, |before| self.id_ends[before] as usize);
        Some(&self.ids[start..self.id_ends[n] as usize])
    }

    /// Remembers `key` under `id`; false if out of room (4 GiB of ids or
    /// 2^32 texts, which `capacity` keeps it from in practice).
    fn remember(&mut self, key: u64, id: &str) -> bool {
        let n = self.fingerprints.len();
        let ids_end = self.ids.len() + id.len();
        if n >= u32::MAX as usize || ids_end > u32::MAX as usize {
            return false;
        }
        self.fingerprints.push(key);
        self.ids.push_str(id);
        self.id_ends.push(ids_end as u32);
        let fingerprints = &self.fingerprints;
        self.index.insert_unique(key, n as u32, |&m| fingerprints[m as usize]);
        true
    }
}

/// What [`RepeatDetector`] remembers of a text: a 64-bit hash of its folded
/// words. Computed by [`RepeatDetector::fingerprint`], which needs no
/// detector, so that it can run in parallel with the analysis while the
/// detector itself sees the texts in input order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint(u64);

impl RepeatDetector {
    /// Texts shorter than this (in characters) are never repeats.
    pub const MIN_CHARS: usize = 20;

    /// A detector that remembers up to `capacity` texts, and always the
    /// last `capacity / 2`.
    pub fn new(capacity: usize) -> RepeatDetector {
        RepeatDetector { half: (capacity / 2).max(1), ..Default::default() }
    }

    /// Records `text` under `id`; returns a spam flag (category `repeated`,
    /// pattern `repeated/<first id>`) if the same text was seen before.
    pub fn check(&mut self, id: &str, text: &str) -> Option<Flag> {
        self.check_fingerprint(id, text, RepeatDetector::fingerprint(text))
    }

    /// The fingerprint of `text`, or `None` if it is too short to count.
    /// Case, umlaut spellings and whitespace do not change it.
    pub fn fingerprint(text: &str) -> Option<Fingerprint> {
        let trimmed = text.trim();
        trimmed.chars().nth(Self::MIN_CHARS - 1)?;
        let mut words = WordHasher::default();
        fold_words(trimmed, &mut words);
        Some(Fingerprint(words.finish()))
    }

    /// [`RepeatDetector::check`] with the fingerprint computed beforehand
    /// (by [`RepeatDetector::fingerprint`] of the same `text`).
    pub fn check_fingerprint(
        &mut self,
        id: &str,
        text: &str,
        fingerprint: Option<Fingerprint>,
    ) -> Option<Flag> {
        let key = fingerprint?.0;
        if let Some(first) = self.newer.first_id(key).or_else(|| self.older.first_id(key)) {
            let trimmed = text.trim();
            let start = text.len() - text.trim_start().len();
            let span = start..start + trimmed.len();
            let pattern = format!("repeated/{first}");
            return Some(Flag::new(text, MarkerKind::Spam, "repeated", span, &pattern, Vec::new()));
        }
        if self.newer.fingerprints.len() >= self.half || !self.newer.remember(key, id) {
            self.older = std::mem::take(&mut self.newer);
            self.newer.remember(key, id);
        }
        None
    }
}

/// Where [`fold_words`] writes.
trait FoldedBytes {
    fn push(&mut self, byte: u8);

    /// The first `n` of `bytes`.
    fn extend_prefix(&mut self, bytes: [u8; 8], n: usize) {
        for &b in &bytes[..n] {
            self.push(b);
        }
    }
}

/// Feeds [`fold_words`]'s bytes through a stack buffer into rustc-hash's
/// byte-string hash (a wyhash-style mix, ten times cheaper than SipHash
/// here; these hashes are not secret, and a collision only makes one text a
/// repeat of another). The buffer is hashed whenever full: the same bytes
/// give the same blocks, hence the same hash.
struct WordHasher {
    block: [u8; 256],
    len: usize,
    hasher: rustc_hash::FxHasher,
}

impl Default for WordHasher {
    fn default() -> WordHasher {
        WordHasher { block: [0; 256], len: 0, hasher: Default::default() }
    }
}

impl FoldedBytes for WordHasher {
    #[inline(always)]
    fn push(&mut self, byte: u8) {
        if self.len == self.block.len() {
            std::hash::Hasher::write(&mut self.hasher, &self.block);
            self.len = 0;
        }
        self.block[self.len] = byte;
        self.len += 1;
    }

    #[inline(always)]
    fn extend_prefix(&mut self, bytes: [u8; 8], n: usize) {
        // All eight stored at once (one move, where a copy of `n` bytes
        // would call `memcpy`); the bytes past `n` are overwritten later.
        // Byte by byte where the block fills up, so that the blocks, and
        // with them the hash, do not depend on how bytes arrive.
        if let Some(room) = self.block.get_mut(self.len..self.len + 8) {
            room.copy_from_slice(&bytes);
            self.len += n;
        } else {
            for &b in &bytes[..n] {
                self.push(b);
            }
        }
    }
}

impl WordHasher {
    fn finish(mut self) -> u64 {
        use std::hash::Hasher;
        self.hasher.write(&self.block[..self.len]);
        self.hasher.finish()
    }
}

impl FoldedBytes for Vec<u8> {
    fn push(&mut self, byte: u8) {
        Vec::push(self, byte);
    }
}

/// Writes the whitespace-separated words of `text`, folded as
/// [`normalize::fold_into`] folds them and separated by one space: the same
/// bytes as folding the text and joining its `split_whitespace` words with
/// spaces, in one pass, each ASCII byte classed and lowercased by one table
/// lookup. A space cannot occur in a folded word, so the result names the
/// word sequence unambiguously.
fn fold_words(text: &str, out: &mut impl FoldedBytes) {
    let mut words = Words { out, started: false, gap: false };
    // The folding of one character outside ASCII.
    let mut folded = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Most of a text is runs of plain ASCII word bytes: up to eight at
        // a time, then the byte that ends the run by the table.
        // Plain: printable ASCII (`!` to `~`) other than the backquote,
        // the bytes that `FOLDED_ASCII` maps to their lowercase.
        if let Some(x) = swar::load(bytes, i) {
            let plain = swar::first_mark(
                swar::below(x, b'!') | swar::above(x, b'~') | swar::equal(x, b'`'),
            );
            words.push_prefix(swar::ascii_lowercase(x).to_le_bytes(), plain);
            i += plain;
            if plain == 8 {
                continue;
            }
        }
        let mapped = FOLDED_ASCII[usize::from(bytes[i])];
        if mapped < 0x80 {
            words.push(&[mapped]);
            i += 1;
        } else if mapped == SPACE {
            words.space();
            i += 1;
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            i += c.len_utf8();
            if c.is_whitespace() {
                words.space();
            } else {
                folded.clear();
                normalize::push_folded(c, &mut folded);
                words.push(folded.as_bytes());
            }
        }
    }
}

/// [`fold_words`]'s output: word bytes, and one space between words.
struct Words<'o, O> {
    out: &'o mut O,
    /// Whether a word byte has been written.
    started: bool,
    /// Whether whitespace came since: the separator is written before the
    /// next word byte, so none trails, and a soft hyphen between two spaces
    /// (folded to nothing) makes no empty word.
    gap: bool,
}

impl<O: FoldedBytes> Words<'_, O> {
    /// Writes the separator owed since the last whitespace, if any, before
    /// the word bytes that follow.
    #[inline(always)]
    fn start_bytes(&mut self) {
        if self.gap {
            self.out.push(b' ');
            self.gap = false;
        }
        self.started = true;
    }

    #[inline(always)]
    fn push(&mut self, word_bytes: &[u8]) {
        if word_bytes.is_empty() {
            return;
        }
        self.start_bytes();
        for &b in word_bytes {
            self.out.push(b);
        }
    }

    /// The first `n` of `word_bytes`.
    #[inline(always)]
    fn push_prefix(&mut self, word_bytes: [u8; 8], n: usize) {
        if n == 0 {
            return;
        }
        self.start_bytes();
        self.out.extend_prefix(word_bytes, n);
    }

    #[inline(always)]
    fn space(&mut self) {
        self.gap = self.started;
    }
}

/// [`FOLDED_ASCII`]: `char::is_whitespace` on ASCII (tab to carriage
/// return, space).
const SPACE: u8 = 0x80;
/// [`FOLDED_ASCII`]: a byte of a multi-byte character, or the backquote
/// (which folds to an apostrophe): decoded and folded one by one.
const OTHER: u8 = 0x81;

/// Each byte value's folding for [`fold_words`]: an ASCII byte that folds
/// to one ASCII byte maps to it (its lowercase), the rest to a class.
static FOLDED_ASCII: [u8; 256] = {
    let mut map = [OTHER; 256];
    let mut b = 0;
    while b < 0x80 {
        map[b] = match b as u8 {
            b'\t'..=b'\r' | b' ' => SPACE,
            b'`' => OTHER,
            b => b.to_ascii_lowercase(),
        };
        b += 1;
    }
    map
};

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reference: fold the whole text, then join its words.
    fn folded_then_joined(text: &str) -> String {
        let mut folded = String::new();
        normalize::fold_into(text, &mut folded);
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn fold_words_splits_on_unicode_whitespace() {
        let mut out = Vec::new();
        fold_words(" Nie\u{a0}WIEDER!\u{3000}\u{2003}Schöne `Grüße` \t\n", &mut out);
        assert_eq!(out, b"nie wieder! schoene 'gruesse'");
        out.clear();
        fold_words(" \u{ad} ", &mut out);
        assert_eq!(out, b"");
    }

    #[test]
    fn repeats_are_found_among_the_last_half_capacity_texts() {
        let text = |n: usize| format!("Das ist der Kommentar mit der Nummer {n}, bitte lesen");
        let mut repeats = RepeatDetector::new(4);
        // Two texts per generation: 0 and 1 fill the first.
        for n in 0..2 {
            assert!(repeats.check(&format!("id{n}"), &text(n)).is_none());
        }
        // 2 starts a new generation; 0 and 1 are still remembered.
        assert!(repeats.check("id2", &text(2)).is_none());
        let flag = repeats.check("again", &text(0)).expect("older generation");
        assert_eq!(flag.pattern(), "repeated/id0");
        assert_eq!(repeats.check("again", &text(2)).unwrap().pattern(), "repeated/id2");
        // 3 fills the newer generation, 4 pushes 0 and 1 out.
        assert!(repeats.check("id3", &text(3)).is_none());
        assert!(repeats.check("id4", &text(4)).is_none());
        assert!(repeats.check("late", &text(1)).is_none(), "forgotten");
        // The last capacity / 2 texts are there, whatever came before.
        assert_eq!(repeats.check("again", &text(4)).unwrap().pattern(), "repeated/id4");
        assert_eq!(repeats.check("again", &text(1)).unwrap().pattern(), "repeated/late");
    }

    #[test]
    fn repeat_ids_of_any_length_come_back_whole() {
        let mut repeats = RepeatDetector::new(1000);
        let ids = ["", "ä", "kommentar-ö-1234567890", "x"];
        for (n, id) in ids.iter().enumerate() {
            let text = format!("Ein ganz gewöhnlicher Kommentar, Nummer {n}");
            assert!(repeats.check(id, &text).is_none());
        }
        for (n, id) in ids.iter().enumerate() {
            let text = format!("Ein ganz gewöhnlicher Kommentar, Nummer {n}");
            let flag = repeats.check("later", &text).expect("seen");
            assert_eq!(flag.pattern(), format!("repeated/{id}"));
        }
    }

    #[test]
    fn fingerprint_ignores_case_umlaut_spelling_and_spacing() {
        let a = RepeatDetector::fingerprint("Schöne Grüße an alle, tolle Seite hier");
        let b = RepeatDetector::fingerprint("  schoene  GRUESSE an alle,\ttolle Seite\nhier ");
        let c = RepeatDetector::fingerprint("Schöne Grüße an alle, tolle Seite dort");
        assert!(a.is_some());
        assert_eq!(a, b);
        assert_ne!(a, c);
        // Words stay words: moving a space is a different text.
        let d = RepeatDetector::fingerprint("Schöne Grüße an alle, toll eSeite hier");
        assert_ne!(a, d);
    }

    #[test]
    fn the_eight_byte_path_takes_only_bytes_the_table_lowercases() {
        for b in b'!'..=b'~' {
            if b != b'`' {
                assert_eq!(FOLDED_ASCII[usize::from(b)], b.to_ascii_lowercase(), "{b:#x}");
            }
        }
    }

    proptest! {
        #[test]
        fn fold_words_is_fold_then_split_on_ascii(text in "[a-zA-Z \\x00-\\x7f]{0,60}") {
            let mut out = Vec::new();
            fold_words(&text, &mut out);
            prop_assert_eq!(String::from_utf8(out).unwrap(), folded_then_joined(&text));
        }

        #[test]
        fn fold_words_is_fold_then_split(text in "[ a-zA-ZäÄßẞ`´\u{ad}\u{200b}\u{fe0f}\t\n\u{b}\u{c}\r\u{1c}\u{85}\u{a0}\u{2000}-\u{200a}\u{3000}İ]{0,40}") {
            let mut out = Vec::new();
            fold_words(&text, &mut out);
            prop_assert_eq!(String::from_utf8(out).unwrap(), folded_then_joined(&text));
        }
    }
}
