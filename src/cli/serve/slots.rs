//! How many queries run at once: a fixed number of slots, and a bounded queue of requests
//! waiting for one. A request that finds the queue full is refused at once (503), so a burst
//! of clients never piles up without bound and one slow query holds only its own slot.

use std::sync::{Condvar, Mutex};

/// Running and waiting counts, behind one lock.
#[derive(Debug, Default)]
struct Counts {
    running: usize,
    waiting: usize,
}

/// The slots of the server.
#[derive(Debug)]
pub struct Slots {
    counts: Mutex<Counts>,
    freed: Condvar,
    /// How many queries may run at once.
    pub running: usize,
    /// How many may wait beyond those.
    pub queue: usize,
}

/// A slot held by one running query; dropping it frees the slot.
pub struct Slot<'s>(&'s Slots);

impl Slots {
    pub fn new(running: usize, queue: usize) -> Self {
        Self {
            counts: Mutex::default(),
            freed: Condvar::new(),
            running: running.max(1),
            queue,
        }
    }

    /// A slot, once one is free; `None` when `queue` requests are waiting already.
    pub fn take(&self) -> Option<Slot<'_>> {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if counts.running >= self.running {
            if counts.waiting >= self.queue {
                return None;
            }
            counts.waiting += 1;
            while counts.running >= self.running {
                counts = self.freed.wait(counts).unwrap_or_else(|e| e.into_inner());
            }
            counts.waiting -= 1;
        }
        counts.running += 1;
        Some(Slot(self))
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut counts = self.0.counts.lock().unwrap_or_else(|e| e.into_inner());
        counts.running -= 1;
        self.0.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;

    #[test]
    fn beyond_the_slots_requests_wait_and_beyond_the_queue_they_are_refused() {
        let slots = Arc::new(Slots::new(1, 1));
        let first = slots.take().expect("a free slot");
        let waiter = {
            let slots = Arc::clone(&slots);
            std::thread::spawn(move || slots.take().is_some())
        };
        while slots.counts.lock().unwrap().waiting == 0 {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(slots.take().is_none(), "the queue of one is full");
        drop(first);
        assert!(
            waiter.join().unwrap(),
            "the waiting request got the freed slot"
        );
        assert_eq!(slots.counts.lock().unwrap().running, 0);
    }
}
