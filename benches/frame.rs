//! Frame time of the terminal app: from an action to a drawn frame, on the
//! embedded plan and on a synthetic plan of 100,000 commitments.

use std::collections::VecDeque;
use std::hint::black_box;
use std::io::Write;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use plan_explorer::plan::Plan;
use plan_explorer::plan::load::{load_embedded, load_file, parse_plan};
use plan_explorer::search::SearchIndex;
use plan_explorer::synth::synthetic_plan;
use plan_explorer::tui::action::{Action, Mode};
use plan_explorer::tui::app::App;
use plan_explorer::tui::apply_events;
use plan_explorer::tui::line::Edit;
use plan_explorer::tui::search_state::SearchState;
use plan_explorer::tui::theme::Options;
use plan_explorer::tui::view::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

// The allocator the binary ships with, so that loading and indexing cost
// what they cost in the app.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|frame| render(app, frame)).unwrap();
}

/// An app with its character index, pinyin to come.
fn start(plan: Plan) -> App {
    let plan = Arc::new(plan);
    let index = SearchIndex::shared(Arc::clone(&plan));
    start_searching(plan, SearchState::with_index(index))
}

fn start_searching(plan: Arc<Plan>, search: SearchState) -> App {
    let mut app = App::with_search(plan, Options::default(), search);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app
}

fn bench_plan(c: &mut Criterion, name: &str, json: &[u8]) {
    // The app reads its plan from a file: a large one a chunk at a time.
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(json).unwrap();
    let path = file.path();
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(4));

    // Read, parse and validate the file, index it and draw: what stands
    // between starting the app and its first frame.
    // The app indexes a large plan on another thread as it draws its first
    // frame, which then waits for the load alone (a small plan is indexed
    // at once: less than a thread costs). The index is joined after the
    // clock stops, so that its thread runs alongside, as in the app.
    group.bench_function(
        "first frame (load, draw; a large plan's index alongside)",
        |b| {
            b.iter_custom(|iterations| {
                let mut took = std::time::Duration::ZERO;
                for _ in 0..iterations {
                    let clock = std::time::Instant::now();
                    let plan = Arc::new(load_file(black_box(path)).unwrap());
                    let search = SearchState::for_plan(&plan);
                    let indexing = search.is_indexing().then(|| {
                        let shared = Arc::clone(&plan);
                        std::thread::spawn(move || SearchIndex::shared(shared))
                    });
                    let app = start_searching(plan, search);
                    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
                    draw(&mut terminal, &app);
                    took += clock.elapsed();
                    if let Some(indexing) = indexing {
                        black_box(indexing.join().unwrap());
                    }
                }
                took
            })
        },
    );
    // Until a query typed at once gets its hits: the load, then the index.
    group.bench_function("search ready (load, index)", |b| {
        b.iter(|| {
            let plan = Arc::new(load_file(black_box(path)).unwrap());
            black_box(SearchIndex::shared(plan))
        })
    });

    let plan = parse_plan(json, "bench").unwrap();
    let mut app = start(plan);
    app.search
        .attach_pinyin(app.search.index.pinyin_builder().build());
    // Open the largest area so that moves run through a long tree.
    app.update(Action::Expand);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    draw(&mut terminal, &app);

    group.bench_function("move selection (j, then k)", |b| {
        b.iter(|| {
            app.update(Action::Down);
            draw(&mut terminal, &app);
            app.update(Action::Up);
            draw(&mut terminal, &app);
        })
    });

    app.update(Action::OpenSearch);
    assert_eq!(app.mode, Mode::Search);
    app.update(Action::Input('重'));
    app.update(Action::Input('点'));
    draw(&mut terminal, &app);
    group.bench_function(
        "search keystroke, Chinese (type 项, then delete it)",
        |b| {
            b.iter(|| {
                app.update(Action::Input('项'));
                draw(&mut terminal, &app);
                app.update(Action::Edit(Edit::Backspace));
                draw(&mut terminal, &app);
            })
        },
    );
    app.update(Action::Edit(Edit::DeleteToStart));
    for c in "zhongdian".chars() {
        app.update(Action::Input(c));
    }
    group.bench_function("search keystroke, pinyin (type x, then delete it)", |b| {
        b.iter(|| {
            app.update(Action::Input('x'));
            draw(&mut terminal, &app);
            app.update(Action::Edit(Edit::Backspace));
            draw(&mut terminal, &app);
        })
    });
    app.update(Action::Edit(Edit::DeleteToStart));
    // Keys that arrive together (a fast typist, or a burst over SSH) are
    // applied as one paste and drawn once; against the same keys one by one.
    let keys: Vec<Event> = "zhongdianxiangmu"
        .chars()
        .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
        .collect();
    group.bench_function("16 keys in one burst (zhongdianxiangmu)", |b| {
        b.iter(|| {
            let mut queue: VecDeque<Event> = keys.iter().cloned().collect();
            apply_events(&mut app, &mut queue);
            draw(&mut terminal, &app);
            app.update(Action::Edit(Edit::DeleteToStart));
        })
    });
    group.bench_function("the same 16 keys one at a time", |b| {
        b.iter(|| {
            for key in &keys {
                apply_events(&mut app, &mut VecDeque::from([key.clone()]));
                draw(&mut terminal, &app);
            }
            app.update(Action::Edit(Edit::DeleteToStart));
        })
    });
    let paste: String = "泸古高速 xianhe 仙鹤纸业 lggs\n"
        .chars()
        .cycle()
        .take(10_000)
        .collect();
    group.bench_function("paste 10,000 characters into the query", |b| {
        b.iter(|| {
            app.update(Action::Paste(paste.clone()));
            draw(&mut terminal, &app);
            app.update(Action::Edit(Edit::DeleteToStart));
        })
    });
    group.finish();
}

fn frames(c: &mut Criterion) {
    let embedded = plan_explorer::plan::load::EMBEDDED_PLAN.as_bytes();
    bench_plan(c, "embedded plan", embedded);
    let base = load_embedded().unwrap();
    let big = synthetic_plan(&base, 100_000, 7);
    let json = serde_json::to_vec(&big).unwrap();
    bench_plan(c, "100k commitments", &json);
}

criterion_group!(benches, frames);
criterion_main!(benches);
