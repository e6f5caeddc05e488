//! The search overlay's state: the index, the query and its ranked results,
//! the selection, and the hits of the last accepted search for n/N. Match
//! indices are computed only for the rows on screen.

use std::collections::HashSet;

use crate::plan::{ItemRef, Plan};
use crate::search::{PinyinIndex, Ranked, SearchHit, SearchIndex, Searcher};

#[derive(Debug)]
pub struct SearchState {
    pub index: SearchIndex,
    searcher: Searcher,
    pub query: String,
    pub selected: usize,
    pub offset: usize,
    /// The tree's selection when the overlay opened, restored by Esc.
    pub saved_selection: Option<ItemRef>,
    /// Items of the last accepted search, stepped through by n and N.
    pub accepted: Vec<ItemRef>,
    pub accepted_query: String,
    pub cursor: usize,
}

impl SearchState {
    /// An index with its pinyin side built now.
    pub fn new(plan: &Plan) -> Self {
        Self::with_index(SearchIndex::with_pinyin(plan))
    }

    pub fn with_index(index: SearchIndex) -> Self {
        SearchState {
            index,
            searcher: Searcher::new(),
            query: String::new(),
            selected: 0,
            offset: 0,
            saved_selection: None,
            accepted: Vec::new(),
            accepted_query: String::new(),
            cursor: 0,
        }
    }

    /// Adds the pinyin side built in the background and runs the query
    /// again, so a pinyin query typed before it was ready gets its results.
    pub fn attach_pinyin(&mut self, pinyin: PinyinIndex) -> bool {
        if self.index.attach_pinyin(pinyin).is_err() {
            return false;
        }
        let query = self.query.clone();
        self.run(query);
        true
    }

    pub fn results(&self) -> &[Ranked] {
        self.searcher.results()
    }

    /// The full hit for result `i`, with its match indices.
    pub fn hit(&self, i: usize) -> Option<SearchHit> {
        let ranked = self.results().get(i)?;
        self.searcher.hit(&self.index, ranked.doc)
    }

    pub fn open(&mut self, selection: Option<ItemRef>) {
        self.saved_selection = selection;
        self.run(String::new());
    }

    pub fn push(&mut self, text: &str) {
        let mut query = self.query.clone();
        // A paste may hold newlines or tabs: they separate terms.
        query.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
        self.run(query);
    }

    pub fn backspace(&mut self) {
        let mut query = self.query.clone();
        query.pop();
        self.run(query);
    }

    pub fn run(&mut self, query: String) {
        self.searcher.search(&self.index, &query);
        self.query = query;
        self.selected = 0;
        self.offset = 0;
    }

    pub fn move_by(&mut self, delta: isize) {
        self.select(self.selected.saturating_add_signed(delta));
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.results().len().saturating_sub(1));
    }

    fn item_of(&self, ranked: &Ranked) -> Option<ItemRef> {
        self.index.doc(ranked.doc).map(|d| d.target)
    }

    /// The item the selected hit points at.
    pub fn selected_item(&self) -> Option<ItemRef> {
        self.results()
            .get(self.selected)
            .and_then(|r| self.item_of(r))
    }

    /// Keeps the accepted hits for n/N and returns the one to select.
    pub fn accept(&mut self) -> Option<ItemRef> {
        let hit = self.selected_item()?;
        let mut seen = HashSet::new();
        let items: Vec<ItemRef> = self
            .results()
            .iter()
            .filter_map(|r| self.item_of(r))
            .filter(|item| seen.insert(*item))
            .collect();
        self.cursor = items.iter().position(|&i| i == hit).unwrap_or(0);
        self.accepted = items;
        self.accepted_query = self.query.clone();
        Some(hit)
    }

    /// The next (or previous) accepted hit, wrapping around.
    pub fn step(&mut self, delta: isize) -> Option<ItemRef> {
        let n = self.accepted.len();
        if n == 0 {
            return None;
        }
        self.cursor = (self.cursor as isize + delta).rem_euclid(n as isize) as usize;
        self.accepted.get(self.cursor).copied()
    }

    pub fn keep_in_view(&mut self, height: usize) {
        self.offset = crate::tui::layout::scroll_to(self.selected, self.offset, height);
    }

    /// The commitments a filter query matches, through their text or one of
    /// their projects; None for an empty query.
    pub fn matching_commitments(&self, query: &str) -> Option<HashSet<ItemRef>> {
        query.split_whitespace().next()?;
        Some(
            self.index
                .rank(query)
                .iter()
                .filter_map(|r| self.item_of(r))
                .filter(|item| matches!(item, ItemRef::Commitment(..)))
                .collect(),
        )
    }
}
