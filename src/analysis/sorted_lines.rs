//! Lookups in the small sorted data files compiled into krant: `word<TAB>value…` lines by
//! binary search over the text itself ([`lookup`]; no table is built, so a search process
//! pays nothing for a list it may barely use), and word lists ([`WordList`]).

use std::sync::OnceLock;

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

/// A reviewed list of `data/lexicon/`, one word per line (a tab and a reason may follow),
/// `#` comments; sorted once on first use.
pub struct WordList {
    text: &'static str,
    words: OnceLock<Vec<&'static str>>,
}

impl WordList {
    /// The list in `text`.
    pub const fn new(text: &'static str) -> WordList {
        WordList {
            text,
            words: OnceLock::new(),
        }
    }

    /// Whether the list holds `word`.
    pub fn contains(&self, word: &str) -> bool {
        self.words
            .get_or_init(|| {
                let mut words: Vec<&str> = self
                    .text
                    .lines()
                    .filter(|l| !l.starts_with('#'))
                    .flat_map(|l| l.split('\t').next().unwrap_or("").split_whitespace())
                    .collect();
                words.sort_unstable();
                words
            })
            .binary_search(&word)
            .is_ok()
    }
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
