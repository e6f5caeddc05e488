//! The help screen: the key table's help lines, drawn and scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane::{self, Layer};
use crate::tui::app::App;
use crate::tui::hints::{HelpLine, help_lines};
use crate::tui::theme::{Symbols, Theme};
use crate::width::{pad_right, truncate};

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme, symbols: &Symbols) {
    let title = "Help · j/k scroll · Esc or ? closes";
    let inner = pane::bordered(frame, title, area, Layer::Overlay, theme, symbols);
    let width = inner.width as usize;
    let visible: Vec<Line> = help_lines(app.options.ascii)
        .into_iter()
        .skip(app.help_scroll)
        .take(inner.height as usize)
        .map(|line| match line {
            HelpLine::Heading(text) => Line::from(Span::styled(truncate(text, width), theme.title)),
            HelpLine::Blank => Line::default(),
            HelpLine::Binding { keys, help } => Line::from(vec![
                Span::styled(format!("  {}", pad_right(&keys, 14)), theme.key),
                Span::styled(truncate(help, width.saturating_sub(16)), Style::default()),
            ]),
        })
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
