//! Prints resident memory after each step of a one-shot search over a plan
//! file: `cargo run --release --example rss -- plan.json`.

use plan_explorer::plan::load::parse_view;
use plan_explorer::search::SearchIndex;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_string())
        .collect::<Vec<_>>()
        .join("/")
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    println!("start   {}", rss());
    let bytes = std::fs::read(&path).unwrap_or_default();
    println!("read    {}", rss());
    let view = match parse_view(&bytes, &path) {
        Ok(view) => view,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    println!("view    {}", rss());
    let index = SearchIndex::from_items(view.items());
    println!("index   {}", rss());
    let hits = index.search("重点项目", Some(20));
    println!("search  {} ({} hits)", rss(), hits.len());
}
