//! The corpus: walking an archive folder for article files and reading each into an [`Article`].

mod article;
mod decode;
mod locate;
mod read;
mod walk;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

pub(crate) use article::Article;
pub use article::{MAX_TITLE_CHARS, SkipReason, parse_article};
pub(crate) use decode::Encoding;
pub(crate) use locate::Locator;
pub(crate) use read::{BatchReader, READ_BATCH, read_regular, utf8_floor};
pub(crate) use walk::{WalkItem, Walker};

/// A candidate article file found by the walk, with what `stat` said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFile {
    /// Where to read it.
    pub full_path: PathBuf,
    /// The path relative to the corpus root with `/` separators: the article's identity.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, in nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: i64,
}

/// An article candidate as the walk met it: its identity and what `stat` said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkedFile {
    /// The path relative to the corpus root with `/` separators: the article's identity.
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, in nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: i64,
}

impl WalkedFile {
    /// The file under the corpus folder `root`, to be read.
    pub fn under(self, root: &Path) -> CorpusFile {
        CorpusFile {
            full_path: full_path(root, &self.path),
            path: self.path,
            size: self.size,
            mtime_ns: self.mtime_ns,
        }
    }
}

/// A problem met during the walk (an unreadable folder, say); the walk goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkWarning {
    /// The file or folder concerned, relative to the corpus root where possible.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

/// How to walk a corpus.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Follow symbolic links (off by default, so a link cannot pull in a whole other tree).
    pub follow_links: bool,
    /// A folder never to descend into: the index, when it lives inside the corpus.
    pub exclude: Option<PathBuf>,
}

/// The outcome of a walk: article candidates sorted by path, and the problems met.
#[derive(Debug, Default)]
pub struct Walk {
    /// Files whose name ends in `.txt` (any case), sorted by relative path.
    pub files: Vec<CorpusFile>,
    /// Folders or files that could not be examined.
    pub warnings: Vec<WalkWarning>,
    /// The folders and files among them whose contents are unknown, relative to the root
    /// (`""` for the root itself): articles indexed there are not known to be gone.
    pub unreadable: Vec<String>,
    /// False when the walk was stopped early: files not seen are not known to be gone.
    pub complete: bool,
    /// Visible files whose names do not make them articles (not `.txt`).
    pub other_files: usize,
}

/// Walks `root` (which should be canonical) for article candidates, skipping hidden
/// files and folders and the excluded folder, and collects what it met. `krant index`
/// streams the walk instead ([`Walker`]), which holds no more than the folders on the way.
pub fn walk(root: &Path, options: &WalkOptions) -> Walk {
    let mut walk = Walk {
        complete: true,
        ..Walk::default()
    };
    let mut walker = Walker::new(root, options);
    for item in walker.by_ref() {
        match item {
            WalkItem::File(file) => walk.files.push(file.under(root)),
            WalkItem::Unreadable { warning, .. } => {
                walk.unreadable.push(warning.path.clone());
                walk.warnings.push(warning);
            }
            WalkItem::Problem(warning) => walk.warnings.push(warning),
        }
    }
    walk.other_files = walker.other_files();
    walk
}

/// The content hash of a file's bytes: what the index records per article, so that a
/// re-run can tell a touched file from an edited one and a search can tell whether a
/// file still holds the text that was indexed. Both sides must use this one function.
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Whether a file name marks an article candidate: it ends in `.txt`, in any case.
pub fn is_article_name(name: &std::ffi::OsStr) -> bool {
    let name = name.as_encoded_bytes();
    name.len() > 4 && name[name.len() - 4..].eq_ignore_ascii_case(b".txt")
}

/// Marks a byte of a file name that is not UTF-8 in a path's identity: NUL, which no
/// file name holds, then the byte in two hex digits.
const RAW_BYTE: char = '\0';

/// A relative path's identity, from its bytes: exact and reversible, so that two names
/// that differ only in bytes that are not UTF-8 (a Latin-1 `café.txt` beside a UTF-8
/// one, as on archives copied from old Windows or FAT disks) stay two articles and each
/// can be read again. Valid UTF-8 is kept as it is; each other byte becomes NUL and two
/// hex digits ([`path_bytes`] reverses it; output shows it as `\xHH`).
pub fn path_identity(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for byte in chunk.invalid() {
            out.push(RAW_BYTE);
            out.push_str(&format!("{byte:02X}"));
        }
    }
    out
}

/// The bytes of the relative path whose identity is `identity` ([`path_identity`]).
pub fn path_bytes(identity: &str) -> Cow<'_, [u8]> {
    if !identity.contains(RAW_BYTE) {
        return Cow::Borrowed(identity.as_bytes());
    }
    let mut out = Vec::with_capacity(identity.len());
    let mut rest = identity;
    while let Some(at) = rest.find(RAW_BYTE) {
        out.extend_from_slice(&rest.as_bytes()[..at]);
        let hex = rest.get(at + 1..at + 3).unwrap_or("");
        match u8::from_str_radix(hex, 16) {
            Ok(byte) if hex.len() == 2 => {
                out.push(byte);
                rest = &rest[at + 3..];
            }
            _ => {
                out.push(0);
                rest = &rest[at + 1..];
            }
        }
    }
    out.extend_from_slice(rest.as_bytes());
    Cow::Owned(out)
}

/// Where the article with identity `identity` lives under `root`.
pub fn full_path(root: &Path, identity: &str) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        root.join(std::ffi::OsStr::from_bytes(&path_bytes(identity)))
    }
    #[cfg(not(unix))]
    {
        root.join(identity)
    }
}

/// An identity as people and JSON see it: each byte that is not UTF-8 as `\xHH`.
pub fn shown_path(identity: &str) -> Cow<'_, str> {
    if !identity.contains(RAW_BYTE) {
        return Cow::Borrowed(identity);
    }
    Cow::Owned(identity.replace(RAW_BYTE, "\\x"))
}

/// The identity of a path as a user typed it: its bytes, with `\xHH` read as the byte
/// that [`shown_path`] shows that way.
pub fn identity_of_typed(typed: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(typed.len());
    let mut i = 0;
    while i < typed.len() {
        let hex = typed
            .get(i + 2..i + 4)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (
            typed[i],
            typed.get(i + 1),
            hex.and_then(|h| u8::from_str_radix(h, 16).ok()),
        ) {
            (b'\\', Some(b'x'), Some(byte)) if byte >= 0x80 => {
                bytes.push(byte);
                i += 4;
            }
            (byte, _, _) => {
                bytes.push(byte);
                i += 1;
            }
        }
    }
    path_identity(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn article_names_end_in_txt_in_any_case() {
        assert!(is_article_name("a.txt".as_ref()));
        assert!(is_article_name("A.TXT".as_ref()));
        assert!(is_article_name("x.Txt".as_ref()));
        assert!(!is_article_name(".txt".as_ref()));
        assert!(!is_article_name("a.txt.bak".as_ref()));
        assert!(!is_article_name("a.md".as_ref()));
        assert!(!is_article_name("ë.tx".as_ref()));
    }

    #[test]
    fn walk_skips_hidden_other_extensions_and_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        fs::create_dir_all(root.join("2017/sub")).unwrap();
        fs::create_dir_all(root.join(".hidden")).unwrap();
        fs::create_dir_all(root.join(".krant")).unwrap();
        for name in [
            "b.txt",
            "2017/a.TXT",
            "2017/sub/c.txt",
            ".hidden/d.txt",
            ".e.txt",
            ".krant/f.txt",
            "notes.md",
        ] {
            fs::write(root.join(name), "date 2017-01 x").unwrap();
        }
        let walk = walk(
            &root,
            &WalkOptions {
                exclude: Some(root.join(".krant")),
                ..WalkOptions::default()
            },
        );
        let paths: Vec<_> = walk.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["2017/a.TXT", "2017/sub/c.txt", "b.txt"]);
        assert_eq!(walk.files[2].size, 14);
        assert!(walk.files[2].mtime_ns > 0);
        assert!(walk.warnings.is_empty());
    }

    #[test]
    fn walk_excludes_a_visible_index_folder_too() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        fs::create_dir_all(root.join("idx")).unwrap();
        fs::write(root.join("idx/x.txt"), "date 2017-01 x").unwrap();
        fs::write(root.join("a.txt"), "date 2017-01 x").unwrap();
        let walk = walk(
            &root,
            &WalkOptions {
                exclude: Some(root.join("idx")),
                ..WalkOptions::default()
            },
        );
        let paths: Vec<_> = walk.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["a.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_not_followed_by_default() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        fs::write(outside.path().join("o.txt"), "date 2017-01 x").unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("linkdir")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("o.txt"), root.join("link.txt")).unwrap();
        assert!(walk(&root, &WalkOptions::default()).files.is_empty());
        let followed = walk(
            &root,
            &WalkOptions {
                follow_links: true,
                ..WalkOptions::default()
            },
        );
        let paths: Vec<_> = followed.files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["link.txt", "linkdir/o.txt"]);
    }
}
