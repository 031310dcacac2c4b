//! The scorer: turns tokens and their lexicon entries into sentence and
//! document scores.
//!
//! The model is VADER's (sum of term valences, modified by rules, squashed
//! into [-1, 1]) with German rules: negation before the term and after a
//! finite verb (`Das gefällt mir nicht.`), the kein-paradigm, `weder … noch`,
//! idioms that deny the praise before them (`Schön ist anders`), litotes,
//! clause-scoped boosters, and contrast words that shift weight to the later
//! clause. The README's "Scorer" stage explains the choices.

mod weights;

use std::ops::Range;

pub use weights::{Thresholds, Weights};

use crate::analysis::{Hit, Label, Rule, Rules, Sentence};
use crate::lexicon::{EntryKind, Found, Layers, Via};
use crate::token::{Token, TokenKind};
use crate::word_class::{is_one_of, starts_with_ignore_case, WordClass};
use crate::word_memo::WordMemo;

/// What a token means to the rules.
#[derive(Clone, Debug)]
enum Role {
    None,
    /// A polar term: its entry (an index into [`ScoreScratch::found`])
    /// and its last token (phrases span several). An index, not the
    /// `Found` itself: a role is written for every token, and this keeps
    /// it at 16 bytes instead of 48.
    Polar(u32, usize),
    /// A word inside a phrase whose first token carries the entry.
    InPhrase,
    /// `post`: also negates a polar word before it in its clause.
    Negator {
        post: bool,
    },
    Booster(f64),
    /// `aber`, `trotzdem`: what follows weighs more.
    Contrast,
    /// `obwohl`: the clause it opens weighs less.
    Concessive,
    /// An idiom that denies the praise before it (`sieht anders aus`):
    /// its entry and last token, until [`Scorer::denials`] settles what it
    /// does.
    Denial(u32, usize),
}

/// A rule that revises the roles of a document's tokens.
type RoleRule<'s> = fn(&Scorer<'s>, &[Token<'_>], &mut ScoreScratch);

/// Per-document working memory, reused across documents of one thread.
#[derive(Default)]
pub(crate) struct ScoreScratch {
    roles: Vec<Role>,
    /// The entries of the polar roles.
    found: Vec<Found>,
    /// Each token's word classes (none for other kinds of token).
    classes: Vec<WordClass>,
    /// All classes that occur in the document: a rule whose trigger word
    /// does not occur is skipped.
    present: WordClass,
    /// How many tokens are words…
    words: usize,
    /// …and how many of them are all capitals.
    shouted: usize,
    /// Whether some token is a contrast or concessive word.
    contrasts: bool,
    /// A word lowercased for a second lookup.
    lowered: String,
    /// Whether the phrase `nie wieder` occurs.
    never_again: bool,
    /// Whether some token is a denial (`sieht anders aus`)…
    denials: bool,
    /// …and the polar terms the denials deny.
    denied: Vec<usize>,
}

/// The scores of one document.
pub(crate) struct Scored {
    /// The squashed sum of all contributions.
    pub compound: f64,
    sum: f64,
    sentence_sums: Vec<f64>,
    neutral_words: usize,
    pub positive: f64,
    pub negative: f64,
    pub neutral: f64,
    pub sentences: Vec<Sentence>,
    pub hits: Vec<Hit>,
}

/// What the scoring of one polar term needs to know of its sentence.
struct HitContext<'r> {
    range: &'r Range<usize>,
    /// Where the sentence's weight shifts (see `contrast_point`).
    contrast_at: Option<usize>,
    /// Whether shouting stands out in the text.
    caps_count: bool,
}

/// Scores tokens against lexicon layers with a set of weights.
pub(crate) struct Scorer<'a> {
    pub layers: &'a Layers,
    pub weights: &'a Weights,
    pub thresholds: &'a Thresholds,
}

impl Scorer<'_> {
    pub(crate) fn label(&self, compound: f64) -> Label {
        self.thresholds.label(compound)
    }

    fn normalize(&self, sum: f64) -> f64 {
        let c = sum / (sum * sum + self.weights.alpha).sqrt();
        c.clamp(-1.0, 1.0)
    }

    pub(crate) fn score(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        sentences: &[Range<usize>],
        mask: &[bool],
        words: (&mut WordMemo, &[u32]),
        s: &mut ScoreScratch,
    ) -> Scored {
        self.assign_roles(tokens, sentences, mask, words, s);
        let w = self.weights;
        let words = s.words;
        // Shouting only stands out in a text that is not all capitals.
        let caps_count = s.shouted > 0 && s.shouted < words;

        // At most one hit per polar entry (the rules may have taken a few
        // roles back): sized once, a text dense with hits (a flood of
        // faces) does not copy its hits through every doubling.
        let mut hits = Vec::with_capacity(s.found.len());
        let mut out_sentences = Vec::with_capacity(sentences.len());
        let mut sums = Vec::with_capacity(sentences.len());
        let mut neutral_words = 0usize;
        let mut prev_first_hit = 0;
        for (si, range) in sentences.iter().enumerate() {
            let first_hit = hits.len();
            let neutral_before = neutral_words;
            let contrast_at = self.contrast_point(tokens, range, s);
            let mut sum = 0.0;
            // Sentence-level emphasis, counted on the way.
            let mut bangs = 0usize;
            let mut question = false;
            for i in range.clone() {
                match &s.roles[i] {
                    &Role::Polar(found, last) => {
                        let cx = HitContext { range, contrast_at, caps_count };
                        sum += self.hit(text, tokens, s, &cx, (i, last, found), &mut hits);
                    }
                    Role::InPhrase => {}
                    role => match tokens[i].kind {
                        TokenKind::Word
                            if !matches!(role, Role::Negator { .. } | Role::Booster(_)) =>
                        {
                            neutral_words += 1
                        }
                        TokenKind::Punct => match tokens[i].text {
                            "!" => bangs += 1,
                            "?" => question = true,
                            _ => {}
                        },
                        _ => {}
                    },
                }
            }
            // A sentence opening with a contrast word (`Aber …`, `Trotzdem …`)
            // outweighs the one before it.
            let opens_with_contrast = s.contrasts
                && range
                    .clone()
                    .find(|&i| tokens[i].kind == TokenKind::Word)
                    .is_some_and(|i| matches!(s.roles[i], Role::Contrast));
            if opens_with_contrast && si > 0 {
                if let Some(prev) = sums.last_mut() {
                    *prev *= w.contrast_before;
                }
                scale(
                    &mut hits[prev_first_hit..first_hit],
                    w.contrast_before,
                    Rule::BeforeContrast,
                );
            }
            // Sentence-level emphasis is spread over the sentence's hits, so
            // that the hits' contributions always add up to the score.
            let bangs = bangs.min(w.exclamation_max);
            if sum != 0.0 && bangs > 0 {
                let emphasized = sum + sum.signum() * w.exclamation * bangs as f64;
                scale(&mut hits[first_hit..], emphasized / sum, Rule::Exclamation);
                sum = emphasized;
            }
            if question && w.question != 1.0 {
                sum *= w.question;
                scale(&mut hits[first_hit..], w.question, Rule::Question);
            }
            // A long factual sentence with one mild word is not as polar as
            // a short comment with it: discount by the sentence's neutral words.
            if w.dilution > 0.0 {
                let dilution = 1.0 + w.dilution * (neutral_words - neutral_before) as f64 / 10.0;
                sum /= dilution;
                scale(&mut hits[first_hit..], 1.0 / dilution, Rule::Diluted);
            }
            prev_first_hit = first_hit;
            sums.push(sum);
            let compound = self.normalize(sum);
            let (start, end) = (tokens[range.start].span.start, tokens[range.end - 1].span.end);
            out_sentences.push(Sentence { start, end, compound, label: self.label(compound) });
        }
        // The text's sum is taken from the sentence sums below.
        self.irony(text, &mut hits, &mut sums, &mut out_sentences);
        let mut scored = Scored {
            compound: 0.0,
            sum: sums.iter().sum(),
            sentence_sums: sums,
            neutral_words,
            positive: 0.0,
            negative: 0.0,
            neutral: 1.0,
            sentences: out_sentences,
            hits,
        };
        self.finish(&mut scored);
        scored
    }

    /// The contribution of the polar term from token `i` to `last`, found as
    /// entry `found`, pushed to `hits` and returned.
    /// Kept out of line: the sentence loop runs for every token and most
    /// are not polar; inlined, this body's values were set up for every
    /// token.
    #[inline(never)]
    fn hit(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        s: &ScoreScratch,
        cx: &HitContext<'_>,
        (i, last, found): (usize, usize, u32),
        hits: &mut Vec<Hit>,
    ) -> f64 {
        let (w, range, found) = (self.weights, cx.range, &s.found[found as usize]);
        let mut rules = Rules::new();
        let base = found.entry.weight;
        let mut v = base;
        match found.via {
            Via::Stem => {
                v *= w.stem_match;
                rules.push(Rule::Stem);
            }
            Via::Superlative => {
                v += v.signum() * w.superlative;
                rules.push(Rule::Superlative);
            }
            Via::CompoundHead => {
                v *= w.compound_match;
                rules.push(Rule::CompoundHead);
            }
            // An explicit compound-part entry is no guess: full weight.
            Via::CompoundPart => rules.push(Rule::CompoundPart),
            Via::Elongated => {
                v += v.signum() * w.elongation;
                rules.push(Rule::Elongated);
            }
            Via::Surface => {}
        }
        let is_face = matches!(tokens[i].kind, TokenKind::Emoji | TokenKind::Emoticon);
        if is_face {
            // A face comments on its whole sentence: no word before
            // it boosts or negates it.
            v *= w.emoji;
        } else {
            if cx.caps_count && s.classes[i].contains(WordClass::SHOUTED) {
                v += v.signum() * w.caps;
                rules.push(Rule::Caps);
            }
            v = self.boost(tokens, s, range.start, i, v, &mut rules);
            v = self.negate(tokens, s, range, i, v, &mut rules);
        }
        if let Some(c) = cx.contrast_at {
            if i < c {
                v *= w.contrast_before;
                rules.push(Rule::BeforeContrast);
            } else {
                v *= w.contrast_after;
                rules.push(Rule::AfterContrast);
            }
        }
        let (start, end) = (tokens[i].span.start, tokens[last].span.end);
        let term = &text[start..end];
        hits.push(Hit {
            start,
            end,
            term: if *found.key == *term { found.key.clone() } else { term.into() },
            key: found.key.clone(),
            valence: base,
            contribution: v,
            rules,
        });
        v
    }

    /// Sarcasm: `Danke!`, `Super, Bahn.`, `Na toll` standing alone in a
    /// text whose other hits are clearly negative. Each such interjection's
    /// contribution is multiplied by the (negative) `irony` weight, and its
    /// sentence is rescored. Returns by how much the text's sum moved.
    fn irony(
        &self,
        text: &str,
        hits: &mut [Hit],
        sums: &mut [f64],
        sentences: &mut [Sentence],
    ) -> f64 {
        let w = self.weights;
        // Only a text with a clearly negative hit can be sarcastic (a
        // praising interjection is positive, so it is never that hit), or
        // one with praise right after `Na` (`Na toll.`, `Na prima.`), which
        // is sarcastic on its own: most texts leave here without looking at
        // their words.
        let negative = hits.iter().any(|h| h.contribution <= -w.irony_evidence);
        if !negative && !hits.iter().any(|h| h.contribution > 0.0 && after_na(text, h.start)) {
            return 0.0;
        }
        // The interjections' first letters: a term starting with another
        // (a face, an emoji, most words) is none, without a lowercase copy.
        // A non-ASCII first letter is lowercased on its own (the Kelvin
        // sign `K` is a `k`).
        let starts_an_interjection = |b: u8| INTERJECTION_FIRST_BYTES >> b & 1 != 0;
        let may_be_interjection = |term: &str| match term.as_bytes().first() {
            Some(&b) if b.is_ascii() => starts_an_interjection(b.to_ascii_lowercase()),
            Some(_) => term
                .chars()
                .next()
                .and_then(|c| c.to_lowercase().next())
                .is_some_and(|c| c.is_ascii() && starts_an_interjection(c as u8)),
            None => false,
        };
        let is_interjection = |h: &Hit| {
            if h.contribution <= 0.0
                || !may_be_interjection(&h.term)
                || !IRONIC_INTERJECTIONS.contains(&h.term.to_lowercase().as_str())
            {
                return false;
            }
            let mut after = text[h.end..].trim_start_matches([' ', '\t']);
            if is_thanks(&h.term) {
                after = skip_addressee(after);
            }
            let stands_alone = after.is_empty()
                || after.starts_with([',', '!', '.', '…', '@', '\n', ')'])
                || after.starts_with("...");
            // It opens its sentence (after mentions, or `Na`): `…, danke!`
            // closing a report is sincere.
            let Some(sentence) = sentence_of(sentences, h.start).map(|si| &sentences[si]) else {
                return false;
            };
            let opens = text[sentence.start..h.start].split_whitespace().all(|w| {
                w.starts_with('@')
                    || w.eq_ignore_ascii_case("na")
                    || !w.contains(|c: char| c.is_alphanumeric())
            });
            // `…, na prima.` closes a sentence as sarcastically as it opens one.
            (opens || after_na(text, h.start)) && stands_alone
        };
        // A hit already turned (when experience hits were added later) is
        // not turned again. Most texts have no interjection: they leave
        // after one pass, without the list below.
        let ironic = |h: &Hit| is_interjection(h) && !h.rules.contains(&Rule::Ironic);
        if !hits.iter().any(ironic) {
            return 0.0;
        }
        let mut ironic: Vec<bool> = hits.iter().map(ironic).collect();
        let negative_elsewhere = negative
            && hits
                .iter()
                .zip(&ironic)
                .any(|(h, &ironic)| h.contribution <= -w.irony_evidence && !ironic);
        if !negative_elsewhere {
            // Without negative evidence, only `Na toll` and its kin.
            for (h, ironic) in hits.iter().zip(&mut ironic) {
                *ironic &= after_na(text, h.start);
            }
            if !ironic.contains(&true) {
                return 0.0;
            }
        }
        let mut moved = 0.0;
        for (h, _) in hits.iter_mut().zip(ironic).filter(|(_, ironic)| *ironic) {
            let old = h.contribution;
            h.contribution *= w.irony;
            h.rules.push(Rule::Ironic);
            if let Some(si) = sentence_of(sentences, h.start) {
                self.shift_sentence(&mut sentences[si], &mut sums[si], h.contribution - old);
                moved += h.contribution - old;
            }
        }
        moved
    }

    /// Moves a sentence's sum by `delta` and rescores the sentence.
    fn shift_sentence(&self, sentence: &mut Sentence, sum: &mut f64, delta: f64) {
        *sum += delta;
        sentence.compound = self.normalize(*sum);
        sentence.label = self.label(sentence.compound);
    }

    /// Adds hits that a later stage found (negative experiences), each
    /// with the index of its sentence, and updates the scores once, so that
    /// the hits still add up.
    pub(crate) fn add_hits(&self, text: &str, scored: &mut Scored, added: Vec<(usize, Hit)>) {
        if added.is_empty() {
            return;
        }
        for (si, hit) in added {
            scored.sum += hit.contribution;
            if let (Some(sum), Some(sentence)) =
                (scored.sentence_sums.get_mut(si), scored.sentences.get_mut(si))
            {
                self.shift_sentence(sentence, sum, hit.contribution);
            }
            scored.hits.push(hit);
        }
        // Stable: among equal starts, the lexicon hit stays first.
        scored.hits.sort_by_key(|h| h.start);
        // A reported experience is evidence of sarcasm too: `Danke, Bahn!
        // Sitzen in Göppingen fest.`
        scored.sum +=
            self.irony(text, &mut scored.hits, &mut scored.sentence_sums, &mut scored.sentences);
        self.finish(scored);
    }

    /// The document compound and the shares, from the sums and hits.
    fn finish(&self, scored: &mut Scored) {
        scored.compound = self.normalize(scored.sum);
        let pos: f64 = scored.hits.iter().map(|h| h.contribution.max(0.0)).sum();
        let neg: f64 = scored.hits.iter().map(|h| (-h.contribution).max(0.0)).sum();
        let all = pos + neg + scored.neutral_words as f64;
        // `+ 0.0` turns a negative zero (from scaled contributions) into 0.
        (scored.positive, scored.negative, scored.neutral) = if all > 0.0 {
            (pos / all + 0.0, neg / all + 0.0, scored.neutral_words as f64 / all)
        } else {
            (0.0, 0.0, 1.0)
        };
    }

    /// Where a sentence divides into a part that weighs less and a part
    /// that weighs more: at its last contrast word (`aber`), or at the end
    /// of a clause opened by a concessive word (`Obwohl …, …`).
    fn contrast_point(
        &self,
        tokens: &[Token<'_>],
        range: &Range<usize>,
        s: &ScoreScratch,
    ) -> Option<usize> {
        if !s.contrasts {
            return None;
        }
        let contrast = range.clone().rev().find(|&i| matches!(s.roles[i], Role::Contrast));
        if contrast.is_some() {
            return contrast;
        }
        let concessive = range.clone().find(|&i| matches!(s.roles[i], Role::Concessive))?;
        (concessive + 1..range.end).find(|&i| tokens[i].text == ",")
    }

    /// Classifies every token by its lexicon entry, and every word by its
    /// [`WordClass`]. `ids` numbers the tokens in `memo`, which keeps each
    /// word's lexicon entry once looked up.
    fn assign_roles(
        &self,
        tokens: &[Token<'_>],
        sentences: &[Range<usize>],
        mask: &[bool],
        (memo, ids): (&mut WordMemo, &[u32]),
        s: &mut ScoreScratch,
    ) {
        s.roles.clear();
        s.found.clear();
        s.classes.clear();
        s.present = WordClass::NONE;
        s.words = 0;
        s.shouted = 0;
        s.contrasts = false;
        s.never_again = false;
        s.denials = false;
        s.denied.clear();
        let mut phrase_end = 0;
        // The role of a negating phrase's last word (`alles andere als`).
        let mut phrase_tail = None;
        // Whether no word of the current sentence has been seen yet.
        let mut sentence_starts = sentences.iter().map(|r| r.start);
        let mut next_start = sentence_starts.next();
        let mut first_word = false;
        for (i, t) in tokens.iter().enumerate() {
            let is_word = t.kind == TokenKind::Word;
            s.words += usize::from(is_word);
            if next_start == Some(i) {
                first_word = true;
                next_start = sentence_starts.next();
            }
            let opens_sentence = is_word && std::mem::take(&mut first_word);
            // Masked tokens (boilerplate) carry no sentiment, and a phrase's
            // later words none of their own.
            let in_phrase = i < phrase_end;
            if in_phrase || mask.get(i).copied().unwrap_or(false) {
                s.roles.push(match in_phrase {
                    true if i + 1 == phrase_end => phrase_tail.take().unwrap_or(Role::InPhrase),
                    true => Role::InPhrase,
                    false => Role::None,
                });
                let class = if is_word {
                    memo.lexicon(ids[i], t.text, self.layers).class
                } else {
                    WordClass::NONE
                };
                s.classes.push(class);
                s.present |= class;
                s.shouted += usize::from(class.contains(WordClass::SHOUTED));
                continue;
            }
            if !is_word {
                s.classes.push(WordClass::NONE);
                let role = match t.kind {
                    TokenKind::Hashtag | TokenKind::Emoji | TokenKind::Emoticon => {
                        self.sign_role(t, ids[i], memo, s)
                    }
                    _ => Role::None,
                };
                s.roles.push(role);
                continue;
            }
            let word = memo.lexicon(ids[i], t.text, self.layers);
            s.classes.push(word.class);
            s.present |= word.class;
            s.shouted += usize::from(word.class.contains(WordClass::SHOUTED));
            // Most words start no phrase and are in no lexicon: their role
            // is settled here, from the one lookup.
            let role = match word.found {
                _ if word.starts_phrase => {
                    if let Some((role, last)) = self.phrase_role(tokens, i, (memo, ids), s) {
                        phrase_end = last + 1;
                        s.denials |= matches!(role, Role::Denial(..));
                        // A negating phrase negates from its last word, as
                        // a negating word would: `alles andere als gut`.
                        if matches!(role, Role::Negator { .. }) {
                            phrase_tail = Some(role);
                            s.roles.push(Role::InPhrase);
                        } else {
                            s.roles.push(role);
                        }
                        continue;
                    }
                    let found = memo.lexicon(ids[i], t.text, self.layers).found;
                    role_of(found, &mut s.found, i)
                }
                None if opens_sentence && may_be_hidden_verb(t.text) => {
                    self.hidden_verb_role(t.text, i, memo, s)
                }
                None => Role::None,
                found => role_of(found, &mut s.found, i),
            };
            s.contrasts |= matches!(role, Role::Contrast | Role::Concessive);
            s.denials |= matches!(role, Role::Denial(..));
            s.roles.push(role);
        }
        if s.never_again {
            self.never_again_a_bad_thing(tokens, s);
        }
        if s.denials {
            self.denials(tokens, s);
        }
        // Each rule only where its trigger word occurs, in this order.
        let rules: [(WordClass, RoleRule<'_>); 6] = [
            (WordClass::WEDER, Self::weder_noch),
            (WordClass::WENN, Self::conceding_wenn),
            (WordClass::NOCH_LANGE, Self::never_such),
            (WordClass::NUR_ENDEN, Self::nicht_nur),
            (WordClass::LIEBE, Self::salutations),
            (WordClass::KLASSE, Self::travel_class),
        ];
        for (trigger, rule) in rules {
            if s.present.contains(trigger) {
                rule(self, tokens, s);
            }
        }
    }

    /// The role of word `i` as the start of a phrase (`nie wieder`), if a
    /// phrase starts there, with the phrase's last token. Out of line, as
    /// are the two below: they are the rare paths of `assign_roles`' loop
    /// over every token, which stays small enough to keep its values in
    /// registers.
    #[inline(never)]
    fn phrase_role(
        &self,
        tokens: &[Token<'_>],
        i: usize,
        (memo, ids): (&mut WordMemo, &[u32]),
        s: &mut ScoreScratch,
    ) -> Option<(Role, usize)> {
        // Copied, as the phrase search asks the memo about the next words.
        let starts_phrase = memo.lexicon(ids[i], tokens[i].text, self.layers).starts_phrase;
        let continues =
            |next: &Token<'_>| memo.lexicon(ids[i + 1], next.text, self.layers).continues_phrase;
        let (found, last) = self.layers.phrase_from(tokens, i, starts_phrase, continues)?;
        s.never_again |= &*found.key == NEVER_AGAIN;
        // A polar phrase, a booster phrase (`ganz schön`, whose `schön` is
        // a degree word, no praise), a negating phrase (`alles andere als`)
        // and a denial have a role; the other rules read single words.
        let role = match found.entry.kind {
            EntryKind::Valence
            | EntryKind::Booster
            | EntryKind::Negator
            | EntryKind::NegatorBefore
            | EntryKind::Denial => role_of(Some(&found), &mut s.found, last),
            _ => Role::None,
        };
        Some((role, last))
    }

    /// A verb opening a sentence is capitalized like a noun (`Ärgert
    /// mich`, `Stört total`), which hides its `-t`, `-te`, `-ten` forms:
    /// asked again in lowercase.
    #[inline(never)]
    fn hidden_verb_role(
        &self,
        word: &str,
        i: usize,
        memo: &mut WordMemo,
        s: &mut ScoreScratch,
    ) -> Role {
        lowercase_first_into(word, &mut s.lowered);
        let found = memo.lexicon_of(&s.lowered, self.layers).found;
        role_of(found, &mut s.found, i)
    }

    /// The role of a hashtag (by its word), an emoji or an emoticon.
    #[inline(never)]
    fn sign_role(&self, t: &Token<'_>, id: u32, memo: &mut WordMemo, s: &mut ScoreScratch) -> Role {
        let i = s.roles.len();
        let (layers, entries) = (self.layers, &mut s.found);
        let word = if t.kind == TokenKind::Hashtag { t.key() } else { t.text };
        // Most signs are known as written: their entry is used in place.
        let role = if let Some(found) = memo.lexicon(id, word, layers).found {
            role_of(Some(found), entries, i)
        } else {
            let found = match t.kind {
                // Skin tones and other modifiers: the base emoji decides.
                TokenKind::Emoji => t.text.chars().next().and_then(|base| {
                    let mut buf = [0u8; 4];
                    memo.lexicon_of(base.encode_utf8(&mut buf), layers).found.cloned()
                }),
                // `:)))` → `:)`: a repeated mouth is the same face.
                TokenKind::Emoticon => memo.lexicon_of(&dedup_chars(t.text), layers).found.cloned(),
                _ => None,
            };
            role_of(found.as_ref(), entries, i)
        };
        s.contrasts |= matches!(role, Role::Contrast | Role::Concessive);
        s.denials |= matches!(role, Role::Denial(..));
        role
    }

    /// `Nie wieder Chaos`, `Nie wieder Krieg`: never again *a bad thing*
    /// wishes it gone. `nie wieder` then negates the thing instead of
    /// counting as a complaint of its own (`Nie wieder Bahn!`, where no bad
    /// thing follows, stays one).
    fn never_again_a_bad_thing(&self, tokens: &[Token<'_>], s: &mut ScoreScratch) {
        for i in 0..s.roles.len() {
            let Role::Polar(found, last) = s.roles[i] else { continue };
            let next = last + 1;
            let bad_thing = &*s.found[found as usize].key == NEVER_AGAIN
                && tokens.get(next).is_some_and(|t| t.kind == TokenKind::Word)
                && matches!(s.roles[next], Role::Polar(g, _) if s.found[g as usize].entry.weight < 0.0);
            if bad_thing {
                s.roles[i] = Role::Negator { post: false };
            }
        }
    }

    /// `Kundenfreundlichkeit sieht anders aus`, `Schön ist anders`, `Von
    /// Logik keine Spur`: a denial negates the positive words among the
    /// `denial_window` words before it in its clause, nouns too (which a
    /// closing `nicht` does not reach: it negates a verb), and then says
    /// nothing of its own: the denied words carry the meaning. With none
    /// to deny it counts as its weight (`Die Realität sieht anders aus`),
    /// or, weighing 0, negates what follows like `kein` (`keine Spur von
    /// Reue`). Followed by `als` it compares (`sieht ganz anders aus als
    /// die alte`) and denies nothing.
    fn denials(&self, tokens: &[Token<'_>], s: &mut ScoreScratch) {
        for d in 0..s.roles.len() {
            let Role::Denial(found, last) = s.roles[d] else { continue };
            // `sieht ganz anders aus als die alte` compares: it denies
            // nothing, and negates nothing after it either.
            let compares = tokens.get(last + 1).is_some_and(|t| t.text.eq_ignore_ascii_case("als"));
            let denied_before = s.denied.len();
            let reach = if compares { 0 } else { self.weights.denial_window };
            for j in (0..d).rev().take(reach) {
                if Self::is_clause_boundary(tokens, s, j) {
                    break;
                }
                // Only praise is denied: a bad word before the idiom is
                // ambiguous (`Von Horror keine Spur` is a complaint about a
                // horror film, `Von Stress keine Spur` a relief). And a
                // sentence adverb (`leider`) is the writer's comment, not
                // what the idiom denies.
                let praise = matches!(s.roles[j], Role::Polar(f, _)
                    if s.found[f as usize].entry.weight > 0.0);
                if praise && !is_sentence_adverb(tokens[j].text) {
                    s.denied.push(j);
                }
            }
            if s.denied.len() > denied_before {
                s.roles[d] = Role::InPhrase;
            } else if s.found[found as usize].entry.weight != 0.0 {
                s.roles[d] = Role::Polar(found, last);
            } else {
                // Negates from its last word, which may be its only one,
                // unless it compares.
                s.roles[d] = Role::InPhrase;
                if !compares {
                    s.roles[last] = Role::Negator { post: false };
                }
            }
        }
    }

    /// `1. Klasse`, `2.Klasse`, `erster Klasse`: a class of travel, not
    /// praise.
    fn travel_class(&self, tokens: &[Token<'_>], s: &mut ScoreScratch) {
        for i in 1..tokens.len() {
            if !tokens[i].text.eq_ignore_ascii_case("klasse") {
                continue;
            }
            let before = tokens[i - 1].text;
            let ordinal_word =
                is_one_of(before, &["erste", "erster", "ersten", "zweite", "zweiter", "zweiten"]);
            let ordinal_number = before == "."
                && i >= 2
                && tokens[i - 2].kind == TokenKind::Number
                && tokens[i - 2].span.end == tokens[i - 1].span.start;
            if ordinal_word || ordinal_number {
                s.roles[i] = Role::None;
            }
        }
    }

    /// How many tokens a reply's header (`Re: Deutsche Bahn
    /// Personenverkehr "Deutsche Bahn Personenverkehr`) may take before
    /// the comment opens.
    const REPLY_HEADER_TOKENS: usize = 12;

    /// `Liebe @DB_Bahn`, `Lieber Kunde,`, `Liebes Team`: a salutation at the
    /// start of a text or line (after a retweet's `RT @user:`, or within
    /// a forum reply's header, `Re: DB Bahn Liebe Bahn, …`) is no
    /// declaration of love.
    fn salutations(&self, tokens: &[Token<'_>], s: &mut ScoreScratch) {
        // Whether only mentions, `RT` and punctuation came since the start
        // of the line.
        let mut preamble = true;
        // A reply exported with its thread's title (`Re: <page or
        // subject>`, `AW: …`) opens with a few words of title before the
        // comment's own first word: a `Liebe` among them opens the comment.
        let reply_header = crate::token::reply_title_start(tokens).is_some();
        for i in 0..tokens.len().saturating_sub(1) {
            let t = &tokens[i];
            let at_line_start = preamble;
            preamble = match t.kind {
                TokenKind::LineBreak => true,
                TokenKind::Mention | TokenKind::Punct => preamble,
                _ => preamble && t.text == "RT",
            };
            // The word first: the rest is only asked of a `Liebe`.
            if !matches!(t.text, "Liebe" | "Lieber" | "Liebes" | "liebe" | "lieber" | "liebes") {
                continue;
            }
            // At the start of a text or line, or after a greeting (`Hallo
            // liebes Team`).
            let greeted =
                i > 0 && is_one_of(tokens[i - 1].text, &["hallo", "hi", "hey", "moin", "servus"]);
            let is_salutation =
                at_line_start || greeted || (reply_header && i < Self::REPLY_HEADER_TOKENS);
            let next = &tokens[i + 1];
            let addressee = next.kind == TokenKind::Mention
                || (next.kind == TokenKind::Word
                    && (greeted || next.text.starts_with(char::is_uppercase)));
            if is_salutation && addressee {
                s.roles[i] = Role::None;
            }
        }
    }

    /// `Auch wenn …, …` and `Selbst wenn …, …` concede like `obwohl`: the
    /// clause they open weighs less than the one after it.
    fn conceding_wenn(&self, tokens: &[Token<'_>], s: &mut ScoreScratch) {
        for i in 1..tokens.len() {
            let before = tokens[i - 1].text;
            if tokens[i].text.eq_ignore_ascii_case("wenn") && is_one_of(before, &["auch", "selbst"])
            {
                s.roles[i] = Role::Concessive;
                s.contrasts = true;
            }
        }
    }

    /// `Noch nie so einen schlechten Service erlebt`, `So was Langweiliges
    /// habe ich lange nicht gesehen`: never before *such* a thing stresses
    /// the thing instead of negating it. A `nie`/`nicht` after `noch` or
    /// `lange` is no negator when `so` (`sowas`, `solch…`) comes right after
    /// it or anywhere before it in the sentence. (`lange nicht so gut` with
    /// `so` after a `nicht` stays a negation: not nearly as good.)
    fn never_such(&self, tokens: &[Token<'_>], s: &mut ScoreScratch) {
        let is_such = |t: &Token<'_>| {
            t.kind == TokenKind::Word
                && (is_one_of(t.text, &["so", "sowas"]) || starts_with_ignore_case(t.text, "solch"))
        };
        // Whether a `so` came earlier in the sentence: a running flag, so
        // that the pass stays linear however long a sentence is.
        let mut such_before = false;
        for j in 0..tokens.len() {
            let t = &tokens[j];
            if t.kind == TokenKind::Punct && matches!(t.text, "." | "!" | "?") {
                such_before = false;
                continue;
            }
            if j > 0 && matches!(s.roles[j], Role::Negator { .. }) {
                let before = tokens[j - 1].text;
                let after_noch = before.eq_ignore_ascii_case("noch");
                if after_noch || before.eq_ignore_ascii_case("lange") {
                    let never = is_one_of(t.text, &["nie", "niemals"]);
                    let such_after =
                        after_noch && never && tokens[j + 1..].iter().take(2).any(is_such);
                    if such_after || such_before {
                        s.roles[j] = Role::None;
                    }
                }
            }
            such_before |= is_such(t);
        }
    }

    /// `nicht nur … sondern auch` is no negation, and neither is `nicht
    /// enden wollend` (never-ending).
    fn nicht_nur(&self, tokens: &[Token<'_>], s: &mut ScoreScratch) {
        for i in 0..tokens.len().saturating_sub(1) {
            if !matches!(s.roles[i], Role::Negator { .. }) || tokens[i + 1].kind != TokenKind::Word
            {
                continue;
            }
            let next = tokens[i + 1].text;
            // `nicht enden wollende`, `nicht endende`
            let never_ending = (next.eq_ignore_ascii_case("enden")
                && tokens.get(i + 2).is_some_and(|t| starts_with_ignore_case(t.text, "wollend")))
                || starts_with_ignore_case(next, "endend");
            if next.eq_ignore_ascii_case("nur") || never_ending {
                s.roles[i] = Role::None;
            }
        }
    }

    /// In `weder … noch`, `noch` negates like `weder`.
    fn weder_noch(&self, tokens: &[Token<'_>], s: &mut ScoreScratch) {
        let mut open = false;
        for (i, t) in tokens.iter().enumerate() {
            if t.kind == TokenKind::Punct && matches!(t.text, "." | "!" | "?" | ";") {
                open = false;
            } else if t.kind == TokenKind::Word {
                if t.text.eq_ignore_ascii_case("weder") {
                    open = true;
                } else if open && t.text.eq_ignore_ascii_case("noch") {
                    s.roles[i] = Role::Negator { post: false };
                    open = false;
                }
            }
        }
    }

    /// Whether token `j` bounds a clause, which bounds negation and booster
    /// scope: a boundary is a clause of its own. Asked only around polar
    /// terms, a few tokens each, rather than numbering every token's clause
    /// in a pass of its own.
    fn is_clause_boundary(tokens: &[Token<'_>], s: &ScoreScratch, j: usize) -> bool {
        match tokens[j].kind {
            TokenKind::Punct => matches!(
                tokens[j].text,
                "," | ";" | ":" | "." | "!" | "?" | "(" | ")" | "–" | "—" | "-" | "…" | "\""
            ),
            TokenKind::LineBreak => true,
            TokenKind::Word => s.classes[j].contains(WordClass::CLAUSE),
            _ => false,
        }
    }

    /// Boosters and dampeners in the words before `i`, within its clause.
    fn boost(
        &self,
        tokens: &[Token<'_>],
        s: &ScoreScratch,
        from: usize,
        i: usize,
        v: f64,
        rules: &mut Rules,
    ) -> f64 {
        let w = self.weights;
        let mut v = v;
        if Self::is_clause_boundary(tokens, s, i) {
            return v;
        }
        let mut distance = 0;
        for j in (from..i).rev() {
            if Self::is_clause_boundary(tokens, s, j) {
                break;
            }
            distance += 1;
            if distance > w.booster_window {
                break;
            }
            if let Role::Booster(b) = s.roles[j] {
                // VADER's decay: farther boosters count a little less.
                let decay = 1.0 - 0.05 * (distance - 1) as f64;
                let scale = if b > 0.0 { w.intensifier } else { w.dampener };
                let delta = b * scale * decay;
                // A dampener never flips a term's sign.
                let new = v + v.signum() * delta;
                v = if new.signum() == v.signum() { new } else { 0.0 };
                rules.push(if b > 0.0 { Rule::Intensified } else { Rule::Dampened });
            }
        }
        v
    }

    /// Negation before `i` (within `negation_window` words of its clause) or
    /// after it (a negator closing the clause with no polar word of its own).
    fn negate(
        &self,
        tokens: &[Token<'_>],
        s: &ScoreScratch,
        range: &Range<usize>,
        i: usize,
        v: f64,
        rules: &mut Rules,
    ) -> f64 {
        let w = self.weights;
        if is_sentence_adverb(tokens[i].text) {
            return v;
        }
        let is_phrase = matches!(s.roles[i], Role::Polar(_, last) if last > i);
        let mut negated = false;
        let mut intensified_after_negator = false;
        let mut distance = 0;
        let own_clause = !Self::is_clause_boundary(tokens, s, i);
        for j in (range.start..i).rev().take_while(|_| own_clause) {
            if Self::is_clause_boundary(tokens, s, j) {
                break;
            }
            distance += 1;
            // Beyond the window only a negating pronoun still reaches the
            // term: as the subject it negates the whole predicate
            // (`Niemand bei der Hotline konnte mir helfen`).
            let beyond = distance > w.negation_window;
            if beyond && distance > PRONOUN_NEGATION_WINDOW {
                break;
            }
            // The nearest negator decides: in `weder freundlich noch
            // hilfsbereit` both words are negated once, not twice.
            match s.roles[j] {
                // The nearest negator decides, out of reach or not.
                Role::Negator { .. } if beyond && !is_one_of(tokens[j].text, NEGATING_PRONOUNS) => {
                    break
                }
                Role::Negator { .. } => {
                    negated = true;
                    // `lange nicht so gut`, `bei weitem nicht so gut`: not
                    // nearly as good, which softens nothing.
                    let far =
                        j > 0 && is_one_of(tokens[j - 1].text, &["lange", "längst", "weitem"]);
                    if far {
                        intensified_after_negator = false;
                    }
                    break;
                }
                _ if beyond => {}
                Role::Booster(b) if b > 0.0 => intensified_after_negator = true,
                // `nicht ganz`, `nicht so`, `nicht unbedingt`: not quite.
                Role::None if is_softener_under_negation(tokens[j].text) => {
                    intensified_after_negator = true
                }
                _ => {}
            }
        }
        let mut rule = Rule::Negated;
        if !negated && s.denied.contains(&i) {
            negated = true;
            rule = Rule::Denied;
        }
        // A phrase (`schon wieder`) is an adverbial, not the finite verb a
        // closing `nicht` negates.
        // Nor is a noun: `Den Grund für den Ausfall konnte die Bahn nicht
        // nennen` negates the naming, not the `Ausfall`.
        if !negated && !is_phrase && !is_noun(tokens, range, i) {
            negated = self.negated_after(tokens, s, range, i);
            rule = Rule::NegatedAfter;
        }
        if !negated {
            return v;
        }
        rules.push(rule);
        let mut v = if v > 0.0 {
            v * w.negation
        } else {
            rules.push(Rule::Litotes);
            -v * w.litotes
        };
        if rule == Rule::Negated && intensified_after_negator {
            v *= w.negated_intensifier;
            rules.push(Rule::NegatedIntensifier);
        }
        v
    }

    /// `Das gefällt mir nicht.`: a post-capable negator later in the clause
    /// that has no polar word of its own after it.
    fn negated_after(
        &self,
        tokens: &[Token<'_>],
        s: &ScoreScratch,
        range: &Range<usize>,
        i: usize,
    ) -> bool {
        if Self::is_clause_boundary(tokens, s, i) {
            return false;
        }
        let in_clause = |k: usize| !Self::is_clause_boundary(tokens, s, k);
        let mut j = i + 1;
        while j < range.end && in_clause(j) {
            match s.roles[j] {
                // `Das klappt leider nicht.`
                Role::Polar(..) if is_sentence_adverb(tokens[j].text) => {}
                Role::Polar(..) => return false,
                Role::Negator { post: true } => {
                    let rest = (j + 1..range.end).take_while(|&k| in_clause(k));
                    return !rest.into_iter().any(|k| matches!(s.roles[k], Role::Polar(..)));
                }
                _ => {}
            }
            j += 1;
        }
        false
    }
}

/// The role of a term found as `found`, whose last token is `last`
/// (phrases span several). A polar term's entry goes to `entries`.
fn role_of(found: Option<&Found>, entries: &mut Vec<Found>, last: usize) -> Role {
    let Some(f) = found else { return Role::None };
    // The entry kept, and its index. At most one entry per token: only a
    // text of over 4 GB could have more than u32::MAX, whose later terms
    // would then share entry u32::MAX rather than fail.
    let mut keep = || {
        entries.push(f.clone());
        u32::try_from(entries.len() - 1).unwrap_or(u32::MAX)
    };
    match f.entry.kind {
        EntryKind::Valence if f.entry.weight != 0.0 => Role::Polar(keep(), last),
        EntryKind::Denial => Role::Denial(keep(), last),
        EntryKind::Negator => Role::Negator { post: true },
        EntryKind::NegatorBefore => Role::Negator { post: false },
        EntryKind::Booster => Role::Booster(f.entry.weight),
        EntryKind::Contrast if f.entry.weight < 0.0 => Role::Concessive,
        EntryKind::Contrast => Role::Contrast,
        _ => Role::None,
    }
}

/// Whether word `i` is a noun as German writes one: capitalized (not all
/// capitals) and not opening its sentence.
fn is_noun(tokens: &[Token<'_>], range: &Range<usize>, i: usize) -> bool {
    let mut chars = tokens[i].text.chars();
    let capitalized = chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase);
    // Backwards, so that the scan stops at the word before (linear over a
    // sentence, however many mentions or marks open it).
    let opens = !tokens[range.start..i].iter().rev().any(|t| t.kind == TokenKind::Word);
    capitalized && !opens
}

/// The index of the sentence holding byte `at` (sentences are in text
/// order), by binary search.
fn sentence_of(sentences: &[Sentence], at: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.end <= at);
    sentences.get(i).filter(|s| s.start <= at).map(|_| i)
}

/// The lexicon key of the phrase `nie wieder`.
const NEVER_AGAIN: &str = "nie wieder";

/// Whether the word before byte `start` of `text` is `na` (`Na toll`,
/// `na prima`), commas and spaces between.
fn after_na(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t', ',']).as_bytes();
    match before {
        [.., n, a] if n.eq_ignore_ascii_case(&b'n') && a.eq_ignore_ascii_case(&b'a') => {
            // `na` is a word of its own, not the end of one (`Ana`, `Oma`…).
            let rest = &before[..before.len() - 2];
            rest.last().is_none_or(|b| !b.is_ascii_alphanumeric() && b.is_ascii())
        }
        _ => false,
    }
}

/// Negators that are the subject of their clause (`niemand`, `keiner`):
/// they negate the predicate however far it stands…
const NEGATING_PRONOUNS: &[&str] = &["niemand", "keiner"];
/// …within this many words. (filmstarts macro-F1 0.735 → 0.737, the other
/// sets unchanged.)
const PRONOUN_NEGATION_WINDOW: usize = 8;

/// Praise that, standing alone in a complaint, is sarcasm.
const IRONIC_INTERJECTIONS: &[&str] = &[
    "danke",
    "dankeschön",
    "super",
    "toll",
    "klasse",
    "prima",
    "bravo",
    "spitze",
    "großartig",
    "herrlich",
    "wunderbar",
    "glückwunsch",
    "herzlichen glückwunsch",
    "vielen dank",
    "besten dank",
];

/// Bit `b` set for each first byte `b` of [`IRONIC_INTERJECTIONS`] (all
/// ASCII): a hit whose term starts with another ASCII byte is tested by
/// one shift.
const INTERJECTION_FIRST_BYTES: u128 = {
    let mut bits = 0u128;
    let mut i = 0;
    while i < IRONIC_INTERJECTIONS.len() {
        let first = IRONIC_INTERJECTIONS[i].as_bytes()[0];
        assert!(first.is_ascii_lowercase());
        bits |= 1 << first;
        i += 1;
    }
    bits
};

/// Thanks (and congratulations): `Danke` may name whom it thanks (`Danke
/// Deutsche Bahn!`) and still stand alone, `Super Film!` may not; and the
/// experience detector does not count thanks opening a sentence as praise.
const THANKS: &[&str] = &[
    "danke",
    "dankeschön",
    "vielen dank",
    "besten dank",
    "herzlichen dank",
    "glückwunsch",
    "herzlichen glückwunsch",
];

/// Whether a hit's term is thanks (see [`THANKS`]).
pub(crate) fn is_thanks(term: &str) -> bool {
    THANKS.contains(&term.to_lowercase().as_str())
}

/// `text` after an addressee of up to three capitalized words (`Deutsche
/// Bahn`, `DB`) when punctuation or the end follows it; else `text`.
fn skip_addressee(text: &str) -> &str {
    let mut rest = text;
    for _ in 0..3 {
        let word_end = rest.find(|c: char| !c.is_alphanumeric() && c != '-').unwrap_or(rest.len());
        let word = &rest[..word_end];
        if word.is_empty() || !word.starts_with(char::is_uppercase) {
            return text;
        }
        rest = &rest[word_end..];
        if rest.is_empty() || rest.starts_with([',', '!', '.', '…']) {
            return rest;
        }
        rest = match rest.strip_prefix(' ') {
            Some(r) => r,
            None => return text,
        };
    }
    text
}

/// Words that are no boosters on their own but soften a negation when they
/// stand between it and the term: `nicht ganz einwandfrei`, `nicht so gut`.
fn is_softener_under_negation(word: &str) -> bool {
    is_one_of(word, &["ganz", "so", "unbedingt", "allzu", "gerade", "immer"])
}

/// Sentence adverbs say how the writer feels about the whole statement
/// (`leider`, `hoffentlich`): a negation in the clause is not theirs, and
/// they do not stop a closing `nicht` from negating the verb.
fn is_sentence_adverb(word: &str) -> bool {
    is_one_of(
        word,
        &[
            "leider",
            "hoffentlich",
            "glücklicherweise",
            "bedauerlicherweise",
            "dummerweise",
            "blöderweise",
            "unglücklicherweise",
            "erfreulicherweise",
            "schade",
        ],
    )
}

/// Whether `word` is capitalized and ends like the verb forms the lexicon
/// does not look for in a capitalized word (nouns end so too: `Zeit`).
fn may_be_hidden_verb(word: &str) -> bool {
    let ends = |suffix: &str| {
        word.len() >= suffix.len()
            && word.as_bytes()[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    (ends("t") || ends("te") || ends("ten")) && word.chars().next().is_some_and(char::is_uppercase)
}

/// Writes `word` with its first letter lowercased into `out`.
fn lowercase_first_into(word: &str, out: &mut String) {
    out.clear();
    let mut chars = word.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_lowercase());
        out.push_str(chars.as_str());
    }
}

fn scale(hits: &mut [Hit], factor: f64, rule: Rule) {
    for h in hits {
        h.contribution *= factor;
        h.rules.push(rule);
    }
}

fn dedup_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    for c in s.chars() {
        if Some(c) != prev {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}
