//! What every pane shares: a bordered block in the theme, with its title.
//! A leaf of the view, so the panes never import the module that calls them.

use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

use crate::tui::theme::{Symbols, Theme};

/// A bordered block in the theme over `area`, with the focused border when
/// `focused`. Its title is cut with "…" where the border is too short.
fn block(
    title: &str,
    area: ratatui::layout::Rect,
    focused: bool,
    theme: &Theme,
    symbols: &Symbols,
) -> Block<'static> {
    // Two corners, and a space either side of the title.
    let title = crate::width::truncate(title, (area.width as usize).saturating_sub(4));
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

/// How a pane stands on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// Beside the others, in its own place: `focused` when it takes the keys.
    Pane { focused: bool },
    /// Over the others, cleared first ([`clear`]), and always focused.
    Overlay,
}

/// Draws a pane's bordered [`block`] over `area`, and returns the area
/// inside its border, which may be empty on a tiny terminal.
pub fn bordered(
    frame: &mut ratatui::Frame,
    title: &str,
    area: ratatui::layout::Rect,
    layer: Layer,
    theme: &Theme,
    symbols: &Symbols,
) -> ratatui::layout::Rect {
    let focused = match layer {
        Layer::Pane { focused } => focused,
        Layer::Overlay => {
            clear(frame, area);
            true
        }
    };
    let block = block(title, area, focused, theme, symbols);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// Clears an overlay's area. A wide character just left of it, whose right
/// half the overlay covers, becomes a blank: left whole, a terminal would
/// draw it over the overlay's left border. (On the right edge, the covered
/// half is already a blank cell the overlay does not draw.)
fn clear(frame: &mut ratatui::Frame, area: ratatui::layout::Rect) {
    frame.render_widget(ratatui::widgets::Clear, area);
    if area.x == 0 {
        return;
    }
    let buffer = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        if let Some(cell) = buffer.cell_mut((area.x - 1, y))
            && crate::width::str_width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

/// A typed line after its prompt, cut to `width` cells so that the cursor
/// stays in view, the text drawn in `selected` style while it is all
/// selected. Returns the line and the cursor's column within it.
pub fn typed_line(
    prompt: &str,
    line: &crate::tui::line::LineEdit,
    width: usize,
    style: ratatui::style::Style,
    selected: ratatui::style::Style,
) -> (ratatui::text::Line<'static>, u16) {
    use crate::width::{char_width, str_width};
    let chars: Vec<char> = line.text.chars().collect();
    let cursor = line.cursor.min(chars.len());
    let room = width.saturating_sub(str_width(prompt) + 1);
    // The first char shown: as early as leaves the cursor in view.
    let mut start = cursor;
    let mut before = 0;
    while start > 0 && before + char_width(chars[start - 1]) <= room {
        start -= 1;
        before += char_width(chars[start]);
    }
    let mut shown = String::new();
    let mut used = 0;
    for &c in &chars[start..] {
        if used + char_width(c) > room.max(before) {
            break;
        }
        shown.push(c);
        used += char_width(c);
    }
    let text_style = if line.selected { selected } else { style };
    let spans = vec![
        ratatui::text::Span::styled(prompt.to_string(), style),
        ratatui::text::Span::styled(shown, text_style),
    ];
    let x = (str_width(prompt) + before).min(width.saturating_sub(1));
    (ratatui::text::Line::from(spans), x as u16)
}
