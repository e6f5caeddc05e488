//! The detail pane's document: everything about the selected area, task or
//! commitment, wrapped by display width. `App::update` lays it out again only
//! when the selection or the pane's width changes, and keeps it on the app;
//! the view only slices and draws it. The search overlay's preview is the
//! same document for the selected hit, with the matched characters marked.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::plan::model::AreaKind;
use crate::plan::stats::Summary;
use crate::plan::{Commitment, ItemKind, ItemRef, Plan, Target};
use crate::search::SearchHit;
use crate::tui::columns;
use crate::tui::theme::{Options, Symbols, Theme, symbols, theme};
use crate::tui::wrap::{count, mark_ranges, push_count, wrap};

/// The detail of one item laid out at one width.
#[derive(Debug, Clone, Default)]
pub struct DetailDoc {
    /// The item it shows, if any.
    pub item: Option<ItemRef>,
    /// The width in cells it was wrapped to.
    pub width: u16,
    pub lines: Vec<Line<'static>>,
    /// For a preview: the hit's document and matched characters.
    pub marks: Option<(usize, Vec<usize>)>,
    /// The first line that shows a marked character.
    pub first_mark: Option<usize>,
}

/// What a search hit marks in the document: its matched characters, as
/// char indices into the hit's text.
struct Marks<'a> {
    kind: ItemKind,
    text: &'a str,
    matched: &'a [usize],
}

impl DetailDoc {
    /// Lays out the detail of `item` in lines of at most `width` cells.
    pub fn lay_out(
        plan: &Plan,
        summary: &Summary,
        options: &Options,
        item: Option<ItemRef>,
        width: u16,
    ) -> Self {
        Self::build(plan, summary, options, item, None, width)
    }

    /// The preview of a search hit: the detail of its item (a project's
    /// commitment), the matched characters marked.
    pub fn preview(
        plan: &Plan,
        summary: &Summary,
        options: &Options,
        hit: &SearchHit,
        width: u16,
    ) -> Self {
        let marks = Marks {
            kind: hit.kind,
            text: &hit.text,
            matched: &hit.matched,
        };
        let mut doc = Self::build(
            plan,
            summary,
            options,
            Some(hit.target),
            Some(&marks),
            width,
        );
        doc.marks = Some((hit.doc, hit.matched.clone()));
        doc
    }

    fn build(
        plan: &Plan,
        summary: &Summary,
        options: &Options,
        item: Option<ItemRef>,
        marks: Option<&Marks>,
        width: u16,
    ) -> Self {
        let theme = theme(options);
        let symbols = symbols(options);
        let mut out = Out {
            lines: Vec::new(),
            width: width as usize,
            matched: marks.map(|_| theme.matched),
            first_mark: None,
        };
        match item {
            None => {}
            Some(ItemRef::Area(a)) => area_detail(plan, summary, a, marks, &mut out, &theme),
            Some(ItemRef::Task(a, t)) => task_detail(plan, a, t, marks, &mut out, &theme, &symbols),
            Some(ItemRef::Commitment(a, t, c)) => {
                commitment_detail(plan, (a, t, c), marks, &mut out, &theme, &symbols)
            }
        }
        DetailDoc {
            item,
            width,
            lines: out.lines,
            marks: None,
            first_mark: out.first_mark,
        }
    }

    /// Whether this is the layout of `item` at `width`.
    pub fn is_for(&self, item: Option<ItemRef>, width: u16) -> bool {
        self.item == item && self.width == width && self.marks.is_none()
    }

    /// Whether this is the preview of `hit` at `width`.
    pub fn is_preview_of(&self, hit: &SearchHit, width: u16) -> bool {
        self.width == width
            && self
                .marks
                .as_ref()
                .is_some_and(|(doc, matched)| *doc == hit.doc && *matched == hit.matched)
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }
}

struct Out {
    lines: Vec<Line<'static>>,
    width: usize,
    /// The style of a matched character, to find the first marked line;
    /// None when nothing is marked.
    matched: Option<Style>,
    first_mark: Option<usize>,
}

impl Out {
    fn text(&mut self, text: &str, style: Style) {
        self.pieces(&[(text.to_string(), style)]);
    }

    fn pieces(&mut self, pieces: &[(String, Style)]) {
        let from = self.lines.len();
        self.lines.extend(wrap(pieces, self.width));
        if let (None, Some(matched)) = (self.first_mark, self.matched) {
            let marked = |line: &Line| {
                line.spans.iter().any(|s| {
                    s.style.fg == matched.fg && s.style.add_modifier.contains(matched.add_modifier)
                })
            };
            self.first_mark = self.lines[from..].iter().position(marked).map(|i| from + i);
        }
    }

    /// A title, with the characters a hit matched in it marked.
    fn title(&mut self, kind: ItemKind, text: &str, marks: Option<&Marks>, style: Style) {
        let ranges = marks
            .filter(|m| m.kind == kind && m.text == text)
            .map(|m| single_ranges(m.matched, 0, self.matched.unwrap_or_default()))
            .unwrap_or_default();
        self.pieces(&mark_ranges(text, &ranges, style));
    }

    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    /// A line that is cut, not wrapped (table rows).
    fn row(&mut self, spans: Vec<Span<'static>>) {
        self.lines.push(Line::from(spans));
    }
}

/// One-char ranges styled `style` at `matched` + `offset`.
fn single_ranges(matched: &[usize], offset: usize, style: Style) -> Vec<(usize, usize, Style)> {
    matched
        .iter()
        .map(|&i| (offset + i, offset + i + 1, style))
        .collect()
}

/// What a review or outlook area's figures are, said beside them.
fn kind_note(kind: AreaKind) -> Option<&'static str> {
    match kind {
        AreaKind::Plan => None,
        AreaKind::Review => Some("回顾 · review: last year's results, not this year's targets"),
        AreaKind::Outlook => {
            Some("展望 · outlook: goals over several years, not this year's targets")
        }
    }
}

fn area_detail(
    plan: &Plan,
    summary: &Summary,
    a: usize,
    marks: Option<&Marks>,
    out: &mut Out,
    theme: &Theme,
) {
    let area = &plan.areas[a];
    let Some(stats) = summary.areas.get(a) else {
        return;
    };
    out.title(ItemKind::Area, &area.title, marks, theme.title);
    out.text(
        &format!("Area {} · source line {}", area.id, area.line),
        theme.dim,
    );
    if let Some(note) = kind_note(area.kind) {
        out.text(note, theme.dim);
    }
    if let Some(part) = &area.part {
        out.text(&format!("Part: {part}"), theme.dim);
    }
    out.text(
        &[
            count(stats.tasks, "task"),
            count(stats.commitments, "commitment"),
            count(stats.targets, "target"),
            count(stats.projects, "project"),
        ]
        .join(" · "),
        Style::default(),
    );
    out.blank();
    out.text("Tasks", theme.title);
    for task in area.tasks.iter().take(AREA_TASKS_SHOWN) {
        let lead = if task.lead { " (area lead)" } else { "" };
        let mut counts = String::from(" · ");
        push_count(&mut counts, task.commitments.len(), "commitment");
        counts.push_str(" · ");
        push_count(&mut counts, task.targets().count(), "target");
        out.pieces(&[
            (format!("{:<6}", task.id), theme.dim),
            (format!("{}{lead}", task.title), Style::default()),
            (counts, theme.dim),
        ]);
    }
    if area.tasks.len() > AREA_TASKS_SHOWN {
        let more = area.tasks.len() - AREA_TASKS_SHOWN;
        out.text(
            &format!("… and {} more in the tree", count(more, "task")),
            theme.dim,
        );
    }
}

/// An area of a huge plan lists its first tasks; the tree has them all.
const AREA_TASKS_SHOWN: usize = 200;

fn task_detail(
    plan: &Plan,
    a: usize,
    t: usize,
    marks: Option<&Marks>,
    out: &mut Out,
    theme: &Theme,
    symbols: &Symbols,
) {
    let area = &plan.areas[a];
    let task = &area.tasks[t];
    out.text(
        &format!("{} {}{}{}", area.id, area.title, symbols.separator, task.id),
        theme.dim,
    );
    out.title(ItemKind::Task, &task.title, marks, theme.title);
    let lead = if task.lead {
        " · the area's own lead"
    } else {
        ""
    };
    out.text(
        &format!("Task {} · source line {}{lead}", task.id, task.line),
        theme.dim,
    );
    if let Some(note) = kind_note(area.kind) {
        out.text(note, theme.dim);
    }
    out.blank();
    let mut paragraph = Vec::new();
    for c in &task.commitments {
        paragraph.extend(highlighted(c, None, theme));
    }
    out.pieces(&paragraph);
    let targets: Vec<&Target> = task.targets().collect();
    targets_table(&targets, area.kind, out, theme);
    projects_list(&task.projects(), out, theme);
}

fn commitment_detail(
    plan: &Plan,
    (a, t, c): (usize, usize, usize),
    marks: Option<&Marks>,
    out: &mut Out,
    theme: &Theme,
    symbols: &Symbols,
) {
    let area = &plan.areas[a];
    let task = &area.tasks[t];
    let commitment = &task.commitments[c];
    out.text(
        &format!(
            "{} {}{}{} {}",
            area.id, area.title, symbols.separator, task.id, task.title
        ),
        theme.dim,
    );
    out.text(
        &format!(
            "Commitment {} · source line {}",
            commitment.id, commitment.line
        ),
        theme.dim,
    );
    if let Some(note) = kind_note(area.kind) {
        out.text(note, theme.dim);
    }
    out.blank();
    let style = out.matched.unwrap_or_default();
    let matched = marks.map(|m| commitment_marks(commitment, m, style));
    out.pieces(&highlighted(commitment, matched, theme));
    let targets: Vec<&Target> = commitment.targets.iter().collect();
    targets_table(&targets, area.kind, out, theme);
    let projects: Vec<&str> = commitment.projects.iter().map(String::as_str).collect();
    projects_list(&projects, out, theme);
    out.blank();
    out.text(&format!("Task  {} {}", task.id, task.title), theme.dim);
    out.text(&format!("Area  {} {}", area.id, area.title), theme.dim);
}

/// Where a hit's matched characters fall in a commitment's text: a
/// commitment hit's own, or a project hit's, moved to where the project is
/// named.
fn commitment_marks(c: &Commitment, marks: &Marks, style: Style) -> Vec<(usize, usize, Style)> {
    let offset = match marks.kind {
        ItemKind::Commitment => Some(0),
        ItemKind::Project => char_position(&c.text, marks.text, 0),
        ItemKind::Area | ItemKind::Task => None,
    };
    offset.map_or_else(Vec::new, |o| single_ranges(marks.matched, o, style))
}

/// A commitment's text with its targets and projects marked, and the
/// characters a search matched marked over them.
fn highlighted(
    c: &Commitment,
    matched: Option<Vec<(usize, usize, Style)>>,
    theme: &Theme,
) -> Vec<(String, Style)> {
    let mut ranges: Vec<(usize, usize, Style)> = Vec::new();
    for target in &c.targets {
        if let Some(start) = char_position(&c.text, &target.text, target.start) {
            ranges.push((start, start + target.text.chars().count(), theme.target));
        }
    }
    for project in &c.projects {
        if let Some(start) = char_position(&c.text, project, 0) {
            ranges.push((start, start + project.chars().count(), theme.project));
        }
    }
    ranges.extend(matched.unwrap_or_default());
    mark_ranges(&c.text, &ranges, Style::default())
}

/// The char index of `needle` in `text`, trusting `hint` when it is right.
fn char_position(text: &str, needle: &str, hint: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let at_hint = text
        .char_indices()
        .nth(hint)
        .is_some_and(|(b, _)| text[b..].starts_with(needle));
    if at_hint {
        return Some(hint);
    }
    text.find(needle).map(|b| text[..b].chars().count())
}

/// The targets of an item, in a table that fits the pane (see
/// [`columns::table`]).
fn targets_table(targets: &[&Target], kind: AreaKind, out: &mut Out, theme: &Theme) {
    if targets.is_empty() {
        return;
    }
    out.blank();
    let title = match kind {
        AreaKind::Plan => "Targets",
        AreaKind::Review => "Last year's results",
        AreaKind::Outlook => "Goals over several years",
    };
    out.text(&format!("{title} ({})", targets.len()), theme.title);
    let mut rows = columns::table(targets, out.width).into_iter();
    if let Some(header) = rows.next() {
        out.row(vec![Span::styled(header, theme.dim)]);
    }
    for row in rows {
        out.row(vec![Span::styled(row, theme.target)]);
    }
}

fn projects_list(projects: &[&str], out: &mut Out, theme: &Theme) {
    if projects.is_empty() {
        return;
    }
    out.blank();
    out.text(&format!("Projects ({})", projects.len()), theme.title);
    for p in projects {
        out.pieces(&[
            ("  ".to_string(), Style::default()),
            (p.to_string(), theme.project),
        ]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::load_embedded;
    use crate::plan::stats::Scope;

    fn text(doc: &DetailDoc) -> Vec<String> {
        doc.lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn a_narrow_pane_drops_the_qualifier_column_before_the_subject() {
        let plan = load_embedded().unwrap();
        let summary = Summary::new(&plan, Scope::Plan);
        let item = plan.find("3.1.1");
        let wide = DetailDoc::lay_out(&plan, &summary, &Options::default(), item, 80);
        let header = |doc: &DetailDoc| {
            text(doc)
                .into_iter()
                .find(|l| l.contains("what is"))
                .unwrap_or_default()
        };
        assert!(header(&wide).contains("qualifier"), "{:?}", text(&wide));
        let narrow = DetailDoc::lay_out(&plan, &summary, &Options::default(), item, 30);
        assert!(!header(&narrow).contains("qualifier"));
        assert!(
            header(&narrow).starts_with("quantity"),
            "{}",
            header(&narrow)
        );
        assert!(
            text(&narrow).iter().any(|l| l.contains("亿元以上")),
            "{:?}",
            text(&narrow)
        );
    }

    #[test]
    fn a_preview_marks_the_match_and_finds_its_line() {
        let plan = load_embedded().unwrap();
        let summary = Summary::new(&plan, Scope::Plan);
        let index = crate::search::SearchIndex::with_pinyin(&plan);
        let hit = index.search("仙鹤纸业", Some(1)).remove(0);
        let doc = DetailDoc::preview(&plan, &summary, &Options::default(), &hit, 40);
        let first = doc.first_mark.expect("a marked line");
        assert!(text(&doc)[first].contains("仙鹤"), "{:?}", text(&doc));
        assert!(doc.is_preview_of(&hit, 40));
        assert!(
            !doc.is_for(Some(hit.target), 40),
            "a preview is not the detail"
        );
    }
}
