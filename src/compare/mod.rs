//! Comparing two plans, A (the earlier, as a rule) and B: which targets
//! changed value, which commitments and targets are new or dropped, and
//! which projects continue. Only this year's work is compared: the areas
//! of kind `plan`, never last year's results (`review`) or goals over
//! several years (`outlook`).
//!
//! - **Commitments** of A and B are paired one to one, closest first, when
//!   their texts are close ([`CLOSE`]); B's left over are new, A's dropped.
//! - **Targets** are paired when they count in the same unit and score
//!   close: the mean of their subjects' similarity and their commitments'
//!   (only the commitments' when either has no subject). A pair whose value
//!   (or range) differs is changed; one whose value is the same is not
//!   reported.
//! - **Projects** are continuing when both plans name them, else new or
//!   dropped.
//!
//! Nothing here touches the terminal.

mod pairing;

use std::collections::HashMap;

use serde::Serialize;

pub use pairing::{CLOSE, is_close, similarity};

use crate::plan::model::format_value;
use crate::plan::{Commitment, ItemRef, Plan, Target};
use pairing::{Comparer, pair_up};

/// What became of an item from A to B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A target in both plans with another value.
    Changed,
    /// In B, with no counterpart in A.
    New,
    /// In A, with no counterpart in B.
    Dropped,
    /// A project both plans name.
    Continuing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Changed => "changed",
            Status::New => "new",
            Status::Dropped => "dropped",
            Status::Continuing => "continuing",
        }
    }
}

/// A commitment in one of the plans: where it is, and its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    #[serde(skip)]
    pub item: ItemRef,
    pub id: String,
    pub line: usize,
    pub text: String,
}

impl Place {
    fn of(item: ItemRef, c: &Commitment) -> Place {
        Place {
            item,
            id: c.id.clone(),
            line: c.line,
            text: c.text.clone(),
        }
    }
}

/// A target in one of the plans, with the commitment that states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetSide {
    pub commitment: Place,
    pub target: Target,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetChange {
    pub status: Status,
    pub a: Option<TargetSide>,
    pub b: Option<TargetSide>,
    /// B's value less A's, for a changed target (of the lower ends, for a
    /// range).
    pub change: Option<f64>,
    /// B's upper end less A's, when either is a range (a single value is
    /// both its ends).
    pub change_max: Option<f64>,
    /// How close the pair scored, for a changed target.
    pub similarity: Option<f64>,
}

impl TargetChange {
    /// The row's text: its subject and A's value → B's with the change
    /// ("高标准农田 3万亩 → 3.5万亩 (+0.5)"), or the one value there is.
    pub fn describe(&self) -> String {
        let Some(side) = self.b.as_ref().or(self.a.as_ref()) else {
            return String::new();
        };
        let subject = match side.target.subject.as_deref() {
            Some(s) => format!("{s} "),
            None => String::new(),
        };
        match (&self.a, &self.b, self.change) {
            (Some(a), Some(b), Some(change)) => format!(
                "{subject}{} → {} ({})",
                value_text(&a.target),
                value_text(&b.target),
                change_text(change, self.change_max)
            ),
            _ => format!("{subject}{}", value_text(&side.target)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitmentChange {
    pub status: Status,
    pub a: Option<Place>,
    pub b: Option<Place>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectChange {
    pub status: Status,
    pub name: String,
    /// The commitment that first names it in each plan.
    pub a: Option<Place>,
    pub b: Option<Place>,
}

/// Everything that differs between two plans, and the projects they share.
/// Rows that are in B come in B's order, then A's dropped rows in A's.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparison {
    pub targets: Vec<TargetChange>,
    pub commitments: Vec<CommitmentChange>,
    pub projects: Vec<ProjectChange>,
}

impl Comparison {
    /// True when anything changed, was added or dropped (continuing
    /// projects are not a difference).
    pub fn has_differences(&self) -> bool {
        !self.targets.is_empty()
            || !self.commitments.is_empty()
            || self.projects.iter().any(|p| p.status != Status::Continuing)
    }
}

/// Compares plan A with plan B.
pub fn compare(a: &Plan, b: &Plan) -> Comparison {
    let a_side = Side::of(a);
    let b_side = Side::of(b);
    Comparison {
        commitments: commitments(&a_side, &b_side),
        targets: targets(&a_side, &b_side),
        projects: projects(&a_side, &b_side),
    }
}

/// One plan's commitments, prepared for comparing.
struct Side<'p> {
    commitments: Vec<(ItemRef, &'p Commitment)>,
    comparers: Vec<Comparer>,
    /// Every target, with the index of its commitment.
    targets: Vec<(usize, &'p Target)>,
}

impl<'p> Side<'p> {
    fn of(plan: &'p Plan) -> Side<'p> {
        let commitments: Vec<(ItemRef, &Commitment)> = plan
            .commitments()
            .filter(|(item, _)| plan.area(*item).is_plan())
            .collect();
        let comparers = commitments
            .iter()
            .map(|(_, c)| Comparer::new(&c.text))
            .collect();
        let targets = commitments
            .iter()
            .enumerate()
            .flat_map(|(i, (_, c))| c.targets.iter().map(move |t| (i, t)))
            .collect();
        Side {
            commitments,
            comparers,
            targets,
        }
    }

    fn place(&self, commitment: usize) -> Place {
        let (item, c) = self.commitments[commitment];
        Place::of(item, c)
    }

    fn target(&self, target: usize) -> TargetSide {
        let (c, t) = self.targets[target];
        TargetSide {
            commitment: self.place(c),
            target: t.clone(),
        }
    }
}

/// The indices in `0..len` that no pair took, by `taken`.
fn left_over(len: usize, taken: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut used = vec![false; len];
    for i in taken {
        used[i] = true;
    }
    (0..len).filter(|&i| !used[i]).collect()
}

fn commitments(a: &Side, b: &Side) -> Vec<CommitmentChange> {
    let pairs = pair_up(a.comparers.len(), b.comparers.len(), |i, j| {
        Some(a.comparers[i].similarity(&b.comparers[j]))
    });
    let new = left_over(b.comparers.len(), pairs.iter().map(|p| p.b));
    let dropped = left_over(a.comparers.len(), pairs.iter().map(|p| p.a));
    let new = new.into_iter().map(|j| CommitmentChange {
        status: Status::New,
        a: None,
        b: Some(b.place(j)),
    });
    let dropped = dropped.into_iter().map(|i| CommitmentChange {
        status: Status::Dropped,
        a: Some(a.place(i)),
        b: None,
    });
    new.chain(dropped).collect()
}

/// How close two targets are, or None when they count different units.
fn target_score(a: &Side, ai: usize, b: &Side, bi: usize) -> Option<f64> {
    let ((ac, at), (bc, bt)) = (a.targets[ai], b.targets[bi]);
    if at.unit != bt.unit {
        return None;
    }
    let text = a.comparers[ac].similarity(&b.comparers[bc]);
    Some(match (&at.subject, &bt.subject) {
        (Some(sa), Some(sb)) => (similarity(sa, sb) + text) / 2.0,
        _ => text,
    })
}

/// `b − a`, rounded to the sixth decimal so that 35 − 31.3 reads 3.7.
fn difference(a: f64, b: f64) -> f64 {
    ((b - a) * 1e6).round() / 1e6
}

/// The top of a target's range; a single value is its own top.
fn top(t: &Target) -> f64 {
    t.value_max.unwrap_or(t.value)
}

fn targets(a: &Side, b: &Side) -> Vec<TargetChange> {
    let pairs = pair_up(a.targets.len(), b.targets.len(), |i, j| {
        target_score(a, i, b, j)
    });
    let mut rows: Vec<(usize, TargetChange)> = Vec::new();
    for pair in &pairs {
        let (at, bt) = (a.targets[pair.a].1, b.targets[pair.b].1);
        if at.value == bt.value && top(at) == top(bt) {
            continue;
        }
        let ranged = at.value_max.is_some() || bt.value_max.is_some();
        rows.push((
            pair.b,
            TargetChange {
                status: Status::Changed,
                a: Some(a.target(pair.a)),
                b: Some(b.target(pair.b)),
                change: Some(difference(at.value, bt.value)),
                change_max: ranged.then(|| difference(top(at), top(bt))),
                similarity: Some(pair.score),
            },
        ));
    }
    for j in left_over(b.targets.len(), pairs.iter().map(|p| p.b)) {
        rows.push((
            j,
            TargetChange {
                status: Status::New,
                a: None,
                b: Some(b.target(j)),
                change: None,
                change_max: None,
                similarity: None,
            },
        ));
    }
    rows.sort_by_key(|(j, _)| *j);
    let dropped = left_over(a.targets.len(), pairs.iter().map(|p| p.a));
    let dropped = dropped.into_iter().map(|i| TargetChange {
        status: Status::Dropped,
        a: Some(a.target(i)),
        b: None,
        change: None,
        change_max: None,
        similarity: None,
    });
    rows.into_iter()
        .map(|(_, row)| row)
        .chain(dropped)
        .collect()
}

/// Each project a plan names, with the commitment that names it first, in
/// document order.
fn named_projects<'p>(side: &Side<'p>) -> Vec<(&'p str, usize)> {
    let mut seen = HashMap::new();
    let mut order = Vec::new();
    for (i, (_, c)) in side.commitments.iter().enumerate() {
        for p in &c.projects {
            if seen.insert(p.as_str(), i).is_none() {
                order.push((p.as_str(), i));
            }
        }
    }
    order
}

fn projects(a: &Side, b: &Side) -> Vec<ProjectChange> {
    let a_named = named_projects(a);
    let in_a: HashMap<&str, usize> = a_named.iter().copied().collect();
    let b_named = named_projects(b);
    let in_b: HashMap<&str, usize> = b_named.iter().copied().collect();
    let mut rows = Vec::new();
    for &(name, j) in &b_named {
        let before = in_a.get(name).map(|&i| a.place(i));
        rows.push(ProjectChange {
            status: if before.is_some() {
                Status::Continuing
            } else {
                Status::New
            },
            name: name.to_string(),
            a: before,
            b: Some(b.place(j)),
        });
    }
    for &(name, i) in &a_named {
        if !in_b.contains_key(name) {
            rows.push(ProjectChange {
                status: Status::Dropped,
                name: name.to_string(),
                a: Some(a.place(i)),
                b: None,
            });
        }
    }
    rows
}

/// A target's value or range as the report writes it, with its unit:
/// 31.3万亩, 4.5–5%.
pub fn value_text(t: &Target) -> String {
    format!("{}{}", t.value_text(), t.unit)
}

/// A change as a signed number: +3.7, -20; for a range, each end's:
/// low +0.5, high +1.
pub fn change_text(change: f64, change_max: Option<f64>) -> String {
    let signed = |n: f64| {
        let sign = if n > 0.0 { "+" } else { "" };
        format!("{sign}{}", format_value(n))
    };
    match change_max {
        Some(max) if max != change => format!("low {}, high {}", signed(change), signed(max)),
        _ => signed(change),
    }
}
