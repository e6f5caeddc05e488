//! All of the app's state, and `update`, the one place it changes. No I/O
//! happens here: what needs the terminal (a copy, a suspend) is queued as an
//! [`Effect`] for the event loop. What a frame needs laid out (the detail
//! document, scroll offsets) is laid out here, so drawing only reads it.

use crate::plan::stats::Summary;
use crate::plan::{ItemRef, Plan};
use crate::tui::action::{Action, Mode, help_lines};
use crate::tui::detail::DetailDoc;
use crate::tui::layout::{self, Regions};
use crate::tui::screens::{OverviewState, Sort, TargetsState};
use crate::tui::search_state::SearchState;
use crate::tui::theme::Options;
use crate::tui::tree::TreeState;

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
}

pub struct App {
    pub plan: Plan,
    pub options: Options,
    pub mode: Mode,
    /// The mode help returns to.
    pub previous_mode: Mode,
    pub focus: Focus,
    pub tree: TreeState,
    /// The selection's detail, laid out for the detail pane's width.
    pub detail: DetailDoc,
    pub detail_scroll: usize,
    pub help_scroll: usize,
    pub width: u16,
    pub height: u16,
    pub search: SearchState,
    pub targets: TargetsState,
    pub overview: OverviewState,
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
        let search = SearchState::new(&plan);
        Self::with_search(plan, options, search)
    }

    /// An app with a given search state, such as one whose pinyin side is
    /// still being built in the background.
    pub fn with_search(plan: Plan, options: Options, search: SearchState) -> Self {
        let tree = TreeState::new(&plan);
        let summary = Summary::new(&plan);
        let mut app = App {
            plan,
            options,
            mode: Mode::Browse,
            previous_mode: Mode::Browse,
            focus: Focus::Tree,
            tree,
            detail: DetailDoc::default(),
            detail_scroll: 0,
            help_scroll: 0,
            width: 80,
            height: 24,
            search,
            targets: TargetsState::default(),
            overview: OverviewState::default(),
            status: None,
            effects: Vec::new(),
            quit: false,
            summary,
        };
        app.keep_in_view();
        app
    }

    pub fn regions(&self) -> Regions {
        layout::regions(self.width, self.height)
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
                Mode::Help => self.help_action(action),
                Mode::Targets => self.targets_action(action),
                Mode::Filter => self.filter_action(action),
                Mode::Overview => self.overview_action(action),
            },
        }
        self.keep_in_view();
        Shown::of(self) != before
    }

    /// Lays out what the new state needs and keeps every selection in view.
    fn keep_in_view(&mut self) {
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
        self.targets.keep_in_view(regions.list_rows());
    }

    fn page(&self) -> isize {
        self.regions().tree_rows().max(1) as isize
    }

    fn select_moved(&mut self, delta: isize) {
        let before = self.tree.selected;
        self.tree.move_by(delta);
        if self.tree.selected != before {
            self.detail_scroll = 0;
        }
    }

    fn scroll_detail(&mut self, delta: isize) {
        self.detail_scroll = self.detail_scroll.saturating_add_signed(delta);
    }

    fn browse(&mut self, action: Action) {
        let page = self.page();
        match (action, self.focus) {
            (Action::Down, Focus::Tree) => self.select_moved(1),
            (Action::Up, Focus::Tree) => self.select_moved(-1),
            (Action::PageDown, Focus::Tree) => self.select_moved(page),
            (Action::PageUp, Focus::Tree) => self.select_moved(-page),
            (Action::Top, Focus::Tree) => self.select_moved(isize::MIN / 2),
            (Action::Bottom, Focus::Tree) => self.select_moved(isize::MAX / 2),
            (Action::Down, Focus::Detail) => self.scroll_detail(1),
            (Action::Up, Focus::Detail) => self.scroll_detail(-1),
            (Action::PageDown, Focus::Detail) => self.scroll_detail(page),
            (Action::PageUp, Focus::Detail) => self.scroll_detail(-page),
            (Action::Top, Focus::Detail) => self.detail_scroll = 0,
            (Action::Bottom, Focus::Detail) => self.detail_scroll = usize::MAX / 2,
            (Action::Collapse, _) => self.collapse(),
            (Action::Expand, _) => self.expand(),
            (Action::Toggle, _) => {
                if let Some(item) = self.selected() {
                    let open = !self.tree.is_expanded(item);
                    self.tree.set_expanded(&self.plan, item, open);
                }
            }
            (Action::FocusNext, _) => {
                self.focus = match self.focus {
                    Focus::Tree => Focus::Detail,
                    Focus::Detail => Focus::Tree,
                }
            }
            (Action::OpenSearch, _) => {
                self.search.open(self.selected());
                self.mode = Mode::Search;
            }
            (Action::NextHit, _) => self.step_hit(1),
            (Action::PrevHit, _) => self.step_hit(-1),
            (Action::Copy, _) => self.copy(),
            (Action::ShowTargets, _) => self.show_targets(),
            (Action::ShowOverview, _) => self.mode = Mode::Overview,
            (Action::Back, _) => self.focus = Focus::Tree,
            (Action::ScrollDown { column, row }, _) => self.wheel(column, row, 3),
            (Action::ScrollUp { column, row }, _) => self.wheel(column, row, -3),
            (Action::Click { column, row }, _) => self.click(column, row),
            _ => {}
        }
    }

    fn show_targets(&mut self) {
        self.targets.open(&self.plan);
        self.mode = Mode::Targets;
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
            return;
        }
        if self.tree.is_expanded(item) {
            self.select_moved(1);
        } else {
            self.tree.set_expanded(&self.plan, item, true);
        }
    }

    fn wheel(&mut self, column: u16, row: u16, delta: isize) {
        let regions = self.regions();
        if regions.detail.contains((column, row).into()) {
            self.scroll_detail(delta);
        } else if regions.tree.contains((column, row).into()) {
            self.select_moved(delta);
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        let regions = self.regions();
        let inner = regions.tree_inner();
        if inner.contains((column, row).into()) {
            let index = self.tree.offset + (row - inner.y) as usize;
            if index < self.tree.rows.len() {
                let before = self.tree.selected;
                self.tree.select(index);
                if before == index {
                    // A second click on the selected row opens or closes it.
                    self.browse(Action::Toggle);
                } else {
                    self.detail_scroll = 0;
                }
            }
            self.focus = Focus::Tree;
        } else if regions.detail.contains((column, row).into()) {
            self.focus = Focus::Detail;
        }
    }

    /// Selects an item in the tree, opening its ancestors.
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
        let id = self.plan.id_of(item).to_string();
        let line = self.plan.line_of(item);
        let text = format!("{} {} (line {})", id, self.plan.text_of(item), line);
        self.effects.push(Effect::Copy(text));
        self.status = Some(format!("copied {id} (line {line}) to the clipboard"));
    }

    fn search_action(&mut self, action: Action) {
        match action {
            Action::Input(c) => self.search.push(&c.to_string()),
            Action::Paste(text) => self.search.push(&text),
            Action::Backspace => self.search.backspace(),
            Action::ClearQuery => self.search.run(String::new()),
            Action::Down => self.search.move_by(1),
            Action::Up => self.search.move_by(-1),
            Action::PageDown => self.search.move_by(self.page()),
            Action::PageUp => self.search.move_by(-self.page()),
            Action::Accept => {
                if let Some(item) = self.search.accept() {
                    self.reveal(item);
                    self.focus = Focus::Tree;
                }
                self.mode = Mode::Browse;
            }
            Action::Back => {
                if let Some(item) = self.search.saved_selection {
                    self.tree.select_item(item);
                }
                self.mode = Mode::Browse;
            }
            Action::Click { column, row } => {
                let list = self.regions().search_list();
                if list.contains((column, row).into()) {
                    let index = self.search.offset + (row - list.y) as usize;
                    self.search.select(index);
                }
            }
            Action::ScrollDown { .. } => self.search.move_by(3),
            Action::ScrollUp { .. } => self.search.move_by(-3),
            _ => {}
        }
    }

    fn targets_action(&mut self, action: Action) {
        let page = self.regions().list_rows().max(1) as isize;
        match action {
            Action::Down | Action::ScrollDown { .. } => self.targets.move_by(1),
            Action::Up | Action::ScrollUp { .. } => self.targets.move_by(-1),
            Action::PageDown => self.targets.move_by(page),
            Action::PageUp => self.targets.move_by(-page),
            Action::Top => self.targets.move_by(isize::MIN / 2),
            Action::Bottom => self.targets.move_by(isize::MAX / 2),
            Action::CycleSort => {
                let matching = self.search.matching_commitments(&self.targets.filter);
                self.targets.cycle_sort(&self.plan, matching.as_ref());
            }
            Action::CycleUnit => {
                let matching = self.search.matching_commitments(&self.targets.filter);
                self.targets.cycle_unit(&self.plan, matching.as_ref());
            }
            Action::OpenSearch => self.mode = Mode::Filter,
            Action::Accept => {
                if let Some(item) = self.targets.selected_item() {
                    self.reveal(item);
                    self.mode = Mode::Browse;
                }
            }
            Action::ShowOverview => self.mode = Mode::Overview,
            Action::Back => self.mode = Mode::Browse,
            _ => {}
        }
    }

    fn help_action(&mut self, action: Action) {
        let page = self.page();
        let delta = match action {
            Action::Back => {
                self.mode = self.previous_mode;
                return;
            }
            Action::Down | Action::ScrollDown { .. } => 1,
            Action::Up | Action::ScrollUp { .. } => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            _ => return,
        };
        let max = help_lines(self.options.ascii)
            .len()
            .saturating_sub(self.regions().body_rows());
        self.help_scroll = self.help_scroll.saturating_add_signed(delta).min(max);
    }

    fn filter_action(&mut self, action: Action) {
        let mut filter = self.targets.filter.clone();
        match action {
            Action::Input(c) => filter.push(c),
            Action::Paste(text) => {
                filter.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }))
            }
            Action::Backspace => {
                filter.pop();
            }
            Action::ClearQuery => filter.clear(),
            Action::Down => return self.targets.move_by(1),
            Action::Up => return self.targets.move_by(-1),
            Action::Accept => return self.mode = Mode::Targets,
            Action::Back => {
                filter.clear();
                self.mode = Mode::Targets;
            }
            _ => return,
        }
        if filter != self.targets.filter {
            let matching = self.search.matching_commitments(&filter);
            self.targets
                .set_filter(&self.plan, filter, matching.as_ref());
        }
    }

    fn overview_action(&mut self, action: Action) {
        let count = self.summary.amounts.len();
        let page = self.regions().amount_rows(self.summary.areas.len()).max(1) as isize;
        match action {
            Action::Down | Action::ScrollDown { .. } => self.overview.move_by(1, count),
            Action::Up | Action::ScrollUp { .. } => self.overview.move_by(-1, count),
            Action::PageDown => self.overview.move_by(page, count),
            Action::PageUp => self.overview.move_by(-page, count),
            Action::Top => self.overview.selected = 0,
            Action::Bottom => self.overview.selected = count.saturating_sub(1),
            Action::Accept => {
                let selected = self.summary.amounts.get(self.overview.selected);
                if let Some(item) = selected.map(|a| a.item) {
                    self.reveal(item);
                    self.mode = Mode::Browse;
                }
            }
            Action::ShowTargets => self.show_targets(),
            Action::Back => self.mode = Mode::Browse,
            _ => {}
        }
    }
}

/// What a frame shows, in a form cheap to compare: `update` compares it
/// before and after an action to tell whether anything changed. The detail
/// document follows from the selection and the size, and search results
/// from the query, so neither needs a place here.
#[derive(PartialEq)]
struct Shown {
    mode: (Mode, Mode, Focus),
    size: (u16, u16),
    tree: [usize; 4],
    scroll: (usize, usize),
    query: String,
    hits: [usize; 3],
    targets: (Sort, Option<String>, String, [usize; 3]),
    overview: usize,
    status: Option<String>,
    exit: (bool, usize),
}

impl Shown {
    fn of(app: &App) -> Shown {
        let (tree, search, targets) = (&app.tree, &app.search, &app.targets);
        Shown {
            mode: (app.mode, app.previous_mode, app.focus),
            size: (app.width, app.height),
            tree: [
                tree.selected,
                tree.offset,
                tree.rows.len(),
                tree.expanded.len(),
            ],
            scroll: (app.detail_scroll, app.help_scroll),
            query: search.query.clone(),
            hits: [search.selected, search.offset, search.results().len()],
            targets: (
                targets.sort,
                targets.unit.clone(),
                targets.filter.clone(),
                [targets.selected, targets.offset, targets.rows.len()],
            ),
            overview: app.overview.selected,
            status: app.status.clone(),
            exit: (app.quit, app.effects.len()),
        }
    }
}
