//! Plan text made safe to print: a plan is data, and its characters never
//! reach a terminal or a spreadsheet as commands.

use std::borrow::Cow;
use std::fmt::Write;

/// True for a character that would act on a terminal or split a record
/// rather than show: C0 and C1 controls (newline, carriage return, tab and
/// escape among them), delete, the line and paragraph separators, and the
/// bidirectional overrides that reorder what is shown.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// True when `text` holds a char that [`is_unsafe`], told from its UTF-8
/// bytes without decoding a char: C0 controls and delete are single bytes,
/// C1 controls are C2 80..9F, the separators and overrides E2 80 A8..AE and
/// E2 81 A6..A9. (Printing every hit of a search over a large library
/// spent more time decoding chars here than anywhere else.)
fn has_unsafe(text: &str) -> bool {
    let bytes = text.as_bytes();
    let unsafe_at = |i: usize| match bytes.get(i) {
        Some(0x00..=0x1F | 0x7F) => true,
        Some(0xC2) => matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
        Some(0xE2) => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0xA8..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
        ),
        _ => false,
    };
    // A pass the compiler vectorizes flags the chunks holding a byte that
    // may start one; only those are looked at byte by byte.
    let may_start = |b: u8| (b < 0x20) | (b == 0x7F) | (b == 0xC2) | (b == 0xE2);
    bytes.chunks(32).enumerate().any(|(n, chunk)| {
        chunk.iter().fold(false, |any, &b| any | may_start(b))
            && (n * 32..n * 32 + chunk.len()).any(unsafe_at)
    })
}

/// `text` with every unsafe character written as an escape (`\n`, `\r`,
/// `\t`, `\x1b`, `\u{202e}`), so that one record stays on one line and a
/// terminal shows the characters instead of obeying them. Text without them
/// comes back borrowed.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !has_unsafe(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_printable(&mut out, c);
    }
    Cow::Owned(out)
}

/// Appends `c`, escaped if it is unsafe.
pub fn push_printable(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_unsafe(c) && u32::from(c) < 0x100 => {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        }
        c if is_unsafe(c) => {
            let _ = write!(out, "\\u{{{:04x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// A CSV cell: escaped as [`printable`], quoted when it holds a comma or a
/// quote, and, for Excel, kept from reading as a formula: a cell that starts
/// with `=`, `+`, `-` or `@` gets a leading `'`, which Excel shows as text
/// (the OWASP advice on CSV injection).
pub fn csv_cell(text: &str, excel: bool) -> String {
    let mut cell = printable(text).into_owned();
    if excel && cell.starts_with(['=', '+', '-', '@']) {
        cell.insert(0, '\'');
    }
    if cell.contains([',', '"']) {
        cell = format!("\"{}\"", cell.replace('"', "\"\""));
    }
    cell
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_escapes() {
        assert_eq!(printable("泸古高速"), "泸古高速");
        assert!(matches!(printable("泸古高速"), Cow::Borrowed(_)));
        assert_eq!(
            printable("a\x1b]0;owned\x07b\x1b[2Jc"),
            "a\\x1b]0;owned\\x07b\\x1b[2Jc"
        );
        assert_eq!(printable("one\ntwo\r\tthree"), "one\\ntwo\\r\\tthree");
        assert_eq!(printable("\u{9b}31m"), "\\x9b31m");
        assert_eq!(printable("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(printable("a\u{2028}b\u{7f}"), "a\\u{2028}b\\x7f");
        for text in ["\x1b[2J", "a\nb", "\u{85}", "x\u{2029}"] {
            let shown = printable(text);
            assert!(!shown.chars().any(is_unsafe), "{shown:?}");
            assert_eq!(shown.lines().count(), 1);
        }
    }

    #[test]
    fn unsafe_chars_are_told_from_their_bytes_as_from_the_chars() {
        let around = |c: char| [format!("{c}"), format!("泸{c}“a"), format!("a”{c}")];
        for c in (0..0x3000)
            .chain(0xFF00..0x1_0000)
            .filter_map(char::from_u32)
        {
            for text in around(c) {
                assert_eq!(has_unsafe(&text), text.chars().any(is_unsafe), "{c:?}");
            }
        }
    }

    #[test]
    fn csv_cells_are_quoted_when_needed_and_defused_for_excel() {
        assert_eq!(csv_cell("泸古高速", false), "泸古高速");
        assert_eq!(csv_cell("a,b", false), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\"", false), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=1+2", false), "=1+2");
        for formula in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)"] {
            let cell = csv_cell(formula, true);
            let unquoted = cell.trim_start_matches('"');
            assert!(unquoted.starts_with('\''), "{cell}");
        }
        assert_eq!(csv_cell("=1,2", true), "\"'=1,2\"");
        assert_eq!(csv_cell("line\nbreak", true), "line\\nbreak");
        assert_eq!(csv_cell("泸古高速", true), "泸古高速");
    }
}
