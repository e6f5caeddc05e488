//! The text a copy puts on the clipboard: the item, target or row, and a
//! last line that cites the plan's title and the source line, so a pasted
//! quote carries its source.

use crate::plan::model::AreaKind;
use crate::plan::{ItemRef, Plan, Target};

/// "— 某市2026年政府工作报告, line 25 of report.txt" ("lines 25–27" when the
/// copy quotes several), and what a review or outlook figure is.
pub fn citation(plan: &Plan, item: ItemRef) -> String {
    let kind = match plan.area(item).kind {
        AreaKind::Plan => "",
        AreaKind::Review => " (回顾 · last year's results)",
        AreaKind::Outlook => " (展望 · goals over several years)",
    };
    let lines = match quoted_lines(plan, item) {
        (first, last) if last > first => format!("lines {first}–{last}"),
        (first, _) => format!("line {first}"),
    };
    format!("— {}, {lines} of {}{kind}", plan.title, plan.source)
}

/// The first and last source lines of what a copy of `item` quotes: its
/// own line, through its tasks' titles (an area) or its commitments (a task).
fn quoted_lines(plan: &Plan, item: ItemRef) -> (usize, usize) {
    let first = plan.line_of(item);
    let last = match item {
        ItemRef::Area(a) => plan.areas[a].tasks.iter().map(|t| t.line).max(),
        ItemRef::Task(a, t) => plan.task(a, t).commitments.iter().map(|c| c.line).max(),
        ItemRef::Commitment(..) => None,
    };
    (first, last.unwrap_or(first).max(first))
}

/// An item as it reads in the plan: an area with its tasks' titles, a task
/// with its title and commitments, a commitment's sentence; then the citation.
pub fn item_text(plan: &Plan, item: ItemRef) -> String {
    let id = plan.id_of(item);
    let body = match item {
        ItemRef::Area(a) => {
            let area = &plan.areas[a];
            let tasks: Vec<String> = area
                .tasks
                .iter()
                .map(|t| format!("{} {}", t.id, t.title))
                .collect();
            format!("{id} {}\n{}", area.title, tasks.join("\n"))
        }
        ItemRef::Task(a, t) => {
            let task = plan.task(a, t);
            let text: String = task.commitments.iter().map(|c| c.text.as_str()).collect();
            format!("{id} {}\n{text}", task.title)
        }
        ItemRef::Commitment(..) => format!("{id} {}", plan.text_of(item)),
    };
    format!("{}\n{}", body.trim_end(), citation(plan, item))
}

/// A target worded as the report words it (超550亿元, 6000亿元以上), what
/// it counts, the sentence that states it, and the citation.
pub fn target_text(plan: &Plan, item: ItemRef, target: &Target) -> String {
    let subject = target
        .subject
        .as_deref()
        .map(|s| format!(" · {s}"))
        .unwrap_or_default();
    format!(
        "{}{subject}\n{} {}\n{}",
        target.worded(),
        plan.id_of(item),
        plan.text_of(item),
        citation(plan, item)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::load_embedded;

    #[test]
    fn a_task_copies_its_title_and_commitments_and_cites_their_lines() {
        let plan = load_embedded().unwrap();
        let item = plan.find("3.3").unwrap();
        let text = item_text(&plan, item);
        let task = plan.task(2, 2);
        assert!(text.starts_with(&format!("3.3 {}\n", task.title)));
        for c in &task.commitments {
            assert!(text.contains(&c.text), "{text}");
        }
        // 3.3.3 stands on the line after the task's: the quote spans both.
        let last_line = task.commitments.last().unwrap().line;
        assert!(last_line > task.line);
        let last = text.lines().last().unwrap();
        assert_eq!(
            last,
            format!(
                "— {}, lines {}–{last_line} of {}",
                plan.title, task.line, plan.source
            )
        );
        // A task on one line cites that line.
        let item = plan.find("3.2").unwrap();
        let text = item_text(&plan, item);
        assert!(
            text.ends_with(&format!(", line {} of {}", plan.line_of(item), plan.source)),
            "{text}"
        );
    }

    #[test]
    fn a_target_is_worded_as_the_report_words_it() {
        let plan = load_embedded().unwrap();
        let (item, target) = plan
            .targets()
            .find(|(_, _, t)| t.qualifier.as_deref() == Some("超"))
            .map(|(item, _, t)| (item, t))
            .unwrap();
        let text = target_text(&plan, item, target);
        let first = text.lines().next().unwrap();
        // The qualifier before the number, as the sentence has it.
        assert!(
            first.starts_with(&format!("超{}", target.value_text())),
            "{text}"
        );
        assert!(plan.text_of(item).contains(&target.worded()), "{text}");
    }

    #[test]
    fn an_outlook_item_says_what_it_is() {
        let plan = load_embedded().unwrap();
        let text = item_text(&plan, ItemRef::Area(0));
        assert!(
            text.ends_with("(展望 · goals over several years)"),
            "{text}"
        );
    }
}
