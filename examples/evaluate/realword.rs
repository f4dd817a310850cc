//! `evaluate rw-curve` and `evaluate inject-confusions`: the `real-word`
//! rule's operating curve, measured the way issue 17 judges it.
//!
//! ```text
//! evaluate rw-curve [--offsets A,B,..] [--seed N] [--sentences N] [--list OFFSET] [--no-repos]
//! evaluate inject-confusions [--seed N] [--sentences N] FILE...
//! evaluate rw-doc [--seed N] [--offsets A,B,..]
//! evaluate rw-features [--seed N] [--offsets X] [--no-repos] --out FILE
//! ```
//!
//! `--repeat W` (any of them) overrides the rule's weight of a document's
//! repeats (`REPEAT_WEIGHT`), for measuring it.
//!
//! `rw-curve` moves every threshold of the rule by each offset (log10;
//! 0 is the rule as shipped; `real_word::set_threshold_offset`) and prints,
//! per offset, the false `real-word` flags (all severities, suppressed
//! ones left out) per 10k words of clean text on each corpus: the
//! development prose (`tests/data/prose/*.txt`, flags on the texts' own
//! errors in `source-errors.tsv` not counted), the news fixtures
//! (`tests/fixtures/news`) and each content repository under
//! `../shared/data/content/` (checked as `copyedit check DIR` checks it:
//! non-English pages are skipped; words as the tokenizer counts them); then
//! the recall of both injection tests on the development prose: `inject`'s
//! own (the same sentences and typos as `evaluate inject`, real-word half
//! only) and `inject-confusions` (below). `--list OFFSET` prints the false
//! flags on clean text at that offset, with their lines.
//!
//! `inject-confusions`: the harder test. Each sampled sentence that holds a
//! word of [`CONFUSIONS`] (lowercase, mid-sentence) gets that word swapped
//! for another member of its set (`their` → `there`, `its` → `it's`,
//! `accept` → `except`): a set is drawn uniformly among those the sentence
//! holds, so the commonest words (`were`, `there`) do not swamp the rest.
//! The list is this harness's own, of confusions writers make (homophones
//! and near-homophones, contractions, pairs two edits apart); about half
//! of its sets are not among the rule's curated sets
//! (`confusion-sets.txt`). Recall is a flag at warning level on the word;
//! top-1 is the first fix restoring the sentence. As in `inject`, a
//! flag of any rule at warning level on the word counts.

use std::path::{Path, PathBuf};

use copyedit::walk::{check_all, discover, Source, WalkOptions};
use copyedit_core::rules::real_word::set_threshold_offset;
use copyedit_core::tokenize::{tokenize, TokenKind};
use copyedit_core::{Document, Format, Linter, Severity};

use super::{candidate_words, inject_one, on_span, realword_typo, sample, Rng};

/// Sets of words writers confuse. Contractions, homophones, near-homophones
/// and pairs two or more edits apart.
pub const CONFUSIONS: &[&[&str]] = &[
    &["their", "there", "they're"],
    &["its", "it's"],
    &["your", "you're"],
    &["whose", "who's"],
    &["were", "where", "we're"],
    &["than", "then"],
    &["affect", "effect"],
    &["accept", "except"],
    &["advice", "advise"],
    &["loose", "lose"],
    &["lose", "loss"],
    &["quiet", "quite"],
    &["weather", "whether"],
    &["breath", "breathe"],
    &["choose", "chose"],
    &["lead", "led"],
    &["passed", "past"],
    &["principal", "principle"],
    &["complement", "compliment"],
    &["later", "latter"],
    &["though", "thought", "through", "thorough"],
    &["threw", "through"],
    &["whole", "hole"],
    &["peace", "piece"],
    &["knew", "new"],
    &["know", "now"],
    &["hear", "here"],
    &["form", "from"],
    &["where", "wear", "ware"],
    &["weak", "week"],
    &["site", "sight", "cite"],
    &["personal", "personnel"],
    &["formally", "formerly"],
    &["farther", "further"],
    &["access", "excess"],
    &["ensure", "insure"],
    &["elicit", "illicit"],
    &["allusion", "illusion"],
    &["adverse", "averse"],
    &["emigrate", "immigrate"],
    &["eminent", "imminent"],
    &["discreet", "discrete"],
    &["dual", "duel"],
    &["hanger", "hangar"],
    &["rein", "reign", "rain"],
    &["role", "roll"],
    &["plain", "plane"],
    &["brake", "break"],
    &["bare", "bear"],
    &["board", "bored"],
    &["course", "coarse"],
    &["fair", "fare"],
    &["flour", "flower"],
    &["heard", "herd"],
    &["hole", "whole"],
    &["led", "lead"],
    &["meat", "meet"],
    &["morning", "mourning"],
    &["pail", "pale"],
    &["pair", "pear", "pare"],
    &["pore", "pour", "poor"],
    &["pray", "prey"],
    &["right", "write", "rite"],
    &["scene", "seen"],
    &["sole", "soul"],
    &["steal", "steel"],
    &["tail", "tale"],
    &["waist", "waste"],
    &["wait", "weight"],
    &["wander", "wonder"],
    &["which", "witch"],
    &["wood", "would"],
    &["capital", "capitol"],
    &["conscience", "conscious"],
    &["council", "counsel"],
    &["desert", "dessert"],
    &["device", "devise"],
    &["lightning", "lightening"],
    &["moral", "morale"],
    &["precede", "proceed"],
    &["stationary", "stationery"],
    &["lay", "lie"],
    &["then", "than"],
    &["every", "very"],
    &["begin", "being"],
    &["dose", "does"],
    &["lets", "let's"],
    &["one", "won"],
    &["our", "are", "hour"],
    &["want", "won't"],
    &["cant", "can't"],
    &["wont", "won't"],
    &["whether", "weather"],
    &["sense", "since"],
    &["since", "sense"],
    &["then", "them"],
    &["these", "those"],
    &["quit", "quite", "quiet"],
    &["aloud", "allowed"],
    &["altar", "alter"],
    &["bazaar", "bizarre"],
    &["cord", "chord"],
    &["die", "dye"],
    &["grate", "great"],
    &["idle", "idol"],
    &["manner", "manor"],
    &["mind", "mine"],
    &["miner", "minor"],
    &["naval", "navel"],
    &["patience", "patients"],
    &["presence", "presents"],
    &["residence", "residents"],
    &["sweet", "suite"],
    &["vain", "vein", "vane"],
    &["vary", "very"],
];

/// The members of `w`'s sets, other than `w`.
fn partners(w: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = CONFUSIONS
        .iter()
        .filter(|s| s.contains(&w))
        .flat_map(|s| s.iter().copied())
        .filter(|&c| c != w)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Lowercase words (with apostrophes) of `sentence` that belong to a set,
/// not first in the sentence, with their byte offsets.
fn confusable_words(sentence: &str) -> Vec<(usize, &str)> {
    let b = sentence.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_alphabetic() && (i == 0 || !b[i - 1].is_ascii_alphabetic());
        if !starts {
            i += 1;
            continue;
        }
        let mut e = i;
        while e < b.len() && (b[e].is_ascii_alphabetic() || b[e] == b'\'') {
            e += 1;
        }
        let w = sentence[i..e].trim_end_matches('\'');
        if i > 0
            && w.chars().all(|c| c.is_ascii_lowercase() || c == '\'')
            && !partners(w).is_empty()
        {
            out.push((i, w));
        }
        i = e.max(i + 1);
    }
    out
}

/// One injected sentence: the text, the typo's span, the original.
struct Injected {
    text: String,
    span: std::ops::Range<usize>,
    sentence: String,
}

fn splice(sentence: &str, start: usize, word: &str, typo: &str) -> Injected {
    let text = format!(
        "{}{}{}",
        &sentence[..start],
        typo,
        &sentence[start + word.len()..]
    );
    Injected {
        text,
        span: start..start + typo.len(),
        sentence: sentence.to_string(),
    }
}

/// `inject`'s real-word sentences: the same sample and typos as
/// `evaluate inject` with the same seed (its non-word half is drawn, to
/// keep the random stream, and dropped).
fn inject_set(linter: &Linter, files: &[String], seed: u64, limit: usize) -> Vec<Injected> {
    let mut rng = Rng(seed.max(1));
    let Ok(picked) = sample(files, limit, &mut rng) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (n, sentence) in picked.iter().enumerate() {
        if let Some((start, word, typo, true)) = inject_one(linter, sentence, n, &mut rng) {
            out.push(splice(sentence, start, word, &typo));
        }
    }
    out
}

/// The confusions test's sentences (see the module docs).
fn confusion_set(files: &[String], seed: u64, limit: usize) -> Vec<Injected> {
    let mut rng = Rng(seed.max(1) ^ 0x5eed_c0f5);
    let Ok(picked) = sample(files, limit, &mut rng) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for sentence in &picked {
        let words = confusable_words(sentence);
        if words.is_empty() {
            continue;
        }
        // A set first (uniformly among those present), then a place.
        let mut sets: Vec<&[&str]> = CONFUSIONS
            .iter()
            .copied()
            .filter(|s| words.iter().any(|(_, w)| s.contains(w)))
            .collect();
        sets.dedup();
        let set = sets[rng.below(sets.len())];
        let places: Vec<(usize, &str)> = words
            .iter()
            .copied()
            .filter(|(_, w)| set.contains(w))
            .collect();
        let (start, word) = places[rng.below(places.len())];
        let others: Vec<&str> = set.iter().copied().filter(|&c| c != word).collect();
        let typo = others[rng.below(others.len())];
        out.push(splice(sentence, start, word, typo));
    }
    out
}

/// (flagged at warning level, first fix right) over a set.
fn recall(linter: &Linter, set: &[Injected], verbose: bool) -> (usize, usize) {
    let (mut hit, mut top1) = (0, 0);
    for s in set {
        let diags = linter.check(&s.text, Format::Plain);
        // Any rule's flag counts, as in `evaluate inject` (`contraction`
        // catches a few `their`/`there`).
        let d = diags
            .iter()
            .find(|d| d.severity >= Severity::Warning && on_span(d, s.span.start, s.span.end));
        if let Some(d) = d {
            hit += 1;
            let right = d
                .fixes
                .first()
                .is_some_and(|f| super::apply(&s.text, f) == s.sentence);
            top1 += usize::from(right);
        } else if verbose {
            println!(
                "  miss: {:?} in {}",
                s.text.get(s.span.clone()).unwrap_or(""),
                s.text
            );
        }
    }
    (hit, top1)
}

/// A corpus of clean text: its sources and words.
struct Corpus {
    name: String,
    sources: Vec<Source>,
    words: usize,
}

fn prose_words(text: &str, format: Format) -> usize {
    let doc = Document::parse(text, format);
    tokenize(&doc)
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count()
}

fn corpus(name: &str, paths: &[PathBuf], linter: &Linter) -> Corpus {
    let (sources, _) = discover(paths, &WalkOptions::default());
    let mut words = 0;
    for r in check_all(linter, &sources, u64::MAX).into_iter().flatten() {
        if r.skipped.is_none() {
            let format = r.source.format_of(&r.text);
            words += prose_words(&r.text, format);
        }
    }
    Corpus {
        name: name.to_string(),
        sources,
        words,
    }
}

/// False `real-word` flags on a corpus (all severities, not suppressed, not
/// on the texts' listed errors), with a line of context each.
fn false_flags(linter: &Linter, c: &Corpus) -> Vec<String> {
    let mut out = Vec::new();
    for r in check_all(linter, &c.sources, u64::MAX)
        .into_iter()
        .flatten()
    {
        let path = match &r.source {
            Source::File(p) => p.to_string_lossy().into_owned(),
            Source::Stdin(_) => String::new(),
        };
        let errors = super::source_errors(&path, &r.text);
        for d in &r.diagnostics {
            if d.rule != "real-word" || d.suppressed.is_some() {
                continue;
            }
            if errors
                .iter()
                .any(|e| e.start <= d.span.start && d.span.end <= e.end)
            {
                continue;
            }
            let line_start = r.text[..d.span.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = r.text[d.span.end..]
                .find('\n')
                .map_or(r.text.len(), |i| d.span.end + i);
            let line: String = r.text[line_start..line_end].chars().take(160).collect();
            out.push(format!(
                "{} [{}] {}  | {}",
                d.message,
                d.severity.as_str(),
                path,
                line.trim()
            ));
        }
    }
    out
}

/// The options the modes share: threshold offsets, seed, sentences,
/// `--list`, whether to read the repositories, files.
type Opts = (Vec<f64>, u64, usize, Option<f64>, bool, Vec<String>);

fn args(args: &[String]) -> Result<Opts, String> {
    let mut offsets = vec![-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0];
    let (mut seed, mut limit, mut list, mut repos) = (42u64, 4000usize, None, true);
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--offsets" => {
                offsets = it
                    .next()
                    .ok_or("--offsets A,B,..")?
                    .split(',')
                    .map(|s| s.trim().parse::<f64>().map_err(|e| e.to_string()))
                    .collect::<Result<_, _>>()?;
            }
            "--seed" => seed = it.next().and_then(|s| s.parse().ok()).ok_or("--seed N")?,
            "--sentences" => {
                limit = it
                    .next()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--sentences N")?;
            }
            "--list" => list = Some(it.next().and_then(|s| s.parse().ok()).ok_or("--list X")?),
            "--no-repos" => repos = false,
            "--repeat" => copyedit_core::rules::real_word::set_repeat_weight(
                it.next().and_then(|s| s.parse().ok()).ok_or("--repeat W")?,
            ),
            f => files.push(f.to_string()),
        }
    }
    Ok((offsets, seed, limit, list, repos, files))
}

fn prose_files(root: &Path) -> Result<Vec<String>, String> {
    let mut prose: Vec<String> = std::fs::read_dir(root.join("tests/data/prose"))
        .map_err(|e| format!("tests/data/prose: {e}"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    prose.sort();
    Ok(prose)
}

/// The repositories of `../shared/data/content` (beside the project root),
/// each with its folder name, in name order.
fn content_repos(root: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let content = root.join("../shared/data/content");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&content)
        .map_err(|e| format!("{}: {e}", content.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    Ok(dirs
        .into_iter()
        .map(|d| {
            let name = d
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, d)
        })
        .collect())
}

/// `evaluate rw-curve`.
pub fn curve(a: &[String]) -> Result<(), String> {
    let (offsets, seed, limit, list, with_repos, _) = args(a)?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let linter = Linter::default();
    let prose = prose_files(root)?;
    let mut corpora = vec![
        corpus(
            "dev prose",
            &prose.iter().map(PathBuf::from).collect::<Vec<_>>(),
            &linter,
        ),
        corpus("news", &[root.join("tests/fixtures/news")], &linter),
    ];
    if with_repos {
        for (name, d) in content_repos(root)? {
            corpora.push(corpus(&name, &[d], &linter));
        }
    }
    let injected = inject_set(&linter, &prose, seed, limit);
    let confusions = confusion_set(&prose, seed, limit);
    println!(
        "rw-curve: seed {seed}; inject {} real-word sentences, inject-confusions {}",
        injected.len(),
        confusions.len()
    );
    print!("{:>7}", "offset");
    for c in &corpora {
        print!(" {:>10}", c.name.chars().take(10).collect::<String>());
    }
    println!(
        " {:>10} {:>10} {:>14} {:>14}",
        "max", "all", "inject", "confusions"
    );
    print!("{:>7}", "words");
    for c in &corpora {
        print!(" {:>10}", c.words);
    }
    println!();
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    for &o in &offsets {
        set_threshold_offset(o);
        print!("{o:>7.2}");
        let (mut worst, mut all, mut words) = (0.0f64, 0, 0);
        let mut listed = Vec::new();
        for c in &corpora {
            let flags = false_flags(&linter, c);
            let per10k = 1e4 * flags.len() as f64 / c.words.max(1) as f64;
            worst = worst.max(per10k);
            all += flags.len();
            words += c.words;
            print!(" {per10k:>10.2}");
            if list == Some(o) {
                listed.extend(flags);
            }
        }
        let (h1, t1) = recall(&linter, &injected, verbose && list == Some(o));
        let (h2, t2) = recall(&linter, &confusions, verbose && list == Some(o));
        println!(
            " {worst:>10.2} {:>10.2} {:>7.1}% ({:>4.1}) {:>7.1}% ({:>4.1})",
            1e4 * all as f64 / words.max(1) as f64,
            super::pct(h1, injected.len()),
            super::pct(t1, injected.len()),
            super::pct(h2, confusions.len()),
            super::pct(t2, confusions.len()),
        );
        for l in listed {
            println!("    {l}");
        }
    }
    set_threshold_offset(0.0);
    println!("(false real-word flags per 10k words, all severities; recall at warning level, top-1 in brackets)");
    Ok(())
}

/// `evaluate inject-confusions`.
pub fn inject_confusions(a: &[String]) -> Result<(), String> {
    let (_, seed, limit, _, _, files) = args(a)?;
    let linter = Linter::default();
    let set = confusion_set(&files, seed, limit);
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    let (hit, top1) = recall(&linter, &set, verbose);
    println!(
        "inject-confusions: {} sentences from {} files (seed {seed})",
        set.len(),
        files.len()
    );
    println!(
        "  real-word recall {:.1}%  top-1 correction {:.1}%",
        super::pct(hit, set.len()),
        super::pct(top1, set.len())
    );
    Ok(())
}

/// `evaluate rw-features [--offsets X] [--seed N] [--no-repos] --out FILE`:
/// every flag the rule makes with its thresholds moved by X (the first
/// offset; default -2) as a row of features, labelled 1 on an injected
/// word of either test and 0 on clean text (the corpora of `rw-curve`);
/// the training data of `rw-train`.
pub fn features(a: &[String]) -> Result<(), String> {
    use copyedit_core::rules::real_word::{set_tracing, take_traces, Trace};
    let mut out_path = None;
    let mut rest = Vec::new();
    let mut it = a.iter();
    while let Some(x) = it.next() {
        if x == "--out" {
            out_path = it.next().cloned();
        } else {
            rest.push(x.clone());
        }
    }
    let out_path = out_path.ok_or("--out FILE")?;
    let (offsets, seed, limit, _, with_repos, _) = args(&rest)?;
    let offset = if rest.iter().any(|x| x == "--offsets") {
        offsets.first().copied().unwrap_or(-2.0)
    } else {
        -2.0
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let linter = Linter::default();
    let prose = prose_files(root)?;
    let mut dirs = vec![
        (
            "dev-prose".to_string(),
            prose.iter().map(PathBuf::from).collect::<Vec<_>>(),
        ),
        ("news".to_string(), vec![root.join("tests/fixtures/news")]),
    ];
    if with_repos {
        for (name, d) in content_repos(root)? {
            dirs.push((name, vec![d]));
        }
    }
    let row = |label: u8, source: &str, t: &Trace| {
        format!(
            "{label}\t{source}\t{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.4}\n",
            t.word,
            t.candidate,
            t.margin,
            t.threshold,
            t.channel,
            t.unigram_word,
            t.unigram_candidate,
            t.kind,
            t.left,
            t.right,
            t.word_evidence.0,
            t.word_evidence.1,
            t.candidate_evidence.0,
            t.candidate_evidence.1,
            t.bigram_margin
        )
    };
    let mut out = String::from(
        "label\tsource\tword\tcandidate\tmargin\tthreshold\tchannel\tuni_word\tuni_cand\tkind\tleft\tright\tword_tri\tword_bi\tcand_tri\tcand_bi\tbigram_margin\n",
    );
    set_threshold_offset(offset);
    set_tracing(true);
    take_traces();
    let mut counts = Vec::new();
    for (name, paths) in &dirs {
        let (sources, _) = discover(paths, &WalkOptions::default());
        let _ = check_all(&linter, &sources, u64::MAX);
        let traces = take_traces();
        counts.push(format!("{name} {}", traces.len()));
        for t in &traces {
            out.push_str(&row(0, name, t));
        }
    }
    for (name, set) in [
        ("inject", inject_set(&linter, &prose, seed, limit)),
        ("confusions", confusion_set(&prose, seed, limit)),
    ] {
        let mut n = 0;
        for s in &set {
            take_traces();
            let _ = linter.check(&s.text, Format::Plain);
            for t in take_traces() {
                if t.span.start < s.span.end && s.span.start < t.span.end {
                    out.push_str(&row(1, name, &t));
                    n += 1;
                }
            }
        }
        counts.push(format!("{name} {n} of {}", set.len()));
    }
    set_tracing(false);
    set_threshold_offset(0.0);
    std::fs::write(&out_path, out).map_err(|e| format!("{out_path}: {e}"))?;
    println!(
        "rw-features (offset {offset}, seed {seed}): {}",
        counts.join(", ")
    );
    Ok(())
}

/// `evaluate rw-doc [--seed N] [--sentences N] [--repeat W]`: `inject`'s
/// real-word typos in whole documents rather than lone sentences: each trial
/// takes a stretch of about 2,000 words of a development prose file (from
/// a line start), swaps one lowercase word (three letters or more) for a
/// real word as `inject` does, and checks the stretch as a whole. Recall
/// here sees what the document itself says (a word it uses elsewhere).
pub fn doc_recall(a: &[String]) -> Result<(), String> {
    let (offsets, seed, limit, _, _, _) = args(a)?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let linter = Linter::default();
    let texts: Vec<String> = prose_files(root)?
        .iter()
        .map(|f| super::read(f))
        .collect::<Result<_, _>>()?;
    let mut rng = Rng(seed.max(1) ^ 0xd0c5);
    let mut set = Vec::new();
    let trials = limit.min(1000);
    while set.len() < trials {
        let t = &texts[rng.below(texts.len())];
        let mut start = rng.below(t.len());
        while start > 0 && !t.is_char_boundary(start) {
            start -= 1;
        }
        start = t[..start].rfind('\n').map_or(0, |i| i + 1);
        let mut end = start;
        let mut words = 0;
        for (i, c) in t[start..].char_indices() {
            end = start + i + c.len_utf8();
            if c == '\n' && words >= 2000 {
                break;
            }
            if c == ' ' {
                words += 1;
            }
        }
        let doc = &t[start..end];
        let cands = candidate_words(doc);
        if cands.is_empty() {
            continue;
        }
        let (at, word) = cands[rng.below(cands.len())];
        // Not first on a line (a heading, a sentence start after a break).
        if at == 0 || doc.as_bytes()[at - 1] == b'\n' {
            continue;
        }
        if let Some(typo) = realword_typo(&linter, word, &mut rng) {
            set.push(splice(doc, at, word, &typo));
        }
    }
    for &o in &offsets {
        set_threshold_offset(o);
        let (hit, top1) = recall(&linter, &set, false);
        println!(
            "{o:>7.2}  documents {}  real-word recall {:.1}% (top-1 {:.1}%)",
            set.len(),
            super::pct(hit, set.len()),
            super::pct(top1, set.len())
        );
    }
    set_threshold_offset(0.0);
    Ok(())
}
