//! A borrowed, read-only view of a plan file, for one-shot commands such as
//! `search` that read every title and sentence once and then exit.
//!
//! It accepts exactly the JSON that [`Plan`](super::Plan) accepts (the same
//! fields, of the same types), but keeps only what a search reads, borrowed
//! from the file's bytes where the JSON has no escapes, and checks the rest
//! without storing it. On a 100,000-commitment plan that halves the parse.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::model::Item;
use super::outline::{self, AreaNode, CommitmentNode, TaskNode};

/// The parts of a plan a search reads.
#[derive(Debug, Deserialize)]
pub struct PlanView<'a> {
    #[serde(rename = "title")]
    _title: AnyStr,
    #[serde(rename = "source")]
    _source: AnyStr,
    #[serde(default)]
    pub source_lines: usize,
    #[serde(rename = "intro")]
    _intro: Vec<IntroView>,
    #[serde(borrow)]
    pub areas: Vec<AreaView<'a>>,
}

#[derive(Debug, Deserialize)]
struct IntroView {
    #[serde(rename = "line")]
    _line: usize,
    #[serde(rename = "text")]
    _text: AnyStr,
}

#[derive(Debug, Deserialize)]
pub struct AreaView<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    pub line: usize,
    #[serde(borrow)]
    pub tasks: Vec<TaskView<'a>>,
}

#[derive(Debug, Deserialize)]
pub struct TaskView<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    pub line: usize,
    #[serde(default, rename = "lead")]
    _lead: bool,
    #[serde(borrow)]
    pub commitments: Vec<CommitmentView<'a>>,
}

#[derive(Debug, Deserialize)]
pub struct CommitmentView<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    pub line: usize,
    #[serde(rename = "targets")]
    _targets: Vec<TargetView>,
    #[serde(borrow)]
    pub projects: Vec<Borrowed<'a>>,
}

/// A target, type-checked and dropped.
#[derive(Debug, Deserialize)]
struct TargetView {
    #[serde(rename = "value")]
    _value: f64,
    #[serde(rename = "unit")]
    _unit: AnyStr,
    #[serde(rename = "qualifier")]
    _qualifier: Option<AnyStr>,
    #[serde(rename = "text")]
    _text: AnyStr,
    #[serde(rename = "subject")]
    _subject: Option<AnyStr>,
    #[serde(default, rename = "start")]
    _start: usize,
}

/// A string borrowed from the input where it can be (`Vec<Cow<str>>` would
/// always copy).
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct Borrowed<'a>(#[serde(borrow)] pub Cow<'a, str>);

/// Any JSON string, checked and not kept.
#[derive(Debug)]
struct AnyStr;

impl<'de> Deserialize<'de> for AnyStr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<AnyStr, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = AnyStr;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<AnyStr, E> {
                Ok(AnyStr)
            }
        }
        deserializer.deserialize_str(V)
    }
}

impl PlanView<'_> {
    /// Every area, task, commitment and project, in document order: the
    /// same items as [`Plan::items`](super::Plan::items).
    pub fn items(&self) -> impl Iterator<Item = Item<'_>> + Clone {
        outline::items(&self.areas)
    }
}

impl<'a> AreaNode for AreaView<'a> {
    type Task = TaskView<'a>;
    fn head(&self) -> (&str, &str, usize) {
        (&self.id, &self.title, self.line)
    }
    fn tasks(&self) -> &[TaskView<'a>] {
        &self.tasks
    }
}

impl<'a> TaskNode for TaskView<'a> {
    type Commitment = CommitmentView<'a>;
    fn head(&self) -> (&str, &str, usize) {
        (&self.id, &self.title, self.line)
    }
    fn commitments(&self) -> &[CommitmentView<'a>] {
        &self.commitments
    }
}

impl<'a> CommitmentNode for CommitmentView<'a> {
    type Project = Borrowed<'a>;
    fn head(&self) -> (&str, &str, usize) {
        (&self.id, &self.text, self.line)
    }
    fn projects(&self) -> &[Borrowed<'a>] {
        &self.projects
    }
}

impl AsRef<str> for Borrowed<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
