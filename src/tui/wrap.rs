//! Wrapping styled text by display width. Written by hand rather than with
//! Paragraph's Wrap, which can panic on a double-width glyph in an area one
//! cell wide; here a glyph wider than the line gets a line of its own.
//!
//! Lines break where a reader expects: at spaces and between Chinese
//! characters, never inside a Latin word ("2 commitments", not
//! "2 c|ommitments") unless the word alone is wider than the line, never
//! between a count and the word it counts ("0 targets", not "0|targets"), and, by
//! the basic rule of Chinese typesetting, no line starts with a closing mark
//! such as 。,、;:!?)」』 and none ends with an opening one such as “「(.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::width::char_width;

/// Marks that must not start a line: closing punctuation, full-width and ASCII.
const NO_LINE_START: &[char] = &[
    '。', '，', '、', '；', '：', '！', '？', '）', '」', '』', '】', '》', '〉', '”', '’', '…',
    '．', '〕', '｝', '］', ',', '.', ';', ':', '!', '?', ')', ']', '}', '%', '％',
];

/// Marks that must not end a line: opening punctuation.
const NO_LINE_END: &[char] = &[
    '（', '「', '『', '【', '《', '〈', '“', '‘', '〔', '｛', '［', '(', '[', '{',
];

/// Whether a line may break between `before` and `after`.
pub fn may_break(before: char, after: char) -> bool {
    if NO_LINE_START.contains(&after) || NO_LINE_END.contains(&before) {
        return false;
    }
    if before == ' ' || after == ' ' {
        return true;
    }
    // Chinese text often uses ASCII marks: 发展:G321 may break after the
    // colon, though 1,000 may not.
    if ",;:!?".contains(before) && !after.is_ascii_digit() {
        return true;
    }
    // Between two narrow glyphs is inside a Latin word or number; a wide
    // glyph on either side is a place Chinese text may break.
    char_width(before) > 1 || char_width(after) > 1
}

/// A glyph of a paragraph: the char, the cells it takes, and the piece it
/// comes from (whose style it takes).
#[derive(Debug, Clone, Copy)]
struct Glyph {
    c: char,
    width: u8,
    piece: u32,
}

/// Wraps (text, style) pieces into lines of at most `width` cells.
pub fn wrap(pieces: &[(String, Style)], width: usize) -> Vec<Line<'static>> {
    if width == 0 {
        return Vec::new();
    }
    let mut glyphs: Vec<Glyph> = Vec::new();
    let mut used = 0;
    let mut plain = true;
    for (i, (text, _)) in pieces.iter().enumerate() {
        for c in text.chars() {
            let w = char_width(c);
            used += w;
            if w == 0 && c.is_control() {
                plain = false;
                if c != '\n' {
                    continue;
                }
            }
            glyphs.push(Glyph {
                c,
                width: w as u8,
                piece: i as u32,
            });
        }
    }
    if glyphs.is_empty() {
        return Vec::new();
    }
    // The common case: text with no control character that fits in one
    // line is that line, its pieces as they are.
    if plain && used <= width {
        return vec![one_line(pieces)];
    }
    let mut lines = Vec::new();
    for paragraph in glyphs.split(|g| g.c == '\n') {
        wrap_paragraph(paragraph, pieces, width, &mut lines);
    }
    // A newline at the very end ends the last line; it opens no new one.
    if glyphs.last().is_some_and(|g| g.c == '\n') {
        lines.pop();
    }
    lines
}

/// The pieces as one line, neighbours of the same style in one span.
fn one_line(pieces: &[(String, Style)]) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (text, style) in pieces.iter().filter(|(t, _)| !t.is_empty()) {
        match spans.last_mut() {
            Some(last) if last.style == *style => last.content.to_mut().push_str(text),
            _ => spans.push(Span::styled(text.clone(), *style)),
        }
    }
    Line::from(spans)
}

/// Appends the lines of one paragraph (no newlines in it). An empty
/// paragraph is an empty line. Spaces where a line breaks are dropped.
fn wrap_paragraph(
    glyphs: &[Glyph],
    pieces: &[(String, Style)],
    width: usize,
    lines: &mut Vec<Line<'static>>,
) {
    if glyphs.is_empty() {
        lines.push(Line::default());
        return;
    }
    let mut start = 0;
    while start < glyphs.len() {
        // The most that fits, and at least one glyph.
        let mut end = start;
        let mut used = 0;
        while end < glyphs.len() && (end == start || used + glyphs[end].width as usize <= width) {
            used += glyphs[end].width as usize;
            end += 1;
        }
        let mut last = end;
        if end < glyphs.len() {
            let mut at = end;
            while at > start + 1
                && (!may_break(glyphs[at - 1].c, glyphs[at].c) || counts_a_word(glyphs, at))
            {
                at -= 1;
            }
            // No place to break: a word wider than the line is cut.
            if at > start + 1 || may_break(glyphs[start].c, glyphs[start + 1].c) {
                end = at;
            }
            last = end;
            while last > start + 1 && glyphs[last - 1].c == ' ' {
                last -= 1;
            }
        }
        lines.push(styled_line(&glyphs[start..last], pieces));
        start = end;
        while start < glyphs.len() && glyphs[start].c == ' ' {
            start += 1;
        }
    }
}

/// Whether a break before `glyphs[at]` would part a count from the word
/// it counts, on either side of the space between them: "0 targets".
fn counts_a_word(glyphs: &[Glyph], at: usize) -> bool {
    let c = |i: usize| glyphs.get(i).map_or('\0', |g| g.c);
    let (space, before) = if c(at) == ' ' {
        (at, at.wrapping_sub(1))
    } else if at >= 2 && c(at - 1) == ' ' {
        (at - 1, at - 2)
    } else {
        return false;
    };
    c(before).is_ascii_digit() && c(space + 1).is_ascii_alphabetic()
}

fn styled_line(glyphs: &[Glyph], pieces: &[(String, Style)]) -> Line<'static> {
    let style_of = |piece: u32| pieces.get(piece as usize).map(|p| p.1).unwrap_or_default();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_piece = None;
    let mut run_style = Style::default();
    for g in glyphs {
        // Styles are compared only where the piece changes.
        if run_piece != Some(g.piece) {
            let style = style_of(g.piece);
            if run_piece.is_some() && style != run_style {
                spans.push(Span::styled(std::mem::take(&mut run), run_style));
            }
            run_piece = Some(g.piece);
            run_style = style;
        }
        run.push(g.c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, run_style));
    }
    Line::from(spans)
}

/// Splits `text` into pieces styled `base`, with `marked` char ranges styled
/// `mark`; where ranges overlap, the later one's style is patched over the
/// earlier one's.
pub fn mark_ranges(
    text: &str,
    ranges: &[(usize, usize, Style)],
    base: Style,
) -> Vec<(String, Style)> {
    let mut pieces: Vec<(String, Style)> = Vec::new();
    for (i, c) in text.chars().enumerate() {
        let mut style = base;
        for (start, end, mark) in ranges {
            if *start <= i && i < *end {
                style = style.patch(*mark);
            }
        }
        match pieces.last_mut() {
            Some((run, s)) if *s == style => run.push(c),
            _ => pieces.push((c.to_string(), style)),
        }
    }
    pieces
}

/// "1 commitment", "2 commitments": a count with its noun, singular for one.
pub fn count(n: usize, noun: &str) -> String {
    let mut out = String::new();
    push_count(&mut out, n, noun);
    out
}

/// Appends [`count`]`(n, noun)` to `out`.
pub fn push_count(out: &mut String, n: usize, noun: &str) {
    use std::fmt::Write;
    let _ = write!(out, "{n} {noun}");
    if n != 1 {
        out.push('s');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(lines: &[Line]) -> Vec<usize> {
        lines.iter().map(|l| l.width()).collect()
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    fn plain(text: &str, width: usize) -> Vec<String> {
        texts(&wrap(&[(text.to_string(), Style::default())], width))
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
    fn latin_words_wrap_whole() {
        // A count stays with what it counts.
        assert_eq!(
            plain("2 tasks · 7 commitments · 0 targets", 16),
            ["2 tasks ·", "7 commitments ·", "0 targets"]
        );
        assert_eq!(
            plain("commitments · 0 targets", 16),
            ["commitments ·", "0 targets"]
        );
        // A word wider than the line is cut, as it must be.
        assert_eq!(plain("commitments", 5), ["commi", "tment", "s"]);
        assert_eq!(plain("a commitments", 5), ["a", "commi", "tment", "s"]);
    }

    #[test]
    fn no_line_starts_with_a_closing_mark() {
        // Six cells: 做大做 fits, but the next line would open with ,.
        assert_eq!(plain("做大做,强", 6), ["做大", "做,强"]);
        assert_eq!(plain("甲乙丙。", 6), ["甲乙", "丙。"]);
        assert_eq!(plain("甲乙丙」。丁", 6), ["甲乙", "丙」。", "丁"]);
        // And none ends with an opening one.
        assert_eq!(plain("甲乙“丙丁”", 6), ["甲乙", "“丙丁”"]);
        for width in 2..30 {
            let text = "以链带面、强链聚群,做大做强制造业。推进“5+N”产业集群(首批)发展:G321泸县段!";
            for line in plain(text, width).iter().skip(1) {
                let first = line.chars().next().unwrap();
                assert!(
                    // Narrower than “5+N”, a cut must fall inside it.
                    !NO_LINE_START.contains(&first) || width < 6,
                    "{width}: {line:?}"
                );
            }
        }
    }

    #[test]
    fn nothing_is_lost_but_the_spaces_at_breaks() {
        let text = "Area 12 · source line 33 · 以链带面、强链聚群,做大做强制造业 and more words";
        for width in 1..40 {
            let joined: String = plain(text, width).concat();
            let solid = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
            assert_eq!(solid(&joined), solid(text), "width {width}");
            for line in plain(text, width) {
                assert!(
                    crate::width::str_width(&line) <= width.max(2),
                    "{width}: {line}"
                );
            }
        }
    }

    #[test]
    fn a_line_that_fits_is_the_same_cheap_or_not() {
        let bold = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let pieces = vec![
            ("1.1   ".to_string(), Style::default()),
            ("推进制造业 ".to_string(), bold),
            ("".to_string(), Style::default()),
            (" · 2 commitments".to_string(), bold),
        ];
        let fast = wrap(&pieces, 80);
        // A newline at the end sends the same text down the long path.
        let mut slow_pieces = pieces.clone();
        slow_pieces.push(("\n".to_string(), Style::default()));
        assert_eq!(fast, wrap(&slow_pieces, 80));
        assert_eq!(fast.len(), 1);
        assert!(wrap(&[(String::new(), Style::default())], 10).is_empty());
    }

    #[test]
    fn marks_char_ranges() {
        let bold = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let pieces = mark_ranges("总投资2100亿元的", &[(3, 9, bold)], Style::default());
        assert_eq!(pieces[1], ("2100亿元".to_string(), bold));
        assert_eq!(pieces.len(), 3);
    }

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(count(1, "commitment"), "1 commitment");
        assert_eq!(count(0, "target"), "0 targets");
        assert_eq!(count(2, "task"), "2 tasks");
    }
}
