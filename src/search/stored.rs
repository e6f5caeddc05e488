//! Indexing several plans together, each either from its items or from its
//! stored entry: a plan's part of an index written out as bytes, so that
//! the library's cache of search indexes can give it back without the plan
//! being parsed, checked and indexed again.
//!
//! An entry holds what indexing a plan yields: each document's kind, line,
//! id and text, its text's characters as ids into the plan's own alphabet,
//! and its blooms (which depend on its characters and their readings alone),
//! with the kind of each area. Adding it to an index interns the plan's
//! alphabet there and maps its ids, so a plan added from its entry indexes
//! exactly as it does from its items.
//!
//! An entry names the content hash of the plan it was made from and ends a
//! checksum of itself; [`read_entry`] checks both, and every count, length,
//! id and text boundary in it, so an entry that is truncated, corrupt, of
//! another version or of another plan is refused (and the plan indexed from
//! its items), never trusted.

use std::ops::Range;
use std::sync::Arc;

use super::build::{IndexBuilder, Sizes};
use super::corpus::{Bloom, Corpus, PinyinBloom};
use super::index::SearchIndex;
use super::pinyin::PinyinIndex;
use super::texts::Doc;
use crate::plan::{AreaKind, Item, ItemKind, ItemRef};

/// Bumped whenever the layout of an entry, or what indexing a plan yields,
/// changes.
const VERSION: u32 = 2;

/// Words of a document's blooms: two of its chars', four of its readings'.
const BLOOMS: usize = 6;

/// Bytes before the sections: checksum, version, hash, then six counts.
const HEADER: usize = 8 + 4 + 16 + 6 * 4;

/// Several plans being indexed together, in order.
#[derive(Debug)]
pub struct PlansBuilder {
    builder: IndexBuilder,
    /// Per document, its pinyin bloom: known for a plan added from its
    /// entry, zero (to be computed) for one added from its items.
    py: Vec<PinyinBloom>,
    plans: Vec<Part>,
    /// A plan's char ids to the batch's, when every id fits two bytes:
    /// indexed by a u16, so with no bounds to check. Made once, and only
    /// the entries of the plan at hand are filled (its ids are checked to
    /// lie within its alphabet).
    narrow: Option<Box<[u16; 1 << 16]>>,
    /// The ids of the plan at hand, mapped: a buffer kept between plans.
    mapped: Vec<u16>,
}

#[derive(Debug)]
struct Part {
    start: usize,
    kinds: Vec<AreaKind>,
    /// For a plan added from its items, its content hash: its entry is
    /// made when the index is finished.
    fresh: Option<u128>,
}

/// The index of several plans, where each plan's documents start, each
/// plan's areas' kinds, and the entries of the plans added from their items
/// (by content hash).
#[derive(Debug)]
pub struct PlansBuilt {
    pub index: SearchIndex,
    pub starts: Vec<usize>,
    pub kinds: Vec<Vec<AreaKind>>,
    pub entries: Vec<(u128, Vec<u8>)>,
}

impl Default for PlansBuilder {
    fn default() -> PlansBuilder {
        PlansBuilder::with_capacity(Sizes::default())
    }
}

impl PlansBuilder {
    /// A builder with room for plans of `sizes` in all: growing past it is
    /// fine, but each buffer grown is copied.
    pub fn with_capacity(sizes: Sizes) -> PlansBuilder {
        PlansBuilder {
            builder: IndexBuilder::copying(sizes.docs, sizes.bytes, sizes.chars),
            py: super::corpus::room(sizes.docs),
            plans: Vec::new(),
            narrow: None,
            mapped: Vec::new(),
        }
    }

    /// Adds a plan from its items (in document order, as
    /// [`crate::plan::outline::items`] walks them) and its areas' kinds;
    /// `hash` is its content hash, which its entry will name.
    pub fn add_items<'a>(
        &mut self,
        items: impl Iterator<Item = Item<'a>>,
        kinds: Vec<AreaKind>,
        hash: u128,
    ) {
        let start = self.builder.docs();
        for item in items {
            self.builder.push(item);
        }
        self.py.resize(self.builder.docs(), [0; 4]);
        self.plans.push(Part {
            start,
            kinds,
            fresh: Some(hash),
        });
    }

    /// Adds a plan from its entry.
    pub fn add_stored(&mut self, plan: &StoredPlan<'_>) {
        let start = self.builder.docs();
        let base = self.builder.copy_texts(plan.texts);
        let corpus = self.builder.corpus_mut();
        let map: Vec<u32> = plan.alphabet.iter().map(|&c| corpus.intern(c)).collect();
        // The plan's ids mapped in one pass, when they fit two bytes.
        let mut mapped = std::mem::take(&mut self.mapped);
        mapped.clear();
        let narrow = !plan.wide && corpus.alphabet.len() <= 1 << 16;
        if narrow {
            let table = self.narrow.get_or_insert_with(|| Box::new([0; 1 << 16]));
            for (slot, &id) in table.iter_mut().zip(&map) {
                *slot = id as u16;
            }
            let ids = plan.ids.chunks_exact(2);
            mapped.extend(ids.map(|w| table[usize::from(u16::from_le_bytes([w[0], w[1]]))]));
        }
        let mut walk = Walk::default();
        let (mut at, mut chars) = (base, 0);
        let mut commitment_id = (base, base);
        for d in 0..plan.docs {
            let Some(&kind) = plan.doc_kinds.get(d) else {
                break;
            };
            let Some(place) = walk.step(kind) else {
                break;
            };
            let [line, id_len, text_len, end] = plan.doc(d);
            let mut id = (at, at + id_len);
            at += id_len;
            let text = (at, at + text_len);
            at += text_len;
            match place.project {
                Some(_) => id = commitment_id,
                None if kind == COMMITMENT => commitment_id = id,
                None => {}
            }
            let to_batch = |l: usize| map.get(l).copied().unwrap_or(0);
            let (bloom, py) = plan.blooms(d);
            let span = (id, text);
            if narrow {
                let ids = mapped.get(chars..end).unwrap_or(&[]);
                let push = |corpus: &mut Corpus| corpus.push_narrow_ids(ids, bloom);
                self.builder.push_placed(place, span, line, push);
            } else {
                let (width, wide) = if plan.wide { (4, true) } else { (2, false) };
                let ids = plan
                    .id_bytes(chars..end)
                    .chunks_exact(width)
                    .map(|w| match wide {
                        true => u32::from_le_bytes([w[0], w[1], w[2], w[3]]) as usize,
                        false => usize::from(u16::from_le_bytes([w[0], w[1]])),
                    });
                let ids = ids.map(to_batch);
                let push = |corpus: &mut Corpus| corpus.push_ids(ids, bloom);
                self.builder.push_placed(place, span, line, push);
            }
            chars = end;
            self.py.push(py);
        }
        self.mapped = mapped;
        self.plans.push(Part {
            start,
            kinds: plan.kinds.clone(),
            fresh: None,
        });
    }

    /// The index, with its pinyin side when `pinyin`, and the entries of
    /// the plans added from their items.
    pub fn finish(self, pinyin: bool) -> PlansBuilt {
        let docs = self.builder.docs();
        let ends = self.plans.iter().skip(1).map(|p| p.start).chain([docs]);
        let ranges: Vec<Range<usize>> = self
            .plans
            .iter()
            .zip(ends)
            .map(|(p, end)| p.start..end)
            .collect();
        let missing: Vec<Range<usize>> = self
            .plans
            .iter()
            .zip(&ranges)
            .filter(|(p, _)| p.fresh.is_some())
            .map(|(_, r)| r.clone())
            .collect();
        let (texts, corpus) = self.builder.finish_copied();
        let mut index = SearchIndex::assemble(texts, corpus);
        let mut entries = Vec::new();
        if pinyin || !missing.is_empty() {
            let py = PinyinIndex::with_blooms(Arc::clone(index.corpus()), self.py, &missing);
            for (part, range) in self.plans.iter().zip(&ranges) {
                if let Some(hash) = part.fresh
                    && let Some(entry) = encode(&index, &py, range.clone(), &part.kinds, hash)
                {
                    entries.push((hash, entry));
                }
            }
            if pinyin {
                let _ = index.attach_pinyin(py);
            }
        }
        PlansBuilt {
            index,
            starts: self.plans.iter().map(|p| p.start).collect(),
            kinds: self.plans.into_iter().map(|p| p.kinds).collect(),
            entries,
        }
    }
}

const AREA: u8 = 0;
const TASK: u8 = 1;
const COMMITMENT: u8 = 2;
const PROJECT: u8 = 3;

fn kind_code(kind: ItemKind) -> u8 {
    match kind {
        ItemKind::Area => AREA,
        ItemKind::Task => TASK,
        ItemKind::Commitment => COMMITMENT,
        ItemKind::Project => PROJECT,
    }
}

fn area_code(kind: AreaKind) -> u8 {
    match kind {
        AreaKind::Plan => 0,
        AreaKind::Review => 1,
        AreaKind::Outlook => 2,
    }
}

fn area_kind(code: u8) -> Option<AreaKind> {
    match code {
        0 => Some(AreaKind::Plan),
        1 => Some(AreaKind::Review),
        2 => Some(AreaKind::Outlook),
        _ => None,
    }
}

/// Where each document stands, from the kinds of the documents in order:
/// the walk [`crate::plan::outline::items`] makes, read back.
#[derive(Debug, Default)]
struct Walk {
    area: Option<usize>,
    task: Option<usize>,
    commitment: Option<usize>,
    project: usize,
}

impl Walk {
    /// The place of the next document, of kind `kind`; None when a
    /// document of that kind cannot come next.
    fn step(&mut self, kind: u8) -> Option<Doc> {
        let next = |n: Option<usize>| n.map_or(0, |n| n + 1);
        let target = match kind {
            AREA => {
                self.area = Some(next(self.area));
                (self.task, self.commitment) = (None, None);
                ItemRef::Area(self.area?)
            }
            TASK => {
                self.task = Some(next(self.task));
                self.commitment = None;
                ItemRef::Task(self.area?, self.task?)
            }
            COMMITMENT => {
                self.commitment = Some(next(self.commitment));
                self.project = 0;
                ItemRef::Commitment(self.area?, self.task?, self.commitment?)
            }
            PROJECT => {
                self.project += 1;
                let target = ItemRef::Commitment(self.area?, self.task?, self.commitment?);
                return Some(Doc {
                    target,
                    project: Some(self.project - 1),
                });
            }
            _ => return None,
        };
        Some(Doc {
            target,
            project: None,
        })
    }
}

/// The entry of the plan whose documents are `docs` in `index`, or None
/// when a count does not fit the entry's 32 bits.
fn encode(
    index: &SearchIndex,
    py: &PinyinIndex,
    docs: Range<usize>,
    kinds: &[AreaKind],
    hash: u128,
) -> Option<Vec<u8>> {
    let corpus = index.corpus();
    // The plan's alphabet, in the order its documents meet its chars.
    let mut local = vec![u32::MAX; corpus.alphabet.len()];
    let mut alphabet: Vec<char> = Vec::new();
    let mut ids: Vec<u32> = Vec::new();
    let mut texts = String::new();
    let mut doc_kinds = Vec::with_capacity(docs.len());
    let mut table = Vec::with_capacity(docs.len() * 16);
    for d in docs.clone() {
        let item = index.doc(d)?;
        corpus.doc(d).for_each(|id| {
            let slot = local.get_mut(id as usize);
            let l = match slot {
                Some(l) if *l != u32::MAX => *l,
                Some(l) => {
                    *l = alphabet.len() as u32;
                    alphabet.push(corpus.alphabet.get(id as usize).copied().unwrap_or(' '));
                    *l
                }
                None => 0,
            };
            ids.push(l);
        });
        let id = if item.kind == ItemKind::Project {
            ""
        } else {
            item.id
        };
        texts.push_str(id);
        texts.push_str(item.text);
        doc_kinds.push(kind_code(item.kind));
        for n in [item.line, id.len(), item.text.len(), ids.len()] {
            table.extend_from_slice(&u32::try_from(n).ok()?.to_le_bytes());
        }
    }
    let wide = alphabet.len() > 1 << 16;
    let mut out = Vec::with_capacity(
        HEADER + table.len() + texts.len() + ids.len() * 2 + docs.len() * (BLOOMS * 8 + 1),
    );
    out.extend_from_slice(&[0; 8]);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&hash.to_le_bytes());
    let counts = [
        docs.len(),
        kinds.len(),
        alphabet.len(),
        ids.len(),
        texts.len(),
        usize::from(wide),
    ];
    for n in counts {
        out.extend_from_slice(&u32::try_from(n).ok()?.to_le_bytes());
    }
    out.extend(kinds.iter().map(|&k| area_code(k)));
    for c in &alphabet {
        out.extend_from_slice(&u32::from(*c).to_le_bytes());
    }
    out.extend_from_slice(&doc_kinds);
    out.extend_from_slice(&table);
    for id in ids {
        match wide {
            true => out.extend_from_slice(&id.to_le_bytes()),
            false => out.extend_from_slice(&(id as u16).to_le_bytes()),
        }
    }
    for d in docs {
        let bloom = corpus.bloom.get(d).copied().unwrap_or_default();
        let py = py.bloom.get(d).copied().unwrap_or_default();
        for word in bloom.into_iter().chain(py) {
            out.extend_from_slice(&word.to_le_bytes());
        }
    }
    out.extend_from_slice(texts.as_bytes());
    let sum = checksum(&out[8..]);
    out[..8].copy_from_slice(&sum.to_le_bytes());
    Some(out)
}

fn checksum(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// A plan's entry, checked: see [`read_entry`].
#[derive(Debug)]
pub struct StoredPlan<'a> {
    docs: usize,
    kinds: Vec<AreaKind>,
    alphabet: Vec<char>,
    doc_kinds: &'a [u8],
    /// Per document: line, id's length, text's length, and the end of its
    /// char ids, each a u32.
    table: &'a [u8],
    ids: &'a [u8],
    wide: bool,
    blooms: &'a [u8],
    texts: &'a str,
}

/// The sizes the entry in `bytes` gives, unchecked: a guess at the room
/// it takes, no more (no larger than the entry).
pub fn entry_sizes(bytes: &[u8]) -> Sizes {
    let counts = bytes.get(HEADER - 24..).unwrap_or(&[]);
    let count = |i| u32_at(counts, i).map_or(0, |n| (n as usize).min(bytes.len()));
    Sizes {
        docs: count(0),
        bytes: count(4),
        chars: count(3),
    }
}

/// Takes `n` bytes off the front of `bytes`.
fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    let (head, rest) = bytes.split_at_checked(n)?;
    *bytes = rest;
    Some(head)
}

fn u32_at(bytes: &[u8], i: usize) -> Option<u32> {
    let word = bytes.get(i.checked_mul(4)?..)?.first_chunk::<4>()?;
    Some(u32::from_le_bytes(*word))
}

/// The entry in `bytes`, if it is whole and sound: of this version, made
/// from the plan whose content hash is `hash`, its checksum right, and
/// every count, length, id, kind and text boundary in it within bounds.
pub fn read_entry(bytes: &[u8], hash: u128) -> Option<StoredPlan<'_>> {
    let mut rest = bytes;
    let sum = u64::from_le_bytes(*take(&mut rest, 8)?.first_chunk()?);
    if sum != checksum(rest) {
        return None;
    }
    let version = u32_at(take(&mut rest, 4)?, 0)?;
    let named = u128::from_le_bytes(*take(&mut rest, 16)?.first_chunk()?);
    if version != VERSION || named != hash {
        return None;
    }
    let counts = take(&mut rest, 24)?;
    let count = |i| u32_at(counts, i).map(|n| n as usize);
    let (docs, areas, letters, chars, text_len) =
        (count(0)?, count(1)?, count(2)?, count(3)?, count(4)?);
    let wide = match count(5)? {
        0 => false,
        1 => true,
        _ => return None,
    };
    let kinds: Vec<AreaKind> = take(&mut rest, areas)?
        .iter()
        .map(|&k| area_kind(k))
        .collect::<Option<_>>()?;
    let mut alphabet = Vec::with_capacity(letters);
    for w in take(&mut rest, letters.checked_mul(4)?)?.chunks_exact(4) {
        alphabet.push(char::from_u32(u32::from_le_bytes([
            w[0], w[1], w[2], w[3],
        ]))?);
    }
    let doc_kinds = take(&mut rest, docs)?;
    let table = take(&mut rest, docs.checked_mul(16)?)?;
    let ids = take(&mut rest, chars.checked_mul(if wide { 4 } else { 2 })?)?;
    let blooms = take(&mut rest, docs.checked_mul(BLOOMS * 8)?)?;
    let texts = simdutf8::basic::from_utf8(take(&mut rest, text_len)?).ok()?;
    if !rest.is_empty() {
        return None;
    }
    let plan = StoredPlan {
        docs,
        kinds,
        alphabet,
        doc_kinds,
        table,
        ids,
        wide,
        blooms,
        texts,
    };
    plan.sound().then_some(plan)
}

impl StoredPlan<'_> {
    /// Document `d`'s line, id length, text length and end of char ids.
    fn doc(&self, d: usize) -> [usize; 4] {
        let at = |i| u32_at(self.table, d * 4 + i).map_or(0, |n| n as usize);
        [at(0), at(1), at(2), at(3)]
    }

    /// The bytes of the char ids in `range`.
    fn id_bytes(&self, range: Range<usize>) -> &[u8] {
        let width = if self.wide { 4 } else { 2 };
        let bytes = self.ids.get(range.start * width..range.end * width);
        bytes.unwrap_or(&[])
    }

    /// The largest char id, in one pass the compiler can vectorize.
    fn largest_id(&self) -> Option<usize> {
        let largest = match self.wide {
            true => self
                .ids
                .chunks_exact(4)
                .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
                .max(),
            false => self
                .ids
                .chunks_exact(2)
                .map(|w| u32::from(u16::from_le_bytes([w[0], w[1]])))
                .max(),
        };
        largest.map(|id| id as usize)
    }

    /// Document `d`'s blooms, of its chars and of their readings.
    fn blooms(&self, d: usize) -> (Bloom, PinyinBloom) {
        let mut words = [0u64; BLOOMS];
        for (i, word) in words.iter_mut().enumerate() {
            let at = (d * BLOOMS + i) * 8;
            if let Some(w) = self.blooms.get(at..).and_then(<[u8]>::first_chunk::<8>) {
                *word = u64::from_le_bytes(*w);
            }
        }
        let [a, b, c, d, e, f] = words;
        ([a, b], [c, d, e, f])
    }

    /// True when the documents walk a plan's outline with one kind per
    /// area, their ids and texts tile the texts on char boundaries, their
    /// char ids run in order to the last, and every id is in the alphabet.
    fn sound(&self) -> bool {
        let mut walk = Walk::default();
        let (mut at, mut chars, mut areas) = (0, 0, 0);
        for d in 0..self.docs {
            let Some(&kind) = self.doc_kinds.get(d) else {
                return false;
            };
            if walk.step(kind).is_none() {
                return false;
            }
            areas += usize::from(kind == AREA);
            let [_, id_len, text_len, end] = self.doc(d);
            if kind == PROJECT && id_len != 0 {
                return false;
            }
            for len in [id_len, text_len] {
                at += len;
                if !self.texts.is_char_boundary(at) {
                    return false;
                }
            }
            if end < chars {
                return false;
            }
            chars = end;
        }
        let letters = self.alphabet.len();
        let width = if self.wide { 4 } else { 2 };
        areas == self.kinds.len()
            && at == self.texts.len()
            && chars * width == self.ids.len()
            && self.largest_id().is_none_or(|id| id < letters)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::EMBEDDED_PLAN;
    use crate::plan::load::parse_plan;
    use crate::search::build::tests::docs;

    fn plan() -> crate::plan::Plan {
        parse_plan(EMBEDDED_PLAN.as_bytes(), "embedded").unwrap_or_else(|e| panic!("{e}"))
    }

    fn kinds(plan: &crate::plan::Plan) -> Vec<AreaKind> {
        plan.areas.iter().map(|a| a.kind).collect()
    }

    /// Two plans from their items, and their entries.
    fn built(pinyin: bool) -> PlansBuilt {
        let plan = plan();
        let mut builder = PlansBuilder::default();
        builder.add_items(plan.items(), kinds(&plan), 1);
        // A plan cut short after its 40th item.
        let areas = plan
            .items()
            .take(40)
            .filter(|i| i.kind == ItemKind::Area)
            .count();
        builder.add_items(plan.items().take(40), kinds(&plan)[..areas].to_vec(), 2);
        builder.finish(pinyin)
    }

    #[test]
    fn a_plan_from_its_entry_indexes_as_from_its_items() {
        let fresh = built(true);
        assert_eq!(fresh.entries.len(), 2);
        let mut builder = PlansBuilder::default();
        for (hash, entry) in &fresh.entries {
            let stored = read_entry(entry, *hash);
            builder.add_stored(&stored.unwrap_or_else(|| panic!("entry {hash} refused")));
        }
        let again = builder.finish(true);
        assert!(again.entries.is_empty());
        assert_eq!(docs(&again.index), docs(&fresh.index));
        assert_eq!((again.starts, again.kinds), (fresh.starts, fresh.kinds));
        for query in [
            "项目",
            "gaosu",
            "zdxm",
            "'高质量 !发展",
            "^推动",
            "xiang | 港",
        ] {
            assert_eq!(
                again.index.search(query, None),
                fresh.index.search(query, None),
                "{query}"
            );
        }
        assert!(!fresh.index.search("gaosu", None).is_empty());
        // Without pinyin, the same pinyin-free hits.
        let plain = built(false);
        assert!(!plain.index.has_pinyin());
        assert_eq!(
            plain.index.search("项目", None),
            fresh.index.search("项目", None)
        );
    }

    #[test]
    fn an_alphabet_past_two_bytes_of_ids_stores_and_merges_alike() {
        let wide: String = (0x4E00u32..0x4E00 + 70_000)
            .filter_map(char::from_u32)
            .collect();
        let texts = ["甲乙", wide.as_str(), "乙丙"];
        let items = texts.iter().enumerate().map(|(a, text)| Item {
            target: ItemRef::Area(a),
            kind: ItemKind::Area,
            id: "1",
            text,
            line: a + 1,
        });
        let mut builder = PlansBuilder::default();
        builder.add_items(items, vec![AreaKind::Plan; 3], 7);
        let fresh = builder.finish(false);
        let (hash, entry) = &fresh.entries[0];
        let stored = read_entry(entry, *hash).unwrap_or_else(|| panic!("refused"));
        assert!(stored.wide);
        // After a plan of its own, and alone.
        for first in [true, false] {
            let mut builder = PlansBuilder::default();
            if first {
                builder.add_items(plan().items().take(5), vec![AreaKind::Plan], 1);
            }
            builder.add_stored(&stored);
            let again = builder.finish(false);
            let skip = if first { 5 } else { 0 };
            assert_eq!(docs(&again.index)[skip..], docs(&fresh.index)[..]);
            for query in ["乙", "丙乙", "甲乙"] {
                let hits = |index: &SearchIndex, skip: usize| -> Vec<(usize, i64)> {
                    let hits = index.search(query, None).into_iter();
                    hits.filter(|h| h.doc >= skip)
                        .map(|h| (h.doc - skip, h.score))
                        .collect()
                };
                let found = hits(&fresh.index, 0);
                assert!(query != "乙" || found.len() == 3, "{found:?}");
                assert_eq!(hits(&again.index, skip), found, "{query}");
            }
        }
    }

    #[test]
    fn an_entry_of_another_plan_or_version_or_damaged_anyhow_is_refused() {
        let fresh = built(false);
        let (hash, entry) = &fresh.entries[1];
        assert!(read_entry(entry, *hash).is_some());
        assert!(read_entry(entry, hash + 1).is_none());
        for cut in [0, 7, 8, HEADER, entry.len() / 2, entry.len() - 1] {
            assert!(read_entry(&entry[..cut], *hash).is_none(), "cut at {cut}");
        }
        let mut longer = entry.clone();
        longer.push(0);
        assert!(read_entry(&longer, *hash).is_none());
        // Every byte flipped, one at a time: the checksum refuses each.
        for at in 0..entry.len() {
            let mut bad = entry.clone();
            bad[at] ^= 0x20;
            assert!(read_entry(&bad, *hash).is_none(), "byte {at} flipped");
        }
    }

    /// An entry whose checksum is made right after it is changed: the
    /// checks behind the checksum refuse it all the same.
    fn resealed(entry: &[u8], at: usize, byte: u8) -> Vec<u8> {
        let mut bad = entry.to_vec();
        bad[at] = byte;
        let sum = checksum(&bad[8..]);
        bad[..8].copy_from_slice(&sum.to_le_bytes());
        bad
    }

    #[test]
    fn a_resealed_entry_with_a_bad_count_kind_or_id_is_refused() {
        let fresh = built(false);
        let (hash, entry) = &fresh.entries[1];
        let stored = read_entry(entry, *hash).unwrap_or_else(|| panic!("refused"));
        let (areas, letters) = (stored.kinds.len(), stored.alphabet.len());
        let sections = HEADER + areas + letters * 4;
        let cases = [
            (HEADER - 24, 0xFF),                // docs
            (HEADER - 4, 2),                    // width
            (HEADER, 9),                        // an area's kind
            (sections, TASK),                   // first document not an area
            (sections + 1, 7),                  // an unknown kind
            (sections + stored.docs + 4, 0xFF), // an id's length
        ];
        for (at, byte) in cases {
            assert!(
                read_entry(&resealed(entry, at, byte), *hash).is_none(),
                "at {at}"
            );
        }
        // An id past the alphabet.
        let ids = sections + stored.docs * 17;
        let bad = resealed(&resealed(entry, ids, 0xFF), ids + 1, 0xFF);
        assert!(read_entry(&bad, *hash).is_none());
    }
}
