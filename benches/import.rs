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

/// Inputs that once took time in the square of their size: a list of
/// 340,000 items before 分别 (1.6 s at 100,000 items before the fix, hours
/// at 10 MB), and 140,000 lines that each end a heading with a connective
/// (13.6 s at 40,000 lines before). Each is about 1 MB.
fn adversarial(c: &mut Criterion) {
    let list = format!(
        "城市更新\n{}市重点项目投资分别完成330亿元、1000亿元以上。\n",
        "省、".repeat(170_000)
    );
    let chain = format!("城市更新的\n{}推进A。实施B。\n", "甲和\n".repeat(140_000));
    let mut g = c.benchmark_group("import/adversarial");
    g.sample_size(10);
    g.bench_function("list-before-fenbie-1mb", |b| {
        b.iter(|| import_text(black_box(&list), "list.txt"))
    });
    g.bench_function("split-heading-chain-1mb", |b| {
        b.iter(|| import_text(black_box(&chain), "chain.txt"))
    });
    g.finish();
}

criterion_group!(benches, import, adversarial);
criterion_main!(benches);
