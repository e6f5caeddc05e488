//! The importer at scale: the synthetic report of 100,000 commitments (a
//! synthetic plan written out as text by `synth::report_text`), and the
//! embedded Luzhou report. Each run classifies, builds and extracts targets
//! and projects from every sentence, as `plan-explorer import` does.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use plan_explorer::plan::import::import_text;
use plan_explorer::plan::load::load_embedded;
use plan_explorer::synth::{report_text, synthetic_plan};

// The allocator the binary ships with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED: &str = include_str!("../seeds/luzhou-2026-work-report.txt");

fn import(c: &mut Criterion) {
    let base = load_embedded().expect("embedded plan loads");
    let big = report_text(&synthetic_plan(&base, 100_000, 1));
    let mut g = c.benchmark_group("import");
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("synthetic-100k", |b| {
        b.iter(|| import_text(black_box(&big), "synthetic.txt"))
    });
    g.finish();
    c.bench_function("import/luzhou", |b| {
        b.iter(|| import_text(black_box(SEED), "luzhou-2026-work-report.txt"))
    });
}

criterion_group!(benches, import);
criterion_main!(benches);
