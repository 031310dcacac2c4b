//! The word memo's index: word numbers found by the hash of their word.
//!
//! A hash table of its own, rather than `hashbrown`'s, for one thing: the
//! memo looks up a few hundred words of a document at once
//! ([`WordMemo::number`] in `word_memo.rs`), and asks the core to fetch
//! each word's slot before reading any of them, so that the cache misses
//! of those words overlap instead of following each other. That needs the slot's address
//! before the lookup, which `hashbrown` does not give.
//!
//! Open addressing with linear probing, four bytes a slot: the number
//! (plus one; zero is an empty slot) and, above it, bits of the word's
//! hash that tell most other words apart without reading them (a tag).
//! The table doubles when three quarters full.
//!
//! [`WordMemo::number`]: crate::word_memo::WordMemo

/// Bits of a slot that hold the number (plus one).
const NUMBER_BITS: u32 = 17;
const NUMBER_MASK: u32 = (1 << NUMBER_BITS) - 1;

/// The most numbers the table holds: one less than the slot can tell from
/// an empty one.
pub(crate) const MAX_NUMBERS: usize = NUMBER_MASK as usize - 1;

/// The size of a table's first allocation, in slots.
const MIN_SLOTS: usize = 1024;

#[derive(Default)]
pub(crate) struct NumberTable {
    slots: Vec<u32>,
    len: usize,
}

impl NumberTable {
    /// Empties the table, keeping its memory.
    pub(crate) fn clear(&mut self) {
        self.slots.fill(0);
        self.len = 0;
    }

    /// Asks the core to fetch the slot where a lookup of `hash` starts.
    #[inline]
    pub(crate) fn prefetch(&self, hash: u64) {
        if let Some(slot) = self.slots.get(self.home(hash)) {
            prefetch(slot);
        }
    }

    /// The first number whose slot's tag is `hash`'s: the number of the
    /// word with that hash, unless another word shares the tag (the caller
    /// checks).
    #[inline]
    pub(crate) fn candidate(&self, hash: u64) -> Option<u32> {
        self.find(hash, |_| true)
    }

    /// The first number with `hash`'s tag for which `is` holds.
    #[inline]
    pub(crate) fn find(&self, hash: u64, mut is: impl FnMut(u32) -> bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let tag = tag(hash);
        let mut at = self.home(hash);
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                return None;
            }
            let number = (slot & NUMBER_MASK) - 1;
            if slot & !NUMBER_MASK == tag && is(number) {
                return Some(number);
            }
            at = (at + 1) & mask;
        }
    }

    /// Adds `number`, for a word with `hash` that the table does not hold.
    /// `hash_of(n)` gives the hash of the word numbered `n` (the table
    /// keeps only a part of it, and needs all of it when it grows).
    pub(crate) fn insert(&mut self, hash: u64, number: u32, hash_of: impl Fn(u32) -> u64) {
        assert!((number as usize) < MAX_NUMBERS, "word number {number} does not fit a slot");
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow(&hash_of);
        }
        self.put(hash, number);
        self.len += 1;
    }

    /// Where a lookup of `hash` starts (the table has slots).
    fn home(&self, hash: u64) -> usize {
        hash as usize & self.slots.len().wrapping_sub(1)
    }

    fn put(&mut self, hash: u64, number: u32) {
        let mask = self.slots.len() - 1;
        let mut at = self.home(hash);
        while self.slots[at] != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = tag(hash) | (number + 1);
    }

    fn grow(&mut self, hash_of: &impl Fn(u32) -> u64) {
        let size = (self.slots.len() * 2).max(MIN_SLOTS);
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        for slot in old.into_iter().filter(|&s| s != 0) {
            let number = (slot & NUMBER_MASK) - 1;
            self.put(hash_of(number), number);
        }
    }
}

/// Asks the core to bring `value` into its caches, without waiting for it.
#[inline(always)]
pub(crate) fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch is a hint: it reads nothing the program sees
        // and cannot fault, whatever the address (here a live reference);
        // SSE, which it needs, is part of every x86-64 CPU.
        unsafe { _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// The bits of `hash` a slot keeps: its top bits, which [`NumberTable::home`]
/// (the low bits) does not use.
fn tag(hash: u64) -> u32 {
    (hash >> 32) as u32 & !NUMBER_MASK
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The table finds what a `HashMap` finds, however many hashes
        /// collide in their home slot or their tag.
        #[test]
        fn finds_every_number_it_was_given_and_no_other(
            hashes in proptest::collection::vec(proptest::prelude::any::<u64>(), 0..3000),
            collide in 0u32..4,
        ) {
            // Make hashes collide: in their low bits (the home slot), in
            // their tag bits, or both.
            let squeeze = |h: u64| match collide {
                0 => h,
                1 => h & !0xff,
                2 => h & 0x0000_0000_ffff_ffff,
                _ => h & 0xffff_0000_0000_00ff,
            };
            let mut table = NumberTable::default();
            let mut numbers: std::collections::HashMap<u64, u32> = Default::default();
            let mut hash_of = Vec::new();
            for h in hashes.into_iter().map(squeeze) {
                let known = table.find(h, |n| hash_of[n as usize] == h);
                proptest::prop_assert_eq!(known, numbers.get(&h).copied());
                if known.is_none() {
                    let n = hash_of.len() as u32;
                    hash_of.push(h);
                    table.insert(h, n, |m| hash_of[m as usize]);
                    numbers.insert(h, n);
                }
            }
            for (&h, &n) in &numbers {
                proptest::prop_assert_eq!(table.find(h, |m| hash_of[m as usize] == h), Some(n));
                let candidate = table.candidate(h).unwrap();
                proptest::prop_assert_eq!(tag(hash_of[candidate as usize]), tag(h));
            }
            table.clear();
            for &h in numbers.keys() {
                proptest::prop_assert_eq!(table.find(h, |_| true), None);
            }
        }
    }
}
