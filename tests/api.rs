use std::path::{Path, PathBuf};

use stimmung::{Analyzer, Config, Label, Lexicon, Weights};

/// A file holding `content`, alone in a fresh temporary directory. Dropping
/// it removes the directory, with anything a test wrote beside the file
/// (a compiled lexicon, a tuned config), so test runs leave nothing behind.
pub struct TempFile {
    path: PathBuf,
    _dir: tempfile::TempDir,
}

impl std::ops::Deref for TempFile {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for TempFile {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

/// `content` written to a file called `name` (the name matters: input
/// formats are told by extension, and error messages must name the file).
pub fn temp_file(name: &str, content: &[u8]) -> TempFile {
    let dir = tempfile::Builder::new().prefix("stimmung-test-").tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    TempFile { path, _dir: dir }
}

#[test]
fn analyzer_is_send_sync_clone() {
    fn assert_traits<T: Send + Sync + Clone + 'static>() {}
    assert_traits::<Analyzer>();
    assert_traits::<Lexicon>();
    assert_traits::<stimmung::Analysis>();
}

#[test]
fn free_function_and_predicates() {
    let a = stimmung::analyze("Ganz toller Laden, sehr zu empfehlen!");
    assert!(a.is_positive() && !a.is_negative() && !a.is_neutral());
    assert!(a.compound() > 0.0);
    let shares = a.positive() + a.negative() + a.neutral();
    assert!((shares - 1.0).abs() < 1e-9, "shares add up to {shares}");
}

#[test]
fn hits_and_sentences_point_into_the_text() {
    let text = "Der Zug kam pünktlich. Leider war das WLAN kaputt!";
    let a = Analyzer::new().analyze(text);
    assert_eq!(a.sentences().len(), 2);
    assert_eq!(&text[a.sentences()[0].start()..a.sentences()[0].end()], "Der Zug kam pünktlich.");
    assert_eq!(a.sentences()[0].label(), Label::Positive);
    assert_eq!(a.sentences()[1].label(), Label::Negative);
    for h in a.hits() {
        assert_eq!(&text[h.start()..h.end()], h.term());
    }
    let kaputt = a.hits().iter().find(|h| h.term() == "kaputt").expect("kaputt is a hit");
    assert!(kaputt.rules().contains(&stimmung::Rule::Exclamation), "{kaputt:?}");
}

#[test]
fn contributions_add_up_to_the_compound() {
    let analyzer = Analyzer::new();
    let alpha = analyzer.weights().alpha;
    for text in [
        "Der Zug kam pünktlich. Leider war das WLAN kaputt!",
        "Das Hotel war schön, aber das Personal war unfreundlich!!! Trotzdem: gerne wieder.",
        "Nicht schlecht :) Aber die Hotline? Eine Katastrophe.",
    ] {
        let a = analyzer.analyze(text);
        let sum: f64 = a.hits().iter().map(|h| h.contribution()).sum();
        let want = sum / (sum * sum + alpha).sqrt();
        assert!((a.compound() - want).abs() < 1e-9, "{text}: {} vs {want}", a.compound());
    }
}

#[test]
fn batch_keeps_input_order() {
    let texts: Vec<String> = (0..500)
        .map(|i| if i % 3 == 0 { format!("{i}: toll") } else { format!("{i}: furchtbar") })
        .collect();
    let analyzer = Analyzer::new();
    let batch = analyzer.analyze_batch(&texts);
    assert_eq!(batch.len(), texts.len());
    for (t, a) in texts.iter().zip(&batch) {
        assert_eq!(a, &analyzer.analyze(t), "{t}");
    }
}

#[test]
fn user_lexicon_overrides_default() {
    let text = "Die Bahn kam.";
    assert!(Analyzer::new().analyze(text).is_neutral());
    let lex = Lexicon::from_tsv("bahn.tsv", "# test\nbahn\t-2.5\n").unwrap();
    let analyzer = Analyzer::builder().lexicon(lex).build().unwrap();
    assert!(analyzer.analyze(text).is_negative());
    // The user layer comes first, the default last.
    assert_eq!(analyzer.lexicons().len(), 2);
    assert_eq!(analyzer.lexicons()[1].name(), "default");
}

#[test]
fn user_lexicon_phrases_and_kinds() {
    let lex =
        Lexicon::from_tsv("u.tsv", "voll daneben\t-2.5\nsuperduper\t0.5\tbooster\nmies\t2.0\n")
            .unwrap();
    let analyzer = Analyzer::builder().lexicon(lex).build().unwrap();
    let a = analyzer.analyze("Das war voll daneben.");
    assert!(a.is_negative());
    assert_eq!(a.hits()[0].term(), "voll daneben");
    // A user entry reverses the default.
    assert!(analyzer.analyze("mies").is_positive());
}

#[test]
fn phrases_are_read_word_by_word_across_layers() {
    let lex =
        Lexicon::from_tsv("u.tsv", "nie wieder so gut\t2.0\nhat sich gelohnt\t1.5\n").unwrap();
    let analyzer = Analyzer::builder().lexicon(lex).build().unwrap();
    // The user layer's four-word phrase is longer than the default's
    // `nie wieder`, which it begins.
    let a = analyzer.analyze("Nie wieder so gut gegessen");
    assert_eq!(a.hits()[0].term(), "Nie wieder so gut");
    assert_eq!(a.hits()[0].valence(), 2.0);
    // Where the user's phrase does not go on, the default's counts.
    let a = analyzer.analyze("Nie wieder so einen Laden");
    assert_eq!(a.hits()[0].term(), "Nie wieder");
    assert!(a.hits()[0].valence() < 0.0);
    // A phrase of the user layer alone; its first words are no phrase.
    let a = analyzer.analyze("Es hat sich gelohnt");
    assert_eq!(a.hits()[0].term(), "hat sich gelohnt");
    assert!(analyzer.analyze("Es hat sich gelegt").hits().is_empty());
}

#[test]
fn without_default_lexicon_only_user_layers_count() {
    let analyzer = Analyzer::builder().default_lexicon(false).build().unwrap();
    assert!(analyzer.analyze("Das ist toll und super!").is_neutral());
    assert!(analyzer.analyze("Das ist toll und super!").hits().is_empty());
}

#[test]
fn lexicon_file_errors_name_file_and_line() {
    let path = temp_file("bad.tsv", b"gut\t1.0\n# comment\nschlecht\tnope\n");
    let err = Analyzer::builder().lexicon_path(&*path).build().unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("bad.tsv:3:") && msg.contains("not a number"), "{msg}");
    assert_eq!(err.line(), Some(3));

    let missing = std::env::temp_dir().join("stimmung-no-such-file.tsv");
    let err = Analyzer::builder().lexicon_path(&missing).build().unwrap_err();
    assert!(err.to_string().contains("stimmung-no-such-file.tsv"), "{err}");

    let path = temp_file("latin1.tsv", b"gut\t1\nsch\xf6n\t2\n");
    let err = Lexicon::from_tsv_path(&path).unwrap_err();
    assert!(err.to_string().contains("latin1.tsv:2: invalid UTF-8"), "{err}");
}

#[test]
fn sentiws_format_loads() {
    let path = temp_file(
        "SentiWS_test.txt",
        "\u{feff}Kundenfreundlichkeit|NN\t0.8\tKundenfreundlichkeiten\nKrampf|NN\t-0.6\tKrämpfe,Krampfes\n"
            .as_bytes(),
    );
    let lex = Lexicon::from_sentiws_path(&path, 4.0).unwrap();
    assert_eq!(lex.len(), 5);
    let analyzer = Analyzer::builder().lexicon(lex).default_lexicon(false).build().unwrap();
    assert!(analyzer.analyze("Was für ein Krampf").is_negative());
    assert!(analyzer.analyze("Kundenfreundlichkeiten").is_positive());

    let bad = temp_file("SentiWS_bad.txt", b"Krampf\t-0.6\t\n");
    let err = Lexicon::from_sentiws_path(&bad, 4.0).unwrap_err();
    assert!(err.to_string().contains("SentiWS_bad.txt:1"), "{err}");
}

#[test]
fn real_sentiws_loads_when_present() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/lexicons/sentiws-2.0");
    if !dir.exists() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let analyzer = Analyzer::builder()
        .sentiws_path(dir.join("SentiWS_v2.0_Positive.txt"), 4.0)
        .sentiws_path(dir.join("SentiWS_v2.0_Negative.txt"), 4.0)
        .default_lexicon(false)
        .build()
        .unwrap();
    assert!(analyzer.lexicons()[0].len() > 10_000);
    assert!(analyzer.analyze("Das war eine Katastrophe").is_negative());
}

#[test]
fn thresholds_and_weights_are_validated() {
    assert!(Analyzer::builder().positive_threshold(-0.5).build().is_err());
    assert!(Analyzer::builder().negative_threshold(1.5).build().is_err());
    let bad = Weights { alpha: 0.0, ..Weights::default() };
    assert!(Analyzer::builder().weights(bad).build().is_err());
}

#[test]
fn weights_change_scores() {
    let text = "Das ist nicht gut.";
    let strong = Analyzer::builder()
        .weights(Weights { negation: -1.5, ..Weights::default() })
        .build()
        .unwrap();
    assert!(strong.analyze(text).compound() < Analyzer::new().analyze(text).compound());
}

#[test]
fn config_file_drives_the_builder() {
    let path = temp_file("c.toml", b"[thresholds]\npositive = 0.9\nnegative = -0.9\n");
    let config = Config::from_path(&path).unwrap();
    let analyzer = Analyzer::builder().config(&config).build().unwrap();
    assert!(analyzer.analyze("Das ist gut.").is_neutral());
    let bad = temp_file("bad.toml", b"[weights]\nnegation = \"viel\"\n");
    let err = Config::from_path(&bad).unwrap_err();
    assert!(err.to_string().contains("bad.toml:2"), "{err}");
}

#[test]
fn analysis_serializes_with_spans_and_rules() {
    let a = Analyzer::new().analyze("Das gefällt mir nicht.");
    let v = serde_json::to_value(&a).unwrap();
    for key in
        ["label", "compound", "positive", "negative", "neutral", "sentences", "hits", "flags"]
    {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
    assert_eq!(v["label"], "negative");
    let hit = &v["hits"][0];
    assert_eq!(hit["term"], "gefällt");
    assert_eq!((hit["start"].as_u64(), hit["end"].as_u64()), (Some(4), Some(12)));
    assert!(hit["rules"].as_array().unwrap().iter().any(|r| r == "negated_after"));
}

#[test]
fn empty_and_blank_texts_are_neutral() {
    for text in ["", " ", "\n\n", "…", "1234"] {
        let a = Analyzer::new().analyze(text);
        assert!(a.is_neutral(), "{text:?}");
        assert_eq!(a.compound(), 0.0);
    }
}

/// Every clause word ends negation scope, `allerdings` too (its ten
/// letters once put it past a length check): the `nicht` after it is no
/// negation of `schön` before it.
#[test]
fn clause_words_bound_negation() {
    for text in [
        "Die Charaktere werden alle schön eingeführt allerdings nicht wirklich tief ausgeleuchtet.",
        "Die Charaktere werden alle schön eingeführt, aber nicht wirklich tief ausgeleuchtet.",
    ] {
        let a = Analyzer::new().analyze(text);
        let hit = a.hits().iter().find(|h| h.term() == "schön").expect("schön is a hit");
        assert!(hit.contribution() > 0.0, "{text}: {hit:?}");
        assert!(!hit.rules().contains(&stimmung::Rule::NegatedAfter), "{text}: {hit:?}");
    }
}

/// A negating pronoun as the subject negates its predicate beyond the
/// usual window (`Niemand … konnte mir helfen`); another negator does not.
#[test]
fn a_negating_pronoun_reaches_its_predicate() {
    let analyzer = Analyzer::new();
    for (text, term) in [
        ("Niemand bei der Hotline konnte mir helfen.", "helfen"),
        ("Keiner von den Mitarbeitern war heute freundlich.", "freundlich"),
    ] {
        let a = analyzer.analyze(text);
        let hit = a.hits().iter().find(|h| h.term() == term).expect("a hit");
        assert!(hit.contribution() < 0.0, "{text}: {hit:?}");
        assert!(a.is_negative(), "{text}");
    }
    // `nicht` five words before `gut` is out of its reach.
    let a = analyzer.analyze("Ich war nicht mit allen Leuten aus meiner Klasse gut befreundet.");
    let hit = a.hits().iter().find(|h| h.term() == "gut").expect("gut is a hit");
    assert!(!hit.rules().contains(&stimmung::Rule::Negated), "{hit:?}");
}

/// A denial (`sieht anders aus`, `keine Spur`) negates the praise just
/// before it in its clause, and nothing else: not a bad word (`Von Horror
/// keine Spur` is no praise of the film), not praise beyond a clause
/// boundary. A denial that denied something adds no hit of its own.
#[test]
fn denials_negate_only_praise_in_their_clause() {
    let analyzer = Analyzer::new();
    let a = analyzer.analyze("Guter Service sieht anders aus.");
    let hit = a.hits().iter().find(|h| h.term() == "Guter").expect("Guter is a hit");
    assert!(hit.contribution() < 0.0, "{hit:?}");
    assert!(hit.rules().contains(&stimmung::Rule::Denied), "{hit:?}");
    assert_eq!(a.hits().len(), 1, "the idiom itself is no second hit: {:?}", a.hits());

    let a = analyzer.analyze("Von Horror keine Spur.");
    let hit = a.hits().iter().find(|h| h.term() == "Horror").expect("Horror is a hit");
    assert!(hit.contribution() < 0.0, "{hit:?}");
    assert!(!hit.rules().contains(&stimmung::Rule::Denied), "{hit:?}");

    let a = analyzer.analyze("Das Essen war gut, die Realität sieht anders aus.");
    let gut = a.hits().iter().find(|h| h.term() == "gut").expect("gut is a hit");
    assert!(gut.contribution() > 0.0, "{gut:?}");
    assert!(a.hits().iter().any(|h| h.term() == "sieht anders aus" && h.contribution() < 0.0));
}

/// `denial` is a kind users can give their own idioms.
#[test]
fn user_lexicon_denials() {
    let lex = Lexicon::from_tsv("u.tsv", "war einmal\t-0.5\tdenial\n").unwrap();
    let analyzer = Analyzer::builder().lexicon(lex).build().unwrap();
    let a = analyzer.analyze("Pünktlichkeit war einmal.");
    assert!(a.is_negative(), "{:?}", a.hits());
    assert!(a.hits()[0].rules().contains(&stimmung::Rule::Denied));
    let err = Lexicon::from_tsv("u.tsv", "war einmal\t-0.5\tdenail\n").unwrap_err();
    assert!(err.to_string().contains("denial"), "{err}");
}
