//! The search overlay's state: the index, the query line and its ranked
//! results, the selection, the session's query history, and the hits of
//! the last accepted search for n/N. Match indices are computed only for
//! the rows on screen (and the one the preview shows).

use std::collections::HashSet;

use crate::library::PlansIndex;
use crate::plan::{AreaKind, ItemRef, Plan};
use crate::search::{PinyinIndex, Ranked, SearchHit, SearchIndex, Searcher};
use crate::tui::line::{Edit, Edited, LineEdit};

/// What the search line covers.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Scope {
    #[default]
    Plan,
    /// Every plan of the library.
    All,
}

#[derive(Debug)]
pub struct SearchState {
    pub index: SearchIndex,
    /// The plan's character index is being built on another thread: `index`
    /// is empty until [`attach_index`](Self::attach_index) brings it.
    indexing: bool,
    searcher: Searcher,
    /// The query as typed, with its cursor.
    pub line: LineEdit,
    /// Queries of this session, oldest first, each once.
    pub history: Vec<String>,
    /// The history entry shown, while stepping through it.
    pub history_at: Option<usize>,
    /// What was typed before stepping into the history, to come back to.
    draft: String,
    /// Show the preview of the selected hit, where there is room.
    pub preview: bool,
    pub selected: usize,
    pub offset: usize,
    /// The tree's selection when the overlay opened, restored by Esc.
    pub saved_selection: Option<ItemRef>,
    /// Items of the last accepted search, stepped through by n and N.
    pub accepted: Vec<ItemRef>,
    pub accepted_query: String,
    pub cursor: usize,
    scope: Scope,
    /// The library's plans, indexed together, once built.
    all: Option<PlansIndex>,
    /// Whether the library's index has been asked for.
    all_asked: bool,
}

impl SearchState {
    /// An index with its pinyin side built now.
    pub fn new(plan: &Plan) -> Self {
        Self::with_index(SearchIndex::with_pinyin(plan))
    }

    /// The search of a plan the app opens: a small plan is indexed here and
    /// now (a few hundred microseconds, less than starting a thread and
    /// waking for its result); a large one on another thread, through
    /// [`attach_index`](Self::attach_index), so the first frame waits for
    /// no index (see `Session::start_index`).
    pub fn for_plan(plan: &std::sync::Arc<Plan>) -> Self {
        let documents: usize = plan
            .areas
            .iter()
            .flat_map(|a| &a.tasks)
            .map(|t| 1 + t.commitments.len())
            .sum();
        if documents < crate::search::PARALLEL_MIN {
            Self::with_index(SearchIndex::shared(std::sync::Arc::clone(plan)))
        } else {
            Self::indexing()
        }
    }

    /// A search whose index comes later, through
    /// [`attach_index`](Self::attach_index): the app's first frame does not
    /// wait for it, and a query typed before it is there is answered when
    /// it is.
    pub fn indexing() -> Self {
        SearchState {
            indexing: true,
            ..Self::with_index(SearchIndex::from_items(std::iter::empty()))
        }
    }

    pub fn with_index(index: SearchIndex) -> Self {
        SearchState {
            index,
            indexing: false,
            searcher: Searcher::new(),
            line: LineEdit::default(),
            history: Vec::new(),
            history_at: None,
            draft: String::new(),
            preview: true,
            selected: 0,
            offset: 0,
            saved_selection: None,
            accepted: Vec::new(),
            accepted_query: String::new(),
            cursor: 0,
            scope: Scope::Plan,
            all: None,
            all_asked: false,
        }
    }

    /// Whether the overlay has a preview: when switched on, for this
    /// plan's hits (a hit of another plan is not this plan's to show).
    pub fn shows_preview(&self) -> bool {
        self.preview && !self.all_plans()
    }

    /// True while the search line covers every plan of the library.
    pub fn all_plans(&self) -> bool {
        self.scope == Scope::All
    }

    /// The library's index, once built.
    pub fn plans_index(&self) -> Option<&PlansIndex> {
        self.all.as_ref()
    }

    /// Switches between this plan and every plan, searching again. Returns
    /// true when the library's index must be asked for.
    pub fn toggle_all_plans(&mut self) -> bool {
        self.scope = match self.scope {
            Scope::Plan => Scope::All,
            Scope::All => Scope::Plan,
        };
        let ask = self.all_plans() && !self.all_asked;
        self.all_asked |= ask;
        self.rerun();
        ask
    }

    /// Takes the library's index, built in the background.
    pub fn attach_all(&mut self, all: PlansIndex) -> bool {
        self.all = Some(all);
        if !self.all_plans() {
            return false;
        }
        self.rerun();
        true
    }

    /// Takes over what belongs to the session rather than to a plan from
    /// `old`, the search of the plan this one replaces: the query, the
    /// history, the preview switch, the scope and the library's index.
    pub fn adopt_session(&mut self, old: &mut SearchState) {
        self.line = std::mem::take(&mut old.line);
        self.history = std::mem::take(&mut old.history);
        self.preview = old.preview;
        self.scope = old.scope;
        self.all = old.all.take();
        self.all_asked = old.all_asked;
        self.rerun();
    }

    /// True until the plan's character index has come.
    pub fn is_indexing(&self) -> bool {
        self.indexing
    }

    /// Takes the plan's character index, built on another thread, and runs
    /// the query again, so that what was typed before it came gets its hits.
    pub fn attach_index(&mut self, index: SearchIndex) -> bool {
        self.index = index;
        self.indexing = false;
        self.rerun();
        true
    }

    /// The index the search line runs on: this plan's, or the library's
    /// (None while it is being built).
    fn active(&self) -> Option<&SearchIndex> {
        match self.scope {
            Scope::Plan if self.indexing => None,
            Scope::Plan => Some(&self.index),
            Scope::All => self.all.as_ref().map(|all| &all.index),
        }
    }

    /// The plan of result `i`, when searching every plan.
    pub fn plan_of_result(&self, i: usize) -> Option<&str> {
        let ranked = self.results().get(i)?;
        let all = self.all.as_ref().filter(|_| self.all_plans())?;
        all.plan_of(ranked.doc).map(|(name, _)| name)
    }

    /// The kind of the area result `i` stands in: this plan's, or, when
    /// searching every plan, its own plan's.
    pub fn kind_of_result(&self, plan: &Plan, i: usize) -> AreaKind {
        let Some(ranked) = self.results().get(i) else {
            return AreaKind::Plan;
        };
        let kind = match (&self.all, self.scope) {
            (Some(all), Scope::All) => all.kind_of(ranked.doc),
            _ => self
                .index
                .doc(ranked.doc)
                .and_then(|d| plan.areas.get(d.target.area()))
                .map(|a| a.kind),
        };
        kind.unwrap_or(AreaKind::Plan)
    }

    /// The selected hit's plan and item, when searching every plan.
    pub fn selected_plan_hit(&self) -> Option<(String, ItemRef)> {
        let ranked = self.results().get(self.selected)?;
        let all = self.all.as_ref().filter(|_| self.all_plans())?;
        let item = all.index.doc(ranked.doc)?.target;
        let (name, _) = all.plan_of(ranked.doc)?;
        Some((name.to_string(), item))
    }

    /// Adds the pinyin side built in the background and runs the query
    /// again, so a pinyin query typed before it was ready gets its results.
    pub fn attach_pinyin(&mut self, pinyin: PinyinIndex) -> bool {
        if self.index.attach_pinyin(pinyin).is_err() {
            return false;
        }
        self.rerun();
        true
    }

    /// The query as typed.
    pub fn query(&self) -> &str {
        &self.line.text
    }

    pub fn results(&self) -> &[Ranked] {
        self.searcher.results()
    }

    /// The full hit for result `i`, with its match indices.
    pub fn hit(&self, i: usize) -> Option<SearchHit> {
        let ranked = self.results().get(i)?;
        self.searcher.hit(self.active()?, ranked.doc)
    }

    /// Opens the overlay on the last query, selected, so that typing
    /// replaces it and Enter takes its hits again.
    pub fn open(&mut self, selection: Option<ItemRef>) {
        self.saved_selection = selection;
        self.line = LineEdit::selecting(&self.line.text);
        self.history_at = None;
        self.rerun();
    }

    /// Types or pastes text at the cursor. A paste may hold newlines or
    /// tabs: they become spaces, which separate terms.
    pub fn insert(&mut self, text: &str) {
        if self.line.insert(text) == Edited::Text {
            self.history_at = None;
            self.rerun();
        }
    }

    /// Moves the cursor or deletes, searching again when the text changed.
    pub fn edit(&mut self, edit: Edit) {
        if self.line.edit(edit) == Edited::Text {
            self.history_at = None;
            self.rerun();
        }
    }

    /// Replaces the query, the cursor at its end.
    pub fn set_query(&mut self, query: &str) {
        self.line.set(query);
        self.rerun();
    }

    fn rerun(&mut self) {
        let query = match self.active() {
            Some(_) => self.line.text.as_str(),
            // The index is on its way: nothing to show yet.
            None => "",
        };
        let index = match (&self.all, self.scope) {
            (Some(all), Scope::All) => &all.index,
            _ => &self.index,
        };
        self.searcher.search(index, query);
        self.selected = 0;
        self.offset = 0;
    }

    /// Keeps the query in the session's history, once, as the newest.
    pub fn remember(&mut self) {
        let query = self.line.text.trim();
        if query.is_empty() {
            return;
        }
        let query = query.to_string();
        self.history.retain(|q| *q != query);
        self.history.push(query);
        self.history_at = None;
    }

    /// Steps to an older (or newer) query of the history; past the newest
    /// comes back to what was typed. Returns whether it moved.
    pub fn recall(&mut self, older: bool) -> bool {
        let len = self.history.len();
        let next = match (self.history_at, older) {
            (None, false) | (Some(0), true) => return false,
            (None, true) => {
                self.draft = self.line.text.clone();
                // The newest entry is often what the line already shows.
                let shown = len > 0 && self.history[len - 1] == self.line.text.trim();
                match len.checked_sub(1 + shown as usize) {
                    Some(at) => Some(at),
                    None => return false,
                }
            }
            (Some(at), true) => Some(at - 1),
            (Some(at), false) => (at + 1 < len).then_some(at + 1),
        };
        self.history_at = next;
        let text = next.map_or_else(|| self.draft.clone(), |at| self.history[at].clone());
        self.line = LineEdit::with_text(&text);
        self.rerun();
        true
    }

    pub fn move_by(&mut self, delta: isize) {
        self.select(self.selected.saturating_add_signed(delta));
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.results().len().saturating_sub(1));
    }

    /// The item of a result of this plan's (None across plans).
    fn item_of(&self, ranked: &Ranked) -> Option<ItemRef> {
        if self.all_plans() {
            return None;
        }
        self.index.doc(ranked.doc).map(|d| d.target)
    }

    /// The item the selected hit points at.
    pub fn selected_item(&self) -> Option<ItemRef> {
        self.results()
            .get(self.selected)
            .and_then(|r| self.item_of(r))
    }

    /// Keeps the accepted hits, in document order, for n/N and returns the
    /// one to select.
    pub fn accept(&mut self) -> Option<ItemRef> {
        let hit = self.selected_item()?;
        let items: HashSet<ItemRef> = self
            .results()
            .iter()
            .filter_map(|r| self.item_of(r))
            .collect();
        let mut items: Vec<ItemRef> = items.into_iter().collect();
        items.sort();
        self.cursor = items.binary_search(&hit).unwrap_or(0);
        self.accepted = items;
        self.accepted_query = self.line.text.clone();
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
