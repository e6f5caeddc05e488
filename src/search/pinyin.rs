//! The pinyin side of the index, built apart from the character side so a
//! program can show its first frame while this is built on another thread.

use std::ops::Range;
use std::sync::Arc;

use super::corpus::{Corpus, PinyinBloom, bloom_bit, bloom_set};
use super::halves::{Halves, map_in_halves};
use super::syllable::{inventory, readings};

/// Builds a [`PinyinIndex`]; owns what it needs, so it can be sent to
/// another thread. Get one from [`super::SearchIndex::pinyin_builder`].
#[derive(Debug, Clone)]
pub struct PinyinBuilder {
    pub(crate) corpus: Arc<Corpus>,
}

/// The readings of every distinct character of the index and a pinyin
/// bloom mask per document. Attach it with
/// [`super::SearchIndex::attach_pinyin`].
#[derive(Debug)]
pub struct PinyinIndex {
    pub(crate) corpus: Arc<Corpus>,
    /// Per char id, its syllable ids: `syllables[starts[id]..starts[id + 1]]`.
    starts: Vec<usize>,
    syllables: Vec<u16>,
    /// Per syllable id, the char ids that have it as a reading.
    pub(crate) postings: Vec<Vec<u32>>,
    /// Per char id, the initials it can be typed with: bit 0..26 for a..z,
    /// 26..36 for 0..9 (a latin letter or digit is its own initial).
    pub(crate) initials: Vec<u64>,
    /// Per document: bits 0..128 hash its syllables, bits 128..256 the pairs
    /// of initials of adjacent characters.
    pub(crate) bloom: Halves<PinyinBloom>,
}

/// The initial symbol of an ascii letter or digit, as [`PinyinIndex::initials`] numbers it.
pub(crate) fn initial_symbol(c: char) -> Option<u32> {
    match c {
        'a'..='z' => Some(u32::from(c) - u32::from('a')),
        '0'..='9' => Some(26 + u32::from(c) - u32::from('0')),
        _ => None,
    }
}

/// The bloom bit (128..256) of two initials read one after the other.
#[inline]
pub(crate) fn bigram_bit(a: u32, b: u32) -> u32 {
    128 + ((a * 36 + b).wrapping_mul(0x85EB_CA6B) >> 25)
}

impl PinyinBuilder {
    pub fn build(self) -> PinyinIndex {
        PinyinIndex::from_corpus(self.corpus)
    }
}

impl PinyinIndex {
    fn from_corpus(corpus: Arc<Corpus>) -> PinyinIndex {
        let mut index = PinyinIndex::readings_for(corpus);
        index.bloom = index.doc_blooms();
        index
    }

    /// The pinyin side of `corpus` when the blooms of its documents are
    /// known but for the documents in `missing`: `blooms` holds one per
    /// document, and those of `missing` are computed here.
    pub(crate) fn with_blooms(
        corpus: Arc<Corpus>,
        mut blooms: Vec<PinyinBloom>,
        missing: &[Range<usize>],
    ) -> PinyinIndex {
        let mut index = PinyinIndex::readings_for(corpus);
        let all = 0..index.corpus.len();
        if missing.len() == 1 && missing.first() == Some(&all) {
            index.bloom = index.doc_blooms();
            return index;
        }
        blooms.resize(index.corpus.len(), [0; 4]);
        for d in missing.iter().flat_map(Clone::clone) {
            if let Some(slot) = blooms.get_mut(d) {
                *slot = index.bloom(d);
            }
        }
        index.bloom = Halves::whole(blooms);
        index
    }

    /// The readings of every char of `corpus`, with no blooms yet.
    fn readings_for(corpus: Arc<Corpus>) -> PinyinIndex {
        let inv = inventory();
        let mut starts = vec![0];
        let mut syllables = Vec::new();
        let mut postings = vec![Vec::new(); inv.len()];
        let mut initials = Vec::with_capacity(corpus.alphabet.len());
        for (id, &c) in corpus.alphabet.iter().enumerate() {
            let mut mask = initial_symbol(c).map_or(0, |s| 1u64 << s);
            for syl in readings(c) {
                syllables.push(syl);
                if let Some(list) = postings.get_mut(syl as usize) {
                    list.push(id as u32);
                }
                if let Some(s) = inv.name(syl).chars().next().and_then(initial_symbol) {
                    mask |= 1 << s;
                }
            }
            starts.push(syllables.len());
            initials.push(mask);
        }
        PinyinIndex {
            corpus,
            starts,
            syllables,
            postings,
            initials,
            bloom: Halves::default(),
        }
    }

    /// The first reading of char `id`, as the pinyin crate lists its
    /// readings: the common one, where a char has several.
    pub(crate) fn primary(&self, id: u32) -> Option<u16> {
        self.readings_of(id).first().copied()
    }

    /// Syllable ids of char `id`.
    fn readings_of(&self, id: u32) -> &[u16] {
        let id = id as usize;
        match (self.starts.get(id), self.starts.get(id + 1)) {
            (Some(&s), Some(&e)) => &self.syllables[s..e],
            _ => &[],
        }
    }

    /// A pinyin bloom per document, on two threads for a large plan: the
    /// blooms are most of the build's work.
    fn doc_blooms(&self) -> Halves<PinyinBloom> {
        map_in_halves(self.corpus.len(), |d| self.bloom(d))
    }

    fn bloom(&self, d: usize) -> PinyinBloom {
        let mut bloom: PinyinBloom = [0; 4];
        let mut prev = 0u64;
        self.corpus.doc(d).for_each(|id| {
            for &syl in self.readings_of(id) {
                bloom_set(&mut bloom, bloom_bit(u32::from(syl)));
            }
            let cur = self.initials.get(id as usize).copied().unwrap_or(0);
            for a in bits(prev) {
                for b in bits(cur) {
                    bloom_set(&mut bloom, bigram_bit(a, b));
                }
            }
            prev = cur;
        });
        bloom
    }
}

/// The indices of the set bits of `mask`.
pub(crate) fn bits(mut mask: u64) -> impl Iterator<Item = u32> {
    std::iter::from_fn(move || {
        if mask == 0 {
            return None;
        }
        let b = mask.trailing_zeros();
        mask &= mask - 1;
        Some(b)
    })
}
