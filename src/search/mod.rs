//! Search over a plan: one index of areas and tasks (by title), commitments
//! (by text) and named projects (each project of each commitment, pointing
//! at its commitment), shared by the command line and the terminal app.
//! Nothing here touches the terminal.
//!
//! # Matching
//!
//! A query is whitespace-separated terms, all of which must match (AND), in
//! fzf's extended syntax: `term` fuzzy, `'term` exact substring, `^term` at
//! the start, `term$` at the end (anchors skip leading and trailing
//! punctuation such as quotes and full stops), `!term` must not occur
//! (exactly, or by whole pinyin syllables). An empty query (or one of bare
//! operators) matches nothing. A term matches by the best of:
//!
//! - its characters, scored by fuzzy-matcher's `SkimMatcherV2`; 泸古速
//!   finds 泸古高速. Matched characters must lie at most [`MAX_GAP`] apart;
//! - full pinyin, syllable by syllable, one character per syllable, on
//!   contiguous characters, any reading of a character with several (长征 is
//!   changzheng); the last syllable may be unfinished (xianh finds 仙鹤);
//!   ü is typed v;
//! - pinyin initials of contiguous characters (xhzy finds 仙鹤纸业), used for
//!   a latin run that does not split into syllables.
//!
//! Latin letters and digits in the text match themselves, case-insensitively
//! (a term mixing latin text with pinyin, such as 3C产品, is typed as two
//! terms: `3c chanpin`).
//!
//! # Ranking
//!
//! A term scores as the fuzzy matcher scores characters (16 per matched
//! character, 4 more when it follows the previous one directly, minus
//! 3 + skipped characters per gap) less [`GAP_PENALTY`] per gap; a document
//! sums its terms' scores and loses a point per character before its first
//! match (at most 30) and a point per 12 characters of text (at most 20). Equal scores keep
//! document order: each area, then each of its tasks followed by its
//! commitments, each commitment followed by its projects.
//!
//! # Use
//!
//! [`SearchIndex::new`] builds the character side only (fast);
//! [`from_plan_json`] builds it straight from a plan file, indexing each area
//! on a second thread while the next is parsed (the one-shot `search`);
//! [`SearchIndex::pinyin_builder`] hands the rest to another thread and
//! [`SearchIndex::attach_pinyin`] adds it; a query run before that matches
//! characters only, so run it again once pinyin is attached. [`Searcher`]
//! narrows the previous results as a query grows; [`SearchIndex::hit`]
//! computes match indices for the rows actually shown.

mod build;
mod corpus;
mod halves;
mod matcher;
mod pinyin;
mod query;
mod rank;
mod syllable;
mod syntax;
mod texts;

#[cfg(test)]
mod tests;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use crate::plan::{Item, ItemKind, ItemRef, Plan};

pub use matcher::GAP_PENALTY;
pub use pinyin::{PinyinBuilder, PinyinIndex};
pub use query::{MAX_GAP, Query};
pub use rank::{Ranked, Searcher};

use build::IndexBuilder;
pub use build::{from_plan_json, load_with_index};
use corpus::Corpus;
use texts::Texts;

static NEXT_SERIAL: AtomicUsize = AtomicUsize::new(0);

/// One match, as the command line prints it and the app lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    /// The document's number in the index (document order).
    #[serde(skip)]
    pub doc: usize,
    /// The item; for a project, its commitment.
    #[serde(skip)]
    pub target: ItemRef,
    /// The item's id; for a project, its commitment's.
    pub id: String,
    pub kind: ItemKind,
    /// The title or sentence; for a project, its name.
    pub text: String,
    pub line: usize,
    pub score: i64,
    /// Char indices into `text` of the matched characters, ascending.
    pub matched: Vec<usize>,
}

/// How many items, bytes of ids and texts, and chars of texts.
fn sizes<'a>(items: impl Iterator<Item = Item<'a>>) -> (usize, usize, usize) {
    items.fold((0, 0, 0), |(n, b, c), item| {
        let b = b + item.id.len() + item.text.len();
        (n + 1, b, c + item.text.chars().count())
    })
}

/// [`SearchIndex::attach_pinyin`] was given another index's pinyin side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the pinyin index was built for another search index")]
pub struct WrongIndex;

/// The search index of one plan. `Send` and `Sync`.
#[derive(Debug)]
pub struct SearchIndex {
    texts: Texts,
    corpus: Arc<Corpus>,
    pinyin: Option<PinyinIndex>,
    serial: usize,
}

impl SearchIndex {
    /// Indexes `plan`'s characters, copying its texts; pinyin matching
    /// waits for [`attach_pinyin`](Self::attach_pinyin).
    pub fn new(plan: &Plan) -> SearchIndex {
        SearchIndex::from_items(plan.items())
    }

    /// Indexes the characters of a plan that the index shares with its
    /// owner, such as the app: the index reads the plan's texts and copies
    /// none.
    pub fn shared(plan: Arc<Plan>) -> SearchIndex {
        let (count, _, chars) = sizes(plan.items());
        let mut builder = IndexBuilder::shared(count, chars);
        for item in plan.items() {
            builder.push(item);
        }
        builder.finish_shared(plan)
    }

    /// Indexes the characters of `items` (a plan's, in document order, as
    /// [`Plan::items`] walks them), copying their texts.
    pub fn from_items<'a>(items: impl Iterator<Item = Item<'a>> + Clone) -> SearchIndex {
        // Sized up front: growing by doubling would leave the index's largest
        // buffers up to half empty, and a large plan pays for every page.
        let (count, bytes, chars) = sizes(items.clone());
        let mut builder = IndexBuilder::copying(count, bytes, chars);
        for item in items {
            builder.push(item);
        }
        builder.finish_copied()
    }

    fn assemble(texts: Texts, corpus: Arc<Corpus>) -> SearchIndex {
        SearchIndex {
            texts,
            corpus,
            pinyin: None,
            serial: NEXT_SERIAL.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// True when this is an index of `plan`: the same items in the same
    /// places, with the same ids and lines.
    pub fn indexes(&self, plan: &Plan) -> bool {
        if let Some(shared) = self.texts.plan()
            && std::ptr::eq(shared, plan)
        {
            return true;
        }
        let mut items = plan.items();
        let same = (0..self.len()).all(|d| {
            let (Some(doc), Some(item)) = (self.doc(d), items.next()) else {
                return false;
            };
            (doc.target, doc.kind, doc.id, doc.line) == (item.target, item.kind, item.id, item.line)
        });
        same && items.next().is_none()
    }

    /// Indexes characters and pinyin, on this thread.
    pub fn with_pinyin(plan: &Plan) -> SearchIndex {
        let mut index = SearchIndex::new(plan);
        let py = index.pinyin_builder().build();
        index.pinyin = Some(py);
        index
    }

    /// What building the pinyin side needs, to be moved to another thread.
    pub fn pinyin_builder(&self) -> PinyinBuilder {
        PinyinBuilder {
            corpus: Arc::clone(&self.corpus),
        }
    }

    /// Adds the pinyin side, unless it was built for another index.
    pub fn attach_pinyin(&mut self, pinyin: PinyinIndex) -> Result<(), WrongIndex> {
        if !Arc::ptr_eq(&pinyin.corpus, &self.corpus) {
            return Err(WrongIndex);
        }
        self.pinyin = Some(pinyin);
        Ok(())
    }

    pub fn has_pinyin(&self) -> bool {
        self.pinyin.is_some()
    }

    /// How many documents (areas, tasks, commitments, projects) are indexed.
    pub fn len(&self) -> usize {
        self.corpus.len()
    }

    pub fn is_empty(&self) -> bool {
        self.corpus.len() == 0
    }

    /// Document `doc`, in document order.
    pub fn doc(&self, doc: usize) -> Option<Item<'_>> {
        self.texts.item(doc)
    }

    /// Parses and compiles `query` for this index as it is now (with or
    /// without pinyin).
    pub fn compile(&self, query: &str) -> Query {
        query::compile(syntax::parse(query), &self.corpus, self.pinyin.as_ref())
    }

    /// Every matching document with its score, best first, ties in document
    /// order; no match indices. The app's path: rank, then [`hit`](Self::hit)
    /// the visible rows.
    pub fn rank(&self, query: &str) -> Vec<Ranked> {
        self.rank_query(&self.compile(query))
    }

    pub fn rank_query(&self, query: &Query) -> Vec<Ranked> {
        rank::rank_docs(self, query, None)
    }

    /// The hit for document `doc`, with match indices, or None when it does
    /// not match `query`.
    pub fn hit(&self, doc: usize, query: &str) -> Option<SearchHit> {
        self.hit_query(&self.compile(query), doc)
    }

    pub fn hit_query(&self, query: &Query, doc: usize) -> Option<SearchHit> {
        self.hit_with(&mut rank::Scorer::new(self, query), doc)
    }

    fn hit_with(&self, scorer: &mut rank::Scorer, doc: usize) -> Option<SearchHit> {
        let mut matched = Vec::new();
        let score = scorer.eval(doc, Some(&mut matched))?;
        let d = self.doc(doc)?;
        Some(SearchHit {
            doc,
            target: d.target,
            id: d.id.to_string(),
            kind: d.kind,
            text: d.text.to_string(),
            line: d.line,
            score,
            matched,
        })
    }

    /// The best `limit` hits (all when None), best first, with match indices.
    pub fn search(&self, query: &str, limit: Option<usize>) -> Vec<SearchHit> {
        let q = self.compile(query);
        let mut ranked = self.rank_query(&q);
        if let Some(limit) = limit {
            ranked.truncate(limit);
        }
        // One scorer for every hit: it keeps its buffers.
        let mut scorer = rank::Scorer::new(self, &q);
        ranked
            .iter()
            .filter_map(|r| self.hit_with(&mut scorer, r.doc))
            .collect()
    }

    /// Tells indexes apart, for [`Searcher`].
    fn identity(&self) -> usize {
        self.serial
    }
}
