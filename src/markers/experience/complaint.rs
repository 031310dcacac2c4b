//! The complaint without a cue: a clearly negative sentence in a text to a
//! company, in a story its writer tells, or in a review of a stay.

use std::ops::Range;

use crate::analysis::{Evidence, Flag, Hit, Sentence};
use crate::markers::{MarkerKind, MarkerSet, Match};
use crate::normalize;
use crate::token::{Token, TokenKind};

use super::voicing::{in_quote, quotes, supposes};
use super::words::{is_first_person, is_word_of, WordFacts, FIRST_PERSON, SHORT_TEXT};
use super::{context_around, speaks_of_anyone, ExperienceContext};

/// Words of worry, folded: a sentence whose only negative words are the
/// writer's worry (`Ich war so besorgt, dass ich Flixbus per E-Mail
/// kontaktierte`) finds no fault with anyone ([`complaint`]).
#[rustfmt::skip]
const WORRY: &[&str] = &[
    "besorgt", "sorge", "sorgen", "angst", "aengste", "aengstlich", "nervoes", "befuerchtet",
    "befuerchte", "befuerchtete", "befuerchtung", "bange", "panik", "mulmig", "aufgeregt",
];

/// Who a complaint without a cue is told to, which decides what makes a
/// negative sentence the writer's own report ([`complaint`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Voice {
    /// The text addresses a company (its account, a greeting, a reply on
    /// its page).
    ToCompany,
    /// The user says the text is first-hand.
    FirstHand,
    /// The text is a story of its writer's own ([`is_narrative`]).
    ///
    /// [`is_narrative`]: super::voicing::is_narrative
    Narrative,
    /// The text reviews a stay or a meal ([`reviews_a_stay`]).
    StayReview,
}

/// How negative (sentence compound, at most) a sentence must be to tell a
/// company of a bad experience without any cue.
const COMPLAINT_MAX: f64 = -0.3;

/// How negative a sentence of a review of a stay must be: leaning
/// negative will do, as reviews state faults plainly (`Das Bad wirklich
/// winzig`, `Die Bedienung war desorientiert`) and the subject must stand
/// in it or just before. (On the web sets, −0.15 found 4 more of 146
/// experiences than −0.3, and no false flag; −0.1 found none more.)
pub(super) const STAY_REVIEW_COMPLAINT_MAX: f64 = -0.15;

/// The pattern id of a complaint found by [`complaint`]: a rule, not a
/// pattern of the file.
pub(super) const COMPLAINT_RULE: &str = "complaint/to_company";

/// The pattern id of a complaint without a cue in a story its writer tells
/// ([`Voice::Narrative`]).
const NARRATIVE_COMPLAINT_RULE: &str = "complaint/narrative";

/// The pattern id of a complaint without a cue in a story that comments
/// on what the writer told just before (`… den nächstbesten Serviceladen
/// ausgesucht. Das war ein Fehler.`).
const NARRATIVE_COMMENT_RULE: &str = "complaint/narrative_comment";

/// The pattern id of a complaint without a cue in a review of a stay or
/// a meal ([`Voice::StayReview`]).
const STAY_REVIEW_COMPLAINT_RULE: &str = "complaint/stay_review";

/// The subject patterns of hotels and restaurants and of what a stay or a
/// meal there is made of ([`reviews_a_stay`]).
pub(super) const STAY_SUBJECTS: &[&str] = &[STAY_PLACES, "subject/aufenthalt"];

/// The subject pattern of hotels and restaurants themselves: a review of a
/// stay names one (a story of a `Tisch` and its `Stühle` may be of a
/// furniture store's).
const STAY_PLACES: &str = "subject/gastgewerbe";

/// In how many sentences a review of a stay names what it is about, at
/// least ([`reviews_a_stay`]).
const STAY_REVIEW_SENTENCES: usize = 2;

/// Whether a text reviews a stay or a meal: it names the hotel or the
/// restaurant, or what a stay or a meal there is made of, in
/// [`STAY_REVIEW_SENTENCES`] sentences or more (`Die Zimmer sind dunkel …
/// Das Bad war verdreckt … Die Bedienung war unfreundlich`), names one
/// place as such or tells in the past tense, and does not read as news
/// ([`reads_as_news`]). Such reviews speak as no one, and what they find
/// fault with the writer met: a sentence leaning negative
/// ([`STAY_REVIEW_COMPLAINT_MAX`]) that names its subject is a complaint
/// ([`complaint`]), as in a story.
pub(super) fn reviews_a_stay(
    set: &MarkerSet,
    matches: &[Match],
    cx: &ExperienceContext<'_>,
) -> bool {
    // Asked of the texts whose subjects are matched for it, whether or not
    // a cue asked for them too: the same text gets the same verdict.
    if !may_review(cx.text, cx.sentences) {
        return false;
    }
    let mut sentences = 0;
    let mut last = None;
    // The place named, and named as one place (`Das Hotel`, `unser
    // Zimmer`); or what the stay was made of, by two words at least.
    let (mut place, mut this_place) = (false, false);
    let mut aspect: Option<&str> = None;
    let mut aspects = false;
    for m in matches {
        let id = set.pattern(m.pattern).0.id.as_str();
        if !STAY_SUBJECTS.contains(&id) {
            continue;
        }
        if id == STAY_PLACES {
            place = true;
            this_place |= names_one_place(cx.tokens, m.first);
        } else {
            let word = cx.tokens[m.first].text;
            aspects |= aspect.is_some_and(|a| !a.eq_ignore_ascii_case(word));
            aspect.get_or_insert(word);
        }
        // Matches come in text order: distinct sentences are counted as
        // they change.
        if last != Some(m.sentence) {
            sentences += 1;
            last = Some(m.sentence);
        }
    }
    (place || aspects)
        && sentences >= STAY_REVIEW_SENTENCES
        && (this_place || cx.tokens.iter().any(|t| is_word_of(t, STAY_PAST)))
        && !reads_as_news(cx.tokens)
        && !speaks_of_anyone(cx.tokens)
}

/// Whether the place word at `i` names one place, the one the review is
/// of: after a definite, demonstrative or first-person determiner, maybe
/// with an adjective between (`Das Hotel ist riesig`, `unser kleines
/// Zimmer`; not `in einer Ferienwohnung`, `Ferienwohnungen`, `ihr
/// Ferienhaus`). Advice and warnings speak of places in general.
fn names_one_place(tokens: &[Token<'_>], i: usize) -> bool {
    let before = |n: usize| i.checked_sub(n).map(|j| &tokens[j]);
    let determiner = |t: Option<&Token<'_>>| t.is_some_and(|t| is_word_of(t, ONE_PLACE));
    determiner(before(1))
        || before(1)
            .is_some_and(|t| t.kind == TokenKind::Word && t.text.starts_with(char::is_lowercase))
            && determiner(before(2))
}

/// The determiners that make a place word name one place
/// ([`names_one_place`]).
#[rustfmt::skip]
const ONE_PLACE: &[&str] = &[
    "das", "der", "die", "dem", "den", "des", "dieses", "dieser", "diesem", "diesen", "diese",
    "unser", "unsere", "unserem", "unseren", "unserer", "mein", "meine", "meinem", "meinen",
    "meiner",
];

/// Whether a text tells of a stay as news does: in words of reporting
/// (`berichten`, `sagte`, `Sprecherin`, `Sachverständige`) and with no
/// first-person word. A review may say what it was told (`sagte man
/// uns`); a paper tells what others said or found (`beschreibt
/// "Drehscheibe"-Autor Carsten Hennig den Zustand des Drei-Sterne-Hotels`).
fn reads_as_news(tokens: &[Token<'_>]) -> bool {
    if !tokens.iter().any(|t| is_word_of(t, REPORTING)) {
        return false;
    }
    // The people a paper quotes may say `ich` (`„… mit meiner Karte …“,
    // sagt M.`): their words are not the writer's.
    let quoted = quotes(tokens);
    !tokens.iter().enumerate().any(|(i, t)| is_word_of(t, FIRST_PERSON) && !in_quote(&quoted, i))
}

/// Words of reporting: the verbs a paper quotes with and the people it
/// quotes ([`reads_as_news`]).
#[rustfmt::skip]
const REPORTING: &[&str] = &[
    "berichten", "berichtet", "berichtete", "berichteten", "sagt", "sagte", "sagten", "erzählt",
    "erzählte", "kritisieren", "kritisiert", "erklärt", "erklärte",
    "erklärten", "erwiderte", "beklagt", "beklagte", "kritisierte", "betonte", "teilte",
    "teilten", "mitteilen", "zufolge", "sprecher", "sprecherin", "reportage", "interview",
    "experte", "experten", "sachverständige", "sachverständiger", "geschäftsführer",
    "geschäftsführerin",
];

/// Verbs in the past tense a review tells its stay in (`Das Bad war
/// verdreckt`, `der Föhn ging nicht`) where it does not name its place as
/// one ([`names_one_place`]): advice and warnings speak in the present of
/// what may happen (`In Ferienwohnungen kann man böse
/// Überraschungen erleben`, `so manches Angebot entpuppt sich vor Ort als
/// Albtraum`).
#[rustfmt::skip]
const STAY_PAST: &[&str] = &[
    "war", "waren", "hatte", "hatten", "wurde", "wurden", "gab", "kam", "kamen", "bekam",
    "bekamen", "ging", "gingen", "fehlte", "fehlten", "funktionierte", "dauerte", "musste",
    "mussten", "saßen", "fanden", "gewesen",
];

/// Whether a text may review a stay or a meal ([`reviews_a_stay`]): it is
/// no short post and has the sentences. Only then are its subjects
/// matched for that question (tweets are most texts, and short).
pub(crate) fn may_review(text: &str, sentences: &[Range<usize>]) -> bool {
    text.len() > SHORT_TEXT && sentences.len() >= STAY_REVIEW_SENTENCES
}

/// A complaint without a cue: a text that speaks to a company's account
/// (`@DB_Bahn`, `@RMVdialog`; see [`find_service_account`]) or greets it
/// (`Liebe Bahn,`, see [`greeted_company`]) or comments on its page
/// (`Re: DB Bahn …`, see [`replied_company`]) and tells it,
/// in a clearly negative sentence with a first-person or time word, what
/// went wrong (`@DB_Bahn … Wo is die geblieben? Warum gibt es keine Info
/// hier? :(`, `Liebe @DB_Bahn, ALLE neuen IC-Doppelstockwagen, mit denen
/// ich bisher gefahren bin, waren fehlerhaft`; not `@DB_Bahn Die neuen
/// Sitze sind furchtbar`, which says neither who nor when). The context
/// word may stand in the sentence before, or be a first-person word in
/// the one after (`@DB_Bahn Gab ein technisches Problem und aus einer
/// Karte wurden 2.` after `10 Minuten vor Abfahrt.`), as for a cue. The
/// cues name what usually goes wrong; texts to a company's account tell
/// of everything else too. Asked only of a text with no cue flag, and not
/// of one with a boilerplate formula (there the company speaks, to its
/// customer's trouble), an opinion without a time word, a condition or
/// advice. The flag spans the sentence; its evidence is the account, the
/// context word and the negative terms.
///
/// A text that addresses no company may still name one (`named`, the
/// subject matches in text order), and `voice` says how it speaks. In a
/// first-hand text the company is the first subject named and no context
/// word is needed (its writer speaks throughout). In a story its writer
/// tells the sentence needs a first-person word of its own (`Ich war Opfer
/// einer versteckten Preiserhöhung`; not `Das Bußgeld kann 50 Euro
/// betragen` after `Ich bin gestern … gefahren`: a story tells of many
/// things besides its complaint), and a subject named in the window a
/// cue's subject may stand in, two sentences before it to one after (not
/// `Angefangen hatte es mit merkwürdigem Halsweh` of an illness, two
/// sentences before the `Arzt` it ends with) — or, without a first-person
/// word, a subject named in the sentence itself: a review that finds
/// fault with a room or a table tells what the writer met (`Leider war
/// der Tisch verschmutzt`; on the web sets, 2 more of 130 experiences
/// found and no false flag added). A review of a stay or a meal
/// ([`reviews_a_stay`]) is asked as a story is, with a looser bound
/// ([`STAY_REVIEW_COMPLAINT_MAX`]), and its subject may also stand in the
/// sentence before the fault. `quoted` are the text's quotes ([`quotes`];
/// none for a text to a company): there the voice is someone else's.
///
/// [`find_service_account`]: super::accounts::find_service_account
/// [`greeted_company`]: super::accounts::greeted_company
/// [`replied_company`]: super::accounts::replied_company
pub(super) fn complaint(
    cx: &ExperienceContext<'_>,
    addressee: Option<usize>,
    named: &[&Match],
    voice: Voice,
    quoted: &[Range<usize>],
) -> Option<Flag> {
    if cx.masked.iter().any(|&m| m) {
        return None;
    }
    let mut folded = String::new();
    let max = if voice == Voice::StayReview { STAY_REVIEW_COMPLAINT_MAX } else { COMPLAINT_MAX };
    // A review's subject may stand in the sentence before its fault
    // (`… ein neuer Tisch. Dieser war derart unsauber`).
    let own_subject_before = usize::from(voice == Voice::StayReview);
    // A first-person word in a quote is someone else's, and so is what
    // the quote names (`„Bei drei Geldautomaten in der Nähe des Hotels gab
    // es mit meiner Maestro-Karte angeblich keine Verbindung“, sagt M.` in
    // a paper's story of a reader).
    let unquoted: Vec<&Match>;
    let named = if quoted.is_empty() {
        named
    } else {
        unquoted = named.iter().copied().filter(|m| !in_quote(quoted, m.first)).collect();
        &unquoted
    };
    // The same quotes in bytes, for the sentiment hits.
    let quoted_bytes: Vec<Range<usize>> = quoted
        .iter()
        .map(|q| cx.tokens[q.start].span.start..cx.tokens[q.end - 1].span.end)
        .collect();
    cx.scored.iter().enumerate().find_map(|(si, sentence)| {
        if sentence.compound > max {
            return None;
        }
        // The writer's worry is no one's fault.
        let mut negatives = negative_hits(cx.hits, sentence).peekable();
        if negatives.peek().is_some()
            && negatives.all(|h| {
                normalize::fold_into(&cx.text[h.start..h.end], &mut folded);
                WORRY.contains(&folded.as_str())
            })
        {
            return None;
        }
        // A fault found only in a quote is someone else's word.
        if !quoted_bytes.is_empty()
            && !negative_hits(cx.hits, sentence).any(|h| !in_quote(&quoted_bytes, h.start))
        {
            return None;
        }
        let mut company = match voice {
            Voice::ToCompany => addressee,
            Voice::FirstHand => named.first().map(|m| m.first),
            Voice::Narrative | Voice::StayReview => first_named_within(
                named,
                si,
                crate::markers::CONTEXT_BEFORE,
                crate::markers::CONTEXT_AFTER,
            ),
        }?;
        let words = WordFacts::new(cx, si, &mut folded);
        // The first-person word of the sentence before, where the fault
        // comments on what that sentence told.
        let mut told_before = None;
        let context = match voice {
            // A story's sentence speaks in its own first-person word, or
            // finds fault with what it names itself: the story is the
            // writer's (`Leider war der Tisch verschmutzt`).
            Voice::Narrative | Voice::StayReview => {
                // A word the writer says of themselves, outside quotes.
                let mut writers = |i: &usize| {
                    cx.tokens[*i].kind == TokenKind::Word
                        && is_first_person(cx.tokens[*i].text, &mut folded)
                        && !in_quote(quoted, *i)
                };
                let own = words.context.iter().copied().find(&mut writers);
                if own.is_none() {
                    // Then the subject named is that sentence's own, and
                    // the fault one met, not one supposed (`…, was für die
                    // Firma weitaus unangenehmer wäre`) …
                    company = match first_named_within(named, si, own_subject_before, 0) {
                        Some(c) => c,
                        // … or a story's sentence just before tells in the
                        // first person what the fault is found with: the
                        // writer's comment on it (`Zur Reparatur habe ich
                        // mir den nächstbesten Serviceladen ausgesucht. Das
                        // war ein Fehler.`).
                        None if voice == Voice::Narrative => {
                            let before = si.checked_sub(1)?;
                            let c = first_named_within(named, before, 0, 0)?;
                            told_before = Some(cx.sentences[before].clone().find(&mut writers)?);
                            c
                        }
                        None => return None,
                    };
                    if supposes(&cx.tokens[cx.sentences[si].clone()]) {
                        return None;
                    }
                }
                own.or(told_before)
            }
            // `immer` alone generalizes (`Eure Preise werden immer
            // unverschämter`); `immer noch` has `noch` beside it, no
            // context. In a first-hand text the writer speaks throughout.
            Voice::ToCompany | Voice::FirstHand => {
                let context = words
                    .context
                    .iter()
                    .copied()
                    .find(|&i| !cx.tokens[i].text.eq_ignore_ascii_case("immer"))
                    .or_else(|| context_around(cx, si, &mut folded));
                if context.is_none() && !cx.first_hand {
                    return None;
                }
                context
            }
        };
        let opinion = !words.opinion.is_empty() && !words.has_time;
        // A story or a review speaks to no company: its questions with a
        // condition ask what would be.
        let condition = match voice {
            Voice::ToCompany => words.condition,
            _ => words.condition.or(words.asked_condition),
        };
        let hypothetical = condition.is_some() && !words.habitual;
        // A story or a review speaks to no company: its sentences in the
        // second person speak of the reader.
        let of_reader = voice != Voice::ToCompany && words.speaks_of_reader();
        if opinion || hypothetical || words.advises() || of_reader {
            return None;
        }
        let mut evidence = vec![Evidence::new(cx.text, cx.tokens[company].span.clone(), "subject")];
        if let Some(i) = context {
            evidence.push(Evidence::new(cx.text, cx.tokens[i].span.clone(), "context"));
        }
        evidence.extend(negative_terms(cx.text, cx.hits, sentence));
        Some(Flag::new(
            cx.text,
            MarkerKind::NegativeExperience,
            "complaint",
            sentence.start..sentence.end,
            match voice {
                Voice::Narrative if told_before.is_some() => NARRATIVE_COMMENT_RULE,
                Voice::Narrative => NARRATIVE_COMPLAINT_RULE,
                Voice::StayReview => STAY_REVIEW_COMPLAINT_RULE,
                Voice::ToCompany | Voice::FirstHand => COMPLAINT_RULE,
            },
            evidence,
        ))
    })
}

/// The first word of the first of `named` (subject matches, in text
/// order) from `before` sentences before sentence `si` to `after` after
/// it: a search, not a scan per sentence.
fn first_named_within(named: &[&Match], si: usize, before: usize, after: usize) -> Option<usize> {
    named
        .get(named.partition_point(|m| m.sentence + before < si))
        .filter(|m| m.sentence <= si + after)
        .map(|m| m.first)
}

/// The negative terms among `hits` inside `sentence`, as evidence.
pub(super) fn negative_terms<'a>(
    text: &'a str,
    hits: &'a [Hit],
    sentence: &'a Sentence,
) -> impl Iterator<Item = Evidence> + 'a {
    negative_hits(hits, sentence).map(|h| Evidence::new(text, h.start..h.end, "negative_term"))
}

/// The negative ones among `hits` (in text order) inside `sentence`,
/// found by search: every negative sentence of a long text may ask.
fn negative_hits<'a>(hits: &'a [Hit], sentence: &Sentence) -> impl Iterator<Item = &'a Hit> {
    let (start, end) = (sentence.start, sentence.end);
    hits[hits.partition_point(|h| h.start < start)..]
        .iter()
        .take_while(move |h| h.start < end)
        .filter(move |h| h.end <= end && h.contribution < 0.0)
}
