//! Query syntax: fzf's extended mode. Whitespace separates terms, all of
//! which must match; `'term` is an exact substring, `^term` anchors at the
//! start, `term$` at the end, `!term` must not occur, and terms joined by a
//! lone `|` form a group of which any one must match (`仙鹤 | 泸古`).

/// One whitespace-separated term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawTerm {
    /// `!term`: the item must not contain the term (exactly, or by pinyin).
    pub(crate) negated: bool,
    /// `'term`, `^term`, `term$` or a negation: no gaps allowed.
    pub(crate) exact: bool,
    /// `^term`: the match starts at the item's first letter or digit.
    pub(crate) start: bool,
    /// `term$`: the match ends at the item's last letter or digit.
    pub(crate) end: bool,
    /// The term's pinyin is typed whole, to its last syllable: every term of
    /// a query of several, and a lone one once whitespace follows it. A lone
    /// term being typed may end in an unfinished syllable (xianh finds 仙鹤),
    /// but `lu gu` is lu and gu, never luo or guo.
    pub(crate) finished: bool,
    /// The number of the `|` group the term belongs to: consecutive terms
    /// share one when joined by `|`, and each other term has its own.
    pub(crate) group: usize,
    /// Normalized text.
    pub(crate) text: String,
}

/// Splits a query into terms. Operators without text (`!`, `'`, `^` alone,
/// a `|` with no term on one side) are ignored; a lone `$` is a literal.
pub(crate) fn parse(query: &str) -> Vec<RawTerm> {
    let mut terms: Vec<RawTerm> = Vec::new();
    let open_end = !query.ends_with(char::is_whitespace);
    let words: Vec<&str> = query.split_whitespace().collect();
    let (mut join, mut last_word) = (false, false);
    for (i, &word) in words.iter().enumerate() {
        if word == "|" {
            join = !terms.is_empty();
            continue;
        }
        let Some(mut term) = parse_term(word) else {
            continue;
        };
        term.finished = true;
        term.group = match terms.last() {
            Some(last) if join => last.group,
            Some(last) => last.group + 1,
            None => 0,
        };
        join = false;
        terms.push(term);
        last_word = i + 1 == words.len();
    }
    if let [term] = &mut terms[..] {
        // A negated term never ends in an unfinished syllable anyway.
        term.finished = term.negated || !(open_end && last_word);
    }
    terms
}

fn parse_term(word: &str) -> Option<RawTerm> {
    let (negated, rest) = match word.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, word),
    };
    let (quoted, rest) = match rest.strip_prefix('\'') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let (start, rest) = match rest.strip_prefix('^') {
        Some(rest) if !quoted => (true, rest),
        _ => (false, rest),
    };
    let (end, rest) = match rest.strip_suffix('$') {
        Some(r) if !r.is_empty() => (true, r),
        _ => (false, rest),
    };
    let text: String = rest.chars().map(super::corpus::normalize).collect();
    (!text.is_empty()).then_some(RawTerm {
        negated,
        exact: negated || quoted || start || end,
        start,
        end,
        finished: true,
        group: 0,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fzf_extended_syntax() {
        let t = parse("  泸古 'Exact ^前 后$ !不要 ! ' ^ $ ^整$ x$y ");
        let show: Vec<_> = t
            .iter()
            .map(|t| (t.negated, t.exact, t.start, t.end, t.text.as_str()))
            .collect();
        assert_eq!(
            show,
            vec![
                (false, false, false, false, "泸古"),
                (false, true, false, false, "exact"),
                (false, true, true, false, "前"),
                (false, true, false, true, "后"),
                (true, true, false, false, "不要"),
                (false, false, false, false, "$"),
                (false, true, true, true, "整"),
                (false, false, false, false, "x$y"),
            ]
        );
        assert!(parse("").is_empty() && parse(" \t\n").is_empty());
    }

    #[test]
    fn a_lone_bar_joins_terms_into_a_group() {
        let groups = |q: &str| -> Vec<(usize, String)> {
            parse(q).into_iter().map(|t| (t.group, t.text)).collect()
        };
        assert_eq!(
            groups("仙鹤纸业 | 泸古高速 建设"),
            [
                (0, "仙鹤纸业".into()),
                (0, "泸古高速".into()),
                (1, "建设".into())
            ]
        );
        assert_eq!(
            groups("a | b | !c d"),
            [
                (0, "a".into()),
                (0, "b".into()),
                (0, "c".into()),
                (1, "d".into())
            ]
        );
        assert_eq!(groups("| a |"), [(0, "a".into())]);
        assert_eq!(groups("a|b c"), [(0, "a|b".into()), (1, "c".into())]);
    }

    #[test]
    fn only_a_lone_term_being_typed_is_unfinished() {
        let finished = |q: &str| -> Vec<bool> { parse(q).iter().map(|t| t.finished).collect() };
        assert_eq!(finished("xianh"), [false]);
        assert_eq!(finished(" xianh"), [false]);
        assert_eq!(finished("xianh "), [true]);
        assert_eq!(finished("!xianh"), [true]);
        assert_eq!(finished("lu gu"), [true, true]);
        assert_eq!(finished("lu |"), [true]);
        assert_eq!(finished("lu | gu"), [true, true]);
    }
}
