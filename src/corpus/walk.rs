//! Walking the corpus folder as a stream, in the byte order of the articles' identities.
//!
//! A caller merges the walk with other lists sorted the same way (the index's catalog,
//! the stamps) and so never holds the archive's paths: only the folders on the way down
//! are held, each listed and sorted once (the largest folder bounds the walk's memory,
//! not the archive). Sorting a folder's entries by name with a `/` after each folder's
//! name gives exactly the order of the full paths: everything under `a/` sorts together,
//! after `a-b.txt` and `a.txt` and before `a0.txt`, as its paths do.
//!
//! Files are examined through their folder's open handle (`fstatat`, std's
//! `DirEntry::metadata`), as `find` does: by full path, each `stat` walks every
//! component of the path again. The cost beside `find` is in BENCHMARKS.md, "Scale".

use std::ffi::OsStr;
use std::fs::{self, DirEntry, Metadata};
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::{WalkOptions, WalkWarning, WalkedFile, is_article_name, path_identity};

/// One thing the walk met, in identity order (see [`WalkItem::key`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkItem {
    /// An article candidate: a file whose name ends in `.txt`.
    File(WalkedFile),
    /// A folder (`""`: the root) or a link whose contents are unknown: articles indexed
    /// at or under `path` are not known to be gone.
    Unreadable {
        /// Where it sorts: the folder's identity and `/` (`""` for the root).
        key: String,
        /// The folder and the reason.
        warning: WalkWarning,
    },
    /// A file that could not be examined, or a name krant cannot keep: a warning only.
    /// It does not take part in the order.
    Problem(WalkWarning),
}

impl WalkItem {
    /// Where the item sorts among identities, or `None` for a [`WalkItem::Problem`]:
    /// the keys of files and unreadable places ascend strictly through a walk, and
    /// an unreadable folder's key comes before every path inside it.
    pub fn key(&self) -> Option<&str> {
        match self {
            WalkItem::File(file) => Some(&file.path),
            WalkItem::Unreadable { key, .. } => Some(key),
            WalkItem::Problem(_) => None,
        }
    }
}

/// The walk as an iterator of [`WalkItem`]s.
pub struct Walker {
    options: WalkOptions,
    /// The folders being walked, outermost first.
    stack: Vec<Level>,
    /// Items to yield before going on (a folder's problems, found while listing it).
    queued: Vec<WalkItem>,
    /// Visible files met whose names do not make them articles.
    other_files: usize,
}

/// A folder being walked.
struct Level {
    /// Where it is.
    dir: PathBuf,
    /// Its identity relative to the root followed by `/` (`""` for the root).
    prefix: String,
    /// Its device and inode, to notice a followed link back to it.
    id: Option<(u64, u64)>,
    /// Its entries not yet walked, in order.
    entries: std::vec::IntoIter<Entry>,
}

/// An entry of a folder worth walking: a folder or an article candidate.
struct Entry {
    /// The name's identity, with `/` after a folder's.
    key: String,
    entry: DirEntry,
    kind: Kind,
}

enum Kind {
    Folder,
    /// A file; its metadata when a followed link was already examined.
    File(Option<Box<Metadata>>),
    /// A link that could not be followed.
    Broken(io::Error),
    /// A name that is not Unicode, on a system where krant cannot keep it.
    #[cfg_attr(unix, allow(dead_code))]
    NotUnicode,
}

impl Walker {
    /// Starts a walk of `root` (which should be canonical), skipping hidden files and
    /// folders and the excluded folder.
    pub fn new(root: &Path, options: &WalkOptions) -> Walker {
        let mut walker = Walker {
            options: options.clone(),
            stack: Vec::new(),
            queued: Vec::new(),
            other_files: 0,
        };
        let id = options
            .follow_links
            .then(|| fs::metadata(root).ok().and_then(|m| device_and_inode(&m)))
            .flatten();
        walker.descend(root.to_path_buf(), String::new(), id);
        walker
    }

    /// Lists the folder `dir` (identity `prefix`) and makes it the one walked; a folder
    /// that cannot be read, wholly or in part, is reported first.
    fn descend(&mut self, dir: PathBuf, prefix: String, id: Option<(u64, u64)>) {
        let (mut entries, error) = self.list(&dir);
        entries.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        if let Some(error) = error {
            let path = prefix.strip_suffix('/').unwrap_or(&prefix).to_owned();
            self.queued.push(WalkItem::Unreadable {
                key: prefix.clone(),
                warning: WalkWarning {
                    path,
                    message: error.to_string(),
                },
            });
        }
        self.stack.push(Level {
            dir,
            prefix,
            id,
            entries: entries.into_iter(),
        });
    }

    /// The entries of `dir` worth walking, unsorted, and the error that cut the listing
    /// short, if any.
    fn list(&mut self, dir: &Path) -> (Vec<Entry>, Option<io::Error>) {
        let mut entries = Vec::new();
        let read = match fs::read_dir(dir) {
            Ok(read) => read,
            Err(err) => return (entries, Some(err)),
        };
        for entry in read {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => return (entries, Some(err)),
            };
            let name = entry.file_name();
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let Ok(file_type) = entry.file_type() else {
                // The entry went away; whatever it was, it is not there.
                continue;
            };
            let kind = if file_type.is_dir() {
                let excluded = self.options.exclude.as_deref().is_some_and(|exclude| {
                    entry.path().as_os_str().as_encoded_bytes()
                        == exclude.as_os_str().as_encoded_bytes()
                });
                if excluded {
                    continue;
                }
                Kind::Folder
            } else if file_type.is_file() {
                if !is_article_name(&name) {
                    self.other_files += 1;
                    continue;
                }
                Kind::File(None)
            } else if file_type.is_symlink() && self.options.follow_links {
                match fs::metadata(entry.path()) {
                    Ok(meta) if meta.is_dir() => Kind::Folder,
                    Ok(meta) if meta.is_file() && is_article_name(&name) => {
                        Kind::File(Some(Box::new(meta)))
                    }
                    Ok(meta) => {
                        self.other_files += usize::from(meta.is_file());
                        continue;
                    }
                    Err(err) => Kind::Broken(err),
                }
            } else {
                continue;
            };
            let (key, kind) = match name_identity(&name) {
                Some(key) => (key, kind),
                None => (name.to_string_lossy().into_owned(), Kind::NotUnicode),
            };
            let key = match kind {
                Kind::Folder => key + "/",
                _ => key,
            };
            entries.push(Entry { key, entry, kind });
        }
        (entries, None)
    }

    /// What the next entry of the innermost folder gives, if anything.
    fn visit(&mut self, entry: Entry) -> Option<WalkItem> {
        let level = self.stack.last()?;
        let mut identity = String::with_capacity(level.prefix.len() + entry.key.len());
        identity.push_str(&level.prefix);
        identity.push_str(&entry.key);
        match entry.kind {
            Kind::Folder => {
                let dir = entry.entry.path();
                let id = if self.options.follow_links {
                    match fs::metadata(&dir) {
                        Ok(meta) => device_and_inode(&meta),
                        Err(err) => return Some(unreadable(identity, err.to_string())),
                    }
                } else {
                    None
                };
                if let Some(id) = id
                    && let Some(ancestor) = self.stack.iter().find(|l| l.id == Some(id))
                {
                    let message = format!(
                        "File system loop found: {} points to an ancestor {}",
                        dir.display(),
                        ancestor.dir.display()
                    );
                    return Some(unreadable(identity, message));
                }
                self.descend(dir, identity, id);
                None
            }
            Kind::File(meta) => {
                let meta = match meta {
                    Some(meta) => Ok(*meta),
                    None => entry.entry.metadata(),
                };
                Some(match meta {
                    Ok(meta) => WalkItem::File(WalkedFile {
                        path: identity,
                        size: meta.len(),
                        mtime_ns: mtime_ns(&meta),
                    }),
                    Err(err) => WalkItem::Problem(WalkWarning {
                        path: identity,
                        message: err.to_string(),
                    }),
                })
            }
            Kind::Broken(err) => Some(unreadable(identity, err.to_string())),
            Kind::NotUnicode => Some(WalkItem::Problem(WalkWarning {
                path: entry.entry.path().to_string_lossy().into_owned(),
                message: "its name is not Unicode, which krant cannot keep on this system".into(),
            })),
        }
    }
}

impl Walker {
    /// Visible files met so far whose names do not make them articles (not `.txt`).
    pub fn other_files(&self) -> usize {
        self.other_files
    }
}

impl Iterator for Walker {
    type Item = WalkItem;

    fn next(&mut self) -> Option<WalkItem> {
        loop {
            if let Some(item) = self.queued.pop() {
                return Some(item);
            }
            let level = self.stack.last_mut()?;
            match level.entries.next() {
                None => {
                    self.stack.pop();
                }
                Some(entry) => {
                    if let Some(item) = self.visit(entry) {
                        return Some(item);
                    }
                }
            }
        }
    }
}

/// An unreadable place; a folder's key ends in `/`.
fn unreadable(key: String, message: String) -> WalkItem {
    let path = key.strip_suffix('/').unwrap_or(&key).to_owned();
    WalkItem::Unreadable {
        key,
        warning: WalkWarning { path, message },
    }
}

/// A name's part of an identity ([`path_identity`]); `None` when it is not Unicode on a
/// system whose names are not bytes.
fn name_identity(name: &OsStr) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(path_identity(name.as_bytes()))
    }
    #[cfg(not(unix))]
    {
        name.to_str().map(str::to_owned)
    }
}

/// Modification time in nanoseconds since the Unix epoch (0 when unknown or earlier).
pub(super) fn mtime_ns(meta: &Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// What tells one folder from another, for noticing a loop through links.
#[cfg(unix)]
fn device_and_inode(meta: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

/// No loop detection where std gives no inode numbers.
#[cfg(not(unix))]
fn device_and_inode(_meta: &Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{WalkOptions, walk};

    /// Names that sort around `/` and `.` (`a`, `a.txt`, `a-b`, `a0`), in any case, with
    /// accents, hidden ones and other kinds of files.
    const NAMES: &[&str] = &[
        "a",
        "a.txt",
        "a-b",
        "a-b.txt",
        "a0.txt",
        "A.TXT",
        "b",
        "é.txt",
        "e.txt",
        "z.Txt",
        ".verborgen.txt",
        "notes.md",
        "a.txt.bak",
    ];

    /// A tree of folders and files from the names, three levels deep.
    fn tree(root: &Path, depth: usize, seed: &mut u64) {
        for name in NAMES {
            *seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let roll = (*seed >> 33) % 4;
            let path = root.join(name);
            if roll == 0 && depth < 3 {
                fs::create_dir(&path).unwrap();
                tree(&path, depth + 1, seed);
            } else if roll < 3 {
                fs::write(&path, name.as_bytes()).unwrap();
            }
        }
    }

    /// The simple form: every entry from walkdir, sorted by identity afterwards.
    fn simple(root: &Path) -> Vec<(String, u64)> {
        let mut files: Vec<(String, u64)> = walkdir::WalkDir::new(root)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && is_article_name(e.file_name()))
            .map(|e| {
                let rel = e.path().strip_prefix(root).unwrap();
                #[cfg(unix)]
                let identity = {
                    use std::os::unix::ffi::OsStrExt;
                    path_identity(rel.as_os_str().as_bytes())
                };
                #[cfg(not(unix))]
                let identity = rel.to_string_lossy().replace('\\', "/");
                (identity, e.metadata().unwrap().len())
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn the_streamed_walk_finds_what_walkdir_finds_in_identity_order() {
        for seed in 0..12u64 {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().canonicalize().unwrap();
            let mut state = seed;
            tree(&root, 0, &mut state);
            #[cfg(unix)]
            {
                use std::os::unix::ffi::OsStrExt;
                // A Latin-1 name sorts by its identity (NUL and hex), not by its bytes.
                fs::write(root.join(OsStr::from_bytes(b"caf\xe9.txt")), b"x").unwrap();
            }
            let items: Vec<WalkItem> = Walker::new(&root, &WalkOptions::default()).collect();
            let keys: Vec<&str> = items.iter().filter_map(WalkItem::key).collect();
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
            let streamed: Vec<(String, u64)> = items
                .iter()
                .map(|item| match item {
                    WalkItem::File(file) => (file.path.clone(), file.size),
                    other => panic!("{other:?}"),
                })
                .collect();
            assert_eq!(streamed, simple(&root), "seed {seed}");
            // The collecting walk is the same, with each file's place under the root.
            let collected = walk(&root, &WalkOptions::default());
            assert_eq!(collected.files.len(), streamed.len());
            for file in &collected.files {
                assert_eq!(file.full_path, crate::corpus::full_path(&root, &file.path));
                assert!(file.full_path.is_file());
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_folder_comes_before_its_paths_and_a_loop_is_reported() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        fs::create_dir_all(root.join("a/b")).unwrap();
        fs::write(root.join("a/b/c.txt"), "x").unwrap();
        fs::write(root.join("a-z.txt"), "x").unwrap();
        fs::write(root.join("a.txt"), "x").unwrap();
        symlink(&root, root.join("a/back")).unwrap();
        let followed = WalkOptions {
            follow_links: true,
            ..WalkOptions::default()
        };
        let items: Vec<WalkItem> = Walker::new(&root, &followed).collect();
        let keys: Vec<&str> = items.iter().filter_map(WalkItem::key).collect();
        assert_eq!(keys, ["a-z.txt", "a.txt", "a/b/c.txt", "a/back/"]);
        assert!(matches!(&items[3], WalkItem::Unreadable { warning, .. }
            if warning.path == "a/back" && warning.message.contains("loop")));

        fs::set_permissions(root.join("a/b"), fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read_dir(root.join("a/b")).is_ok() {
            // Root reads any folder: nothing to see.
            return;
        }
        let items: Vec<WalkItem> = Walker::new(&root, &WalkOptions::default()).collect();
        let keys: Vec<&str> = items.iter().filter_map(WalkItem::key).collect();
        assert_eq!(keys, ["a-z.txt", "a.txt", "a/b/"]);
        fs::set_permissions(root.join("a/b"), fs::Permissions::from_mode(0o755)).unwrap();
    }
}
