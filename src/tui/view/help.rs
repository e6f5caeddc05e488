//! The help screen, drawn from the same key table that handles the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::theme::{Symbols, Theme};
use crate::tui::action::{BINDINGS, Mode, keys_label};
use crate::tui::app::App;
use crate::width::{pad_right, truncate};

const SECTIONS: &[(Mode, &str)] = &[
    (Mode::Browse, "Browsing the tree and detail"),
    (Mode::Search, "Search overlay (type to search)"),
    (Mode::Targets, "Targets table"),
    (Mode::Filter, "Targets filter (type to filter)"),
    (Mode::Overview, "Overview"),
    (Mode::Help, "Help"),
];

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme, symbols: &Symbols) {
    let block = super::block("Help · Esc or ? to close", true, theme, symbols);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    for (mode, title) in SECTIONS {
        lines.push(Line::from(Span::styled(
            truncate(title, width),
            theme.title,
        )));
        for binding in BINDINGS.iter().filter(|b| b.modes.contains(mode)) {
            let keys = pad_right(&keys_label(binding, app.options.ascii), 14);
            let help = truncate(binding.help, width.saturating_sub(16));
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys}"), theme.key),
                Span::raw(help),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(
        truncate(
            "Mouse: the wheel scrolls, a click selects, a second click opens.",
            width,
        ),
        theme.dim,
    )));
    let visible: Vec<Line> = lines.into_iter().take(inner.height as usize).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
