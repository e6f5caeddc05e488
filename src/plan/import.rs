//! The importer: report text to a structured [`Plan`], by layout rules that do
//! not depend on any one report.
//!
//! A line is either a heading (it has no sentence mark at all) or a paragraph.
//! Headings open areas, or tasks when they are subheadings (numbered (一), or
//! followed by enumerated points 一是, 二是 …). Paragraphs open tasks when they
//! start with a short lead sentence, continue the task above when they are a
//! single terse sentence, or stand as a task titled by their first clause; the
//! first paragraph of an area that has no lead sentence is the area's own lead.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::error::ImportError;
use super::model::{Area, Commitment, IntroLine, Plan, Task};
use super::text::{
    char_len, ends_sentence, first_clause, has_clause_break, sentences, strip_sentence_end,
};
use super::{projects, targets};
use crate::files::{DEFAULT_MAX_SIZE, read_limited};

/// A lead sentence longer than this (in characters) is not a task's name. A lead
/// names a task: one with digits in it states a quantity, so it is a commitment.
const LEAD_MAX_CHARS: usize = 24;

/// Reads a report file of at most [`DEFAULT_MAX_SIZE`] bytes and imports it.
pub fn import_file(path: &Path) -> Result<Plan, ImportError> {
    import_file_limited(path, DEFAULT_MAX_SIZE)
}

/// Reads a report file of at most `max_size` bytes and imports it; errors
/// name the file. A plan file given by mistake is refused, not imported.
pub fn import_file_limited(path: &Path, max_size: u64) -> Result<Plan, ImportError> {
    let bytes = read_limited(path, max_size).map_err(|source| ImportError::Read {
        path: path.display().to_string(),
        source,
    })?;
    if super::load::looks_like_plan(&bytes) {
        return Err(ImportError::PlanGiven {
            path: path.display().to_string(),
        });
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    import_bytes(&bytes, &name).map_err(|e| e.with_path(&path.display().to_string()))
}

/// Imports report bytes, which must be UTF-8.
pub fn import_bytes(bytes: &[u8], source: &str) -> Result<Plan, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = super::text::utf8_error_position(bytes, &e);
        ImportError::NotUtf8 {
            path: source.to_string(),
            line,
            column,
        }
    })?;
    import_text(text, source)
}

/// Imports report text. `source` is the report's file name, kept in the plan.
pub fn import_text(text: &str, source: &str) -> Result<Plan, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty {
            path: source.to_string(),
        });
    }
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.nfc().collect::<String>().trim().to_string())
        .collect();
    let blocks = blocks(&lines);
    if !blocks.iter().any(|b| matches!(b, Block::Heading { .. })) {
        return Err(ImportError::NoHeadings {
            path: source.to_string(),
        });
    }
    let numbered = blocks.iter().any(|b| {
        matches!(
            b,
            Block::Heading {
                marker: Some(Marker::Chapter),
                ..
            }
        )
    });
    let mut document_title = None;
    let mut builder = Builder {
        numbered,
        ..Builder::default()
    };
    for (k, block) in blocks.into_iter().enumerate() {
        // In a numbered report, an unnumbered heading on the first line is the
        // document's own title.
        if let (
            true,
            0,
            Block::Heading {
                marker: None, text, ..
            },
        ) = (numbered, k, &block)
        {
            document_title = Some(text.clone());
            continue;
        }
        builder.push(block);
    }
    let title = document_title.unwrap_or_else(|| {
        Path::new(source)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| source.to_string())
    });
    Ok(Plan {
        title,
        source: source.to_string(),
        source_lines: lines.len(),
        intro: builder.intro,
        areas: builder.areas,
    })
}

/// Numbering that opens a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// 一、
    Chapter,
    /// (一)
    Section,
    /// 1. or 1、 or (1)
    Item,
    /// 一是, 二是 …
    Point,
}

#[derive(Debug)]
enum Block<'a> {
    Heading {
        marker: Option<Marker>,
        text: String,
        line: usize,
        /// The next line is an enumerated point.
        before_points: bool,
    },
    Paragraph {
        marker: Option<Marker>,
        text: &'a str,
        line: usize,
    },
}

const CHINESE_DIGITS: &[char] = &[
    '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '零', '〇', '两',
];

fn take_while_in(text: &str, pred: impl Fn(char) -> bool) -> (&str, &str) {
    let end = text
        .char_indices()
        .find(|&(_, c)| !pred(c))
        .map_or(text.len(), |(i, _)| i);
    text.split_at(end)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{ff10}'..='\u{ff19}').contains(&c)
}

/// Splits a leading numbering marker off a line. Points keep their marker in the
/// text (一是… reads as part of the sentence); other markers are removed. A
/// marker with nothing after it is not a marker: the line stays as written.
fn split_marker(line: &str) -> (Option<Marker>, &str) {
    match find_marker(line) {
        (Some(_), body) if body.trim().is_empty() => (None, line),
        found => found,
    }
}

fn find_marker(line: &str) -> (Option<Marker>, &str) {
    let (numerals, rest) = take_while_in(line, |c| CHINESE_DIGITS.contains(&c));
    if !numerals.is_empty() && char_len(numerals) <= 3 {
        if let Some(body) = rest.strip_prefix('、') {
            return (Some(Marker::Chapter), body.trim_start());
        }
        if rest.starts_with('是') && char_len(rest) > 1 {
            return (Some(Marker::Point), line);
        }
    }
    for (open, close) in [('(', ')'), ('\u{ff08}', '\u{ff09}')] {
        if let Some(inner) = line.strip_prefix(open) {
            let (numerals, rest) = take_while_in(inner, |c| CHINESE_DIGITS.contains(&c));
            if !numerals.is_empty()
                && char_len(numerals) <= 3
                && let Some(body) = rest.strip_prefix(close)
            {
                return (Some(Marker::Section), body.trim_start());
            }
            let (digits, rest) = take_while_in(inner, is_digit);
            if !digits.is_empty()
                && digits.len() <= 9
                && let Some(body) = rest.strip_prefix(close)
            {
                return (Some(Marker::Item), body.trim_start());
            }
        }
    }
    let (digits, rest) = take_while_in(line, is_digit);
    if !digits.is_empty() && digits.len() <= 9 {
        for sep in ['.', '、', '\u{ff0e}'] {
            if let Some(body) = rest.strip_prefix(sep)
                && !body.starts_with(is_digit)
                && !body.trim().is_empty()
            {
                return (Some(Marker::Item), body.trim_start());
            }
        }
    }
    (None, line)
}

/// Classifies non-blank lines and joins headings that span two lines.
fn blocks(lines: &[String]) -> Vec<Block<'_>> {
    let classified: Vec<(usize, Option<Marker>, &str, bool)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .map(|(i, l)| {
            let (marker, body) = split_marker(l);
            let heading = is_heading(l) && marker != Some(Marker::Point);
            (i + 1, marker, body, heading)
        })
        .collect();
    let mut out: Vec<Block> = Vec::new();
    for (k, &(line, marker, body, heading)) in classified.iter().enumerate() {
        let before_points = classified
            .get(k + 1)
            .is_some_and(|next| next.1 == Some(Marker::Point));
        if !heading {
            out.push(Block::Paragraph {
                marker,
                text: body,
                line,
            });
            continue;
        }
        let joins_previous = marker.is_none()
            && !before_points
            && k > 0
            && classified[k - 1].0 + 1 == line
            && matches!(out.last(), Some(Block::Heading { marker: None, .. }));
        if joins_previous {
            if let Some(Block::Heading {
                text,
                before_points: bp,
                ..
            }) = out.last_mut()
            {
                join_heading(text, body);
                *bp = before_points;
            }
            continue;
        }
        out.push(Block::Heading {
            marker,
            text: body.to_string(),
            line,
            before_points,
        });
    }
    out
}

/// A heading has no sentence mark anywhere: a paragraph that lost its final
/// full stop still has marks inside it.
fn is_heading(line: &str) -> bool {
    !ends_sentence(line)
        && !strip_sentence_end(line)
            .chars()
            .any(super::text::is_sentence_end)
}

fn join_heading(text: &mut String, next: &str) {
    let ascii_seam = text
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if ascii_seam {
        text.push(' ');
    }
    text.push_str(next);
}

/// What the task that is open came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TaskOrigin {
    /// A subheading: paragraphs under it are its commitments.
    Heading,
    /// A paragraph.
    Paragraph,
}

#[derive(Default)]
struct Builder {
    /// The report numbers its chapters (一、): only they open areas.
    numbered: bool,
    intro: Vec<IntroLine>,
    areas: Vec<Area>,
    origin: Option<TaskOrigin>,
}

impl Builder {
    fn push(&mut self, block: Block) {
        match block {
            Block::Heading {
                marker,
                text,
                line,
                before_points,
            } => {
                let subheading = !self.areas.is_empty()
                    && (matches!(marker, Some(Marker::Section | Marker::Item))
                        || (marker.is_none() && (before_points || self.numbered)));
                if self.numbered && self.areas.is_empty() && marker != Some(Marker::Chapter) {
                    self.intro.push(IntroLine { line, text });
                } else if subheading {
                    self.open_task(text, line, false, TaskOrigin::Heading);
                } else {
                    self.open_area(text, line);
                }
            }
            Block::Paragraph { marker, text, line } => {
                if self.areas.is_empty() {
                    self.intro.push(IntroLine {
                        line,
                        text: text.to_string(),
                    });
                } else {
                    self.paragraph(marker, text, line);
                }
            }
        }
    }

    fn open_area(&mut self, title: String, line: usize) {
        let id = (self.areas.len() + 1).to_string();
        self.areas.push(Area {
            id,
            title,
            line,
            tasks: Vec::new(),
        });
        self.origin = None;
    }

    fn open_task(&mut self, title: String, line: usize, lead: bool, origin: TaskOrigin) {
        let Some(area) = self.areas.last_mut() else {
            return;
        };
        let id = format!("{}.{}", area.id, area.tasks.len() + 1);
        area.tasks.push(Task {
            id,
            title,
            line,
            lead,
            commitments: Vec::new(),
        });
        self.origin = Some(origin);
    }

    fn add_commitments(&mut self, sentences: &[&str], line: usize) {
        let Some(task) = self.areas.last_mut().and_then(|a| a.tasks.last_mut()) else {
            return;
        };
        for sentence in sentences {
            let id = format!("{}.{}", task.id, task.commitments.len() + 1);
            task.commitments.push(Commitment {
                id,
                text: sentence.to_string(),
                line,
                targets: targets::extract_targets(sentence),
                projects: projects::extract_projects(sentence),
            });
        }
    }

    fn paragraph(&mut self, marker: Option<Marker>, text: &str, line: usize) {
        let sentences = sentences(text);
        let Some(first) = sentences.first() else {
            return;
        };
        let task_open = self.origin.is_some();
        let continues = match marker {
            Some(Marker::Point) => task_open,
            Some(Marker::Item) | None => self.origin == Some(TaskOrigin::Heading),
            Some(Marker::Section | Marker::Chapter) => false,
        };
        if continues {
            self.add_commitments(&sentences, line);
            return;
        }
        let terse = sentences.len() == 1 && !has_clause_break(first);
        let is_lead = sentences.len() > 1
            && !has_clause_break(first)
            && !first.chars().any(is_digit)
            && char_len(strip_sentence_end(first)) <= LEAD_MAX_CHARS;
        if is_lead {
            self.open_task(
                title_or_sentence(strip_sentence_end(first), first),
                line,
                false,
                TaskOrigin::Paragraph,
            );
            self.add_commitments(&sentences[1..], line);
        } else if terse && task_open && marker.is_none() {
            self.add_commitments(&sentences, line);
        } else {
            let opens_area = self.areas.last().is_some_and(|a| a.tasks.is_empty());
            let lead = opens_area && marker.is_none();
            self.open_task(
                title_or_sentence(first_clause(first), first),
                line,
                lead,
                TaskOrigin::Paragraph,
            );
            self.add_commitments(&sentences, line);
        }
    }
}

/// A title is never empty: a sentence of bare punctuation titles itself.
fn title_or_sentence(title: &str, sentence: &str) -> String {
    if title.trim().is_empty() {
        sentence.to_string()
    } else {
        title.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_recognised() {
        assert_eq!(
            split_marker("一、总体要求"),
            (Some(Marker::Chapter), "总体要求")
        );
        assert_eq!(
            split_marker("(二)扩大内需"),
            (Some(Marker::Section), "扩大内需")
        );
        assert_eq!(
            split_marker("(三)扩大内需"),
            (Some(Marker::Section), "扩大内需")
        );
        assert_eq!(split_marker("3.推进A。"), (Some(Marker::Item), "推进A。"));
        assert_eq!(split_marker("(4)推进A。"), (Some(Marker::Item), "推进A。"));
        assert_eq!(
            split_marker("一是坚持。"),
            (Some(Marker::Point), "一是坚持。")
        );
        assert_eq!(split_marker("31.3万亩。"), (None, "31.3万亩。"));
        assert_eq!(split_marker("一批项目。"), (None, "一批项目。"));
    }

    #[test]
    fn headings_have_no_sentence_marks() {
        assert!(is_heading("以链带面、强链聚群,做大做强制造业"));
        assert!(!is_heading("推进A。实施B"));
        assert!(!is_heading("推进A。"));
    }
}
