//! The corpus: walking an archive folder for article files and reading each into an [`Article`].

mod article;
mod decode;
mod read;

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

pub use article::{Article, MAX_TITLE_CHARS, SkipReason, parse_article, shorten_title, title_of};
pub use decode::{Encoding, decode};
pub use read::{BatchReader, READ_BATCH};
use walkdir::WalkDir;

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
}

/// Walks `root` (which should be canonical) for article candidates, skipping hidden
/// files and folders and the excluded folder.
pub fn walk(root: &Path, options: &WalkOptions) -> Walk {
    walk_observed(root, options, |_| {})
}

/// [`walk`], calling `observe` with each candidate as it is found (for progress display).
pub fn walk_observed(
    root: &Path,
    options: &WalkOptions,
    mut observe: impl FnMut(&CorpusFile),
) -> Walk {
    let mut walk = Walk::default();
    // Compared as bytes: entry paths are `root` joined with names, as the excluded folder
    // is, and `Path`'s own equality parses both into components for every entry.
    let exclude = options.exclude.as_deref().map(Path::as_os_str);
    let entries = WalkDir::new(root)
        .follow_links(options.follow_links)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !(entry.file_name().as_encoded_bytes().starts_with(b".")
                    || (entry.file_type().is_dir() && Some(entry.path().as_os_str()) == exclude))
        });
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err
                    .path()
                    .map_or_else(|| root.display().to_string(), |p| relative(root, p));
                let message = err
                    .io_error()
                    .map_or_else(|| err.to_string(), ToString::to_string);
                walk.warnings.push(WalkWarning { path, message });
                continue;
            }
        };
        if !entry.file_type().is_file() || !is_article_name(entry.file_name()) {
            continue;
        }
        let path = relative(root, entry.path());
        match entry.metadata() {
            Ok(meta) => {
                walk.files.push(CorpusFile {
                    full_path: entry.path().to_path_buf(),
                    path,
                    size: meta.len(),
                    mtime_ns: meta
                        .modified()
                        .ok()
                        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX)),
                });
                observe(walk.files.last().expect("just pushed"));
            }
            Err(err) => walk.warnings.push(WalkWarning {
                path,
                message: err.to_string(),
            }),
        }
    }
    walk.files.sort_by(|a, b| a.path.cmp(&b.path));
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

/// `path` relative to `root`, with `/` separators whatever the platform.
#[cfg(unix)]
fn relative(root: &Path, path: &Path) -> String {
    // Walked paths are `root` + `/` + names: cutting bytes is exact and cheap.
    let (root, path) = (
        root.as_os_str().as_encoded_bytes(),
        path.as_os_str().as_encoded_bytes(),
    );
    let rel = match path.strip_prefix(root) {
        Some(rest) => rest.strip_prefix(b"/").unwrap_or(rest),
        None => path,
    };
    String::from_utf8_lossy(rel).into_owned()
}

/// `path` relative to `root`, with `/` separators whatever the platform.
#[cfg(not(unix))]
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
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
