//! Replays the inputs kept in `tests/fuzz/<target>/` through the fuzz
//! targets' own code (`fuzz/fuzz_targets/targets.rs`): every input that once
//! crashed a target (and a few seeds per target) must now pass its checks.

#[path = "../fuzz/fuzz_targets/targets.rs"]
mod targets;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz").join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "{}: no inputs", dir.display());
    for path in inputs {
        let data = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{target}: {} fails again", path.display());
    }
}

#[test]
fn analyze_inputs() {
    replay("analyze", targets::analyze);
}

#[test]
fn reader_inputs() {
    replay("readers", targets::readers);
}

#[test]
fn lexicon_inputs() {
    replay("lexicon", targets::lexicon);
}

#[test]
fn pattern_inputs() {
    replay("patterns", targets::patterns);
}

/// The fuzz workspace compiles the CLI's input readers from their source
/// (the `#[path]` in `targets.rs`), so it must declare every crate they use.
/// Nothing else builds that workspace (it needs libFuzzer), so without this
/// check a reader that takes up a new crate breaks fuzzing unnoticed — as
/// `serde`, `simdutf8` and `memchr` once did, found only at the next run.
#[test]
fn fuzz_workspace_declares_the_crates_the_readers_use() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dependencies = |manifest: &str| -> Vec<String> {
        let path = root.join(manifest);
        let text = std::fs::read_to_string(&path).unwrap();
        let table: toml::Table = toml::from_str(&text).unwrap();
        let deps = table["dependencies"].as_table().unwrap();
        deps.keys().map(|name| name.replace('-', "_")).collect()
    };
    let ours = dependencies("Cargo.toml");
    let fuzz = dependencies("fuzz/Cargo.toml");
    let readers = root.join("src/bin/stimmung/input");
    let (mut checked, mut missing) = (0, Vec::new());
    for entry in std::fs::read_dir(&readers).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        for krate in &ours {
            let needle = format!("{krate}::");
            let used = source.match_indices(&needle).any(|(at, _)| {
                let before = source[..at].chars().next_back();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            });
            if used {
                checked += 1;
                if !fuzz.contains(krate) {
                    missing.push(format!("{} uses `{krate}`", path.display()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "fuzz/Cargo.toml does not declare: {missing:#?}");
    // The readers use serde, csv, quick-xml …: a check that found none
    // would be looking in the wrong place.
    assert!(checked >= 5, "only {checked} crate uses found in {}", readers.display());
}
