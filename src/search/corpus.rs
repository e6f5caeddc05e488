//! The character side of the index: every document's characters, normalized
//! and interned to dense ids, with a 256-bit bloom mask per document.
//!
//! Normalization maps one char to one char, so an index into a document's ids
//! is an index into its text's chars, and match positions need no remapping.

use std::collections::HashMap;
use std::sync::atomic::AtomicI32;

/// A 128-bit set of hashed chars: the per-document prefilter. A
/// document of 30 distinct chars sets about a fifth of its bits.
pub(crate) type Bloom = [u64; 2];

/// The pinyin prefilter: 128 bits of hashed syllable ids, then 128 of
/// hashed pairs of initials (see `pinyin::bigram_bit`).
pub(crate) type PinyinBloom = [u64; 4];

/// Case-folds a char for matching: ASCII and other letters to lower case,
/// full-width ASCII forms to ASCII, ü to v (as pinyin keyboards type it).
/// Always one char in, one char out.
pub(crate) fn normalize(c: char) -> char {
    let u = u32::from(c);
    if u < 0x80 {
        return c.to_ascii_lowercase();
    }
    if (0x3400..=0x9FFF).contains(&u) {
        return c;
    }
    if (0xFF01..=0xFF5E).contains(&u) {
        return char::from_u32(u - 0xFEE0).map_or(c, |a| a.to_ascii_lowercase());
    }
    match c {
        'ü' | 'Ü' => return 'v',
        '\u{3000}' => return ' ',
        _ => {}
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// An empty vector with room for `n` items if the allocator grants it: the
/// sizes are estimates, and a vector that finds itself short still grows.
pub(crate) fn room<T>(n: usize) -> Vec<T> {
    let mut v = Vec::new();
    let _ = v.try_reserve_exact(n);
    v
}

/// Which of 128 bloom bits a document's (normalized) char sets: by the
/// char itself, not its id, so a document's bloom is the same in every
/// index, and a stored one serves as it is.
#[inline]
pub(crate) fn char_bit(c: char) -> u32 {
    bloom_bit(u32::from(c))
}

/// Which of 128 bloom bits an id sets.
#[inline]
pub(crate) fn bloom_bit(id: u32) -> u32 {
    id.wrapping_mul(0x9E37_79B1) >> 25
}

#[inline]
pub(crate) fn bloom_set(bloom: &mut [u64], bit: u32) {
    bloom[(bit >> 6) as usize] |= 1 << (bit & 63);
}

/// True when every bit of `need` is set in `have`.
#[inline]
pub(crate) fn bloom_covers(have: &[u64], need: &[u64]) -> bool {
    have.iter().zip(need).all(|(h, n)| h & n == *n)
}

/// A char id as a document stores it: two bytes while the corpus has at
/// most 65,536 distinct chars, as every real plan does (a plan of 100,000
/// commitments holds five million chars), four beyond.
pub(crate) trait Id: Copy + PartialEq {
    fn get(self) -> u32;
    /// Char id `id` as stored, or None when no document can hold it.
    fn stored(id: u32) -> Option<Self>;
}

impl Id for u16 {
    #[inline]
    fn get(self) -> u32 {
        u32::from(self)
    }

    #[inline]
    fn stored(id: u32) -> Option<u16> {
        u16::try_from(id).ok()
    }
}

impl Id for u32 {
    #[inline]
    fn get(self) -> u32 {
        self
    }

    #[inline]
    fn stored(id: u32) -> Option<u32> {
        Some(id)
    }
}

/// Every document's char ids, one after the other, and where each
/// document's start: narrow while there are at most 65,536 distinct chars
/// and 2³² chars in all.
#[derive(Debug)]
enum Ids {
    Narrow { ids: Vec<u16>, starts: Vec<u32> },
    Wide { ids: Vec<u32>, starts: Vec<usize> },
}

impl Ids {
    fn push(&mut self, id: u32) {
        match self {
            Ids::Narrow { ids, .. } => match u16::try_from(id) {
                Ok(id) => ids.push(id),
                Err(_) => {
                    self.widen();
                    self.push(id);
                }
            },
            Ids::Wide { ids, .. } => ids.push(id),
        }
    }

    /// Ends the current document.
    fn end_doc(&mut self) {
        match self {
            Ids::Narrow { ids, starts } => match u32::try_from(ids.len()) {
                Ok(end) => starts.push(end),
                Err(_) => {
                    self.widen();
                    self.end_doc();
                }
            },
            Ids::Wide { ids, starts } => starts.push(ids.len()),
        }
    }

    fn widen(&mut self) {
        if let Ids::Narrow { ids, starts } = self {
            *self = Ids::Wide {
                ids: ids.iter().map(|&id| u32::from(id)).collect(),
                starts: starts.iter().map(|&s| s as usize).collect(),
            };
        }
    }

    fn shrink_to_fit(&mut self) {
        match self {
            Ids::Narrow { ids, starts } => {
                ids.shrink_to_fit();
                starts.shrink_to_fit();
            }
            Ids::Wide { ids, starts } => {
                ids.shrink_to_fit();
                starts.shrink_to_fit();
            }
        }
    }

    fn doc(&self, doc: usize) -> DocIds<'_> {
        fn range<S: Copy + TryInto<usize>>(starts: &[S], doc: usize) -> std::ops::Range<usize> {
            let at = |i: usize| starts.get(i).and_then(|&s| s.try_into().ok());
            match (at(doc), at(doc + 1)) {
                (Some(s), Some(e)) => s..e,
                _ => 0..0,
            }
        }
        match self {
            Ids::Narrow { ids, starts } => {
                DocIds::Narrow(ids.get(range(starts, doc)).unwrap_or(&[]))
            }
            Ids::Wide { ids, starts } => DocIds::Wide(ids.get(range(starts, doc)).unwrap_or(&[])),
        }
    }
}

/// One document's char ids.
#[derive(Debug, Clone, Copy)]
pub(crate) enum DocIds<'a> {
    Narrow(&'a [u16]),
    Wide(&'a [u32]),
}

impl DocIds<'_> {
    #[cfg(test)]
    pub(crate) fn len(self) -> usize {
        match self {
            DocIds::Narrow(ids) => ids.len(),
            DocIds::Wide(ids) => ids.len(),
        }
    }

    /// Calls `f` with each id in order.
    #[inline]
    pub(crate) fn for_each(self, f: impl FnMut(u32)) {
        match self {
            DocIds::Narrow(ids) => ids.iter().map(|i| i.get()).for_each(f),
            DocIds::Wide(ids) => ids.iter().copied().for_each(f),
        }
    }
}

/// Interned, normalized characters of every document, in document order.
#[derive(Debug)]
pub(crate) struct Corpus {
    /// Id to (normalized) char.
    pub(crate) alphabet: Vec<char>,
    /// Normalized BMP char to id.
    bmp: Vec<u32>,
    /// BMP char, before normalization, to id: a cache for building.
    raw: Vec<u32>,
    astral: HashMap<char, u32>,
    ids: Ids,
    pub(crate) bloom: Vec<Bloom>,
    /// Per char id (and last, for no char: the start of a text), what the
    /// fuzzy matcher scores a character standing after it. Measured by the
    /// matcher the first time a search needs it; UNMEASURED until then.
    pub(crate) after: Vec<AtomicI32>,
}

/// An entry of [`Corpus::after`] not measured yet.
pub(crate) const UNMEASURED: i32 = i32::MIN;

const NO_ID: u32 = u32::MAX;

impl Corpus {
    /// An empty corpus with room for `docs` documents of `chars` chars in all
    /// (growing past either is fine).
    pub(crate) fn with_capacity(docs: usize, chars: usize) -> Corpus {
        let mut starts = room(docs.saturating_add(1));
        starts.push(0);
        let ids = Ids::Narrow {
            ids: room(chars),
            starts,
        };
        Corpus {
            alphabet: Vec::new(),
            bmp: vec![NO_ID; 0x1_0000],
            raw: vec![NO_ID; 0x1_0000],
            astral: HashMap::new(),
            ids,
            bloom: room(docs),
            after: Vec::new(),
        }
    }

    /// Adds the next document.
    pub(crate) fn push(&mut self, text: &str) {
        let mut bloom: Bloom = [0; 2];
        for c in text.chars() {
            // Most chars were seen before: look the raw char up, and
            // normalize and intern only a new one.
            let slot = u32::from(c) as usize;
            let id = match self.raw.get(slot) {
                Some(&id) if id != NO_ID => id,
                _ => {
                    let id = self.intern(normalize(c));
                    if let Some(cached) = self.raw.get_mut(slot) {
                        *cached = id;
                    }
                    id
                }
            };
            self.ids.push(id);
            if let Some(&normal) = self.alphabet.get(id as usize) {
                bloom_set(&mut bloom, char_bit(normal));
            }
        }
        self.ids.end_doc();
        self.bloom.push(bloom);
    }

    /// Adds the next document as char ids already interned here (by
    /// [`intern`](Self::intern)), with its bloom.
    pub(crate) fn push_ids(&mut self, ids: impl Iterator<Item = u32>, bloom: Bloom) {
        match &mut self.ids {
            // Every id of an alphabet this small fits: one pass, no checks.
            Ids::Narrow { ids: narrow, .. } if self.alphabet.len() <= 1 << 16 => {
                narrow.extend(ids.map(|id| id as u16));
            }
            _ => ids.for_each(|id| self.ids.push(id)),
        }
        self.ids.end_doc();
        self.bloom.push(bloom);
    }

    /// [`push_ids`](Self::push_ids) for ids that fit two bytes.
    pub(crate) fn push_narrow_ids(&mut self, ids: &[u16], bloom: Bloom) {
        match &mut self.ids {
            Ids::Narrow { ids: narrow, .. } if self.alphabet.len() <= 1 << 16 => {
                narrow.extend_from_slice(ids);
                self.ids.end_doc();
                self.bloom.push(bloom);
            }
            _ => self.push_ids(ids.iter().map(|&id| u32::from(id)), bloom),
        }
    }

    /// The corpus once every document is in: the building cache goes, and
    /// no buffer keeps room it will not use.
    pub(crate) fn built(mut self) -> Corpus {
        self.raw = Vec::new();
        self.ids.shrink_to_fit();
        self.bloom.shrink_to_fit();
        self.after = (0..=self.alphabet.len())
            .map(|_| AtomicI32::new(UNMEASURED))
            .collect();
        self
    }

    /// The id of normalized char `c`, new if no document has it yet.
    pub(crate) fn intern(&mut self, c: char) -> u32 {
        let next = self.alphabet.len() as u32;
        let slot = match self.bmp.get_mut(u32::from(c) as usize) {
            Some(slot) => slot,
            None => self.astral.entry(c).or_insert(NO_ID),
        };
        if *slot == NO_ID {
            *slot = next;
            self.alphabet.push(c);
        }
        *slot
    }

    /// The id of an already normalized char, if any document contains it.
    pub(crate) fn id(&self, c: char) -> Option<u32> {
        let id = match self.bmp.get(u32::from(c) as usize) {
            Some(&id) => id,
            None => *self.astral.get(&c)?,
        };
        (id != NO_ID).then_some(id)
    }

    /// The char ids of document `doc`.
    pub(crate) fn doc(&self, doc: usize) -> DocIds<'_> {
        self.ids.doc(doc)
    }

    pub(crate) fn len(&self) -> usize {
        self.bloom.len()
    }

    /// The range of a document's content: from its first to just past its last
    /// letter or digit, so `^` and `$` anchors skip quotes and full stops.
    pub(crate) fn content<I: Id>(&self, ids: &[I]) -> (usize, usize) {
        let is_content = |id: &I| {
            self.alphabet
                .get(id.get() as usize)
                .is_some_and(|c| c.is_alphanumeric())
        };
        let lo = ids.iter().position(is_content).unwrap_or(ids.len());
        let hi = ids.iter().rposition(is_content).map_or(lo, |i| i + 1);
        (lo, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_width_and_u_umlaut() {
        assert_eq!(normalize('G'), 'g');
        assert_eq!(normalize('Ｇ'), 'g');
        assert_eq!(normalize('３'), '3');
        assert_eq!(normalize('ü'), 'v');
        assert_eq!(normalize('泸'), '泸');
        assert_eq!(normalize('Σ'), 'σ');
    }

    #[test]
    fn a_corpus_of_more_than_65536_chars_widens_its_ids() {
        let mut c = Corpus::with_capacity(0, 0);
        let text: String = (0x4E00u32..0x4E00 + 70_000)
            .filter_map(char::from_u32)
            .collect();
        c.push("甲乙");
        c.push(&text);
        c.push("乙");
        assert!(matches!(c.doc(0), DocIds::Wide(_)));
        let mut last = Vec::new();
        c.doc(2).for_each(|id| last.push(id));
        assert_eq!(last, [1]);
        assert_eq!(c.doc(1).len(), text.chars().count());
        assert!(c.alphabet.len() > 65_536);
    }

    #[test]
    fn ids_are_shared_and_docs_keep_char_positions() {
        let mut c = Corpus::with_capacity(0, 0);
        for text in ["a泸A", "", "𠀀泸"] {
            c.push(text);
        }
        let ids = |d| {
            let mut ids = Vec::new();
            c.doc(d).for_each(|id| ids.push(id));
            ids
        };
        assert_eq!(c.len(), 3);
        assert_eq!(ids(0), [0, 1, 0]);
        assert_eq!(ids(1), [] as [u32; 0]);
        assert_eq!(ids(2), [2, 1]);
        assert_eq!(ids(3), [] as [u32; 0]);
        assert_eq!(c.id('𠀀'), Some(2));
        assert_eq!(c.id('x'), None);
        assert_eq!(c.content(&ids(0)), (0, 3));
        assert!(matches!(c.doc(0), DocIds::Narrow(_)));
    }
}
