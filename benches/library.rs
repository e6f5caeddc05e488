//! The library at the scale the issue sets: 1,000 plans holding 150,000
//! commitments (see `synth::synthetic_library`), saved as `import --save`
//! saves them. Times `search --all-plans` for characters and pinyin (what
//! the one-shot command does, less process start and printing), the cached
//! listing `plans` shows, and opening one library plan with its index (what
//! switching plans in the app waits for).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use plan_explorer::library::{Library, PlanName, list, resolve, search_plans};
use plan_explorer::plan::load::load_embedded;
use plan_explorer::search::load_with_index;
use plan_explorer::synth::synthetic_library;

// The allocator the binary ships with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PLANS: usize = 1000;
const COMMITMENTS: usize = 150_000;

const QUERIES: &[(&str, &str)] = &[
    ("chars2", "项目"),
    ("chars4", "重点项目"),
    ("pinyin_full", "gaosu"),
    ("initials", "zdxm"),
];

fn make_library(dir: &std::path::Path) -> Library {
    let library = Library::at(dir);
    let base = load_embedded().expect("embedded plan loads");
    for (name, plan) in synthetic_library(&base, PLANS, COMMITMENTS, 1) {
        let name = PlanName::new(&name).expect("a synthetic name is valid");
        library.save(&name, &plan).expect("the library is writable");
    }
    library
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let library = make_library(dir.path());
    // The listing cache, as any first listing leaves it.
    assert_eq!(list(&library).entries.len(), PLANS + 1);

    let mut g = c.benchmark_group("all_plans_1000");
    g.sampling_mode(SamplingMode::Flat);
    for (label, query) in QUERIES {
        g.bench_function(*label, |b| {
            b.iter(|| search_plans(&library, black_box(query), None).hits.len())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("library_1000");
    g.bench_function("plans_listing_cached", |b| {
        b.iter(|| list(&library).entries.len())
    });
    g.bench_function("open_one_plan_with_index", |b| {
        b.iter(|| {
            let location = resolve("synth-0500", || Ok(library.clone())).expect("listed");
            let (bytes, name) = location.read(library.max_size()).expect("readable");
            load_with_index(bytes, &name).expect("a valid plan").1.len()
        })
    });
    g.finish();
}

criterion_group! {
    name = library;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .sample_size(10);
    targets = benches
}
criterion_main!(library);
