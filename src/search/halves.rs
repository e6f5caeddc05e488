//! Work over every document, split between two threads when there is
//! enough of it.

use std::ops::Range;

/// Below this many documents one thread does all the work: starting a
/// thread costs more than scoring or hashing a few thousand short texts.
pub(crate) const PARALLEL_MIN: usize = 4096;

/// Runs `work` over `0..n` and returns its results in order: for the two
/// halves of the range, the second on a scoped thread, when `n` is at least
/// [`PARALLEL_MIN`]; else once, over the whole range, on this thread.
///
/// Scoped threads borrow the caller's data directly, with no pool to keep
/// alive between keystrokes (the machine this is tuned for has two cores,
/// so a work-stealing pool would buy nothing). With no thread to be had, or
/// a panic in it (a bug), this thread does the second half too.
pub(crate) fn in_halves<T: Send>(
    n: usize,
    work: impl Fn(Range<usize>) -> T + Sync,
) -> (T, Option<T>) {
    if n < PARALLEL_MIN {
        return (work(0..n), None);
    }
    let mid = n / 2;
    let (first, second) = std::thread::scope(|s| {
        let second = std::thread::Builder::new().spawn_scoped(s, || work(mid..n));
        let first = work(0..mid);
        (first, second.map(|h| h.join()))
    });
    let second = match second {
        Ok(Ok(second)) => second,
        _ => work(mid..n),
    };
    (first, Some(second))
}

/// `f` of every document number below `n`, computed by [`in_halves`] and
/// kept as two vectors: joining them would need room for both again.
pub(crate) fn map_in_halves<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Halves<T> {
    let (first, second) = in_halves(n, |docs| docs.map(&f).collect::<Vec<T>>());
    Halves {
        first,
        second: second.unwrap_or_default(),
    }
}

/// Values for documents `0..first.len()`, then for the rest.
#[derive(Debug, Default)]
pub(crate) struct Halves<T> {
    first: Vec<T>,
    second: Vec<T>,
}

impl<T> Halves<T> {
    /// Values for every document, in one vector.
    pub(crate) fn whole(all: Vec<T>) -> Halves<T> {
        Halves {
            first: all,
            second: Vec::new(),
        }
    }

    #[inline]
    pub(crate) fn get(&self, doc: usize) -> Option<&T> {
        match doc.checked_sub(self.first.len()) {
            None => self.first.get(doc),
            Some(rest) => self.second.get(rest),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_cover_the_range_in_order() {
        let ranges = |n| in_halves(n, |r: Range<usize>| r);
        assert_eq!(ranges(0), (0..0, None));
        assert_eq!(ranges(PARALLEL_MIN - 1), (0..PARALLEL_MIN - 1, None));
        let n = PARALLEL_MIN + 1;
        assert_eq!(ranges(n), (0..n / 2, Some(n / 2..n)));
        let squares = map_in_halves(n, |i| i * i);
        assert_eq!(squares.first.len(), n / 2);
        assert!((0..n).all(|i| squares.get(i) == Some(&(i * i))));
        assert_eq!(squares.get(n), None);
    }
}
