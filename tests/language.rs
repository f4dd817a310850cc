//! Texts that are not English, and walked files that are not prose, are
//! skipped and counted; named files and `--all-languages` force a check.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn copyedit() -> Command {
    let mut cmd = Command::cargo_bin("copyedit").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("valid JSON output")
}

const ENGLISH: &str = "# Getting started\n\nRun `npm create astro` and follow the prompts. \
                       The wizard asks where to put the project and which template to use.\n";
const ENGLISH_TYPO: &str = "# Notes\n\nThe build will recieve the files from the `src/` folder.\n";
const FRENCH: &str =
    "---\ntitle: Démarrage\n---\n\n# Pour commencer\n\nExécutez `npm create astro` \
                      et suivez les instructions. L'assistant vous demande où placer le projet \
                      et quel modèle utiliser pour votre nouveau site.\n";
const JAPANESE: &str = "# はじめに\n\n`npm create astro`を実行して、プロンプトに従ってください。\
                        ウィザードがプロジェクトの場所とテンプレートを尋ねます。\n";
const COMPILER_OUTPUT: &str = concat!(
    "$ cargo build\n",
    "   Compiling demo v0.1.0 (/tmp/demo)\n",
    "error[E0425]: cannot find value `fooo` in this scope\n",
    " --> src/main.rs:2:13\n",
    "  |\n",
    "2 |     let x = fooo;\n",
    "  |             ^^^^ not found in this scope\n",
    "\n",
    "For more information about this error, try `rustc --explain E0425`.\n",
    "error: could not compile `demo` (bin \"demo\") due to 1 previous error\n",
);
const WORD_LIST: &str = "structs\nnodejs\nepage\nrustc\nmemoize\n";

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    };
    write("docs/en/start.md", ENGLISH);
    write("docs/en/notes.md", ENGLISH_TYPO);
    write("docs/fr/start.md", FRENCH);
    write("docs/ja/start.md", JAPANESE);
    write("logs/output.txt", COMPILER_OUTPUT);
    write("words.txt", WORD_LIST);
    dir
}

/// The `skipped` list as (path relative to `dir`, reason), sorted.
fn skipped_of(v: &Value, dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = Path::new(s["path"].as_str().unwrap());
            let rel = path.strip_prefix(dir).unwrap_or(path);
            (
                rel.to_string_lossy().replace('\\', "/"),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn walk_skips_other_languages_and_program_output() {
    let dir = repo();
    let out = copyedit()
        .args(["check", "--no-config", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["summary"]["files"], 2, "{v:#}");
    assert_eq!(v["summary"]["skipped"], 4, "{v:#}");
    let pair = |p: &str, r: &str| (p.to_string(), r.to_string());
    assert_eq!(
        skipped_of(&v, dir.path()),
        [
            pair("docs/fr/start.md", "not-english"),
            pair("docs/ja/start.md", "not-english"),
            pair("logs/output.txt", "not-prose"),
            pair("words.txt", "not-prose"),
        ]
    );
    for s in v["skipped"].as_array().unwrap() {
        assert!(!s["message"].as_str().unwrap().is_empty());
    }
    // Only the English typo is reported.
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{v:#}");
    assert!(diags[0]["path"].as_str().unwrap().ends_with("notes.md"));
    assert_eq!(diags[0]["message"], "unknown word `recieve`");
}

#[test]
fn human_summary_counts_skipped_files() {
    let dir = repo();
    copyedit()
        .args(["check", "--no-config", "--color", "never"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "in 1 file; skipped 4 files: 2 not English, 2 not prose",
        ));
    fs::remove_file(dir.path().join("logs/output.txt")).unwrap();
    fs::remove_file(dir.path().join("words.txt")).unwrap();
    fs::remove_file(dir.path().join("docs/en/notes.md")).unwrap();
    copyedit()
        .args(["check", "--no-config", "--color", "never"])
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "no problems found in 1 file; skipped 2 files: not English",
        ));
}

#[test]
fn a_named_text_file_is_always_prose() {
    let dir = repo();
    let out = copyedit()
        .args(["check", "--no-config", "--format", "json"])
        .arg(dir.path().join("logs/output.txt"))
        .arg(dir.path().join("words.txt"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["summary"]["skipped"], 0, "{v:#}");
    assert_eq!(v["summary"]["files"], 2);
    assert!(!v["diagnostics"].as_array().unwrap().is_empty());
}

#[test]
fn a_named_foreign_file_is_still_skipped_unless_forced() {
    let dir = repo();
    let fr = dir.path().join("docs/fr/start.md");
    copyedit()
        .args(["check", "--no-config", "--color", "never"])
        .arg(&fr)
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "no problems found in 0 files; skipped 1 file: not English",
        ));
    copyedit()
        .args([
            "check",
            "--no-config",
            "--all-languages",
            "--format",
            "concise",
        ])
        .arg(&fr)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("error[spelling]"));
}

#[test]
fn configuration_can_switch_detection_off() {
    let dir = repo();
    fs::write(
        dir.path().join("copyedit.toml"),
        "language-detection = false\n",
    )
    .unwrap();
    let out = copyedit()
        .args(["check", "--format", "json"])
        .arg(dir.path().join("docs"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["summary"]["skipped"], 0, "{v:#}");
    assert_eq!(v["summary"]["files"], 4);
    let french = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().contains("fr"))
        .count();
    assert!(french > 0);
    // Japanese words are never English misspellings, even then.
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| !d["path"].as_str().unwrap().contains("ja")));
}

#[test]
fn fix_leaves_other_languages_alone() {
    let dir = repo();
    let out = copyedit()
        .args(["fix", "--no-config", "--color", "never"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    let read = |rel: &str| fs::read_to_string(dir.path().join(rel)).unwrap();
    assert_eq!(read("docs/fr/start.md"), FRENCH);
    assert_eq!(read("docs/ja/start.md"), JAPANESE);
    assert_eq!(read("logs/output.txt"), COMPILER_OUTPUT);
    assert_eq!(read("words.txt"), WORD_LIST);
    assert!(read("docs/en/notes.md").contains("receive"));
}

#[test]
fn non_latin_words_and_foreign_paragraphs_in_english_text() {
    let text = "The Russian word мир means peace, and 日本語 is Japanese; \
                the Greek λόγος is a word too.\n\n\
                Ceci est un paragraphe écrit en français pour les lecteurs qui préfèrent \
                cette langue , avec des espaces avant la ponctuation .\n\n\
                The last paragraph has a typo: recieve.\n";
    let out = copyedit()
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--stdin-filename",
        ])
        .arg("page.md")
        .arg("-")
        .write_stdin(text)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    let messages: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages, ["unknown word `recieve`"], "{v:#}");
}

#[test]
fn short_english_pages_full_of_code_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let page = "# API\n\n`fetch()`, `Response`, `Request`: see `src/lib.rs`. Recieve.\n";
    fs::create_dir_all(dir.path().join("es")).unwrap();
    fs::write(dir.path().join("api.md"), page).unwrap();
    fs::write(
        dir.path().join("es/modules.md"),
        "# ES modules\n\nUse `import` and `export` with the `.mjs` extension, and the \
         bundler will recieve them as modules that can be loaded in the browser.\n",
    )
    .unwrap();
    let out = copyedit()
        .args(["check", "--no-config", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    assert_eq!(v["summary"]["skipped"], 0, "{v:#}");
    assert_eq!(v["summary"]["files"], 2);
}
