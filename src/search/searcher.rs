//! The [`Searcher`] of the app: it keeps a query's results, so that a query
//! typed one key further only scores them again.

use super::index::{SearchHit, SearchIndex};
use super::query::Query;
use super::rank::Ranked;

/// Keeps the last query and all its results, so that a query typed one
/// character further only re-scores the previous results.
#[derive(Debug, Default)]
pub struct Searcher {
    last: Option<(usize, Query)>,
    results: Vec<Ranked>,
    narrowed: bool,
}

impl Searcher {
    pub fn new() -> Searcher {
        Searcher::default()
    }

    /// All matches of `query`, best first. When `query` extends the previous
    /// one (see [`Query::narrows`]) on the same index with the same pinyin
    /// state, only the previous matches are scored again. Call it again with
    /// the same text after attaching pinyin: it then searches afresh.
    pub fn search(&mut self, index: &SearchIndex, query: &str) -> &[Ranked] {
        let q = index.compile(query);
        let key = index.identity();
        let narrow = matches!(&self.last, Some((k, old)) if *k == key && q.narrows(old));
        self.results = if narrow {
            index.rank_within(&q, Some(&self.results))
        } else {
            index.rank_within(&q, None)
        };
        self.narrowed = narrow;
        self.last = Some((key, q));
        &self.results
    }

    /// The results of the last search.
    pub fn results(&self) -> &[Ranked] {
        &self.results
    }

    /// True when the last search only re-scored the previous results.
    pub fn narrowed(&self) -> bool {
        self.narrowed
    }

    /// The full hit (with match indices) for a document of the last results:
    /// call it for the rows on screen only.
    pub fn hit(&self, index: &SearchIndex, doc: usize) -> Option<SearchHit> {
        let (key, q) = self.last.as_ref()?;
        if *key != index.identity() {
            return None;
        }
        index.hit_query(q, doc)
    }

    /// Forgets the last query and results.
    pub fn clear(&mut self) {
        *self = Searcher::default();
    }
}
