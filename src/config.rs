//! The configuration file: named weights and label thresholds as TOML,
//! written by `stimmung tune` and read by `score`, `eval` and
//! [`AnalyzerBuilder::config`](crate::AnalyzerBuilder::config).
//!
//! ```toml
//! [weights]
//! negation = -0.74
//! litotes = 0.5
//!
//! [thresholds]
//! positive = 0.3
//! negative = -0.2
//! ```
//!
//! Every key is optional (missing ones keep their defaults); unknown keys
//! are an error, so a typo does not silently do nothing.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::score::{Thresholds, Weights};

/// Weights and thresholds, as stored in a config file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The scoring rules' weights.
    pub weights: Weights,
    /// The label thresholds.
    pub thresholds: Thresholds,
}

impl Config {
    /// Parses a config from TOML text; `name` is used in error messages.
    ///
    /// # Errors
    ///
    /// Malformed TOML, unknown keys and values of the wrong type, with the
    /// line.
    pub fn from_toml(name: &str, text: &str) -> Result<Config> {
        toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            let msg = e.message().trim().to_string();
            match line {
                Some(line) => Error::config(format!("{name}:{line}: {msg}")),
                None => Error::config(format!("{name}: {msg}")),
            }
        })
    }

    /// Reads a config file. See [`Config::from_toml`].
    ///
    /// # Errors
    ///
    /// I/O errors name the file; malformed content names `file:line`.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Config> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Config::from_toml(&path.display().to_string(), &text)
    }

    /// The config as TOML text.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("weights and thresholds serialize to TOML")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_and_partial() {
        let c = Config::default();
        assert_eq!(Config::from_toml("c", &c.to_toml()).unwrap(), c);
        let c = Config::from_toml("c", "[weights]\nlitotes = 0.9\n").unwrap();
        assert_eq!(c.weights.litotes, 0.9);
        assert_eq!(c.weights.negation, Weights::default().negation);
    }

    #[test]
    fn unknown_keys_name_the_line() {
        let err =
            Config::from_toml("c.toml", "[weights]\nlitotes = 0.9\nnegatoin = 1\n").unwrap_err();
        assert!(err.to_string().starts_with("c.toml:3:"), "{err}");
    }
}
