//! The build step: a small state machine that turns classified lines into
//! parts → areas → tasks → commitments, gives each area its kind, and notes
//! for every line what it became and by which rule.

use super::classify::{Classified, Role, is_address};
use super::kinds::{heading_kind, looks_back};
use super::marker::Marker;
use crate::plan::extract::extract;
use crate::plan::extract::states_quantity;
use crate::plan::lexicon::is_digit;
use crate::plan::model::{Area, AreaKind, Commitment, Passage, Task};
use crate::plan::text::{
    char_len, first_clause, has_clause_break, is_clause_end, is_sentence_end, sentences,
    strip_sentence_end,
};

/// A lead sentence longer than this (in characters) is not a task's name. A
/// lead names a task: one with digits in it states a quantity, so it is a
/// commitment.
const LEAD_MAX_CHARS: usize = 24;

/// A lead inside a paragraph is shorter than this, unless two or more
/// sentences follow it.
const INLINE_LEAD_MAX_CHARS: usize = 12;

/// Words that open an ordinary sentence, never a task's lead.
const NON_LEAD_OPENERS: &[&str] = &[
    "我们",
    "我",
    "这",
    "那",
    "其中",
    "同时",
    "但",
    "然而",
    "因此",
    "为此",
    "对此",
    "此外",
    "另外",
    "总之",
    "目前",
    "当前",
    "现在",
    "今年",
    "去年",
    "过去",
    "一年来",
    "五年来",
];

/// What a line became, as `import --explain` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRole {
    Title,
    Intro,
    Part,
    Area,
    Task,
    Commitment,
    TargetListItem,
    Aside,
    Closing,
}

impl LineRole {
    pub fn as_str(self) -> &'static str {
        match self {
            LineRole::Title => "title",
            LineRole::Intro => "intro",
            LineRole::Part => "part",
            LineRole::Area => "area",
            LineRole::Task => "task",
            LineRole::Commitment => "commitment",
            LineRole::TargetListItem => "target list item",
            LineRole::Aside => "aside",
            LineRole::Closing => "closing",
        }
    }
}

/// Why a line became what it did: the classify rule, then the build rule,
/// and for parts and areas the rule that gave their kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineExplanation {
    pub line: usize,
    pub role: LineRole,
    pub rules: Vec<&'static str>,
    /// The kind of a part or area.
    pub kind: Option<AreaKind>,
}

/// What the task that is open came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TaskOrigin {
    /// A subheading: paragraphs under it are its commitments.
    Heading,
    /// A paragraph.
    Paragraph,
    /// An enumerated point (一是…) that opened a task of its own, having
    /// none to go on: the points after it are its siblings, not its part.
    Point,
}

/// What opened the area that is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AreaOrigin {
    Section,
    Heading,
    Part,
    NoHeadings,
}

struct PartState {
    /// As written, with its number: 三、2026年工作安排.
    heading: String,
    /// Without its number.
    title: String,
    line: usize,
    kind: AreaKind,
    areas: usize,
}

/// Where the last heading went, so that its second line can follow it.
#[derive(Debug, Clone, Copy)]
enum LastHeading {
    Title,
    Part,
    Area,
    Task,
    Intro,
}

/// The built plan, less its title and source.
#[derive(Default)]
pub(crate) struct Built {
    pub title: Option<String>,
    pub intro: Vec<Passage>,
    pub areas: Vec<Area>,
    pub closing: Vec<Passage>,
    pub asides: Vec<Passage>,
    pub explanations: Vec<LineExplanation>,
    /// True when the report had no heading, part or section at all.
    pub no_headings: bool,
}

pub(crate) fn build(lines: &[Classified], year: Option<u32>, fallback_title: &str) -> Built {
    let has_structure = lines
        .iter()
        .any(|c| matches!(c.role, Role::Part | Role::Section | Role::Heading { .. }));
    let mut b = Builder {
        year,
        has_parts: lines.iter().any(|c| c.role == Role::Part),
        has_structure,
        fallback_title: fallback_title.to_string(),
        out: Built {
            no_headings: !has_structure,
            ..Built::default()
        },
        part: None,
        area_origin: None,
        task_origin: None,
        last_heading: None,
    };
    for c in lines {
        b.push(c);
    }
    b.close_part();
    b.out
}

struct Builder {
    year: Option<u32>,
    has_parts: bool,
    has_structure: bool,
    fallback_title: String,
    out: Built,
    part: Option<PartState>,
    area_origin: Option<AreaOrigin>,
    task_origin: Option<TaskOrigin>,
    last_heading: Option<LastHeading>,
}

impl Builder {
    fn explain(&mut self, line: usize, role: LineRole, rules: &[&'static str]) {
        self.out.explanations.push(LineExplanation {
            line,
            role,
            rules: rules.to_vec(),
            kind: None,
        });
    }

    fn explain_kind(
        &mut self,
        line: usize,
        role: LineRole,
        rules: &[&'static str],
        kind: AreaKind,
    ) {
        self.explain(line, role, rules);
        if let Some(e) = self.out.explanations.last_mut() {
            e.kind = Some(kind);
        }
    }

    fn push(&mut self, c: &Classified) {
        let passage = || Passage {
            line: c.line,
            text: c.text.to_string(),
        };
        match c.role {
            Role::Aside => {
                self.out.asides.push(passage());
                self.explain(c.line, LineRole::Aside, &[c.rule]);
            }
            Role::Title if self.out.title.is_none() => {
                self.out.title = Some(c.text.to_string());
                self.last_heading = Some(LastHeading::Title);
                self.explain(c.line, LineRole::Title, &[c.rule]);
            }
            Role::Title | Role::Meeting | Role::Speaker | Role::Salutation => {
                self.out.intro.push(passage());
                self.explain(c.line, LineRole::Intro, &[c.rule]);
            }
            Role::Closing => {
                self.out.closing.push(passage());
                self.explain(c.line, LineRole::Closing, &[c.rule]);
            }
            Role::Part => self.open_part(c),
            Role::Section => self.section(c),
            Role::Heading { before_points } => self.heading(c, before_points),
            Role::HeadingContinued => self.continue_heading(c),
            Role::Paragraph | Role::ListItem | Role::Point => self.content(c),
        }
    }

    fn open_part(&mut self, c: &Classified) {
        self.close_part();
        let title = strip_sentence_end(c.body).to_string();
        let (kind, rule) =
            heading_kind(&title, self.year).unwrap_or((AreaKind::Plan, "default-plan"));
        self.part = Some(PartState {
            heading: c.text.to_string(),
            title,
            line: c.line,
            kind,
            areas: 0,
        });
        self.area_origin = None;
        self.task_origin = None;
        self.last_heading = Some(LastHeading::Part);
        self.explain_kind(c.line, LineRole::Part, &[c.rule, rule], kind);
    }

    /// A part that held no area becomes one, so that its heading is kept.
    fn close_part(&mut self) {
        if let Some(part) = self.part.take()
            && part.areas == 0
        {
            let (title, line) = (part.title.clone(), part.line);
            self.part = Some(part);
            self.open_area(title, line, None, AreaOrigin::Part);
            self.part = None;
        }
    }

    /// Opens an area under the part that is open, of the part's kind, or of
    /// the kind its own wording gives when there is no part.
    fn open_area(
        &mut self,
        title: String,
        line: usize,
        own_kind: Option<(AreaKind, &'static str)>,
        origin: AreaOrigin,
    ) -> (AreaKind, &'static str) {
        let (kind, rule, part) = match &mut self.part {
            Some(part) => {
                part.areas += 1;
                (part.kind, "kind-of-part", Some(part.heading.clone()))
            }
            None => {
                let (kind, rule) = own_kind.unwrap_or((AreaKind::Plan, "default-plan"));
                (kind, rule, None)
            }
        };
        let id = (self.out.areas.len() + 1).to_string();
        self.out.areas.push(Area {
            id,
            title,
            line,
            kind,
            part,
            tasks: Vec::new(),
        });
        self.area_origin = Some(origin);
        self.task_origin = None;
        (kind, rule)
    }

    fn section(&mut self, c: &Classified) {
        let all = sentences(c.body);
        let first = all.first().copied().unwrap_or(c.body);
        let title = title_or_sentence(strip_sentence_end(first), first);
        let own = heading_kind(&title, self.year);
        let (kind, kind_rule) = self.open_area(title, c.line, own, AreaOrigin::Section);
        self.last_heading = Some(LastHeading::Area);
        let rule = if all.len() > 1 {
            "section-opens-paragraph"
        } else {
            c.rule
        };
        self.explain_kind(c.line, LineRole::Area, &[rule, kind_rule], kind);
        if all.len() > 1 {
            // `first` is a slice of the body: the rest of the line follows it.
            let rest_at = first.as_ptr() as usize - c.body.as_ptr() as usize + first.len();
            let rest = c.body.get(rest_at..).unwrap_or_default().trim();
            self.paragraph(None, rest, c.line, true);
        }
    }

    fn heading(&mut self, c: &Classified, before_points: bool) {
        let title = c.text.to_string();
        if self.has_parts && self.part.is_none() && self.out.areas.is_empty() {
            self.out.intro.push(Passage {
                line: c.line,
                text: title,
            });
            self.last_heading = Some(LastHeading::Intro);
            self.explain(c.line, LineRole::Intro, &[c.rule, "before-first-part"]);
            return;
        }
        let inside = self.part.is_some() || self.area_origin == Some(AreaOrigin::Section);
        if before_points || inside {
            let rule = if before_points {
                "subheading"
            } else if self.area_origin == Some(AreaOrigin::Section) {
                "heading-in-section"
            } else {
                "heading-in-part"
            };
            self.ensure_area(c);
            self.open_task(title, c.line, false, TaskOrigin::Heading);
            self.last_heading = Some(LastHeading::Task);
            self.explain(c.line, LineRole::Task, &[c.rule, rule]);
            return;
        }
        let own = heading_kind(&title, self.year);
        let (kind, kind_rule) = self.open_area(title, c.line, own, AreaOrigin::Heading);
        self.last_heading = Some(LastHeading::Area);
        self.explain_kind(
            c.line,
            LineRole::Area,
            &[c.rule, "heading-opens-area", kind_rule],
            kind,
        );
    }

    fn continue_heading(&mut self, c: &Classified) {
        let (role, text): (LineRole, Option<&mut String>) = match self.last_heading {
            Some(LastHeading::Title) => (LineRole::Title, self.out.title.as_mut()),
            Some(LastHeading::Intro) => (
                LineRole::Intro,
                self.out.intro.last_mut().map(|p| &mut p.text),
            ),
            Some(LastHeading::Part) => (LineRole::Part, self.part.as_mut().map(|p| &mut p.title)),
            Some(LastHeading::Area) => (
                LineRole::Area,
                self.out.areas.last_mut().map(|a| &mut a.title),
            ),
            Some(LastHeading::Task) => (
                LineRole::Task,
                self.out
                    .areas
                    .last_mut()
                    .and_then(|a| a.tasks.last_mut())
                    .map(|t| &mut t.title),
            ),
            None => (LineRole::Intro, None),
        };
        match text {
            Some(text) => join_heading(text, c.text),
            None => {
                self.heading(c, false);
                return;
            }
        }
        if let Some(part) = &mut self.part
            && role == LineRole::Part
        {
            join_heading(&mut part.heading, c.text);
        }
        // A heading's kind is read from the whole of it.
        let kind = match role {
            LineRole::Area => self.rekind_last_area(),
            LineRole::Part => self.rekind_part(),
            _ => None,
        };
        self.explain(c.line, role, &[c.rule]);
        if let (Some(e), Some(kind)) = (self.out.explanations.last_mut(), kind) {
            e.kind = Some(kind);
        }
    }

    fn rekind_last_area(&mut self) -> Option<AreaKind> {
        if self.part.is_some() {
            return self.out.areas.last().map(|a| a.kind);
        }
        let year = self.year;
        let area = self.out.areas.last_mut()?;
        if let Some((kind, _)) = heading_kind(&area.title, year) {
            area.kind = kind;
        }
        Some(area.kind)
    }

    fn rekind_part(&mut self) -> Option<AreaKind> {
        let year = self.year;
        let part = self.part.as_mut()?;
        if let Some((kind, _)) = heading_kind(&part.title, year) {
            part.kind = kind;
        }
        Some(part.kind)
    }

    /// Opens an area for content that has none: the part's own, or for a
    /// report with no headings at all, one titled by the plan. In a report
    /// with no headings, a paragraph that looks back on past results opens a
    /// review area of its own, titled by its first clause (过去一年), and the
    /// next paragraph that does not returns to this year's plan: last year's
    /// results are never this year's targets.
    fn ensure_area(&mut self, c: &Classified) -> Option<&'static str> {
        let line = c.line;
        if !self.has_structure && self.part.is_none() {
            // 各位代表!过去一年,… looks back as 过去一年,… does.
            let sentences = sentences(c.body);
            let back =
                c.role == Role::Paragraph && looks_back(opening_clause(&sentences), self.year);
            let kind = if back {
                AreaKind::Review
            } else {
                AreaKind::Plan
            };
            if self.area_origin.is_some() && self.out.areas.last().map(|a| a.kind) == Some(kind) {
                return None;
            }
            if back {
                let title = task_title(&sentences);
                self.open_area(
                    title,
                    line,
                    Some((kind, "looks-back")),
                    AreaOrigin::NoHeadings,
                );
                return Some("no-headings-looks-back");
            }
            if self.area_origin.is_some() {
                // Back from a review area to the plan.
                self.area_origin = None;
            }
        }
        if self.area_origin.is_some() {
            return None;
        }
        if let Some(part) = &self.part {
            let title = part.title.clone();
            let part_line = part.line;
            self.open_area(title, part_line, None, AreaOrigin::Part);
            return Some("part-preamble");
        }
        let title = self
            .out
            .title
            .clone()
            .unwrap_or_else(|| self.fallback_title.clone());
        self.open_area(title, line, None, AreaOrigin::NoHeadings);
        Some("no-headings")
    }

    fn content(&mut self, c: &Classified) {
        if self.area_origin.is_none() && self.part.is_none() && self.has_structure {
            self.out.intro.push(Passage {
                line: c.line,
                text: c.text.to_string(),
            });
            self.explain(c.line, LineRole::Intro, &[c.rule, "before-first-heading"]);
            return;
        }
        let opened = self.ensure_area(c);
        let (role, rule) = match c.role {
            Role::ListItem => self.list_item(c.body, c.line),
            Role::Point if self.points_continue() => {
                self.add_commitments(&sentences(c.body), c.line);
                (LineRole::Commitment, "point-continues-task")
            }
            Role::Point => {
                let made = self.paragraph(c.marker, c.body, c.line, false);
                self.task_origin = Some(TaskOrigin::Point);
                made
            }
            _ => self.paragraph(c.marker, c.body, c.line, false),
        };
        let mut rules = vec![c.rule];
        rules.extend(opened);
        rules.push(rule);
        self.explain(c.line, role, &rules);
    }

    /// Enumerated points go on in the task that introduced them, from a
    /// heading or a paragraph (重点抓好三方面工作:), but not in the task an
    /// earlier point opened: 二是… is 一是…'s sibling.
    fn points_continue(&self) -> bool {
        matches!(
            self.task_origin,
            Some(TaskOrigin::Heading | TaskOrigin::Paragraph)
        )
    }

    fn list_item(&mut self, text: &str, line: usize) -> (LineRole, &'static str) {
        let sentences = sentences(text);
        if self.task_origin.is_some() {
            self.add_commitments(&sentences, line);
            return (LineRole::TargetListItem, "list-continues-task");
        }
        let first = sentences.first().copied().unwrap_or(text);
        let opens_area = self.out.areas.last().is_some_and(|a| a.tasks.is_empty());
        self.open_task(
            title_or_sentence(first_clause(first), first),
            line,
            opens_area,
            TaskOrigin::Paragraph,
        );
        self.add_commitments(&sentences, line);
        (LineRole::TargetListItem, "list-opens-task")
    }

    fn open_task(&mut self, title: String, line: usize, lead: bool, origin: TaskOrigin) {
        let Some(area) = self.out.areas.last_mut() else {
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
        self.task_origin = Some(origin);
    }

    fn add_commitments(&mut self, sentences: &[&str], line: usize) {
        let Some(task) = self.out.areas.last_mut().and_then(|a| a.tasks.last_mut()) else {
            return;
        };
        for sentence in sentences {
            let id = format!("{}.{}", task.id, task.commitments.len() + 1);
            let (targets, projects) = extract(sentence);
            task.commitments.push(Commitment {
                id,
                text: sentence.to_string(),
                line,
                targets,
                projects,
            });
        }
    }

    /// A paragraph: a task when it opens with a lead sentence (one task per
    /// lead, inline leads included), the continuation of the task above when
    /// it is a single terse sentence, else a task titled by its first clause.
    /// A paragraph that follows its section's heading on the heading's line
    /// is read as tasks too: its inline leads open tasks, as they do after a
    /// lead sentence; elsewhere a short sentence inside a paragraph is
    /// ordinary (成绩来之不易).
    fn paragraph(
        &mut self,
        marker: Option<Marker>,
        text: &str,
        line: usize,
        after_heading: bool,
    ) -> (LineRole, &'static str) {
        let sentences = sentences(text);
        let Some(first) = sentences.first().copied() else {
            return (LineRole::Commitment, "empty");
        };
        let task_open = self.task_origin.is_some();
        let continues = match marker {
            Some(Marker::Point) => self.points_continue(),
            Some(Marker::Item | Marker::Dash) | None => {
                self.task_origin == Some(TaskOrigin::Heading)
            }
            Some(Marker::Section | Marker::Chapter) => false,
        };
        if continues {
            self.add_commitments(&sentences, line);
            return (LineRole::Commitment, "continues-subheading");
        }
        let terse = sentences.len() == 1 && !has_clause_break(first);
        if sentences.len() > 1 && is_lead(first) {
            self.open_task(
                strip_sentence_end(first).to_string(),
                line,
                false,
                TaskOrigin::Paragraph,
            );
            let split = self.add_split_at_inline_leads(&sentences, 1, line);
            let rule = if split {
                "lead-sentence+inline-lead"
            } else {
                "lead-sentence"
            };
            return (LineRole::Task, rule);
        }
        if terse && task_open && marker.is_none() {
            self.add_commitments(&sentences, line);
            return (LineRole::Commitment, "terse-continuation");
        }
        let opens_area = self.out.areas.last().is_some_and(|a| a.tasks.is_empty());
        let lead = opens_area && marker.is_none();
        self.open_task(task_title(&sentences), line, lead, TaskOrigin::Paragraph);
        let split = if after_heading {
            self.add_split_at_inline_leads(&sentences, 0, line)
        } else {
            self.add_commitments(&sentences, line);
            false
        };
        let rule = match (lead, split) {
            (true, false) => "area-lead",
            (true, true) => "area-lead+inline-lead",
            (false, false) => "first-clause-task",
            (false, true) => "first-clause-task+inline-lead",
        };
        (LineRole::Task, rule)
    }

    /// Adds `sentences[from..]` to the task that is open, opening a task at
    /// each inline lead on the way. True when there was one.
    fn add_split_at_inline_leads(&mut self, sentences: &[&str], from: usize, line: usize) -> bool {
        let mut from = from;
        let mut split = false;
        for k in from + 1..sentences.len() {
            if is_inline_lead(sentences, k) {
                self.add_commitments(&sentences[from..k], line);
                self.open_task(
                    strip_sentence_end(sentences[k]).to_string(),
                    line,
                    false,
                    TaskOrigin::Paragraph,
                );
                from = k + 1;
                split = true;
            }
        }
        self.add_commitments(&sentences[from..], line);
        split
    }
}

/// A task's title from its paragraph: its opening clause, or its first
/// sentence when that has none.
fn task_title(sentences: &[&str]) -> String {
    let first = sentences.first().copied().unwrap_or_default();
    title_or_sentence(opening_clause(sentences), first)
}

/// A paragraph's first clause, after an address to the deputies (各位代表!)
/// that opens it: what the paragraph is about.
fn opening_clause<'a>(sentences: &[&'a str]) -> &'a str {
    let first = sentences.first().copied().unwrap_or_default();
    let clause = first_clause(first);
    if !is_address(clause) {
        return clause;
    }
    let rest = first
        .get(clause.len()..)
        .unwrap_or_default()
        .trim_start()
        .trim_start_matches(|c| is_clause_end(c) || is_sentence_end(c));
    match first_clause(rest) {
        "" => sentences.get(1).map_or("", |s| first_clause(s)),
        next => next,
    }
}

/// A lead sentence names a task: short, one clause, no digits, and not an
/// ordinary sentence that opens with a subject or a connective.
fn is_lead(sentence: &str) -> bool {
    let bare = strip_sentence_end(sentence);
    bare.len() < sentence.len()
        && bare.chars().any(char::is_alphanumeric)
        && !has_clause_break(sentence)
        && !sentence.chars().any(is_digit)
        && char_len(bare) <= LEAD_MAX_CHARS
        && !NON_LEAD_OPENERS.iter().any(|w| bare.starts_with(w))
        && !is_address(bare)
}

/// A lead inside a paragraph: a lead sentence that is not the last, comes
/// after at least one sentence of the task before (the caller sees to it),
/// ends with a full stop, not the semicolon of a list (…;国际收支保持基本平衡;
/// 粮食产量…), and is followed by a sentence of substance, one with clauses or
/// one that states a quantity; it is short, or two or more sentences follow it.
fn is_inline_lead(sentences: &[&str], k: usize) -> bool {
    let Some(next) = sentences.get(k + 1) else {
        return false;
    };
    let following = sentences.len() - k - 1;
    let list_item = sentences[k].trim_end().ends_with([';', '\u{ff1b}']);
    !list_item
        && is_lead(sentences[k])
        && (has_clause_break(next) || states_quantity(next))
        && (char_len(strip_sentence_end(sentences[k])) <= INLINE_LEAD_MAX_CHARS || following >= 2)
}

/// A title is never empty: a sentence of bare punctuation titles itself.
fn title_or_sentence(title: &str, sentence: &str) -> String {
    if title.trim().is_empty() {
        sentence.to_string()
    } else {
        title.to_string()
    }
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
