//! Display width of text on a terminal: a Chinese character takes two cells.
//! Everything here cuts at char boundaries, never at byte offsets.

use unicode_width::UnicodeWidthChar;

/// Cells a char takes; control characters take none.
pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Cells a string takes.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Cuts `s` to at most `max` cells, ending with an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if str_width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pads `s` with spaces on the right to `width` cells (cutting it first if longer).
pub fn pad_right(s: &str, width: usize) -> String {
    let mut out = truncate(s, width);
    let w = str_width(&out);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// Pads `s` with spaces on the left to `width` cells.
pub fn pad_left(s: &str, width: usize) -> String {
    let cut = truncate(s, width);
    let w = str_width(&cut);
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(w)).collect();
    out.push_str(&cut);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_takes_two_cells() {
        assert_eq!(str_width("泸古高速"), 8);
        assert_eq!(str_width("G321纳溪段"), 10);
        assert_eq!(str_width("a\u{7}b"), 2);
    }

    #[test]
    fn truncates_by_cells_with_an_ellipsis() {
        assert_eq!(truncate("泸古高速", 8), "泸古高速");
        assert_eq!(truncate("泸古高速", 7), "泸古高…");
        assert_eq!(truncate("泸古高速", 6), "泸古…");
        assert_eq!(truncate("泸古高速", 1), "…");
        assert_eq!(truncate("泸古高速", 0), "");
        assert!(str_width(&truncate("泸a古b高c速", 5)) <= 5);
    }

    #[test]
    fn pads_to_exact_widths() {
        assert_eq!(str_width(&pad_right("泸古", 7)), 7);
        assert_eq!(pad_left("12", 4), "  12");
        assert_eq!(str_width(&pad_right("泸古高速", 5)), 5);
    }
}
