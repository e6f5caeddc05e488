//! Ranking documents against a compiled query, on two threads: best first,
//! ties by where the match stands, then in document order.

use std::cmp::Reverse;

use super::corpus::Corpus;
use super::halves::in_halves;
use super::pinyin::PinyinIndex;
use super::query::Query;
use super::scorer::Scorer;

/// A matching document and its score; see
/// [`SearchIndex::rank`](super::SearchIndex::rank).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    pub doc: usize,
    pub score: i64,
    /// Breaks ties in `score`: what the match's place costs (see
    /// [`location`](super::scorer::location)), lower first.
    pub(crate) tie: u32,
}

/// Scores `docs` (all documents when None) of the index of `corpus` and
/// `pinyin`, best first.
pub(crate) fn rank_docs(
    corpus: &Corpus,
    pinyin: Option<&PinyinIndex>,
    q: &Query,
    docs: Option<&[Ranked]>,
) -> Vec<Ranked> {
    if q.is_empty() || q.never {
        return Vec::new();
    }
    let n = docs.map_or(corpus.len(), <[Ranked]>::len);
    let run = |range: std::ops::Range<usize>| {
        let mut scorer = Scorer::new(corpus, pinyin, q);
        let mut out = Vec::new();
        for i in range {
            let doc = docs.map_or(Some(i), |d| d.get(i).map(|r| r.doc));
            if let Some(doc) = doc
                && let Some((score, tie)) = scorer.eval(doc, None)
            {
                out.push(Ranked { doc, score, tie });
            }
        }
        sort(&mut out);
        out
    };
    match in_halves(n, run) {
        (first, Some(second)) => merge(first, second),
        (all, None) => all,
    }
}

/// Best first, then by where the match stands, then in document order.
fn order(r: &Ranked) -> (Reverse<i64>, u32, usize) {
    (Reverse(r.score), r.tie, r.doc)
}

/// Bits of a packed sort key for the tie and the document.
const TIE_BITS: u32 = 6;
const DOC_BITS: u32 = 32 - TIE_BITS;

/// Sorts by [`order`]. A single-letter query can match most of 100,000
/// documents: sorting them as packed integers (score, tie and document in
/// one u64, from which each is read back) takes a fraction of sorting the
/// structs by a triple; the triple is kept for what does not fit (a score
/// beyond 32 bits, or a document past 2²⁶).
fn sort(ranked: &mut [Ranked]) {
    let fits = |r: &Ranked| {
        r.doc < 1 << DOC_BITS && r.tie < 1 << TIE_BITS && i32::try_from(r.score).is_ok()
    };
    if !ranked.iter().all(fits) {
        ranked.sort_unstable_by_key(order);
        return;
    }
    // A higher score maps to a lower key: flip the sign bit to order i32 as
    // u32, then invert.
    let pack = |r: &Ranked| {
        let biased = (r.score as i32 as u32) ^ 0x8000_0000;
        (u64::from(!biased) << 32) | u64::from(r.tie) << DOC_BITS | r.doc as u64
    };
    let unpack = |key: u64| Ranked {
        doc: (key & ((1 << DOC_BITS) - 1)) as usize,
        tie: ((key >> DOC_BITS) & ((1 << TIE_BITS) - 1)) as u32,
        score: i64::from((!(key >> 32) as u32 ^ 0x8000_0000) as i32),
    };
    let mut keys: Vec<u64> = ranked.iter().map(pack).collect();
    keys.sort_unstable();
    for (r, key) in ranked.iter_mut().zip(keys) {
        *r = unpack(key);
    }
}

fn merge(a: Vec<Ranked>, b: Vec<Ranked>) -> Vec<Ranked> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if order(y) < order(x) => b.next(),
            (Some(_), _) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(r) => out.push(r),
            None => return out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packed_sort_orders_as_the_triple_does() {
        let scores = [
            5,
            -3,
            5,
            0,
            i64::from(i32::MIN),
            -3,
            120,
            i64::from(i32::MAX),
            0,
            5,
        ];
        let ties = [3, 0, 3, 1, 0, 0, 50, 7, 2, 1];
        let ranked: Vec<Ranked> = scores
            .iter()
            .zip(ties)
            .enumerate()
            .map(|(doc, (&score, tie))| Ranked {
                doc: 9 - doc,
                score,
                tie,
            })
            .collect();
        let mut by_triple = ranked.clone();
        by_triple.sort_by_key(order);
        let mut packed = ranked.clone();
        sort(&mut packed);
        assert_eq!(packed, by_triple);
        assert_eq!(packed[0].score, i64::from(i32::MAX));
        // Equal scores: the lower tie first, then the lower document.
        assert_eq!((packed[2].doc, packed[3].doc, packed[4].doc), (0, 7, 9));
        // Out of the packed range: the triple decides.
        let mut wide = ranked;
        wide.push(Ranked {
            doc: 1 << 30,
            score: 5,
            tie: 0,
        });
        wide.push(Ranked {
            doc: 0,
            score: i64::MIN,
            tie: 0,
        });
        let mut by_triple = wide.clone();
        by_triple.sort_by_key(order);
        sort(&mut wide);
        assert_eq!(wide, by_triple);
        assert_eq!(wide.last().map(|r| r.score), Some(i64::MIN));
    }
}
