//! The state of the targets and overview screens: what rows exist, in what
//! order, and which is selected. Drawing lives in `view`; the plan-wide
//! figures the overview shows are `plan::stats`.
//!
//! The targets filter matches what the table shows of a row (value, unit,
//! qualifier, what is counted, area, id), by the search module's rules,
//! pinyin included, through a small index of those columns built the first
//! time a filter is typed.

use std::collections::HashSet;

use crate::plan::stats::Scope;
use crate::plan::{ItemKind, ItemRef, Plan, Target};
use crate::search::SearchIndex;
use crate::tui::columns::{self, ColumnWidths};
use crate::tui::line::LineEdit;

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
    /// The target's place among its commitment's targets.
    pub index: usize,
    /// The target's place among all the plan's targets, in document order.
    pub ordinal: usize,
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
    /// This year's plan only, or review and outlook areas too.
    pub scope: Scope,
    /// Show only this unit, or every unit.
    pub unit: Option<String>,
    /// Units in order of first mention.
    pub units: Vec<String>,
    /// The filter as typed.
    pub filter: LineEdit,
    /// The visible columns of every target, indexed for the filter once
    /// one is typed; documents are targets in document order.
    columns: Option<SearchIndex>,
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
        self.built = true;
        self.rebuild(plan);
    }

    /// The ordinals of the targets whose visible columns match the filter;
    /// None when there is no filter.
    fn matching(&mut self, plan: &Plan) -> Option<HashSet<usize>> {
        let query = self.filter.text.as_str();
        query.split_whitespace().next()?;
        let index = self.columns.get_or_insert_with(|| columns_index(plan));
        Some(index.rank(query).iter().map(|r| r.doc).collect())
    }

    /// Recomputes the visible rows from the scope, the unit, the filter
    /// and the sort.
    pub fn rebuild(&mut self, plan: &Plan) {
        let matching = self.matching(plan);
        // Room for every target at once, kept from one rebuild to the next:
        // grown by doubling, a plan of 100,000 commitments left megabytes
        // of smaller copies behind.
        let mut rows = std::mem::take(&mut self.rows);
        rows.clear();
        rows.reserve(plan.areas.iter().map(|a| a.target_count()).sum());
        let mut ordinal = 0;
        for (item, commitment) in plan.commitments() {
            let in_scope = self.scope.includes(plan.area(item));
            for (index, target) in commitment.targets.iter().enumerate() {
                ordinal += 1;
                if !in_scope || self.unit.as_ref().is_some_and(|u| *u != target.unit) {
                    continue;
                }
                if matching
                    .as_ref()
                    .is_some_and(|m| !m.contains(&(ordinal - 1)))
                {
                    continue;
                }
                rows.push(TargetRow {
                    item,
                    index,
                    ordinal: ordinal - 1,
                });
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

    pub fn cycle_sort(&mut self, plan: &Plan) {
        self.sort = match self.sort {
            Sort::Document => Sort::ValueDesc,
            Sort::ValueDesc => Sort::ValueAsc,
            Sort::ValueAsc => Sort::Document,
        };
        self.selected = 0;
        self.rebuild(plan);
    }

    pub fn set_unit(&mut self, plan: &Plan, unit: Option<String>) {
        if unit != self.unit {
            self.unit = unit;
            self.selected = 0;
            self.rebuild(plan);
        }
    }

    /// Takes in `scope`; the rows follow now if the table was built, else
    /// when it opens.
    pub fn set_scope(&mut self, plan: &Plan, scope: Scope) {
        self.scope = scope;
        self.selected = 0;
        if self.built {
            self.rebuild(plan);
        }
    }

    /// Rows again after the filter's text changed.
    pub fn refilter(&mut self, plan: &Plan) {
        self.selected = 0;
        self.rebuild(plan);
    }

    /// How many targets in scope have each unit, whatever the filter: the
    /// unit picker's counts.
    pub fn unit_counts(&self, plan: &Plan) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = self.units.iter().map(|u| (u.clone(), 0)).collect();
        for (item, _, target) in plan.targets() {
            if self.scope.includes(plan.area(item))
                && let Some((_, n)) = counts.iter_mut().find(|(u, _)| *u == target.unit)
            {
                *n += 1;
            }
        }
        counts.retain(|(_, n)| *n > 0);
        counts
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

/// The text of a target's visible columns, as the filter matches it.
pub fn visible_text(plan: &Plan, item: ItemRef, target: &Target) -> String {
    [
        target.value_text(),
        target.unit.clone(),
        target.qualifier.clone().unwrap_or_default(),
        target.subject.clone().unwrap_or_default(),
        columns::short_title(&plan.area(item).title, usize::MAX),
        plan.id_of(item).to_string(),
    ]
    .join(" ")
}

/// A search index whose documents are the plan's targets, by their visible
/// columns, in document order.
fn columns_index(plan: &Plan) -> SearchIndex {
    let rows: Vec<(ItemRef, String, usize)> = plan
        .targets()
        .map(|(item, commitment, target)| (item, visible_text(plan, item, target), commitment.line))
        .collect();
    text_index(plan, &rows)
}

/// A search index, pinyin included, of short texts: one document per row.
pub fn text_index(plan: &Plan, rows: &[(ItemRef, String, usize)]) -> SearchIndex {
    let items = rows.iter().map(|(item, text, line)| crate::plan::Item {
        target: *item,
        kind: ItemKind::Commitment,
        id: plan.id_of(*item),
        text,
        line: *line,
    });
    let mut index = SearchIndex::from_items(items);
    let pinyin = index.pinyin_builder().build();
    // Built for this very index, so it always attaches.
    let _ = index.attach_pinyin(pinyin);
    index
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
