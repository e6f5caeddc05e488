//! Browsing: the tree and the detail pane, jumps to an item (by search hit,
//! by `:` id), and copying the selection.

use crate::plan::ItemRef;
use crate::tui::action::{Action, Mode};
use crate::tui::app::{App, Effect, Focus};
use crate::tui::cite;
use crate::tui::line::LineEdit;
use crate::tui::picker::Purpose;
use crate::tui::tree::TreeState;

impl App {
    pub(crate) fn browse(&mut self, action: Action) {
        let page = match self.focus {
            Focus::Tree => self.page(),
            Focus::Detail => self.regions().detail_inner().height.max(1) as isize,
        };
        let half = (page / 2).max(1);
        let step = match action {
            Action::Down => Some(1),
            Action::Up => Some(-1),
            Action::PageDown => Some(page),
            Action::PageUp => Some(-page),
            Action::HalfPageDown => Some(half),
            Action::HalfPageUp => Some(-half),
            Action::Top => Some(isize::MIN / 2),
            Action::Bottom => Some(isize::MAX / 2),
            _ => None,
        };
        if let Some(step) = step {
            match self.focus {
                Focus::Tree => self.select_moved(step),
                Focus::Detail => self.scroll_detail(step),
            }
            return;
        }
        match action {
            Action::Collapse => self.collapse(),
            Action::Expand => self.expand(),
            Action::Toggle => self.toggle(),
            Action::ExpandAll => self.tree.expand_all(&self.plan),
            Action::CollapseAll => {
                self.tree.collapse_all(&self.plan);
                self.detail_scroll = 0;
            }
            Action::FocusNext => {
                self.focus = match self.focus {
                    Focus::Tree => Focus::Detail,
                    Focus::Detail => Focus::Tree,
                }
            }
            Action::OpenSearch => {
                self.search.open(self.selected());
                self.mode = Mode::Search;
            }
            Action::OpenGoto => {
                self.goto = LineEdit::default();
                self.mode = Mode::Goto;
            }
            Action::NextHit => self.step_hit(1),
            Action::PrevHit => self.step_hit(-1),
            Action::Copy => self.copy(),
            Action::ShowTargets => self.show_targets(),
            Action::ShowOverview => self.mode = Mode::Overview,
            Action::ShowPlans => self.show_plans(Purpose::Open),
            Action::ComparePlans => self.show_plans(Purpose::Compare),
            Action::Back => self.focus = Focus::Tree,
            Action::ScrollDown { column, row } => self.wheel(column, row, 3),
            Action::ScrollUp { column, row } => self.wheel(column, row, -3),
            Action::Click { column, row } => self.click(column, row),
            _ => {}
        }
    }

    pub(crate) fn select_moved(&mut self, delta: isize) {
        let before = self.tree.selected;
        self.tree.move_by(delta);
        if self.tree.selected != before {
            self.detail_scroll = 0;
        }
    }

    fn scroll_detail(&mut self, delta: isize) {
        self.detail_scroll = self.detail_scroll.saturating_add_signed(delta);
    }

    fn collapse(&mut self) {
        let Some(item) = self.selected() else { return };
        if self.tree.is_expanded(item) {
            self.tree.set_expanded(&self.plan, item, false);
        } else if let Some(parent) = TreeState::parent(item) {
            self.tree.select_item(parent);
            self.detail_scroll = 0;
        }
    }

    fn expand(&mut self) {
        let Some(item) = self.selected() else { return };
        if !TreeState::has_children(&self.plan, item) {
            self.show_leaf();
        } else if self.tree.is_expanded(item) {
            self.select_moved(1);
        } else {
            self.tree.set_expanded(&self.plan, item, true);
        }
    }

    fn toggle(&mut self) {
        let Some(item) = self.selected() else { return };
        if TreeState::has_children(&self.plan, item) {
            let open = !self.tree.is_expanded(item);
            self.tree.set_expanded(&self.plan, item, open);
        } else {
            self.show_leaf();
        }
    }

    /// Opening a leaf shows its detail when only one pane fits.
    fn show_leaf(&mut self) {
        if !self.regions().split {
            self.focus = Focus::Detail;
        }
    }

    fn wheel(&mut self, column: u16, row: u16, delta: isize) {
        let regions = self.regions();
        let at = (column, row).into();
        let detail = regions.detail.contains(at);
        let tree = regions.tree.contains(at);
        // One pane at a time: the wheel scrolls the one shown.
        match (regions.split, self.focus) {
            (true, _) if detail => self.scroll_detail(delta),
            (true, _) if tree => self.select_moved(delta),
            (false, Focus::Detail) if detail => self.scroll_detail(delta),
            (false, Focus::Tree) if tree => self.select_moved(delta),
            _ => {}
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        let regions = self.regions();
        let at = (column, row).into();
        let inner = regions.tree_inner();
        let tree_shown = regions.split || self.focus == Focus::Tree;
        if tree_shown && inner.contains(at) {
            let index = self.tree.offset + (row - inner.y) as usize;
            if index < self.tree.rows.len() {
                let before = self.tree.selected;
                self.tree.select(index);
                if before == index {
                    // A second click on the selected row opens or closes it.
                    self.toggle();
                } else {
                    self.detail_scroll = 0;
                    self.focus = Focus::Tree;
                }
            }
        } else if regions.split && regions.detail.contains(at) {
            self.focus = Focus::Detail;
        }
    }

    /// Jumps to an item: selects it, opening its ancestors and closing what
    /// the previous jump opened (see [`TreeState::reveal`]).
    pub fn reveal(&mut self, item: ItemRef) {
        self.tree.reveal(&self.plan, item);
        self.detail_scroll = 0;
    }

    fn step_hit(&mut self, delta: isize) {
        match self.search.step(delta) {
            Some(item) => {
                self.reveal(item);
                self.status = Some(format!(
                    "hit {}/{} of “{}”",
                    self.search.cursor + 1,
                    self.search.accepted.len(),
                    self.search.accepted_query
                ));
            }
            None => self.status = Some("no search yet: press / to search".to_string()),
        }
    }

    fn copy(&mut self) {
        let Some(item) = self.selected() else { return };
        let text = cite::item_text(&self.plan, item);
        self.copied(text, item);
    }

    /// Queues a copy and says so.
    pub(crate) fn copied(&mut self, text: String, item: ItemRef) {
        self.effects.push(Effect::Copy(text));
        self.status = Some(format!(
            "copied {} (line {}) to the clipboard",
            self.plan.id_of(item),
            self.plan.line_of(item)
        ));
    }

    /// The `:` prompt: type an id, Enter goes there.
    pub(crate) fn goto_action(&mut self, action: Action) {
        match action {
            Action::Input(c) => {
                self.goto.insert(&c.to_string());
            }
            Action::Paste(text) => {
                self.goto.insert(&text);
            }
            Action::Edit(edit) => {
                self.goto.edit(edit);
            }
            Action::Accept => {
                self.mode = Mode::Browse;
                self.go_to_typed_id();
            }
            Action::Back => self.mode = Mode::Browse,
            _ => {}
        }
    }

    fn go_to_typed_id(&mut self) {
        let id = self.goto.text.trim().trim_start_matches(':').trim();
        if id.is_empty() {
            return;
        }
        match self.plan.find(id) {
            Some(item) => {
                self.reveal(item);
                self.focus = Focus::Tree;
            }
            None => {
                self.status = Some(format!(
                    "no item {id} in this plan: ids look like 3, 3.2 or 3.2.1"
                ))
            }
        }
    }
}
