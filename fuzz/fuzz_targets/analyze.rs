//! `Analyzer::analyze` on any string: see `targets::analyze`.
#![no_main]

mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::analyze(data));
