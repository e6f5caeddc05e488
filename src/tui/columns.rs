//! The columns of a table of targets, shared by the detail pane and the
//! targets screen: their headers, and their widths in cells, measured over
//! the rows so that Chinese units and qualifiers line up.

use crate::plan::Target;
use crate::plan::model::format_value;
use crate::width::str_width;

pub const VALUE: &str = "value";
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
}

impl Default for ColumnWidths {
    /// The headers' widths, before any row is measured.
    fn default() -> Self {
        ColumnWidths {
            value: str_width(VALUE),
            unit: str_width(UNIT),
            qualifier: str_width(QUALIFIER),
            id: str_width(ID),
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

    /// Widens the columns to fit a target's value, unit and qualifier.
    pub fn fit(&mut self, target: &Target) {
        self.value = self.value.max(str_width(&format_value(target.value)));
        self.unit = self.unit.max(str_width(&target.unit));
        let qualifier = target.qualifier.as_deref().map_or(NONE_WIDTH, str_width);
        self.qualifier = self.qualifier.max(qualifier);
    }

    /// Widens the id column to fit an item's id.
    pub fn fit_id(&mut self, id: &str) {
        self.id = self.id.max(str_width(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_takes_the_width_the_columns_count_for_it() {
        assert_eq!(str_width(NONE), NONE_WIDTH);
    }
}
