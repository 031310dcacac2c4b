//! `stimmung score` on every input format, on bad records, on several files
//! and on the real export files in ../shared/fixtures/exports.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

use crate::api::temp_file;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stimmung")).args(args).output().expect("stimmung runs")
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn ids(recs: &[Value]) -> Vec<String> {
    recs.iter()
        .map(|r| match &r["id"] {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        })
        .collect()
}

#[test]
fn csv_with_quotes_commas_and_newlines() {
    let out = run(&["score", "--keep", "post,author", &fixture("comments.csv")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out);
    assert_eq!(ids(&recs), ["1", "2", "3", "4"]);
    assert_eq!(recs[1]["label"], "negative", "the quoted \"Nie wieder!\" is read inside its field");
    assert_eq!(recs[2]["label"], "negative", "a field with a line break stays one record");
    assert_eq!(recs[0]["meta"]["post"], "Blog A");
    assert_eq!(recs[0]["meta"]["author"], "Anna");
}

#[test]
fn tsv_and_flat_outputs() {
    let out = run(&["score", "--output-format", "csv", "--keep", "post", &fixture("comments.tsv")]);
    let text = String::from_utf8(out.stdout).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header[..3], ["id", "label", "compound"]);
    assert_eq!(header.last().unwrap(), "post");
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[1][1], "negative");
    assert!(rows[1][6].contains("negative_experience/never_again"), "{:?}", &rows[1]);
    assert!(rows[1][7].contains("Frechheit"), "top terms: {:?}", &rows[1]);
    let tsv = run(&["score", "--output-format", "tsv", &fixture("comments.tsv")]);
    assert!(String::from_utf8(tsv.stdout).unwrap().starts_with("id\tlabel\tcompound"));
}

#[test]
fn wordpress_export() {
    let out = run(&["score", &fixture("comments.wxr")]);
    assert_eq!(out.status.code(), Some(1), "one comment has no text");
    let recs = records(&out);
    assert_eq!(ids(&recs), ["11", "12", "13", "15"], "the pingback is skipped");
    // HTML stripped, entities decoded; offsets point into the scored text.
    let text = recs[0]["text"].as_str().unwrap();
    assert_eq!(text, "Seit drei Wochen warte ich auf eine Antwort & niemand meldet sich!");
    for f in recs[0]["flags"].as_array().unwrap() {
        let (a, b) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[a..b], f["text"].as_str().unwrap());
    }
    assert_eq!(recs[0]["meta"]["post_title"], "Unser neuer Tarif");
    assert_eq!(recs[1]["meta"]["parent"], "11");
    assert_eq!(recs[1]["flags"][0]["kind"], "boilerplate");
    assert_eq!(recs[2]["meta"]["approved"], "spam", "spam is kept and marked");
    assert_eq!(recs[2]["flags"][0]["category"], "link_drop", "the author URL counts");
    assert!(recs[3]["error"].as_str().unwrap().ends_with("comments.wxr:45: comment has no text"));
    let all = records(&run(&["score", "--include-pingbacks", &fixture("comments.wxr")]));
    assert_eq!(all.len(), 5);
    assert_eq!(all[3]["meta"]["type"], "pingback");
}

#[test]
fn disqus_export() {
    let out = run(&["score", &fixture("comments.disqus.xml")]);
    let recs = records(&out);
    assert_eq!(ids(&recs), ["201", "203"], "the deleted post is skipped");
    assert_eq!(recs[0]["text"], "Schon wieder teurer und trotzdem ständig Verspätung.");
    assert_eq!(recs[0]["meta"]["thread_title"], "Bahn erhöht Preise");
    assert_eq!(recs[0]["meta"]["author"], "Lena");
    assert_eq!(recs[1]["meta"]["spam"], true);
    assert_eq!(recs[1]["meta"]["parent"], 201);
    assert_eq!(recs[1]["flags"][0]["kind"], "hard_sell");
    let all = records(&run(&["score", "--include-deleted", &fixture("comments.disqus.xml")]));
    assert_eq!(all.len(), 3);
    assert_eq!(all[1]["meta"]["deleted"], true);
}

#[test]
fn gzip_several_files_and_auto_detection() {
    let gz = fixture("seed_comments.jsonl.gz");
    let out = run(&["score", &gz, &fixture("comments.tsv"), &fixture("comments.disqus.xml")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out);
    assert_eq!(recs.len(), 14 + 2 + 2);
    assert_eq!(recs[0]["id"], "000-1");
    assert_eq!(recs[14]["id"], "1");
    assert_eq!(recs[16]["id"], 201);
    // Content sniffing when the name says nothing: XML from a .dat file.
    let xml = std::fs::read(fixture("comments.disqus.xml")).unwrap();
    let odd = temp_file("export.dat", &xml);
    assert_eq!(records(&run(&["score", odd.to_str().unwrap()])).len(), 2);
}

#[test]
fn the_bundled_sample_in_both_formats() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let a = records(&run(&["score", root.join("data/seed_comments.jsonl").to_str().unwrap()]));
    let b = records(&run(&["score", root.join("data/seed_comments.wxr").to_str().unwrap()]));
    assert_eq!(a.len(), 14);
    assert_eq!(b.len(), 14);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x["label"], y["label"]);
    }
}

#[test]
fn broken_rows_and_empty_files() {
    let bad = temp_file("bad.csv", b"id,text\n1,gut\n2,\"kaputt\n3,\xff\xfe\n");
    let out = run(&["score", bad.to_str().unwrap()]);
    let recs = records(&out);
    assert!(!recs.is_empty());
    assert_eq!(recs[0]["label"], "positive");
    let no_text = temp_file("nocol.csv", b"id,body\n1,gut\n");
    let out = run(&["score", no_text.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(records(&out)[0]["error"].as_str().unwrap().contains("no `text` column"));
    for (name, content) in
        [("e.jsonl", &b""[..]), ("e.csv", b"id,text\n"), ("e.wxr", b""), ("e.txt", b"\n\n")]
    {
        let p = temp_file(name, content);
        let out = run(&["score", p.to_str().unwrap()]);
        assert!(out.stdout.is_empty(), "{name}");
    }
}

#[test]
fn an_unclosed_quote_loses_no_rows() {
    let p = temp_file("unbal.csv", b"id,text\n1,\"gut\n2,schlecht\n3,toll\n");
    let out = run(&["score", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(ids(&recs), ["1", "2", "3"], "the swallowed rows are read again");
    assert!(recs[0]["error"].as_str().unwrap().contains("unbal.csv:2: unterminated quoted field"));
    assert_eq!(recs[1]["label"], "negative");
    assert_eq!(recs[2]["label"], "positive");
    // A stray inch mark in an unquoted last field is text, not an error.
    let inch = temp_file("inch.csv", b"id,text\n1,gut\n2,ein 5\" Display\n");
    let recs = records(&run(&["score", inch.to_str().unwrap()]));
    assert_eq!(recs.len(), 2);
    assert!(recs[1].get("error").is_none(), "{}", recs[1]);
}

#[test]
fn oversized_records_become_error_records() {
    let big = "gut ".repeat(600_000); // 2.4 MB
    let input = format!("{{\"id\": 1, \"text\": \"kurz und gut\"}}\n{{\"id\": 2, \"text\": \"{big}\"}}\n{{\"id\": 3, \"text\": \"toll\"}}\n");
    let p = temp_file("big.jsonl", input.as_bytes());
    let out = run(&["score", "--max-record-mb", "1", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(ids(&recs), ["1", "2", "3"]);
    assert!(recs[1]["error"]
        .as_str()
        .unwrap()
        .contains("big.jsonl:2: record of 2.4 MB exceeds --max-record-mb 1"));
    assert_eq!(recs[2]["label"], "positive");
    // Under the limit it is scored.
    let out = run(&["score", "--max-record-mb", "3", p.to_str().unwrap()]);
    assert!(out.status.success());
}

#[test]
fn truncated_gzip_keeps_what_was_read() {
    let gz = std::fs::read(fixture("seed_comments.jsonl.gz")).unwrap();
    let p = temp_file("trunc.jsonl.gz", &gz[..600]);
    let out = run(&["score", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert!(
        recs.first().is_some_and(|r| r.get("label").is_some()),
        "records before the damage are scored"
    );
    assert!(
        recs.last().unwrap()["error"].as_str().unwrap().contains("trunc.jsonl.gz"),
        "{:?}",
        recs.last()
    );
}

#[test]
fn malformed_and_hostile_xml() {
    let broken = temp_file("broken.wxr", b"<rss><channel><item><wp:comment><wp:comment_content>gut</wp:comment_content></wp:comment>\n</item>\n</rss-oops>");
    let out = run(&["score", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs[0]["label"], "positive", "records before the error are kept");
    assert!(recs.last().unwrap()["error"]
        .as_str()
        .unwrap()
        .contains("broken.wxr:3: malformed XML"));
    // Billion laughs: entities defined in a DTD are never expanded.
    let laughs = br#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<disqus><post dsq:id="1"><message>&lol2; gut</message></post></disqus>"#;
    let p = temp_file("laughs.xml", laughs);
    let out = run(&["score", "--input-format", "disqus", p.to_str().unwrap()]);
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["text"], "&lol2; gut");
}

#[test]
fn summary_text_and_json() {
    let scratch = tempfile::Builder::new().prefix("stimmung-summary-").tempdir().unwrap();
    let summary = scratch.path().join("summary.json");
    let out = run(&[
        "score",
        "--summary",
        "--summary-json",
        summary.to_str().unwrap(),
        &fixture("comments.wxr"),
        &fixture("comments.disqus.xml"),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("stimmung summary: 6 records, 1 with errors"), "{stderr}");
    assert!(stderr.contains("most negative threads"), "{stderr}");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(v["records"], 6);
    assert_eq!(v["errors"], 1);
    assert_eq!(v["labels"]["negative"][0], 2);
    let kinds: Vec<&str> =
        v["flags"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect();
    for k in ["boilerplate", "negative_experience", "hard_sell", "spam"] {
        assert!(kinds.contains(&k), "{kinds:?}");
    }
    let patterns: Vec<&str> = v["top_boilerplate_patterns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[0].as_str().unwrap())
        .collect();
    assert!(patterns.contains(&"service_formula/dank_verstaendnis"), "{patterns:?}");
    assert_eq!(v["most_negative_threads"][0]["thread"], "Bahn erhöht Preise");
}

#[test]
fn real_exports_when_present() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/exports");
    if !dir.exists() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let count = |args: &[&str]| records(&run(args)).len();
    let wp = dir.join("wordpress-theme-unit-test-data.wxr.xml");
    let wp = wp.to_str().unwrap();
    assert_eq!(count(&["score", wp]), 29, "33 comments less 4 pingbacks/trackbacks");
    assert_eq!(count(&["score", "--include-pingbacks", wp]), 33);
    let dq = dir.join("isso-disqus.xml");
    let dq = dq.to_str().unwrap();
    assert_eq!(count(&["score", dq]), 5, "6 posts less 1 deleted");
    assert_eq!(count(&["score", "--include-deleted", dq]), 6);
    let isso = dir.join("isso-wordpress.wxr.xml");
    assert_eq!(count(&["score", isso.to_str().unwrap()]), 8);
    let meta = dir.join("wordpress-serialized-comment-meta.wxr.xml");
    assert_eq!(count(&["score", meta.to_str().unwrap()]), 1);
}

#[test]
fn bom_crlf_nul_bytes_and_random_bytes() {
    // CSV with a BOM before the header and CRLF line ends (also inside a
    // quoted field); control bytes in a text are valid UTF-8 and scored.
    let csv = b"\xef\xbb\xbfid,text\r\n1,Super Service\r\n2,\"Nie wieder\r\nSchrott\"\r\n3,\x00\x01\x02\r\n";
    let p = temp_file("bom.csv", csv);
    let recs = records(&run(&["score", p.to_str().unwrap()]));
    assert_eq!(ids(&recs), ["1", "2", "3"]);
    assert_eq!(recs[0]["label"], "positive");
    assert_eq!(recs[1]["label"], "negative");
    assert_eq!(recs[2]["label"], "neutral");

    // JSONL: BOM, CRLF, an escaped NUL, raw NUL bytes, binary junk.
    let jsonl = b"\xef\xbb\xbf{\"id\":\"a\",\"text\":\"gut\"}\r\n{\"id\":\"b\",\"text\":\"nul \\u0000 drin\"}\r\n\x00\x00\x00\r\n\xff\xfe\x00junk\r\n{\"id\":\"e\",\"text\":\"schlecht\"}\r\n";
    let p = temp_file("hostile.jsonl", jsonl);
    let out = run(&["score", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(ids(&recs), ["a", "b", "3", "4", "e"]);
    assert_eq!(recs[0]["label"], "positive");
    assert!(recs[2]["error"].as_str().unwrap().contains("hostile.jsonl:3: malformed JSON"));
    assert!(recs[3]["error"].as_str().unwrap().contains("hostile.jsonl:4: invalid UTF-8"));
    assert_eq!(recs[4]["label"], "negative");

    // Random bytes as text: one record per non-blank line, each scored or
    // an error naming its line.
    let junk = crate::properties::junk(0x9E3779B97F4A7C15, 20_000);
    let expected = junk.split(|&b| b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace));
    let expected = expected.count();
    let p = temp_file("junk.bin", &junk);
    for format in ["txt", "jsonl"] {
        let recs = records(&run(&["score", "--input-format", format, p.to_str().unwrap()]));
        assert_eq!(recs.len(), expected, "{format}");
        for (i, r) in recs.iter().enumerate() {
            let err = r["error"].as_str();
            assert!(r["label"].is_string() || err.is_some_and(|e| e.contains("junk.bin:")), "{i}");
        }
    }
}
