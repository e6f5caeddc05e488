//! Plan-wide figures: per-area counts (the overview's charts and
//! `plan-explorer stats`) and the scope they count in (this year's plan
//! only, or every area), the plan's money unit and its largest amounts.

use super::ItemRef;
use super::model::{AreaKind, Commitment, Target};
use super::{Area, Plan};

/// Which areas a count takes in. Last year's results (review) and goals over
/// several years (outlook) are not this year's targets, so counts take in
/// `plan` areas unless asked for all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scope {
    /// Areas of this year's plan only.
    #[default]
    Plan,
    /// Every area, review and outlook included.
    All,
}

impl Scope {
    pub fn from_all(all: bool) -> Scope {
        if all { Scope::All } else { Scope::Plan }
    }

    pub fn includes(self, area: &Area) -> bool {
        self == Scope::All || area.kind == AreaKind::Plan
    }
}

/// Per-area counts, shared by the overview charts and `stats`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AreaStats {
    pub id: String,
    pub title: String,
    pub kind: AreaKind,
    pub tasks: usize,
    pub commitments: usize,
    pub targets: usize,
    pub projects: usize,
}

/// Counts for every area.
pub fn area_stats(plan: &Plan) -> Vec<AreaStats> {
    area_stats_in(plan, Scope::All)
}

/// Counts for the areas in scope.
pub fn area_stats_in(plan: &Plan, scope: Scope) -> Vec<AreaStats> {
    plan.areas
        .iter()
        .filter(|area| scope.includes(area))
        .map(|area| AreaStats {
            id: area.id.clone(),
            title: area.title.clone(),
            kind: area.kind,
            tasks: area.tasks.len(),
            commitments: area.commitment_count(),
            targets: area.target_count(),
            projects: area
                .tasks
                .iter()
                .flat_map(|t| &t.commitments)
                .map(|c| c.projects.len())
                .sum(),
        })
        .collect()
}

/// Every target of the areas in scope, with the commitment that states it,
/// in document order.
pub fn targets_in(
    plan: &Plan,
    scope: Scope,
) -> impl Iterator<Item = (ItemRef, &Commitment, &Target)> {
    plan.targets()
        .filter(move |(r, _, _)| scope.includes(&plan.areas[r.area()]))
}

/// How many targets the areas in scope state.
pub fn target_count(plan: &Plan, scope: Scope) -> usize {
    plan.areas
        .iter()
        .filter(|a| scope.includes(a))
        .map(Area::target_count)
        .sum()
}

/// Counts and lists over the whole plan, computed once so that whoever
/// shows them (the app's header, overview and detail pane) never walks it.
/// Targets and amounts are those of the areas in `scope`; the per-area
/// counts cover every area, in plan order.
#[derive(Debug, Clone)]
pub struct Summary {
    pub scope: Scope,
    pub tasks: usize,
    pub commitments: usize,
    /// Targets of the areas in scope.
    pub targets: usize,
    /// Targets of the areas out of scope.
    pub targets_left_out: usize,
    pub areas: Vec<AreaStats>,
    pub money_unit: Option<String>,
    pub amounts: Vec<Amount>,
}

impl Summary {
    pub fn new(plan: &Plan, scope: Scope) -> Self {
        let areas = area_stats(plan);
        let targets = target_count(plan, scope);
        let money_unit = money_unit(plan, scope);
        let amounts = money_unit
            .as_deref()
            .map_or_else(Vec::new, |unit| largest_amounts(plan, scope, unit));
        Summary {
            scope,
            tasks: areas.iter().map(|a| a.tasks).sum(),
            commitments: areas.iter().map(|a| a.commitments).sum(),
            targets,
            targets_left_out: areas.iter().map(|a| a.targets).sum::<usize>() - targets,
            areas,
            money_unit,
            amounts,
        }
    }
}

/// One amount of money a commitment states.
#[derive(Debug, Clone)]
pub struct Amount {
    pub item: ItemRef,
    pub value: f64,
    pub value_max: Option<f64>,
    pub qualifier: Option<String>,
    pub text: String,
    pub subject: Option<String>,
}

/// The money unit the areas in scope use most (a unit ending in 元), if any.
pub fn money_unit(plan: &Plan, scope: Scope) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (_, _, t) in targets_in(plan, scope) {
        if t.unit.ends_with('元') {
            match counts.iter_mut().find(|(u, _)| *u == t.unit) {
                Some((_, n)) => *n += 1,
                None => counts.push((t.unit.clone(), 1)),
            }
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(u, _)| u)
}

/// Every amount in `unit` (the money unit of the areas in scope) in the
/// areas in scope, largest first, each on its own: amounts are never added
/// up, since totals and yearly figures may overlap.
pub fn largest_amounts(plan: &Plan, scope: Scope, unit: &str) -> Vec<Amount> {
    // Counted first, so the list is built in one block: grown by doubling,
    // it left megabytes behind in a plan of 100,000 commitments.
    let in_unit = || targets_in(plan, scope).filter(|(_, _, t)| t.unit == unit);
    let mut amounts = Vec::with_capacity(in_unit().count());
    amounts.extend(in_unit().map(|(item, _, t)| Amount {
        item,
        value: t.value,
        value_max: t.value_max,
        qualifier: t.qualifier.clone(),
        text: t.text.clone(),
        subject: t.subject.clone(),
    }));
    amounts.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.item.cmp(&b.item)));
    amounts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::import::import_text;

    #[test]
    fn plan_counts_leave_out_review_and_outlook() {
        let text = "一、2025年工作回顾\n地区生产总值增长6%。新增就业3万人。\n\
                    二、2026年工作安排\n地区生产总值增长5%左右。\n";
        let plan = import_text(text, "r.txt").unwrap();
        assert_eq!(target_count(&plan, Scope::Plan), 1);
        assert_eq!(target_count(&plan, Scope::All), 3);
        assert_eq!(targets_in(&plan, Scope::Plan).count(), 1);
        let kinds: Vec<AreaKind> = area_stats_in(&plan, Scope::All)
            .iter()
            .map(|s| s.kind)
            .collect();
        assert_eq!(kinds, [AreaKind::Review, AreaKind::Plan]);
        assert_eq!(area_stats_in(&plan, Scope::Plan).len(), 1);
        let summary = Summary::new(&plan, Scope::Plan);
        assert_eq!((summary.targets, summary.targets_left_out), (1, 2));
        assert_eq!(summary.areas.len(), 2, "per-area counts cover every area");
        assert_eq!(Summary::new(&plan, Scope::All).targets, 3);
    }
}
