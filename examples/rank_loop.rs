//! Ranks one query many times over a plan file, for profiling:
//! `cargo run --release --example rank_loop -- plan.json QUERY [N]`.

use std::time::Instant;

use plan_explorer::search::from_plan_json;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(query)) = (args.first(), args.get(1)) else {
        eprintln!("usage: rank_loop PLAN.json QUERY [N]");
        std::process::exit(2);
    };
    let n: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(50);
    let bytes = std::fs::read(path).unwrap_or_default();
    let mut index = match from_plan_json(bytes, path) {
        Ok(index) => index,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let pinyin = index.pinyin_builder().build();
    let _ = index.attach_pinyin(pinyin);
    if std::env::var_os("SHOW_QUERY").is_some() {
        eprintln!("{:#?}", index.compile(query));
    }
    let t = Instant::now();
    let mut matches = 0;
    for _ in 0..n {
        matches = index.rank(query).len();
    }
    println!("{matches} matches, {:?} per query", t.elapsed() / n as u32);
}
