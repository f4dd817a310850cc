//! Replays the fuzz seeds and every committed fuzz regression input through
//! the same property checks the cargo-fuzz targets run (fuzz/invariants.rs),
//! so a bug found by fuzzing stays fixed without nightly or cargo-fuzz.
//!
//! A new crash input goes in `fuzz/regressions/<target>/`; see
//! docs/robustness.md.

use std::fs;
use std::path::Path;
use std::time::Instant;

#[path = "../fuzz/invariants.rs"]
mod invariants;

fn inputs(dir: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.display().to_string(), fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

/// Run `target` on the seeds and the target's regression inputs.
fn replay(name: &str, target: fn(&[u8])) {
    let mut all = inputs("fuzz/seeds");
    let regressions = inputs(&format!("fuzz/regressions/{name}"));
    all.extend(regressions);
    assert!(!all.is_empty(), "no inputs for {name}");
    for (path, data) in all {
        let start = Instant::now();
        target(&data);
        // Each input is small; seconds here mean something went quadratic.
        let took = start.elapsed();
        assert!(took.as_secs() < 10, "{name}: {path} took {took:?}");
    }
}

#[test]
fn tokenize() {
    replay("tokenize", invariants::tokenize_target);
}

#[test]
fn markdown() {
    replay("markdown", invariants::markdown_target);
}

#[test]
fn check() {
    replay("check", invariants::check_target);
}

#[test]
fn fix() {
    replay("fix", invariants::fix_target);
}
