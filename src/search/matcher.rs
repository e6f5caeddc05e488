//! Scoring a term's match by fuzzy-matcher's SkimMatcherV2: every match, of
//! characters or of pinyin, scores what SkimMatcherV2 gives the matched
//! characters in their place in the text (with the character before them,
//! whose kind its bonuses look at). The aligner (`align`) says where a
//! term can match; of those places the best-scoring one counts.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::Ordering;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::{SkimMatcherV2, SkimScoreConfig};

use super::align::{Aligner, Found, each_occurrence, span};
use super::corpus::{Corpus, Id, UNMEASURED};
use super::query::{Alt, Query, Tok};

/// What opening a gap costs on top of the fuzzy matcher's own figure (3,
/// and 1 per skipped character): more than the bonus a term of up to five
/// characters can gain from its place, so a contiguous match outranks a
/// scattered one of the same term wherever each sits, unless the scattered
/// one runs five characters unbroken from the start of its text.
pub const GAP_PENALTY: i64 = 56;

/// The matcher that scores every match, of characters or of pinyin:
/// SkimMatcherV2 with its own figures but for [`GAP_PENALTY`].
fn skim() -> SkimMatcherV2 {
    let figures = SkimScoreConfig::default();
    let penalty = i32::try_from(GAP_PENALTY).unwrap_or(i32::MAX / 2);
    SkimMatcherV2::default()
        .ignore_case()
        .score_config(SkimScoreConfig {
            gap_start: figures.gap_start - penalty,
            ..figures
        })
}

/// What a character matched through a later reading than its first costs:
/// half what the fuzzy matcher scores a matched character, so 行 read heng
/// ranks below 衡, all else equal, but a better place still counts.
pub(crate) fn rare_reading_cost() -> i64 {
    i64::from(SkimScoreConfig::default().score_match / 2)
}

/// The fuzzy matcher and the buffers one thread reuses across documents.
pub(crate) struct Scratch {
    skim: SkimMatcherV2,
    pub(crate) aligner: Aligner,
    /// The text the fuzzy matcher scores, and the pattern of a pinyin match.
    window: String,
    pattern: String,
    /// What the char before the window is worth, and the window's ids.
    key: Vec<u32>,
    /// Positions of the last match found with positions wanted.
    pub(crate) positions: Vec<usize>,
    /// The fuzzy matcher's score per alternative, worth of the char before
    /// the window and window of char ids: within one query the same few
    /// windows recur across thousands of documents (a contiguous match's
    /// window is the matched text itself).
    skim_cache: Vec<(usize, WindowScores)>,
    /// The same for windows of one or two chars, by alternative, worth and
    /// ids.
    short_scores: ShortScores,
}

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch {
            skim: skim(),
            aligner: Aligner::default(),
            window: String::new(),
            pattern: String::new(),
            key: Vec::new(),
            positions: Vec::new(),
            skim_cache: Vec::new(),
            short_scores: ShortScores::default(),
        }
    }
}

/// The first and last places of a match.
#[derive(Debug, Clone, Copy)]
struct Align {
    start: usize,
    end: usize,
}

impl Found {
    fn align(self) -> Align {
        Align {
            start: self.start,
            end: self.end,
        }
    }
}

/// Stands for a character after a context, when measuring what the context
/// is worth: a noncharacter, so no text has it.
const PROBE: char = '\u{FDD0}';

/// Windows remembered per thread, query and alternative, at most.
const SKIM_CACHE_MAX: usize = 4096;

type WindowScores = HashMap<Vec<u32>, i64, BuildHasherDefault<FxHasher>>;
type ShortScores = HashMap<(usize, i32, u32, u32, u32), i64, BuildHasherDefault<FxHasher>>;

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

/// The best-scoring match of `alt` in `ids`, for the term whose text is
/// `pattern`: its score (less [`rare_reading_cost`] per character matched
/// by a later reading than its first) and where it starts; with
/// `want_positions`, its
/// positions are left in `scratch.positions`. Of the places a term's
/// characters occur side by side, the one the fuzzy matcher rewards most
/// for what precedes it is scored (the matched characters themselves are
/// alike); of a pinyin match, the first place read by first readings; of
/// the alignments of a term with gaps, each is scored.
pub(crate) fn best_match<I: Id>(
    ids: &[I],
    alt: &Alt,
    q: &Query,
    pattern: &str,
    corpus: &Corpus,
    scratch: &mut Scratch,
    want_positions: bool,
) -> Option<(i64, usize)> {
    let m = alt.toks.len();
    if alt.max_gap == 0 || m == 1 {
        let span = span(ids, alt, corpus)?;
        let mut place: Option<(i64, usize)> = None;
        if alt.chars {
            // Of the places the term's characters occur, the one worth most
            // for what precedes it (the first of equals), as the fuzzy
            // matcher would pick it in the whole text.
            each_occurrence(ids, alt, &q.sets, span, |start| {
                let before = start.checked_sub(1).and_then(|i| ids.get(i));
                let worth = i64::from(after(before.map(|id| id.get()), corpus, scratch));
                if place.is_none_or(|(w, _)| worth > w) {
                    place = Some((worth, start));
                }
                true
            });
        } else {
            // The first place read by first readings, else the first place:
            // a single letter matches most of a large plan several times
            // over, and weighing every place would double its time.
            each_occurrence(ids, alt, &q.sets, span, |start| {
                let common = by_first_readings(ids, alt, q, start);
                if common || place.is_none() {
                    place = Some((if common { 0 } else { 1 }, start));
                }
                !common
            });
            if let Some((rare @ 1, start)) = place {
                place = Some((rare * rare_readings(ids, alt, q, start), start));
            }
        }
        let (worth_or_rare, start) = place?;
        let rare = if alt.chars { 0 } else { worth_or_rare };
        let a = Align {
            start,
            end: start + m - 1,
        };
        if want_positions {
            scratch.positions.clear();
            scratch.positions.extend(start..start + m);
        }
        let s = score(ids, alt, pattern, a, corpus, scratch) - rare * rare_reading_cost();
        return Some((s, start));
    }
    if !scratch
        .aligner
        .align(ids, alt, &q.sets, corpus, want_positions)
    {
        return None;
    }
    let found = std::mem::take(&mut scratch.aligner.found);
    let mut best: Option<(i64, Found)> = None;
    for &f in &found {
        // Only a term's characters have gaps: no rare readings.
        let s = score(ids, alt, pattern, f.align(), corpus, scratch);
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, f));
        }
    }
    scratch.aligner.found = found;
    let (s, f) = best?;
    if want_positions {
        scratch.aligner.positions(alt, f, &mut scratch.positions);
    }
    Some((s, f.start))
}

/// True when `alt` matches anywhere in `ids`.
pub(crate) fn occurs<I: Id>(
    ids: &[I],
    alt: &Alt,
    q: &Query,
    corpus: &Corpus,
    scratch: &mut Scratch,
) -> bool {
    scratch.aligner.align(ids, alt, &q.sets, corpus, false)
}

/// What the fuzzy matcher scores a character after char `before` (None: at
/// the start of the text): how good a place that char makes for a match to
/// start. Measured once per char of the index (see [`Corpus::after`]).
#[inline]
fn after(before: Option<u32>, corpus: &Corpus, scratch: &mut Scratch) -> i32 {
    let slot = before.map_or(corpus.alphabet.len(), |id| id as usize);
    let Some(known) = corpus.after.get(slot) else {
        return 0;
    };
    let worth = known.load(Ordering::Relaxed);
    if worth != UNMEASURED {
        return worth;
    }
    let w = &mut scratch.window;
    w.clear();
    w.extend(before.and_then(|id| corpus.alphabet.get(id as usize)));
    w.push(PROBE);
    let mut probe = [0u8; 4];
    let probe = PROBE.encode_utf8(&mut probe);
    let worth = scratch.skim.fuzzy_indices(w, probe).map_or(0, |(s, _)| s);
    let worth = i32::try_from(worth).unwrap_or(0);
    // Two threads may both measure a char: they find the same.
    known.store(worth, Ordering::Relaxed);
    worth
}

/// The score of an alignment: SkimMatcherV2's, of the matched characters
/// and the one before them (its bonuses look at what precedes a match, as
/// they would in the whole text), for the term's text, or for a pinyin
/// match the characters it matched.
fn score<I: Id>(
    ids: &[I],
    alt: &Alt,
    pattern: &str,
    a: Align,
    corpus: &Corpus,
    scratch: &mut Scratch,
) -> i64 {
    // The char before the window counts only by what it is worth to the
    // char after it (see `after`): chars alike in that share a cache entry.
    let before = a
        .start
        .checked_sub(1)
        .and_then(|i| ids.get(i))
        .map(|id| id.get());
    let worth = after(before, corpus, scratch);
    let window = ids.get(a.start..=a.end).unwrap_or(&[]);
    // Unless the pattern holds that char: the fuzzy matcher may then match
    // it in place of the window's first (for the term 0。, the window 0x。
    // after a 0 scores as the tighter 0x。 starting there), so such a char
    // is keyed by itself (its id, plus one; 0 for any other char).
    let clash = before
        .filter(|&id| match alt.chars {
            true => corpus
                .alphabet
                .get(id as usize)
                .is_some_and(|c| pattern.contains(*c)),
            false => window.iter().any(|w| w.get() == id),
        })
        .map_or(0, |id| id.saturating_add(1));
    // Alternatives are told apart by address: they live as long as the query.
    let alt_id = alt as *const Alt as usize;
    // A window of one or two chars (every single-letter or single-syllable
    // query, the commonest) is looked up by a key of integers.
    let short = match window {
        [a] => Some((alt_id, worth, clash, a.get(), u32::MAX)),
        [a, b] => Some((alt_id, worth, clash, a.get(), b.get())),
        _ => None,
    };
    if let Some(known) = short.and_then(|k| scratch.short_scores.get(&k)) {
        return *known;
    }
    let key = &mut scratch.key;
    key.clear();
    key.push(worth as u32);
    key.push(clash);
    key.extend(window.iter().map(|i| i.get()));
    let at = match scratch.skim_cache.iter().position(|(p, _)| *p == alt_id) {
        Some(at) => at,
        None => {
            scratch.skim_cache.push((alt_id, WindowScores::default()));
            scratch.skim_cache.len() - 1
        }
    };
    if short.is_none()
        && let Some(&known) = scratch.skim_cache[at].1.get(&scratch.key[..])
    {
        return known;
    }
    let char_of = |id: &u32| corpus.alphabet.get(*id as usize);
    let (w, p) = (&mut scratch.window, &mut scratch.pattern);
    w.clear();
    w.extend(before.and_then(|id| corpus.alphabet.get(id as usize)));
    w.extend(scratch.key[2..].iter().filter_map(char_of));
    let pattern = if alt.chars {
        pattern
    } else {
        p.clear();
        p.extend(scratch.key[2..].iter().filter_map(char_of));
        p.as_str()
    };
    // fuzzy_indices, not fuzzy_match: with a gap cost this high the
    // latter's two-row matrix scores some windows differently from the whole
    // matrix (13 against 7 for 泸古速 in 泸古高速). The alignment matched, so
    // the matcher finds one too.
    let s = scratch.skim.fuzzy_indices(w, pattern).map_or(0, |(s, _)| s);
    match short {
        Some(k) if scratch.short_scores.len() < SKIM_CACHE_MAX => {
            scratch.short_scores.insert(k, s);
        }
        Some(_) => {}
        None => {
            let cache = &mut scratch.skim_cache[at].1;
            if cache.len() < SKIM_CACHE_MAX {
                cache.insert(scratch.key.clone(), s);
            }
        }
    }
    s
}

/// True when every character of a pinyin alignment (contiguous, one per
/// token) from `start` matches by its first reading.
#[inline]
fn by_first_readings<I: Id>(ids: &[I], alt: &Alt, q: &Query, start: usize) -> bool {
    let Some(window) = ids.get(start..start + alt.toks.len()) else {
        return false;
    };
    alt.toks.iter().zip(window).all(|(tok, id)| match *tok {
        Tok::Set(s) => {
            let id = id.get();
            q.primary
                .get(s as usize)
                .and_then(|words| words.get((id >> 6) as usize))
                .is_some_and(|w| (w >> (id & 63)) & 1 == 1)
        }
        Tok::Char(_) => true,
    })
}

/// How many characters of a pinyin alignment (contiguous, one per token)
/// match through a later reading than their first.
fn rare_readings<I: Id>(ids: &[I], alt: &Alt, q: &Query, start: usize) -> i64 {
    if alt.chars {
        return 0;
    }
    let first = |s: u32, id: u32| {
        q.primary
            .get(s as usize)
            .and_then(|words| words.get((id >> 6) as usize))
            .is_some_and(|w| (w >> (id & 63)) & 1 == 1)
    };
    let rare = alt.toks.iter().enumerate().filter(|&(k, tok)| match tok {
        Tok::Set(s) => ids.get(start + k).is_some_and(|id| !first(*s, id.get())),
        Tok::Char(_) => false,
    });
    rare.count() as i64
}
