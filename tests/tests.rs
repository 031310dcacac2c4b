//! stimmung's integration tests, one crate (see STYLE: one `[[test]]`).

// Gold polarity cases from tests/cases/*.toml, one per scorer rule.
mod cases;
// The public API: builder, layering, errors, traits, serialization.
mod api;
// Properties that hold for any input (proptest).
mod properties;
// Accuracy on ../shared/data against the peers (skips without the data).
mod accuracy;
// The `stimmung` binary end to end.
mod cli;
// Every input format, bad records, summaries, the real export files.
mod formats;
// Tone markers: labelled set with controls, masking, evidence.
mod markers;
// Inputs that once crashed a fuzz target, replayed through its code.
#[cfg(feature = "cli")]
mod fuzz;
// Linear cost on floods and huge words, by instruction counts (callgrind).
#[cfg(feature = "cli")]
mod cost;
