//! Comment spam: generic praise that could stand under any post, plus a
//! link, a shop referral or an author URL; English boilerplate praise in a
//! German thread. (Repeated texts across a dump are found by the CLI, which
//! sees all records.)

use super::{MarkerSet, Match};
use crate::analysis::{Evidence, Flag};
use crate::markers::MarkerKind;
use crate::normalize;
use crate::token::{Token, TokenKind};
use std::hash::Hasher;

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

/// The category of `[spam/contact]` patterns: calls to write to the
/// writer, no marker themselves.
const CONTACT_CATEGORY: &str = "contact";

/// Drive-by praise is short; a longer comment with a link is discussion
/// (the seed comment praising a post and citing a relevant site is ~45
/// words).
const MAX_PRAISE_WORDS: usize = 30;

/// Quotation marks, straight and German (not `’`, the apostrophe too).
const QUOTE_MARKS: &[&str] = &["\"", "„", "“", "”", "«", "»", "‚", "‘"];

/// A referral (`Weitere Informationen unter …`) ends a long announcement as
/// often as a spam comment; spam is short. A museum's 200-word post on its
/// special trains, ending in its own address, is no spam.
const MAX_REFERRAL_WORDS: usize = 80;

/// A money-making pitch under a post runs to a hundred words or so (the
/// one found in the GermEval feedback has ~120); an article on side jobs
/// is longer.
const MAX_PITCH_WORDS: usize = 150;

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
    // Praise with a link and an `@name` past the opening addressees is
    // sharing, not a drive-by: a tweet names whose article it passes on
    // (`schöner Artikel in der FAZ … via @alio`, `RT @x`, `.@faz_net: …`)
    // or whom it cheers (`Weiter so @jusos`). Comment spam under a post
    // names nobody, and a bot's reply (`@name Toller Artikel! <link>`) only
    // the one it answers.
    let names_someone = tokens
        .iter()
        .skip_while(|t| matches!(t.kind, TokenKind::Mention | TokenKind::LineBreak))
        .any(|t| t.kind == TokenKind::Mention);
    // So is praise of a title it quotes (`Interessanter Artikel: "Googles
    // gefährliche Meinungsmache"`): generic praise fits any post, and
    // quotes none.
    let quote_marks = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Punct && QUOTE_MARKS.contains(&t.text))
        .count();
    let specific = names_someone || quote_marks >= 2;
    // An author "name" that is a URL is the signature of SEO spam.
    let author_is_link = meta.author.is_some_and(|a| a.contains("http") || a.contains("www."));
    let has_link =
        url.is_some() || author_is_link || meta.author_url.is_some_and(|u| !u.trim().is_empty());
    // A call to write to the writer (`schreib mir eine PN`) anywhere in the
    // comment: how a pitch without a link is answered.
    let call_to_write =
        matches.iter().find(|m| set.pattern(m.pattern).0.category == CONTACT_CATEGORY);
    let mut flags = Vec::new();
    let mut contexts = super::Contexts::new(set, matches);
    for m in matches {
        let (pattern, kind) = set.pattern(m.pattern);
        if kind != MarkerKind::Spam || pattern.is_context || pattern.category == CONTACT_CATEGORY {
            continue;
        }
        let context = if pattern.needs_context {
            let Some(c) = contexts.near(m) else { continue };
            Some(tokens[c.first].span.start..tokens[c.last].span.end)
        } else {
            None
        };
        let (start, end) = (tokens[m.first].span.start, tokens[m.last].span.end);
        let pitch = pattern.category == "money_scheme";
        let mut evidence =
            vec![Evidence::new(text, start..end, if pitch { "pitch" } else { "praise" })];
        if let Some(u) = url {
            evidence.push(Evidence::new(text, u.span.clone(), "link"));
        }
        if let Some(span) = context {
            evidence.push(Evidence::new(text, span, "context"));
        }
        if let Some(c) = call_to_write.filter(|_| pitch) {
            let span = tokens[c.first].span.start..tokens[c.last].span.end;
            evidence.push(Evidence::new(text, span, "contact"));
        }
        let category =
            if pattern.category == "referral" && has_link && words.len() <= MAX_REFERRAL_WORDS {
                "referral"
            } else if pitch {
                if !(has_link || call_to_write.is_some()) || words.len() > MAX_PITCH_WORDS {
                    continue;
                }
                "money_scheme"
            } else if pattern.category == "praise_en" && is_english {
                "english_praise"
            } else if has_link && words.len() <= MAX_PRAISE_WORDS && !specific {
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
/// ignored, since people do write those independently, and so are
/// retweets (`RT @name: …`), which quote another's text: their copies are
/// how a tweet spreads (35 of the 38 repeats among the 7,359 PotTS tweets
/// were retweets).
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
    /// A generation with room for `texts` texts reserved: pages are touched
    /// only as texts come (but the hash table's control bytes), and no
    /// vector holds an old and a new copy of itself while growing.
    fn with_room(texts: usize) -> Generation {
        Generation {
            index: hashbrown::HashTable::with_capacity(texts),
            fingerprints: Vec::with_capacity(texts),
            id_ends: Vec::with_capacity(texts),
            ids: String::new(),
        }
    }

    /// Forgets every text, keeping the room.
    fn clear(&mut self) {
        self.index.clear();
        self.fingerprints.clear();
        self.id_ends.clear();
        self.ids.clear();
    }

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
/// tokens. Computed by [`RepeatDetector::fingerprint`] or, from the tokens
/// it has anyway, by
/// [`Analyzer::analyze_and_fingerprint`](crate::Analyzer::analyze_and_fingerprint);
/// neither needs a detector, so both run in parallel while the detector
/// itself sees the texts in input order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint(u64);

impl RepeatDetector {
    /// Texts shorter than this (in characters) are never repeats.
    pub const MIN_CHARS: usize = 20;

    /// A detector that remembers up to `capacity` texts, and always the
    /// last `capacity / 2`.
    pub fn new(capacity: usize) -> RepeatDetector {
        let half = (capacity / 2).max(1);
        // Room for at most a million texts up front (the hash table's
        // control bytes are written at once); a larger window grows.
        let room = half.min(1 << 20);
        RepeatDetector { newer: Generation::with_room(room), older: Generation::default(), half }
    }

    /// Records `text` under `id`; returns a spam flag (category `repeated`,
    /// pattern `repeated/<first id>`) if the same text was seen before.
    pub fn check(&mut self, id: &str, text: &str) -> Option<Flag> {
        self.check_fingerprint(id, text, RepeatDetector::fingerprint(text))
    }

    /// The fingerprint of `text`, or `None` if it is too short to count or
    /// a retweet.
    /// Case, umlaut spellings, whitespace between and around tokens (`gut!`
    /// and `gut !` are the same) and the `#` of a hashtag do not change it.
    /// (Case changes it where it changes the tokens: `:O` is a face, `:o` a
    /// colon and a letter.)
    pub fn fingerprint(text: &str) -> Option<Fingerprint> {
        let mut tokens = Vec::new();
        crate::Tokenizer.tokenize(text, &mut tokens);
        let mut folded = String::new();
        fingerprint(text, &tokens, |i| folded_hash(tokens[i].key(), &mut folded))
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
            // The older generation's room is reused for the next.
            std::mem::swap(&mut self.older, &mut self.newer);
            self.newer.clear();
            self.newer.remember(key, id);
        }
        None
    }
}

/// The fingerprint of `text`, cut into `tokens`, given the
/// [`folded_hash`] of each token's [`Token::key`] (`hash(i)` for token `i`):
/// the analyzer has these from its word memo.
pub(crate) fn fingerprint(
    text: &str,
    tokens: &[Token<'_>],
    mut hash: impl FnMut(usize) -> u64,
) -> Option<Fingerprint> {
    text.trim().chars().nth(RepeatDetector::MIN_CHARS - 1)?;
    if is_retweet(tokens) {
        return None;
    }
    let mut fingerprint = rustc_hash::FxHasher::default();
    for (i, t) in tokens.iter().enumerate() {
        // Line breaks are whitespace; every other token counts by its
        // folded key, whatever its kind: `xd` (a word) and `XD` (a face)
        // are the same, and so are `#Bahn` and `Bahn`.
        if t.kind != TokenKind::LineBreak {
            fingerprint.write_u64(hash(i));
        }
    }
    Some(Fingerprint(fingerprint.finish()))
}

/// Whether the text opens as a retweet: `RT` and a mention.
fn is_retweet(tokens: &[Token<'_>]) -> bool {
    let mut words = tokens.iter().filter(|t| t.kind != TokenKind::LineBreak);
    matches!(
        (words.next(), words.next()),
        (Some(rt), Some(who)) if rt.text == "RT" && who.kind == TokenKind::Mention
    )
}

/// The hash of `key` folded (case, umlaut spellings: `Grüße`, `GRUESSE`).
/// `folded` is a buffer.
pub(crate) fn folded_hash(key: &str, folded: &mut String) -> u64 {
    match key.as_bytes() {
        // Punctuation, mostly: one ASCII byte folds to its lowercase (but
        // the backquote, which folds to an apostrophe).
        &[b] if b.is_ascii() && b != b'`' => hash_bytes(&[b.to_ascii_lowercase()]),
        _ => {
            normalize::fold_into(key, folded);
            hash_folded(folded)
        }
    }
}

/// [`folded_hash`] of a key whose folded form is `folded`.
pub(crate) fn hash_folded(folded: &str) -> u64 {
    hash_bytes(folded.as_bytes())
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hash = rustc_hash::FxHasher::default();
    hash.write(bytes);
    hash.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_ascii_byte_hashes_as_if_folded() {
        let mut buffer = String::new();
        for b in 0..0x80u8 {
            let key = char::from(b).to_string();
            let mut folded = String::new();
            normalize::fold_into(&key, &mut folded);
            let mut hash = rustc_hash::FxHasher::default();
            hash.write(folded.as_bytes());
            assert_eq!(folded_hash(&key, &mut buffer), hash.finish(), "{b:#x}");
        }
    }

    #[test]
    fn any_window_is_accepted_and_room_is_not_taken_for_all_of_a_huge_one() {
        for capacity in [0, 1, 2, 3, 1 << 40, usize::MAX] {
            let mut repeats = RepeatDetector::new(capacity);
            let text = "Das ist ein Kommentar, der zweimal kommt";
            assert!(repeats.check("a", text).is_none());
            assert!(repeats.check("b", text).is_some(), "window {capacity}");
            assert!(repeats.newer.fingerprints.capacity() <= 1 << 20);
        }
    }

    #[test]
    fn retweets_are_no_repeats_but_copies_of_their_text_are() {
        let mut repeats = RepeatDetector::new(1000);
        let tweet = "Wieder kein Moslem als Papst, so ein Pech";
        let retweet = format!("RT @hipsterschwein : {tweet}");
        assert!(repeats.check("t1", &retweet).is_none());
        assert!(repeats.check("t2", &retweet).is_none(), "a retweet spreads a tweet");
        assert!(repeats.check("t3", &format!("RT\n@hipsterschwein {tweet}")).is_none());
        // Not a retweet: `RT` later, or not before a mention.
        let quoted = format!("Lest mal RT @hipsterschwein : {tweet}");
        assert!(repeats.check("t4", &quoted).is_none());
        assert!(repeats.check("t5", &quoted).is_some());
        assert!(repeats.check("t6", tweet).is_none());
        assert!(repeats.check("t7", tweet).is_some());
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
        // Space around punctuation does not count, the punctuation does.
        let e = RepeatDetector::fingerprint("Schöne Grüße an alle , tolle Seite hier");
        let f = RepeatDetector::fingerprint("Schöne Grüße an alle; tolle Seite hier");
        assert_eq!(a, e);
        assert_ne!(a, f);
        // A hashtag counts as its word.
        let g = RepeatDetector::fingerprint("Schöne Grüße an alle, tolle #Seite hier");
        assert_eq!(a, g);
    }
}
