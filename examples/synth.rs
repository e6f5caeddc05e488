//! Prints a synthetic plan recombined from the embedded one, as JSON, or its
//! commitment texts one per line (for `fzf --filter`); or fills a library
//! folder with synthetic plans, and writes the text of every item that
//! `search --all-plans` then searches (theirs and the embedded plan's) one
//! per line to a file.
//!
//!     cargo run --release --example synth -- 100000 > /tmp/synth100k.json
//!     cargo run --release --example synth -- 100000 --texts > /tmp/synth100k.txt
//!     cargo run --release --example synth -- embedded --texts > /tmp/embedded.txt
//!     cargo run --release --example synth -- --library /tmp/lib 1000 150000 --texts /tmp/lib.txt

use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use plan_explorer::library::{Library, PlanName};
use plan_explorer::plan::Plan;
use plan_explorer::plan::load::load_embedded;
use plan_explorer::synth::{synthetic_library, synthetic_plan};

const USAGE: &str = "usage: synth [COMMITMENTS [SEED] | embedded] [--texts]\n       synth --library DIR [PLANS [COMMITMENTS]] [--texts FILE]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synth: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn number(arg: Option<&String>, default: u64) -> io::Result<u64> {
    match arg {
        None => Ok(default),
        Some(a) => a
            .parse()
            .map_err(|_| io::Error::other(format!("not a number: {a}"))),
    }
}

fn run(args: &[String]) -> io::Result<()> {
    let base = load_embedded().map_err(io::Error::other)?;
    if let Some(at) = args.iter().position(|a| a == "--library") {
        let dir = args
            .get(at + 1)
            .ok_or_else(|| io::Error::other("--library needs DIR"))?;
        let texts = args
            .iter()
            .position(|a| a == "--texts")
            .map(|i| args.get(i + 1));
        let texts = match texts {
            Some(Some(file)) => Some(file.as_str()),
            Some(None) => return Err(io::Error::other("--texts needs FILE")),
            None => None,
        };
        let rest: Vec<&String> = args[at + 2..]
            .iter()
            .take_while(|a| *a != "--texts")
            .collect();
        let plans = number(rest.first().copied(), 1000)? as usize;
        let commitments = number(rest.get(1).copied(), 150_000)? as usize;
        return library(&base, Path::new(dir), plans, commitments, texts);
    }
    let texts = args.iter().any(|a| a == "--texts");
    let mut numbers = args.iter().filter(|a| *a != "--texts").peekable();
    // `embedded`: the embedded plan itself, to compare like with like.
    let plan = if numbers.peek().is_some_and(|a| *a == "embedded") {
        base
    } else {
        let n = number(numbers.next(), 100_000)? as usize;
        let seed = number(numbers.next(), 1)?;
        synthetic_plan(&base, n, seed)
    };
    let mut out = BufWriter::new(io::stdout().lock());
    if texts {
        plan.commitments()
            .try_for_each(|(_, c)| writeln!(out, "{}", c.text))?;
    } else {
        serde_json::to_writer(&mut out, &plan).map_err(io::Error::other)?;
        writeln!(out)?;
    }
    out.flush()
}

fn library(
    base: &Plan,
    dir: &Path,
    plans: usize,
    commitments: usize,
    texts: Option<&str>,
) -> io::Result<()> {
    let library = Library::at(dir);
    let mut out = match texts {
        Some(file) => Some(BufWriter::new(std::fs::File::create(file)?)),
        None => None,
    };
    // `search --all-plans` searches the embedded plan too.
    if let Some(out) = out.as_mut() {
        for item in base.items() {
            writeln!(out, "{}", item.text)?;
        }
    }
    for (name, plan) in synthetic_library(base, plans, commitments, 1) {
        let name = PlanName::new(&name).map_err(io::Error::other)?;
        library.save(&name, &plan).map_err(io::Error::other)?;
        if let Some(out) = out.as_mut() {
            for item in plan.items() {
                writeln!(out, "{}", item.text)?;
            }
        }
    }
    match out {
        Some(mut out) => out.flush(),
        None => Ok(()),
    }
}
