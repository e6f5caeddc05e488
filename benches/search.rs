//! Search at the scale the app must stay interactive at: a synthetic plan
//! of 100,000 commitments (see `synth::synthetic_plan`), and the embedded
//! plan. Index builds (from a plan, and from its JSON as `search` does), then per-query times for the CLI path (`search`,
//! top 20 with highlights) and the app's path (`rank`, all matches, no
//! highlights), a query typed key by key through a `Searcher`, and (group
//! `decide`) what deciding matches with fuzzy-matcher alone would cost.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use plan_explorer::plan::Plan;
use plan_explorer::plan::load::load_embedded;
use plan_explorer::search::{PinyinIndex, SearchIndex, Searcher, from_plan_json};
use plan_explorer::synth::synthetic_plan;

// The allocator the binary ships with: the index's large buffers cost what
// they cost there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const QUERIES: &[(&str, &str)] = &[
    ("chars2", "项目"),
    ("chars4", "重点项目"),
    ("chars_gap", "泸古速"),
    ("pinyin_full", "zhongdianxiangmu"),
    ("pinyin_gaosu", "gaosu"),
    ("initials", "zdxm"),
    ("one_letter", "x"),
];

fn plans() -> Vec<(&'static str, Plan)> {
    let base = load_embedded().expect("embedded plan loads");
    let big = synthetic_plan(&base, 100_000, 1);
    vec![("100k", big), ("embedded", base)]
}

fn build(c: &mut Criterion, name: &str, plan: &Plan) {
    let mut g = c.benchmark_group(format!("build/{name}"));
    g.sampling_mode(SamplingMode::Flat);
    g.bench_function("chars", |b| b.iter(|| SearchIndex::new(black_box(plan))));
    // The one-shot `search` path: parse the plan file and index it at once.
    let json = serde_json::to_vec(plan).expect("a plan serialises");
    g.bench_function("chars_from_json", |b| {
        b.iter_batched(
            || json.clone(),
            |bytes| from_plan_json(bytes, "bench.json").map(|i| i.len()),
            BatchSize::LargeInput,
        )
    });
    let index = SearchIndex::new(plan);
    g.bench_function("pinyin", |b| {
        b.iter(|| PinyinIndex::build(black_box(&index)))
    });
    g.finish();
}

fn queries(c: &mut Criterion, name: &str, index: &SearchIndex) {
    let mut g = c.benchmark_group(format!("search/{name}"));
    for (label, q) in QUERIES {
        g.bench_function(*label, |b| b.iter(|| index.search(black_box(q), Some(20))));
    }
    g.finish();
    let mut g = c.benchmark_group(format!("rank/{name}"));
    for (label, q) in QUERIES {
        g.bench_function(*label, |b| b.iter(|| index.rank(black_box(q))));
    }
    g.finish();
}

/// Sixteen keystrokes, each narrowing the last results: divide by 16 for
/// the time per key.
fn typing(c: &mut Criterion, name: &str, index: &SearchIndex) {
    let mut g = c.benchmark_group(format!("typing/{name}"));
    g.sampling_mode(SamplingMode::Flat);
    let word = "zhongdianxiangmu";
    g.bench_function("zhongdianxiangmu_16_keys", |b| {
        b.iter(|| {
            let mut s = Searcher::new();
            for end in 1..=word.len() {
                black_box(s.search(index, &word[..end]).len());
            }
        })
    });
    g.finish();
}

/// What the aligner is for, measured: fuzzy-matcher's SkimMatcherV2
/// deciding the matches of a character query itself, over every title and
/// sentence (its quicker two-row path, without positions), against the
/// index ranking the same query. SkimMatcherV2 could do no more than this:
/// it has no bound on gaps (比特币 would match any sentence holding the
/// three characters) and no notion of a pinyin syllable standing for a set
/// of characters, so the aligner decides where terms match and
/// SkimMatcherV2 scores what it found.
fn deciding(c: &mut Criterion, name: &str, plan: &Plan, index: &SearchIndex) {
    let mut g = c.benchmark_group(format!("decide/{name}"));
    let texts: Vec<&str> = plan.items().map(|item| item.text).collect();
    let skim = SkimMatcherV2::default().ignore_case();
    for (label, q) in QUERIES.iter().filter(|(_, q)| !q.is_ascii()) {
        g.bench_function(format!("{label}_index"), |b| {
            b.iter(|| index.rank(black_box(q)))
        });
        g.bench_function(format!("{label}_skim_over_every_text"), |b| {
            b.iter(|| {
                let mut found: Vec<(i64, usize)> = texts
                    .iter()
                    .enumerate()
                    .filter_map(|(doc, text)| skim.fuzzy_match(text, q).map(|s| (s, doc)))
                    .collect();
                found.sort_unstable_by_key(|&(s, doc)| (std::cmp::Reverse(s), doc));
                found
            })
        });
    }
    g.finish();
}

fn benches(c: &mut Criterion) {
    for (name, plan) in plans() {
        build(c, name, &plan);
        let index = SearchIndex::with_pinyin(&plan);
        queries(c, name, &index);
        typing(c, name, &index);
        deciding(c, name, &plan, &index);
    }
}

criterion_group! {
    name = search;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    targets = benches
}
criterion_main!(search);
