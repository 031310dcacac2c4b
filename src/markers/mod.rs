//! Tone markers: corporate boilerplate, negative customer experiences, hard
//! selling and comment spam.
//!
//! Patterns are data (`lexicons/markers/*.txt`, language in `pattern.rs`).
//! Their key words are numbered in one vocabulary (a hash map); each distinct
//! word is looked up there once per thread (its keys are kept in the word
//! memo, `word_memo.rs`) and then indexes the patterns anchored by it — their
//! rarest required word. So a sentence costs one lookup per word, whatever
//! the number of patterns, and only the patterns whose anchor occurs in the
//! sentence are verified token by token. Boilerplate matches are masked out
//! of the sentiment score (`Vielen Dank für Ihr Verständnis` is no praise).
//! Negative experiences need more than a cue (`experience/`: the cue's gates
//! in `mod.rs`, the writer's voice in `voicing.rs`, the words and sentence
//! facts both ask in `words.rs`, the complaint without a cue in
//! `complaint.rs`, the companies a text speaks to in `accounts.rs`), hard
//! selling a call to the reader (`hard_sell.rs`, which also knows a post that
//! opens with a free offer and a link as bait), spam more than praise
//! (`spam.rs`).

mod experience;
mod hard_sell;
mod pattern;
mod spam;

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::stem::Stemmer;
use crate::token::{Token, TokenKind};
use crate::word_memo::WordMemo;
pub(crate) use experience::{
    detect as detect_experiences, may_complain, may_review, ExperienceContext,
};
pub(crate) use hard_sell::{free_offer_hook, CallsToBuy};
pub(crate) use pattern::WordKeys;
use pattern::{Content, Pattern, Vocab};
pub(crate) use spam::{detect as detect_spam, fingerprint, folded_hash, hash_folded};
pub use spam::{CommentMeta, Fingerprint, RepeatDetector};

/// The kinds of tone marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkerKind {
    /// PR non-answers, service formulas, euphemisms, buzzwords.
    Boilerplate,
    /// The writer reports something bad that happened to them.
    NegativeExperience,
    /// Pressure to buy.
    HardSell,
    /// Generic praise with a link, English boilerplate praise, repeats.
    Spam,
}

impl MarkerKind {
    /// All kinds.
    pub const ALL: [MarkerKind; 4] = [
        MarkerKind::Boilerplate,
        MarkerKind::NegativeExperience,
        MarkerKind::HardSell,
        MarkerKind::Spam,
    ];

    /// `boilerplate`, `negative_experience`, `hard_sell` or `spam`.
    pub fn as_str(self) -> &'static str {
        match self {
            MarkerKind::Boilerplate => "boilerplate",
            MarkerKind::NegativeExperience => "negative_experience",
            MarkerKind::HardSell => "hard_sell",
            MarkerKind::Spam => "spam",
        }
    }

    /// Parses a kind name (as [`MarkerKind::as_str`] writes it).
    pub fn parse(s: &str) -> Option<MarkerKind> {
        MarkerKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<MarkerScratch> =
        std::cell::RefCell::new(MarkerScratch::default());
}

/// The embedded pattern files, in the order they are read.
const EMBEDDED: &[(&str, &str)] = &[
    ("lexicons/markers/boilerplate.txt", include_str!("../../lexicons/markers/boilerplate.txt")),
    ("lexicons/markers/experience.txt", include_str!("../../lexicons/markers/experience.txt")),
    ("lexicons/markers/hard_sell.txt", include_str!("../../lexicons/markers/hard_sell.txt")),
    ("lexicons/markers/spam.txt", include_str!("../../lexicons/markers/spam.txt")),
];

/// A compiled set of marker patterns. Cheap to clone.
#[derive(Clone)]
pub struct MarkerSet {
    inner: Arc<Compiled>,
}

struct Compiled {
    patterns: Vec<(Pattern, MarkerKind)>,
    /// For each key number: the patterns it anchors, in pattern order.
    anchored: Vec<Vec<usize>>,
    /// Per kind, whether it has `work` patterns.
    has_work: [bool; MarkerKind::ALL.len()],
    /// The negative-experience patterns that name a subject (see
    /// [`MarkerSet::names_subject`]).
    subjects: Vec<usize>,
    /// The patterns' key texts, numbered.
    vocab: Vocab,
    stemmer: Stemmer,
    /// Identifies this set in the per-thread word memo (which holds
    /// numbers of this set's vocabulary).
    id: u64,
}

static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A pattern match: which pattern, over which tokens (first..=last).
#[derive(Clone, Debug)]
pub(crate) struct Match {
    pub pattern: usize,
    pub first: usize,
    pub last: usize,
    pub sentence: usize,
    /// Another pattern's reading of the merged match before it (see
    /// [`merge_overlapping`]): judged only if no reading before it in its
    /// group gave a flag.
    pub alternative: bool,
}

impl MarkerSet {
    /// The embedded default patterns (`lexicons/markers/`).
    pub fn german() -> MarkerSet {
        static DEFAULT: LazyLock<MarkerSet> = LazyLock::new(|| {
            MarkerSet::from_sources(EMBEDDED).expect("embedded marker patterns are valid")
        });
        DEFAULT.clone()
    }

    /// Compiles pattern files given as `(name, text)`; `name` appears in
    /// error messages.
    ///
    /// # Errors
    ///
    /// A malformed line or an unknown kind, with `name:line`.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<MarkerSet> {
        let stemmer = Stemmer::new();
        let mut vocab = Vocab::default();
        let mut patterns = Vec::new();
        for (name, text) in sources {
            let parsed = pattern::parse(text, &stemmer, &mut vocab)
                .map_err(|e| Error::pattern(name, e.line, e.message))?;
            for p in parsed {
                let kind = MarkerKind::parse(&p.kind).ok_or_else(|| {
                    Error::pattern(name, 0, format!("pattern {}: unknown kind {:?}", p.id, p.kind))
                })?;
                patterns.push((p, kind));
            }
        }
        vocab.seal();
        let mut anchored = vec![Vec::new(); vocab.len()];
        for (i, (p, _)) in patterns.iter().enumerate() {
            for key in p.anchor_keys() {
                let by_key: &mut Vec<usize> = &mut anchored[key.id() as usize];
                if by_key.last() != Some(&i) {
                    by_key.push(i);
                }
            }
        }
        let mut has_work = [false; MarkerKind::ALL.len()];
        for (p, kind) in &patterns {
            has_work[*kind as usize] |= p.is_work;
        }
        let subjects = (0..patterns.len())
            .filter(|&i| {
                let (p, kind) = &patterns[i];
                *kind == MarkerKind::NegativeExperience && p.gives_context()
            })
            .collect();
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let compiled = Compiled { patterns, anchored, has_work, subjects, vocab, stemmer, id };
        Ok(MarkerSet { inner: Arc::new(compiled) })
    }

    /// Reads and compiles pattern files from paths, adding them to the
    /// embedded ones when `with_default` is set.
    ///
    /// # Errors
    ///
    /// As [`MarkerSet::from_sources`]; I/O errors name the file.
    pub fn from_paths(paths: &[std::path::PathBuf], with_default: bool) -> Result<MarkerSet> {
        let mut texts = Vec::new();
        for p in paths {
            let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
            texts.push((p.display().to_string(), text));
        }
        let mut sources: Vec<(&str, &str)> =
            if with_default { EMBEDDED.to_vec() } else { Vec::new() };
        sources.extend(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        MarkerSet::from_sources(&sources)
    }

    /// Identifies this set (and its clones) among all sets made in this
    /// process.
    pub(crate) fn id(&self) -> u64 {
        self.inner.id
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.inner.patterns.len()
    }

    /// Whether there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.inner.patterns.is_empty()
    }

    /// Number of patterns of one kind (not counting its context patterns,
    /// which mark nothing themselves).
    pub fn count(&self, kind: MarkerKind) -> usize {
        self.inner.patterns.iter().filter(|(p, k)| *k == kind && !p.is_context).count()
    }

    pub(crate) fn pattern(&self, i: usize) -> (&Pattern, MarkerKind) {
        let (p, k) = &self.inner.patterns[i];
        (p, *k)
    }

    /// Whether `folded` (a folded word) is a subject word: one that a
    /// `[negative_experience/subject]` pattern names.
    /// (Asked of every part of every account mentioned: a word that is no
    /// key of any pattern leaves at once.)
    pub(crate) fn names_subject(&self, folded: &str) -> bool {
        let c = &*self.inner;
        let keys = WordKeys::new(&c.vocab, &c.stemmer, folded, folded);
        keys.is_key() && c.subjects.iter().any(|&i| c.patterns[i].0.names(&keys))
    }

    /// Whether `folded` (a folded word) is one of the words pattern `i`
    /// names: inside a match, such a word belongs to the pattern.
    pub(crate) fn names_word(&self, i: usize, folded: &str) -> bool {
        let c = &*self.inner;
        c.patterns[i].0.names(&WordKeys::new(&c.vocab, &c.stemmer, folded, folded))
    }

    /// All matches of enabled kinds in a document. `ids` numbers its
    /// tokens in `memo` ([`WordMemo::number`]), where each word's pattern
    /// keys are kept once computed (stemming is the costliest step, and
    /// words repeat). With `want_subjects`, the subjects of negative
    /// experiences are matched even where no cue asks for one: in a
    /// first-hand text, a story its writer tells or a review of a stay a
    /// complaint without a cue needs one
    /// ([`AnalyzerBuilder::first_hand`](crate::AnalyzerBuilder::first_hand),
    /// [`may_review`]).
    pub(crate) fn find(
        &self,
        tokens: &[Token<'_>],
        sentences: &[Range<usize>],
        enabled: &[MarkerKind],
        want_subjects: bool,
        memo: &mut WordMemo,
        ids: &[u32],
    ) -> Vec<Match> {
        let c = &*self.inner;
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let MarkerScratch { content, candidates, subjects } = &mut *scratch;
            content.clear();
            for (i, t) in tokens.iter().enumerate() {
                if pattern::is_content(t) {
                    // A hashtag's word counts as the word (`#Verspätung`).
                    let word = t.key();
                    let keys = memo.keys(ids[i], word, |folded| {
                        WordKeys::new(&c.vocab, &c.stemmer, word, folded)
                            .anchoring(|id| !c.anchored[id as usize].is_empty())
                    });
                    content.push(Content::new(i, t, keys));
                } else if t.kind == TokenKind::Mention {
                    // A mention counts as its name where that is a word of
                    // some pattern (`Das habe ich bei @eBay gefunden`); any
                    // other stays out of the way, as punctuation does
                    // (`Danke @DB_Bahn für Ihr Verständnis`).
                    // Its keys are kept in the memo with the mention's own.
                    let name = &t.text[1..];
                    let keys = memo.keys(ids[i], name, |folded| {
                        let folded = folded.strip_prefix('@').unwrap_or(folded);
                        WordKeys::new(&c.vocab, &c.stemmer, name, folded)
                            .anchoring(|id| !c.anchored[id as usize].is_empty())
                    });
                    if keys.is_key() {
                        content.push(Content::new(i, t, keys));
                    }
                }
            }
            let mut out = Vec::new();
            subjects.clear();
            let mut at = 0;
            for (si, range) in sentences.iter().enumerate() {
                let start = at;
                while at < content.len() && content[at].token < range.end {
                    at += 1;
                }
                let content = &content[start..at];
                // The patterns anchored in this sentence, in pattern order:
                // a sentence meets a handful of the hundreds of patterns.
                candidates.clear();
                for id in content.iter().filter(|w| w.anchors()).flat_map(Content::key_ids) {
                    candidates.extend_from_slice(&c.anchored[id as usize]);
                }
                if candidates.is_empty() {
                    continue;
                }
                candidates.sort_unstable();
                candidates.dedup();
                candidates.retain(|&p| enabled.contains(&c.patterns[p].1));
                for &pi in candidates.iter() {
                    if c.patterns[pi].0.is_context {
                        subjects.push((si, start..at, pi));
                        continue;
                    }
                    find_into(&mut out, &c.patterns[pi].0, pi, content, si);
                }
            }
            // Context is asked for only by the patterns that may need it,
            // and only of their own kind: most texts have none, and
            // `Paket`, `Bahn`, `Kunde`, `wir`, `€` are common. Those are
            // `~` patterns, and, in a kind with `work` patterns, every
            // pattern that is not strong (in a review it needs a subject).
            let mut asking = [false; MarkerKind::ALL.len()];
            asking[MarkerKind::NegativeExperience as usize] = want_subjects;
            for m in &out {
                let (p, kind) = &c.patterns[m.pattern];
                asking[*kind as usize] |=
                    p.needs_context || !p.strong && c.has_work[*kind as usize];
            }
            if asking.contains(&true) {
                for (si, range, pi) in subjects.drain(..) {
                    if asking[c.patterns[pi].1 as usize] {
                        find_into(&mut out, &c.patterns[pi].0, pi, &content[range], si);
                    }
                }
            }
            out.sort_by_key(|m| (m.first, std::cmp::Reverse(m.last)));
            out
        })
    }
}

/// Appends the matches of pattern `pi` in one sentence's `content`
/// (sentence `si`) to `out`.
fn find_into(out: &mut Vec<Match>, pattern: &Pattern, pi: usize, content: &[Content], si: usize) {
    for r in pattern.find(content) {
        out.push(Match {
            pattern: pi,
            first: content[r.start].token,
            last: content[r.end - 1].token,
            sentence: si,
            alternative: false,
        });
    }
}

/// Per-thread working memory of the marker stage.
#[derive(Default)]
struct MarkerScratch {
    /// One document's content tokens.
    content: Vec<Content>,
    /// The patterns to try on one sentence.
    candidates: Vec<usize>,
    /// Subject patterns anchored in a sentence (its index, its range in
    /// `content`, the pattern), tried only if a cue needs a subject.
    subjects: Vec<(usize, Range<usize>, usize)>,
}

impl std::fmt::Debug for MarkerSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MarkerSet").field("patterns", &self.len()).finish()
    }
}

/// Merges overlapping matches of the same kind into one, spanning their
/// union and named by the pattern that asks least of its context, then
/// by the one that covered most tokens ([`outranks`]): `Zu Spekulationen
/// … nehmen wir grundsätzlich keine Stellung` is one flag.
///
/// The other patterns of a merged match follow it as its
/// [`alternative`](Match::alternative) readings, over the same union:
/// which pattern asks least is not always clear (a strong cue that needs
/// a named device, a plain one that needs the writer's voice), and a
/// reading the detector rejects must not silence one it would accept
/// (`der Sparpreis wird mir nicht mehr angezeigt`, where no device is
/// named). Consumers judge a group's readings in order and stop at the
/// first that gives a flag.
pub(crate) fn merge_overlapping(set: &MarkerSet, matches: &[Match]) -> Vec<Match> {
    let mut merged: Vec<Match> = Vec::new();
    // Per merged match (by index), its readings: (merged index, pattern,
    // the pattern's own length in tokens).
    let mut readings: Vec<(usize, usize, usize)> = Vec::new();
    // Matches come sorted by their first token, and merged entries of one
    // kind never overlap each other, so only the latest entry of a kind can
    // overlap the next match: linear, however many matches a text has.
    let mut latest: [Option<usize>; 4] = [None; 4];
    let mut overlaps = 0;
    for m in matches {
        let (pattern, kind) = set.pattern(m.pattern);
        // Context is no marker: kept apart, so that a marker around it
        // keeps its own name.
        if pattern.is_context {
            merged.push(m.clone());
            continue;
        }
        let slot = &mut latest[kind as usize];
        let at = match slot.filter(|&i| merged[i].first <= m.last && m.first <= merged[i].last) {
            Some(i) => {
                let o = &mut merged[i];
                if outranks(set, m, o) {
                    o.pattern = m.pattern;
                }
                o.first = o.first.min(m.first);
                o.last = o.last.max(m.last);
                overlaps += 1;
                i
            }
            None => {
                *slot = Some(merged.len());
                merged.push(m.clone());
                merged.len() - 1
            }
        };
        readings.push((at, m.pattern, m.last - m.first));
    }
    // Most texts have no overlap: each reading is its match's own name.
    if overlaps == 0 {
        return merged;
    }
    // A group's other readings, by what they ask of their context, then
    // longest first; each pattern once.
    readings
        .sort_by_key(|&(at, pi, len)| (at, demands(set.pattern(pi).0), std::cmp::Reverse(len), pi));
    readings.dedup_by_key(|r| (r.0, r.1));
    let mut out = Vec::with_capacity(readings.len() + merged.len());
    let mut next = readings.iter().peekable();
    for (i, m) in merged.into_iter().enumerate() {
        let named = out.len();
        out.push(m);
        while let Some(&(_, pattern, _)) = next.next_if(|r| r.0 == i) {
            if pattern != out[named].pattern {
                out.push(Match { pattern, alternative: true, ..out[named].clone() });
            }
        }
    }
    out
}

/// Which of the merged matches to judge, in their order: a merged match's
/// [`alternative`](Match::alternative) readings only while no reading
/// before them gave a flag (see [`merge_overlapping`]).
#[derive(Default)]
pub(crate) struct Readings {
    flagged: bool,
}

impl Readings {
    /// Whether to pass over `m`: a reading of a match already flagged.
    pub(crate) fn skip(&mut self, m: &Match) -> bool {
        if !m.alternative {
            self.flagged = false;
        }
        self.flagged
    }

    /// The match last asked about gave a flag.
    pub(crate) fn flagged(&mut self) {
        self.flagged = true;
    }
}

/// What a pattern asks of its context, least first: a strong pattern
/// nothing, then one that needs no named subject, then one that is not
/// weak.
fn demands(p: &Pattern) -> (bool, bool, bool) {
    (!p.strong, p.needs_context, p.weak)
}

/// Whether match `m` names the merged match `o` in its place. A merged
/// match is named by the pattern that asks least of its context
/// ([`demands`]): `Bis heute habe ich keine Antwort` by `keine Antwort`,
/// which needs no named company, not `bis heute … keine`, which does;
/// `Leider ist es aus technischen Gründen nicht möglich` by `leider …
/// nicht möglich`, which needs no company's voice. Otherwise by the
/// pattern that covered most tokens.
fn outranks(set: &MarkerSet, m: &Match, o: &Match) -> bool {
    let new = set.pattern(m.pattern).0;
    let longer = m.last - m.first > o.last - o.first;
    let old = set.pattern(o.pattern).0;
    match demands(new).cmp(&demands(old)) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => longer,
    }
}

/// How many sentences before a pattern's own, and after it, may hold its
/// context: feedback names the company a sentence or two before its
/// complaint (`Bin heute mit dem ICE gefahren. Klimaanlage kaputt.`), a
/// reply speaks as `wir` around its formula, while a long review that
/// names a `Flug` or a `Hotel` somewhere has not thereby made every
/// `eiskalt` in it a complaint.
pub(super) const CONTEXT_BEFORE: usize = 2;
pub(super) const CONTEXT_AFTER: usize = 1;
/// Short sentences (`Aha!`, `12 Uhr.`, `Das kenne ich ja schon.`) say
/// little each: a context up to [`CONTEXT_BEFORE_SHORT`] sentences back
/// still counts when it lies within [`CONTEXT_TOKENS`] tokens of the
/// pattern. (Three sentences back without the bound brought that
/// `eiskalt` of a film review back; with it, blog posts gained 4
/// experiences and no text in ../shared a flag.)
const CONTEXT_BEFORE_SHORT: usize = 4;
const CONTEXT_TOKENS: usize = 40;

/// The context matches of a document's matches, per kind, gathered the
/// first time a `~` pattern of that kind asks (most documents have none).
pub(crate) struct Contexts<'m> {
    set: &'m MarkerSet,
    matches: &'m [Match],
    of_kind: [Option<Vec<&'m Match>>; MarkerKind::ALL.len()],
}

impl<'m> Contexts<'m> {
    /// The contexts among `matches` (in text order).
    pub(crate) fn new(set: &'m MarkerSet, matches: &'m [Match]) -> Self {
        Contexts { set, matches, of_kind: Default::default() }
    }

    /// The context match of `m`'s kind nearest to `m` (by tokens) within
    /// its sentence window, by another word than `m`'s own first or last.
    pub(crate) fn near(&mut self, m: &Match) -> Option<&'m Match> {
        self.near_where(m, |_| true)
    }

    /// As [`Contexts::near`], among the context matches that `keep`.
    pub(crate) fn near_where(
        &mut self,
        m: &Match,
        keep: impl Fn(&Match) -> bool,
    ) -> Option<&'m Match> {
        let (set, matches) = (self.set, self.matches);
        let kind = set.pattern(m.pattern).1;
        let contexts: &[&Match] = self.of_kind[kind as usize].get_or_insert_with(|| {
            matches
                .iter()
                .filter(|c| {
                    let (p, k) = set.pattern(c.pattern);
                    k == kind && p.gives_context()
                })
                .collect()
        });
        // The nearest on each side of `m`'s first token; each side stops
        // at the first that is not `m`'s own word (contexts are in text
        // order), so a flood of them costs a search, not a scan.
        let other = |s: &&&Match| s.first != m.first && s.last != m.last && keep(s);
        let at = contexts.partition_point(|s| s.first < m.first);
        let before = contexts[..at]
            .iter()
            .rev()
            .take_while(|s| {
                s.sentence + CONTEXT_BEFORE >= m.sentence
                    || (s.sentence + CONTEXT_BEFORE_SHORT >= m.sentence
                        && m.first.saturating_sub(s.last) <= CONTEXT_TOKENS)
            })
            .find(other);
        let after = contexts[at..]
            .iter()
            .take_while(|s| s.sentence <= m.sentence + CONTEXT_AFTER)
            .find(other);
        match (before, after) {
            (Some(b), Some(a)) => {
                let gap_before = m.first.saturating_sub(b.last);
                let gap_after = a.first.saturating_sub(m.last);
                Some(if gap_after < gap_before { *a } else { *b })
            }
            (b, a) => b.or(a).copied(),
        }
    }
}

/// The initials a service team signs a reply with at its very end (`…
/// ein wenig. /ar`, `… Probleme. ^SK`, `Viele Grüße. (kw)`): the whole
/// reply is in the company's voice, however far a formula stands from its
/// `Ihnen` (`Ich hoffe, das hilft ein wenig. /ar` closes a list of bus
/// stops). The span of the signature, if the text ends with one.
pub(crate) fn team_signature(text: &str, tokens: &[Token<'_>]) -> Option<Range<usize>> {
    let end = tokens.iter().rposition(|t| t.kind != TokenKind::LineBreak)?;
    let initials = |t: &Token<'_>| {
        t.kind == TokenKind::Word
            && (2..=3).contains(&t.text.len())
            && t.text.bytes().all(|b| b.is_ascii_alphabetic())
    };
    let punct = |i: usize, p: &str| tokens[i].kind == TokenKind::Punct && tokens[i].text == p;
    let first =
        if end >= 1 && initials(&tokens[end]) && (punct(end - 1, "/") || punct(end - 1, "^")) {
            end - 1
        } else if end >= 2 && punct(end, ")") && initials(&tokens[end - 1]) && punct(end - 2, "(") {
            end - 2
        } else {
            return None;
        };
    // A signature stands after a sentence, not inside one (`Bahn/DB`).
    let before = text[..tokens[first].span.start].trim_end();
    let after_sentence = before.is_empty()
        || before.ends_with(['.', '!', '?', ')', ':'])
        || before.len() < tokens[first].span.start;
    after_sentence.then(|| tokens[first].span.start..tokens[end].span.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_patterns_compile_and_are_many() {
        let set = MarkerSet::german();
        assert!(
            set.count(MarkerKind::Boilerplate) >= 200,
            "{}",
            set.count(MarkerKind::Boilerplate)
        );
        assert!(set.count(MarkerKind::NegativeExperience) > 20);
        assert!(set.count(MarkerKind::HardSell) > 10);
    }

    #[test]
    fn a_reply_signed_with_a_teams_initials_ends_in_the_signature() {
        fn signature(text: &str) -> Option<&str> {
            let mut tokens = Vec::new();
            crate::tokenize::Tokenizer.tokenize(text, &mut tokens);
            team_signature(text, &tokens).map(|r| &text[r])
        }
        assert_eq!(signature("Ich hoffe, das hilft ein wenig. /ar"), Some("/ar"));
        assert_eq!(signature("Das sind technische Probleme. ^SK\n"), Some("^SK"));
        assert_eq!(signature("Viele Grüße. (kw)"), Some("(kw)"));
        assert_eq!(signature("… geprüft wird . / je"), Some("/ je"));
        // Not at the end, not initials, not after a sentence.
        assert_eq!(signature("Gruß /ar und bis bald"), None);
        assert_eq!(signature("Fahrt mit der Bahn/DB"), None);
        assert_eq!(signature("Preis (inkl. MwSt)"), None);
        assert_eq!(signature("Siehe Seite 12 (oben)"), None);
        assert_eq!(signature(""), None);
    }

    #[test]
    fn unknown_kind_is_an_error() {
        let err = MarkerSet::from_sources(&[("x.txt", "[gossip/x]\na = b\n")]).unwrap_err();
        assert!(err.to_string().contains("unknown kind"), "{err}");
        let err = MarkerSet::from_sources(&[("x.txt", "[spam/x]\nbroken line\n")]).unwrap_err();
        assert!(err.to_string().starts_with("x.txt:2:"), "{err}");
    }
}
