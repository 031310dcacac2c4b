//! Linear cost on pathological text, checked by operation counts: the
//! `stimmung` binary runs under `valgrind --tool=callgrind`, which counts
//! executed instructions — the same count for the same binary and input,
//! however busy the machine (wall-clock limits would be noise here). For
//! each flood the marginal cost per byte (instructions at 2·N bytes minus
//! at N bytes, so start-up cancels out) must stay within 2× that of
//! ordinary German comments. Skips with a message without valgrind.

use std::path::Path;
use std::process::Command;

/// Bytes of the smaller input; the larger has twice as many.
const BASE: usize = 60_000;
/// Allowed marginal cost per byte, relative to ordinary text.
const MAX_RATIO: f64 = 2.0;

fn have_valgrind() -> bool {
    Command::new("valgrind").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// Instructions `stimmung score` executes on `jsonl`; a name starting with
/// `first_hand` scores with `--first-hand`.
fn instructions(dir: &Path, name: &str, jsonl: &str) -> u64 {
    let input = dir.join(format!("{name}.jsonl"));
    std::fs::write(&input, jsonl).unwrap();
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(env!("CARGO_BIN_EXE_stimmung"))
        .args(["--threads", "1", "score"])
        .args(name.starts_with("first_hand").then_some("--first-hand"))
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let refs = stderr
        .lines()
        .find_map(|l| l.split_once("Collected :").map(|(_, n)| n.trim().to_string()))
        .unwrap_or_else(|| panic!("{name}: no instruction count in {stderr}"));
    refs.replace(',', "").parse().unwrap()
}

/// One JSONL record per text.
fn records(texts: &[String]) -> String {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({"id": i, "text": t}).to_string() + "\n")
        .collect()
}

/// `unit` repeated to `bytes` as one record (a long record is the worst
/// case for anything quadratic within a document).
fn flood(unit: &str, bytes: usize) -> String {
    records(&[unit.repeat(bytes / unit.len() + 1)])
}

/// Distinct capitalized compounds of `bytes` bytes in all, one record:
/// `Aabhotels Aachotelservicen …`, each first part new, so the word memo
/// never knows one.
fn distinct_compounds(bytes: usize) -> String {
    let heads = ["hotels", "hotline", "bahnhofes", "servicen", "frühstücke"];
    let mut text = String::new();
    let mut n = 0usize;
    while text.len() < bytes {
        let (a, b, c) = (n % 26, n / 26 % 26, n / 676 % 26);
        let letter = |i: usize| char::from(b'a' + i as u8);
        text.push('W');
        text.extend([letter(c), letter(b), letter(a)]);
        text.push_str(heads[n % heads.len()]);
        text.push(' ');
        n += 1;
    }
    text
}

/// Ordinary German comments: the PotTS sample tweets, to `bytes`.
fn ordinary(bytes: usize) -> String {
    let tsv = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/potts_sample.tsv"),
    )
    .unwrap();
    let mut texts = Vec::new();
    let mut size = 0;
    for line in tsv.lines().skip(1).cycle() {
        let Some(text) = line.splitn(3, '\t').nth(2) else { continue };
        size += text.len();
        texts.push(text.to_string());
        if size >= bytes {
            break;
        }
    }
    records(&texts)
}

#[test]
fn pathological_text_costs_at_most_twice_ordinary_text_per_byte() {
    if !have_valgrind() {
        eprintln!("skipped: valgrind is not installed (the cost test counts instructions with it)");
        return;
    }
    let scratch = tempfile::Builder::new().prefix("stimmung-cost-").tempdir().unwrap();
    let dir = scratch.path();
    let marginal = |name: &str, make: &dyn Fn(usize) -> String| {
        let (small, large) = (make(BASE), make(2 * BASE));
        let a = instructions(dir, &format!("{name}-1"), &small);
        let b = instructions(dir, &format!("{name}-2"), &large);
        (b.saturating_sub(a)) as f64 / (large.len() - small.len()) as f64
    };
    let base = marginal("ordinary", &ordinary);
    let floods: &[(&str, &dyn Fn(usize) -> String)] = &[
        ("negators", &|n| flood("nicht kein nie niemals nichts weder noch ohne ", n)),
        ("intensifiers", &|n| flood("sehr total echt mega absolut überhaupt ", n)),
        ("emoji", &|n| flood("😀👍🏽😡🎉 ", n)),
        ("marks", &|n| flood("!?", n)),
        ("emoticons", &|n| flood(":-) :( ;) xD <3 ", n)),
        ("boilerplate", &|n| flood("Vielen Dank für Ihr Verständnis. ", n)),
        // Formulas and calls that look for their context nearby, in one
        // endless sentence: each must not scan all the context before it
        // (a call to buy read its whole sentence for an `ich`: quadratic).
        ("formulas_in_context", &|n| flood("kein Kommentar sagt unser Sprecher, ", n)),
        ("calls_in_context", &|n| flood("nur noch 3 Tage, dann gibt es 10 € Rabatt, ", n)),
        ("one_word", &|n| flood("a", n)),
        ("no_spaces", &|n| flood("gutschlechtnichtsehr,", n)),
        ("polar_words", &|n| flood("gut schlecht toll mies super ", n)),
        // Tone-marker cues in one endless sentence: each cue must not
        // rescan the sentence (this was quadratic until the detector kept
        // its per-sentence facts).
        ("experience_cues", &|n| flood("Das Paket ist nicht angekommen und ", n)),
        ("weak_cues", &|n| flood("ich warte gespannt ", n)),
        // Cues in a positive endless sentence, each in a clause of its own:
        // each reads its own clause's polarity, not the whole sentence.
        ("cues_among_praise", &|n| flood("super Hotline, mein Paket ist nicht angekommen, ", n)),
        ("sarcasm", &|n| flood("@a Danke, ", n)),
        // Negative sentences to a company's account with no context word:
        // the cue-less complaint rule reads every one of them.
        ("complaints", &|n| flood("@DB_Bahn schrecklich, furchtbar! ", n)),
        ("sarcasm_sentences", &|n| flood("Danke! Schrecklich! ", n)),
        ("never_such", &|n| flood("so noch nie lange nicht ", n)),
        // First-hand texts: subject words are matched in every sentence,
        // and every negative sentence about one may be a complaint.
        ("first_hand_complaints", &|n| flood("Das Zimmer war dreckig, laut und muffig. ", n)),
        ("first_hand_subjects", &|n| flood("Zimmer schrecklich Bedienung furchtbar ", n)),
        ("first_hand_ordinary", &ordinary),
        // Stories in the first person: subjects are matched as in a
        // first-hand text, and every negative sentence in which the writer
        // speaks looks for one near it.
        ("stories", &|n| flood("Ich war furchtbar enttäuscht und wütend. ", n)),
        ("story_subjects", &|n| {
            flood("Im Hotel. Gut. Gut. Gut. Ich bin furchtbar traurig. Gut. Gut. ", n)
        }),
        // Compounds, each new, ending in a subject word that names them
        // (`-hotel`) or in an ending after one: every word is split, its
        // last part stemmed, and names a subject.
        ("compounds", &|n| records(&[distinct_compounds(n)])),
    ];
    let mut report = vec![format!("ordinary: {base:.0} instructions/byte")];
    let mut worst = Vec::new();
    for (name, make) in floods {
        let ratio = marginal(name, make) / base;
        report.push(format!("{name}: {ratio:.2}×"));
        if ratio > MAX_RATIO {
            worst.push(format!("{name} {ratio:.2}×"));
        }
    }
    eprintln!("marginal cost per byte relative to ordinary text: {}", report.join(", "));
    assert!(worst.is_empty(), "costlier than {MAX_RATIO}× ordinary text: {}", worst.join(", "));
}
