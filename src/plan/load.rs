//! Reading and validating a plan file, with errors that name the place at fault.

use std::path::Path;

use super::error::LoadError;
use super::item::{Item, ItemKind, ItemRef};
use super::model::Plan;
use crate::files::{DEFAULT_MAX_SIZE, read_limited};

/// The plan built from seeds/luzhou-2026-work-report.txt, embedded in the binary.
pub const EMBEDDED_PLAN: &str = include_str!("../../data/luzhou-2026.json");
pub const EMBEDDED_NAME: &str = "data/luzhou-2026.json";

/// Loads the embedded plan.
pub fn load_embedded() -> Result<Plan, LoadError> {
    parse_plan(EMBEDDED_PLAN.as_bytes(), EMBEDDED_NAME)
}

/// Reads and validates a plan file of at most [`DEFAULT_MAX_SIZE`] bytes.
pub fn load_file(path: &Path) -> Result<Plan, LoadError> {
    load_file_limited(path, DEFAULT_MAX_SIZE)
}

/// Reads and validates a plan file of at most `max_size` bytes. A large
/// file is read a chunk at a time (see [`chunks`](super::chunks)), so its
/// bytes and its plan are never all in memory at once; on any fault it is
/// read again whole, which locates the fault.
pub fn load_file_limited(path: &Path, max_size: u64) -> Result<Plan, LoadError> {
    if let Some(plan) = super::chunks::read_plan(path, max_size) {
        validate(&plan, &path.display().to_string())?;
        return Ok(plan);
    }
    let (bytes, name) = read_file(path, max_size)?;
    parse_plan(&bytes, &name)
}

/// A plan file's bytes, and its name for error messages. A file larger than
/// `max_size` is refused without being read whole. A byte order mark, which
/// editors on Windows add, is blanked out: it becomes JSON whitespace of the
/// same length, so every position an error names stays true.
pub fn read_file(path: &Path, max_size: u64) -> Result<(Vec<u8>, String), LoadError> {
    let name = path.display().to_string();
    match read_limited(path, max_size) {
        Ok(mut bytes) => {
            if bytes.starts_with(BOM) {
                bytes[..BOM.len()].fill(b' ');
            }
            Ok((bytes, name))
        }
        Err(source) => Err(LoadError::Read { path: name, source }),
    }
}

const BOM: &[u8] = "\u{feff}".as_bytes();

/// True for bytes that are a JSON object, as a plan file is: what `import`
/// uses to tell a plan given by mistake from a report.
pub fn looks_like_plan(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    bytes.trim_ascii_start().starts_with(b"{")
        && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

/// Parses and validates plan JSON; `name` is used in error messages.
pub fn parse_plan(bytes: &[u8], name: &str) -> Result<Plan, LoadError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    // The fast path: a well-formed plan parses straight into structs. Only a
    // failure pays for the slower passes that locate the fault.
    // UTF-8 is checked whole, with SIMD, rather than string by string as
    // serde_json checks a byte slice.
    let plan = match simdutf8::basic::from_utf8(bytes).map(serde_json::from_str::<Plan>) {
        Ok(Ok(plan)) => plan,
        _ => return Err(locate_error(bytes, name)),
    };
    validate(&plan, name)?;
    Ok(plan)
}

/// Finds what is wrong with plan JSON that did not parse: a syntax error with
/// its line and column, or the path of the field of the wrong shape.
fn locate_error(bytes: &[u8], name: &str) -> LoadError {
    let path = name.to_string();
    // Text that does not even start like JSON is most likely a report.
    if bytes
        .trim_ascii_start()
        .first()
        .is_some_and(|b| !b"{[\"-0123456789tfn".contains(b))
    {
        return LoadError::NotJson { path };
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        let (line, column) = super::text::utf8_error_position(bytes, &e);
        return LoadError::NotUtf8 { path, line, column };
    }
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
