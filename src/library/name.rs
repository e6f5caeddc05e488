//! Plan names: what a name in the library may be, and the default name of an
//! imported plan, made from its place and year by rule.

use std::fmt;

use pinyin::ToPinyin;

use crate::plan::Plan;

/// A name a plan is kept under in the library: its file is `NAME.json`.
/// Checked so that no name reaches outside the library folder or hides.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlanName(String);

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("invalid plan name \"\": a name cannot be empty")]
    Empty,
    #[error("invalid plan name {0:?}: a name cannot start with a dot")]
    Hidden(String),
    #[error("invalid plan name {0:?}: a name cannot contain \"..\"")]
    DotDot(String),
    #[error("invalid plan name {name:?}: a name cannot contain {what}")]
    Forbidden { name: String, what: &'static str },
    #[error("invalid plan name {0:?}: a name cannot start or end with a space")]
    Padded(String),
    #[error("invalid plan name {0:?}: a name has at most {MAX_NAME_CHARS} characters")]
    TooLong(String),
}

/// Longest name, in characters: file systems allow 255 bytes, and a
/// character of Chinese takes three.
pub const MAX_NAME_CHARS: usize = 64;

impl PlanName {
    /// Checks `name`: not empty, not hidden (a leading dot), no `..`, no path
    /// separator, none of the characters Windows forbids in a file name, no
    /// control character, no space at either end, at most
    /// [`MAX_NAME_CHARS`] characters.
    pub fn new(name: &str) -> Result<PlanName, NameError> {
        if name.is_empty() {
            return Err(NameError::Empty);
        }
        let owned = || name.to_string();
        if let Some(what) = forbidden(name) {
            return Err(NameError::Forbidden {
                name: owned(),
                what,
            });
        }
        if name.contains("..") {
            return Err(NameError::DotDot(owned()));
        }
        if name.starts_with('.') {
            return Err(NameError::Hidden(owned()));
        }
        if name.trim() != name {
            return Err(NameError::Padded(owned()));
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(NameError::TooLong(owned()));
        }
        Ok(PlanName(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The plan file's name in the library folder.
    pub fn file_name(&self) -> String {
        format!("{}.json", self.0)
    }
}

impl fmt::Display for PlanName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What in `name` makes it unusable as a file name, if anything.
fn forbidden(name: &str) -> Option<&'static str> {
    name.chars().find_map(|c| match c {
        '/' | '\\' => Some("a path separator"),
        ':' | '*' | '?' | '"' | '<' | '>' | '|' => {
            Some("any of the characters : * ? \" < > | (file systems refuse them)")
        }
        c if c.is_control() => Some("a control character"),
        _ => None,
    })
}

/// The name a plan is saved under when the user gives none: its place and
/// year, such as `lincheng-2027`. The place is read by rule from the title
/// (the Chinese place before the year or before 政府工作报告, in toneless
/// pinyin; or the latin words before a year in a title made from a file
/// name), and the year from the title, the source's file name or the
/// introduction. Without a place, the source file's stem is the name.
pub fn default_name(plan: &Plan) -> PlanName {
    let stem = file_stem(&plan.source);
    let place = place_of(&plan.title).or_else(|| place_of(stem));
    let year = plan_year(plan);
    let name = match (place, year) {
        (Some(place), Some(year)) => format!("{place}-{year}"),
        (Some(place), None) => place,
        (None, _) => slug(stem),
    };
    PlanName::new(&name).unwrap_or_else(|_| PlanName("plan".to_string()))
}

/// The year a plan is for: the importer's `year`, else the first year (a
/// four-digit number from 1949 to 2199) written in its title, in its
/// source's file name, or before 年 in its introduction.
pub fn plan_year(plan: &Plan) -> Option<u32> {
    plan.year
        .or_else(|| first_year(&plan.title, false))
        .or_else(|| first_year(file_stem(&plan.source), false))
        .or_else(|| plan.intro.iter().find_map(|l| first_year(&l.text, true)))
}

fn file_stem(source: &str) -> &str {
    let base = source.rsplit(['/', '\\']).next().unwrap_or(source);
    match base.rfind('.') {
        Some(dot) if dot > 0 => &base[..dot],
        _ => base,
    }
}

/// Where each run of ASCII digits in `text` starts and ends (byte offsets).
fn digit_runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + bytes.get(at..)?.iter().position(u8::is_ascii_digit)?;
        let len = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(bytes.len() - start);
        at = start + len;
        Some((start, at))
    })
}

fn as_year(digits: &str) -> Option<u32> {
    let year: u32 = digits.parse().ok()?;
    (digits.len() == 4 && (1949..=2199).contains(&year)).then_some(year)
}

/// The first year in `text`: four digits followed by 年, or, unless
/// `before_nian`, by anything but another Chinese character (2026-, 2026
/// or the end, but not 2100亿元).
fn first_year(text: &str, before_nian: bool) -> Option<u32> {
    year_at(text, before_nian).map(|(_, year)| year)
}

/// [`first_year`], with the byte offset where it starts.
fn year_at(text: &str, before_nian: bool) -> Option<(usize, u32)> {
    digit_runs(text).find_map(|(start, end)| {
        let year = as_year(&text[start..end])?;
        let next = text[end..].chars().next();
        let ok = next == Some('年') || (!before_nian && !next.is_some_and(is_han));
        ok.then_some((start, year))
    })
}

/// Administrative words that end a place name but are not part of it.
const PLACE_SUFFIXES: &[&str] = &["人民政府", "政府", "市", "县", "区", "省"];

/// The place a title names, as a lowercase latin slug. In Chinese: the
/// Chinese run just before the first year, or the one just before
/// 政府工作报告, less an administrative suffix (市, 县, 区, 省, 政府), in
/// pinyin. In latin (a title made from a file name, luzhou-2026-…): the
/// words before the first year.
fn place_of(title: &str) -> Option<String> {
    let before_year = year_at(title, false).map(|(start, _)| &title[..start]);
    let chinese = before_year.and_then(trailing_han).or_else(|| {
        title
            .find("政府工作报告")
            .and_then(|at| trailing_han(&title[..at]))
    });
    if let Some(place) = chinese {
        let mut place = place;
        while let Some(shorter) = PLACE_SUFFIXES.iter().find_map(|s| place.strip_suffix(s)) {
            place = shorter;
        }
        let latin = slug(&to_pinyin(place));
        return (!latin.is_empty()).then_some(latin);
    }
    let latin = slug(before_year?);
    (!latin.is_empty()).then_some(latin)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// The run of Chinese characters (and latin letters, for a place such as
/// XX市 in a made-up report) that `text` ends with, after any spaces and
/// punctuation; None when it is empty.
fn trailing_han(text: &str) -> Option<&str> {
    let text = text.trim_end_matches(|c: char| !is_han(c) && !c.is_alphanumeric());
    let start = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_han(c) || c.is_ascii_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    let mut run = &text[start..];
    // 2026年白石县: the 年 belongs to the year, not to the place.
    if text[..start].ends_with(|c: char| c.is_ascii_digit()) {
        run = run.strip_prefix('年').unwrap_or(run);
    }
    run.chars().any(is_han).then_some(run)
}

/// Chinese characters in toneless pinyin, run together; other characters
/// as they are.
fn to_pinyin(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_pinyin() {
            Some(p) => p.plain().to_string(),
            None => c.to_string(),
        })
        .collect()
}

/// Lowercase ASCII letters and digits, with a single `-` for each run of
/// anything else, none at either end.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_escape_hide_or_vanish_are_refused() {
        for (bad, why) in [
            ("", "empty"),
            ("../x", "separator"),
            ("a/b", "separator"),
            ("a\\b", "separator"),
            (".x", "dot"),
            ("..", ".."),
            ("x..y", ".."),
            ("a\nb", "control"),
            (" x", "space"),
            ("x ", "space"),
            ("a:b", "refuse"),
        ] {
            let err = PlanName::new(bad).unwrap_err().to_string();
            assert!(err.contains(why), "{bad:?}: {err}");
            assert!(!err.contains('\n'), "one line: {err:?}");
        }
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        assert!(PlanName::new(&long).is_err());
        for good in ["lincheng-2027", "青川 2026", "x.y", "a_b", &"x".repeat(64)] {
            assert_eq!(PlanName::new(good).unwrap().as_str(), good);
        }
    }

    fn plan(title: &str, source: &str, intro: &[&str]) -> Plan {
        Plan {
            title: title.into(),
            source: source.into(),
            year: None,
            source_lines: 0,
            intro: intro
                .iter()
                .enumerate()
                .map(|(i, t)| crate::plan::model::Passage {
                    line: i + 1,
                    text: t.to_string(),
                })
                .collect(),
            areas: vec![],
            closing: vec![],
            asides: vec![],
        }
    }

    #[test]
    fn the_default_name_is_place_and_year_read_by_rule() {
        let cases = [
            ("青川市2027年政府工作报告", "a.txt", "qingchuan-2027"),
            ("2026年白石县政府工作报告", "a.txt", "baishi-2026"),
            ("XX市2027年政府工作报告", "a.txt", "xx-2027"),
            ("白石县人民政府政府工作报告", "r-2025.txt", "baishi-2025"),
            (
                "lincheng-2026-work-report",
                "lincheng-2026-work-report.txt",
                "lincheng-2026",
            ),
            ("my notes", "dir/My Notes (draft).txt", "my-notes-draft"),
        ];
        for (title, source, expected) in cases {
            let name = default_name(&plan(title, source, &[]));
            assert_eq!(name.as_str(), expected, "{title} / {source}");
        }
        let from_intro = plan("notes", "notes.txt", &["回顾2026年政府工作报告,今年……"]);
        assert_eq!(plan_year(&from_intro), Some(2026));
        assert_eq!(default_name(&from_intro).as_str(), "notes");
        // The importer's year comes first.
        let dated = Plan {
            year: Some(2031),
            ..plan("青川市2027年政府工作报告", "a.txt", &[])
        };
        assert_eq!(default_name(&dated).as_str(), "qingchuan-2031");
    }

    #[test]
    fn numbers_that_are_not_years_are_not_years() {
        let p = plan("完成投资2100亿元", "x.txt", &["新建12345个", "共800年"]);
        assert_eq!(plan_year(&p), None);
        assert_eq!(default_name(&p).as_str(), "x");
    }
}
