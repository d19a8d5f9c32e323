//! Putting an index folder back in order when a writer opens it: the leftovers of a run
//! that was killed or ran out of space go, and tantivy's metadata becomes readable by
//! everyone who may read the index.
//!
//! tantivy removes files no commit references in its garbage collection, but runs it
//! only after a commit. A run killed after tantivy wrote a segment's deletes file
//! (`<segment>.<opstamp>.del`) but before its commit leaves that file; the next run
//! counts its operations from the same last commit, reaches the same opstamp, and
//! tantivy's exclusive create of the same name fails in the commit, before any garbage
//! collection could remove it, on every retry. Files written for segments that never
//! committed (a kill, a full disk) likewise stay until a commit succeeds, and on a full
//! disk none does. So the writer collects them when it opens, before anything is written:
//! first tantivy's own garbage collection (the files it registered), then [`sweep`] for
//! files of tantivy's kinds that it never got to register and for temporary files.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use tantivy::IndexMeta;

/// The files tantivy and krant keep in an index folder besides segment files.
const KEPT: &[&str] = &[
    "meta.json",
    ".managed.json",
    ".tantivy-meta.lock",
    ".tantivy-writer.lock",
];

/// Whether `name` is a segment file's: 32 hexadecimal digits (the segment id), a dot,
/// and an extension (`.term`, `.idx`, `<opstamp>.del`, …).
fn is_segment_file(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() > 33
        && bytes[32] == b'.'
        && bytes[..32]
            .iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
}

/// Whether `name` is a temporary file: tantivy's atomic writes (`.tmpXXXXXX`) and
/// krant's own (`forms.fst.tmp`, `stamps.tsv.tmp`), left by a run that died mid-write.
fn is_temporary(name: &str) -> bool {
    name.starts_with(".tmp") || name.ends_with(".tmp")
}

/// The segment files in `dir` that the commit `metas` does not reference, and the
/// temporary files.
pub fn leftovers(dir: &Path, metas: &IndexMeta) -> std::io::Result<Vec<PathBuf>> {
    let living: HashSet<PathBuf> = metas.list_segment_files();
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if KEPT.contains(&name) || !entry.file_type()?.is_file() {
            continue;
        }
        if is_temporary(name) || (is_segment_file(name) && !living.contains(Path::new(name))) {
            found.push(PathBuf::from(name));
        }
    }
    found.sort();
    Ok(found)
}

/// Removes the [`leftovers`] from `dir`, returning their names. Only for a writer that
/// holds both krant's and tantivy's writer locks and has written nothing yet.
pub fn sweep(dir: &Path, metas: &IndexMeta) -> std::io::Result<Vec<PathBuf>> {
    let found = leftovers(dir, metas)?;
    for name in &found {
        match fs::remove_file(dir.join(name)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(found)
}

/// Gives tantivy's `meta.json` and `.managed.json` the permissions of krant's marker
/// file. tantivy writes them through a temporary file created readable by its owner
/// only, which kept anyone else from searching an index they could read otherwise.
#[cfg(unix)]
pub fn share_metadata(dir: &Path, marker: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(marker)?.permissions().mode() & 0o666;
    for name in ["meta.json", ".managed.json"] {
        let path = dir.join(name);
        match fs::metadata(&path) {
            Ok(meta) if meta.permissions().mode() & 0o777 != mode => {
                fs::set_permissions(&path, fs::Permissions::from_mode(mode))?;
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Elsewhere files are created with the folder's permissions.
#[cfg(not(unix))]
pub fn share_metadata(_dir: &Path, _marker: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_files_are_recognised_by_their_id() {
        assert!(is_segment_file("5f6263639f3547059a8188796dc54f9a.term"));
        assert!(is_segment_file("5f6263639f3547059a8188796dc54f9a.12.del"));
        assert!(!is_segment_file("5f6263639f3547059a8188796dc54f9a"));
        assert!(!is_segment_file("5F6263639F3547059A8188796DC54F9A.term"));
        assert!(!is_segment_file("meta.json"));
        assert!(!is_segment_file("forms.fst"));
        assert!(is_temporary(".tmpAb12Cd"));
        assert!(is_temporary("forms.fst.tmp"));
        assert!(!is_temporary("stamps.tsv"));
    }
}
