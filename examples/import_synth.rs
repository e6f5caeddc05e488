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
    let cpu = cpu_seconds();
    match import_text(&text, "synthetic.txt") {
        Ok(plan) => {
            let wall = started.elapsed().as_secs_f64();
            let cpu = match (cpu, cpu_seconds()) {
                (Some(a), Some(b)) => format!(" ({:.3} s of CPU)", b - a),
                _ => String::new(),
            };
            println!(
                "{} commitments imported in {wall:.3} s{cpu}",
                plan.commitment_count()
            );
        }
        Err(e) => {
            eprintln!("import_synth: {e}");
            std::process::exit(1);
        }
    }
}

/// The process's user and system time so far, where /proc tells it (Linux):
/// on a shared machine it says what the import costs, whatever the load.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // Clock ticks of 1/100 s, as on every Linux this runs on.
    Some((utime + stime) / 100.0)
}
