//! How a command's output is written: colour, and the width to cut lines
//! to, as the terminal (or its absence) and NO_COLOR decide.

use std::io::{self, IsTerminal};

/// True when the NO_COLOR convention asks for no colour.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// How output is written. On a terminal: colour unless NO_COLOR, and lines
/// cut to its width. Piped or redirected: plain, whole lines, so that grep
/// and cut see every character.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    /// The width to cut lines to; `None` when stdout is not a terminal.
    pub width: Option<usize>,
}

impl Style {
    pub fn detect() -> Style {
        if !io::stdout().is_terminal() {
            return Style::PLAIN;
        }
        let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
        let width = columns
            .or_else(|| {
                rustix::termios::tcgetwinsize(io::stdout())
                    .ok()
                    .map(|w| usize::from(w.ws_col))
            })
            .filter(|&w: &usize| w >= 20)
            .unwrap_or(80);
        Style {
            color: !no_color(),
            width: Some(width),
        }
    }

    /// Output for a pipe or a file: no colour, nothing cut.
    pub const PLAIN: Style = Style {
        color: false,
        width: None,
    };

    /// True when stdout is a terminal.
    pub fn terminal(&self) -> bool {
        self.width.is_some()
    }
}
