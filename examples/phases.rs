//! Prints how long each step before the first frame takes on a plan file,
//! as the app takes them: `cargo run --release --example phases -- plan.json`.

use std::sync::Arc;
use std::time::Instant;

use plan_explorer::plan::load::{load_file, parse_plan, read_file};
use plan_explorer::search::{SearchIndex, from_plan_json};
use plan_explorer::tui::app::App;
use plan_explorer::tui::search_state::SearchState;
use plan_explorer::tui::theme::Options;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: phases PLAN.json");
        std::process::exit(2);
    };
    let limit = plan_explorer::files::DEFAULT_MAX_SIZE;
    let t = Instant::now();
    match read_file(path.as_ref(), limit).map(|(bytes, name)| from_plan_json(bytes, &name)) {
        Ok(Ok(index)) => println!(
            "one-shot  {:>8.1} ms (read whole, parse and index at once, as `search` does: {} docs)",
            ms(t),
            index.len()
        ),
        Ok(Err(e)) | Err(e) => println!("one-shot: {e}"),
    }
    let t = Instant::now();
    let whole = read_file(path.as_ref(), limit).and_then(|(bytes, name)| parse_plan(&bytes, &name));
    println!("whole     {:>8.1} ms (read whole, then parse)", ms(t));
    drop(whole);
    let t = Instant::now();
    let plan = match load_file(path.as_ref()) {
        Ok(plan) => Arc::new(plan),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    println!(
        "load      {:>8.1} ms (as the app reads it: a large file in chunks)",
        ms(t)
    );
    let t = Instant::now();
    let index = SearchIndex::shared(Arc::clone(&plan));
    println!("index     {:>8.1} ms", ms(t));
    let t = Instant::now();
    let app = App::with_search(plan, Options::default(), SearchState::with_index(index));
    println!("app       {:>8.1} ms", ms(t));
    let t = Instant::now();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|_| unreachable!());
    let _ = terminal.draw(|frame| plan_explorer::tui::view::render(&app, frame));
    println!("draw      {:>8.1} ms", ms(t));
    let t = Instant::now();
    let pinyin = app.search.index.pinyin_builder().build();
    println!("pinyin    {:>8.1} ms (background)", ms(t));
    drop(pinyin);
}
