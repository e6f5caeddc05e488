//! The unit picker of the targets table: a short list of "every unit" and
//! each unit with its count, narrowed by what is typed (Chinese, pinyin or
//! its initials: 亿元, yiyuan, yy), by the search module's rules.

use crate::plan::{ItemRef, Plan};
use crate::search::SearchIndex;
use crate::tui::line::LineEdit;
use crate::tui::screens::text_index;

/// One line of the picker: a unit (None: every unit) and its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitChoice {
    pub unit: Option<String>,
    pub count: usize,
}

/// The words that stand for every unit, and match "all".
pub const EVERY_UNIT: &str = "all units";

#[derive(Debug, Default)]
pub struct UnitPicker {
    pub line: LineEdit,
    /// Every choice, "all units" first.
    all: Vec<UnitChoice>,
    /// The choices that match what is typed.
    pub choices: Vec<UnitChoice>,
    pub selected: usize,
    index: Option<SearchIndex>,
}

impl UnitPicker {
    /// Opens the picker on `counts` (units in scope with their counts), the
    /// current unit selected.
    pub fn open(&mut self, plan: &Plan, counts: Vec<(String, usize)>, current: Option<&str>) {
        let total = counts.iter().map(|(_, n)| n).sum();
        let mut all = vec![UnitChoice {
            unit: None,
            count: total,
        }];
        all.extend(counts.into_iter().map(|(unit, count)| UnitChoice {
            unit: Some(unit),
            count,
        }));
        // Documents are choices; their item is only a placeholder.
        let rows: Vec<(ItemRef, String, usize)> = all
            .iter()
            .map(|c| {
                let text = c.unit.clone().unwrap_or_else(|| EVERY_UNIT.to_string());
                (ItemRef::Area(0), text, 0)
            })
            .collect();
        self.index = (!plan.areas.is_empty()).then(|| text_index(plan, &rows));
        self.choices = all.clone();
        self.all = all;
        self.line = LineEdit::default();
        self.selected = self
            .choices
            .iter()
            .position(|c| c.unit.as_deref() == current)
            .unwrap_or(0);
    }

    /// Narrows the choices to what the line matches, best first.
    pub fn narrow(&mut self) {
        let query = self.line.text.trim();
        self.choices = match &self.index {
            Some(index) if !query.is_empty() => index
                .rank(query)
                .iter()
                .filter_map(|r| self.all.get(r.doc).cloned())
                .collect(),
            _ => self.all.clone(),
        };
        self.selected = 0;
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(self.choices.len().saturating_sub(1));
    }

    /// The chosen line, if any matches.
    pub fn chosen(&self) -> Option<&UnitChoice> {
        self.choices.get(self.selected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::load_embedded;
    use crate::tui::screens::TargetsState;

    #[test]
    fn typing_narrows_the_units_in_chinese_or_pinyin() {
        let plan = load_embedded().unwrap();
        let mut targets = TargetsState::default();
        targets.open(&plan);
        let mut picker = UnitPicker::default();
        picker.open(&plan, targets.unit_counts(&plan), None);
        assert_eq!(picker.choices[0].unit, None);
        assert_eq!(picker.choices[0].count, targets.rows.len());
        for typed in ["亿元", "yiyuan", "yy"] {
            picker.line.set(typed);
            picker.narrow();
            assert_eq!(
                picker.chosen().and_then(|c| c.unit.as_deref()),
                Some("亿元"),
                "{typed}"
            );
        }
        picker.line.set("all");
        picker.narrow();
        assert_eq!(picker.chosen().map(|c| c.unit.clone()), Some(None));
        picker.line.set("zzzz");
        picker.narrow();
        assert!(picker.chosen().is_none());
    }
}
