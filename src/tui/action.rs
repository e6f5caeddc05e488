//! Actions, and the one key table that drives key handling, the footer and
//! the help screen alike (`hints` makes the footer's hints and the help's
//! lines from this table; the view only draws them).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::tui::line::Edit;

/// Which keys are live: each mode has its own part of the key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Browsing the tree and the detail pane.
    Browse,
    /// Typing a query in the search overlay.
    Search,
    /// Reading the help screen.
    Help,
    /// The table of every target.
    Targets,
    /// Per-area charts and the largest amounts.
    Overview,
    /// Typing a filter for the targets table.
    Filter,
    /// Typing an item's id after `:`, to go to it.
    Goto,
    /// Choosing the unit the targets table shows.
    Units,
    /// Picking a plan of the library, to open or to compare with.
    Picker,
    /// What changed between two plans.
    Compare,
}

/// Everything the app can be asked to do. `App::update` is the only place
/// actions take effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    Collapse,
    Expand,
    Toggle,
    ExpandAll,
    CollapseAll,
    FocusNext,
    OpenSearch,
    /// Open the `:` prompt that goes to an item by its id.
    OpenGoto,
    ShowHelp,
    Back,
    Copy,
    NextHit,
    PrevHit,
    ShowTargets,
    ShowOverview,
    /// Targets and overview: count review and outlook areas too, or not.
    ToggleScope,
    /// Targets view: open the unit picker, and cycle the sort order.
    PickUnit,
    /// The library's plans, to open one.
    ShowPlans,
    /// The library's plans, to compare the open plan with one.
    ComparePlans,
    /// Search: this plan, or every plan of the library.
    ToggleAllPlans,
    /// Compare view: go to the row's item in plan A, or in plan B.
    GotoA,
    GotoB,
    CycleSort,
    /// Search overlay: show or hide the preview of the selected hit.
    TogglePreview,
    /// Search overlay: an earlier (later) query of this session.
    HistoryPrev,
    HistoryNext,
    /// Accept the selection (a search hit, a target row, an overview bar).
    Accept,
    /// Text typed into the query line.
    Input(char),
    /// A motion or deletion in the line being typed.
    Edit(Edit),
    Paste(String),
    /// Mouse wheel at a cell: scroll whatever is under it.
    ScrollUp {
        column: u16,
        row: u16,
    },
    ScrollDown {
        column: u16,
        row: u16,
    },
    Click {
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    Suspend,
}

/// A key: a code and its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::ALT,
    }
}

/// One row of the key table.
pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [Key],
    pub action: Action,
    /// What the help screen says.
    pub help: &'static str,
    /// The footer's short label, or "" to leave the binding out of the footer.
    /// The footer lists labels in the order of [`FOOTER_ORDER`].
    pub footer: &'static str,
}

use Mode::{Browse, Compare, Filter, Goto, Help, Overview, Picker, Search, Targets, Units};

pub const ALL: &[Mode] = &[
    Browse, Search, Help, Targets, Overview, Filter, Goto, Units, Picker, Compare,
];
/// Modes with a line of typed text.
pub const TYPING: &[Mode] = &[Search, Filter, Goto, Units, Picker];
/// Modes with a list to move through; their text keys are commands.
const LISTS: &[Mode] = &[Browse, Targets, Overview, Help, Compare];
/// Modes with a list above their typed line.
const PICKING: &[Mode] = &[Search, Filter, Units, Picker];
const NOT_BROWSE: &[Mode] = &[
    Search, Help, Targets, Overview, Filter, Goto, Units, Picker, Compare,
];

/// The footer's labels, most useful first: a narrow footer keeps the head.
pub const FOOTER_ORDER: &[&str] = &[
    "search",
    "filter",
    "jump",
    "keep",
    "go",
    "show",
    "open",
    "back",
    "help",
    "quit",
    "preview",
    "focus",
    "goto",
    "unit",
    "sort",
    "all areas",
    "copy",
    "targets",
    "overview",
    "plans",
    "compare",
    "all plans",
    "A",
    "B",
    "history",
    "close",
    "move",
];

/// The key table. Order matters: the first binding that matches wins, and
/// help lists bindings in this order.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { modes: ALL, keys: &[ctrl('c')], action: Action::Quit, help: "quit", footer: "" },
    Binding { modes: &[Browse, Targets, Overview, Compare], keys: &[ch('?')], action: Action::ShowHelp, help: "this help", footer: "help" },
    Binding { modes: &[Browse], keys: &[ch('/')], action: Action::OpenSearch, help: "search (Chinese or pinyin); reopened, it shows the last query, selected", footer: "search" },
    Binding { modes: &[Targets], keys: &[ch('/')], action: Action::OpenSearch, help: "filter the rows by what their columns show", footer: "filter" },
    Binding { modes: &[Browse], keys: &[ch(':')], action: Action::OpenGoto, help: "go to an item by its id, as :3.2.3", footer: "goto" },
    Binding { modes: &[Browse, Targets, Overview, Compare], keys: &[ch('q')], action: Action::Quit, help: "quit", footer: "quit" },
    Binding { modes: ALL, keys: &[ctrl('z')], action: Action::Suspend, help: "suspend to the shell (fg resumes)", footer: "" },
    Binding { modes: PICKING, keys: &[plain(KeyCode::Up), ctrl('k')], action: Action::Up, help: "previous row", footer: "" },
    Binding { modes: PICKING, keys: &[plain(KeyCode::Down), ctrl('j')], action: Action::Down, help: "next row", footer: "" },
    Binding { modes: &[Search], keys: &[ctrl('p')], action: Action::HistoryPrev, help: "an earlier query of this session", footer: "history" },
    Binding { modes: &[Search], keys: &[ctrl('n')], action: Action::HistoryNext, help: "a later query of this session", footer: "" },
    Binding { modes: &[Search], keys: &[alt('p')], action: Action::TogglePreview, help: "show or hide the preview of the selected hit", footer: "preview" },
    Binding { modes: LISTS, keys: &[ch('j'), plain(KeyCode::Down)], action: Action::Down, help: "move down (scroll the detail pane when it has focus)", footer: "move" },
    Binding { modes: LISTS, keys: &[ch('k'), plain(KeyCode::Up)], action: Action::Up, help: "move up", footer: "" },
    Binding { modes: LISTS, keys: &[plain(KeyCode::PageDown), ctrl('f')], action: Action::PageDown, help: "page down", footer: "" },
    Binding { modes: LISTS, keys: &[plain(KeyCode::PageUp), ctrl('b')], action: Action::PageUp, help: "page up", footer: "" },
    Binding { modes: &[Search, Picker], keys: &[plain(KeyCode::PageDown)], action: Action::PageDown, help: "page down the hits", footer: "" },
    Binding { modes: &[Search, Picker], keys: &[plain(KeyCode::PageUp)], action: Action::PageUp, help: "page up the hits", footer: "" },
    Binding { modes: LISTS, keys: &[ctrl('d')], action: Action::HalfPageDown, help: "half a page down", footer: "" },
    Binding { modes: LISTS, keys: &[ctrl('u')], action: Action::HalfPageUp, help: "half a page up", footer: "" },
    Binding { modes: LISTS, keys: &[ch('g'), plain(KeyCode::Home)], action: Action::Top, help: "go to the top", footer: "" },
    Binding { modes: LISTS, keys: &[ch('G'), plain(KeyCode::End)], action: Action::Bottom, help: "go to the bottom", footer: "" },
    Binding { modes: &[Browse], keys: &[ch('h'), plain(KeyCode::Left)], action: Action::Collapse, help: "collapse, or go to the parent", footer: "" },
    Binding { modes: &[Browse], keys: &[ch('l'), plain(KeyCode::Right)], action: Action::Expand, help: "expand, or go to the first child", footer: "open" },
    Binding { modes: &[Browse], keys: &[plain(KeyCode::Enter), ch(' ')], action: Action::Toggle, help: "expand or collapse", footer: "" },
    Binding { modes: &[Browse], keys: &[ch('E'), ch('=')], action: Action::ExpandAll, help: "expand every area and task", footer: "" },
    Binding { modes: &[Browse], keys: &[ch('C'), ch('-')], action: Action::CollapseAll, help: "collapse everything", footer: "" },
    Binding { modes: &[Search, Targets, Overview], keys: &[plain(KeyCode::Enter)], action: Action::Accept, help: "jump to the selection in the tree", footer: "jump" },
    Binding { modes: &[Filter], keys: &[plain(KeyCode::Enter)], action: Action::Accept, help: "keep the filter", footer: "keep" },
    Binding { modes: &[Goto], keys: &[plain(KeyCode::Enter)], action: Action::Accept, help: "go to the item", footer: "go" },
    Binding { modes: &[Units], keys: &[plain(KeyCode::Enter)], action: Action::Accept, help: "show the chosen unit", footer: "show" },
    Binding { modes: &[Picker], keys: &[plain(KeyCode::Enter)], action: Action::Accept, help: "open the plan in place (or compare with it)", footer: "open" },
    Binding { modes: &[Compare], keys: &[plain(KeyCode::Enter)], action: Action::Accept, help: "go to the row's item in the open plan (or in the other, if only it has one)", footer: "go" },
    Binding { modes: &[Compare], keys: &[ch('a')], action: Action::GotoA, help: "go to the row's item in plan A, opening it", footer: "A" },
    Binding { modes: &[Compare], keys: &[ch('b')], action: Action::GotoB, help: "go to the row's item in plan B, opening it", footer: "B" },
    Binding { modes: &[Search], keys: &[plain(KeyCode::Tab)], action: Action::ToggleAllPlans, help: "search this plan, or every plan of the library", footer: "all plans" },
    Binding { modes: &[Browse], keys: &[plain(KeyCode::Tab), plain(KeyCode::BackTab)], action: Action::FocusNext, help: "switch between the tree and the detail pane", footer: "focus" },
    Binding { modes: &[Browse], keys: &[ch('n')], action: Action::NextHit, help: "next hit of the last search, in document order", footer: "" },
    Binding { modes: &[Browse], keys: &[ch('N')], action: Action::PrevHit, help: "previous hit of the last search", footer: "" },
    Binding { modes: &[Browse, Overview], keys: &[ch('t')], action: Action::ShowTargets, help: "table of every target", footer: "targets" },
    Binding { modes: &[Browse, Targets], keys: &[ch('o')], action: Action::ShowOverview, help: "overview charts", footer: "overview" },
    Binding { modes: &[Browse], keys: &[ch('p')], action: Action::ShowPlans, help: "the library's plans: pick one to open (type to filter by name, title or pinyin)", footer: "plans" },
    Binding { modes: &[Browse], keys: &[ch('c')], action: Action::ComparePlans, help: "compare with a library plan (offered first: the last compared, or another year)", footer: "compare" },
    Binding { modes: &[Targets], keys: &[ch('s')], action: Action::CycleSort, help: "sort: document order, value ↓, value ↑", footer: "sort" },
    Binding { modes: &[Targets], keys: &[ch('u')], action: Action::PickUnit, help: "choose a unit to show (type to narrow the list)", footer: "unit" },
    Binding { modes: &[Targets, Overview], keys: &[ch('a')], action: Action::ToggleScope, help: "count review (回顾) and outlook (展望) areas too, or this year's plan only", footer: "all areas" },
    Binding { modes: &[Browse, Targets], keys: &[ch('y')], action: Action::Copy, help: "copy the selection with its source (OSC 52, works over SSH)", footer: "copy" },
    Binding { modes: TYPING, keys: &[plain(KeyCode::Left)], action: Action::Edit(Edit::Left), help: "cursor left", footer: "" },
    Binding { modes: TYPING, keys: &[plain(KeyCode::Right)], action: Action::Edit(Edit::Right), help: "cursor right", footer: "" },
    Binding { modes: TYPING, keys: &[plain(KeyCode::Home), ctrl('a')], action: Action::Edit(Edit::Start), help: "cursor to the start", footer: "" },
    Binding { modes: TYPING, keys: &[plain(KeyCode::End), ctrl('e')], action: Action::Edit(Edit::End), help: "cursor to the end", footer: "" },
    Binding { modes: TYPING, keys: &[alt('b')], action: Action::Edit(Edit::WordLeft), help: "cursor back a word", footer: "" },
    Binding { modes: TYPING, keys: &[alt('f')], action: Action::Edit(Edit::WordRight), help: "cursor forward a word", footer: "" },
    Binding { modes: TYPING, keys: &[plain(KeyCode::Backspace)], action: Action::Edit(Edit::Backspace), help: "delete the character before the cursor", footer: "" },
    Binding { modes: TYPING, keys: &[plain(KeyCode::Delete)], action: Action::Edit(Edit::Delete), help: "delete the character under the cursor", footer: "" },
    Binding { modes: TYPING, keys: &[ctrl('w')], action: Action::Edit(Edit::DeleteWord), help: "delete the word before the cursor", footer: "" },
    Binding { modes: TYPING, keys: &[ctrl('u')], action: Action::Edit(Edit::DeleteToStart), help: "delete back to the start of the line", footer: "" },
    Binding { modes: &[Browse], keys: &[plain(KeyCode::Esc)], action: Action::Back, help: "back to the tree from the detail pane", footer: "" },
    Binding { modes: NOT_BROWSE, keys: &[plain(KeyCode::Esc)], action: Action::Back, help: "back: close the overlay or view (search: restore the selection)", footer: "back" },
    Binding { modes: &[Help], keys: &[ch('?'), ch('q')], action: Action::Back, help: "close the help", footer: "close" },
];

/// The action a key press means in a mode, if any. Typing in a line is not
/// in the table: any other printable character is text.
pub fn action_for(mode: Mode, event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    // Shift only matters through the character it produces ('G', '?').
    let modifiers = event.modifiers - KeyModifiers::SHIFT;
    let found = BINDINGS.iter().find(|b| {
        b.modes.contains(&mode)
            && b.keys
                .iter()
                .any(|k| k.code == event.code && k.modifiers == modifiers)
    });
    if let Some(binding) = found {
        return Some(binding.action.clone());
    }
    match event.code {
        KeyCode::Char(c)
            if TYPING.contains(&mode)
                && !modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn the_table_maps_keys_per_mode() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            action_for(Browse, key(KeyCode::Char('j'), none)),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(Browse, key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(Search, key(KeyCode::Char('j'), none)),
            Some(Action::Input('j'))
        );
        assert_eq!(
            action_for(Search, key(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            Some(Action::HistoryNext)
        );
        assert_eq!(
            action_for(Search, key(KeyCode::Char('j'), KeyModifiers::CONTROL)),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(Search, key(KeyCode::Char('q'), none)),
            Some(Action::Input('q'))
        );
        assert_eq!(
            action_for(Browse, key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(action_for(Help, key(KeyCode::Char('x'), none)), None);
        assert_eq!(
            action_for(Search, key(KeyCode::Char('b'), KeyModifiers::ALT)),
            Some(Action::Edit(Edit::WordLeft))
        );
        assert_eq!(
            action_for(Goto, key(KeyCode::Char('3'), none)),
            Some(Action::Input('3'))
        );
        assert_eq!(
            action_for(Units, key(KeyCode::Char('x'), KeyModifiers::ALT)),
            None
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for mode in ALL {
            let mut seen = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.modes.contains(mode)) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {mode:?}");
                    seen.push(*k);
                }
            }
        }
    }
}
