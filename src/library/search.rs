//! Searching every plan of the library at once.
//!
//! Plans are searched in batches of [`BATCH`]: a batch's plans are read,
//! indexed together as one [`SearchIndex`], and searched, on as many
//! threads as there are cores. One index for a batch costs a third of one
//! index per plan (an index's fixed costs, its alphabet and each
//! character's pinyin readings, are paid once), and only a batch per thread
//! is in memory at a time. A document's score and what breaks its ties
//! depend on it alone, so the hits of all batches rank together.
//!
//! A plan is indexed from its entry in the cache of search indexes (see
//! [`super::index_cache`]) when the entry is there and checks out, which
//! spares parsing, checking and indexing it: reading and hashing every plan
//! file remains. A plan indexed from its file gets an entry, kept by the
//! cache as soon as its batch is indexed (out of memory: see
//! [`IndexCache::keep`]), and the cache is saved once the search is done.

use serde::Serialize;

use super::index_cache::{IndexCache, content_hash};
use super::name::PlanName;
use super::parallel::in_parallel;
use super::store::{Library, Location, plan_files};
use super::summary::embedded;
use crate::plan::load::{parse_plan, validate_items};
use crate::plan::outline::items;
use crate::plan::stream::{StreamedArea, stream_areas};
use crate::plan::{AreaKind, LoadError};
use crate::search::{PlansBuilder, SearchHit, SearchIndex, Sizes, entry_sizes, read_entry};

/// How many plans are indexed together.
const BATCH: usize = 32;

/// A hit in one of the library's plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanHit {
    /// The plan's name in the library.
    pub plan: String,
    #[serde(flatten)]
    pub hit: SearchHit,
}

/// The hits of a search across plans, best first, and a warning line for
/// each file that was skipped.
#[derive(Debug, Clone, Default)]
pub struct PlansSearch {
    pub hits: Vec<PlanHit>,
    pub warnings: Vec<String>,
}

/// A plan to search: its name and where it is.
struct Searched {
    name: PlanName,
    location: Location,
}

/// Every plan of `library`, the embedded one among them, by name; a
/// warning for each file in the folder that is not a plan file.
fn all_plans(library: &Library, warnings: &mut Vec<String>) -> Vec<Searched> {
    let mut plans: Vec<Searched> = embedded()
        .map(|e| Searched {
            name: e.name.clone(),
            location: Location::Embedded,
        })
        .into_iter()
        .collect();
    for file in plan_files(library.dir(), warnings) {
        plans.push(Searched {
            name: file.name,
            location: Location::File(file.path),
        });
    }
    plans.sort_by(|a, b| a.name.cmp(&b.name));
    plans
}

/// Searches every plan in `library` (the embedded one among them) for
/// `query`. Hits rank by score, best first; equal scores by where the match
/// stands, then by the plans' order by name, then document order. `limit`
/// caps the hits in all.
pub fn search_plans(library: &Library, query: &str, limit: Option<usize>) -> PlansSearch {
    let mut result = PlansSearch::default();
    let plans = all_plans(library, &mut result.warnings);
    let batches: Vec<&[Searched]> = plans.chunks(BATCH).collect();
    let pinyin = query.chars().any(|c| c.is_ascii_alphabetic());
    let cache = IndexCache::open(library.dir());
    let max_size = library.max_size();
    let searched = in_parallel(&batches, |batch| {
        let indexed = PlansIndex::of(batch, pinyin, max_size, &cache);
        let hits = indexed.index.search_ranked(query, limit);
        // The index goes here, before its thread takes the next batch.
        let Indexed {
            warnings, hashes, ..
        } = indexed;
        (hits, warnings, hashes)
    });
    let mut hits = Vec::new();
    let mut hashes = Vec::new();
    for (found, warnings, plans) in searched {
        hits.extend(found);
        result.warnings.extend(warnings);
        hashes.extend(plans);
    }
    cache.save(&hashes);
    // Stable: ties keep plan order, then document order.
    hits.sort_by_key(|(h, tie)| (std::cmp::Reverse(h.hit.score), *tie));
    if let Some(limit) = limit {
        hits.truncate(limit);
    }
    result.hits = hits.into_iter().map(|(hit, _)| hit).collect();
    result
}

/// Plans indexed together, what went wrong reading them, and their
/// content hashes, in order (the entries of those the cache lacked are
/// kept by it).
#[derive(Debug)]
struct Indexed {
    index: PlansIndex,
    warnings: Vec<String>,
    hashes: Vec<u128>,
}

/// One search index over several plans, and which plan each document is
/// of: what the app searches when its search line covers every plan.
#[derive(Debug)]
pub struct PlansIndex {
    pub index: SearchIndex,
    /// Where each plan's documents start, ascending.
    starts: Vec<usize>,
    names: Vec<String>,
    /// Each plan's areas' kinds, so a hit of last year's review is told
    /// from this year's work.
    kinds: Vec<Vec<AreaKind>>,
}

impl PlansIndex {
    /// Indexes every plan of `library`, with pinyin; a warning for each
    /// file that is not a plan.
    pub fn build(library: &Library) -> (PlansIndex, Vec<String>) {
        let mut warnings = Vec::new();
        let plans = all_plans(library, &mut warnings);
        let cache = IndexCache::open(library.dir());
        let indexed = PlansIndex::of(&plans, true, library.max_size(), &cache);
        cache.save(&indexed.hashes);
        warnings.extend(indexed.warnings);
        (indexed.index, warnings)
    }

    /// Indexes `plans` together, each from its entry in `cache` when that
    /// checks out, else from its file; a warning for each plan that cannot
    /// be read. The entries made are kept by `cache`.
    fn of(plans: &[Searched], pinyin: bool, max_size: u64, cache: &IndexCache) -> Indexed {
        let mut warnings = Vec::new();
        // Every plan's entry (or else its file) read first, so the index is
        // made with room for all: a buffer that grows is copied.
        let mut read = Vec::with_capacity(plans.len());
        let mut reader = cache.reader();
        let mut room = Sizes::default();
        for plan in plans {
            match plan.location.read(max_size) {
                Ok((bytes, path)) => {
                    let hash = content_hash(&bytes);
                    let pending = match reader.read(hash) {
                        Some(entry) => Pending::Stored(entry),
                        None => Pending::Parsed(bytes, path),
                    };
                    room = room + pending.room();
                    read.push((plan, hash, pending));
                }
                Err(e) => warnings.push(format!("{e} (skipped)")),
            }
        }
        let mut builder = PlansBuilder::with_capacity(room);
        let (mut names, mut hashes) = (Vec::new(), Vec::new());
        for (plan, hash, pending) in read {
            match pending.add(&mut builder, plan, hash, max_size) {
                Ok(hash) => {
                    names.push(plan.name.to_string());
                    hashes.push(hash);
                }
                Err(e) => warnings.push(format!("{e} (skipped)")),
            }
        }
        let built = builder.finish(pinyin);
        cache.keep(built.entries);
        let index = PlansIndex {
            index: built.index,
            starts: built.starts,
            names,
            kinds: built.kinds,
        };
        Indexed {
            index,
            warnings,
            hashes,
        }
    }

    /// The plan document `doc` is of, and its number within that plan.
    pub fn plan_of(&self, doc: usize) -> Option<(&str, usize)> {
        let owner = self.starts.partition_point(|&s| s <= doc).checked_sub(1)?;
        let name = self.names.get(owner)?;
        Some((name, doc - self.starts[owner]))
    }

    /// The kind of the area document `doc` is in, within its plan.
    pub fn kind_of(&self, doc: usize) -> Option<AreaKind> {
        let owner = self.starts.partition_point(|&s| s <= doc).checked_sub(1)?;
        let area = self.index.doc(doc)?.target.area();
        self.kinds.get(owner)?.get(area).copied()
    }

    /// How many plans are indexed.
    pub fn plans(&self) -> usize {
        self.names.len()
    }

    /// The best `limit` hits (all when None), best first, each with its
    /// plan, its document number within that plan, and what breaks a tie
    /// in its score.
    fn search_ranked(&self, query: &str, limit: Option<usize>) -> Vec<(PlanHit, u32)> {
        self.index
            .search_ranked(query, limit)
            .into_iter()
            .filter_map(|(mut hit, tie)| {
                let (plan, doc) = self.plan_of(hit.doc)?;
                hit.doc = doc;
                let plan = plan.to_string();
                Some((PlanHit { plan, hit }, tie))
            })
            .collect()
    }
}

/// A plan read, to be indexed: its entry in the cache, or else its file's
/// bytes and name.
enum Pending {
    Stored(Vec<u8>),
    Parsed(Vec<u8>, String),
}

impl Pending {
    /// The room the plan is likely to take in an index.
    fn room(&self) -> Sizes {
        match self {
            Pending::Stored(entry) => entry_sizes(entry),
            Pending::Parsed(bytes, _) => Sizes::of_json(bytes.len()),
        }
    }

    /// Adds the plan whose content hash is `hash` to `builder`: from its
    /// entry when that checks out, else from its file (read again, should
    /// the entry not check out). Returns the hash of what was added.
    fn add(
        self,
        builder: &mut PlansBuilder,
        plan: &Searched,
        hash: u128,
        max_size: u64,
    ) -> Result<u128, LoadError> {
        let (bytes, path, hash) = match self {
            Pending::Stored(entry) => {
                if let Some(stored) = read_entry(&entry, hash) {
                    builder.add_stored(&stored);
                    return Ok(hash);
                }
                let (bytes, path) = plan.location.read(max_size)?;
                let hash = content_hash(&bytes);
                (bytes, path, hash)
            }
            Pending::Parsed(bytes, path) => (bytes, path, hash),
        };
        let areas = read_areas(&bytes, &path)?;
        let kinds = areas.iter().map(|a| a.kind).collect();
        builder.add_items(items(&areas), kinds, hash);
        Ok(hash)
    }
}

/// A plan file's areas, borrowed from its bytes, checked as
/// [`parse_plan`] checks a plan; when they fail, `parse_plan` says why.
/// (Search reads titles and sentences only: building whole plans, targets
/// and all, took a third of the time.)
fn read_areas<'a>(bytes: &'a [u8], path: &str) -> Result<Vec<StreamedArea<'a>>, LoadError> {
    let explain = || match parse_plan(bytes, path) {
        Err(e) => e,
        // A plan that parses but does not stream: an object written
        // another way (as an array of its fields).
        Ok(_) => LoadError::Shape {
            path: path.to_string(),
            field: ".".into(),
            message: "a plan written as an object was expected".into(),
        },
    };
    let Ok(text) = simdutf8::basic::from_utf8(bytes) else {
        return Err(explain());
    };
    let mut areas = Vec::new();
    let Ok(source_lines) = stream_areas(text, |area| areas.push(area)) else {
        return Err(explain());
    };
    validate_items(|| items(&areas), source_lines, path)?;
    Ok(areas)
}
