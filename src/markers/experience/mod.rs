//! Negative customer experiences: more than negative words.
//!
//! A cue (`lexicons/markers/experience.txt`: waiting, no answer, broken
//! promises, defects, refusals, being passed around, `nie wieder`) only
//! makes a flag when its sentence also
//! - is not positive (`kam pünktlich`, `sofort geholfen` are good
//!   experiences; a cue inside a positive sentence is none — but praise in
//!   another clause, with no concession between, leaves the cue's own
//!   clause to decide: `Seit Montag kein Internet …, echt super
//!   Service...`), and
//! - tells of the writer's own experience: a first-person word (`ich`,
//!   `mir`, `mein`, `wir`, `uns`) or a time expression (`seit`, `gestern`,
//!   `schon wieder`, `immer noch`), in the sentence or the one before (a
//!   first-person word also in the one after, and in a short post a time
//!   word too), or an addressee (a text opening with `@DB_Bahn` tells the
//!   company what happened, and so does a company's account named in the
//!   cue's sentence), and is not
//!   a bare opinion (`Ich finde Warteschleifen nervig` reports nothing
//!   that happened), a condition (`Wenn …, …`; in a text to no company
//!   also a question with one, `Was tun, wenn …?`), advice (`kannst du`) or
//!   the topic of a message (`informiert über Verspätungen`).
//!
//! Strong cues (`!name` in the pattern file: `nie wieder`, `Finger weg`,
//! `abgewimmelt`) need only the first condition; weak ones (`?name`:
//! `Wartezeit`) need a negative sentence on top; cues with other common senses
//! (`~name`: `kaputt`, `immer noch kein`) need the text to name a company,
//! product or service near the cue (a `[negative_experience/subject]`
//! pattern, another word than the cue, within two sentences before it or
//! one after, or four short ones before within 40 tokens) or mention an
//! account whose handle reads as one (`@DB_Bahn`, `@Telekom_hilft`); so
//! does every cue but a strong one in a text that names a work reviewed
//! (`[negative_experience/work]`: a film's plot is full of cues). A long
//! text whose writer never says `ich` or `wir` in a statement of their
//! own, and which speaks to no company, tells no experience of the
//! writer's: news, a paper quoting the people it reports on, a guide
//! that speaks to its reader of what may happen to them and asks in the
//! reader's voice (`Ist mein Paket verloren?`). There neither a time word
//! nor a quoted or asked first-person word is context (see [`Voicing`]),
//! and in any long text that speaks to no company a sentence in the
//! second person without a first-person word is the reader's case
//! (`Besonders wenn du deinen Anschlussflug verpasst, …`). A cue or
//! context word inside a boilerplate formula
//! does not count: a company's reply
//! (`es tut mir leid, wenn Sie …`) tells of its reader's trouble, and so
//! does a reply its service team signs (`… /ki`, `… ^FB`). The flag
//! reports its evidence: the cue, the context word, the named subject, and
//! the sentence's negative terms.
//!
//! The cues name what usually goes wrong; a text to a company tells of
//! everything else too. A text with no cue flag that mentions a company's
//! account, greets the company (`Liebe Telekom,`) or comments on its page
//! (`Re: DB Bahn …`) and says in a clearly
//! negative sentence with a first-person or time word what went wrong is
//! a complaint without a cue (category `complaint`, pattern
//! `complaint/to_company`; see [`complaint()`]).
//!
//! A first-hand text (the user says so: reviews from a review site,
//! feedback forms; [`AnalyzerBuilder::first_hand`](crate::AnalyzerBuilder::first_hand))
//! is its writer's report throughout, and reviews speak as no one (`Das
//! Bad war verdreckt`): there a cue needs no context word, and the
//! complaint without a cue is asked of every clearly negative sentence of
//! a text that names a subject — unless it names a work reviewed.
//!
//! A story its writer tells (a blog post, a forum thread's first post:
//! three sentences or more, two of them in the first person outside
//! quotes — not what the writer would do, `Ich würde …`, which is
//! advice — and not a
//! company's `wir` to `Sie`; see [`is_narrative`]) is asked for the
//! complaint without a cue too, even by default: a clearly negative
//! sentence in which the writer speaks (`Ich war Opfer einer versteckten
//! Preiserhöhung von immergrün`), with a subject named within the
//! sentences a cue's subject may stand in (pattern `complaint/narrative`).
//!
//! A review of a stay or a meal (a longer text that names the hotel or the
//! restaurant, or the room, the bed, the table, the breakfast, in two
//! sentences or more, names one place as such or tells in the past tense,
//! and does not report as news does; see [`reviews_a_stay`]) speaks as no
//! one even by default: a sentence leaning negative that names its
//! subject, or follows one that does, is its writer's complaint (pattern
//! `complaint/stay_review`). A guide is no such review: it speaks to its
//! reader, and its writer never for themselves ([`Voicing::is_guide`]).
//! In a story or a review, what a quote says or names is someone else's
//! (`„… mit meiner Karte …“, sagt M.`): a fault found only in a quote is
//! none of the writer's.
//!
//! [`Voicing`]: voicing::Voicing
//! [`Voicing::is_guide`]: voicing::Voicing::is_guide

use std::ops::Range;

use crate::analysis::{Evidence, Flag, Hit, Sentence};
use crate::markers::{MarkerKind, MarkerSet, Match};
use crate::normalize;
use crate::token::{Token, TokenKind};

mod accounts;
mod complaint;
mod voicing;
mod words;

pub(crate) use accounts::may_complain;
use accounts::{
    account_in_sentence, addressee, greeted_company, is_signed_by_service_team, replied_company,
};
pub(crate) use complaint::may_review;
use complaint::{
    complaint, negative_terms, reviews_a_stay, Voice, STAY_REVIEW_COMPLAINT_MAX, STAY_SUBJECTS,
};
use voicing::{
    addresses_formally, in_quote, is_narrative, quotes, supposes, TextFacts, QUOTATION_MARKS,
};
use words::{
    is_first_person, is_word_of, roles_of, SentenceFacts, WordFacts, FIRST_PERSON,
    FIRST_PERSON_WORD, SHORT_TEXT, TIME_UNIT_WORD, TIME_WORD,
};

/// `nie wieder`: followed by a bad thing, a wish that it be gone
/// (see [`detect`]); otherwise a customer's vow only when the writer makes
/// it of themselves or says it as one (see [`is_vow`]).
const NEVER_AGAIN_CUE: &str = "never_again/nie_wieder";

/// The subject patterns (`lexicons/markers/experience.txt`) whose words
/// are props of plots: in a review they name no purchase. (On the film
/// reviews of heldout15 every flag such a word allowed was false: 5 of 5.)
const PLOT_SUBJECTS: &[&str] = &["subject/verkehr", "subject/technik"];

/// The subject pattern of hairdressers and beauty salons, whose work is
/// done to the body: no subject for a cue with other common senses
/// (`kaputt`, `schmutzig` are as often the hair).
const BODY_SUBJECT: &str = "subject/pflege";

/// Whether subject pattern `id` names no purchase in a review of a work:
/// the props of plots ([`PLOT_SUBJECTS`]) and the hotels, restaurants and
/// meals films are set in ([`STAY_SUBJECTS`]: `bietet dem
/// heruntergekommenen John einen Kaffee an`).
fn is_setting(id: &str) -> bool {
    PLOT_SUBJECTS.contains(&id) || STAY_SUBJECTS.contains(&id)
}

/// The cues of a duration (`seit Tagen`, `seit drei Wochen`): near a word
/// of illness they tell how long someone has been ill, not waited (`die
/// diese Symptome seit Tagen hatten`, `die seit Tagen krank sind`, in a
/// patient's letter to a paper, the web18 sample).
const DURATION_CUES: &[&str] =
    &["waiting/seit_dauer", "waiting/seit_etwa_dauer", "waiting/seit_langem"];

/// How many tokens before and after a duration cue a word of illness
/// makes it an illness's duration ([`DURATION_CUES`]).
const ILLNESS_REACH: usize = 3;

/// Words of illness, folded ([`DURATION_CUES`]).
#[rustfmt::skip]
const ILLNESS: &[&str] = &[
    "krank", "kranke", "kranker", "erkrankt", "krankgeschrieben", "symptome", "symptomen",
    "schmerzen", "kopfschmerzen", "bauchschmerzen", "halsschmerzen", "rueckenschmerzen",
    "fieber", "husten", "durchfall", "erbrechen", "uebelkeit", "erkaeltet", "erkaeltung",
    "grippe",
];

/// The words a lawyer names a client by: a text that tells of `mein
/// Mandant` or `eine Mandantin` is the lawyer's report of someone else's
/// trouble (`Nachdem ich mich für ihn eingesetzt und den Verkäufer auf den
/// Mangel hingewiesen hatte`), its first-person words the lawyer's
/// ([`tells_of_a_client`]); lowercase.
#[rustfmt::skip]
const CLIENTS: &[&str] = &[
    "mandant", "mandantin", "mandanten", "mandantinnen", "klient", "klientin", "klienten",
    "klientinnen",
];

/// What stands before a client word that makes it someone the writer
/// acts for: a first-person possessive or an indefinite article (`mein
/// Mandant`, `eine Mandantin`; not `Ich als Mandant`); lowercase.
#[rustfmt::skip]
const CLIENT_DETERMINERS: &[&str] = &[
    "mein", "meine", "meinem", "meinen", "meiner", "meines", "unser", "unsere", "unserem",
    "unseren", "unserer", "unseres", "ein", "eine", "einem", "einen", "einer", "eines",
];

/// Words that deny the trouble a cue names when they stand right before
/// it (`Fast ohne Verspätung laufen wir … ein. Toll.`, the web19 sample;
/// `keine Mängel`). Cues that start with such a word themselves (`keine
/// Antwort`, `ohne Ansage`) name the missing thing as the trouble.
const DENIALS: &[&str] = &["ohne", "kein", "keine", "keinen", "keinerlei"];

/// What the detector needs from the rest of the analysis.
pub(crate) struct ExperienceContext<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token<'a>],
    pub sentences: &'a [Range<usize>],
    pub scored: &'a [Sentence],
    pub hits: &'a [Hit],
    /// Per token, whether it is inside a boilerplate formula.
    pub masked: &'a [bool],
    /// Whether the text is its writer's own account (a review, a feedback
    /// form): then the writer's voice needs no word of its own.
    pub first_hand: bool,
}

pub(crate) fn detect(set: &MarkerSet, matches: &[Match], cx: &ExperienceContext<'_>) -> Vec<Flag> {
    // A service team's reply tells of its customer's trouble.
    if is_signed_by_service_team(cx.text) {
        return Vec::new();
    }
    let mut flags: Vec<(usize, Flag)> = Vec::new();
    let mut folded = String::new();
    let mut own_folded = String::new();
    let mut illness_folded = String::new();
    let addressed = addressee(cx.tokens);
    // What the text names that an experience can be had with, in text
    // order, for the cues with other common senses; a company's account it
    // mentions will do too (asked once, if needed).
    let mut subjects = super::Contexts::new(set, matches);
    // The account, and how the text speaks (asked once, if needed).
    let mut text = TextFacts::new(set, cx, addressed);
    // Whether the text names a work reviewed (asked once, if needed).
    let mut about_a_work: Option<bool> = None;
    // What a sentence offers every cue in it, computed once per sentence:
    // a flood of cues in one long sentence then costs one pass over it, not
    // one pass per cue.
    let mut facts: Option<SentenceFacts> = None;
    // Whether the text is a story of its writer's own, and its quotes
    // (asked once, if needed).
    let mut narrative: Option<bool> = None;
    let mut story_quotes: Option<Vec<Range<usize>>> = None;
    let mut readings = super::Readings::default();
    for m in matches {
        if readings.skip(m) {
            continue;
        }
        let (pattern, kind) = set.pattern(m.pattern);
        if kind != MarkerKind::NegativeExperience || pattern.is_context {
            continue;
        }
        // `„reparierte“`: a deed in scare quotes says it was none; out of
        // them, the word is praise or plain fact.
        if pattern.quoted && !scare_quoted(cx.tokens, m.first, m.last) {
            continue;
        }
        // A cue inside a service formula is the company's word for the
        // reader's trouble (`Ich wünsche Ihnen trotz der Verspätung …`).
        if is_masked(cx, m.first) || is_masked(cx, m.last) {
            continue;
        }
        if DURATION_CUES.contains(&pattern.id.as_str())
            && near_illness(cx.tokens, m.first, m.last, &mut folded)
        {
            continue;
        }
        // `Fast ohne Verspätung`, `keine Mängel`: the trouble named is
        // denied.
        if denied(cx.tokens, m.first) {
            continue;
        }
        // `Seit dem Update bekomme ich den Fehler nicht mehr`: a defect
        // that is gone.
        if pattern.category == DEFECT && gone(cx.tokens, m.last) {
            continue;
        }
        // `Ich bin total kaputt`, `immer noch kein Papst`: such a cue tells
        // of a company, product or service only where the text names one
        // (by another word than the cue's own: `#Kündigung` names a
        // contract, and is the cue; one between its words will do, `wurde
        // im Zug … angemacht`) or mentions its account.
        // In a review (the text names a film, a book, a game), every cue
        // but a strong one needs a subject too: `keine Antworten`, `Kein
        // Netz`, `tagelang`, `Störung` tell of the plot there. And there
        // technology and transport are what plots are full of (`Handy`,
        // `Internet`, `Computer`, `in vollen Zügen`): only a word of the
        // purchase counts, its delivery, contract, service or seller.
        let in_review =
            !pattern.strong && *about_a_work.get_or_insert_with(|| names_a_work(set, matches));
        // And a hairdresser's or a salon's work is done to the body, which
        // such a cue then describes (`Meine Spitzen waren ziemlich kaputt`).
        let subject = if in_review {
            subjects.near_where(m, |s| !is_setting(&set.pattern(s.pattern).0.id))
        } else if pattern.needs_context {
            subjects.near_where(m, |s| set.pattern(s.pattern).0.id != BODY_SUBJECT)
        } else {
            subjects.near(m)
        };
        if (pattern.needs_context || in_review) && subject.is_none() && text.account().is_none() {
            continue;
        }
        if facts.as_ref().is_none_or(|f| f.sentence != m.sentence) {
            facts = Some(SentenceFacts::new(cx, m.sentence));
        }
        let f = facts.as_mut().expect("just set");
        let sentence = &cx.scored[m.sentence];
        let sentence_hits = f.hits;
        // The sentence's polarity without the cue's own words: `Nie wieder
        // so ein schönes Konzert` is nostalgia, not a complaint. Own words
        // only: between the parts of a cue found in any order, other words
        // still count (`nutzlos` in `Die Bahn steht nur nutzlos herum`).
        let (cue_start, cue_end) = (cx.tokens[m.first].span.start, cx.tokens[m.last].span.end);
        let lo = sentence_hits.partition_point(|h| h.end <= cue_start);
        let hi = sentence_hits.partition_point(|h| h.start < cue_end).max(lo);
        let in_sentence = |h: &&Hit| h.start >= sentence.start && h.end <= sentence.end;
        let (mut own_sum, mut own_negatives) = (0.0, 0);
        for h in sentence_hits[lo..hi].iter().filter(in_sentence) {
            let own = h.start == cue_start || h.end == cue_end || {
                normalize::fold_into(&cx.text[h.start..h.end], &mut own_folded);
                set.names_word(m.pattern, &own_folded)
            };
            if own {
                own_sum += h.contribution;
                own_negatives += usize::from(h.contribution < 0.0);
            }
        }
        // Praise in another clause does not make the cue's clause a good
        // experience (`Thx4 rosa Empfehlung, sehe rot beim Anblick meines
        // gecrashten PCs`, `Seit Montag kein Internet …, echt super
        // Service...`), unless a concession joins them (`Trotz Verspätung
        // super Service`, `…, aber alles war super`): then the sentence
        // as a whole says how it went.
        let rest = f.sum - own_sum;
        if rest > 0.0 && f.clause_sum(cx, m, &mut folded).is_none_or(|sum| sum - own_sum > 0.0) {
            continue; // a good (or mixed-positive) experience
        }
        // `Nie wieder Chaos`, `Nie wieder Krieg`: never again *a bad thing*
        // is a wish, not a complaint. The complaint names what it leaves
        // (`Nie wieder Bahn!`, `Nie wieder bestelle ich hier`).
        if pattern.id == NEVER_AGAIN_CUE {
            let bad_thing = cx.tokens.get(m.last + 1).is_some_and(|t| {
                t.kind == TokenKind::Word
                    && sentence_hits.iter().any(|h| h.start == t.span.start && h.valence < 0.0)
            });
            if bad_thing {
                continue;
            }
        }
        // Weak cues (`?name`: `Wartezeit`, `verzögert`) also need a negative
        // word besides the cue itself: `Die Wartezeit auf die nächste
        // Staffel ist lang` is no complaint.
        let negative_elsewhere = f.negatives > own_negatives;
        if pattern.weak && !negative_elsewhere {
            continue;
        }
        // Only now the sentence's words are read (once per sentence): most
        // cues have left above.
        let words = f.words.get_or_insert_with(|| WordFacts::new(cx, m.sentence, &mut folded));
        // The cue's own words are no context (`heute` in `Bis heute ist
        // kein`, `Seit drei Wochen`); other words between its parts are
        // (`mir` in `Erstattung wurde mir verweigert`).
        let mut own = |i: usize| {
            i == m.first
                || i == m.last
                || ((m.first..m.last).contains(&i) && {
                    normalize::fold_into(cx.tokens[i].text, &mut own_folded);
                    set.names_word(m.pattern, &own_folded)
                })
        };
        let opinion = words.opinion.iter().any(|&i| !own(i));
        // A sentence opened by `Wenn` or `Falls` tells what might happen,
        // in its condition (`Wenn ich heute nichts bekomme, …`) and in what
        // follows from it (`Wenn der Mitfahrer sich verspätet, warte ich
        // nicht`, `Wenn die Bahn nicht entgegenkommt, ist das Abzocke`),
        // unless a word of frequency makes it `whenever` (`Wenn ich anrufe,
        // lande ich jedes Mal in der Warteschleife`): then only its
        // condition is. So does a sentence opened by the verb of its
        // condition (`Fällt der Zug aus, bekommt man …`: a cue may start
        // with that verb, [`opens_condition`]). A cue can start before the
        // sentence's first word, with a number or a hashtag, and is then
        // outside. Inside a sentence
        // `wenn` is as often `whenever` (`… nervt, wenn man nirgends eine
        // Auskunft bekommt`) and is left alone; `falls` and `sofern` never
        // are, and make their own clause hypothetical (`… uns drinnen zu
        // platzieren, falls wir mit Verspätung aufkreuzen würden`, the
        // web27 sample), not the one after it.
        let asked_condition = words.asked_condition.filter(|_| text.voicing().to_reader);
        // Whether the words from `c` to the cue stay in one clause.
        let one_clause = |c: usize| {
            !cx.tokens[c..m.first]
                .iter()
                .any(|t| t.kind == TokenKind::Punct && matches!(t.text, "," | ";" | ":" | "–"))
        };
        let hypothetical = words
            .condition
            .or(asked_condition)
            .is_some_and(|c| c <= m.first && (!words.habitual || one_clause(c)))
            || words.inner_condition.is_some_and(|c| c <= m.first && one_clause(c));
        // What a message informs about is its topic (`Bahn informiert jetzt
        // auch via WhatsApp über Verspätungen`), not the writer's trouble.
        let topic = words.informs
            && cx.tokens[..m.first]
                .iter()
                .rev()
                .find(|t| t.kind == TokenKind::Word)
                .is_some_and(|t| t.text.eq_ignore_ascii_case("über"));
        if hypothetical || topic || words.advises() {
            continue;
        }
        // `Viele Kunden sehen erst …`: many people's trouble, in general.
        if words.of_many && !words.first_person {
            continue;
        }
        if words.speaks_of_reader() && text.voicing().to_reader {
            continue;
        }
        // The sentence before often sets the scene (`Hab dreimal bei der
        // Hotline angerufen. Nix passiert!`), the one after may tell the
        // writer's reaction, and a message addressed to
        // someone (`@DB_Bahn Das Bistro ist defekt`) tells them what
        // happened: all are context too. A cue whose words in order name
        // the writer (`hat mich … angemacht`) is its own context (in any
        // order, `mich` may be far from the rest: `für mich den Übergang`).
        let ordered = !pattern.unordered;
        let context = words
            .context
            .iter()
            .copied()
            // How long someone has been ill is no time of an event (`die
            // seit Tagen krank sind`).
            .filter(|&i| {
                !is_masked(cx, i)
                    && (is_first_person(cx.tokens[i].text, &mut illness_folded)
                        || !near_illness(cx.tokens, i, i, &mut illness_folded))
            })
            .find(|&i| !own(i) || ordered && is_first_person(cx.tokens[i].text, &mut folded))
            .or_else(|| {
                *words.around.get_or_insert_with(|| context_around(cx, m.sentence, &mut folded))
            })
            .or(addressed);
        // A time word alone is weak context in a long text whose writer
        // never speaks for themselves and which speaks to no company: that
        // is news (`Wegen einer Streckensperrung kommt es heute zu
        // Verspätungen`), someone else's report; so is a guide, which
        // tells its reader what may happen to them. There a first-person
        // word is no context either: it is quoted, or asked in the
        // reader's voice ([`Voicing`]).
        let context = context.filter(|&i| {
            Some(i) == addressed || cx.first_hand || {
                let first_person = is_first_person(cx.tokens[i].text, &mut folded);
                text.voicing().counts(first_person)
            }
        });
        // A company's account named in the cue's sentence is told what
        // happened, as one addressed (`WTF! @DB_Bahn #RE3 nach Stralsund
        // mit defekter Klimaanlage`).
        // (Asked once per sentence: a flood of cues in one sentence would
        // read it again for each.)
        let context = context.or_else(|| {
            *words.account.get_or_insert_with(|| account_in_sentence(set, cx, m.sentence))
        });
        // A first-hand text is the writer's report throughout (`Das Bad
        // war verdreckt` in a hotel review).
        let mut reported = (context.is_some() || cx.first_hand) && (!opinion || words.has_time);
        // So is a story its writer tells of their own, in every sentence
        // that tells what happened, the ones that drop the pronoun too
        // (`Wer nicht kam, war der Techniker.` after `Schließlich hatten wir
        // die Nase voll`), but for what it quotes. Not a review of a work
        // (its story is the plot's), nor a text that speaks to its reader
        // as `Sie` (a guide, a lawyer's advice: `empfehle ich Ihnen`), nor
        // a sentence that says what might be (`als könnte es nicht
        // funktionieren`); and only where the cue has a subject near, as
        // a cue with other senses needs (`aber die sitzen fest wie
        // einbetoniert` of a bike's sprockets is no one's service).
        if !reported && !pattern.strong && !opinion && !in_review && subject.is_some() {
            let story = *narrative.get_or_insert_with(|| {
                is_narrative(cx.text, cx.tokens, cx.sentences, &mut story_quotes)
                    && !addresses_formally(
                        cx.tokens,
                        cx.sentences,
                        story_quotes.as_deref().unwrap_or(&[]),
                    )
            });
            reported = story
                && (pattern.quoted || story_quotes.as_ref().is_none_or(|q| !in_quote(q, m.first)))
                && !supposes(&cx.tokens[cx.sentences[m.sentence].clone()])
                && text.voicing().own_voice;
        }
        if !(pattern.strong || reported) {
            continue;
        }
        // In a long text to no company, a cue inside a quote is someone's
        // speech: a paper's witness (`„Seit drei Wochen warte ich“, sagt
        // M.`), or the words a shop quotes from its own letter (`Sachen wie
        // „ich bin ehrlich gesagt fassungslos“`). A story of the writer's
        // tells its trouble outside its quotes too.
        let voiced = text.voicing();
        if !pattern.quoted && in_quote(&voiced.quotes, m.first) {
            continue;
        }
        if pattern.id == NEVER_AGAIN_CUE && !words.first_person && !is_vow(cx, m) {
            continue;
        }
        let (start, end) = (cue_start, cue_end);
        readings.flagged();
        // One flag per sentence: further cues join it as evidence.
        // Matches come in text order, so a sentence's flag is the last one.
        // (Its text is set once at the end.)
        if let Some((_, f)) = flags.last_mut().filter(|(s, _)| *s == m.sentence) {
            f.evidence.push(Evidence::new(cx.text, start..end, "cue"));
            f.end = f.end.max(end);
            continue;
        }
        let mut evidence = vec![Evidence::new(cx.text, start..end, "cue")];
        if let Some(i) = context {
            evidence.push(Evidence::new(cx.text, cx.tokens[i].span.clone(), "context"));
        }
        if pattern.needs_context || in_review {
            // The subject word named, else the account mentioned.
            let span = match (subject, text.account_if_asked()) {
                (Some(s), _) => Some(cx.tokens[s.first].span.start..cx.tokens[s.last].span.end),
                (None, Some(i)) => Some(cx.tokens[i].span.clone()),
                (None, None) => None,
            };
            if let Some(span) = span {
                evidence.push(Evidence::new(cx.text, span, "subject"));
            }
        }
        evidence.extend(negative_terms(cx.text, sentence_hits, sentence));
        let flag = Flag::new(cx.text, kind, &pattern.category, start..end, &pattern.id, evidence);
        flags.push((m.sentence, flag));
    }
    // Asked last: most texts have a cue flag, or no sentence negative
    // enough (by the loosest of the voices' bounds), or no company's
    // account.
    if flags.is_empty() && cx.scored.iter().any(|s| s.compound <= STAY_REVIEW_COMPLAINT_MAX) {
        let account = text.account();
        let addressee = account
            .or_else(|| greeted_company(set, cx.tokens, cx.sentences))
            .or_else(|| replied_company(set, cx.tokens));
        // A first-hand text tells of what it names (`Hotel`, `Bedienung`),
        // and so does a story its writer tells of their own (a blog post,
        // a forum thread's first post), unless that is a work reviewed: a
        // film's verdict is no complaint.
        // The text's quotes, found once for the story's count and the
        // complaint (a text to a company is asked of neither).
        let mut quoted: Option<Vec<Range<usize>>> = None;
        let voice = match addressee {
            Some(_) => Voice::ToCompany,
            None if cx.first_hand => Voice::FirstHand,
            None if is_narrative(cx.text, cx.tokens, cx.sentences, &mut quoted) => Voice::Narrative,
            None if reviews_a_stay(set, matches, cx) && !text.voicing().is_guide() => {
                Voice::StayReview
            }
            None => return Vec::new(),
        };
        if voice != Voice::ToCompany
            && *about_a_work.get_or_insert_with(|| names_a_work(set, matches))
        {
            return Vec::new();
        }
        // What the text names, for a text that addresses no company.
        let named: Vec<&Match> = if voice == Voice::ToCompany {
            Vec::new()
        } else {
            matches
                .iter()
                .filter(|c| {
                    let (p, kind) = set.pattern(c.pattern);
                    kind == MarkerKind::NegativeExperience
                        && p.gives_context()
                        && !PLOT_SUBJECTS.contains(&p.id.as_str())
                })
                .collect()
        };
        let quoted = match voice {
            Voice::ToCompany => Vec::new(),
            _ => quoted.unwrap_or_else(|| quotes(cx.tokens)),
        };
        return complaint(cx, addressee, &named, voice, &quoted).into_iter().collect();
    }
    flags
        .into_iter()
        .map(|(_, mut f)| {
            if f.text.len() != f.end - f.start {
                f.text = cx.text[f.start..f.end].to_string();
            }
            f
        })
        .collect()
}

/// Whether the word right before a cue at `first` denies it ([`DENIALS`]),
/// or a cause named right before it is denied (`Nicht etwa wegen
/// schlechtem Service – nein, wegen horrender Wartezeiten`, the web20
/// sample): `wegen` or `aufgrund` with `nicht` at most two words before.
fn denied(tokens: &[Token<'_>], first: usize) -> bool {
    let Some(before) = first.checked_sub(1) else { return false };
    if is_word_of(&tokens[before], DENIALS) {
        return true;
    }
    is_word_of(&tokens[before], DENIED_CAUSES)
        && tokens[..before]
            .iter()
            .rev()
            .filter(|t| t.kind == TokenKind::Word)
            .take(2)
            .any(|t| t.text.eq_ignore_ascii_case("nicht"))
}

/// The category of cues of things that fail ([`gone`]).
const DEFECT: &str = "defect";

/// Whether `nicht mehr` or `nie mehr` follows the cue ending at `last`
/// right away: the defect it names is past (`bekomme ich den Fehler nicht
/// mehr`). A cue that says `nicht mehr` itself (`startet nicht mehr`) ends
/// with it.
fn gone(tokens: &[Token<'_>], last: usize) -> bool {
    let mut words = tokens[last + 1..].iter().take_while(|t| t.kind == TokenKind::Word);
    words.next().is_some_and(|t| is_word_of(t, &["nicht", "nie"]))
        && words.next().is_some_and(|t| t.text.eq_ignore_ascii_case("mehr"))
}

/// Words that name a cause, which `nicht` before them denies ([`denied`]).
const DENIED_CAUSES: &[&str] = &["wegen", "aufgrund"];

/// Single quotation marks, which enclose scare quotes besides those of
/// [`QUOTATION_MARKS`] (`‚Service‘`); not the apostrophe, which ends words
/// (`geht's`).
const SINGLE_QUOTATION_MARKS: &[&str] = &["‚", "‘"];

/// Words of a product test ([`reports_a_test`]).
const TESTING: &[&str] = &[
    "getestet",
    "tester",
    "testerin",
    "testern",
    "testkunde",
    "testkunden",
    "testperson",
    "testpersonen",
    "testkäufer",
    "testkäufern",
    "warentest",
];

/// Whether a text reports a product test, by a word of testing
/// ([`TESTING`]): its `wir` are the testers. Every word of a long text is
/// asked: by its first letter first, with which most words begin none of
/// them.
fn reports_a_test(tokens: &[Token<'_>]) -> bool {
    tokens.iter().any(|t| {
        t.kind == TokenKind::Word
            && matches!(t.text.as_bytes()[0].to_ascii_lowercase(), b'g' | b't' | b'w')
            && is_word_of(t, TESTING)
    })
}

/// Whether quotation marks enclose the tokens `first..=last` and nothing
/// else: scare quotes (`das gute Stück „reparierte“`).
fn scare_quoted(tokens: &[Token<'_>], first: usize, last: usize) -> bool {
    let is_mark = |t: &Token<'_>| {
        t.kind == TokenKind::Punct
            && (QUOTATION_MARKS.contains(&t.text) || SINGLE_QUOTATION_MARKS.contains(&t.text))
    };
    first.checked_sub(1).is_some_and(|i| is_mark(&tokens[i]))
        && tokens.get(last + 1).is_some_and(is_mark)
}

/// Whether a word of illness ([`ILLNESS`]) stands within
/// [`ILLNESS_REACH`] tokens of tokens `first..=last` (a cue, a time word).
fn near_illness(tokens: &[Token<'_>], first: usize, last: usize, folded: &mut String) -> bool {
    let from = first.saturating_sub(ILLNESS_REACH);
    let to = (last + 1 + ILLNESS_REACH).min(tokens.len());
    tokens[from..to].iter().any(|t| {
        t.kind == TokenKind::Word && {
            normalize::fold_into(t.text, folded);
            ILLNESS.contains(&folded.as_str())
        }
    })
}

/// Whether a text tells of a client the writer acts for ([`CLIENTS`]):
/// then its first-person words are the lawyer's, not the experience's.
fn tells_of_a_client(tokens: &[Token<'_>]) -> bool {
    // Every word of a long text is asked: compared as written (the words
    // are ASCII), and by their first letter first, with which most words
    // begin none of them.
    let mut determiner = false;
    tokens.iter().filter(|t| t.kind == TokenKind::Word).any(|t| {
        let first = t.text.as_bytes()[0].to_ascii_lowercase();
        if !matches!(first, b'm' | b'k' | b'u' | b'e') || t.text.len() > 12 {
            determiner = false;
            return false;
        }
        let client = determiner && is_word_of(t, CLIENTS);
        determiner = is_word_of(t, CLIENT_DETERMINERS);
        client
    })
}

/// Whether a text speaks of anyone, not of its writer: it says `man`
/// twice or more and never a first-person word (`Am Urlaubsort angekommen
/// wundert man sich über den Lärmpegel`, a travel site's general story).
/// Such a text reviews no stay of its writer's ([`reviews_a_stay`]).
fn speaks_of_anyone(tokens: &[Token<'_>]) -> bool {
    let words = || tokens.iter().filter(|t| t.kind == TokenKind::Word);
    words().filter(|t| t.text.eq_ignore_ascii_case("man")).nth(1).is_some()
        && !words().any(|t| is_word_of(t, FIRST_PERSON))
}

/// Whether `matches` name a work reviewed (a `[negative_experience/work]`
/// pattern: a film, a book, a game).
fn names_a_work(set: &MarkerSet, matches: &[Match]) -> bool {
    matches.iter().any(|c| {
        let (p, kind) = set.pattern(c.pattern);
        p.is_work && kind == MarkerKind::NegativeExperience
    })
}

/// Whether cue `m`, in a sentence without a first-person word, is said as
/// a vow: exclaimed (`Nie wieder!`, `Einmal ansehen und nie wieder!`: a
/// `!` at most two words after it), or standing as a clause of its own,
/// alone or with the name of what is renounced (`Nie wieder, eine
/// Frechheit.`, `Nie wieder Bahn.`). Otherwise it tells of others or of a
/// plot (`sieht sie dann leider niemals wieder`, `So etwas passiert NIE
/// WIEDER, er frisst alles`, `will nie wieder aufstehen`, `Nokia: Nie
/// wieder Smartphones, Mitarbeiter in Angst`).
fn is_vow(cx: &ExperienceContext<'_>, m: &Match) -> bool {
    let sentence = cx.sentences[m.sentence].clone();
    let after = &cx.tokens[m.last + 1..sentence.end.max(m.last + 1)];
    let exclaimed = after
        .iter()
        .take_while(|t| t.kind != TokenKind::Punct || t.text.starts_with('!'))
        .filter(|t| t.kind != TokenKind::Emoji && t.kind != TokenKind::Emoticon)
        .take(3)
        .any(|t| t.text.starts_with('!'));
    if exclaimed {
        return true;
    }
    // Its clause opens with it: nothing before in the sentence, or a
    // clause mark, or `und`.
    let opens = cx.tokens[sentence.start..m.first]
        .last()
        .is_none_or(|t| t.kind == TokenKind::Punct || t.text.eq_ignore_ascii_case("und"));
    let is_end = |t: Option<&Token<'_>>| {
        t.is_none_or(|t| t.kind == TokenKind::Punct && matches!(t.text, "." | "…" | "..."))
    };
    opens
        && match after.first() {
            // `Nie wieder, eine Frechheit.`
            None => true,
            Some(t) if t.kind == TokenKind::Punct => {
                matches!(t.text, "." | "," | ";" | "…" | "...")
            }
            // `Nie wieder Bahn.`: one noun, and the sentence ends.
            Some(t) => {
                t.kind == TokenKind::Word
                    && t.text.chars().next().is_some_and(char::is_uppercase)
                    && is_end(after.get(1))
            }
        }
}

/// Whether token `i` is part of a boilerplate formula: a company's
/// reply (`Es tut mir leid, wenn Sie … Ihren Anschluss verpassen`, `Ich
/// wünsche Ihnen trotz der Verspätung ein schönes Wochenende`) tells of
/// the reader's experience, not of its writer's.
fn is_masked(cx: &ExperienceContext<'_>, i: usize) -> bool {
    cx.masked.get(i).copied().unwrap_or(false)
}

/// The first first-person or time word of the sentence before `si`, else
/// the first first-person word of the sentence after it: the writer's
/// reaction (`trojita immer noch kein Support. Muss mich wohl nach nem
/// andern Mailclient umsehen.`). In a short post a time word after is
/// context too: the post goes on with the same report (`Halt auf freier
/// Strecke. Ansage: … Störung … Da war die Bahn wohl wieder sparsam.`),
/// though not a unit of time by itself (`Morgen ist auch noch ein Tag`). In
/// a longer text a time word after belongs to the next report.
fn context_around(cx: &ExperienceContext<'_>, si: usize, folded: &mut String) -> Option<usize> {
    let mut first = |range: Option<&Range<usize>>, wanted: u32, unwanted: u32| {
        range?.clone().find(|&i| {
            let t = &cx.tokens[i];
            t.kind == TokenKind::Word && !is_masked(cx, i) && {
                normalize::fold_into(t.text, folded);
                let roles = roles_of(folded);
                roles & wanted != 0 && roles & unwanted == 0
            }
        })
    };
    let before = si.checked_sub(1).and_then(|b| cx.sentences.get(b));
    let after = cx.sentences.get(si + 1);
    first(before, FIRST_PERSON_WORD | TIME_WORD, 0).or_else(|| {
        if cx.text.len() <= SHORT_TEXT {
            first(after, FIRST_PERSON_WORD | TIME_WORD, TIME_UNIT_WORD)
        } else {
            first(after, FIRST_PERSON_WORD, 0)
        }
    })
}
