//! Reading and validating a plan file, with errors that name the place at fault.

use std::path::Path;

use super::error::LoadError;
use super::model::{Item, ItemKind, ItemRef, Plan};
use super::view::PlanView;

/// The plan built from seeds/luzhou-2026-work-report.txt, embedded in the binary.
pub const EMBEDDED_PLAN: &str = include_str!("../../data/luzhou-2026.json");
pub const EMBEDDED_NAME: &str = "data/luzhou-2026.json";

/// Loads the embedded plan.
pub fn load_embedded() -> Result<Plan, LoadError> {
    parse_plan(EMBEDDED_PLAN.as_bytes(), EMBEDDED_NAME)
}

/// Reads and validates a plan file.
pub fn load_file(path: &Path) -> Result<Plan, LoadError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
        path: name.clone(),
        source,
    })?;
    parse_plan(&bytes, &name)
}

/// Parses and validates plan JSON; `name` is used in error messages.
pub fn parse_plan(bytes: &[u8], name: &str) -> Result<Plan, LoadError> {
    // The fast path: a well-formed plan parses straight into structs. Only a
    // failure pays for the slower passes that locate the fault.
    let plan = match serde_json::from_slice::<Plan>(bytes) {
        Ok(plan) => plan,
        Err(_) => return Err(locate_error(bytes, name)),
    };
    validate(&plan, name)?;
    Ok(plan)
}

/// Parses and validates plan JSON into a borrowed [`PlanView`], for commands
/// that only read titles and sentences. Accepts and rejects exactly what
/// [`parse_plan`] does, with the same errors.
pub fn parse_view<'a>(bytes: &'a [u8], name: &str) -> Result<PlanView<'a>, LoadError> {
    let view = match serde_json::from_slice::<PlanView>(bytes) {
        Ok(view) => view,
        Err(_) => return Err(locate_error(bytes, name)),
    };
    validate_items(|| view.items(), view.source_lines, name)?;
    Ok(view)
}

/// Finds what is wrong with plan JSON that did not parse: a syntax error with
/// its line and column, or the path of the field of the wrong shape.
fn locate_error(bytes: &[u8], name: &str) -> LoadError {
    let path = name.to_string();
    // A syntax error is reported first, with its line and column; only a
    // well-formed document is checked for its shape, field by field.
    if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
        return LoadError::Syntax {
            path,
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        };
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, Plan>(de) {
        Err(e) => LoadError::Shape {
            path: path.clone(),
            field: e.path().to_string(),
            message: e.into_inner().to_string(),
        },
        // Unreachable in practice: the fast path failed on the same bytes.
        Ok(_) => LoadError::Shape {
            path,
            field: ".".to_string(),
            message: "the plan did not parse".to_string(),
        },
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Checks what JSON types cannot: unique ids, ids that match their position,
/// non-empty titles and lines within the source. Ids that match their
/// positions are unique, so the duplicate check runs only once an id is off.
pub fn validate(plan: &Plan, name: &str) -> Result<(), LoadError> {
    validate_items(|| plan.items(), plan.source_lines, name)
}

/// [`validate`], for any walk of a plan's items (`items` is walked a second
/// time only to tell a duplicate id from a misplaced one).
pub fn validate_items<'a, I>(
    items: impl Fn() -> I,
    source_lines: usize,
    name: &str,
) -> Result<(), LoadError>
where
    I: Iterator<Item = Item<'a>>,
{
    let inconsistent = |id: &str, problem: String| LoadError::Inconsistent {
        path: name.to_string(),
        id: id.to_string(),
        problem,
    };
    let mut expected = String::new();
    let (mut area_id, mut task_id) = ("", "");
    for item in items() {
        let (parent, n, what) = match item.target {
            _ if item.kind == ItemKind::Project => continue,
            ItemRef::Area(a) => (None, a + 1, "title"),
            ItemRef::Task(_, t) => (Some(area_id), t + 1, "title"),
            ItemRef::Commitment(_, _, c) => (Some(task_id), c + 1, "text"),
        };
        let id = item.id;
        expected.clear();
        if let Some(parent) = parent {
            expected.push_str(parent);
            expected.push('.');
        }
        expected.push_str(&n.to_string());
        if id != expected {
            if id_occurs_twice(items(), id) {
                return Err(LoadError::DuplicateId {
                    path: name.to_string(),
                    id: id.to_string(),
                });
            }
            return Err(inconsistent(
                id,
                format!("id does not match its position (expected {expected})"),
            ));
        }
        if item.line == 0 {
            return Err(inconsistent(id, "line 0 (lines are 1-based)".into()));
        }
        if source_lines > 0 && item.line > source_lines {
            return Err(inconsistent(
                id,
                format!(
                    "line {} is beyond the source's {source_lines} lines",
                    item.line
                ),
            ));
        }
        if item.text.trim().is_empty() {
            return Err(inconsistent(id, format!("empty {what}")));
        }
        match item.target {
            ItemRef::Area(_) => area_id = id,
            ItemRef::Task(..) => task_id = id,
            ItemRef::Commitment(..) => {}
        }
    }
    Ok(())
}

/// True when `id` is the id of more than one area, task or commitment.
fn id_occurs_twice<'a>(items: impl Iterator<Item = Item<'a>>, id: &str) -> bool {
    items
        .filter(|item| item.kind != ItemKind::Project && item.id == id)
        .nth(1)
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The items of a plan, owned, for comparing the two loaders.
    fn owned<'a>(
        items: impl Iterator<Item = Item<'a>>,
    ) -> Vec<(ItemRef, ItemKind, String, String, usize)> {
        items
            .map(|i| {
                (
                    i.target,
                    i.kind,
                    i.id.to_string(),
                    i.text.to_string(),
                    i.line,
                )
            })
            .collect()
    }

    /// Both loaders on the same bytes: the same items, or the same error.
    fn agree(bytes: &[u8]) -> Result<usize, String> {
        let plan = parse_plan(bytes, "p.json").map(|p| owned(p.items()));
        let view = parse_view(bytes, "p.json").map(|v| owned(v.items()));
        let plan = plan.map_err(|e| e.to_string());
        let view = view.map_err(|e| e.to_string());
        assert_eq!(plan, view, "on {}", String::from_utf8_lossy(bytes));
        plan.map(|items| items.len())
    }

    const GOOD: &str = r#"{"title": "T", "source": "s.txt", "source_lines": 9,
        "intro": [{"line": 1, "text": "引言"}],
        "areas": [{"id": "1", "title": "区域", "line": 2, "tasks": [
            {"id": "1.1", "title": "任务", "line": 3, "lead": true, "commitments": [
                {"id": "1.1.1", "text": "建成\"泸古高速\"\u6cf8。", "line": 3,
                 "targets": [{"value": 2100, "unit": "亿元", "qualifier": null,
                              "text": "2100亿元", "subject": "总投资", "start": 2}],
                 "projects": ["泸古高速", "\u6cf8州港"]}]}]}]}"#;

    #[test]
    fn the_view_reads_the_same_items_as_the_plan() {
        assert_eq!(agree(GOOD.as_bytes()), Ok(5));
        assert!(agree(EMBEDDED_PLAN.as_bytes()).is_ok_and(|n| n > 100));
        let view = parse_view(GOOD.as_bytes(), "p.json").unwrap_or_else(|e| panic!("{e}"));
        let texts: Vec<&str> = view.items().map(|i| i.text).collect();
        assert_eq!(texts[2], "建成\"泸古高速\"泸。");
        assert_eq!(texts[4], "泸州港");
    }

    #[test]
    fn the_view_rejects_what_the_plan_rejects_with_the_same_error() {
        let cases: &[(&str, &str)] = &[
            ("\"title\": \"T\"", "\"title\": 7"),
            ("\"value\": 2100", "\"value\": \"2100\""),
            ("\"qualifier\": null", "\"qualifier\": 1"),
            ("\"subject\": \"总投资\"", "\"subject\": []"),
            ("\"start\": 2", "\"start\": -2"),
            ("\"text\": \"引言\"", "\"text\": false"),
            ("\"lead\": true", "\"lead\": \"yes\""),
            ("[\"泸古高速\", \"\\u6cf8州港\"]", "[\"泸古高速\", 3]"),
            ("\"id\": \"1.1\"", "\"id\": \"1.2\""),
            ("\"id\": \"1.1.1\"", "\"id\": \"1.1\""),
            ("\"line\": 3,\n", "\"line\": 0,\n"),
            ("\"line\": 2", "\"line\": 10"),
            ("\"title\": \"任务\"", "\"title\": \" \""),
            ("\"source\": \"s.txt\",", "\"source\": \"s.txt\""),
            ("\"areas\": [", "\"zones\": ["),
        ];
        for (from, to) in cases {
            assert!(GOOD.contains(from), "{from}");
            let bad = GOOD.replacen(from, to, 1);
            assert!(agree(bad.as_bytes()).is_err(), "accepted {to}");
        }
        let mut broken = GOOD.as_bytes().to_vec();
        let at = GOOD.find("区域").unwrap_or(0);
        broken[at] = 0xFF;
        assert!(agree(&broken).is_err());
    }
}
