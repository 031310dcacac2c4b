//! Normalization of a word for lexicon lookup.
//!
//! This file is compiled twice: into the library, and into `build.rs` (via
//! `#[path]`), so that the keys of the embedded lexicon and the lookups at
//! run time go through the very same code. It must therefore use nothing but
//! `std`.

/// Writes the lookup key of `word` into `out` (which is cleared first):
/// lowercase, `ß` → `ss`, `ä`/`ö`/`ü` → `ae`/`oe`/`ue`, typographic
/// apostrophes unified, soft hyphens and zero-width characters dropped.
///
/// Folding umlauts makes `schön` and `schoen` (common on keyboards without
/// umlauts and in old tweets) the same key.
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    let mut rest = word;
    while !rest.is_empty() {
        // Most text is plain ASCII: copy and lowercase each ASCII run in one
        // go, so that one umlaut does not send the rest of a long text
        // through the per-character path.
        let ascii = rest.bytes().take_while(|&b| b.is_ascii() && b != b'`').count();
        if ascii > 0 {
            let start = out.len();
            out.push_str(&rest[..ascii]);
            out[start..].make_ascii_lowercase();
            rest = &rest[ascii..];
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        push_folded(c, out);
        rest = chars.as_str();
    }
}

/// Appends the folded form of the one character `c` to `out`, as
/// [`fold_into`] folds it (which calls this for every character outside its
/// ASCII fast path). Folding never yields whitespace.
#[inline]
pub fn push_folded(c: char, out: &mut String) {
    match c {
        c if c.is_ascii() && c != '`' => out.push(c.to_ascii_lowercase()),
        '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => out.push('\''),
        'ß' | 'ẞ' => out.push_str("ss"),
        'ä' | 'Ä' => out.push_str("ae"),
        'ö' | 'Ö' => out.push_str("oe"),
        'ü' | 'Ü' => out.push_str("ue"),
        // Soft hyphen, zero-width space/joiners, variation selector 16
        // (emoji presentation) carry no meaning for lookup.
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{fe0f}' => {}
        c => out.extend(c.to_lowercase()),
    }
}

/// Collapses every run of more than `max_run` equal letters to `max_run`
/// letters, writing into `out` (cleared first). Returns whether anything
/// changed.
///
/// `suuuuper` → `super` (with `max_run = 1`), `tolllll` → `toll`
/// (`max_run = 2`). German spells at most three equal letters in a row
/// (`Schifffahrt`), so only runs of three or more are treated as
/// elongation by the caller.
pub fn squeeze_into(word: &str, max_run: usize, out: &mut String) -> bool {
    out.clear();
    let mut changed = false;
    let mut prev = None;
    let mut run = 0;
    for c in word.chars() {
        if Some(c) == prev && c.is_alphabetic() {
            run += 1;
        } else {
            run = 1;
            prev = Some(c);
        }
        if run <= max_run {
            out.push(c);
        } else {
            changed = true;
        }
    }
    changed
}

/// Whether `word` has a run of three or more equal letters (`suuuper`,
/// `neeeein`): written emphasis.
pub fn is_elongated(word: &str) -> bool {
    let mut prev = None;
    let mut run = 0;
    for c in word.chars() {
        if Some(c) == prev && c.is_alphabetic() {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 1;
            prev = Some(c);
        }
    }
    false
}
