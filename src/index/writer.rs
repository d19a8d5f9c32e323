//! Writing the index: one writer at a time (a lock file), replace-by-path, atomic commits.

use std::fs::{self, File, TryLockError};
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use rustc_hash::FxHashSet;
use tantivy::TantivyError;
use tantivy::indexer::UserOperation;
use tantivy::{Index, IndexWriter, Term};

use super::contain::{contain, damaged};
use super::heap;
use super::phrase_pairs::FrequentTerms;
use super::prepare::{PreparedArticle, Preparer};
use super::repair::{share_metadata, sweep};
use super::schema;
use super::stamps::StampWriter;
use super::turn_taking::{HandedDoc, Turns};
use super::vocabulary::{VOCABULARY_FILE, Vocabulary};
use super::{
    Found, IndexState, KrantIndex, LOCK_FILE, MARKER_FILE, Marker, STAMPS_FILE, inspect,
    open_tantivy_to_write, outdated, writer_directory,
};
use crate::error::failure;

/// tantivy refuses less than this per indexing thread.
const MIN_BYTES_PER_THREAD: usize = 15_000_000;

/// Operations handed to tantivy at once. One at a time, each add woke an indexing
/// thread (BENCHMARKS.md). tantivy queues up to 10,000 hand-overs, so this also bounds
/// the articles waiting in its queue (40,000); 4 is what its batches hold without an
/// allocation.
const OPERATIONS_PER_HANDOVER: usize = 4;

/// Word forms held before they are merged into `forms.fst` (some 60 bytes each): a
/// writer met this many new forms only on archives with a large vocabulary (the
/// generated million-article archive has 99,000 forms), and then it writes the file
/// before the commit rather than hold them all.
const FORMS_HELD: usize = 1 << 19;

/// How to open the writer.
#[derive(Debug, Clone)]
pub struct WriterOptions {
    /// Indexing threads.
    pub threads: usize,
    /// The writer's memory budget in bytes, shared by its threads.
    pub memory_bytes: usize,
    /// Drop every article and start afresh (also the way out of an outdated index).
    pub rebuild: bool,
    /// Analyzed bytes per turn when the reading threads and tantivy's take turns on the
    /// cores ([`super::turn_bytes`]), or `None` for both at once, which is better when
    /// there are cores enough for both.
    pub turn_bytes: Option<usize>,
}

/// The single writer of an index, holding its lock until dropped.
pub struct Writer {
    index: KrantIndex,
    writer: IndexWriter<HandedDoc>,
    vocabulary: Vocabulary,
    /// Forms met since they were last written, perhaps already in `vocabulary`.
    new_forms: FxHashSet<Box<str>>,
    /// See [`FORMS_HELD`].
    forms_held: usize,
    /// Adds and deletes not yet handed to tantivy, in order.
    operations: Vec<UserOperation<HandedDoc>>,
    /// Bytes of analyzed text in `operations`' adds.
    waiting_bytes: usize,
    /// Whose turn it is on the cores, and the documents tantivy has not finished with.
    turns: Arc<Turns>,
    turn_bytes: Option<usize>,
    /// The terms paired in this index's articles; see [`Writer::chooses_frequent_terms`].
    frequent_terms: FrequentTerms,
    chooses_frequent_terms: bool,
    /// See [`Writer::rebuilds`].
    rebuild: bool,
    rebuild_reason: Option<&'static str>,
    /// Whether `forms.fst` holds `vocabulary` (false until the first commit of a new or
    /// rebuilt index).
    vocabulary_saved: bool,
    _lock: File,
}

impl Writer {
    /// Opens (creating if needed) the index at `dir` for writing. Leftovers of an
    /// interrupted run are removed first (see `repair`). With `rebuild`, any folder that
    /// is recognisably a krant index is rebuilt, whatever state its files are in.
    pub fn open(dir: &Path, options: &WriterOptions) -> Result<Writer> {
        let found = inspect(dir)?;
        match &found {
            Found::Foreign => {
                return Err(failure(
                    format!("{} exists and is not a krant index", dir.display()),
                    "krant will not write into it; choose another folder with --index",
                ));
            }
            Found::Outdated(marker) if !options.rebuild => return Err(outdated(dir, marker)),
            Found::Damaged if !options.rebuild => {
                return Err(damaged(dir, "its marker krant.json cannot be read"));
            }
            _ => {}
        }
        fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the index folder {}", dir.display()))?;
        let lock = lock(dir)?;
        // Before tantivy's threads start (see `heap`).
        heap::cap_arenas();
        let mut fresh = match found {
            Found::Nothing | Found::Outdated(_) | Found::Damaged => true,
            // A marker without tantivy's files: a first run that died early.
            Found::Current => !dir.join("meta.json").exists(),
            Found::Foreign => unreachable!("refused above"),
        };
        let index = if fresh {
            create(dir)?
        } else {
            match open_tantivy_to_write(dir).and_then(|index| KrantIndex::wrap(index, dir)) {
                Ok(index) => index,
                Err(_) if options.rebuild => {
                    fresh = true;
                    create(dir)?
                }
                Err(err) => return Err(err),
            }
        };
        let committed = if fresh {
            None
        } else {
            index.state()?.filter(|state| state.articles > 0)
        };
        // The word forms cannot be recovered from the index: its articles are read again.
        let forms_path = dir.join(VOCABULARY_FILE);
        let old_vocabulary = if fresh || options.rebuild {
            Ok(Vocabulary::default())
        } else {
            contain(dir, || Vocabulary::load_verified(&forms_path))
        };
        let forms_lost = if fresh || options.rebuild || committed.is_none() {
            None
        } else if !forms_path.exists() {
            Some("the word forms file forms.fst is missing, so every article is read again")
        } else if old_vocabulary.is_err() {
            Some("the word forms file forms.fst is damaged, so every article is read again")
        } else {
            None
        };
        let rebuild = options.rebuild || forms_lost.is_some();
        let writer = contain(dir, || open_tantivy_writer(&index, options))?;
        if !fresh {
            tidy(dir, &index, &writer)?;
        }
        if rebuild && !fresh {
            // In place, so the old articles stay searchable until the new ones commit.
            writer
                .delete_all_documents()
                .map_err(|e| write_failure(dir, e))?;
        }
        // Afresh on a rebuild: the first commit replaces the old forms with the new ones.
        // A damaged file is lost forms only where no article uses them (else a rebuild).
        let vocabulary = if rebuild {
            Vocabulary::default()
        } else {
            old_vocabulary.unwrap_or_default()
        };
        // Kept from the last commit, whose articles were paired with them; chosen anew
        // when no article stays (a new index, a rebuild, a first run that never committed
        // or was stopped before it indexed anything, perhaps while sampling).
        let committed = if rebuild { None } else { committed };
        let chooses_frequent_terms = committed.is_none();
        let frequent_terms = committed
            .map(|state| FrequentTerms::from_list(&state.frequent_terms))
            .unwrap_or_default();
        let rebuild_reason = forms_lost;
        Ok(Writer {
            index,
            writer,
            vocabulary,
            new_forms: FxHashSet::default(),
            forms_held: FORMS_HELD,
            operations: Vec::new(),
            waiting_bytes: 0,
            turns: Arc::default(),
            turn_bytes: options.turn_bytes,
            frequent_terms,
            chooses_frequent_terms,
            rebuild,
            rebuild_reason,
            vocabulary_saved: !(fresh || rebuild) && forms_path.exists(),
            _lock: lock,
        })
    }

    /// Whether this run replaces every article: asked for, or because the index cannot
    /// be updated ([`Writer::rebuild_reason`]).
    pub fn rebuilds(&self) -> bool {
        self.rebuild
    }

    /// Why this run rebuilds the index although no rebuild was asked for.
    pub fn rebuild_reason(&self) -> Option<&'static str> {
        self.rebuild_reason
    }

    /// Whether this run is to choose the frequent terms ([`Writer::set_frequent_terms`])
    /// before it prepares any article: true when the index keeps no article.
    pub fn chooses_frequent_terms(&self) -> bool {
        self.chooses_frequent_terms
    }

    /// Sets the terms to pair, when [`Writer::chooses_frequent_terms`]; otherwise the
    /// committed articles were paired with the recorded ones, which stay.
    pub fn set_frequent_terms(&mut self, terms: FrequentTerms) {
        if self.chooses_frequent_terms {
            self.frequent_terms = terms;
        }
    }

    /// The opened index.
    pub fn index(&self) -> &KrantIndex {
        &self.index
    }

    /// Starts writing the stamps of the files in the index, which replace the old ones
    /// when finished.
    pub fn stamp_writer(&self) -> Result<StampWriter> {
        StampWriter::create(&self.index.dir.join(STAMPS_FILE))
    }

    /// What turns articles into documents for this index (on any thread).
    pub fn preparer(&self) -> Preparer {
        Preparer {
            fields: self.index.fields,
            frequent_terms: self.frequent_terms.clone(),
            turns: Arc::clone(&self.turns),
        }
    }

    /// Adds a prepared article; with `replacing`, in place of the indexed article with
    /// the same path. A new article needs no delete, and tantivy would apply each one
    /// to every segment it writes.
    pub fn add(&mut self, prepared: PreparedArticle, replacing: bool) -> Result<()> {
        self.new_forms.extend(prepared.forms);
        if self.new_forms.len() >= self.forms_held {
            self.save_forms()?;
        }
        if replacing {
            self.remove(&prepared.path);
        }
        self.waiting_bytes += prepared.analyzed_bytes;
        let doc = self.turns.track(prepared.doc);
        self.operations.push(UserOperation::Add(doc));
        match self.turn_bytes {
            // Both at once: tantivy gets the articles as they come.
            None if self.operations.len() >= OPERATIONS_PER_HANDOVER => self.hand_over()?,
            // tantivy's turn; the reading threads wait (see `turn_taking`).
            Some(turn_bytes) if self.waiting_bytes >= turn_bytes => {
                let turns = Arc::clone(&self.turns);
                let turn = turns.tantivy_turn();
                self.hand_over()?;
                turn.finish();
            }
            _ => {}
        }
        Ok(())
    }

    /// Holds at most `forms` new word forms before writing them (see [`FORMS_HELD`]).
    #[cfg(test)]
    pub(crate) fn hold_forms(&mut self, forms: usize) {
        self.forms_held = forms.max(1);
    }

    /// Merges the forms met into `forms.fst` (written even without forms, so that a
    /// missing file means a lost one). Before a commit: if the commit then fails, the
    /// vocabulary holds a few forms of articles not in the index, which can only widen a
    /// prefix or fuzzy search to articles that really have the forms' stems.
    fn save_forms(&mut self) -> Result<()> {
        if !self.new_forms.is_empty() || !self.vocabulary_saved {
            let mut added: Vec<&str> = self.new_forms.iter().map(|f| &**f).collect();
            added.sort_unstable();
            self.vocabulary
                .save_with(&self.index.dir.join(VOCABULARY_FILE), &added)?;
            self.new_forms.clear();
            self.vocabulary_saved = true;
        }
        Ok(())
    }

    /// Documents handed to tantivy that it has not finished with.
    #[cfg(test)]
    pub(crate) fn documents_in_flight(&self) -> usize {
        self.turns.in_flight()
    }

    /// Passes the waiting operations to tantivy, in order, a few at a time so that all
    /// its threads take part.
    fn hand_over(&mut self) -> Result<()> {
        let mut operations = self.operations.drain(..);
        while operations.len() > 0 {
            self.writer
                .run(operations.by_ref().take(OPERATIONS_PER_HANDOVER))
                .map_err(|e| write_failure(&self.index.dir, e))?;
        }
        self.waiting_bytes = 0;
        Ok(())
    }

    /// Removes the article with this path, if any.
    pub fn remove(&mut self, path: &str) {
        let term = Term::from_field_text(self.index.fields.path, path);
        self.operations.push(UserOperation::Delete(term));
    }

    /// Makes every change so far durable and visible, atomically, with `state` (and the
    /// frequent terms).
    pub fn commit(&mut self, mut state: IndexState) -> Result<()> {
        state.frequent_terms = self.frequent_terms.to_list();
        // The forms first (see `save_forms`).
        self.save_forms()?;
        self.hand_over()?;
        let payload = serde_json::to_string(&state)?;
        let mut prepared = self
            .writer
            .prepare_commit()
            .map_err(|e| write_failure(&self.index.dir, e))?;
        prepared.set_payload(&payload);
        prepared
            .commit()
            .map_err(|e| write_failure(&self.index.dir, e))?;
        let dir = &self.index.dir;
        share_metadata(dir, &dir.join(MARKER_FILE)).map_err(|e| write_failure(dir, e.into()))?;
        // The commit wrote out every segment writer's share of the budget: free now.
        heap::release_free();
        Ok(())
    }

    /// The directory tantivy's writer reads through (for the tests of `directory`).
    #[cfg(test)]
    pub(super) fn tantivy_directory(&self) -> &dyn tantivy::Directory {
        self.index.index.directory()
    }

    /// Waits for background merges, so that the process can exit with the files settled.
    pub fn finish(self) -> Result<()> {
        self.writer
            .wait_merging_threads()
            .context("cannot finish merging index segments")
    }
}

/// tantivy's writer for `index`, with the options' threads and memory.
fn open_tantivy_writer(
    index: &KrantIndex,
    options: &WriterOptions,
) -> Result<IndexWriter<HandedDoc>> {
    let dir = &index.dir;
    let budget = options.memory_bytes.max(MIN_BYTES_PER_THREAD);
    let threads = options
        .threads
        .clamp(1, (budget / MIN_BYTES_PER_THREAD).max(1));
    index
        .index
        .writer_with_num_threads(threads, budget)
        .map_err(|e| match e {
            TantivyError::LockFailure(..) => already_running(dir),
            TantivyError::SystemError(reason) => failure(
                format!("cannot start the index writer's threads ({reason})"),
                "the system refused new threads (is a process limit, ulimit -u, reached?)",
            ),
            e => write_failure(dir, e),
        })
}

/// Removes what interrupted runs left in the index folder before this writer writes
/// anything (see `repair`), and lets everyone who can read the folder read the index.
fn tidy(dir: &Path, index: &KrantIndex, writer: &IndexWriter<HandedDoc>) -> Result<()> {
    writer
        .garbage_collect_files()
        .wait()
        .map_err(|e| write_failure(dir, e))?;
    let metas = contain(dir, || {
        index
            .index
            .load_metas()
            .map_err(|e| super::read_error(dir, e))
    })?;
    sweep(dir, &metas).map_err(|e| write_failure(dir, e.into()))?;
    share_metadata(dir, &dir.join(MARKER_FILE)).map_err(|e| write_failure(dir, e.into()))?;
    Ok(())
}

/// An error of tantivy's writer, said plainly: a full disk or a read-only folder
/// (tantivy's threads report those only as "a worker thread encountered an error"), a
/// file in the way, or damage; and that the last commit is intact.
fn write_failure(dir: &Path, error: TantivyError) -> anyhow::Error {
    use tantivy::directory::error::OpenWriteError;
    let intact = "the last committed index is intact and searchable";
    match &error {
        TantivyError::OpenWriteError(OpenWriteError::FileAlreadyExists(file)) => {
            return failure(
                format!(
                    "cannot write the index at {}: the file {} is in the way (left by an \
                     interrupted run, or written by another program)",
                    dir.display(),
                    file.display()
                ),
                format!(
                    "{intact}; run `krant index` again, which removes files no commit uses, \
                     or `krant index --rebuild`"
                ),
            );
        }
        TantivyError::DataCorruption(_) => return damaged(dir, &error.to_string()),
        _ => {}
    }
    let detail = match &error {
        TantivyError::IoError(io) => io.to_string(),
        TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => {
            io_error.to_string()
        }
        _ => "the index writer stopped".to_owned(),
    };
    failure(
        format!(
            "cannot write the index at {} ({detail}; is the disk full or the folder read-only?)",
            dir.display()
        ),
        format!("{intact}; free space or fix permissions, then run `krant index` again"),
    )
}

fn lock(dir: &Path) -> Result<File> {
    let path = dir.join(LOCK_FILE);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot write in the index folder {}", dir.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(already_running(dir)),
        Err(TryLockError::Error(e)) => {
            Err(anyhow::Error::new(e).context(format!("cannot lock {}", path.display())))
        }
    }
}

fn already_running(dir: &Path) -> anyhow::Error {
    failure(
        format!(
            "another `krant index` is already writing the index at {}",
            dir.display()
        ),
        "wait for it to finish (searches keep working meanwhile)",
    )
}

/// Empties `dir` of everything but the lock and creates a new index in it. The marker is
/// written first: a folder with a marker is krant's, whatever else is missing.
fn create(dir: &Path) -> Result<KrantIndex> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == LOCK_FILE {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        }
        .with_context(|| format!("cannot clear {}", path.display()))?;
    }
    let marker = serde_json::to_string_pretty(&Marker::current())?;
    fs::write(dir.join(MARKER_FILE), marker + "\n")
        .with_context(|| format!("cannot write in the index folder {}", dir.display()))?;
    let (schema, _) = schema::build();
    let index = Index::create(writer_directory(dir)?, schema, schema::settings())
        .with_context(|| format!("cannot create an index in {}", dir.display()))?;
    KrantIndex::wrap(index, dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;

    /// The forms file of an index of generated articles written with at most `held`
    /// forms held at a time, in two commits.
    fn forms_written_holding(held: usize) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let options = WriterOptions {
            threads: 1,
            memory_bytes: 15_000_000,
            rebuild: false,
            turn_bytes: None,
        };
        let index_dir = dir.path().join("index");
        let words = [
            "vluchtelingen",
            "gemeenten",
            "huizen",
            "regeringen",
            "ministers",
            "kalifaten",
            "verkiezingen",
            "woningen",
            "burgemeesters",
            "provincies",
            "lopende",
            "zwaarste",
        ];
        let mut writer = Writer::open(&index_dir, &options).unwrap();
        writer.hold_forms(held);
        let preparer = writer.preparer();
        let mut analyzer = preparer.analyzer();
        for i in 0..60usize {
            let text: Vec<&str> = (0..8)
                .map(|k| words[(i * 5 + k * 7) % words.len()])
                .collect();
            let bytes = format!("date 2017-05 {} en {}{i}", text.join(" "), words[i % 12]);
            let path = format!("{i}.txt");
            let article = parse_article(&path, bytes.as_bytes()).unwrap();
            writer
                .add(preparer.prepare(&article, i as u64, &mut analyzer), false)
                .unwrap();
            if i == 30 {
                writer.commit(state(dir.path())).unwrap();
            }
        }
        writer.commit(state(dir.path())).unwrap();
        writer.finish().unwrap();
        fs::read(index_dir.join(VOCABULARY_FILE)).unwrap()
    }

    fn state(root: &Path) -> IndexState {
        IndexState {
            corpus_root: root.to_path_buf(),
            indexed_at: 0,
            articles: 0,
            frequent_terms: Vec::new(),
        }
    }

    #[test]
    fn forms_written_a_few_at_a_time_make_the_same_file_as_all_at_once() {
        let all_at_once = forms_written_holding(usize::MAX);
        assert!(Vocabulary::default().len() == 0);
        let map = tantivy_fst::Map::from_bytes(all_at_once.clone()).unwrap();
        assert!(map.len() > 12, "{} forms", map.len());
        for held in [1, 2, 7] {
            assert_eq!(forms_written_holding(held), all_at_once, "{held} held");
        }
    }
}
