//! One-shot search, for comparing with `fzf --filter`: load a plan (or a
//! text file, one item per line), build the index, search once, print the
//! top 20; timings and the match count go to stderr.
//!
//!     cargo run --release --example oneshot -- 重点项目 [plan.json | items.txt]

use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

use plan_explorer::plan::load::{load_embedded, load_file};
use plan_explorer::plan::{Area, Commitment, Plan, Task};
use plan_explorer::search::SearchIndex;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(query) = args.first() else {
        eprintln!("usage: oneshot QUERY [PLAN.json | ITEMS.txt]");
        return ExitCode::from(2);
    };
    let t0 = Instant::now();
    let plan = match args.get(1) {
        None => load_embedded().map_err(|e| e.to_string()),
        Some(p) if p.ends_with(".txt") => std::fs::read_to_string(p)
            .map(|text| lines_plan(&text))
            .map_err(|e| e.to_string()),
        Some(p) => load_file(p.as_ref()).map_err(|e| e.to_string()),
    };
    let plan = match plan {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("oneshot: {e}");
            return ExitCode::from(2);
        }
    };
    let t1 = Instant::now();
    let index = if query.bytes().any(|b| b.is_ascii_alphabetic()) {
        SearchIndex::with_pinyin(&plan)
    } else {
        SearchIndex::new(&plan)
    };
    let t2 = Instant::now();
    let q = index.compile(query);
    let ranked = index.rank_query(&q);
    let hits: Vec<_> = ranked
        .iter()
        .take(20)
        .filter_map(|r| index.hit_query(&q, r.doc))
        .collect();
    let t3 = Instant::now();
    let mut out = io::stdout().lock();
    for h in &hits {
        let line = writeln!(
            out,
            "{}\t{}\t{}\t{}",
            h.score,
            h.kind.as_str(),
            h.id,
            h.text
        );
        if line.is_err() {
            break; // a closed pipe: the reader has seen enough
        }
    }
    eprintln!(
        "load {:?}, index {:?} ({} docs), search {:?} ({} matches)",
        t1 - t0,
        t2 - t1,
        index.len(),
        t3 - t2,
        ranked.len()
    );
    if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One area, one task, each line a commitment.
fn lines_plan(text: &str) -> Plan {
    let commitments: Vec<Commitment> = text
        .lines()
        .enumerate()
        .map(|(i, line)| Commitment {
            id: format!("1.1.{}", i + 1),
            text: line.to_string(),
            line: i + 1,
            targets: vec![],
            projects: vec![],
        })
        .collect();
    Plan {
        title: "lines".into(),
        source: "lines".into(),
        year: None,
        source_lines: commitments.len(),
        intro: vec![],
        closing: vec![],
        asides: vec![],
        areas: vec![Area {
            id: "1".into(),
            title: "lines".into(),
            line: 1,
            kind: plan_explorer::plan::AreaKind::Plan,
            part: None,
            tasks: vec![Task {
                id: "1.1".into(),
                title: "lines".into(),
                line: 1,
                lead: false,
                commitments,
            }],
        }],
    }
}
