//! The library's cache of search indexes (`.cache/search.bin`): derived
//! data. A search finds the same hits with it, without it, and with it
//! broken in any way; a broken or missing cache is rebuilt; a plan that
//! changes is searched as it is now; a library whose cache cannot be
//! written is searched all the same.

mod common;

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::run;

const LANXI_2026: &str = "tests/fixtures/lanxi-2026.txt";
const LANXI_2027: &str = "tests/fixtures/lanxi-2027.txt";

/// Queries of every kind: characters, pinyin, initials, `|`, exact and
/// negated terms.
const QUERIES: [&str; 6] = [
    "项目",
    "gaosu",
    "yeshijiequ",
    "gbznt",
    "高标准农田 | 夜市",
    "'万亩 !岚溪",
];

/// A library holding the two fixture years of 岚溪.
fn library(name: &str) -> std::path::PathBuf {
    let lib = common::scratch(name);
    let _ = std::fs::remove_dir_all(&lib);
    for report in [LANXI_2026, LANXI_2027] {
        let lib = lib.to_str().unwrap();
        let (status, _, err) = run(&["--library", lib, "import", report, "--save"]);
        assert_eq!(status, 0, "{err}");
    }
    lib
}

/// `search --all-plans QUERY --json` over `lib`: its status, stdout and
/// stderr.
fn search(lib: &Path, query: &str) -> (i32, String, String) {
    let lib = lib.to_str().unwrap();
    run(&["--library", lib, "search", "--all-plans", query, "--json"])
}

fn searches(lib: &Path) -> Vec<(i32, String, String)> {
    QUERIES.iter().map(|q| search(lib, q)).collect()
}

#[test]
fn hits_are_the_same_cold_warm_and_with_the_cache_broken() {
    let lib = library("same-hits");
    let cache = lib.join(".cache/search.bin");
    // Cold: no cache before each query.
    let cold: Vec<_> = QUERIES
        .iter()
        .map(|q| {
            let _ = std::fs::remove_file(&cache);
            search(&lib, q)
        })
        .collect();
    for ((status, out, err), query) in cold.iter().zip(QUERIES) {
        assert_eq!((*status, err.as_str()), (0, ""), "{query}");
        assert!(out.contains("\"plan\""), "{query}: {out}");
    }
    let sound = std::fs::read(&cache).unwrap();
    assert!(sound.starts_with(b"PXSEARCH"));
    // Warm: the cache is used, and left as it is (not even rewritten the
    // same: a rewrite is a new file).
    let file = || std::fs::metadata(&cache).unwrap().ino();
    let written = file();
    assert_eq!(searches(&lib), cold);
    assert_eq!(std::fs::read(&cache).unwrap(), sound);
    assert_eq!(file(), written);
    // Broken every way: the same hits, and the cache made whole again.
    let mut flipped = sound.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x55;
    let mut directory = sound.clone();
    directory[30] ^= 1;
    let mut version = sound.clone();
    version[8] = version[8].wrapping_add(1);
    let broken: [&[u8]; 6] = [
        &flipped,
        &directory,
        &version,
        &sound[..sound.len() / 2],
        &sound[..20],
        b"not a cache",
    ];
    for (i, bytes) in broken.iter().enumerate() {
        std::fs::write(&cache, bytes).unwrap();
        let broken = file();
        assert_eq!(searches(&lib), cold, "broken cache {i}");
        assert_eq!(std::fs::read(&cache).unwrap(), sound, "broken cache {i}");
        assert_ne!(file(), broken, "broken cache {i} rewritten");
    }
    // Deleted: nothing lost.
    std::fs::remove_dir_all(lib.join(".cache")).unwrap();
    assert_eq!(searches(&lib), cold);
    assert_eq!(std::fs::read(&cache).unwrap(), sound);
}

#[test]
fn a_library_whose_cache_cannot_be_written_is_searched_all_the_same() {
    let lib = library("unwritable");
    let cold = searches(&lib);
    std::fs::remove_dir_all(lib.join(".cache")).unwrap();
    // A file where the cache's folder would be.
    std::fs::write(lib.join(".cache"), "in the way").unwrap();
    assert_eq!(searches(&lib), cold);
    assert_eq!(searches(&lib), cold);
    assert_eq!(std::fs::read(lib.join(".cache")).unwrap(), b"in the way");
}

#[test]
fn a_changed_plan_is_searched_as_it_is_now() {
    let lib = library("changed");
    let plans = |query: &str| -> Vec<String> {
        let (status, out, err) = search(&lib, query);
        if status == 1 {
            return Vec::new();
        }
        assert_eq!(status, 0, "{err}");
        let hits: serde_json::Value = serde_json::from_str(&out).unwrap();
        let hits = hits.as_array().unwrap().iter();
        hits.map(|h| h["plan"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(plans("夜市"), ["lanxi-2026", "lanxi-2027"]);
    assert!(plans("早市").is_empty());
    // Same name, same size, same modification time, other content.
    let file = lib.join("lanxi-2027.json");
    let text = std::fs::read_to_string(&file).unwrap();
    let mtime = std::fs::metadata(&file).unwrap().modified().unwrap();
    let edited = text.replace("夜市", "早市");
    assert_eq!((edited.len(), edited != text), (text.len(), true));
    std::fs::write(&file, &edited).unwrap();
    let file = std::fs::File::options().write(true).open(&file).unwrap();
    file.set_modified(mtime).unwrap();
    assert_eq!(plans("夜市"), ["lanxi-2026"]);
    assert_eq!(plans("早市"), ["lanxi-2027"]);
    assert_eq!(plans("zaoshi"), ["lanxi-2027"]);
    // The cache keeps one entry per plan as it is now: removing a plan
    // shrinks it.
    let cache = lib.join(".cache/search.bin");
    let size = std::fs::metadata(&cache).unwrap().len();
    std::fs::remove_file(lib.join("lanxi-2026.json")).unwrap();
    assert_eq!(plans("夜市"), Vec::<String>::new());
    assert!(std::fs::metadata(&cache).unwrap().len() < size);
}
