//! Compiling parsed terms into token sequences the matcher runs against
//! each document.
//!
//! A term compiles to alternatives; a document matches the term when any
//! alternative does, and scores the best one's score:
//! - the term's characters themselves (fuzzy: at most [`MAX_GAP`] skipped
//!   characters between two matched ones; exact forms: contiguous);
//! - with the pinyin side attached and a latin letter in the term: each
//!   segmentation of its latin runs into syllables, one character per
//!   syllable (the term's last syllable may be unfinished); or, when a run has
//!   no segmentation, its letters as initials of contiguous characters.

use std::collections::HashMap;

use super::corpus::{Bloom, Corpus, PinyinBloom, bloom_bit, bloom_set, char_bit};
use super::pinyin::{PinyinIndex, bigram_bit, bits, initial_symbol};
use super::syllable::{MAX_SEGMENTATIONS, Seg, inventory, segment};
use super::syntax::RawTerm;

/// The most characters a fuzzy match may skip between two matched ones.
///
/// Two lets a term abbreviate a four-character word (泸古速 for 泸古高速,
/// 重项 for 重点项目) while characters from different phrases, further
/// apart, do not make a match: 比特币 matches nothing merely because 比, 特
/// and 币 each occur somewhere in a sentence.
pub const MAX_GAP: usize = 2;

/// Terms longer than this (in chars) are matched by their characters only.
const MAX_PINYIN_TERM: usize = 64;

/// A token: one character of the document, or any character of a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    Char(u32),
    Set(u32),
}

/// One way a term can match: tokens matched in order, one per character.
#[derive(Debug, Clone)]
pub(crate) struct Alt {
    pub(crate) toks: Vec<Tok>,
    pub(crate) max_gap: usize,
    pub(crate) start: bool,
    pub(crate) end: bool,
    /// Scored by the fuzzy matcher over the characters (else by pinyin rules).
    pub(crate) chars: bool,
    pub(crate) char_mask: Bloom,
    pub(crate) py_mask: PinyinBloom,
}

/// How a term is matched by pinyin, so narrowing can tell a changed mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PyMode {
    None,
    Syllables,
    Initials,
}

#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub(crate) negated: bool,
    pub(crate) mode: PyMode,
    pub(crate) alts: Vec<Alt>,
    /// Bloom bits every alternative needs: one check rejects most documents.
    pub(crate) need_char: Bloom,
    pub(crate) need_py: PinyinBloom,
}

/// A compiled query for one [`super::SearchIndex`] (and its pinyin state);
/// see [`super::SearchIndex::compile`].
#[derive(Debug, Clone)]
pub struct Query {
    pub(crate) raw: Vec<RawTerm>,
    pub(crate) terms: Vec<Term>,
    /// The terms of each `|` group, in order: every group must be met, and
    /// a group is met when any of its terms is.
    pub(crate) groups: Vec<std::ops::Range<usize>>,
    /// How many times each group stands in the query: a group written
    /// again (a paste that repeats itself) is matched once and its score
    /// counted as often as it stands.
    pub(crate) times: Vec<i64>,
    /// Char-id bitsets that [`Tok::Set`] points into, and for each the chars
    /// in it by their first reading: a match through a later (rarer)
    /// reading ranks lower.
    pub(crate) sets: Vec<Vec<u64>>,
    pub(crate) primary: Vec<Vec<u64>>,
    pub(crate) pinyin: bool,
    /// Some group can match nothing in this index.
    pub(crate) never: bool,
}

impl Query {
    /// True when the query has no terms: it matches nothing.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// True when every item this query matches is also matched by `old`, so
    /// only `old`'s results need scoring: the old terms are kept, at most the
    /// last is extended by typing (not a negation nor a `$` term, whose
    /// matches do not shrink as they grow, nor one whose pinyin was already
    /// read whole: jian does not cover jiang) or finished, terms may
    /// be added but not joined to the old last group with `|`, and the
    /// pinyin state and each term's pinyin mode are unchanged.
    pub fn narrows(&self, old: &Query) -> bool {
        let k = old.raw.len();
        if k == 0 || self.raw.len() < k || self.pinyin != old.pinyin {
            return false;
        }
        let same = |i: usize| old.raw[i] == self.raw[i] && old.terms[i].mode == self.terms[i].mode;
        if !(0..k - 1).all(same) {
            return false;
        }
        if self
            .raw
            .get(k)
            .is_some_and(|next| next.group == self.raw[k - 1].group)
        {
            return false;
        }
        let (o, n) = (&old.raw[k - 1], &self.raw[k - 1]);
        // An extended term matches a subset of what it matched, and so does
        // one made stricter (exact or anchored at the start). A `$` term
        // does not: "ab$" does not cover "abc$".
        same(k - 1)
            || (!o.negated
                && !n.negated
                && !o.end
                && (!o.exact || n.exact)
                && (!o.start || n.start)
                && !(o.finished && o.text.bytes().any(|b| b.is_ascii_lowercase()))
                && o.group == n.group
                && n.text.starts_with(&o.text)
                && old.terms[k - 1].mode == self.terms[k - 1].mode)
    }
}

/// Compiles parsed terms against a corpus and, when attached, its pinyin side.
pub(crate) fn compile(raw: Vec<RawTerm>, corpus: &Corpus, py: Option<&PinyinIndex>) -> Query {
    let mut c = Compiler {
        corpus,
        py,
        sets: Vec::new(),
        primary: Vec::new(),
        keys: HashMap::new(),
    };
    let mut terms = Vec::new();
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, t) in raw.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if i > 0 && raw[i - 1].group == t.group => g.end = i + 1,
            _ => groups.push(i..i + 1),
        }
        let mut alts: Vec<Alt> = c.char_alt(t).into_iter().collect();
        let (mode, py_alts) = c.pinyin_alts(t);
        alts.extend(py_alts);
        let mut need_char: Bloom = [u64::MAX; 2];
        let mut need_py: PinyinBloom = [u64::MAX; 4];
        for alt in &alts {
            need_char
                .iter_mut()
                .zip(&alt.char_mask)
                .for_each(|(n, m)| *n &= m);
            // A character alternative does not look at the pinyin bloom.
            let py = if alt.chars { [0; 4] } else { alt.py_mask };
            need_py.iter_mut().zip(&py).for_each(|(n, m)| *n &= m);
        }
        terms.push(Term {
            negated: t.negated,
            mode,
            alts,
            need_char,
            need_py,
        });
    }
    let (groups, times) = repeats_counted(&raw, groups);
    // A group can match nothing when each of its terms is a positive one
    // with no way to match.
    let never = groups.iter().any(|g| {
        terms[g.clone()]
            .iter()
            .all(|t: &Term| !t.negated && t.alts.is_empty())
    });
    Query {
        raw,
        terms,
        groups,
        times,
        sets: c.sets,
        primary: c.primary,
        pinyin: py.is_some(),
        never,
    }
}

/// The groups with each one written again dropped, and how many times each
/// stands: two groups are the same when their terms are, all but the
/// number of their group.
fn repeats_counted(
    raw: &[RawTerm],
    groups: Vec<std::ops::Range<usize>>,
) -> (Vec<std::ops::Range<usize>>, Vec<i64>) {
    let same_term = |a: &RawTerm, b: &RawTerm| {
        // Every field but the group's number (a new field must be weighed here).
        let RawTerm {
            negated,
            exact,
            start,
            end,
            finished,
            group: _,
            text,
        } = a;
        (*negated, *exact, *start, *end, *finished, text)
            == (b.negated, b.exact, b.start, b.end, b.finished, &b.text)
    };
    let same = |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| {
        a.len() == b.len()
            && raw[a.clone()]
                .iter()
                .zip(&raw[b.clone()])
                .all(|(x, y)| same_term(x, y))
    };
    let mut kept: Vec<std::ops::Range<usize>> = Vec::with_capacity(groups.len());
    let mut times: Vec<i64> = Vec::with_capacity(groups.len());
    for g in groups {
        match kept.iter().position(|k| same(k, &g)) {
            Some(k) => times[k] += 1,
            None => {
                kept.push(g);
                times.push(1);
            }
        }
    }
    (kept, times)
}

/// What a [`Tok::Set`] was made from, to share sets between alternatives.
#[derive(Hash, PartialEq, Eq)]
enum SetKey {
    Syllable(u16),
    Prefix(String),
    Initial(u32),
}

struct Compiler<'a> {
    corpus: &'a Corpus,
    py: Option<&'a PinyinIndex>,
    sets: Vec<Vec<u64>>,
    primary: Vec<Vec<u64>>,
    keys: HashMap<SetKey, Option<u32>>,
}

enum Piece {
    Run(String),
    Lit(char),
}

impl Compiler<'_> {
    fn char_alt(&self, t: &RawTerm) -> Option<Alt> {
        let mut alt = Alt::new(t, if t.exact { 0 } else { MAX_GAP }, true);
        for ch in t.text.chars() {
            let id = self.corpus.id(ch)?;
            bloom_set(&mut alt.char_mask, char_bit(ch));
            alt.toks.push(Tok::Char(id));
        }
        Some(alt)
    }

    fn pinyin_alts(&mut self, t: &RawTerm) -> (PyMode, Vec<Alt>) {
        if self.py.is_none() {
            return (PyMode::None, Vec::new());
        }
        if !t.text.bytes().any(|b| b.is_ascii_lowercase())
            || t.text.chars().count() > MAX_PINYIN_TERM
        {
            return (PyMode::None, Vec::new());
        }
        let pieces = pieces(&t.text);
        let last = pieces.len().saturating_sub(1);
        let mut choices: Vec<Vec<Vec<Seg>>> = Vec::new();
        for (i, piece) in pieces.iter().enumerate() {
            if let Piece::Run(run) = piece {
                // Only the query's last term may end in an unfinished
                // syllable: `lu gu` is lu and gu…, never luo.
                let segs = segment(run, i == last && !t.negated && !t.finished);
                if segs.is_empty() {
                    return if t.negated {
                        (PyMode::Initials, Vec::new())
                    } else {
                        (PyMode::Initials, self.initials_alt(t).into_iter().collect())
                    };
                }
                choices.push(segs);
            }
        }
        let mut alts = Vec::new();
        for combo in product(&choices) {
            if let Some(alt) = self.syllable_alt(t, &pieces, &combo) {
                alts.push(alt);
            }
        }
        (PyMode::Syllables, alts)
    }

    fn syllable_alt(&mut self, t: &RawTerm, pieces: &[Piece], combo: &[&Vec<Seg>]) -> Option<Alt> {
        // Contiguous: a word typed in pinyin is a word. Gaps between
        // syllables, even penalised, let short syllables and one-letter
        // prefixes pair with unrelated characters (chang|zhen|g… found
        // 倡…真…干); the character side already serves abbreviations.
        // Being contiguous, neighbouring syllables also need their initials
        // side by side: the bigram bits initials already use.
        let mut alt = Alt::new(t, 0, false);
        let mut runs = combo.iter();
        for piece in pieces {
            match piece {
                Piece::Lit(ch) => self.literal(&mut alt, *ch)?,
                Piece::Run(_) => {
                    let mut prev = None;
                    for seg in runs.next()?.iter() {
                        let (set, first) = match seg {
                            Seg::Full(id) => {
                                bloom_set(&mut alt.py_mask, bloom_bit(u32::from(*id)));
                                (self.set(SetKey::Syllable(*id))?, inventory().name(*id))
                            }
                            Seg::Prefix(p) => (self.set(SetKey::Prefix(p.clone()))?, p.as_str()),
                        };
                        let sym = first.chars().next().and_then(initial_symbol);
                        if let (Some(a), Some(b)) = (prev, sym) {
                            bloom_set(&mut alt.py_mask, bigram_bit(a, b));
                        }
                        prev = sym;
                        alt.toks.push(Tok::Set(set));
                    }
                }
            }
        }
        Some(alt)
    }

    fn initials_alt(&mut self, t: &RawTerm) -> Option<Alt> {
        let mut alt = Alt::new(t, 0, false);
        let mut prev = None;
        for ch in t.text.chars() {
            match initial_symbol(ch) {
                Some(sym) => {
                    if let Some(p) = prev {
                        bloom_set(&mut alt.py_mask, bigram_bit(p, sym));
                    }
                    prev = Some(sym);
                    let set = self.set(SetKey::Initial(sym))?;
                    alt.toks.push(Tok::Set(set));
                }
                None => {
                    prev = None;
                    self.literal(&mut alt, ch)?;
                }
            }
        }
        Some(alt)
    }

    fn literal(&self, alt: &mut Alt, ch: char) -> Option<()> {
        let id = self.corpus.id(ch)?;
        bloom_set(&mut alt.char_mask, char_bit(ch));
        alt.toks.push(Tok::Char(id));
        Some(())
    }

    /// The set for `key`, or None when no character of the index is in it.
    fn set(&mut self, key: SetKey) -> Option<u32> {
        if let Some(&known) = self.keys.get(&key) {
            return known;
        }
        let py = self.py?;
        let inv = inventory();
        let n = self.corpus.alphabet.len().div_ceil(64);
        let (mut words, mut primary) = (vec![0u64; n], vec![0u64; n]);
        let mut any = false;
        // Adds char `id`; `first` when it has the key by its first reading.
        let mut add = |id: u32, first: bool| {
            let (word, bit) = ((id >> 6) as usize, 1u64 << (id & 63));
            if let Some(w) = words.get_mut(word) {
                *w |= bit;
                any = true;
            }
            if first && let Some(w) = primary.get_mut(word) {
                *w |= bit;
            }
        };
        let has = |syl: u16| {
            py.postings
                .get(syl as usize)
                .into_iter()
                .flatten()
                .map(move |&id| (id, py.primary(id) == Some(syl)))
        };
        match &key {
            SetKey::Syllable(syl) => has(*syl).for_each(|(id, first)| add(id, first)),
            SetKey::Prefix(p) => inv
                .with_prefix(p)
                .flat_map(has)
                .for_each(|(id, first)| add(id, first)),
            SetKey::Initial(sym) => {
                for (id, mask) in py.initials.iter().enumerate() {
                    if !bits(*mask).any(|b| b == *sym) {
                        continue;
                    }
                    let id = id as u32;
                    // A latin letter or digit is its own initial; a char's
                    // first reading may start with another letter.
                    let initial_of = |c: Option<char>| c.and_then(initial_symbol) == Some(*sym);
                    let own = initial_of(self.corpus.alphabet.get(id as usize).copied());
                    let first = py
                        .primary(id)
                        .is_some_and(|syl| initial_of(inv.name(syl).chars().next()));
                    add(id, own || first);
                }
            }
        }
        let found = any.then(|| {
            self.sets.push(words);
            self.primary.push(primary);
            (self.sets.len() - 1) as u32
        });
        self.keys.insert(key, found);
        found
    }
}

impl Alt {
    fn new(t: &RawTerm, max_gap: usize, chars: bool) -> Alt {
        Alt {
            toks: Vec::new(),
            max_gap,
            start: t.start,
            end: t.end,
            chars,
            char_mask: [0; 2],
            py_mask: [0; 4],
        }
    }
}

/// Splits a term into runs of latin letters and single other characters.
fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut run = String::new();
    for ch in text.chars() {
        if ch.is_ascii_lowercase() {
            run.push(ch);
        } else {
            if !run.is_empty() {
                out.push(Piece::Run(std::mem::take(&mut run)));
            }
            out.push(Piece::Lit(ch));
        }
    }
    if !run.is_empty() {
        out.push(Piece::Run(run));
    }
    out
}

/// Combinations of one segmentation per run, at most [`MAX_SEGMENTATIONS`].
fn product(choices: &[Vec<Vec<Seg>>]) -> Vec<Vec<&Vec<Seg>>> {
    let mut out: Vec<Vec<&Vec<Seg>>> = vec![Vec::new()];
    for options in choices {
        let mut next = Vec::new();
        'fill: for prefix in &out {
            for option in options {
                if next.len() >= MAX_SEGMENTATIONS {
                    break 'fill;
                }
                let mut combo = prefix.clone();
                combo.push(option);
                next.push(combo);
            }
        }
        out = next;
    }
    out
}
