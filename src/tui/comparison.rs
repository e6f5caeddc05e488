//! The compare screen's state: one row per difference between plan A and
//! plan B (see [`crate::compare`]), each with where its item is in either
//! plan, and the selection.

use crate::compare::{Comparison, Status};
use crate::plan::ItemRef;

/// A row of the compare screen.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRow {
    /// target, commitment or project.
    pub what: &'static str,
    pub status: Status,
    /// The item in plan A and in plan B, with its id.
    pub a: Option<(ItemRef, String)>,
    pub b: Option<(ItemRef, String)>,
    pub text: String,
}

/// Which of the two plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

#[derive(Debug, Default)]
pub struct CompareState {
    /// The plans' names: A the earlier, B the later.
    pub a: String,
    pub b: String,
    pub rows: Vec<CompareRow>,
    /// Whether a comparison has been made in this session.
    pub ready: bool,
    pub selected: usize,
    pub offset: usize,
}

impl CompareState {
    /// Shows the comparison of plan `a` with plan `b`.
    pub fn set(&mut self, a: String, b: String, comparison: &Comparison) {
        let place = |p: &crate::compare::Place| (p.item, p.id.clone());
        let mut rows = Vec::new();
        for t in &comparison.targets {
            rows.push(CompareRow {
                what: "target",
                status: t.status,
                a: t.a.as_ref().map(|s| place(&s.commitment)),
                b: t.b.as_ref().map(|s| place(&s.commitment)),
                text: t.describe(),
            });
        }
        for c in &comparison.commitments {
            let text = c.b.as_ref().or(c.a.as_ref()).map(|p| p.text.clone());
            rows.push(CompareRow {
                what: "commitment",
                status: c.status,
                a: c.a.as_ref().map(place),
                b: c.b.as_ref().map(place),
                text: text.unwrap_or_default(),
            });
        }
        for p in &comparison.projects {
            rows.push(CompareRow {
                what: "project",
                status: p.status,
                a: p.a.as_ref().map(place),
                b: p.b.as_ref().map(place),
                text: p.name.clone(),
            });
        }
        self.a = a;
        self.b = b;
        self.rows = rows;
        self.ready = true;
        self.selected = 0;
        self.offset = 0;
    }

    pub fn name(&self, side: Side) -> &str {
        match side {
            Side::A => &self.a,
            Side::B => &self.b,
        }
    }

    /// The selected row's item in one plan, if it has one there.
    pub fn item(&self, side: Side) -> Option<ItemRef> {
        let row = self.rows.get(self.selected)?;
        let place = match side {
            Side::A => &row.a,
            Side::B => &row.b,
        };
        place.as_ref().map(|(item, _)| *item)
    }

    pub fn move_by(&mut self, delta: isize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(self.rows.len().saturating_sub(1));
    }

    pub fn keep_in_view(&mut self, height: usize) {
        self.offset = crate::tui::layout::scroll_to(self.selected, self.offset, height);
    }
}
