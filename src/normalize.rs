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
        let ascii = plain_ascii_run(rest.as_bytes());
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

/// Byte length of the run of ASCII bytes but the backquote (which folds to
/// an apostrophe) at the start of `b`: the bytes that fold by lowercasing.
/// Tested eight at a time in a `u64` (as `swar.rs` does, which this file,
/// compiled into `build.rs` too, cannot use).
fn plain_ascii_run(b: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let mut i = 0;
    while let Some(eight) = b[i..].first_chunk::<8>() {
        let x = u64::from_le_bytes(*eight);
        // The high bit of each non-ASCII lane and of the lowest zero lane
        // of `x ^ backquotes` (a borrow only marks lanes above a zero).
        let y = x ^ (ONES * u64::from(b'`'));
        let marks = (x | (y.wrapping_sub(ONES) & !y)) & HIGH;
        if marks != 0 {
            return i + (marks.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + b[i..].iter().take_while(|&&c| c.is_ascii() && c != b'`').count()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ascii_run_stops_at_the_first_other_byte_in_any_lane() {
        let naive = |b: &[u8]| b.iter().take_while(|&&c| c.is_ascii() && c != b'`').count();
        for len in 0..20 {
            for at in 0..len {
                for stop in [b'`', 0x80, 0xC3, 0xFF, b'a', b'A', 0, 0x7F, 0x5F, 0x61] {
                    let mut bytes = vec![b'x'; len];
                    bytes[at] = stop;
                    // A second stop later must not matter.
                    if at + 3 < len {
                        bytes[at + 3] = b'`';
                    }
                    assert_eq!(plain_ascii_run(&bytes), naive(&bytes), "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn folds_case_umlauts_and_apostrophes() {
        let mut out = String::new();
        for (word, folded) in [
            ("Grüße", "gruesse"),
            ("GRÜSSE", "gruesse"),
            ("geht`s", "geht's"),
            ("geht’s noch ÄRGERLICH", "geht's noch aergerlich"),
            ("Kundenservice-Hotline ist ÜBERLASTET", "kundenservice-hotline ist ueberlastet"),
            ("straße\u{ad}nbahn", "strassenbahn"),
        ] {
            fold_into(word, &mut out);
            assert_eq!(out, folded, "{word}");
        }
    }
}
