//! What every pane shares: a bordered block in the theme, with its title.
//! A leaf of the view, so the panes never import the module that calls them.

use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

use crate::tui::theme::{Symbols, Theme};

/// A bordered block in the theme, with the focused border when `focused`.
pub fn block<'a>(title: &'a str, focused: bool, theme: &Theme, symbols: &Symbols) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(symbols.border)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(Span::styled(format!(" {title} "), theme.title))
}
