//! `copyedit.toml` text: parsing and checking, without the file system.
//!
//! [`Settings::parse`] turns a configuration's text into checked settings,
//! with the paths it names (`dictionaries`, `include`, `exclude`,
//! `baseline`) still as written: reading word files, resolving paths and
//! matching globs is the caller's (the CLI's `config` module). Unknown keys
//! and bad values are errors that name the file, line and column.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::dictionary::Lang;
use crate::linter::RuleLevel;
use crate::rules::{find, ForbiddenWord, RULES};

/// The lowest severity that makes `copyedit check` exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailOn {
    /// Any problem.
    Info,
    /// Warnings and errors (the default).
    #[default]
    Warning,
    /// Errors only.
    Error,
    /// Never: problems are reported, the exit status stays 0.
    Never,
}

impl FailOn {
    /// Whether a problem of this severity fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Info => true,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Error => severity >= Severity::Error,
            FailOn::Never => false,
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "info" => Some(FailOn::Info),
            "warning" => Some(FailOn::Warning),
            "error" => Some(FailOn::Error),
            "never" => Some(FailOn::Never),
            _ => None,
        }
    }
}

/// A configuration file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The configuration file.
    pub path: PathBuf,
    /// 1-based line and column (in characters) of the offending key or value.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl ConfigError {
    /// `path:line:col`, or just the path.
    pub fn location(&self) -> String {
        match self.position {
            Some((line, col)) => format!("{}:{line}:{col}", self.path.display()),
            None => self.path.display().to_string(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)
    }
}

impl std::error::Error for ConfigError {}

/// `forbid = ["word", ...]` or `[forbid] "word" = "replacement"`.
#[derive(Debug, Default)]
struct Forbid(Vec<(String, Option<String>)>);

impl<'de> Deserialize<'de> for Forbid {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Forbid;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of words or a table of `\"word\" = \"replacement\"`")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Forbid, A::Error> {
                let mut out = Vec::new();
                while let Some(w) = seq.next_element::<String>()? {
                    out.push((w, None));
                }
                Ok(Forbid(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Forbid, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    out.push((k, Some(v)));
                }
                Ok(Forbid(out))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawMarkdown {
    front_matter_keys: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    lang: Option<Spanned<String>>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    forbid: Forbid,
    #[serde(default)]
    dictionaries: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    markdown: RawMarkdown,
    fail_on: Option<Spanned<String>>,
    language_detection: Option<bool>,
    baseline: Option<String>,
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The dotted key (`rules.spelling`, `words`) whose key or value covers
/// byte `offset` of a TOML text, when the text parses.
fn key_at(text: &str, offset: usize) -> Option<String> {
    use toml::de::{DeTable, DeValue};
    fn walk(table: &DeTable<'_>, offset: usize, path: &mut Vec<String>) -> bool {
        for (k, v) in table {
            path.push(k.get_ref().to_string());
            if k.span().contains(&offset) {
                return true;
            }
            // A `[table]`'s span may not cover its body: look inside first.
            if let DeValue::Table(t) = v.get_ref() {
                if walk(t, offset, path) {
                    return true;
                }
            }
            if v.span().contains(&offset) {
                return true;
            }
            path.pop();
        }
        false
    }
    let table = DeTable::parse(text).ok()?;
    let mut path = Vec::new();
    walk(table.get_ref(), offset, &mut path).then(|| path.join("."))
}

/// Parse the lines of a word file: one word a line; blank lines and
/// everything from a `#` at the start of a line or after white space are
/// ignored.
pub fn parse_word_list(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| word_of_line(line.trim_start_matches('\u{feff}')))
        .map(str::to_string)
        .collect()
}

/// The word on one line of a word file, if any (see [`parse_word_list`]).
pub fn word_of_line(line: &str) -> Option<&str> {
    let word = match line.find('#') {
        Some(0) => "",
        Some(i) => match line.get(..i) {
            Some(before) if before.ends_with([' ', '\t']) => before,
            _ => line,
        },
        None => line,
    }
    .trim();
    (!word.is_empty()).then_some(word)
}

/// A path or glob as a configuration writes it, with the byte offset of its
/// value in the text (for errors about it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The string as written.
    pub value: String,
    /// Byte offset of the value in the configuration text.
    pub offset: usize,
}

impl From<Spanned<String>> for Written {
    fn from(s: Spanned<String>) -> Self {
        Written {
            offset: s.span().start,
            value: s.into_inner(),
        }
    }
}

/// A configuration file's settings, checked, with the paths and globs it
/// names as written (relative to its directory).
#[derive(Debug, Clone)]
pub struct Settings {
    /// `lang`.
    pub lang: Option<Lang>,
    /// `words` (without the words of the word files).
    pub words: Vec<String>,
    /// `forbid`.
    pub forbid: Vec<ForbiddenWord>,
    /// `[rules]`.
    pub rules: HashMap<String, RuleLevel>,
    /// `[markdown] front-matter-keys`.
    pub front_matter_keys: Option<Vec<String>>,
    /// `fail-on`.
    pub fail_on: FailOn,
    /// `language-detection` (default true).
    pub language_detection: bool,
    /// `include` globs (`.gitignore` syntax).
    pub include: Vec<Written>,
    /// `exclude` globs (`.gitignore` syntax).
    pub exclude: Vec<Written>,
    /// `dictionaries`: the project word files.
    pub dictionaries: Vec<Written>,
    /// `baseline`: the baseline file.
    pub baseline: Option<String>,
}

impl ConfigError {
    /// An error in the configuration `text` read from `path`, at byte
    /// `offset` of it when known.
    pub fn at(path: &Path, text: &str, offset: Option<usize>, message: String) -> Self {
        ConfigError {
            path: path.to_path_buf(),
            position: offset.map(|o| line_col(text, o)),
            message,
        }
    }
}

impl Settings {
    /// Check configuration text read from `path` (used for messages only).
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let err =
            |offset: Option<usize>, message: String| ConfigError::at(path, text, offset, message);
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let at = e.span().map(|s| s.start);
            let mut message = e.message().trim().to_string();
            if let Some(key) = at.and_then(|at| key_at(text, at)) {
                if !message.contains(&format!("`{key}`")) {
                    message = format!("`{key}`: {message}");
                }
            }
            err(at, message)
        })?;

        let lang = match &raw.lang {
            Some(l) => Some(
                l.get_ref()
                    .parse::<Lang>()
                    .map_err(|m| err(Some(l.span().start), format!("`lang`: {m}")))?,
            ),
            None => None,
        };

        let mut rules = HashMap::new();
        for (code, level) in &raw.rules {
            if find(code.get_ref()).is_none() {
                let near = RULES
                    .iter()
                    .map(|r| {
                        let c = r.meta.code;
                        (strsim::damerau_levenshtein(code.get_ref(), c), c)
                    })
                    .min()
                    .filter(|(d, _)| *d <= 2)
                    .map(|(_, c)| format!("; did you mean `{c}`?"))
                    .unwrap_or_else(|| {
                        let codes: Vec<&str> = RULES.iter().map(|r| r.meta.code).collect();
                        format!(" (rules: {})", codes.join(", "))
                    });
                return Err(err(
                    Some(code.span().start),
                    format!("unknown rule `{}` in [rules]{near}", code.get_ref()),
                ));
            }
            let parsed = match level.get_ref().as_str() {
                "off" => RuleLevel::Off,
                "info" => RuleLevel::On(Severity::Info),
                "warning" => RuleLevel::On(Severity::Warning),
                "error" => RuleLevel::On(Severity::Error),
                other => {
                    return Err(err(
                        Some(level.span().start),
                        format!(
                            "invalid severity `{other}` for rule `{}` (expected off, info, warning or error)",
                            code.get_ref()
                        ),
                    ))
                }
            };
            rules.insert(code.get_ref().clone(), parsed);
        }

        let fail_on = match &raw.fail_on {
            Some(f) => FailOn::parse(f.get_ref()).ok_or_else(|| {
                err(
                    Some(f.span().start),
                    format!(
                        "invalid `fail-on` value `{}` (expected info, warning, error or never)",
                        f.get_ref()
                    ),
                )
            })?,
            None => FailOn::default(),
        };

        Ok(Settings {
            lang,
            words: raw.words,
            forbid: raw
                .forbid
                .0
                .into_iter()
                .map(|(w, r)| ForbiddenWord::new(w, r))
                .collect(),
            rules,
            front_matter_keys: raw.markdown.front_matter_keys,
            fail_on,
            language_detection: raw.language_detection.unwrap_or(true),
            include: raw.include.into_iter().map(Written::from).collect(),
            exclude: raw.exclude.into_iter().map(Written::from).collect(),
            dictionaries: raw.dictionaries.into_iter().map(Written::from).collect(),
            baseline: raw.baseline,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings, ConfigError> {
        Settings::parse(text, Path::new("/nonexistent-dir/copyedit.toml"))
    }

    #[test]
    fn all_keys() {
        let c = parse(
            "lang = \"en-GB\"\nwords = [\"Zorblax\"]\nforbid = [\"utilise\"]\nfail-on = \"error\"\n\n[rules]\nspelling = \"warning\"\na-an = \"off\"\n",
        )
        .unwrap();
        assert_eq!(c.lang, Some(Lang::EnGb));
        assert_eq!(c.words, ["Zorblax"]);
        assert_eq!(c.forbid[0].word, "utilise");
        assert_eq!(c.forbid[0].replacement, None);
        assert_eq!(c.fail_on, FailOn::Error);
        assert_eq!(
            c.rules.get("spelling"),
            Some(&RuleLevel::On(Severity::Warning))
        );
        assert_eq!(c.rules.get("a-an"), Some(&RuleLevel::Off));
    }

    #[test]
    fn paths_and_globs_are_kept_as_written() {
        let c = parse(
            "include = [\"*.rst\"]\nexclude = [\"drafts/\"]\ndictionaries = [\"docs/words.txt\"]\nbaseline = \"ci/b.txt\"\n",
        )
        .unwrap();
        assert_eq!(c.include[0].value, "*.rst");
        assert_eq!(c.exclude[0].value, "drafts/");
        assert_eq!(c.dictionaries[0].value, "docs/words.txt");
        assert_eq!(c.dictionaries[0].offset, 58);
        assert_eq!(c.baseline.as_deref(), Some("ci/b.txt"));
        assert!(c.language_detection);
        assert!(
            !parse("language-detection = false\n")
                .unwrap()
                .language_detection
        );
    }

    #[test]
    fn fail_on_thresholds() {
        assert!(FailOn::Info.fails(Severity::Info));
        assert!(!FailOn::Warning.fails(Severity::Info));
        assert!(FailOn::Warning.fails(Severity::Warning));
        assert!(!FailOn::Error.fails(Severity::Warning));
        assert!(FailOn::Error.fails(Severity::Error));
        assert!(!FailOn::Never.fails(Severity::Error));
    }

    #[test]
    fn forbid_table_form() {
        let c = parse("[forbid]\n\"utilise\" = \"use\"\n").unwrap();
        assert_eq!(c.forbid[0].replacement.as_deref(), Some("use"));
    }

    #[test]
    fn errors_name_line_column_and_key() {
        let e = parse("lang = \"en-US\"\n\nwrods = [\"x\"]\n").unwrap_err();
        assert_eq!(e.position, Some((3, 1)));
        assert!(e.message.contains("unknown field `wrods`"), "{}", e.message);
        assert!(e
            .to_string()
            .starts_with("/nonexistent-dir/copyedit.toml:3:1: "));

        let e = parse("[rules]\nspeling = \"error\"\n").unwrap_err();
        assert_eq!(e.position, Some((2, 1)));
        assert!(
            e.message.contains("did you mean `spelling`"),
            "{}",
            e.message
        );

        let e = parse("[rules]\nspelling = \"loud\"\n").unwrap_err();
        assert_eq!(e.position, Some((2, 12)));
        assert!(
            e.message.contains("invalid severity `loud`"),
            "{}",
            e.message
        );

        let e = parse("lang = \"fr\"\n").unwrap_err();
        assert_eq!(e.position, Some((1, 8)));

        let e = parse("fail-on = \"sometimes\"\n").unwrap_err();
        assert!(e.message.contains("fail-on"), "{}", e.message);

        let e = parse("[markdown]\nfront-matter = []\n").unwrap_err();
        assert_eq!(e.position, Some((2, 1)));

        let e = parse("words = \"x\"\n").unwrap_err();
        assert_eq!(e.position, Some((1, 9)));
        assert!(
            e.message.starts_with("`words`: invalid type"),
            "{}",
            e.message
        );
        let e = parse("[forbid]\n\"utilise\" = 1\n").unwrap_err();
        assert_eq!(e.position, Some((2, 13)));
        assert!(e.message.starts_with("`forbid.utilise`: "), "{}", e.message);

        let e = parse("forbid = 3\n").unwrap_err();
        assert!(e.message.contains("list of words"), "{}", e.message);
        assert!(parse("baseline = 3\n").is_err());
    }

    #[test]
    fn word_lists() {
        assert_eq!(
            parse_word_list("# header\nfoo\n\n  bar  # note\nbaz#qux\n"),
            ["foo", "bar", "baz#qux"]
        );
    }
}
