//! Full-screen lists: the targets table, the overview and the help.

use crate::plan::stats::{Scope, Summary};
use crate::tui::action::{Action, Mode};
use crate::tui::app::App;
use crate::tui::cite;
use crate::tui::hints::help_lines;
use crate::tui::layout::{clicked_row, shown_from};
use crate::tui::line::LineEdit;

/// How far a list moves for an action that moves through it, with `page`
/// rows to a page.
fn list_step(action: &Action, page: isize) -> Option<isize> {
    let page = page.max(1);
    Some(match action {
        Action::Down | Action::ScrollDown { .. } => 1,
        Action::Up | Action::ScrollUp { .. } => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::HalfPageDown => (page / 2).max(1),
        Action::HalfPageUp => -(page / 2).max(1),
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => return None,
    })
}

impl App {
    pub(crate) fn targets_action(&mut self, action: Action) {
        let page = self.regions().list_rows() as isize;
        if let Some(step) = list_step(&action, page) {
            return self.targets.move_by(step);
        }
        match action {
            Action::CycleSort => self.targets.cycle_sort(&self.plan),
            Action::PickUnit => {
                let counts = self.targets.unit_counts(&self.plan);
                let current = self.targets.unit.as_deref();
                self.units.open(&self.plan, counts, current);
                self.mode = Mode::Units;
            }
            Action::ToggleScope => self.toggle_scope(),
            Action::OpenSearch => {
                self.targets.filter = LineEdit::selecting(&self.targets.filter.text);
                self.mode = Mode::Filter;
            }
            Action::Accept => {
                if let Some(item) = self.targets.selected_item() {
                    self.reveal(item);
                    self.mode = Mode::Browse;
                }
            }
            Action::Copy => {
                let selected = self.targets.rows.get(self.targets.selected).copied();
                let found = selected.and_then(|r| r.target(&self.plan).map(|t| (r.item, t)));
                if let Some((item, target)) = found {
                    let text = cite::target_text(&self.plan, item, target);
                    self.copied(text, item);
                }
            }
            Action::Click { column, row } => {
                let list = self.regions().targets_list();
                let len = self.targets.rows.len();
                match clicked_row(list, self.targets.offset, len, column, row) {
                    Some(i) if i == self.targets.selected => self.targets_action(Action::Accept),
                    Some(i) => self.targets.selected = i,
                    None => {}
                }
            }
            Action::ShowOverview => self.mode = Mode::Overview,
            Action::Back => self.mode = Mode::Browse,
            _ => {}
        }
    }

    /// Counts review and outlook areas too, or this year's plan only, in
    /// the targets table and the overview alike.
    fn toggle_scope(&mut self) {
        let scope = match self.summary.scope {
            Scope::Plan => Scope::All,
            Scope::All => Scope::Plan,
        };
        self.summary = Summary::new(&self.plan, scope);
        self.targets.set_scope(&self.plan, scope);
        self.overview.selected = 0;
        self.status = Some(match scope {
            Scope::Plan => "this year's plan only".to_string(),
            Scope::All => "every area: review (回顾) and outlook (展望) too".to_string(),
        });
    }

    pub(crate) fn help_action(&mut self, action: Action) {
        if action == Action::Back {
            self.mode = self.previous_mode;
            return;
        }
        let Some(step) = list_step(&action, self.page()) else {
            return;
        };
        let max = help_lines(self.options.ascii)
            .len()
            .saturating_sub(self.regions().body_rows());
        self.help_scroll = self.help_scroll.saturating_add_signed(step).min(max);
    }

    pub(crate) fn overview_action(&mut self, action: Action) {
        let count = self.summary.amounts.len();
        let areas = self.overview_areas();
        let page = self.regions().amount_rows(areas) as isize;
        if let Some(step) = list_step(&action, page) {
            return self.overview.move_by(step, count);
        }
        match action {
            Action::Accept => {
                let selected = self.summary.amounts.get(self.overview.selected);
                if let Some(item) = selected.map(|a| a.item) {
                    self.reveal(item);
                    self.mode = Mode::Browse;
                }
            }
            Action::Click { column, row } => {
                let list = self.regions().amounts_list(areas);
                let first = shown_from(self.overview.selected, list.height as usize);
                match clicked_row(list, first, count, column, row) {
                    Some(i) if i == self.overview.selected => self.overview_action(Action::Accept),
                    Some(i) => self.overview.selected = i,
                    None => {}
                }
            }
            Action::ToggleScope => self.toggle_scope(),
            Action::ShowTargets => self.show_targets(),
            Action::Back => self.mode = Mode::Browse,
            _ => {}
        }
    }

    /// How many areas the overview charts: those in scope.
    pub fn overview_areas(&self) -> usize {
        let scope = self.summary.scope;
        self.plan.areas.iter().filter(|a| scope.includes(a)).count()
    }
}
