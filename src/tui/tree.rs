//! The tree as one flat vector of visible rows, rebuilt only when a node is
//! opened or closed. Drawing takes just the rows in view, so a plan of
//! 100,000 commitments costs no more per frame than a small one.

use std::collections::HashSet;

use crate::plan::{ItemRef, Plan};

#[derive(Debug, Default, Clone)]
pub struct TreeState {
    /// Areas and tasks that are open.
    pub expanded: HashSet<ItemRef>,
    /// Visible rows in document order.
    pub rows: Vec<ItemRef>,
    pub selected: usize,
    /// The first row in view.
    pub offset: usize,
}

impl TreeState {
    /// All areas closed, the first selected.
    pub fn new(plan: &Plan) -> Self {
        let mut state = TreeState::default();
        state.rebuild(plan);
        state
    }

    pub fn rebuild(&mut self, plan: &Plan) {
        let keep = self.selected_item();
        self.rows.clear();
        for (a, area) in plan.areas.iter().enumerate() {
            self.rows.push(ItemRef::Area(a));
            if !self.expanded.contains(&ItemRef::Area(a)) {
                continue;
            }
            for (t, task) in area.tasks.iter().enumerate() {
                self.rows.push(ItemRef::Task(a, t));
                if self.expanded.contains(&ItemRef::Task(a, t)) {
                    self.rows
                        .extend((0..task.commitments.len()).map(|c| ItemRef::Commitment(a, t, c)));
                }
            }
        }
        match keep.and_then(|item| self.position(item)) {
            Some(i) => self.selected = i,
            None => self.selected = self.selected.min(self.rows.len().saturating_sub(1)),
        }
    }

    fn position(&self, item: ItemRef) -> Option<usize> {
        // Rows are in document order, and ItemRef orders the same way.
        self.rows.binary_search(&item).ok()
    }

    pub fn selected_item(&self) -> Option<ItemRef> {
        self.rows.get(self.selected).copied()
    }

    pub fn is_expanded(&self, item: ItemRef) -> bool {
        self.expanded.contains(&item)
    }

    pub fn has_children(plan: &Plan, item: ItemRef) -> bool {
        match item {
            ItemRef::Area(a) => !plan.areas[a].tasks.is_empty(),
            ItemRef::Task(a, t) => !plan.task(a, t).commitments.is_empty(),
            ItemRef::Commitment(..) => false,
        }
    }

    pub fn set_expanded(&mut self, plan: &Plan, item: ItemRef, open: bool) {
        let changed = if open {
            Self::has_children(plan, item) && self.expanded.insert(item)
        } else {
            self.expanded.remove(&item)
        };
        if changed {
            self.rebuild(plan);
        }
    }

    /// Opens the item's ancestors and selects it.
    pub fn reveal(&mut self, plan: &Plan, item: ItemRef) {
        match item {
            ItemRef::Area(_) => {}
            ItemRef::Task(a, _) => {
                self.expanded.insert(ItemRef::Area(a));
            }
            ItemRef::Commitment(a, t, _) => {
                self.expanded.insert(ItemRef::Area(a));
                self.expanded.insert(ItemRef::Task(a, t));
            }
        }
        self.rebuild(plan);
        if let Some(i) = self.position(item) {
            self.selected = i;
        }
    }

    pub fn parent(item: ItemRef) -> Option<ItemRef> {
        match item {
            ItemRef::Area(_) => None,
            ItemRef::Task(a, _) => Some(ItemRef::Area(a)),
            ItemRef::Commitment(a, t, _) => Some(ItemRef::Task(a, t)),
        }
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.rows.len().saturating_sub(1));
    }

    pub fn select_item(&mut self, item: ItemRef) {
        if let Some(i) = self.position(item) {
            self.selected = i;
        }
    }

    /// Moves by `delta` rows, stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        let target = self.selected.saturating_add_signed(delta);
        self.select(target);
    }

    /// Keeps the selection within a viewport of `height` rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        if height == 0 {
            return;
        }
        self.offset = crate::tui::layout::scroll_to(self.selected, self.offset, height);
        let max_offset = self.rows.len().saturating_sub(height);
        self.offset = self.offset.min(max_offset);
    }
}
