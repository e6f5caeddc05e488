//! The plan picker: an overlay listing the library's plans, filtered as the
//! user types, matched characters marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane::{self, Layer};
use crate::library::PlanEntry;
use crate::tui::app::App;
use crate::tui::layout::Regions;
use crate::tui::picker::Purpose;
use crate::tui::theme::{Symbols, Theme};
use crate::width::{char_width, pad_left, pad_right, str_width, truncate};

pub fn render(app: &App, frame: &mut Frame, regions: &Regions, theme: &Theme, symbols: &Symbols) {
    let picker = &app.picker;
    // The search overlay's place, without its preview.
    let regions = regions.with_preview(false);
    let area = regions.search;
    let position = if picker.shown.is_empty() {
        0
    } else {
        picker.selected + 1
    };
    let title = match picker.purpose {
        Purpose::Open => format!("Plans {position}/{}", picker.shown.len()),
        Purpose::Compare => format!(
            "Compare {} with… {position}/{}",
            app.plan_name,
            picker.shown.len()
        ),
    };
    let inner = pane::bordered(frame, &title, area, Layer::Overlay, theme, symbols);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = inner.width as usize;
    let (prompt, x) = pane::typed_line("> ", &picker.line, width, theme.title, theme.selected);
    frame.render_widget(Paragraph::new(prompt), inner);
    frame.set_cursor_position((inner.x + x, inner.y));
    let name_w = picker
        .entries
        .iter()
        .map(|e| str_width(e.name.as_str()))
        .max()
        .unwrap_or(4)
        .clamp(4, 24);
    if inner.height > 1 {
        let note = if !picker.listed {
            "reading the library…".to_string()
        } else if picker.shown.is_empty() {
            "no plan matches".to_string()
        } else {
            format!("  {}  year  commitments  title", pad_right("name", name_w))
        };
        let rule = Rect::new(inner.x, inner.y + 1, inner.width, 1);
        frame.render_widget(
            Paragraph::new(Span::styled(truncate(&note, width), theme.dim)),
            rule,
        );
    }
    let list = regions.search_list().intersection(inner);
    let lines: Vec<Line> = picker
        .shown
        .iter()
        .enumerate()
        .skip(picker.offset)
        .take(list.height as usize)
        .filter_map(|(row, &entry)| {
            let e = picker.entries.get(entry)?;
            let line = Row {
                entry: e,
                open: e.name.as_str() == app.plan_name,
                selected: row == picker.selected,
                matched: &picker.matched(entry),
                name_w,
            };
            Some(line.render(width, theme))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

/// A plan's row: a mark for the open plan, its name, year, commitments
/// and title; the characters the query matched are marked.
struct Row<'a> {
    entry: &'a PlanEntry,
    open: bool,
    selected: bool,
    /// Char indices into "name title".
    matched: &'a [usize],
    name_w: usize,
}

impl Row<'_> {
    fn render(&self, width: usize, theme: &Theme) -> Line<'static> {
        let base = if self.selected {
            theme.selected
        } else {
            Style::default()
        };
        let name = self.entry.name.as_str();
        let summary = &self.entry.summary;
        let year = summary.year.map_or("-".to_string(), |y| y.to_string());
        let mark = if self.open { "● " } else { "  " };
        let mut spans = vec![Span::styled(mark.to_string(), base)];
        let mut used = 2;
        let name_cells = self.marked(name, 0, self.name_w, base, theme);
        used += self.name_w;
        spans.extend(name_cells);
        let middle = format!(
            "  {}  {}  ",
            pad_left(&year, 4),
            pad_left(&summary.commitments.to_string(), 11)
        );
        used += str_width(&middle);
        spans.push(Span::styled(middle, base));
        let room = width.saturating_sub(used);
        let title_start = name.chars().count() + 1;
        spans.extend(self.marked(&summary.title, title_start, room, base, theme));
        Line::from(spans)
    }

    /// `text`, whose chars are `offset..` of "name title", cut and padded to
    /// `room` cells, the matched chars marked.
    fn marked(
        &self,
        text: &str,
        offset: usize,
        room: usize,
        base: Style,
        theme: &Theme,
    ) -> Vec<Span<'static>> {
        let cut = truncate(text, room);
        let mut spans = Vec::new();
        let mut used = 0;
        for (i, c) in cut.chars().enumerate() {
            let style = if self.matched.binary_search(&(offset + i)).is_ok() {
                base.patch(theme.matched)
            } else {
                base
            };
            used += char_width(c);
            spans.push(Span::styled(c.to_string(), style));
        }
        spans.push(Span::styled(" ".repeat(room.saturating_sub(used)), base));
        spans
    }
}
