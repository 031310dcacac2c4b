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
//! `complaint/to_company`; see [`complaint`]).
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

use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::{MarkerSet, Match};
use crate::analysis::{Evidence, Flag, Hit, Sentence};
use crate::markers::MarkerKind;
use crate::normalize;
use crate::token::{reply_title_start, Token, TokenKind};

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

/// First-person words; colloquial German drops the pronoun (`hab`, `bin`).
const FIRST_PERSON: &[&str] = &[
    "ich", "hab", "bin", "erlebe", "mich", "mir", "mein", "meine", "meinen", "meinem", "meiner",
    "meines", "wir", "uns", "unser", "unsere", "unseren", "unserem", "unserer",
];

/// Time expressions, durations included: a duration (`zwei Wochen`) tells
/// of something that happened.
const TIME: &[&str] = &[
    "seit",
    "seitdem",
    "gestern",
    "vorgestern",
    "heute",
    "heut",
    "bisher",
    "bislang",
    "inzwischen",
    "mittlerweile",
    "immer",
    "wochenlang",
    "tagelang",
    "stundenlang",
    "monatelang",
    "jahrelang",
    "jetzt",
    "nun",
    "gerade",
    "grad",
    "hier",
    "momentan",
    "nachts",
    "morgens",
    "abends",
    "uhr",
    "letzte",
    "letzten",
    "letzter",
    "letztes",
    "wieder",
    "erneut",
    "zuletzt",
    "damals",
    "minuten",
    "stunden",
    "tage",
    "tagen",
    "wochen",
    "monate",
    "monaten",
    "dreimal",
    "viermal",
    "fuenfmal",
    "mehrmals",
    "mehrfach",
    "x-mal",
    "minute",
    "stunde",
    "tag",
    "woche",
    "monat",
    // abbreviated: `30 Min Verspätung`, `nach einer halben Std.`
    "min",
    "std",
];

/// Words of frequency: after a sentence-opening `wenn` they make it
/// `whenever`, a report of what keeps happening.
const HABITUAL: &[&str] = &[
    "immer",
    "jedes",
    "jedesmal",
    "staendig",
    "dauernd",
    "regelmaessig",
    "meistens",
    "oft",
    "haeufig",
    "jedem",
];

/// Modal verbs in the second person: a sentence with one gives advice.
const ADVICE: &[&str] =
    &["kannst", "musst", "solltest", "koennt", "muesst", "solltet", "wuerdest", "wuerdet"];

/// Verbs of informing: what they inform `über` is a topic.
const INFORMING: &[&str] = &[
    "informiert",
    "informieren",
    "informierte",
    "berichtet",
    "berichten",
    "berichtete",
    "aufgeklaert",
    "aufklaeren",
];

/// Words that open a condition.
const CONDITIONS: &[&str] = &["wenn", "falls", "sofern"];

/// Finite verbs that open a condition without `wenn` (`Kommt das Essen
/// … noch immer nicht, darf ich gehen`, `Fällt der Flug aus, haben Sie
/// Anspruch`) where a statement follows ([`opens_condition`]). Folded.
#[rustfmt::skip]
const CONDITION_VERBS: &[&str] = &[
    "ist", "sind", "war", "waren", "waere", "waeren", "hat", "haben", "hatte", "hatten",
    "haette", "haetten", "wird", "werden", "wurde", "wurden", "kommt", "kommen", "kam", "kann",
    "koennen", "konnte", "sollte", "sollten", "soll", "muss", "muessen", "gibt", "gab", "geht",
    "gehen", "ging", "dauert", "bleibt", "bleiben", "faellt", "fallen", "liegt", "liegen",
    "klappt", "funktioniert", "braucht", "will", "moechte", "darf", "stimmt", "fehlt", "fehlen",
    "passt", "steht", "stehen", "kostet", "bekommt", "erhaelt", "zahlt", "reagiert",
    "antwortet", "meldet", "erscheint", "trifft", "verspaetet",
];

/// What stands right after the verb of a statement's clause: its subject,
/// a pronoun or an article (`…, darf ich gehen`, `…, muss der Kunde`).
#[rustfmt::skip]
const CLAUSE_SUBJECTS: &[&str] = &[
    "ich", "du", "er", "sie", "es", "wir", "ihr", "man", "der", "die", "das", "den", "dem",
    "ein", "eine", "einen", "einem", "einer", "mir", "mich", "uns", "dir", "sich", "ihnen",
];

/// Opinion verbs, and the nouns an opinion is given with (`Meine Meinung
/// ist, dass sich manche nur dämlich anstellen`, `meines Erachtens`).
/// (`meine` is left out: far more often the possessive.)
const OPINION: &[&str] = &["finde", "finden", "denke", "glaube", "halte", "meinung", "erachtens"];

/// The cues of a duration (`seit Tagen`, `seit drei Wochen`): near a word
/// of illness they tell how long someone has been ill, not waited (`die
/// diese Symptome seit Tagen hatten`, `die seit Tagen krank sind`, in a
/// patient's letter to a paper, the web18 sample).
const DURATION_CUES: &[&str] = &["waiting/seit_dauer", "waiting/seit_langem"];

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

/// Words of worry, folded: a sentence whose only negative words are the
/// writer's worry (`Ich war so besorgt, dass ich Flixbus per E-Mail
/// kontaktierte`) finds no fault with anyone ([`complaint`]).
#[rustfmt::skip]
const WORRY: &[&str] = &[
    "besorgt", "sorge", "sorgen", "angst", "aengste", "aengstlich", "nervoes", "befuerchtet",
    "befuerchte", "befuerchtete", "befuerchtung", "bange", "panik", "mulmig", "aufgeregt",
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
    let mut service_account: Option<Option<usize>> = None;
    // Whether the text names a work reviewed (asked once, if needed).
    let mut about_a_work: Option<bool> = None;
    // How the text speaks: as or to a person, quoting, as a guide (asked
    // once, if needed).
    let mut voicing: Option<Voicing> = None;
    // What a sentence offers every cue in it, computed once per sentence:
    // a flood of cues in one long sentence then costs one pass over it, not
    // one pass per cue.
    let mut facts: Option<SentenceFacts> = None;
    // Whether the text is a story of its writer's own, and its quotes
    // (asked once, if needed).
    let mut narrative: Option<bool> = None;
    let mut story_quotes: Option<Vec<Range<usize>>> = None;
    for m in matches {
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
        if (pattern.needs_context || in_review)
            && subject.is_none()
            && service_account.get_or_insert_with(|| find_service_account(set, cx.tokens)).is_none()
        {
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
        // Auskunft bekommt`) and is left alone.
        let asked_condition = words.asked_condition.filter(|_| {
            Voicing::asked(&mut voicing, &mut service_account, set, cx, addressed, &mut folded)
                .to_reader
        });
        let hypothetical = words.condition.or(asked_condition).is_some_and(|c| {
            c <= m.first
                && (!words.habitual
                    || !cx.tokens[c..m.first].iter().any(|t| {
                        t.kind == TokenKind::Punct && matches!(t.text, "," | ";" | ":" | "–")
                    }))
        });
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
        if words.speaks_of_reader()
            && Voicing::asked(&mut voicing, &mut service_account, set, cx, addressed, &mut folded)
                .to_reader
        {
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
                Voicing::asked(&mut voicing, &mut service_account, set, cx, addressed, &mut folded)
                    .counts(first_person)
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
                && Voicing::asked(
                    &mut voicing,
                    &mut service_account,
                    set,
                    cx,
                    addressed,
                    &mut folded,
                )
                .own_voice;
        }
        if !(pattern.strong || reported) {
            continue;
        }
        // In a long text to no company, a cue inside a quote is someone's
        // speech: a paper's witness (`„Seit drei Wochen warte ich“, sagt
        // M.`), or the words a shop quotes from its own letter (`Sachen wie
        // „ich bin ehrlich gesagt fassungslos“`). A story of the writer's
        // tells its trouble outside its quotes too.
        let voiced =
            Voicing::asked(&mut voicing, &mut service_account, set, cx, addressed, &mut folded);
        if !pattern.quoted && in_quote(&voiced.quotes, m.first) {
            continue;
        }
        if pattern.id == NEVER_AGAIN_CUE && !words.first_person && !is_vow(cx, m) {
            continue;
        }
        let (start, end) = (cue_start, cue_end);
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
            let span = match (subject, service_account.flatten()) {
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
        let account = *service_account.get_or_insert_with(|| find_service_account(set, cx.tokens));
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
            None if reviews_a_stay(set, matches, cx)
                && !Voicing::asked(
                    &mut voicing,
                    &mut service_account,
                    set,
                    cx,
                    addressed,
                    &mut folded,
                )
                .is_guide() =>
            {
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

/// Words that make a sentence's subject many people in general (`Viele
/// Kunden sehen erst …, dass Sie einem Betrüger aufgesessen sind`, the
/// web20 sample): a quantifier right before a noun of people
/// ([`WordFacts::of_many`]). Their trouble is a report, not the writer's.
const MANY: &[&str] =
    &["viele", "manche", "einige", "etliche", "zahlreiche", "meisten", "tausende"];
const PEOPLE: &[&str] = &[
    "kunden",
    "kundinnen",
    "verbraucher",
    "verbraucherinnen",
    "nutzer",
    "nutzerinnen",
    "menschen",
    "leute",
    "reisende",
    "fahrgäste",
    "passagiere",
    "betroffene",
    "urlauber",
    "gäste",
    "mieter",
    "patienten",
    "versicherte",
    "autofahrer",
    "bürger",
    "deutsche",
];

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

/// Who a complaint without a cue is told to, which decides what makes a
/// negative sentence the writer's own report ([`complaint`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Voice {
    /// The text addresses a company (its account, a greeting, a reply on
    /// its page).
    ToCompany,
    /// The user says the text is first-hand.
    FirstHand,
    /// The text is a story of its writer's own ([`is_narrative`]).
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
const STAY_REVIEW_COMPLAINT_MAX: f64 = -0.15;

/// The pattern id of a complaint found by [`complaint`]: a rule, not a
/// pattern of the file.
const COMPLAINT_RULE: &str = "complaint/to_company";

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
const STAY_SUBJECTS: &[&str] = &[STAY_PLACES, "subject/aufenthalt"];

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
fn reviews_a_stay(set: &MarkerSet, matches: &[Match], cx: &ExperienceContext<'_>) -> bool {
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

/// Whether `token` is a word of `words` (lowercase; capitalization aside).
fn is_word_of(token: &Token<'_>, words: &[&str]) -> bool {
    token.kind == TokenKind::Word && words.iter().any(|w| token.text.eq_ignore_ascii_case(w))
}

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
fn complaint(
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
            Voice::Narrative | Voice::StayReview => {
                first_named_within(named, si, super::CONTEXT_BEFORE, super::CONTEXT_AFTER)
            }
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
fn negative_terms<'a>(
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

/// What one sentence offers the cues in it.
struct SentenceFacts<'a> {
    sentence: usize,
    /// The sentence's hits (hits are in text order).
    hits: &'a [Hit],
    /// Sum of the contributions of the hits inside the sentence.
    sum: f64,
    /// How many of them are negative.
    negatives: usize,
    /// What its words say, read when a cue first needs it.
    words: Option<WordFacts>,
    /// Its clauses, read when a cue in a positive sentence first needs them.
    clauses: Option<Clauses>,
}

/// A sentence's clauses, for the polarity of a cue's own clause.
struct Clauses {
    /// Whether a concessive word joins them (then there is no clause of
    /// its own to read).
    conceded: bool,
    /// Where its last contrast word (`aber`) starts: a cue before it is
    /// outweighed by what follows, a cue after it is what weighs.
    last_contrast: Option<usize>,
    /// Byte offsets of the clause-ending punctuation, in order.
    bounds: Vec<usize>,
    /// Where the hits inside the sentence start, in order…
    starts: Vec<usize>,
    /// …and `sums[i]`, the sum of the contributions of the first `i` of
    /// them (a flood of cues in one clause then costs one pass, not one
    /// per cue). Words only:
    sums: Vec<f64>,
    /// the contributions of faces, emoji and hashtags, which belong to
    /// every clause.
    tone: f64,
}

/// Words that concede: with one of them in the sentence, praise in another
/// clause weighs against the cue (`Trotz Verspätung, super Service`, `Kam
/// zu spät, immerhin freundlich`).
const CONCESSIONS: &[&str] = &[
    "trotzdem",
    "dennoch",
    "obwohl",
    "obgleich",
    "wenngleich",
    "trotz",
    "zwar",
    "immerhin",
    "wenigstens",
    "endlich",
    "dafuer",
];

/// Words that contrast: what follows them weighs more. Praise after one
/// outweighs a cue before it (`Kam zu spät, aber alles war super`); a cue
/// after one stands against the praise before it (`Der Film war toll,
/// aber im Kino wurde mir das Ticket doppelt berechnet`).
const CONTRASTS: &[&str] = &["aber", "doch", "jedoch", "allerdings", "sondern"];

impl<'a> SentenceFacts<'a> {
    fn new(cx: &ExperienceContext<'a>, si: usize) -> SentenceFacts<'a> {
        let sentence = &cx.scored[si];
        let from = cx.hits.partition_point(|h| h.start < sentence.start);
        let to = cx.hits.partition_point(|h| h.start < sentence.end);
        let hits = &cx.hits[from..to];
        let inside = hits.iter().filter(|h| h.end <= sentence.end);
        let first_word =
            cx.sentences[si].clone().map(|i| &cx.tokens[i]).find(|t| t.kind == TokenKind::Word);
        // Thanks opening a sentence makes no experience a good one: `Danke
        // @DB_Bahn, dass wir nachts um 2 Uhr stranden` is sarcasm. (`…,
        // danke!` closing a report is sincere and counts.)
        let opening_thanks = |h: &Hit| {
            first_word.is_some_and(|t| t.span.start == h.start) && crate::score::is_thanks(&h.term)
        };
        let polar = inside.clone().filter(|h| !opening_thanks(h));
        SentenceFacts {
            sentence: si,
            hits,
            sum: polar.map(|h| h.contribution).sum(),
            negatives: inside.filter(|h| h.contribution < 0.0).count(),
            words: None,
            clauses: None,
        }
    }

    /// The sum of the contributions of the hits in the clause of cue `m`
    /// (between the clause punctuation around it: `,` `;` `:` `–`, a spaced `-`, `(` `)`
    /// `…`), or `None` if a concession joins the sentence's clauses or a
    /// contrast word follows the cue: then the whole sentence says how it
    /// went.
    fn clause_sum(
        &mut self,
        cx: &ExperienceContext<'_>,
        m: &Match,
        folded: &mut String,
    ) -> Option<f64> {
        let (si, hits) = (self.sentence, self.hits);
        let clauses = self.clauses.get_or_insert_with(|| Clauses::new(cx, si, hits, folded));
        let (cue_start, cue_end) = (cx.tokens[m.first].span.start, cx.tokens[m.last].span.end);
        if clauses.conceded || clauses.last_contrast.is_some_and(|c| c > cue_start) {
            return None;
        }
        let sentence = &cx.scored[si];
        // The bounds around the cue (a cue found in any order may span one).
        let before = clauses.bounds.partition_point(|&b| b < cue_start);
        let after = clauses.bounds.partition_point(|&b| b < cue_end);
        let from = before.checked_sub(1).map_or(sentence.start, |i| clauses.bounds[i]);
        let to = clauses.bounds.get(after).copied().unwrap_or(sentence.end);
        let lo = clauses.starts.partition_point(|&s| s < from);
        let hi = clauses.starts.partition_point(|&s| s < to);
        Some(clauses.sums[hi] - clauses.sums[lo] + clauses.tone)
    }
}

impl Clauses {
    fn new(cx: &ExperienceContext<'_>, si: usize, hits: &[Hit], folded: &mut String) -> Clauses {
        let (mut conceded, mut last_contrast) = (false, None);
        let mut bounds = Vec::new();
        for t in cx.sentences[si].clone().map(|i| &cx.tokens[i]) {
            match t.kind {
                TokenKind::Word => {
                    normalize::fold_into(t.text, folded);
                    let roles = roles_of(folded);
                    conceded |= roles & CONCESSION_WORD != 0;
                    if roles & CONTRAST_WORD != 0 {
                        last_contrast = Some(t.span.start);
                    }
                }
                TokenKind::Punct
                    if matches!(t.text, "," | ";" | ":" | "–" | "-" | "(" | ")" | "…") =>
                {
                    bounds.push(t.span.start);
                }
                _ => {}
            }
        }
        let end = cx.scored[si].end;
        let (mut starts, mut sums, mut tone) = (Vec::new(), vec![0.0], 0.0);
        for h in hits.iter().filter(|h| h.end <= end) {
            // A face, an emoji or a hashtag comments on the whole sentence
            // (`Kein Durchkommen für den NPD-Bus :-)`).
            if cx.text[h.start..].starts_with(|c: char| !c.is_alphanumeric()) {
                tone += h.contribution;
                continue;
            }
            starts.push(h.start);
            sums.push(sums.last().copied().unwrap_or(0.0) + h.contribution);
        }
        Clauses { conceded, last_contrast, bounds, starts, sums, tone }
    }
}

/// What a sentence's words say about the writer's experience.
struct WordFacts {
    /// The first three first-person or time words (a cue's own first and
    /// last word may be two of them).
    context: Vec<usize>,
    /// The first three opinion verbs.
    opinion: Vec<usize>,
    /// A `wenn` or `falls` opening the sentence.
    condition: Option<usize>,
    /// A `wenn` or `falls` elsewhere in a question. Where the text speaks
    /// to no company, such a question asks what would be (`Doch was, wenn
    /// die Bestellung nicht die versprochene Freude bringt?`, `Was tun,
    /// wenn der Flug ausfällt?`); put to a company, it is as often a
    /// complaint (`Wieso nennt ihr euch @DB_Info, wenn man keine Infos
    /// bekommt?`).
    asked_condition: Option<usize>,
    has_time: bool,
    /// Whether the sentence has a word of frequency (`immer`, `jedes`,
    /// `ständig`): a `wenn` there means `whenever`.
    habitual: bool,
    /// Whether the sentence has a first-person word.
    first_person: bool,
    /// Whether it has a second-person word (`du`, `deinen`, `euer`, `ihr`).
    second_person: bool,
    /// Whether it has a modal verb in the second person (`kannst`,
    /// `solltest`): advice.
    advice: bool,
    /// Whether it has a verb of informing (`informiert`, `berichtet`).
    informs: bool,
    /// Whether it speaks of many people in general: a quantifier right
    /// before a noun of people ([`MANY`], [`PEOPLE`]).
    of_many: bool,
    /// Context in the sentences around ([`context_around`]), once asked.
    around: Option<Option<usize>>,
    /// A company's account named in the sentence ([`account_in_sentence`]),
    /// once asked.
    account: Option<Option<usize>>,
}

impl WordFacts {
    fn new(cx: &ExperienceContext<'_>, si: usize, folded: &mut String) -> WordFacts {
        let mut facts = WordFacts {
            context: Vec::new(),
            opinion: Vec::new(),
            condition: None,
            asked_condition: None,
            has_time: false,
            habitual: false,
            first_person: false,
            second_person: false,
            advice: false,
            informs: false,
            of_many: false,
            around: None,
            account: None,
        };
        let mut first = true;
        let mut opens_with_verb = None;
        let mut any_condition = None;
        let mut after_many = false;
        for i in cx.sentences[si].clone() {
            let t = &cx.tokens[i];
            if t.kind != TokenKind::Word {
                continue;
            }
            normalize::fold_into(t.text, folded);
            let roles = roles_of(folded);
            facts.has_time |= roles & TIME_WORD != 0;
            facts.habitual |= roles & HABITUAL_WORD != 0;
            facts.first_person |= roles & FIRST_PERSON_WORD != 0;
            facts.second_person |= roles & SECOND_PERSON_WORD != 0;
            facts.advice |= roles & ADVICE_WORD != 0;
            facts.informs |= roles & INFORMING_WORD != 0;
            facts.of_many |= roles & PEOPLE_WORD != 0 && after_many;
            after_many = roles & MANY_WORD != 0;
            if facts.context.len() < 3 && roles & (FIRST_PERSON_WORD | TIME_WORD) != 0 {
                facts.context.push(i);
            }
            if facts.opinion.len() < 3 && roles & OPINION_WORD != 0 {
                facts.opinion.push(i);
            }
            if roles & CONDITION_WORD != 0 {
                if first {
                    facts.condition = Some(i);
                }
                any_condition.get_or_insert(i);
            }
            if first && roles & CONDITION_VERB_WORD != 0 {
                opens_with_verb = Some(i);
            }
            first = false;
        }
        if let Some(verb) = opens_with_verb.filter(|_| facts.condition.is_none()) {
            if opens_condition(cx.tokens, verb, &cx.sentences[si], folded) {
                facts.condition = Some(verb);
            }
        }
        if facts.condition.is_none()
            && any_condition.is_some()
            && asks(cx.tokens, &cx.sentences[si])
        {
            facts.asked_condition = any_condition;
        }
        facts
    }

    /// Whether the sentence gives a reader advice (`kündigen kannst du ja
    /// einfach per Post`), which tells of nothing that happened; a writer
    /// who speaks of themselves too may report (`musst du dir vorstellen:
    /// ich …`).
    fn advises(&self) -> bool {
        self.advice && !self.first_person
    }

    /// Whether the sentence speaks of its reader and not of its writer
    /// (`Besonders wenn du deinen Anschlussflug verpasst, …`): in a long
    /// text that speaks to no company, that is the reader's case.
    fn speaks_of_reader(&self) -> bool {
        self.second_person && !self.first_person
    }
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

/// Units of time in the singular: time words, but in an idiom as often as
/// in a report (`Morgen ist auch noch ein Tag`, `eine Minute bitte`).
const TIME_UNITS: &[&str] = &["minute", "stunde", "tag", "woche", "monat"];

/// Texts up to this many bytes count as personal whatever their words: a
/// short post is its writer's (`S-Bahn nach Hannover… Hier stinkt es`).
const SHORT_TEXT: usize = 200;

/// Second-person words: in a long text to no company, a sentence with one
/// and no first-person word speaks of its reader
/// ([`WordFacts::speaks_of_reader`]).
const SECOND_PERSON: &[&str] = &[
    "ihr", "euch", "eure", "euer", "euren", "eurem", "eurer", "eures", "du", "dich", "dir", "dein",
    "deine", "deinen", "deinem", "deiner", "deines",
];

fn is_first_person(word: &str, folded: &mut String) -> bool {
    normalize::fold_into(word, folded);
    roles_of(folded) & FIRST_PERSON_WORD != 0
}

/// The roles a folded word plays for the detector ([`FIRST_PERSON`],
/// [`TIME`], …), as bits: one hash lookup per word of a sentence with a
/// cue, where the lists were searched one by one (most of the cost of a
/// flood of cues in one endless sentence, `tests/cost.rs`).
fn roles_of(folded: &str) -> u32 {
    static ROLES: LazyLock<FxHashMap<&'static str, u32>> = LazyLock::new(|| {
        let mut roles = FxHashMap::default();
        let lists = [
            (FIRST_PERSON, FIRST_PERSON_WORD),
            (SECOND_PERSON, SECOND_PERSON_WORD),
            (TIME, TIME_WORD),
            (OPINION, OPINION_WORD),
            (CONDITIONS, CONDITION_WORD),
            (SERVICE_ACCOUNT_WORDS, SERVICE_ACCOUNT_WORD),
            (CONCESSIONS, CONCESSION_WORD),
            (CONTRASTS, CONTRAST_WORD),
            (HABITUAL, HABITUAL_WORD),
            (ADVICE, ADVICE_WORD),
            (POLITICAL_ACCOUNT_WORDS, POLITICAL_ACCOUNT_WORD),
            (INFORMING, INFORMING_WORD),
            (TIME_UNITS, TIME_UNIT_WORD),
            (CONDITION_VERBS, CONDITION_VERB_WORD),
            (CLAUSE_SUBJECTS, CLAUSE_SUBJECT_WORD),
            (MANY, MANY_WORD),
            (PEOPLE, PEOPLE_WORD),
        ];
        for (words, role) in lists {
            for &word in words {
                *roles.entry(word).or_default() |= role;
            }
        }
        roles
    });
    ROLES.get(folded).copied().unwrap_or(0)
}

const FIRST_PERSON_WORD: u32 = 1;
const SECOND_PERSON_WORD: u32 = 2;
const TIME_WORD: u32 = 4;
const OPINION_WORD: u32 = 8;
const CONDITION_WORD: u32 = 16;
const SERVICE_ACCOUNT_WORD: u32 = 32;
const CONCESSION_WORD: u32 = 64;
const CONTRAST_WORD: u32 = 128;
const HABITUAL_WORD: u32 = 256;
const ADVICE_WORD: u32 = 512;
const POLITICAL_ACCOUNT_WORD: u32 = 1024;
const INFORMING_WORD: u32 = 2048;
const TIME_UNIT_WORD: u32 = 4096;
const CONDITION_VERB_WORD: u32 = 8192;
const CLAUSE_SUBJECT_WORD: u32 = 16384;
const MANY_WORD: u32 = 1 << 15;
const PEOPLE_WORD: u32 = 1 << 16;

/// Whose words a text's first-person and time words are: asked once per
/// text, and only of a text with a cue that found one.
///
/// A long text may speak as no one (news), quote others (a paper that lets
/// its readers tell: `„Die ersten Ausfälle hatten wir vor drei Wochen“,
/// so Schmitz`), or speak to its reader of what may happen to them (a
/// guide: `Manchmal ändert sich der Status tagelang nicht, obwohl ihr es
/// nicht erhalten habt`; `Ist mein Paket verloren?` asked in the reader's
/// voice). None of these tells its writer's own experience: its writer
/// never says `ich` or `wir` in a statement of their own.
struct Voicing {
    /// Whether the writer speaks for themselves: the text is short, or
    /// speaks to a company (its account, a greeting, a reply on its page),
    /// or says a first-person word outside quotes in a sentence that does
    /// not ask — and, if only `wir`, does not speak to the reader either
    /// (`In diesem Artikel zeigen wir dir …` is the editors'). Only then is
    /// a first-person word context.
    own_voice: bool,
    /// Whether the text is a person's: it speaks for its writer or
    /// mentions an account. Only then is a time word context. (Measured on
    /// 40 flags of GermEval texts no label file had used: 8 of the 22
    /// false ones were news, all long and impersonal; none of the 18 real
    /// ones was lost.)
    personal: bool,
    /// Whether the text is long and speaks to no company: then a sentence
    /// in the second person speaks to its reader
    /// ([`WordFacts::speaks_of_reader`]).
    to_reader: bool,
    /// Whether the text says a second-person word outside quotes (`du`,
    /// `euch`, `Sie` after a sentence's first word), asking or not. (Read
    /// only until the writer is found to speak for themselves: asked only
    /// where they do not, by [`Voicing::is_guide`].)
    addresses_reader: bool,
    /// The text's quotes ([`quotes`]), where it is long and speaks to no
    /// company (none otherwise): a cue there is someone's speech.
    quotes: Vec<Range<usize>>,
}

/// Quotation marks, German, English and French: each opens a quote or
/// closes the open one (`„…“`, `“…”`, `"…"`, `»…«`, `«…»`).
const QUOTATION_MARKS: &[&str] = &["„", "“", "”", "\"", "»", "«"];

impl Voicing {
    /// The text's voicing, read once into `slot`; the company's account
    /// the text mentions is asked through the detector's own cache
    /// (`account`), as the cues ask it.
    fn asked<'v>(
        slot: &'v mut Option<Voicing>,
        account: &mut Option<Option<usize>>,
        set: &MarkerSet,
        cx: &ExperienceContext<'_>,
        addressed: Option<usize>,
        folded: &mut String,
    ) -> &'v Voicing {
        slot.get_or_insert_with(|| {
            let account = addressed
                .or_else(|| *account.get_or_insert_with(|| find_service_account(set, cx.tokens)));
            Voicing::of(set, cx, account, folded)
        })
    }

    /// `account`: the company the text is addressed to or mentions, if any.
    fn of(
        set: &MarkerSet,
        cx: &ExperienceContext<'_>,
        account: Option<usize>,
        folded: &mut String,
    ) -> Voicing {
        let to_company = || {
            account.is_some()
                || greeted_company(set, cx.tokens, cx.sentences).is_some()
                || replied_company(set, cx.tokens).is_some()
        };
        if cx.text.len() <= SHORT_TEXT || to_company() {
            return Voicing {
                own_voice: true,
                personal: true,
                to_reader: false,
                addresses_reader: false,
                quotes: Vec::new(),
            };
        }
        let quotes = quotes(cx.tokens);
        let (mut own_voice, mut mention, mut addresses_reader_anywhere) = (false, false, false);
        let mut singular_anywhere = false;
        for sentence in cx.sentences {
            let tokens = &cx.tokens[sentence.clone()];
            let asks = asks(cx.tokens, sentence);
            let (mut speaks, mut singular, mut addresses) = (false, false, false);
            // Read on past a `wir` that speaks for the writer, until an
            // `ich` is found too: a test's report is told only as `wir`
            // (below).
            let reading = !(own_voice && singular_anywhere);
            for (n, (i, t)) in sentence.clone().zip(tokens).enumerate() {
                let quoted = in_quote(&quotes, i);
                match t.kind {
                    TokenKind::Mention => mention = true,
                    TokenKind::Word if reading && !quoted => {
                        if !asks && is_first_person(t.text, folded) {
                            speaks = true;
                            singular |= FIRST_PERSON_SINGULAR.contains(&folded.as_str());
                        }
                        addresses |= addresses_reader(t.text, n);
                    }
                    _ => {}
                }
            }
            own_voice |= speaks && (singular || !addresses);
            singular_anywhere |= speaks && singular;
            addresses_reader_anywhere |= addresses;
        }
        // A lawyer speaks in the first person of a client's trouble; a
        // test's `wir` are its testers, who met the faults on purpose
        // (`Wir haben sieben Reparaturdienste getestet`, the web21 sample).
        let own_voice = own_voice
            && !tells_of_a_client(cx.tokens)
            && (singular_anywhere || !reports_a_test(cx.tokens));
        Voicing {
            own_voice,
            personal: own_voice || mention,
            to_reader: true,
            addresses_reader: addresses_reader_anywhere,
            quotes,
        }
    }

    /// Whether the text is a guide: long, to no company, its writer never
    /// speaking for themselves, and speaking to its reader (`Doch an der
    /// Hotelrezeption dann der Schock: Hotelüberbuchung! … welche Rechte
    /// ihr habt`). Its faults are the reader's possible ones, not a
    /// review's.
    fn is_guide(&self) -> bool {
        self.to_reader && !self.own_voice && self.addresses_reader
    }

    /// Whether a context word counts: a first-person word where the writer
    /// speaks for themselves, a time word where the text is a person's.
    fn counts(&self, first_person: bool) -> bool {
        if first_person {
            self.own_voice
        } else {
            self.personal
        }
    }
}

/// The quotes of a text, as token ranges in text order: from a quotation
/// mark to the next one, within a line. A mark never closed opens no
/// quote, and a quote of more than half the text's words is no quote but
/// the text itself in quotation marks (a comment quoted whole in an
/// export, `Re: DB Bahn "Liebe Bahn, …"`).
fn quotes(tokens: &[Token<'_>]) -> Vec<Range<usize>> {
    let mut quotes: Vec<(Range<usize>, usize)> = Vec::new();
    // A text wrapped whole in quotation marks (an export's field, `"…
    // ""König der Löwen"" …"`) opens and closes no quote with them: its
    // inner marks pair up among themselves.
    let is_mark = |t: &Token<'_>| t.kind == TokenKind::Punct && QUOTATION_MARKS.contains(&t.text);
    let first = tokens.iter().position(|t| t.kind != TokenKind::LineBreak);
    let last = tokens.iter().rposition(|t| t.kind != TokenKind::LineBreak);
    let wrapper = match (first, last) {
        (Some(f), Some(l)) if f < l && is_mark(&tokens[f]) && is_mark(&tokens[l]) => [f, l],
        _ => [usize::MAX; 2],
    };
    // The open quote's first mark; the words of the text, and of the open
    // quote.
    let (mut open, mut words, mut inside) = (None, 0, 0);
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            TokenKind::Punct if is_mark(t) && !wrapper.contains(&i) => match open.take() {
                Some(start) => quotes.push((start..i + 1, inside)),
                None => {
                    open = Some(i);
                    inside = 0;
                }
            },
            TokenKind::LineBreak => open = None,
            TokenKind::Word => {
                words += 1;
                inside += usize::from(open.is_some());
            }
            _ => {}
        }
    }
    quotes.into_iter().filter(|&(_, n)| 2 * n <= words).map(|(q, _)| q).collect()
}

/// Whether position `at` (a token's index, or a byte's, as `quoted` is
/// given) lies inside one of `quoted`, ranges in text order ([`quotes`]).
fn in_quote(quoted: &[Range<usize>], at: usize) -> bool {
    quoted.get(quoted.partition_point(|q| q.end <= at)).is_some_and(|q| q.contains(&at))
}

/// Whether `word`, the `n`th of its sentence, speaks to the reader: a
/// second-person word but `ihr` (as often `her`; the only one not starting
/// with `d` or `e`), or the formal address
/// after a sentence's first word (`Wir zeigen Ihnen`).
fn addresses_reader(word: &str, n: usize) -> bool {
    match word.as_bytes().first() {
        Some(b'd' | b'D' | b'e' | b'E') => {
            word.len() <= 6 && SECOND_PERSON.iter().any(|w| word.eq_ignore_ascii_case(w))
        }
        Some(b'S' | b'I') => n > 0 && FORMAL_ADDRESS.contains(&word),
        _ => false,
    }
}

/// Whether a sentence asks: it ends in a question mark, or it is a
/// headline (no mark at its end) in a question's word order.
fn asks(tokens: &[Token<'_>], sentence: &Range<usize>) -> bool {
    let tokens = &tokens[sentence.clone()];
    match tokens.iter().rev().find(|t| t.kind != TokenKind::LineBreak) {
        Some(t) if t.kind == TokenKind::Punct => t.text == "?",
        // A headline asks without its mark, by its word order (`Wie lange
        // muss ich auf den Pizzaboten warten`, the web20 sample; `Was tun,
        // wenn …`): a question word, then a verb within two words.
        Some(_) => {
            let mut words = tokens.iter().filter(|t| t.kind == TokenKind::Word);
            words.next().is_some_and(|t| is_word_of(t, INTERROGATIVES))
                && words.take(2).any(|t| is_word_of(t, QUESTION_VERBS))
        }
        None => false,
    }
}

/// Words that open a question ([`asks`]).
const INTERROGATIVES: &[&str] = &[
    "wie", "was", "warum", "wieso", "weshalb", "wann", "wo", "wer", "welche", "welcher", "welches",
    "wohin", "woher", "wozu",
];

/// Verbs that follow a question word in a headline's question ([`asks`]).
const QUESTION_VERBS: &[&str] = &[
    "muss", "müssen", "kann", "können", "darf", "dürfen", "soll", "sollen", "sollte", "ist",
    "sind", "hat", "haben", "tun", "tue", "gibt", "bekomme", "bekommt", "mache", "macht",
];

/// Whether a sentence opened by the finite verb at `verb` ([`CONDITION_VERBS`])
/// is a condition and what follows from it: the verb's clause ends at a
/// comma, and the next clause is a statement that opens with its own verb
/// and its subject (`Kommt das bestellte Essen … noch immer nicht, darf
/// ich gehen`; `dann` may stand first). A question is no condition (`Ist
/// das euer Ernst?`), nor a clause that goes on with `dass` or `weil`
/// (`Ist doch klar, dass die Bahn …`), nor a story told without its pronoun
/// (`Hatte heute wieder Verspätung, ich stand …`).
fn opens_condition(
    tokens: &[Token<'_>],
    verb: usize,
    sentence: &Range<usize>,
    folded: &mut String,
) -> bool {
    if asks(tokens, sentence) {
        return false;
    }
    let Some(comma) = (verb + 1..sentence.end)
        .find(|&i| tokens[i].kind == TokenKind::Punct && tokens[i].text == ",")
    else {
        return false;
    };
    let mut words = (comma + 1..sentence.end).filter(|&i| tokens[i].kind == TokenKind::Word);
    let mut next = words.next();
    if next.is_some_and(|i| matches!(tokens[i].text, "dann" | "so")) {
        next = words.next();
    }
    let Some(clause_verb) = next else { return false };
    let text = tokens[clause_verb].text;
    if !text.starts_with(char::is_lowercase) || SUBORDINATORS.contains(&text) {
        return false;
    }
    words.next().is_some_and(|i| {
        normalize::fold_into(tokens[i].text, folded);
        roles_of(folded) & CLAUSE_SUBJECT_WORD != 0
    })
}

/// Words that open a subordinate clause: a clause after a comma that opens
/// with one is no statement following a condition ([`opens_condition`]).
#[rustfmt::skip]
const SUBORDINATORS: &[&str] = &[
    "dass", "daß", "weil", "wenn", "ob", "wie", "was", "als", "obwohl", "da", "damit", "sodass",
    "nachdem", "bevor", "bis", "während", "wo", "wer", "und", "oder", "aber", "denn", "sondern",
];

/// How many sentences a story has at least ([`is_narrative`]).
const NARRATIVE_SENTENCES: usize = 3;

/// In how many of its sentences a story's writer speaks in the first
/// person at least ([`is_narrative`]).
const NARRATIVE_FIRST_PERSON: usize = 2;

/// First-person words in the singular: a writer who says only `wir` may
/// speak for a company.
const FIRST_PERSON_SINGULAR: &[&str] =
    &["ich", "hab", "mich", "mir", "mein", "meine", "meinen", "meinem", "meiner", "meines"];

/// Per ASCII letter, whether a [`FIRST_PERSON`] word begins with it: most
/// words are no such word by their first letter.
const FIRST_PERSON_INITIALS: [bool; 128] = {
    let mut initials = [false; 128];
    let mut i = 0;
    while i < FIRST_PERSON.len() {
        initials[FIRST_PERSON[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    initials
};

/// The formal address, capitalized (`Sie`, `Ihnen`, `Ihre`): outside a
/// sentence's first word it speaks to the reader.
const FORMAL_ADDRESS: &[&str] = &["Sie", "Ihnen", "Ihr", "Ihre", "Ihren", "Ihrem", "Ihrer"];

/// Whether a text tells a story of its writer's own — a blog post, a
/// forum thread's first post, a review in the first person: at least
/// [`NARRATIVE_SENTENCES`] sentences, in [`NARRATIVE_FIRST_PERSON`] of
/// which the writer says `ich`, `wir`, `mein` …, and not in the voice of
/// a company (`wir` to `Sie` and never `ich`: `Wir haben ein
/// Rückgaberecht … kontaktieren Sie uns`). Such a text is its writer's
/// report the way a first-hand one is, and a clearly negative sentence in
/// the first person about a subject it names, or about one it names
/// itself, is a complaint without a cue ([`complaint`]). Tweets and short comments are no stories: they have
/// their own rules; nor is a lawyer's account of a client's trouble
/// ([`tells_of_a_client`]).
///
/// `quoted` keeps the text's quotes once found ([`quotes`]), for the
/// complaint that follows.
fn is_narrative(
    text: &str,
    tokens: &[Token<'_>],
    sentences: &[Range<usize>],
    quoted: &mut Option<Vec<Range<usize>>>,
) -> bool {
    if text.len() <= SHORT_TEXT || sentences.len() < NARRATIVE_SENTENCES {
        return false;
    }
    // A story told only as `wir` is a test's when it tells of testing
    // (`Zwischen 100 und 860 Euro mussten unsere Tester … bezahlen`, the
    // web21 sample): its testers met the faults on purpose.
    // (Asked once: the count is taken with and without the quotes.)
    let mut a_test = None;
    let mut told = |quoted: &[Range<usize>]| match tells_in_first_person(tokens, sentences, quoted)
    {
        Some(Speaker::I) => true,
        Some(Speaker::We) => !*a_test.get_or_insert_with(|| reports_a_test(tokens)),
        None => false,
    };
    // A first-person word in a quote is someone else's (`„Der Bote
    // klingelte an unserer Tür“, schreibt ein Empfänger`): asked only of
    // the texts that would be stories, few of which quote.
    told(&[])
        && {
            let quoted = quoted.get_or_insert_with(|| quotes(tokens));
            quoted.is_empty() || told(quoted)
        }
        && !tells_of_a_client(tokens)
}

/// How a story's writer speaks ([`tells_in_first_person`]).
enum Speaker {
    /// In the singular somewhere (`ich`, `mein`).
    I,
    /// Only in the plural (`wir`, `unsere`).
    We,
}

/// The count of [`is_narrative`], with the first-person words in `quoted`
/// (token ranges in text order) left out: how the writer speaks, where
/// the text tells in the first person.
fn tells_in_first_person(
    tokens: &[Token<'_>],
    sentences: &[Range<usize>],
    quoted: &[Range<usize>],
) -> Option<Speaker> {
    let (mut speaking, mut singular, mut formal) = (0, false, false);
    for sentence in sentences {
        let (mut first_person, mut speaks_singular) = (false, false);
        for (n, (i, t)) in sentence.clone().map(|i| (i, &tokens[i])).enumerate() {
            // First-person and formal words are short and ASCII: compared
            // as they stand, every word of every text need not be folded.
            if t.kind != TokenKind::Word || t.text.len() > 7 {
                continue;
            }
            if in_quote(quoted, i) {
                continue;
            }
            let first = t.text.as_bytes()[0];
            if first == b'S' || first == b'I' {
                formal |= n > 0 && FORMAL_ADDRESS.contains(&t.text);
            }
            if !FIRST_PERSON_INITIALS.get(first.to_ascii_lowercase() as usize).is_some_and(|&b| b) {
                continue;
            }
            if let Some(word) = FIRST_PERSON.iter().find(|w| t.text.eq_ignore_ascii_case(w)) {
                first_person = true;
                speaks_singular |= FIRST_PERSON_SINGULAR.contains(word);
            }
        }
        singular |= speaks_singular;
        // A question is asked in the reader's voice as often as in the
        // writer's (`Ist mein Paket verloren?` in a guide), and a `wir`
        // that speaks to the reader is the editors' (`In diesem Beitrag
        // klären wir, was du jetzt tun kannst`).
        // (Asked only of a sentence in `wir` alone: few are.)
        let editorial = first_person
            && !speaks_singular
            && sentence.clone().enumerate().any(|(n, i)| {
                tokens[i].kind == TokenKind::Word && addresses_reader(tokens[i].text, n)
            });
        speaking += usize::from(
            first_person
                && !editorial
                && !asks(tokens, sentence)
                && !would(&tokens[sentence.clone()]),
        );
        if speaking >= NARRATIVE_FIRST_PERSON && singular {
            return Some(Speaker::I);
        }
    }
    (speaking >= NARRATIVE_FIRST_PERSON && !formal).then_some(Speaker::We)
}

/// Whether a sentence says what would be (`Ich würde diese Schreiben per
/// Einschreiben schicken`): advice or a wish, which a forum's answer is
/// made of, not a story's event.
fn would(tokens: &[Token<'_>]) -> bool {
    tokens.iter().any(|t| t.kind == TokenKind::Word && WOULD.contains(&t.text))
}

/// Whether a sentence says what might be, in the subjunctive (`als könnte
/// es nicht funktionieren`, `was … unangenehmer wäre`), not what happened.
fn supposes(tokens: &[Token<'_>]) -> bool {
    tokens.iter().any(|t| {
        t.kind == TokenKind::Word && (WOULD.contains(&t.text) || SUBJUNCTIVE.contains(&t.text))
    })
}

/// Subjunctive forms besides [`WOULD`], as written ([`supposes`]).
const SUBJUNCTIVE: &[&str] =
    &["könnte", "könnten", "wäre", "wären", "hätte", "hätten", "müsste", "müssten", "sollte"];

/// Whether a text speaks to its reader as `Sie` outside its quotes
/// (`quoted`) and after a sentence's first word, where `Sie` is as often
/// `she` or `they`: a guide's or a letter's address.
fn addresses_formally(
    tokens: &[Token<'_>],
    sentences: &[Range<usize>],
    quoted: &[Range<usize>],
) -> bool {
    sentences.iter().any(|s| {
        s.clone().skip(1).any(|i| {
            let t = &tokens[i];
            t.kind == TokenKind::Word && FORMAL_ADDRESS.contains(&t.text) && !in_quote(quoted, i)
        })
    })
}

/// The subjunctive of `werden`, as written (`Würde` opening a sentence is
/// as often the noun).
const WOULD: &[&str] = &["würde", "würden", "würd", "wuerde", "wuerden"];

/// Words that name the accounts of companies and services, besides the
/// subject words (`@Telekom_hilft`, `@AmazonHelp`, `@DB_Info`,
/// `@vodafone_de`).
const SERVICE_ACCOUNT_WORDS: &[&str] = &["hilft", "hilfe", "help", "care", "info", "de"];

/// Words of political accounts (`@fdp_de`, `@FDP_Fraktion`,
/// `@spdbt`): a party is no company, though its handle may end in `de`.
const POLITICAL_ACCOUNT_WORDS: &[&str] = &[
    "fdp",
    "spd",
    "spdbt",
    "cdu",
    "csu",
    "cducsubt",
    "afd",
    "gruene",
    "linke",
    "piraten",
    "partei",
    "fraktion",
    "bundestag",
    "landtag",
    "regierung",
];

/// The first mention of an account that reads as a company's or a
/// service's: a part of its handle — split at `_`, digits and where a
/// capital starts a word (`@DHLPaket`: `DHL`, `Paket`) — is a subject word
/// or one of [`SERVICE_ACCOUNT_WORDS`], and none is a party's
/// ([`POLITICAL_ACCOUNT_WORDS`]). A person's account is no subject:
/// a tweet that replies to someone and says `bin kaputt` is tired. (On 40
/// flags of tweets of any topic, 13 of the 19 false ones had only a
/// person's mention.)
fn find_service_account(set: &MarkerSet, tokens: &[Token<'_>]) -> Option<usize> {
    ACCOUNTS.with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.set != set.id() || memo.verdicts.len() >= ACCOUNTS_KEPT {
            memo.set = set.id();
            memo.verdicts.clear();
        }
        tokens.iter().position(|t| {
            if t.kind != TokenKind::Mention {
                return false;
            }
            let handle = t.text.trim_start_matches('@');
            // A handle is at most 15 characters on Twitter: a 4 MB
            // "mention" is no account.
            if handle.len() > MAX_HANDLE {
                return false;
            }
            if let Some(&verdict) = memo.verdicts.get(handle) {
                return verdict;
            }
            let verdict = is_service_account(set, handle, &mut memo.folded);
            memo.verdicts.insert(handle.into(), verdict);
            verdict
        })
    })
}

/// The first company's account mentioned in sentence `si`, unless quoted
/// (`RT @sbahn_chaos_de: … ausgefallen`) or named as a source (`Eine neue
/// S-Bahn Meldung - S5: @SBahnBerlin - 13.01.2016`: a dash follows).
fn account_in_sentence(set: &MarkerSet, cx: &ExperienceContext<'_>, si: usize) -> Option<usize> {
    let range = cx.sentences[si].clone();
    let i = range.start + find_service_account(set, &cx.tokens[range])?;
    let quoted = i > 0 && cx.tokens[i - 1].text.eq_ignore_ascii_case("rt");
    let source = cx.tokens.get(i + 1).is_some_and(|t| matches!(t.text, "-" | "–"));
    (!quoted && !source).then_some(i)
}

/// Whether an account's handle reads as a company's or a service's (see
/// [`find_service_account`]).
fn is_service_account(set: &MarkerSet, handle: &str, folded: &mut String) -> bool {
    let (mut service, mut political) = (false, false);
    for part in handle_parts(handle) {
        normalize::fold_into(part, folded);
        let roles = roles_of(folded);
        service |= roles & SERVICE_ACCOUNT_WORD != 0 || set.names_subject(folded);
        political |= roles & POLITICAL_ACCOUNT_WORD != 0;
    }
    service && !political
}

/// How many accounts' verdicts a thread keeps: tweets mention the same
/// accounts again and again, and reading a handle (its parts folded,
/// stemmed and looked up) cost ~4,700 instructions a text on tweets. The
/// memory is cleared when full, so it stays flat on any input.
const ACCOUNTS_KEPT: usize = 4_096;

/// The longest handle (in bytes) read as an account's.
const MAX_HANDLE: usize = 64;

/// The verdicts of [`is_service_account`] on the accounts a thread met
/// lately, for one marker set.
#[derive(Default)]
struct AccountMemo {
    set: u64,
    verdicts: FxHashMap<Box<str>, bool>,
    folded: String,
}

thread_local! {
    static ACCOUNTS: std::cell::RefCell<AccountMemo> = std::cell::RefCell::default();
}

/// Words that greet the addressee of a message.
const GREETINGS: &[&str] = &["hallo", "hi", "hey", "moin", "liebe", "lieber", "liebes"];

/// Whether a text may hold a complaint without a cue ([`complaint`]): it
/// mentions an account, or a sentence opens with a greeting. The analyzer
/// asks the detector of a text with no marker match only then.
pub(crate) fn may_complain(tokens: &[Token<'_>], sentences: &[Range<usize>]) -> bool {
    tokens.iter().any(|t| t.kind == TokenKind::Mention)
        || sentences.iter().any(|s| opening_greeting(tokens, s.clone()).is_some())
        || reply_title_start(tokens).is_some()
}

/// How many words of a reply's title may name the company whose page it
/// is: page names are short (`DB Bahn`, `Deutsche Bahn Personenverkehr`,
/// `MVB - Magdeburger Verkehrsbetriebe`); a post's title that mentions the
/// railway in its ninth word (`Der Streik der Lokführergewerkschaft GDL
/// ist nach Angaben der Deutschen Bahn …`) is news.
const REPLY_TITLE_WORDS: usize = 3;

/// The company a comment replies to on its own page: a reply header
/// ([`reply_title_start`]) whose first words name a subject (`Re: DB Bahn …`,
/// `Re: Rheinbahn …`; not `Re: Süddeutsche Zeitung …`). A comment there
/// speaks to the company as a tweet to its account does.
fn replied_company(set: &MarkerSet, tokens: &[Token<'_>]) -> Option<usize> {
    let start = reply_title_start(tokens)?;
    let mut folded = String::new();
    (start..tokens.len())
        .filter(|&i| tokens[i].kind == TokenKind::Word)
        .take(REPLY_TITLE_WORDS)
        .find(|&i| names_subject_in_parts(set, tokens[i].text, &mut folded))
}

/// Whether `word` or one of its hyphenated parts is a subject word
/// (`DB-Team`: `DB`).
fn names_subject_in_parts(set: &MarkerSet, word: &str, folded: &mut String) -> bool {
    word.split('-').any(|part| {
        normalize::fold_into(part, folded);
        set.names_subject(folded)
    })
}

/// The greeting a sentence opens with (after mentions), if any.
fn opening_greeting(tokens: &[Token<'_>], mut sentence: Range<usize>) -> Option<usize> {
    let first = sentence.find(|&i| tokens[i].kind != TokenKind::Mention)?;
    let t = &tokens[first];
    (t.kind == TokenKind::Word && GREETINGS.iter().any(|g| t.text.eq_ignore_ascii_case(g)))
        .then_some(first)
}

/// The company a text greets as the addressee of a letter (`Liebe Bahn,`,
/// `Hallo DB-Team`, `Liebe Deutsche Bahn`): a greeting opening a sentence,
/// then within three words and no punctuation a subject word, or a word
/// one of whose parts is one (`DB-Team`). (`Ich LIEBE diese Pinguine` is no
/// greeting.) After a reply header, the greeting may follow the thread's
/// title.
fn greeted_company(
    set: &MarkerSet,
    tokens: &[Token<'_>],
    sentences: &[Range<usize>],
) -> Option<usize> {
    let mut folded = String::new();
    let mut greets = |g: usize, end: usize| {
        (g + 1..end)
            .take_while(|&i| tokens[i].kind == TokenKind::Word)
            .take(3)
            .find(|&i| names_subject_in_parts(set, tokens[i].text, &mut folded))
    };
    // After a reply header the greeting follows the thread's title
    // (`Re: Danny Liebmann Liebe Deutsche Bahn, …`).
    let after_title = reply_title_start(tokens).and_then(|start| {
        let end = sentences.first().map_or(tokens.len(), |s| s.end);
        (start..end)
            .filter(|&i| tokens[i].kind == TokenKind::Word)
            .take(REPLY_TITLE_WORDS + 1)
            .skip(1)
            .find(|&i| GREETINGS.iter().any(|g| tokens[i].text.eq_ignore_ascii_case(g)))
            .and_then(|g| greets(g, end))
    });
    after_title.or_else(|| {
        sentences
            .iter()
            .find_map(|sentence| greets(opening_greeting(tokens, sentence.clone())?, sentence.end))
    })
}

/// The words of an account's handle: runs of letters, split where a capital
/// follows a small letter (`SBahnBerlin`: `S`, `Bahn`, `Berlin`) or begins a
/// word after capitals (`DHLPaket`: `DHL`, `Paket`).
fn handle_parts(handle: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = handle.char_indices().collect();
    let mut parts = Vec::new();
    let mut start = None;
    for (i, &(at, c)) in chars.iter().enumerate() {
        if !c.is_alphabetic() {
            if let Some(s) = start.take() {
                parts.push(&handle[s..at]);
            }
            continue;
        }
        let Some(s) = start else {
            start = Some(at);
            continue;
        };
        let before = chars[i - 1].1;
        let next_small = chars.get(i + 1).is_some_and(|n| n.1.is_lowercase());
        if c.is_uppercase() && (before.is_lowercase() || before.is_uppercase() && next_small) {
            parts.push(&handle[s..at]);
            start = Some(at);
        }
    }
    if let Some(s) = start {
        parts.push(&handle[s..]);
    }
    parts
}

/// Whether a text ends with a service agent's initials, as the service
/// teams of companies sign their replies on social networks (`Mittlerweile
/// sind mehrere Busse auf dem Weg. /ki`, `… Lösche mal deinen SMS
/// Speicher! ^FB`), perhaps before a copy to someone (`/fr /cc @DB_Bahn`)
/// or a link.
fn is_signed_by_service_team(text: &str) -> bool {
    let mut pieces = text.split_whitespace().rev().skip_while(|p| {
        p.starts_with('@') || p.starts_with("http") || p.eq_ignore_ascii_case("/cc")
    });
    pieces.next().is_some_and(|p| {
        let mut chars = p.chars();
        matches!(chars.next(), Some('/' | '^'))
            && chars.clone().count() == 2
            && chars.all(|c| c.is_ascii_alphabetic())
    })
}

/// The `@mention` a text opens with (a reply), if any, after a greeting
/// (`Hallo @DB_Bahn`, `Liebe @Telekom_hilft`), a dot (`.@DB_Bahn` makes a
/// reply public) or a quotation mark. (`RT @name:` quotes someone instead
/// of addressing them.)
fn addressee(tokens: &[Token<'_>]) -> Option<usize> {
    let first = tokens.iter().position(|t| {
        t.kind != TokenKind::LineBreak
            && !(t.kind == TokenKind::Punct && matches!(t.text, "." | "\""))
            && !(t.kind == TokenKind::Word
                && GREETINGS.iter().any(|g| t.text.eq_ignore_ascii_case(g)))
    })?;
    (tokens[first].kind == TokenKind::Mention).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handle_longer_than_any_platform_allows_is_no_account() {
        let complains = |text: &str| {
            crate::Analyzer::new()
                .analyze(text)
                .flags()
                .iter()
                .any(|f| f.pattern() == COMPLAINT_RULE)
        };
        let complaint = "Ich stehe seit gestern hier, furchtbar und schrecklich!";
        assert!(complains(&format!("@DB_Bahn {complaint}")));
        assert!(!complains(&format!("@{} {complaint}", "DB_Bahn".repeat(10))));
    }

    #[test]
    fn service_teams_sign_their_replies() {
        assert!(is_signed_by_service_team("Mehrere Busse sind auf dem Weg. /ki"));
        assert!(is_signed_by_service_team(
            "Ich hoffe, die Bahn trifft gleich ein. /fr /cc @DB_Bahn"
        ));
        assert!(is_signed_by_service_team("Lösche mal deinen SMS Speicher! ^FB\n"));
        assert!(!is_signed_by_service_team("Zug fällt aus, mal wieder /o\\"));
        assert!(!is_signed_by_service_team("Strecke Köln/Bonn gesperrt"));
        assert!(!is_signed_by_service_team("Hin und zurück: 2/2"));
        assert!(!is_signed_by_service_team("Seit einer Stunde warte ich /ich"));
        assert!(!is_signed_by_service_team(""));
    }

    #[test]
    fn handles_split_into_words() {
        let parts = handle_parts;
        assert_eq!(parts("DB_Bahn"), ["DB", "Bahn"]);
        assert_eq!(parts("DHLPaket"), ["DHL", "Paket"]);
        assert_eq!(parts("SBahnBerlin"), ["S", "Bahn", "Berlin"]);
        assert_eq!(parts("o2de"), ["o", "de"]);
        assert_eq!(parts("Telekom_hilft"), ["Telekom", "hilft"]);
        assert_eq!(parts("sweetymona79"), ["sweetymona"]);
        assert_eq!(parts("ÄrzteKammer"), ["Ärzte", "Kammer"]);
        assert!(parts("_42_").is_empty());
    }
}
