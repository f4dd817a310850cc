//! cargo-fuzz target `tokenize`: see `tokenize_target` in fuzz/invariants.rs.
#![no_main]

#[path = "../invariants.rs"]
mod invariants;

libfuzzer_sys::fuzz_target!(|data: &[u8]| invariants::tokenize_target(data));
