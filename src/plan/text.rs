//! Small text rules shared by the importer and the extractors: sentence and
//! clause boundaries in mixed ASCII and full-width Chinese punctuation.

/// Marks that end a sentence: full-width and ASCII.
pub const SENTENCE_ENDS: &[char] = &['。', '\u{ff01}', '\u{ff1f}', '\u{ff1b}', '!', '?', ';', '…'];

/// Marks that end a clause inside a sentence.
pub const CLAUSE_ENDS: &[char] = &[',', '\u{ff0c}', ':', '\u{ff1a}', ';', '\u{ff1b}'];

/// Closing quotes and brackets that stay with the sentence they follow.
const CLOSERS: &[char] = &['”', '’', '」', '』', ')', '\u{ff09}', '】', '》', '"', '\''];

const OPENERS: &[char] = &['“', '‘', '「', '『', '(', '\u{ff08}', '【', '《'];

/// The 1-based line and column (in chars) where `bytes` stop being UTF-8.
pub fn utf8_error_position(bytes: &[u8], error: &std::str::Utf8Error) -> (usize, usize) {
    let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = std::str::from_utf8(valid.get(line_start..).unwrap_or_default())
        .map_or(0, |tail| tail.chars().count())
        + 1;
    (line, column)
}

pub fn is_sentence_end(c: char) -> bool {
    SENTENCE_ENDS.contains(&c)
}

pub fn is_clause_end(c: char) -> bool {
    CLAUSE_ENDS.contains(&c)
}

/// True when the text, ignoring trailing closers and spaces, ends with a sentence mark
/// or a colon.
pub fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| CLOSERS.contains(&c) || c.is_whitespace());
    trimmed
        .chars()
        .next_back()
        .is_some_and(|c| is_sentence_end(c) || c == ':' || c == '\u{ff1a}')
}

/// Splits a paragraph into sentences after each sentence mark (with any closing
/// quotes that follow it). Marks inside quotes or brackets do not split. Every
/// returned slice is a verbatim, trimmed piece of `text`; together they hold all
/// of its non-space characters.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth: usize = 0;
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if OPENERS.contains(&c) {
            depth += 1;
        } else if CLOSERS.contains(&c) && c != '"' && c != '\'' {
            depth = depth.saturating_sub(1);
        } else if depth == 0 && is_sentence_end(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, next)) = chars.peek() {
                if is_sentence_end(next) || CLOSERS.contains(&next) {
                    end = j + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            push_trimmed(&mut out, &text[start..end]);
            start = end;
        }
    }
    push_trimmed(&mut out, &text[start..]);
    out
}

fn push_trimmed<'a>(out: &mut Vec<&'a str>, piece: &'a str) {
    let piece = piece.trim();
    if !piece.is_empty() {
        out.push(piece);
    }
}

/// The sentence without its closing marks.
pub fn strip_sentence_end(sentence: &str) -> &str {
    sentence.trim_end_matches(|c: char| is_sentence_end(c) || c.is_whitespace())
}

/// The first clause of a sentence: the text before its first clause or sentence mark.
pub fn first_clause(sentence: &str) -> &str {
    let end = sentence
        .char_indices()
        .find(|&(_, c)| is_clause_end(c) || is_sentence_end(c))
        .map_or(sentence.len(), |(i, _)| i);
    sentence[..end].trim()
}

/// True when a sentence has a clause break (a comma, colon or semicolon) before its end.
pub fn has_clause_break(sentence: &str) -> bool {
    strip_sentence_end(sentence).chars().any(is_clause_end)
}

pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_full_width_and_ascii_marks() {
        assert_eq!(
            sentences("推进A。实施B,完成C;再做D!好?"),
            vec!["推进A。", "实施B,完成C;", "再做D!", "好?"]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("他说“好。”然后走了。"),
            vec!["他说“好。”然后走了。"]
        );
        assert_eq!(
            sentences("做好“干货”。再做。"),
            vec!["做好“干货”。", "再做。"]
        );
    }

    #[test]
    fn text_without_a_final_mark_is_kept() {
        assert_eq!(sentences("推进A。没有句号"), vec!["推进A。", "没有句号"]);
        assert_eq!(sentences("  "), Vec::<&str>::new());
    }

    #[test]
    fn clauses_and_ends() {
        assert_eq!(
            first_clause("推动绿色低碳发展,深入实施。"),
            "推动绿色低碳发展"
        );
        assert_eq!(first_clause("推进A。"), "推进A");
        assert!(has_clause_break("推动A,深入B。"));
        assert!(!has_clause_break("全年完成投资150亿元以上。"));
        assert!(ends_sentence("好。”"));
        assert!(!ends_sentence("以链带面、强链聚群,做大做强制造业"));
    }
}
