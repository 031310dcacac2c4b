//! The lookup cascade over lexicon layers.
//!
//! For a word: folded surface form in every layer (user layers first), then
//! the de-elongated form (`suuuper`), then — only on a miss — the German
//! stem, then compound splitting (the head decides: `Servicewüste`,
//! `Kundenfeindlichkeit`; a polar first part such as `Horror-` or
//! `Spitzen-` colours a neutral head). Stemming is the most expensive step
//! of the pipeline: the analyzer keeps each distinct word's result
//! (`word_memo.rs`), so the cascade runs once per word and thread.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};

use super::compile::{Entry, EntryKind};
use super::Lexicon;

use crate::normalize;
use crate::stem::Stemmer;
use crate::token::{Token, TokenKind};
use crate::word_class::WordClass;

/// How a word found its entry. Shown to users as the rule that matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Via {
    /// The folded surface form.
    Surface,
    /// The surface form with its elongation squeezed out (`suuuper`).
    Elongated,
    /// The German stem.
    Stem,
    /// The superlative of a negative adjective of the lexicon
    /// (`mieseste`, `am schlimmsten`, `allerschlechteste`): a sure form of
    /// it, stronger.
    Superlative,
    /// The head of a compound (`Servicewüste` → `wüste`).
    CompoundHead,
    /// An explicit compound-part entry: a polar first part (`Horror-Service`)
    /// or a head polar only in compounds (`Servicewüste`).
    CompoundPart,
}

impl Via {
    /// The name shown to users.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Via::Surface => "surface",
            Via::Elongated => "elongated",
            Via::Stem => "stem",
            Via::Superlative => "superlative",
            Via::CompoundHead => "compound_head",
            Via::CompoundPart => "compound_part",
        }
    }
}

/// A lexicon match: the entry, how it was found, and the key that matched.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub entry: Entry,
    pub via: Via,
    /// Shared, so that a result kept in the word memo, and the hits made
    /// of it, are cloned without allocating.
    pub key: Arc<str>,
}

/// Words longer than this (in bytes) are not stemmed or split: no German
/// word is that long, and it keeps the cost linear on a 4 MB "word".
const MAX_SPLIT_LEN: usize = 64;
/// A compound head must have at least this many characters (`wüste`,
/// `frust`); shorter heads (`haft`, `lied`) match too much by chance.
const MIN_HEAD_CHARS: usize = 5;
/// In a lowercase word, a head in `-en`/`-ern` shorter than this is taken
/// for a verb with a prefix, not a compound head (`wieder|holen`)…
const MIN_LOWERCASE_VERB_HEAD_CHARS: usize = 9;
/// …and the first part must have at least this many characters.
const MIN_LOWERCASE_MODIFIER_CHARS: usize = 4;
/// The inflections a superlative's `-st` takes (`-ste`, `-sten`, …).
const SUPERLATIVE_INFLECTIONS: &[&str] = &["e", "en", "er", "es", "em"];
/// The shortest adjective a superlative is taken of (`mies`, `fies`);
/// shorter ones would make nouns (`Feste`, `Gäste`, `Kosten`) superlatives.
const MIN_SUPERLATIVE_BASE: usize = 4;
/// A word must have at least this many characters to be stemmed.
const MIN_STEM_CHARS: usize = 4;
/// Heads that are really derivational endings or frequent second parts
/// with a meaning of their own (`Frankreich`, `beispielsweise`,
/// `großartig`, `Gesellschaft`): splitting there guesses wrong far more
/// often than right.
const SUFFIX_HEADS: &[&str] = &[
    // `-loser` is an adjective in `-los` (`reibungsloser`, `beispielloser`),
    // not the English `loser`.
    "los",
    "reich",
    "weise",
    "artig",
    "haft",
    "heit",
    "keit",
    "schaft",
    "wendig",
    "gabe",
    "sachlich",
    "logisch",
    "gesetzt",
    "besondere",
    "maessig",
    "voll",
    "volle",
    "lich",
    "liche",
    "samkeit",
    "fertig",
    "bereit",
    "staerke",
    "kraft",
    "zeug",
    "werk",
    "stand",
    "bestand",
    "schutz",
    "haltig",
    "gemaess",
    "achten",
    "rechte",
    "recht",
    "dicht",
    "tragen",
    "treue",
    "liebe",
    "freie",
    "freien",
    "gruppe",
    "punkt",
    "leiter",
];
/// …and the part before it at least this many.
const MIN_MODIFIER_CHARS: usize = 3;
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The layers of one analyzer: user lexicons first, the default last.
#[derive(Clone, Debug)]
pub(crate) struct Layers {
    layers: Vec<Lexicon>,
    /// Identifies this stack in the per-thread word memo.
    id: u64,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// What the layers know about a word on its own: its entry, and what the
/// scoring rules need to know of it. Depends on the word alone, so the
/// analyzer remembers it per distinct word.
#[derive(Clone, Debug)]
pub(crate) struct WordLookup {
    pub found: Option<Found>,
    /// Whether the word's folded form starts a phrase entry…
    pub starts_phrase: bool,
    /// …or follows another word in one.
    pub continues_phrase: bool,
    /// The word's classes for the scoring rules.
    pub class: WordClass,
}

/// Reused buffers for one thread.
#[derive(Default)]
struct Scratch {
    folded: String,
    phrase: String,
    /// Per layer, whether the phrase read so far may go on in it.
    open: Vec<bool>,
    /// A compound's first part being tried, folded (heads are read from
    /// `refolded`).
    first_part: String,
    /// A compound head with the `-` of a compound-part entry before it.
    dashed: String,
    /// The characters of a word being split, with their byte offsets…
    chars: Vec<(usize, char)>,
    /// …the word folded character by character…
    refolded: String,
    /// …and where each character's folded form starts in it.
    folded_at: Vec<usize>,
    squeezed: String,
    stemmer: Option<Stemmer>,
}

impl Layers {
    pub(crate) fn new(layers: Vec<Lexicon>) -> Layers {
        Layers { layers, id: NEXT_ID.fetch_add(1, Ordering::Relaxed) }
    }

    pub(crate) fn lexicons(&self) -> &[Lexicon] {
        &self.layers
    }

    /// Identifies these layers (and not a clone of their lexicons with
    /// other ones) among all layers made in this process.
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    fn form(&self, key: &str) -> Option<Entry> {
        self.layers.iter().find_map(|l| l.form(key))
    }

    /// [`Layers::form`] of `-head`, without writing it.
    fn dashed_form(&self, head: &str) -> Option<Entry> {
        self.layers.iter().find_map(|l| l.dashed_form(head))
    }

    fn may_have_stem(&self, folded: &str) -> bool {
        self.layers.iter().any(|l| l.may_have_stem(folded))
    }

    fn stem(&self, key: &str) -> Option<(Entry, usize)> {
        self.layers.iter().find_map(|l| l.stem(key))
    }

    /// The lexicon entry of word token `i`: the longest phrase that starts
    /// there (`nie wieder`, `bringt nichts`; phrases run over consecutive
    /// words only) with the index of its last token, else the word's own
    /// entry with `i`.
    pub(crate) fn word_at(&self, tokens: &[Token<'_>], i: usize) -> Option<(Found, usize)> {
        let word = self.look_up_word(tokens[i].text);
        let continues = |next: &Token<'_>| self.look_up_word(next.text).continues_phrase;
        self.phrase_from(tokens, i, word.starts_phrase, continues)
            .or_else(|| word.found.map(|f| (f, i)))
    }

    /// The longest phrase that starts at word token `i`, whose lookup is
    /// `word`, if any. `continues(next)` tells whether the next token (a
    /// word) follows another in some phrase ([`WordLookup::continues_phrase`]);
    /// it is asked only if `word` starts one. Most words that start phrases
    /// (`nicht`, `zu`) are followed by none, and are done without reading
    /// further.
    pub(crate) fn phrase_from(
        &self,
        tokens: &[Token<'_>],
        i: usize,
        starts_phrase: bool,
        continues: impl FnOnce(&Token<'_>) -> bool,
    ) -> Option<(Found, usize)> {
        let next = tokens.get(i + 1)?;
        if !starts_phrase || next.kind != TokenKind::Word || !continues(next) {
            return None;
        }
        SCRATCH.with(|s| self.phrase_at(&mut s.borrow_mut(), tokens, i))
    }

    /// The longest phrase starting at token `i`, given that its first word
    /// starts some phrase.
    fn phrase_at(&self, s: &mut Scratch, tokens: &[Token<'_>], i: usize) -> Option<(Found, usize)> {
        let Scratch { phrase, folded, open, .. } = s;
        normalize::fold_into(tokens[i].text, phrase);
        // Read word by word, in each layer while what is read so far begins
        // one of its phrases (two hash lookups a word and layer; walking
        // the fst map byte by byte cost five times as much). The first
        // layer, in order, that has the phrase decides, as for single
        // words.
        open.clear();
        open.extend(self.layers.iter().map(|l| l.is_phrase_prefix(phrase)));
        let mut best = None;
        for (j, t) in tokens.iter().enumerate().skip(i + 1).take(super::MAX_PHRASE_WORDS - 1) {
            if t.kind != TokenKind::Word {
                break;
            }
            normalize::fold_into(t.text, folded);
            phrase.push(' ');
            phrase.push_str(folded);
            let mut entry = None;
            for (layer, open) in self.layers.iter().zip(open.iter_mut()) {
                if *open {
                    entry = entry.or_else(|| layer.form(phrase));
                    *open = layer.is_phrase_prefix(phrase);
                }
            }
            if let Some(entry) = entry {
                best = Some((Found { entry, via: Via::Surface, key: phrase.as_str().into() }, j));
            }
            if !open.contains(&true) {
                break;
            }
        }
        best
    }

    /// The whole cascade for one word, hashtag body, emoji or emoticon.
    pub(crate) fn look_up_word(&self, text: &str) -> WordLookup {
        SCRATCH.with(|s| {
            let s = &mut *s.borrow_mut();
            // Folded once: every step of the cascade starts from it.
            normalize::fold_into(text, &mut s.folded);
            self.look_up_in(s, text)
        })
    }

    /// [`Layers::look_up_word`] of `text`, whose folded form (as
    /// [`normalize::fold_into`] writes it) is `folded`.
    pub(crate) fn look_up_folded(&self, text: &str, folded: &str) -> WordLookup {
        SCRATCH.with(|s| {
            let s = &mut *s.borrow_mut();
            s.folded.clear();
            s.folded.push_str(folded);
            self.look_up_in(s, text)
        })
    }

    /// [`Layers::look_up_word`] of `text`, with `s.folded` holding it
    /// folded.
    fn look_up_in(&self, s: &mut Scratch, text: &str) -> WordLookup {
        let starts_phrase = self.layers.iter().any(|l| l.is_phrase_prefix(&s.folded));
        let continues_phrase = self.layers.iter().any(|l| l.is_phrase_word(&s.folded));
        let found = self.cascade(s, text);
        WordLookup { found, starts_phrase, continues_phrase, class: WordClass::of(text) }
    }

    /// Surface form, de-elongated form, then the deep lookup. `s.folded`
    /// holds `text` folded.
    fn cascade(&self, s: &mut Scratch, text: &str) -> Option<Found> {
        if let Some(entry) = self.form(&s.folded) {
            return found(entry, Via::Surface, &s.folded);
        }
        if normalize::is_elongated(&s.folded) {
            for max_run in [2, 1] {
                normalize::squeeze_into(&s.folded, max_run, &mut s.squeezed);
                if let Some(entry) = self.form(&s.squeezed) {
                    return found(entry, Via::Elongated, &s.squeezed);
                }
            }
        }
        if text.len() > MAX_SPLIT_LEN || !text.chars().next().is_some_and(char::is_alphabetic) {
            return None;
        }
        self.deep_lookup(s, text)
    }

    /// The expensive part of the cascade: stem, hyphen parts, compounds.
    /// `s.folded` holds `text` folded.
    fn deep_lookup(&self, s: &mut Scratch, text: &str) -> Option<Found> {
        let stemmer = s.stemmer.get_or_insert_with(Stemmer::new);
        if let Some((modifier, head)) = text.rsplit_once('-') {
            // Hyphenated compound: the head decides, a polar modifier
            // colours a neutral head (`Horror-Service`).
            if head.chars().count() >= 2 {
                // The hyphen marks the head as surely as a space would, so
                // it counts as found by its own form (or stem), not as a
                // guessed compound split.
                if let Some(f) = self.word(stemmer, head, &mut s.folded) {
                    if f.entry.kind == EntryKind::Valence && f.entry.weight != 0.0 {
                        return Some(f);
                    }
                }
            }
            let first = modifier.split('-').next().unwrap_or(modifier);
            return self.prefix(first, &mut s.folded);
        }
        if let Some(f) = self.superlative(&s.folded, &mut s.squeezed) {
            return Some(f);
        }
        if let Some(f) = self.stemmed(stemmer, text, &s.folded) {
            return Some(f);
        }
        if let Some(f) = self.verb_form(stemmer, text, &s.folded, &mut s.squeezed) {
            return Some(f);
        }
        self.compound(text, s)
    }

    /// Surface, then stem, of a single word (a hyphen part).
    fn word(&self, stemmer: &Stemmer, text: &str, folded: &mut String) -> Option<Found> {
        normalize::fold_into(text, folded);
        if let Some(entry) = self.form(folded) {
            return found(entry, Via::Surface, folded);
        }
        self.stemmed(stemmer, text, folded)
    }

    /// The stem's entry; `stem_input` is `text` folded: stemmed in
    /// transliterated form, like the keys (see compile.rs).
    fn stemmed(&self, stemmer: &Stemmer, text: &str, stem_input: &str) -> Option<Found> {
        // Too short to stem.
        text.chars().nth(MIN_STEM_CHARS - 1)?;
        if !self.may_have_stem(stem_input) {
            return None;
        }
        let stem = stemmer.stem(stem_input);
        let (entry, lemma_chars) = self.stem(&stem)?;
        // An inflection is at most one letter shorter than its lemma
        // (`hassen` → `hasst`); `sich` is no form of `sicher`.
        if stem_input.chars().count() + 1 < lemma_chars {
            return None;
        }
        Some(Found { entry, via: Via::Stem, key: stem.as_ref().into() })
    }

    /// The adjective of a superlative (`mieseste` → `mies`, `schlimmsten`
    /// → `schlimm`, `dümmste` → `dumm`, `allerübelste` → `übel`), when the
    /// lexicon knows it as negative. Snowball stems most superlatives to
    /// their adjective too, but a stem match is a guess and weighs less;
    /// the superlative is a sure form and says more (`das mieseste Gerät,
    /// das mir je untergekommen ist`). Positive superlatives keep the stem
    /// match: they are as often description as praise (`die stärkste
    /// Fraktion`, `der beliebteste Vorname`; strengthened, they turned 6 of
    /// 5,001 neutral Wikipedia sentences and 5 GermEval texts wrong, and
    /// none right). `base` is scratch.
    fn superlative(&self, folded: &str, base: &mut String) -> Option<Found> {
        // What follows `aller-` must still be a superlative (`allerlei`
        // is none).
        let word = folded
            .strip_prefix("aller")
            .filter(|w| w.len() >= MIN_SUPERLATIVE_BASE + "ste".len())
            .unwrap_or(folded);
        // Asked of every word the memo has not seen: one ending test
        // rejects most (`-e`, `-en`, … without `-st` before it).
        let stem = SUPERLATIVE_INFLECTIONS.iter().find_map(|i| word.strip_suffix(i))?;
        let stem = stem.strip_suffix("st")?;
        // `-este` after a stem in `-s`, `-t`, `-sch` (`mies|este`,
        // `schlecht|este`), `-ste` otherwise (`schlimm|ste`).
        for stem in [stem.strip_suffix('e'), Some(stem)].into_iter().flatten() {
            if stem.len() < MIN_SUPERLATIVE_BASE {
                continue;
            }
            base.clear();
            base.push_str(stem);
            if let Some(f) = self.negative_form(base) {
                return Some(f);
            }
            // Folded umlauts are two letters (`duemm`): the adjective has
            // the plain vowel (`dumm`).
            if let Some(at) = ["ae", "oe", "ue"].iter().filter_map(|u| stem.rfind(u)).max() {
                base.remove(at + 1);
                if let Some(f) = self.negative_form(base) {
                    return Some(f);
                }
            }
        }
        None
    }

    /// `adjective`'s entry, found as a superlative's, if it is negative.
    fn negative_form(&self, adjective: &str) -> Option<Found> {
        let entry = self.form(adjective)?;
        (entry.kind == EntryKind::Valence && entry.weight < 0.0).then(|| Found {
            entry,
            via: Via::Superlative,
            key: adjective.into(),
        })
    }

    /// Snowball leaves the `-t` forms of verbs alone (`hasst`, `missbraucht`,
    /// `enttäuscht`), so they miss the stem of their infinitive. Rebuild the
    /// infinitive (`hasst` → `hassen`, `gehasst` → `hassen`, `nervte` →
    /// `nerven`) and look that up.
    fn verb_form(
        &self,
        stemmer: &Stemmer,
        text: &str,
        folded: &str,
        infinitive: &mut String,
    ) -> Option<Found> {
        // German capitalises nouns, and nouns in `-t` (`Haut`, `Zeit`) are
        // no verb forms.
        let mut chars = text.chars();
        let capitalised =
            chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase);
        if capitalised {
            return None;
        }
        let word = folded;
        let base = ["test", "tet", "ten", "te", "t"]
            .iter()
            .find_map(|suffix| word.strip_suffix(suffix))
            .filter(|b| b.len() >= 3)?;
        let mut bases = vec![base];
        if let Some(b) = base.strip_prefix("ge").filter(|b| b.len() >= 3) {
            bases.push(b);
        }
        for base in bases {
            infinitive.clear();
            infinitive.push_str(base);
            infinitive.push_str(if base.ends_with('e') { "n" } else { "en" });
            if let Some(entry) = self.form(infinitive) {
                if entry.kind == EntryKind::Valence && entry.weight != 0.0 {
                    return found(entry, Via::Stem, infinitive);
                }
            }
            if !self.may_have_stem(infinitive) {
                continue;
            }
            let stem = stemmer.stem(infinitive);
            if let Some((entry, _)) = self.stem(&stem) {
                return Some(Found { entry, via: Via::Stem, key: stem.as_ref().into() });
            }
        }
        None
    }

    fn prefix(&self, part: &str, folded: &mut String) -> Option<Found> {
        normalize::fold_into(part, folded);
        folded.push('-');
        let entry = self.form(folded)?;
        (entry.kind == EntryKind::Prefix).then(|| Found {
            entry: Entry { kind: EntryKind::Valence, weight: entry.weight },
            via: Via::CompoundPart,
            key: folded.as_str().into(),
        })
    }

    /// Closed compounds: the longest polar head wins; else a polar first
    /// part (`Traumstrand`, `Schrottkarre`). `s.folded` holds `text`
    /// folded.
    fn compound(&self, text: &str, s: &mut Scratch) -> Option<Found> {
        let Scratch { folded, first_part, dashed, chars, refolded, folded_at, .. } = s;
        chars.clear();
        refolded.clear();
        folded_at.clear();
        // Folding goes character by character, so each head's folded form
        // is a tail of the word's: folded once here, not once per split.
        if text.is_ascii() {
            // Most words: one byte folds to one byte, and the cascade has
            // folded the word already.
            chars.extend(text.bytes().enumerate().map(|(at, b)| (at, char::from(b))));
            folded_at.extend(0..text.len());
            refolded.push_str(folded);
            debug_assert!({
                let mut again = String::new();
                normalize::fold_into(text, &mut again);
                again == *refolded
            });
        } else {
            for (at, c) in text.char_indices() {
                chars.push((at, c));
                folded_at.push(refolded.len());
                normalize::push_folded(c, refolded);
            }
        }
        let n = chars.len();
        // Nouns are capitalised; a lowercase word may be a verb form.
        let noun = chars.first().is_some_and(|c| c.1.is_uppercase());
        if n < MIN_MODIFIER_CHARS + MIN_HEAD_CHARS {
            return None;
        }
        for i in MIN_MODIFIER_CHARS..=n - MIN_HEAD_CHARS {
            if !noun && !lowercase_split_ok(&text[..chars[i].0], &text[chars[i].0..], n - i) {
                continue;
            }
            // The loop runs from the longest head to the shortest, so a
            // linking `s` (`Lebensfreude`: `sfreude`) is simply passed by.
            let head = &refolded[folded_at[i]..];
            if is_suffix_head(head) {
                continue;
            }
            // A head that is polar only inside compounds (`-wüste`: the
            // Sahara is no complaint, a `Servicewüste` is).
            if let Some(entry) = self.dashed_form(head).filter(|e| e.kind == EntryKind::Prefix) {
                let entry = Entry { kind: EntryKind::Valence, weight: entry.weight };
                dashed.clear();
                dashed.push('-');
                dashed.push_str(head);
                return found(entry, Via::CompoundPart, dashed);
            }
            // Heads by surface form only: a stem of a fragment is a guess.
            if let Some(entry) = self.form(head) {
                if entry.kind == EntryKind::Valence && entry.weight != 0.0 {
                    return found(entry, Via::CompoundHead, head);
                }
                // A known neutral head (`…bahn`, `…kunde`) makes the compound
                // neutral, whatever its first part.
                if entry.kind == EntryKind::Valence {
                    return self.prefix_of(text, chars, i, first_part);
                }
            }
        }
        None
    }

    fn prefix_of(
        &self,
        text: &str,
        chars: &[(usize, char)],
        head_at: usize,
        folded: &mut String,
    ) -> Option<Found> {
        // Try first parts from the longest down to the shortest.
        (MIN_MODIFIER_CHARS..=head_at)
            .rev()
            .find_map(|j| self.prefix(&text[..chars.get(j).map_or(text.len(), |c| c.0)], folded))
    }
}

/// Whether a lowercase word may be split before `head` (`n_head` chars).
/// Lowercase words are verb forms and adjectives (and nouns in tweets),
/// where most splits are chance endings: a participle's `ge` or a `zu`
/// infinitive is no joint (`zusammen|gebrochen`, `fortzu|setzen`), a verb
/// head has a prefix, not a first part (`wieder|holen`, `enga|gieren`), a
/// short first part is a prefix (`all|gemein`). Adjective heads in `-en`
/// (`kunden|feindlichen`) pass, and so do lowercased nouns
/// (`knall|idiot`, `schreib|fehler`).
fn lowercase_split_ok(modifier: &str, head: &str, n_head: usize) -> bool {
    const ADJECTIVE_ENDINGS: &[&str] =
        &["lichen", "igen", "ischen", "baren", "losen", "samen", "haften", "vollen"];
    let verb_head = (head.ends_with("en") || head.ends_with("ern"))
        && !ADJECTIVE_ENDINGS.iter().any(|e| head.ends_with(e));
    let participle = head.starts_with("ge") && (head.ends_with("en") || head.ends_with('t'));
    modifier.chars().count() >= MIN_LOWERCASE_MODIFIER_CHARS
        && !modifier.ends_with("ge")
        && !modifier.ends_with("zu")
        && !participle
        && (!verb_head || n_head >= MIN_LOWERCASE_VERB_HEAD_CHARS)
}

/// Whether a folded head is a derivational ending (in any inflection:
/// `-mäßigen` is `-mäßig`).
fn is_suffix_head(folded: &str) -> bool {
    // Every such head is short: the compound loop asks at each position,
    // and most heads leave here.
    if folded.len() > MAX_SUFFIX_HEAD_LEN + 2 {
        return false;
    }
    // Hashed: the compound loop asks at every split of every new word, and
    // six scans of the list cost 5 % of all instructions on text with a
    // large vocabulary (film reviews).
    static SET: LazyLock<rustc_hash::FxHashSet<&str>> =
        LazyLock::new(|| SUFFIX_HEADS.iter().copied().collect());
    SET.contains(folded)
        || ["en", "er", "es", "em", "e"]
            .iter()
            .any(|e| folded.strip_suffix(e).is_some_and(|b| SET.contains(b)))
}

/// The byte length of the longest of [`SUFFIX_HEADS`].
const MAX_SUFFIX_HEAD_LEN: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < SUFFIX_HEADS.len() {
        if SUFFIX_HEADS[i].len() > max {
            max = SUFFIX_HEADS[i].len();
        }
        i += 1;
    }
    max
};

fn found(entry: Entry, via: Via, key: &str) -> Option<Found> {
    Some(Found { entry, via, key: key.into() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layers() -> Layers {
        Layers::new(vec![Lexicon::german()])
    }

    fn via(word: &str) -> Option<(Via, f64)> {
        layers().look_up_word(word).found.map(|f| (f.via, f.entry.weight))
    }

    proptest::proptest! {
        /// What `compound` relies on: folded character by character, a
        /// word's tail is the folded form of the word's tail; an ASCII
        /// word's folded form is as long as the word.
        #[test]
        fn a_folded_tail_is_the_tail_folded(word in "[a-zA-ZäöüÄÖÜßẞ`´’İΣ\u{ad}\u{200b}-]{0,12}") {
            let mut whole = String::new();
            let mut starts = Vec::new();
            for c in word.chars() {
                starts.push(whole.len());
                normalize::push_folded(c, &mut whole);
            }
            let mut tail = String::new();
            for ((at, _), start) in word.char_indices().zip(starts) {
                normalize::fold_into(&word[at..], &mut tail);
                proptest::prop_assert_eq!(&whole[start..], tail.as_str());
            }
            // The ASCII shortcut: a byte folds to one byte, as the whole.
            if word.is_ascii() {
                normalize::fold_into(&word, &mut tail);
                proptest::prop_assert_eq!((tail.len(), tail.as_str()), (word.len(), whole.as_str()));
            }
        }
    }

    #[test]
    fn surface_and_umlaut_spellings() {
        let (v, w) = via("schön").unwrap();
        assert_eq!(v, Via::Surface);
        assert!(w > 0.0);
        assert_eq!(via("schoen"), via("schön"));
        assert_eq!(via("SCHÖN"), via("schön"));
    }

    #[test]
    fn superlatives_of_negative_adjectives_are_sure_forms() {
        for (word, adjective) in [
            ("mieseste", "mies"),
            ("schlechtesten", "schlecht"),
            ("Schlimmste", "schlimm"),
            ("allerschlimmsten", "schlimm"),
            ("dümmste", "dumm"),
        ] {
            let found = layers().look_up_word(word).found.unwrap();
            assert_eq!(found.via, Via::Superlative, "{word}");
            assert_eq!(Some(found.entry.weight), via(adjective).map(|(_, w)| w), "{word}");
            assert!(found.entry.weight < 0.0);
        }
        // A positive superlative stays a stem match (`die stärkste
        // Fraktion` describes), and nouns in `-ste`, `-sten` are no
        // superlatives.
        assert_ne!(via("schönste").map(|(v, _)| v), Some(Via::Superlative));
        for noun in ["Gäste", "Kosten", "Feste", "Wüste", "Fenster", "Meister", "Liste"] {
            assert_ne!(via(noun).map(|(v, _)| v), Some(Via::Superlative), "{noun}");
        }
    }

    #[test]
    fn elongation() {
        assert_eq!(via("suuuuper").unwrap().0, Via::Elongated);
        assert_eq!(via("tolllll").unwrap().0, Via::Elongated);
    }

    #[test]
    fn inflected_forms_via_stem() {
        let (v, w) = via("enttäuschende").unwrap();
        assert_eq!(v, Via::Stem);
        assert!(w < 0.0);
    }

    #[test]
    fn t_forms_of_verbs() {
        for word in ["hasst", "gehasst", "enttäuscht", "nervte"] {
            let (v, w) = via(word).unwrap_or_else(|| panic!("{word} not found"));
            assert!(w < 0.0, "{word}: {v:?} {w}");
        }
    }

    #[test]
    fn words_that_end_in_a_polar_word_are_no_compounds_of_it() {
        // Found by listing every compound-head hit on the ../shared texts;
        // a neutral head (`marsch`, `kleider`, `regelungen`) blocks all the
        // compounds ending in it.
        for word in [
            "Abenteuer",
            "Getränke",
            "Sommerkleider",
            "Koalitionsgesprächen",
            "Aufmarsch",
            "Kulanzregelungen",
            "Grundgedanke",
            "harmloser",
            "reibungsloser",
            "Kleiderschränke",
            "Gepäckstücke",
            "baugleiche",
            "Altersvorsorge",
            "Beschützerinstinkt",
            "Reflektion",
            "Staatsangehörigkeit",
            "Dauerregen",
        ] {
            assert!(via(word).is_none_or(|(_, w)| w == 0.0), "{word}: {:?}", via(word));
        }
        // Real compounds keep their head's polarity.
        for word in ["Logikfehler", "Streckensperrung", "Knallidiot"] {
            assert!(via(word).is_some_and(|(v, w)| v == Via::CompoundHead && w < 0.0), "{word}");
        }
    }

    #[test]
    fn stem_collision_is_blocked_by_surface() {
        // `schon` (already) must not inherit `schön` through the stem.
        assert!(via("schon").is_none_or(|(_, w)| w == 0.0));
    }

    #[test]
    fn compounds() {
        let (v, w) = via("Servicewüste").unwrap();
        assert_eq!(v, Via::CompoundPart);
        assert!(w < 0.0);
        // A guessed head: an ordinary polar word at the end of a compound.
        let (v, w) = via("Lieferverzögerung").unwrap();
        assert_eq!(v, Via::CompoundHead);
        assert!(w < 0.0);
        let (v, w) = via("Horror-Service").unwrap();
        assert_eq!(v, Via::CompoundPart);
        assert!(w < 0.0);
        let (v, w) = via("Spitzen-Service").unwrap();
        assert_eq!(v, Via::CompoundPart);
        assert!(w > 0.0);
    }

    #[test]
    fn dashed_heads_of_a_users_layer() {
        // Heads that share a first letter and differ in length: the filter
        // in front of the map must let each through, and refuse the rest.
        let user = Lexicon::from_tsv(
            "heads.tsv",
            "-tempel\t-2\tprefix\n-tempelchen\t1.5\tprefix\n-t\t-1\tprefix\n",
        )
        .unwrap();
        let layers = Layers::new(vec![user, Lexicon::german()]);
        let via = |w: &str| layers.look_up_word(w).found.map(|f| (f.via, f.entry.weight, f.key));
        assert_eq!(via("Konsumtempel"), Some((Via::CompoundPart, -2.0, "-tempel".into())));
        assert_eq!(via("Konsumtempelchen"), Some((Via::CompoundPart, 1.5, "-tempelchen".into())));
        assert_eq!(via("Servicewüste").map(|f| f.0), Some(Via::CompoundPart), "the default's");
        assert!(via("Konsumtempelei").is_none_or(|f| f.0 != Via::CompoundPart));
    }

    #[test]
    fn lowercase_words_split_only_where_compounds_join() {
        // Chance endings of verb forms and adjectives are no heads.
        for word in
            ["stehengeblieben", "zusammengebrochen", "fortzusetzen", "wiederholen", "allgemein"]
        {
            assert!(via(word).is_none_or(|(v, _)| v != Via::CompoundHead), "{word} was split");
        }
        // Adjective compounds and nouns written in lowercase still split.
        assert!(via("kundenunfreundlich").is_some_and(|(_, w)| w < 0.0));
        assert!(via("knallidiot").is_some_and(|(_, w)| w < 0.0));
        assert!(via("schreibfehler").is_some_and(|(_, w)| w < 0.0));
    }

    #[test]
    fn derivational_endings_in_any_inflection_are_no_heads() {
        assert!(via("regelmäßigen").is_none_or(|(_, w)| w == 0.0));
    }

    #[test]
    fn huge_words_are_not_split() {
        let word = "a".repeat(10_000);
        assert!(via(&word).is_none());
    }
}
