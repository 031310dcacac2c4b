//! Cutting text into tokens (UAX #29 word boundaries, plus what social-media
//! text needs on top: URLs, mentions, hashtags, emoticons, emoji and
//! hyphenated compounds).
//!
//! `unicode_word_indices` would drop `!`, `?` and emoji, which carry
//! emphasis, so the tokenizer walks `split_word_bound_indices` and keeps
//! every non-space segment.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::swar;
use crate::token::{Token, TokenKind};

/// Cuts text into [`Token`]s. Stateless; one instance serves every thread.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tokenizer;

impl Tokenizer {
    /// Appends the tokens of `text` to `out` (which is cleared first), in
    /// order. Cost is linear in the length of `text`.
    pub fn tokenize<'t>(&self, text: &'t str, out: &mut Vec<Token<'t>>) {
        out.clear();
        // UAX #29 segmentation is the slowest step here (~30 MB/s), and most
        // of German text does not need it: the text is cut at ASCII
        // whitespace, where UAX #29 always breaks, and a chunk that is a
        // plain ASCII word (plus closing punctuation) is cut by hand. Only
        // the other chunks go through the segmenter; a test checks that
        // both ways give the same tokens.
        let bytes = text.as_bytes();
        let mut pos = 0;
        while pos < bytes.len() {
            match bytes[pos] {
                b' ' | b'\t' | b'\x0c' => pos += 1,
                b'\r' if bytes.get(pos + 1) != Some(&b'\n') => pos += 1,
                b'\n' | b'\r' => {
                    let len = if bytes[pos] == b'\r' { 2 } else { 1 };
                    let span = pos..pos + len;
                    out.push(cut(text, span, TokenKind::LineBreak));
                    pos += len;
                }
                c => {
                    // Most chunks are one plain word: its letters, up to
                    // the whitespace after it, are all there is to scan.
                    // (Letters alone are never a URL, which has `:` or `.`;
                    // they may be a face, `xD`, which the chunk then is, as
                    // below.)
                    if c.is_ascii_alphabetic() || c == 0xC3 {
                        let len = latin_letters(&bytes[pos..]);
                        let ends_chunk = bytes.get(pos + len).is_none_or(|&b| is_chunk_break(b));
                        let kind = match emoticon_len(text, pos) {
                            None => Some(TokenKind::Word),
                            Some(face) if face == len => Some(TokenKind::Emoticon),
                            Some(_) => None,
                        };
                        if let Some(kind) = kind.filter(|_| len > 0 && ends_chunk) {
                            let span = pos..pos + len;
                            out.push(cut(text, span, kind));
                            pos += len;
                            continue;
                        }
                        // The next most common chunk: a word and one `,`
                        // `.` `!` `?` (no face starts with one), which
                        // would otherwise be scanned three more times.
                        let mark = pos + len;
                        if len > 0
                            && kind == Some(TokenKind::Word)
                            && matches!(bytes.get(mark), Some(b',' | b'.' | b'!' | b'?'))
                            && bytes.get(mark + 1).is_none_or(|&b| is_chunk_break(b))
                            && url_len(&text[pos..mark + 1]).is_none()
                        {
                            out.push(cut(text, pos..mark, TokenKind::Word));
                            out.push(cut(text, mark..mark + 1, TokenKind::Punct));
                            pos = mark + 1;
                            continue;
                        }
                    }
                    // A face standing alone (`:-)`, `<3`), or a mark on
                    // its own (`-`, `,`, `:` in text that spaces its
                    // punctuation, as many tweets do).
                    if c.is_ascii_punctuation() {
                        let ends_chunk =
                            |at: usize| bytes.get(at).is_none_or(|&b| is_chunk_break(b));
                        let (kind, len) = match emoticon_len(text, pos) {
                            Some(len) => (TokenKind::Emoticon, len),
                            None => (TokenKind::Punct, 1),
                        };
                        if ends_chunk(pos + len)
                            && (kind == TokenKind::Emoticon || !matches!(c, b'_' | b'@' | b'#'))
                        {
                            out.push(cut(text, pos..pos + len, kind));
                            pos += len;
                            continue;
                        }
                    }
                    let end = chunk_end(bytes, pos);
                    // A chunk that opens with a URL: the segmenter would
                    // give the URL as its first token too and then skip
                    // the pieces it cut the URL into (a tweet's URLs were
                    // half of all it cut). Only what trails the URL (`).`)
                    // is left to cut.
                    let mut from = pos;
                    if let Some(len) = url_len(&text[from..end]) {
                        let span = from..from + len;
                        out.push(cut(text, span, TokenKind::Url));
                        from += len;
                    }
                    if from == end {
                        // Done.
                    } else if emoticon_len(text, from).is_some_and(|len| from + len == end) {
                        // A chunk that is one face (`:-)`, `xD`, `<3`): the
                        // segmenter would make one emoticon token of it
                        // too (its first check is for a URL, which no face
                        // is). Asked before the plain path, which refuses
                        // any chunk that opens with a face after testing
                        // for it: a text of faces paid for the test twice.
                        out.push(cut(text, from..end, TokenKind::Emoticon));
                    } else if plain_chunk(text, from, end, out) {
                        // Done by hand.
                    } else {
                        segment(text, from, end, out);
                    }
                    pos = end;
                }
            }
        }
    }
}

/// The token of kind `kind` at `span` of `text`.
#[inline]
fn cut(text: &str, span: Range<usize>, kind: TokenKind) -> Token<'_> {
    Token { text: &text[span.clone()], span, kind }
}

/// Where the chunk that starts at `pos` ends: at the next space, tab, form
/// feed or line break, or at the end of `bytes`.
fn chunk_end(bytes: &[u8], pos: usize) -> usize {
    let mut i = pos;
    loop {
        // Eight bytes at a time up to the first control byte or space.
        if let Some(x) = swar::load(bytes, i) {
            let n = swar::first_mark(swar::below(x, b' ' + 1));
            i += n;
            if n == 8 {
                continue;
            }
        }
        match bytes.get(i) {
            None => return bytes.len(),
            Some(&b) if is_chunk_break(b) => return i,
            Some(_) => i += 1,
        }
    }
}

/// The bytes that end a chunk: space, tab, form feed and line breaks
/// (where UAX #29 always breaks).
#[inline]
fn is_chunk_break(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\x0c' | b'\n' | b'\r')
}

/// Tokenizes `text[start..end]` by hand if it is made of what UAX #29 cuts
/// simply, and says whether it did: plain words (ASCII and Latin-1 letters:
/// `Größe`, `Café`), plain numbers, single ASCII punctuation marks, and a
/// leading `@name` / `#tag`. The cases where UAX #29 joins across
/// punctuation (`z.B`, `geht's`, `3.5`), hyphenated compounds, digits in
/// words, faces, URLs, emoji and other scripts are left to [`segment`]:
/// the chunk then goes there whole.
fn plain_chunk<'t>(text: &'t str, start: usize, end: usize, out: &mut Vec<Token<'t>>) -> bool {
    let mark = out.len();
    let done = plain_tokens(text, start, end, out);
    if !done {
        out.truncate(mark);
    }
    done
}

fn plain_tokens<'t>(text: &'t str, start: usize, end: usize, out: &mut Vec<Token<'t>>) -> bool {
    let b = &text.as_bytes()[..end];
    let mut push = |from: usize, to: usize, kind: TokenKind| {
        out.push(cut(text, from..to, kind));
    };
    // Whether UAX #29 breaks before `b[next]`, after a run of letters, of
    // digits or of either (a tag's name): not glued to a letter, digit or
    // `_`, and none of the `joiners` between the run and a further letter
    // or digit. After letters only `.` `:` `'` join (`z.B`, `geht's`), after
    // digits only `.` `,` `;` `'` (`3,5`); non-ASCII is taken to join.
    let breaks_after = |next: usize, joiners: &[u8]| match b.get(next) {
        None => true,
        Some(0xE2) => typographic_mark(&b[next..]) > 0,
        Some(&n) if n.is_ascii_alphanumeric() || n == b'_' || n >= 0x80 => false,
        Some(n) if joiners.contains(n) => {
            b.get(next + 1).is_none_or(|&m| !(m.is_ascii_alphanumeric() || m >= 0x80))
        }
        Some(_) => true,
    };
    const AFTER_LETTERS: &[u8] = b".:'";
    const AFTER_DIGITS: &[u8] = b".,;'";
    // (Not `-`, where UAX #29 always breaks: `#CDU-Politiker` is a tag, a
    // mark and a word, and so is `3D-Brille` but for its number.)
    const AFTER_EITHER: &[u8] = b".:',;";
    let digits = |from: usize| b[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut i = start;
    if matches!(b[i], b'@' | b'#') {
        let body = tag_body(&b[i + 1..]);
        if body == 0 || !breaks_after(i + 1 + body, AFTER_EITHER) || emoticon_len(text, i).is_some()
        {
            return false;
        }
        let kind = if b[i] == b'@' { TokenKind::Mention } else { TokenKind::Hashtag };
        push(i, i + 1 + body, kind);
        i += 1 + body;
    }
    while i < end {
        let c = b[i];
        if c.is_ascii_alphabetic() || c == 0xC3 {
            // From the whole text, which lets the scan read eight bytes at a
            // time past `end`: the byte there is whitespace, which ends the
            // letters anyway.
            let mut len = latin_letters(&text.as_bytes()[i..]);
            // Letters and digits (`Win8`, `A1`, `Katz3n`) are one word, as
            // UAX #29 joins them; a hyphen after them is left to
            // [`compound_len`] in `segment`.
            let mixed = len > 0 && b.get(i + len).is_some_and(u8::is_ascii_digit);
            if mixed {
                len = letters_and_digits(&text.as_bytes()[i..]);
                if b.get(i + len) == Some(&b'-') {
                    return false;
                }
            }
            if !mixed {
                len = joined_letters(&text.as_bytes()[i..]);
            }
            // A hyphenated compound (`Kunden-Hotline`), which `segment`
            // joins as [`compound_len`] says: a segment of letters after
            // each hyphen.
            while !mixed && len > 0 && b.get(i + len) == Some(&b'-') {
                match joined_letters(&text.as_bytes()[i + len + 1..]) {
                    0 => break,
                    part => len += 1 + part,
                }
            }
            let joiners = if mixed { AFTER_EITHER } else { AFTER_LETTERS };
            if len == 0
                || !breaks_after(i + len, joiners)
                || emoticon_len(text, i).is_some()
                || url_len(&text[i..end]).is_some()
            {
                return false;
            }
            push(i, i + len, TokenKind::Word);
            i += len;
        } else if c.is_ascii_digit() {
            // With its decimal or thousands separators (`3,5`, `1.000`).
            let mut len = digits(i);
            while b.get(i + len).is_some_and(|c| AFTER_DIGITS.contains(c))
                && b.get(i + len + 1).is_some_and(u8::is_ascii_digit)
            {
                len += 1 + digits(i + len + 1);
            }
            // Letters after the digits (`3er`, `330i`, `12jährige`): one
            // number, as UAX #29 joins them.
            let mixed = b.get(i + len).is_some_and(|&c| c.is_ascii_alphabetic() || c == 0xC3);
            if mixed {
                len += letters_and_digits(&text.as_bytes()[i + len..]);
            }
            let joiners = if mixed { AFTER_EITHER } else { AFTER_DIGITS };
            if !breaks_after(i + len, joiners) || emoticon_len(text, i).is_some() {
                return false;
            }
            push(i, i + len, TokenKind::Number);
            i += len;
        } else if c.is_ascii_punctuation() && !matches!(c, b'_' | b'@' | b'#') {
            if emoticon_len(text, i).is_some() {
                return false;
            }
            push(i, i + 1, TokenKind::Punct);
            i += 1;
        } else if let len @ 1.. = typographic_mark(&b[i..]) {
            push(i, i + len, TokenKind::Punct);
            i += len;
        } else if let Some(kind) = lone_char_kind(&text[start..end]).filter(|_| i == start) {
            // A chunk of one character (`€`, `❤`, `Д`): its own segment.
            push(i, end, kind);
            i = end;
        } else {
            return false;
        }
    }
    true
}

/// Byte length of the German quotation mark or dash at the start of `s`
/// (`„` `“` `”` `–` `—` `…`), or 0. UAX #29 breaks before and after each
/// (none is a letter or joins words, as `’` does), unless a combining mark
/// follows, which [`plain_tokens`] refuses as it refuses any mark.
fn typographic_mark(s: &[u8]) -> usize {
    match s {
        [0xE2, 0x80, 0x93 | 0x94 | 0x9C | 0x9D | 0x9E | 0xA6, ..] => 3,
        _ => 0,
    }
}

/// Byte length of the name of a `@mention` or `#tag` (after the sign):
/// ASCII letters, digits, `_` and Latin-1 letters.
fn tag_body(s: &[u8]) -> usize {
    // Which bytes are ASCII name characters: one lookup a byte (mentions
    // are most of a tweet's bytes after its words).
    const NAME_BYTE: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = (b as u8).is_ascii_alphanumeric() || b as u8 == b'_';
            b += 1;
        }
        table
    };
    let mut i = 0;
    while i < s.len() {
        if NAME_BYTE[usize::from(s[i])] {
            i += 1;
        } else {
            let letters = latin_letters(&s[i..]);
            if letters == 0 {
                break;
            }
            i += letters;
        }
    }
    i
}

/// Byte length of the run of letters at the start of `s`: ASCII letters and
/// the Latin-1 letters U+00C0–U+00FF but `×` and `÷` (UTF-8 `C3 80`–`C3 BF`),
/// all `ALetter` in UAX #29, so that the segmenter would not break between
/// them either.
fn latin_letters(s: &[u8]) -> usize {
    let mut i = 0;
    loop {
        // Eight ASCII letters at a time, up to the first other byte.
        if let Some(x) = swar::load(s, i) {
            let n = swar::first_mark(swar::not_ascii_letter(x));
            i += n;
            if n == 8 {
                continue;
            }
        }
        match s.get(i) {
            Some(b) if b.is_ascii_alphabetic() => i += 1,
            Some(0xC3)
                if s.get(i + 1)
                    .is_some_and(|&b| (0x80..=0xBF).contains(&b) && b != 0x97 && b != 0xB7) =>
            {
                i += 2
            }
            _ => return i,
        }
    }
}

/// Byte length of the letters at the start of `s` and of those that `.`
/// `:` `'` join to them, as UAX #29 joins them (`z.B`, `NDR.de`,
/// `geht's`).
fn joined_letters(s: &[u8]) -> usize {
    let mut len = latin_letters(s);
    while len > 0 && matches!(s.get(len), Some(b'.' | b':' | b'\'')) {
        match latin_letters(&s[len + 1..]) {
            0 => break,
            part => len += 1 + part,
        }
    }
    len
}

/// Byte length of the run of letters ([`latin_letters`]) and ASCII digits
/// at the start of `s`.
fn letters_and_digits(s: &[u8]) -> usize {
    let mut i = 0;
    loop {
        let letters = latin_letters(&s[i..]);
        let digits = s[i + letters..].iter().take_while(|b| b.is_ascii_digit()).count();
        if letters + digits == 0 {
            return i;
        }
        i += letters + digits;
    }
}

/// The kind of token `chunk` is if it is one non-whitespace character,
/// which UAX #29 makes a segment of its own: the kind [`segment`] gives it.
fn lone_char_kind(chunk: &str) -> Option<TokenKind> {
    let mut chars = chunk.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_whitespace() && !c.is_ascii() => Some(kind_by_first_char(c)),
        _ => None,
    }
}

/// The kind of a segment that is no URL, face, mention or hashtag, by its
/// first character.
fn kind_by_first_char(first: char) -> TokenKind {
    // Pictographs are neither digits nor letters (a test checks every
    // one): asked first, an emoji skips two searches of Unicode's tables.
    if PICTOGRAPHS.contains(&(first as u32)) {
        return TokenKind::Emoji;
    }
    // Currency signs (`€`, `₹`) likewise are punctuation: asked first, a
    // price skips three searches (the marker patterns read `€` and `$`).
    if CURRENCY_SIGNS.contains(&(first as u32)) {
        return TokenKind::Punct;
    }
    if first.is_numeric() {
        TokenKind::Number
    } else if first.is_alphabetic() {
        TokenKind::Word
    } else if is_emoji(first) {
        TokenKind::Emoji
    } else if first.is_alphanumeric() || first == '_' {
        TokenKind::Word
    } else {
        // Word-bound segments of punctuation are single characters,
        // except for runs the segmenter keeps together (e.g. `_`).
        TokenKind::Punct
    }
}

/// Unicode's block of currency symbols (U+20A0–U+20CF).
const CURRENCY_SIGNS: std::ops::RangeInclusive<u32> = 0x20A0..=0x20CF;

/// Unicode's blocks of pictographs and emoticons (U+1F300–U+1FAFF).
const PICTOGRAPHS: std::ops::RangeInclusive<u32> = 0x1F300..=0x1FAFF;

/// Tokenizes `text[from..to]` by UAX #29 word boundaries. Looks outside the
/// range only to decide whether an emoticon stands on its own.
fn segment<'t>(text: &'t str, from: usize, to: usize, out: &mut Vec<Token<'t>>) {
    let mut skip_until = from;
    for (offset, seg) in text[from..to].split_word_bound_indices() {
        let start = from + offset;
        if start < skip_until {
            continue;
        }
        let first = match seg.chars().next() {
            Some(c) => c,
            None => continue,
        };
        let rest = &text[start..to];
        let (kind, end) = if first.is_whitespace() {
            if seg.contains('\n') {
                (TokenKind::LineBreak, start + seg.len())
            } else {
                continue;
            }
        } else if let Some(len) = url_len(rest) {
            (TokenKind::Url, start + len)
        } else if let Some(len) = emoticon_len(text, start) {
            (TokenKind::Emoticon, start + len)
        } else if first == '@' || first == '#' {
            match tag_len(rest) {
                Some(len) if first == '@' => (TokenKind::Mention, start + len),
                Some(len) => (TokenKind::Hashtag, start + len),
                None => (TokenKind::Punct, start + seg.len()),
            }
        } else {
            let kind = kind_by_first_char(first);
            if kind == TokenKind::Word && first.is_alphabetic() {
                (kind, start + compound_len(rest, seg.len()))
            } else {
                (kind, start + seg.len())
            }
        };
        skip_until = end;
        out.push(cut(text, start..end, kind));
    }
}

/// Length of a URL at the start of `s`: up to the next whitespace, minus
/// trailing punctuation that belongs to the sentence.
#[inline]
fn url_len(s: &str) -> Option<usize> {
    // Asked of every word: the first letter decides for almost all, inline.
    if !matches!(s.as_bytes().first(), Some(b'h' | b'H' | b'w' | b'W')) {
        return None;
    }
    url_len_at_h_or_w(s)
}

fn url_len_at_h_or_w(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let starts = |p: &[u8]| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p);
    if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
        return None;
    }
    // Up to the first space: ASCII bytes tested as bytes, the rest as chars.
    let end = match b.iter().position(|&c| matches!(c, b'\t'..=b'\r' | b' ') || c >= 0x80) {
        Some(i) if b[i] >= 0x80 => i + s[i..].find(char::is_whitespace).unwrap_or(s.len() - i),
        Some(i) => i,
        None => s.len(),
    };
    let trimmed = s[..end].trim_end_matches(['.', ',', '!', '?', ')', ';', ':', '"', '\'']);
    Some(trimmed.len().max(4))
}

/// Length of `@name` / `#tag` at the start of `s`, if a name follows.
fn tag_len(s: &str) -> Option<usize> {
    let body = s[1..]
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
        .map_or(s.len() - 1, |(i, _)| i);
    (body > 0).then_some(1 + body)
}

/// Extends a word over hyphens joining further words: `Horror-Service`,
/// `Kunden-Hotline`, `E-Mail`. Returns the byte length from the start.
fn compound_len(s: &str, first_len: usize) -> usize {
    let mut len = first_len;
    loop {
        let after = &s[len..];
        let Some(rest) = after.strip_prefix('-') else {
            return len;
        };
        match rest.chars().next() {
            Some(c) if c.is_alphabetic() => {
                let next = rest.split_word_bounds().next().map_or(0, str::len);
                len += 1 + next;
            }
            _ => return len,
        }
    }
}

/// Whether `c` starts an emoji (pictographs, dingbats, flags, symbols that
/// take emoji presentation).
pub(crate) fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2300..=0x23FF | 0x2B00..=0x2BFF
        | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0x2190..=0x21FF
        | 0x2122 | 0x2139 | 0x24C2 | 0x25A0..=0x25FF | 0x00A9 | 0x00AE)
}

/// Length of a text emoticon starting at byte `start` of `text`, if one
/// stands there on its own (not glued to a word on either side).
#[inline]
fn emoticon_len(text: &str, start: usize) -> Option<usize> {
    // Every emoticon starts with one of these bytes; most segments are
    // words. Inline: this is asked of every token.
    if !matches!(
        text.as_bytes().get(start),
        Some(
            b'<' | b'^'
                | b'-'
                | b'o'
                | b'O'
                | b'T'
                | b'>'
                | b'x'
                | b'X'
                | b':'
                | b';'
                | b'='
                | b'8'
                | b'('
                | b')'
        )
    ) {
        return None;
    }
    face_len(text, start)
}

/// [`emoticon_len`] once the first byte may start a face.
fn face_len(text: &str, start: usize) -> Option<usize> {
    let s = text.as_bytes();
    // The second byte rules out most words that start like a face
    // (`oder`, `Termin`, `xmal`), before the faces are tried one by one.
    let second = s.get(start + 1).copied().unwrap_or(0);
    let may_be_face = match s[start] {
        b':' | b';' | b'=' => true,
        b'<' => matches!(second, b'3' | b'/'),
        b'^' => matches!(second, b'_' | b'^'),
        b'-' => matches!(second, b'.' | b'_'),
        b'o' | b'O' => second == b'.',
        b'T' => second == b'_',
        b'x' | b'X' => matches!(second, b'D' | b'P'),
        // `>.<`, `>:(`
        b'>' => matches!(second, b'.' | b':' | b';' | b'=' | b'8'),
        // `8-)`: these eyes need a nose.
        b'8' => matches!(second, b'-' | b'\'' | b'o' | b'^'),
        // Mirrored: `(:`, `(-:`, `):`
        b'(' | b')' => matches!(second, b'-' | b'\'' | b'^' | b':' | b';'),
        _ => false,
    };
    if !may_be_face {
        return None;
    }
    common_face(s, start).or_else(|| face_by_rules(text, start))
}

/// [`face_len`] by the general rules: the face's own shape
/// ([`match_emoticon`]) and its neighbours.
fn face_by_rules(text: &str, start: usize) -> Option<usize> {
    let s = text.as_bytes();
    let rest = &s[start..];
    let len = match_emoticon(rest)?;
    // Not inside a word, number or URL: `Nr.:(1)`, `10:30`, `(Foto):`,
    // `Video:http://` hold no faces.
    // (An ASCII neighbour is tested as a byte; the others are decoded.)
    let before_ok = match start.checked_sub(1).map(|at| s[at]) {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        Some(_) => !text[..start].chars().next_back()?.is_alphanumeric(),
    };
    let after_ok = match s.get(start + len) {
        None => true,
        Some(&b) if b.is_ascii() => !b.is_ascii_alphanumeric() && b != b'/',
        Some(_) => text[start + len..].chars().next().is_none_or(|c| !c.is_alphanumeric()),
    };
    // Faces that start with a letter (`xD`) or a bracket (`(:`) need a
    // clean left edge too.
    let needs_left_edge = rest[0].is_ascii_alphabetic() || matches!(rest[0], b'(' | b')');
    if after_ok && (before_ok || !needs_left_edge) {
        Some(len)
    } else {
        None
    }
}

/// Byte length of one of the commonest faces standing at `start` of `s`
/// between spaces (or the text's edges), if one does: told by its bytes,
/// without the general rules of [`face_len`], which agree (a test checks).
/// A text dense with faces is the costliest per byte.
#[inline]
fn common_face(s: &[u8], start: usize) -> Option<usize> {
    const FACES: [&[u8]; 13] = [
        b":-)", b":-(", b";-)", b":-D", b":)", b":(", b";)", b":D", b":P", b":p", b"<3", b"xD",
        b"XD",
    ];
    if start > 0 && !is_chunk_break(s[start - 1]) {
        return None;
    }
    let rest = &s[start..];
    let alone = |len: usize| rest.get(len).is_none_or(|&b| is_chunk_break(b));
    FACES.iter().find(|f| rest.starts_with(f) && alone(f.len())).map(|f| f.len())
}

/// Byte length of the emoticon at the start of `s`. Emoticons are ASCII.
fn match_emoticon(s: &[u8]) -> Option<usize> {
    // Faces with eyes first (`:-)`, `;)`, `=D`) or mirrored (`(:`) are
    // none of these: the most common faces skip the list. Longer first
    // where one begins another.
    let fixed: &[&[u8]] = match s.first() {
        Some(b'<') => &[b"</3", b"<3"],
        Some(b'^') => &[b"^_^", b"^^"],
        Some(b'-') => &[b"-.-", b"-_-"],
        Some(b'o') => &[b"o.O"],
        Some(b'O') => &[b"O.o"],
        Some(b'>') => &[b">.<"],
        Some(b'T') => &[b"T_T"],
        Some(b'x') => &[b"xD", b"xP"],
        Some(b'X') => &[b"XD", b"XP"],
        _ => &[],
    };
    for f in fixed {
        if s.starts_with(f) {
            // `<333`, `xDDD`: repeated last character.
            let last = f[f.len() - 1];
            let extra = s[f.len()..].iter().take_while(|&&b| b == last).count();
            return Some(f.len() + extra);
        }
    }
    let eyes = |b: &u8| matches!(b, b':' | b';' | b'=' | b'8');
    let nose = |b: &u8| matches!(b, b'-' | b'\'' | b'o' | b'^');
    let mouth = |b: &&u8| {
        matches!(
            b,
            b')' | b'('
                | b'D'
                | b'P'
                | b'p'
                | b'/'
                | b'\\'
                | b'|'
                | b'*'
                | b'3'
                | b'O'
                | b'o'
                | b'['
                | b']'
                | b'@'
                | b'$'
                | b'S'
                | b's'
        )
    };
    let mut i = 0;
    if s.first() == Some(&b'>') && s.get(1).is_some_and(eyes) {
        i = 1; // frowning brows: >:(
    }
    if s.get(i).is_some_and(eyes) {
        let mut j = i + 1;
        if s.get(j).is_some_and(nose) {
            j += 1;
        }
        let mouth = s[j.min(s.len())..].iter().take_while(mouth).count();
        // `8` eyes are too often a digit: only with a nose (`8-)`).
        if mouth > 0 && (s[i] != b'8' || j > i + 1) {
            return Some(j + mouth);
        }
        return None;
    }
    // Mirrored faces: (: (-: ):
    if matches!(s.first(), Some(b'(') | Some(b')')) {
        let mut j = 1;
        if s.get(j).is_some_and(|b| nose(b) && *b != b'o') {
            j += 1;
        }
        if s.get(j).is_some_and(|b| b":;".contains(b)) {
            return Some(j + 1);
        }
    }
    None
}

/// Whether a `.` after `prev` ends no sentence: abbreviations, ordinals and
/// dates, initials.
pub(crate) fn dot_is_not_an_end(prev: &Token<'_>) -> bool {
    match prev.kind {
        // `2.`, `3.10.`, `Nr. 5.`: ordinals and dates. Long numbers
        // (`kostet 100.`) do end sentences.
        TokenKind::Number => prev.text.len() <= 2 || prev.text.contains('.'),
        TokenKind::Word => {
            let w = prev.text;
            // Initials (`A. Merkel`) and inner-dot abbreviations (`z.B`).
            // (A char has at most four bytes, as has every abbreviation.)
            if w.len() > 4 {
                return w.contains('.');
            }
            w.chars().nth(1).is_none() || w.contains('.') || ABBREVIATIONS.contains(&packed(w))
        }
        _ => false,
    }
}

/// The bytes of a word of at most four bytes, ASCII letters in lower case,
/// and its length, packed into an integer: a short word is compared with
/// every abbreviation by one integer compare each.
const fn packed(w: &str) -> u64 {
    let b = w.as_bytes();
    let mut word = (b.len() as u64) << 32;
    let mut i = 0;
    while i < b.len() && i < 4 {
        word |= (b[i].to_ascii_lowercase() as u64) << (8 * i);
        i += 1;
    }
    word
}

/// [`ABBREVIATION_WORDS`] [`packed`], for [`dot_is_not_an_end`].
const ABBREVIATIONS: [u64; ABBREVIATION_WORDS.len()] = {
    let mut packed_words = [0; ABBREVIATION_WORDS.len()];
    let mut i = 0;
    while i < packed_words.len() {
        packed_words[i] = packed(ABBREVIATION_WORDS[i]);
        i += 1;
    }
    packed_words
};

/// Abbreviations that take a dot (the inner-dot ones such as `z.B.`, `u.a.`,
/// `d.h.` are caught by their inner dot). None is longer than four bytes (a
/// test checks).
const ABBREVIATION_WORDS: &[&str] = &[
    "abs", "allg", "bspw", "bsp", "bzgl", "bzw", "ca", "dr", "dt", "engl", "etc", "evtl", "geb",
    "gegr", "ggf", "hr", "fr", "inkl", "jh", "jhd", "kap", "max", "min", "mind", "mio", "mrd",
    "nr", "prof", "sog", "st", "str", "tel", "usw", "vgl", "zb", "zzgl", "jan", "feb", "mär",
    "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dez", "ggü", "verh", "od", "std",
    "sek", "tlw", "u", "o",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        let mut out = Vec::new();
        Tokenizer.tokenize(text, &mut out);
        out.iter().map(|t| (t.text, t.kind)).collect()
    }

    macro_rules! t {
        ($name:ident, $text:expr, [$(($tok:expr, $kind:ident)),* $(,)?]) => {
            #[test]
            fn $name() {
                let got = kinds($text);
                let want: Vec<(&str, TokenKind)> = vec![$(($tok, TokenKind::$kind)),*];
                assert_eq!(got, want, "help: tokens of {:?}", $text);
            }
        };
    }

    t!(words_and_punct, "Nie wieder!", [("Nie", Word), ("wieder", Word), ("!", Punct)]);
    t!(keeps_all_marks, "Echt?!", [("Echt", Word), ("?", Punct), ("!", Punct)]);
    t!(
        emoticons,
        "toll :-) oder :( ;) xD <3",
        [
            ("toll", Word),
            (":-)", Emoticon),
            ("oder", Word),
            (":(", Emoticon),
            (";)", Emoticon),
            ("xD", Emoticon),
            ("<3", Emoticon),
        ]
    );
    t!(repeated_mouth, "super :)))", [("super", Word), (":)))", Emoticon)]);
    t!(glued_emoticon, "super:)", [("super", Word), (":)", Emoticon)]);
    t!(
        no_face_in_time,
        "um 10:30 Uhr",
        [("um", Word), ("10", Number), (":", Punct), ("30", Number), ("Uhr", Word),]
    );
    t!(no_face_in_word, "Box", [("Box", Word)]);
    t!(
        no_face_after_bracket,
        "(Foto): da",
        [("(", Punct), ("Foto", Word), (")", Punct), (":", Punct), ("da", Word),]
    );
    t!(mirrored_face, "danke (:", [("danke", Word), ("(:", Emoticon)]);
    t!(
        url,
        "siehe https://example.com/a?b=1. Danke",
        [("siehe", Word), ("https://example.com/a?b=1", Url), (".", Punct), ("Danke", Word),]
    );
    t!(mention_hashtag, "@DB_Bahn #fail", [("@DB_Bahn", Mention), ("#fail", Hashtag)]);
    t!(
        hyphen_compound,
        "Horror-Service und E-Mail-Hotline",
        [("Horror-Service", Word), ("und", Word), ("E-Mail-Hotline", Word),]
    );
    t!(dash_is_punct, "gut - schlecht", [("gut", Word), ("-", Punct), ("schlecht", Word)]);
    t!(emoji, "Danke 👍🏽 😂", [("Danke", Word), ("👍🏽", Emoji), ("😂", Emoji)]);
    t!(umlauts, "Größe ärgerlich", [("Größe", Word), ("ärgerlich", Word)]);
    t!(line_breaks, "a\nb", [("a", Word), ("\n", LineBreak), ("b", Word)]);
    t!(abbreviation, "z.B. gut", [("z.B", Word), (".", Punct), ("gut", Word)]);

    /// The fast path must give exactly the tokens of UAX #29 segmentation
    /// of the whole text.
    fn same_as_segmenter(text: &str) {
        let mut fast = Vec::new();
        Tokenizer.tokenize(text, &mut fast);
        let mut slow = Vec::new();
        segment(text, 0, text.len(), &mut slow);
        assert_eq!(fast, slow, "help: tokens of {text:?}");
    }

    #[test]
    fn fast_path_equals_segmenter() {
        for text in [
            "Nie wieder!!! Das war gut.",
            "xDDD und XP, oder T_T; so :-) ok;)",
            "gut;) schlecht!? z.B. Nr. 5 geht's",
            "Zeile eins\r\nZeile zwei\n\nDrei\rVier\t\x0cfünf",
            "www.example.com. http://x.de/a?b, Horror-Service-Hotline.",
            "http://t.co/2UJjuvIRgg\" www.. http://x.de/it's' https://a.b/c); http:// www.,:D",
            "@DB_Bahn #fail ABC123 abc_def o.O O.o",
            "Größe ärgerlich 👍🏽 😂 Ende.",
            "Kunden-Hotline, E-Mail- und Horror-Service-Team! A-1 x-y-z- -ab ab- Ä-ö",
            "„Gut“ sagte er – „nie wieder…“ — ”so” „\u{301}x“ „a‚b’s”",
            "Straße-\u{301}x Haus-2 Haus-xD Haus-:) Ö-www.x.de e-@a",
            "3,5 1.000.000 3'5 3;5 3:5 10-Jährige 3.10. 3,a 3.a 3a a3 8-) 8,8 0,5% 1.5-2",
            "Win8 Win8-Treiber 3D-Brille 3,5er 330i A1.5 A1,5 a1'b 12jährige 3×4 x9_ 8x 8D",
            "€ ❤ ❤️ Д \u{a0} Ⅻ ² 4€ ◄Der »mehr« © ™ ∞ 中 ½",
            "#CDU-Politikers #G20-Gipfel-Treffen @a_b-c #x-:) #x-- #x-3 #a-b.c #a-#b 3D-Brille-x",
            "NDR.de habe.NAJA m.M. S.A. gibt's I'll a:b:c spd-zeitz.de a.b1 a.b-c.d- Sorry:/ a.:b",
            "# @ _ #_ @@ __ - # x @ x _ x",
            "gut,aber so;nicht ok-ja ok.ja ok:ja ok'ja ab,3 ab.3 ab-3 ab;) #tag,x @a5,3 @a.b #a-b",
            "  führende und folgende Leerzeichen  ",
            "",
        ] {
            same_as_segmenter(text);
        }
    }

    #[test]
    fn fast_path_equals_segmenter_on_real_text() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let potts = std::fs::read_to_string(dir.join("potts_sample.tsv")).unwrap();
        let seeds = std::fs::read_to_string(dir.join("seed_comments.jsonl")).unwrap();
        for line in potts.lines().chain(seeds.lines()) {
            same_as_segmenter(line);
        }
    }

    proptest::proptest! {
        // Words, umlauts, digits, punctuation, faces, emoji and every kind
        // of ASCII space. (Not: a joiner or combining mark right after a
        // space, which UAX #29 glues to the space, so that it is dropped,
        // and the fast path keeps as a mark of its own.)
        #[test]
        fn fast_path_equals_segmenter_on_any_mix(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "gut", "Nie", "xD", "XDDD", "o", "T", "oder", "ö", "Straße", "3", "10.5", "8", "×", "Ÿ", "é",
                ".", ",", "!", "?", ";", ":", ")", "(", "-", "'", "\"", "_", "@", "#", "/",
                " ", "  ", "\n", "\r", "\r\n", "\t", "\x0c", "\u{a0}", "😀", "👍🏽",
                ":-)", "<3", "www.", "http://", "z.B.", "e", "👨\u{200d}👩",
                "&", "+", "*", "%", "=", "[", "…", "„", "'s", "a1", ";", "Tag", "_x", "8-)",
                "Unannehmlichkeiten", "KUNDENSERVICE", "Verspätungsalarm", "\x0b", "\x01",
                "Kunden-", "-Hotline", "„", "“", "”", "–", "—", "’",
                "Win8", "3er", "12jährige", "A1", "x9", "€", "❤", "Д", "Ⅻ", "²", "©",
                "#CDU-", "#G20", "@a_b", "3D-", "NDR.de", "gibt's", "a:b", "m.M.", ".de", ":b",
            ]), 0..24)
        ) {
            same_as_segmenter(&parts.concat());
        }
    }

    proptest::proptest! {
        /// The commonest faces, told by their bytes, are what the general
        /// rules find there.
        #[test]
        fn common_faces_are_faces_by_the_general_rules(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                ":-)", ":-(", ";-)", ":-D", ":)", ":(", ";)", ":D", ":P", ":p", "<3", "xD", "XD",
                " ", "\n", "\t", "a", ")", "(", "D", "P", "3", "/", ":", "-", "x", "<", "ö", ".",
            ]), 0..12)
        ) {
            let text = parts.concat();
            for i in 0..text.len() {
                if let Some(len) = common_face(text.as_bytes(), i) {
                    proptest::prop_assert_eq!(face_by_rules(&text, i), Some(len), "{:?} at {}", text, i);
                }
            }
        }
    }

    /// The shortcut for pictographs gives what the full test of the first
    /// character gives: none of them is a digit or a letter.
    #[test]
    fn pictographs_are_emoji_and_neither_digits_nor_letters() {
        for c in PICTOGRAPHS.filter_map(char::from_u32) {
            assert!(!c.is_numeric() && !c.is_alphanumeric() && is_emoji(c), "{c:?}");
        }
    }

    /// The shortcut for currency signs gives what the full test gives:
    /// none of them is a digit, a letter or an emoji.
    #[test]
    fn currency_signs_are_punctuation() {
        for c in CURRENCY_SIGNS.filter_map(char::from_u32) {
            assert!(!c.is_numeric() && !c.is_alphanumeric() && !is_emoji(c), "{c:?}");
        }
        let mut out = Vec::new();
        Tokenizer.tokenize("nur 5 € statt 10 €", &mut out);
        assert!(out.iter().filter(|t| t.text == "€").all(|t| t.kind == TokenKind::Punct));
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = "Wir bedauern 😢 die Unannehmlichkeiten!!";
        let mut out = Vec::new();
        Tokenizer.tokenize(text, &mut out);
        for t in &out {
            assert_eq!(&text[t.span.clone()], t.text);
        }
    }

    #[test]
    fn a_dot_after_an_abbreviation_in_any_case_ends_nothing() {
        let word = |text: &'static str| Token { text, span: 0..text.len(), kind: TokenKind::Word };
        for &a in ABBREVIATION_WORDS {
            assert!(a.len() <= 4 && a == a.to_lowercase(), "help: {a:?} must be short, lower case");
            assert!(dot_is_not_an_end(&word(a)), "help: {a}");
            let upper: &'static str = a.to_ascii_uppercase().leak();
            assert!(dot_is_not_an_end(&word(upper)), "help: {upper}");
        }
        // Initials and inner dots, but not ordinary words, nor an
        // abbreviation's prefix or extension, nor a case change outside ASCII.
        for w in ["A", "Ö", "z.B", "u.a", "Straße.ab"] {
            assert!(dot_is_not_an_end(&word(w)), "help: {w}");
        }
        for w in ["gut", "Ab", "Nrn", "stra", "MÄR", "Frau", "jahr", "st\u{0}"] {
            assert!(!dot_is_not_an_end(&word(w)), "help: {w}");
        }
    }

    #[test]
    fn a_url_ends_at_any_unicode_space_or_sentence_mark() {
        for (text, len) in [
            ("https://a.de/x", 14),
            ("https://a.de/x\u{a0}y", 14),
            ("https://a.de/x\u{b}y", 14),
            ("https://a.de/x\u{2009}y", 14),
            ("https://a.de/straße).", 20),
            ("https://a.de/ü\u{3000}", 15),
            ("www.", 4),
            ("www...", 4),
            ("WWW.a.de!?", 8),
        ] {
            assert_eq!(url_len(text), Some(len), "help: {text:?}");
        }
        assert_eq!(url_len("wwwa.de"), None);
        assert_eq!(url_len("http:/a.de"), None);
    }
}
