//! Command-line behaviour a new user meets: inputs named twice, files this
//! user may not write, machine-readable output when a fix cannot be
//! written, `fix -` on input that cannot be decoded, closed pipes, and
//! clear messages for directories that cannot be walked.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn copyedit() -> Command {
    let mut cmd = Command::cargo_bin("copyedit").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("CI");
    cmd
}

/// A command that runs copyedit as the unprivileged user `nobody` (uid and
/// gid 65534), or `None` when this process may not switch users (it is not
/// root). Tests that need a file this user cannot write use it: root can
/// write anything.
#[cfg(unix)]
fn copyedit_as_nobody(dir: &Path) -> Option<std::process::Command> {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let root = fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false);
    if !root {
        eprintln!("note: skipped: switching to an unprivileged user needs root");
        return None;
    }
    fs::set_permissions(dir, fs::Permissions::from_mode(0o777)).unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_copyedit"));
    cmd.uid(65534)
        .gid(65534)
        .current_dir(dir)
        .env_remove("NO_COLOR");
    // Probe: some sandboxes refuse setuid even to root.
    let probe = std::process::Command::new(env!("CARGO_BIN_EXE_copyedit"))
        .uid(65534)
        .gid(65534)
        .arg("--version")
        .output();
    match probe {
        Ok(o) if o.status.success() => Some(cmd),
        _ => {
            eprintln!("note: skipped: cannot run copyedit as uid 65534 here");
            None
        }
    }
}

/// A file named on the command line and also found by walking its
/// directory (`fix . a.txt`), or named as `a.txt` and `./a.txt`, is one
/// input: it is fixed once, not fixed and then refused as "changed on
/// disk", and reported once.
#[test]
fn a_file_named_twice_is_one_input() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, "We recieve it.\n").unwrap();
    copyedit()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", ".", "a.txt", "./a.txt"])
        .assert()
        .code(1)
        .stdout(predicate::function(|s: &str| s.lines().count() == 1));
    copyedit()
        .current_dir(dir.path())
        .args(["fix", ".", "a.txt", "./a.txt"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("changed on disk").not())
        .stderr(predicate::str::contains(
            "fixed 1 problem in 1 file; none remain",
        ));
    assert_eq!(fs::read_to_string(&f).unwrap(), "We receive it.\n");
}

/// Fixing a symbolic link and its target in one run edits the target once.
#[cfg(unix)]
#[test]
fn a_link_and_its_target_are_fixed_once() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.txt");
    let link = dir.path().join("link.txt");
    fs::write(&target, "We recieve it.\n").unwrap();
    std::os::unix::fs::symlink("real.txt", &link).unwrap();
    copyedit()
        .arg("fix")
        .arg(&link)
        .arg(&target)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("changed on disk").not());
    assert_eq!(fs::read_to_string(&target).unwrap(), "We receive it.\n");
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

/// A file this user may not write is left alone even when its directory is
/// writable (a rename there would replace another user's file).
#[cfg(unix)]
#[test]
fn fix_refuses_a_file_this_user_cannot_write() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("theirs.txt");
    fs::write(&f, "We recieve it.\n").unwrap();
    fs::set_permissions(&f, fs::Permissions::from_mode(0o644)).unwrap();
    let Some(mut cmd) = copyedit_as_nobody(dir.path()) else {
        return;
    };
    let out = cmd.args(["fix", "theirs.txt"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("theirs.txt: file is read-only; not changed"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&f).unwrap(), "We recieve it.\n");
    assert_eq!(
        std::os::unix::fs::MetadataExt::uid(&fs::metadata(&f).unwrap()),
        0,
        "the file still belongs to its owner"
    );
}

/// A file that could not be written is an error in every format, not only
/// a line on standard error: JSON lists it under `errors`, SARIF as a
/// failed execution, GitHub as an annotation.
#[cfg(unix)]
#[test]
fn write_errors_are_in_machine_readable_output() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro.txt");
    fs::write(&ro, "We recieve it.\n").unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    let reason = "file is read-only; not changed";

    let out = copyedit()
        .args(["fix", "--format", "json"])
        .arg(&ro)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["errors"][0]["path"], ro.display().to_string());
    assert_eq!(v["errors"][0]["message"], reason);
    // The file's problem is still reported.
    assert_eq!(v["diagnostics"][0]["rule"], "spelling");
    assert!(out.stderr.is_empty(), "JSON errors are in the document");

    let out = copyedit()
        .args(["fix", "--format", "sarif"])
        .arg(&ro)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    assert!(inv["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains(reason));

    copyedit()
        .args(["fix", "--format", "github"])
        .arg(&ro)
        .assert()
        .code(2)
        .stdout(predicate::str::contains(format!(
            "::error title=copyedit::{}: {reason}",
            ro.display()
        )));

    // Human and concise: one line on standard error, as before.
    let out = copyedit()
        .args(["fix", "--format", "concise"])
        .arg(&ro)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.matches(reason).count(), 1, "{stderr}");
    assert_eq!(fs::read_to_string(&ro).unwrap(), "We recieve it.\n");
}

/// `fix -` owns standard output for the fixed text: when the input cannot
/// be decoded, the report still goes to standard error and nothing else is
/// printed where the text was expected.
#[test]
fn fix_stdin_that_cannot_be_decoded_prints_no_report_on_stdout() {
    copyedit()
        .args(["fix", "-"])
        .write_stdin(&b"caf\xe9 teh\n"[..])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "copyedit: error: <stdin>: invalid UTF-8 at byte 3 (line 1)",
        ))
        .stderr(predicate::str::contains("1 file could not be read"));
    copyedit()
        .args(["fix", "--max-file-size", "4", "-"])
        .write_stdin("hello teh\n")
        .assert()
        .code(2)
        .stdout("");
}

/// A reader that stops early (`| head`) is not an error in JSON or SARIF
/// either.
#[test]
fn closed_pipe_is_not_an_error_in_json_and_sarif() {
    let text = "We recieve it. ".repeat(20_000);
    for format in ["json", "sarif", "human"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_copyedit"))
            .args(["check", "--format", format, "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn({
            let text = text.clone();
            move || {
                use std::io::Write;
                let _ = stdin.write_all(text.as_bytes());
            }
        });
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        writer.join().unwrap();
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!stderr.contains("Broken pipe"), "{format}: {stderr}");
        assert_eq!(status.code(), Some(1), "{format}: {stderr}");
    }
}

/// A subdirectory that cannot be read is named once, with the system's
/// reason, not wrapped in the walker's own wording.
#[cfg(unix)]
#[test]
fn unreadable_subdirectory_is_named_with_its_reason() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir_all(docs.join("locked")).unwrap();
    fs::write(docs.join("a.md"), "Fine.\n").unwrap();
    fs::write(docs.join("locked/b.md"), "Fine.\n").unwrap();
    fs::set_permissions(docs.join("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    let Some(mut cmd) = copyedit_as_nobody(dir.path()) else {
        fs::set_permissions(docs.join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
        return;
    };
    fs::set_permissions(&docs, fs::Permissions::from_mode(0o755)).unwrap();
    let out = cmd.args(["check", "docs"]).output().unwrap();
    fs::set_permissions(docs.join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "copyedit: error: docs/locked: Permission denied\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "no problems found in 1 file; 1 file could not be read\n"
    );
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

/// `--stdin-filename` without `-` used to be ignored silently, and the
/// current directory checked instead.
#[test]
fn stdin_filename_without_dash_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "Teh end.\n").unwrap();
    let out = assert_cmd::Command::cargo_bin("copyedit")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--stdin-filename", "notes.md"])
        .write_stdin("Fine.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--stdin-filename notes.md -"), "{stderr}");
    assert!(out.stdout.is_empty());
}
