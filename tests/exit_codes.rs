//! Exit codes: `check`, `fix` and `check --fix` end a run the same way,
//! by each file's `fail-on`.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn copyedit() -> Command {
    let mut cmd = Command::cargo_bin("copyedit").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

/// `copyedit ARGS... file` in `dir`: the exit code and standard output.
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = copyedit()
        .current_dir(dir)
        .args(args)
        .args(["--format", "concise", "--color", "never", "a.txt"])
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A warning no fix can remove (`unbalanced` has no fixes) passes under
/// `fail-on = "error"` and fails under `fail-on = "warning"`, whichever
/// of the three commands reports it. `fix` and `check --fix` used to exit
/// 1 on it under `fail-on = "error"`, as if `fail-on` were `warning`.
#[test]
fn fix_and_check_fix_honour_fail_on_as_check_does() {
    let dir = tempfile::tempdir().unwrap();
    let text = "He said (hello to the team.\n";
    fs::write(dir.path().join("a.txt"), text).unwrap();
    for (fail_on, expected) in [("error", 0), ("warning", 1)] {
        fs::write(
            dir.path().join("copyedit.toml"),
            format!("fail-on = \"{fail_on}\"\n"),
        )
        .unwrap();
        for args in [&["check"][..], &["fix"], &["check", "--fix"]] {
            let (code, stdout) = run(dir.path(), args);
            assert_eq!(
                code,
                expected,
                "`copyedit {}` with fail-on = \"{fail_on}\":\n{stdout}",
                args.join(" ")
            );
            assert!(
                stdout.contains("a.txt:1:9: warning[unbalanced]"),
                "`copyedit {}`: {stdout}",
                args.join(" ")
            );
        }
        // Nothing was fixed: the warning is the file's only problem.
        assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), text);
    }
}
