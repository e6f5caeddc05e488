//! What a listing shows of a plan without opening it, and the embedded
//! plan's name and summary.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::name::{PlanName, default_name, plan_year};
use crate::plan::Plan;

/// What the list shows of a plan. Targets are counted in this year's
/// work (`plan` areas) only, as `targets` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub title: String,
    pub year: Option<u32>,
    pub areas: usize,
    pub tasks: usize,
    pub commitments: usize,
    pub targets: usize,
    pub projects: usize,
}

impl PlanSummary {
    pub fn of(plan: &Plan) -> PlanSummary {
        let tasks = plan.areas.iter().map(|a| a.tasks.len()).sum();
        let projects = plan.commitments().map(|(_, c)| c.projects.len()).sum();
        let targets = crate::plan::stats::target_count(plan, crate::plan::stats::Scope::Plan);
        PlanSummary {
            title: plan.title.clone(),
            year: plan_year(plan),
            areas: plan.areas.len(),
            tasks,
            commitments: plan.commitment_count(),
            targets,
            projects,
        }
    }
}

/// The embedded plan's name and summary.
pub(crate) struct EmbeddedEntry {
    pub(crate) name: PlanName,
    pub(crate) summary: PlanSummary,
}

/// The embedded plan's entry, worked out once: its name is the default
/// name of any plan, by the same rule.
pub(crate) fn embedded() -> Option<&'static EmbeddedEntry> {
    static ENTRY: OnceLock<Option<EmbeddedEntry>> = OnceLock::new();
    ENTRY
        .get_or_init(|| {
            let plan = crate::plan::load::load_embedded().ok()?;
            Some(EmbeddedEntry {
                name: default_name(&plan),
                summary: PlanSummary::of(&plan),
            })
        })
        .as_ref()
}

/// The embedded plan's name in the library.
pub fn embedded_name() -> Option<&'static str> {
    embedded().map(|e| e.name.as_str())
}
