//! Companies a text speaks to: accounts it mentions (`@DB_Bahn`), greetings
//! (`Liebe Telekom,`), reply titles (`Re: DB Bahn`), and replies a service
//! team signs.

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::markers::MarkerSet;
use crate::normalize;
use crate::token::{reply_title_start, Token, TokenKind};

use super::words::{roles_of, POLITICAL_ACCOUNT_WORD, SERVICE_ACCOUNT_WORD};
use super::ExperienceContext;

/// Words that name the accounts of companies and services, besides the
/// subject words (`@Telekom_hilft`, `@AmazonHelp`, `@DB_Info`,
/// `@vodafone_de`).
pub(super) const SERVICE_ACCOUNT_WORDS: &[&str] = &["hilft", "hilfe", "help", "care", "info", "de"];

/// Words of political accounts (`@fdp_de`, `@FDP_Fraktion`,
/// `@spdbt`): a party is no company, though its handle may end in `de`.
pub(super) const POLITICAL_ACCOUNT_WORDS: &[&str] = &[
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
pub(super) fn find_service_account(set: &MarkerSet, tokens: &[Token<'_>]) -> Option<usize> {
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
pub(super) fn account_in_sentence(
    set: &MarkerSet,
    cx: &ExperienceContext<'_>,
    si: usize,
) -> Option<usize> {
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
///
/// [`complaint`]: super::complaint::complaint
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
pub(super) fn replied_company(set: &MarkerSet, tokens: &[Token<'_>]) -> Option<usize> {
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
pub(super) fn greeted_company(
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
pub(super) fn is_signed_by_service_team(text: &str) -> bool {
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
pub(super) fn addressee(tokens: &[Token<'_>]) -> Option<usize> {
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
    use crate::markers::experience::complaint::COMPLAINT_RULE;

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
