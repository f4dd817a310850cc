//! Adopting copyedit on an existing repository: `--changed-since`,
//! baselines, on a git repository scripted in a temporary directory.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;
use serde_json::Value;

fn copyedit(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("copyedit").unwrap();
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

/// Run git in `dir` with an identity and no user or system configuration.
fn git(dir: &Path, args: &[&str]) {
    let out = Process::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const OLD: &str = "# Guide\n\nWe recieve the report every week.\n\nThe team reads it.\n";

/// A repository whose `main` has `docs/guide.md` with one old problem
/// (`recieve`), and a branch `pr` checked out.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("docs")).unwrap();
    fs::write(root.join("docs/guide.md"), OLD).unwrap();
    fs::write(root.join("docs/other.md"), "Nothing wrong here at all.\n").unwrap();
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "initial"]);
    git(root, &["checkout", "-q", "-b", "pr"]);
    dir
}

/// The flagged words of a JSON report, with their paths and lines.
fn flagged(out: &[u8]) -> Vec<(String, u64, String)> {
    let v: Value = serde_json::from_slice(out).expect("JSON");
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().replace('\\', "/"),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn check_json(dir: &Path, args: &[&str], code: i32) -> Vec<(String, u64, String)> {
    let out = copyedit(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .arg("docs")
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    flagged(&out)
}

/// Edit the guide: a line inserted above the old problem (which moves it
/// down), a new problem on an edited line, and a new file with a problem.
fn edit(root: &Path) {
    fs::write(
        root.join("docs/guide.md"),
        "# Guide\n\nAn introductory line.\n\nWe recieve the report every week.\n\nThe team reads it on Wendsday.\n",
    )
    .unwrap();
    fs::write(root.join("docs/new.md"), "A new page with a mistaek.\n").unwrap();
}

const NEW_PROBLEMS: [(&str, u64, &str); 2] = [
    ("docs/guide.md", 7, "unknown word `Wendsday`"),
    ("docs/new.md", 1, "unknown word `mistaek`"),
];

fn expected() -> Vec<(String, u64, String)> {
    NEW_PROBLEMS
        .iter()
        .map(|(p, l, m)| (p.to_string(), *l, m.to_string()))
        .collect()
}

#[test]
fn changed_since_reports_only_changed_lines_and_new_files() {
    let dir = repo();
    let root = dir.path();
    // Nothing changed yet: the old problem is silent.
    assert_eq!(check_json(root, &["--changed-since", "main"], 0), []);
    // Without the option it is reported.
    assert_eq!(
        check_json(root, &[], 1),
        [(
            "docs/guide.md".to_string(),
            3,
            "unknown word `recieve`".to_string()
        )]
    );
    edit(root);
    assert_eq!(
        check_json(root, &["--changed-since", "main"], 1),
        expected()
    );
    // Committed on the branch, and `main` moved on meanwhile: still the
    // merge base that counts.
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "edit"]);
    git(root, &["checkout", "-q", "main"]);
    fs::write(root.join("docs/other.md"), "Another chnage on main.\n").unwrap();
    git(root, &["commit", "-q", "-am", "main moves"]);
    git(root, &["checkout", "-q", "pr"]);
    assert_eq!(
        check_json(root, &["--changed-since", "main"], 1),
        expected()
    );
}

#[test]
fn changed_since_with_every_format() {
    let dir = repo();
    let root = dir.path();
    edit(root);
    for (format, needle) in [
        ("concise", "docs/guide.md:7:"),
        ("human", "Wendsday"),
        ("github", "file=docs/guide.md,line=7"),
    ] {
        let out = copyedit(root)
            .args([
                "check",
                "--changed-since",
                "main",
                "--format",
                format,
                "docs",
            ])
            .assert()
            .code(1)
            .get_output()
            .stdout
            .clone();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(needle), "{format}: {out}");
        assert!(!out.contains("recieve"), "{format}: {out}");
    }
    // SARIF lists the rules' explanations (with their examples) too.
    let out = copyedit(root)
        .args([
            "check",
            "--changed-since",
            "main",
            "--format",
            "sarif",
            "docs",
        ])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let lines: Vec<u64> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(lines, [7, 1]);
}

#[test]
fn changed_since_outside_a_repository_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), "Fine text.\n").unwrap();
    copyedit(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .args(["check", "--changed-since", "main", "a.md"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not in a git repository"));
    let dir = repo();
    copyedit(dir.path())
        .args(["check", "--changed-since", "no-such-branch", "docs"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "`no-such-branch` is not a revision",
        ));
}

#[test]
fn fix_changed_since_edits_only_changed_lines() {
    let dir = repo();
    let root = dir.path();
    edit(root);
    copyedit(root)
        .args(["fix", "--unsafe", "--changed-since", "main", "docs"])
        .assert()
        .code(0);
    let guide = fs::read_to_string(root.join("docs/guide.md")).unwrap();
    assert!(guide.contains("We recieve the report"), "{guide}");
    assert!(guide.contains("on Wednesday."), "{guide}");
    let new = fs::read_to_string(root.join("docs/new.md")).unwrap();
    assert_eq!(new, "A new page with a mistake.\n");
    // Without the option the old problem is fixed too.
    copyedit(root)
        .args(["fix", "--unsafe", "docs"])
        .assert()
        .code(0);
    let guide = fs::read_to_string(root.join("docs/guide.md")).unwrap();
    assert!(guide.contains("We receive the report"), "{guide}");
}

#[test]
fn baseline_hides_recorded_problems_only() {
    let dir = repo();
    let root = dir.path();
    copyedit(root)
        .args(["check", "--write-baseline", "copyedit-baseline.tsv", "docs"])
        .assert()
        .code(0)
        .stderr(predicates::str::contains("recorded 1 problem"));
    let text = fs::read_to_string(root.join("copyedit-baseline.tsv")).unwrap();
    let entries: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        entries,
        ["docs/guide.md\tspelling\trecieve\tWe \t the report ever\t1"]
    );
    assert_eq!(
        check_json(root, &["--baseline", "copyedit-baseline.tsv"], 0),
        []
    );
    edit(root);
    assert_eq!(
        check_json(root, &["--baseline", "copyedit-baseline.tsv"], 1),
        expected()
    );
    // From the configuration, too.
    fs::write(
        root.join("copyedit.toml"),
        "baseline = \"copyedit-baseline.tsv\"\n",
    )
    .unwrap();
    assert_eq!(check_json(root, &[], 1), expected());
    // Rewritten once the old problem is fixed, the baseline drops it.
    let guide = fs::read_to_string(root.join("docs/guide.md")).unwrap();
    fs::write(
        root.join("docs/guide.md"),
        guide.replace("recieve", "receive"),
    )
    .unwrap();
    copyedit(root)
        .args(["check", "--write-baseline", "copyedit-baseline.tsv", "docs"])
        .assert()
        .code(0)
        .stderr(predicates::str::contains("recorded 2 problems"));
    let text = fs::read_to_string(root.join("copyedit-baseline.tsv")).unwrap();
    assert!(!text.contains("recieve"), "{text}");
    assert_eq!(check_json(root, &[], 0), []);
}

#[test]
fn missing_or_broken_baseline_is_an_error() {
    let dir = repo();
    let root = dir.path();
    copyedit(root)
        .args(["check", "--baseline", "nope.tsv", "docs"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot read baseline nope.tsv"));
    fs::write(root.join("bad.tsv"), "not a baseline\n").unwrap();
    copyedit(root)
        .args(["check", "--baseline", "bad.tsv", "docs"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "bad.tsv:1: not a copyedit baseline",
        ));
}

#[test]
fn statistics_count_rules_and_unknown_words() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a.md"), "We recieve teh report.\n").unwrap();
    fs::write(root.join("b.md"), "They recieve a apple.\n").unwrap();
    let out = copyedit(root)
        .args(["check", "--statistics", "."])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "      3  spelling  (3 with a Safe fix)\n      1  a-an  (1 with a Safe fix)\n      \
         4  problems in 2 files\n\nmost frequent unknown words:\n      2  recieve\n      1  teh\n"
    );
    let out = copyedit(root)
        .args(["check", "--statistics", "--format", "json", "."])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["rules"][0]["rule"], "spelling");
    assert_eq!(v["rules"][0]["count"], 3);
    assert_eq!(v["unknown_words"][0]["word"], "recieve");
    assert_eq!(v["unknown_words"][0]["count"], 2);
    assert_eq!(v["total"], 4);
}

#[test]
fn a_long_human_run_ends_with_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for i in 0..25 {
        fs::write(root.join(format!("p{i:02}.md")), "Fine text here.\n").unwrap();
    }
    fs::write(root.join("z.md"), "We recieve it.\n").unwrap();
    let out = copyedit(root)
        .args(["check", "--color", "never", "."])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.ends_with(
            "1 problem (1 error) in 1 file\n\n      1  spelling  (1 with a Safe fix)\n      \
             1  problems in 1 file\n\nmost frequent unknown words:\n      1  recieve\n"
        ),
        "{out}"
    );
    // A short run does not.
    let out = copyedit(root)
        .args(["check", "--color", "never", "z.md"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(out).unwrap().ends_with("in 1 file\n"));
}

#[test]
fn empty_directory_is_a_warning_and_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("docs")).unwrap();
    fs::write(root.join("docs/code.rs"), "fn main() {}\n").unwrap();
    fs::write(root.join("a.md"), "Fine text.\n").unwrap();
    let out = copyedit(root)
        .args(["check", "--format", "json", "docs"])
        .assert()
        .code(2)
        .stderr("copyedit: warning: no Markdown or text files found under docs\n")
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["warnings"][0]["path"], "docs");
    assert_eq!(
        v["warnings"][0]["message"],
        "no Markdown or text files found"
    );
    // With another path that has files: only the warning.
    copyedit(root)
        .args(["check", "docs", "a.md"])
        .assert()
        .code(0)
        .stderr("copyedit: warning: no Markdown or text files found under docs\n");
}

#[test]
fn stdin_that_is_clearly_markdown_is_read_as_markdown() {
    let dir = tempfile::tempdir().unwrap();
    // In Markdown the fenced block is code; as text, `teh` in it is a word.
    let text = "# Notes\n\n```\nteh\n```\n";
    let run = |args: &[&str]| {
        copyedit(dir.path())
            .args(["check", "--format", "concise"])
            .args(args)
            .arg("-")
            .write_stdin(text)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(run(&[]), Some(0));
    assert_eq!(run(&["--stdin-format", "text"]), Some(1));
    assert_eq!(run(&["--stdin-filename", "notes.txt"]), Some(1));
    assert_eq!(
        run(&[
            "--stdin-filename",
            "notes.txt",
            "--stdin-format",
            "markdown"
        ]),
        Some(0)
    );
}

#[test]
fn init_detects_the_variant_and_seeds_words() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for i in 0..3 {
        fs::write(
            root.join(format!("p{i}.md")),
            "The colour of our organisation's behaviour: we analyse the centre with frobctl.\n",
        )
        .unwrap();
    }
    copyedit(root)
        .args(["init", "--words"])
        .assert()
        .success()
        .stdout(predicates::str::contains("lang = \"en-GB\""));
    let config = fs::read_to_string(root.join("copyedit.toml")).unwrap();
    assert!(config.contains("\nlang = \"en-GB\"\n"), "{config}");
    assert!(config.contains("\nexclude = []\n"), "{config}");
    let words = fs::read_to_string(root.join("copyedit-words.txt")).unwrap();
    let listed: Vec<&str> = words.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(listed, ["frobctl"]);
    // The files are accepted as they are now.
    copyedit(root).args(["check", "."]).assert().success();
}
