//! Scoring one document against a compiled query: the blooms first, then
//! each group's terms aligned with the document's characters and scored by
//! the fuzzy matcher.

use super::corpus::{Corpus, DocIds, Id, bloom_covers};
use super::matcher::{Scratch, best_match, occurs};
use super::pinyin::PinyinIndex;
use super::query::{Alt, Query, Term};

/// What a match's place costs, to order equal scores (lower first): a point
/// per character before it (at most 30) and a point per 12 characters of
/// text (at most 20). Of two matches the fuzzy matcher scores alike, a title
/// or a project name, short and matched near its start, comes before the
/// same match deep in a long sentence.
pub(crate) fn location(start: usize, len: usize) -> u32 {
    (start.min(30) + len.min(240) / 12) as u32
}

/// Per-thread state for scoring documents.
pub(crate) struct Scorer<'a> {
    corpus: &'a Corpus,
    pinyin: Option<&'a PinyinIndex>,
    q: &'a Query,
    scratch: Scratch,
}

/// The best match of a group's terms: its score, where it starts, and (when
/// asked for) the positions it matched.
struct Best {
    score: i64,
    start: usize,
    positions: Vec<usize>,
}

impl<'a> Scorer<'a> {
    /// A scorer for the index of `corpus` and, when attached, `pinyin`.
    pub(crate) fn new(
        corpus: &'a Corpus,
        pinyin: Option<&'a PinyinIndex>,
        q: &'a Query,
    ) -> Scorer<'a> {
        Scorer {
            corpus,
            pinyin,
            q,
            scratch: Scratch::default(),
        }
    }

    /// The document's score and the cost of its place (see [`location`]),
    /// or None when it does not match; with `positions`, the matched char
    /// indices are collected there.
    pub(crate) fn eval(
        &mut self,
        doc: usize,
        positions: Option<&mut Vec<usize>>,
    ) -> Option<(i64, u32)> {
        let q = self.q;
        if q.never || q.is_empty() {
            return None;
        }
        let corpus = self.corpus;
        let cb = corpus.bloom.get(doc)?;
        let pb = match (self.pinyin, q.pinyin) {
            (Some(py), true) => py.bloom.get(doc),
            _ => None,
        };
        let passes = |alt: &Alt| {
            bloom_covers(cb, &alt.char_mask)
                && (alt.chars || pb.is_some_and(|pb| bloom_covers(pb, &alt.py_mask)))
        };
        // Cheap first: a group of positive terms needs one whose
        // alternatives the blooms may let through (they all share some
        // bits).
        let possible = |t: &Term| {
            t.negated
                || (bloom_covers(cb, &t.need_char)
                    && pb.is_none_or(|pb| bloom_covers(pb, &t.need_py))
                    && t.alts.iter().any(passes))
        };
        if !q
            .groups
            .iter()
            .all(|g| q.terms[g.clone()].iter().any(possible))
        {
            return None;
        }
        match corpus.doc(doc) {
            DocIds::Narrow(ids) => self.align_groups(ids, &passes, positions),
            DocIds::Wide(ids) => self.align_groups(ids, &passes, positions),
        }
    }

    /// The score of a document the blooms let through, from its char ids:
    /// each group is met by its best positive term that matches, or by a
    /// negated term that does not occur.
    fn align_groups<I: Id>(
        &mut self,
        ids: &[I],
        passes: &impl Fn(&Alt) -> bool,
        mut positions: Option<&mut Vec<usize>>,
    ) -> Option<(i64, u32)> {
        let q = self.q;
        let want = positions.is_some();
        let mut total = 0i64;
        let mut first = usize::MAX;
        for (group, &times) in q.groups.iter().zip(&q.times) {
            let mut met = false;
            let mut best: Option<Best> = None;
            for t in group.clone() {
                let term = &q.terms[t];
                if term.negated {
                    met |= !self.occurs(ids, term, passes);
                    continue;
                }
                if let Some(found) = self.best_alt(ids, term, &q.raw[t].text, passes, want) {
                    met = true;
                    if best.as_ref().is_none_or(|b| found.score > b.score) {
                        best = Some(found);
                    }
                }
            }
            if !met {
                return None;
            }
            if let Some(best) = best {
                total += best.score * times;
                first = first.min(best.start);
                if let Some(p) = positions.as_deref_mut() {
                    p.extend(best.positions);
                }
            }
        }
        if let Some(p) = positions {
            p.sort_unstable();
            p.dedup();
        }
        Some((total, location(first, ids.len())))
    }

    /// The best-scoring alternative of a positive term, if any matches.
    fn best_alt<I: Id>(
        &mut self,
        ids: &[I],
        term: &Term,
        pattern: &str,
        passes: &impl Fn(&Alt) -> bool,
        want: bool,
    ) -> Option<Best> {
        let (q, corpus) = (self.q, self.corpus);
        let mut best: Option<Best> = None;
        for alt in term.alts.iter().filter(|a| passes(a)) {
            let scratch = &mut self.scratch;
            let Some((score, start)) = best_match(ids, alt, q, pattern, corpus, scratch, want)
            else {
                continue;
            };
            if best.as_ref().is_none_or(|b| score > b.score) {
                let mut positions = best.map(|b| b.positions).unwrap_or_default();
                positions.clear();
                if want {
                    positions.extend_from_slice(&self.scratch.positions);
                }
                best = Some(Best {
                    score,
                    start,
                    positions,
                });
            }
        }
        best
    }

    /// True when a negated term's text occurs in the document.
    fn occurs<I: Id>(&mut self, ids: &[I], term: &Term, passes: &impl Fn(&Alt) -> bool) -> bool {
        let (q, corpus) = (self.q, self.corpus);
        term.alts
            .iter()
            .filter(|a| passes(a))
            .any(|alt| occurs(ids, alt, q, corpus, &mut self.scratch))
    }
}
