//! Per-area counts, shared by the overview charts and `plan-explorer stats`.

use super::Plan;

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
