//! Word lookup over the dictionaries compiled in by `build.rs`.
//!
//! The lexicon keeps each word as spelled (proper names capitalised). A word
//! in the text is known when it, or its lowercase form (for sentence-initial
//! `The` or shouted `DYING`), or its title-case form (`KREMLIN`), or its stem
//! without a possessive `'s`, is in the lexicon for the selected language.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use fst::{Automaton as _, IntoStreamer, Map, Streamer};

mod automaton;
mod forms;
mod near;

use automaton::Dfa;
pub(crate) use automaton::{builder as lev_builder, search_each};
pub use copyedit_dict::fold::fold_diacritics;
pub(crate) use forms::{indexed as phonetic_forms, listed as key_forms};

use copyedit_dict::formats::{lexicon, lists};
use copyedit_dict::{
    BIGRAMS, CONFUSABLES, CONFUSABLE_WORDS, CORRECTIONS, LARGE, LEXICON, MISSPELLINGS, SUGGEST,
    UNIGRAM_TOTAL,
};

/// Whether the larger word list (`dictionaries/words-large.txt`: cspell's
/// en_US, SCOWL size 70 and cspell's additions, less every word the main
/// lists accept and every known misspelling) has `word`, as written or, for
/// a capitalised word, in lowercase (`Natively` at the start of a
/// sentence). Not a reason to accept a word: evidence that it exists.
pub fn in_larger_list(word: &str) -> bool {
    static SET: std::sync::OnceLock<Map<&'static [u8]>> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| map(LARGE));
    let word = normalize_apostrophes(word);
    if set.contains_key(word.as_bytes()) {
        return true;
    }
    let mut chars = word.chars();
    let title = chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase());
    title && set.contains_key(word.to_lowercase().as_bytes())
}

/// Flag bits stored in the lexicon (`copyedit_dict::formats::lexicon`,
/// shared with `build.rs`).
pub use copyedit_dict::flags;

/// An English spelling variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// American English (default).
    #[default]
    EnUs,
    /// British English (-ise spellings).
    EnGb,
    /// Canadian English.
    EnCa,
    /// Australian English.
    EnAu,
}

impl Lang {
    /// The lexicon flag of this variant.
    pub fn flag(self) -> u8 {
        match self {
            Lang::EnUs => flags::EN_US,
            Lang::EnGb => flags::EN_GB,
            Lang::EnCa => flags::EN_CA,
            Lang::EnAu => flags::EN_AU,
        }
    }

    /// The BCP 47 tag.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::EnUs => "en-US",
            Lang::EnGb => "en-GB",
            Lang::EnCa => "en-CA",
            Lang::EnAu => "en-AU",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "en-us" | "en" | "us" => Ok(Lang::EnUs),
            "en-gb" | "gb" | "uk" => Ok(Lang::EnGb),
            "en-ca" | "ca" => Ok(Lang::EnCa),
            "en-au" | "au" => Ok(Lang::EnAu),
            _ => Err(format!(
                "unknown language `{s}` (expected en-US, en-GB, en-CA or en-AU)"
            )),
        }
    }
}

/// A lexicon entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// `flags::*` bits.
    pub flags: u8,
    /// Corpus count (Google Books via SymSpell), 0 when unknown.
    pub count: u64,
}

impl Entry {
    fn from_value(v: u64) -> Self {
        Entry {
            flags: lexicon::flags_of(v),
            count: lexicon::count_of(v),
        }
    }

    /// Whether the entry is a rare word (never suggested first): also a
    /// word known only from the technical vocabulary.
    pub fn is_rare(self) -> bool {
        self.flags & (flags::COMMON | flags::ANY_VARIANT | flags::NAME) == 0
    }
}

/// How a word relates to the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// Accepted for the selected language.
    Yes,
    /// Only a spelling of another English variant (e.g. `colour` in en-US).
    OtherVariant,
    /// Not in any word list.
    No,
}

/// The bundled dictionaries plus user words, for one language.
pub struct Dictionary {
    lexicon: Map<&'static [u8]>,
    bigrams: Map<&'static [u8]>,
    misspellings: Map<&'static [u8]>,
    suggest: Map<&'static [u8]>,
    confusables: Map<&'static [u8]>,
    total: u64,
    accept: u8,
    /// Extra accepted words (exact spelling) from configuration.
    user_words: HashSet<String>,
    /// Extra accepted words, lowercase (for words given in lowercase).
    user_words_lower: HashSet<String>,
    /// Identifies this dictionary in the per-thread caches.
    id: u64,
}

/// Per-thread caches of FST answers: a corpus repeats its words, and a hash
/// probe is several times cheaper than an FST walk. Keyed by dictionary id
/// (user words differ between dictionaries) and bounded.
mod cache {
    use std::cell::RefCell;
    use std::sync::Mutex;

    use rustc_hash::FxHashMap;

    use super::Known;

    const LIMIT: usize = 200_000;

    #[derive(Default)]
    pub(super) struct Caches {
        id: u64,
        pub(super) known: WordMap<Known>,
        pub(super) bigrams: WordMap<u64>,
        pub(super) counts: WordMap<u64>,
        pub(super) confusables: WordMap<Option<&'static str>>,
        /// `known` and `confusables` of a word that is its own confusable
        /// key (lowercase, ASCII apostrophes): one probe for both.
        pub(super) known_confusables: WordMap<(Known, Option<&'static str>)>,
        /// Scratch buffer for building bigram keys.
        pub(super) key: String,
    }

    /// A map keyed by strings in which a key of up to 15 bytes is packed,
    /// with its length, into one integer: a probe then compares integers
    /// instead of following a pointer to a heap string, the cache miss that
    /// dominated look-ups. Longer keys go to an ordinary map.
    pub(super) struct WordMap<V> {
        short: FxHashMap<u128, V>,
        long: FxHashMap<String, V>,
    }

    impl<V> Default for WordMap<V> {
        fn default() -> Self {
            WordMap {
                short: FxHashMap::default(),
                long: FxHashMap::default(),
            }
        }
    }

    impl<V: Copy> WordMap<V> {
        pub(super) fn get(&self, key: &str) -> Option<V> {
            match pack(key) {
                Some(k) => self.short.get(&k).copied(),
                None => self.long.get(key).copied(),
            }
        }

        pub(super) fn insert(&mut self, key: &str, value: V) {
            match pack(key) {
                Some(k) => {
                    self.short.insert(k, value);
                }
                None => {
                    self.long.insert(key.to_string(), value);
                }
            }
        }

        pub(super) fn len(&self) -> usize {
            self.short.len() + self.long.len()
        }
    }

    /// `key`'s bytes and, in the last byte, its length; `None` when longer
    /// than 15 bytes.
    fn pack(key: &str) -> Option<u128> {
        let bytes = key.as_bytes();
        let len = u8::try_from(bytes.len()).ok().filter(|&n| n <= 15)?;
        let mut buf = [0u8; 16];
        buf.get_mut(..bytes.len())?.copy_from_slice(bytes);
        *buf.last_mut()? = len;
        Some(u128::from_le_bytes(buf))
    }

    thread_local! {
        static CACHES: RefCell<Caches> = RefCell::new(Caches::default());
    }

    /// Answers shared by every thread, per dictionary id: a thread that
    /// misses its own cache looks here before computing, so that threads
    /// checking files with the same words do not each work them out again
    /// (with two threads that cost a quarter more CPU time on a docs
    /// repository). A thread's own cache stays the first stop: no lock on a
    /// hit.
    static SHARED: Mutex<Option<FxHashMap<u64, Caches>>> = Mutex::new(None);

    /// At most this many dictionaries' answers are shared at once.
    const SHARED_IDS: usize = 8;

    /// Which of the caches a look-up uses.
    pub(super) type Pick<V> = fn(&mut Caches) -> &mut WordMap<V>;

    /// The cached answer for `key` in the map `pick` chooses (this thread's,
    /// else the shared one), or `compute`'s, which is then cached in both.
    pub(super) fn get_or<V: Copy>(
        id: u64,
        key: &str,
        pick: Pick<V>,
        compute: impl FnOnce() -> V,
    ) -> V {
        if let Some(v) = with(id, |c| pick(c).get(key)) {
            return v;
        }
        let shared = |f: &mut dyn FnMut(&mut Caches)| {
            if let Ok(mut guard) = SHARED.lock() {
                let all = guard.get_or_insert_with(FxHashMap::default);
                if !all.contains_key(&id) && all.len() >= SHARED_IDS {
                    all.clear();
                }
                f(all.entry(id).or_default());
            }
        };
        let mut found = None;
        shared(&mut |c| found = pick(c).get(key));
        let v = match found {
            Some(v) => v,
            None => {
                let v = compute();
                shared(&mut |c| {
                    let map = pick(c);
                    if map.len() >= LIMIT {
                        *map = WordMap::default();
                    }
                    map.insert(key, v);
                });
                v
            }
        };
        with(id, |c| pick(c).insert(key, v));
        v
    }

    /// Run `f` with this thread's caches for dictionary `id`.
    pub(super) fn with<R>(id: u64, f: impl FnOnce(&mut Caches) -> R) -> R {
        CACHES.with(|c| {
            let mut c = c.borrow_mut();
            if c.id != id
                || c.known.len() > LIMIT
                || c.bigrams.len() > LIMIT
                || c.counts.len() > LIMIT
                || c.confusables.len() > LIMIT
                || c.known_confusables.len() > LIMIT
            {
                *c = Caches {
                    id,
                    ..Caches::default()
                };
            }
            f(&mut c)
        })
    }
}

impl fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dictionary")
            .field("words", &self.lexicon.len())
            .field("accept", &self.accept)
            .finish()
    }
}

#[allow(clippy::expect_used)]
fn map(bytes: &'static [u8]) -> Map<&'static [u8]> {
    // Not input: these bytes were written by fst's own builder in build.rs.
    Map::new(bytes).expect("dictionary FST compiled by build.rs is valid")
}

/// A fresh cache id for a dictionary with words of its own (the bundled
/// dictionaries use their language flag, below this).
fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1 << 32);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Replace typographic apostrophes with ASCII ones (the lexicon's form).
pub fn normalize_apostrophes(word: &str) -> std::borrow::Cow<'_, str> {
    if word.contains('’') {
        std::borrow::Cow::Owned(word.replace('’', "'"))
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// Capitalisation of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `word`
    Lower,
    /// `Word`
    Title,
    /// `WORD` (two or more letters)
    Upper,
    /// `wOrD`, `iPhone`, `McDonald`
    Mixed,
}

/// Classify the capitalisation of a word.
pub fn case_of(word: &str) -> Case {
    if word.is_ascii() {
        return case_of_ascii(word.as_bytes());
    }
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Case::Lower;
    };
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in letters {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (first.is_uppercase(), upper, lower) {
        (false, 0, _) => Case::Lower,
        (true, 0, _) => Case::Title,
        (true, _, 0) => Case::Upper,
        _ => Case::Mixed,
    }
}

fn case_of_ascii(word: &[u8]) -> Case {
    let mut letters = word.iter().filter(|b| b.is_ascii_alphabetic());
    let Some(first) = letters.next() else {
        return Case::Lower;
    };
    let (mut upper, mut lower) = (0usize, 0usize);
    for b in letters {
        if b.is_ascii_uppercase() {
            upper += 1;
        } else {
            lower += 1;
        }
    }
    match (first.is_ascii_uppercase(), upper, lower) {
        (false, 0, _) => Case::Lower,
        (true, 0, _) => Case::Title,
        (true, _, 0) => Case::Upper,
        _ => Case::Mixed,
    }
}

/// Apply the capitalisation of `model` to `word`.
pub fn match_case(word: &str, model: Case) -> String {
    match model {
        Case::Upper => word.to_uppercase(),
        Case::Title => {
            let mut c = word.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        }
        Case::Lower | Case::Mixed => word.to_string(),
    }
}

impl Dictionary {
    /// The bundled dictionaries for `lang`.
    pub fn new(lang: Lang) -> Self {
        Dictionary {
            lexicon: map(LEXICON),
            bigrams: map(BIGRAMS),
            misspellings: map(MISSPELLINGS),
            suggest: map(SUGGEST),
            confusables: map(CONFUSABLES),
            total: UNIGRAM_TOTAL.parse().unwrap_or(1).max(1),
            accept: flags::COMMON | flags::RARE | flags::NAME | flags::TECH | lang.flag(),
            user_words: HashSet::new(),
            user_words_lower: HashSet::new(),
            // Every dictionary of a language without words of its own gives
            // the same answers, so they share cached ones.
            id: u64::from(lang.flag()),
        }
    }

    /// Accept extra words (from configuration or a project word list).
    /// A word given in lowercase is accepted in any case; a capitalised one
    /// only as written (or in all caps).
    pub fn add_words<I, S>(&mut self, words: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        // Answers cached under the old id are stale now.
        self.id = next_id();
        for w in words {
            let w = normalize_apostrophes(w.as_ref().trim()).into_owned();
            if w.is_empty() {
                continue;
            }
            if case_of(&w) == Case::Lower {
                self.user_words_lower.insert(w);
            } else {
                self.user_words.insert(w);
            }
        }
    }

    /// Identifies this dictionary's answers (changes when words are added):
    /// caches of answers are keyed by it.
    pub fn cache_id(&self) -> u64 {
        self.id
    }

    /// The raw lexicon entry for an exact spelling.
    pub fn entry(&self, word: &str) -> Option<Entry> {
        self.lexicon.get(word).map(Entry::from_value)
    }

    /// The lexicon entries of the prefixes of `word` (exact spelling), as
    /// (length in bytes, entry), shortest first: one walk instead of a
    /// look-up per prefix. Prefixes that end inside a char are skipped.
    pub(crate) fn prefix_entries(&self, word: &str) -> Vec<(usize, Entry)> {
        let mut found = Vec::new();
        let fst = self.lexicon.as_fst();
        let mut node = fst.root();
        let mut out = fst::raw::Output::zero();
        for (i, &b) in word.as_bytes().iter().enumerate() {
            let Some(t) = node.find_input(b) else {
                break;
            };
            let t = node.transition(t);
            out = out.cat(t.out);
            node = fst.node(t.addr);
            if node.is_final() && word.is_char_boundary(i + 1) {
                found.push((
                    i + 1,
                    Entry::from_value(out.cat(node.final_output()).value()),
                ));
            }
        }
        found
    }

    /// Whether an accepted lexicon word longer than `prefix` starts with it
    /// (`dinn` → `dinner`): how a word cut off by a dash is told from a typo.
    pub fn extends(&self, prefix: &str) -> bool {
        if prefix.is_empty() {
            return false;
        }
        let aut = fst::automaton::Str::new(prefix).starts_with();
        let mut stream = self.lexicon.search(aut).into_stream();
        while let Some((key, v)) = stream.next() {
            if key.len() > prefix.len() && self.accepts(Entry::from_value(v)) {
                return true;
            }
        }
        false
    }

    /// Whether an entry is accepted for this dictionary's language.
    pub fn accepts(&self, e: Entry) -> bool {
        e.flags & self.accept != 0
    }

    fn status_exact(&self, word: &str) -> Known {
        if self.user_words.contains(word) || self.user_words_lower.contains(word) {
            return Known::Yes;
        }
        match self.entry(word) {
            Some(e) if self.accepts(e) => Known::Yes,
            Some(e) if e.flags & flags::ANY_VARIANT != 0 => Known::OtherVariant,
            _ => Known::No,
        }
    }

    /// Look a word up with copyedit's case rules (see the module docs).
    pub fn check(&self, word: &str) -> Known {
        cache::get_or(
            self.id,
            word,
            |c| &mut c.known,
            || self.check_uncached(word),
        )
    }

    /// `(self.check(word), self.confusables_raw(word))` in one cache probe,
    /// for a word already in lowercase with ASCII apostrophes.
    pub fn check_and_confusables(&self, word: &str) -> (Known, Option<&'static str>) {
        cache::get_or(
            self.id,
            word,
            |c| &mut c.known_confusables,
            || (self.check_uncached(word), self.confusables_uncached(word)),
        )
    }

    fn check_uncached(&self, word: &str) -> Known {
        let word = normalize_apostrophes(word);
        let status = self.check_cased(&word);
        if status != Known::No {
            return status;
        }
        // Possessives and contractions of known words: Witkoff's, there'd.
        for suffix in ["'s", "'S", "'d", "'ll", "'ve", "'re", "'m", "'"] {
            if let Some(stem) = word.strip_suffix(suffix) {
                if !stem.is_empty() && !stem.ends_with('\'') {
                    return self.check_cased(stem);
                }
            }
        }
        // Accented spellings of known words: coupé, naïve, façade.
        if !word.is_ascii() {
            let folded = fold_diacritics(&word);
            if folded != *word {
                return self.check_cased(&folded);
            }
        }
        Known::No
    }

    fn check_cased(&self, word: &str) -> Known {
        let mut best = self.status_exact(word);
        if best == Known::Yes {
            return best;
        }
        let case = case_of(word);
        if matches!(case, Case::Title | Case::Upper) {
            let lower = word.to_lowercase();
            best = better(best, self.status_exact(&lower));
            if best != Known::Yes && case == Case::Upper {
                best = better(best, self.status_exact(&match_case(&lower, Case::Title)));
            }
        }
        best
    }

    /// The corpus count of a word (any case), 0 when unknown.
    pub fn count(&self, word: &str) -> u64 {
        cache::get_or(
            self.id,
            word,
            |c| &mut c.counts,
            || self.count_uncached(word),
        )
    }

    fn count_uncached(&self, word: &str) -> u64 {
        let word = normalize_apostrophes(word);
        if let Some(e) = self.entry(&word) {
            if e.count > 0 {
                return e.count;
            }
        }
        self.entry(&word.to_lowercase()).map_or(0, |e| e.count)
    }

    /// How often `first second` occurs in the bigram corpus (lowercase).
    pub fn bigram(&self, first: &str, second: &str) -> u64 {
        let push = |key: &mut String, w: &str| {
            for c in w.chars() {
                match c {
                    '’' => key.push('\''),
                    c if c.is_ascii() => key.push(c.to_ascii_lowercase()),
                    c => key.extend(c.to_lowercase()),
                }
            }
        };
        // The key is built in a reused buffer: a hit allocates nothing.
        cache::with(self.id, |c| {
            c.key.clear();
            if first.is_ascii() && second.is_ascii() {
                c.key.push_str(first);
                c.key.push(' ');
                c.key.push_str(second);
                c.key.make_ascii_lowercase();
            } else {
                push(&mut c.key, first);
                c.key.push(' ');
                push(&mut c.key, second);
            }
            if let Some(n) = c.bigrams.get(&c.key) {
                return n;
            }
            // A miss is one FST look-up, cheaper than sharing it with the
            // other threads (a lock and an insertion): this thread's cache
            // only. Most pairs met around unknown words are new.
            let n = self.bigrams.get(c.key.as_bytes()).unwrap_or(0);
            let key = std::mem::take(&mut c.key);
            c.bigrams.insert(&key, n);
            c.key = key;
            n
        })
    }

    /// Known corrections for a common misspelling (lowercase key).
    pub fn known_misspelling(&self, word: &str) -> Vec<&'static str> {
        let lower = normalize_apostrophes(word).to_lowercase();
        let Some(v) = self.misspellings.get(lower) else {
            return Vec::new();
        };
        lists::get(CORRECTIONS, v)
            .map(|s| s.split(',').filter(|c| !c.is_empty()).collect())
            .unwrap_or_default()
    }

    /// Every dictionary word (not from the name lists) within Damerau
    /// distance `max` (at most 2) of `word`, compared in lowercase, with its
    /// lexicon entry.
    pub fn near(&self, word: &str, max: u8) -> Vec<(&'static str, Entry)> {
        let mut out = Vec::new();
        let lower = word.to_lowercase();
        if max == 1 {
            // The same keys as the automaton finds, a fraction of the work.
            if lower.chars().count() <= automaton::MAX_QUERY {
                for v in near::near1(self.suggest.as_fst(), &lower) {
                    out.extend(forms::listed(v));
                }
            }
            return out;
        }
        let Some(aut) = Dfa::new(&lower, max) else {
            return out;
        };
        let mut stream = self.suggest.search(&aut).into_stream();
        while let Some((_, v)) = stream.next() {
            out.extend(forms::listed(v));
        }
        out
    }

    /// Words a (lowercase) word is easily mistyped for: one edit away and at
    /// least ten times as common, or (flagged `true`) in a curated
    /// confusion set.
    pub fn confusables(&self, word: &str) -> Option<impl Iterator<Item = (&'static str, bool)>> {
        self.confusables_raw(word).map(Self::parse_confusables)
    }

    /// The stored list behind [`Dictionary::confusables`], unparsed.
    pub fn confusables_raw(&self, word: &str) -> Option<&'static str> {
        cache::get_or(
            self.id,
            word,
            |c| &mut c.confusables,
            || self.confusables_uncached(word),
        )
    }

    fn confusables_uncached(&self, word: &str) -> Option<&'static str> {
        lists::get(CONFUSABLE_WORDS, self.confusables.get(word)?)
    }

    /// Parse a list from [`Dictionary::confusables_raw`].
    pub fn parse_confusables(list: &'static str) -> impl Iterator<Item = (&'static str, bool)> {
        list.split(',').map(|c| match c.strip_prefix('=') {
            Some(c) => (c, true),
            None => (c, false),
        })
    }

    /// Sum of all unigram counts.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Number of words in the lexicon.
    pub fn len(&self) -> usize {
        self.lexicon.len()
    }

    /// Whether the lexicon is empty (only if the build produced no data).
    pub fn is_empty(&self) -> bool {
        self.lexicon.is_empty()
    }
}

fn better(a: Known, b: Known) -> Known {
    match (a, b) {
        (Known::Yes, _) | (_, Known::Yes) => Known::Yes,
        (Known::OtherVariant, _) | (_, Known::OtherVariant) => Known::OtherVariant,
        _ => Known::No,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn us() -> Dictionary {
        Dictionary::new(Lang::EnUs)
    }

    #[test]
    fn a_thread_takes_another_threads_cached_answer() {
        // An id no dictionary uses.
        let id = u64::MAX - 7;
        let first =
            std::thread::spawn(move || cache::get_or(id, "wordz", |c| &mut c.counts, || 41))
                .join()
                .unwrap();
        assert_eq!(first, 41);
        let second = std::thread::spawn(move || {
            cache::get_or(
                id,
                "wordz",
                |c| &mut c.counts,
                || unreachable!("computed twice"),
            )
        })
        .join()
        .unwrap();
        assert_eq!(second, 41);
    }

    #[test]
    fn unaccented_forms_of_accented_words_are_accepted_but_not_suggested_first() {
        let d = Dictionary::new(Lang::EnUs);
        for w in ["cafe", "cafes", "detente", "protege", "cliche", "Cafe"] {
            assert_eq!(d.check(w), Known::Yes, "{w}");
        }
        assert_eq!(d.check("cafx"), Known::No);
    }

    #[test]
    fn common_words_and_case_rules() {
        let d = us();
        for w in [
            "the",
            "The",
            "THE",
            "receive",
            "DYING",
            "wouldn't",
            "wouldn’t",
            "ere",
        ] {
            assert_eq!(d.check(w), Known::Yes, "{w}");
        }
        for w in ["teh", "recieve", "Wendsday", "ld"] {
            assert_eq!(d.check(w), Known::No, "{w}");
        }
    }

    #[test]
    fn proper_names_keep_their_case() {
        let d = us();
        assert_eq!(d.check("Kremlin"), Known::Yes);
        assert_eq!(d.check("KREMLIN"), Known::Yes);
        assert_eq!(d.check("Kremlin’s"), Known::Yes);
        assert_eq!(d.check("Moscow"), Known::Yes);
        assert_eq!(d.check("moscow"), Known::No);
    }

    #[test]
    fn technical_vocabulary_is_accepted_and_rare() {
        let d = us();
        for w in [
            "kubectl",
            "Kubectl",
            "KUBECTL",
            "struct",
            "async",
            "nodejs",
            "rustc",
            "webpack",
            "WebAssembly",
            "webassembly",
            "Mockito",
            "MOCKITO",
        ] {
            assert_eq!(d.check(w), Known::Yes, "{w}");
        }
        let e = d.entry("kubectl").expect("in words-tech.txt");
        assert_ne!(e.flags & flags::TECH, 0);
        assert!(e.is_rare(), "never suggested first");
        // A word that is also English keeps its English flags.
        let e = d.entry("receive").expect("English");
        assert!(!e.is_rare());
        // A capitalised entry is not accepted in lowercase (as for names);
        // typos are not accepted.
        for w in ["mockito", "teh", "recieve", "fucntion", "retrun", "conifg"] {
            assert_eq!(d.check(w), Known::No, "{w}");
        }
    }

    #[test]
    fn spelling_variants_follow_the_language() {
        let us = us();
        let gb = Dictionary::new(Lang::EnGb);
        assert_eq!(us.check("neighbor"), Known::Yes);
        assert_eq!(us.check("neighbour"), Known::OtherVariant);
        assert_eq!(gb.check("neighbour"), Known::Yes);
        assert_eq!(gb.check("neighbor"), Known::OtherVariant);
    }

    #[test]
    fn user_words() {
        let mut d = us();
        assert_eq!(d.check("zorbulate"), Known::No);
        // (`GitHub` itself is bundled, in lowercase too: technical vocabulary.)
        d.add_words(["zorbulate", "QuuxSoft"]);
        assert_eq!(d.check("Zorbulate"), Known::Yes);
        assert_eq!(d.check("QuuxSoft"), Known::Yes);
        assert_eq!(d.check("quuxsoft"), Known::No);
    }

    #[test]
    fn counts_bigrams_and_misspellings() {
        let d = us();
        assert!(d.count("the") > d.count("receive"));
        assert!(d.count("receive") > 0);
        assert!(d.bigram("of", "the") > d.bigram("fo", "the"));
        assert!(d.known_misspelling("recieve").contains(&"receive"));
        assert!(d.known_misspelling("receive").is_empty());
        let ere: Vec<(&str, bool)> = d.confusables("ere").unwrap().collect();
        assert!(
            ere.contains(&("were", false)) && ere.contains(&("are", false)),
            "{ere:?}"
        );
        assert!(d.confusables("the").is_none());
        assert!(d.confusables("then").unwrap().any(|w| w == ("than", true)));
    }

    #[test]
    fn near_finds_transpositions_case_insensitively() {
        let d = us();
        let near: Vec<&str> = d.near("teh", 1).into_iter().map(|(w, _)| w).collect();
        assert!(near.contains(&"the"), "{near:?}");
        let near: Vec<&str> = d.near("kremiln", 1).into_iter().map(|(w, _)| w).collect();
        assert!(near.contains(&"Kremlin"), "{near:?}");
    }

    #[test]
    fn case_helpers() {
        assert_eq!(case_of("word"), Case::Lower);
        assert_eq!(case_of("Word"), Case::Title);
        assert_eq!(case_of("WORD"), Case::Upper);
        assert_eq!(case_of("iPhone"), Case::Mixed);
        assert_eq!(case_of("Ünïcode"), Case::Title);
        assert_eq!(case_of("ÜBER"), Case::Upper);
        assert_eq!(case_of("x-ray"), Case::Lower);
        assert_eq!(match_case("receive", Case::Title), "Receive");
        assert_eq!(match_case("receive", Case::Upper), "RECEIVE");
    }
}
