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
