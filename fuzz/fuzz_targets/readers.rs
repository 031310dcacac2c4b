//! The CLI input readers on any bytes: see `targets::readers`.
#![no_main]

mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::readers(data));
