//! Comment spam: generic praise that could stand under any post, plus a
//! link, a shop referral or an author URL; English boilerplate praise in a
//! German thread. (Repeated texts across a dump are found by the CLI, which
//! sees all records.)

use super::{MarkerSet, Match};
use crate::analysis::{Evidence, Flag};
use crate::markers::MarkerKind;
use crate::normalize;
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
        let category = if pattern.category == "referral" && has_link {
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
/// ignored, since people do write those independently. Memory is bounded:
/// at most `capacity` texts are remembered (as 64-bit hashes).
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
    /// Fingerprint → where the id of the first record that had it starts
    /// in `ids`. The keys are hashes already, hence the plain Fx hasher.
    seen: rustc_hash::FxHashMap<u64, usize>,
    /// The ids of those records, each as its byte length (8 bytes, little
    /// endian) and its bytes: a dump of a million comments remembers a
    /// million ids, at ~35 bytes each with the map instead of ~50 with a
    /// `String` each.
    ids: Vec<u8>,
    capacity: usize,
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

    /// A detector that remembers up to `capacity` texts.
    pub fn new(capacity: usize) -> RepeatDetector {
        RepeatDetector { capacity, ..Default::default() }
    }

    /// Records `text` under `id`; returns a spam flag (category `repeated`,
    /// pattern `repeated/<first id>`) if the same text was seen before.
    pub fn check(&mut self, id: &str, text: &str) -> Option<Flag> {
        self.check_fingerprint(id, text, RepeatDetector::fingerprint(text))
    }

    /// The fingerprint of `text`, or `None` if it is too short to count.
    /// Case, umlaut spellings and whitespace do not change it.
    pub fn fingerprint(text: &str) -> Option<Fingerprint> {
        use std::hash::Hasher;
        let trimmed = text.trim();
        trimmed.chars().nth(Self::MIN_CHARS - 1)?;
        FINGERPRINT_SCRATCH.with(|scratch| {
            let (folded, joined) = &mut *scratch.borrow_mut();
            normalize::fold_into(trimmed, folded);
            join_words(folded, joined);
            // Hashed in one write (SipHash's per-write cost is what a
            // word-by-word hash pays).
            let mut h = std::collections::hash_map::DefaultHasher::new();
            h.write(joined);
            Some(Fingerprint(h.finish()))
        })
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
        if let Some(&first) = self.seen.get(&key) {
            let first = self.id_at(first);
            let trimmed = text.trim();
            let start = text.len() - text.trim_start().len();
            let span = start..start + trimmed.len();
            let pattern = format!("repeated/{first}");
            return Some(Flag::new(text, MarkerKind::Spam, "repeated", span, &pattern, Vec::new()));
        }
        if self.seen.len() < self.capacity {
            self.seen.insert(key, self.ids.len());
            self.ids.extend_from_slice(&(id.len() as u64).to_le_bytes());
            self.ids.extend_from_slice(id.as_bytes());
        }
        None
    }

    /// The id stored at `at` in `ids`.
    fn id_at(&self, at: usize) -> &str {
        let len = u64::from_le_bytes(self.ids[at..at + 8].try_into().expect("8 bytes"));
        let bytes = &self.ids[at + 8..at + 8 + len as usize];
        std::str::from_utf8(bytes).expect("stored from a &str")
    }
}

thread_local! {
    /// The folded text and its joined words, reused from text to text.
    static FINGERPRINT_SCRATCH: std::cell::RefCell<(String, Vec<u8>)> = Default::default();
}

/// Writes the whitespace-separated words of `text` into `out` (cleared
/// first), each followed by 0xff, a byte UTF-8 never contains: the same
/// bytes as joining `text.split_whitespace()`, but ASCII bytes are classed
/// without decoding a `char`.
fn join_words(text: &str, out: &mut Vec<u8>) {
    out.clear();
    let bytes = text.as_bytes();
    // Whether the character at byte `i` is whitespace, and its length.
    let space_at = |i: usize| match bytes[i] {
        // `char::is_whitespace` on ASCII: tab to carriage return, space.
        b @ 0..0x80 => (matches!(b, b'\t'..=b'\r' | b' '), 1),
        _ => {
            let c = text[i..].chars().next().unwrap_or_default();
            (c.is_whitespace(), c.len_utf8())
        }
    };
    // The byte after the run of (non-)whitespace starting at `i`.
    let run_end = |mut i: usize, space: bool| {
        while i < bytes.len() {
            let (is_space, len) = space_at(i);
            if is_space != space {
                break;
            }
            i += len;
        }
        i
    };
    let mut start = run_end(0, true);
    while start < bytes.len() {
        let end = run_end(start, false);
        out.extend_from_slice(&bytes[start..end]);
        out.push(0xff);
        start = run_end(end, true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn joined_by_split_whitespace(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for word in text.split_whitespace() {
            out.extend_from_slice(word.as_bytes());
            out.push(0xff);
        }
        out
    }

    #[test]
    fn join_words_splits_on_unicode_whitespace() {
        let mut out = Vec::new();
        join_words(" Nie\u{a0}wieder!\u{3000}\u{2003}Echt \t\n", &mut out);
        assert_eq!(out, b"Nie\xffwieder!\xffEcht\xff");
        join_words("", &mut out);
        assert!(out.is_empty());
    }

    proptest! {
        #[test]
        fn join_words_is_split_whitespace(text in "[ a-zA-Zäß\t\n\u{b}\u{c}\r\u{1c}\u{85}\u{a0}\u{2000}-\u{200b}\u{3000}]{0,40}") {
            let mut out = Vec::new();
            join_words(&text, &mut out);
            prop_assert_eq!(out, joined_by_split_whitespace(&text));
        }
    }
}
