//! `lm.bin`: the language model's table in fixed-width records, made by
//! `build.rs` from the compact `dictionaries/trigrams.bin` (varints, see
//! `dictionaries/README.md`) with [`from_compact`] and compiled in: core's
//! `lm` reads it in place ([`read`]), with no decoding and no heap, and only
//! the pages a text touches are ever loaded.
//!
//! `build.rs` includes this file, so it must stay free of crate
//! dependencies.
//!
//! Layout, all little-endian: `CELMFIX1`; the counts `n1 n2 n3` (u32);
//! three tables of 256 f32 bins (bigram probability, bigram back-off,
//! trigram probability); the words' blob length (u32) and the blob (words
//! joined by NUL), padded with NUL to a multiple of 8; then, each section a
//! multiple of 8 bytes long (zero-padded):
//! - word starts in the blob: u32 × (n1 + 1), the last one the blob length
//!   plus one;
//! - unigrams: (log10 probability × 1000, back-off × 1000) as i16 × 2 × n1;
//! - first bigram of each word: u32 × (n1 + 1);
//! - bigrams: u64 × (n2 + 1), each `earlier word << 40 | prob bin << 32 |
//!   back-off bin << 24 | first trigram`, then a sentinel: the trigram count;
//! - trigrams: u32 × n3, each `first word << 8 | prob bin`.

/// The magic bytes that open the fixed table.
pub const MAGIC: &[u8; 8] = b"CELMFIX1";

/// A cursor over the compact table.
struct Compact<'a> {
    b: &'a [u8],
    p: usize,
}

impl<'a> Compact<'a> {
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
}

fn pad8(out: &mut Vec<u8>) {
    while out.len() % 8 != 0 {
        out.push(0);
    }
}

/// Writer: the fixed table made from the compact one, or `None` if it is
/// corrupt.
pub fn from_compact(b: &[u8]) -> Option<Vec<u8>> {
    let mut r = Compact { b, p: 0 };
    if r.take(8)? != b"CETRIGR1" {
        return None;
    }
    let (n1, n2, n3) = (r.u32()? as usize, r.u32()? as usize, r.u32()? as usize);
    let bins = r.take(3 * 256 * 4)?;
    let len = r.u32()? as usize;
    let blob = r.take(len)?;
    let mut out = Vec::with_capacity(8 + 12 + bins.len() + len + (n1 + 1) * 12 + n2 * 8 + n3 * 4);
    out.extend_from_slice(MAGIC);
    for n in [n1, n2, n3] {
        out.extend_from_slice(&u32::try_from(n).ok()?.to_le_bytes());
    }
    out.extend_from_slice(bins);
    out.extend_from_slice(&u32::try_from(len).ok()?.to_le_bytes());
    out.extend_from_slice(blob);
    pad8(&mut out);
    // Word starts.
    let mut starts = Vec::with_capacity(n1 + 1);
    starts.push(0u32);
    for (i, &c) in blob.iter().enumerate() {
        if c == 0 {
            starts.push(u32::try_from(i + 1).ok()?);
        }
    }
    starts.push(u32::try_from(len + 1).ok()?);
    if starts.len() != n1 + 1 {
        return None;
    }
    for s in &starts {
        out.extend_from_slice(&s.to_le_bytes());
    }
    pad8(&mut out);
    out.extend_from_slice(r.take(n1 * 4)?);
    pad8(&mut out);
    let mut first_bigram: Vec<u32> = Vec::with_capacity(n1 + 1);
    let mut bigrams: Vec<u64> = Vec::with_capacity(n2 + 1);
    let mut trigrams: Vec<u32> = Vec::with_capacity(n3);
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
    bigrams.push(trigrams.len() as u64);
    if bigrams.len() != n2 + 1 || trigrams.len() != n3 || r.p != b.len() {
        return None;
    }
    for v in &first_bigram {
        out.extend_from_slice(&v.to_le_bytes());
    }
    pad8(&mut out);
    for v in &bigrams {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for v in &trigrams {
        out.extend_from_slice(&v.to_le_bytes());
    }
    pad8(&mut out);
    Some(out)
}

/// Reader: the sections of a fixed table, in place (layout above; the
/// sections keep their zero padding).
pub struct Table<'a> {
    /// How many words, bigrams and trigrams.
    pub n1: usize,
    pub n2: usize,
    pub n3: usize,
    /// The bins: bigram probability, bigram back-off, trigram probability.
    pub bins: [[f32; 256]; 3],
    /// Words joined by NUL, in byte order (a word's id is its index).
    pub blob: &'a [u8],
    /// Per word: its start in `blob` (u32; one more entry).
    pub starts: &'a [u8],
    /// Per word: log10 probability and back-off, × 1000 (i16 × 2).
    pub unigrams: &'a [u8],
    /// Per word: its first bigram (u32; one more entry).
    pub first_bigram: &'a [u8],
    /// Per bigram, u64, then the sentinel.
    pub bigrams: &'a [u8],
    /// Per trigram, u32.
    pub trigrams: &'a [u8],
}

/// Reader: the sections of the fixed table `b`, or `None` if it is not one.
pub fn read(b: &[u8]) -> Option<Table<'_>> {
    let mut p = 0usize;
    let mut take = |n: usize| -> Option<&[u8]> {
        let s = b.get(p..p.checked_add(n)?)?;
        p += n;
        Some(s)
    };
    if take(8)? != MAGIC {
        return None;
    }
    let mut u32_next =
        || -> Option<usize> { Some(u32::from_le_bytes(take(4)?.try_into().ok()?) as usize) };
    let (n1, n2, n3) = (u32_next()?, u32_next()?, u32_next()?);
    let mut bins = [[0f32; 256]; 3];
    for table in &mut bins {
        for x in table.iter_mut() {
            *x = f32::from_le_bytes(take(4)?.try_into().ok()?);
        }
    }
    let len = u32::from_le_bytes(take(4)?.try_into().ok()?) as usize;
    let padded = |n: usize| n.div_ceil(8) * 8;
    // The blob starts after 8 + 12 + 3,072 + 4 bytes; it is padded so
    // that the next section starts at a multiple of 8.
    let head = 8 + 12 + 3 * 256 * 4 + 4;
    let blob = take(len)?;
    take(padded(head + len) - head - len)?;
    let starts = take(padded((n1 + 1) * 4))?;
    let unigrams = take(padded(n1 * 4))?;
    let first_bigram = take(padded((n1 + 1) * 4))?;
    let bigrams = take((n2 + 1) * 8)?;
    let trigrams = take(padded(n3 * 4))?;
    Some(Table {
        n1,
        n2,
        n3,
        bins,
        blob,
        starts,
        unigrams,
        first_bigram,
        bigrams,
        trigrams,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u32s(b: &[u8]) -> Vec<u32> {
        b.chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
            .collect()
    }

    /// A compact table (as `scripts/convert-sphinx-lm.py` writes it) of the
    /// words `<s> a b`, the bigrams `<s> a`, `<s> b`, `a b` and the trigram
    /// `<s> a b`.
    fn compact() -> Vec<u8> {
        let mut b = b"CETRIGR1".to_vec();
        for n in [3u32, 3, 1] {
            b.extend(n.to_le_bytes());
        }
        for i in 0..3 * 256 {
            b.extend((-(i as f32) / 100.0).to_le_bytes());
        }
        b.extend(7u32.to_le_bytes());
        b.extend(b"<s>\0a\0b");
        for u in [-99i16, -500, -1000, -300, -1200, -10] {
            b.extend(u.to_le_bytes());
        }
        // Per predicted word: its bigrams (earlier word gap, probability
        // and back-off bins), each with its trigrams (first word gap, bin).
        b.extend([0]);
        b.extend([1, 0, 5, 6, 0]);
        b.extend([2, 0, 7, 8, 0, 1, 9, 10, 1, 0, 11]);
        b
    }

    #[test]
    fn the_fixed_table_round_trips() {
        let fixed = from_compact(&compact()).unwrap();
        assert_eq!(fixed.len() % 8, 0);
        let t = read(&fixed).unwrap();
        assert_eq!((t.n1, t.n2, t.n3), (3, 3, 1));
        assert_eq!(t.bins[2][255], -767.0 / 100.0);
        assert_eq!(t.blob, b"<s>\0a\0b");
        assert_eq!(u32s(t.starts)[..4], [0, 4, 6, 8]);
        let unigrams: Vec<i16> = t
            .unigrams
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes(c.try_into().unwrap()))
            .collect();
        assert_eq!(unigrams[..6], [-99, -500, -1000, -300, -1200, -10]);
        assert_eq!(u32s(t.first_bigram)[..4], [0, 0, 1, 3]);
        let bigrams: Vec<u64> = t
            .bigrams
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap()))
            .collect();
        let bigram = |w: u64, p: u64, bo: u64, t: u64| w << 40 | p << 32 | bo << 24 | t;
        assert_eq!(
            bigrams,
            [
                bigram(0, 5, 6, 0),
                bigram(0, 7, 8, 0),
                bigram(1, 9, 10, 0),
                1
            ]
        );
        assert_eq!(u32s(t.trigrams)[..1], [11]);
    }

    #[test]
    fn a_corrupt_table_is_refused() {
        let c = compact();
        assert!(from_compact(&c[..c.len() - 1]).is_none());
        assert!(from_compact(&[c.as_slice(), &[0]].concat()).is_none());
        let fixed = from_compact(&c).unwrap();
        assert!(read(&fixed[..fixed.len() - 8]).is_none());
        assert!(read(b"CETRIGR1").is_none());
    }
}
