//! Imports the synthetic report of N commitments (default 100,000) once and
//! prints how long it took, for profiling the importer outside criterion:
//!
//!     cargo run --release --example import_synth -- 100000
//!     perf record -g target/release/examples/import_synth 100000

use std::time::Instant;

use plan_explorer::plan::import::import_text;
use plan_explorer::plan::load::load_embedded;
use plan_explorer::synth::{report_text, synthetic_plan};

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let Ok(base) = load_embedded() else {
        eprintln!("import_synth: the embedded plan does not load");
        std::process::exit(1);
    };
    let text = report_text(&synthetic_plan(&base, n, 1));
    let started = Instant::now();
    match import_text(&text, "synthetic.txt") {
        Ok(plan) => println!(
            "{} commitments imported in {:.3} s",
            plan.commitment_count(),
            started.elapsed().as_secs_f64()
        ),
        Err(e) => {
            eprintln!("import_synth: {e}");
            std::process::exit(1);
        }
    }
}
