//! Command-line behaviour a new user meets: inputs named twice, files this
//! user may not write, machine-readable output when a fix cannot be
//! written, `fix -` on input that cannot be decoded, closed pipes, and
//! clear messages for directories that cannot be walked.

use std::fs;

use assert_cmd::Command;
use predicates::prelude::*;

fn copyedit() -> Command {
    let mut cmd = Command::cargo_bin("copyedit").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("CI");
    cmd
}

/// UTF-32 starts with what looks like a UTF-16 byte-order mark; it is named
/// as what it is.
#[test]
fn utf32_is_not_called_utf16() {
    let dir = tempfile::tempdir().unwrap();
    let le = dir.path().join("le.txt");
    let be = dir.path().join("be.txt");
    let mut bytes = vec![0xFF, 0xFE, 0, 0];
    let mut bytes_be = vec![0, 0, 0xFE, 0xFF];
    for c in "Hi.\n".chars() {
        bytes.extend_from_slice(&(c as u32).to_le_bytes());
        bytes_be.extend_from_slice(&(c as u32).to_be_bytes());
    }
    fs::write(&le, bytes).unwrap();
    fs::write(&be, bytes_be).unwrap();
    copyedit()
        .arg("check")
        .arg(&le)
        .arg(&be)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}: UTF-32 text (little-endian byte-order mark); only UTF-8 is supported",
            le.display()
        )))
        .stderr(predicate::str::contains(format!(
            "{}: UTF-32 text (big-endian byte-order mark); only UTF-8 is supported",
            be.display()
        )));
}
