//! Numbering and list marks that open a line: 一、 (a part), (一) (a
//! section), 1. (1) ① (a list item), 一是 (an enumerated point) and —— (a
//! dash item).

use crate::plan::lexicon::{is_chinese_numeral, list_number_len};
use crate::plan::text::char_len;

/// Numbering that opens a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    /// 一、
    Chapter,
    /// (一)
    Section,
    /// 1. or 1、 or (1) or ①
    Item,
    /// 一是, 二是 …
    Point,
    /// —— or —
    Dash,
}

/// At most this many numerals number a part, section or point.
const NUMERALS_MAX: usize = 3;

/// At most this many digits number an item: more is a quantity.
const DIGITS_MAX: usize = 3;

fn take_while_in(text: &str, pred: impl Fn(char) -> bool) -> (&str, &str) {
    let end = text
        .char_indices()
        .find(|&(_, c)| !pred(c))
        .map_or(text.len(), |(i, _)| i);
    text.split_at(end)
}

/// Splits a leading marker off a line. Points keep their marker in the text
/// (一是… reads as part of the sentence); other markers are removed. A marker
/// with nothing after it is not a marker: the line stays as written.
pub(crate) fn split_marker(line: &str) -> (Option<Marker>, &str) {
    match find_marker(line) {
        (Some(_), body) if body.trim().is_empty() => (None, line),
        found => found,
    }
}

fn find_marker(line: &str) -> (Option<Marker>, &str) {
    let (numerals, rest) = take_while_in(line, is_chinese_numeral);
    if !numerals.is_empty() && char_len(numerals) <= NUMERALS_MAX {
        if let Some(body) = rest.strip_prefix('、') {
            return (Some(Marker::Chapter), body.trim_start());
        }
        if rest.starts_with('是') && char_len(rest) > 1 {
            return (Some(Marker::Point), line);
        }
    }
    for (open, close) in [('(', ')'), ('\u{ff08}', '\u{ff09}')] {
        if let Some(inner) = line.strip_prefix(open) {
            let (numerals, rest) = take_while_in(inner, is_chinese_numeral);
            if !numerals.is_empty()
                && char_len(numerals) <= NUMERALS_MAX
                && let Some(body) = rest.strip_prefix(close)
            {
                return (Some(Marker::Section), body.trim_start());
            }
        }
    }
    let head: Vec<char> = line.chars().take(DIGITS_MAX + 3).collect();
    let item = list_number_len(&head, 0, DIGITS_MAX);
    if item > 0 {
        let body = line
            .char_indices()
            .nth(item)
            .map_or("", |(i, _)| &line[i..]);
        return (Some(Marker::Item), body.trim_start());
    }
    let (dashes, rest) = take_while_in(line, |c| matches!(c, '—' | '\u{2015}'));
    if !dashes.is_empty() && char_len(dashes) <= 2 {
        return (Some(Marker::Dash), rest.trim_start());
    }
    (None, line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_recognised() {
        assert_eq!(
            split_marker("一、总体要求"),
            (Some(Marker::Chapter), "总体要求")
        );
        assert_eq!(
            split_marker("(二)扩大内需"),
            (Some(Marker::Section), "扩大内需")
        );
        assert_eq!(
            split_marker("（三）扩大内需"),
            (Some(Marker::Section), "扩大内需")
        );
        for item in ["3.", "(4)", "②", "１．", "120、 ", "（12)"] {
            let line = format!("{item}推进A。");
            assert_eq!(
                split_marker(&line),
                (Some(Marker::Item), "推进A。"),
                "{line}"
            );
        }
        for text in [
            "1200、推进A。",
            "(1200)推进A。",
            "3.",
            "31.3万亩。",
            "2026.推进",
        ] {
            assert_eq!(split_marker(text), (None, text));
        }
        assert_eq!(
            split_marker("——城镇新增就业3万人"),
            (Some(Marker::Dash), "城镇新增就业3万人")
        );
        assert_eq!(
            split_marker("一是坚持。"),
            (Some(Marker::Point), "一是坚持。")
        );
        assert_eq!(split_marker("一批项目。"), (None, "一批项目。"));
        assert_eq!(split_marker("——"), (None, "——"));
    }
}
