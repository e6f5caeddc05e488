//! Scoring documents against a compiled query, on two threads, and the
//! [`Searcher`] that narrows the previous results as a query grows.

use std::cmp::Reverse;

use fuzzy_matcher::skim::SkimMatcherV2;

use super::SearchIndex;
use super::corpus::{DocIds, Id, bloom_covers};
use super::halves::in_halves;
use super::matcher::{Scratch, align, score};
use super::query::Query;

/// A matching document and its score; see [`SearchIndex::rank`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    pub doc: usize,
    pub score: i64,
}

/// How much a match's place costs: a point per character before it (at
/// most 30) and a point per 12 characters of text (at most 20). A title or a
/// project name, short and matched near its start, beats the same match deep
/// in a long sentence; the total (at most 50) stays below one gap's penalty.
pub(crate) fn location(start: usize, len: usize) -> i64 {
    -(start.min(30) as i64) - (len.min(240) / 12) as i64
}

/// Per-thread state for scoring documents.
pub(crate) struct Scorer<'a> {
    index: &'a SearchIndex,
    q: &'a Query,
    skim: SkimMatcherV2,
    scratch: Scratch,
}

impl<'a> Scorer<'a> {
    pub(crate) fn new(index: &'a SearchIndex, q: &'a Query) -> Scorer<'a> {
        Scorer {
            index,
            q,
            skim: SkimMatcherV2::default().ignore_case(),
            scratch: Scratch::default(),
        }
    }

    /// The document's score, or None when it does not match; with
    /// `positions`, the matched char indices are collected there.
    pub(crate) fn eval(&mut self, doc: usize, positions: Option<&mut Vec<usize>>) -> Option<i64> {
        let q = self.q;
        if q.never || q.is_empty() {
            return None;
        }
        let corpus = &*self.index.corpus;
        let cb = corpus.bloom.get(doc)?;
        let pb = match (&self.index.pinyin, q.pinyin) {
            (Some(py), true) => py.bloom.get(doc),
            _ => None,
        };
        let passes = |alt: &super::query::Alt| {
            bloom_covers(cb, &alt.char_mask)
                && (alt.chars || pb.is_some_and(|pb| bloom_covers(pb, &alt.py_mask)))
        };
        // Cheap first: every positive term must have an alternative the
        // blooms let through, and all its alternatives share some bits.
        let possible = |t: &super::query::Term| {
            bloom_covers(cb, &t.need_char)
                && pb.is_none_or(|pb| bloom_covers(pb, &t.need_py))
                && t.alts.iter().any(passes)
        };
        if q.terms.iter().any(|t| !t.negated && !possible(t)) {
            return None;
        }
        match corpus.doc(doc) {
            DocIds::Narrow(ids) => self.align_terms(ids, &passes, positions),
            DocIds::Wide(ids) => self.align_terms(ids, &passes, positions),
        }
    }

    /// The score of a document the blooms let through, from its char ids.
    fn align_terms<I: Id>(
        &mut self,
        ids: &[I],
        passes: &impl Fn(&super::query::Alt) -> bool,
        mut positions: Option<&mut Vec<usize>>,
    ) -> Option<i64> {
        let q = self.q;
        let corpus = &*self.index.corpus;
        let want = positions.is_some();
        let mut total = 0i64;
        let mut first = usize::MAX;
        for (term, raw) in q.terms.iter().zip(&q.raw) {
            if term.negated {
                continue;
            }
            let mut best: Option<(i64, usize)> = None;
            let mut best_positions = Vec::new();
            for alt in term.alts.iter().filter(|a| passes(a)) {
                let Some(a) = align(ids, alt, &q.sets, corpus, &mut self.scratch, want) else {
                    continue;
                };
                let s = score(
                    ids,
                    alt,
                    &raw.text,
                    a,
                    corpus,
                    &self.skim,
                    &mut self.scratch,
                );
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, a.start));
                    if want {
                        best_positions.clone_from(&self.scratch.positions);
                    }
                }
            }
            let (s, start) = best?;
            total += s;
            first = first.min(start);
            if let Some(p) = positions.as_deref_mut() {
                p.extend(best_positions);
            }
        }
        for term in q.terms.iter().filter(|t| t.negated) {
            for alt in term.alts.iter().filter(|a| passes(a)) {
                if align(ids, alt, &q.sets, corpus, &mut self.scratch, false).is_some() {
                    return None;
                }
            }
        }
        if let Some(p) = positions {
            p.sort_unstable();
            p.dedup();
        }
        if q.has_positive() {
            total += location(first, ids.len());
        }
        Some(total)
    }
}

/// Scores `docs` (all documents when None), best first, ties in document order.
pub(crate) fn rank_docs(index: &SearchIndex, q: &Query, docs: Option<&[Ranked]>) -> Vec<Ranked> {
    if q.is_empty() || q.never {
        return Vec::new();
    }
    let n = docs.map_or(index.len(), <[Ranked]>::len);
    let run = |range: std::ops::Range<usize>| {
        let mut scorer = Scorer::new(index, q);
        let mut out = Vec::new();
        for i in range {
            let doc = docs.map_or(Some(i), |d| d.get(i).map(|r| r.doc));
            if let Some(doc) = doc
                && let Some(score) = scorer.eval(doc, None)
            {
                out.push(Ranked { doc, score });
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

/// Best first, ties in document order.
fn order(r: &Ranked) -> (Reverse<i64>, usize) {
    (Reverse(r.score), r.doc)
}

/// Sorts by [`order`]. A single-letter query can match most of 100,000
/// documents, and comparing one packed integer instead of a pair of them
/// halves the sort; the pair is kept for what does not fit in 32 bits.
fn sort(ranked: &mut [Ranked]) {
    let fits = |r: &Ranked| u32::try_from(r.doc).is_ok() && i32::try_from(r.score).is_ok();
    if !ranked.iter().all(fits) {
        ranked.sort_unstable_by_key(order);
        return;
    }
    // A higher score maps to a lower key: flip the sign bit to order i32 as
    // u32, then invert.
    ranked.sort_unstable_by_key(|r| {
        let biased = (r.score as i32 as u32) ^ 0x8000_0000;
        (u64::from(!biased) << 32) | r.doc as u64
    });
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

/// Keeps the last query and all its results, so that a query typed one
/// character further only re-scores the previous results.
#[derive(Debug, Default)]
pub struct Searcher {
    last: Option<(usize, Query)>,
    results: Vec<Ranked>,
    narrowed: bool,
}

impl Searcher {
    pub fn new() -> Searcher {
        Searcher::default()
    }

    /// All matches of `query`, best first. When `query` extends the previous
    /// one (see [`Query::narrows`]) on the same index with the same pinyin
    /// state, only the previous matches are scored again. Call it again with
    /// the same text after attaching pinyin: it then searches afresh.
    pub fn search(&mut self, index: &SearchIndex, query: &str) -> &[Ranked] {
        let q = index.compile(query);
        let key = index.identity();
        let narrow = matches!(&self.last, Some((k, old)) if *k == key && q.narrows(old));
        self.results = if narrow {
            rank_docs(index, &q, Some(&self.results))
        } else {
            rank_docs(index, &q, None)
        };
        self.narrowed = narrow;
        self.last = Some((key, q));
        &self.results
    }

    /// The results of the last search.
    pub fn results(&self) -> &[Ranked] {
        &self.results
    }

    /// True when the last search only re-scored the previous results.
    pub fn narrowed(&self) -> bool {
        self.narrowed
    }

    /// The full hit (with match indices) for a document of the last results:
    /// call it for the rows on screen only.
    pub fn hit(&self, index: &SearchIndex, doc: usize) -> Option<super::SearchHit> {
        let (key, q) = self.last.as_ref()?;
        if *key != index.identity() {
            return None;
        }
        index.hit_query(q, doc)
    }

    /// Forgets the last query and results.
    pub fn clear(&mut self) {
        *self = Searcher::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packed_sort_orders_as_the_pair_does() {
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
        ];
        let ranked: Vec<Ranked> = scores
            .iter()
            .enumerate()
            .map(|(doc, &score)| Ranked {
                doc: 8 - doc,
                score,
            })
            .collect();
        let mut by_pair = ranked.clone();
        by_pair.sort_by_key(order);
        let mut packed = ranked.clone();
        sort(&mut packed);
        assert_eq!(packed, by_pair);
        assert_eq!(packed[0].score, i64::from(i32::MAX));
        assert_eq!((packed[2].doc, packed[3].doc), (6, 8));
        // Out of the packed range: the pair decides.
        let mut wide = ranked;
        wide.push(Ranked {
            doc: 1,
            score: i64::MAX,
        });
        wide.push(Ranked {
            doc: 0,
            score: i64::MIN,
        });
        sort(&mut wide);
        assert_eq!(wide.first().map(|r| r.score), Some(i64::MAX));
        assert_eq!(wide.last().map(|r| r.score), Some(i64::MIN));
    }
}
