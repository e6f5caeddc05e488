//! The text a copy puts on the clipboard: the item, target or row, and a
//! last line that cites the plan's title and the source line, so a pasted
//! quote carries its source.

use crate::plan::model::AreaKind;
use crate::plan::{ItemRef, Plan, Target};

/// "— 某市2026年政府工作报告, line 25 of report.txt", and what a review or
/// outlook figure is.
pub fn citation(plan: &Plan, item: ItemRef) -> String {
    let kind = match plan.area(item).kind {
        AreaKind::Plan => "",
        AreaKind::Review => " (回顾 · last year's results)",
        AreaKind::Outlook => " (展望 · goals over several years)",
    };
    format!(
        "— {}, line {} of {}{kind}",
        plan.title,
        plan.line_of(item),
        plan.source
    )
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

/// A target as the table shows it, the sentence that states it, and the citation.
pub fn target_text(plan: &Plan, item: ItemRef, target: &Target) -> String {
    let subject = target
        .subject
        .as_deref()
        .map(|s| format!(" · {s}"))
        .unwrap_or_default();
    format!(
        "{} {}{}{subject}\n{} {}\n{}",
        target.value_text(),
        target.unit,
        target.qualifier.as_deref().unwrap_or(""),
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
    fn a_task_copies_its_title_and_commitments_and_cites_its_line() {
        let plan = load_embedded().unwrap();
        let item = plan.find("3.3").unwrap();
        let text = item_text(&plan, item);
        let task = plan.task(2, 2);
        assert!(text.starts_with(&format!("3.3 {}\n", task.title)));
        for c in &task.commitments {
            assert!(text.contains(&c.text), "{text}");
        }
        let last = text.lines().last().unwrap();
        assert_eq!(
            last,
            format!("— {}, line {} of {}", plan.title, task.line, plan.source)
        );
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
