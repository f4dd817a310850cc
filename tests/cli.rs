//! End-to-end tests of the `copyedit` binary.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn copyedit() -> Command {
    let mut cmd = Command::cargo_bin("copyedit").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("valid JSON output")
}

#[test]
fn stdin_with_three_misspellings() {
    let out = copyedit()
        .args(["check", "--format", "json", "-"])
        .write_stdin("Recieve teh report on Wendsday.\n")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    let diags = v["diagnostics"].as_array().unwrap();
    let words: Vec<(&str, &str)> = diags
        .iter()
        .map(|d| {
            (
                d["message"].as_str().unwrap(),
                d["fixes"][0]["edits"][0]["replacement"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        words,
        [
            ("unknown word `Recieve`", "Receive"),
            ("unknown word `teh`", "the"),
            ("unknown word `Wendsday`", "Wednesday"),
        ]
    );
    assert_eq!(diags[0]["path"], "<stdin>");
    assert_eq!(diags[1]["line"], 1);
    assert_eq!(diags[1]["column"], 9);
    assert_eq!(diags[1]["end_column"], 12);
    assert_eq!(diags[1]["byte_start"], 8);
    assert_eq!(diags[1]["byte_end"], 11);
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["errors"], 3);
}

#[test]
fn human_output_snapshot() {
    let out = copyedit()
        .args([
            "check",
            "--color",
            "never",
            "--stdin-filename",
            "report.txt",
            "-",
        ])
        .write_stdin("Recieve teh report on Wendsday.\n")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}

#[test]
fn concise_output() {
    copyedit()
        .args(["check", "--format", "concise", "-"])
        .write_stdin("A clean line.\nOne misspeled word.\n")
        .assert()
        .code(1)
        .stdout("<stdin>:2:5: error[spelling]: unknown word `misspeled`\n");
}

#[test]
fn clean_input_exits_zero() {
    copyedit()
        .args(["check", "-"])
        .write_stdin("Nothing wrong here.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("no problems found in 1 file"));
}

fn check_json(args: &[&str], stdin: Option<&str>) -> Value {
    let mut cmd = copyedit();
    cmd.arg("check").arg("--format").arg("json").args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_string());
    }
    json_of(&cmd.output().unwrap().stdout)
}

fn at_warning(v: &Value) -> Vec<&Value> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] != "info" && d.get("suppressed").is_none())
        .collect()
}

#[test]
fn sample_article_flags_only_the_fragment() {
    let v = check_json(&[&fixture("ceasefire-talks.txt")], None);
    let flagged = at_warning(&v);
    assert_eq!(flagged.len(), 1, "{flagged:#?}");
    let d = flagged[0];
    assert_eq!(d["rule"], "fragment");
    assert_eq!(d["message"], "stray fragment `ld`");
    let titles: Vec<&str> = d["fixes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["delete `ld`", "mark as quoted: insert ` [sic]`"]);
    // Inside a quotation: nothing is Safe.
    assert!(d["fixes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["applicability"] != "safe"));
}

#[test]
fn sic_marker_suppresses_and_show_suppressed_reveals() {
    let v = check_json(
        &["--show-suppressed", &fixture("ceasefire-talks.txt")],
        None,
    );
    let sic: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["suppressed"] == "sic")
        .collect();
    assert_eq!(sic.len(), 1, "{sic:#?}");
    assert_eq!(sic[0]["rule"], "real-word");
    assert!(sic[0]["message"].as_str().unwrap().contains("`ere`"));
    assert_eq!(v["summary"]["suppressed"], 1);
}

#[test]
fn without_sic_the_real_word_error_is_reported() {
    let text = fs::read_to_string(fixture("ceasefire-talks.txt"))
        .unwrap()
        .replace(" [sic]", "");
    let v = check_json(&["-"], Some(&text));
    let flagged = at_warning(&v);
    let rules: Vec<&str> = flagged
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["real-word", "fragment"]);
    // `people are DYING` fits the trigram model as well: `were` is offered.
    let fixes: Vec<&str> = flagged[0]["fixes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["edits"][0]["replacement"].as_str().unwrap())
        .collect();
    assert!(fixes.contains(&"were"), "{fixes:?}");
}

#[test]
fn spelling_and_repeated_words() {
    let v = check_json(&["-"], Some("Teh meeting was was held on the the 11th.\n"));
    let got: Vec<(&str, usize)> = at_warning(&v)
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap(),
                d["column"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("spelling", 1),
            ("repeated-word", 16),
            ("repeated-word", 32)
        ]
    );
}

#[test]
fn directory_with_binary_and_invalid_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), "Teh first file.\n").unwrap();
    fs::write(dir.path().join("b.txt"), b"binary\0data").unwrap();
    fs::write(dir.path().join("c.txt"), b"bad \xff utf8").unwrap();
    fs::write(dir.path().join("d.txt"), "A clean file.\n").unwrap();
    fs::write(dir.path().join("e.rs"), "fn mian() {}\n").unwrap(); // not checked by default
    let assert = copyedit()
        .args(["check", "--format", "concise"])
        .arg(dir.path())
        .assert()
        .code(2);
    let out = assert.get_output();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("a.md:1:1: error[spelling]: unknown word `Teh`"),
        "{stdout}"
    );
    assert!(!stdout.contains("e.rs"), "{stdout}");
    assert!(
        stderr.contains("b.txt: binary file (NUL byte at offset 6)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("c.txt: invalid UTF-8 at byte 4 (line 1)"),
        "{stderr}"
    );
}

#[test]
fn glob_widens_the_walk_and_gitignore_is_respected() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.rst"), "Teh notes.\n").unwrap();
    fs::write(dir.path().join(".gitignore"), "skipped.md\n").unwrap();
    fs::write(dir.path().join("skipped.md"), "Teh skipped.\n").unwrap();
    // Nothing to check there: a warning, exit status 2.
    copyedit()
        .args(["check", "--format", "concise"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "warning: no Markdown or text files found under",
        ));
    copyedit()
        .args(["check", "--format", "concise", "--glob", "*.rst"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("notes.rst:1:1"))
        .stdout(predicate::str::contains("skipped.md").not());
}

#[test]
fn missing_path_is_reported_and_others_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, "Teh one.\n").unwrap();
    copyedit()
        .args(["check", "--format", "concise"])
        .arg(&good)
        .arg(dir.path().join("missing.txt"))
        .assert()
        .code(2)
        .stdout(predicate::str::contains("good.txt:1:1"))
        .stderr(predicate::str::contains(
            "missing.txt: No such file or directory",
        ));
}

#[test]
fn bom_is_skipped_and_offsets_start_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("bom.txt");
    fs::write(&f, b"\xEF\xBB\xBFTeh text.\r\nMore tekst.\r\n").unwrap();
    let out = copyedit()
        .args(["check", "--format", "json"])
        .arg(&f)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    let d = &v["diagnostics"];
    assert_eq!(d[0]["byte_start"], 0);
    assert_eq!(d[1]["line"], 2);
    assert_eq!(d[1]["column"], 6);
}

#[test]
fn explain_and_rules() {
    copyedit()
        .args(["explain", "spelling"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Kremiln"));
    copyedit()
        .args(["explain", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no rule `no-such-rule`"));
    copyedit()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains("spelling"));
}

#[test]
fn usage_errors_exit_two() {
    copyedit()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    copyedit()
        .args(["check", "--lang", "fr", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown language `fr`"));
    copyedit().arg("frobnicate").assert().code(2);
}

#[test]
fn color_only_when_asked() {
    let plain = copyedit()
        .args(["check", "-"])
        .write_stdin("Teh.\n")
        .assert()
        .get_output()
        .stdout
        .clone();
    assert!(!plain.contains(&0x1b), "no escapes when piped");
    let coloured = copyedit()
        .args(["check", "--color", "always", "-"])
        .write_stdin("Teh.\n")
        .assert()
        .get_output()
        .stdout
        .clone();
    assert!(coloured.contains(&0x1b));
}

#[test]
fn markdown_code_is_not_checked() {
    copyedit()
        .args(["check", "--stdin-filename", "doc.md", "-"])
        .write_stdin("Fine text.\n\n```\nteh recieve\n```\n\nAlso `teh` fine.\n")
        .assert()
        .success();
}

#[test]
fn example_article_runs() {
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/article.md");
    copyedit()
        .arg("check")
        .arg(article)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("recieve"))
        .stdout(predicate::str::contains("Code blocks").not());
}

/// News articles written for the tests (names, numbers, money, units,
/// domains, handles, sport and politics): no warning at all, and the same
/// text with typos put in is flagged at each of them.
#[test]
fn news_articles_raise_no_false_alarm_and_catch_typos() {
    for (name, typos) in [
        (
            "news/markets.md",
            &[
                ("told reporters", "told reportes"),
                ("central bank would", "central bank wuold"),
                ("declined to comment", "declined to coment"),
                ("were disrupted", "were disrupted disrupted"),
            ][..],
        ),
        (
            "news/sport-and-world.md",
            &[
                ("opened the scoring", "opened teh scoring"),
                ("half-time", "half-tmie"),
                ("people were killed", "people ere killed"),
                ("agreed to resume", "agreed to to resume"),
            ][..],
        ),
        (
            "news/names-and-phrases.md",
            &[
                ("a sense of", "a snese of"),
                ("long gone", "long gnoe"),
                ("outnumber boomers", "outnumber boomers boomers"),
                ("It was a coup", "Its a coup"),
            ][..],
        ),
        (
            "news/courts-science-business.md",
            &[
                ("had shown no remorse", "had shown no remorce"),
                ("could one day replace", "could one day replcae"),
                ("Officials in British", "Officails in British"),
                ("had sought", "should of sought"),
            ][..],
        ),
    ] {
        let path = fixture(name);
        let v = check_json(&[&path], None);
        let flagged = at_warning(&v);
        assert!(flagged.is_empty(), "{name}: {flagged:#?}");
        let clean = fs::read_to_string(&path).unwrap();
        for (right, wrong) in typos {
            assert!(clean.contains(right), "{name}: {right}");
            let text = clean.replacen(right, wrong, 1);
            let v = check_json(&["--stdin-filename", "a.md", "-"], Some(&text));
            let flagged = at_warning(&v);
            assert_eq!(flagged.len(), 1, "{name}: {wrong}: {flagged:#?}");
            let at = text.find(wrong).unwrap();
            let start = flagged[0]["byte_start"].as_u64().unwrap() as usize;
            assert!(
                (at..at + wrong.len()).contains(&start),
                "{name}: {wrong} flagged at {start}: {flagged:#?}"
            );
        }
    }
}
