//! The search overlay: the query line and the hits, matched characters marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::pane;
use crate::tui::app::App;
use crate::tui::theme::{Symbols, Theme};
use crate::width::{char_width, pad_right, str_width};

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme, symbols: &Symbols) {
    let search = &app.search;
    let pending = if search.index.has_pinyin() {
        ""
    } else {
        " · pinyin loading"
    };
    let title = format!(
        "Search {}/{}{pending}",
        hit_position(app),
        search.results().len()
    );
    let block = pane::block(&title, true, theme, symbols);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = inner.width as usize;
    let prompt = format!(
        "/ {}",
        tail_to_width(&search.query, width.saturating_sub(3))
    );
    let cursor_x = inner.x + str_width(&prompt).min(width.saturating_sub(1)) as u16;
    frame.render_widget(Paragraph::new(Span::styled(prompt, theme.title)), inner);
    frame.set_cursor_position((cursor_x, inner.y));
    if inner.height > 1 {
        let hint = if search.query.is_empty() {
            "type Chinese characters, full pinyin or its initials; 'exact ^prefix suffix$ !not"
        } else if search.results().is_empty() {
            "no match"
        } else {
            ""
        };
        let rule = Rect::new(inner.x, inner.y + 1, inner.width, 1);
        frame.render_widget(
            Paragraph::new(Span::styled(crate::width::truncate(hint, width), theme.dim)),
            rule,
        );
    }
    let list = app.regions().search_list();
    let list = list.intersection(inner);
    // Match indices are computed for the rows on screen only.
    let lines: Vec<Line> = (search.offset..search.results().len())
        .take(list.height as usize)
        .filter_map(|i| {
            search
                .hit(i)
                .map(|hit| hit_line(&hit, i == search.selected, width, theme))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

fn hit_position(app: &App) -> usize {
    if app.search.results().is_empty() {
        0
    } else {
        app.search.selected + 1
    }
}

/// The end of the query that fits in `width` cells, so the cursor stays in view.
fn tail_to_width(query: &str, width: usize) -> String {
    let mut used = 0;
    let mut chars: Vec<char> = Vec::new();
    for c in query.chars().rev() {
        used += char_width(c);
        if used > width {
            break;
        }
        chars.push(c);
    }
    chars.into_iter().rev().collect()
}

fn hit_line(
    hit: &crate::search::SearchHit,
    selected: bool,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let base = if selected {
        theme.selected
    } else {
        Style::default()
    };
    let tag_width = 20.min(width);
    let tag = pad_right(&format!("{:<8} {}", hit.id, hit.kind.as_str()), tag_width);
    let mut cells: Vec<(char, Style)> = Vec::new();
    let room = width - tag_width;
    // Start a little before the first match when it would be out of view.
    let first = hit.matched.first().copied().unwrap_or(0);
    let before: usize = hit.text.chars().take(first).map(char_width).sum();
    let skip = if before + 6 <= room {
        0
    } else {
        // Keep about a third of the room as context before the match.
        let chars: Vec<char> = hit.text.chars().take(first).collect();
        let mut context = 0;
        let mut keep = 0;
        for &c in chars.iter().rev() {
            context += char_width(c);
            if context > room / 3 {
                break;
            }
            keep += 1;
        }
        first - keep
    };
    let mut used = 0;
    if skip > 0 {
        cells.push(('…', base));
        used += 1;
    }
    let chars: Vec<char> = hit.text.chars().collect();
    for (i, &c) in chars.iter().enumerate().skip(skip) {
        let w = char_width(c);
        let last = i + 1 == chars.len();
        let reserve = if last { 0 } else { 1 };
        if used + w + reserve > room {
            if room > used {
                cells.push(('…', base));
                used += 1;
            }
            break;
        }
        let style = if hit.matched.binary_search(&i).is_ok() {
            base.patch(theme.matched)
        } else {
            base
        };
        cells.push((c, style));
        used += w;
    }
    let mut spans = vec![Span::styled(tag, if selected { base } else { theme.dim })];
    let mut run = String::new();
    let mut run_style = base;
    for (c, style) in cells {
        if style != run_style && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), run_style));
        }
        run_style = style;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, run_style));
    }
    spans.push(Span::styled(" ".repeat(room.saturating_sub(used)), base));
    Line::from(spans)
}
