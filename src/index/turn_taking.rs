//! Taking turns on the cores: the threads that read and analyze articles, then tantivy's
//! indexing threads, rather than all of them at once.
//!
//! Both sides spend most of their time waiting on memory: the analyzers on their stem
//! caches, tantivy on its term table and postings. Run at the same time on the same
//! cores, each pushes the other's tables out of the shared cache. On 100,000 articles
//! (BENCHMARKS.md), a build that analyzed everything first and indexed it after took 16%
//! less CPU than one that did both at once; so [`super::Writer`] lets the analyzed
//! articles pile up to a turn's worth, hands them to tantivy and waits until tantivy is
//! done with them, while the reading threads wait at their next batch. (A batch already
//! being analyzed is finished: the overlap is at most one batch a thread.)
//!
//! tantivy says nothing when it has indexed a document, but it drops each one as soon as
//! it has: a [`HandedDoc`] counts itself out of its [`Turns`] when dropped.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tantivy::TantivyDocument;
use tantivy::schema::document::Document;

/// Bytes of analyzed text (encoded tokens of text, title and pairs) handed to tantivy
/// per turn: some 3,500 articles of the benchmark's archive, a fifth of a second's
/// analysis on two threads. 32 MB did no better.
const TURN_BYTES: usize = 8 << 20;

/// The analyzed bytes per turn for a writer with `threads` indexing threads beside as
/// many reading threads on `cores` cores (`WriterOptions::turn_bytes`): the two sides
/// take turns when together they outnumber the cores. With cores to spare, both run at
/// once (`None`).
pub fn turn_bytes(threads: usize, cores: usize) -> Option<usize> {
    (threads * 2 > cores).then_some(TURN_BYTES)
}

/// How long a wait for tantivy lasts without a document finished before the writer
/// stops waiting. tantivy finishes a document every few dozen microseconds; it pauses
/// only to write out a full segment (seconds), and stops for good if a thread fails,
/// which the next hand-over reports. Either way the turn is over.
const STALL: Duration = Duration::from_secs(1);

/// Whose turn it is, and the documents handed to tantivy (or about to be) that it has
/// not finished with. Shared by the writer, its documents and the reading threads.
#[derive(Debug, Default)]
pub struct Turns {
    state: Mutex<State>,
    /// Signalled when the last document in flight is dropped.
    none_in_flight: Condvar,
    /// Signalled when tantivy's turn ends.
    turn_ended: Condvar,
}

#[derive(Debug, Default)]
struct State {
    in_flight: usize,
    tantivy_turn: bool,
}

impl Turns {
    /// `doc`, counted in until tantivy drops it.
    pub(super) fn track(self: &Arc<Self>, doc: TantivyDocument) -> HandedDoc {
        self.lock().in_flight += 1;
        HandedDoc {
            doc,
            turns: Arc::clone(self),
        }
    }

    /// Starts tantivy's turn: the reading threads wait at their next batch until it ends.
    pub(super) fn tantivy_turn(&self) -> TantivyTurn<'_> {
        self.lock().tantivy_turn = true;
        TantivyTurn { turns: self }
    }

    /// Returns at once unless it is tantivy's turn; then when the turn ends.
    pub fn wait_for_analysis_turn(&self) {
        let state = self.lock();
        drop(
            self.turn_ended
                .wait_while(state, |s| s.tantivy_turn)
                .unwrap_or_else(PoisonError::into_inner),
        );
    }

    /// Waits until every tracked document is dropped, or until none has been for
    /// `stall`. Woken only by the last drop (one wake-up per document cost ~2 s of
    /// system time on 100,000 articles), it checks for progress once per `stall`.
    /// Returns false when it stopped waiting on a stall.
    fn wait_until_none_or_stalled(&self, stall: Duration) -> bool {
        let mut state = self.lock();
        while state.in_flight > 0 {
            let before = state.in_flight;
            let (now, _) = self
                .none_in_flight
                .wait_timeout_while(state, stall, |s| s.in_flight > 0)
                .unwrap_or_else(PoisonError::into_inner);
            state = now;
            if state.in_flight == before {
                return false;
            }
        }
        true
    }

    /// Tracked documents not yet dropped.
    #[cfg(test)]
    pub(super) fn in_flight(&self) -> usize {
        self.lock().in_flight
    }

    // A panic elsewhere cannot leave the state half-updated: each change is one store.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// tantivy's turn, ended when dropped (on every path out of the writer, errors too, so
/// that no reading thread waits for ever).
pub(super) struct TantivyTurn<'a> {
    turns: &'a Turns,
}

impl TantivyTurn<'_> {
    /// Waits until tantivy is done with every document handed to it, or until none has
    /// been finished for [`STALL`]; then the turn ends.
    pub(super) fn finish(self) {
        // A stall ends the turn as well; the next hand-over reports a failed thread.
        let _ = self.turns.wait_until_none_or_stalled(STALL);
    }
}

impl Drop for TantivyTurn<'_> {
    fn drop(&mut self) {
        self.turns.lock().tantivy_turn = false;
        self.turns.turn_ended.notify_all();
    }
}

/// A document on its way through tantivy, counted in its [`Turns`] until dropped.
pub struct HandedDoc {
    doc: TantivyDocument,
    turns: Arc<Turns>,
}

impl Drop for HandedDoc {
    fn drop(&mut self) {
        let mut state = self.turns.lock();
        state.in_flight -= 1;
        if state.in_flight == 0 {
            self.turns.none_in_flight.notify_all();
        }
    }
}

impl Document for HandedDoc {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

#[cfg(test)]
mod tests {
    use std::thread;

    use super::*;

    #[test]
    fn the_turn_ends_when_tantivy_drops_the_last_document_and_readers_go_on() {
        let turns = Arc::new(Turns::default());
        // Before any turn, a reader does not wait.
        turns.wait_for_analysis_turn();
        let docs: Vec<HandedDoc> = (0..50)
            .map(|_| turns.track(TantivyDocument::default()))
            .collect();
        assert_eq!(turns.in_flight(), 50);
        let turn = turns.tantivy_turn();
        let in_flight_when_reader_went_on = thread::scope(|scope| {
            let reader = scope.spawn(|| {
                turns.wait_for_analysis_turn();
                turns.in_flight()
            });
            let tantivy = scope.spawn(move || {
                for doc in docs {
                    thread::sleep(Duration::from_millis(1));
                    drop(doc);
                }
            });
            // As `TantivyTurn::finish` does, with a stall no loaded machine reaches (a
            // test asserts no duration).
            assert!(turns.wait_until_none_or_stalled(Duration::from_secs(120)));
            assert_eq!(turns.in_flight(), 0);
            drop(turn);
            tantivy.join().unwrap();
            reader.join().unwrap()
        });
        // The turn ended only once all 50 were dropped.
        assert_eq!(in_flight_when_reader_went_on, 0);
        // A turn with nothing in flight ends without waiting for a stall.
        assert!(turns.wait_until_none_or_stalled(STALL));
        turns.tantivy_turn().finish();
        turns.wait_for_analysis_turn();
    }

    #[test]
    fn a_turn_without_progress_gives_up_after_the_stall_and_a_dropped_turn_ends() {
        let turns = Arc::new(Turns::default());
        let stuck = turns.track(TantivyDocument::default());
        assert!(!turns.wait_until_none_or_stalled(Duration::from_millis(50)));
        assert_eq!(turns.in_flight(), 1);
        // A turn dropped on an error path (never finished) still lets readers go on.
        drop(turns.tantivy_turn());
        turns.wait_for_analysis_turn();
        drop(stuck);
        assert_eq!(turns.in_flight(), 0);
    }

    #[test]
    fn a_handed_document_shows_tantivy_the_fields_of_the_one_it_wraps() {
        let mut builder = tantivy::schema::Schema::builder();
        let title = builder.add_text_field("title", tantivy::schema::STORED);
        let date = builder.add_u64_field("date", tantivy::schema::FAST);
        let mut doc = TantivyDocument::default();
        doc.add_text(title, "Mosul heroverd");
        doc.add_u64(date, 20_170_700);
        let handed = Arc::new(Turns::default()).track(doc);
        let seen: Vec<(u32, String)> = handed
            .iter_fields_and_values()
            .map(|(field, value)| {
                use tantivy::schema::Value;
                let shown = value
                    .as_str()
                    .map(str::to_owned)
                    .or_else(|| value.as_u64().map(|n| n.to_string()))
                    .unwrap_or_default();
                (field.field_id(), shown)
            })
            .collect();
        assert_eq!(
            seen,
            vec![
                (title.field_id(), "Mosul heroverd".to_owned()),
                (date.field_id(), "20170700".to_owned())
            ]
        );
    }
}
