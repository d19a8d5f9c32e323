//! A stream produced on another thread and handed over a batch at a time, so that
//! reading the index's catalog and the stamps overlaps the walk, whose `stat` calls keep
//! one core busy in the kernel: a re-run then takes about as long as its walk. At most
//! a few batches wait, so memory stays bounded.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::{self, Scope};

/// Items per batch handed over.
const BATCH: usize = 1024;

/// Batches that may wait for the consumer.
const WAITING: usize = 4;

/// The consuming end: the items in the order they were produced.
pub struct Ahead<T> {
    batches: Receiver<Vec<T>>,
    current: std::vec::IntoIter<T>,
}

/// Starts `produce` on a thread of `scope`, named `name`. It hands each item to the
/// function it is given, which says false once nobody wants more (the consumer was
/// dropped); it should then stop.
pub fn ahead<'scope, T: Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    name: &str,
    produce: impl FnOnce(&mut dyn FnMut(T) -> bool) + Send + 'scope,
) -> std::io::Result<Ahead<T>> {
    let (sender, batches) = sync_channel(WAITING);
    thread::Builder::new()
        .name(name.to_owned())
        .spawn_scoped(scope, move || {
            let mut out = Out {
                sender,
                batch: Vec::with_capacity(BATCH),
            };
            produce(&mut |item| out.push(item));
            out.flush();
        })?;
    Ok(Ahead {
        batches,
        current: Vec::new().into_iter(),
    })
}

struct Out<T> {
    sender: SyncSender<Vec<T>>,
    batch: Vec<T>,
}

impl<T> Out<T> {
    fn push(&mut self, item: T) -> bool {
        self.batch.push(item);
        self.batch.len() < BATCH || self.flush()
    }

    fn flush(&mut self) -> bool {
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        batch.is_empty() || self.sender.send(batch).is_ok()
    }
}

impl<T> Iterator for Ahead<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(item);
            }
            self.current = self.batches.recv().ok()?.into_iter();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_come_in_order_and_a_consumer_that_leaves_stops_the_producer() {
        let produced = std::sync::atomic::AtomicUsize::new(0);
        thread::scope(|scope| {
            let all: Vec<usize> = ahead(scope, "test", |emit| {
                for i in 0..10_000 {
                    if !emit(i) {
                        break;
                    }
                }
            })
            .unwrap()
            .collect();
            assert_eq!(all, (0..10_000).collect::<Vec<_>>());
            let first: Vec<usize> = ahead(scope, "test", |emit| {
                for i in 0..1_000_000 {
                    produced.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if !emit(i) {
                        break;
                    }
                }
            })
            .unwrap()
            .take(3)
            .collect();
            assert_eq!(first, [0, 1, 2]);
        });
        assert!(produced.into_inner() < 1_000_000);
    }
}
