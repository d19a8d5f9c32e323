//! From an article's identity (its path relative to the corpus root) to a path that works
//! where the user stands, and back: `--format paths` prints names the shell can use, and
//! `krant show` takes the name the shell completes.

use std::path::{Component, Path, PathBuf};

use super::{full_path, path_identity};

/// Turns identities into usable paths and typed paths into identities, for one corpus
/// root and the current directory.
#[derive(Debug, Clone)]
pub struct Locator {
    /// The corpus root the index records (absolute), if any.
    root: Option<PathBuf>,
    /// The current directory, if it can be read.
    cwd: Option<PathBuf>,
}

impl Locator {
    /// A locator for the corpus at `root`, from the current directory.
    pub fn new(root: Option<&Path>) -> Locator {
        Locator {
            root: root.map(Path::to_path_buf),
            cwd: std::env::current_dir().ok(),
        }
    }

    /// The article's file as a path that works from the current directory, encoded as an
    /// identity is (bytes that are not UTF-8 as NUL and two hex digits): relative when
    /// the file lies below the current directory, as `corpus/2017/a.txt`, else absolute.
    /// Without a recorded root, the identity itself.
    pub fn usable(&self, identity: &str) -> String {
        let Some(root) = &self.root else {
            return identity.to_owned();
        };
        let full = full_path(root, identity);
        match self
            .cwd
            .as_deref()
            .and_then(|cwd| full.strip_prefix(cwd).ok())
        {
            Some(below) if !below.as_os_str().is_empty() => encode(below),
            _ => encode(&full),
        }
    }

    /// The article's file as an absolute path, encoded as an identity is; `None` without
    /// a recorded root.
    pub fn absolute(&self, identity: &str) -> Option<String> {
        self.root
            .as_deref()
            .map(|root| encode(&full_path(root, identity)))
    }

    /// The identity of a path as the user typed it, relative to the current directory or
    /// absolute, when it names a place inside the corpus root. Works for a file that is
    /// gone too: `..` and `.` are resolved by their names, after the symbolic links of the
    /// folders that exist are followed.
    pub fn identity_of(&self, typed: &Path) -> Option<String> {
        let root = self.root.as_deref()?;
        let joined = if typed.is_absolute() {
            typed.to_path_buf()
        } else {
            self.cwd.as_deref()?.join(typed)
        };
        let resolved = resolve(&joined);
        let below = resolved
            .strip_prefix(root)
            .ok()
            .or_else(|| resolved.strip_prefix(resolve(root)).ok())?;
        (!below.as_os_str().is_empty()).then(|| encode(below))
    }

    /// The identity of an existing folder as the user typed it, from the current
    /// directory or absolute, when it lies inside the corpus root: `Some("")` for the
    /// root itself (`--in .` from the corpus folder).
    pub fn folder_of(&self, typed: &Path) -> Option<String> {
        let root = self.root.as_deref()?;
        let joined = if typed.is_absolute() {
            typed.to_path_buf()
        } else {
            self.cwd.as_deref()?.join(typed)
        };
        if !joined.is_dir() {
            return None;
        }
        let resolved = resolve(&joined);
        let below = resolved
            .strip_prefix(root)
            .ok()
            .or_else(|| resolved.strip_prefix(resolve(root)).ok())?;
        Some(encode(below))
    }
}

/// A path as an identity-encoded string, `/`-separated.
fn encode(path: &Path) -> String {
    #[cfg(unix)]
    {
        path_identity(std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()))
    }
    #[cfg(not(unix))]
    {
        path_identity(path.to_string_lossy().replace('\\', "/").as_bytes())
    }
}

/// `path` with the longest existing folder above it made canonical and the rest resolved
/// by name.
fn resolve(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    // Canonical where it exists (a corpus reached through a symbolic link).
    let mut existing = out.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return out,
        }
    }
    let mut canonical = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.iter().rev() {
        canonical.push(name);
    }
    canonical
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locator(root: &str, cwd: &str) -> Locator {
        Locator {
            root: Some(PathBuf::from(root)),
            cwd: Some(PathBuf::from(cwd)),
        }
    }

    #[test]
    fn usable_paths_are_relative_below_the_current_directory_else_absolute() {
        let at_home = locator("/nowhere/home/kranten", "/nowhere/home");
        assert_eq!(at_home.usable("2017/a b.txt"), "kranten/2017/a b.txt");
        let inside = locator("/nowhere/home/kranten", "/nowhere/home/kranten/2017");
        assert_eq!(inside.usable("2017/a.txt"), "a.txt");
        let elsewhere = locator("/nowhere/home/kranten", "/tmp");
        assert_eq!(
            elsewhere.usable("2017/a.txt"),
            "/nowhere/home/kranten/2017/a.txt"
        );
        assert_eq!(
            elsewhere.absolute("caf\u{0}E9.txt").unwrap(),
            "/nowhere/home/kranten/caf\u{0}E9.txt"
        );
    }

    #[test]
    fn typed_paths_become_identities_when_they_lie_in_the_corpus() {
        let from_below = locator("/nowhere/kranten", "/nowhere/kranten/2017");
        assert_eq!(
            from_below.identity_of(Path::new("a.txt")).as_deref(),
            Some("2017/a.txt")
        );
        assert_eq!(
            from_below
                .identity_of(Path::new("../2016/./b.txt"))
                .as_deref(),
            Some("2016/b.txt")
        );
        assert_eq!(
            from_below
                .identity_of(Path::new("/nowhere/kranten/c.txt"))
                .as_deref(),
            Some("c.txt")
        );
        assert_eq!(from_below.identity_of(Path::new("../../x.txt")), None);
        assert_eq!(from_below.identity_of(Path::new("..")), None);
    }

    #[test]
    fn typed_folders_become_identities_when_they_exist_in_the_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("kranten");
        std::fs::create_dir_all(root.join("nrc/2017")).unwrap();
        let here = Locator {
            root: Some(root.clone()),
            cwd: Some(root.join("nrc")),
        };
        assert_eq!(
            here.folder_of(Path::new("2017")).as_deref(),
            Some("nrc/2017")
        );
        assert_eq!(here.folder_of(Path::new(".")).as_deref(), Some("nrc"));
        assert_eq!(here.folder_of(Path::new("..")).as_deref(), Some(""));
        assert_eq!(
            here.folder_of(&root.join("nrc/2017")).as_deref(),
            Some("nrc/2017")
        );
        // Not a folder here, or outside the corpus: not this way.
        assert_eq!(here.folder_of(Path::new("2018")), None);
        assert_eq!(here.folder_of(Path::new("../..")), None);
    }
}
