//! `evaluate repos`: what a zero-configuration `copyedit check DIR` does on
//! real content repositories, and how often it is right.
//!
//! ```text
//! evaluate repos [--bin PATH] [--labels FILE] DIR...
//! evaluate repos [--bin PATH] --sample N [--seed S] --out FILE DIR...
//! ```
//!
//! Each DIR is checked by the release binary (`target/release/copyedit`,
//! or `--bin`, or `$COPYEDIT_BIN`: build it first) exactly as a user would
//! run it, with `--format json`. Per repository: files checked and skipped
//! (by reason), words of prose in the checked files, flags at warning level
//! and above per 10k words, by rule, info notes, Safe fixes, and wall time.
//!
//! `--labels FILE` reads a labelled sample (TSV: `path line column rule
//! text label note`, label one of `true`, `true-badfix`, `false`,
//! `debatable`; `#` lines are comments) and reports, for the flags the tool
//! makes today that the sample labels, precision per rule (warning and
//! above) and for Safe fixes of any level (`true` only: a Safe fix must
//! also be the right correction).
//! Flags the sample does not label are counted, so a changed tool shows
//! what needs labelling; labels that no longer match a flag are counted too.
//!
//! `--sample N --seed S --out FILE` draws N flags at warning level and above
//! (with `--safe-only`: N flags of any level whose first fix is Safe, as
//! `copyedit fix` would apply) at random (deterministic) from all DIRs and writes them as TSV with the
//! label column empty and the line as context, for labelling by hand.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use copyedit::walk::{discover, Source, WalkOptions};
use copyedit_core::tokenize::{tokenize, TokenKind};
use copyedit_core::{Document, Format};
use serde_json::Value;

/// One flag as the JSON report gives it.
#[derive(Debug, Clone)]
struct Flag {
    path: String,
    line: u64,
    column: u64,
    rule: String,
    severity: String,
    text: String,
    safe: bool,
    first_fix: String,
    context: String,
}

fn binary(explicit: Option<&str>) -> PathBuf {
    if let Some(b) = explicit {
        return PathBuf::from(b);
    }
    if let Ok(b) = std::env::var("COPYEDIT_BIN") {
        return PathBuf::from(b);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/copyedit")
}

/// Words of prose in a file, as the tokenizer counts them.
fn prose_words(path: &Path) -> usize {
    let Ok(text) = std::fs::read_to_string(path) else {
        return 0;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let doc = Document::parse(text, Format::from_path(path));
    tokenize(&doc)
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count()
}

struct RepoRun {
    flags: Vec<Flag>,
    skipped: Vec<(String, String)>,
    errors: usize,
    words: usize,
    files: usize,
    seconds: f64,
}

fn run_repo(bin: &Path, dir: &str) -> Result<RepoRun, String> {
    let start = Instant::now();
    let out = Command::new(bin)
        .args(["check", "--format", "json", "--color", "never", dir])
        .output()
        .map_err(|e| {
            format!(
                "{}: {e} (build it with `cargo build --release`)",
                bin.display()
            )
        })?;
    let seconds = start.elapsed().as_secs_f64();
    let json: Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("{dir}: the report is not JSON: {e}"))?;
    let mut skipped = Vec::new();
    if let Some(list) = json.get("skipped").and_then(Value::as_array) {
        for s in list {
            let path = s.get("path").and_then(Value::as_str).unwrap_or("");
            let reason = s.get("reason").and_then(Value::as_str).unwrap_or("skipped");
            skipped.push((path.to_string(), reason.to_string()));
        }
    }
    let skipped_paths: std::collections::HashSet<&str> =
        skipped.iter().map(|(p, _)| p.as_str()).collect();
    let (sources, _) = discover(&[PathBuf::from(dir)], &WalkOptions::default());
    let mut words = 0;
    let mut files = 0;
    for s in &sources {
        if let Source::File(p) = s {
            if skipped_paths.contains(p.to_string_lossy().as_ref()) {
                continue;
            }
            files += 1;
            words += prose_words(p);
        }
    }
    let mut texts: HashMap<String, Option<String>> = HashMap::new();
    let mut flags = Vec::new();
    for d in json
        .get("diagnostics")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let s = |k: &str| d.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let n = |k: &str| d.get(k).and_then(Value::as_u64).unwrap_or(0);
        let path = s("path");
        let text = texts.entry(path.clone()).or_insert_with(|| {
            std::fs::read_to_string(&path)
                .ok()
                .map(|t| t.strip_prefix('\u{feff}').unwrap_or(&t).to_string())
        });
        let (b0, b1) = (n("byte_start") as usize, n("byte_end") as usize);
        let line = n("line");
        let (flagged, context) = match text {
            Some(t) => (
                t.get(b0..b1).unwrap_or("").to_string(),
                t.lines()
                    .nth(line.saturating_sub(1) as usize)
                    .unwrap_or("")
                    .to_string(),
            ),
            None => (String::new(), String::new()),
        };
        let first = d
            .get("fixes")
            .and_then(Value::as_array)
            .and_then(|f| f.first());
        let safe = first
            .and_then(|f| f.get("applicability"))
            .and_then(Value::as_str)
            == Some("safe");
        let first_fix = first
            .and_then(|f| f.get("title"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        flags.push(Flag {
            path,
            line,
            column: n("column"),
            rule: s("rule"),
            severity: s("severity"),
            text: flagged,
            safe,
            first_fix,
            context,
        });
    }
    let errors = json
        .get("errors")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    Ok(RepoRun {
        flags,
        skipped,
        errors,
        words,
        files,
        seconds,
    })
}

fn one_line(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn key(path: &str, line: u64, column: u64, rule: &str) -> String {
    format!("{path}\t{line}\t{column}\t{rule}")
}

/// Labels by key: (label, flagged text).
fn read_labels(file: &str) -> Result<HashMap<String, (String, String)>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let mut out = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let [path, l, c, rule, flagged, label, ..] = f.as_slice() else {
            return Err(format!(
                "{file}:{}: expected 6+ tab-separated fields",
                i + 1
            ));
        };
        if !matches!(*label, "true" | "true-badfix" | "false" | "debatable") {
            return Err(format!("{file}:{}: unknown label `{label}`", i + 1));
        }
        let (Ok(l), Ok(c)) = (l.parse::<u64>(), c.parse::<u64>()) else {
            return Err(format!("{file}:{}: bad line or column", i + 1));
        };
        out.insert(
            key(path, l, c, rule),
            (label.to_string(), flagged.to_string()),
        );
    }
    Ok(out)
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "-".into()
    } else {
        format!("{:.1}%", 100.0 * n as f64 / d as f64)
    }
}

pub fn repos(args: &[String]) -> Result<(), String> {
    let mut bin = None;
    let mut labels = None;
    let mut sample: Option<usize> = None;
    let mut seed = 1u64;
    let mut out_file = None;
    let mut safe_only = false;
    let mut list: Option<String> = None;
    let mut dirs = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--bin" => bin = Some(value()?),
            "--labels" => labels = Some(value()?),
            "--sample" => sample = Some(value()?.parse().map_err(|e| format!("--sample: {e}"))?),
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => out_file = Some(value()?),
            "--safe-only" => safe_only = true,
            "--list" => list = Some(value()?),
            _ => dirs.push(a.clone()),
        }
    }
    if dirs.is_empty() {
        return Err("repos: name at least one directory".into());
    }
    let bin = binary(bin.as_deref());
    let mut all = Vec::new();
    let at_warning = |f: &Flag| f.severity == "error" || f.severity == "warning";
    for dir in &dirs {
        let run = run_repo(&bin, dir)?;
        let warn: Vec<&Flag> = run.flags.iter().filter(|f| at_warning(f)).collect();
        let per10k = |n: usize| {
            if run.words == 0 {
                0.0
            } else {
                n as f64 * 10_000.0 / run.words as f64
            }
        };
        let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &warn {
            *by_rule.entry(f.rule.as_str()).or_default() += 1;
        }
        let infos = run.flags.len() - warn.len();
        let safe = run.flags.iter().filter(|f| f.safe).count();
        let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, r) in &run.skipped {
            *reasons.entry(r.as_str()).or_default() += 1;
        }
        println!("== {dir}");
        println!(
            "  files checked {}, skipped {} {:?}, unreadable {}; words {}; {:.2} s",
            run.files,
            run.skipped.len(),
            reasons,
            run.errors,
            run.words,
            run.seconds
        );
        println!(
            "  warning and above: {} = {:.1} per 10k words; info: {}; Safe fixes: {}",
            warn.len(),
            per10k(warn.len()),
            infos,
            safe
        );
        for (rule, n) in &by_rule {
            println!("    {rule:<26} {n:>7}  {:>7.2} per 10k", per10k(*n));
        }
        let mut words: HashMap<String, usize> = HashMap::new();
        for f in warn.iter().filter(|f| f.rule == "spelling") {
            *words.entry(f.text.clone()).or_default() += 1;
        }
        let mut top: Vec<_> = words.into_iter().collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let top: Vec<String> = top
            .iter()
            .take(15)
            .map(|(w, n)| format!("{w}×{n}"))
            .collect();
        if !top.is_empty() {
            println!("  most flagged words: {}", top.join(" "));
        }
        all.extend(run.flags);
    }
    if let Some(file) = labels {
        report_labels(&file, &all, list.as_deref())?;
    }
    if let Some(n) = sample {
        let out = out_file.ok_or("--sample needs --out FILE")?;
        write_sample(&all, n, seed, &out, safe_only)?;
    }
    Ok(())
}

/// Prints the labelled sample's precision per rule; with `list` (a label, or
/// `unlabelled`), also prints every flag at warning level with that label.
fn report_labels(file: &str, flags: &[Flag], list: Option<&str>) -> Result<(), String> {
    let labels = read_labels(file)?;
    // rule -> (true, true-badfix, false, debatable, unlabelled)
    let mut per: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    let mut safe = [0usize; 5];
    let mut matched = 0;
    for f in flags {
        let warn = f.severity == "error" || f.severity == "warning";
        if !warn && !f.safe {
            continue;
        }
        let slot = match labels.get(&key(&f.path, f.line, f.column, &f.rule)) {
            Some((l, _)) => {
                matched += 1;
                match l.as_str() {
                    "true" => 0,
                    "true-badfix" => 1,
                    "false" => 2,
                    _ => 3,
                }
            }
            None => 4,
        };
        if warn {
            let name = ["true", "true-badfix", "false", "debatable", "unlabelled"][slot];
            if list == Some(name) {
                let note = labels
                    .get(&key(&f.path, f.line, f.column, &f.rule))
                    .map_or("", |(_, n)| n.as_str());
                println!(
                    "  [{name}] {}:{}:{} {} {:?} → {:?}  {}  | {}",
                    f.path, f.line, f.column, f.rule, f.text, f.first_fix, note, f.context
                );
            }
            per.entry(f.rule.clone()).or_default()[slot] += 1;
        }
        if f.safe {
            safe[slot] += 1;
        }
    }
    println!(
        "== labelled sample {file}: {} labels, {matched} match a flag made today",
        labels.len()
    );
    println!("  rule                        true  badfix  false  debat  unlabelled  precision");
    let mut tot = [0usize; 5];
    for (rule, c) in &per {
        for i in 0..5 {
            tot[i] += c[i];
        }
        println!(
            "  {rule:<26} {:>6} {:>7} {:>6} {:>6} {:>11}  {}",
            c[0],
            c[1],
            c[2],
            c[3],
            c[4],
            pct(c[0] + c[1], c[0] + c[1] + c[2])
        );
    }
    println!(
        "  {:<26} {:>6} {:>7} {:>6} {:>6} {:>11}  {}",
        "all",
        tot[0],
        tot[1],
        tot[2],
        tot[3],
        tot[4],
        pct(tot[0] + tot[1], tot[0] + tot[1] + tot[2])
    );
    println!(
        "  Safe fixes: {} right, {} wrong correction, {} false flags, {} debatable, {} unlabelled: {} right",
        safe[0],
        safe[1],
        safe[2],
        safe[3],
        safe[4],
        pct(safe[0], safe[0] + safe[1] + safe[2])
    );
    Ok(())
}

fn write_sample(
    flags: &[Flag],
    n: usize,
    seed: u64,
    out: &str,
    safe_only: bool,
) -> Result<(), String> {
    let mut pool: Vec<&Flag> = flags
        .iter()
        .filter(|f| {
            if safe_only {
                f.safe
            } else {
                f.severity == "error" || f.severity == "warning"
            }
        })
        .collect();
    // xorshift64*: deterministic partial shuffle.
    let mut state = seed.max(1);
    let mut next = || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    let n = n.min(pool.len());
    for i in 0..n {
        let j = i + (next() % (pool.len() - i) as u64) as usize;
        pool.swap(i, j);
    }
    let mut s =
        String::from("# path\tline\tcolumn\trule\ttext\tlabel\tnote\tfirst fix\tsafe\tcontext\n");
    for f in pool.iter().take(n) {
        s.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t\t\t{}\t{}\t{}\n",
            f.path,
            f.line,
            f.column,
            f.rule,
            one_line(&f.text),
            one_line(&f.first_fix),
            if f.safe { "safe" } else { "" },
            one_line(&f.context)
        ));
    }
    std::fs::write(out, s).map_err(|e| format!("{out}: {e}"))?;
    println!("wrote {n} flags to {out}");
    Ok(())
}

/// `evaluate inject-repos [--seed N] [--per-repo N] DIR...`: recall on the
/// repositories' own prose. In each trial one word of a Markdown file's
/// prose (a dictionary word of three letters or more, any case; files that
/// `check` skips, such as pages in another language, are left out) becomes a
/// non-word by one edit; the file is checked as a whole, with the
/// vocabulary learnt from all the repository's files, as `copyedit check
/// DIR` would. Reports recall at warning level and above (not suppressed),
/// top-1 correction, and how many Safe fixes are right, by rule.
pub fn inject_repos(args: &[String]) -> Result<(), String> {
    use copyedit_core::dictionary::Known;
    use copyedit_core::vocabulary::Vocabulary;
    use copyedit_core::{Applicability, Linter, Severity};

    let mut seed = 42u64;
    let mut per_repo = 1000usize;
    let mut dirs = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => seed = it.next().and_then(|s| s.parse().ok()).ok_or("--seed N")?,
            "--per-repo" => {
                per_repo = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--per-repo N")?
            }
            d => dirs.push(d.to_string()),
        }
    }
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    let linter = Linter::default();
    let dict = linter.dictionary();
    let mut rng = super::Rng(seed.max(1));
    let (mut all_n, mut all_hit, mut all_top1) = (0usize, 0usize, 0usize);
    for dir in &dirs {
        let (sources, _) = discover(&[PathBuf::from(dir)], &WalkOptions::default());
        let mut files: Vec<(PathBuf, String, Format)> = Vec::new();
        for s in &sources {
            if let Source::File(p) = s {
                let format = Format::from_path(p);
                if !format.is_markdown() {
                    continue;
                }
                if let Ok(t) = std::fs::read_to_string(p) {
                    let t = t.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(t);
                    // Only the files `check` reads as English prose.
                    let path = p.to_string_lossy();
                    if linter.skip_reason(&t, format, &path, false).is_none() {
                        files.push((p.clone(), t, format));
                    }
                }
            }
        }
        let mut vocabulary = Vocabulary::new();
        let mut candidates: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        for (i, (_, text, format)) in files.iter().enumerate() {
            vocabulary.add(linter.census(text, *format));
            let doc = Document::parse(text, *format);
            for t in tokenize(&doc).tokens {
                if t.kind != TokenKind::Word {
                    continue;
                }
                let w = t.text(text);
                if w.len() >= 3
                    && w.bytes().all(|b| b.is_ascii_alphabetic())
                    && w.bytes().skip(1).all(|b| b.is_ascii_lowercase())
                    && dict.check(w) == Known::Yes
                {
                    candidates.push((i, t.span.clone()));
                }
            }
        }
        if candidates.is_empty() {
            println!("== {dir}: no candidate words");
            continue;
        }
        let (mut n, mut hit, mut top1, mut safe_right, mut safe_wrong) = (0, 0, 0, 0, 0);
        let mut by_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
        let mut tries = 0;
        while n < per_repo && tries < per_repo * 4 {
            tries += 1;
            let (fi, span) = candidates[rng.below(candidates.len())].clone();
            let (path, text, format) = &files[fi];
            let word = &text[span.clone()];
            let capital = word.starts_with(|c: char| c.is_ascii_uppercase());
            let Some(mut typo) = super::nonword_typo(&linter, &word.to_ascii_lowercase(), &mut rng)
            else {
                continue;
            };
            if capital {
                typo = typo[..1].to_ascii_uppercase() + &typo[1..];
            }
            let injected = format!("{}{}{}", &text[..span.start], typo, &text[span.end..]);
            let (start, end) = (span.start, span.start + typo.len());
            // As `check` does: names come suppressed for the vocabulary.
            let mut diags = linter
                .check_source(&injected, *format, &path.to_string_lossy(), false, None)
                .unwrap_or_default();
            vocabulary.apply(dict, &injected, &mut diags);
            n += 1;
            let found = diags.iter().find(|d| {
                d.suppressed.is_none()
                    && d.severity >= Severity::Warning
                    && d.span.start < end
                    && start < d.span.end
            });
            let Some(d) = found else {
                if verbose {
                    let line = text[..start].matches('\n').count() + 1;
                    let near: Vec<String> = diags
                        .iter()
                        .filter(|d| d.span.start < end && start < d.span.end)
                        .map(|d| {
                            let why = d.suppressed.map_or("", |s| s.as_str());
                            format!("{}:{}{why} {}", d.rule, d.severity, d.message)
                        })
                        .collect();
                    println!(
                        "  miss: {}:{line} {word} -> {typo} [{}]",
                        path.display(),
                        near.join(" ")
                    );
                }
                continue;
            };
            hit += 1;
            *by_rule.entry(d.rule).or_default() += 1;
            if let Some(f) = d.fixes.first() {
                let fixed = super::apply(&injected, f);
                let right = fixed == *text;
                top1 += usize::from(right);
                if f.applicability == Applicability::Safe {
                    if right {
                        safe_right += 1;
                    } else {
                        safe_wrong += 1;
                        if verbose {
                            println!("  safe but wrong: {word} -> {typo} -> {}", f.title);
                        }
                    }
                }
            }
        }
        println!(
            "== {dir}: {n} non-word typos injected; recall {} (warning and above), top-1 {}; Safe fixes {safe_right} right, {safe_wrong} wrong; by rule {by_rule:?}",
            pct(hit, n),
            pct(top1, n)
        );
        all_n += n;
        all_hit += hit;
        all_top1 += top1;
    }
    println!(
        "== all: {all_n} injected; recall {}, top-1 {}",
        pct(all_hit, all_n),
        pct(all_top1, all_n)
    );
    Ok(())
}
