//! Hard selling: a pattern of pressure to buy (`jetzt kaufen`, `hier
//! bestellen`) counts only as a call to the reader. The writer's own buying
//! (`Ich kaufe jetzt nie wieder bei euch`) and a negated call (`jetzt nicht
//! bestellen`, `kein Gutscheincode gekommen`) are none. One kind of bait
//! needs no pattern: a short post that opens with a free offer and links
//! to it ([`free_offer_hook`]).

use std::ops::Range;

use super::{MarkerSet, Match};
use crate::analysis::{Evidence, Flag};
use crate::markers::MarkerKind;
use crate::token::{Token, TokenKind};
use crate::word_class::is_one_of;

/// Words that deny a call to buy inside its match.
const NEGATORS: &[&str] = &["nicht", "nie", "niemals", "kein", "keine", "keinen", "nix", "nichts"];

/// Tells calls to buy among a document's hard-sell matches (in text order).
#[derive(Default)]
pub(crate) struct CallsToBuy {
    /// Whether the writer speaks (`ich`) in the last sentence asked about:
    /// a flood of matches in one endless sentence then reads it once, not
    /// once per match.
    writer_speaks: Option<(usize, bool)>,
}

impl CallsToBuy {
    /// Whether match `m` of a hard-sell pattern (in sentence `sentence`
    /// of `tokens`) is a call to the reader: no `ich` in the sentence, no
    /// negator inside the match or as the word just before it (`ist aber
    /// kein Gutscheincode gekommen` is a complaint) — other than one the
    /// pattern itself names (`nicht verpassen`).
    pub(crate) fn is_call(
        &mut self,
        set: &MarkerSet,
        tokens: &[Token<'_>],
        sentence: Range<usize>,
        m: &Match,
    ) -> bool {
        let is_word = |t: &&Token<'_>| t.kind == TokenKind::Word;
        let writer_buys = match self.writer_speaks {
            Some((si, speaks)) if si == m.sentence => speaks,
            _ => {
                let speaks = writer_speaks(&tokens[sentence.clone()]);
                self.writer_speaks = Some((m.sentence, speaks));
                speaks
            }
        };
        let before = tokens[sentence.start..m.first].iter().rev().find(is_word);
        let denied = tokens[m.first..=m.last].iter().filter(is_word).chain(before).any(|t| {
            is_one_of(t.text, NEGATORS) && !set.names_word(m.pattern, &t.text.to_lowercase())
        });
        !writer_buys && !denied
    }
}

/// Whether the writer speaks of themselves (`ich`) among `tokens`: then
/// they tell of their own buying or luck, and call no reader to buy.
fn writer_speaks(tokens: &[Token<'_>]) -> bool {
    tokens.iter().any(|t| t.kind == TokenKind::Word && t.text.eq_ignore_ascii_case("ich"))
}

/// Words of a free offer.
const FREE: &[&str] =
    &["gratis", "kostenlos", "kostenlose", "kostenloser", "kostenloses", "kostenlosen"];

/// How many words into a post its hook stands.
const HOOK_WORDS: usize = 3;

/// Posts up to this many bytes (a tweet, a comment) are read for a hook.
const MAX_POST: usize = 280;

/// The pattern id of a free offer found by [`free_offer_hook`]: a rule,
/// not a pattern of the file.
const FREE_OFFER_RULE: &str = "giveaway/free_offer_hook";

/// A short post that opens with a free offer and links to it is bait (`Gratis
/// Web Cam … <link>`, `CityVille Kostenlos: +100 Erfahrungspunkte <link>`,
/// `Internetspiel gratis … <link>`): an ad leads with its hook, a report
/// tells first who does what (`S-Bahn Stuttgart testet kostenloses WLAN
/// <link>`). The free word stands among the first [`HOOK_WORDS`] words or
/// hashtags, as a word of its own (`Gratis-WLAN` names a thing); the post
/// is no retweet (`RT @name:` quotes another) and no writer's own luck
/// (`Ich hab gratis …`). On the 26,000 ../shared texts this rule added 19
/// flags: 18 hooks no pattern had found (ad bots for games, cams, e-books,
/// newsletters) and 1 headline (`»iPhone-Schlafüberwachung mit
/// kostenloser Brandwunde«`); every hook there stands within three words
/// (a fourth would take `S-Bahn Stuttgart testet kostenloses WLAN`).
pub(crate) fn free_offer_hook(text: &str, tokens: &[Token<'_>]) -> Option<Flag> {
    if text.len() > MAX_POST {
        return None;
    }
    let mut words =
        tokens.iter().filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Hashtag));
    if words.clone().next().is_some_and(|t| t.text == "RT") {
        return None;
    }
    let hook = words.by_ref().take(HOOK_WORDS).find(|t| is_one_of(t.key(), FREE))?;
    let link = tokens.iter().find(|t| t.kind == TokenKind::Url)?;
    // The writer's own luck (`Ich hab gratis …`) is no offer.
    if writer_speaks(tokens) {
        return None;
    }
    let evidence = vec![
        Evidence::new(text, hook.span.clone(), "cue"),
        Evidence::new(text, link.span.clone(), "link"),
    ];
    Some(Flag::new(
        text,
        MarkerKind::HardSell,
        "giveaway",
        hook.span.clone(),
        FREE_OFFER_RULE,
        evidence,
    ))
}

#[cfg(test)]
mod tests {
    use crate::{Analyzer, MarkerKind};

    fn sells(text: &str) -> bool {
        Analyzer::new().analyze(text).flags().iter().any(|f| f.kind() == MarkerKind::HardSell)
    }

    #[test]
    fn only_a_call_to_the_reader_is_hard_selling() {
        assert!(sells("Jetzt kaufen!"));
        assert!(sells("Hier bestellen: www.example.de"));
        assert!(sells("Bestellt jetzt und spart 10%!"));
        // The writer's own buying, a negated call.
        assert!(!sells("Ich bestelle nie wieder hier."));
        assert!(!sells("Ich kaufe jetzt nie wieder bei euch."));
        assert!(!sells("Jetzt bloß nicht kaufen."));
        assert!(!sells("@DB_Bahn ist aber kein Gutscheincode gekommen!"));
        assert!(sells("Mit dem Gutscheincode SOMMER 10% sparen!"));
        // A negation the pattern itself asks for is part of the call.
        assert!(sells("Dieses Angebot nicht verpassen!"));
        assert!(sells("Lass dir diesen Deal nicht entgehen!"));
    }

    #[test]
    fn a_post_that_opens_with_a_free_offer_and_a_link_is_bait() {
        let hook = |text: &str| {
            Analyzer::new()
                .analyze(text)
                .flags()
                .iter()
                .any(|f| f.pattern() == "giveaway/free_offer_hook")
        };
        assert!(hook("Gratis Web Cam Chat: heiße Girls warten http://t.co/x"));
        assert!(hook("CityVille Kostenlos: +100 Erfahrungspunkte http://t.co/x #cityville"));
        assert!(hook("Broschüre #Modernisierungsratgeber #kostenlos http://t.co/x"));
        // No link; a report of who does what; a thing named free; a
        // retweet; the writer's own luck.
        assert!(!hook("Gratis Web Cam Chat: heiße Girls warten"));
        assert!(!hook("S-Bahn Stuttgart testet kostenloses WLAN http://t.co/x"));
        assert!(!hook("ICE: Bahn will Gratis-WLAN für die 2. Klasse bringen http://t.co/x"));
        assert!(!hook("RT @abc: Gratis Fotoleinwand bei Picanova http://t.co/x"));
        assert!(!hook("Gratis Kaffee heute, ich hatte Glück http://t.co/x"));
    }
}
