//! What each fuzz target does and asserts, as plain functions: the targets
//! in this folder call them with libFuzzer's inputs, and the test suite
//! (`tests/fuzz.rs`) replays the inputs kept in `tests/fuzz/<target>/`
//! through the very same code.

// Each target binary uses one of these functions.
#![allow(dead_code)]

use stimmung::{Analysis, Analyzer, CommentMeta, Lexicon, MarkerSet};

#[path = "../../src/bin/stimmung/input/mod.rs"]
mod input;

use input::{InputFormat, Options, Record};

/// `Analyzer::analyze` and `analyze_comment` on any string (bytes that are
/// not UTF-8 are decoded lossily, as the readers would).
pub fn analyze(data: &[u8]) {
    static ANALYZER: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    let analyzer = ANALYZER.get_or_init(Analyzer::new);
    let text = String::from_utf8_lossy(data);
    let a = analyzer.analyze(&text);
    check(&text, &a);
    // The same text as a comment with an author URL (the spam rules use it).
    let meta = CommentMeta { author: Some("x"), author_url: Some("http://example.com") };
    let b = analyzer.analyze_comment(&text, &meta);
    check(&text, &b);
    assert_eq!(a.compound(), b.compound(), "metadata changed the score");
}

const FORMATS: [InputFormat; 7] = [
    InputFormat::Auto,
    InputFormat::Jsonl,
    InputFormat::Csv,
    InputFormat::Tsv,
    InputFormat::Txt,
    InputFormat::Wxr,
    InputFormat::Disqus,
];

/// The CLI's input readers on any bytes. The first byte picks the format;
/// the rest is the file. Every reader must end, never panic, keep the
/// record size limit, name the place of every error, and for the line
/// formats yield exactly one record per non-blank line.
pub fn readers(data: &[u8]) {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let format = FORMATS[pick as usize % FORMATS.len()];
    let opts = Options {
        text_field: "text".into(),
        id_field: "id".into(),
        author_field: "author".into(),
        url_field: "url".into(),
        thread_field: Some("thread".into()),
        keep: vec!["meta.x".into()],
        include_pingbacks: pick & 0x80 != 0,
        include_deleted: pick & 0x40 != 0,
        // Small, so the limit path runs too.
        max_record_bytes: 64,
    };
    let records: Vec<Record> = input::read("fuzz".into(), bytes, format, &opts).collect();
    for r in &records {
        match &r.text {
            Ok(t) => assert!(t.len() <= opts.max_record_bytes, "limit not applied"),
            Err(msg) => assert!(msg.starts_with("fuzz:"), "error without place: {msg}"),
        }
    }
    if matches!(format, InputFormat::Jsonl | InputFormat::Txt | InputFormat::Auto) {
        let lines =
            bytes.split(|&b| b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).count();
        assert_eq!(records.len(), lines, "one record per non-blank line");
    }
}

const LEXICON_PROBE: &str = "Das ist nicht gut, aber der Service war super!!! Nie wieder :( \
                             Abzocke, Horror-Hotline, kundenfeindlich.";

fn exercise(lexicon: Lexicon, text: &str) {
    let _ = lexicon.entries().count();
    let analyzer = Analyzer::builder().lexicon(lexicon).build().expect("valid lexicon");
    for t in [LEXICON_PROBE, text] {
        check(t, &analyzer.analyze(t));
    }
}

/// User lexicons: the same bytes as a TSV lexicon, a SentiWS file and a
/// compiled `.stmlex` file (as they come, and behind a valid header, so that
/// the fst verification runs). Loading fails naming the file, or yields a
/// lexicon that an analyzer can use.
pub fn lexicon(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match Lexicon::from_tsv("fuzz.tsv", &text) {
        Ok(lex) => exercise(lex, &text),
        Err(e) => assert!(e.to_string().contains("fuzz.tsv"), "error without the file: {e}"),
    }
    if let Ok(lex) = Lexicon::from_sentiws("fuzz.txt", &text, 4.0) {
        exercise(lex, &text);
    }
    // Compiled lexicons: the bytes as they come, and behind a valid header,
    // so that the fst verification itself is exercised.
    if let Ok(lex) = Lexicon::from_bytes("fuzz.stmlex", data) {
        exercise(lex, &text);
    }
    let mut framed = b"stimmung-lexicon-1\n".to_vec();
    framed.extend_from_slice(&((data.len() / 2) as u64).to_le_bytes());
    framed.extend_from_slice(data);
    if let Ok(lex) = Lexicon::from_bytes("fuzz.stmlex", &framed) {
        exercise(lex, &text);
    }
}

const PATTERN_PROBE: &str = "Zu Spekulationen nehmen wir grundsätzlich keine Stellung. Seit \
                             drei Wochen warte ich auf eine Antwort, nie wieder! Nur heute 10% \
                             Rabatt: https://example.com";

/// User marker patterns: any text as a pattern file. Loading fails naming
/// the file, or yields a marker set that analyzes a probe text and the
/// pattern text itself.
pub fn patterns(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match MarkerSet::from_sources(&[("fuzz.txt", &text)]) {
        Ok(set) => {
            let analyzer = Analyzer::builder().marker_set(set).build().expect("valid set");
            for t in [PATTERN_PROBE, &text] {
                let a = analyzer.analyze(t);
                check(t, &a);
            }
        }
        Err(e) => assert!(e.to_string().contains("fuzz.txt"), "error without the file: {e}"),
    }
}

/// The invariants every analysis keeps, whatever the input (a violation
/// fails like a panic).
pub fn check(text: &str, a: &Analysis) {
    let in_range = |x: f64, lo: f64, hi: f64| x.is_finite() && (lo..=hi).contains(&x);
    assert!(in_range(a.compound(), -1.0, 1.0), "compound {}", a.compound());
    for share in [a.positive(), a.negative(), a.neutral()] {
        assert!(in_range(share, 0.0, 1.0), "share {share}");
    }
    let span = |start: usize, end: usize| {
        assert!(start <= end && end <= text.len(), "span {start}..{end} of {}", text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{start}..{end}");
    };
    for s in a.sentences() {
        span(s.start(), s.end());
        assert!(in_range(s.compound(), -1.0, 1.0));
    }
    for h in a.hits() {
        span(h.start(), h.end());
        assert_eq!(&text[h.start()..h.end()], h.term());
        assert!(h.contribution().is_finite());
    }
    for f in a.flags() {
        span(f.start(), f.end());
        assert_eq!(&text[f.start()..f.end()], f.text());
        for e in f.evidence() {
            span(e.start(), e.end());
        }
    }
}
