//! End-to-end tests of `copyedit fix` and `copyedit check --fix`.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn copyedit() -> Command {
    let mut cmd = Command::cargo_bin("copyedit").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn stdout_of(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code).get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

const EXAMPLE: &str = "Teh meeting was was held on the the 11th.  Recieve it.";
const EXAMPLE_FIXED: &str = "The meeting was held on the 11th. Receive it.";

#[test]
fn example_sentence_safe() {
    let got = stdout_of(copyedit().args(["fix", "-"]).write_stdin(EXAMPLE), 0);
    assert_eq!(got, EXAMPLE_FIXED);
}

#[test]
fn example_sentence_unsafe() {
    let got = stdout_of(
        copyedit()
            .args(["fix", "--unsafe", "-"])
            .write_stdin(EXAMPLE),
        0,
    );
    assert_eq!(got, EXAMPLE_FIXED);
}

#[test]
fn safe_fixes_in_place_with_summary() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, "The meeting was was held on the the 11th.  Recieve it.").unwrap();
    copyedit()
        .args(["fix", "--color", "never"])
        .arg(&f)
        .assert()
        .success()
        .stdout(predicate::str::contains("no problems found in 1 file"))
        .stderr(predicate::str::contains(
            "fixed 4 problems in 1 file; none remain",
        ));
    assert_eq!(fs::read_to_string(&f).unwrap(), EXAMPLE_FIXED);
    // Idempotent: a second run changes nothing.
    copyedit()
        .arg("fix")
        .arg(&f)
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing to fix"));
    assert_eq!(fs::read_to_string(&f).unwrap(), EXAMPLE_FIXED);
}

#[test]
fn check_fix_is_the_same_as_fix() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, "We recieve it.  Then more.\n").unwrap();
    copyedit()
        .args(["check", "--fix"])
        .arg(&f)
        .assert()
        .success()
        .stderr(predicate::str::contains("fixed 2 problems in 1 file"));
    assert_eq!(
        fs::read_to_string(&f).unwrap(),
        "We receive it. Then more.\n"
    );
    copyedit()
        .args(["check", "--unsafe", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--unsafe applies only with --fix"));
}

#[test]
fn remaining_problems_are_reported_with_the_unsafe_count() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    // `fnd` is Unsafe (short word); the double space is Safe.
    fs::write(&f, "We fnd here.  Then more.\n").unwrap();
    copyedit()
        .args(["fix", "--format", "concise"])
        .arg(&f)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[spelling]: unknown word `fnd`",
        ))
        .stderr(predicate::str::contains(
            "fixed 1 problem in 1 file; 1 remains (1 fixable with --unsafe)",
        ));
    assert_eq!(fs::read_to_string(&f).unwrap(), "We fnd here. Then more.\n");
    // JSON: the report is the `check` document, nothing on stderr.
    let out = copyedit()
        .args(["fix", "--format", "json"])
        .arg(&f)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["problems"], 1);
    assert!(out.stderr.is_empty());
}

#[test]
fn crlf_bom_and_missing_final_newline_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bom.txt");
    let input = b"\xEF\xBB\xBFThe report was was late.\r\nWe recieve it.  Then more.\r\n\r\nMixed line\nends here  too\r\nno final line break";
    fs::write(&f, input).unwrap();
    copyedit().arg("fix").arg(&f).assert().success();
    let expected = b"\xEF\xBB\xBFThe report was late.\r\nWe receive it. Then more.\r\n\r\nMixed line\nends here too\r\nno final line break";
    assert_eq!(
        String::from_utf8_lossy(&fs::read(&f).unwrap()),
        String::from_utf8_lossy(expected)
    );
}

#[test]
fn markdown_code_and_front_matter_are_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("doc.md");
    // (`title` and `description` in front matter are prose; `slug` is not.)
    let input = "---\nslug: We recieve  it\n---\n\nWe recieve it.\n\n```\nthe the  recieve\n```\n\nUse `recieve  it` here.\n\n    indented  recieve\n";
    fs::write(&f, input).unwrap();
    copyedit().arg("fix").arg(&f).assert().success();
    assert_eq!(
        fs::read_to_string(&f).unwrap(),
        input.replacen("We recieve it.\n", "We receive it.\n", 1)
    );
}

#[test]
fn stdin_mode_writes_the_text_with_its_bom() {
    let out = copyedit()
        .args(["fix", "--color", "never", "-"])
        .write_stdin(&b"\xEF\xBB\xBFWe recieve it.\r\n"[..])
        .assert()
        .success()
        .get_output()
        .clone();
    assert_eq!(out.stdout, b"\xEF\xBB\xBFWe receive it.\r\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no problems found in 1 file"), "{stderr}");
    assert!(stderr.contains("fixed 1 problem in 1 file"), "{stderr}");
    // Unchanged input comes back unchanged.
    copyedit()
        .args(["fix", "-"])
        .write_stdin("Nothing wrong here")
        .assert()
        .success()
        .stdout("Nothing wrong here");
}

#[test]
fn diff_shows_changes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, "Line one.\nWe recieve it.\nLine three.\n").unwrap();
    let name = f.display().to_string();
    copyedit()
        .args(["fix", "--diff"])
        .arg(&f)
        .assert()
        .code(1)
        .stdout(format!(
            "--- {name}\n+++ {name}\n@@ -1,3 +1,3 @@\n Line one.\n-We recieve it.\n+We receive it.\n Line three.\n"
        ))
        .stderr(predicate::str::contains("would fix 1 problem in 1 file"));
    assert_eq!(
        fs::read_to_string(&f).unwrap(),
        "Line one.\nWe recieve it.\nLine three.\n"
    );
    // `check --diff` is the same; nothing to change exits 0, even when
    // problems without a Safe fix remain.
    fs::write(&f, "We fnd here.\n").unwrap();
    copyedit()
        .args(["check", "--diff"])
        .arg(&f)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(
            "nothing to fix; 1 problem would remain (1 fixable with --unsafe)",
        ));
    copyedit()
        .args(["fix", "--diff", "--unsafe"])
        .arg(&f)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("+We find here."));
    // A missing final newline is marked as such.
    fs::write(&f, "We recieve it.").unwrap();
    copyedit()
        .args(["fix", "--diff"])
        .arg(&f)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\\ No newline at end of file"));
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, "We recieve it.\n").unwrap();
    fs::set_permissions(&f, fs::Permissions::from_mode(0o604)).unwrap();
    copyedit().arg("fix").arg(&f).assert().success();
    assert_eq!(fs::read_to_string(&f).unwrap(), "We receive it.\n");
    let mode = fs::metadata(&f).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o604);
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[cfg(unix)]
#[test]
fn symlinks_are_followed_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.txt");
    let link = dir.path().join("link.txt");
    fs::write(&target, "We recieve it.\n").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    copyedit().arg("fix").arg(&link).assert().success();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(&target).unwrap(), "We receive it.\n");
}

#[cfg(unix)]
#[test]
fn read_only_file_is_an_error_for_that_file_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro.txt");
    let rw = dir.path().join("rw.txt");
    fs::write(&ro, "We recieve it.\n").unwrap();
    fs::write(&rw, "We recieve it.\n").unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    copyedit()
        .args(["fix", "--format", "concise"])
        .arg(&ro)
        .arg(&rw)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}: file is read-only; not changed",
            ro.display()
        )))
        .stderr(predicate::str::contains(
            "fixed 1 problem in 1 file; 1 remains",
        ))
        // The read-only file's problem is still reported.
        .stdout(predicate::str::contains("ro.txt:1:4: error[spelling]"));
    assert_eq!(fs::read_to_string(&ro).unwrap(), "We recieve it.\n");
    assert_eq!(fs::read_to_string(&rw).unwrap(), "We receive it.\n");
}

#[cfg(unix)]
#[test]
fn read_only_directory_is_an_error_for_its_files_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    let inside = locked.join("a.txt");
    let outside = dir.path().join("b.txt");
    fs::write(&inside, "We recieve it.\n").unwrap();
    fs::write(&outside, "We recieve it.\n").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    let assert = copyedit()
        .arg("fix")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{}: directory `{}` is read-only; file not changed",
            inside.display(),
            fs::canonicalize(&locked).unwrap().display()
        )));
    drop(assert);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(fs::read_to_string(&inside).unwrap(), "We recieve it.\n");
    assert_eq!(fs::read_to_string(&outside).unwrap(), "We receive it.\n");
}

#[test]
fn unreadable_inputs_do_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, "We recieve it.\n").unwrap();
    copyedit()
        .arg("fix")
        .arg(&good)
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing.txt: No such file or directory",
        ));
    assert_eq!(fs::read_to_string(&good).unwrap(), "We receive it.\n");
}

#[test]
fn sample_article_safe_fix_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("article.txt");
    let original = fs::read(fixture("ceasefire-talks.txt")).unwrap();
    fs::write(&f, &original).unwrap();
    copyedit().arg("fix").arg(&f).assert().code(1);
    assert_eq!(fs::read(&f).unwrap(), original);
}

#[test]
fn sample_article_unsafe_fix_deletes_the_fragment_only() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("article.txt");
    let original = fs::read_to_string(fixture("ceasefire-talks.txt")).unwrap();
    fs::write(&f, &original).unwrap();
    copyedit()
        .args(["fix", "--unsafe"])
        .arg(&f)
        .assert()
        .success();
    let fixed = fs::read_to_string(&f).unwrap();
    assert_eq!(
        fixed,
        original.replacen("should ld have", "should have", 1),
        "only the fragment changes"
    );
    assert!(fixed.contains("Too many people ere [sic] DYING"));
}

#[test]
fn interactive_line_protocol() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(
        &f,
        "We recieve it.  Then more.\nWe fnd here and fnd there.\nIt was was fine.\n",
    )
    .unwrap();
    // 1: `recieve` -> first suggestion; s: skip the double space;
    // x: invalid, asked again; i: ignore `fnd` (its second use is not
    // asked); then end of input at `was was` = quit.
    let out = copyedit()
        .current_dir(dir.path())
        .args(["fix", "--interactive", "--color", "never", "a.txt"])
        .write_stdin("1\ns\nx\ni\n")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let ui = String::from_utf8_lossy(&out.stderr);
    assert!(ui.contains("1) replace with `receive` [safe]"), "{ui}");
    assert!(ui.contains("i) ignore `recieve` in this file"), "{ui}");
    assert!(ui.contains("please answer one of"), "{ui}");
    assert_eq!(ui.matches("unknown word `fnd`").count(), 1, "{ui}");
    assert!(ui.contains("(end of input: quitting)"), "{ui}");
    assert!(ui.contains("wrote a.txt (1 fix)"), "{ui}");
    assert!(ui.contains("fixed 1 problem in 1 file"), "{ui}");
    assert_eq!(
        fs::read_to_string(&f).unwrap(),
        "We receive it.  Then more.\nWe fnd here and fnd there.\nIt was was fine.\n"
    );
}

#[test]
fn interactive_add_to_word_list_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, "We fnd here.\nWe fnd there.  Then.\nThe recieve.\n").unwrap();
    // a: add `fnd` (its second use is not asked); 1: delete the double
    // space; q: quit before `recieve`.
    let out = copyedit()
        .current_dir(dir.path())
        .args(["fix", "--interactive", "--format", "concise", "a.txt"])
        .write_stdin("a\n1\nq\n")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let ui = String::from_utf8_lossy(&out.stderr);
    assert!(ui.contains("added `fnd` to copyedit-words.txt"), "{ui}");
    assert_eq!(
        fs::read_to_string(dir.path().join("copyedit-words.txt")).unwrap(),
        "fnd\n"
    );
    assert_eq!(
        fs::read_to_string(&f).unwrap(),
        "We fnd here.\nWe fnd there. Then.\nThe recieve.\n"
    );
    // What remains is reported; the added word is accepted.
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("unknown word `recieve`"), "{report}");
    assert!(!report.contains("fnd"), "{report}");
}

#[test]
fn interactive_needs_files() {
    copyedit()
        .args(["fix", "--interactive", "-"])
        .write_stdin("1\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot fix `-`"));
    copyedit()
        .args(["fix", "--interactive", "--diff", "x.txt"])
        .assert()
        .code(2);
}

#[test]
fn each_file_is_fixed_under_its_own_configuration() {
    let dir = tempfile::tempdir().unwrap();
    for (sub, config) in [
        ("strict", "[rules]\nrepeated-word = \"error\"\n"),
        ("lax", "[rules]\nrepeated-word = \"off\"\n"),
    ] {
        fs::create_dir(dir.path().join(sub)).unwrap();
        fs::write(dir.path().join(sub).join("copyedit.toml"), config).unwrap();
        fs::write(dir.path().join(sub).join("a.md"), "We met the the team.\n").unwrap();
    }
    copyedit()
        .current_dir(dir.path())
        .args(["fix", "lax", "strict"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("different copyedit.toml").not());
    let read = |sub: &str| fs::read_to_string(dir.path().join(sub).join("a.md")).unwrap();
    assert_eq!(read("strict"), "We met the team.\n");
    assert_eq!(read("lax"), "We met the the team.\n");
}
