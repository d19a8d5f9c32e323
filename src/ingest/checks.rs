//! What a run checks before it changes anything: that the corpus folder is a folder,
//! that the index was built from it, and that the plan does not remove most of the index
//! (as when the archive's disk is not mounted). Pure decisions, unit-tested here.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::error::failure;

/// A run may remove up to this many articles whatever the size of the index.
const REMOVALS_ALWAYS_ALLOWED: usize = 10;

/// Checks the corpus folder and returns its canonical path.
pub(super) fn corpus_root(path: &Path) -> Result<PathBuf> {
    if !path.exists() {
        return Err(failure(
            format!("corpus folder {} does not exist", path.display()),
            "give the folder that holds your articles: krant index PATH",
        ));
    }
    if !path.is_dir() {
        return Err(failure(
            format!("{} is not a folder", path.display()),
            "give the folder that holds your articles: krant index PATH",
        ));
    }
    path.canonicalize()
        .with_context(|| format!("cannot open the corpus folder {}", path.display()))
}

/// The error of an index at `index_dir` built from `recorded`, not from `root` (given as
/// `corpus_arg`): only an asked-for rebuild may change the corpus.
pub(super) fn other_corpus(
    index_dir: &Path,
    recorded: &Path,
    root: &Path,
    corpus_arg: &Path,
) -> anyhow::Error {
    failure(
        format!(
            "the index at {} was built from {}, not {}",
            index_dir.display(),
            recorded.display(),
            root.display()
        ),
        format!(
            "add --rebuild to replace it with an index of {}, or use --index DIR for a \
             separate index",
            corpus_arg.display()
        ),
    )
}

/// What the removal guard looks at: whether the run rebuilds, the articles the index
/// recorded at its last commit, and what the plan saw.
#[derive(Debug, Clone, Copy)]
pub(super) struct Removals {
    /// The index is rebuilt: what it held and the walk does not find is left out.
    pub rebuild: bool,
    /// Articles recorded at the index's last commit, if there is an index.
    pub previous_articles: Option<usize>,
    /// Articles in the index's catalog (not rebuilding).
    pub indexed: usize,
    /// Article candidates the walk found.
    pub walked: usize,
    /// Indexed articles whose files are gone.
    pub gone: usize,
}

impl Removals {
    /// `(removing, of)` when the run would remove too many articles to go on without
    /// `--allow-removals`; `None` when it may go on.
    pub(super) fn too_many(self) -> Option<(usize, usize)> {
        let previous = if self.rebuild {
            self.previous_articles
        } else {
            Some(self.indexed)
        };
        let removing = if self.rebuild {
            previous.map_or(0, |p| p.saturating_sub(self.walked))
        } else {
            self.gone
        };
        previous
            .filter(|&previous| too_many_removals(removing, previous))
            .map(|previous| (removing, previous))
    }
}

/// Whether removing `removing` of `indexed` articles needs `--allow-removals`: more than
/// half of the index and more than a handful, as when the archive's disk is not mounted
/// (an empty mount point), like rsync's `--max-delete`.
fn too_many_removals(removing: usize, indexed: usize) -> bool {
    removing > REMOVALS_ALWAYS_ALLOWED && removing * 2 > indexed
}

/// The error of a run stopped by [`Removals::too_many`].
pub(super) fn removal_guard(
    removing: usize,
    indexed: usize,
    corpus: &Path,
    rebuild: bool,
) -> anyhow::Error {
    let how = if rebuild {
        "rebuilding it would leave out"
    } else {
        "this run would remove"
    };
    failure(
        format!(
            "{how} {removing} of the {indexed} articles in the index: their files are not in \
             {} (is the archive's disk mounted?); nothing was changed",
            corpus.display()
        ),
        "if the files were really deleted, run again with --allow-removals",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removals_need_allowing_past_half_the_index_and_a_handful() {
        assert!(!too_many_removals(10, 10));
        assert!(!too_many_removals(11, 22));
        assert!(too_many_removals(11, 21));
        assert!(too_many_removals(5_000, 5_000));
        assert!(!too_many_removals(400, 1_000));
    }

    #[test]
    fn an_update_counts_the_files_gone_and_a_rebuild_the_articles_not_walked() {
        let update = Removals {
            rebuild: false,
            previous_articles: Some(1_000),
            indexed: 100,
            walked: 0,
            gone: 60,
        };
        assert_eq!(update.too_many(), Some((60, 100)));
        assert_eq!(Removals { gone: 50, ..update }.too_many(), None);
        let rebuild = Removals {
            rebuild: true,
            walked: 400,
            ..update
        };
        assert_eq!(rebuild.too_many(), Some((600, 1_000)));
        assert_eq!(
            Removals {
                walked: 500,
                ..rebuild
            }
            .too_many(),
            None
        );
        // No index before: nothing to remove.
        let fresh = Removals {
            previous_articles: None,
            ..rebuild
        };
        assert_eq!(fresh.too_many(), None);
    }
}
