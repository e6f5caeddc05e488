//! Aligning a token sequence with a document's characters, and scoring it.
//!
//! An alignment puts token k on character p_k with p_0 < p_1 < … and at most
//! `max_gap` characters skipped between neighbours. Of all alignments the
//! matcher picks the one that skips fewest characters, then has fewest gaps,
//! then starts earliest: a sparse dynamic programme over the rows of tokens,
//! O(tokens × candidate positions × (max_gap + 1)) per document.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::corpus::{Corpus, Id, PLACEHOLDER};
use super::query::{Alt, Tok};

/// What a match scores per matched character, and for each matched
/// character that directly follows the previous one: the fuzzy matcher's
/// own figures for CJK text, used alike for pinyin matches so that the two
/// kinds of match compare.
const SCORE_MATCH: i64 = 16;
const BONUS_CONSECUTIVE: i64 = 4;
/// The fuzzy matcher's cost of opening a gap (it adds 1 per skipped char).
const GAP_OPEN: i64 = 3;

/// Extra cost of each gap, on top of the fuzzy matcher's: larger than the
/// largest location adjustment (see `rank::location`), so a contiguous match
/// always outranks a scattered one of the same term, wherever each sits.
pub const GAP_PENALTY: i64 = 56;

/// The chosen alignment of one alternative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Align {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) gaps: u32,
    pub(crate) skipped: u32,
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
        (self.skipped, self.gaps, self.start)
    }
}

/// Buffers reused across documents by one thread.
#[derive(Default)]
pub(crate) struct Scratch {
    rows: Vec<Vec<Entry>>,
    window: String,
    /// The char ids of the window being scored.
    key: Vec<u32>,
    /// Positions of the last alignment made with `want_positions`.
    pub(crate) positions: Vec<usize>,
    /// The fuzzy matcher's score per (pattern, window of char ids): within
    /// one query the same few windows recur across thousands of documents
    /// (a contiguous match's window is the matched text itself).
    skim_cache: Vec<(usize, WindowScores)>,
}

/// Windows remembered per thread, query and term, at most.
const SKIM_CACHE_MAX: usize = 4096;

type WindowScores = HashMap<Vec<u32>, i64, BuildHasherDefault<FxHasher>>;

/// The multiply-rotate hash of rustc's FxHasher: the keys are a few small
/// integers hashed once per matching document, where SipHash showed up in
/// profiles; no untrusted party chooses them to cause collisions.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
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

/// The best alignment of `alt` in `ids`, if any; with `want_positions` its
/// positions are left in `scratch.positions`.
pub(crate) fn align<I: Id>(
    ids: &[I],
    alt: &Alt,
    sets: &[Vec<u64>],
    corpus: &Corpus,
    scratch: &mut Scratch,
    want_positions: bool,
) -> Option<Align> {
    let m = alt.toks.len();
    let n = ids.len();
    if m == 0 || m > n {
        return None;
    }
    let (lo, hi) = if alt.start || alt.end {
        corpus.content(ids)
    } else {
        (0, n)
    };
    if hi <= lo || hi - lo < m {
        return None;
    }
    if alt.max_gap == 0 || m == 1 {
        return contiguous(ids, alt, sets, (lo, hi), scratch, want_positions);
    }
    let rows_needed = if want_positions { m } else { 2 };
    if scratch.rows.len() < rows_needed {
        scratch.rows.resize_with(rows_needed, Vec::new);
    }
    let first = alt.toks[0];
    let row0 = &mut scratch.rows[0];
    row0.clear();
    let starts = if alt.start {
        lo..lo + 1
    } else {
        lo..hi - (m - 1)
    };
    for s in starts {
        if matches(first, ids[s].get(), sets) {
            row0.push(Entry {
                pos: s as u32,
                skipped: 0,
                gaps: 0,
                start: s as u32,
                parent: u32::MAX,
            });
        }
    }
    let mut last = 0;
    for (k, &tok) in alt.toks.iter().enumerate().skip(1) {
        let (p, c) = if want_positions {
            (k - 1, k)
        } else {
            ((k - 1) % 2, k % 2)
        };
        let (prev, cur) = two_rows(&mut scratch.rows, p, c)?;
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
            return None;
        }
        last = c;
    }
    let row = &scratch.rows[last];
    let best = row
        .iter()
        .enumerate()
        .filter(|(_, e)| !alt.end || e.pos as usize + 1 == hi)
        .min_by_key(|(_, e)| e.key())?;
    let (mut idx, e) = (best.0, *best.1);
    if want_positions {
        scratch.positions.clear();
        for k in (0..m).rev() {
            let entry = scratch.rows[k].get(idx)?;
            scratch.positions.push(entry.pos as usize);
            idx = entry.parent as usize;
        }
        scratch.positions.reverse();
    }
    Some(Align {
        start: e.start as usize,
        end: e.pos as usize,
        gaps: e.gaps,
        skipped: e.skipped,
    })
}

/// Without gaps the first run that matches is the best alignment (nothing
/// skipped, earliest start): scan for it and stop.
fn contiguous<I: Id>(
    ids: &[I],
    alt: &Alt,
    sets: &[Vec<u64>],
    (lo, hi): (usize, usize),
    scratch: &mut Scratch,
    want_positions: bool,
) -> Option<Align> {
    let m = alt.toks.len();
    let last_start = hi.checked_sub(m)?;
    let first_start = if alt.end { last_start } else { lo };
    let last_start = if alt.start {
        lo.min(last_start)
    } else {
        last_start
    };
    let window = first_start..=last_start;
    let start = match alt.toks[..] {
        // One token, the commonest case (a single letter or character, the
        // first key of every query): look its set up once, not per char.
        [Tok::Set(set)] => {
            let words = sets.get(set as usize).map_or(&[][..], Vec::as_slice);
            let hit = |id: u32| {
                words
                    .get((id >> 6) as usize)
                    .is_some_and(|w| (w >> (id & 63)) & 1 == 1)
            };
            window.into_iter().find(|&s| hit(ids[s].get()))?
        }
        [Tok::Char(c)] => window.into_iter().find(|&s| ids[s].get() == c)?,
        _ => window.into_iter().find(|&s| {
            alt.toks
                .iter()
                .zip(&ids[s..s + m])
                .all(|(&tok, id)| matches(tok, id.get(), sets))
        })?,
    };
    if want_positions {
        scratch.positions.clear();
        scratch.positions.extend(start..start + m);
    }
    Some(Align {
        start,
        end: start + m - 1,
        gaps: 0,
        skipped: 0,
    })
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

/// The score of an alignment: the fuzzy matcher's over the matched window
/// for a character alternative, the same figures computed directly for a
/// pinyin one; minus [`GAP_PENALTY`] per gap.
pub(crate) fn score<I: Id>(
    ids: &[I],
    alt: &Alt,
    pattern: &str,
    a: Align,
    corpus: &Corpus,
    skim: &SkimMatcherV2,
    scratch: &mut Scratch,
) -> i64 {
    let m = alt.toks.len() as i64;
    let gaps = i64::from(a.gaps);
    let direct = SCORE_MATCH * m + BONUS_CONSECUTIVE * (m - 1 - gaps)
        - GAP_OPEN * gaps
        - i64::from(a.skipped);
    let base = if alt.chars {
        let window = &mut scratch.key;
        window.clear();
        window.extend(
            ids.get(a.start..=a.end)
                .unwrap_or(&[])
                .iter()
                .map(|i| i.get()),
        );
        let window = &scratch.key[..];
        // Patterns are told apart by address: they live as long as the query.
        let id = pattern.as_ptr() as usize;
        let at = match scratch.skim_cache.iter().position(|(p, _)| *p == id) {
            Some(at) => at,
            None => {
                scratch.skim_cache.push((id, WindowScores::default()));
                scratch.skim_cache.len() - 1
            }
        };
        let cache = &mut scratch.skim_cache[at].1;
        if let Some(&s) = cache.get(window) {
            s
        } else {
            let w = &mut scratch.window;
            w.clear();
            w.push(PLACEHOLDER);
            w.extend(
                window
                    .iter()
                    .filter_map(|&id| corpus.alphabet.get(id as usize)),
            );
            let s = skim.fuzzy_match(w, pattern).unwrap_or(direct);
            if cache.len() < SKIM_CACHE_MAX {
                cache.insert(window.to_vec(), s);
            }
            s
        }
    } else {
        direct
    };
    base - GAP_PENALTY * gaps
}
