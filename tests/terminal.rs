//! `copyedit check` on a terminal, as a person runs it: stderr is a
//! terminal, so a run over many files draws a progress bar there. Run
//! through `script(1)` (util-linux), which gives the child a
//! pseudo-terminal; skipped where `script` is missing.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn have_script() -> bool {
    Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn many_files_on_a_terminal_finish() {
    if !have_script() {
        eprintln!("SKIP: no script(1) to give the check a terminal");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // More files than the progress bar's minimum (200).
    for i in 0..260 {
        fs::write(
            dir.path().join(format!("page{i:03}.md")),
            format!("# Page {i}\n\nThis page is fine. We recieve mail.\n"),
        )
        .unwrap();
    }
    let out = dir.path().join("report.txt");
    let bin = env!("CARGO_BIN_EXE_copyedit");
    let cmd = format!(
        "{} check --color never --format concise {} > {}",
        shell_quote(Path::new(bin)),
        shell_quote(dir.path()),
        shell_quote(&out)
    );
    let start = Instant::now();
    // `timeout` ends a hung run, so that the test fails rather than hangs;
    // CI is unset, as on a person's machine (CI hides the bar).
    let status = Command::new("timeout")
        .args(["60", "script", "-qec", &cmd, "/dev/null"])
        .env_remove("CI")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(55),
        "the check hung on a terminal ({took:?})"
    );
    // One problem per file, then the check's exit code (1: problems).
    assert_eq!(status.code(), Some(1), "{status:?}");
    let report = fs::read_to_string(&out).unwrap();
    assert_eq!(
        report
            .lines()
            .filter(|l| l.contains("unknown word `recieve`"))
            .count(),
        260,
        "{report}"
    );
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}
