//! `copyedit.toml` (or `.copyedit.toml`): project configuration.
//!
//! A file is governed by the nearest configuration file in its directory or
//! the directories above it, up to the root of its repository (a directory
//! with `.git`) ([`Project::config_for`]), unless one is given
//! with `--config` or none is wanted (`--no-config`). Paths in a
//! configuration (`dictionaries`, `include`, `exclude`) are relative to the
//! directory of the file that names them. Unknown keys and bad values are
//! errors that name the file, line and column.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use copyedit_core::config::{line_col, parse_word_list, ConfigError, FailOn, Settings, Written};
use copyedit_core::dictionary::Lang;
use copyedit_core::linter::{Config, RuleLevel};
use copyedit_core::rules::ForbiddenWord;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Deserialize;

use crate::safe_read::{read_regular_to_string, MAX_CONFIG_SIZE};

/// Configuration file names, in order of preference within one directory.
pub const FILE_NAMES: &[&str] = &["copyedit.toml", ".copyedit.toml"];

/// The project word file used when the configuration lists no
/// `dictionaries`: read if it exists, and where `copyedit words add` writes.
pub const DEFAULT_WORD_FILE: &str = "copyedit-words.txt";

/// The word file `copyedit words add` writes to for the configuration at
/// `path`: the first of its `dictionaries` (which need not exist yet), else
/// `copyedit-words.txt` beside it. Only `dictionaries` is read.
///
/// A configuration may only have words written below its own directory:
/// a word file outside it (`../outside.txt`, an absolute path, or a
/// symbolic link that leads out) is an error, so that a repository's
/// `copyedit.toml` cannot make `words add` rewrite or create any file the
/// user may write.
pub fn word_file_of(path: &Path) -> Result<PathBuf, ConfigError> {
    #[derive(Deserialize)]
    struct Dictionaries {
        #[serde(default)]
        dictionaries: Vec<String>,
    }
    let err = |position, message| ConfigError {
        path: path.to_path_buf(),
        position,
        message,
    };
    let text = read_regular_to_string(path, MAX_CONFIG_SIZE)
        .map_err(|e| err(None, format!("cannot read configuration: {e}")))?;
    let d: Dictionaries = toml::from_str(&text).map_err(|e| {
        err(
            e.span().map(|s| line_col(&text, s.start)),
            e.message().trim().to_string(),
        )
    })?;
    let dir = absolute_dir(path.parent().unwrap_or(Path::new("")));
    let (named, file) = match d.dictionaries.first() {
        Some(first) => (first.as_str(), normalize(&dir.join(first))),
        None => (DEFAULT_WORD_FILE, dir.join(DEFAULT_WORD_FILE)),
    };
    if !resolves_below(&file, &dir) {
        return Err(err(
            None,
            format!(
                "word file `{named}` ({}) is outside the directory of its configuration; \
                 `copyedit words add` writes only below it",
                file.display()
            ),
        ));
    }
    Ok(file)
}

/// Whether `file`, with every symbolic link on its way resolved (its
/// directory's, when it does not exist yet), is below `dir` (canonical).
fn resolves_below(file: &Path, dir: &Path) -> bool {
    let resolved = match fs::canonicalize(file) {
        Ok(p) => p,
        // A dangling link would be written through: refuse it.
        Err(_) if file.symlink_metadata().is_ok() => return false,
        Err(_) => match (file.parent().map(fs::canonicalize), file.file_name()) {
            (Some(Ok(parent)), Some(name)) => parent.join(name),
            _ => return false,
        },
    };
    resolved.starts_with(dir)
}

/// A loaded configuration file.
#[derive(Debug, Clone)]
pub struct ProjectConfig {
    /// The file it was read from.
    pub path: PathBuf,
    /// The directory paths in it are relative to (absolute).
    pub dir: PathBuf,
    /// `lang`.
    pub lang: Option<Lang>,
    /// `words` plus the words of every dictionary file.
    pub words: Vec<String>,
    /// `forbid`.
    pub forbid: Vec<ForbiddenWord>,
    /// Project word files read (absolute paths).
    pub dictionaries: Vec<PathBuf>,
    /// `[rules]`.
    pub rules: HashMap<String, RuleLevel>,
    /// `[markdown] front-matter-keys`.
    pub front_matter_keys: Option<Vec<String>>,
    /// `fail-on`.
    pub fail_on: FailOn,
    /// `language-detection` (default true): skip texts and paragraphs in
    /// other languages.
    pub language_detection: bool,
    /// `baseline`: the baseline file (absolute) whose problems are not
    /// reported (`src/baseline.rs`).
    pub baseline: Option<PathBuf>,
    include: Option<Gitignore>,
    exclude: Option<Gitignore>,
}

/// Lexically normalize an absolute path (`a/./b/../c` → `a/c`).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The absolute form of a directory: canonical when it exists.
fn absolute_dir(dir: &Path) -> PathBuf {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    fs::canonicalize(dir).unwrap_or_else(|_| {
        normalize(&std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf()))
    })
}

/// Whether something other than a directory is at `path`: a configuration
/// file there governs, and when it is a link to a device, a FIFO or
/// nothing, it is an error (not passed over for one further up).
fn names_a_file(path: &Path) -> bool {
    match fs::metadata(path) {
        Ok(m) => !m.is_dir(),
        Err(_) => path.symlink_metadata().is_ok(),
    }
}

/// `path` relative to the current directory when it is below it (for
/// messages), else as given.
pub fn display_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| fs::canonicalize(cwd).ok())
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
}

impl ProjectConfig {
    /// Read and check a configuration file (and the word files it names).
    /// Error messages name the file relative to the current directory.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        Self::load_inner(path).map_err(|mut e| {
            e.path = display_path(&e.path);
            e
        })
    }

    fn load_inner(path: &Path) -> Result<Self, ConfigError> {
        let text = read_regular_to_string(path, MAX_CONFIG_SIZE).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            position: None,
            message: format!("cannot read configuration: {e}"),
        })?;
        Self::parse(&text, path)
    }

    /// Check configuration text read from `path` (used for messages and
    /// as the base of relative paths; word files are read from disk).
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let settings = Settings::parse(text, path)?;
        let err =
            |offset: Option<usize>, message: String| ConfigError::at(path, text, offset, message);
        let dir = absolute_dir(path.parent().unwrap_or(Path::new("")));

        let globs = |list: &[Written], key: &str| -> Result<Option<Gitignore>, ConfigError> {
            if list.is_empty() {
                return Ok(None);
            }
            let mut b = GitignoreBuilder::new(&dir);
            for g in list {
                b.add_line(None, &g.value).map_err(|e| {
                    err(
                        Some(g.offset),
                        format!("invalid glob `{}` in `{key}`: {e}", g.value),
                    )
                })?;
            }
            b.build()
                .map(Some)
                .map_err(|e| err(None, format!("invalid `{key}` globs: {e}")))
        };
        let include = globs(&settings.include, "include")?;
        let exclude = globs(&settings.exclude, "exclude")?;

        let mut words = settings.words;
        let mut dictionaries = Vec::new();
        for d in &settings.dictionaries {
            let file = normalize(&dir.join(&d.value));
            let text = read_regular_to_string(&file, MAX_CONFIG_SIZE).map_err(|e| {
                err(
                    Some(d.offset),
                    format!(
                        "cannot read word file `{}` ({}): {e}",
                        d.value,
                        file.display(),
                    ),
                )
            })?;
            words.extend(parse_word_list(&text));
            dictionaries.push(file);
        }
        if settings.dictionaries.is_empty() {
            // Optional, but when it is there it must be a word file: a
            // link to a device or a FIFO is an error, not read.
            let file = dir.join(DEFAULT_WORD_FILE);
            match read_regular_to_string(&file, MAX_CONFIG_SIZE) {
                Ok(text) => {
                    words.extend(parse_word_list(&text));
                    dictionaries.push(file);
                }
                Err(e) if e.is_not_found() => {}
                Err(e) => {
                    return Err(err(
                        None,
                        format!("cannot read word file `{DEFAULT_WORD_FILE}`: {e}"),
                    ))
                }
            }
        }

        let baseline = settings.baseline.map(|b| normalize(&dir.join(b)));
        Ok(ProjectConfig {
            path: path.to_path_buf(),
            dir,
            lang: settings.lang,
            words,
            forbid: settings.forbid,
            dictionaries,
            rules: settings.rules,
            front_matter_keys: settings.front_matter_keys,
            fail_on: settings.fail_on,
            language_detection: settings.language_detection,
            baseline,
            include,
            exclude,
        })
    }

    /// The linter configuration (the command line's `--lang`, when given,
    /// wins over `lang`).
    pub fn linter_config(&self, lang: Option<Lang>) -> Config {
        Config {
            lang: lang.or(self.lang).unwrap_or_default(),
            words: self.words.clone(),
            rules: self.rules.clone(),
            forbid: self.forbid.clone(),
            front_matter_keys: self.front_matter_keys.clone(),
            all_languages: !self.language_detection,
            max_problems: None,
        }
    }

    /// The word file `copyedit words add` writes to: the first of
    /// `dictionaries`, else `copyedit-words.txt` beside the configuration.
    pub fn word_file(&self) -> PathBuf {
        self.dictionaries
            .first()
            .cloned()
            .unwrap_or_else(|| self.dir.join(DEFAULT_WORD_FILE))
    }

    fn matches(gi: Option<&Gitignore>, dir: &Path, path: &Path, is_dir: bool) -> bool {
        let (Some(gi), Ok(rel)) = (gi, path.strip_prefix(dir)) else {
            return false;
        };
        !rel.as_os_str().is_empty() && gi.matched_path_or_any_parents(rel, is_dir).is_ignore()
    }

    /// Whether `include` selects this (absolute) path.
    pub fn includes(&self, path: &Path) -> bool {
        Self::matches(self.include.as_ref(), &self.dir, path, false)
    }

    /// Whether `exclude` rules this (absolute) path out. The project's word
    /// files and baseline are never checked: they are lists, not prose.
    pub fn excludes(&self, path: &Path, is_dir: bool) -> bool {
        if !is_dir
            && (self.dictionaries.iter().any(|d| d == path)
                || path == self.dir.join(DEFAULT_WORD_FILE)
                || self.baseline.as_deref() == Some(path))
        {
            return true;
        }
        Self::matches(self.exclude.as_ref(), &self.dir, path, is_dir)
    }
}

enum Mode {
    Discover,
    Fixed(Arc<ProjectConfig>),
    Disabled,
}

type Loaded = Result<Arc<ProjectConfig>, ConfigError>;

/// Finds the configuration of each checked file, reading each configuration
/// file once and each directory once. Shared between threads.
pub struct Project {
    mode: Mode,
    /// Directory as given → (absolute directory, governing config file).
    dirs: Mutex<HashMap<PathBuf, (PathBuf, Option<PathBuf>)>>,
    /// Absolute directory → governing config file.
    abs_dirs: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    loaded: Mutex<HashMap<PathBuf, Loaded>>,
}

impl fmt::Debug for Project {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = match &self.mode {
            Mode::Discover => "discover".to_string(),
            Mode::Fixed(c) => format!("fixed({})", c.path.display()),
            Mode::Disabled => "disabled".to_string(),
        };
        f.debug_struct("Project").field("mode", &mode).finish()
    }
}

impl Project {
    fn with_mode(mode: Mode) -> Self {
        Project {
            mode,
            dirs: Mutex::new(HashMap::new()),
            abs_dirs: Mutex::new(HashMap::new()),
            loaded: Mutex::new(HashMap::new()),
        }
    }

    /// Find the nearest configuration file above each checked file.
    pub fn discover() -> Self {
        Self::with_mode(Mode::Discover)
    }

    /// Use one configuration file for everything (`--config`).
    pub fn fixed(path: &Path) -> Result<Self, ConfigError> {
        let config = ProjectConfig::load(path)?;
        Ok(Self::with_mode(Mode::Fixed(Arc::new(config))))
    }

    /// No configuration (`--no-config`).
    pub fn disabled() -> Self {
        Self::with_mode(Mode::Disabled)
    }

    /// The absolute path of `path` (its directory resolved), as the
    /// configuration's `include`/`exclude` globs see it.
    pub fn locate(&self, path: &Path) -> PathBuf {
        let (dir, _) = self.dir_info(path.parent().unwrap_or(Path::new("")));
        match path.file_name() {
            Some(name) => dir.join(name),
            None => dir,
        }
    }

    fn dir_info(&self, dir: &Path) -> (PathBuf, Option<PathBuf>) {
        let mut dirs = self.dirs.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = dirs.get(dir) {
            return found.clone();
        }
        let abs = absolute_dir(dir);
        let file = match self.mode {
            Mode::Discover => self.nearest(&abs),
            _ => None,
        };
        dirs.insert(dir.to_path_buf(), (abs.clone(), file.clone()));
        (abs, file)
    }

    /// The configuration file governing `path`, without reading it.
    pub fn config_file_for(&self, path: &Path) -> Option<PathBuf> {
        match &self.mode {
            Mode::Disabled => None,
            Mode::Fixed(c) => Some(c.path.clone()),
            Mode::Discover => self.dir_info(path.parent().unwrap_or(Path::new(""))).1,
        }
    }

    /// The nearest configuration file in `abs` or above.
    fn nearest(&self, abs: &Path) -> Option<PathBuf> {
        let mut seen = Vec::new();
        let mut found = None;
        {
            let cache = self.abs_dirs.lock().unwrap_or_else(PoisonError::into_inner);
            for dir in abs.ancestors() {
                if let Some(f) = cache.get(dir) {
                    found = Some(f.clone());
                    break;
                }
                let here = FILE_NAMES
                    .iter()
                    .map(|n| dir.join(n))
                    .find(|p| names_a_file(p));
                seen.push(dir.to_path_buf());
                if let Some(here) = here {
                    found = Some(Some(here));
                    break;
                }
                // A repository's root (`.git`, a directory or, in a
                // worktree or submodule, a file) is as far as it goes: a
                // configuration above it is not the repository's.
                if dir.join(".git").symlink_metadata().is_ok() {
                    break;
                }
            }
        }
        let found = found.flatten();
        let mut cache = self.abs_dirs.lock().unwrap_or_else(PoisonError::into_inner);
        for dir in seen {
            cache.insert(dir, found.clone());
        }
        found
    }

    /// The configuration governing the file at `path` (for standard input,
    /// pass the name it is reported under, or `./-`). `Ok(None)`: none.
    pub fn config_for(&self, path: &Path) -> Result<Option<Arc<ProjectConfig>>, ConfigError> {
        match &self.mode {
            Mode::Disabled => Ok(None),
            Mode::Fixed(c) => Ok(Some(Arc::clone(c))),
            Mode::Discover => {
                let (_, file) = self.dir_info(path.parent().unwrap_or(Path::new("")));
                let Some(file) = file else {
                    return Ok(None);
                };
                let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
                loaded
                    .entry(file.clone())
                    .or_insert_with(|| ProjectConfig::load(&file).map(Arc::new))
                    .clone()
                    .map(Some)
            }
        }
    }
}

/// The starter configuration `copyedit init` writes.
pub const STARTER: &str = r#"# copyedit configuration. Files are governed by the nearest copyedit.toml
# (or .copyedit.toml) in their directory or above. Paths are relative to
# this file. Run `copyedit rules` for the rule codes.

# English variant: en-US, en-GB, en-CA or en-AU.
lang = "en-US"

# Extra files to check when walking directories (.md, .markdown, .mdx, .txt
# and .text are checked already), and files never to check. Globs use
# .gitignore syntax.
include = []
exclude = []
# exclude = ["CHANGELOG.md", "vendor/"]

# Words accepted everywhere. A word in lowercase is accepted in any case;
# a capitalised one only as written (or in capitals).
words = []

# Project word files: one word a line, `#` starts a comment. Without this
# key, copyedit-words.txt beside this file is read if it exists.
# `copyedit words add WORD...` adds to the first file listed here.
# dictionaries = ["docs/words.txt"]

# Exit with status 1 on problems of this severity or above:
# info, warning, error or never.
fail-on = "warning"

# Texts and paragraphs in other languages are skipped (files are counted
# in the summary). `false`: check every text as English (same as
# `--all-languages`).
# language-detection = true

# Words and phrases always flagged, with an optional replacement.
[forbid]
# "utilise" = "use"
# "in order to" = "to"

# Severity per rule: off, info, warning or error.
[rules]
# spelling = "error"
# a-an = "off"

[markdown]
# Front matter keys whose values are prose.
front-matter-keys = ["title", "description"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ProjectConfig, ConfigError> {
        ProjectConfig::parse(text, Path::new("/nonexistent-dir/copyedit.toml"))
    }

    #[test]
    fn starter_is_valid() {
        let c = parse(STARTER).unwrap();
        assert_eq!(c.lang, Some(Lang::EnUs));
        assert_eq!(c.fail_on, FailOn::Warning);
        assert!(c.forbid.is_empty());
        assert_eq!(
            c.front_matter_keys,
            Some(vec!["title".to_string(), "description".to_string()])
        );
    }

    #[test]
    fn all_keys() {
        let c = parse(
            "lang = \"en-GB\"\nwords = [\"Zorblax\"]\nforbid = [\"utilise\"]\nfail-on = \"error\"\n\n[rules]\nspelling = \"warning\"\na-an = \"off\"\n",
        )
        .unwrap();
        // Each key's parsing is core's (`copyedit_core::config` tests);
        // here, that the discovered file's settings reach the linter.
        assert_eq!(c.lang, Some(Lang::EnGb));
        assert_eq!(c.fail_on, FailOn::Error);
        let lc = c.linter_config(Some(Lang::EnUs));
        assert_eq!(lc.lang, Lang::EnUs);
        assert_eq!(c.linter_config(None).lang, Lang::EnGb);
    }

    #[test]
    fn baseline_is_relative_and_never_checked() {
        let c = parse("baseline = \"ci/copyedit-baseline.txt\"\n").unwrap();
        let file = c.dir.join("ci/copyedit-baseline.txt");
        assert_eq!(c.baseline.as_deref(), Some(file.as_path()));
        assert!(c.excludes(&file, false));
        assert!(!c.excludes(&c.dir.join("ci/notes.txt"), false));
        assert!(parse("").unwrap().baseline.is_none());
        assert!(parse("baseline = 3\n").is_err());
    }

    #[test]
    fn language_detection_switch() {
        assert!(!parse("").unwrap().linter_config(None).all_languages);
        let c = parse("language-detection = false\n").unwrap();
        assert!(!c.language_detection);
        assert!(c.linter_config(None).all_languages);
        assert!(parse("language-detection = \"no\"\n").is_err());
    }

    #[test]
    fn errors_name_line_column_and_key() {
        // The text's own errors (`copyedit_core::config`), with this file's name.
        let e = parse("lang = \"en-US\"\n\nwrods = [\"x\"]\n").unwrap_err();
        assert_eq!(e.position, Some((3, 1)));
        assert!(e
            .to_string()
            .starts_with("/nonexistent-dir/copyedit.toml:3:1: "));

        let e = parse("exclude = [\"{a\"]\n").unwrap_err();
        assert_eq!(e.position, Some((1, 12)));
        assert!(e.message.contains("invalid glob"), "{}", e.message);

        let e = parse("dictionaries = [\"missing.txt\"]\n").unwrap_err();
        assert_eq!(e.position, Some((1, 17)));
        assert!(e.message.contains("cannot read word file `missing.txt`"));
    }

    #[test]
    fn discovery_nearest_wins_and_globs_are_relative() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("docs/inner")).unwrap();
        fs::write(
            root.join("copyedit.toml"),
            "words = [\"rootword\"]\nexclude = [\"drafts/\", \"*.gen.md\"]\ninclude = [\"*.rst\"]\n",
        )
        .unwrap();
        fs::write(root.join("docs/.copyedit.toml"), "words = [\"docsword\"]\n").unwrap();
        fs::write(root.join("docs/copyedit-words.txt"), "fromfile\n").unwrap();
        let p = Project::discover();
        let top = p.config_for(&root.join("a.md")).unwrap().unwrap();
        assert_eq!(top.words, ["rootword"]);
        let inner = p
            .config_for(&root.join("docs/inner/b.md"))
            .unwrap()
            .unwrap();
        assert_eq!(inner.words, ["docsword", "fromfile"]);
        assert_eq!(inner.word_file(), inner.dir.join(DEFAULT_WORD_FILE));
        let abs = p.locate(&root.join("drafts/x.md"));
        assert!(top.excludes(&abs, false));
        assert!(top.excludes(&p.locate(&root.join("sub/y.gen.md")), false));
        assert!(!top.excludes(&p.locate(&root.join("sub/y.md")), false));
        assert!(top.includes(&p.locate(&root.join("sub/z.rst"))));
        let words = p.locate(&root.join("docs/copyedit-words.txt"));
        assert!(inner.excludes(&words, false));
        assert!(Project::disabled()
            .config_for(&root.join("a.md"))
            .unwrap()
            .is_none());
    }

    #[test]
    fn broken_config_is_an_error_for_its_files() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("copyedit.toml"), "nope = 1\n").unwrap();
        let p = Project::discover();
        let e = p.config_for(&tmp.path().join("a.md")).unwrap_err();
        assert_eq!(e.position, Some((1, 1)));
        assert!(e.message.contains("unknown field `nope`"));
    }
}
