//! `krant export`: the matching articles as a sub-corpus for other tools: copies of their
//! files in a folder (their paths below the corpus root kept), or one JSON object per
//! article on stdout. The archive is only read; a folder that holds anything is written
//! into only with `--force`, and never one inside the corpus.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::config::ExportConfig;
use crate::corpus::{Locator, full_path};
use crate::error::failure;
use crate::index::{StoredArticle, TextState};
use crate::output;

/// Runs `krant export`: exit 0 when anything matched, 1 when not.
pub fn run(config: &ExportConfig) -> Result<ExitCode> {
    let mut searcher = super::open_within(&config.global, &config.folders)?;
    let root = searcher.corpus_root().map(Path::to_path_buf);
    let target = match &config.out {
        Some(dir) => Some(prepare_folder(dir, root.as_deref(), config.force)?),
        None => None,
    };
    let locator = Locator::new(root.as_deref());
    let mut out = super::stdout();
    let (mut exported, mut missing, mut changed) = (0usize, 0usize, 0usize);
    searcher.each_article(
        &config.query.within(config.range),
        &mut |article, _analyzer| {
            match &article.text_state {
                TextState::AsIndexed => {}
                TextState::Changed => changed += 1,
                TextState::Unreadable(_) | TextState::NoArchive(_) => {
                    missing += 1;
                    return Ok(());
                }
            }
            match (&target, &root) {
                (Some(dir), Some(root)) => copy(&article, root, dir)?,
                _ => output::print_export_jsonl(&mut out, &article, &locator)?,
            }
            exported += 1;
            Ok(())
        },
    )?;
    out.flush()?;
    if !config.global.quiet {
        let articles = output::plural(exported, "article", "articles");
        match &config.out {
            Some(dir) => eprintln!("exported {articles} to {}", dir.display()),
            None => eprintln!("exported {articles}"),
        }
        if changed > 0 {
            eprintln!(
                "krant: warning: {} changed since the last `krant index`: exported as they are now",
                output::plural(changed, "article", "articles")
            );
        }
    }
    if missing > 0 {
        return Err(failure(
            format!(
                "{} could not be read from the archive and {} not exported",
                output::plural(missing, "matching article", "matching articles"),
                if missing == 1 { "was" } else { "were" }
            ),
            "check that the corpus folder is there (krant stats names it), or run `krant index`",
        ));
    }
    Ok(super::found(exported > 0))
}

/// Checks (and creates) the folder copies go to: not inside the corpus, empty unless
/// `force`. Returns it.
fn prepare_folder(dir: &Path, root: Option<&Path>, force: bool) -> Result<PathBuf> {
    let Some(root) = root else {
        return Err(failure(
            "the index does not say where its corpus is, so there are no files to copy",
            "use --format jsonl, or run `krant index CORPUS` first",
        ));
    };
    // Checked before anything is created: the folder may not exist yet.
    let resolved = resolved_path(dir)?;
    let corpus = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if resolved.starts_with(&corpus) || corpus.starts_with(&resolved) {
        return Err(failure(
            format!(
                "--out {}: the export folder must lie outside the corpus {}",
                dir.display(),
                root.display()
            ),
            "an export never writes into the archive; choose another folder",
        ));
    }
    fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the export folder {}", dir.display()))?;
    let occupied = fs::read_dir(dir)
        .with_context(|| format!("cannot read the export folder {}", dir.display()))?
        .next()
        .is_some();
    if occupied && !force {
        return Err(failure(
            format!("--out {}: the folder is not empty", dir.display()),
            "choose an empty or new folder, or add --force to write into it",
        ));
    }
    Ok(resolved)
}

/// `path` made absolute, with the symbolic links of its longest existing ancestor
/// resolved and the rest (folders still to be created) appended by name.
fn resolved_path(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path)
        .with_context(|| format!("cannot resolve the export folder {}", path.display()))?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return Ok(rest
                .iter()
                .rev()
                .fold(real, |p: PathBuf, part| p.join(part)));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return Ok(absolute),
        }
    }
}

/// Copies an article's file to the same path below `dir`.
fn copy(article: &StoredArticle, root: &Path, dir: &Path) -> Result<()> {
    let from = full_path(root, &article.path);
    let to = full_path(dir, &article.path);
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    }
    fs::copy(&from, &to)
        .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
    Ok(())
}
