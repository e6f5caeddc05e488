//! The shape every plan representation shares (areas of tasks of
//! commitments naming projects), so that walking it in document order is
//! written once for the owned [`Plan`](super::Plan) and the borrowed
//! [`StreamedArea`](super::stream::StreamedArea).

use super::item::{Item, ItemKind, ItemRef};

/// An area: its id, title and line, and its tasks.
pub trait AreaNode {
    type Task: TaskNode;
    fn head(&self) -> (&str, &str, usize);
    fn tasks(&self) -> &[Self::Task];
}

/// A task: its id, title and line, and its commitments.
pub trait TaskNode {
    type Commitment: CommitmentNode;
    fn head(&self) -> (&str, &str, usize);
    fn commitments(&self) -> &[Self::Commitment];
}

/// A commitment: its id, text and line, and the projects it names.
pub trait CommitmentNode {
    type Project: AsRef<str>;
    fn head(&self) -> (&str, &str, usize);
    fn projects(&self) -> &[Self::Project];
}

fn item<'a>(
    target: ItemRef,
    kind: ItemKind,
    (id, text, line): (&'a str, &'a str, usize),
) -> Item<'a> {
    Item {
        target,
        kind,
        id,
        text,
        line,
    }
}

/// Every area, task, commitment and project, in document order; a project
/// carries its commitment's position, id and line.
pub fn items<A: AreaNode>(areas: &[A]) -> impl Iterator<Item = Item<'_>> + Clone {
    areas
        .iter()
        .enumerate()
        .flat_map(|(a, area)| area_items(a, area))
}

/// Area number `a` (0-based) and everything in it, in document order.
pub fn area_items<A: AreaNode>(a: usize, area: &A) -> impl Iterator<Item = Item<'_>> + Clone {
    let head = item(ItemRef::Area(a), ItemKind::Area, area.head());
    std::iter::once(head).chain(area.tasks().iter().enumerate().flat_map(move |(t, task)| {
        let head = item(ItemRef::Task(a, t), ItemKind::Task, task.head());
        std::iter::once(head).chain(task.commitments().iter().enumerate().flat_map(
            move |(c, com)| {
                let target = ItemRef::Commitment(a, t, c);
                let (id, text, line) = com.head();
                let head = item(target, ItemKind::Commitment, (id, text, line));
                let projects = com
                    .projects()
                    .iter()
                    .map(move |p| item(target, ItemKind::Project, (id, p.as_ref(), line)));
                std::iter::once(head).chain(projects)
            },
        ))
    }))
}
