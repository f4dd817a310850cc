//! Lines changed since a git revision (`copyedit check --changed-since REF`),
//! asked of the `git` binary: the merge base of `REF` and `HEAD` (what a
//! pull request is compared with), `git diff --unified=0` from it to the
//! working tree, and `git ls-files --others` for files git does not track
//! yet (new, so every line counts).

// This module parses another program's output: no unchecked indexing or
// string slicing.
#![cfg_attr(not(test), warn(clippy::indexing_slicing, clippy::string_slice))]

use std::collections::HashMap;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::Command;

use thiserror::Error;

/// Why the changed lines could not be found.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GitError {
    /// The `git` program could not be started.
    #[error("cannot run git ({0}); --changed-since needs git installed")]
    NoGit(String),
    /// The directory is not in a git working tree.
    #[error("{0} is not in a git repository; --changed-since compares with a git revision")]
    NotARepository(String),
    /// The revision is unknown.
    #[error("`{0}` is not a revision of this repository (a branch, tag or commit)")]
    UnknownRevision(String),
    /// The revision and `HEAD` share no history (or it was not fetched).
    #[error(
        "`{0}` and HEAD have no common ancestor; in a shallow clone fetch more history \
         (actions/checkout: `fetch-depth: 0`)"
    )]
    NoMergeBase(String),
    /// Another git command failed.
    #[error("`git {command}` failed: {message}")]
    Failed {
        /// The arguments, for the message.
        command: String,
        /// git's standard error, first line.
        message: String,
    },
}

/// What changed in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// New to git (untracked): every line counts.
    All,
    /// These 1-based lines (half-open ranges, sorted) were added or changed.
    Lines(Vec<Range<usize>>),
}

impl Changed {
    /// Whether any of the 1-based lines `first..=last` changed.
    pub fn touches(&self, first: usize, last: usize) -> bool {
        match self {
            Changed::All => true,
            Changed::Lines(ranges) => {
                // The first range that ends after `first`.
                let i = ranges.partition_point(|r| r.end <= first);
                ranges.get(i).is_some_and(|r| r.start <= last)
            }
        }
    }
}

/// The lines of a working tree changed since a revision.
#[derive(Debug, Clone)]
pub struct ChangedLines {
    /// The repository's top directory (canonical).
    root: PathBuf,
    /// Path relative to `root` (`/`-separated components) → what changed.
    /// A tracked file that is not here did not change.
    files: HashMap<PathBuf, Changed>,
}

fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, GitError> {
    Command::new("git")
        // Paths with non-ASCII letters as they are, not octal-escaped.
        .args(["-c", "core.quotePath=false", "-C"])
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| GitError::NoGit(crate::walk::io_message(&e)))
}

fn first_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let line = text.lines().next().unwrap_or("").trim();
    line.strip_prefix("fatal: ").unwrap_or(line).to_string()
}

fn run(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let out = git(dir, args)?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(GitError::Failed {
            command: args.join(" "),
            message: first_line(&out.stderr),
        })
    }
}

impl ChangedLines {
    /// The lines changed in the working tree of the repository holding
    /// `dir` since the merge base of `reference` and `HEAD`: committed,
    /// staged and unstaged changes, and untracked files that are not
    /// ignored.
    pub fn since(reference: &str, dir: &Path) -> Result<Self, GitError> {
        let top = git(dir, &["rev-parse", "--show-toplevel"])?;
        if !top.status.success() {
            let name = if dir == Path::new(".") {
                "the current directory".to_string()
            } else {
                dir.display().to_string()
            };
            return Err(GitError::NotARepository(name));
        }
        let top = String::from_utf8_lossy(&top.stdout).trim_end().to_string();
        let root = fs::canonicalize(&top).unwrap_or_else(|_| PathBuf::from(&top));
        // `--end-of-options`: a revision that starts with `-` is not an option.
        let commit = format!("{reference}^{{commit}}");
        let verified = git(
            &root,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &commit,
            ],
        )?;
        if !verified.status.success() {
            return Err(GitError::UnknownRevision(reference.to_string()));
        }
        let commit = String::from_utf8_lossy(&verified.stdout).trim().to_string();
        let base = git(&root, &["merge-base", &commit, "HEAD"])?;
        if !base.status.success() {
            return Err(GitError::NoMergeBase(reference.to_string()));
        }
        let base = String::from_utf8_lossy(&base.stdout).trim().to_string();
        let diff = run(
            &root,
            &[
                "diff",
                "--unified=0",
                "--no-color",
                "--no-ext-diff",
                "--no-textconv",
                "--find-renames",
                "--ignore-submodules",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                &base,
                "--",
            ],
        )?;
        let mut files: HashMap<PathBuf, Changed> = parse_diff(&String::from_utf8_lossy(&diff))
            .into_iter()
            .map(|(path, lines)| (PathBuf::from(path), Changed::Lines(lines)))
            .collect();
        let others = run(
            &root,
            &[
                "ls-files",
                "--others",
                "--exclude-standard",
                "-z",
                "--full-name",
            ],
        )?;
        for path in others.split(|&b| b == 0).filter(|p| !p.is_empty()) {
            files.insert(
                PathBuf::from(String::from_utf8_lossy(path).into_owned()),
                Changed::All,
            );
        }
        Ok(ChangedLines { root, files })
    }

    /// What changed in the file at `path` (as given on the command line or
    /// found by the walk); `None` when it did not change or is outside the
    /// repository.
    pub fn for_path(&self, path: &Path) -> Option<&Changed> {
        let abs = fs::canonicalize(path).ok()?;
        let rel = abs.strip_prefix(&self.root).ok()?;
        self.files.get(rel)
    }

    /// Files with changes (for messages and tests).
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// The path of a `+++ b/path` line: C-quoted when it holds unusual
/// characters; `None` for `/dev/null` (a deleted file).
fn diff_path(spec: &str) -> Option<String> {
    let spec = spec.trim_end_matches(['\r', '\n']);
    let unquoted = match spec.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(inner) => unquote(inner),
        // An unquoted name may end with a tab git adds after names with spaces.
        None => spec.strip_suffix('\t').unwrap_or(spec).to_string(),
    };
    unquoted.strip_prefix("b/").map(str::to_string)
}

/// Undo git's C-style quoting of a path (`\t`, `\"`, `\\`, octal bytes).
fn unquote(s: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut bytes = s.bytes().peekable();
    while let Some(b) = bytes.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        match bytes.next() {
            Some(b'n') => out.push(b'\n'),
            Some(b't') => out.push(b'\t'),
            Some(b'r') => out.push(b'\r'),
            Some(b'a') => out.push(7),
            Some(b'b') => out.push(8),
            Some(b'f') => out.push(12),
            Some(b'v') => out.push(11),
            Some(d @ b'0'..=b'7') => {
                let mut v = u32::from(d - b'0');
                for _ in 0..2 {
                    match bytes.peek() {
                        Some(&o @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(o - b'0');
                            bytes.next();
                        }
                        _ => break,
                    }
                }
                out.push(u8::try_from(v & 0xff).unwrap_or(b'?'));
            }
            Some(other) => out.push(other),
            None => out.push(b'\\'),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `+c,d` or `+c` of a hunk header → (start, count).
fn hunk_side(spec: &str) -> Option<(usize, usize)> {
    let spec = spec.get(1..)?;
    match spec.split_once(',') {
        Some((start, count)) => Some((start.parse().ok()?, count.parse().ok()?)),
        None => Some((spec.parse().ok()?, 1)),
    }
}

/// The added or changed lines of each file in a `git diff --unified=0`
/// (new side, 1-based, half-open ranges), by path relative to the
/// repository. Deleted files are left out; a file whose only change is
/// deleted lines or its mode has no ranges.
pub fn parse_diff(diff: &str) -> HashMap<String, Vec<Range<usize>>> {
    let mut files: HashMap<String, Vec<Range<usize>>> = HashMap::new();
    let mut current: Option<String> = None;
    // Lines left in the current hunk (old side, new side): a content line
    // may itself start with `+++` or `@@`.
    let mut left = (0usize, 0usize);
    for line in diff.split('\n') {
        if left.0 > 0 || left.1 > 0 {
            match line.as_bytes().first() {
                Some(b'-') => left.0 = left.0.saturating_sub(1),
                Some(b'+') => left.1 = left.1.saturating_sub(1),
                Some(b'\\') => {}
                _ => left = (0, 0),
            }
            if left.0 > 0 || left.1 > 0 || matches!(line.as_bytes().first(), Some(b'-' | b'+')) {
                continue;
            }
        }
        if line.starts_with("diff --git ") {
            current = None;
        } else if let Some(spec) = line.strip_prefix("+++ ") {
            current = diff_path(spec);
            if let Some(path) = &current {
                files.entry(path.clone()).or_default();
            }
        } else if let Some(header) = line.strip_prefix("@@ ") {
            let mut parts = header.split(' ');
            let old = parts.next().and_then(hunk_side);
            let new = parts.next().and_then(hunk_side);
            if let (Some((_, old_count)), Some((start, count))) = (old, new) {
                left = (old_count, count);
                if let (Some(path), true) = (&current, count > 0) {
                    files
                        .entry(path.clone())
                        .or_default()
                        .push(start..start + count);
                }
            }
        }
    }
    for ranges in files.values_mut() {
        ranges.sort_by_key(|r| r.start);
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_the_new_side_lines() {
        let diff = "\
diff --git a/docs/a.md b/docs/a.md
index 1111111..2222222 100644
--- a/docs/a.md
+++ b/docs/a.md
@@ -3 +3 @@ intro
-old line
+new line
@@ -10,0 +11,2 @@ more
++++ a content line that looks like a header
+@@ -1 +1 @@ and another
@@ -20,2 +22,0 @@
-gone
-gone too
diff --git a/gone.md b/gone.md
deleted file mode 100644
--- a/gone.md
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git a/new.md b/new.md
new file mode 100644
--- /dev/null
+++ b/new.md
@@ -0,0 +1,3 @@
+a
+b
+c
diff --git \"a/caf\\303\\251 x.md\" \"b/caf\\303\\251 x.md\"
--- \"a/caf\\303\\251 x.md\"
+++ \"b/caf\\303\\251 x.md\"
@@ -1 +1 @@
-x
+y
";
        let files = parse_diff(diff);
        assert_eq!(files["docs/a.md"], vec![3..4, 11..13]);
        assert_eq!(files["new.md"], vec![1..4]);
        assert_eq!(files["café x.md"], vec![1..2]);
        assert!(!files.contains_key("gone.md"));
        assert!(!files.contains_key("a content line that looks like a header"));
        assert_eq!(files.len(), 3);
    }

    #[test]
    fn touches_lines() {
        let c = Changed::Lines(vec![3..4, 11..13]);
        assert!(c.touches(3, 3));
        assert!(!c.touches(4, 10));
        assert!(c.touches(10, 11));
        assert!(c.touches(12, 20));
        assert!(!c.touches(13, 20));
        assert!(!c.touches(1, 2));
        assert!(Changed::All.touches(1, 1));
        assert!(!Changed::Lines(Vec::new()).touches(1, 1));
    }

    #[test]
    fn quoted_paths() {
        assert_eq!(unquote(r#"a\tb\"c\\d\303\251"#), "a\tb\"c\\dé");
        assert_eq!(diff_path("b/plain name.md\t"), Some("plain name.md".into()));
        assert_eq!(diff_path("/dev/null"), None);
    }
}
