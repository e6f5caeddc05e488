//! The tree as one flat vector of visible rows, rebuilt only when a node is
//! opened or closed. Drawing takes just the rows in view, so a plan of
//! 100,000 commitments costs no more per frame than a small one.
//!
//! A jump (to a search hit, a target, an id) opens the ancestors it needs
//! and remembers which it opened; the next jump closes them again, unless
//! the user has opened or closed one of them, or something inside one, in
//! between. So the tree shows the user's own folds plus the last jump's.

use std::collections::HashSet;

use crate::plan::{ItemRef, Plan};

#[derive(Debug, Default, Clone)]
pub struct TreeState {
    /// Areas and tasks that are open.
    pub expanded: HashSet<ItemRef>,
    /// Nodes the last jump opened, which the next jump closes.
    pub jump_opened: Vec<ItemRef>,
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

    /// Opens or closes a node at the user's request: it, and the nodes
    /// around it, are the user's from now on.
    pub fn set_expanded(&mut self, plan: &Plan, item: ItemRef, open: bool) {
        self.jump_opened
            .retain(|n| *n != item && !Self::ancestors(item).contains(n));
        let changed = if open {
            Self::has_children(plan, item) && self.expanded.insert(item)
        } else {
            self.expanded.remove(&item)
        };
        if changed {
            self.rebuild(plan);
        }
    }

    /// Jumps to an item: closes what the previous jump opened (but for the
    /// item's own ancestors), opens the item's ancestors, remembering which
    /// were closed, and selects it.
    pub fn reveal(&mut self, plan: &Plan, item: ItemRef) {
        let ancestors = Self::ancestors(item);
        let mut opened = Vec::new();
        for node in std::mem::take(&mut self.jump_opened) {
            if ancestors.contains(&node) {
                opened.push(node);
            } else {
                self.expanded.remove(&node);
            }
        }
        for node in ancestors {
            if self.expanded.insert(node) {
                opened.push(node);
            }
        }
        self.jump_opened = opened;
        self.rebuild(plan);
        if let Some(i) = self.position(item) {
            self.selected = i;
        }
    }

    /// The area and task an item sits in, outermost first.
    pub fn ancestors(item: ItemRef) -> Vec<ItemRef> {
        match item {
            ItemRef::Area(_) => Vec::new(),
            ItemRef::Task(a, _) => vec![ItemRef::Area(a)],
            ItemRef::Commitment(a, t, _) => vec![ItemRef::Area(a), ItemRef::Task(a, t)],
        }
    }

    /// Opens every area and task, keeping the selection.
    pub fn expand_all(&mut self, plan: &Plan) {
        for (a, area) in plan.areas.iter().enumerate() {
            if !area.tasks.is_empty() {
                self.expanded.insert(ItemRef::Area(a));
            }
            for (t, task) in area.tasks.iter().enumerate() {
                if !task.commitments.is_empty() {
                    self.expanded.insert(ItemRef::Task(a, t));
                }
            }
        }
        self.jump_opened.clear();
        self.rebuild(plan);
    }

    /// Closes everything; the selection moves to its area.
    pub fn collapse_all(&mut self, plan: &Plan) {
        let area = self.selected_item().map(|item| ItemRef::Area(item.area()));
        self.expanded.clear();
        self.jump_opened.clear();
        self.rebuild(plan);
        if let Some(area) = area {
            self.select_item(area);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::load_embedded;

    #[test]
    fn a_jump_closes_what_the_last_jump_opened() {
        let plan = load_embedded().unwrap();
        let mut tree = TreeState::new(&plan);
        let areas = tree.rows.len();
        tree.reveal(&plan, plan.find("3.3.1").unwrap());
        let opened = plan.areas[2].tasks.len() + plan.task(2, 2).commitments.len();
        assert_eq!(tree.rows.len(), areas + opened, "area 3 and task 3.3 open");
        tree.reveal(&plan, plan.find("6.2.1").unwrap());
        assert!(!tree.is_expanded(ItemRef::Area(2)), "area 3 closed again");
        assert!(tree.is_expanded(ItemRef::Area(5)));
        // A jump within the same task keeps its ancestors open.
        tree.reveal(&plan, plan.find("6.2.2").unwrap());
        assert!(tree.is_expanded(ItemRef::Task(5, 1)));
        assert_eq!(plan.id_of(tree.selected_item().unwrap()), "6.2.2");
    }

    #[test]
    fn what_the_user_opens_stays_open() {
        let plan = load_embedded().unwrap();
        let mut tree = TreeState::new(&plan);
        tree.set_expanded(&plan, ItemRef::Area(1), true);
        tree.reveal(&plan, plan.find("2.1.1").unwrap());
        // The user opens another task in the area the jump opened: the area
        // is the user's now.
        tree.reveal(&plan, plan.find("3.3.1").unwrap());
        tree.set_expanded(&plan, ItemRef::Task(2, 0), true);
        tree.reveal(&plan, plan.find("6.2.1").unwrap());
        assert!(tree.is_expanded(ItemRef::Area(1)), "opened by the user");
        assert!(!tree.is_expanded(ItemRef::Task(1, 0)), "opened by a jump");
        assert!(
            tree.is_expanded(ItemRef::Area(2)),
            "the user opened inside it"
        );
        assert!(!tree.is_expanded(ItemRef::Task(2, 2)), "opened by a jump");
    }

    #[test]
    fn expand_all_and_collapse_all_keep_the_selection_near() {
        let plan = load_embedded().unwrap();
        let mut tree = TreeState::new(&plan);
        tree.select(2);
        tree.expand_all(&plan);
        let items = plan.items();
        let nodes = items.filter(|i| i.kind != crate::plan::ItemKind::Project);
        assert_eq!(tree.rows.len(), nodes.count());
        assert_eq!(tree.selected_item(), Some(ItemRef::Area(2)));
        tree.reveal(&plan, plan.find("3.2.1").unwrap());
        tree.collapse_all(&plan);
        assert_eq!(tree.rows.len(), plan.areas.len());
        assert_eq!(tree.selected_item(), Some(ItemRef::Area(2)));
    }
}
