//! Actions, and the one key table that drives key handling, the footer and
//! the help screen alike: the footer's hints and the help's lines are made
//! here, from the table, and the view only draws them.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

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
    Top,
    Bottom,
    Collapse,
    Expand,
    Toggle,
    FocusNext,
    OpenSearch,
    ShowHelp,
    Back,
    Copy,
    NextHit,
    PrevHit,
    ShowTargets,
    ShowOverview,
    /// Targets view: cycle the unit filter, and the sort order.
    CycleUnit,
    CycleSort,
    /// Accept the selection (a search hit, a target row, an overview bar).
    Accept,
    /// Text typed into the query line.
    Input(char),
    Backspace,
    ClearQuery,
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

/// One row of the key table.
pub struct Binding {
    pub modes: &'static [Mode],
    pub keys: &'static [Key],
    pub action: Action,
    /// What the help screen says.
    pub help: &'static str,
    /// The footer's short label, or "" to leave the binding out of the footer.
    pub footer: &'static str,
}

use Mode::{Browse, Filter, Help, Overview, Search, Targets};

pub const ALL: &[Mode] = &[Browse, Search, Help, Targets, Overview, Filter];
const TYPING: &[Mode] = &[Search, Filter];
const LISTS: &[Mode] = &[Browse, Targets, Overview, Help];

/// The key table. Order matters: the first binding that matches wins, and the
/// footer and help list bindings in this order.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { modes: ALL, keys: &[ctrl('c')], action: Action::Quit, help: "quit", footer: "" },
    Binding { modes: &[Browse, Targets, Overview], keys: &[ch('?')], action: Action::ShowHelp, help: "this help", footer: "help" },
    Binding { modes: &[Browse, Targets], keys: &[ch('/')], action: Action::OpenSearch, help: "search (Chinese or pinyin; in targets, filter the rows)", footer: "search" },
    Binding { modes: &[Browse, Targets, Overview], keys: &[ch('q')], action: Action::Quit, help: "quit", footer: "quit" },
    Binding { modes: ALL, keys: &[ctrl('z')], action: Action::Suspend, help: "suspend to the shell (fg resumes)", footer: "" },
    Binding { modes: TYPING, keys: &[plain(KeyCode::Up), ctrl('p')], action: Action::Up, help: "previous hit", footer: "" },
    Binding { modes: TYPING, keys: &[plain(KeyCode::Down), ctrl('n')], action: Action::Down, help: "next hit", footer: "" },
    Binding { modes: LISTS, keys: &[ch('j'), plain(KeyCode::Down)], action: Action::Down, help: "move down (scroll the detail pane when it has focus)", footer: "move" },
    Binding { modes: LISTS, keys: &[ch('k'), plain(KeyCode::Up)], action: Action::Up, help: "move up", footer: "" },
    Binding { modes: &[Browse, Targets, Overview, Search, Help], keys: &[plain(KeyCode::PageDown)], action: Action::PageDown, help: "page down", footer: "" },
    Binding { modes: &[Browse, Targets, Overview, Search, Help], keys: &[plain(KeyCode::PageUp)], action: Action::PageUp, help: "page up", footer: "" },
    Binding { modes: LISTS, keys: &[ch('g'), plain(KeyCode::Home)], action: Action::Top, help: "go to the top", footer: "" },
    Binding { modes: LISTS, keys: &[ch('G'), plain(KeyCode::End)], action: Action::Bottom, help: "go to the bottom", footer: "" },
    Binding { modes: &[Browse], keys: &[ch('h'), plain(KeyCode::Left)], action: Action::Collapse, help: "collapse, or go to the parent", footer: "" },
    Binding { modes: &[Browse], keys: &[ch('l'), plain(KeyCode::Right)], action: Action::Expand, help: "expand, or go to the first child", footer: "open" },
    Binding { modes: &[Browse], keys: &[plain(KeyCode::Enter), ch(' ')], action: Action::Toggle, help: "expand or collapse", footer: "" },
    Binding { modes: &[Search, Targets, Overview], keys: &[plain(KeyCode::Enter)], action: Action::Accept, help: "jump to the selection in the tree", footer: "jump" },
    Binding { modes: &[Filter], keys: &[plain(KeyCode::Enter)], action: Action::Accept, help: "keep the filter", footer: "keep" },
    Binding { modes: &[Browse], keys: &[plain(KeyCode::Tab), plain(KeyCode::BackTab)], action: Action::FocusNext, help: "switch focus between the tree and the detail pane", footer: "focus" },
    Binding { modes: &[Browse], keys: &[ch('n')], action: Action::NextHit, help: "next hit of the last search", footer: "" },
    Binding { modes: &[Browse], keys: &[ch('N')], action: Action::PrevHit, help: "previous hit of the last search", footer: "" },
    Binding { modes: &[Browse, Overview], keys: &[ch('t')], action: Action::ShowTargets, help: "table of every target", footer: "targets" },
    Binding { modes: &[Browse, Targets], keys: &[ch('o')], action: Action::ShowOverview, help: "overview charts", footer: "overview" },
    Binding { modes: &[Targets], keys: &[ch('s')], action: Action::CycleSort, help: "sort: document order, value ↓, value ↑", footer: "sort" },
    Binding { modes: &[Targets], keys: &[ch('u')], action: Action::CycleUnit, help: "filter by unit: all, then each unit in turn", footer: "unit" },
    Binding { modes: &[Browse], keys: &[ch('y')], action: Action::Copy, help: "copy the item's text, id and line (OSC 52, works over SSH)", footer: "copy" },
    Binding { modes: TYPING, keys: &[ctrl('u')], action: Action::ClearQuery, help: "clear the query", footer: "" },
    Binding { modes: TYPING, keys: &[plain(KeyCode::Backspace)], action: Action::Backspace, help: "delete a character", footer: "" },
    Binding { modes: ALL, keys: &[plain(KeyCode::Esc)], action: Action::Back, help: "back: close the overlay or view (search: restore the selection)", footer: "back" },
    Binding { modes: &[Help], keys: &[ch('?'), ch('q')], action: Action::Back, help: "close the help", footer: "close" },
];

/// The action a key press means in a mode, if any. Typing in the search line
/// is not in the table: any other printable character is text.
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
    match (mode, event.code) {
        (Search | Filter, KeyCode::Char(c)) if !modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// How a key is written in the footer and help.
pub fn key_label(key: &Key, ascii: bool) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => if ascii { "Up" } else { "↑" }.to_string(),
        KeyCode::Down => if ascii { "Down" } else { "↓" }.to_string(),
        KeyCode::Left => if ascii { "Left" } else { "←" }.to_string(),
        KeyCode::Right => if ascii { "Right" } else { "→" }.to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "S-Tab".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::Backspace => "Bksp".to_string(),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("C-{name}")
    } else {
        name
    }
}

/// All of a binding's keys, as "j/↓".
pub fn keys_label(binding: &Binding, ascii: bool) -> String {
    binding
        .keys
        .iter()
        .map(|k| key_label(k, ascii))
        .collect::<Vec<_>>()
        .join("/")
}

/// The footer's hints for a mode: (keys, label) pairs, in table order.
pub fn footer_hints(mode: Mode, ascii: bool) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode) && !b.footer.is_empty())
        .map(|b| {
            let first = b
                .keys
                .first()
                .map(|k| key_label(k, ascii))
                .unwrap_or_default();
            (first, b.footer)
        })
        .collect()
}

/// One line of the help screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(&'static str),
    Binding { keys: String, help: &'static str },
    Blank,
}

/// The help's sections: a mode's bindings under a heading.
const HELP_SECTIONS: &[(Mode, &str)] = &[
    (Browse, "Browsing the tree and the detail pane"),
    (
        Search,
        "Search overlay: type Chinese or pinyin (lugugaosu, lggs); 'exact ^prefix suffix$ !not",
    ),
    (Targets, "Targets table"),
    (Filter, "Targets filter: type to filter the rows"),
    (Overview, "Overview"),
    (Help, "Help"),
];

/// The help screen: bindings that hold in every mode once, under
/// "Everywhere", then each mode's own, in table order.
pub fn help_lines(ascii: bool) -> Vec<HelpLine> {
    let everywhere = |b: &&Binding| b.modes == ALL;
    let line = |b: &Binding| HelpLine::Binding {
        keys: keys_label(b, ascii),
        help: b.help,
    };
    let mut out = vec![HelpLine::Heading("Everywhere")];
    out.extend(BINDINGS.iter().filter(everywhere).map(line));
    for (mode, title) in HELP_SECTIONS {
        out.push(HelpLine::Blank);
        out.push(HelpLine::Heading(title));
        out.extend(
            BINDINGS
                .iter()
                .filter(|b| b.modes.contains(mode) && !everywhere(b))
                .map(line),
        );
    }
    out.push(HelpLine::Blank);
    out.push(HelpLine::Heading(
        "Mouse: the wheel scrolls, a click selects, a second click opens.",
    ));
    out
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

    #[test]
    fn the_help_has_a_section_for_every_mode() {
        for mode in ALL {
            assert!(
                HELP_SECTIONS.iter().any(|(m, _)| m == mode),
                "{mode:?} has no section in the help"
            );
        }
    }

    #[test]
    fn the_footer_comes_from_the_table() {
        let hints = footer_hints(Browse, false);
        assert!(hints.contains(&("/".to_string(), "search")));
        assert!(hints.contains(&("q".to_string(), "quit")));
        assert!(
            !footer_hints(Search, false)
                .iter()
                .any(|(_, l)| *l == "quit")
        );
    }
}
