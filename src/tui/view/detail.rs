//! The detail pane: the slice of the app's laid-out detail document that
//! fits, from its scroll offset.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::pane::{self, Layer};
use crate::tui::app::{App, Focus};
use crate::tui::theme::{Symbols, Theme};

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme, symbols: &Symbols) {
    let focused = app.focus == Focus::Detail;
    let inner = pane::bordered(
        frame,
        "Detail",
        area,
        Layer::Pane { focused },
        theme,
        symbols,
    );
    let end = app
        .detail
        .lines
        .len()
        .min(app.detail_scroll.saturating_add(inner.height as usize));
    let start = app.detail_scroll.min(end);
    let visible = app.detail.lines[start..end].to_vec();
    frame.render_widget(Paragraph::new(visible), inner);
}
