//! What words and sentences say about the writer's voice: the word lists
//! (first person, time, opinion, condition …), each word's roles as one bit
//! set, and the facts a sentence offers every cue in it.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::analysis::Hit;
use crate::markers::Match;
use crate::normalize;
use crate::token::{Token, TokenKind};

use super::accounts::{POLITICAL_ACCOUNT_WORDS, SERVICE_ACCOUNT_WORDS};
use super::voicing::{asks, opens_condition};
use super::ExperienceContext;

/// First-person words; colloquial German drops the pronoun (`hab`, `bin`).
pub(super) const FIRST_PERSON: &[&str] = &[
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
pub(super) const CONDITION_VERBS: &[&str] = &[
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

/// Whether `token` is a word of `words` (lowercase; capitalization aside).
pub(super) fn is_word_of(token: &Token<'_>, words: &[&str]) -> bool {
    token.kind == TokenKind::Word && words.iter().any(|w| token.text.eq_ignore_ascii_case(w))
}

/// What one sentence offers the cues in it.
pub(super) struct SentenceFacts<'a> {
    pub(super) sentence: usize,
    /// The sentence's hits (hits are in text order).
    pub(super) hits: &'a [Hit],
    /// Sum of the contributions of the hits inside the sentence.
    pub(super) sum: f64,
    /// How many of them are negative.
    pub(super) negatives: usize,
    /// What its words say, read when a cue first needs it.
    pub(super) words: Option<WordFacts>,
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
    pub(super) fn new(cx: &ExperienceContext<'a>, si: usize) -> SentenceFacts<'a> {
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
    pub(super) fn clause_sum(
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
pub(super) struct WordFacts {
    /// The first three first-person or time words (a cue's own first and
    /// last word may be two of them).
    pub(super) context: Vec<usize>,
    /// The first three opinion verbs.
    pub(super) opinion: Vec<usize>,
    /// A `wenn` or `falls` opening the sentence.
    pub(super) condition: Option<usize>,
    /// A `wenn` or `falls` elsewhere in a question. Where the text speaks
    /// to no company, such a question asks what would be (`Doch was, wenn
    /// die Bestellung nicht die versprochene Freude bringt?`, `Was tun,
    /// wenn der Flug ausfällt?`); put to a company, it is as often a
    /// complaint (`Wieso nennt ihr euch @DB_Info, wenn man keine Infos
    /// bekommt?`).
    pub(super) asked_condition: Option<usize>,
    /// The first `falls` or `sofern` after the sentence's first word: the
    /// clause it opens tells what might happen, what follows that clause
    /// is said as fact (`Aber auch falls der Film neu geschnitten wurde,
    /// kann man dieses Werk nicht empfehlen`).
    pub(super) inner_condition: Option<usize>,
    pub(super) has_time: bool,
    /// Whether the sentence has a word of frequency (`immer`, `jedes`,
    /// `ständig`): a `wenn` there means `whenever`.
    pub(super) habitual: bool,
    /// Whether the sentence has a first-person word.
    pub(super) first_person: bool,
    /// Whether it has a second-person word (`du`, `deinen`, `euer`, `ihr`).
    second_person: bool,
    /// Whether it has a modal verb in the second person (`kannst`,
    /// `solltest`): advice.
    advice: bool,
    /// Whether it has a verb of informing (`informiert`, `berichtet`).
    pub(super) informs: bool,
    /// Whether it speaks of many people in general: a quantifier right
    /// before a noun of people ([`MANY`], [`PEOPLE`]).
    pub(super) of_many: bool,
    /// Context in the sentences around ([`context_around`]), once asked.
    ///
    /// [`context_around`]: super::context_around
    pub(super) around: Option<Option<usize>>,
    /// A company's account named in the sentence ([`account_in_sentence`]),
    /// once asked.
    ///
    /// [`account_in_sentence`]: super::accounts::account_in_sentence
    pub(super) account: Option<Option<usize>>,
}

impl WordFacts {
    pub(super) fn new(cx: &ExperienceContext<'_>, si: usize, folded: &mut String) -> WordFacts {
        let mut facts = WordFacts {
            context: Vec::new(),
            opinion: Vec::new(),
            condition: None,
            asked_condition: None,
            inner_condition: None,
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
                } else if folded.as_str() != "wenn" {
                    facts.inner_condition.get_or_insert(i);
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
    pub(super) fn advises(&self) -> bool {
        self.advice && !self.first_person
    }

    /// Whether the sentence speaks of its reader and not of its writer
    /// (`Besonders wenn du deinen Anschlussflug verpasst, …`): in a long
    /// text that speaks to no company, that is the reader's case.
    pub(super) fn speaks_of_reader(&self) -> bool {
        self.second_person && !self.first_person
    }
}

/// Units of time in the singular: time words, but in an idiom as often as
/// in a report (`Morgen ist auch noch ein Tag`, `eine Minute bitte`).
const TIME_UNITS: &[&str] = &["minute", "stunde", "tag", "woche", "monat"];

/// Texts up to this many bytes count as personal whatever their words: a
/// short post is its writer's (`S-Bahn nach Hannover… Hier stinkt es`).
pub(super) const SHORT_TEXT: usize = 200;

/// Second-person words: in a long text to no company, a sentence with one
/// and no first-person word speaks of its reader
/// ([`WordFacts::speaks_of_reader`]).
pub(super) const SECOND_PERSON: &[&str] = &[
    "ihr", "euch", "eure", "euer", "euren", "eurem", "eurer", "eures", "du", "dich", "dir", "dein",
    "deine", "deinen", "deinem", "deiner", "deines",
];

pub(super) fn is_first_person(word: &str, folded: &mut String) -> bool {
    normalize::fold_into(word, folded);
    roles_of(folded) & FIRST_PERSON_WORD != 0
}

/// The roles a folded word plays for the detector ([`FIRST_PERSON`],
/// [`TIME`], …), as bits: one hash lookup per word of a sentence with a
/// cue, where the lists were searched one by one (most of the cost of a
/// flood of cues in one endless sentence, `tests/cost.rs`).
pub(super) fn roles_of(folded: &str) -> u32 {
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

pub(super) const FIRST_PERSON_WORD: u32 = 1;
const SECOND_PERSON_WORD: u32 = 2;
pub(super) const TIME_WORD: u32 = 4;
const OPINION_WORD: u32 = 8;
const CONDITION_WORD: u32 = 16;
pub(super) const SERVICE_ACCOUNT_WORD: u32 = 32;
const CONCESSION_WORD: u32 = 64;
const CONTRAST_WORD: u32 = 128;
const HABITUAL_WORD: u32 = 256;
const ADVICE_WORD: u32 = 512;
pub(super) const POLITICAL_ACCOUNT_WORD: u32 = 1024;
const INFORMING_WORD: u32 = 2048;
pub(super) const TIME_UNIT_WORD: u32 = 4096;
const CONDITION_VERB_WORD: u32 = 8192;
pub(super) const CLAUSE_SUBJECT_WORD: u32 = 16384;
const MANY_WORD: u32 = 1 << 15;
const PEOPLE_WORD: u32 = 1 << 16;
