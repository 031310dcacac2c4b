//! Loading user marker patterns from any text: see `targets::patterns`.
#![no_main]

mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::patterns(data));
