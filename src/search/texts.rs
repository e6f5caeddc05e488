//! Where an index reads its documents' ids, texts and lines: from the plan
//! it shares with its owner (the app), or from byte ranges into the plan
//! file it was built from or into its own copies (the command line).

use std::sync::Arc;

use crate::plan::{Item, ItemKind, ItemRef, Plan};

#[derive(Debug)]
pub(crate) enum Texts {
    /// The plan the index was built from, shared: nothing is copied, and a
    /// document's place is found from where each area and task starts.
    Plan { plan: Arc<Plan>, outline: Outline },
    /// A [`Span`] per document: byte ranges below `source.len()` into the
    /// plan file the index was built from, at or past it into `copied`.
    Spans {
        source: Vec<u8>,
        copied: String,
        spans: Vec<Span>,
    },
}

/// A document's place in its plan, its id and text as byte ranges (see
/// [`Texts::Spans`]), and its line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub(crate) at: Doc,
    pub(crate) id: (usize, usize),
    pub(crate) text: (usize, usize),
    pub(crate) line: usize,
}

/// Where a document stands in its plan: its item, and for a project its
/// number among its commitment's projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Doc {
    pub(crate) target: ItemRef,
    pub(crate) project: Option<usize>,
}

impl Doc {
    fn kind(self) -> ItemKind {
        match self.project {
            Some(_) => ItemKind::Project,
            None => self.target.kind(),
        }
    }
}

/// The document number of every area and task of a shared plan, so that a
/// document's place is found by two binary searches and a walk over one
/// task's commitments: a few hundred kilobytes where a place per document
/// took megabytes.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    /// Per area, its document.
    areas: Vec<usize>,
    /// Per area, the index in `tasks` of its first task.
    first_task: Vec<usize>,
    /// Per task, in document order, its document.
    tasks: Vec<usize>,
}

impl Outline {
    /// Notes that document `doc` is an area or a task (other items are
    /// found from these).
    pub(crate) fn push(&mut self, doc: usize, target: ItemRef) {
        match target {
            ItemRef::Area(_) => {
                self.areas.push(doc);
                self.first_task.push(self.tasks.len());
            }
            ItemRef::Task(..) => self.tasks.push(doc),
            ItemRef::Commitment(..) => {}
        }
    }

    /// Where document `doc` stands in `plan`.
    fn locate(&self, plan: &Plan, doc: usize) -> Option<Doc> {
        let a = self.areas.partition_point(|&d| d <= doc).checked_sub(1)?;
        let at = |target| {
            Some(Doc {
                target,
                project: None,
            })
        };
        if self.areas.get(a) == Some(&doc) {
            return at(ItemRef::Area(a));
        }
        let first = *self.first_task.get(a)?;
        let end = self
            .first_task
            .get(a + 1)
            .copied()
            .unwrap_or(self.tasks.len());
        let tasks = self.tasks.get(first..end)?;
        let t = tasks.partition_point(|&d| d <= doc).checked_sub(1)?;
        let task_doc = *tasks.get(t)?;
        if task_doc == doc {
            return at(ItemRef::Task(a, t));
        }
        // The task's commitments, each followed by its projects.
        let mut rest = doc - task_doc - 1;
        let task = plan.areas.get(a)?.tasks.get(t)?;
        for (c, commitment) in task.commitments.iter().enumerate() {
            let target = ItemRef::Commitment(a, t, c);
            if rest == 0 {
                return at(target);
            }
            rest -= 1;
            if rest < commitment.projects.len() {
                return Some(Doc {
                    target,
                    project: Some(rest),
                });
            }
            rest -= commitment.projects.len();
        }
        None
    }
}

impl Texts {
    /// Document `doc`.
    pub(crate) fn item(&self, doc: usize) -> Option<Item<'_>> {
        let (at, id, text, line) = match self {
            Texts::Plan { plan, outline } => {
                let at = outline.locate(plan, doc)?;
                let (id, text, line) = plan_head(plan, at)?;
                (at, id, text, line)
            }
            Texts::Spans {
                source,
                copied,
                spans,
            } => {
                let span = spans.get(doc)?;
                let get = |(start, end): (usize, usize)| {
                    let n = source.len();
                    if end <= n {
                        simdutf8::basic::from_utf8(source.get(start..end)?).ok()
                    } else {
                        copied.get(start.checked_sub(n)?..end - n)
                    }
                };
                (span.at, get(span.id)?, get(span.text)?, span.line)
            }
        };
        Some(Item {
            target: at.target,
            kind: at.kind(),
            id,
            text,
            line,
        })
    }
}

/// The id, text and line of the item at `at` in `plan`.
fn plan_head(plan: &Plan, at: Doc) -> Option<(&str, &str, usize)> {
    match at.target {
        ItemRef::Area(a) => {
            let area = plan.areas.get(a)?;
            Some((&area.id, &area.title, area.line))
        }
        ItemRef::Task(a, t) => {
            let task = plan.areas.get(a)?.tasks.get(t)?;
            Some((&task.id, &task.title, task.line))
        }
        ItemRef::Commitment(a, t, c) => {
            let c = plan.areas.get(a)?.tasks.get(t)?.commitments.get(c)?;
            let text = match at.project {
                None => &c.text,
                Some(p) => c.projects.get(p)?,
            };
            Some((&c.id, text, c.line))
        }
    }
}
