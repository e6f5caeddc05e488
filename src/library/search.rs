//! Searching every plan of the library at once.
//!
//! Plans are searched in batches of [`BATCH`]: a batch's plans are read,
//! indexed together as one [`SearchIndex`], and searched, on as many
//! threads as there are cores. One index for a batch costs a third of one
//! index per plan (an index's fixed costs, its alphabet and each
//! character's pinyin readings, are paid once), and only a batch per thread
//! is in memory at a time. A document's score depends on it alone, so the
//! hits of all batches rank together.

use serde::Serialize;

use super::name::PlanName;
use super::parallel::in_parallel;
use super::store::{Library, Location, plan_files};
use super::summary::embedded;
use crate::plan::load::{parse_plan, validate_items};
use crate::plan::outline::items;
use crate::plan::stream::{StreamedArea, stream_areas};
use crate::plan::{AreaKind, LoadError};
use crate::search::{SearchHit, SearchIndex};

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
/// `query`. Hits rank by score, best first; equal scores keep the plans'
/// order by name, then document order. `limit` caps the hits in all.
pub fn search_plans(library: &Library, query: &str, limit: Option<usize>) -> PlansSearch {
    let mut result = PlansSearch::default();
    let plans = all_plans(library, &mut result.warnings);
    let batches: Vec<&[Searched]> = plans.chunks(BATCH).collect();
    let pinyin = query.chars().any(|c| c.is_ascii_alphabetic());
    let max_size = library.max_size();
    let searched = in_parallel(&batches, |batch| {
        let (index, warnings) = PlansIndex::of(batch, pinyin, max_size);
        (index.search(query, limit), warnings)
    });
    for (hits, warnings) in searched {
        result.hits.extend(hits);
        result.warnings.extend(warnings);
    }
    // Stable: ties keep plan order, then document order.
    result.hits.sort_by_key(|h| std::cmp::Reverse(h.hit.score));
    if let Some(limit) = limit {
        result.hits.truncate(limit);
    }
    result
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
        let (index, more) = PlansIndex::of(&plans, true, library.max_size());
        warnings.extend(more);
        (index, warnings)
    }

    /// Indexes `plans` together; a warning for each that cannot be read.
    fn of(plans: &[Searched], pinyin: bool, max_size: u64) -> (PlansIndex, Vec<String>) {
        let mut warnings = Vec::new();
        let mut files: Vec<(&PlanName, Vec<u8>, String)> = Vec::with_capacity(plans.len());
        for plan in plans {
            match plan.location.read(max_size) {
                Ok((bytes, name)) => files.push((&plan.name, bytes, name)),
                Err(e) => warnings.push(format!("{e} (skipped)")),
            }
        }
        // Each plan's areas, borrowed from its bytes.
        let mut read: Vec<(&PlanName, Vec<StreamedArea>)> = Vec::with_capacity(files.len());
        let (mut starts, mut names, mut kinds) = (Vec::new(), Vec::new(), Vec::new());
        let mut docs = 0;
        for (name, bytes, path) in &files {
            match read_areas(bytes, path) {
                Ok(areas) => {
                    starts.push(docs);
                    names.push(name.to_string());
                    kinds.push(areas.iter().map(|a| a.kind).collect());
                    docs += items(&areas).count();
                    read.push((name, areas));
                }
                Err(e) => warnings.push(format!("{e} (skipped)")),
            }
        }
        let mut index = SearchIndex::from_items(read.iter().flat_map(|(_, areas)| items(areas)));
        if pinyin {
            let built = index.pinyin_builder().build();
            let _ = index.attach_pinyin(built);
        }
        let index = PlansIndex {
            index,
            starts,
            names,
            kinds,
        };
        (index, warnings)
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
    /// plan and its document number within that plan.
    pub fn search(&self, query: &str, limit: Option<usize>) -> Vec<PlanHit> {
        self.index
            .search(query, limit)
            .into_iter()
            .filter_map(|mut hit| {
                let (plan, doc) = self.plan_of(hit.doc)?;
                hit.doc = doc;
                Some(PlanHit {
                    plan: plan.to_string(),
                    hit,
                })
            })
            .collect()
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
