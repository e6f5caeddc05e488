//! Prints how long each step before the first frame takes on a plan file:
//! `cargo run --release --example phases -- plan.json`.

use std::time::Instant;

use plan_explorer::plan::load::{parse_plan, parse_view};
use plan_explorer::search::SearchIndex;
use plan_explorer::tui::app::{App, Options};
use plan_explorer::tui::search_state::SearchState;
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
    let ok = serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).is_ok();
    println!(
        "ignore    {:>8.1} ms ({ok})",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let v = serde_json::from_slice::<plan_explorer::plan::PlanView>(&bytes);
    println!(
        "view only {:>8.1} ms ({})",
        t.elapsed().as_secs_f64() * 1e3,
        v.is_ok()
    );
    drop(v);
    let t = Instant::now();
    match parse_view(&bytes, &path) {
        Ok(view) => println!(
            "view      {:>8.1} ms ({} items)",
            t.elapsed().as_secs_f64() * 1e3,
            view.items().count()
        ),
        Err(e) => println!("view: {e}"),
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
