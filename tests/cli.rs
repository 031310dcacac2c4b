//! The `stimmung` binary end to end.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::api::temp_file;

fn stimmung(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stimmung"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the stimmung binary runs");
    // The program may exit before reading its input (usage errors): a
    // broken pipe here is its business, not the test's.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

#[test]
fn score_jsonl_keeps_order_and_count() {
    let input: String = (0..3000)
        .map(|i| {
            let text = if i % 2 == 0 { "Super, danke!" } else { "Nie wieder, eine Frechheit." };
            format!("{{\"id\": \"c{i}\", \"text\": \"{text}\"}}\n")
        })
        .collect();
    let out = stimmung(&["--threads", "2", "score", "-"], input.as_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = lines(&out);
    assert_eq!(recs.len(), 3000);
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(r["id"], format!("c{i}"));
        assert_eq!(r["label"], if i % 2 == 0 { "positive" } else { "negative" });
        for key in ["compound", "positive", "negative", "neutral", "sentences", "hits", "flags"] {
            assert!(r.get(key).is_some(), "record {i} lacks {key}");
        }
    }
}

#[test]
fn bad_records_become_error_records_in_place() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": 1, \"text\": \"gut\"}\n");
    input.extend_from_slice(b"{\"id\": 2, \"text\": \n");
    input.extend_from_slice(b"{\"id\": 3, \"body\": \"gut\"}\n");
    input.extend_from_slice(b"{\"id\": 4, \"text\": \"sch\xf6n\"}\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\": 5, \"text\": 42}\n");
    input.extend_from_slice(b"{\"id\": 6, \"text\": \"schlecht\"}");
    let out = stimmung(&["score", "-"], &input);
    assert_eq!(out.status.code(), Some(1), "exit 1 when some records had errors");
    let recs = lines(&out);
    assert_eq!(recs.len(), 6, "one output per record; the blank line is no record");
    assert_eq!(recs[0]["label"], "positive");
    assert!(recs[1]["error"].as_str().unwrap().contains("-:2: malformed JSON"), "{}", recs[1]);
    assert_eq!(recs[2]["id"], 3);
    assert!(recs[2]["error"].as_str().unwrap().contains("no field `text`"));
    assert!(recs[3]["error"].as_str().unwrap().contains("-:4: invalid UTF-8"));
    assert!(recs[4]["error"].as_str().unwrap().contains("not a string"));
    assert_eq!(recs[5]["label"], "negative");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 4, "one message per bad record: {stderr}");
}

#[test]
fn strict_stops_at_first_bad_record() {
    let out = stimmung(
        &["score", "--strict", "-"],
        b"{\"text\": \"gut\"}\nnot json\n{\"text\": \"gut\"}\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-:2"));
}

#[test]
fn small_chunks_on_two_threads_write_what_one_thread_writes() {
    // With two threads, a chunk is analyzed while the one before it is
    // checked for repeats and written: small chunks make many such
    // hand-overs, and repeats span them.
    let texts = [
        "Super Angebote auf meiner Seite, schaut vorbei!",
        "Seit drei Wochen warte ich auf eine Antwort. Nie wieder!",
        "Vielen Dank für Ihr Verständnis.",
        "Das Essen war wirklich gut, danke.",
    ];
    let mut input = String::new();
    for i in 0..60 {
        let text = if i % 7 == 0 { texts[i % 4] } else { "" };
        let text =
            if text.is_empty() { format!("Kommentar Nummer {i}, ganz gut.") } else { text.into() };
        input.push_str(&format!("{{\"id\": {i}, \"text\": \"{text}\"}}\n"));
    }
    let one = stimmung(&["--threads", "1", "score", "--chunk", "5", "-"], input.as_bytes());
    let two = stimmung(&["--threads", "2", "score", "--chunk", "5", "-"], input.as_bytes());
    assert!(two.status.success(), "{}", String::from_utf8_lossy(&two.stderr));
    assert_eq!(String::from_utf8_lossy(&one.stdout), String::from_utf8_lossy(&two.stdout));
    let recs = lines(&two);
    assert_eq!(recs.len(), 60);
    let repeated = recs
        .iter()
        .filter(|r| r["flags"].as_array().unwrap().iter().any(|f| f["category"] == "repeated"))
        .count();
    assert!(repeated >= 4, "repeats across chunks are found: {repeated}");

    // --strict: everything before the bad record is written, from earlier
    // chunks too, and nothing after it.
    let bad = input.replacen("{\"id\": 23,", "{\"id\": 23 ", 1);
    let out =
        stimmung(&["--threads", "2", "score", "--strict", "--chunk", "5", "-"], bad.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let recs = lines(&out);
    assert_eq!(recs.len(), 23);
    assert!(recs.iter().enumerate().all(|(i, r)| r["id"] == i));
}

#[test]
fn empty_input_and_txt_format() {
    let out = stimmung(&["score", "-"], b"");
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let path = temp_file("comments.txt", "Toller Laden\n\nNie wieder!\r\n".as_bytes());
    let out = stimmung(&["score", path.to_str().unwrap()], b"");
    let recs = lines(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(
        (recs[0]["id"].as_u64(), recs[1]["id"].as_u64()),
        (Some(1), Some(3)),
        "ids are line numbers"
    );
    assert_eq!(recs[1]["label"], "negative");
}

#[test]
fn nested_id_and_text_fields() {
    let input = b"{\"comment\": {\"body\": \"Mega gut\", \"meta\": {\"id\": \"x7\"}}}\n";
    let out = stimmung(
        &["score", "--text-field", "comment.body", "--id-field", "comment.meta.id", "-"],
        input,
    );
    let recs = lines(&out);
    assert_eq!(recs[0]["id"], "x7");
    assert_eq!(recs[0]["label"], "positive");
}

#[test]
fn eval_figures_match_an_independent_count() {
    let gold = "id\tlabel\ttext\n1\tpositive\tDas ist toll\n2\tnegative\tDas ist furchtbar\n\
                3\tneutral\tDer Zug fährt um neun\n4\tpositive\tDas ist nicht gut\n5\tmixed\tgut und schlecht\n";
    let path = temp_file("gold.tsv", gold.as_bytes());
    let out = stimmung(&["eval", "--json", path.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let set = &v["sets"][0];
    assert_eq!(set["name"], "gold");
    assert_eq!(set["n"], 4);
    assert_eq!(set["skipped"], 1);
    // Predictions: positive, negative, neutral, negative (the 4th is wrong).
    assert_eq!(set["accuracy"], 0.75);
    // positive: P 1/1, R 1/2 -> F1 2/3; negative: P 1/2 R 1 -> 2/3; neutral: 1.
    let want = (2.0 / 3.0 + 2.0 / 3.0 + 1.0) / 3.0;
    assert!((set["macro_f1"].as_f64().unwrap() - want).abs() < 1e-9, "{set}");
    assert_eq!(set["confusion"][0], serde_json::json!([1, 1, 0]));
}

#[test]
fn usage_errors_exit_2() {
    let out = stimmung(&["score", "/no/such/file.jsonl"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.jsonl"));
    let out = stimmung(&["score", "--lexicon", "/no/such/lexicon.tsv", "-"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn repeated_texts_and_author_urls_mark_spam() {
    let input = concat!(
        "{\"id\": \"a\", \"text\": \"Toller Beitrag, weiter so!\", \"author_url\": \"http://shop.example\"}\n",
        "{\"id\": \"b-ü\", \"text\": \"Super Angebote auf meiner Seite, schaut vorbei!\"}\n",
        "{\"id\": \"c\", \"text\": \"Danke!\"}\n",
        "{\"id\": \"d\", \"text\": \"super angebote auf meiner  Seite, schaut vorbei!\"}\n",
        "{\"id\": \"e\", \"text\": \"Danke!\"}\n",
    );
    for threads in ["1", "2"] {
        let out = stimmung(&["--threads", threads, "score", "-"], input.as_bytes());
        let recs = lines(&out);
        let cats = |i: usize| -> Vec<String> {
            recs[i]["flags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    format!("{}/{}", f["kind"].as_str().unwrap(), f["category"].as_str().unwrap())
                })
                .collect()
        };
        assert_eq!(cats(0), ["spam/link_drop"], "author URL + generic praise");
        assert!(cats(1).is_empty());
        assert_eq!(cats(3), ["spam/repeated"]);
        assert_eq!(recs[3]["flags"][0]["pattern"], "repeated/b-ü");
        assert!(cats(4).is_empty(), "short texts are never repeats");
    }
    // Repeats are spam: without the spam markers, no text is remembered.
    let out = stimmung(&["score", "--markers", "boilerplate", "-"], input.as_bytes());
    assert!(lines(&out).iter().all(|r| r["flags"].as_array().unwrap().is_empty()));
}

#[test]
fn repeat_window_bounds_what_is_remembered() {
    let text = |n: usize| format!("Das ist ein ganz gewöhnlicher Kommentar Nummer {n}.");
    // Texts 0, 1, 2, then 0 again: a window of 2 keeps the last one or two
    // texts, so 0 is forgotten by then; the default window keeps it.
    let input: String = [0, 1, 2, 0]
        .iter()
        .enumerate()
        .map(|(id, &n)| format!("{{\"id\": {id}, \"text\": \"{}\"}}\n", text(n)))
        .collect();
    let repeated = |args: &[&str]| -> Vec<bool> {
        let out = stimmung(&[&["score"], args, &["-"]].concat(), input.as_bytes());
        lines(&out)
            .iter()
            .map(|r| r["flags"].as_array().unwrap().iter().any(|f| f["category"] == "repeated"))
            .collect()
    };
    assert_eq!(repeated(&[]), [false, false, false, true]);
    assert_eq!(repeated(&["--repeat-window", "2"]), [false, false, false, false]);
    assert_eq!(repeated(&["--repeat-window", "4"]), [false, false, false, true]);
    let help = stimmung(&["score", "--help"], b"");
    assert!(String::from_utf8_lossy(&help.stdout).contains("[default: 200000]"));
}

#[test]
fn markers_option_chooses_kinds() {
    let input = b"{\"text\": \"Vielen Dank f\xc3\xbcr Ihr Verst\xc3\xa4ndnis. Jetzt kaufen, nur heute!\"}\n";
    let all = lines(&stimmung(&["score", "-"], input));
    assert_eq!(all[0]["flags"].as_array().unwrap().len(), 3);
    let some = lines(&stimmung(&["score", "--markers", "hard_sell", "-"], input));
    assert!(some[0]["flags"].as_array().unwrap().iter().all(|f| f["kind"] == "hard_sell"));
    let none = lines(&stimmung(&["score", "--markers", "none", "-"], input));
    assert!(none[0]["flags"].as_array().unwrap().is_empty());
    let bad = stimmung(&["score", "--markers", "gossip", "-"], input);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn first_hand_option_reads_reviews_as_their_writers_accounts() {
    let input = "{\"text\": \"Die Heizung im Zimmer war kaputt.\"}\n{\"text\": \"Das Hotel war sauber und ruhig.\"}\n";
    let kinds = |recs: &[serde_json::Value], i: usize| -> Vec<String> {
        recs[i]["flags"].as_array().unwrap().iter().map(|f| f["kind"].to_string()).collect()
    };
    let default = lines(&stimmung(&["score", "-"], input.as_bytes()));
    assert!(kinds(&default, 0).is_empty(), "{:?}", kinds(&default, 0));
    let reviews = lines(&stimmung(&["score", "--first-hand", "-"], input.as_bytes()));
    assert_eq!(kinds(&reviews, 0), ["\"negative_experience\""]);
    assert!(kinds(&reviews, 1).is_empty(), "{:?}", kinds(&reviews, 1));
}

/// Runs the binary with `args`, reads one chunk of its output and closes
/// the pipe, as `| head` does; asserts a quiet exit 0.
fn assert_quiet_when_stdout_closes(args: &[&str]) {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_stimmung"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    assert!(out.stderr.is_empty(), "{args:?}: {stderr}");
}

#[test]
fn closed_stdout_ends_quietly() {
    let input: String =
        (0..20_000).map(|i| format!("{{\"id\": {i}, \"text\": \"Super, danke!\"}}\n")).collect();
    let path = temp_file("many.jsonl", input.as_bytes());
    for format in ["jsonl", "csv"] {
        assert_quiet_when_stdout_closes(&[
            "score",
            "--output-format",
            format,
            path.to_str().unwrap(),
        ]);
    }
    // So do the reports of `eval` (it panicked: `println!` on a closed
    // pipe) — here a long list of errors, for both kinds of gold.
    let labels: String = std::iter::once("id\tlabel\ttext\n".to_string())
        .chain((0..3_000).map(|i| format!("{i}\tnegative\tSuper, danke!\n")))
        .collect();
    let markers: String = std::iter::once("id\tkinds\ttext\n".to_string())
        .chain((0..3_000).map(|i| format!("{i}\tspam\tSuper, danke!\n")))
        .collect();
    for (name, gold) in [("labels.tsv", labels), ("markers.tsv", markers)] {
        let path = temp_file(name, gold.as_bytes());
        assert_quiet_when_stdout_closes(&["eval", "--errors", "3000", path.to_str().unwrap()]);
    }
}

#[test]
fn lexicon_commands() {
    let tsv = temp_file(
        "firma.tsv",
        "# test\nProduktrückruf\t-2.5\nnie wieder\t-3\nsuper\t1.0\n".as_bytes(),
    );
    let out_path = tsv.with_extension("stmlex");
    let out = stimmung(
        &["lexicon", "compile", tsv.to_str().unwrap(), "--out", out_path.to_str().unwrap()],
        b"",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The compiled file is a lexicon layer like the TSV.
    let out = stimmung(
        &["--threads", "1", "score", "--lexicon", out_path.to_str().unwrap(), "-"],
        b"{\"text\": \"Produktr\xc3\xbcckruf\"}\n",
    );
    assert_eq!(lines(&out)[0]["label"], "negative");
    let out = stimmung(
        &["lexicon", "lookup", "Servicewüste", "schöne", "Quatschwort", "nie wieder"],
        b"",
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Servicewüste\tvalence\t-2.000\tvia compound_part"), "{text}");
    assert!(text.contains("Quatschwort\t-"), "{text}");
    assert!(text.contains("nie wieder\tvalence"), "{text}");
    let out = stimmung(&["lexicon", "diff", "default", tsv.to_str().unwrap()], b"");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("+ produktrueckruf\t-2.500"), "{text}");
    assert!(text.contains("~ super\t+2.600 -> +1.000"), "{text}");
    let out = stimmung(&["lexicon", "stats"], b"");
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("default: "));
    let bad = temp_file("bad.tsv", b"gut\t1\nschlecht\n");
    let out = stimmung(&["lexicon", "compile", bad.to_str().unwrap(), "--out", "/dev/null"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.tsv:2"));
}

#[test]
fn eval_compare_variants() {
    let gold = temp_file(
        "g.tsv",
        "id\tlabel\ttext\n1\tnegative\tDie Bahn kam\n2\tpositive\tToll\n".as_bytes(),
    );
    let lex = temp_file("bahn.tsv", b"bahn\t-2.5\n");
    let variants = format!("default,{}", lex.display());
    let out = stimmung(&["eval", "--json", "--compare", &variants, gold.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = |i: usize| v["variants"][i]["macro_f1"]["g"].as_f64().unwrap();
    assert!(f(1) > f(0), "the lexicon variant fixes the first text: {v}");
}

#[test]
fn eval_scores_tone_markers_per_kind_and_compares_pattern_files() {
    // Marker gold names `kinds` instead of `label`; figures per text.
    let gold = temp_file(
        "m.tsv",
        "id\tkinds\ttext\n\
         1\tboilerplate\tVielen Dank für Ihr Verständnis.\n\
         2\tboilerplate\tIch nehme gerne Stellung zu Ihrer Frage.\n\
         3\tnegative_experience\tIch fahre jetzt Fernbus. Danke, Bahn.\n\
         4\t-\tDer Zug fährt um acht.\n"
            .as_bytes(),
    );
    let path = gold.to_str().unwrap();
    let out = stimmung(&["eval", "--json", path], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kind = |v: &serde_json::Value, k: &str| {
        v["marker_sets"][0]["kinds"].as_array().unwrap().iter().find(|x| x["kind"] == k).cloned()
    };
    let b = kind(&v, "boilerplate").unwrap();
    assert_eq!(
        (b["gold"].as_u64(), b["flagged"].as_u64(), b["found"].as_u64()),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(kind(&v, "negative_experience").unwrap()["recall"].as_f64(), Some(0.0));
    // `--errors` names the missed texts and the false flags' patterns.
    let out = stimmung(&["eval", "--errors", "5", path], b"");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("negative_experience missed: 1") && text.contains("[3]"), "{text}");
    // A pattern file as a variant: the user's cue finds the switch.
    let patterns = temp_file(
        "mine.txt",
        b"[negative_experience/never_again]\n!wechsel = fahre jetzt fernbus\n",
    );
    let variants = format!("default,{}", patterns.display());
    let out = stimmung(&["eval", "--json", "--compare", &variants, path], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = |i: usize| v["variants"][i]["macro_f1"]["m:negative_experience"].as_f64().unwrap();
    assert_eq!((f(0), f(1)), (0.0, 1.0), "{v}");
    // An unknown kind is an error naming the file and line.
    let bad = temp_file("bad.tsv", "id\tkinds\ttext\n1\tgossip\tHallo\n".as_bytes());
    let out = stimmung(&["eval", bad.to_str().unwrap()], b"");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("bad.tsv:2"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn tune_writes_a_loadable_config_deterministically() {
    let gold = "id\tlabel\ttext\n1\tpositive\tDas ist gut\n2\tnegative\tDas ist nicht gut\n\
                3\tneutral\tDer Zug fährt\n4\tpositive\tSuper, danke :)\n5\tnegative\tNie wieder, furchtbar\n\
                6\tneutral\tMorgen ist Montag\n7\tpositive\tsehr schön\n8\tnegative\tkaputt und zu spät\n";
    let train = temp_file("train.tsv", gold.as_bytes());
    let dev = temp_file("dev.tsv", gold.as_bytes());
    let run_once = |out: &std::path::Path| {
        let o = stimmung(
            &[
                "tune",
                "--train",
                train.to_str().unwrap(),
                "--dev",
                dev.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--rounds",
                "1",
                "--seed",
                "3",
                "--force",
            ],
            b"",
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read_to_string(out).unwrap()
    };
    let a = run_once(&train.with_extension("a.toml"));
    let b = run_once(&train.with_extension("b.toml"));
    assert_eq!(a, b, "same seed, same config");
    stimmung::Config::from_toml("tuned", &a).expect("tune writes a valid config");
    let o = stimmung(
        &["tune", "--train", "x", "--dev", "y", "--out", "z", "--freeze", "nonsense"],
        b"",
    );
    assert_eq!(o.status.code(), Some(2));
}
