//! Wrapping styled text by display width. Written by hand rather than with
//! Paragraph's Wrap, which can panic on a double-width glyph in an area one
//! cell wide; here a glyph wider than the line gets a line of its own.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::width::char_width;

/// Wraps (text, style) pieces into lines of at most `width` cells.
pub fn wrap(pieces: &[(String, Style)], width: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    if width == 0 {
        return lines;
    }
    for (text, style) in pieces {
        let mut run = String::new();
        for c in text.chars() {
            if c == '\n' {
                flush(&mut current, &mut run, *style);
                lines.push(Line::from(std::mem::take(&mut current)));
                used = 0;
                continue;
            }
            let w = char_width(c);
            if w == 0 && c.is_control() {
                continue;
            }
            if used + w > width && used > 0 {
                flush(&mut current, &mut run, *style);
                lines.push(Line::from(std::mem::take(&mut current)));
                used = 0;
            }
            run.push(c);
            used += w;
        }
        flush(&mut current, &mut run, *style);
    }
    if !current.is_empty() {
        lines.push(Line::from(current));
    }
    lines
}

fn flush(current: &mut Vec<Span<'static>>, run: &mut String, style: Style) {
    if !run.is_empty() {
        current.push(Span::styled(std::mem::take(run), style));
    }
}

/// Splits `text` into pieces styled `base`, with `marked` char ranges styled `mark`.
pub fn mark_ranges(
    text: &str,
    ranges: &[(usize, usize, Style)],
    base: Style,
) -> Vec<(String, Style)> {
    let mut pieces: Vec<(String, Style)> = Vec::new();
    for (i, c) in text.chars().enumerate() {
        let style = ranges
            .iter()
            .find(|(start, end, _)| (*start..*end).contains(&i))
            .map_or(base, |(_, _, s)| *s);
        match pieces.last_mut() {
            Some((run, s)) if *s == style => run.push(c),
            _ => pieces.push((c.to_string(), style)),
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(lines: &[Line]) -> Vec<usize> {
        lines.iter().map(|l| l.width()).collect()
    }

    #[test]
    fn wraps_chinese_by_cells() {
        let lines = wrap(&[("泸古高速公路".to_string(), Style::default())], 5);
        assert_eq!(widths(&lines), [4, 4, 4]);
        let lines = wrap(&[("泸古".to_string(), Style::default())], 1);
        assert_eq!(
            lines.len(),
            2,
            "a wide glyph in a 1-cell line gets a line of its own"
        );
        assert!(wrap(&[("x".to_string(), Style::default())], 0).is_empty());
    }

    #[test]
    fn marks_char_ranges() {
        let bold = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let pieces = mark_ranges("总投资2100亿元的", &[(3, 9, bold)], Style::default());
        assert_eq!(pieces[1], ("2100亿元".to_string(), bold));
        assert_eq!(pieces.len(), 3);
    }
}
