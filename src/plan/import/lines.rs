//! The report's text as numbered lines: LF, CRLF and a lone CR each end a
//! line; each line is normalised to NFC and trimmed of spaces, full-width
//! indentation (　　) included.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Every line of the text, blank ones included, so that the index of a line
/// is its number less one. A final line break opens no new line.
pub(crate) fn split_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (line, next) = match rest.find(['\n', '\r']) {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], &rest[i + skip..])
            }
            None => (rest, ""),
        };
        out.push(normalise(line));
        rest = next;
    }
    out
}

fn normalise(line: &str) -> String {
    let trimmed = line.trim();
    match is_nfc_quick(trimmed.chars()) {
        IsNormalized::Yes => trimmed.to_string(),
        _ => trimmed.nfc().collect::<String>().trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lf_crlf_and_lone_cr_each_end_a_line() {
        assert_eq!(split_lines("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\n\nb\n"), ["a", "", "b"]);
        assert_eq!(split_lines("a\r\r\nb"), ["a", "", "b"]);
        assert_eq!(split_lines(""), Vec::<String>::new());
        assert_eq!(split_lines("\u{3000}\u{3000}推进A。 "), ["推进A。"]);
        assert_eq!(split_lines("Cafe\u{301}"), ["Caf\u{e9}"]);
    }
}
