//! `stimmung lexicon`: compile, look up, count and compare lexicons.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::{Context, Result};
use stimmung::{EntryKind, Lexicon};

use crate::args::{LexiconArgs, LexiconCommand};

pub fn run(args: &LexiconArgs) -> Result<ExitCode> {
    match &args.command {
        LexiconCommand::Compile { input, out } => {
            let lex = Lexicon::from_tsv_path(input)?;
            std::fs::write(out, lex.to_bytes()).with_context(|| out.display().to_string())?;
            outln!(
                "{}: {} forms, {} stems -> {}",
                input.display(),
                lex.len(),
                lex.stem_count(),
                out.display()
            )?;
        }
        LexiconCommand::Lookup { words, analyzer } => {
            let a = analyzer.builder()?.build()?;
            for w in words {
                match a.lookup(w) {
                    Some(i) => outln!(
                        "{w}\t{}\t{:+.3}\tvia {}\tkey {:?}",
                        i.kind().name(),
                        i.weight(),
                        i.via(),
                        i.key()
                    )?,
                    None => outln!("{w}\t-\t(not in the lexicon: neutral)")?,
                }
            }
        }
        LexiconCommand::Stats { lexicon } => {
            let lex = load(lexicon.as_deref())?;
            let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
            let (mut pos, mut neg, mut zero, mut phrases) = (0, 0, 0, 0);
            let mut histogram = [0usize; 8];
            for (key, kind, w) in lex.entries() {
                *kinds.entry(kind.name()).or_default() += 1;
                if key.contains(' ') {
                    phrases += 1;
                }
                if kind == EntryKind::Valence {
                    match w {
                        w if w > 0.0 => pos += 1,
                        w if w < 0.0 => neg += 1,
                        _ => zero += 1,
                    }
                    histogram[((w + 4.0).clamp(0.0, 7.999)) as usize] += 1;
                }
            }
            outln!(
                "{}: {} forms ({} phrases), {} stems",
                lex.name(),
                lex.len(),
                phrases,
                lex.stem_count()
            )?;
            for (k, n) in kinds {
                outln!("  {k:<15} {n:>7}")?;
            }
            outln!("  valence: {pos} positive, {neg} negative, {zero} neutral blockers")?;
            for (i, n) in histogram.iter().enumerate() {
                outln!("    [{:+}, {:+}) {n:>7}", i as i32 - 4, i as i32 - 3)?;
            }
        }
        LexiconCommand::Diff { a, b } => {
            let (la, lb) = (load(Some(a))?, load(Some(b))?);
            let ea: BTreeMap<String, (EntryKind, f64)> =
                la.entries().map(|(k, t, w)| (k, (t, w))).collect();
            let eb: BTreeMap<String, (EntryKind, f64)> =
                lb.entries().map(|(k, t, w)| (k, (t, w))).collect();
            let (mut added, mut removed, mut changed) = (0, 0, 0);
            for (k, (t, w)) in &eb {
                match ea.get(k) {
                    None => {
                        added += 1;
                        outln!("+ {k}\t{w:+.3}\t{}", t.name())?;
                    }
                    Some((ta, wa)) if ta != t || (wa - w).abs() > 1e-9 => {
                        changed += 1;
                        outln!("~ {k}\t{wa:+.3} -> {w:+.3}\t{}", t.name())?;
                    }
                    _ => {}
                }
            }
            for (k, (t, w)) in &ea {
                if !eb.contains_key(k) {
                    removed += 1;
                    outln!("- {k}\t{w:+.3}\t{}", t.name())?;
                }
            }
            outln!("{added} added, {removed} removed, {changed} changed")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A lexicon by path, or the embedded one for `default` or no path.
fn load(path: Option<&std::path::Path>) -> Result<Lexicon> {
    Ok(match path {
        None => Lexicon::german(),
        Some(p) if p.as_os_str() == "default" => Lexicon::german(),
        Some(p) => Lexicon::from_path(p)?,
    })
}
