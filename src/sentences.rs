//! Splitting a token stream into sentences.
//!
//! A sentence ends after a run of `.`, `!`, `?` or `…` and at a line break.
//! A dot after an abbreviation (`z.B.`, `ca.`, `Dr.`), an ordinal or date
//! (`2.`, `3.10.`) or an initial ends nothing, nor does a mark closed by a
//! parenthesis opened inside the sentence (`nach 75 (fünfundsiebzig!)
//! Minuten`).

use std::ops::Range;

use crate::token::{Token, TokenKind};
use crate::tokenize::dot_is_not_an_end;

/// Cuts tokens into sentences, each a range of token indices.
#[derive(Clone, Copy, Debug, Default)]
pub struct SentenceSplitter;

impl SentenceSplitter {
    /// Writes the token ranges of the sentences of `tokens` into `out`
    /// (cleared first). Empty sentences (only line breaks) are skipped.
    pub fn split(&self, tokens: &[Token<'_>], out: &mut Vec<Range<usize>>) {
        out.clear();
        let mut start = 0;
        // Whether a parenthesis opened inside the current sentence, after
        // its first token, is still open: a `!`, `?` or `.` closed by it is
        // a remark within the sentence (`nach 75 (fünfundsiebzig!)
        // bürgerunfreundlichen Minuten`, `kostet ein(!) Blech`), not its
        // end.
        let mut in_aside = false;
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            if t.kind == TokenKind::LineBreak {
                push(out, start, i);
                start = i + 1;
                in_aside = false;
            } else if t.kind == TokenKind::Punct && (t.text == "(" || t.text == ")") {
                in_aside = t.text == "(" && i > start;
            } else if is_terminal(t) {
                let is_real_end = !(t.text == "."
                    && i > 0
                    && dot_is_not_an_end(&tokens[i - 1])
                    && tokens.get(i + 1).is_some_and(|n| n.kind != TokenKind::LineBreak));
                if is_real_end {
                    // Take the whole run (`?!`, `...`) and trailing emoticons
                    // or emoji, which belong to the sentence they close.
                    let mut j = i + 1;
                    while j < tokens.len()
                        && (is_terminal(&tokens[j])
                            || matches!(tokens[j].kind, TokenKind::Emoji | TokenKind::Emoticon)
                            || tokens[j].text == ")"
                            || tokens[j].text == "\"")
                    {
                        j += 1;
                    }
                    // An aside's mark is closed by the parenthesis right
                    // after it: the sentence goes on.
                    if in_aside && tokens[i + 1..j].iter().any(|t| t.text == ")") {
                        in_aside = false;
                        i = j;
                        continue;
                    }
                    push(out, start, j);
                    in_aside = false;
                    start = j;
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        push(out, start, tokens.len());
        // Drop ranges made only of line breaks.
        out.retain(|r| tokens[r.clone()].iter().any(|t| t.kind != TokenKind::LineBreak));
    }
}

fn push(out: &mut Vec<Range<usize>>, start: usize, end: usize) {
    if end > start {
        out.push(start..end);
    }
}

fn is_terminal(t: &Token<'_>) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text, "." | "!" | "?" | "…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokenizer;

    fn sentences(text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        Tokenizer.tokenize(text, &mut tokens);
        let mut out = Vec::new();
        SentenceSplitter.split(&tokens, &mut out);
        out.iter()
            .map(|r| {
                let a = tokens[r.start].span.start;
                let b = tokens[r.end - 1].span.end;
                text[a..b].to_string()
            })
            .collect()
    }

    #[test]
    fn abbreviations_dates_ordinals() {
        assert_eq!(
            sentences("Das ist z.B. gut. Am 3.10. kam Dr. Meier ca. 2 Std. zu spät. Nie wieder!"),
            vec!["Das ist z.B. gut.", "Am 3.10. kam Dr. Meier ca. 2 Std. zu spät.", "Nie wieder!"]
        );
    }

    #[test]
    fn ordinals_and_runs() {
        assert_eq!(
            sentences("Zum 2. Mal kaputt?! Danke :) Echt..."),
            vec!["Zum 2. Mal kaputt?!", "Danke :) Echt..."]
        );
    }

    #[test]
    fn a_mark_in_parentheses_ends_nothing() {
        assert_eq!(
            sentences(
                "Nach 75 (fünfundsiebzig!) Minuten kam ich dran. Ein(!) Blech kostet 20 Euro."
            ),
            vec!["Nach 75 (fünfundsiebzig!) Minuten kam ich dran.", "Ein(!) Blech kostet 20 Euro."]
        );
        // A sentence in parentheses of its own still ends, and so does one
        // whose parenthesis never closes.
        assert_eq!(
            sentences("(Das Essen war kalt!) Der Kellner kam nie. Es war (wirklich! Schlimm."),
            vec!["(Das Essen war kalt!)", "Der Kellner kam nie.", "Es war (wirklich!", "Schlimm."]
        );
    }

    #[test]
    fn line_breaks_end_sentences() {
        assert_eq!(
            sentences("Super Service\n\nwirklich toll"),
            vec!["Super Service", "wirklich toll"]
        );
    }

    #[test]
    fn final_abbreviation_still_ends() {
        assert_eq!(sentences("Das kostet 100. Zu teuer."), vec!["Das kostet 100.", "Zu teuer."]);
    }
}
