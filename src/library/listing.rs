//! Listing the library: each plan's name, title, year and counts, with a
//! warning for each file that is not a plan.
//!
//! Reading a summary means parsing the whole plan, too slow for a thousand
//! plans, so summaries are kept in `.cache/summaries.json` in the library,
//! each under its file's name with the hash (XXH3-128) of the file's bytes.
//! A summary is used only while its file still hashes the same, so it is
//! never stale; a cache that is missing, unreadable or of another version
//! is rebuilt; deleting it loses nothing.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::name::PlanName;
use super::parallel::in_parallel;
use super::store::{Library, Location, PlanFile, cache_folder, plan_files};
use super::summary::{PlanSummary, embedded};
use crate::plan::load::{parse_plan, read_file};

/// A plan in the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanEntry {
    pub name: PlanName,
    pub summary: PlanSummary,
    pub location: Location,
}

impl PlanEntry {
    /// The embedded plan cannot be replaced or removed.
    pub fn read_only(&self) -> bool {
        self.location == Location::Embedded
    }
}

/// The library's plans by name, and one warning line for each file that
/// was skipped.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub entries: Vec<PlanEntry>,
    pub warnings: Vec<String>,
}

/// The cache's file, within the library folder.
const CACHE_FILE: &str = ".cache/summaries.json";
/// Bumped whenever [`PlanSummary`] or the rules behind it change.
const CACHE_VERSION: u32 = 2;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    version: u32,
    files: HashMap<String, Cached>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Cached {
    hash: String,
    /// The summary, or why the file is not a plan.
    summary: Result<PlanSummary, String>,
}

/// Every plan in `library`, the embedded one among them, by name; files
/// that are not plans are skipped with a warning each.
pub fn list(library: &Library) -> Listing {
    let mut listing = Listing::default();
    if let Some(e) = embedded() {
        listing.entries.push(PlanEntry {
            name: e.name.clone(),
            summary: e.summary.clone(),
            location: Location::Embedded,
        });
    }
    let files = plan_files(library.dir(), &mut listing.warnings);
    let cache = read_cache(library.dir());
    let results = summarise_all(&files, &cache, library.max_size());
    let mut fresh = Cache {
        version: CACHE_VERSION,
        files: HashMap::new(),
    };
    for (file, result) in files.into_iter().zip(results) {
        let cached = match result {
            Ok(cached) => cached,
            Err(warning) => {
                listing.warnings.push(warning);
                continue;
            }
        };
        match &cached.summary {
            Ok(summary) => listing.entries.push(PlanEntry {
                name: file.name,
                summary: summary.clone(),
                location: Location::File(file.path),
            }),
            Err(why) => listing.warnings.push(format!("{why} (skipped)")),
        }
        fresh.files.insert(file.file_name, cached);
    }
    listing.entries.sort_by(|a, b| a.name.cmp(&b.name));
    if fresh.files != cache.files {
        write_cache(library.dir(), &fresh);
    }
    listing
}

/// Each file's summary, from the cache when its hash matches; a warning
/// for a file that cannot be read.
fn summarise_all(files: &[PlanFile], cache: &Cache, max_size: u64) -> Vec<Result<Cached, String>> {
    in_parallel(files, |file| {
        summarise(file, cache.files.get(&file.file_name), max_size)
    })
}

fn summarise(file: &PlanFile, cached: Option<&Cached>, max_size: u64) -> Result<Cached, String> {
    let (bytes, name) = read_file(&file.path, max_size).map_err(|e| format!("{e} (skipped)"))?;
    let hash = content_hash(&bytes);
    if let Some(cached) = cached.filter(|c| c.hash == hash) {
        return Ok(cached.clone());
    }
    let summary = parse_plan(&bytes, &name)
        .map(|plan| PlanSummary::of(&plan))
        .map_err(|e| e.to_string());
    Ok(Cached { hash, summary })
}

/// The hash a cache entry is keyed by: XXH3-128 of the file's bytes.
fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", super::index_cache::content_hash(bytes))
}

fn read_cache(dir: &Path) -> Cache {
    let path = dir.join(CACHE_FILE);
    let Ok((bytes, _)) = read_file(&path, crate::files::DEFAULT_MAX_SIZE) else {
        return Cache::default();
    };
    match serde_json::from_slice::<Cache>(&bytes) {
        Ok(cache) if cache.version == CACHE_VERSION => cache,
        _ => Cache::default(),
    }
}

/// Writes the cache, atomically; a cache that cannot be written is simply
/// rebuilt next time.
fn write_cache(dir: &Path, cache: &Cache) {
    let path = dir.join(CACHE_FILE);
    if !cache_folder(&path) {
        return;
    }
    let Ok(json) = serde_json::to_vec(cache) else {
        return;
    };
    let _ = crate::files::write_atomic(&path, |w| w.write_all(&json));
}
