//! Prints how long each step before the first frame takes on a plan file:
//! `cargo run --release --example phases -- plan.json`.

use std::time::Instant;

use plan_explorer::plan::load::parse_plan;
use plan_explorer::search::{SearchIndex, from_plan_json};
use plan_explorer::tui::app::App;
use plan_explorer::tui::search_state::SearchState;
use plan_explorer::tui::theme::Options;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: phases PLAN.json");
        std::process::exit(2);
    };
    let t = Instant::now();
    let bytes = std::fs::read(&path).unwrap_or_default();
    println!("read      {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    match from_plan_json(bytes.clone(), &path) {
        Ok(index) => println!(
            "streamed  {:>8.1} ms ({} docs; parse and index at once, as `search` does)",
            t.elapsed().as_secs_f64() * 1e3,
            index.len()
        ),
        Err(e) => println!("streamed: {e}"),
    }
    let t = Instant::now();
    let plan = match parse_plan(&bytes, &path) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    println!("parse     {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let index = SearchIndex::new(&plan);
    println!("index     {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let app = App::with_search(plan, Options::default(), SearchState::with_index(index));
    println!("app       {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|_| unreachable!());
    let _ = terminal.draw(|frame| plan_explorer::tui::view::render(&app, frame));
    println!("draw      {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let pinyin = app.search.index.pinyin_builder().build();
    println!(
        "pinyin    {:>8.1} ms (background)",
        t.elapsed().as_secs_f64() * 1e3
    );
    drop(pinyin);
}
