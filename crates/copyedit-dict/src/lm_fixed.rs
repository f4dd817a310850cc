//! The model's table in fixed-width records, made by `build.rs` from the
//! compact `dictionaries/trigrams.bin` (varints, see `dictionaries/README.md`)
//! and compiled in: the checker reads it in place, with no decoding and no
//! heap, and only the pages a text touches are ever loaded.
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
}

fn pad8(out: &mut Vec<u8>) {
    while out.len() % 8 != 0 {
        out.push(0);
    }
}

/// The fixed table made from the compact one, or `None` if it is corrupt.
pub fn from_compact(b: &[u8]) -> Option<Vec<u8>> {
    let mut r = Reader { b, p: 0 };
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
