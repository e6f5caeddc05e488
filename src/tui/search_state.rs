//! The search overlay's state: the query, its ranked hits, the selection, and
//! the hits of the last accepted search for n/N.

use crate::plan::{ItemKind, ItemRef, Plan};

/// A hit as the overlay lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct HitRow {
    /// The item to select: for a project, its commitment.
    pub item: ItemRef,
    pub kind: ItemKind,
    pub id: String,
    pub text: String,
    pub line: usize,
    /// Char indices of `text` to highlight.
    pub matched: Vec<usize>,
}

#[derive(Debug, Default)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<HitRow>,
    pub selected: usize,
    pub offset: usize,
    /// The tree's selection when the overlay opened, restored by Esc.
    pub saved_selection: Option<ItemRef>,
    /// Hits of the last accepted search, stepped through by n and N.
    pub accepted: Vec<ItemRef>,
    pub accepted_query: String,
    pub cursor: usize,
}

impl SearchState {
    pub fn new(_plan: &Plan) -> Self {
        SearchState::default()
    }

    pub fn open(&mut self, selection: Option<ItemRef>) {
        self.saved_selection = selection;
        self.query.clear();
        self.hits.clear();
        self.selected = 0;
        self.offset = 0;
    }

    pub fn push(&mut self, plan: &Plan, text: &str) {
        let mut query = self.query.clone();
        // A paste may hold newlines or tabs: they separate terms.
        query.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
        self.set_query(plan, query);
    }

    pub fn backspace(&mut self, plan: &Plan) {
        let mut query = self.query.clone();
        query.pop();
        self.set_query(plan, query);
    }

    pub fn set_query(&mut self, plan: &Plan, query: String) {
        self.query = query;
        self.hits = run_query(plan, &self.query);
        self.selected = 0;
        self.offset = 0;
    }

    pub fn move_by(&mut self, delta: isize) {
        self.select(self.selected.saturating_add_signed(delta));
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.hits.len().saturating_sub(1));
    }

    pub fn selected_hit(&self) -> Option<&HitRow> {
        self.hits.get(self.selected)
    }

    /// Keeps the accepted hits for n/N and returns the one to select.
    pub fn accept(&mut self) -> Option<ItemRef> {
        let hit = self.selected_hit()?.item;
        let mut items: Vec<ItemRef> = Vec::new();
        for h in &self.hits {
            if !items.contains(&h.item) {
                items.push(h.item);
            }
        }
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
        if height == 0 {
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }
}

/// Interim matcher until the search index lands: every term must appear.
pub fn run_query(plan: &Plan, query: &str) -> Vec<HitRow> {
    let terms: Vec<&str> = query.split_whitespace().collect();
    if terms.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    let mut consider = |item: ItemRef, kind: ItemKind, text: &str| {
        if terms.iter().all(|t| text.contains(t)) {
            let mut matched = Vec::new();
            for t in &terms {
                if let Some(b) = text.find(t) {
                    let start = text[..b].chars().count();
                    matched.extend(start..start + t.chars().count());
                }
            }
            matched.sort_unstable();
            matched.dedup();
            hits.push(HitRow {
                item,
                kind,
                id: plan.id_of(item).to_string(),
                text: text.to_string(),
                line: plan.line_of(item),
                matched,
            });
        }
    };
    for (a, area) in plan.areas.iter().enumerate() {
        consider(ItemRef::Area(a), ItemKind::Area, &area.title);
        for (t, task) in area.tasks.iter().enumerate() {
            consider(ItemRef::Task(a, t), ItemKind::Task, &task.title);
            for (c, commitment) in task.commitments.iter().enumerate() {
                consider(
                    ItemRef::Commitment(a, t, c),
                    ItemKind::Commitment,
                    &commitment.text,
                );
            }
        }
    }
    hits
}

/// The commitments a filter query matches (through their text or a project),
/// or None for an empty query.
pub fn matching_commitments(
    plan: &Plan,
    query: &str,
) -> Option<std::collections::HashSet<ItemRef>> {
    query.split_whitespace().next()?;
    Some(
        run_query(plan, query)
            .into_iter()
            .filter(|h| matches!(h.item, ItemRef::Commitment(..)))
            .map(|h| h.item)
            .collect(),
    )
}
