//! Hard selling: a pattern of pressure to buy (`jetzt kaufen`, `hier
//! bestellen`) counts only as a call to the reader. The writer's own buying
//! (`Ich kaufe jetzt nie wieder bei euch`) and a negated call (`jetzt nicht
//! bestellen`) are none.

use std::ops::Range;

use super::Match;
use crate::token::{Token, TokenKind};
use crate::word_class::is_one_of;

/// Words that deny a call to buy inside its match.
const NEGATORS: &[&str] = &["nicht", "nie", "niemals", "kein", "keine", "keinen", "nix", "nichts"];

/// Whether match `m` of a hard-sell pattern in the sentence of `tokens[sentence]`
/// is a call to the reader: no `ich` in the sentence, no negator inside the
/// match.
pub(crate) fn is_call_to_buy(tokens: &[Token<'_>], sentence: Range<usize>, m: &Match) -> bool {
    let is_word = |t: &&Token<'_>| t.kind == TokenKind::Word;
    let writer_buys =
        tokens[sentence].iter().filter(is_word).any(|t| t.text.eq_ignore_ascii_case("ich"));
    let denied =
        tokens[m.first..=m.last].iter().filter(is_word).any(|t| is_one_of(t.text, NEGATORS));
    !writer_buys && !denied
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
    }
}
