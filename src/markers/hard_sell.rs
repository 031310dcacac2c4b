//! Hard selling: a pattern of pressure to buy (`jetzt kaufen`, `hier
//! bestellen`) counts only as a call to the reader. The writer's own buying
//! (`Ich kaufe jetzt nie wieder bei euch`) and a negated call (`jetzt nicht
//! bestellen`, `kein Gutscheincode gekommen`) are none.

use std::ops::Range;

use super::{MarkerSet, Match};
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
                let speaks = tokens[sentence.clone()]
                    .iter()
                    .filter(is_word)
                    .any(|t| t.text.eq_ignore_ascii_case("ich"));
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
}
