//! The library's error type.

use std::fmt;
use std::path::PathBuf;

/// A `Result` with stimmung's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// An error while building an [`Analyzer`](crate::Analyzer): a lexicon or
/// configuration that cannot be read or is malformed.
///
/// The message names the file and line where there is one.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug)]
enum ErrorKind {
    Io { path: PathBuf, err: std::io::Error },
    Source(crate::lexicon::compile::SourceError),
    Fst(String),
    Config(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, err: std::io::Error) -> Error {
        Error { kind: ErrorKind::Io { path: path.into(), err } }
    }

    pub(crate) fn source(err: crate::lexicon::compile::SourceError) -> Error {
        Error { kind: ErrorKind::Source(err) }
    }

    pub(crate) fn pattern(path: &str, line: usize, message: String) -> Error {
        Error::source(crate::lexicon::compile::SourceError {
            path: path.to_string(),
            line,
            message,
        })
    }

    pub(crate) fn fst(name: &str, err: fst::Error) -> Error {
        Error { kind: ErrorKind::Fst(format!("{name}: {err}")) }
    }

    pub(crate) fn config(msg: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Config(msg.into()) }
    }

    /// An error in how the library was called (a bad option value).
    pub fn usage(msg: impl Into<String>) -> Error {
        Error::config(msg)
    }

    /// The 1-based line of a lexicon file the error refers to, if any.
    pub fn line(&self) -> Option<usize> {
        match &self.kind {
            ErrorKind::Source(e) if e.line > 0 => Some(e.line),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Io { path, err } => write!(f, "{}: {err}", path.display()),
            ErrorKind::Source(e) => e.fmt(f),
            ErrorKind::Fst(msg) => write!(f, "cannot build lexicon map: {msg}"),
            ErrorKind::Config(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { err, .. } => Some(err),
            _ => None,
        }
    }
}
