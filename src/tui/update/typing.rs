//! Modes with a typed line: the search overlay, the targets filter and the
//! unit picker. (The `:` prompt is with browsing, where it jumps.)

use crate::tui::action::{Action, Mode};
use crate::tui::app::{App, Focus};
use crate::tui::layout::{clicked_row, shown_from, units_list};
use crate::tui::line::{Edited, LineEdit};

impl App {
    pub(crate) fn search_action(&mut self, action: Action) {
        let page = self.regions().search_rows().max(1) as isize;
        match action {
            Action::ToggleAllPlans => self.toggle_all_plans(),
            Action::Accept if self.search.all_plans() => self.accept_plan_hit(),
            Action::Input(c) => self.search.insert(&c.to_string()),
            Action::Paste(text) => self.search.insert(&text),
            Action::Edit(edit) => self.search.edit(edit),
            Action::Down => self.search.move_by(1),
            Action::Up => self.search.move_by(-1),
            Action::PageDown => self.search.move_by(page),
            Action::PageUp => self.search.move_by(-page),
            Action::HistoryPrev => {
                self.search.recall(true);
            }
            Action::HistoryNext => {
                self.search.recall(false);
            }
            Action::TogglePreview => {
                self.search.preview = !self.search.preview;
                if self.search.preview && self.regions().search_parts().preview.is_none() {
                    self.status = Some("no room for the preview at this size".to_string());
                }
            }
            Action::Accept => {
                self.search.remember();
                if let Some(item) = self.search.accept() {
                    self.reveal(item);
                    self.focus = Focus::Tree;
                }
                self.mode = Mode::Browse;
            }
            Action::Back => {
                self.search.remember();
                if let Some(item) = self.search.saved_selection {
                    self.tree.select_item(item);
                }
                self.mode = Mode::Browse;
            }
            Action::Click { column, row } => {
                let list = self.regions().search_list();
                let len = self.search.results().len();
                match clicked_row(list, self.search.offset, len, column, row) {
                    Some(i) if i == self.search.selected => self.search_action(Action::Accept),
                    Some(i) => self.search.select(i),
                    None => {}
                }
            }
            Action::ScrollDown { .. } => self.search.move_by(3),
            Action::ScrollUp { .. } => self.search.move_by(-3),
            _ => {}
        }
    }

    /// The targets filter: the rows follow each change of its text.
    pub(crate) fn filter_action(&mut self, action: Action) {
        let edited = match action {
            Action::Input(c) => self.targets.filter.insert(&c.to_string()),
            Action::Paste(text) => self.targets.filter.insert(&text),
            Action::Edit(edit) => self.targets.filter.edit(edit),
            Action::Down => return self.targets.move_by(1),
            Action::Up => return self.targets.move_by(-1),
            Action::Accept => return self.mode = Mode::Targets,
            Action::Back => {
                self.mode = Mode::Targets;
                self.targets.filter = LineEdit::default();
                Edited::Text
            }
            _ => return,
        };
        if edited == Edited::Text {
            self.targets.refilter(&self.plan);
        }
    }

    /// The unit picker: typing narrows the units, Enter shows the chosen one.
    pub(crate) fn units_action(&mut self, action: Action) {
        let edited = match action {
            Action::Input(c) => self.units.line.insert(&c.to_string()),
            Action::Paste(text) => self.units.line.insert(&text),
            Action::Edit(edit) => self.units.line.edit(edit),
            Action::Down | Action::ScrollDown { .. } => return self.units.move_by(1),
            Action::Up | Action::ScrollUp { .. } => return self.units.move_by(-1),
            Action::Click { column, row } => {
                let list = units_list(self.regions().body, self.units.choices.len());
                let first = shown_from(self.units.selected, list.height as usize);
                let len = self.units.choices.len();
                return match clicked_row(list, first, len, column, row) {
                    Some(i) if i == self.units.selected => self.units_action(Action::Accept),
                    Some(i) => self.units.selected = i,
                    None => {}
                };
            }
            Action::Accept => {
                if let Some(choice) = self.units.chosen() {
                    let unit = choice.unit.clone();
                    self.targets.set_unit(&self.plan, unit);
                }
                return self.mode = Mode::Targets;
            }
            Action::Back => return self.mode = Mode::Targets,
            _ => return,
        };
        if edited == Edited::Text {
            self.units.narrow();
        }
    }
}
