//! What the scoring rules ask of a word besides its lexicon entry: whether
//! it opens a clause, whether it is shouted, and whether it is one of the
//! few closed-class words a special rule starts from (`weder`, `wenn`,
//! `Liebe` …).
//!
//! Asking costs a lowercase copy and a string match per word and rule. The
//! answers depend on the word alone, so they are computed once per distinct
//! word and kept with its lexicon entry in the word memo (`word_memo.rs`,
//! `lexicon/lookup.rs`); the rules
//! then test bits, and a rule whose trigger word is absent from a text
//! does not run at all.

/// A set of word classes, as bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordClass(u16);

impl WordClass {
    /// Opens a new clause for negation and booster scope (`und`, `aber`,
    /// `weil`, `dass` …).
    pub const CLAUSE: WordClass = WordClass(1);
    /// Written in capitals, at least two letters (`SUPER`, `NIE`).
    pub const SHOUTED: WordClass = WordClass(1 << 1);
    /// `weder`: starts `weder … noch`.
    pub const WEDER: WordClass = WordClass(1 << 2);
    /// `wenn`: `auch wenn`, `selbst wenn` concede.
    pub const WENN: WordClass = WordClass(1 << 3);
    /// `noch`, `lange`: before a negator in `noch nie so …`.
    pub const NOCH_LANGE: WordClass = WordClass(1 << 4);
    /// `nur`, `enden`, `endend…`: after a negator in `nicht nur`, `nicht
    /// enden wollend`.
    pub const NUR_ENDEN: WordClass = WordClass(1 << 5);
    /// `Liebe`, `lieber`, `Liebes` …: a salutation.
    pub const LIEBE: WordClass = WordClass(1 << 6);
    /// `Klasse`: a class of travel after an ordinal.
    pub const KLASSE: WordClass = WordClass(1 << 7);

    /// No class.
    pub const NONE: WordClass = WordClass(0);

    /// The classes of `word`, a word token's text.
    pub(crate) fn of(word: &str) -> WordClass {
        let mut class = WordClass::NONE;
        if is_clause_word(word) {
            class |= WordClass::CLAUSE;
        }
        if is_shouted(word) {
            class |= WordClass::SHOUTED;
        }
        if starts_with_ignore_case(word, "endend") {
            return class | WordClass::NUR_ENDEN;
        }
        // Most words are longer than any other trigger word: one comparison.
        if word.len() > 6 {
            return class;
        }
        let trigger = if word.eq_ignore_ascii_case("weder") {
            WordClass::WEDER
        } else if word.eq_ignore_ascii_case("wenn") {
            WordClass::WENN
        } else if is_one_of(word, &["noch", "lange"]) {
            WordClass::NOCH_LANGE
        } else if is_one_of(word, &["nur", "enden"]) {
            WordClass::NUR_ENDEN
        } else if matches!(word, "Liebe" | "Lieber" | "Liebes" | "liebe" | "lieber" | "liebes") {
            WordClass::LIEBE
        } else if word.eq_ignore_ascii_case("klasse") {
            WordClass::KLASSE
        } else {
            WordClass::NONE
        };
        class | trigger
    }

    /// Whether all classes of `other` are in `self`.
    pub(crate) fn contains(self, other: WordClass) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for WordClass {
    type Output = WordClass;

    fn bitor(self, other: WordClass) -> WordClass {
        WordClass(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for WordClass {
    fn bitor_assign(&mut self, other: WordClass) {
        self.0 |= other.0;
    }
}

/// Whether `word` starts with `prefix` (lowercase ASCII), ignoring ASCII case.
pub(crate) fn starts_with_ignore_case(word: &str, prefix: &str) -> bool {
    word.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// Whether `word` is one of `list` (lowercase), ignoring ASCII case.
pub(crate) fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Whether a word opens a new clause: compared ASCII-case-insensitively, as
/// written (`daß` and `waehrend` are listed as such). A `match` on the
/// lowercased bytes, which the compiler dispatches on the length first.
fn is_clause_word(word: &str) -> bool {
    const LONGEST: usize = 10;
    if word.len() > LONGEST {
        return false;
    }
    let mut buf = [0u8; LONGEST];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"und"
            | b"oder"
            | b"aber"
            | b"sondern"
            | b"denn"
            | b"weil"
            | b"dass"
            | b"da\xc3\x9f"
            | b"obwohl"
            | b"wenn"
            | b"waehrend"
            | b"jedoch"
            | b"trotzdem"
            | b"allerdings"
            | b"dennoch"
            | b"bevor"
            | b"nachdem"
            | b"damit"
    )
}

/// Whether a word is written in capitals, at least two letters long.
pub(crate) fn is_shouted(word: &str) -> bool {
    // The lowercase test first: it fails at the second letter of almost
    // every word, and a lowercase ASCII letter decides without decoding a
    // `char`.
    !word.bytes().any(|b| b.is_ascii_lowercase())
        && !word.chars().any(char::is_lowercase)
        && word.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_words() {
        let of = WordClass::of;
        assert!(of("Und").contains(WordClass::CLAUSE));
        assert!(of("daß").contains(WordClass::CLAUSE));
        assert!(of("WENN").contains(WordClass::CLAUSE | WordClass::WENN | WordClass::SHOUTED));
        assert!(of("NIE").contains(WordClass::SHOUTED));
        assert!(of("ÄRGER").contains(WordClass::SHOUTED));
        assert!(!of("A").contains(WordClass::SHOUTED));
        assert!(!of("Ärger").contains(WordClass::SHOUTED));
        assert_eq!(of("Weder"), WordClass::WEDER);
        assert_eq!(of("lange"), WordClass::NOCH_LANGE);
        assert_eq!(of("noch"), WordClass::NOCH_LANGE);
        assert_eq!(of("endendes"), WordClass::NUR_ENDEN);
        assert_eq!(of("Nur"), WordClass::NUR_ENDEN);
        assert_eq!(of("Liebes"), WordClass::LIEBE);
        // Salutations are matched as written: `LIEBE` shouts.
        assert_eq!(of("LIEBE"), WordClass::SHOUTED);
        assert_eq!(of("KLASSE"), WordClass::KLASSE | WordClass::SHOUTED);
        assert_eq!(of("Klassen"), WordClass::NONE);
        assert_eq!(of("Service"), WordClass::NONE);
        assert_eq!(of("ENDENDEN"), WordClass::NUR_ENDEN | WordClass::SHOUTED);
        assert_eq!(of("Endender"), WordClass::NUR_ENDEN);
        assert_eq!(of("Ende"), WordClass::NONE);
    }
}
