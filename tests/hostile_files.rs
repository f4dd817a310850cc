//! Hostile environments: file system oddities (symlinks, unreadable
//! files, FIFOs, names that are not UTF-8), configuration files that are
//! not what they seem, output that could forge CI workflow commands, and
//! `fix` writing files safely. Every case asserts what the user sees (exit
//! code and message), not just that nothing panicked. Hostile text itself
//! (sizes, encodings, line endings) is in `hostile.rs`.

mod common;

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::{check, copyedit, run, Run, CLEAN};
use serde_json::Value;

#[cfg(unix)]
#[test]
fn symlink_loop_and_dangling_symlink_in_a_directory() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.md"), "Teh one.\n").unwrap();
    symlink("loop2.md", d.join("loop1.md")).unwrap();
    symlink("loop1.md", d.join("loop2.md")).unwrap();
    symlink("nowhere.md", d.join("dangling.md")).unwrap();
    fs::create_dir(d.join("sub")).unwrap();
    symlink("..", d.join("sub/up")).unwrap();
    // Walking: links are not followed, so the loops and the dangling link
    // are passed over without complaint and the real file is checked once.
    let r = check(&["--format", "concise"], &[d]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.lines(),
        [format!(
            "{}:1:1: error[spelling]: unknown word `Teh`",
            d.join("a.md").display()
        )]
    );
    // Named explicitly, they are errors that say why.
    let r = check(&[], &[&d.join("dangling.md"), &d.join("loop1.md")]);
    assert_eq!(r.code, 2);
    let name = |f: &str| d.join(f).display().to_string();
    assert_eq!(
        r.stderr,
        format!(
            "copyedit: error: {}: No such file or directory\n\
             copyedit: error: {}: Too many levels of symbolic links\n",
            name("dangling.md"),
            name("loop1.md")
        )
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("secret.md");
    fs::write(&f, "Teh secret.\n").unwrap();
    fs::set_permissions(&f, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&f).is_ok() {
        eprintln!("note: unreadable_file skipped: this user (root?) can read a file with mode 000");
        return;
    }
    let other = dir.path().join("other.md");
    fs::write(&other, "Fine.\n").unwrap();
    let r = check(&[], &[&f, &other]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        format!("copyedit: error: {}: Permission denied\n", f.display())
    );
    assert_eq!(
        r.stdout,
        "no problems found in 1 file; 1 file could not be read\n"
    );
}

#[test]
fn stdin_that_is_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copyedit"))
        .args(["check", "-"])
        .stdin(Stdio::from(fs::File::open(dir.path()).unwrap()))
        .output()
        .unwrap();
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        time: Duration::ZERO,
    };
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "copyedit: error: <stdin>: Is a directory\n");
    assert_eq!(
        r.stdout,
        "no problems found in 0 files; 1 file could not be read\n"
    );
}

#[test]
fn directories_and_files_given_as_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("docs");
    fs::create_dir(&d).unwrap();
    fs::write(d.join("a.md"), "Teh.\n").unwrap();
    // A directory with a trailing slash is walked.
    let slash = format!("{}/", d.display());
    let r = run(copyedit().args(["check", "--format", "concise", &slash]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("a.md:1:1: error[spelling]"),
        "{}",
        r.stdout
    );
    // A file with a trailing slash is not a directory.
    let file_slash = format!("{}/a.md/", d.display());
    let r = run(copyedit().args(["check", &file_slash]));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        format!("copyedit: error: {file_slash}: Not a directory\n")
    );
    // An empty directory has nothing to check: a warning, and when it is
    // the only path given, exit status 2 (a mistyped path in CI).
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let r = check(&[], &[&empty]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "no problems found in 0 files\n");
    assert_eq!(
        r.stderr,
        format!(
            "copyedit: warning: no Markdown or text files found under {}\n",
            empty.display()
        )
    );
}

#[test]
fn path_with_spaces_and_non_ascii() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("with spaces");
    fs::create_dir(&d).unwrap();
    let f = d.join("naïve файл 文件.md");
    fs::write(&f, "Teh café.\n").unwrap();
    let r = check(&["--format", "concise"], &[&d]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.lines(),
        [format!(
            "{}:1:1: error[spelling]: unknown word `Teh`",
            f.display()
        )]
    );
    let r = check(&["--format", "json"], &[&f]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["path"], f.display().to_string());
}

#[cfg(target_os = "linux")]
#[test]
fn file_name_that_is_not_utf8() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join(OsStr::from_bytes(b"bad\xffname.md"));
    fs::write(&f, "Teh.\n").unwrap();
    let r = check(&["--format", "concise"], &[dir.path()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("bad\u{fffd}name.md:1:1: error[spelling]"),
        "{}",
        r.stdout
    );
}

#[test]
fn config_file_that_is_not_toml() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("a.md");
    fs::write(&text, "Teh.\n").unwrap();
    let cases: [(&str, &[u8], &str); 3] = [
        ("prose.toml", b"This is not TOML at all.\n", "prose.toml:1:"),
        ("binary.toml", b"\x7fELF\x02\x01\x01\0\0\0", "binary.toml:"),
        ("latin1.toml", b"words = [\"caf\xe9\"]\n", "latin1.toml:"),
    ];
    for (name, bytes, prefix) in cases {
        let cfg = dir.path().join(name);
        fs::write(&cfg, bytes).unwrap();
        let r = check(&["--config", cfg.to_str().unwrap()], &[&text]);
        assert_eq!(r.code, 2, "{name}: {}", r.stdout);
        let expected = format!("copyedit: error: {}", cfg.display()).replace(name, prefix);
        assert!(r.stderr.starts_with(&expected), "{name}: {}", r.stderr);
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
        assert_eq!(r.stdout, "", "{name}: nothing is checked");
    }
    // A broken copyedit.toml found beside the files is named in the error.
    let d = dir.path().join("project");
    fs::create_dir(&d).unwrap();
    fs::write(d.join("copyedit.toml"), "[rules\nspelling = \"off\"\n").unwrap();
    fs::write(d.join("b.md"), "Teh.\n").unwrap();
    let r = check(&[], &[&d]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains(&format!("{}:1:", d.join("copyedit.toml").display())),
        "{}",
        r.stderr
    );
}

/// A FIFO at `path` (no writer ever opens it: reading it would wait forever).
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

/// A run that must finish quickly: a hang is a failure, not a stuck test.
fn run_quickly(cmd: &mut Command) -> Run {
    run(cmd.timeout(Duration::from_secs(60)))
}

#[cfg(unix)]
#[test]
fn configuration_files_are_regular_files_of_bounded_size() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("a.md");
    fs::write(&text, "Teh.\n").unwrap();
    let cases: [(&str, &str); 2] = [
        ("dev-zero", "dictionaries = [\"/dev/zero\"]\n"),
        ("fifo", "dictionaries = [\"words.fifo\"]\n"),
    ];
    for (name, config) in cases {
        let d = dir.path().join(name);
        fs::create_dir(&d).unwrap();
        mkfifo(&d.join("words.fifo"));
        fs::write(d.join("copyedit.toml"), config).unwrap();
        fs::write(d.join("a.md"), "Teh.\n").unwrap();
        let r = run_quickly(copyedit().arg("check").arg(&d));
        assert_eq!(r.code, 2, "{name}: {}", r.stderr);
        assert!(r.stderr.contains("cannot read word file"), "{}", r.stderr);
        assert!(r.stderr.contains("not a regular file"), "{}", r.stderr);
    }
    // The default word file, committed as a link to a device, or a FIFO.
    let linked = dir.path().join("linked");
    fs::create_dir(&linked).unwrap();
    fs::write(linked.join("copyedit.toml"), "").unwrap();
    symlink("/dev/zero", linked.join("copyedit-words.txt")).unwrap();
    fs::write(linked.join("a.md"), "Teh.\n").unwrap();
    let fifo = dir.path().join("fifo-words");
    fs::create_dir(&fifo).unwrap();
    fs::write(fifo.join("copyedit.toml"), "").unwrap();
    mkfifo(&fifo.join("copyedit-words.txt"));
    fs::write(fifo.join("a.md"), "Teh.\n").unwrap();
    for d in [&linked, &fifo] {
        let r = run_quickly(copyedit().arg("check").arg(d));
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr
                .contains("cannot read word file `copyedit-words.txt`: not a regular file"),
            "{}",
            r.stderr
        );
        // `words add` neither reads nor writes through it (a link out of
        // the tree is refused as such).
        let r = run_quickly(copyedit().args(["words", "add", "Zorblax"]).current_dir(d));
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr.contains("not a regular file")
                || r.stderr
                    .contains("is outside the directory of its configuration"),
            "{}",
            r.stderr
        );
    }
    // The configuration itself: a link to a device, a FIFO.
    let cfg = dir.path().join("cfg-link");
    fs::create_dir(&cfg).unwrap();
    symlink("/dev/zero", cfg.join("copyedit.toml")).unwrap();
    fs::write(cfg.join("a.md"), "Teh.\n").unwrap();
    let cfg_fifo = dir.path().join("cfg-fifo");
    fs::create_dir(&cfg_fifo).unwrap();
    mkfifo(&cfg_fifo.join(".copyedit.toml"));
    fs::write(cfg_fifo.join("a.md"), "Teh.\n").unwrap();
    for d in [&cfg, &cfg_fifo] {
        let r = run_quickly(copyedit().arg("check").arg(d));
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr
                .contains("cannot read configuration: not a regular file"),
            "{}",
            r.stderr
        );
        let r = run_quickly(
            copyedit()
                .args(["check", "--config"])
                .arg(fs::read_dir(d).unwrap().next().unwrap().unwrap().path())
                .arg(&text),
        );
        assert_eq!(r.code, 2, "{}", r.stderr);
    }
    // A word file over the limit (sparse: no time or disk spent).
    let big = dir.path().join("big");
    fs::create_dir(&big).unwrap();
    fs::write(
        big.join("copyedit.toml"),
        "dictionaries = [\"words.txt\"]\n",
    )
    .unwrap();
    let f = fs::File::create(big.join("words.txt")).unwrap();
    f.set_len(1 << 30).unwrap();
    fs::write(big.join("a.md"), "Teh.\n").unwrap();
    let r = run_quickly(copyedit().arg("check").arg(&big));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("file is larger than the limit of 10485760 bytes"),
        "{}",
        r.stderr
    );
}

/// Lines of a run's standard output and error that GitHub Actions would
/// take for a workflow command it did not come from copyedit's own
/// annotations: any line starting with `::`, except, with `--format
/// github`, the commands copyedit writes (whose data is escaped).
fn forged_commands(r: &Run, github: bool) -> Vec<String> {
    r.stdout
        .lines()
        .chain(r.stderr.lines())
        .filter(|l| l.trim_start().starts_with("::"))
        .filter(|l| {
            let ours = ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|p| l.starts_with(p));
            // The first property of an annotation names its file.
            let file = l
                .split_once(' ')
                .and_then(|(_, rest)| rest.strip_prefix("file="))
                .map(|v| v.split([',', ':']).next().unwrap_or(""));
            !github || !ours || file == Some("README.md")
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn file_names_and_configuration_cannot_forge_workflow_commands() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "x\n::error file=README.md,line=1,title=Security::Forged annotation\n.md";
    fs::write(dir.path().join(evil), "Teh cat.\n").unwrap();
    // Unreadable too: its name is in an error line.
    let evil_bin = "y\n::error file=README.md,line=1::Forged error\n.md";
    fs::write(dir.path().join(evil_bin), b"bin\0ary\n").unwrap();
    for format in ["human", "concise", "github", "json", "sarif"] {
        let r = run(copyedit()
            .args(["check", "--color", "never", "--format", format])
            .arg(dir.path()));
        assert_eq!(r.code, 2, "{format}: {}", r.stderr);
        let forged = forged_commands(&r, format == "github");
        assert!(forged.is_empty(), "{format}: {forged:?}\n{}", r.stdout);
        // The name is still there, escaped.
        if format == "human" || format == "concise" {
            assert!(
                r.stdout.contains("x\\n::error file=README.md"),
                "{}",
                r.stdout
            );
            assert!(
                r.stderr.contains("y\\n::error file=README.md"),
                "{}",
                r.stderr
            );
        }
        if format == "github" {
            assert!(
                !r.stderr.contains("::"),
                "errors are on stdout: {}",
                r.stderr
            );
        }
    }
    // `fix` warnings and errors, and its diff headers.
    for args in [&["fix", "--format", "concise"][..], &["fix", "--diff"]] {
        let r = run(copyedit().args(args).arg(dir.path()));
        assert!(
            forged_commands(&r, false).is_empty(),
            "{args:?}: {}{}",
            r.stdout,
            r.stderr
        );
    }

    // A rule name in copyedit.toml.
    let proj = dir.path().join("proj");
    fs::create_dir(&proj).unwrap();
    fs::write(
        proj.join("copyedit.toml"),
        "[rules]\n\"spelling\\n::warning::forged rule\" = \"off\"\n",
    )
    .unwrap();
    fs::write(proj.join("a.md"), "Teh cat.\n").unwrap();
    for format in ["human", "concise", "github"] {
        let r = run(copyedit().args(["check", "--format", format]).arg(&proj));
        assert_eq!(r.code, 2, "{format}: {}", r.stderr);
        let forged = forged_commands(&r, format == "github");
        assert!(forged.is_empty(), "{format}: {forged:?}");
        let all = format!("{}{}", r.stdout, r.stderr);
        assert!(
            all.contains("unknown rule `spelling\\n::warning::forged rule`"),
            "{all}"
        );
        // With --config the error comes before any file is read.
        let r = run(copyedit()
            .args(["check", "--format", format, "--config"])
            .arg(proj.join("copyedit.toml"))
            .arg(proj.join("a.md")));
        assert_eq!(r.code, 2);
        let forged = forged_commands(&r, format == "github");
        assert!(forged.is_empty(), "{format}: {forged:?}");
        if format == "github" {
            assert!(
                r.stderr.starts_with("::error title=copyedit::"),
                "{}",
                r.stderr
            );
        }
    }
}

/// `fix`'s temporary files (`.copyedit-*.tmp`) in a directory.
fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".copyedit-") && n.ends_with(".tmp"))
        .collect()
}

#[cfg(unix)]
#[test]
fn fix_leaves_no_temporary_file_when_signalled() {
    use std::os::unix::process::ExitStatusExt;
    // The pause that holds the temporary file open exists in debug builds only.
    if !cfg!(debug_assertions) {
        return;
    }
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        fs::write(&f, "Teh cat sat on the the mat.\n").unwrap();
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("copyedit"))
            .args(["fix", "--format", "concise"])
            .arg(&f)
            .env("COPYEDIT_TEST_PAUSE_MS", "20000")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while temp_files(dir.path()).is_empty() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "no temporary file"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let pid = i32::try_from(child.id()).unwrap();
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(signal), "{status:?}");
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "ended by the signal"
        );
        assert_eq!(
            temp_files(dir.path()),
            Vec::<String>::new(),
            "signal {signal}"
        );
        assert_eq!(
            fs::read_to_string(&f).unwrap(),
            "Teh cat sat on the the mat.\n"
        );
    }
}

#[test]
fn check_passes_over_temporary_files_of_fix() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(".copyedit-Ab12Cd.tmp"), "Teh cat.\n").unwrap();
    fs::write(dir.path().join("a.txt"), format!("{CLEAN}\n")).unwrap();
    let r = check(&["--hidden", "--glob", "*.tmp"], &[dir.path()]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout, "no problems found in 1 file\n");
}

#[cfg(unix)]
#[test]
fn fix_refuses_a_fifo_before_opening_it() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("notes.txt");
    mkfifo(&fifo);
    let r = run_quickly(copyedit().args(["fix"]).arg(&fifo));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("notes.txt: not a regular file (a FIFO); `fix` rewrites only regular files"),
        "{}",
        r.stderr
    );
    let r = run_quickly(
        copyedit()
            .args(["fix", "--interactive"])
            .arg(&fifo)
            .write_stdin(""),
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("not a regular file (a FIFO)"),
        "{}",
        r.stderr
    );
}

#[cfg(unix)]
#[test]
fn fix_as_root_keeps_owner_and_setuid_setgid_bits() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("not root: cannot give a file away; skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, "Teh cat sat on the the mat.\n").unwrap();
    std::os::unix::fs::chown(&f, Some(4321), Some(4321)).unwrap();
    fs::set_permissions(&f, fs::Permissions::from_mode(0o6755)).unwrap();
    let r = run(copyedit().arg("fix").arg(&f));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(fs::read_to_string(&f).unwrap(), "The cat sat on the mat.\n");
    let meta = fs::metadata(&f).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (4321, 4321));
    assert_eq!(meta.permissions().mode() & 0o7777, 0o6755);
}

#[test]
fn configuration_above_the_repository_root_does_not_govern_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("copyedit.toml"),
        "fail-on = \"never\"\n[rules]\nspelling = \"off\"\n",
    )
    .unwrap();
    let repo = dir.path().join("repo");
    fs::create_dir_all(repo.join(".git")).unwrap();
    fs::create_dir_all(repo.join("docs")).unwrap();
    fs::write(repo.join("docs/a.md"), "Teh cat.\n").unwrap();
    // A worktree or submodule has a `.git` file.
    let worktree = dir.path().join("worktree");
    fs::create_dir_all(&worktree).unwrap();
    fs::write(worktree.join(".git"), "gitdir: ../repo/.git/worktrees/w\n").unwrap();
    fs::write(worktree.join("a.md"), "Teh cat.\n").unwrap();
    for root in [&repo, &worktree] {
        let r = check(&["--format", "concise"], &[root]);
        assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
        assert!(r.stdout.contains("error[spelling]"), "{}", r.stdout);
        // `fix` exits by the same rule.
        let r = run(copyedit().args(["fix", "--diff"]).arg(root));
        assert_eq!(r.code, 1, "{}", r.stderr);
    }
    // Outside a repository the parent's configuration still governs.
    let plain = dir.path().join("plain");
    fs::create_dir_all(&plain).unwrap();
    fs::write(plain.join("a.md"), "Teh cat.\n").unwrap();
    let r = check(&["--format", "concise"], &[&plain]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(!r.stdout.contains("spelling"), "{}", r.stdout);
    // `words add` in the repository finds no configuration either.
    let r = run(copyedit()
        .args(["words", "add", "Zorblax"])
        .current_dir(repo.join("docs")));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("no copyedit.toml"), "{}", r.stderr);
}

#[test]
fn words_add_writes_only_below_its_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    fs::create_dir_all(&repo).unwrap();
    let outside = dir.path().join("outside.txt");
    fs::write(&outside, "# not yours\n").unwrap();
    let cases = [
        "dictionaries = [\"../outside.txt\"]\n".to_string(),
        "dictionaries = [\"../created-by-copyedit.txt\"]\n".to_string(),
        format!("dictionaries = [{:?}]\n", outside.display().to_string()),
    ];
    for config in &cases {
        fs::write(repo.join("copyedit.toml"), config).unwrap();
        let r = run(copyedit()
            .args(["words", "add", "Zorblax"])
            .current_dir(&repo));
        assert_eq!(r.code, 2, "{config}: {}", r.stderr);
        assert!(
            r.stderr
                .contains("is outside the directory of its configuration"),
            "{}",
            r.stderr
        );
        assert_eq!(fs::read_to_string(&outside).unwrap(), "# not yours\n");
        assert!(!dir.path().join("created-by-copyedit.txt").exists());
    }
    // A link that leads out, as the default word file.
    #[cfg(unix)]
    {
        fs::write(repo.join("copyedit.toml"), "").unwrap();
        std::os::unix::fs::symlink(&outside, repo.join("copyedit-words.txt")).unwrap();
        let r = run(copyedit()
            .args(["words", "add", "Zorblax"])
            .current_dir(&repo));
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert_eq!(fs::read_to_string(&outside).unwrap(), "# not yours\n");
        fs::remove_file(repo.join("copyedit-words.txt")).unwrap();
    }
    // Below it, in a subdirectory: written.
    fs::create_dir_all(repo.join("docs")).unwrap();
    fs::write(
        repo.join("copyedit.toml"),
        "dictionaries = [\"docs/words.txt\"]\n",
    )
    .unwrap();
    let r = run(copyedit()
        .args(["words", "add", "Zorblax"])
        .current_dir(&repo));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(repo.join("docs/words.txt")).unwrap(),
        "Zorblax\n"
    );
}

#[test]
fn fix_exits_by_fail_on_as_check_does() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("copyedit.toml"), "fail-on = \"never\"\n").unwrap();
    // Nothing to fix; a warning that stays.
    let f = dir.path().join("a.txt");
    fs::write(&f, "He said (hello to the team.\n").unwrap();
    let r = check(&["--format", "concise"], &[&f]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("warning[unbalanced]"), "{}", r.stdout);
    let r = run(copyedit().args(["fix", "--format", "concise"]).arg(&f));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("warning[unbalanced]"), "{}", r.stdout);
    let r = run(copyedit()
        .args(["fix", "--interactive"])
        .arg(&f)
        .write_stdin(""));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // And `fail-on = "info"` fails on an info.
    fs::write(dir.path().join("copyedit.toml"), "fail-on = \"error\"\n").unwrap();
    fs::write(&f, "Teh cat sat (on the mat.\n").unwrap();
    let r = run(copyedit().args(["fix", "--format", "concise"]).arg(&f));
    assert_eq!(
        r.code, 0,
        "fixed the error; the warning stays: {}",
        r.stdout
    );
}
