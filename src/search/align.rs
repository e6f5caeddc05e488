//! Where an alternative's tokens can lie in a document's characters.
//!
//! An alignment puts token k on character p_k with p_0 < p_1 < … and at
//! most `max_gap` characters skipped between neighbours: a bound the fuzzy
//! matcher has no notion of, on tokens that may stand for any character of
//! a set (the characters read with a pinyin syllable), which it cannot
//! match. Of the alignments ending at one place the aligner keeps the one
//! with fewest gaps, then fewest skipped characters, then the earliest
//! start (what the fuzzy matcher prefers, a gap costing it more than any
//! skipped character): a sparse dynamic programme over the rows of tokens,
//! O(tokens × candidate positions × (max_gap + 1)) per document. The fuzzy
//! matcher then scores the alignments found (see `matcher`).

use super::corpus::{Corpus, Id};
use super::query::{Alt, Tok};

/// One alignment of an alternative: the places of its first and last
/// tokens, and for one with gaps, its entry in the last row (to recover its
/// positions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    last: u32,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    pos: u32,
    skipped: u32,
    gaps: u32,
    start: u32,
    parent: u32,
}

impl Entry {
    fn key(&self) -> (u32, u32, u32) {
        (self.gaps, self.skipped, self.start)
    }
}

/// The aligner's buffers, reused across documents by one thread.
#[derive(Default)]
pub(crate) struct Aligner {
    rows: Vec<Vec<Entry>>,
    /// The alignments found by the last [`align`](Aligner::align).
    pub(crate) found: Vec<Found>,
}

#[inline]
fn matches(tok: Tok, id: u32, sets: &[Vec<u64>]) -> bool {
    match tok {
        Tok::Char(c) => c == id,
        Tok::Set(s) => sets
            .get(s as usize)
            .and_then(|words| words.get((id >> 6) as usize))
            .is_some_and(|w| (w >> (id & 63)) & 1 == 1),
    }
}

impl Aligner {
    /// Finds the alignments of `alt` in `ids` worth scoring, into
    /// [`found`](Self::found): each place a contiguous alternative occurs,
    /// or for one with gaps, the best alignment ending at each place, of
    /// those with the fewest gaps. True
    /// when there is any. With `keep_rows`, [`positions`](Self::positions)
    /// can recover any of them afterwards.
    pub(crate) fn align<I: Id>(
        &mut self,
        ids: &[I],
        alt: &Alt,
        sets: &[Vec<u64>],
        corpus: &Corpus,
        keep_rows: bool,
    ) -> bool {
        self.found.clear();
        let m = alt.toks.len();
        let Some((lo, hi)) = span(ids, alt, corpus) else {
            return false;
        };
        if alt.max_gap == 0 || m == 1 {
            let found = &mut self.found;
            each_occurrence(ids, alt, sets, (lo, hi), |start| {
                found.push(Found {
                    start,
                    end: start + m - 1,
                    last: 0,
                });
                true
            });
        } else {
            self.with_gaps(ids, alt, sets, (lo, hi), keep_rows);
        }
        !self.found.is_empty()
    }

    fn with_gaps<I: Id>(
        &mut self,
        ids: &[I],
        alt: &Alt,
        sets: &[Vec<u64>],
        (lo, hi): (usize, usize),
        keep_rows: bool,
    ) {
        let m = alt.toks.len();
        let rows_needed = if keep_rows { m } else { 2 };
        if self.rows.len() < rows_needed {
            self.rows.resize_with(rows_needed, Vec::new);
        }
        let first = alt.toks[0];
        let row0 = &mut self.rows[0];
        row0.clear();
        let last_start = if alt.start { lo } else { hi - m };
        places(ids, lo..=last_start, first, &[], sets, |s| {
            row0.push(Entry {
                pos: s as u32,
                skipped: 0,
                gaps: 0,
                start: s as u32,
                parent: u32::MAX,
            });
            true
        });
        let mut last = 0;
        for (k, &tok) in alt.toks.iter().enumerate().skip(1) {
            let (p, c) = if keep_rows {
                (k - 1, k)
            } else {
                ((k - 1) % 2, k % 2)
            };
            let Some((prev, cur)) = two_rows(&mut self.rows, p, c) else {
                return;
            };
            cur.clear();
            // Leave room for the tokens still to place.
            let limit = hi - (m - 1 - k);
            for (pi, e) in prev.iter().enumerate() {
                for g in 0..=alt.max_gap {
                    let j = e.pos as usize + 1 + g;
                    if j >= limit {
                        break;
                    }
                    if !matches(tok, ids[j].get(), sets) {
                        continue;
                    }
                    let cand = Entry {
                        pos: j as u32,
                        skipped: e.skipped + g as u32,
                        gaps: e.gaps + u32::from(g > 0),
                        start: e.start,
                        parent: pi as u32,
                    };
                    insert(cur, cand);
                }
            }
            if cur.is_empty() {
                return;
            }
            last = c;
        }
        let ends = self.rows[last].iter().enumerate();
        let ends = ends.filter(|(_, e)| !alt.end || e.pos as usize + 1 == hi);
        // Only those with the fewest gaps: each gap costs the fuzzy matcher
        // more than a short term's bonuses can make up.
        let fewest = ends.clone().map(|(_, e)| e.gaps).min().unwrap_or(0);
        let ends = ends.filter(|(_, e)| e.gaps == fewest);
        self.found.extend(ends.map(|(i, e)| Found {
            start: e.start as usize,
            end: e.pos as usize,
            last: i as u32,
        }));
    }

    /// The positions of alignment `a` of `alt`, found with `keep_rows`, into
    /// `out`.
    pub(crate) fn positions(&self, alt: &Alt, a: Found, out: &mut Vec<usize>) {
        out.clear();
        let m = alt.toks.len();
        if alt.max_gap == 0 || m == 1 {
            out.extend(a.start..=a.end);
            return;
        }
        let mut idx = a.last as usize;
        for k in (0..m).rev() {
            let Some(entry) = self.rows.get(k).and_then(|row| row.get(idx)) else {
                out.clear();
                return;
            };
            out.push(entry.pos as usize);
            idx = entry.parent as usize;
        }
        out.reverse();
    }
}

/// The range of `ids` a match of `alt` must lie in: the document's
/// content for an anchored alternative, else all of it; None when `alt`
/// cannot fit.
pub(crate) fn span<I: Id>(ids: &[I], alt: &Alt, corpus: &Corpus) -> Option<(usize, usize)> {
    let m = alt.toks.len();
    let (lo, hi) = if alt.start || alt.end {
        corpus.content(ids)
    } else {
        (0, ids.len())
    };
    (m > 0 && hi > lo && hi - lo >= m).then_some((lo, hi))
}

/// Calls `visit` with each place within `lo..hi` where the tokens of a
/// contiguous alternative occur side by side, in order, until it returns
/// false.
#[inline]
pub(crate) fn each_occurrence<I: Id>(
    ids: &[I],
    alt: &Alt,
    sets: &[Vec<u64>],
    (lo, hi): (usize, usize),
    visit: impl FnMut(usize) -> bool,
) {
    let m = alt.toks.len();
    let Some(last_start) = hi.checked_sub(m) else {
        return;
    };
    let first_start = if alt.end { last_start } else { lo };
    let last_start = if alt.start {
        lo.min(last_start)
    } else {
        last_start
    };
    let Some((&first, rest)) = alt.toks.split_first() else {
        return;
    };
    places(ids, first_start..=last_start, first, rest, sets, visit);
}

/// Calls `visit` with each place in `window` where `first` matches and
/// the chars after it match `rest`, until it returns false. The first
/// token's test is made at every place, the others only where it holds:
/// its set is looked up once, and the loop is made for its kind.
#[inline]
fn places<I: Id>(
    ids: &[I],
    window: std::ops::RangeInclusive<usize>,
    first: Tok,
    rest: &[Tok],
    sets: &[Vec<u64>],
    visit: impl FnMut(usize) -> bool,
) {
    match Probe::new(first, sets) {
        Probe::Char(c) => starts_where(ids, window, |ids| find_char(ids, c), rest, sets, visit),
        Probe::Set(words) => {
            let hit = |id: u32| {
                words
                    .get((id >> 6) as usize)
                    .is_some_and(|w| (w >> (id & 63)) & 1 == 1)
            };
            let find = |ids: &[I]| ids.iter().position(|id| hit(id.get()));
            starts_where(ids, window, find, rest, sets, visit);
        }
    }
}

/// A token with its set looked up.
enum Probe<'a> {
    Char(u32),
    Set(&'a [u64]),
}

impl<'a> Probe<'a> {
    #[inline]
    fn new(tok: Tok, sets: &'a [Vec<u64>]) -> Probe<'a> {
        match tok {
            Tok::Char(c) => Probe::Char(c),
            Tok::Set(s) => Probe::Set(sets.get(s as usize).map_or(&[][..], Vec::as_slice)),
        }
    }
}

/// Where in `ids` char `c` first occurs. Sixteen chars are compared at a
/// time, a loop without an early exit that the compiler makes vector
/// compares of: the first char of a character query is looked for in every
/// document the blooms let through.
#[inline]
fn find_char<I: Id>(ids: &[I], c: u32) -> Option<usize> {
    const LANES: usize = 16;
    // Compared as stored, two bytes to two bytes.
    let c = I::stored(c)?;
    let mut chunks = ids.chunks_exact(LANES);
    let mut base = 0;
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |any, &id| any | (id == c)) {
            return chunk.iter().position(|&id| id == c).map(|k| base + k);
        }
        base += LANES;
    }
    let rest = chunks.remainder().iter().position(|&id| id == c);
    rest.map(|k| base + k)
}

/// Calls `visit` with each start in `window` where `find` finds the first
/// token and the chars after it match `rest`, until it returns false.
#[inline]
fn starts_where<I: Id>(
    ids: &[I],
    window: std::ops::RangeInclusive<usize>,
    find: impl Fn(&[I]) -> Option<usize>,
    rest: &[Tok],
    sets: &[Vec<u64>],
    mut visit: impl FnMut(usize) -> bool,
) {
    let (mut from, last) = (*window.start(), *window.end());
    while let Some(k) = ids.get(from..=last).and_then(&find) {
        let s = from + k;
        let after = ids.get(s + 1..).unwrap_or(&[]);
        let here = rest.len() <= after.len()
            && rest
                .iter()
                .zip(after)
                .all(|(&tok, id)| matches(tok, id.get(), sets));
        if here && !visit(s) {
            return;
        }
        from = s + 1;
    }
}

fn two_rows(rows: &mut [Vec<Entry>], p: usize, c: usize) -> Option<(&Vec<Entry>, &mut Vec<Entry>)> {
    if p < c {
        let (a, b) = rows.split_at_mut(c);
        Some((a.get(p)?, b.first_mut()?))
    } else {
        let (a, b) = rows.split_at_mut(p);
        Some((b.first()?, a.get_mut(c)?))
    }
}

/// Adds `cand` to a row kept sorted by position, one entry per position.
/// Candidates arrive in nearly sorted order: at most `max_gap` entries lie
/// after the insertion point.
fn insert(row: &mut Vec<Entry>, cand: Entry) {
    let mut i = row.len();
    while i > 0 && row[i - 1].pos > cand.pos {
        i -= 1;
    }
    if i > 0 && row[i - 1].pos == cand.pos {
        if cand.key() < row[i - 1].key() {
            row[i - 1] = cand;
        }
    } else {
        row.insert(i, cand);
    }
}
