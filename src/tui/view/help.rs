//! The help screen, drawn from the same key table that handles the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::theme::{Symbols, Theme, theme};
use crate::tui::action::{ALL, BINDINGS, Binding, Mode, keys_label};
use crate::tui::app::{App, Options};
use crate::width::{pad_right, truncate};

const SECTIONS: &[(Mode, &str)] = &[
    (Mode::Browse, "Browsing the tree and the detail pane"),
    (
        Mode::Search,
        "Search overlay: type Chinese or pinyin (lugugaosu, lggs); 'exact ^prefix suffix$ !not",
    ),
    (Mode::Targets, "Targets table"),
    (Mode::Filter, "Targets filter: type to filter the rows"),
    (Mode::Overview, "Overview"),
    (Mode::Help, "Help"),
];

/// Bindings that hold in every mode are listed once, under "Everywhere".
fn everywhere(binding: &Binding) -> bool {
    binding.modes == ALL
}

/// The help text as lines of (keys, text); a section title has no keys.
fn entries(ascii: bool) -> Vec<(Option<String>, String)> {
    let mut out = vec![(None, "Everywhere".to_string())];
    for b in BINDINGS.iter().filter(|b| everywhere(b)) {
        out.push((Some(keys_label(b, ascii)), b.help.to_string()));
    }
    for (mode, title) in SECTIONS {
        out.push((None, String::new()));
        out.push((None, title.to_string()));
        for b in BINDINGS
            .iter()
            .filter(|b| b.modes.contains(mode) && !everywhere(b))
        {
            out.push((Some(keys_label(b, ascii)), b.help.to_string()));
        }
    }
    out.push((None, String::new()));
    out.push((
        None,
        "Mouse: the wheel scrolls, a click selects, a second click opens.".to_string(),
    ));
    out
}

pub fn line_count(ascii: bool) -> usize {
    entries(ascii).len()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme_: &Theme, symbols: &Symbols) {
    let block = super::block("Help · j/k scroll · Esc or ? closes", true, theme_, symbols);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let lines = help_lines(&app.options, inner.width as usize);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(app.help_scroll)
        .take(inner.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

fn help_lines(options: &Options, width: usize) -> Vec<Line<'static>> {
    let theme = theme(options);
    entries(options.ascii)
        .into_iter()
        .map(|(keys, text)| match keys {
            None => Line::from(Span::styled(truncate(&text, width), theme.title)),
            Some(keys) => Line::from(vec![
                Span::styled(format!("  {}", pad_right(&keys, 14)), theme.key),
                Span::styled(truncate(&text, width.saturating_sub(16)), Style::default()),
            ]),
        })
        .collect()
}
