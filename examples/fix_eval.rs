//! How well `copyedit fix` (Safe fixes only) repairs injected typos, end to
//! end: whole documents through the real fixer, fixpoint and all.
//!
//! ```text
//! cargo run --example fix_eval -- [--seed N] [--every N] [--limit BYTES] [--verbose] [FILE...]
//! ```
//!
//! Default files: `tests/data/prose/*.txt`. Each file is cut into documents
//! of about 20 paragraphs; one lowercase dictionary word in every `--every`
//! (default 40) gets a non-word typo (a letter deleted, inserted, replaced,
//! or two swapped; deterministic xorshift, `--seed`, default 42). Both the
//! clean and the typo'd documents are fixed, and every changed region of
//! the typo'd text is classified:
//!
//! - on an injected typo, restoring the original word: **corrected**;
//! - on an injected typo, anything else: **wrong**;
//! - elsewhere, also made on the clean document: the corpus's own slips
//!   (double spaces...), counted apart;
//! - elsewhere, not made on the clean document: induced by a typo: **wrong**.
//!
//! Then, for the typos left alone, which condition of the spelling rule's
//! Safe test blocked them (mirroring `is_safe` in `crates/copyedit-core/src/rules/spelling.rs`),
//! and what other margins and minimum counts would give, counting the
//! spelling rule's flags on the clean documents (false alarms) as wrong
//! edits.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use copyedit_core::dictionary::{case_of, Case, Known};
use copyedit_core::document::Document;
use copyedit_core::fix::{fix_text, FixOptions, FixOutcome};
use copyedit_core::quotes::Quotations;
use copyedit_core::suggest::{context_word, rerank, safe_margin, suggest, Suggestions};
use copyedit_core::tokenize::{tokenize, Tokens};
use copyedit_core::{Applicability, Diagnostic, Format, Lang, Linter};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
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

/// An injected typo: where it is in the typo'd text and what it replaced.
struct Site {
    start: usize,
    end: usize,
    word: String,
    typo: String,
}

/// Inject a typo into one eligible word in every `every`.
fn inject(linter: &Linter, clean: &str, every: usize, rng: &mut Rng) -> (String, Vec<Site>) {
    let mut out = String::with_capacity(clean.len() + 64);
    let mut sites = Vec::new();
    let b = clean.as_bytes();
    let mut pos = 0;
    let mut seen = 0usize;
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        let word = &clean[start..i];
        // A whole word: not part of a compound, contraction or code.
        let joined = |c: Option<&u8>| {
            c.is_some_and(|&c| {
                c.is_ascii_alphanumeric() || matches!(c, b'\'' | b'-' | b'_' | 0x80..)
            })
        };
        let whole = !joined(start.checked_sub(1).and_then(|j| b.get(j))) && !joined(b.get(i));
        if !whole
            || word.len() < 3
            || !word.bytes().all(|c| c.is_ascii_lowercase())
            || linter.dictionary().check(word) != Known::Yes
        {
            continue;
        }
        seen += 1;
        if !seen.is_multiple_of(every) {
            continue;
        }
        let Some(typo) = nonword_typo(linter, word, rng) else {
            continue;
        };
        out.push_str(&clean[pos..start]);
        let s = out.len();
        out.push_str(&typo);
        sites.push(Site {
            start: s,
            end: out.len(),
            word: word.to_string(),
            typo,
        });
        pos = i;
    }
    out.push_str(&clean[pos..]);
    (out, sites)
}

/// Documents of about 20 paragraphs.
fn documents(text: &str) -> Vec<String> {
    let mut docs = Vec::new();
    let mut cur = String::new();
    let mut n = 0;
    for para in text.split_inclusive("\n\n") {
        cur.push_str(para);
        n += 1;
        if n >= 20 {
            docs.push(std::mem::take(&mut cur));
            n = 0;
        }
    }
    if !cur.is_empty() {
        docs.push(cur);
    }
    docs
}

/// Changed regions as (original range, replacement).
fn changed(out: &FixOutcome) -> Vec<(usize, usize, String)> {
    out.changes
        .iter()
        .map(|c| {
            (
                c.original.start,
                c.original.end,
                out.text.get(c.fixed.clone()).unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The rule of a pass-1 fix touching `start..end` (later passes: `?`).
fn rule_at(out: &FixOutcome, start: usize, end: usize) -> &'static str {
    out.applied
        .iter()
        .filter(|a| a.pass == 1)
        .find(|a| {
            a.edits
                .iter()
                .any(|e| e.span.start <= end && start <= e.span.end)
        })
        .map_or("?", |a| a.rule)
}

/// The thresholds of the spelling rule's Safe test.
#[derive(Debug, Clone, Copy)]
struct Thresholds {
    /// Minimum [`safe_margin`] of the first suggestion over the others.
    margin: f64,
    /// Minimum corpus count of the correction.
    min_count: u64,
}

const CURRENT: Thresholds = Thresholds {
    margin: 6.5,
    min_count: 1_000_000,
};

/// A spelling flag, with what the Safe test needs.
struct Flag {
    word: String,
    case: Case,
    sentence_start: bool,
    quoted: bool,
    /// Ranked and, as the rule does for lowercase words, re-ranked.
    suggestions: Suggestions,
    /// [`safe_margin`] of the first suggestion.
    margin: f64,
}

/// The first condition that keeps a correction from being Safe (None: Safe).
/// Mirrors `is_safe` in crates/copyedit-core/src/rules/spelling.rs, with the thresholds as
/// parameters.
fn blocker(f: &Flag, t: Thresholds) -> Option<&'static str> {
    let Some(first) = f.suggestions.list.first() else {
        return Some("no suggestion");
    };
    if f.quoted {
        return Some("in a quotation");
    }
    if f.case == Case::Mixed || (f.case == Case::Title && !f.sentence_start) {
        return Some("capitalised mid-sentence");
    }
    let (w, c) = (f.word.to_lowercase(), first.word.to_lowercase());
    if w.len() > c.len() && w.starts_with(&c) {
        return Some("correction drops an ending");
    }
    if c.contains(' ') {
        return Some("correction splits the word");
    }
    if first.rare {
        return Some("best candidate rare");
    }
    if first.count < t.min_count {
        return Some("best candidate below the minimum count");
    }
    if f.word.chars().count() < 3 {
        return Some("shorter than three letters");
    }
    if first.known {
        if f.suggestions.list.iter().filter(|c| c.known).count() != 1 {
            return Some("known misspelling, several corrections");
        }
        if first.distance > 2 {
            return Some("known misspelling, correction > 2 edits");
        }
    } else if first.distance != 1 {
        return Some("best candidate two edits away");
    }
    if f.margin < t.margin {
        return Some("a rival within the margin");
    }
    None
}

fn flag_of(
    text: &str,
    d: &Diagnostic,
    tokens: &Tokens,
    quotes: &Quotations,
    dict_lang: Lang,
    linter: &Linter,
) -> Option<Flag> {
    let word = text.get(d.span.clone())?.to_string();
    let i = tokens.tokens.iter().position(|t| t.span == d.span)?;
    let left = context_word(text, &tokens.tokens, i, false);
    let right = context_word(text, &tokens.tokens, i, true);
    let dict = linter.dictionary();
    let case = case_of(&word);
    let mut suggestions = suggest(dict, dict_lang, &word);
    if case != Case::Title {
        rerank(dict, left.as_deref(), right.as_deref(), &mut suggestions);
    }
    let margin = safe_margin(dict, &word, left.as_deref(), right.as_deref(), &suggestions);
    Some(Flag {
        case,
        sentence_start: tokens.tokens[i].is_sentence_start(),
        quoted: quotes.overlaps(&d.span),
        suggestions,
        margin,
        word,
    })
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

#[derive(Default)]
struct Totals {
    bytes: usize,
    docs: usize,
    injected: usize,
    corrected: usize,
    wrong_on_typo: usize,
    induced: usize,
    corpus_edits: usize,
    clean_edits_by_rule: BTreeMap<&'static str, usize>,
    /// Safe word edits (spelling, fragment) on the clean text: edited
    /// prose, so presumed wrong.
    clean_word_edits: usize,
    /// Typos inside quotations (never Safe) and how many of the others
    /// were corrected.
    quoted: usize,
    induced_by_rule: BTreeMap<&'static str, usize>,
    blockers: BTreeMap<&'static str, usize>,
    /// Spelling flags on typos (with the right answer) and on clean text.
    typo_flags: Vec<(Flag, String)>,
    clean_flags: Vec<Flag>,
    unflagged: usize,
    top1_wrong: usize,
}

/// The command line: `--seed N`, `--every N`, `--limit BYTES`, `--verbose`
/// and files (by default the development prose).
struct Args {
    seed: u64,
    every: usize,
    limit: usize,
    verbose: bool,
    files: Vec<PathBuf>,
}

/// The command line, or the exit code after a message.
fn parse_args() -> Result<Args, ExitCode> {
    let mut seed = 42u64;
    let mut every = 40usize;
    let mut limit = usize::MAX;
    let mut verbose = false;
    let mut files: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = |name: &str| -> Option<usize> {
            let v = args.next().and_then(|s| s.parse().ok());
            if v.is_none() {
                eprintln!("fix_eval: {name} needs a number");
            }
            v
        };
        match a.as_str() {
            "--seed" => match num("--seed") {
                Some(n) => seed = n as u64,
                None => return Err(ExitCode::from(2)),
            },
            "--every" => match num("--every") {
                Some(n) => every = n.max(1),
                None => return Err(ExitCode::from(2)),
            },
            "--limit" => match num("--limit") {
                Some(n) => limit = n,
                None => return Err(ExitCode::from(2)),
            },
            "--verbose" => verbose = true,
            f => files.push(PathBuf::from(f)),
        }
    }
    if files.is_empty() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/prose");
        let Ok(rd) = std::fs::read_dir(&dir) else {
            eprintln!("fix_eval: cannot read {}", dir.display());
            return Err(ExitCode::from(2));
        };
        files = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
    }
    Ok(Args {
        seed,
        every,
        limit,
        verbose,
        files,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(code) => return code,
    };
    let linter = Linter::default();
    let mut rng = Rng(args.seed.max(1));
    let mut t = Totals::default();
    'files: for file in &args.files {
        let text = match std::fs::read_to_string(file) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("fix_eval: {}: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        for clean in documents(&text) {
            if t.bytes >= args.limit {
                break 'files;
            }
            evaluate_document(&linter, &clean, &args, &mut rng, &mut t);
        }
    }
    print_summary(&t, &args);
    print_thresholds(&t);
    ExitCode::SUCCESS
}

/// Injects typos into one clean document, fixes it, and adds up what the
/// fixes did and why the typos left were left.
fn evaluate_document(linter: &Linter, clean: &str, args: &Args, rng: &mut Rng, t: &mut Totals) {
    let opts = FixOptions::default();
    t.bytes += clean.len();
    t.docs += 1;
    let (typod, sites) = inject(linter, clean, args.every, rng);
    let base = fix_text(linter, clean, Format::Plain, &opts);
    let out = fix_text(linter, &typod, Format::Plain, &opts);
    count_clean_edits(&base, clean, args.verbose, t);
    let fixed_sites = score_edits(&base, &out, &typod, &sites, args.verbose, t);
    t.injected += sites.len();
    explain_left_sites(linter, &typod, &sites, &fixed_sites, args.verbose, t);
    collect_clean_flags(linter, clean, t);
}

/// The Safe edits made on the clean text, by rule.
fn count_clean_edits(base: &FixOutcome, clean: &str, verbose: bool, t: &mut Totals) {
    for a in &base.applied {
        *t.clean_edits_by_rule.entry(a.rule).or_default() += 1;
        if matches!(a.rule, "spelling" | "fragment" | "real-word") {
            t.clean_word_edits += 1;
        }
        if verbose && matches!(a.rule, "spelling" | "fragment" | "a-an") {
            let e = &a.edits[0];
            println!(
                "  clean-text Safe edit [{}]: {:?} -> {:?}",
                a.rule,
                clean.get(e.span.clone()).unwrap_or(""),
                e.replacement
            );
        }
    }
}

/// Sorts the edits made on the typo'd text (`out`) into corrections, wrong
/// edits of typos, the corpus's own edits (also made on the clean text,
/// `base`) and edits induced elsewhere. Returns the sites an edit touched.
fn score_edits(
    base: &FixOutcome,
    out: &FixOutcome,
    typod: &str,
    sites: &[Site],
    verbose: bool,
    t: &mut Totals,
) -> HashSet<usize> {
    let base_changes: HashSet<(usize, usize, String)> = changed(base).into_iter().collect();
    // Typo'd coordinates → clean coordinates, outside sites.
    let to_clean = |p: usize| -> usize {
        let shift: isize = sites
            .iter()
            .take_while(|s| s.end <= p)
            .map(|s| s.typo.len() as isize - s.word.len() as isize)
            .sum();
        (p as isize - shift).max(0) as usize
    };
    let mut fixed_sites = HashSet::new();
    for (s, e, repl) in changed(out) {
        let hits: Vec<usize> = sites
            .iter()
            .enumerate()
            .filter(|(_, site)| {
                (site.start < e && s < site.end) || (s == e && site.start < s && s < site.end)
            })
            .map(|(i, _)| i)
            .collect();
        match hits.as_slice() {
            [] => {
                if base_changes.contains(&(to_clean(s), to_clean(e), repl.clone())) {
                    t.corpus_edits += 1;
                } else {
                    t.induced += 1;
                    let rule = rule_at(out, s, e);
                    *t.induced_by_rule.entry(rule).or_default() += 1;
                    if verbose {
                        println!(
                            "  induced [{rule}]: {:?} -> {repl:?}",
                            typod.get(s.saturating_sub(20)..(e + 20).min(typod.len()))
                        );
                    }
                }
            }
            [i] if sites[*i].start == s && sites[*i].end == e && sites[*i].word == repl => {
                t.corrected += 1;
                fixed_sites.insert(*i);
            }
            _ => {
                t.wrong_on_typo += hits.len();
                for &i in &hits {
                    fixed_sites.insert(i);
                    if verbose {
                        println!(
                            "  WRONG: {} -> {} -> {repl:?} [{}]",
                            sites[i].word,
                            sites[i].typo,
                            rule_at(out, s, e)
                        );
                    }
                }
            }
        }
    }
    fixed_sites
}

/// Why were the typos not fixed left alone? Looks at the first check of the
/// typo'd text; records spelling's flags on typos for the threshold table.
fn explain_left_sites(
    linter: &Linter,
    typod: &str,
    sites: &[Site],
    fixed_sites: &HashSet<usize>,
    verbose: bool,
    t: &mut Totals,
) {
    let lang = linter.config().lang;
    let diags = linter.check(typod, Format::Plain);
    let doc = Document::parse(typod, Format::Plain);
    let tokens = tokenize(&doc);
    let quotes = Quotations::find(&doc, &tokens);
    for (i, site) in sites.iter().enumerate() {
        t.quoted += usize::from(quotes.overlaps(&(site.start..site.end)));
        let d = diags
            .iter()
            .find(|d| d.span.start < site.end && site.start < d.span.end && d.suppressed.is_none());
        let Some(d) = d else {
            t.unflagged += 1;
            if !fixed_sites.contains(&i) {
                *t.blockers.entry("not flagged").or_default() += 1;
            }
            continue;
        };
        if d.rule != "spelling" {
            if !fixed_sites.contains(&i) {
                *t.blockers.entry("flagged by another rule").or_default() += 1;
            }
            continue;
        }
        let Some(flag) = flag_of(typod, d, &tokens, &quotes, lang, linter) else {
            continue;
        };
        let right = flag
            .suggestions
            .list
            .first()
            .is_some_and(|c| c.word == site.word);
        if !fixed_sites.contains(&i) {
            let why = why_left(d, &flag, right);
            *t.blockers.entry(why).or_default() += 1;
            if verbose {
                let first = flag.suggestions.list.first();
                println!(
                    "  left: {} -> {} ({why}; first {:?} d{} count {} known {})",
                    site.word,
                    site.typo,
                    first.map(|c| c.word.as_str()),
                    first.map_or(0, |c| c.distance),
                    first.map_or(0, |c| c.count),
                    first.is_some_and(|c| c.known),
                );
            }
        }
        t.top1_wrong += usize::from(!right);
        t.typo_flags.push((flag, site.word.clone()));
    }
}

/// Why spelling's flag `d` on a typo did not fix it; `right` is whether its
/// first suggestion is the original word.
fn why_left(d: &Diagnostic, flag: &Flag, right: bool) -> &'static str {
    if !right && !flag.suggestions.list.is_empty() {
        "best suggestion is not the original word"
    } else if d
        .fixes
        .first()
        .is_some_and(|f| f.applicability == Applicability::Safe)
    {
        "Safe, but not applied (conflict)"
    } else {
        blocker(flag, CURRENT).unwrap_or("Unsafe for another reason")
    }
}

/// False alarms on the clean text, for the threshold table.
fn collect_clean_flags(linter: &Linter, clean: &str, t: &mut Totals) {
    let lang = linter.config().lang;
    let cdiags = linter.check(clean, Format::Plain);
    let cdoc = Document::parse(clean, Format::Plain);
    let ctokens = tokenize(&cdoc);
    let cquotes = Quotations::find(&cdoc, &ctokens);
    for d in cdiags
        .iter()
        .filter(|d| d.rule == "spelling" && d.suppressed.is_none())
    {
        if let Some(f) = flag_of(clean, d, &ctokens, &cquotes, lang, linter) {
            t.clean_flags.push(f);
        }
    }
}

/// The totals: corrections, wrong edits, and why typos were left.
fn print_summary(t: &Totals, args: &Args) {
    let (seed, every) = (args.seed, args.every);
    let safe_edits = t.corrected + t.wrong_on_typo + t.induced;
    let wrong = t.wrong_on_typo + t.induced;
    println!(
        "fix_eval: {} documents, {:.1} MB, {} files, seed {seed}, one typo per {every} eligible words",
        t.docs,
        t.bytes as f64 / 1e6,
        args.files.len()
    );
    println!("  injected non-word typos      {:6}", t.injected);
    println!(
        "  corrected by Safe fixes      {:6}  ({:.1}% of typos)",
        t.corrected,
        pct(t.corrected, t.injected)
    );
    println!(
        "  wrong Safe edits             {:6}  ({:.2}% of {} Safe edits due to typos: {} on typos, {} elsewhere)",
        wrong,
        pct(wrong, safe_edits),
        safe_edits,
        t.wrong_on_typo,
        t.induced
    );
    let presumed = wrong + t.clean_word_edits;
    println!(
        "  counting Safe word edits on the clean text as wrong too: {presumed} of {} ({:.2}%)",
        safe_edits + t.clean_word_edits,
        pct(presumed, safe_edits + t.clean_word_edits)
    );
    println!(
        "  typos inside quotations (never Safe): {}; corrected outside quotations: {:.1}%",
        t.quoted,
        pct(t.corrected, t.injected - t.quoted.min(t.injected))
    );
    for (rule, n) in &t.induced_by_rule {
        println!("    induced elsewhere by {rule}: {n}");
    }
    println!(
        "  corpus's own Safe edits (also made on the clean text): {}",
        t.corpus_edits
    );
    let clean_total: usize = t.clean_edits_by_rule.values().sum();
    println!("  Safe edits on the clean documents: {clean_total}");
    for (rule, n) in &t.clean_edits_by_rule {
        println!("    {rule}: {n}");
    }
    println!(
        "  typos not flagged by any rule: {}; flagged by spelling with a wrong first suggestion: {}",
        t.unflagged, t.top1_wrong
    );
    println!("  why the other typos were not corrected:");
    let mut blockers: Vec<_> = t.blockers.iter().collect();
    blockers.sort_by(|a, b| b.1.cmp(a.1));
    for (why, n) in blockers {
        println!("    {n:6}  {:5.1}%  {why}", pct(*n, t.injected));
    }
}

/// What other thresholds would give. Wrong = a Safe first suggestion that
/// is not the original word, plus a Safe edit of a clean-text false alarm.
fn print_thresholds(t: &Totals) {
    println!("  spelling Safe thresholds (margin / minimum count):");
    println!(
        "    {:<34} {:>10} {:>16}",
        "thresholds", "corrected", "wrong (of Safe)"
    );
    let mut variants = Vec::new();
    for margin in [5.0, 5.5, 6.0, 6.5, 7.0, 8.0] {
        for min_count in [100_000, 1_000_000] {
            variants.push(Thresholds { margin, min_count });
        }
    }
    for v in variants {
        let mut right = 0;
        let mut wrong = 0;
        for (f, word) in &t.typo_flags {
            if blocker(f, v).is_none() {
                if f.suggestions.list.first().is_some_and(|c| &c.word == word) {
                    right += 1;
                } else {
                    wrong += 1;
                }
            }
        }
        let false_alarms = t
            .clean_flags
            .iter()
            .filter(|f| blocker(f, v).is_none())
            .count();
        let all_wrong = wrong + false_alarms;
        println!(
            "    {:<34} {:>9.1}% {:>9.2}% ({all_wrong}: {wrong} typos, {false_alarms} clean)",
            format!("{} / {}", v.margin, v.min_count),
            pct(right, t.injected),
            pct(all_wrong, right + all_wrong),
        );
    }
}
