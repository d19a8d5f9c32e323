//! The term cache's hash table: open addressing with linear probing over 32-byte slots,
//! two to a cache line.
//!
//! Why not `HashMap`: on a large archive most of the analyzer's time went into waiting
//! for the table's memory (a few hundred thousand distinct words, megabytes of slots).
//! Here a key's slot follows from the key alone, so the analyzer can [`prefetch`] the
//! slots of the next words while it handles the current one, and a lookup touches one
//! line, where `hashbrown` reads its control bytes and then its bucket.
//!
//! [`prefetch`]: StemTable::prefetch

/// No key is zero: [`key_of`] maps a zero hash to one, so zero marks an empty slot.
const EMPTY: u128 = 0;

/// The first allocation, in slots.
const INITIAL_SLOTS: usize = 1 << 10;

#[derive(Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot<V> {
    key: u128,
    value: V,
}

/// Keys are 128-bit hashes of the words: no string to compare (a collision among even
/// millions of words has a probability near 10⁻²⁵).
#[derive(Clone)]
pub(super) struct StemTable<V> {
    slots: Vec<Slot<V>>,
    len: usize,
}

impl<V> Default for StemTable<V> {
    fn default() -> Self {
        StemTable {
            slots: Vec::new(),
            len: 0,
        }
    }
}

/// Starts fetching the cache line at `address` from memory, without waiting for it.
pub(super) fn prefetch_line(address: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint that never faults, whatever the address.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(address.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}

/// The table key of a word: its 128-bit hash.
pub(in crate::analysis) fn key_of(word: &str) -> u128 {
    key_of_hash(xxhash_rust::xxh3::xxh3_128(word.as_bytes()))
}

fn key_of_hash(hash: u128) -> u128 {
    if hash == EMPTY { 1 } else { hash }
}

impl<V: Copy + Default> StemTable<V> {
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The slots the table can hold before it must grow (at most three quarters full,
    /// which keeps linear probing short).
    fn capacity(&self) -> usize {
        self.slots.len() / 4 * 3
    }

    /// Empties the table, keeping its memory.
    pub(super) fn clear(&mut self) {
        self.slots.fill(Slot::default());
        self.len = 0;
    }

    fn home(&self, key: u128) -> usize {
        // The high half: the low half is what the table's caller may also use.
        (key >> 64) as usize & (self.slots.len() - 1)
    }

    /// Starts fetching the memory `key`'s lookup will read, without waiting for it.
    pub(super) fn prefetch(&self, key: u128) {
        if self.slots.is_empty() {
            return;
        }
        let slot: *const Slot<V> = &self.slots[self.home(key)];
        prefetch_line(slot.cast());
    }

    /// The index of `key`'s slot, or of the empty slot where it would go.
    fn find(&self, key: u128) -> usize {
        debug_assert_ne!(key, EMPTY);
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let slot_key = self.slots[i].key;
            if slot_key == key || slot_key == EMPTY {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    pub(super) fn get(&self, key: u128) -> Option<V> {
        if self.slots.is_empty() {
            return None;
        }
        let slot = &self.slots[self.find(key)];
        (slot.key == key).then_some(slot.value)
    }

    /// Sets `key`'s value, adding the key if new.
    pub(super) fn insert(&mut self, key: u128, value: V) {
        if self.len >= self.capacity() {
            self.grow();
        }
        let i = self.find(key);
        if self.slots[i].key == EMPTY {
            self.len += 1;
        }
        self.slots[i] = Slot { key, value };
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(INITIAL_SLOTS);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        for slot in old.into_iter().filter(|s| s.key != EMPTY) {
            let i = self.find(slot.key);
            self.slots[i] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys that share their home slot's low bits, so that they collide and probe.
    fn colliding(n: u128) -> u128 {
        (n << 64) | n
    }

    #[test]
    fn keys_find_their_values_across_collisions_growth_and_clearing() {
        let mut table: StemTable<u32> = StemTable::default();
        assert_eq!(table.get(key_of("zeven")), None);
        table.prefetch(key_of("zeven"));
        // Same home slot for all: 4096 apart in the high half, below any table size here.
        let keys: Vec<u128> = (1..=3000u128).map(|n| colliding(n * 4096)).collect();
        for (i, &key) in keys.iter().enumerate() {
            table.insert(key, i as u32);
        }
        assert_eq!(table.len(), 3000);
        assert!(table.capacity() >= 3000);
        for (i, &key) in keys.iter().enumerate() {
            assert_eq!(table.get(key), Some(i as u32), "key {i}");
        }
        assert_eq!(table.get(colliding(4096 * 5000)), None);
        table.insert(keys[10], 99);
        assert_eq!((table.get(keys[10]), table.len()), (Some(99), 3000));
        table.clear();
        assert_eq!((table.get(keys[10]), table.len()), (None, 0));
        table.insert(keys[3], 5);
        assert_eq!(table.get(keys[3]), Some(5));
    }

    #[test]
    fn a_zero_hash_is_a_key_like_any_other() {
        let mut table: StemTable<u8> = StemTable::default();
        table.insert(key_of_hash(0), 1);
        assert_eq!(table.get(key_of_hash(0)), Some(1));
        assert_ne!(key_of_hash(0), EMPTY);
        assert_eq!(table.len(), 1);
    }
}
