//! All of the app's state, and `update`, the one place it changes. No I/O
//! happens here: what needs the terminal (a copy, a suspend) is queued as an
//! [`Effect`] for the event loop. What a frame needs laid out (the detail
//! document, the search preview, scroll offsets) is laid out here, so
//! drawing only reads it. The handling of each mode's actions is in
//! `tui::update`.

use std::sync::Arc;

use crate::plan::stats::{Scope, Summary};
use crate::plan::{ItemRef, Plan};
use crate::search::SearchIndex;
use crate::tui::action::{Action, Mode};
use crate::tui::comparison::CompareState;
use crate::tui::detail::DetailDoc;
use crate::tui::layout::{self, Regions};
use crate::tui::line::LineEdit;
use crate::tui::picker::PickerState;
use crate::tui::screens::{OverviewState, Sort, TargetsState};
use crate::tui::search_state::SearchState;
use crate::tui::theme::Options;
use crate::tui::tree::TreeState;
use crate::tui::units::UnitPicker;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Detail,
}

/// Something the event loop must do outside the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Stop the process (Ctrl-Z) and redraw when resumed.
    Suspend,
    /// Read the library's listing for the picker.
    ListPlans,
    /// Open the library's plan of this name, at `item` (else where it was
    /// left in this session).
    OpenPlan { name: String, item: Option<ItemRef> },
    /// Compare the open plan with the library's plan of this name.
    Compare { with: String },
    /// Index every plan of the library, for a search across plans.
    IndexAllPlans,
}

pub struct App {
    /// Shared with the search index, which reads its texts from it.
    pub plan: Arc<Plan>,
    /// The open plan's name: its name in the library, or its file.
    pub plan_name: String,
    pub options: Options,
    pub mode: Mode,
    /// The mode help returns to.
    pub previous_mode: Mode,
    pub focus: Focus,
    pub tree: TreeState,
    /// The selection's detail, laid out for the detail pane's width.
    pub detail: DetailDoc,
    pub detail_scroll: usize,
    /// The search overlay's preview of the selected hit, when it shows.
    pub preview: DetailDoc,
    pub preview_scroll: usize,
    pub help_scroll: usize,
    pub width: u16,
    pub height: u16,
    pub search: SearchState,
    /// The `:` prompt's id, as typed.
    pub goto: LineEdit,
    pub targets: TargetsState,
    pub units: UnitPicker,
    pub overview: OverviewState,
    pub picker: PickerState,
    pub compare: CompareState,
    /// A message for the footer, such as a copy confirmation.
    pub status: Option<String>,
    pub effects: Vec<Effect>,
    pub quit: bool,
    /// Figures of the whole plan, counted once: frames only read them.
    pub summary: Summary,
}

impl App {
    /// An app whose search index already has its pinyin side.
    pub fn new(plan: Plan, options: Options) -> Self {
        let plan = Arc::new(plan);
        let mut index = SearchIndex::shared(Arc::clone(&plan));
        let pinyin = index.pinyin_builder().build();
        // The pinyin side was built for this very index.
        let _ = index.attach_pinyin(pinyin);
        Self::with_search(plan, options, SearchState::with_index(index))
    }

    /// An app with a given search state, such as one whose pinyin side is
    /// still being built in the background.
    pub fn with_search(plan: Arc<Plan>, options: Options, search: SearchState) -> Self {
        let tree = TreeState::new(&plan);
        let summary = Summary::new(&plan, Scope::Plan);
        let plan_name = crate::library::default_name(&plan).to_string();
        let mut app = App {
            plan,
            plan_name,
            options,
            mode: Mode::Browse,
            previous_mode: Mode::Browse,
            focus: Focus::Tree,
            tree,
            detail: DetailDoc::default(),
            detail_scroll: 0,
            preview: DetailDoc::default(),
            preview_scroll: 0,
            help_scroll: 0,
            width: 80,
            height: 24,
            search,
            goto: LineEdit::default(),
            targets: TargetsState::default(),
            units: UnitPicker::default(),
            overview: OverviewState::default(),
            picker: PickerState::default(),
            compare: CompareState::default(),
            status: None,
            effects: Vec::new(),
            quit: false,
            summary,
        };
        app.keep_in_view();
        app
    }

    /// Where everything goes at the app's size, with its search preview
    /// switched on or off.
    pub fn regions(&self) -> Regions {
        layout::regions(self.width, self.height).with_preview(self.search.shows_preview())
    }

    pub fn selected(&self) -> Option<ItemRef> {
        self.tree.selected_item()
    }

    /// Applies one action. Returns whether anything a frame shows changed,
    /// so that the loop draws only then.
    pub fn update(&mut self, action: Action) -> bool {
        let before = Shown::of(self);
        if !matches!(action, Action::Resize { .. }) {
            self.status = None;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Resize { width, height } => {
                self.width = width;
                self.height = height;
            }
            Action::ShowHelp => {
                if self.mode != Mode::Help {
                    self.previous_mode = self.mode;
                    self.mode = Mode::Help;
                    self.help_scroll = 0;
                }
            }
            _ => match self.mode {
                Mode::Browse => self.browse(action),
                Mode::Search => self.search_action(action),
                Mode::Goto => self.goto_action(action),
                Mode::Help => self.help_action(action),
                Mode::Targets => self.targets_action(action),
                Mode::Filter => self.filter_action(action),
                Mode::Units => self.units_action(action),
                Mode::Overview => self.overview_action(action),
                Mode::Picker => self.picker_action(action),
                Mode::Compare => self.compare_action(action),
            },
        }
        self.keep_in_view();
        Shown::of(self) != before
    }

    /// Lays out what the new state needs and keeps every selection in view.
    pub(crate) fn keep_in_view(&mut self) {
        let regions = self.regions();
        self.tree.scroll_into_view(regions.tree_rows());
        let item = self.selected();
        let width = regions.detail_inner().width;
        if !self.detail.is_for(item, width) {
            self.detail = DetailDoc::lay_out(&self.plan, &self.summary, &self.options, item, width);
        }
        let max = self
            .detail
            .line_count()
            .saturating_sub(regions.detail_inner().height as usize);
        self.detail_scroll = self.detail_scroll.min(max);
        self.search.keep_in_view(regions.search_rows());
        self.lay_out_preview(&regions);
        self.targets.keep_in_view(regions.list_rows());
        self.picker
            .keep_in_view(regions.picker_list().height as usize);
        self.compare.keep_in_view(regions.list_rows());
    }

    /// The preview of the selected hit, laid out when the overlay shows it,
    /// scrolled so that the first marked line is in view.
    fn lay_out_preview(&mut self, regions: &Regions) {
        let area = regions.search_parts().preview;
        let hit = match area {
            // A hit of another plan is not this plan's to preview.
            Some(_) if self.mode == Mode::Search && !self.search.all_plans() => {
                self.search.hit(self.search.selected)
            }
            _ => None,
        };
        let (Some(area), Some(hit)) = (area, hit) else {
            if self.preview.item.is_some() {
                self.preview = DetailDoc::default();
            }
            return;
        };
        let width = area.width.saturating_sub(2);
        if !self.preview.is_preview_of(&hit, width) {
            self.preview =
                DetailDoc::preview(&self.plan, &self.summary, &self.options, &hit, width);
        }
        let rows = area.height.saturating_sub(2) as usize;
        self.preview_scroll = match self.preview.first_mark {
            Some(line) if line >= rows => line - rows / 2,
            _ => 0,
        }
        .min(self.preview.line_count().saturating_sub(rows));
    }

    /// Shows the targets table, building its rows the first time: starting
    /// the app never walks every target for a table not yet shown.
    pub(crate) fn show_targets(&mut self) {
        self.targets.open(&self.plan);
        self.mode = Mode::Targets;
    }

    /// Rows a page moves in the list the mode shows.
    pub(crate) fn page(&self) -> isize {
        self.regions().tree_rows().max(1) as isize
    }
}

/// What a frame shows, in a form cheap to compare: `update` compares it
/// before and after an action to tell whether anything changed. The detail
/// document and preview follow from the selection and the size, and search
/// results from the query, so none needs a place here.
#[derive(PartialEq)]
struct Shown {
    plans: (String, bool, LineEdit, [usize; 4], [usize; 3]),
    mode: (Mode, Mode, Focus),
    size: (u16, u16),
    tree: [usize; 4],
    scroll: (usize, usize),
    query: (LineEdit, Option<usize>, bool),
    hits: [usize; 3],
    goto: LineEdit,
    targets: (Sort, Option<String>, LineEdit, [usize; 3]),
    units: (LineEdit, usize, usize),
    overview: (usize, crate::plan::stats::Scope),
    status: Option<String>,
    exit: (bool, usize),
}

impl Shown {
    fn of(app: &App) -> Shown {
        let (tree, search, targets) = (&app.tree, &app.search, &app.targets);
        let (picker, compare) = (&app.picker, &app.compare);
        Shown {
            plans: (
                app.plan_name.clone(),
                search.all_plans(),
                picker.line.clone(),
                [
                    picker.selected,
                    picker.offset,
                    picker.shown.len(),
                    picker.purpose as usize,
                ],
                [compare.selected, compare.offset, compare.rows.len()],
            ),
            mode: (app.mode, app.previous_mode, app.focus),
            size: (app.width, app.height),
            tree: [
                tree.selected,
                tree.offset,
                tree.rows.len(),
                tree.expanded.len(),
            ],
            scroll: (app.detail_scroll, app.help_scroll),
            query: (search.line.clone(), search.history_at, search.preview),
            hits: [search.selected, search.offset, search.results().len()],
            goto: app.goto.clone(),
            targets: (
                targets.sort,
                targets.unit.clone(),
                targets.filter.clone(),
                [targets.selected, targets.offset, targets.rows.len()],
            ),
            units: (
                app.units.line.clone(),
                app.units.selected,
                app.units.choices.len(),
            ),
            overview: (app.overview.selected, app.summary.scope),
            status: app.status.clone(),
            exit: (app.quit, app.effects.len()),
        }
    }
}
