//! The search overlay: the query line, the hits with their matched
//! characters marked, and the preview of the selected hit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane::{self, Layer};
use crate::search::SearchHit;
use crate::tui::app::App;
use crate::tui::layout::Regions;
use crate::tui::theme::{Symbols, Theme};
use crate::width::{char_width, pad_right, str_width, truncate};

pub fn render(app: &App, frame: &mut Frame, regions: &Regions, theme: &Theme, symbols: &Symbols) {
    let search = &app.search;
    let area = regions.search;
    let pending = if search.is_indexing() {
        " · indexing…"
    } else if search.index.has_pinyin() {
        ""
    } else {
        " · pinyin loading"
    };
    let scope = match (search.all_plans(), search.plans_index()) {
        (false, _) => String::new(),
        (true, Some(all)) => format!(" all {} plans", all.plans()),
        (true, None) => " all plans · indexing the library…".to_string(),
    };
    let title = format!(
        "Search{scope} {}/{}{pending}",
        hit_position(app),
        search.results().len()
    );
    let inner = pane::bordered(frame, &title, area, Layer::Overlay, theme, symbols);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let parts = regions.search_parts();
    let (prompt, x) = pane::typed_line(
        "/ ",
        &search.line,
        parts.query.width as usize,
        theme.title,
        theme.selected,
    );
    frame.render_widget(Paragraph::new(prompt), parts.query);
    frame.set_cursor_position((parts.query.x + x, parts.query.y));
    let hint = if search.query().is_empty() {
        "type Chinese characters, full pinyin or its initials; 'exact ^prefix suffix$ !not"
    } else if search.results().is_empty() {
        "no match"
    } else {
        ""
    };
    let width = parts.hint.width as usize;
    frame.render_widget(
        Paragraph::new(Span::styled(truncate(hint, width), theme.dim)),
        parts.hint,
    );
    let list = parts.list;
    // Match indices are computed for the rows on screen only.
    let lines: Vec<Line> = (search.offset..search.results().len())
        .take(list.height as usize)
        .filter_map(|i| {
            let hit = search.hit(i)?;
            Some(hit_line(
                &hit,
                search.plan_of_result(i),
                search.kind_of_result(&app.plan, i).label(),
                i == search.selected,
                list.width as usize,
                theme,
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    if let Some(preview) = parts.preview {
        render_preview(app, frame, preview, theme, symbols);
    }
}

fn render_preview(app: &App, frame: &mut Frame, area: Rect, theme: &Theme, symbols: &Symbols) {
    let title = "Preview · Alt-p hides";
    let layer = Layer::Pane { focused: false };
    let inner = pane::bordered(frame, title, area, layer, theme, symbols);
    let lines = &app.preview.lines;
    let start = app.preview_scroll.min(lines.len());
    let end = lines.len().min(start + inner.height as usize);
    frame.render_widget(Paragraph::new(lines[start..end].to_vec()), inner);
}

fn hit_position(app: &App) -> usize {
    if app.search.results().is_empty() {
        0
    } else {
        app.search.selected + 1
    }
}

/// The first char to show of a hit's text in `room` cells, so that the
/// matched characters show: all of them when they fit, with some context
/// on either side, or else the first of them, with a little before it.
pub fn first_shown(chars: &[char], matched: &[usize], room: usize) -> usize {
    let width = |cs: &[char]| cs.iter().map(|&c| char_width(c)).sum::<usize>();
    let (Some(&first), Some(&last)) = (matched.first(), matched.last()) else {
        return 0;
    };
    if chars.is_empty() || width(chars) <= room {
        return 0;
    }
    let first = first.min(chars.len() - 1);
    let last = last.min(chars.len() - 1).max(first);
    let span = width(&chars[first..=last]);
    // Two cells go to the ellipses that mark the cuts.
    let before = if span + 2 <= room {
        (room - span - 2) * 2 / 3
    } else {
        room / 5
    };
    let mut skip = first;
    let mut used = 0;
    while skip > 0 && used + char_width(chars[skip - 1]) <= before {
        skip -= 1;
        used += char_width(chars[skip]);
    }
    // Cutting one narrow char for an ellipsis gains nothing.
    if skip == 1 && char_width(chars[0]) == 1 {
        skip = 0;
    }
    skip
}

/// A hit's row: its id and kind (its plan and id, when the search covers
/// every plan), then its text cut around the first match. A hit in a
/// review or outlook area is dimmed and labelled (回顾, 展望), as the tree
/// shows it: last year's results never read as this year's work.
fn hit_line(
    hit: &SearchHit,
    plan: Option<&str>,
    label: Option<&str>,
    selected: bool,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let base = match (selected, label) {
        (true, _) => theme.selected,
        (false, Some(_)) => theme.dim,
        (false, None) => Style::default(),
    };
    // The kind goes when the row is narrow, to leave room for the text.
    let tag = match plan {
        Some(plan) if width >= 48 => pad_right(&format!("{} {}", pad_right(plan, 16), hit.id), 27),
        Some(plan) => pad_right(plan, 12.min(width / 3)),
        None if width >= 48 => pad_right(&format!("{:<8} {}", hit.id, hit.kind.as_str()), 20),
        None => pad_right(&hit.id, 9.min(width / 3)),
    };
    let label = label.map(|l| format!("{l} ")).unwrap_or_default();
    let label = crate::width::truncate(&label, width.saturating_sub(str_width(&tag)));
    let room = width.saturating_sub(str_width(&tag) + str_width(&label));
    let chars: Vec<char> = hit.text.chars().collect();
    let skip = first_shown(&chars, &hit.matched, room);
    let mut cells: Vec<(char, Style)> = Vec::new();
    let mut used = 0;
    if skip > 0 {
        cells.push(('…', base));
        used += 1;
    }
    for (i, &c) in chars.iter().enumerate().skip(skip) {
        let w = char_width(c);
        let reserve = usize::from(i + 1 < chars.len());
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
    let mut spans = vec![
        Span::styled(tag, if selected { base } else { theme.dim }),
        Span::styled(label, base),
    ];
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The cells `first_shown` and the cut leave visible.
    fn shown(text: &str, matched: &[usize], room: usize) -> (usize, usize) {
        let chars: Vec<char> = text.chars().collect();
        let skip = first_shown(&chars, matched, room);
        let mut used = usize::from(skip > 0);
        let mut end = skip;
        while end < chars.len() && used + char_width(chars[end]) < room {
            used += char_width(chars[end]);
            end += 1;
        }
        (skip, end)
    }

    #[test]
    fn a_long_hit_is_cut_around_its_match() {
        let text =
            "加快建设泸古高速、自永高速泸州段、G321泸县和叙永段、自贡至泸州港大件公路、泸州港大脚";
        let chars: Vec<char> = text.chars().collect();
        let at = text.chars().position(|c| c == '大').unwrap();
        let matched: Vec<usize> = (at..at + 4).collect();
        for room in 12..60 {
            let (skip, end) = shown(text, &matched, room);
            assert!(skip <= at && at + 4 <= end, "{room}: {skip}..{end}");
        }
        // Matches spread apart show all together when they fit.
        let matched = [4, 5, 14];
        let (skip, end) = shown(text, &matched, 40);
        assert!(skip <= 4 && 14 < end, "{skip}..{end}");
        // Too far apart, the first shows.
        let (skip, _) = shown(text, &[4, chars.len() - 1], 16);
        assert!(skip <= 4);
        assert_eq!(first_shown(&chars, &[], 10), 0);
        assert_eq!(first_shown(&chars, &[3], 200), 0);
    }
}
