//! The `stimmung` command-line tool.
//!
//! Exit codes: 0 everything scored; 1 some records had errors (each became
//! an error record); 2 usage or I/O error. A closed stdout (`| head`) ends
//! the run quietly with 0.

/// `println!` that returns an error for a closed stdout (`| head`), which
/// `main` turns into a quiet exit, where `println!` would panic.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

/// `print!` as [`outln`] is `println!`.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)
    }};
}

mod alloc;
mod args;
mod eval;
mod eval_markers;
mod gold;
mod input;
mod lexicon;
mod output;
mod score;
mod summary;
mod tune;

use std::io;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

#[global_allocator]
static ALLOC: alloc::MiMalloc = alloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.threads {
        // The global pool can only be built once; a second call fails only
        // if something built it first, which nothing here does.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
    }
    let result = match &cli.command {
        Command::Score(a) => score::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Tune(a) => tune::run(a),
        Command::Lexicon(a) => lexicon::run(a),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("stimmung: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether the error is a closed stdout, however wrapped: writing JSON or
/// CSV wraps the I/O error in the serializer's error type.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let broken = |k: io::ErrorKind| k == io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        if let Some(e) = e.downcast_ref::<io::Error>() {
            return broken(e.kind());
        }
        if let Some(e) = e.downcast_ref::<serde_json::Error>() {
            return e.io_error_kind().is_some_and(broken);
        }
        if let Some(e) = e.downcast_ref::<csv::Error>() {
            return matches!(e.kind(), csv::ErrorKind::Io(e) if broken(e.kind()));
        }
        false
    })
}
