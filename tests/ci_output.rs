//! The CI story end to end: the fixture content repository in
//! `tests/fixtures/content-repo` (nested folders, a .gitignore'd folder, an
//! excluded folder, front matter, code, URLs, HTML comments, directives and a
//! copyedit.toml) reports exactly the intended problems in every format.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/content-repo")
}

fn copyedit() -> Command {
    let mut cmd = Command::cargo_bin("copyedit").unwrap();
    cmd.env_remove("NO_COLOR").env("CI", "true");
    cmd
}

/// Run `copyedit check` in the fixture repository; (exit code, stdout, stderr).
fn check_repo(args: &[&str]) -> (i32, String, String) {
    let out = copyedit()
        .current_dir(repo())
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// (path, line, column, rule, severity, message) of every intended problem.
const EXPECTED: &[(&str, usize, usize, &str, &str, &str)] = &[
    (
        "README.md",
        2,
        8,
        "spelling",
        "error",
        "unknown word `Gettting`",
    ),
    (
        "README.md",
        9,
        4,
        "forbidden",
        "warning",
        "`utilise` is forbidden by the project configuration",
    ),
    (
        "blog/2024/post.md",
        3,
        24,
        "spelling",
        "error",
        "unknown word `lerned`",
    ),
    (
        "blog/2024/post.md",
        11,
        14,
        "double-space",
        "info",
        "2 spaces between words (one once rendered)",
    ),
    (
        "docs/components/tabs.mdx",
        13,
        68,
        "spelling",
        "error",
        "unknown word `neww`",
    ),
    (
        "docs/components/tabs.mdx",
        17,
        46,
        "spelling",
        "error",
        "unknown word `recieve`",
    ),
    (
        "docs/guide/intro.md",
        3,
        24,
        "repeated-word",
        "error",
        "repeated word `the`",
    ),
    (
        "docs/guide/intro.md",
        11,
        10,
        "spelling",
        "error",
        "unknown word `recieve`",
    ),
    (
        "docs/guide/intro.md",
        19,
        23,
        "directive",
        "warning",
        "unknown rule `speling` in directive",
    ),
    (
        "docs/notes.txt",
        5,
        24,
        "spelling",
        "error",
        "unknown word `teh`",
    ),
];

type Row = (String, usize, usize, String, String, String);

fn expected() -> Vec<Row> {
    EXPECTED
        .iter()
        .map(|(p, l, c, r, s, m)| {
            (
                p.to_string(),
                *l,
                *c,
                r.to_string(),
                s.to_string(),
                m.to_string(),
            )
        })
        .collect()
}

fn strip_dot(p: &str) -> String {
    p.trim_start_matches("./").to_string()
}

#[test]
fn json_reports_only_the_intended_problems() {
    let (code, out, err) = check_repo(&["--format", "json"]);
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let got: Vec<Row> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                strip_dot(d["path"].as_str().unwrap()),
                d["line"].as_u64().unwrap() as usize,
                d["column"].as_u64().unwrap() as usize,
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, expected());
    assert_eq!(
        v["summary"]["files"], 6,
        "README, intro, api, notes, post, tabs"
    );
    // (docs/words.txt, the project word file, is not prose.)
    // Four in the disabled region, one next line in each of intro.md,
    // notes.txt and tabs.mdx (an MDX `{/* … */}` comment), one ignored word.
    assert_eq!(v["summary"]["suppressed"], 8);
    assert!(v["errors"].as_array().unwrap().is_empty());
    // The forbidden word comes with the configured replacement.
    assert_eq!(
        v["diagnostics"][1]["fixes"][0]["edits"][0]["replacement"],
        "use"
    );
}

#[test]
fn concise_reports_only_the_intended_problems() {
    let (code, out, _) = check_repo(&["--format", "concise"]);
    assert_eq!(code, 1);
    let want: Vec<String> = EXPECTED
        .iter()
        .map(|(p, l, c, r, s, m)| format!("./{p}:{l}:{c}: {s}[{r}]: {m}"))
        .collect();
    let got: Vec<&str> = out.lines().collect();
    assert_eq!(got, want);
}

#[test]
fn human_reports_only_the_intended_problems() {
    let (code, out, _) = check_repo(&["--color", "never"]);
    assert_eq!(code, 1);
    let heads: Vec<&str> = out
        .lines()
        .filter(|l| {
            ["error[", "warning[", "note["]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .collect();
    let want: Vec<String> = EXPECTED
        .iter()
        .map(|(_, _, _, r, s, m)| {
            let s = if *s == "info" { "note" } else { s };
            format!("{s}[{r}]: {m}")
        })
        .collect();
    assert_eq!(heads, want);
    for (p, l, c, ..) in EXPECTED {
        assert!(
            out.contains(&format!("./{p}:{l}:{c}")),
            "{p}:{l}:{c}\n{out}"
        );
    }
    assert!(out.ends_with("10 problems (7 errors, 2 warnings, 1 info) in 5 files\n"));
}

/// Parse one GitHub workflow command: (command, properties, data), checking
/// the escaping rules of the syntax.
fn parse_command(line: &str) -> (String, Vec<(String, String)>, String) {
    let rest = line.strip_prefix("::").expect("starts with ::");
    let (head, data) = rest.split_once("::").expect("`::` before the message");
    let (command, props) = head.split_once(' ').unwrap_or((head, ""));
    assert!(
        ["error", "warning", "notice"].contains(&command),
        "{command}"
    );
    let unescape = |s: &str| {
        s.replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    };
    let props: Vec<(String, String)> = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            assert!(
                ["file", "line", "col", "endLine", "endColumn", "title"].contains(&k),
                "{k}"
            );
            assert!(!v.contains(':'), "unescaped `:` in {v}");
            (k.to_string(), unescape(v))
        })
        .collect();
    assert!(!data.contains('\n') && !data.contains('\r'));
    (command.to_string(), props, unescape(data))
}

#[test]
fn github_reports_only_the_intended_problems() {
    let (code, out, _) = check_repo(&["--format", "github"]);
    assert_eq!(code, 1);
    let mut got = Vec::new();
    for line in out.lines() {
        let (command, props, data) = parse_command(line);
        let prop = |k: &str| {
            props
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("no {k} in {line}"))
        };
        let severity = match command.as_str() {
            "notice" => "info",
            other => other,
        };
        let title = prop("title");
        let rule = title
            .strip_prefix("copyedit(")
            .and_then(|t| t.strip_suffix(')'))
            .unwrap();
        assert_eq!(prop("endLine"), prop("line"));
        assert!(prop("endColumn").parse::<usize>().unwrap() > prop("col").parse().unwrap());
        got.push((
            prop("file"),
            prop("line").parse().unwrap(),
            prop("col").parse().unwrap(),
            rule.to_string(),
            severity.to_string(),
            data.lines().next().unwrap().to_string(),
        ));
    }
    assert_eq!(got, expected());
    assert!(out.contains("%0Ahelp: did you mean `use`?"), "{out}");
}

#[test]
fn github_escaping_of_paths_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a,b:c%.md"), "Teh end.\n").unwrap();
    let out = copyedit()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "github", "a,b:c%.md"])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.starts_with("::error file=a%2Cb%3Ac%25.md,line=1,col=1,endLine=1,endColumn=4,title=copyedit(spelling)::unknown word `Teh`%0Ahelp: did you mean `The`?"),
        "{out}"
    );
    parse_command(out.lines().next().unwrap());
}

/// A validator for the official SARIF 2.1.0 schema (tests/schemas/),
/// checking formats (`uri`, `uri-reference`, `date-time`) too.
fn sarif_validator() -> jsonschema::Validator {
    let mut schema: Value = serde_json::from_str(
        &fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    // The published schema's `language` patterns have a stray `]`
    // (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`), which is not a valid
    // ECMA-262 regex, so the schema fails its own meta-schema. copyedit
    // writes no `language`; use the intended pattern so the schema compiles.
    fn fix_patterns(v: &mut Value) -> usize {
        match v {
            Value::String(s) if s == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" => {
                *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".to_string();
                1
            }
            Value::Array(a) => a.iter_mut().map(fix_patterns).sum(),
            Value::Object(o) => o.values_mut().map(fix_patterns).sum(),
            _ => 0,
        }
    }
    assert!(fix_patterns(&mut schema) >= 1);
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

#[test]
fn sarif_validates_and_reports_only_the_intended_problems() {
    let (code, out, _) = check_repo(&["--format", "sarif"]);
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&out).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // The validator does catch mistakes.
    let mut bad = log.clone();
    bad["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&bad));

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let rule_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(rule_ids.contains(&"spelling") && rule_ids.contains(&"directive"));
    for r in rules {
        assert!(r["help"]["text"].as_str().unwrap().len() > 80);
    }
    let got: Vec<Row> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let id = r["ruleId"].as_str().unwrap();
            let index = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rule_ids[index], id);
            let loc = &r["locations"][0]["physicalLocation"];
            let region = &loc["region"];
            let severity = match r["level"].as_str().unwrap() {
                "note" => "info",
                other => other,
            };
            (
                loc["artifactLocation"]["uri"].as_str().unwrap().to_string(),
                region["startLine"].as_u64().unwrap() as usize,
                region["startColumn"].as_u64().unwrap() as usize,
                id.to_string(),
                severity.to_string(),
                r["message"]["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, expected());
    // A fix as SARIF artifact changes.
    let forbidden = &run["results"][1];
    let replacement = &forbidden["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "use");
    assert_eq!(replacement["deletedRegion"]["startColumn"], 4);
    assert_eq!(replacement["deletedRegion"]["endColumn"], 11);
    assert_eq!(replacement["deletedRegion"]["byteLength"], 7);
}

#[test]
fn sarif_with_suppressed_results_and_unreadable_inputs_validates() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.md"),
        "<!-- copyedit-disable -->\nTeh end.\n",
    )
    .unwrap();
    fs::write(dir.path().join("b.txt"), b"bad \xff").unwrap();
    let out = copyedit()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "sarif",
            "--show-suppressed",
            ".",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = sarif_validator();
    assert!(validator.is_valid(&log));
    let run = &log["runs"][0];
    assert_eq!(run["results"][0]["suppressions"][0]["kind"], "inSource");
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    assert!(
        run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("invalid UTF-8")
    );
}

#[test]
fn json_is_identical_with_one_and_four_threads() {
    let (_, one, _) = check_repo(&["--format", "json", "--threads", "1"]);
    let (_, four, _) = check_repo(&["--format", "json", "--threads", "4"]);
    assert_eq!(one, four);
    // Arguments in another order give the same, sorted output.
    let (_, a, _) = check_repo(&["--format", "json", "docs", "README.md", "blog"]);
    let (_, b, _) = check_repo(&["--format", "json", "blog", "README.md", "docs"]);
    assert_eq!(a, b);
}

#[test]
fn ignored_and_excluded_files_are_not_checked() {
    let (_, out, _) = check_repo(&["--format", "concise"]);
    for skipped in ["build/", "drafts/", "CHANGELOG.md", "api.md"] {
        assert!(!out.contains(skipped), "{skipped} in {out}");
    }
    // `exclude` holds for files named on the command line (pre-commit).
    let (code, out, _) = check_repo(&["--format", "concise", "drafts/wip.md", "CHANGELOG.md"]);
    assert_eq!((code, out.as_str()), (0, ""));
    // Without configuration, the words, word file and rule settings go.
    let (_, out, _) = check_repo(&["--format", "concise", "--no-config", "docs/guide"]);
    assert!(out.contains("unknown word `frobctl`"), "{out}");
    assert!(out.contains("warning[repeated-word]"), "{out}");
}

#[test]
fn list_unknown_counts_words() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), "Teh zorp and teh zorp, teh.\n").unwrap();
    fs::write(dir.path().join("b.txt"), "More zorp and a blarg.\n").unwrap();
    copyedit()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--list-unknown"])
        .assert()
        .success()
        .stdout("      3 zorp\n      2 teh\n      1 Teh\n      1 blarg\n");
}

fn temp_repo(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("copyedit.toml"), config).unwrap();
    dir
}

#[test]
fn config_errors_name_file_line_and_key_and_only_stop_their_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("good")).unwrap();
    fs::create_dir_all(dir.path().join("bad")).unwrap();
    fs::write(dir.path().join("good/a.md"), "Teh one.\n").unwrap();
    fs::write(dir.path().join("bad/b.md"), "Teh two.\n").unwrap();
    fs::write(
        dir.path().join("bad/copyedit.toml"),
        "lang = \"en-GB\"\n\n[rules]\nspelling = \"loud\"\n",
    )
    .unwrap();
    let out = copyedit()
        .current_dir(dir.path())
        .args(["check", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("good/a.md:1:1"), "{stdout}");
    assert!(!stdout.contains("b.md"), "{stdout}");
    assert!(
        stderr.contains(
            "copyedit: error: bad/copyedit.toml:4:12: invalid severity `loud` for rule `spelling`"
        ),
        "{stderr}"
    );

    let dir = temp_repo("lang = \"en-US\"\nwrods = [\"x\"]\n");
    copyedit()
        .current_dir(dir.path())
        .args(["check", "-"])
        .write_stdin("Fine.\n")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "copyedit.toml:2:1: unknown field `wrods`",
        ));

    // --config with a missing file is an error before anything is checked.
    copyedit()
        .args(["check", "--config", "/nonexistent/copyedit.toml", "-"])
        .write_stdin("Fine.\n")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "/nonexistent/copyedit.toml: cannot read configuration",
        ));
}

#[test]
fn explicit_config_lang_and_fail_on() {
    let dir = temp_repo("fail-on = \"error\"\n[rules]\nspelling = \"warning\"\n");
    let run = |args: &[&str]| {
        copyedit()
            .current_dir(dir.path())
            .arg("check")
            .args(args)
            .write_stdin("Teh colour.\n")
            .output()
            .unwrap()
    };
    // Only a warning now: below `fail-on = "error"`.
    let out = run(&["--format", "concise", "-"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("warning[spelling]"));
    assert_eq!(run(&["--no-config", "-"]).status.code(), Some(1));
    let other = temp_repo("words = [\"Teh\"]\n");
    let cfg = other.path().join("copyedit.toml");
    assert_eq!(
        run(&["--config", cfg.to_str().unwrap(), "-"]).status.code(),
        Some(0)
    );
}

#[test]
fn init_writes_a_valid_config_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    copyedit()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .success();
    let text = fs::read_to_string(dir.path().join("copyedit.toml")).unwrap();
    assert!(text.contains("# English variant"));
    copyedit()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists"));
    assert_eq!(
        fs::read_to_string(dir.path().join("copyedit.toml")).unwrap(),
        text
    );
    // The starter config is accepted by `check`.
    copyedit()
        .current_dir(dir.path())
        .args(["check", "-"])
        .write_stdin("Fine.\n")
        .assert()
        .success();
}

#[test]
fn words_add_then_accepted() {
    let dir = temp_repo("dictionaries = [\"docs/words.txt\"]\n");
    fs::create_dir_all(dir.path().join("docs")).unwrap();
    fs::write(dir.path().join("docs/words.txt"), "# words\nzeta\n").unwrap();
    copyedit()
        .current_dir(dir.path().join("docs"))
        .args(["words", "add", "blarg", "Zorp", "zeta"])
        .assert()
        .success()
        .stdout(predicates::str::contains("added 2 words to"))
        .stdout(predicates::str::contains("already listed: zeta"));
    assert_eq!(
        fs::read_to_string(dir.path().join("docs/words.txt")).unwrap(),
        "# words\nblarg\nzeta\nZorp\n"
    );
    copyedit()
        .current_dir(dir.path())
        .args(["check", "--stdin-filename", "x.md", "-"])
        .write_stdin("A blarg here.\n")
        .assert()
        .success();

    // Without `dictionaries`: copyedit-words.txt beside the config, read back.
    let dir = temp_repo("lang = \"en-US\"\n");
    copyedit()
        .current_dir(dir.path())
        .args(["words", "add", "blarg"])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(dir.path().join("copyedit-words.txt")).unwrap(),
        "blarg\n"
    );
    copyedit()
        .current_dir(dir.path())
        .args(["check", "-"])
        .write_stdin("A blarg here.\n")
        .assert()
        .success();

    // No configuration at all: a clear error.
    let empty = tempfile::tempdir().unwrap();
    copyedit()
        .current_dir(empty.path())
        .args(["words", "add", "blarg"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("copyedit init"));
}

#[test]
fn front_matter_keys_are_configurable() {
    let dir = temp_repo("[markdown]\nfront-matter-keys = [\"summary\"]\n");
    let text = "---\ntitle: Teh title\nsummary: A smmary here\n---\n\nBody.\n";
    copyedit()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "p.md",
            "-",
        ])
        .write_stdin(text)
        .assert()
        .code(1)
        .stdout("p.md:3:12: error[spelling]: unknown word `smmary`\n");
    // Defaults without configuration: title and description.
    copyedit()
        .args([
            "check",
            "--no-config",
            "--format",
            "concise",
            "--stdin-filename",
            "p.md",
            "-",
        ])
        .write_stdin(text)
        .assert()
        .code(1)
        .stdout("p.md:2:8: error[spelling]: unknown word `Teh`\n");
}

#[test]
fn include_adds_files_to_walks() {
    let dir = temp_repo("include = [\"*.rst\"]\nexclude = [\"skip/\"]\n");
    fs::create_dir_all(dir.path().join("skip")).unwrap();
    fs::write(dir.path().join("notes.rst"), "Teh notes.\n").unwrap();
    fs::write(dir.path().join("skip/more.rst"), "Teh more.\n").unwrap();
    fs::write(dir.path().join("code.rs"), "fn mian() {}\n").unwrap();
    copyedit()
        .current_dir(dir.path())
        .args(["check", "--format", "concise"])
        .assert()
        .code(1)
        .stdout("./notes.rst:1:1: error[spelling]: unknown word `Teh`\n");
    // A `!glob` on the command line still excludes: nothing is left to
    // check, which is a warning and exit status 2.
    copyedit()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "--glob", "!notes.rst"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("copyedit: warning: no Markdown or text files found under .\n");
}

#[test]
fn new_rules_are_listed_and_explained() {
    copyedit()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicates::str::contains("forbidden"))
        .stdout(predicates::str::contains("directive"));
    copyedit()
        .args(["explain", "directive"])
        .assert()
        .success()
        .stdout(predicates::str::contains("copyedit-disable-next-line"));
    copyedit()
        .args(["explain", "forbidden"])
        .assert()
        .success()
        .stdout(predicates::str::contains("\"utilise\" = \"use\""));
}

#[test]
fn fix_uses_the_configuration_and_fixes_front_matter_titles() {
    let dir = temp_repo("[forbid]\n\"utilise\" = \"use\"\n");
    let f = dir.path().join("doc.md");
    fs::write(
        &f,
        "---\ntitle: We recieve it\nslug: recieve\n---\n\nWe utilise it.\n",
    )
    .unwrap();
    copyedit()
        .current_dir(dir.path())
        .args(["fix", "doc.md"])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(&f).unwrap(),
        "---\ntitle: We receive it\nslug: recieve\n---\n\nWe use it.\n"
    );
}

#[cfg(unix)]
#[test]
fn words_add_keeps_the_word_file_s_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_repo("dictionaries = [\"words.txt\"]\n");
    let file = dir.path().join("words.txt");
    fs::write(&file, "zeta\n").unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
    copyedit()
        .current_dir(dir.path())
        .args(["words", "add", "blarg"])
        .assert()
        .success();
    assert_eq!(fs::read_to_string(&file).unwrap(), "blarg\nzeta\n");
    // Written by a rename over the old file, which kept its mode.
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o640
    );
}
