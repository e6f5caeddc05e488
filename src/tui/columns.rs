//! The columns of a table of targets, shared by the detail pane and the
//! targets screen: their headers, and their widths in cells, measured over
//! the rows so that Chinese units and qualifiers line up.

use crate::plan::Target;
use crate::width::{pad_left, pad_right, str_width, truncate};

pub const VALUE: &str = "value";
/// Value, unit and qualifier in one column, worded: 6000亿元以上.
pub const QUANTITY: &str = "quantity";
pub const UNIT: &str = "unit";
pub const QUALIFIER: &str = "qualifier";
pub const SUBJECT: &str = "what is counted";
pub const AREA: &str = "area";
pub const ID: &str = "id";
/// Shown for a target with no qualifier, or nothing named as counted.
pub const NONE: &str = "—";
/// The cells [`NONE`] takes.
const NONE_WIDTH: usize = 1;

/// Widths in cells of the measured columns; never narrower than a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnWidths {
    pub value: usize,
    pub unit: usize,
    pub qualifier: usize,
    pub id: usize,
    /// What is counted, whole.
    pub subject: usize,
    /// The quantity as worded (6000亿元以上), for a table folded narrow.
    pub worded: usize,
}

impl Default for ColumnWidths {
    /// The headers' widths, before any row is measured.
    fn default() -> Self {
        ColumnWidths {
            value: str_width(VALUE),
            unit: str_width(UNIT),
            qualifier: str_width(QUALIFIER),
            id: str_width(ID),
            subject: str_width(SUBJECT),
            worded: str_width(QUANTITY),
        }
    }
}

impl ColumnWidths {
    /// Widths that fit the header and every one of `targets`.
    pub fn of<'a>(targets: impl IntoIterator<Item = &'a Target>) -> Self {
        let mut widths = ColumnWidths::default();
        for target in targets {
            widths.fit(target);
        }
        widths
    }

    /// Widens the columns to fit a target's value, unit, qualifier and
    /// what it counts.
    pub fn fit(&mut self, target: &Target) {
        let value = str_width(&target.value_text());
        let unit = str_width(&target.unit);
        let qualifier = target.qualifier.as_deref().map(str_width);
        self.value = self.value.max(value);
        self.unit = self.unit.max(unit);
        self.qualifier = self.qualifier.max(qualifier.unwrap_or(NONE_WIDTH));
        self.worded = self.worded.max(value + unit + qualifier.unwrap_or(0));
        let subject = target.subject.as_deref().map_or(NONE_WIDTH, str_width);
        self.subject = self.subject.max(subject);
    }

    /// Widens the id column to fit an item's id.
    pub fn fit_id(&mut self, id: &str) {
        self.id = self.id.max(str_width(id));
    }
}

/// A short, legible form of an area title: its last clause, which names the
/// work ("以链带面、强链聚群,做大做强制造业" → "做大做强制造业").
pub fn short_title(title: &str, max: usize) -> String {
    let last = title
        .rsplit(|c: char| crate::plan::text::is_clause_end(c))
        .find(|s| !s.trim().is_empty())
        .unwrap_or(title);
    truncate(last.trim(), max)
}

/// The fewest cells "what is counted" keeps, even when no subject needs
/// them, before the value, unit and qualifier columns give way to one, the
/// quantity as worded ("6000亿元以上").
pub const SUBJECT_MIN: usize = 12;

/// A table of targets in `width` cells, as lines of text: a header, then a
/// row per target. Value, unit, qualifier and what is counted each have a
/// column sized by display width; when a subject would be cut, the first
/// three fold into one, the quantity as worded, so the qualifier's column
/// goes before any of what is counted does.
pub fn table(targets: &[&Target], width: usize) -> Vec<String> {
    let widths = ColumnWidths::of(targets.iter().copied());
    let (value_w, unit_w, qual_w) = (widths.value, widths.unit, widths.qualifier);
    let folded = width < value_w + unit_w + qual_w + 6 + widths.subject.max(SUBJECT_MIN);
    // The cells of a target's row but the last, what is counted.
    let cells = |t: &Target| -> Vec<String> {
        if folded {
            vec![t.worded()]
        } else {
            let q = t.qualifier.as_deref().unwrap_or(NONE);
            vec![t.value_text(), t.unit.clone(), q.to_string()]
        }
    };
    let (header, columns): (Vec<&str>, Vec<(usize, bool)>) = if folded {
        (vec![QUANTITY], vec![(widths.worded, false)])
    } else {
        (
            vec![VALUE, UNIT, QUALIFIER],
            vec![(value_w, true), (unit_w, false), (qual_w, false)],
        )
    };
    let fixed: usize = columns.iter().map(|(w, _)| w + 2).sum();
    let subject_w = width.saturating_sub(fixed);
    let row = |texts: Vec<String>, subject: &str| {
        let mut line = String::new();
        for ((w, right), text) in columns.iter().zip(&texts) {
            let cell = if *right {
                pad_left(text, *w)
            } else {
                pad_right(text, *w)
            };
            line.push_str(&cell);
            line.push_str("  ");
        }
        line.push_str(&truncate(subject, subject_w));
        truncate(&line, width)
    };
    let mut lines = vec![row(header.iter().map(|h| h.to_string()).collect(), SUBJECT)];
    lines.extend(
        targets
            .iter()
            .map(|t| row(cells(t), t.subject.as_deref().unwrap_or(NONE))),
    );
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worded_width_is_the_width_of_the_worded_quantity() {
        let plan = crate::plan::load::load_embedded().unwrap();
        for (_, _, target) in plan.targets() {
            let mut widths = ColumnWidths {
                worded: 0,
                ..ColumnWidths::default()
            };
            widths.fit(target);
            assert_eq!(widths.worded, str_width(&target.worded()), "{target:?}");
        }
    }

    #[test]
    fn none_takes_the_width_the_columns_count_for_it() {
        assert_eq!(str_width(NONE), NONE_WIDTH);
    }
}
