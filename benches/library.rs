//! The library at the scale the issue sets: 1,000 plans holding 150,000
//! commitments (see `synth::synthetic_library`), saved as `import --save`
//! saves them. Times `search --all-plans` for characters and pinyin (what
//! the one-shot command does, less process start and printing), warm (with
//! the library's cache of search indexes as the first search leaves it) and
//! cold (with no cache, which each run makes anew), the cached listing
//! `plans` shows, and opening one library plan with its index; and
//! in the app (drawn on a TestBackend), opening the plan picker and
//! switching plans, each to its drawn frame.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use plan_explorer::library::{Library, PlanName, list, resolve, search_plans};
use plan_explorer::plan::load::load_embedded;
use plan_explorer::search::SearchIndex;
use plan_explorer::synth::synthetic_library;
use plan_explorer::tui::action::Action;
use plan_explorer::tui::app::{App, Effect};
use plan_explorer::tui::session::{Session, Work};
use plan_explorer::tui::theme::Options;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

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

    // Warm: the cache of search indexes, as any first search leaves it.
    let cache = dir.path().join(".cache/search.bin");
    assert!(!search_plans(&library, "项目", None).hits.is_empty());
    assert!(cache.is_file(), "the first search makes the cache");
    let mut g = c.benchmark_group("all_plans_1000");
    g.sampling_mode(SamplingMode::Flat);
    for (label, query) in QUERIES {
        g.bench_function(*label, |b| {
            b.iter(|| search_plans(&library, black_box(query), None).hits.len())
        });
    }
    g.finish();

    // Cold: no cache; each run parses and indexes every plan and saves the
    // cache again.
    let mut g = c.benchmark_group("all_plans_1000_cold");
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    for (label, query) in &QUERIES[..1] {
        g.bench_function(*label, |b| {
            b.iter_batched(
                || std::fs::remove_file(&cache).expect("the cache was made"),
                |()| search_plans(&library, black_box(query), None).hits.len(),
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
    assert!(cache.is_file());

    let mut g = c.benchmark_group("library_1000");
    g.bench_function("plans_listing_cached", |b| {
        b.iter(|| list(&library).entries.len())
    });
    g.bench_function("open_one_plan_with_index", |b| {
        b.iter(|| {
            let location = resolve("synth-0500", || Ok(library.clone())).expect("listed");
            // As the app opens it: the plan, then an index sharing it.
            let plan = location.load(library.max_size()).expect("a valid plan");
            SearchIndex::shared(std::sync::Arc::new(plan)).len()
        })
    });
    g.finish();

    // The app as it runs: work handed to other threads (pinyin) is not
    // waited for, as the first frame does not wait for it.
    let app = App::new(load_embedded().expect("embedded plan"), Options::default());
    let mut session = Session::new(
        app,
        plan_explorer::library::Location::Embedded,
        Some(library.clone()),
        Work::Background,
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let mut draw = |session: &Session| {
        terminal
            .draw(|frame| plan_explorer::tui::view::render(&session.app, frame))
            .expect("a frame")
            .area
            .width
    };
    let mut g = c.benchmark_group("app_1000");
    g.bench_function("picker_open_to_frame", |b| {
        b.iter(|| {
            session.app.update(Action::ShowPlans);
            for effect in std::mem::take(&mut session.app.effects) {
                let _ = session.apply(effect);
            }
            let width = draw(&session);
            session.app.update(Action::Back);
            width
        })
    });
    let mut flip = false;
    g.bench_function("switch_plan_to_frame", |b| {
        b.iter(|| {
            flip = !flip;
            let name = if flip { "synth-0500" } else { "synth-0501" };
            let open = Effect::OpenPlan {
                name: name.into(),
                item: None,
            };
            let _ = session.apply(open);
            draw(&session)
        })
    });
    g.finish();
    assert!(session.app.plan_name.starts_with("synth-"));
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
