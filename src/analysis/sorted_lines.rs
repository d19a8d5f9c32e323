//! Lookups in the sorted data files compiled into krant (`word<TAB>value…` lines), by
//! binary search over the text itself: no table is built, so a search process pays
//! nothing for the 26,000-word compound dictionary it may barely use. [`LazyTable`] turns
//! to a hash table once a process has shown it makes many lookups (indexing).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use rustc_hash::FxHashMap;

/// Lookups a [`LazyTable`] answers by binary search before it builds its hash table.
pub const LOOKUPS_BEFORE_TABLE: usize = 20_000;

/// A data file looked up by first field: by [`lookup`] for the first
/// [`LOOKUPS_BEFORE_TABLE`] lookups, which costs nothing to set up (a search makes a few;
/// building the compound table up front took ~2 ms, a third of a search process), then by
/// a hash table (indexing makes one or more per new word; binary search over the text was
/// ~9% of a 10k build's instructions, most of it for the stem overrides).
pub struct LazyTable {
    data: &'static str,
    lookups: AtomicUsize,
    table: OnceLock<FxHashMap<&'static str, &'static str>>,
}

impl LazyTable {
    /// A table over `data`, sorted as [`lookup`] needs.
    pub const fn new(data: &'static str) -> LazyTable {
        LazyTable {
            data,
            lookups: AtomicUsize::new(0),
            table: OnceLock::new(),
        }
    }

    /// The rest of the line whose first field is `key`, as [`lookup`] gives it.
    pub fn get(&self, key: &str) -> Option<&'static str> {
        if let Some(table) = self.table.get() {
            return table.get(key).copied();
        }
        if self.lookups.fetch_add(1, Ordering::Relaxed) < LOOKUPS_BEFORE_TABLE {
            return lookup(self.data, key);
        }
        self.table
            .get_or_init(|| {
                let lines = self.data.lines().filter(|line| !line.starts_with('#'));
                let mut table =
                    FxHashMap::with_capacity_and_hasher(lines.clone().count(), Default::default());
                table.extend(lines.map(|line| line.split_once('\t').unwrap_or((line, ""))));
                table
            })
            .get(key)
            .copied()
    }
}

/// The rest of the line (after the tab) whose first field is `key`, in `data` whose lines
/// are sorted by that field (byte order); lines starting with `#` come first.
pub fn lookup<'d>(data: &'d str, key: &str) -> Option<&'d str> {
    let bytes = data.as_bytes();
    let (mut low, mut high) = (0usize, bytes.len());
    while low < high {
        let mid = low + (high - low) / 2;
        // The line containing `mid`.
        let start = bytes[..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = bytes[mid..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| mid + i);
        let line = &data[start..end];
        let (field, rest) = line.split_once('\t').unwrap_or((line, ""));
        match field.as_bytes().cmp(key.as_bytes()) {
            std::cmp::Ordering::Equal if !line.starts_with('#') => return Some(rest),
            std::cmp::Ordering::Less | std::cmp::Ordering::Equal => low = end + 1,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    None
}

#[cfg(test)]
/// Whether `data`'s lines (comments aside) are sorted and unique by their first field.
pub fn is_sorted(data: &str) -> bool {
    let keys: Vec<&str> = data
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap_or(""))
        .collect();
    data.lines().take_while(|l| l.starts_with('#')).count()
        == data.lines().filter(|l| l.starts_with('#')).count()
        && keys.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &str = "# header\nappel\t1\nbeer\t2\nkalifaat\t3\nzon\t4";

    #[test]
    fn a_lazy_table_answers_as_the_binary_search_before_and_after_its_table() {
        static TABLE: LazyTable = LazyTable::new(DATA);
        let keys = [
            "", "a", "appel", "beer", "kalifaat", "zon", "zonder", "# header",
        ];
        let expected: Vec<Option<&str>> = keys.iter().map(|k| lookup(DATA, k)).collect();
        assert_eq!(expected[2..6], [Some("1"), Some("2"), Some("3"), Some("4")]);
        let answers = |table: &LazyTable| keys.iter().map(|k| table.get(k)).collect::<Vec<_>>();
        assert_eq!(answers(&TABLE), expected);
        assert!(TABLE.table.get().is_none());
        for _ in 0..LOOKUPS_BEFORE_TABLE {
            TABLE.get("beer");
        }
        assert_eq!(answers(&TABLE), expected);
        assert!(TABLE.table.get().is_some());
    }

    #[test]
    fn finds_every_key_and_nothing_else() {
        assert!(is_sorted(DATA));
        assert_eq!(lookup(DATA, "appel"), Some("1"));
        assert_eq!(lookup(DATA, "beer"), Some("2"));
        assert_eq!(lookup(DATA, "kalifaat"), Some("3"));
        assert_eq!(lookup(DATA, "zon"), Some("4"));
        for missing in [
            "",
            "a",
            "appels",
            "bee",
            "kalifaten",
            "zonder",
            "# header",
            "#",
        ] {
            assert_eq!(lookup(DATA, missing), None, "{missing}");
        }
        assert_eq!(lookup("", "x"), None);
    }

    #[test]
    fn unsorted_data_is_recognised() {
        assert!(!is_sorted("b\t1\na\t2"));
        assert!(!is_sorted("a\t1\na\t2"));
    }
}
