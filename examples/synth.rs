//! Prints a synthetic plan recombined from the embedded one, as JSON, or its
//! commitment texts one per line (for `fzf --filter`).
//!
//!     cargo run --release --example synth -- 100000 > /tmp/synth100k.json
//!     cargo run --release --example synth -- 100000 --texts > /tmp/synth100k.txt

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use plan_explorer::plan::load::load_embedded;
use plan_explorer::synth::synthetic_plan;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let texts = args.iter().any(|a| a == "--texts");
    let mut numbers = args.iter().filter(|a| *a != "--texts");
    let parse = |a: Option<&String>, default: u64| match a {
        None => Ok(default),
        Some(a) => a.parse::<u64>().map_err(|_| format!("not a number: {a}")),
    };
    let (n, seed) = match (parse(numbers.next(), 100_000), parse(numbers.next(), 1)) {
        (Ok(n), Ok(seed)) => (n as usize, seed),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("synth: {e}\nusage: synth [COMMITMENTS [SEED]] [--texts]");
            return ExitCode::from(2);
        }
    };
    let base = match load_embedded() {
        Ok(base) => base,
        Err(e) => {
            eprintln!("synth: {e}");
            return ExitCode::FAILURE;
        }
    };
    let plan = synthetic_plan(&base, n, seed);
    let mut out = BufWriter::new(io::stdout().lock());
    let written = if texts {
        plan.commitments()
            .try_for_each(|(_, c)| writeln!(out, "{}", c.text))
    } else {
        serde_json::to_writer(&mut out, &plan)
            .map_err(io::Error::other)
            .and_then(|()| writeln!(out))
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::FAILURE
        }
    }
}
