//! The plan model: serde types whose JSON field names other tools rely on.

use serde::{Deserialize, Serialize, Serializer};

use super::exact;
use super::item::{Item, ItemRef};
use super::outline::{AreaNode, CommitmentNode, TaskNode};

/// A structured work plan, as `plan-explorer import` writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub title: String,
    /// The file name of the report the plan was imported from.
    pub source: String,
    /// The year the plan is for, when the report says it (or `import --year`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
    /// How many lines the source text has; 0 when unknown. Lets the loader
    /// reject items that cite a line beyond the source.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub source_lines: usize,
    /// The title block and opening lines before the first heading.
    #[serde(deserialize_with = "exact::vec")]
    pub intro: Vec<Passage>,
    #[serde(deserialize_with = "exact::vec")]
    pub areas: Vec<Area>,
    /// The closing address (各位代表!……) and what follows it.
    #[serde(
        deserialize_with = "exact::vec",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub closing: Vec<Passage>,
    /// Page furniture of a re-post (continuation markers, date, source,
    /// byline, editor and app-prompt lines), kept so that nothing is lost.
    #[serde(
        deserialize_with = "exact::vec",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub asides: Vec<Passage>,
}

/// A source line kept outside the areas: intro, closing or aside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    pub line: usize,
    pub text: String,
}

/// What an area speaks of: this year's work, last year's results, or goals
/// over several years.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AreaKind {
    #[default]
    Plan,
    Review,
    Outlook,
}

impl AreaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AreaKind::Plan => "plan",
            AreaKind::Review => "review",
            AreaKind::Outlook => "outlook",
        }
    }

    /// The label a reader sees beside a review or outlook area: 回顾, 展望.
    pub fn label(self) -> Option<&'static str> {
        match self {
            AreaKind::Plan => None,
            AreaKind::Review => Some("回顾"),
            AreaKind::Outlook => Some("展望"),
        }
    }
}

/// A headed work area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Area {
    pub id: String,
    pub title: String,
    pub line: usize,
    /// Plans written before areas had kinds are all this year's work.
    #[serde(default)]
    pub kind: AreaKind,
    /// The part heading the area falls under, such as 三、2026年工作安排.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    #[serde(deserialize_with = "exact::vec")]
    pub tasks: Vec<Task>,
}

/// A task paragraph (or a subheading) within an area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub line: usize,
    /// True when this paragraph is the area's own lead rather than a task
    /// with a lead sentence of its own; its title is then its first clause.
    #[serde(default, skip_serializing_if = "is_false")]
    pub lead: bool,
    #[serde(deserialize_with = "exact::vec")]
    pub commitments: Vec<Commitment>,
}

/// One sentence of a task: something the plan commits to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: String,
    pub text: String,
    pub line: usize,
    #[serde(deserialize_with = "exact::vec")]
    pub targets: Vec<Target>,
    #[serde(deserialize_with = "exact::vec")]
    pub projects: Vec<String>,
}

/// A quantity the plan commits to, such as 总投资2100亿元 or 95%以上.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    /// The upper end of a range such as 4.5%—5%, whose lower end is `value`.
    #[serde(default, serialize_with = "serialize_optional_number")]
    pub value_max: Option<f64>,
    pub unit: String,
    pub qualifier: Option<String>,
    /// The verbatim span of the commitment's text.
    pub text: String,
    /// What is counted, where a rule can find it.
    pub subject: Option<String>,
    /// Char index of `text` within the commitment's text.
    #[serde(default)]
    pub start: usize,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The value as an integer when it is a whole number that f64 holds exactly
/// (below 2^53), so that it prints without a trailing `.0`.
fn whole_number(value: f64) -> Option<i64> {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    (value.fract() == 0.0 && value.abs() < EXACT).then_some(value as i64)
}

/// Writes whole numbers without a trailing `.0`, so 2100 stays 2100 and 31.3 stays 31.3.
fn serialize_number<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    match whole_number(*value) {
        Some(n) => serializer.serialize_i64(n),
        None => serializer.serialize_f64(*value),
    }
}

fn serialize_optional_number<S: Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => serialize_number(v, serializer),
        None => serializer.serialize_none(),
    }
}

/// A value as the report writes it: 2100, 31.3.
pub fn format_value(value: f64) -> String {
    match whole_number(value) {
        Some(n) => n.to_string(),
        None => value.to_string(),
    }
}

impl Target {
    /// The value, or the range it spans: 2100, 31.3, 4.5–5.
    pub fn value_text(&self) -> String {
        match self.value_max {
            Some(max) => format!("{}–{}", format_value(self.value), format_value(max)),
            None => format_value(self.value),
        }
    }

    /// The quantity worded as a report words it: 6000亿元以上, 超550亿元.
    pub fn worded(&self) -> String {
        worded(&self.value_text(), &self.unit, self.qualifier.as_deref())
    }
}

/// A value (or range), unit and qualifier worded as a report words them:
/// the qualifier before the value (超550亿元), between it and the unit
/// (100余家) or after the unit (6000亿元以上), where the language puts it.
pub fn worded(value: &str, unit: &str, qualifier: Option<&str>) -> String {
    use super::quantity::{MID_QUALIFIERS, SUFFIX_QUALIFIERS};
    match qualifier {
        None => format!("{value}{unit}"),
        Some(q) if SUFFIX_QUALIFIERS.contains(&q) => format!("{value}{unit}{q}"),
        Some(q) if MID_QUALIFIERS.contains(&q) => format!("{value}{q}{unit}"),
        Some(q) => format!("{q}{value}{unit}"),
    }
}

impl AreaNode for Area {
    type Task = Task;
    fn head(&self) -> (&str, &str, usize) {
        (&self.id, &self.title, self.line)
    }
    fn tasks(&self) -> &[Task] {
        &self.tasks
    }
}

impl TaskNode for Task {
    type Commitment = Commitment;
    fn head(&self) -> (&str, &str, usize) {
        (&self.id, &self.title, self.line)
    }
    fn commitments(&self) -> &[Commitment] {
        &self.commitments
    }
}

impl CommitmentNode for Commitment {
    type Project = String;
    fn head(&self) -> (&str, &str, usize) {
        (&self.id, &self.text, self.line)
    }
    fn projects(&self) -> &[String] {
        &self.projects
    }
}

impl Plan {
    /// Every area, task, commitment and project, in document order.
    pub fn items(&self) -> impl Iterator<Item = Item<'_>> + Clone {
        super::outline::items(&self.areas)
    }

    /// Finds an item by its hierarchical id, such as "3", "3.2" or "3.2.1".
    pub fn find(&self, id: &str) -> Option<ItemRef> {
        // Digits only: usize's parser would also take "+1".
        let number = |p: &str| {
            (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<usize>().ok())
                .flatten()
        };
        let mut parts = id.split('.').map(number);
        let area = parts.next()??.checked_sub(1)?;
        self.areas.get(area)?;
        let Some(task) = parts.next() else {
            return Some(ItemRef::Area(area));
        };
        let task = task?.checked_sub(1)?;
        let t = self.areas[area].tasks.get(task)?;
        let Some(commitment) = parts.next() else {
            return Some(ItemRef::Task(area, task));
        };
        let commitment = commitment?.checked_sub(1)?;
        t.commitments.get(commitment)?;
        if parts.next().is_some() {
            return None;
        }
        Some(ItemRef::Commitment(area, task, commitment))
    }

    pub fn area(&self, r: ItemRef) -> &Area {
        &self.areas[r.area()]
    }

    pub fn task(&self, area: usize, task: usize) -> &Task {
        &self.areas[area].tasks[task]
    }

    pub fn commitment(&self, area: usize, task: usize, commitment: usize) -> &Commitment {
        &self.areas[area].tasks[task].commitments[commitment]
    }

    /// The id of an item.
    pub fn id_of(&self, r: ItemRef) -> &str {
        match r {
            ItemRef::Area(a) => &self.areas[a].id,
            ItemRef::Task(a, t) => &self.task(a, t).id,
            ItemRef::Commitment(a, t, c) => &self.commitment(a, t, c).id,
        }
    }

    /// The text an item shows: a title, or a commitment's sentence.
    pub fn text_of(&self, r: ItemRef) -> &str {
        match r {
            ItemRef::Area(a) => &self.areas[a].title,
            ItemRef::Task(a, t) => &self.task(a, t).title,
            ItemRef::Commitment(a, t, c) => &self.commitment(a, t, c).text,
        }
    }

    /// The 1-based source line an item cites.
    pub fn line_of(&self, r: ItemRef) -> usize {
        match r {
            ItemRef::Area(a) => self.areas[a].line,
            ItemRef::Task(a, t) => self.task(a, t).line,
            ItemRef::Commitment(a, t, c) => self.commitment(a, t, c).line,
        }
    }

    /// Every commitment with its position, in document order.
    pub fn commitments(&self) -> impl Iterator<Item = (ItemRef, &Commitment)> {
        self.areas.iter().enumerate().flat_map(|(a, area)| {
            area.tasks.iter().enumerate().flat_map(move |(t, task)| {
                task.commitments
                    .iter()
                    .enumerate()
                    .map(move |(c, commitment)| (ItemRef::Commitment(a, t, c), commitment))
            })
        })
    }

    /// Every target with the commitment that states it, in document order.
    pub fn targets(&self) -> impl Iterator<Item = (ItemRef, &Commitment, &Target)> {
        self.commitments()
            .flat_map(|(r, c)| c.targets.iter().map(move |target| (r, c, target)))
    }

    pub fn commitment_count(&self) -> usize {
        self.areas
            .iter()
            .flat_map(|a| &a.tasks)
            .map(|t| t.commitments.len())
            .sum()
    }
}

impl Task {
    pub fn targets(&self) -> impl Iterator<Item = &Target> {
        self.commitments.iter().flat_map(|c| &c.targets)
    }

    /// Named projects of all the task's commitments, first mention first.
    pub fn projects(&self) -> Vec<&str> {
        let mut seen = Vec::new();
        for p in self.commitments.iter().flat_map(|c| &c.projects) {
            if !seen.contains(&p.as_str()) {
                seen.push(p.as_str());
            }
        }
        seen
    }
}

impl Area {
    /// True when the area is this year's work, whose targets are the plan's.
    pub fn is_plan(&self) -> bool {
        self.kind == AreaKind::Plan
    }

    pub fn commitment_count(&self) -> usize {
        self.tasks.iter().map(|t| t.commitments.len()).sum()
    }

    pub fn target_count(&self) -> usize {
        self.tasks.iter().map(|t| t.targets().count()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Plan {
        Plan {
            title: "t".into(),
            source: "s.txt".into(),
            year: None,
            source_lines: 3,
            intro: vec![],
            closing: vec![],
            asides: vec![],
            areas: vec![Area {
                id: "1".into(),
                title: "A".into(),
                line: 1,
                kind: AreaKind::Plan,
                part: None,
                tasks: vec![Task {
                    id: "1.1".into(),
                    title: "T".into(),
                    line: 2,
                    lead: false,
                    commitments: vec![Commitment {
                        id: "1.1.1".into(),
                        text: "C。".into(),
                        line: 2,
                        targets: vec![],
                        projects: vec![],
                    }],
                }],
            }],
        }
    }

    #[test]
    fn find_resolves_ids_and_rejects_unknown_ones() {
        let plan = tiny();
        assert_eq!(plan.find("1"), Some(ItemRef::Area(0)));
        assert_eq!(plan.find("1.1"), Some(ItemRef::Task(0, 0)));
        assert_eq!(plan.find("1.1.1"), Some(ItemRef::Commitment(0, 0, 0)));
        for bad in [
            "0", "2", "1.2", "1.1.2", "1.1.1.1", "", "x", "1..1", "+1", "1.+1", " 1", "１",
        ] {
            assert_eq!(plan.find(bad), None, "{bad}");
        }
    }

    #[test]
    fn whole_numbers_serialize_without_fraction() {
        let t = Target {
            value: 2100.0,
            value_max: None,
            unit: "亿元".into(),
            qualifier: None,
            text: "2100亿元".into(),
            subject: None,
            start: 0,
        };
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.contains(r#""value":2100,"#), "{json}");
        let t = Target { value: 31.3, ..t };
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.contains(r#""value":31.3,"#), "{json}");
        assert!(json.contains(r#""value_max":null,"#), "{json}");
        let t = Target {
            value: 4.5,
            value_max: Some(5.0),
            ..t
        };
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.contains(r#""value":4.5,"value_max":5,"#), "{json}");
        assert_eq!(t.value_text(), "4.5–5");
        assert_eq!(format_value(1e20), "100000000000000000000");
        assert_eq!(format_value(-3.0), "-3");
    }

    #[test]
    fn a_quantity_is_worded_with_its_qualifier_where_it_goes() {
        assert_eq!(worded("6000", "亿元", Some("以上")), "6000亿元以上");
        assert_eq!(worded("550", "亿元", Some("超")), "超550亿元");
        assert_eq!(worded("100", "家", Some("余")), "100余家");
        assert_eq!(worded("4.5–5", "%", None), "4.5–5%");
    }
}
