//! Throughput benchmark: `cargo bench --bench throughput`.
//!
//! Builds a ≥ 20 MB prose corpus from `tests/data/prose/` (repeated, with a
//! deterministic typo injected every ~200 words so suggestions are exercised)
//! and checks it single-threaded in 100 KB documents, end to end (parse,
//! tokenize, every rule). Reports MB/s:
//! - cold: the first pass, in a fresh thread (empty caches, as a CLI process
//!   starts); every injected typo is a new unknown word to rank;
//! - warm: later passes, every unknown word already seen.
//!
//! Then the same for the same prose without injected typos (edited text: its
//! unknown words are names and rare words, most of them repeated), in a
//! process of its own (`THROUGHPUT_CORPUS=typos|clean` measures one). Also
//! times a 5 KB article end to end, including building the linter
//! (start-up cost).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use copyedit_core::{Format, Linter};

const TARGET_BYTES: usize = 20 * 1024 * 1024;
const DOC_BYTES: usize = 100 * 1024;

/// A tiny deterministic PRNG (xorshift) so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn inject_typo(word: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 4 || !chars.iter().all(|c| c.is_ascii_lowercase()) {
        return word.to_string();
    }
    let i = 1 + (rng.next() as usize) % (chars.len() - 2);
    let mut c = chars.clone();
    match rng.next() % 3 {
        0 => c.swap(i, i + 1),
        1 => {
            c.remove(i);
        }
        _ => c.insert(i, c[i]),
    }
    c.into_iter().collect()
}

/// Documents of about `DOC_BYTES` up to `target_bytes` in all, with a typo
/// injected every `typo_every` words (none when 0).
fn corpus(target_bytes: usize, typo_every: usize) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/prose");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data/prose exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable prose"))
        .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut docs = Vec::new();
    let mut total = 0;
    let mut doc = String::with_capacity(DOC_BYTES + 1024);
    let mut n = 0usize;
    'outer: loop {
        for text in &texts {
            for word in text.split_inclusive(' ') {
                n += 1;
                if typo_every > 0 && n.is_multiple_of(typo_every) {
                    doc.push_str(&inject_typo(word.trim_end(), &mut rng));
                    if word.ends_with(' ') {
                        doc.push(' ');
                    }
                } else {
                    doc.push_str(word);
                }
                if doc.len() >= DOC_BYTES {
                    total += doc.len();
                    docs.push(std::mem::take(&mut doc));
                    if total >= target_bytes {
                        break 'outer;
                    }
                }
            }
        }
    }
    docs
}

/// Check `docs` `passes` times in a fresh thread (so that the first pass
/// starts with empty thread-local caches): MB, problems found, wall and CPU
/// time of each pass.
fn measure(
    linter: &Linter,
    docs: &[String],
    passes: usize,
) -> (f64, usize, Vec<Duration>, Vec<Duration>) {
    let bytes: usize = docs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1_000_000.0;
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let mut runs = Vec::new();
                let mut cpu_runs = Vec::new();
                let mut found = 0;
                for _ in 0..passes {
                    let start = Instant::now();
                    let cpu_start = cpu_time();
                    found = 0;
                    for d in docs {
                        found += black_box(linter.check(d, Format::Plain)).len();
                    }
                    runs.push(start.elapsed());
                    if let (Some(a), Some(b)) = (cpu_start, cpu_time()) {
                        cpu_runs.push(b.saturating_sub(a));
                    }
                }
                (mb, found, runs, cpu_runs)
            })
            .join()
            .expect("benchmark thread")
    })
}

/// Print one corpus's cold and warm throughput, by wall and by CPU time.
fn report(label: &str, mb: f64, found: usize, runs: &[Duration], cpu_runs: &[Duration]) {
    // The first run starts with empty caches, as a CLI process does; later
    // runs show the cost with every unknown word already seen.
    let cold = runs[0];
    let warm = runs[1..].iter().min().copied().unwrap_or(Duration::MAX);
    println!(
        "{label}throughput: {mb:.1} MB, {found} problems; single-threaded: cold {:.1} MB/s ({:.2} s), warm {:.1} MB/s ({:.2} s)",
        mb / cold.as_secs_f64(),
        cold.as_secs_f64(),
        mb / warm.as_secs_f64(),
        warm.as_secs_f64(),
    );
    if cpu_runs.len() == runs.len() {
        let cold = cpu_runs[0];
        let warm = cpu_runs[1..].iter().min().copied().unwrap_or(Duration::MAX);
        println!(
            "{label}by CPU time (steadier on a busy machine): cold {:.1} MB/s, warm {:.1} MB/s",
            mb / cold.as_secs_f64(),
            mb / warm.as_secs_f64()
        );
    }
}

/// CPU time of this thread (Linux), so that numbers on a busy machine still
/// compare; `None` elsewhere.
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn main() {
    // `THROUGHPUT_MB=N` builds a smaller or larger corpus (for profiling
    // under valgrind, say); the default is the 20 MB the README reports.
    let target = std::env::var("THROUGHPUT_MB")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(TARGET_BYTES, |mb| mb.max(1) * 1024 * 1024);
    let linter = Linter::default();
    // `THROUGHPUT_RUNS=N` runs more warm passes (for profiling the warm path).
    let passes = std::env::var("THROUGHPUT_RUNS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(3)
        .max(3);

    // Each corpus is measured in a process of its own: the suggestion cache
    // is shared by the threads of a process, so a corpus measured after
    // another would start with the other's unknown words already ranked.
    match std::env::var("THROUGHPUT_CORPUS").as_deref() {
        Ok("typos") => {
            let docs = corpus(target, 200);
            let (mb, found, runs, cpu_runs) = measure(&linter, &docs, passes);
            report("", mb, found, &runs, &cpu_runs);
            return;
        }
        Ok("clean") => {
            let clean = corpus(target, 0);
            let (mb, found, runs, cpu_runs) = measure(&linter, &clean, passes);
            report("no injected typos: ", mb, found, &runs, &cpu_runs);
            return;
        }
        _ => {
            let exe = std::env::current_exe().expect("benchmark executable");
            for which in ["typos", "clean"] {
                let status = std::process::Command::new(&exe)
                    .args(std::env::args_os().skip(1))
                    .env("THROUGHPUT_CORPUS", which)
                    .status()
                    .expect("run the benchmark for one corpus");
                assert!(status.success(), "benchmark of the {which} corpus failed");
            }
        }
    }

    // Start-up + one 5 KB article, as a fresh CLI process would do it.
    let article: String = corpus(64 * 1024, 200)
        .first()
        .map(|d| d.chars().take(5 * 1024).collect())
        .unwrap_or_default();
    let mut times = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        let linter = Linter::default();
        black_box(linter.check(&article, Format::Markdown));
        times.push(start.elapsed());
    }
    times.sort();
    println!(
        "5 KB article end to end (new linter each time): median {:.2} ms",
        times[times.len() / 2].as_secs_f64() * 1000.0
    );
}
