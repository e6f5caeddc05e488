//! Synthetic plans of any size for benchmarks and tests, recombined from a
//! real plan's clauses so that their characters, words and lengths look like
//! the real thing. Deterministic for a given base and seed.

use crate::plan::text::{is_clause_end, is_sentence_end};
use crate::plan::{Area, Commitment, Plan, Target, Task};

/// xorshift64: enough randomness for recombining text, no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng((seed ^ 0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// A clause of a base commitment, with the commitment it came from.
struct Clause<'a> {
    text: &'a str,
    source: Option<&'a Commitment>,
}

/// A plan of exactly `commitments` commitments whose texts join 1 to 4
/// clauses of `base`'s commitments, picked at random. Areas reuse the base's
/// area titles; task titles are clauses. Ids follow positions ("1", "1.2",
/// "1.2.3"); each area and task takes a line of its own, a task's
/// commitments share its line, and `source_lines` is the last line used.
/// Projects and targets of a base commitment follow a clause that contains
/// them (a target's `start` is recomputed).
pub fn synthetic_plan(base: &Plan, commitments: usize, seed: u64) -> Plan {
    let mut rng = Rng::new(seed);
    let mut clauses: Vec<Clause> = base
        .commitments()
        .flat_map(|(_, c)| {
            c.text
                .split(|c| is_clause_end(c) || is_sentence_end(c))
                .map(str::trim)
                .filter(|t| t.chars().count() >= 2)
                .map(move |text| Clause {
                    text,
                    source: Some(c),
                })
        })
        .collect();
    if clauses.is_empty() {
        clauses = base
            .areas
            .iter()
            .flat_map(|a| std::iter::once(&a.title).chain(a.tasks.iter().map(|t| &t.title)))
            .map(|t| Clause {
                text: t.as_str(),
                source: None,
            })
            .collect();
    }
    let fallback = [Clause {
        text: "synthetic commitment",
        source: None,
    }];
    let clauses: &[Clause] = if clauses.is_empty() {
        &fallback
    } else {
        &clauses
    };
    let base_areas: Vec<&Area> = base.areas.iter().collect();

    let mut areas = Vec::new();
    let mut line = 0;
    let mut remaining = commitments;
    while remaining > 0 {
        let a = areas.len() + 1;
        line += 1;
        let like = base_areas.get((a - 1) % base_areas.len().max(1));
        let mut area = Area {
            id: a.to_string(),
            title: like.map_or_else(|| format!("area {a}"), |b| b.title.clone()),
            line,
            kind: like.map_or_else(Default::default, |b| b.kind),
            part: like.and_then(|b| b.part.clone()),
            tasks: Vec::new(),
        };
        let task_count = 4 + rng.below(12);
        while area.tasks.len() < task_count && remaining > 0 {
            let t = area.tasks.len() + 1;
            line += 1;
            let count = (1 + rng.below(6)).min(remaining);
            remaining -= count;
            let title = clauses[rng.below(clauses.len())].text.to_string();
            let commitments = (1..=count)
                .map(|c| commitment(format!("{a}.{t}.{c}"), line, clauses, &mut rng))
                .collect();
            area.tasks.push(Task {
                id: format!("{a}.{t}"),
                title,
                line,
                lead: false,
                commitments,
            });
        }
        areas.push(area);
    }
    Plan {
        title: format!("{} (synthetic, {commitments} commitments)", base.title),
        source: base.source.clone(),
        year: base.year,
        source_lines: line,
        intro: Vec::new(),
        closing: vec![],
        asides: vec![],
        areas,
    }
}

/// A library of `plans` synthetic plans holding `commitments` commitments
/// in all, shared out as evenly as they go, each with a seed of its own.
/// Plan `i` (from 1) is named `synth-NNNN` and titled after its number and
/// the base's title.
pub fn synthetic_library(
    base: &Plan,
    plans: usize,
    commitments: usize,
    seed: u64,
) -> impl Iterator<Item = (String, Plan)> + '_ {
    (0..plans).map(move |i| {
        let share = commitments / plans + usize::from(i < commitments % plans);
        let mut plan = synthetic_plan(base, share, seed.wrapping_add(i as u64));
        plan.title = format!("synthetic {:04} · {}", i + 1, base.title);
        (format!("synth-{:04}", i + 1), plan)
    })
}

/// The plan written out as a report's text, for benchmarks of the
/// importer: each area's title on a line of its own, then each task as a
/// paragraph that opens with its title as a lead sentence.
pub fn report_text(plan: &Plan) -> String {
    let mut text = String::new();
    for area in &plan.areas {
        text.push_str(&area.title);
        text.push('\n');
        for task in &area.tasks {
            text.push_str(&task.title);
            text.push('。');
            for c in &task.commitments {
                text.push_str(&c.text);
            }
            text.push('\n');
        }
    }
    text
}

fn commitment(id: String, line: usize, clauses: &[Clause], rng: &mut Rng) -> Commitment {
    let mut text = String::new();
    let mut chars = 0;
    let mut projects: Vec<String> = Vec::new();
    let mut targets: Vec<Target> = Vec::new();
    for i in 0..1 + rng.below(4) {
        if i > 0 {
            text.push('，');
            chars += 1;
        }
        let clause = &clauses[rng.below(clauses.len())];
        text.push_str(clause.text);
        if let Some(source) = clause.source {
            for p in &source.projects {
                if clause.text.contains(p.as_str()) && !projects.contains(p) {
                    projects.push(p.clone());
                }
            }
            for t in &source.targets {
                if let Some(at) = clause.text.find(t.text.as_str()) {
                    let mut t = t.clone();
                    t.start = chars + clause.text[..at].chars().count();
                    targets.push(t);
                }
            }
        }
        chars += clause.text.chars().count();
    }
    text.push('。');
    Commitment {
        id,
        text,
        line,
        targets,
        projects,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::{load_embedded, validate};

    #[test]
    fn synthetic_plans_are_valid_deterministic_and_exact_in_size() {
        let base = load_embedded().unwrap();
        for n in [0, 1, 7, 1000] {
            let plan = synthetic_plan(&base, n, 42);
            assert_eq!(plan.commitment_count(), n);
            validate(&plan, "synthetic").unwrap();
            assert_eq!(plan, synthetic_plan(&base, n, 42));
        }
        assert_ne!(synthetic_plan(&base, 50, 1), synthetic_plan(&base, 50, 2));
        let plan = synthetic_plan(&base, 1000, 7);
        for (_, c) in plan.commitments() {
            let chars: Vec<char> = c.text.chars().collect();
            for t in &c.targets {
                let at: String = chars
                    .iter()
                    .skip(t.start)
                    .take(t.text.chars().count())
                    .collect();
                assert_eq!(at, t.text, "{}", c.id);
            }
            for p in &c.projects {
                assert!(c.text.contains(p.as_str()));
            }
        }
    }

    #[test]
    fn a_synthetic_library_shares_out_every_commitment() {
        let base = load_embedded().unwrap();
        let library: Vec<(String, Plan)> = synthetic_library(&base, 7, 100, 3).collect();
        assert_eq!(library.len(), 7);
        let total: usize = library.iter().map(|(_, p)| p.commitment_count()).sum();
        assert_eq!(total, 100);
        assert_eq!(library[0].0, "synth-0001");
        assert_ne!(library[0].1.areas, library[1].1.areas);
        assert_ne!(library[0].1.title, library[1].1.title);
    }

    #[test]
    fn a_synthetic_report_imports_to_a_plan_of_its_size() {
        let base = load_embedded().unwrap();
        let plan = synthetic_plan(&base, 2000, 3);
        let text = report_text(&plan);
        let imported = crate::plan::import::import_text(&text, "synthetic.txt").unwrap();
        // An area whose first task opens with 一是 reads as a subheading
        // over enumerated points, so a few areas fold into the one above.
        let areas = imported.areas.len();
        assert!(areas <= plan.areas.len() && areas * 10 >= plan.areas.len() * 9);
        // Every sentence of the plan is a sentence of the report: a lead
        // sentence (a title) or a commitment.
        let sentences = imported.commitment_count()
            + imported.areas.iter().map(|a| a.tasks.len()).sum::<usize>();
        assert!(sentences >= plan.commitment_count(), "{sentences}");
    }

    #[test]
    fn an_empty_base_still_gives_a_plan() {
        let base = Plan {
            title: "empty".into(),
            source: "empty.txt".into(),
            year: None,
            source_lines: 0,
            intro: vec![],
            closing: vec![],
            asides: vec![],
            areas: vec![],
        };
        let plan = synthetic_plan(&base, 5, 0);
        assert_eq!(plan.commitment_count(), 5);
        validate(&plan, "synthetic").unwrap();
    }
}
