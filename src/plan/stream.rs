//! A plan file's areas, streamed as they are read and borrowed from the
//! file's bytes, for a one-shot `search` that reads every title and sentence
//! once and then exits.
//!
//! It accepts no JSON that [`Plan`](super::Plan) rejects (the same fields,
//! of the same types), but keeps only what a search reads, borrowed from the
//! file's bytes where the JSON has no escapes, and checks the rest (intro,
//! targets) without storing it.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::model::AreaKind;
use super::outline::{AreaNode, CommitmentNode, TaskNode};

/// The fields of a plan, in the order [`Plan`](super::Plan) declares them.
const PLAN_FIELDS: &[&str] = &[
    "title",
    "source",
    "year",
    "source_lines",
    "intro",
    "areas",
    "closing",
    "asides",
];

/// Reads plan JSON, handing each area to `sink` as soon as it is read, and
/// returns the plan's `source_lines`. Accepts no JSON that
/// [`Plan`](super::Plan) rejects (it may reject some that `Plan` accepts,
/// such as a plan written as an array); its errors are serde_json's, not
/// located: [`parse_plan`](super::load::parse_plan) explains them.
pub fn stream_areas<'a>(
    text: &'a str,
    sink: impl FnMut(StreamedArea<'a>),
) -> Result<usize, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let source_lines = de.deserialize_struct("Plan", PLAN_FIELDS, PlanVisitor { sink })?;
    de.end()?;
    Ok(source_lines)
}

struct PlanVisitor<F> {
    sink: F,
}

impl<'de, F: FnMut(StreamedArea<'de>)> Visitor<'de> for PlanVisitor<F> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a plan")
    }

    fn visit_map<M: MapAccess<'de>>(mut self, mut map: M) -> Result<usize, M::Error> {
        let mut seen = [false; PLAN_FIELDS.len()];
        let mut source_lines = 0;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let Some(field) = PLAN_FIELDS.iter().position(|f| *f == key) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if std::mem::replace(&mut seen[field], true) {
                return Err(de::Error::duplicate_field(PLAN_FIELDS[field]));
            }
            match PLAN_FIELDS[field] {
                "year" => {
                    map.next_value::<Option<u32>>()?;
                }
                "source_lines" => source_lines = map.next_value()?,
                "intro" | "closing" | "asides" => {
                    map.next_value::<Vec<StreamedPassage>>()?;
                }
                "areas" => map.next_value_seed(AreasSeed {
                    sink: &mut self.sink,
                })?,
                _ => {
                    map.next_value::<AnyStr>()?;
                }
            }
        }
        // year, source_lines, closing and asides have defaults; the rest must
        // be there.
        for field in ["title", "source", "intro", "areas"] {
            let Some(k) = PLAN_FIELDS.iter().position(|f| *f == field) else {
                continue;
            };
            if !seen[k] {
                return Err(de::Error::missing_field(field));
            }
        }
        Ok(source_lines)
    }
}

/// The `areas` array, each area handed on as it is read.
struct AreasSeed<'s, F> {
    sink: &'s mut F,
}

impl<'de, F: FnMut(StreamedArea<'de>)> DeserializeSeed<'de> for AreasSeed<'_, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(StreamedArea<'de>)> Visitor<'de> for AreasSeed<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of areas")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        while let Some(area) = seq.next_element::<StreamedArea<'de>>()? {
            (self.sink)(area);
        }
        Ok(())
    }
}

/// An intro, closing or aside line, type-checked and dropped.
#[derive(Debug, Deserialize)]
struct StreamedPassage {
    #[serde(rename = "line")]
    _line: usize,
    #[serde(rename = "text")]
    _text: AnyStr,
}

#[derive(Debug, Deserialize)]
pub struct StreamedArea<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    pub line: usize,
    #[serde(default)]
    pub kind: AreaKind,
    #[serde(default, rename = "part")]
    _part: Option<AnyStr>,
    #[serde(borrow)]
    pub tasks: Vec<StreamedTask<'a>>,
}

#[derive(Debug, Deserialize)]
pub struct StreamedTask<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    pub line: usize,
    #[serde(default, rename = "lead")]
    _lead: bool,
    #[serde(borrow)]
    pub commitments: Vec<StreamedCommitment<'a>>,
}

#[derive(Debug, Deserialize)]
pub struct StreamedCommitment<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    pub line: usize,
    #[serde(rename = "targets")]
    _targets: Vec<StreamedTarget>,
    #[serde(borrow)]
    pub projects: Vec<Borrowed<'a>>,
}

/// A target, type-checked and dropped.
#[derive(Debug, Deserialize)]
struct StreamedTarget {
    #[serde(rename = "value")]
    _value: f64,
    #[serde(default, rename = "value_max")]
    _value_max: Option<f64>,
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

impl<'a> AreaNode for StreamedArea<'a> {
    type Task = StreamedTask<'a>;
    fn head(&self) -> (&str, &str, usize) {
        (&self.id, &self.title, self.line)
    }
    fn tasks(&self) -> &[StreamedTask<'a>] {
        &self.tasks
    }
}

impl<'a> TaskNode for StreamedTask<'a> {
    type Commitment = StreamedCommitment<'a>;
    fn head(&self) -> (&str, &str, usize) {
        (&self.id, &self.title, self.line)
    }
    fn commitments(&self) -> &[StreamedCommitment<'a>] {
        &self.commitments
    }
}

impl<'a> CommitmentNode for StreamedCommitment<'a> {
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
