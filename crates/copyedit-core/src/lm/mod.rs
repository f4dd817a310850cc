//! A trigram back-off language model of US English: CMU Sphinx's
//! `en-us.lm.bin` (BSD-2, see `dictionaries/README.md`), converted by
//! `scripts/convert-sphinx-lm.py` to `dictionaries/trigrams.bin` (its layout
//! is documented there); `build.rs` turns it into fixed-width records
//! ([`copyedit_dict::formats::lm`]) that are compiled in and read in place: no decoding, no heap,
//! and only the pages a text's words touch are loaded.
//!
//! 72,547 lowercase words (with contractions), 2,051,541 bigrams and
//! 1,669,625 trigrams; log10 probabilities quantized to 256 levels.
//! The sentence markers are [`Model::START`] (`<s>`) and [`Model::END`]
//! (`</s>`).

use std::ops::Range;
use std::sync::OnceLock;

use copyedit_dict::formats::lm as fixed;
// The fixed-width table `build.rs` makes from `dictionaries/trigrams.bin`
// (`copyedit_dict::formats::lm`), read in place.
use copyedit_dict::LM as TABLE;

/// A word's index in the model.
pub type WordId = u32;

/// The model: counts, bins, and the sections of the table, read in place.
pub struct Model {
    n1: usize,
    n2: usize,
    n3: usize,
    /// Words joined by NUL, in byte order (a word's id is its index).
    blob: &'static [u8],
    /// Per word: its start in `blob` (u32; one more entry).
    starts: &'static [u8],
    /// Per word: log10 probability and back-off, × 1000 (i16 × 2).
    unigrams: &'static [u8],
    /// Per word: its first bigram (the bigrams ending in it); one more
    /// entry holds the end (u32).
    first_bigram: &'static [u8],
    /// Per bigram (grouped by the later word, sorted by the earlier), u64:
    /// earlier word << 40 | prob bin << 32 | back-off bin << 24 | first
    /// trigram; then a sentinel, the trigram count.
    bigrams: &'static [u8],
    /// Per trigram (grouped by bigram, sorted by first word), u32: first
    /// word << 8 | prob bin.
    trigrams: &'static [u8],
    bigram_prob: [f32; 256],
    bigram_backoff: [f32; 256],
    trigram_prob: [f32; 256],
    /// At least any value [`Model::logprob`] can take (see [`Windows::at_least`]).
    ceiling: f64,
    /// The ids of [`Model::START`] and [`Model::END`].
    start: Option<WordId>,
    end: Option<WordId>,
}

/// The shared model (`None` only if the bundled table were corrupt; a test
/// checks it is not). Opening it reads the header only.
pub fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| Model::open(TABLE)).as_ref()
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    let at = i.checked_mul(4)?;
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], i: usize) -> Option<u64> {
    let at = i.checked_mul(8)?;
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// The index in `range` whose key (`key(i)`) is `want`, by binary search
/// over keys sorted ascending (each at most once: a test checks the table).
///
/// Branch-free but for the loop, whose count depends only on the length:
/// nothing is mispredicted, so the processor runs ahead into the next
/// search while this one waits on memory (a word's searches are independent).
fn search(range: Range<usize>, want: u32, key: impl Fn(usize) -> Option<u32>) -> Option<usize> {
    let (mut base, mut n) = (range.start, range.end.checked_sub(range.start)?);
    if n == 0 {
        return None;
    }
    while n > 1 {
        let half = n / 2;
        let mid = base + half;
        // The last index whose key is at most `want`, if any.
        base = if key(mid)? <= want { mid } else { base };
        n -= half;
    }
    (key(base)? == want).then_some(base)
}

impl Model {
    /// `<s>`: the start of a sentence, as a left neighbour.
    pub const START: &'static str = "<s>";
    /// `</s>`: the end of a sentence, as a right neighbour.
    pub const END: &'static str = "</s>";

    fn open(b: &'static [u8]) -> Option<Model> {
        let t = fixed::read(b)?;
        let [bigram_prob, bigram_backoff, trigram_prob] = t.bins;
        let mut m = Model {
            n1: t.n1,
            n2: t.n2,
            n3: t.n3,
            blob: t.blob,
            starts: t.starts,
            unigrams: t.unigrams,
            first_bigram: t.first_bigram,
            bigrams: t.bigrams,
            trigrams: t.trigrams,
            bigram_prob,
            bigram_backoff,
            trigram_prob,
            ceiling: 0.0,
            start: None,
            end: None,
        };
        m.ceiling = m.ceiling();
        m.start = m.id(Self::START);
        m.end = m.id(Self::END);
        Some(m)
    }

    /// An upper bound of [`Model::logprob`]: the largest trigram value, or
    /// of a back-off (at most the largest back-off weight, or 0) and a
    /// bigram value (the largest bigram bin, or the largest unigram
    /// back-off and probability), or of a unigram. Reads the unigrams once.
    fn ceiling(&self) -> f64 {
        let most = |bins: &[f32; 256]| {
            bins.iter()
                .fold(f64::NEG_INFINITY, |m, &b| m.max(f64::from(b)))
        };
        let (mut unigram, mut backoff) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for w in 0..self.n1 {
            if let Some((p, b)) = u32::try_from(w).ok().and_then(|w| self.unigram_entry(w)) {
                unigram = unigram.max(f64::from(p) / 1000.0);
                backoff = backoff.max(f64::from(b) / 1000.0);
            }
        }
        let bigram = most(&self.bigram_prob).max(backoff + unigram);
        let backoff2 = most(&self.bigram_backoff).max(0.0);
        most(&self.trigram_prob)
            .max(backoff2 + bigram)
            .max(bigram)
            .max(unigram)
            // A margin for rounding (each value is an f32 or a sum of two).
            + 1e-3
    }

    /// The id of [`Model::START`] (`<s>`).
    pub fn start(&self) -> Option<WordId> {
        self.start
    }

    /// The id of [`Model::END`] (`</s>`).
    pub fn end(&self) -> Option<WordId> {
        self.end
    }

    /// How many words, bigrams and trigrams the model holds.
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.n1, self.n2, self.n3)
    }

    /// The spelling of word `i`.
    fn word_bytes(&self, i: usize) -> Option<&'static [u8]> {
        let start = u32_at(self.starts, i)? as usize;
        let end = (u32_at(self.starts, i + 1)? as usize).checked_sub(1)?;
        self.blob.get(start..end)
    }

    /// The id of `word` (lowercase, straight apostrophe), if the model
    /// has it.
    pub fn id(&self, word: &str) -> Option<WordId> {
        let want = word.as_bytes();
        let (mut lo, mut hi) = (0, self.n1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.word_bytes(mid)?.cmp(want) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return WordId::try_from(mid).ok(),
            }
        }
        None
    }

    /// The word with id `id`.
    pub fn word(&self, id: WordId) -> &'static str {
        self.word_bytes(id as usize)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// (log10 probability, back-off) × 1000 of word `w`.
    fn unigram_entry(&self, w: WordId) -> Option<(i16, i16)> {
        let at = (w as usize).checked_mul(4)?;
        let e = self.unigrams.get(at..at + 4)?;
        Some((
            i16::from_le_bytes([*e.first()?, *e.get(1)?]),
            i16::from_le_bytes([*e.get(2)?, *e.get(3)?]),
        ))
    }

    /// log10 P(`w`), no context.
    pub fn unigram(&self, w: WordId) -> f32 {
        self.unigram_entry(w)
            .map_or(-99.0, |u| f32::from(u.0) / 1000.0)
    }

    /// The bigram `a w`: its index, if the model has it.
    fn bigram(&self, a: WordId, w: WordId) -> Option<usize> {
        let lo = u32_at(self.first_bigram, w as usize)? as usize;
        let hi = u32_at(self.first_bigram, w as usize + 1)? as usize;
        search(lo..hi, a, |i| {
            u64_at(self.bigrams, i).map(|e| (e >> 40) as u32)
        })
    }

    /// Whether the model holds the pair `a b`.
    pub fn has_bigram(&self, a: WordId, b: WordId) -> bool {
        self.bigram(a, b).is_some()
    }

    /// Whether the model holds the triple `a b c`.
    pub fn has_trigram(&self, a: WordId, b: WordId, c: WordId) -> bool {
        self.bigram(b, c)
            .is_some_and(|j| self.trigram(a, j).is_some())
    }

    /// How much the model has seen of `x` between `left` and `right` (each
    /// nearest first): (the windows holding `x` found as a whole trigram,
    /// the pairs of `x` and a neighbour found as a bigram). A word the
    /// model has never seen beside its neighbours is scored by back-off
    /// alone, from its frequency.
    pub fn evidence(&self, left: &[WordId], x: WordId, right: &[WordId]) -> (u8, u8) {
        let (l1, l2) = (left.first().copied(), left.get(1).copied());
        let (r1, r2) = (right.first().copied(), right.get(1).copied());
        let (mut tri, mut bi) = (0, 0);
        if let Some(l1) = l1 {
            bi += u8::from(self.has_bigram(l1, x));
            if let Some(l2) = l2 {
                tri += u8::from(self.has_trigram(l2, l1, x));
            }
            if let Some(r1) = r1 {
                tri += u8::from(self.has_trigram(l1, x, r1));
            }
        }
        if let Some(r1) = r1 {
            bi += u8::from(self.has_bigram(x, r1));
            if let Some(r2) = r2 {
                tri += u8::from(self.has_trigram(x, r1, r2));
            }
        }
        (tri, bi)
    }

    fn trigram(&self, a: WordId, bigram: usize) -> Option<f32> {
        self.trigram_bin(a, bigram)
            .map(|b| bin(&self.trigram_prob, b))
    }

    /// The probability bin of the trigram `a` + `bigram`, if the model has it.
    fn trigram_bin(&self, a: WordId, bigram: usize) -> Option<u32> {
        let lo = (u64_at(self.bigrams, bigram)? & 0xff_ffff) as usize;
        let hi = (u64_at(self.bigrams, bigram + 1)? & 0xff_ffff) as usize;
        let i = search(lo..hi, a, |i| u32_at(self.trigrams, i).map(|e| e >> 8))?;
        Some(u32_at(self.trigrams, i)? & 0xff)
    }

    /// The back-off weight of the history `a b`.
    fn backoff2(&self, a: WordId, b: WordId) -> f32 {
        self.bigram(a, b)
            .and_then(|j| u64_at(self.bigrams, j))
            .map_or(0.0, |e| bin(&self.bigram_backoff, (e >> 24) as u32))
    }

    /// log10 P(`w` | `a`), with back-off.
    pub fn bigram_logprob(&self, a: WordId, w: WordId) -> f32 {
        let entry = self.bigram(a, w).and_then(|j| u64_at(self.bigrams, j));
        self.bigram_logprob_of(a, w, entry)
    }

    /// [`Model::bigram_logprob`] given the entry of the bigram `a w` (`None`
    /// when the model lacks it).
    fn bigram_logprob_of(&self, a: WordId, w: WordId, entry: Option<u64>) -> f32 {
        match entry {
            Some(e) => bin(&self.bigram_prob, (e >> 32) as u32),
            None => {
                let backoff = self.unigram_entry(a).map_or(0, |u| u.1);
                f32::from(backoff) / 1000.0 + self.unigram(w)
            }
        }
    }

    /// log10 P(`w` | `history`), with back-off: `history` is the words
    /// before `w`, nearest last (only the last two count).
    pub fn logprob(&self, history: &[WordId], w: WordId) -> f32 {
        match history {
            [] => self.unigram(w),
            [b] => self.bigram_logprob(*b, w),
            [.., a, b] => {
                if let Some(j) = self.bigram(*b, w) {
                    if let Some(p) = self.trigram(*a, j) {
                        return p;
                    }
                }
                self.backoff2(*a, *b) + self.bigram_logprob(*b, w)
            }
        }
    }
}

/// The three trigram windows that hold a word between a left and a right
/// context, scored for one word after another (a word and its confusables):
/// the look-ups of the context alone are made once, and each word then
/// costs two bigram and at most three trigram searches, most of them
/// answered by the thread's [`Cache`]. [`Windows::score`] is the sum of the
/// three [`Model::logprob`]s, bit for bit.
pub struct Windows<'m, 'c> {
    m: &'m Model,
    cache: &'c mut Cache,
    /// The left context, nearest first (`l1`, then `l2`).
    l1: Option<WordId>,
    l2: Option<WordId>,
    /// The right context, nearest first.
    r1: Option<WordId>,
    r2: Option<WordId>,
    /// `backoff2(l2, l1)`, when there are both.
    left_backoff: f32,
    /// The unigram back-off of `l1` (× 1000).
    l1_backoff: i16,
    /// The bigram `r1 r2`, if the model has it.
    right_bigram: Option<usize>,
    /// `bigram_logprob(r1, r2)`.
    right_logprob: f32,
}

/// Memoised searches of the table, kept per thread across documents: a text
/// asks about the same pairs again and again (on the development content
/// repositories some 70% of the bigram and 45% of the trigram searches of
/// `real-word` repeat one made before), and a repository repeats phrases
/// (`clear`). Direct-mapped, of a fixed size (3 MB): an entry holds its
/// whole key, and a new key takes the slot of an old one.
pub struct Cache {
    /// Per slot: 1 << 63 | (earlier word | later word << 17) << 22 | (bigram
    /// index + 1, or 0 when the model lacks it); 0 when empty.
    bigrams: Box<[u64]>,
    /// Per slot: 1 << 63 | (first word | bigram index << 17) << 9 | (prob bin
    /// + 1, or 0 when the model lacks it); 0 when empty.
    trigrams: Box<[u64]>,
    /// Words found clear in a context (see [`Cache::clear`]): per slot,
    /// the key of [`Model::context_key`]; 0 when empty.
    clear: Box<[u128]>,
    /// Who gave the verdicts in `clear` (see [`Cache::verdicts_of`]).
    verdicts_of: u64,
    /// `64 - log2(slots)`, for the hash.
    shift: u32,
}

/// log2 of the slots of [`Cache::clear`] (1 MB).
const CLEAR_BITS: u32 = 16;

/// log2 of the slots of `bigrams` and `trigrams` in a thread's [`Cache`]
/// (1 MB each). With the `clear` memo in front, 2^18 or 2^20 slots were no
/// faster on the content repositories or `benches/many_files.sh`; nor were
/// 2^18 slots of `clear`.
const CACHE_BITS: u32 = 17;
/// Bits of a word id and of a bigram index in the [`Cache`]'s keys.
const WORD_BITS: u32 = 17;
const BIGRAM_BITS: u32 = 22;
/// Marks a filled slot of the [`Cache`].
const FILLED: u64 = 1 << 63;

thread_local! {
    static CACHE: std::cell::RefCell<Option<Box<Cache>>> = const { std::cell::RefCell::new(None) };
}

impl Cache {
    /// A cache of `2^bits` slots of each kind.
    fn new(bits: u32) -> Cache {
        let slots = 1usize << bits;
        Cache {
            // Zeroed memory: the pages are not touched until used.
            bigrams: vec![0; slots].into_boxed_slice(),
            trigrams: vec![0; slots].into_boxed_slice(),
            clear: vec![0; 1 << CLEAR_BITS].into_boxed_slice(),
            verdicts_of: 0,
            shift: 64 - bits,
        }
    }

    /// Run `f` with this thread's cache (a new one on first use or on
    /// re-entry).
    pub fn with<R>(f: impl FnOnce(&mut Cache) -> R) -> R {
        let mut cache = CACHE
            .with(|c| c.borrow_mut().take())
            .unwrap_or_else(|| Box::new(Cache::new(CACHE_BITS)));
        let r = f(&mut cache);
        CACHE.with(|c| *c.borrow_mut() = Some(cache));
        r
    }

    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn clear_slot(key: u128) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).wrapping_mul(0xff51_afd7_ed55_8ccd);
        (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - CLEAR_BITS)) as usize
    }

    /// Whether a word in a context (`key`: [`Model::context_key`]) was
    /// found clear: a caller's verdict, memoised with [`Cache::set_clear`].
    /// A text repeats its phrases: a word's verdict is a function of its
    /// context's ids, so it is worked out once.
    pub fn clear(&self, key: u128) -> bool {
        self.clear.get(Self::clear_slot(key)) == Some(&key)
    }

    /// Make `clear` hold the verdicts of `who` (a verdict depends on more
    /// than the ids: the caller's dictionary, say), forgetting others'.
    pub fn verdicts_of(&mut self, who: u64) {
        if self.verdicts_of != who {
            self.clear.fill(0);
            self.verdicts_of = who;
        }
    }

    /// Remember that the word in the context `key` is clear.
    pub fn set_clear(&mut self, key: u128) {
        if let Some(e) = self.clear.get_mut(Self::clear_slot(key)) {
            *e = key;
        }
    }
}

impl Model {
    /// Whether ids and bigram indices fit the [`Cache`]'s keys (they do for
    /// the bundled model; otherwise every search is made afresh).
    fn cacheable(&self) -> bool {
        self.n1 <= 1 << WORD_BITS && self.n2 < (1 << BIGRAM_BITS) - 1
    }

    /// A key for the word `x` between `left` and `right` (nearest first, two
    /// words each at most): equal keys, equal ids in equal places; never 0.
    /// `None` if the model's ids were too large to pack.
    pub fn context_key(&self, left: &[WordId], x: WordId, right: &[WordId]) -> Option<u128> {
        const NONE: u128 = (1 << WORD_BITS) - 1;
        if self.n1 >= NONE as usize || left.len() > 2 || right.len() > 2 {
            return None;
        }
        let id = |w: Option<&WordId>| w.map_or(NONE, |&w| u128::from(w));
        let mut key = 0;
        for w in [
            left.get(1),
            left.first(),
            Some(&x),
            right.first(),
            right.get(1),
        ] {
            key = key << WORD_BITS | id(w);
        }
        Some(key | 1 << 127)
    }

    /// [`Model::bigram`], memoised in `cache`.
    fn bigram_cached(&self, cache: &mut Cache, a: WordId, w: WordId) -> Option<usize> {
        if !self.cacheable() {
            return self.bigram(a, w);
        }
        let key = u64::from(a) | u64::from(w) << WORD_BITS;
        let slot = cache.slot(key);
        if let Some(&e) = cache.bigrams.get(slot) {
            if e & FILLED != 0 && (e & !FILLED) >> BIGRAM_BITS == key {
                let v = (e & ((1 << BIGRAM_BITS) - 1)) as usize;
                return v.checked_sub(1);
            }
        }
        let j = self.bigram(a, w);
        if let Some(e) = cache.bigrams.get_mut(slot) {
            *e = FILLED | key << BIGRAM_BITS | j.map_or(0, |j| j as u64 + 1);
        }
        j
    }

    /// [`Model::trigram`], memoised in `cache`.
    fn trigram_cached(&self, cache: &mut Cache, a: WordId, bigram: usize) -> Option<f32> {
        if !self.cacheable() {
            return self.trigram(a, bigram);
        }
        let key = u64::from(a) | (bigram as u64) << WORD_BITS;
        let slot = cache.slot(key);
        if let Some(&e) = cache.trigrams.get(slot) {
            if e & FILLED != 0 && (e & !FILLED) >> 9 == key {
                let v = (e & 0x1ff) as u32;
                return v.checked_sub(1).map(|b| bin(&self.trigram_prob, b));
            }
        }
        let found = self.trigram_bin(a, bigram);
        if let Some(e) = cache.trigrams.get_mut(slot) {
            *e = FILLED | key << 9 | found.map_or(0, |b| u64::from(b) + 1);
        }
        found.map(|b| bin(&self.trigram_prob, b))
    }

    /// The windows around a word between `left` and `right` (each nearest
    /// first; only two words of each count).
    pub fn windows<'c>(
        &self,
        cache: &'c mut Cache,
        left: &[WordId],
        right: &[WordId],
    ) -> Windows<'_, 'c> {
        let (l1, l2) = (left.first().copied(), left.get(1).copied());
        let (r1, r2) = (right.first().copied(), right.get(1).copied());
        // backoff2(l2, l1)
        let left_backoff = match (l2, l1) {
            (Some(a), Some(b)) => self
                .bigram_cached(cache, a, b)
                .and_then(|j| u64_at(self.bigrams, j))
                .map_or(0.0, |e| bin(&self.bigram_backoff, (e >> 24) as u32)),
            _ => 0.0,
        };
        let l1_backoff = l1.and_then(|a| self.unigram_entry(a)).map_or(0, |u| u.1);
        let (right_bigram, right_logprob) = match (r1, r2) {
            // bigram_logprob(a, b), with the one search
            (Some(a), Some(b)) => {
                let j = self.bigram_cached(cache, a, b);
                let entry = j.and_then(|j| u64_at(self.bigrams, j));
                (j, self.bigram_logprob_of(a, b, entry))
            }
            _ => (None, 0.0),
        };
        Windows {
            m: self,
            cache,
            l1,
            l2,
            r1,
            r2,
            left_backoff,
            l1_backoff,
            right_bigram,
            right_logprob,
        }
    }
}

impl Windows<'_, '_> {
    /// log10 of the probability of the three windows with `x` in the
    /// middle: `logprob(left, x) + logprob([l1, x], r1) + logprob([x, r1],
    /// r2)`, each term as far as the context reaches.
    pub fn score(&mut self, x: WordId) -> f64 {
        self.at_least(x, f64::NEG_INFINITY)
            .unwrap_or(f64::NEG_INFINITY)
    }

    /// [`Windows::score`] of `x`, or `None` when it is certainly below
    /// `floor`: once the first window is known, the others are bounded by
    /// the largest value a window can take (`Model::ceiling`), which spares
    /// most confusables the searches of the last two windows.
    pub fn at_least(&mut self, x: WordId, floor: f64) -> Option<f64> {
        let m = self.m;
        // The bigram `l1 x` and its entry, shared by the first two windows.
        let j1 = self.l1.and_then(|l1| m.bigram_cached(self.cache, l1, x));
        let e1 = j1.and_then(|j| u64_at(m.bigrams, j));
        // bigram_logprob(l1, x)
        let l1_x = match e1 {
            Some(e) => bin(&m.bigram_prob, (e >> 32) as u32),
            None => f32::from(self.l1_backoff) / 1000.0 + m.unigram(x),
        };
        let first = match (self.l1, self.l2) {
            (None, _) => m.unigram(x),
            (Some(_), None) => l1_x,
            (Some(_), Some(l2)) => match j1.and_then(|j| m.trigram_cached(self.cache, l2, j)) {
                Some(p) => p,
                None => self.left_backoff + l1_x,
            },
        };
        let mut s = f64::from(first);
        let Some(r1) = self.r1 else {
            return Some(s);
        };
        let rest = if self.r2.is_some() { 2.0 } else { 1.0 } * m.ceiling;
        if s + rest < floor {
            return None;
        }
        // The bigram `x r1`, shared by the last two windows.
        let j2 = m.bigram_cached(self.cache, x, r1);
        let e2 = j2.and_then(|j| u64_at(m.bigrams, j));
        // bigram_logprob(x, r1)
        let x_r1 = m.bigram_logprob_of(x, r1, e2);
        let second = match self.l1 {
            None => x_r1,
            Some(l1) => match j2.and_then(|j| m.trigram_cached(self.cache, l1, j)) {
                Some(p) => p,
                // backoff2(l1, x) + bigram_logprob(x, r1)
                None => e1.map_or(0.0, |e| bin(&m.bigram_backoff, (e >> 24) as u32)) + x_r1,
            },
        };
        s += f64::from(second);
        if self.r2.is_some() {
            let third = match self
                .right_bigram
                .and_then(|j| m.trigram_cached(self.cache, x, j))
            {
                Some(p) => p,
                // backoff2(x, r1) + bigram_logprob(r1, r2)
                None => {
                    e2.map_or(0.0, |e| bin(&m.bigram_backoff, (e >> 24) as u32))
                        + self.right_logprob
                }
            };
            s += f64::from(third);
        }
        Some(s)
    }
}

/// The value of the bin in the low byte of `e`.
fn bin(bins: &[f32; 256], e: u32) -> f32 {
    bins.get((e & 0xff) as usize).copied().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_bundled_table() {
        let m = model().unwrap();
        assert_eq!(m.sizes(), (72_547, 2_051_541, 1_669_625));
        assert!(!m.word(0).is_empty());
        let the = m.id("the").unwrap();
        assert_eq!(m.word(the), "the");
        assert!((m.unigram(the) - -1.3895).abs() < 1e-3);
        assert!(m.id("it's").is_some() && m.id("qzxv").is_none());
    }

    /// The sum `real-word` once computed with three `logprob` calls.
    fn windows_by_logprob(m: &Model, left: &[WordId], x: WordId, right: &[WordId]) -> f64 {
        let hist: Vec<WordId> = left.iter().take(2).rev().copied().collect();
        let mut s = f64::from(m.logprob(&hist, x));
        if let Some(&r1) = right.first() {
            let h1: Vec<WordId> = left.first().map_or(vec![x], |&a| vec![a, x]);
            s += f64::from(m.logprob(&h1, r1));
            if let Some(&r2) = right.get(1) {
                s += f64::from(m.logprob(&[x, r1], r2));
            }
        }
        s
    }

    #[test]
    fn windows_equal_the_sum_of_logprobs_bit_for_bit() {
        let m = model().unwrap();
        let words = [
            "<s>", "</s>", "the", "of", "a", "form", "from", "people", "were", "ere", "are",
            "dying", "more", "than", "then", "it", "was", "we", "knew", "start", "letter", "her",
            "mother", "she", "had", "values", "tree", "zygote", "quixotic", "their", "there",
            "its", "it's", "in", "to", "and", "is", "that", "for", "on", "with", "as", "time",
            "times",
        ];
        let ids: Vec<WordId> = words.iter().filter_map(|w| m.id(w)).collect();
        assert!(ids.len() > 40);
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut pick = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            ids[(seed % ids.len() as u64) as usize]
        };
        // A tiny cache: slots are taken over all the time.
        let (mut big, mut tiny) = (Cache::new(17), Cache::new(3));
        for n in 0..50_000 {
            let (nl, nr) = (n % 3, (n / 3) % 3);
            let left: Vec<WordId> = (0..nl).map(|_| pick()).collect();
            let right: Vec<WordId> = (0..nr).map(|_| pick()).collect();
            let cache = if n % 2 == 0 { &mut big } else { &mut tiny };
            let mut w = m.windows(cache, &left, &right);
            for _ in 0..3 {
                let x = pick();
                let want = windows_by_logprob(m, &left, x, &right);
                assert_eq!(
                    w.score(x).to_bits(),
                    want.to_bits(),
                    "{left:?} {x} {right:?}"
                );
            }
        }
    }

    #[test]
    fn search_keys_ascend_strictly() {
        // `search` finds the one index of a key: keys never repeat.
        let m = model().unwrap();
        for w in 0..m.n1 {
            let lo = u32_at(m.first_bigram, w).unwrap() as usize;
            let hi = u32_at(m.first_bigram, w + 1).unwrap() as usize;
            for j in lo..hi {
                let e = u64_at(m.bigrams, j).unwrap();
                if j > lo {
                    assert!(u64_at(m.bigrams, j - 1).unwrap() >> 40 < e >> 40);
                }
                let (t0, t1) = (e & 0xff_ffff, u64_at(m.bigrams, j + 1).unwrap() & 0xff_ffff);
                for t in t0 as usize + 1..t1 as usize {
                    assert!(
                        u32_at(m.trigrams, t - 1).unwrap() >> 8
                            < u32_at(m.trigrams, t).unwrap() >> 8
                    );
                }
            }
        }
        // And the search finds each.
        let key = |i: usize| Some([2u32, 3, 5, 7, 11][i]);
        for (i, want) in [2, 3, 5, 7, 11].into_iter().enumerate() {
            assert_eq!(search(0..5, want, key), Some(i));
            assert_eq!(search(i..i + 1, want, key), Some(i));
        }
        for want in [0, 4, 12] {
            assert_eq!(search(0..5, want, key), None);
        }
        assert_eq!(search(2..2, 5, key), None);
        assert_eq!(search(3..5, 5, key), None);
    }

    #[test]
    fn context_keys_differ_with_the_context() {
        let m = model().unwrap();
        let (a, b, c) = (1, 2, 3);
        let keys = [
            m.context_key(&[], a, &[]),
            m.context_key(&[b], a, &[]),
            m.context_key(&[], a, &[b]),
            m.context_key(&[b, c], a, &[]),
            m.context_key(&[c, b], a, &[]),
            m.context_key(&[b], a, &[c]),
            m.context_key(&[], a, &[b, c]),
            m.context_key(&[b], c, &[]),
        ];
        for (i, k) in keys.iter().enumerate() {
            assert!(k.is_some_and(|k| k != 0));
            assert!(!keys[..i].contains(k), "{i}");
        }
        let mut cache = Cache::new(4);
        let k = keys[5].unwrap();
        assert!(!cache.clear(k));
        cache.set_clear(k);
        assert!(cache.clear(k) && !cache.clear(keys[6].unwrap()));
    }

    #[test]
    fn the_ceiling_bounds_every_logprob() {
        let m = model().unwrap();
        assert!(m.ceiling > -1.0 && m.ceiling < 2.0, "{}", m.ceiling);
        let words: Vec<WordId> = [
            "the", "of", "people", "were", "</s>", "<s>", "states", "united",
        ]
        .iter()
        .filter_map(|w| m.id(w))
        .collect();
        for &a in &words {
            for &b in &words {
                for &c in &words {
                    assert!(f64::from(m.logprob(&[a, b], c)) <= m.ceiling);
                    assert!(f64::from(m.logprob(&[b], c)) <= m.ceiling);
                }
            }
        }
    }

    #[test]
    fn evidence_counts_whole_ngrams() {
        let m = model().unwrap();
        let id = |w| m.id(w).unwrap();
        let (left, right) = ([id("many"), id("too")], [id("dying"), id("of")]);
        // `too many people were dying of`: seen; `ere` never beside them.
        let (tri, bi) = m.evidence(&left, id("people"), &[id("were"), id("dying")]);
        assert!(tri >= 2 && bi == 2, "{tri} {bi}");
        assert_eq!(m.evidence(&[id("people")], id("ere"), &right[..1]), (0, 0));
        assert!(m.evidence(&[id("people")], id("were"), &right[..1]).1 == 2);
        assert_eq!(m.evidence(&[], id("were"), &[]), (0, 0));
    }

    #[test]
    fn context_decides() {
        let m = model().unwrap();
        let id = |w| m.id(w).unwrap();
        // Values from the source model (sphinx_trie_dump), within the
        // quantization error.
        let p = m.logprob(&[id("people"), id("were")], id("dying"));
        let q = m.logprob(&[id("people"), id("ere")], id("dying"));
        assert!(p > q + 2.0, "{p} {q}");
        assert!(m.logprob(&[id("more")], id("than")) > m.logprob(&[id("more")], id("then")));
        assert!(m.has_bigram(id("of"), id("the")));
        assert!(m.has_trigram(id("one"), id("of"), id("the")));
        assert!(m.id(Model::START).is_some() && m.id(Model::END).is_some());
    }
}
