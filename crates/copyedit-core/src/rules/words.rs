//! The word table: every word token's spelling interned, with what the
//! rules ask about it (dictionary answer, case, lowercase form,
//! confusables) worked out once.
//!
//! Spellings are interned per thread across documents (an [`Interner`]): a
//! corpus repeats its vocabulary, so after the first documents a word token
//! costs one probe of a table keyed by an integer (fetched ahead: see
//! `table`), and no dictionary cache is consulted again. Each document then numbers its own distinct spellings
//! densely (local ids), so that rules can keep per-document arrays.

use std::cell::{Cell, OnceCell, RefCell};
use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::dictionary::{case_of, Case, Dictionary, Known};
use crate::lm::{Model, WordId};
use crate::tokenize::{TokenKind, Tokens};

mod table;

use table::ShortTable;

/// What the rules ask about a word token, computed once per distinct
/// spelling rather than by every rule at every occurrence.
#[derive(Debug, Clone)]
pub struct WordInfo {
    /// The dictionary's answer (`Dictionary::check`).
    pub known: Known,
    /// Its capitalisation (`case_of`).
    pub case: Case,
    /// `str::to_lowercase` of the spelling.
    pub lower: Box<str>,
    /// `lower` with typographic apostrophes made ASCII, when that differs.
    normalized: Option<Box<str>>,
    /// `Dictionary::confusables_raw(self.key())`.
    pub(crate) confusables: Option<&'static str>,
    /// Equal for two spellings with equal `lower` forms.
    fold: u32,
    /// The id of `key()` in the language model, worked out on first use
    /// (by `real-word`): [`LM_UNSET`] until then, [`LM_NONE`] when the model
    /// lacks the word.
    lm: Cell<u32>,
    /// `real-word`'s scored confusables, worked out on first use.
    candidates: OnceCell<Box<[super::real_word::Candidate]>>,
}

/// [`WordInfo::lm`] before the first look-up.
const LM_UNSET: u32 = u32::MAX;
/// [`WordInfo::lm`] for a word the language model lacks.
const LM_NONE: u32 = u32::MAX - 1;

impl WordInfo {
    fn new(w: &str, dict: &Dictionary) -> Self {
        let lower: Box<str> = if w.bytes().all(|b| !b.is_ascii_uppercase() && b < 0x80) {
            w.into()
        } else {
            w.to_lowercase().into()
        };
        let normalized = lower.contains('’').then(|| lower.replace('’', "'").into());
        let mut info = WordInfo {
            known: Known::No,
            case: case_of(w),
            lower,
            normalized,
            confusables: None,
            fold: 0,
            lm: Cell::new(LM_UNSET),
            candidates: OnceCell::new(),
        };
        // A spelling that is its own confusable key: one cache probe answers
        // both questions.
        if info.normalized.is_none() && &*info.lower == w {
            (info.known, info.confusables) = dict.check_and_confusables(w);
        } else {
            info.known = dict.check(w);
            info.confusables = dict.confusables_raw(info.key());
        }
        info
    }

    /// The lowercase spelling with ASCII apostrophes (the form bigram and
    /// confusable look-ups use): `normalize_apostrophes(w).to_lowercase()`.
    pub fn key(&self) -> &str {
        self.normalized.as_deref().unwrap_or(&self.lower)
    }

    /// `lm.id(self.key())`, looked up once per spelling and thread (`lm` is
    /// the one shared model).
    pub(crate) fn lm_id(&self, lm: &Model) -> Option<WordId> {
        let v = match self.lm.get() {
            LM_UNSET => {
                let v = lm
                    .id(self.key())
                    .filter(|&id| id < LM_NONE)
                    .unwrap_or(LM_NONE);
                self.lm.set(v);
                v
            }
            v => v,
        };
        (v != LM_NONE).then_some(v)
    }

    /// `real-word`'s candidates for this spelling, worked out by `make`
    /// on first use.
    pub(crate) fn candidates(
        &self,
        make: impl FnOnce() -> Box<[super::real_word::Candidate]>,
    ) -> &[super::real_word::Candidate] {
        self.candidates.get_or_init(make)
    }
}

/// A thread's interned spellings, kept across documents (see the module
/// docs), for one dictionary.
#[derive(Debug, Default)]
pub struct Interner {
    /// The dictionary (`Dictionary::cache_id`) the answers are from.
    dict_id: u64,
    /// Spellings of up to 15 bytes, packed with their length into an
    /// integer ([`pack`]).
    short: ShortTable,
    /// Longer spellings.
    long: FxHashMap<Box<str>, Slot>,
    /// By global id.
    words: Vec<WordInfo>,
    /// Counts documents, for `Slot::generation`.
    generation: u32,
    /// Ids of the `lower` forms, for `WordInfo::fold`.
    folds: FxHashMap<Box<str>, u32>,
    /// Scores memoised by rules, keyed by global ids (see [`ScoreKey`]).
    scores: RefCell<FxHashMap<[u64; 4], (f64, bool)>>,
    /// [`WordTable::new`]'s buffer: the token index and packed spelling (0
    /// when too long to pack) of each word token.
    pending: Vec<(u32, u128)>,
}

/// More distinct spellings than this and a thread starts a new interner
/// (as many as the dictionary caches keep; some 50–60 MB at most, about
/// half of it the table of short spellings: 2^19 entries of 48 bytes).
const LIMIT: usize = 200_000;
/// More memoised scores than this and they are dropped (some 30 MB).
const SCORE_LIMIT: usize = 500_000;

/// A word for [`Interner::score`]: a global id, or a static string (a
/// confusable from the dictionary).
#[derive(Debug, Clone, Copy)]
pub enum ScoreKey {
    /// A word of the text, by global id.
    Word(u32),
    /// A dictionary string, by address (the same address: the same text).
    Static(&'static str),
    /// Stands for the count of the other word.
    Count,
}

impl ScoreKey {
    fn bits(self) -> (u64, u64) {
        match self {
            ScoreKey::Word(id) => (0, u64::from(id)),
            ScoreKey::Static(s) => (1 + s.len() as u64, s.as_ptr() as u64),
            ScoreKey::Count => (0, u64::MAX),
        }
    }
}

thread_local! {
    static INTERNER: RefCell<Option<Interner>> = const { RefCell::new(None) };
}

impl Interner {
    /// Run `f` with this thread's interner for `dict` (a fresh one when the
    /// thread last checked with another dictionary, or on re-entry).
    pub fn with<R>(dict: &Dictionary, f: impl FnOnce(&mut Interner) -> R) -> R {
        let id = dict.cache_id();
        let taken = INTERNER
            .with(|c| c.borrow_mut().take())
            .filter(|i| i.dict_id == id);
        let mut interner = taken.unwrap_or_else(|| Interner {
            dict_id: id,
            ..Interner::default()
        });
        if interner.words.len() > LIMIT || interner.generation == u32::MAX {
            interner = Interner {
                dict_id: id,
                ..Interner::default()
            };
        }
        if interner.scores.borrow().len() > SCORE_LIMIT {
            interner.scores.borrow_mut().clear();
        }
        let r = f(&mut interner);
        INTERNER.with(|c| *c.borrow_mut() = Some(interner));
        r
    }

    /// The memoised score of the pair `(a, b)` for `compute`'s question
    /// (a rule uses one kind of score: the pair's words identify it).
    pub fn score(
        &self,
        a: ScoreKey,
        b: ScoreKey,
        compute: impl FnOnce() -> (f64, bool),
    ) -> (f64, bool) {
        let ((a0, a1), (b0, b1)) = (a.bits(), b.bits());
        let key = [a0, a1, b0, b1];
        if let Some(v) = self.scores.borrow().get(&key) {
            return *v;
        }
        let v = compute();
        self.scores.borrow_mut().insert(key, v);
        v
    }

    /// The slot of the spelling at `span`, packed as `key` (0 when too
    /// long to pack), interning it.
    #[inline]
    fn slot(
        &mut self,
        text: &str,
        span: Range<usize>,
        key: u128,
        dict: &Dictionary,
    ) -> Option<&mut Slot> {
        let w = || text.get(span.clone()).unwrap_or_default();
        let Interner {
            short,
            long,
            words,
            folds,
            ..
        } = self;
        let mut add = || {
            let mut info = WordInfo::new(w(), dict);
            let next = u32::try_from(folds.len()).unwrap_or(u32::MAX);
            info.fold = *folds.entry(info.lower.clone()).or_insert(next);
            let global = u32::try_from(words.len()).unwrap_or(u32::MAX);
            let compact = Local {
                global,
                fold: info.fold,
                known: info.known,
                case: info.case,
                confusables: info
                    .confusables
                    .is_some_and(|list| super::real_word::any_viable(dict, info.key(), list)),
            };
            words.push(info);
            Slot {
                info: compact,
                generation: 0,
                local: 0,
            }
        };
        if key != 0 {
            return short.get_or_insert_with(key, add);
        }
        let w = w();
        if !long.contains_key(w) {
            let slot = add();
            long.insert(w.into(), slot);
        }
        long.get_mut(w)
    }
}

/// Where a spelling is in the interner, with the fields a document copies
/// into its own table, and where it is in the document that last numbered
/// it (kept in the map's entry: one look-up finds them all).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// The global id (an index of `Interner::words`) and the fields.
    info: Local,
    /// The document (`Interner::generation`) that last numbered it.
    generation: u32,
    /// Its local id in that document.
    local: u32,
}

/// `MASKS[n]`: the low `n` bytes of a `u128` set (a table: a variable
/// 128-bit shift is several instructions and a branch).
// Evaluated at compile time: an index out of bounds would not compile.
#[allow(clippy::indexing_slicing)]
static MASKS: [u128; 16] = {
    let mut t = [0u128; 16];
    let mut n = 1;
    while n < 16 {
        t[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    t
};

/// The `len` bytes of `bytes` at `start` and, in the last byte, their
/// length; `None` when longer than 15 bytes.
#[inline]
fn pack(bytes: &[u8], start: usize, len: usize) -> Option<u128> {
    if len > 15 {
        return None;
    }
    let v = match bytes.get(start..start + 16) {
        // Usually 16 bytes can be read: no copy of a variable length.
        Some(b) => {
            let mut buf = [0u8; 16];
            buf.copy_from_slice(b);
            u128::from_le_bytes(buf) & MASKS.get(len).copied().unwrap_or(0)
        }
        None => {
            let mut buf = [0u8; 16];
            buf.get_mut(..len)?
                .copy_from_slice(bytes.get(start..start + len)?);
            u128::from_le_bytes(buf)
        }
    };
    Some(v | (len as u128) << 120)
}

/// The word tokens of a text, interned: `ids[t]` is the local id of token
/// `t`'s spelling (`NOT_A_WORD` for other tokens).
#[derive(Debug)]
pub struct WordTable<'a> {
    ids: Vec<u32>,
    /// By local id: the global id and the fields rules test on most words,
    /// copied here so that a rule reads a small dense array rather than
    /// the interner's (large, so cache-missing) one.
    locals: Vec<Local>,
    /// The indices of the word tokens, in order.
    word_tokens: Vec<u32>,
    interner: &'a Interner,
}

/// What a document keeps of a spelling (see `WordTable::locals`).
#[derive(Debug, Clone, Copy)]
struct Local {
    global: u32,
    fold: u32,
    known: Known,
    case: Case,
    confusables: bool,
}

impl Default for Local {
    /// The fields of an empty table entry (see `table`), never read.
    fn default() -> Self {
        Local {
            global: 0,
            fold: 0,
            known: Known::No,
            case: Case::Lower,
            confusables: false,
        }
    }
}

/// The id of a token that is not a word.
const NOT_A_WORD: u32 = u32::MAX;

/// Words whose packed spellings [`WordTable::new`] gathers at a time.
const PENDING_CHUNK: usize = 4096;

/// How many words ahead [`WordTable::new`] prefetches a table entry:
/// enough for a memory load to arrive while the words between are
/// interned.
const AHEAD: usize = 16;

impl<'a> WordTable<'a> {
    /// Intern every word token, looking up spellings the interner has not
    /// seen.
    pub fn new(text: &str, tokens: &Tokens, dict: &Dictionary, interner: &'a mut Interner) -> Self {
        interner.generation += 1;
        let generation = interner.generation;
        let mut locals: Vec<Local> = Vec::with_capacity(tokens.tokens.len() / 12);
        let mut word_tokens = Vec::with_capacity(tokens.tokens.len() / 2);
        let mut ids = vec![NOT_A_WORD; tokens.tokens.len()];
        // The packed spellings first, so that each look-up can prefetch
        // the table entry of the word `AHEAD` words on (see `table`); a
        // chunk at a time, so that the buffer (32 bytes a word, kept by the
        // interner) stays small whatever the size of the text.
        let mut pending = std::mem::take(&mut interner.pending);
        let bytes = text.as_bytes();
        let mut words = tokens
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == TokenKind::Word);
        loop {
            pending.clear();
            for (index, t) in words.by_ref().take(PENDING_CHUNK) {
                let key = pack(bytes, t.span.start, t.span.len()).unwrap_or(0);
                pending.push((u32::try_from(index).unwrap_or(NOT_A_WORD), key));
            }
            if pending.is_empty() {
                break;
            }
            for (n, &(index, key)) in pending.iter().enumerate() {
                if let Some(&(_, ahead)) = pending.get(n + AHEAD) {
                    interner.short.prefetch(ahead);
                }
                let Some(t) = tokens.tokens.get(index as usize) else {
                    continue;
                };
                let Some(slot) = interner.slot(text, t.span.clone(), key, dict) else {
                    continue;
                };
                let local = if slot.generation != generation {
                    let local = u32::try_from(locals.len()).unwrap_or(NOT_A_WORD);
                    slot.generation = generation;
                    slot.local = local;
                    locals.push(slot.info);
                    local
                } else {
                    slot.local
                };
                word_tokens.push(index);
                if let Some(id) = ids.get_mut(index as usize) {
                    *id = local;
                }
            }
        }
        interner.pending = pending;
        WordTable {
            ids,
            locals,
            word_tokens,
            interner,
        }
    }

    fn local(&self, index: usize) -> Option<&Local> {
        self.locals.get(*self.ids.get(index)? as usize)
    }

    /// The word at token `index` of `tokens.tokens`, if it is a word.
    pub fn at(&self, index: usize) -> Option<&'a WordInfo> {
        let g = self.global(index)?;
        self.interner.words.get(g as usize)
    }

    /// `at(index).known`, read from the document's own array.
    pub fn known(&self, index: usize) -> Option<Known> {
        self.local(index).map(|l| l.known)
    }

    /// `at(index).case`, read from the document's own array.
    pub fn case(&self, index: usize) -> Option<Case> {
        self.local(index).map(|l| l.case)
    }

    /// Whether the word at token `index` has confusables that `real-word`
    /// could offer (`real_word::any_viable`; decided once per spelling from
    /// counts alone).
    pub fn has_confusables(&self, index: usize) -> bool {
        self.local(index).is_some_and(|l| l.confusables)
    }

    /// Equal for two word tokens whose lowercase forms are equal.
    pub fn fold(&self, index: usize) -> Option<u32> {
        self.local(index).map(|l| l.fold)
    }

    /// The indices (in `tokens.tokens`) of the word tokens, in order.
    pub fn word_tokens(&self) -> &[u32] {
        &self.word_tokens
    }

    /// The id of the word at token `index` (equal ids: equal spellings),
    /// dense within the document.
    pub fn id(&self, index: usize) -> Option<usize> {
        self.ids
            .get(index)
            .filter(|&&id| id != NOT_A_WORD)
            .map(|&id| id as usize)
    }

    /// The id of the word at token `index` across documents (for the
    /// interner's memoised scores).
    pub fn global(&self, index: usize) -> Option<u32> {
        self.local(index).map(|l| l.global)
    }

    /// The interner behind the table.
    pub fn interner(&self) -> &'a Interner {
        self.interner
    }

    /// Number of distinct spellings.
    pub fn len(&self) -> usize {
        self.locals.len()
    }

    /// Whether the text has no word.
    pub fn is_empty(&self) -> bool {
        self.locals.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::Lang;
    use crate::tokenize::tokenize_str;

    #[test]
    fn packing_near_the_end_of_the_text_matches_packing_inside_it() {
        let text = "word and word";
        let a = pack(text.as_bytes(), 0, 4);
        let b = pack(text.as_bytes(), 9, 4);
        assert_eq!(a, b);
        assert!(a.is_some());
        assert_ne!(pack(text.as_bytes(), 0, 3), a);
        assert_eq!(pack(b"abcdefghijklmnopq", 0, 16), None);
    }

    #[test]
    fn ids_are_dense_per_document_and_global_ids_persist() {
        let dict = Dictionary::new(Lang::EnUs);
        let mut interner = Interner::default();
        let text = "The cat saw the cat. A cat’s toy";
        let tokens = Tokens {
            tokens: tokenize_str(text),
            blocks: Vec::new(),
        };
        let globals = {
            let table = WordTable::new(text, &tokens, &dict, &mut interner);
            assert_eq!(table.len(), 7);
            assert_eq!(table.id(2), table.id(8));
            assert_ne!(table.id(0), table.id(6));
            let info = table.at(13).unwrap();
            assert_eq!(info.key(), "cat's");
            assert_eq!(&*info.lower, "cat’s");
            assert_eq!(table.id(2), Some(1));
            assert_eq!(table.fold(0), table.fold(6));
            assert_ne!(table.fold(0), table.fold(2));
            assert_eq!(table.word_tokens(), [0, 2, 4, 6, 8, 11, 13, 15]);
            table.global(2)
        };
        let text2 = "A cat";
        let tokens2 = Tokens {
            tokens: tokenize_str(text2),
            blocks: Vec::new(),
        };
        let table = WordTable::new(text2, &tokens2, &dict, &mut interner);
        assert_eq!(table.len(), 2);
        assert_eq!(table.global(2), globals);
        assert_eq!(table.id(0), Some(0));
        assert_eq!(table.id(2), Some(1));
    }
}
