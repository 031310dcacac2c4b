//! The marker pattern language: parsing and matching.
//!
//! A pattern file is UTF-8 text. `[kind/category]` opens a section; every
//! pattern line below it is `name = expression`; `#` starts a comment.
//!
//! An expression is a list of elements separated by spaces:
//!
//! | element | matches |
//! |---|---|
//! | `wort` | a token with the same German stem (`Verständnis`, `Verständnisses`) |
//! | `a\|b\|c` | any of the alternatives |
//! | `wort?` | optionally that word |
//! | `=wort` | the folded form exactly, no stemming (`=ihr` is not `ihre`) |
//! | `^wort` | as `wort`, but only written with a capital letter: a German noun (`^betrug` is the fraud, not `betrug` = amounted to); `^=wort` too |
//! | `-wort` | as `wort`, and also the last part of a compound that no key names as a whole (`-hotel`: `Romantikhotel`, `4-Sterne-Hotels`; see [`MIN_MODIFIER_BYTES`]); `^-wort` and `-=wort` too |
//! | `<num>` | a number (`3`, `10,5`) or a number word (`drei`, `zwei`) |
//! | `<url>` | a URL |
//! | `*N` | up to N tokens of anything (a bounded gap) |
//!
//! Elements match in order, skipping punctuation and mentions (a mention
//! counts as its name only where that is a word of some pattern: `bei
//! @eBay gefunden`) — unless the expression
//! starts with `&`: then all its required elements must occur within
//! [`WINDOW`] tokens of each other in one sentence, in any order. That is what
//! German word order needs: `& stellung nehmen kein|nicht` finds "Zu
//! Spekulationen nehmen wir keine Stellung", "Wir nehmen zu Spekulationen
//! keine Stellung" and "Stellung nehmen wir dazu nicht", including the verb
//! second and the separated verb particle.
//!
//! A name starting with `!` marks a strong cue, one starting with `?` a
//! weak cue, one starting with `~` a cue with other common senses (all
//! used by the negative experience detector: a strong cue fires without
//! further context, a weak one only in a negative sentence, a `~` one only
//! where the text names a company, product or service near it — a pattern
//! of the section `[negative_experience/subject]` — or mentions an account
//! whose handle reads as one).
//! `?~name` is both weak and `~`. A name starting with `"` marks a cue
//! that counts only inside quotation marks of its own, as scare quotes:
//! `als er das gute Stück „reparierte“` says the repair was none.
//!
//! A line `@name = a|b|c` names a set of words; from there to the end of
//! the file `@name` stands for them wherever an alternative may stand
//! (`=fehler|@fehlerwort`, `@wie_oft?`). A list that several patterns
//! share is then written, and changed, once.
//!
//! Alternatives are single words (not `<num>` or `<url>`, an error): for a
//! choice between phrases, write one pattern per phrase. A word after an alternative list is required after
//! every alternative: `funkstille|totstellen|stellt =sich =tot` asks for
//! `sich tot` after `funkstille` too (five default patterns had that
//! mistake and could never match their headline word; the named phrases'
//! test in `tests/markers.rs` now holds each of them).

use std::ops::Range;

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::normalize;
use crate::stem::{StemKeys, Stemmer};
use crate::token::{Token, TokenKind};

/// How far apart (in content tokens) the elements of an unordered pattern
/// may lie.
pub(crate) const WINDOW: usize = 12;
/// The longest gap `*N` allowed.
const MAX_GAP: usize = 8;
/// A `-wort` key names a closed compound only after a first part of at
/// least this many bytes (folded), and only in a word written with a
/// capital, a noun: `Urkunde` and `Gesamt` are no compounds of `kunde`
/// and `amt`, `Stammkunde` and `Gesundheitsamt` are. A hyphenated word
/// marks its last part itself (`Telekom-Hotline`, `4-Sterne-Hotel`).
pub(crate) const MIN_MODIFIER_BYTES: usize = 3;

/// One element of an expression.
#[derive(Clone, Debug)]
pub(crate) enum Elem {
    /// Token keys (stems, or `=`exact folded forms) any of which matches.
    Word {
        keys: Vec<Key>,
        optional: bool,
        /// Bit `id % 64` of each key's number: a token whose two numbers
        /// hit none of these bits is told apart without reading the keys
        /// (a sentence is tried against every pattern anchored in it, and
        /// context patterns have a score of alternatives).
        filter: u64,
    },
    Num {
        optional: bool,
    },
    Url,
    Gap(usize),
}

/// A key a token can match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Key {
    /// A stem, or with `exact` a folded form.
    text: String,
    /// `text`'s number in the [`Vocab`]: tokens are matched by number.
    id: u32,
    exact: bool,
    /// `^`: only a token written with a capital letter, i.e. a German noun
    /// (`^betrug` is the fraud, not `betrug` = amounted to).
    capital: bool,
    /// `-`: also names a compound it ends (`-hotel`: `Romantikhotel`).
    head: bool,
}

impl Key {
    /// The key's number in the [`Vocab`].
    pub(crate) fn id(&self) -> u32 {
        self.id
    }

    /// Whether a word with these keys is the key's word (capitalization
    /// aside).
    fn names(&self, word: &WordKeys) -> bool {
        self.id == if self.exact { word.folded } else { word.stem }
            && (self.head || word.flags & COMPOUND == 0)
    }
}

/// The texts of all keys of a pattern set, numbered. A token is looked up
/// once per document (its folded form and its stem) and then matched
/// against the patterns by number: an integer comparison instead of a
/// string comparison, in the innermost loop of matching.
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    /// Key text → number.
    ids: FxHashMap<String, u32>,
    /// The texts of the stem keys (not the `=`exact ones), while patterns
    /// are parsed…
    stem_texts: std::collections::BTreeSet<String>,
    /// …then, from [`Vocab::seal`] on, as a set: a word none of them begins
    /// is not stemmed.
    stem_keys: StemKeys,
    /// The texts of the `-wort` keys, which name the compounds they end.
    head_texts: HeadTexts,
}

impl Vocab {
    /// No key has this number: a word that is no key of any pattern.
    pub(crate) const NONE: u32 = u32::MAX;

    fn intern(&mut self, text: &str, exact: bool, head: bool) -> u32 {
        if !exact {
            self.stem_texts.insert(text.to_string());
        }
        let next = self.ids.len() as u32;
        let id = *self.ids.entry(text.to_string()).or_insert(next);
        if head {
            self.head_texts.insert(text);
        }
        id
    }

    /// Sets the stem keys apart once all patterns are parsed.
    pub(crate) fn seal(&mut self) {
        self.stem_keys = StemKeys::new(std::mem::take(&mut self.stem_texts));
    }

    /// The keys of the compound `folded` by its last part, as
    /// `(folded, stem)` numbers of `-wort` keys (or [`Vocab::NONE`]): the
    /// part after the last hyphen, else (in a word written with a capital)
    /// the longest that leaves [`MIN_MODIFIER_BYTES`] before it and that a
    /// `-wort` key names. Asked only of a word no key names as a whole.
    ///
    /// A part is stemmed only where a key's text ends right before an
    /// ending Snowball may strip (or at the word's end): a stem of a folded
    /// word is a prefix of it, so a part whose stem is a key begins with
    /// that key and goes on with an ending. Most words end in no key at
    /// all and cost a few bit tests; stemming every part of every new word
    /// cost 4 % on the shared corpus.
    fn compound_head(&self, stemmer: &Stemmer, folded: &str, capital: bool) -> (u32, u32) {
        const NONE: (u32, u32) = (Vocab::NONE, Vocab::NONE);
        // The shortest compound: a letter, a hyphen and the shortest text.
        if self.head_texts.is_empty() || folded.len() < self.head_texts.shortest + 2 {
            return NONE;
        }
        let head = |text: &str| match self.head_texts.contains(text) {
            true => self.get(text),
            false => Vocab::NONE,
        };
        let keys_of = |part: &str| (head(part), head(&stemmer.stem(part)));
        let (part, first) = match folded.rsplit_once('-') {
            // The hyphen marks the part: it alone is asked.
            Some((before, last)) => (last, before.len() + 1),
            None if capital => (folded, MIN_MODIFIER_BYTES),
            None => return NONE,
        };
        let hyphenated = part.len() < folded.len();
        let bytes = folded.as_bytes();
        let mut best = (usize::MAX, NONE);
        let mut endings = crate::stem::strippable_ending_lengths(part.as_bytes());
        while endings != 0 {
            let ending = endings.trailing_zeros() as usize;
            endings &= endings - 1;
            // An ending is a suffix of the part, itself one of `folded`.
            let end = folded.len() - ending;
            self.head_texts.starts_before(bytes, end, |start| {
                let fits =
                    if hyphenated { start == first } else { (first..best.0).contains(&start) };
                if fits && folded.is_char_boundary(start) {
                    let keys = keys_of(&folded[start..]);
                    if keys != NONE {
                        best = (start, keys);
                    }
                }
            });
        }
        best.1
    }

    /// How many key texts there are; numbers run from 0 to `len() - 1`.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The number of a key text, or [`Vocab::NONE`].
    pub(crate) fn get(&self, text: &str) -> u32 {
        self.ids.get(text).copied().unwrap_or(Vocab::NONE)
    }
}

/// The texts of the `-wort` keys, asked which of them a word's first
/// `end` bytes end in ([`Vocab::compound_head`]).
#[derive(Debug, Default)]
struct HeadTexts {
    texts: rustc_hash::FxHashSet<Box<[u8]>>,
    /// For the last two bytes of the texts, the lengths of the texts that
    /// end in them: bit `n` for `n` bytes (texts of 2 to 31 bytes)…
    lengths: rustc_hash::FxHashMap<[u8; 2], u32>,
    /// …and the same pairs as bits (`256 * a + b`), told at once: most
    /// places in a word end in no text.
    last_two: Vec<u64>,
    /// The length of the shortest text.
    shortest: usize,
}

impl HeadTexts {
    fn insert(&mut self, text: &str) {
        let b = text.as_bytes();
        if !(2..32).contains(&b.len()) {
            return;
        }
        self.shortest = match self.texts.is_empty() {
            true => b.len(),
            false => self.shortest.min(b.len()),
        };
        if self.last_two.is_empty() {
            self.last_two = vec![0; 1024];
        }
        let pair = [b[b.len() - 2], b[b.len() - 1]];
        let bit = usize::from(pair[0]) << 8 | usize::from(pair[1]);
        self.last_two[bit / 64] |= 1 << (bit % 64);
        *self.lengths.entry(pair).or_default() |= 1 << b.len();
        self.texts.insert(b.into());
    }

    fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    fn contains(&self, text: &str) -> bool {
        self.texts.contains(text.as_bytes())
    }

    /// Calls `found` with where each text that `bytes[..end]` ends in
    /// starts, longest first.
    fn starts_before(&self, bytes: &[u8], end: usize, mut found: impl FnMut(usize)) {
        let Some(pair) = end.checked_sub(2).map(|at| [bytes[at], bytes[at + 1]]) else {
            return;
        };
        let bit = usize::from(pair[0]) << 8 | usize::from(pair[1]);
        if self.last_two.get(bit / 64).is_none_or(|w| w & 1 << (bit % 64) == 0) {
            return;
        }
        let mut lengths = self.lengths.get(&pair).copied().unwrap_or(0);
        while lengths != 0 {
            let n = 31 - lengths.leading_zeros() as usize;
            lengths &= !(1 << n);
            if n <= end && self.texts.contains(&bytes[end - n..end]) {
                found(end - n);
            }
        }
    }
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    /// Stable id: `category/name`.
    pub id: String,
    pub kind: String,
    pub category: String,
    pub unordered: bool,
    /// `!name`: a cue that needs no context.
    pub strong: bool,
    /// `?name`: a cue that needs a negative sentence.
    pub weak: bool,
    /// `~name`: a pattern whose words have other common senses, which
    /// counts only near a context pattern of its kind ([`Pattern::is_context`]):
    /// a negative experience's cue near a company, product or service
    /// named (`kaputt` is also how tired someone is), a formula near a
    /// company's voice (`Kein Kommentar!` is also a joke between friends),
    /// a call to buy near a price or a shop (`nur noch 3 Tage` until an
    /// election).
    pub needs_context: bool,
    /// `"name`: a cue that counts only where quotation marks enclose it
    /// and nothing else (scare quotes: `der Boden war nur „geputzt“`).
    pub quoted: bool,
    /// A pattern of a `[kind/subject]`, `[kind/context]` or `[kind/work]`
    /// section: what a `~` pattern of that kind needs near it, or (`work`)
    /// what makes a text a review. No marker itself.
    pub is_context: bool,
    /// A pattern of a `[kind/work]` section: a word that names a work
    /// reviewed (`Film`, `Roman`, `Staffel`). In a text with one, a
    /// negative-experience cue that is not strong counts only near a
    /// subject, as a `~` cue does: such texts tell of plots and verdicts.
    pub is_work: bool,
    pub elems: Vec<Elem>,
    /// The element that selects the pattern for a sentence (see
    /// [`Pattern::anchor_keys`]): a sentence without it cannot match.
    anchor: Option<usize>,
    /// The most content tokens the elements before the anchor can cover:
    /// an ordered match starts at most this far before its anchor.
    anchor_reach: usize,
}

/// The categories of context patterns ([`Pattern::is_context`]): for the
/// negative experience detector the `subject` an experience is had with
/// (`Bahn`, `Paket`, `Hotline`) and the `work` a review is about, for the
/// other kinds their `context`.
const CONTEXT_CATEGORIES: [&str; 3] = ["subject", "context", "work"];

/// A problem in a pattern file.
#[derive(Debug)]
pub(crate) struct PatternError {
    pub line: usize,
    pub message: String,
}

#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &[
    "ein", "eine", "einen", "einem", "einer", "eineinhalb", "anderthalb", "zwei", "drei", "vier",
    "fuenf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwoelf", "zwanzig", "dreissig",
    "vierzig", "fuenfzig", "hundert", "mehrere", "mehreren", "einige", "einigen", "paar",
];

/// Parses a pattern file. `stemmer` makes the keys, `vocab` numbers them.
pub(crate) fn parse(
    text: &str,
    stemmer: &Stemmer,
    vocab: &mut Vocab,
) -> Result<Vec<Pattern>, PatternError> {
    let mut out = Vec::new();
    let mut section: Option<(String, String)> = None;
    let mut folded = String::new();
    let frequent = FrequentKeys::new(stemmer);
    // The named word sets defined so far (`@name = a|b|c`), expanded.
    let mut sets: FxHashMap<String, String> = FxHashMap::default();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let err = |message: String| PatternError { line, message };
        let content = raw.split_once('#').map_or(raw, |(c, _)| c).trim();
        if content.is_empty() {
            continue;
        }
        if let Some(set) = content.strip_prefix('@') {
            let (name, words) = set
                .split_once('=')
                .ok_or_else(|| err(format!("expected `@name = a|b|c`, found {content:?}")))?;
            let (name, words) = (name.trim(), words.trim());
            if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return Err(err(format!("bad word set name {name:?}")));
            }
            let words = expand_sets(words, &sets).map_err(err)?;
            if let Some(bad) = words.split('|').find(|w| !is_set_word(w)) {
                return Err(err(format!(
                    "word set @{name}: {bad:?} is no word (a set holds words `a|=b|^c`, \
                     with no spaces, `?`, gaps, <num> or <url>)"
                )));
            }
            if sets.insert(name.to_string(), words.into_owned()).is_some() {
                return Err(err(format!("word set @{name} is defined twice")));
            }
            continue;
        }
        if let Some(header) = content.strip_prefix('[') {
            let header = header
                .strip_suffix(']')
                .ok_or_else(|| err(format!("section header {content:?} lacks `]`")))?;
            let (kind, category) = header
                .split_once('/')
                .ok_or_else(|| err(format!("section {header:?} must be [kind/category]")))?;
            section = Some((kind.trim().to_string(), category.trim().to_string()));
            continue;
        }
        let (kind, category) = section
            .clone()
            .ok_or_else(|| err("pattern before any [kind/category] section".into()))?;
        let (name, expr) = content
            .split_once('=')
            .ok_or_else(|| err(format!("expected `name = expression`, found {content:?}")))?;
        let name = name.trim();
        let marks = name.len() - name.trim_start_matches(['!', '?', '~', '"']).len();
        let (marks, name) = (&name[..marks], name[marks..].trim());
        let (strong, weak, needs_context, quoted) =
            (marks.contains('!'), marks.contains('?'), marks.contains('~'), marks.contains('"'));
        if strong && weak {
            return Err(err(format!("pattern {name:?} cannot be both strong `!` and weak `?`")));
        }
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(err(format!("bad pattern name {name:?}")));
        }
        let expr = expr.trim();
        let (unordered, expr) = match expr.strip_prefix('&') {
            Some(e) => (true, e.trim()),
            None => (false, expr),
        };
        let mut elems = Vec::new();
        for word in expr.split_whitespace() {
            let word = expand_sets(word, &sets).map_err(err)?;
            elems.push(parse_elem(&word, stemmer, vocab, &mut folded).map_err(err)?);
        }
        let required = elems
            .iter()
            .filter(|e| matches!(e, Elem::Word { optional: false, .. } | Elem::Url))
            .count();
        if required == 0 {
            return Err(err(format!("pattern {name:?} has no required word")));
        }
        if unordered && elems.iter().any(|e| matches!(e, Elem::Gap(_))) {
            return Err(err(format!("pattern {name:?}: gaps make no sense in an `&` pattern")));
        }
        let is_context = CONTEXT_CATEGORIES.contains(&category.as_str());
        let is_work = category == "work";
        let id = format!("{category}/{name}");
        let anchor = anchor_elem(&elems, &frequent);
        let anchor_reach = elems[..anchor.unwrap_or(0)]
            .iter()
            .map(|e| match e {
                Elem::Gap(n) => *n,
                _ => 1,
            })
            .sum();
        out.push(Pattern {
            id,
            kind,
            category,
            unordered,
            strong,
            weak,
            needs_context,
            quoted,
            is_context,
            is_work,
            elems,
            anchor,
            anchor_reach,
        });
    }
    Ok(out)
}

/// `word` with every alternative `@name` replaced by the words of that
/// set (`=fehler|@fehlerwort?`: the set's words and `=fehler`, optional).
fn expand_sets<'w>(
    word: &'w str,
    sets: &FxHashMap<String, String>,
) -> Result<std::borrow::Cow<'w, str>, String> {
    if !word.contains('@') {
        return Ok(word.into());
    }
    let (body, optional) = match word.strip_suffix('?') {
        Some(b) => (b, "?"),
        None => (word, ""),
    };
    let mut out = String::new();
    for alt in body.split('|') {
        if !out.is_empty() {
            out.push('|');
        }
        match alt.strip_prefix('@') {
            Some(name) => match sets.get(name) {
                Some(words) => out.push_str(words),
                None => return Err(format!("unknown word set @{name} (define it above its use)")),
            },
            None => out.push_str(alt),
        }
    }
    out.push_str(optional);
    Ok(out.into())
}

/// Whether `w` can stand in a word set: a word with its marks, not an
/// element of another sort.
fn is_set_word(w: &str) -> bool {
    !w.is_empty()
        && !w.starts_with(['*', '<'])
        && !w.ends_with('?')
        && !w.contains(char::is_whitespace)
        && w.trim_start_matches(['^', '-', '=']).chars().next().is_some()
}

fn parse_elem(
    word: &str,
    stemmer: &Stemmer,
    vocab: &mut Vocab,
    folded: &mut String,
) -> Result<Elem, String> {
    if let Some(n) = word.strip_prefix('*') {
        let n: usize = n.parse().map_err(|_| format!("gap {word:?} needs a number: *3"))?;
        if n == 0 || n > MAX_GAP {
            return Err(format!("gap {word:?} must be 1 to {MAX_GAP}"));
        }
        return Ok(Elem::Gap(n));
    }
    let (optional, word) = match word.strip_suffix('?') {
        Some(w) if !w.is_empty() => (true, w),
        _ => (false, word),
    };
    match word {
        "<num>" => return Ok(Elem::Num { optional }),
        "<url>" if !optional => return Ok(Elem::Url),
        "<url>" => return Err("<url> cannot be optional".into()),
        _ => {}
    }
    let mut keys = Vec::new();
    for alt in word.split('|') {
        if alt.is_empty() {
            return Err(format!("empty alternative in {word:?}"));
        }
        // `bis montag|<num>` would look for the word `<num>`: a number or a
        // URL is an element of its own, so write one pattern per choice.
        if matches!(alt, "<num>" | "<url>") {
            return Err(format!(
                "{alt:?} cannot be an alternative in {word:?}: write two patterns"
            ));
        }
        let (capital, alt) = match alt.strip_prefix('^') {
            Some(a) if !a.is_empty() => (true, a),
            Some(_) => return Err(format!("`^` needs a word after it in {word:?}")),
            None => (false, alt),
        };
        let (head, alt) = match alt.strip_prefix('-') {
            Some(a) if !a.is_empty() => (true, a),
            Some(_) => return Err(format!("`-` needs a word after it in {word:?}")),
            None => (false, alt),
        };
        let (exact, alt) = match alt.strip_prefix('=') {
            Some(a) => (true, a),
            None => (false, alt),
        };
        normalize::fold_into(alt, folded);
        let text = if exact { folded.clone() } else { stemmer.stem(folded).into_owned() };
        let id = vocab.intern(&text, exact, head);
        keys.push(Key { text, id, exact, capital, head });
    }
    let filter = keys.iter().fold(0, |f, k| f | id_bit(k.id));
    Ok(Elem::Word { keys, optional, filter })
}

/// What the matcher needs to know of a word, whatever its position: the
/// [`Vocab`] numbers of its folded form and stem, and whether it is written
/// with a capital.
///
/// Twelve bytes, copied per content token of every document: the flags are
/// bits of one byte, which a copy moves with the numbers.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordKeys {
    folded: u32,
    stem: u32,
    flags: u8,
}

/// [`WordKeys`] flags: the word is a number word (`drei`)…
const NUMBER_WORD: u8 = 1;
/// …starts with a capital…
const CAPITAL: u8 = 2;
/// …or has a key that anchors a pattern (most words anchor none; see
/// [`WordKeys::anchoring`])…
const ANCHORS: u8 = 4;
/// …or is a compound whose stem key is that of its last part: only a
/// `-wort` key names it ([`Vocab::compound_head`]).
const COMPOUND: u8 = 8;

impl WordKeys {
    /// The keys of `word` given its folded form; stemmed only if a stem key
    /// begins it (see [`StemKeys`]).
    pub(crate) fn new(vocab: &Vocab, stemmer: &Stemmer, word: &str, folded: &str) -> WordKeys {
        let mut stem = if vocab.stem_keys.may_stem_to_one(folded) {
            vocab.get(&stemmer.stem(folded))
        } else {
            Vocab::NONE
        };
        let mut folded_id = vocab.get(folded);
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let mut compound = 0;
        if folded_id == Vocab::NONE && stem == Vocab::NONE {
            (folded_id, stem) = vocab.compound_head(stemmer, folded, capital);
            if folded_id != Vocab::NONE || stem != Vocab::NONE {
                compound = COMPOUND;
            }
        }
        WordKeys {
            folded: folded_id,
            stem,
            flags: if NUMBER_WORDS.contains(&folded) { NUMBER_WORD } else { 0 }
                | if capital { CAPITAL } else { 0 }
                | ANCHORS
                | compound,
        }
    }

    /// These keys, knowing whether `anchors(id)` holds for one of them.
    /// Whether the word is a key of some pattern.
    pub(crate) fn is_key(&self) -> bool {
        self.folded != Vocab::NONE || self.stem != Vocab::NONE
    }

    pub(crate) fn anchoring(self, anchors: impl Fn(u32) -> bool) -> WordKeys {
        let ids = [self.folded, self.stem];
        let anchored = ids.into_iter().any(|id| id != Vocab::NONE && anchors(id));
        WordKeys { flags: self.flags & !ANCHORS | if anchored { ANCHORS } else { 0 }, ..self }
    }
}

/// A content token of a sentence as the matcher sees it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Content {
    /// Index into the document's tokens.
    pub token: usize,
    pub kind: TokenKind,
    keys: WordKeys,
    /// Whether the token starts with a capital letter.
    pub capital: bool,
}

impl Content {
    /// The [`Vocab`] numbers this token's word has (none, one or two).
    pub(crate) fn key_ids(&self) -> impl Iterator<Item = u32> {
        [self.keys.folded, self.keys.stem].into_iter().filter(|&id| id != Vocab::NONE)
    }

    /// Whether some pattern is anchored by this token's word.
    pub(crate) fn anchors(&self) -> bool {
        self.keys.flags & ANCHORS != 0
    }

    /// Token `index`, `token`, with the keys of its word.
    pub(crate) fn new(index: usize, token: &Token<'_>, keys: WordKeys) -> Self {
        // A hashtag has the keys of its word, but `#` is no capital.
        let capital = keys.flags & CAPITAL != 0 && token.kind != TokenKind::Hashtag;
        Content { token: index, kind: token.kind, keys, capital }
    }

    fn matches(&self, elem: &Elem) -> bool {
        match elem {
            // Most words of a sentence are in no pattern (no vocabulary
            // number, both keys `NONE`): told at once, not key by key.
            Elem::Word { .. } if self.keys.folded & self.keys.stem == Vocab::NONE => false,
            Elem::Word { filter, .. }
                if filter & (id_bit(self.keys.folded) | id_bit(self.keys.stem)) == 0 =>
            {
                false
            }
            Elem::Word { keys, .. } => {
                keys.iter().any(|k| k.names(&self.keys) && (self.capital || !k.capital))
            }
            Elem::Num { .. } => {
                self.kind == TokenKind::Number || self.keys.flags & NUMBER_WORD != 0
            }
            Elem::Url => self.kind == TokenKind::Url,
            Elem::Gap(_) => true,
        }
    }
}

/// The bit of vocabulary number `id` in an [`Elem::Word`]'s filter.
fn id_bit(id: u32) -> u64 {
    1 << (id % 64)
}

/// Whether a token takes part in matching: words, numbers, URLs, hashtags
/// and the symbols `%`, `€`, `$`; other punctuation is skipped.
pub(crate) fn is_content(t: &Token<'_>) -> bool {
    match t.kind {
        TokenKind::Word | TokenKind::Number | TokenKind::Url | TokenKind::Hashtag => true,
        TokenKind::Punct => matches!(t.text, "%" | "€" | "$"),
        _ => false,
    }
}

impl Pattern {
    /// Whether the pattern is what a `~` pattern of its kind asks for near
    /// it (a `subject` or `context` pattern; `work` ones set a text's genre
    /// instead).
    pub(crate) fn gives_context(&self) -> bool {
        self.is_context && !self.is_work
    }

    /// Whether a word (its keys) is one of this pattern's alternatives,
    /// whatever its capitalization.
    pub(crate) fn names(&self, word: &WordKeys) -> bool {
        self.elems.iter().any(|e| match e {
            Elem::Word { keys, .. } => keys.iter().any(|k| k.names(word)),
            _ => false,
        })
    }

    /// Matches in one sentence's content tokens, as ranges of content
    /// indices (inclusive start, exclusive end), leftmost first, not
    /// overlapping each other.
    pub(crate) fn find(&self, content: &[Content]) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut from = 0;
        while from < content.len() {
            let found = if self.unordered {
                self.find_unordered(content, from)
            } else {
                self.find_ordered(content, from)
            };
            match found {
                Some(r) => {
                    from = r.end.max(r.start + 1);
                    out.push(r);
                }
                None => break,
            }
        }
        out
    }

    /// The leftmost ordered match that starts at `from` or later. It is
    /// tried only where it can start: at most [`Pattern::anchor_reach`]
    /// tokens before a token its anchor matches (a required word, which
    /// every match has), not at every token of the sentence.
    fn find_ordered(&self, content: &[Content], from: usize) -> Option<Range<usize>> {
        let at = |s: usize| self.match_at(content, 0, s).map(|e| s..e);
        let Some(anchor) = self.anchor.map(|a| &self.elems[a]) else {
            return self.find_ordered_everywhere(content, from);
        };
        // Starts before this one have been tried.
        let mut untried = from;
        for (p, token) in content.iter().enumerate().skip(from) {
            // A token that matches the anchor anchors some pattern: the
            // flag is read before the keys.
            if token.anchors() && token.matches(anchor) {
                let first = p.saturating_sub(self.anchor_reach).max(untried);
                if let Some(r) = (first..=p).find_map(at) {
                    return Some(r);
                }
                untried = p + 1;
            }
        }
        None
    }

    /// [`Pattern::find_ordered`] trying every start: for a pattern without
    /// an anchor word (URLs only), and as the reference in its test.
    fn find_ordered_everywhere(&self, content: &[Content], from: usize) -> Option<Range<usize>> {
        (from..content.len()).find_map(|s| self.match_at(content, 0, s).map(|e| s..e))
    }

    /// Ordered matching from element `ei` at content index `ti`; returns the
    /// end of the longest match. Patterns are short and gaps bounded, so
    /// this is O(elements × gap) per start.
    fn match_at(&self, c: &[Content], ei: usize, ti: usize) -> Option<usize> {
        let Some(elem) = self.elems.get(ei) else { return Some(ti) };
        match elem {
            Elem::Gap(n) => (0..=*n)
                .rev()
                .filter(|k| ti + k <= c.len())
                .find_map(|k| self.match_at(c, ei + 1, ti + k)),
            Elem::Word { optional, .. } | Elem::Num { optional } => {
                let here = c
                    .get(ti)
                    .filter(|t| t.matches(elem))
                    .and_then(|_| self.match_at(c, ei + 1, ti + 1));
                if here.is_some() || !optional {
                    return here;
                }
                self.match_at(c, ei + 1, ti)
            }
            Elem::Url => {
                c.get(ti).filter(|t| t.matches(elem)).and_then(|_| self.match_at(c, ei + 1, ti + 1))
            }
        }
    }

    /// Unordered matching: each required element at a distinct token within
    /// `WINDOW` of the first required element's occurrence; optional
    /// elements widen the span when present.
    fn find_unordered(&self, c: &[Content], from: usize) -> Option<Range<usize>> {
        // Asked once per try, not collected: a sentence tries the pattern
        // only because its anchor occurs, and most tries fail.
        let mut required = self.elems.iter().filter(|e| {
            matches!(
                e,
                Elem::Word { optional: false, .. } | Elem::Url | Elem::Num { optional: false }
            )
        });
        let anchor = required.next()?;
        for p in from..c.len() {
            if !c[p].matches(anchor) {
                continue;
            }
            let lo = p.saturating_sub(WINDOW).max(from);
            let hi = (p + WINDOW + 1).min(c.len());
            let mut used: SmallVec<[usize; 8]> = smallvec::smallvec![p];
            let mut ok = true;
            for elem in required.clone() {
                let nearest = (lo..hi)
                    .filter(|q| !used.contains(q) && c[*q].matches(elem))
                    .min_by_key(|q| q.abs_diff(p));
                match nearest {
                    Some(q) => used.push(q),
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if !ok {
                continue;
            }
            let (start, end) = (*used.iter().min()?, *used.iter().max()? + 1);
            if end - start > WINDOW + 1 {
                continue;
            }
            return Some(start..end);
        }
        None
    }

    /// The keys of the anchor element.
    pub(crate) fn anchor_keys(&self) -> Vec<&Key> {
        match self.anchor.map(|a| &self.elems[a]) {
            Some(Elem::Word { keys, .. }) => keys.iter().collect(),
            _ => Vec::new(),
        }
    }
}

/// The anchor: the required word that is rarest in text, judged by its
/// commonest key. A key among [`FREQUENT_WORDS`] counts as commoner than any
/// other, the more so the higher it stands there; among the rest, longer is
/// rarer. So `& zug|bus kam nicht|nie` is anchored by `kam`, not by `nicht`
/// (in every other sentence: the pattern would be tried there), and `immer
/// noch nicht` by `immer`.
fn anchor_elem(elems: &[Elem], frequent: &FrequentKeys) -> Option<usize> {
    // Larger is rarer.
    let rarity = |k: &Key| match frequent.rank(&k.text) {
        Some(rank) => (0, rank),
        None => (1, k.text.len()),
    };
    elems
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match e {
            Elem::Word { keys, optional: false, .. } => Some((i, keys)),
            _ => None,
        })
        .max_by_key(|(_, keys)| keys.iter().map(rarity).min().unwrap_or((0, 0)))
        .map(|(i, _)| i)
}

/// The commonest German words, commonest first (general word-frequency
/// lists: articles, pronouns, auxiliaries, particles). Only their order
/// matters, and only for choosing anchors: a wrong rank costs speed, never
/// a match.
const FREQUENT_WORDS: &[&str] = &[
    "die", "der", "und", "in", "zu", "den", "das", "nicht", "von", "sie", "ist", "des", "sich",
    "mit", "dem", "dass", "er", "es", "ein", "ich", "auf", "so", "eine", "auch", "als", "an",
    "nach", "wie", "im", "für", "man", "aber", "aus", "durch", "wenn", "nur", "war", "noch",
    "werden", "bei", "hat", "wir", "was", "wird", "sein", "einen", "sind", "oder", "zur", "um",
    "haben", "einer", "mir", "über", "ihm", "diese", "einem", "ihr", "uns", "da", "zum", "kann",
    "doch", "vor", "dieser", "mich", "ihn", "du", "hatte", "mehr", "am", "denn", "nun", "sehr",
    "schon", "hier", "bis", "habe", "ihre", "dann", "ihnen", "alle", "wieder", "meine", "ganz",
    "wo", "muss", "ohne", "ja", "wurde", "jetzt", "immer", "würde", "weil", "nichts", "alles",
    "will", "viel", "mein", "also", "soll", "etwas", "keine", "ob", "dir", "kein", "mal", "gibt",
    "gut", "heute", "bitte", "nie",
];

/// [`FREQUENT_WORDS`] as pattern keys are written: folded, and stemmed.
struct FrequentKeys(std::collections::HashMap<String, usize>);

impl FrequentKeys {
    fn new(stemmer: &Stemmer) -> FrequentKeys {
        let mut keys = std::collections::HashMap::new();
        let mut folded = String::new();
        for (rank, word) in FREQUENT_WORDS.iter().enumerate() {
            normalize::fold_into(word, &mut folded);
            let stem = stemmer.stem(&folded).into_owned();
            // The commonest rank wins where two words share a key.
            keys.entry(stem).or_insert(rank);
            keys.entry(folded.clone()).or_insert(rank);
        }
        FrequentKeys(keys)
    }

    fn rank(&self, key: &str) -> Option<usize> {
        self.0.get(key).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokenizer;

    fn pat(expr: &str) -> (Pattern, Vocab) {
        let text = format!("[boilerplate/test]\np = {expr}\n");
        let mut vocab = Vocab::default();
        let p = parse(&text, &Stemmer::new(), &mut vocab).unwrap().remove(0);
        vocab.seal();
        (p, vocab)
    }

    /// The texts of the anchor's keys.
    fn anchor(expr: &str) -> Vec<String> {
        let (p, _) = pat(expr);
        p.anchor_keys().iter().map(|k| k.text.clone()).collect()
    }

    /// `!`, `?` and `~` before a name, in any order, set its marks and are
    /// not part of the id; strong and weak at once is an error.
    #[test]
    fn name_marks() {
        let parse_one = |line: &str| {
            let text = format!("[negative_experience/test]\n{line}\n");
            parse(&text, &Stemmer::new(), &mut Vocab::default()).map(|mut p| p.remove(0))
        };
        let p = parse_one("?~warten = warte").unwrap();
        assert_eq!(
            (p.id.as_str(), p.strong, p.weak, p.needs_context),
            ("test/warten", false, true, true)
        );
        let p = parse_one("~ kaputt = kaputt").unwrap();
        assert_eq!(
            (p.id.as_str(), p.strong, p.weak, p.needs_context),
            ("test/kaputt", false, false, true)
        );
        let p = parse_one("!nie = nie wieder").unwrap();
        assert_eq!((p.strong, p.weak, p.needs_context), (true, false, false));
        assert!(!p.quoted);
        let p = parse_one("\"~repariert = repariert").unwrap();
        assert_eq!((p.id.as_str(), p.quoted, p.needs_context), ("test/repariert", true, true));
        assert!(parse_one("!?x = nie").is_err());
        assert!(parse_one("~ = nie").is_err());
    }

    #[test]
    fn patterns_are_anchored_by_a_rare_word() {
        // Longest shortest key; a key among FREQUENT_WORDS counts as
        // commoner than any other, the higher it stands the commoner.
        assert_eq!(anchor("& zug|bus kam|kamen nicht|nie"), ["kam", "kam"]);
        assert_eq!(anchor("& nicht|nie zug|bus kam"), ["kam"]);
        assert_eq!(anchor("zu spekulationen"), ["spekulation"]);
        // Only function words: one of them still anchors it.
        assert_eq!(anchor("nicht mit uns").len(), 1);
        assert_eq!(anchor("nicht? mit? gerüchten"), ["geruecht"]);
    }

    /// The content tokens of `tokens`, with their keys in `vocab`.
    fn content_of(tokens: &[Token<'_>], vocab: &Vocab, stemmer: &Stemmer) -> Vec<Content> {
        tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| is_content(t))
            .map(|(i, t)| {
                let mut f = String::new();
                normalize::fold_into(t.text, &mut f);
                Content::new(i, t, WordKeys::new(vocab, stemmer, t.text, &f))
            })
            .collect()
    }

    fn find(expr: &str, text: &str) -> Vec<String> {
        let (pattern, vocab) = pat(expr);
        let mut tokens = Vec::new();
        Tokenizer.tokenize(text, &mut tokens);
        let content = content_of(&tokens, &vocab, &Stemmer::new());
        pattern
            .find(&content)
            .into_iter()
            .map(|r| {
                let a = tokens[content[r.start].token].span.start;
                let b = tokens[content[r.end - 1].token].span.end;
                text[a..b].to_string()
            })
            .collect()
    }

    #[test]
    fn ordered_with_inflection_and_optional() {
        let e = "vielen? dank für =ihr|=ihre verständnis";
        assert_eq!(
            find(e, "Vielen Dank für Ihr Verständnis!"),
            ["Vielen Dank für Ihr Verständnis"]
        );
        assert_eq!(find(e, "Danke. Dank für Ihr Verständnis."), ["Dank für Ihr Verständnis"]);
        assert!(find(e, "Dank für sein Verständnis").is_empty());
    }

    #[test]
    fn capital_means_a_noun() {
        let e = "& ^betrug|betrogen";
        assert_eq!(find(e, "Das ist Betrug!"), ["Betrug"]);
        assert_eq!(find(e, "Wir wurden betrogen."), ["betrogen"]);
        assert!(find(e, "Der Rückstand betrug 22 Sekunden.").is_empty());
        // At the start of a sentence every word is capitalized.
        assert_eq!(find(e, "Betrug 22 Sekunden"), ["Betrug"]);
        assert!(parse("[x/y]\np = ^\n", &Stemmer::new(), &mut Vocab::default()).is_err());
    }

    #[test]
    fn a_dashed_key_names_the_compounds_it_ends() {
        let e = "-hotel|^-unternehmen|-=router|zimmer";
        for (text, found) in [
            // Closed and hyphenated compounds, inflected.
            ("Das Romantikhotel war laut", "Romantikhotel"),
            // (`4-` is a number token of its own.)
            ("In zwei 4-Sterne-Hotels", "Sterne-Hotels"),
            ("Das Bahnunternehmen schweigt", "Bahnunternehmen"),
            // An exact key names the last part as written.
            ("Der WLAN-Router blinkt", "WLAN-Router"),
            // The whole word, as before.
            ("Das Hotel war laut", "Hotel"),
        ] {
            assert_eq!(find(e, text), [found], "{text}");
        }
        for text in [
            // No compound: a lowercase word, a first part under
            // MIN_MODIFIER_BYTES, a key without `-`, a stem the exact key
            // is not, `^` on the whole word.
            "die luxushotels",
            "Ein Exhotel",
            "Das Doppelzimmer war laut",
            "Die Wanderroute",
            "Wir unternehmen nichts",
        ] {
            assert!(find(e, text).is_empty(), "{text}");
        }
        // A compound another key names as a whole is that key's word.
        let (p, vocab) = pat("-hotel|hotelzimmer");
        let keys = |w: &str| WordKeys::new(&vocab, &Stemmer::new(), w, &w.to_lowercase());
        assert!(p.names(&keys("Hotelzimmer")) && keys("Hotelzimmer").flags & COMPOUND == 0);
        assert!(keys("Stadthotel").flags & COMPOUND != 0);
    }

    #[test]
    fn gaps_are_bounded() {
        let e = "wir bedauern *3 unannehmlichkeiten";
        assert_eq!(
            find(e, "Wir bedauern die entstandenen Unannehmlichkeiten"),
            ["Wir bedauern die entstandenen Unannehmlichkeiten"]
        );
        assert!(find(e, "Wir bedauern sehr, dass Sie leider wieder diese Unannehmlichkeiten")
            .is_empty());
    }

    #[test]
    fn unordered_follows_german_word_order() {
        let e = "& stellung nehmen|nimmt|nahm kein|nicht";
        for text in [
            "Zu Spekulationen und Gerüchten nehmen wir grundsätzlich keine Stellung.",
            "Wir nehmen zu Spekulationen keine Stellung.",
            "Stellung nehmen wir dazu nicht.",
        ] {
            assert_eq!(find(e, text).len(), 1, "{text}");
        }
        assert!(find(e, "Ich nehme gerne Stellung zu Ihrer Frage.").is_empty());
    }

    #[test]
    fn numbers_and_symbols() {
        let e = "<num> %|prozent rabatt";
        assert_eq!(find(e, "Heute 10% Rabatt auf alles"), ["10% Rabatt"]);
        assert_eq!(find(e, "zwanzig Prozent Rabatt"), ["zwanzig Prozent Rabatt"]);
    }

    #[test]
    fn parse_errors_name_the_line() {
        let (s, mut v) = (Stemmer::new(), Vocab::default());
        assert_eq!(parse("p = a\n", &s, &mut v).unwrap_err().line, 1);
        assert_eq!(parse("[a/b]\n\nbroken\n", &s, &mut v).unwrap_err().line, 3);
        assert!(parse("[a/b]\np = wort *99\n", &s, &mut v).unwrap_err().message.contains("gap"));
        assert!(parse("[a/b]\np = & a *2 b\n", &s, &mut v).is_err());
        assert!(parse("[a/b]\np = x?\n", &s, &mut v).unwrap_err().message.contains("no required"));
        let e = parse("[a/b]\np = bis montag|<num>\n", &s, &mut v).unwrap_err();
        assert!(e.message.contains("cannot be an alternative"), "{}", e.message);
    }

    /// A named word set stands for its words wherever an alternative may,
    /// with the marks of its words and the `?` of its use: the pattern
    /// finds what the pattern with the words written out finds.
    #[test]
    fn word_sets_stand_for_their_words() {
        let parse_text = |text: &str| parse(text, &Stemmer::new(), &mut Vocab::default());
        let with_set = "@oft = =immer|=wieder|ständig\n@mehr = @oft|=oft\n\
                        [negative_experience/test]\np = =fehler|@mehr tritt @oft? auf\n";
        let written = "[negative_experience/test]\n\
                       p = =fehler|=immer|=wieder|ständig|=oft tritt =immer|=wieder|ständig? auf\n";
        let (a, b) = (parse_text(with_set).unwrap(), parse_text(written).unwrap());
        assert_eq!(format!("{:?}", a[0].elems), format!("{:?}", b[0].elems));
        // `=immer` stays exact in the set: `immerhin` is no `immer`.
        let (p, vocab) = {
            let mut vocab = Vocab::default();
            let p = parse(with_set, &Stemmer::new(), &mut vocab).unwrap().remove(0);
            vocab.seal();
            (p, vocab)
        };
        let matched = |text: &str| {
            let mut tokens = Vec::new();
            Tokenizer.tokenize(text, &mut tokens);
            !p.find(&content_of(&tokens, &vocab, &Stemmer::new())).is_empty()
        };
        assert!(matched("Der Fehler tritt ständig auf"));
        assert!(matched("Fehler tritt auf"));
        assert!(!matched("Fehler tritt immerhin auf"));
        // Errors name the line: a set used before it is defined, defined
        // twice, or holding what is no word.
        let e = parse_text("[a/b]\np = @oft tritt\n@oft = immer\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unknown word set @oft"), "{}", e.message);
        let e = parse_text("@oft = immer\n@oft = wieder\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("defined twice"), "{}", e.message);
        for bad in ["@x = immer?", "@x = <num>", "@x = a||b", "@x = *2", "@x = ^", "@ = a", "@x"] {
            assert!(parse_text(bad).is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        /// Trying an ordered pattern only near its anchor finds what trying
        /// it at every token finds: the same leftmost match from any start.
        #[test]
        fn ordered_matches_start_near_their_anchor(
            elems in proptest::collection::vec(proptest::sample::select(vec![
                "a", "b?", "c", "*1", "*2", "<num>", "dank", "ihr|ihre", "=ihr",
            ]), 1..6),
            words in proptest::collection::vec(proptest::sample::select(vec![
                "a", "b", "c", "d", "3", "Dank", "ihr", "Ihre", "Ihr", "x",
            ]), 0..14),
        ) {
            let expr = elems.join(" ");
            let text = format!("[boilerplate/test]\np = {expr}\n");
            let mut vocab = Vocab::default();
            let stemmer = Stemmer::new();
            // Patterns without a required word are refused.
            let Ok(mut parsed) = parse(&text, &stemmer, &mut vocab) else { return Ok(()) };
            let pattern = parsed.remove(0);
            vocab.seal();
            let text = words.join(" ");
            let mut tokens = Vec::new();
            Tokenizer.tokenize(&text, &mut tokens);
            let content = content_of(&tokens, &vocab, &stemmer);
            for from in 0..=content.len() {
                proptest::prop_assert_eq!(
                    pattern.find_ordered(&content, from),
                    pattern.find_ordered_everywhere(&content, from),
                    "{} in {:?} from {}", expr, text, from
                );
            }
        }
    }
}
