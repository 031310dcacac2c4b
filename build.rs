//! Compiles the human-editable lexicon sources in `lexicons/` into the fst
//! maps that the library embeds (`$OUT_DIR/forms.fst`, `$OUT_DIR/stems.fst`).
//!
//! It runs the same normalization and stemming code as the library at run
//! time (`#[path]` below), so embedded keys and run-time lookups agree.
//! Nothing is downloaded; the output depends only on `lexicons/`.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "src/normalize.rs"]
#[allow(dead_code)]
mod normalize;

#[path = "src/lexicon/compile.rs"]
#[allow(dead_code)]
mod compile;

fn main() {
    if let Err(err) = try_main() {
        panic!("{}", err);
    }
}

fn try_main() -> Result<(), String> {
    let dir = Path::new("lexicons");
    println!("cargo:rerun-if-changed=lexicons");
    let layers_path = dir.join("default.layers");
    let layers =
        fs::read_to_string(&layers_path).map_err(|e| format!("{}: {e}", layers_path.display()))?;
    let mut compiler = compile::Compiler::default();
    for name in layers.lines().map(str::trim) {
        if name.is_empty() || name.starts_with('#') {
            continue;
        }
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let entries =
            compile::parse_tsv(&path.display().to_string(), &text).map_err(|e| e.to_string())?;
        compiler.add(entries);
    }
    let (forms, stems) = compiler.compile().map_err(|e| e.to_string())?;
    let out = PathBuf::from(env::var("OUT_DIR").map_err(|e| e.to_string())?);
    fs::write(out.join("forms.fst"), forms).map_err(|e| e.to_string())?;
    fs::write(out.join("stems.fst"), stems).map_err(|e| e.to_string())?;
    Ok(())
}
