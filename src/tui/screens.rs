//! The state of the targets and overview screens: what rows exist, in what
//! order, and which is selected. Drawing lives in `view`; the plan-wide
//! figures the overview shows are `plan::stats`.

use std::collections::HashSet;

use crate::plan::{ItemRef, Plan, Target};
use crate::tui::columns::ColumnWidths;

/// How the targets table is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Document,
    /// Largest first, grouped by unit (units in order of first mention).
    ValueDesc,
    ValueAsc,
}

impl Sort {
    pub fn label(self) -> &'static str {
        match self {
            Sort::Document => "document order",
            Sort::ValueDesc => "value, largest first within each unit",
            Sort::ValueAsc => "value, smallest first within each unit",
        }
    }
}

/// A target with the commitment that states it.
#[derive(Debug, Clone, Copy)]
pub struct TargetRow {
    pub item: ItemRef,
    pub index: usize,
}

impl TargetRow {
    pub fn target<'p>(&self, plan: &'p Plan) -> Option<&'p Target> {
        match self.item {
            ItemRef::Commitment(a, t, c) => plan.commitment(a, t, c).targets.get(self.index),
            _ => None,
        }
    }
}

/// The targets table. Its rows are built when it first opens, so that
/// starting the app never walks every target for a table not yet shown.
#[derive(Debug, Default)]
pub struct TargetsState {
    /// Whether the rows have been built since the app started.
    pub built: bool,
    pub sort: Sort,
    /// Show only this unit, or every unit.
    pub unit: Option<String>,
    /// Units in order of first mention.
    pub units: Vec<String>,
    pub filter: String,
    pub rows: Vec<TargetRow>,
    /// Column widths in cells, measured over all rows when they change, so a
    /// frame only builds the rows in view.
    pub widths: ColumnWidths,
    pub selected: usize,
    pub offset: usize,
}

impl TargetsState {
    /// Builds the units and rows the first time the table opens.
    pub fn open(&mut self, plan: &Plan) {
        if self.built {
            return;
        }
        for (_, _, target) in plan.targets() {
            if !self.units.contains(&target.unit) {
                self.units.push(target.unit.clone());
            }
        }
        self.rebuild(plan, None);
        self.built = true;
    }

    /// Recomputes the visible rows from the sort, the unit and the
    /// commitments the filter matches (None: no filter).
    pub fn rebuild(&mut self, plan: &Plan, matching: Option<&HashSet<ItemRef>>) {
        let mut rows: Vec<TargetRow> = Vec::new();
        for (item, commitment) in plan.commitments() {
            for (index, target) in commitment.targets.iter().enumerate() {
                if self.unit.as_ref().is_some_and(|u| *u != target.unit) {
                    continue;
                }
                if matching.is_some_and(|m| !m.contains(&item)) {
                    continue;
                }
                rows.push(TargetRow { item, index });
            }
        }
        let unit_rank = |row: &TargetRow| {
            row.target(plan)
                .and_then(|t| self.units.iter().position(|u| *u == t.unit))
                .unwrap_or(usize::MAX)
        };
        let value = |row: &TargetRow| row.target(plan).map_or(0.0, |t| t.value);
        match self.sort {
            Sort::Document => {}
            Sort::ValueDesc => rows.sort_by(|a, b| {
                unit_rank(a)
                    .cmp(&unit_rank(b))
                    .then(value(b).total_cmp(&value(a)))
            }),
            Sort::ValueAsc => rows.sort_by(|a, b| {
                unit_rank(a)
                    .cmp(&unit_rank(b))
                    .then(value(a).total_cmp(&value(b)))
            }),
        }
        let mut widths = ColumnWidths::default();
        for row in &rows {
            if let Some(target) = row.target(plan) {
                widths.fit(target);
            }
            widths.fit_id(plan.id_of(row.item));
        }
        self.widths = widths;
        self.rows = rows;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    pub fn cycle_sort(&mut self, plan: &Plan, matching: Option<&HashSet<ItemRef>>) {
        self.sort = match self.sort {
            Sort::Document => Sort::ValueDesc,
            Sort::ValueDesc => Sort::ValueAsc,
            Sort::ValueAsc => Sort::Document,
        };
        self.selected = 0;
        self.rebuild(plan, matching);
    }

    pub fn cycle_unit(&mut self, plan: &Plan, matching: Option<&HashSet<ItemRef>>) {
        let next = match &self.unit {
            None => self.units.first().cloned(),
            Some(u) => {
                let i = self.units.iter().position(|x| x == u).map_or(0, |i| i + 1);
                self.units.get(i).cloned()
            }
        };
        self.unit = next;
        self.selected = 0;
        self.rebuild(plan, matching);
    }

    pub fn set_filter(&mut self, plan: &Plan, filter: String, matching: Option<&HashSet<ItemRef>>) {
        self.filter = filter;
        self.selected = 0;
        self.rebuild(plan, matching);
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(self.rows.len().saturating_sub(1));
    }

    pub fn selected_item(&self) -> Option<ItemRef> {
        self.rows.get(self.selected).map(|r| r.item)
    }

    pub fn keep_in_view(&mut self, height: usize) {
        self.offset = crate::tui::layout::scroll_to(self.selected, self.offset, height);
    }
}

#[derive(Debug, Default)]
pub struct OverviewState {
    /// The selected bar of the largest amounts.
    pub selected: usize,
}

impl OverviewState {
    pub fn move_by(&mut self, delta: isize, count: usize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(count.saturating_sub(1));
    }
}
