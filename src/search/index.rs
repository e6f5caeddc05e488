//! The search index of one plan (or of several, for the library): what it
//! holds, how it is built and read, and the hits it gives.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use crate::plan::{Item, ItemKind, ItemRef, Plan};

use super::build::{IndexBuilder, Sizes, stream_index};
use super::corpus::Corpus;
use super::pinyin::{PinyinBuilder, PinyinIndex};
use super::query::{self, Query};
use super::rank::{self, Ranked};
use super::scorer::Scorer;

use super::syntax;
use super::texts::Texts;
use crate::plan::LoadError;
use crate::plan::load::parse_plan;

/// Indexes plan JSON (`name` is for error messages) with two threads: one
/// parses and hands each area to the other, which checks and indexes it, so
/// the index is ready soon after the parse ends. The index keeps `source`
/// and points into it. Accepts and rejects exactly what
/// [`parse_plan`] does: on any doubt it runs `parse_plan`, which explains
/// the fault, and indexes its plan.
pub fn from_plan_json(source: Vec<u8>, name: &str) -> Result<SearchIndex, LoadError> {
    if let Some(builder) = stream_index(&source) {
        match builder.finish(source) {
            Ok((texts, corpus)) => return Ok(SearchIndex::assemble(texts, corpus)),
            Err(source) => return from_plan(&source, name),
        }
    }
    from_plan(&source, name)
}

fn from_plan(source: &[u8], name: &str) -> Result<SearchIndex, LoadError> {
    parse_plan(source, name).map(|plan| SearchIndex::new(&plan))
}

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
    /// What the item is (area, task, commitment, project): written as
    /// `item`, as `show --json` writes it; `kind` is an area's kind there.
    #[serde(rename = "item")]
    pub kind: ItemKind,
    /// The title or sentence; for a project, its name.
    pub text: String,
    pub line: usize,
    pub score: i64,
    /// Char indices into `text` of the matched characters, ascending.
    pub matched: Vec<usize>,
}

/// [`SearchIndex::attach_pinyin`] was given another index's pinyin side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the pinyin index was built for another search index")]
pub struct WrongIndex;

/// The search index of one plan. `Send` and `Sync`.
#[derive(Debug)]
pub struct SearchIndex {
    pub(crate) texts: Texts,
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
        let sizes = Sizes::of(plan.items());
        let mut builder = IndexBuilder::shared(sizes.docs, sizes.chars);
        for item in plan.items() {
            builder.push(item);
        }
        let (texts, corpus) = builder.finish_shared(plan);
        SearchIndex::assemble(texts, corpus)
    }

    /// Indexes the characters of `items` (a plan's, in document order, as
    /// [`Plan::items`] walks them), copying their texts.
    pub fn from_items<'a>(items: impl Iterator<Item = Item<'a>> + Clone) -> SearchIndex {
        // Sized up front: growing by doubling would leave the index's largest
        // buffers up to half empty, and a large plan pays for every page.
        let sizes = Sizes::of(items.clone());
        let mut builder = IndexBuilder::copying(sizes.docs, sizes.bytes, sizes.chars);
        for item in items {
            builder.push(item);
        }
        let (texts, corpus) = builder.finish_copied();
        SearchIndex::assemble(texts, corpus)
    }

    pub(crate) fn assemble(texts: Texts, corpus: Corpus) -> SearchIndex {
        SearchIndex {
            texts,
            corpus: Arc::new(corpus),
            pinyin: None,
            serial: NEXT_SERIAL.fetch_add(1, Ordering::Relaxed),
        }
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

    /// The character side, shared with the pinyin side built for it.
    pub(crate) fn corpus(&self) -> &Arc<Corpus> {
        &self.corpus
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
        self.rank_within(query, None)
    }

    /// Scores `docs` (all documents when None) against `query`.
    pub(crate) fn rank_within(&self, query: &Query, docs: Option<&[Ranked]>) -> Vec<Ranked> {
        rank::rank_docs(&self.corpus, self.pinyin.as_ref(), query, docs)
    }

    /// The hit for document `doc`, with match indices, or None when it does
    /// not match `query`.
    pub fn hit(&self, doc: usize, query: &str) -> Option<SearchHit> {
        self.hit_query(&self.compile(query), doc)
    }

    pub fn hit_query(&self, query: &Query, doc: usize) -> Option<SearchHit> {
        self.hit_with(
            &mut Scorer::new(&self.corpus, self.pinyin.as_ref(), query),
            doc,
        )
    }

    fn hit_with(&self, scorer: &mut Scorer, doc: usize) -> Option<SearchHit> {
        let mut matched = Vec::new();
        let (score, _) = scorer.eval(doc, Some(&mut matched))?;
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
        let hits = self.search_ranked(query, limit);
        hits.into_iter().map(|(hit, _)| hit).collect()
    }

    /// [`search`](Self::search), each hit with what breaks a tie in its
    /// score (see [`Ranked`]).
    pub(crate) fn search_ranked(&self, query: &str, limit: Option<usize>) -> Vec<(SearchHit, u32)> {
        let q = self.compile(query);
        let mut ranked = self.rank_query(&q);
        if let Some(limit) = limit {
            ranked.truncate(limit);
        }
        // One scorer for every hit: it keeps its buffers.
        let mut scorer = Scorer::new(&self.corpus, self.pinyin.as_ref(), &q);
        ranked
            .iter()
            .filter_map(|r| Some((self.hit_with(&mut scorer, r.doc)?, r.tie)))
            .collect()
    }

    /// Tells indexes apart, for [`Searcher`](super::Searcher).
    pub(crate) fn identity(&self) -> usize {
        self.serial
    }
}

impl PinyinIndex {
    /// Builds the pinyin side for `index` on this thread.
    pub fn build(index: &SearchIndex) -> PinyinIndex {
        index.pinyin_builder().build()
    }
}
