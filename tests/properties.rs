use proptest::prelude::*;
use stimmung::{Analysis, Analyzer, CommentMeta, RepeatDetector};

/// Words that make the rules fire, to mix with arbitrary text.
const VOCAB: &[&str] = &[
    "nicht",
    "kein",
    "keine",
    "nie",
    "gut",
    "schlecht",
    "sehr",
    "total",
    "aber",
    "trotzdem",
    "obwohl",
    "weder",
    "noch",
    "ohne",
    "nichts",
    "SUPER",
    "suuuper",
    "!",
    "!!!",
    "?",
    ",",
    ".",
    ":(",
    ":-)",
    "xD",
    "<3",
    "😂",
    "👍🏽",
    "🇩🇪",
    "z.B.",
    "3.10.",
    "Horror-Service",
    "Servicewüste",
    "nie wieder",
    "Liebe",
    "@DB_Bahn",
    "#fail",
    // Marker cues in pieces, so that their parts meet in any order
    // (`#Zug wenn der fällt aus` once panicked in the condition check).
    "#Zug",
    "Wenn",
    "wenn",
    "fällt",
    "aus",
    "3",
    "Stunden",
    "seit",
    "ich",
    "warte",
    "jetzt",
    "kaufen",
    "Vielen Dank für Ihr Verständnis",
    "keine Stellung",
    "https://t.co/x",
    "schön",
    "Straße",
    "\n",
    "ẞ",
    "İ",
    "ǅ",
    "\u{0301}",
    "\u{200d}",
];

/// Words of experience, hard-sell and boilerplate cues, conditions,
/// negators, hashtags and numbers.
const CUE_PIECES: &[&str] = &[
    "#Zug",
    "Zug",
    "wenn",
    "Wenn",
    "Falls",
    "fällt",
    "aus",
    "3",
    "Stunden",
    "seit",
    "Wochen",
    "ich",
    "warte",
    "nie",
    "wieder",
    "Nie wieder",
    "#Verspätung",
    "Verspätung",
    "jetzt",
    "kaufen",
    "nicht",
    "bestellen",
    "hier",
    "Kredit",
    "ohne",
    "Schufa",
    "http://t.co/x",
    "Vielen",
    "Dank",
    "für",
    "Ihr",
    "Verständnis",
    "Stellung",
    "nehmen",
    "wir",
    "keine",
    "Chaos",
    "App",
    "funktioniert",
    ",",
    ".",
    "!",
    "?",
    "@DB_Bahn",
    "Ärgert",
    "mich",
    "Ich",
    "bestelle",
    "Jetzt",
    "Ärger",
    "Stört",
    "#gestrandet",
    "#reduziert",
    "50%",
    "From",
    "amazon.de",
    "bei",
    "eBay",
    "gefunden",
    "Wurm",
    "drin",
    "Kein",
    "Durchkommen",
    "Betrug",
    "gekündigt",
    "Liebe",
    "weder",
    "noch",
    "Klasse",
    "1.",
    "aber",
    "obwohl",
    "so",
    "lange",
];

fn germanish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(VOCAB).prop_map(str::to_string),
            1 => "\\PC{0,12}",
        ],
        0..40,
    )
    .prop_map(|words| words.join(" "))
}

fn check(text: &str, a: &Analysis) -> Result<(), TestCaseError> {
    prop_assert!((-1.0..=1.0).contains(&a.compound()), "compound {}", a.compound());
    for x in [a.positive(), a.negative(), a.neutral()] {
        prop_assert!((0.0..=1.0).contains(&x));
    }
    for h in a.hits() {
        prop_assert!(h.start() <= h.end() && h.end() <= text.len());
        prop_assert!(text.is_char_boundary(h.start()) && text.is_char_boundary(h.end()));
        prop_assert_eq!(&text[h.start()..h.end()], h.term());
    }
    for s in a.sentences() {
        prop_assert!(s.start() <= s.end() && s.end() <= text.len());
        prop_assert!(text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()));
        prop_assert!((-1.0..=1.0).contains(&s.compound()));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_string(text in "\\PC{0,200}") {
        let a = Analyzer::new().analyze(&text);
        check(&text, &a)?;
    }

    #[test]
    fn german_like_text(text in germanish()) {
        let a = Analyzer::new().analyze(&text);
        check(&text, &a)?;
    }

    /// The pieces of marker cues and the words around them, densely: any
    /// order of a few makes the detectors meet cues that start before a
    /// condition, inside a phrase, across a comma.
    #[test]
    fn marker_cue_pieces_in_any_order(pieces in prop::collection::vec(prop::sample::select(CUE_PIECES), 0..14)) {
        let text = pieces.join(" ");
        let a = Analyzer::new().analyze(&text);
        check(&text, &a)?;
        for f in a.flags() {
            prop_assert!(f.start() <= f.end() && f.end() <= text.len());
            prop_assert_eq!(&text[f.start()..f.end()], f.text());
        }
    }

    /// The analyzer's fingerprint, made from its word memo, is the one a
    /// detector computes from the text alone: first sight or memo, any
    /// text, any case and spelling of the same words.
    #[test]
    fn fingerprint_from_the_analysis_is_the_detectors(text in "\\PC{0,80}|[ a-zA-ZäÄß`#@.,!:;()\\-\n]{0,80}") {
        let analyzer = Analyzer::new();
        let meta = CommentMeta::default();
        let expected = RepeatDetector::fingerprint(&text);
        for _ in 0..2 {
            let (a, fingerprint) = analyzer.analyze_and_fingerprint(&text, &meta);
            prop_assert_eq!(fingerprint, expected);
            prop_assert_eq!(&a, &analyzer.analyze(&text));
        }
        // Capitals of ASCII and German letters fold back (others, such as
        // `µ` → `Μ`, need not), unless they change the tokens: `:o` ends
        // in a nose, `:O` in a mouth.
        let eyes = [':', ';', '='];
        if text.chars().all(|c| (c.is_ascii() && !eyes.contains(&c)) || "äÄöÖüÜ".contains(c)) {
            let upper = text.to_uppercase();
            let (_, shouted) = analyzer.analyze_and_fingerprint(&upper, &meta);
            prop_assert_eq!(shouted, expected, "{}", upper);
        }
    }

    #[test]
    fn batch_equals_one_by_one(texts in prop::collection::vec(germanish(), 0..24)) {
        let analyzer = Analyzer::new();
        let batch = analyzer.analyze_batch(&texts);
        prop_assert_eq!(batch.len(), texts.len());
        for (t, a) in texts.iter().zip(&batch) {
            prop_assert_eq!(a, &analyzer.analyze(t));
        }
    }
}

#[test]
fn arbitrary_bytes_lossily_decoded() {
    // Junk including invalid UTF-8 that a reader would replace with U+FFFD.
    let junk = junk(0x2545F4914F6CDD1D, 2000 * 64);
    for bytes in junk.chunks(64) {
        let text = String::from_utf8_lossy(bytes);
        let a = Analyzer::new().analyze(&text);
        assert!((-1.0..=1.0).contains(&a.compound()));
    }
}

/// A cheap deterministic stream of `n` junk bytes (xorshift).
pub fn junk(seed: u64, n: usize) -> Vec<u8> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}
