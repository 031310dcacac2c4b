//! The token type shared by all pipeline stages.

use std::ops::Range;

/// What a token is. Polarity rules look at kinds, not at characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// A word, including hyphenated compounds (`Horror-Service`) and
    /// abbreviations with inner dots (`z.B`).
    Word,
    /// A number, date or ordinal without its final dot (`3.10`, `2`, `10,5`).
    Number,
    /// One punctuation character (`!`, `?`, `.`, `,` …).
    Punct,
    /// One emoji (a grapheme cluster: ZWJ sequences and flags stay whole).
    Emoji,
    /// A text emoticon: `:(`, `:-)`, `;)`, `xD`, `<3`, `^^`.
    Emoticon,
    /// A URL (`https://…`, `www.…`).
    Url,
    /// An `@mention`.
    Mention,
    /// A `#hashtag`.
    Hashtag,
    /// A line break: comments use them as sentence ends.
    LineBreak,
}

/// A token: a slice of the input with its byte span and kind.
///
/// Tokens borrow from the text they were cut from; their spans are byte
/// offsets into it and always lie on `char` boundaries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'t> {
    /// The token's text, `&input[span]`.
    pub text: &'t str,
    /// Byte offsets into the input.
    pub span: Range<usize>,
    /// What the token is.
    pub kind: TokenKind,
}

impl<'t> Token<'t> {
    /// What the token is known by in the lexicon, the markers and the
    /// repeat fingerprint: its text, but the word of a hashtag
    /// (`#Verspätung` is read as `Verspätung`).
    pub(crate) fn key(&self) -> &'t str {
        match self.kind {
            TokenKind::Hashtag => &self.text[1..],
            _ => self.text,
        }
    }

    /// Whether the token is a word written in capitals (`SUPER`, `NIE`),
    /// at least two letters long: written shouting.
    pub fn is_shouted(&self) -> bool {
        self.kind == TokenKind::Word && crate::word_class::is_shouted(self.text)
    }
}

/// Where the title of a forum reply's header starts, if the text opens
/// with one (`Re: DB Bahn …`, `AW: …`): comment exports put the thread's
/// title, or the name of the page commented on, before the comment. The
/// scorer reads a salutation in it, the experience detector the company
/// whose page it is.
pub(crate) fn reply_title_start(tokens: &[Token<'_>]) -> Option<usize> {
    let [first, colon, ..] = tokens else { return None };
    let opens = ["re", "aw"].iter().any(|w| first.text.eq_ignore_ascii_case(w));
    (opens && colon.text == ":").then_some(2)
}
