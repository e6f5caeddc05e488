//! Where an item stands in a plan and what it is: the types that the owned
//! [`Plan`](super::Plan), the streamed reader and search share.

use serde::{Deserialize, Serialize};

/// Where an item sits in the plan: indices of its area, task and commitment.
/// Items order as they stand in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemRef {
    Area(usize),
    Task(usize, usize),
    Commitment(usize, usize, usize),
}

/// The kind of a plan item, as the CLI and search name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Area,
    Task,
    Commitment,
    Project,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Area => "area",
            ItemKind::Task => "task",
            ItemKind::Commitment => "commitment",
            ItemKind::Project => "project",
        }
    }
}

impl Ord for ItemRef {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.document_key().cmp(&other.document_key())
    }
}

impl PartialOrd for ItemRef {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl ItemRef {
    /// A parent comes before its children, which come in order.
    fn document_key(self) -> (usize, usize, usize) {
        match self {
            ItemRef::Area(a) => (a, 0, 0),
            ItemRef::Task(a, t) => (a, t + 1, 0),
            ItemRef::Commitment(a, t, c) => (a, t + 1, c + 1),
        }
    }

    pub fn kind(self) -> ItemKind {
        match self {
            ItemRef::Area(_) => ItemKind::Area,
            ItemRef::Task(..) => ItemKind::Task,
            ItemRef::Commitment(..) => ItemKind::Commitment,
        }
    }

    pub fn area(self) -> usize {
        match self {
            ItemRef::Area(a) | ItemRef::Task(a, _) | ItemRef::Commitment(a, _, _) => a,
        }
    }
}

/// One item of a plan, borrowed: an area, task or commitment, or a project
/// a commitment names (which shares its commitment's position, id and line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item<'a> {
    pub target: ItemRef,
    pub kind: ItemKind,
    pub id: &'a str,
    /// A title, a commitment's sentence or a project's name.
    pub text: &'a str,
    pub line: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_order_as_in_the_document() {
        let mut items = vec![
            ItemRef::Commitment(0, 1, 0),
            ItemRef::Area(1),
            ItemRef::Task(0, 1),
            ItemRef::Area(0),
            ItemRef::Task(0, 0),
        ];
        items.sort();
        assert_eq!(
            items,
            [
                ItemRef::Area(0),
                ItemRef::Task(0, 0),
                ItemRef::Task(0, 1),
                ItemRef::Commitment(0, 1, 0),
                ItemRef::Area(1),
            ]
        );
    }
}
