//! The evaluation harness: how often the first suggestion is right, and how
//! rarely copyedit cries wolf.
//!
//! ```text
//! cargo run --release --example evaluate -- suggest [--no-known] [--every N] FILE.tsv
//! cargo run --release --example evaluate -- false-flags FILE...
//! cargo run --release --example evaluate -- inject [--seed N] [--sentences N] FILE...
//! cargo run --release --example evaluate -- all
//! cargo run --release --example evaluate -- repos [--labels FILE] DIR...
//! cargo run --release --example evaluate -- inject-repos [--seed N] [--per-repo N] DIR...
//! cargo run --release --example evaluate -- rw-curve [--offsets A,B,..] [--seed N] [--list OFFSET]
//! cargo run --release --example evaluate -- inject-confusions [--seed N] FILE...
//! cargo run --release --example evaluate -- rw-doc [--seed N] [--offsets A,B,..]
//! cargo run --release --example evaluate -- rw-features [--seed N] --out FILE
//! ```
//!
//! - `rw-curve`, `inject-confusions`, `rw-doc`, `rw-features`: the
//!   `real-word` rule's false flags per 10k words of clean text per corpus
//!   against recall on two injection tests, at several thresholds; the
//!   same typos in whole documents; the rule's inputs per flag (see
//!   `evaluate/realword.rs`).
//!
//! - `all`: the three reports on the data a fresh clone has: `suggest` on
//!   the aspell test set when it is found (`$COPYEDIT_ASPELL`, else
//!   `../shared/data/misspellings/aspell-orig.tsv`; it is LGPL, so not
//!   bundled) and on every 20th pair of the bundled known-misspellings list
//!   with `--no-known` (held out from the ranker), then `false-flags` and
//!   `inject` on `tests/data/prose/*.txt`.
//! - `suggest`: lines `misspelling<TAB>correction` (or several corrections,
//!   comma-separated: any counts); share of pairs where the correction is
//!   suggested first, in the top 5, anywhere (top 8), and where the
//!   misspelling is not flagged at all (checked in a sentence: mid-sentence,
//!   or first when it is capitalised), and the time per word. `--no-known`
//!   ignores the bundled list of known misspellings, so that the ranker can
//!   be measured on that list itself (`crates/copyedit-dict/dictionaries/misspellings.tsv`, a
//!   held-out check against tuning to one test set); `--every N` takes
//!   every Nth pair.
//! - `false-flags`: clean, edited prose; flags at warning level and above
//!   per 10k words, per rule, and the 30 most frequently flagged words.
//! - `inject`: sentences from the files with one injected typo each (a
//!   non-word edit, or a real-word swap), deterministic; recall, precision
//!   and top-1 correction per class, and the Safe-fix correct/wrong rates.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::ExitCode;

use copyedit_core::dictionary::Known;
use copyedit_core::suggest::rank;
use copyedit_core::{Applicability, Diagnostic, Format, Linter, Severity};

#[path = "evaluate/realword.rs"]
mod realword;
#[path = "evaluate/repos.rs"]
mod repos;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((mode, rest)) = args.split_first() else {
        eprintln!("usage: evaluate suggest [--no-known] [--every N] FILE.tsv | false-flags FILE... | inject [--seed N] [--sentences N] FILE... | repos [--labels FILE [--list LABEL]] [--sample N --seed S --out FILE] DIR... | inject-repos [--seed N] [--per-repo N] DIR... | rw-curve [--offsets A,B,..] [--seed N] [--list OFFSET] | inject-confusions [--seed N] FILE... | rw-doc [--seed N] [--offsets A,B,..] | rw-features [--seed N] --out FILE | all");
        return ExitCode::from(2);
    };
    let result = match mode.as_str() {
        "suggest" => suggest_mode(rest),
        "false-flags" => false_flags(rest),
        "inject" => inject(rest),
        "all" => all(),
        "repos" => repos::repos(rest),
        "inject-repos" => repos::inject_repos(rest),
        "rw-curve" => realword::curve(rest),
        "inject-confusions" => realword::inject_confusions(rest),
        "rw-features" => realword::features(rest),
        "rw-doc" => realword::doc_recall(rest),
        other => Err(format!("unknown mode `{other}`")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("evaluate: {e}");
            ExitCode::from(2)
        }
    }
}

/// Every report on the data of a fresh clone (see the module docs).
fn all() -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let aspell = std::env::var("COPYEDIT_ASPELL").map_or_else(
        |_| root.join("../shared/data/misspellings/aspell-orig.tsv"),
        std::path::PathBuf::from,
    );
    let path = |p: &Path| p.to_string_lossy().into_owned();
    println!("== suggest: aspell test set ({})", aspell.display());
    if aspell.is_file() {
        suggest_mode(&[path(&aspell)])?;
    } else {
        println!("  not found: set COPYEDIT_ASPELL to its path to include it");
    }
    println!();
    println!("== suggest: every 20th bundled known misspelling, known list off");
    let known = root.join("crates/copyedit-dict/dictionaries/misspellings.tsv");
    suggest_mode(&[
        "--no-known".into(),
        "--every".into(),
        "20".into(),
        path(&known),
    ])?;
    let mut prose: Vec<String> = std::fs::read_dir(root.join("tests/data/prose"))
        .map_err(|e| format!("tests/data/prose: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| path(&p))
        .collect();
    prose.sort();
    println!();
    println!("== false-flags: tests/data/prose");
    false_flags(&prose)?;
    println!();
    println!("== inject: tests/data/prose");
    inject(&prose)
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

fn suggest_mode(args: &[String]) -> Result<(), String> {
    let mut use_known = true;
    let mut every = 1usize;
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--no-known" => use_known = false,
            "--every" => {
                every = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--every N")?
            }
            f => files.push(f.to_string()),
        }
    }
    let linter = Linter::default();
    let dict = linter.dictionary();
    let (mut total, mut first, mut top5, mut anywhere, mut unflagged) = (0, 0, 0, 0, 0);
    // Not flagged at any severity (info included).
    let mut unseen = 0;
    let mut misses = Vec::new();
    let mut time = std::time::Duration::ZERO;
    let mut line_no = 0usize;
    for f in &files {
        for line in read(f)?.lines() {
            let Some((typo, correct)) = line.split_once('\t') else {
                continue;
            };
            line_no += 1;
            if !line_no.is_multiple_of(every) {
                continue;
            }
            total += 1;
            // Uncached, timed; without the known-misspelling list if asked.
            let start = std::time::Instant::now();
            let list = rank(dict, typo, use_known).list;
            time += start.elapsed();
            // Flagged by the real pipeline: mid-sentence, or at the start of
            // a sentence when capitalised (a set's capital comes from where
            // the word stood; mid-sentence it would read as a name).
            let capitalised = typo.chars().next().is_some_and(char::is_uppercase);
            let (text, at) = if capitalised {
                (format!("{typo} we saw there."), 0)
            } else {
                (format!("We saw {typo} there."), 7)
            };
            let diags = linter.check(&text, Format::Plain);
            let flagged = diags
                .iter()
                .any(|d| d.span.start == at && d.severity >= Severity::Warning);
            if !diags.iter().any(|d| d.span.start == at) || dict.check(typo) == Known::Yes {
                unseen += 1;
            }
            if !flagged || dict.check(typo) == Known::Yes {
                unflagged += 1;
                misses.push(format!("{typo} -> {correct}: not flagged"));
            }
            // Several corrections, comma-separated: any of them.
            let rank = list
                .iter()
                .position(|s| correct.split(',').any(|c| s.word.eq_ignore_ascii_case(c)));
            match rank {
                Some(0) => first += 1,
                _ => misses.push(format!(
                    "{typo} -> {correct}: got {}",
                    list.iter()
                        .take(5)
                        .map(|s| s.word.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
            if rank.is_some_and(|r| r < 5) {
                top5 += 1;
            }
            if rank.is_some() {
                anywhere += 1;
            }
        }
    }
    println!(
        "suggest: {total} pairs{}",
        if use_known {
            ""
        } else {
            " (known-misspelling list off)"
        }
    );
    println!("  first:       {:5.1}%", pct(first, total));
    println!("  top 5:       {:5.1}%", pct(top5, total));
    println!("  anywhere:    {:5.1}% (top 8)", pct(anywhere, total));
    println!(
        "  not flagged: {:5.1}% at warning level, {:.1}% at all (info included)",
        pct(unflagged, total),
        pct(unseen, total)
    );
    println!(
        "  time:        {:5.0} µs per word (uncached)",
        time.as_secs_f64() * 1e6 / total.max(1) as f64
    );
    if std::env::var_os("EVAL_VERBOSE").is_some() {
        for m in misses {
            println!("  miss: {m}");
        }
    }
    Ok(())
}

fn format_of(path: &str) -> Format {
    Format::from_path(Path::new(path))
}

fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

/// Byte ranges of the errors `source-errors.tsv` (next to `path`) lists for
/// that file: the texts' own mistakes, on which a flag is right.
fn source_errors(path: &str, text: &str) -> Vec<std::ops::Range<usize>> {
    let p = Path::new(path);
    let (Some(dir), Some(name)) = (p.parent(), p.file_name().and_then(|n| n.to_str())) else {
        return Vec::new();
    };
    let Ok(list) = std::fs::read_to_string(dir.join("source-errors.tsv")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for line in list.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(file), Some(snippet)) = (cols.next(), cols.next()) else {
            continue;
        };
        if file != name {
            continue;
        }
        let snippet = snippet.replace("\\n", "\n");
        let found: Vec<_> = text
            .match_indices(&snippet)
            .map(|(i, m)| i..i + m.len())
            .collect();
        if found.is_empty() {
            eprintln!("evaluate: source-errors.tsv: {snippet:?} not found in {name}");
        }
        out.extend(found);
    }
    out
}

fn false_flags(files: &[String]) -> Result<(), String> {
    let linter = Linter::default();
    let mut words = 0;
    let mut per_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut per_word: HashMap<String, usize> = HashMap::new();
    for f in files {
        let text = read(f)?;
        words += count_words(&text);
        let errors = source_errors(f, &text);
        for d in linter.check(&text, format_of(f)) {
            if d.severity < Severity::Warning || d.suppressed.is_some() {
                continue;
            }
            let right = errors
                .iter()
                .any(|e| e.start <= d.span.start && d.span.end <= e.end);
            let counts = per_rule.entry(d.rule).or_default();
            counts.0 += 1;
            if right {
                counts.1 += 1;
                continue;
            }
            let w = text.get(d.span.clone()).unwrap_or("").trim().to_string();
            *per_word.entry(format!("{}: {w}", d.rule)).or_default() += 1;
        }
    }
    let total: usize = per_rule.values().map(|c| c.0).sum();
    let right: usize = per_rule.values().map(|c| c.1).sum();
    let per10k = |n: usize| 10_000.0 * n as f64 / words.max(1) as f64;
    println!("false-flags: {words} words in {} files", files.len());
    println!(
        "  all rules: {total} flags = {:.2} per 10k words; {right} on errors in the texts themselves (source-errors.tsv)",
        per10k(total)
    );
    println!(
        "  false flags: {} = {:.2} per 10k words",
        total - right,
        per10k(total - right)
    );
    for (rule, (n, r)) in &per_rule {
        println!(
            "  {rule:<26} {:6} = {:.2} per 10k words (+{r} on errors in the texts)",
            n - r,
            per10k(n - r)
        );
    }
    let mut top: Vec<_> = per_word.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    println!("  most flagged (false flags):");
    for (w, n) in top.into_iter().take(
        std::env::var("EVAL_TOP")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(30),
    ) {
        println!("    {n:5}  {w}");
    }
    Ok(())
}

/// xorshift64*: deterministic and dependency-free.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Sentences of 8 to 40 words, plain ASCII letters and simple punctuation.
fn sentences(text: &str) -> Vec<String> {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = flat.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'?' | b'!') && bytes.get(i + 1) == Some(&b' ') {
            let s = flat[start..=i].trim();
            start = i + 2;
            let n = s.split(' ').count();
            let clean = s
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || " ,.;:?!'-".contains(c));
            let capital = s.chars().next().is_some_and(|c| c.is_ascii_uppercase());
            if (8..=40).contains(&n) && clean && capital {
                out.push(s.to_string());
            }
        }
    }
    out
}

#[derive(Default)]
struct ClassStats {
    injected: usize,
    detected: usize,
    top1: usize,
    safe_right: usize,
    safe_wrong: usize,
}

/// One edit that turns `w` into a non-word.
fn nonword_typo(linter: &Linter, w: &str, rng: &mut Rng) -> Option<String> {
    let chars: Vec<char> = w.chars().collect();
    for _ in 0..10 {
        let mut c = chars.clone();
        let i = rng.below(c.len());
        match rng.below(4) {
            0 if c.len() > 3 => {
                c.remove(i);
            }
            1 => c.insert(i, (b'a' + rng.below(26) as u8) as char),
            2 => c[i] = (b'a' + rng.below(26) as u8) as char,
            _ if i + 1 < c.len() => c.swap(i, i + 1),
            _ => continue,
        }
        let t: String = c.into_iter().collect();
        if t != w && linter.dictionary().check(&t) == Known::No {
            return Some(t);
        }
    }
    None
}

/// A real word to swap in for `w`: a member of its curated confusion set
/// when it has one (`than` → `then`), else a word one edit away.
fn realword_typo(linter: &Linter, w: &str, rng: &mut Rng) -> Option<String> {
    let dict = linter.dictionary();
    let curated: Vec<&str> = dict
        .confusables(w)
        .map(|c| c.filter(|(_, cur)| *cur).map(|(c, _)| c).collect())
        .unwrap_or_default();
    if !curated.is_empty() {
        return Some(curated[rng.below(curated.len())].to_string());
    }
    let mut cands: Vec<String> = dict
        .near(w, 1)
        .into_iter()
        .map(|(c, _)| c.to_string())
        .filter(|c| c != w && c.chars().all(|ch| ch.is_ascii_lowercase()) && dict.count(c) > 0)
        .collect();
    cands.sort();
    cands.dedup();
    if cands.is_empty() {
        return None;
    }
    Some(cands.swap_remove(rng.below(cands.len())))
}

fn on_span(d: &Diagnostic, start: usize, end: usize) -> bool {
    d.span.start < end && start < d.span.end
}

/// What `inject` counts over all sentences.
#[derive(Default)]
struct InjectStats {
    nonword: ClassStats,
    realword: ClassStats,
    /// The real-word rule's flags, and those on an injected real-word typo.
    rw_flags_total: usize,
    rw_flags_right: usize,
    /// Safe edits away from the injected typo.
    other_safe_edits: usize,
}

/// `inject`'s command line: `--seed N`, `--sentences N` and files.
fn inject_args(args: &[String]) -> Result<(u64, usize, Vec<String>), String> {
    let mut seed = 42u64;
    let mut limit = 4000usize;
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => seed = it.next().and_then(|s| s.parse().ok()).ok_or("--seed N")?,
            "--sentences" => {
                limit = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--sentences N")?
            }
            f => files.push(f.to_string()),
        }
    }
    Ok((seed, limit, files))
}

/// A deterministic sample of up to `limit` sentences of `files`.
fn sample(files: &[String], limit: usize, rng: &mut Rng) -> Result<Vec<String>, String> {
    let mut pool = Vec::new();
    for f in files {
        pool.extend(sentences(&read(f)?));
    }
    let mut picked = Vec::new();
    while picked.len() < limit.min(pool.len()) {
        let i = rng.below(pool.len());
        picked.push(pool.swap_remove(i));
    }
    Ok(picked)
}

/// The words of a sentence a typo may go into: lowercase ASCII, three
/// letters or more, with their byte offsets.
/// The typo `inject` makes in the `n`th sampled sentence: (where, the
/// word, the typo, whether it is a real word), a real-word typo in every
/// other sentence; `None` when the sentence has no candidate word or the
/// word no typo (the random draws are made all the same).
fn inject_one<'s>(
    linter: &Linter,
    sentence: &'s str,
    n: usize,
    rng: &mut Rng,
) -> Option<(usize, &'s str, String, bool)> {
    let words = candidate_words(sentence);
    if words.is_empty() {
        return None;
    }
    let (start, word) = words[rng.below(words.len())];
    let real = n % 2 == 1;
    let typo = if real {
        realword_typo(linter, word, rng)
    } else {
        nonword_typo(linter, word, rng)
    };
    Some((start, word, typo?, real))
}

fn candidate_words(sentence: &str) -> Vec<(usize, &str)> {
    sentence
        .match_indices(|c: char| c.is_ascii_alphabetic())
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || !sentence.as_bytes()[i - 1].is_ascii_alphabetic())
        .map(|i| {
            let end = sentence[i..]
                .find(|c: char| !c.is_ascii_alphabetic())
                .map_or(sentence.len(), |e| i + e);
            (i, &sentence[i..end])
        })
        .filter(|(_, w)| w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase()))
        .collect()
}

fn inject(args: &[String]) -> Result<(), String> {
    let (seed, limit, files) = inject_args(args)?;
    let linter = Linter::default();
    let mut rng = Rng(seed.max(1));
    let picked = sample(&files, limit, &mut rng)?;
    let mut st = InjectStats::default();
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    for (n, sentence) in picked.iter().enumerate() {
        let Some((start, word, typo, real)) = inject_one(&linter, sentence, n, &mut rng) else {
            continue;
        };
        let text = format!(
            "{}{}{}",
            &sentence[..start],
            typo,
            &sentence[start + word.len()..]
        );
        let end = start + typo.len();
        let diags = linter.check(&text, Format::Plain);
        let stats = if real {
            &mut st.realword
        } else {
            &mut st.nonword
        };
        stats.injected += 1;
        let hit = diags
            .iter()
            .find(|d| on_span(d, start, end) && d.severity >= Severity::Warning);
        if !real && hit.is_none() && verbose {
            println!("  non-word miss: {word} -> {typo}");
        }
        if real && hit.is_none() && verbose {
            let listed = linter
                .dictionary()
                .confusables(&typo)
                .is_some_and(|mut c| c.any(|(c, _)| c == word));
            println!(
                "  real-word miss: {word} -> {typo} ({})",
                if listed { "listed" } else { "not listed" }
            );
        }
        if let Some(d) = hit {
            score_hit(d, &text, sentence, word, &typo, verbose, stats);
        }
        count_other_flags(&diags, &text, start..end, real, verbose, &mut st);
    }
    println!(
        "inject: {} sentences from {} files (seed {seed})",
        picked.len(),
        files.len()
    );
    print_inject(&st);
    Ok(())
}

/// The flag `d` on an injected typo: whether its first fix restores the
/// sentence, and whether that fix is Safe.
fn score_hit(
    d: &Diagnostic,
    text: &str,
    sentence: &str,
    word: &str,
    typo: &str,
    verbose: bool,
    stats: &mut ClassStats,
) {
    stats.detected += 1;
    let Some(f) = d.fixes.first() else {
        return;
    };
    let fixed = apply(text, f);
    let right = fixed == *sentence;
    stats.top1 += usize::from(right);
    if !right && verbose {
        println!(
            "  top-1 miss: {word} -> {typo} -> {:?} ({})",
            f.title, d.rule
        );
    }
    if f.applicability == Applicability::Safe {
        if right {
            stats.safe_right += 1;
        } else {
            stats.safe_wrong += 1;
            if verbose {
                println!(
                    "  safe but wrong: {word} -> {typo} -> {:?} ({})",
                    f.title, d.rule
                );
            }
        }
    }
}

/// The real-word rule's flags (right when on an injected real-word typo at
/// `site`) and Safe edits away from the typo.
fn count_other_flags(
    diags: &[Diagnostic],
    text: &str,
    site: std::ops::Range<usize>,
    real: bool,
    verbose: bool,
    st: &mut InjectStats,
) {
    let (start, end) = (site.start, site.end);
    for d in diags {
        if d.rule == "real-word" {
            st.rw_flags_total += 1;
            let right = real && on_span(d, start, end);
            st.rw_flags_right += usize::from(right);
            if verbose {
                println!(
                    "  real-word flag ({}): {:?} {}",
                    if right { "right" } else { "wrong" },
                    text.get(d.span.clone()).unwrap_or(""),
                    d.message
                );
            }
        }
        let safe = d
            .fixes
            .first()
            .is_some_and(|f| f.applicability == Applicability::Safe);
        // Safe edits on words the corpus itself got wrong are not ours
        // to judge: count them apart.
        if safe && !on_span(d, start, end) {
            st.other_safe_edits += 1;
            if verbose {
                println!(
                    "  safe elsewhere: {} {:?} in {text:?}",
                    d.rule,
                    text.get(d.span.clone())
                );
            }
        }
    }
}

/// `inject`'s figures after its first line.
fn print_inject(st: &InjectStats) {
    let (nonword, realword) = (&st.nonword, &st.realword);
    let (rw_flags_right, rw_flags_total) = (st.rw_flags_right, st.rw_flags_total);
    for (name, s) in [("non-word", nonword), ("real-word", realword)] {
        println!(
            "  {name:<9} injected {:5}  recall {:5.1}%  top-1 correction {:5.1}%",
            s.injected,
            pct(s.detected, s.injected),
            pct(s.top1, s.injected)
        );
    }
    println!(
        "  real-word rule precision: {:.1}% ({rw_flags_right} of {rw_flags_total} flags on injected words)",
        pct(rw_flags_right, rw_flags_total)
    );
    let safe_total =
        nonword.safe_right + nonword.safe_wrong + realword.safe_right + realword.safe_wrong;
    let safe_wrong = nonword.safe_wrong + realword.safe_wrong;
    println!(
        "  Safe fixes: correct {:.1}% of injected non-word typos; wrong {:.2}% of Safe edits on injected typos ({safe_wrong} of {safe_total})",
        pct(nonword.safe_right, nonword.injected),
        pct(safe_wrong, safe_total),
    );
    println!(
        "  Safe edits elsewhere (on text as the corpus had it): {}",
        st.other_safe_edits
    );
}

fn apply(text: &str, fix: &copyedit_core::Fix) -> String {
    let mut out = text.to_string();
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    for e in edits {
        if out.get(e.span.clone()).is_some() {
            out.replace_range(e.span, &e.replacement);
        }
    }
    out
}
