//! A trigram back-off language model of US English: CMU Sphinx's
//! `en-us.lm.bin` (BSD-2, see `dictionaries/README.md`), converted by
//! `scripts/convert-sphinx-lm.py` to `dictionaries/trigrams.bin` (its layout
//! is documented there) and compiled in. The table is decoded on first use
//! into flat arrays (about 25 MB; some tens of milliseconds) and shared.
//!
//! 72,547 lowercase words (with contractions), 2,051,541 bigrams and
//! 1,669,625 trigrams; log10 probabilities quantized to 256 levels.
//! The sentence markers are [`Model::START`] (`<s>`) and [`Model::END`]
//! (`</s>`).

use std::sync::OnceLock;

static TABLE: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/dictionaries/trigrams.bin"
));

/// A word's index in the model.
pub type WordId = u32;

/// The decoded model.
pub struct Model {
    /// The words, in byte order (a word's id is its index).
    words: Vec<&'static str>,
    /// Per word: log10 probability and back-off, × 1000.
    unigrams: Vec<(i16, i16)>,
    /// Per word: its first bigram (the bigrams ending in it); one more
    /// entry holds the end.
    first_bigram: Vec<u32>,
    /// Per bigram (grouped by the later word, sorted by the earlier):
    /// earlier word << 40 | prob bin << 32 | back-off bin << 24 | first
    /// trigram.
    bigrams: Vec<u64>,
    /// Per trigram (grouped by bigram, sorted by first word): first word
    /// << 8 | prob bin.
    trigrams: Vec<u32>,
    bigram_prob: [f32; 256],
    bigram_backoff: [f32; 256],
    trigram_prob: [f32; 256],
}

/// The shared model, decoded on first use (`None` only if the bundled
/// table were corrupt; a test checks it is not).
pub fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| Model::decode(TABLE)).as_ref()
}

struct Reader<'a> {
    b: &'a [u8],
    p: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.p..self.p.checked_add(n)?)?;
        self.p += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        let v = *self.b.get(self.p)?;
        self.p += 1;
        Some(v)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn varint(&mut self) -> Option<u32> {
        let mut v = 0u32;
        let mut shift = 0;
        loop {
            let b = self.u8()?;
            v |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b < 0x80 {
                return Some(v);
            }
            shift += 7;
        }
    }
    fn bins(&mut self) -> Option<[f32; 256]> {
        let mut out = [0f32; 256];
        for x in &mut out {
            *x = f32::from_le_bytes(self.take(4)?.try_into().ok()?);
        }
        Some(out)
    }
}

impl Model {
    /// `<s>`: the start of a sentence, as a left neighbour.
    pub const START: &'static str = "<s>";
    /// `</s>`: the end of a sentence, as a right neighbour.
    pub const END: &'static str = "</s>";

    fn decode(b: &'static [u8]) -> Option<Model> {
        let mut r = Reader { b, p: 0 };
        if r.take(8)? != b"CETRIGR1" {
            return None;
        }
        let (n1, n2, n3) = (r.u32()? as usize, r.u32()? as usize, r.u32()? as usize);
        let bigram_prob = r.bins()?;
        let bigram_backoff = r.bins()?;
        let trigram_prob = r.bins()?;
        let len = r.u32()? as usize;
        let blob = std::str::from_utf8(r.take(len)?).ok()?;
        let words: Vec<&'static str> = blob.split('\0').collect();
        if words.len() != n1 {
            return None;
        }
        let mut unigrams = Vec::with_capacity(n1);
        for _ in 0..n1 {
            let p = r.take(2)?;
            let prob = i16::from_le_bytes(p.try_into().ok()?);
            let p = r.take(2)?;
            unigrams.push((prob, i16::from_le_bytes(p.try_into().ok()?)));
        }
        let mut first_bigram = Vec::with_capacity(n1 + 1);
        let mut bigrams = Vec::with_capacity(n2);
        let mut trigrams = Vec::with_capacity(n3);
        for _ in 0..n1 {
            first_bigram.push(u32::try_from(bigrams.len()).ok()?);
            let kids = r.varint()?;
            let mut word = 0u32;
            for _ in 0..kids {
                word = word.checked_add(r.varint()?)?;
                let (p, bo) = (r.u8()?, r.u8()?);
                let tris = r.varint()?;
                bigrams.push(
                    u64::from(word) << 40
                        | u64::from(p) << 32
                        | u64::from(bo) << 24
                        | trigrams.len() as u64,
                );
                let mut first = 0u32;
                for _ in 0..tris {
                    first = first.checked_add(r.varint()?)?;
                    trigrams.push(first << 8 | u32::from(r.u8()?));
                }
            }
        }
        first_bigram.push(u32::try_from(bigrams.len()).ok()?);
        // A sentinel: the end of the last bigram's trigrams.
        bigrams.push(trigrams.len() as u64);
        (bigrams.len() == n2 + 1 && trigrams.len() == n3 && r.p == b.len()).then_some(Model {
            words,
            unigrams,
            first_bigram,
            bigrams,
            trigrams,
            bigram_prob,
            bigram_backoff,
            trigram_prob,
        })
    }

    /// The id of `word` (lowercase, straight apostrophe), if the model
    /// has it.
    pub fn id(&self, word: &str) -> Option<WordId> {
        self.words
            .binary_search_by(|w| w.as_bytes().cmp(word.as_bytes()))
            .ok()
            .map(|i| i as WordId)
    }

    /// The word with id `id`.
    pub fn word(&self, id: WordId) -> &'static str {
        self.words.get(id as usize).copied().unwrap_or("")
    }

    /// log10 P(`w`), no context.
    pub fn unigram(&self, w: WordId) -> f32 {
        self.unigrams
            .get(w as usize)
            .map_or(-99.0, |u| f32::from(u.0) / 1000.0)
    }

    /// The bigram `a w`: its index, if the model has it.
    fn bigram(&self, a: WordId, w: WordId) -> Option<usize> {
        let lo = *self.first_bigram.get(w as usize)? as usize;
        let hi = *self.first_bigram.get(w as usize + 1)? as usize;
        let kids = self.bigrams.get(lo..hi)?;
        kids.binary_search_by_key(&a, |e| (e >> 40) as u32)
            .ok()
            .map(|i| lo + i)
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

    fn trigram(&self, a: WordId, bigram: usize) -> Option<f32> {
        let lo = (self.bigrams.get(bigram)? & 0xff_ffff) as usize;
        let hi = (self.bigrams.get(bigram + 1)? & 0xff_ffff) as usize;
        let kids = self.trigrams.get(lo..hi)?;
        let i = kids.binary_search_by_key(&a, |e| e >> 8).ok()?;
        Some(bin(&self.trigram_prob, *kids.get(i)?))
    }

    /// The back-off weight of the history `a b`.
    fn backoff2(&self, a: WordId, b: WordId) -> f32 {
        self.bigram(a, b)
            .and_then(|j| self.bigrams.get(j))
            .map_or(0.0, |e| bin(&self.bigram_backoff, (e >> 24) as u32))
    }

    /// log10 P(`w` | `a`), with back-off.
    pub fn bigram_logprob(&self, a: WordId, w: WordId) -> f32 {
        match self.bigram(a, w).and_then(|j| self.bigrams.get(j)) {
            Some(e) => bin(&self.bigram_prob, (e >> 32) as u32),
            None => {
                let backoff = self.unigrams.get(a as usize).map_or(0, |u| u.1);
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
        assert_eq!(m.words.len(), 72_547);
        assert_eq!(m.bigrams.len(), 2_051_541 + 1);
        assert_eq!(m.trigrams.len(), 1_669_625);
        let the = m.id("the").unwrap();
        assert_eq!(m.word(the), "the");
        assert!((m.unigram(the) - -1.3895).abs() < 1e-3);
        assert!(m.id("it's").is_some() && m.id("qzxv").is_none());
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
