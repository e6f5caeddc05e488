//! The library: the folder of plans a user keeps, one `NAME.json` plan file
//! per plan, and the embedded plan, always there and read-only.
//!
//! The folder is `$XDG_DATA_HOME/plan-explorer/plans/` (the platform's data
//! folder, through the `directories` crate), unless `--library DIR` or
//! `PLAN_EXPLORER_LIBRARY` names another. Every write into it goes through
//! [`crate::files::write_atomic`]. Hidden entries (a leading dot) are never
//! plans: the writer's temporary files and the caches (of listings and of
//! search indexes, in `.cache/`) live there.
//! Nothing here touches the terminal.

mod index_cache;
mod listing;
pub mod name;
mod parallel;
mod search;
mod store;
mod summary;

pub use listing::{Listing, PlanEntry, list};
pub use name::{NameError, PlanName, default_name, plan_year};
pub use search::{PlanHit, PlansIndex, PlansSearch, search_plans};
pub use store::{LIBRARY_ENV, Library, LibraryError, Location, resolve};
pub use summary::{PlanSummary, embedded_name};
