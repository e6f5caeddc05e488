//! Query syntax: fzf's extended mode. Whitespace separates terms, all of
//! which must match; `'term` is an exact substring, `^term` anchors at the
//! start, `term$` at the end, `!term` must not occur.

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
    /// Normalized text.
    pub(crate) text: String,
}

/// Splits a query into terms. Operators without text (`!`, `'`, `^` alone)
/// are ignored; a lone `$` is a literal.
pub(crate) fn parse(query: &str) -> Vec<RawTerm> {
    let mut terms = Vec::new();
    for word in query.split_whitespace() {
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
        if text.is_empty() {
            continue;
        }
        terms.push(RawTerm {
            negated,
            exact: negated || quoted || start || end,
            start,
            end,
            text,
        });
    }
    terms
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
}
