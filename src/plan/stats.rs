//! Plan-wide figures: per-area counts (the overview's charts and
//! `plan-explorer stats`), the plan's money unit and its largest amounts.

use super::{ItemRef, Plan};

/// Per-area counts, shared by the overview charts and `stats`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AreaStats {
    pub id: String,
    pub title: String,
    pub tasks: usize,
    pub commitments: usize,
    pub targets: usize,
    pub projects: usize,
}

pub fn area_stats(plan: &Plan) -> Vec<AreaStats> {
    plan.areas
        .iter()
        .map(|area| AreaStats {
            id: area.id.clone(),
            title: area.title.clone(),
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

/// Counts and lists over the whole plan, computed once so that whoever
/// shows them (the app's header, overview and detail pane) never walks it.
#[derive(Debug, Clone)]
pub struct Summary {
    pub tasks: usize,
    pub commitments: usize,
    pub targets: usize,
    pub areas: Vec<AreaStats>,
    pub money_unit: Option<String>,
    pub amounts: Vec<Amount>,
}

impl Summary {
    pub fn new(plan: &Plan) -> Self {
        let areas = area_stats(plan);
        Summary {
            tasks: areas.iter().map(|a| a.tasks).sum(),
            commitments: areas.iter().map(|a| a.commitments).sum(),
            targets: areas.iter().map(|a| a.targets).sum(),
            areas,
            money_unit: money_unit(plan),
            amounts: largest_amounts(plan),
        }
    }
}

/// One amount of money a commitment states.
#[derive(Debug, Clone)]
pub struct Amount {
    pub item: ItemRef,
    pub value: f64,
    pub text: String,
    pub subject: Option<String>,
}

/// The money unit the plan uses most (a unit ending in 元), if any.
pub fn money_unit(plan: &Plan) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (_, _, t) in plan.targets() {
        if t.unit.ends_with('元') {
            match counts.iter_mut().find(|(u, _)| *u == t.unit) {
                Some((_, n)) => *n += 1,
                None => counts.push((t.unit.clone(), 1)),
            }
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(u, _)| u)
}

/// Every amount in the plan's money unit, largest first, each on its own:
/// amounts are never added up, since totals and yearly figures may overlap.
pub fn largest_amounts(plan: &Plan) -> Vec<Amount> {
    let Some(unit) = money_unit(plan) else {
        return Vec::new();
    };
    let mut amounts: Vec<Amount> = plan
        .targets()
        .filter(|(_, _, t)| t.unit == unit)
        .map(|(item, _, t)| Amount {
            item,
            value: t.value,
            text: t.text.clone(),
            subject: t.subject.clone(),
        })
        .collect();
    amounts.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.item.cmp(&b.item)));
    amounts
}
