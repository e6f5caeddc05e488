//! Compares loading a plan file for the app with its index built beside the
//! parse (`load_with_index`) against parse-then-index, alternating runs:
//! `cargo run --release --example startup -- plan.json [rounds]`.

use std::time::{Duration, Instant};

use plan_explorer::plan::load::parse_plan;
use plan_explorer::search::{SearchIndex, load_with_index};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: startup PLAN.json [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: u32 = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(10);
    let bytes = std::fs::read(path).unwrap_or_default();
    let (mut beside, mut serial) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..rounds {
        let copy = bytes.clone();
        let t = Instant::now();
        let loaded = load_with_index(copy, path).map(|(p, i)| (p.areas.len(), i.len()));
        beside += t.elapsed();
        let t = Instant::now();
        let parsed = parse_plan(&bytes, path).map(|p| (p.areas.len(), SearchIndex::new(&p).len()));
        serial += t.elapsed();
        assert_eq!(loaded.ok(), parsed.ok());
    }
    println!(
        "beside the parse {:?}, after it {:?} (mean of {rounds})",
        beside / rounds,
        serial / rounds
    );
}
