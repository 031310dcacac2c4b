//! Loading user lexicons from any bytes: see `targets::lexicon`.
#![no_main]

mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::lexicon(data));
