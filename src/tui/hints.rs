//! What the key table says to a reader: the footer's hints, most useful
//! first, and the help screen's lines. Both are made from
//! [`BINDINGS`](crate::tui::action::BINDINGS), so they cannot drift from the
//! keys that work.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::tui::action::{ALL, BINDINGS, Binding, FOOTER_ORDER, Key, Mode};

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
        KeyCode::Delete => "Del".to_string(),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("C-{name}")
    } else if key.modifiers.contains(KeyModifiers::ALT) {
        format!("Alt-{name}")
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

/// The footer's hints for a mode: (key, label) pairs, most useful first.
pub fn footer_hints(mode: Mode, ascii: bool) -> Vec<(String, &'static str)> {
    let mut hints: Vec<(usize, String, &'static str)> = BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode) && !b.footer.is_empty())
        .map(|b| {
            let rank = FOOTER_ORDER
                .iter()
                .position(|l| *l == b.footer)
                .unwrap_or(FOOTER_ORDER.len());
            let first = b
                .keys
                .first()
                .map(|k| key_label(k, ascii))
                .unwrap_or_default();
            (rank, first, b.footer)
        })
        .collect();
    hints.sort_by_key(|(rank, _, _)| *rank);
    hints.into_iter().map(|(_, k, l)| (k, l)).collect()
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
    (Mode::Browse, "Browsing the tree and the detail pane"),
    (
        Mode::Search,
        "Search overlay: type Chinese or pinyin (lugugaosu, lggs); 'exact ^prefix suffix$ !not",
    ),
    (Mode::Goto, "Go to an id (after :)"),
    (Mode::Targets, "Targets table"),
    (Mode::Filter, "Targets filter: type to filter the rows"),
    (Mode::Units, "Unit picker: type to narrow the units"),
    (Mode::Overview, "Overview"),
    (
        Mode::Picker,
        "Plans: type to filter by name, title or pinyin",
    ),
    (
        Mode::Compare,
        "Comparing two plans: A the earlier, B the later",
    ),
    (Mode::Help, "Help"),
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
    fn the_footer_comes_from_the_table_most_useful_first() {
        let hints = footer_hints(Mode::Browse, false);
        assert_eq!(hints[0], ("/".to_string(), "search"));
        assert!(hints.contains(&("q".to_string(), "quit")));
        assert!(
            !hints.iter().any(|(k, _)| k == "Esc"),
            "Esc does nothing there"
        );
        assert!(
            !footer_hints(Mode::Search, false)
                .iter()
                .any(|(_, l)| *l == "quit")
        );
        assert_eq!(footer_hints(Mode::Search, false)[0].1, "jump");
    }

    #[test]
    fn every_footer_label_has_a_rank() {
        for b in BINDINGS.iter().filter(|b| !b.footer.is_empty()) {
            assert!(FOOTER_ORDER.contains(&b.footer), "{} has no rank", b.footer);
        }
    }
}
