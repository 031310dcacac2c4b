//! How a text speaks: as its writer or to a reader, quoting, asking, as a
//! guide or a test's report, and whether it is a story its writer tells.

use std::ops::Range;

use crate::markers::MarkerSet;
use crate::normalize;
use crate::token::{Token, TokenKind};

use super::accounts::{find_service_account, greeted_company, replied_company};
use super::words::{
    is_first_person, is_word_of, roles_of, CLAUSE_SUBJECT_WORD, FIRST_PERSON, SECOND_PERSON,
    SHORT_TEXT,
};
use super::{reports_a_test, tells_of_a_client, ExperienceContext};

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
pub(super) struct Voicing {
    /// Whether the writer speaks for themselves: the text is short, or
    /// speaks to a company (its account, a greeting, a reply on its page),
    /// or says a first-person word outside quotes in a sentence that does
    /// not ask — and, if only `wir`, does not speak to the reader either
    /// (`In diesem Artikel zeigen wir dir …` is the editors'). Only then is
    /// a first-person word context.
    pub(super) own_voice: bool,
    /// Whether the text is a person's: it speaks for its writer or
    /// mentions an account. Only then is a time word context. (Measured on
    /// 40 flags of GermEval texts no label file had used: 8 of the 22
    /// false ones were news, all long and impersonal; none of the 18 real
    /// ones was lost.)
    personal: bool,
    /// Whether the text is long and speaks to no company: then a sentence
    /// in the second person speaks to its reader
    /// ([`WordFacts::speaks_of_reader`]).
    ///
    /// [`WordFacts::speaks_of_reader`]: super::words::WordFacts::speaks_of_reader
    pub(super) to_reader: bool,
    /// Whether the text says a second-person word outside quotes (`du`,
    /// `euch`, `Sie` after a sentence's first word), asking or not. (Read
    /// only until the writer is found to speak for themselves: asked only
    /// where they do not, by [`Voicing::is_guide`].)
    addresses_reader: bool,
    /// The text's quotes ([`quotes`]), where it is long and speaks to no
    /// company (none otherwise): a cue there is someone's speech.
    pub(super) quotes: Vec<Range<usize>>,
}

/// Quotation marks, German, English and French: each opens a quote or
/// closes the open one (`„…“`, `“…”`, `"…"`, `»…«`, `«…»`).
pub(super) const QUOTATION_MARKS: &[&str] = &["„", "“", "”", "\"", "»", "«"];

/// What the detector asks of the whole text, each at most once and only
/// when a cue needs it: the company's account the text mentions, and how
/// it speaks ([`Voicing`], which needs the account).
pub(super) struct TextFacts<'a> {
    set: &'a MarkerSet,
    cx: &'a ExperienceContext<'a>,
    /// The company the text is addressed to (`@DB_Bahn` first), if any.
    addressed: Option<usize>,
    account: Option<Option<usize>>,
    voicing: Option<Voicing>,
    /// Scratch for folding words while the voicing is read.
    folded: String,
}

impl<'a> TextFacts<'a> {
    pub(super) fn new(
        set: &'a MarkerSet,
        cx: &'a ExperienceContext<'a>,
        addressed: Option<usize>,
    ) -> Self {
        TextFacts { set, cx, addressed, account: None, voicing: None, folded: String::new() }
    }

    /// The company's account the text mentions ([`find_service_account`]).
    pub(super) fn account(&mut self) -> Option<usize> {
        let (set, tokens) = (self.set, self.cx.tokens);
        *self.account.get_or_insert_with(|| find_service_account(set, tokens))
    }

    /// The account, if it has been asked already (and found).
    pub(super) fn account_if_asked(&self) -> Option<usize> {
        self.account.flatten()
    }

    /// How the text speaks.
    pub(super) fn voicing(&mut self) -> &Voicing {
        if self.voicing.is_none() {
            let account = self.addressed.or_else(|| self.account());
            self.voicing = Some(Voicing::of(self.set, self.cx, account, &mut self.folded));
        }
        self.voicing.as_ref().expect("just set")
    }
}

impl Voicing {
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
    pub(super) fn is_guide(&self) -> bool {
        self.to_reader && !self.own_voice && self.addresses_reader
    }

    /// Whether a context word counts: a first-person word where the writer
    /// speaks for themselves, a time word where the text is a person's.
    pub(super) fn counts(&self, first_person: bool) -> bool {
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
pub(super) fn quotes(tokens: &[Token<'_>]) -> Vec<Range<usize>> {
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
pub(super) fn in_quote(quoted: &[Range<usize>], at: usize) -> bool {
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
pub(super) fn asks(tokens: &[Token<'_>], sentence: &Range<usize>) -> bool {
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
/// is a condition and what follows from it: the verb's clause ends at a comma,
/// and the next clause is a statement that opens with its own verb and its
/// subject (`Kommt das bestellte Essen … noch immer nicht, darf ich gehen`;
/// `dann` may stand first). A question is no condition (`Ist das euer Ernst?`),
/// nor a clause that goes on with `dass` or `weil` (`Ist doch klar, dass die
/// Bahn …`), nor a story told without its pronoun (`Hatte heute wieder
/// Verspätung, ich stand …`).
///
/// [`CONDITION_VERBS`]: super::words::CONDITION_VERBS
pub(super) fn opens_condition(
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
/// itself, is a complaint without a cue ([`complaint`]). Tweets and short
/// comments are no stories: they have their own rules; nor is a lawyer's
/// account of a client's trouble ([`tells_of_a_client`]).
///
/// `quoted` keeps the text's quotes once found ([`quotes`]), for the
/// complaint that follows.
///
/// [`complaint`]: super::complaint::complaint
pub(super) fn is_narrative(
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
pub(super) fn supposes(tokens: &[Token<'_>]) -> bool {
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
pub(super) fn addresses_formally(
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
