//! The app's actions on other plans than the open one: the picker, the
//! compare view and the search across plans. What needs a file read (a
//! listing, a plan) is asked of the session as an [`Effect`]; the session
//! hands back what it read (see `session`).

use std::sync::Arc;

use crate::library::PlanEntry;
use crate::plan::stats::{Scope, Summary};
use crate::plan::{ItemRef, Plan};
use crate::tui::action::{Action, Mode};
use crate::tui::app::{App, Effect, Focus};
use crate::tui::comparison::Side;
use crate::tui::detail::DetailDoc;
use crate::tui::layout::clicked_row;
use crate::tui::line::LineEdit;
use crate::tui::picker::Purpose;
use crate::tui::screens::{OverviewState, TargetsState};
use crate::tui::search_state::SearchState;
use crate::tui::tree::TreeState;
use crate::tui::units::UnitPicker;

impl App {
    pub(crate) fn show_plans(&mut self, purpose: Purpose) {
        self.picker.open(purpose);
        self.mode = Mode::Picker;
        self.effects.push(Effect::ListPlans);
    }

    fn page_rows(&self) -> isize {
        self.regions().search_rows().max(1) as isize
    }

    pub(crate) fn picker_action(&mut self, action: Action) {
        match action {
            Action::Input(c) => self.picker.insert(&c.to_string()),
            Action::Paste(text) => self.picker.insert(&text),
            Action::Edit(edit) => self.picker.edit(edit),
            Action::Down | Action::ScrollDown { .. } => self.picker.move_by(1),
            Action::Up | Action::ScrollUp { .. } => self.picker.move_by(-1),
            Action::PageDown => self.picker.move_by(self.page_rows()),
            Action::PageUp => self.picker.move_by(-self.page_rows()),
            Action::Accept => self.pick(),
            Action::Click { column, row } => {
                let list = self.regions().picker_list();
                let (offset, len) = (self.picker.offset, self.picker.shown.len());
                match clicked_row(list, offset, len, column, row) {
                    Some(i) if i == self.picker.selected => self.pick(),
                    Some(i) => self.picker.selected = i,
                    None => {}
                }
            }
            Action::Back => self.mode = Mode::Browse,
            _ => {}
        }
    }

    fn pick(&mut self) {
        let Some(entry) = self.picker.selected_entry() else {
            return;
        };
        let name = entry.name.to_string();
        match self.picker.purpose {
            Purpose::Open => {
                self.mode = Mode::Browse;
                if name != self.plan_name {
                    self.effects.push(Effect::OpenPlan { name, item: None });
                }
            }
            Purpose::Compare => {
                self.mode = Mode::Compare;
                self.effects.push(Effect::Compare { with: name });
            }
        }
    }

    pub(crate) fn compare_action(&mut self, action: Action) {
        let page = self.regions().list_rows().max(1) as isize;
        match action {
            Action::Down | Action::ScrollDown { .. } => self.compare.move_by(1),
            Action::Up | Action::ScrollUp { .. } => self.compare.move_by(-1),
            Action::PageDown => self.compare.move_by(page),
            Action::PageUp => self.compare.move_by(-page),
            Action::HalfPageDown => self.compare.move_by((page / 2).max(1)),
            Action::HalfPageUp => self.compare.move_by(-(page / 2).max(1)),
            Action::Top => self.compare.move_by(isize::MIN / 2),
            Action::Bottom => self.compare.move_by(isize::MAX / 2),
            Action::Click { column, row } => {
                let list = self.regions().targets_list();
                let (offset, len) = (self.compare.offset, self.compare.rows.len());
                match clicked_row(list, offset, len, column, row) {
                    Some(i) if i == self.compare.selected => self.compare_action(Action::Accept),
                    Some(i) => self.compare.selected = i,
                    None => {}
                }
            }
            Action::GotoA => self.goto_side(Side::A),
            Action::GotoB => self.goto_side(Side::B),
            Action::Accept => {
                let open = if self.compare.a == self.plan_name {
                    Side::A
                } else {
                    Side::B
                };
                let other = if open == Side::A { Side::B } else { Side::A };
                let side = if self.compare.item(open).is_some() {
                    open
                } else {
                    other
                };
                self.goto_side(side);
            }
            Action::Back => self.mode = Mode::Browse,
            _ => {}
        }
    }

    /// Goes to the selected row's item in one plan: in the tree, when that
    /// plan is open, else by opening it there.
    fn goto_side(&mut self, side: Side) {
        let Some(item) = self.compare.item(side) else {
            let name = self.compare.name(side);
            self.status = Some(format!("this row has no item in {name}"));
            return;
        };
        let name = self.compare.name(side).to_string();
        self.mode = Mode::Browse;
        self.go_to(name, item);
    }

    /// Selects `item` of the plan called `name`: here when it is open, else
    /// by asking for that plan.
    fn go_to(&mut self, name: String, item: ItemRef) {
        if name == self.plan_name {
            self.reveal(item);
            self.focus = Focus::Tree;
        } else {
            self.effects.push(Effect::OpenPlan {
                name,
                item: Some(item),
            });
        }
    }

    pub(crate) fn toggle_all_plans(&mut self) {
        if self.search.toggle_all_plans() {
            self.effects.push(Effect::IndexAllPlans);
        }
    }

    /// Enter on a hit while the search line covers every plan: its plan
    /// opens at its item.
    pub(crate) fn accept_plan_hit(&mut self) {
        self.search.remember();
        self.mode = Mode::Browse;
        if let Some((name, item)) = self.search.selected_plan_hit() {
            self.go_to(name, item);
        }
    }

    /// Puts another plan in the app in place of the open one: its tree,
    /// search and screens start afresh; the mode, size, options, the
    /// library's search index and the last comparison stay.
    pub fn switch_plan(&mut self, name: String, plan: Arc<Plan>, mut search: SearchState) {
        search.adopt_session(&mut self.search);
        self.tree = TreeState::new(&plan);
        self.summary = Summary::new(&plan, Scope::Plan);
        self.plan = plan;
        self.plan_name = name;
        self.search = search;
        self.detail = DetailDoc::default();
        self.detail_scroll = 0;
        self.preview = DetailDoc::default();
        self.preview_scroll = 0;
        self.goto = LineEdit::default();
        self.targets = TargetsState::default();
        self.units = UnitPicker::default();
        self.overview = OverviewState::default();
        self.focus = Focus::Tree;
        self.status = Some(format!("opened {}", self.plan_name));
        self.keep_in_view();
    }

    /// The plan of `entries` the picker selects first: the open plan; or,
    /// to compare, the other plan of the last comparison this plan was in,
    /// else another year of the same place (the name without its year),
    /// the year before first, else the first other plan. Comparing a plan
    /// with itself is never the default.
    pub fn first_pick(&self, entries: &[PlanEntry]) -> String {
        let (a, b) = (&self.compare.a, &self.compare.b);
        let open = self.plan_name.as_str();
        match self.picker.purpose {
            Purpose::Open => open.to_string(),
            Purpose::Compare if self.compare.ready && a == open => b.clone(),
            Purpose::Compare if self.compare.ready && b == open => a.clone(),
            Purpose::Compare => {
                let others = || entries.iter().filter(|e| e.name.as_str() != open);
                let year = self.plan.year.map_or(0, i64::from);
                let nearest = others()
                    .filter(|e| place(e.name.as_str()) == place(open))
                    .filter_map(|e| e.summary.year.map(|y| (e, i64::from(y) - year)))
                    .filter(|(_, gap)| *gap != 0)
                    // The year before first, then the one after, and so on.
                    .min_by_key(|(_, gap)| (gap.abs(), *gap > 0))
                    .map(|(e, _)| e);
                nearest
                    .or_else(|| others().next())
                    .map_or_else(|| open.to_string(), |e| e.name.to_string())
            }
        }
    }

    /// Shows a line in the footer, such as why a plan could not be opened.
    /// A file name's control characters show as `?`: text from the disk
    /// never reaches the terminal as a command.
    pub fn report(&mut self, message: String) {
        let shown = message
            .chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect();
        self.status = Some(shown);
    }
}

/// The place a library name is of: the name without a trailing year
/// ("lanxi-2027" → "lanxi").
fn place(name: &str) -> &str {
    match name.rsplit_once('-') {
        Some((place, year)) if !year.is_empty() && year.bytes().all(|b| b.is_ascii_digit()) => {
            place
        }
        _ => name,
    }
}
