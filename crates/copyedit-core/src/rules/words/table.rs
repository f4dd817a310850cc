//! The interner's map from short spellings (packed into a `u128` by
//! [`super::pack`]) to their slots.
//!
//! Interning a document is a stream of independent look-ups, one per word
//! token, into a table of tens of thousands of spellings: more than a
//! core's L2 cache holds, so most look-ups wait on memory. This table keeps
//! a key and its slot in one entry (open addressing, linear probing), so
//! that a look-up usually touches one entry, and lets the
//! caller fetch that line a few words ahead ([`ShortTable::prefetch`]):
//! the waits then overlap instead of adding up. (A general hash map keeps
//! its control bytes apart from its entries and offers no prefetch.)

use super::Slot;

/// A packed spelling and its slot (48 bytes); `key == 0` marks an empty
/// entry (no spelling packs to 0: the packed length is at least 1).
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    key: u128,
    slot: Slot,
}

/// See the module docs.
#[derive(Debug, Default)]
pub(super) struct ShortTable {
    /// A power of two entries (or none before the first insertion), at most
    /// half of them used.
    entries: Vec<Entry>,
    /// Entries in use.
    len: usize,
}

/// Entries of a new table.
const INITIAL: usize = 1 << 12;

/// Where `key`'s probe starts in a table of `2^bits` entries: a
/// multiplicative hash of the packed bytes, high bits.
#[inline]
fn home(key: u128, bits: u32) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(31);
    let h = folded.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - bits)) as usize
}

impl ShortTable {
    fn bits(&self) -> u32 {
        self.entries.len().trailing_zeros()
    }

    /// Ask the CPU to load the cache line where `key`'s look-up starts (a
    /// hint: nothing happens on other architectures).
    #[inline]
    pub(super) fn prefetch(&self, key: u128) {
        if self.entries.is_empty() {
            return;
        }
        if let Some(entry) = self.entries.get(home(key, self.bits())) {
            // An entry may straddle two cache lines: fetch both.
            let start = std::ptr::from_ref(entry).cast::<u8>();
            prefetch(start);
            prefetch(start.wrapping_add(size_of::<Entry>() - 1));
        }
    }

    /// The slot of `key`, inserting `make()` when absent.
    #[inline]
    pub(super) fn get_or_insert_with(
        &mut self,
        key: u128,
        make: impl FnOnce() -> Slot,
    ) -> Option<&mut Slot> {
        debug_assert_ne!(key, 0);
        if let Some(at) = self.find(key) {
            return self.entries.get_mut(at).map(|e| &mut e.slot);
        }
        let slot = make();
        if (self.len + 1) * 2 > self.entries.len() {
            self.grow();
        }
        let at = self.vacancy(key)?;
        let entry = self.entries.get_mut(at)?;
        *entry = Entry { key, slot };
        self.len += 1;
        Some(&mut entry.slot)
    }

    /// The index of `key`'s entry, if present.
    #[inline]
    fn find(&self, key: u128) -> Option<usize> {
        if self.entries.is_empty() {
            return None;
        }
        let mask = self.entries.len() - 1;
        let mut at = home(key, self.bits());
        loop {
            let entry = self.entries.get(at)?;
            if entry.key == key {
                return Some(at);
            }
            if entry.key == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// The first empty entry of `key`'s probe sequence.
    fn vacancy(&self, key: u128) -> Option<usize> {
        let mask = self.entries.len().checked_sub(1)?;
        let mut at = home(key, self.bits());
        loop {
            if self.entries.get(at)?.key == 0 {
                return Some(at);
            }
            at = (at + 1) & mask;
        }
    }

    /// Double the entries (or allocate the first ones) and re-insert.
    #[cold]
    fn grow(&mut self) {
        let size = (self.entries.len() * 2).max(INITIAL);
        let old = std::mem::replace(&mut self.entries, vec![Entry::default(); size]);
        for entry in old.into_iter().filter(|e| e.key != 0) {
            if let Some(slot) = self
                .vacancy(entry.key)
                .and_then(|at| self.entries.get_mut(at))
            {
                *slot = entry;
            }
        }
    }
}

/// Prefetch the cache line holding `address` (any address: a prefetch
/// never faults).
#[inline]
fn prefetch(address: *const u8) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: SSE is part of every x86-64 CPU (the target's baseline),
        // and a prefetch is a hint: it never faults, whatever the address,
        // and reads nothing into the program.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(address.cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(global: u32) -> Slot {
        let mut slot = Slot::default();
        slot.info.global = global;
        slot
    }

    #[test]
    fn finds_what_it_inserted_across_growth() {
        let mut table = ShortTable::default();
        // Keys that share their low bytes and differ only in the high ones,
        // as packed spellings of one length do.
        let keys: Vec<u128> = (1..20_000u128)
            .map(|i| (i * 0x1_0000_0001) | (5u128 << 120))
            .collect();
        for (n, &k) in keys.iter().enumerate() {
            let got = table.get_or_insert_with(k, || slot(n as u32)).unwrap();
            assert_eq!(got.info.global, n as u32);
            table.prefetch(k);
        }
        assert_eq!(table.len, keys.len());
        assert!(table.entries.len() >= 2 * keys.len());
        for (n, &k) in keys.iter().enumerate() {
            let got = table
                .get_or_insert_with(k, || panic!("{k} was inserted"))
                .unwrap();
            assert_eq!(got.info.global, n as u32);
        }
        assert_eq!(table.find(7 | (3u128 << 120)), None);
    }
}
