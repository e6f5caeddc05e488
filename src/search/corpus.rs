//! The character side of the index: every document's characters, normalized
//! and interned to dense ids, with a 256-bit bloom mask per document.
//!
//! Normalization maps one char to one char, so an index into a document's ids
//! is an index into its text's chars, and match positions need no remapping.

use std::collections::HashMap;

/// A 256-bit set of hashed ids: the per-document prefilter.
pub(crate) type Bloom = [u64; 4];

/// Stands before a scoring window so the fuzzy matcher sees neither the start
/// of a string (which it rewards) nor a real neighbour it could match.
/// Queries never contain it: [`normalize`] maps it away.
pub(crate) const PLACEHOLDER: char = '\u{FFFF}';

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
        PLACEHOLDER => return '\u{FFFD}',
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

/// Which of the 256 bloom bits an id sets.
#[inline]
pub(crate) fn bloom_bit(id: u32) -> u32 {
    (id.wrapping_mul(0x9E37_79B1) >> 24) & 255
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
    ids: Vec<u32>,
    starts: Vec<usize>,
    pub(crate) bloom: Vec<Bloom>,
}

const NO_ID: u32 = u32::MAX;

impl Corpus {
    /// An empty corpus with room for `docs` documents of `chars` chars in all
    /// (growing past either is fine).
    pub(crate) fn with_capacity(docs: usize, chars: usize) -> Corpus {
        let mut starts = room(docs.saturating_add(1));
        starts.push(0);
        Corpus {
            alphabet: Vec::new(),
            bmp: vec![NO_ID; 0x1_0000],
            raw: vec![NO_ID; 0x1_0000],
            astral: HashMap::new(),
            ids: room(chars),
            starts,
            bloom: room(docs),
        }
    }

    /// Adds the next document.
    pub(crate) fn push(&mut self, text: &str) {
        let mut bloom = [0u64; 4];
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
            bloom_set(&mut bloom, bloom_bit(id));
        }
        self.starts.push(self.ids.len());
        self.bloom.push(bloom);
    }

    /// The corpus once every document is in: the building cache goes.
    pub(crate) fn built(mut self) -> Corpus {
        self.raw = Vec::new();
        self
    }

    fn intern(&mut self, c: char) -> u32 {
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
    pub(crate) fn doc(&self, doc: usize) -> &[u32] {
        match (self.starts.get(doc), self.starts.get(doc + 1)) {
            (Some(&s), Some(&e)) => &self.ids[s..e],
            _ => &[],
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.bloom.len()
    }

    /// The range of a document's content: from its first to just past its last
    /// letter or digit, so `^` and `$` anchors skip quotes and full stops.
    pub(crate) fn content(&self, ids: &[u32]) -> (usize, usize) {
        let is_content = |id: &u32| {
            self.alphabet
                .get(*id as usize)
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
        assert_eq!(normalize(PLACEHOLDER), '\u{FFFD}');
    }

    #[test]
    fn ids_are_shared_and_docs_keep_char_positions() {
        let mut c = Corpus::with_capacity(0, 0);
        for text in ["a泸A", "", "𠀀泸"] {
            c.push(text);
        }
        assert_eq!(c.len(), 3);
        assert_eq!(c.doc(0), &[0, 1, 0]);
        assert_eq!(c.doc(1), &[] as &[u32]);
        assert_eq!(c.doc(2), &[2, 1]);
        assert_eq!(c.doc(3), &[] as &[u32]);
        assert_eq!(c.id('𠀀'), Some(2));
        assert_eq!(c.id('x'), None);
        assert_eq!(c.content(c.doc(0)), (0, 3));
    }
}
