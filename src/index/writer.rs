//! Writing the index: one writer at a time (a lock file), replace-by-path, atomic commits.

use std::fs::{self, File, TryLockError};
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use rustc_hash::FxHashSet;
use tantivy::indexer::UserOperation;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::encoded::Encoder;
use super::pairs::{FrequentTerms, PairEncoder};
use super::schema;
use super::stamps::{self, Stamp};
use super::turns::{HandedDoc, Turns};
use super::vocabulary::{VOCABULARY_FILE, Vocabulary};
use super::{
    Found, IndexState, KrantIndex, LOCK_FILE, MARKER_FILE, Marker, STAMPS_FILE, inspect, outdated,
};
use crate::analysis::{DutchAnalyzer, Mode, TokenKind};
use crate::corpus::Article;
use crate::error::failure;

/// tantivy refuses less than this per indexing thread.
const MIN_BYTES_PER_THREAD: usize = 15_000_000;

/// Operations handed to tantivy at once. One at a time, each add woke an indexing
/// thread (BENCHMARKS.md). tantivy queues up to 10,000 hand-overs, so this also bounds
/// the articles waiting in its queue (40,000); 4 is what its batches hold without an
/// allocation.
const OPERATIONS_PER_HANDOVER: usize = 4;

/// Bytes of analyzed text (encoded tokens of text, title and pairs) handed to tantivy
/// per turn (see `turns`): some 3,500 articles of the benchmark's archive, a fifth of a
/// second's analysis on two threads. 32 MB did no better.
pub const TURN_BYTES: usize = 8 << 20;

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
    /// cores (see `turns`; [`TURN_BYTES`]), or `None` for both at once, which is better
    /// when there are cores enough for both.
    pub turn_bytes: Option<usize>,
}

/// The single writer of an index, holding its lock until dropped.
pub struct Writer {
    index: KrantIndex,
    writer: IndexWriter<HandedDoc>,
    vocabulary: Vocabulary,
    /// Forms met since the last commit, perhaps already in `vocabulary`.
    new_forms: FxHashSet<Box<str>>,
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
    _lock: File,
}

impl Writer {
    /// Opens (creating if needed) the index at `dir` for writing.
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
            _ => {}
        }
        fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the index folder {}", dir.display()))?;
        let lock = lock(dir)?;
        let fresh = match found {
            Found::Nothing | Found::Outdated(_) => true,
            // A marker without tantivy's files: a first run that died early.
            Found::Current => !dir.join("meta.json").exists(),
            Found::Foreign => unreachable!("refused above"),
        };
        let index = if fresh {
            create(dir)?
        } else {
            let index = Index::open_in_dir(dir)
                .with_context(|| format!("cannot open the index at {}", dir.display()))?;
            KrantIndex::wrap(index, dir)?
        };
        let budget = options.memory_bytes.max(MIN_BYTES_PER_THREAD);
        let threads = options
            .threads
            .clamp(1, (budget / MIN_BYTES_PER_THREAD).max(1));
        let writer = index
            .index
            .writer_with_num_threads(threads, budget)
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => already_running(dir),
                e => anyhow::Error::new(e).context(format!(
                    "cannot open the index at {} for writing",
                    dir.display()
                )),
            })?;
        if options.rebuild && !fresh {
            // In place, so the old articles stay searchable until the new ones commit.
            writer
                .delete_all_documents()
                .context("cannot clear the index")?;
        }
        // Afresh on a rebuild: the first commit replaces the old forms with the new ones.
        let vocabulary = if fresh || options.rebuild {
            Vocabulary::default()
        } else {
            Vocabulary::load(&dir.join(VOCABULARY_FILE))?
        };
        // Kept from the last commit, whose articles were paired with them; chosen anew
        // when no article stays (a new index, a rebuild, a first run that never committed
        // or was stopped before it indexed anything, perhaps while sampling).
        let committed = if fresh || options.rebuild {
            None
        } else {
            index.state()?.filter(|state| state.articles > 0)
        };
        let chooses_frequent_terms = committed.is_none();
        let frequent_terms = committed
            .map(|state| FrequentTerms::from_list(&state.frequent_terms))
            .unwrap_or_default();
        Ok(Writer {
            index,
            writer,
            vocabulary,
            new_forms: FxHashSet::default(),
            operations: Vec::new(),
            waiting_bytes: 0,
            turns: Arc::default(),
            turn_bytes: options.turn_bytes,
            frequent_terms,
            chooses_frequent_terms,
            _lock: lock,
        })
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

    /// Saves the stamps of the files now in the index.
    pub fn save_stamps<'a>(&self, stamps: impl Iterator<Item = (&'a str, Stamp)>) -> Result<()> {
        stamps::save(&self.index.dir.join(STAMPS_FILE), stamps)
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
        if replacing {
            self.remove(&prepared.path);
        }
        self.waiting_bytes += prepared.analyzed_bytes;
        let doc = self.turns.track(prepared.doc);
        self.operations.push(UserOperation::Add(doc));
        match self.turn_bytes {
            // Both at once: tantivy gets the articles as they come.
            None if self.operations.len() >= OPERATIONS_PER_HANDOVER => self.hand_over()?,
            // tantivy's turn; the reading threads wait (see `turns`).
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
        // The forms first: if the commit then fails, the vocabulary holds a few forms of
        // articles not in the index, which can only widen a prefix or fuzzy search to
        // articles that really have the forms' stems.
        if !self.new_forms.is_empty() {
            let mut added: Vec<&str> = self.new_forms.iter().map(|f| &**f).collect();
            added.sort_unstable();
            self.vocabulary
                .save_with(&self.index.dir.join(VOCABULARY_FILE), &added)?;
            self.new_forms.clear();
        }
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
        Ok(())
    }

    /// Drops every change since the last commit.
    pub fn rollback(&mut self) -> Result<()> {
        self.operations.clear();
        self.waiting_bytes = 0;
        self.writer
            .rollback()
            .context("cannot roll back the index")?;
        Ok(())
    }

    /// Waits for background merges, so that the process can exit with the files settled.
    pub fn finish(self) -> Result<()> {
        self.writer
            .wait_merging_threads()
            .context("cannot finish merging index segments")
    }
}

/// Turns articles into index documents. The Dutch analysis runs here, on the threads
/// that read the files, and tantivy receives ready tokens: every word is scanned, folded
/// and looked up once, and the work spreads over all reading threads.
#[derive(Debug, Clone)]
pub struct Preparer {
    fields: schema::Fields,
    frequent_terms: FrequentTerms,
    turns: Arc<Turns>,
}

/// An article ready for the index writer.
pub struct PreparedArticle {
    path: String,
    doc: TantivyDocument,
    /// Word forms this thread's analyzer had not met before.
    forms: Vec<Box<str>>,
    /// The length of the encoded tokens in `doc`.
    analyzed_bytes: usize,
}

impl Preparer {
    /// Waits while tantivy indexes the articles handed to it: the two sides run in turns
    /// (see `turns`). Call before preparing each batch of articles.
    pub fn wait_turn(&self) {
        self.turns.wait_for_analysis_turn();
    }

    /// The analyzer [`Preparer::prepare`] needs (one per thread): it marks the frequent
    /// terms.
    pub fn analyzer(&self) -> DutchAnalyzer {
        DutchAnalyzer::new().with_frequent_terms(self.frequent_terms.set())
    }

    /// The document for `article`, whose file has content hash `hash`; `analyzer` comes
    /// from [`Preparer::analyzer`].
    pub fn prepare(
        &self,
        article: &Article,
        hash: u64,
        analyzer: &mut DutchAnalyzer,
    ) -> PreparedArticle {
        let f = self.fields;
        // Terms go to the field's encoded tokens; new forms, from text or title, to the
        // vocabulary; pairs of the text's frequent terms to the pair field.
        let mut forms = Vec::new();
        let mut pairs = PairEncoder::default();
        let mut encode = |source: &str, mut pairs: Option<&mut PairEncoder>| {
            let mut encoder = Encoder::default();
            analyzer.analyze(source, Mode::Index, |t| {
                if t.kind == TokenKind::Form {
                    forms.push(t.term.into());
                } else {
                    encoder.push(t.term, t.position);
                    if let Some(pairs) = pairs.as_deref_mut() {
                        pairs.push(t.term, t.position, t.frequent);
                    }
                }
            });
            encoder.finish()
        };
        let text = encode(&article.text, Some(&mut pairs));
        let title = encode(&article.title, None);
        let pairs = pairs.finish();
        let analyzed_bytes = text.len() + title.len() + pairs.len();
        let mut doc = TantivyDocument::default();
        doc.add_text(f.path, &article.path);
        doc.add_u64(f.date, article.date.sort_key());
        doc.add_u64(f.hash, hash);
        doc.add_text(f.headline, &article.title);
        doc.add_text(f.text, text);
        doc.add_text(f.title, title);
        doc.add_text(f.pairs, pairs);
        PreparedArticle {
            path: article.path.clone(),
            doc,
            forms,
            analyzed_bytes,
        }
    }
}

/// tantivy's writer threads report a full disk or a read-only folder only as "a worker
/// thread encountered an error"; say what that most likely means and that nothing is lost.
fn write_failure(dir: &Path, error: tantivy::TantivyError) -> anyhow::Error {
    let detail = match &error {
        tantivy::TantivyError::IoError(io) => io.to_string(),
        _ => "the index writer stopped".to_owned(),
    };
    failure(
        format!(
            "cannot write the index at {} ({detail}; is the disk full or the folder read-only?)",
            dir.display()
        ),
        "the last committed index is intact and searchable; free space or fix permissions, \
         then run `krant index` again",
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
    let index = Index::builder()
        .schema(schema)
        .settings(schema::settings())
        .create_in_dir(dir)
        .with_context(|| format!("cannot create an index in {}", dir.display()))?;
    KrantIndex::wrap(index, dir)
}
